/*
** bench_api.c: the interpreter measured through the public C API, for the
** benchmark (bench/run.sh; a measurement, never a test). For one model and
** one input CSV it reports, as key=value lines on standard output:
**
** - loading: median CPU time of pmml_model_load_file() on the file as given
**   (gzip included), of pmml_model_load_memory() on the uncompressed bytes,
**   and of Expat alone reading those bytes with empty handlers (the speed
**   loading could approach); the loaded model's memory
**   (pmml_model_memory), the peak heap during a load (through the
**   allocator hook), and the number of tree nodes (<Node> elements);
** - scoring: the CSV is read and parsed once (our csv.c and numconv.c) into
**   values; then each timed run calls pmml_ctx_set_number/_text/_missing
**   and pmml_score over the rows, repeated until the run lasts --min-time;
**   the median run gives ns/row in CPU time of the thread (which a busy
**   machine disturbs less than the wall clock; that is given too). One
**   untimed pass first compares every
**   output with --expected, so that a fast wrong answer is caught.
**
** When every input is a number (or missing), the batch API is measured
** beside it on the same rows, each way reading every output as a number:
** per input (pmml_ctx_set_number, pmml_score, pmml_ctx_output),
** pmml_ctx_set_numbers with pmml_score and pmml_ctx_output, and
** pmml_score_batch on the whole matrix (api_out_ns_row, set_numbers_ns_row,
** batch_ns_row), after checking that the batch gives the same numbers.
**
** With --callgrind it loads, parses and scores --rows rows once, counting
** only bench_score_pass() (start valgrind with --instr-atstart=no
** --collect-atstart=no --toggle-collect=bench_score_pass). With --perf-ctl
** CTL,ACK it enables a `perf record/stat -D -1 --control fifo:CTL,ACK`
** around the timed runs only. With --compare GOT EXPECTED it only compares
** two CSV files (row r of GOT with row r mod n of EXPECTED, so a replicated
** input can be checked against the original expectations). With --run it
** only times another program (`pmmlc score`, a compiler): median wall and
** CPU time of N runs, and the peak memory of the largest process.
*/
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <expat.h>
#include <zlib.h>

#include "csv.h"
#include "numconv.h"
#include "pmml.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND_H 1
#endif
#endif

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#define MAX_RUNS 101

typedef struct opts {
  const char *model, *input, *expected;
  const char *perf_ctl, *perf_ack;
  int runs, load_runs;
  double min_time;            /* seconds a timed run lasts at least */
  double max_pass;            /* seconds one pass may last: fewer rows */
  size_t rows;                /* 0: all */
  double tol;
  int callgrind;
} opts;

/* One input value of one row, parsed ahead of the timed loop. */
enum { C_MISSING, C_NUMBER, C_TEXT };
typedef struct cell {
  unsigned char kind;         /* C_* */
  double num;                 /* C_NUMBER */
  const char *s;              /* C_TEXT: owned copy */
  size_t len;
} cell;

/* A whole CSV file kept as text (for the expected outputs). */
typedef struct table {
  char **hdr;
  size_t n_cols;
  char **cell;                /* rows x n_cols, NUL-terminated copies */
  size_t *len;
  size_t n_rows;
} table;

/* Every pmml_score() result that was not PMML_OK in the timed runs. */
static size_t score_failures;

size_t bench_score_pass(pmml_ctx *c, const cell *cells, size_t n_rows,
                        size_t n_in);
static void usage(void);

/* Monotonic time in seconds. */
static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of this thread in seconds: unlike now(), it does not count the
   time the thread waits for a core on a busy machine. */
static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void
die(const char *msg, const char *arg)
{
  fprintf(stderr, "bench_api: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
  exit(2);
}

static void *
xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    die("out of memory", NULL);
  return p;
}

static void *
xrealloc(void *p, size_t n)
{
  p = realloc(p, n ? n : 1);
  if (!p)
    die("out of memory", NULL);
  return p;
}

