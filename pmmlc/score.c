/*
** score.c: `pmmlc score`, batch scoring of CSV files. Streams the input
** one record at a time (constant memory in the number of rows), matches
** columns to the model's inputs by name, and writes one output row per
** input row, in order: a row that cannot be scored stops the run with its
** row number, or (--on-error=report) gets empty results and the reason in
** a last column; no row is ever dropped or shifted.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "pmmlc.h"

#define MAX_NA 64

typedef struct score_opts {
  const char *model, *input, *output;
  char sep;
  const char *na[MAX_NA];
  size_t na_len[MAX_NA];
  int n_na;
  int keep_all;
  const char *keep_list;
  int report_errors;
  int progress;         /* 1 on, 0 off, -1 when standard error is a tty */
} score_opts;

static void
score_usage(FILE *out)
{
  fprintf(out,
    "Usage: %s score [OPTION]... MODEL [INPUT|-] [-o OUTPUT|-]\n"
    "Score every row of a CSV file with a PMML model and write the results\n"
    "as CSV: a header, then one row per input row, in order.\n"
    "\n"
    "Input columns are matched to the model's input fields by name (extra\n"
    "columns are ignored; a missing one is an error before any row is\n"
    "scored). Output columns: the predicted value of each target field,\n"
    "then every OutputField of the model, named as in the PMML.\n"
    "\n"
    "  -o, --output=FILE      write to FILE (default: standard output)\n"
    "  -s, --separator=C      field separator of input and output: a single\n"
    "                         character, or 'tab' (default ',')\n"
    "      --na=STRING        a cell equal to STRING is a missing value; the\n"
    "                         first --na replaces the default set, which is\n"
    "                         the empty cell, NA and N/A (repeatable)\n"
    "  -k, --keep-input       copy all input columns in front of the results\n"
    "      --keep=COLS        copy these input columns (comma-separated)\n"
    "      --on-error=MODE    a row that cannot be scored: 'stop' (default)\n"
    "                         reports its row and line and exits with 1;\n"
    "                         'report' writes the row with empty results and\n"
    "                         the reason in a last column 'pmmlc_error',\n"
    "                         goes on, and exits with 0\n"
    "      --progress         report progress on standard error (the\n"
    "                         default when it is a terminal)\n"
    "  -q, --quiet            no progress report\n"
    "  -h, --help             show this help\n"
    "\n"
    "INPUT and OUTPUT default to standard input and output ('-'). Numbers\n"
    "are written in the shortest form that reads back to the same value;\n"
    "missing results are empty cells.\n",
    progname);
}

static void
parse_args(int argc, char **argv, score_opts *o)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"separator", required_argument, NULL, 's'},
    {"na", required_argument, NULL, 'N'},
    {"keep-input", no_argument, NULL, 'k'},
    {"keep", required_argument, NULL, 'K'},
    {"on-error", required_argument, NULL, 'E'},
    {"progress", no_argument, NULL, 'P'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int c, user_na = 0;
  memset(o, 0, sizeof *o);
  o->sep = ',';
  o->progress = -1;
  o->na[0] = "";
  o->na[1] = "NA";
  o->na[2] = "N/A";
  o->n_na = 3;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:s:kqh", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      o->output = optarg;
      break;
    case 's':
      if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
        o->sep = '\t';
      else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' &&
               optarg[0] != '\r')
        o->sep = optarg[0];
      else
        die_usage("score: bad separator '%s' (one character, or 'tab')",
                  optarg);
      break;
    case 'N':
      if (!user_na) {
        o->n_na = 0;
        user_na = 1;
      }
      if (o->n_na == MAX_NA)
        die_usage("score: more than %d --na values", MAX_NA);
      o->na[o->n_na++] = optarg;
      break;
    case 'k':
      o->keep_all = 1;
      break;
    case 'K':
      o->keep_list = optarg;
      break;
    case 'E':
      if (!strcmp(optarg, "stop"))
        o->report_errors = 0;
      else if (!strcmp(optarg, "report"))
        o->report_errors = 1;
      else
        die_usage("score: --on-error is 'stop' or 'report', not '%s'",
                  optarg);
      break;
    case 'P':
      o->progress = 1;
      break;
    case 'q':
      o->progress = 0;
      break;
    case 'h':
      score_usage(stdout);
      exit(0);
    default:
      die_usage("score: bad option");
    }
  }
  if (optind >= argc)
    die_usage("score: no MODEL given");
  o->model = argv[optind++];
  o->input = optind < argc ? argv[optind++] : "-";
  if (optind < argc)
    die_usage("score: unexpected argument '%s'", argv[optind]);
  if (!o->output)
    o->output = "-";
  if (!strcmp(o->model, "-") && !strcmp(o->input, "-"))
    die_usage("score: the model and the input cannot both be standard "
              "input");
  {
    int i;
    for (i = 0; i < o->n_na; i++)
      o->na_len[i] = strlen(o->na[i]);
  }
}

