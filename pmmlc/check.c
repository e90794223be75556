/*
** check.c: `pmmlc check`, whether a document is valid PMML and whether
** pmmlc can score it, before anything runs. The passes, in order: read the
** bytes (gzip too); load them with libpmmlrt as scoring would, resolving
** even what nothing uses (PMML_LOAD_RESOLVE_ALL); parse them with libxml2
** and validate against the schema (schema.c); list what pmmlc cannot score
** yet and the quirks of known exporters (lint.c); report the reader's
** refusal unless the schema said the same at the same place; check the
** loaded model (lint.c); read the ModelVerification records if any. The
** findings are sorted by position and printed in the compiler convention.
*/
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <zlib.h>

#include "check.h"
#include "pmmlc.h"

enum { MODE_DEFAULT, MODE_STRICT, MODE_LAX };

/* ------------------------------------------------------------------------ */
/* Findings                                                                 */

void
diag_add(diag_list *d, int kind, unsigned long line, unsigned long col,
         const char *elem, const char *fmt, ...)
{
  va_list ap;
  diag *g;
  char *msg;
  int n;
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    diag *nv = realloc(d->v, cap * sizeof *nv);
    if (!nv)
      return;
    d->v = nv;
    d->cap = cap;
  }
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  msg = malloc((size_t)(n < 0 ? 0 : n) + 1);
  if (!msg)
    return;
  va_start(ap, fmt);
  vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
  va_end(ap);
  /* One printable line, like the library's messages: a value quoted from
  ** the document may hold control characters (room for each escaped). */
  {
    char *wide = realloc(msg, 4 * (size_t)(n < 0 ? 0 : n) + 1);
    if (!wide) {
      free(msg);
      return;
    }
    msg = wide;
    pmmlV_clean_message(msg, 4 * (size_t)(n < 0 ? 0 : n) + 1);
  }
  g = &d->v[d->n];
  memset(g, 0, sizeof *g);
  g->line = line;
  g->col = col;
  g->kind = kind;
  g->seq = d->n++;
  snprintf(g->elem, sizeof g->elem, "%s", elem ? elem : "");
  g->msg = msg;
}

diag *
diag_find(diag_list *d, unsigned long line, const char *elem)
{
  size_t i;
  for (i = 0; i < d->n; i++) {
    diag *g = &d->v[i];
    if (g->line == line && (g->kind == D_SCHEMA || g->kind == D_UNSUPP) &&
        (!elem || !*elem || !strcmp(g->elem, elem)))
      return g;
  }
  return NULL;
}

void
diag_free(diag_list *d)
{
  size_t i;
  for (i = 0; i < d->n; i++)
    free(d->v[i].msg);
  free(d->v);
  memset(d, 0, sizeof *d);
}

/* At one position, what stops reading first, then what pmmlc cannot
** score, then the rest. */
static int
rank(int kind)
{
  return kind == D_FATAL ? 0 : kind == D_UNSUPP ? 1 : kind == D_LOAD ? 2 : 3;
}

