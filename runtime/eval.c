/*
** eval.c: scoring a record. The context (pmml_ctx) holds a value cell per
** slot; a cell is computed the first time something reads it in a record
** (raw input, MiningField treatments, derived field, output field), so
** nothing a model does not need is ever computed, and nothing twice. Also
** here: the public scoring API, the generic output features and Targets.
** Expressions are in eval_expr.c, predicates in eval_pred.c, the model
** families in eval_<family>.c.
*/
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "numconv.h"
#include "pmml_int.h"

#define INPUT_TEXT 32 /* bytes for a number given to a string input */

/* ------------------------------------------------------------------------ */
/* Context                                                                  */

int
pmmlE_fail(pmml_ctx *c, pmml_status code, const char *fmt, ...)
{
  va_list ap;
  if (c->failed)
    return -1;
  c->failed = 1;
  c->status = code;
  va_start(ap, fmt);
  vsnprintf(c->msg, sizeof c->msg, fmt, ap);
  va_end(ap);
  pmmlV_clean_message(c->msg, sizeof c->msg);
  return -1;
}

char *
pmmlE_strbuf(pmml_ctx *c, size_t n)
{
  char *p;
  if (c->failed)
    return NULL;
  if (n > c->scap - c->sused) {
    pmmlE_fail(c, PMML_E_LIMIT,
               "the record needs more than %zu bytes of computed strings",
               c->scap);
    return NULL;
  }
  p = c->sbuf + c->sused;
  c->sused += n;
  return p;
}

/* The pieces of a context, carved from one block. */
typedef struct ctx_layout {
  size_t vals, stamp, busy, res, res_gen, scratch, frame, sbuf, itext,
      items, in_cell, in_kind, total;
} ctx_layout;

static size_t
carve(size_t *at, size_t n, size_t align)
{
  size_t off = (*at + align - 1) & ~(align - 1);
  *at = off + n;
  return off;
}

static void
layout(const pmml_model *m, ctx_layout *l)
{
  size_t at = offsetof(pmml_ctx, in_num) +
              ((size_t)m->n_inputs + 1) * sizeof(double); /* ctx->in_num */
  at = (at + 15) & ~(size_t)15;
  l->vals = carve(&at, (size_t)m->n_slots * sizeof(pm_val), 16);
  l->stamp = carve(&at, (size_t)m->n_slots * sizeof(uint32_t), 16);
  l->busy = carve(&at, (size_t)m->n_slots, 16);
  l->res = carve(&at, (size_t)m->n_models * sizeof(pm_result), 16);
  l->res_gen = carve(&at, (size_t)m->n_models * sizeof(uint32_t), 16);
  l->scratch = carve(&at, m->n_scratch * sizeof(double), 16);
  l->frame = carve(&at, (m->max_frame + 1) * sizeof(pm_val), 16);
  l->sbuf = carve(&at, m->str_scratch, 16);
  l->itext = carve(&at, (size_t)m->n_inputs * INPUT_TEXT, 16);
  l->items = carve(&at, m->n_item_words * sizeof(uint64_t), 16);
  l->in_cell = carve(&at, (size_t)m->n_inputs * sizeof(pm_val *), 16);
  l->in_kind = carve(&at, (size_t)m->n_inputs, 16);
  l->total = at;
}

pmml_status
pmml_ctx_new(const pmml_model *m, pmml_ctx **out)
{
  ctx_layout l;
  char *base;
  pmml_ctx *c;
  int32_t i;
  if (!out)
    return PMML_E_ARGUMENT;
  *out = NULL;
  if (!m)
    return PMML_E_ARGUMENT;
  layout(m, &l);
  base = m->arena.alloc(m->arena.ud, NULL, 0, l.total);
  if (!base)
    return PMML_E_NOMEM;
  memset(base, 0, l.total);
  c = (pmml_ctx *)base;
  c->m = m;
  c->vals = (pm_val *)(base + l.vals);
  c->stamp = (uint32_t *)(base + l.stamp);
  c->busy = (uint8_t *)(base + l.busy);
  c->res = (pm_result *)(base + l.res);
  c->res_gen = (uint32_t *)(base + l.res_gen);
  c->scratch = (double *)(base + l.scratch);
  c->frame = (pm_val *)(base + l.frame);
  c->frame_cap = m->max_frame + 1;
  c->sbuf = base + l.sbuf;
  c->scap = m->str_scratch;
  c->itext = base + l.itext;
  c->items = (uint64_t *)(base + l.items);
  c->fast = m->fast;
  c->n_in = (size_t)m->n_inputs;
  c->in_cell = (pm_val **)(base + l.in_cell);
  c->in_kind = (uint8_t *)(base + l.in_kind);
  c->in_all_lazy = 1;
  c->size = l.total;
  c->gen = 1;
  for (i = 0; i < m->n_inputs; i++) {
    c->stamp[m->input_slot[i]] = PM_FRESH;
    c->in_cell[i] = &c->vals[m->input_slot[i]];
    /* A fast plan reads numbers only: its inputs' cells can wait. */
    c->in_kind[i] = m->input_plain[i] != PM_PLAIN_DOUBLE ? PM_IN_OTHER
                    : m->fast                            ? PM_IN_LAZY
                                                         : PM_IN_CELL;
    c->in_all_lazy &= c->in_kind[i] == PM_IN_LAZY;
  }
  if (m->uses_regex) {
    c->regex = pmmlE_regex_state_new(m);
    if (!c->regex) {
      m->arena.alloc(m->arena.ud, base, l.total, 0);
      return PMML_E_NOMEM;
    }
  }
  pmml_ctx_clear(c);
  *out = c;
  return PMML_OK;
}

