/*
** runner.c: the one CUnit runner of `make check`. Each module's suite is
** added by its add_<module>_suite(); a failing assertion fails the run.
** PMML_UNIT_SUITE=NAME runs that suite alone (e.g. "load" under valgrind:
** see README.md, "Tests").
*/
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

void add_batch_suite(void);
void add_builtins_suite(void);
void add_clustering_suite(void);
void add_csv_suite(void);
void add_gen_suite(void);
void add_genreg_suite(void);
void add_hostile_suite(void);
void add_load_suite(void);
void add_mem_suite(void);
void add_naivebayes_suite(void);
void add_neural_suite(void);
void add_mining_suite(void);
void add_numconv_suite(void);
void add_ruleset_suite(void);
void add_association_suite(void);
void add_anomaly_suite(void);
void add_score_suite(void);
void add_plan_suite(void);
void add_fast_suite(void);
void add_text_suite(void);
void add_knn_suite(void);
void add_scorecard_suite(void);
void add_svm_suite(void);
void add_value_suite(void);
void add_verify_suite(void);

int
main(int argc, char **argv)
{
  unsigned fails;
  const char *only = getenv("PMML_UNIT_SUITE");
  /* A comma locale must not change how numbers parse or print. */
  if (argc > 1)
    setlocale(LC_ALL, argv[1]);
  if (CU_initialize_registry() != CUE_SUCCESS)
    return 2;
  add_numconv_suite();
  add_csv_suite();
  add_value_suite();
  add_builtins_suite();
  add_text_suite();
  add_load_suite();
  add_score_suite();
  add_plan_suite();
  add_fast_suite();
  add_gen_suite();
  add_batch_suite();
  add_genreg_suite();
  add_hostile_suite();
  add_clustering_suite();
  add_knn_suite();
  add_scorecard_suite();
  add_neural_suite();
  add_svm_suite();
  add_naivebayes_suite();
  add_ruleset_suite();
  add_association_suite();
  add_anomaly_suite();
  add_verify_suite();
  add_mining_suite();
  add_mem_suite();
  CU_basic_set_mode(CU_BRM_NORMAL);
  if (only) {
    CU_pSuite s = CU_get_suite(only);
    if (!s) {
      fprintf(stderr, "runner: no suite '%s'\n", only);
      CU_cleanup_registry();
      return 2;
    }
    CU_basic_run_suite(s);
  } else {
    CU_basic_run_tests();
  }
  fails = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
          CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  return fails ? 1 : 0;
}
