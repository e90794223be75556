/*
** gen_tree.c: TreeModel as generated C. The nodes become a table, breadth
** first as in the IR (pm_tree), with their predicates in pm_preds, their
** classes, scores and ScoreDistributions decided at generation time; the
** walk is pm_tree_eval of the run-time support (genrt.inc: tree), which
** does what runtime/eval_tree.c does, every missingValueStrategy and
** noTrueChildStrategy included.
*/
#include <math.h>
#include <stdlib.h>

#include "gen.h"

static const char *const missing_names[] = {
  "lastPrediction", "nullPrediction", "defaultChild", "weightedConfidence",
  "aggregateNodes", "none"};

/* Does predicate p compare a valid number of an input with a constant?
** Then *in, *op and *x say how (pm_tree_fast). */
static int
fast_test(gen *g, int32_t p, int32_t *in, int *op, double *x)
{
  const pm_pred *pr = &g->doc->preds[p];
  if (pr->kind != PM_P_SIMPLE || pr->op > PM_OP_GE || pr->v.t != PM_T_NUM)
    return 0;
  *in = gen_fast(g, pr->slot);
  *op = pr->op;
  *x = pr->v.num;
  return *in >= 0;
}

static const char *const po_names[] = {"PM_PO_EQ", "PM_PO_NE", "PM_PO_LT",
                                       "PM_PO_LE", "PM_PO_GT", "PM_PO_GE",
                                       "PM_PO_MISSING"};

/* m<I>_fast: the fast walk's view of the nodes; 0 when no node is a fast
** split. */
static int
emit_fast(gen *g, const pm_model *m, const pm_tree *t, gbuf *d)
{
  int32_t i, n_split = 0;
  gbuf rows = {0};
  if (t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES ||
      g->doc->preds[t->nodes[0].pred].kind != PM_P_TRUE)
    return 0;
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    int32_t in0 = -1, in1 = -1;
    int op0 = 0, op1 = PM_OP_MISSING;
    double x0 = 0, x1 = 0;
    if (nd->n_kids == 0) {
      gb_puts(&rows, "  {PM_TF_LEAF, 0, 0, -1, -1, -1, 0.0, 0.0},\n");
      continue;
    }
    if (nd->n_kids == 2 &&
        fast_test(g, t->nodes[nd->first].pred, &in0, &op0, &x0) &&
        (g->doc->preds[t->nodes[nd->first + 1].pred].kind == PM_P_TRUE ||
         fast_test(g, t->nodes[nd->first + 1].pred, &in1, &op1, &x1))) {
      gb_printf(&rows, "  {PM_TF_SPLIT, %s, %s, %d, %d, %d, ", po_names[op0],
                po_names[op1], (int)in0, (int)in1, (int)nd->first);
      gb_real(&rows, x0);
      gb_puts(&rows, ", ");
      gb_real(&rows, x1);
      gb_printf(&rows, "}, /* %d */\n", (int)i);
      n_split++;
      continue;
    }
    gb_printf(&rows, "  {PM_TF_SLOW, 0, 0, -1, -1, -1, 0.0, 0.0}, /* %d */\n",
              (int)i);
  }
  if (n_split)
    gb_printf(d, "/* The fast walk: { kind, tests, inputs, first child, "
                 "constants } */\nstatic const pm_tfast m%d_fast[%d] = {\n"
                 "%s};\n",
              (int)m->index, (int)t->n_nodes, rows.p);
  gb_free(&rows);
  return n_split > 0;
}

/* <TreeModel>: m<I>_nodes, m<I>_prob/_conf, m<I>_tree and m<I>_eval. */
static int
tree_model(gen *g, const pm_model *m)
{
  const pm_tree *t = m->body;
  gbuf *d = gen_out(g, GS_DATA), *b = gen_out(g, GS_CODE);
  int32_t i, k, nc = m->n_classes, mi = m->index;
  int32_t *preds = malloc(((size_t)t->n_nodes + 1) * sizeof *preds);
  if (!preds)
    return gen_fail(g, m->line, "out of memory");
  gen_need(g, "tree");
  for (i = 0; i < t->n_nodes; i++)
    if ((preds[i] = gen_pred(g, t->nodes[i].pred)) < 0) {
      free(preds);
      return -1;
    }
  gb_printf(d, "\n/* TreeModel of model %d (line %u): missingValueStrategy="
               "\"%s\", noTrueChildStrategy=\"%s\".\n** Nodes breadth "
               "first: { predicate, first child, children, defaultChild,\n"
               "** id, class, score, line, numeric score, recordCount } */\n"
               "static const pm_tnode m%d_nodes[%d] = {\n",
            (int)mi, (unsigned)m->line, missing_names[t->missing % 6],
            t->no_true == PM_TNT_LAST ? "returnLastPrediction"
                                      : "returnNullPrediction",
            (int)mi, t->n_nodes ? (int)t->n_nodes : 1);
  for (i = 0; i < t->n_nodes; i++) {
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
    gb_printf(d, " */\n  {%d, %d, %d, %d, %d, %d, %d, %u, ", (int)preds[i],
              (int)nd->first, (int)nd->n_kids, (int)nd->deflt,
              (int)gen_str(g, nd->id), (int)t->klass[i],
              nd->score.t != PM_T_MISSING ? (int)gen_plit(g, &nd->score) : -1,
              (unsigned)nd->line);
    gb_real(d, t->num[i]);
    gb_puts(d, ", ");
    gb_real(d, nd->count);
    gb_puts(d, "},\n");
  }
  if (!t->n_nodes)
    gb_puts(d, "  {0, 0, 0, -1, -1, -1, -1, 0, 0, 0}\n");
  gb_puts(d, "};\n");
  free(preds);
  if (t->prob) {
    int which;
    for (which = 0; which < 2; which++) {
      const double *v = which ? t->conf : t->prob;
      gb_printf(d, "/* %s of each node's classes */\n"
                   "static const pm_real m%d_%s[%d] = {\n",
                which ? "Confidences" : "Probabilities", (int)mi,
                which ? "conf" : "prob", (int)(t->n_nodes * nc));
      for (i = 0; i < t->n_nodes; i++) {
        gb_puts(d, " ");
        for (k = 0; k < nc; k++) {
          gb_puts(d, " ");
          gb_real(d, v[(size_t)i * nc + k]);
          gb_puts(d, ",");
        }
        gb_puts(d, "\n");
      }
      gb_puts(d, "};\n");
    }
  }
  if (emit_fast(g, m, t, d))
    gb_printf(d, "static const pm_tree m%d_tree = {m%d_fast, m%d_nodes, ",
              (int)mi, (int)mi, (int)mi);
  else
    gb_printf(d, "static const pm_tree m%d_tree = {0, m%d_nodes, ", (int)mi,
              (int)mi);
  if (t->prob)
    gb_printf(d, "m%d_prob, m%d_conf, ", (int)mi, (int)mi);
  else
    gb_puts(d, "0, 0, ");
  gb_printf(d, "%d, %d, ", (int)t->missing, (int)t->no_true);
  gb_real(d, t->penalty);
  gb_puts(d, "};\n");
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* TreeModel (line %u) */\nstatic int\nm%d_eval(pm_ctx *c, "
               "pm_res *res)\n{\n  return pm_tree_eval(c, &pm_models[%d], "
               "&m%d_tree, res);\n}\n",
            (unsigned)m->line, (int)mi, (int)mi, (int)mi);
  return 0;
}

const gen_family gen_tree_family = {"TreeModel", tree_model, NULL};
