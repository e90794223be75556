/*
** load_mining.c: <MiningModel> (PMML 4.4 Multiple Models). The loader reads
** the Segmentation and its Segments (a predicate and a model each; the
** models are ordinary models of any family, nested MiningModels too), the
** PMML 3.x embedded models (<Regression>, <DecisionTree> with their
** ResultFields) and the LocalTransformations that PMML 4.1 put inside
** Segmentation. It also adds to a selectFirst or modelChain MiningModel the
** output fields of the segments whose result it passes on. The resolve step
** binds the segments in the MiningModel's scope; eval_mining.c scores.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

/* The MiningModel being read: its body until the model ends. */
typedef struct mining_loader {
  pm_mining *mining;
  pm_vec segs;          /* pm_segment */
  pm_vec locals;        /* pm_derived: Segmentation/LocalTransformations */
  pm_vec results;       /* pm_ofield: ResultFields of the open embedded model */
  int segmentation;     /* a Segmentation was read */
} mining_loader;

/* Segmentation@multipleModelMethod as written, and what each one means. */
static const char *const method_names[] = {
  "majorityVote", "weightedMajorityVote", "average", "weightedAverage",
  "median", "weightedMedian", "max", "sum", "weightedSum", "selectFirst",
  "selectAll", "modelChain", "x-weightedMedian", "x-weightedSum",
  "x-multiModelChain", NULL};
static const uint8_t method_codes[] = {
  PM_MM_MAJORITY_VOTE, PM_MM_WEIGHTED_MAJORITY_VOTE, PM_MM_AVERAGE,
  PM_MM_WEIGHTED_AVERAGE, PM_MM_MEDIAN, PM_MM_WEIGHTED_MEDIAN, PM_MM_MAX,
  PM_MM_SUM, PM_MM_WEIGHTED_SUM, PM_MM_SELECT_FIRST, PM_MM_SELECT_ALL,
  PM_MM_MODEL_CHAIN, PM_MM_WEIGHTED_MEDIAN, PM_MM_WEIGHTED_SUM,
  PM_MM_MULTI_MODEL_CHAIN};
static const char *const treatment_names[] = {"continue", "skipSegment",
                                              "returnMissing", NULL};

static pm_model *
model_at(pm_loader *ld, int32_t i)
{
  return ((pm_model **)ld->models.data)[i];
}

/* MiningModels inside MiningModels: loading, resolving and scoring recurse
** once per level. */
#define MAX_NESTING 256

static void
mining_start(pm_loader *ld, pm_model *m, const char **atts)
{
  mining_loader *ml;
  int32_t up = m->parent, depth = 0;
  (void)atts;
  for (; up >= 0; up = model_at(ld, up)->parent)
    if (++depth >= MAX_NESTING) {
      pmmlL_fail(ld, PMML_E_LIMIT,
                 "MiningModel: models nested deeper than %d", MAX_NESTING);
      return;
    }
  ml = pmmlL_alloc(ld, sizeof *ml);
  if (!ml)
    return;
  ml->mining = pmmlL_alloc(ld, sizeof *ml->mining);
  if (!ml->mining)
    return;
  pmmlL_track(ld, &ml->segs, sizeof(pm_segment));
  pmmlL_track(ld, &ml->locals, sizeof(pm_derived));
  pmmlL_track(ld, &ml->results, sizeof(pm_ofield));
  ml->mining->method = PM_MM_MODEL_CHAIN;
  ml->mining->threshold = 1.0;
  m->body = ml;
}

/* ------------------------------------------------------------------------ */
/* <Segmentation multipleModelMethod= missingPredictionTreatment=
**   missingThreshold=>                                                     */

static void
segmentation_start(pm_loader *ld, const char **atts)
{
  mining_loader *ml = ld->model->body;
  pm_mining *mn = ml->mining;
  const char *mpt = pmmlL_attr(atts, "missingPredictionTreatment")
                        ? "missingPredictionTreatment"
                        : "x-missingPredictionTreatment";
  const char *thr = pmmlL_attr(atts, "missingThreshold")
                        ? "missingThreshold"
                        : "x-missingThreshold";
  int k;
  if (ml->segmentation) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "MiningModel: more than one Segmentation");
    return;
  }
  ml->segmentation = 1;
  mn->line = pmmlL_frame(ld, 0)->line;
  if (!pmmlL_need(ld, atts, "multipleModelMethod"))
    return;
  k = pmmlL_enum(ld, atts, "multipleModelMethod", method_names, 0);
  mn->method = method_codes[k];
  mn->missing =
      (uint8_t)pmmlL_enum(ld, atts, mpt, treatment_names, PM_MPT_CONTINUE);
  mn->threshold = pmmlL_num(ld, atts, thr, 1.0);
  if (!(mn->threshold >= 0 && mn->threshold <= 1) && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "Segmentation: missingThreshold must lie in [0, 1]");
}

