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
*/
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
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
    "missing results are empty cells.\n"
    "\n"
    "A model that scores groups of rows (an AssociationModel with a group\n"
    "field, one transaction per group) gets one output row per run of\n"
    "consecutive rows with the same group key, in input order; the items\n"
    "are the values of the item column over the run. Sort the input by the\n"
    "key if its groups are not together. Kept columns come from the\n"
    "group's first row.\n",
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
} run;

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
  pmml_ctx_clear(r->ctx);
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
  char buf[64];
  r->in_group = 0;
  r->groups++;
  key_seen(r, r->first_f[r->group_col].s, r->key_len, 1);
  if (!r->g_err[0]) {
    for (i = 0; i < r->n_inputs; i++) {
      const pmcsv_field *cell = &r->first_f[r->input_col[i]];
      if (r->items[i])
        continue;
      if (is_na(r->o, cell->s, cell->len))
        pmml_ctx_set_missing(r->ctx, i);
      else
        pmml_ctx_set_text(r->ctx, i, cell->s, cell->len);
    }
    if (pmml_score(r->ctx, &e) != PMML_OK) {
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
  put_kept(r, r->first_f, r->n_cols);
  if (r->g_err[0]) {
    r->failed++;
    for (i = 0; i < r->n_outputs; i++)
      pmcsv_put(&r->w, "", 0);
    pmcsv_put(&r->w, r->g_err, strlen(r->g_err));
    return pmcsv_end_row(&r->w);
  }
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
      pmml_ctx_add_item(r->ctx, i, cell->s, cell->len);
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
      if (map_columns(&r, f, n) || map_roles(&r) || write_header(&r, f)) {
        status = EXIT_DATA;
        break;
      }
      header = 0;
      continue;
    }
    r.rows++;
    if (r.group_col >= 0) {
      if (group_row(&r, rc, f, n)) {
        status = EXIT_DATA;
        break;
      }
    } else if (rc == PMCSV_ERROR) {
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
  if (r.in_group && status == 0 && group_close(&r))
    status = EXIT_DATA;
  if (header && status == 0) {
    fprintf(stderr, "%s: error: no header row (the input is empty)\n",
            r.in_name);
    status = EXIT_DATA;
  }
  if (o.progress && r.rows >= 4096)
    fprintf(stderr, "\r%s: %lu rows in %.2f s%20s\n", progname, r.rows,
            now() - t0, "");
  if (r.failed && o.report_errors)
    fprintf(stderr, "%s: %lu of %lu %s could not be scored (see column "
            "pmmlc_error)\n", progname, r.failed,
            r.group_col >= 0 ? r.groups : r.rows,
            r.group_col >= 0 ? "groups" : "rows");
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
  free(r.items);
  free(r.first);
  free(r.first_f);
  free(r.seen);
  pmml_ctx_free(r.ctx);
  pmml_model_free(r.m);
  return status;
}
