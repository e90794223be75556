/*
** eval_mining.c: scoring a MiningModel (PMML 4.4 Multiple Models). The 3.x
** embedded models first, then the segments whose predicate holds, in
** document order, each scored by its own family into its own result; the
** MiningModel's result is one of them (selectFirst, modelChain) or their
** combination (votes, averages, medians, maxima, sums). Nothing is
** allocated: the combinations work in the scratch resolve reserved.
**
** Where PMML leaves a choice open, this file does what JPMML does (the
** shared corpus' expected values come from it); each place says so. With
** x-mathContext="float" every sum, product and quotient is rounded to float
** as it is made, in JPMML's order of operations, except that a sum which
** Targets only shifts starts from that constant, as XGBoost adds its base
** score first (sum_seed). Ensembles of plain trees are walked as one flat
** forest, several trees at a time (forest_run).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pmml_int.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Round to float when the model computes in float. A +, -, * or / of two
** floats done in double and then rounded equals the float operation (double
** has more than twice float's precision), so x-mathContext="float" needs
** nothing but this after each operation. */
static inline double
rnd(int fl, double x)
{
  return fl ? (double)(float)x : x;
}

/* 1: segment s takes part (its predicate is true), 0: it does not (false
** or unknown), -1: the record failed. */
static int
active(pmml_ctx *c, const pm_segment *s)
{
  int st;
  if (s->always)
    return 1;
  st = pmmlE_pred(c, s->pred);
  if (c->failed)
    return -1;
  return st == PM_TRUE;
}

static const pm_model *
seg_model(const pmml_ctx *c, const pm_segment *s)
{
  return c->m->models[s->model];
}

/* Score segment s: its result, or NULL when the record failed. */
static const pm_result *
score_segment(pmml_ctx *c, const pm_segment *s)
{
  const pm_model *sm = seg_model(c, s);
  if (pmmlE_model(c, sm))
    return NULL;
  return &c->res[sm->index];
}

/* ---- What a segment gives ------------------------------------------------ */

/* One segment's result for the combinations. */
typedef struct outcome {
  int missing;          /* no prediction */
  double num;           /* regression (flat forest): the prediction */
  int32_t klass;        /* classification (flat forest): the MiningModel's
                           class of the prediction */
  const double *prob;   /* classification: the probability of each of the
                           segment model's classes */
  const pm_val *value;  /* a scored segment's prediction; NULL in the
                           flat forest */
} outcome;

/* Node i's comparison on a value that is neither a number nor missing (an
** invalid value kept asIs: a string, say), as SimplePredicate takes it,
** from the forest's copy of the number and its type: the node's own
** predicate may be gone (a compact forest, load_mining.c). */
static int
node_test_other(const pm_forest *f, int32_t i, const pm_val *v)
{
  static const uint8_t ops[] = {PM_OP_LT, PM_OP_LE, PM_OP_GT,
                                PM_OP_GE, PM_OP_EQ, PM_OP_NE}; /* PM_FOP_* */
  const pm_fnode *n = &f->nodes[i];
  pm_val lv;
  if (n->op == PM_FOP_MISSING)
    return PM_FALSE;
  if (n->op == PM_FOP_NOT_MISSING)
    return PM_TRUE;
  lv = pmmlV_num(n->v, f->dt[i]);
  return pmmlE_compare_values(ops[n->op], v, &lv);
}

