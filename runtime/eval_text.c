/*
** eval_text.c: TextIndex (PMML 4.4 Transformations, "Text Indexing"): the
** frequency of a term in a text field after TextIndexNormalization, with
** tokenizing by wordSeparatorCharacterRE (or the x-wordRE extension),
** case folding, bounded Levenshtein matching of tokens, allHits/bestHits
** and the local term weights.
**
** pmmlR_textindex (resolve time) compiles every regular expression and
** normalization row into the model's arena. pmmlE_textindex (scoring)
** allocates nothing: the normalized text and its tokens live in a cache in
** the context's regex state (sized by pmmlE_textindex_cache_size), keyed by
** the record and the text, so that a TextIndex evaluated once per term (the
** tf-idf DefineFunction of sklearn2pmml) normalizes and tokenizes a text
** once per record. TextIndex elements that normalize and tokenize alike
** share the cache entry.
**
** Behaviour the specification leaves open, following JPMML-Evaluator
** (TextUtil, TextSplitter, TextMatcher):
** - Normalization rows apply in order to the whole text: a row whose regex
**   cell is "true" (any case) replaces every match of its inField pattern by
**   its outField text ($n group references allowed); other rows replace the
**   literal inField text wherever it occurs (not only whole tokens).
**   Matching ignores case unless isCaseSensitive. recursive="true" repeats
**   the table until no row changes the text (at most PM_TEXT_MAX_PASSES).
** - wordSeparatorCharacterRE (default "\s+") splits the text; leading and
**   trailing punctuation (Unicode category P) is trimmed from each token and
**   empty tokens are dropped. With x-wordRE the tokens are the non-empty
**   matches of that pattern, untrimmed.
** - The term is tokenized the same way but not normalized. A term of k
**   tokens matches k consecutive text tokens; the Levenshtein distances of
**   its tokens add up and must not exceed maxLevenshteinDistance. bestHits
**   counts only the matches of the smallest total distance.
** - binary and termFrequency give integers, logarithmic log10(1 + tf).
**   augmentedNormalizedTermFrequency (which JPMML does not implement) is
**   0.5 * (binary + tf / maxTf), maxTf being the largest count of any single
**   token of the text (0 when the text has no tokens).
** - tokenize="false" is refused at resolve time (as JPMML does).
** - A missing text or term gives a missing value.
**
** Limits (a record beyond them fails with a message): PM_TEXT_MAX_BYTES of
** normalized text, PM_TEXT_MAX_TOKENS tokens in a text, PM_TERM_MAX_TOKENS
** in a term, PM_TERM_MAX_CHARS characters in a term token when
** maxLevenshteinDistance > 0.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

#define PM_TEXT_MAX_BYTES (128u * 1024u)
#define PM_TEXT_MAX_TOKENS 8192u
#define PM_TERM_MAX_TOKENS 64u
#define PM_TERM_MAX_CHARS 256u
#define PM_TEXT_MAX_PASSES 64

typedef struct pm_tok {
  uint32_t off, len;
} pm_tok;

/* A TextIndex, compiled (pm_textindex.compiled). */
typedef struct pm_tix {
  const pm_regex *split;  /* wordSeparatorCharacterRE, or NULL */
  const pm_regex *word;   /* x-wordRE, or NULL */
  const pm_regex *punct;  /* one punctuation character at the offset */
  const void *klass;      /* shared by TextIndexes that tokenize alike */
} pm_tix;

/* A TextIndexNormalization, compiled (pm_textnorm.compiled). */
typedef struct pm_tnx {
  int32_t n;              /* rows */
  const pm_regex **rx;    /* [n] the inField pattern or literal */
  const char **out;       /* [n] the outField text */
  uint32_t *out_len;      /* [n] */
  uint8_t *is_regex;      /* [n] */
} pm_tnx;

