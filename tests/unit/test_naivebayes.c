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

#include "pmml.h"

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

static char result[600];
static char doc[16384];

/* Score 'text' on inputs "name=value,..." ('?' missing) and return output
** 'out' as text, or "ERR:message" when loading or scoring fails. */
static const char *
score(const char *text, const char *inputs, const char *out)
{
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  pmml_error e;
  char buf[512], *p, *save = NULL;
  size_t i;
  if (pmml_model_load_memory(text, strlen(text), NULL, &m, &e) != PMML_OK) {
    snprintf(result, sizeof result, "ERR:%s", e.message);
    return result;
  }
  if (pmml_ctx_new(m, &c) != PMML_OK) {
    pmml_model_free(m);
    return "ERR:ctx";
  }
  snprintf(buf, sizeof buf, "%s", inputs);
  for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(p, '=');
    long idx;
    if (!eq)
      continue;
    *eq = '\0';
    idx = pmml_model_input_index(m, p);
    if (idx < 0)
      continue;
    if (!strcmp(eq + 1, "?"))
      pmml_ctx_set_missing(c, (size_t)idx);
    else
      pmml_ctx_set_text(c, (size_t)idx, eq + 1, strlen(eq + 1));
  }
  snprintf(result, sizeof result, "ERR:no output %s", out);
  if (pmml_score(c, &e) != PMML_OK) {
    snprintf(result, sizeof result, "ERR:%s", e.message);
  } else {
    for (i = 0; i < pmml_model_output_count(m); i++)
      if (!strcmp(pmml_model_output_name(m, i), out)) {
        pmml_value v;
        pmml_ctx_output(c, i, &v);
        if (v.kind == PMML_MISSING)
          snprintf(result, sizeof result, "<missing>");
        else
          pmml_value_format(&v, result, sizeof result);
      }
  }
  pmml_ctx_free(c);
  pmml_model_free(m);
  return result;
}

/* An allocator that fails after 'budget' calls and counts live bytes. */
typedef struct failing {
  long budget;
  long calls;
  long live;
} failing;

static void *
failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize == 0) {
    if (ptr)
      f->live -= (long)osize;
    free(ptr);
    return NULL;
  }
  if (f->calls++ >= f->budget)
    return NULL;
  ptr = realloc(ptr, nsize);
  if (ptr)
    f->live += (long)nsize - (long)osize;
  return ptr;
}

/* Loading 'text' with the N-th allocation failing, N = 0, 1, 2...: every
** attempt fails with PMML_E_NOMEM and leaks nothing, until one succeeds. */
static void
check_nomem(const char *text)
{
  pmml_load_options o;
  long n;
  int succeeded = 0;
  for (n = 0; n < 100000 && !succeeded; n++) {
    failing f = {n, 0, 0};
    pmml_model *m = NULL;
    pmml_error e;
    pmml_status st;
    pmml_load_options_init(&o);
    o.alloc = failing_alloc;
    o.alloc_ud = &f;
    st = pmml_model_load_memory(text, strlen(text), &o, &m, &e);
    if (st == PMML_OK) {
      succeeded = 1;
      pmml_model_free(m);
    } else {
      CU_ASSERT_EQUAL(st, PMML_E_NOMEM);
      CU_ASSERT_PTR_NULL(m);
    }
    CU_ASSERT_EQUAL(f.live, 0);
  }
  CU_ASSERT(succeeded);
}

#define CHECK(text, in, out, want)                                           \
  do {                                                                       \
    const char *got_ = score((text), (in), (out));                           \
    if (strcmp(got_, (want)) != 0)                                           \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want '%s'\n",          \
              __FILE__, __LINE__, (in), (out), got_, (want));                \
    CU_ASSERT_STRING_EQUAL(got_, (want));                                    \
  } while (0)

/* A number within a relative 1e-14 of 'want'. */
#define CHECKN(text, in, out, want)                                          \
  do {                                                                       \
    const char *got_ = score((text), (in), (out));                           \
    double g_ = strtod(got_, NULL), w_ = (want);                             \
    int ok_ = fabs(g_ - w_) <= 1e-14 * fabs(w_) && got_[0] != 'E' &&         \
              got_[0] != '<';                                                \
    if (!ok_)                                                                \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want %.17g\n",         \
              __FILE__, __LINE__, (in), (out), got_, w_);                    \
    CU_ASSERT(ok_);                                                          \
  } while (0)

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
