/*
** load_knn.c: <NearestNeighborModel> (PMML 4.4 k-Nearest Neighbors): the
** TrainingInstances (InstanceFields and an InlineTable), the
** ComparisonMeasure (read as load_clustering.c reads it) and the KNNInputs;
** and its resolve pass, which turns the table into flat arrays: the
** instances' input values, their targets (class indices or numbers) and
** their ids. Scoring: eval_knn.c.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

typedef struct knn_loader {
  pm_knn *knn;
  pm_vec inputs;       /* pm_cfield: KNNInput */
  pm_vec ifields;      /* pm_ifield: InstanceField */
  int has_instances;
} knn_loader;

static const char *const cont_names[] = {"average", "median",
                                         "weightedAverage", NULL};
static const char *const cat_names[] = {"majorityVote",
                                        "weightedMajorityVote", NULL};

static knn_loader *
kl(pm_loader *ld)
{
  return ld->model && ld->model->family == PM_FAM_KNN ? ld->model->body
                                                       : NULL;
}

/* <NearestNeighborModel numberOfNeighbors= continuousScoringMethod=
**   categoricalScoringMethod= instanceIdVariable= threshold=> */
static void
knn_start(pm_loader *ld, pm_model *m, const char **atts)
{
  knn_loader *k = pmmlL_alloc(ld, sizeof *k);
  pm_knn *knn;
  if (!k)
    return;
  knn = k->knn = pmmlL_alloc(ld, sizeof *k->knn);
  if (!knn)
    return;
  pmmlL_track(ld, &k->inputs, sizeof(pm_cfield));
  pmmlL_track(ld, &k->ifields, sizeof(pm_ifield));
  m->body = k;
  if (!pmmlL_need(ld, atts, "numberOfNeighbors"))
    return;
  knn->k = (int32_t)pmmlL_int(ld, atts, "numberOfNeighbors", 1, 1,
                              PM_MAX_ITEMS);
  knn->cont = (uint8_t)pmmlL_enum(ld, atts, "continuousScoringMethod",
                                  cont_names, PM_KNN_AVERAGE);
  knn->cat = (uint8_t)pmmlL_enum(ld, atts, "categoricalScoringMethod",
                                 cat_names, PM_KNN_MAJORITY);
  knn->id_var = pmmlL_sym(ld, atts, "instanceIdVariable");
  knn->threshold = pmmlL_num(ld, atts, "threshold", 0.001);
  knn->meas.metric = PM_MS_NONE;
}

/* <TrainingInstances isTransformed= recordCount= fieldCount=> */
static void
instances_start(pm_loader *ld, const char **atts)
{
  knn_loader *k = kl(ld);
  (void)atts;
  if (!k)
    return;
  if (k->has_instances) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "NearestNeighborModel: more than one TrainingInstances");
    return;
  }
  k->has_instances = 1;
  pmmlL_take_table(ld);
}

static void
instances_end(pm_loader *ld)
{
  knn_loader *k = kl(ld);
  if (!k)
    return;
  k->knn->table = pmmlL_take_table(ld);
  if (!k->knn->table)
    pmmlL_fail(ld, PMML_E_INVALID, "TrainingInstances: missing InlineTable");
}

/* <InstanceField field= column=/> */
static void
ifield_start(pm_loader *ld, const char **atts)
{
  knn_loader *k = kl(ld);
  const char *name = pmmlL_need(ld, atts, "field");
  pm_ifield *f;
  if (!k || !name)
    return;
  f = pmmlL_push(ld, &k->ifields, sizeof *f);
  if (!f)
    return;
  f->field = pmmlL_intern(ld, name, strlen(name));
  f->column = pmmlL_sym(ld, atts, "column");
  if (f->column < 0)
    f->column = f->field;
  f->line = pmmlL_frame(ld, 0)->line;
}

/* <KNNInput field= fieldWeight= compareFunction=/> */
static void
input_start(pm_loader *ld, const char **atts)
{
  knn_loader *k = kl(ld);
  const char *name = pmmlL_need(ld, atts, "field");
  pm_cfield *f;
  if (!k || !name)
    return;
  f = pmmlL_push(ld, &k->inputs, sizeof *f);
  if (!f)
    return;
  f->name = pmmlL_intern(ld, name, strlen(name));
  f->slot = f->expr = -1;
  f->center = 1;
  f->weight = pmmlL_num(ld, atts, "fieldWeight", 1.0);
  f->scale = NAN;
  f->cmp = pmmlL_compare_fn(ld, atts);
  f->element = "KNNInput";
  f->line = pmmlL_frame(ld, 0)->line;
  if (!(f->weight >= 0) && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "KNNInput '%s': fieldWeight must not be negative", name);
  if (f->cmp == PM_CF_TABLE && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "KNNInput '%s': compareFunction=\"table\" needs a Comparisons "
               "matrix, which KNNInput cannot hold",
               name);
}

static void
knn_measure_start(pm_loader *ld, const char **atts)
{
  knn_loader *k = kl(ld);
  if (k)
    pmmlL_measure_start(ld, atts, &k->knn->meas);
}

