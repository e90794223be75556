/*
** gen.c: the code generator's driver. Walks a loaded and resolved document
** (pmml_int.h) twice, the first time to collect the strings and literals
** it uses, and writes model.c and model.h: the data side (inputs and their
** domains, MiningField treatments, derived and output fields, Targets),
** the public outputs, the API and, with --main, a main() that reads CSV.
** Expressions and predicates are in gen_expr.c, each model family in
** gen_<family>.c, the text of the run-time support in genrt.inc.
**
** Generated code refers to the document's strings and literals by index
** into two tables, pm_strs (sorted by bytes, so that input text can be
** looked up) and pm_lit, and to fields by slot: the inputs first, in input
** order, then every other slot of the document in order.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

/* The PM_BI_* names of builtins.def, for the generated enum. */
static const char *const bi_ids[] = {
#define PM_BUILTIN(id, name, lo, hi) "PM_BI_" #id,
#include "builtins.def"
#undef PM_BUILTIN
};

const char *
gen_bi_id(int id)
{
  return id >= 0 && id < PM_BI_COUNT ? bi_ids[id] : "?";
}

static const gen_family *const families[PM_FAM_COUNT] = {
  [PM_FAM_TREE] = &gen_tree_family,
  [PM_FAM_REGRESSION] = &gen_regression_family,
  [PM_FAM_SVM] = &gen_svm_family,
  [PM_FAM_NAIVEBAYES] = &gen_naivebayes_family,
  [PM_FAM_CLUSTERING] = &gen_clustering_family,
  [PM_FAM_KNN] = &gen_knn_family,
  [PM_FAM_SCORECARD] = &gen_scorecard_family,
  [PM_FAM_RULESET] = &gen_ruleset_family,
  [PM_FAM_ANOMALY] = &gen_anomaly_family,
  [PM_FAM_ASSOCIATION] = &gen_association_family,
  [PM_FAM_MINING] = &gen_mining_family,
  [PM_FAM_GENREG] = &gen_genreg_family,
  [PM_FAM_NEURAL] = &gen_neural_family,
};

const gen_family *
gen_family_of(const pm_model *m)
{
  return families[m->family];
}

/* ------------------------------------------------------------------------ */
/* Services for the gen_*.c files                                           */

gbuf *
gen_tbuf(gen *g, gbuf *t)
{
  if (g->pass == 1) {
    if (g->scratch.len > (1u << 20))
      g->scratch.len = 0;
    return &g->scratch;
  }
  return t;
}

/* The bytes as string literals of 4000 (C99 guarantees 4095 characters a
** literal), each byte as itself when printable, else in the shortest
** octal escape the next character cannot join. */
static void
put_byte_rows(gbuf *d, const unsigned char *p, size_t len)
{
  size_t i, row = 4000;
  for (i = 0; i < len; i++) {
    unsigned char ch = p[i];
    char tmp[5];
    int last_in_line;
    if (i % row == 0)
      gb_puts(d, i ? "\",\n  \"" : "  \"");
    else if (i % 64 == 0)
      gb_puts(d, "\"\n  \"");
    last_in_line = i + 1 == len || (i + 1) % 64 == 0;
    if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != '?') {
      tmp[0] = (char)ch;
      gb_put(d, tmp, 1);
    } else {
      unsigned char next = last_in_line ? 0 : p[i + 1];
      int n = 0, full = next >= '0' && next <= '7';
      tmp[n++] = '\\';
      if (full || ch >= 64)
        tmp[n++] = (char)('0' + (ch >> 6));
      if (full || ch >= 8)
        tmp[n++] = (char)('0' + ((ch >> 3) & 7));
      tmp[n++] = (char)('0' + (ch & 7));
      gb_put(d, tmp, (size_t)n);
    }
  }
  gb_puts(d, len ? "\"\n" : "  \"\"\n");
}

void
gen_bytes(gen *g, const char *what, const char *name, const unsigned char *p,
          size_t n)
{
  size_t rows = n ? (n + 3999) / 4000 : 1;
  gbuf *d = gen_out(g, GS_DATA), *part;
  size_t so_far = g->out[GS_DATA].len + g->out[GS_CODE].len;
  if (g->pass == 2 && g->o->split_bytes > 0 && n > 16000 &&
      so_far + 3 * n > g->o->split_bytes) {
    /* A file of its own (the current part while it has room). */
    if (g->n_parts == 0 || g->parts[g->n_parts - 1].len + 3 * n >
                               g->o->split_bytes) {
      if (g->n_parts == (int)(sizeof g->parts / sizeof g->parts[0])) {
        gen_fail(g, 0, "the model needs more than %d files",
                 g->n_parts + 1);
        return;
      }
      g->n_parts++;
    }
    part = &g->parts[g->n_parts - 1];
    gb_printf(part, "\n/* %s: %lu bytes (pm_tb_*) */\n"
                    "const unsigned char %s__%s[%lu][4000] = {\n",
              what, (unsigned long)n, g->o->prefix, name,
              (unsigned long)rows);
    put_byte_rows(part, p, n);
    gb_puts(part, "};\n");
    gb_printf(d, "\n/* %s: in %s_%d.c */\n"
                 "extern const unsigned char %s__%s[%lu][4000];\n"
                 "#define %s %s__%s\n",
              what, g->o->stem, g->n_parts, g->o->prefix, name,
              (unsigned long)rows, name, g->o->prefix, name);
    return;
  }
  gb_printf(d, "/* %s: %lu bytes (pm_tb_*) */\n"
               "static const unsigned char %s[%lu][4000] = {\n",
            what, (unsigned long)n, name, (unsigned long)rows);
  put_byte_rows(d, p, n);
  gb_puts(d, "};\n");
}

int32_t
gen_dbl(gen *g, int32_t n)
{
  int32_t off = g->n_dbl;
  g->n_dbl += n;
  return off;
}

gbuf *
gen_out(gen *g, int s)
{
  if (g->pass == 1) {
    if (g->scratch.len > (1u << 20))
      g->scratch.len = 0;
    return &g->scratch;
  }
  return &g->out[s];
}

int
gen_fail(gen *g, uint32_t line, const char *fmt, ...)
{
  va_list ap;
  size_t n;
  if (g->failed)
    return -1;
  g->failed = 1;
  n = (size_t)snprintf(g->err, g->errsz, "%u:", (unsigned)line);
  if (n >= g->errsz)
    return -1;
  va_start(ap, fmt);
  vsnprintf(g->err + n, g->errsz - n, fmt, ap);
  va_end(ap);
  return -1;
}

void
gen_need(gen *g, const char *name)
{
  int i;
  for (i = 0; i < g->n_need; i++)
    if (!strcmp(g->need[i], name))
      return;
  if (g->n_need < (int)(sizeof g->need / sizeof g->need[0]))
    g->need[g->n_need++] = name;
}

const char *
gen_strtext(const gen *g, int32_t id, size_t *len)
{
  if (len)
    *len = pmmlS_len(&g->doc->strs, id);
  return pmmlS_str(&g->doc->strs, id);
}

int32_t
gen_str(gen *g, int32_t id)
{
  if (id < 0)
    return -1;
  if (g->pass == 1) {
    g->str_used[id] = 1;
    return 0;
  }
  if (g->str_map[id] < 0)
    gen_fail(g, 0, "internal error: string %d was not collected", (int)id);
  return g->str_map[id];
}

void
gen_name(gen *g, gbuf *b, int32_t id)
{
  size_t len;
  const char *s;
  if (id < 0) {
    gb_puts(b, "(unnamed)");
    return;
  }
  s = gen_strtext(g, id, &len);
  gb_puts(b, "\"");
  gb_ctext(b, s, len, 60);
  gb_puts(b, "\"");
}

static const char *const dt_names[] = {
  "PM_DT_STRING", "PM_DT_INTEGER", "PM_DT_FLOAT", "PM_DT_DOUBLE",
  "PM_DT_BOOLEAN", "PM_DT_DATE", "PM_DT_TIME", "PM_DT_DATETIME",
  "PM_DT_DATE_DAYS_SINCE_0", "PM_DT_DATE_DAYS_SINCE_1960",
  "PM_DT_DATE_DAYS_SINCE_1970", "PM_DT_DATE_DAYS_SINCE_1980",
  "PM_DT_TIME_SECONDS", "PM_DT_DATETIME_SECONDS_SINCE_0",
  "PM_DT_DATETIME_SECONDS_SINCE_1960", "PM_DT_DATETIME_SECONDS_SINCE_1970",
  "PM_DT_DATETIME_SECONDS_SINCE_1980"};

const char *
gen_dt(uint8_t dt)
{
  if (dt < sizeof dt_names / sizeof dt_names[0])
    return dt_names[dt];
  return "PM_DT_ANY";
}

int32_t
gen_slot(const gen *g, int32_t k)
{
  return k < 0 ? -1 : g->slot_map[k];
}

int32_t
gen_fast(const gen *g, int32_t k)
{
  const pmml_model *doc = g->doc;
  const pm_slot *s;
  if (k < 0)
    return -1;
  s = &doc->slots[k];
  if (s->kind == PM_SLOT_INPUT)
    return s->arg;
  if (s->kind == PM_SLOT_MINING &&
      doc->models[s->arg]->mf[s->aux].outliers == PM_OUT_AS_IS &&
      doc->slots[s->src].kind == PM_SLOT_INPUT)
    return doc->slots[s->src].arg;
  return -1;
}

int32_t
gen_walk(const gen *g, int32_t k, int *to_float)
{
  const pmml_model *doc = g->doc;
  int depth;
  *to_float = 0;
  for (depth = 0; depth < 64 && k >= 0; depth++) {
    const pm_slot *s = &doc->slots[k];
    const pm_expr *e;
    int32_t in = gen_fast(g, k);
    if (in >= 0)
      return in;
    if (s->kind != PM_SLOT_DERIVED)
      return -1;
    e = &doc->exprs[s->arg];
    /* pm_derived_value of a FieldRef: the value, cast to the field's type
    ** (float rounds, double keeps a number as it is). */
    if (e->op != PM_X_FIELD ||
        (s->dtype != PMML_DT_FLOAT && s->dtype != PMML_DT_DOUBLE &&
         s->dtype != PM_DT_ANY) ||
        !pmmlV_numeric_dt(doc->slots[e->slot].dtype) ||
        (doc->slots[e->slot].dtype != PMML_DT_FLOAT &&
         doc->slots[e->slot].dtype != PMML_DT_DOUBLE))
      return -1;
    if (s->dtype == PMML_DT_FLOAT)
      *to_float = 1;
    k = e->slot;
  }
  return -1;
}

void
gen_slot_ref(const gen *g, gbuf *b, int32_t k)
{
  int32_t in = gen_fast(g, k);
  if (in >= 0 && g->doc->slots[k].kind == PM_SLOT_INPUT)
    gb_printf(b, "&c->in_[%d]", (int)in);
  else if (in >= 0)
    gb_printf(b, "pm_fast(c, %d, %d)", (int)in, (int)gen_slot(g, k));
  else
    gb_printf(b, "pm_slot(c, %d)", (int)gen_slot(g, k));
}

/* ---- Literals ----------------------------------------------------------- */

static uint32_t
lit_hash(const pm_val *v)
{
  uint64_t bits = 0;
  uint32_t h;
  if (v->t == PM_T_NUM || v->t == PM_T_BOOL)
    memcpy(&bits, &v->u.num, sizeof bits);
  h = (uint32_t)(bits ^ (bits >> 32)) * 2654435761u;
  h ^= (uint32_t)v->t * 40503u + (uint32_t)v->dt * 977u;
  h ^= (uint32_t)v->sym * 2246822519u;
  return h;
}