static int
by_position(const void *a, const void *b)
{
  const diag *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  if (rank(x->kind) != rank(y->kind))
    return rank(x->kind) < rank(y->kind) ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* 0 not shown, 1 warning, 2 error. */
static int
severity(const diag *g, int mode)
{
  if (g->fatal)
    return 2;
  switch (g->kind) {
  case D_SCHEMA:
    return mode == MODE_LAX ? 1 : 2;
  case D_WARN:
    return mode == MODE_STRICT ? 2 : 1;
  case D_QUIRK:
    return mode == MODE_STRICT ? 2 : mode == MODE_LAX ? 0 : 1;
  default:
    return 2;
  }
}

/* The reader's (or resolver's) refusal as a finding. Unless it is fatal,
** it is dropped when the schema or the list of unsupported constructs
** already says so at that line: the finding there becomes an error
** whatever the switches, since the document cannot be scored. */
static void
add_load_error(diag_list *d, const checked *c, int kind, const pmml_error *e)
{
  unsigned long col = e->column;
  diag *g;
  if (kind != D_FATAL && (g = diag_find(d, e->line, e->element)) != NULL) {
    g->fatal = 1;
    return;
  }
  if (!col && e->line && c && c->tags.n)
    col = tags_column(&c->tags, e->line, e->element);
  diag_add(d, kind, e->line, col, e->element, "%s", e->message);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */

/* The whole document, inflated when gzip. 0, or -1 with a message. */
static int
read_all(const char *path, char **out, size_t *len, char *msg, size_t size)
{
  gzFile gz;
  char *buf = NULL;
  size_t n = 0, cap = 0;
  int fd = -1;
  if (!strcmp(path, "-")) {
    fd = dup(0);
    gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
  } else {
    gz = gzopen(path, "rb");
  }
  if (!gz) {
    snprintf(msg, size, "%s", strerror(errno ? errno : ENOMEM));
    if (fd >= 0)
      close(fd);
    return -1;
  }
  for (;;) {
    int got;
    if (cap - n < 65536) {
      size_t ncap = cap ? cap * 2 : 1 << 20;
      char *nb = ncap > cap ? realloc(buf, ncap + 1) : NULL;
      if (!nb) {
        snprintf(msg, size, "out of memory");
        goto fail;
      }
      buf = nb;
      cap = ncap;
    }
    got = gzread(gz, buf + n, (unsigned)(cap - n > INT_MAX ? INT_MAX
                                                            : cap - n));
    if (got < 0) {
      int zerr;
      const char *s = gzerror(gz, &zerr);
      snprintf(msg, size, "%s", zerr == Z_ERRNO ? strerror(errno) : s);
      goto fail;
    }
    if (got == 0)
      break;
    n += (size_t)got;
  }
  {
    /* A gzip stream that ends early reads short with Z_BUF_ERROR. */
    int zerr;
    const char *s = gzerror(gz, &zerr);
    if (zerr != Z_OK) {
      snprintf(msg, size, "%s", s);
      goto fail;
    }
  }
  gzclose(gz);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
fail:
  gzclose(gz);
  free(buf);
  return -1;
}

/* ------------------------------------------------------------------------ */
/* One document                                                             */

static int
check_file(const char *path, const schema *s, int mode, int quiet)
{
  const char *shown = strcmp(path, "-") ? path : "<stdin>";
  diag_list d;
  checked c;
  pmml_model *m = NULL;
  pmml_load_options opt;
  pmml_error le;
  pmml_status st;
  char *text = NULL;
  size_t len = 0, i;
  char msg[256];
  int errors = 0, warnings = 0, unsupported = 0;
  memset(&d, 0, sizeof d);
  memset(&c, 0, sizeof c);
  c.path = shown;
  if (read_all(path, &text, &len, msg, sizeof msg)) {
    /* Say it as the reader says it (a truncated gzip...) when it can. */
    if (strcmp(path, "-") &&
        pmml_model_load_file(path, NULL, &m, &le) != PMML_OK)
      add_load_error(&d, NULL, D_FATAL, &le);
    else
      diag_add(&d, D_FATAL, 0, 0, "", "%s", msg);
    pmml_model_free(m);
    m = NULL;
    goto report;
  }
  c.text = text;
  c.len = len;
  pmml_load_options_init(&opt);
  opt.flags = PMML_LOAD_RESOLVE_ALL;
  st = pmml_model_load_memory(text, len, &opt, &m, &le);
  if (len > INT_MAX) {
    diag_add(&d, D_WARN, 0, 0, "",
             "the document is larger than 2 GiB: not validated against "
             "the schema");
    if (st != PMML_OK)
      add_load_error(&d, NULL, D_LOAD, &le);
    else
      lint_model(&c, m, &d);
    goto report;
  }
  if (schema_parse(&c)) {
    /* Not well-formed, or a DOCTYPE: the reader's words. */
    if (st != PMML_OK)
      add_load_error(&d, NULL, D_FATAL, &le);
    else
      diag_add(&d, D_FATAL, c.err_line, c.err_col, "", "malformed XML: %s",
               c.err_msg);
    goto report;
  }
  if (st == PMML_E_NOT_PMML || st == PMML_E_XML || st == PMML_E_IO ||
      st == PMML_E_GZIP || st == PMML_E_NOMEM) {
    /* Not PMML at all (root, namespace, version): nothing else applies. */
    add_load_error(&d, &c, D_FATAL, &le);
    goto report;
  }
  schema_map_namespace(&c, s);
  schema_validate(&c, s, &d);
  lint_tree(&c, &d);
  if (st != PMML_OK) {
    add_load_error(&d, &c, st == PMML_E_UNSUPPORTED ? D_UNSUPP : D_LOAD,
                   &le);
  } else {
    lint_model(&c, m, &d);
    if (pmml_model_verify_line(m)) {
      pmml_model *mv = NULL;
      opt.flags |= PMML_LOAD_VERIFICATION;
      if (pmml_model_load_memory(text, len, &opt, &mv, &le) != PMML_OK)
        add_load_error(&d, &c, D_LOAD, &le);
      pmml_model_free(mv);
    }
  }
report:
  if (d.n)
    qsort(d.v, d.n, sizeof *d.v, by_position);
  for (i = 0; i < d.n; i++) {
    const diag *g = &d.v[i];
    int sev = severity(g, mode);
    const char *word = sev == 2 ? "error" : "warning";
    if (!sev)
      continue;
    if (sev == 2)
      errors++;
    else
      warnings++;
    if (sev == 2 && g->kind == D_UNSUPP)
      unsupported++;
    if (g->line && g->col)
      fprintf(stderr, "%s:%lu:%lu: %s: %s\n", shown, g->line, g->col, word,
              g->msg);
    else if (g->line)
      fprintf(stderr, "%s:%lu: %s: %s\n", shown, g->line, word, g->msg);
    else
      fprintf(stderr, "%s: %s: %s\n", shown, word, g->msg);
  }
  if (!quiet) {
    if (!errors && !warnings)
      fprintf(stderr, "%s: ok\n", shown);
    else if (!errors)
      fprintf(stderr, "%s: ok, %d warning%s\n", shown, warnings,
              warnings == 1 ? "" : "s");
    else if (unsupported)
      fprintf(stderr, "%s: %d error%s (%d: not supported by pmmlc yet), "
              "%d warning%s\n",
              shown, errors, errors == 1 ? "" : "s", unsupported, warnings,
              warnings == 1 ? "" : "s");
    else
      fprintf(stderr, "%s: %d error%s, %d warning%s\n", shown, errors,
              errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  }
  pmml_model_free(m);
  diag_free(&d);
  tags_free(&c.tags);
  if (c.doc)
    xmlFreeDoc(c.doc);
  free(text);
  return errors > 0;
}

/* ------------------------------------------------------------------------ */
/* The verb                                                                 */

static void
check_usage(FILE *out)
{
  fprintf(out,
    "Usage: %s check [OPTION]... MODEL...\n"
    "Tell whether each MODEL is valid PMML and whether pmmlc can score it,\n"
    "before anything runs. The document is validated against pmmlc's XML\n"
    "Schema (documents of PMML 3.0 to 4.3, and without namespace, as if\n"
    "they were written in PMML 4.4's namespace), then loaded as scoring\n"
    "would load it, with every transformation resolved, used or not, and\n"
    "checked for what the schema cannot say: fields that do not exist,\n"
    "cycles, types, probabilities and counts. Every construct pmmlc\n"
    "cannot score yet is listed. Messages: FILE:LINE:COL: error|warning:\n"
    "\n"
    "      --schema=FILE  validate against FILE instead (for example DMG's\n"
    "                     pmml-4-4.xsd): the document's PMML namespace is\n"
    "                     mapped onto FILE's target namespace\n"
    "      --strict       warnings count as errors (exporter quirks,\n"
    "                     unknown attributes, doubtful numbers)\n"
    "      --lax          schema violations are warnings: only what stops\n"
    "                     scoring is an error; quirks are not shown\n"
    "  -q, --quiet        no summary line per MODEL\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 when every MODEL is valid and pmmlc can score it (with\n"
    "warnings at most), 1 otherwise, 2 usage error. The schema is\n"
    "$PMMLC_SCHEMA, else %s.\n",
    progname, PMMLC_SCHEMA_FILE);
}

/* pmmlc's schema: $PMMLC_SCHEMA, else the installed one, else the one of
** the source tree pmmlc was built from (uninstalled use). */
static const char *
find_schema(void)
{
  const char *env = getenv("PMMLC_SCHEMA");
  if (env && *env)
    return env;
  if (access(PMMLC_SCHEMA_FILE, R_OK) == 0)
    return PMMLC_SCHEMA_FILE;
#ifdef PMMLC_SOURCE_SCHEMA
  if (access(PMMLC_SOURCE_SCHEMA, R_OK) == 0)
    return PMMLC_SOURCE_SCHEMA;
#endif
  return NULL;
}

int
cmd_check(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"schema", required_argument, NULL, 'S'},
    {"strict", no_argument, NULL, 's'},
    {"lax", no_argument, NULL, 'l'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *xsd = NULL, *path;
  int mode = MODE_DEFAULT, quiet = 0, c, i, failed = 0, ours = 1;
  schema *s;
  optind = 1;
  while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'S':
      xsd = optarg;
      ours = 0;
      break;
    case 's':
      if (mode == MODE_LAX)
        die_usage("check: --strict and --lax exclude each other");
      mode = MODE_STRICT;
      break;
    case 'l':
      if (mode == MODE_STRICT)
        die_usage("check: --strict and --lax exclude each other");
      mode = MODE_LAX;
      break;
    case 'q':
      quiet = 1;
      break;
    case 'h':
      check_usage(stdout);
      return 0;
    default:
      die_usage("check: bad option");
    }
  }
  if (optind >= argc)
    die_usage("check: no MODEL given");
  path = xsd ? xsd : find_schema();
  if (!path) {
    warnx_("check: cannot find pmmlc's schema (%s); set PMMLC_SCHEMA",
           PMMLC_SCHEMA_FILE);
    return EXIT_USAGE;
  }
  /* Nothing is ever fetched from the network, for the schema either. */
  xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  s = schema_load(path, ours);
  if (!s)
    return EXIT_USAGE;
  for (i = optind; i < argc; i++)
    failed |= check_file(argv[i], s, mode, quiet);
  schema_free(s);
  xmlCleanupParser();
  return failed ? EXIT_DATA : 0;
}
