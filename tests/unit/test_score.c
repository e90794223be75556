/*
** test_score.c: scoring through the public API, on small documents whose
** results are worked out by hand in the comments. The data side (missing
** and invalid treatments, outliers, transformations, functions, Targets,
** Output features), trees (every missing-value and no-true-child strategy)
** and regressions (every normalization).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
#define DD_XY                                                                \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\">"         \
  "<Interval closure=\"closedClosed\" leftMargin=\"0\" rightMargin=\"10\"/>" \
  "<Value value=\"-1\" property=\"missing\"/></DataField>"                   \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"red\" displayValue=\"Red\"/><Value value=\"blue\"/>"       \
  "<Value value=\"bad\" property=\"invalid\"/></DataField>"                  \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"no\" displayValue=\"No!\"/><Value value=\"yes\"/>"         \
  "</DataField></DataDictionary>\n"

/* A regression y = 2*x + 1 with the MiningField attributes 'mf'. */
static char *
lin(const char *mf)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD_XY
           "<RegressionModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"x\" %s/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<RegressionTable intercept=\"1\">"
           "<NumericPredictor name=\"x\" coefficient=\"2\"/>"
           "</RegressionTable></RegressionModel></PMML>",
           mf);
  return doc;
}

static void
test_treatments(void)
{
  CHECK(lin(""), "x=3", "y", "7");
  CHECK(lin(""), "x=#3", "y", "7");
  /* Missing: no replacement, no prediction. */
  CHECK(lin(""), "x=?", "y", "<missing>");
  /* Value property="missing": -1 means missing. */
  CHECK(lin("missingValueReplacement=\"4\""), "x=-1", "y", "9");
  CHECK(lin("missingValueReplacement=\"4\""), "x=?", "y", "9");
  CHECK(lin("missingValueTreatment=\"returnInvalid\""), "x=?", "y",
        "ERR:field 'x' is missing (missingValueTreatment=\"returnInvalid\")");
  /* Invalid: 11 is outside [0, 10]; "abc" is not a double. */
  CHECK(lin(""), "x=11", "y", "ERR:field 'x': invalid value '11'");
  CHECK(lin(""), "x=abc", "y", "ERR:field 'x': invalid value 'abc'");
  /* Control bytes of the value are escaped: a message is one line. */
  CHECK(lin(""), "x=a\nb\x1b[0m", "y",
        "ERR:field 'x': invalid value 'a\\nb\\x1b[0m'");
  CHECK(lin("invalidValueTreatment=\"asIs\""), "x=11", "y", "23");
  /* returnInvalid fails the record even when its path does not read the
     field: the first child decides on c alone (JPMML prepares every
     input). */
  {
    static const char tree[] =
        HEAD DD_XY
        "<TreeModel functionName=\"regression\"><MiningSchema>"
        "<MiningField name=\"x\"/><MiningField name=\"c\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<Node score=\"0\"><True/>"
        "<Node score=\"1\"><SimplePredicate field=\"c\" operator=\"equal\""
        " value=\"red\"/></Node>"
        "<Node score=\"2\"><SimplePredicate field=\"x\" "
        "operator=\"greaterThan\" value=\"5\"/></Node>"
        "</Node></TreeModel></PMML>";
    CHECK(tree, "c=red,x=3", "y", "1");
    CHECK(tree, "c=red,x=abc", "y", "ERR:field 'x': invalid value 'abc'");
    CHECK(tree, "c=red,x=?", "y", "1");
  }
  /* Text that reads as NaN is no value a model can use: invalid (JPMML
     refuses it too), unless the field declares it missing. The number NaN
     is the C API's missing value (pmml_ctx_set_numbers says so). */
  CHECK(lin(""), "x=NaN", "y", "ERR:field 'x': invalid value 'NaN'");
  CHECK(lin(""), "x=#nan", "y", "<missing>");
  CHECK(lin("invalidValueTreatment=\"asMissing\" "
            "missingValueReplacement=\"2\""),
        "x=nan", "y", "5");
  {
    /* The same with <Value value="NaN" property="missing"/>. */
    char doc[4096], *at;
    const char *in = lin("missingValueReplacement=\"4\"");
    at = strstr(in, "value=\"-1\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    snprintf(doc, sizeof doc, "%.*svalue=\"NaN\"%s", (int)(at - in), in,
             at + 10);
    CHECK(doc, "x=NaN", "y", "9");
    CHECK(doc, "x=#nan", "y", "9");
    CHECK(doc, "x=-1", "y", "ERR:field 'x': invalid value '-1'");
  }
  CHECK(lin("invalidValueTreatment=\"asMissing\""), "x=11", "y",
        "<missing>");
  CHECK(lin("invalidValueTreatment=\"asMissing\" "
            "missingValueReplacement=\"2\""),
        "x=11", "y", "5");
  CHECK(lin("invalidValueTreatment=\"asValue\" "
            "invalidValueReplacement=\"0.5\""),
        "x=11", "y", "2");
  /* Outliers outside [2, 8]. */
  CHECK(lin("outliers=\"asExtremeValues\" lowValue=\"2\" highValue=\"8\""),
        "x=1", "y", "5");
  CHECK(lin("outliers=\"asExtremeValues\" lowValue=\"2\" highValue=\"8\""),
        "x=9", "y", "17");
  CHECK(lin("outliers=\"asExtremeValues\" lowValue=\"2\" highValue=\"8\""),
        "x=5", "y", "11");
  CHECK(lin("outliers=\"asMissingValues\" lowValue=\"2\" highValue=\"8\" "
            "missingValueReplacement=\"3\""),
        "x=9", "y", "7");
}

