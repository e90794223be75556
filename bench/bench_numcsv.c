/*
** bench_numcsv.c: speed of the CSV reader and the number conversions
** (a measurement, not a test). Reads a CSV file (default
** ../shared/bench/synth.csv) and reports nanoseconds per field for:
** reading (tokenizing) only, pmmlN_parse_double on the fields, reading
** and parsing together, strtod for comparison; and nanoseconds per value
** for pmmlN_format_double on the parsed values and on random doubles,
** next to snprintf("%.17g"). Build with `make bench/bench_numcsv`, or
** from the top of the tree:
**   cc -std=c99 -O2 bench/bench_numcsv.c pmmlc/csv.c runtime/numconv.c \
**      -lm -o bench_numcsv && ./bench_numcsv [FILE.csv]
*/
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../pmmlc/csv.h"
#include "../runtime/numconv.h"

#define REPS 20               /* passes over the file */

/* Monotonic time in seconds. */
static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Read every record of fp (rewound first); if vals is not NULL parse
   each data field into it. Returns the number of data fields. */
static size_t
read_all(FILE *fp, double *vals, double *sink)
{
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n, i, count = 0;
  int rc;
  rewind(fp);
  r = pmcsv_reader_new(fp, NULL);
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF) {
    if (rc != PMCSV_ROW || pmcsv_record_number(r) == 0)
      continue;
    for (i = 0; i < n; i++, count++) {
      if (vals) {
        double d = 0;
        pmmlN_parse_double(f[i].s, f[i].len, &d);
        *sink += d;
      }
    }
  }
  pmcsv_reader_free(r);
  return count;
}

/* Measure and print. */
int
main(int argc, char **argv)
{
  const char *path = argc > 1 ? argv[1] : "../shared/bench/synth.csv";
  FILE *fp = fopen(path, "rb");
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n, i, nf = 0, k;
  char **text;
  size_t *lens;
  double *vals, sink = 0, t0, t;
  char buf[PMMLN_DBL_BUFSZ], big[64];
  int rep, rc;
  uint64_t st = 88172645463325252u;

  if (!fp) {
    perror(path);
    return 2;
  }
  /* keep the fields for the parse-only loops */
  r = pmcsv_reader_new(fp, NULL);
  text = NULL;
  lens = NULL;
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF) {
    if (rc != PMCSV_ROW || pmcsv_record_number(r) == 0)
      continue;
    text = realloc(text, (nf + n) * sizeof *text);
    lens = realloc(lens, (nf + n) * sizeof *lens);
    for (i = 0; i < n; i++) {
      text[nf] = malloc(f[i].len + 1);
      memcpy(text[nf], f[i].s, f[i].len);
      text[nf][f[i].len] = '\0';
      lens[nf++] = f[i].len;
    }
  }
  pmcsv_reader_free(r);
  vals = malloc(nf * sizeof *vals);
  printf("%s: %lu numeric fields\n", path, (unsigned long)nf);

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    read_all(fp, NULL, &sink);
  t = now() - t0;
  printf("csv read only           %7.1f ns/field\n", 1e9 * t / (REPS * nf));

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      pmmlN_parse_double(text[k], lens[k], &vals[k]);
  t = now() - t0;
  printf("pmmlN_parse_double      %7.1f ns/field\n", 1e9 * t / (REPS * nf));

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += strtod(text[k], NULL);
  t = now() - t0;
  printf("strtod (reference)      %7.1f ns/field\n", 1e9 * t / (REPS * nf));

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    read_all(fp, vals, &sink);
  t = now() - t0;
  printf("csv read + parse        %7.1f ns/field\n", 1e9 * t / (REPS * nf));

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += (double)pmmlN_format_double(vals[k], buf);
  t = now() - t0;
  printf("pmmlN_format_double     %7.1f ns/value (file values)\n",
         1e9 * t / (REPS * nf));

  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += snprintf(big, sizeof big, "%.17g", vals[k]);
  t = now() - t0;
  printf("snprintf %%.17g          %7.1f ns/value (file values)\n",
         1e9 * t / (REPS * nf));

  /* full-precision values such as model outputs */
  for (k = 0; k < nf; k++) {
    st ^= st << 13;
    st ^= st >> 7;
    st ^= st << 17;
    vals[k] = (double)(st >> 11) / 9007199254740992.0 * 200 - 100;
    pmmlN_format_double(vals[k], buf);
    pmmlN_parse_double(buf, strlen(buf), &sink);
  }
  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += (double)pmmlN_format_double(vals[k], buf);
  t = now() - t0;
  printf("pmmlN_format_double     %7.1f ns/value (random 17-digit)\n",
         1e9 * t / (REPS * nf));
  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += snprintf(big, sizeof big, "%.17g", vals[k]);
  t = now() - t0;
  printf("snprintf %%.17g          %7.1f ns/value (random 17-digit)\n",
         1e9 * t / (REPS * nf));
  /* parse those 17-digit texts */
  for (k = 0; k < nf; k++) {
    free(text[k]);
    pmmlN_format_double(vals[k], buf);
    lens[k] = strlen(buf);
    text[k] = malloc(lens[k] + 1);
    memcpy(text[k], buf, lens[k] + 1);
  }
  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      pmmlN_parse_double(text[k], lens[k], &vals[k]);
  t = now() - t0;
  printf("pmmlN_parse_double      %7.1f ns/field (random 17-digit)\n",
         1e9 * t / (REPS * nf));
  t0 = now();
  for (rep = 0; rep < REPS; rep++)
    for (k = 0; k < nf; k++)
      sink += strtod(text[k], NULL);
  t = now() - t0;
  printf("strtod (reference)      %7.1f ns/field (random 17-digit)\n",
         1e9 * t / (REPS * nf));

  for (k = 0; k < nf; k++)
    free(text[k]);
  free(text);
  free(lens);
  free(vals);
  fclose(fp);
  return sink == 12345.678 ? 1 : 0;
}
