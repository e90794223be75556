/*
** gen_genreg.c: GeneralRegressionModel as generated C. The linear
** predictors that runtime/load_genreg.c resolves (PCells with their
** PPMatrix rows as products of design factors: factor levels, contrast
** Matrix entries, covariates to a power) become static const tables, one
** row per term with a comment that spells it out ("beta * [sex == "m"] *
** age^2"), and the Cox BaseCumHazardTables tables of their own.
** Scoring is pm_genreg_eval of the run-time support (genrt.inc: genreg),
** which does what runtime/eval_genreg.c does: every modelType, link
** function, offset and trials, ordinal cumulative links, the Cox
** baseline hazard.
*/
#include <stdlib.h>

#include "gen.h"

static const char *const type_names[] = {
  "regression", "generalLinear", "multinomialLogistic", "ordinalMultinomial",
  "generalizedLinear", "CoxRegression"};
static const char *const link_names[] = {
  "none", "cloglog", "identity", "log", "logc", "logit", "loglog",
  "negbin", "oddspower", "power", "probit", "cauchit"};

/* The names of those values in genrt.inc (t_genreg). */
static const char *const type_enums[] = {
  "PM_GR_REGRESSION", "PM_GR_GENERAL_LINEAR", "PM_GR_MULTINOMIAL",
  "PM_GR_ORDINAL", "PM_GR_GENERALIZED", "PM_GR_COX"};
static const char *const link_enums[] = {
  "PM_GL_NONE", "PM_GL_CLOGLOG", "PM_GL_IDENTITY", "PM_GL_LOG",
  "PM_GL_LOGC", "PM_GL_LOGIT", "PM_GL_LOGLOG", "PM_GL_NEGBIN",
  "PM_GL_ODDSPOWER", "PM_GL_POWER", "PM_GL_PROBIT", "PM_GL_CAUCHIT"};

/* A term as readable text: "beta * [a == "x"] * contrast(b)[2] * c^2". */
static void
term_text(gen *g, gbuf *b, const pm_genreg *gr, const pm_grterm *t)
{
  int32_t i;
  gb_real(b, t->beta);
  for (i = 0; i < t->n; i++) {
    const pm_grfactor *f = &gr->factors[t->first + i];
    const pm_grpred *p = &gr->preds[f->pred];
    gb_puts(b, " * ");
    switch (f->kind) {
    case PM_GRF_LEVEL:
      gb_puts(b, "[");
      gen_name(g, b, p->name);
      gb_puts(b, " == ");
      gen_lit_comment(g, b, &f->level);
      gb_puts(b, "]");
      break;
    case PM_GRF_CONTRAST:
      gb_puts(b, "contrast(");
      gen_name(g, b, p->name);
      gb_printf(b, ")[%d]", (int)f->column + 1);
      break;
    default:
      gen_name(g, b, p->name);
      if (f->exponent != 1.0) {
        gb_puts(b, "^");
        gb_real(b, f->exponent);
      }
      break;
    }
  }
}

/* A number, or 0 for a pointer to a table the model does not have. */
static void
table_ref(gbuf *b, int32_t mi, const char *name, int have)
{
  if (have)
    gb_printf(b, "m%d_%s", (int)mi, name);
  else
    gb_puts(b, "0");
}

/* The string index of slot k's name, -1. */
static int32_t
slot_name(gen *g, int32_t k)
{
  return k < 0 ? -1 : gen_str(g, g->doc->slots[k].name);
}

