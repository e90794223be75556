/*
** test_genreg.c: GeneralRegressionModel through the public API, one small
** document per modelType and link function, the expected values worked out
** by hand in the comments (eta is the linear predictor, mu the inverse link
** of eta). Also the PPMatrix (factor levels, covariate powers,
** interactions, category-specific cells), contrast matrices, offsets and
** trials, the reference category, Cox baseline strata, missing values and
** the documents the model refuses.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"
/* x, z, n, off, t: numbers; c: a, b, c; f: any text; s: strata; y: the
** regression target; k: lo < mid < hi; b: no, yes. */
#define DD                                                                   \
  "<DataDictionary>"                                                         \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"n\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"off\" optype=\"continuous\" dataType=\"double\"/>"      \
  "<DataField name=\"t\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/></DataField>" \
  "<DataField name=\"f\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"        \
  "<DataField name=\"k\" optype=\"ordinal\" dataType=\"string\">"            \
  "<Value value=\"lo\"/><Value value=\"mid\"/><Value value=\"hi\"/>"         \
  "</DataField>"                                                             \
  "<DataField name=\"b\" optype=\"categorical\" dataType=\"string\">"        \
  "<Value value=\"no\"/><Value value=\"yes\"/></DataField>"                  \
  "</DataDictionary>\n"
#define MS(target, fields)                                                   \
  "<MiningSchema><MiningField name=\"" target "\" usageType=\"target\"/>"    \
  fields "</MiningSchema>"
#define MF(name) "<MiningField name=\"" name "\"/>"

/* The output must be the number 'want' to 1e-12 (relative): looser than
** support.h's CHECKN (1e-14), and the whole text must be that number. */
#define CHECKG(doc, in, out, want)                                           \
  do {                                                                       \
    const char *got_ = score((doc), (in), (out));                            \
    char *end_;                                                              \
    double g_ = strtod(got_, &end_), w_ = (want);                            \
    int ok_ = *got_ && !*end_ && fabs(g_ - w_) <= 1e-12 * fabs(w_) + 1e-300; \
    if (!ok_)                                                                \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want %.17g\n",         \
              __FILE__, __LINE__, (in), (out), got_, w_);                    \
    CU_ASSERT(ok_);                                                          \
  } while (0)

/* Loading must fail with a message containing 'want'. */
#define REFUSED(doc, want)                                                   \
  do {                                                                       \
    const char *got_ = score((doc), "", "y");                                \
    int ok_ = !strncmp(got_, "ERR:", 4) && strstr(got_, (want)) != NULL;     \
    if (!ok_)                                                                \
      fprintf(stderr, "\n  %s:%d: got '%s', want an error with '%s'\n",      \
              __FILE__, __LINE__, got_, (want));                             \
    CU_ASSERT(ok_);                                                          \
  } while (0)

static const char *subst(const char *doc, const char *from, const char *to);

/* ------------------------------------------------------------------------ */
/* regression and generalLinear: the PPMatrix                               */

/*
** y = 1 + 2x + 3[c=b] + 0.5x^2 - 1[c=b]z (p4 is an interaction: two
** PPCells). 'type' is the modelType.
*/
static char *
linear(const char *type)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"%s\" "
           "functionName=\"regression\">" MS("y", MF("x") MF("z") MF("c"))
           "<Output><OutputField name=\"pred\" feature=\"predictedValue\"/>"
           "</Output>"
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "<Parameter name=\"p2\"/><Parameter name=\"p3\"/>"
           "<Parameter name=\"p4\"/></ParameterList>"
           "<FactorList><Predictor name=\"c\"/></FactorList>"
           "<CovariateList><Predictor name=\"x\"/><Predictor name=\"z\"/>"
           "</CovariateList>"
           "<PPMatrix>"
           "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p1\"/>"
           "<PPCell value=\"b\" predictorName=\"c\" parameterName=\"p2\"/>"
           "<PPCell value=\"2\" predictorName=\"x\" parameterName=\"p3\"/>"
           "<PPCell value=\"1\" predictorName=\"z\" parameterName=\"p4\"/>"
           "<PPCell value=\"b\" predictorName=\"c\" parameterName=\"p4\"/>"
           "</PPMatrix>"
           "<ParamMatrix>"
           "<PCell parameterName=\"p0\" beta=\"1\" df=\"1\"/>"
           "<PCell parameterName=\"p1\" beta=\"2\"/>"
           "<PCell parameterName=\"p2\" beta=\"3\"/>"
           "<PCell parameterName=\"p3\" beta=\"0.5\"/>"
           "<PCell parameterName=\"p4\" beta=\"-1\"/>"
           "</ParamMatrix></GeneralRegressionModel></PMML>",
           type);
  return doc;
}

