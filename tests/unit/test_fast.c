/*
** test_fast.c: the fast path (runtime/fastpath.c) gives what the general
** path gives. Each document is scored on the same records by two contexts,
** one left to the fast path and one held to the general path
** (pmmlE_ctx_general), and every status, message and output must be the
** same, numbers bit for bit; the suite also counts the records the fast
** path took, so that a plan that silently stops applying shows. Records
** cover missing and invalid values, values on and next to thresholds,
** infinities, ties of probabilities, and the constructs that must keep
** the general path (missingValueStrategy, noTrueChildStrategy,
** returnInvalid, outliers, output features that read more than the
** result); pmml_score_batch is compared the same way.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"

#define MAX_IN 8

/* Set the inputs of "name=value,..." ("?" missing, "#number" a number, with
** nan/inf, anything else text) in c; an input the model does not have is
** left out. Text is a view into 'buf', which must outlive the scoring. */
static void
set_record(const pmml_model *m, pmml_ctx *c, const char *rec, char *buf,
           size_t size)
{
  char *p, *save = NULL;
  pmml_ctx_clear(c);
  snprintf(buf, size, "%s", rec);
  for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(p, '=');
    long idx;
    if (!eq)
      continue;
    *eq = '\0';
    idx = pmml_model_input_index(m, p);
    if (idx < 0)
      continue;
    if (!strcmp(eq + 1, "?"))
      pmml_ctx_set_missing(c, (size_t)idx);
    else if (eq[1] == '#')
      pmml_ctx_set_number(c, (size_t)idx, strtod(eq + 2, NULL));
    else
      pmml_ctx_set_text(c, (size_t)idx, eq + 1, strlen(eq + 1));
  }
}

/* Are two outputs the same (numbers bit for bit)? */
static int
same_output(const pmml_value *a, const pmml_value *b)
{
  if (a->kind != b->kind || a->dtype != b->dtype)
    return 0;
  switch (a->kind) {
  case PMML_NUMBER:
  case PMML_BOOLEAN:
    return memcmp(&a->number, &b->number, sizeof a->number) == 0;
  case PMML_STRING:
    return a->length == b->length &&
           memcmp(a->string, b->string, a->length) == 0;
  default:
    return 1;
  }
}

/*
** Score 'doc' on each record of recs (NULL-terminated) both ways and
** compare; 'plan' says whether the document must have a fast plan. Returns
** the number of records the fast path scored.
*/
static int
compare(const char *doc, const char *const *recs, int plan)
{
  pmml_model *m = NULL;
  pmml_ctx *fc = NULL, *gc = NULL;
  pmml_error e;
  char fbuf[512], gbuf[512];
  int r, fast = 0;
  size_t i;
  if (pmml_model_load_memory(doc, strlen(doc), NULL, &m, &e) != PMML_OK) {
    fprintf(stderr, "\n  load: %s\n", e.message);
    CU_FAIL_FATAL("the document does not load");
  }
  CU_ASSERT((m->fast != NULL) == plan);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &fc) == PMML_OK);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &gc) == PMML_OK);
  pmmlE_ctx_general(gc, 1);
  for (r = 0; recs[r]; r++) {
    pmml_error fe, ge;
    pmml_status fs, gs;
    set_record(m, fc, recs[r], fbuf, sizeof fbuf);
    set_record(m, gc, recs[r], gbuf, sizeof gbuf);
    fs = pmml_score(fc, &fe);
    gs = pmml_score(gc, &ge);
    CU_ASSERT(!gc->fast_scored);
    fast += fc->fast_scored;
    if (fs != gs || strcmp(fe.message, ge.message) != 0) {
      fprintf(stderr, "\n  %s: fast %d '%s', general %d '%s'\n", recs[r],
              fs, fe.message, gs, ge.message);
      CU_FAIL("status or message differs");
    }
    for (i = 0; i < pmml_model_output_count(m); i++) {
      pmml_value fv, gv;
      CU_ASSERT(pmml_ctx_output(fc, i, &fv) == PMML_OK);
      CU_ASSERT(pmml_ctx_output(gc, i, &gv) == PMML_OK);
      if (!same_output(&fv, &gv)) {
        char fb[64], gb[64];
        pmml_value_format(&fv, fb, sizeof fb);
        pmml_value_format(&gv, gb, sizeof gb);
        fprintf(stderr, "\n  %s: output %s: fast '%s' (%d), general '%s' "
                        "(%d)\n",
                recs[r], pmml_model_output_name(m, i), fb, fv.kind, gb,
                gv.kind);
        CU_FAIL("output differs");
      }
    }
  }
  /* Scoring again after a record the general path took, and after the
  ** context was cleared, gives what it gave. */
  if (recs[0]) {
    pmml_value a, b;
    set_record(m, fc, recs[0], fbuf, sizeof fbuf);
    pmml_score(fc, NULL);
    pmml_ctx_clear(fc);
    CU_ASSERT(pmml_ctx_output(fc, 0, &a) == PMML_OK && a.kind ==
              PMML_MISSING);
    set_record(m, fc, recs[0], fbuf, sizeof fbuf);
    set_record(m, gc, recs[0], gbuf, sizeof gbuf);
    pmml_score(fc, NULL);
    pmml_score(gc, NULL);
    if (pmml_model_output_count(m) > 0) {
      pmml_ctx_output(fc, 0, &a);
      pmml_ctx_output(gc, 0, &b);
      CU_ASSERT(same_output(&a, &b));
    }
  }
  pmml_ctx_free(fc);
  pmml_ctx_free(gc);
  pmml_model_free(m);
  return fast;
}

