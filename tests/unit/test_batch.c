/*
** test_batch.c: the batch API, pmml_ctx_set_numbers() and
** pmml_score_batch(). Each row must score exactly as the per-input calls
** score it (pmml_ctx_set_number(), NaN as pmml_ctx_set_missing(),
** pmml_score(), pmml_ctx_output() read as a number): the suite compares
** the two on rows that go through every input treatment, and checks a few
** results worked out by hand, failing rows, and bad arguments.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pmml.h"

/*
** y = 1 + 2 x + 10 n + f + 100 [s = "1"] + 200 [s = "2"], with
** x double in [0, 10] (-1 means missing, outside is invalid: returnInvalid),
** n integer (2.5 is invalid: returnInvalid), f float (rounded to float),
** s string with valid values "1" and "2" (a number becomes its text).
** Outputs: y; "p" = the predicted value; "lbl", a string; "big" = x > 5.
*/
static const char doc[] =
    "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>"
    "<DataDictionary>"
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\">"
    "<Interval closure=\"closedClosed\" leftMargin=\"0\" rightMargin=\"10\"/>"
    "<Value value=\"-1\" property=\"missing\"/></DataField>"
    "<DataField name=\"n\" optype=\"continuous\" dataType=\"integer\"/>"
    "<DataField name=\"f\" optype=\"continuous\" dataType=\"float\"/>"
    "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\">"
    "<Value value=\"1\"/><Value value=\"2\"/></DataField>"
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
    "</DataDictionary>"
    "<RegressionModel functionName=\"regression\"><MiningSchema>"
    "<MiningField name=\"x\"/><MiningField name=\"n\"/>"
    "<MiningField name=\"f\"/><MiningField name=\"s\"/>"
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
    "<Output>"
    "<OutputField name=\"p\" feature=\"predictedValue\" dataType=\"double\"/>"
    "<OutputField name=\"lbl\" feature=\"transformedValue\" "
    "dataType=\"string\"><Constant dataType=\"string\">hi</Constant>"
    "</OutputField>"
    "<OutputField name=\"big\" feature=\"transformedValue\" "
    "dataType=\"boolean\"><Apply function=\"greaterThan\">"
    "<FieldRef field=\"x\"/><Constant>5</Constant></Apply></OutputField>"
    "</Output>"
    "<RegressionTable intercept=\"1\">"
    "<NumericPredictor name=\"x\" coefficient=\"2\"/>"
    "<NumericPredictor name=\"n\" coefficient=\"10\"/>"
    "<NumericPredictor name=\"f\" coefficient=\"1\"/>"
    "<CategoricalPredictor name=\"s\" value=\"1\" coefficient=\"100\"/>"
    "<CategoricalPredictor name=\"s\" value=\"2\" coefficient=\"200\"/>"
    "</RegressionTable></RegressionModel></PMML>";

#define N_IN 4
#define N_OUT 4

/* Rows: x, n, f, s. */
static const double rows[][N_IN] = {
  {2, 3, 0.5, 1},       /* 1 + 4 + 30 + 0.5 + 100 = 135.5; big 0 */
  {6, 0, 0.1, 2},       /* 1 + 12 + (float)0.1 + 200; big 1 */
  {NAN, 1, 0, 1},       /* x missing: no prediction, no error */
  {11, 1, 0, 1},        /* x invalid: returnInvalid fails the row */
  {-1, 1, 0, 1},        /* x declared missing */
  {1, 2.5, 0, 1},       /* n = 2.5 is not an integer: fails */
  {1, 2, 0, 3},         /* s = "3" is not a valid value: fails */
  {1, 2, 0, NAN},       /* s missing: counts for nothing, 1 + 2 + 20 */
  {0, -4, 1e300, 2},    /* f overflows float: +inf */
  {10, 1e9, -0.0, 1},   /* the edges of x */
};
#define N_ROWS (sizeof rows / sizeof rows[0])

static pmml_model *
load(void)
{
  pmml_model *m = NULL;
  pmml_error e;
  if (pmml_model_load_memory(doc, sizeof doc - 1, NULL, &m, &e) != PMML_OK) {
    fprintf(stderr, "test_batch: %s\n", e.message);
    return NULL;
  }
  return m;
}

