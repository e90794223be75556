/*
** fuzz_load.c: libFuzzer target for the whole load path of libpmmlrt: the
** input is a document (plain XML, or gzip when it starts with the gzip
** magic) given to pmml_model_load_memory() through an allocator that
** counts live bytes and refuses to hold more than 256 MiB. A failed load
** must leave nothing allocated and fill the error; a loaded model is
** described through the API, scored on a few fixed records (every input
** missing, "0", "1", "-1.5", "a", each declared valid value, a huge
** number, "NaN") and freed, after which nothing may be left either.
** Built and run by tests/fuzz/run.sh (`make fuzz`).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmml.h"

#define LIMIT ((size_t)256 << 20)

typedef struct counter {
  size_t live;
} counter;

/* The allocator hook: malloc with a count of live bytes and a ceiling. */
static void *
count_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  counter *k = ud;
  void *p;
  if (nsize == 0) {
    if (ptr)
      k->live -= osize;
    free(ptr);
    return NULL;
  }
  if (!ptr)
    osize = 0;
  if (nsize > osize && nsize - osize > LIMIT - k->live)
    return NULL;
  p = realloc(ptr, nsize);
  if (p)
    k->live = k->live - osize + nsize;
  return p;
}

/* Read every output of the last record and format it. */
static void
read_outputs(const pmml_model *m, pmml_ctx *c)
{
  size_t i, n = pmml_model_output_count(m);
  char buf[64];
  for (i = 0; i < n; i++) {
    pmml_value v;
    size_t len;
    if (pmml_ctx_output(c, i, &v) != PMML_OK)
      abort();
    if (v.kind == PMML_STRING && v.length && !v.string)
      abort();
    len = pmml_value_format(&v, buf, sizeof buf);
    if (len < sizeof buf && buf[len] != '\0')
      abort();
  }
  if (pmml_ctx_output(c, n, NULL) != PMML_E_ARGUMENT)
    abort();
}

/* Score one record where every input is 'text' (NULL: missing). */
static void
score_all(const pmml_model *m, pmml_ctx *c, const char *text)
{
  size_t i, n = pmml_model_input_count(m);
  pmml_error e;
  pmml_status st;
  for (i = 0; i < n; i++) {
    if (text)
      pmml_ctx_set_text(c, i, text, strlen(text));
    else
      pmml_ctx_set_missing(c, i);
  }
  st = pmml_score(c, &e);
  if (st == PMML_OK)
    read_outputs(m, c);
  else if (!e.message[0] || st != e.code)
    abort();
}

static void
describe_and_score(const pmml_model *m)
{
  static const char *const texts[] = {"0", "1", "-1.5", "a", "1e308",
                                      "NaN", "2024-02-29", "true"};
  size_t i, k, n = pmml_model_input_count(m);
  pmml_ctx *c;
  pmml_error e;
  (void)pmml_model_kind(m);
  (void)pmml_model_function(m);
  (void)pmml_model_name(m);
  (void)pmml_model_application(m);
  for (i = 0; i < n; i++) {
    const char *name = pmml_model_input_name(m, i);
    if (!name || pmml_model_input_index(m, name) < 0)
      abort();
    (void)pmml_model_input_dtype(m, i);
    (void)pmml_model_input_optype(m, i);
    for (k = 0; k < pmml_model_input_value_count(m, i); k++)
      (void)pmml_model_input_value(m, i, k);
  }
  for (i = 0; i < pmml_model_output_count(m); i++)
    if (!pmml_model_output_name(m, i))
      abort();
  if (pmml_ctx_new(m, &c) != PMML_OK)
    return;
  score_all(m, c, NULL);
  for (k = 0; k < sizeof texts / sizeof texts[0]; k++)
    score_all(m, c, texts[k]);
  /* Each input takes its k-th declared value (or stays missing). */
  for (k = 0; k < 4; k++) {
    for (i = 0; i < n; i++) {
      const char *v = k < pmml_model_input_value_count(m, i)
                          ? pmml_model_input_value(m, i, k)
                          : NULL;
      if (v)
        pmml_ctx_set_text(c, i, v, strlen(v));
      else
        pmml_ctx_set_number(c, i, (double)k);
    }
    if (pmml_score(c, &e) == PMML_OK)
      read_outputs(m, c);
  }
  pmml_ctx_clear(c);
  pmml_ctx_free(c);
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  counter k = {0};
  pmml_load_options o;
  pmml_model *m = NULL;
  pmml_error e;
  pmml_status st;
  pmml_load_options_init(&o);
  o.alloc = count_alloc;
  o.alloc_ud = &k;
  st = pmml_model_load_memory(data, size, &o, &m, &e);
  if (st != PMML_OK) {
    if (m || e.code != st || !e.message[0] || k.live != 0)
      abort();
    return 0;
  }
  if (!m)
    abort();
  describe_and_score(m);
  pmml_model_free(m);
  if (k.live != 0)
    abort();
  return 0;
}
