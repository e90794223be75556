/*
** regex.c: regular expressions through PCRE2 (8-bit, UTF-8 mode). It owns
** compiling patterns into the model's arena (freed with it through
** pmmlM_defer), the per-context match state that keeps matching free of
** allocation, searching, and Java-style replacement ("replace", text
** normalization). Callers: builtins.c (matches, replace) and eval_text.c
** (TextIndex tokenizing and normalization).
**
** Patterns are compiled in UTF mode with PCRE2_MATCH_INVALID_UTF, so any
** byte string can be searched. \w, \d, \b and \s are ASCII (as in Java,
** which JPMML uses) unless the pattern starts with Python's "(?u)", which
** is removed and turns on Unicode properties (PCRE2_UCP), as Python means.
**
** Memory. Everything PCRE2 allocates goes through the model's allocator
** hook. A context's state holds the match data (room for PM_RX_GROUPS
** groups), a match context with limits, and a JIT stack. Patterns are JIT
** compiled when the platform allows; the interpreter keeps its backtracking
** frames in the match data, which is primed when the state is made, and
** grows only for a deep match, never past PM_RX_HEAP_KIB. Build with
** -DPMML_NO_JIT to keep to the interpreter (valgrind cannot follow JIT
** code and reports its reads as uninitialised). Exceeding that or
** PM_RX_MATCH_LIMIT fails the record with a message, it never aborts.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "pmml_int.h"

#define PM_RX_GROUPS 100        /* ovector pairs: group 0 and 99 groups */
#define PM_RX_MATCH_LIMIT 10000000u
#define PM_RX_HEAP_KIB 8192u    /* backtracking frames, KiB */
#define PM_RX_JIT_STACK (512u * 1024u)

struct pm_regex {
  pcre2_code *code;
  int groups;                   /* capturing groups */
};

/* Blocks PCRE2 gets from an allocator hook carry their size in front. */
typedef union pm_rxhdr {
  size_t size;
  double d_;
  void *p_;
} pm_rxhdr;

/* The hook PCRE2 memory goes through: a pm_arena (its first two fields)
** or the state's own copy. */
typedef struct pm_hook {
  pmml_alloc_fn alloc;
  void *ud;
} pm_hook;

static void *
rx_malloc(PCRE2_SIZE n, void *data)
{
  pm_hook *h = data;
  pm_rxhdr *p = h->alloc(h->ud, NULL, 0, n + sizeof *p);
  if (!p)
    return NULL;
  p->size = n + sizeof *p;
  return p + 1;
}

static void
rx_free(void *ptr, void *data)
{
  pm_hook *h = data;
  pm_rxhdr *p;
  if (!ptr)
    return;
  p = (pm_rxhdr *)ptr - 1;
  h->alloc(h->ud, p, p->size, 0);
}

/* The state of a context: see the file comment. */
typedef struct pm_rxstate {
  pm_hook hook;                 /* the model's allocator */
  pcre2_general_context *gctx;
  pcre2_match_context *mctx;
  pcre2_match_data *md;
  pcre2_jit_stack *jit;
  const pm_regex *last;         /* the pattern of the last match */
  void *text;                   /* eval_text.c's cache, or NULL */
  size_t text_size;
} pm_rxstate;

static void
code_free(void *p)
{
  pcre2_code_free(p);
}

