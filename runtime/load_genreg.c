/*
** load_genreg.c: <GeneralRegressionModel> (PMML 4.4 General Regression).
** The reader keeps the model's lists as written: Parameters, the factors
** and covariates (with their contrast matrices), the PPMatrix and
** ParamMatrix cells, and the Cox baseline tables. Resolve (at the end of
** this file) binds predictors to fields and turns the two matrices into the
** linear predictors that eval_genreg.c sums: one per modelled category, each
** a list of terms beta_j * x_j with x_j a product of factors. PCovMatrix and
** EventValues are skipped: no output we produce needs them (standardError
** and the confidence intervals are refused when an Output asks for them).
*/
#include <math.h>
#include <string.h>

#include "numconv.h"
#include "pmml_int.h"

/* A <MatCell row= col=> of the open Matrix. */
typedef struct gr_matcell {
  int32_t row, col;
  double v;
} gr_matcell;

/* The model being read: the model's body until the model ends. */
typedef struct gr_loader {
  pm_genreg *gr;
  pm_vec params;       /* pm_grparam */
  pm_vec preds;        /* pm_grpred */
  pm_vec ppcells;      /* pm_grppcell */
  pm_vec pcells;       /* pm_grpcell */
  pm_vec strata;       /* pm_grstratum */
  pm_vec cells;        /* pm_grbaseline */
  pm_vec cats;         /* pm_lit: Categories of the open Predictor */
  pm_vec mvals;        /* double: the open Matrix's Array values */
  pm_vec mrows;        /* int32_t: the length of each Array */
  pm_vec mcells;       /* gr_matcell */
  int in_factors;      /* inside FactorList (else CovariateList) */
  int seen_params, seen_pp, seen_pm, seen_base;
  int mkind;           /* Matrix@kind: 0 any, 1 symmetric, 2 diagonal */
  long nb_rows, nb_cols;
  double diag_dflt, off_dflt;
  int32_t cell_row, cell_col;
  double table_max;    /* BaseCumHazardTables@maxTime, NaN if absent */
  uint32_t table_line;
} gr_loader;

static const char *const type_names[] = {
  "regression", "generalLinear", "multinomialLogistic", "ordinalMultinomial",
  "generalizedLinear", "CoxRegression", NULL};
/* linkFunction: PM_GL_* is the index + 1 */
static const char *const link_names[] = {
  "cloglog", "identity", "log", "logc", "logit", "loglog", "negbin",
  "oddspower", "power", "probit", "cauchit", NULL};
static const char *const cumlink_names[] = {"logit", "probit", "cloglog",
                                            "loglog", "cauchit", NULL};
static const uint8_t cumlink_ids[] = {PM_GL_LOGIT, PM_GL_PROBIT,
                                      PM_GL_CLOGLOG, PM_GL_LOGLOG,
                                      PM_GL_CAUCHIT};
static const char *const dist_names[] = {
  "binomial", "gamma", "igauss", "negbin", "normal", "poisson", "tweedie",
  NULL};
static const char *const kind_names[] = {"any", "symmetric", "diagonal",
                                         NULL};

static gr_loader *
gl(pm_loader *ld)
{
  return ld->model ? ld->model->body : NULL;
}

/* An interned attribute that must be present (-1 after failing). */
static int32_t
need_sym(pm_loader *ld, const char **atts, const char *name)
{
  const char *v = pmmlL_need(ld, atts, name);
  return v ? pmmlL_intern(ld, v, strlen(v)) : -1;
}

/* <GeneralRegressionModel modelType= targetReferenceCategory=
**   cumulativeLink= linkFunction= linkParameter= trialsVariable=
**   trialsValue= distribution= distParameter= offsetVariable= offsetValue=
**   endTimeVariable= startTimeVariable= statusVariable=
**   baselineStrataVariable= targetVariableName= ...> */
static void
genreg_start(pm_loader *ld, pm_model *m, const char **atts)
{
  gr_loader *g = pmmlL_alloc(ld, sizeof *g);
  pm_genreg *gr;
  int cl;
  if (!g)
    return;
  gr = g->gr = pmmlL_alloc(ld, sizeof *g->gr);
  if (!gr)
    return;
  pmmlL_track(ld, &g->params, sizeof(pm_grparam));
  pmmlL_track(ld, &g->preds, sizeof(pm_grpred));
  pmmlL_track(ld, &g->ppcells, sizeof(pm_grppcell));
  pmmlL_track(ld, &g->pcells, sizeof(pm_grpcell));
  pmmlL_track(ld, &g->strata, sizeof(pm_grstratum));
  pmmlL_track(ld, &g->cells, sizeof(pm_grbaseline));
  pmmlL_track(ld, &g->cats, sizeof(pm_lit));
  pmmlL_track(ld, &g->mvals, sizeof(double));
  pmmlL_track(ld, &g->mrows, sizeof(int32_t));
  pmmlL_track(ld, &g->mcells, sizeof(gr_matcell));
  m->body = g;
  g->table_max = NAN;
  gr->line = m->line;
  if (!pmmlL_need(ld, atts, "modelType"))
    return;
  gr->type = (uint8_t)pmmlL_enum(ld, atts, "modelType", type_names, 0);
  gr->link = (uint8_t)(pmmlL_enum(ld, atts, "linkFunction", link_names, -1) +
                       1);
  cl = pmmlL_enum(ld, atts, "cumulativeLink", cumlink_names, -1);
  gr->cumlink = cl < 0 ? PM_GL_NONE : cumlink_ids[cl];
  gr->dist = (uint8_t)(pmmlL_enum(ld, atts, "distribution", dist_names, -1) +
                       1);
  gr->link_param = pmmlL_num(ld, atts, "linkParameter", NAN);
  gr->dist_param = pmmlL_num(ld, atts, "distParameter", NAN);
  gr->offset_value = pmmlL_num(ld, atts, "offsetValue", NAN);
  gr->trials_value = pmmlL_attr(atts, "trialsValue")
                         ? (double)pmmlL_int(ld, atts, "trialsValue", 0,
                                             -0x7fffffffL, 0x7fffffffL)
                         : NAN;
  gr->offset_name = pmmlL_sym(ld, atts, "offsetVariable");
  gr->trials_name = pmmlL_sym(ld, atts, "trialsVariable");
  gr->end_name = pmmlL_sym(ld, atts, "endTimeVariable");
  gr->start_name = pmmlL_sym(ld, atts, "startTimeVariable");
  gr->strata_name = pmmlL_sym(ld, atts, "baselineStrataVariable");
  gr->ref_category = pmmlL_lit(ld, atts, "targetReferenceCategory");
  /* 3.x: the target may be named here only (deprecated attribute). */
  if (m->target_name < 0)
    m->target_name = pmmlL_sym(ld, atts, "targetVariableName");
  if (!isnan(gr->offset_value) && gr->offset_name >= 0)
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: offsetVariable and offsetValue "
               "together");
  else if (!isnan(gr->trials_value) && gr->trials_name >= 0)
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: trialsVariable and trialsValue "
               "together");
}

