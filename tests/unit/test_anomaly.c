/*
** test_anomaly.c: AnomalyDetectionModel through the public API, with
** models inside that libpmmlrt scores today (RegressionModel, TreeModel)
** standing in for an isolation forest's MiningModel: the anomaly score of
** each algorithmType, outputs over it, the scope of the model inside, and
** the documents refused. Values worked out by hand (Python for the
** logarithms) in the comments.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "</DataDictionary>\n"
#define OUTPUTS                                                              \
  "<Output>"                                                                 \
  "<OutputField name=\"score\" feature=\"predictedValue\" "                  \
  "dataType=\"double\"/>"                                                    \
  "<OutputField name=\"decision\" feature=\"transformedValue\" "             \
  "dataType=\"double\"><Apply function=\"-\"><Constant>0.5</Constant>"       \
  "<FieldRef field=\"score\"/></Apply></OutputField>"                        \
  "<OutputField name=\"outlier\" feature=\"transformedValue\" "              \
  "dataType=\"boolean\"><Apply function=\"lessThan\">"                       \
  "<FieldRef field=\"decision\"/><Constant>0</Constant></Apply>"             \
  "</OutputField></Output>"
/* The path length as a regression: 2 + x (of field f). */
#define PATH(f)                                                              \
  "<RegressionModel functionName=\"regression\"><MiningSchema>"              \
  "<MiningField name=\"" f "\"/></MiningSchema>"                             \
  "<RegressionTable intercept=\"2\"><NumericPredictor name=\"" f "\" "       \
  "coefficient=\"1\"/></RegressionTable></RegressionModel>"

#define ANOMALY(attrs, body)                                                 \
  HEAD DD "<AnomalyDetectionModel functionName=\"regression\" " attrs ">"    \
          "<MiningSchema><MiningField name=\"x\"/></MiningSchema>" OUTPUTS   \
          body "</AnomalyDetectionModel></PMML>"

static void
test_iforest(void)
{
  /*
  ** n = 256: c(n) = 2 (ln 255 + 0.5772156649015329) - 2 * 255/256
  **               = 10.244770920119917 (the constant sklearn2pmml writes
  ** for 256 samples). The score is 2^(-(2 + x) / c(n)):
  **   x = 0:   2^(-2/c)    = 0.8734387579118306, 0.5 - s < 0: an outlier
  **   x = 3:   2^(-5/c)    = 0.7129862399685243
  **   x = 8.5: 2^(-10.5/c) = 0.49143989743697153, decision
  **            0.5 - s = 0.008560102563028471: not an outlier
  */
  const char *d =
      ANOMALY("algorithmType=\"iforest\" sampleDataSize=\"256\"", PATH("x"));
  CHECK(d, "x=0", "score", "0.8734387579118306");
  CHECK(d, "x=0", "decision", "-0.37343875791183057");
  CHECK(d, "x=0", "outlier", "true");
  CHECK(d, "x=3", "score", "0.7129862399685243");
  CHECK(d, "x=8.5", "score", "0.49143989743697153");
  CHECK(d, "x=8.5", "decision", "0.008560102563028471");
  CHECK(d, "x=8.5", "outlier", "false");
  /* No path length, no score, nothing over it. */
  CHECK(d, "x=?", "score", "<missing>");
  CHECK(d, "x=?", "outlier", "<missing>");
}

static void
test_inner_tree(void)
{
  /* n = 2: c(2) = 1, so s = 2^-h: a tree of path lengths 3 (x < 1) and 7
  ** gives 0.125 and 0.0078125. */
  const char *d = ANOMALY(
      "algorithmType=\"iforest\" sampleDataSize=\"2\"",
      "<TreeModel functionName=\"regression\"><MiningSchema>"
      "<MiningField name=\"x\"/></MiningSchema>"
      "<Node><True/><Node score=\"3\"><SimplePredicate field=\"x\" "
      "operator=\"lessThan\" value=\"1\"/></Node>"
      "<Node score=\"7\"><True/></Node></Node></TreeModel>");
  CHECK(d, "x=0", "score", "0.125");
  CHECK(d, "x=5", "score", "0.0078125");
}