static void
test_linear(void)
{
  /* x=2, c=b, z=4: 1 + 4 + 3 + 0.5*4 - 1*4 = 6 */
  CHECK(linear("regression"), "x=2,c=b,z=4", "y", "6");
  CHECK(linear("regression"), "x=2,c=b,z=4", "pred", "6");
  /* x=2, c=a, z=4: 1 + 4 + 0 + 2 - 0 = 7 */
  CHECK(linear("generalLinear"), "x=2,c=a,z=4", "y", "7");
  /* z is not read when [c=b] already made p4's product 0. */
  CHECK(linear("generalLinear"), "x=2,c=a,z=?", "y", "7");
  /* A missing value the prediction needs: no prediction. */
  CHECK(linear("generalLinear"), "x=2,c=b,z=?", "y", "<missing>");
  CHECK(linear("regression"), "x=?,c=a,z=1", "y", "<missing>");
  CHECK(linear("regression"), "x=1,c=?,z=1", "y", "<missing>");
  /* x=-1, c=c, z=0: 1 - 2 + 0 + 0.5 - 0 = -0.5 */
  CHECK(linear("regression"), "x=-1,c=c,z=0", "y", "-0.5");
}

/* ------------------------------------------------------------------------ */
/* generalizedLinear regression: every link function                        */

/* mu = link^-1(x + offset) * trials, eta = 0 + 1*x. 'attrs' adds the link
** and its parameters to the model element. */
static char *
glm(const char *attrs)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"generalizedLinear\" "
           "functionName=\"regression\" %s>"
           MS("y", MF("x") MF("off") MF("n"))
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "</ParameterList>"
           "<CovariateList><Predictor name=\"x\"/></CovariateList>"
           "<PPMatrix>"
           "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p1\"/>"
           "</PPMatrix>"
           "<ParamMatrix>"
           "<PCell parameterName=\"p0\" beta=\"0\"/>"
           "<PCell parameterName=\"p1\" beta=\"1\"/>"
           "</ParamMatrix></GeneralRegressionModel></PMML>",
           attrs);
  return doc;
}

static void
test_links(void)
{
  /* identity: mu = eta */
  CHECK(glm("linkFunction=\"identity\""), "x=2", "y", "2");
  /* log: mu = exp(1) = e */
  CHECKG(glm("linkFunction=\"log\""), "x=1", "y", 2.718281828459045);
  CHECK(glm("linkFunction=\"log\""), "x=0", "y", "1");
  /* logit: 1/(1+exp(0)) = 0.5 */
  CHECK(glm("linkFunction=\"logit\""), "x=0", "y", "0.5");
  /* probit: Phi(0) = 0.5; Phi(1) = 0.8413447460685429 */
  CHECK(glm("linkFunction=\"probit\""), "x=0", "y", "0.5");
  CHECKG(glm("linkFunction=\"probit\""), "x=1", "y", 0.8413447460685429);
  /* cloglog: 1 - exp(-exp(0)) = 1 - 1/e */
  CHECKG(glm("linkFunction=\"cloglog\""), "x=0", "y", 0.6321205588285577);
  /* loglog: exp(-exp(-0)) = 1/e */
  CHECKG(glm("linkFunction=\"loglog\""), "x=0", "y", 0.36787944117144233);
  /* logc: 1 - exp(eta); eta = -ln 2 gives 1 - 1/2 */
  CHECKG(glm("linkFunction=\"logc\""), "x=-0.6931471805599453", "y", 0.5);
  CHECK(glm("linkFunction=\"logc\""), "x=0", "y", "0");
  /* negbin, c = 2: 1/(c (exp(-eta) - 1)); eta = -ln 2: 1/(2 (2 - 1)) */
  CHECKG(glm("linkFunction=\"negbin\" distribution=\"negbin\" "
             "distParameter=\"2\""),
         "x=-0.6931471805599453", "y", 0.5);
  /* power, a = 2: eta^(1/2); a = 0: exp(eta) */
  CHECK(glm("linkFunction=\"power\" linkParameter=\"2\""), "x=9", "y", "3");
  CHECK(glm("linkFunction=\"power\" linkParameter=\"-1\""), "x=4", "y",
        "0.25");
  CHECKG(glm("linkFunction=\"power\" linkParameter=\"0\""), "x=1", "y",
         2.718281828459045);
  /* oddspower, d = 1: 1/(1 + (1 + d eta)^(-1/d)); eta = 1: 1/(1 + 1/2);
  ** d = 0: the logistic function */
  CHECKG(glm("linkFunction=\"oddspower\" linkParameter=\"1\""), "x=1", "y",
         2.0 / 3.0);
  CHECK(glm("linkFunction=\"oddspower\" linkParameter=\"0\""), "x=0", "y",
        "0.5");
  /* cauchit: 0.5 + atan(1)/pi = 0.75 */
  CHECKG(glm("linkFunction=\"cauchit\""), "x=1", "y", 0.75);
  /* Offsets: identity of 2 + 1 = 3; of 2 + off = 2 + 0.5 */
  CHECK(glm("linkFunction=\"identity\" offsetValue=\"1\""), "x=2", "y", "3");
  CHECK(glm("linkFunction=\"identity\" offsetVariable=\"off\""),
        "x=2,off=0.5", "y", "2.5");
  CHECK(glm("linkFunction=\"identity\" offsetVariable=\"off\""),
        "x=2,off=?", "y", "<missing>");
  /* Trials multiply the mean: logit(0) * 3 = 1.5; * n = 4 gives 2 */
  CHECK(glm("linkFunction=\"logit\" distribution=\"binomial\" "
            "trialsValue=\"3\""),
        "x=0", "y", "1.5");
  CHECK(glm("linkFunction=\"logit\" distribution=\"binomial\" "
            "trialsVariable=\"n\""),
        "x=0,n=4", "y", "2");
  /* log with offset ln 2: exp(0 + ln 2) = 2 */
  CHECKG(glm("linkFunction=\"log\" offsetValue=\"0.6931471805599453\""),
         "x=0", "y", 2.0);
}

