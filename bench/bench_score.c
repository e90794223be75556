/*
** bench_score.c: scoring speed, inputs already parsed (a measurement, not a
** test). Reads a CSV of numbers, then scores every row REPS times and
** reports nanoseconds and rows per second. Built two ways:
**   the interpreter:  cc -O2 -Iruntime bench/bench_score.c \
**       runtime/.libs/libpmmlcore.a -lexpat -lz -lpcre2-8 -lm
**       ./a.out MODEL.pmml DATA.csv
**   generated code:   pmmlc compile MODEL.pmml -o m.c &&
**       cc -O2 -DGEN=m -DGENU=M -I. bench/bench_score.c m.c -lm &&
**       ./a.out DATA.csv
** Each row sets every input by number (NaN cells as missing), scores, and
** reads every output, as a program embedding the model would. With
** BENCH_PASSES=N it makes exactly N passes: `valgrind --tool=callgrind`
** then counts instructions, which a shared machine does not disturb.
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef GEN
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define STR2(a) #a
#define STR(a) STR2(a)
#define HDR(p) STR(p.h)
#include HDR(GEN)
#define P(name) CAT(GEN, CAT(_, name))
#else
#include "pmml.h"
#endif

#if defined(GEN) && defined(PM_PREDICT_CHECK)
/* The two paths of _predict, apart (generated with -DPM_PREDICT_CHECK). */
int P(predict_fast)(const double in[], const unsigned char *missing,
                    double *out, int n_out);
int P(predict_general)(const double in[], const unsigned char *missing,
                       double *out, int n_out);

/* The same double, bit for bit, or both NaN. */
static int
same_bits(double a, double b)
{
  if (isnan(a) || isnan(b))
    return isnan(a) && isnan(b);
  return memcmp(&a, &b, sizeof a) == 0;
}

