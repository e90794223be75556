/*
** suggest.c: "did you mean" for misspelt names. An edit distance that
** counts a swap of two neighbouring characters as one edit (the commonest
** typing slip: "lenght") and ignores the case of ASCII letters, and a small
** accumulator that keeps the closest of the names fed to it. The resolver
** uses it for unknown fields and functions, `pmmlc check` for unknown
** attributes and enumeration values.
*/
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

#define MAX_NAME 128 /* longer names get no suggestion */

static int
lower(int c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
** Optimal string alignment distance, three rows of dynamic programming.
** Stops early (returns max + 1) once a whole row exceeds max.
*/
int
pmmlS_distance(const char *a, size_t an, const char *b, size_t bn, int max)
{
  int rows[3][MAX_NAME + 1];
  int *pp = rows[0], *p = rows[1], *c = rows[2];
  size_t i, j;
  if (an > MAX_NAME || bn > MAX_NAME)
    return max + 1;
  if ((an > bn ? an - bn : bn - an) > (size_t)max)
    return max + 1;
  for (j = 0; j <= bn; j++)
    p[j] = (int)j;
  for (i = 1; i <= an; i++) {
    int best = (int)i;
    int *t;
    c[0] = (int)i;
    for (j = 1; j <= bn; j++) {
      int cost = lower((unsigned char)a[i - 1]) !=
                 lower((unsigned char)b[j - 1]);
      int d = p[j] + 1;
      if (c[j - 1] + 1 < d)
        d = c[j - 1] + 1;
      if (p[j - 1] + cost < d)
        d = p[j - 1] + cost;
      if (i > 1 && j > 1 &&
          lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2]) &&
          lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1]) &&
          pp[j - 2] + 1 < d)
        d = pp[j - 2] + 1;
      c[j] = d;
      if (d < best)
        best = d;
    }
    if (best > max)
      return max + 1;
    t = pp;
    pp = p;
    p = c;
    c = t;
  }
  return p[bn] > max ? max + 1 : p[bn];
}

void
pmmlS_suggest_init(pm_suggest *s, const char *name, size_t len)
{
  s->name = name;
  s->len = len;
  s->best = NULL;
  s->best_len = 0;
  s->best_d = 0;
}

/* How far a name of this length may be from its suggestion: only its case
** for names of one or two characters (any other name is as close), one
** edit for short names, up to three for long ones. */
static int
limit(size_t len)
{
  return len < 3 ? 0 : len < 6 ? 1 : len < 12 ? 2 : 3;
}

void
pmmlS_suggest_add(pm_suggest *s, const char *cand, size_t len)
{
  int d;
  if (!cand || (len == s->len && memcmp(cand, s->name, len) == 0))
    return;
  d = pmmlS_distance(s->name, s->len, cand, len, limit(s->len));
  if (d > limit(s->len))
    return;
  /* The first of equally close names wins: document order. */
  if (!s->best || d < s->best_d) {
    s->best = cand;
    s->best_len = len;
    s->best_d = d;
  }
}

const char *
pmmlS_suggest_text(const pm_suggest *s, char *buf, size_t size)
{
  if (size == 0)
    return "";
  buf[0] = '\0';
  if (s->best && size > 24 && s->best_len < size - 24)
    snprintf(buf, size, " (did you mean '%.*s'?)", (int)s->best_len,
             s->best);
  return buf;
}
