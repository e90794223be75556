/*
** support.c: helpers the unit suites share: scoring a document given as
** text through the public API, an allocator that fails on demand and the
** allocation-failure loop over a document; and stubs for suites that test
** library pieces (values, built-ins, TextIndex) on hand-built IR rather
** than on loaded documents.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static char result[1024];

/* See support.h: the operations of 'inputs', then output 'out' as text. */
const char *
score(const char *doc, const char *inputs, const char *out)
{
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  pmml_error e;
  char buf[512], *p, *save = NULL;
  size_t i;
  if (pmml_model_load_memory(doc, strlen(doc), NULL, &m, &e) != PMML_OK) {
    snprintf(result, sizeof result, "ERR:%s", e.message);
    return result;
  }
  if (pmml_ctx_new(m, &c) != PMML_OK) {
    pmml_model_free(m);
    return "ERR:ctx";
  }
  snprintf(buf, sizeof buf, "%s", inputs);
  for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
    char *op = strpbrk(p, "=+");
    char kind;
    long idx;
    if (!strcmp(p, "/")) {
      pmml_score(c, NULL);
      pmml_ctx_clear(c);
      continue;
    }
    if (!op)
      continue;
    kind = *op;
    *op = '\0';
    idx = pmml_model_input_index(m, p);
    if (idx < 0)
      continue;
    if (kind == '+') {
      if (pmml_ctx_add_item(c, (size_t)idx, op + 1, strlen(op + 1)) !=
          PMML_OK) {
        snprintf(result, sizeof result, "ERR:add_item %s", p);
        goto done;
      }
    } else if (!strcmp(op + 1, "?")) {
      pmml_ctx_set_missing(c, (size_t)idx);
    } else if (op[1] == '#') {
      pmml_ctx_set_number(c, (size_t)idx, atof(op + 2));
    } else {
      pmml_ctx_set_text(c, (size_t)idx, op + 1, strlen(op + 1));
    }
  }
  snprintf(result, sizeof result, "ERR:no output %s", out);
  if (pmml_score(c, &e) != PMML_OK) {
    snprintf(result, sizeof result, "ERR:%s", e.message);
  } else {
    for (i = 0; i < pmml_model_output_count(m); i++)
      if (!strcmp(pmml_model_output_name(m, i), out)) {
        pmml_value v;
        pmml_ctx_output(c, i, &v);
        if (v.kind == PMML_MISSING)
          snprintf(result, sizeof result, "<missing>");
        else
          pmml_value_format(&v, result, sizeof result);
      }
  }
done:
  pmml_ctx_free(c);
  pmml_model_free(m);
  return result;
}

/* See support.h: fails after f->budget calls, keeps f->live exact. */
void *
failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize == 0) {
    if (ptr)
      f->live -= (long)osize;
    free(ptr);
    return NULL;
  }
  if (f->calls++ >= f->budget)
    return NULL;
  ptr = realloc(ptr, nsize);
  if (ptr)
    f->live += (long)nsize - (long)osize;
  return ptr;
}

/* See support.h: every allocation of loading 'doc' fails in turn. */
void
check_nomem(const char *doc)
{
  long n;
  int succeeded = 0;
  for (n = 0; n < 100000 && !succeeded; n++) {
    failing f = {0, 0, 0};
    pmml_load_options o;
    pmml_model *m = NULL;
    pmml_error e;
    pmml_status st;
    f.budget = n;
    pmml_load_options_init(&o);
    o.alloc = failing_alloc;
    o.alloc_ud = &f;
    st = pmml_model_load_memory(doc, strlen(doc), &o, &m, &e);
    if (st == PMML_OK) {
      pmml_ctx *c = NULL;
      succeeded = 1;
      CU_ASSERT(pmml_ctx_new(m, &c) == PMML_OK || c == NULL);
      pmml_ctx_free(c);
      pmml_model_free(m);
    } else {
      CU_ASSERT_EQUAL(st, PMML_E_NOMEM);
      CU_ASSERT_PTR_NULL(m);
    }
    CU_ASSERT_EQUAL(f.live, 0);
  }
  CU_ASSERT(succeeded);
}

static char sbuf[1 << 20];
static pm_val frame[256];
static pm_resolver *last;

void
stub_ctx_init(pmml_ctx *c, const pmml_model *doc)
{
  memset(c, 0, sizeof *c);
  c->m = doc;
  c->sbuf = sbuf;
  c->scap = sizeof sbuf;
  c->frame = frame;
  c->frame_cap = sizeof frame / sizeof frame[0];
  c->gen = 1;
}

void
stub_ctx_reset(pmml_ctx *c)
{
  c->sused = 0;
  c->failed = 0;
  c->status = PMML_OK;
  c->msg[0] = '\0';
  c->frame_top = 0;
  c->gen++;
}

pm_resolver *
stub_resolver(pmml_model *doc)
{
  last = pmmlR_detached(doc);
  return last;
}

const char *
stub_resolver_msg(void)
{
  return last ? pmmlR_message(last) : "";
}

void
stub_strtab_free(pm_strtab *t)
{
  (void)t;
}