/* pmml_score_batch both ways on rows of numbers (NaN: missing). */
static void
compare_batch(const char *doc, const double *in, size_t n_rows)
{
  pmml_model *m = NULL;
  pmml_ctx *fc = NULL, *gc = NULL;
  double *fo, *go;
  pmml_status fst[16], gst[16];
  pmml_error fe, ge;
  size_t n_out;
  CU_ASSERT_FATAL(n_rows <= 16);
  CU_ASSERT_FATAL(pmml_model_load_memory(doc, strlen(doc), NULL, &m, NULL) ==
                  PMML_OK);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &fc) == PMML_OK);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &gc) == PMML_OK);
  pmmlE_ctx_general(gc, 1);
  n_out = pmml_model_output_count(m);
  fo = calloc(n_rows * n_out + 1, sizeof *fo);
  go = calloc(n_rows * n_out + 1, sizeof *go);
  CU_ASSERT_FATAL(fo && go);
  CU_ASSERT(pmml_score_batch(fc, in, n_rows, fo, fst, &fe) ==
            pmml_score_batch(gc, in, n_rows, go, gst, &ge));
  CU_ASSERT_STRING_EQUAL(fe.message, ge.message);
  CU_ASSERT(memcmp(fst, gst, n_rows * sizeof *fst) == 0);
  CU_ASSERT(memcmp(fo, go, n_rows * n_out * sizeof *fo) == 0);
  free(fo);
  free(go);
  pmml_ctx_free(fc);
  pmml_ctx_free(gc);
  pmml_model_free(m);
}

/* ------------------------------------------------------------------------ */
/* Trees                                                                    */

