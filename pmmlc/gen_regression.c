/*
** gen_regression.c: RegressionModel as generated C. Each RegressionTable
** becomes a function that sums its predictors in the order of the
** interpreter (runtime/eval_regression.c: numeric predictors, categorical
** predictors, terms, then the intercept), so a person can read the
** equation; normalization and classification are pm_inverse_link and
** pm_reg_classify of the run-time support (genrt.inc: regression).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"

static const char *const norm_names[] = {
  "none", "simplemax", "softmax", "logit", "probit", "cloglog", "exp",
  "loglog", "cauchit"};

/* Tables summed in single precision: x-mathContext="float" (which also
** takes the link functions and the probabilities in float), or --float
** (which keeps those in double, rounded to float when stored: 1 - p of a p
** near 1 would lose its digits). */
static int
float_math(const gen *g, const pm_model *m)
{
  return m->math_float || g->o->use_float;
}

/* <RegressionTable>: m<M>_t<I>(c, &missing), its value or NaN. */
static int
gen_table(gen *g, const pm_model *m, const pm_regtable *t, int32_t ti)
{
  gbuf *b = gen_out(g, GS_CODE), *d = gen_out(g, GS_DATA);
  int fl = float_math(g, m);
  int32_t k, f, mi = m->index;
  for (k = 0; k < t->n_terms; k++)
    for (f = 0; f < t->terms[k].n; f++)
      if (gen_expr(g, g->doc->args[t->terms[k].first + f]))
        return -1;
  if (t->n_cats) {
    gb_printf(d, "\n/* CategoricalPredictors of RegressionTable %d of "
                 "model %d: { slot, value, coefficient } */\n"
                 "static const pm_catpred m%d_t%d_cats[%d] = {\n",
              (int)ti, (int)mi, (int)mi, (int)ti, (int)t->n_cats);
    for (k = 0; k < t->n_cats; k++) {
      const pm_catpred *cp = &t->cats[k];
      gb_printf(d, "  {%d, %d, ", (int)gen_slot(g, cp->slot),
                (int)gen_plit(g, &cp->value));
      gb_real(d, cp->coef);
      gb_puts(d, "}, /* ");
      gen_name(g, d, cp->name);
      gb_puts(d, " == ");
      gen_lit_comment(g, d, &cp->value);
      gb_puts(d, " */\n");
    }
    gb_puts(d, "};\n");
  }
  gb_printf(gen_out(g, GS_PROTO),
            "static double m%d_t%d(pm_ctx *c, int *missing);\n", (int)mi,
            (int)ti);
  gb_printf(b, "\n/* <RegressionTable intercept=");
  gb_real(b, t->intercept);
  if (t->category.t != PM_T_MISSING) {
    gb_puts(b, " targetCategory=");
    gen_lit_comment(g, b, &t->category);
  }
  gb_printf(b, "> of model %d:\n** its value, NaN when an input is "
               "missing. */\nstatic double\nm%d_t%d(pm_ctx *c, "
               "int *missing)\n{\n",
            (int)mi, (int)mi, (int)ti);
  gb_printf(b, "  double y = 0.0%s;\n", t->n_nums ? ", x = 0.0" : "");
  if (fl)
    gb_puts(b, "  float yf = 0.0f;\n");
  if (!t->n_nums && !t->n_terms)
    gb_puts(b, "  (void)missing;\n");
  if (!t->n_nums && !t->n_cats && !t->n_terms)
    gb_puts(b, "  (void)c;\n");
  for (k = 0; k < t->n_nums; k++) {
    const pm_numpred *np = &t->nums[k];
    gb_puts(b, "  /* <NumericPredictor name=");
    gen_name(g, b, np->name);
    if (np->exponent != 1.0) {
      gb_puts(b, " exponent=");
      gb_real(b, np->exponent);
    }
    gb_puts(b, "> */\n  if (pm_reg_x(c, ");
    gen_slot_ref(g, b, np->slot);
    gb_printf(b, ", %d, &x, missing))\n    return NAN;\n",
              (int)gen_str(g, np->name));
    if (np->exponent != 1.0) {
      gb_puts(b, "  x = pow(x, ");
      gb_real(b, np->exponent);
      gb_puts(b, ");\n");
    }
    if (fl) {
      gb_puts(b, "  yf += (float)");
      gb_real(b, np->coef);
      gb_puts(b, " * (float)x;\n");
    } else {
      gb_puts(b, "  y += ");
      gb_real(b, np->coef);
      gb_puts(b, " * x;\n");
    }
  }
  if (t->n_cats)
    gb_printf(b, "  /* <CategoricalPredictor>s */\n"
                 "  pm_reg_cats(c, m%d_t%d_cats, %d, %d, &y, %s);\n",
              (int)mi, (int)ti, (int)t->n_cats, fl, fl ? "&yf" : "0");
  for (k = 0; k < t->n_terms; k++) {
    const pm_term *tm = &t->terms[k];
    gb_puts(b, "  /* <PredictorTerm coefficient=");
    gb_real(b, tm->coef);
    gb_puts(b, "> */\n  {\n    double prod = ");
    gb_real(b, tm->coef);
    gb_puts(b, ", f = 0.0;\n    pm_v fv;\n");
    for (f = 0; f < tm->n; f++)
      gb_printf(b, "    if (x%d(c, 0, &fv) || pm_reg_factor(c, &fv, &f, "
                   "missing))\n      return NAN;\n    prod *= f;\n",
                (int)g->doc->args[tm->first + f]);
    gb_puts(b, fl ? "    yf += (float)prod;\n  }\n" : "    y += prod;\n  }\n");
  }
  if (fl) {
    gb_puts(b, "  (void)y;\n  return (double)(yf + (float)");
    gb_real(b, t->intercept);
    gb_puts(b, ");\n}\n");
  } else {
    gb_puts(b, "  return y + ");
    gb_real(b, t->intercept);
    gb_puts(b, ";\n}\n");
  }
  return 0;
}

