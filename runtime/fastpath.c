/*
** fastpath.c: the fast path of the interpreter. When the top-level model is
** a lone TreeModel whose nodes test numbers (x < v / x >= v pairs), or a
** RegressionModel over numeric inputs, a record of valid numbers is scored
** without the general per-record machinery (generations, results, output
** slots): a tree walks a compact copy of its pairs to a leaf whose outputs
** were prepared at load, by scoring a record that reaches the leaf through
** the general path; a regression sums its tables as eval_regression.c does
** and writes its few outputs. Anything else (a missing or invalid value, a
** node that is not a pair, an output that depends on more than the result)
** goes the general way (eval.c), which stays the reference: the fast path
** gives the same values, bit for bit, or steps aside before doing anything.
** PMML 4.4 TreeModel, Regression, MiningSchema (returnInvalid).
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* The most memory the prepared outputs of a tree may take. */
#define FAST_ROWS_MAX ((size_t)64 << 20)

/* ------------------------------------------------------------------------ */
/* Planning (once, at the end of the load)                                  */

/* Does output 'o' of the document depend on the top model's result only
** (not on the inputs), as the general path computes it? The target
** (predicted value) and the OutputFields of the top model whose feature
** reads the result alone. PMML 4.4 Output. */
static int
result_output(const pmml_model *doc, const pm_out *o)
{
  const pm_slot *s;
  const pm_ofield *of;
  if (o->slot < 0)
    return o->model == doc->top->index;
  s = &doc->slots[o->slot];
  if (s->kind != PM_SLOT_OUTPUT || s->arg != doc->top->index)
    return 0;
  of = &doc->top->of[s->aux];
  switch (of->feature) {
  case PM_FEAT_PREDICTED:
  case PM_FEAT_DISPLAY:
  case PM_FEAT_PROBABILITY:
  case PM_FEAT_CONFIDENCE:
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_AFFINITY:
  case PM_FEAT_ENTITY_AFFINITY:
  case PM_FEAT_WARNING:
    return 1;
  default:
    return 0;
  }
}

/* The returnInvalid checks (doc->checks) the plan must make itself: those
** whose input 'read' does not mark as always read (read may be NULL).
** Every check needs its input read straight (direct), else -1. */
static int
plan_checks(pmml_model *doc, pm_fast *f, const uint8_t *read)
{
  int32_t i, n = 0;
  for (i = 0; i < doc->n_checks; i++) {
    if (doc->checks[i].direct < 0)
      return -1;
    n += !read || !read[doc->checks[i].direct];
  }
  f->n_checks = 0;
  f->checks = n ? pmmlM_alloc(&doc->arena, (size_t)n * sizeof(int32_t))
                : NULL;
  if (n && !f->checks)
    return -1;
  for (i = 0; i < doc->n_checks; i++)
    if (!read || !read[doc->checks[i].direct])
      f->checks[f->n_checks++] = doc->checks[i].direct;
  return 0;
}

/* A string value of a prepared row, copied into the model's memory (the
** context that computed it is about to go). */
static int
keep_value(pmml_model *doc, pm_val *v)
{
  char *s;
  if (v->t != PM_T_STR)
    return 0;
  s = pmmlM_alloc(&doc->arena, (size_t)v->len + 1);
  if (!s)
    return -1;
  memcpy(s, v->u.str, v->len);
  s[v->len] = '\0';
  v->u.str = s;
  return 0;
}