static int
is_na(const score_opts *o, const char *s, size_t len)
{
  int i;
  for (i = 0; i < o->n_na; i++)
    if (o->na_len[i] == len && memcmp(o->na[i], s, len) == 0)
      return 1;
  return 0;
}

/* The state of one run. */
typedef struct run {
  const score_opts *o;
  pmml_model *m;
  pmml_ctx *ctx;
  pmcsv_reader *rd;
  pmcsv_writer w;
  FILE *out;
  const char *in_name;
  size_t n_cols;          /* fields in the header */
  long *input_col;        /* column of each model input */
  size_t n_inputs, n_outputs;
  size_t *keep;           /* input columns copied to the output */
  size_t n_keep;
  unsigned long rows, failed;
} run;

/* Column index of each model input; all missing ones reported at once. */
static int
map_columns(run *r, const pmcsv_field *hdr, size_t n)
{
  size_t i, k;
  int missing = 0;
  r->n_cols = n;
  r->n_inputs = pmml_model_input_count(r->m);
  r->input_col = calloc(r->n_inputs + 1, sizeof *r->input_col);
  if (!r->input_col)
    return -1;
  for (i = 0; i < r->n_inputs; i++) {
    const char *name = pmml_model_input_name(r->m, i);
    size_t len = strlen(name);
    r->input_col[i] = -1;
    for (k = 0; k < n; k++)
      if (hdr[k].len == len && memcmp(hdr[k].s, name, len) == 0) {
        r->input_col[i] = (long)k;
        break;
      }
    if (r->input_col[i] < 0) {
      fprintf(stderr, "%s: error: no column '%s' (an input of the model)\n",
              r->in_name, name);
      missing = 1;
    }
  }
  if (missing)
    return -1;
  /* Columns to copy to the output. */
  r->keep = calloc(n + 1, sizeof *r->keep);
  if (!r->keep)
    return -1;
  if (r->o->keep_all) {
    for (k = 0; k < n; k++)
      r->keep[r->n_keep++] = k;
  } else if (r->o->keep_list) {
    const char *p = r->o->keep_list;
    while (*p) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      for (k = 0; k < n; k++)
        if (hdr[k].len == len && memcmp(hdr[k].s, p, len) == 0)
          break;
      if (k == n) {
        fprintf(stderr, "%s: error: --keep: no column '%.*s'\n", r->in_name,
                (int)len, p);
        return -1;
      }
      if (r->n_keep < n)
        r->keep[r->n_keep++] = k;
      p += len + (e ? 1 : 0);
    }
  }
  return 0;
}

static int
write_header(run *r, const pmcsv_field *hdr)
{
  size_t i;
  for (i = 0; i < r->n_keep; i++)
    pmcsv_put(&r->w, hdr[r->keep[i]].s, hdr[r->keep[i]].len);
  r->n_outputs = pmml_model_output_count(r->m);
  for (i = 0; i < r->n_outputs; i++) {
    const char *name = pmml_model_output_name(r->m, i);
    pmcsv_put(&r->w, name, strlen(name));
  }
  if (r->o->report_errors)
    pmcsv_put(&r->w, "pmmlc_error", 11);
  return pmcsv_end_row(&r->w);
}

/* Kept input columns of a row (those it has). */
static void
put_kept(run *r, const pmcsv_field *f, size_t n)
{
  size_t i;
  for (i = 0; i < r->n_keep; i++) {
    size_t k = r->keep[i];
    if (f && k < n)
      pmcsv_put(&r->w, f[k].s, f[k].len);
    else
      pmcsv_put(&r->w, "", 0);
  }
}

/* A row that cannot be scored: stop, or write it with the reason. */
static int
row_error(run *r, const pmcsv_field *f, size_t n, const char *msg)
{
  unsigned long rec = pmcsv_record_number(r->rd);
  unsigned long line = pmcsv_line_number(r->rd);
  size_t i;
  r->failed++;
  if (!r->o->report_errors) {
    fprintf(stderr, "%s:%lu: error: row %lu: %s\n", r->in_name, line, rec,
            msg);
    return -1;
  }
  put_kept(r, f, n);
  for (i = 0; i < r->n_outputs; i++)
    pmcsv_put(&r->w, "", 0);
  {
    char buf[700];
    int len = snprintf(buf, sizeof buf, "row %lu (line %lu): %s", rec, line,
                       msg);
    pmcsv_put(&r->w, buf, len < 0 ? 0 : (size_t)len >= sizeof buf
                                            ? sizeof buf - 1
                                            : (size_t)len);
  }
  return pmcsv_end_row(&r->w);
}