void
pmml_ctx_free(pmml_ctx *c)
{
  if (!c)
    return;
  if (c->regex)
    pmmlE_regex_state_free(c->regex);
  c->m->arena.alloc(c->m->arena.ud, c, c->size, 0);
}

/*
** Start a new record: every computed slot and result becomes stale. Input
** slots are stamped PM_FRESH once for all (pmmlE_slot() takes a stamp at or
** above the generation as fresh): they hold what the pmml_ctx_set_* calls
** stored, so no record has to stamp them again.
*/
static inline void
new_generation(pmml_ctx *c)
{
  const pmml_model *doc = c->m;
  int32_t i;
  if (PM_LIKELY(++c->gen != PM_FRESH))
    return;
  memset(c->stamp, 0, (size_t)doc->n_slots * sizeof *c->stamp);
  memset(c->res_gen, 0, (size_t)doc->n_models * sizeof *c->res_gen);
  for (i = 0; i < doc->n_inputs; i++)
    c->stamp[doc->input_slot[i]] = PM_FRESH;
  c->gen = 1;
}

void
pmml_ctx_clear(pmml_ctx *c)
{
  int32_t i;
  if (!c)
    return;
  for (i = 0; i < c->m->n_inputs; i++)
    c->vals[c->m->input_slot[i]] = pmmlV_missing();
  for (i = 0; i < c->m->n_inputs; i++)
    c->in_num[i] = NAN;
  /* Transactions are empty again. */
  if (c->m->n_item_words)
    memset(c->items, 0, c->m->n_item_words * sizeof *c->items);
  /* Results of the last record are gone too. */
  new_generation(c);
  c->scored = 0;
  c->fast_scored = 0;
}

/* ------------------------------------------------------------------------ */
/* Inputs                                                                   */

/* Is v (of DataField f) valid, invalid or missing, as its Values and
** Intervals say? PMML 4.4 DataDictionary. */
static int
domain_check(const pmml_model *doc, const pm_datafield *f, const pm_val *v)
{
  const pm_domain *d = &f->dom;
  int32_t i;
  for (i = 0; i < d->n_values; i++) {
    pm_val lv = pmmlV_lit(doc, &d->values[i].v);
    if (pmmlV_equal(v, &lv) == 1)
      return d->values[i].property;
  }
  if (f->optype == PMML_OP_CONTINUOUS) {
    if (d->n_intervals == 0)
      return PM_PROP_VALID;
    if (v->t != PM_T_NUM)
      return PM_PROP_INVALID;
    for (i = 0; i < d->n_intervals; i++)
      if (pmmlE_in_interval(&d->intervals[i], v->u.num))
        return PM_PROP_VALID;
    return PM_PROP_INVALID;
  }
  return d->n_valid > 0 ? PM_PROP_INVALID : PM_PROP_VALID;
}

/* Store a typed input value after the domain has had its say. */
static void
store_input(pmml_ctx *c, size_t i, pm_val v)
{
  const pmml_model *doc = c->m;
  const pm_datafield *f = &doc->df[doc->inputs[i]];
  int prop = domain_check(doc, f, &v);
  if (prop == PM_PROP_MISSING) {
    v = pmmlV_missing();
  } else if (prop == PM_PROP_INVALID) {
    v.invalid = 1;
  }
  v.dt = v.t == PM_T_MISSING ? f->dtype : v.dt;
  c->vals[doc->input_slot[i]] = v;
}

/*
** c->in_num, for the fast path (fastpath.c): input i as a number when its
** cell holds a valid number, NaN when it holds anything else (missing,
** invalid, text...). Every store into an input's cell keeps it so.
*/
static void
note_input(pmml_ctx *c, size_t i)
{
  const pm_val *v = &c->vals[c->m->input_slot[i]];
  c->in_num[i] = v->t == PM_T_NUM && !v->invalid ? v->u.num : NAN;
}

