/*
** test_ruleset.c: RuleSetModel through the public API, on small documents
** whose results are worked out by hand in the comments: every
** RuleSelectionMethod, nested CompoundRules, the default score, the
** outputs a rule set gives, and the documents it refuses.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
/* x a number, c a colour, y the class: A, B, C in this order. */
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"A\"/><Value value=\"B\"/><Value value=\"C\"/>"             \
  "</DataField></DataDictionary>\n"
#define SCHEMA                                                               \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>"         \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"

#define OUTPUTS                                                              \
  "<Output>"                                                                 \
  "<OutputField name=\"conf\" feature=\"confidence\" dataType=\"double\"/>"  \
  "<OutputField name=\"confA\" feature=\"confidence\" value=\"A\" "          \
  "dataType=\"double\"/>"                                                    \
  "<OutputField name=\"confB\" feature=\"confidence\" value=\"B\" "          \
  "dataType=\"double\"/>"                                                    \
  "<OutputField name=\"pA\" feature=\"probability\" value=\"A\" "            \
  "dataType=\"double\"/>"                                                    \
  "<OutputField name=\"id\" feature=\"entityId\" dataType=\"string\"/>"      \
  "<OutputField name=\"rid\" feature=\"ruleId\" dataType=\"string\"/>"       \
  "<OutputField name=\"rconf\" feature=\"ruleValue\" "                       \
  "ruleFeature=\"confidence\" dataType=\"double\"/>"                         \
  "<OutputField name=\"disp\" feature=\"predictedDisplayValue\" "            \
  "dataType=\"string\"/>"                                                    \
  "</Output>"

/*
** The rule set of most tests (weight w, confidence cf):
**
**   r1  x < 5                 -> B   w 0.5   cf 0.6
**   CompoundRule c = red
**     r2  x > 2               -> A   w 2     cf 0.9   (dist A 8, B 2)
**     (3) true                -> B   w 1     cf 0.7   (no id: "3")
**   r4  x >= 4                -> A   w 0.25  cf 0.8
**   default C, confidence 0.3
*/
static char *
rules(const char *criterion)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<RuleSetModel functionName=\"classification\">" SCHEMA OUTPUTS
           "<RuleSet defaultScore=\"C\" defaultConfidence=\"0.3\">"
           "<RuleSelectionMethod criterion=\"%s\"/>"
           "<RuleSelectionMethod criterion=\"firstHit\"/>"
           "<SimpleRule id=\"r1\" score=\"B\" confidence=\"0.6\" "
           "weight=\"0.5\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
           "value=\"5\"/></SimpleRule>"
           "<CompoundRule><SimplePredicate field=\"c\" operator=\"equal\" "
           "value=\"red\"/>"
           "<SimpleRule id=\"r2\" score=\"A\" confidence=\"0.9\" weight=\"2\">"
           "<SimplePredicate field=\"x\" operator=\"greaterThan\" "
           "value=\"2\"/>"
           "<ScoreDistribution value=\"A\" recordCount=\"8\"/>"
           "<ScoreDistribution value=\"B\" recordCount=\"2\"/></SimpleRule>"
           "<SimpleRule score=\"B\" confidence=\"0.7\" weight=\"1\"><True/>"
           "</SimpleRule></CompoundRule>"
           "<SimpleRule id=\"r4\" score=\"A\" confidence=\"0.8\" "
           "weight=\"0.25\"><SimplePredicate field=\"x\" "
           "operator=\"greaterOrEqual\" value=\"4\"/></SimpleRule>"
           "</RuleSet></RuleSetModel></PMML>",
           criterion);
  return doc;
}