/* ---- <ParameterList><Parameter name= label= referencePoint=/> ---------- */

static void
paramlist_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  (void)atts;
  if (g && g->seen_params++)
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: more than one ParameterList");
}

static void
param_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  int32_t name = need_sym(ld, atts, "name");
  pm_grparam *p;
  if (!g || name < 0)
    return;
  p = pmmlL_push(ld, &g->params, sizeof *p);
  if (!p)
    return;
  p->name = name;
  p->ref = pmmlL_num(ld, atts, "referencePoint", 0.0);
  p->line = pmmlL_frame(ld, 0)->line;
}

/* ---- <FactorList>/<CovariateList><Predictor name=> ---------------------- */

static void
factorlist_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  (void)atts;
  if (g)
    g->in_factors = 1;
}

static void
covlist_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  (void)atts;
  if (g)
    g->in_factors = 0;
}

/* <Predictor name= contrastMatrixType=> [Categories] [Matrix] */
static void
predictor_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_frame *f = pmmlL_frame(ld, 0);
  int32_t name = need_sym(ld, atts, "name");
  pm_grpred *p;
  if (!g || name < 0)
    return;
  p = pmmlL_push(ld, &g->preds, sizeof *p);
  if (!p)
    return;
  p->name = name;
  p->factor = (uint8_t)g->in_factors;
  p->line = f->line;
  p->slot = -1;
  g->cats.len = 0;
  f->obj = p;
}

static pm_grpred *
open_pred(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  if (!g || !g->preds.len)
    return NULL;
  return (pm_grpred *)g->preds.data + g->preds.len - 1;
}

/* <Categories><Category value=/>...</Categories> */
static void
categories_end(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  pm_grpred *p = open_pred(ld);
  if (!p)
    return;
  if (p->cats) {
    pmmlL_fail(ld, PMML_E_INVALID, "Predictor: more than one Categories");
    return;
  }
  p->cats = pmmlL_finish_vec(ld, &g->cats, sizeof(pm_lit), &p->n_cats);
}

static void
category_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_lit *l;
  if (!g || !pmmlL_need(ld, atts, "value"))
    return;
  l = pmmlL_push(ld, &g->cats, sizeof *l);
  if (l)
    *l = pmmlL_lit(ld, atts, "value");
}

/* <Matrix kind= nbRows= nbCols= diagDefault= offDiagDefault=>: Arrays (one
** per row; the lower triangle when symmetric, the diagonal when diagonal)
** or MatCells. */
static void
matrix_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  if (!g)
    return;
  g->mkind = pmmlL_enum(ld, atts, "kind", kind_names, 0);
  g->nb_rows = pmmlL_int(ld, atts, "nbRows", -1, 0, 1000000);
  g->nb_cols = pmmlL_int(ld, atts, "nbCols", -1, 0, 1000000);
  g->diag_dflt = pmmlL_num(ld, atts, "diagDefault", NAN);
  g->off_dflt = pmmlL_num(ld, atts, "offDiagDefault", NAN);
  g->mvals.len = g->mrows.len = g->mcells.len = 0;
}

static void
marray_end(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  int32_t *rl;
  int32_t n;
  if (!g)
    return;
  /* The row's numbers, appended to mvals without an arena copy. */
  n = pmmlL_push_numbers(ld, &g->mvals, text, len, 0, "Matrix");
  if (n < 0)
    return;
  rl = pmmlL_push(ld, &g->mrows, sizeof *rl);
  if (rl)
    *rl = n;
}

/* <MatCell row= col=>value</MatCell> (1-based) */
static void
matcell_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  if (!g || !pmmlL_need(ld, atts, "row") || !pmmlL_need(ld, atts, "col"))
    return;
  g->cell_row = (int32_t)pmmlL_int(ld, atts, "row", 1, 1, 1000000);
  g->cell_col = (int32_t)pmmlL_int(ld, atts, "col", 1, 1, 1000000);
}

static void
matcell_end(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  gr_matcell *c;
  double d;
  while (len && (*text == ' ' || *text == '\n' || *text == '\t' ||
                 *text == '\r'))
    text++, len--;
  while (len && (text[len - 1] == ' ' || text[len - 1] == '\n' ||
                 text[len - 1] == '\t' || text[len - 1] == '\r'))
    len--;
  if (!g || ld->failed)
    return;
  if (pmmlN_parse_double(text, len, &d)) {
    pmmlL_fail(ld, PMML_E_INVALID, "MatCell: '%.*s' is not a number",
               (int)(len > 40 ? 40 : len), text);
    return;
  }
  c = pmmlL_push(ld, &g->mcells, sizeof *c);
  if (!c)
    return;
  c->row = g->cell_row - 1;
  c->col = g->cell_col - 1;
  c->v = d;
}

