/*
** gen_association.c: AssociationModel as generated C. The Items, Itemsets
** and AssociationRules become tables, and each ranking an output uses
** (rankBasis, rankOrder) an array of rule numbers computed here, as the
** resolver computes it; the run-time support (genrt.inc: association)
** finds the record's items and itemsets as runtime/eval_association.c
** does, and each output walks its ranking. A model with a group field
** scores transactions: its items are added through <prefix>_add_item (the
** --main program groups rows as `pmmlc score` does: genrt.inc main_group).
*/
#include "gen.h"

static const char *const basis_names[] = {"confidence", "support", "lift",
                                          "leverage", "affinity"};

/* <AssociationModel>: m<M>_items, _refs, _sets, _rules, _order<B><O>, m<M>_as
** and m<M>_eval (eval_association.c: pmmlE_association). */
static int
association_model(gen *g, const pm_model *m)
{
  const pmml_model *doc = g->doc;
  const pm_association *as = m->body;
  int32_t i, k, b, o, mi = m->index, bits = -1, set, in, n_grouped = 0;
  int last = 1;
  gbuf *d, *c;
  gen_need(g, "association");
  for (i = 0; i < m->n_of; i++)
    if (m->of[i].multi && pmmlE_assoc_rule_feature(&m->of[i]) >= 0)
      g->makes_strings = 1;
  if (as->grouped)
    bits = gen_dbl(g, as->n_items);
  set = gen_dbl(g, as->n_items);
  in = gen_dbl(g, as->n_sets);
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* AssociationModel (line %u): <Item>s { slot, the value "
               "an input must\n** equal, true/false, value=, field } */\n"
               "static const pm_aitem m%d_items[%d] = {\n",
            (unsigned)m->line, (int)mi, as->n_items ? (int)as->n_items : 1);
  for (i = 0; i < as->n_items; i++) {
    const pm_item *it = &as->items[i];
    int32_t slot = as->grouped ? -1 : it->slot;
    gb_printf(d, "  /* %d: Item id=", (int)i);
    gen_name(g, d, it->id);
    gb_puts(d, " value=");
    gen_name(g, d, it->text);
    gb_printf(d, " */\n  {%d, %d, %d, %d, %d},\n", (int)gen_slot(g, slot),
              !as->grouped && it->boolean ? -1 : (int)gen_plit(g, &it->key),
              !as->grouped && it->boolean, (int)gen_str(g, it->text),
              slot >= 0 ? (int)gen_str(g, doc->slots[slot].name) : -1);
  }
  if (!as->n_items)
    gb_puts(d, "  {-1, -1, 0, -1, -1}\n");
  gb_printf(d, "};\n\n/* The items of each Itemset, one Itemset after "
               "another. */\nstatic const int32_t m%d_refs[%d] = {",
            (int)mi, as->n_refs ? (int)as->n_refs : 1);
  for (i = 0; i < as->n_refs; i++)
    gb_printf(d, "%s%d", !i ? "\n  " : i % 16 ? ", " : ",\n  ",
              (int)as->refs[i]);
  gb_puts(d, as->n_refs ? "\n};\n" : "0};\n");
  gb_printf(d, "\n/* <Itemset>s { first item, their count, text } */\n"
               "static const pm_aset m%d_sets[%d] = {\n",
            (int)mi, as->n_sets ? (int)as->n_sets : 1);
  for (i = 0; i < as->n_sets; i++) {
    const pm_itemset *s = &as->sets[i];
    gb_printf(d, "  {%d, %d, %d}, /* %d: Itemset id=", (int)s->first,
              (int)s->n, (int)gen_str(g, s->text), (int)i);
    gen_name(g, d, s->id);
    gb_puts(d, " ");
    gen_name(g, d, s->text);
    gb_puts(d, " */\n");
  }
  if (!as->n_sets)
    gb_puts(d, "  {0, 0, -1}\n");
  gb_printf(d, "};\n\n/* <AssociationRule>s { antecedent, consequent, id, "
               "text, { confidence,\n** support, lift, leverage, affinity } "
               "} */\nstatic const pm_arule m%d_rules[%d] = {\n",
            (int)mi, as->n_rules ? (int)as->n_rules : 1);
  for (i = 0; i < as->n_rules; i++) {
    const pm_arule *ru = &as->rules[i];
    gb_printf(d, "  /* %d (line %u): ", (int)i, (unsigned)ru->line);
    gen_name(g, d, ru->text);
    gb_printf(d, " */\n  {%d, %d, %d, %d, {", (int)ru->ante, (int)ru->cons,
              (int)gen_str(g, ru->id), (int)gen_str(g, ru->text));
    for (k = 0; k < 5; k++) {
      gb_puts(d, k ? ", " : "");
      gb_real(d, ru->v[k]);
    }
    gb_puts(d, "}},\n");
  }
  if (!as->n_rules)
    gb_puts(d, "  {0, 0, -1, -1, {0, 0, 0, 0, 0}}\n");
  gb_puts(d, "};\n");
  for (b = 0; b < 5; b++)
    for (o = 0; o < 2; o++) {
      const int32_t *ord = as->order[b][o];
      if (!ord)
        continue;
      gb_printf(d, "\n/* The rules by %s, %s (ties: document order). */\n"
                   "static const int32_t m%d_order%d%d[%d] = {",
                basis_names[b], o ? "ascending" : "descending", (int)mi,
                (int)b, (int)o, as->n_rules ? (int)as->n_rules : 1);
      for (i = 0; i < as->n_rules; i++)
        gb_printf(d, "%s%d", !i ? "\n  " : i % 16 ? ", " : ",\n  ",
                  (int)ord[i]);
      gb_puts(d, as->n_rules ? "\n};\n" : "0};\n");
    }
  gb_printf(d, "\nstatic const pm_assoc m%d_as = {\n"
               "  m%d_items, %d, m%d_refs, m%d_sets, %d, m%d_rules, %d,\n"
               "  %d, %d, %s, %d, %d, %d, %d, %d, %d\n};\n",
            (int)mi, (int)mi, (int)as->n_items, (int)mi, (int)mi,
            (int)as->n_sets, (int)mi, (int)as->n_rules, (int)as->grouped,
            (int)as->numeric, gen_dt(as->grouped ? as->item_dt : PM_DT_ANY),
            as->grouped ? (int)gen_slot(g, as->item_slot) : -1,
            as->grouped ? (int)doc->df[as->item_df].input : -1,
            as->grouped ? (int)doc->df[as->group_df].input : -1, (int)bits,
            (int)set, (int)in);
  /* The last AssociationModel lists the grouped ones (the transactions'
  ** API of genrt.inc: association). */
  for (i = mi + 1; i < doc->n_models; i++)
    if (doc->models[i]->family == PM_FAM_ASSOCIATION)
      last = 0;
  if (last) {
    gbuf list = {0};
    for (i = 0; i < doc->n_models; i++)
      if (doc->models[i]->family == PM_FAM_ASSOCIATION &&
          ((const pm_association *)doc->models[i]->body)->grouped)
        gb_printf(&list, "%s&m%d_as", n_grouped++ ? ", " : "", (int)i);
    gb_printf(d, "\n/* The AssociationModels with a group field. */\n"
                 "#define PM_NGROUPED %d\n"
                 "static const pm_assoc *const pm_assoc_grouped[%d] = {%s};\n",
              (int)n_grouped, n_grouped ? (int)n_grouped : 1,
              n_grouped ? list.p : "NULL");
    gb_free(&list);
  }
  c = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(c, "\n/* AssociationModel (line %u)%s */\nstatic int\n"
               "m%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  return pm_assoc_eval(c, &m%d_as, res);\n}\n",
            (unsigned)m->line, as->grouped ? ", transactional" : "",
            (int)mi, (int)mi);
  return 0;
}

