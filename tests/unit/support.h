/* support.h: what unit tests use to drive library pieces on hand-built IR
** (tests/unit/support.c). */
#ifndef PM_TEST_SUPPORT_H
#define PM_TEST_SUPPORT_H
#include "pmml_int.h"
/* A context over 'doc' with string scratch, and a new record in it. */
void stub_ctx_init(pmml_ctx *c, const pmml_model *doc);
void stub_ctx_reset(pmml_ctx *c);
/* A resolver outside any load, and the message of its last failure. */
pm_resolver *stub_resolver(pmml_model *doc);
const char *stub_resolver_msg(void);
/* The arena owns the string table: nothing to do (kept for the suites). */
void stub_strtab_free(pm_strtab *t);
#endif