/* The per-context cache (in the regex state). */
typedef struct pm_tcache {
  const void *klass;      /* which tokenizer made it; NULL: empty */
  uint32_t gen;           /* the record */
  const char *src;        /* the text value it was made from */
  size_t srclen;
  const char *text;       /* the normalized text: buf[0] or buf[1] */
  uint32_t ntok;
  int32_t maxtf;          /* -1 until computed */
  pm_tok tok[PM_TEXT_MAX_TOKENS];
  uint32_t idx[PM_TEXT_MAX_TOKENS];
  char buf[2][PM_TEXT_MAX_BYTES];
} pm_tcache;

/* Bytes of cache a context of doc needs: one pm_tcache when the document
** has a TextIndex. */
size_t
pmmlE_textindex_cache_size(const pmml_model *doc)
{
  int32_t i;
  for (i = 0; i < doc->n_exprs; i++)
    if (doc->exprs[i].op == PM_X_TEXTINDEX)
      return sizeof(pm_tcache);
  return 0;
}

/* ---- Resolve ---------------------------------------------------------- */

/* The index of the column called 'name' in t, or -1. */
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

/* The text of a table cell (interned), or NULL when absent. */
static const char *
cell(const pmml_model *doc, const pm_lit *l, uint32_t *len)
{
  if (l->t == PM_T_MISSING || l->sym < 0)
    return NULL;
  *len = pmmlS_len(&doc->strs, l->sym);
  return pmmlS_str(&doc->strs, l->sym);
}

static int
is_true(const char *s, uint32_t n)
{
  static const char t[] = "true";
  uint32_t i;
  if (n != 4)
    return 0;
  for (i = 0; i < 4; i++)
    if ((s[i] | 0x20) != t[i])
      return 0;
  return 1;
}

static const pm_regex *
compile(pm_resolver *r, uint32_t line, const char *what, const char *pat,
        size_t len, unsigned flags)
{
  char msg[200];
  pm_regex *rx = pmmlR_regex_ex(pmmlR_arena(r), pat, len, flags, msg,
                                sizeof msg);
  if (!rx && !strcmp(msg, PM_RX_NOMEM))
    pmmlR_fail(r, PMML_E_NOMEM, line, "out of memory");
  else if (!rx)
    pmmlR_fail(r, PMML_E_INVALID, line, "%s: bad regular expression '%.*s':"
               " %s", what, (int)(len > 60 ? 60 : len), pat, msg);
  return rx;
}

/* Compile one TextIndexNormalization. 0 or -1. */
static int
prepare_norm(pm_resolver *r, const pm_textindex *ti, pm_textnorm *tn,
             uint32_t line)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_arena *a = pmmlR_arena(r);
  const pm_table *t = tn->table;
  int32_t in, out, re, i;
  int cs = tn->case_sensitive >= 0 ? tn->case_sensitive
                                   : ti->case_sensitive;
  pm_tnx *x = pmmlM_alloc(a, sizeof *x);

  if (!x)
    goto nomem;
  if (!t) { /* no InlineTable: the normalization does nothing */
    tn->compiled = x;
    return 0;
  }
  in = tn->in_col >= 0 ? tn->in_col : column(doc, t, "string");
  out = tn->out_col >= 0 ? tn->out_col : column(doc, t, "stem");
  re = tn->regex_col >= 0 ? tn->regex_col : column(doc, t, "regex");
  if (in < 0 || out < 0 || in >= t->n_cols || out >= t->n_cols
      || re >= t->n_cols) {
    pmmlR_fail(r, PMML_E_INVALID, line, "TextIndexNormalization: the "
               "table has no %s column", in < 0 ? "inField" : "outField");
    return -1;
  }
  x->n = t->n_rows;
  x->rx = pmmlM_alloc(a, (size_t)x->n * sizeof *x->rx + 1);
  x->out = pmmlM_alloc(a, (size_t)x->n * sizeof *x->out + 1);
  x->out_len = pmmlM_alloc(a, (size_t)x->n * sizeof *x->out_len + 1);
  x->is_regex = pmmlM_alloc(a, (size_t)x->n + 1);
  if (!x->rx || !x->out || !x->out_len || !x->is_regex)
    goto nomem;
  for (i = 0; i < x->n; i++) {
    const pm_lit *row = t->cells + (size_t)i * (size_t)t->n_cols;
    uint32_t il = 0, ol = 0, rl = 0;
    const char *is = cell(doc, &row[in], &il);
    const char *os = cell(doc, &row[out], &ol);
    const char *rs = re >= 0 ? cell(doc, &row[re], &rl) : NULL;
    if (!is || !os) {
      pmmlR_fail(r, PMML_E_INVALID, line, "TextIndexNormalization: row %ld "
                 "has no %s cell", (long)i + 1, is ? "outField" : "inField");
      return -1;
    }
    x->is_regex[i] = (uint8_t)((rs && is_true(rs, rl))
                               || (re >= 0 && row[re].t == PM_T_BOOL
                                   && row[re].num != 0.0));
    x->rx[i] = compile(r, line, "TextIndexNormalization", is, il,
                       (cs ? 0u : PM_RX_CASELESS)
                           | (x->is_regex[i] ? 0u : PM_RX_LITERAL));
    if (!x->rx[i])
      return -1;
    x->out[i] = os;
    x->out_len[i] = ol;
  }
  tn->compiled = x;
  return 0;
