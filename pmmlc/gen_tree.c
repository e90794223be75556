/*
** gen_tree.c: TreeModel as generated C. The nodes become a table, breadth
** first as in the IR (pm_tree), with their classes, scores and
** ScoreDistributions decided at generation time. The walks are
** pm_tree_eval of the run-time support
** (genrt.inc: tree), which does what runtime/eval_tree.c does, every
** missingValueStrategy and noTrueChildStrategy included.
**
** Small trees get tables of structs with a comment per node, so a person
** can follow them. Big ones (more nodes in the document than
** gen_options.pack_nodes) get the same tables packed into bytes: an
** initializer element costs a C compiler some hundred bytes of memory, a
** byte of a string literal about one, so a forest of half a million nodes
** compiles in seconds instead of minutes and gigabytes.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static const char *const missing_names[] = {
  "lastPrediction", "nullPrediction", "defaultChild", "weightedConfidence",
  "aggregateNodes", "none"};

/* ---- Bytes -------------------------------------------------------------- */

typedef struct bytes {
  unsigned char *p;
  size_t len, cap;
  int failed;
} bytes;

static void
put_bytes(bytes *b, const void *s, size_t n)
{
  if (b->failed)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    unsigned char *q;
    while (cap < b->len + n)
      cap *= 2;
    q = realloc(b->p, cap);
    if (!q) {
      b->failed = 1;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

static void
put_u8(bytes *b, unsigned v)
{
  unsigned char c = (unsigned char)v;
  put_bytes(b, &c, 1);
}

static void
put_i32(bytes *b, int32_t v)
{
  unsigned char c[4];
  uint32_t u = (uint32_t)v;
  c[0] = (unsigned char)u;
  c[1] = (unsigned char)(u >> 8);
  c[2] = (unsigned char)(u >> 16);
  c[3] = (unsigned char)(u >> 24);
  put_bytes(b, c, 4);
}

static void
put_f64(bytes *b, double x)
{
  unsigned char c[8];
  uint64_t u;
  int i;
  memcpy(&u, &x, sizeof u);
  for (i = 0; i < 8; i++)
    c[i] = (unsigned char)(u >> (8 * i));
  put_bytes(b, c, 8);
}

/* A packed table of model mi, m<MI>_<name>. */
static void
emit_bytes(gen *g, const char *what, int32_t mi, const char *name,
           const bytes *by)
{
  char full[64], desc[128];
  snprintf(full, sizeof full, "m%d_%s", (int)mi, name);
  snprintf(desc, sizeof desc, "%s of model %d", what, (int)mi);
  gen_bytes(g, desc, full, by->p, by->len);
}

/* ---- The nodes ---------------------------------------------------------- */

/* Node i's row of m<I>_nodes (a struct with a comment). */
static void
emit_node(gen *g, gbuf *d, const pm_tree *t, int32_t i, int32_t pred)
{
  const pm_tnode *nd = &t->nodes[i];
  gb_printf(d, "  /* %d: Node", (int)i);
  if (nd->id >= 0) {
    gb_puts(d, " id=");
    gen_name(g, d, nd->id);
  }
  gb_puts(d, ", ");
  gen_pred_text(g, d, nd->pred, 0);
  if (nd->score.t != PM_T_MISSING) {
    gb_puts(d, " -> ");
    gen_lit_comment(g, d, &nd->score);
  }
  gb_printf(d, " */\n  {%d, %d, %d, %d, %d, %d, %d, %u, ", (int)pred,
            (int)nd->first, (int)nd->n_kids, (int)nd->deflt,
            g->need_ids ? (int)gen_str(g, nd->id) : -1, (int)t->klass[i],
            nd->score.t != PM_T_MISSING ? (int)gen_plit(g, &nd->score) : -1,
            (unsigned)nd->line);
  gb_real(d, pm_tree_num(t, i));
  gb_puts(d, ", ");
  gb_real(d, nd->count);
  gb_puts(d, "},\n");
}

/* The row layout of a packed tree (pm_tpack): the fields it needs. */
typedef struct layout {
  int row, deflt, id, klass, score, line, x, num, count;
} layout;

static void
plan_layout(gen *g, const pm_model *m, const pm_tree *t, layout *l)
{
  int32_t i;
  int x = 0, num = 0, score = 0;
  for (i = 0; i < t->n_nodes; i++) {
    const pm_pred *p = &g->doc->preds[t->nodes[i].pred];
    x |= p->kind == PM_P_SIMPLE && p->v.t == PM_T_NUM;
    num |= !isnan(pm_tree_num(t, i));
    score |= isnan(pm_tree_num(t, i)) && t->nodes[i].score.t != PM_T_MISSING;
  }
  memset(l, 0, sizeof *l);
  l->row = 20;
  if (t->missing == PM_TMV_DEFAULT_CHILD) {
    l->deflt = l->row, l->row += 4;
    l->line = l->row, l->row += 4;
  }
  if (g->need_ids)
    l->id = l->row, l->row += 4;
  if (m->function == PM_FN_CLASSIFICATION)
    l->klass = l->row, l->row += 4;
  if (score)
    l->score = l->row, l->row += 4;
  if (x)
    l->x = l->row, l->row += 8;
  if (num && m->function != PM_FN_CLASSIFICATION)
    l->num = l->row, l->row += 8;
  if (t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES)
    l->count = l->row, l->row += 8;
}

/* Node i packed (pm_tb_node): a True or numeric SimplePredicate inline,
** others by their pm_preds row. -1 on failure. */
static int
pack_node(gen *g, bytes *nb, const pm_tree *t, int32_t i, const layout *l)
{
  const pm_tnode *nd = &t->nodes[i];
  const pm_pred *p = &g->doc->preds[nd->pred];
  int32_t pred, slot = -1;
  int op = 0, dt = 0;
  double x = 0;
  if (p->kind == PM_P_TRUE) {
    pred = -1;
  } else if (p->kind == PM_P_SIMPLE &&
             (p->v.t == PM_T_NUM || p->op == PM_OP_MISSING ||
              p->op == PM_OP_NOT_MISSING)) {
    pred = -2;
    op = p->op;
    dt = p->v.t == PM_T_NUM ? p->v.dt : 0;
    slot = gen_slot(g, p->slot);
    x = p->v.t == PM_T_NUM ? p->v.num : 0.0;
  } else if ((pred = gen_pred(g, nd->pred)) < 0) {
    return -1;
  }
  put_i32(nb, pred);
  put_u8(nb, (unsigned)op);
  put_u8(nb, (unsigned)dt);
  put_u8(nb, 0);
  put_u8(nb, 0);
  put_i32(nb, slot);
  put_i32(nb, nd->first);
  put_i32(nb, nd->n_kids);
  if (l->deflt)
    put_i32(nb, nd->deflt);
  if (l->line)
    put_i32(nb, (int32_t)nd->line);
  if (l->id)
    put_i32(nb, gen_str(g, nd->id));
  if (l->klass)
    put_i32(nb, t->klass[i]);
  if (l->score)
    put_i32(nb, nd->score.t != PM_T_MISSING ? gen_plit(g, &nd->score) : -1);
  if (l->x)
    put_f64(nb, x);
  if (l->num)
    put_f64(nb, pm_tree_num(t, i));
  if (l->count)
    put_f64(nb, nd->count);
  return 0;
}

/* m<I>_tests: each node's own test for the fast walk (pm_ttest). */
static void
emit_tests(gen *g, gbuf *d, const pm_tree *t, int32_t mi)
{
  int32_t i;
  gb_printf(d, "/* The fast walk's test of each node: { kind, operator, "
               "rounded to float,\n** input, constant } */\n"
               "static const pm_ttest m%d_tests[%d] = {\n",
            (int)mi, t->n_nodes ? (int)t->n_nodes : 1);
  for (i = 0; i < t->n_nodes; i++) {
    const pm_pred *p = &g->doc->preds[t->nodes[i].pred];
    int fl = 0;
    int32_t in = -1;
    static const char *const ops[] = {"PM_PO_EQ", "PM_PO_NE", "PM_PO_LT",
                                      "PM_PO_LE", "PM_PO_GT", "PM_PO_GE"};
    if (p->kind == PM_P_SIMPLE && p->op <= PM_OP_GE && p->v.t == PM_T_NUM)
      in = gen_walk(g, p->slot, &fl);
    if (p->kind == PM_P_TRUE) {
      gb_printf(d, "  {PM_TT_TRUE, 0, 0, -1, 0.0}, /* %d */\n", (int)i);
    } else if (in >= 0) {
      gb_printf(d, "  {PM_TT_TEST, %s, %d, %d, ", ops[p->op], fl, (int)in);
      gb_real(d, p->v.num);
      gb_printf(d, "}, /* %d */\n", (int)i);
    } else {
      gb_printf(d, "  {PM_TT_PRED, 0, 0, -1, 0.0}, /* %d */\n", (int)i);
    }
  }
  if (!t->n_nodes)
    gb_puts(d, "  {PM_TT_TRUE, 0, 0, -1, 0.0}\n");
  gb_puts(d, "};\n");
}

/* Are the confidences the probabilities? (Then one table serves both.) */
static int
same_conf(const pm_tree *t, int32_t nc)
{
  return t->conf == t->prob ||
         memcmp(t->prob, t->conf, (size_t)t->n_rows * (size_t)nc *
                                      sizeof(double)) == 0;
}

/* <TreeModel>: m<I>_nodes, m<I>_fast, m<I>_prob/_conf, m<I>_tree and
** m<I>_eval. */
static int
tree_model(gen *g, const pm_model *m)
{
  const pm_tree *t = m->body;
  gbuf *d = gen_out(g, GS_DATA), *b = gen_out(g, GS_CODE);
  int32_t i, k, nc = m->n_classes, mi = m->index;
  int32_t np = t->prob ? t->n_nodes * nc : 0;
  int packed = g->tree_nodes > g->o->pack_nodes, same;
  bytes nb = {0}, pb = {0}, cb = {0};
  layout l;
  if (gen_in_forest(g, m)) {
    /* Its MiningModel walks it in its flat forest (gen_mining.c). */
    gb_printf(gen_out(g, GS_PROTO),
              "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
    gb_printf(b, "\n/* TreeModel (line %u): walked in the flat forest of "
                 "MiningModel %d, never\n** scored by itself. */\n"
                 "static int\nm%d_eval(pm_ctx *c, pm_res *res)\n{\n"
                 "  (void)c;\n  (void)res;\n  return 0;\n}\n",
              (unsigned)m->line, (int)m->parent, (int)mi);
    return 0;
  }
  gen_need(g, "tree");
  {
    gbuf cm = {0};
    gb_printf(&cm, "TreeModel of model %d (line %u), %d nodes: "
                   "missingValueStrategy=\"%s\" noTrueChildStrategy=\"%s\"."
                   " Nodes breadth first: { predicate, first child, "
                   "children, defaultChild, id, class, score, line, "
                   "numeric score, recordCount }",
              (int)mi, (unsigned)m->line, (int)t->n_nodes,
              missing_names[t->missing % 6],
              t->no_true == PM_TNT_LAST ? "returnLastPrediction"
                                        : "returnNullPrediction");
    gb_puts(d, "\n");
    gb_comment(d, cm.p, 0);
    gb_free(&cm);
  }
  if (packed) {
    plan_layout(g, m, t, &l);
    for (i = 0; i < t->n_nodes; i++)
      if (pack_node(g, &nb, t, i, &l))
        goto fail;
    emit_bytes(g, "Nodes", mi, "bnodes", &nb);
  } else {
    int32_t *preds = malloc(((size_t)t->n_nodes + 1) * sizeof *preds);
    if (!preds)
      return gen_fail(g, m->line, "out of memory");
    for (i = 0; i < t->n_nodes; i++)
      if ((preds[i] = gen_pred(g, t->nodes[i].pred)) < 0) {
        free(preds);
        return -1;
      }
    gb_printf(d, "static const pm_tnode m%d_nodes[%d] = {\n", (int)mi,
              t->n_nodes ? (int)t->n_nodes : 1);
    for (i = 0; i < t->n_nodes; i++)
      emit_node(g, d, t, i, preds[i]);
    if (!t->n_nodes)
      gb_puts(d, "  {0, 0, 0, -1, -1, -1, -1, 0, 0, 0}\n");
    gb_puts(d, "};\n");
    free(preds);
  }
  same = np && same_conf(t, nc);
  if (np && packed) {
    for (i = 0; i < np; i++) {
      put_f64(&pb, pm_tree_prob(t, i / nc, nc)[i % nc]);
      put_f64(&cb, pm_tree_conf(t, i / nc, nc)[i % nc]);
    }
    emit_bytes(g, "Probabilities of each node's classes", mi, "bprob", &pb);
    if (!same)
      emit_bytes(g, "Confidences of each node's classes", mi, "bconf", &cb);
  } else if (np) {
    int which;
    for (which = 0; which < (same ? 1 : 2); which++) {
      gb_printf(d, "/* %s of each node's classes */\n"
                   "static const pm_real m%d_%s[%d] = {\n",
                which ? "Confidences"
                : same ? "Probabilities (and confidences)"
                       : "Probabilities",
                (int)mi, which ? "conf" : "prob", (int)np);
      for (i = 0; i < t->n_nodes; i++) {
        gb_puts(d, " ");
        for (k = 0; k < nc; k++) {
          gb_puts(d, " ");
          gb_real(d, (which ? pm_tree_conf(t, i, nc)
                             : pm_tree_prob(t, i, nc))[k]);
          gb_puts(d, ",");
        }
        gb_puts(d, "\n");
      }
      gb_puts(d, "};\n");
    }
  }
  if (nb.failed || pb.failed || cb.failed) {
    gen_fail(g, m->line, "out of memory");
    goto fail;
  }
  /* { fast, nodes, bnodes, pack, prob, conf, bprob, bconf, ... }: the fast
  ** walk is the general walk without unknowns, which weightedConfidence
  ** and aggregateNodes do not take. */
  if (!packed)
    emit_tests(g, d, t, mi);
  gb_printf(d, "static const pm_tree m%d_tree = {\n  %d, ", (int)mi,
            t->missing != PM_TMV_WEIGHTED_CONFIDENCE &&
                t->missing != PM_TMV_AGGREGATE_NODES);
  if (packed)
    gb_puts(d, "0, ");
  else
    gb_printf(d, "m%d_tests, ", (int)mi);
  if (packed)
    gb_printf(d, "0, m%d_bnodes[0],\n  {%d, %d, %d, %d, %d, %d, %d, %d, %d},\n"
                 "  ",
              (int)mi, l.row, l.deflt, l.id, l.klass, l.score, l.line, l.x,
              l.num, l.count);
  else
    gb_printf(d, "m%d_nodes, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0},\n  ", (int)mi);
  if (np && !packed)
    gb_printf(d, "m%d_prob, m%d_%s, 0, 0, ", (int)mi, (int)mi,
              same ? "prob" : "conf");
  else if (np)
    gb_printf(d, "0, 0, m%d_bprob[0], m%d_%s[0], ", (int)mi, (int)mi,
              same ? "bprob" : "bconf");
  else
    gb_puts(d, "0, 0, 0, 0, ");
  gb_printf(d, "%d, %d, ", (int)t->missing, (int)t->no_true);
  gb_real(d, t->penalty);
  gb_puts(d, "\n};\n");
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* TreeModel (line %u) */\nstatic int\nm%d_eval(pm_ctx *c, "
               "pm_res *res)\n{\n  return pm_tree_eval(c, &pm_models[%d], "
               "&m%d_tree, res);\n}\n",
            (unsigned)m->line, (int)mi, (int)mi, (int)mi);
  free(nb.p);
  free(pb.p);
  free(cb.p);
  return 0;
fail:
  free(nb.p);
  free(pb.p);
  free(cb.p);
  return -1;
}

static const char *const c_ops[] = {"==", "!=", "<", "<=", ">", ">="};

/* The fast walk as code, for a small tree whose every test is a number
** test (or True): a label per node, a comparison per child; the leaf in
** 'node'. 0 when the tree does not fit (then the table walk). */
static int
tree_code(gen *g, const pm_model *m, const pm_tree *t, gbuf *b)
{
  int32_t i, k;
  int compares = 0;
  if (t->n_nodes > 2000 || g->doc->preds[t->nodes[0].pred].kind != PM_P_TRUE)
    return 0;
  for (i = 1; i < t->n_nodes; i++) {
    const pm_pred *p = &g->doc->preds[t->nodes[i].pred];
    int fl;
    if (p->kind == PM_P_TRUE)
      continue;
    if (p->kind != PM_P_SIMPLE || p->op > PM_OP_GE || p->v.t != PM_T_NUM ||
        gen_walk(g, p->slot, &fl) < 0)
      return 0;
    compares = 1;
  }
  gb_printf(b, "\n/* _predict's fast path: the tree on numbers, node by node "
               "(the walk of\n** pm_tree_fast); 0 when a node has no true "
               "child (the general walk decides). */\nstatic int\n"
               "m%d_fast(const double *in, double *val, pm_real *prob, "
               "pm_real *conf)\n{\n  const pm_tree *t = &m%d_tree;\n"
               "  int32_t node%s;\n",
            (int)m->index, (int)m->index,
            m->function == PM_FN_CLASSIFICATION ? ", k" : "");
  if (!compares) /* every test True */
    gb_puts(b, "  (void)in;\n");
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    if (i > 0)
      gb_printf(b, "n%d:\n", (int)i);
    if (nd->n_kids == 0) {
      gb_printf(b, "  node = %d;\n  goto leaf;\n", (int)i);
      continue;
    }
    for (k = 0; k < nd->n_kids; k++) {
      int32_t kid = nd->first + k;
      const pm_pred *p = &g->doc->preds[t->nodes[kid].pred];
      int fl = 0;
      int32_t in;
      if (p->kind == PM_P_TRUE) {
        gb_printf(b, "  goto n%d;\n", (int)kid);
        break;
      }
      in = gen_walk(g, p->slot, &fl);
      gb_printf(b, "  if (%s(pm_real)in[%d] %s %s", fl ? "(pm_real)(float)" : "",
                (int)in, c_ops[p->op], g->o->use_float ? "(pm_real)" : "");
      gb_real(b, p->v.num);
      gb_printf(b, ") /* ");
      gen_pred_text(g, b, t->nodes[kid].pred, 0);
      gb_printf(b, " */\n    goto n%d;\n", (int)kid);
    }
    if (k == nd->n_kids)
      gb_puts(b, "  return 0;\n");
  }
  gb_puts(b, "leaf:\n");
  return 1;
}

/* The inputs whose NaN sends the fast walk back (g->fast_nan): those that
** only nodes whose children all compare that one input (no notEqual, no
** True child) test, so that NaN makes every child false and the walk
** return 0. An input that such a node does not test is tested before. */
static void
tree_fast_nan(gen *g, const pm_tree *t)
{
  int32_t i, k, n = g->doc->n_inputs;
  uint8_t *bad = calloc((size_t)n + 1, 1);
  if (!bad)
    return; /* nothing marked: every input tested before */
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    int32_t first = -1;
    int ok = 1;
    for (k = 0; k < nd->n_kids; k++) {
      const pm_pred *p = &g->doc->preds[t->nodes[nd->first + k].pred];
      int fl;
      int32_t in = p->kind == PM_P_SIMPLE ? gen_walk(g, p->slot, &fl) : -1;
      if (in < 0 || p->op == PM_OP_NE || p->op > PM_OP_GE ||
          p->v.t != PM_T_NUM || (first >= 0 && in != first))
        ok = 0;
      if (first < 0)
        first = in;
    }
    if (ok)
      continue;
    for (k = 0; k < nd->n_kids; k++) { /* whatever these children read */
      const pm_pred *p = &g->doc->preds[t->nodes[nd->first + k].pred];
      int fl;
      int32_t in = p->kind == PM_P_SIMPLE ? gen_walk(g, p->slot, &fl) : -1;
      if (in >= 0)
        bad[in] = 1;
    }
  }
  for (i = 0; i < t->n_nodes; i++) {
    const pm_pred *p = &g->doc->preds[t->nodes[i].pred];
    int fl;
    int32_t in = i > 0 && p->kind == PM_P_SIMPLE ? gen_walk(g, p->slot, &fl)
                                                 : -1;
    if (in >= 0 && !bad[in])
      g->fast_nan[in] = 1;
  }
  free(bad);
}

/* The fast path of _predict: the fast walk's tests on in[] (plain doubles,
** so an input's value is in[i]), any other test sends the record back. */
static int
tree_fast(gen *g, const pm_model *m, gbuf *b)
{
  const pm_tree *t = m->body;
  int32_t mi = m->index;
  if (g->tree_nodes > g->o->pack_nodes ||
      t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES)
    return 0;
  tree_fast_nan(g, t);
  if (tree_code(g, m, t, b))
    goto leaf;
  gb_printf(b, "\n/* _predict's fast path: the walk of pm_tree_fast on "
               "numbers. */\nstatic int\nm%d_fast(const double *in, double "
               "*val, pm_real *prob, pm_real *conf)\n{\n"
               "  const pm_tree *t = &m%d_tree;\n  int32_t node = 0, k;\n"
               "  if (t->tests[0].kind != PM_TT_TRUE)\n    return 0;\n"
               "  for (;;) {\n    const pm_tnode *nd = &t->nodes[node];\n"
               "    if (nd->n_kids == 0)\n      break;\n"
               "    for (k = 0; k < nd->n_kids; k++) {\n"
               "      const pm_ttest *tt = &t->tests[nd->first + k];\n"
               "      if (tt->kind == PM_TT_TRUE)\n        break;\n"
               "      if (tt->kind != PM_TT_TEST)\n        return 0;\n"
               "      if (pm_tf_test((pm_real)in[tt->in], tt->fl, tt->op, "
               "tt->x))\n        break;\n    }\n"
               "    if (k == nd->n_kids)\n      return 0;\n"
               "    node = nd->first + k;\n  }\n",
            (int)mi, (int)mi);
leaf:
  if (m->function == PM_FN_CLASSIFICATION) {
    gb_puts(b, "  if (t->nodes[node].klass < 0)\n    return 0;\n"
               "  *val = t->nodes[node].klass;\n");
    if (t->prob)
      gb_printf(b, "  for (k = 0; k < %d; k++) {\n"
                   "    prob[k] = t->prob[(size_t)node * %d + k];\n"
                   "    conf[k] = t->conf[(size_t)node * %d + k];\n  }\n",
                (int)m->n_classes, (int)m->n_classes, (int)m->n_classes);
    else
      gb_printf(b, "  for (k = 0; k < %d; k++)\n    prob[k] = conf[k] = 0;\n",
                (int)m->n_classes);
  } else {
    gb_printf(b, "  (void)prob;\n  (void)conf;\n"
                 "  if (isnan(t->nodes[node].num))\n    return 0;\n"
                 "  *val = (pm_real)pm_target_value(&pm_models[%d], "
                 "t->nodes[node].num);\n",
              (int)mi);
  }
  gb_puts(b, "  return 1;\n}\n");
  return 1;
}

const gen_family gen_tree_family = {"TreeModel", tree_model, NULL,
                                    tree_fast};