/* Forest node i's predicate: the comparison inline when the value is a
** number, missing values as three-valued logic says, any other value by
** node_test_other() (eval_pred.c's rules, both); a predicate the
** forest does not compile by pmmlE_pred(). */
static ALWAYS_INLINE int
node_test(pmml_ctx *c, const pm_forest *f, int32_t i)
{
  const pm_fnode *n = &f->nodes[i];
  const pm_val *v;
  switch (n->op) {
  case PM_FOP_TRUE:
    return PM_TRUE;
  case PM_FOP_FALSE:
    return PM_FALSE;
  case PM_FOP_OTHER:
    return pmmlE_pred(c, f->pred[i]);
  default:
    break;
  }
  v = pmmlE_slot(c, f->slots[n->var]);
  if (PM_LIKELY(v->t == PM_T_NUM)) {
    double a = v->u.num;
    switch (n->op) {
    case PM_FOP_LT: return a < n->v;
    case PM_FOP_LE: return a <= n->v;
    case PM_FOP_GT: return a > n->v;
    case PM_FOP_GE: return a >= n->v;
    case PM_FOP_EQ: return a == n->v;
    case PM_FOP_NE: return a != n->v;
    case PM_FOP_MISSING: return PM_FALSE;
    default: return PM_TRUE; /* isNotMissing */
    }
  }
  if (v->t == PM_T_MISSING)
    return n->op == PM_FOP_MISSING       ? PM_TRUE
           : n->op == PM_FOP_NOT_MISSING ? PM_FALSE
                                         : PM_UNKNOWN;
  return node_test_other(f, i, v);
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

/* The flat forest's walks: what each tree's walk ends with. */
enum { LEAF_NONE = -1, LEAF_INACTIVE = -2, LEAF_NO_DEFAULT = -3 };

/* Bring the children of forest node n towards the cache. */
static inline void
prefetch_kids(const pm_fnode *nodes, int32_t n)
{
  const pm_fnode *nd = &nodes[n];
  int32_t k = nd->n_kids & ~PM_FPAIR;
  if (k) {
    PREFETCH(&nodes[nd->first]);
    PREFETCH(&nodes[nd->first + k - 1]);
  }
}

/* One level down tree t (rooted at forest index 'root') from forest node
** *node. 1: moved on to a child; 0: the walk ended, *leaf holds the tree's
** index of the node that scores, LEAF_NONE for no prediction, or
** LEAF_NO_DEFAULT - k when a value is missing at node k, which has no
** defaultChild (the record fails when the combination reaches it). The
** rules are eval_tree.c's: missingValueStrategy none, lastPrediction,
** nullPrediction and defaultChild, then noTrueChildStrategy. */
static ALWAYS_INLINE int
forest_step(pmml_ctx *c, const pm_forest *f, const pm_tree *t,
            int32_t root, int32_t *node, double *leaf)
{
  const pm_fnode *nodes = f->nodes, *nd = &nodes[*node];
  int32_t k, next = -1, n_kids = nd->n_kids & ~PM_FPAIR;
  if (n_kids == 0) {
    *leaf = *node - root;
    return 0;
  }
  if (nd->n_kids & PM_FPAIR) {
    /* The first child's test decides; the second is its negation. */
    const pm_fnode *k0 = &nodes[nd->first];
    const pm_val *v = pmmlE_slot(c, f->slots[k0->var]);
    if (PM_LIKELY(v->t == PM_T_NUM && v->u.num == v->u.num)) {
      double a = v->u.num;
      int t0;
      switch (k0->op) {
      case PM_FOP_LT: t0 = a < k0->v; break;
      case PM_FOP_LE: t0 = a <= k0->v; break;
      case PM_FOP_GT: t0 = a > k0->v; break;
      default: t0 = a >= k0->v; break;
      }
      next = nd->first + !t0;
      *node = next;
      prefetch_kids(nodes, next);
      return 1;
    }
  }
  for (k = 0; k < n_kids; k++) {
    int st = node_test(c, f, nd->first + k);
    if (PM_LIKELY(st == PM_TRUE)) {
      next = nd->first + k;
      break;
    }
    if (st == PM_UNKNOWN) {
      switch (t->missing) {
      case PM_TMV_NULL_PREDICTION:
        *leaf = LEAF_NONE;
        return 0;
      case PM_TMV_LAST_PREDICTION:
        *leaf = *node - root;
        return 0;
      case PM_TMV_DEFAULT_CHILD:
        if (f->deflt[*node] < 0) {
          *leaf = LEAF_NO_DEFAULT - (*node - root);
          return 0;
        }
        next = f->deflt[*node];
        break;
      default: /* none: the comparison is false */
        continue;
      }
      break;
    }
  }
  if (next < 0) {
    *leaf = t->no_true == PM_TNT_LAST ? *node - root : LEAF_NONE;
    return 0;
  }
  *node = next;
  prefetch_kids(nodes, next);
  return 1;
}

#define LANES 24

/*
** Walk every tree of the flat forest for this record, leaf[s] getting the
** end of tree s (or LEAF_INACTIVE when its segment's predicate does not
** hold). Eight trees go down together, a level each in turn, with the next
** level's nodes prefetched: their cache misses overlap instead of adding
** up. The combination then reads leaf[] in segment order. 0, or -1 when
** the record failed.
*/
static int
forest_run(pmml_ctx *c, const pm_mining *mn, double *leaf)
{
  const pm_forest *f = mn->forest;
  const pm_fnode *nodes = f->nodes;
  const pm_tree *tree[LANES];
  int32_t node[LANES], seg[LANES], live = 0, next = 0, j;
  for (;;) {
    while (live < LANES && next < mn->n_segs) {
      const pm_segment *s = &mn->segs[next];
      const pm_tree *t = seg_model(c, s)->body;
      int32_t root = f->roots[next];
      int st, a = active(c, s);
      if (a < 0)
        return -1;
      if (!a) {
        leaf[next++] = LEAF_INACTIVE;
        continue;
      }
      st = node_test(c, f, root);
      if (c->failed)
        return -1;
      if (st != PM_TRUE) {
        leaf[next++] = st == PM_UNKNOWN && t->missing == PM_TMV_DEFAULT_CHILD
                           ? 0
                           : LEAF_NONE;
        continue;
      }
      prefetch_kids(nodes, root);
      tree[live] = t;
      node[live] = root;
      seg[live++] = next++;
    }
    if (live == 0)
      return 0;
    for (j = 0; j < live;) {
      if (forest_step(c, f, tree[j], f->roots[seg[j]], &node[j],
                      &leaf[seg[j]])) {
        j++;
        continue;
      }
      if (c->failed)
        return -1;
      live--;
      tree[j] = tree[live];
      node[j] = node[live];
      seg[j] = seg[live];
    }
  }
}

/* Segment i's outcome: 1 (filled in), 0 when its predicate does not hold,
** -1 when the record failed. From the flat forest's walks when there is
** one, else from scoring the segment's model. */
static int
segment_outcome(pmml_ctx *c, const pm_mining *mn, int32_t i, outcome *o)
{
  const pm_segment *s = &mn->segs[i];
  const pm_model *sm = seg_model(c, s);
  const pm_result *sr;
  int a;
  o->value = NULL;
  o->klass = -1;
  if (mn->forest) {
    const pm_tree *t = sm->body;
    int32_t n = (int32_t)c->scratch[mn->leaves + (size_t)i];
    if (n == LEAF_INACTIVE)
      return 0;
    if (n <= LEAF_NO_DEFAULT)
      return pmmlE_fail(
          c, PMML_E_EVAL,
          "TreeModel: a value is missing at the Node of line %u, which has "
          "no defaultChild",
          (unsigned)mn->forest->line[mn->forest->roots[i] + LEAF_NO_DEFAULT -
                                     n]);
    if (sm->function == PM_FN_CLASSIFICATION) {
      int32_t k = n >= 0 ? t->klass[n] : -1;
      o->missing = k < 0;
      o->klass = k >= 0 ? s->cmap[k] : -1;
      o->prob = n >= 0 && t->prob ? pm_tree_prob(t, n, sm->n_classes)
                                  : mn->forest->zeros;
    } else {
      o->num = n >= 0 ? mn->forest->num[mn->forest->roots[i] + n] : NAN;
      o->missing = isnan(o->num);
      o->prob = NULL;
    }
    return 1;
  }
  a = active(c, s);
  if (a <= 0)
    return a;
  if (!(sr = score_segment(c, s)))
    return -1;
  o->value = &sr->value;
  o->prob = sr->prob;
  o->missing = sr->value.t == PM_T_MISSING;
  return 1;
}

/* The MiningModel's result is segment s's (selectFirst, modelChain): the
** predicted value as that model gives it (JPMML returns the segment's
** result as it is), its probabilities under the MiningModel's classes, its
** entity. */
static void
take(pmml_ctx *c, const pm_mining *mn, int32_t s, pm_result *res)
{
  const pm_segment *seg = &mn->segs[s];
  const pm_model *sm = seg_model(c, seg);
  const pm_result *sr = &c->res[sm->index];
  int32_t k;
  res->value = sr->value;
  res->raw = sr->raw;
  res->entity = sr->entity;
  res->entity_id = sr->entity_id;
  res->affinity = sr->affinity;
  res->extra = sr->extra;
  res->segment = s;
  if (res->prob && sr->prob && seg->cmap)
    for (k = 0; k < sm->n_classes; k++) {
      res->prob[seg->cmap[k]] = sr->prob[k];
      res->conf[seg->cmap[k]] = sr->conf[k];
    }
}

/* selectFirst: the first segment whose predicate holds. A missing
** prediction is taken as it is (continue), ends with none (returnMissing)
** or lets the next segment be selected (skipSegment). */
static int
select_first(pmml_ctx *c, const pm_mining *mn, pm_result *res)
{
  int32_t i;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_result *sr;
    int a = active(c, &mn->segs[i]);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    if (!(sr = score_segment(c, &mn->segs[i])))
      return -1;
    if (sr->value.t == PM_T_MISSING) {
      if (mn->missing == PM_MPT_RETURN_MISSING)
        return 0;
      if (mn->missing == PM_MPT_SKIP_SEGMENT)
        continue;
    }
    take(c, mn, i, res);
    return 0;
  }
  return 0;
}