pmml_status
pmml_ctx_set_missing(pmml_ctx *c, size_t i)
{
  if (!c || i >= (size_t)c->m->n_inputs)
    return PMML_E_ARGUMENT;
  c->vals[c->m->input_slot[i]] = pmmlV_missing();
  c->in_num[i] = NAN;
  return PMML_OK;
}

static pmml_status
set_text(pmml_ctx *c, size_t i, const char *s, size_t len)
{
  const pm_datafield *f;
  pm_val v = pmmlV_missing();
  f = &c->m->df[c->m->inputs[i]];
  if (pmmlV_from_text(&c->m->strs, f->dtype, s ? s : "", len, &v) != 0 ||
      (v.t == PM_T_NUM && v.u.num != v.u.num)) {
    /* Not a value of the field's type, or NaN, which no model can use
    ** (JPMML refuses it too): invalid, kept as text; unless the field
    ** declares it a missing value (XGBoost exports declare NaN so). */
    if (v.t == PM_T_NUM && v.u.num != v.u.num &&
        domain_check(c->m, f, &v) == PM_PROP_MISSING) {
      c->vals[c->m->input_slot[i]] = pmmlV_missing();
      return PMML_OK;
    }
    v = pmmlV_str(s ? s : "", len, pmmlS_lookup(&c->m->strs, s ? s : "", len));
    v.invalid = 1;
    /* A declared missing value spelled as text still means missing. */
    if (domain_check(c->m, f, &v) == PM_PROP_MISSING)
      v = pmmlV_missing();
    c->vals[c->m->input_slot[i]] = v;
    return PMML_OK;
  }
  store_input(c, i, v);
  return PMML_OK;
}

pmml_status
pmml_ctx_set_text(pmml_ctx *c, size_t i, const char *s, size_t len)
{
  pmml_status st;
  if (!c || i >= (size_t)c->m->n_inputs || (!s && len))
    return PMML_E_ARGUMENT;
  st = set_text(c, i, s, len);
  note_input(c, i);
  return st;
}

/* Everything but a plain double: floats, integers, declared domains,
** booleans, dates, numbers given to text fields. */
static pmml_status
set_number_other(pmml_ctx *c, size_t i, double x)
{
  const pm_datafield *f;
  pm_val v, *cell = &c->vals[c->m->input_slot[i]];
  uint8_t plain = c->m->input_plain[i];
  if (plain == PM_PLAIN_DOUBLE || plain == PM_PLAIN_FLOAT ||
      plain == PM_PLAIN_INTEGER) {
    /* A numeric field without declared values or intervals. */
    if (isnan(x)) {
      *cell = pmmlV_missing();
      return PMML_OK;
    }
    *cell = pmmlV_num(x, c->m->df[c->m->inputs[i]].dtype);
    if (plain == PM_PLAIN_FLOAT)
      cell->u.num = (double)(float)x;
    else if (plain == PM_PLAIN_INTEGER && x != floor(x))
      cell->invalid = 1; /* 2.5 is not an integer */
    return PMML_OK;
  }
  f = &c->m->df[c->m->inputs[i]];
  if (pmmlV_numeric_dt(f->dtype) || f->dtype == PMML_DT_BOOLEAN) {
    pm_val in = pmmlV_num(x, PMML_DT_DOUBLE);
    if (isnan(x))
      return pmml_ctx_set_missing(c, i);
    if ((f->dtype == PMML_DT_INTEGER && x != floor(x)) ||
        pmmlV_cast(NULL, &in, f->dtype, &v) != 0) {
      in.invalid = 1;
      *cell = in;
      return PMML_OK;
    }
    store_input(c, i, v);
    return PMML_OK;
  }
  /* A number for a text field: its shortest text, in the input's own
  ** buffer (the value must outlive this call). */
  {
    char *buf = c->itext + i * INPUT_TEXT;
    size_t n = pmmlN_format_double(x, buf);
    return set_text(c, i, buf, n);
  }
}

/* Out of the way of pmml_ctx_set_number()'s common case, which then runs
** straight through. */
#if defined(__GNUC__)
#define PM_COLD __attribute__((cold, noinline))
#else
#define PM_COLD
#endif

static PM_COLD pmml_status
set_number_slow(pmml_ctx *c, size_t i, double x)
{
  pmml_status st = set_number_other(c, i, x);
  note_input(c, i);
  return st;
}

/* A double stored as it is (the header in one store where the compiler
** merges them). */
static inline void
store_double(pm_val *cell, double x)
{
  cell->t = PM_T_NUM;
  cell->dt = PMML_DT_DOUBLE;
  cell->invalid = 0;
  cell->pad_ = 0;
  cell->sym = -1;
  cell->u.num = x;
}

