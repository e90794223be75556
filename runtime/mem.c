/*
** mem.c: every byte libpmmlrt takes goes through the allocator hook of
** pmml_load_options. A model lives in one arena (blocks freed at once by
** pmml_model_free); growable vectors help build arrays of unknown size
** while loading and are moved into the arena, exactly sized, when done.
*/
#include <stdlib.h>
#include <string.h>

#include "pmml_int.h"

#define PM_BLOCK_MIN 16384u
#define PM_ALIGN 16u

struct pm_block {
  pm_block *next;
  size_t size;          /* bytes obtained for this block, header included */
};

struct pm_defer {
  struct pm_defer *next;
  void (*fn)(void *);
  void *p;
};

/* The default hook: the C library. */
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

/* n bytes from a new block. A big request gets a block of its own, linked
** behind the current one, so the free space of the current block is kept. */
static void *
alloc_slow(pm_arena *a, size_t n)
{
  size_t head = (sizeof(pm_block) + PM_ALIGN - 1) & ~(size_t)(PM_ALIGN - 1);
  size_t size;
  pm_block *b;
  char *p;
  if (n > (size_t)-1 / 2)
    return NULL;
  /* A big request gets exactly its size: rounded up to a whole block, the
  ** rest of that block would never be used. */
  size = n > PM_BLOCK_MIN / 4 ? n + head : PM_BLOCK_MIN;
  b = a->alloc(a->ud, NULL, 0, size);
  if (!b)
    return NULL;
  b->size = size;
  a->total += size;
  p = (char *)b + head;
  if (n > PM_BLOCK_MIN / 4 && a->blocks) {
    b->next = a->blocks->next;
    a->blocks->next = b;
    return memset(p, 0, n);
  }
  b->next = a->blocks;
  a->blocks = b;
  a->cur = p + n;
  a->end = (char *)b + size;
  return memset(p, 0, n);
}

void *
pmmlM_alloc(pm_arena *a, size_t n)
{
  char *p;
  n = (n + PM_ALIGN - 1) & ~(size_t)(PM_ALIGN - 1);
  if (n == 0)
    n = PM_ALIGN;
  if ((size_t)(a->end - a->cur) < n)
    return alloc_slow(a, n);
  p = a->cur;
  a->cur += n;
  return memset(p, 0, n);
}

void *
pmmlM_dup(pm_arena *a, const void *p, size_t n)
{
  void *q;
  if (n == 0)
    return NULL;
  q = pmmlM_alloc(a, n);
  if (q)
    memcpy(q, p, n);
  return q;
}

int
pmmlM_defer(pm_arena *a, void (*fn)(void *), void *p)
{
  struct pm_defer *d = pmmlM_alloc(a, sizeof *d);
  if (!d) {
    fn(p);
    return -1;
  }
  d->fn = fn;
  d->p = p;
  d->next = a->defers;
  a->defers = d;
  return 0;
}

void
pmmlM_arena_free(pm_arena *a)
{
  pm_block *b, *next;
  struct pm_defer *d;
  for (d = a->defers; d; d = d->next)
    d->fn(d->p);
  a->defers = NULL;
  for (b = a->blocks; b; b = next) {
    next = b->next;
    a->alloc(a->ud, b, b->size, 0);
  }
  a->blocks = NULL;
  a->cur = a->end = NULL;
  a->total = 0;
}

int
pmmlM_vec_reserve(pm_arena *a, pm_vec *v, size_t size, size_t need)
{
  size_t cap;
  void *p;
  if (need <= v->cap)
    return 0;
  if (need > PM_MAX_ITEMS || size > ((size_t)-1 / 4) / (need + 1))
    return -1;
  cap = v->cap ? v->cap : 8;
  while (cap < need)
    cap *= 2;
  p = a->alloc(a->ud, v->data, v->cap * size, cap * size);
  if (!p)
    return -1;
  v->data = p;
  v->cap = cap;
  return 0;
}

void *
pmmlM_vec_push(pm_arena *a, pm_vec *v, size_t size)
{
  char *p;
  if (v->len == v->cap && pmmlM_vec_reserve(a, v, size, v->len + 1))
    return NULL;
  p = (char *)v->data + v->len * size;
  v->len++;
  return memset(p, 0, size);
}

void
pmmlM_vec_free(pm_arena *a, pm_vec *v, size_t size)
{
  if (v->data)
    a->alloc(a->ud, v->data, v->cap * size, 0);
  v->data = NULL;
  v->len = v->cap = 0;
}

void *
pmmlM_vec_finish(pm_arena *a, pm_vec *v, size_t size, int *ok)
{
  void *p = NULL;
  *ok = 1;
  if (v->len) {
    p = pmmlM_dup(a, v->data, v->len * size);
    if (!p)
      *ok = 0;
  }
  pmmlM_vec_free(a, v, size);
  return p;
}
