/*
** api.c: the small public functions: versions, status strings, names of
** types, what a loaded model is (kind, inputs, outputs), freeing it, and
** formatting a value the way `pmmlc score` prints it.
*/
#include <string.h>

#include "pmml_int.h"

const char *
pmml_version(void)
{
  return PACKAGE_VERSION;
}

static const char *const status_strings[] = {
  [PMML_OK] = "success",
  [PMML_E_NOMEM] = "out of memory",
  [PMML_E_IO] = "input/output error",
  [PMML_E_GZIP] = "corrupt gzip data",
  [PMML_E_XML] = "malformed XML",
  [PMML_E_LIMIT] = "limit exceeded",
  [PMML_E_NOT_PMML] = "not a PMML document",
  [PMML_E_INVALID] = "invalid PMML",
  [PMML_E_UNSUPPORTED] = "unsupported PMML construct",
  [PMML_E_REFERENCE] = "unresolved reference",
  [PMML_E_ARGUMENT] = "bad argument",
  [PMML_E_INVALID_VALUE] = "invalid input value",
  [PMML_E_EVAL] = "evaluation error",
  [PMML_E_VERIFY] = "verification failed",
};

const char *
pmml_status_string(pmml_status status)
{
  if ((unsigned)status >= sizeof status_strings / sizeof status_strings[0] ||
      !status_strings[status])
    return "unknown status";
  return status_strings[status];
}

static const char *const dtype_names[] = {
  [PMML_DT_STRING] = "string",
  [PMML_DT_INTEGER] = "integer",
  [PMML_DT_FLOAT] = "float",
  [PMML_DT_DOUBLE] = "double",
  [PMML_DT_BOOLEAN] = "boolean",
  [PMML_DT_DATE] = "date",
  [PMML_DT_TIME] = "time",
  [PMML_DT_DATETIME] = "dateTime",
  [PMML_DT_DATE_DAYS_SINCE_0] = "dateDaysSince[0]",
  [PMML_DT_DATE_DAYS_SINCE_1960] = "dateDaysSince[1960]",
  [PMML_DT_DATE_DAYS_SINCE_1970] = "dateDaysSince[1970]",
  [PMML_DT_DATE_DAYS_SINCE_1980] = "dateDaysSince[1980]",
  [PMML_DT_TIME_SECONDS] = "timeSeconds",
  [PMML_DT_DATETIME_SECONDS_SINCE_0] = "dateTimeSecondsSince[0]",
  [PMML_DT_DATETIME_SECONDS_SINCE_1960] = "dateTimeSecondsSince[1960]",
  [PMML_DT_DATETIME_SECONDS_SINCE_1970] = "dateTimeSecondsSince[1970]",
  [PMML_DT_DATETIME_SECONDS_SINCE_1980] = "dateTimeSecondsSince[1980]",
};

const char *
pmml_dtype_name(pmml_dtype t)
{
  if ((unsigned)t >= sizeof dtype_names / sizeof dtype_names[0])
    return "unknown";
  return dtype_names[t];
}

static const char *const optype_names[] = {
  [PMML_OP_CATEGORICAL] = "categorical",
  [PMML_OP_ORDINAL] = "ordinal",
  [PMML_OP_CONTINUOUS] = "continuous",
};

const char *
pmml_optype_name(pmml_optype t)
{
  if ((unsigned)t >= sizeof optype_names / sizeof optype_names[0])
    return "unknown";
  return optype_names[t];
}

void
pmml_model_free(pmml_model *m)
{
  pm_arena a;
  if (!m)
    return;
  a = m->arena; /* the model lives in its own arena */
  pmmlM_arena_free(&a);
}

const char *
pmml_model_kind(const pmml_model *m)
{
  return m && m->top ? pmmlL_families[m->top->family]->element : "";
}

const char *
pmml_model_function(const pmml_model *m)
{
  static const char *const names[] = {
    [PM_FN_REGRESSION] = "regression",
    [PM_FN_CLASSIFICATION] = "classification",
    [PM_FN_CLUSTERING] = "clustering",
    [PM_FN_ASSOCIATION] = "associationRules",
    [PM_FN_SEQUENCES] = "sequences",
    [PM_FN_TIMESERIES] = "timeSeries",
    [PM_FN_MIXED] = "mixed",
  };
  if (!m || !m->top || m->top->function >= sizeof names / sizeof names[0])
    return "";
  return names[m->top->function];
}