/* <LocalTransformations> inside Segmentation (PMML 4.1 and earlier): more
** derived fields of the MiningModel's scope. */
static void
seg_local_start(pm_loader *ld, const char **atts)
{
  mining_loader *ml = ld->model->body;
  if (pmmlL_need(ld, atts, "name"))
    pmmlL_derived_start(ld, atts, &ml->locals);
}

static const pm_elem seg_locals_children[] = {
  {"DerivedField", seg_local_start, pmmlL_derived_end,
   pmmlL_derived_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Segment id= weight=> PREDICATE MODEL [VariableWeight] </Segment>        */

static void
segment_start(pm_loader *ld, const char **atts)
{
  mining_loader *ml = ld->model->body;
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_segment *s = pmmlL_push(ld, &ml->segs, sizeof *s);
  if (!s)
    return;
  if (ml->segs.len > 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many Segments");
    return;
  }
  s->pred = -1;
  s->model = (int32_t)ld->models.len; /* the index its model will take */
  s->id = pmmlL_sym(ld, atts, "id");
  if (s->id < 0) {
    /* JPMML's implicit id: the 1-based position. */
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%u", (unsigned)ml->segs.len);
    s->id = pmmlL_intern(ld, buf, (size_t)n);
  }
  s->weight = pmmlL_num(ld, atts, "weight", 1.0);
  if (!(s->weight >= 0) && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID, "Segment: weight must not be negative");
  f->obj = ml;
  f->aux = (int32_t)(ml->segs.len - 1);
}

static void
segment_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  mining_loader *ml = f->obj;
  pm_segment *s;
  int32_t n, *kids;
  if (!ml)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (ld->failed)
    return;
  s = (pm_segment *)ml->segs.data + f->aux;
  if (n != 2 || kids[1] != s->model) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "Segment: expected a predicate, then a model");
    return;
  }
  s->pred = kids[0];
  s->always = ((pm_pred *)ld->preds.data)[s->pred].kind == PM_P_TRUE;
}

static void
variable_weight(pm_loader *ld, const char **atts)
{
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED,
             "Segment: VariableWeight is not supported");
}

/* ------------------------------------------------------------------------ */
/* PMML 3.x model composition: <Regression> and <DecisionTree>, a
** RegressionModel and a TreeModel without MiningSchema (they see the
** fields of the MiningModel), with ResultFields: named results that the
** models and segments after them can read.                                */

static mining_loader *
enclosing_loader(pm_loader *ld, size_t up)
{
  pm_model *mm = pmmlL_frame(ld, up)->save;
  return mm ? mm->body : NULL;
}

static void
embedded_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_model *parent = ld->model, *m;
  mining_loader *ml = parent->body;
  pmmlL_model_start(ld, atts, PM_EL_FAMILY(f->el->flags));
  if (ld->failed || f->obj == NULL)
    return;
  m = f->obj;
  /* No MiningSchema: the fields come from the enclosing scope as they are,
  ** and the target is the MiningModel's. */
  m->mf = pmmlL_alloc(ld, sizeof(pm_mfield));
  m->n_mf = 0;
  m->target_name = parent->target_name;
  ml->results.len = 0;
}

/* <ResultField name= displayName= optype= dataType= feature= value=/> */
static void
resultfield_start(pm_loader *ld, const char **atts)
{
  mining_loader *ml = enclosing_loader(ld, 1);
  const char *name = pmmlL_need(ld, atts, "name");
  pm_ofield *of;
  if (!name || !ml)
    return;
  of = pmmlL_push(ld, &ml->results, sizeof *of);
  if (!of)
    return;
  of->name = pmmlL_intern(ld, name, strlen(name));
  of->line = pmmlL_frame(ld, 0)->line;
  of->dtype = pmmlL_dtype_attr(ld, atts);
  of->optype = pmmlL_attr(atts, "optype")
                   ? pmmlL_optype_attr(ld, atts, PMML_OP_CONTINUOUS)
                   : PM_DT_ANY;
  /* ResultField@feature: the RESULT-FEATURE values, as OutputField@feature */
  of->feature = (uint8_t)pmmlL_enum(ld, atts, "feature",
                                    pmmlR_feature_names, PM_FEAT_PREDICTED);
  if ((of->feature == PM_FEAT_TRANSFORMED || of->feature == PM_FEAT_DECISION)
      && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ResultField '%s': feature=\"%s\" needs an expression",
               name, pmmlR_feature_names[of->feature]);
  of->final = 0; /* for the models after it, not an output of the document */
  of->value = pmmlL_lit(ld, atts, "value");
  of->target = of->segment = of->expr = of->slot = of->klass = -1;
  of->seg_model = -1;
  of->rank = 1;
}

