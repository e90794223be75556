/*
** fuzz_score.c: libFuzzer target for scoring. Fixed models are loaded once
** (the "MODEL INPUT" pairs listed, one a line, in the file named by the
** environment variable PMML_FUZZ_MODELS; those that do not load are left
** out); the first byte of an input picks one. The rest is split at 0x1f
** bytes into fields: field k sets input k % n_inputs of the record (an
** empty field: missing; "\x02" and 8 bytes: that double, NaN and infinity
** included; otherwise pmml_ctx_set_text), and the record is scored each
** time every input was set, and once more at the end. Every output is
** read and formatted. A record fails only with a message, and scoring
** the same record twice gives the same results.
**
** With PMML_FUZZ_SEEDS=DIR set, the start-up also writes into DIR one seed
** per row (at most 40 per model) of each model's input CSV, and the run
** should be given -runs=0. Built and run by tests/fuzz/run.sh.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "pmml.h"

#define MAX_MODELS 512

static pmml_model *models[MAX_MODELS];
static pmml_ctx *ctxs[MAX_MODELS];
static char *paths[MAX_MODELS];
static size_t n_models, cur;

/* A broken check: say which model and why, and crash for libFuzzer. */
static void
fail(const char *why, const pmml_error *e)
{
  fprintf(stderr, "fuzz_score: %s: %s", paths[cur], why);
  if (e)
    fprintf(stderr, " (status %d, error %d '%s')", (int)e->code, (int)e->code,
            e->message);
  fputc('\n', stderr);
  abort();
}

/* One seed per row of 'csv' for model k (its inputs by name). */
static void
write_seeds(const char *dir, size_t k, const char *csv)
{
  pmml_model *m = models[k];
  size_t n_in = pmml_model_input_count(m), i, n, rows = 0;
  long *col;
  const pmcsv_field *f;
  pmcsv_reader *r;
  FILE *fp = fopen(csv, "rb");
  int rc;
  if (!fp)
    return;
  r = pmcsv_reader_new(fp, NULL);
  col = calloc(n_in + 1, sizeof *col);
  if (!r || !col)
    abort();
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF && rows < 40) {
    char path[4096];
    FILE *out;
    if (rc != PMCSV_ROW)
      continue;
    if (pmcsv_record_number(r) == 0) {
      for (i = 0; i < n_in; i++) {
        const char *name = pmml_model_input_name(m, i);
        size_t j;
        col[i] = -1;
        for (j = 0; j < n; j++)
          if (f[j].len == strlen(name) && !memcmp(f[j].s, name, f[j].len))
            col[i] = (long)j;
      }
      continue;
    }
    snprintf(path, sizeof path, "%s/m%zu_r%zu", dir, k, rows++);
    out = fopen(path, "wb");
    if (!out)
      abort();
    fputc((int)k, out);
    for (i = 0; i < n_in; i++) {
      if (i)
        fputc(0x1f, out);
      if (col[i] >= 0 && (size_t)col[i] < n && !(f[col[i]].len == 2 &&
                                                 !memcmp(f[col[i]].s, "NA", 2)))
        fwrite(f[col[i]].s, 1, f[col[i]].len, out);
    }
    fclose(out);
  }
  free(col);
  pmcsv_reader_free(r);
  fclose(fp);
}

