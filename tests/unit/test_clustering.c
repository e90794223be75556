/*
** test_clustering.c: ClusteringModel through the public API, on small
** documents whose results are worked out by hand in the comments: every
** comparison measure and compare function, field weights, missing values
** and MissingValueWeights, CenterFields, the entity outputs, refusals.
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
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"             \
  "<Value value=\"zz\" property=\"invalid\"/></DataField>"                   \
  "<DataField name=\"b1\" optype=\"categorical\" dataType=\"integer\"/>"     \
  "<DataField name=\"b2\" optype=\"categorical\" dataType=\"integer\"/>"     \
  "<DataField name=\"b3\" optype=\"categorical\" dataType=\"integer\"/>"     \
  "<DataField name=\"b4\" optype=\"categorical\" dataType=\"integer\"/>"     \
  "</DataDictionary>\n"
#define MS_XY                                                                \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"y\"/>"         \
  "</MiningSchema>"

/* The output fields every two-cluster model below carries. */
#define OUT                                                                  \
  "<Output><OutputField name=\"pv\" feature=\"predictedValue\"/>"            \
  "<OutputField name=\"disp\" feature=\"predictedDisplayValue\"/>"           \
  "<OutputField name=\"aff\" feature=\"affinity\"/>"                         \
  "<OutputField name=\"a2\" feature=\"clusterAffinity\" value=\"2\"/>"       \
  "<OutputField name=\"second\" feature=\"entityId\" rank=\"2\"/>"           \
  "<OutputField name=\"aff2\" feature=\"affinity\" rank=\"2\"/></Output>"

/* Two clusters over x and y: "1" (named low) at (0, 0), "2" (high) at
** (3, 4); 'measure' is the metric element, 'fields' the ClusteringFields,
** 'extra' what follows them (MissingValueWeights). */
static char *
two(const char *kind, const char *measure, const char *fields,
    const char *extra)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<ClusteringModel functionName=\"clustering\" "
           "modelClass=\"centerBased\" numberOfClusters=\"2\">" MS_XY OUT
           "<ComparisonMeasure kind=\"%s\">%s</ComparisonMeasure>%s%s"
           "<Cluster name=\"low\"><Array n=\"2\" type=\"real\">0 0</Array>"
           "</Cluster>"
           "<Cluster name=\"high\"><Array n=\"2\" type=\"real\">3 4</Array>"
           "</Cluster></ClusteringModel></PMML>",
           kind, measure, fields, extra);
  return doc;
}

#define XY                                                                   \
  "<ClusteringField field=\"x\"/><ClusteringField field=\"y\"/>"

static void
test_distances(void)
{
  /* (1, 2): squaredEuclidean to (0,0) is 1 + 4 = 5, to (3,4) 4 + 4 = 8. */
  const char *d = two("distance", "<squaredEuclidean/>", XY, "");
  CHECK(d, "x=1,y=2", "pv", "1");
  CHECK(d, "x=1,y=2", "disp", "low");
  CHECK(d, "x=1,y=2", "aff", "5");
  CHECK(d, "x=1,y=2", "a2", "8");
  CHECK(d, "x=1,y=2", "second", "2");
  CHECK(d, "x=1,y=2", "aff2", "8");
  /* (3, 3): 9 + 9 = 18 and 0 + 1 = 1: the second cluster. */
  CHECK(d, "x=3,y=3", "pv", "2");
  CHECK(d, "x=3,y=3", "disp", "high");
  CHECK(d, "x=3,y=3", "second", "1");
  CHECK(d, "x=3,y=3", "aff2", "18");
  /* euclidean: the square roots, sqrt 5 and sqrt 8. */
  d = two("distance", "<euclidean/>", XY, "");
  CHECK(d, "x=1,y=2", "aff", "2.23606797749979");
  CHECK(d, "x=1,y=2", "a2", "2.8284271247461903");
  /* cityBlock: |1| + |2| = 3 and |-2| + |-2| = 4. */
  d = two("distance", "<cityBlock/>", XY, "");
  CHECK(d, "x=1,y=2", "aff", "3");
  CHECK(d, "x=1,y=2", "a2", "4");
  /* chebychev: max(1, 2) = 2 and max(2, 2) = 2, a tie: the first cluster
  ** wins and ranks first. */
  d = two("distance", "<chebychev/>", XY, "");
  CHECK(d, "x=1,y=2", "pv", "1");
  CHECK(d, "x=1,y=2", "second", "2");
  CHECK(d, "x=1,y=2", "aff2", "2");
  /* minkowski p=3: (1 + 8)^(1/3) and (8 + 8)^(1/3). */
  d = two("distance", "<minkowski p-parameter=\"3\"/>", XY, "");
  CHECK(d, "x=1,y=2", "aff", "2.080083823051904");
  CHECK(d, "x=1,y=2", "a2", "2.5198420997897464");
  /* minkowski p=1 is cityBlock. */
  d = two("distance", "<minkowski p-parameter=\"1\"/>", XY, "");
  CHECK(d, "x=1,y=2", "aff", "3");
}

