/*
** test_mining.c: MiningModel through the public API, on small documents
** whose results are worked out by hand in the comments: every
** multipleModelMethod, missingPredictionTreatment, nested segmentations,
** model chains and the outputs passed on from segments, OutputField@
** segmentId, local transformations, the 3.x embedded models, float
** arithmetic, and the refusals.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
/* x, z inputs; y a continuous target; k a categorical one (a, b, c). */
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"             \
  "</DataField></DataDictionary>\n"
#define MS_Y                                                                 \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"z\"/>"         \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
#define MS_K                                                                 \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"z\"/>"         \
  "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"

/* ---- building blocks -------------------------------------------------- */

/* A regression segment predicting the constant v (x is read so that the
** segment's MiningSchema is used). */
static char *
reg_const(char *buf, size_t n, const char *v)
{
  snprintf(buf, n,
           "<RegressionModel functionName=\"regression\">" MS_Y
           "<RegressionTable intercept=\"%s\"/></RegressionModel>",
           v);
  return buf;
}

/* A classification segment: one node predicting 'cls' with the
** probabilities pa, pb, pc of a, b, c. */
static char *
cls_tree(char *buf, size_t n, const char *cls, const char *pa,
         const char *pb, const char *pc)
{
  snprintf(buf, n,
           "<TreeModel functionName=\"classification\">" MS_K
           "<Node score=\"%s\"><True/>"
           "<ScoreDistribution value=\"a\" recordCount=\"1\" "
           "probability=\"%s\"/>"
           "<ScoreDistribution value=\"b\" recordCount=\"1\" "
           "probability=\"%s\"/>"
           "<ScoreDistribution value=\"c\" recordCount=\"1\" "
           "probability=\"%s\"/></Node></TreeModel>",
           cls, pa, pb, pc);
  return buf;
}

/* A MiningModel of 'fn' ("regression", "classification") combining the
** segments s[0..n) with 'method'; 'weights' are the segments' weights
** ("" for none); 'output' the MiningModel's Output ("" for none). */
static char *
mining(const char *fn, const char *method, const char *const *s, int n,
       const char *const *weights, const char *output)
{
  static char doc[16384];
  size_t at;
  int i;
  at = (size_t)snprintf(doc, sizeof doc,
                        HEAD DD "<MiningModel functionName=\"%s\">%s%s"
                                "<Segmentation multipleModelMethod=\"%s\">",
                        fn, !strcmp(fn, "regression") ? MS_Y : MS_K, output,
                        method);
  for (i = 0; i < n; i++)
    at += (size_t)snprintf(doc + at, sizeof doc - at,
                           "<Segment id=\"%d\"%s%s%s><True/>%s</Segment>",
                           i + 1, weights ? " weight=\"" : "",
                           weights ? weights[i] : "", weights ? "\"" : "",
                           s[i]);
  snprintf(doc + at, sizeof doc - at, "</Segmentation></MiningModel></PMML>");
  return doc;
}

#define PROBS                                                                \
  "<Output><OutputField name=\"pa\" optype=\"continuous\" "                  \
  "dataType=\"double\" feature=\"probability\" value=\"a\"/>"                \
  "<OutputField name=\"pb\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"b\"/>"                                    \
  "<OutputField name=\"pc\" optype=\"continuous\" dataType=\"double\" "      \
  "feature=\"probability\" value=\"c\"/></Output>"

/* ---- classification --------------------------------------------------- */

static void
test_votes(void)
{
  char b1[1024], b2[1024], b3[1024];
  const char *s[3];
  const char *w[3] = {"1", "3", "1"};
  const char *doc;
  s[0] = cls_tree(b1, sizeof b1, "a", "0.6", "0.3", "0.1");
  s[1] = cls_tree(b2, sizeof b2, "b", "0.2", "0.5", "0.3");
  s[2] = cls_tree(b3, sizeof b3, "a", "0.5", "0.1", "0.4");
  /* majorityVote: a, b, a: a wins with 2 of 3 votes. */
  doc = mining("classification", "majorityVote", s, 3, NULL, PROBS);
  CHECK(doc, "x=1", "k", "a");
  CHECK(doc, "x=1", "pa", "0.6666666666666666");
  CHECK(doc, "x=1", "pb", "0.3333333333333333");
  CHECK(doc, "x=1", "pc", "0");
  /* weightedMajorityVote, weights 1, 3, 1: a has 2, b 3 of 5. */
  doc = mining("classification", "weightedMajorityVote", s, 3, w, PROBS);
  CHECK(doc, "x=1", "k", "b");
  CHECK(doc, "x=1", "pb", "0.6");
  CHECK(doc, "x=1", "pa", "0.4");
  /* A tie (b, a): the class voted for first wins (JPMML). */
  doc = mining("classification", "majorityVote", s + 1, 2, NULL, PROBS);
  CHECK(doc, "x=1", "k", "b");
  CHECK(doc, "x=1", "pa", "0.5");
}