/*
** The cells of the PM_IN_LAZY inputs that pmml_ctx_set_number() left to
** later: an input whose number is in c->in_num holds that number (a valid
** number of a double field without a domain is always this value); one
** whose number is NaN has its cell set already (missing, invalid, text).
*/
static void
make_cells(pmml_ctx *c)
{
  const double *num = c->in_num;
  const uint8_t *kind = c->in_kind;
  size_t i;
  for (i = 0; i < c->n_in; i++)
    if (kind[i] == PM_IN_LAZY && num[i] == num[i])
      *c->in_cell[i] = pmmlV_num(num[i], PMML_DT_DOUBLE);
}

pmml_status
pmml_ctx_set_number(pmml_ctx *c, size_t i, double x)
{
  uint8_t kind;
  if (PM_UNLIKELY(!c || i >= c->n_in))
    return PMML_E_ARGUMENT;
  /* The common case inline: a double for a double field without declared
  ** values or intervals, stored as it is; with a fast plan, as a number
  ** only (make_cells() makes its cell when the general path needs it). */
  if (PM_LIKELY(x == x)) {
    if (PM_LIKELY(c->in_all_lazy)) {
      c->in_num[i] = x;
      return PMML_OK;
    }
    kind = c->in_kind[i];
    if (PM_LIKELY(kind == PM_IN_LAZY)) {
      c->in_num[i] = x;
      return PMML_OK;
    }
    if (kind == PM_IN_CELL) {
      /* (No fast plan reads c->in_num.) */
      store_double(c->in_cell[i], x);
      return PMML_OK;
    }
  }
  return set_number_slow(c, i, x);
}

/* Inputs first..first+n-1 from x[0..n), NaN for missing; the range is
** checked by the caller. What pmml_ctx_set_number() does for each, with
** the model's tables read once. */
static void
set_numbers(pmml_ctx *c, size_t first, const double *x, size_t n)
{
  pm_val *const *cells = c->in_cell + first;
  const uint8_t *kind = c->in_kind + first;
  double *num = c->in_num + first;
  size_t i;
  for (i = 0; i < n; i++) {
    double v = x[i];
    if (PM_LIKELY(kind[i] == PM_IN_LAZY && v == v)) {
      num[i] = v;
    } else if (kind[i] == PM_IN_CELL && v == v) {
      store_double(cells[i], v); /* (no fast plan reads num) */
    } else if (v != v) {
      *cells[i] = pmmlV_missing();
      num[i] = NAN;
    } else {
      set_number_slow(c, first + i, v);
    }
  }
}

pmml_status
pmml_ctx_set_numbers(pmml_ctx *c, size_t first, const double *x, size_t n)
{
  if (!c || (!x && n) || first > (size_t)c->m->n_inputs ||
      n > (size_t)c->m->n_inputs - first)
    return PMML_E_ARGUMENT;
  set_numbers(c, first, x, n);
  return PMML_OK;
}

/* ------------------------------------------------------------------------ */
/* Slots                                                                    */

/* The value of a missing field after MiningField treatments. */
static int
treat_missing(pmml_ctx *c, const pm_mfield *mf, pm_val *out)
{
  const pmml_model *doc = c->m;
  if (mf->miss == PM_MISS_RETURN_INVALID)
    return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                      "field '%s' is missing (missingValueTreatment="
                      "\"returnInvalid\")",
                      pmmlS_str(&doc->strs, mf->name));
  if (mf->miss_repl.t != PM_T_MISSING)
    *out = pmmlV_lit(doc, &mf->miss_repl);
  else
    *out = pmmlV_missing();
  return 0;
}

/* PMML 4.4 MiningSchema: missing and invalid value treatments, outliers. */
static int
treat(pmml_ctx *c, const pm_slot *s, const pm_val *in, pm_val *out)
{
  const pmml_model *doc = c->m;
  const pm_model *m = doc->models[s->arg];
  const pm_mfield *mf = &m->mf[s->aux];
  *out = *in;
  if (in->t == PM_T_MISSING)
    return treat_missing(c, mf, out);
  if (in->invalid) {
    switch (mf->inv) {
    case PM_INV_RETURN_INVALID: {
      char buf[64];
      pmmlV_format(in, buf, sizeof buf);
      return pmmlE_fail(c, PMML_E_INVALID_VALUE,
                        "field '%s': invalid value '%s'",
                        pmmlS_str(&doc->strs, mf->name), buf);
    }
    case PM_INV_AS_MISSING:
      return treat_missing(c, mf, out);
    case PM_INV_AS_VALUE:
      *out = pmmlV_lit(doc, &mf->inv_repl);
      return 0;
    default:
      return 0; /* asIs */
    }
  }
  if (mf->outliers != PM_OUT_AS_IS && in->t == PM_T_NUM) {
    double x = in->u.num;
    if (x < mf->low || x > mf->high) {
      if (mf->outliers == PM_OUT_AS_MISSING)
        return treat_missing(c, mf, out);
      out->u.num = x < mf->low ? mf->low : mf->high;
    }
  }
  return 0;
}