static void
embedded_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_model *m = f->obj;
  mining_loader *ml = enclosing_loader(ld, 0);
  if (m && ml && ml->results.len && !ld->failed) {
    /* The ResultFields follow the model's own OutputFields. */
    int32_t n = m->n_of + (int32_t)ml->results.len;
    pm_ofield *of = pmmlL_alloc(ld, (size_t)n * sizeof *of);
    if (!of)
      return;
    if (m->n_of)
      memcpy(of, m->of, (size_t)m->n_of * sizeof *of);
    memcpy(of + m->n_of, ml->results.data, ml->results.len * sizeof *of);
    m->of = of;
    m->n_of = n;
    ml->results.len = 0;
  }
  pmmlL_model_end(ld);
}

static const pm_elem embedded_regression_elems[] = {
  {"ResultField", resultfield_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_regression_elems, 0},
};

static const pm_elem embedded_tree_elems[] = {
  {"ResultField", resultfield_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_tree_elems, 0},
};

#define EMBEDDED(name, fam, body)                                            \
  { name, embedded_start, embedded_end, body, PM_EL_MODEL(fam) }

static const pm_elem segment_children[] = {
  {"VariableWeight", variable_weight, NULL, NULL, 0},
  EMBEDDED("Regression", PM_FAM_REGRESSION, embedded_regression_elems),
  EMBEDDED("DecisionTree", PM_FAM_TREE, embedded_tree_elems),
  {NULL, NULL, NULL, pmmlL_segment_elems, 0},
};

