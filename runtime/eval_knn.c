/*
** eval_knn.c: scoring a NearestNeighborModel (PMML 4.4 k-Nearest
** Neighbors). One pass over the training instances keeps the nearest ones
** in a bounded heap in the context's scratch (nothing is allocated); the k
** nearest then vote (classification) or are averaged (regression).
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* A kept neighbour: two doubles of scratch, its affinity then its index. */
#define AFF(h, i) ((h)[2 * (size_t)(i)])
#define IDX(h, i) ((int32_t)(h)[2 * (size_t)(i) + 1])

/* Does neighbour i come before neighbour j in the ranking: closer, or as
** close and earlier in the training data? */
static int
before(const pm_measure *ms, const double *h, int32_t i, int32_t j)
{
  double a = AFF(h, i), b = AFF(h, j);
  if (pmmlE_closer(ms, a, b))
    return 1;
  if (pmmlE_closer(ms, b, a))
    return 0;
  return IDX(h, i) < IDX(h, j);
}

static void
swap(double *h, int32_t i, int32_t j)
{
  double a = AFF(h, i), b = h[2 * (size_t)i + 1];
  AFF(h, i) = AFF(h, j);
  h[2 * (size_t)i + 1] = h[2 * (size_t)j + 1];
  AFF(h, j) = a;
  h[2 * (size_t)j + 1] = b;
}

/* Restore the heap below i: the root is the neighbour ranked last. */
static void
sift_down(const pm_measure *ms, double *h, int32_t n, int32_t i)
{
  for (;;) {
    int32_t l = 2 * i + 1, r = l + 1, w = i;
    if (l < n && before(ms, h, w, l))
      w = l;
    if (r < n && before(ms, h, w, r))
      w = r;
    if (w == i)
      return;
    swap(h, i, w);
    i = w;
  }
}

static void
sift_up(const pm_measure *ms, double *h, int32_t i)
{
  while (i > 0) {
    int32_t p = (i - 1) / 2;
    if (!before(ms, h, p, i))
      return;
    swap(h, p, i);
    i = p;
  }
}

/* The vote's winner among the classes: the most votes; on a tie the class
** with the most training instances, then the smallest value (PMML 4.4
** k-Nearest Neighbors, categoricalScoringMethod). */
static int32_t
winner(const pmml_ctx *c, const pm_model *m, const pm_knn *knn,
       const double *votes)
{
  int32_t k, best = -1;
  for (k = 0; k < m->n_classes; k++) {
    if (votes[k] <= 0)
      continue;
    if (best < 0 || votes[k] > votes[best]) {
      best = k;
    } else if (votes[k] == votes[best]) {
      double nk = knn->class_count[k], nb = knn->class_count[best];
      if (nk > nb) {
        best = k;
      } else if (nk == nb) {
        pm_val a = pmmlV_lit(c->m, &m->classes[k]);
        pm_val b = pmmlV_lit(c->m, &m->classes[best]);
        if (pmmlV_compare(&a, &b) < 0)
          best = k;
      }
    }
  }
  return best;
}

