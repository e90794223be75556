/*
** main.c: the pmmlc program. Reads the verb and hands over to it:
** score (score.c), check (check.c, schema.c, lint.c), verify (verify.c),
** info (info.c). Shared helpers for loading models and reporting errors
** live here too.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "pmmlc.h"

const char *progname = "pmmlc";

void
die_usage(const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "%s: ", progname);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
  exit(EXIT_USAGE);
}

void
warnx_(const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "%s: ", progname);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

void
print_load_error(const char *path, const pmml_error *e)
{
  if (e->line && e->column)
    fprintf(stderr, "%s:%lu:%lu: error: %s\n", path, e->line, e->column,
            e->message);
  else if (e->line)
    fprintf(stderr, "%s:%lu: error: %s\n", path, e->line, e->message);
  else
    fprintf(stderr, "%s: error: %s\n", path, e->message);
}

pmml_model *
load_model(const char *path)
{
  pmml_model *m = NULL;
  pmml_error e;
  pmml_status st;
  if (!strcmp(path, "-"))
    st = pmml_model_load_fp(stdin, NULL, &m, &e);
  else
    st = pmml_model_load_file(path, NULL, &m, &e);
  if (st != PMML_OK) {
    print_load_error(strcmp(path, "-") ? path : "<stdin>", &e);
    return NULL;
  }
  return m;
}

static void
usage(FILE *out)
{
  fprintf(out,
          "Usage: %s VERB [OPTION]... MODEL.pmml ...\n"
          "A toolchain for PMML models: score records with the model as\n"
          "written by scikit-learn, R, Spark, KNIME, SAS and others.\n"
          "\n"
          "Verbs:\n"
          "  score MODEL [INPUT|-] [-o OUTPUT|-]  score a CSV file (streaming)\n"
          "  check MODEL... [--schema FILE]       is it valid PMML, can pmmlc\n"
          "                                       score it? (FILE:LINE:COL:)\n"
          "  verify MODEL                         run the model's own\n"
          "                                       ModelVerification records\n"
          "  info MODEL                           what the model is: kind,\n"
          "                                       inputs, outputs, size\n"
          "\n"
          "Options:\n"
          "  -h, --help       show this help (VERB --help: the verb's)\n"
          "  -V, --version    show the version\n"
          "\n"
          "MODEL may be plain PMML or gzip-compressed (3.0 to 4.4).\n"
          "Exit status: 0 success, 1 the model or the data is wrong,\n"
          "2 usage error. Messages go to standard error.\n",
          progname);
}

int
main(int argc, char **argv)
{
  const char *verb;
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  verb = argv[1];
  if (!strcmp(verb, "-h") || !strcmp(verb, "--help") || !strcmp(verb, "help")) {
    usage(stdout);
    return 0;
  }
  if (!strcmp(verb, "-V") || !strcmp(verb, "--version")) {
    printf("pmmlc %s (libpmmlrt %s)\n", PACKAGE_VERSION, pmml_version());
    return 0;
  }
  if (!strcmp(verb, "score"))
    return cmd_score(argc - 1, argv + 1);
  if (!strcmp(verb, "info"))
    return cmd_info(argc - 1, argv + 1);
  if (!strcmp(verb, "check"))
    return cmd_check(argc - 1, argv + 1);
  if (!strcmp(verb, "verify"))
    return cmd_verify(argc - 1, argv + 1);
  if (verb[0] == '-')
    die_usage("unknown option '%s'", verb);
  die_usage("unknown verb '%s'", verb);
}