/*
** A classification tree on x and z (doubles) and w (a float), with the
** TreeModel attributes 'tattr', the MiningField attributes 'mfx' of x and
** the pairs' operators: the root splits x at 1 (op1/op2), its first child
** splits z at -2.5 (<= / >), the second w at 0.1 (< / >=, the float's
** value); leaves L1..L4 with distributions (L2 and L3 tie 0.5/0.5).
*/
static char *
tree_doc(const char *tattr, const char *mfx, const char *op1,
         const char *op2, const char *extra_out)
{
  static char doc[8192];
  snprintf(
      doc, sizeof doc,
      HEAD
      "<DataDictionary>"
      "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"w\" optype=\"continuous\" dataType=\"float\"/>"
      "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"
      "<Value value=\"a\" displayValue=\"Ay\"/><Value value=\"b\"/>"
      "</DataField></DataDictionary>"
      "<TreeModel functionName=\"classification\" %s><MiningSchema>"
      "<MiningField name=\"x\" %s/><MiningField name=\"z\"/>"
      "<MiningField name=\"w\"/>"
      "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
      "<Output>"
      "<OutputField name=\"pa\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"probability\" value=\"a\"/>"
      "<OutputField name=\"pb\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"probability\" value=\"b\"/>"
      "<OutputField name=\"pred\" optype=\"categorical\" dataType=\"string\" "
      "feature=\"predictedValue\"/>"
      "<OutputField name=\"disp\" optype=\"categorical\" "
      "dataType=\"string\" feature=\"predictedDisplayValue\"/>"
      "<OutputField name=\"node\" optype=\"categorical\" "
      "dataType=\"string\" feature=\"entityId\"/>"
      "<OutputField name=\"conf\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"confidence\"/>"
      "%s"
      "</Output>"
      "<Node id=\"R\"><True/>"
      "<Node id=\"N1\" defaultChild=\"L1\">"
      "<SimplePredicate field=\"x\" operator=\"%s\" value=\"1\"/>"
      "<Node id=\"L1\" score=\"a\" recordCount=\"10\">"
      "<SimplePredicate field=\"z\" operator=\"lessOrEqual\" "
      "value=\"-2.5\"/>"
      "<ScoreDistribution value=\"a\" recordCount=\"9\"/>"
      "<ScoreDistribution value=\"b\" recordCount=\"1\" confidence=\"0.3\"/>"
      "</Node>"
      "<Node id=\"L2\" score=\"b\" recordCount=\"4\">"
      "<SimplePredicate field=\"z\" operator=\"greaterThan\" "
      "value=\"-2.5\"/>"
      "<ScoreDistribution value=\"a\" recordCount=\"2\"/>"
      "<ScoreDistribution value=\"b\" recordCount=\"2\"/></Node>"
      "</Node>"
      "<Node id=\"N2\" defaultChild=\"L4\">"
      "<SimplePredicate field=\"x\" operator=\"%s\" value=\"1\"/>"
      "<Node id=\"L3\" recordCount=\"6\">"
      "<SimplePredicate field=\"w\" operator=\"lessThan\" value=\"0.1\"/>"
      "<ScoreDistribution value=\"a\" recordCount=\"3\"/>"
      "<ScoreDistribution value=\"b\" recordCount=\"3\"/></Node>"
      "<Node id=\"L4\" score=\"b\" recordCount=\"5\">"
      "<SimplePredicate field=\"w\" operator=\"greaterOrEqual\" "
      "value=\"0.1\"/>"
      "<ScoreDistribution value=\"a\" recordCount=\"0\"/>"
      "<ScoreDistribution value=\"b\" recordCount=\"5\"/></Node>"
      "</Node>"
      "</Node></TreeModel></PMML>",
      tattr, mfx, extra_out, op1, op2);
  return doc;
}

/* Records around every threshold, missing, invalid, infinite. */
static const char *const tree_recs[] = {
    "x=#0,z=#-3,w=#0",
    "x=#1,z=#-2.5,w=#0.1",
    "x=#1.0000000000000002,z=#-2.4999999999999996,w=#0.1",
    "x=#0.9999999999999999,z=#-2.5000000000000004,w=#0.09999999",
    "x=#2,z=#5,w=#0.1000000015",
    "x=#2,z=#5,w=#0.0999999977",
    "x=#inf,z=#-inf,w=#inf",
    "x=#-inf,z=#inf,w=#-inf",
    "x=#-0,z=#0,w=#-0",
    "x=#nan,z=#1,w=#1",
    "x=?,z=#1,w=#1",
    "x=#0,z=?,w=#1",
    "x=#5,z=?,w=?",
    "x=#0,z=abc,w=#1",
    "x=abc,z=#1,w=#1",
    "x=#5,z=abc,w=#1",
    "x=1e400,z=#1,w=#1",
    "x=0.5,z=-7,w=3",
    "x=#0,z=#-3",
    /* An input set twice: the last value counts. */
    "x=#5,x=?,z=#1,w=#1",
    "x=?,x=#0,z=#-3,w=#0",
    "x=abc,x=#0,z=#-3,w=#0",
    "x=#0,x=abc,z=#-3,w=#0",
    "x=#0,x=7,z=#-3,w=#0",
    NULL,
};

static void
test_tree_pairs(void)
{
  /* Every spelling of the two pairs: x < 1 / x >= 1 either way round,
  ** x <= 1 / x > 1 either way round. */
  static const char *const ops[][2] = {
      {"lessThan", "greaterOrEqual"}, {"greaterOrEqual", "lessThan"},
      {"lessOrEqual", "greaterThan"}, {"greaterThan", "lessOrEqual"},
  };
  size_t k;
  for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
    int n = compare(tree_doc("", "", ops[k][0], ops[k][1], ""), tree_recs, 1);
    /* The records of valid numbers: the first nine, the two given as text
    ** (1e400 reads as infinity) and three set twice, but for the two with
    ** infinities of both signs, which the returnInvalid checks leave to the
    ** general path (fastpath.c, checks_pass). */
    CU_ASSERT_EQUAL(n, 12);
  }
}

