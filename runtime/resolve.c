/*
** resolve.c: from names to slots. After the reader has built the IR with
** names, this pass gives every field a slot in the scoring context, types
** every literal by the field it meets, binds every Apply to a built-in or a
** DefineFunction, works out the classes of classification models, and
** decides which DataFields are inputs and which values are outputs.
**
** Scopes follow PMML's rules of field visibility. A model sees its
** LocalTransformations, its Output fields, its MiningFields (each one the
** enclosing scope's value with the field's treatments applied), the
** TransformationDictionary, then its enclosing scope; the document scope at
** the root holds the raw DataFields. A MiningField whose treatments cannot
** change any value shares its source's slot. A TransformationDictionary
** field is evaluated in the scope that refers to it (its FieldRefs see that
** model's treated values); when none of the fields it reads differ from the
** enclosing scope's, it shares the enclosing scope's instance, so a forest
** of a thousand trees computes it once per record, not a thousand times.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* A name visible in a scope besides the model's own lists. */
typedef struct sc_entry {
  int32_t name;
  int32_t slot;
} sc_entry;

struct pm_scope {
  const pm_model *m;   /* NULL: the document scope */
  pm_scope *parent;
  int32_t fn;          /* >= 0: the body of DefineFunction fn */
  int32_t *mf_slot;    /* [m->n_mf] -1 not yet, -2 in progress */
  int32_t *local_slot; /* [m->n_local] */
  int32_t *gd_slot;    /* [doc->n_gd] */
  int32_t *of_slot;    /* [m->n_of] */
  pm_vec extra;        /* sc_entry: outputs of segments (modelChain) */
};

struct pm_resolver {
  pm_loader *ld;
  pmml_model *doc;
  pm_arena *a;
  pm_vec slots;        /* pm_slot */
  pm_scope **scopes;   /* [doc->n_models] */
  pm_scope *docscope;
  uint8_t *fn_state;   /* DefineFunctions: 0 new, 1 resolving, 2 done */
  size_t scratch;
  size_t frame;        /* parameter slots needed by nested calls */
  int failed;
  char msg[256];       /* the failure of a detached resolver (no loader) */
  pm_vec seen;         /* uint32_t per string id: the list that declared
                          it last (declare()) */
  uint32_t list;       /* the list being checked */
  /* Names to indices (index_names()), so that no lookup scans a list: by
  ** string id for the document (NULL in a detached resolver), and a hash
  ** table of nm_entry for the lists of model scopes. */
  int32_t *df_of, *gd_of, *fn_of; /* [n_ids] */
  uint32_t n_ids;
  pm_vec ids;          /* int32_t: the storage of df_of, gd_of, fn_of */
  pm_vec names;        /* nm_entry, a power of two; len counts the used */
};

/* A name of a model scope: its index in each of the model's lists. */
typedef struct nm_entry {
  int32_t model, name; /* name -1: empty */
  int32_t local, of, mf;
} nm_entry;

#define EXPR(r, i) (((pm_expr *)(r)->ld->exprs.data)[i])
#define ARG(r, i) (((int32_t *)(r)->ld->args.data)[i])
#define SLOT(r, i) (((pm_slot *)(r)->slots.data)[i])
#define STR(r, id) pmmlS_str(&(r)->doc->strs, (id))

/* ------------------------------------------------------------------------ */
/* Errors and small services                                                */

void
pmmlR_fail(pm_resolver *r, pmml_status code, uint32_t line, const char *fmt,
           ...)
{
  pm_loader *ld = r->ld;
  va_list ap;
  if (r->failed)
    return;
  r->failed = 1;
  if (!ld) {
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    pmmlV_clean_message(r->msg, sizeof r->msg);
    (void)code;
    (void)line;
    return;
  }
  ld->failed = 1;
  ld->code = code;
  if (!ld->err)
    return;
  ld->err->code = code;
  ld->err->line = line;
  ld->err->column = 0;
  va_start(ap, fmt);
  vsnprintf(ld->err->message, sizeof ld->err->message, fmt, ap);
  va_end(ap);
  pmmlV_clean_message(ld->err->message, sizeof ld->err->message);
  /* The element is the one the message names first (as for the reader). */
  if (pmmlL_message_element(ld->err->message, ld->err->element,
                            sizeof ld->err->element) != 0)
    ld->err->element[0] = '\0';
}

static void
nomem(pm_resolver *r)
{
  pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
}

static void *
ralloc(pm_resolver *r, size_t n)
{
  void *p = pmmlM_alloc(r->a, n);
  if (!p)
    nomem(r);
  return p;
}

/* A resolver outside any load, allocated in doc's arena: for tests of the
** pieces that take one (built-ins', TextIndex's preparation). */
pm_resolver *
pmmlR_detached(pmml_model *doc)
{
  pm_resolver *r = pmmlM_alloc(&doc->arena, sizeof *r);
  if (r) {
    r->doc = doc;
    r->a = &doc->arena;
  }
  return r;
}

const char *
pmmlR_message(const pm_resolver *r)
{
  return r->msg;
}

pm_arena *
pmmlR_arena(pm_resolver *r)
{
  return r->a;
}

pmml_model *
pmmlR_doc(pm_resolver *r)
{
  return r->doc;
}

int
pmmlR_failed(const pm_resolver *r)
{
  return r->failed;
}

size_t
pmmlR_scratch(pm_resolver *r, size_t n)
{
  size_t off = r->scratch;
  r->scratch += n;
  return off;
}

uint8_t
pmmlR_slot_dtype(const pm_resolver *r, int32_t slot)
{
  return slot < 0 ? PM_DT_ANY : ((pm_slot *)r->slots.data)[slot].dtype;
}

static int32_t
new_slot(pm_resolver *r, uint8_t kind, uint8_t dtype, uint8_t optype,
         int32_t name)
{
  pm_slot *s;
  if (r->slots.len >= 0x7ffffff0u) {
    pmmlR_fail(r, PMML_E_LIMIT, 0, "too many fields");
    return -1;
  }
  s = pmmlM_vec_push(r->a, &r->slots, sizeof *s);
  if (!s) {
    nomem(r);
    return -1;
  }
  s->kind = kind;
  s->dtype = dtype;
  s->optype = optype;
  s->name = name;
  s->arg = s->aux = s->src = -1;
  return (int32_t)(r->slots.len - 1);
}

static int32_t *
minus_ones(pm_resolver *r, int32_t n)
{
  int32_t *p, i;
  if (n <= 0)
    return NULL;
  p = ralloc(r, (size_t)n * sizeof *p);
  if (p)
    for (i = 0; i < n; i++)
      p[i] = -1;
  return p;
}

/* ------------------------------------------------------------------------ */
/* Name index                                                               */

static uint32_t
nm_hash(int32_t model, int32_t name)
{
  return ((uint32_t)name * 2654435761u) ^ ((uint32_t)model * 40503u);
}

/* The entry of (model, name): found, or the empty one where it goes. */
static nm_entry *
nm_slot(const pm_resolver *r, int32_t model, int32_t name)
{
  nm_entry *t = r->names.data;  /* cap: a power of two (8 doubled) */
  size_t mask = r->names.cap - 1, i = nm_hash(model, name) & mask;
  while (t[i].name >= 0 && (t[i].name != name || t[i].model != model))
    i = (i + 1) & mask;
  return &t[i];
}

static const nm_entry *
nm_find(const pm_resolver *r, int32_t model, int32_t name)
{
  const nm_entry *e;
  if (!r->names.cap)
    return NULL;
  e = nm_slot(r, model, name);
  return e->name >= 0 ? e : NULL;
}

/* The entry of (model, name), added when new; NULL when memory ran out. */
static nm_entry *
nm_add(pm_resolver *r, int32_t model, int32_t name)
{
  nm_entry *e;
  if (2 * (r->names.len + 1) > r->names.cap) {
    pm_vec old = r->names;
    size_t cap = old.cap ? old.cap * 2 : 64, i;
    memset(&r->names, 0, sizeof r->names);
    if (pmmlM_vec_reserve(r->a, &r->names, sizeof(nm_entry), cap)) {
      r->names = old;
      nomem(r);
      return NULL;
    }
    for (i = 0; i < cap; i++)
      ((nm_entry *)r->names.data)[i].name = -1;
    for (i = 0; i < old.cap; i++) {
      nm_entry *o = &((nm_entry *)old.data)[i];
      if (o->name >= 0)
        *nm_slot(r, o->model, o->name) = *o;
    }
    r->names.len = old.len;
    pmmlM_vec_free(r->a, &old, sizeof(nm_entry));
  }
  e = nm_slot(r, model, name);
  if (e->name < 0) {
    e->model = model;
    e->name = name;
    e->local = e->of = e->mf = -1;
    r->names.len++;
  }
  return e;
}