/* Evaluate output field 'of' of model m (already scored this record). */
static int output_value(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                        pm_val *out);

const pm_val *
pmmlE_slot_compute(pmml_ctx *c, int32_t slot)
{
  const pmml_model *doc = c->m;
  const pm_slot *s = &doc->slots[slot];
  pm_val v = pmmlV_missing();
  if (s->kind == PM_SLOT_OUTPUT) {
    /* The common case of classifiers: probability(value=) of a model
    ** whose family leaves that feature to the common code. */
    const pm_model *m = doc->models[s->arg];
    const pm_ofield *of = &m->of[s->aux];
    const pm_result *res = &c->res[m->index];
    if (of->feature == PM_FEAT_PROBABILITY && of->klass >= 0 &&
        !pmmlL_families[m->family]->feature &&
        c->res_gen[m->index] == c->gen && res->prob &&
        res->value.t != PM_T_MISSING &&
        (of->dtype == PMML_DT_DOUBLE || of->dtype == PM_DT_ANY)) {
      c->vals[slot] = pmmlV_num(res->prob[of->klass], PMML_DT_DOUBLE);
      c->stamp[slot] = c->gen;
      return &c->vals[slot];
    }
  }
  if (s->kind == PM_SLOT_MINING && s->plain) {
    /* The common case: a valid value passes the MiningField as it is. */
    const pm_val *in = pmmlE_slot(c, s->src);
    if (PM_LIKELY(in->t != PM_T_MISSING && !in->invalid)) {
      c->vals[slot] = *in;
      c->stamp[slot] = c->gen;
      return &c->vals[slot];
    }
  }
  if (c->busy[slot]) {
    pmmlE_fail(c, PMML_E_EVAL, "field '%s' depends on itself",
               pmmlS_str(&doc->strs, s->name));
    return &c->vals[slot];
  }
  c->busy[slot] = 1;
  switch (s->kind) {
  case PM_SLOT_INPUT:
    /* Inputs are fresh from pmml_score() on: only an input read outside a
    ** scored record gets here. */
    v = c->vals[slot];
    break;
  case PM_SLOT_MINING: {
    const pm_val *in = pmmlE_slot(c, s->src);
    pm_val t = *in;
    if (treat(c, s, &t, &v))
      v = pmmlV_missing();
    break;
  }
  case PM_SLOT_DERIVED: {
    pm_val r;
    if (pmmlE_expr(c, s->arg, &r) == 0) {
      if (r.t != PM_T_MISSING && s->dtype != PM_DT_ANY && r.dt != s->dtype) {
        if (pmmlV_cast(c, &r, s->dtype, &v) != 0) {
          char buf[64];
          pmmlV_format(&r, buf, sizeof buf);
          pmmlE_fail(c, PMML_E_EVAL,
                     "DerivedField '%s': '%s' is not a valid %s",
                     pmmlS_str(&doc->strs, s->name), buf,
                     pmml_dtype_name((pmml_dtype)s->dtype));
          v = pmmlV_missing();
        }
      } else {
        v = r;
      }
    }
    v.invalid = 0;
    break;
  }
  case PM_SLOT_OUTPUT: {
    const pm_model *m = doc->models[s->arg];
    if (c->res_gen[m->index] == c->gen)
      output_value(c, m, &m->of[s->aux], &v);
    break;
  }
  default:
    break;
  }
  c->busy[slot] = 0;
  c->vals[slot] = v;
  c->stamp[slot] = c->gen;
  return &c->vals[slot];
}

/* ------------------------------------------------------------------------ */
/* Models and their results                                                 */

pm_val
pmmlE_class_value(const pmml_model *doc, const pm_model *m, int32_t k)
{
  pm_val v;
  if (PM_LIKELY(m->class_vals != NULL))
    return m->class_vals[k];
  v = pmmlV_lit(doc, &m->classes[k]);
  if (v.t == PM_T_NUM)
    v.dt = m->target_dt;
  return v;
}

int32_t
pmmlE_argmax(const double *p, int32_t n)
{
  int32_t i, best = -1;
  for (i = 0; i < n; i++)
    if (!isnan(p[i]) && (best < 0 || p[i] > p[best]))
      best = i;
  return best;
}

/* The Target element for the model's target field, or NULL (PMML 4.4
** Targets: a Target without field= is the model's). */
const pm_target *
pmmlE_model_target(const pm_model *m)
{
  int32_t i;
  for (i = 0; i < m->n_targets; i++)
    if (m->targets[i].field < 0 || m->targets[i].field == m->target_name)
      return &m->targets[i];
  return NULL;
}