/* modelChain: every segment whose predicate holds, in order (each sees the
** outputs of those before it); the last one's result is the MiningModel's.
** selectAll: every such segment is scored; there is no single prediction
** (their results are read through OutputField@segmentId). */
static int
chain(pmml_ctx *c, const pm_mining *mn, pm_result *res)
{
  int32_t i, last = -1;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_result *sr;
    int a = active(c, &mn->segs[i]);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    if (!(sr = score_segment(c, &mn->segs[i])))
      return -1;
    if (sr->value.t == PM_T_MISSING &&
        mn->missing == PM_MPT_RETURN_MISSING)
      return 0;
    last = i;
  }
  if (last >= 0 && mn->method != PM_MM_SELECT_ALL)
    take(c, mn, last, res);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Regression: average, weightedAverage, median, weightedMedian, sum,
** weightedSum of the segments' predicted values.                          */

/* (value, weight, position) triples, ordered by value then position. */
static int
cmp_triple(const void *a, const void *b)
{
  const double *x = a, *y = b;
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[2] < y[2] ? -1 : x[2] > y[2];
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of sorted v[0..n) as JPMML computes it (Apache Commons Math
** Percentile(50), legacy estimation): the middle value, or the lower middle
** plus half the gap to the upper one. */
static double
median_sorted(const double *v, int32_t n, int fl)
{
  int32_t lo;
  if (n == 1)
    return v[0];
  lo = (n + 1) / 2; /* floor((n + 1) / 2), 1-based */
  if ((n + 1) % 2 == 0)
    return v[lo - 1];
  return rnd(fl, v[lo - 1] + rnd(fl, 0.5 * rnd(fl, v[lo] - v[lo - 1])));
}

/* The rescaleConstant a float sum starts from, or 0. XGBoost adds its
** base score first and the trees after it, in float; the sum of the trees
** plus rescaleConstant is that sum only if the constant comes first (the
** exporter's values differ by up to 8 float ulps otherwise). When Target
** only adds a constant, starting there is the same sum in PMML's terms. */
static double
sum_seed(const pm_model *m, const pm_mining *mn)
{
  const pm_target *t = pmmlE_model_target(m);
  if (!m->math_float || !t || t->has_min || t->has_max ||
      t->rescale_factor != 1.0 ||
      (mn->method != PM_MM_SUM && mn->method != PM_MM_WEIGHTED_SUM))
    return 0;
  return (double)(float)t->rescale_const;
}

/* PMML 4.4 Targets in float: clip, rescale, castInteger, each step rounded
** to float (JPMML's TargetUtil on a FloatValue); 'seeded' when the sum
** started from rescaleConstant already. */
static double
target_float(const pm_model *m, double v, int seeded)
{
  const pm_target *t = pmmlE_model_target(m);
  if (!t)
    return v;
  if (t->has_min && v < (double)(float)t->min)
    v = (double)(float)t->min;
  if (t->has_max && v > (double)(float)t->max)
    v = (double)(float)t->max;
  v = rnd(1, v * (double)(float)t->rescale_factor);
  if (!seeded)
    v = rnd(1, v + (double)(float)t->rescale_const);
  switch (t->cast) {
  case PM_CAST_ROUND:
    return floor(rnd(1, v + 0.5));
  case PM_CAST_CEILING:
    return ceil(v);
  case PM_CAST_FLOOR:
    return floor(v);
  default:
    return v;
  }
}

/* A segment's prediction as a number, NaN after failing the record. */
static double
segment_number(pmml_ctx *c, const pm_segment *s, const pm_val *v)
{
  pm_val d;
  if (v->t == PM_T_NUM || v->t == PM_T_BOOL)
    return v->u.num;
  if (pmmlV_cast(c, v, PMML_DT_DOUBLE, &d) == 0 && d.t == PM_T_NUM)
    return d.u.num;
  pmmlE_fail(c, PMML_E_EVAL,
             "MiningModel: the prediction of Segment '%s' is not a number",
             pmmlS_str(&c->m->strs, s->id));
  return NAN;
}

static int
combine_values(pmml_ctx *c, const pm_model *m, const pm_mining *mn,
               pm_result *res)
{
  int fl = m->math_float;
  double *v = c->scratch + mn->scratch;
  double total = 0, missw = 0, r = sum_seed(m, mn), ws = 0;
  int32_t i, n = 0;
  int lost = 0, seeded = r != 0;
  if (mn->forest && forest_run(c, mn, c->scratch + mn->leaves))
    return -1;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_segment *s = &mn->segs[i];
    outcome o;
    double x;
    int a = segment_outcome(c, mn, i, &o);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    total = rnd(fl, total + rnd(fl, s->weight));
    if (o.missing) {
      /* returnMissing: no prediction at once; continue: none either, once
      ** every segment is scored (JPMML); skipSegment: left out. */
      if (mn->missing == PM_MPT_RETURN_MISSING)
        return 0;
      if (mn->missing == PM_MPT_CONTINUE)
        lost = 1;
      missw = rnd(fl, missw + rnd(fl, s->weight));
      continue;
    }
    x = o.value ? segment_number(c, s, o.value) : o.num;
    if (c->failed)
      return -1;
    v[3 * n] = rnd(fl, x);
    v[3 * n + 1] = rnd(fl, s->weight);
    v[3 * n + 2] = (double)n;
    n++;
  }
  /* "If the fraction of the weights of segments with missing predictions
  ** exceeds missingThreshold, the result is missing." */
  if (lost || n == 0 || (missw > 0 && missw / total > mn->threshold))
    return 0;
  switch (mn->method) {
  case PM_MM_AVERAGE:
  case PM_MM_SUM:
    for (i = 0; i < n; i++)
      r = rnd(fl, r + v[3 * i]);
    if (mn->method == PM_MM_AVERAGE)
      r = rnd(fl, r / (double)n);
    break;
  case PM_MM_WEIGHTED_AVERAGE:
  case PM_MM_WEIGHTED_SUM:
    for (i = 0; i < n; i++) {
      double w = v[3 * i + 1];
      r = rnd(fl, r + (w != 1.0 ? rnd(fl, w * v[3 * i]) : v[3 * i]));
      ws = rnd(fl, ws + w);
    }
    if (mn->method == PM_MM_WEIGHTED_AVERAGE) {
      if (ws == 0)
        return 0;
      r = rnd(fl, r / ws);
    }
    break;
  case PM_MM_MEDIAN:
    for (i = 0; i < n; i++)
      v[i] = v[3 * i];
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    r = median_sorted(v, n, fl);
    break;
  case PM_MM_WEIGHTED_MEDIAN: {
    /* The first value, in increasing order, at which the running weight
    ** reaches half the total (JPMML: "whole median", no interpolation). */
    double half, run = 0;
    for (i = 0; i < n; i++)
      ws = rnd(fl, ws + v[3 * i + 1]);
    half = 0.5 * ws;
    qsort(v, (size_t)n, 3 * sizeof *v, cmp_triple);
    r = v[3 * (n - 1)];
    for (i = 0; i < n; i++) {
      run += v[3 * i + 1];
      if (run >= half) {
        r = v[3 * i];
        break;
      }
    }
    break;
  }
  default:
    return pmmlE_fail(c, PMML_E_EVAL, "MiningModel: bad method");
  }
  if (!seeded)
    res->raw = r; /* the value before Targets */
  r = fl ? target_float(m, r, seeded) : pmmlE_target_value(m, r);
  if (m->target_dt == PMML_DT_FLOAT)
    r = (double)(float)r;
  res->value = pmmlV_num(r, m->target_dt);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Classification                                                           */

/* The MiningModel's class of value v that segment s predicted, or -1. */
static int32_t
vote_class(pmml_ctx *c, const pm_model *m, const pm_segment *s,
           const pm_val *v)
{
  const pm_model *sm = seg_model(c, s);
  int32_t k;
  if (s->cmap)
    for (k = 0; k < sm->n_classes; k++) {
      pm_val cv = pmmlE_class_value(c->m, sm, k);
      if (pmmlV_equal(v, &cv) == 1)
        return s->cmap[k];
    }
  for (k = 0; k < m->n_classes; k++) {
    pm_val cv = pmmlE_class_value(c->m, m, k);
    if (pmmlV_equal(v, &cv) == 1)
      return k;
  }
  return -1;
}

static void
no_confidence(const pm_model *m, pm_result *res)
{
  int32_t k;
  for (k = 0; k < m->n_classes; k++)
    res->conf[k] = NAN;
}

/* majorityVote, weightedMajorityVote. Each segment votes for the class it
** predicts (with its weight); a class's probability is its share of the
** votes. Ties go to the class voted for first (JPMML keeps classes in the
** order of their first vote and takes the first maximum). */
static int
combine_votes(pmml_ctx *c, const pm_model *m, const pm_mining *mn,
              pm_result *res)
{
  int fl = m->math_float;
  int32_t nc = m->n_classes, i, k, seq = 0, best = -1;
  double *votes = c->scratch + mn->scratch + 3 * (size_t)mn->n_segs;
  double *first = votes + nc;
  double total = 0, missw = 0, missv = 0, sum = 0, top = 0;
  int weighted = mn->method == PM_MM_WEIGHTED_MAJORITY_VOTE;
  for (k = 0; k < nc; k++) {
    votes[k] = 0;
    first[k] = -1;
  }
  if (mn->forest && forest_run(c, mn, c->scratch + mn->leaves))
    return -1;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_segment *s = &mn->segs[i];
    outcome o;
    double w = weighted ? rnd(fl, s->weight) : 1.0;
    int a = segment_outcome(c, mn, i, &o);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    total = rnd(fl, total + rnd(fl, s->weight));
    if (o.missing) {
      /* continue: "missing" is a vote of its own, and wins if it has
      ** the most; skipSegment: no vote. */
      if (mn->missing == PM_MPT_RETURN_MISSING)
        return 0;
      missw = rnd(fl, missw + rnd(fl, s->weight));
      if (mn->missing == PM_MPT_CONTINUE)
        missv = rnd(fl, missv + w);
      continue;
    }
    k = o.value ? vote_class(c, m, s, o.value) : o.klass;
    if (k < 0) {
      char buf[64] = "?";
      if (o.value)
        pmmlV_format(o.value, buf, sizeof buf);
      return pmmlE_fail(c, PMML_E_EVAL,
                        "MiningModel: Segment '%s' predicted '%s', not a "
                        "category of the target",
                        pmmlS_str(&c->m->strs, s->id), buf);
    }
    votes[k] = rnd(fl, votes[k] + w);
    if (first[k] < 0)
      first[k] = (double)seq++;
  }
  if (missw > 0 && missw / total > mn->threshold)
    return 0;
  /* The sum in the order of first votes, as JPMML normalizes. */
  for (i = 0; i < seq; i++)
    for (k = 0; k < nc; k++)
      if (first[k] == (double)i) {
        sum = rnd(fl, sum + votes[k]);
        if (best < 0 || votes[k] > top) {
          best = k;
          top = votes[k];
        }
      }
  if (best < 0 || missv > top || sum <= 0)
    return 0;
  for (k = 0; k < nc; k++)
    res->prob[k] = first[k] >= 0 ? rnd(fl, votes[k] / sum) : 0.0;
  no_confidence(m, res);
  res->value = pmmlE_class_value(c->m, m, best);
  return 0;
}

