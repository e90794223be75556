/*
** test_knn.c: NearestNeighborModel through the public API, on five
** training instances whose neighbours are worked out by hand in the
** comments: every scoring method, ties at the k-th neighbour and in the
** vote, missing inputs, categorical inputs, the entity outputs, refusals.
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
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"g\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"cls\" optype=\"categorical\" dataType=\"string\"/>"     \
  "</DataDictionary>\n"

/*
** The training instances (x is in column "cx"):
**   id  x   z  g  y    cls
**   i1  0   0  p  10   a
**   i2  1   0  q  20   b
**   i3  2   0  p  30   b
**   i4  4   0  q  50   a
**   i5  10  0  p  100  (cls5)
*/
static char *
knn(const char *fn, const char *attrs, const char *target, const char *cls5,
    const char *inputs, const char *measure)
{
  static char doc[16384];
  static const char *const rows[5][6] = {
    {"i1", "0", "p", "10", "a", NULL}, {"i2", "1", "q", "20", "b", NULL},
    {"i3", "2", "p", "30", "b", NULL}, {"i4", "4", "q", "50", "a", NULL},
    {"i5", "10", "p", "100", NULL, NULL}};
  char table[4096];
  size_t at = 0;
  int i;
  for (i = 0; i < 5; i++)
    at += (size_t)snprintf(table + at, sizeof table - at,
                           "<row><id>%s</id><cx>%s</cx><z>0</z><g>%s</g>"
                           "<y>%s</y><cls>%s</cls></row>",
                           rows[i][0], rows[i][1], rows[i][2], rows[i][3],
                           rows[i][4] ? rows[i][4] : cls5);
  snprintf(doc, sizeof doc,
           HEAD DD
           "<NearestNeighborModel functionName=\"%s\" %s>"
           "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"z\"/>"
           "<MiningField name=\"g\"/>%s%s%s</MiningSchema>"
           "<Output>"
           "<OutputField name=\"n1\" feature=\"entityId\"/>"
           "<OutputField name=\"n2\" feature=\"entityId\" rank=\"2\"/>"
           "<OutputField name=\"n3\" feature=\"entityId\" rank=\"3\"/>"
           "<OutputField name=\"n4\" feature=\"entityId\" rank=\"4\"/>"
           "<OutputField name=\"aff1\" feature=\"affinity\"/>"
           "<OutputField name=\"aff2\" feature=\"affinity\" rank=\"2\"/>"
           "<OutputField name=\"affi1\" feature=\"affinity\" value=\"i1\"/>"
           "<OutputField name=\"affi5\" feature=\"entityAffinity\" "
           "value=\"i5\"/>"
           "<OutputField name=\"ea\" feature=\"entityAffinity\"/>"
           "</Output>"
           "<TrainingInstances><InstanceFields>"
           "<InstanceField field=\"id\" column=\"id\"/>"
           "<InstanceField field=\"x\" column=\"cx\"/>"
           "<InstanceField field=\"z\"/><InstanceField field=\"g\"/>"
           "<InstanceField field=\"y\"/><InstanceField field=\"cls\"/>"
           "</InstanceFields><InlineTable>%s</InlineTable>"
           "</TrainingInstances>"
           "<ComparisonMeasure kind=\"distance\">%s</ComparisonMeasure>"
           "<KNNInputs>%s</KNNInputs></NearestNeighborModel></PMML>",
           fn, attrs, target ? "<MiningField name=\"" : "",
           target ? target : "", target ? "\" usageType=\"target\"/>" : "",
           table, measure, inputs);
  return doc;
}

#define X "<KNNInput field=\"x\"/>"
#define EUC "<euclidean/>"
#define REG(attrs) knn("regression", attrs, "y", "b", X, EUC)
#define CLS(attrs, cls5) knn("classification", attrs, "cls", cls5, X, EUC)

