/*
** gen_text.c: TextIndex as generated C. Its tokenizer and every row of its
** TextIndexNormalization tables become regular expressions compiled by
** gen_regex.c; the expression's function evaluates the text and the term
** and calls pm_textindex (genrt.inc: text), the port of
** runtime/eval_text.c, which keeps the last text normalized and tokenized
** in the context (pm_ctx.tx_) for the next term.
*/
#include <stdio.h>
#include <string.h>

#include "gen.h"

static const char *const weight_names[] = {
  "termFrequency", "binary", "logarithmic", "augmentedNormalizedTermFrequency"};

/* The index of the column called 'name' in t, or -1 (eval_text.c). */
static int32_t
column(const pmml_model *doc, const pm_table *t, const char *name)
{
  int32_t id = pmmlS_lookup(&doc->strs, name, strlen(name)), k;
  if (id < 0)
    return -1;
  for (k = 0; k < t->n_cols; k++)
    if (t->cols[k] == id)
      return k;
  return -1;
}

static int
is_true(const char *s, size_t n)
{
  static const char t[] = "true";
  size_t i;
  if (n != 4)
    return 0;
  for (i = 0; i < 4; i++)
    if ((s[i] | 0x20) != t[i])
      return 0;
  return 1;
}

/* <TextIndexNormalization> k of TextIndex ei: x<E>_n<K>_r<I> and the rows'
** table x<E>_n<K> (eval_text.c: prepare_norm). */
static int
gen_norm(gen *g, int32_t ei, const pm_textindex *ti, int32_t k)
{
  const pmml_model *doc = g->doc;
  const pm_textnorm *tn = &ti->norms[k];
  const pm_table *t = tn->table;
  uint32_t line = doc->exprs[ei].line;
  int cs = tn->case_sensitive >= 0 ? tn->case_sensitive : ti->case_sensitive;
  int32_t in, out, re, i;
  gbuf *d;
  char name[64];
  if (!t || t->n_rows == 0) {
    gb_printf(gen_out(g, GS_DATA),
              "\n/* TextIndexNormalization %d of TextIndex line %u: no rows "
              "*/\nstatic const pm_tnrow x%d_n%d[1] = {{NULL, 0, 0}};\n",
              (int)k, (unsigned)line, (int)ei, (int)k);
    return 0;
  }
  in = tn->in_col >= 0 ? tn->in_col : column(doc, t, "string");
  out = tn->out_col >= 0 ? tn->out_col : column(doc, t, "stem");
  re = tn->regex_col >= 0 ? tn->regex_col : column(doc, t, "regex");
  if (in < 0 || out < 0 || in >= t->n_cols || out >= t->n_cols ||
      re >= t->n_cols)
    return gen_fail(g, line, "TextIndexNormalization: the table has no %s "
                    "column", in < 0 ? "inField" : "outField");
  for (i = 0; i < t->n_rows; i++) {
    const pm_lit *row = t->cells + (size_t)i * (size_t)t->n_cols;
    size_t il, rl = 0;
    const char *is, *rs = NULL;
    int is_regex;
    if (row[in].t == PM_T_MISSING || row[in].sym < 0 ||
        row[out].t == PM_T_MISSING || row[out].sym < 0)
      return gen_fail(g, line, "TextIndexNormalization: row %d has an "
                      "empty cell", (int)i + 1);
    is = gen_strtext(g, row[in].sym, &il);
    if (re >= 0 && row[re].t != PM_T_MISSING && row[re].sym >= 0)
      rs = gen_strtext(g, row[re].sym, &rl);
    is_regex = (rs && is_true(rs, rl)) ||
               (re >= 0 && row[re].t == PM_T_BOOL && row[re].num != 0.0);
    snprintf(name, sizeof name, "x%d_n%d_r%d", (int)ei, (int)k, (int)i);
    if (gen_regex(g, name, is, il,
                  (cs ? 0u : PM_RX_CASELESS) |
                      (is_regex ? 0u : PM_RX_LITERAL),
                  line, "TextIndexNormalization"))
      return -1;
  }
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* TextIndexNormalization %d of TextIndex line %u: "
               "{ inField, outField, regexField } */\n"
               "static const pm_tnrow x%d_n%d[%d] = {\n",
            (int)k, (unsigned)line, (int)ei, (int)k, (int)t->n_rows);
  for (i = 0; i < t->n_rows; i++) {
    const pm_lit *row = t->cells + (size_t)i * (size_t)t->n_cols;
    size_t rl = 0;
    const char *rs = NULL;
    if (re >= 0 && row[re].t != PM_T_MISSING && row[re].sym >= 0)
      rs = gen_strtext(g, row[re].sym, &rl);
    gb_printf(d, "  {&x%d_n%d_r%d, %d, %d}, /* -> ", (int)ei, (int)k,
              (int)i, (int)gen_str(g, row[out].sym),
              (rs && is_true(rs, rl)) ||
                  (re >= 0 && row[re].t == PM_T_BOOL && row[re].num != 0.0));
    gen_name(g, d, row[out].sym);
    gb_puts(d, " */\n");
  }
  gb_puts(d, "};\n");
  return 0;
}