static const pm_elem ifields_children[] = {
  {"InstanceField", ifield_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem instances_children[] = {
  {"InstanceFields", NULL, NULL, ifields_children, 0},
  {NULL, NULL, NULL, pmmlL_table_elem, 0},
};

static const pm_elem inputs_children[] = {
  {"KNNInput", input_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem measure_children[] = {
  {NULL, NULL, NULL, pmmlL_metric_elems, 0},
};

const pm_elem pmmlL_knn_elems[] = {
  {"TrainingInstances", instances_start, instances_end, instances_children,
   0},
  {"ComparisonMeasure", knn_measure_start, pmmlL_measure_end,
   measure_children, 0},
  {"KNNInputs", NULL, NULL, inputs_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
knn_end(pm_loader *ld, pm_model *m)
{
  knn_loader *k = m->body;
  pm_knn *knn = k->knn;
  knn->inputs = pmmlL_finish_vec(ld, &k->inputs, sizeof(pm_cfield),
                                 &knn->n_inputs);
  knn->ifields = pmmlL_finish_vec(ld, &k->ifields, sizeof(pm_ifield),
                                  &knn->n_ifields);
  if (ld->failed)
    return;
  if (!k->has_instances)
    pmmlL_fail(ld, PMML_E_INVALID,
               "NearestNeighborModel: missing TrainingInstances");
  else if (knn->meas.line == 0)
    pmmlL_fail(ld, PMML_E_INVALID,
               "NearestNeighborModel: missing ComparisonMeasure");
  else if (knn->n_inputs == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "NearestNeighborModel: no KNNInput");
  else if (knn->n_ifields == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "TrainingInstances: no InstanceField");
  m->body = knn;
}

const pm_family pmmlL_knn_family = {
  "NearestNeighborModel", knn_start, knn_end, pmmlL_knn_elems, pmmlR_knn,
  pmmlE_knn, pmmlE_knn_feature, NULL,
  PM_FEAT_BIT(PM_FEAT_ENTITY_ID) | PM_FEAT_BIT(PM_FEAT_AFFINITY) |
      PM_FEAT_BIT(PM_FEAT_ENTITY_AFFINITY),
};

/* ------------------------------------------------------------------------ */
/* Resolving: the training instances as flat arrays.                        */

static const char *
str(pm_resolver *r, int32_t id)
{
  return pmmlS_str(&pmmlR_doc(r)->strs, id);
}

/* The table column that holds field 'name' (through its InstanceField),
** or -1 after failing. */
static int32_t
column_of(pm_resolver *r, const pm_model *m, const pm_knn *knn, int32_t name,
          const char *what)
{
  int32_t i, j;
  for (i = 0; i < knn->n_ifields; i++) {
    if (knn->ifields[i].field != name)
      continue;
    for (j = 0; j < knn->table->n_cols; j++)
      if (knn->table->cols[j] == knn->ifields[i].column)
        return j;
    pmmlR_fail(r, PMML_E_INVALID, knn->ifields[i].line,
               "InstanceField '%s': the InlineTable has no column '%s'",
               str(r, name), str(r, knn->ifields[i].column));
    return -1;
  }
  pmmlR_fail(r, PMML_E_INVALID, m->line,
             "TrainingInstances: %s '%s' is not an InstanceField", what,
             str(r, name));
  return -1;
}

/* The largest rank= of the entity outputs: that many neighbours are kept. */
static int32_t
max_rank(const pm_model *m)
{
  int32_t i, r = 1;
  for (i = 0; i < m->n_of; i++)
    if ((m->of[i].feature == PM_FEAT_ENTITY_ID ||
         m->of[i].feature == PM_FEAT_AFFINITY) &&
        m->of[i].rank > r)
      r = m->of[i].rank;
  return r;
}

/* PMML 4.4 k-Nearest Neighbors: check the model, type the training
** instances, and lay them out for scoring. */
int
pmmlR_knn(pm_resolver *r, pm_model *m)
{
  pm_knn *knn = m->body;
  pmml_model *doc = pmmlR_doc(r);
  pm_arena *a = pmmlR_arena(r);
  pm_table *t = knn->table;
  int32_t n = knn->n_inputs, rows = t->n_rows, i, j, col, targets = 0;
  int vote = 0;
  size_t need;
  for (i = 0; i < m->n_mf; i++)
    targets += m->mf[i].usage == PM_USE_TARGET;
  if (targets > 1) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "NearestNeighborModel: more than one target field is not "
               "supported");
    return -1;
  }
  if (m->function != PM_FN_CLUSTERING) {
    if (m->target_name < 0) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "NearestNeighborModel: no target field");
      return -1;
    }
    /* The target's optype decides, as for the targets of a "mixed"
    ** model: categorical and ordinal targets are voted on. */
    vote = m->function == PM_FN_CLASSIFICATION ||
           m->target_op != PMML_OP_CONTINUOUS;
  } else if (knn->id_var < 0) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "NearestNeighborModel: a clustering model needs an "
               "instanceIdVariable");
    return -1;
  }
  if (knn->meas.metric >= PM_MS_SIMPLEMATCHING &&
      ((vote && knn->cat == PM_KNN_WEIGHTED_MAJORITY) ||
       (!vote && knn->cont == PM_KNN_WEIGHTED_AVERAGE))) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "NearestNeighborModel: weighted scoring is defined for "
               "distances, not for a binary similarity");
    return -1;
  }
  if (rows < knn->k) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "NearestNeighborModel: numberOfNeighbors=\"%d\" but only %d "
               "training instances",
               (int)knn->k, (int)rows);
    return -1;
  }
  knn->meas.absdiff = 1;
  for (j = 0; j < n; j++) {
    if (pmmlR_cfield(r, m, &knn->meas, &knn->inputs[j]))
      return -1;
    knn->meas.absdiff &= knn->inputs[j].cmp == PM_CF_ABSDIFF;
  }
  knn->n_inst = rows;
  knn->x = pmmlM_alloc(a, (size_t)rows * (size_t)n * sizeof(double));
  knn->ids = pmmlM_alloc(a, (size_t)rows * sizeof(int32_t));
  if (!knn->x || !knn->ids)
    goto nomem;
  /* The KNNInputs' values, instance by instance. */
  for (j = 0; j < n; j++) {
    pm_cfield *f = &knn->inputs[j];
    col = column_of(r, m, knn, f->name, "KNNInput");
    if (col < 0)
      return -1;
    for (i = 0; i < rows; i++) {
      double *x = &knn->x[(size_t)i * n + j];
      if (pmmlR_cfield_ref(r, f, &t->cells[(size_t)i * t->n_cols + col],
                           m->line, x))
        return -1;
      if (isnan(*x)) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "TrainingInstances: instance %d has no value for '%s'",
                   (int)i + 1, str(r, f->name));
        return -1;
      }
      if (knn->meas.metric >= PM_MS_SIMPLEMATCHING && *x != 0 && *x != 1) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "TrainingInstances: a binary similarity needs values of "
                   "0 and 1 ('%s' of instance %d)",
                   str(r, f->name), (int)i + 1);
        return -1;
      }
    }
  }
  /* The targets: class indices or numbers. */
  if (m->function != PM_FN_CLUSTERING) {
    col = column_of(r, m, knn, m->target_name, "the target");
    if (col < 0)
      return -1;
    if (vote)
      knn->klass = pmmlM_alloc(a, (size_t)rows * sizeof(int32_t));
    else
      knn->y = pmmlM_alloc(a, (size_t)rows * sizeof(double));
    if (!knn->klass && !knn->y)
      goto nomem;
    for (i = 0; i < rows; i++) {
      pm_lit *l = &t->cells[(size_t)i * t->n_cols + col];
      if (pmmlR_lit(r, l, m->target_dt, m->line))
        return -1;
      if (l->t == PM_T_MISSING) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "TrainingInstances: instance %d has no target value",
                   (int)i + 1);
        return -1;
      }
      if (vote) {
        knn->klass[i] = pmmlR_add_class(r, m, l);
        if (knn->klass[i] < 0)
          return -1;
      } else if (l->t != PM_T_NUM) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "TrainingInstances: the target of instance %d is not a "
                   "number",
                   (int)i + 1);
        return -1;
      } else {
        knn->y[i] = l->num;
      }
    }
    if (vote) {
      knn->class_count =
          pmmlM_alloc(a, ((size_t)m->n_classes + 1) * sizeof(double));
      if (!knn->class_count)
        goto nomem;
      for (i = 0; i < rows; i++)
        knn->class_count[knn->klass[i]] += 1.0;
    }
  }
  /* The ids: instanceIdVariable's column, else the 1-based row number. */
  col = knn->id_var >= 0
            ? column_of(r, m, knn, knn->id_var, "instanceIdVariable")
            : -2;
  if (col == -1)
    return -1;
  for (i = 0; i < rows; i++) {
    if (col >= 0) {
      pm_lit *l = &t->cells[(size_t)i * t->n_cols + col];
      if (pmmlR_lit(r, l, PMML_DT_STRING, m->line))
        return -1;
      if (l->t == PM_T_MISSING) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "TrainingInstances: instance %d has no id", (int)i + 1);
        return -1;
      }
      knn->ids[i] = l->sym;
    } else {
      char buf[16];
      int len = snprintf(buf, sizeof buf, "%d", (int)i + 1);
      knn->ids[i] = pmmlS_intern(a, &doc->strs, buf, (size_t)len);
      if (knn->ids[i] < 0)
        goto nomem;
    }
  }
  knn->keep = max_rank(m);
  if (knn->keep < knn->k)
    knn->keep = knn->k;
  if (knn->keep > rows)
    knn->keep = rows;
  /* Scratch: the input values, the kept (affinity, index) pairs, the
  ** neighbours' targets for the median. */
  need = (size_t)n + 2 * (size_t)knn->keep + (size_t)knn->k;
  knn->scratch = pmmlR_scratch(r, need);
  return 0;
nomem:
  pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
  return -1;
}
