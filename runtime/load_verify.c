/*
** load_verify.c: <ModelVerification>, the records a document carries to
** check its consumer (PMML 4.4 "Model Verification"). Read only when the
** caller asks (PMML_LOAD_VERIFICATION) and only for the top-level model:
** load.c skips it otherwise, noting its line. The table is kept as text, in
** one buffer with an offset per cell, since nothing but pmml_model_verify()
** (eval_verify.c) reads it; after resolve, each VerificationField knows
** whether it is an input, the target or an OutputField.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* A cell as read: its place and where its text starts. */
typedef struct vcell {
  int32_t row, col;
  uint32_t off;
} vcell;

/* The ModelVerification being read (its frame's obj). */
typedef struct verify_loader {
  pm_verify *v;
  long record_count;   /* recordCount=, -1 when absent */
  long field_count;    /* fieldCount=, -1 when absent */
  int has_fields;      /* VerificationFields seen */
  int has_table;       /* InlineTable seen */
  pm_vec fields;       /* pm_verifyfield */
  pm_vec cols;         /* int32_t column names */
  pm_vec cells;        /* vcell */
  pm_vec text;         /* char: cell texts, NUL-terminated */
  pm_vec rowline;      /* uint32_t */
} verify_loader;

/* The open ModelVerification, from any element inside it. */
static verify_loader *
vl(pm_loader *ld)
{
  size_t up;
  pm_frame *f;
  for (up = 0; (f = pmmlL_frame(ld, up)) != NULL; up++)
    if (f->el && (f->el->flags & PM_EL_VERIFY))
      return f->obj;
  return NULL;
}

/* <ModelVerification recordCount= fieldCount=> */
static void
verify_start(pm_loader *ld, const char **atts)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  verify_loader *l = pmmlL_alloc(ld, sizeof *l);
  if (!l)
    return;
  l->v = pmmlL_alloc(ld, sizeof *l->v);
  if (!l->v)
    return;
  l->v->line = f->line;
  l->record_count = pmmlL_int(ld, atts, "recordCount", -1, 0, 0x7fffffff);
  l->field_count = pmmlL_int(ld, atts, "fieldCount", -1, 0, 0x7fffffff);
  pmmlL_track(ld, &l->fields, sizeof(pm_verifyfield));
  pmmlL_track(ld, &l->cols, sizeof(int32_t));
  pmmlL_track(ld, &l->cells, sizeof(vcell));
  pmmlL_track(ld, &l->text, 1);
  pmmlL_track(ld, &l->rowline, sizeof(uint32_t));
  f->obj = l;
}

/* <VerificationField field= column= precision= zeroThreshold=/> */
static void
vfield_start(pm_loader *ld, const char **atts)
{
  verify_loader *l = vl(ld);
  const char *name = pmmlL_need(ld, atts, "field");
  const char *col = pmmlL_attr(atts, "column");
  pm_verifyfield *vf;
  if (!l || !name)
    return;
  vf = pmmlL_push(ld, &l->fields, sizeof *vf);
  if (!vf)
    return;
  vf->name = pmmlL_intern(ld, name, strlen(name));
  vf->column = col ? pmmlL_intern(ld, col, strlen(col)) : vf->name;
  vf->precision = pmmlL_num(ld, atts, "precision", 1E-6);
  vf->zero = pmmlL_num(ld, atts, "zeroThreshold", 1E-16);
  vf->line = pmmlL_frame(ld, 0)->line;
  vf->col = -1;
  vf->role = PM_VF_IGNORED;
  vf->index = -1;
  if (!ld->failed && !(vf->precision >= 0))
    pmmlL_fail(ld, PMML_E_INVALID,
               "VerificationField '%.80s': precision must not be negative",
               name);
  else if (!ld->failed && !(vf->zero >= 0))
    pmmlL_fail(ld, PMML_E_INVALID,
               "VerificationField '%.80s': zeroThreshold must not be "
               "negative",
               name);
}

static void
vfields_start(pm_loader *ld, const char **atts)
{
  verify_loader *l = vl(ld);
  (void)atts;
  if (l && l->has_fields)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ModelVerification: more than one VerificationFields");
  if (l)
    l->has_fields = 1;
}

/* <InlineTable><row><column>text</column>...</row>...</InlineTable> */
static void
vtable_start(pm_loader *ld, const char **atts)
{
  verify_loader *l = vl(ld);
  (void)atts;
  if (l && l->has_table)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ModelVerification: more than one InlineTable");
  if (l)
    l->has_table = 1;
}