/* The median of v[0..n) (sorted in place): the middle value, or for an
** even count the lower middle plus half the distance to the upper one. */
static double
median(double *v, int32_t n)
{
  int32_t i, j;
  for (i = 1; i < n; i++) {
    double x = v[i];
    for (j = i; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
  if (n % 2)
    return v[n / 2];
  return v[n / 2 - 1] + 0.5 * (v[n / 2] - v[n / 2 - 1]);
}

/*
** PMML 4.4 k-Nearest Neighbors. The record's KNNInput values (a missing
** one counts for nothing, the distance adjusted by the count of inputs over
** the count present), the measure to every training instance, the nearest
** kept in ranking order (closer first; equally close, the earlier instance
** first). Classification: majorityVote counts the k nearest, and
** weightedMajorityVote weighs each by 1 / (distance + threshold); the
** probabilities are the shares of the vote. Regression: average, median or
** weightedAverage of the k nearest targets.
*/
int
pmmlE_knn(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_knn *knn = m->body;
  const pm_measure *ms = &knn->meas;
  int32_t n = knn->n_inputs, keep = knn->keep, i, j, present = 0, size = 0;
  double *x = c->scratch + knn->scratch;
  double *h = x + n;
  double *tmp = h + 2 * (size_t)keep;
  double adjust;
  for (j = 0; j < n; j++) {
    int rc = pmmlE_cfield_value(c, &knn->inputs[j], &x[j]);
    if (rc < 0)
      return -1;
    present += rc == 0;
  }
  if (present == 0)
    return 0;
  if (ms->metric >= PM_MS_SIMPLEMATCHING) {
    if (present < n)
      return 0;
    for (j = 0; j < n; j++)
      if (x[j] != 0.0 && x[j] != 1.0)
        return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                          "NearestNeighborModel: '%s' must be 0 or 1 for a "
                          "binary similarity",
                          pmmlS_str(&c->m->strs, knn->inputs[j].name));
  }
  adjust = (double)n / (double)present;
  for (i = 0; i < knn->n_inst; i++) {
    double a = pmmlE_measure(ms, knn->inputs, n, x,
                             knn->x + (size_t)i * (size_t)n, adjust);
    if (size < keep) {
      AFF(h, size) = a;
      h[2 * (size_t)size + 1] = (double)i;
      sift_up(ms, h, size++);
    } else if (pmmlE_closer(ms, a, AFF(h, 0))) {
      /* Equally close to the last kept: the earlier instance stays. */
      AFF(h, 0) = a;
      h[1] = (double)i;
      sift_down(ms, h, size, 0);
    }
  }
  /* Heapsort: the last ranked goes to the end, the nearest to h[0]. */
  for (i = size - 1; i > 0; i--) {
    swap(h, 0, i);
    sift_down(ms, h, i, 0);
  }
  res->extra = h;
  res->entity = IDX(h, 0);
  res->entity_id = knn->ids[res->entity];
  res->affinity = AFF(h, 0);
  if (m->function == PM_FN_CLUSTERING)
    return 0;
  if (knn->klass) {
    double *votes = res->prob, sum = 0.0;
    int32_t k;
    for (i = 0; i < knn->k; i++) {
      double w = 1.0;
      if (knn->cat == PM_KNN_WEIGHTED_MAJORITY)
        w = 1.0 / (AFF(h, i) + knn->threshold);
      votes[knn->klass[IDX(h, i)]] += w;
    }
    k = winner(c, m, knn, votes);
    for (i = 0; i < m->n_classes; i++)
      sum += votes[i];
    for (i = 0; i < m->n_classes; i++) {
      votes[i] = sum > 0 ? votes[i] / sum : 0.0;
      res->conf[i] = votes[i];
    }
    if (k >= 0)
      res->value = pmmlE_class_value(c->m, m, k);
    return 0;
  }
  {
    double y = 0.0, wsum = 0.0;
    switch (knn->cont) {
    case PM_KNN_MEDIAN:
      for (i = 0; i < knn->k; i++)
        tmp[i] = knn->y[IDX(h, i)];
      y = median(tmp, knn->k);
      break;
    case PM_KNN_WEIGHTED_AVERAGE:
      for (i = 0; i < knn->k; i++) {
        double w = 1.0 / (AFF(h, i) + knn->threshold);
        y += w * knn->y[IDX(h, i)];
        wsum += w;
      }
      y /= wsum;
      break;
    default:
      for (i = 0; i < knn->k; i++)
        y += knn->y[IDX(h, i)];
      y /= (double)knn->k;
      break;
    }
    res->raw = y;
    res->value = pmmlV_num(pmmlE_target_value(m, y), m->target_dt);
  }
  return 0;
}

/* The affinity of the instance whose id is the output field's value=:
** kept, or measured again; NaN when no instance has that id. */
static double
affinity_of(pmml_ctx *c, const pm_knn *knn, const pm_ofield *of)
{
  const double *x = c->scratch + knn->scratch;
  const double *h = x + knn->n_inputs;
  int32_t i, present = 0;
  for (i = 0; i < knn->keep; i++)
    if (knn->ids[IDX(h, i)] == of->value.sym)
      return AFF(h, i);
  for (i = 0; i < knn->n_inputs; i++)
    present += !isnan(x[i]);
  for (i = 0; i < knn->n_inst; i++)
    if (knn->ids[i] == of->value.sym)
      return pmmlE_measure(&knn->meas, knn->inputs, knn->n_inputs, x,
                           knn->x + (size_t)i * (size_t)knn->n_inputs,
                           (double)knn->n_inputs / (double)present);
  return NAN;
}

/* PMML 4.4 Output for k-NN: entityId with rank= is the id of the rank-th
** nearest instance, affinity its distance (or similarity); with value=,
** affinity and entityAffinity are those of the instance with that id. */
int
pmmlE_knn_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                  const pm_result *res, pm_val *out)
{
  const pm_knn *knn = m->body;
  const double *h = c->scratch + knn->scratch + knn->n_inputs;
  double a;
  if (of->feature != PM_FEAT_ENTITY_ID && of->feature != PM_FEAT_AFFINITY &&
      of->feature != PM_FEAT_ENTITY_AFFINITY)
    return 1;
  *out = pmmlV_missing();
  if (res->entity < 0)
    return 0;
  if (of->feature == PM_FEAT_ENTITY_ID) {
    if (of->rank <= knn->keep) {
      int32_t id = knn->ids[IDX(h, of->rank - 1)];
      *out = pmmlV_str(pmmlS_str(&c->m->strs, id),
                       pmmlS_len(&c->m->strs, id), id);
    }
    return 0;
  }
  if (of->value.t != PM_T_MISSING)
    a = affinity_of(c, knn, of);
  else if (of->feature == PM_FEAT_AFFINITY && of->rank <= knn->keep)
    a = AFF(h, of->rank - 1);
  else if (of->feature == PM_FEAT_AFFINITY)
    a = NAN;
  else
    a = res->affinity;
  if (!isnan(a))
    *out = pmmlV_num(a, PMML_DT_DOUBLE);
  return 0;
}
