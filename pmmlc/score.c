/*
** score.c: `pmmlc score`, batch scoring of CSV files. Streams the input
** one record at a time (constant memory in the number of rows), matches
** columns to the model's inputs by name, and writes one output row per
** input row, in order: a row that cannot be scored stops the run with its
** row number, or (--on-error=report) gets empty results and the reason in
** a last column; no row is ever dropped or shifted.
**
** A model with a group input (an AssociationModel scoring transactions)
** scores groups of rows instead: a run of consecutive rows with the same
** group key is one record, whose items are the item column's values over
** the run, and gives one output row. Only runs can be grouped without
** holding the file: input whose keys interleave must be sorted by the key
** first (a key that comes back starts a new group, with a warning while
** the keys seen fit a fixed table). The group's first row gives the other
** inputs and the kept columns.
**
** With -j N (N > 1) rows are scored on N threads, in a pipeline whose
** memory is bounded whatever the input: this thread reads blocks of rows
** (copying the cells the model and --keep need), N workers with a context
** each score whole blocks into memory, and a writer thread writes the
** blocks in input order. A row is scored and formatted by the same code
** at any -j, so the output is the same bytes. In stop mode the writer
** stops at the first failing row in input order: the rows before it are
** written, it and nothing after it, exactly as with -j 1. Grouped models
** are scored on this thread whatever -j says (a group may be any number
** of rows: splitting it between blocks would mean holding it whole).
*/
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#ifdef HAVE_STDIO_EXT_H
#include <stdio_ext.h> /* __fsetlocking */
#endif
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "pmmlc.h"

#define MAX_NA 64
#define MAX_JOBS 256

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
  long jobs;            /* scoring threads; 1: no thread is started */
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
    "  -j, --jobs=N           score on N threads (default 1; 0: one per\n"
    "                         online processor); the output is the same\n"
    "                         bytes in the same order at any N\n"
    "  -h, --help             show this help\n"
    "\n"
    "INPUT and OUTPUT default to standard input and output ('-'). Numbers\n"
    "are written in the shortest form that reads back to the same value;\n"
    "missing results are empty cells.\n"
    "\n"
    "A model that scores groups of rows (an AssociationModel with a group\n"
    "field, one transaction per group) gets one output row per run of\n"
    "consecutive rows with the same group key, in input order; the items\n"
    "are the values of the item column over the run. Sort the input by the\n"
    "key if its groups are not together. Kept columns come from the\n"
    "group's first row. Such a model is scored on one thread whatever -j\n"
    "says.\n",
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
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int c, user_na = 0;
  memset(o, 0, sizeof *o);
  o->sep = ',';
  o->progress = -1;
  o->jobs = 1;
  o->na[0] = "";
  o->na[1] = "NA";
  o->na[2] = "N/A";
  o->n_na = 3;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:s:kqj:h", longopts, NULL)) != -1) {
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
    case 'j': {
      char *end;
      errno = 0;
      o->jobs = strtol(optarg, &end, 10);
      if (errno || end == optarg || *end || o->jobs < 0 || o->jobs > MAX_JOBS)
        die_usage("score: -j takes a number of threads from 0 to %d, not "
                  "'%s'", MAX_JOBS, optarg);
      if (o->jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o->jobs = n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : n;
      }
      break;
    }
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

typedef struct run run;

/* What scores rows: a context, where the rows go, and the row that
** stopped it. The serial run has one writing to the output; each worker
** of -j has its own, writing to the block it scores. */
typedef struct scorer {
  const run *r;
  pmml_ctx *ctx;
  pmcsv_writer w;
  unsigned long failed;   /* rows written as failed (report mode) */
  int stopped;            /* stop mode: a row failed, see below */
  unsigned long err_rec, err_line; /* that row and its line */
  char err_msg[600];      /* and why */
  pmcsv_field *fields;    /* [n_cols]: a worker's view of a block's row */
} scorer;

/* The state of one run. */
struct run {
  const score_opts *o;
  pmml_model *m;
  scorer s;               /* the scorer of this thread */
  pmcsv_reader *rd;
  FILE *out;
  const char *in_name;
  size_t n_cols;          /* fields in the header */
  long *input_col;        /* column of each model input */
  size_t n_inputs, n_outputs;
  size_t *keep;           /* input columns copied to the output */
  size_t n_keep;
  unsigned long rows, failed;
  /* Grouping (a model with a group input). */
  long group_col;         /* the group key's column, -1: one row a record */
  unsigned char *items;   /* [n_inputs]: 1 for an item input */
  int in_group;           /* a group is open */
  unsigned long groups;   /* groups finished */
  char *first;            /* the open group's first row, cell after cell */
  size_t first_cap;
  pmcsv_field *first_f;   /* [n_cols]: its cells (into 'first') */
  size_t key_len;         /* the key: first_f[group_col] */
  unsigned long g_rec, g_line, g_last; /* its first row, line; last row */
  char g_err[700];        /* why it cannot be scored, "" if it can */
  uint64_t *seen;         /* hashes of finished groups' keys, 0 empty */
  size_t seen_n;
  int warned;
  double t0, last;        /* progress: start, last report */
  /* Scoring on threads (-j): the columns a block keeps of each row. */
  size_t *need;           /* ascending column indices */
  size_t n_need;
};