/* The dense matrix of the open Predictor, row-major. Cells nobody gives
** are NaN (an error if scoring ever reads one). */
static void
matrix_end(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  pm_grpred *p = open_pred(ld);
  const double *v;
  const int32_t *rl;
  int32_t nr = 0, nc = 0, i, j, k;
  double *mx;
  if (!g || !p || ld->failed)
    return;
  if (p->matrix) {
    pmmlL_fail(ld, PMML_E_INVALID, "Predictor: more than one Matrix");
    return;
  }
  v = g->mvals.data;
  rl = g->mrows.data;
  if (g->mrows.len && g->mcells.len) {
    pmmlL_fail(ld, PMML_E_INVALID, "Matrix: both Array and MatCell");
    return;
  }
  if (g->mrows.len) {
    nr = (int32_t)g->mrows.len;
    if (g->mkind == 2) {
      if (nr != 1) {
        pmmlL_fail(ld, PMML_E_INVALID,
                   "Matrix: kind=\"diagonal\" takes one Array");
        return;
      }
      nr = nc = rl[0];
    } else if (g->mkind == 1) {
      nc = nr;
      for (i = 0; i < nr; i++)
        if (rl[i] != i + 1 && rl[i] != nr) {
          pmmlL_fail(ld, PMML_E_INVALID,
                     "Matrix: row %d of a symmetric matrix has %d values",
                     (int)i + 1, (int)rl[i]);
          return;
        }
    } else {
      nc = rl[0];
      for (i = 1; i < nr; i++)
        if (rl[i] != nc) {
          pmmlL_fail(ld, PMML_E_INVALID,
                     "Matrix: row %d has %d values, row 1 has %d",
                     (int)i + 1, (int)rl[i], (int)nc);
          return;
        }
    }
  } else {
    nr = (int32_t)g->nb_rows;
    nc = (int32_t)g->nb_cols;
    if (nr < 0 || nc < 0) {
      for (k = 0; k < (int32_t)g->mcells.len; k++) {
        const gr_matcell *c = (const gr_matcell *)g->mcells.data + k;
        if (g->nb_rows < 0 && c->row >= nr)
          nr = c->row + 1;
        if (g->nb_cols < 0 && c->col >= nc)
          nc = c->col + 1;
      }
      if (g->mkind != 0)
        nr = nc = nr > nc ? nr : nc;
    }
  }
  if ((g->nb_rows >= 0 && g->nb_rows != nr) ||
      (g->nb_cols >= 0 && g->nb_cols != nc)) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "Matrix: nbRows=%ld nbCols=%ld but the contents are %dx%d",
               g->nb_rows, g->nb_cols, (int)nr, (int)nc);
    return;
  }
  if (nr <= 0 || nc <= 0 || (double)nr * nc > 1e7) {
    pmmlL_fail(ld, PMML_E_INVALID, "Matrix: %dx%d is not a usable size",
               (int)nr, (int)nc);
    return;
  }
  mx = pmmlL_alloc(ld, (size_t)nr * (size_t)nc * sizeof *mx);
  if (!mx)
    return;
  for (i = 0; i < nr; i++)
    for (j = 0; j < nc; j++)
      mx[i * nc + j] = i == j ? (isnan(g->diag_dflt) && g->mkind == 2
                                     ? 0.0
                                     : g->diag_dflt)
                              : (isnan(g->off_dflt) && g->mkind == 2
                                     ? 0.0
                                     : g->off_dflt);
  if (g->mrows.len) {
    if (g->mkind == 2) {
      for (i = 0; i < nr; i++)
        mx[i * nc + i] = v[i];
    } else {
      for (i = 0, k = 0; i < nr; i++)
        for (j = 0; j < rl[i]; j++, k++) {
          mx[i * nc + j] = v[k];
          if (g->mkind == 1)
            mx[j * nc + i] = v[k];
        }
    }
  } else {
    for (k = 0; k < (int32_t)g->mcells.len; k++) {
      const gr_matcell *c = (const gr_matcell *)g->mcells.data + k;
      if (c->row >= nr || c->col >= nc) {
        pmmlL_fail(ld, PMML_E_INVALID,
                   "MatCell: row=%d col=%d is outside the %dx%d matrix",
                   (int)c->row + 1, (int)c->col + 1, (int)nr, (int)nc);
        return;
      }
      mx[c->row * nc + c->col] = c->v;
      if (g->mkind == 1)
        mx[c->col * nc + c->row] = c->v;
    }
  }
  p->matrix = mx;
  p->rows = nr;
  p->cols = nc;
}

/* ---- <PPMatrix><PPCell value= predictorName= parameterName=
**        targetCategory=/> ------------------------------------------------ */

static void
ppmatrix_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  (void)atts;
  if (g && g->seen_pp++)
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: more than one PPMatrix");
}

static void
ppcell_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_grppcell *c;
  int32_t pred, param;
  if (!g || !pmmlL_need(ld, atts, "value"))
    return;
  pred = need_sym(ld, atts, "predictorName");
  param = need_sym(ld, atts, "parameterName");
  if (pred < 0 || param < 0)
    return;
  c = pmmlL_push(ld, &g->ppcells, sizeof *c);
  if (!c)
    return;
  c->value = pmmlL_lit(ld, atts, "value");
  c->category = pmmlL_lit(ld, atts, "targetCategory");
  c->pred_name = pred;
  c->param_name = param;
  c->line = pmmlL_frame(ld, 0)->line;
  c->klass = -1;
}

/* ---- <ParamMatrix><PCell targetCategory= parameterName= beta= df=/> ---- */

static void
parammatrix_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  (void)atts;
  if (g && g->seen_pm++)
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: more than one ParamMatrix");
}

static void
pcell_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_grpcell *c;
  int32_t param;
  if (!g || !pmmlL_need(ld, atts, "beta"))
    return;
  param = need_sym(ld, atts, "parameterName");
  if (param < 0)
    return;
  c = pmmlL_push(ld, &g->pcells, sizeof *c);
  if (!c)
    return;
  c->category = pmmlL_lit(ld, atts, "targetCategory");
  c->param_name = param;
  c->beta = pmmlL_num(ld, atts, "beta", 0.0);
  c->line = pmmlL_frame(ld, 0)->line;
  c->klass = -1;
}

/* ---- <BaseCumHazardTables maxTime=> (BaselineStratum+ | BaselineCell+) - */

static void
basetables_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  if (!g)
    return;
  if (g->seen_base++) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "GeneralRegressionModel: more than one BaseCumHazardTables");
    return;
  }
  g->table_max = pmmlL_num(ld, atts, "maxTime", NAN);
  g->table_line = pmmlL_frame(ld, 0)->line;
}

static void
basetables_end(pm_loader *ld)
{
  gr_loader *g = gl(ld);
  pm_grstratum *s;
  if (!g || ld->failed)
    return;
  if (g->strata.len)
    return;
  /* Cells directly in the table: one stratum without a value. */
  if (isnan(g->table_max)) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BaseCumHazardTables: maxTime is required without "
               "BaselineStratum");
    return;
  }
  s = pmmlL_push(ld, &g->strata, sizeof *s);
  if (!s)
    return;
  memset(&s->value, 0, sizeof s->value);
  s->value.t = PM_T_MISSING;
  s->value.raw = -1;
  s->value.sym = -1;
  s->max_time = g->table_max;
  s->first = 0;
  s->n = (int32_t)g->cells.len;
  s->line = g->table_line;
}