static void
test_first_hit(void)
{
  const char *d = rules("firstHit");
  /* x=3, red: r1, r2 and (3) fire; r1 is first. The confidence of A is
  ** that of the first rule for A (r2), of B that of r1. */
  CHECK(d, "x=3,c=red", "y", "B");
  CHECK(d, "x=3,c=red", "conf", "0.6");
  CHECK(d, "x=3,c=red", "confA", "0.9");
  CHECK(d, "x=3,c=red", "confB", "0.6");
  CHECK(d, "x=3,c=red", "id", "r1");
  CHECK(d, "x=3,c=red", "rid", "r1");
  CHECK(d, "x=3,c=red", "rconf", "0.6");
  CHECK(d, "x=3,c=red", "disp", "B");
  /* r1 has no ScoreDistribution: no probability. */
  CHECK(d, "x=3,c=red", "pA", "<missing>");
  /* x=4.5, blue: r1 and r4 fire. */
  CHECK(d, "x=4.5,c=blue", "y", "B");
  CHECK(d, "x=4.5,c=blue", "confA", "0.8");
  /* x=10, blue: only r4. */
  CHECK(d, "x=10,c=blue", "y", "A");
  CHECK(d, "x=10,c=blue", "confB", "0");
  /* x=7, red: r2 first; its distribution 8:2 gives P(A) = 0.8. */
  CHECK(d, "x=7,c=red", "y", "A");
  CHECK(d, "x=7,c=red", "pA", "0.8");
  CHECK(d, "x=7,c=red", "id", "r2");
  /* x missing, red: x < 5 and x > 2 are UNKNOWN and do not fire; the
  ** unnamed third SimpleRule does: its id is its position, 3. */
  CHECK(d, "x=?,c=red", "y", "B");
  CHECK(d, "x=?,c=red", "id", "3");
  CHECK(d, "x=?,c=red", "conf", "0.7");
  /* Nothing fires: the default C with confidence 0.3, no rule. */
  CHECK(d, "x=?,c=blue", "y", "C");
  CHECK(d, "x=?,c=blue", "conf", "0.3");
  CHECK(d, "x=?,c=blue", "confA", "0");
  CHECK(d, "x=?,c=blue", "id", "<missing>");
  CHECK(d, "x=?,c=blue", "rconf", "<missing>");
}

static void
test_weighted_sum(void)
{
  const char *d = rules("weightedSum");
  /* x=3, red: A = 2, B = 0.5 + 1 = 1.5 over 3 firing rules: A wins with
  ** 2/3; B has 1.5/3 = 0.5. The rule behind A is r2. No probability. */
  CHECK(d, "x=3,c=red", "y", "A");
  CHECK(d, "x=3,c=red", "conf", "0.6666666666666666");
  CHECK(d, "x=3,c=red", "confB", "0.5");
  CHECK(d, "x=3,c=red", "id", "r2");
  CHECK(d, "x=3,c=red", "pA", "<missing>");
  /* x=4.5, blue: B = 0.5, A = 0.25 over 2: B with 0.25, A 0.125. */
  CHECK(d, "x=4.5,c=blue", "y", "B");
  CHECK(d, "x=4.5,c=blue", "conf", "0.25");
  CHECK(d, "x=4.5,c=blue", "confA", "0.125");
  /* x=4.5, red: all four fire: A = 2.25, B = 1.5; 2.25/4 = 0.5625. */
  CHECK(d, "x=4.5,c=red", "y", "A");
  CHECK(d, "x=4.5,c=red", "conf", "0.5625");
  CHECK(d, "x=4.5,c=red", "confB", "0.375");
  /* Nothing fires: the default. */
  CHECK(d, "x=?,c=blue", "y", "C");
}

static void
test_weighted_max(void)
{
  const char *d = rules("weightedMax");
  /* x=3, red: r2 has the largest weight (2): A with r2's 0.9; the largest
  ** B rule is (3) (weight 1), confidence 0.7. r2's P(A) is 0.8. */
  CHECK(d, "x=3,c=red", "y", "A");
  CHECK(d, "x=3,c=red", "conf", "0.9");
  CHECK(d, "x=3,c=red", "confB", "0.7");
  CHECK(d, "x=3,c=red", "pA", "0.8");
  CHECK(d, "x=3,c=red", "id", "r2");
  /* x=4.5, blue: r1 (0.5) beats r4 (0.25). */
  CHECK(d, "x=4.5,c=blue", "y", "B");
  CHECK(d, "x=4.5,c=blue", "conf", "0.6");
  CHECK(d, "x=4.5,c=blue", "confA", "0.8");
  CHECK(d, "x=?,c=blue", "y", "C");
}

