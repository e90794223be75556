/*
** eval_clustering.c: scoring a center-based ClusteringModel (PMML 4.4
** ClusteringModel): the distance or similarity of the record to every
** cluster center, the closest cluster, and the entity outputs. Also the
** comparison measures (distances, binary similarities) and compare
** functions that NearestNeighborModel shares (eval_knn.c).
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* ------------------------------------------------------------------------ */
/* Comparison measures, shared with NearestNeighborModel                    */

int32_t
pmmlE_table_row(const pmml_model *doc, const pm_domain *d, const pm_val *v)
{
  int32_t i, k = 0;
  if (d->n_valid > 0) {
    for (i = 0; i < d->n_values; i++) {
      pm_val lv;
      if (d->values[i].property != PM_PROP_VALID)
        continue;
      lv = pmmlV_lit(doc, &d->values[i].v);
      if (pmmlV_equal(v, &lv) == 1)
        return k;
      k++;
    }
    return -1;
  }
  if (v->t != PM_T_NUM)
    return -1;
  for (i = 0; i < d->n_intervals; i++)
    if (pmmlE_in_interval(&d->intervals[i], v->u.num))
      return i;
  return -1;
}

static const char *
field_name(const pmml_ctx *c, const pm_cfield *f)
{
  return f->name >= 0 ? pmmlS_str(&c->m->strs, f->name) : "";
}

int
pmmlE_cfield_value(pmml_ctx *c, const pm_cfield *f, double *x)
{
  const pm_val *v;
  pm_val tmp;
  if (f->expr >= 0) {
    if (pmmlE_expr(c, f->expr, &tmp))
      return -1;
    v = &tmp;
  } else {
    v = pmmlE_slot(c, f->slot);
  }
  if (v->t == PM_T_MISSING || (v->t == PM_T_NUM && isnan(v->u.num))) {
    *x = NAN;
    return 1;
  }
  if (f->cmp == PM_CF_TABLE && f->dom) {
    int32_t row = pmmlE_table_row(c->m, f->dom, v);
    if (row < 0) {
      char buf[64];
      pmmlV_format(v, buf, sizeof buf);
      return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                        "%s '%s': value '%s' is not one of the field's "
                        "values, which index the Comparisons matrix",
                        f->element, field_name(c, f), buf);
    }
    *x = (double)row;
    return 0;
  }
  if (f->sym) {
    pm_val s = *v;
    if (v->t != PM_T_STR && pmmlV_cast(c, v, PMML_DT_STRING, &s))
      return -1;
    /* Every reference value is interned: a string that is not matches
    ** none of them. */
    *x = (double)(s.sym >= 0 ? s.sym
                             : pmmlS_lookup(&c->m->strs, s.u.str, s.len));
    return 0;
  }
  if (v->t != PM_T_NUM && v->t != PM_T_BOOL) {
    char buf[64];
    pmmlV_format(v, buf, sizeof buf);
    return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                      "%s '%s': value '%s' is not a number", f->element,
                      field_name(c, f), buf);
  }
  *x = v->u.num;
  return 0;
}

/* c(x, y) of compareFunction: absDiff |x-y|, gaussSim
** exp(-ln 2 z^2 / s^2) with z = x-y and s the similarityScale, delta (0 when
** equal, else 1), equal (1 when equal, else 0), table (the Comparisons
** matrix at row x, column y). */
static double
compare(const pm_cfield *f, double x, double y)
{
  switch (f->cmp) {
  case PM_CF_ABSDIFF:
    return fabs(x - y);
  case PM_CF_GAUSSSIM: {
    double z = x - y;
    return exp(-log(2.0) * (z * z) / (f->scale * f->scale));
  }
  case PM_CF_DELTA:
    return x == y ? 0.0 : 1.0;
  case PM_CF_EQUAL:
    return x == y ? 1.0 : 0.0;
  default:
    return f->table[(size_t)x * (size_t)f->n_table + (size_t)y];
  }
}

