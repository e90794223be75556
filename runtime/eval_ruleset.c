/*
** eval_ruleset.c: scoring a RuleSetModel (PMML 4.4 RuleSet). A rule fires
** when its predicate is true (UNKNOWN does not fire) and, for the rules
** inside a CompoundRule, the compound's predicate is true as well. The
** first RuleSelectionMethod decides between the rules that fire:
**
**   firstHit     the first rule in document order; the confidence of a
**                class is that of the first firing rule predicting it.
**   weightedSum  per class, the sum of the weights of its firing rules;
**                the largest sum wins (ties: the class listed first, i.e.
**                in the target's DataField Values); the confidence of a
**                class is its sum over the number of firing rules.
**   weightedMax  the firing rule of largest weight (ties: the first); the
**                confidence of a class is that of its largest-weight rule.
**
** When no rule fires: RuleSet@defaultScore with defaultConfidence. The
** probability of a class comes from the ScoreDistribution of the selected
** rule (firstHit, weightedMax); weightedSum selects no single rule, so it
** gives none. The output features a rule set adds: entityId/ruleId (the
** selected rule's id, else its 1-based position among the SimpleRules)
** and ruleValue with ruleFeature ruleId or confidence.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* Does rule 'at' outweigh the rule of index b (b < 0: none yet)? Ties go
** to the earlier rule. */
static int
outweighs(const pm_rule *rules, int32_t at, double b)
{
  return b < 0 || rules[at].weight > rules[(int32_t)b].weight;
}

int
pmmlE_ruleset(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_ruleset *rs = m->body;
  const pm_rule *rules = rs->rules;
  int classification = m->function == PM_FN_CLASSIFICATION;
  int32_t nc = classification ? m->n_classes : 0;
  int32_t i = 0, k, sel = -1, fired = 0;
  double *sum = c->scratch + rs->scratch, *best = sum + nc;
  for (k = 0; k < nc; k++) {
    sum[k] = 0;
    best[k] = -1; /* per class: its rule that counts (an index) */
  }
  while (i < rs->n_rules) {
    const pm_rule *ru = &rules[i];
    int32_t at = i;
    int st = pmmlE_pred(c, ru->pred);
    if (st < 0 || c->failed)
      return -1;
    if (st != PM_TRUE) {
      i = ru->end; /* and every rule inside it */
      continue;
    }
    i++;
    if (ru->compound)
      continue;
    fired++;
    k = ru->klass;
    switch (rs->criterion) {
    case PM_RS_FIRST_HIT:
      if (sel < 0)
        sel = at;
      if (k >= 0 && best[k] < 0)
        best[k] = at;
      if (!rs->walk_all)
        i = rs->n_rules;
      break;
    case PM_RS_WEIGHTED_MAX:
      if (outweighs(rules, at, sel))
        sel = at;
      if (k >= 0 && outweighs(rules, at, best[k]))
        best[k] = at;
      break;
    default: /* weightedSum (classification only, resolve checked) */
      sum[k] += ru->weight;
      if (outweighs(rules, at, best[k]))
        best[k] = at;
      break;
    }
  }
  if (fired == 0) {
    /* No rule fires: the default score, if there is one. */
    if (rs->deflt.t == PM_T_MISSING)
      return 0;
    if (classification) {
      res->value = pmmlE_class_value(c->m, m, rs->deflt_class);
      res->conf[rs->deflt_class] = rs->deflt_conf;
    } else {
      res->raw = rs->deflt.num;
      res->value = pmmlV_num(pmmlE_target_value(m, rs->deflt.num),
                             m->target_dt);
    }
    return 0;
  }
  if (rs->criterion == PM_RS_WEIGHTED_SUM) {
    int32_t win = -1;
    for (k = 0; k < nc; k++) {
      if (best[k] < 0)
        continue;
      res->conf[k] = sum[k] / fired;
      if (win < 0 || sum[k] > sum[win])
        win = k;
    }
    sel = (int32_t)best[win];
  } else {
    for (k = 0; k < nc; k++)
      if (best[k] >= 0)
        res->conf[k] = rules[(int32_t)best[k]].confidence;
    if (classification && rs->prob && rules[sel].n_dist > 0)
      memcpy(res->prob, rs->prob + (size_t)sel * nc,
             (size_t)nc * sizeof(double));
  }
  res->entity = sel;
  res->entity_id = rules[sel].id;
  if (classification) {
    res->value = pmmlE_class_value(c->m, m, rules[sel].klass);
  } else {
    res->raw = rules[sel].score.num;
    res->value =
        pmmlV_num(pmmlE_target_value(m, rules[sel].score.num), m->target_dt);
  }
  return 0;
}

/* The id of the selected rule as a value. */
static pm_val
rule_id(const pmml_ctx *c, const pm_result *res)
{
  int32_t id = res->entity_id;
  if (id < 0)
    return pmmlV_missing();
  return pmmlV_str(pmmlS_str(&c->m->strs, id), pmmlS_len(&c->m->strs, id),
                   id);
}

int
pmmlE_ruleset_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                      const pm_result *res, pm_val *out)
{
  const pm_ruleset *rs = m->body;
  int32_t k;
  *out = pmmlV_missing();
  switch (of->feature) {
  case PM_FEAT_PROBABILITY:
    /* Only a selected rule with a ScoreDistribution has probabilities. */
    if (res->entity < 0 || rs->criterion == PM_RS_WEIGHTED_SUM ||
        rs->rules[res->entity].n_dist == 0)
      return 0;
    return 1;
  case PM_FEAT_CONFIDENCE:
    if (res->value.t == PM_T_MISSING || !res->conf)
      return 0;
    if (of->value.t != PM_T_MISSING)
      k = of->klass;
    else
      k = res->entity >= 0 ? rs->rules[res->entity].klass : rs->deflt_class;
    if (k < 0 || isnan(res->conf[k]))
      return 0;
    *out = pmmlV_num(res->conf[k], PMML_DT_DOUBLE);
    return 0;
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_RULE_ID:
    *out = rule_id(c, res);
    return 0;
  case PM_FEAT_RULE_VALUE:
    if (res->entity < 0)
      return 0;
    if (of->rule_feature == PM_FEAT_CONFIDENCE)
      *out = pmmlV_num(rs->rules[res->entity].confidence, PMML_DT_DOUBLE);
    else
      *out = rule_id(c, res);
    return 0;
  default:
    return 1;
  }
}
