/*
** test_svm.c: SupportVectorMachineModel scoring on small models worked out
** by hand in the comments: the four kernels, dense and sparse vectors, the
** Coefficients representation, CategoricalPredictor coordinates,
** one-against-one votes (threshold, maxWins, ties), one-against-all, the
** binary model and alternateBinaryTargetCategory, and refused documents.
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
  "<DataField name=\"x1\" optype=\"continuous\" dataType=\"double\"/>"       \
  "<DataField name=\"x2\" optype=\"continuous\" dataType=\"double\"/>"       \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"red\"/><Value value=\"blue\"/></DataField>"                \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"             \
  "</DataField></DataDictionary>\n"
#define MS_REG                                                               \
  "<MiningSchema><MiningField name=\"x1\"/><MiningField name=\"x2\"/>"       \
  "<MiningField name=\"c\"/>"                                                \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
#define MS_CLS                                                               \
  "<MiningSchema><MiningField name=\"x1\"/>"                                 \
  "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
#define OUTPUT_K                                                             \
  "<Output><OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"   \
  "<OutputField name=\"pb\" feature=\"probability\" value=\"b\"/>"           \
  "<OutputField name=\"pc\" feature=\"probability\" value=\"c\"/>"           \
  "</Output>"
/* Two vectors over (x1, x2): v1 = (1, 0) dense, v2 = (0, 1) sparse. */
#define DICT2                                                                \
  "<VectorDictionary><VectorFields><FieldRef field=\"x1\"/>"                 \
  "<FieldRef field=\"x2\"/></VectorFields>"                                  \
  "<VectorInstance id=\"v1\"><Array n=\"2\" type=\"real\">1 0</Array>"       \
  "</VectorInstance><VectorInstance id=\"v2\"><REAL-SparseArray n=\"2\">"    \
  "<Indices>2</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray>"    \
  "</VectorInstance></VectorDictionary>"
/* One vector u = (1) over x1: a linear machine with coefficient a and
** absolute value b computes f = a x1 + b. */
#define DICT1                                                                \
  "<LinearKernelType/><VectorDictionary><VectorFields><FieldRef "            \
  "field=\"x1\"/></VectorFields><VectorInstance id=\"u\"><Array n=\"1\" "    \
  "type=\"real\">1</Array></VectorInstance></VectorDictionary>"
#define MACHINE(attrs, a, b)                                                 \
  "<SupportVectorMachine " attrs "><SupportVectors><SupportVector "          \
  "vectorId=\"u\"/></SupportVectors><Coefficients absoluteValue=\"" b "\">"  \
  "<Coefficient value=\"" a "\"/></Coefficients></SupportVectorMachine>"

static char doc[16384];

/* A regression f = 2 K(x, v1) - K(x, v2) + 0.5 with kernel element 'k'. */
static const char *
reg(const char *k)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<SupportVectorMachineModel functionName=\"regression\">"
                   MS_REG "%s" DICT2
                   "<SupportVectorMachine><SupportVectors>"
                   "<SupportVector vectorId=\"v1\"/>"
                   "<SupportVector vectorId=\"v2\"/></SupportVectors>"
                   "<Coefficients absoluteValue=\"0.5\">"
                   "<Coefficient value=\"2\"/><Coefficient value=\"-1\"/>"
                   "</Coefficients></SupportVectorMachine>"
                   "</SupportVectorMachineModel></PMML>",
           k);
  return doc;
}

