/*
** test_naivebayes.c: NaiveBayesModel scoring on small models worked out by
** hand in the comments: discrete inputs (PairCounts, the threshold for a
** zero count), continuous inputs (Gaussian, Poisson and Uniform densities,
** the threshold as their floor), priors from BayesOutput, a DerivedField
** inside BayesInput, missing inputs, and refused documents.
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
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"red\"/><Value value=\"blue\"/></DataField>"                \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/></DataField></DataDictionary>\n"
#define MS                                                                   \
  "<MiningSchema><MiningField name=\"x1\"/><MiningField name=\"c\"/>"        \
  "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"            \
  "<Output><OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"   \
  "<OutputField name=\"pb\" feature=\"probability\" value=\"b\"/></Output>"
/* c: red a 2, b 0; blue a 1, b 1. */
#define IN_C                                                                 \
  "<BayesInput fieldName=\"c\"><PairCounts value=\"red\"><TargetValueCounts>" \
  "<TargetValueCount value=\"a\" count=\"2\"/>"                              \
  "<TargetValueCount value=\"b\" count=\"0\"/></TargetValueCounts>"          \
  "</PairCounts><PairCounts value=\"blue\"><TargetValueCounts>"              \
  "<TargetValueCount value=\"a\" count=\"1\"/>"                              \
  "<TargetValueCount value=\"b\" count=\"1\"/></TargetValueCounts>"          \
  "</PairCounts></BayesInput>"
/* x1 as distributions 'da' (class a) and 'db' (class b). */
#define IN_X(da, db)                                                         \
  "<BayesInput fieldName=\"x1\"><TargetValueStats>"                          \
  "<TargetValueStat value=\"a\">" da "</TargetValueStat>"                    \
  "<TargetValueStat value=\"b\">" db "</TargetValueStat>"                    \
  "</TargetValueStats></BayesInput>"
#define GAUSS                                                                \
  IN_X("<GaussianDistribution mean=\"0\" variance=\"1\"/>",                  \
       "<GaussianDistribution mean=\"2\" variance=\"4\"/>")

static char doc[16384];

/* A model with threshold 'thr', the BayesInputs 'inputs' and class counts
** a = 'na', b = 'nb'. */
static const char *
nb(const char *thr, const char *inputs, const char *na, const char *nb_)
{
  snprintf(doc, sizeof doc,
           HEAD DD "<NaiveBayesModel functionName=\"classification\" "
                   "threshold=\"%s\">" MS "<BayesInputs>%s</BayesInputs>"
                   "<BayesOutput fieldName=\"k\"><TargetValueCounts>"
                   "<TargetValueCount value=\"a\" count=\"%s\"/>"
                   "<TargetValueCount value=\"b\" count=\"%s\"/>"
                   "</TargetValueCounts></BayesOutput></NaiveBayesModel>"
                   "</PMML>",
           thr, inputs, na, nb_);
  return doc;
}

static void
test_discrete(void)
{
  /* Priors 3 : 1. red: L(a) = 3 * 2/3 = 2, L(b) = 1 * 0.01 (zero count):
  ** P(a) = 2 / 2.01, P(b) = 0.01 / 2.01. */
  CHECKN(nb("0.01", IN_C, "3", "1"), "c=red", "pa", 2 / 2.01);
  CHECKN(nb("0.01", IN_C, "3", "1"), "c=red", "pb", 0.01 / 2.01);
  CHECK(nb("0.01", IN_C, "3", "1"), "c=red", "k", "a");
  /* blue: L(a) = 3 * 1/3 = 1, L(b) = 1 * 1/1 = 1: a tie, a first. */
  CHECKN(nb("0.01", IN_C, "3", "1"), "c=blue", "pa", 0.5);
  CHECK(nb("0.01", IN_C, "3", "1"), "c=blue", "k", "a");
  /* Missing: the priors alone, 3/4 and 1/4. */
  CHECKN(nb("0.01", IN_C, "3", "1"), "c=?", "pa", 0.75);
  /* threshold 0: the zero count vetoes b. */
  CHECK(nb("0", IN_C, "3", "1"), "c=red", "pb", "0");
  CHECK(nb("0", IN_C, "3", "1"), "c=red", "pa", "1");
}