static char *
xstrndup(const char *s, size_t n)
{
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Median of v[0..n), n >= 1 (sorts v). */
static double
median(double *v, int n)
{
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

/* An allocator hook that counts the bytes held and their peak. */
typedef struct counter {
  size_t cur, peak;
} counter;

static void *
count_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  counter *k = ud;
  void *p;
  if (nsize == 0) {
    free(ptr);
    if (ptr)
      k->cur -= osize;
    return NULL;
  }
  p = realloc(ptr, nsize);
  if (!p)
    return NULL;
  k->cur += nsize - (ptr ? osize : 0);
  if (k->cur > k->peak)
    k->peak = k->cur;
  return p;
}

/* The whole document, uncompressed (zlib reads plain files as they are). */
static char *
read_document(const char *path, size_t *len)
{
  gzFile gz = gzopen(path, "rb");
  size_t cap = 1 << 20, n = 0;
  char *buf;
  int got;
  if (!gz)
    die("cannot open", path);
  buf = xmalloc(cap);
  for (;;) {
    if (cap - n < (1 << 16))
      buf = xrealloc(buf, cap *= 2);
    got = gzread(gz, buf + n, (unsigned)(cap - n));
    if (got < 0)
      die("cannot read", path);
    if (got == 0)
      break;
    n += (size_t)got;
  }
  gzclose(gz);
  *len = n;
  return buf;
}

/* Number of <Node> elements (tree nodes) in the document. */
static size_t
count_nodes(const char *s, size_t n)
{
  size_t k = 0;
  const char *p = s, *end = s + n;
  while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
    p++;
    if (end - p > 4 && !memcmp(p, "Node", 4) &&
        strchr(" \t\r\n>/", p[4]))
      k++;
  }
  return k;
}

static void XMLCALL
xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
  (*(size_t *)ud)++;
}

static void XMLCALL
xml_end(void *ud, const XML_Char *name)
{
}

/* CPU seconds Expat alone takes to read doc[0..n) with empty handlers. */
static double
expat_time(const char *doc, size_t n)
{
  XML_Parser p = XML_ParserCreate(NULL);
  size_t elems = 0;
  double t0;
  if (!p)
    die("out of memory", NULL);
  XML_SetUserData(p, &elems);
  XML_SetElementHandler(p, xml_start, xml_end);
  t0 = cpu_now();
  if (XML_Parse(p, doc, (int)n, 1) != XML_STATUS_OK)
    die("Expat cannot read the document", NULL);
  t0 = cpu_now() - t0;
  XML_ParserFree(p);
  return t0;
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

static int
is_na(const char *s, size_t n)
{
  return n == 0 || (n == 2 && !memcmp(s, "NA", 2)) ||
         (n == 3 && !memcmp(s, "N/A", 3));
}

/* Read a CSV file whole into a table of text. */
static void
read_table(const char *path, table *t)
{
  FILE *fp = fopen(path, "rb");
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n, i, cap = 0;
  int rc;
  memset(t, 0, sizeof *t);
  if (!fp)
    die("cannot open", path);
  r = pmcsv_reader_new(fp, NULL);
  if (!r)
    die("out of memory", NULL);
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF) {
    if (rc != PMCSV_ROW)
      die("bad CSV in", path);
    if (pmcsv_record_number(r) == 0) {
      t->n_cols = n;
      t->hdr = xmalloc(n * sizeof *t->hdr);
      for (i = 0; i < n; i++)
        t->hdr[i] = xstrndup(f[i].s, f[i].len);
      continue;
    }
    if (t->n_rows == cap) {
      cap = cap ? 2 * cap : 1024;
      t->cell = xrealloc(t->cell, cap * t->n_cols * sizeof *t->cell);
      t->len = xrealloc(t->len, cap * t->n_cols * sizeof *t->len);
    }
    for (i = 0; i < t->n_cols; i++) {
      size_t k = t->n_rows * t->n_cols + i;
      t->cell[k] = xstrndup(i < n ? f[i].s : "", i < n ? f[i].len : 0);
      t->len[k] = i < n ? f[i].len : 0;
    }
    t->n_rows++;
  }
  pmcsv_reader_free(r);
  fclose(fp);
}

