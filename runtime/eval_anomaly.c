/*
** eval_anomaly.c: scoring an AnomalyDetectionModel (PMML 4.4). The model
** inside is scored as any model is (pmmlE_model); this file only turns its
** result into the anomaly score, the predicted value:
**
**   iforest          s = 2^(-E(h) / c(n)), E(h) the inner model's value (the
**                    average path length over the trees), n = sampleDataSize
**   ocsvm, other     the inner model's value as it is
**   clusterMeanDist  the distance to the winning cluster over that cluster's
**                    entry in MeanClusterDistances
**
** Outputs (decisionFunction, an 'outlier' flag...) are ordinary
** transformedValue/decision expressions over the predicted value.
*/
#include <math.h>

#include "pmml_int.h"

/* Euler's constant, as scikit-learn (numpy.euler_gamma) carries it. */
#define EULER_GAMMA 0.5772156649015329

/*
** c(n) = 2 H(n - 1) - 2 (n - 1) / n with H(i) ~ ln(i) + Euler's constant;
** 1 for n = 2 and 0 below. PMML 4.4 AnomalyDetectionModel, Isolation
** Forest (Liu, Ting and Zhou 2008), written in the order scikit-learn
** computes it so that the last bits agree.
*/
double
pmmlE_iforest_c(double n)
{
  if (n > 2)
    return 2.0 * (log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
  return n == 2 ? 1.0 : 0.0;
}

int
pmmlE_anomaly(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_anomaly *a = m->body;
  const pm_model *inner = c->m->models[a->inner];
  const pm_result *ir;
  double score;
  if (pmmlE_model(c, inner))
    return -1;
  ir = &c->res[inner->index];
  if (a->algorithm == PM_AD_CLUSTER_MEAN_DIST) {
    /* The inner ClusteringModel's winning cluster and its distance. */
    if (ir->entity < 0 || isnan(ir->affinity))
      return 0;
    if (ir->entity >= a->n_mean_dist)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "AnomalyDetectionModel: cluster %d has no entry in "
                        "MeanClusterDistances (%d entries)",
                        (int)ir->entity + 1, (int)a->n_mean_dist);
    score = ir->affinity / a->mean_dist[ir->entity];
  } else {
    if (ir->value.t == PM_T_MISSING)
      return 0;
    if (ir->value.t != PM_T_NUM)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "AnomalyDetectionModel: the model inside predicts a "
                        "value that is not a number");
    score = ir->value.u.num;
    if (a->algorithm == PM_AD_IFOREST)
      score = pow(2.0, -score / a->cn);
  }
  res->raw = score;
  res->value = pmmlV_num(pmmlE_target_value(m, score), m->target_dt);
  return 0;
}