/* Two rules that always fire, B first, with weights wb and wa. */
static char *
ties(const char *criterion, const char *wb, const char *wa)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<RuleSetModel functionName=\"classification\">" SCHEMA OUTPUTS
           "<RuleSet><RuleSelectionMethod criterion=\"%s\"/>"
           "<SimpleRule id=\"b\" score=\"B\" weight=\"%s\" confidence=\"0.4\">"
           "<True/></SimpleRule>"
           "<SimpleRule id=\"a\" score=\"A\" weight=\"%s\" confidence=\"0.5\">"
           "<True/></SimpleRule>"
           "</RuleSet></RuleSetModel></PMML>",
           criterion, wb, wa);
  return doc;
}

static void
test_ties(void)
{
  /* weightedSum, equal sums (1 and 1): the class listed first among the
  ** target's Values wins, A, though B's rule comes first (PMML 4.4
  ** RuleSet; JPMML takes the first class to fire). Confidence 1/2. */
  CHECK(ties("weightedSum", "1", "1"), "x=1", "y", "A");
  CHECK(ties("weightedSum", "1", "1"), "x=1", "conf", "0.5");
  CHECK(ties("weightedSum", "1", "1"), "x=1", "id", "a");
  /* weightedMax, equal weights: the first rule, b. */
  CHECK(ties("weightedMax", "1", "1"), "x=1", "y", "B");
  CHECK(ties("weightedMax", "1", "1"), "x=1", "id", "b");
  CHECK(ties("weightedMax", "1", "3"), "x=1", "y", "A");
  /* No default score and nothing fires cannot happen here; with no rule
  ** at all, no prediction: see test_nested. */
}

/* CompoundRules inside CompoundRules. */
static void
test_nested(void)
{
  const char *d =
      HEAD DD
      "<RuleSetModel functionName=\"classification\">" SCHEMA OUTPUTS
      "<RuleSet><RuleSelectionMethod criterion=\"firstHit\"/>"
      "<CompoundRule><SimplePredicate field=\"c\" operator=\"equal\" "
      "value=\"red\"/>"
      "<CompoundRule><SimplePredicate field=\"x\" operator=\"greaterThan\" "
      "value=\"1\"/>"
      "<SimpleRule id=\"deep\" score=\"A\"><SimplePredicate field=\"x\" "
      "operator=\"lessThan\" value=\"3\"/></SimpleRule></CompoundRule>"
      "<SimpleRule id=\"red\" score=\"B\"><True/></SimpleRule>"
      "</CompoundRule>"
      "<SimpleRule id=\"last\" score=\"C\"><SimplePredicate field=\"x\" "
      "operator=\"greaterThan\" value=\"100\"/></SimpleRule>"
      "</RuleSet></RuleSetModel></PMML>";
  /* red, 1 < 2 < 3: deep. red, x = 5: deep fails, red fires. red, x =
  ** 0.5: the inner compound fails, red fires. blue, 200: last. blue, 5:
  ** nothing, no default: no prediction. Confidence defaults to 1. */
  CHECK(d, "x=2,c=red", "id", "deep");
  CHECK(d, "x=2,c=red", "conf", "1");
  CHECK(d, "x=5,c=red", "id", "red");
  CHECK(d, "x=0.5,c=red", "y", "B");
  CHECK(d, "x=200,c=blue", "y", "C");
  CHECK(d, "x=5,c=blue", "y", "<missing>");
  CHECK(d, "x=5,c=blue", "conf", "<missing>");
}