static int
lit_same(const pm_val *a, const pm_val *b)
{
  if (a->t != b->t || a->dt != b->dt || a->sym != b->sym)
    return 0;
  if (a->t == PM_T_NUM || a->t == PM_T_BOOL)
    return memcmp(&a->u.num, &b->u.num, sizeof a->u.num) == 0;
  return 1;
}

int32_t
gen_lit(gen *g, const pm_val *v0)
{
  pm_val v = *v0;
  uint32_t h;
  if (v.t == PM_T_STR && v.sym < 0)
    v = pmmlV_missing();
  if (v.t != PM_T_STR)
    v.sym = -1;
  if (v.t == PM_T_MISSING) {
    v.dt = PM_DT_ANY;
    v.u.num = 0;
  }
  v.invalid = 0;
  if (v.t == PM_T_STR)
    gen_str(g, v.sym);
  if ((uint32_t)g->n_lits * 2 >= g->lit_mask) {
    uint32_t cap = g->lit_mask ? (g->lit_mask + 1) * 2 : 1024, i;
    int32_t *t = malloc(cap * sizeof *t);
    if (!t) {
      gen_fail(g, 0, "out of memory");
      return 0;
    }
    for (i = 0; i < cap; i++)
      t[i] = -1;
    free(g->lit_tab);
    g->lit_tab = t;
    g->lit_mask = cap - 1;
    for (i = 0; i < (uint32_t)g->n_lits; i++) {
      uint32_t j = lit_hash(&g->lits[i]) & g->lit_mask;
      while (g->lit_tab[j] >= 0)
        j = (j + 1) & g->lit_mask;
      g->lit_tab[j] = (int32_t)i;
    }
  }
  h = lit_hash(&v) & g->lit_mask;
  while (g->lit_tab[h] >= 0) {
    if (lit_same(&g->lits[g->lit_tab[h]], &v))
      return g->lit_tab[h];
    h = (h + 1) & g->lit_mask;
  }
  if (g->n_lits == g->cap_lits) {
    int32_t cap = g->cap_lits ? g->cap_lits * 2 : 256;
    pm_val *p = realloc(g->lits, (size_t)cap * sizeof *p);
    if (!p) {
      gen_fail(g, 0, "out of memory");
      return 0;
    }
    g->lits = p;
    g->cap_lits = cap;
  }
  g->lits[g->n_lits] = v;
  g->lit_tab[h] = g->n_lits;
  return g->n_lits++;
}

int32_t
gen_plit(gen *g, const pm_lit *l)
{
  pm_val v = pmmlV_lit(g->doc, l);
  return gen_lit(g, &v);
}

void
gen_lit_comment(gen *g, gbuf *b, const pm_lit *l)
{
  pm_val v = pmmlV_lit(g->doc, l);
  char tmp[64];
  switch (v.t) {
  case PM_T_MISSING:
    gb_puts(b, "missing");
    break;
  case PM_T_STR:
    gb_puts(b, "\"");
    gb_ctext(b, v.u.str, v.len, 40);
    gb_puts(b, "\"");
    break;
  default:
    pmmlV_format(&v, tmp, sizeof tmp);
    gb_ctext(b, tmp, strlen(tmp), 40);
    break;
  }
}

/* The initializer of generated literal i: { num, str, len, sym, t, dt, inv } */
static void
emit_lit(gen *g, gbuf *b, int32_t i)
{
  const pm_val *v = &g->lits[i];
  static const char *const kinds[] = {"PM_T_MISSING", "PM_T_NUM", "PM_T_STR",
                                      "PM_T_BOOL"};
  gb_puts(b, "  {");
  if (v->t == PM_T_NUM || v->t == PM_T_BOOL)
    gb_real(b, v->u.num);
  else
    gb_puts(b, "0");
  gb_puts(b, ", ");
  if (v->t == PM_T_STR) {
    int32_t k = gen_str(g, v->sym);
    gb_printf(b, "pm_s%d, %u, %d", (int)k, (unsigned)v->len, (int)k);
  } else {
    gb_puts(b, "0, 0, -1");
  }
  gb_printf(b, ", %s, %s, 0}, /* %d */\n", kinds[v->t],
            v->t == PM_T_MISSING ? "PM_DT_ANY" : gen_dt(v->dt), (int)i);
}

/* ---- Fields (DataDictionary) -------------------------------------------- */

/* The pm_fields index of DataField df: inputs are 0..n_inputs-1, other
** fields (targets, for their display values) follow. */
static int32_t
field_index(gen *g, int32_t df, int32_t *extra, int32_t *n_extra)
{
  const pmml_model *doc = g->doc;
  int32_t i;
  if (doc->df[df].input >= 0)
    return doc->df[df].input;
  for (i = 0; i < *n_extra; i++)
    if (extra[i] == df)
      return doc->n_inputs + i;
  extra[*n_extra] = df;
  return doc->n_inputs + (*n_extra)++;
}

/* <DataField> df as pm_fields entry, with its Values and Intervals. */
static void
emit_field(gen *g, int32_t df)
{
  const pm_datafield *f = &g->doc->df[df];
  gbuf *b = gen_tbuf(g, &g->t_fields);
  int32_t k;
  gb_printf(b, "  /* %d: DataField ", (int)g->n_fields);
  gen_name(g, b, f->name);
  gb_printf(b, " (line %u) */\n  {%d, %s, %d, %d, %d, %d, %d, %d, %d},\n",
            (unsigned)f->line, (int)gen_str(g, f->name), gen_dt(f->dtype),
            (int)f->optype,
            f->dom.n_values || f->dom.n_intervals ? 0
            : f->dtype == PMML_DT_DOUBLE          ? 1
            : f->dtype == PMML_DT_FLOAT           ? 2
            : f->dtype == PMML_DT_INTEGER         ? 3
                                                  : 0,
            (int)g->n_dvals, (int)f->dom.n_values,
            (int)f->dom.n_valid, (int)g->n_intervals,
            (int)f->dom.n_intervals);
  g->n_fields++;
  if (f->dtype == PMML_DT_STRING && f->input >= 0)
    g->text_inputs = 1;
  for (k = 0; k < f->dom.n_values; k++) {
    const pm_fvalue *fv = &f->dom.values[k];
    gbuf *d = gen_tbuf(g, &g->t_dvals);
    int32_t lit = gen_plit(g, &fv->v);
    gb_printf(d, "  {%d, %d, %d}, /* ", (int)lit,
              (int)gen_str(g, fv->display), (int)fv->property);
    gen_lit_comment(g, d, &fv->v);
    gb_puts(d, " */\n");
    g->n_dvals++;
  }
  for (k = 0; k < f->dom.n_intervals; k++) {
    const pm_interval *iv = &f->dom.intervals[k];
    gbuf *d = gen_tbuf(g, &g->t_intervals);
    gb_puts(d, "  {");
    gb_real(d, iv->left);
    gb_puts(d, ", ");
    gb_real(d, iv->right);
    gb_printf(d, ", %d},\n", (int)iv->closure);
    g->n_intervals++;
  }
}

/* ---- Models ------------------------------------------------------------- */

static const pm_target *
model_target(const pm_model *m)
{
  int32_t i;
  for (i = 0; i < m->n_targets; i++)
    if (m->targets[i].field < 0 || m->targets[i].field == m->target_name)
      return &m->targets[i];
  return NULL;
}

/* The pm_targets entry of model m's Target, or -1. */
static int32_t
emit_target(gen *g, const pm_model *m)
{
  const pm_target *t = model_target(m);
  gbuf *b = gen_tbuf(g, &g->t_targets);
  int32_t k;
  if (!t)
    return -1;
  gb_printf(b, "  /* %d: Target of model %d */\n  {%d, %d, %d, ",
            (int)g->n_targets, (int)m->index, (int)t->cast, (int)t->has_min,
            (int)t->has_max);
  gb_real(b, t->has_min ? t->min : 0.0);
  gb_puts(b, ", ");
  gb_real(b, t->has_max ? t->max : 0.0);
  gb_puts(b, ", ");
  gb_real(b, t->rescale_const);
  gb_puts(b, ", ");
  gb_real(b, t->rescale_factor);
  gb_printf(b, ", %d, %d},\n", (int)g->n_tvals, (int)t->n_values);
  for (k = 0; k < t->n_values; k++) {
    const pm_tvalue *tv = &t->values[k];
    gbuf *d = gen_tbuf(g, &g->t_tvals);
    gb_printf(d, "  {%d, %d, ",
              tv->v.t != PM_T_MISSING ? (int)gen_plit(g, &tv->v) : -1,
              (int)gen_str(g, tv->display));
    gb_real(d, tv->prior);
    gb_printf(d, ", %d, %d}, /* TargetValue ",
              tv->deflt.t != PM_T_MISSING ? (int)gen_plit(g, &tv->deflt) : -1,
              tv->v.t != PM_T_MISSING ? (int)pmmlR_class(m, &tv->v) : -1);
    gen_lit_comment(g, d, &tv->v);
    gb_puts(d, " */\n");
    g->n_tvals++;
  }
  return g->n_targets++;
}

static const char *const fn_names[] = {
  "regression", "classification", "clustering", "associationRules",
  "sequences", "timeSeries", "mixed"};

/* A model element's pm_models entry, then its family's code. */
static int
gen_model(gen *g, const pm_model *m, gbuf *models, int32_t *extra,
          int32_t *n_extra)
{
  const gen_family *fam = families[m->family];
  const pmml_model *doc = g->doc;
  int32_t classes = -1, target, target_df = -1, i;
  if (!fam)
    return gen_fail(g, m->line, "%s: the code generator does not support "
                    "this model yet",
                    pmmlL_families[m->family]->element);
  /* The classes, as one block of literals. */
  for (i = 0; i < m->n_classes; i++) {
    pm_val v = pmmlV_lit(doc, &m->classes[i]);
    int32_t k;
    /* Not deduplicated: the block must be contiguous. */
    k = g->n_lits;
    if (v.t == PM_T_STR)
      gen_str(g, v.sym);
    if (g->n_lits == g->cap_lits) {
      int32_t cap = g->cap_lits ? g->cap_lits * 2 : 256;
      pm_val *p = realloc(g->lits, (size_t)cap * sizeof *p);
      if (!p)
        return gen_fail(g, 0, "out of memory");
      g->lits = p;
      g->cap_lits = cap;
    }
    if (v.t != PM_T_STR)
      v.sym = -1;
    v.invalid = 0;
    g->lits[g->n_lits++] = v;
    if (i == 0)
      classes = k;
  }
  target = emit_target(g, m);
  if (m->target_name >= 0)
    for (i = 0; i < doc->n_df; i++)
      if (doc->df[i].name == m->target_name) {
        int32_t before = *n_extra;
        target_df = field_index(g, i, extra, n_extra);
        if (*n_extra > before)
          emit_field(g, i);
        break;
      }
  if (m->n_classes > 0) {
    g->model_prob[m->index] = g->n_dbl;
    g->n_dbl += 2 * m->n_classes;
  }
  gb_printf(models, "  /* %d: %s", (int)m->index,
            pmmlL_families[m->family]->element);
  if (m->name >= 0) {
    gb_puts(models, " ");
    gen_name(g, models, m->name);
  }
  gb_printf(models, " (line %u), %s */\n", (unsigned)m->line,
            m->function < 7 ? fn_names[m->function] : "?");
  gb_printf(models, "  {%d, %d, %s, %d, %d, %d, %d, %d, %d, %d},\n",
            (int)m->index, (int)m->function, gen_dt(m->target_dt),
            (int)m->target_op, (int)m->math_float, (int)m->n_classes,
            (int)classes, (int)g->model_prob[m->index], (int)target,
            (int)target_df);
  return fam->model(g, m);
}

