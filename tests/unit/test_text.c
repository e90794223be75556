/*
** test_text.c: CUnit suite for eval_text.c: TextIndex on small hand-built
** IR (the structures the loader fills), against hand-counted frequencies:
** splitting and punctuation trimming, phrases, case folding, Levenshtein
** with allHits/bestHits, the local term weights, normalization tables
** (literal, regex with groups, recursive), scikit-learn's CountVectorizer
** tokenization through x-wordRE, limits and resolve-time errors.
*/
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "pmml_int.h"
#include "support.h"

static pmml_model doc;
static pmml_ctx ctx;
static pm_expr ex[4];     /* 0: TextIndex A, 1: the term, 2: TextIndex B,
                             3: the text (a FieldRef of slot 0) */
static int32_t args[4] = {3, 1, 3, 1};
static pm_val vals[1];
static uint32_t stamp[1];
static pm_textindex ti, ti2;

static int32_t
sym(const char *s)
{
  return pmmlS_intern(&doc.arena, &doc.strs, s, strlen(s));
}

static int
setup(void)
{
  memset(&doc, 0, sizeof doc);
  memset(ex, 0, sizeof ex);
  pmmlM_arena_init(&doc.arena, NULL, NULL);
  pmmlS_init(&doc.arena, &doc.strs);
  sym("string");
  sym("stem");
  sym("regex");
  doc.exprs = ex;
  doc.args = args;
  doc.n_args = 4;
  doc.n_exprs = 4;
  ex[0].op = PM_X_TEXTINDEX;
  ex[0].ext = &ti;
  ex[0].first = 0;
  ex[0].n = 2;
  ex[1].op = PM_X_CONST;
  ex[2].op = PM_X_TEXTINDEX;
  ex[2].ext = &ti2;
  ex[2].first = 2;
  ex[2].n = 2;
  ex[3].op = PM_X_FIELD;
  ex[3].slot = 0;
  ex[3].missing.t = PM_T_MISSING;
  stub_ctx_init(&ctx, &doc);
  ctx.vals = vals;
  ctx.stamp = stamp;
  ctx.regex = pmmlE_regex_state_new(&doc);
  return ctx.regex ? 0 : 1;
}

static int
teardown(void)
{
  pmmlE_regex_state_free(ctx.regex);
  pmmlM_arena_free(&doc.arena);
  stub_strtab_free(&doc.strs);
  return 0;
}

/* A fresh TextIndex with the defaults of PMML, over slot 0. */
static void
reset(pm_textindex *t)
{
  memset(t, 0, sizeof *t);
  t->local_weights = PM_TW_TERM_FREQUENCY;
  t->tokenize = 1;
  t->word_sep = -1;
  t->word_re = -1;
  t->text_slot = 0;
}

static int
prepare(pm_textindex *t)
{
  return pmmlR_textindex(stub_resolver(&doc), t, 1);
}

/* Evaluate TextIndex expression k on 'text' for 'term'. A new record each
** call unless 'same' (then the cache must be reused). */
static pm_val
eval_k(int k, const char *text, const char *term, int same)
{
  pm_val out;
  if (!same) {
    stub_ctx_reset(&ctx);
    vals[0] = text ? pmmlV_str(text, strlen(text), -1) : pmmlV_missing();
  }
  stamp[0] = ctx.gen;
  ex[1].lit.t = term ? PM_T_STR : PM_T_MISSING;
  ex[1].lit.dt = PMML_DT_STRING;
  ex[1].lit.sym = term ? sym(term) : -1;
  memset(&out, 0, sizeof out);
  out.t = 99;
  if (pmmlE_textindex(&ctx, &ex[k], &out) < 0)
    out.t = 99;
  return out;
}

static pm_val
eval(const char *text, const char *term)
{
  return eval_k(0, text, term, 0);
}

static double
tf(const char *text, const char *term)
{
  pm_val v = eval(text, term);
  return v.t == PM_T_NUM ? v.u.num : -1;
}