static int
score_row(run *r, const pmcsv_field *f, size_t n)
{
  pmml_error e;
  size_t i;
  char buf[64];
  if (n != r->n_cols) {
    snprintf(buf, sizeof buf, "%zu fields, but the header has %zu", n,
             r->n_cols);
    return row_error(r, f, n, buf);
  }
  for (i = 0; i < r->n_inputs; i++) {
    const pmcsv_field *cell = &f[r->input_col[i]];
    if (is_na(r->o, cell->s, cell->len))
      pmml_ctx_set_missing(r->ctx, i);
    else
      pmml_ctx_set_text(r->ctx, i, cell->s, cell->len);
  }
  if (pmml_score(r->ctx, &e) != PMML_OK)
    return row_error(r, f, n, e.message);
  put_kept(r, f, n);
  for (i = 0; i < r->n_outputs; i++) {
    pmml_value v;
    pmml_ctx_output(r->ctx, i, &v);
    if (v.kind == PMML_STRING) {
      pmcsv_put(&r->w, v.string, v.length);
    } else {
      size_t len = pmml_value_format(&v, buf, sizeof buf);
      pmcsv_put(&r->w, buf, len < sizeof buf ? len : sizeof buf - 1);
    }
  }
  if (r->o->report_errors)
    pmcsv_put(&r->w, "", 0);
  return pmcsv_end_row(&r->w);
}

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
cmd_score(int argc, char **argv)
{
  score_opts o;
  run r;
  pmcsv_options copt;
  const pmcsv_field *f;
  size_t n;
  int rc, status = 0, header = 1;
  FILE *in;
  double t0, last;

  parse_args(argc, argv, &o);
  memset(&r, 0, sizeof r);
  r.o = &o;
  r.in_name = strcmp(o.input, "-") ? o.input : "<stdin>";
  if (o.progress < 0)
    o.progress = isatty(2);

  r.m = load_model(o.model);
  if (!r.m)
    return EXIT_DATA;
  if (pmml_ctx_new(r.m, &r.ctx) != PMML_OK) {
    warnx_("out of memory");
    pmml_model_free(r.m);
    return EXIT_DATA;
  }
  in = strcmp(o.input, "-") ? fopen(o.input, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "%s: error: %s\n", o.input, strerror(errno));
    status = EXIT_DATA;
    goto done;
  }
  pmcsv_options_init(&copt);
  copt.sep = o.sep;
  r.rd = pmcsv_reader_new(in, &copt);
  r.out = strcmp(o.output, "-") ? fopen(o.output, "wb") : stdout;
  if (!r.rd || !r.out) {
    if (!r.out)
      fprintf(stderr, "%s: error: %s\n", o.output, strerror(errno));
    else
      warnx_("out of memory");
    status = EXIT_DATA;
    goto done;
  }
  setvbuf(r.out, NULL, _IOFBF, 1 << 16);
  pmcsv_writer_init(&r.w, r.out, o.sep);
  t0 = last = now();
  while ((rc = pmcsv_read(r.rd, &f, &n)) != PMCSV_EOF) {
    if (rc == PMCSV_FATAL) {
      fprintf(stderr, "%s: error: %s\n", r.in_name, pmcsv_error(r.rd));
      status = EXIT_DATA;
      break;
    }
    if (header) {
      if (rc == PMCSV_ERROR) {
        fprintf(stderr, "%s:%lu: error: header: %s\n", r.in_name,
                pmcsv_line_number(r.rd), pmcsv_error(r.rd));
        status = EXIT_DATA;
        break;
      }
      if (map_columns(&r, f, n) || write_header(&r, f)) {
        status = EXIT_DATA;
        break;
      }
      header = 0;
      continue;
    }
    r.rows++;
    if (rc == PMCSV_ERROR) {
      char msg[300];
      snprintf(msg, sizeof msg, "%s", pmcsv_error(r.rd));
      if (row_error(&r, NULL, 0, msg)) {
        status = EXIT_DATA;
        break;
      }
    } else if (score_row(&r, f, n)) {
      status = EXIT_DATA;
      break;
    }
    if (o.progress && (r.rows & 4095) == 0) {
      double t = now();
      if (t - last >= 1.0) {
        fprintf(stderr, "\r%s: %lu rows, %.0f rows/s", progname, r.rows,
                r.rows / (t - t0));
        last = t;
      }
    }
  }
  if (header && status == 0) {
    fprintf(stderr, "%s: error: no header row (the input is empty)\n",
            r.in_name);
    status = EXIT_DATA;
  }
  if (o.progress && r.rows >= 4096)
    fprintf(stderr, "\r%s: %lu rows in %.2f s%20s\n", progname, r.rows,
            now() - t0, "");
  if (r.failed && o.report_errors)
    fprintf(stderr, "%s: %lu of %lu rows could not be scored (see column "
            "pmmlc_error)\n", progname, r.failed, r.rows);
done:
  if (r.out && (fflush(r.out) != 0 || ferror(r.out) || r.w.failed)) {
    fprintf(stderr, "%s: error: cannot write: %s\n",
            strcmp(o.output, "-") ? o.output : "<stdout>", strerror(errno));
    status = EXIT_DATA;
  }
  if (r.out && r.out != stdout)
    fclose(r.out);
  pmcsv_reader_free(r.rd);
  if (in && in != stdin)
    fclose(in);
  free(r.input_col);
  free(r.keep);
  pmml_ctx_free(r.ctx);
  pmml_model_free(r.m);
  return status;
}