static void
test_weights_missing(void)
{
  /* fieldWeight 2 on x, squaredEuclidean at (1, 2): 2*1 + 4 = 6 and
  ** 2*4 + 4 = 12; euclidean: sqrt 6, sqrt 12. */
  const char *d = two("distance", "<squaredEuclidean/>",
                      "<ClusteringField field=\"x\" fieldWeight=\"2\"/>"
                      "<ClusteringField field=\"y\"/>",
                      "");
  CHECK(d, "x=1,y=2", "aff", "6");
  CHECK(d, "x=1,y=2", "a2", "12");
  d = two("distance", "<euclidean/>",
          "<ClusteringField field=\"x\" fieldWeight=\"2\"/>"
          "<ClusteringField field=\"y\"/>",
          "");
  CHECK(d, "x=1,y=2", "aff", "2.449489742783178");
  CHECK(d, "x=1,y=2", "a2", "3.4641016151377544");
  /* y missing, no MissingValueWeights: the x term alone, times 2/1:
  ** 1 * 2 = 2 and 4 * 2 = 8; euclidean sqrt 2 and sqrt 8. */
  d = two("distance", "<squaredEuclidean/>", XY, "");
  CHECK(d, "x=1,y=?", "aff", "2");
  CHECK(d, "x=1,y=?", "a2", "8");
  d = two("distance", "<euclidean/>", XY, "");
  CHECK(d, "x=1,y=?", "aff", "1.4142135623730951");
  CHECK(d, "x=1,y=?", "a2", "2.8284271247461903");
  /* Everything missing: no prediction, no outputs. */
  CHECK(d, "x=?,y=?", "pv", "<missing>");
  CHECK(d, "x=?,y=?", "aff", "<missing>");
  /* MissingValueWeights 1 and 3: y missing adjusts by 4/1, x missing by
  ** 4/3. x = 1: 1 * 4 = 4 and 4 * 4 = 16. y = 1: 1 * 4/3 and 9 * 4/3 = 12.
  */
  d = two("distance", "<squaredEuclidean/>", XY,
          "<MissingValueWeights><Array n=\"2\" type=\"real\">1 3</Array>"
          "</MissingValueWeights>");
  CHECK(d, "x=1,y=?", "aff", "4");
  CHECK(d, "x=1,y=?", "a2", "16");
  CHECK(d, "x=?,y=1", "aff", "1.3333333333333333");
  CHECK(d, "x=?,y=1", "a2", "12");
  /* Nothing missing: the adjustment is 1. */
  CHECK(d, "x=1,y=2", "aff", "5");
  /* isCenterField="false": y is not a coordinate, the centers hold x
  ** only: x = 1 is 1 from "0" and 4 from "3" (squared). */
  EXPECT(score(HEAD DD
              "<ClusteringModel functionName=\"clustering\" "
              "modelClass=\"centerBased\" numberOfClusters=\"2\">" MS_XY OUT
              "<ComparisonMeasure kind=\"distance\"><squaredEuclidean/>"
              "</ComparisonMeasure><ClusteringField field=\"y\" "
              "isCenterField=\"false\"/><ClusteringField field=\"x\"/>"
              "<Cluster><Array n=\"1\" type=\"real\">0</Array></Cluster>"
              "<Cluster><Array n=\"1\" type=\"real\">3</Array></Cluster>"
              "</ClusteringModel></PMML>",
              "x=1,y=100", "a2"),
        "4");
}