/* ------------------------------------------------------------------------ */
/* multinomialLogistic                                                      */

/* k in lo, mid, hi; eta_lo = x, eta_mid = -x, hi the reference (it has no
** PCell). 'attrs' goes on the model element, 'extra' in the Output. */
static char *
multinom(const char *attrs, const char *pp_extra)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"multinomialLogistic\" "
           "functionName=\"classification\" %s>" MS("k", MF("x") MF("z"))
           "<Output>"
           "<OutputField name=\"p_lo\" feature=\"probability\" value=\"lo\"/>"
           "<OutputField name=\"p_mid\" feature=\"probability\" "
           "value=\"mid\"/>"
           "<OutputField name=\"p_hi\" feature=\"probability\" value=\"hi\"/>"
           "</Output>"
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "</ParameterList>"
           "<CovariateList><Predictor name=\"x\"/><Predictor name=\"z\"/>"
           "</CovariateList>"
           "<PPMatrix>"
           "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p1\"/>%s"
           "</PPMatrix>"
           "<ParamMatrix>"
           "<PCell targetCategory=\"lo\" parameterName=\"p0\" beta=\"0\"/>"
           "<PCell targetCategory=\"lo\" parameterName=\"p1\" beta=\"1\"/>"
           "<PCell targetCategory=\"mid\" parameterName=\"p0\" beta=\"0\"/>"
           "<PCell targetCategory=\"mid\" parameterName=\"p1\" beta=\"-1\"/>"
           "</ParamMatrix></GeneralRegressionModel></PMML>",
           attrs, pp_extra);
  return doc;
}

static void
test_multinomial(void)
{
  const char *in = "x=0.6931471805599453";
  /* x = ln 2: exp(eta) = 2, 1/2, 1 (hi); sum 3.5: 4/7, 1/7, 2/7 */
  CHECKG(multinom("", ""), in, "p_lo", 4.0 / 7.0);
  CHECKG(multinom("", ""), in, "p_mid", 1.0 / 7.0);
  CHECKG(multinom("", ""), in, "p_hi", 2.0 / 7.0);
  CHECK(multinom("", ""), in, "k", "lo");
  /* The same reference, named. */
  CHECKG(multinom("targetReferenceCategory=\"hi\"", ""), in, "p_hi",
         2.0 / 7.0);
  /* x = -ln 2: 1/2, 2, 1: mid wins with 4/7. */
  CHECK(multinom("", ""), "x=-0.6931471805599453", "k", "mid");
  /* x = 0: all 1/3; a tie goes to the first category. */
  CHECKG(multinom("", ""), "x=0", "p_mid", 1.0 / 3.0);
  CHECK(multinom("", ""), "x=0", "k", "lo");
  CHECK(multinom("", ""), "x=?", "k", "<missing>");
  /* A PPMatrix of its own for mid: its p1 reads z, lo's still reads x.
  ** x = ln 2, z = 0: exp(eta) = 2, 1, 1: 1/2, 1/4, 1/4. */
  CHECKG(multinom("",
                  "<PPCell value=\"1\" predictorName=\"z\" "
                  "parameterName=\"p1\" targetCategory=\"mid\"/>"),
         "x=0.6931471805599453,z=0", "p_mid", 0.25);
  CHECKG(multinom("",
                  "<PPCell value=\"1\" predictorName=\"z\" "
                  "parameterName=\"p1\" targetCategory=\"mid\"/>"),
         "x=0.6931471805599453,z=0", "p_lo", 0.5);
}

