/*
** load_doc.c: the document-level elements. <PMML>, <Header>,
** <DataDictionary> with its fields' Values and Intervals,
** <TransformationDictionary> with DerivedFields and DefineFunctions (the
** DerivedField handlers serve LocalTransformations too), the elements that
** carry no scoring meaning, and the list of PMML element names used to tell
** "not supported" from "unknown" in messages.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* ------------------------------------------------------------------------ */
/* Elements skipped anywhere: documentation, statistics, vendor extensions. */

const pm_elem pmmlL_skip_elems[] = {
  {"Extension", NULL, NULL, NULL, PM_EL_SKIP},
  {"Annotation", NULL, NULL, NULL, PM_EL_SKIP},
  {"Timestamp", NULL, NULL, NULL, PM_EL_SKIP},
  {"MiningBuildTask", NULL, NULL, NULL, PM_EL_SKIP},
  {"ModelStats", NULL, NULL, NULL, PM_EL_SKIP},
  {"ModelExplanation", NULL, NULL, NULL, PM_EL_SKIP},
  {"ModelVerification", NULL, NULL, NULL, PM_EL_SKIP},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Header><Application name= version=/></Header>                           */

static void
application_start(pm_loader *ld, const char **atts)
{
  const char *name = pmmlL_attr(atts, "name");
  const char *ver = pmmlL_attr(atts, "version");
  char buf[256];
  snprintf(buf, sizeof buf, "%s%s%s", name ? name : "", ver ? " " : "",
           ver ? ver : "");
  ld->doc->application = pmmlM_dup(ld->a, buf, strlen(buf) + 1);
  if (!ld->doc->application)
    pmmlL_nomem(ld);
}

static const pm_elem header_children[] = {
  {"Application", application_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* Values and Intervals of fields                                           */

static const char *const property_names[] = {"valid", "invalid", "missing",
                                             NULL};
static const char *const closure_names[] = {"openOpen", "openClosed",
                                            "closedOpen", "closedClosed",
                                            NULL};

/* <Value value= displayValue= property=/> */
static void
value_start(pm_loader *ld, const char **atts)
{
  pm_fvalue *v;
  const char *text = pmmlL_need(ld, atts, "value");
  if (!text)
    return;
  v = pmmlM_vec_push(ld->a, &ld->vals, sizeof *v);
  if (!v) {
    pmmlL_nomem(ld);
    return;
  }
  v->v = pmmlL_lit_text(ld, text, strlen(text));
  v->display = pmmlL_sym(ld, atts, "displayValue");
  v->property = (uint8_t)pmmlL_enum(ld, atts, "property", property_names,
                                    PM_PROP_VALID);
}

/* <Interval closure= leftMargin= rightMargin=/> into 'iv'. */
void
pmmlL_interval(pm_loader *ld, const char **atts, pm_interval *iv)
{
  iv->closure = (uint8_t)pmmlL_enum(ld, atts, "closure", closure_names, -1);
  if (!pmmlL_attr(atts, "closure"))
    pmmlL_fail(ld, PMML_E_INVALID, "Interval: missing attribute 'closure'");
  iv->left = pmmlL_bound(ld, atts, "leftMargin", -INFINITY);
  iv->right = pmmlL_bound(ld, atts, "rightMargin", INFINITY);
  if (!ld->failed && iv->left > iv->right)
    pmmlL_fail(ld, PMML_E_INVALID,
               "Interval: leftMargin is greater than rightMargin");
}

static void
interval_start(pm_loader *ld, const char **atts)
{
  pm_interval *iv = pmmlM_vec_push(ld->a, &ld->ivals, sizeof *iv);
  if (!iv) {
    pmmlL_nomem(ld);
    return;
  }
  pmmlL_interval(ld, atts, iv);
}

/* Move the Values and Intervals read since the field began into 'dom'. */
static void
finish_domain(pm_loader *ld, pm_domain *dom)
{
  int ok1, ok2;
  int32_t i;
  dom->n_values = (int32_t)ld->vals.len;
  dom->n_intervals = (int32_t)ld->ivals.len;
  dom->values = pmmlM_vec_finish(ld->a, &ld->vals, sizeof(pm_fvalue), &ok1);
  dom->intervals =
      pmmlM_vec_finish(ld->a, &ld->ivals, sizeof(pm_interval), &ok2);
  if (!ok1 || !ok2)
    pmmlL_nomem(ld);
  dom->n_valid = 0;
  for (i = 0; i < dom->n_values && dom->values; i++)
    if (dom->values[i].property == PM_PROP_VALID)
      dom->n_valid++;
}

static const pm_elem domain_children[] = {
  {"Value", value_start, NULL, NULL, 0},
  {"Interval", interval_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <DataDictionary><DataField name= optype= dataType= isCyclic=>            */

/* dataType=, or a default from the optype for exporters that omit it. */
static uint8_t
data_type(pm_loader *ld, const char **atts, int optype, int required)
{
  const char *s = pmmlL_attr(atts, "dataType");
  int dt;
  if (!s) {
    if (!required)
      return PM_DT_ANY;
    return optype == PMML_OP_CONTINUOUS ? PMML_DT_DOUBLE : PMML_DT_STRING;
  }
  dt = pmmlV_dtype(s);
  if (dt < 0) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID, "%s: unknown dataType=\"%.60s\"",
               f && f->el ? f->el->name : "element", s);
    return PMML_DT_STRING;
  }
  return (uint8_t)dt;
}

/* optype=, or a default from the data type. */
static uint8_t
op_type(pm_loader *ld, const char **atts, int dflt)
{
  const char *s = pmmlL_attr(atts, "optype");
  int op;
  if (!s)
    return (uint8_t)dflt;
  op = pmmlV_optype(s);
  if (op < 0) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID, "%s: unknown optype=\"%.60s\"",
               f && f->el ? f->el->name : "element", s);
    return PMML_OP_CONTINUOUS;
  }
  return (uint8_t)op;
}

uint8_t
pmmlL_dtype_attr(pm_loader *ld, const char **atts)
{
  return data_type(ld, atts, 0, 0);
}

uint8_t
pmmlL_optype_attr(pm_loader *ld, const char **atts, int dflt)
{
  return op_type(ld, atts, dflt);
}

static void
datafield_start(pm_loader *ld, const char **atts)
{
  pm_datafield *f;
  const char *name = pmmlL_need(ld, atts, "name");
  const char *op = pmmlL_attr(atts, "optype");
  const char *dt = pmmlL_attr(atts, "dataType");
  if (!name)
    return;
  f = pmmlM_vec_push(ld->a, &ld->df, sizeof *f);
  if (!f) {
    pmmlL_nomem(ld);
    return;
  }
  f->name = pmmlL_intern(ld, name, strlen(name));
  f->line = pmmlL_frame(ld, 0)->line;
  f->slot = -1;
  f->input = -1;
  if (!op && !dt) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "DataField '%.80s': neither optype nor dataType given", name);
    return;
  }
  if (op) {
    f->optype = op_type(ld, atts, PMML_OP_CATEGORICAL);
    f->dtype = data_type(ld, atts, f->optype, 1);
  } else {
    f->dtype = data_type(ld, atts, PMML_OP_CONTINUOUS, 1);
    f->optype = pmmlV_numeric_dt(f->dtype) && f->dtype != PMML_DT_INTEGER
                    ? PMML_OP_CONTINUOUS
                    : PMML_OP_CATEGORICAL;
  }
  f->cyclic = (uint8_t)pmmlL_bool(ld, atts, "isCyclic", 0);
  ld->vals.len = 0;
  ld->ivals.len = 0;
}