/*
** The body of x<E> for <TextIndex> ei, whose function header gen_expr has
** written into b: its tables (tokenizer, normalizations) in GS_DATA, then
** the evaluation of the text and the term (eval_text.c: pmmlE_textindex).
*/
int
gen_textindex(gen *g, int32_t ei, gbuf *b)
{
  const pmml_model *doc = g->doc;
  const pm_expr *e = &doc->exprs[ei];
  const pm_textindex *ti = e->ext;
  uint32_t line = e->line;
  gbuf *d;
  char name[64];
  int32_t k;
  if (!ti)
    return gen_fail(g, line, "TextIndex: not prepared");
  gen_need(g, "text");
  g->makes_strings = 1; /* a text that is not a string is formatted */
  if (ti->word_re >= 0) {
    size_t n;
    const char *p = gen_strtext(g, ti->word_re, &n);
    snprintf(name, sizeof name, "x%d_word", (int)ei);
    if (gen_regex(g, name, p, n, 0, line, "TextIndex x-wordRE"))
      return -1;
  } else {
    const char *p = "\\s+";
    size_t n = 3;
    if (ti->word_sep >= 0)
      p = gen_strtext(g, ti->word_sep, &n);
    snprintf(name, sizeof name, "x%d_split", (int)ei);
    if (gen_regex(g, name, p, n, 0, line,
                  "TextIndex wordSeparatorCharacterRE"))
      return -1;
    snprintf(name, sizeof name, "x%d_punct", (int)ei);
    if (gen_regex(g, name, "\\G\\p{P}", 7, PM_RX_UNICODE, line,
                  "TextIndex"))
      return -1;
  }
  for (k = 0; k < ti->n_norms; k++)
    if (gen_norm(g, ei, ti, k))
      return -1;
  d = gen_out(g, GS_DATA);
  if (ti->n_norms) {
    gb_printf(d, "\nstatic const pm_tnorm x%d_norms[%d] = {\n", (int)ei,
              (int)ti->n_norms);
    for (k = 0; k < ti->n_norms; k++) {
      const pm_table *t = ti->norms[k].table;
      gb_printf(d, "  {x%d_n%d, %d, %d},\n", (int)ei, (int)k,
                t ? (int)t->n_rows : 0, (int)ti->norms[k].recursive);
    }
    gb_puts(d, "};\n");
  }
  {
    char split[64] = "NULL", word[64] = "NULL", punct[64] = "NULL",
         norms[64] = "NULL";
    if (ti->word_re >= 0) {
      snprintf(word, sizeof word, "&x%d_word", (int)ei);
    } else {
      snprintf(split, sizeof split, "&x%d_split", (int)ei);
      snprintf(punct, sizeof punct, "&x%d_punct", (int)ei);
    }
    if (ti->n_norms)
      snprintf(norms, sizeof norms, "x%d_norms", (int)ei);
    gb_printf(d, "\n/* <TextIndex localTermWeights=\"%s\" "
                 "isCaseSensitive=\"%s\" countHits=\"%s\"\n** "
                 "maxLevenshteinDistance=\"%d\"> (line %u): { cache key, "
                 "separator,\n** words, punctuation, normalizations, their "
                 "count, weights, case, hits,\n** distance } */\n"
                 "static const pm_textidx x%d_ti = {\n"
                 "  %d, %s, %s, %s, %s, %d, %d, %d, %d, %d\n};\n",
              weight_names[ti->local_weights % 4],
              ti->case_sensitive ? "true" : "false",
              ti->count_hits ? "bestHits" : "allHits", (int)ti->max_lev,
              (unsigned)line, (int)ei, (int)ei + 1, split, word, punct, norms,
              (int)ti->n_norms, (int)ti->local_weights,
              (int)ti->case_sensitive, (int)ti->count_hits,
              (int)ti->max_lev);
  }
  if (e->n < 2) {
    gb_puts(b, "  (void)p;\n  *out = pm_missing();\n"
               "  return pm_fail(c, PM_E_EVAL, \"TextIndex: no term\");\n}\n");
    return 0;
  }
  gb_printf(b, "  pm_v text, term;\n  *out = pm_missing();\n"
               "  if (c->failed_)\n    return -1;\n"
               "  /* the text (textField), then the term */\n"
               "  if (x%d(c, p, &text))\n    return -1;\n"
               "  if (text.t == PM_T_MISSING)\n    return 0;\n"
               "  if (x%d(c, p, &term))\n    return -1;\n"
               "  if (term.t == PM_T_MISSING)\n    return 0;\n"
               "  return pm_textindex(c, &x%d_ti, &text, &term, out);\n}\n",
            (int)doc->args[e->first], (int)doc->args[e->first + 1],
            (int)ei);
  return 0;
}