/* The inputs of the model from the table: cells[row * n_in + input]. */
static cell *
parse_inputs(const pmml_model *m, const table *in, size_t n_rows)
{
  size_t n_in = pmml_model_input_count(m), r, i;
  long *col = xmalloc((n_in ? n_in : 1) * sizeof *col);
  cell *cells = xmalloc(n_rows * n_in * sizeof *cells);
  for (i = 0; i < n_in; i++) {
    const char *name = pmml_model_input_name(m, i);
    col[i] = -1;
    for (r = 0; r < in->n_cols; r++)
      if (!strcmp(in->hdr[r], name))
        col[i] = (long)r;
  }
  for (r = 0; r < n_rows; r++) {
    for (i = 0; i < n_in; i++) {
      cell *x = &cells[r * n_in + i];
      pmml_dtype dt = pmml_model_input_dtype(m, i);
      const char *s;
      size_t len;
      memset(x, 0, sizeof *x);
      if (col[i] < 0)
        continue;              /* not in the file: missing */
      s = in->cell[r * in->n_cols + (size_t)col[i]];
      len = in->len[r * in->n_cols + (size_t)col[i]];
      if (is_na(s, len))
        continue;
      if ((dt == PMML_DT_DOUBLE || dt == PMML_DT_FLOAT ||
           dt == PMML_DT_INTEGER) &&
          pmmlN_parse_double(s, len, &x->num) == 0) {
        x->kind = C_NUMBER;
      } else {
        x->kind = C_TEXT;
        x->s = s;
        x->len = len;
      }
    }
  }
  free(col);
  return cells;
}

/* ------------------------------------------------------------------------ */
/* Checking                                                                 */

/* Whether two printed values agree: the same text, or numbers within
   tol * max(1, |b|) (absolute near zero, relative above 1). */
static int
same_value(const char *a, size_t alen, const char *b, size_t blen, double tol)
{
  double x, y;
  if (alen == blen && !memcmp(a, b, alen))
    return 1;
  if (pmmlN_parse_double(a, alen, &x) || pmmlN_parse_double(b, blen, &y))
    return 0;
  if (x == y || (isnan(x) && isnan(y)))
    return 1;
  return fabs(x - y) <= tol * fmax(1.0, fabs(y));
}

/* Mismatch counting with the first one described. */
typedef struct checker {
  size_t checked, bad;
  char first[256];
} checker;

static void
check_cell(checker *k, size_t row, const char *col, const char *got,
           size_t glen, const char *want, size_t wlen, double tol)
{
  k->checked++;
  if (same_value(got, glen, want, wlen, tol))
    return;
  if (k->bad++ == 0)
    snprintf(k->first, sizeof k->first,
             "row %lu column %s: got '%.*s', expected '%.*s'",
             (unsigned long)row + 1, col, (int)(glen > 40 ? 40 : glen), got,
             (int)(wlen > 40 ? 40 : wlen), want);
}

static void
print_check(const checker *k, const char *what)
{
  if (k->bad)
    printf("%s=FAIL %lu of %lu values differ; first: %s\n", what,
           (unsigned long)k->bad, (unsigned long)k->checked, k->first);
  else
    printf("%s=ok %lu values\n", what, (unsigned long)k->checked);
}

