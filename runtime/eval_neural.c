/*
** eval_neural.c: scoring a NeuralNetwork (PMML 4.4 NeuralNetwork). The
** NeuralInputs' expressions give the input activations; each layer then
** computes Z per neuron (a weighted sum plus bias, or for radialBasis a
** scaled squared distance), applies its activation function and its
** normalization. The output neurons become class probabilities
** (NormDiscrete) or the predicted value (NormContinuous inverted, or as
** is). Sums run in document order, one neuron after another, the way the
** reference evaluator adds them; a dense layer computes four neurons at a
** time over its weight matrix, each sum still in that order.
*/
#include <math.h>

#include "pmml_int.h"

#define PM_PI 3.14159265358979323846

/* PMML 4.4 NeuralNetwork: the activation functions (not radialBasis). */
double
pmmlE_activation(int f, double z, double threshold)
{
  switch (f) {
  case PM_ACT_THRESHOLD:
    return z > threshold ? 1.0 : 0.0;
  case PM_ACT_LOGISTIC:
    return 1.0 / (1.0 + exp(-z));
  case PM_ACT_TANH:
    return tanh(z);
  case PM_ACT_EXPONENTIAL:
    return exp(z);
  case PM_ACT_RECIPROCAL:
    return 1.0 / z;
  case PM_ACT_SQUARE:
    return z * z;
  case PM_ACT_GAUSS:
    return exp(-(z * z));
  case PM_ACT_SINE:
    return sin(z);
  case PM_ACT_COSINE:
    return cos(z);
  case PM_ACT_ELLIOTT:
    return z / (1.0 + fabs(z));
  case PM_ACT_ARCTAN:
    return 2.0 * atan(z) / PM_PI;
  case PM_ACT_RECTIFIER:
    return z > 0.0 ? z : 0.0;
  default: /* identity */
    return z;
  }
}

/* The activation function of layer l over its Z values a[0..n). The
** common functions get loops of their own. */
static void
activate(const pm_nlayer *l, double *a, int32_t n)
{
  int32_t j;
  switch (l->act) {
  case PM_ACT_IDENTITY:
    return;
  case PM_ACT_LOGISTIC:
    for (j = 0; j < n; j++)
      a[j] = 1.0 / (1.0 + exp(-a[j]));
    return;
  case PM_ACT_RECTIFIER:
    for (j = 0; j < n; j++)
      a[j] = a[j] > 0.0 ? a[j] : 0.0;
    return;
  case PM_ACT_TANH:
    for (j = 0; j < n; j++)
      a[j] = tanh(a[j]);
    return;
  default:
    for (j = 0; j < n; j++)
      a[j] = pmmlE_activation(l->act, a[j], l->threshold);
  }
}

/* normalizationMethod over a layer's outputs: softmax subtracts the largest
** value first (the same quotients, no overflow); a sum of exactly 1 divides
** nothing. */
static void
normalize(int norm, double *a, int32_t n)
{
  double sum = 0, max;
  int32_t j;
  if (norm == PM_NNORM_SOFTMAX) {
    max = a[0];
    for (j = 1; j < n; j++)
      if (max < a[j])
        max = a[j];
    for (j = 0; j < n; j++) {
      a[j] = exp(a[j] - max);
      sum += a[j];
    }
  } else {
    for (j = 0; j < n; j++)
      sum += a[j];
  }
  if (sum != 1.0)
    for (j = 0; j < n; j++)
      a[j] /= sum;
}

/* Z of every neuron of a dense layer: the weight matrix times the previous
** layer's np activations x, then the bias. PM_NN_BLOCK (8) neurons at a
** time, their sums in registers, each still taken in the order of its
** connections. */
static void
dense_z(const pm_neural *nn, const pm_nlayer *l, const double *x, int32_t np,
        double *z)
{
  const pm_neuron *u = &nn->neurons[l->first - nn->n_in];
  int32_t b, i, k, n = l->n;
  for (b = 0; b * PM_NN_BLOCK < n; b++) {
    const double *w = l->wt + (size_t)b * np * PM_NN_BLOCK;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    double s[PM_NN_BLOCK];
    int32_t m = n - b * PM_NN_BLOCK;
    for (k = 0; k < np; k++, w += PM_NN_BLOCK) {
      double xk = x[k];
      s0 += w[0] * xk;
      s1 += w[1] * xk;
      s2 += w[2] * xk;
      s3 += w[3] * xk;
      s4 += w[4] * xk;
      s5 += w[5] * xk;
      s6 += w[6] * xk;
      s7 += w[7] * xk;
    }
    s[0] = s0, s[1] = s1, s[2] = s2, s[3] = s3;
    s[4] = s4, s[5] = s5, s[6] = s6, s[7] = s7;
    if (m > PM_NN_BLOCK)
      m = PM_NN_BLOCK;
    for (i = 0; i < m; i++)
      z[b * PM_NN_BLOCK + i] = s[i] + u[b * PM_NN_BLOCK + i].bias;
  }
}