/* Room for the keys of 512Ki groups (8 MiB): beyond, no more checking. */
#define SEEN_SLOTS ((size_t)1 << 20)

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
  pmcsv_writer *w = &r->s.w;
  size_t i;
  for (i = 0; i < r->n_keep; i++)
    pmcsv_put(w, hdr[r->keep[i]].s, hdr[r->keep[i]].len);
  r->n_outputs = pmml_model_output_count(r->m);
  for (i = 0; i < r->n_outputs; i++) {
    const char *name = pmml_model_output_name(r->m, i);
    pmcsv_put(w, name, strlen(name));
  }
  if (r->o->report_errors)
    pmcsv_put(w, "pmmlc_error", 11);
  return pmcsv_end_row(w);
}

/* Kept input columns of a row (those it has). */
static void
put_kept(scorer *s, const pmcsv_field *f, size_t n)
{
  const run *r = s->r;
  size_t i;
  for (i = 0; i < r->n_keep; i++) {
    size_t k = r->keep[i];
    if (f && k < n)
      pmcsv_put(&s->w, f[k].s, f[k].len);
    else
      pmcsv_put(&s->w, "", 0);
  }
}

/* The results of the record just scored, then the row's end. */
static int
put_results(scorer *s)
{
  const run *r = s->r;
  size_t i;
  char buf[64];
  for (i = 0; i < r->n_outputs; i++) {
    pmml_value v;
    pmml_ctx_output(s->ctx, i, &v);
    if (v.kind == PMML_STRING) {
      pmcsv_put(&s->w, v.string, v.length);
    } else {
      size_t len = pmml_value_format(&v, buf, sizeof buf);
      pmcsv_put(&s->w, buf, len < sizeof buf ? len : sizeof buf - 1);
    }
  }
  if (r->o->report_errors)
    pmcsv_put(&s->w, "", 0);
  return pmcsv_end_row(&s->w);
}

/* A row (record rec, on line 'line') that cannot be scored: stop (the
** scorer keeps why, for stop_message), or write it with the reason. */
static int
row_error(scorer *s, unsigned long rec, unsigned long line,
          const pmcsv_field *f, size_t n, const char *msg)
{
  const run *r = s->r;
  size_t i;
  if (!r->o->report_errors) {
    s->stopped = 1;
    s->err_rec = rec;
    s->err_line = line;
    snprintf(s->err_msg, sizeof s->err_msg, "%s", msg);
    return -1;
  }
  s->failed++;
  put_kept(s, f, n);
  for (i = 0; i < r->n_outputs; i++)
    pmcsv_put(&s->w, "", 0);
  {
    char buf[700];
    int len = snprintf(buf, sizeof buf, "row %lu (line %lu): %s", rec, line,
                       msg);
    pmcsv_put(&s->w, buf, len < 0 ? 0 : (size_t)len >= sizeof buf
                                            ? sizeof buf - 1
                                            : (size_t)len);
  }
  return pmcsv_end_row(&s->w);
}

/* The message of the row that stopped the run (stop mode). */
static void
stop_message(const run *r, const scorer *s)
{
  if (s->stopped)
    fprintf(stderr, "%s:%lu: error: row %lu: %s\n", r->in_name, s->err_line,
            s->err_rec, s->err_msg);
}

/* The roles of the inputs: is there a group key, and which are items? */
static int
map_roles(run *r)
{
  size_t i;
  r->group_col = -1;
  r->items = calloc(r->n_inputs + 1, 1);
  if (!r->items)
    return -1;
  for (i = 0; i < r->n_inputs; i++)
    switch (pmml_model_input_role(r->m, i)) {
    case PMML_ROLE_GROUP:
      r->group_col = r->input_col[i];
      break;
    case PMML_ROLE_ITEMS:
      r->items[i] = 1;
      break;
    default:
      break;
    }
  if (r->group_col < 0)
    return 0;
  r->first_f = calloc(r->n_cols + 1, sizeof *r->first_f);
  r->seen = calloc(SEEN_SLOTS, sizeof *r->seen);
  return r->first_f && r->seen ? 0 : -1;
}

