/*
** csv_floor.c: the floor under `pmmlc score`, for the benchmark
** (bench/run.sh; a measurement, not a test). Reads a CSV file with our
** reader (pmmlc/csv.c) and parses every data field with our number parser
** (runtime/numconv.c), as `pmmlc score` must at the least, and does
** nothing else. Prints key=value lines: the rows and fields, and the
** median over --runs passes of the nanoseconds per field and per row for
** reading alone and for reading and parsing, in CPU time of the process
** (user and system; a busy machine disturbs it less) and in wall-clock
** time (*_wall_*); the file is read through stdio each pass, as `pmmlc
** score` reads it (from the page cache).
**
**   csv_floor [--runs N] FILE.csv
**
** With --read-only or --parse-only it makes one pass of that kind and
** times nothing: run it under callgrind with --toggle-collect=floor_pass
** for instructions per field.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "numconv.h"

#define MAX_RUNS 101

/* Monotonic time in seconds. */
static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* CPU time of the process (user and system) in seconds. */
static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

size_t floor_pass(const char *path, int parse, size_t *fields, size_t *bad,
                  double *sink);

/*
** One pass over the file: count rows and fields, parse them if asked.
** Returns the rows; *fields gets the data fields, *bad those that are not
** numbers. Not static and never inlined, so that callgrind's
** --toggle-collect=floor_pass counts it alone.
*/
#if defined(__GNUC__)
__attribute__((noinline))
#endif
size_t
floor_pass(const char *path, int parse, size_t *fields, size_t *bad,
           double *sink)
{
  FILE *fp = fopen(path, "rb");
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n, i, rows = 0;
  int rc;
  if (!fp) {
    perror(path);
    exit(2);
  }
  r = pmcsv_reader_new(fp, NULL);
  *fields = *bad = 0;
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF) {
    if (rc != PMCSV_ROW) {
      fprintf(stderr, "%s: bad CSV: %s\n", path, pmcsv_error(r));
      exit(2);
    }
    if (pmcsv_record_number(r) == 0)
      continue;
    rows++;
    *fields += n;
    if (parse) {
      for (i = 0; i < n; i++) {
        double d;
        if (pmmlN_parse_double(f[i].s, f[i].len, &d) == 0)
          *sink += d;
        else
          (*bad)++;
      }
    }
  }
  pmcsv_reader_free(r);
  fclose(fp);
  return rows;
}

int
main(int argc, char **argv)
{
  double t_read[MAX_RUNS], t_parse[MAX_RUNS], c_read[MAX_RUNS];
  double c_parse[MAX_RUNS];
  double t0, c0, sink = 0, tr, tp;
  size_t rows = 0, fields = 0, bad = 0;
  int runs = 7, i, argi = 1, mode = 2; /* 0 read, 1 read+parse, 2 both */
  const char *path;

  for (; argi < argc - 1 && argv[argi][0] == '-'; argi++) {
    if (!strcmp(argv[argi], "--runs") && argi + 1 < argc - 1)
      runs = atoi(argv[++argi]);
    else if (!strcmp(argv[argi], "--read-only"))
      mode = 0;
    else if (!strcmp(argv[argi], "--parse-only"))
      mode = 1;
    else
      break;
  }
  if (argi != argc - 1 || runs < 1 || runs > MAX_RUNS) {
    fprintf(stderr, "Usage: csv_floor [--runs N] [--read-only | "
                    "--parse-only] FILE.csv\n");
    return 2;
  }
  path = argv[argi];
  if (mode != 2) {            /* one pass, for callgrind */
    rows = floor_pass(path, mode, &fields, &bad, &sink);
    printf("rows=%lu\nfields=%lu\n", (unsigned long)rows,
           (unsigned long)fields);
    return sink == 0.123456789 ? 1 : 0;
  }
  for (i = 0; i < runs; i++) {
    t0 = now();
    c0 = cpu_now();
    rows = floor_pass(path, 0, &fields, &bad, &sink);
    c_read[i] = cpu_now() - c0;
    t_read[i] = now() - t0;
    t0 = now();
    c0 = cpu_now();
    rows = floor_pass(path, 1, &fields, &bad, &sink);
    c_parse[i] = cpu_now() - c0;
    t_parse[i] = now() - t0;
  }
  tr = median(t_read, runs);
  tp = median(t_parse, runs);
  printf("rows=%lu\nfields=%lu\nnot_numbers=%lu\n", (unsigned long)rows,
         (unsigned long)fields, (unsigned long)bad);
  if (rows && fields) {
    double cr = median(c_read, runs), cp = median(c_parse, runs);
    printf("read_ns_field=%.2f\n", 1e9 * cr / (double)fields);
    printf("floor_ns_field=%.2f\n", 1e9 * cp / (double)fields);
    printf("floor_ns_row=%.2f\n", 1e9 * cp / (double)rows);
    printf("read_wall_ns_field=%.2f\n", 1e9 * tr / (double)fields);
    printf("floor_wall_ns_field=%.2f\n", 1e9 * tp / (double)fields);
  }
  return sink == 0.123456789 ? 1 : 0;
}
