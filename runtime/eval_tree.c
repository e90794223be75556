/*
** eval_tree.c: scoring a TreeModel (PMML 4.4 TreeModel). Walks from the
** root to the node that scores the record, as missingValueStrategy and
** noTrueChildStrategy say. weightedConfidence and aggregateNodes follow
** every branch a missing value leaves open and combine what they reach.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* The node that scores the record, or -1 for no prediction; *missing
** counts the defaultChild steps taken (missingValuePenalty). */
static int32_t
walk(pmml_ctx *c, const pm_tree *t, int32_t *missing)
{
  const pm_tnode *nodes = t->nodes;
  int32_t node = 0, k;
  /* The root's predicate is <True/> in nearly every tree. */
  int st = c->m->preds[nodes[0].pred].kind == PM_P_TRUE
               ? PM_TRUE
               : pmmlE_pred(c, nodes[0].pred);
  if (st != PM_TRUE)
    return st == PM_UNKNOWN && t->missing == PM_TMV_DEFAULT_CHILD ? 0 : -1;
  for (;;) {
    const pm_tstep *sp = &t->step[node];
    const pm_tnode *nd;
    int32_t next = -1;
    if (sp->kind == PM_TS_LEAF)
      return node;
    if (sp->kind == PM_TS_PAIR) {
      /* x < v / x >= v: a number (never NaN) goes one way or the other. */
      const pm_val *v = pmmlE_direct(c, sp->slot, sp->direct);
      if (PM_LIKELY(v->t == PM_T_NUM && v->u.num == v->u.num)) {
        double x = v->u.num;
        int below = sp->strict ? x < sp->v : x <= sp->v;
        node = sp->first + (below ^ sp->low_first);
        continue;
      }
    }
    nd = &nodes[node];
    for (k = 0; k < nd->n_kids; k++) {
      st = pmmlE_pred(c, nodes[nd->first + k].pred);
      if (c->failed)
        return -1;
      if (st == PM_TRUE) {
        next = nd->first + k;
        break;
      }
      if (st == PM_UNKNOWN) {
        switch (t->missing) {
        case PM_TMV_NULL_PREDICTION:
          return -1;
        case PM_TMV_LAST_PREDICTION:
          return node;
        case PM_TMV_DEFAULT_CHILD:
          if (nd->deflt < 0) {
            pmmlE_fail(c, PMML_E_EVAL,
                       "TreeModel: a value is missing at the Node of line "
                       "%u, which has no defaultChild",
                       (unsigned)nd->line);
            return -1;
          }
          next = nd->deflt;
          (*missing)++;
          break;
        default: /* none: the comparison is false */
          continue;
        }
        break;
      }
    }
    if (next < 0)
      return t->no_true == PM_TNT_LAST ? node : -1;
    node = next;
  }
}

/* weightedConfidence / aggregateNodes: accumulate over every branch a
** missing value leaves open. acc[k] gathers per class (classification) or
** acc[0] the weighted score and acc[1] the weight (regression). */
static void
spread(pmml_ctx *c, const pm_model *m, const pm_tree *t, int32_t node,
       double weight, double *acc, int depth)
{
  const pm_tnode *nd = &t->nodes[node];
  int32_t k, nc = m->n_classes;
  int open = 0;
  if (c->failed || depth > 10000)
    return;
  if (nd->n_kids > 0) {
    for (k = 0; k < nd->n_kids; k++) {
      int st = pmmlE_pred(c, t->nodes[nd->first + k].pred);
      if (st == PM_TRUE) {
        spread(c, m, t, nd->first + k, weight, acc, depth + 1);
        return;
      }
      open |= st == PM_UNKNOWN;
    }
    if (open) {
      for (k = 0; k < nd->n_kids; k++) {
        const pm_tnode *kid = &t->nodes[nd->first + k];
        int st = pmmlE_pred(c, kid->pred);
        double w = weight;
        if (st != PM_UNKNOWN)
          continue;
        if (t->missing == PM_TMV_WEIGHTED_CONFIDENCE)
          w = nd->count > 0 && !isnan(kid->count) ? weight * kid->count /
                                                         nd->count
                                                   : 0;
        spread(c, m, t, nd->first + k, w, acc, depth + 1);
      }
      return;
    }
    if (t->no_true != PM_TNT_LAST)
      return;
  }
  /* This node scores (a leaf, or the last prediction). */
  if (m->function == PM_FN_CLASSIFICATION && t->prob) {
    for (k = 0; k < nc; k++) {
      if (t->missing == PM_TMV_AGGREGATE_NODES) {
        /* record counts, summed as they are */
        acc[k] += pm_tree_prob(t, node, nc)[k] *
                  (isnan(nd->count) ? 1.0 : nd->count);
      } else {
        acc[k] += weight * pm_tree_conf(t, node, nc)[k];
      }
    }
  } else if (!isnan(pm_tree_num(t, node))) {
    double w = t->missing == PM_TMV_AGGREGATE_NODES
                   ? (isnan(nd->count) ? 1.0 : nd->count)
                   : weight;
    acc[0] += w * pm_tree_num(t, node);
    acc[1] += w;
  }
}