/* Score row x the per-input way into y; the status. */
static pmml_status
score_one(pmml_ctx *c, const double *x, double *y)
{
  pmml_status st;
  size_t i;
  for (i = 0; i < N_IN; i++) {
    if (isnan(x[i]))
      pmml_ctx_set_missing(c, i);
    else
      pmml_ctx_set_number(c, i, x[i]);
  }
  st = pmml_score(c, NULL);
  for (i = 0; i < N_OUT; i++) {
    pmml_value v;
    pmml_ctx_output(c, i, &v);
    y[i] = st == PMML_OK &&
                   (v.kind == PMML_NUMBER || v.kind == PMML_BOOLEAN)
               ? v.number
               : NAN;
  }
  return st;
}

/* Equal, bit for bit where both are numbers (-0 is not 0), or both NaN. */
static int
same(double a, double b)
{
  if (isnan(a) || isnan(b))
    return isnan(a) && isnan(b);
  return memcmp(&a, &b, sizeof a) == 0;
}

static void
test_batch_equals_calls(void)
{
  pmml_model *m = load();
  pmml_ctx *c1 = NULL, *c2 = NULL;
  double want[N_ROWS][N_OUT], got[N_ROWS][N_OUT];
  pmml_status st_want[N_ROWS], st_got[N_ROWS], first = PMML_OK;
  pmml_error e;
  size_t r, j;
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL_FATAL(pmml_model_input_count(m), N_IN);
  CU_ASSERT_EQUAL_FATAL(pmml_model_output_count(m), N_OUT);
  CU_ASSERT_EQUAL(pmml_ctx_new(m, &c1), PMML_OK);
  CU_ASSERT_EQUAL(pmml_ctx_new(m, &c2), PMML_OK);
  for (r = 0; r < N_ROWS; r++) {
    st_want[r] = score_one(c1, rows[r], want[r]);
    if (first == PMML_OK)
      first = st_want[r];
  }
  /* Fill 'got' with garbage: every cell must be written. */
  memset(got, 0x55, sizeof got);
  CU_ASSERT_EQUAL(pmml_score_batch(c2, &rows[0][0], N_ROWS, &got[0][0],
                                   st_got, &e),
                  first);
  for (r = 0; r < N_ROWS; r++) {
    CU_ASSERT_EQUAL(st_got[r], st_want[r]);
    for (j = 0; j < N_OUT; j++)
      if (!same(got[r][j], want[r][j])) {
        fprintf(stderr, "row %zu output %zu: batch %.17g, calls %.17g\n", r,
                j, got[r][j], want[r][j]);
        CU_FAIL("batch and per-input calls differ");
      }
  }
  /* The hand-worked values. */
  CU_ASSERT_EQUAL(got[0][0], 135.5);
  CU_ASSERT_EQUAL(got[0][1], 135.5);
  CU_ASSERT(isnan(got[0][2]));                 /* a string: NaN */
  CU_ASSERT_EQUAL(got[0][3], 0);
  CU_ASSERT_EQUAL(got[1][0], 213 + (double)(float)0.1);
  CU_ASSERT_EQUAL(got[1][3], 1);
  CU_ASSERT_EQUAL(st_got[2], PMML_OK);
  CU_ASSERT(isnan(got[2][0]) && isnan(got[2][3]));
  CU_ASSERT_EQUAL(st_got[3], PMML_E_INVALID_VALUE);
  CU_ASSERT(isnan(got[3][0]) && isnan(got[3][1]) && isnan(got[3][3]));
  CU_ASSERT_EQUAL(st_got[4], PMML_OK);
  CU_ASSERT(isnan(got[4][0]));
  CU_ASSERT_EQUAL(st_got[5], PMML_E_INVALID_VALUE);
  CU_ASSERT_EQUAL(st_got[6], PMML_E_INVALID_VALUE);
  CU_ASSERT_EQUAL(st_got[7], PMML_OK);
  CU_ASSERT_EQUAL(got[7][0], 23);
  CU_ASSERT(isinf(got[8][0]) && got[8][0] > 0);
  CU_ASSERT_EQUAL(got[9][0], 1 + 20 + 1e10 + 100);
  CU_ASSERT_EQUAL(got[9][3], 1);
  /* The first failure: row 3, its message prefixed with its index. */
  CU_ASSERT_EQUAL(first, PMML_E_INVALID_VALUE);
  CU_ASSERT_EQUAL(e.code, PMML_E_INVALID_VALUE);
  CU_ASSERT_STRING_EQUAL(e.message, "row 3: field 'x': invalid value '11'");
  /* The context holds the last row, as after pmml_score(). */
  {
    pmml_value v;
    pmml_ctx_output(c2, 0, &v);
    CU_ASSERT_EQUAL(v.kind, PMML_NUMBER);
    CU_ASSERT_EQUAL(v.number, 1 + 20 + 1e10 + 100);
  }
  /* Rows one at a time give the same; NULL row_status and err are fine. */
  for (r = 0; r < N_ROWS; r++) {
    double y[N_OUT];
    CU_ASSERT_EQUAL(pmml_score_batch(c2, rows[r], 1, y, NULL, NULL),
                    st_want[r]);
    for (j = 0; j < N_OUT; j++)
      CU_ASSERT(same(y[j], want[r][j]));
  }
  /* No row at all: nothing to do. */
  CU_ASSERT_EQUAL(pmml_score_batch(c2, NULL, 0, NULL, NULL, &e), PMML_OK);
  pmml_ctx_free(c1);
  pmml_ctx_free(c2);
  pmml_model_free(m);
}