/*
** The outputs of leaf 'leaf', computed by the general path on a record
** made to reach it: each input a pair on the way tests gets a value on the
** right side of every threshold (the others are missing). 0 when the row is
** ready; 1 when the leaf cannot be prepared (the walk did not end there, or
** the record failed): the fast path then leaves it to the general path.
*/
static int
prepare_leaf(pmml_model *doc, pm_fast *f, pmml_ctx *tc, const int32_t *parent,
             int32_t leaf, pm_val *row, double *lo, double *hi,
             uint8_t *has)
{
  const pm_model *m = doc->top;
  int32_t i, node, n_in = doc->n_inputs;
  for (i = 0; i < n_in; i++)
    has[i] = 0;
  for (node = leaf; node != 0; node = parent[node]) {
    int32_t up = parent[node];
    const pm_fastnode *p;
    int32_t in;
    if (up < 0)
      return 1; /* not reached through pairs */
    p = &f->nodes[up];
    in = doc->slots[p->slot].arg;
    if (node == p->kid[0]) { /* x <= v */
      if (!(has[in] & 2) || p->v < hi[in])
        hi[in] = p->v;
      has[in] |= 2;
    } else { /* x > v */
      if (!(has[in] & 1) || p->v > lo[in])
        lo[in] = p->v;
      has[in] |= 1;
    }
  }
  pmml_ctx_clear(tc);
  for (i = 0; i < n_in; i++) {
    double x;
    if (!has[i])
      continue;
    x = has[i] & 2 ? hi[i] : nextafter(lo[i], INFINITY);
    if ((has[i] & 1) && !(x > lo[i]))
      return 1; /* no number reaches the leaf */
    tc->vals[doc->input_slot[i]] =
        pmmlV_num(x, doc->df[doc->inputs[i]].dtype);
  }
  if (pmml_score(tc, NULL) != PMML_OK || tc->res[m->index].entity != leaf)
    return 1;
  for (i = 0; i < doc->n_outs; i++) {
    const pm_out *o = &doc->outs[i];
    row[i] = o->slot < 0 ? tc->res[o->model].value : tc->vals[o->slot];
    if (keep_value(doc, &row[i]))
      return 1;
  }
  return 0;
}

/* A lone TreeModel: its pairs as fast nodes, its leaves' outputs. */
static const pm_fast *
plan_tree(pmml_model *doc)
{
  const pm_model *m = doc->top;
  const pm_tree *t = m->body;
  pm_arena *a = &doc->arena;
  pm_fast *f;
  pmml_ctx *tc = NULL;
  int32_t i, n = t->n_nodes, n_leaves = 0, rows = 0;
  int32_t *parent = NULL;
  double *lo = NULL, *hi = NULL;
  uint8_t *has = NULL;
  const pm_fast *done = NULL;
  if (n <= 0 || t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES ||
      doc->preds[t->nodes[0].pred].kind != PM_P_TRUE)
    return NULL;
  for (i = 0; i < n; i++)
    n_leaves += t->step[i].kind == PM_TS_LEAF;
  if (n_leaves == 0 ||
      (size_t)n_leaves * (size_t)doc->n_outs * sizeof(pm_val) > FAST_ROWS_MAX)
    return NULL;
  f = pmmlM_alloc(a, sizeof *f);
  if (!f)
    return NULL;
  memset(f, 0, sizeof *f);
  f->kind = PM_FAST_TREE;
  f->m = m;
  f->n_outs = doc->n_outs;
  f->nodes = pmmlM_alloc(a, (size_t)n * sizeof *f->nodes);
  f->rows = doc->n_outs ? pmmlM_alloc(a, (size_t)n_leaves *
                                             (size_t)doc->n_outs *
                                             sizeof(pm_val))
                        : NULL;
  if (!f->nodes || (doc->n_outs && !f->rows) || plan_checks(doc, f, NULL))
    return NULL;
  /* The pairs, with "below" as x <= v: x < v is x <= the double below v
  ** for any number x (-infinity and NaN thresholds stay general). */
  for (i = 0; i < n; i++) {
    const pm_tstep *st = &t->step[i];
    pm_fastnode *fn = &f->nodes[i];
    fn->v = 0;
    fn->kid[0] = fn->kid[1] = -1;
    fn->slot = -2;
    if (st->kind == PM_TS_LEAF) {
      fn->slot = -1;
    } else if (st->kind == PM_TS_PAIR && st->direct >= 0 &&
               !isnan(st->v) && !(st->strict && st->v == -INFINITY)) {
      fn->slot = st->direct;
      fn->v = st->strict ? nextafter(st->v, -INFINITY) : st->v;
      fn->kid[0] = st->first + !st->low_first;
      fn->kid[1] = st->first + st->low_first;
    }
  }
  parent = a->alloc(a->ud, NULL, 0, (size_t)n * sizeof *parent);
  lo = a->alloc(a->ud, NULL, 0, ((size_t)doc->n_inputs + 1) * sizeof *lo);
  hi = a->alloc(a->ud, NULL, 0, ((size_t)doc->n_inputs + 1) * sizeof *hi);
  has = a->alloc(a->ud, NULL, 0, (size_t)doc->n_inputs + 1);
  if (!parent || !lo || !hi || !has || pmml_ctx_new(doc, &tc) != PMML_OK)
    goto out;
  for (i = 0; i < n; i++)
    parent[i] = -1;
  for (i = 0; i < n; i++)
    if (f->nodes[i].slot >= 0) {
      parent[f->nodes[i].kid[0]] = i;
      parent[f->nodes[i].kid[1]] = i;
    }
  for (i = 0; i < n; i++) {
    pm_fastnode *fn = &f->nodes[i];
    if (fn->slot != -1)
      continue;
    if (prepare_leaf(doc, f, tc, parent, i,
                     f->rows + (size_t)rows * (size_t)doc->n_outs, lo, hi,
                     has) == 0)
      fn->kid[0] = rows++;
  }
  if (rows > 0)
    done = f;
out:
  pmml_ctx_free(tc);
  if (parent)
    a->alloc(a->ud, parent, (size_t)n * sizeof *parent, 0);
  if (lo)
    a->alloc(a->ud, lo, ((size_t)doc->n_inputs + 1) * sizeof *lo, 0);
  if (hi)
    a->alloc(a->ud, hi, ((size_t)doc->n_inputs + 1) * sizeof *hi, 0);
  if (has)
    a->alloc(a->ud, has, (size_t)doc->n_inputs + 1, 0);
  return done;
}

