/*
** load_association.c: <AssociationModel>: Items, Itemsets of items and
** AssociationRules between two itemsets. Ids are names in the document;
** when the model ends they become indices, and the texts that outputs show
** ("{a,b}" for an itemset, "{a,b}->{c}" for a rule) are made once. Resolve
** decides how a record's items are found: the values of the one active
** field over a transaction (a usageType="group" field), or, without a group
** field, a test of a field per Item (PMML 4.4 Association Rules, the
** transactional and the row styles). Scoring is in eval_association.c.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

typedef struct assoc_loader {
  pm_association *as;
  pm_vec items;        /* pm_item */
  pm_vec refs;         /* int32_t: ItemRef item ids (strtab) */
  pm_vec sets;         /* pm_itemset */
  pm_vec rules;        /* pm_arule */
} assoc_loader;

static assoc_loader *
al(pm_loader *ld)
{
  return ld->model ? ld->model->body : NULL;
}

static void
assoc_start(pm_loader *ld, pm_model *m, const char **atts)
{
  assoc_loader *l = pmmlL_alloc(ld, sizeof *l);
  (void)atts;
  if (!l)
    return;
  l->as = pmmlL_alloc(ld, sizeof *l->as);
  if (!l->as)
    return;
  pmmlL_track(ld, &l->items, sizeof(pm_item));
  pmmlL_track(ld, &l->refs, sizeof(int32_t));
  pmmlL_track(ld, &l->sets, sizeof(pm_itemset));
  pmmlL_track(ld, &l->rules, sizeof(pm_arule));
  l->as->group_df = l->as->item_df = l->as->item_slot = -1;
  m->body = l;
}

/* <Item id= value= field= category= mappedValue= weight=/> */
static void
item_start(pm_loader *ld, const char **atts)
{
  assoc_loader *l = al(ld);
  const char *id = pmmlL_need(ld, atts, "id");
  const char *value = pmmlL_need(ld, atts, "value");
  const char *eq;
  pm_item *it;
  if (!l || !id || !value)
    return;
  it = pmmlL_push(ld, &l->items, sizeof *it);
  if (!it)
    return;
  it->id = pmmlL_intern(ld, id, strlen(id));
  it->text = pmmlL_intern(ld, value, strlen(value));
  it->field = pmmlL_sym(ld, atts, "field");
  it->key = pmmlL_attr(atts, "category") ? pmmlL_lit(ld, atts, "category")
                                          : pmmlL_lit(ld, atts, "value");
  it->split_field = -1;
  it->split_key.t = PM_T_MISSING;
  it->split_key.raw = it->split_key.sym = -1;
  /* Row style without field=: value may read "field=category". */
  eq = strchr(value, '=');
  if (eq && it->field < 0 && !pmmlL_attr(atts, "category")) {
    it->split_field = pmmlL_intern(ld, value, (size_t)(eq - value));
    it->split_key = pmmlL_lit_text(ld, eq + 1, strlen(eq + 1));
  }
  it->slot = -1;
  it->line = pmmlL_frame(ld, 0)->line;
}

/* <Itemset id= numberOfItems= support=><ItemRef itemRef=/>...</Itemset> */
static void
itemset_start(pm_loader *ld, const char **atts)
{
  assoc_loader *l = al(ld);
  const char *id = pmmlL_need(ld, atts, "id");
  pm_itemset *s;
  if (!l || !id)
    return;
  s = pmmlL_push(ld, &l->sets, sizeof *s);
  if (!s)
    return;
  s->id = pmmlL_intern(ld, id, strlen(id));
  s->first = (int32_t)l->refs.len;
  s->line = pmmlL_frame(ld, 0)->line;
}

static void
itemref_start(pm_loader *ld, const char **atts)
{
  assoc_loader *l = al(ld);
  const char *ref = pmmlL_need(ld, atts, "itemRef");
  int32_t *r;
  if (!l || !ref || !l->sets.len)
    return;
  r = pmmlL_push(ld, &l->refs, sizeof *r);
  if (!r)
    return;
  *r = pmmlL_intern(ld, ref, strlen(ref));
  ((pm_itemset *)l->sets.data)[l->sets.len - 1].n++;
}

