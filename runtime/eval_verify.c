/*
** eval_verify.c: pmml_model_verify(), running a document's ModelVerification
** records (read by load_verify.c) through the interpreter, or through any
** other scorer of the model (pmmlE_verify: `pmmlc verify --compiled` runs
** them through the generated C). Each record's input cells are set as
** text, the way `pmmlc score` sets CSV cells, the record is scored with the
** public entry point, and each expected value is
** compared with what scoring produced: numbers within the VerificationField's
** precision (in proportion of the expected value, boundaries included) or
** both within its zeroThreshold of zero, other values exactly.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

/* The text of a cell, or NULL when absent or empty (missing). */
static const char *
cell_text(const pm_verify *v, int32_t row, int32_t col)
{
  uint32_t off;
  if (col < 0)
    return NULL;
  off = v->cell[(size_t)row * (size_t)v->n_cols + (size_t)col];
  if (off == PM_VCELL_NONE || v->text[off] == '\0')
    return NULL;
  return v->text + off;
}

/* PMML 4.4 VerificationField: is 'x' an acceptable result for 'e'? */
static int
acceptable(double e, double x, double precision, double zero)
{
  if (isnan(e) || isnan(x))
    return isnan(e) && isnan(x);
  if (fabs(e) <= zero && fabs(x) <= zero)
    return 1;
  if (e >= 0)
    return x >= e * (1 - precision) && x <= e * (1 + precision);
  return x <= e * (1 - precision) && x >= e * (1 + precision);
}

/* Compare the result 'a' with the expected text; fills the numbers of
** 'it'. 1 when acceptable. */
static int
compare(const pm_val *a, const char *exp, const pm_verifyfield *vf,
        pmml_verify_item *it)
{
  size_t len = strlen(exp);
  pm_val e;
  it->difference = NAN;
  it->relative = NAN;
  switch (a->t) {
  case PM_T_MISSING:
    return 0;
  case PM_T_NUM: {
    uint8_t dt = a->dt == PM_DT_ANY ? PMML_DT_DOUBLE : a->dt;
    /* The expected text read as the result's type ("2" for an integer,
    ** a date for a date), or failing that as a number ("2.0"). */
    if (pmmlV_from_text(NULL, dt, exp, len, &e) != 0 || e.t != PM_T_NUM) {
      if (pmmlV_from_text(NULL, PMML_DT_DOUBLE, exp, len, &e) != 0)
        return 0;
    }
    it->difference = fabs(e.u.num - a->u.num);
    if (e.u.num != 0 && !isnan(it->difference))
      it->relative = it->difference / fabs(e.u.num);
    return acceptable(e.u.num, a->u.num, vf->precision, vf->zero);
  }
  case PM_T_BOOL:
    if (pmmlV_from_text(NULL, PMML_DT_BOOLEAN, exp, len, &e) != 0)
      return 0;
    return (e.u.num != 0) == (a->u.num != 0);
  default:
    return a->len == len && memcmp(a->u.str, exp, len) == 0;
  }
}

size_t
pmml_model_verify_records(const pmml_model *m)
{
  return m && m->verify ? (size_t)m->verify->n_rows : 0;
}

unsigned long
pmml_model_verify_line(const pmml_model *m)
{
  return m ? m->verify_line : 0;
}

/* Remember the first failure in 'err'. */
static void
first_failure(pmml_error *err, int *have, const pmml_verify_item *it)
{
  if (!err || *have)
    return;
  *have = 1;
  err->code = PMML_E_VERIFY;
  err->line = it->line;
  err->column = 0;
  snprintf(err->element, sizeof err->element, "ModelVerification");
  if (!it->field)
    snprintf(err->message, sizeof err->message,
             "record %zu: not scored: %s", it->record, it->message);
  else if (it->status != PMML_OK)
    snprintf(err->message, sizeof err->message,
             "record %zu, field '%s': not computed: %s", it->record,
             it->field, it->message);
  else if (!isnan(it->difference))
    snprintf(err->message, sizeof err->message,
             "record %zu, field '%s': expected %s, got %s (difference %.3g,"
             " precision %g)",
             it->record, it->field, it->expected, it->actual,
             it->difference, it->precision);
  else
    snprintf(err->message, sizeof err->message,
             "record %zu, field '%s': expected '%s', got '%s'", it->record,
             it->field, it->expected, it->actual);
}

/* The interpreter as the scorer of pmmlE_verify: the record's inputs set as
** text, the way `pmmlc score` sets CSV cells, and scored with the public
** entry point. */
typedef struct interp_scorer {
  const pmml_model *m;
  pmml_ctx *c;
  pmml_error e;
} interp_scorer;

static pmml_status
interp_record(void *ud, int32_t row, const char **msg)
{
  interp_scorer *s = ud;
  const pm_verify *v = s->m->verify;
  pmml_status st;
  int32_t i;
  pmml_ctx_clear(s->c);
  for (i = 0; i < v->n_fields; i++) {
    const pm_verifyfield *vf = &v->fields[i];
    const char *t = cell_text(v, row, vf->col);
    if (vf->role != PM_VF_INPUT)
      continue;
    if (t)
      pmml_ctx_set_text(s->c, (size_t)vf->index, t, strlen(t));
    else
      pmml_ctx_set_missing(s->c, (size_t)vf->index);
  }
  st = pmml_score(s->c, &s->e);
  *msg = s->e.message;
  return st;
}