static void
datafield_end(pm_loader *ld)
{
  pm_datafield *f;
  if (!ld->df.len)
    return;
  f = (pm_datafield *)ld->df.data + ld->df.len - 1;
  finish_domain(ld, &f->dom);
}

static const pm_elem dd_children[] = {
  {"DataField", datafield_start, datafield_end, domain_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <DerivedField name= optype= dataType=> EXPRESSION Value* </DerivedField>  */

/* The DerivedField of the current frame: frame->obj is the vector it is
** in (TransformationDictionary or LocalTransformations), aux its index. */
static pm_derived *
cur_derived(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_vec *v = f->obj;
  return (pm_derived *)v->data + f->aux;
}

void
pmmlL_derived_start(pm_loader *ld, const char **atts, pm_vec *into)
{
  pm_derived *d;
  pm_frame *f = pmmlL_frame(ld, 0);
  const char *name = pmmlL_attr(atts, "name");
  d = pmmlM_vec_push(ld->a, into, sizeof *d);
  if (!d) {
    pmmlL_nomem(ld);
    return;
  }
  f->obj = into;
  f->aux = (int32_t)(into->len - 1);
  /* PMML 3.x allowed a nameless DerivedField (inside NeuralInput). */
  d->name = name ? pmmlL_intern(ld, name, strlen(name)) : -1;
  d->line = f->line;
  d->dtype = data_type(ld, atts, 0, 0);
  d->optype = op_type(ld, atts, d->dtype == PM_DT_ANY ||
                                        (pmmlV_numeric_dt(d->dtype) &&
                                         d->dtype != PMML_DT_INTEGER)
                                    ? PMML_OP_CONTINUOUS
                                    : PMML_OP_CATEGORICAL);
  d->expr = -1;
  ld->vals.len = 0;
  ld->ivals.len = 0;
}

void
pmmlL_derived_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  int32_t n, *kids;
  pm_derived *d;
  if (!f->obj)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  d = cur_derived(ld);
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "DerivedField '%s': expected one expression, found %d",
               d->name >= 0 ? pmmlS_str(&ld->doc->strs, d->name) : "",
               (int)n);
    return;
  }
  d->expr = kids[0];
  finish_domain(ld, &d->dom);
}

