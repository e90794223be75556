/*
** load_tree.c: <TreeModel>. Nodes arrive in document order (depth first);
** when the model ends they are laid out breadth first, so the children of
** every node sit next to each other and a node needs only the index of its
** first child and their count. defaultChild ids become node indices here.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* A node as read, before the layout. */
typedef struct raw_node {
  int32_t parent;      /* raw index, -1 for the root */
  int32_t pred;
  int32_t id;
  int32_t deflt_id;    /* defaultChild (strtab), -1 */
  double count;
  pm_lit score;
  uint32_t line;
} raw_node;

/* A ScoreDistribution as read, with its node. */
typedef struct raw_dist {
  int32_t node;
  pm_scoredist d;
} raw_dist;

/* The tree being read: the model's body until the model ends. */
typedef struct tree_loader {
  pm_tree *tree;
  pm_vec nodes;        /* raw_node */
  pm_vec dists;        /* raw_dist */
  pm_vec laid;         /* pm_scoredist laid out by node, outside the arena
                          until resolve has used them (see tree_end) */
  pm_vec laid_at;      /* int32_t: pm_tree.dist_at, the same way */
  pm_vec tnodes;       /* pm_tnode: pm_tree.nodes outside the arena until
                          resolve knows whether a flat forest takes the
                          tree's place (pmmlR_tree_nodes) */
} tree_loader;

static const char *const missing_names[] = {
  "lastPrediction", "nullPrediction", "defaultChild", "weightedConfidence",
  "aggregateNodes", "none", NULL};
static const char *const no_true_names[] = {"returnNullPrediction",
                                            "returnLastPrediction", NULL};
static const char *const split_names[] = {"binarySplit", "multiSplit", NULL};

static tree_loader *
tl(pm_loader *ld)
{
  return ld->model->body;
}

static void
tree_start(pm_loader *ld, pm_model *m, const char **atts)
{
  tree_loader *t = pmmlL_alloc(ld, sizeof *t);
  if (!t)
    return;
  t->tree = pmmlL_alloc(ld, sizeof *t->tree);
  if (!t->tree)
    return;
  pmmlL_track(ld, &t->nodes, sizeof(raw_node));
  pmmlL_track(ld, &t->dists, sizeof(raw_dist));
  pmmlL_track(ld, &t->laid, sizeof(pm_scoredist));
  pmmlL_track(ld, &t->laid_at, sizeof(int32_t));
  pmmlL_track(ld, &t->tnodes, sizeof(pm_tnode));
  m->body = t;
  t->tree->missing = (uint8_t)pmmlL_enum(ld, atts, "missingValueStrategy",
                                         missing_names, PM_TMV_NONE);
  t->tree->no_true = (uint8_t)pmmlL_enum(ld, atts, "noTrueChildStrategy",
                                         no_true_names, PM_TNT_NULL);
  t->tree->multi_split =
      (uint8_t)pmmlL_enum(ld, atts, "splitCharacteristic", split_names, 1);
  t->tree->penalty = pmmlL_num(ld, atts, "missingValuePenalty", 1.0);
}

/* <Node id= score= recordCount= defaultChild=> */
static void
node_start(pm_loader *ld, const char **atts)
{
  tree_loader *t = tl(ld);
  pm_frame *f = pmmlL_frame(ld, 0), *pf = pmmlL_frame(ld, 1);
  raw_node *n;
  if (!t)
    return;
  if (pf->el->name && strcmp(pf->el->name, "Node") != 0 && t->nodes.len) {
    pmmlL_fail(ld, PMML_E_INVALID, "TreeModel: more than one root Node");
    return;
  }
  n = pmmlL_push(ld, &t->nodes, sizeof *n);
  if (!n)
    return;
  if (t->nodes.len > 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many nodes");
    return;
  }
  n->parent = strcmp(pf->el->name, "Node") == 0 ? pf->aux : -1;
  n->pred = -1;
  n->id = pmmlL_sym(ld, atts, "id");
  n->deflt_id = pmmlL_sym(ld, atts, "defaultChild");
  n->count = pmmlL_num(ld, atts, "recordCount", NAN);
  n->score = pmmlL_lit(ld, atts, "score");
  n->line = f->line;
  f->aux = (int32_t)(t->nodes.len - 1);
  f->obj = t;
}