/*
** PMML 4.4 ClusteringModel, ComparisonMeasure. Distances sum (or take the
** largest of) w_i c(x_i, y_i)^p over the fields present, multiply by the
** missing-value adjustment, then take the outer root: euclidean (p = 2,
** square root), squaredEuclidean (p = 2), cityBlock (p = 1), chebychev
** (the largest term), minkowski (p-parameter, p-th root). The binary
** similarities count the four agreements a11, a10, a01, a00 of x and y.
*/
double
pmmlE_measure(const pm_measure *ms, const pm_cfield *f, int32_t n,
              const double *x, const double *y, double adjust)
{
  double sum = 0.0, top = -INFINITY;
  int32_t i;
  if (ms->metric >= PM_MS_SIMPLEMATCHING) {
    double a[4] = {0, 0, 0, 0}; /* a00, a01, a10, a11 */
    double num, den;
    for (i = 0; i < n; i++)
      a[(x[i] != 0.0) * 2 + (y[i] != 0.0)] += 1.0;
    switch (ms->metric) {
    case PM_MS_SIMPLEMATCHING:
      num = a[3] + a[0];
      den = a[3] + a[2] + a[1] + a[0];
      break;
    case PM_MS_JACCARD:
      num = a[3];
      den = a[3] + a[2] + a[1];
      break;
    case PM_MS_TANIMOTO:
      num = a[3] + a[0];
      den = a[3] + 2.0 * (a[2] + a[1]) + a[0];
      break;
    default: /* binarySimilarity: c11 a11 + c10 a10 + ... over d's */
      num = ms->c[3] * a[3] + ms->c[2] * a[2] + ms->c[1] * a[1] +
            ms->c[0] * a[0];
      den = ms->d[3] * a[3] + ms->d[2] * a[2] + ms->d[1] * a[1] +
            ms->d[0] * a[0];
      break;
    }
    return num / den;
  }
  if (ms->absdiff && ms->metric <= PM_MS_CITYBLOCK &&
      ms->metric != PM_MS_CHEBYCHEV) {
    /* The common case, unrolled: absDiff everywhere. A missing input makes
    ** the sum NaN and takes the general loop below. */
    for (i = 0; i < n; i++) {
      double d = x[i] - y[i];
      sum += ms->metric == PM_MS_CITYBLOCK ? f[i].weight * fabs(d)
                                           : f[i].weight * (d * d);
    }
    if (!isnan(sum))
      return ms->metric == PM_MS_EUCLIDEAN ? sqrt(sum * adjust)
                                           : sum * adjust;
    sum = 0.0;
  }
  for (i = 0; i < n; i++) {
    double d;
    if (isnan(x[i]))
      continue;
    d = compare(&f[i], x[i], y[i]);
    switch (ms->metric) {
    case PM_MS_EUCLIDEAN:
    case PM_MS_SQEUCLIDEAN:
      sum += f[i].weight * (d * d);
      break;
    case PM_MS_CITYBLOCK:
      sum += f[i].weight * d;
      break;
    case PM_MS_CHEBYCHEV:
      if (f[i].weight * d > top)
        top = f[i].weight * d;
      break;
    default:
      sum += f[i].weight * pow(d, ms->p);
      break;
    }
  }
  switch (ms->metric) {
  case PM_MS_EUCLIDEAN:
    return sqrt(sum * adjust);
  case PM_MS_CHEBYCHEV:
    return top * adjust;
  case PM_MS_MINKOWSKI:
    return pow(sum * adjust, 1.0 / ms->p);
  default:
    return sum * adjust;
  }
}

/* ------------------------------------------------------------------------ */
/* Scoring                                                                  */

/* The cluster at 1-based 'rank' when the clusters are ordered closest
** first (ties keep document order), -1 past the end. */
static int32_t
ranked(const pm_measure *ms, const double *aff, int32_t n, int32_t rank)
{
  int32_t k, j;
  for (k = 0; k < n; k++) {
    int32_t before = 0;
    if (isnan(aff[k]))
      continue;
    for (j = 0; j < n; j++)
      if (pmmlE_closer(ms, aff[j], aff[k]) || (j < k && aff[j] == aff[k]))
        before++;
    if (before == rank - 1)
      return k;
  }
  return -1;
}

