/*
** load_pred.c: predicates (TreeModel nodes, rules, segments). Each
** predicate element becomes one pm_pred in the document's array and reports
** its index on the index stack to the element it belongs to.
*/
#include <string.h>

#include "pmml_int.h"

static const char *const op_names[] = {
  "equal", "notEqual", "lessThan", "lessOrEqual", "greaterThan",
  "greaterOrEqual", "isMissing", "isNotMissing", NULL};
static const char *const bool_names[] = {"and", "or", "xor", "surrogate",
                                         NULL};
static const char *const set_names[] = {"isIn", "isNotIn", NULL};

static pm_pred *
begin(pm_loader *ld, uint8_t kind)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_pred *p = pmmlL_push(ld, &ld->preds, sizeof *p);
  if (!p)
    return NULL;
  if (ld->preds.len > 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many predicates");
    return NULL;
  }
  p->kind = kind;
  p->name = -1;
  p->slot = -1;
  p->direct = -1;
  p->first = -1;
  p->v.t = PM_T_MISSING;
  p->v.raw = -1;
  p->v.sym = -1;
  p->line = f->line;
  f->aux = (int32_t)(ld->preds.len - 1);
  f->obj = (void *)1;
  return p;
}

static pm_pred *
cur(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  return f->obj ? (pm_pred *)ld->preds.data + f->aux : NULL;
}

/* The predicate is complete: its owner collects it. */
static void
leaf_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  if (f->obj)
    pmmlL_push_index(ld, f->aux);
}

static void
true_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  begin(ld, PM_P_TRUE);
}

static void
false_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  begin(ld, PM_P_FALSE);
}

/* <SimplePredicate field= operator= value=/> */
static void
simple_start(pm_loader *ld, const char **atts)
{
  const char *field = pmmlL_need(ld, atts, "field");
  pm_pred *p;
  if (!field || !pmmlL_need(ld, atts, "operator"))
    return;
  p = begin(ld, PM_P_SIMPLE);
  if (!p)
    return;
  p->name = pmmlL_intern(ld, field, strlen(field));
  p = cur(ld);
  p->op = (uint8_t)pmmlL_enum(ld, atts, "operator", op_names, PM_OP_EQ);
  p->v = pmmlL_lit(ld, atts, "value");
  if (p->op != PM_OP_MISSING && p->op != PM_OP_NOT_MISSING &&
      p->v.t == PM_T_MISSING)
    pmmlL_fail(ld, PMML_E_INVALID,
               "SimplePredicate: operator=\"%s\" needs a value",
               op_names[p->op]);
}

/* <CompoundPredicate booleanOperator=> PREDICATE PREDICATE+ */
static void
compound_start(pm_loader *ld, const char **atts)
{
  pm_pred *p;
  if (!pmmlL_need(ld, atts, "booleanOperator"))
    return;
  p = begin(ld, PM_P_COMPOUND);
  if (p)
    p->op = (uint8_t)pmmlL_enum(ld, atts, "booleanOperator", bool_names, 0);
}

static void
compound_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  int32_t n, *kids, i;
  pm_pred *p;
  if (!f->obj)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  p = cur(ld);
  if (n < 2) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "CompoundPredicate: needs at least two predicates, found %d",
               (int)n);
    return;
  }
  p->first = (int32_t)ld->args.len;
  p->n = n;
  for (i = 0; i < n; i++) {
    int32_t *slot = pmmlL_push(ld, &ld->args, sizeof *slot);
    if (!slot)
      return;
    *slot = kids[i];
  }
  pmmlL_push_index(ld, f->aux);
}

/* <SimpleSetPredicate field= booleanOperator=><Array/></...> */
static void
set_start(pm_loader *ld, const char **atts)
{
  const char *field = pmmlL_need(ld, atts, "field");
  pm_pred *p;
  if (!field || !pmmlL_need(ld, atts, "booleanOperator"))
    return;
  p = begin(ld, PM_P_SET);
  if (!p)
    return;
  p->name = pmmlL_intern(ld, field, strlen(field));
  p = cur(ld);
  p->op = (uint8_t)pmmlL_enum(ld, atts, "booleanOperator", set_names, 0);
  p->n = -1;
}

static void
array_start(pm_loader *ld, const char **atts)
{
  /* The declared count, checked against the contents at the end. */
  pmmlL_array_n_start(ld, atts);
  if (!pmmlL_need(ld, atts, "type"))
    return;
}

static void
array_end(pm_loader *ld)
{
  pm_frame *owner = pmmlL_frame(ld, 1);
  pm_pred *p = (pm_pred *)ld->preds.data + owner->aux;
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  int32_t n;
  if (!owner->obj)
    return;
  if (p->n >= 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "SimpleSetPredicate: more than one Array");
    return;
  }
  p->set = pmmlL_array_lits(ld, text, len, &n);
  p = (pm_pred *)ld->preds.data + owner->aux;
  p->n = n;
  pmmlL_array_n_check(ld, n);
}

static void
set_end(pm_loader *ld)
{
  pm_pred *p = cur(ld);
  if (!p)
    return;
  if (p->n < 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "SimpleSetPredicate: missing Array");
    return;
  }
  leaf_end(ld);
}

static const pm_elem set_children[] = {
  {"Array", array_start, array_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_pred_elems[] = {
  {"SimplePredicate", simple_start, leaf_end, NULL, 0},
  {"CompoundPredicate", compound_start, compound_end, pmmlL_pred_elems, 0},
  {"SimpleSetPredicate", set_start, set_end, set_children, 0},
  {"True", true_start, leaf_end, NULL, 0},
  {"False", false_start, leaf_end, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* The same predicates, then any model element: what a <Segment> holds. */
const pm_elem pmmlL_segment_elems[] = {
  {"SimplePredicate", simple_start, leaf_end, NULL, 0},
  {"CompoundPredicate", compound_start, compound_end, pmmlL_pred_elems, 0},
  {"SimpleSetPredicate", set_start, set_end, set_children, 0},
  {"True", true_start, leaf_end, NULL, 0},
  {"False", false_start, leaf_end, NULL, 0},
  {NULL, NULL, NULL, pmmlL_model_elems, 0},
};