/* Index the lists of model m (the first of a name wins: a second one in
** the same list is refused by unique_names()). */
static int
index_model(pm_resolver *r, const pm_model *m)
{
  int32_t i;
  nm_entry *e;
  for (i = 0; i < m->n_local; i++) {
    if (!(e = nm_add(r, m->index, m->local[i].name)))
      return -1;
    if (e->local < 0)
      e->local = i;
  }
  for (i = 0; i < m->n_of; i++) {
    if (!(e = nm_add(r, m->index, m->of[i].name)))
      return -1;
    if (e->of < 0)
      e->of = i;
  }
  for (i = 0; i < m->n_mf; i++) {
    if (!(e = nm_add(r, m->index, m->mf[i].name)))
      return -1;
    if (e->mf < 0)
      e->mf = i;
  }
  return 0;
}

/* The DataFields, DerivedFields and DefineFunctions by name. */
static int
index_document(pm_resolver *r)
{
  const pmml_model *doc = r->doc;
  size_t n = doc->strs.n, i;
  int32_t k, *all;
  if (pmmlM_vec_reserve(r->a, &r->ids, sizeof(int32_t), 3 * n + 3)) {
    nomem(r);
    return -1;
  }
  all = r->ids.data;
  for (i = 0; i < 3 * n + 3; i++)
    all[i] = -1;
  r->n_ids = (uint32_t)n;
  r->df_of = all;
  r->gd_of = all + n + 1;
  r->fn_of = all + 2 * n + 2;
  for (k = doc->n_df - 1; k >= 0; k--)
    if (doc->df[k].name >= 0 && (uint32_t)doc->df[k].name < n)
      r->df_of[doc->df[k].name] = k;
  for (k = doc->n_gd - 1; k >= 0; k--)
    if (doc->gd[k].name >= 0 && (uint32_t)doc->gd[k].name < n)
      r->gd_of[doc->gd[k].name] = k;
  for (k = doc->n_fns - 1; k >= 0; k--)
    if (doc->fns[k].name >= 0 && (uint32_t)doc->fns[k].name < n)
      r->fn_of[doc->fns[k].name] = k;
  return 0;
}

static pm_scope *
new_scope(pm_resolver *r, const pm_model *m, pm_scope *parent)
{
  pm_scope *s = ralloc(r, sizeof *s);
  if (!s)
    return NULL;
  s->m = m;
  s->parent = parent;
  s->fn = -1;
  s->gd_slot = minus_ones(r, r->doc->n_gd);
  if (m) {
    s->mf_slot = minus_ones(r, m->n_mf);
    s->local_slot = minus_ones(r, m->n_local);
    s->of_slot = minus_ones(r, m->n_of);
    if (r->df_of && index_model(r, m))
      return NULL;
  }
  return s;
}

/* ------------------------------------------------------------------------ */
/* Literals                                                                 */

/* Type literal l as dt; 'elem' (or NULL) names the element it is in, for
** the message. */
static int
lit_at(pm_resolver *r, pm_lit *l, uint8_t dt, uint32_t line,
       const char *elem)
{
  const char *text;
  size_t len;
  pm_val v;
  if (l->t == PM_T_MISSING || l->raw < 0)
    return 0;
  text = pmmlL_raw(r->ld, l->raw);
  len = strlen(text);
  if (dt == PMML_DT_INTEGER)
    dt = PMML_DT_DOUBLE; /* compared as numbers: "2.5" stays 2.5 */
  if (dt == PM_DT_ANY) {
    /* Untyped: a number if it reads as one, else a string. */
    if (pmmlV_from_text(NULL, PMML_DT_DOUBLE, text, len, &v) == 0) {
      l->t = PM_T_NUM;
      l->num = v.u.num;
      l->dt = PMML_DT_DOUBLE;
    } else {
      l->t = PM_T_STR;
      l->dt = PMML_DT_STRING;
    }
  } else if (pmmlV_from_text(NULL, dt, text, len, &v) == 0) {
    l->t = v.t;
    l->dt = dt;
    if (v.t != PM_T_STR)
      l->num = v.u.num;
  } else {
    pmmlR_fail(r, PMML_E_INVALID, line, "%s%svalue '%.60s' is not a valid %s",
               elem ? elem : "", elem ? ": " : "", text,
               pmml_dtype_name((pmml_dtype)dt));
    return -1;
  }
  /* Strings compare and print by their interned text. Numbers need no
  ** text (a forest has a threshold per node: interning them all would
  ** cost more than the nodes). */
  l->raw = -1;
  if (l->t != PM_T_STR)
    return 0;
  l->sym = pmmlS_intern(r->a, &r->doc->strs, text, len);
  if (l->sym < 0) {
    nomem(r);
    return -1;
  }
  return 0;
}

/* Type a literal and keep its text interned whatever its type: for the
** values that name things (declared Values, OutputField@value). */
static int
lit_keep_text(pm_resolver *r, pm_lit *l, uint8_t dt, uint32_t line,
              const char *elem)
{
  int32_t sym = l->sym;
  if (l->raw >= 0) {
    const char *text = pmmlL_raw(r->ld, l->raw);
    sym = pmmlS_intern(r->a, &r->doc->strs, text, strlen(text));
    if (sym < 0) {
      nomem(r);
      return -1;
    }
  }
  if (lit_at(r, l, dt, line, elem))
    return -1;
  if (l->t != PM_T_MISSING)
    l->sym = sym;
  return 0;
}

int
pmmlR_lit(pm_resolver *r, pm_lit *l, uint8_t dt, uint32_t line)
{
  return lit_at(r, l, dt, line, NULL);
}

/* ------------------------------------------------------------------------ */
/* Classes of classification models                                         */

static int
lit_same(const pm_lit *a, const pm_lit *b)
{
  if (a->t == PM_T_NUM && b->t == PM_T_NUM)
    return a->num == b->num;
  if (a->t == PM_T_BOOL && b->t == PM_T_BOOL)
    return a->num == b->num;
  return a->sym >= 0 && a->sym == b->sym;
}

int32_t
pmmlR_class(const pm_model *m, const pm_lit *l)
{
  int32_t i;
  for (i = 0; i < m->n_classes; i++)
    if (lit_same(&m->classes[i], l))
      return i;
  return -1;
}

int32_t
pmmlR_add_class(pm_resolver *r, pm_model *m, const pm_lit *l)
{
  int32_t k = pmmlR_class(m, l);
  pm_lit *nc;
  if (k >= 0)
    return k;
  nc = ralloc(r, ((size_t)m->n_classes + 1) * sizeof *nc);
  if (!nc)
    return -1;
  if (m->n_classes)
    memcpy(nc, m->classes, (size_t)m->n_classes * sizeof *nc);
  nc[m->n_classes] = *l;
  m->classes = nc;
  return m->n_classes++;
}

/* ------------------------------------------------------------------------ */
/* Lookup                                                                   */

static int32_t lookup(pm_resolver *r, pm_scope *s, int32_t name);
static int resolve_expr(pm_resolver *r, pm_scope *s, int32_t e);
static const char *field_hint(pm_resolver *r, const pm_scope *s,
                              int32_t name, char *buf, size_t size);

/* The index of the DataField called 'name' in doc->df, or -1. */
int32_t
pmmlR_datafield_index(const pmml_model *doc, int32_t name)
{
  int32_t i;
  for (i = 0; i < doc->n_df; i++)
    if (doc->df[i].name == name)
      return i;
  return -1;
}

/* The same through the resolver's index (no scan) when it has one. */
static int32_t
datafield_index(const pm_resolver *r, int32_t name)
{
  if (r->df_of)
    return name >= 0 && (uint32_t)name < r->n_ids ? r->df_of[name] : -1;
  return pmmlR_datafield_index(r->doc, name);
}

static int32_t
global_index(const pm_resolver *r, int32_t name)
{
  int32_t i;
  if (r->gd_of)
    return name >= 0 && (uint32_t)name < r->n_ids ? r->gd_of[name] : -1;
  for (i = 0; i < r->doc->n_gd; i++)
    if (r->doc->gd[i].name == name)
      return i;
  return -1;
}

/* The raw input slot of DataField i. */
static int32_t
input_slot(pm_resolver *r, int32_t i)
{
  pm_datafield *f = &r->doc->df[i];
  if (f->slot < 0) {
    int32_t s = new_slot(r, PM_SLOT_INPUT, f->dtype, f->optype, f->name);
    if (s < 0)
      return -1;
    SLOT(r, s).arg = i; /* DataField index, renumbered as inputs later */
    /* Text that does not parse, or a value outside a declared domain. */
    SLOT(r, s).maybe_invalid =
        (uint8_t)(f->dtype != PMML_DT_STRING || f->dom.n_valid > 0 ||
                  f->dom.n_values > 0 || f->dom.n_intervals > 0);
    f->slot = s;
  }
  return f->slot;
}

