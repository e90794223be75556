/*
** test_scorecard.c: Scorecard through the public API, on small scorecards
** whose scores and reason codes are worked out by hand in the comments:
** partial scores and ComplexPartialScore, baselines (characteristic,
** model, baselineMethod), pointsBelow and pointsAbove, the ranking of
** reason codes and its ties, refusals.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"age\" optype=\"continuous\" dataType=\"double\"/>"      \
  "<DataField name=\"income\" optype=\"continuous\" dataType=\"double\"/>"   \
  "<DataField name=\"city\" optype=\"categorical\" dataType=\"string\"/>"    \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"score\" optype=\"continuous\" dataType=\"double\"/>"    \
  "</DataDictionary>\n"
#define MS                                                                   \
  "<MiningSchema><MiningField name=\"age\"/><MiningField name=\"income\"/>"  \
  "<MiningField name=\"city\"/><MiningField name=\"x\"/>"                    \
  "<MiningField name=\"score\" usageType=\"target\"/></MiningSchema>"
#define OUT                                                                  \
  "<Output><OutputField name=\"r1\" feature=\"reasonCode\" rank=\"1\"/>"     \
  "<OutputField name=\"r2\" feature=\"reasonCode\" rank=\"2\"/>"             \
  "<OutputField name=\"r3\" feature=\"reasonCode\" rank=\"3\"/></Output>"

#define CHECK_PREFIX(doc, in, out, want)                                     \
  do {                                                                       \
    const char *got_ = score((doc), (in), (out));                            \
    if (strncmp(got_, (want), strlen(want)) != 0)                            \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want '%s...'\n",       \
              __FILE__, __LINE__, (in), (out), got_, (want));                \
    CU_ASSERT(strncmp(got_, (want), strlen(want)) == 0);                     \
  } while (0)

/* The age characteristic: reason code RA, baseline 'bl' (attribute text
** such as baselineScore="20", or none): below 30 gives 5, below 50 15,
** else 25. */
#define AGE(bl)                                                              \
  "<Characteristic name=\"age\" reasonCode=\"RA\" " bl ">"                   \
  "<Attribute partialScore=\"5\"><SimplePredicate field=\"age\" "            \
  "operator=\"lessThan\" value=\"30\"/></Attribute>"                         \
  "<Attribute partialScore=\"15\"><SimplePredicate field=\"age\" "           \
  "operator=\"lessThan\" value=\"50\"/></Attribute>"                         \
  "<Attribute partialScore=\"25\"><True/></Attribute></Characteristic>"

/*
** initialScore 100, pointsBelow, baselines per characteristic:
**   age (RA, baseline 20): < 30: 5, < 50: 15, else 25
**   income (baseline 10): missing: 0 (RI_MISSING), < 1000: 2 (RI_LOW),
**     else income / 1000 (RI_HIGH, a ComplexPartialScore)
**   city (RC, baseline 8): x: 10, y: 3 (nothing else)
*/
static const char *card =
    HEAD DD
    "<Scorecard functionName=\"regression\" initialScore=\"100\" "
    "reasonCodeAlgorithm=\"pointsBelow\">" MS OUT
    "<Characteristics>" AGE("baselineScore=\"20\"")
    "<Characteristic name=\"income\" baselineScore=\"10\">"
    "<Attribute partialScore=\"0\" reasonCode=\"RI_MISSING\">"
    "<SimplePredicate field=\"income\" operator=\"isMissing\"/></Attribute>"
    "<Attribute partialScore=\"2\" reasonCode=\"RI_LOW\">"
    "<SimplePredicate field=\"income\" operator=\"lessThan\" value=\"1000\"/>"
    "</Attribute><Attribute reasonCode=\"RI_HIGH\"><True/>"
    "<ComplexPartialScore><Apply function=\"/\"><FieldRef field=\"income\"/>"
    "<Constant>1000</Constant></Apply></ComplexPartialScore></Attribute>"
    "</Characteristic>"
    "<Characteristic name=\"city\" reasonCode=\"RC\" baselineScore=\"8\">"
    "<Attribute partialScore=\"10\"><SimplePredicate field=\"city\" "
    "operator=\"equal\" value=\"x\"/></Attribute>"
    "<Attribute partialScore=\"3\"><SimplePredicate field=\"city\" "
    "operator=\"equal\" value=\"y\"/></Attribute></Characteristic>"
    "</Characteristics></Scorecard></PMML>";