static void
test_probabilities(void)
{
  char b1[1024], b2[1024], b3[1024];
  const char *s[3];
  const char *w[3] = {"2", "1", "1"};
  const char *doc;
  s[0] = cls_tree(b1, sizeof b1, "a", "0.6", "0.3", "0.1");
  s[1] = cls_tree(b2, sizeof b2, "b", "0.2", "0.5", "0.3");
  s[2] = cls_tree(b3, sizeof b3, "c", "0.1", "0.1", "0.8");
  /* average: a (0.6+0.2+0.1)/3 = 0.3, b (0.3+0.5+0.1)/3 = 0.3,
  ** c (0.1+0.3+0.8)/3 = 0.4 (0.4000000000000001 in double). */
  doc = mining("classification", "average", s, 3, NULL, PROBS);
  CHECK(doc, "x=1", "k", "c");
  CHECK(doc, "x=1", "pa", "0.3");
  CHECK(doc, "x=1", "pc", "0.4000000000000001");
  /* weightedAverage, 2, 1, 1: a (1.2+0.2+0.1)/4 = 0.375,
  ** b (0.6+0.5+0.1)/4 = 0.3 (0.30000000000000004), c 1.3/4 = 0.325. */
  doc = mining("classification", "weightedAverage", s, 3, w, PROBS);
  CHECK(doc, "x=1", "k", "a");
  CHECK(doc, "x=1", "pa", "0.375");
  CHECK(doc, "x=1", "pb", "0.30000000000000004");
  CHECK(doc, "x=1", "pc", "0.325");
  /* median (JPMML): segments (0.7 0.2 0.1), (0.5 0.4 0.1), (0.1 0.3 0.6).
  ** Medians a 0.5, b 0.3, c 0.1: a wins; the segment closest to its median
  ** (the second) gives the probabilities. */
  s[0] = cls_tree(b1, sizeof b1, "a", "0.7", "0.2", "0.1");
  s[1] = cls_tree(b2, sizeof b2, "a", "0.5", "0.4", "0.1");
  s[2] = cls_tree(b3, sizeof b3, "c", "0.1", "0.3", "0.6");
  doc = mining("classification", "median", s, 3, NULL, PROBS);
  CHECK(doc, "x=1", "k", "a");
  CHECK(doc, "x=1", "pa", "0.5");
  CHECK(doc, "x=1", "pb", "0.4");
  /* max: maxima a 0.7, b 0.4, c 0.6: a wins, from the first segment. */
  doc = mining("classification", "max", s, 3, NULL, PROBS);
  CHECK(doc, "x=1", "pa", "0.7");
  CHECK(doc, "x=1", "pb", "0.2");
  /* Two segments at the maximum: their average, (0.7 0.15 0.15). */
  s[1] = cls_tree(b2, sizeof b2, "a", "0.7", "0.1", "0.2");
  doc = mining("classification", "max", s, 3, NULL, PROBS);
  CHECK(doc, "x=1", "pa", "0.7");
  CHECK(doc, "x=1", "pb", "0.15000000000000002");
  CHECK(doc, "x=1", "pc", "0.15000000000000002");
}

/* ---- regression ------------------------------------------------------- */

static void
test_values(void)
{
  char b[4][512];
  const char *s[4];
  const char *w[4] = {"1", "1", "2", "1"};
  const char *w2[3] = {"1", "1", "3"}, *w3[3] = {"3", "1", "1"};
  s[0] = reg_const(b[0], sizeof b[0], "1");
  s[1] = reg_const(b[1], sizeof b[1], "2");
  s[2] = reg_const(b[2], sizeof b[2], "6");
  s[3] = reg_const(b[3], sizeof b[3], "10");
  /* 1, 2, 6: average 3, sum 9, median 2. */
  CHECK(mining("regression", "average", s, 3, NULL, ""), "x=0", "y", "3");
  CHECK(mining("regression", "sum", s, 3, NULL, ""), "x=0", "y", "9");
  CHECK(mining("regression", "median", s, 3, NULL, ""), "x=0", "y", "2");
  /* Four values: the lower middle plus half the gap, 2 + (6-2)/2 = 4. */
  CHECK(mining("regression", "median", s, 4, NULL, ""), "x=0", "y", "4");
  /* Weights 1, 1, 2: weighted average (1+2+12)/4 = 3.75, sum 15. */
  CHECK(mining("regression", "weightedAverage", s, 3, w, ""), "x=0", "y",
        "3.75");
  CHECK(mining("regression", "weightedSum", s, 3, w, ""), "x=0", "y", "15");
  CHECK(mining("regression", "x-weightedSum", s, 3, w, ""), "x=0", "y",
        "15");
  /* weightedMedian, 1 2 6 weighted 1 1 3: half the weight is 2.5, reached
  ** at 6; weighted 3 1 1, reached at 1 already. */
  CHECK(mining("regression", "weightedMedian", s, 3, w2, ""), "x=0", "y",
        "6");
  CHECK(mining("regression", "x-weightedMedian", s, 3, w3, ""), "x=0", "y",
        "1");
}

