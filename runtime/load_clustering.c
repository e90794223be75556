/*
** load_clustering.c: <ClusteringModel> (PMML 4.4 ClusteringModel): its
** ComparisonMeasure, ClusteringFields with their Comparisons matrices, the
** CenterFields of old documents, MissingValueWeights and the Clusters; and
** its resolve pass, which turns the centers into one flat array of numbers.
** The ComparisonMeasure reader and the resolving of compared fields are
** shared with NearestNeighborModel (load_knn.c). Scoring: eval_clustering.c.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

/* A cell of a <Matrix> given by <MatCell row= col=>. */
typedef struct mat_cell {
  int32_t row, col;      /* 1-based */
  double v;
} mat_cell;

/* The model being read. */
typedef struct clu_loader {
  pm_clustering *clu;
  pm_vec fields;         /* pm_cfield: ClusteringField */
  pm_vec centerf;        /* pm_derived: CenterFields/DerivedField */
  pm_vec clusters;       /* pm_cluster */
  /* The open <Matrix>. */
  uint8_t mkind;         /* 0 any, 1 symmetric, 2 diagonal */
  int32_t mrows, mcols;  /* nbRows, nbCols; -1 when absent */
  double mdiag, moff;    /* diagDefault, offDiagDefault; NaN when absent */
  pm_vec mvals;          /* double: the Arrays' numbers, row after row */
  pm_vec mlens;          /* int32_t: the length of each Array */
  pm_vec mcells;         /* mat_cell */
} clu_loader;

static const char *const class_names[] = {"centerBased", "distributionBased",
                                          NULL};
static const char *const kind_names[] = {"distance", "similarity", NULL};
static const char *const cmp_names[] = {"absDiff", "gaussSim", "delta",
                                        "equal", "table", NULL};
static const char *const matrix_kinds[] = {"any", "symmetric", "diagonal",
                                           NULL};

static clu_loader *
cl(pm_loader *ld)
{
  return ld->model && ld->model->family == PM_FAM_CLUSTERING ? ld->model->body
                                                              : NULL;
}

/* <ClusteringModel modelClass= numberOfClusters=> */
static void
clustering_start(pm_loader *ld, pm_model *m, const char **atts)
{
  clu_loader *c = pmmlL_alloc(ld, sizeof *c);
  if (!c)
    return;
  c->clu = pmmlL_alloc(ld, sizeof *c->clu);
  if (!c->clu)
    return;
  pmmlL_track(ld, &c->fields, sizeof(pm_cfield));
  pmmlL_track(ld, &c->centerf, sizeof(pm_derived));
  pmmlL_track(ld, &c->clusters, sizeof(pm_cluster));
  pmmlL_track(ld, &c->mvals, sizeof(double));
  pmmlL_track(ld, &c->mlens, sizeof(int32_t));
  pmmlL_track(ld, &c->mcells, sizeof(mat_cell));
  m->body = c;
  if (!pmmlL_need(ld, atts, "modelClass"))
    return;
  c->clu->distribution =
      (uint8_t)pmmlL_enum(ld, atts, "modelClass", class_names, 0);
  c->clu->meas.metric = PM_MS_NONE;
}

/* ------------------------------------------------------------------------ */
/* <ComparisonMeasure>, shared with NearestNeighborModel                    */

uint8_t
pmmlL_compare_fn(pm_loader *ld, const char **atts)
{
  if (!pmmlL_attr(atts, "compareFunction"))
    return PM_CF_INHERIT;
  return (uint8_t)pmmlL_enum(ld, atts, "compareFunction", cmp_names,
                             PM_CF_ABSDIFF);
}

/* <ComparisonMeasure kind= compareFunction= minimum= maximum=> */
void
pmmlL_measure_start(pm_loader *ld, const char **atts, pm_measure *ms)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  if (ms->line) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ComparisonMeasure: more than one in a model");
    return;
  }
  if (!pmmlL_need(ld, atts, "kind"))
    return;
  ms->similarity = (uint8_t)pmmlL_enum(ld, atts, "kind", kind_names, 0);
  ms->cmp = pmmlL_compare_fn(ld, atts);
  if (ms->cmp == PM_CF_INHERIT)
    ms->cmp = PM_CF_ABSDIFF;
  ms->metric = PM_MS_NONE;
  ms->line = f->line;
  f->obj = ms;
}

