/*
** eval_association.c: scoring an AssociationModel (PMML 4.4 Association
** Rules) and the public functions of collection-valued inputs
** (pmml_model_input_role, pmml_ctx_add_item).
**
** Scoring finds the record's items (a bit per Item), then which itemsets
** lie inside them (a byte per Itemset, in the context's scratch). That is
** all: each output field then walks the rules in the order it ranks by
** (rankBasis, rankOrder; ties keep document order) and takes the rank-th
** rule its algorithm selects:
**
**   recommendation           the antecedent lies in the items
**   exclusiveRecommendation  ... and the consequent does not (entirely)
**   ruleAssociation          ... and so does the consequent
**
** An itemset shows as "{a,b}" and a rule as "{a,b}->{c}" (item values in
** the Itemset's order); a rule's id is AssociationRule@id, else its 1-based
** position. A multi-valued output (isMultiValued="true") joins the values
** of the first 'rank' selected rules (rank="0": all of them) with ';'.
** The model has no predicted value.
*/
#include <math.h>
#include <string.h>

#include "numconv.h"
#include "pmml_int.h"

#define LIST_SEP ';' /* between the values of a multi-valued output */

static int
has_bit(const uint64_t *set, int32_t i)
{
  return (int)((set[i >> 6] >> (i & 63)) & 1u);
}

static void
set_bit(uint64_t *set, int32_t i)
{
  set[i >> 6] |= (uint64_t)1 << (i & 63);
}

/* Set the bit of every item whose key equals v (items of the transactional
** style, found by binary search in by_key). */
static void
mark_items(const pmml_model *doc, const pm_association *as, const pm_val *v,
           uint64_t *set)
{
  int32_t lo = 0, hi = as->n_items, sym = -1;
  double x = 0;
  if (v->t == PM_T_MISSING)
    return;
  if (as->numeric) {
    if (v->t != PM_T_NUM && v->t != PM_T_BOOL)
      return;
    x = v->u.num;
  } else {
    if (v->t != PM_T_STR)
      return;
    sym = v->sym >= 0 ? v->sym : pmmlS_lookup(&doc->strs, v->u.str, v->len);
    if (sym < 0)
      return; /* text the model never names */
  }
  /* The first item whose key is not below v. */
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    const pm_lit *k = &as->items[as->by_key[mid]].key;
    if (as->numeric ? k->num < x : k->sym < sym)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < as->n_items; lo++) {
    const pm_lit *k = &as->items[as->by_key[lo]].key;
    if (as->numeric ? k->num != x : k->sym != sym)
      break;
    set_bit(set, as->by_key[lo]);
  }
}

/* Row style: is item 'it' in the record? 1, 0, or -1 (record failed). */
static int
row_item(pmml_ctx *c, const pm_item *it)
{
  const pm_val *v = pmmlE_slot(c, it->slot);
  if (c->failed)
    return -1;
  if (v->t == PM_T_MISSING)
    return 0;
  if (!it->boolean) {
    pm_val k = pmmlV_lit(c->m, &it->key);
    return pmmlV_equal(v, &k) == 1;
  }
  /* A field of true/false values. */
  if (v->t == PM_T_BOOL)
    return v->u.num != 0;
  if (v->t == PM_T_NUM && (v->u.num == 0 || v->u.num == 1))
    return v->u.num == 1;
  if (v->t == PM_T_STR && v->len == 4 && !memcmp(v->u.str, "true", 4))
    return 1;
  if (v->t == PM_T_STR && v->len == 5 && !memcmp(v->u.str, "false", 5))
    return 0;
  {
    char buf[64];
    pmmlV_format(v, buf, sizeof buf);
    return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                      "Item '%s': field '%s' is '%s', not true or false",
                      pmmlS_str(&c->m->strs, it->text),
                      pmmlS_str(&c->m->strs, c->m->slots[it->slot].name),
                      buf);
  }
}