/* ---- Slots -------------------------------------------------------------- */

/* <OutputField> of of model m: the function that computes its value
** (eval.c: output_value). */
static int
gen_output(gen *g, const pm_model *m, const pm_ofield *of, int32_t k)
{
  gbuf *b = gen_out(g, GS_CODE);
  const gen_family *fam = families[m->family];
  static const char *const feats[] = {
    "predictedValue", "predictedDisplayValue", "probability",
    "transformedValue", "decision", "confidence", "residual",
    "standardError", "standardDeviation", "entityId", "clusterId",
    "affinity", "entityAffinity", "clusterAffinity", "warning", "ruleValue",
    "reasonCode", "antecedent", "consequent", "rule", "ruleId", "support",
    "lift", "leverage", "confidenceIntervalLower",
    "confidenceIntervalUpper"};
  uint8_t dt = g->doc->slots[of->slot].dtype, from = PM_DT_ANY;
  int rc = 1;
  gen_need(g, "outputs");
  /* Only these features read the expression (eval.c: output_value); for
  ** another, its functions would be unused. */
  if (of->expr >= 0 &&
      (of->feature == PM_FEAT_TRANSFORMED || of->feature == PM_FEAT_DECISION) &&
      gen_expr(g, of->expr))
    return -1;
  gb_printf(gen_out(g, GS_PROTO), "static void s%d(pm_ctx *c, pm_v *out);\n",
            (int)k);
  {
    gbuf cm = {0};
    gb_puts(&cm, "OutputField ");
    gen_name(g, &cm, of->name);
    gb_printf(&cm, " (line %u) of model %d: feature=\"%s\"",
              (unsigned)of->line, (int)m->index,
              of->feature < PM_FEAT_COUNT ? feats[of->feature] : "?");
    if (of->value.t != PM_T_MISSING) {
      gb_puts(&cm, " value=");
      gen_lit_comment(g, &cm, &of->value);
    }
    gb_puts(b, "\n");
    gb_comment(b, cm.p, 0);
    gb_free(&cm);
  }
  gb_printf(b, "static void\ns%d(pm_ctx *c, pm_v *out)\n{\n", (int)k);
  gb_printf(b, "  const pm_modeld *m = &pm_models[%d];\n", (int)m->index);
  gb_printf(b, "  const pm_res *res = &c->res_[%d];\n", (int)m->index);
  gb_puts(b, "  (void)m;\n  (void)res;\n  *out = pm_missing();\n");
  gb_printf(b, "  if (!c->rdone_[%d])\n    return;\n", (int)m->index);
  if (fam && fam->feature) {
    rc = fam->feature(g, m, of, b);
    if (rc < 0)
      return -1;
  }
  if (rc == 1) {
    switch (of->feature) {
    case PM_FEAT_PREDICTED:
      gb_puts(b, "  *out = res->value;\n");
      from = m->target_dt;
      break;
    case PM_FEAT_DISPLAY:
      gb_puts(b, "  if (pm_display_value(c, m, &res->value, out))\n"
                 "    return;\n");
      gen_note_cast(g, m->target_dt, PMML_DT_STRING);
      from = PMML_DT_STRING;
      break;
    case PM_FEAT_PROBABILITY:
    case PM_FEAT_CONFIDENCE: {
      int32_t klass = -1;
      if (of->value.t != PM_T_MISSING)
        klass = of->klass >= 0 ? of->klass : -2;
      gb_printf(b, "  pm_output_prob(m, res, %d, %d, out);\n", (int)klass,
                of->feature == PM_FEAT_CONFIDENCE);
      from = PMML_DT_DOUBLE;
      break;
    }
    case PM_FEAT_TRANSFORMED:
    case PM_FEAT_DECISION:
      if (of->expr >= 0) {
        gb_printf(b, "  if (x%d(c, 0, out))\n    return;\n",
                  (int)of->expr);
        from = g->doc->exprs[of->expr].dt;
      }
      break;
    case PM_FEAT_ENTITY_ID:
      gb_puts(b, "  if (res->entity_id >= 0)\n"
                 "    *out = pm_sym(res->entity_id);\n");
      from = PMML_DT_STRING;
      break;
    case PM_FEAT_AFFINITY:
    case PM_FEAT_ENTITY_AFFINITY:
      gb_puts(b, "  if (!isnan(res->affinity))\n"
                 "    *out = pm_num(res->affinity, PM_DT_DOUBLE);\n");
      from = PMML_DT_DOUBLE;
      break;
    case PM_FEAT_WARNING:
      break;
    default:
      return gen_fail(g, of->line, "OutputField: feature=\"%s\" is not "
                      "supported by the code generator yet",
                      of->feature < PM_FEAT_COUNT ? feats[of->feature] : "?");
    }
  }
  gen_note_cast(g, from, dt);
  gb_printf(b, "  pm_output_cast(c, %s, %d, out);\n}\n",
            gen_dt(dt), (int)gen_str(g, of->name));
  return 0;
}

/* The function computing DerivedField slot k (eval.c: PM_SLOT_DERIVED). */
static int
gen_derived(gen *g, const pm_slot *s, int32_t k)
{
  gbuf *b = gen_out(g, GS_CODE);
  const pm_derived *d = s->derived;
  if (gen_expr(g, s->arg))
    return -1;
  gen_need(g, "derived");
  gen_note_cast(g, g->doc->exprs[s->arg].dt, s->dtype);
  gb_printf(gen_out(g, GS_PROTO), "static void s%d(pm_ctx *c, pm_v *out);\n",
            (int)k);
  gb_puts(b, "\n/* DerivedField ");
  gen_name(g, b, s->name);
  gb_printf(b, " (line %u), %s */\nstatic void\ns%d(pm_ctx *c, pm_v *out)\n"
               "{\n  pm_v r;\n  int rc = x%d(c, 0, &r);\n"
               "  pm_derived_value(c, rc, &r, %s, %d, out);\n}\n",
            d ? (unsigned)d->line : 0u,
            s->dtype == PM_DT_ANY ? "any type" : gen_dt(s->dtype), (int)k,
            (int)s->arg, gen_dt(s->dtype), (int)gen_str(g, s->name));
  return 0;
}

/* Every slot that is not an input: its function, its case in
** pm_slot_compute, its name. */
static int
gen_slots(gen *g)
{
  const pmml_model *doc = g->doc;
  gbuf sw = {0}, names = {0}, minings = {0};
  gbuf *b;
  int32_t k, n = 0;
  int rc = 0;
  for (k = 0; k < doc->n_slots && rc == 0; k++) {
    const pm_slot *s = &doc->slots[k];
    int32_t gk = gen_slot(g, k);
    if (s->kind == PM_SLOT_INPUT)
      continue;
    n++;
    gb_printf(&names, "  %d,\n", (int)gen_str(g, s->name));
    gb_printf(&sw, "  case %d: /* ", (int)gk);
    switch (s->kind) {
    case PM_SLOT_MINING: {
      const pm_model *m = doc->models[s->arg];
      const pm_mfield *mf = &m->mf[s->aux];
      gen_need(g, "treat");
      gb_puts(&sw, "MiningField ");
      gen_name(g, &sw, s->name);
      gb_printf(&sw, " (line %u) */\n    pm_mining_value(c, %d, v);\n"
                     "    break;\n",
                (unsigned)mf->line, (int)g->n_minings);
      gb_printf(&minings, "  /* %d: MiningField ", (int)g->n_minings);
      gen_name(g, &minings, mf->name);
      gb_printf(&minings, " of model %d */\n  {%d, %d, %d, %d, %d, ",
                (int)m->index, (int)gen_str(g, mf->name),
                (int)gen_slot(g, s->src), (int)mf->miss, (int)mf->inv,
                (int)mf->outliers);
      gb_real(&minings, mf->outliers != PM_OUT_AS_IS ? mf->low : 0.0);
      gb_puts(&minings, ", ");
      gb_real(&minings, mf->outliers != PM_OUT_AS_IS ? mf->high : 0.0);
      gb_printf(&minings, ", %d, %d},\n",
                mf->miss_repl.t != PM_T_MISSING
                    ? (int)gen_plit(g, &mf->miss_repl)
                    : -1,
                mf->inv == PM_INV_AS_VALUE ? (int)gen_plit(g, &mf->inv_repl)
                                           : -1);
      g->n_minings++;
      break;
    }
    case PM_SLOT_DERIVED:
      gb_puts(&sw, "DerivedField ");
      gen_name(g, &sw, s->name);
      gb_printf(&sw, " */\n    s%d(c, v);\n    break;\n", (int)gk);
      rc = gen_derived(g, s, gk);
      break;
    case PM_SLOT_OUTPUT: {
      const pm_model *m = doc->models[s->arg];
      gb_puts(&sw, "OutputField ");
      gen_name(g, &sw, s->name);
      gb_printf(&sw, " */\n    s%d(c, v);\n    break;\n", (int)gk);
      rc = gen_output(g, m, &m->of[s->aux], gk);
      break;
    }
    default:
      gb_puts(&sw, "unused */\n    *v = pm_missing();\n    break;\n");
      break;
    }
  }
  if (rc == 0 && g->pass == 2) {
    b = &g->out[GS_SLOTS];
    gb_printf(b, "\n/* The name of every slot but the inputs (messages). */\n"
                 "static const int32_t pm_slot_names[%d] = {\n",
              n ? (int)n : 1);
    if (n)
      gb_put(b, names.p, names.len);
    else
      gb_puts(b, "  0\n");
    gb_puts(b, "};\n");
    if (g->n_minings) {
      gb_printf(b, "\n/* MiningFields whose treatments change values. */\n"
                   "static const pm_mining pm_minings[%d] = {\n",
                (int)g->n_minings);
      gb_put(b, minings.p, minings.len);
      gb_puts(b, "};\n");
    }
    b = &g->out[GS_SLOTCODE];
    gb_puts(b, "\n/* The value of slot k for this record: every field but "
               "the inputs\n** (eval.c: pmmlE_slot_compute). */\n"
               "static const pm_v *\npm_slot_compute(pm_ctx *c, int32_t k)\n"
               "{\n  int32_t i = k - PM_NIN;\n  pm_v *v = &c->v_[i];\n"
               "  if (c->st_[i] == 1) {\n"
               "    pm_fail(c, PM_E_EVAL, \"field '%s' depends on itself\",\n"
               "            pm_strs[pm_slot_names[i]].s);\n"
               "    return v;\n  }\n  c->st_[i] = 1;\n"
               "  switch (k) {\n");
    gb_put(b, sw.p, sw.len);
    gb_puts(b, "  default:\n    *v = pm_missing();\n    break;\n  }\n"
               "  c->st_[i] = 2;\n  return v;\n}\n");
  }
  gb_free(&sw);
  gb_free(&names);
  gb_free(&minings);
  return rc;
}

/* ---- One pass over the document ----------------------------------------- */

static void
reset_tables(gen *g)
{
  g->n_preds = g->n_pargs = g->n_minings = g->n_fields = 0;
  g->n_dvals = g->n_intervals = g->n_targets = g->n_tvals = 0;
  g->n_lits = 0;
  g->n_dbl = 0;
  if (g->lit_tab) {
    uint32_t i;
    for (i = 0; i <= g->lit_mask; i++)
      g->lit_tab[i] = -1;
  }
  g->t_preds.len = g->t_pargs.len = g->t_fields.len = 0;
  g->t_dvals.len = g->t_intervals.len = g->t_targets.len = g->t_tvals.len = 0;
  memset(g->expr_done, 0, (size_t)g->doc->n_exprs + 1);
  memset(g->fn_done, 0, (size_t)g->doc->n_fns + 1);
  memset(g->pred_map, 0xff, ((size_t)g->doc->n_preds + 1) * sizeof(int32_t));
}