/* A regression y = 1 * z where z is the DerivedField 'expr'. */
static char *
derived(const char *expr)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD_XY
           "<TransformationDictionary>"
           "<DefineFunction name=\"twice\" optype=\"continuous\" "
           "dataType=\"double\"><ParameterField name=\"p\"/>"
           "<Apply function=\"*\"><FieldRef field=\"p\"/>"
           "<Constant>2</Constant></Apply></DefineFunction>"
           "<DerivedField name=\"z\" optype=\"continuous\" "
           "dataType=\"double\">%s</DerivedField>"
           "</TransformationDictionary>"
           "<RegressionModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"x\" invalidValueTreatment=\"asIs\"/>"
           "<MiningField name=\"c\" invalidValueTreatment=\"asIs\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<RegressionTable intercept=\"0\">"
           "<NumericPredictor name=\"z\" coefficient=\"1\"/>"
           "</RegressionTable></RegressionModel></PMML>",
           expr);
  return doc;
}

static void
test_transformations(void)
{
  char e[1024];
  /* NormContinuous with the attributes 'attrs'. */
#define NC(attrs)                                                            \
  snprintf(e, sizeof e,                                                      \
           "<NormContinuous field=\"x\" mapMissingTo=\"-5\" %s>"           \
           "<LinearNorm orig=\"0\" norm=\"0\"/>"                             \
           "<LinearNorm orig=\"4\" norm=\"1\"/>"                             \
           "<LinearNorm orig=\"8\" norm=\"3\"/></NormContinuous>",           \
           attrs)
  NC("");
  /* 2 -> 0.5; 6 -> 1 + (6-4)/4*2 = 2; 10 (beyond) -> extrapolated 4. */
  CHECK(derived(e), "x=2", "y", "0.5");
  CHECK(derived(e), "x=6", "y", "2");
  CHECK(derived(e), "x=10", "y", "4");
  CHECK(derived(e), "x=?", "y", "-5");
  NC("outliers=\"asExtremeValues\"");
  CHECK(derived(e), "x=10", "y", "3");
  NC("outliers=\"asMissingValues\"");
  CHECK(derived(e), "x=10", "y", "<missing>");
#undef NC
  CHECK(derived("<NormDiscrete field=\"c\" value=\"red\"/>"), "c=red", "y",
        "1");
  CHECK(derived("<NormDiscrete field=\"c\" value=\"red\"/>"), "c=blue", "y",
        "0");
  CHECK(derived("<NormDiscrete field=\"c\" value=\"red\" mapMissingTo=\"7\"/>"),
        "c=?", "y", "7");
  {
    const char *disc =
        "<Discretize field=\"x\" mapMissingTo=\"-1\" defaultValue=\"99\">"
        "<DiscretizeBin binValue=\"10\"><Interval closure=\"closedOpen\" "
        "rightMargin=\"3\"/></DiscretizeBin>"
        "<DiscretizeBin binValue=\"20\"><Interval closure=\"closedOpen\" "
        "leftMargin=\"3\" rightMargin=\"6\"/></DiscretizeBin></Discretize>";
    CHECK(derived(disc), "x=2.9", "y", "10");
    CHECK(derived(disc), "x=3", "y", "20");
    CHECK(derived(disc), "x=6", "y", "99");
    CHECK(derived(disc), "x=?", "y", "-1");
  }
  {
    const char *mv =
        "<MapValues outputColumn=\"out\" defaultValue=\"0\" "
        "mapMissingTo=\"-1\"><FieldColumnPair field=\"c\" column=\"in\"/>"
        "<InlineTable><row><in>red</in><out>1.5</out></row>"
        "<row><in>blue</in><out>2.5</out></row></InlineTable></MapValues>";
    CHECK(derived(mv), "c=blue", "y", "2.5");
    CHECK(derived(mv), "c=?", "y", "-1");
    /* 'green' is not a valid value of c (asIs keeps it): no row matches. */
    CHECK(derived(mv), "c=green", "y", "0");
  }
  /* Apply, mapMissingTo, defaultValue, a DefineFunction, if. */
  CHECK(derived("<Apply function=\"+\"><FieldRef field=\"x\"/>"
                "<Constant>0.25</Constant></Apply>"),
        "x=1", "y", "1.25");
  CHECK(derived("<Apply function=\"+\" mapMissingTo=\"42\">"
                "<FieldRef field=\"x\"/><Constant>1</Constant></Apply>"),
        "x=?", "y", "42");
  CHECK(derived("<Apply function=\"twice\"><FieldRef field=\"x\"/></Apply>"),
        "x=3.5", "y", "7");
  CHECK(derived("<Apply function=\"if\"><Apply function=\"greaterThan\">"
                "<FieldRef field=\"x\"/><Constant>5</Constant></Apply>"
                "<Constant>1</Constant><Constant>2</Constant></Apply>"),
        "x=6", "y", "1");
  CHECK(derived("<Apply function=\"if\"><Apply function=\"greaterThan\">"
                "<FieldRef field=\"x\"/><Constant>5</Constant></Apply>"
                "<Constant>1</Constant><Constant>2</Constant></Apply>"),
        "x=4", "y", "2");
  /* if without else, false: missing, then the defaultValue. */
  CHECK(derived("<Apply function=\"if\" defaultValue=\"8\">"
                "<Apply function=\"isMissing\"><FieldRef field=\"x\"/></Apply>"
                "<Constant>1</Constant></Apply>"),
        "x=4", "y", "8");
  /* isValid sees the invalid flag kept by asIs. */
  CHECK(derived("<Apply function=\"if\"><Apply function=\"isValid\">"
                "<FieldRef field=\"x\"/></Apply><Constant>1</Constant>"
                "<Constant>0</Constant></Apply>"),
        "x=12", "y", "0");
  /* Division by zero has no valid result: returnInvalid fails the record. */
  CHECK(derived("<Apply function=\"/\"><Constant>0</Constant>"
                "<Constant>0</Constant></Apply>"),
        "x=1", "y", "ERR:function '/' has no valid result for these arguments");
  CHECK(derived("<Apply function=\"/\" invalidValueTreatment=\"asMissing\" "
                "defaultValue=\"3\"><Constant>0</Constant>"
                "<Constant>0</Constant></Apply>"),
        "x=1", "y", "3");
}