static void
test_tree_strategies(void)
{
  static const char *const attrs[] = {
      "missingValueStrategy=\"none\"",
      "missingValueStrategy=\"lastPrediction\"",
      "missingValueStrategy=\"nullPrediction\"",
      "missingValueStrategy=\"defaultChild\"",
      "missingValueStrategy=\"defaultChild\" missingValuePenalty=\"0.5\"",
      "noTrueChildStrategy=\"returnLastPrediction\"",
      ("missingValueStrategy=\"none\" "
       "noTrueChildStrategy=\"returnLastPrediction\""),
  };
  size_t k;
  for (k = 0; k < sizeof attrs / sizeof attrs[0]; k++)
    CU_ASSERT_EQUAL(compare(tree_doc(attrs[k], "", "lessThan",
                                     "greaterOrEqual", ""),
                            tree_recs, 1),
                    12);
  /* These follow every open branch: the general path only. */
  CU_ASSERT_EQUAL(
      compare(tree_doc("missingValueStrategy=\"weightedConfidence\"", "",
                       "lessThan", "greaterOrEqual", ""),
              tree_recs, 0),
      0);
  CU_ASSERT_EQUAL(
      compare(tree_doc("missingValueStrategy=\"aggregateNodes\"", "",
                       "lessThan", "greaterOrEqual", ""),
              tree_recs, 0),
      0);
}

static void
test_tree_treatments(void)
{
  /* invalidValueTreatment: returnInvalid (the default, above), asIs,
  ** asMissing; missing values replaced; returnInvalid on missing. */
  static const char *const mfx[] = {
      "invalidValueTreatment=\"asIs\"",
      "invalidValueTreatment=\"asMissing\"",
      "missingValueReplacement=\"3\"",
      "missingValueTreatment=\"returnInvalid\"",
      "invalidValueTreatment=\"asValue\" invalidValueReplacement=\"0\"",
  };
  size_t k;
  for (k = 0; k < sizeof mfx / sizeof mfx[0]; k++)
    CU_ASSERT_EQUAL(compare(tree_doc("", mfx[k], "lessThan",
                                     "greaterOrEqual", ""),
                            tree_recs, 1),
                    12);
  /* Outliers change valid values: x is not read straight, so no pair of
  ** x is fast; the leaves under them are left to the general path. */
  CU_ASSERT_EQUAL(
      compare(tree_doc("", "outliers=\"asExtremeValues\" lowValue=\"0\" "
                           "highValue=\"1.5\"",
                       "lessThan", "greaterOrEqual", ""),
              tree_recs, 0),
      0);
}

static void
test_tree_outputs(void)
{
  /* An output that reads an input: the general path only. */
  CU_ASSERT_EQUAL(
      compare(tree_doc("", "", "lessThan", "greaterOrEqual",
                       "<OutputField name=\"t\" optype=\"continuous\" "
                       "dataType=\"double\" feature=\"transformedValue\">"
                       "<FieldRef field=\"x\"/></OutputField>"),
              tree_recs, 0),
      0);
  /* One computed from the result alone, cast to another type, is a
  ** prepared value like the others. */
  CU_ASSERT_EQUAL(
      compare(tree_doc("", "", "lessThan", "greaterOrEqual",
                       "<OutputField name=\"ps\" optype=\"categorical\" "
                       "dataType=\"string\" feature=\"probability\" "
                       "value=\"a\"/>"),
              tree_recs, 1),
      12);
}

/* A tree with a node that is no pair (an equality, a compound predicate):
** the leaves under it are the general path's, the others fast. */
static void
test_tree_partial(void)
{
  static const char doc[] =
      HEAD
      "<DataDictionary>"
      "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
      "</DataDictionary>"
      "<TreeModel functionName=\"regression\"><MiningSchema>"
      "<MiningField name=\"x\"/><MiningField name=\"z\"/>"
      "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
      "<Targets><Target field=\"y\" rescaleFactor=\"2\" rescaleConstant=\"1\""
      "/></Targets>"
      "<Node score=\"0\"><True/>"
      "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
      "value=\"0\"/>"
      "<Node score=\"11\"><SimplePredicate field=\"z\" operator=\"equal\" "
      "value=\"1\"/></Node>"
      "<Node score=\"12\"><CompoundPredicate booleanOperator=\"or\">"
      "<SimplePredicate field=\"z\" operator=\"lessThan\" value=\"1\"/>"
      "<SimplePredicate field=\"z\" operator=\"isMissing\"/>"
      "</CompoundPredicate></Node></Node>"
      "<Node score=\"2\"><SimplePredicate field=\"x\" "
      "operator=\"greaterOrEqual\" value=\"0\"/>"
      "<Node score=\"21\"><SimplePredicate field=\"z\" "
      "operator=\"lessOrEqual\" value=\"0.5\"/></Node>"
      "<Node score=\"22\"><SimplePredicate field=\"z\" "
      "operator=\"greaterThan\" value=\"0.5\"/></Node></Node>"
      "</Node></TreeModel></PMML>";
  static const char *const recs[] = {
      "x=#-1,z=#1", "x=#-1,z=#0", "x=#-1,z=#2", "x=#-1,z=?", "x=#0,z=#0.5",
      "x=#0,z=#0.6", "x=#3,z=?", "x=#-0,z=#-0", NULL,
  };
  static const double in[] = {-1, 1, -1, 0, 0, 0.5, 0, 0.6, 3, NAN, NAN, 1};
  CU_ASSERT_EQUAL(compare(doc, recs, 1), 3);
  compare_batch(doc, in, 6);
}