void
pmmlL_measure_end(pm_loader *ld)
{
  pm_measure *ms = pmmlL_frame(ld, 0)->obj;
  if (ms && ms->metric == PM_MS_NONE)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ComparisonMeasure: no measure (euclidean, squaredEuclidean, "
               "...)");
}

/* <euclidean/>, <minkowski p-parameter=/>, <binarySimilarity c00-parameter=
** ... d11-parameter=/> and the others: the metric of the measure. */
static void
metric_start(pm_loader *ld, const char **atts)
{
  static const char *const names[] = {
    "euclidean", "squaredEuclidean", "chebychev", "cityBlock", "minkowski",
    "simpleMatching", "jaccard", "tanimoto", "binarySimilarity"};
  static const char *const params[] = {"c00-parameter", "c01-parameter",
                                       "c10-parameter", "c11-parameter",
                                       "d00-parameter", "d01-parameter",
                                       "d10-parameter", "d11-parameter"};
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_measure *ms = pmmlL_frame(ld, 1)->obj;
  uint8_t k;
  int i;
  if (!ms)
    return;
  if (ms->metric != PM_MS_NONE) {
    pmmlL_fail(ld, PMML_E_INVALID, "ComparisonMeasure: more than one measure");
    return;
  }
  for (k = 0; k < PM_MS_NONE; k++)
    if (!strcmp(f->el->name, names[k]))
      break;
  ms->metric = k;
  if (k == PM_MS_MINKOWSKI) {
    if (!pmmlL_need(ld, atts, "p-parameter"))
      return;
    ms->p = pmmlL_num(ld, atts, "p-parameter", 2);
    if (!(ms->p > 0) && !ld->failed)
      pmmlL_fail(ld, PMML_E_INVALID,
                 "minkowski: p-parameter must be greater than 0");
  } else if (k == PM_MS_BINARY) {
    for (i = 0; i < 8 && !ld->failed; i++) {
      if (!pmmlL_need(ld, atts, params[i]))
        return;
      if (i < 4)
        ms->c[i] = pmmlL_num(ld, atts, params[i], 0);
      else
        ms->d[i - 4] = pmmlL_num(ld, atts, params[i], 0);
    }
  }
}

const pm_elem pmmlL_metric_elems[] = {
  {"euclidean", metric_start, NULL, NULL, 0},
  {"squaredEuclidean", metric_start, NULL, NULL, 0},
  {"chebychev", metric_start, NULL, NULL, 0},
  {"cityBlock", metric_start, NULL, NULL, 0},
  {"minkowski", metric_start, NULL, NULL, 0},
  {"simpleMatching", metric_start, NULL, NULL, 0},
  {"jaccard", metric_start, NULL, NULL, 0},
  {"tanimoto", metric_start, NULL, NULL, 0},
  {"binarySimilarity", metric_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static void
clu_measure_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  if (c)
    pmmlL_measure_start(ld, atts, &c->clu->meas);
}

/* ------------------------------------------------------------------------ */
/* <ClusteringField field= isCenterField= fieldWeight= similarityScale=     */
/*   compareFunction=> <Comparisons><Matrix/></Comparisons>                 */

static void
field_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  const char *name = pmmlL_need(ld, atts, "field");
  pm_cfield *f;
  if (!c || !name)
    return;
  f = pmmlL_push(ld, &c->fields, sizeof *f);
  if (!f)
    return;
  f->name = pmmlL_intern(ld, name, strlen(name));
  f->slot = f->expr = -1;
  f->center = (uint8_t)pmmlL_bool(ld, atts, "isCenterField", 1);
  f->weight = pmmlL_num(ld, atts, "fieldWeight", 1.0);
  f->scale = pmmlL_num(ld, atts, "similarityScale", NAN);
  f->cmp = pmmlL_compare_fn(ld, atts);
  f->element = "ClusteringField";
  f->line = pmmlL_frame(ld, 0)->line;
  if (!(f->weight >= 0) && !ld->failed)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ClusteringField '%s': fieldWeight must not be negative", name);
}