/* <BaselineStratum value= label= maxTime=> */
static void
stratum_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_grstratum *s;
  if (!g || !pmmlL_need(ld, atts, "value") ||
      !pmmlL_need(ld, atts, "maxTime"))
    return;
  if (g->cells.len && !g->gr->has_strata) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BaseCumHazardTables: both BaselineStratum and BaselineCell");
    return;
  }
  g->gr->has_strata = 1;
  s = pmmlL_push(ld, &g->strata, sizeof *s);
  if (!s)
    return;
  s->value = pmmlL_lit(ld, atts, "value");
  s->max_time = pmmlL_num(ld, atts, "maxTime", NAN);
  s->first = (int32_t)g->cells.len;
  s->n = 0;
  s->line = pmmlL_frame(ld, 0)->line;
}

/* <BaselineCell time= cumHazard=/>, in a stratum or in the table. */
static void
cell_start(pm_loader *ld, const char **atts)
{
  gr_loader *g = gl(ld);
  pm_frame *pf = pmmlL_frame(ld, 1);
  pm_grbaseline *c;
  if (!g || !pmmlL_need(ld, atts, "time") ||
      !pmmlL_need(ld, atts, "cumHazard"))
    return;
  if (strcmp(pf->el->name, "BaselineStratum") != 0 && g->gr->has_strata) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BaseCumHazardTables: both BaselineStratum and BaselineCell");
    return;
  }
  c = pmmlL_push(ld, &g->cells, sizeof *c);
  if (!c)
    return;
  c->time = pmmlL_num(ld, atts, "time", NAN);
  c->cumhazard = pmmlL_num(ld, atts, "cumHazard", NAN);
  if (g->gr->has_strata)
    ((pm_grstratum *)g->strata.data)[g->strata.len - 1].n++;
}

/* ---- Element tables --------------------------------------------------- */