/* The inputs with a domain are not plain: an invalid number is flagged at
** set time and the fast path steps aside. */
static void
test_tree_domain(void)
{
  static const char doc[] =
      HEAD
      "<DataDictionary>"
      "<DataField name=\"x\" optype=\"continuous\" dataType=\"integer\">"
      "<Interval closure=\"closedClosed\" leftMargin=\"0\" "
      "rightMargin=\"10\"/><Value value=\"-1\" property=\"missing\"/>"
      "</DataField>"
      "<DataField name=\"y\" optype=\"categorical\" dataType=\"integer\">"
      "<Value value=\"7\"/><Value value=\"8\"/></DataField>"
      "</DataDictionary>"
      "<TreeModel functionName=\"classification\"><MiningSchema>"
      "<MiningField name=\"x\"/>"
      "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
      "<Node score=\"7\"><True/>"
      "<Node score=\"7\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
      "value=\"4\"/></Node>"
      "<Node score=\"8\"><SimplePredicate field=\"x\" "
      "operator=\"greaterOrEqual\" value=\"4\"/></Node>"
      "</Node></TreeModel></PMML>";
  static const char *const recs[] = {
      "x=#3", "x=#4", "x=#3.5", "x=#11", "x=#-1", "x=4", "x=4.0", "x=-1",
      "x=x", "x=?", NULL,
  };
  static const double in[] = {3, 4, 3.5, 11, -1, NAN, 0, 10};
  CU_ASSERT_EQUAL(compare(doc, recs, 1), 4);
  compare_batch(doc, in, 8);
}

/* The tree of test_tree_pairs through pmml_score_batch. */
static void
test_tree_batch(void)
{
  static const double in[] = {
      0, -3, 0, 1, -2.5, 0.1, 2, 5, 0.1, NAN, 1, 1, 0, NAN, 1,
      INFINITY, -INFINITY, INFINITY, -0.0, 0, 0.0999999, 5, NAN, NAN,
  };
  compare_batch(tree_doc("", "", "lessOrEqual", "greaterThan", ""), in, 8);
  compare_batch(tree_doc("missingValueStrategy=\"nullPrediction\"", "",
                         "lessThan", "greaterOrEqual", ""),
                in, 8);
}

/* ------------------------------------------------------------------------ */
/* Regressions                                                              */

/* A regression over x0, x1, x2 (x2 a float) with the model attributes
** 'mattr', the MiningField attributes 'mf1' of x1, the target 'target'
** (a DataField and its MiningField) and the tables 'tables'. */
static char *
reg_doc(const char *mattr, const char *mf1, const char *target_df,
        const char *outs, const char *tables)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD
           "<DataDictionary>"
           "<DataField name=\"x0\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"x1\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"x2\" optype=\"continuous\" dataType=\"float\"/>"
           "%s</DataDictionary>"
           "<RegressionModel %s><MiningSchema>"
           "<MiningField name=\"y\" usageType=\"target\"/>"
           "<MiningField name=\"x0\"/><MiningField name=\"x1\" %s/>"
           "<MiningField name=\"x2\"/></MiningSchema>"
           "<Output>%s</Output>%s"
           "</RegressionModel></PMML>",
           target_df, mattr, mf1, outs, tables);
  return doc;
}

#define Y_CAT                                                                \
  "<DataField name=\"y\" optype=\"categorical\" dataType=\"integer\">"       \
  "<Value value=\"0\"/><Value value=\"1\"/></DataField>"
#define Y_CAT3                                                               \
  "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"r\"/><Value value=\"g\"/><Value value=\"b\"/></DataField>"
#define Y_NUM                                                                \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
#define P01                                                                  \
  "<OutputField name=\"p0\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"0\"/>"                                    \
  "<OutputField name=\"p1\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"1\"/>"
