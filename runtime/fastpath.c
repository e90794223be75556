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

static int fast_tree(pmml_ctx *c, const pm_fast *f);
static int fast_regression(pmml_ctx *c, const pm_fast *f);

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

/* The input (its index) whose cell is slot 'slot'. */
static int32_t
input_of(const pmml_model *doc, int32_t slot)
{
  return doc->slots[slot].arg;
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
      f->checks[f->n_checks++] = input_of(doc, doc->checks[i].direct);
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

/* The pairs of a tree as planning sees them, by the tree's own node
** indices: pair i reads input slot slot[i] and goes to kid[2i] when x <= v[i]
** (v as "x <= v" however the document writes it), kid[2i+1] when x > v[i];
** slot[i] is -1 for a leaf, -2 for any other node. */
typedef struct tree_pairs {
  double *v;
  int32_t *slot, *kid, *parent;
  double *lo, *hi;         /* per input: the bounds a path sets */
  uint8_t *has;            /* per input: 1 lower bound, 2 upper bound */
} tree_pairs;

/*
** The outputs of leaf 'leaf', computed by the general path on a record
** made to reach it: each input a pair on the way tests gets a value on the
** right side of every threshold (the others are missing). 0 when the row is
** ready; 1 when the leaf cannot be prepared (the walk did not end there, or
** the record failed): the fast path then leaves it to the general path.
*/
static int
prepare_leaf(pmml_model *doc, const tree_pairs *tp, pmml_ctx *tc,
             int32_t leaf, pm_val *row)
{
  const pm_model *m = doc->top;
  int32_t i, node, n_in = doc->n_inputs;
  double *lo = tp->lo, *hi = tp->hi;
  uint8_t *has = tp->has;
  for (i = 0; i < n_in; i++)
    has[i] = 0;
  for (node = leaf; node != 0; node = tp->parent[node]) {
    int32_t up = tp->parent[node], in;
    if (up < 0)
      return 1; /* not reached through pairs */
    in = input_of(doc, tp->slot[up]);
    if (node == tp->kid[2 * up]) { /* x <= v */
      if (!(has[in] & 2) || tp->v[up] < hi[in])
        hi[in] = tp->v[up];
      has[in] |= 2;
    } else { /* x > v */
      if (!(has[in] & 1) || tp->v[up] > lo[in])
        lo[in] = tp->v[up];
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

/* Scratch of planning a tree, from the model's allocator. */
static void *
scratch_new(pm_arena *a, size_t n)
{
  return a->alloc(a->ud, NULL, 0, n ? n : 1);
}

static void
scratch_free(pm_arena *a, void *p, size_t n)
{
  if (p)
    a->alloc(a->ud, p, n ? n : 1, 0);
}

/*
** A lone TreeModel: its pairs as fast nodes, its leaves' outputs. The
** nodes are placed so that the child of a pair for x <= v comes first.
** (A walk of a fixed number of steps, the depth of the deepest leaf, was
** slower on dt_iris than stopping at the leaf.)
*/
static const pm_fast *
plan_tree(pmml_model *doc)
{
  const pm_model *m = doc->top;
  const pm_tree *t = m->body;
  pm_arena *a = &doc->arena;
  pm_fast *f;
  pmml_ctx *tc = NULL;
  int32_t i, n = t->n_nodes, n_leaves = 0, rows = 0;
  int32_t zero_off = (int32_t)((size_t)doc->n_inputs * sizeof(double));
  size_t width = doc->n_outs > 0 ? (size_t)doc->n_outs : 1;
  int32_t *pos = NULL;
  size_t n_in = (size_t)doc->n_inputs + 1, nn = (size_t)n;
  tree_pairs tp;
  const pm_fast *done = NULL;
  memset(&tp, 0, sizeof tp);
  if (n <= 0 || t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES ||
      doc->preds[t->nodes[0].pred].kind != PM_P_TRUE ||
      (size_t)doc->n_inputs * sizeof(double) > (size_t)INT32_MAX ||
      nn > (size_t)INT32_MAX / 2)
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
  f->score = fast_tree;
  f->m = m;
  f->n_outs = doc->n_outs;
  f->nodes = pmmlM_alloc(a, nn * sizeof *f->nodes);
  f->leaf_out = pmmlM_alloc(a, nn * sizeof *f->leaf_out);
  /* (A row even without outputs: its address says "prepared".) */
  f->rows = pmmlM_alloc(a, (size_t)n_leaves * (size_t)width * sizeof(pm_val));
  if (!f->nodes || !f->leaf_out || !f->rows ||
      plan_checks(doc, f, NULL))
    return NULL;
  tp.v = scratch_new(a, nn * sizeof *tp.v);
  tp.slot = scratch_new(a, nn * sizeof *tp.slot);
  tp.kid = scratch_new(a, 2 * nn * sizeof *tp.kid);
  tp.parent = scratch_new(a, nn * sizeof *tp.parent);
  tp.lo = scratch_new(a, n_in * sizeof *tp.lo);
  tp.hi = scratch_new(a, n_in * sizeof *tp.hi);
  tp.has = scratch_new(a, n_in);
  pos = scratch_new(a, nn * sizeof *pos);
  if (!tp.v || !tp.slot || !tp.kid || !tp.parent || !tp.lo || !tp.hi ||
      !tp.has || !pos || pmml_ctx_new(doc, &tc) != PMML_OK)
    goto out;
  /* The pairs, with "below" as x <= v: x < v is x <= the double below v
  ** for any number x (-infinity and NaN thresholds stay general). */
  for (i = 0; i < n; i++) {
    const pm_tstep *st = &t->step[i];
    tp.v[i] = 0;
    tp.kid[2 * i] = tp.kid[2 * i + 1] = -1;
    tp.slot[i] = -2;
    tp.parent[i] = -1;
    pos[i] = i;
    if (st->kind == PM_TS_LEAF) {
      tp.slot[i] = -1;
    } else if (st->kind == PM_TS_PAIR && st->direct >= 0 &&
               !isnan(st->v) && !(st->strict && st->v == -INFINITY)) {
      tp.slot[i] = st->direct;
      tp.v[i] = st->strict ? nextafter(st->v, -INFINITY) : st->v;
      tp.kid[2 * i] = st->first + !st->low_first;
      tp.kid[2 * i + 1] = st->first + st->low_first;
    }
  }
  for (i = 0; i < n; i++)
    if (tp.slot[i] >= 0) {
      tp.parent[tp.kid[2 * i]] = i;
      tp.parent[tp.kid[2 * i + 1]] = i;
      /* Children share their pair: the one for x <= v goes first. */
      pos[tp.kid[2 * i]] = t->step[i].first;
      pos[tp.kid[2 * i + 1]] = t->step[i].first + 1;
    }
  for (i = 0; i < n; i++) {
    pm_fastnode *fn = &f->nodes[pos[i]];
    const pm_val **out = &f->leaf_out[pos[i]];
    pm_val *row = f->rows + (size_t)rows * width;
    *out = NULL;
    if (tp.slot[i] >= 0) {
      fn->v = tp.v[i];
      fn->off = (int32_t)((size_t)input_of(doc, tp.slot[i]) * sizeof(double));
      fn->first = 2 * pos[tp.kid[2 * i]];
      continue;
    }
    /* A leaf or another node loops on itself. */
    fn->v = INFINITY;
    fn->off = zero_off;
    fn->first = 2 * pos[i];
    if (tp.slot[i] == -1 && (i == 0 || tp.parent[i] >= 0) &&
        prepare_leaf(doc, &tp, tc, i, row) == 0) {
      *out = row;
      rows++;
    }
  }
  if (rows == 0)
    goto out;
  done = f;
out:
  pmml_ctx_free(tc);
  scratch_free(a, tp.v, nn * sizeof *tp.v);
  scratch_free(a, tp.slot, nn * sizeof *tp.slot);
  scratch_free(a, tp.kid, 2 * nn * sizeof *tp.kid);
  scratch_free(a, tp.parent, nn * sizeof *tp.parent);
  scratch_free(a, tp.lo, n_in * sizeof *tp.lo);
  scratch_free(a, tp.hi, n_in * sizeof *tp.hi);
  scratch_free(a, tp.has, n_in);
  scratch_free(a, pos, nn * sizeof *pos);
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
  for (i = 0; classification && i < m->n_classes; i++)
    if (m->class_vals[i].t == PM_T_MISSING)
      return NULL;
  for (i = 0; i < reg->n_tables; i++)
    if (!reg->tables[i].plain)
      return NULL;
  f = pmmlM_alloc(a, sizeof *f);
  if (!f)
    return NULL;
  memset(f, 0, sizeof *f);
  f->kind = PM_FAST_REGRESSION;
  f->score = fast_regression;
  f->logit2 = classification && pmmlE_regression_logit2(m);
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
  f->tab_in = pmmlM_alloc(a, (size_t)reg->n_tables * sizeof *f->tab_in);
  f->tab_first = pmmlM_alloc(a, (size_t)reg->n_tables * sizeof(int32_t));
  if (!f->tab_in || !f->tab_first)
    goto out;
  for (i = 0; i < reg->n_tables; i++) {
    const pm_regtable *t = &reg->tables[i];
    f->tab_in[i] = pmmlM_alloc(a, ((size_t)t->n_nums + 1) * sizeof(int32_t));
    if (!f->tab_in[i])
      goto out;
    f->tab_first[i] = t->n_nums > 0 ? input_of(doc, t->nums[0].direct) : 0;
    for (k = 0; k < t->n_nums; k++) {
      f->tab_in[i][k] = input_of(doc, t->nums[k].direct);
      if (f->tab_in[i][k] != f->tab_first[i] + k)
        f->tab_first[i] = -1;
      if (classification || i == 0)
        read[t->nums[k].direct] = 1;
    }
  }
  if (plan_checks(doc, f, read))
    goto out;
  if (f->logit2 && f->n_checks == 0)
    f->score = pmmlE_regression_logit2_score; /* all in one call */
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
  c->fast_scored = 0;
  c->scored = 0;
}


/* The returnInvalid checks the plan makes: every input a valid number.
** Their sum is NaN when one is not (or when infinities of both signs meet,
** which the general path then takes too). */
static inline int
checks_pass(const pm_fast *f, const double *in)
{
  const int32_t *k = f->checks;
  double s = 0;
  int32_t i;
  for (i = 0; i < f->n_checks; i++)
    s += in[k[i]];
  return s == s;
}

/*
** A tree: the walk from the root to a leaf with prepared outputs, every
** number read from the context's input numbers; 1 at anything else. A
** step goes from node h/2 to the child x's value picks, and a leaf stays
** where it is. An input that holds no valid number reads as NaN, which
** compares with nothing: the general path then decides.
*/
static int
fast_tree(pmml_ctx *c, const pm_fast *f)
{
  const char *in = (const char *)c->in_num;
  const char *nodes = (const char *)f->nodes;
  uint32_t h = 0, was;
  const pm_val *row;
  if (!checks_pass(f, c->in_num))
    return 1;
  do {
    const pm_fastnode *nd = (const pm_fastnode *)(nodes + (size_t)h * 8);
    double x = *(const double *)(in + nd->off);
    if (PM_UNLIKELY(isunordered(x, nd->v)))
      return 1;
    was = h;
    h = (uint32_t)nd->first + 2 * (x > nd->v);
  } while (h != was);
  row = f->leaf_out[h / 2];
  if (PM_UNLIKELY(!row))
    return 1;
  pmmlE_fast_scored(c, row);
  return 0;
}

/* A regression: its value (eval_regression.c) and probabilities (in the
** scratch of its result); the outputs are read from them. */
static int
fast_regression(pmml_ctx *c, const pm_fast *f)
{
  if (!checks_pass(f, c->in_num) ||
      pmmlE_regression_fast(c, f, &c->fast_value,
                            c->scratch + f->m->res_off))
    return 1;
  pmmlE_fast_scored(c, NULL);
  return 0;
}

const pm_val *
pmmlE_fast_output(const pmml_ctx *c, size_t i, pm_val *tmp)
{
  const pm_fast *f = c->fast;
  if (f->kind == PM_FAST_TREE)
    return &c->fast_row[i];
  if (f->out_kind[i] == PM_FO_VALUE)
    return &c->fast_value;
  /* probability(value=): as score_record() copies it from the result. */
  *tmp = pmmlV_num(c->scratch[f->m->res_off + (size_t)f->out_class[i]],
                   PMML_DT_DOUBLE);
  return tmp;
}

double
pmmlE_fast_number(const pmml_ctx *c, size_t i)
{
  const pm_fast *f = c->fast;
  const pm_val *x;
  if (f->kind == PM_FAST_REGRESSION && f->out_kind[i] == PM_FO_PROB)
    return c->scratch[f->m->res_off + (size_t)f->out_class[i]];
  x = f->kind == PM_FAST_TREE ? &c->fast_row[i] : &c->fast_value;
  return x->t == PM_T_NUM || x->t == PM_T_BOOL ? x->u.num : NAN;
}
