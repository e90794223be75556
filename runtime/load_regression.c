/*
** load_regression.c: <RegressionModel> and its RegressionTables with
** NumericPredictor, CategoricalPredictor and PredictorTerm (whose FieldRefs
** are ordinary expressions).
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

typedef struct reg_loader {
  pm_regression *reg;
  pm_vec tables;       /* pm_regtable */
  pm_vec nums;         /* pm_numpred of the open table */
  pm_vec cats;         /* pm_catpred */
  pm_vec terms;        /* pm_term */
} reg_loader;

static const char *const norm_names[] = {
  "none", "simplemax", "softmax", "logit", "probit", "cloglog", "exp",
  "loglog", "cauchit", NULL};

static reg_loader *
rl(pm_loader *ld)
{
  return ld->model->body;
}

static void
regression_start(pm_loader *ld, pm_model *m, const char **atts)
{
  reg_loader *r = pmmlL_alloc(ld, sizeof *r);
  if (!r)
    return;
  r->reg = pmmlL_alloc(ld, sizeof *r->reg);
  if (!r->reg)
    return;
  pmmlL_track(ld, &r->tables, sizeof(pm_regtable));
  pmmlL_track(ld, &r->nums, sizeof(pm_numpred));
  pmmlL_track(ld, &r->cats, sizeof(pm_catpred));
  pmmlL_track(ld, &r->terms, sizeof(pm_term));
  m->body = r;
  r->reg->norm = (uint8_t)pmmlL_enum(ld, atts, "normalizationMethod",
                                     norm_names, PM_NORM_NONE);
}

/* <RegressionTable intercept= targetCategory=> */
static void
table_start(pm_loader *ld, const char **atts)
{
  reg_loader *r = rl(ld);
  pm_regtable *t;
  if (!r || !pmmlL_need(ld, atts, "intercept"))
    return;
  t = pmmlL_push(ld, &r->tables, sizeof *t);
  if (!t)
    return;
  t->intercept = pmmlL_num(ld, atts, "intercept", 0);
  t->category = pmmlL_lit(ld, atts, "targetCategory");
  t->klass = -1;
  r->nums.len = r->cats.len = r->terms.len = 0;
}

static void
table_end(pm_loader *ld)
{
  reg_loader *r = rl(ld);
  pm_regtable *t;
  if (!r || !r->tables.len)
    return;
  t = (pm_regtable *)r->tables.data + r->tables.len - 1;
  t->nums = pmmlL_finish_vec(ld, &r->nums, sizeof(pm_numpred), &t->n_nums);
  t->cats = pmmlL_finish_vec(ld, &r->cats, sizeof(pm_catpred), &t->n_cats);
  t->terms = pmmlL_finish_vec(ld, &r->terms, sizeof(pm_term), &t->n_terms);
}

/* <NumericPredictor name= exponent= coefficient=/> */
static void
numeric_start(pm_loader *ld, const char **atts)
{
  reg_loader *r = rl(ld);
  const char *name = pmmlL_need(ld, atts, "name");
  pm_numpred *p;
  if (!name || !pmmlL_need(ld, atts, "coefficient"))
    return;
  p = pmmlL_push(ld, &r->nums, sizeof *p);
  if (!p)
    return;
  p->name = pmmlL_intern(ld, name, strlen(name));
  p->slot = -1;
  p->direct = -1;
  p->exponent = (double)pmmlL_int(ld, atts, "exponent", 1, -1000000, 1000000);
  p->coef = pmmlL_num(ld, atts, "coefficient", 0);
  p->line = pmmlL_frame(ld, 0)->line;
}

/* <CategoricalPredictor name= value= coefficient=/> */
static void
categorical_start(pm_loader *ld, const char **atts)
{
  reg_loader *r = rl(ld);
  const char *name = pmmlL_need(ld, atts, "name");
  pm_catpred *p;
  if (!name || !pmmlL_need(ld, atts, "value") ||
      !pmmlL_need(ld, atts, "coefficient"))
    return;
  p = pmmlL_push(ld, &r->cats, sizeof *p);
  if (!p)
    return;
  p->name = pmmlL_intern(ld, name, strlen(name));
  p->slot = -1;
  p->value = pmmlL_lit(ld, atts, "value");
  p->coef = pmmlL_num(ld, atts, "coefficient", 0);
  p->line = pmmlL_frame(ld, 0)->line;
}

/* <PredictorTerm coefficient=><FieldRef/>+</PredictorTerm> */
static void
term_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  if (!pmmlL_need(ld, atts, "coefficient"))
    return;
  f->obj = (void *)1;
  f->aux = 0;
  /* The coefficient waits in the frame's spare pointer slot. */
  {
    double *c = pmmlL_alloc(ld, sizeof *c);
    if (!c)
      return;
    *c = pmmlL_num(ld, atts, "coefficient", 0);
    f->save = c;
  }
}

static void
term_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  reg_loader *r = rl(ld);
  int32_t n, *kids, i;
  pm_term *t;
  if (!f->obj)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (n < 1) {
    pmmlL_fail(ld, PMML_E_INVALID, "PredictorTerm: no FieldRef");
    return;
  }
  t = pmmlL_push(ld, &r->terms, sizeof *t);
  if (!t)
    return;
  t->coef = *(double *)f->save;
  t->first = (int32_t)ld->args.len;
  t->n = n;
  for (i = 0; i < n; i++) {
    int32_t *slot = pmmlL_push(ld, &ld->args, sizeof *slot);
    if (!slot)
      return;
    *slot = kids[i];
  }
}