#define T2                                                                   \
  "<RegressionTable intercept=\"-0.25\" targetCategory=\"1\">"               \
  "<NumericPredictor name=\"x0\" coefficient=\"0.7\"/>"                      \
  "<NumericPredictor name=\"x1\" coefficient=\"-1.3\"/>"                     \
  "<NumericPredictor name=\"x2\" coefficient=\"0.1\"/></RegressionTable>"    \
  "<RegressionTable intercept=\"0\" targetCategory=\"0\"/>"

/* Nine records of valid numbers, the fast path's unless a sum is not a
** number: x0 = x1 = infinity makes inf - inf, NaN, which the fast path
** leaves to the general one. */
static const char *const reg_recs[] = {
    "x0=#0,x1=#0,x2=#0",
    "x0=#1,x1=#2,x2=#3",
    "x0=#0.1,x1=#0.2,x2=#0.3",
    "x0=#1e300,x1=#-1e300,x2=#1",
    "x0=#inf,x1=#0,x2=#0",
    "x0=#inf,x1=#inf,x2=#0",
    "x0=#-0,x1=#-0,x2=#-0",
    /* 0.7*x0 - 1.3*x1 + 0.1*x2 - 0.25 is 0 exactly: a tie 0.5/0.5 under
    ** logit (the first class wins) */
    "x0=#0,x1=#0,x2=#2.5",
    "x0=#nan,x1=#0,x2=#0",
    "x0=?,x1=#0,x2=#0",
    "x0=#1,x1=abc,x2=#0",
    "x0=#1,x1=#1,x2=?",
    "x0=2.5,x1=-1,x2=0.125",
    "x0=#1,x1=#1",
    NULL,
};

static void
test_regression_binary(void)
{
  static const char *const norms[] = {
      "logit", "probit", "cloglog", "loglog", "cauchit", "none", "softmax",
  };
  static const int fast[] = {8, 8, 8, 8, 8, 8, 8};
  char attr[128];
  size_t k;
  for (k = 0; k < sizeof norms / sizeof norms[0]; k++) {
    snprintf(attr, sizeof attr,
             "functionName=\"classification\" normalizationMethod=\"%s\"",
             norms[k]);
    CU_ASSERT_EQUAL(compare(reg_doc(attr, "", Y_CAT, P01, T2), reg_recs, 1),
                    fast[k]);
  }
  /* The predicted value as an output, in its own type or none. */
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"classification\" "
                      "normalizationMethod=\"logit\"",
                      "", Y_CAT,
                      P01 "<OutputField name=\"v\" feature=\"predictedValue\""
                          " optype=\"categorical\" dataType=\"integer\"/>"
                          "<OutputField name=\"v2\" "
                          "feature=\"predictedValue\"/>",
                      T2),
              reg_recs, 1),
      8);
  /* Cast to another type, or displayed: the general path. */
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"classification\" "
                      "normalizationMethod=\"logit\"",
                      "", Y_CAT,
                      P01 "<OutputField name=\"v\" feature=\"predictedValue\""
                          " optype=\"categorical\" dataType=\"string\"/>",
                      T2),
              reg_recs, 0),
      0);
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"classification\" "
                      "normalizationMethod=\"logit\"",
                      "", Y_CAT,
                      P01 "<OutputField name=\"v\" "
                          "feature=\"predictedDisplayValue\"/>",
                      T2),
              reg_recs, 0),
      0);
}

static void
test_regression_multinomial(void)
{
  static const char tables[] =
      "<RegressionTable intercept=\"0.5\" targetCategory=\"g\">"
      "<NumericPredictor name=\"x0\" coefficient=\"2\"/>"
      "<NumericPredictor name=\"x2\" coefficient=\"-1\"/></RegressionTable>"
      "<RegressionTable intercept=\"-0.5\" targetCategory=\"r\">"
      "<NumericPredictor name=\"x1\" coefficient=\"3\"/></RegressionTable>"
      "<RegressionTable intercept=\"1\" targetCategory=\"b\">"
      "<NumericPredictor name=\"x0\" coefficient=\"1\"/>"
      "<NumericPredictor name=\"x1\" coefficient=\"1\"/></RegressionTable>";
  static const char outs[] =
      "<OutputField name=\"pr\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"probability\" value=\"r\"/>"
      "<OutputField name=\"pg\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"probability\" value=\"g\"/>"
      "<OutputField name=\"pb\" optype=\"continuous\" dataType=\"double\" "
      "feature=\"probability\" value=\"b\"/>";
  static const char *const norms[] = {"softmax", "simplemax", "none"};
  /* The tables here make no inf - inf, but softmax and simplemax divide
  ** infinities: NaN probabilities, no class wins, the general path
  ** decides. */
  static const int fast[] = {8, 8, 9};
  char attr[128];
  size_t k;
  for (k = 0; k < sizeof norms / sizeof norms[0]; k++) {
    snprintf(attr, sizeof attr,
             "functionName=\"classification\" normalizationMethod=\"%s\"",
             norms[k]);
    CU_ASSERT_EQUAL(compare(reg_doc(attr, "", Y_CAT3, outs, tables), reg_recs,
                            1),
                    fast[k]);
  }
  /* Ordinal: cumulative probabilities (the plan takes it too). */
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"classification\" "
                      "normalizationMethod=\"logit\"",
                      "",
                      "<DataField name=\"y\" optype=\"ordinal\" "
                      "dataType=\"string\"><Value value=\"r\"/>"
                      "<Value value=\"g\"/><Value value=\"b\"/></DataField>",
                      outs, tables),
              reg_recs, 1),
      9);
}