/* A normalization table: rows of (string, stem, regex) triples. */
static pm_table *
table(int rows, const char *const *cells)
{
  static pm_table t[4];
  static pm_lit lits[4][30];
  static int32_t cols[3];
  static int next;
  pm_table *p = &t[next % 4];
  pm_lit *l = lits[next++ % 4];
  int i;
  cols[0] = sym("string");
  cols[1] = sym("stem");
  cols[2] = sym("regex");
  p->cols = cols;
  p->n_cols = 3;
  p->n_rows = rows;
  p->cells = l;
  for (i = 0; i < rows * 3; i++) {
    memset(&l[i], 0, sizeof l[i]);
    l[i].t = cells[i] ? PM_T_STR : PM_T_MISSING;
    l[i].sym = cells[i] ? sym(cells[i]) : -1;
  }
  return p;
}

static pm_textnorm norms[2];

static void
one_norm(pm_textindex *t, pm_table *tab, int recursive)
{
  memset(norms, 0, sizeof norms);
  norms[0].table = tab;
  norms[0].in_col = -1;
  norms[0].out_col = -1;
  norms[0].regex_col = -1;
  norms[0].recursive = (uint8_t)recursive;
  norms[0].case_sensitive = -1;
  norms[0].max_lev = -1;
  t->norms = norms;
  t->n_norms = 1;
}

static void
test_split(void)
{
  const char *text = "The cat sat on the mat. The END";
  reset(&ti);
  CU_ASSERT_EQUAL_FATAL(prepare(&ti), 0);
  CU_ASSERT_TRUE(doc.uses_regex);
  CU_ASSERT_EQUAL(tf(text, "the"), 3);
  CU_ASSERT_EQUAL(tf(text, "mat"), 1);
  CU_ASSERT_EQUAL(tf(text, "end"), 1);
  CU_ASSERT_EQUAL(tf(text, "dog"), 0);
  CU_ASSERT_EQUAL(tf(text, "the mat"), 1);
  CU_ASSERT_EQUAL(tf(text, "sat on the"), 1);
  CU_ASSERT_EQUAL(tf(text, "cat the"), 0);
  CU_ASSERT_EQUAL(tf(text, ""), 0);
  CU_ASSERT_EQUAL(tf("", "the"), 0);
  CU_ASSERT_EQUAL(tf("   ", "the"), 0);
  CU_ASSERT_EQUAL(eval(text, "the").dt, PMML_DT_INTEGER);
  ti.case_sensitive = 1;
  CU_ASSERT_EQUAL(tf(text, "the"), 1);
  CU_ASSERT_EQUAL(tf(text, "The"), 2);
  /* punctuation (category P) is trimmed, symbols are not */
  reset(&ti);
  prepare(&ti);
  text = "(hello), world! 'quoted' $money \xc2\xabguillemets\xc2\xbb -- x";
  CU_ASSERT_EQUAL(tf(text, "hello"), 1);
  CU_ASSERT_EQUAL(tf(text, "world"), 1);
  CU_ASSERT_EQUAL(tf(text, "quoted"), 1);
  CU_ASSERT_EQUAL(tf(text, "$money"), 1);
  CU_ASSERT_EQUAL(tf(text, "money"), 0);
  CU_ASSERT_EQUAL(tf(text, "guillemets"), 1);
  CU_ASSERT_EQUAL(tf(text, "hello world"), 1);
  CU_ASSERT_EQUAL(tf(text, "x"), 1);
  CU_ASSERT_EQUAL(tf(text, "(hello)"), 1); /* the term is trimmed too */
  /* another separator */
  reset(&ti);
  ti.word_sep = sym("[,;]");
  prepare(&ti);
  CU_ASSERT_EQUAL(tf("a b,c;a b", "a b"), 2);
  CU_ASSERT_EQUAL(tf("a b,c;a b", "a"), 0);
}