static void
node_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  tree_loader *t = f->obj;
  int32_t n;
  if (!t)
    return;
  /* The predicate's index is read off the index stack in place: a copy in
  ** the arena (pmmlL_pop_indices) would cost 16 bytes a node. */
  n = (int32_t)(ld->istack.len - (size_t)f->mark);
  if (n == 1)
    ((raw_node *)t->nodes.data)[f->aux].pred =
        ((int32_t *)ld->istack.data)[f->mark];
  ld->istack.len = (size_t)f->mark;
  if (n != 1)
    pmmlL_fail(ld, PMML_E_INVALID, "Node: expected one predicate, found %d",
               (int)n);
}

/* <ScoreDistribution value= recordCount= confidence= probability=/> */
static void
dist_start(pm_loader *ld, const char **atts)
{
  tree_loader *t = tl(ld);
  pm_frame *pf = pmmlL_frame(ld, 1);
  raw_dist *d;
  if (!t || !pmmlL_need(ld, atts, "value"))
    return;
  d = pmmlL_push(ld, &t->dists, sizeof *d);
  if (!d)
    return;
  d->node = pf->aux;
  d->d.value = pmmlL_lit(ld, atts, "value");
  d->d.count = pmmlL_num(ld, atts, "recordCount", NAN);
  d->d.confidence = pmmlL_num(ld, atts, "confidence", NAN);
  d->d.probability = pmmlL_num(ld, atts, "probability", NAN);
  if (d->d.probability < 0 || d->d.probability > 1)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ScoreDistribution: probability outside [0, 1]");
}

static void
embedded_model(pm_loader *ld, const char **atts)
{
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED,
             "a model embedded in a Node (<%s>) is not supported",
             pmmlL_frame(ld, 0)->el->name);
}

static const pm_elem node_children[] = {
  {"ScoreDistribution", dist_start, NULL, NULL, 0},
  {"Node", node_start, node_end, node_children, 0},
  {"Partition", NULL, NULL, NULL, PM_EL_SKIP},
  {"Regression", embedded_model, NULL, NULL, PM_EL_UNSUPP},
  {"DecisionTree", embedded_model, NULL, NULL, PM_EL_UNSUPP},
  {NULL, NULL, NULL, pmmlL_pred_elems, 0},
};