/* Can the MiningField's treatments change a value coming from 'src'? */
static int
mining_identity(const pm_resolver *r, const pm_mfield *mf, int32_t src)
{
  const pm_slot *s = &((pm_slot *)r->slots.data)[src];
  if (mf->miss_repl.t != PM_T_MISSING || mf->miss == PM_MISS_RETURN_INVALID)
    return 0;
  if (mf->outliers != PM_OUT_AS_IS)
    return 0;
  if (s->maybe_invalid && mf->inv != PM_INV_AS_IS)
    return 0;
  return 1;
}

static int32_t
mining_slot(pm_resolver *r, pm_scope *s, int32_t i)
{
  pm_mfield *mf = &s->m->mf[i];
  int32_t src, slot;
  if (s->mf_slot[i] >= 0)
    return s->mf_slot[i];
  if (s->mf_slot[i] == -2) {
    pmmlR_fail(r, PMML_E_REFERENCE, mf->line,
               "MiningField: '%s' refers to itself", STR(r, mf->name));
    return -1;
  }
  s->mf_slot[i] = -2;
  src = s->parent ? lookup(r, s->parent, mf->name) : -1;
  if (src < 0) {
    char hint[160];
    if (!r->failed)
      pmmlR_fail(r, PMML_E_REFERENCE, mf->line,
                 "MiningField: '%s' is not a DataField%s%s",
                 STR(r, mf->name),
                 s->parent && s->parent->m
                     ? " nor a field of the enclosing model"
                     : "",
                 field_hint(r, s->parent, mf->name, hint, sizeof hint));
    return -1;
  }
  if (mining_identity(r, mf, src)) {
    slot = src;
  } else {
    uint8_t dt = SLOT(r, src).dtype;
    slot = new_slot(r, PM_SLOT_MINING, dt,
                    mf->optype != PM_DT_ANY ? mf->optype : SLOT(r, src).optype,
                    mf->name);
    if (slot < 0)
      return -1;
    SLOT(r, slot).arg = s->m->index;
    SLOT(r, slot).aux = i;
    SLOT(r, slot).src = src;
    SLOT(r, slot).maybe_invalid =
        (uint8_t)(SLOT(r, src).maybe_invalid && mf->inv == PM_INV_AS_IS);
    SLOT(r, slot).plain = mf->outliers == PM_OUT_AS_IS;
    /* Replacement values take the field's type. */
    if (lit_at(r, &mf->miss_repl, dt, mf->line, "MiningField") ||
        lit_at(r, &mf->inv_repl, dt, mf->line, "MiningField"))
      return -1;
  }
  mf->slot = slot;
  mf->src = src;
  s->mf_slot[i] = slot;
  return slot;
}

/* A derived field's slot in scope s: expression e resolved there. The state
** is -1 before, -2 while resolving (a cycle if met again), then the slot. */
static int32_t
derived_slot(pm_resolver *r, pm_scope *s, const pm_derived *d, int32_t *state,
             int32_t e)
{
  int32_t slot;
  if (*state >= 0)
    return *state;
  if (*state == -2) {
    pmmlR_fail(r, PMML_E_REFERENCE, d->line,
               "DerivedField: '%s' is defined in terms of itself",
               STR(r, d->name));
    return -1;
  }
  *state = -2;
  if (resolve_expr(r, s, e))
    return -1;
  slot = new_slot(r, PM_SLOT_DERIVED, d->dtype, d->optype, d->name);
  if (slot < 0)
    return -1;
  SLOT(r, slot).arg = e;
  SLOT(r, slot).derived = d;
  if (d->dtype == PM_DT_ANY)
    SLOT(r, slot).dtype = EXPR(r, e).dt;
  if (d->dom.n_values) {
    int32_t k;
    for (k = 0; k < d->dom.n_values; k++)
      if (lit_at(r, &d->dom.values[k].v, SLOT(r, slot).dtype, d->line,
                 "DerivedField"))
        return -1;
  }
  *state = slot;
  return slot;
}

/* Copy expression e and its arguments (a TransformationDictionary field
** instantiated in a scope of its own). */
static int32_t
clone_expr(pm_resolver *r, int32_t e, int depth)
{
  pm_expr copy = EXPR(r, e);
  int32_t i, n = copy.n, first = -1, idx;
  pm_expr *ne;
  if (depth > PM_MAX_EXPR_DEPTH) {
    pmmlR_fail(r, PMML_E_LIMIT, copy.line,
               "expressions nested deeper than %d", PM_MAX_EXPR_DEPTH);
    return -1;
  }
  if (r->ld->exprs.len >= 0x7ffffff0u) {
    pmmlR_fail(r, PMML_E_LIMIT, copy.line, "too many expressions");
    return -1;
  }
  if (n > 0) {
    first = (int32_t)r->ld->args.len;
    if (pmmlM_vec_reserve(r->a, &r->ld->args, sizeof(int32_t),
                          r->ld->args.len + (size_t)n)) {
      nomem(r);
      return -1;
    }
    r->ld->args.len += (size_t)n;
    for (i = 0; i < n; i++) {
      int32_t c = clone_expr(r, ARG(r, copy.first + i), depth + 1);
      if (c < 0)
        return -1;
      ARG(r, first + i) = c;
    }
    copy.first = first;
  }
  ne = pmmlM_vec_push(r->a, &r->ld->exprs, sizeof *ne);
  if (!ne) {
    nomem(r);
    return -1;
  }
  idx = (int32_t)(r->ld->exprs.len - 1);
  EXPR(r, idx) = copy;
  return idx;
}

/* Do the FieldRefs of expression e find the same slots in s as in its
** enclosing scope? */
static int
same_in_parent(pm_resolver *r, pm_scope *s, int32_t e, int depth)
{
  int32_t i, n = EXPR(r, e).n, first = EXPR(r, e).first;
  if (depth > PM_MAX_EXPR_DEPTH)
    return 0;
  if (EXPR(r, e).op == PM_X_FIELD) {
    int32_t name = EXPR(r, e).name;
    int32_t a = lookup(r, s, name);
    if (a < 0 || r->failed)
      return 0;
    if (a != lookup(r, s->parent, name))
      return 0;
  }
  for (i = 0; i < n; i++)
    if (!same_in_parent(r, s, ARG(r, first + i), depth + 1))
      return 0;
  return 1;
}

/* TransformationDictionary field g seen from scope s. */
static int32_t
global_slot(pm_resolver *r, pm_scope *s, int32_t g)
{
  pm_derived *d = &r->doc->gd[g];
  int32_t e = d->expr, slot;
  if (s->gd_slot[g] != -1)
    return derived_slot(r, s, d, &s->gd_slot[g], -1);
  if (s->parent) {
    int same;
    s->gd_slot[g] = -2;
    same = same_in_parent(r, s, d->expr, 0);
    if (r->failed)
      return -1;
    if (same) {
      slot = global_slot(r, s->parent, g);
      s->gd_slot[g] = slot;
      return slot;
    }
    s->gd_slot[g] = -1;
    e = clone_expr(r, d->expr, 0);
    if (e < 0)
      return -1;
  }
  return derived_slot(r, s, d, &s->gd_slot[g], e);
}

static int32_t
lookup(pm_resolver *r, pm_scope *s, int32_t name)
{
  int32_t i;
  for (; s; s = s->parent) {
    const pm_model *m = s->m;
    if (s->fn >= 0)
      return -1;
    if (m && r->df_of) {
      /* The model's own lists, through the index. */
      const nm_entry *e = nm_find(r, m->index, name);
      if (e && e->local >= 0)
        return derived_slot(r, s, &m->local[e->local],
                            &s->local_slot[e->local], m->local[e->local].expr);
      if (e && e->of >= 0 && s->of_slot[e->of] >= 0)
        return s->of_slot[e->of];
      if (e && e->mf >= 0)
        return mining_slot(r, s, e->mf);
    } else if (m) {
      for (i = 0; i < m->n_local; i++)
        if (m->local[i].name == name)
          return derived_slot(r, s, &m->local[i], &s->local_slot[i],
                              m->local[i].expr);
      for (i = 0; i < m->n_of; i++)
        if (m->of[i].name == name && s->of_slot[i] >= 0)
          return s->of_slot[i];
      for (i = 0; i < m->n_mf; i++)
        if (m->mf[i].name == name)
          return mining_slot(r, s, i);
    }
    if (m) {
      for (i = 0; i < (int32_t)s->extra.len; i++)
        if (((sc_entry *)s->extra.data)[i].name == name)
          return ((sc_entry *)s->extra.data)[i].slot;
    } else {
      i = datafield_index(r, name);
      if (i >= 0)
        return input_slot(r, i);
    }
    i = global_index(r, name);
    if (i >= 0)
      return global_slot(r, s, i);
  }
  return -1;
}

