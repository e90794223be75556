/*
** fuzz_csv.c: libFuzzer target for pmmlc/csv.c and runtime/numconv.c (it
** supersedes fuzz_numcsv.c). The first byte picks the options: the
** separator, small limits and buffer (so that buffer moves, growth and
** every per-record error are reached) or the defaults, the header
** numbering, interactive reading. The rest is read as CSV, and:
** - every record is numbered one more than the previous one, whether it is
**   a row or an error (`pmmlc score` relies on this to keep rows in
**   place), and lines never go backwards;
** - a row has 1 to max_fields fields, none longer than max_field_len, none
**   holding a NUL byte; an error has a message;
** - the rows written back with pmcsv_write_row read back as the same
**   fields;
** - every field that pmmlN_parse_double accepts gives what strtod gives in
**   the "C" locale, and formats and reads back bit for bit.
** Built and run by tests/fuzz/run.sh (`make fuzz`).
*/
#define _GNU_SOURCE /* fmemopen, open_memstream */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "numconv.h"

/* Check one field: our parser agrees with strtod, and round-trips. */
static void
check_number(const char *s, size_t n)
{
  char tmp[128], buf[PMMLN_DBL_BUFSZ], *end;
  double a, b, c;
  size_t len;
  if (pmmlN_parse_double(s, n, &a) != 0)
    return;
  if (n < sizeof tmp && !memchr(s, '(', n)) {
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    b = strtod(tmp, &end);
    if (*end != '\0' || (isnan(a) != isnan(b))
        || (!isnan(a) && memcmp(&a, &b, sizeof a) != 0))
      abort();
  }
  len = pmmlN_format_double(a, buf);
  if (pmmlN_parse_double(buf, len, &c) != 0)
    abort();
  if (!isnan(a) && memcmp(&a, &c, sizeof a) != 0)
    abort();
}

/* The rows read, as written back (w) and as expected (a copy of each
** field, length first), to be read again at the end. */
typedef struct echo {
  FILE *w;
  char *text;
  size_t text_len;
  char *want;
  size_t want_len, want_cap;
} echo;

static void
want_put(echo *e, const void *p, size_t n)
{
  if (e->want_len + n > e->want_cap) {
    e->want_cap = (e->want_len + n) * 2 + 256;
    e->want = realloc(e->want, e->want_cap);
    if (!e->want)
      abort();
  }
  memcpy(e->want + e->want_len, p, n);
  e->want_len += n;
}

/* Write the row, and remember what it must read back as. */
static void
echo_row(echo *e, const pmcsv_field *f, size_t n, char sep)
{
  size_t i;
  if (pmcsv_write_row(e->w, f, n, sep) != 0)
    abort();
  want_put(e, &n, sizeof n);
  for (i = 0; i < n; i++) {
    want_put(e, &f[i].len, sizeof f[i].len);
    want_put(e, f[i].s, f[i].len);
  }
}

/* Read the rows written back: the same fields, in the same order. */
static void
echo_check(echo *e, char sep)
{
  FILE *rd;
  pmcsv_options o;
  pmcsv_reader *r;
  const pmcsv_field *g;
  size_t m, i, at = 0, n, len;
  fclose(e->w);
  rd = e->text_len ? fmemopen(e->text, e->text_len, "rb")
                   : fopen("/dev/null", "rb");
  if (!rd)
    abort();
  pmcsv_options_init(&o);
  o.sep = sep;
  o.buffer_size = 64;
  r = pmcsv_reader_new(rd, &o);
  if (!r)
    abort();
  while (at < e->want_len) {
    memcpy(&n, e->want + at, sizeof n);
    at += sizeof n;
    if (pmcsv_read(r, &g, &m) != PMCSV_ROW || m != n)
      abort();
    for (i = 0; i < n; i++) {
      memcpy(&len, e->want + at, sizeof len);
      at += sizeof len;
      if (g[i].len != len || memcmp(g[i].s, e->want + at, len) != 0)
        abort();
      at += len;
    }
  }
  if (pmcsv_read(r, &g, &m) != PMCSV_EOF)
    abort();
  pmcsv_reader_free(r);
  fclose(rd);
  free(e->text);
  free(e->want);
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char seps[4] = {',', ';', '\t', '|'};
  FILE *fp;
  pmcsv_options o;
  pmcsv_reader *r;
  const pmcsv_field *f;
  unsigned long last_rec, last_line = 0;
  size_t n, i;
  int rc, mode, guard = 0, first = 1;
  echo e;
  if (size < 1)
    return 0;
  memset(&e, 0, sizeof e);
  e.w = open_memstream(&e.text, &e.text_len);
  if (!e.w)
    abort();
  mode = data[0];
  data++;
  size--;
  fp = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
  if (!fp)
    return 0;
  pmcsv_options_init(&o);
  o.sep = seps[mode & 3];
  if (mode & 4) {
    o.buffer_size = 64;
    o.max_field_len = 300;
    o.max_record_len = 1000;
    o.max_fields = 20;
  }
  o.header = !(mode & 8);
  o.interactive = (mode & 16) != 0;
  r = pmcsv_reader_new(fp, &o);
  if (!r)
    abort();
  last_rec = o.header ? 0 : 1;
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF && guard++ < 100000) {
    unsigned long rec = pmcsv_record_number(r);
    unsigned long line = pmcsv_line_number(r);
    if (rc == PMCSV_FATAL)
      abort(); /* memory streams neither fail nor run out */
    if ((first && rec != last_rec) || (!first && rec != last_rec + 1)
        || line < last_line || line == 0)
      abort();
    first = 0;
    last_rec = rec;
    last_line = line;
    if (rc == PMCSV_ERROR) {
      if (!pmcsv_error(r)[0] || f)
        abort();
      continue;
    }
    if (n == 0 || n > o.max_fields || !f)
      abort();
    for (i = 0; i < n; i++) {
      if (f[i].len > o.max_field_len || memchr(f[i].s, 0, f[i].len))
        abort();
      check_number(f[i].s, f[i].len);
    }
    echo_row(&e, f, n, o.sep);
  }
  pmcsv_reader_free(r);
  fclose(fp);
  echo_check(&e, o.sep);
  return 0;
}
