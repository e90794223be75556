/*
** stubs_standin.c: stand-ins for the parts of libpmmlrt that the value,
** builtins, regex and TextIndex suites call but do not own (eval.c's
** pmmlE_fail/pmmlE_strbuf/pmmlE_expr/pmmlE_slot_compute, mem.c, strtab.c,
** resolve.c). Only for running those suites before the real files are
** merged: NOT part of the library build, and the real runner links the
** real files instead.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmml_int.h"
#include "stubs_standin.h"

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
  return -1;
}

char *
pmmlE_strbuf(pmml_ctx *c, size_t n)
{
  char *p;
  if (c->failed)
    return NULL;
  if (n > c->scap - c->sused) {
    pmmlE_fail(c, PMML_E_EVAL, "string scratch exhausted");
    return NULL;
  }
  p = c->sbuf + c->sused;
  c->sused += n;
  return p;
}

const pm_val *
pmmlE_slot_compute(pmml_ctx *c, int32_t slot)
{
  return &c->vals[slot];
}

int
pmmlE_expr(pmml_ctx *c, int32_t e, pm_val *out)
{
  const pm_expr *x = &c->m->exprs[e];
  if (x->op == PM_X_CONST) {
    *out = pmmlV_lit(c->m, &x->lit);
    return 0;
  }
  if (x->op == PM_X_FIELD) {
    *out = *pmmlE_slot(c, x->slot);
    return 0;
  }
  if (x->op == PM_X_TEXTINDEX)
    return pmmlE_textindex(c, x, out);
  return pmmlE_fail(c, PMML_E_EVAL, "stub: expression kind %d", x->op);
}

/* ---- mem.c ---- */
typedef struct pm_defer {
  struct pm_defer *next;
  void (*fn)(void *);
  void *p;
} pm_defer_t;

struct pm_block {
  struct pm_block *next;
  size_t size;
};

void *
pmmlM_default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

void
pmmlM_arena_init(pm_arena *a, pmml_alloc_fn alloc, void *ud)
{
  memset(a, 0, sizeof *a);
  a->alloc = alloc ? alloc : pmmlM_default_alloc;
  a->ud = ud;
}

void *
pmmlM_alloc(pm_arena *a, size_t n)
{
  size_t sz = 16 + n;
  struct pm_block *b = a->alloc(a->ud, NULL, 0, sz);
  if (!b)
    return NULL;
  memset(b, 0, sz);
  b->size = sz;
  b->next = a->blocks;
  a->blocks = b;
  a->total += sz;
  return (char *)b + 16;
}

int
pmmlM_defer(pm_arena *a, void (*fn)(void *), void *p)
{
  pm_defer_t *d = a->alloc(a->ud, NULL, 0, sizeof *d);
  if (!d) {
    fn(p);
    return -1;
  }
  d->fn = fn;
  d->p = p;
  d->next = (pm_defer_t *)a->defers;
  a->defers = (struct pm_defer *)d;
  return 0;
}

void
pmmlM_arena_free(pm_arena *a)
{
  pm_defer_t *d = (pm_defer_t *)a->defers, *dn;
  struct pm_block *b = a->blocks, *bn;
  for (; d; d = dn) {
    dn = d->next;
    d->fn(d->p);
    a->alloc(a->ud, d, sizeof *d, 0);
  }
  for (; b; b = bn) {
    bn = b->next;
    a->alloc(a->ud, b, b->size, 0);
  }
  a->defers = NULL;
  a->blocks = NULL;
}

/* ---- strtab.c (linear, for tests) ---- */
int32_t
pmmlS_lookup(const pm_strtab *t, const char *s, size_t len)
{
  uint32_t i;
  for (i = 0; i < t->n; i++)
    if (t->len[i] == len && memcmp(t->str[i], s, len) == 0)
      return (int32_t)i;
  return -1;
}

int32_t
pmmlS_intern(pm_arena *a, pm_strtab *t, const char *s, size_t len)
{
  int32_t id = pmmlS_lookup(t, s, len);
  char *p;
  (void)a;
  if (id >= 0)
    return id;
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 64;
    t->str = realloc((void *)t->str, t->cap * sizeof *t->str);
    t->len = realloc(t->len, t->cap * sizeof *t->len);
  }
  p = malloc(len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  t->str[t->n] = p;
  t->len[t->n] = (uint32_t)len;
  return (int32_t)t->n++;
}

/* ---- resolve.c ---- */
struct pm_resolver {
  pmml_model *doc;
  int failed;
  char msg[256];
};

static struct pm_resolver the_resolver;

pm_resolver *
stub_resolver(pmml_model *doc)
{
  memset(&the_resolver, 0, sizeof the_resolver);
  the_resolver.doc = doc;
  return &the_resolver;
}

const char *
stub_resolver_msg(void)
{
  return the_resolver.msg;
}

void
pmmlR_fail(pm_resolver *r, pmml_status code, uint32_t line, const char *fmt,
           ...)
{
  va_list ap;
  (void)code;
  (void)line;
  if (r->failed)
    return;
  r->failed = 1;
  va_start(ap, fmt);
  vsnprintf(r->msg, sizeof r->msg, fmt, ap);
  va_end(ap);
}

pm_arena *
pmmlR_arena(pm_resolver *r)
{
  return &r->doc->arena;
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

/* ---- a context for tests ---- */
static char sbuf[1 << 20];

void
stub_ctx_init(pmml_ctx *c, const pmml_model *doc)
{
  memset(c, 0, sizeof *c);
  c->m = doc;
  c->sbuf = sbuf;
  c->scap = sizeof sbuf;
  c->gen = 1;
}

void
stub_ctx_reset(pmml_ctx *c)
{
  c->sused = 0;
  c->failed = 0;
  c->status = PMML_OK;
  c->msg[0] = '\0';
  c->gen++;
}

void
stub_strtab_free(pm_strtab *t)
{
  uint32_t i;
  for (i = 0; i < t->n; i++)
    free((void *)t->str[i]);
  free((void *)t->str);
  free(t->len);
  memset(t, 0, sizeof *t);
}
