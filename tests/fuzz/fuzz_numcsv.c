/*
** fuzz_numcsv.c: libFuzzer target for pmmlc/csv.c and runtime/numconv.c.
** The input is read as CSV with a small buffer and small limits (so that
** buffer moves, growth and every per-record error are reached); every
** field is parsed with pmmlN_parse_double and checked against strtod in
** the "C" locale when both accept it, and every parsed value must
** format and read back bit for bit. Build and run:
**   clang -g -O1 -fsanitize=fuzzer,address,undefined \
**     tests/fuzz/fuzz_numcsv.c pmmlc/csv.c runtime/numconv.c -lm -o fz
**   ./fz -max_total_time=60
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../pmmlc/csv.h"
#include "../../runtime/numconv.h"

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

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *fp = tmpfile();
  pmcsv_options o;
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n, i;
  int rc, guard = 0;
  if (!fp)
    return 0;
  fwrite(data, 1, size, fp);
  rewind(fp);
  pmcsv_options_init(&o);
  o.buffer_size = 64;
  o.max_field_len = 300;
  o.max_record_len = 1000;
  o.max_fields = 20;
  o.sep = size && data[0] == ';' ? ';' : ',';
  r = pmcsv_reader_new(fp, &o);
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF && guard++ < 100000) {
    if (rc == PMCSV_FATAL)
      abort();
    if (rc != PMCSV_ROW)
      continue;
    if (n == 0 || n > o.max_fields)
      abort();
    for (i = 0; i < n; i++) {
      if (f[i].len > o.max_field_len || memchr(f[i].s, 0, f[i].len))
        abort();
      check_number(f[i].s, f[i].len);
    }
  }
  pmcsv_reader_free(r);
  fclose(fp);
  return 0;
}