/* Votes on predicted values when the MiningModel has no categories
** (clustering: the winning cluster; first voted wins a tie). */
static int
combine_value_votes(pmml_ctx *c, const pm_model *m, const pm_mining *mn,
                    pm_result *res)
{
  int fl = m->math_float;
  double *keys = c->scratch + mn->scratch, *votes = keys + mn->n_segs;
  double total = 0, missw = 0, missv = 0, top = 0;
  int32_t i, j, nk = 0, best = -1;
  int weighted = mn->method == PM_MM_WEIGHTED_MAJORITY_VOTE;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_segment *s = &mn->segs[i];
    const pm_result *sr;
    double w = weighted ? rnd(fl, s->weight) : 1.0;
    int a = active(c, s);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    if (!(sr = score_segment(c, s)))
      return -1;
    total = rnd(fl, total + rnd(fl, s->weight));
    if (sr->value.t == PM_T_MISSING) {
      if (mn->missing == PM_MPT_RETURN_MISSING)
        return 0;
      missw = rnd(fl, missw + rnd(fl, s->weight));
      if (mn->missing == PM_MPT_CONTINUE)
        missv = rnd(fl, missv + w);
      continue;
    }
    for (j = 0; j < nk; j++) {
      const pm_segment *ks = &mn->segs[(int32_t)keys[j]];
      if (pmmlV_equal(&c->res[seg_model(c, ks)->index].value, &sr->value) ==
          1)
        break;
    }
    if (j == nk) {
      keys[nk] = (double)i;
      votes[nk++] = 0;
    }
    votes[j] = rnd(fl, votes[j] + w);
  }
  if (missw > 0 && missw / total > mn->threshold)
    return 0;
  for (j = 0; j < nk; j++)
    if (best < 0 || votes[j] > top) {
      best = j;
      top = votes[j];
    }
  if (best < 0 || missv > top)
    return 0;
  res->value =
      c->res[seg_model(c, &mn->segs[(int32_t)keys[best]])->index].value;
  res->segment = (int32_t)keys[best];
  return 0;
}

