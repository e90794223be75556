/*
** eval_pred.c: predicates in PMML's three-valued logic (PMML 4.4 TreeModel,
** Predicates): a comparison with a missing value is UNKNOWN; AND, OR, XOR
** and surrogate combine UNKNOWN as the specification's tables say.
*/
#include <math.h>

#include "pmml_int.h"

static int
simple(pmml_ctx *c, const pm_pred *p)
{
  const pm_val *v = pmmlE_direct(c, p->slot, p->direct);
  pm_val lv;
  if (p->op == PM_OP_MISSING)
    return v->t == PM_T_MISSING ? PM_TRUE : PM_FALSE;
  if (p->op == PM_OP_NOT_MISSING)
    return v->t == PM_T_MISSING ? PM_FALSE : PM_TRUE;
  if (v->t == PM_T_MISSING)
    return PM_UNKNOWN;
  if (PM_LIKELY(v->t == PM_T_NUM && p->v.t == PM_T_NUM)) {
    double a = v->u.num, b = p->v.num;
    switch (p->op) {
    case PM_OP_EQ: return a == b;
    case PM_OP_NE: return a != b;
    case PM_OP_LT: return a < b;
    case PM_OP_LE: return a <= b;
    case PM_OP_GT: return a > b;
    default: return a >= b;
    }
  }
  lv = pmmlV_lit(c->m, &p->v);
  return pmmlE_compare_values(p->op, v, &lv);
}

/* See pmml_int.h. */
int
pmmlE_compare_values(int op, const pm_val *v, const pm_val *lv)
{
  int cmp;
  if (op == PM_OP_EQ || op == PM_OP_NE)
    return (op == PM_OP_EQ) == (pmmlV_equal(v, lv) == 1);
  cmp = pmmlV_compare(v, lv);
  if (cmp == -2)
    return PM_UNKNOWN;
  switch (op) {
  case PM_OP_LT: return cmp < 0;
  case PM_OP_LE: return cmp <= 0;
  case PM_OP_GT: return cmp > 0;
  default: return cmp >= 0;
  }
}

static int
set(pmml_ctx *c, const pm_pred *p)
{
  const pm_val *v = pmmlE_direct(c, p->slot, p->direct);
  int32_t i;
  if (v->t == PM_T_MISSING)
    return PM_UNKNOWN;
  for (i = 0; i < p->n; i++) {
    pm_val lv = pmmlV_lit(c->m, &p->set[i]);
    if (pmmlV_equal(v, &lv) == 1)
      return p->op == PM_SET_IN ? PM_TRUE : PM_FALSE;
  }
  return p->op == PM_SET_IN ? PM_FALSE : PM_TRUE;
}

static int
compound(pmml_ctx *c, const pm_pred *p)
{
  const int32_t *kids = c->m->args + p->first;
  int32_t i;
  int r, unknown = 0, parity = 0;
  switch (p->op) {
  case PM_BOOL_AND:
    for (i = 0; i < p->n; i++) {
      r = pmmlE_pred(c, kids[i]);
      if (r == PM_FALSE)
        return PM_FALSE;
      unknown |= r == PM_UNKNOWN;
    }
    return unknown ? PM_UNKNOWN : PM_TRUE;
  case PM_BOOL_OR:
    for (i = 0; i < p->n; i++) {
      r = pmmlE_pred(c, kids[i]);
      if (r == PM_TRUE)
        return PM_TRUE;
      unknown |= r == PM_UNKNOWN;
    }
    return unknown ? PM_UNKNOWN : PM_FALSE;
  case PM_BOOL_XOR:
    for (i = 0; i < p->n; i++) {
      r = pmmlE_pred(c, kids[i]);
      if (r == PM_UNKNOWN)
        return PM_UNKNOWN;
      parity ^= r;
    }
    return parity ? PM_TRUE : PM_FALSE;
  default: /* surrogate: the first that is not UNKNOWN */
    for (i = 0; i < p->n; i++) {
      r = pmmlE_pred(c, kids[i]);
      if (r != PM_UNKNOWN)
        return r;
    }
    return PM_UNKNOWN;
  }
}

int
pmmlE_pred(pmml_ctx *c, int32_t pi)
{
  const pm_pred *p = &c->m->preds[pi];
  switch (p->kind) {
  case PM_P_TRUE:
    return PM_TRUE;
  case PM_P_FALSE:
    return PM_FALSE;
  case PM_P_SIMPLE:
    return simple(c, p);
  case PM_P_SET:
    return set(c, p);
  default:
    return compound(c, p);
  }
}