static void
test_weights(void)
{
  const char *text = "The cat sat on the mat. The END";
  pm_val v;
  reset(&ti);
  ti.local_weights = PM_TW_BINARY;
  prepare(&ti);
  CU_ASSERT_EQUAL(tf(text, "the"), 1);
  CU_ASSERT_EQUAL(tf(text, "dog"), 0);
  ti.local_weights = PM_TW_LOGARITHMIC;
  v = eval(text, "the");
  CU_ASSERT_TRUE(v.t == PM_T_NUM && v.dt == PMML_DT_DOUBLE
                 && fabs(v.u.num - 0.6020599913279624) < 1e-16);
  CU_ASSERT_EQUAL(tf(text, "dog"), 0);
  ti.local_weights = PM_TW_AUGMENTED_NORMALIZED;
  CU_ASSERT_EQUAL(tf(text, "the"), 1.0);
  CU_ASSERT_DOUBLE_EQUAL(tf(text, "cat"), 0.5 * (1.0 + 1.0 / 3.0), 1e-16);
  CU_ASSERT_EQUAL(tf(text, "dog"), 0);
  CU_ASSERT_DOUBLE_EQUAL(tf("b a c a b a", "c"), 0.5 * (1.0 + 1.0 / 3.0),
                         1e-16);
  CU_ASSERT_EQUAL(tf("", "c"), 0);
}

static void
test_levenshtein(void)
{
  const char *text = "color colour colr kolor colors";
  reset(&ti);
  ti.max_lev = 1;
  prepare(&ti);
  CU_ASSERT_EQUAL(tf(text, "color"), 5);
  CU_ASSERT_EQUAL(tf(text, "COLOR"), 5);
  ti.count_hits = 1; /* bestHits */
  CU_ASSERT_EQUAL(tf(text, "color"), 1);
  CU_ASSERT_EQUAL(tf("colour colr", "color"), 2);
  ti.count_hits = 0;
  ti.max_lev = 0;
  CU_ASSERT_EQUAL(tf(text, "color"), 1);
  ti.max_lev = 2;
  CU_ASSERT_EQUAL(tf("coffee cafe", "cafe"), 1); /* coffee: 3 edits */
  CU_ASSERT_EQUAL(tf("cafes caff cafe", "cafe"), 3);
  CU_ASSERT_EQUAL(tf("abcdef", "abc"), 0);
  /* a phrase: the distances of its tokens add up */
  ti.max_lev = 1;
  text = "big cat bag cat big cap bog cop";
  CU_ASSERT_EQUAL(tf(text, "big cat"), 3);
  ti.count_hits = 1;
  CU_ASSERT_EQUAL(tf(text, "big cat"), 1);
  ti.count_hits = 0;
  /* code points, not bytes: one substitution */
  CU_ASSERT_EQUAL(tf("caf\xc3\xa9", "cafe"), 1);
  ti.max_lev = 0;
  CU_ASSERT_EQUAL(tf("caf\xc3\xa9", "cafe"), 0);
  CU_ASSERT_EQUAL(tf("CAF\xc3\x89", "caf\xc3\xa9"), 1); /* folded */
}

static void
test_normalization(void)
{
  static const char *const rows[] = {
    "colour", "color", "false",
    "(\\w+)ing\\b", "$1", "true",
  };
  reset(&ti);
  one_norm(&ti, table(2, rows), 0);
  CU_ASSERT_EQUAL_FATAL(prepare(&ti), 0);
  CU_ASSERT_EQUAL(tf("Colouring is fun, painting too", "color"), 1);
  CU_ASSERT_EQUAL(tf("Colouring is fun, painting too", "paint"), 1);
  CU_ASSERT_EQUAL(tf("Colouring is fun, painting too", "painting"), 0);
  CU_ASSERT_EQUAL(tf("Colouring is fun, painting too", "colouring"), 0);
  /* case-sensitive rows leave "Colour" alone */
  norms[0].case_sensitive = 1;
  CU_ASSERT_EQUAL_FATAL(prepare(&ti), 0);
  CU_ASSERT_EQUAL(tf("Colour colour", "color"), 1);
  CU_ASSERT_EQUAL(tf("Colour colour", "colour"), 1);
}