/* Clusters over c (a string) and x: K1 ("a", 0), K2 ("b", 10), cityBlock
** with the compare function 'cmp' on c and absDiff on x. */
static char *
mixed(const char *cmp)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<ClusteringModel functionName=\"clustering\" "
           "modelClass=\"centerBased\" numberOfClusters=\"2\">"
           "<MiningSchema><MiningField name=\"c\"/><MiningField name=\"x\"/>"
           "</MiningSchema>" OUT
           "<ComparisonMeasure kind=\"distance\"><cityBlock/>"
           "</ComparisonMeasure>"
           "<ClusteringField field=\"c\" compareFunction=\"%s\"/>"
           "<ClusteringField field=\"x\"/>"
           "<Cluster id=\"K1\"><Array n=\"2\" type=\"string\">a 0</Array>"
           "</Cluster><Cluster id=\"2\"><Array n=\"2\" type=\"string\">b 10"
           "</Array></Cluster></ClusteringModel></PMML>",
           cmp);
  return doc;
}

/* One field x, clusters at 0 and 4, gaussSim with similarityScale 2 under
** a similarity kind: larger is closer. */
#define GAUSS                                                                \
  HEAD DD "<ClusteringModel functionName=\"clustering\" "                    \
  "modelClass=\"centerBased\" numberOfClusters=\"2\">"                       \
  "<MiningSchema><MiningField name=\"x\"/></MiningSchema>" OUT               \
  "<ComparisonMeasure kind=\"similarity\"><cityBlock/></ComparisonMeasure>"  \
  "<ClusteringField field=\"x\" compareFunction=\"gaussSim\" "               \
  "similarityScale=\"2\"/>"                                                  \
  "<Cluster><Array n=\"1\" type=\"real\">0</Array></Cluster>"                \
  "<Cluster><Array n=\"1\" type=\"real\">4</Array></Cluster>"                \
  "</ClusteringModel></PMML>"

/* Field c with the Comparisons matrix (a b c by a b c)
**   0 1 5
**   1 0 2
**   5 2 0
** written as 'matrix'; clusters at "a" and "c"; invalid values as is. */
static char *
table(const char *matrix)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<ClusteringModel functionName=\"clustering\" "
           "modelClass=\"centerBased\" numberOfClusters=\"2\">"
           "<MiningSchema><MiningField name=\"c\" "
           "invalidValueTreatment=\"asIs\"/></MiningSchema>" OUT
           "<ComparisonMeasure kind=\"distance\"><cityBlock/>"
           "</ComparisonMeasure>"
           "<ClusteringField field=\"c\" compareFunction=\"table\">"
           "<Comparisons>%s</Comparisons></ClusteringField>"
           "<Cluster><Array n=\"1\" type=\"string\">a</Array></Cluster>"
           "<Cluster><Array n=\"1\" type=\"string\">c</Array></Cluster>"
           "</ClusteringModel></PMML>",
           matrix);
  return doc;
}