/* ------------------------------------------------------------------------ */
/* generalizedLinear classification (binary)                                */

/* b in no, yes: mu(yes) = link^-1(x), P(no) = 1 - mu. 'cells' are the
** PCells. */
static char *
binary(const char *attrs, const char *cells)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"generalizedLinear\" "
           "functionName=\"classification\" %s>" MS("b", MF("x"))
           "<Output>"
           "<OutputField name=\"p_no\" feature=\"probability\" value=\"no\"/>"
           "<OutputField name=\"p_yes\" feature=\"probability\" "
           "value=\"yes\"/></Output>"
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "</ParameterList>"
           "<CovariateList><Predictor name=\"x\"/></CovariateList>"
           "<PPMatrix>"
           "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p1\"/>"
           "</PPMatrix><ParamMatrix>%s</ParamMatrix>"
           "</GeneralRegressionModel></PMML>",
           attrs, cells);
  return doc;
}

static void
test_binary(void)
{
  const char *yes = "<PCell targetCategory=\"yes\" parameterName=\"p0\" "
                    "beta=\"0\"/><PCell targetCategory=\"yes\" "
                    "parameterName=\"p1\" beta=\"1\"/>";
  const char *plain = "<PCell parameterName=\"p0\" beta=\"0\"/>"
                      "<PCell parameterName=\"p1\" beta=\"1\"/>";
  /* x = ln 3: logit gives 3/4 for yes, 1/4 for no. */
  CHECKG(binary("linkFunction=\"logit\"", yes), "x=1.0986122886681098",
         "p_yes", 0.75);
  CHECKG(binary("linkFunction=\"logit\"", yes), "x=1.0986122886681098",
         "p_no", 0.25);
  CHECK(binary("linkFunction=\"logit\"", yes), "x=1.0986122886681098", "b",
        "yes");
  /* x = 0: 1/2 each, the first category wins the tie. */
  CHECK(binary("linkFunction=\"logit\"", yes), "x=0", "b", "no");
  /* probit, x = -1: P(yes) = 1 - Phi(1) = 0.15865525393145707 */
  CHECKG(binary("linkFunction=\"probit\"", yes), "x=-1", "p_no",
         0.8413447460685429);
  CHECK(binary("linkFunction=\"probit\"", yes), "x=-1", "b", "no");
  /* PCells without targetCategory: the reference names the other one. */
  CHECKG(binary("linkFunction=\"logit\" targetReferenceCategory=\"no\"",
                plain),
         "x=1.0986122886681098", "p_yes", 0.75);
  CHECKG(binary("linkFunction=\"logit\" targetReferenceCategory=\"yes\"",
                plain),
         "x=1.0986122886681098", "p_no", 0.75);
  REFUSED(binary("linkFunction=\"logit\"", plain),
          "targetReferenceCategory must name the reference");
}

/* ------------------------------------------------------------------------ */
/* ordinalMultinomial                                                       */

/* k: lo < mid < hi; eta_lo = -1 + x, eta_mid = 1 + x (an intercept per
** category, the slope shared); P(k <= j) = F(eta_j + offset). */
static char *
ordinal(const char *attrs)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"ordinalMultinomial\" "
           "functionName=\"classification\" %s>" MS("k", MF("x"))
           "<Output>"
           "<OutputField name=\"p_lo\" feature=\"probability\" value=\"lo\"/>"
           "<OutputField name=\"p_mid\" feature=\"probability\" "
           "value=\"mid\"/>"
           "<OutputField name=\"p_hi\" feature=\"probability\" value=\"hi\"/>"
           "</Output>"
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "</ParameterList>"
           "<CovariateList><Predictor name=\"x\"/></CovariateList>"
           "<PPMatrix>"
           "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p1\"/>"
           "</PPMatrix>"
           "<ParamMatrix>"
           "<PCell targetCategory=\"lo\" parameterName=\"p0\" beta=\"-1\"/>"
           "<PCell targetCategory=\"mid\" parameterName=\"p0\" beta=\"1\"/>"
           "<PCell parameterName=\"p1\" beta=\"1\"/>"
           "</ParamMatrix></GeneralRegressionModel></PMML>",
           attrs);
  return doc;
}