static void
test_score(void)
{
  /* 25, 500, y: 100 + 5 + 2 + 3 = 110; points below: RA 20 - 5 = 15,
  ** RI_LOW 10 - 2 = 8, RC 8 - 3 = 5. */
  CHECK(card, "age=25,income=500,city=y", "score", "110");
  CHECK(card, "age=25,income=500,city=y", "r1", "RA");
  CHECK(card, "age=25,income=500,city=y", "r2", "RI_LOW");
  CHECK(card, "age=25,income=500,city=y", "r3", "RC");
  /* 25, 2500, y: the ComplexPartialScore 2.5: 110.5; RA 15, RI_HIGH 7.5,
  ** RC 5. */
  CHECK(card, "age=25,income=2500,city=y", "score", "110.5");
  CHECK(card, "age=25,income=2500,city=y", "r2", "RI_HIGH");
  /* 40, 5000, x: 100 + 15 + 5 + 10 = 130; RA 5, RI_HIGH 5 (a tie: RA
  ** counted first), RC -2 (negative: not a reason). */
  CHECK(card, "age=40,income=5000,city=x", "score", "130");
  CHECK(card, "age=40,income=5000,city=x", "r1", "RA");
  CHECK(card, "age=40,income=5000,city=x", "r2", "RI_HIGH");
  CHECK(card, "age=40,income=5000,city=x", "r3", "<missing>");
  /* 60, income missing, x: 100 + 25 + 0 + 10 = 135; RA -5, RI_MISSING 10,
  ** RC -2: one reason. */
  CHECK(card, "age=60,income=?,city=x", "score", "135");
  CHECK(card, "age=60,income=?,city=x", "r1", "RI_MISSING");
  CHECK(card, "age=60,income=?,city=x", "r2", "<missing>");
  /* age missing: the comparisons are unknown, True decides: 25. */
  CHECK(card, "age=?,income=500,city=y", "score", "130");
  /* A city no Attribute takes (or a missing one) fails the record. */
  CHECK_PREFIX(card, "age=25,income=500,city=z", "score",
               "ERR:Scorecard: no Attribute of the Characteristic 'city'");
  CHECK_PREFIX(card, "age=25,income=500,city=?", "score",
               "ERR:Scorecard: no Attribute of the Characteristic 'city'");
}

static void
test_points_above(void)
{
  /* pointsAbove against the model's baseline 0, codes shared:
  **   A (R): x < 0: 1; else 1 with code Q
  **   B (R): 1
  ** x = 5: Q 1, R 1: a tie, Q counted first. x = -1: R 2 alone. */
  const char *d =
      HEAD DD
      "<Scorecard functionName=\"regression\" baselineScore=\"0\" "
      "reasonCodeAlgorithm=\"pointsAbove\">" MS OUT
      "<Characteristics><Characteristic reasonCode=\"R\">"
      "<Attribute partialScore=\"1\"><SimplePredicate field=\"x\" "
      "operator=\"lessThan\" value=\"0\"/></Attribute>"
      "<Attribute partialScore=\"1\" reasonCode=\"Q\"><True/></Attribute>"
      "</Characteristic><Characteristic reasonCode=\"R\">"
      "<Attribute partialScore=\"1\"><True/></Attribute></Characteristic>"
      "</Characteristics></Scorecard></PMML>";
  CHECK(d, "x=5", "score", "2");
  CHECK(d, "x=5", "r1", "Q");
  CHECK(d, "x=5", "r2", "R");
  CHECK(d, "x=-1", "r1", "R");
  CHECK(d, "x=-1", "r2", "<missing>");
}

/* The age characteristic alone, no baselineScore, baselineMethod 'm'. */
static char *
method(const char *m)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD "<Scorecard functionName=\"regression\" "
           "baselineMethod=\"%s\">" MS OUT
           "<Characteristics>" AGE("") "</Characteristics></Scorecard></PMML>",
           m);
  return doc;
}