/* Rule features of outputs (eval_association.c:
** pmmlE_association_feature); others are the common ones. */
static int
association_feature(gen *g, const pm_model *m, const pm_ofield *of,
                    gbuf *b)
{
  int f = pmmlE_assoc_rule_feature(of), af;
  (void)g;
  switch (f) {
  case PM_FEAT_ANTECEDENT: af = 0; break;
  case PM_FEAT_CONSEQUENT: af = 1; break;
  case PM_FEAT_RULE: af = 2; break;
  case PM_FEAT_RULE_ID: case PM_FEAT_ENTITY_ID: af = 3; break;
  case PM_FEAT_CONFIDENCE: af = 4; break;
  case PM_FEAT_SUPPORT: af = 5; break;
  case PM_FEAT_LIFT: af = 6; break;
  case PM_FEAT_LEVERAGE: af = 7; break;
  case PM_FEAT_AFFINITY: af = 8; break;
  default:
    return 1;
  }
  gb_printf(b, "  if (pm_assoc_feature(c, &m%d_as, m%d_order%d%d, %d, %d, "
               "%d, %d, out))\n    return;\n",
            (int)m->index, (int)m->index, (int)of->rank_basis,
            (int)of->rank_order, af, (int)of->algorithm, (int)of->rank,
            (int)of->multi);
  return 0;
}

const gen_family gen_association_family = {"AssociationModel",
                                           association_model,
                                           association_feature, NULL};