static void
gd_start(pm_loader *ld, const char **atts)
{
  if (pmmlL_need(ld, atts, "name"))
    pmmlL_derived_start(ld, atts, &ld->gd);
}

const pm_elem pmmlL_derived_children[] = {
  {"Value", value_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

/* ------------------------------------------------------------------------ */
/* <DefineFunction name= optype= dataType=> ParameterField* EXPRESSION       */

static void
param_start(pm_loader *ld, const char **atts)
{
  const char *name = pmmlL_need(ld, atts, "name");
  int32_t *p;
  uint8_t *dt;
  if (!name)
    return;
  p = pmmlM_vec_push(ld->a, &ld->params, sizeof *p);
  dt = pmmlM_vec_push(ld->a, &ld->param_dt, 1);
  if (!p || !dt) {
    pmmlL_nomem(ld);
    return;
  }
  *p = pmmlL_intern(ld, name, strlen(name));
  *dt = data_type(ld, atts, 0, 0);
}

static void
function_start(pm_loader *ld, const char **atts)
{
  pm_function *fn;
  pm_frame *f = pmmlL_frame(ld, 0);
  const char *name = pmmlL_need(ld, atts, "name");
  if (!name)
    return;
  fn = pmmlM_vec_push(ld->a, &ld->fns, sizeof *fn);
  if (!fn) {
    pmmlL_nomem(ld);
    return;
  }
  fn->name = pmmlL_intern(ld, name, strlen(name));
  fn->line = f->line;
  fn->dtype = data_type(ld, atts, 0, 0);
  fn->optype = op_type(ld, atts, PMML_OP_CONTINUOUS);
  fn->expr = -1;
  f->aux = (int32_t)(ld->fns.len - 1);
  f->obj = fn;
  ld->params.len = 0;
  ld->param_dt.len = 0;
}

static void
function_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_function *fn;
  int32_t n, *kids;
  int ok1, ok2;
  if (!f->obj)
    return;
  fn = (pm_function *)ld->fns.data + f->aux;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "DefineFunction '%s': expected one expression, found %d",
               pmmlS_str(&ld->doc->strs, fn->name), (int)n);
    return;
  }
  fn->expr = kids[0];
  fn->n_params = (int32_t)ld->params.len;
  fn->params = pmmlM_vec_finish(ld->a, &ld->params, sizeof(int32_t), &ok1);
  fn->param_dt = pmmlM_vec_finish(ld->a, &ld->param_dt, 1, &ok2);
  if (!ok1 || !ok2)
    pmmlL_nomem(ld);
}