/* PMML 4.4 Targets: clip to min/max, rescale, then castInteger. */
double
pmmlE_target_value(const pm_model *m, double v)
{
  const pm_target *t = pmmlE_model_target(m);
  if (!t)
    return v;
  if (t->has_min && v < t->min)
    v = t->min;
  if (t->has_max && v > t->max)
    v = t->max;
  v = v * t->rescale_factor + t->rescale_const;
  switch (t->cast) {
  case PM_CAST_ROUND:
    return floor(v + 0.5);
  case PM_CAST_CEILING:
    return ceil(v);
  case PM_CAST_FLOOR:
    return floor(v);
  default:
    return v;
  }
}

/* No prediction: Targets may still give one (defaultValue, priors). */
static void
default_result(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_target *t = pmmlE_model_target(m);
  int32_t i, k, best = -1;
  if (!t || t->n_values == 0)
    return;
  if (m->function == PM_FN_CLASSIFICATION && res->prob) {
    for (i = 0; i < t->n_values; i++) {
      if (isnan(t->values[i].prior))
        continue;
      k = pmmlR_class(m, &t->values[i].v);
      if (k < 0)
        continue;
      res->prob[k] = t->values[i].prior;
    }
    best = pmmlE_argmax(res->prob, m->n_classes);
    if (best >= 0 && res->prob[best] > 0)
      res->value = pmmlE_class_value(c->m, m, best);
    return;
  }
  if (t->values[0].deflt.t != PM_T_MISSING) {
    res->value = pmmlV_lit(c->m, &t->values[0].deflt);
    if (res->value.t == PM_T_NUM)
      res->value.dt = m->target_dt;
  }
}

int
pmmlE_model(pmml_ctx *c, const pm_model *m)
{
  pm_result *res = &c->res[m->index];
  int rc;
  if (c->res_gen[m->index] == c->gen)
    return c->failed ? -1 : 0;
  memset(res, 0, sizeof *res);
  res->value = pmmlV_missing();
  res->entity = res->entity_id = res->segment = -1;
  res->affinity = NAN;
  res->raw = NAN;
  if (m->n_classes > 0) {
    res->prob = c->scratch + m->res_off;
    res->conf = res->prob + m->n_classes;
    memset(res->prob, 0, 2 * (size_t)m->n_classes * sizeof(double));
  }
  rc = pmmlL_families[m->family]->eval(c, m, res);
  if (rc == 0 && !c->failed && res->value.t == PM_T_MISSING)
    default_result(c, m, res);
  c->res_gen[m->index] = c->gen;
  return c->failed ? -1 : rc;
}

/* ------------------------------------------------------------------------ */
/* Output features                                                          */

/* The display value of the predicted class: TargetValue@displayValue, else
** the DataField's Value@displayValue, else the value itself. */
static int
display_value(pmml_ctx *c, const pm_model *m, const pm_val *pred,
              pm_val *out)
{
  const pmml_model *doc = c->m;
  const pm_target *t = pmmlE_model_target(m);
  int32_t i;
  *out = *pred;
  if (pred->t == PM_T_MISSING)
    return 0;
  if (t)
    for (i = 0; i < t->n_values; i++) {
      pm_val lv = pmmlV_lit(doc, &t->values[i].v);
      if (t->values[i].display >= 0 && pmmlV_equal(pred, &lv) == 1) {
        int32_t id = t->values[i].display;
        *out = pmmlV_str(pmmlS_str(&doc->strs, id), pmmlS_len(&doc->strs, id),
                         id);
        return 0;
      }
    }
  for (i = 0; i < doc->n_df; i++)
    if (doc->df[i].name == m->target_name) {
      const pm_domain *d = &doc->df[i].dom;
      int32_t k;
      for (k = 0; k < d->n_values; k++) {
        pm_val lv = pmmlV_lit(doc, &d->values[k].v);
        if (d->values[k].display >= 0 && pmmlV_equal(pred, &lv) == 1) {
          int32_t id = d->values[k].display;
          *out = pmmlV_str(pmmlS_str(&doc->strs, id),
                           pmmlS_len(&doc->strs, id), id);
          return 0;
        }
      }
    }
  if (pred->t != PM_T_STR)
    return pmmlV_cast(c, pred, PMML_DT_STRING, out) ? -1 : 0;
  return 0;
}

/* The class an output field asks about: its value=, else the prediction. */
static int32_t
output_class(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
             const pm_result *res)
{
  int32_t k;
  if (of->value.t != PM_T_MISSING)
    return of->klass;
  if (res->value.t == PM_T_MISSING)
    return -1;
  for (k = 0; k < m->n_classes; k++) {
    pm_val lv = pmmlE_class_value(c->m, m, k);
    if (pmmlV_equal(&res->value, &lv) == 1)
      return k;
  }
  return -1;
}