/* A classification tree on x with strategy attributes 'attrs'. */
static char *
tree(const char *attrs)
{
  static char doc[8192];
  snprintf(doc, sizeof doc,
           HEAD DD_XY
           "<TreeModel functionName=\"classification\" %s><MiningSchema>"
           "<MiningField name=\"x\" invalidValueTreatment=\"asIs\"/>"
           "<MiningField name=\"c\"/>"
           "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
           "<Output><OutputField name=\"pk\" optype=\"categorical\" "
           "dataType=\"string\" feature=\"predictedValue\"/>"
           "<OutputField name=\"disp\" optype=\"categorical\" "
           "dataType=\"string\" feature=\"predictedDisplayValue\"/>"
           "<OutputField name=\"pyes\" optype=\"continuous\" "
           "dataType=\"double\" feature=\"probability\" value=\"yes\"/>"
           "<OutputField name=\"node\" optype=\"categorical\" "
           "dataType=\"string\" feature=\"entityId\"/>"
           "<OutputField name=\"hidden\" feature=\"probability\" value=\"no\" "
           "isFinalResult=\"false\"/>"
           "<OutputField name=\"twice\" optype=\"continuous\" "
           "dataType=\"double\" feature=\"transformedValue\">"
           "<Apply function=\"*\"><FieldRef field=\"hidden\"/>"
           "<Constant>2</Constant></Apply></OutputField>"
           "</Output>"
           "<Node id=\"root\" score=\"no\" recordCount=\"10\" "
           "defaultChild=\"R\"><True/>"
           "<ScoreDistribution value=\"no\" recordCount=\"6\"/>"
           "<ScoreDistribution value=\"yes\" recordCount=\"4\"/>"
           " <Node id=\"L\" score=\"no\" recordCount=\"5\">"
           " <SimplePredicate field=\"x\" operator=\"lessThan\" value=\"5\"/>"
           " <ScoreDistribution value=\"no\" recordCount=\"4\"/>"
           " <ScoreDistribution value=\"yes\" recordCount=\"1\"/></Node>"
           " <Node id=\"R\" score=\"yes\" recordCount=\"5\">"
           " <SimplePredicate field=\"x\" operator=\"greaterThan\" "
           "value=\"6\"/>"
           " <ScoreDistribution value=\"no\" recordCount=\"2\"/>"
           " <ScoreDistribution value=\"yes\" recordCount=\"3\"/></Node>"
           "</Node></TreeModel></PMML>",
           attrs);
  return doc;
}