/* Score the row f[0..n) (record rec, on line 'line') and write its row.
** Returns 0, or -1 when the run stops (a failed row in stop mode, or a
** write error). */
static int
score_row(scorer *s, unsigned long rec, unsigned long line,
          const pmcsv_field *f, size_t n)
{
  const run *r = s->r;
  pmml_error e;
  size_t i;
  if (n != r->n_cols) {
    char buf[64];
    snprintf(buf, sizeof buf, "%zu fields, but the header has %zu", n,
             r->n_cols);
    return row_error(s, rec, line, f, n, buf);
  }
  for (i = 0; i < r->n_inputs; i++) {
    const pmcsv_field *cell = &f[r->input_col[i]];
    if (is_na(r->o, cell->s, cell->len))
      pmml_ctx_set_missing(s->ctx, i);
    else
      pmml_ctx_set_text(s->ctx, i, cell->s, cell->len);
  }
  if (pmml_score(s->ctx, &e) != PMML_OK)
    return row_error(s, rec, line, f, n, e.message);
  put_kept(s, f, n);
  return put_results(s);
}

/* ---- groups ------------------------------------------------------------ */

static uint64_t
key_hash(const char *s, size_t len)
{
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211u;
  }
  return h ? h : 1;
}

/* Has a finished group had this key? (1: yes, 0: no or no longer known.)
** With 'add', remember it. */
static int
key_seen(run *r, const char *s, size_t len, int add)
{
  uint64_t h = key_hash(s, len);
  size_t i = (size_t)h & (SEEN_SLOTS - 1);
  while (r->seen[i]) {
    if (r->seen[i] == h)
      return 1;
    i = (i + 1) & (SEEN_SLOTS - 1);
  }
  if (add && r->seen_n < SEEN_SLOTS / 2) {
    r->seen[i] = h;
    r->seen_n++;
  }
  return 0;
}

/* Open a group at row f: an empty transaction, and a copy of the row (the
** reader reuses its buffer), whose cells give the other inputs. */
static int
group_open(run *r, const pmcsv_field *f, size_t n)
{
  size_t i, total = 0, at = 0;
  r->in_group = 1;
  r->g_rec = r->g_last = pmcsv_record_number(r->rd);
  r->g_line = pmcsv_line_number(r->rd);
  r->g_err[0] = '\0';
  pmml_ctx_clear(r->s.ctx);
  for (i = 0; i < n; i++)
    total += f[i].len;
  if (total + 1 > r->first_cap) {
    char *p = realloc(r->first, total + 1);
    if (!p) {
      warnx_("out of memory");
      return -1;
    }
    r->first = p;
    r->first_cap = total + 1;
  }
  for (i = 0; i < r->n_cols; i++) {
    size_t len = f && i < n ? f[i].len : 0;
    if (len)
      memcpy(r->first + at, f[i].s, len);
    r->first_f[i].s = r->first + at;
    r->first_f[i].len = len;
    at += len;
  }
  r->key_len = r->first_f[r->group_col].len;
  if (n == r->n_cols && !r->warned &&
      key_seen(r, r->first_f[r->group_col].s, r->key_len, 0)) {
    fprintf(stderr,
            "%s:%lu: warning: group '%.*s' comes back at row %lu: groups "
            "are runs of equal keys, so it is scored again (sort the input "
            "by its key to score each group once)\n",
            r->in_name, r->g_line, (int)(r->key_len > 60 ? 60 : r->key_len),
            r->first_f[r->group_col].s, r->g_rec);
    r->warned = 1;
  }
  return 0;
}

/* A row of the open group cannot be read: the group cannot be scored. */
static int
group_fail(run *r, const char *msg)
{
  unsigned long rec = pmcsv_record_number(r->rd);
  unsigned long line = pmcsv_line_number(r->rd);
  if (!r->o->report_errors) {
    fprintf(stderr, "%s:%lu: error: row %lu: %s\n", r->in_name, line, rec,
            msg);
    return -1;
  }
  if (!r->g_err[0])
    snprintf(r->g_err, sizeof r->g_err, "row %lu (line %lu): %s", rec, line,
             msg);
  return 0;
}

