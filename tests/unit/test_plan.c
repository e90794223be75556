/*
** test_plan.c: the per-record shortcuts of the interpreter give what the
** general path gives: the one-comparison walk of a tree's complementary
** pairs (every operator order, the value on the threshold, a missing one),
** the returnInvalid checks made only for inputs that are not plain valid
** numbers, probability outputs copied from the result, and input slots
** that stay fresh across the wrap-around of the record generation.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"

/* A regression tree: score 1 when x op1 5, score 2 when x op2 5. */
static char *
pair_tree(const char *op1, const char *op2)
{
  static char doc[2048];
  snprintf(doc, sizeof doc,
           HEAD
           "<DataDictionary>"
           "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
           "</DataDictionary>"
           "<TreeModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"x\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<Node><True/>"
           "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"%s\" "
           "value=\"5\"/></Node>"
           "<Node score=\"2\"><SimplePredicate field=\"x\" operator=\"%s\" "
           "value=\"5\"/></Node>"
           "</Node></TreeModel></PMML>",
           op1, op2);
  return doc;
}

static void
test_pairs(void)
{
  /* x < 5 | x >= 5 */
  CHECK(pair_tree("lessThan", "greaterOrEqual"), "x=#4", "y", "1");
  CHECK(pair_tree("lessThan", "greaterOrEqual"), "x=#5", "y", "2");
  CHECK(pair_tree("lessThan", "greaterOrEqual"), "x=#6", "y", "2");
  /* x >= 5 | x < 5 */
  CHECK(pair_tree("greaterOrEqual", "lessThan"), "x=#4", "y", "2");
  CHECK(pair_tree("greaterOrEqual", "lessThan"), "x=#5", "y", "1");
  CHECK(pair_tree("greaterOrEqual", "lessThan"), "x=#6", "y", "1");
  /* x <= 5 | x > 5 */
  CHECK(pair_tree("lessOrEqual", "greaterThan"), "x=#4", "y", "1");
  CHECK(pair_tree("lessOrEqual", "greaterThan"), "x=#5", "y", "1");
  CHECK(pair_tree("lessOrEqual", "greaterThan"), "x=#6", "y", "2");
  /* x > 5 | x <= 5 */
  CHECK(pair_tree("greaterThan", "lessOrEqual"), "x=#4", "y", "2");
  CHECK(pair_tree("greaterThan", "lessOrEqual"), "x=#5", "y", "2");
  CHECK(pair_tree("greaterThan", "lessOrEqual"), "x=#6", "y", "1");
  /* Missing: both comparisons unknown, missingValueStrategy none makes
  ** them false, no child is true: no prediction. */
  CHECK(pair_tree("lessThan", "greaterOrEqual"), "x=?", "y", "<missing>");
  /* Not a pair (one threshold each side): the general path. */
  CHECK(pair_tree("lessThan", "greaterThan"), "x=#5", "y", "<missing>");
}

/* A classification tree on x, then on z where x >= 5 (z is a returnInvalid
** field the walk of x < 5 never reads), with the probabilities as
** outputs. */
#define CLS_TREE                                                             \
  HEAD                                                                       \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\">"         \
  "<Interval closure=\"closedClosed\" leftMargin=\"0\" rightMargin=\"10\"/>" \
  "</DataField>"                                                             \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/></DataField>"                     \
  "</DataDictionary>"                                                        \
  "<TreeModel functionName=\"classification\"><MiningSchema>"                \
  "<MiningField name=\"x\"/>"                                                \
  "<MiningField name=\"z\" missingValueTreatment=\"returnInvalid\"/>"        \
  "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"            \
  "<Output>"                                                                 \
  "<OutputField name=\"pa\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"a\"/>"                                    \
  "<OutputField name=\"pb\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"b\"/>"                                    \
  "</Output>"                                                                \
  "<Node><True/>"                                                            \
  "<Node score=\"a\"><SimplePredicate field=\"x\" operator=\"lessThan\" "    \
  "value=\"5\"/>"                                                            \
  "<ScoreDistribution value=\"a\" recordCount=\"3\"/>"                       \
  "<ScoreDistribution value=\"b\" recordCount=\"1\"/></Node>"                \
  "<Node><SimplePredicate field=\"x\" operator=\"greaterOrEqual\" "         \
  "value=\"5\"/>"                                                            \
  "<Node score=\"b\"><SimplePredicate field=\"z\" operator=\"lessThan\" "    \
  "value=\"0\"/>"                                                            \
  "<ScoreDistribution value=\"a\" recordCount=\"0\"/>"                       \
  "<ScoreDistribution value=\"b\" recordCount=\"2\"/></Node>"                \
  "<Node score=\"b\"><SimplePredicate field=\"z\" "                          \
  "operator=\"greaterOrEqual\" value=\"0\"/>"                                \
  "<ScoreDistribution value=\"a\" recordCount=\"0\"/>"                       \
  "<ScoreDistribution value=\"b\" recordCount=\"2\"/></Node>"                \
  "</Node></Node></TreeModel></PMML>"