/*
** average, weightedAverage: the (weighted) mean of the segments'
** probabilities of each class. median, max: the class whose median (or
** maximum) probability over the segments is the largest wins; the
** probabilities are then the average of the segments closest to that
** median (or that have that maximum), as JPMML defines them. The predicted
** class is the most probable (the first in the target's order on a tie).
*/
static int
combine_probabilities(pmml_ctx *c, const pm_model *m, const pm_mining *mn,
                      pm_result *res)
{
  int fl = m->math_float;
  int32_t nc = m->n_classes, i, j, k, n = 0, best = -1;
  double *tmp = c->scratch + mn->scratch; /* n_segs values of one class */
  double *P = tmp + 3 * (size_t)mn->n_segs + 2 * (size_t)nc + 2;
  double *acc = res->prob;
  double total = 0, missw = 0, ws = 0, bestv = 0;
  int matrix = mn->method == PM_MM_MEDIAN || mn->method == PM_MM_MAX;
  int lost = 0;
  if (mn->forest && forest_run(c, mn, c->scratch + mn->leaves))
    return -1;
  for (i = 0; i < mn->n_segs; i++) {
    const pm_segment *s = &mn->segs[i];
    const pm_model *sm = seg_model(c, s);
    outcome o;
    double w = rnd(fl, s->weight);
    int a = segment_outcome(c, mn, i, &o);
    if (a <= 0) {
      if (a < 0)
        return -1;
      continue;
    }
    total = rnd(fl, total + w);
    if (o.missing || !o.prob) {
      if (mn->missing == PM_MPT_RETURN_MISSING)
        goto none;
      if (mn->missing == PM_MPT_CONTINUE)
        lost = 1;
      missw = rnd(fl, missw + w);
      continue;
    }
    if (matrix) {
      double *row = P + (size_t)n * nc;
      for (k = 0; k < nc; k++)
        row[k] = NAN;
      for (j = 0; j < sm->n_classes; j++)
        row[s->cmap[j]] = rnd(fl, o.prob[j]);
    } else {
      int wt = mn->method == PM_MM_WEIGHTED_AVERAGE && w != 1.0;
      for (j = 0; j < sm->n_classes; j++) {
        double p = rnd(fl, o.prob[j]);
        acc[s->cmap[j]] =
            rnd(fl, acc[s->cmap[j]] + (wt ? rnd(fl, w * p) : p));
      }
    }
    ws = rnd(fl, ws + w);
    n++;
  }
  if (lost || n == 0 || (missw > 0 && missw / total > mn->threshold))
    goto none;
  if (!matrix) {
    double d = mn->method == PM_MM_AVERAGE ? (double)n : ws;
    if (d == 0)
      goto none;
    for (k = 0; k < nc; k++)
      acc[k] = rnd(fl, acc[k] / d);
  } else {
    int32_t nsel = 0;
    double mind = INFINITY;
    /* The winning class: the largest median (maximum) probability. */
    for (k = 0; k < nc; k++) {
      int32_t nv = 0;
      double st;
      for (i = 0; i < n; i++)
        if (!isnan(P[(size_t)i * nc + k]))
          tmp[nv++] = P[(size_t)i * nc + k];
      if (!nv)
        continue;
      qsort(tmp, (size_t)nv, sizeof *tmp, cmp_double);
      st = mn->method == PM_MM_MAX ? tmp[nv - 1] : median_sorted(tmp, nv, fl);
      if (best < 0 || st > bestv) {
        best = k;
        bestv = st;
      }
    }
    if (best < 0)
      goto none;
    /* The segments that contribute: those at the maximum, or closest to
    ** the median; the result is the average of their probabilities. */
    for (i = 0; i < n; i++) {
      double p = P[(size_t)i * nc + best], dist;
      if (isnan(p))
        continue;
      dist = fabs(bestv - p);
      if (mn->method == PM_MM_MAX ? p != bestv : dist > mind)
        continue;
      if (mn->method == PM_MM_MEDIAN && dist < mind) {
        mind = dist;
        nsel = 0;
      }
      tmp[nsel++] = (double)i;
    }
    for (k = 0; k < nc; k++) {
      acc[k] = 0;
      for (j = 0; j < nsel; j++) {
        double p = P[(size_t)tmp[j] * nc + k];
        if (!isnan(p))
          acc[k] = nsel == 1 ? p : rnd(fl, acc[k] + p);
      }
      if (nsel > 1)
        acc[k] = rnd(fl, acc[k] / (double)nsel);
    }
  }
  no_confidence(m, res);
  best = pmmlE_argmax(acc, nc);
  if (best >= 0)
    res->value = pmmlE_class_value(c->m, m, best);
  return 0;
none:
  for (k = 0; k < nc; k++)
    acc[k] = 0;
  return 0;
}