static const pm_elem param_children[] = {
  {"Parameter", param_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem categories_children[] = {
  {"Category", category_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem matrix_children[] = {
  {"Array", NULL, marray_end, NULL, PM_EL_TEXT},
  {"MatCell", matcell_start, matcell_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem predictor_children[] = {
  {"Categories", NULL, categories_end, categories_children, 0},
  {"Matrix", matrix_start, matrix_end, matrix_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem predlist_children[] = {
  {"Predictor", predictor_start, NULL, predictor_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem pp_children[] = {
  {"PPCell", ppcell_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem pm_children[] = {
  {"PCell", pcell_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem stratum_children[] = {
  {"BaselineCell", cell_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem base_children[] = {
  {"BaselineStratum", stratum_start, NULL, stratum_children, 0},
  {"BaselineCell", cell_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_genreg_elems[] = {
  {"ParameterList", paramlist_start, NULL, param_children, 0},
  {"FactorList", factorlist_start, NULL, predlist_children, 0},
  {"CovariateList", covlist_start, NULL, predlist_children, 0},
  {"PPMatrix", ppmatrix_start, NULL, pp_children, 0},
  {"PCovMatrix", NULL, NULL, NULL, PM_EL_SKIP},
  {"ParamMatrix", parammatrix_start, NULL, pm_children, 0},
  {"EventValues", NULL, NULL, NULL, PM_EL_SKIP},
  {"BaseCumHazardTables", basetables_start, basetables_end, base_children,
   0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
genreg_end(pm_loader *ld, pm_model *m)
{
  gr_loader *g = m->body;
  pm_genreg *gr = g->gr;
  if (!g->seen_params || !g->seen_pm) {
    pmmlL_fail(ld, PMML_E_INVALID, "GeneralRegressionModel: missing %s",
               !g->seen_params ? "ParameterList" : "ParamMatrix");
    return;
  }
  gr->params = pmmlL_finish_vec(ld, &g->params, sizeof(pm_grparam),
                                &gr->n_params);
  gr->preds = pmmlL_finish_vec(ld, &g->preds, sizeof(pm_grpred),
                               &gr->n_preds);
  gr->ppcells = pmmlL_finish_vec(ld, &g->ppcells, sizeof(pm_grppcell),
                                 &gr->n_ppcells);
  gr->pcells = pmmlL_finish_vec(ld, &g->pcells, sizeof(pm_grpcell),
                                &gr->n_pcells);
  gr->strata = pmmlL_finish_vec(ld, &g->strata, sizeof(pm_grstratum),
                                &gr->n_strata);
  gr->cells = pmmlL_finish_vec(ld, &g->cells, sizeof(pm_grbaseline),
                               &gr->n_cells);
  m->body = gr;
}

const pm_family pmmlL_genreg_family = {
  "GeneralRegressionModel", genreg_start, genreg_end, pmmlL_genreg_elems,
  pmmlR_genreg, pmmlE_genreg, NULL, NULL, 0,
};

/* ------------------------------------------------------------------------ */
/* Resolving: fields of the predictors, the categories, and the linear      */
/* predictors eval_genreg.c sums.                                           */

#define GSTR(r, id) pmmlS_str(&pmmlR_doc(r)->strs, (id))

static const char *const type_words[] = {
  "regression", "generalLinear", "multinomialLogistic", "ordinalMultinomial",
  "generalizedLinear", "CoxRegression"};

/* What resolve builds before it moves into the arena. */
typedef struct gr_build {
  pm_vec factors;      /* pm_grfactor */
  pm_vec terms;        /* pm_grterm */
  pm_vec eqs;          /* pm_greq */
} gr_build;

static void *
bpush(pm_resolver *r, pm_vec *v, size_t size)
{
  void *p = pmmlM_vec_push(pmmlR_arena(r), v, size);
  if (!p)
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
  return p;
}

/* The text of a typed literal, for messages. */
static const char *
lit_text(pm_resolver *r, const pm_lit *l)
{
  return l->sym >= 0 ? GSTR(r, l->sym) : "?";
}

static int
lits_equal(pm_resolver *r, const pm_lit *a, const pm_lit *b)
{
  pm_val x = pmmlV_lit(pmmlR_doc(r), a), y = pmmlV_lit(pmmlR_doc(r), b);
  return pmmlV_equal(&x, &y) == 1;
}

static int32_t
find_param(const pm_genreg *g, int32_t name)
{
  int32_t i;
  for (i = 0; i < g->n_params; i++)
    if (g->params[i].name == name)
      return i;
  return -1;
}

/* The Predictor called 'name': a factor first (as JPMML), else a
** covariate; -1 when neither list has it. */
static int32_t
find_pred(const pm_genreg *g, int32_t name)
{
  int32_t i, cov = -1;
  for (i = 0; i < g->n_preds; i++)
    if (g->preds[i].name == name) {
      if (g->preds[i].factor)
        return i;
      if (cov < 0)
        cov = i;
    }
  return cov;
}

/* A field named by a model attribute or a Predictor, seen from m. */
static int32_t
field_slot(pm_resolver *r, pm_model *m, int32_t name, const char *what,
           uint32_t line)
{
  int32_t slot = pmmlR_field_try(r, m, name);
  if (slot < 0 && !pmmlR_failed(r))
    pmmlR_fail(r, PMML_E_REFERENCE, line, "%s: unknown field '%s'", what,
               GSTR(r, name));
  return slot;
}

/* The declared Values of the field called 'name' seen from m: a local
** DerivedField, a TransformationDictionary one, or the DataField. */
static const pm_domain *
field_domain(pm_resolver *r, const pm_model *m, int32_t name)
{
  const pmml_model *doc = pmmlR_doc(r);
  const pm_model *s;
  int32_t i;
  /* The model's own local fields, then those of the models that enclose
  ** it (a GLM in a segment sees its MiningModel's), then the document's. */
  for (s = m; s; s = s->parent >= 0 ? doc->models[s->parent] : NULL)
    for (i = 0; i < s->n_local; i++)
      if (s->local[i].name == name)
        return &s->local[i].dom;
  for (i = 0; i < doc->n_gd; i++)
    if (doc->gd[i].name == name)
      return &doc->gd[i].dom;
  for (i = 0; i < doc->n_df; i++)
    if (doc->df[i].name == name)
      return &doc->df[i].dom;
  return NULL;
}

/* A contrast matrix without Categories: its rows and columns are the
** field's valid Values, in their order (PMML 4.4 General Regression,
** Predictor). */
static int
cats_from_field(pm_resolver *r, const pm_model *m, pm_grpred *p)
{
  const pm_domain *d = field_domain(r, m, p->name);
  int32_t i, n = 0;
  if (!d || d->n_valid == 0) {
    pmmlR_fail(r, PMML_E_INVALID, p->line,
               "Predictor '%s': a contrast Matrix needs Categories or a "
               "field that lists its values",
               GSTR(r, p->name));
    return -1;
  }
  p->cats = pmmlM_alloc(pmmlR_arena(r), (size_t)d->n_valid * sizeof *p->cats);
  if (!p->cats) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = 0; i < d->n_values; i++)
    if (d->values[i].property == PM_PROP_VALID)
      p->cats[n++] = d->values[i].v;
  p->n_cats = n;
  return 0;
}

/* Bind a Predictor to its field the first time a PPCell uses it, and type
** its Categories. */
static int
use_pred(pm_resolver *r, pm_model *m, pm_grpred *p)
{
  int32_t i;
  uint8_t dt;
  if (p->slot >= 0)
    return 0;
  p->slot = field_slot(r, m, p->name, "Predictor", p->line);
  if (p->slot < 0)
    return -1;
  dt = pmmlR_slot_dtype(r, p->slot);
  if (p->matrix && p->factor && p->n_cats == 0 && cats_from_field(r, m, p))
    return -1;
  for (i = 0; i < p->n_cats; i++)
    if (pmmlR_lit(r, &p->cats[i], dt, p->line))
      return -1;
  if (p->matrix) {
    if (!p->factor) {
      pmmlR_fail(r, PMML_E_INVALID, p->line,
                 "Predictor '%s': a contrast Matrix on a covariate",
                 GSTR(r, p->name));
      return -1;
    }
    if (p->rows != p->n_cats) {
      pmmlR_fail(r, PMML_E_INVALID, p->line,
                 "Predictor '%s': the contrast Matrix has %d rows for %d "
                 "Categories",
                 GSTR(r, p->name), (int)p->rows, (int)p->n_cats);
      return -1;
    }
  }
  return 0;
}

/* The factor a PPCell contributes to its parameter's x_j. */
static int
ppcell_factor(pm_resolver *r, pm_model *m, pm_genreg *g, pm_grppcell *c,
              pm_grfactor *out)
{
  int32_t pi = find_pred(g, c->pred_name), k;
  pm_grpred *p;
  memset(out, 0, sizeof *out);
  if (pi < 0) {
    pmmlR_fail(r, PMML_E_INVALID, c->line,
               "PPCell: predictor '%s' is in neither the FactorList nor the "
               "CovariateList",
               GSTR(r, c->pred_name));
    return -1;
  }
  p = &g->preds[pi];
  if (use_pred(r, m, p))
    return -1;
  out->slot = p->slot;
  out->pred = pi;
  if (!p->factor) {
    /* A covariate's cell holds the exponent. */
    if (pmmlR_lit(r, &c->value, PMML_DT_DOUBLE, c->line))
      return -1;
    out->kind = PM_GRF_POWER;
    out->exponent = c->value.num;
    return 0;
  }
  if (pmmlR_lit(r, &c->value, pmmlR_slot_dtype(r, p->slot), c->line))
    return -1;
  if (!p->matrix) {
    out->kind = PM_GRF_LEVEL;
    out->level = c->value;
    return 0;
  }
  /* With a contrast matrix the cell's value names the column: the
  ** position of that category among Categories (JPMML's reading). */
  out->kind = PM_GRF_CONTRAST;
  for (k = 0; k < p->n_cats; k++)
    if (lits_equal(r, &p->cats[k], &c->value))
      break;
  if (k == p->n_cats || k >= p->cols) {
    pmmlR_fail(r, PMML_E_INVALID, c->line,
               "PPCell: value '%s' names no column of the contrast Matrix "
               "of '%s'",
               lit_text(r, &c->value), GSTR(r, p->name));
    return -1;
  }
  out->column = k;
  return 0;
}

/* Append the term beta * x_j of PCell pc to b, x_j made of the PPCells of
** its parameter among those of class 'pk' (-1: the cells without
** targetCategory). Factor tests come first, then covariates, in document
** order. */
static int
add_term(pm_resolver *r, pm_model *m, pm_genreg *g, gr_build *b,
         const pm_grpcell *pc, int32_t pk)
{
  pm_grterm *t;
  int32_t i, pass, first = (int32_t)b->factors.len, n = 0, n_level = 0;
  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < g->n_ppcells; i++) {
      pm_grppcell *c = &g->ppcells[i];
      int32_t pi;
      pm_grfactor f, *fp;
      if (c->param_name != pc->param_name || c->klass != pk)
        continue;
      pi = find_pred(g, c->pred_name);
      if (pi >= 0 && (g->preds[pi].factor != 0) != (pass == 0))
        continue;
      if (ppcell_factor(r, m, g, c, &f))
        return -1;
      fp = bpush(r, &b->factors, sizeof *fp);
      if (!fp)
        return -1;
      *fp = f;
      n++;
      if (pass == 0)
        n_level++;
    }
  t = bpush(r, &b->terms, sizeof *t);
  if (!t)
    return -1;
  t->beta = pc->beta;
  t->first = first;
  t->n = n;
  t->n_level = n_level;
  return 0;
}

/* Does any PPCell carry class k (k = -1: no targetCategory)? */
static int
has_ppcells(const pm_genreg *g, int32_t k)
{
  int32_t i;
  for (i = 0; i < g->n_ppcells; i++)
    if (g->ppcells[i].klass == k)
      return 1;
  return 0;
}

/* Does any PCell carry class k? */
static int
has_pcells(const pm_genreg *g, int32_t k)
{
  int32_t i;
  for (i = 0; i < g->n_pcells; i++)
    if (g->pcells[i].klass == k)
      return 1;
  return 0;
}

/* Append the linear predictor of class k (-1 for regression): the PCells
** of class 'ck' (then, for ordinal models, the shared ones), with the
** PPMatrix of class k when it has one, else the shared PPMatrix. */
static int
add_eq(pm_resolver *r, pm_model *m, pm_genreg *g, gr_build *b, int32_t k,
       int32_t ck, int shared_too)
{
  pm_greq *e;
  int32_t i, pk = k >= 0 && has_ppcells(g, k) ? k : -1;
  int32_t first = (int32_t)b->terms.len;
  if (pk < 0 && g->n_ppcells > 0 && !has_ppcells(g, -1)) {
    pmmlR_fail(r, PMML_E_INVALID, g->line,
               "PPMatrix: no PPCell for target category '%s' and none "
               "without targetCategory",
               lit_text(r, &m->classes[k]));
    return -1;
  }
  for (i = 0; i < g->n_pcells; i++)
    if (g->pcells[i].klass == ck && add_term(r, m, g, b, &g->pcells[i], pk))
      return -1;
  if (shared_too)
    for (i = 0; i < g->n_pcells; i++)
      if (g->pcells[i].klass == -1 &&
          add_term(r, m, g, b, &g->pcells[i], pk))
        return -1;
  e = bpush(r, &b->eqs, sizeof *e);
  if (!e)
    return -1;
  e->klass = k;
  e->first = first;
  e->n = (int32_t)b->terms.len - first;
  return 0;
}

/* The checks of the model's attributes that do not need the matrices. */
static int
check_attributes(pm_resolver *r, pm_model *m, pm_genreg *g)
{
  int classif = m->function == PM_FN_CLASSIFICATION;
  int t = g->type;
  const char *tw = type_words[t];
  if (m->function != PM_FN_REGRESSION && !classif) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "GeneralRegressionModel: only functionName regression and "
               "classification are supported");
    return -1;
  }
  if (((t == PM_GR_REGRESSION || t == PM_GR_GENERAL_LINEAR ||
        t == PM_GR_COX) && classif) ||
      ((t == PM_GR_MULTINOMIAL || t == PM_GR_ORDINAL) && !classif)) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: modelType=\"%s\" with "
               "functionName=\"%s\"",
               tw, classif ? "classification" : "regression");
    return -1;
  }
  if (m->math_float) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "GeneralRegressionModel: x-mathContext=\"float\" is not "
               "supported");
    return -1;
  }
  if (t == PM_GR_GENERALIZED) {
    if (g->link == PM_GL_NONE) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "GeneralRegressionModel: modelType=\"generalizedLinear\" "
                 "needs linkFunction");
      return -1;
    }
    if (g->link == PM_GL_NEGBIN && isnan(g->dist_param)) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "GeneralRegressionModel: linkFunction=\"negbin\" needs "
                 "distParameter");
      return -1;
    }
    if ((g->link == PM_GL_POWER || g->link == PM_GL_ODDSPOWER) &&
        isnan(g->link_param)) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "GeneralRegressionModel: linkFunction=\"%s\" needs "
                 "linkParameter",
                 g->link == PM_GL_POWER ? "power" : "oddspower");
      return -1;
    }
  }
  if (t == PM_GR_ORDINAL && g->cumlink == PM_GL_NONE) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: modelType=\"ordinalMultinomial\" "
               "needs cumulativeLink");
    return -1;
  }
  /* Offsets enter the linear predictor of generalized linear and ordinal
  ** models; trials multiply a generalized linear regression's mean. PMML
  ** gives them no meaning elsewhere, so they are refused there rather than
  ** silently ignored. */
  if ((g->offset_name >= 0 ||
       (!isnan(g->offset_value) && g->offset_value != 0)) &&
      t != PM_GR_GENERALIZED && t != PM_GR_ORDINAL) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "GeneralRegressionModel: an offset with modelType=\"%s\" is "
               "not supported",
               tw);
    return -1;
  }
  if ((g->trials_name >= 0 || !isnan(g->trials_value)) &&
      g->dist != PM_GD_BINOMIAL) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: trials need "
               "distribution=\"binomial\"");
    return -1;
  }
  if ((g->trials_name >= 0 || !isnan(g->trials_value)) &&
      (t != PM_GR_GENERALIZED || classif)) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "GeneralRegressionModel: trials are supported for a "
               "generalizedLinear regression only");
    return -1;
  }
  g->offset_slot = g->trials_slot = g->end_slot = g->strata_slot = -1;
  if (g->offset_name >= 0) {
    g->offset_slot = field_slot(r, m, g->offset_name,
                                "GeneralRegressionModel: offsetVariable",
                                m->line);
    if (g->offset_slot < 0)
      return -1;
  }
  if (g->trials_name >= 0) {
    g->trials_slot = field_slot(r, m, g->trials_name,
                                "GeneralRegressionModel: trialsVariable",
                                m->line);
    if (g->trials_slot < 0)
      return -1;
  }
  return 0;
}