static const pm_elem segmentation_children[] = {
  {"Segment", segment_start, segment_end, segment_children, 0},
  {"LocalTransformations", NULL, NULL, seg_locals_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_mining_elems[] = {
  {"Segmentation", segmentation_start, NULL, segmentation_children, 0},
  EMBEDDED("Regression", PM_FAM_REGRESSION, embedded_regression_elems),
  EMBEDDED("DecisionTree", PM_FAM_TREE, embedded_tree_elems),
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

/* ------------------------------------------------------------------------ */
/* The end of the MiningModel                                               */

static int
has_name(const pm_ofield *of, int32_t n, int32_t name)
{
  int32_t i;
  for (i = 0; i < n; i++)
    if (of[i].name == name)
      return 1;
  return 0;
}

/*
** The outputs the MiningModel passes on from its segments, put before its
** own (JPMML's order): selectFirst, those of the segments up to the first
** one whose predicate is <True/> (one of them is selected); modelChain,
** those from the last <True/> segment on (the last one scored is among
** them); x-multiModelChain, every segment's. A name the MiningModel's own
** Output has, or an earlier segment gave, is taken once.
*/
static void
add_delegates(pm_loader *ld, pm_model *m, pm_mining *mn)
{
  int32_t lo = 0, hi = mn->n_segs - 1, s, k, n = 0, total;
  pm_ofield *of;
  pm_vec v = {0};
  switch (mn->method) {
  case PM_MM_SELECT_FIRST:
    for (s = 0; s < mn->n_segs; s++)
      if (mn->segs[s].always) {
        hi = s;
        break;
      }
    break;
  case PM_MM_MODEL_CHAIN:
    for (s = mn->n_segs - 1; s >= 0; s--)
      if (mn->segs[s].always) {
        lo = s;
        break;
      }
    break;
  case PM_MM_MULTI_MODEL_CHAIN:
    break;
  default:
    return;
  }
  for (s = lo; s <= hi; s++) {
    const pm_model *sm = model_at(ld, mn->segs[s].model);
    for (k = 0; k < sm->n_of; k++) {
      pm_ofield *d;
      if (has_name(m->of, m->n_of, sm->of[k].name) ||
          has_name(v.data, (int32_t)v.len, sm->of[k].name))
        continue;
      d = pmmlM_vec_push(ld->a, &v, sizeof *d);
      if (!d) {
        pmmlM_vec_free(ld->a, &v, sizeof *d);
        pmmlL_nomem(ld);
        return;
      }
      d->name = sm->of[k].name;
      d->line = sm->of[k].line;
      d->dtype = sm->of[k].dtype;
      d->optype = sm->of[k].optype;
      d->feature = PM_FEAT_PREDICTED; /* read from the segment as it is */
      d->final = sm->of[k].final;
      d->value.t = PM_T_MISSING;
      d->value.raw = d->value.sym = -1;
      d->target = d->segment = d->expr = d->slot = d->klass = -1;
      d->seg_model = -1;
      d->rank = 1;
      n++;
    }
  }
  if (n == 0)
    return;
  total = n + m->n_of;
  of = pmmlL_alloc(ld, (size_t)total * sizeof *of);
  if (of) {
    memcpy(of, v.data, (size_t)n * sizeof *of);
    if (m->n_of)
      memcpy(of + n, m->of, (size_t)m->n_of * sizeof *of);
    m->of = of;
    m->n_of = total;
    mn->n_delegates = n;
  }
  pmmlM_vec_free(ld->a, &v, sizeof(pm_ofield));
}

/* Append the derived fields of Segmentation/LocalTransformations to the
** MiningModel's own. */
static void
merge_locals(pm_loader *ld, pm_model *m, mining_loader *ml)
{
  int32_t n = m->n_local + (int32_t)ml->locals.len;
  pm_derived *d;
  if (!ml->locals.len)
    return;
  d = pmmlL_alloc(ld, (size_t)n * sizeof *d);
  if (!d)
    return;
  if (m->n_local)
    memcpy(d, m->local, (size_t)m->n_local * sizeof *d);
  memcpy(d + m->n_local, ml->locals.data, ml->locals.len * sizeof *d);
  m->local = d;
  m->n_local = n;
}

static void
mining_end(pm_loader *ld, pm_model *m)
{
  mining_loader *ml = m->body;
  pm_mining *mn = ml->mining;
  int32_t n_emb, *emb, i;
  /* The embedded models read directly inside the MiningModel reported
  ** themselves on its frame. */
  emb = pmmlL_pop_indices(ld, pmmlL_frame(ld, 0)->mark, &n_emb);
  if (ld->failed)
    goto done;
  mn->segs = pmmlL_finish_vec(ld, &ml->segs, sizeof(pm_segment), &mn->n_segs);
  if (ld->failed)
    goto done;
  if (ml->segmentation && mn->n_segs == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "Segmentation: no Segment");
    goto done;
  }
  if (!ml->segmentation) {
    /* PMML 3.x: a sequence of embedded models, the last one predicts. */
    if (n_emb == 0) {
      pmmlL_fail(ld, PMML_E_INVALID, "MiningModel: no Segmentation");
      goto done;
    }
    mn->segs = pmmlL_alloc(ld, (size_t)n_emb * sizeof *mn->segs);
    if (!mn->segs)
      goto done;
    for (i = 0; i < n_emb; i++) {
      char buf[16];
      int len = snprintf(buf, sizeof buf, "%d", (int)i + 1);
      mn->segs[i].pred = -1;
      mn->segs[i].model = emb[i];
      mn->segs[i].always = 1;
      mn->segs[i].weight = 1.0;
      mn->segs[i].id = pmmlL_intern(ld, buf, (size_t)len);
    }
    mn->n_segs = n_emb;
    mn->method = PM_MM_MODEL_CHAIN;
  } else {
    mn->embedded = emb;
    mn->n_embedded = n_emb;
  }
  merge_locals(ld, m, ml);
  add_delegates(ld, m, mn);
done:
  pmmlM_vec_free(ld->a, &ml->segs, sizeof(pm_segment));
  pmmlM_vec_free(ld->a, &ml->locals, sizeof(pm_derived));
  pmmlM_vec_free(ld->a, &ml->results, sizeof(pm_ofield));
  m->body = mn;
}

const pm_family pmmlL_mining_family = {
  "MiningModel", mining_start, mining_end, pmmlL_mining_elems, pmmlR_mining,
  pmmlE_mining, pmmlE_mining_feature, NULL,
  /* checked per field by pmmlR_mining: of a segment (segmentId), or passed
  ** on from the segment a selectFirst or modelChain takes */
  PM_FEAT_BIT(PM_FEAT_PROBABILITY) | PM_FEAT_BIT(PM_FEAT_CONFIDENCE) |
      PM_FEAT_BIT(PM_FEAT_ENTITY_ID) | PM_FEAT_BIT(PM_FEAT_AFFINITY) |
      PM_FEAT_BIT(PM_FEAT_ENTITY_AFFINITY),
};

/* ------------------------------------------------------------------------ */
/* Resolving: the segments in the MiningModel's scope, their classes in the
** MiningModel's, the output fields that refer to segments, the scratch.   */

/* PM_MM_* and PM_FN_* as written, for messages. */
static const char *const method_text[] = {
  "majorityVote", "weightedMajorityVote", "average", "weightedAverage",
  "median", "weightedMedian", "max", "sum", "weightedSum", "selectFirst",
  "selectAll", "modelChain", "x-multiModelChain"};
static const char *const function_names[] = {
  "regression", "classification", "clustering", "associationRules",
  "sequences", "timeSeries", "mixed"};

/* Does multipleModelMethod apply to the function? PMML 4.4 Multiple Models
** lists the methods of each function; JPMML refuses the others too. */
static int
method_fits(int method, int function)
{
  switch (method) {
  case PM_MM_MAJORITY_VOTE:
  case PM_MM_WEIGHTED_MAJORITY_VOTE:
    return function == PM_FN_CLASSIFICATION || function == PM_FN_CLUSTERING;
  case PM_MM_AVERAGE:
  case PM_MM_WEIGHTED_AVERAGE:
  case PM_MM_MEDIAN:
    return function == PM_FN_CLASSIFICATION || function == PM_FN_REGRESSION;
  case PM_MM_MAX:
    return function == PM_FN_CLASSIFICATION;
  case PM_MM_WEIGHTED_MEDIAN:
  case PM_MM_SUM:
  case PM_MM_WEIGHTED_SUM:
    return function == PM_FN_REGRESSION;
  default: /* selectFirst, selectAll, modelChain, x-multiModelChain */
    return 1;
  }
}

static int
is_chain(int method)
{
  return method == PM_MM_MODEL_CHAIN || method == PM_MM_MULTI_MODEL_CHAIN;
}

/* The MiningModel's class for class k of segment model sm: the same
** category (as numbers, else by its text), added when the MiningModel's
** target did not list it. */
static int32_t
parent_class(pm_resolver *r, pm_model *m, const pm_model *sm, int32_t k)
{
  return pmmlR_add_class(r, m, &sm->classes[k]);
}

/* Can the MiningModel itself yield feature f for a field of its own? */
static int
mining_supports(const pm_model *m, const pm_mining *mn, int f)
{
  switch (f) {
  case PM_FEAT_PREDICTED:
  case PM_FEAT_DISPLAY:
  case PM_FEAT_TRANSFORMED:
  case PM_FEAT_DECISION:
  case PM_FEAT_WARNING:
    return 1;
  case PM_FEAT_PROBABILITY:
  case PM_FEAT_CONFIDENCE:
    return m->function == PM_FN_CLASSIFICATION;
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_AFFINITY:
  case PM_FEAT_ENTITY_AFFINITY:
    /* the entity of the segment model whose result is taken */
    return mn->method == PM_MM_SELECT_FIRST || is_chain(mn->method);
  default:
    return 0;
  }
}

static int
unsupported_feature(pm_resolver *r, const pm_model *m, const pm_ofield *of)
{
  pmmlR_fail(r, PMML_E_UNSUPPORTED, of->line,
             "OutputField: feature=\"%s\" of '%s' is not supported for %s "
             "%s",
             pmmlR_feature_names[of->feature],
             pmmlS_str(&pmmlR_doc(r)->strs, of->name),
             m->function == PM_FN_CLASSIFICATION ? "a classification" : "a",
             pmmlL_families[m->family]->element);
  return -1;
}

/* The MiningModel's own output fields: those that name a segment
** (segmentId) are seen from that segment's model; the others must be the
** MiningModel's features. */
static int
resolve_fields(pm_resolver *r, pm_model *m, pm_mining *mn)
{
  pmml_model *doc = pmmlR_doc(r);
  int32_t i, s;
  mn->seg_of = pmmlM_alloc(pmmlR_arena(r), (size_t)m->n_of * sizeof(pm_ofield));
  if (m->n_of && !mn->seg_of) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = mn->n_delegates; i < m->n_of; i++) {
    pm_ofield *of = &m->of[i];
    const pm_model *sm;
    if (of->segment < 0) {
      if (!mining_supports(m, mn, of->feature))
        return unsupported_feature(r, m, of);
      continue;
    }
    for (s = 0; s < mn->n_segs; s++)
      if (mn->segs[s].id == of->segment)
        break;
    if (s == mn->n_segs) {
      pmmlR_fail(r, PMML_E_REFERENCE, of->line,
                 "OutputField: segmentId=\"%s\" of '%s' names no Segment of "
                 "the MiningModel",
                 pmmlS_str(&doc->strs, of->segment),
                 pmmlS_str(&doc->strs, of->name));
      return -1;
    }
    sm = doc->models[mn->segs[s].model];
    /* resolve.c's rule, for a field that names a segment's model */
    if (!pmmlR_feature_supported(sm->family, sm->function, of->feature))
      return unsupported_feature(r, sm, of);
    of->seg_model = sm->index;
    mn->seg_of[i] = *of;
    mn->seg_of[i].segment = -1;
    mn->seg_of[i].seg_model = -1;
    mn->seg_of[i].klass = of->value.t != PM_T_MISSING &&
                                  sm->function == PM_FN_CLASSIFICATION
                              ? pmmlR_class(sm, &of->value)
                              : -1;
  }
  return 0;
}

/* Where each field the MiningModel passes on sits in each segment's model;
** the data type of those that do not declare one. */
static int
resolve_delegates(pm_resolver *r, pm_model *m, pm_mining *mn)
{
  pmml_model *doc = pmmlR_doc(r);
  int32_t d, s, k, n = mn->n_delegates * mn->n_segs;
  if (!n)
    return 0;
  mn->delegate_of = pmmlM_alloc(pmmlR_arena(r), (size_t)n * sizeof(int32_t));
  if (!mn->delegate_of) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (d = 0; d < mn->n_delegates; d++) {
    pm_ofield *of = &m->of[d];
    for (s = 0; s < mn->n_segs; s++) {
      const pm_model *sm = doc->models[mn->segs[s].model];
      int32_t *at = &mn->delegate_of[d * mn->n_segs + s];
      *at = -1;
      for (k = 0; k < sm->n_of; k++)
        if (sm->of[k].name == of->name) {
          *at = k;
          if (of->dtype == PM_DT_ANY)
            of->dtype = pmmlR_slot_dtype(r, sm->of[k].slot);
          break;
        }
    }
  }
  return 0;
}

/* Can segment model sm be scored inside the flat forest? A TreeModel whose
** result goes nowhere but into the combination: no Output, no Targets, a
** missing value strategy that follows one path, numeric scores (known
** once resolved: 'pre' asks before). */
static int
forest_tree(const pm_model *sm, int pre)
{
  const pm_tree *t = sm->body;
  int32_t i;
  if (sm->family != PM_FAM_TREE || sm->n_of || sm->n_targets ||
      t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES)
    return 0;
  if (sm->function != PM_FN_CLASSIFICATION && !pre)
    for (i = 0; i < t->n_nodes; i++)
      if (t->nodes[i].score.t != PM_T_MISSING &&
          t->nodes[i].score.t != PM_T_NUM)
        return 0;
  return 1;
}

/* The index of 'slot' among the forest's fields (vars, int32_t), adding
** it; -1 beyond what a node can name, -2 out of memory. */
static int32_t
forest_var(pm_arena *a, pm_vec *vars, int32_t slot)
{
  int32_t i, *p;
  for (i = 0; i < (int32_t)vars->len; i++)
    if (((int32_t *)vars->data)[i] == slot)
      return i;
  if (vars->len > 0xffff)
    return -1;
  p = pmmlM_vec_push(a, vars, sizeof *p);
  if (!p)
    return -2;
  *p = slot;
  return i;
}

/* Can the segments be laid out as one flat forest? Every segment must
** qualify and nothing may read a segment's own result (segmentId outputs,
** selections and chains). 'pre' asks before the segments are resolved:
** then the types of the scores and the categories of votes (which may
** come from the segments) are not known yet. */
static int
forest_fits(pm_resolver *r, const pm_model *m, const pm_mining *mn, int pre)
{
  pmml_model *doc = pmmlR_doc(r);
  int32_t s, i, total = 0;
  if (mn->method == PM_MM_SELECT_FIRST || mn->method == PM_MM_SELECT_ALL ||
      is_chain(mn->method) || mn->n_segs == 0 ||
      ((mn->method == PM_MM_MAJORITY_VOTE ||
        mn->method == PM_MM_WEIGHTED_MAJORITY_VOTE) &&
       m->n_classes == 0))
    return 0;
  for (i = 0; i < m->n_of; i++)
    if (m->of[i].segment >= 0)
      return 0;
  for (s = 0; s < mn->n_segs; s++) {
    const pm_model *sm = doc->models[mn->segs[s].model];
    const pm_tree *t = sm->body;
    if (!forest_tree(sm, pre))
      return 0;
    for (i = 0; i < t->n_nodes; i++)
      if (t->nodes[i].n_kids > 127)
        return 0;
    if (total > PM_MAX_ITEMS - t->n_nodes)
      return 0;
    total += t->n_nodes;
  }
  return 1;
}

/* Lay the trees of the segments out as one flat forest (pm_forest) when
** they fit (forest_fits). */
static int
build_forest(pm_resolver *r, pm_model *m, pm_mining *mn)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_arena *a = pmmlR_arena(r);
  pm_forest *f;
  pm_vec vars = {0};
  int32_t s, i, total = 0, nc_max = 1;
  int ok, deflt = 0, num = m->function != PM_FN_CLASSIFICATION, compact = 1;
  if (!forest_fits(r, m, mn, 0)) {
    /* Trees taken for the forest before (a score that is not a number):
    ** they are walked by themselves after all. */
    for (s = 0; s < mn->n_segs; s++) {
      pm_model *sm = doc->models[mn->segs[s].model];
      if (sm->family == PM_FAM_TREE && ((pm_tree *)sm->body)->in_forest &&
          pmmlR_tree_alone(r, sm->body))
        return -1;
    }
    return 0;
  }
  for (s = 0; s < mn->n_segs; s++) {
    const pm_model *sm = doc->models[mn->segs[s].model];
    const pm_tree *t = sm->body;
    total += t->n_nodes;
    if (sm->n_classes > nc_max)
      nc_max = sm->n_classes;
    deflt |= t->missing == PM_TMV_DEFAULT_CHILD;
    num |= sm->function != PM_FN_CLASSIFICATION;
    /* PMML_LOAD_RESOLVE_ALL keeps every tree whole (for lint). */
    compact &= t->nodes_temp != NULL;
  }
  f = pmmlM_alloc(a, sizeof *f);
  if (f) {
    f->nodes = pmmlM_alloc(a, (size_t)total * sizeof *f->nodes);
    f->pred = pmmlM_alloc(a, (size_t)total * sizeof *f->pred);
    f->line = pmmlM_alloc(a, (size_t)total * sizeof *f->line);
    f->dt = pmmlM_alloc(a, (size_t)total * sizeof *f->dt);
    if (deflt)
      f->deflt = pmmlM_alloc(a, (size_t)total * sizeof *f->deflt);
    if (num)
      f->num = pmmlM_alloc(a, (size_t)total * sizeof *f->num);
    f->roots = pmmlM_alloc(a, (size_t)mn->n_segs * sizeof *f->roots);
    f->zeros = pmmlM_alloc(a, (size_t)nc_max * sizeof *f->zeros);
  }
  if (!f || !f->nodes || !f->pred || !f->line || !f->dt ||
      (deflt && !f->deflt) || (num && !f->num) || !f->roots || !f->zeros) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  f->n_nodes = total;
  for (s = 0, total = 0; s < mn->n_segs; s++) {
    const pm_tree *t = doc->models[mn->segs[s].model]->body;
    f->roots[s] = total;
    for (i = 0; i < t->n_nodes; i++) {
      const pm_tnode *nd = &t->nodes[i];
      const pm_pred *p = &doc->preds[nd->pred];
      pm_fnode *fn = &f->nodes[total + i];
      f->pred[total + i] = nd->pred;
      f->line[total + i] = nd->line;
      if (deflt)
        f->deflt[total + i] = nd->deflt >= 0 ? total + nd->deflt : -1;
      if (num)
        f->num[total + i] = pm_tree_num(t, i);
      fn->first = nd->n_kids ? total + nd->first : -1;
      fn->n_kids = (uint8_t)nd->n_kids;
      fn->op = PM_FOP_OTHER;
      if (p->kind == PM_P_TRUE) {
        fn->op = PM_FOP_TRUE;
      } else if (p->kind == PM_P_FALSE) {
        fn->op = PM_FOP_FALSE;
      } else if (p->kind == PM_P_SIMPLE &&
                 (p->op == PM_OP_MISSING || p->op == PM_OP_NOT_MISSING ||
                  p->v.t == PM_T_NUM)) {
        static const uint8_t ops[] = {
          PM_FOP_EQ, PM_FOP_NE, PM_FOP_LT, PM_FOP_LE, PM_FOP_GT, PM_FOP_GE,
          PM_FOP_MISSING, PM_FOP_NOT_MISSING};
        int32_t var = forest_var(a, &vars, p->slot);
        if (var == -2)
          goto nomem;
        if (var >= 0) {
          fn->op = ops[p->op];
          fn->var = (uint16_t)var;
          fn->v = p->v.num;
          if (fn->op <= PM_FOP_NE)
            f->dt[total + i] = p->v.dt;
        }
      }
    }
    /* Children that split on x < v / x >= v (or <=, >): a number goes
    ** one way or the other, without testing the second. */
    for (i = 0; i < t->n_nodes; i++) {
      pm_fnode *fn = &f->nodes[total + i], *k0, *k1;
      if (fn->n_kids != 2)
        continue;
      k0 = &f->nodes[fn->first];
      k1 = k0 + 1;
      if (k0->var == k1->var && k0->v == k1->v &&
          ((k0->op == PM_FOP_LT && k1->op == PM_FOP_GE) ||
           (k0->op == PM_FOP_GE && k1->op == PM_FOP_LT) ||
           (k0->op == PM_FOP_LE && k1->op == PM_FOP_GT) ||
           (k0->op == PM_FOP_GT && k1->op == PM_FOP_LE)))
        fn->n_kids |= PM_FPAIR;
    }
    total += t->n_nodes;
  }
  f->n_vars = (int32_t)vars.len;
  f->slots = pmmlM_vec_finish(a, &vars, sizeof(int32_t), &ok);
  if (!ok)
    goto nomem;
  mn->forest = f;
  /* The forest holds all that scoring and `pmmlc compile` read of these
  ** trees (gen_mining.c walks it too, up to 0x8000 fields): the trees'
  ** own nodes go, and the predicates it compiled (pmmlR_finish_preds
  ** leaves them out of doc->preds). */
  compact &= f->n_vars <= 0x8000;
  if (compact)
    for (i = 0; i < f->n_nodes; i++)
      if (f->nodes[i].op != PM_FOP_OTHER) {
        doc->preds[f->pred[i]].kind = PM_P_DROP;
        f->pred[i] = -1;
      }
  for (s = 0; s < mn->n_segs; s++)
    if (pmmlR_tree_nodes(r, doc->models[mn->segs[s].model]->body, !compact))
      return -1;
  return 0;
nomem:
  pmmlM_vec_free(a, &vars, sizeof(int32_t));
  pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
  return -1;
}