/* Segments predicting 1, 2*x (missing when x is) and 3, with the
** Segmentation's missing-prediction attributes 'attrs'. */
static char *
missing_doc(const char *method, const char *attrs)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
                   "<Segmentation multipleModelMethod=\"%s\" %s>"
                   "<Segment><True/><RegressionModel functionName="
                   "\"regression\">" MS_Y
                   "<RegressionTable intercept=\"1\"/></RegressionModel>"
                   "</Segment>"
                   "<Segment><True/><RegressionModel functionName="
                   "\"regression\">" MS_Y
                   "<RegressionTable intercept=\"0\"><NumericPredictor "
                   "name=\"x\" coefficient=\"2\"/></RegressionTable>"
                   "</RegressionModel></Segment>"
                   "<Segment><True/><RegressionModel functionName="
                   "\"regression\">" MS_Y
                   "<RegressionTable intercept=\"3\"/></RegressionModel>"
                   "</Segment></Segmentation></MiningModel></PMML>",
           method, attrs);
  return doc;
}

static void
test_missing(void)
{
  char b1[1024], b2[1024], b3[1024];
  const char *s[3];
  const char *doc;
  /* With x = 2 the segments give 1, 4, 3: average 8/3. */
  CHECK(missing_doc("average", ""), "x=2", "y", "2.6666666666666665");
  /* x missing: continue (the default) and returnMissing give none. */
  CHECK(missing_doc("average", ""), "x=?", "y", "<missing>");
  CHECK(missing_doc("average", "missingPredictionTreatment=\"returnMissing\""),
        "x=?", "y", "<missing>");
  /* skipSegment: the average of the others, (1+3)/2 = 2; unless the
  ** missing weight (1 of 3) exceeds missingThreshold. */
  CHECK(missing_doc("average", "missingPredictionTreatment=\"skipSegment\""),
        "x=?", "y", "2");
  CHECK(missing_doc("sum", "missingPredictionTreatment=\"skipSegment\" "
                           "missingThreshold=\"0.3\""),
        "x=?", "y", "<missing>");
  CHECK(missing_doc("sum", "x-missingPredictionTreatment=\"skipSegment\" "
                           "x-missingThreshold=\"0.4\""),
        "x=?", "y", "4");
  /* selectFirst: the first segment, whatever x. */
  CHECK(missing_doc("selectFirst", ""), "x=?", "y", "1");
  /* Votes with continue: "missing" is a vote too. A classification tree
  ** that predicts nothing when x is missing (nullPrediction). */
  s[0] = cls_tree(b1, sizeof b1, "a", "1", "0", "0");
  snprintf(b2, sizeof b2,
           "<TreeModel functionName=\"classification\" "
           "missingValueStrategy=\"nullPrediction\">" MS_K
           "<Node score=\"b\"><True/><Node score=\"b\"><SimplePredicate "
           "field=\"x\" operator=\"lessThan\" value=\"5\"/></Node>"
           "<Node score=\"c\"><SimplePredicate field=\"x\" "
           "operator=\"greaterOrEqual\" value=\"5\"/></Node></Node>"
           "</TreeModel>");
  s[1] = b2;
  s[2] = b2;
  /* a, missing, missing: missing has the most votes, no prediction. */
  doc = mining("classification", "majorityVote", s, 3, NULL, PROBS);
  CHECK(doc, "x=?", "k", "<missing>");
  /* a, b, b with x = 1. */
  CHECK(doc, "x=1", "k", "b");
  CHECK(doc, "x=1", "pb", "0.6666666666666666");
  /* a, a, missing: a wins, with all the votes that count. */
  s[1] = s[0];
  doc = mining("classification", "majorityVote", s, 3, NULL, PROBS);
  CHECK(doc, "x=?", "k", "a");
  CHECK(doc, "x=?", "pa", "1");
  (void)b3;
}

/* ---- selection, chains, nesting ---------------------------------------- */

static void
test_select(void)
{
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
              "<Output><OutputField name=\"s2\" optype=\"continuous\" "
              "dataType=\"double\" segmentId=\"mid\"/></Output>"
              "<Segmentation multipleModelMethod=\"selectFirst\">"
              "<Segment id=\"neg\"><SimplePredicate field=\"x\" "
              "operator=\"lessThan\" value=\"0\"/>"
              "<RegressionModel functionName=\"regression\">" MS_Y
              "<RegressionTable intercept=\"10\"/></RegressionModel>"
              "</Segment>"
              "<Segment id=\"mid\"><SimplePredicate field=\"x\" "
              "operator=\"lessThan\" value=\"5\"/>"
              "<RegressionModel functionName=\"regression\">" MS_Y
              "<RegressionTable intercept=\"20\"/></RegressionModel>"
              "</Segment>"
              "<Segment id=\"rest\"><True/>"
              "<RegressionModel functionName=\"regression\">" MS_Y
              "<RegressionTable intercept=\"30\"/></RegressionModel>"
              "</Segment></Segmentation></MiningModel></PMML>";
  /* The first segment whose predicate holds. */
  CHECK(doc, "x=-1", "y", "10");
  CHECK(doc, "x=3", "y", "20");
  CHECK(doc, "x=7", "y", "30");
  /* No predicate holds when x is missing (UNKNOWN, UNKNOWN) until True. */
  CHECK(doc, "x=?", "y", "30");
  /* OutputField@segmentId: segment 'mid''s prediction, when it ran. */
  CHECK(doc, "x=3", "s2", "20");
  CHECK(doc, "x=-1", "s2", "<missing>");
}