/* Cox: the time and strata fields, the baseline tables. */
static int
check_cox(pm_resolver *r, pm_model *m, pm_genreg *g)
{
  int32_t i;
  if (!g->strata) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: CoxRegression needs "
               "BaseCumHazardTables");
    return -1;
  }
  if (g->end_name < 0) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: CoxRegression needs "
               "endTimeVariable");
    return -1;
  }
  if (g->has_strata != (g->strata_name >= 0)) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               g->has_strata
                   ? "GeneralRegressionModel: BaselineStratum needs "
                     "baselineStrataVariable"
                   : "GeneralRegressionModel: baselineStrataVariable needs "
                     "BaselineStratum elements");
    return -1;
  }
  g->end_slot = field_slot(r, m, g->end_name,
                           "GeneralRegressionModel: endTimeVariable",
                           m->line);
  if (g->end_slot < 0)
    return -1;
  if (g->has_strata) {
    uint8_t dt;
    g->strata_slot = field_slot(
        r, m, g->strata_name,
        "GeneralRegressionModel: baselineStrataVariable", m->line);
    if (g->strata_slot < 0)
      return -1;
    dt = pmmlR_slot_dtype(r, g->strata_slot);
    for (i = 0; i < g->n_strata; i++)
      if (pmmlR_lit(r, &g->strata[i].value, dt, g->strata[i].line))
        return -1;
  }
  for (i = 0; i < g->n_cells; i++)
    if (!isfinite(g->cells[i].time) || isnan(g->cells[i].cumhazard)) {
      pmmlR_fail(r, PMML_E_INVALID, g->line,
                 "BaselineCell: time and cumHazard must be numbers");
      return -1;
    }
  /* s = sum of beta_j * referencePoint_j, in ParamMatrix order. */
  g->cox_ref = 0.0;
  for (i = 0; i < g->n_pcells; i++)
    g->cox_ref += g->pcells[i].beta *
                  g->params[find_param(g, g->pcells[i].param_name)].ref;
  return 0;
}