int
pmmlE_association(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_association *as = m->body;
  uint64_t *set = (uint64_t *)(void *)(c->scratch + as->scratch);
  uint8_t *in = (uint8_t *)(set + as->words);
  int32_t i, k;
  (void)res;
  if (as->grouped) {
    /* The items added to the transaction, and a value set directly. */
    if (as->words)
      memcpy(set, c->items + as->items_off, as->words * sizeof *set);
    mark_items(c->m, as, pmmlE_slot(c, as->item_slot), set);
    if (c->failed)
      return -1;
  } else {
    if (as->words)
      memset(set, 0, as->words * sizeof *set);
    for (i = 0; i < as->n_items; i++) {
      int st = row_item(c, &as->items[i]);
      if (st < 0)
        return -1;
      if (st)
        set_bit(set, i);
    }
  }
  for (i = 0; i < as->n_sets; i++) {
    const pm_itemset *s = &as->sets[i];
    in[i] = 1;
    for (k = 0; k < s->n; k++)
      if (!has_bit(set, as->refs[s->first + k])) {
        in[i] = 0;
        break;
      }
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Output features                                                          */

/* Does 'algorithm' (OutputField@algorithm) select rule r? */
static int
selected(const pm_association *as, const uint8_t *in, int algorithm,
         int32_t r)
{
  const pm_arule *ru = &as->rules[r];
  if (!in[ru->ante])
    return 0;
  switch (algorithm) {
  case 1: /* exclusiveRecommendation */
    return !in[ru->cons];
  case 2: /* ruleAssociation */
    return in[ru->cons];
  default: /* recommendation */
    return 1;
  }
}

static pm_val
text_val(const pmml_model *doc, int32_t id)
{
  return pmmlV_str(pmmlS_str(&doc->strs, id), pmmlS_len(&doc->strs, id), id);
}

/* Rule feature f of rule r. */
static pm_val
rule_value(const pmml_model *doc, const pm_association *as, int f, int32_t r)
{
  const pm_arule *ru = &as->rules[r];
  int b;
  switch (f) {
  case PM_FEAT_ANTECEDENT:
    return text_val(doc, as->sets[ru->ante].text);
  case PM_FEAT_CONSEQUENT:
    return text_val(doc, as->sets[ru->cons].text);
  case PM_FEAT_RULE:
    return text_val(doc, ru->text);
  case PM_FEAT_RULE_ID:
  case PM_FEAT_ENTITY_ID:
    return text_val(doc, ru->id);
  case PM_FEAT_SUPPORT:
    b = PM_RB_SUPPORT;
    break;
  case PM_FEAT_LIFT:
    b = PM_RB_LIFT;
    break;
  case PM_FEAT_LEVERAGE:
    b = PM_RB_LEVERAGE;
    break;
  case PM_FEAT_AFFINITY:
    b = PM_RB_AFFINITY;
    break;
  default:
    b = PM_RB_CONFIDENCE;
    break;
  }
  if (isnan(ru->v[b]))
    return pmmlV_missing();
  return pmmlV_num(ru->v[b], PMML_DT_DOUBLE);
}

/* The text of a value in a list (missing: empty). */
static size_t
list_text(const pm_val *v, char *buf)
{
  if (v->t == PM_T_STR) {
    memcpy(buf, v->u.str, v->len);
    return v->len;
  }
  if (v->t == PM_T_NUM)
    return pmmlN_format_double(v->u.num, buf);
  return 0;
}

/* The feature of an association rule that output field 'of' asks for
** (ruleValue: its ruleFeature=), or -1 when it is none of a rule's (PMML
** 4.4 AssociationModel, Output: antecedent ... affinity). */
int
pmmlE_assoc_rule_feature(const pm_ofield *of)
{
  int f = of->feature == PM_FEAT_RULE_VALUE ? of->rule_feature : of->feature;
  switch (f) {
  case PM_FEAT_ANTECEDENT:
  case PM_FEAT_CONSEQUENT:
  case PM_FEAT_RULE:
  case PM_FEAT_RULE_ID:
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_CONFIDENCE:
  case PM_FEAT_SUPPORT:
  case PM_FEAT_LIFT:
  case PM_FEAT_LEVERAGE:
  case PM_FEAT_AFFINITY:
    break;
  default:
    return -1;
  }
  return f;
}

int
pmmlE_association_feature(pmml_ctx *c, const pm_model *m,
                          const pm_ofield *of, const pm_result *res,
                          pm_val *out)
{
  const pm_association *as = m->body;
  const uint8_t *in =
      (const uint8_t *)((uint64_t *)(void *)(c->scratch + as->scratch) +
                        as->words);
  const int32_t *order = as->order[of->rank_basis][of->rank_order];
  int f = pmmlE_assoc_rule_feature(of);
  int32_t i, seen = 0, limit = of->rank;
  size_t need = 0, at = 0;
  char *buf, num[PMMLN_DBL_BUFSZ];
  (void)res;
  *out = pmmlV_missing();
  if (f < 0)
    return 1; /* not a rule feature: the generic code */
  if (!of->multi) {
    for (i = 0; i < as->n_rules; i++)
      if (selected(as, in, of->algorithm, order[i]) && ++seen == limit) {
        *out = rule_value(c->m, as, f, order[i]);
        break;
      }
    return 0;
  }
  /* Multi-valued: the first 'rank' selected rules (0: all), joined. Two
  ** passes: the length, then the text. */
  for (i = 0; i < as->n_rules && (limit == 0 || seen < limit); i++)
    if (selected(as, in, of->algorithm, order[i])) {
      pm_val v = rule_value(c->m, as, f, order[i]);
      need += (seen++ ? 1 : 0) + (v.t == PM_T_STR ? v.len : list_text(&v, num));
    }
  if (!seen)
    return 0;
  buf = pmmlE_strbuf(c, need);
  if (!buf)
    return -1;
  for (i = 0, seen = 0; i < as->n_rules && (limit == 0 || seen < limit); i++)
    if (selected(as, in, of->algorithm, order[i])) {
      pm_val v = rule_value(c->m, as, f, order[i]);
      if (seen++)
        buf[at++] = LIST_SEP;
      if (v.t == PM_T_STR) {
        at += list_text(&v, buf + at);
      } else {
        size_t n = list_text(&v, num);
        memcpy(buf + at, num, n);
        at += n;
      }
    }
  *out = pmmlV_str(buf, at, -1);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Collection-valued inputs: the public functions                           */

/* Is input i model m's item field (transactional), or its group field? */
static int
input_is(const pmml_model *doc, int32_t df, size_t i)
{
  return df >= 0 && doc->df[df].input >= 0 && (size_t)doc->df[df].input == i;
}

pmml_input_role
pmml_model_input_role(const pmml_model *m, size_t i)
{
  int32_t k;
  if (!m || i >= (size_t)m->n_inputs)
    return PMML_ROLE_VALUE;
  for (k = 0; k < m->n_models; k++) {
    const pm_model *mm = m->models[k];
    const pm_association *as;
    if (mm->family != PM_FAM_ASSOCIATION)
      continue;
    as = mm->body;
    if (!as->grouped)
      continue;
    if (input_is(m, as->item_df, i))
      return PMML_ROLE_ITEMS;
    if (input_is(m, as->group_df, i))
      return PMML_ROLE_GROUP;
  }
  return PMML_ROLE_VALUE;
}

pmml_status
pmml_ctx_add_item(pmml_ctx *c, size_t i, const char *s, size_t len)
{
  const pmml_model *doc;
  int32_t k;
  int found = 0;
  if (!c || (!s && len))
    return PMML_E_ARGUMENT;
  doc = c->m;
  if (!s)
    s = "";
  for (k = 0; k < doc->n_models; k++) {
    const pm_model *mm = doc->models[k];
    const pm_association *as;
    pm_val v;
    if (mm->family != PM_FAM_ASSOCIATION)
      continue;
    as = mm->body;
    if (!as->grouped || !input_is(doc, as->item_df, i))
      continue;
    found = 1;
    if (as->numeric) {
      if (pmmlV_from_text(NULL, as->item_dt, s, len, &v) != 0)
        continue; /* not a value of the field's type: names no item */
    } else {
      v = pmmlV_str(s, len, pmmlS_lookup(&doc->strs, s, len));
    }
    mark_items(doc, as, &v, c->items + as->items_off);
  }
  return found ? PMML_OK : PMML_E_ARGUMENT;
}