static void
vrow_start(pm_loader *ld, const char **atts)
{
  verify_loader *l = vl(ld);
  uint32_t *line;
  (void)atts;
  if (!l)
    return;
  if (l->rowline.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "ModelVerification: too many rows");
    return;
  }
  line = pmmlL_push(ld, &l->rowline, sizeof *line);
  if (line)
    *line = pmmlL_frame(ld, 0)->line;
}

static void
vcell_end(pm_loader *ld)
{
  verify_loader *l = vl(ld);
  size_t len, i, at;
  const char *text = pmmlL_text(ld, &len);
  int32_t name, k = -1;
  vcell *c;
  if (!l || !l->rowline.len)
    return;
  name = pmmlL_intern(ld, ld->colname, ld->colname_len);
  if (name < 0)
    return;
  for (i = 0; i < l->cols.len; i++)
    if (((int32_t *)l->cols.data)[i] == name)
      k = (int32_t)i;
  if (k < 0) {
    int32_t *p = pmmlL_push(ld, &l->cols, sizeof *p);
    if (!p)
      return;
    *p = name;
    k = (int32_t)l->cols.len - 1;
  }
  at = l->text.len;
  if (at + len + 1 >= PM_VCELL_NONE) {
    pmmlL_fail(ld, PMML_E_LIMIT, "ModelVerification: table text too large");
    return;
  }
  if (pmmlM_vec_reserve(ld->a, &l->text, 1, at + len + 1)) {
    pmmlL_nomem(ld);
    return;
  }
  memcpy((char *)l->text.data + at, text, len);
  ((char *)l->text.data)[at + len] = '\0';
  l->text.len = at + len + 1;
  c = pmmlL_push(ld, &l->cells, sizeof *c);
  if (!c)
    return;
  c->row = (int32_t)l->rowline.len - 1;
  c->col = k;
  c->off = (uint32_t)at;
}

/* Lay the cells out as rows x columns of offsets. */
static void
verify_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  verify_loader *l = f->obj;
  pm_verify *v;
  size_t i, n;
  int ok;
  if (!l || ld->failed)
    return;
  v = l->v;
  if (!l->fields.len) {
    pmmlL_fail(ld, PMML_E_INVALID, "ModelVerification: no VerificationField");
    return;
  }
  if (!l->has_table) {
    pmmlL_fail(ld, PMML_E_INVALID, "ModelVerification: missing InlineTable");
    return;
  }
  v->n_rows = (int32_t)l->rowline.len;
  if (l->record_count >= 0 && l->record_count != v->n_rows) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ModelVerification: recordCount=\"%ld\" but the InlineTable "
               "holds %ld rows",
               l->record_count, (long)v->n_rows);
    return;
  }
  if (l->field_count >= 0 && (size_t)l->field_count != l->fields.len) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ModelVerification: fieldCount=\"%ld\" but there are %ld "
               "VerificationFields",
               l->field_count, (long)l->fields.len);
    return;
  }
  v->n_cols = (int32_t)l->cols.len;
  n = (size_t)v->n_rows * (size_t)v->n_cols;
  if (v->n_cols && n / (size_t)v->n_cols != (size_t)v->n_rows) {
    pmmlL_fail(ld, PMML_E_LIMIT, "ModelVerification: table too large");
    return;
  }
  v->cell = n ? pmmlL_alloc(ld, n * sizeof *v->cell) : NULL;
  if (n && !v->cell)
    return;
  for (i = 0; i < n; i++)
    v->cell[i] = PM_VCELL_NONE;
  for (i = 0; i < l->cells.len; i++) {
    const vcell *c = (const vcell *)l->cells.data + i;
    v->cell[(size_t)c->row * (size_t)v->n_cols + (size_t)c->col] = c->off;
  }
  pmmlM_vec_free(ld->a, &l->cells, sizeof(vcell));
  v->fields = pmmlL_finish_vec(ld, &l->fields, sizeof(pm_verifyfield),
                               &v->n_fields);
  v->cols = pmmlL_finish_vec(ld, &l->cols, sizeof(int32_t), &v->n_cols);
  v->row_line = pmmlL_finish_vec(ld, &l->rowline, sizeof(uint32_t), NULL);
  v->text = pmmlM_vec_finish(ld->a, &l->text, 1, &ok);
  if (!ok) {
    pmmlL_nomem(ld);
    return;
  }
  if (!ld->failed)
    ld->doc->verify = v;
}