const pm_elem pmmlL_tree_elems[] = {
  {"Node", node_start, node_end, node_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

/* Lay the raw nodes out breadth first and attach the distributions. */
static void
tree_end(pm_loader *ld, pm_model *m)
{
  tree_loader *t = m->body;
  pm_tree *tree = t->tree;
  raw_node *raw = t->nodes.data;
  raw_dist *rd = t->dists.data;
  int32_t n = (int32_t)t->nodes.len, i, head, tail;
  int32_t *kids_first, *kids_n, *kid_list, *pos, *order, *dcount;
  int32_t *tmp = NULL;
  size_t bytes = 0;
  if (n == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "TreeModel: no Node");
    return;
  }
  tree->n_nodes = n;
  /* The nodes too stay outside the arena until resolve is done with them
  ** (pmmlR_tree_nodes), but with PMML_LOAD_RESOLVE_ALL. */
  if (ld->opt->flags & PMML_LOAD_RESOLVE_ALL) {
    tree->nodes = pmmlL_alloc(ld, (size_t)n * sizeof *tree->nodes);
  } else if (pmmlM_vec_reserve(ld->a, &t->tnodes, sizeof(pm_tnode),
                               (size_t)n) == 0) {
    tree->nodes = memset(t->tnodes.data, 0, (size_t)n * sizeof(pm_tnode));
    tree->nodes_temp = t;
  }
  /* Scratch for the layout, outside the arena. */
  bytes = ((size_t)n * 6 + 1) * sizeof(int32_t);
  tmp = ld->a->alloc(ld->a->ud, NULL, 0, bytes);
  if (!tmp || !tree->nodes) {
    pmmlL_nomem(ld);
    goto done;
  }
  memset(tmp, 0, bytes);
  kids_first = tmp;
  kids_n = tmp + n;
  kid_list = tmp + 2 * (size_t)n;
  pos = tmp + 3 * (size_t)n;
  order = tmp + 4 * (size_t)n;
  dcount = tmp + 5 * (size_t)n;
  /* Children lists in document order (counting sort by parent). */
  for (i = 1; i < n; i++)
    kids_n[raw[i].parent]++;
  for (i = 0, head = 0; i < n; i++) {
    kids_first[i] = head;
    head += kids_n[i];
    kids_n[i] = 0;
  }
  for (i = 1; i < n; i++) {
    int32_t p = raw[i].parent;
    kid_list[kids_first[p] + kids_n[p]++] = i;
  }
  /* Breadth-first order: order[k] is the raw node placed at k. */
  order[0] = 0;
  for (head = 0, tail = 1; head < tail; head++) {
    int32_t r = order[head], k;
    for (k = 0; k < kids_n[r]; k++)
      order[tail++] = kid_list[kids_first[r] + k];
  }
  for (i = 0; i < n; i++)
    pos[order[i]] = i;
  /* Distributions grouped by node, in document order. */
  for (i = 0; i < (int32_t)t->dists.len; i++)
    dcount[pos[rd[i].node] + 1]++;
  for (i = 0; i < n; i++)
    dcount[i + 1] += dcount[i];
  tree->n_dists = (int32_t)t->dists.len;
  if (tree->n_dists) {
    int32_t *fill = kids_n; /* reuse as the fill count per node */
    /* Resolve turns the distributions into each node's class, class
    ** probabilities and confidences; then only `pmmlc check` (lint) reads
    ** them, loading with PMML_LOAD_RESOLVE_ALL. Otherwise they stay
    ** outside the arena and go with the loader (48 bytes each). */
    if (ld->opt->flags & PMML_LOAD_RESOLVE_ALL) {
      tree->dists =
          pmmlL_alloc(ld, (size_t)tree->n_dists * sizeof(pm_scoredist));
      tree->dist_at = pmmlL_alloc(ld, ((size_t)n + 1) * sizeof(int32_t));
    } else if (pmmlM_vec_reserve(ld->a, &t->laid, sizeof(pm_scoredist),
                                 (size_t)tree->n_dists) == 0 &&
               pmmlM_vec_reserve(ld->a, &t->laid_at, sizeof(int32_t),
                                 (size_t)n + 1) == 0) {
      tree->dists = t->laid.data;
      tree->dist_at = t->laid_at.data;
      tree->dists_temp = t;
    } else {
      pmmlL_nomem(ld);
    }
    if (!tree->dists || !tree->dist_at)
      goto done;
    memcpy(tree->dist_at, dcount, ((size_t)n + 1) * sizeof(int32_t));
    memset(fill, 0, (size_t)n * sizeof(int32_t));
    for (i = 0; i < tree->n_dists; i++) {
      int32_t p = pos[rd[i].node];
      tree->dists[dcount[p] + fill[p]++] = rd[i].d;
    }
    for (i = 0; i < n; i++)
      kids_n[i] = 0;
    for (i = 1; i < n; i++)
      kids_n[raw[i].parent]++;
  }
  for (i = 0; i < n; i++) {
    raw_node *r = &raw[order[i]];
    pm_tnode *nd = &tree->nodes[i];
    int32_t k;
    nd->pred = r->pred;
    nd->id = r->id;
    nd->count = r->count;
    nd->score = r->score;
    nd->line = r->line;
    nd->n_kids = kids_n[order[i]];
    nd->first = nd->n_kids ? pos[kid_list[kids_first[order[i]]]] : -1;
    nd->deflt = -1;
    if (r->deflt_id >= 0) {
      for (k = 0; k < nd->n_kids; k++)
        if (raw[kid_list[kids_first[order[i]] + k]].id == r->deflt_id)
          nd->deflt = nd->first + k;
      if (nd->deflt < 0 && nd->n_kids > 0) {
        pmmlL_fail(ld, PMML_E_REFERENCE,
                   "Node (line %u): defaultChild=\"%s\" is not one of its "
                   "children",
                   (unsigned)r->line,
                   pmmlS_str(&ld->doc->strs, r->deflt_id));
        goto done;
      }
    }
  }
  m->body = tree;
done:
  if (tmp)
    ld->a->alloc(ld->a->ud, tmp, bytes, 0);
  pmmlM_vec_free(ld->a, &t->nodes, sizeof(raw_node));
  pmmlM_vec_free(ld->a, &t->dists, sizeof(raw_dist));
}

const pm_family pmmlL_tree_family = {
  "TreeModel", tree_start, tree_end, pmmlL_tree_elems, pmmlR_tree,
  pmmlE_tree, NULL, NULL, PM_FEAT_BIT(PM_FEAT_ENTITY_ID),
};

/* ------------------------------------------------------------------------ */
/* Resolving: predicates, classes, and each node's result decided once.     */

/* Do node i's two children compare one field with one number, the second
** the negation of the first (x < v, x >= v; or <=, >)? */
static int
complementary_kids(const pmml_model *doc, const pm_tree *t, int32_t i)
{
  const pm_tnode *nd = &t->nodes[i];
  const pm_pred *a, *b;
  if (nd->n_kids != 2)
    return 0;
  a = &doc->preds[t->nodes[nd->first].pred];
  b = &doc->preds[t->nodes[nd->first + 1].pred];
  if (a->kind != PM_P_SIMPLE || b->kind != PM_P_SIMPLE ||
      a->slot != b->slot || a->v.t != PM_T_NUM || b->v.t != PM_T_NUM ||
      a->v.num != b->v.num)
    return 0;
  return (a->op == PM_OP_LT && b->op == PM_OP_GE) ||
         (a->op == PM_OP_GE && b->op == PM_OP_LT) ||
         (a->op == PM_OP_LE && b->op == PM_OP_GT) ||
         (a->op == PM_OP_GT && b->op == PM_OP_LE);
}

/* The nodes of tree t stay for good (keep: moved into the arena), or go
** (a flat forest holds what scoring needs of them: nodes becomes NULL).
** 0, or -1 with the resolver failed. */
int
pmmlR_tree_nodes(pm_resolver *r, pm_tree *t, int keep)
{
  tree_loader *tl = t->nodes_temp;
  pm_tnode *nodes = NULL;
  if (!tl)
    return 0;
  if (keep) {
    nodes = pmmlM_dup(pmmlR_arena(r), t->nodes,
                      (size_t)t->n_nodes * sizeof *nodes);
    if (!nodes) {
      pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
      return -1;
    }
  }
  pmmlM_vec_free(pmmlR_arena(r), &tl->tnodes, sizeof(pm_tnode));
  t->nodes_temp = NULL;
  t->nodes = nodes;
  return 0;
}

/* The distributions kept outside the arena are freed once used (else with
** the loader): nothing may point at them after the load. */
static void
forget_dists(pm_resolver *r, pm_tree *t)
{
  tree_loader *tl = t->dists_temp;
  pmmlM_vec_free(pmmlR_arena(r), &tl->laid, sizeof(pm_scoredist));
  pmmlM_vec_free(pmmlR_arena(r), &tl->laid_at, sizeof(int32_t));
  t->dists_temp = NULL;
  t->dists = NULL;
  t->dist_at = NULL;
  t->n_dists = 0;
}

/* Node i's class probabilities and confidences (PMML 4.4 TreeModel,
** ScoreDistribution: probability= where every distribution of the node
** gives one, else recordCount over their sum; confidence= where given,
** else the probability) into p[0..nc) and p[nc..2nc). */
static void
node_row(const pm_model *m, const pm_tree *t, int32_t i, double *p)
{
  int32_t k, nc = m->n_classes, nd;
  const pm_scoredist *ds = pm_tree_dists(t, i, &nd);
  double total = 0;
  int has_prob = 1;
  memset(p, 0, 2 * (size_t)nc * sizeof *p);
  for (k = 0; k < nd; k++) {
    const pm_scoredist *d = &ds[k];
    if (isnan(d->probability))
      has_prob = 0;
    if (!isnan(d->count))
      total += d->count;
  }
  for (k = 0; k < nd; k++) {
    const pm_scoredist *d = &ds[k];
    int32_t cl = pmmlR_class(m, &d->value);
    double pr = has_prob ? d->probability
                : total > 0 && !isnan(d->count) ? d->count / total
                                                : 0.0;
    p[cl] = pr;
    p[nc + cl] = isnan(d->confidence) ? pr : d->confidence;
  }
}

static uint32_t
row_hash(const double *p, size_t n)
{
  const unsigned char *b = (const unsigned char *)p;
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n * sizeof *p; i++) {
    h ^= b[i];
    h *= 16777619u;
  }
  return h;
}