/* <GeneralRegressionModel>: its tables, then m<M>_eval
** (eval_genreg.c: pmmlE_genreg). */
static int
genreg_model(gen *g, const pm_model *m)
{
  const pm_genreg *gr = m->body;
  gbuf *d, *b;
  int32_t mi = m->index, i, k, n_cats = 0, n_matrix = 0;
  gen_need(g, "genreg");
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* GeneralRegressionModel (line %u) of model %d: "
               "modelType=\"%s\"",
            (unsigned)m->line, (int)mi, type_names[gr->type % 6]);
  if (gr->link != PM_GL_NONE)
    gb_printf(d, " linkFunction=\"%s\"", link_names[gr->link % 12]);
  if (gr->cumlink != PM_GL_NONE)
    gb_printf(d, " cumulativeLink=\"%s\"", link_names[gr->cumlink % 12]);
  gb_puts(d, " */\n");
  /* Predictors: names, and the Categories and Matrix of contrasts. */
  for (i = 0; i < gr->n_preds; i++)
    if (gr->preds[i].matrix) {
      n_cats += gr->preds[i].n_cats;
      n_matrix += gr->preds[i].rows * gr->preds[i].cols;
    }
  if (n_cats) {
    gb_printf(d, "/* Categories of the Predictors with a contrast Matrix "
                 "(pm_lit indices) */\nstatic const int32_t m%d_cats[%d] "
                 "= {\n",
              (int)mi, (int)n_cats);
    for (i = 0; i < gr->n_preds; i++) {
      const pm_grpred *p = &gr->preds[i];
      if (!p->matrix)
        continue;
      for (k = 0; k < p->n_cats; k++) {
        gb_printf(d, "  %d, /* ", (int)gen_plit(g, &p->cats[k]));
        gen_name(g, d, p->name);
        gb_puts(d, ": ");
        gen_lit_comment(g, d, &p->cats[k]);
        gb_puts(d, " */\n");
      }
    }
    gb_puts(d, "};\n");
  }
  if (n_matrix) {
    gb_printf(d, "/* The contrast Matrices, row by row */\n"
                 "static const double m%d_matrix[%d] = {\n",
              (int)mi, (int)n_matrix);
    for (i = 0; i < gr->n_preds; i++) {
      const pm_grpred *p = &gr->preds[i];
      int32_t r, col;
      if (!p->matrix)
        continue;
      gb_puts(d, "  /* ");
      gen_name(g, d, p->name);
      gb_puts(d, " */\n");
      for (r = 0; r < p->rows; r++) {
        gb_puts(d, " ");
        for (col = 0; col < p->cols; col++) {
          gb_puts(d, " ");
          gb_real(d, p->matrix[r * p->cols + col]);
          gb_puts(d, ",");
        }
        gb_puts(d, "\n");
      }
    }
    gb_puts(d, "};\n");
  }
  if (gr->n_preds) {
    gb_printf(d, "/* Predictors: { name, cats, n_cats, matrix, cols } */\n"
                 "static const pm_grpred m%d_preds[%d] = {\n",
              (int)mi, (int)gr->n_preds);
    for (i = 0, n_cats = n_matrix = 0; i < gr->n_preds; i++) {
      const pm_grpred *p = &gr->preds[i];
      gb_printf(d, "  {%d, %d, %d, %d, %d}, /* <Predictor name=",
                (int)gen_str(g, p->name), (int)n_cats,
                p->matrix ? (int)p->n_cats : 0, (int)n_matrix,
                p->matrix ? (int)p->cols : 0);
      gen_name(g, d, p->name);
      gb_printf(d, "> of the %s */\n",
                p->factor ? "FactorList" : "CovariateList");
      if (p->matrix) {
        n_cats += p->n_cats;
        n_matrix += p->rows * p->cols;
      }
    }
    gb_puts(d, "};\n");
  }
  if (gr->n_factors) {
    static const char *const kinds[] = {"PM_GRF_LEVEL", "PM_GRF_CONTRAST",
                                        "PM_GRF_POWER"};
    gb_printf(d, "/* Design factors (PPCells): { kind, slot, predictor, "
                 "level, column, exponent } */\n"
                 "static const pm_grfactor m%d_factors[%d] = {\n",
              (int)mi, (int)gr->n_factors);
    for (i = 0; i < gr->n_factors; i++) {
      const pm_grfactor *f = &gr->factors[i];
      gb_printf(d, "  {%s, %d, %d, %d, %d, ", kinds[f->kind % 3],
                (int)gen_slot(g, f->slot), (int)f->pred,
                f->kind == PM_GRF_LEVEL ? (int)gen_plit(g, &f->level) : -1,
                (int)f->column);
      gb_real(d, f->kind == PM_GRF_POWER ? f->exponent : 1.0);
      gb_puts(d, "}, /* ");
      gen_name(g, d, gr->preds[f->pred].name);
      gb_puts(d, " */\n");
    }
    gb_puts(d, "};\n");
  }
  if (gr->n_terms) {
    gb_printf(d, "/* Terms beta * x (PCells): { beta, first factor, "
                 "factors, factor tests } */\n"
                 "static const pm_grterm m%d_terms[%d] = {\n",
              (int)mi, (int)gr->n_terms);
    for (k = 0; k < gr->n_eqs; k++) {
      const pm_greq *e = &gr->eqs[k];
      gb_printf(d, "  /* linear predictor %d", (int)k);
      if (e->klass >= 0) {
        gb_puts(d, ": target category ");
        gen_lit_comment(g, d, &m->classes[e->klass]);
      }
      gb_puts(d, " */\n");
      for (i = e->first; i < e->first + e->n; i++) {
        const pm_grterm *t = &gr->terms[i];
        gb_puts(d, "  {");
        gb_real(d, t->beta);
        gb_printf(d, ", %d, %d, %d}, /* ", (int)t->first, (int)t->n,
                  (int)t->n_level);
        term_text(g, d, gr, t);
        gb_puts(d, " */\n");
      }
    }
    gb_puts(d, "};\n");
  }
  /* The linear predictors are contiguous runs of terms. */
  gb_printf(d, "/* Linear predictor k: terms[eqs[k] .. eqs[k + 1]) */\n"
               "static const int32_t m%d_eqs[%d] = {",
            (int)mi, (int)gr->n_eqs + 1);
  for (k = 0; k < gr->n_eqs; k++) {
    if (k > 0 && gr->eqs[k].first != gr->eqs[k - 1].first + gr->eqs[k - 1].n)
      return gen_fail(g, m->line, "GeneralRegressionModel: the linear "
                      "predictors are not contiguous");
    gb_printf(d, "%d, ", (int)gr->eqs[k].first);
  }
  gb_printf(d, "%d};\n", gr->n_eqs ? (int)(gr->eqs[gr->n_eqs - 1].first +
                                           gr->eqs[gr->n_eqs - 1].n)
                                   : 0);
  if (gr->n_order) {
    gb_printf(d, "/* The classes in the order they are scored */\n"
                 "static const int32_t m%d_order[%d] = {",
              (int)mi, (int)gr->n_order);
    for (k = 0; k < gr->n_order; k++)
      gb_printf(d, "%s%d", k ? ", " : "", (int)gr->order[k]);
    gb_puts(d, "};\n");
  }
  if (gr->type == PM_GR_COX && gr->strata) {
    gb_printf(d, "/* BaseCumHazardTables: { value, maxTime, first cell, "
                 "cells } */\nstatic const pm_grstratum m%d_strata[%d] = {\n",
              (int)mi, (int)gr->n_strata);
    for (k = 0; k < gr->n_strata; k++) {
      const pm_grstratum *s = &gr->strata[k];
      gb_printf(d, "  {%d, ", gr->has_strata ? (int)gen_plit(g, &s->value)
                                             : -1);
      gb_real(d, s->max_time);
      gb_printf(d, ", %d, %d},", (int)s->first, (int)s->n);
      if (gr->has_strata) {
        gb_puts(d, " /* <BaselineStratum value=");
        gen_lit_comment(g, d, &s->value);
        gb_puts(d, "> */");
      }
      gb_puts(d, "\n");
    }
    gb_puts(d, "};\n");
    if (gr->n_cells) {
      gb_printf(d, "/* <BaselineCell time= cumHazard=/> */\n"
                   "static const pm_grbaseline m%d_cells[%d] = {\n",
                (int)mi, (int)gr->n_cells);
      for (k = 0; k < gr->n_cells; k++) {
        gb_puts(d, "  {");
        gb_real(d, gr->cells[k].time);
        gb_puts(d, ", ");
        gb_real(d, gr->cells[k].cumhazard);
        gb_puts(d, "},\n");
      }
      gb_puts(d, "};\n");
    }
  } else if (gr->type == PM_GR_COX) {
    return gen_fail(g, m->line, "GeneralRegressionModel: CoxRegression "
                    "without BaseCumHazardTables");
  }
  gb_printf(d, "/* { modelType, linkFunction, cumulativeLink, link "
               "parameter, offsetValue,\n** trialsValue, slots of offset, "
               "trials, end time, strata, the tables,\n** Cox reference } "
               "*/\n");
  gb_printf(d, "static const pm_genreg m%d_gr = {\n  %s, %s, %s, ", (int)mi,
            type_enums[gr->type % 6], link_enums[gr->link % 12],
            link_enums[gr->cumlink % 12]);
  gb_real(d, gr->link == PM_GL_NEGBIN ? gr->dist_param : gr->link_param);
  gb_puts(d, ", ");
  gb_real(d, gr->offset_value);
  gb_puts(d, ", ");
  gb_real(d, gr->trials_value);
  gb_printf(d, ",\n  %d, %d, %d, %d,\n  ", (int)gen_slot(g, gr->offset_slot),
            (int)gen_slot(g, gr->trials_slot), (int)gen_slot(g, gr->end_slot),
            (int)gen_slot(g, gr->strata_slot));
  table_ref(d, mi, "preds", gr->n_preds > 0);
  gb_puts(d, ", ");
  table_ref(d, mi, "cats", n_cats > 0);
  gb_puts(d, ", ");
  table_ref(d, mi, "matrix", n_matrix > 0);
  gb_puts(d, ", ");
  table_ref(d, mi, "factors", gr->n_factors > 0);
  gb_puts(d, ", ");
  table_ref(d, mi, "terms", gr->n_terms > 0);
  gb_printf(d, ", m%d_eqs,\n  ", (int)mi);
  table_ref(d, mi, "order", gr->n_order > 0);
  gb_printf(d, ", %d, ", (int)gr->n_order);
  table_ref(d, mi, "strata", gr->type == PM_GR_COX);
  gb_printf(d, ", %d, %d, ", gr->type == PM_GR_COX ? (int)gr->n_strata : 0,
            (int)gr->has_strata);
  table_ref(d, mi, "cells", gr->type == PM_GR_COX && gr->n_cells > 0);
  gb_puts(d, ", ");
  gb_real(d, gr->type == PM_GR_COX ? gr->cox_ref : 0.0);
  gb_puts(d, "};\n");

  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  b = gen_out(g, GS_CODE);
  gb_printf(b, "\n/* GeneralRegressionModel (line %u): the tables m%d_* */\n"
               "static int\nm%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  /* offsetVariable, trialsVariable, endTimeVariable */\n"
               "  static const int32_t names[3] = {%d, %d, %d};\n"
               "  return pm_genreg_eval(c, &pm_models[%d], &m%d_gr, names, "
               "res);\n}\n",
            (unsigned)m->line, (int)mi, (int)mi,
            (int)slot_name(g, gr->offset_slot),
            (int)slot_name(g, gr->trials_slot),
            (int)slot_name(g, gr->end_slot), (int)mi, (int)mi);
  return 0;
}

const gen_family gen_genreg_family = {"GeneralRegressionModel", genreg_model,
                                      NULL, NULL};