static void
test_checks_and_outputs(void)
{
  /* x = 1 < 5: a with 3/4, b with 1/4. */
  CHECK(CLS_TREE, "x=#1,z=#0", "k", "a");
  CHECK(CLS_TREE, "x=#1,z=#0", "pa", "0.75");
  CHECK(CLS_TREE, "x=#1,z=#0", "pb", "0.25");
  CHECK(CLS_TREE, "x=#7,z=#0", "pb", "1");
  /* z is never read by the walk, yet missing it makes the record invalid
  ** (missingValueTreatment="returnInvalid"). */
  CHECK(CLS_TREE, "x=#1,z=?", "k",
        "ERR:field 'z' is missing (missingValueTreatment=\"returnInvalid\")");
  /* x = 11 is outside its Interval: invalid, and the default
  ** invalidValueTreatment is returnInvalid. */
  CHECK(CLS_TREE, "x=#11,z=#0", "k", "ERR:field 'x': invalid value '11'");
  /* x missing: no prediction, and the probabilities of no prediction are
  ** missing too (not the zeros of the result). */
  CHECK(CLS_TREE, "x=?,z=#0", "k", "<missing>");
  CHECK(CLS_TREE, "x=?,z=#0", "pa", "<missing>");
  /* A record after a failed one and after one without a prediction. */
  CHECK(CLS_TREE, "x=#1,z=?,/,x=?,z=#1,/,x=#8,z=#1", "pa", "0");
}

/* The record generation wraps around: inputs stay fresh, computed values
** and results of the record before do not leak into the next. */
static void
test_generation_wrap(void)
{
  const char *doc = CLS_TREE;
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  pmml_value v;
  int r;
  CU_ASSERT_FATAL(pmml_model_load_memory(doc, strlen(doc), NULL, &m, NULL) ==
                  PMML_OK);
  CU_ASSERT_FATAL(pmml_ctx_new(m, &c) == PMML_OK);
  c->gen = PM_FRESH - 3;
  for (r = 0; r < 6; r++) {
    double x = r % 2 ? 7 : 1;
    CU_ASSERT(pmml_ctx_set_number(c, 0, x) == PMML_OK);
    CU_ASSERT(pmml_ctx_set_number(c, 1, 0) == PMML_OK);
    CU_ASSERT(pmml_score(c, NULL) == PMML_OK);
    CU_ASSERT(c->gen != PM_FRESH);
    CU_ASSERT(pmml_ctx_output(c, 1, &v) == PMML_OK); /* pa */
    CU_ASSERT(v.kind == PMML_NUMBER && v.number == (r % 2 ? 0.0 : 0.75));
  }
  /* After the wrap, a missing z still fails the record. */
  CU_ASSERT(pmml_ctx_set_missing(c, 1) == PMML_OK);
  CU_ASSERT(pmml_score(c, NULL) == PMML_E_INVALID_VALUE);
  pmml_ctx_free(c);
  pmml_model_free(m);
}

void add_plan_suite(void);

void
add_plan_suite(void)
{
  CU_pSuite s = CU_add_suite("plan", NULL, NULL);
  CU_add_test(s, "tree pairs in one comparison", test_pairs);
  CU_add_test(s, "returnInvalid checks, probability outputs",
              test_checks_and_outputs);
  CU_add_test(s, "record generation wrap-around", test_generation_wrap);
}
