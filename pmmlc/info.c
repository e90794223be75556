/*
** info.c: `pmmlc info`, what a model is: its kind and function, where it
** came from, its inputs with their types and values, its outputs, and
** what it costs in memory once loaded.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pmmlc.h"

static void
info_usage(FILE *out)
{
  fprintf(out,
          "Usage: %s info [OPTION]... MODEL\n"
          "Describe a PMML model: its kind, inputs, outputs and size.\n"
          "\n"
          "  -h, --help   show this help\n",
          progname);
}

int
cmd_info(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  pmml_model *m;
  size_t i, k;
  int c;
  struct timespec t0, t1;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
    if (c == 'h') {
      info_usage(stdout);
      return 0;
    }
    die_usage("info: bad option");
  }
  if (optind != argc - 1)
    die_usage("info: expected one MODEL");
  clock_gettime(CLOCK_MONOTONIC, &t0);
  m = load_model(argv[optind]);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (!m)
    return EXIT_DATA;
  printf("model:       %s (%s)%s%s\n", pmml_model_kind(m),
         pmml_model_function(m), *pmml_model_name(m) ? ", " : "",
         pmml_model_name(m));
  printf("pmml:        %s%s%s\n", pmml_model_pmml_version(m),
         *pmml_model_application(m) ? ", from " : "",
         pmml_model_application(m));
  printf("loaded in:   %.1f ms, %zu bytes\n",
         (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
             (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
         pmml_model_memory(m));
  printf("inputs:      %zu\n", pmml_model_input_count(m));
  for (i = 0; i < pmml_model_input_count(m); i++) {
    size_t nv = pmml_model_input_value_count(m, i);
    printf("  %-24s %s %s", pmml_model_input_name(m, i),
           pmml_optype_name(pmml_model_input_optype(m, i)),
           pmml_dtype_name(pmml_model_input_dtype(m, i)));
    if (nv) {
      printf(" {");
      for (k = 0; k < nv && k < 12; k++)
        printf("%s%s", k ? ", " : "", pmml_model_input_value(m, i, k));
      printf("%s}", nv > 12 ? ", ..." : "");
    }
    switch (pmml_model_input_role(m, i)) {
    case PMML_ROLE_GROUP:
      printf(" (groups rows)");
      break;
    case PMML_ROLE_ITEMS:
      printf(" (items of a group)");
      break;
    default:
      break;
    }
    printf("\n");
  }
  printf("outputs:     %zu\n", pmml_model_output_count(m));
  for (i = 0; i < pmml_model_output_count(m); i++)
    printf("  %-24s %s %s\n", pmml_model_output_name(m, i),
           pmml_optype_name(pmml_model_output_optype(m, i)),
           pmml_dtype_name(pmml_model_output_dtype(m, i)));
  pmml_model_free(m);
  return 0;
}
