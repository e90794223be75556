/*
** bench_gen.c: the speed of generated code with its input already parsed,
** for the benchmark (bench/run.sh; a measurement, not a test). bench/run.sh
** builds it only when `pmmlc compile` exists, together with the C that
** `pmmlc compile MODEL -o m.c --prefix bench_m` wrote, assuming the API
** that STYLE.md shows (its "Generated code" section):
**
**   #define BENCH_M_N_INPUTS n     inputs in DataDictionary order
**   int bench_m_predict(const double in[], const unsigned char *missing,
**                       double *out, int n_out);
**
** and, built with -DBENCH_ROWS (when the header has it), the batch entry
** point beside it:
**
**   int bench_m_predict_rows(const double *in, const unsigned char *missing,
**                            size_t n_rows, double *out, int n_out);
**
** If the generated header differs, this file does not compile and the
** benchmark says so. The input order is the interpreter's
** (pmml_model_input_name), passed as --inputs FILE (one name a line, from
** bench_api); the program checks that the counts agree. It reads the CSV
** once into doubles, times bench_m_predict over all rows (runs of at least
** --min-time seconds, median CPU time of the thread), writes the outputs
** of the first pass to --out FILE (a header of --outputs names, numbers in
** %.17g) for `bench_api --compare`, and prints key=value lines. With
** BENCH_ROWS it also scores all rows with one bench_m_predict_rows call,
** checks that every output has the same bits as bench_m_predict's
** (rows_check=ok, or the first row that differs), writes them to
** --out-rows FILE, and times bench_m_predict_rows over all rows the same
** way (rows_ns_row).
**
**   cc -O2 -DGEN_HEADER='"m.h"' -I DIR bench/bench_gen.c DIR/m.c \
**      pmmlc/csv.c runtime/numconv.c -Ipmmlc -Iruntime -lm
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "numconv.h"

#include GEN_HEADER

#define MAX_RUNS 101
#define MAX_NAMES 4096

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of this thread in seconds. */
static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#ifdef BENCH_ROWS
/* The same double, bit for bit, or both NaN. */
static int
same_bits(double a, double b)
{
  if (a != a || b != b)
    return a != a && b != b;
  return memcmp(&a, &b, sizeof a) == 0;
}
#endif

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void
die(const char *msg, const char *arg)
{
  fprintf(stderr, "bench_gen: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
  exit(2);
}

/* Read one name a line from path into names[]; returns the count. */
static size_t
read_names(const char *path, char **names)
{
  FILE *fp = fopen(path, "r");
  char line[4096];
  size_t n = 0;
  if (!fp)
    die("cannot open", path);
  while (n < MAX_NAMES && fgets(line, sizeof line, fp)) {
    line[strcspn(line, "\n")] = '\0';
    names[n] = malloc(strlen(line) + 1);
    if (!names[n])
      die("out of memory", NULL);
    strcpy(names[n++], line);
  }
  fclose(fp);
  return n;
}

static void
usage(void)
{
  fprintf(stderr, "Usage: bench_gen --inputs FILE --outputs FILE "
                  "[--out FILE] [--out-rows FILE] [--runs N] "
                  "[--min-time S] INPUT.csv\n");
  exit(2);
}

int
main(int argc, char **argv)
{
  static char *in_names[MAX_NAMES], *out_names[MAX_NAMES];
  const char *inputs = NULL, *outputs = NULL, *out_path = NULL, *csv = NULL;
  const char *rows_path = NULL;
  double min_time = 0.2, t_run[MAX_RUNS], c_run[MAX_RUNS], t0, c0, t;
  double sink = 0;
  size_t n_in, n_out, rows = 0, cap = 0, r, i, p, passes;
  double *vals = NULL, *out, *all;
  unsigned char *miss = NULL;
  long *col;
  int runs = 7, k;
  FILE *fp;
  pmcsv_reader *rd;
  const pmcsv_field *f;
  size_t nf;
  int rc;

  for (k = 1; k < argc; k++) {
    if (!strcmp(argv[k], "--inputs") && k + 1 < argc)
      inputs = argv[++k];
    else if (!strcmp(argv[k], "--outputs") && k + 1 < argc)
      outputs = argv[++k];
    else if (!strcmp(argv[k], "--out") && k + 1 < argc)
      out_path = argv[++k];
    else if (!strcmp(argv[k], "--out-rows") && k + 1 < argc)
      rows_path = argv[++k];
    else if (!strcmp(argv[k], "--runs") && k + 1 < argc)
      runs = atoi(argv[++k]);
    else if (!strcmp(argv[k], "--min-time") && k + 1 < argc)
      min_time = atof(argv[++k]);
    else if (argv[k][0] != '-' && !csv)
      csv = argv[k];
    else
      usage();
  }
  if (!inputs || !outputs || !csv || runs < 1 || runs > MAX_RUNS)
    usage();
  n_in = read_names(inputs, in_names);
  n_out = read_names(outputs, out_names);
  if (n_in != (size_t)BENCH_M_N_INPUTS) {
    printf("status=error\nmessage=the generated code has %d inputs, the "
           "interpreter %lu\n", (int)BENCH_M_N_INPUTS, (unsigned long)n_in);
    return 0;
  }

  /* Parse the CSV once. */
  fp = fopen(csv, "rb");
  if (!fp)
    die("cannot open", csv);
  rd = pmcsv_reader_new(fp, NULL);
  col = malloc((n_in + 1) * sizeof *col);
  if (!rd || !col)
    die("out of memory", NULL);
  while ((rc = pmcsv_read(rd, &f, &nf)) != PMCSV_EOF) {
    if (rc != PMCSV_ROW)
      die("bad CSV in", csv);
    if (pmcsv_record_number(rd) == 0) {
      for (i = 0; i < n_in; i++) {
        col[i] = -1;
        for (r = 0; r < nf; r++)
          if (f[r].len == strlen(in_names[i]) &&
              !memcmp(f[r].s, in_names[i], f[r].len))
            col[i] = (long)r;
      }
      continue;
    }
    if (rows == cap) {
      cap = cap ? 2 * cap : 1024;
      vals = realloc(vals, cap * (n_in + 1) * sizeof *vals);
      miss = realloc(miss, cap * (n_in + 1));
      if (!vals || !miss)
        die("out of memory", NULL);
    }
    for (i = 0; i < n_in; i++) {
      size_t at = rows * n_in + i;
      vals[at] = 0;
      miss[at] = 1;
      if (col[i] >= 0 && (size_t)col[i] < nf &&
          pmmlN_parse_double(f[col[i]].s, f[col[i]].len, &vals[at]) == 0)
        miss[at] = 0;
    }
    rows++;
  }
  pmcsv_reader_free(rd);
  fclose(fp);
  if (!rows)
    die("no rows in", csv);
  out = calloc(n_out + 1, sizeof *out);
  all = calloc(rows * n_out + 1, sizeof *all);
  if (!out || !all)
    die("out of memory", NULL);

  /* One pass written out for the check, and to size the runs. */
  fp = out_path ? fopen(out_path, "w") : NULL;
  if (fp)
    for (i = 0; i < n_out; i++)
      fprintf(fp, "%s%s", i ? "," : "", out_names[i]);
  if (fp)
    fputc('\n', fp);
  t0 = now();
  for (r = 0; r < rows; r++) {
    bench_m_predict(vals + r * n_in, miss + r * n_in, out, (int)n_out);
    memcpy(all + r * n_out, out, n_out * sizeof *out);
    if (fp) {
      for (i = 0; i < n_out; i++)
        fprintf(fp, "%s%.17g", i ? "," : "", out[i]);
      fputc('\n', fp);
    }
  }
  t = now() - t0;
  if (fp)
    fclose(fp);
  passes = t > 0 ? (size_t)(min_time / t) + 1 : 1000;

  for (k = 0; k < runs; k++) {
    t0 = now();
    c0 = cpu_now();
    for (p = 0; p < passes; p++)
      for (r = 0; r < rows; r++) {
        bench_m_predict(vals + r * n_in, miss + r * n_in, out, (int)n_out);
        sink += out[0];
      }
    c_run[k] = (cpu_now() - c0) / (double)(passes * rows);
    t_run[k] = (now() - t0) / (double)(passes * rows);
  }
  qsort(t_run, (size_t)runs, sizeof *t_run, cmp_double);
  qsort(c_run, (size_t)runs, sizeof *c_run, cmp_double);
  printf("rows=%lu\npasses=%lu\n", (unsigned long)rows, (unsigned long)passes);
  printf("gen_ns_row=%.3f\n", 1e9 * c_run[runs / 2]);
  printf("gen_wall_ns_row=%.3f\n", 1e9 * t_run[runs / 2]);
#ifdef BENCH_ROWS
  {
    double *outb = malloc((rows * n_out + 1) * sizeof *outb);
    size_t bad = rows;
    if (!outb)
      die("out of memory", NULL);
    /* The batch: the same bits as bench_m_predict, row by row. */
    bench_m_predict_rows(vals, miss, rows, outb, (int)n_out);
    for (r = 0; r < rows && bad == rows; r++)
      for (i = 0; i < n_out; i++)
        if (!same_bits(all[r * n_out + i], outb[r * n_out + i])) {
          bad = r;
          break;
        }
    if (bad == rows)
      printf("rows_check=ok\n");
    else
      printf("rows_check=FAIL row %lu\n", (unsigned long)bad + 1);
    fp = rows_path ? fopen(rows_path, "w") : NULL;
    if (fp) {
      for (i = 0; i < n_out; i++)
        fprintf(fp, "%s%s", i ? "," : "", out_names[i]);
      fputc('\n', fp);
      for (r = 0; r < rows; r++) {
        for (i = 0; i < n_out; i++)
          fprintf(fp, "%s%.17g", i ? "," : "", outb[r * n_out + i]);
        fputc('\n', fp);
      }
      fclose(fp);
    }
    for (k = 0; k < runs; k++) {
      t0 = now();
      c0 = cpu_now();
      for (p = 0; p < passes; p++) {
        bench_m_predict_rows(vals, miss, rows, outb, (int)n_out);
        sink += outb[0];
      }
      c_run[k] = (cpu_now() - c0) / (double)(passes * rows);
      t_run[k] = (now() - t0) / (double)(passes * rows);
    }
    qsort(t_run, (size_t)runs, sizeof *t_run, cmp_double);
    qsort(c_run, (size_t)runs, sizeof *c_run, cmp_double);
    printf("rows_ns_row=%.3f\n", 1e9 * c_run[runs / 2]);
    printf("rows_wall_ns_row=%.3f\n", 1e9 * t_run[runs / 2]);
    free(outb);
  }
#endif
  printf("status=ok\n");
  return sink == 0.123456789 ? 1 : 0;
}