nomem:
  pmmlR_fail(r, PMML_E_NOMEM, line, "out of memory");
  return -1;
}

/* Do two TextIndexes normalize and tokenize the same text alike? */
static int
same_tables(const pm_table *a, const pm_table *b)
{
  int32_t i, n;
  if (a == b)
    return 1;
  if (!a || !b || a->n_cols != b->n_cols || a->n_rows != b->n_rows)
    return 0;
  for (i = 0; i < a->n_cols; i++)
    if (a->cols[i] != b->cols[i])
      return 0;
  n = a->n_cols * a->n_rows;
  for (i = 0; i < n; i++)
    if (a->cells[i].t != b->cells[i].t || a->cells[i].sym != b->cells[i].sym)
      return 0;
  return 1;
}

static int
alike(const pm_textindex *a, const pm_textindex *b)
{
  int32_t i;
  if (a->text_slot != b->text_slot || a->case_sensitive != b->case_sensitive
      || a->word_sep != b->word_sep || a->word_re != b->word_re
      || a->n_norms != b->n_norms)
    return 0;
  for (i = 0; i < a->n_norms; i++) {
    const pm_textnorm *x = &a->norms[i], *y = &b->norms[i];
    if (x->in_col != y->in_col || x->out_col != y->out_col
        || x->regex_col != y->regex_col || x->recursive != y->recursive
        || x->case_sensitive != y->case_sensitive
        || !same_tables(x->table, y->table))
      return 0;
  }
  return 1;
}