/* libFuzzer start-up: load the models. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  const char *list = getenv("PMML_FUZZ_MODELS");
  const char *seeds = getenv("PMML_FUZZ_SEEDS");
  char line[8192];
  FILE *fp;
  (void)argc, (void)argv;
  if (!list || !(fp = fopen(list, "r"))) {
    fprintf(stderr, "fuzz_score: set PMML_FUZZ_MODELS to a file of "
            "'MODEL INPUT' lines\n");
    exit(2);
  }
  while (n_models < MAX_MODELS && fgets(line, sizeof line, fp)) {
    char *sp = strchr(line, ' '), *nl = strchr(line, '\n');
    pmml_error e;
    if (nl)
      *nl = '\0';
    if (sp)
      *sp++ = '\0';
    if (!line[0])
      continue;
    if (pmml_model_load_file(line, NULL, &models[n_models], &e) != PMML_OK)
      continue;
    if (pmml_ctx_new(models[n_models], &ctxs[n_models]) != PMML_OK)
      abort();
    if (seeds && sp)
      write_seeds(seeds, n_models, sp);
    paths[n_models] = strdup(line);
    n_models++;
  }
  fclose(fp);
  if (!n_models) {
    fprintf(stderr, "fuzz_score: no model of %s loads\n", list);
    exit(2);
  }
  fprintf(stderr, "fuzz_score: %zu models\n", n_models);
  return 0;
}

/* Score the record and check it: results or a message, and the same
** results a second time. */
static void
score(const pmml_model *m, pmml_ctx *c)
{
  static char first[1 << 16];
  size_t i, at = 0, n_out = pmml_model_output_count(m);
  pmml_error e;
  pmml_status st = pmml_score(c, &e);
  char buf[64];
  if (st != PMML_OK) {
    if (st != e.code || !e.message[0] || strchr(e.message, '\n'))
      fail("a failed record without a proper message", &e);
    if (pmml_score(c, &e) != st)
      fail("the same record scored again gives another status", &e);
    return;
  }
  for (i = 0; i < n_out; i++) {
    pmml_value v;
    size_t len;
    if (pmml_ctx_output(c, i, &v) != PMML_OK)
      fail("pmml_ctx_output refuses an output", NULL);
    len = pmml_value_format(&v, buf, sizeof buf);
    if (len >= sizeof buf && v.kind != PMML_STRING)
      fail("a number, boolean or date longer than 63 bytes", NULL);
    if (v.kind == PMML_STRING) {
      if (v.length && !v.string)
        fail("a NULL string", NULL);
      len = v.length;
    }
    if (at + len + 1 < sizeof first) {
      memcpy(first + at, v.kind == PMML_STRING ? v.string : buf, len);
      at += len;
      first[at++] = '|';
    }
  }
  /* Again: the same text. */
  if (pmml_score(c, &e) != PMML_OK)
    fail("the same record scored again fails", &e);
  {
    size_t at2 = 0;
    for (i = 0; i < n_out; i++) {
      pmml_value v;
      size_t len;
      pmml_ctx_output(c, i, &v);
      len = pmml_value_format(&v, buf, sizeof buf);
      if (v.kind == PMML_STRING)
        len = v.length;
      if (at2 + len + 1 < sizeof first) {
        if (memcmp(first + at2, v.kind == PMML_STRING ? v.string : buf, len))
          fail("the same record scored again gives other results", NULL);
        at2 += len + 1;
      }
    }
  }
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const pmml_model *m;
  pmml_ctx *c;
  size_t n_in, k = 0, set = 0;
  const uint8_t *p, *end;
  if (size < 1)
    return 0;
  cur = data[0] % n_models;
  m = models[cur];
  c = ctxs[cur];
  n_in = pmml_model_input_count(m);
  pmml_ctx_clear(c);
  p = data + 1;
  end = data + size;
  while (n_in) {
    const uint8_t *q = memchr(p, 0x1f, (size_t)(end - p));
    size_t len = (size_t)((q ? q : end) - p);
    size_t i = k++ % n_in;
    if (len == 0) {
      pmml_ctx_set_missing(c, i);
    } else if (len == 9 && p[0] == 2) {
      double d;
      memcpy(&d, p + 1, sizeof d);
      pmml_ctx_set_number(c, i, d);
    } else {
      pmml_ctx_set_text(c, i, (const char *)p, len);
    }
    if (++set == n_in) {
      score(m, c);
      set = 0;
    }
    if (!q)
      break;
    p = q + 1;
  }
  score(m, c);
  return 0;
}