static const pm_elem term_children[] = {
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

static const pm_elem table_children[] = {
  {"NumericPredictor", numeric_start, NULL, NULL, 0},
  {"CategoricalPredictor", categorical_start, NULL, NULL, 0},
  {"PredictorTerm", term_start, term_end, term_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_regression_elems[] = {
  {"RegressionTable", table_start, table_end, table_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
regression_end(pm_loader *ld, pm_model *m)
{
  reg_loader *r = m->body;
  pm_regression *reg = r->reg;
  reg->tables =
      pmmlL_finish_vec(ld, &r->tables, sizeof(pm_regtable), &reg->n_tables);
  if (!ld->failed && reg->n_tables == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "RegressionModel: no RegressionTable");
  m->body = reg;
}

/* Room for the table values of models with many categories. */
static size_t
regression_scratch(const pm_model *m)
{
  const pm_regression *reg = m->body;
  return reg->n_tables > 64 ? (size_t)reg->n_tables : 0;
}

const pm_family pmmlL_regression_family = {
  "RegressionModel", regression_start, regression_end, pmmlL_regression_elems,
  pmmlR_regression, pmmlE_regression, NULL, regression_scratch, 0,
};

/* ------------------------------------------------------------------------ */
/* Resolving: fields of the predictors, classes of the tables.              */

int
pmmlR_regression(pm_resolver *r, pm_model *m)
{
  pm_regression *reg = m->body;
  int32_t i, k;
  int classification = m->function == PM_FN_CLASSIFICATION;
  if (!classification && reg->n_tables != 1) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "RegressionModel: a regression needs exactly one "
               "RegressionTable, not %d",
               (int)reg->n_tables);
    return -1;
  }
  if (classification) {
    if (reg->n_tables < 2) {
      pmmlR_fail(r, PMML_E_INVALID, m->line,
                 "RegressionModel: a classification needs a RegressionTable "
                 "per category");
      return -1;
    }
    if (reg->norm == PM_NORM_EXP ||
        (m->target_op != PMML_OP_ORDINAL && reg->n_tables > 2 &&
         reg->norm != PM_NORM_NONE && reg->norm != PM_NORM_SOFTMAX &&
         reg->norm != PM_NORM_SIMPLEMAX) ||
        (m->target_op == PMML_OP_ORDINAL &&
         (reg->norm == PM_NORM_SOFTMAX || reg->norm == PM_NORM_SIMPLEMAX))) {
      pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
                 "RegressionModel: this normalizationMethod does not define "
                 "probabilities for %d %s categories",
                 (int)reg->n_tables,
                 m->target_op == PMML_OP_ORDINAL ? "ordinal" : "categorical");
      return -1;
    }
  }
  for (i = 0; i < reg->n_tables; i++) {
    pm_regtable *t = &reg->tables[i];
    if (classification) {
      if (t->category.t == PM_T_MISSING) {
        pmmlR_fail(r, PMML_E_INVALID, m->line,
                   "RegressionTable: missing attribute 'targetCategory'");
        return -1;
      }
      if (pmmlR_lit(r, &t->category, m->target_dt, m->line))
        return -1;
      t->klass = pmmlR_add_class(r, m, &t->category);
      if (t->klass < 0)
        return -1;
    }
    for (k = 0; k < t->n_nums; k++) {
      t->nums[k].slot = pmmlR_field(r, m, t->nums[k].name, t->nums[k].line);
      if (t->nums[k].slot < 0)
        return -1;
      t->nums[k].direct = pmmlR_direct(r, t->nums[k].slot);
    }
    for (k = 0; k < t->n_cats; k++) {
      pm_catpred *cp = &t->cats[k];
      cp->slot = pmmlR_field(r, m, cp->name, cp->line);
      if (cp->slot < 0 ||
          pmmlR_lit(r, &cp->value, pmmlR_slot_dtype(r, cp->slot), cp->line))
        return -1;
    }
    t->plain = t->n_cats == 0 && t->n_terms == 0 && !m->math_float;
    for (k = 0; k < t->n_nums; k++)
      if (t->nums[k].direct < 0 || t->nums[k].exponent != 1.0)
        t->plain = 0;
    if (t->plain && t->n_nums > 0) {
      t->offs = pmmlM_alloc(pmmlR_arena(r),
                            (size_t)t->n_nums * sizeof *t->offs);
      t->coefs = pmmlM_alloc(pmmlR_arena(r),
                             (size_t)t->n_nums * sizeof *t->coefs);
      if (!t->offs || !t->coefs) {
        pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
        return -1;
      }
      for (k = 0; k < t->n_nums; k++) {
        t->offs[k] = (size_t)t->nums[k].direct * sizeof(pm_val);
        t->coefs[k] = t->nums[k].coef;
      }
    }
    for (k = 0; k < t->n_terms; k++) {
      int32_t f;
      for (f = 0; f < t->terms[k].n; f++)
        if (pmmlR_expr(r, m, pmmlR_arg(r, t->terms[k].first + f)))
          return -1;
    }
  }
  return 0;
}