static int
output_value(pmml_ctx *c, const pm_model *m, const pm_ofield *of, pm_val *out)
{
  const pm_result *res = &c->res[m->index];
  const pm_family *fam = pmmlL_families[m->family];
  int32_t k;
  int rc;
  *out = pmmlV_missing();
  if (fam->feature) {
    rc = fam->feature(c, m, of, res, out);
    if (rc <= 0)
      goto cast;
  }
  switch (of->feature) {
  case PM_FEAT_PREDICTED:
    *out = res->value;
    break;
  case PM_FEAT_DISPLAY:
    if (display_value(c, m, &res->value, out))
      return -1;
    break;
  case PM_FEAT_PROBABILITY:
  case PM_FEAT_CONFIDENCE:
    if (!res->prob)
      break;
    k = output_class(c, m, of, res);
    if (k < 0) {
      /* A class the model never predicts has probability 0. */
      if (of->value.t != PM_T_MISSING && res->value.t != PM_T_MISSING)
        *out = pmmlV_num(0.0, PMML_DT_DOUBLE);
      break;
    }
    if (res->value.t == PM_T_MISSING && res->prob[k] == 0)
      break;
    *out = pmmlV_num(of->feature == PM_FEAT_CONFIDENCE && res->conf &&
                             !isnan(res->conf[k])
                         ? res->conf[k]
                         : res->prob[k],
                     PMML_DT_DOUBLE);
    break;
  case PM_FEAT_TRANSFORMED:
  case PM_FEAT_DECISION:
    if (of->expr >= 0 && pmmlE_expr(c, of->expr, out))
      return -1;
    break;
  case PM_FEAT_ENTITY_ID:
    if (res->entity_id >= 0)
      *out = pmmlV_str(pmmlS_str(&c->m->strs, res->entity_id),
                       pmmlS_len(&c->m->strs, res->entity_id),
                       res->entity_id);
    break;
  case PM_FEAT_AFFINITY:
  case PM_FEAT_ENTITY_AFFINITY:
    if (!isnan(res->affinity))
      *out = pmmlV_num(res->affinity, PMML_DT_DOUBLE);
    break;
  case PM_FEAT_WARNING:
    break;
  default:
    return pmmlE_fail(c, PMML_E_UNSUPPORTED,
                      "OutputField '%s': this feature is not supported",
                      pmmlS_str(&c->m->strs, of->name));
  }
cast:
  if (out->t != PM_T_MISSING && of->dtype != PM_DT_ANY &&
      out->dt != of->dtype) {
    pm_val in = *out;
    if (pmmlV_cast(c, &in, of->dtype, out) != 0) {
      char buf[64];
      pmmlV_format(&in, buf, sizeof buf);
      return pmmlE_fail(c, PMML_E_EVAL, "OutputField '%s': '%s' is not a %s",
                        pmmlS_str(&c->m->strs, of->name), buf,
                        pmml_dtype_name((pmml_dtype)of->dtype));
    }
  }
  return c->failed ? -1 : 0;
}

int
pmmlE_output(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
             pm_val *out)
{
  return output_value(c, m, of, out);
}

/* ------------------------------------------------------------------------ */
/* The public scoring entry points                                          */

/* Score the record of c: PMML_OK, or why not with the message in c->msg. */
static pmml_status
score_record(pmml_ctx *c)
{
  const pmml_model *doc = c->m;
  if (c->m->fast) /* the inputs of a fast plan wait for their cells */
    make_cells(c);
  new_generation(c);
  c->fast_scored = 0;
  c->failed = 0;
  c->status = PMML_OK;
  c->msg[0] = '\0';
  c->sused = 0;
  c->frame_top = 0;
  c->call_depth = 0;
  c->scored = 0;
  /* returnInvalid makes the record invalid, whether or not its path
  ** through the model reads the field: the active fields of the top model
  ** that may say so are looked at first (JPMML prepares every input). A
  ** valid input passes its plain MiningFields unchanged and cannot fail:
  ** only the others are computed here (resolve.c, plan()). */
  {
    const pm_check *k = doc->checks;
    const pm_val *vals = c->vals;
    int32_t i;
    for (i = 0; i < doc->n_checks; i++, k++) {
      if (PM_LIKELY(k->direct >= 0 && vals[k->direct].t != PM_T_MISSING &&
                    !vals[k->direct].invalid))
        continue;
      pmmlE_slot(c, k->slot);
      if (c->failed)
        break;
    }
  }
  if (!c->failed)
    pmmlE_model(c, doc->top);
  if (!c->failed) {
    /* The outputs, in a loop that reads the context's arrays once: only
    ** pmmlE_slot_compute() can fail the record. */
    const pm_out *o = doc->outs, *oend = o + doc->n_outs;
    const uint32_t gen = c->gen;
    uint32_t *stamp = c->stamp;
    pm_val *vals = c->vals;
    for (; o < oend; o++) {
      if (o->slot < 0 || stamp[o->slot] >= gen)
        continue;
      if (o->prob_class >= 0) {
        /* probability(value=) as pmmlE_slot_compute() gives it, inline. */
        const pm_result *res = &c->res[o->prob_model];
        if (PM_LIKELY(c->res_gen[o->prob_model] == gen && res->prob &&
                      res->value.t != PM_T_MISSING)) {
          vals[o->slot] = pmmlV_num(res->prob[o->prob_class],
                                    PMML_DT_DOUBLE);
          stamp[o->slot] = gen;
          continue;
        }
      }
      pmmlE_slot_compute(c, o->slot);
      if (c->failed)
        break;
    }
  }
  if (c->failed)
    return c->status;
  c->scored = 1;
  return PMML_OK;
}