int
pmmlR_mining(pm_resolver *r, pm_model *m)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_mining *mn = m->body;
  int32_t i, k;
  int classification = m->function == PM_FN_CLASSIFICATION;
  size_t need;
  if (!method_fits(mn->method, m->function)) {
    pmmlR_fail(r, PMML_E_INVALID, mn->line,
               "Segmentation: multipleModelMethod=\"%s\" does not apply to "
               "a %s MiningModel",
               method_text[mn->method], function_names[m->function]);
    return -1;
  }
  if (mn->missing == PM_MPT_SKIP_SEGMENT &&
      (is_chain(mn->method) || mn->method == PM_MM_SELECT_ALL)) {
    pmmlR_fail(r, PMML_E_INVALID, mn->line,
               "Segmentation: missingPredictionTreatment=\"skipSegment\" "
               "does not apply to multipleModelMethod=\"%s\"",
               method_text[mn->method]);
    return -1;
  }
  /* Trees that the flat forest will score need no walking steps of their
  ** own (pm_tree.in_forest): when it fits now, it fits after the segments
  ** are resolved, and build_forest lays it out. */
  if (forest_fits(r, m, mn, 1))
    for (i = 0; i < mn->n_segs; i++)
      ((pm_tree *)doc->models[mn->segs[i].model]->body)->in_forest = 1;
  /* The embedded models first: their results feed the segments. */
  for (i = 0; i < mn->n_embedded; i++) {
    pm_model *em = doc->models[mn->embedded[i]];
    if (pmmlR_model(r, em, m) || pmmlR_expose_outputs(r, m, em))
      return -1;
  }
  for (i = 0; i < mn->n_segs; i++) {
    pm_segment *s = &mn->segs[i];
    pm_model *sm = doc->models[s->model];
    /* The predicate sees the MiningModel's fields (and, in a chain, the
    ** outputs of the segments before). */
    if (s->pred >= 0 && pmmlR_pred(r, m, s->pred))
      return -1;
    if (pmmlR_model(r, sm, m))
      return -1;
    if (is_chain(mn->method) && pmmlR_expose_outputs(r, m, sm))
      return -1;
    if (!is_chain(mn->method) && m->function != PM_FN_MIXED &&
        sm->function != m->function) {
      pmmlR_fail(r, PMML_E_INVALID, sm->line,
                 "Segment '%s': a %s model in a %s MiningModel",
                 pmmlS_str(&doc->strs, s->id), function_names[sm->function],
                 function_names[m->function]);
      return -1;
    }
    if (classification && sm->function == PM_FN_CLASSIFICATION) {
      if (sm->n_classes == 0 &&
          (mn->method == PM_MM_AVERAGE ||
           mn->method == PM_MM_WEIGHTED_AVERAGE ||
           mn->method == PM_MM_MEDIAN || mn->method == PM_MM_MAX)) {
        pmmlR_fail(r, PMML_E_INVALID, sm->line,
                   "Segment '%s': the model's categories are unknown, its "
                   "probabilities cannot be combined",
                   pmmlS_str(&doc->strs, s->id));
        return -1;
      }
      if (sm->n_classes) {
        s->cmap = pmmlM_alloc(pmmlR_arena(r),
                              (size_t)sm->n_classes * sizeof(int32_t));
        if (!s->cmap) {
          pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
          return -1;
        }
        for (k = 0; k < sm->n_classes; k++)
          if ((s->cmap[k] = parent_class(r, m, sm, k)) < 0)
            return -1;
      }
    }
  }
  if (resolve_fields(r, m, mn) || resolve_delegates(r, m, mn) ||
      build_forest(r, m, mn))
    return -1;
  /* Per record: values, weights and order of the segments (3 per
  ** segment); votes and first votes per class; the probabilities of every
  ** segment for median and max. */
  need = 3 * (size_t)mn->n_segs + 2 * (size_t)m->n_classes + 2;
  if (mn->method == PM_MM_MEDIAN || mn->method == PM_MM_MAX)
    need += (size_t)mn->n_segs * (size_t)m->n_classes;
  mn->scratch = pmmlR_scratch(r, need);
  if (mn->forest)
    mn->leaves = pmmlR_scratch(r, (size_t)mn->n_segs);
  return pmmlR_failed(r) ? -1 : 0;
}