static void
test_tree(void)
{
  const char *t = tree("missingValueStrategy=\"none\"");
  CHECK(t, "x=1", "k", "no");
  CHECK(t, "x=1", "pyes", "0.2");
  CHECK(t, "x=1", "node", "L");
  CHECK(t, "x=1", "disp", "No!");
  CHECK(t, "x=7", "disp", "yes");
  CHECK(t, "x=7", "pyes", "0.6");
  CHECK(t, "x=7", "twice", "0.8");
  /* 'hidden' is not a final result: not an output column. */
  CHECK(t, "x=7", "hidden", "ERR:no output hidden");
  /* 5.5 is in neither child: noTrueChildStrategy (default null). */
  CHECK(t, "x=5.5", "k", "<missing>");
  CHECK(tree("noTrueChildStrategy=\"returnLastPrediction\""), "x=5.5", "k",
        "no");
  CHECK(tree("noTrueChildStrategy=\"returnLastPrediction\""), "x=5.5",
        "pyes", "0.4");
  /* Missing x under each strategy. */
  CHECK(tree("missingValueStrategy=\"none\""), "x=?", "k", "<missing>");
  CHECK(tree("missingValueStrategy=\"lastPrediction\""), "x=?", "k", "no");
  CHECK(tree("missingValueStrategy=\"lastPrediction\""), "x=?", "node",
        "root");
  CHECK(tree("missingValueStrategy=\"nullPrediction\""), "x=?", "k",
        "<missing>");
  CHECK(tree("missingValueStrategy=\"defaultChild\""), "x=?", "node", "R");
  /* weightedConfidence: (5/10)*(1/5) + (5/10)*(3/5) = 0.4 for yes. */
  CHECK(tree("missingValueStrategy=\"weightedConfidence\""), "x=?", "pyes",
        "0.4");
  CHECK(tree("missingValueStrategy=\"weightedConfidence\""), "x=?", "k",
        "no");
  /* aggregateNodes: counts 4+2 no, 1+3 yes: 0.4 yes. */
  CHECK(tree("missingValueStrategy=\"aggregateNodes\""), "x=?", "pyes",
        "0.4");
}