/* Compile with the general context 'g'. NULL and a message on error. */
static pcre2_code *
compile(pcre2_general_context *g, const char *pat, size_t len,
        unsigned flags, char *msg, size_t msz)
{
  pcre2_compile_context *cc = pcre2_compile_context_create(g);
  uint32_t opt = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  pcre2_code *code;
  int err;
  PCRE2_SIZE at;

  if (!cc) {
    if (msz)
      snprintf(msg, msz, "%s", PM_RX_NOMEM);
    return NULL;
  }
  if (!(flags & PM_RX_LITERAL) && len >= 4 && memcmp(pat, "(?u)", 4) == 0) {
    pat += 4; /* Python's Unicode flag */
    len -= 4;
    opt |= PCRE2_UCP;
  }
  if (flags & PM_RX_CASELESS)
    opt |= PCRE2_CASELESS;
  if (flags & PM_RX_LITERAL)
    opt |= PCRE2_LITERAL;
  if (flags & PM_RX_UNICODE)
    opt |= PCRE2_UCP;
  code = pcre2_compile((PCRE2_SPTR)pat, len, opt, &err, &at, cc);
  pcre2_compile_context_free(cc);
  if (!code) {
    PCRE2_UCHAR buf[160];
    if (err == PCRE2_ERROR_HEAP_FAILED) {
      if (msz)
        snprintf(msg, msz, "%s", PM_RX_NOMEM);
      return NULL;
    }
    if (pcre2_get_error_message(err, buf, sizeof buf) < 0)
      strcpy((char *)buf, "bad pattern");
    if (msz)
      snprintf(msg, msz, "%s at offset %lu", (char *)buf, (unsigned long)at);
    return NULL;
  }
#ifndef PMML_NO_JIT /* -DPMML_NO_JIT: interpreter only (valgrind runs) */
  (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* optional */
#endif
  return code;
}

/*
** Compile 'pat' for use by the model that owns arena 'a' (PMML 4.4
** Built-in functions: replace, matches; Transformations: TextIndex).
** flags: PM_RX_*. NULL with a message in msg[0..msz) when the pattern is
** bad or memory runs out (then the message is PM_RX_NOMEM).
*/
pm_regex *
pmmlR_regex_ex(pm_arena *a, const char *pat, size_t len, unsigned flags,
               char *msg, size_t msz)
{
  pcre2_general_context *g;
  pm_regex *rx = pmmlM_alloc(a, sizeof *rx);
  uint32_t n = 0;

  if (!rx) {
    if (msz)
      snprintf(msg, msz, "%s", PM_RX_NOMEM);
    return NULL;
  }
  /* the arena begins with its hook: PCRE2 frees through it later */
  g = pcre2_general_context_create(rx_malloc, rx_free, a);
  if (!g) {
    if (msz)
      snprintf(msg, msz, "%s", PM_RX_NOMEM);
    return NULL;
  }
  rx->code = compile(g, pat, len, flags, msg, msz);
  pcre2_general_context_free(g);
  if (!rx->code)
    return NULL;
  if (pmmlM_defer(a, code_free, rx->code) < 0) {
    if (msz)
      snprintf(msg, msz, "%s", PM_RX_NOMEM);
    return NULL;
  }
  pcre2_pattern_info(rx->code, PCRE2_INFO_CAPTURECOUNT, &n);
  rx->groups = (int)n;
  return rx;
}

/* Compile 'pat' (PMML/Perl syntax; a leading "(?u)" of Python exports is
** accepted). NULL with a message on a bad pattern. */
pm_regex *
pmmlR_regex(pm_arena *a, const char *pat, size_t len, int caseless,
            char *msg, size_t msz)
{
  return pmmlR_regex_ex(a, pat, len, caseless ? PM_RX_CASELESS : 0u, msg,
                        msz);
}

/* The number of capturing groups of rx. */
int
pmmlR_regex_groups(const pm_regex *rx)
{
  return rx->groups;
}

/*
** The match state of a new context of model 'doc': match data, limits, a
** JIT stack, and the TextIndex cache when the model has TextIndex
** expressions. NULL when memory runs out.
*/
void *
pmmlE_regex_state_new(const pmml_model *doc)
{
  pm_rxstate *st;
  size_t tsize = pmmlE_textindex_cache_size(doc);
  pm_hook hook;

  hook.alloc = doc->arena.alloc;
  hook.ud = doc->arena.ud;
  st = hook.alloc(hook.ud, NULL, 0, sizeof *st);
  if (!st)
    return NULL;
  memset(st, 0, sizeof *st);
  st->hook = hook;
  if (!(st->gctx = pcre2_general_context_create(rx_malloc, rx_free,
                                                &st->hook))
      || !(st->mctx = pcre2_match_context_create(st->gctx))
      || !(st->md = pcre2_match_data_create(PM_RX_GROUPS, st->gctx)))
    goto fail;
  pcre2_set_match_limit(st->mctx, PM_RX_MATCH_LIMIT);
  pcre2_set_heap_limit(st->mctx, PM_RX_HEAP_KIB);
  st->jit = pcre2_jit_stack_create(32 * 1024, PM_RX_JIT_STACK, st->gctx);
  if (st->jit)
    pcre2_jit_stack_assign(st->mctx, NULL, st->jit);
  {
    /* Prime the interpreter's frame vector in the match data now, so the
    ** first match of a record does not allocate it. */
    char msg[8];
    pcre2_code *c = compile(st->gctx, "a", 1, 0, msg, sizeof msg);
    if (c) {
      (void)pcre2_match(c, (PCRE2_SPTR) "a", 1, 0, PCRE2_NO_JIT, st->md,
                        st->mctx);
      pcre2_code_free(c);
    }
  }
  if (tsize) {
    st->text = hook.alloc(hook.ud, NULL, 0, tsize);
    if (!st->text)
      goto fail;
    memset(st->text, 0, tsize);
    st->text_size = tsize;
  }
  return st;
fail:
  pmmlE_regex_state_free(st);
  return NULL;
}

/* Free what pmmlE_regex_state_new made. NULL is allowed. */
void
pmmlE_regex_state_free(void *p)
{
  pm_rxstate *st = p;
  pm_hook hook;
  if (!st)
    return;
  hook = st->hook;
  if (st->text)
    hook.alloc(hook.ud, st->text, st->text_size, 0);
  pcre2_jit_stack_free(st->jit);
  pcre2_match_data_free(st->md);
  pcre2_match_context_free(st->mctx);
  pcre2_general_context_free(st->gctx);
  hook.alloc(hook.ud, st, sizeof *st, 0);
}

/* eval_text.c's cache in the context's state (NULL when the model has no
** TextIndex or the context has no state). */
void *
pmmlE_regex_text_cache(pmml_ctx *c)
{
  pm_rxstate *st = c->regex;
  return st ? st->text : NULL;
}

/*
** Find the first match of rx in s[0..len) that starts at or after 'off':
** 1 and [*mb, *me) when found, 0 when not, -1 when matching failed (the
** record is failed: limits exceeded, no state).
*/
int
pmmlE_regex_find(pmml_ctx *c, const pm_regex *rx, const char *s,
                 size_t len, size_t off, size_t *mb, size_t *me)
{
  pm_rxstate *st = c->regex;
  PCRE2_SIZE *ov;
  int rc;

  if (!st)
    return pmmlE_fail(c, PMML_E_EVAL,
                      "regular expression: no match state in the context");
  if (off > len)
    return 0;
  rc = pcre2_match(rx->code, (PCRE2_SPTR)(s ? s : ""), len, off, 0, st->md,
                   st->mctx);
  if (rc == PCRE2_ERROR_NOMATCH) {
    st->last = NULL;
    return 0;
  }
  if (rc < 0) {
    PCRE2_UCHAR buf[160];
    st->last = NULL;
    if (pcre2_get_error_message(rc, buf, sizeof buf) < 0)
      strcpy((char *)buf, "matching error");
    return pmmlE_fail(c, PMML_E_EVAL, "regular expression: %s",
                      (char *)buf);
  }
  st->last = rx;
  ov = pcre2_get_ovector_pointer(st->md);
  *mb = ov[0];
  *me = ov[1];
  return 1;
}

/* After a successful pmmlE_regex_find: 1 and the span of group k, or 0
** when the group did not take part (or does not exist). */
int
pmmlE_regex_group(const pmml_ctx *c, int k, size_t *b, size_t *e)
{
  const pm_rxstate *st = c->regex;
  PCRE2_SIZE *ov;
  if (!st || !st->last || k < 0 || k > st->last->groups
      || k >= (int)pcre2_get_ovector_count(st->md))
    return 0;
  ov = pcre2_get_ovector_pointer(st->md);
  if (ov[2 * k] == PCRE2_UNSET)
    return 0;
  *b = ov[2 * k];
  *e = ov[2 * k + 1];
  return 1;
}

/* Where output goes: counted always, written while it fits. */
typedef struct sink {
  char *dst;
  size_t cap, n;
} sink;

static void
emit(sink *o, const char *p, size_t n)
{
  if (o->dst && o->n < o->cap) {
    size_t k = o->cap - o->n < n ? o->cap - o->n : n;
    memcpy(o->dst + o->n, p, k);
  }
  o->n += n;
}

/* Expand the replacement 'r' for the current match of s. */
static int
expand(pmml_ctx *c, const pm_regex *rx, const char *s, const char *r,
       size_t rn, int literal, sink *o)
{
  size_t i = 0, b, e;
  if (literal) {
    emit(o, r, rn);
    return 0;
  }
  while (i < rn) {
    char ch = r[i];
    if (ch == '\\' && i + 1 < rn) { /* \x: x itself */
      emit(o, r + i + 1, 1);
      i += 2;
    } else if (ch == '$' && i + 1 < rn && r[i + 1] == '$') { /* PCRE2 */
      emit(o, "$", 1);
      i += 2;
    } else if (ch == '$' && i + 1 < rn
               && (r[i + 1] == '{' || (r[i + 1] >= '0' && r[i + 1] <= '9'))) {
      long g = 0;
      if (r[i + 1] == '{') { /* ${n} */
        size_t j = i + 2;
        while (j < rn && r[j] >= '0' && r[j] <= '9' && g <= 1000)
          g = g * 10 + (r[j++] - '0');
        if (j == i + 2 || j >= rn || r[j] != '}')
          return pmmlE_fail(c, PMML_E_EVAL,
                            "replace: bad group reference in '%.*s'",
                            (int)(rn > 64 ? 64 : rn), r);
        i = j + 1;
      } else { /* $n: digits while the number stays a group (Java) */
        i++;
        g = r[i++] - '0';
        while (i < rn && r[i] >= '0' && r[i] <= '9'
               && g * 10 + (r[i] - '0') <= rx->groups)
          g = g * 10 + (r[i++] - '0');
      }
      if (g > rx->groups || g >= PM_RX_GROUPS)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "replace: no group %ld in the pattern", g);
      if (pmmlE_regex_group(c, (int)g, &b, &e))
        emit(o, s + b, e - b);
    } else {
      emit(o, r + i, 1);
      i++;
    }
  }
  return 0;
}