static const pm_elem function_children[] = {
  {"ParameterField", param_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

static const pm_elem td_children[] = {
  {"DerivedField", gd_start, pmmlL_derived_end, pmmlL_derived_children, 0},
  {"DefineFunction", function_start, function_end, function_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <PMML>                                                                   */

static void
root_end(pm_loader *ld)
{
  if (!ld->doc->top)
    pmmlL_fail(ld, PMML_E_INVALID, "PMML: the document holds no model");
}

static const pm_elem root_children[] = {
  {"Header", NULL, NULL, header_children, 0},
  {"DataDictionary", NULL, NULL, dd_children, 0},
  {"TransformationDictionary", NULL, NULL, td_children, 0},
  {NULL, NULL, NULL, pmmlL_model_elems, 0},
};

const pm_elem pmmlL_root_elem = {"PMML", NULL, root_end, root_children, 0};

/* ------------------------------------------------------------------------ */
/* Finishing                                                                */

int
pmmlL_finish(pm_loader *ld)
{
  pmml_model *doc = ld->doc;
  int ok[8], i;
  if (ld->failed)
    return -1;
  doc->n_df = (int32_t)ld->df.len;
  doc->df = pmmlM_vec_finish(ld->a, &ld->df, sizeof(pm_datafield), &ok[0]);
  doc->n_gd = (int32_t)ld->gd.len;
  doc->gd = pmmlM_vec_finish(ld->a, &ld->gd, sizeof(pm_derived), &ok[1]);
  doc->n_fns = (int32_t)ld->fns.len;
  doc->fns = pmmlM_vec_finish(ld->a, &ld->fns, sizeof(pm_function), &ok[2]);
  /* Expressions and argument lists stay growable: resolve may copy
  ** expressions, and moves them into the document when done. */
  ok[3] = ok[4] = 1;
  /* Predicates stay in the loader's vector until resolve is done: a flat
  ** forest may leave some out (pmmlR_finish_preds). */
  doc->n_preds = (int32_t)ld->preds.len;
  doc->preds = ld->preds.data;
  ok[5] = 1;
  doc->n_models = (int32_t)ld->models.len;
  doc->models =
      pmmlM_vec_finish(ld->a, &ld->models, sizeof(pm_model *), &ok[6]);
  ok[7] = 1;
  for (i = 0; i < 8; i++)
    if (!ok[i]) {
      pmmlL_nomem(ld);
      return -1;
    }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Every element name of PMML 3.0-4.4, sorted, for messages.                */

static const char *const known[] = {
  "ARIMA", "AnomalyDetectionModel", "AntecedentSequence", "AnyDistribution",
  "Apply", "Array", "AssociationModel", "AssociationRule", "Attribute",
  "BaseCumHazardTables", "Baseline", "BaselineCell", "BaselineModel",
  "BaselineStratum", "BayesInput", "BayesInputs", "BayesOutput",
  "BayesianNetworkModel", "BayesianNetworkNodes", "BoundaryValueMeans",
  "BoundaryValues", "CategoricalPredictor", "Categories", "Category",
  "Characteristic", "Characteristics", "ChildParent", "ClassLabels",
  "Cluster", "ClusteringField", "ClusteringModel", "ClusteringModelQuality",
  "Coefficient", "Coefficients", "ComparisonMeasure", "Comparisons",
  "CompoundPredicate", "CompoundRule", "Con", "ConfusionMatrix",
  "ConsequentSequence", "Constant", "Constraints", "ContStats",
  "CorrelationFields", "CorrelationMethods", "CorrelationValues",
  "Correlations", "Counts", "Covariances", "CovariateList", "DataDictionary",
  "DataField", "Decision", "DecisionTree", "Decisions", "DefineFunction",
  "Delimiter", "DerivedField", "DiscrStats", "Discretize", "DiscretizeBin",
  "DocumentTermMatrix", "EventValues", "ExponentialSmoothing", "Extension",
  "FactorList", "False", "FieldColumnPair", "FieldRef", "FieldValue",
  "FieldValueCount", "GaussianDistribution", "GaussianProcessModel",
  "GeneralRegressionModel", "Header", "InlineTable", "InstanceField",
  "InstanceFields", "Interval", "Item", "ItemRef", "Itemset", "KNNInput",
  "KNNInputs", "Lag", "LiftData", "LiftGraph", "LinearKernelType",
  "LinearNorm", "LocalTransformations", "MapValues", "Matrix",
  "MiningBuildTask", "MiningField", "MiningModel", "MiningSchema",
  "MissingValueWeights", "ModelExplanation", "ModelLiftGraph", "ModelStats",
  "ModelVerification", "NaiveBayesModel", "NearestNeighborModel",
  "NeuralInput", "NeuralInputs", "NeuralLayer", "NeuralNetwork",
  "NeuralOutput", "NeuralOutputs", "Neuron", "Node", "NormContinuous",
  "NormDiscrete", "NumericInfo", "NumericPredictor", "OptimumLiftGraph",
  "Output", "OutputField", "PCell", "PCovCell", "PCovMatrix", "PMML",
  "PPCell", "PPMatrix", "PairCounts", "ParamMatrix", "Parameter",
  "ParameterField", "ParameterList", "Partition", "PartitionFieldStats",
  "PoissonDistribution", "PolynomialKernelType", "PredictiveModelQuality",
  "Predictor", "PredictorTerm", "Quantile", "REAL-ARRAY",
  "REAL-SparseArray", "RadialBasisKernelType", "RandomLiftGraph",
  "Regression", "RegressionModel", "RegressionTable", "ResultField",
  "RuleSelectionMethod", "RuleSet", "RuleSetModel", "ScoreDistribution",
  "Scorecard", "SeasonalTrendDecomposition", "Seasonality_ExpoSmooth",
  "Segment", "Segmentation", "Sequence", "SequenceModel", "SequenceReference",
  "SequenceRule", "SetPredicate", "SetReference", "SigmoidKernelType",
  "SimplePredicate", "SimpleRule", "SimpleSetPredicate", "SpectralAnalysis",
  "SupportVector", "SupportVectorMachine", "SupportVectorMachineModel",
  "SupportVectors", "TableLocator", "Target", "TargetValue",
  "TargetValueCount", "TargetValueCounts", "TargetValueStat",
  "TargetValueStats", "Targets", "Taxonomy", "TestDistributions",
  "TextCorpus", "TextDictionary", "TextDocument", "TextIndex",
  "TextIndexNormalization", "TextModel", "TextModelNormalization",
  "TextModelSimiliarity", "Time", "TimeAnchor", "TimeCycle", "TimeException",
  "TimeSeries", "TimeSeriesModel", "TimeValue", "Timestamp",
  "TransformationDictionary", "TreeModel", "Trend", "Trend_ExpoSmooth",
  "True", "UniformDistribution", "UnivariateStats", "Value",
  "VectorDictionary", "VectorFields", "VectorInstance", "VerificationField",
  "VerificationFields", "Xcoord", "Ycoord", "binarySimilarity", "chebychev",
  "cityBlock", "euclidean", "jaccard", "minkowski", "row", "simpleMatching",
  "squaredEuclidean", "tanimoto",
};

int
pmmlL_known_element(const char *name)
{
  size_t lo = 0, hi = sizeof known / sizeof known[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(name, known[mid]);
    if (c == 0)
      return 1;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return 0;
}