/* A classification regression on x with normalization 'norm'. */
static char *
logit(const char *norm, const char *optype)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD
           "<DataDictionary>"
           "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"k\" optype=\"%s\" dataType=\"string\">"
           "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"
           "</DataField></DataDictionary>"
           "<RegressionModel functionName=\"classification\" "
           "normalizationMethod=\"%s\"><MiningSchema>"
           "<MiningField name=\"x\"/>"
           "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
           "<Output><OutputField name=\"pa\" feature=\"probability\" "
           "value=\"a\"/><OutputField name=\"pb\" feature=\"probability\" "
           "value=\"b\"/><OutputField name=\"pc\" feature=\"probability\" "
           "value=\"c\"/></Output>"
           "<RegressionTable intercept=\"0\" targetCategory=\"a\">"
           "<NumericPredictor name=\"x\" coefficient=\"1\"/></RegressionTable>"
           "<RegressionTable intercept=\"1\" targetCategory=\"b\">"
           "</RegressionTable>"
           "<RegressionTable intercept=\"0\" targetCategory=\"c\">"
           "</RegressionTable></RegressionModel></PMML>",
           optype, norm);
  return doc;
}

static void
test_regression(void)
{
  char buf[64];
  /* softmax of (x, 1, 0) at x = 0: e^0, e^1, e^0 over their sum. */
  double s = 1 + exp(1.0) + 1;
  snprintf(buf, sizeof buf, "%.17g", exp(1.0) / s);
  CHECK(logit("softmax", "categorical"), "x=0", "k", "b");
  {
    const char *got = score(logit("softmax", "categorical"), "x=0", "pb");
    CU_ASSERT_DOUBLE_EQUAL(atof(got), exp(1.0) / s, 1e-15);
  }
  /* simplemax of (2, 1, 0): 2/3, 1/3, 0. */
  CHECK(logit("simplemax", "categorical"), "x=2", "k", "a");
  {
    const char *got = score(logit("simplemax", "categorical"), "x=2", "pa");
    CU_ASSERT_DOUBLE_EQUAL(atof(got), 2.0 / 3.0, 1e-15);
  }
  /* none with three categories: the last takes 1 - 0.25 - 1. */
  CHECK(logit("none", "categorical"), "x=0.25", "pc", "-0.25");
  /* Ordinal logit: cumulative F(x), F(1); x = 0: 0.5, then
  ** 1/(1+e^-1) - 0.5, then 1 - 1/(1+e^-1). */
  {
    const char *got = score(logit("logit", "ordinal"), "x=0", "pb");
    CU_ASSERT_DOUBLE_EQUAL(atof(got), 1 / (1 + exp(-1.0)) - 0.5, 1e-15);
    got = score(logit("logit", "ordinal"), "x=0", "pa");
    CU_ASSERT_DOUBLE_EQUAL(atof(got), 0.5, 1e-15);
  }
  /* logit with three categorical targets has no probabilities. */
  CU_ASSERT_PTR_NOT_NULL(
      strstr(score(logit("logit", "categorical"), "x=0", "k"),
             "not define probabilities"));
}

/* Targets: rescale, clip, cast, defaults and priors. */
static void
test_targets(void)
{
  char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD_XY
           "<RegressionModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"x\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<Targets><Target field=\"y\" rescaleFactor=\"10\" "
           "rescaleConstant=\"0.3\" max=\"0.5\" castInteger=\"round\">"
           "<TargetValue defaultValue=\"-7\"/></Target></Targets>"
           "<RegressionTable intercept=\"0\">"
           "<NumericPredictor name=\"x\" coefficient=\"0.1\"/>"
           "</RegressionTable></RegressionModel></PMML>");
  /* 0.1*1 = 0.1 -> *10 + 0.3 = 1.3 -> round 1. */
  CHECK(doc, "x=1", "y", "1");
  /* 0.1*5 = 0.5 -> 5.3 -> 5; 0.99 is clipped to 0.5 first -> 5. */
  CHECK(doc, "x=5", "y", "5");
  CHECK(doc, "x=9.9", "y", "5");
  CHECK(doc, "x=?", "y", "-7");
}