const char *
pmml_model_name(const pmml_model *m)
{
  return m && m->top && m->top->name >= 0 ? pmmlS_str(&m->strs, m->top->name)
                                          : "";
}

const char *
pmml_model_pmml_version(const pmml_model *m)
{
  return m && m->version ? m->version : "";
}

const char *
pmml_model_application(const pmml_model *m)
{
  return m && m->application ? m->application : "";
}

size_t
pmml_model_memory(const pmml_model *m)
{
  return m ? m->arena.total : 0;
}

size_t
pmml_model_input_count(const pmml_model *m)
{
  return m ? (size_t)m->n_inputs : 0;
}

static const pm_datafield *
input_field(const pmml_model *m, size_t i)
{
  if (!m || i >= (size_t)m->n_inputs)
    return NULL;
  return &m->df[m->inputs[i]];
}

const char *
pmml_model_input_name(const pmml_model *m, size_t i)
{
  const pm_datafield *f = input_field(m, i);
  return f ? pmmlS_str(&m->strs, f->name) : NULL;
}

pmml_dtype
pmml_model_input_dtype(const pmml_model *m, size_t i)
{
  const pm_datafield *f = input_field(m, i);
  return f ? (pmml_dtype)f->dtype : PMML_DT_STRING;
}

pmml_optype
pmml_model_input_optype(const pmml_model *m, size_t i)
{
  const pm_datafield *f = input_field(m, i);
  return f ? (pmml_optype)f->optype : PMML_OP_CATEGORICAL;
}

size_t
pmml_model_input_value_count(const pmml_model *m, size_t i)
{
  const pm_datafield *f = input_field(m, i);
  return f ? (size_t)f->dom.n_valid : 0;
}

const char *
pmml_model_input_value(const pmml_model *m, size_t i, size_t k)
{
  const pm_datafield *f = input_field(m, i);
  int32_t j;
  size_t seen = 0;
  if (!f)
    return NULL;
  for (j = 0; j < f->dom.n_values; j++) {
    if (f->dom.values[j].property != PM_PROP_VALID)
      continue;
    if (seen++ == k)
      return f->dom.values[j].v.sym >= 0
                 ? pmmlS_str(&m->strs, f->dom.values[j].v.sym)
                 : NULL;
  }
  return NULL;
}

long
pmml_model_input_index(const pmml_model *m, const char *name)
{
  int32_t id, i;
  if (!m || !name)
    return -1;
  id = pmmlS_lookup(&m->strs, name, strlen(name));
  if (id < 0)
    return -1;
  for (i = 0; i < m->n_inputs; i++)
    if (m->df[m->inputs[i]].name == id)
      return i;
  return -1;
}

size_t
pmml_model_output_count(const pmml_model *m)
{
  return m ? (size_t)m->n_outs : 0;
}

const char *
pmml_model_output_name(const pmml_model *m, size_t i)
{
  if (!m || i >= (size_t)m->n_outs)
    return NULL;
  return pmmlS_str(&m->strs, m->outs[i].name);
}

pmml_dtype
pmml_model_output_dtype(const pmml_model *m, size_t i)
{
  if (!m || i >= (size_t)m->n_outs || m->outs[i].dtype == PM_DT_ANY)
    return PMML_DT_STRING;
  return (pmml_dtype)m->outs[i].dtype;
}

pmml_optype
pmml_model_output_optype(const pmml_model *m, size_t i)
{
  if (!m || i >= (size_t)m->n_outs)
    return PMML_OP_CATEGORICAL;
  return (pmml_optype)m->outs[i].optype;
}

size_t
pmml_value_format(const pmml_value *v, char *buf, size_t size)
{
  pm_val x;
  if (!v)
    return 0;
  switch (v->kind) {
  case PMML_NUMBER:
    x = pmmlV_num(v->number, (uint8_t)v->dtype);
    break;
  case PMML_BOOLEAN:
    x = pmmlV_bool(v->number != 0);
    break;
  case PMML_STRING:
    x = pmmlV_str(v->string, v->length, -1);
    break;
  default:
    x = pmmlV_missing();
  }
  return pmmlV_format(&x, buf, size);
}