/* <AssociationRule antecedent= consequent= support= confidence= lift=
**   leverage= affinity= id=/> */
static void
rule_start(pm_loader *ld, const char **atts)
{
  assoc_loader *l = al(ld);
  pm_arule *r;
  if (!l || !pmmlL_need(ld, atts, "antecedent") ||
      !pmmlL_need(ld, atts, "consequent") ||
      !pmmlL_need(ld, atts, "support") || !pmmlL_need(ld, atts, "confidence"))
    return;
  if (l->rules.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many rules");
    return;
  }
  r = pmmlL_push(ld, &l->rules, sizeof *r);
  if (!r)
    return;
  r->ante = pmmlL_sym(ld, atts, "antecedent");
  r->cons = pmmlL_sym(ld, atts, "consequent");
  r->id = pmmlL_sym(ld, atts, "id");
  r->v[PM_RB_CONFIDENCE] = pmmlL_num(ld, atts, "confidence", NAN);
  r->v[PM_RB_SUPPORT] = pmmlL_num(ld, atts, "support", NAN);
  r->v[PM_RB_LIFT] = pmmlL_num(ld, atts, "lift", NAN);
  r->v[PM_RB_LEVERAGE] = pmmlL_num(ld, atts, "leverage", NAN);
  r->v[PM_RB_AFFINITY] = pmmlL_num(ld, atts, "affinity", NAN);
  r->line = pmmlL_frame(ld, 0)->line;
}