static void
test_compare_functions(void)
{
  /* delta: c = b, x = 1: K1 1 + 1 = 2, K2 0 + 9 = 9. Ids K1 and 2. */
  const char *d = mixed("delta");
  CHECK(d, "c=b,x=1", "pv", "K1");
  CHECK(d, "c=b,x=1", "disp", "K1"); /* nameless: its id */
  CHECK(d, "c=b,x=1", "aff", "2");
  CHECK(d, "c=b,x=1", "a2", "9");
  /* c = b, x = 9: K1 1 + 9 = 10, K2 0 + 1 = 1. */
  CHECK(d, "c=b,x=9", "pv", "2");
  /* A string no cluster has differs from both: 1 + 9, 1 + 1. */
  CHECK(d, "c=c,x=9", "aff", "2");
  /* equal: 1 when equal. c = a, x = 0: K1 1 + 0 = 1, K2 0 + 10 = 10. */
  d = mixed("equal");
  CHECK(d, "c=a,x=0", "aff", "1");
  CHECK(d, "c=a,x=0", "a2", "10");
  /* gaussSim: exp(-ln 2 z^2 / 4). x = 1: 2^(-1/4) to 0, 2^(-9/4) to 4;
  ** the larger wins. x = 3: mirrored, the second. x = 2: 0.5 and 0.5,
  ** a tie, the first. */
  CHECK(GAUSS, "x=1", "pv", "1");
  CHECK(GAUSS, "x=1", "aff", "0.8408964152537145");
  CHECK(GAUSS, "x=1", "a2", "0.21022410381342865");
  CHECK(GAUSS, "x=1", "second", "2");
  CHECK(GAUSS, "x=3", "pv", "2");
  CHECK(GAUSS, "x=3", "aff2", "0.21022410381342865");
  CHECK(GAUSS, "x=2", "pv", "1");
  CHECK(GAUSS, "x=2", "aff", "0.5");
  /* table, every way of writing the matrix. b: 1 to a, 2 to c; c: 5 and
  ** 0. */
  d = table("<Matrix nbRows=\"3\" nbCols=\"3\"><Array type=\"real\">0 1 5"
            "</Array><Array type=\"real\">1 0 2</Array><Array type=\"real\">"
            "5 2 0</Array></Matrix>");
  CHECK(d, "c=b", "pv", "1");
  CHECK(d, "c=b", "aff", "1");
  CHECK(d, "c=b", "a2", "2");
  CHECK(d, "c=c", "pv", "2");
  CHECK(d, "c=c", "aff2", "5");
  d = table("<Matrix kind=\"symmetric\"><Array type=\"real\">0</Array>"
            "<Array type=\"real\">1 0</Array><Array type=\"real\">5 2 0"
            "</Array></Matrix>");
  CHECK(d, "c=b", "aff", "1");
  CHECK(d, "c=b", "a2", "2");
  CHECK(d, "c=a", "a2", "5");
  d = table("<Matrix nbRows=\"3\" nbCols=\"3\" diagDefault=\"0\" "
            "offDiagDefault=\"1\"><MatCell row=\"1\" col=\"3\">5</MatCell>"
            "<MatCell row=\"3\" col=\"1\">5</MatCell><MatCell row=\"2\" "
            "col=\"3\">2</MatCell><MatCell row=\"3\" col=\"2\">2</MatCell>"
            "</Matrix>");
  CHECK(d, "c=b", "aff", "1");
  CHECK(d, "c=b", "a2", "2");
  CHECK(d, "c=c", "aff2", "5");
  /* A value outside the matrix's categories (invalid, taken as is)
  ** fails the record. */
  CHECK(d, "c=zz", "pv",
        "ERR:ClusteringField 'c': value 'zz' is not one of the field's "
        "values, which index the Comparisons matrix");
  /* Missing: no prediction. */
  CHECK(d, "c=?", "pv", "<missing>");
}