static void
test_recursive(void)
{
  static const char *const shrink[] = {"aa", "a", NULL};
  static const char *const grow[] = {"a", "aa", NULL};
  static const char *const stop[] = {"\\b(a|the|is)\\b", " ", "TRUE"};
  pm_val v;
  reset(&ti);
  one_norm(&ti, table(1, shrink), 1);
  prepare(&ti);
  CU_ASSERT_EQUAL(tf("aaaa b", "a"), 1);
  CU_ASSERT_EQUAL(tf("aaaa b", "aa"), 0);
  norms[0].recursive = 0;
  CU_ASSERT_EQUAL(tf("aaaa b", "aa"), 1);
  reset(&ti);
  one_norm(&ti, table(1, grow), 1);
  prepare(&ti);
  v = eval("a", "a");
  CU_ASSERT_EQUAL(v.t, 99);
  CU_ASSERT_PTR_NOT_NULL(strstr(ctx.msg, "TextIndexNormalization"));
  /* sklearn2pmml's stop words: a recursive regex row to a blank */
  reset(&ti);
  one_norm(&ti, table(1, stop), 1);
  prepare(&ti);
  CU_ASSERT_EQUAL(tf("This is a test of the thesis", "is"), 0);
  CU_ASSERT_EQUAL(tf("This is a test of the thesis", "this"), 1);
  CU_ASSERT_EQUAL(tf("This is a test of the thesis", "this test"), 1);
  CU_ASSERT_EQUAL(tf("This is a test of the thesis", "thesis"), 1);
}

static void
test_word_re(void)
{
  const char *text = "Hello, w\xc3\xb6rld! I'm a test-case 42 x_y";
  reset(&ti);
  ti.word_re = sym("(?u)\\b\\w\\w+\\b"); /* CountVectorizer's default */
  CU_ASSERT_EQUAL_FATAL(prepare(&ti), 0);
  CU_ASSERT_EQUAL(tf(text, "hello"), 1);
  CU_ASSERT_EQUAL(tf(text, "w\xc3\xb6rld"), 1);
  CU_ASSERT_EQUAL(tf(text, "W\xc3\x96RLD"), 1);
  CU_ASSERT_EQUAL(tf(text, "test case"), 1);
  CU_ASSERT_EQUAL(tf(text, "test-case"), 1); /* the term is tokenized */
  CU_ASSERT_EQUAL(tf(text, "42"), 1);
  CU_ASSERT_EQUAL(tf(text, "x_y"), 1);
  CU_ASSERT_EQUAL(tf(text, "i"), 0);
  CU_ASSERT_EQUAL(tf(text, "a"), 0);
  CU_ASSERT_EQUAL(tf(text, "hello world"), 0);
  /* the term loses its one-letter token the same way */
  CU_ASSERT_EQUAL(tf(text, "hello w\xc3\xb6rld i"), 1);
  /* sklearn2pmml's "\w+" */
  reset(&ti);
  ti.word_re = sym("\\w+");
  ti.local_weights = PM_TW_BINARY;
  prepare(&ti);
  CU_ASSERT_EQUAL(tf("2 days ago, 2 days", "2 days"), 1);
  ti.local_weights = PM_TW_TERM_FREQUENCY;
  CU_ASSERT_EQUAL(tf("2 days ago, 2 days", "2 days"), 2);
  CU_ASSERT_EQUAL(tf("2 days ago, 2 days", "days ago"), 1);
}

static void
test_missing_and_types(void)
{
  pm_val v;
  reset(&ti);
  prepare(&ti);
  CU_ASSERT_EQUAL(eval(NULL, "a").t, PM_T_MISSING);
  CU_ASSERT_EQUAL(eval("a b", NULL).t, PM_T_MISSING);
  /* a number as the term is taken as its text */
  stub_ctx_reset(&ctx);
  vals[0] = pmmlV_str("x 42 42.5", 9, -1);
  stamp[0] = ctx.gen;
  ex[1].lit.t = PM_T_NUM;
  ex[1].lit.dt = PMML_DT_INTEGER;
  ex[1].lit.num = 42;
  CU_ASSERT_EQUAL(pmmlE_textindex(&ctx, &ex[0], &v), 0);
  CU_ASSERT_TRUE(v.t == PM_T_NUM && v.u.num == 1.0);
}

