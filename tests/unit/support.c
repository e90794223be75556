/*
** support.c: helpers for suites that test library pieces (values,
** built-ins, TextIndex) on hand-built IR rather than on loaded documents.
*/
#include <string.h>

#include "support.h"

static char sbuf[1 << 20];
static pm_val frame[256];
static pm_resolver *last;

void
stub_ctx_init(pmml_ctx *c, const pmml_model *doc)
{
  memset(c, 0, sizeof *c);
  c->m = doc;
  c->sbuf = sbuf;
  c->scap = sizeof sbuf;
  c->frame = frame;
  c->frame_cap = sizeof frame / sizeof frame[0];
  c->gen = 1;
}

void
stub_ctx_reset(pmml_ctx *c)
{
  c->sused = 0;
  c->failed = 0;
  c->status = PMML_OK;
  c->msg[0] = '\0';
  c->frame_top = 0;
  c->gen++;
}

pm_resolver *
stub_resolver(pmml_model *doc)
{
  last = pmmlR_detached(doc);
  return last;
}

const char *
stub_resolver_msg(void)
{
  return last ? pmmlR_message(last) : "";
}

void
stub_strtab_free(pm_strtab *t)
{
  (void)t;
}