/* --compare GOT EXPECTED: row r of GOT against row r mod n of EXPECTED. */
static int
compare_files(const char *got_path, const char *want_path, double tol,
              int numeric_only)
{
  table got, want;
  checker k;
  size_t r, j, g;
  memset(&k, 0, sizeof k);
  read_table(got_path, &got);
  read_table(want_path, &want);
  if (want.n_rows == 0 || got.n_rows % want.n_rows) {
    printf("check=FAIL %lu rows for %lu expected\n",
           (unsigned long)got.n_rows, (unsigned long)want.n_rows);
    return 1;
  }
  for (j = 0; j < want.n_cols; j++) {
    double d;
    if (numeric_only &&
        pmmlN_parse_double(want.cell[j], want.len[j], &d) != 0)
      continue;                /* a label: generated code gives an index */
    for (g = 0; g < got.n_cols && strcmp(got.hdr[g], want.hdr[j]); g++)
      ;
    if (g == got.n_cols) {
      printf("check=FAIL no column '%s' in the output\n", want.hdr[j]);
      return 1;
    }
    for (r = 0; r < got.n_rows; r++) {
      size_t wr = r % want.n_rows;
      check_cell(&k, r, want.hdr[j], got.cell[r * got.n_cols + g],
                 got.len[r * got.n_cols + g],
                 want.cell[wr * want.n_cols + j],
                 want.len[wr * want.n_cols + j], tol);
    }
  }
  print_check(&k, "check");
  return k.bad ? 1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Scoring                                                                  */

static void
set_inputs(pmml_ctx *c, const cell *x, size_t n_in)
{
  size_t i;
  for (i = 0; i < n_in; i++) {
    switch (x[i].kind) {
    case C_NUMBER:
      pmml_ctx_set_number(c, i, x[i].num);
      break;
    case C_TEXT:
      pmml_ctx_set_text(c, i, x[i].s, x[i].len);
      break;
    default:
      pmml_ctx_set_missing(c, i);
      break;
    }
  }
}

/*
** The timed work: set the inputs of every row and score it. Not static
** and never inlined, so that callgrind's --toggle-collect finds it by name.
*/
NOINLINE size_t
bench_score_pass(pmml_ctx *c, const cell *cells, size_t n_rows, size_t n_in)
{
  size_t r, failures = 0;
  for (r = 0; r < n_rows; r++) {
    set_inputs(c, cells + r * n_in, n_in);
    if (pmml_score(c, NULL) != PMML_OK)
      failures++;
  }
  return failures;
}

/* ------------------------------------------------------------------------ */
/* The batch API against the per-input API, outputs read as numbers        */

/* What a way of scoring needs: the rows as a matrix and room for outputs. */
typedef struct dense {
  pmml_ctx *c;
  const double *x;            /* n_rows x n_in, NaN for missing */
  double *y;                  /* n_rows x n_out */
  size_t n_rows, n_in, n_out;
} dense;

/* Per input: pmml_ctx_set_number() for each, pmml_score(), then
   pmml_ctx_output() for each output. */
static NOINLINE size_t
pass_api_out(const dense *d)
{
  size_t r, i, failures = 0;
  for (r = 0; r < d->n_rows; r++) {
    const double *x = d->x + r * d->n_in;
    double *y = d->y + r * d->n_out;
    for (i = 0; i < d->n_in; i++)
      pmml_ctx_set_number(d->c, i, x[i]);
    if (pmml_score(d->c, NULL) != PMML_OK)
      failures++;
    for (i = 0; i < d->n_out; i++) {
      pmml_value v;
      pmml_ctx_output(d->c, i, &v);
      y[i] = v.kind == PMML_NUMBER || v.kind == PMML_BOOLEAN ? v.number : NAN;
    }
  }
  return failures;
}

/* The same with pmml_ctx_set_numbers() for the inputs. */
static NOINLINE size_t
pass_set_numbers(const dense *d)
{
  size_t r, i, failures = 0;
  for (r = 0; r < d->n_rows; r++) {
    double *y = d->y + r * d->n_out;
    pmml_ctx_set_numbers(d->c, 0, d->x + r * d->n_in, d->n_in);
    if (pmml_score(d->c, NULL) != PMML_OK)
      failures++;
    for (i = 0; i < d->n_out; i++) {
      pmml_value v;
      pmml_ctx_output(d->c, i, &v);
      y[i] = v.kind == PMML_NUMBER || v.kind == PMML_BOOLEAN ? v.number : NAN;
    }
  }
  return failures;
}

/* pmml_score_batch() on every row at once. */
static NOINLINE size_t
pass_batch(const dense *d)
{
  return pmml_score_batch(d->c, d->x, d->n_rows, d->y, NULL, NULL) ==
                 PMML_OK
             ? 0
             : 1;
}

/* Median CPU ns/row of 'runs' timed runs of 'passes' passes of fn. */
static double
time_passes(size_t (*fn)(const dense *), const dense *d, int runs,
            size_t passes)
{
  double t[MAX_RUNS], c0;
  size_t p;
  int i;
  for (i = 0; i < runs; i++) {
    c0 = cpu_now();
    for (p = 0; p < passes; p++)
      score_failures += fn(d);
    t[i] = (cpu_now() - c0) / (double)(passes * d->n_rows);
  }
  return 1e9 * median(t, runs);
}

/* Both equal as numbers, or both NaN. */
static int
same_number(double a, double b)
{
  return a == b || (isnan(a) && isnan(b));
}

static void
bench_batch(const opts *o, pmml_ctx *c, const pmml_model *m,
            const cell *cells, size_t n_rows, size_t passes)
{
  dense d;
  double *x, *y2;
  size_t r, i, bad = 0;
  d.c = c;
  d.n_rows = n_rows;
  d.n_in = pmml_model_input_count(m);
  d.n_out = pmml_model_output_count(m);
  for (r = 0; r < n_rows * d.n_in; r++)
    if (cells[r].kind == C_TEXT) {
      printf("batch=not measured (an input is not a number)\n");
      return;
    }
  x = xmalloc((n_rows * d.n_in + 1) * sizeof *x);
  for (r = 0; r < n_rows * d.n_in; r++)
    x[r] = cells[r].kind == C_NUMBER ? cells[r].num : NAN;
  d.x = x;
  d.y = xmalloc((n_rows * d.n_out + 1) * sizeof *d.y);
  y2 = xmalloc((n_rows * d.n_out + 1) * sizeof *y2);
  /* Check: the batch gives what the per-input API gives. */
  pass_api_out(&d);
  memcpy(y2, d.y, n_rows * d.n_out * sizeof *y2);
  pass_batch(&d);
  for (i = 0; i < n_rows * d.n_out; i++)
    bad += !same_number(d.y[i], y2[i]);
  pass_set_numbers(&d);
  for (i = 0; i < n_rows * d.n_out; i++)
    bad += !same_number(d.y[i], y2[i]);
  if (bad)
    printf("batch_check=FAIL %lu values differ\n", (unsigned long)bad);
  else
    printf("batch_check=ok %lu values\n", (unsigned long)(2 * i));
  printf("api_out_ns_row=%.3f\n", time_passes(pass_api_out, &d, o->runs,
                                              passes));
  printf("set_numbers_ns_row=%.3f\n",
         time_passes(pass_set_numbers, &d, o->runs, passes));
  printf("batch_ns_row=%.3f\n", time_passes(pass_batch, &d, o->runs,
                                            passes));
  free(x);
  free(d.y);
  free(y2);
}

/* The untimed pass: score every row and compare with the expectations. */
static void
check_outputs(const pmml_model *m, pmml_ctx *c, const cell *cells,
              size_t n_rows, const table *want, double tol)
{
  size_t n_in = pmml_model_input_count(m), n_out = pmml_model_output_count(m);
  size_t r, j, o, *map;
  checker k;
  char buf[512];
  memset(&k, 0, sizeof k);
  map = xmalloc((want->n_cols ? want->n_cols : 1) * sizeof *map);
  for (j = 0; j < want->n_cols; j++) {
    for (o = 0; o < n_out && strcmp(pmml_model_output_name(m, o),
                                    want->hdr[j]); o++)
      ;
    if (o == n_out) {
      printf("check=FAIL the model has no output '%s'\n", want->hdr[j]);
      free(map);
      return;
    }
    map[j] = o;
  }
  for (r = 0; r < n_rows; r++) {
    pmml_error e;
    size_t wr = r % want->n_rows;
    set_inputs(c, cells + r * n_in, n_in);
    if (pmml_score(c, &e) != PMML_OK) {
      k.checked++;
      if (k.bad++ == 0)
        snprintf(k.first, sizeof k.first, "row %lu: %.200s",
                 (unsigned long)r + 1, e.message);
      continue;
    }
    for (j = 0; j < want->n_cols; j++) {
      pmml_value v;
      size_t len;
      pmml_ctx_output(c, map[j], &v);
      len = pmml_value_format(&v, buf, sizeof buf);
      if (len >= sizeof buf)
        len = sizeof buf - 1;
      check_cell(&k, r, want->hdr[j], buf, len,
                 want->cell[wr * want->n_cols + j],
                 want->len[wr * want->n_cols + j], tol);
    }
  }
  print_check(&k, "check");
  free(map);
}

/* Write "enable"/"disable" to perf's control FIFO and wait for its ack. */
static void
perf_control(const opts *o, const char *cmd)
{
  FILE *ctl, *ack;
  char line[64];
  if (!o->perf_ctl)
    return;
  ctl = fopen(o->perf_ctl, "w");
  if (!ctl)
    die("cannot open", o->perf_ctl);
  fprintf(ctl, "%s\n", cmd);
  fclose(ctl);
  if (o->perf_ack) {
    ack = fopen(o->perf_ack, "r");
    if (!ack)
      die("cannot open", o->perf_ack);
    if (!fgets(line, sizeof line, ack))
      line[0] = '\0';
    fclose(ack);
  }
}

/* ------------------------------------------------------------------------ */
/* Timing another program                                                   */

static double
rusage_cpu(const struct rusage *u)
{
  return (double)u->ru_utime.tv_sec + 1e-6 * (double)u->ru_utime.tv_usec +
         (double)u->ru_stime.tv_sec + 1e-6 * (double)u->ru_stime.tv_usec;
}

/*
** --run N [--stdin FILE] [--stdout FILE] -- CMD [ARG]...: run CMD N times
** and print the median wall time, the median CPU time (user + system, of
** CMD and the processes it waited for) and the peak resident memory of the
** largest of them (a compiler's cc1). Standard error goes to FILE.err.
*/
static int
run_program(int argc, char **argv)
{
  const char *in = "/dev/null", *out = "/dev/null";
  char err[4096];
  double wall[MAX_RUNS], cpu[MAX_RUNS], t0, c0;
  struct rusage u;
  int n, i = 2, k, status = 0;
  pid_t pid;

  n = atoi(argv[i++]);
  for (; i < argc && strcmp(argv[i], "--"); i++) {
    if (!strcmp(argv[i], "--stdin") && i + 1 < argc)
      in = argv[++i];
    else if (!strcmp(argv[i], "--stdout") && i + 1 < argc)
      out = argv[++i];
    else
      usage();
  }
  if (n < 1 || n > MAX_RUNS || i + 1 >= argc)
    usage();
  if (strcmp(out, "/dev/null"))
    snprintf(err, sizeof err, "%s.err", out);
  else
    snprintf(err, sizeof err, "/dev/null");
  for (k = 0; k < n; k++) {
    getrusage(RUSAGE_CHILDREN, &u);
    c0 = rusage_cpu(&u);
    t0 = now();
    pid = fork();
    if (pid < 0)
      die("cannot fork", NULL);
    if (pid == 0) {
      int fi = open(in, O_RDONLY);
      int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fi < 0 || fo < 0 || fe < 0)
        _exit(126);
      dup2(fi, 0);
      dup2(fo, 1);
      dup2(fe, 2);
      execvp(argv[i + 1], argv + i + 1);
      _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
      die("waitpid failed", NULL);
    wall[k] = now() - t0;
    getrusage(RUSAGE_CHILDREN, &u);
    cpu[k] = rusage_cpu(&u) - c0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      break;
  }
  getrusage(RUSAGE_CHILDREN, &u);
  if (k < n) {
    printf("status=failed\nexit=%d\n",
           WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 1;
  }
  printf("wall_s=%.6f\ncpu_s=%.6f\nmaxrss_kb=%ld\nstatus=ok\n",
         median(wall, n), median(cpu, n), (long)u.ru_maxrss);
  return 0;
}

/* ------------------------------------------------------------------------ */

static void
usage(void)
{
  fprintf(stderr,
    "Usage: bench_api [OPTION]... MODEL INPUT.csv\n"
    "       bench_api --compare GOT.csv EXPECTED.csv [--tol X] [--numeric]\n"
    "       bench_api --run N [--stdin F] [--stdout F] -- CMD [ARG]...\n"
    "  --expected FILE   check every output against FILE\n"
    "  --tol X           |got - want| <= X * max(1, |want|) (default 1e-9)\n"
    "  --runs N          timed scoring runs (default 7)\n"
    "  --load-runs N     timed loads (default 5)\n"
    "  --min-time S      a timed run lasts at least S seconds (default 0.2)\n"
    "  --max-pass S      fewer rows when one pass would take longer (1.0)\n"
    "  --rows N          only the first N rows\n"
    "  --callgrind       score --rows rows once, for callgrind\n"
    "  --perf-ctl CTL,ACK  perf --control FIFOs, enabled while timing\n");
  exit(2);
}

static void
parse_args(int argc, char **argv, opts *o)
{
  int i, pos = 0;
  memset(o, 0, sizeof *o);
  o->runs = 7;
  o->load_runs = 5;
  o->min_time = 0.2;
  o->max_pass = 1.0;
  o->tol = 1e-9;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(a, "--expected") && more)
      o->expected = argv[++i];
    else if (!strcmp(a, "--tol") && more)
      o->tol = atof(argv[++i]);
    else if (!strcmp(a, "--runs") && more)
      o->runs = atoi(argv[++i]);
    else if (!strcmp(a, "--load-runs") && more)
      o->load_runs = atoi(argv[++i]);
    else if (!strcmp(a, "--min-time") && more)
      o->min_time = atof(argv[++i]);
    else if (!strcmp(a, "--max-pass") && more)
      o->max_pass = atof(argv[++i]);
    else if (!strcmp(a, "--rows") && more)
      o->rows = (size_t)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--callgrind"))
      o->callgrind = 1;
    else if (!strcmp(a, "--perf-ctl") && more) {
      char *comma;
      o->perf_ctl = argv[++i];
      comma = strchr(argv[i], ',');
      if (comma) {
        *comma = '\0';
        o->perf_ack = comma + 1;
      }
    } else if (a[0] == '-' && a[1])
      usage();
    else if (pos == 0 && ++pos)
      o->model = a;
    else if (pos == 1 && ++pos)
      o->input = a;
    else
      usage();
  }
  if (pos != 2 || o->runs < 1 || o->runs > MAX_RUNS || o->load_runs < 0 ||
      o->load_runs > MAX_RUNS)
    usage();
}