static void
test_cache(void)
{
  static char text[64];
  static const char *const rows[] = {"b", "x", NULL};
  reset(&ti);
  prepare(&ti);
  reset(&ti2);
  one_norm(&ti2, table(1, rows), 0);
  prepare(&ti2);
  strcpy(text, "a b a");
  CU_ASSERT_EQUAL(eval_k(0, text, "a", 0).u.num, 2);
  CU_ASSERT_EQUAL(eval_k(0, text, "b", 1).u.num, 1);
  CU_ASSERT_EQUAL(eval_k(2, text, "b", 1).u.num, 0); /* B normalizes b */
  CU_ASSERT_EQUAL(eval_k(2, text, "x", 1).u.num, 1);
  CU_ASSERT_EQUAL(eval_k(0, text, "b", 1).u.num, 1);
  /* the same buffer with new contents in a new record */
  strcpy(text, "b b b");
  CU_ASSERT_EQUAL(eval_k(0, text, "b", 0).u.num, 3);
  /* TextIndexes that tokenize alike share one cache entry */
  reset(&ti2);
  prepare(&ti2);
  CU_ASSERT_PTR_EQUAL(((const void *const *)ti.compiled)[3],
                      ((const void *const *)ti2.compiled)[3]);
  CU_ASSERT_EQUAL(eval_k(2, text, "b", 1).u.num, 3);
}

static void
test_limits(void)
{
  static char big[20000];
  pm_val v;
  int i;
  reset(&ti);
  prepare(&ti);
  for (i = 0; i < 9000; i++) {
    big[2 * i] = 'a';
    big[2 * i + 1] = ' ';
  }
  big[18000] = '\0';
  v = eval(big, "a");
  CU_ASSERT_EQUAL(v.t, 99);
  CU_ASSERT_PTR_NOT_NULL(strstr(ctx.msg, "more than 8192 tokens"));
  big[16000] = '\0'; /* 8000 tokens: fine */
  CU_ASSERT_EQUAL(tf(big, "a"), 8000);
  CU_ASSERT_EQUAL(tf(big, "a a a"), 7998);
}

static void
test_resolve_errors(void)
{
  reset(&ti);
  ti.tokenize = 0;
  CU_ASSERT_EQUAL(prepare(&ti), -1);
  CU_ASSERT_PTR_NOT_NULL(strstr(stub_resolver_msg(), "tokenize"));
  reset(&ti);
  ti.word_sep = sym("[");
  CU_ASSERT_EQUAL(prepare(&ti), -1);
  CU_ASSERT_PTR_NOT_NULL(strstr(stub_resolver_msg(), "bad regular"));
  reset(&ti);
  ti.max_lev = -2;
  CU_ASSERT_EQUAL(prepare(&ti), -1);
  {
    static const char *const rows[] = {NULL, "x", "true"};
    reset(&ti);
    one_norm(&ti, table(1, rows), 0);
    CU_ASSERT_EQUAL(prepare(&ti), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(stub_resolver_msg(), "no inField cell"));
  }
  {
    static const char *const rows[] = {"(", "x", "true"};
    reset(&ti);
    one_norm(&ti, table(1, rows), 0);
    CU_ASSERT_EQUAL(prepare(&ti), -1);
  }
  CU_ASSERT_NOT_EQUAL(pmmlE_textindex_cache_size(&doc), 0);
}

void add_text_suite(void);

void
add_text_suite(void)
{
  CU_pSuite s = CU_add_suite("text", setup, teardown);
  CU_add_test(s, "splitting, phrases, case", test_split);
  CU_add_test(s, "local term weights", test_weights);
  CU_add_test(s, "Levenshtein, allHits, bestHits", test_levenshtein);
  CU_add_test(s, "normalization", test_normalization);
  CU_add_test(s, "recursive normalization", test_recursive);
  CU_add_test(s, "x-wordRE (CountVectorizer)", test_word_re);
  CU_add_test(s, "missing values and numbers", test_missing_and_types);
  CU_add_test(s, "the per-context cache", test_cache);
  CU_add_test(s, "limits", test_limits);
  CU_add_test(s, "resolve errors", test_resolve_errors);
}
