/*
** fuzz_gzip.c: libFuzzer target for the gzip side of the load path. The
** input is one mode byte and a plain document. The document is loaded as
** it is, then compressed (one or two gzip members, the level and the split
** from the mode byte) and loaded again, from memory or from a stream: both
** loads must give the same status, position and message. Then the
** compressed bytes cut short anywhere must be refused. Built and run by
** tests/fuzz/run.sh (`make fuzz`).
*/
#define _GNU_SOURCE /* fmemopen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pmml.h"

/* Append a gzip member holding p[0..n) to out; returns the new length. */
static size_t
gzip_member(const uint8_t *p, size_t n, int level, uint8_t *out,
            size_t at, size_t cap)
{
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    abort();
  z.next_in = (uint8_t *)p;
  z.avail_in = (uInt)n;
  z.next_out = out + at;
  z.avail_out = (uInt)(cap - at);
  if (deflate(&z, Z_FINISH) != Z_STREAM_END)
    abort();
  at = cap - z.avail_out;
  deflateEnd(&z);
  return at;
}

static pmml_status
load(const uint8_t *p, size_t n, int from_stream, pmml_error *e)
{
  pmml_model *m = NULL;
  pmml_status st;
  if (from_stream && n) {
    FILE *fp = fmemopen((void *)p, n, "rb");
    if (!fp)
      abort();
    st = pmml_model_load_fp(fp, NULL, &m, e);
    fclose(fp);
  } else {
    st = pmml_model_load_memory(p, n, NULL, &m, e);
  }
  if ((st == PMML_OK) != (m != NULL))
    abort();
  pmml_model_free(m);
  return st;
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const int levels[4] = {0, 1, 6, 9};
  pmml_error plain, packed;
  pmml_status a, b;
  uint8_t mode, *gz;
  const uint8_t *doc;
  size_t n, cap, len, len1, split, cut;
  if (size < 1)
    return 0;
  mode = data[0];
  doc = data + 1;
  n = size - 1;
  if (n >= 2 && doc[0] == 0x1f && doc[1] == 0x8b)
    return 0; /* already gzip: the plain load would inflate it */
  cap = 2 * n + 256;
  gz = malloc(cap);
  if (!gz)
    return 0;
  split = mode & 1 ? n * ((mode >> 4) + 1) / 17 : n;
  len = len1 = gzip_member(doc, split, levels[(mode >> 1) & 3], gz, 0, cap);
  if (split < n)
    len = gzip_member(doc + split, n - split, levels[(mode >> 1) & 3], gz,
                      len, cap);
  a = load(doc, n, 0, &plain);
  b = load(gz, len, (mode >> 3) & 1, &packed);
  if (n > 0 && (a != b || plain.line != packed.line ||
                plain.column != packed.column ||
                strcmp(plain.message, packed.message) != 0)) {
    fprintf(stderr, "plain: %d %lu:%lu %s\ngzip: %d %lu:%lu %s\n", (int)a,
            plain.line, plain.column, plain.message, (int)b, packed.line,
            packed.column, packed.message);
    abort();
  }
  /* Cut inside the last member: never a model. */
  {
    size_t lo = split < n ? len1 + 1 : 1;
    cut = lo + (size * 7919 + mode) % (len - lo);
  }
  if (load(gz, cut, (mode >> 3) & 1, &packed) == PMML_OK) {
    fprintf(stderr, "a gzip stream cut at %zu of %zu loaded\n", cut, len);
    abort();
  }
  free(gz);
  return 0;
}