/* The open group is complete: score it and write its row. */
static int
group_close(run *r)
{
  pmml_error e;
  size_t i;
  r->in_group = 0;
  r->groups++;
  key_seen(r, r->first_f[r->group_col].s, r->key_len, 1);
  if (!r->g_err[0]) {
    for (i = 0; i < r->n_inputs; i++) {
      const pmcsv_field *cell = &r->first_f[r->input_col[i]];
      if (r->items[i])
        continue;
      if (is_na(r->o, cell->s, cell->len))
        pmml_ctx_set_missing(r->s.ctx, i);
      else
        pmml_ctx_set_text(r->s.ctx, i, cell->s, cell->len);
    }
    if (pmml_score(r->s.ctx, &e) != PMML_OK) {
      if (!r->o->report_errors) {
        fprintf(stderr, "%s:%lu: error: group '%.*s' (rows %lu to %lu): "
                "%s\n", r->in_name, r->g_line,
                (int)(r->key_len > 60 ? 60 : r->key_len),
                r->first_f[r->group_col].s, r->g_rec, r->g_last, e.message);
        return -1;
      }
      snprintf(r->g_err, sizeof r->g_err, "rows %lu to %lu (line %lu): %s",
               r->g_rec, r->g_last, r->g_line, e.message);
    }
  }
  put_kept(&r->s, r->first_f, r->n_cols);
  if (r->g_err[0]) {
    r->s.failed++;
    for (i = 0; i < r->n_outputs; i++)
      pmcsv_put(&r->s.w, "", 0);
    pmcsv_put(&r->s.w, r->g_err, strlen(r->g_err));
    return pmcsv_end_row(&r->s.w);
  }
  return put_results(&r->s);
}

/* A row of a grouped input: it joins the open group, or closes it and
** opens the next. rc is the reader's status for the row. */
static int
group_row(run *r, int rc, const pmcsv_field *f, size_t n)
{
  size_t i;
  if (rc == PMCSV_ERROR || n != r->n_cols) {
    /* Unreadable: its key is unknown, so it belongs to the open group. */
    char msg[300];
    if (rc == PMCSV_ERROR)
      snprintf(msg, sizeof msg, "%s", pmcsv_error(r->rd));
    else
      snprintf(msg, sizeof msg, "%zu fields, but the header has %zu", n,
               r->n_cols);
    if (!r->in_group && group_open(r, NULL, 0))
      return -1;
    r->g_last = pmcsv_record_number(r->rd);
    return group_fail(r, msg);
  }
  if (r->in_group &&
      (f[r->group_col].len != r->key_len ||
       memcmp(f[r->group_col].s, r->first_f[r->group_col].s, r->key_len))) {
    if (group_close(r))
      return -1;
  }
  if (!r->in_group && group_open(r, f, n))
    return -1;
  r->g_last = pmcsv_record_number(r->rd);
  for (i = 0; i < r->n_inputs; i++) {
    const pmcsv_field *cell = &f[r->input_col[i]];
    if (r->items[i] && !is_na(r->o, cell->s, cell->len))
      pmml_ctx_add_item(r->s.ctx, i, cell->s, cell->len);
  }
  return 0;
}

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Report progress now and then (every 4096 rows at most once a second). */
static void
progress(run *r, unsigned long before)
{
  double t;
  if (!r->o->progress || r->rows >> 12 == before >> 12)
    return;
  t = now();
  if (t - r->last >= 1.0) {
    fprintf(stderr, "\r%s: %lu rows, %.0f rows/s", progname, r->rows,
            r->rows / (t - r->t0));
    r->last = t;
  }
}

/* Score the rows after the header on this thread. Returns the status. */
static int
run_serial(run *r)
{
  const pmcsv_field *f;
  size_t n;
  int rc, status = 0;
  while ((rc = pmcsv_read(r->rd, &f, &n)) != PMCSV_EOF) {
    unsigned long rec = pmcsv_record_number(r->rd);
    unsigned long line = pmcsv_line_number(r->rd);
    if (rc == PMCSV_FATAL) {
      fprintf(stderr, "%s: error: %s\n", r->in_name, pmcsv_error(r->rd));
      status = EXIT_DATA;
      break;
    }
    r->rows++;
    if (r->group_col >= 0) {
      if (group_row(r, rc, f, n)) {
        status = EXIT_DATA;
        break;
      }
    } else if (rc == PMCSV_ERROR) {
      char msg[300];
      snprintf(msg, sizeof msg, "%s", pmcsv_error(r->rd));
      if (row_error(&r->s, rec, line, NULL, 0, msg)) {
        stop_message(r, &r->s);
        status = EXIT_DATA;
        break;
      }
    } else if (score_row(&r->s, rec, line, f, n)) {
      stop_message(r, &r->s);
      status = EXIT_DATA;
      break;
    }
    progress(r, r->rows - 1);
  }
  if (r->in_group && status == 0 && group_close(r))
    status = EXIT_DATA;
  r->failed = r->s.failed;
  return status;
}