/* Length of the UTF-8 sequence starting with byte b (1 for a stray). */
static size_t
u8len(unsigned char b)
{
  return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

/*
** Replace every match of rx in s[0..len) by 'repl' (PMML 4.4 Built-in
** functions: replace; Transformations: TextIndexNormalization). Matches are
** found as Java's Matcher.replaceAll finds them (after an empty match the
** search resumes one character later). In 'repl', $n and ${n} stand for
** group n ($n takes digits while they name a group, as Java does), "$$"
** and "\$" for '$', "\x" for x; with 'literal' it is copied as is. The
** result goes to dst[0..cap) (not terminated) when dst is not NULL; its
** full length is stored in *outlen either way, so a NULL dst measures it.
** 0 or -1 (record failed).
*/
int
pmmlE_regex_replace(pmml_ctx *c, const pm_regex *rx, const char *s,
                    size_t len, const char *repl, size_t rlen, int literal,
                    char *dst, size_t cap, size_t *outlen)
{
  sink o;
  size_t pos = 0, from = 0, mb, me;
  int r;

  o.dst = dst;
  o.cap = cap;
  o.n = 0;
  while (from <= len) {
    r = pmmlE_regex_find(c, rx, s, len, from, &mb, &me);
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    emit(&o, s + pos, mb - pos);
    if (expand(c, rx, s, repl, rlen, literal, &o) < 0)
      return -1;
    pos = me;
    if (me > mb)
      from = me;
    else if (me < len)
      from = me + u8len((unsigned char)s[me]);
    else
      break;
  }
  emit(&o, s + pos, len - pos);
  *outlen = o.n;
  return 0;
}

/*
** A pattern compiled while scoring: the documented fallback for a pattern
** that is not a constant of the document. It allocates through the model's
** hook; free it with pmmlE_regex_temp_free. NULL after failing the record.
*/
pm_regex *
pmmlE_regex_temp(pmml_ctx *c, const char *pat, size_t len, unsigned flags)
{
  pm_rxstate *st = c->regex;
  pm_regex *rx;
  char msg[200];
  uint32_t n = 0;

  if (!st) {
    pmmlE_fail(c, PMML_E_EVAL, "regular expression: no match state");
    return NULL;
  }
  rx = rx_malloc(sizeof *rx, &st->hook);
  if (!rx) {
    pmmlE_fail(c, PMML_E_NOMEM, "regular expression: out of memory");
    return NULL;
  }
  rx->code = compile(st->gctx, pat, len, flags, msg, sizeof msg);
  if (!rx->code) {
    rx_free(rx, &st->hook);
    pmmlE_fail(c, PMML_E_EVAL, "regular expression '%.*s': %s",
               (int)(len > 64 ? 64 : len), pat, msg);
    return NULL;
  }
  pcre2_pattern_info(rx->code, PCRE2_INFO_CAPTURECOUNT, &n);
  rx->groups = (int)n;
  return rx;
}

/* Free a pattern of pmmlE_regex_temp. NULL is allowed. */
void
pmmlE_regex_temp_free(pmml_ctx *c, pm_regex *rx)
{
  pm_rxstate *st = c->regex;
  if (!rx || !st)
    return;
  if (st->last == rx)
    st->last = NULL;
  pcre2_code_free(rx->code);
  rx_free(rx, &st->hook);
}