static void
test_ordinal(void)
{
  /* logit, x = 1: F(0) = 0.5, F(2) = 0.8807970779778823: 0.5,
  ** 0.3807970779778823, 0.11920292202211769 */
  CHECK(ordinal("cumulativeLink=\"logit\""), "x=1", "p_lo", "0.5");
  CHECKG(ordinal("cumulativeLink=\"logit\""), "x=1", "p_mid",
         0.3807970779778823);
  CHECKG(ordinal("cumulativeLink=\"logit\""), "x=1", "p_hi",
         0.11920292202211769);
  CHECK(ordinal("cumulativeLink=\"logit\""), "x=1", "k", "lo");
  /* probit, x = 1: Phi(0) = 0.5, Phi(2) = 0.9772498680518208 */
  CHECKG(ordinal("cumulativeLink=\"probit\""), "x=1", "p_mid",
         0.4772498680518208);
  CHECKG(ordinal("cumulativeLink=\"probit\""), "x=1", "p_hi",
         0.02275013194817921);
  /* cloglog, x = 1: F(0) = 1 - 1/e */
  CHECKG(ordinal("cumulativeLink=\"cloglog\""), "x=1", "p_lo",
         0.6321205588285577);
  /* loglog, x = 1: F(0) = 1/e */
  CHECKG(ordinal("cumulativeLink=\"loglog\""), "x=1", "p_lo",
         0.36787944117144233);
  /* cauchit, x = 0: F(-1) = 0.25, F(1) = 0.75: 0.25, 0.5, 0.25 */
  CHECKG(ordinal("cumulativeLink=\"cauchit\""), "x=0", "p_mid", 0.5);
  CHECK(ordinal("cumulativeLink=\"cauchit\""), "x=0", "k", "mid");
  /* An offset of -2, x = 1: F(-2), F(0): hi gets 1 - 0.5 */
  CHECKG(ordinal("cumulativeLink=\"logit\" offsetValue=\"-2\""), "x=1",
         "p_hi", 0.5);
  /* targetReferenceCategory moves lo last (mid, hi, lo): the last
  ** category of an ordinal model takes no intercept, and lo has one. */
  REFUSED(ordinal("cumulativeLink=\"logit\" targetReferenceCategory=\"lo\""),
          "takes no parameter");
  REFUSED(ordinal(""), "needs cumulativeLink");
}

/* ------------------------------------------------------------------------ */
/* Contrast matrices                                                        */

/* y = 10 + 2 C[c, a] + 3 C[c, b], C the contrast matrix of c (rows a, b, c;
** PPCell value a is column 1, b column 2). */
static char *
contrast(const char *matrix)
{
  static char doc[4096];
  snprintf(doc, sizeof doc,
           HEAD DD
           "<GeneralRegressionModel modelType=\"generalLinear\" "
           "functionName=\"regression\">" MS("y", MF("c"))
           "<ParameterList><Parameter name=\"p0\"/><Parameter name=\"p1\"/>"
           "<Parameter name=\"p2\"/></ParameterList>"
           "<FactorList><Predictor name=\"c\" contrastMatrixType=\"deviation\">"
           "<Categories><Category value=\"a\"/><Category value=\"b\"/>"
           "<Category value=\"c\"/></Categories>%s</Predictor></FactorList>"
           "<PPMatrix>"
           "<PPCell value=\"a\" predictorName=\"c\" parameterName=\"p1\"/>"
           "<PPCell value=\"b\" predictorName=\"c\" parameterName=\"p2\"/>"
           "</PPMatrix>"
           "<ParamMatrix>"
           "<PCell parameterName=\"p0\" beta=\"10\"/>"
           "<PCell parameterName=\"p1\" beta=\"2\"/>"
           "<PCell parameterName=\"p2\" beta=\"3\"/>"
           "</ParamMatrix></GeneralRegressionModel></PMML>",
           matrix);
  return doc;
}