static void
test_select_all(void)
{
  /* selectAll: every segment whose predicate holds is scored; there is no
  ** single prediction, their results are read by segmentId. */
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"classification\">" MS_K
              "<Output><OutputField name=\"first\" optype=\"categorical\" "
              "dataType=\"string\" segmentId=\"1\"/>"
              "<OutputField name=\"second\" optype=\"categorical\" "
              "dataType=\"string\" segmentId=\"2\"/>"
              "<OutputField name=\"p2b\" optype=\"continuous\" "
              "dataType=\"double\" feature=\"probability\" value=\"b\" "
              "segmentId=\"2\"/></Output>"
              "<Segmentation multipleModelMethod=\"selectAll\">"
              "<Segment><True/><TreeModel functionName=\"classification\">"
              MS_K "<Node score=\"a\"><True/></Node></TreeModel></Segment>"
              "<Segment><SimplePredicate field=\"x\" operator=\"greaterThan\""
              " value=\"0\"/><TreeModel functionName=\"classification\">"
              MS_K "<Node score=\"b\"><True/>"
              "<ScoreDistribution value=\"b\" recordCount=\"3\"/>"
              "<ScoreDistribution value=\"c\" recordCount=\"1\"/>"
              "</Node></TreeModel></Segment>"
              "</Segmentation></MiningModel></PMML>";
  CHECK(doc, "x=1", "k", "<missing>");
  CHECK(doc, "x=1", "first", "a");
  CHECK(doc, "x=1", "second", "b");
  /* P(b) of the second segment: 3 of 4 records. */
  CHECK(doc, "x=1", "p2b", "0.75");
  CHECK(doc, "x=-1", "second", "<missing>");
}

static void
test_select_outputs(void)
{
  /* selectFirst without an Output of its own: the outputs of the
  ** segment it selects are the model's (JPMML; the corpus' convention). */
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"classification\">" MS_K
              "<Segmentation multipleModelMethod=\"selectFirst\">"
              "<Segment><SimplePredicate field=\"x\" operator=\"lessThan\" "
              "value=\"0\"/>"
              "<TreeModel functionName=\"classification\">" MS_K
              "<Output><OutputField name=\"p(a)\" optype=\"continuous\" "
              "dataType=\"double\" feature=\"probability\" value=\"a\"/>"
              "</Output><Node score=\"a\"><True/>"
              "<ScoreDistribution value=\"a\" recordCount=\"3\"/>"
              "<ScoreDistribution value=\"b\" recordCount=\"1\"/>"
              "</Node></TreeModel></Segment>"
              "<Segment><True/>"
              "<TreeModel functionName=\"classification\">" MS_K
              "<Output><OutputField name=\"p(a)\" optype=\"continuous\" "
              "dataType=\"double\" feature=\"probability\" value=\"a\"/>"
              "<OutputField name=\"node\" optype=\"categorical\" "
              "dataType=\"string\" feature=\"entityId\"/>"
              "</Output><Node id=\"n1\" score=\"b\"><True/>"
              "<ScoreDistribution value=\"a\" recordCount=\"1\"/>"
              "<ScoreDistribution value=\"b\" recordCount=\"4\"/>"
              "</Node></TreeModel></Segment>"
              "</Segmentation></MiningModel></PMML>";
  /* x < 0: the first tree, P(a) = 3/4. */
  CHECK(doc, "x=-1", "k", "a");
  CHECK(doc, "x=-1", "p(a)", "0.75");
  /* Otherwise the second: P(a) = 1/5; 'node' only exists there. */
  CHECK(doc, "x=1", "k", "b");
  CHECK(doc, "x=1", "p(a)", "0.2");
  CHECK(doc, "x=1", "node", "n1");
  CHECK(doc, "x=-1", "node", "<missing>");
}