/* Four 0/1 fields, clusters A (1 0 0 0) and B (1 1 1 1). */
static char *
binary(const char *measure)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<ClusteringModel functionName=\"clustering\" "
           "modelClass=\"centerBased\" numberOfClusters=\"2\">"
           "<MiningSchema><MiningField name=\"b1\"/><MiningField name=\"b2\"/>"
           "<MiningField name=\"b3\"/><MiningField name=\"b4\"/>"
           "</MiningSchema>" OUT
           "<ComparisonMeasure kind=\"similarity\">%s</ComparisonMeasure>"
           "<ClusteringField field=\"b1\"/><ClusteringField field=\"b2\"/>"
           "<ClusteringField field=\"b3\"/><ClusteringField field=\"b4\"/>"
           "<Cluster id=\"A\"><Array n=\"4\" type=\"int\">1 0 0 0</Array>"
           "</Cluster><Cluster id=\"2\"><Array n=\"4\" type=\"int\">1 1 1 1"
           "</Array></Cluster></ClusteringModel></PMML>",
           measure);
  return doc;
}

#define B1100 "b1=1,b2=1,b3=0,b4=0"

static void
test_binary(void)
{
  /* Record 1 1 0 0. Against A: a11 = 1, a10 = 1, a01 = 0, a00 = 2;
  ** against B: a11 = 2, a10 = 0, a01 = 2, a00 = 0. */
  /* simpleMatching (a11 + a00) / 4: 3/4 and 2/4. */
  const char *d = binary("<simpleMatching/>");
  CHECK(d, B1100, "pv", "A");
  CHECK(d, B1100, "aff", "0.75");
  CHECK(d, B1100, "a2", "0.5");
  /* jaccard a11 / (a11 + a10 + a01): 1/2 and 2/4, a tie: A first. */
  d = binary("<jaccard/>");
  CHECK(d, B1100, "pv", "A");
  CHECK(d, B1100, "aff", "0.5");
  CHECK(d, B1100, "second", "2");
  /* tanimoto (a11 + a00) / (a11 + 2 (a10 + a01) + a00): 3/5 and 2/6. */
  d = binary("<tanimoto/>");
  CHECK(d, B1100, "aff", "0.6");
  CHECK(d, B1100, "a2", "0.3333333333333333");
  /* binarySimilarity as Russell-Rao, a11 / (a11 + a10 + a01 + a00): 1/4
  ** and 2/4: B wins. */
  d = binary("<binarySimilarity c00-parameter=\"0\" c01-parameter=\"0\" "
             "c10-parameter=\"0\" c11-parameter=\"1\" d00-parameter=\"1\" "
             "d01-parameter=\"1\" d10-parameter=\"1\" d11-parameter=\"1\"/>");
  CHECK(d, B1100, "pv", "2");
  CHECK(d, B1100, "aff", "0.5");
  CHECK(d, B1100, "aff2", "0.25");
  /* Not 0 or 1: refused; a missing one: no prediction. */
  CHECK(d, "b1=2,b2=1,b3=0,b4=0", "pv",
        "ERR:ClusteringModel: 'b1' must be 0 or 1 for a binary similarity");
  CHECK(d, "b1=?,b2=1,b3=0,b4=0", "pv", "<missing>");
}