/*
** The rows of probabilities and confidences of a classification tree:
** t->row[i] for each node, the distinct rows (bit for bit) in t->prob and
** t->conf, row 0 all zeros for the nodes without ScoreDistribution; conf
** is prob itself when every confidence is its probability. Leaves repeat
** rows a lot (the same counts), and a node needs 4 bytes instead of 16 per
** class. 0, or -1 with the resolver failed.
*/
static int
class_rows(pm_resolver *r, const pm_model *m, pm_tree *t)
{
  pm_arena *a = pmmlR_arena(r);
  size_t nc = (size_t)m->n_classes, w = 2 * nc, cap = 16, i, k;
  pm_vec rows = {0};   /* double: w per row */
  int32_t *slots = NULL, n_rows = 1;
  double *tmp = NULL, *base;
  int same = 1, rc = -1;
  while (cap < 2 * (size_t)t->n_nodes + 2)
    cap *= 2;
  t->row = pmmlM_alloc(a, (size_t)t->n_nodes * sizeof *t->row);
  slots = a->alloc(a->ud, NULL, 0, cap * sizeof *slots);
  tmp = a->alloc(a->ud, NULL, 0, w * sizeof *tmp);
  if (!t->row || !slots || !tmp ||
      pmmlM_vec_reserve(a, &rows, sizeof(double), w * 16))
    goto done;
  memset(slots, 0xff, cap * sizeof *slots);
  memset(rows.data, 0, w * sizeof(double));
  rows.len = w;
  for (i = 0; i < (size_t)t->n_nodes; i++) {
    int32_t nd;
    uint32_t h;
    if (!pm_tree_dists(t, (int32_t)i, &nd))
      continue; /* row 0 */
    node_row(m, t, (int32_t)i, tmp);
    if (memcmp(tmp, tmp + nc, nc * sizeof *tmp) != 0)
      same = 0;
    h = row_hash(tmp, w);
    for (k = h & (cap - 1);; k = (k + 1) & (cap - 1)) {
      int32_t id = slots[k];
      if (id < 0)
        break;
      if (memcmp((double *)rows.data + (size_t)id * w, tmp,
                 w * sizeof *tmp) == 0)
        break;
    }
    if (slots[k] < 0) {
      if (pmmlM_vec_reserve(a, &rows, sizeof(double), rows.len + w))
        goto done;
      memcpy((double *)rows.data + rows.len, tmp, w * sizeof *tmp);
      rows.len += w;
      slots[k] = n_rows++;
    }
    t->row[i] = slots[k];
  }
  t->n_rows = n_rows;
  t->prob = pmmlM_alloc(a, (size_t)n_rows * nc * sizeof(double));
  t->conf = same ? t->prob
                 : pmmlM_alloc(a, (size_t)n_rows * nc * sizeof(double));
  if (!t->prob || !t->conf)
    goto done;
  for (base = rows.data, i = 0; i < (size_t)n_rows; i++, base += w) {
    memcpy(t->prob + i * nc, base, nc * sizeof(double));
    if (!same)
      memcpy(t->conf + i * nc, base + nc, nc * sizeof(double));
  }
  rc = 0;
done:
  if (rc)
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
  if (slots)
    a->alloc(a->ud, slots, cap * sizeof *slots, 0);
  if (tmp)
    a->alloc(a->ud, tmp, w * sizeof *tmp, 0);
  pmmlM_vec_free(a, &rows, sizeof(double));
  return rc;
}