static void
test_chain(void)
{
  /* y1 = 2x (output s1), then y = s1 + 1, with a chained predicate on s1;
  ** no Output at the top: the last segment's outputs are the model's. */
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
              "<Segmentation multipleModelMethod=\"modelChain\">"
              "<Segment id=\"1\"><True/>"
              "<RegressionModel functionName=\"regression\">" MS_Y
              "<Output><OutputField name=\"s1\" optype=\"continuous\" "
              "dataType=\"double\" isFinalResult=\"false\"/></Output>"
              "<RegressionTable intercept=\"0\"><NumericPredictor "
              "name=\"x\" coefficient=\"2\"/></RegressionTable>"
              "</RegressionModel></Segment>"
              "<Segment id=\"2\"><SimplePredicate field=\"s1\" "
              "operator=\"lessThan\" value=\"100\"/>"
              "<RegressionModel functionName=\"regression\">"
              "<MiningSchema><MiningField name=\"s1\"/>"
              "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
              "<Output><OutputField name=\"twice\" optype=\"continuous\" "
              "dataType=\"double\" feature=\"transformedValue\">"
              "<Apply function=\"*\"><FieldRef field=\"s1\"/>"
              "<Constant>2</Constant></Apply></OutputField></Output>"
              "<RegressionTable intercept=\"1\"><NumericPredictor "
              "name=\"s1\" coefficient=\"1\"/></RegressionTable>"
              "</RegressionModel></Segment>"
              "</Segmentation></MiningModel></PMML>";
  /* x = 3: s1 = 6 < 100, y = 7, twice = 12. */
  CHECK(doc, "x=3", "y", "7");
  CHECK(doc, "x=3", "twice", "12");
  /* x = 60: s1 = 120, segment 2 is not taken: the chain ends at 1. */
  CHECK(doc, "x=60", "y", "120");
  CHECK(doc, "x=60", "twice", "<missing>");
}

static void
test_nested(void)
{
  /* sum( average(1, 3) = 2, MiningModel(sum(z, 10)) ) with a
  ** LocalTransformations in a segment's model (w = x + 1) and one in the
  ** 4.1 place, inside Segmentation (v = 2x). */
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
              "<Segmentation multipleModelMethod=\"sum\">"
              "<LocalTransformations><DerivedField name=\"v\" "
              "optype=\"continuous\" dataType=\"double\"><Apply "
              "function=\"*\"><FieldRef field=\"x\"/><Constant>2</Constant>"
              "</Apply></DerivedField></LocalTransformations>"
              "<Segment><True/><MiningModel functionName=\"regression\">"
              MS_Y "<Segmentation multipleModelMethod=\"average\">"
              "<Segment><True/><RegressionModel functionName=\"regression\">"
              MS_Y "<RegressionTable intercept=\"1\"/></RegressionModel>"
              "</Segment>"
              "<Segment><True/><RegressionModel functionName=\"regression\">"
              MS_Y "<RegressionTable intercept=\"3\"/></RegressionModel>"
              "</Segment></Segmentation></MiningModel></Segment>"
              "<Segment><True/><RegressionModel functionName=\"regression\">"
              MS_Y "<LocalTransformations><DerivedField name=\"w\" "
              "optype=\"continuous\" dataType=\"double\"><Apply "
              "function=\"+\"><FieldRef field=\"x\"/><Constant>1</Constant>"
              "</Apply></DerivedField></LocalTransformations>"
              "<RegressionTable intercept=\"0\"><NumericPredictor "
              "name=\"w\" coefficient=\"1\"/><NumericPredictor name=\"v\" "
              "coefficient=\"1\"/></RegressionTable></RegressionModel>"
              "</Segment></Segmentation></MiningModel></PMML>";
  /* x = 4: 2 + (w 5 + v 8) = 15. */
  CHECK(doc, "x=4", "y", "15");
}

static void
test_embedded(void)
{
  /* PMML 3.2 model composition: a Regression whose ResultField r = 3x
  ** feeds a DecisionTree; no Segmentation: the last model predicts. */
  static const char doc[] =
      "<PMML xmlns=\"http://www.dmg.org/PMML-3_2\" version=\"3.2\">"
      "<Header/>" DD "<MiningModel functionName=\"regression\">" MS_Y
      "<Regression functionName=\"regression\">"
      "<ResultField name=\"r\" feature=\"predictedValue\"/>"
      "<RegressionTable intercept=\"0\"><NumericPredictor name=\"x\" "
      "coefficient=\"3\"/></RegressionTable></Regression>"
      "<DecisionTree functionName=\"regression\">"
      "<Node score=\"0\"><True/><Node score=\"100\"><SimplePredicate "
      "field=\"r\" operator=\"greaterThan\" value=\"10\"/></Node>"
      "<Node score=\"-100\"><True/></Node></Node></DecisionTree>"
      "</MiningModel></PMML>";
  /* x = 4: r = 12 > 10: 100; x = 1: r = 3: -100. */
  CHECK(doc, "x=4", "y", "100");
  CHECK(doc, "x=1", "y", "-100");
}