/*
** Prepare TextIndex ti (its fields resolved): compile the tokenizer and the
** normalization tables, and find a TextIndex already prepared that
** tokenizes alike to share the per-context cache with. Marks the document
** as using regular expressions. 0, or -1 with the resolver failed.
** PMML 4.4 Transformations: TextIndex, TextIndexNormalization.
*/
int
pmmlR_textindex(pm_resolver *r, pm_textindex *ti, uint32_t line)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_tix *x;
  int32_t i;

  if (!ti->tokenize) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, line,
               "TextIndex: tokenize=\"false\" is not supported");
    return -1;
  }
  if (ti->max_lev < 0) {
    pmmlR_fail(r, PMML_E_INVALID, line,
               "TextIndex: maxLevenshteinDistance must not be negative");
    return -1;
  }
  if (!(x = pmmlM_alloc(pmmlR_arena(r), sizeof *x))) {
    pmmlR_fail(r, PMML_E_NOMEM, line, "out of memory");
    return -1;
  }
  doc->uses_regex = 1;
  if (ti->word_re >= 0) {
    x->word = compile(r, line, "TextIndex x-wordRE",
                      pmmlS_str(&doc->strs, ti->word_re),
                      pmmlS_len(&doc->strs, ti->word_re), 0);
    if (!x->word)
      return -1;
  } else {
    const char *p = "\\s+";
    size_t n = 3;
    if (ti->word_sep >= 0) {
      p = pmmlS_str(&doc->strs, ti->word_sep);
      n = pmmlS_len(&doc->strs, ti->word_sep);
    }
    x->split = compile(r, line, "TextIndex wordSeparatorCharacterRE", p, n,
                       0);
    x->punct = compile(r, line, "TextIndex", "\\G\\p{P}", 7, PM_RX_UNICODE);
    if (!x->split || !x->punct)
      return -1;
  }
  for (i = 0; i < ti->n_norms; i++) {
    if (ti->norms[i].max_lev < -1) {
      pmmlR_fail(r, PMML_E_INVALID, line, "TextIndexNormalization: "
                 "maxLevenshteinDistance must not be negative");
      return -1;
    }
    if (prepare_norm(r, ti, &ti->norms[i], line) < 0)
      return -1;
  }
  x->klass = x;
  for (i = 0; i < doc->n_exprs; i++) {
    const pm_textindex *o;
    if (doc->exprs[i].op != PM_X_TEXTINDEX || !doc->exprs[i].ext)
      continue;
    o = doc->exprs[i].ext;
    if (o != ti && o->compiled && alike(o, ti)) {
      x->klass = ((const pm_tix *)o->compiled)->klass;
      break;
    }
  }
  ti->compiled = x;
  return 0;
}

/* ---- Tokens ----------------------------------------------------------- */