static const pm_elem itemset_children[] = {
  {"ItemRef", itemref_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_association_elems[] = {
  {"Item", item_start, NULL, NULL, 0},
  {"Itemset", itemset_start, NULL, itemset_children, 0},
  {"AssociationRule", rule_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

/* ------------------------------------------------------------------------ */
/* The model ends: ids to indices, texts for the outputs.                   */

/* A scratch buffer outside the arena, grown on demand. */
typedef struct textbuf {
  char *p;
  size_t len, cap;
} textbuf;

static int
tb_put(pm_loader *ld, textbuf *b, const char *s, size_t n)
{
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    char *np;
    while (cap < b->len + n)
      cap *= 2;
    np = ld->a->alloc(ld->a->ud, b->p, b->cap, cap);
    if (!np) {
      pmmlL_nomem(ld);
      return -1;
    }
    b->p = np;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  return 0;
}

/* "{a,b}": the values of an itemset's items, in the Itemset's order. */
static int
put_itemset(pm_loader *ld, textbuf *b, const pm_association *as,
            const pm_itemset *s)
{
  const pm_strtab *t = &ld->doc->strs;
  int32_t k;
  if (tb_put(ld, b, "{", 1))
    return -1;
  for (k = 0; k < s->n; k++) {
    int32_t text = as->items[as->refs[s->first + k]].text;
    if ((k && tb_put(ld, b, ",", 1)) ||
        tb_put(ld, b, pmmlS_str(t, text), pmmlS_len(t, text)))
      return -1;
  }
  return tb_put(ld, b, "}", 1);
}

static void
assoc_end(pm_loader *ld, pm_model *m)
{
  assoc_loader *l = m->body;
  pm_association *as = l->as;
  const pm_strtab *t = &ld->doc->strs;
  size_t nmap = t->n, bytes = nmap * sizeof(int32_t);
  int32_t *map, i;
  textbuf b = {NULL, 0, 0};
  as->items = pmmlL_finish_vec(ld, &l->items, sizeof(pm_item), &as->n_items);
  as->refs = pmmlL_finish_vec(ld, &l->refs, sizeof(int32_t), &as->n_refs);
  as->sets = pmmlL_finish_vec(ld, &l->sets, sizeof(pm_itemset), &as->n_sets);
  as->rules = pmmlL_finish_vec(ld, &l->rules, sizeof(pm_arule),
                               &as->n_rules);
  m->body = as;
  if (ld->failed)
    return;
  /* A table from strtab id to index, reused for items then itemsets. */
  map = ld->a->alloc(ld->a->ud, NULL, 0, bytes ? bytes : 1);
  if (!map) {
    pmmlL_nomem(ld);
    return;
  }
  memset(map, 0xff, bytes);
  for (i = 0; i < as->n_items; i++) {
    if (map[as->items[i].id] >= 0) {
      pmmlL_fail(ld, PMML_E_INVALID, "Item (line %u): id \"%s\" is used twice",
                 (unsigned)as->items[i].line,
                 pmmlS_str(t, as->items[i].id));
      goto done;
    }
    map[as->items[i].id] = i;
  }
  for (i = 0; i < as->n_sets; i++) {
    const pm_itemset *s = &as->sets[i];
    int32_t k;
    for (k = 0; k < s->n; k++) {
      int32_t *ref = &as->refs[s->first + k];
      if (map[*ref] < 0) {
        pmmlL_fail(ld, PMML_E_REFERENCE,
                   "ItemRef (Itemset of line %u): no Item has id \"%s\"",
                   (unsigned)s->line, pmmlS_str(t, *ref));
        goto done;
      }
      *ref = map[*ref];
    }
  }
  for (i = 0; i < as->n_items; i++)
    map[as->items[i].id] = -1;
  for (i = 0; i < as->n_sets; i++) {
    if (map[as->sets[i].id] >= 0) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "Itemset (line %u): id \"%s\" is used twice",
                 (unsigned)as->sets[i].line, pmmlS_str(t, as->sets[i].id));
      goto done;
    }
    map[as->sets[i].id] = i;
    b.len = 0;
    if (put_itemset(ld, &b, as, &as->sets[i]))
      goto done;
    as->sets[i].text = pmmlL_intern(ld, b.p, b.len);
  }
  for (i = 0; i < as->n_rules; i++) {
    pm_arule *r = &as->rules[i];
    const char *which = map[r->ante] < 0 ? "antecedent" : "consequent";
    int32_t bad = map[r->ante] < 0 ? r->ante : r->cons;
    if (map[r->ante] < 0 || map[r->cons] < 0) {
      pmmlL_fail(ld, PMML_E_REFERENCE,
                 "AssociationRule (line %u): %s \"%s\" is no Itemset",
                 (unsigned)r->line, which, pmmlS_str(t, bad));
      goto done;
    }
    r->ante = map[r->ante];
    r->cons = map[r->cons];
    if (r->id < 0) {
      /* The implicit id: the rule's 1-based position. */
      char num[16];
      int n = snprintf(num, sizeof num, "%ld", (long)i + 1);
      r->id = pmmlL_intern(ld, num, (size_t)n);
    }
    b.len = 0;
    if (put_itemset(ld, &b, as, &as->sets[r->ante]) ||
        tb_put(ld, &b, "->", 2) ||
        put_itemset(ld, &b, as, &as->sets[r->cons]))
      goto done;
    r->text = pmmlL_intern(ld, b.p, b.len);
  }
done:
  if (b.p)
    ld->a->alloc(ld->a->ud, b.p, b.cap, 0);
  ld->a->alloc(ld->a->ud, map, bytes ? bytes : 1, 0);
}

const pm_family pmmlL_association_family = {
  "AssociationModel", assoc_start, assoc_end, pmmlL_association_elems,
  pmmlR_association, pmmlE_association, pmmlE_association_feature, NULL,
  PM_FEAT_BIT(PM_FEAT_RULE_VALUE) | PM_FEAT_BIT(PM_FEAT_ANTECEDENT) |
      PM_FEAT_BIT(PM_FEAT_CONSEQUENT) | PM_FEAT_BIT(PM_FEAT_RULE) |
      PM_FEAT_BIT(PM_FEAT_RULE_ID) | PM_FEAT_BIT(PM_FEAT_ENTITY_ID) |
      PM_FEAT_BIT(PM_FEAT_CONFIDENCE) | PM_FEAT_BIT(PM_FEAT_SUPPORT) |
      PM_FEAT_BIT(PM_FEAT_LIFT) | PM_FEAT_BIT(PM_FEAT_LEVERAGE) |
      PM_FEAT_BIT(PM_FEAT_AFFINITY),
};

/* ------------------------------------------------------------------------ */
/* Resolving                                                                */

/* Order items by key (the input lookup's binary search). */
static int
key_less(const pm_association *as, int32_t a, int32_t b)
{
  const pm_lit *x = &as->items[a].key, *y = &as->items[b].key;
  if (as->numeric)
    return x->num < y->num;
  return x->sym < y->sym;
}

/* Stable merge sort of idx[0..n) by less(ctx, a, b), with tmp[n]. */
static void
merge_sort(int32_t *idx, int32_t *tmp, int32_t n, const void *ctx,
           int (*less)(const void *, int32_t, int32_t))
{
  int32_t width, i;
  for (width = 1; width < n; width *= 2) {
    for (i = 0; i < n; i += 2 * width) {
      int32_t lo = i, mid = i + width < n ? i + width : n;
      int32_t hi = i + 2 * width < n ? i + 2 * width : n;
      int32_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi)
        tmp[k++] = less(ctx, idx[b], idx[a]) ? idx[b++] : idx[a++];
      while (a < mid)
        tmp[k++] = idx[a++];
      while (b < hi)
        tmp[k++] = idx[b++];
    }
    memcpy(idx, tmp, (size_t)n * sizeof *idx);
  }
}

static int
item_less(const void *ctx, int32_t a, int32_t b)
{
  return key_less(ctx, a, b);
}

/* Ranking rules: by one of their measures, descending or ascending. */
typedef struct rank_ctx {
  const pm_association *as;
  int basis, ascending;
} rank_ctx;

static int
rule_less(const void *ctx, int32_t a, int32_t b)
{
  const rank_ctx *rc = ctx;
  double x = rc->as->rules[a].v[rc->basis], y = rc->as->rules[b].v[rc->basis];
  return rc->ascending ? x < y : x > y;
}

static int32_t *
sorted_indices(pm_resolver *r, int32_t n, const void *ctx,
               int (*less)(const void *, int32_t, int32_t))
{
  pm_arena *a = pmmlR_arena(r);
  int32_t *idx = pmmlM_alloc(a, (size_t)(n ? n : 1) * sizeof *idx);
  int32_t *tmp = pmmlM_alloc(a, (size_t)(n ? n : 1) * sizeof *tmp);
  int32_t i;
  if (!idx || !tmp) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return NULL;
  }
  for (i = 0; i < n; i++)
    idx[i] = i;
  merge_sort(idx, tmp, n, ctx, less);
  return idx;
}