/* Is the table empty with intercept 0 (the reference category)? */
static int
is_default_table(const pm_regtable *t)
{
  return t->n_nums == 0 && t->n_cats == 0 && t->n_terms == 0 &&
         t->intercept == 0.0;
}

/* <RegressionModel>: a function per table, then m<M>_eval
** (eval_regression.c: pmmlE_regression). */
static int
regression_model(gen *g, const pm_model *m)
{
  const pm_regression *reg = m->body;
  gbuf *b;
  int32_t i, mi = m->index, n = reg->n_tables;
  gen_need(g, "regression");
  for (i = 0; i < n; i++)
    if (gen_table(g, m, &reg->tables[i], i))
      return -1;
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* RegressionModel (line %u), normalizationMethod="
               "\"%s\" */\nstatic int\nm%d_eval(pm_ctx *c, pm_res *res)\n"
               "{\n  const pm_modeld *m = &pm_models[%d];\n"
               "  int missing = 0;\n",
            (unsigned)m->line, norm_names[reg->norm % 9], (int)mi, (int)mi);
  if (m->function != PM_FN_CLASSIFICATION) {
    gb_printf(b, "  double y = m%d_t0(c, &missing);\n"
                 "  if (c->failed_)\n    return -1;\n"
                 "  if (missing)\n    return 0;\n"
                 "  y = pm_inverse_link%s(%d, y);\n",
              (int)mi, m->math_float ? "_f" : "", (int)reg->norm);
    gb_puts(b, "  res->raw = (pm_real)y;\n"
               "  res->value = pm_num(pm_target_value(m, y), m->target_dt);"
               "\n  return 0;\n}\n");
    return 0;
  }
  gb_printf(b, "  static const int32_t klass[%d] = {", (int)n);
  for (i = 0; i < n; i++)
    gb_printf(b, "%s%d", i ? ", " : "", (int)reg->tables[i].klass);
  gb_printf(b, "};\n  pm_real *y = res->conf;\n  double yy[%d];\n"
               "  int32_t k;\n",
            (int)n);
  for (i = 0; i < n; i++)
    gb_printf(b, "  y[%d] = (pm_real)m%d_t%d(c, &missing);\n"
                 "  if (c->failed_)\n    return -1;\n"
                 "  if (missing)\n    return 0;\n",
              (int)i, (int)mi, (int)i);
  gb_printf(b, "  for (k = 0; k < %d; k++)\n    yy[k] = y[k];\n"
               "  for (k = 0; k < m->n_classes; k++)\n"
               "    res->conf[k] = (pm_real)NAN;\n"
               "  pm_reg_classify%s(m, %d, %d, klass, %d, yy, res->prob);\n"
               "  k = pm_argmax(res->prob, m->n_classes);\n"
               "  if (k >= 0)\n    res->value = pm_class_value(m, k);\n"
               "  return 0;\n}\n",
            (int)n, m->math_float ? "_f" : "", (int)reg->norm, (int)n,
            n == 2 && is_default_table(&reg->tables[1]));
  return 0;
}

