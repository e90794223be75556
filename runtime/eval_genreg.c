/*
** eval_genreg.c: scoring a GeneralRegressionModel (PMML 4.4 General
** Regression). A linear predictor eta = sum_j beta_j * x_j, where x_j is
** the product the PPMatrix gives parameter j (1 for an intercept, 0/1 for
** a factor level, a contrast matrix entry, a covariate to a power), then
** what the modelType makes of it: the value itself (regression,
** generalLinear), the inverse link of eta + offset times the trials
** (generalizedLinear), softmax over the categories (multinomialLogistic),
** differenced cumulative probabilities (ordinalMultinomial), or the
** baseline cumulative hazard times exp(eta - reference) (CoxRegression).
** The resolved layout comes from load_genreg.c; nothing here allocates.
*/
#include <math.h>

#include "pmml_int.h"

#define GR_PI 3.14159265358979323846

/*
** PMML 4.4 General Regression, the inverse link functions (mu from eta);
** also the cumulative links of ordinal models. 'p' is linkParameter for
** power and oddspower, distParameter for negbin.
*/
double
pmmlE_genreg_link(int link, double p, double eta)
{
  switch (link) {
  case PM_GL_CLOGLOG:
    return 1.0 - exp(-exp(eta));
  case PM_GL_LOG:
    return exp(eta);
  case PM_GL_LOGC:
    return 1.0 - exp(eta);
  case PM_GL_LOGIT:
    return 1.0 / (1.0 + exp(-eta));
  case PM_GL_LOGLOG:
    return exp(-exp(-eta));
  case PM_GL_NEGBIN:
    return 1.0 / (p * (exp(-eta) - 1.0));
  case PM_GL_ODDSPOWER:
    if (p != 0.0)
      return 1.0 / (1.0 + pow(1.0 + p * eta, -1.0 / p));
    return 1.0 / (1.0 + exp(-eta));
  case PM_GL_POWER:
    if (p != 0.0)
      return pow(eta, 1.0 / p);
    return exp(eta);
  case PM_GL_PROBIT:
    return 0.5 * erfc(-eta / sqrt(2.0));
  case PM_GL_CAUCHIT:
    return 0.5 + (1.0 / GR_PI) * atan(eta);
  default: /* identity */
    return eta;
  }
}

/* The row of value v among a contrast matrix's Categories, or -1. */
static int32_t
category_row(pmml_ctx *c, const pm_grpred *p, const pm_val *v)
{
  int32_t k;
  for (k = 0; k < p->n_cats; k++) {
    pm_val lv = pmmlV_lit(c->m, &p->cats[k]);
    if (pmmlV_equal(v, &lv) == 1)
      return k;
  }
  return -1;
}

/* x_j of term t into *x: 0, 1 when a value it needs is missing (the
** prediction is then missing), -1 when the record failed. As JPMML does,
** the factors are tested first and the covariates are not read when a
** factor already made the product 0. */
static int
term_x(pmml_ctx *c, const pm_genreg *g, const pm_grterm *t, double *x)
{
  double p = 1.0;
  int32_t i;
  for (i = 0; i < t->n; i++) {
    const pm_grfactor *f = &g->factors[t->first + i];
    const pm_grpred *pr = &g->preds[f->pred];
    const pm_val *v;
    if (i == t->n_level && p == 0.0)
      break;
    v = pmmlE_slot(c, f->slot);
    if (c->failed)
      return -1;
    if (v->t == PM_T_MISSING)
      return 1;
    switch (f->kind) {
    case PM_GRF_LEVEL: {
      pm_val lv = pmmlV_lit(c->m, &f->level);
      if (pmmlV_equal(v, &lv) != 1)
        p *= 0.0;
      break;
    }
    case PM_GRF_CONTRAST: {
      int32_t row = category_row(c, pr, v);
      double e;
      if (row < 0) {
        char buf[64];
        pmmlV_format(v, buf, sizeof buf);
        return pmmlE_fail(c, PMML_E_EVAL,
                          "Predictor '%s': '%s' is not one of its "
                          "Categories",
                          pmmlS_str(&c->m->strs, pr->name), buf);
      }
      e = pr->matrix[row * pr->cols + f->column];
      if (isnan(e))
        return pmmlE_fail(c, PMML_E_EVAL,
                          "Predictor '%s': the contrast Matrix has no "
                          "value at row %d, column %d",
                          pmmlS_str(&c->m->strs, pr->name), (int)row + 1,
                          (int)f->column + 1);
      p *= e;
      break;
    }
    default:
      if (v->t != PM_T_NUM && v->t != PM_T_BOOL)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "covariate '%s': the value is not a number",
                          pmmlS_str(&c->m->strs, pr->name));
      p *= f->exponent == 1.0 ? v->u.num : pow(v->u.num, f->exponent);
      break;
    }
  }
  *x = p;
  return 0;
}