static void
test_other_algorithms(void)
{
  /* ocsvm and other: the inner value as it is, 2 + x. */
  CHECK(ANOMALY("algorithmType=\"ocsvm\"", PATH("x")), "x=1.5", "score",
        "3.5");
  CHECK(ANOMALY("algorithmType=\"other\"", PATH("x")), "x=-4", "score", "-2");
  CHECK(ANOMALY("algorithmType=\"other\"", PATH("x")), "x=-4", "outlier",
        "false");
  /* The model inside sees the enclosing model's derived fields: z = 10x,
  ** so 2 + 10 * 0.5 = 7. */
  CHECK(HEAD DD
        "<AnomalyDetectionModel functionName=\"regression\" "
        "algorithmType=\"other\"><MiningSchema><MiningField name=\"x\"/>"
        "</MiningSchema>" OUTPUTS
        "<LocalTransformations><DerivedField name=\"z\" optype=\"continuous\""
        " dataType=\"double\"><Apply function=\"*\"><FieldRef field=\"x\"/>"
        "<Constant>10</Constant></Apply></DerivedField>"
        "</LocalTransformations>" PATH("z")
        "</AnomalyDetectionModel></PMML>",
        "x=0.5", "score", "7");
}

static void
test_refused(void)
{
  CHECK(ANOMALY("algorithmType=\"iforest\"", PATH("x")), "x=1", "score",
        "ERR:AnomalyDetectionModel: algorithmType=\"iforest\" needs "
        "sampleDataSize of 2 or more (the records per tree)");
  CHECK(ANOMALY("algorithmType=\"iforest\" sampleDataSize=\"1\"", PATH("x")),
        "x=1", "score",
        "ERR:AnomalyDetectionModel: algorithmType=\"iforest\" needs "
        "sampleDataSize of 2 or more (the records per tree)");
  CHECK(ANOMALY("algorithmType=\"iforest\" sampleDataSize=\"many\"",
                PATH("x")),
        "x=1", "score",
        "ERR:AnomalyDetectionModel: attribute sampleDataSize=\"many\" is "
        "not a number");
  CHECK(ANOMALY("algorithmType=\"clusterMeanDist\"", PATH("x")), "x=1",
        "score",
        "ERR:AnomalyDetectionModel: algorithmType=\"clusterMeanDist\" needs "
        "a ClusteringModel and MeanClusterDistances");
  CHECK(ANOMALY("algorithmType=\"other\"", ""), "x=1", "score",
        "ERR:AnomalyDetectionModel: expected one model inside, found 0");
  CHECK(ANOMALY("algorithmType=\"other\"", PATH("x") PATH("x")), "x=1",
        "score",
        "ERR:AnomalyDetectionModel: expected one model inside, found 2");
  CHECK(ANOMALY("algorithmType=\"guess\"", PATH("x")), "x=1", "score",
        "ERR:AnomalyDetectionModel: unknown algorithmType=\"guess\"");
  CHECK(HEAD DD "<AnomalyDetectionModel functionName=\"classification\" "
                "algorithmType=\"other\"><MiningSchema>"
                "<MiningField name=\"x\"/></MiningSchema>" PATH("x")
                "</AnomalyDetectionModel></PMML>",
        "x=1", "score",
        "ERR:AnomalyDetectionModel: functionName must be \"regression\" "
        "(the anomaly score is a number)");
}

static void
test_nomem(void)
{
  check_nomem(ANOMALY("algorithmType=\"iforest\" sampleDataSize=\"256\"",
                      PATH("x")));
}

void add_anomaly_suite(void);

void
add_anomaly_suite(void)
{
  CU_pSuite s = CU_add_suite("anomaly", NULL, NULL);
  CU_add_test(s, "isolation forest score", test_iforest);
  CU_add_test(s, "a tree inside", test_inner_tree);
  CU_add_test(s, "ocsvm and other", test_other_algorithms);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