/* Time the loads and describe the model. Returns the model, or NULL after
   printing status=unsupported or status=error. */
static pmml_model *
bench_load(const opts *o)
{
  pmml_load_options lo;
  pmml_model *m = NULL;
  pmml_error e;
  pmml_status st;
  counter k = {0, 0};
  double t_file[MAX_RUNS], t_mem[MAX_RUNS], t_xml[MAX_RUNS];
  double w_file[MAX_RUNS], t0, w0;
  size_t doc_len;
  char *doc = read_document(o->model, &doc_len);
  int i, n = o->load_runs;

  printf("pmml_bytes=%lu\n", (unsigned long)doc_len);
  printf("nodes=%lu\n", (unsigned long)count_nodes(doc, doc_len));
  for (i = 0; i < n; i++)
    t_xml[i] = expat_time(doc, doc_len);
  if (n > 0)
    printf("expat_ms=%.4f\n", 1e3 * median(t_xml, n));
  pmml_load_options_init(&lo);
  lo.alloc = count_alloc;
  lo.alloc_ud = &k;
  st = pmml_model_load_file(o->model, &lo, &m, &e);
  if (st != PMML_OK) {
    printf("status=%s\n", st == PMML_E_UNSUPPORTED ? "unsupported" : "error");
    printf("message=%s\n", e.message);
    free(doc);
    return NULL;
  }
  printf("kind=%s\n", pmml_model_kind(m));
  for (i = 0; i < (int)pmml_model_input_count(m); i++)
    printf("input_name=%s\n", pmml_model_input_name(m, (size_t)i));
  for (i = 0; i < (int)pmml_model_output_count(m); i++)
    printf("output_name=%s\n", pmml_model_output_name(m, (size_t)i));
  printf("model_memory=%lu\n", (unsigned long)pmml_model_memory(m));
  printf("load_peak_heap=%lu\n", (unsigned long)k.peak);
  for (i = 0; i < n; i++) {
    pmml_model *x;
    w0 = now();
    t0 = cpu_now();
    pmml_model_load_file(o->model, NULL, &x, NULL);
    t_file[i] = cpu_now() - t0;
    w_file[i] = now() - w0;
    pmml_model_free(x);
    t0 = cpu_now();
    pmml_model_load_memory(doc, doc_len, NULL, &x, NULL);
    t_mem[i] = cpu_now() - t0;
    pmml_model_free(x);
  }
  if (n > 0) {
    printf("load_ms=%.4f\n", 1e3 * median(t_file, n));
    printf("load_wall_ms=%.4f\n", 1e3 * median(w_file, n));
    printf("load_mem_ms=%.4f\n", 1e3 * median(t_mem, n));
  }
  free(doc);
  return m;
}