/* ---- scoring on threads (-j) ------------------------------------------- */

/* A block ends after BLOCK_ROWS rows, BLOCK_CELLS cells or BLOCK_TEXT
** bytes of cells; the first ones are smaller (BLOCK_FIRST rows, doubling)
** so that every worker has work at once and short inputs are shared too. */
#define BLOCK_ROWS 512
#define BLOCK_CELLS 65536
#define BLOCK_FIRST 8
#define BLOCK_TEXT ((size_t)1 << 20)
#define BLOCKS_PER_WORKER 3

/* How reading ended after a block's rows. */
enum { END_NO, END_FATAL, END_NOMEM };

/* A row of a block. */
typedef struct brow {
  unsigned long rec, line; /* its record and line numbers */
  size_t n;               /* its fields; 0 for an unreadable row */
  size_t msg;             /* unreadable: the offset of why in 'text',
                             else -1 */
} brow;

/* A cell of a block: text[off..off+len). */
typedef struct bcell {
  size_t off, len;
} bcell;

/* Rows on their way: the reader fills a block, a worker scores it into
** its own output, the writer writes it. */
typedef struct block {
  brow *rows;             /* [max_rows] */
  size_t n_rows;
  bcell *cells;           /* [max_rows * n_need]: row i at i * n_need */
  char *text;             /* the cells' bytes, and messages */
  size_t used, cap;
  int end;                /* END_*: reading stopped after these rows */
  char end_msg[300];      /* END_FATAL: the reader's message */
  /* The worker's. */
  FILE *fp;               /* an open_memstream on obuf/olen */
  char *obuf;
  size_t olen;
  int done;               /* scored: the writer may take it */
  size_t scored;          /* rows that went through: all, or up to and
                             including the one that stopped the run */
  unsigned long failed;   /* rows written as failed (report mode) */
  int wfail;              /* writing to memory failed */
  scorer stop;            /* the stop, if its 'stopped' is set */
} block;

typedef struct pipeline pipeline;

/* A worker thread. */
typedef struct worker {
  pipeline *p;
  scorer s;
  pthread_t tid;
} worker;

/* The shared state; every field below 'mu' is guarded by it. */
struct pipeline {
  run *r;
  block *ring;            /* block k is ring[k % n_ring] */
  size_t n_ring;
  size_t max_rows;        /* rows in a block at most */
  worker *workers;
  int n_workers;
  pthread_t writer;
  int status;             /* the writer's verdict */
  int werrno;             /* errno of its failed write */
  pthread_mutex_t mu;
  pthread_cond_t cv_free; /* the reader waits for a free block */
  pthread_cond_t cv_work; /* workers wait for a filled one */
  pthread_cond_t cv_done; /* the writer waits for the next scored one */
  unsigned long filled;   /* blocks filled by the reader */
  unsigned long taken;    /* blocks taken by the workers */
  unsigned long written;  /* blocks written */
  int eof;                /* the reader has finished: 'filled' is final */
  int stop;               /* the writer has stopped: everyone ends */
};

/* Append s[0..len) to the block's text; its offset, or -1 (no memory). */
static long
block_text(block *b, const char *s, size_t len)
{
  size_t at = b->used;
  if (len > b->cap - b->used) {
    size_t cap = b->cap * 2;
    char *t;
    while (cap - b->used < len)
      cap *= 2;
    t = realloc(b->text, cap);
    if (!t)
      return -1;
    b->text = t;
    b->cap = cap;
  }
  if (len)
    memcpy(b->text + at, s, len);
  b->used += len;
  return (long)at;
}

