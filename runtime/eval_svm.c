/*
** eval_svm.c: scoring a SupportVectorMachineModel (PMML 4.4 Support Vector
** Machine). The record becomes a vector x over the VectorFields; each
** SupportVectorMachine computes f(x) = sum_i a_i K(x, x_i) + b (with
** svmRepresentation="Coefficients", f(x) = sum_i a_i x_i + b). The kernel
** value of every support vector is computed once per record and shared by
** the machines that use it. Regression predicts f(x); classification
** either votes (one-against-one, and every binary model: f against the
** threshold picks targetCategory or alternateTargetCategory) or takes the
** machine with the smallest f (one-against-all; the largest with maxWins).
*/
#include <math.h>

#include "pmml_int.h"

/* K(x, y) of the model's kernel over n coordinates. */
static double
kernel(const pm_svm *svm, const double *x, const double *y, int32_t n)
{
  double s = 0;
  int32_t i;
  if (svm->kernel == PM_KERNEL_RBF) {
    for (i = 0; i < n; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return exp(-s * svm->gamma);
  }
  for (i = 0; i < n; i++)
    s += x[i] * y[i];
  switch (svm->kernel) {
  case PM_KERNEL_POLYNOMIAL:
    return pow(s * svm->gamma + svm->coef0, svm->degree);
  case PM_KERNEL_SIGMOID:
    return tanh(s * svm->gamma + svm->coef0);
  default:
    return s;
  }
}

/* f(x) of one machine: coefficients times kernel values (or times the
** coordinates), in document order, then the absolute value b. */
static double
machine(const pm_svm *svm, const pm_svmachine *mc, const double *x,
        const double *kv)
{
  const double *a = svm->coef + mc->first;
  double f = 0;
  int32_t k;
  if (svm->repr == PM_SVM_COEFFICIENTS) {
    for (k = 0; k < mc->n; k++)
      f += a[k] * x[k];
  } else {
    const int32_t *sv = svm->sv + mc->first;
    for (k = 0; k < mc->n; k++)
      f += a[k] * kv[sv[k]];
  }
  return f + mc->b;
}

/* The record as a vector; 1 when a coordinate is missing (no prediction),
** -1 when the record failed. */
static int
input_vector(pmml_ctx *c, const pm_svm *svm, double *x)
{
  int32_t i;
  for (i = 0; i < svm->n_fields; i++) {
    const pm_vfield *f = &svm->fields[i];
    pm_val v;
    if (f->expr < 0) {
      pm_val lv;
      v = *pmmlE_slot(c, f->slot);
      if (c->failed)
        return -1;
      if (v.t == PM_T_MISSING)
        return 1;
      lv = pmmlV_lit(c->m, &f->value);
      x[i] = pmmlV_equal(&v, &lv) == 1 ? f->coef : 0.0;
      continue;
    }
    if (pmmlE_expr(c, f->expr, &v))
      return -1;
    if (v.t == PM_T_MISSING)
      return 1;
    if (v.t != PM_T_NUM && v.t != PM_T_BOOL) {
      pm_val d;
      if (pmmlV_cast(c, &v, PMML_DT_DOUBLE, &d) != 0 || d.t != PM_T_NUM)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "VectorFields: field %d is not a number",
                          (int)i + 1);
      v = d;
    }
    x[i] = v.u.num;
  }
  return 0;
}