static void
test_kernels(void)
{
  /* Linear: K(x, v1) = x1, K(x, v2) = x2: 2 * 3 - 4 + 0.5 = 2.5. */
  CHECK(reg("<LinearKernelType/>"), "x1=3,x2=4", "y", "2.5");
  /* Polynomial (0.5 <x, v> + 1)^2 at x = (2, 4): (1 + 1)^2 = 4 and
  ** (2 + 1)^2 = 9: 8 - 9 + 0.5 = -0.5. */
  CHECK(reg("<PolynomialKernelType gamma=\"0.5\" coef0=\"1\" "
            "degree=\"2\"/>"),
        "x1=2,x2=4", "y", "-0.5");
  /* Radial basis exp(-0.5 |x - v|^2) at x = (1, 1): both distances are 1:
  ** 2 e^-0.5 - e^-0.5 + 0.5 = e^-0.5 + 0.5. */
  CHECKN(reg("<RadialBasisKernelType gamma=\"0.5\"/>"), "x1=1,x2=1", "y",
         1.1065306597126334);
  /* Sigmoid tanh(<x, v> + 0) at x = (1, 1): tanh 1 + 0.5. */
  CHECKN(reg("<SigmoidKernelType gamma=\"1\" coef0=\"0\"/>"), "x1=1,x2=1",
         "y", 1.2615941559557649);
  /* The defaults: gamma 1, coef0 1, degree 1: (<x, v> + 1): at (2, 4):
  ** 2 * 3 - 5 + 0.5 = 1.5. */
  CHECK(reg("<PolynomialKernelType/>"), "x1=2,x2=4", "y", "1.5");
  CHECK(reg("<LinearKernelType/>"), "x1=3,x2=?", "y", "<missing>");
}

static void
test_coefficients(void)
{
  /* svmRepresentation="Coefficients": f = 3 x1 - 2 x2 + 1; (2, 1): 5. */
  snprintf(doc, sizeof doc,
           HEAD DD "<SupportVectorMachineModel functionName=\"regression\" "
                   "svmRepresentation=\"Coefficients\">" MS_REG
                   "<LinearKernelType/>" DICT2
                   "<SupportVectorMachine><Coefficients absoluteValue=\"1\">"
                   "<Coefficient value=\"3\"/><Coefficient value=\"-2\"/>"
                   "</Coefficients></SupportVectorMachine>"
                   "</SupportVectorMachineModel></PMML>");
  CHECK(doc, "x1=2,x2=1", "y", "5");
  /* CategoricalPredictor coordinates: x = (c == red, x1); vectors (1, 0)
  ** and (0, 1), coefficients 3 and 1, b = 0.5: f = 3 [red] + x1 + 0.5. */
  snprintf(doc, sizeof doc,
           HEAD DD "<SupportVectorMachineModel functionName=\"regression\">"
                   MS_REG "<LinearKernelType/>"
                   "<VectorDictionary><VectorFields><CategoricalPredictor "
                   "name=\"c\" value=\"red\" coefficient=\"1\"/>"
                   "<FieldRef field=\"x1\"/></VectorFields>"
                   "<VectorInstance id=\"w1\"><Array n=\"2\">1 0</Array>"
                   "</VectorInstance><VectorInstance id=\"w2\"><Array "
                   "n=\"2\">0 1</Array></VectorInstance></VectorDictionary>"
                   "<SupportVectorMachine><SupportVectors>"
                   "<SupportVector vectorId=\"w1\"/><SupportVector "
                   "vectorId=\"w2\"/></SupportVectors><Coefficients "
                   "absoluteValue=\"0.5\"><Coefficient value=\"3\"/>"
                   "<Coefficient value=\"1\"/></Coefficients>"
                   "</SupportVectorMachine></SupportVectorMachineModel>"
                   "</PMML>");
  CHECK(doc, "c=red,x1=2", "y", "5.5");
  CHECK(doc, "c=blue,x1=2", "y", "2.5");
  CHECK(doc, "c=?,x1=2", "y", "<missing>");
}

/* A classification over u: 'machines' are MACHINE()s. */
static const char *
cls(const char *attrs, const char *machines)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<SupportVectorMachineModel "
                   "functionName=\"classification\" %s>" MS_CLS OUTPUT_K
                   DICT1 "%s</SupportVectorMachineModel></PMML>",
           attrs, machines);
  return doc;
}

