/*
** load_expr.c: expressions. Each expression element becomes one pm_expr in
** the document's array; its children (argument expressions) report their
** indices on the loader's index stack and become its argument list when it
** ends. The field a NormContinuous, NormDiscrete, Discretize, MapValues or
** TextIndex reads by name is turned into a FieldRef argument, so resolve
** and eval handle field references in one place. Also: <InlineTable> and
** <Array> contents, which other elements share.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

pm_expr *
pmmlL_expr(pm_loader *ld, int32_t i)
{
  return (pm_expr *)ld->exprs.data + i;
}

int32_t
pmmlL_new_expr(pm_loader *ld, uint8_t op)
{
  pm_expr *e = pmmlL_push(ld, &ld->exprs, sizeof *e);
  if (!e)
    return -1;
  if (ld->exprs.len > 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many expressions");
    return -1;
  }
  e->op = op;
  e->dt = PM_DT_ANY;
  e->line = ld->depth ? pmmlL_frame(ld, 0)->line : 0;
  e->name = -1;
  e->slot = -1;
  e->fn = -1;
  e->first = -1;
  e->lit.t = e->missing.t = e->deflt.t = PM_T_MISSING;
  e->lit.raw = e->missing.raw = e->deflt.raw = -1;
  e->lit.sym = e->missing.sym = e->deflt.sym = -1;
  return (int32_t)(ld->exprs.len - 1);
}

/* Start an expression element: the node, remembered by the frame. */
static pm_expr *
begin(pm_loader *ld, uint8_t op)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  int32_t i = pmmlL_new_expr(ld, op);
  f->aux = i;
  f->obj = i >= 0 ? (void *)1 : NULL;
  return i >= 0 ? pmmlL_expr(ld, i) : NULL;
}

/* A FieldRef argument for the field named by attribute 'attr'. */
static void
field_arg(pm_loader *ld, const char **atts, const char *attr)
{
  const char *name = pmmlL_need(ld, atts, attr);
  int32_t i;
  if (!name)
    return;
  i = pmmlL_new_expr(ld, PM_X_FIELD);
  if (i < 0)
    return;
  pmmlL_expr(ld, i)->name = pmmlL_intern(ld, name, strlen(name));
  pmmlL_push_index(ld, i);
}

/* End an expression element: its arguments are what its children pushed.
** 'lo'/'hi' bound their count (hi < 0: unbounded). */
static pm_expr *
end(pm_loader *ld, int lo, int hi)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  int32_t n, *kids, i;
  pm_expr *e;
  if (!f->obj)
    return NULL;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  e = pmmlL_expr(ld, f->aux);
  if (n < lo || (hi >= 0 && n > hi)) {
    if (lo == hi)
      pmmlL_fail(ld, PMML_E_INVALID, "%s: expected %d argument%s, found %d",
                 f->el->name, lo, lo == 1 ? "" : "s", (int)n);
    else
      pmmlL_fail(ld, PMML_E_INVALID, "%s: expected at least %d arguments, "
                 "found %d", f->el->name, lo, (int)n);
    return NULL;
  }
  e->first = (int32_t)ld->args.len;
  e->n = n;
  for (i = 0; i < n; i++) {
    int32_t *slot = pmmlL_push(ld, &ld->args, sizeof *slot);
    if (!slot)
      return NULL;
    *slot = kids[i];
  }
  /* The parent collects this expression. */
  pmmlL_push_index(ld, f->aux);
  return pmmlL_expr(ld, f->aux);
}

/* <Constant dataType= missing=>text</Constant> */
static void
constant_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_CONST);
  if (!e)
    return;
  e->dt = pmmlL_dtype_attr(ld, atts);
  e->flags = pmmlL_bool(ld, atts, "missing", 0) ? PM_XF_MISSING : 0;
}

static void
constant_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  pm_expr *e;
  if (!f->obj)
    return;
  e = end(ld, 0, 0);
  if (!e)
    return;
  if (e->flags & PM_XF_MISSING)
    return;
  e->lit = pmmlL_lit_text(ld, text, len);
}