static void
test_contrast(void)
{
  /* Deviation coding: a = (1, 0), b = (0, 1), c = (-1, -1). */
  const char *rows = "<Matrix nbRows=\"3\" nbCols=\"2\">"
                     "<Array n=\"2\" type=\"real\">1 0</Array>"
                     "<Array n=\"2\" type=\"real\">0 1</Array>"
                     "<Array n=\"2\" type=\"real\">-1 -1</Array></Matrix>";
  const char *cells = "<Matrix nbRows=\"3\" nbCols=\"2\" offDiagDefault=\"0\" "
                      "diagDefault=\"1\">"
                      "<MatCell row=\"3\" col=\"1\">-1</MatCell>"
                      "<MatCell row=\"3\" col=\"2\">-1</MatCell></Matrix>";
  /* a: 10 + 2 = 12; b: 10 + 3 = 13; c: 10 - 2 - 3 = 5 */
  CHECK(contrast(rows), "c=a", "y", "12");
  CHECK(contrast(rows), "c=b", "y", "13");
  CHECK(contrast(rows), "c=c", "y", "5");
  CHECK(contrast(cells), "c=a", "y", "12");
  CHECK(contrast(cells), "c=c", "y", "5");
  CHECK(contrast(rows), "c=?", "y", "<missing>");
  /* Without Categories the rows are the DataField's Values a, b, c. */
  CHECK(subst(contrast(rows),
              "<Categories><Category value=\"a\"/><Category value=\"b\"/>"
              "<Category value=\"c\"/></Categories>",
              ""),
        "c=c", "y", "5");
  /* ... or those of a field of an enclosing model: a GLM segment whose
  ** predictor d is the MiningModel's local copy of c, with c's Values. */
  {
    const char *doc = subst(contrast(rows),
                            "<Categories><Category value=\"a\"/><Category "
                            "value=\"b\"/><Category value=\"c\"/>"
                            "</Categories>",
                            "");
    char seg[8192];
    const char *glm = strstr(doc, "<GeneralRegressionModel");
    const char *end = strstr(doc, "</PMML>");
    CU_ASSERT_FATAL(glm && end);
    snprintf(seg, sizeof seg,
             "%.*s<MiningModel functionName=\"regression\">"
             MS("y", MF("c"))
             "<LocalTransformations><DerivedField name=\"d\" "
             "optype=\"categorical\" dataType=\"string\">"
             "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"c\"/>"
             "<FieldRef field=\"c\"/></DerivedField></LocalTransformations>"
             "<Segmentation multipleModelMethod=\"selectFirst\"><Segment>"
             "<True/>%.*s</Segment></Segmentation></MiningModel></PMML>",
             (int)(glm - doc), doc, (int)(end - glm), glm);
    doc = subst(seg, "<MiningField name=\"c\"/></MiningSchema><Param",
                "<MiningField name=\"d\"/></MiningSchema><Param");
    doc = subst(doc, "<Predictor name=\"c\"", "<Predictor name=\"d\"");
    doc = subst(doc, "predictorName=\"c\" parameterName=\"p1\"",
                "predictorName=\"d\" parameterName=\"p1\"");
    doc = subst(doc, "predictorName=\"c\" parameterName=\"p2\"",
                "predictorName=\"d\" parameterName=\"p2\"");
    CHECK(doc, "c=c", "y", "5");
    CHECK(doc, "c=b", "y", "13");
  }
  REFUSED(contrast("<Matrix><Array type=\"real\">1 0</Array>"
                   "<Array type=\"real\">0</Array></Matrix>"),
          "row 2 has 1 values");
  REFUSED(contrast("<Matrix><Array type=\"real\">1 0</Array>"
                   "<Array type=\"real\">0 1</Array></Matrix>"),
          "the contrast Matrix has 2 rows for 3 Categories");
}

/* ------------------------------------------------------------------------ */
/* CoxRegression                                                            */

/* H = H0(t) exp(x - 1) (beta 1, referencePoint 1), H0 from the stratum of
** s: A (maxTime 10; 2: 0.1, 5: 0.3, 8: 0.6) or B (maxTime 5; 1: 0.2). */
static const char cox_doc[] =
    HEAD DD
    "<GeneralRegressionModel modelType=\"CoxRegression\" "
    "functionName=\"regression\" endTimeVariable=\"t\" "
    "baselineStrataVariable=\"s\">" MS("y", MF("x") MF("t") MF("s"))
    "<Output><OutputField name=\"hazard\" feature=\"predictedValue\"/>"
    "<OutputField name=\"survival\" feature=\"transformedValue\">"
    "<Apply function=\"exp\"><Apply function=\"*\"><Constant>-1</Constant>"
    "<FieldRef field=\"hazard\"/></Apply></Apply></OutputField></Output>"
    "<ParameterList><Parameter name=\"p0\" referencePoint=\"1\"/>"
    "</ParameterList>"
    "<CovariateList><Predictor name=\"x\"/></CovariateList>"
    "<PPMatrix>"
    "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p0\"/>"
    "</PPMatrix>"
    "<ParamMatrix><PCell parameterName=\"p0\" beta=\"1\"/></ParamMatrix>"
    "<BaseCumHazardTables>"
    "<BaselineStratum value=\"A\" maxTime=\"10\">"
    "<BaselineCell time=\"2\" cumHazard=\"0.1\"/>"
    "<BaselineCell time=\"5\" cumHazard=\"0.3\"/>"
    "<BaselineCell time=\"8\" cumHazard=\"0.6\"/></BaselineStratum>"
    "<BaselineStratum value=\"B\" maxTime=\"5\">"
    "<BaselineCell time=\"1\" cumHazard=\"0.2\"/></BaselineStratum>"
    "</BaseCumHazardTables></GeneralRegressionModel></PMML>";