/* A regression: rules with numbers as scores. */
static char *
regression(const char *criterion)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD
           "<DataDictionary>"
           "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
           "</DataDictionary>"
           "<RuleSetModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"x\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<RuleSet defaultScore=\"-1\">"
           "<RuleSelectionMethod criterion=\"%s\"/>"
           "<SimpleRule score=\"10.5\" weight=\"1\">"
           "<SimplePredicate field=\"x\" operator=\"lessThan\" value=\"0\"/>"
           "</SimpleRule>"
           "<SimpleRule score=\"20\" weight=\"2\">"
           "<SimplePredicate field=\"x\" operator=\"lessThan\" value=\"5\"/>"
           "</SimpleRule>"
           "</RuleSet></RuleSetModel></PMML>",
           criterion);
  return doc;
}

static void
test_regression(void)
{
  /* firstHit: x=-1 -> 10.5, x=3 -> 20, x=9 -> the default -1;
  ** weightedMax: x=-1 fires both, the weight-2 rule gives 20. */
  CHECK(regression("firstHit"), "x=-1", "y", "10.5");
  CHECK(regression("firstHit"), "x=3", "y", "20");
  CHECK(regression("firstHit"), "x=9", "y", "-1");
  CHECK(regression("weightedMax"), "x=-1", "y", "20");
  CHECK(regression("weightedSum"), "x=-1", "y",
        "ERR:RuleSelectionMethod: criterion=\"weightedSum\" sums the weights "
        "of classes; a regression has none");
}

static void
test_refused(void)
{
  CHECK(HEAD DD "<RuleSetModel functionName=\"classification\">" SCHEMA
                "<RuleSet><SimpleRule score=\"A\"><True/></SimpleRule>"
                "</RuleSet></RuleSetModel></PMML>",
        "x=1", "y",
        "ERR:RuleSet: no RuleSelectionMethod (firstHit, weightedSum or "
        "weightedMax)");
  CHECK(HEAD DD "<RuleSetModel functionName=\"classification\">" SCHEMA
                "<Output><OutputField name=\"id2\" feature=\"entityId\" "
                "rank=\"2\"/></Output>"
                "<RuleSet><RuleSelectionMethod criterion=\"firstHit\"/>"
                "<SimpleRule score=\"A\"><True/></SimpleRule>"
                "</RuleSet></RuleSetModel></PMML>",
        "x=1", "y",
        "ERR:OutputField: 'id2': a RuleSetModel gives only the rule it "
        "selects (rank=\"1\", not multi-valued)");
  CHECK(HEAD DD "<RuleSetModel functionName=\"classification\">" SCHEMA
                "<RuleSet><RuleSelectionMethod criterion=\"firstHit\"/>"
                "<CompoundRule><True/></CompoundRule>"
                "</RuleSet></RuleSetModel></PMML>",
        "x=1", "y", "ERR:CompoundRule: no rule inside");
  CHECK(HEAD DD "<RuleSetModel functionName=\"classification\">" SCHEMA
                "<RuleSet><RuleSelectionMethod criterion=\"firstHit\"/>"
                "<SimpleRule score=\"A\"/>"
                "</RuleSet></RuleSetModel></PMML>",
        "x=1", "y", "ERR:SimpleRule: expected one predicate, found 0");
}

static void
test_nomem(void)
{
  check_nomem(rules("weightedSum"));
  check_nomem(ties("firstHit", "1", "2"));
}

void add_ruleset_suite(void);

void
add_ruleset_suite(void)
{
  CU_pSuite s = CU_add_suite("ruleset", NULL, NULL);
  CU_add_test(s, "firstHit", test_first_hit);
  CU_add_test(s, "weightedSum", test_weighted_sum);
  CU_add_test(s, "weightedMax", test_weighted_max);
  CU_add_test(s, "ties", test_ties);
  CU_add_test(s, "nested CompoundRules", test_nested);
  CU_add_test(s, "regression", test_regression);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
