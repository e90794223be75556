/*
** standalone_runner.c: a throwaway CUnit main for building the numconv and
** csv suites without the project build (the real runner is
** tests/unit/runner, written with the build system). Not part of any
** Makefile target. Build, from the top of the tree:
**   cc -std=c99 -O2 tests/unit/standalone_runner.c tests/unit/test_*.c \
**      runtime/numconv.c pmmlc/csv.c -lcunit -lm -o /tmp/runner
** Exit status 0 when every test passes.
*/
#include <CUnit/Basic.h>

void add_numconv_suite(void);
void add_csv_suite(void);

/* Run every suite this file knows, verbosely. */
int
main(void)
{
  unsigned fails;
  if (CU_initialize_registry() != CUE_SUCCESS)
    return 2;
  add_numconv_suite();
#ifndef NO_CSV_SUITE
  add_csv_suite();
#endif
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  fails = CU_get_number_of_failures();
  CU_cleanup_registry();
  return fails ? 1 : 0;
}