/* Transactional style: the items are values of the one active field,
** gathered over the rows of a group. */
static int
resolve_grouped(pm_resolver *r, pm_model *m, int32_t group_mf)
{
  pm_association *as = m->body;
  pmml_model *doc = pmmlR_doc(r);
  const pm_mfield *gmf = &m->mf[group_mf], *imf = NULL;
  int32_t i, n_active = 0;
  for (i = 0; i < m->n_mf; i++)
    if (m->mf[i].usage == PM_USE_ACTIVE) {
      imf = &m->mf[i];
      n_active++;
    }
  if (n_active != 1) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "AssociationModel: with a group field, one active field "
               "holds the items, not %d",
               (int)n_active);
    return -1;
  }
  as->grouped = 1;
  as->group_df = pmmlR_datafield_index(doc, gmf->name);
  as->item_df = pmmlR_datafield_index(doc, imf->name);
  if (as->group_df < 0 || as->item_df < 0) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "AssociationModel: the group field and the item field must "
               "be DataFields");
    return -1;
  }
  /* Both become inputs: the group key for whoever groups the rows. */
  if (pmmlR_field(r, m, gmf->name, gmf->line) < 0)
    return -1;
  as->item_slot = pmmlR_field(r, m, imf->name, imf->line);
  if (as->item_slot < 0)
    return -1;
  as->item_dt = pmmlR_slot_dtype(r, as->item_slot);
  as->numeric = (uint8_t)(pmmlV_numeric_dt(as->item_dt) ||
                          as->item_dt == PMML_DT_BOOLEAN);
  for (i = 0; i < as->n_items; i++) {
    pm_item *it = &as->items[i];
    if (it->field >= 0 && it->field != imf->name) {
      pmmlR_fail(r, PMML_E_INVALID, it->line,
                 "Item: field=\"%s\" is not the item field '%s'",
                 pmmlS_str(&doc->strs, it->field),
                 pmmlS_str(&doc->strs, imf->name));
      return -1;
    }
    if (pmmlR_lit(r, &it->key, as->item_dt, it->line))
      return -1;
  }
  as->by_key = sorted_indices(r, as->n_items, as, item_less);
  if (!as->by_key)
    return -1;
  as->items_off = doc->n_item_words;
  doc->n_item_words += as->words;
  return 0;
}

/* Row style: each Item tests a field of the record, for a category
** (field= category=, or value="field=category") or for true. */
static int
resolve_rows(pm_resolver *r, pm_model *m)
{
  pm_association *as = m->body;
  const pm_strtab *t = &pmmlR_doc(r)->strs;
  int32_t i;
  for (i = 0; i < as->n_items; i++) {
    pm_item *it = &as->items[i];
    int32_t field = it->field; /* with field=: category=, else value= */
    if (field < 0) {
      /* value= names a field (true/false), or reads "field=category". */
      if (pmmlR_field_try(r, m, it->text) >= 0) {
        field = it->text;
        it->boolean = 1;
      } else if (it->split_field >= 0 &&
                 pmmlR_field_try(r, m, it->split_field) >= 0) {
        field = it->split_field;
        it->key = it->split_key;
      } else {
        if (!pmmlR_failed(r))
          pmmlR_fail(r, PMML_E_INVALID, it->line,
                     "Item: value \"%s\" names no field (nor "
                     "\"field=category\"), and no field is a group field",
                     pmmlS_str(t, it->text));
        return -1;
      }
    }
    it->slot = pmmlR_field(r, m, field, it->line);
    if (it->slot < 0)
      return -1;
    if (!it->boolean &&
        pmmlR_lit(r, &it->key, pmmlR_slot_dtype(r, it->slot), it->line))
      return -1;
  }
  return 0;
}