/* The same without strata: the table's own cells and maxTime. */
static const char cox_plain[] =
    HEAD DD
    "<GeneralRegressionModel modelType=\"CoxRegression\" "
    "functionName=\"regression\" endTimeVariable=\"t\">"
    MS("y", MF("x") MF("t"))
    "<ParameterList><Parameter name=\"p0\"/></ParameterList>"
    "<CovariateList><Predictor name=\"x\"/></CovariateList>"
    "<PPMatrix>"
    "<PPCell value=\"1\" predictorName=\"x\" parameterName=\"p0\"/>"
    "</PPMatrix>"
    "<ParamMatrix><PCell parameterName=\"p0\" beta=\"2\"/></ParamMatrix>"
    "<BaseCumHazardTables maxTime=\"4\">"
    "<BaselineCell time=\"1\" cumHazard=\"0.5\"/>"
    "<BaselineCell time=\"3\" cumHazard=\"1.5\"/>"
    "</BaseCumHazardTables></GeneralRegressionModel></PMML>";

static void
test_cox(void)
{
  /* t = 5 in A, x = 1: 0.3 * exp(0) */
  CHECK(cox_doc, "x=1,t=5,s=A", "y", "0.3");
  CHECK(cox_doc, "x=1,t=5,s=A", "hazard", "0.3");
  /* survival exp(-0.3) = 0.7408182206817179 */
  CHECKG(cox_doc, "x=1,t=5,s=A", "survival", 0.7408182206817179);
  /* t = 7: the cell at 5 still; t = 10 = maxTime: the cell at 8 */
  CHECK(cox_doc, "x=1,t=7,s=A", "y", "0.3");
  CHECK(cox_doc, "x=1,t=10,s=A", "y", "0.6");
  /* Before the first time: 0 (survival 1), even with x missing. */
  CHECK(cox_doc, "x=1,t=1,s=A", "y", "0");
  CHECK(cox_doc, "x=?,t=1,s=A", "survival", "1");
  /* After maxTime, an unknown stratum, missing time or x: no prediction. */
  CHECK(cox_doc, "x=1,t=11,s=A", "y", "<missing>");
  CHECK(cox_doc, "x=1,t=3,s=C", "y", "<missing>");
  CHECK(cox_doc, "x=1,t=?,s=A", "y", "<missing>");
  CHECK(cox_doc, "x=?,t=3,s=A", "y", "<missing>");
  /* B, t = 3, x = 1 + ln 2: 0.2 * exp(ln 2) = 0.4 */
  CHECKG(cox_doc, "x=1.6931471805599454,t=3,s=B", "y", 0.4);
  CHECK(cox_doc, "x=1,t=6,s=B", "y", "<missing>");
  /* No strata: referencePoint 0, beta 2; t = 3, x = 0: 1.5; t = 4.5 is
  ** after maxTime 4 */
  CHECK(cox_plain, "x=0,t=3", "y", "1.5");
  CHECK(cox_plain, "x=0,t=4.5", "y", "<missing>");
  /* t = 2, x = ln 2 / 2: 0.5 * exp(ln 2) = 1 */
  CHECKG(cox_plain, "x=0.34657359027997264,t=2", "y", 1.0);
}

/* ------------------------------------------------------------------------ */
/* Refusals                                                                 */

/* 'doc' with the first 'from' replaced by 'to' (two buffers in turn, so
** the result of one call can feed the next). */
static const char *
subst(const char *doc, const char *from, const char *to)
{
  static char bufs[2][8192];
  static int turn;
  char *buf = bufs[turn ^= 1];
  const char *at = strstr(doc, from);
  if (!at)
    return "<no match>";
  snprintf(buf, sizeof bufs[0], "%.*s%s%s", (int)(at - doc), doc, to,
           at + strlen(from));
  return buf;
}

