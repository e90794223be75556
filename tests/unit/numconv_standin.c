/*
** numconv_standin.c: a throwaway stand-in for runtime/numconv.c, used only
** to run the value/builtins/text suites before the real numconv.c is
** merged. It leans on glibc's strtod_l/snprintf_l-style "C" locale objects
** and is NOT part of the library build (the real numconv.c replaces it).
*/
#define _GNU_SOURCE
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numconv.h"

static locale_t
c_locale(void)
{
  static locale_t loc;
  if (!loc)
    loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  return loc;
}

int
pmmlN_parse_double(const char *s, size_t n, double *out)
{
  char buf[512];
  char *end;
  size_t i = 0;
  double v;
  if (n == 0 || n >= sizeof buf)
    return -1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  if (memchr(s, '\0', n))
    return -1;
  if (buf[0] == ' ' || buf[0] == '\t' || buf[n - 1] == ' '
      || buf[n - 1] == '\t' || buf[n - 1] == '\n')
    return -1;
  if (buf[i] == '+' || buf[i] == '-')
    i++;
  if (buf[i] == 'x' || buf[i] == 'X' || (buf[i] == '0' && (buf[i + 1] == 'x'
                                                        || buf[i + 1] == 'X')))
    return -1;
  if (strchr(buf, '(') || strchr(buf, 'p') || strchr(buf, 'P'))
    return -1;
  v = strtod_l(buf, &end, c_locale());
  if (*end != '\0' || end == buf)
    return -1;
  *out = v;
  return 0;
}

static size_t
layout(const char *digs, int ndig, int e10, int neg, char *buf)
{
  /* value = 0.digs * 10^e10 ; JS layout */
  size_t k = 0;
  int i, exp = e10 - 1;
  if (neg)
    buf[k++] = '-';
  if (exp >= -7 && exp < 21) {
    if (e10 <= 0) {
      buf[k++] = '0';
      buf[k++] = '.';
      for (i = 0; i < -e10; i++)
        buf[k++] = '0';
      for (i = 0; i < ndig; i++)
        buf[k++] = digs[i];
    } else {
      for (i = 0; i < e10; i++)
        buf[k++] = i < ndig ? digs[i] : '0';
      if (ndig > e10) {
        buf[k++] = '.';
        for (i = e10; i < ndig; i++)
          buf[k++] = digs[i];
      }
    }
  } else {
    buf[k++] = digs[0];
    if (ndig > 1) {
      buf[k++] = '.';
      for (i = 1; i < ndig; i++)
        buf[k++] = digs[i];
    }
    k += (size_t)sprintf(buf + k, "e%c%d", exp < 0 ? '-' : '+',
                         exp < 0 ? -exp : exp);
  }
  buf[k] = '\0';
  return k;
}

static size_t
fmt(double v, int isfloat, char *buf)
{
  char tmp[64], digs[32];
  int p, nd = 0, e10;
  locale_t old;
  char *e;
  if (isnan(v))
    return (size_t)sprintf(buf, "NaN");
  if (isinf(v))
    return (size_t)sprintf(buf, v < 0 ? "-Infinity" : "Infinity");
  if (v == 0)
    return (size_t)sprintf(buf, signbit(v) ? "-0" : "0");
  old = uselocale(c_locale());
  for (p = 1; p <= 17; p++) {
    snprintf(tmp, sizeof tmp, "%.*e", p - 1, fabs(v));
    if (isfloat ? strtof(tmp, NULL) == (float)fabs(v)
                : strtod(tmp, NULL) == fabs(v))
      break;
  }
  uselocale(old);
  for (e = tmp; *e != 'e'; e++)
    if (*e >= '0' && *e <= '9')
      digs[nd++] = *e;
  e10 = atoi(e + 1) + 1;
  while (nd > 1 && digs[nd - 1] == '0')
    nd--;
  return layout(digs, nd, e10, v < 0, buf);
}

size_t
pmmlN_format_double(double v, char *buf)
{
  return fmt(v, 0, buf);
}

size_t
pmmlN_format_float(float v, char *buf)
{
  return fmt((double)v, 1, buf);
}