pmml_status
pmml_score(pmml_ctx *c, pmml_error *err)
{
  pmml_status st;
  if (err)
    memset(err, 0, sizeof *err);
  if (!c)
    return PMML_E_ARGUMENT;
  /* A record the fast path takes cannot fail. */
  if (c->fast && pmmlE_fast_score(c) == 0)
    return PMML_OK;
  st = score_record(c);
  if (st != PMML_OK && err) {
    err->code = st;
    snprintf(err->message, sizeof err->message, "%s", c->msg);
  }
  return st;
}

pmml_status
pmml_score_batch(pmml_ctx *c, const double *in, size_t n_rows, double *out,
                 pmml_status *row_status, pmml_error *err)
{
  const pmml_model *doc;
  pmml_status first = PMML_OK;
  size_t n_in, n_out, r, j;
  if (err)
    memset(err, 0, sizeof *err);
  if (!c)
    return PMML_E_ARGUMENT;
  doc = c->m;
  n_in = (size_t)doc->n_inputs;
  n_out = (size_t)doc->n_outs;
  if (n_rows && ((!in && n_in) || (!out && n_out)))
    return PMML_E_ARGUMENT;
  for (r = 0; r < n_rows; r++) {
    double *o = out + r * n_out;
    pmml_status st;
    set_numbers(c, 0, in + r * n_in, n_in);
    if (c->fast && pmmlE_fast_score(c) == 0) {
      const pm_val *x = c->fast_row;
      if (row_status)
        row_status[r] = PMML_OK;
      if (x)
        for (j = 0; j < n_out; j++)
          o[j] = x[j].t == PM_T_NUM || x[j].t == PM_T_BOOL ? x[j].u.num : NAN;
      else
        for (j = 0; j < n_out; j++)
          o[j] = pmmlE_fast_number(c, j);
      continue;
    }
    st = score_record(c);
    if (row_status)
      row_status[r] = st;
    if (PM_UNLIKELY(st != PMML_OK)) {
      for (j = 0; j < n_out; j++)
        o[j] = NAN;
      if (first == PMML_OK) {
        first = st;
        if (err) {
          err->code = st;
          /* "row K: " takes 26 bytes at most. */
          snprintf(err->message, sizeof err->message, "row %zu: %.480s", r,
                   c->msg);
        }
      }
      continue;
    }
    /* What pmml_ctx_output() gives, as a number. */
    for (j = 0; j < n_out; j++) {
      const pm_out *po = &doc->outs[j];
      const pm_val *x =
          po->slot < 0 ? &c->res[po->model].value : &c->vals[po->slot];
      o[j] = x->t == PM_T_NUM || x->t == PM_T_BOOL ? x->u.num : NAN;
    }
  }
  return first;
}

pmml_status
pmml_ctx_output(const pmml_ctx *c, size_t i, pmml_value *v)
{
  const pmml_model *doc;
  const pm_out *o;
  const pm_val *x;
  pm_val tmp;
  if (!c || !v || i >= (size_t)c->m->n_outs)
    return PMML_E_ARGUMENT;
  doc = c->m;
  o = &doc->outs[i];
  memset(v, 0, sizeof *v);
  v->kind = PMML_MISSING;
  v->dtype = (pmml_dtype)o->dtype;
  if (!c->scored)
    return PMML_OK;
  if (c->fast_scored) /* a tree's prepared row, or a regression's */
    x = c->fast_row ? &c->fast_row[i] : pmmlE_fast_output(c, i, &tmp);
  else
    x = o->slot < 0 ? &c->res[o->model].value : &c->vals[o->slot];
  switch (x->t) {
  case PM_T_NUM:
    v->kind = PMML_NUMBER;
    v->number = x->u.num;
    break;
  case PM_T_BOOL:
    v->kind = PMML_BOOLEAN;
    v->number = x->u.num;
    break;
  case PM_T_STR:
    v->kind = PMML_STRING;
    v->string = x->u.str;
    v->length = x->len;
    break;
  default:
    break;
  }
  if (x->t != PM_T_MISSING && x->dt != PM_DT_ANY && o->dtype == PM_DT_ANY)
    v->dtype = (pmml_dtype)x->dt;
  return PMML_OK;
}