/* ------------------------------------------------------------------------ */

int
pmmlE_mining(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_mining *mn = m->body;
  int32_t i;
  for (i = 0; i < mn->n_embedded; i++)
    if (pmmlE_model(c, c->m->models[mn->embedded[i]]))
      return -1;
  switch (mn->method) {
  case PM_MM_SELECT_FIRST:
    return select_first(c, mn, res);
  case PM_MM_MODEL_CHAIN:
  case PM_MM_MULTI_MODEL_CHAIN:
  case PM_MM_SELECT_ALL:
    return chain(c, mn, res);
  case PM_MM_MAJORITY_VOTE:
  case PM_MM_WEIGHTED_MAJORITY_VOTE:
    if (m->n_classes > 0)
      return combine_votes(c, m, mn, res);
    return combine_value_votes(c, m, mn, res);
  default:
    if (m->function == PM_FN_CLASSIFICATION)
      return combine_probabilities(c, m, mn, res);
    return combine_values(c, m, mn, res);
  }
}

/* Is 'of' one of m's own output fields? Its index, or -1. */
static int32_t
own_field(const pm_model *m, const pm_ofield *of)
{
  uintptr_t p = (uintptr_t)of, b = (uintptr_t)m->of;
  if (p < b || p >= b + (uintptr_t)m->n_of * sizeof *of)
    return -1;
  return (int32_t)((p - b) / sizeof *of);
}

/*
** The output features that come from segments: a field passed on from the
** segment whose result the MiningModel took (that segment's field of the
** same name), and an OutputField@segmentId (the feature computed from that
** segment's result; missing when its predicate did not hold).
*/
int
pmmlE_mining_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                     const pm_result *res, pm_val *out)
{
  const pm_mining *mn = m->body;
  int32_t i = own_field(m, of);
  if (i < 0)
    return 1;
  if (i < mn->n_delegates) {
    const pm_model *sm;
    int32_t k;
    if (res->segment < 0)
      return 0;
    k = mn->delegate_of[i * mn->n_segs + res->segment];
    if (k < 0)
      return 0;
    sm = seg_model(c, &mn->segs[res->segment]);
    *out = *pmmlE_slot(c, sm->of[k].slot);
    return c->failed ? -1 : 0;
  }
  if (of->segment >= 0) {
    const pm_model *sm = c->m->models[of->seg_model];
    if (c->res_gen[sm->index] != c->gen)
      return 0;
    return pmmlE_output(c, sm, &mn->seg_of[i], out);
  }
  return 1;
}