/* One layer into act[l->first ..]. */
static void
layer(const pm_neural *nn, const pm_nlayer *l, int32_t prev, int32_t np,
      double *act)
{
  double *z = act + l->first;
  int32_t j, k;
  if (l->act == PM_ACT_RADIAL_BASIS) {
    /* Z = sum (x - w)^2 / (2 width^2); exp(fan-in * ln(altitude) - Z). */
    for (j = 0; j < l->n; j++) {
      const pm_neuron *u = &nn->neurons[l->first - nn->n_in + j];
      double s = 0;
      for (k = u->con; k < u->con + u->n_con; k++) {
        double d = act[nn->from[k]] - nn->weight[k];
        s += d * d;
      }
      s /= u->width * u->width * -2.0;
      if (u->altitude != 1.0)
        s += log(u->altitude) * (double)u->n_con;
      z[j] = exp(s);
    }
  } else if (l->wt) {
    dense_z(nn, l, act + prev, np, z);
    activate(l, z, l->n);
  } else {
    for (j = 0; j < l->n; j++) {
      const pm_neuron *u = &nn->neurons[l->first - nn->n_in + j];
      double s = 0;
      for (k = u->con; k < u->con + u->n_con; k++)
        s += nn->weight[k] * act[nn->from[k]];
      z[j] = s + u->bias;
    }
    activate(l, z, l->n);
  }
  if (l->norm != PM_NNORM_NONE)
    normalize(l->norm, z, l->n);
}

/* NormContinuous read backwards: the orig value whose norm is v, on the
** piece of the LinearNorms v falls in (the outer pieces extended). */
static double
denormalize(const pm_normcont *nc, double v)
{
  int32_t lo = 0, hi = nc->n - 1, i;
  for (i = 1; i < nc->n - 1; i++) {
    if (v >= nc->norm[i]) {
      lo = i;
    } else if (v <= nc->norm[i]) {
      hi = i;
      break;
    }
  }
  return (v - nc->norm[lo]) / (nc->norm[hi] - nc->norm[lo]) *
             (nc->orig[hi] - nc->orig[lo]) +
         nc->orig[lo];
}

int
pmmlE_neural(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_neural *nn = m->body;
  double *act = c->scratch + nn->act_off;
  int32_t i;
  /* Input activations; a missing one means no prediction. */
  for (i = 0; i < nn->n_in; i++) {
    pm_val v;
    if (pmmlE_expr(c, nn->in_expr[i], &v))
      return -1;
    if (v.t == PM_T_MISSING)
      return 0;
    if (v.t != PM_T_NUM && v.t != PM_T_BOOL) {
      pm_val d;
      if (pmmlV_cast(c, &v, PMML_DT_DOUBLE, &d) != 0 || d.t != PM_T_NUM)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "NeuralInput '%s': the value is not a number",
                          pmmlS_str(&c->m->strs, nn->ids[i]));
      v = d;
    }
    act[i] = v.u.num;
  }
  for (i = 0; i < nn->n_layers; i++) {
    const pm_nlayer *l = &nn->layers[i];
    int32_t prev = i == 0 ? 0 : nn->layers[i - 1].first;
    int32_t np = i == 0 ? nn->n_in : nn->layers[i - 1].n;
    layer(nn, l, prev, np, act);
  }
  if (m->function == PM_FN_CLASSIFICATION) {
    int32_t best = -1;
    for (i = 0; i < m->n_classes; i++)
      res->conf[i] = NAN;
    /* The first output with the largest activation wins. */
    for (i = 0; i < nn->n_outs; i++) {
      const pm_noutput *o = &nn->outs[i];
      double p = act[o->node];
      res->prob[o->klass] = p;
      if (!isnan(p) && (best < 0 || p > act[nn->outs[best].node]))
        best = i;
    }
    if (best >= 0) {
      res->value = pmmlE_class_value(c->m, m, nn->outs[best].klass);
      res->entity = nn->outs[best].node;
      res->entity_id = nn->ids[nn->outs[best].node];
    }
    return 0;
  }
  if (nn->reg_out >= 0) {
    const pm_noutput *o = &nn->outs[nn->reg_out];
    double y = act[o->node];
    if (o->op == PM_X_NORMCONT)
      y = denormalize(o->nc, y);
    res->raw = y;
    res->value = pmmlV_num(pmmlE_target_value(m, y), m->target_dt);
  }
  return 0;
}