/* How walk() leaves each node (pm_tree.step). 0, or -1 with the resolver
** failed. */
static int
tree_steps(pm_resolver *r, pm_tree *t)
{
  int32_t i;
  t->step = pmmlM_alloc(pmmlR_arena(r), (size_t)t->n_nodes * sizeof *t->step);
  if (!t->step) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    pm_tstep *st = &t->step[i];
    st->kind = nd->n_kids == 0 ? PM_TS_LEAF : PM_TS_OTHER;
    if (complementary_kids(pmmlR_doc(r), t, i)) {
      const pm_pred *a = &pmmlR_doc(r)->preds[t->nodes[nd->first].pred];
      st->kind = PM_TS_PAIR;
      st->v = a->v.num;
      st->first = nd->first;
      st->slot = a->slot;
      st->direct = a->direct;
      /* x < v pairs with x >= v, x <= v with x > v: "below" is the strict
      ** comparison for the first two. */
      st->strict = a->op == PM_OP_LT || a->op == PM_OP_GE;
      st->low_first = a->op == PM_OP_LT || a->op == PM_OP_LE;
    }
  }
  return 0;
}

int
pmmlR_tree_alone(pm_resolver *r, pm_tree *t)
{
  t->in_forest = 0;
  if (!t->step && tree_steps(r, t))
    return -1;
  return pmmlR_tree_nodes(r, t, 1);
}