static void
test_set_numbers(void)
{
  pmml_model *m = load();
  pmml_ctx *c = NULL;
  pmml_value v;
  double x[N_IN] = {2, 3, 0.5, 1}, nan = NAN;
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(pmml_ctx_new(m, &c), PMML_OK);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 0, x, N_IN), PMML_OK);
  CU_ASSERT_EQUAL(pmml_score(c, NULL), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_EQUAL(v.number, 135.5);
  /* A part of the inputs: s = 2 (the number 2 becomes the text "2"). */
  x[0] = 2;
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 3, x, 1), PMML_OK);
  CU_ASSERT_EQUAL(pmml_score(c, NULL), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_EQUAL(v.number, 235.5);
  /* NaN for a string input is missing, which counts for nothing here
  ** (set_number would give "NaN", which s refuses). */
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 3, &nan, 1), PMML_OK);
  CU_ASSERT_EQUAL(pmml_score(c, NULL), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_EQUAL(v.number, 35.5);
  pmml_ctx_set_number(c, 3, NAN);
  CU_ASSERT_EQUAL(pmml_score(c, NULL), PMML_E_INVALID_VALUE);
  /* Bad ranges set nothing. */
  pmml_ctx_set_number(c, 3, 1);
  x[0] = 7;
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 3, x, 2), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 5, x, 0), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 0, NULL, 1), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 1, x, (size_t)-1),
                  PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(NULL, 0, x, 1), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_set_numbers(c, 4, x, 0), PMML_OK);
  CU_ASSERT_EQUAL(pmml_score(c, NULL), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_EQUAL(v.number, 135.5);
  /* pmml_score_batch: NULL matrices with rows to score. */
  CU_ASSERT_EQUAL(pmml_score_batch(c, NULL, 1, &nan, NULL, NULL),
                  PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_score_batch(c, x, 1, NULL, NULL, NULL),
                  PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_score_batch(NULL, x, 1, &nan, NULL, NULL),
                  PMML_E_ARGUMENT);
  pmml_ctx_free(c);
  pmml_model_free(m);
}

void add_batch_suite(void);

void
add_batch_suite(void)
{
  CU_pSuite s = CU_add_suite("batch", NULL, NULL);
  CU_add_test(s, "pmml_score_batch scores as the per-input calls",
              test_batch_equals_calls);
  CU_add_test(s, "pmml_ctx_set_numbers", test_set_numbers);
}