/* A lone RegressionModel over plain numeric predictors (pm_regtable.plain)
** in double arithmetic, whose outputs are its predicted value and the
** probabilities of named classes. */
static const pm_fast *
plan_regression(pmml_model *doc)
{
  const pm_model *m = doc->top;
  const pm_regression *reg = m->body;
  pm_arena *a = &doc->arena;
  pm_fast *f;
  uint8_t *read = NULL, *seen = NULL;
  int32_t i, k;
  const pm_fast *done = NULL;
  int classification = m->function == PM_FN_CLASSIFICATION;
  if (m->math_float || reg->n_tables <= 0 ||
      (!classification && (m->function != PM_FN_REGRESSION ||
                           reg->n_tables != 1)))
    return NULL;
  if (classification && (reg->n_tables != m->n_classes || !m->class_vals))
    return NULL;
  for (i = 0; i < reg->n_tables; i++)
    if (!reg->tables[i].plain)
      return NULL;
  f = pmmlM_alloc(a, sizeof *f);
  if (!f)
    return NULL;
  memset(f, 0, sizeof *f);
  f->kind = PM_FAST_REGRESSION;
  f->m = m;
  f->n_outs = doc->n_outs;
  f->out_kind = pmmlM_alloc(a, (size_t)doc->n_outs + 1);
  f->out_class = pmmlM_alloc(a, ((size_t)doc->n_outs + 1) * sizeof(int32_t));
  read = a->alloc(a->ud, NULL, 0, (size_t)doc->n_slots + 1);
  seen = a->alloc(a->ud, NULL, 0, (size_t)m->n_classes + 1);
  if (!f->out_kind || !f->out_class || !read || !seen)
    goto out;
  /* Every class has exactly one table (classify() sets them all). */
  memset(seen, 0, (size_t)m->n_classes + 1);
  for (i = 0; classification && i < reg->n_tables; i++) {
    k = reg->tables[i].klass;
    if (k < 0 || k >= m->n_classes || seen[k]++)
      goto out;
  }
  for (i = 0; i < doc->n_outs; i++) {
    const pm_out *o = &doc->outs[i];
    const pm_ofield *of;
    uint8_t dt;
    if (!result_output(doc, o))
      goto out;
    f->out_kind[i] = PM_FO_VALUE;
    f->out_class[i] = -1;
    if (o->slot < 0)
      continue;
    if (o->prob_class >= 0 && classification) {
      /* probability(value=): the general path copies it from the result
      ** (eval.c, score_record). */
      f->out_kind[i] = PM_FO_PROB;
      f->out_class[i] = o->prob_class;
      continue;
    }
    of = &m->of[doc->slots[o->slot].aux];
    if (of->feature != PM_FEAT_PREDICTED)
      goto out;
    /* The predicted value as it is: no cast to another type. */
    if (of->dtype == PM_DT_ANY)
      continue;
    if (!classification) {
      if (of->dtype != m->target_dt)
        goto out;
      continue;
    }
    for (k = 0; k < m->n_classes; k++) {
      dt = m->class_vals[k].dt;
      if (m->class_vals[k].t == PM_T_MISSING || dt != of->dtype)
        goto out;
    }
  }
  /* The checks of inputs every table reads need no look of their own: a
  ** table steps aside at any value that is not a valid number. */
  memset(read, 0, (size_t)doc->n_slots + 1);
  for (i = 0; i < reg->n_tables; i++)
    for (k = 0; k < reg->tables[i].n_nums; k++)
      if (classification || i == 0)
        read[reg->tables[i].directs[k]] = 1;
  if (plan_checks(doc, f, read))
    goto out;
  done = f;
out:
  if (read)
    a->alloc(a->ud, read, (size_t)doc->n_slots + 1, 0);
  if (seen)
    a->alloc(a->ud, seen, (size_t)m->n_classes + 1, 0);
  return done;
}

