/*
** strtab.c: interned strings. Names and category values get a dense id at
** load time, so scoring compares ids instead of bytes. Lookups by text
** (an input string) never modify the table, so threads may share it.
*/
#include <string.h>

#include "pmml_int.h"

/* FNV-1a: short keys, good enough spread, no seed needed (the table only
** holds strings of the document, and lookups never insert). */
static uint32_t
hash_bytes(const char *s, size_t len)
{
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

int
pmmlS_init(pm_arena *a, pm_strtab *t)
{
  memset(t, 0, sizeof *t);
  t->mask = 63;
  t->slots = pmmlM_alloc(a, (t->mask + 1) * sizeof *t->slots);
  if (!t->slots)
    return -1;
  memset(t->slots, 0xff, (t->mask + 1) * sizeof *t->slots);
  return 0;
}

static int32_t
find(const pm_strtab *t, const char *s, size_t len, uint32_t h,
     uint32_t *where)
{
  uint32_t i = h & t->mask;
  for (;;) {
    int32_t id = t->slots[i];
    if (id < 0) {
      if (where)
        *where = i;
      return -1;
    }
    if (t->hash[id] == h && t->len[id] == len &&
        memcmp(t->str[id], s, len) == 0)
      return id;
    i = (i + 1) & t->mask;
  }
}

int32_t
pmmlS_lookup(const pm_strtab *t, const char *s, size_t len)
{
  if (t->n == 0)
    return -1;
  return find(t, s, len, hash_bytes(s, len), NULL);
}

/* Double the slot table (old arrays stay in the arena: the waste is bounded
** by the final size). */
static int
rehash(pm_arena *a, pm_strtab *t)
{
  uint32_t mask = t->mask * 2 + 1, k;
  int32_t *slots = pmmlM_alloc(a, ((size_t)mask + 1) * sizeof *slots);
  if (!slots)
    return -1;
  memset(slots, 0xff, ((size_t)mask + 1) * sizeof *slots);
  for (k = 0; k < t->n; k++) {
    uint32_t i = t->hash[k] & mask;
    while (slots[i] >= 0)
      i = (i + 1) & mask;
    slots[i] = (int32_t)k;
  }
  t->slots = slots;
  t->mask = mask;
  return 0;
}

static int
grow_arrays(pm_arena *a, pm_strtab *t)
{
  uint32_t cap = t->cap ? t->cap * 2 : 64;
  const char **str = pmmlM_alloc(a, cap * sizeof *str);
  uint32_t *len = pmmlM_alloc(a, cap * sizeof *len);
  uint32_t *hash = pmmlM_alloc(a, cap * sizeof *hash);
  if (!str || !len || !hash)
    return -1;
  if (t->n) {
    memcpy(str, t->str, t->n * sizeof *str);
    memcpy(len, t->len, t->n * sizeof *len);
    memcpy(hash, t->hash, t->n * sizeof *hash);
  }
  t->str = str;
  t->len = len;
  t->hash = hash;
  t->cap = cap;
  return 0;
}

int32_t
pmmlS_intern(pm_arena *a, pm_strtab *t, const char *s, size_t len)
{
  uint32_t h = hash_bytes(s, len), where;
  int32_t id = find(t, s, len, h, &where);
  char *copy;
  if (id >= 0)
    return id;
  if (len > 0x7fffffffu || t->n >= 0x7ffffffeu)
    return -1;
  if ((t->n + 1) * 2 > t->mask + 1) {
    if (rehash(a, t))
      return -1;
    find(t, s, len, h, &where);
  }
  if (t->n == t->cap && grow_arrays(a, t))
    return -1;
  copy = pmmlM_alloc(a, len + 1);
  if (!copy)
    return -1;
  memcpy(copy, s, len);
  copy[len] = '\0';
  id = (int32_t)t->n++;
  t->str[id] = copy;
  t->len[id] = (uint32_t)len;
  t->hash[id] = h;
  t->slots[where] = id;
  return id;
}