static void
test_regression_numeric(void)
{
  static const char table[] =
      "<RegressionTable intercept=\"0.125\">"
      "<NumericPredictor name=\"x0\" coefficient=\"0.7\"/>"
      "<NumericPredictor name=\"x1\" coefficient=\"-1.3\"/>"
      "<NumericPredictor name=\"x2\" coefficient=\"0.1\"/></RegressionTable>";
  static const char *const attrs[] = {
      "functionName=\"regression\"",
      "functionName=\"regression\" normalizationMethod=\"exp\"",
      "functionName=\"regression\" normalizationMethod=\"logit\"",
  };
  static const double in[] = {1, 2, 3, NAN, 0, 0, 0.5, 0.25, 0.125,
                              INFINITY, 1, 0};
  size_t k;
  for (k = 0; k < sizeof attrs / sizeof attrs[0]; k++)
    CU_ASSERT_EQUAL(compare(reg_doc(attrs[k], "", Y_NUM, "", table),
                            reg_recs, 1),
                    8);
  /* Targets: clipped, rescaled, rounded. */
  {
    char tables[1024];
    snprintf(tables, sizeof tables,
             "<Targets><Target field=\"y\" min=\"-1\" max=\"2\" "
             "rescaleFactor=\"3\" rescaleConstant=\"0.5\" "
             "castInteger=\"round\"/></Targets>%s",
             table);
    CU_ASSERT_EQUAL(compare(reg_doc("functionName=\"regression\"", "",
                                    Y_NUM, "", tables),
                            reg_recs, 1),
                    8);
  }
  /* Outlier treatment and exponents are the general path's. */
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"regression\"",
                      "outliers=\"asMissingValues\" lowValue=\"-1\" "
                      "highValue=\"1\"",
                      Y_NUM, "", table),
              reg_recs, 0),
      0);
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"regression\"", "", Y_NUM, "",
                      "<RegressionTable intercept=\"1\">"
                      "<NumericPredictor name=\"x0\" exponent=\"2\" "
                      "coefficient=\"1\"/></RegressionTable>"),
              reg_recs, 0),
      0);
  /* Invalid treatments keep the fast path for valid records. */
  CU_ASSERT_EQUAL(
      compare(reg_doc("functionName=\"regression\"",
                      "invalidValueTreatment=\"asMissing\" "
                      "missingValueReplacement=\"2\"",
                      Y_NUM, "", table),
              reg_recs, 1),
      8);
  compare_batch(reg_doc("functionName=\"regression\"", "", Y_NUM, "", table),
                in, 4);
  compare_batch(reg_doc("functionName=\"classification\" "
                        "normalizationMethod=\"logit\"",
                        "", Y_CAT, P01, T2),
                in, 4);
}