void
pmmlE_fast_plan(pmml_model *doc)
{
  const pm_model *m = doc->top;
  int32_t i;
  doc->fast = NULL;
  if (!m || !m->is_scorable)
    return;
  for (i = 0; i < doc->n_outs; i++)
    if (!result_output(doc, &doc->outs[i]))
      return;
  if (m->family == PM_FAM_TREE)
    doc->fast = plan_tree(doc);
  else if (m->family == PM_FAM_REGRESSION)
    doc->fast = plan_regression(doc);
}

/* ------------------------------------------------------------------------ */
/* Scoring                                                                  */

void
pmmlE_ctx_general(pmml_ctx *c, int on)
{
  c->fast = on ? NULL : c->m->fast;
  c->fast_out = NULL;
  c->scored = 0;
}

/* The tree's walk from the root to a leaf with prepared outputs, reading
** every number straight from its input; NULL at anything else. */
static const pm_val *
walk(const pm_fast *f, const pm_val *vals)
{
  const pm_fastnode *nodes = f->nodes, *nd = nodes;
  int32_t s;
  while ((s = nd->slot) >= 0) {
    const pm_val *x = &vals[s];
    if (PM_UNLIKELY(x->t != PM_T_NUM || x->invalid || x->u.num != x->u.num))
      return NULL;
    nd = &nodes[nd->kid[x->u.num > nd->v]];
  }
  if (s != -1 || nd->kid[0] < 0)
    return NULL;
  return f->rows + (size_t)nd->kid[0] * (size_t)f->n_outs;
}

int
pmmlE_fast_score(pmml_ctx *c)
{
  const pm_fast *f = c->fast;
  const pm_val *vals = c->vals;
  int32_t i;
  /* returnInvalid: a missing or invalid input is the general path's. */
  for (i = 0; i < f->n_checks; i++) {
    const pm_val *v = &vals[f->checks[i]];
    if (PM_UNLIKELY(v->t == PM_T_MISSING || v->invalid))
      return 1;
  }
  if (f->kind == PM_FAST_TREE) {
    const pm_val *row = walk(f, vals);
    if (!row)
      return 1;
    c->fast_out = row;
    return 0;
  }
  {
    const pm_model *m = f->m;
    double *prob = c->scratch + m->res_off;
    pm_val value, *out = c->fast_vals;
    if (pmmlE_regression_fast(c, m, &value, prob))
      return 1;
    for (i = 0; i < f->n_outs; i++)
      out[i] = f->out_kind[i] == PM_FO_PROB
                   ? pmmlV_num(prob[f->out_class[i]], PMML_DT_DOUBLE)
                   : value;
    c->fast_out = out;
    return 0;
  }
}