static void
test_outputs(void)
{
  /* Ids given, a target DataField of type integer, clusterId, entityId,
  ** the affinity of a cluster named by its name, entityAffinity. */
  const char *d =
      HEAD
      "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
      "dataType=\"double\"/><DataField name=\"k\" optype=\"categorical\" "
      "dataType=\"integer\"/></DataDictionary>"
      "<ClusteringModel functionName=\"clustering\" "
      "modelClass=\"centerBased\" numberOfClusters=\"3\"><MiningSchema>"
      "<MiningField name=\"x\"/><MiningField name=\"k\" usageType=\"target\"/>"
      "</MiningSchema><Output>"
      "<OutputField name=\"cid\" feature=\"clusterId\"/>"
      "<OutputField name=\"eid\" feature=\"entityId\"/>"
      "<OutputField name=\"third\" feature=\"entityId\" rank=\"3\"/>"
      "<OutputField name=\"fourth\" feature=\"entityId\" rank=\"4\"/>"
      "<OutputField name=\"byname\" feature=\"clusterAffinity\" "
      "value=\"mid\"/>"
      "<OutputField name=\"ea\" feature=\"entityAffinity\"/>"
      "<OutputField name=\"nosuch\" feature=\"affinity\" value=\"99\"/>"
      "<OutputField name=\"disp\" feature=\"predictedDisplayValue\"/>"
      "</Output><ComparisonMeasure kind=\"distance\"><euclidean/>"
      "</ComparisonMeasure><ClusteringField field=\"x\"/>"
      "<Cluster id=\"10\" name=\"low\"><Array n=\"1\" type=\"real\">0</Array>"
      "</Cluster><Cluster id=\"20\" name=\"mid\"><Array n=\"1\" type=\"real\">"
      "5</Array></Cluster><Cluster id=\"30\" name=\"high\">"
      "<Array n=\"1\" type=\"real\">9</Array></Cluster>"
      "</ClusteringModel></PMML>";
  /* x = 6: distances 6, 1, 3: cluster 20, then 30, then 10. */
  CHECK(d, "x=6", "k", "20");
  CHECK(d, "x=6", "cid", "20");
  CHECK(d, "x=6", "eid", "20");
  CHECK(d, "x=6", "third", "10");
  CHECK(d, "x=6", "fourth", "<missing>");
  CHECK(d, "x=6", "byname", "1");
  CHECK(d, "x=6", "ea", "1");
  CHECK(d, "x=6", "nosuch", "<missing>");
  CHECK(d, "x=6", "disp", "mid");
  /* The ids must be integers for that target. */
  EXPECT(score(HEAD
              "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
              "dataType=\"double\"/><DataField name=\"k\" "
              "optype=\"categorical\" dataType=\"integer\"/></DataDictionary>"
              "<ClusteringModel functionName=\"clustering\" "
              "modelClass=\"centerBased\" numberOfClusters=\"1\">"
              "<MiningSchema><MiningField name=\"x\"/><MiningField "
              "name=\"k\" usageType=\"target\"/></MiningSchema>"
              "<ComparisonMeasure kind=\"distance\"><euclidean/>"
              "</ComparisonMeasure><ClusteringField field=\"x\"/>"
              "<Cluster id=\"one\"><Array n=\"1\" type=\"real\">0</Array>"
              "</Cluster></ClusteringModel></PMML>",
              "x=1", "k"),
        "ERR:ClusteringModel: cluster id 'one' is not a integer");
}

static void
test_center_fields(void)
{
  /* PMML 3.2: CenterFields define the coordinates, x and 2 y; the
  ** ClusteringFields (as many) give their weights, 1 and 3. Centers
  ** (0, 0) and (2, 8). Record x = 1, y = 1: coordinates (1, 2):
  ** squaredEuclidean 1 + 3*4 = 13 and 1 + 3*36 = 109. */
  const char *d =
      "<PMML xmlns=\"http://www.dmg.org/PMML-3_2\" version=\"3.2\"><Header/>"
      DD
      "<ClusteringModel functionName=\"clustering\" "
      "modelClass=\"centerBased\" numberOfClusters=\"2\">" MS_XY OUT
      "<ComparisonMeasure kind=\"distance\"><squaredEuclidean/>"
      "</ComparisonMeasure>"
      "<ClusteringField field=\"x\"/>"
      "<ClusteringField field=\"y\" fieldWeight=\"3\"/>"
      "<CenterFields><DerivedField name=\"cx\"><FieldRef field=\"x\"/>"
      "</DerivedField><DerivedField name=\"cy\"><Apply function=\"*\">"
      "<FieldRef field=\"y\"/><Constant>2</Constant></Apply></DerivedField>"
      "</CenterFields>"
      "<Cluster><Array n=\"2\" type=\"real\">0 0</Array></Cluster>"
      "<Cluster><Array n=\"2\" type=\"real\">2 8</Array></Cluster>"
      "</ClusteringModel></PMML>";
  CHECK(d, "x=1,y=1", "pv", "1");
  CHECK(d, "x=1,y=1", "aff", "13");
  CHECK(d, "x=1,y=1", "a2", "109");
}