/* eta of linear predictor e, summed in ParamMatrix order: 0, 1 missing,
** -1 failed. */
static int
eq_value(pmml_ctx *c, const pm_genreg *g, const pm_greq *e, double *eta)
{
  double y = 0.0, x = 1.0;
  int32_t i;
  int rc;
  for (i = 0; i < e->n; i++) {
    const pm_grterm *t = &g->terms[e->first + i];
    if (t->n == 0) {
      y += t->beta;
      continue;
    }
    rc = term_x(c, g, t, &x);
    if (rc)
      return rc;
    y += t->beta * x;
  }
  *eta = y;
  return 0;
}

/* A number from a model variable (offset, trials, times): 0, 1 missing,
** -1 failed. */
static int
number_of(pmml_ctx *c, int32_t slot, const char *what, double *out)
{
  const pm_val *v = pmmlE_slot(c, slot);
  if (c->failed)
    return -1;
  if (v->t == PM_T_MISSING)
    return 1;
  if (v->t != PM_T_NUM && v->t != PM_T_BOOL)
    return pmmlE_fail(c, PMML_E_EVAL, "%s '%s': the value is not a number",
                      what,
                      pmmlS_str(&c->m->strs, c->m->slots[slot].name));
  *out = v->u.num;
  return 0;
}

/* The offset added to eta (0 when the model has none). */
static int
offset_of(pmml_ctx *c, const pm_genreg *g, double *off)
{
  *off = 0.0;
  if (g->offset_slot >= 0)
    return number_of(c, g->offset_slot, "offsetVariable", off);
  if (!isnan(g->offset_value))
    *off = g->offset_value;
  return 0;
}

/* PMML 4.4 General Regression, CoxRegression: the predicted value is the
** cumulative hazard H0(t) * exp(eta - sum_j beta_j * referencePoint_j),
** H0 from the BaselineCell of the record's stratum with the largest time
** not after t; 0 before the first time, missing after maxTime or for a
** stratum the tables do not have. */
static int
cox(pmml_ctx *c, const pm_model *m, const pm_genreg *g, pm_result *res)
{
  const pm_grstratum *s = &g->strata[0];
  const pm_grbaseline *cells, *best = NULL;
  double t, h0 = 0.0, eta, h;
  int32_t i;
  int rc;
  if (g->has_strata) {
    const pm_val *v = pmmlE_slot(c, g->strata_slot);
    if (c->failed)
      return -1;
    if (v->t == PM_T_MISSING)
      return 0;
    for (i = 0; i < g->n_strata; i++) {
      pm_val lv = pmmlV_lit(c->m, &g->strata[i].value);
      if (pmmlV_equal(v, &lv) == 1)
        break;
    }
    if (i == g->n_strata)
      return 0;
    s = &g->strata[i];
  }
  rc = number_of(c, g->end_slot, "endTimeVariable", &t);
  if (rc)
    return rc < 0 ? -1 : 0;
  if (t > s->max_time)
    return 0;
  cells = g->cells + s->first;
  for (i = 0; i < s->n; i++)
    if (cells[i].time <= t && (!best || cells[i].time > best->time))
      best = &cells[i];
  if (best) {
    h0 = best->cumhazard;
    rc = eq_value(c, g, &g->eqs[0], &eta);
    if (rc)
      return rc < 0 ? -1 : 0;
    h = exp(eta - g->cox_ref) * h0;
  } else {
    h = 0.0; /* before the first event time */
  }
  res->raw = h;
  res->value = pmmlV_num(pmmlE_target_value(m, h), m->target_dt);
  return 0;
}