/* One context through the per-input calls, the batch API and records the
** general path takes, in turn, against one held to the general path: the
** numbers a fast record keeps (ctx->in_num, the inputs' cells made later)
** stay right from one call to the next. */
static void
test_mixed_calls(void)
{
  const char *doc = reg_doc("functionName=\"classification\" "
                            "normalizationMethod=\"logit\"",
                            "", Y_CAT, P01, T2);
  static const double rows[] = {1, 2, 3, 0.5, NAN, 1, -1, 0.25, 4};
  pmml_model *m = NULL;
  pmml_ctx *c[2];
  double out[2][9];
  pmml_value v[2];
  int k, step;
  size_t i;
  CU_ASSERT_FATAL(pmml_model_load_memory(doc, strlen(doc), NULL, &m, NULL) ==
                  PMML_OK);
  CU_ASSERT_FATAL(m->fast != NULL);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &c[0]) == PMML_OK);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &c[1]) == PMML_OK);
  pmmlE_ctx_general(c[1], 1);
  for (step = 0; step < 6; step++) {
    for (k = 0; k < 2; k++) {
      switch (step) {
      case 0: /* fast */
        pmml_ctx_set_numbers(c[k], 0, rows, 3);
        break;
      case 1: /* x1 missing: general, the others' cells made */
        pmml_ctx_set_missing(c[k], 1);
        break;
      case 2: /* x1 again a number, as text: fast */
        pmml_ctx_set_text(c[k], 1, "0.75", 4);
        break;
      case 3: /* the batch API, then a record of its inputs */
        CU_ASSERT(pmml_score_batch(c[k], rows, 3, out[k], NULL, NULL) ==
                  PMML_OK);
        break;
      case 4: /* one input invalid text after the batch: general */
        pmml_ctx_set_text(c[k], 0, "x", 1);
        break;
      default: /* back to a number */
        pmml_ctx_set_number(c[k], 0, -0.5);
        break;
      }
      /* (Step 4 fails: returnInvalid is the default treatment.) */
      CU_ASSERT(pmml_score(c[k], NULL) ==
                (step == 4 ? PMML_E_INVALID_VALUE : PMML_OK));
    }
    if (step == 3)
      CU_ASSERT(memcmp(out[0], out[1], 2 * 3 * sizeof out[0][0]) == 0);
    CU_ASSERT_EQUAL(c[0]->fast_scored, step != 1 && step != 4);
    for (i = 0; i < pmml_model_output_count(m); i++) {
      pmml_ctx_output(c[0], i, &v[0]);
      pmml_ctx_output(c[1], i, &v[1]);
      CU_ASSERT(same_output(&v[0], &v[1]));
    }
  }
  pmml_ctx_free(c[0]);
  pmml_ctx_free(c[1]);
  pmml_model_free(m);
}

/* ModelVerification reads the general path's results: it still passes on
** a document with a fast plan. */
static void
test_verification(void)
{
  static const char doc[] =
      HEAD
      "<DataDictionary>"
      "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
      "</DataDictionary>"
      "<RegressionModel functionName=\"regression\"><MiningSchema>"
      "<MiningField name=\"x\"/>"
      "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
      "<ModelVerification recordCount=\"2\" fieldCount=\"2\">"
      "<VerificationFields><VerificationField field=\"x\"/>"
      "<VerificationField field=\"y\"/></VerificationFields>"
      "<InlineTable><row><x>1</x><y>3</y></row><row><x>2</x><y>5</y></row>"
      "</InlineTable></ModelVerification>"
      "<RegressionTable intercept=\"1\">"
      "<NumericPredictor name=\"x\" coefficient=\"2\"/></RegressionTable>"
      "</RegressionModel></PMML>";
  pmml_load_options opt;
  pmml_model *m = NULL;
  pmml_verify_report rep;
  pmml_load_options_init(&opt);
  opt.flags |= PMML_LOAD_VERIFICATION;
  CU_ASSERT_FATAL(pmml_model_load_memory(doc, sizeof doc - 1, &opt, &m,
                                         NULL) == PMML_OK);
  CU_ASSERT(m->fast != NULL);
  CU_ASSERT(pmml_model_verify(m, NULL, NULL, &rep, NULL) == PMML_OK);
  CU_ASSERT_EQUAL(rep.records, 2);
  CU_ASSERT_EQUAL(rep.records_failed, 0);
  CU_ASSERT_EQUAL(rep.values, 2);
  pmml_model_free(m);
}

void add_fast_suite(void);

void
add_fast_suite(void)
{
  CU_pSuite s = CU_add_suite("fast path", NULL, NULL);
  CU_add_test(s, "tree pairs", test_tree_pairs);
  CU_add_test(s, "tree strategies", test_tree_strategies);
  CU_add_test(s, "tree treatments", test_tree_treatments);
  CU_add_test(s, "tree outputs", test_tree_outputs);
  CU_add_test(s, "tree partial", test_tree_partial);
  CU_add_test(s, "tree domain", test_tree_domain);
  CU_add_test(s, "tree batch", test_tree_batch);
  CU_add_test(s, "regression binary", test_regression_binary);
  CU_add_test(s, "regression multinomial", test_regression_multinomial);
  CU_add_test(s, "regression numeric", test_regression_numeric);
  CU_add_test(s, "mixed calls", test_mixed_calls);
  CU_add_test(s, "verification", test_verification);
}