static const pm_elem vcell_elems[] = {
  {"*", NULL, vcell_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem vrow_elems[] = {
  {"row", vrow_start, NULL, vcell_elems, PM_EL_ANYNS},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem vfield_elems[] = {
  {"VerificationField", vfield_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem verify_children[] = {
  {"VerificationFields", vfields_start, NULL, vfield_elems, 0},
  {"InlineTable", vtable_start, NULL, vrow_elems, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_verify_elem[] = {
  {"ModelVerification", verify_start, verify_end, verify_children,
   PM_EL_VERIFY},
  {NULL, NULL, NULL, NULL, 0},
};

/* ------------------------------------------------------------------------ */
/* Resolving: what each VerificationField stands for.                       */

static int32_t
column_index(const pm_verify *v, int32_t name)
{
  int32_t i;
  for (i = 0; i < v->n_cols; i++)
    if (v->cols[i] == name)
      return i;
  return -1;
}

/*
** PMML 4.4 ModelVerification: a VerificationField names an input field (a
** MiningField of the model; a DataField nothing reads is ignored), the
** target, or an OutputField. When some name OutputFields, the target's
** column is the training data's dependent variable and is not compared.
*/
int
pmmlR_verify(pm_resolver *r)
{
  pmml_model *doc = pmmlR_doc(r);
  pm_verify *v = doc->verify;
  const pm_model *top = doc->top;
  const pm_strtab *st = &doc->strs;
  int32_t i, k;
  int outputs = 0;
  for (i = 0; i < v->n_fields; i++) {
    pm_verifyfield *vf = &v->fields[i];
    vf->col = column_index(v, vf->column);
    vf->role = PM_VF_IGNORED;
    for (k = 0; k < top->n_of && vf->role == PM_VF_IGNORED; k++)
      if (top->of[k].name == vf->name) {
        vf->role = PM_VF_OUTPUT;
        vf->index = k;
        outputs = 1;
      }
    for (k = 0; k < top->n_mf && vf->role == PM_VF_IGNORED; k++)
      if (top->mf[k].name == vf->name && top->mf[k].usage == PM_USE_TARGET)
        vf->role = PM_VF_TARGET;
    if (vf->role == PM_VF_IGNORED) {
      for (k = 0; k < doc->n_df; k++)
        if (doc->df[k].name == vf->name)
          break;
      if (k == doc->n_df) {
        pm_suggest sg;
        char hint[160];
        pmmlS_suggest_init(&sg, pmmlS_str(st, vf->name),
                           pmmlS_len(st, vf->name));
        for (k = 0; k < doc->n_df; k++)
          pmmlS_suggest_add(&sg, pmmlS_str(st, doc->df[k].name),
                            pmmlS_len(st, doc->df[k].name));
        for (k = 0; k < top->n_of; k++)
          pmmlS_suggest_add(&sg, pmmlS_str(st, top->of[k].name),
                            pmmlS_len(st, top->of[k].name));
        pmmlR_fail(r, PMML_E_REFERENCE, vf->line,
                   "VerificationField: unknown field '%s'%s",
                   pmmlS_str(st, vf->name),
                   pmmlS_suggest_text(&sg, hint, sizeof hint));
        return -1;
      }
      if (doc->df[k].input >= 0) {
        vf->role = PM_VF_INPUT;
        vf->index = doc->df[k].input;
      }
    }
    if (vf->col < 0 && vf->role != PM_VF_IGNORED) {
      pm_suggest sg;
      char hint[160];
      pmmlS_suggest_init(&sg, pmmlS_str(st, vf->column),
                         pmmlS_len(st, vf->column));
      for (k = 0; k < v->n_cols; k++)
        pmmlS_suggest_add(&sg, pmmlS_str(st, v->cols[k]),
                          pmmlS_len(st, v->cols[k]));
      pmmlR_fail(r, PMML_E_REFERENCE, vf->line,
                 "VerificationField '%s': the InlineTable has no column "
                 "'%s'%s",
                 pmmlS_str(st, vf->name), pmmlS_str(st, vf->column),
                 pmmlS_suggest_text(&sg, hint, sizeof hint));
      return -1;
    }
  }
  if (outputs)
    for (i = 0; i < v->n_fields; i++)
      if (v->fields[i].role == PM_VF_TARGET)
        v->fields[i].role = PM_VF_IGNORED;
  return 0;
}