/* The fast path of _predict: the tables summed from in[] in the order of
** m<M>_t<I> (every predictor a NumericPredictor of a plain input), the
** link and the classification as m<M>_eval does them. */
static int
regression_fast(gen *g, const pm_model *m, gbuf *b)
{
  const pm_regression *reg = m->body;
  int32_t i, k, mi = m->index, n = reg->n_tables;
  int fl = float_math(g, m), reads_input = 0;
  for (i = 0; i < n; i++) {
    const pm_regtable *t = &reg->tables[i];
    if (t->n_cats || t->n_terms)
      return 0;
    for (k = 0; k < t->n_nums; k++)
      if (gen_fast(g, t->nums[k].slot) < 0)
        return 0;
    reads_input |= t->n_nums > 0;
  }
  gb_printf(b, "\n/* _predict's fast path: the tables on numbers. */\n"
               "static int\nm%d_fast(const double *in, double *val, "
               "pm_real *prob, pm_real *conf)\n{\n"
               "  double y[%d];\n",
            (int)mi, (int)n);
  if (!reads_input) /* intercepts only */
    gb_puts(b, "  (void)in;\n");
  for (i = 0; i < n; i++) {
    const pm_regtable *t = &reg->tables[i];
    /* 0.0 + p is p but for p = -0.0, whose sign a nonzero intercept ends */
    int from_first = t->intercept != 0.0 && t->n_nums > 0;
    if (fl) { /* m<M>_t<I> in single precision, step for step */
      gb_printf(b, "  {\n    float yf = 0.0f;\n");
      for (k = 0; k < t->n_nums; k++) {
        const pm_numpred *np = &t->nums[k];
        int32_t in = gen_fast(g, np->slot);
        if (np->exponent != 0.0) /* NaN makes y NaN */
          g->fast_nan[in] = 1;
        gb_puts(b, "    yf += (float)");
        gb_real(b, np->coef);
        if (np->exponent != 1.0) {
          gb_printf(b, " * (float)pow((pm_real)in[%d], ", (int)in);
          gb_real(b, np->exponent);
          gb_puts(b, ")");
        } else {
          gb_printf(b, " * (float)in[%d]", (int)in);
        }
        gb_puts(b, "; /* ");
        gen_name(g, b, np->name);
        gb_puts(b, " */\n");
      }
      gb_printf(b, "    y[%d] = (double)(yf + (float)", (int)i);
      gb_real(b, t->intercept);
      gb_printf(b, ");\n  }\n  if (isnan(y[%d]))\n    return 0;\n", (int)i);
      continue;
    }
    if (t->n_nums == 0 && !isnan(t->intercept)) { /* 0.0 + intercept */
      gb_printf(b, "  y[%d] = %s", (int)i,
                g->o->use_float && m->function == PM_FN_CLASSIFICATION
                    ? "(pm_real)"
                    : "");
      gb_real(b, t->intercept == 0.0 ? 0.0 : t->intercept);
      gb_puts(b, ";\n");
      continue;
    }
    if (!from_first)
      gb_printf(b, "  y[%d] = 0.0;\n", (int)i);
    for (k = 0; k < t->n_nums; k++) {
      const pm_numpred *np = &t->nums[k];
      int32_t in = gen_fast(g, np->slot);
      if (np->exponent != 0.0) /* NaN makes y NaN */
        g->fast_nan[in] = 1;
      gb_printf(b, "  y[%d] %s ", (int)i, k == 0 && from_first ? "=" : "+=");
      gb_real(b, np->coef);
      if (np->exponent != 1.0) {
        gb_printf(b, " * pow((pm_real)in[%d], ", (int)in);
        gb_real(b, np->exponent);
        gb_puts(b, ")");
      } else {
        gb_printf(b, " * (pm_real)in[%d]", (int)in);
      }
      gb_puts(b, "; /* ");
      gen_name(g, b, np->name);
      gb_puts(b, " */\n");
    }
    gb_printf(b, "  y[%d] = y[%d] + ", (int)i, (int)i);
    gb_real(b, t->intercept);
    gb_printf(b, ";\n  if (isnan(y[%d]))\n    return 0;\n", (int)i);
    /* --float: m<M>_eval keeps a class's table value as pm_real */
    if (g->o->use_float && m->function == PM_FN_CLASSIFICATION)
      gb_printf(b, "  y[%d] = (pm_real)y[%d];\n", (int)i, (int)i);
  }
  if (m->function != PM_FN_CLASSIFICATION) {
    gb_printf(b, "  (void)prob;\n  (void)conf;\n"
                 "  *val = (pm_real)pm_target_value(&pm_models[%d], "
                 "pm_inverse_link%s(%d, y[0]));\n  return 1;\n}\n",
              (int)mi, m->math_float ? "_f" : "", (int)reg->norm);
    return 1;
  }
  if (!m->math_float && n == 2 && m->n_classes == 2 &&
      m->target_op != PMML_OP_ORDINAL &&
      (reg->norm == PM_NORM_LOGIT ||
       (reg->norm == PM_NORM_SOFTMAX && is_default_table(&reg->tables[1])))) {
    /* pm_reg_classify and pm_argmax for two classes, written out */
    int32_t k0 = reg->tables[0].klass, k1 = reg->tables[1].klass;
    /* logit: 1 - p of the unrounded p; softmax: of the stored one (the
    ** same in double, not with --float) */
    char p0[32];
    if (reg->norm == PM_NORM_LOGIT)
      snprintf(p0, sizeof p0, "p0");
    else
      snprintf(p0, sizeof p0, "(double)prob[%d]", (int)k0);
    gb_printf(b, "  {\n    double p0 = 1.0 / (1.0 + exp(-y[0])); /* logit */"
                 "\n    prob[%d] = (pm_real)p0;\n"
                 "    prob[%d] = (pm_real)(1.0 - %s);\n  }\n"
                 "  conf[0] = conf[1] = (pm_real)NAN;\n"
                 "  *val = prob[1] > prob[0];\n",
              (int)k0, (int)k1, p0);
    gb_puts(b, "  return 1;\n}\n");
    return 1;
  }
  gb_printf(b, "  {\n    static const int32_t klass[%d] = {", (int)n);
  for (i = 0; i < n; i++)
    gb_printf(b, "%s%d", i ? ", " : "", (int)reg->tables[i].klass);
  gb_printf(b, "};\n    int32_t k;\n"
               "    for (k = 0; k < %d; k++)\n"
               "      prob[k] = 0, conf[k] = (pm_real)NAN;"
               "\n    pm_reg_classify%s(&pm_models[%d], %d, %d, klass, %d, y, "
               "prob);\n    k = pm_argmax(prob, %d);\n"
               "    if (k < 0)\n      return 0;\n    *val = k;\n  }\n"
               "  return 1;\n}\n",
            (int)m->n_classes, m->math_float ? "_f" : "", (int)mi,
            (int)reg->norm, (int)n,
            n == 2 && is_default_table(&reg->tables[1]), (int)m->n_classes);
  return 1;
}

const gen_family gen_regression_family = {"RegressionModel", regression_model,
                                          NULL, regression_fast};