/* " (did you mean 'x'?)" for an unknown field 'name' seen from scope s:
** the closest of the names visible there, or "". */
static const char *
field_hint(pm_resolver *r, const pm_scope *s, int32_t name, char *buf,
           size_t size)
{
  const pmml_model *doc = r->doc;
  pm_suggest sg;
  int32_t i;
  int in_fn = 0;
#define HINT(id)                                                             \
  do {                                                                       \
    if ((id) >= 0)                                                           \
      pmmlS_suggest_add(&sg, STR(r, (id)), pmmlS_len(&doc->strs, (id)));     \
  } while (0)
  pmmlS_suggest_init(&sg, STR(r, name), pmmlS_len(&doc->strs, name));
  for (; s; s = s->parent) {
    const pm_model *m = s->m;
    if (s->fn >= 0) {
      const pm_function *fn = &doc->fns[s->fn];
      for (i = 0; i < fn->n_params; i++)
        HINT(fn->params[i]);
      in_fn = 1;
      break;
    }
    if (m) {
      for (i = 0; i < m->n_local; i++)
        HINT(m->local[i].name);
      for (i = 0; i < m->n_of; i++)
        HINT(m->of[i].name);
      for (i = 0; i < m->n_mf; i++)
        HINT(m->mf[i].name);
      for (i = 0; i < (int32_t)s->extra.len; i++)
        HINT(((const sc_entry *)s->extra.data)[i].name);
    } else {
      for (i = 0; i < doc->n_df; i++)
        HINT(doc->df[i].name);
    }
  }
  for (i = 0; !in_fn && i < doc->n_gd; i++)
    HINT(doc->gd[i].name);
#undef HINT
  return pmmlS_suggest_text(&sg, buf, size);
}

int32_t
pmmlR_direct(const pm_resolver *r, int32_t slot)
{
  const pm_slot *slots = r->slots.data;
  int hops = 0;
  while (slot >= 0 && hops++ < 1000) {
    if (slots[slot].kind == PM_SLOT_INPUT)
      return slot;
    if (slots[slot].kind != PM_SLOT_MINING || !slots[slot].plain)
      return -1;
    slot = slots[slot].src;
  }
  return -1;
}

int32_t
pmmlR_field_try(pm_resolver *r, const pm_model *m, int32_t name)
{
  return lookup(r, r->scopes[m->index], name);
}

int32_t
pmmlR_field(pm_resolver *r, const pm_model *m, int32_t name, uint32_t line)
{
  int32_t slot = lookup(r, r->scopes[m->index], name);
  char hint[160];
  if (slot < 0 && !r->failed)
    pmmlR_fail(r, PMML_E_REFERENCE, line, "unknown field '%s'%s",
               STR(r, name),
               field_hint(r, r->scopes[m->index], name, hint, sizeof hint));
  return slot;
}