/* <FieldRef field= mapMissingTo=/> */
static void
fieldref_start(pm_loader *ld, const char **atts)
{
  const char *name = pmmlL_need(ld, atts, "field");
  pm_expr *e = begin(ld, PM_X_FIELD);
  if (!e || !name)
    return;
  e->name = pmmlL_intern(ld, name, strlen(name));
  e = pmmlL_expr(ld, pmmlL_frame(ld, 0)->aux);
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
}

static void
leaf_end(pm_loader *ld)
{
  end(ld, 0, 0);
}

/* The current frame's expression (after begin). */
static pm_expr *
cur(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  return f->obj ? pmmlL_expr(ld, f->aux) : NULL;
}

/* <NormContinuous field= mapMissingTo= outliers=><LinearNorm/>... */
static const char *const outlier_names[] = {"asIs", "asMissingValues",
                                            "asExtremeValues", NULL};

static void
normcont_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_NORMCONT);
  pm_normcont *nc;
  if (!e)
    return;
  nc = pmmlL_alloc(ld, sizeof *nc);
  if (!nc)
    return;
  e->ext = nc;
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
  nc->outliers =
      (uint8_t)pmmlL_enum(ld, atts, "outliers", outlier_names, PM_OUT_AS_IS);
  field_arg(ld, atts, "field");
  ld->norms.len = 0;
}

static void
linearnorm_start(pm_loader *ld, const char **atts)
{
  pm_linearnorm *p;
  if (!pmmlL_need(ld, atts, "orig") || !pmmlL_need(ld, atts, "norm"))
    return;
  p = pmmlL_push(ld, &ld->norms, sizeof *p);
  if (!p)
    return;
  p->orig = pmmlL_num(ld, atts, "orig", 0);
  p->norm = pmmlL_num(ld, atts, "norm", 0);
}

static void
normcont_end(pm_loader *ld)
{
  pm_expr *e = cur(ld);
  pm_normcont *nc;
  int32_t i, n = (int32_t)ld->norms.len;
  pm_linearnorm *pts = ld->norms.data;
  if (!e)
    return;
  nc = e->ext;
  if (n < 2) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "NormContinuous: needs at least two LinearNorm elements");
    return;
  }
  nc->orig = pmmlL_alloc(ld, (size_t)n * sizeof(double));
  nc->norm = pmmlL_alloc(ld, (size_t)n * sizeof(double));
  if (!nc->orig || !nc->norm)
    return;
  for (i = 0; i < n; i++) {
    if (i > 0 && !(pts[i].orig > pts[i - 1].orig)) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "NormContinuous: LinearNorm orig values must increase");
      return;
    }
    nc->orig[i] = pts[i].orig;
    nc->norm[i] = pts[i].norm;
  }
  nc->n = n;
  ld->norms.len = 0;
  end(ld, 1, 1);
}

static const pm_elem normcont_children[] = {
  {"LinearNorm", linearnorm_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* <NormDiscrete field= value= mapMissingTo= method="indicator"/> */
static void
normdisc_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_NORMDISC);
  const char *method = pmmlL_attr(atts, "method");
  if (!e)
    return;
  if (method && strcmp(method, "indicator")) {
    pmmlL_fail(ld, PMML_E_UNSUPPORTED,
               "NormDiscrete: method=\"%.40s\" is not supported", method);
    return;
  }
  if (!pmmlL_need(ld, atts, "value"))
    return;
  e->lit = pmmlL_lit(ld, atts, "value");
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
  field_arg(ld, atts, "field");
}

static void
normdisc_end(pm_loader *ld)
{
  end(ld, 1, 1);
}

/* <Discretize field= mapMissingTo= defaultValue= dataType=>
**   <DiscretizeBin binValue=><Interval/></DiscretizeBin>... */
static void
discretize_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_DISCRETIZE);
  if (!e)
    return;
  e->ext = pmmlL_alloc(ld, sizeof(pm_discretize));
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
  e->deflt = pmmlL_lit(ld, atts, "defaultValue");
  e->dt = pmmlL_dtype_attr(ld, atts);
  field_arg(ld, atts, "field");
  ld->bins.len = 0;
}