/* Fill b with up to max_rows rows, copying the cells the model needs.
** Returns 1 when reading has ended with these rows (b->end says why,
** END_NO at the end of input), else 0. */
static int
fill_block(run *r, block *b, size_t max_rows)
{
  const pmcsv_field *f;
  size_t n, j;
  int rc;
  b->n_rows = 0;
  b->used = 0;
  b->end = END_NO;
  while (b->n_rows < max_rows && b->used < BLOCK_TEXT) {
    brow *row = &b->rows[b->n_rows];
    bcell *cell = &b->cells[b->n_rows * r->n_need];
    long at;
    rc = pmcsv_read(r->rd, &f, &n);
    if (rc == PMCSV_EOF)
      return 1;
    if (rc == PMCSV_FATAL) {
      b->end = END_FATAL;
      snprintf(b->end_msg, sizeof b->end_msg, "%s", pmcsv_error(r->rd));
      return 1;
    }
    row->rec = pmcsv_record_number(r->rd);
    row->line = pmcsv_line_number(r->rd);
    row->msg = (size_t)-1;
    row->n = rc == PMCSV_ERROR ? 0 : n;
    if (rc == PMCSV_ERROR) {
      const char *msg = pmcsv_error(r->rd);
      size_t len = strlen(msg);
      /* As run_serial, which copies it into 300 bytes. */
      at = block_text(b, msg, (len > 299 ? 299 : len) + 1);
      if (at < 0)
        goto nomem;
      b->text[at + (long)(len > 299 ? 299 : len)] = '\0';
      row->msg = (size_t)at;
    } else {
      for (j = 0; j < r->n_need; j++) {
        size_t k = r->need[j];
        cell[j].off = cell[j].len = 0;
        if (k >= n)
          continue;
        at = block_text(b, f[k].s, f[k].len);
        if (at < 0)
          goto nomem;
        cell[j].off = (size_t)at;
        cell[j].len = f[k].len;
      }
    }
    b->n_rows++;
  }
  return 0;
nomem:
  b->end = END_NOMEM;
  return 1;
}

/* Score the rows of b with s into the block's output. */
static void
score_block(run *r, scorer *s, block *b)
{
  size_t i, j;
  int rc = 0;
  s->failed = 0;
  s->stopped = 0;
  b->wfail = 0;
  if (fseek(b->fp, 0, SEEK_SET) != 0) {
    b->wfail = 1;
    b->scored = 0;
    return;
  }
  pmcsv_writer_init(&s->w, b->fp, r->o->sep);
  for (i = 0; i < b->n_rows; i++) {
    const brow *row = &b->rows[i];
    if (row->msg != (size_t)-1) {
      rc = row_error(s, row->rec, row->line, NULL, 0, b->text + row->msg);
    } else {
      const bcell *cell = &b->cells[i * r->n_need];
      for (j = 0; j < r->n_need; j++) {
        s->fields[r->need[j]].s = b->text + cell[j].off;
        s->fields[r->need[j]].len = cell[j].len;
      }
      rc = score_row(s, row->rec, row->line, s->fields, row->n);
    }
    if (rc)
      break;
  }
  b->scored = i < b->n_rows ? i + 1 : b->n_rows;
  if (fflush(b->fp) != 0 || (rc && !s->stopped))
    b->wfail = 1;
  b->failed = s->failed;
  b->stop.stopped = s->stopped;
  if (s->stopped) {
    b->stop.err_rec = s->err_rec;
    b->stop.err_line = s->err_line;
    memcpy(b->stop.err_msg, s->err_msg, sizeof s->err_msg);
  }
}

static void *
worker_main(void *arg)
{
  worker *w = arg;
  pipeline *p = w->p;
  for (;;) {
    block *b;
    pthread_mutex_lock(&p->mu);
    while (!p->stop && p->taken == p->filled && !p->eof)
      pthread_cond_wait(&p->cv_work, &p->mu);
    if (p->stop || p->taken == p->filled) {
      pthread_mutex_unlock(&p->mu);
      return NULL;
    }
    b = &p->ring[p->taken++ % p->n_ring];
    pthread_mutex_unlock(&p->mu);
    score_block(p->r, &w->s, b);
    pthread_mutex_lock(&p->mu);
    b->done = 1;
    pthread_cond_signal(&p->cv_done);
    pthread_mutex_unlock(&p->mu);
  }
}

/* The writer: each block in turn, as soon as it is scored; the first that
** failed in stop mode (or could not be read) ends the run. */
static void *
writer_main(void *arg)
{
  pipeline *p = arg;
  run *r = p->r;
  for (;;) {
    block *b;
    unsigned long before = r->rows;
    int stop = 0;
    pthread_mutex_lock(&p->mu);
    b = &p->ring[p->written % p->n_ring];
    while (!(p->written < p->filled && b->done) &&
           !(p->eof && p->written == p->filled))
      pthread_cond_wait(&p->cv_done, &p->mu);
    if (p->written == p->filled) {
      pthread_mutex_unlock(&p->mu);
      return NULL;
    }
    pthread_mutex_unlock(&p->mu);
    if (b->olen && fwrite(b->obuf, 1, b->olen, r->out) != b->olen) {
      p->werrno = errno;
      stop = 1;
    }
    r->rows += b->scored;
    r->failed += b->failed;
    if (stop) {
      /* cmd_score says that the output cannot be written. */
    } else if (b->stop.stopped) {
      stop_message(r, &b->stop);
      stop = 1;
    } else if (b->wfail || b->end == END_NOMEM) {
      warnx_("out of memory");
      stop = 1;
    } else if (b->end == END_FATAL) {
      fprintf(stderr, "%s: error: %s\n", r->in_name, b->end_msg);
      stop = 1;
    }
    if (!stop)
      progress(r, before);
    pthread_mutex_lock(&p->mu);
    b->done = 0; /* free for the reader */
    p->written++;
    if (stop) {
      p->status = EXIT_DATA;
      p->stop = 1;
      pthread_cond_broadcast(&p->cv_work);
    }
    pthread_cond_signal(&p->cv_free);
    pthread_mutex_unlock(&p->mu);
    if (stop)
      return NULL;
  }
}