/* Is class k a valid Value of the target's DataField (when the DataField
** lists any)? *declared gets whether it lists any. */
static int
declared_class(pm_resolver *r, const pm_model *m, int32_t k, int *declared)
{
  const pmml_model *doc = pmmlR_doc(r);
  int32_t i, j;
  *declared = 0;
  for (i = 0; i < doc->n_df; i++) {
    const pm_domain *d;
    if (doc->df[i].name != m->target_name)
      continue;
    d = &doc->df[i].dom;
    *declared = d->n_valid > 0;
    for (j = 0; j < d->n_values; j++)
      if (d->values[j].property == PM_PROP_VALID &&
          pmmlR_class(m, &d->values[j].v) == k)
        return 1;
    return !*declared;
  }
  return 1;
}

/* Classification: the categories in the order they are scored, the
** reference (or last ordinal) category last. PMML 4.4 General Regression:
** "the reference category is the one that does not appear in the
** ParamMatrix" unless targetReferenceCategory names it. */
static int
order_classes(pm_resolver *r, pm_model *m, pm_genreg *g)
{
  int32_t k, n = 0, ref = -1, cand = -1, n_cand = 0;
  int declared;
  if (g->ref_category.t != PM_T_MISSING) {
    if (pmmlR_lit(r, &g->ref_category, m->target_dt, m->line))
      return -1;
    ref = pmmlR_add_class(r, m, &g->ref_category);
    if (ref < 0)
      return -1;
    if (!declared_class(r, m, ref, &declared)) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "GeneralRegressionModel: targetReferenceCategory '%s' is "
                 "not a category of the target",
                 lit_text(r, &g->ref_category));
      return -1;
    }
  }
  g->order = pmmlM_alloc(pmmlR_arena(r),
                         ((size_t)m->n_classes + 1) * sizeof *g->order);
  if (!g->order) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (k = 0; k < m->n_classes; k++) {
    if (!declared_class(r, m, k, &declared))
      continue;
    if (ref < 0 && g->type != PM_GR_ORDINAL && !has_pcells(g, k)) {
      cand = k;
      n_cand++;
    }
  }
  if (ref < 0 && g->type != PM_GR_ORDINAL) {
    if (n_cand != 1) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "GeneralRegressionModel: %d categories have no PCell; "
                 "targetReferenceCategory must name the reference",
                 (int)n_cand);
      return -1;
    }
    ref = cand;
  }
  for (k = 0; k < m->n_classes; k++)
    if (k != ref && declared_class(r, m, k, &declared))
      g->order[n++] = k;
  if (ref >= 0)
    g->order[n++] = ref;
  g->n_order = n;
  if (n < 2) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "GeneralRegressionModel: a classification needs two "
               "categories or more, not %d",
               (int)n);
    return -1;
  }
  if (g->type == PM_GR_GENERALIZED && n != 2) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "GeneralRegressionModel: a generalizedLinear classification "
               "of %d categories is not supported (binary only)",
               (int)n);
    return -1;
  }
  return 0;
}

/* Type the targetCategory of every PPCell and PCell. */
static int
cell_classes(pm_resolver *r, pm_model *m, pm_genreg *g)
{
  int32_t i;
  int classif = m->function == PM_FN_CLASSIFICATION, declared;
  for (i = 0; i < g->n_ppcells + g->n_pcells; i++) {
    int pp = i < g->n_ppcells;
    pm_lit *l = pp ? &g->ppcells[i].category
                   : &g->pcells[i - g->n_ppcells].category;
    uint32_t line = pp ? g->ppcells[i].line : g->pcells[i - g->n_ppcells].line;
    int32_t k;
    if (l->t == PM_T_MISSING)
      continue;
    if (!classif) {
      pmmlR_fail(r, PMML_E_INVALID, line,
                 "%s: targetCategory in a regression model",
                 pp ? "PPCell" : "PCell");
      return -1;
    }
    if (pmmlR_lit(r, l, m->target_dt, line))
      return -1;
    k = pmmlR_add_class(r, m, l);
    if (k < 0)
      return -1;
    if (!declared_class(r, m, k, &declared)) {
      pmmlR_fail(r, PMML_E_INVALID, line,
                 "%s: targetCategory '%s' is not a category of the target",
                 pp ? "PPCell" : "PCell", lit_text(r, l));
      return -1;
    }
    if (pp)
      g->ppcells[i].klass = k;
    else
      g->pcells[i - g->n_ppcells].klass = k;
  }
  return 0;
}