static void
test_float(void)
{
  /* x-mathContext="float": 2^24 + 1 + 1 in float. XGBoost starts from its
  ** base score (rescaleConstant) and adds the trees: 2^24 + 1 rounds to
  ** 2^24 (ties to even), twice: 16777216. (In double, or adding the
  ** constant last, 16777218.) */
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"regression\" "
              "x-mathContext=\"float\">" MS_Y
              "<Targets><Target rescaleConstant=\"16777216\"/></Targets>"
              "<Segmentation multipleModelMethod=\"sum\">"
              "<Segment><True/><RegressionModel functionName=\"regression\">"
              MS_Y "<RegressionTable intercept=\"1\"/></RegressionModel>"
              "</Segment>"
              "<Segment><True/><RegressionModel functionName=\"regression\">"
              MS_Y "<RegressionTable intercept=\"1\"/></RegressionModel>"
              "</Segment></Segmentation></MiningModel></PMML>";
  char b[2][512];
  const char *s[2];
  CHECK(doc, "x=0", "y", "16777216");
  /* The same in double. */
  {
    char d2[4096];
    const char *p = strstr(doc, " x-mathContext=\"float\"");
    size_t n = (size_t)(p - doc);
    memcpy(d2, doc, n);
    snprintf(d2 + n, sizeof d2 - n, "%s",
             p + strlen(" x-mathContext=\"float\""));
    CHECK(d2, "x=0", "y", "16777218");
  }
  /* average of 0.1 and 0.2 in float: 0.1f + 0.2f = 0.3000000119...,
  ** halved: 0.15000000596046448. */
  s[0] = reg_const(b[0], sizeof b[0], "0.1");
  s[1] = reg_const(b[1], sizeof b[1], "0.2");
  {
    char d3[8192];
    const char *d = mining("regression", "average", s, 2, NULL, "");
    const char *p = strstr(d, "functionName=\"regression\">");
    size_t n = (size_t)(p - d) + strlen("functionName=\"regression\"");
    memcpy(d3, d, n);
    snprintf(d3 + n, sizeof d3 - n, " x-mathContext=\"float\"%s", p +
             strlen("functionName=\"regression\""));
    CHECK(d3, "x=0", "y", "0.15000000596046448");
  }
}

/* ---- the flat forest ---------------------------------------------------- */

/* A regression tree with missingValueStrategy 'mvs' and
** noTrueChildStrategy 'ntc', on x, z and the string field s. */
static const char *
strategy_tree(const char *mvs, const char *ntc)
{
  static char buf[4096];
  snprintf(buf, sizeof buf,
           "<TreeModel functionName=\"regression\" missingValueStrategy="
           "\"%s\" noTrueChildStrategy=\"%s\"><MiningSchema>"
           "<MiningField name=\"x\"/><MiningField name=\"z\"/>"
           "<MiningField name=\"s\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<Node score=\"0\" defaultChild=\"b\"><True/>"
           "<Node id=\"a\" score=\"1\" defaultChild=\"a2\">"
           "<SimplePredicate field=\"x\" operator=\"lessThan\" value=\"5\"/>"
           "<Node id=\"a1\" score=\"2\"><SimplePredicate field=\"z\" "
           "operator=\"lessThan\" value=\"0\"/></Node>"
           "<Node id=\"a2\" score=\"3\"><SimplePredicate field=\"z\" "
           "operator=\"greaterThan\" value=\"0\"/></Node></Node>"
           "<Node id=\"b\" score=\"4\"><CompoundPredicate "
           "booleanOperator=\"and\"><SimplePredicate field=\"x\" "
           "operator=\"greaterOrEqual\" value=\"5\"/><SimpleSetPredicate "
           "field=\"s\" booleanOperator=\"isNotIn\"><Array type=\"string\">"
           "no</Array></SimpleSetPredicate></CompoundPredicate>"
           "<Node score=\"5\"><SimplePredicate field=\"z\" "
           "operator=\"isMissing\"/></Node>"
           "<Node score=\"6\"><SimplePredicate field=\"s\" operator="
           "\"equal\" value=\"yes\"/></Node></Node>"
           "</Node></TreeModel>",
           mvs, ntc);
  return buf;
}

/* The same strategies on binary splits x < 5 | x >= 5 and z <= 0 | z > 0
** (the flat forest decides those with one comparison). */
static const char *
pair_tree(const char *mvs, const char *ntc)
{
  static char buf[4096];
  snprintf(buf, sizeof buf,
           "<TreeModel functionName=\"regression\" missingValueStrategy="
           "\"%s\" noTrueChildStrategy=\"%s\"><MiningSchema>"
           "<MiningField name=\"x\"/><MiningField name=\"z\"/>"
           "<MiningField name=\"s\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<Node score=\"0\" defaultChild=\"b\"><True/>"
           "<Node id=\"a\" score=\"1\" defaultChild=\"a2\">"
           "<SimplePredicate field=\"x\" operator=\"lessThan\" value=\"5\"/>"
           "<Node id=\"a1\" score=\"2\"><SimplePredicate field=\"z\" "
           "operator=\"lessOrEqual\" value=\"0\"/></Node>"
           "<Node id=\"a2\" score=\"3\"><SimplePredicate field=\"z\" "
           "operator=\"greaterThan\" value=\"0\"/></Node></Node>"
           "<Node id=\"b\" score=\"4\"><SimplePredicate field=\"x\" "
           "operator=\"greaterOrEqual\" value=\"5\"/></Node>"
           "</Node></TreeModel>",
           mvs, ntc);
  return buf;
}