static int
eval_spread(pmml_ctx *c, const pm_model *m, const pm_tree *t, pm_result *res)
{
  int32_t nc = m->n_classes, k;
  double acc2[2] = {0, 0}, sum = 0;
  double *acc = m->function == PM_FN_CLASSIFICATION && res->prob ? res->prob
                                                                 : acc2;
  if (pmmlE_pred(c, t->nodes[0].pred) != PM_TRUE)
    return c->failed ? -1 : 0;
  spread(c, m, t, 0, 1.0, acc, 0);
  if (c->failed)
    return -1;
  if (acc == acc2) {
    if (acc2[1] > 0)
      res->value = pmmlV_num(pmmlE_target_value(m, acc2[0] / acc2[1]),
                             m->target_dt);
    return 0;
  }
  for (k = 0; k < nc; k++)
    sum += acc[k];
  if (sum <= 0)
    return 0;
  if (t->missing == PM_TMV_AGGREGATE_NODES)
    for (k = 0; k < nc; k++)
      acc[k] /= sum;
  for (k = 0; k < nc; k++)
    res->conf[k] = acc[k];
  k = pmmlE_argmax(acc, nc);
  if (k >= 0)
    res->value = pmmlE_class_value(c->m, m, k);
  return 0;
}

int
pmmlE_tree(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_tree *t = m->body;
  int32_t node, missing = 0, k, nc = m->n_classes;
  if (t->missing == PM_TMV_WEIGHTED_CONFIDENCE ||
      t->missing == PM_TMV_AGGREGATE_NODES)
    return eval_spread(c, m, t, res);
  node = walk(c, t, &missing);
  if (node < 0)
    return c->failed ? -1 : 0;
  res->entity = node;
  res->entity_id = t->nodes[node].id;
  if (m->function == PM_FN_CLASSIFICATION) {
    if (t->prob) {
      memcpy(res->prob, pm_tree_prob(t, node, nc),
             (size_t)nc * sizeof(double));
      if (!missing) {
        /* No penalty: the confidences as they are (x * 1.0 is x). */
        memcpy(res->conf, pm_tree_conf(t, node, nc),
               (size_t)nc * sizeof(double));
      } else {
        double pen = pow(t->penalty, (double)missing);
        for (k = 0; k < nc; k++)
          res->conf[k] = pm_tree_conf(t, node, nc)[k] * pen;
      }
    }
    if (t->klass[node] >= 0)
      res->value = pmmlE_class_value(c->m, m, t->klass[node]);
    return 0;
  }
  if (!isnan(pm_tree_num(t, node))) {
    res->raw = pm_tree_num(t, node);
    res->value = pmmlV_num(pmmlE_target_value(m, res->raw), m->target_dt);
  } else if (t->nodes[node].score.t != PM_T_MISSING) {
    res->value = pmmlV_lit(c->m, &t->nodes[node].score);
  }
  return 0;
}
