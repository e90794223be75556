/*
** eval_expr.c: evaluating expressions (PMML 4.4 Transformations and
** Functions). Constant, FieldRef, NormContinuous, NormDiscrete, Discretize,
** MapValues, Apply of built-ins (builtins.c) and of DefineFunctions, and the
** lazy if. TextIndex is in eval_text.c. Argument values live on the
** context's frame stack, sized at load time, so nothing is allocated.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* Room for n argument values on the frame stack. */
static pm_val *
frame_push(pmml_ctx *c, int32_t n)
{
  pm_val *p;
  if ((size_t)n > c->frame_cap - c->frame_top) {
    pmmlE_fail(c, PMML_E_LIMIT, "expressions nested too deeply");
    return NULL;
  }
  p = c->frame + c->frame_top;
  c->frame_top += (size_t)n;
  return p;
}

/* PMML 4.4 NormContinuous: piecewise linear, with outliers= beyond the
** first and last LinearNorm. */
static int
normcont(pmml_ctx *c, const pm_expr *e, const pm_val *x, pm_val *out)
{
  const pm_normcont *nc = e->ext;
  double v, *o = nc->orig, *n = nc->norm;
  int32_t k, last = nc->n - 1;
  if (x->t != PM_T_NUM && x->t != PM_T_BOOL) {
    char buf[64];
    pmmlV_format(x, buf, sizeof buf);
    return pmmlE_fail(c, PMML_E_EVAL, "NormContinuous: '%s' is not a number",
                      buf);
  }
  v = x->u.num;
  if (v < o[0] || v > o[last]) {
    if (nc->outliers == PM_OUT_AS_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
    if (nc->outliers == PM_OUT_AS_EXTREME) {
      *out = pmmlV_num(v < o[0] ? n[0] : n[last], PMML_DT_DOUBLE);
      return 0;
    }
  }
  /* The segment [o[k], o[k+1]] holding v; the first or last one beyond. */
  for (k = 0; k < last - 1 && v > o[k + 1]; k++)
    ;
  *out = pmmlV_num(n[k] + (v - o[k]) / (o[k + 1] - o[k]) * (n[k + 1] - n[k]),
                   PMML_DT_DOUBLE);
  return 0;
}

static int
discretize(pmml_ctx *c, const pm_expr *e, const pm_val *x, pm_val *out)
{
  const pm_discretize *d = e->ext;
  int32_t i;
  if (x->t != PM_T_NUM) {
    char buf[64];
    pmmlV_format(x, buf, sizeof buf);
    return pmmlE_fail(c, PMML_E_EVAL, "Discretize: '%s' is not a number",
                      buf);
  }
  for (i = 0; i < d->n; i++)
    if (pmmlE_in_interval(&d->bins[i], x->u.num)) {
      *out = pmmlV_lit(c->m, &d->values[i]);
      return 0;
    }
  *out = pmmlV_lit(c->m, &e->deflt);
  return 0;
}

static int
mapvalues(pmml_ctx *c, const pm_expr *e, const pm_val *args, pm_val *out)
{
  const pm_mapvalues *mv = e->ext;
  const pm_table *t = mv->table;
  int32_t row, k;
  for (row = 0; row < t->n_rows; row++) {
    const pm_lit *cells = t->cells + (size_t)row * t->n_cols;
    for (k = 0; k < e->n; k++) {
      pm_val cv = pmmlV_lit(c->m, &cells[mv->in_cols[k]]);
      if (pmmlV_equal(&args[k], &cv) != 1)
        break;
    }
    if (k == e->n) {
      *out = pmmlV_lit(c->m, &cells[mv->out_col]);
      return 0;
    }
  }
  *out = pmmlV_lit(c->m, &e->deflt);
  return 0;
}

/* Call DefineFunction e->fn with the n values at args (on the frame). */
static int
call(pmml_ctx *c, const pm_expr *e, pm_val *args, pm_val *out)
{
  const pm_function *fn = &c->m->fns[e->fn];
  size_t base = c->frame_base;
  int32_t i;
  int rc;
  if (c->call_depth >= PM_MAX_CALL_DEPTH)
    return pmmlE_fail(c, PMML_E_LIMIT, "functions nested deeper than %d",
                      PM_MAX_CALL_DEPTH);
  for (i = 0; i < e->n; i++)
    if (args[i].t != PM_T_MISSING && fn->param_dt[i] != PM_DT_ANY &&
        args[i].dt != fn->param_dt[i]) {
      pm_val in = args[i];
      if (pmmlV_cast(c, &in, fn->param_dt[i], &args[i]))
        return pmmlE_fail(c, PMML_E_EVAL,
                          "function '%s': argument %d is not a %s",
                          pmmlS_str(&c->m->strs, fn->name), (int)i + 1,
                          pmml_dtype_name((pmml_dtype)fn->param_dt[i]));
    }
  c->frame_base = (size_t)(args - c->frame);
  c->call_depth++;
  rc = pmmlE_expr(c, fn->expr, out);
  c->call_depth--;
  c->frame_base = base;
  if (rc)
    return -1;
  if (out->t != PM_T_MISSING && fn->dtype != PM_DT_ANY &&
      out->dt != fn->dtype) {
    pm_val in = *out;
    if (pmmlV_cast(c, &in, fn->dtype, out))
      return pmmlE_fail(c, PMML_E_EVAL, "function '%s': result is not a %s",
                        pmmlS_str(&c->m->strs, fn->name),
                        pmml_dtype_name((pmml_dtype)fn->dtype));
  }
  return 0;
}

/* Apply of a built-in or a DefineFunction: mapMissingTo, defaultValue and
** invalidValueTreatment around the call (PMML 4.4 Transformations, Apply). */
static int
apply(pmml_ctx *c, const pm_expr *e, pm_val *out)
{
  const int32_t *argi = c->m->args + e->first;
  size_t top = c->frame_top;
  pm_val *args = frame_push(c, e->n);
  int32_t i;
  int any_missing = 0, rc;
  if (!args)
    return -1;
  for (i = 0; i < e->n; i++) {
    if (pmmlE_expr(c, argi[i], &args[i]))
      goto fail;
    if (args[i].t == PM_T_MISSING)
      any_missing = 1;
  }
  if (any_missing && e->missing.t != PM_T_MISSING) {
    *out = pmmlV_lit(c->m, &e->missing);
    c->frame_top = top;
    return 0;
  }
  if (e->op == PM_X_CALL)
    rc = call(c, e, args, out);
  else
    rc = pmmlE_apply_builtin(c, e, args, e->n, out);
  if (rc)
    goto fail;
  c->frame_top = top;
  if (out->t == PM_T_NUM && isnan(out->u.num)) {
    switch (e->inv) {
    case PM_INV_AS_IS:
      break;
    case PM_INV_AS_MISSING:
      *out = pmmlV_missing();
      break;
    default:
      return pmmlE_fail(c, PMML_E_EVAL, "function '%s' has no valid result "
                        "for these arguments",
                        pmmlS_str(&c->m->strs, e->name));
    }
  }
  if (out->t == PM_T_MISSING && e->deflt.t != PM_T_MISSING)
    *out = pmmlV_lit(c->m, &e->deflt);
  return 0;
fail:
  c->frame_top = top;
  return -1;
}

int
pmmlE_expr(pmml_ctx *c, int32_t ei, pm_val *out)
{
  const pmml_model *doc = c->m;
  const pm_expr *e = &doc->exprs[ei];
  pm_val x;
  if (c->failed)
    return -1;
  switch (e->op) {
  case PM_X_CONST:
    *out = pmmlV_lit(doc, &e->lit);
    return 0;
  case PM_X_FIELD:
    *out = *pmmlE_slot(c, e->slot);
    if (out->t == PM_T_MISSING && e->missing.t != PM_T_MISSING)
      *out = pmmlV_lit(doc, &e->missing);
    return c->failed ? -1 : 0;
  case PM_X_PARAM:
    *out = c->frame[c->frame_base + (size_t)e->fn];
    if (out->t == PM_T_MISSING && e->missing.t != PM_T_MISSING)
      *out = pmmlV_lit(doc, &e->missing);
    return 0;
  case PM_X_NORMCONT:
  case PM_X_NORMDISC:
  case PM_X_DISCRETIZE:
    if (pmmlE_expr(c, doc->args[e->first], &x))
      return -1;
    if (x.t == PM_T_MISSING) {
      *out = pmmlV_lit(doc, &e->missing);
      return 0;
    }
    if (e->op == PM_X_NORMCONT)
      return normcont(c, e, &x, out);
    if (e->op == PM_X_DISCRETIZE)
      return discretize(c, e, &x, out);
    {
      pm_val lv = pmmlV_lit(doc, &e->lit);
      *out = pmmlV_num(pmmlV_equal(&x, &lv) == 1 ? 1.0 : 0.0, PMML_DT_DOUBLE);
    }
    return 0;
  case PM_X_MAPVALUES: {
    size_t top = c->frame_top;
    pm_val *args = frame_push(c, e->n);
    int32_t i;
    int rc = 0, any_missing = 0;
    if (!args)
      return -1;
    for (i = 0; i < e->n && rc == 0; i++) {
      rc = pmmlE_expr(c, doc->args[e->first + i], &args[i]);
      any_missing |= args[i].t == PM_T_MISSING;
    }
    if (rc == 0) {
      if (any_missing)
        *out = pmmlV_lit(doc, &e->missing);
      else
        rc = mapvalues(c, e, args, out);
    }
    c->frame_top = top;
    return rc;
  }
  case PM_X_TEXTINDEX:
    return pmmlE_textindex(c, e, out);
  case PM_X_APPLY:
  case PM_X_CALL:
    return apply(c, e, out);
  case PM_X_IF: {
    int32_t which;
    if (pmmlE_expr(c, doc->args[e->first], &x))
      return -1;
    if (x.t == PM_T_MISSING) {
      *out = pmmlV_lit(doc, &e->missing);
      if (out->t == PM_T_MISSING)
        *out = pmmlV_lit(doc, &e->deflt);
      return 0;
    }
    if (x.t != PM_T_BOOL && x.t != PM_T_NUM)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "function 'if': the condition is not a boolean");
    which = x.u.num != 0 ? 1 : 2;
    if (which >= e->n) {
      *out = pmmlV_missing();
    } else if (pmmlE_expr(c, doc->args[e->first + which], out)) {
      return -1;
    }
    if (out->t == PM_T_MISSING)
      *out = pmmlV_lit(doc, &e->deflt);
    return 0;
  }
  default:
    return pmmlE_fail(c, PMML_E_UNSUPPORTED,
                      "expression at line %u is not supported",
                      (unsigned)e->line);
  }
}