static void
bin_start(pm_loader *ld, const char **atts)
{
  pm_bin *b;
  if (!pmmlL_need(ld, atts, "binValue"))
    return;
  if (pmmlM_vec_reserve(ld->a, &ld->bins, sizeof *b, ld->bins.len + 1)) {
    pmmlL_nomem(ld);
    return;
  }
  b = (pm_bin *)ld->bins.data + ld->bins.len++;
  memset(b, 0, sizeof *b);
  b->value = pmmlL_lit(ld, atts, "binValue");
}

static void
bin_interval_start(pm_loader *ld, const char **atts)
{
  pm_bin *b = (pm_bin *)ld->bins.data + ld->bins.len - 1;
  if (b->has_iv) {
    pmmlL_fail(ld, PMML_E_INVALID, "DiscretizeBin: more than one Interval");
    return;
  }
  pmmlL_interval(ld, atts, &b->iv);
  b->has_iv = 1;
}

static void
bin_end(pm_loader *ld)
{
  pm_bin *b = (pm_bin *)ld->bins.data + ld->bins.len - 1;
  if (!ld->bins.len || !b->has_iv)
    pmmlL_fail(ld, PMML_E_INVALID, "DiscretizeBin: missing Interval");
}

static void
discretize_end(pm_loader *ld)
{
  pm_expr *e = cur(ld);
  pm_discretize *d;
  pm_bin *bins = ld->bins.data;
  int32_t i, n = (int32_t)ld->bins.len;
  if (!e || !(d = e->ext))
    return;
  if (n) {
    d->bins = pmmlL_alloc(ld, (size_t)n * sizeof *d->bins);
    d->values = pmmlL_alloc(ld, (size_t)n * sizeof *d->values);
    if (!d->bins || !d->values)
      return;
    for (i = 0; i < n; i++) {
      d->bins[i] = bins[i].iv;
      d->values[i] = bins[i].value;
    }
  }
  d->n = n;
  ld->bins.len = 0;
  end(ld, 1, 1);
}

