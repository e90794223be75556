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
  int32_t n, i;
  pm_pred *p;
  if (!f->obj)
    return;
  /* The children go from the index stack straight to the argument lists
  ** (a copy in the arena would stay there for nothing). */
  n = (int32_t)(ld->istack.len - (size_t)f->mark);
  p = cur(ld);
  if (n < 2) {
    ld->istack.len = (size_t)f->mark;
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
    *slot = ((int32_t *)ld->istack.data)[f->mark + i];
  }
  ld->istack.len = (size_t)f->mark;
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

/* ------------------------------------------------------------------------ */
/* After resolve                                                            */

/* Renumber predicate reference *p (-1: none) through map. 0, or -1 when it
** names a predicate left out (a bug: nothing may read one). */
static int
renumber(const int32_t *map, int32_t *p)
{
  if (*p < 0)
    return 0;
  *p = map[*p];
  return *p < 0 ? -1 : 0;
}

/* Every predicate reference of model m: its nodes, segments, rules,
** attributes (the families that hold predicates). */
static int
renumber_model(const int32_t *map, pm_model *m)
{
  int32_t i;
  int bad = 0;
  switch (m->family) {
  case PM_FAM_TREE: {
    pm_tree *t = m->body;
    for (i = 0; t->nodes && i < t->n_nodes; i++)
      bad |= renumber(map, &t->nodes[i].pred);
    break;
  }
  case PM_FAM_MINING: {
    pm_mining *mn = m->body;
    for (i = 0; i < mn->n_segs; i++)
      bad |= renumber(map, &mn->segs[i].pred);
    for (i = 0; mn->forest && i < mn->forest->n_nodes; i++)
      bad |= renumber(map, &mn->forest->pred[i]);
    break;
  }
  case PM_FAM_RULESET: {
    pm_ruleset *rs = m->body;
    for (i = 0; i < rs->n_rules; i++)
      bad |= renumber(map, &rs->rules[i].pred);
    break;
  }
  case PM_FAM_SCORECARD: {
    pm_scorecard *sc = m->body;
    for (i = 0; i < sc->n_attrs; i++)
      bad |= renumber(map, &sc->attrs[i].pred);
    break;
  }
  default:
    break;
  }
  return bad;
}

int
pmmlR_finish_preds(pm_resolver *r, pm_loader *ld)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_arena *a = pmmlR_arena(r);
  pm_pred *all = ld->preds.data;
  int32_t n = (int32_t)ld->preds.len, kept = 0, i, k, *map, *args;
  int ok, bad = 0;
  for (i = 0; i < n; i++)
    kept += all[i].kind != PM_P_DROP;
  if (kept == n) {
    doc->preds = pmmlM_vec_finish(a, &ld->preds, sizeof(pm_pred), &ok);
    if (!ok)
      pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return ok ? 0 : -1;
  }
  map = a->alloc(a->ud, NULL, 0, (size_t)n * sizeof *map);
  doc->preds = kept ? pmmlM_alloc(a, (size_t)kept * sizeof(pm_pred)) : NULL;
  if (!map || (kept && !doc->preds)) {
    if (map)
      a->alloc(a->ud, map, (size_t)n * sizeof *map, 0);
    doc->preds = NULL;
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = 0, k = 0; i < n; i++)
    if (all[i].kind != PM_P_DROP) {
      doc->preds[k] = all[i];
      map[i] = k++;
    } else {
      map[i] = -1;
    }
  doc->n_preds = kept;
  /* The children of compound predicates (in the argument lists). */
  args = ld->args.data;
  for (i = 0; i < kept; i++)
    if (doc->preds[i].kind == PM_P_COMPOUND)
      for (k = 0; k < doc->preds[i].n; k++)
        bad |= renumber(map, &args[doc->preds[i].first + k]);
  for (i = 0; i < doc->n_models; i++)
    bad |= renumber_model(map, doc->models[i]);
  a->alloc(a->ud, map, (size_t)n * sizeof *map, 0);
  pmmlM_vec_free(a, &ld->preds, sizeof(pm_pred));
  if (bad) {
    pmmlR_fail(r, PMML_E_INVALID, 0,
               "internal error: a predicate left out is still read");
    return -1;
  }
  return 0;
}