static void
test_baselines(void)
{
  /* max: the baseline is 25. age 25: 25 - 5 = 20; age 60: 0, a reason
  ** still (only negative points are left out). */
  CHECK(method("max"), "age=25", "r1", "RA");
  CHECK(method("max"), "age=60", "r1", "RA");
  CHECK(method("max"), "age=25", "score", "5");
  /* min: the baseline is 5. age 60: 5 - 25 < 0: no reason; age 25: 0. */
  CHECK(method("min"), "age=60", "r1", "<missing>");
  CHECK(method("min"), "age=25", "r1", "RA");
  /* mean, neutral, other: no baseline can be worked out. */
  CHECK(method("mean"), "age=25", "score",
        "ERR:Characteristic 'age': no baselineScore, which reason codes "
        "need");
  /* Without reason code outputs no baseline is needed. */
  EXPECT(score(HEAD DD "<Scorecard functionName=\"regression\" "
              "initialScore=\"1.5\">" MS
              "<Characteristics>" AGE("") "</Characteristics></Scorecard>"
              "</PMML>",
              "age=45", "score"),
        "16.5");
}

static void
test_missing_and_refusals(void)
{
  /* A ComplexPartialScore that is missing: no score, no reasons. */
  const char *d =
      HEAD DD "<Scorecard functionName=\"regression\" baselineScore=\"0\">"
      MS OUT "<Characteristics><Characteristic reasonCode=\"I\">"
      "<Attribute><True/><ComplexPartialScore><FieldRef field=\"income\"/>"
      "</ComplexPartialScore></Attribute></Characteristic>"
      "</Characteristics></Scorecard></PMML>";
  CHECK(d, "income=?", "score", "<missing>");
  CHECK(d, "income=?", "r1", "<missing>");
  CHECK(d, "income=-3", "score", "-3");
  /* pointsBelow: 0 - (-3) = 3 points lost, a reason; 0 - 3 = -3 is not. */
  CHECK(d, "income=-3", "r1", "I");
  CHECK(d, "income=3", "r1", "<missing>");
  EXPECT(score(HEAD DD "<Scorecard functionName=\"regression\" "
              "useReasonCodes=\"false\">" MS OUT
              "<Characteristics>" AGE("") "</Characteristics></Scorecard>"
              "</PMML>",
              "age=45", "score"),
        "ERR:OutputField 'r1': feature=\"reasonCode\" needs "
        "useReasonCodes=\"true\"");
  EXPECT(score(HEAD DD "<Scorecard functionName=\"regression\">" MS
              "<Characteristics><Characteristic><Attribute><True/>"
              "</Attribute></Characteristic></Characteristics></Scorecard>"
              "</PMML>",
              "age=45", "score"),
        "ERR:Attribute: no partialScore and no ComplexPartialScore");
  EXPECT(score(HEAD DD "<Scorecard functionName=\"classification\">" MS
              "<Characteristics>" AGE("") "</Characteristics></Scorecard>"
              "</PMML>",
              "age=45", "score"),
        "ERR:Scorecard: only functionName=\"regression\" is supported");
  EXPECT(score(HEAD DD "<Scorecard functionName=\"regression\" "
              "baselineScore=\"0\">" MS OUT
              "<Characteristics><Characteristic><Attribute "
              "partialScore=\"1\"><True/></Attribute></Characteristic>"
              "</Characteristics></Scorecard></PMML>",
              "age=45", "score"),
        "ERR:Attribute: no reasonCode (nor one on its Characteristic), "
        "which reason codes need");
}

static void
test_nomem(void)
{
  check_nomem(card);
  check_nomem(method("max"));
}

void add_scorecard_suite(void);

void
add_scorecard_suite(void)
{
  CU_pSuite s = CU_add_suite("scorecard", NULL, NULL);
  CU_add_test(s, "scores and reason codes", test_score);
  CU_add_test(s, "pointsAbove and shared codes", test_points_above);
  CU_add_test(s, "baselines", test_baselines);
  CU_add_test(s, "missing values and refusals", test_missing_and_refusals);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