/* The probabilities of the categories, in g->order. Returns 0, 1 when the
** prediction is missing, -1 failed. */
static int
classify(pmml_ctx *c, const pm_genreg *g, double *prob)
{
  int32_t n = g->n_order, i;
  double eta, off, sum, prev = 0.0;
  int rc = 0;
  if (g->type == PM_GR_GENERALIZED || g->type == PM_GR_ORDINAL) {
    rc = offset_of(c, g, &off);
    if (rc)
      return rc;
  }
  switch (g->type) {
  case PM_GR_MULTINOMIAL:
    /* p_k = exp(eta_k) / sum_i exp(eta_i), eta = 0 for the reference. */
    for (i = 0; i < n - 1; i++) {
      rc = eq_value(c, g, &g->eqs[i], &eta);
      if (rc)
        return rc;
      prob[g->order[i]] = exp(eta);
    }
    prob[g->order[n - 1]] = 1.0;
    sum = 0.0;
    for (i = 0; i < n; i++)
      sum += prob[g->order[i]];
    if (sum != 1.0)
      for (i = 0; i < n; i++)
        prob[g->order[i]] /= sum;
    return 0;
  case PM_GR_GENERALIZED:
    /* Binary: mu for the modelled category, 1 - mu for the reference. */
    rc = eq_value(c, g, &g->eqs[0], &eta);
    if (rc)
      return rc;
    eta = pmmlE_genreg_link(g->link, g->link == PM_GL_NEGBIN ? g->dist_param
                                                            : g->link_param,
                            eta + off);
    prob[g->order[0]] = eta;
    prob[g->order[1]] = 1.0 - eta;
    return 0;
  default:
    /* Ordinal: P(Y <= k) = F(eta_k + offset), differenced. */
    for (i = 0; i < n - 1; i++) {
      double cum;
      rc = eq_value(c, g, &g->eqs[i], &eta);
      if (rc)
        return rc;
      cum = pmmlE_genreg_link(g->cumlink, 0.0, eta + off);
      prob[g->order[i]] = i == 0 ? cum : cum - prev;
      prev = cum;
    }
    prob[g->order[n - 1]] = 1.0 - prev;
    return 0;
  }
}

int
pmmlE_genreg(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_genreg *g = m->body;
  double y, off, trials;
  int32_t i;
  int rc;
  if (g->type == PM_GR_COX)
    return cox(c, m, g, res);
  if (m->function == PM_FN_CLASSIFICATION) {
    rc = classify(c, g, res->prob);
    if (rc)
      return rc < 0 ? -1 : 0;
    for (i = 0; i < m->n_classes; i++)
      res->conf[i] = NAN;
    i = pmmlE_argmax(res->prob, m->n_classes);
    if (i >= 0)
      res->value = pmmlE_class_value(c->m, m, i);
    return 0;
  }
  rc = eq_value(c, g, &g->eqs[0], &y);
  if (rc)
    return rc < 0 ? -1 : 0;
  if (g->type == PM_GR_GENERALIZED) {
    rc = offset_of(c, g, &off);
    if (rc)
      return rc < 0 ? -1 : 0;
    y = pmmlE_genreg_link(g->link, g->link == PM_GL_NEGBIN ? g->dist_param
                                                          : g->link_param,
                          y + off);
    if (g->trials_slot >= 0) {
      rc = number_of(c, g->trials_slot, "trialsVariable", &trials);
      if (rc)
        return rc < 0 ? -1 : 0;
      y *= trials;
    } else if (!isnan(g->trials_value)) {
      y *= g->trials_value;
    }
  }
  res->raw = y;
  res->value = pmmlV_num(pmmlE_target_value(m, y), m->target_dt);
  return 0;
}