int
main(int argc, char **argv)
{
  opts o;
  pmml_model *m;
  pmml_ctx *c;
  table in, want;
  cell *cells;
  size_t n_rows, n_in, passes, p;
  double t_run[MAX_RUNS], c_run[MAX_RUNS], t0, c0, t_check;
  int i;

  if (argc >= 3 && !strcmp(argv[1], "--run"))
    return run_program(argc, argv);
  if (argc >= 4 && !strcmp(argv[1], "--compare")) {
    double tol = 1e-9;
    int numeric_only = 0;
    for (i = 4; i < argc; i++) {
      if (!strcmp(argv[i], "--tol") && i + 1 < argc)
        tol = atof(argv[++i]);
      else if (!strcmp(argv[i], "--numeric"))
        numeric_only = 1;
      else
        usage();
    }
    return compare_files(argv[2], argv[3], tol, numeric_only);
  }
  parse_args(argc, argv, &o);
  if (o.callgrind)
    o.load_runs = 0;
  m = bench_load(&o);
  if (!m)
    return 0;
  if (pmml_ctx_new(m, &c) != PMML_OK)
    die("pmml_ctx_new failed", NULL);
  read_table(o.input, &in);
  n_rows = o.rows && o.rows < in.n_rows ? o.rows : in.n_rows;
  n_in = pmml_model_input_count(m);
  cells = parse_inputs(m, &in, n_rows);
  printf("inputs=%lu\n", (unsigned long)n_in);

  if (o.callgrind) {
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_START_INSTRUMENTATION;
#endif
    score_failures = bench_score_pass(c, cells, n_rows, n_in);
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
    printf("rows=%lu\nscore_failures=%lu\nstatus=ok\n",
           (unsigned long)n_rows, (unsigned long)score_failures);
    return 0;
  }

  /* Check (and estimate the cost of a pass). */
  t0 = now();
  if (o.expected) {
    read_table(o.expected, &want);
    check_outputs(m, c, cells, n_rows, &want, o.tol);
  } else {
    bench_score_pass(c, cells, n_rows, n_in);
    printf("check=not checked\n");
  }
  t_check = now() - t0;
  if (t_check > o.max_pass && n_rows > 1) {
    /* a slow model: time the first rows only */
    n_rows = (size_t)((double)n_rows * o.max_pass / t_check);
    if (n_rows < 1)
      n_rows = 1;
    t_check = o.max_pass;
  }
  passes = t_check > 0 ? (size_t)ceil(o.min_time / t_check) : 1000;
  if (passes < 1)
    passes = 1;
  printf("rows=%lu\npasses=%lu\n", (unsigned long)n_rows,
         (unsigned long)passes);

  perf_control(&o, "enable");
  for (i = 0; i < o.runs; i++) {
    t0 = now();
    c0 = cpu_now();
    for (p = 0; p < passes; p++)
      score_failures += bench_score_pass(c, cells, n_rows, n_in);
    c_run[i] = (cpu_now() - c0) / (double)(passes * n_rows);
    t_run[i] = (now() - t0) / (double)(passes * n_rows);
  }
  perf_control(&o, "disable");
  printf("score_failures=%lu\n", (unsigned long)score_failures);
  printf("score_ns_row=%.3f\n", 1e9 * median(c_run, o.runs));
  printf("score_wall_ns_row=%.3f\n", 1e9 * median(t_run, o.runs));
  printf("score_wall_ns_row_min=%.3f\n", 1e9 * t_run[0]); /* sorted */
  bench_batch(&o, c, m, cells, n_rows, passes);
  printf("status=ok\n");
  pmml_ctx_free(c);
  pmml_model_free(m);
  return 0;
}