static void
test_continuous(void)
{
  /* x1 = 1: N(0, 1) density e^-0.5 / sqrt(2 pi) = 0.2419707; N(2, 4):
  ** e^-0.125 / (2 sqrt(2 pi)) = 0.1760327. Equal priors: 0.5788726. */
  CHECKN(nb("0", GAUSS, "1", "1"), "x1=1", "pa", 0.578872639607127);
  CHECKN(nb("0", GAUSS, "1", "1"), "x1=1", "pb", 0.421127360392873);
  /* Priors 3 : 1: 3 * 0.2419707 / (3 * 0.2419707 + 0.1760327). */
  CHECKN(nb("0", GAUSS, "3", "1"), "x1=1", "pa", 0.8048299007071738);
  /* x1 = 30: both densities are far below 0.001, which replaces them:
  ** the priors decide, 3/4. */
  CHECKN(nb("0.001", GAUSS, "3", "1"), "x1=30", "pa", 0.75);
  /* And with red too: L(a) = 3 * 2/3 * 0.2419707, L(b) = 1 * 0.01 *
  ** 0.1760327: 0.9963757. */
  CHECKN(nb("0.01", IN_C GAUSS, "3", "1"), "x1=1,c=red", "pa",
         0.9963757047596016);
  /* Poisson at 2: e^-1 / 2 = 0.1839397 (mean 1), 9 e^-3 / 2 = 0.2240418
  ** (mean 3): 0.4508531; 2.7 counts as 2. */
  CHECKN(nb("0",
            IN_X("<PoissonDistribution mean=\"1\"/>",
                 "<PoissonDistribution mean=\"3\"/>"),
            "1", "1"),
         "x1=2", "pa", 0.45085306037928385);
  CHECKN(nb("0",
            IN_X("<PoissonDistribution mean=\"1\"/>",
                 "<PoissonDistribution mean=\"3\"/>"),
            "1", "1"),
         "x1=2.7", "pa", 0.45085306037928385);
  /* Uniform on [0, 2] (density 1/2) and [0, 4] (1/4): at 1, 2/3; at 3, a
  ** has density 0: with threshold 0.01, 0.01 / (0.01 + 0.25). */
  CHECKN(nb("0.01",
            IN_X("<UniformDistribution lower=\"0\" upper=\"2\"/>",
                 "<UniformDistribution lower=\"0\" upper=\"4\"/>"),
            "1", "1"),
         "x1=1", "pa", 2.0 / 3);
  CHECKN(nb("0.01",
            IN_X("<UniformDistribution lower=\"0\" upper=\"2\"/>",
                 "<UniformDistribution lower=\"0\" upper=\"4\"/>"),
            "1", "1"),
         "x1=3", "pa", 0.01 / 0.26);
  CHECK(nb("0", GAUSS, "1", "3"), "x1=?", "pa", "0.25");
}

static void
test_derived(void)
{
  /* x1 binned by a DerivedField: low below 1, high from 1. low: a 1, b 3;
  ** high: a 3, b 1. Equal priors: x1 = 0.5 is low, P(a) = (1/4) / (1/4 +
  ** 3/4) = 0.25; x1 = 2 is high, 0.75. */
  const char *in =
      "<BayesInput fieldName=\"x1\"><DerivedField optype=\"categorical\" "
      "dataType=\"string\"><Discretize field=\"x1\"><DiscretizeBin "
      "binValue=\"low\"><Interval closure=\"openOpen\" rightMargin=\"1\"/>"
      "</DiscretizeBin><DiscretizeBin binValue=\"high\"><Interval "
      "closure=\"closedOpen\" leftMargin=\"1\"/></DiscretizeBin>"
      "</Discretize></DerivedField>"
      "<PairCounts value=\"low\"><TargetValueCounts>"
      "<TargetValueCount value=\"a\" count=\"1\"/>"
      "<TargetValueCount value=\"b\" count=\"3\"/></TargetValueCounts>"
      "</PairCounts><PairCounts value=\"high\"><TargetValueCounts>"
      "<TargetValueCount value=\"a\" count=\"3\"/>"
      "<TargetValueCount value=\"b\" count=\"1\"/></TargetValueCounts>"
      "</PairCounts></BayesInput>";
  CHECKN(nb("0", in, "1", "1"), "x1=0.5", "pa", 0.25);
  CHECKN(nb("0", in, "1", "1"), "x1=2", "pa", 0.75);
  CHECK(nb("0", in, "1", "1"), "x1=2", "k", "a");
}

/* A BayesInput inside an Extension of BayesInputs (older R exports) counts
** like any other: the same 0.9963757 as red with x1 = 1 above. */
static void
test_extension(void)
{
  CHECKN(nb("0.01", IN_C "<Extension name=\"R\">" GAUSS "</Extension>", "3",
            "1"),
         "x1=1,c=red", "pa", 0.9963757047596016);
  CHECKN(nb("0.01", IN_C "<Extension name=\"R\" value=\"v\"/>", "3", "1"),
         "x1=1,c=red", "pa", 2 / 2.01);
}

static void
test_refused(void)
{
  CHECK(nb("0",
           IN_X("<AnyDistribution mean=\"0\" variance=\"1\"/>",
                "<GaussianDistribution mean=\"0\" variance=\"1\"/>"),
           "1", "1"),
        "x1=1", "pa",
        "ERR:AnyDistribution: a Naive Bayes input needs a distribution with "
        "a density (Gaussian, Poisson or Uniform)");
  CHECK(nb("0",
           IN_X("<GaussianDistribution mean=\"0\" variance=\"0\"/>",
                "<GaussianDistribution mean=\"0\" variance=\"1\"/>"),
           "1", "1"),
        "x1=1", "pa",
        "ERR:GaussianDistribution: variance must be positive");
  CHECK(nb("2", IN_C, "1", "1"), "x1=1", "pa",
        "ERR:NaiveBayesModel: threshold outside [0, 1]");
}

static void
test_nomem(void)
{
  check_nomem(nb("0.01", IN_C GAUSS, "3", "1"));
}

void add_naivebayes_suite(void);

void
add_naivebayes_suite(void)
{
  CU_pSuite s = CU_add_suite("naivebayes", NULL, NULL);
  CU_add_test(s, "discrete inputs", test_discrete);
  CU_add_test(s, "continuous inputs", test_continuous);
  CU_add_test(s, "DerivedField inputs", test_derived);
  CU_add_test(s, "BayesInput inside Extension", test_extension);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "out of memory", test_nomem);
}