static pmml_status
interp_value(void *ud, const pm_verifyfield *vf, pm_val *out,
             const char **msg)
{
  interp_scorer *s = ud;
  pmml_ctx *c = s->c;
  const pm_val *a;
  if (vf->role == PM_VF_TARGET)
    a = &c->res[s->m->top->index].value;
  else
    a = pmmlE_slot(c, s->m->top->of[vf->index].slot);
  if (c->failed) {
    /* An output that fails on its own (a non-final one, computed now). */
    c->failed = 0;
    *msg = c->msg;
    return c->status;
  }
  *out = *a;
  return PMML_OK;
}

pmml_status
pmml_model_verify(const pmml_model *m, pmml_verify_fn fn, void *ud,
                  pmml_verify_report *report, pmml_error *err)
{
  interp_scorer is;
  pm_verify_scorer sc;
  pmml_status st;
  if (!m || !m->verify)
    return pmmlE_verify(m, NULL, fn, ud, report, err);
  memset(&is, 0, sizeof is);
  is.m = m;
  st = pmml_ctx_new(m, &is.c);
  if (st != PMML_OK) {
    if (report)
      memset(report, 0, sizeof *report);
    if (err) {
      memset(err, 0, sizeof *err);
      err->code = st;
      snprintf(err->message, sizeof err->message, "%s",
               pmml_status_string(st));
    }
    return st;
  }
  /* interp_value() reads the results and non-final outputs: the general
  ** path leaves them in the context, the fast path does not. */
  pmmlE_ctx_general(is.c, 1);
  sc.record = interp_record;
  sc.value = interp_value;
  sc.ud = &is;
  st = pmmlE_verify(m, &sc, fn, ud, report, err);
  pmml_ctx_free(is.c);
  return st;
}

pmml_status
pmmlE_verify(const pmml_model *m, const pm_verify_scorer *sc,
             pmml_verify_fn fn, void *ud, pmml_verify_report *report,
             pmml_error *err)
{
  pmml_verify_report local;
  const pm_verify *v;
  pmml_status st;
  int32_t row, i;
  int have_err = 0, stop = 0;
  if (err)
    memset(err, 0, sizeof *err);
  if (!report)
    report = &local;
  memset(report, 0, sizeof *report);
  if (!m) {
    if (err) {
      err->code = PMML_E_ARGUMENT;
      snprintf(err->message, sizeof err->message, "no model");
    }
    return PMML_E_ARGUMENT;
  }
  v = m->verify;
  if (!v) {
    if (!m->verify_line)
      return PMML_OK;
    if (err) {
      err->code = PMML_E_ARGUMENT;
      err->line = m->verify_line;
      snprintf(err->element, sizeof err->element, "ModelVerification");
      snprintf(err->message, sizeof err->message,
               "the model was loaded without PMML_LOAD_VERIFICATION: its "
               "ModelVerification records were skipped");
    }
    return PMML_E_ARGUMENT;
  }
  for (row = 0; row < v->n_rows && !stop; row++) {
    pmml_verify_item it;
    int failed = 0, expects = 0;
    const char *msg = "";
    char actual[128];
    memset(&it, 0, sizeof it);
    it.record = (size_t)row + 1;
    it.line = v->row_line[row];
    for (i = 0; i < v->n_fields; i++) {
      const pm_verifyfield *vf = &v->fields[i];
      if ((vf->role == PM_VF_TARGET || vf->role == PM_VF_OUTPUT) &&
          cell_text(v, row, vf->col))
        expects = 1;
    }
    st = sc->record(sc->ud, row, &msg);
    if (st != PMML_OK) {
      /* No result: a failure unless the record expects none. */
      if (!expects)
        continue;
      it.status = st;
      it.message = msg;
      it.expected = "";
      it.actual = "";
      it.difference = it.relative = NAN;
      report->records++;
      report->records_failed++;
      first_failure(err, &have_err, &it);
      if (fn && fn(ud, &it))
        stop = 1;
      continue;
    }
    report->records++;
    for (i = 0; i < v->n_fields && !stop; i++) {
      const pm_verifyfield *vf = &v->fields[i];
      const char *t = cell_text(v, row, vf->col);
      pm_val a;
      if ((vf->role != PM_VF_TARGET && vf->role != PM_VF_OUTPUT) || !t)
        continue;
      it.field = pmmlS_str(&m->strs, vf->name);
      it.expected = t;
      st = sc->value(sc->ud, vf, &a, &msg);
      if (st != PMML_OK) {
        it.status = st;
        it.message = msg;
        it.actual = "";
        it.difference = it.relative = NAN;
        it.ok = 0;
      } else {
        pmmlV_format(&a, actual, sizeof actual);
        it.actual = actual;
        it.precision = vf->precision;
        it.zero_threshold = vf->zero;
        it.status = PMML_OK;
        it.message = NULL;
        it.ok = compare(&a, t, vf, &it);
        if (!isnan(it.relative) && it.relative > report->max_relative)
          report->max_relative = it.relative;
      }
      report->values++;
      if (!it.ok) {
        report->values_failed++;
        failed = 1;
        first_failure(err, &have_err, &it);
      }
      if (fn && fn(ud, &it))
        stop = 1;
    }
    if (failed)
      report->records_failed++;
  }
  return report->records_failed ? PMML_E_VERIFY : PMML_OK;
}
