/*
** runner_standin.c: runs the value, builtins and text suites against the
** stand-ins (stubs_standin.c, numconv_standin.c) until the project's runner
** (tests/unit/runner, with the real eval.c, mem.c, strtab.c, numconv.c)
** takes them over. Build and run with tests/unit/standin.sh.
*/
#include <CUnit/Basic.h>
#include <locale.h>
#include <stdio.h>

void add_value_suite(void);
void add_builtins_suite(void);
void add_text_suite(void);

int
main(int argc, char **argv)
{
  unsigned fails;
  /* a decimal-comma locale when the system has one: nothing may care */
  if (argc > 1)
    setlocale(LC_ALL, argv[1]);
  if (CU_initialize_registry() != CUE_SUCCESS)
    return 2;
  add_value_suite();
  add_builtins_suite();
  add_text_suite();
  CU_basic_set_mode(CU_BRM_NORMAL);
  CU_basic_run_tests();
  fails = CU_get_number_of_failures();
  CU_cleanup_registry();
  return fails ? 1 : 0;
}