static size_t
u8len(unsigned char b)
{
  return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

/* Trim punctuation from both ends of s[*b..*e). 0 or -1. */
static int
trim_punct(pmml_ctx *c, const pm_tix *x, const char *s, size_t *b,
           size_t *e)
{
  size_t mb, me, p;
  int r;
  while (*b < *e) {
    r = pmmlE_regex_find(c, x->punct, s, *e, *b, &mb, &me);
    if (r < 0)
      return -1;
    if (r == 0 || mb != *b || me <= mb)
      break;
    *b = me;
  }
  while (*e > *b) {
    p = *e - 1;
    while (p > *b && ((unsigned char)s[p] & 0xC0) == 0x80)
      p--;
    r = pmmlE_regex_find(c, x->punct, s, *e, p, &mb, &me);
    if (r < 0)
      return -1;
    if (r == 0 || mb != p || me != *e)
      break;
    *e = p;
  }
  return 0;
}

/* Add token s[b..e) to tok[*n] (at most 'max'). 0 or -1. */
static int
add_token(pmml_ctx *c, pm_tok *tok, uint32_t *n, uint32_t max, size_t b,
          size_t e, const char *what)
{
  if (e <= b)
    return 0;
  if (*n >= max)
    return pmmlE_fail(c, PMML_E_EVAL, "TextIndex: the %s has more than %lu "
                      "tokens", what, (unsigned long)max);
  tok[*n].off = (uint32_t)b;
  tok[*n].len = (uint32_t)(e - b);
  (*n)++;
  return 0;
}

/* Tokenize s[0..len) into tok[0..*n) (at most max). 0 or -1. */
static int
tokenize(pmml_ctx *c, const pm_tix *x, const char *s, size_t len,
         pm_tok *tok, uint32_t *n, uint32_t max, const char *what)
{
  size_t from = 0, index = 0, mb, me, b, e;
  int r;
  *n = 0;
  if (len == 0)
    return 0;
  while (from <= len) {
    r = pmmlE_regex_find(c, x->word ? x->word : x->split, s, len, from, &mb,
                         &me);
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    if (x->word) {
      if (add_token(c, tok, n, max, mb, me, what) < 0)
        return -1;
    } else {
      b = index;
      e = mb;
      if (trim_punct(c, x, s, &b, &e) < 0
          || add_token(c, tok, n, max, b, e, what) < 0)
        return -1;
      index = me;
    }
    if (me > mb)
      from = me;
    else if (me < len)
      from = me + u8len((unsigned char)s[me]);
    else
      break;
  }
  if (!x->word) {
    b = index;
    e = len;
    if (trim_punct(c, x, s, &b, &e) < 0
        || add_token(c, tok, n, max, b, e, what) < 0)
      return -1;
  }
  return 0;
}

/* Normalize and tokenize text s[0..n) into the cache. 0 or -1. */
static int
prepare_text(pmml_ctx *c, const pm_textindex *ti, const pm_tix *x,
             pm_tcache *tc, const char *s, size_t n)
{
  int cur = 0, pass, changed;
  size_t len = n, outlen;
  int32_t k, i;

  tc->klass = NULL;
  if (n > PM_TEXT_MAX_BYTES)
    return pmmlE_fail(c, PMML_E_EVAL, "TextIndex: the text is longer than "
                      "%lu bytes", (unsigned long)PM_TEXT_MAX_BYTES);
  if (n)
    memcpy(tc->buf[0], s, n);
  for (k = 0; k < ti->n_norms; k++) {
    const pm_tnx *nx = ti->norms[k].compiled;
    if (!nx)
      return pmmlE_fail(c, PMML_E_EVAL, "TextIndexNormalization: not "
                        "prepared");
    pass = 0;
    do {
      changed = 0;
      for (i = 0; i < nx->n; i++) {
        char *src = tc->buf[cur], *dst = tc->buf[1 - cur];
        if (pmmlE_regex_replace(c, nx->rx[i], src, len, nx->out[i],
                                nx->out_len[i], !nx->is_regex[i], dst,
                                PM_TEXT_MAX_BYTES, &outlen)
            < 0)
          return -1;
        if (outlen > PM_TEXT_MAX_BYTES)
          return pmmlE_fail(c, PMML_E_EVAL, "TextIndexNormalization: the "
                            "text grows beyond %lu bytes",
                            (unsigned long)PM_TEXT_MAX_BYTES);
        if (outlen != len || memcmp(src, dst, len) != 0) {
          changed = 1;
          cur = 1 - cur;
          len = outlen;
        }
      }
    } while (ti->norms[k].recursive && changed
             && ++pass < PM_TEXT_MAX_PASSES);
    if (ti->norms[k].recursive && changed)
      return pmmlE_fail(c, PMML_E_EVAL, "TextIndexNormalization: recursive "
                        "replacement does not settle in %d passes",
                        PM_TEXT_MAX_PASSES);
  }
  if (tokenize(c, x, tc->buf[cur], len, tc->tok, &tc->ntok,
               PM_TEXT_MAX_TOKENS, "text") < 0)
    return -1;
  tc->text = tc->buf[cur];
  tc->klass = x->klass;
  tc->gen = c->gen;
  tc->src = s;
  tc->srclen = n;
  tc->maxtf = -1;
  return 0;
}

/* ---- Matching tokens -------------------------------------------------- */

/* Compare token a with token b, folding case unless 'cs': <0, 0, >0. */
static int
tok_cmp(const char *sa, pm_tok a, const char *sb, pm_tok b, int cs)
{
  size_t i = 0, j = 0;
  uint32_t u, v;
  if (cs) {
    size_t m = a.len < b.len ? a.len : b.len;
    int r = memcmp(sa + a.off, sb + b.off, m);
    return r ? r : (a.len > b.len) - (a.len < b.len);
  }
  sa += a.off;
  sb += b.off;
  while (i < a.len && j < b.len) {
    i = pmmlE_utf8_next(sa, a.len, i, &u);
    j = pmmlE_utf8_next(sb, b.len, j, &v);
    if (!(u & 0x80000000u))
      u = pmmlE_lower_cp(u);
    if (!(v & 0x80000000u))
      v = pmmlE_lower_cp(v);
    if (u != v)
      return u < v ? -1 : 1;
  }
  return (i < a.len) - (j < b.len);
}

/*
** Levenshtein distance between text token a and term token b (code
** points, case folded unless 'cs'), or -1 when it exceeds 'limit'.
*/
static int
levenshtein(pmml_ctx *c, const char *sa, pm_tok a, const char *sb, pm_tok b,
            int cs, int limit)
{
  uint32_t bc[PM_TERM_MAX_CHARS], u;
  int row[2][PM_TERM_MAX_CHARS + 1], m = 0, na = 0, i, j, cur = 0;
  size_t p;

  for (p = 0; p < b.len;) {
    if (m >= (int)PM_TERM_MAX_CHARS)
      return pmmlE_fail(c, PMML_E_EVAL, "TextIndex: a term token is longer "
                        "than %u characters", PM_TERM_MAX_CHARS) - 1;
    p = pmmlE_utf8_next(sb + b.off, b.len, p, &u);
    bc[m++] = cs || (u & 0x80000000u) ? u : pmmlE_lower_cp(u);
  }
  for (p = 0; p < a.len; na++)
    p = pmmlE_utf8_next(sa + a.off, a.len, p, &u);
  if (na - m > limit || m - na > limit)
    return -1;
  for (j = 0; j <= m; j++)
    row[0][j] = j;
  for (p = 0, i = 1; p < a.len; i++) {
    int best;
    p = pmmlE_utf8_next(sa + a.off, a.len, p, &u);
    if (!cs && !(u & 0x80000000u))
      u = pmmlE_lower_cp(u);
    row[1 - cur][0] = i;
    best = i;
    for (j = 1; j <= m; j++) {
      int d = row[cur][j - 1] + (bc[j - 1] != u);
      if (row[cur][j] + 1 < d)
        d = row[cur][j] + 1;
      if (row[1 - cur][j - 1] + 1 < d)
        d = row[1 - cur][j - 1] + 1;
      row[1 - cur][j] = d;
      if (d < best)
        best = d;
    }
    cur = 1 - cur;
    if (best > limit)
      return -1;
  }
  return row[cur][m] <= limit ? row[cur][m] : -1;
}

/*
** How often the term's tokens occur as consecutive text tokens (PMML 4.4
** TextIndex: countHits, maxLevenshteinDistance). -2 when the record failed.
*/
static long
term_frequency(pmml_ctx *c, const pm_textindex *ti, const pm_tcache *tc,
               const char *term, const pm_tok *tt, uint32_t nt, int binary)
{
  long freq = 0;
  int best = -1, cs = ti->case_sensitive;
  uint32_t i, j;

  if (nt == 0 || tc->ntok < nt)
    return 0;
  for (i = 0; i + nt <= tc->ntok; i++) {
    int dist = 0, ok = 1;
    for (j = 0; j < nt && ok; j++) {
      int left = ti->max_lev - dist, d;
      if (left == 0) {
        ok = tok_cmp(tc->text, tc->tok[i + j], term, tt[j], cs) == 0;
      } else {
        d = levenshtein(c, tc->text, tc->tok[i + j], term, tt[j], cs, left);
        if (d < -1)
          return -2;
        if (d < 0)
          ok = 0;
        else
          dist += d;
      }
    }
    if (!ok)
      continue;
    if (ti->count_hits) { /* bestHits */
      if (best < 0 || dist < best) {
        best = dist;
        freq = 1;
      } else if (dist == best) {
        freq++;
      }
    } else {
      freq++;
      if (binary)
        return 1;
    }
  }
  return binary && freq > 1 ? 1 : freq;
}

/* The largest count of one token in the text (for the augmented
** weights): a shell sort of token indices, then runs. */
static int32_t
max_token_count(pm_tcache *tc, int cs)
{
  uint32_t n = tc->ntok, gap, i, j, t;
  int32_t best = 0, run = 0;
  if (n == 0)
    return 0;
  for (i = 0; i < n; i++)
    tc->idx[i] = i;
  for (gap = n / 2; gap > 0; gap /= 2)
    for (i = gap; i < n; i++) {
      t = tc->idx[i];
      for (j = i; j >= gap
                  && tok_cmp(tc->text, tc->tok[tc->idx[j - gap]], tc->text,
                             tc->tok[t], cs)
                         > 0;
           j -= gap)
        tc->idx[j] = tc->idx[j - gap];
      tc->idx[j] = t;
    }
  for (i = 0; i < n; i++) {
    if (i > 0 && tok_cmp(tc->text, tc->tok[tc->idx[i - 1]], tc->text,
                         tc->tok[tc->idx[i]], cs) == 0)
      run++;
    else
      run = 1;
    if (run > best)
      best = run;
  }
  return best;
}

/* The text of a value (strings as they are, others formatted). */
static int
text_of(pmml_ctx *c, const pm_val *v, const char **s, size_t *n)
{
  pm_val t;
  if (v->t == PM_T_STR) {
    *s = v->u.str;
    *n = v->len;
    return 0;
  }
  if (pmmlV_cast(c, v, PMML_DT_STRING, &t) < 0)
    return c->failed ? -1
                     : pmmlE_fail(c, PMML_E_EVAL, "TextIndex: the value is "
                                  "not text");
  *s = t.u.str;
  *n = t.len;
  return 0;
}

/*
** The value of TextIndex expression e for the current record: the weighted
** frequency of its term (argument 1) in the text (argument 0). Never allocates. PMML 4.4 Transformations: TextIndex.
*/
int
pmmlE_textindex(pmml_ctx *c, const pm_expr *e, pm_val *out)
{
  const pm_textindex *ti = e->ext;
  const pm_tix *x = ti ? ti->compiled : NULL;
  const pm_val *tv;
  pm_val text, term;
  pm_tcache *tc = pmmlE_regex_text_cache(c);
  pm_tok tt[PM_TERM_MAX_TOKENS];
  uint32_t nt = 0;
  const char *s = NULL, *ts = NULL;
  size_t n = 0, tn = 0;
  long tf;

  if (!x || !tc)
    return pmmlE_fail(c, PMML_E_EVAL, "TextIndex: not prepared");
  /* Argument 0 is the text field (a FieldRef, or a DefineFunction
  ** parameter), argument 1 the term. */
  if (e->n < 2)
    return pmmlE_fail(c, PMML_E_EVAL, "TextIndex: no term");
  if (pmmlE_expr(c, c->m->args[e->first], &text) < 0)
    return -1;
  tv = &text;
  if (tv->t == PM_T_MISSING) {
    *out = pmmlV_missing();
    return 0;
  }
  if (pmmlE_expr(c, c->m->args[e->first + 1], &term) < 0)
    return -1;
  if (term.t == PM_T_MISSING) {
    *out = pmmlV_missing();
    return 0;
  }
  if (text_of(c, tv, &s, &n) < 0 || text_of(c, &term, &ts, &tn) < 0)
    return -1;
  if (tc->klass != x->klass || tc->gen != c->gen || tc->src != s
      || tc->srclen != n)
    if (prepare_text(c, ti, x, tc, s, n) < 0)
      return -1;
  if (tokenize(c, x, ts, tn, tt, &nt, PM_TERM_MAX_TOKENS, "term") < 0)
    return -1;
  tf = term_frequency(c, ti, tc, ts, tt, nt,
                      ti->local_weights == PM_TW_BINARY);
  if (tf < 0)
    return -1;
  switch (ti->local_weights) {
  case PM_TW_LOGARITHMIC:
    *out = pmmlV_num(log10(1.0 + (double)tf), PMML_DT_DOUBLE);
    break;
  case PM_TW_AUGMENTED_NORMALIZED:
    if (tc->maxtf < 0)
      tc->maxtf = max_token_count(tc, ti->case_sensitive);
    *out = pmmlV_num(tf == 0 || tc->maxtf == 0
                         ? 0.0
                         : 0.5 * (1.0 + (double)tf / (double)tc->maxtf),
                     PMML_DT_DOUBLE);
    break;
  default: /* termFrequency, binary */
    *out = pmmlV_num((double)tf, PMML_DT_INTEGER);
    break;
  }
  return 0;
}