/*
** PMML 4.4 ClusteringModel, center-based scoring: the record's values of
** the center fields, the adjustment for missing values (the sum of the
** MissingValueWeights, 1 each by default, over the sum of those of the
** fields present), the measure to every center, and the closest cluster
** (the first in the document on a tie). Its id is the predicted value.
*/
int
pmmlE_clustering(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_clustering *clu = m->body;
  double *aff = c->scratch + clu->scratch;
  double *x = aff + clu->n_clusters;
  double q_all = 0.0, q_present = 0.0;
  int32_t n = clu->n_fields, i, k, best = -1, present = 0;
  pm_val v;
  for (i = 0; i < n; i++) {
    double q = clu->mvw ? clu->mvw[i] : 1.0;
    int rc = pmmlE_cfield_value(c, &clu->fields[i], &x[i]);
    if (rc < 0)
      return -1;
    q_all += q;
    if (rc == 0) {
      q_present += q;
      present++;
    }
  }
  if (present == 0 || !(q_present > 0))
    return 0; /* nothing to compare: no prediction */
  if (clu->meas.metric >= PM_MS_SIMPLEMATCHING) {
    if (present < n)
      return 0;
    for (i = 0; i < n; i++)
      if (x[i] != 0.0 && x[i] != 1.0)
        return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                          "ClusteringModel: '%s' must be 0 or 1 for a "
                          "binary similarity",
                          field_name(c, &clu->fields[i]));
  }
  for (k = 0; k < clu->n_clusters; k++) {
    aff[k] = pmmlE_measure(&clu->meas, clu->fields, n, x,
                           clu->centers + (size_t)k * (size_t)n,
                           q_all / q_present);
    if (best < 0 ? !isnan(aff[k]) : pmmlE_closer(&clu->meas, aff[k], aff[best]))
      best = k;
  }
  res->extra = aff;
  if (best < 0)
    return 0;
  res->entity = best;
  res->entity_id = clu->clusters[best].id;
  res->affinity = aff[best];
  v = pmmlV_str(pmmlS_str(&c->m->strs, res->entity_id),
                pmmlS_len(&c->m->strs, res->entity_id), res->entity_id);
  if (m->target_dt != PMML_DT_STRING && m->target_dt != PM_DT_ANY) {
    if (pmmlV_cast(c, &v, m->target_dt, &res->value))
      return pmmlE_fail(c, PMML_E_EVAL,
                        "ClusteringModel: cluster id '%s' is not a %s",
                        pmmlS_str(&c->m->strs, res->entity_id),
                        pmml_dtype_name((pmml_dtype)m->target_dt));
    return 0;
  }
  res->value = v;
  return 0;
}

/* The cluster whose id (else name) is the output field's value=, -1. */
static int32_t
cluster_named(const pm_clustering *clu, const pm_ofield *of)
{
  int32_t k;
  if (of->value.sym < 0)
    return -1;
  for (k = 0; k < clu->n_clusters; k++)
    if (clu->clusters[k].id == of->value.sym)
      return k;
  for (k = 0; k < clu->n_clusters; k++)
    if (clu->clusters[k].name == of->value.sym)
      return k;
  return -1;
}

static pm_val
sym_val(const pmml_ctx *c, int32_t id)
{
  return pmmlV_str(pmmlS_str(&c->m->strs, id), pmmlS_len(&c->m->strs, id),
                   id);
}

/* PMML 4.4 Output for clustering models. clusterId is the id of the
** winning cluster; entityId and affinity take rank= (1 the closest);
** affinity, clusterAffinity and entityAffinity take value= (a cluster's
** id); predictedDisplayValue is the cluster's name (its id if nameless). */
int
pmmlE_clustering_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                         const pm_result *res, pm_val *out)
{
  const pm_clustering *clu = m->body;
  const double *aff = c->scratch + clu->scratch;
  int32_t k;
  switch (of->feature) {
  case PM_FEAT_DISPLAY:
  case PM_FEAT_CLUSTER_ID:
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_AFFINITY:
  case PM_FEAT_ENTITY_AFFINITY:
  case PM_FEAT_CLUSTER_AFFINITY:
    break;
  default:
    return 1;
  }
  *out = pmmlV_missing();
  if (res->entity < 0)
    return 0;
  switch (of->feature) {
  case PM_FEAT_DISPLAY:
    k = clu->clusters[res->entity].name;
    *out = sym_val(c, k >= 0 ? k : res->entity_id);
    return 0;
  case PM_FEAT_CLUSTER_ID:
    *out = sym_val(c, res->entity_id);
    return 0;
  case PM_FEAT_ENTITY_ID:
    k = of->rank > 1 ? ranked(&clu->meas, aff, clu->n_clusters, of->rank)
                     : res->entity;
    if (k >= 0)
      *out = sym_val(c, clu->clusters[k].id);
    return 0;
  case PM_FEAT_AFFINITY:
    k = of->value.t != PM_T_MISSING ? cluster_named(clu, of)
        : of->rank > 1 ? ranked(&clu->meas, aff, clu->n_clusters, of->rank)
                       : res->entity;
    break;
  default:
    k = of->value.t != PM_T_MISSING ? cluster_named(clu, of) : res->entity;
    break;
  }
  if (k >= 0)
    *out = pmmlV_num(aff[k], PMML_DT_DOUBLE);
  return 0;
}