static void
test_regression(void)
{
  /* x = 1.2: distances i1 1.2, i2 0.2 (0.19999999999999996), i3 0.8,
  ** i4 2.8, i5 8.8. The three nearest: i2, i3, i1: 20, 30, 10. */
  const char *d = REG("numberOfNeighbors=\"3\" instanceIdVariable=\"id\"");
  CHECK(d, "x=1.2", "y", "20"); /* average: 60 / 3 */
  CHECK(d, "x=1.2", "n1", "i2");
  CHECK(d, "x=1.2", "n2", "i3");
  CHECK(d, "x=1.2", "n3", "i1");
  CHECK(d, "x=1.2", "n4", "i4"); /* ranked beyond k all the same */
  CHECK(d, "x=1.2", "aff1", "0.19999999999999996");
  CHECK(d, "x=1.2", "aff2", "0.8");
  CHECK(d, "x=1.2", "affi1", "1.2");
  CHECK(d, "x=1.2", "affi5", "8.8"); /* not kept: measured again */
  CHECK(d, "x=1.2", "ea", "0.19999999999999996");
  /* median of 10 20 30: 20; of k = 4 (10 20 30 50): 20 + (30 - 20)/2. */
  d = REG("numberOfNeighbors=\"3\" continuousScoringMethod=\"median\"");
  CHECK(d, "x=1.2", "y", "20");
  d = REG("numberOfNeighbors=\"4\" continuousScoringMethod=\"median\"");
  CHECK(d, "x=1.2", "y", "25");
  /* weightedAverage, weights 1 / (d + 0.001):
  ** (20/0.201 + 30/0.801 + 10/1.201) / (1/0.201 + 1/0.801 + 1/1.201). */
  d = REG("numberOfNeighbors=\"3\" "
          "continuousScoringMethod=\"weightedAverage\"");
  CHECK(d, "x=1.2", "y", "20.589268713129478");
  /* Without instanceIdVariable the ids are the row numbers. */
  CHECK(d, "x=1.2", "n1", "2");
  CHECK(d, "x=1.2", "affi1", "<missing>");
  /* x = 3: i3 and i4 both at 1: the earlier instance, i3, is nearer. */
  d = REG("numberOfNeighbors=\"1\" instanceIdVariable=\"id\"");
  CHECK(d, "x=3", "y", "30");
  CHECK(d, "x=3", "n2", "i4");
  /* A missing input: no prediction. */
  CHECK(d, "x=?", "y", "<missing>");
  CHECK(d, "x=?", "n1", "<missing>");
}

static void
test_classification(void)
{
  /* x = 1.2, k = 3: i2 b, i3 b, i1 a: b by 2 votes to 1. */
  const char *d = CLS("numberOfNeighbors=\"3\"", "b");
  CHECK(d, "x=1.2", "cls", "b");
  /* x = 3, k = 2: i3 b, i4 a, one vote each. With i5 of class b there are
  ** 3 b and 2 a in the training data: b. With i5 of class c, 2 a and 2 b:
  ** the smaller value, a. */
  d = CLS("numberOfNeighbors=\"2\"", "b");
  CHECK(d, "x=3", "cls", "b");
  d = CLS("numberOfNeighbors=\"2\"", "c");
  CHECK(d, "x=3", "cls", "a");
  /* x = 3.4, k = 3: i4 a (0.6), i3 b (1.4), i2 b (2.4). majorityVote: b.
  ** weightedMajorityVote: a 1/0.601 = 1.66389 against b 1/1.401 + 1/2.401
  ** = 1.13027: a. */
  d = CLS("numberOfNeighbors=\"3\"", "b");
  CHECK(d, "x=3.4", "cls", "b");
  d = CLS("numberOfNeighbors=\"3\" "
          "categoricalScoringMethod=\"weightedMajorityVote\"",
          "b");
  CHECK(d, "x=3.4", "cls", "a");
}