int
pmmlR_tree(pm_resolver *r, pm_model *m)
{
  pm_tree *t = m->body;
  int32_t i, k, nc;
  int classification = m->function == PM_FN_CLASSIFICATION;
  for (i = 0; i < t->n_nodes; i++) {
    pm_tnode *nd = &t->nodes[i];
    if (pmmlR_pred(r, m, nd->pred) ||
        pmmlR_lit(r, &nd->score, m->target_dt, nd->line))
      return -1;
    int32_t n_dist;
    pm_scoredist *ds = (pm_scoredist *)pm_tree_dists(t, i, &n_dist);
    for (k = 0; k < n_dist; k++) {
      pm_scoredist *d = &ds[k];
      if (pmmlR_lit(r, &d->value, m->target_dt, nd->line))
        return -1;
      if (classification && pmmlR_add_class(r, m, &d->value) < 0)
        return -1;
    }
    if (classification && nd->score.t != PM_T_MISSING &&
        pmmlR_add_class(r, m, &nd->score) < 0)
      return -1;
  }
  t->klass = pmmlM_alloc(pmmlR_arena(r), (size_t)t->n_nodes * sizeof(int32_t));
  if (!t->klass) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  /* A tree of a flat forest is never walked by itself (eval_mining.c). */
  if (!t->in_forest && tree_steps(r, t))
    return -1;
  nc = m->n_classes;
  if (classification && nc > 0 && class_rows(r, m, t))
    return -1;
  for (i = 0; i < t->n_nodes; i++) {
    pm_tnode *nd = &t->nodes[i];
    t->klass[i] = -1;
    if (!classification)
      continue;
    if (nd->score.t != PM_T_MISSING)
      t->klass[i] = pmmlR_class(m, &nd->score);
    else if (nc > 0 && pm_tree_dists(t, i, &k))
      t->klass[i] = pmmlE_argmax(pm_tree_prob(t, i, nc), nc);
  }
  if (t->dists_temp)
    forget_dists(r, t);
  /* A tree of a flat forest: build_forest decides. */
  if (!t->in_forest && pmmlR_tree_nodes(r, t, 1))
    return -1;
  return 0;
}