/* (a vs b) f = x1 - 1, (a vs c) f = x1 - 2, (b vs c) f = x1 - 3. */
#define OAO                                                                  \
  MACHINE("targetCategory=\"a\" alternateTargetCategory=\"b\"", "1", "-1")   \
  MACHINE("targetCategory=\"a\" alternateTargetCategory=\"c\"", "1", "-2")   \
  MACHINE("targetCategory=\"b\" alternateTargetCategory=\"c\"", "1", "-3")

static void
test_one_against_one(void)
{
  const char *m = "classificationMethod=\"OneAgainstOne\"";
  /* x1 = 2.5: f = 1.5 (b), 0.5 (c), -0.5 (b): b has 2 of 3 votes. */
  CHECK(cls(m, OAO), "x1=2.5", "k", "b");
  CHECK(cls(m, OAO), "x1=2.5", "pa", "0");
  CHECKN(cls(m, OAO), "x1=2.5", "pb", 2.0 / 3);
  CHECKN(cls(m, OAO), "x1=2.5", "pc", 1.0 / 3);
  /* x1 = 0.5: f < 0 everywhere: a, a, b. */
  CHECK(cls(m, OAO), "x1=0.5", "k", "a");
  /* maxWins: above 0 means targetCategory: a, a, c at x1 = 2.5. */
  CHECK(cls("classificationMethod=\"OneAgainstOne\" maxWins=\"true\"", OAO),
        "x1=2.5", "k", "a");
  CHECKN(cls("classificationMethod=\"OneAgainstOne\" maxWins=\"true\"", OAO),
         "x1=2.5", "pc", 1.0 / 3);
  /* The model's threshold 1: 1.5 -> b, 0.5 -> a, -0.5 -> b. */
  CHECKN(cls("classificationMethod=\"OneAgainstOne\" threshold=\"1\"", OAO),
         "x1=2.5", "pa", 1.0 / 3);
  /* A machine's own threshold wins: (a vs c) with threshold 0: c. */
  CHECK(cls(m, MACHINE("targetCategory=\"a\" alternateTargetCategory=\"b\"",
                       "1", "-1") MACHINE("targetCategory=\"a\" "
                                          "alternateTargetCategory=\"c\" "
                                          "threshold=\"0\"",
                                          "1", "-2")),
        "x1=2.5", "pc", "0.5");
  /* A tie: (b vs c) f = 1 - x1, (a vs b) f = x1, (a vs c) f = x1 - 2 at
  ** x1 = 0.5: c, b, a, one vote each. The first category voted for wins:
  ** c, not a (the first class). */
  CHECK(cls(m, MACHINE("targetCategory=\"b\" alternateTargetCategory=\"c\"",
                       "-1", "1")
               MACHINE("targetCategory=\"a\" alternateTargetCategory=\"b\"",
                       "1", "0")
                   MACHINE("targetCategory=\"a\" "
                           "alternateTargetCategory=\"c\"",
                           "1", "-2")),
        "x1=0.5", "k", "c");
  /* Without classificationMethod, alternateTargetCategory means
  ** one-against-one. */
  CHECK(cls("", OAO), "x1=2.5", "k", "b");
}

static void
test_one_against_all(void)
{
  /* f(a) = x1 - 1, f(b) = 2 - x1, f(c) = 0.5. */
  const char *mc = MACHINE("targetCategory=\"a\"", "1", "-1")
      MACHINE("targetCategory=\"b\"", "-1", "2")
          MACHINE("targetCategory=\"c\"", "0", "0.5");
  /* x1 = 1.2: 0.2, 0.8, 0.5: the smallest, a; maxWins: the largest, b. */
  CHECK(cls("", mc), "x1=1.2", "k", "a");
  CHECK(cls("maxWins=\"true\"", mc), "x1=1.2", "k", "b");
  /* x1 = 3: 2, -1, 0.5: b; maxWins: a. */
  CHECK(cls("classificationMethod=\"OneAgainstAll\"", mc), "x1=3", "k", "b");
  CHECK(cls("maxWins=\"true\"", mc), "x1=3", "k", "a");
  /* No probabilities. */
  CHECK(cls("", mc), "x1=3", "pb", "<missing>");
}

