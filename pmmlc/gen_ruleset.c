/*
** gen_ruleset.c: RuleSetModel as generated C. The rules become a table in
** document order (a CompoundRule followed by the rules inside it, each
** predicate a row of pm_preds), with the ScoreDistributions as a table of
** probabilities; the run-time support walks them as
** runtime/eval_ruleset.c does (genrt.inc: ruleset).
*/
#include "gen.h"

static const char *const criterion_names[] = {"weightedSum", "weightedMax",
                                              "firstHit"};

/* <RuleSetModel>: m<M>_rules, m<M>_prob, m<M>_rs and m<M>_eval
** (eval_ruleset.c: pmmlE_ruleset). */
static int
ruleset_model(gen *g, const pm_model *m)
{
  const pm_ruleset *rs = m->body;
  int classification = m->function == PM_FN_CLASSIFICATION;
  int32_t i, k, mi = m->index, nc = m->n_classes;
  gbuf *d, *b;
  gen_need(g, "ruleset");
  for (i = 0; i < rs->n_rules; i++)
    if (gen_pred(g, rs->rules[i].pred) < 0)
      return -1;
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* RuleSetModel (line %u): the rules in document order "
               "{ predicate, end of\n** the rules inside, CompoundRule, id, "
               "class, score, confidence, weight,\n** ScoreDistributions } */"
               "\nstatic const pm_rule m%d_rules[%d] = {\n",
            (unsigned)m->line, (int)mi, rs->n_rules ? (int)rs->n_rules : 1);
  for (i = 0; i < rs->n_rules; i++) {
    const pm_rule *ru = &rs->rules[i];
    gb_printf(d, "  /* %d: %s", (int)i,
              ru->compound ? "CompoundRule" : "SimpleRule id=");
    if (!ru->compound)
      gen_name(g, d, ru->id);
    gb_printf(d, " (line %u): ", (unsigned)ru->line);
    gen_pred_text(g, d, ru->pred, 0);
    if (!ru->compound) {
      gb_puts(d, " => ");
      gen_lit_comment(g, d, &ru->score);
    }
    gb_printf(d, " */\n  {%d, %d, %d, %d, %d, ", (int)gen_pred(g, ru->pred),
              (int)ru->end, (int)ru->compound,
              ru->compound ? -1 : (int)gen_str(g, ru->id),
              ru->compound ? -1 : (int)ru->klass);
    gb_real(d, !ru->compound && !classification ? ru->score.num : 0.0);
    gb_puts(d, ", ");
    gb_real(d, ru->confidence);
    gb_puts(d, ", ");
    gb_real(d, ru->weight);
    gb_printf(d, ", %d},\n", (int)ru->n_dist);
  }
  if (!rs->n_rules)
    gb_puts(d, "  {0, 0, 0, -1, -1, 0, 0, 0, 0}\n");
  gb_puts(d, "};\n");
  if (classification && rs->prob && nc > 0) {
    gb_printf(d, "\n/* Each rule's <ScoreDistribution>s as probabilities, "
                 "a row of %d classes\n** a rule. */\n"
                 "static const pm_real m%d_prob[%d] = {\n",
              (int)nc, (int)mi, (int)(rs->n_rules * nc));
    for (i = 0; i < rs->n_rules; i++) {
      gb_puts(d, " ");
      for (k = 0; k < nc; k++) {
        gb_puts(d, " ");
        gb_real(d, rs->prob[(size_t)i * nc + k]);
        gb_puts(d, ",");
      }
      gb_puts(d, "\n");
    }
    gb_puts(d, "};\n");
  }
  gb_printf(d, "\n/* <RuleSet defaultScore= defaultConfidence=>, "
               "criterion=\"%s\" */\n"
               "static const pm_ruleset m%d_rs = {\n  m%d_rules, %d, %d, %d, "
               "%d, ",
            criterion_names[rs->criterion % 3], (int)mi, (int)mi,
            (int)rs->n_rules, (int)rs->criterion, (int)rs->walk_all,
            rs->deflt.t != PM_T_MISSING ? (int)gen_plit(g, &rs->deflt) : -1);
  gb_real(d, rs->deflt_conf);
  gb_printf(d, ", %d, ", (int)rs->deflt_class);
  if (classification && rs->prob && nc > 0)
    gb_printf(d, "m%d_prob\n};\n", (int)mi);
  else
    gb_puts(d, "NULL\n};\n");
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* RuleSetModel (line %u) */\nstatic int\n"
               "m%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  double sum[%d];\n  int32_t best[%d];\n"
               "  return pm_ruleset_eval(c, &pm_models[%d], &m%d_rs, sum, "
               "best, res);\n}\n",
            (unsigned)m->line, (int)mi, nc > 0 ? (int)nc : 1,
            nc > 0 ? (int)nc : 1, (int)mi, (int)mi);
  return 0;
}

/* The features a rule set adds (eval_ruleset.c: pmmlE_ruleset_feature). */
static int
ruleset_feature(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b)
{
  const pm_ruleset *rs = m->body;
  int32_t mi = m->index;
  (void)g;
  switch (of->feature) {
  case PM_FEAT_PROBABILITY:
    /* Only a selected rule with a ScoreDistribution has probabilities. */
    if (rs->criterion == PM_RS_WEIGHTED_SUM)
      return 0;
    gb_printf(b, "  if (res->entity < 0 || m%d_rules[res->entity].n_dist "
                 "== 0)\n    return;\n",
              (int)mi);
    return 1;
  case PM_FEAT_CONFIDENCE:
    gb_printf(b, "  pm_ruleset_conf(&m%d_rs, res, %d, out);\n", (int)mi,
              of->value.t == PM_T_MISSING ? -1
              : of->klass >= 0            ? (int)of->klass
                                          : -2);
    return 0;
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_RULE_ID:
    gb_puts(b, "  if (res->entity_id >= 0)\n"
               "    *out = pm_sym(res->entity_id);\n");
    return 0;
  case PM_FEAT_RULE_VALUE:
    gb_puts(b, "  if (res->entity < 0)\n    return;\n");
    if (of->rule_feature == PM_FEAT_CONFIDENCE)
      gb_printf(b, "  *out = pm_num(m%d_rules[res->entity].conf, "
                   "PM_DT_DOUBLE);\n",
                (int)mi);
    else
      gb_puts(b, "  if (res->entity_id >= 0)\n"
                 "    *out = pm_sym(res->entity_id);\n");
    return 0;
  default:
    return 1;
  }
}

const gen_family gen_ruleset_family = {"RuleSetModel", ruleset_model,
                                       ruleset_feature, NULL};