/* <Matrix kind= nbRows= nbCols= diagDefault= offDiagDefault=> */
static void
matrix_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  if (!c)
    return;
  c->mkind = (uint8_t)pmmlL_enum(ld, atts, "kind", matrix_kinds, 0);
  c->mrows = (int32_t)pmmlL_int(ld, atts, "nbRows", -1, 0, 1000000);
  c->mcols = (int32_t)pmmlL_int(ld, atts, "nbCols", -1, 0, 1000000);
  c->mdiag = pmmlL_num(ld, atts, "diagDefault", NAN);
  c->moff = pmmlL_num(ld, atts, "offDiagDefault", NAN);
  c->mvals.len = c->mlens.len = c->mcells.len = 0;
}

/* <Array type= n=> numbers </Array>: a row of the matrix. */
static void
matrix_array_end(pm_loader *ld)
{
  clu_loader *c = cl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  int32_t n, i, *rl;
  double *v = pmmlL_numbers(ld, text, len, &n);
  if (!c || ld->failed)
    return;
  for (i = 0; i < n; i++) {
    double *d = pmmlL_push(ld, &c->mvals, sizeof *d);
    if (!d)
      return;
    *d = v[i];
  }
  rl = pmmlL_push(ld, &c->mlens, sizeof *rl);
  if (rl)
    *rl = n;
}

/* <MatCell row= col=> number </MatCell> */
static void
matcell_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  mat_cell *mc;
  if (!c || !pmmlL_need(ld, atts, "row") || !pmmlL_need(ld, atts, "col"))
    return;
  mc = pmmlL_push(ld, &c->mcells, sizeof *mc);
  if (!mc)
    return;
  mc->row = (int32_t)pmmlL_int(ld, atts, "row", 1, 1, 1000000);
  mc->col = (int32_t)pmmlL_int(ld, atts, "col", 1, 1, 1000000);
}

static void
matcell_end(pm_loader *ld)
{
  clu_loader *c = cl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  int32_t n;
  double *v = pmmlL_numbers(ld, text, len, &n);
  if (!c || ld->failed || !c->mcells.len)
    return;
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID, "MatCell: expected one number");
    return;
  }
  ((mat_cell *)c->mcells.data)[c->mcells.len - 1].v = v[0];
}

/* The square matrix of the last ClusteringField, dense: any (rows as
** Arrays), symmetric (the lower triangle, row i holding i+1 numbers),
** diagonal (one Array), or sparse MatCells over the defaults. */
static void
matrix_end(pm_loader *ld)
{
  clu_loader *c = cl(ld);
  pm_cfield *f;
  const double *vals;
  const int32_t *lens;
  int32_t n = 0, i, j, n_arr;
  size_t at = 0;
  double *m;
  if (!c || !c->fields.len)
    return;
  f = (pm_cfield *)c->fields.data + c->fields.len - 1;
  vals = c->mvals.data;
  lens = c->mlens.data;
  n_arr = (int32_t)c->mlens.len;
  if (c->mrows >= 0)
    n = c->mrows;
  else if (c->mkind == 2 && n_arr == 1)
    n = lens[0];
  else if (n_arr > 0)
    n = n_arr;
  else
    for (i = 0; i < (int32_t)c->mcells.len; i++) {
      const mat_cell *mc = (mat_cell *)c->mcells.data + i;
      n = mc->row > n ? mc->row : n;
      n = mc->col > n ? mc->col : n;
    }
  if (c->mcols >= 0 && c->mcols != n) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "Comparisons: the Matrix must be square, not %d x %d", (int)n,
               (int)c->mcols);
    return;
  }
  if (n <= 0 || n > 4096) {
    pmmlL_fail(ld, PMML_E_INVALID, "Comparisons: a Matrix of %d rows",
               (int)n);
    return;
  }
  m = pmmlL_alloc(ld, (size_t)n * (size_t)n * sizeof *m);
  if (!m)
    return;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      m[i * n + j] = i == j ? (isnan(c->mdiag) && c->mkind == 2 ? 0 : c->mdiag)
                            : (isnan(c->moff) && c->mkind == 2 ? 0 : c->moff);
  if (n_arr > 0 && c->mkind == 2) {
    if (n_arr != 1 || lens[0] != n)
      goto shape;
    for (i = 0; i < n; i++)
      m[i * n + i] = vals[i];
  } else if (n_arr > 0) {
    if (n_arr != n)
      goto shape;
    for (i = 0; i < n; i++) {
      int32_t want = c->mkind == 1 ? i + 1 : n;
      if (lens[i] != want)
        goto shape;
      for (j = 0; j < want; j++, at++) {
        m[i * n + j] = vals[at];
        if (c->mkind == 1)
          m[j * n + i] = vals[at];
      }
    }
  }
  for (i = 0; i < (int32_t)c->mcells.len; i++) {
    const mat_cell *mc = (mat_cell *)c->mcells.data + i;
    if (mc->row > n || mc->col > n) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "MatCell: row=\"%d\" col=\"%d\" outside a %d x %d Matrix",
                 (int)mc->row, (int)mc->col, (int)n, (int)n);
      return;
    }
    m[(mc->row - 1) * n + mc->col - 1] = mc->v;
    if (c->mkind == 1)
      m[(mc->col - 1) * n + mc->row - 1] = mc->v;
  }
  for (i = 0; i < n * n; i++)
    if (isnan(m[i])) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "Comparisons: the Matrix has no value at row %d, column %d",
                 (int)(i / n + 1), (int)(i % n + 1));
      return;
    }
  if (f->table) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ClusteringField: more than one Comparisons matrix");
    return;
  }
  f->table = m;
  f->n_table = n;
  return;