/* The columns blocks keep: the model's inputs and the kept ones. */
static int
map_needed(run *r)
{
  unsigned char *use = calloc(r->n_cols + 1, 1);
  size_t i;
  if (!use)
    return -1;
  for (i = 0; i < r->n_inputs; i++)
    use[r->input_col[i]] = 1;
  for (i = 0; i < r->n_keep; i++)
    use[r->keep[i]] = 1;
  r->need = calloc(r->n_cols + 1, sizeof *r->need);
  if (r->need)
    for (i = 0; i < r->n_cols; i++)
      if (use[i])
        r->need[r->n_need++] = i;
  free(use);
  return r->need ? 0 : -1;
}

/* Free what pipeline_start made (after the threads have ended). */
static void
pipeline_free(pipeline *p)
{
  size_t i;
  int k;
  if (p->ring)
    for (i = 0; i < p->n_ring; i++) {
      block *b = &p->ring[i];
      if (b->fp)
        fclose(b->fp);
      free(b->obuf);
      free(b->rows);
      free(b->cells);
      free(b->text);
    }
  free(p->ring);
  if (p->workers)
    for (k = 0; k < p->n_workers; k++) {
      pmml_ctx_free(p->workers[k].s.ctx);
      free(p->workers[k].s.fields);
    }
  free(p->workers);
  pthread_cond_destroy(&p->cv_free);
  pthread_cond_destroy(&p->cv_work);
  pthread_cond_destroy(&p->cv_done);
  pthread_mutex_destroy(&p->mu);
}

/* Make the blocks and contexts, start the threads. Returns 0, or -1 with
** nothing started (then the run goes on serially: nothing is read yet). */
static int
pipeline_start(pipeline *p, run *r, int jobs)
{
  size_t i;
  int k, started = 0;
  memset(p, 0, sizeof *p);
  p->r = r;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->cv_free, NULL);
  pthread_cond_init(&p->cv_work, NULL);
  pthread_cond_init(&p->cv_done, NULL);
  if (map_needed(r))
    goto fail;
  p->max_rows = BLOCK_CELLS / (r->n_need ? r->n_need : 1);
  if (p->max_rows > BLOCK_ROWS)
    p->max_rows = BLOCK_ROWS;
  if (p->max_rows < 1)
    p->max_rows = 1;
  p->n_ring = (size_t)jobs * BLOCKS_PER_WORKER;
  p->ring = calloc(p->n_ring, sizeof *p->ring);
  p->n_workers = jobs;
  p->workers = calloc((size_t)jobs, sizeof *p->workers);
  if (!p->ring || !p->workers)
    goto fail;
  for (i = 0; i < p->n_ring; i++) {
    block *b = &p->ring[i];
    b->rows = malloc(p->max_rows * sizeof *b->rows);
    b->cells = malloc(p->max_rows * (r->n_need + 1) * sizeof *b->cells);
    b->cap = 1 << 16;
    b->text = malloc(b->cap);
    b->fp = open_memstream(&b->obuf, &b->olen);
    if (!b->rows || !b->cells || !b->text || !b->fp)
      goto fail;
#ifdef HAVE_STDIO_EXT_H
    /* One thread at a time writes a block, handed over under p->mu: the
    ** stream's own lock is not needed. */
    __fsetlocking(b->fp, FSETLOCKING_BYCALLER);
#endif
  }
  for (k = 0; k < jobs; k++) {
    worker *w = &p->workers[k];
    w->p = p;
    w->s.r = r;
    w->s.fields = calloc(r->n_cols + 1, sizeof *w->s.fields);
    if (!w->s.fields || pmml_ctx_new(r->m, &w->s.ctx) != PMML_OK)
      goto fail;
  }
  for (k = 0; k < jobs; k++, started++)
    if (pthread_create(&p->workers[k].tid, NULL, worker_main,
                       &p->workers[k]) != 0)
      break;
  if (started == jobs &&
      pthread_create(&p->writer, NULL, writer_main, p) == 0)
    return 0;
  /* Not every thread: end those that run, and score serially. */
  pthread_mutex_lock(&p->mu);
  p->stop = 1;
  pthread_cond_broadcast(&p->cv_work);
  pthread_mutex_unlock(&p->mu);
  for (k = 0; k < started; k++)
    pthread_join(p->workers[k].tid, NULL);
