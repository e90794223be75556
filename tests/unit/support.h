/* support.h: what unit tests share: scoring a document given as text on
** "name=value" inputs, the checks over it, and an allocator that fails on
** demand (for the suites on the public API); and stubs to drive library
** pieces on hand-built IR (tests/unit/support.c). */
#ifndef PM_TEST_SUPPORT_H
#define PM_TEST_SUPPORT_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pmml_int.h"

/*
** Score 'doc' after the operations in 'inputs', comma-separated, and return
** output 'out' of the last record as text, "<missing>", or "ERR:message"
** (the load or scoring error; "ERR:no output OUT" when there is no such
** output). Operations: "f=v" sets input f to the text v, "f=?" sets it
** missing, "f=#v" sets it to the number v, "f+v" adds item v to it
** (pmml_ctx_add_item), "/" scores the record so far and starts a new one
** (pmml_ctx_clear). The text lives in a static buffer until the next call.
*/
const char *score(const char *doc, const char *inputs, const char *out);

/* Output 'out' of 'doc' on 'in' is the text 'want' (a mismatch is also
** printed with the line and the inputs). */
#define CHECK(doc, in, out, want)                                            \
  do {                                                                       \
    const char *got_ = score((doc), (in), (out));                            \
    if (strcmp(got_, (want)) != 0)                                           \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want '%s'\n",          \
              __FILE__, __LINE__, (in), (out), got_, (want));                \
    CU_ASSERT_STRING_EQUAL(got_, (want));                                    \
  } while (0)

/* The same for a result already computed (refusals). */
#define EXPECT(got, want)                                                    \
  do {                                                                       \
    const char *got_ = (got);                                                \
    if (strcmp(got_, (want)) != 0)                                           \
      fprintf(stderr, "\n  %s:%d: got '%s', want '%s'\n", __FILE__,          \
              __LINE__, got_, (want));                                       \
    CU_ASSERT_STRING_EQUAL(got_, (want));                                    \
  } while (0)

/* Output 'out' is a number within a relative 1e-14 of the double 'want'. */
#define CHECKN(doc, in, out, want)                                           \
  do {                                                                       \
    const char *got_ = score((doc), (in), (out));                            \
    double g_ = strtod(got_, NULL), w_ = (want);                             \
    int ok_ = fabs(g_ - w_) <= 1e-14 * fabs(w_) && got_[0] != 'E' &&         \
              got_[0] != '<';                                                \
    if (!ok_)                                                                \
      fprintf(stderr, "\n  %s:%d: %s -> %s: got '%s', want %.17g\n",         \
              __FILE__, __LINE__, (in), (out), got_, w_);                    \
    CU_ASSERT(ok_);                                                          \
  } while (0)

/* An allocator (pmml_load_options.alloc, 'ud' a failing) that counts the
** bytes live and fails: every call after the first 'budget', or with
** 'only' the call numbered 'budget' alone (the later ones succeed, so code
** that goes on after a failure shows). 'failed' counts refusals. */
typedef struct failing {
  long budget;
  long calls;
  long live;
  int only;
  int failed;
} failing;
void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
/* Load 'doc' with allocation N failing for N = 0, 1, 2, ... until it loads,
** first every call from N on, then call N alone: each run gives
** PMML_E_NOMEM (or the status the document gives with memory to spare),
** no model and nothing live; a model that loads is scored, and its
** pmml_ctx_new() failed the same way. */
void check_nomem(const char *doc);
/* The same for size bytes (gzip, documents read from files); 'what' names
** it in failures. Returns the number of loads tried. */
long check_nomem_bytes(const char *what, const void *data, size_t size);

/* A context over 'doc' with string scratch, and a new record in it. */
void stub_ctx_init(pmml_ctx *c, const pmml_model *doc);
void stub_ctx_reset(pmml_ctx *c);
/* A resolver outside any load, and the message of its last failure. */
pm_resolver *stub_resolver(pmml_model *doc);
const char *stub_resolver_msg(void);
/* The arena owns the string table: nothing to do (kept for the suites). */
void stub_strtab_free(pm_strtab *t);
#endif