#define DD_S                                                                 \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "</DataDictionary>\n"

/* The flat forest walks trees as the TreeModel does: every strategy, on
** every mix of missing and present values, gives the tree's own result
** (a sum of one tree is the tree). */
static char b_doc[8192];

static void
test_forest(void)
{
  static const char *const mvs[] = {"none", "lastPrediction",
                                    "nullPrediction", "defaultChild"};
  static const char *const ntc[] = {"returnNullPrediction",
                                    "returnLastPrediction"};
  static const char *const in[] = {
    "x=1,z=-1,s=a", "x=1,z=1,s=a", "x=1,z=0,s=a", "x=1,z=?,s=a",
    "x=9,z=?,s=a", "x=9,z=1,s=yes", "x=9,z=1,s=no", "x=9,z=1,s=?",
    "x=?,z=1,s=a", "x=?,z=?,s=?", "x=9,z=?,s=?", "x=5,z=0,s=a",
    "x=NaN,z=0,s=a", "x=1,z=NaN,s=a", "x=-Infinity,z=Infinity,s=a"};
  size_t i, j, k;
  for (i = 0; i < 8; i++)
    for (j = 0; j < 2; j++) {
      char tree[8192], forest[8192], want[1024];
      const char *t = i < 4 ? strategy_tree(mvs[i], ntc[j])
                            : pair_tree(mvs[i - 4], ntc[j]);
      snprintf(tree, sizeof tree, HEAD DD_S "%s</PMML>", t);
      snprintf(forest, sizeof forest,
               HEAD DD_S "<MiningModel functionName=\"regression\">"
                         "<MiningSchema><MiningField name=\"x\"/>"
                         "<MiningField name=\"z\"/><MiningField name=\"s\"/>"
                         "<MiningField name=\"y\" usageType=\"target\"/>"
                         "</MiningSchema><Segmentation multipleModelMethod="
                         "\"sum\" missingPredictionTreatment=\"skipSegment\">"
                         "<Segment><True/>%s</Segment></Segmentation>"
                         "</MiningModel></PMML>",
               t);
      for (k = 0; k < sizeof in / sizeof in[0]; k++) {
        snprintf(want, sizeof want, "%s", score(tree, in[k], "y"));
        CHECK(forest, in[k], "y", want);
      }
    }
  /* And by hand: x = 1, z = -1 goes to a1 (2); with x and z missing,
  ** the root's defaultChild b is taken (a's predicate is unknown), where
  ** z isMissing holds: 5. With x = 9, z = 1 and s missing, b's
  ** 'equal' is unknown and b has no defaultChild: the record fails. */
  snprintf(b_doc, sizeof b_doc, HEAD DD_S "%s</PMML>",
           strategy_tree("defaultChild", "returnLastPrediction"));
  CHECK(b_doc, "x=1,z=-1,s=a", "y", "2");
  CHECK(b_doc, "x=?,z=?,s=a", "y", "5");
  CHECK(b_doc, "x=9,z=1,s=?", "y",
        "ERR:TreeModel: a value is missing at the Node of line 3, which has "
        "no defaultChild");
}

/* ---- refusals ---------------------------------------------------------- */

static void
test_refusals(void)
{
  char b1[1024];
  const char *s[1];
  s[0] = reg_const(b1, sizeof b1, "1");
  CHECK(mining("regression", "majorityVote", s, 1, NULL, ""), "x=0", "y",
        "ERR:Segmentation: multipleModelMethod=\"majorityVote\" does not "
        "apply to a regression MiningModel");
  CHECK(mining("regression", "modelChain", s, 1, NULL,
               "<Output><OutputField name=\"o\" dataType=\"double\" "
               "segmentId=\"9\"/></Output>"),
        "x=0", "y",
        "ERR:OutputField: segmentId=\"9\" of 'o' names no Segment of the "
        "MiningModel");
  CHECK(missing_doc("modelChain",
                    "missingPredictionTreatment=\"skipSegment\""),
        "x=0", "y",
        "ERR:Segmentation: missingPredictionTreatment=\"skipSegment\" does "
        "not apply to multipleModelMethod=\"modelChain\"");
  CHECK(missing_doc("sum", "missingThreshold=\"2\""), "x=0", "y",
        "ERR:Segmentation: missingThreshold must lie in [0, 1]");
  CHECK(HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
                "</MiningModel></PMML>",
        "x=0", "y", "ERR:MiningModel: no Segmentation");
  CHECK(HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
                "<Segmentation multipleModelMethod=\"sum\"><Segment><True/>"
                "<RegressionModel functionName=\"regression\">" MS_Y
                "<RegressionTable intercept=\"1\"/></RegressionModel>"
                "<VariableWeight field=\"x\"/></Segment></Segmentation>"
                "</MiningModel></PMML>",
        "x=0", "y", "ERR:Segment: VariableWeight is not supported");
  CHECK(HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
                "<Segmentation multipleModelMethod=\"sum\"><Segment>"
                "<True/></Segment></Segmentation></MiningModel></PMML>",
        "x=0", "y", "ERR:Segment: expected a predicate, then a model");
  CHECK(HEAD DD "<MiningModel functionName=\"regression\">" MS_Y
                "<Segmentation multipleModelMethod=\"sum\">"
                "<Segment><True/><TreeModel functionName=\"classification\">"
                MS_K "<Node score=\"a\"><True/></Node></TreeModel></Segment>"
                "</Segmentation></MiningModel></PMML>",
        "x=0", "y",
        "ERR:Segment '1': a classification model in a regression "
        "MiningModel");
}