static void
test_refused(void)
{
  REFUSED(glm(""), "needs linkFunction");
  REFUSED(glm("linkFunction=\"negbin\""), "needs distParameter");
  REFUSED(glm("linkFunction=\"power\""), "needs linkParameter");
  REFUSED(glm("linkFunction=\"logit\" offsetValue=\"1\" "
              "offsetVariable=\"off\""),
          "offsetVariable and offsetValue together");
  REFUSED(glm("linkFunction=\"sqrt\""), "linkFunction");
  /* An offset in a model type that gives it no meaning. */
  REFUSED(subst(linear("regression"), "functionName=",
                "offsetValue=\"2\" functionName="),
          "an offset with modelType=\"regression\" is not supported");
  REFUSED(subst(multinom("", ""), "functionName=",
                "trialsValue=\"2\" distribution=\"binomial\" "
                "functionName="),
          "trials are supported for a generalizedLinear regression only");
  REFUSED(glm("linkFunction=\"log\" distribution=\"poisson\" "
              "trialsValue=\"2\""),
          "trials need distribution=\"binomial\"");
  /* A PPCell naming a predictor of neither list. */
  REFUSED(subst(linear("regression"), "<Predictor name=\"x\"/>",
                "<Predictor name=\"w\"/>"),
          "PPCell: predictor 'x' is in neither");
  /* Cells naming undeclared parameters. */
  REFUSED(subst(linear("regression"), "parameterName=\"p4\" beta",
                "parameterName=\"p9\" beta"),
          "PCell: unknown parameter 'p9'");
  REFUSED(subst(linear("regression"), "parameterName=\"p1\"/>",
                "parameterName=\"q1\"/>"),
          "PPCell: unknown parameter 'q1'");
  /* standardError and the confidence intervals need PCovMatrix
  ** arithmetic that is not implemented. */
  REFUSED(subst(linear("regression"), "predictedValue", "standardError"),
          "feature=\"standardError\" of 'pred' is not supported");
  REFUSED(subst(linear("regression"), "predictedValue",
                "confidenceIntervalLower"),
          "feature=\"confidenceIntervalLower\" of 'pred' is not supported");
  /* modelType and functionName disagree. */
  REFUSED(subst(multinom("", ""), "\"classification\"", "\"regression\""),
          "modelType=\"multinomialLogistic\" with functionName");
  /* Three categories for a binary generalizedLinear classification. */
  REFUSED(subst(multinom("", ""), "\"multinomialLogistic\"",
                "\"generalizedLinear\" linkFunction=\"logit\""),
          "of 3 categories is not supported (binary only)");
  /* Two categories without PCells and no targetReferenceCategory. */
  REFUSED(subst(subst(multinom("", ""), "targetCategory=\"mid\"",
                      "targetCategory=\"lo\""),
                "targetCategory=\"mid\"", "targetCategory=\"lo\""),
          "2 categories have no PCell");
  /* A targetCategory the target does not have. */
  REFUSED(subst(multinom("", ""), "targetCategory=\"mid\"",
                "targetCategory=\"top\""),
          "PCell: targetCategory 'top' is not a category of the target");
  /* Cox without its tables, or without its time. */
  REFUSED(subst(cox_plain,
                "<BaseCumHazardTables maxTime=\"4\">"
                "<BaselineCell time=\"1\" cumHazard=\"0.5\"/>"
                "<BaselineCell time=\"3\" cumHazard=\"1.5\"/>"
                "</BaseCumHazardTables>",
                ""),
          "CoxRegression needs BaseCumHazardTables");
  REFUSED(subst(cox_plain, "endTimeVariable=\"t\"", ""),
          "CoxRegression needs endTimeVariable");
  REFUSED(subst(cox_doc, "baselineStrataVariable=\"s\"", ""),
          "BaselineStratum needs baselineStrataVariable");
  /* Float arithmetic is not offered for this family. */
  REFUSED(subst(linear("regression"), "functionName=",
                "x-mathContext=\"float\" functionName="),
          "x-mathContext=\"float\" is not supported");
}

/* ------------------------------------------------------------------------ */
/* Allocation failure at every step of loading and resolving                */

static void
test_nomem(void)
{
  char copy[8192];
  check_nomem(cox_doc);
  snprintf(copy, sizeof copy, "%s", multinom("", ""));
  check_nomem(copy);
  snprintf(copy, sizeof copy, "%s",
           contrast("<Matrix><Array type=\"real\">1 0</Array>"
                    "<Array type=\"real\">0 1</Array>"
                    "<Array type=\"real\">-1 -1</Array></Matrix>"));
  check_nomem(copy);
  snprintf(copy, sizeof copy, "%s", ordinal("cumulativeLink=\"logit\""));
  check_nomem(copy);
}

void add_genreg_suite(void);

void
add_genreg_suite(void)
{
  CU_pSuite s = CU_add_suite("genreg", NULL, NULL);
  CU_add_test(s, "regression, generalLinear and the PPMatrix", test_linear);
  CU_add_test(s, "generalizedLinear link functions", test_links);
  CU_add_test(s, "multinomialLogistic", test_multinomial);
  CU_add_test(s, "generalizedLinear binary classification", test_binary);
  CU_add_test(s, "ordinalMultinomial cumulative links", test_ordinal);
  CU_add_test(s, "contrast matrices", test_contrast);
  CU_add_test(s, "CoxRegression baseline strata", test_cox);
  CU_add_test(s, "refusals", test_refused);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
