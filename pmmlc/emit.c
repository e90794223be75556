/*
** emit.c: how the generator writes C: growable text buffers, string
** literals and comments that no byte of a document can break out of,
** doubles that read back exactly, identifiers. Nothing here depends on the
** process locale (numbers go through numconv, never printf's %g).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "numconv.h"

void
gb_put(gbuf *b, const char *s, size_t n)
{
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    char *p;
    while (cap < b->len + n + 1)
      cap *= 2;
    p = realloc(b->p, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  if (n) /* s may be NULL then: an empty buffer's text (memcpy: UB) */
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void
gb_puts(gbuf *b, const char *s)
{
  gb_put(b, s, strlen(s));
}

void
gb_printf(gbuf *b, const char *fmt, ...)
{
  char tmp[512];
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof tmp) {
    gb_put(b, tmp, (size_t)n);
    return;
  }
  {
    char *big = malloc((size_t)n + 1);
    if (!big) {
      b->failed = 1;
      return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gb_put(b, big, (size_t)n);
    free(big);
  }
}

void
gb_free(gbuf *b)
{
  free(b->p);
  memset(b, 0, sizeof *b);
}

void
gb_cstr(gbuf *b, const char *s, size_t n)
{
  size_t i;
  char tmp[8];
  gb_put(b, "\"", 1);
  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\' || ch == '?') {
      tmp[0] = '\\';
      tmp[1] = (char)ch;
      gb_put(b, tmp, 2);
    } else if (ch >= 0x20 && ch < 0x7f) {
      tmp[0] = (char)ch;
      gb_put(b, tmp, 1);
    } else {
      /* Octal takes at most three digits: the next byte cannot join. */
      tmp[0] = '\\';
      tmp[1] = (char)('0' + (ch >> 6));
      tmp[2] = (char)('0' + ((ch >> 3) & 7));
      tmp[3] = (char)('0' + (ch & 7));
      gb_put(b, tmp, 4);
    }
  }
  gb_put(b, "\"", 1);
}

void
gb_ctext(gbuf *b, const char *s, size_t n, size_t max)
{
  size_t i;
  char prev = 0;
  for (i = 0; i < n; i++) {
    char ch = s[i];
    if (i == max) {
      gb_puts(b, "...");
      return;
    }
    if ((unsigned char)ch < 0x20 || (unsigned char)ch >= 0x7f || ch == '\\'
        || ch == '?')
      ch = '.';
    /* Neither "*" followed by "/" nor "/" followed by "*". */
    if ((prev == '*' && ch == '/') || (prev == '/' && ch == '*'))
      gb_put(b, " ", 1);
    gb_put(b, &ch, 1);
    prev = ch;
  }
}

void
gb_real(gbuf *b, double x)
{
  char tmp[PMMLN_DBL_BUFSZ + 4];
  size_t n;
  if (x != x) {
    gb_puts(b, "NAN");
    return;
  }
  if (x > 1.7976931348623157e308) {
    gb_puts(b, "INFINITY");
    return;
  }
  if (x < -1.7976931348623157e308) {
    gb_puts(b, "-INFINITY");
    return;
  }
  n = pmmlN_format_double(x, tmp);
  /* A double constant needs a '.' or an exponent. */
  if (!memchr(tmp, '.', n) && !memchr(tmp, 'e', n)) {
    memcpy(tmp + n, ".0", 3);
    n += 2;
  }
  gb_put(b, tmp, n);
}

void
gb_ident(gbuf *b, const char *s, size_t n, int upper)
{
  size_t i;
  int under = 0, any = 0;
  for (i = 0; i < n; i++) {
    char ch = s[i];
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
        || (ch >= '0' && ch <= '9')) {
      if (!any && ch >= '0' && ch <= '9')
        gb_put(b, "_", 1);
      if (upper && ch >= 'a' && ch <= 'z')
        ch = (char)(ch - 'a' + 'A');
      else if (!upper && ch >= 'A' && ch <= 'Z')
        ch = (char)(ch - 'A' + 'a');
      gb_put(b, &ch, 1);
      under = 0;
      any = 1;
    } else if (!under && any) {
      gb_put(b, "_", 1);
      under = 1;
    }
  }
  if (!any)
    gb_put(b, "_", 1);
}

void
gb_comment(gbuf *b, const char *text, int indent)
{
  size_t col = (size_t)indent + 3, len = strlen(text), i = 0;
  int first = 1;
  while (i < len) {
    size_t end = len, room = col < 78 ? 78 - col : 20, k;
    if (len - i > room) { /* break at the last space that fits */
      for (k = i + room; k > i && text[k] != ' '; k--)
        ;
      end = k > i ? k : i + room;
    }
    if (first)
      gb_printf(b, "%*s/* ", indent, "");
    else
      gb_printf(b, "\n%*s** ", indent, "");
    gb_put(b, text + i, end - i);
    first = 0;
    i = end;
    while (i < len && text[i] == ' ')
      i++;
  }
  gb_puts(b, first ? "/* */\n" : " */\n");
}
