#include "pmml_int.h"
int pmmlR_textindex(pm_resolver *r, pm_textindex *ti, uint32_t line){(void)ti; pmmlR_fail(r, PMML_E_UNSUPPORTED, line, "TextIndex: not yet"); return -1;}
int pmmlE_textindex(pmml_ctx *c, const pm_expr *e, pm_val *out){(void)e;(void)out; return pmmlE_fail(c, PMML_E_UNSUPPORTED, "x");}
size_t pmmlE_textindex_cache_size(const pmml_model *doc){(void)doc; return 0;}