/* The active MiningFields of the top model that may fail the record by
** returnInvalid: read before the model is scored, whether or not its path
** reads them (eval.c: score_record). pm_strict[0 .. PM_NSTRICT). */
static void
strict_fields(gen *g, gbuf *b)
{
  const pm_model *top = g->doc->top;
  int32_t i, n = 0;
  gb_puts(b, "\n/* The top model's active fields whose returnInvalid "
             "treatment fails a\n** record even where the model does not "
             "read them (score_record). */\n"
             "static const int32_t pm_strict[] = {");
  for (i = 0; i < top->n_mf; i++) {
    const pm_mfield *mf = &top->mf[i];
    if (mf->slot >= 0 && mf->usage == PM_USE_ACTIVE &&
        (mf->inv == PM_INV_RETURN_INVALID ||
         mf->miss == PM_MISS_RETURN_INVALID))
      gb_printf(b, "%s%d", n++ ? ", " : "", (int)gen_slot(g, mf->slot));
  }
  gb_printf(b, "%s};\n#define PM_NSTRICT %d\n", n ? "" : "-1", (int)n);
}

static int
run_pass(gen *g)
{
  const pmml_model *doc = g->doc;
  gbuf models = {0};
  int32_t *extra = calloc((size_t)doc->n_df + 1, sizeof *extra), n_extra = 0;
  int32_t i;
  int rc = 0;
  if (!extra)
    return gen_fail(g, 0, "out of memory");
  reset_tables(g);
  for (i = 0; i < doc->n_inputs; i++)
    emit_field(g, doc->inputs[i]);
  for (i = 0; i < doc->n_models && rc == 0; i++)
    rc = gen_model(g, doc->models[i], &models, extra, &n_extra);
  if (rc == 0)
    rc = gen_slots(g);
  if (rc == 0 && g->pass == 2) {
    gbuf *b = &g->out[GS_SLOTS];
    gb_printf(b, "\n/* Every model element (pmmlE_model). */\n"
                 "static const pm_modeld pm_models[%d] = {\n",
              (int)doc->n_models);
    gb_put(b, models.p, models.len);
    gb_puts(b, "};\n\n/* The outputs: each target's predicted value, then "
               "the final OutputFields. */\n");
    gb_printf(b, "static const pm_outd pm_outs[%d] = {\n",
              doc->n_outs ? (int)doc->n_outs : 1);
    for (i = 0; i < doc->n_outs; i++) {
      const pm_out *o = &doc->outs[i];
      gb_printf(b, "  {%d, %d, %d, %s}, /* ", (int)gen_str(g, o->name),
                (int)gen_slot(g, o->slot), (int)o->model, gen_dt(o->dtype));
      gen_name(g, b, o->name);
      gb_puts(b, " */\n");
    }
    if (!doc->n_outs)
      gb_puts(b, "  {0, -1, 0, PM_DT_ANY}\n");
    gb_puts(b, "};\n");
    strict_fields(g, b);
  } else if (rc == 0) {
    for (i = 0; i < doc->n_outs; i++)
      gen_str(g, doc->outs[i].name);
  }
  gb_free(&models);
  free(extra);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Assembling the files                                                     */

/* The embedded text called 'name', or NULL. */
static const char *const *
text_lines(const char *name)
{
  const gen_text *t;
  for (t = gen_texts; t->name; t++)
    if (!strcmp(t->name, name))
      return t->lines;
  return NULL;
}

/* Replace PFX_ and PFXU_ by the prefix in line s. */
static void
put_line(gbuf *b, const char *s, const char *pfx, const char *upfx)
{
  const char *p;
  while ((p = strstr(s, "PFX")) != NULL) {
    gb_put(b, s, (size_t)(p - s));
    if (!strncmp(p, "PFXU_", 5)) {
      gb_puts(b, upfx);
      gb_puts(b, "_");
      s = p + 5;
    } else if (!strncmp(p, "PFX_", 4)) {
      gb_puts(b, pfx);
      gb_puts(b, "_");
      s = p + 4;
    } else {
      gb_put(b, p, 3);
      s = p + 3;
    }
  }
  gb_puts(b, s);
}

/* An embedded file, without its #include "..." lines. */
static void
put_text(gen *g, gbuf *b, const char *name, const char *upfx)
{
  const char *const *l = text_lines(name);
  if (!l) {
    gen_fail(g, 0, "internal error: no embedded %s", name);
    return;
  }
  gb_printf(b, "\n/* ==== %s (embedded by pmmlc) ==== */\n", name);
  for (; *l; l++)
    if (strncmp(*l, "#include \"", 10))
      put_line(b, *l, g->o->prefix, upfx);
}

/* A section of genrt.inc or builtins.inc: "/\*@ NAME: DEPS *\/". */
typedef struct rt_section {
  char name[32];
  char deps[160];
  int first, end;      /* lines [first, end) */
  int on;
} rt_section;

/* An embedded text cut into sections. */
typedef struct rt_file {
  const char *const *l;
  rt_section sec[64];
  int n;
  int pre_end;         /* lines before the first section */
  int post;            /* the line after the last section (or its end) */
} rt_file;

static int
rt_sections(rt_file *f, const char *const *l, const char *postamble)
{
  int n = 0, i;
  f->l = l;
  f->pre_end = -1;
  for (i = 0; l[i]; i++) {
    if (postamble && !strncmp(l[i], postamble, strlen(postamble)))
      break;
    if (strncmp(l[i], "/*@ ", 4))
      continue;
    if (n > 0)
      f->sec[n - 1].end = i;
    else
      f->pre_end = i;
    if (n == (int)(sizeof f->sec / sizeof f->sec[0]))
      return -1;
    {
      const char *p = l[i] + 4, *colon = strchr(p, ':'),
                 *close = strstr(p, " */");
      size_t len;
      if (!close)
        return -1;
      len = (size_t)((colon && colon < close ? colon : close) - p);
      if (len >= sizeof f->sec[n].name)
        return -1;
      memcpy(f->sec[n].name, p, len);
      f->sec[n].name[len] = '\0';
      f->sec[n].deps[0] = '\0';
      if (colon && colon < close) {
        size_t dl = (size_t)(close - colon - 1);
        if (dl >= sizeof f->sec[n].deps)
          return -1;
        memcpy(f->sec[n].deps, colon + 1, dl);
        f->sec[n].deps[dl] = '\0';
      }
      f->sec[n].first = i + 1;
      f->sec[n].on = 0;
      n++;
    }
  }
  if (n > 0)
    f->sec[n - 1].end = i;
  f->post = i;
  f->n = n;
  return n;
}

/* Turn on section 'name' (of either file) and its dependencies. */
static void
rt_enable(rt_file *files, int nf, const char *name, int *numconv)
{
  int i, k;
  if (!strcmp(name, "numconv")) {
    *numconv = 1;
    return;
  }
  for (k = 0; k < nf; k++)
    for (i = 0; i < files[k].n; i++) {
      rt_section *sec = &files[k].sec[i];
      char deps[160], *p, *save = NULL;
      if (strcmp(sec->name, name))
        continue;
      if (sec->on)
        return;
      sec->on = 1;
      memcpy(deps, sec->deps, sizeof deps);
      for (p = strtok_r(deps, " ", &save); p; p = strtok_r(NULL, " ", &save))
        rt_enable(files, nf, p, numconv);
      return;
    }
}

/* The sections of one kind: types (1), functions (0), or only the one
** called 'only' (-1). main() is emitted apart, after csv.c. */
static void
put_sections(gen *g, gbuf *b, rt_file *f, int types, const char *only,
             const char *upfx)
{
  int i, k;
  for (i = 0; i < f->n; i++) {
    rt_section *sec = &f->sec[i];
    int is_type = sec->name[0] == 't' && sec->name[1] == '_';
    if (!sec->on)
      continue;
    if (types < 0 ? strcmp(sec->name, only) != 0
                  : types != is_type || !strncmp(sec->name, "main", 4))
      continue;
    gb_printf(b, "\n/* ==== run-time support: %s (pmmlc/genrt.inc) ==== */\n",
              sec->name);
    for (k = sec->first; k < sec->end; k++)
      put_line(b, f->l[k], g->o->prefix, upfx);
  }
}

/* The sections of builtins.inc that are on, with its preamble and end. */
static void
put_builtins(gen *g, gbuf *b, rt_file *f, const char *upfx)
{
  int i, k, any = 0;
  for (i = 0; i < f->n; i++)
    any |= f->sec[i].on;
  if (!any)
    return;
  gb_puts(b, "\n/* ==== builtins.inc (embedded by pmmlc) ==== */\n");
  for (k = 0; k < f->pre_end; k++)
    if (strncmp(f->l[k], "#include \"", 10))
      put_line(b, f->l[k], g->o->prefix, upfx);
  for (i = 0; i < f->n; i++)
    if (f->sec[i].on)
      for (k = f->sec[i].first; k < f->sec[i].end; k++)
        put_line(b, f->l[k], g->o->prefix, upfx);
  for (k = f->post; f->l[k]; k++)
    put_line(b, f->l[k], g->o->prefix, upfx);
}

static void
put_hex(gbuf *b, const unsigned char *h, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    gb_printf(b, "%02x", h[i]);
}

/* The banner both files start with. */
static void
banner(gen *g, gbuf *b, const char *file, const char *what)
{
  const pmml_model *doc = g->doc;
  const pm_model *top = doc->top;
  gb_printf(b, "/*\n** %s: generated by pmmlc %s from ", file,
            PACKAGE_VERSION);
  gb_ctext(b, g->o->source, strlen(g->o->source), 80);
  gb_puts(b, ": do not edit.\n** ");
  gb_puts(b, what);
  gb_printf(b, "\n**\n** PMML %s, %s", doc->version ? doc->version : "?",
            pmmlL_families[top->family]->element);
  if (top->name >= 0) {
    gb_puts(b, " ");
    gen_name(g, b, top->name);
  }
  gb_printf(b, " (%s)", top->function < 7 ? fn_names[top->function] : "?");
  if (doc->application && *doc->application) {
    gb_puts(b, ",\n** Header/Application \"");
    gb_ctext(b, doc->application, strlen(doc->application), 80);
    gb_puts(b, "\"");
  }
  gb_puts(b, ".\n** sha256 of the document:\n**   ");
  put_hex(b, g->o->sha, 32);
  gb_puts(b, "\n*/\n");
}

static void
upper(char *dst, const char *src, size_t n)
{
  size_t i;
  for (i = 0; i + 1 < n && src[i]; i++)
    dst[i] = (char)(src[i] >= 'a' && src[i] <= 'z' ? src[i] - 32 : src[i]);
  dst[i] = '\0';
}

static const char *const optype_names[] = {"categorical", "ordinal",
                                           "continuous"};

/* A list of C macro names for the strings ids[0..n), made unique. */
static void
macro_names(gen *g, gbuf *b, const char *upfx, const char *kind,
            const int32_t *ids, int32_t n, int32_t i)
{
  gbuf mine = {0};
  int32_t j, dup = 0;
  size_t len;
  const char *s = gen_strtext(g, ids[i], &len);
  gb_ident(&mine, s, len, 1);
  for (j = 0; j < i; j++) {
    gbuf other = {0};
    const char *t;
    size_t tl;
    t = gen_strtext(g, ids[j], &tl);
    gb_ident(&other, t, tl, 1);
    if (other.len == mine.len && !memcmp(other.p, mine.p, mine.len))
      dup++;
    gb_free(&other);
  }
  (void)n;
  gb_printf(b, "#define %s_%s_%s", upfx, kind, mine.p);
  if (dup)
    gb_printf(b, "_%d", (int)dup + 1);
  gb_free(&mine);
}

/* Rows of a block of _predict_rows: its leaves (PM_KROWS * PM_KSEGS
** int32_t) in 64 KB, 8 to 256 rows (the sums, PM_KROWS * PM_KACCS
** doubles, are a few KB more). */
static int32_t
krows(const gen *g)
{
  int32_t n = g->k_segs ? 16384 / g->k_segs : 256;
  return n < 8 ? 8 : n > 256 ? 256 : n;
}

static void
gen_header(gen *g, gbuf *b, const char *upfx)
{
  const pmml_model *doc = g->doc;
  const char *p = g->o->prefix;
  int32_t i, k, *ids;
  int32_t n_in = doc->n_inputs, n_out = doc->n_outs;
  const char *real = g->o->use_float ? "float" : "double";
  banner(g, b, g->o->header,
         "The model's API: score records with it without libpmmlrt.");
  gb_printf(b, "#ifndef %s_H_\n#define %s_H_\n\n#include <stddef.h>\n"
               "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n"
               "#endif\n\n",
            upfx, upfx);
  gb_printf(b, "/* The sha256 of the PMML document this model came from. */"
               "\n#define %s_PMML_SHA256 \\\n  \"", upfx);
  put_hex(b, g->o->sha, 32);
  gb_printf(b, "\"\nextern const char %s_pmml_sha256[65];\n\n", p);
  ids = malloc(((size_t)(n_in > n_out ? n_in : n_out) + 1) * sizeof *ids);
  if (!ids) {
    gen_fail(g, 0, "out of memory");
    return;
  }
  /* Inputs */
  gb_printf(b,
            "/*\n** Inputs: %d, by index (%s_set_number/_text/_missing). "
            "A missing value is\n** set with %s_set_missing (the CSV "
            "reader of --main: an empty cell, NA or\n** N/A); text that is "
            "not a value of the field's type, or a value outside\n"
            "** its declared domain, is an invalid value (the model's "
            "invalidValueTreatment\n** decides).\n*/\n#define %s_N_INPUTS "
            "%d\n",
            (int)n_in, p, p, upfx, (int)n_in);
  for (i = 0; i < n_in; i++)
    ids[i] = doc->df[doc->inputs[i]].name;
  for (i = 0; i < n_in; i++) {
    const pm_datafield *f = &doc->df[doc->inputs[i]];
    size_t len;
    const char *s = gen_strtext(g, f->name, &len);
    int shown = 0;
    gbuf c = {0}, *cb = &c;
    gb_ctext(cb, s, len, 60);
    gb_printf(cb, ": %s %s", optype_names[f->optype % 3],
              pmml_dtype_name((pmml_dtype)f->dtype));
    for (k = 0; k < f->dom.n_values; k++) {
      const pm_fvalue *fv = &f->dom.values[k];
      if (fv->property != PM_PROP_VALID)
        continue;
      if (shown == 8) {
        gb_puts(cb, ", ...");
        break;
      }
      gb_puts(cb, shown ? ", " : " {");
      gen_lit_comment(g, cb, &fv->v);
      shown++;
    }
    if (shown)
      gb_puts(cb, "}");
    for (k = 0, shown = 0; k < f->dom.n_values; k++) {
      const pm_fvalue *fv = &f->dom.values[k];
      if (fv->property != PM_PROP_MISSING)
        continue;
      gb_puts(cb, shown++ ? ", " : "; missing also ");
      gen_lit_comment(g, cb, &fv->v);
    }
    if (f->dom.n_intervals) {
      const pm_interval *iv = &f->dom.intervals[0];
      gb_puts(cb, f->dom.n_intervals > 1 ? "; valid in intervals, first "
                                         : "; valid in ");
      gb_puts(cb, iv->closure == PM_CL_CLOSED_OPEN ||
                          iv->closure == PM_CL_CLOSED_CLOSED
                      ? "["
                      : "(");
      gb_real(cb, iv->left);
      gb_puts(cb, ", ");
      gb_real(cb, iv->right);
      gb_puts(cb, iv->closure == PM_CL_OPEN_CLOSED ||
                          iv->closure == PM_CL_CLOSED_CLOSED
                      ? "]"
                      : ")");
    }
    gb_comment(b, c.p ? c.p : "", 0);
    gb_free(&c);
    macro_names(g, b, upfx, "IN", ids, n_in, i);
    gb_printf(b, " %d\n", (int)i);
  }
  /* Outputs */
  gb_printf(b, "\n/*\n** Outputs: %d, by index (%s_output): the predicted "
               "value of the target, then\n** every final OutputField, "
               "as `pmmlc score` writes them.\n*/\n#define %s_N_OUTPUTS %d\n",
            (int)n_out, p, upfx, (int)n_out);
  for (i = 0; i < n_out; i++)
    ids[i] = doc->outs[i].name;
  for (i = 0; i < n_out; i++) {
    const pm_out *o = &doc->outs[i];
    size_t len;
    const char *s = gen_strtext(g, o->name, &len);
    const pm_model *m = doc->models[o->model];
    gbuf c = {0};
    gb_ctext(&c, s, len, 60);
    gb_printf(&c, ": %s %s", optype_names[o->optype % 3],
              o->dtype == PM_DT_ANY ? "(any type)"
                                    : pmml_dtype_name((pmml_dtype)o->dtype));
    if (o->slot < 0 && m->n_classes > 0) {
      gb_puts(&c, " {");
      for (k = 0; k < m->n_classes && k < 8; k++) {
        if (k)
          gb_puts(&c, ", ");
        gen_lit_comment(g, &c, &m->classes[k]);
      }
      gb_puts(&c, k < m->n_classes ? ", ...}" : "}");
    }
    gb_comment(b, c.p ? c.p : "", 0);
    gb_free(&c);
    macro_names(g, b, upfx, "OUT", ids, n_out, i);
    gb_printf(b, " %d\n", (int)i);
  }
  /* The classes of the top model's target (the index _predict gives). */
  if (doc->top->n_classes > 0 && doc->top->function == PM_FN_CLASSIFICATION) {
    const pm_model *top = doc->top;
    int32_t *cls = malloc((size_t)top->n_classes * sizeof *cls);
    int text = 0;
    for (i = 0; cls && i < top->n_classes; i++) {
      pm_val v = pmmlV_lit(doc, &top->classes[i]);
      cls[i] = top->classes[i].sym;
      text |= v.t == PM_T_STR;
    }
    if (!text)
      gb_printf(b, "\n/* The categories of the target are numbers: "
                   "%s_predict gives them as\n** they are. */\n", p);
    else
      gb_printf(b, "\n/* The classes of the target, in the order of its "
                   "probabilities: what\n** %s_predict gives for a "
                   "predicted category (its index). */\n", p);
    for (i = 0; cls && text && i < top->n_classes; i++) {
      pm_val v = pmmlV_lit(doc, &top->classes[i]);
      if (v.t != PM_T_STR)
        continue;
      macro_names(g, b, upfx, "CLASS", cls, top->n_classes, i);
      gb_printf(b, " %d /* ", (int)i);
      gen_lit_comment(g, b, &top->classes[i]);
      gb_puts(b, " */\n");
    }
    free(cls);
  }
  free(ids);
  gb_printf(b,
            "\n/* Kinds of values. */\n#define %s_MISSING 0\n"
            "#define %s_NUMBER 1\n#define %s_STRING 2\n#define %s_BOOLEAN 3\n"
            "\n/* A value of an output: 'kind', then 'number' (NUMBER, "
            "BOOLEAN: 0 or 1)\n** or 'string' and 'length' (not "
            "NUL-terminated); 'dtype' is the PMML data\n** type (0 string, "
            "1 integer, 2 float, 3 double, 4 boolean, 5 date, 6 time,\n"
            "** 7 dateTime, 8-11 dateDaysSince[0,1960,1970,1980], 12 "
            "timeSeconds, 13-16\n** dateTimeSecondsSince[...], 255 any). */\n"
            "typedef struct %s_value {\n  int kind;\n  int dtype;\n"
            "  double number;\n  const char *string;\n  size_t length;\n"
            "} %s_value;\n",
            upfx, upfx, upfx, upfx, p, p);
  gb_printf(b,
            "\n/* Status codes of %s_score and %s_set_* (pmml_status). */\n"
            "#define %s_OK 0\n#define %s_E_LIMIT 5\n"
            "#define %s_E_UNSUPPORTED 8\n#define %s_E_ARGUMENT 10\n"
            "#define %s_E_INVALID_VALUE 11\n#define %s_E_EVAL 12\n",
            p, p, upfx, upfx, upfx, upfx, upfx, upfx);
  /* The context */
  gb_printf(b,
            "\n/* Private: a value of the record. */\nstruct %s__val {\n"
            "  %s num;\n  const char *str;\n  uint32_t len;\n  int32_t sym;\n"
            "  uint8_t t, dt, inv;\n};\n"
            "\n/* Private: what scoring a model leaves behind. */\n"
            "struct %s__res {\n  struct %s__val value;\n  %s *prob, *conf;\n"
            "  int32_t entity, entity_id, segment;\n  %s affinity, raw;\n"
            "};\n",
            p, real, p, p, real, real);
  gb_printf(b,
            "\n/*\n** The state of one record: the inputs, the fields "
            "computed from them, the\n** results. Give each thread its own; "
            "the fields are private. %s_init()\n** before the first use. "
            "Nothing is allocated: it is %s bytes or so.\n*/\n"
            "typedef struct %s_ctx {\n"
            "  struct %s__val in_[%d];\n  struct %s__val v_[%d];\n"
            "  unsigned char st_[%d];\n  struct %s__res res_[%d];\n"
            "  unsigned char rdone_[%d];\n  %s d_[%d];\n  char itext_[%d];\n"
            "  char sbuf_[%d];\n  size_t sused_;\n  int failed_, status_, "
            "scored_, depth_;\n  char msg_[512];\n"
            "  const int32_t *kl_;\n  const double *ka_;\n  size_t ks_, kr_;\n"
            "%s} %s_ctx;\n",
            p, pmmlE_textindex_cache_size(doc) ? "1M"
            : g->makes_strings             ? "64K"
                                           : "a few hundred",
            p, p,
            n_in ? (int)n_in : 1, p,
            g->n_slots - n_in > 0 ? (int)(g->n_slots - n_in) : 1,
            g->n_slots - n_in > 0 ? (int)(g->n_slots - n_in) : 1, p,
            (int)doc->n_models, (int)doc->n_models, real,
            g->n_dbl ? (int)g->n_dbl : 1,
            g->text_inputs ? (int)n_in * 32 : 1,
            g->makes_strings ? 65536 : 1,
            pmmlE_textindex_cache_size(doc) ? "  struct {\n"
            "    /* Private: TextIndex's state (genrt.inc: text, regex): "
            "the groups and\n    ** the backtracking of the last match, "
            "the last text normalized and\n    ** tokenized (its key, its "
            "tokens, the text before and after). */\n"
            "    size_t cap[200], stk[3 * 16384];\n"
            "    int32_t klass, maxtf;\n    int cur;\n    size_t srclen;\n"
            "    uint32_t ntok, tok[2 * 8192], idx[8192];\n"
            "    char src[131072], buf[2][131072];\n  } tx_;\n" : "",
            p);
  gb_printf(b,
            "\n/* Set every input missing, and the rest of the context "
            "up. */\nvoid %s_init(%s_ctx *c);\n"
            "/* Set input i of the next record: a number, text (converted "
            "as the field's\n** type says; 's' must stay valid until the "
            "record is scored), or missing.\n** 0, or %s_E_ARGUMENT when i is "
            "out of range. */\n"
            "int %s_set_number(%s_ctx *c, size_t i, double x);\n"
            "int %s_set_text(%s_ctx *c, size_t i, const char *s, size_t len);"
            "\nint %s_set_missing(%s_ctx *c, size_t i);\n"
            "/* Score the record: 0, or the status of the reason it has no "
            "result (then\n** %s_message says why). Re-entrant: only 'c' "
            "changes. */\nint %s_score(%s_ctx *c);\n"
            "const char *%s_message(const %s_ctx *c);\n"
            "/* Output i of the last record scored (missing when it failed). "
            "Strings stay\n** valid until the next %s_score. */\n"
            "int %s_output(const %s_ctx *c, size_t i, %s_value *v);\n"
            "/* Write v as `pmmlc score` prints it into buf (NUL-terminated, "
            "truncated),\n** and return the length it needs. */\n"
            "size_t %s_format(const %s_value *v, char *buf, size_t size);\n"
            "/* The PMML names of input and output i (NULL out of range). */\n"
            "const char *%s_input_name(size_t i);\n"
            "const char *%s_output_name(size_t i);\n",
            p, p, upfx, p, p, p, p, p, p, p, p, p, p, p, p, p, p, p, p, p, p,
            p);
  for (i = 0; i < doc->n_models; i++)
    if (doc->models[i]->family == PM_FAM_ASSOCIATION) {
      gb_printf(b,
                "\n/* Transactions (an AssociationModel with a group field): "
                "the role of input i\n** (0 one value a record, %s_ROLE_ITEMS "
                "a set of items, %s_ROLE_GROUP the key\n** that groups rows "
                "into one record); add an item to the record's set (0,\n** or "
                "%s_E_ARGUMENT when i is not an item input); clear the record "
                "(every\n** input missing, no items). */\n"
                "#define %s_ROLE_ITEMS 1\n#define %s_ROLE_GROUP 2\n"
                "int %s_input_role(size_t i);\n"
                "int %s_add_item(%s_ctx *c, size_t i, const char *s, "
                "size_t len);\nvoid %s_clear(%s_ctx *c);\n",
                upfx, upfx, upfx, upfx, upfx, p, p, p, p, p);
      break;
    }
  gb_printf(b,
            "/*\n"
            "** Score one record of numbers: in[i] is input i (as "
            "%s_set_number\n"
            "** takes it), missing when missing[i] is not 0 or, when "
            "'missing' is NULL,\n"
            "** when in[i] is NaN. out[k], k < n_out, gets output k as a "
            "number: numbers\n"
            "** and booleans as they are, a predicted category of the target "
            "that is text\n"
            "** as its index among the classes (the CLASS_* macros above), "
            "anything else\n"
            "** and missing as NaN. Returns 0, or the status of a record that "
            "cannot be\n"
            "** scored (then out is all NaN). Re-entrant. A tree or a "
            "regression on plain\n"
            "** doubles takes a fast path, which gives the same bits; other "
            "records are\n"
            "** scored on a context on the stack (sizeof(%s_ctx)).\n*/\n"
            "int %s_predict(const double in[], const unsigned char *missing,"
            "\n%*sdouble *out, int n_out);\n",
            p, p, p, (int)(strlen(p) + 13), "");
  {
    char how[200];
    if (g->n_kf)
      snprintf(how, sizeof how,
               "The trees of a forest walk a block of %d rows one tree after "
               "the\n** other, so that each tree's nodes stay in cache: it "
               "takes %d KB of\n** stack beside a context.",
               (int)krows(g),
               (int)((krows(g) * (4 * (long)g->k_segs + 8 * (long)g->k_accs +
                                  (g->o->use_float ? 4 : 8) * (long)g->k_vars +
                                  1) + 1023) / 1024));
    else
      snprintf(how, sizeof how, "One row after the other.");
    gb_printf(b,
              "/*\n"
              "** Score n_rows records stored one after the other: row r's "
              "inputs are\n"
              "** in[r * N + i] and its flags missing[r * N + i], where N is "
              "the number\n"
              "** of inputs (%s_N_INPUTS; 'missing' may be NULL: then NaN "
              "is\n"
              "** missing), and its outputs go to out[r * n_out + k]. Each row "
              "gets the\n"
              "** numbers %s_predict gives it, bit for bit. Returns 0, or "
              "the status\n"
              "** of the first row that cannot be scored (every such row's "
              "outputs are\n"
              "** NaN). Re-entrant.\n** %s\n*/\n"
              "int %s_predict_rows(const double *in, const unsigned char "
              "*missing,\n%*ssize_t n_rows, double *out, int n_out);\n",
              upfx, p, how, p, (int)(strlen(p) + 18), "");
  }
  gb_printf(b, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s_H_ */\n",
            upfx);
}

/* The main() of --main: "main_group" when an input is a group key (an
** AssociationModel scoring transactions: score.c groups rows), else "main". */
static const char *
main_section(const pmml_model *doc)
{
  int32_t i;
  for (i = 0; i < doc->n_inputs; i++)
    if (pmml_model_input_role(doc, (size_t)i) == PMML_ROLE_GROUP)
      return "main_group";
  return "main";
}

/* pm_predict_fast: _predict without a context when the document is one
** TreeModel or RegressionModel on plain doubles whose outputs need no
** cast (the family's m<I>_fast), the outputs laid out as _predict lays
** them; 0 sends the record down the general path. */
static void
gen_predict_fast(gen *g, gbuf *b)
{
  const pmml_model *doc = g->doc;
  const pm_model *m = doc->top;
  const gen_family *fam = families[m->family];
  int32_t i, nc = m->n_classes, cls = m->function == PM_FN_CLASSIFICATION;
  int ok = doc->n_models == 1 && fam && fam->fast && (!cls || nc > 0);
  gbuf f = {0};
  for (i = 0; ok && i < doc->n_inputs; i++)
    ok = doc->input_plain[i] == PM_PLAIN_DOUBLE;
  for (i = 0; ok && i < doc->n_outs; i++) {
    const pm_out *o = &doc->outs[i];
    const pm_ofield *of;
    if (o->slot < 0)
      continue;
    if (doc->slots[o->slot].kind != PM_SLOT_OUTPUT ||
        doc->slots[o->slot].arg != m->index) {
      ok = 0;
      break;
    }
    of = &m->of[doc->slots[o->slot].aux];
    switch (of->feature) {
    case PM_FEAT_PREDICTED:
      ok = of->dtype == PM_DT_ANY || of->dtype == m->target_dt;
      break;
    case PM_FEAT_PROBABILITY:
    case PM_FEAT_CONFIDENCE:
      ok = cls && (of->dtype == PM_DT_ANY || of->dtype == PMML_DT_DOUBLE) &&
           (of->value.t == PM_T_MISSING || of->klass >= 0);
      break;
    default:
      ok = 0;
    }
  }
  if (ok) {
    g->fast_nan = calloc((size_t)doc->n_inputs + 1, 1);
    ok = g->fast_nan && fam->fast(g, m, &f);
  }
  /* missingValueTreatment="returnInvalid" fails a record whatever path it
  ** takes (eval.c: pmml_score looks at those fields first): then every
  ** NaN is tested before the fast path. */
  for (i = 0; ok && i < m->n_mf; i++)
    if (m->mf[i].miss == PM_MISS_RETURN_INVALID) {
      memset(g->fast_nan, 0, (size_t)doc->n_inputs);
      break;
    }
  if (!ok) {
    free(g->fast_nan);
    g->fast_nan = NULL;
    gb_puts(b, "\n/* _predict has no fast path for this model. */\n"
               "PM_RT int\npm_predict_fast(const double in[], const "
               "unsigned char *missing,\n                double *out, "
               "int n_out)\n{\n  (void)in;\n  (void)missing;\n"
               "  (void)out;\n  (void)n_out;\n  return 0;\n}\n");
    gb_free(&f);
    return;
  }
  gb_put(b, f.p, f.len);
  gb_free(&f);
  if (cls) { /* what _predict gives for each class: its number, or index */
    gb_printf(b, "\n/* What _predict gives for each class. */\n"
                 "static const double pm_fast_class[%d] = {", (int)nc);
    for (i = 0; i < nc; i++) {
      pm_val v = pmmlV_lit(doc, &m->classes[i]);
      gb_puts(b, i ? ", " : "");
      if (v.t == PM_T_NUM || v.t == PM_T_BOOL)
        gb_real(b, v.u.num);
      else
        gb_printf(b, "%d.0", (int)i);
    }
    gb_puts(b, "};\n");
  }
  gb_printf(b, "\n/* _predict when every input is a number and the model "
               "decides by numbers\n** alone (m%d_fast); 0: the general "
               "path. */\nPM_RT int\npm_predict_fast(const double in[], "
               "const unsigned char *missing,\n                double *out, "
               "int n_out)\n{\n  double val = 0;\n  pm_real prob[%d], "
               "conf[%d];\n  int k;\n"
               "  if (missing) { /* eight flags at a time */\n"
               "    uint64_t w = 0, f;\n"
               "    for (k = 0; k + 8 <= PM_NIN; k += 8) {\n"
               "      memcpy(&f, missing + k, 8);\n      w |= f;\n    }\n"
               "    for (; k < PM_NIN; k++)\n      w |= missing[k];\n"
               "    if (w)\n      return 0;\n  }\n",
            (int)m->index, nc ? (int)nc : 1, nc ? (int)nc : 1);
  /* NaN is missing: the inputs whose NaN the fast path does not send back
  ** are tested here. */
  {
    int32_t n_test = 0;
    for (i = 0; i < doc->n_inputs; i++)
      n_test += !g->fast_nan[i];
    if (n_test > 8) {
      gb_puts(b, "  {\n    static const unsigned char test[PM_NIN] = {");
      for (i = 0; i < doc->n_inputs; i++)
        gb_printf(b, "%s%d", i ? ", " : "", !g->fast_nan[i]);
      gb_puts(b, "};\n    for (k = 0; k < PM_NIN; k++)\n"
                 "      if (test[k] && isnan(in[k]))\n        return 0;\n"
                 "  }\n");
    } else if (n_test > 0) {
      int32_t j = 0;
      gb_puts(b, "  if (");
      for (i = 0; i < doc->n_inputs; i++)
        if (!g->fast_nan[i])
          gb_printf(b, "%sisnan(in[%d])", j++ ? (j % 4 == 1 ? " ||\n      "
                                                          : " || ")
                                              : "",
                    (int)i);
      gb_puts(b, ")\n    return 0;\n");
    }
  }
  gb_printf(b, "  if (!m%d_fast(in, &val, prob, conf))\n    return 0;\n",
            (int)m->index);
  if (!cls)
    gb_puts(b, "  (void)prob;\n  (void)conf;\n");
  for (i = 0; i < doc->n_outs; i++) {
    const pm_out *o = &doc->outs[i];
    gb_printf(b, "  if (n_out > %d)\n    out[%d] = ", (int)i, (int)i);
    if (o->slot < 0) {
      gb_puts(b, cls ? "pm_fast_class[(int)val];\n" : "val;\n");
      continue;
    }
    {
      const pm_ofield *of = &m->of[doc->slots[o->slot].aux];
      const char *k = of->value.t == PM_T_MISSING ? "(int)val" : NULL;
      char kb[32];
      if (!k) {
        snprintf(kb, sizeof kb, "%d", (int)of->klass);
        k = kb;
      }
      switch (of->feature) {
      case PM_FEAT_PREDICTED:
        if (!cls) {
          gb_puts(b, "val;\n");
        } else {
          /* a class that is text: NaN (an OutputField, not the target) */
          pm_val v = pmmlV_lit(doc, &m->classes[0]);
          gb_puts(b, v.t == PM_T_NUM || v.t == PM_T_BOOL
                         ? "pm_fast_class[(int)val];\n"
                         : "NAN;\n");
        }
        break;
      case PM_FEAT_PROBABILITY:
        gb_printf(b, "prob[%s];\n", k);
        break;
      default:
        gb_printf(b, "!isnan(conf[%s]) ? conf[%s] : prob[%s];\n", k, k, k);
        break;
      }
    }
  }
  gb_printf(b, "  for (k = %d; k < n_out; k++)\n    out[k] = NAN;\n"
               "  return 1;\n}\n",
            (int)doc->n_outs);
  free(g->fast_nan);
  g->fast_nan = NULL;
}

/* <prefix>_predict_rows: the forests of the numeric walk a block of rows at
** a time (genrt.inc: rows_forest), or _predict row after row. */
static void
gen_predict_rows(gen *g, gbuf *b)
{
  const char *p = g->o->prefix;
  int32_t i;
  if (g->n_kf) {
    gb_printf(b, "\n/* The MiningModels whose forests _predict_rows walks "
                 "a block of rows at a\n** time. */\n"
                 "static const pm_kforest pm_kforests[%d] = {",
              (int)g->n_kf);
    for (i = 0; i < g->n_kf; i++)
      gb_printf(b, "%s{&m%d_mining, %d}", i ? ", " : "", (int)g->kf[i],
                (int)g->kf[i]);
    gb_puts(b, "};\n");
  }
  gb_printf(b, "\nint\n%s_predict_rows(const double *in, const unsigned "
               "char *missing,\n%*ssize_t n_rows, double *out, int n_out)"
               "\n{\n",
            p, (int)strlen(p) + 15, "");
  if (g->n_kf)
    gb_printf(b, "  return pm_rows_forest(pm_kforests, %d, in, missing, "
                 "n_rows, out, n_out);\n}\n",
              (int)g->n_kf);
  else
    gb_puts(b, "  return pm_rows_each(in, missing, n_rows, out, n_out);\n}\n");
}

/* The model's .c file. */
static void
gen_source(gen *g, gbuf *b, const char *upfx)
{
  const pmml_model *doc = g->doc;
  const char *const *rt = text_lines("genrt.inc");
  const char *const *bi = text_lines("builtins.inc");
  rt_file files[2];
  int i, numconv = 0;
  char cname[256];
  snprintf(cname, sizeof cname, "%s.c", g->o->stem);
  if (!rt || !bi) {
    gen_fail(g, 0, "internal error: no embedded genrt.inc or builtins.inc");
    return;
  }
  if (rt_sections(&files[0], rt, NULL) < 0 ||
      rt_sections(&files[1], bi, "#endif /* PM_BUILTINS_INC */") < 0) {
    gen_fail(g, 0, "internal error: bad section in genrt.inc/builtins.inc");
    return;
  }
  /* Always: the data side and the API. */
  gen_need(g, "api");
  gen_need(g, "lookup");
  gen_need(g, "t_core");
  if (g->n_kf)
    gen_need(g, "rows_forest");
  if (g->o->with_main)
    gen_need(g, main_section(doc));
  for (i = 0; i < g->n_need; i++)
    rt_enable(files, 2, g->need[i], &numconv);
  banner(g, b, cname,
         "Score records with the model, without libpmmlrt: see the header.");
  gb_puts(b, "/*\n** Contents: the run-time support (types, then the "
             "number conversions and\n** kernels the interpreter uses too), "
             "the model's tables (pm_strs: its\n** strings, pm_lit: its "
             "literals, then fields, predicates, models), the\n** run-time "
             "functions, the code of its fields and models, the API");
  gb_puts(b, g->o->with_main ? ",\n** and main().\n*/\n" : ".\n*/\n");
  gb_puts(b, "#include <math.h>\n#include <stdarg.h>\n#include <stddef.h>\n"
             "#include <stdint.h>\n#include <string.h>\n\n");
  gb_puts(b, "/* The same bits as pmmlc score need the arithmetic as written: "
             "no\n** -ffast-math, no fused multiply-adds. gcc fuses a * b + c "
             "under its GNU\n** dialects (its default) where the target has "
             "them (Cortex-M4F, x86-64\n** -march=haswell): it is told here, "
             "clang by the standard pragma. */\n"
             "#if defined(__clang__)\n#pragma STDC FP_CONTRACT OFF\n"
             "#elif defined(__GNUC__)\n"
             "#pragma GCC optimize(\"fp-contract=off\")\n"
             "#endif\n\n");
  gb_printf(b, "#include \"%s\"\n\n", g->o->header);
  gb_puts(b, "#if defined(__GNUC__)\n#define PM_RT static "
             "__attribute__((unused))\n#else\n#define PM_RT static\n#endif\n");
  gb_printf(b, "typedef struct %s__val pm_v;\ntypedef struct %s__res pm_res;\n"
               "typedef struct %s_ctx pm_ctx;\ntypedef %s pm_real;\n",
            g->o->prefix, g->o->prefix, g->o->prefix,
            g->o->use_float ? "float" : "double");
  gb_printf(b, "#define PM_NIN %d /* inputs */\n#define PM_NOUT %d /* "
               "outputs */\n#define PM_NSTR %d /* strings */\n"
               "#define PM_TOP %d /* the top-level model */\n"
               "#define PM_FORMAT_REAL pmmlN_format_%s\n",
            (int)doc->n_inputs, (int)doc->n_outs, (int)g->n_strs,
            (int)doc->top->index, g->o->use_float ? "float" : "double");
  /* Run-time tests compare with these variables, not the macros: with no
  ** input or no output, `i < 0` on a size_t would warn (-Wtype-limits). */
  gb_puts(b, "PM_RT const size_t pm_nin = PM_NIN, pm_nout = PM_NOUT;\n");
  for (i = 0; i < g->n_need; i++)
    if (!strcmp(g->need[i], "mining_forest"))
      gb_printf(b, "#define PM_KACC %d /* the most sums of one forest "
                   "*/\n",
                g->k_acc ? (int)g->k_acc : 1);
  if (g->n_kf)
    gb_printf(b, "#define PM_KROWS %d /* rows of a block of _predict_rows "
                 "*/\n#define PM_KSEGS %d /* trees of the numeric walk */\n"
                 "#define PM_KVARS %d /* the most fields of one forest */\n"
                 "#define PM_KACCS %d /* the sums of all forests */\n",
              (int)krows(g), (int)g->k_segs, (int)g->k_vars,
              g->k_accs ? (int)g->k_accs : 1);
  if (numconv)
    gb_puts(b, "#if defined(__GNUC__)\n#define PM_NUMCONV_API static "
               "__attribute__((unused))\n#else\n#define PM_NUMCONV_API "
               "static\n#endif\n");
  if (g->o->with_main)
    gb_puts(b, "#if defined(__GNUC__)\n#define PM_CSV_API static "
               "__attribute__((unused))\n#else\n#define PM_CSV_API "
               "static\n#endif\n");
  for (i = 0; i < files[0].n; i++)
    if (files[0].sec[i].on && !strcmp(files[0].sec[i].name, "bi")) {
      size_t k;
      gb_puts(b, "\n/* The built-in functions (runtime/builtins.def). */\n"
                 "enum {\n");
      for (k = 0; k < PM_BI_COUNT; k++)
        gb_printf(b, "  %s,\n", bi_ids[k]);
      gb_puts(b, "  PM_BI_COUNT\n};\nstatic const char *const "
                 "pm_bi_names[PM_BI_COUNT] = {\n");
      for (k = 0; k < PM_BI_COUNT; k++) {
        gb_puts(b, "  ");
        gb_cstr(b, pmmlE_builtins[k].name, strlen(pmmlE_builtins[k].name));
        gb_puts(b, ",\n");
      }
      gb_puts(b, "};\n");
    }
  put_sections(g, b, &files[0], 1, NULL, upfx);
  if (numconv) {
    put_text(g, b, "numconv.h", upfx);
    put_text(g, b, "numconv.c", upfx);
  }
  put_builtins(g, b, &files[1], upfx);
  /* Data */
  gb_printf(b, "\n/* ==== the model's tables ==== */\n"
               "\nconst char %s_pmml_sha256[65] =\n  \"", g->o->prefix);
  put_hex(b, g->o->sha, 32);
  gb_puts(b, "\";\n");
  {
    int32_t k, n = (int32_t)doc->strs.n;
    gbuf strs = {0}, tab = {0};
    int32_t *order = malloc(((size_t)g->n_strs + 1) * sizeof *order);
    if (!order) {
      gen_fail(g, 0, "out of memory");
      return;
    }
    for (k = 0; k < n; k++)
      if (g->str_map[k] >= 0)
        order[g->str_map[k]] = k;
    gb_puts(&strs, "\n/* The document's strings that scoring uses, sorted "
                   "by bytes. */\n");
    for (k = 0; k < g->n_strs; k++) {
      size_t len;
      const char *s = gen_strtext(g, order[k], &len);
      if (len < 4000) {
        gb_printf(&strs, "static const char pm_s%d[] = ", (int)k);
        gb_cstr(&strs, s, len);
        gb_puts(&strs, ";\n");
      } else {
        size_t j;
        gb_printf(&strs, "static const char pm_s%d[] = {", (int)k);
        for (j = 0; j < len; j++)
          gb_printf(&strs, "%s%d", j % 16 ? ", " : "\n  ",
                    (int)(signed char)s[j]);
        gb_puts(&strs, ", 0};\n");
      }
      gb_printf(&tab, "  {pm_s%d, %u},\n", (int)k, (unsigned)len);
    }
    free(order);
    gb_put(b, strs.p, strs.len);
    gb_printf(b, "static const pm_sd pm_strs[%d] = {\n",
              g->n_strs ? (int)g->n_strs : 1);
    if (g->n_strs)
      gb_put(b, tab.p, tab.len);
    else
      gb_puts(b, "  {\"\", 0}\n");
    gb_puts(b, "};\n");
    gb_free(&strs);
    gb_free(&tab);
  }
  gb_printf(b, "\n/* Literals: { number, string, length, string index, "
               "kind, data type } */\nstatic const pm_v pm_lit[%d] = {\n",
            g->n_lits ? (int)g->n_lits : 1);
  for (i = 0; i < g->n_lits; i++)
    emit_lit(g, b, i);
  if (!g->n_lits)
    gb_puts(b, "  {0, 0, 0, -1, PM_T_MISSING, PM_DT_ANY, 0}\n");
  gb_puts(b, "};\n");
  gb_printf(b, "\n/* DataFields: { name, data type, optype, plain number, "
               "Values, their count,\n** valid ones, Intervals, their "
               "count } */\n"
               "static const pm_field pm_fields[%d] = {\n",
            g->n_fields ? (int)g->n_fields : 1);
  gb_put(b, g->t_fields.p, g->t_fields.len);
  if (!g->n_fields)
    gb_puts(b, "  {0, 0, 0, 0, 0, 0, 0, 0, 0}\n");
  gb_printf(b, "};\n\n/* Values: { literal, displayValue, property } */\n"
               "static const pm_dval pm_dvals[%d] = {\n",
            g->n_dvals ? (int)g->n_dvals : 1);
  gb_put(b, g->t_dvals.p, g->t_dvals.len);
  if (!g->n_dvals)
    gb_puts(b, "  {0, -1, 0}\n");
  gb_printf(b, "};\n\n/* Intervals: { left, right, closure } */\n"
               "static const pm_interval pm_intervals[%d] = {\n",
            g->n_intervals ? (int)g->n_intervals : 1);
  gb_put(b, g->t_intervals.p, g->t_intervals.len);
  if (!g->n_intervals)
    gb_puts(b, "  {0, 0, 0}\n");
  gb_printf(b, "};\n\n/* Targets: { castInteger, has min, has max, min, "
               "max, rescaleConstant,\n** rescaleFactor, TargetValues, "
               "their count } */\n"
               "static const pm_target pm_targets[%d] = {\n",
            g->n_targets ? (int)g->n_targets : 1);
  gb_put(b, g->t_targets.p, g->t_targets.len);
  if (!g->n_targets)
    gb_puts(b, "  {0, 0, 0, 0, 0, 0, 0, 0, 0}\n");
  gb_printf(b, "};\n\n/* TargetValues: { value, displayValue, "
               "priorProbability, defaultValue,\n** class } */\n"
               "static const pm_tval pm_tvals[%d] = {\n",
            g->n_tvals ? (int)g->n_tvals : 1);
  gb_put(b, g->t_tvals.p, g->t_tvals.len);
  if (!g->n_tvals)
    gb_puts(b, "  {-1, -1, 0, -1, -1}\n");
  gb_puts(b, "};\n");
  for (i = 0; i < files[0].n; i++)
    if (files[0].sec[i].on && !strcmp(files[0].sec[i].name, "preds"))
      break;
  if (i < files[0].n) {
    gb_printf(b, "\n/* Predicates: { kind, operator, the value is a number, "
                 "slot, fast input,\n** literal, first, count, number } */\n"
                 "static const pm_pred pm_preds[%d] = {\n",
              g->n_preds ? (int)g->n_preds : 1);
    gb_put(b, g->t_preds.p, g->t_preds.len);
    if (!g->n_preds)
      gb_puts(b, "  {PM_P_TRUE, 0, 0, -1, -1, -1, 0, 0, 0.0}\n");
    gb_printf(b, "};\n\n/* Predicates' children and sets' literals. */\n"
                 "static const int32_t pm_pargs[%d] = {\n",
              g->n_pargs ? (int)g->n_pargs : 1);
    gb_put(b, g->t_pargs.p, g->t_pargs.len);
    if (!g->n_pargs)
      gb_puts(b, "  0\n");
    gb_puts(b, "};\n");
  }
  gb_put(b, g->out[GS_SLOTS].p, g->out[GS_SLOTS].len);
  for (i = 0; i < files[0].n; i++)
    if (files[0].sec[i].on && !strcmp(files[0].sec[i].name, "tree")) {
      int32_t *fast = malloc(((size_t)g->n_slots + 1) * sizeof *fast), k;
      if (!fast) {
        gen_fail(g, 0, "out of memory");
        return;
      }
      for (k = 0; k < doc->n_slots; k++) {
        int fl;
        int32_t in = gen_walk(g, k, &fl);
        fast[gen_slot(g, k)] = in < 0 ? -1 : 2 * in + fl;
      }
      gb_printf(b, "\n/* The fast walk's view of each slot: 2 * input, plus "
                   "1 when the input is\n** rounded to float; -1: none. */\n"
                   "static const int32_t pm_slot_walk[%d] = {",
                g->n_slots ? (int)g->n_slots : 1);
      for (k = 0; k < g->n_slots; k++)
        gb_printf(b, "%s%d", k == 0 ? "\n  " : k % 16 ? ", " : ",\n  ",
                  (int)fast[k]);
      gb_puts(b, g->n_slots ? "\n};\n" : "0};\n");
      free(fast);
    }
  gb_put(b, g->out[GS_DATA].p, g->out[GS_DATA].len);
  /* Functions */
  put_sections(g, b, &files[0], 0, NULL, upfx);
  gb_puts(b, "\n/* ==== the model's fields and models ==== */\n\n");
  gb_put(b, g->out[GS_PROTO].p, g->out[GS_PROTO].len);
  gb_put(b, g->out[GS_CODE].p, g->out[GS_CODE].len);
  gb_put(b, g->out[GS_SLOTCODE].p, g->out[GS_SLOTCODE].len);
  gb_puts(b, "\n/* Score model m with its family's code. */\n"
             "static int\npm_family_eval(pm_ctx *c, int32_t m, pm_res *res)"
             "\n{\n  switch (m) {\n");
  for (i = 0; i < doc->n_models; i++)
    gb_printf(b, "  case %d:\n    return m%d_eval(c, res);\n", (int)i,
              (int)i);
  gb_puts(b, "  default:\n    return 0;\n  }\n}\n");
  gen_predict_fast(g, b);
  gen_predict_rows(g, b);
  if (g->o->with_main) {
    put_text(g, b, "csv.h", upfx);
    put_text(g, b, "csv.c", upfx);
    put_sections(g, b, &files[0], -1, main_section(doc), upfx);
  }
}

/* ------------------------------------------------------------------------ */
/* The entry point                                                          */

static int
cmp_strs(const void *a, const void *b, void *ctx)
{
  const pm_strtab *t = ctx;
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  size_t lx = pmmlS_len(t, x), ly = pmmlS_len(t, y), n = lx < ly ? lx : ly;
  int r = n ? memcmp(pmmlS_str(t, x), pmmlS_str(t, y), n) : 0;
  if (r)
    return r;
  return lx < ly ? -1 : lx > ly;
}

/* Insertion-free merge sort of ids by their strings (deterministic). */
static void
sort_strs(int32_t *v, int32_t *tmp, int32_t n, const pm_strtab *t)
{
  int32_t i, j, k, mid;
  if (n < 2)
    return;
  mid = n / 2;
  sort_strs(v, tmp, mid, t);
  sort_strs(v + mid, tmp, n - mid, t);
  for (i = 0, j = mid, k = 0; i < mid && j < n;)
    tmp[k++] = cmp_strs(&v[i], &v[j], (void *)t) <= 0 ? v[i++] : v[j++];
  while (i < mid)
    tmp[k++] = v[i++];
  while (j < n)
    tmp[k++] = v[j++];
  memcpy(v, tmp, (size_t)n * sizeof *v);
}

int
gen_document(const pmml_model *doc, const gen_options *o, gen_file **files,
             int *n_files, char *err, size_t errsz)
{
  gen g;
  int32_t k, n, n_strs = (int32_t)doc->strs.n;
  gen_file *out = NULL;
  char upfx[128];
  int rc = -1;
  memset(&g, 0, sizeof g);
  g.doc = doc;
  g.o = o;
  g.err = err;
  g.errsz = errsz;
  err[0] = '\0';
  *files = NULL;
  *n_files = 0;
  upper(upfx, o->prefix, sizeof upfx);
  g.str_map = malloc(((size_t)n_strs + 1) * sizeof *g.str_map);
  g.str_used = calloc((size_t)n_strs + 1, 1);
  g.slot_map = malloc(((size_t)doc->n_slots + 1) * sizeof *g.slot_map);
  g.pred_map = malloc(((size_t)doc->n_preds + 1) * sizeof *g.pred_map);
  g.expr_done = calloc((size_t)doc->n_exprs + 1, 1);
  g.fn_done = calloc((size_t)doc->n_fns + 1, 1);
  g.model_prob = malloc(((size_t)doc->n_models + 1) * sizeof *g.model_prob);
  if (!g.str_map || !g.str_used || !g.slot_map || !g.pred_map ||
      !g.expr_done || !g.fn_done || !g.model_prob) {
    gen_fail(&g, 0, "out of memory");
    goto done;
  }
  for (k = 0; k < doc->n_models; k++) {
    const pm_model *m = doc->models[k];
    int32_t j;
    g.model_prob[k] = -1;
    for (j = 0; j < m->n_of; j++)
      if (m->of[j].feature == PM_FEAT_ENTITY_ID)
        g.need_ids = 1;
    if (m->family == PM_FAM_TREE)
      g.tree_nodes += ((const pm_tree *)m->body)->n_nodes;
  }
  /* Slots: inputs first. */
  for (k = 0, n = doc->n_inputs; k < doc->n_slots; k++)
    g.slot_map[k] = doc->slots[k].kind == PM_SLOT_INPUT ? doc->slots[k].arg
                                                        : n++;
  g.n_slots = n;
  /* Pass 1: what strings are used. */
  g.pass = 1;
  if (run_pass(&g))
    goto done;
  {
    int32_t *ids = malloc(((size_t)n_strs + 1) * sizeof *ids);
    int32_t *tmp = malloc(((size_t)n_strs + 1) * sizeof *tmp);
    if (!ids || !tmp) {
      free(ids);
      free(tmp);
      gen_fail(&g, 0, "out of memory");
      goto done;
    }
    for (k = 0, n = 0; k < n_strs; k++) {
      g.str_map[k] = -1;
      if (g.str_used[k])
        ids[n++] = k;
    }
    sort_strs(ids, tmp, n, &doc->strs);
    for (k = 0; k < n; k++)
      g.str_map[ids[k]] = k;
    g.n_strs = n;
    free(ids);
    free(tmp);
  }
  /* Pass 2: the text. */
  g.pass = 2;
  for (k = 0; k < doc->n_models; k++)
    g.model_prob[k] = -1;
  g.n_kf = g.k_segs = g.k_vars = g.k_acc = g.k_accs = 0;
  if (run_pass(&g))
    goto done;
  out = calloc(2 + (size_t)g.n_parts, sizeof *out);
  if (!out) {
    gen_fail(&g, 0, "out of memory");
    goto done;
  }
  for (k = 0; k < g.n_parts; k++) {
    char name[300];
    snprintf(name, sizeof name, "%s_%d.c", o->stem, (int)k + 1);
    out[2 + k].name = strdup(name);
    if (!out[2 + k].name) {
      gen_fail(&g, 0, "out of memory");
      goto done;
    }
    banner(&g, &out[2 + k].text, name,
           "A part of the model: tables of big trees.");
    gb_printf(&out[2 + k].text,
              "/* Part %d of %s.c: compile it and link it with %s.c. */\n",
              (int)k + 1, o->stem, o->stem);
    gb_put(&out[2 + k].text, g.parts[k].p, g.parts[k].len);
    if (out[2 + k].text.failed)
      gen_fail(&g, 0, "out of memory");
  }
  out[0].name = malloc(strlen(o->stem) + 3);
  out[1].name = malloc(strlen(o->header) + 1);
  if (!out[0].name || !out[1].name) {
    gen_fail(&g, 0, "out of memory");
    goto done;
  }
  sprintf(out[0].name, "%s.c", o->stem);
  strcpy(out[1].name, o->header);
  gen_source(&g, &out[0].text, upfx);
  gen_header(&g, &out[1].text, upfx);
  if (out[0].text.failed || out[1].text.failed)
    gen_fail(&g, 0, "out of memory");
  if (g.failed)
    goto done;
  *files = out;
  *n_files = 2 + g.n_parts;
  out = NULL;
  rc = 0;
done:
  if (out)
    gen_files_free(out, 2 + g.n_parts);
  for (k = 0; k < (int32_t)(sizeof g.parts / sizeof g.parts[0]); k++)
    gb_free(&g.parts[k]);
  for (k = 0; k < GS_COUNT; k++)
    gb_free(&g.out[k]);
  gb_free(&g.scratch);
  gb_free(&g.t_preds);
  gb_free(&g.t_pargs);
  gb_free(&g.t_fields);
  gb_free(&g.t_dvals);
  gb_free(&g.t_intervals);
  gb_free(&g.t_targets);
  gb_free(&g.t_tvals);
  free(g.str_map);
  free(g.str_used);
  free(g.slot_map);
  free(g.pred_map);
  free(g.expr_done);
  free(g.fn_done);
  free(g.model_prob);
  free(g.lits);
  free(g.lit_tab);
  return rc;
}

void
gen_files_free(gen_file *files, int n)
{
  int i;
  if (!files)
    return;
  for (i = 0; i < n; i++) {
    free(files[i].name);
    gb_free(&files[i].text);
  }
  free(files);
}