static void
test_binary(void)
{
  /* One machine a vs b, its threshold 0.3: f = x1 below it gives a. */
  const char *one =
      MACHINE("targetCategory=\"a\" alternateTargetCategory=\"b\" "
              "threshold=\"0.3\"",
              "1", "0");
  /* alternateBinaryTargetCategory: f rounds to 1 (a) or 0 (b). */
  const char *bin = "alternateBinaryTargetCategory=\"b\"";
  CHECK(cls("", one), "x1=0.2", "k", "a");
  CHECK(cls("", one), "x1=0.2", "pa", "1");
  CHECK(cls("", one), "x1=0.4", "k", "b");
  /* Whatever the method says, one machine is a binary model. */
  CHECK(cls("classificationMethod=\"OneAgainstAll\"", one), "x1=0.4", "k",
        "b");
  CHECK(cls(bin, MACHINE("targetCategory=\"a\"", "1", "0")), "x1=0.9", "k",
        "a");
  CHECK(cls(bin, MACHINE("targetCategory=\"a\"", "1", "0")), "x1=0.3", "k",
        "b");
  CHECK(cls(bin, MACHINE("targetCategory=\"a\"", "1", "0")), "x1=0.3", "pb",
        "1");
  CHECK(cls(bin, MACHINE("targetCategory=\"a\"", "1", "0")), "x1=1.7", "k",
        "ERR:SupportVectorMachine (line 3): the value 1.7 does not round to "
        "0 or 1 (alternateBinaryTargetCategory)");
}

static void
test_refused(void)
{
  CHECK(cls("", "<SupportVectorMachine targetCategory=\"a\" "
                "alternateTargetCategory=\"b\"><SupportVectors>"
                "<SupportVector vectorId=\"zz\"/></SupportVectors>"
                "<Coefficients><Coefficient value=\"1\"/></Coefficients>"
                "</SupportVectorMachine>"),
        "x1=1", "k",
        "ERR:SupportVector (SupportVectorMachine line 3): vectorId=\"zz\" is "
        "no VectorInstance");
  CHECK(cls("", "<SupportVectorMachine targetCategory=\"a\" "
                "alternateTargetCategory=\"b\"><SupportVectors>"
                "<SupportVector vectorId=\"u\"/></SupportVectors>"
                "<Coefficients><Coefficient value=\"1\"/>"
                "<Coefficient value=\"2\"/></Coefficients>"
                "</SupportVectorMachine>"),
        "x1=1", "k",
        "ERR:SupportVectorMachine: 1 SupportVectors but 2 Coefficients");
  CHECK(cls("classificationMethod=\"OneAgainstOne\"",
            MACHINE("targetCategory=\"a\" alternateTargetCategory=\"b\"",
                    "1", "0") MACHINE("targetCategory=\"a\"", "1", "0")),
        "x1=1", "k",
        "ERR:SupportVectorMachine: missing attribute "
        "'alternateTargetCategory'");
}

static void
test_nomem(void)
{
  check_nomem(cls("classificationMethod=\"OneAgainstOne\"", OAO));
  check_nomem(reg("<RadialBasisKernelType gamma=\"0.5\"/>"));
}

void add_svm_suite(void);

void
add_svm_suite(void)
{
  CU_pSuite s = CU_add_suite("svm", NULL, NULL);
  CU_add_test(s, "kernels", test_kernels);
  CU_add_test(s, "Coefficients and CategoricalPredictor",
              test_coefficients);
  CU_add_test(s, "one-against-one", test_one_against_one);
  CU_add_test(s, "one-against-all", test_one_against_all);
  CU_add_test(s, "binary models", test_binary);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "out of memory", test_nomem);
}