/* Make the outputs of segment model 'child' visible in the scope of
** 'parent' (modelChain: later segments and the parent's Output read them). */
int
pmmlR_expose_outputs(pm_resolver *r, const pm_model *parent,
                     const pm_model *child)
{
  pm_scope *ps = r->scopes[parent->index], *cs = r->scopes[child->index];
  int32_t i;
  for (i = 0; i < child->n_of; i++) {
    sc_entry *e;
    if (cs->of_slot[i] < 0)
      continue;
    e = pmmlM_vec_push(r->a, &ps->extra, sizeof *e);
    if (!e) {
      nomem(r);
      return -1;
    }
    e->name = child->of[i].name;
    e->slot = cs->of_slot[i];
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Expressions                                                              */

static int32_t
function_index(const pm_resolver *r, int32_t name)
{
  int32_t i;
  if (r->fn_of)
    return name >= 0 && (uint32_t)name < r->n_ids ? r->fn_of[name] : -1;
  for (i = 0; i < r->doc->n_fns; i++)
    if (r->doc->fns[i].name == name)
      return i;
  return -1;
}

/* Resolve the body of DefineFunction i once, in a scope of its
** parameters. */
static int
resolve_function(pm_resolver *r, int32_t i, uint32_t line)
{
  pm_function *fn = &r->doc->fns[i];
  pm_scope *fs;
  int rc;
  if (r->fn_state[i] == 2)
    return 0;
  if (r->fn_state[i] == 1) {
    pmmlR_fail(r, PMML_E_REFERENCE, line,
               "DefineFunction: '%s' calls itself (recursion is not allowed)",
               STR(r, fn->name));
    return -1;
  }
  r->fn_state[i] = 1;
  fs = new_scope(r, NULL, NULL);
  if (!fs)
    return -1;
  fs->fn = i;
  rc = resolve_expr(r, fs, fn->expr);
  r->fn_state[i] = 2;
  return rc;
}

/* The literals of an expression's table column, typed as dt. */
static int
type_column(pm_resolver *r, pm_table *t, int32_t col, uint8_t dt,
            uint32_t line)
{
  int32_t row;
  for (row = 0; row < t->n_rows; row++)
    if (lit_at(r, &t->cells[(size_t)row * t->n_cols + col], dt, line,
               "MapValues"))
      return -1;
  return 0;
}

static int32_t table_column(const pm_table *t, int32_t name);

/* Type a table column as strings (TextIndexNormalization). */
static int
pmmlR_lit_column(pm_resolver *r, pm_table *t, int32_t col)
{
  return type_column(r, t, col, PMML_DT_STRING, 0);
}

static int32_t
table_column(const pm_table *t, int32_t name)
{
  int32_t i;
  for (i = 0; i < t->n_cols; i++)
    if (t->cols[i] == name)
      return i;
  return -1;
}

static int
resolve_mapvalues(pm_resolver *r, int32_t e)
{
  pm_expr *x = &EXPR(r, e);
  pm_mapvalues *mv = x->ext;
  pm_table *t = mv->table;
  uint32_t line = x->line;
  int32_t i, n = x->n, col;
  uint8_t dt = x->dt;
  if (mv->typed) {
    /* A clone shares the table: typed already. */
    return 0;
  }
  for (i = 0; i < n; i++) {
    col = table_column(t, mv->in_cols[i]);
    if (col < 0) {
      pmmlR_fail(r, PMML_E_REFERENCE, line,
                 "MapValues: the table has no column '%s'",
                 STR(r, mv->in_cols[i]));
      return -1;
    }
    mv->in_cols[i] = col;
    if (type_column(r, t, col, EXPR(r, ARG(r, EXPR(r, e).first + i)).dt,
                    line))
      return -1;
  }
  col = table_column(t, mv->out_col);
  if (col < 0) {
    pmmlR_fail(r, PMML_E_REFERENCE, line,
               "MapValues: the table has no column '%s'",
               STR(r, mv->out_col));
    return -1;
  }
  mv->out_col = col;
  if (type_column(r, t, col, dt, line))
    return -1;
  mv->typed = 1;
  return 0;
}

/* TextIndexNormalization columns: names as read, indices from now on
** (-1: the table has no column of that name, e.g. no regexField). */
static int
resolve_textnorms(pm_resolver *r, pm_textindex *ti, uint32_t line)
{
  int32_t i;
  if (ti->norms_resolved)
    return 0; /* a clone shares them */
  for (i = 0; i < ti->n_norms; i++) {
    pm_textnorm *tn = &ti->norms[i];
    int32_t in = table_column(tn->table, tn->in_col);
    int32_t out = table_column(tn->table, tn->out_col);
    if (in < 0 || out < 0) {
      pmmlR_fail(r, PMML_E_REFERENCE, line,
                 "TextIndexNormalization: the table has no column '%s'",
                 STR(r, in < 0 ? tn->in_col : tn->out_col));
      return -1;
    }
    tn->in_col = in;
    tn->out_col = out;
    tn->regex_col = table_column(tn->table, tn->regex_col);
    if (pmmlR_lit_column(r, tn->table, in) ||
        pmmlR_lit_column(r, tn->table, out) ||
        (tn->regex_col >= 0 && pmmlR_lit_column(r, tn->table, tn->regex_col)))
      return -1;
  }
  ti->norms_resolved = 1;
  return 0;
}

static int
resolve_expr_at(pm_resolver *r, pm_scope *s, int32_t e, int depth)
{
  int32_t i, n, first;
  uint8_t op;
  uint32_t line;
  if (r->failed)
    return -1;
  if (depth > PM_MAX_EXPR_DEPTH) {
    pmmlR_fail(r, PMML_E_LIMIT, EXPR(r, e).line,
               "expressions nested deeper than %d", PM_MAX_EXPR_DEPTH);
    return -1;
  }
  op = EXPR(r, e).op;
  n = EXPR(r, e).n;
  first = EXPR(r, e).first;
  line = EXPR(r, e).line;
  if (op == PM_X_FIELD && s->fn >= 0) {
    /* Inside a DefineFunction only its parameters are visible. */
    pm_function *fn = &r->doc->fns[s->fn];
    for (i = 0; i < fn->n_params; i++)
      if (fn->params[i] == EXPR(r, e).name)
        break;
    if (i == fn->n_params) {
      char hint[160];
      pmmlR_fail(r, PMML_E_REFERENCE, line,
                 "FieldRef: '%s' is not a parameter of DefineFunction '%s'%s",
                 STR(r, EXPR(r, e).name), STR(r, fn->name),
                 field_hint(r, s, EXPR(r, e).name, hint, sizeof hint));
      return -1;
    }
    EXPR(r, e).op = PM_X_PARAM;
    EXPR(r, e).fn = i;
    EXPR(r, e).dt = fn->param_dt[i];
    return lit_at(r, &EXPR(r, e).missing, EXPR(r, e).dt, line, "FieldRef");
  }
  if (op == PM_X_PARAM)
    return 0; /* a function body resolved before */
  if (op == PM_X_CONST && s->fn >= 0 && EXPR(r, e).dt == PM_DT_ANY &&
      EXPR(r, e).lit.raw >= 0) {
    /* SAS Enterprise Miner writes a parameter reference inside a
    ** DefineFunction as <Constant>NAME</Constant>. An untyped Constant
    ** whose text is exactly the name of a parameter of the function is read
    ** as that parameter (pmmlc check warns about it). */
    const pm_function *fn = &r->doc->fns[s->fn];
    const char *text = pmmlL_raw(r->ld, EXPR(r, e).lit.raw);
    for (i = 0; i < fn->n_params; i++)
      if (!strcmp(STR(r, fn->params[i]), text)) {
        EXPR(r, e).op = PM_X_PARAM;
        EXPR(r, e).fn = i;
        EXPR(r, e).dt = fn->param_dt[i];
        EXPR(r, e).name = fn->params[i];
        EXPR(r, e).flags |= PM_XF_SAS_PARAM;
        EXPR(r, e).lit.t = PM_T_MISSING;
        EXPR(r, e).lit.raw = -1;
        return 0;
      }
  }
  for (i = 0; i < n; i++)
    if (resolve_expr_at(r, s, ARG(r, first + i), depth + 1))
      return -1;
  switch (op) {
  case PM_X_CONST:
    return lit_at(r, &EXPR(r, e).lit, EXPR(r, e).dt, line, "Constant") ? -1 : 0;
  case PM_X_FIELD: {
    int32_t slot = lookup(r, s, EXPR(r, e).name);
    if (slot < 0) {
      char hint[160];
      if (!r->failed)
        pmmlR_fail(r, PMML_E_REFERENCE, line,
                   "FieldRef: unknown field '%s'%s", STR(r, EXPR(r, e).name),
                   field_hint(r, s, EXPR(r, e).name, hint, sizeof hint));
      return -1;
    }
    EXPR(r, e).slot = slot;
    EXPR(r, e).dt = SLOT(r, slot).dtype;
    return lit_at(r, &EXPR(r, e).missing, EXPR(r, e).dt, line, "FieldRef");
  }
  case PM_X_NORMCONT:
    EXPR(r, e).dt = PMML_DT_DOUBLE;
    return lit_at(r, &EXPR(r, e).missing, PMML_DT_DOUBLE, line,
                  "NormContinuous");
  case PM_X_NORMDISC:
    if (lit_at(r, &EXPR(r, e).lit, EXPR(r, ARG(r, first)).dt, line,
               "NormDiscrete"))
      return -1;
    EXPR(r, e).dt = PMML_DT_DOUBLE;
    return lit_at(r, &EXPR(r, e).missing, PMML_DT_DOUBLE, line, "NormDiscrete");
  case PM_X_DISCRETIZE: {
    pm_discretize *d = EXPR(r, e).ext;
    uint8_t dt = EXPR(r, e).dt;
    for (i = 0; i < d->n; i++)
      if (lit_at(r, &d->values[i], dt, line, "Discretize"))
        return -1;
    if (dt == PM_DT_ANY && d->n)
      EXPR(r, e).dt = dt = d->values[0].dt;
    return lit_at(r, &EXPR(r, e).missing, dt, line, "Discretize") ||
                   lit_at(r, &EXPR(r, e).deflt, dt, line, "Discretize")
               ? -1
               : 0;
  }
  case PM_X_MAPVALUES: {
    uint8_t dt = EXPR(r, e).dt;
    if (resolve_mapvalues(r, e))
      return -1;
    return lit_at(r, &EXPR(r, e).missing, dt, line, "MapValues") ||
                   lit_at(r, &EXPR(r, e).deflt, dt, line, "MapValues")
               ? -1
               : 0;
  }
  case PM_X_TEXTINDEX: {
    pm_textindex *ti = EXPR(r, e).ext;
    EXPR(r, e).dt = PMML_DT_DOUBLE;
    if (EXPR(r, ARG(r, first)).op == PM_X_FIELD)
      ti->text_slot = EXPR(r, ARG(r, first)).slot;
    return resolve_textnorms(r, ti, line) || pmmlR_textindex(r, ti, line)
               ? -1
               : 0;
  }
  case PM_X_IF:
    if (n < 2 || n > 3) {
      pmmlR_fail(r, PMML_E_INVALID, line,
                 "Apply: function 'if' takes 2 or 3 arguments, not %d",
                 (int)n);
      return -1;
    }
    return lit_at(r, &EXPR(r, e).missing, PM_DT_ANY, line, "Apply") ||
                   lit_at(r, &EXPR(r, e).deflt, PM_DT_ANY, line, "Apply")
               ? -1
               : 0;
  case PM_X_APPLY: {
    const char *name = STR(r, EXPR(r, e).name);
    int id = pmmlE_builtin_find(name, strlen(name));
    if (id >= 0) {
      const pm_builtin_info *bi = &pmmlE_builtins[id];
      if (n < bi->lo || (bi->hi >= 0 && n > bi->hi)) {
        pmmlR_fail(r, PMML_E_INVALID, line,
                   "Apply: function '%s' takes %d%s%s arguments, not %d",
                   name, bi->lo, bi->hi == bi->lo ? "" : " or more",
                   "", (int)n);
        return -1;
      }
      EXPR(r, e).fn = id;
      {
        uint8_t dts[16];
        int32_t k, m = n < 16 ? n : 16;
        for (k = 0; k < m; k++)
          dts[k] = EXPR(r, ARG(r, first + k)).dt;
        EXPR(r, e).dt = pmmlE_builtin_dtype(id, dts, (int)m);
      }
      if (pmmlR_builtin(r, &EXPR(r, e)))
        return -1;
    } else {
      int32_t f = function_index(r, EXPR(r, e).name);
      if (f < 0) {
        pm_suggest sg;
        char hint[160];
        int k;
        pmmlS_suggest_init(&sg, name, strlen(name));
        for (k = 0; k < PM_BI_COUNT; k++)
          pmmlS_suggest_add(&sg, pmmlE_builtins[k].name,
                            strlen(pmmlE_builtins[k].name));
        for (k = 0; k < r->doc->n_fns; k++)
          pmmlS_suggest_add(&sg, STR(r, r->doc->fns[k].name),
                            pmmlS_len(&r->doc->strs, r->doc->fns[k].name));
        pmmlR_fail(r, PMML_E_REFERENCE, line,
                   "Apply: unknown function '%s'%s", name,
                   pmmlS_suggest_text(&sg, hint, sizeof hint));
        return -1;
      }
      if (r->doc->fns[f].n_params != n) {
        pmmlR_fail(r, PMML_E_INVALID, line,
                   "Apply: function '%s' takes %d arguments, not %d", name,
                   (int)r->doc->fns[f].n_params, (int)n);
        return -1;
      }
      if (resolve_function(r, f, line))
        return -1;
      EXPR(r, e).op = PM_X_CALL;
      EXPR(r, e).fn = f;
      EXPR(r, e).dt = r->doc->fns[f].dtype;
    }
    return lit_at(r, &EXPR(r, e).missing, EXPR(r, e).dt, line, "Apply") ||
                   lit_at(r, &EXPR(r, e).deflt, EXPR(r, e).dt, line, "Apply")
               ? -1
               : 0;
  }
  default:
    pmmlR_fail(r, PMML_E_UNSUPPORTED, line, "this expression is not supported");
    return -1;
  }
}

static int
resolve_expr(pm_resolver *r, pm_scope *s, int32_t e)
{
  return resolve_expr_at(r, s, e, 0);
}

int
pmmlR_expr(pm_resolver *r, const pm_model *m, int32_t e)
{
  return resolve_expr(r, r->scopes[m->index], e);
}

int32_t
pmmlR_arg(const pm_resolver *r, int32_t i)
{
  return r->ld ? ((int32_t *)r->ld->args.data)[i] : r->doc->args[i];
}

/* Expression e while resolving: the loader holds them until the end
** (doc->exprs is set only then); a detached resolver reads the document. */
const pm_expr *
pmmlR_expr_at(const pm_resolver *r, int32_t e)
{
  return r->ld ? &((const pm_expr *)r->ld->exprs.data)[e] : &r->doc->exprs[e];
}

uint8_t
pmmlR_expr_dtype(const pm_resolver *r, int32_t e)
{
  return ((pm_expr *)r->ld->exprs.data)[e].dt;
}

/* ------------------------------------------------------------------------ */
/* Predicates                                                               */

static int
resolve_pred_at(pm_resolver *r, pm_scope *s, int32_t p, int depth)
{
  pm_pred *pr = &r->doc->preds[p];
  const char *kind;
  int32_t i;
  uint8_t dt;
  if (depth > PM_MAX_EXPR_DEPTH) {
    pmmlR_fail(r, PMML_E_LIMIT, pr->line,
               "predicates nested deeper than %d", PM_MAX_EXPR_DEPTH);
    return -1;
  }
  switch (pr->kind) {
  case PM_P_TRUE:
  case PM_P_FALSE:
    return 0;
  case PM_P_COMPOUND:
    for (i = 0; i < pr->n; i++)
      if (resolve_pred_at(r, s, ARG(r, pr->first + i), depth + 1))
        return -1;
    return 0;
  default:
    break;
  }
  pr->slot = lookup(r, s, pr->name);
  if (pr->slot < 0) {
    char hint[160];
    if (!r->failed)
      pmmlR_fail(r, PMML_E_REFERENCE, pr->line, "%s: unknown field '%s'%s",
                 pr->kind == PM_P_SET ? "SimpleSetPredicate"
                                      : "SimplePredicate",
                 STR(r, pr->name),
                 field_hint(r, s, pr->name, hint, sizeof hint));
    return -1;
  }
  dt = SLOT(r, pr->slot).dtype;
  pr->direct = pmmlR_direct(r, pr->slot);
  kind = pr->kind == PM_P_SET ? "SimpleSetPredicate" : "SimplePredicate";
  /* A value of NaN equals nothing and orders nothing: an error of the
  ** exporter, not a predicate (infinities are fine thresholds). */
  if (pr->kind == PM_P_SIMPLE) {
    if (lit_at(r, &pr->v, dt, pr->line, kind))
      return -1;
    if (pr->v.t == PM_T_NUM && pr->v.num != pr->v.num) {
      pmmlR_fail(r, PMML_E_INVALID, pr->line,
                 "SimplePredicate: field '%s' compared with NaN",
                 STR(r, pr->name));
      return -1;
    }
    return 0;
  }
  for (i = 0; i < pr->n; i++) {
    if (lit_at(r, &pr->set[i], dt, pr->line, kind))
      return -1;
    if (pr->set[i].t == PM_T_NUM && pr->set[i].num != pr->set[i].num) {
      pmmlR_fail(r, PMML_E_INVALID, pr->line,
                 "SimpleSetPredicate: NaN in the set of field '%s'",
                 STR(r, pr->name));
      return -1;
    }
  }
  return 0;
}

int
pmmlR_pred(pm_resolver *r, const pm_model *m, int32_t p)
{
  return resolve_pred_at(r, r->scopes[m->index], p, 0);
}

/* ------------------------------------------------------------------------ */
/* Models                                                                   */

/* Data type and optype of the model's target, and its declared classes. */
static int
resolve_target(pm_resolver *r, pm_model *m)
{
  int32_t df = m->target_name >= 0 ? datafield_index(r, m->target_name)
                                   : -1;
  int32_t i;
  int classification = m->function == PM_FN_CLASSIFICATION;
  /* Clusters are named by their ids, which are strings. */
  int categorical = classification || m->function == PM_FN_CLUSTERING;
  m->target_dt = categorical ? PMML_DT_STRING : PMML_DT_DOUBLE;
  m->target_op = categorical ? PMML_OP_CATEGORICAL : PMML_OP_CONTINUOUS;
  if (df >= 0) {
    pm_datafield *f = &r->doc->df[df];
    m->target_dt = f->dtype;
    m->target_op = f->optype;
    if (classification && f->dom.n_valid > 0) {
      for (i = 0; i < f->dom.n_values; i++) {
        pm_lit l = f->dom.values[i].v;
        if (f->dom.values[i].property != PM_PROP_VALID)
          continue;
        if (l.raw >= 0 && lit_at(r, &l, f->dtype, f->line, "DataField"))
          return -1;
        if (pmmlR_add_class(r, m, &l) < 0)
          return -1;
      }
    }
  }
  if (m->target_mf >= 0 && m->mf[m->target_mf].optype != PM_DT_ANY)
    m->target_op = m->mf[m->target_mf].optype;
  /* Targets: literals take the target's type; TargetValues name classes. */
  for (i = 0; i < m->n_targets; i++) {
    pm_target *t = &m->targets[i];
    int32_t k;
    if (t->field >= 0 && m->target_name >= 0 && t->field != m->target_name)
      continue;
    if (t->optype != PM_DT_ANY)
      m->target_op = t->optype;
    for (k = 0; k < t->n_values; k++) {
      pm_tvalue *tv = &t->values[k];
      if (lit_at(r, &tv->v, m->target_dt, m->line, "TargetValue") ||
          lit_at(r, &tv->deflt, m->target_dt, m->line, "TargetValue"))
        return -1;
      if (classification && tv->v.t != PM_T_MISSING &&
          pmmlR_add_class(r, m, &tv->v) < 0)
        return -1;
    }
  }
  return 0;
}

/* The data type an output feature yields when the field does not say. */
static uint8_t
feature_dtype(const pm_model *m, const pm_ofield *of)
{
  switch (of->feature) {
  case PM_FEAT_PREDICTED:
    return m->target_dt;
  case PM_FEAT_DISPLAY:
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_CLUSTER_ID:
  case PM_FEAT_WARNING:
  case PM_FEAT_REASON_CODE:
  case PM_FEAT_RULE_ID:
  case PM_FEAT_RULE:
  case PM_FEAT_ANTECEDENT:
  case PM_FEAT_CONSEQUENT:
  case PM_FEAT_DECISION:
    return PMML_DT_STRING;
  case PM_FEAT_TRANSFORMED:
  case PM_FEAT_RULE_VALUE:
    return PM_DT_ANY;
  default:
    return PMML_DT_DOUBLE;
  }
}

/* Output fields: typed values, class indices, slots, expressions. */
static int
resolve_outputs_classes(pm_resolver *r, pm_model *m)
{
  int32_t i;
  for (i = 0; i < m->n_of; i++) {
    pm_ofield *of = &m->of[i];
    uint8_t f = of->feature;
    /* (affinity's value= names an entity, a cluster or an instance, by
    ** its id: it is kept as text, like the other entity features.) */
    if (of->rank == 0 && !of->multi) {
      pmmlR_fail(r, PMML_E_INVALID, of->line,
                 "OutputField: '%s': rank=\"0\" (every value) needs "
                 "isMultiValued=\"true\"",
                 STR(r, of->name));
      return -1;
    }
    if (f == PM_FEAT_PROBABILITY || f == PM_FEAT_CONFIDENCE ||
        f == PM_FEAT_RESIDUAL) {
      if (lit_keep_text(r, &of->value, m->target_dt, of->line, "OutputField"))
        return -1;
      if (of->value.t != PM_T_MISSING && m->function == PM_FN_CLASSIFICATION
          && (f == PM_FEAT_PROBABILITY || f == PM_FEAT_CONFIDENCE)) {
        of->klass = pmmlR_add_class(r, m, &of->value);
        if (of->klass < 0)
          return -1;
      }
    } else if (lit_keep_text(r, &of->value, PM_DT_ANY, of->line,
                             "OutputField")) {
      return -1;
    }
  }
  return 0;
}

/* PMML 4.4 Output, RESULT-FEATURE: the names of the PM_FEAT_* values. */
const char *const pmmlR_feature_names[PM_FEAT_COUNT + 1] = {
  "predictedValue", "predictedDisplayValue", "probability",
  "transformedValue", "decision", "confidence", "residual", "standardError",
  "standardDeviation", "entityId", "clusterId", "affinity", "entityAffinity",
  "clusterAffinity", "warning", "ruleValue", "reasonCode", "antecedent",
  "consequent", "rule", "ruleId", "support", "lift", "leverage",
  "confidenceIntervalLower", "confidenceIntervalUpper", NULL};

/* Can a model of this family and function produce output feature f? */
int
pmmlR_feature_supported(int family, int function, int f)
{
  switch (f) {
  case PM_FEAT_PREDICTED:
  case PM_FEAT_DISPLAY:
  case PM_FEAT_TRANSFORMED:
  case PM_FEAT_DECISION:
  case PM_FEAT_WARNING:
    return 1;
  case PM_FEAT_PROBABILITY:
  case PM_FEAT_CONFIDENCE:
    if (function == PM_FN_CLASSIFICATION)
      return 1;
    break;
  default:
    break;
  }
  return pmmlL_families[family] &&
         (pmmlL_families[family]->features & PM_FEAT_BIT(f)) != 0;
}

static int
resolve_outputs(pm_resolver *r, pm_model *m)
{
  pm_scope *s = r->scopes[m->index];
  int32_t i;
  for (i = 0; i < m->n_of; i++)
    if (!pmmlR_feature_supported(m->family, m->function,
                                 m->of[i].feature)) {
      pmmlR_fail(r, PMML_E_UNSUPPORTED, m->of[i].line,
                 "OutputField: feature=\"%s\" of '%s' is not supported for "
                 "%s %s",
                 pmmlR_feature_names[m->of[i].feature], STR(r, m->of[i].name),
                 m->function == PM_FN_CLASSIFICATION ? "a classification"
                                                     : "a",
                 pmmlL_families[m->family]->element);
      return -1;
    }
  for (i = 0; i < m->n_of; i++) {
    pm_ofield *of = &m->of[i];
    uint8_t dt = of->dtype != PM_DT_ANY ? of->dtype : feature_dtype(m, of);
    int32_t slot = new_slot(r, PM_SLOT_OUTPUT, dt,
                            of->optype != PM_DT_ANY ? of->optype
                            : pmmlV_numeric_dt(dt) && dt != PMML_DT_INTEGER
                                ? PMML_OP_CONTINUOUS
                                : PMML_OP_CATEGORICAL,
                            of->name);
    if (slot < 0)
      return -1;
    SLOT(r, slot).arg = m->index;
    SLOT(r, slot).aux = i;
    of->slot = slot;
  }
  /* An OutputField sees the ones before it, not itself nor later ones:
  ** sklearn2pmml names an output after the DerivedField it reads. */
  for (i = 0; i < m->n_of; i++) {
    pm_ofield *of = &m->of[i];
    if (of->expr >= 0 && resolve_expr(r, s, of->expr))
      return -1;
    if (of->expr >= 0 && SLOT(r, of->slot).dtype == PM_DT_ANY) {
      uint8_t dt = EXPR(r, of->expr).dt;
      SLOT(r, of->slot).dtype = dt;
      if (of->optype == PM_DT_ANY)
        SLOT(r, of->slot).optype =
            dt != PM_DT_ANY && pmmlV_numeric_dt(dt) && dt != PMML_DT_INTEGER
                ? PMML_OP_CONTINUOUS
                : PMML_OP_CATEGORICAL;
    }
    s->of_slot[i] = of->slot;
  }
  return 0;
}

/*
** Field names are unique within one list: PMML 3.0 on, "DerivedFields in
** the TransformationDictionary or LocalTransformations together with
** DataFields in the DataDictionary must have unique names". A second
** declaration in the same list (the DataDictionary and the
** TransformationDictionary count as one) is refused. Across lists the
** nearest one hides the others, as lookup() searches: a model's
** LocalTransformations, Output, MiningSchema, then the enclosing scopes
** (sklearn2pmml names an OutputField after the DerivedField it reads, and
** segments reuse the names of their siblings). Start a list with list = 0.
*/
static int
declare(pm_resolver *r, int32_t name, uint32_t line, const char *what,
        int list)
{
  uint32_t *seen;
  if (list == 0) {
    r->list++;
    return 0;
  }
  if (name < 0 || (uint32_t)name >= r->doc->strs.n)
    return 0;
  if (r->seen.len < r->doc->strs.n) {
    if (pmmlM_vec_reserve(r->a, &r->seen, sizeof(uint32_t), r->doc->strs.n)) {
      nomem(r);
      return -1;
    }
    memset((uint32_t *)r->seen.data + r->seen.len, 0,
           (r->doc->strs.n - r->seen.len) * sizeof(uint32_t));
    r->seen.len = r->doc->strs.n;
  }
  seen = r->seen.data;
  if (seen[name] == r->list) {
    pmmlR_fail(r, PMML_E_INVALID, line,
               "%s: '%s' is declared twice in the same scope", what,
               STR(r, name));
    return -1;
  }
  seen[name] = r->list;
  return 0;
}

/* The lists of model m: no name twice in any. */
static int
unique_names(pm_resolver *r, const pm_model *m)
{
  int32_t i;
  declare(r, -1, 0, NULL, 0);
  for (i = 0; i < m->n_local; i++)
    if (declare(r, m->local[i].name, m->local[i].line, "DerivedField", 1))
      return -1;
  declare(r, -1, 0, NULL, 0);
  for (i = 0; i < m->n_mf; i++)
    if (declare(r, m->mf[i].name, m->mf[i].line, "MiningField", 1))
      return -1;
  declare(r, -1, 0, NULL, 0);
  for (i = 0; i < m->n_of; i++)
    if (declare(r, m->of[i].name, m->of[i].line, "OutputField", 1))
      return -1;
  return 0;
}

int
pmmlR_model(pm_resolver *r, pm_model *m, pm_model *parent)
{
  const pm_family *fam = pmmlL_families[m->family];
  pm_scope *s = new_scope(r, m, parent ? r->scopes[parent->index]
                                       : r->docscope);
  if (!s)
    return -1;
  r->scopes[m->index] = s;
  if (unique_names(r, m))
    return -1;
  if (resolve_target(r, m) || resolve_outputs_classes(r, m))
    return -1;
  if (fam->resolve && fam->resolve(r, m))
    return -1;
  if (resolve_outputs(r, m))
    return -1;
  if (m->n_classes > 0)
    m->res_off = pmmlR_scratch(r, 2 * (size_t)m->n_classes);
  if (fam->scratch)
    (void)pmmlR_scratch(r, fam->scratch(m));
  return r->failed ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* The document                                                             */

/* The public outputs of the top-level model: its target's predicted value,
** then every final OutputField. */
static int
public_outputs(pm_resolver *r, pm_model *top)
{
  pmml_model *doc = r->doc;
  int32_t i, n = 0;
  doc->outs = ralloc(r, ((size_t)top->n_of + 1) * sizeof *doc->outs);
  if (!doc->outs)
    return -1;
  if (top->target_name >= 0) {
    pm_out *o = &doc->outs[n++];
    o->name = top->target_name;
    o->slot = -1;
    o->model = top->index;
    o->dtype = top->target_dt;
    o->optype = top->target_op;
    o->prob_class = o->prob_model = -1;
  }
  for (i = 0; i < top->n_of; i++) {
    pm_out *o;
    if (!top->of[i].final)
      continue;
    o = &doc->outs[n++];
    o->name = top->of[i].name;
    o->slot = top->of[i].slot;
    o->model = top->index;
    o->dtype = SLOT(r, o->slot).dtype;
    o->optype = SLOT(r, o->slot).optype;
    o->prob_class = o->prob_model = -1;
  }
  doc->n_outs = n;
  return 0;
}

/*
** The per-record plan: what score_record() (eval.c) does for every record
** beyond the model, decided here once so that a record of plain numbers
** takes no general path it does not need.
**
** - checks: the top model's active MiningFields with returnInvalid (the
**   default invalidValueTreatment, so usually all of them), with the input
**   a valid value passes through unchanged (pmmlR_direct): a valid input
**   needs no look at the field.
** - outputs that are probability(value=) of a family that leaves the
**   feature to the common code (pmmlE_slot_compute's fast path) are copied
**   from the result in place.
** - every model's classes as predicted values (pmmlE_class_value), made
**   once instead of from their literals for every record.
*/
static int
plan(pm_resolver *r)
{
  pmml_model *doc = r->doc;
  const pm_model *top = doc->top;
  int32_t i, n = 0;
  for (i = 0; i < top->n_mf; i++)
    n += top->mf[i].slot >= 0 && top->mf[i].usage == PM_USE_ACTIVE &&
         (top->mf[i].inv == PM_INV_RETURN_INVALID ||
          top->mf[i].miss == PM_MISS_RETURN_INVALID);
  doc->checks = n ? ralloc(r, (size_t)n * sizeof *doc->checks) : NULL;
  if (n && !doc->checks)
    return -1;
  doc->n_checks = n;
  for (i = 0, n = 0; i < top->n_mf; i++) {
    const pm_mfield *mf = &top->mf[i];
    if (mf->slot >= 0 && mf->usage == PM_USE_ACTIVE &&
        (mf->inv == PM_INV_RETURN_INVALID ||
         mf->miss == PM_MISS_RETURN_INVALID)) {
      doc->checks[n].slot = mf->slot;
      doc->checks[n++].direct = pmmlR_direct(r, mf->slot);
    }
  }
  for (i = 0; i < doc->n_outs; i++) {
    pm_out *o = &doc->outs[i];
    const pm_slot *s;
    const pm_model *m;
    const pm_ofield *of;
    if (o->slot < 0 || SLOT(r, o->slot).kind != PM_SLOT_OUTPUT)
      continue;
    s = &SLOT(r, o->slot);
    m = doc->models[s->arg];
    of = &m->of[s->aux];
    if (of->feature == PM_FEAT_PROBABILITY && of->klass >= 0 &&
        !pmmlL_families[m->family]->feature &&
        (of->dtype == PMML_DT_DOUBLE || of->dtype == PM_DT_ANY)) {
      o->prob_class = of->klass;
      o->prob_model = m->index;
    }
  }
  for (i = 0; i < doc->n_models; i++) {
    pm_model *m = doc->models[i];
    pm_val *cv;
    int32_t k;
    if (!m || m->n_classes <= 0)
      continue;
    cv = ralloc(r, (size_t)m->n_classes * sizeof *cv);
    if (!cv)
      return -1;
    for (k = 0; k < m->n_classes; k++)
      cv[k] = pmmlE_class_value(doc, m, k);
    m->class_vals = cv;
  }
  return 0;
}

/* The inputs: DataFields that something reads, in DataDictionary order. */
static int
inputs(pm_resolver *r)
{
  pmml_model *doc = r->doc;
  int32_t i, n = 0;
  for (i = 0; i < doc->n_df; i++)
    if (doc->df[i].slot >= 0)
      n++;
  doc->inputs = n ? ralloc(r, (size_t)n * sizeof *doc->inputs) : NULL;
  doc->input_slot = n ? ralloc(r, (size_t)n * sizeof *doc->input_slot) : NULL;
  doc->input_plain = n ? ralloc(r, (size_t)n) : NULL;
  if (n && (!doc->inputs || !doc->input_slot || !doc->input_plain))
    return -1;
  doc->n_inputs = n;
  for (i = 0, n = 0; i < doc->n_df; i++) {
    const pm_datafield *f = &doc->df[i];
    if (f->slot < 0)
      continue;
    doc->df[i].input = n;
    SLOT(r, f->slot).arg = n;
    doc->input_slot[n] = f->slot;
    doc->input_plain[n] = PM_PLAIN_NO;
    if (f->dom.n_values == 0 && f->dom.n_intervals == 0)
      doc->input_plain[n] = f->dtype == PMML_DT_DOUBLE    ? PM_PLAIN_DOUBLE
                            : f->dtype == PMML_DT_FLOAT   ? PM_PLAIN_FLOAT
                            : f->dtype == PMML_DT_INTEGER ? PM_PLAIN_INTEGER
                                                          : PM_PLAIN_NO;
    doc->inputs[n++] = i;
  }
  return 0;
}

/*
** PMML_LOAD_RESOLVE_ALL: resolve what scoring never reads, so that its
** errors show: DefineFunctions nobody calls, TransformationDictionary fields
** no scope refers to (in the document scope, where their FieldRefs see the
** DataFields), unused LocalTransformations and MiningFields (in their
** model's scope). A DataField that only these read is no input: its slot
** is orphaned (nothing that scoring evaluates refers to it).
*/
static int
resolve_unused(pm_resolver *r)
{
  pmml_model *doc = r->doc;
  uint8_t *had = ralloc(r, (size_t)doc->n_df + 1);
  int32_t i, k, j;
  if (!had)
    return -1;
  for (i = 0; i < doc->n_df; i++)
    had[i] = doc->df[i].slot >= 0;
  for (i = 0; i < doc->n_fns; i++)
    if (r->fn_state[i] != 2 && resolve_function(r, i, doc->fns[i].line))
      return -1;
  for (k = 0; k < doc->n_gd; k++) {
    int used = r->docscope->gd_slot[k] >= 0;
    for (j = 0; j < doc->n_models && !used; j++)
      used = r->scopes[j] && r->scopes[j]->gd_slot[k] >= 0;
    if (!used && global_slot(r, r->docscope, k) < 0)
      return -1;
  }
  for (j = 0; j < doc->n_models; j++) {
    pm_scope *s = r->scopes[j];
    const pm_model *m = doc->models[j];
    if (!s)
      continue;
    for (k = 0; k < m->n_local; k++)
      if (s->local_slot[k] == -1 &&
          derived_slot(r, s, &m->local[k], &s->local_slot[k],
                       m->local[k].expr) < 0)
        return -1;
    for (k = 0; k < m->n_mf; k++)
      if (s->mf_slot[k] == -1 && mining_slot(r, s, k) < 0)
        return -1;
  }
  for (i = 0; i < doc->n_df; i++)
    if (!had[i] && doc->df[i].slot >= 0) {
      SLOT(r, doc->df[i].slot).arg = -1;
      doc->df[i].slot = -1;
    }
  return 0;
}

/* Type the DataDictionary's Values and Intervals once for all. */
static int
type_datadictionary(pm_resolver *r)
{
  int32_t i, k;
  for (i = 0; i < r->doc->n_df; i++) {
    pm_datafield *f = &r->doc->df[i];
    /* The text of a declared value stays, whatever its type: it is how
    ** pmml_model_input_value() and messages name the value. */
    for (k = 0; k < f->dom.n_values; k++)
      if (lit_keep_text(r, &f->dom.values[k].v, f->dtype, f->line,
                        "DataField"))
        return -1;
  }
  return 0;
}

int
pmmlR_document(pm_loader *ld)
{
  pm_resolver r;
  pmml_model *doc = ld->doc;
  int ok[3], rc = -1;
  int32_t i;
  memset(&r, 0, sizeof r);
  r.ld = ld;
  r.doc = doc;
  r.a = ld->a;
  r.scopes = ralloc(&r, ((size_t)doc->n_models + 1) * sizeof *r.scopes);
  r.fn_state = ralloc(&r, (size_t)doc->n_fns + 1);
  if (r.failed)
    goto done;
  if (index_document(&r))
    goto done;
  r.docscope = new_scope(&r, NULL, NULL);
  if (!r.docscope || type_datadictionary(&r))
    goto done;
  declare(&r, -1, 0, NULL, 0);
  for (i = 0; i < doc->n_df; i++)
    if (declare(&r, doc->df[i].name, doc->df[i].line, "DataField", 1))
      goto done;
  for (i = 0; i < doc->n_gd; i++)
    if (declare(&r, doc->gd[i].name, doc->gd[i].line, "DerivedField", 1))
      goto done;
  if (pmmlR_model(&r, doc->top, NULL))
    goto done;
  if ((ld->opt->flags & PMML_LOAD_RESOLVE_ALL) && resolve_unused(&r))
    goto done;
  if (inputs(&r) || public_outputs(&r, doc->top) || plan(&r))
    goto done;
  if (doc->verify && pmmlR_verify(&r))
    goto done;
  /* Frame stack: every argument list may be open at once at worst. */
  doc->max_frame = ld->args.len;
  for (i = 0; i < doc->n_fns; i++)
    doc->max_frame += (size_t)doc->fns[i].n_params;
  doc->n_scratch = r.scratch;
  /* A family may have asked for more (strings it builds per record). */
  if (doc->str_scratch < 65536)
    doc->str_scratch = 65536;
  if (pmmlR_finish_preds(&r, ld))
    goto done;
  doc->n_slots = (int32_t)r.slots.len;
  doc->slots = pmmlM_vec_finish(r.a, &r.slots, sizeof(pm_slot), &ok[0]);
  doc->n_exprs = (int32_t)ld->exprs.len;
  doc->exprs = pmmlM_vec_finish(r.a, &ld->exprs, sizeof(pm_expr), &ok[1]);
  doc->n_args = (int32_t)ld->args.len;
  doc->args = pmmlM_vec_finish(r.a, &ld->args, sizeof(int32_t), &ok[2]);
  if (!ok[0] || !ok[1] || !ok[2]) {
    nomem(&r);
    goto done;
  }
  /* The fast path, if the model allows one (fastpath.c). */
  pmmlE_fast_plan(doc);
  rc = 0;
done:
  pmmlM_vec_free(r.a, &r.slots, sizeof(pm_slot));
  pmmlM_vec_free(r.a, &r.seen, sizeof(uint32_t));
  pmmlM_vec_free(r.a, &r.ids, sizeof(int32_t));
  pmmlM_vec_free(r.a, &r.names, sizeof(nm_entry));
  if (r.scopes)
    for (i = 0; i < doc->n_models; i++)
      if (r.scopes[i])
        pmmlM_vec_free(r.a, &r.scopes[i]->extra, sizeof(sc_entry));
  return r.failed ? -1 : rc;
}
