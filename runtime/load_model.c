/*
** load_model.c: what every model element shares. The table of model
** elements (one row per family, also the families we cannot score, so the
** message names them), the model's own attributes, and the common children:
** <MiningSchema>, <Output>, <Targets>, <LocalTransformations>. The body of
** each family is read by its load_<family>.c.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* ------------------------------------------------------------------------ */
/* <MiningSchema><MiningField .../></MiningSchema>                           */

static const char *const usage_names[] = {
  "active", "target", "supplementary", "group", "order", "frequencyWeight",
  "analysisWeight", "predicted", NULL};
static const char *const outlier_names[] = {"asIs", "asMissingValues",
                                            "asExtremeValues", NULL};
static const char *const miss_names[] = {"asIs", "asMean", "asMode",
                                         "asMedian", "asValue",
                                         "returnInvalid", NULL};
static const char *const invalid_names[] = {"returnInvalid", "asIs",
                                            "asMissing", "asValue", NULL};

static void
miningfield_start(pm_loader *ld, const char **atts)
{
  pm_mfield *mf;
  const char *name = pmmlL_need(ld, atts, "name");
  int usage;
  if (!name)
    return;
  mf = pmmlL_push(ld, &ld->mfs, sizeof *mf);
  if (!mf)
    return;
  mf->name = pmmlL_intern(ld, name, strlen(name));
  mf->line = pmmlL_frame(ld, 0)->line;
  usage = pmmlL_enum(ld, atts, "usageType", usage_names, PM_USE_ACTIVE);
  mf->usage = (uint8_t)(usage == 7 ? PM_USE_TARGET : usage);
  mf->optype = pmmlL_attr(atts, "optype")
                   ? pmmlL_optype_attr(ld, atts, PMML_OP_CONTINUOUS)
                   : PM_DT_ANY;
  mf->outliers =
      (uint8_t)pmmlL_enum(ld, atts, "outliers", outlier_names, PM_OUT_AS_IS);
  mf->low = pmmlL_bound(ld, atts, "lowValue", NAN);
  mf->high = pmmlL_bound(ld, atts, "highValue", NAN);
  if (mf->outliers != PM_OUT_AS_IS &&
      (isnan(mf->low) || isnan(mf->high)) && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "MiningField '%.80s': outliers=\"%s\" needs lowValue and "
               "highValue",
               name, outlier_names[mf->outliers]);
  mf->miss_repl = pmmlL_lit(ld, atts, "missingValueReplacement");
  mf->miss = (uint8_t)pmmlL_enum(ld, atts, "missingValueTreatment",
                                 miss_names, PM_MISS_AS_IS);
  mf->inv = (uint8_t)pmmlL_enum(ld, atts, "invalidValueTreatment",
                                invalid_names, PM_INV_RETURN_INVALID);
  mf->inv_repl = pmmlL_lit(ld, atts, "invalidValueReplacement");
  if (mf->inv == PM_INV_AS_VALUE && mf->inv_repl.t == PM_T_MISSING &&
      !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "MiningField '%.80s': invalidValueTreatment=\"asValue\" needs "
               "invalidValueReplacement",
               name);
  mf->slot = mf->src = -1;
}

static void
miningschema_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  ld->mfs.len = 0;
}

static void
miningschema_end(pm_loader *ld)
{
  pm_model *m = ld->model;
  int32_t i;
  if (m->mf) {
    pmmlL_fail(ld, PMML_E_INVALID, "more than one MiningSchema in a model");
    return;
  }
  m->mf = pmmlL_finish_vec(ld, &ld->mfs, sizeof(pm_mfield), &m->n_mf);
  for (i = 0; i < m->n_mf && m->mf; i++)
    if (m->mf[i].usage == PM_USE_TARGET && m->target_mf < 0) {
      m->target_mf = i;
      m->target_name = m->mf[i].name;
    }
}