shape:
  pmmlL_fail(ld, PMML_E_INVALID,
             "Matrix: its Arrays do not make a %s matrix of %d rows",
             matrix_kinds[c->mkind], (int)n);
}

static const pm_elem matrix_children[] = {
  {"Array", NULL, matrix_array_end, NULL, PM_EL_TEXT},
  {"MatCell", matcell_start, matcell_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem comparisons_children[] = {
  {"Matrix", matrix_start, matrix_end, matrix_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem field_children[] = {
  {"Comparisons", NULL, NULL, comparisons_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <CenterFields><DerivedField/>...</CenterFields> (PMML 2.x and 3.x)       */

static void
centerf_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  if (c)
    pmmlL_derived_start(ld, atts, &c->centerf);
}

static const pm_elem centerfields_children[] = {
  {"DerivedField", centerf_start, pmmlL_derived_end, pmmlL_derived_children,
   0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <MissingValueWeights><Array/></MissingValueWeights>                      */

static void
mvw_array_end(pm_loader *ld)
{
  clu_loader *c = cl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  int32_t n, i;
  double *v;
  if (!c)
    return;
  if (c->clu->mvw) {
    pmmlL_fail(ld, PMML_E_INVALID, "MissingValueWeights: more than one Array");
    return;
  }
  v = pmmlL_numbers(ld, text, len, &n);
  if (ld->failed)
    return;
  for (i = 0; i < n; i++)
    if (!(v[i] >= 0)) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "MissingValueWeights: a weight must not be negative");
      return;
    }
  c->clu->mvw = v;
  c->clu->n_mvw = n;
}

static const pm_elem mvw_children[] = {
  {"Array", NULL, mvw_array_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Cluster id= name= size=> KohonenMap? Array? Partition? Covariances?      */

static void
cluster_start(pm_loader *ld, const char **atts)
{
  clu_loader *c = cl(ld);
  pm_cluster *k;
  if (!c)
    return;
  k = pmmlL_push(ld, &c->clusters, sizeof *k);
  if (!k)
    return;
  if (c->clusters.len > 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many clusters");
    return;
  }
  k->id = pmmlL_sym(ld, atts, "id");
  k->name = pmmlL_sym(ld, atts, "name");
  k->n_center = -1;
  k->line = pmmlL_frame(ld, 0)->line;
}

static void
cluster_array_end(pm_loader *ld)
{
  clu_loader *c = cl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  pm_cluster *k;
  int32_t n;
  pm_lit *v;
  if (!c || !c->clusters.len)
    return;
  v = pmmlL_array_lits(ld, text, len, &n);
  k = (pm_cluster *)c->clusters.data + c->clusters.len - 1;
  if (ld->failed)
    return;
  if (k->n_center >= 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "Cluster: more than one Array");
    return;
  }
  if (pmmlL_array_n_check(ld, n) < 0)
    return;
  k->center = v;
  k->n_center = n;
}

static const pm_elem cluster_children[] = {
  {"KohonenMap", NULL, NULL, NULL, PM_EL_SKIP},
  {"Array", pmmlL_array_n_start, cluster_array_end, NULL, PM_EL_TEXT},
  {"Partition", NULL, NULL, NULL, PM_EL_SKIP},
  {"Covariances", NULL, NULL, NULL, PM_EL_SKIP},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem measure_children[] = {
  {NULL, NULL, NULL, pmmlL_metric_elems, 0},
};

const pm_elem pmmlL_clustering_elems[] = {
  {"ComparisonMeasure", clu_measure_start, pmmlL_measure_end,
   measure_children, 0},
  {"ClusteringField", field_start, NULL, field_children, 0},
  {"CenterFields", NULL, NULL, centerfields_children, 0},
  {"MissingValueWeights", NULL, NULL, mvw_children, 0},
  {"Cluster", cluster_start, NULL, cluster_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
clustering_end(pm_loader *ld, pm_model *m)
{
  clu_loader *c = m->body;
  pm_clustering *clu = c->clu;
  pm_derived *cf;
  int32_t n_cf, i;
  if (clu->meas.line == 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ClusteringModel: missing ComparisonMeasure");
    return;
  }
  clu->fields = pmmlL_finish_vec(ld, &c->fields, sizeof(pm_cfield),
                                 &clu->n_fields);
  clu->clusters = pmmlL_finish_vec(ld, &c->clusters, sizeof(pm_cluster),
                                   &clu->n_clusters);
  cf = pmmlL_finish_vec(ld, &c->centerf, sizeof(pm_derived), &n_cf);
  if (ld->failed)
    return;
  /* CenterFields of PMML 2.x and 3.x: each DerivedField is a center
  ** coordinate, computed by its expression. A ClusteringField says how to
  ** compare it: the one named like the DerivedField, else the one at the
  ** same position when there are as many of both. */
  if (n_cf > 0) {
    pm_cfield *nf = pmmlL_alloc(ld, (size_t)n_cf * sizeof *nf);
    if (!nf)
      return;
    for (i = 0; i < n_cf; i++) {
      const pm_cfield *like = NULL;
      int32_t j;
      for (j = 0; j < clu->n_fields && cf[i].name >= 0; j++)
        if (clu->fields[j].name == cf[i].name)
          like = &clu->fields[j];
      if (!like && clu->n_fields == n_cf)
        like = &clu->fields[i];
      nf[i].name = cf[i].name;
      nf[i].slot = -1;
      nf[i].expr = cf[i].expr;
      nf[i].center = 1;
      nf[i].weight = like ? like->weight : 1.0;
      nf[i].scale = like ? like->scale : NAN;
      nf[i].cmp = like ? like->cmp : PM_CF_INHERIT;
      nf[i].table = like ? like->table : NULL;
      nf[i].n_table = like ? like->n_table : 0;
      nf[i].element = "DerivedField";
      nf[i].line = cf[i].line;
    }
    clu->fields = nf;
    clu->n_fields = n_cf;
  }
  if (clu->n_fields == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "ClusteringModel: no ClusteringField");
  else if (clu->n_clusters == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "ClusteringModel: no Cluster");
  m->body = clu;
}

const pm_family pmmlL_clustering_family = {
  "ClusteringModel", clustering_start, clustering_end, pmmlL_clustering_elems,
  pmmlR_clustering, pmmlE_clustering, pmmlE_clustering_feature, NULL,
  PM_FEAT_BIT(PM_FEAT_ENTITY_ID) | PM_FEAT_BIT(PM_FEAT_CLUSTER_ID) |
      PM_FEAT_BIT(PM_FEAT_AFFINITY) | PM_FEAT_BIT(PM_FEAT_ENTITY_AFFINITY) |
      PM_FEAT_BIT(PM_FEAT_CLUSTER_AFFINITY),
};

/* ------------------------------------------------------------------------ */
/* Resolving                                                                */

/* The declared Values and Intervals of the field called 'name' as model m
** sees it: a local or global DerivedField, else its DataField. */
static const pm_domain *
field_domain(pm_resolver *r, const pm_model *m, int32_t name)
{
  const pmml_model *doc = pmmlR_doc(r);
  int32_t i;
  for (; m; m = m->parent >= 0 ? doc->models[m->parent] : NULL)
    for (i = 0; i < m->n_local; i++)
      if (m->local[i].name == name)
        return &m->local[i].dom;
  for (i = 0; i < doc->n_gd; i++)
    if (doc->gd[i].name == name)
      return &doc->gd[i].dom;
  for (i = 0; i < doc->n_df; i++)
    if (doc->df[i].name == name)
      return &doc->df[i].dom;
  return NULL;
}

/* The number of categories that index a Comparisons matrix. */
static int32_t
domain_size(const pm_domain *d)
{
  if (!d)
    return 0;
  return d->n_valid > 0 ? d->n_valid : d->n_intervals;
}

static const char *
fname(pm_resolver *r, const pm_cfield *f)
{
  return f->name >= 0 ? pmmlS_str(&pmmlR_doc(r)->strs, f->name) : "";
}

int
pmmlR_cfield(pm_resolver *r, pm_model *m, const pm_measure *ms, pm_cfield *f)
{
  uint8_t dt;
  if (f->expr >= 0) {
    if (pmmlR_expr(r, m, f->expr))
      return -1;
    dt = pmmlR_expr_dtype(r, f->expr);
  } else {
    f->slot = pmmlR_field_try(r, m, f->name);
    if (f->slot < 0) {
      if (!pmmlR_failed(r))
        pmmlR_fail(r, PMML_E_REFERENCE, f->line, "%s: unknown field '%s'",
                   f->element, fname(r, f));
      return -1;
    }
    dt = pmmlR_slot_dtype(r, f->slot);
  }
  if (f->cmp == PM_CF_INHERIT) {
    f->cmp = ms->cmp;
    /* The measure itself names only functions without parameters. */
    if (f->cmp == PM_CF_GAUSSSIM || f->cmp == PM_CF_TABLE) {
      pmmlR_fail(r, PMML_E_INVALID, ms->line,
                 "ComparisonMeasure: compareFunction=\"%s\" belongs on each "
                 "field, not on the measure",
                 cmp_names[f->cmp]);
      return -1;
    }
  }
  f->sym = (uint8_t)(dt == PMML_DT_STRING);
  if (f->sym && ms->metric >= PM_MS_SIMPLEMATCHING) {
    pmmlR_fail(r, PMML_E_INVALID, f->line,
               "%s '%s': a binary similarity measure needs fields of 0 and 1, "
               "the field holds strings",
               f->element, fname(r, f));
    return -1;
  }
  if (f->sym && (f->cmp == PM_CF_ABSDIFF || f->cmp == PM_CF_GAUSSSIM)) {
    pmmlR_fail(r, PMML_E_INVALID, f->line,
               "%s '%s': compareFunction=\"%s\" needs numbers, the field "
               "holds strings",
               f->element, fname(r, f), cmp_names[f->cmp]);
    return -1;
  }
  if (f->cmp == PM_CF_GAUSSSIM && !(f->scale > 0)) {
    pmmlR_fail(r, PMML_E_INVALID, f->line,
               "%s '%s': compareFunction=\"gaussSim\" needs a "
               "similarityScale greater than 0",
               f->element, fname(r, f));
    return -1;
  }
  if (f->cmp == PM_CF_TABLE) {
    int32_t n;
    if (!f->table) {
      pmmlR_fail(r, PMML_E_INVALID, f->line,
                 "%s '%s': compareFunction=\"table\" needs a Comparisons "
                 "matrix",
                 f->element, fname(r, f));
      return -1;
    }
    f->dom = f->expr >= 0 ? NULL : field_domain(r, m, f->name);
    n = domain_size(f->dom);
    if (n != f->n_table) {
      pmmlR_fail(r, PMML_E_INVALID, f->line,
                 "%s '%s': the Comparisons matrix has %d rows, the field "
                 "%d valid values",
                 f->element, fname(r, f), (int)f->n_table, (int)n);
      return -1;
    }
  }
  return 0;
}

int
pmmlR_cfield_ref(pm_resolver *r, const pm_cfield *f, pm_lit *l,
                 uint32_t line, double *out)
{
  pmml_model *doc = pmmlR_doc(r);
  uint8_t dt = f->sym ? PMML_DT_STRING : PMML_DT_DOUBLE;
  if (l->t == PM_T_MISSING && l->raw < 0) {
    *out = NAN;
    return 0;
  }
  if (f->cmp == PM_CF_TABLE && f->dom) {
    /* Type the value as the field's categories are typed. */
    uint8_t cdt = f->dom->n_values ? f->dom->values[0].v.dt : PMML_DT_DOUBLE;
    pm_val v;
    int32_t row;
    if (pmmlR_lit(r, l, cdt == PM_DT_ANY ? PM_DT_ANY : cdt, line))
      return -1;
    v = pmmlV_lit(doc, l);
    row = pmmlE_table_row(doc, f->dom, &v);
    if (row < 0) {
      /* The value as it reads (a number has no string id). */
      char text[64];
      pmmlV_format(&v, text, sizeof text);
      pmmlR_fail(r, PMML_E_INVALID, line,
                 "%s '%s': value '%s' is not one of the field's values, "
                 "which index the Comparisons matrix",
                 f->element, fname(r, f), text);
      return -1;
    }
    *out = (double)row;
    return 0;
  }
  if (pmmlR_lit(r, l, dt, line))
    return -1;
  *out = l->t == PM_T_STR ? (double)l->sym : l->num;
  return 0;
}

/* Resolve the ClusteringModel: fields, compare functions, the flat array
** of centers, cluster ids; PMML 4.4 ClusteringModel. */
int
pmmlR_clustering(pm_resolver *r, pm_model *m)
{
  pm_clustering *clu = m->body;
  pmml_model *doc = pmmlR_doc(r);
  pm_arena *a = pmmlR_arena(r);
  int32_t i, k, n = 0;
  if (clu->distribution) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "ClusteringModel: modelClass=\"distributionBased\" is not "
               "supported (only center-based clusters are scored)");
    return -1;
  }
  if (m->function != PM_FN_CLUSTERING) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "ClusteringModel: functionName must be \"clustering\"");
    return -1;
  }
  /* Keep the center fields, in order. */
  for (i = 0; i < clu->n_fields; i++)
    if (clu->fields[i].center)
      clu->fields[n++] = clu->fields[i];
  if (n == 0) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "ClusteringModel: no ClusteringField is a center field");
    return -1;
  }
  clu->n_fields = n;
  clu->meas.absdiff = 1;
  for (i = 0; i < n; i++) {
    if (pmmlR_cfield(r, m, &clu->meas, &clu->fields[i]))
      return -1;
    clu->meas.absdiff &= clu->fields[i].cmp == PM_CF_ABSDIFF;
  }
  if (clu->mvw && clu->n_mvw != n) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "MissingValueWeights: %d weights for %d center fields",
               (int)clu->n_mvw, (int)n);
    return -1;
  }
  clu->centers = pmmlM_alloc(a, (size_t)clu->n_clusters * (size_t)n *
                                    sizeof(double));
  if (!clu->centers) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (k = 0; k < clu->n_clusters; k++) {
    pm_cluster *cu = &clu->clusters[k];
    if (cu->n_center != n) {
      if (cu->n_center < 0)
        pmmlR_fail(r, PMML_E_INVALID, cu->line,
                   "Cluster: no Array of center coordinates (a center-based "
                   "model needs one)");
      else
        pmmlR_fail(r, PMML_E_INVALID, cu->line,
                   "Cluster: %d center coordinates for %d center fields",
                   (int)cu->n_center, (int)n);
      return -1;
    }
    for (i = 0; i < n; i++) {
      double *y = &clu->centers[(size_t)k * n + i];
      if (pmmlR_cfield_ref(r, &clu->fields[i], &cu->center[i], cu->line, y))
        return -1;
      if (isnan(*y)) {
        pmmlR_fail(r, PMML_E_INVALID, cu->line,
                   "Cluster: center coordinate %d is not a number", (int)i + 1);
        return -1;
      }
      if (clu->meas.metric >= PM_MS_SIMPLEMATCHING && *y != 0 && *y != 1) {
        pmmlR_fail(r, PMML_E_INVALID, cu->line,
                   "Cluster: a binary similarity needs centers of 0 and 1");
        return -1;
      }
    }
    /* The implicit id is the 1-based index (PMML 4.1 and later). */
    if (cu->id < 0) {
      char buf[16];
      int len = snprintf(buf, sizeof buf, "%d", (int)k + 1);
      cu->id = pmmlS_intern(a, &doc->strs, buf, (size_t)len);
      if (cu->id < 0) {
        pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
        return -1;
      }
    }
  }
  clu->scratch = pmmlR_scratch(r, (size_t)clu->n_clusters + (size_t)n);
  return 0;
}