static const pm_elem bin_children[] = {
  {"Interval", bin_interval_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem discretize_children[] = {
  {"DiscretizeBin", bin_start, bin_end, bin_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <InlineTable><row><col>text</col>...</row>...</InlineTable>              */

static void
table_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  ld->cells.len = 0;
  ld->cols.len = 0;
  ld->table_rows = 0;
  ld->last_table = NULL;
}

static void
row_end(pm_loader *ld)
{
  if (ld->table_rows == 0x7ffffff0) {
    pmmlL_fail(ld, PMML_E_LIMIT, "InlineTable: too many rows");
    return;
  }
  ld->table_rows++;
}

static void
cell_end(pm_loader *ld)
{
  size_t len, i;
  const char *text = pmmlL_text(ld, &len);
  int32_t col = pmmlL_intern(ld, ld->colname, ld->colname_len), k = -1;
  pm_cell *c;
  if (col < 0)
    return;
  for (i = 0; i < ld->cols.len; i++)
    if (((int32_t *)ld->cols.data)[i] == col)
      k = (int32_t)i;
  if (k < 0) {
    int32_t *p = pmmlL_push(ld, &ld->cols, sizeof *p);
    if (!p)
      return;
    *p = col;
    k = (int32_t)ld->cols.len - 1;
  }
  c = pmmlL_push(ld, &ld->cells, sizeof *c);
  if (!c)
    return;
  c->row = ld->table_rows;
  c->col = k;
  c->v = pmmlL_lit_text(ld, text, len);
}

static void
table_end(pm_loader *ld)
{
  pm_table *t = pmmlL_alloc(ld, sizeof *t);
  size_t i, n;
  if (!t)
    return;
  t->n_rows = ld->table_rows;
  t->n_cols = (int32_t)ld->cols.len;
  n = (size_t)t->n_rows * (size_t)t->n_cols;
  if (t->n_cols && n / (size_t)t->n_cols != (size_t)t->n_rows) {
    pmmlL_fail(ld, PMML_E_LIMIT, "InlineTable too large");
    return;
  }
  t->cols = pmmlM_dup(ld->a, ld->cols.data, ld->cols.len * sizeof(int32_t));
  t->cells = n ? pmmlL_alloc(ld, n * sizeof *t->cells) : NULL;
  if ((n && !t->cells) || (ld->cols.len && !t->cols)) {
    pmmlL_nomem(ld);
    return;
  }
  for (i = 0; i < n; i++) {
    t->cells[i].t = PM_T_MISSING;
    t->cells[i].raw = -1;
    t->cells[i].sym = -1;
    t->cells[i].dt = PM_DT_ANY;
  }
  for (i = 0; i < ld->cells.len; i++) {
    pm_cell *c = (pm_cell *)ld->cells.data + i;
    t->cells[(size_t)c->row * (size_t)t->n_cols + (size_t)c->col] = c->v;
  }
  ld->cells.len = 0;
  ld->cols.len = 0;
  ld->last_table = t;
}

pm_table *
pmmlL_take_table(pm_loader *ld)
{
  pm_table *t = ld->last_table;
  ld->last_table = NULL;
  return t;
}

static void
table_locator(pm_loader *ld, const char **atts)
{
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED,
             "TableLocator (a table outside the document) is not supported");
}

static const pm_elem cell_elems[] = {
  {"*", NULL, cell_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem row_elems[] = {
  {"row", NULL, row_end, cell_elems, PM_EL_ANYNS},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_table_elem[] = {
  {"InlineTable", table_start, table_end, row_elems, 0},
  {"TableLocator", table_locator, NULL, NULL, PM_EL_UNSUPP},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <MapValues outputColumn= mapMissingTo= defaultValue= dataType=>
**   <FieldColumnPair field= column=/>... InlineTable                        */

static void
mapvalues_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_MAPVALUES);
  pm_mapvalues *mv;
  if (!e)
    return;
  mv = pmmlL_alloc(ld, sizeof *mv);
  if (!mv)
    return;
  e->ext = mv;
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
  e->deflt = pmmlL_lit(ld, atts, "defaultValue");
  e->dt = pmmlL_dtype_attr(ld, atts);
  mv->out_col = pmmlL_sym(ld, atts, "outputColumn");
  if (mv->out_col < 0)
    pmmlL_need(ld, atts, "outputColumn");
  ld->fcps.len = 0;
}

static void
fcp_start(pm_loader *ld, const char **atts)
{
  int32_t *p;
  const char *col = pmmlL_need(ld, atts, "column");
  if (!col)
    return;
  field_arg(ld, atts, "field");
  p = pmmlL_push(ld, &ld->fcps, sizeof *p);
  if (p)
    *p = pmmlL_intern(ld, col, strlen(col));
}

static void
mapvalues_end(pm_loader *ld)
{
  pm_expr *e = cur(ld);
  pm_mapvalues *mv;
  int32_t i, n = (int32_t)ld->fcps.len;
  if (!e || !(mv = e->ext))
    return;
  mv->table = pmmlL_take_table(ld);
  if (!mv->table) {
    pmmlL_fail(ld, PMML_E_INVALID, "MapValues: missing InlineTable");
    return;
  }
  if (n == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "MapValues: no FieldColumnPair");
    return;
  }
  /* in_cols hold column *names* until resolve finds their positions. */
  mv->in_cols = pmmlL_alloc(ld, (size_t)n * sizeof(int32_t));
  if (!mv->in_cols)
    return;
  for (i = 0; i < n; i++)
    mv->in_cols[i] = ((int32_t *)ld->fcps.data)[i];
  ld->fcps.len = 0;
  end(ld, n, n);
}

static const pm_elem mapvalues_children[] = {
  {"FieldColumnPair", fcp_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_table_elem, 0},
};

/* ------------------------------------------------------------------------ */
/* <TextIndex textField= ...> TextIndexNormalization* EXPRESSION             */

static const char *const weight_names[] = {
  "termFrequency", "binary", "logarithmic",
  "augmentedNormalizedTermFrequency", NULL};
static const char *const hits_names[] = {"allHits", "bestHits", NULL};

static void
textindex_start(pm_loader *ld, const char **atts)
{
  pm_expr *e = begin(ld, PM_X_TEXTINDEX);
  pm_textindex *ti;
  if (!e)
    return;
  ti = pmmlL_alloc(ld, sizeof *ti);
  if (!ti)
    return;
  e->ext = ti;
  ti->local_weights = (uint8_t)pmmlL_enum(ld, atts, "localTermWeights",
                                          weight_names, PM_TW_TERM_FREQUENCY);
  ti->case_sensitive = (uint8_t)pmmlL_bool(ld, atts, "isCaseSensitive", 0);
  ti->max_lev = (int32_t)pmmlL_int(ld, atts, "maxLevenshteinDistance", 0, 0,
                                   1000);
  ti->count_hits = (uint8_t)pmmlL_enum(ld, atts, "countHits", hits_names, 0);
  ti->tokenize = (uint8_t)pmmlL_bool(ld, atts, "tokenize", 1);
  ti->word_sep = pmmlL_sym(ld, atts, "wordSeparatorCharacterRE");
  ti->word_re = pmmlL_sym(ld, atts, "x-wordRE");
  ti->text_slot = -1;
  ti->text_name = pmmlL_sym(ld, atts, "textField");
  /* The text is argument 0 (a FieldRef), the term argument 1. */
  field_arg(ld, atts, "textField");
  ld->tinorms.len = 0;
}

static void
tinorm_start(pm_loader *ld, const char **atts)
{
  pm_textnorm *tn;
  const char *in = pmmlL_attr(atts, "inField");
  const char *out = pmmlL_attr(atts, "outField");
  const char *rx = pmmlL_attr(atts, "regexField");
  if (pmmlM_vec_reserve(ld->a, &ld->tinorms, sizeof *tn, ld->tinorms.len + 1)) {
    pmmlL_nomem(ld);
    return;
  }
  tn = (pm_textnorm *)ld->tinorms.data + ld->tinorms.len++;
  memset(tn, 0, sizeof *tn);
  tn->in_col = pmmlL_intern(ld, in ? in : "string", strlen(in ? in : "string"));
  tn->out_col = pmmlL_intern(ld, out ? out : "stem", strlen(out ? out : "stem"));
  tn->regex_col =
      pmmlL_intern(ld, rx ? rx : "regex", strlen(rx ? rx : "regex"));
  tn->recursive = (uint8_t)pmmlL_bool(ld, atts, "recursive", 0);
  tn->case_sensitive = pmmlL_attr(atts, "isCaseSensitive")
                           ? (int8_t)pmmlL_bool(ld, atts, "isCaseSensitive", 0)
                           : -1;
  tn->max_lev = (int32_t)pmmlL_int(ld, atts, "maxLevenshteinDistance", -1, 0,
                                   1000);
}

static void
tinorm_end(pm_loader *ld)
{
  pm_textnorm *tn = (pm_textnorm *)ld->tinorms.data + ld->tinorms.len - 1;
  tn->table = pmmlL_take_table(ld);
  if (!tn->table)
    pmmlL_fail(ld, PMML_E_INVALID,
               "TextIndexNormalization: missing InlineTable");
}

static void
textindex_end(pm_loader *ld)
{
  pm_expr *e = cur(ld);
  pm_textindex *ti;
  if (!e || !(ti = e->ext))
    return;
  ti->n_norms = (int32_t)ld->tinorms.len;
  if (ti->n_norms) {
    ti->norms = pmmlM_dup(ld->a, ld->tinorms.data,
                          ld->tinorms.len * sizeof(pm_textnorm));
    if (!ti->norms) {
      pmmlL_nomem(ld);
      return;
    }
  }
  ld->tinorms.len = 0;
  end(ld, 2, 2);
}

static const pm_elem tinorm_children[] = {
  {NULL, NULL, NULL, pmmlL_table_elem, 0},
};

static const pm_elem textindex_children[] = {
  {"TextIndexNormalization", tinorm_start, tinorm_end, tinorm_children, 0},
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

/* ------------------------------------------------------------------------ */
/* <Apply function= mapMissingTo= defaultValue= invalidValueTreatment=>      */

static const char *const apply_invalid_names[] = {"returnInvalid", "asIs",
                                                  "asMissing", NULL};

static void
apply_start(pm_loader *ld, const char **atts)
{
  const char *fn = pmmlL_need(ld, atts, "function");
  pm_expr *e = begin(ld, PM_X_APPLY);
  if (!e || !fn)
    return;
  e->name = pmmlL_intern(ld, fn, strlen(fn));
  e = cur(ld);
  e->missing = pmmlL_lit(ld, atts, "mapMissingTo");
  e->deflt = pmmlL_lit(ld, atts, "defaultValue");
  e->inv = (uint8_t)pmmlL_enum(ld, atts, "invalidValueTreatment",
                               apply_invalid_names, PM_INV_RETURN_INVALID);
  if (!strcmp(fn, "if"))
    e->op = PM_X_IF;
}

static void
apply_end(pm_loader *ld)
{
  end(ld, 0, -1);
}

static void
unsupported_expr(pm_loader *ld, const char **atts)
{
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED, "%s is not supported",
             pmmlL_frame(ld, 0)->el->name);
}

const pm_elem pmmlL_expr_elems[] = {
  {"Constant", constant_start, constant_end, NULL, PM_EL_TEXT},
  {"FieldRef", fieldref_start, leaf_end, NULL, 0},
  {"NormContinuous", normcont_start, normcont_end, normcont_children, 0},
  {"NormDiscrete", normdisc_start, normdisc_end, NULL, 0},
  {"Discretize", discretize_start, discretize_end, discretize_children, 0},
  {"MapValues", mapvalues_start, mapvalues_end, mapvalues_children, 0},
  {"TextIndex", textindex_start, textindex_end, textindex_children, 0},
  {"Apply", apply_start, apply_end, pmmlL_expr_elems, 0},
  {"Aggregate", unsupported_expr, NULL, NULL, PM_EL_UNSUPP},
  {"Lag", unsupported_expr, NULL, NULL, PM_EL_UNSUPP},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* <Array type= n=>contents</Array>                                         */

/* <Array n=>: the declared count, kept in the Array's frame until its end
** handler checks the contents against it (PMML 4.4 ARRAY: n= is the number
** of values, when given). */
void
pmmlL_array_n_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  f->aux = (int32_t)pmmlL_int(ld, atts, "n", -1, 0, PM_MAX_ITEMS);
}

/* In an Array's end handler: does it hold the n= values it declared? */
int
pmmlL_array_n_check(pm_loader *ld, int32_t n)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  if (f->aux >= 0 && f->aux != n) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "Array: n=\"%d\" but the array holds %d values", (int)f->aux,
               (int)n);
    return -1;
  }
  return 0;
}

