/*
** eval_naivebayes.c: scoring a NaiveBayesModel (PMML 4.4 Naive Bayes).
** The likelihood of class T is count[T] times, for every input with a
** value, P(input | T): count[value, T] / sum over values of count[., T]
** for a discrete input (the threshold when the count is 0), the density
** of the class's distribution for a continuous one (the threshold when the
** density is below it). Missing inputs, and values no PairCounts list, are
** left out. The products are summed as logarithms and normalized to
** probabilities (the largest first subtracted, so that nothing overflows
** or underflows to 0 / 0).
*/
#include <math.h>

#include "pmml_int.h"

#define PM_LN_SQRT_2PI 0.91893853320467274178 /* ln(sqrt(2 pi)) */

/* ln of the density (or probability) of distribution d at x. */
static double
log_density(const pm_nbcount *d, double x)
{
  switch (d->dist) {
  case PM_DIST_GAUSSIAN: {
    double sd = sqrt(d->b), z = (x - d->a) / sd;
    return -0.5 * z * z - (log(sd) + PM_LN_SQRT_2PI);
  }
  case PM_DIST_POISSON: {
    double k = trunc(x);
    if (k < 0)
      return -INFINITY;
    return k * log(d->a) - d->a - lgamma(k + 1.0);
  }
  case PM_DIST_UNIFORM:
    return x >= d->a && x <= d->b ? -log(d->b - d->a) : -INFINITY;
  default:
    return 0.0;
  }
}

/* The input's value (through its DerivedField), MISSING when absent. */
static int
input_value(pmml_ctx *c, const pm_nbinput *in, pm_val *v)
{
  if (in->expr < 0) {
    *v = *pmmlE_slot(c, in->slot);
    return c->failed ? -1 : 0;
  }
  if (pmmlE_expr(c, in->expr, v))
    return -1;
  if (v->t != PM_T_MISSING && in->dtype != PM_DT_ANY && v->dt != in->dtype) {
    pm_val x = *v;
    if (pmmlV_cast(c, &x, in->dtype, v) != 0)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "BayesInput '%s': the DerivedField's value is not a "
                        "%s",
                        pmmlS_str(&c->m->strs, in->name),
                        pmml_dtype_name((pmml_dtype)in->dtype));
  }
  return 0;
}

int
pmmlE_naivebayes(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_naivebayes *nb = m->body;
  double *L = c->scratch + nb->scratch_off;
  double lthr = nb->threshold > 0 ? log(nb->threshold) : -INFINITY;
  double max = -INFINITY, sum = 0;
  int32_t i, k, nc = m->n_classes, best = -1;
  for (k = 0; k < nc; k++) {
    L[k] = log(nb->prior[k]); /* NaN: a class without a count */
    res->conf[k] = NAN;
  }
  for (i = 0; i < nb->n_inputs; i++) {
    const pm_nbinput *in = &nb->inputs[i];
    pm_val v;
    if (input_value(c, in, &v))
      return -1;
    if (v.t == PM_T_MISSING)
      continue;
    if (in->continuous) {
      if (v.t != PM_T_NUM && v.t != PM_T_BOOL)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "BayesInput '%s': the value is not a number",
                          pmmlS_str(&c->m->strs, in->name));
      for (k = 0; k < nc; k++) {
        double lp;
        if (in->stats[k].dist == PM_DIST_NONE)
          continue;
        lp = log_density(&in->stats[k], v.u.num);
        L[k] += lp < lthr ? lthr : lp;
      }
      continue;
    }
    for (k = 0; k < in->n_values; k++) {
      pm_val lv = pmmlV_lit(c->m, &in->values[k]);
      if (pmmlV_equal(&v, &lv) == 1)
        break;
    }
    if (k == in->n_values)
      continue; /* a value the model has no counts for */
    {
      const double *cnt = in->counts + (size_t)k * nc;
      for (k = 0; k < nc; k++) {
        if (isnan(cnt[k]))
          continue;
        L[k] += cnt[k] == 0 ? lthr : log(cnt[k] / in->sums[k]);
      }
    }
  }
  /* exp(L - max), normalized. */
  for (k = 0; k < nc; k++)
    if (!isnan(L[k]) && L[k] > max)
      max = L[k];
  if (max == -INFINITY || isnan(max))
    return 0; /* every likelihood is 0: no prediction */
  for (k = 0; k < nc; k++) {
    res->prob[k] = isnan(L[k]) ? 0.0 : exp(L[k] - max);
    sum += res->prob[k];
  }
  if (sum != 1.0)
    for (k = 0; k < nc; k++)
      res->prob[k] /= sum;
  for (k = 0; k < nc; k++)
    if (!isnan(L[k]) && (best < 0 || res->prob[k] > res->prob[best]))
      best = k;
  if (best >= 0)
    res->value = pmmlE_class_value(c->m, m, best);
  return 0;
}
