/* stubs_standin.h: helpers of stubs_standin.c (test-only stand-ins). */
#ifndef STUBS_STANDIN_H
#define STUBS_STANDIN_H
#include "pmml_int.h"
void stub_ctx_init(pmml_ctx *c, const pmml_model *doc);
void stub_ctx_reset(pmml_ctx *c);
pm_resolver *stub_resolver(pmml_model *doc);
const char *stub_resolver_msg(void);
void stub_strtab_free(pm_strtab *t);
#endif