/* Literals of an Array: blank-separated tokens, "quoted" ones may hold
** blanks and \" (PMML ARRAY). */
pm_lit *
pmmlL_array_lits(pm_loader *ld, const char *s, size_t len, int32_t *n)
{
  pm_vec v = {0};
  pm_vec tok = {0};
  const char *end = s + len;
  pm_lit *out;
  int ok;
  *n = 0;
  while (s < end) {
    pm_lit *l;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
      s++;
    if (s == end)
      break;
    tok.len = 0;
    if (*s == '"') {
      s++;
      while (s < end && *s != '"') {
        char *c;
        if (*s == '\\' && s + 1 < end && (s[1] == '"' || s[1] == '\\'))
          s++;
        c = pmmlM_vec_push(ld->a, &tok, 1);
        if (!c)
          goto nomem;
        *c = *s++;
      }
      if (s == end) {
        pmmlL_fail(ld, PMML_E_INVALID, "Array: unterminated quoted value");
        goto fail;
      }
      s++;
    } else {
      while (s < end && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
        char *c = pmmlM_vec_push(ld->a, &tok, 1);
        if (!c)
          goto nomem;
        *c = *s++;
      }
    }
    l = pmmlM_vec_push(ld->a, &v, sizeof *l);
    if (!l)
      goto nomem;
    *l = pmmlL_lit_text(ld, tok.data ? tok.data : "", tok.len);
    if (ld->failed)
      goto fail;
  }
  pmmlM_vec_free(ld->a, &tok, 1);
  *n = (int32_t)v.len;
  out = pmmlM_vec_finish(ld->a, &v, sizeof(pm_lit), &ok);
  if (!ok)
    pmmlL_nomem(ld);
  return out;
nomem:
  pmmlL_nomem(ld);
fail:
  pmmlM_vec_free(ld->a, &tok, 1);
  pmmlM_vec_free(ld->a, &v, sizeof(pm_lit));
  *n = 0;
  return NULL;
}