static void
test_inputs(void)
{
  /* Two inputs x and z (z is 0 everywhere), z missing: the x term alone,
  ** adjusted by 2/1: sqrt(2 * 0.19999999999999996^2) to i2. */
  const char *d = knn("regression", "numberOfNeighbors=\"1\"", "y", "b",
                      X "<KNNInput field=\"z\"/>", EUC);
  CHECK(d, "x=1.2,z=?", "aff1", "0.28284271247461895");
  CHECK(d, "x=1.2,z=?", "y", "20");
  CHECK(d, "x=1.2,z=0", "aff1", "0.19999999999999996");
  /* A string input compared with delta, cityBlock: x = 1.2, g = p:
  ** i1 1.2 + 0, i2 0.2 + 1 = 1.2, i3 0.8 + 0, i4 2.8 + 1, i5 8.8 + 0.
  ** Nearest i3, then i1 and i2 tied at 1.2: i1 first. */
  d = knn("regression",
          "numberOfNeighbors=\"2\" instanceIdVariable=\"id\"", "y", "b",
          X "<KNNInput field=\"g\" compareFunction=\"delta\"/>",
          "<cityBlock/>");
  CHECK(d, "x=1.2,g=p", "n1", "i3");
  CHECK(d, "x=1.2,g=p", "n2", "i1");
  CHECK(d, "x=1.2,g=p", "n3", "i2");
  CHECK(d, "x=1.2,g=p", "y", "20"); /* (30 + 10) / 2 */
  /* A string no instance has: 1 everywhere: i2 (1.2) first. */
  CHECK(d, "x=1.2,g=nowhere", "n1", "i2");
  /* fieldWeight 10 on g makes g decide: g = q: i2 (0.2), i4 (2.8). */
  d = knn("regression",
          "numberOfNeighbors=\"2\" instanceIdVariable=\"id\"", "y", "b",
          X "<KNNInput field=\"g\" compareFunction=\"delta\" "
            "fieldWeight=\"10\"/>",
          "<cityBlock/>");
  CHECK(d, "x=1.2,g=q", "n2", "i4");
  CHECK(d, "x=1.2,g=q", "y", "35");
}

static void
test_clustering_function(void)
{
  /* No target: the neighbours only. x = 9: i5 (1), i4 (5). */
  const char *d = knn("clustering",
                      "numberOfNeighbors=\"2\" instanceIdVariable=\"id\"",
                      NULL, "b", X, EUC);
  CHECK(d, "x=9", "n1", "i5");
  CHECK(d, "x=9", "n2", "i4");
  CHECK(d, "x=9", "aff2", "5");
}

static void
test_refusals(void)
{
  EXPECT(score(REG("numberOfNeighbors=\"6\""), "x=1", "y"),
        "ERR:NearestNeighborModel: numberOfNeighbors=\"6\" but only 5 "
        "training instances");
  EXPECT(score(knn("regression", "numberOfNeighbors=\"1\"", "y", "b",
                  "<KNNInput field=\"w\"/>", EUC),
              "x=1", "y"),
        "ERR:KNNInput: unknown field 'w'");
  EXPECT(score(knn("classification",
                  "numberOfNeighbors=\"1\" "
                  "categoricalScoringMethod=\"weightedMajorityVote\"",
                  "cls", "b", X, "<jaccard/>"),
              "x=1", "cls"),
        "ERR:NearestNeighborModel: weighted scoring is defined for "
        "distances, not for a binary similarity");
  EXPECT(score(knn("clustering", "numberOfNeighbors=\"1\"", NULL, "b", X,
                  EUC),
              "x=1", "n1"),
        "ERR:NearestNeighborModel: a clustering model needs an "
        "instanceIdVariable");
  EXPECT(score(knn("regression", "numberOfNeighbors=\"1\"", "y", "b",
                  X "<KNNInput field=\"g\"/>", EUC),
              "x=1", "y"),
        "ERR:KNNInput 'g': compareFunction=\"absDiff\" needs numbers, the "
        "field holds strings");
}

static void
test_nomem(void)
{
  check_nomem(CLS("numberOfNeighbors=\"3\" instanceIdVariable=\"id\"", "b"));
  check_nomem(REG("numberOfNeighbors=\"2\""));
}

void add_knn_suite(void);

void
add_knn_suite(void)
{
  CU_pSuite s = CU_add_suite("knn", NULL, NULL);
  CU_add_test(s, "regression", test_regression);
  CU_add_test(s, "classification and ties", test_classification);
  CU_add_test(s, "missing and categorical inputs", test_inputs);
  CU_add_test(s, "clustering function", test_clustering_function);
  CU_add_test(s, "refusals", test_refusals);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