/* Bytes of text a multi-valued output may need: every rule's value and a
** separator (numbers take at most 32). */
static size_t
multi_bytes(const pmml_model *doc, const pm_association *as, int f)
{
  size_t n = 0;
  int32_t i;
  for (i = 0; i < as->n_rules; i++) {
    const pm_arule *ru = &as->rules[i];
    switch (f) {
    case PM_FEAT_ANTECEDENT:
      n += pmmlS_len(&doc->strs, as->sets[ru->ante].text);
      break;
    case PM_FEAT_CONSEQUENT:
      n += pmmlS_len(&doc->strs, as->sets[ru->cons].text);
      break;
    case PM_FEAT_RULE:
      n += pmmlS_len(&doc->strs, ru->text);
      break;
    case PM_FEAT_RULE_ID:
    case PM_FEAT_ENTITY_ID:
      n += pmmlS_len(&doc->strs, ru->id);
      break;
    default:
      n += 32;
    }
    n += 1;
  }
  return n;
}

static const char *const basis_names[] = {"confidence", "support", "lift",
                                          "leverage", "affinity"};

/* Output fields: what they select, the orders they rank by. */
static int
resolve_outputs(pm_resolver *r, pm_model *m)
{
  pm_association *as = m->body;
  pmml_model *doc = pmmlR_doc(r);
  int32_t i, k;
  for (i = 0; i < m->n_of; i++) {
    pm_ofield *of = &m->of[i];
    int f = pmmlE_assoc_rule_feature(of);
    if (f < 0) {
      if (of->feature == PM_FEAT_RULE_VALUE) {
        pmmlR_fail(r, PMML_E_UNSUPPORTED, of->line,
                   "OutputField: '%s': this ruleFeature is not one of an "
                   "association rule",
                   pmmlS_str(&doc->strs, of->name));
        return -1;
      }
      continue; /* predictedValue and the like: the generic code */
    }
    if (!as->order[of->rank_basis][of->rank_order]) {
      rank_ctx rc;
      for (k = 0; k < as->n_rules; k++)
        if (isnan(as->rules[k].v[of->rank_basis])) {
          pmmlR_fail(r, PMML_E_INVALID, as->rules[k].line,
                     "AssociationRule: no %s, which OutputField '%s' ranks "
                     "by (rankBasis)",
                     basis_names[of->rank_basis],
                     pmmlS_str(&doc->strs, of->name));
          return -1;
        }
      rc.as = as;
      rc.basis = of->rank_basis;
      rc.ascending = of->rank_order == 1;
      as->order[of->rank_basis][of->rank_order] =
          sorted_indices(r, as->n_rules, &rc, rule_less);
      if (!as->order[of->rank_basis][of->rank_order])
        return -1;
    }
    if (of->multi) {
      /* The values are joined in one text. */
      of->dtype = PMML_DT_STRING;
      doc->str_scratch += multi_bytes(doc, as, f);
    } else if (of->dtype == PM_DT_ANY) {
      /* Undeclared (PMML 4.2 and older): the type of the rule feature. */
      of->dtype = f == PM_FEAT_ANTECEDENT || f == PM_FEAT_CONSEQUENT ||
                          f == PM_FEAT_RULE || f == PM_FEAT_RULE_ID ||
                          f == PM_FEAT_ENTITY_ID
                      ? PMML_DT_STRING
                      : PMML_DT_DOUBLE;
    }
  }
  return 0;
}

int
pmmlR_association(pm_resolver *r, pm_model *m)
{
  pm_association *as = m->body;
  int32_t i, group = -1;
  if (m->function != PM_FN_ASSOCIATION) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "AssociationModel: functionName must be \"associationRules\"");
    return -1;
  }
  for (i = 0; i < m->n_mf; i++)
    if (m->mf[i].usage == PM_USE_GROUP) {
      if (group >= 0) {
        pmmlR_fail(r, PMML_E_UNSUPPORTED, m->mf[i].line,
                   "MiningField: more than one usageType=\"group\" field");
        return -1;
      }
      group = i;
    }
  as->words = ((size_t)as->n_items + 63) / 64;
  if (group >= 0 ? resolve_grouped(r, m, group) : resolve_rows(r, m))
    return -1;
  if (resolve_outputs(r, m))
    return -1;
  /* The record's item set (words of 64 bits), then a byte per itemset. */
  as->scratch =
      pmmlR_scratch(r, as->words + ((size_t)as->n_sets + 7) / 8);
  return 0;
}