/* ---- allocation failure ------------------------------------------------ */

/* Every allocation of loading a MiningModel with the pieces that allocate
** (segments, delegated outputs, segmentId fields, Segmentation locals,
** class maps, embedded models) fails in turn: PMML_E_NOMEM, no leak. */
static void
test_nomem(void)
{
  static const char doc[] =
      HEAD DD "<MiningModel functionName=\"classification\">" MS_K
              "<Segmentation multipleModelMethod=\"modelChain\">"
              "<LocalTransformations><DerivedField name=\"v\" "
              "optype=\"continuous\" dataType=\"double\"><FieldRef "
              "field=\"x\"/></DerivedField></LocalTransformations>"
              "<Segment><True/><Regression functionName=\"regression\">"
              "<ResultField name=\"r\"/><RegressionTable intercept=\"1\">"
              "<NumericPredictor name=\"v\" coefficient=\"2\"/>"
              "</RegressionTable></Regression></Segment>"
              "<Segment><True/><TreeModel functionName=\"classification\">"
              MS_K "<Output><OutputField name=\"pa\" dataType=\"double\" "
              "feature=\"probability\" value=\"a\"/></Output>"
              "<Node score=\"a\"><True/><ScoreDistribution value=\"a\" "
              "recordCount=\"1\"/><ScoreDistribution value=\"b\" "
              "recordCount=\"1\"/></Node></TreeModel></Segment>"
              "</Segmentation></MiningModel></PMML>";
  check_nomem(doc);
  /* And it scores: x = 1, the chain ends at the tree, P(a) = 1/2. */
  CHECK(doc, "x=1", "pa", "0.5");
}

/* Segmentations nested deeper than the limit are refused. */
static void
test_depth(void)
{
  static const char seg_open[] =
      "<MiningModel functionName=\"regression\">" MS_Y
      "<Segmentation multipleModelMethod=\"sum\"><Segment><True/>";
  static const char seg_close[] = "</Segment></Segmentation></MiningModel>";
  size_t n = 300, i, cap = strlen(HEAD DD) + n * (sizeof seg_open +
                                                  sizeof seg_close) + 1024;
  char *doc = malloc(cap), *p = doc;
  p += sprintf(p, "%s", HEAD DD);
  for (i = 0; i < n; i++)
    p += sprintf(p, "%s", seg_open);
  p += sprintf(p, "<RegressionModel functionName=\"regression\">" MS_Y
                  "<RegressionTable intercept=\"1\"/></RegressionModel>");
  for (i = 0; i < n; i++)
    p += sprintf(p, "%s", seg_close);
  sprintf(p, "</PMML>");
  CHECK(doc, "x=0", "y", "ERR:MiningModel: models nested deeper than 256");
  free(doc);
}

void add_mining_suite(void);

void
add_mining_suite(void)
{
  CU_pSuite s = CU_add_suite("mining", NULL, NULL);
  CU_add_test(s, "majorityVote, weightedMajorityVote", test_votes);
  CU_add_test(s, "average, weightedAverage, median, max of probabilities",
              test_probabilities);
  CU_add_test(s, "average, median, sum and weighted ones of values",
              test_values);
  CU_add_test(s, "missingPredictionTreatment, missingThreshold",
              test_missing);
  CU_add_test(s, "selectFirst and OutputField@segmentId", test_select);
  CU_add_test(s, "selectAll", test_select_all);
  CU_add_test(s, "the selected segment's outputs", test_select_outputs);
  CU_add_test(s, "modelChain", test_chain);
  CU_add_test(s, "nested segmentations, local transformations",
              test_nested);
  CU_add_test(s, "3.x embedded models", test_embedded);
  CU_add_test(s, "x-mathContext float", test_float);
  CU_add_test(s, "the flat forest walks as TreeModel does", test_forest);
  CU_add_test(s, "refusals", test_refusals);
  CU_add_test(s, "nesting limit", test_depth);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