/* Parameters are unique; every cell names one of them, every PPCell a
** Predictor of the FactorList or the CovariateList. */
static int
check_params(pm_resolver *r, pm_genreg *g)
{
  int32_t i, j;
  for (i = 0; i < g->n_params; i++)
    for (j = 0; j < i; j++)
      if (g->params[i].name == g->params[j].name) {
        pmmlR_fail(r, PMML_E_INVALID, g->params[i].line,
                   "Parameter: '%s' is declared twice",
                   GSTR(r, g->params[i].name));
        return -1;
      }
  for (i = 0; i < g->n_ppcells; i++) {
    if (find_param(g, g->ppcells[i].param_name) < 0) {
      pmmlR_fail(r, PMML_E_INVALID, g->ppcells[i].line,
                 "PPCell: unknown parameter '%s'",
                 GSTR(r, g->ppcells[i].param_name));
      return -1;
    }
    if (find_pred(g, g->ppcells[i].pred_name) < 0) {
      pmmlR_fail(r, PMML_E_INVALID, g->ppcells[i].line,
                 "PPCell: predictor '%s' is in neither the FactorList nor "
                 "the CovariateList",
                 GSTR(r, g->ppcells[i].pred_name));
      return -1;
    }
  }
  for (i = 0; i < g->n_pcells; i++)
    if (find_param(g, g->pcells[i].param_name) < 0) {
      pmmlR_fail(r, PMML_E_INVALID, g->pcells[i].line,
                 "PCell: unknown parameter '%s'",
                 GSTR(r, g->pcells[i].param_name));
      return -1;
    }
  return 0;
}

/* The linear predictors of each model type. */
static int
build_eqs(pm_resolver *r, pm_model *m, pm_genreg *g, gr_build *b)
{
  int32_t i, n = g->n_order;
  if (m->function != PM_FN_CLASSIFICATION) {
    if (g->n_pcells == 0 && g->type != PM_GR_COX) {
      pmmlR_fail(r, PMML_E_INVALID, g->line,
                 "ParamMatrix: no PCell");
      return -1;
    }
    return add_eq(r, m, g, b, -1, -1, 0);
  }
  if (g->type == PM_GR_ORDINAL) {
    /* One intercept per category but the last; the other parameters are
    ** shared by all. */
    for (i = 0; i < g->n_pcells; i++)
      if (g->pcells[i].klass == g->order[n - 1]) {
        pmmlR_fail(r, PMML_E_INVALID, g->pcells[i].line,
                   "PCell: the last category '%s' of an ordinal model "
                   "takes no parameter",
                   lit_text(r, &m->classes[g->order[n - 1]]));
        return -1;
      }
    for (i = 0; i < n - 1; i++) {
      int32_t k = g->order[i], j, cnt = 0;
      for (j = 0; j < g->n_pcells; j++)
        cnt += g->pcells[j].klass == k;
      if (cnt != 1) {
        pmmlR_fail(r, PMML_E_INVALID, g->line,
                   "ParamMatrix: category '%s' of an ordinal model needs "
                   "one intercept PCell, not %d",
                   lit_text(r, &m->classes[k]), (int)cnt);
        return -1;
      }
      if (add_eq(r, m, g, b, k, k, 1))
        return -1;
    }
    return 0;
  }
  /* Multinomial logistic and binary generalized linear: each category but
  ** the reference has its own PCells; a binary model may give them
  ** without targetCategory. */
  for (i = 0; i < g->n_pcells; i++)
    if (g->pcells[i].klass == g->order[n - 1] ||
        (g->pcells[i].klass < 0 && n > 2)) {
      pmmlR_fail(r, PMML_E_INVALID, g->pcells[i].line,
                 g->pcells[i].klass < 0
                     ? "PCell: targetCategory is required with more than "
                       "two categories"
                     : "PCell: the reference category takes no parameter");
      return -1;
    }
  for (i = 0; i < n - 1; i++) {
    int32_t k = g->order[i];
    int32_t ck = has_pcells(g, k) ? k : -1;
    if (ck < 0 && (n > 2 || !has_pcells(g, -1))) {
      pmmlR_fail(r, PMML_E_INVALID, g->line,
                 "ParamMatrix: no PCell for category '%s'",
                 lit_text(r, &m->classes[k]));
      return -1;
    }
    if (add_eq(r, m, g, b, k, ck, 0))
      return -1;
  }
  return 0;
}

/*
** PMML 4.4 General Regression: bind the predictors and the model's
** variables to fields, decide the categories and their order, and lay out
** the linear predictors as flat arrays of terms and factors.
*/
int
pmmlR_genreg(pm_resolver *r, pm_model *m)
{
  pm_genreg *g = m->body;
  pm_arena *a = pmmlR_arena(r);
  gr_build b;
  int ok[3], rc = -1;
  memset(&b, 0, sizeof b);
  if (check_attributes(r, m, g) || check_params(r, g) ||
      cell_classes(r, m, g))
    return -1;
  if (g->type == PM_GR_COX && check_cox(r, m, g))
    return -1;
  if (m->function == PM_FN_CLASSIFICATION && order_classes(r, m, g))
    return -1;
  if (build_eqs(r, m, g, &b))
    goto done;
  g->n_factors = (int32_t)b.factors.len;
  g->n_terms = (int32_t)b.terms.len;
  g->n_eqs = (int32_t)b.eqs.len;
  g->factors = pmmlM_vec_finish(a, &b.factors, sizeof(pm_grfactor), &ok[0]);
  g->terms = pmmlM_vec_finish(a, &b.terms, sizeof(pm_grterm), &ok[1]);
  g->eqs = pmmlM_vec_finish(a, &b.eqs, sizeof(pm_greq), &ok[2]);
  if (!ok[0] || !ok[1] || !ok[2]) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    goto done;
  }
  rc = 0;
done:
  pmmlM_vec_free(a, &b.factors, sizeof(pm_grfactor));
  pmmlM_vec_free(a, &b.terms, sizeof(pm_grterm));
  pmmlM_vec_free(a, &b.eqs, sizeof(pm_greq));
  return rc;
}
