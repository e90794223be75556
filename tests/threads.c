/*
** threads.c: one loaded model scored from many threads at once. Usage:
**   threads MODEL.pmml INPUT.csv [THREADS]
** Scores every row once on the main thread, then from THREADS threads
** (default 16), each with its own context and its own order of rows, and
** checks that every result is the same text. Exits 0 when all agree. Run
** under ThreadSanitizer too (configure CFLAGS=-fsanitize=thread).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "pmml.h"

typedef struct row {
  char **cells;       /* per model input, NULL when missing */
  size_t *lens;
  char *expect;       /* the single-threaded result, as CSV-ish text */
} row;

static pmml_model *model;
static row *rows;
static size_t n_rows, n_inputs;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Score row r in context c and write its outputs, '|'-separated, to buf. */
static void
score_row(pmml_ctx *c, const row *r, char *buf, size_t size)
{
  pmml_error e;
  size_t i, at = 0;
  for (i = 0; i < n_inputs; i++) {
    if (r->cells[i])
      pmml_ctx_set_text(c, i, r->cells[i], r->lens[i]);
    else
      pmml_ctx_set_missing(c, i);
  }
  if (pmml_score(c, &e) != PMML_OK) {
    snprintf(buf, size, "error: %s", e.message);
    return;
  }
  buf[0] = '\0';
  for (i = 0; i < pmml_model_output_count(model) && at + 1 < size; i++) {
    pmml_value v;
    pmml_ctx_output(c, i, &v);
    if (v.kind == PMML_STRING)
      at += (size_t)snprintf(buf + at, size - at, "%.*s|", (int)v.length,
                             v.string);
    else {
      size_t n = pmml_value_format(&v, buf + at, size - at);
      at += n;
      if (at + 1 < size)
        buf[at++] = '|';
      buf[at < size ? at : size - 1] = '\0';
    }
  }
}

static void *
worker(void *arg)
{
  size_t seed = (size_t)arg, k, i;
  pmml_ctx *c;
  char buf[4096];
  if (pmml_ctx_new(model, &c) != PMML_OK)
    return (void *)1;
  for (k = 0; k < 3 * n_rows; k++) {
    /* Each thread walks the rows in its own order. */
    i = (k * 7919 + seed * 104729) % n_rows;
    score_row(c, &rows[i], buf, sizeof buf);
    if (strcmp(buf, rows[i].expect) != 0) {
      pthread_mutex_lock(&lock);
      if (failures++ < 5)
        fprintf(stderr, "threads: row %zu: '%s', alone '%s'\n", i + 1, buf,
                rows[i].expect);
      pthread_mutex_unlock(&lock);
    }
  }
  pmml_ctx_free(c);
  return NULL;
}

int
main(int argc, char **argv)
{
  pmml_error e;
  pmcsv_reader *rd;
  const pmcsv_field *f;
  size_t n, i, cap = 0, n_threads = argc > 3 ? (size_t)atoi(argv[3]) : 16;
  long *col;
  int rc, header = 1;
  FILE *in;
  pmml_ctx *c;
  pthread_t *tid;
  char buf[4096];

  if (argc < 3) {
    fprintf(stderr, "usage: threads MODEL INPUT [THREADS]\n");
    return 2;
  }
  if (pmml_model_load_file(argv[1], NULL, &model, &e) != PMML_OK) {
    fprintf(stderr, "%s:%lu: %s\n", argv[1], e.line, e.message);
    return 1;
  }
  n_inputs = pmml_model_input_count(model);
  col = calloc(n_inputs + 1, sizeof *col);
  in = fopen(argv[2], "rb");
  rd = in ? pmcsv_reader_new(in, NULL) : NULL;
  if (!col || !rd) {
    fprintf(stderr, "threads: cannot read %s\n", argv[2]);
    return 1;
  }
  while ((rc = pmcsv_read(rd, &f, &n)) == PMCSV_ROW) {
    row *r;
    if (header) {
      for (i = 0; i < n_inputs; i++) {
        const char *name = pmml_model_input_name(model, i);
        size_t k;
        col[i] = -1;
        for (k = 0; k < n; k++)
          if (f[k].len == strlen(name) && !memcmp(f[k].s, name, f[k].len))
            col[i] = (long)k;
      }
      header = 0;
      continue;
    }
    if (n_rows == cap) {
      cap = cap ? 2 * cap : 256;
      rows = realloc(rows, cap * sizeof *rows);
    }
    r = &rows[n_rows++];
    r->cells = calloc(n_inputs + 1, sizeof *r->cells);
    r->lens = calloc(n_inputs + 1, sizeof *r->lens);
    for (i = 0; i < n_inputs; i++) {
      const pmcsv_field *cell;
      if (col[i] < 0 || (size_t)col[i] >= n)
        continue;
      cell = &f[col[i]];
      if (cell->len == 0 || (cell->len == 2 && !memcmp(cell->s, "NA", 2)) ||
          (cell->len == 3 && !memcmp(cell->s, "N/A", 3)))
        continue;
      r->cells[i] = malloc(cell->len + 1);
      memcpy(r->cells[i], cell->s, cell->len);
      r->cells[i][cell->len] = '\0';
      r->lens[i] = cell->len;
    }
  }
  pmcsv_reader_free(rd);
  fclose(in);
  if (n_rows == 0) {
    fprintf(stderr, "threads: no rows\n");
    return 1;
  }
  /* The single-threaded truth. */
  pmml_ctx_new(model, &c);
  for (i = 0; i < n_rows; i++) {
    score_row(c, &rows[i], buf, sizeof buf);
    rows[i].expect = strdup(buf);
  }
  pmml_ctx_free(c);
  tid = calloc(n_threads, sizeof *tid);
  for (i = 0; i < n_threads; i++)
    pthread_create(&tid[i], NULL, worker, (void *)(i + 1));
  for (i = 0; i < n_threads; i++)
    pthread_join(tid[i], NULL);
  for (i = 0; i < n_rows; i++) {
    size_t k;
    for (k = 0; k < n_inputs; k++)
      free(rows[i].cells[k]);
    free(rows[i].cells);
    free(rows[i].lens);
    free(rows[i].expect);
  }
  free(rows);
  free(tid);
  free(col);
  pmml_model_free(model);
  if (failures) {
    fprintf(stderr, "threads: %d results differ\n", failures);
    return 1;
  }
  printf("threads: %zu rows x 3 from %zu threads agree\n", n_rows,
         n_threads);
  return 0;
}