/* The rows of t (columns col[]) repeated up to at least 300 rows (several
** blocks of _predict_rows), flagged three ways as in BENCH_PREDICT_CHECK:
** _predict_rows on all of them at once, and 7 rows at a time, gives bit
** for bit what _predict gives row by row, and the status of the first row
** that fails. The number of differences (printed). */
static size_t
rows_check(const double *v, size_t n_rows, size_t n_cols, const long *col,
           size_t n_in, size_t n_out)
{
  size_t reps = (300 + n_rows - 1) / n_rows, R = n_rows * reps, r, i, k;
  size_t bad = 0, at;
  double *x = malloc((R * n_in + 1) * sizeof *x);
  double *want = malloc((R * n_out + 1) * sizeof *want);
  double *got = malloc((R * n_out + 1) * sizeof *got);
  unsigned char *fl = malloc(R * n_in + 1), *zero = calloc(R * n_in + 1, 1);
  int mode;
  for (r = 0; r < R; r++)
    for (i = 0; i < n_in; i++) {
      x[r * n_in + i] = v[(r % n_rows) * n_cols + col[i]];
      fl[r * n_in + i] = isnan(x[r * n_in + i]) ? 1 : 0;
    }
  for (mode = 0; mode < 3; mode++) {
    const unsigned char *m = mode == 0 ? fl : mode == 1 ? NULL : zero;
    int first = 0, rc;
    for (r = 0; r < R; r++) {
      rc = P(predict)(x + r * n_in, m ? m + r * n_in : NULL,
                      want + r * n_out, (int)n_out);
      if (rc && !first)
        first = rc;
    }
    for (k = 0; k < 2; k++) {
      size_t step = k == 0 ? R : 7;
      int rfirst = 0;
      for (at = 0; at < R; at += step) {
        size_t n = R - at < step ? R - at : step;
        rc = P(predict_rows)(x + at * n_in, m ? m + at * n_in : NULL, n,
                             got + at * n_out, (int)n_out);
        if (rc && !rfirst)
          rfirst = rc;
      }
      if (rfirst != first) {
        bad++;
        printf("_predict_rows (%s rows at a time, missing %s): status %d, "
               "_predict %d\n", k == 0 ? "all" : "7",
               mode == 0 ? "flagged" : mode == 1 ? "NULL" : "not flagged",
               rfirst, first);
      }
      for (r = 0; r < R; r++)
        for (i = 0; i < n_out; i++)
          if (!same_bits(got[r * n_out + i], want[r * n_out + i])) {
            bad++;
            printf("row %lu output %lu (%s rows at a time, missing %s): "
                   "_predict_rows %a, _predict %a\n",
                   (unsigned long)(r % n_rows), (unsigned long)i,
                   k == 0 ? "all" : "7",
                   mode == 0 ? "flagged" : mode == 1 ? "NULL" : "not flagged",
                   got[r * n_out + i], want[r * n_out + i]);
            break;
          }
    }
  }
  free(x);
  free(want);
  free(got);
  free(fl);
  free(zero);
  return bad;
}
#endif

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of this thread: what a busy machine disturbs less. */
static double
cpu(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A CSV of numbers (no quotes): its header names and its rows. */
typedef struct table {
  char **names;
  size_t n_cols, n_rows;
  double *v; /* [row * n_cols + col], NaN for empty or NA */
} table;

static int
read_table(const char *path, table *t)
{
  FILE *f = fopen(path, "r");
  char line[1 << 16];
  size_t cap = 0;
  memset(t, 0, sizeof *t);
  if (!f || !fgets(line, sizeof line, f))
    return -1;
  {
    char *p = strtok(line, ",\r\n");
    for (; p; p = strtok(NULL, ",\r\n")) {
      t->names = realloc(t->names, (t->n_cols + 1) * sizeof *t->names);
      t->names[t->n_cols++] = strdup(p);
    }
  }
  while (fgets(line, sizeof line, f)) {
    char *p = line, *end;
    size_t k;
    if (t->n_rows == cap) {
      cap = cap ? cap * 2 : 1024;
      t->v = realloc(t->v, cap * t->n_cols * sizeof *t->v);
    }
    for (k = 0; k < t->n_cols; k++) {
      double x = strtod(p, &end);
      t->v[t->n_rows * t->n_cols + k] = end == p ? NAN : x;
      p = strchr(end, ',');
      p = p ? p + 1 : end;
    }
    t->n_rows++;
  }
  fclose(f);
  return 0;
}

int
main(int argc, char **argv)
{
  table t;
  size_t r, i, k, reps = 0, n_in, fixed;
  long *col;
  double t0, t1, c0, c1, sink = 0;
#ifdef GEN
  static P(ctx) c;
  const char *data = argc > 1 ? argv[1] : NULL;
  if (!data) {
    fprintf(stderr, "usage: %s DATA.csv\n", argv[0]);
    return 2;
  }
  P(init)(&c);
  n_in = CAT(GENU, _N_INPUTS);
#else
  pmml_model *m;
  pmml_ctx *c;
  pmml_error e;
  const char *data = argc > 2 ? argv[2] : NULL;
  if (!data) {
    fprintf(stderr, "usage: %s MODEL.pmml DATA.csv\n", argv[0]);
    return 2;
  }
  if (pmml_model_load_file(argv[1], NULL, &m, &e) != PMML_OK ||
      pmml_ctx_new(m, &c) != PMML_OK) {
    fprintf(stderr, "%s: %s\n", argv[1], e.message);
    return 1;
  }
  n_in = pmml_model_input_count(m);
#endif
  if (read_table(data, &t)) {
    fprintf(stderr, "%s: cannot read\n", data);
    return 1;
  }
  col = malloc((n_in + 1) * sizeof *col);
  for (i = 0; i < n_in; i++) {
#ifdef GEN
    const char *name = P(input_name)(i);
#else
    const char *name = pmml_model_input_name(m, i);
#endif
    col[i] = -1;
    for (k = 0; k < t.n_cols; k++)
      if (!strcmp(t.names[k], name))
        col[i] = (long)k;
    if (col[i] < 0) {
      fprintf(stderr, "no column %s\n", name);
      return 1;
    }
  }
#if defined(GEN) && defined(PM_PREDICT_CHECK)
  /* BENCH_PREDICT_CHECK=1 (generated code built with -DPM_PREDICT_CHECK,
  ** for tests/codegen.sh): on every row, _predict's fast path, where it
  ** decides, gives bit for bit what its general path gives, with missing
  ** values flagged, given as NaN (missing NULL) and as NaN not flagged
  ** (a number for set_number: missing for numeric fields, text else);
  ** and _predict gives what the context API gives; _predict_rows gives
  ** what _predict gives (rows_check). Prints the rows that differ, then
  ** "predict_check=ok|FAIL rows=N fast=F" (F rows decided by the fast
  ** path). */
  if (getenv("BENCH_PREDICT_CHECK")) {
    size_t bad = 0, n_fast = 0, n_out = CAT(GENU, _N_OUTPUTS), v;
    double *xin = malloc((n_in + 1) * sizeof *xin);
    double *og = malloc((n_out + 1) * sizeof *og);
    double *of = malloc((n_out + 1) * sizeof *of);
    double *op = malloc((n_out + 1) * sizeof *op);
    unsigned char *mis = malloc(n_in + 1), *zero = calloc(n_in + 1, 1);
    for (r = 0; r < t.n_rows; r++) {
      const double *row = t.v + r * t.n_cols;
      const unsigned char *flags[3];
      int rg, rc2;
      for (i = 0; i < n_in; i++) {
        xin[i] = row[col[i]];
        mis[i] = isnan(xin[i]) ? 1 : 0;
      }
      flags[0] = mis;
      flags[1] = NULL;
      flags[2] = zero;
      for (v = 3; v-- > 0;) { /* the flagged run last: og is its */
        int rf = P(predict_fast)(xin, flags[v], of, (int)n_out);
        int rp = P(predict)(xin, flags[v], op, (int)n_out);
        rg = P(predict_general)(xin, flags[v], og, (int)n_out);
        n_fast += v == 0 && rf;
        if (rp != rg || (rf && rg != 0)) {
          bad++;
          printf("row %lu (missing %s): status %d, fast path %d, general "
                 "path %d\n", (unsigned long)r,
                 v == 0 ? "flagged" : v == 1 ? "NULL" : "not flagged", rp,
                 rf, rg);
        }
        for (k = 0; k < n_out; k++) {
          if (!same_bits(op[k], og[k]) || (rf && !same_bits(of[k], og[k]))) {
            bad++;
            printf("row %lu output %lu (missing %s): fast path %a, _predict "
                   "%a, general path %a\n", (unsigned long)r,
                   (unsigned long)k,
                   v == 0 ? "flagged" : v == 1 ? "NULL" : "not flagged",
                   rf ? of[k] : NAN, op[k], og[k]);
          }
        }
      }
      /* The context API, which tests/codegen.sh holds to the interpreter. */
      for (i = 0; i < n_in; i++) {
        if (mis[i])
          P(set_missing)(&c, i);
        else
          P(set_number)(&c, i, xin[i]);
      }
      rc2 = P(score)(&c);
      if (rc2 != rg) {
        bad++;
        printf("row %lu: _predict status %d, score %d\n", (unsigned long)r,
               rg, rc2);
      }
      for (k = 0; rc2 == 0 && k < n_out; k++) {
        P(value) pv;
        double want = NAN;
        P(output)(&c, k, &pv);
        if (pv.kind == CAT(GENU, _NUMBER) || pv.kind == CAT(GENU, _BOOLEAN))
          want = pv.number;
        else if (pv.kind == CAT(GENU, _STRING) && !isnan(og[k]))
          want = og[k]; /* a class, by its index: the general path's */
        if (!same_bits(want, og[k])) {
          bad++;
          printf("row %lu output %lu: _predict %a, score %a\n",
                 (unsigned long)r, (unsigned long)k, og[k], want);
        }
      }
    }
    if (t.n_rows > 0)
      bad += rows_check(t.v, t.n_rows, t.n_cols, col, n_in, n_out);
    printf("predict_check=%s rows=%lu fast=%lu\n", bad ? "FAIL" : "ok",
           (unsigned long)t.n_rows, (unsigned long)n_fast);
    return bad ? 1 : 0;
  }
#endif
  /* BENCH_DUMP=FILE: one pass, writing the outputs of each row as
  ** `pmmlc score` formats them (or the status of a row that fails), for
  ** tests/codegen.sh to compare the generated code with the interpreter
  ** through set_number. */
  if (getenv("BENCH_DUMP")) {
    FILE *dump = fopen(getenv("BENCH_DUMP"), "w");
    char buf[128];
    if (!dump)
      return 1;
    for (r = 0; r < t.n_rows; r++) {
      const double *row = t.v + r * t.n_cols;
      for (i = 0; i < n_in; i++) {
        double x = row[col[i]];
#ifdef GEN
        if (isnan(x))
          P(set_missing)(&c, i);
        else
          P(set_number)(&c, i, x);
      }
      if (P(score)(&c) != 0) {
        fprintf(dump, "error\n");
        continue;
      }
      for (k = 0; k < CAT(GENU, _N_OUTPUTS); k++) {
        P(value) v;
        P(output)(&c, k, &v);
        if (v.kind == CAT(GENU, _STRING))
          fprintf(dump, "%s%.*s", k ? "," : "", (int)v.length, v.string);
        else {
          P(format)(&v, buf, sizeof buf);
          fprintf(dump, "%s%s", k ? "," : "", buf);
        }
      }
#else
        if (isnan(x))
          pmml_ctx_set_missing(c, i);
        else
          pmml_ctx_set_number(c, i, x);
      }
      if (pmml_score(c, NULL) != PMML_OK) {
        fprintf(dump, "error\n");
        continue;
      }
      for (k = 0; k < pmml_model_output_count(m); k++) {
        pmml_value v;
        pmml_ctx_output(c, k, &v);
        if (v.kind == PMML_STRING)
          fprintf(dump, "%s%.*s", k ? "," : "", (int)v.length, v.string);
        else {
          pmml_value_format(&v, buf, sizeof buf);
          fprintf(dump, "%s%s", k ? "," : "", buf);
        }
      }
#endif
      fprintf(dump, "\n");
    }
    fclose(dump);
    return 0;
  }
  /* BENCH_PASSES=N: exactly N passes (for instruction counts under
  ** valgrind --tool=callgrind); else at least a second. */
  {
    const char *e = getenv("BENCH_PASSES");
    fixed = e ? (size_t)strtoul(e, NULL, 10) : 0;
  }
  t0 = now();
  c0 = cpu();
  do {
    for (r = 0; r < t.n_rows; r++) {
      const double *row = t.v + r * t.n_cols;
      for (i = 0; i < n_in; i++) {
        double x = row[col[i]];
#ifdef GEN
        if (isnan(x))
          P(set_missing)(&c, i);
        else
          P(set_number)(&c, i, x);
#else
        if (isnan(x))
          pmml_ctx_set_missing(c, i);
        else
          pmml_ctx_set_number(c, i, x);
#endif
      }
#ifdef GEN
      if (P(score)(&c) == 0) {
        for (k = 0; k < CAT(GENU, _N_OUTPUTS); k++) {
          P(value) v;
          P(output)(&c, k, &v);
          sink += v.number + (double)v.length;
        }
      }
#else
      if (pmml_score(c, NULL) == PMML_OK) {
        for (k = 0; k < pmml_model_output_count(m); k++) {
          pmml_value v;
          pmml_ctx_output(c, k, &v);
          sink += v.number + (double)v.length;
        }
      }
#endif
    }
    reps++;
    t1 = now();
  } while (fixed ? reps < fixed : t1 - t0 < 1.0 || reps < 3);
  c1 = cpu();
  printf("%.1f ns/row CPU (wall %.1f), %.0f rows/s CPU (%zu rows x %zu "
         "passes) [%g]\n",
         (c1 - c0) * 1e9 / (double)(reps * t.n_rows),
         (t1 - t0) * 1e9 / (double)(reps * t.n_rows),
         (double)(reps * t.n_rows) / (c1 - c0), t.n_rows, reps, sink);
  return 0;
}
