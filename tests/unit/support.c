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

/* See support.h. */
void *
failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  long call;
  if (nsize == 0) {
    if (ptr)
      f->live -= (long)osize;
    free(ptr);
    return NULL;
  }
  call = f->calls++;
  if (f->only ? call == f->budget : call >= f->budget) {
    f->failed++;
    return NULL;
  }
  ptr = realloc(ptr, nsize);
  if (ptr)
    f->live += (long)nsize - (long)(ptr == NULL ? 0 : osize);
  return ptr;
}

/* Score a record of every input set to "1": PMML_OK or a record error. */
static int
score_once(pmml_model *m, pmml_ctx *c)
{
  pmml_error e;
  size_t i;
  for (i = 0; i < pmml_model_input_count(m); i++)
    pmml_ctx_set_text(c, i, "1", 1);
  return pmml_score(c, &e) == PMML_OK || e.message[0];
}

/*
** Fail allocation N of loading 'data' for N = 0, 1, 2, ... until the load
** gets through, first with every call from N on failing, then with call N
** alone failing. Each run must give PMML_E_NOMEM (or the code the
** document gives with memory to spare, when it is refused anyway, or a
** model when the failure did not matter) and leave no byte allocated.
** For a model, pmml_ctx_new() is failed the same way. Returns the number
** of runs.
*/
long
check_nomem_bytes(const char *what, const void *data, size_t size)
{
  pmml_load_options o;
  pmml_status want;
  long n, runs = 0;
  int only;
  {
    failing f = {1L << 40, 0, 0, 0, 0};
    pmml_model *m = NULL;
    pmml_error e;
    pmml_load_options_init(&o);
    o.alloc = failing_alloc;
    o.alloc_ud = &f;
    want = pmml_model_load_memory(data, size, &o, &m, &e);
    pmml_model_free(m);
    CU_ASSERT_EQUAL(f.live, 0);
  }
  for (only = 0; only < 2; only++) {
    int done = 0;
    for (n = 0; n < 100000 && !done; n++) {
      failing f = {n, 0, 0, only, 0};
      pmml_model *m = (pmml_model *)&f;
      pmml_error e;
      pmml_status st;
      runs++;
      pmml_load_options_init(&o);
      o.alloc = failing_alloc;
      o.alloc_ud = &f;
      st = pmml_model_load_memory(data, size, &o, &m, &e);
      if (!f.failed)
        done = 1; /* the whole load ran within the budget */
      /* (A model despite a failed call: PCRE2's JIT is optional.) */
      if (st != PMML_E_NOMEM && st != want) {
        CU_FAIL("neither out of memory nor the document's own status");
        fprintf(stderr, "\n  %s: allocation %ld%s: status %d (%s), "
                "expected %d\n", what, n, only ? " alone" : "", (int)st,
                e.message, (int)want);
      }
      if (st != PMML_OK) {
        CU_ASSERT_PTR_NULL(m);
        CU_ASSERT_EQUAL(e.code, st);
        CU_ASSERT(e.message[0] != '\0');
      } else {
        /* A model: it works, and so does failing its context. */
        pmml_ctx *c = NULL;
        long k, base = f.calls;
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        for (k = 0; k < 100; k++) {
          pmml_status cs;
          f.budget = base + k;
          f.failed = 0;
          f.calls = base;
          cs = pmml_ctx_new(m, &c);
          CU_ASSERT(cs == PMML_OK || cs == PMML_E_NOMEM);
          if (cs == PMML_OK) {
            CU_ASSERT(score_once(m, c));
            pmml_ctx_free(c);
            if (!f.failed)
              break;
          } else {
            CU_ASSERT_PTR_NULL(c);
          }
        }
        f.budget = 1L << 40;
        pmml_model_free(m);
      }
      if (f.live != 0) {
        CU_FAIL("bytes left allocated");
        fprintf(stderr, "\n  %s: allocation %ld%s: %ld bytes left\n", what,
                n, only ? " alone" : "", f.live);
      }
    }
    CU_ASSERT(done);
  }
  return runs;
}

/* See support.h. */
void
check_nomem(const char *doc)
{
  check_nomem_bytes("document", doc, strlen(doc));
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