static const pm_elem miningschema_children[] = {
  {"MiningField", miningfield_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Output><OutputField .../></Output>                                       */

static const char *const rule_feature_names[] = {
  "predictedValue", "predictedDisplayValue", "probability",
  "transformedValue", "decision", "confidence", "residual", "standardError",
  "standardDeviation", "entityId", "clusterId", "affinity", "entityAffinity",
  "clusterAffinity", "warning", "ruleValue", "reasonCode", "antecedent",
  "consequent", "rule", "ruleId", "support", "lift", "leverage", NULL};
static const char *const algorithm_names[] = {
  "recommendation", "exclusiveRecommendation", "ruleAssociation", NULL};
static const char *const rank_basis_names[] = {
  "confidence", "support", "lift", "leverage", "affinity", NULL};
static const char *const rank_order_names[] = {"descending", "ascending",
                                               NULL};

static void
outputfield_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_ofield *of;
  const char *name = pmmlL_need(ld, atts, "name");
  if (!name)
    return;
  of = pmmlL_push(ld, &ld->ofs, sizeof *of);
  if (!of)
    return;
  f->obj = of;
  f->aux = (int32_t)(ld->ofs.len - 1);
  of->name = pmmlL_intern(ld, name, strlen(name));
  of->line = f->line;
  of->dtype = pmmlL_dtype_attr(ld, atts);
  of->optype = pmmlL_attr(atts, "optype")
                   ? pmmlL_optype_attr(ld, atts, PMML_OP_CONTINUOUS)
                   : PM_DT_ANY;
  of->feature = (uint8_t)pmmlL_enum(ld, atts, "feature",
                                    pmmlR_feature_names, PM_FEAT_PREDICTED);
  of->final = (uint8_t)pmmlL_bool(ld, atts, "isFinalResult", 1);
  of->rule_feature = (uint8_t)pmmlL_enum(ld, atts, "ruleFeature",
                                         rule_feature_names, PM_FEAT_CONSEQUENT);
  of->algorithm = (uint8_t)pmmlL_enum(ld, atts, "algorithm", algorithm_names,
                                      1); /* exclusiveRecommendation */
  of->rank_basis = (uint8_t)pmmlL_enum(ld, atts, "rankBasis",
                                       rank_basis_names, 0);
  of->rank_order = (uint8_t)pmmlL_enum(ld, atts, "rankOrder",
                                       rank_order_names, 0);
  of->multi = (uint8_t)pmmlL_bool(ld, atts, "isMultiValued", 0);
  of->target = pmmlL_sym(ld, atts, "targetField");
  of->value = pmmlL_lit(ld, atts, "value");
  of->rank = (int32_t)pmmlL_int(ld, atts, "rank", 1, 0, 0x7fffffff);
  of->segment = pmmlL_sym(ld, atts, "segmentId");
  of->expr = -1;
  of->slot = -1;
  of->klass = -1;
  of->seg_model = -1;
}

static void
outputfield_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_ofield *of;
  int32_t n, *kids;
  if (!f->obj)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  of = (pm_ofield *)ld->ofs.data + f->aux;
  if (n > 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "OutputField '%s': more than one expression",
               pmmlS_str(&ld->doc->strs, of->name));
    return;
  }
  if (n == 1)
    of->expr = kids[0];
  if ((of->feature == PM_FEAT_TRANSFORMED || of->feature == PM_FEAT_DECISION)
      && of->expr < 0 && !(of->segment >= 0))
    pmmlL_fail(ld, PMML_E_INVALID,
               "OutputField '%s': feature=\"%s\" needs an expression",
               pmmlS_str(&ld->doc->strs, of->name),
               pmmlR_feature_names[of->feature]);
}

static void
output_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  ld->ofs.len = 0;
}

static void
output_end(pm_loader *ld)
{
  pm_model *m = ld->model;
  if (m->of) {
    pmmlL_fail(ld, PMML_E_INVALID, "more than one Output in a model");
    return;
  }
  m->of = pmmlL_finish_vec(ld, &ld->ofs, sizeof(pm_ofield), &m->n_of);
}

