/*
** verify.c: `pmmlc verify`, the document's own ModelVerification records
** run through the interpreter (pmml_model_verify() in libpmmlrt does the
** work): one line per value that differs, naming the record, its line, the
** field, both values and by how much; a summary; exit 1 when anything
** differs. --compiled runs them through the model's generated C
** (verify_compiled.c).
*/
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmmlc.h"

typedef struct verify_run {
  const char *path;
  int verbose;
} verify_run;

static void
verify_usage(FILE *out)
{
  fprintf(out,
    "Usage: %s verify [OPTION]... MODEL\n"
    "Score the ModelVerification records that MODEL carries and compare\n"
    "the results with the expected ones: numbers within each\n"
    "VerificationField's precision (relative, default 1E-6) or both within\n"
    "its zeroThreshold of zero (default 1E-16), other values exactly.\n"
    "Every value that differs is reported with its record and line.\n"
    "\n"
    "      --compiled     verify through the model's generated C code,\n"
    "                     built with $CC (default cc) in a temporary folder\n"
    "  -v, --verbose      also report the values that match\n"
    "  -q, --quiet        no summary line\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 when every record matches, 1 when one differs or the\n"
    "document has no records, 2 usage error.\n",
    progname);
}

static int
report_item(void *ud, const pmml_verify_item *it)
{
  const verify_run *r = ud;
  if (!it->field) {
    fprintf(stderr, "%s:%lu: error: record %zu: not scored: %s\n", r->path,
            it->line, it->record, it->message);
    return 0;
  }
  if (it->status != PMML_OK) {
    fprintf(stderr, "%s:%lu: error: record %zu, field '%s': not computed: "
            "%s\n",
            r->path, it->line, it->record, it->field, it->message);
    return 0;
  }
  if (it->ok) {
    if (r->verbose)
      fprintf(stderr, "%s:%lu: note: record %zu, field '%s': %s matches "
              "%s\n",
              r->path, it->line, it->record, it->field, it->actual,
              it->expected);
    return 0;
  }
  if (!isnan(it->difference))
    fprintf(stderr,
            "%s:%lu: error: record %zu, field '%s': expected %s, got %s "
            "(difference %.3g, relative %.3g; precision %g)\n",
            r->path, it->line, it->record, it->field, it->expected,
            *it->actual ? it->actual : "missing", it->difference,
            isnan(it->relative) ? INFINITY : it->relative, it->precision);
  else
    fprintf(stderr, "%s:%lu: error: record %zu, field '%s': expected '%s', "
            "got %s%s%s\n",
            r->path, it->line, it->record, it->field, it->expected,
            *it->actual ? "'" : "", *it->actual ? it->actual : "missing",
            *it->actual ? "'" : "");
  return 0;
}

int
cmd_verify(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"compiled", no_argument, NULL, 'C'},
    {"verbose", no_argument, NULL, 'v'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  pmml_load_options opt;
  pmml_verify_report rep;
  pmml_model *m = NULL;
  pmml_error e;
  pmml_status st;
  verify_run r;
  const char *path;
  int c, compiled = 0, quiet = 0;
  memset(&r, 0, sizeof r);
  optind = 1;
  while ((c = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
    switch (c) {
    case 'C':
      compiled = 1;
      break;
    case 'v':
      r.verbose = 1;
      break;
    case 'q':
      quiet = 1;
      break;
    case 'h':
      verify_usage(stdout);
      return 0;
    default:
      die_usage("verify: bad option");
    }
  }
  if (optind != argc - 1)
    die_usage("verify: expected one MODEL");
  path = argv[optind];
  if (compiled && !strcmp(path, "-"))
    die_usage("verify: --compiled needs a MODEL file, not standard input");
  r.path = strcmp(path, "-") ? path : "<stdin>";
  pmml_load_options_init(&opt);
  opt.flags = PMML_LOAD_VERIFICATION;
  if (!strcmp(path, "-"))
    st = pmml_model_load_fp(stdin, &opt, &m, &e);
  else
    st = pmml_model_load_file(path, &opt, &m, &e);
  if (st != PMML_OK) {
    print_load_error(r.path, &e);
    return EXIT_DATA;
  }
  if (pmml_model_verify_records(m) == 0) {
    if (pmml_model_verify_line(m))
      fprintf(stderr, "%s:%lu: error: ModelVerification: no records\n",
              r.path, pmml_model_verify_line(m));
    else
      fprintf(stderr, "%s: error: the document has no ModelVerification "
              "records to verify\n",
              r.path);
    pmml_model_free(m);
    return EXIT_DATA;
  }
  if (compiled)
    st = verify_compiled(m, path, report_item, &r, &rep, &e);
  else
    st = pmml_model_verify(m, report_item, &r, &rep, &e);
  pmml_model_free(m);
  if (st != PMML_OK && st != PMML_E_VERIFY) {
    print_load_error(r.path, &e);
    return EXIT_DATA;
  }
  if (!quiet) {
    if (st == PMML_OK)
      fprintf(stderr, "%s: verified: %zu record%s, %zu value%s, all within "
              "tolerance (largest relative difference %.3g)\n",
              r.path, rep.records, rep.records == 1 ? "" : "s", rep.values,
              rep.values == 1 ? "" : "s", rep.max_relative);
    else
      fprintf(stderr, "%s: verification failed: %zu of %zu record%s differ "
              "(%zu of %zu value%s)\n",
              r.path, rep.records_failed, rep.records,
              rep.records == 1 ? "" : "s", rep.values_failed, rep.values,
              rep.values == 1 ? "" : "s");
  }
  return st == PMML_OK ? 0 : EXIT_DATA;
}
