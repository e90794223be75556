/*
** load_anomaly.c: <AnomalyDetectionModel> (PMML 4.4). The model holds one
** model of any family (an isolation forest as a MiningModel of trees, a
** one-class SupportVectorMachineModel, a ClusteringModel, or another),
** read by the ordinary model loader as a nested model, and, for
** clusterMeanDist, the <MeanClusterDistances> array. Resolving checks what
** each algorithmType needs; scoring is in eval_anomaly.c.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

static const char *const algorithm_names[] = {"iforest", "ocsvm",
                                              "clusterMeanDist", "other",
                                              NULL};

static void
anomaly_start(pm_loader *ld, pm_model *m, const char **atts)
{
  pm_anomaly *a = pmmlL_alloc(ld, sizeof *a);
  const char *size;
  if (!a)
    return;
  m->body = a;
  a->inner = -1;
  a->sample_size = NAN;
  if (!pmmlL_need(ld, atts, "algorithmType"))
    return;
  a->algorithm = (uint8_t)pmmlL_enum(ld, atts, "algorithmType",
                                     algorithm_names, PM_AD_OTHER);
  size = pmmlL_attr(atts, "sampleDataSize");
  if (size) {
    a->sample_size = pmmlL_num(ld, atts, "sampleDataSize", NAN);
    if (!ld->failed && !(a->sample_size >= 0))
      pmmlL_fail(ld, PMML_E_INVALID,
                 "AnomalyDetectionModel: sampleDataSize=\"%.40s\" is not a "
                 "number of records",
                 size);
  }
}

/* <MeanClusterDistances><Array type="real">d1 d2 ...</Array> */
static void
means_start(pm_loader *ld, const char **atts)
{
  pm_anomaly *a = ld->model->body;
  (void)atts;
  if (a->mean_dist)
    pmmlL_fail(ld, PMML_E_INVALID,
               "AnomalyDetectionModel: more than one MeanClusterDistances");
}

static void
means_array_end(pm_loader *ld)
{
  pm_anomaly *a = ld->model->body;
  size_t len;
  const char *s = pmmlL_text(ld, &len);
  if (a->mean_dist) {
    pmmlL_fail(ld, PMML_E_INVALID, "MeanClusterDistances: more than one Array");
    return;
  }
  a->mean_dist = pmmlL_numbers(ld, s, len, &a->n_mean_dist);
  if (!ld->failed && a->n_mean_dist == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "MeanClusterDistances: an empty Array");
}

static const pm_elem means_children[] = {
  {"Array", NULL, means_array_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_anomaly_elems[] = {
  {"MeanClusterDistances", means_start, NULL, means_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common_nested, 0},
};

/* The model inside reported its index when it ended. */
static void
anomaly_end(pm_loader *ld, pm_model *m)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_anomaly *a = m->body;
  int32_t n, *kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (ld->failed)
    return;
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "AnomalyDetectionModel: expected one model inside, found %d",
               (int)n);
    return;
  }
  a->inner = kids[0];
}

const pm_family pmmlL_anomaly_family = {
  "AnomalyDetectionModel", anomaly_start, anomaly_end, pmmlL_anomaly_elems,
  pmmlR_anomaly, pmmlE_anomaly, NULL, NULL, 0,
};

/* ------------------------------------------------------------------------ */
/* Resolving                                                                */

int
pmmlR_anomaly(pm_resolver *r, pm_model *m)
{
  pm_anomaly *a = m->body;
  pmml_model *doc = pmmlR_doc(r);
  pm_model *inner = doc->models[a->inner];
  if (m->function != PM_FN_REGRESSION) {
    /* The anomaly score is a number. */
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "AnomalyDetectionModel: functionName must be \"regression\" "
               "(the anomaly score is a number)");
    return -1;
  }
  if (pmmlR_model(r, inner, m))
    return -1;
  switch (a->algorithm) {
  case PM_AD_IFOREST:
    if (isnan(a->sample_size) || a->sample_size < 2) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "AnomalyDetectionModel: algorithmType=\"iforest\" needs "
                 "sampleDataSize of 2 or more (the records per tree)");
      return -1;
    }
    a->cn = pmmlE_iforest_c(a->sample_size);
    break;
  case PM_AD_CLUSTER_MEAN_DIST:
    if (inner->family != PM_FAM_CLUSTERING || !a->mean_dist) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "AnomalyDetectionModel: algorithmType=\"clusterMeanDist\" "
                 "needs a ClusteringModel and MeanClusterDistances");
      return -1;
    }
    break;
  default:
    break;
  }
  return 0;
}