/* The category machine mc votes for, or -1 after failing the record. With
** alternateBinaryTargetCategory (and no alternateTargetCategory), f rounds
** to 1 (targetCategory) or 0 (the alternate); otherwise f is compared with
** the threshold: below it (above it with maxWins) means targetCategory. */
static int32_t
vote(pmml_ctx *c, const pm_svm *svm, const pm_svmachine *mc, double f)
{
  double t = isnan(mc->threshold) ? svm->threshold : mc->threshold;
  if (mc->k_alt < 0) {
    double r = floor(f + 0.5);
    pm_val fv;
    char buf[64];
    if (r == 1.0)
      return mc->k_target;
    if (r == 0.0)
      return svm->k_alt_binary;
    /* The shortest form that reads back (the generated code's too). */
    fv = pmmlV_num(f, PMML_DT_DOUBLE);
    pmmlV_format(&fv, buf, sizeof buf);
    pmmlE_fail(c, PMML_E_EVAL,
               "SupportVectorMachine (line %u): the value %s does not "
               "round to 0 or 1 (alternateBinaryTargetCategory)",
               (unsigned)mc->line, buf);
    return -1;
  }
  if (svm->max_wins ? f > t : f < t)
    return mc->k_target;
  return mc->k_alt;
}

int
pmmlE_svm(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_svm *svm = m->body;
  double *x = c->scratch + svm->x_off;
  double *kv = x + svm->n_fields;
  int32_t i, nc = m->n_classes;
  int rc = input_vector(c, svm, x);
  if (rc)
    return rc < 0 ? -1 : 0;
  if (svm->repr == PM_SVM_SUPPORT_VECTORS)
    for (i = 0; i < svm->n_used; i++) {
      int32_t v = svm->used[i];
      kv[v] = kernel(svm, x, svm->vectors + (size_t)v * svm->n_fields,
                     svm->n_fields);
    }
  if (m->function != PM_FN_CLASSIFICATION) {
    double f = machine(svm, &svm->machines[0], x, kv);
    res->raw = f;
    res->value = pmmlV_num(pmmlE_target_value(m, f), m->target_dt);
    return 0;
  }
  for (i = 0; i < nc; i++)
    res->conf[i] = NAN;
  if (svm->method == PM_SVM_ONE_AGAINST_ALL) {
    /* The smallest value wins (the largest with maxWins); the first of
    ** equal ones. */
    int32_t best = -1;
    double bf = 0;
    for (i = 0; i < svm->n_machines; i++) {
      double f = machine(svm, &svm->machines[i], x, kv);
      if (isnan(f))
        continue;
      if (best < 0 || (svm->max_wins ? f > bf : f < bf)) {
        best = i;
        bf = f;
      }
    }
    if (best >= 0)
      res->value = pmmlE_class_value(c->m, m, svm->machines[best].k_target);
    return 0;
  }
  {
    /* Votes; a tie goes to the category that received its first vote
    ** first. Probabilities are the shares of the votes. */
    double *votes = kv + svm->n_vectors, *first = votes + nc;
    int32_t best = -1, order = 0;
    for (i = 0; i < nc; i++)
      votes[i] = 0;
    for (i = 0; i < svm->n_machines; i++) {
      const pm_svmachine *mc = &svm->machines[i];
      int32_t k = vote(c, svm, mc, machine(svm, mc, x, kv));
      if (k < 0)
        return -1;
      if (votes[k] == 0)
        first[k] = (double)order++;
      votes[k] += 1;
    }
    for (i = 0; i < nc; i++) {
      res->prob[i] = votes[i] / (double)svm->n_machines;
      if (votes[i] > 0 &&
          (best < 0 || votes[i] > votes[best] ||
           (votes[i] == votes[best] && first[i] < first[best])))
        best = i;
    }
    if (best >= 0)
      res->value = pmmlE_class_value(c->m, m, best);
  }
  return 0;
}

/* One-against-all defines no probability: such outputs are missing. */
int
pmmlE_svm_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                  const pm_result *res, pm_val *out)
{
  const pm_svm *svm = m->body;
  (void)c;
  (void)res;
  if ((of->feature == PM_FEAT_PROBABILITY ||
       of->feature == PM_FEAT_CONFIDENCE) &&
      m->function == PM_FN_CLASSIFICATION &&
      svm->method == PM_SVM_ONE_AGAINST_ALL) {
    *out = pmmlV_missing();
    return 0;
  }
  return 1;
}