/* Dates: typed inputs, date functions, dateDaysSince[] types. */
static void
test_dates(void)
{
  char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD
           "<DataDictionary>"
           "<DataField name=\"d\" optype=\"continuous\" dataType=\"date\"/>"
           "<DataField name=\"s\" optype=\"continuous\" "
           "dataType=\"dateDaysSince[1960]\"/>"
           "<DataField name=\"t\" optype=\"continuous\" "
           "dataType=\"dateTime\"/>"
           "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
           "</DataDictionary>"
           "<TransformationDictionary>"
           "<DerivedField name=\"days\" optype=\"continuous\" "
           "dataType=\"integer\"><Apply function=\"dateDaysSinceYear\">"
           "<FieldRef field=\"d\"/><Constant>1970</Constant></Apply>"
           "</DerivedField>"
           "<DerivedField name=\"secs\" optype=\"continuous\" "
           "dataType=\"integer\"><Apply function=\"dateSecondsSinceMidnight\">"
           "<FieldRef field=\"t\"/></Apply></DerivedField>"
           "</TransformationDictionary>"
           "<RegressionModel functionName=\"regression\"><MiningSchema>"
           "<MiningField name=\"d\"/><MiningField name=\"s\"/>"
           "<MiningField name=\"t\"/>"
           "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
           "<Output><OutputField name=\"days\" feature=\"transformedValue\">"
           "<FieldRef field=\"days\"/></OutputField>"
           "<OutputField name=\"s2\" feature=\"transformedValue\">"
           "<FieldRef field=\"s\"/></OutputField>"
           "<OutputField name=\"secs\" feature=\"transformedValue\">"
           "<FieldRef field=\"secs\"/></OutputField></Output>"
           "<RegressionTable intercept=\"0\">"
           "<NumericPredictor name=\"days\" coefficient=\"1\"/>"
           "</RegressionTable></RegressionModel></PMML>");
  /* 1970-01-01 + 31 + 28 days (1970 is no leap year) = 1970-03-01. */
  CHECK(doc, "d=1970-03-01,s=1960-01-03,t=2020-01-01T10:20:30", "days",
        "59");
  CHECK(doc, "d=1970-03-01,s=1960-01-03,t=2020-01-01T10:20:30", "y", "59");
  /* 2 days after 1960-01-01. */
  CHECK(doc, "d=1970-03-01,s=1960-01-03,t=2020-01-01T10:20:30", "s2", "2");
  /* 10:20:30 is 37230 seconds after midnight. */
  CHECK(doc, "d=1970-03-01,s=1960-01-03,t=2020-01-01T10:20:30", "secs",
        "37230");
  /* 2000 is a leap year: 2000-03-01 is day 11017 since 1970. */
  CHECK(doc, "d=2000-03-01,s=1960-01-03,t=2020-01-01T10:20:30", "days",
        "11017");
  /* Not a date: invalid, and returnInvalid by default. */
  CHECK(doc, "d=2000-13-01,s=1960-01-03,t=2020-01-01T10:20:30", "days",
        "ERR:field 'd': invalid value '2000-13-01'");
}

void add_score_suite(void);

void
add_score_suite(void)
{
  CU_pSuite s = CU_add_suite("score", NULL, NULL);
  CU_add_test(s, "MiningField treatments", test_treatments);
  CU_add_test(s, "transformations and functions", test_transformations);
  CU_add_test(s, "TreeModel strategies and outputs", test_tree);
  CU_add_test(s, "RegressionModel normalizations", test_regression);
  CU_add_test(s, "Targets", test_targets);
  CU_add_test(s, "dates", test_dates);
}