fail:
  pipeline_free(p);
  return -1;
}

/* Score the rows after the header on 'jobs' threads: this thread reads.
** Returns the status, or -1 when the threads could not be had. */
static int
run_threads(run *r, int jobs)
{
  pipeline p;
  unsigned long k;
  int k2, done = 0;
  if (pipeline_start(&p, r, jobs))
    return -1;
  for (k = 0; !done; k++) {
    block *b;
    size_t max = k < 6 ? (size_t)BLOCK_FIRST << k : BLOCK_ROWS;
    pthread_mutex_lock(&p.mu);
    while (!p.stop && p.filled >= p.written + p.n_ring)
      pthread_cond_wait(&p.cv_free, &p.mu);
    done = p.stop;
    pthread_mutex_unlock(&p.mu);
    if (done)
      break;
    b = &p.ring[k % p.n_ring];
    done = fill_block(r, b, max > p.max_rows ? p.max_rows : max);
    pthread_mutex_lock(&p.mu);
    p.filled++;
    pthread_cond_signal(&p.cv_work);
    pthread_mutex_unlock(&p.mu);
  }
  pthread_mutex_lock(&p.mu);
  p.eof = 1;
  pthread_cond_broadcast(&p.cv_work);
  pthread_cond_broadcast(&p.cv_done);
  pthread_mutex_unlock(&p.mu);
  for (k2 = 0; k2 < p.n_workers; k2++)
    pthread_join(p.workers[k2].tid, NULL);
  pthread_join(p.writer, NULL);
  pipeline_free(&p);
  if (p.werrno)
    errno = p.werrno; /* for cmd_score's message */
  return p.status;
}

int
cmd_score(int argc, char **argv)
{
  score_opts o;
  run r;
  pmcsv_options copt;
  const pmcsv_field *f;
  size_t n;
  int rc, status = 0;
  FILE *in;

  parse_args(argc, argv, &o);
  memset(&r, 0, sizeof r);
  r.o = &o;
  r.s.r = &r;
  r.in_name = strcmp(o.input, "-") ? o.input : "<stdin>";
  if (o.progress < 0)
    o.progress = isatty(2);

  r.m = load_model(o.model);
  if (!r.m)
    return EXIT_DATA;
  if (pmml_ctx_new(r.m, &r.s.ctx) != PMML_OK) {
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
  pmcsv_writer_init(&r.s.w, r.out, o.sep);
  r.t0 = r.last = now();
  rc = pmcsv_read(r.rd, &f, &n);
  if (rc == PMCSV_EOF) {
    fprintf(stderr, "%s: error: no header row (the input is empty)\n",
            r.in_name);
    status = EXIT_DATA;
  } else if (rc == PMCSV_FATAL) {
    fprintf(stderr, "%s: error: %s\n", r.in_name, pmcsv_error(r.rd));
    status = EXIT_DATA;
  } else if (rc == PMCSV_ERROR) {
    fprintf(stderr, "%s:%lu: error: header: %s\n", r.in_name,
            pmcsv_line_number(r.rd), pmcsv_error(r.rd));
    status = EXIT_DATA;
  } else if (map_columns(&r, f, n) || map_roles(&r) || write_header(&r, f)) {
    status = EXIT_DATA;
  } else {
    /* Rows: on threads when asked, unless the model groups rows. */
    status = -1;
    if (o.jobs > 1 && r.group_col < 0)
      status = run_threads(&r, (int)o.jobs);
    if (status < 0)
      status = run_serial(&r);
  }
  if (o.progress && r.rows >= 4096)
    fprintf(stderr, "\r%s: %lu rows in %.2f s%20s\n", progname, r.rows,
            now() - r.t0, "");
  if (r.failed && o.report_errors)
    fprintf(stderr, "%s: %lu of %lu %s could not be scored (see column "
            "pmmlc_error)\n", progname, r.failed,
            r.group_col >= 0 ? r.groups : r.rows,
            r.group_col >= 0 ? "groups" : "rows");
done:
  if (r.out && (fflush(r.out) != 0 || ferror(r.out) || r.s.w.failed)) {
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
  free(r.items);
  free(r.first);
  free(r.first_f);
  free(r.seen);
  free(r.need);
  pmml_ctx_free(r.s.ctx);
  pmml_model_free(r.m);
  return status;
}