static void
test_refusals(void)
{
  static char doc[8192];
  EXPECT(score(HEAD DD
              "<ClusteringModel functionName=\"clustering\" "
              "modelClass=\"distributionBased\" numberOfClusters=\"1\">"
              MS_XY "<ComparisonMeasure kind=\"similarity\"><euclidean/>"
              "</ComparisonMeasure>" XY "<Cluster/></ClusteringModel></PMML>",
              "x=1", "pv"),
        "ERR:ClusteringModel: modelClass=\"distributionBased\" is not "
        "supported (only center-based clusters are scored)");
  EXPECT(score(two("distance", "<euclidean/>",
                  "<ClusteringField field=\"x\" compareFunction=\"gaussSim\"/>"
                  "<ClusteringField field=\"y\"/>",
                  ""),
              "x=1", "pv"),
        "ERR:ClusteringField 'x': compareFunction=\"gaussSim\" needs a "
        "similarityScale greater than 0");
  EXPECT(score(two("distance", "<euclidean/>", "<ClusteringField field=\"x\"/>",
                  ""),
              "x=1", "pv"),
        "ERR:Cluster: 2 center coordinates for 1 center fields");
  EXPECT(score(two("distance", "", XY, ""), "x=1", "pv"),
        "ERR:ComparisonMeasure: no measure (euclidean, squaredEuclidean, ...)");
  EXPECT(score(two("distance", "<euclidean/>", XY,
                  "<MissingValueWeights><Array type=\"real\">1</Array>"
                  "</MissingValueWeights>"),
              "x=1", "pv"),
        "ERR:MissingValueWeights: 1 weights for 2 center fields");
  snprintf(doc, sizeof doc, "%s",
           table("<Matrix><Array type=\"real\">0 1</Array>"
                 "<Array type=\"real\">1 0</Array></Matrix>"));
  EXPECT(score(doc, "c=a", "pv"),
        "ERR:ClusteringField 'c': the Comparisons matrix has 2 rows, the "
        "field 3 valid values");
  EXPECT(score(table("<Matrix kind=\"symmetric\"><Array type=\"real\">0 1"
                    "</Array></Matrix>"),
              "c=a", "pv"),
        "ERR:Matrix: its Arrays do not make a symmetric matrix of 1 rows");
  EXPECT(score(mixed("absDiff"), "c=a,x=1", "pv"),
        "ERR:ClusteringField 'c': compareFunction=\"absDiff\" needs numbers, "
        "the field holds strings");
}

static void
test_nomem(void)
{
  char doc[8192];
  snprintf(doc, sizeof doc, "%s",
           table("<Matrix kind=\"symmetric\"><Array type=\"real\">0</Array>"
                 "<Array type=\"real\">1 0</Array><Array type=\"real\">5 2 0"
                 "</Array><MatCell row=\"1\" col=\"2\">3</MatCell></Matrix>"));
  check_nomem(doc);
  check_nomem(two("distance", "<squaredEuclidean/>", XY,
                  "<MissingValueWeights><Array n=\"2\" type=\"real\">1 3"
                  "</Array></MissingValueWeights>"));
}

void add_clustering_suite(void);

void
add_clustering_suite(void)
{
  CU_pSuite s = CU_add_suite("clustering", NULL, NULL);
  CU_add_test(s, "distance measures", test_distances);
  CU_add_test(s, "field weights and missing values", test_weights_missing);
  CU_add_test(s, "compare functions", test_compare_functions);
  CU_add_test(s, "binary similarities", test_binary);
  CU_add_test(s, "entity outputs", test_outputs);
  CU_add_test(s, "CenterFields", test_center_fields);
  CU_add_test(s, "refusals", test_refusals);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