static const pm_elem outputfield_children[] = {
  {"Decisions", NULL, NULL, NULL, PM_EL_SKIP},
  /* 4.4: the values a categorical output can take (informative only) */
  {"Value", NULL, NULL, NULL, PM_EL_SKIP},
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

static const pm_elem output_children[] = {
  {"OutputField", outputfield_start, outputfield_end, outputfield_children,
   0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Targets><Target ...><TargetValue .../></Target></Targets>               */

static const char *const cast_names[] = {"", "round", "ceiling", "floor",
                                         NULL};

static void
targetvalue_start(pm_loader *ld, const char **atts)
{
  pm_tvalue *tv = pmmlL_push(ld, &ld->tvals, sizeof *tv);
  if (!tv)
    return;
  tv->v = pmmlL_lit(ld, atts, "value");
  tv->display = pmmlL_sym(ld, atts, "displayValue");
  tv->prior = pmmlL_num(ld, atts, "priorProbability", NAN);
  tv->deflt = pmmlL_lit(ld, atts, "defaultValue");
}

static void
target_start(pm_loader *ld, const char **atts)
{
  pm_target *t = pmmlL_push(ld, &ld->tgts, sizeof *t);
  if (!t)
    return;
  t->field = pmmlL_sym(ld, atts, "field");
  t->optype = pmmlL_attr(atts, "optype")
                  ? pmmlL_optype_attr(ld, atts, PMML_OP_CONTINUOUS)
                  : PM_DT_ANY;
  t->cast = (uint8_t)pmmlL_enum(ld, atts, "castInteger", cast_names,
                                PM_CAST_NONE);
  t->has_min = pmmlL_attr(atts, "min") != NULL;
  t->has_max = pmmlL_attr(atts, "max") != NULL;
  t->min = pmmlL_bound(ld, atts, "min", -INFINITY);
  t->max = pmmlL_bound(ld, atts, "max", INFINITY);
  t->rescale_const = pmmlL_num(ld, atts, "rescaleConstant", 0.0);
  t->rescale_factor = pmmlL_num(ld, atts, "rescaleFactor", 1.0);
  ld->tvals.len = 0;
}

static void
target_end(pm_loader *ld)
{
  pm_target *t;
  if (!ld->tgts.len)
    return;
  t = (pm_target *)ld->tgts.data + ld->tgts.len - 1;
  t->values = pmmlL_finish_vec(ld, &ld->tvals, sizeof(pm_tvalue),
                               &t->n_values);
}

static void
targets_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  ld->tgts.len = 0;
}

static void
targets_end(pm_loader *ld)
{
  pm_model *m = ld->model;
  if (m->targets) {
    pmmlL_fail(ld, PMML_E_INVALID, "more than one Targets in a model");
    return;
  }
  m->targets =
      pmmlL_finish_vec(ld, &ld->tgts, sizeof(pm_target), &m->n_targets);
}

static const pm_elem target_children[] = {
  {"TargetValue", targetvalue_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem targets_children[] = {
  {"Target", target_start, target_end, target_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <LocalTransformations><DerivedField/>...</LocalTransformations>           */

static void
local_start(pm_loader *ld, const char **atts)
{
  if (pmmlL_need(ld, atts, "name"))
    pmmlL_derived_start(ld, atts, &ld->locals);
}

static void
locals_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  ld->locals.len = 0;
}

static void
locals_end(pm_loader *ld)
{
  pm_model *m = ld->model;
  if (m->local) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "more than one LocalTransformations in a model");
    return;
  }
  m->local =
      pmmlL_finish_vec(ld, &ld->locals, sizeof(pm_derived), &m->n_local);
}

static const pm_elem locals_children[] = {
  {"DerivedField", local_start, pmmlL_derived_end, pmmlL_derived_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_model_common[] = {
  {"MiningSchema", miningschema_start, miningschema_end,
   miningschema_children, 0},
  {"Output", output_start, output_end, output_children, 0},
  {"Targets", targets_start, targets_end, targets_children, 0},
  {"LocalTransformations", locals_start, locals_end, locals_children, 0},
  {NULL, NULL, NULL, pmmlL_verify_elem, 0},
};

const pm_elem pmmlL_model_common_nested[] = {
  {"MiningSchema", miningschema_start, miningschema_end,
   miningschema_children, 0},
  {"Output", output_start, output_end, output_children, 0},
  {"Targets", targets_start, targets_end, targets_children, 0},
  {"LocalTransformations", locals_start, locals_end, locals_children, 0},
  {NULL, NULL, NULL, pmmlL_model_elems, 0},
};

/* ------------------------------------------------------------------------ */
/* The model element                                                        */

static const char *const function_names[] = {
  "regression", "classification", "clustering", "associationRules",
  "sequences", "timeSeries", "mixed", NULL};

void
pmmlL_model_start(pm_loader *ld, const char **atts, int family)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  const pm_family *fam = pmmlL_families[family];
  pm_model *m, **slot;
  const char *mc;
  m = pmmlL_alloc(ld, sizeof *m);
  if (!m)
    return;
  slot = pmmlL_push(ld, &ld->models, sizeof *slot);
  if (!slot)
    return;
  *slot = m;
  m->family = (uint8_t)family;
  m->index = (int32_t)(ld->models.len - 1);
  m->parent = ld->model ? ld->model->index : -1;
  m->line = f->line;
  m->name = pmmlL_sym(ld, atts, "modelName");
  if (!pmmlL_need(ld, atts, "functionName"))
    return;
  m->function = (uint8_t)pmmlL_enum(ld, atts, "functionName", function_names,
                                    PM_FN_REGRESSION);
  m->is_scorable = (uint8_t)pmmlL_bool(ld, atts, "isScorable", 1);
  mc = pmmlL_attr(atts, "x-mathContext");
  if (mc && strcmp(mc, "float") && strcmp(mc, "double"))
    pmmlL_fail(ld, PMML_E_INVALID,
               "%s: unknown x-mathContext=\"%.20s\" (float or double)",
               fam->element, mc);
  m->math_float = mc && !strcmp(mc, "float");
  if (!m->math_float && ld->model && ld->model->math_float)
    m->math_float = !mc; /* inherited unless the model says double */
  m->target_mf = -1;
  m->target_name = -1;
  m->target_dt = PMML_DT_STRING;
  f->obj = m;
  f->save = ld->model;
  ld->model = m;
  if (fam->start)
    fam->start(ld, m, atts);
}

void
pmmlL_model_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_model *m = f->obj;
  if (!m)
    return;
  if (!m->mf)
    pmmlL_fail(ld, PMML_E_INVALID, "%s: missing MiningSchema",
               pmmlL_families[m->family]->element);
  if (ld->failed)
    return;
  if (pmmlL_families[m->family]->end)
    pmmlL_families[m->family]->end(ld, m);
  ld->model = f->save;
  if (m->parent < 0) {
    ld->doc->top = m;
    ld->model_done = 1;
  } else {
    /* The enclosing element (a Segment) takes the model from the stack. */
    pmmlL_push_index(ld, m->index);
  }
}

static void
model_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pmmlL_model_start(ld, atts, PM_EL_FAMILY(f->el->flags));
}

/* A model family we cannot score: a clear message naming it. */
static void
unsupported_model(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED, "%s is not supported", f->el->name);
}

#define MODEL(name, fam, body)                                               \
  { name, model_start, pmmlL_model_end, body, PM_EL_MODEL(fam) }
#define UNSUPPORTED(name)                                                    \
  { name, unsupported_model, NULL, NULL, PM_EL_UNSUPP }

const pm_elem pmmlL_model_elems[] = {
  MODEL("RegressionModel", PM_FAM_REGRESSION, pmmlL_regression_elems),
  MODEL("TreeModel", PM_FAM_TREE, pmmlL_tree_elems),
  MODEL("AnomalyDetectionModel", PM_FAM_ANOMALY, pmmlL_anomaly_elems),
  MODEL("AssociationModel", PM_FAM_ASSOCIATION, pmmlL_association_elems),
  UNSUPPORTED("BaselineModel"),
  UNSUPPORTED("BayesianNetworkModel"),
  MODEL("ClusteringModel", PM_FAM_CLUSTERING, pmmlL_clustering_elems),
  UNSUPPORTED("GaussianProcessModel"),
  MODEL("GeneralRegressionModel", PM_FAM_GENREG, pmmlL_genreg_elems),
  MODEL("MiningModel", PM_FAM_MINING, pmmlL_mining_elems),
  MODEL("NaiveBayesModel", PM_FAM_NAIVEBAYES, pmmlL_naivebayes_elems),
  MODEL("NearestNeighborModel", PM_FAM_KNN, pmmlL_knn_elems),
  MODEL("NeuralNetwork", PM_FAM_NEURAL, pmmlL_neural_elems),
  MODEL("RuleSetModel", PM_FAM_RULESET, pmmlL_ruleset_elems),
  MODEL("Scorecard", PM_FAM_SCORECARD, pmmlL_scorecard_elems),
  UNSUPPORTED("SequenceModel"),
  MODEL("SupportVectorMachineModel", PM_FAM_SVM, pmmlL_svm_elems),
  UNSUPPORTED("TextModel"),
  UNSUPPORTED("TimeSeriesModel"),
  {NULL, NULL, NULL, NULL, 0},
};

/* The implemented families; NULL for the others. */
const pm_family *const pmmlL_families[PM_FAM_COUNT] = {
  [PM_FAM_TREE] = &pmmlL_tree_family,
  [PM_FAM_REGRESSION] = &pmmlL_regression_family,
  [PM_FAM_GENREG] = &pmmlL_genreg_family,
  [PM_FAM_CLUSTERING] = &pmmlL_clustering_family,
  [PM_FAM_KNN] = &pmmlL_knn_family,
  [PM_FAM_SCORECARD] = &pmmlL_scorecard_family,
  [PM_FAM_NEURAL] = &pmmlL_neural_family,
  [PM_FAM_SVM] = &pmmlL_svm_family,
  [PM_FAM_NAIVEBAYES] = &pmmlL_naivebayes_family,
  [PM_FAM_RULESET] = &pmmlL_ruleset_family,
  [PM_FAM_ANOMALY] = &pmmlL_anomaly_family,
  [PM_FAM_ASSOCIATION] = &pmmlL_association_family,
  [PM_FAM_MINING] = &pmmlL_mining_family,
};
