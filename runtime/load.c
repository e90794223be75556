/*
** load.c: the PMML reader. Drives Expat over the bytes of a document
** (inflating gzip on the fly), keeps the stack of open elements, and hands
** each element to the handler its parent's table names. The handlers (in
** load_doc.c, load_model.c, load_expr.c, load_pred.c and one load_<family>.c
** per model family) build the IR directly: no DOM is ever built.
**
** Hostile input is harmless here: a DOCTYPE is refused before any entity
** can be declared (so no external entity is loaded and no entity expands),
** nesting depth, text and attribute sizes and the parser's own memory are
** bounded, and every error is sticky (the first one wins and stops Expat).
*/
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zlib.h>

#include "numconv.h"
#include "pmml_int.h"

#define NS_SEP ' '
#define CHUNK 65536

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && \
    !defined(__STDC_NO_THREADS__)
#define PM_THREAD_LOCAL _Thread_local
#elif defined(_MSC_VER)
#define PM_THREAD_LOCAL __declspec(thread)
#else
#define PM_THREAD_LOCAL __thread
#endif

/* ------------------------------------------------------------------------ */
/* Expat's memory                                                           */

/*
** Expat allocates through the hook too, within max_memory. Its memory
** functions take no user data, so they find the load of their thread
** through a thread-local pointer that load() sets for its own duration
** (and restores after: nothing stays behind between loads). Each block
** carries its size in front, since the hook needs it to free.
*/
typedef struct xml_mem {
  pm_arena *a;
  size_t bytes, max;   /* held by Expat now; the ceiling (max_memory) */
  int over;            /* a request went beyond max_memory */
} xml_mem;

static PM_THREAD_LOCAL xml_mem *xml_cur;

#define XML_HEAD (2 * sizeof(size_t)) /* keeps 16-byte alignment */

static void *
xml_realloc(void *p, size_t n)
{
  xml_mem *x = xml_cur;
  size_t *h = p ? (size_t *)((char *)p - XML_HEAD) : NULL;
  size_t old = h ? h[0] : 0;
  if (n > (size_t)-1 / 2)
    return NULL;
  if (n > old && n - old > x->max - x->bytes) {
    x->over = 1;
    return NULL;
  }
  h = x->a->alloc(x->a->ud, h, h ? old + XML_HEAD : 0, n + XML_HEAD);
  if (!h)
    return NULL;
  x->bytes = x->bytes - old + n;
  h[0] = n;
  return (char *)h + XML_HEAD;
}

static void *
xml_malloc(size_t n)
{
  return xml_realloc(NULL, n);
}

static void
xml_free(void *p)
{
  xml_mem *x = xml_cur;
  size_t *h;
  if (!p)
    return;
  h = (size_t *)((char *)p - XML_HEAD);
  x->bytes -= h[0];
  x->a->alloc(x->a->ud, h, h[0] + XML_HEAD, 0);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

void
pmmlL_fail(pm_loader *ld, pmml_status code, const char *fmt, ...)
{
  va_list ap;
  pm_frame *f;
  if (ld->failed)
    return;
  ld->failed = 1;
  ld->code = code;
  if (!ld->err)
    goto stop;
  ld->err->code = code;
  if (ld->xml) {
    ld->err->line = XML_GetCurrentLineNumber(ld->xml);
    ld->err->column = XML_GetCurrentColumnNumber(ld->xml) + 1;
  }
  va_start(ap, fmt);
  vsnprintf(ld->err->message, sizeof ld->err->message, fmt, ap);
  va_end(ap);
  pmmlV_clean_message(ld->err->message, sizeof ld->err->message);
  /* The element the message names, else the one being read. */
  f = ld->depth ? &ld->frames[ld->depth - 1] : NULL;
  if (pmmlL_message_element(ld->err->message, ld->err->element,
                            sizeof ld->err->element) != 0 &&
      f && f->el && f->el->name && strcmp(f->el->name, "*") != 0)
    snprintf(ld->err->element, sizeof ld->err->element, "%s", f->el->name);
stop:
  if (ld->xml)
    XML_StopParser(ld->xml, XML_FALSE);
}

/* Is s[0..n) a name of PMML's vocabulary (for messages)? */
static int
known_n(const char *s, size_t n)
{
  char buf[64];
  if (n == 0 || n >= sizeof buf)
    return 0;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return pmmlL_known_element(buf);
}

int
pmmlL_message_element(const char *msg, char *buf, size_t size)
{
  const char *b = msg, *e;
  size_t n;
  if (!strncmp(b, "unknown element <", 17))
    b += 16;
  if (*b == '<') {
    /* "<X> inside <Y> ..." and "unknown element <X> inside <Y>": X */
    e = strchr(++b, '>');
    if (!e)
      return -1;
  } else {
    e = b + strcspn(b, ": '(");
    if (*e != ':' && *e != ' ' && *e != '\0')
      return -1;
    if (!known_n(b, (size_t)(e - b)))
      return -1;
  }
  n = (size_t)(e - b);
  if (n == 0 || n >= size)
    return -1;
  memcpy(buf, b, n);
  buf[n] = '\0';
  return 0;
}

void
pmmlL_nomem(pm_loader *ld)
{
  pmmlL_fail(ld, PMML_E_NOMEM, "out of memory");
}

pm_frame *
pmmlL_frame(pm_loader *ld, size_t up)
{
  if (up >= ld->depth)
    return NULL;
  return &ld->frames[ld->depth - 1 - up];
}

void *
pmmlL_alloc(pm_loader *ld, size_t n)
{
  void *p = pmmlM_alloc(ld->a, n);
  if (!p)
    pmmlL_nomem(ld);
  return p;
}

void
pmmlL_track(pm_loader *ld, pm_vec *v, size_t size)
{
  pm_tracked *t = pmmlM_vec_push(ld->a, &ld->tracked, sizeof *t);
  if (!t) {
    pmmlL_nomem(ld);
    return;
  }
  t->v = v;
  t->size = size;
}

void *
pmmlL_push(pm_loader *ld, pm_vec *v, size_t size)
{
  void *p = pmmlM_vec_push(ld->a, v, size);
  if (!p)
    pmmlL_nomem(ld);
  return p;
}

void *
pmmlL_finish_vec(pm_loader *ld, pm_vec *v, size_t size, int32_t *n)
{
  int ok;
  void *p;
  if (n)
    *n = (int32_t)v->len;
  p = pmmlM_vec_finish(ld->a, v, size, &ok);
  if (!ok)
    pmmlL_nomem(ld);
  return p;
}

/* ------------------------------------------------------------------------ */
/* Attributes                                                               */

const char *
pmmlL_attr(const char **atts, const char *name)
{
  for (; atts && atts[0]; atts += 2)
    if (strcmp(atts[0], name) == 0)
      return atts[1];
  return NULL;
}

const char *
pmmlL_need(pm_loader *ld, const char **atts, const char *name)
{
  const char *v = pmmlL_attr(atts, name);
  if (!v) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID, "%s: missing attribute '%s'",
               f && f->el ? f->el->name : "element", name);
  }
  return v;
}

/* Numbers in attributes: XML Schema allows surrounding blanks. */
static int
parse_number(const char *s, double *out)
{
  size_t n;
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
               s[n - 1] == '\r'))
    n--;
  return pmmlN_parse_double(s, n, out);
}

/* A number attribute (XML Schema double). No PMML attribute gives NaN a
** meaning (a threshold, a weight or a count of NaN is an error of the
** exporter, and NaN as a default means "absent"), so it is refused; so are
** the infinities, except for the bounds that may be open (pmmlL_bound). */
static double
num_attr(pm_loader *ld, const char **atts, const char *name, double dflt,
         int open_bound)
{
  const char *v = pmmlL_attr(atts, name);
  double d;
  if (!v)
    return dflt;
  if (parse_number(v, &d)) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID, "%s: attribute %s=\"%.40s\" is not a number",
               f && f->el ? f->el->name : "element", name, v);
    return dflt;
  }
  if (d != d || (!open_bound && (d > DBL_MAX || d < -DBL_MAX))) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID,
               "%s: attribute %s=\"%.40s\" is not a finite number",
               f && f->el ? f->el->name : "element", name, v);
    return dflt;
  }
  return d;
}

double
pmmlL_num(pm_loader *ld, const char **atts, const char *name, double dflt)
{
  return num_attr(ld, atts, name, dflt, 0);
}

double
pmmlL_bound(pm_loader *ld, const char **atts, const char *name, double dflt)
{
  return num_attr(ld, atts, name, dflt, 1);
}

long
pmmlL_int(pm_loader *ld, const char **atts, const char *name, long dflt,
          long lo, long hi)
{
  const char *v = pmmlL_attr(atts, name);
  double d;
  if (!v)
    return dflt;
  /* The range first: converting a number beyond long is undefined. */
  if (parse_number(v, &d) || !(d >= lo && d <= hi) || d != (double)(long)d) {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID,
               "%s: attribute %s=\"%.40s\" is not an integer in [%ld, %ld]",
               f && f->el ? f->el->name : "element", name, v, lo, hi);
    return dflt;
  }
  return (long)d;
}

int
pmmlL_bool(pm_loader *ld, const char **atts, const char *name, int dflt)
{
  const char *v = pmmlL_attr(atts, name);
  if (!v)
    return dflt;
  if (!strcmp(v, "true") || !strcmp(v, "1"))
    return 1;
  if (!strcmp(v, "false") || !strcmp(v, "0"))
    return 0;
  {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID,
               "%s: attribute %s=\"%.40s\" is not a boolean",
               f && f->el ? f->el->name : "element", name, v);
  }
  return dflt;
}

int
pmmlL_enum(pm_loader *ld, const char **atts, const char *name,
           const char *const *names, int dflt)
{
  const char *v = pmmlL_attr(atts, name);
  int i;
  if (!v)
    return dflt;
  for (i = 0; names[i]; i++)
    if (!strcmp(v, names[i]))
      return i;
  {
    pm_frame *f = pmmlL_frame(ld, 0);
    pmmlL_fail(ld, PMML_E_INVALID, "%s: unknown %s=\"%.60s\"",
               f && f->el ? f->el->name : "element", name, v);
  }
  return dflt;
}

int32_t
pmmlL_intern(pm_loader *ld, const char *s, size_t len)
{
  int32_t id = pmmlS_intern(ld->a, &ld->doc->strs, s, len);
  if (id < 0)
    pmmlL_nomem(ld);
  return id;
}

int32_t
pmmlL_sym(pm_loader *ld, const char **atts, const char *name)
{
  const char *v = pmmlL_attr(atts, name);
  return v ? pmmlL_intern(ld, v, strlen(v)) : -1;
}

/* Raw literal texts wait in one growable buffer until resolve types them;
** only the ones scoring needs are interned. */
pm_lit
pmmlL_lit_text(pm_loader *ld, const char *s, size_t len)
{
  pm_lit l;
  size_t at = ld->raw.len;
  memset(&l, 0, sizeof l);
  l.t = PM_T_STR;
  l.dt = PM_DT_ANY;
  l.sym = -1;
  l.raw = -1;
  if (at > 0x7ffffff0u - len ||
      pmmlM_vec_reserve(ld->a, &ld->raw, 1, at + len + 1)) {
    pmmlL_nomem(ld);
    return l;
  }
  memcpy((char *)ld->raw.data + at, s, len);
  ((char *)ld->raw.data)[at + len] = '\0';
  ld->raw.len = at + len + 1;
  l.raw = (int32_t)at;
  return l;
}

pm_lit
pmmlL_lit(pm_loader *ld, const char **atts, const char *name)
{
  const char *v = pmmlL_attr(atts, name);
  pm_lit l;
  if (v)
    return pmmlL_lit_text(ld, v, strlen(v));
  memset(&l, 0, sizeof l);
  l.t = PM_T_MISSING;
  l.dt = PM_DT_ANY;
  l.sym = -1;
  l.raw = -1;
  return l;
}

const char *
pmmlL_raw(const pm_loader *ld, int32_t raw)
{
  return raw < 0 ? NULL : (const char *)ld->raw.data + raw;
}

const char *
pmmlL_text(pm_loader *ld, size_t *len)
{
  if (len)
    *len = ld->text_len;
  return ld->text ? ld->text : "";
}

/* ------------------------------------------------------------------------ */
/* The index stack                                                          */

void
pmmlL_push_index(pm_loader *ld, int32_t i)
{
  int32_t *p = pmmlM_vec_push(ld->a, &ld->istack, sizeof(int32_t));
  if (!p) {
    pmmlL_nomem(ld);
    return;
  }
  *p = i;
}

int32_t *
pmmlL_pop_indices(pm_loader *ld, int32_t mark, int32_t *n)
{
  size_t k = ld->istack.len - (size_t)mark;
  int32_t *out = NULL;
  *n = (int32_t)k;
  if (k) {
    out = pmmlM_dup(ld->a, (int32_t *)ld->istack.data + mark,
                    k * sizeof(int32_t));
    if (!out) {
      pmmlL_nomem(ld);
      *n = 0;
    }
  }
  ld->istack.len = (size_t)mark;
  return out;
}

/*
** The whitespace-separated numbers of s[0..len) appended to the vector of
** doubles v (PMML NUM-ARRAY contents: Array, REAL-Entries, Indices); the
** one tokenizer of the loaders. With 'quoted', a number may stand in
** double quotes. A token that is not a number fails the load with "WHAT:
** 'token' is not a number" (no prefix when 'what' is NULL). Returns how
** many numbers were appended, or -1 (the load failed).
*/
int32_t
pmmlL_push_numbers(pm_loader *ld, pm_vec *v, const char *s, size_t len,
                   int quoted, const char *what)
{
  const char *end = s + len;
  int32_t n = 0;
  while (s < end) {
    const char *b;
    double d, *slot;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
      s++;
    if (s == end)
      break;
    b = s;
    while (s < end && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      s++;
    if (quoted && *b == '"' && s - b >= 2 && s[-1] == '"')
      b++, s--;
    if (pmmlN_parse_double(b, (size_t)(s - b), &d)) {
      pmmlL_fail(ld, PMML_E_INVALID, "%s%s'%.*s' is not a number",
                 what ? what : "", what ? ": " : "",
                 (int)(s - b > 40 ? 40 : s - b), b);
      return -1;
    }
    if (quoted && *s == '"')
      s++;
    slot = pmmlL_push(ld, v, sizeof(double));
    if (!slot)
      return -1;
    *slot = d;
    n++;
  }
  return n;
}

/* Whitespace-separated numbers, quoted or not: Array contents, coefficient
** lists, as a new arena array of *n doubles. */
double *
pmmlL_numbers(pm_loader *ld, const char *s, size_t len, int32_t *n)
{
  pm_vec v = {0};
  double *out;
  int ok;
  if (pmmlL_push_numbers(ld, &v, s, len, 1, NULL) < 0) {
    pmmlM_vec_free(ld->a, &v, sizeof(double));
    *n = 0;
    return NULL;
  }
  *n = (int32_t)v.len;
  out = pmmlM_vec_finish(ld->a, &v, sizeof(double), &ok);
  if (!ok)
    pmmlL_nomem(ld);
  return out;
}

/* ------------------------------------------------------------------------ */
/* Element dispatch                                                         */

/* The table row for 'name' among 'tab' (following chained tables); a row
** named "*" matches any element. */
const pm_elem *
pmmlL_lookup(const pm_elem *tab, const char *name)
{
  const pm_elem *wild = NULL;
  int hops = 0;
  while (tab && hops++ < 16) {
    for (; tab->name; tab++) {
      if (!strcmp(tab->name, name))
        return tab;
      if (!wild && !strcmp(tab->name, "*"))
        wild = tab;
    }
    tab = tab->children;
  }
  return wild;
}

/* The PMML namespaces, oldest first, and the version each stands for. */
static const struct {
  const char *uri;
  int version;
} namespaces[] = {
  {"http://www.dmg.org/PMML-3_0", 30}, {"http://www.dmg.org/PMML-3_1", 31},
  {"http://www.dmg.org/PMML-3_2", 32}, {"http://www.dmg.org/PMML-4_0", 40},
  {"http://www.dmg.org/PMML-4_1", 41}, {"http://www.dmg.org/PMML-4_2", 42},
  {"http://www.dmg.org/PMML-4_3", 43}, {"http://www.dmg.org/PMML-4_4", 44},
  {"https://www.dmg.org/PMML-4_4", 44},
};

/* Split Expat's "uri SEP local [SEP prefix]" name. With a prefix, the
** local name is copied into buf (NUL-terminated there); NULL when it does
** not fit. */
static const char *
local_name(const char *name, const char **uri_end, const char **prefix,
           char *buf, size_t size)
{
  const char *sep = strchr(name, NS_SEP), *sep2;
  size_t n;
  *prefix = NULL;
  if (!sep) {
    *uri_end = NULL;
    return name;
  }
  *uri_end = sep;
  sep2 = strchr(sep + 1, NS_SEP);
  if (!sep2)
    return sep + 1;
  *prefix = sep2 + 1;
  n = (size_t)(sep2 - (sep + 1));
  if (n >= size)
    return NULL;
  memcpy(buf, sep + 1, n);
  buf[n] = '\0';
  return buf;
}

static void
push_frame(pm_loader *ld, const pm_elem *el)
{
  pm_frame *f;
  if (ld->depth == ld->frames_cap) {
    size_t cap = ld->frames_cap ? ld->frames_cap * 2 : 64;
    pm_frame *nf = ld->a->alloc(ld->a->ud, ld->frames,
                                ld->frames_cap * sizeof *nf, cap * sizeof *nf);
    if (!nf) {
      pmmlL_nomem(ld);
      return;
    }
    ld->frames = nf;
    ld->frames_cap = cap;
  }
  f = &ld->frames[ld->depth++];
  memset(f, 0, sizeof *f);
  f->el = el;
  f->mark = (int32_t)ld->istack.len;
  f->line = (uint32_t)XML_GetCurrentLineNumber(ld->xml);
}

static void
start_root(pm_loader *ld, const char *uri, size_t uri_len, const char *local,
           const char **atts)
{
  size_t i;
  const char *ver;
  if (strcmp(local, "PMML") != 0) {
    pmmlL_fail(ld, PMML_E_NOT_PMML,
               "the document element is <%.60s>, not <PMML>", local);
    return;
  }
  ld->version = 0;
  if (uri) {
    for (i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++)
      if (strlen(namespaces[i].uri) == uri_len &&
          !memcmp(namespaces[i].uri, uri, uri_len))
        ld->version = namespaces[i].version;
    if (!ld->version) {
      pmmlL_fail(ld, PMML_E_NOT_PMML,
                 "unknown namespace '%.*s': expected "
                 "http://www.dmg.org/PMML-3_0 to PMML-4_4",
                 (int)(uri_len > 100 ? 100 : uri_len), uri);
      return;
    }
    if (uri_len >= sizeof ld->ns_uri) {
      pmmlL_fail(ld, PMML_E_NOT_PMML, "namespace too long");
      return;
    }
    memcpy(ld->ns_uri, uri, uri_len);
    ld->ns_uri[uri_len] = '\0';
    ld->has_ns = 1;
  }
  ver = pmmlL_attr(atts, "version");
  if (!ver) {
    pmmlL_fail(ld, PMML_E_NOT_PMML, "PMML: missing attribute 'version'");
    return;
  }
  {
    int major = 0, minor = 0;
    if (sscanf(ver, "%d.%d", &major, &minor) != 2 || major < 3 ||
        major > 4 || minor < 0 || minor > 9 ||
        (major == 4 && minor > 4)) {
      pmmlL_fail(ld, PMML_E_NOT_PMML,
                 "PMML version=\"%.20s\" is not supported (3.0 to 4.4)", ver);
      return;
    }
    if (!ld->version)
      ld->version = major * 10 + minor;
  }
  ld->doc->version = pmmlM_dup(ld->a, ver, strlen(ver) + 1);
  if (!ld->doc->version)
    pmmlL_nomem(ld);
  push_frame(ld, &pmmlL_root_elem);
}

static void XMLCALL
on_start(void *ud, const char *name, const char **atts)
{
  pm_loader *ld = ud;
  const char *uri_end, *prefix, *local;
  char lbuf[256];
  const pm_elem *el;
  pm_frame *f;
  if (ld->failed)
    return;
  if (ld->depth + ld->skip_depth >= ld->opt->max_depth) {
    pmmlL_fail(ld, PMML_E_LIMIT, "elements nested deeper than %zu",
               ld->opt->max_depth);
    return;
  }
  if (ld->skip_depth) {
    ld->skip_depth++;
    return;
  }
  local = local_name(name, &uri_end, &prefix, lbuf, sizeof lbuf);
  if (!local) {
    pmmlL_fail(ld, PMML_E_LIMIT, "an element name is longer than %zu bytes",
               sizeof lbuf - 1);
    return;
  }
  if (ld->depth == 0) {
    start_root(ld, uri_end ? name : NULL,
               uri_end ? (size_t)(uri_end - name) : 0, local, atts);
    return;
  }
  f = &ld->frames[ld->depth - 1];
  if (f->el->flags & PM_EL_ANYNS) {
    /* Columns of an InlineTable: any namespace; the name is "prefix:local"
    ** as written, since that is how FieldColumnPair@column refers to it. */
    el = pmmlL_lookup(f->el->children, "*");
    ld->colname_len = 0;
    if (prefix) {
      size_t pl = strlen(prefix), ll = strlen(local);
      if (pl + ll + 2 <= sizeof ld->colname) {
        memcpy(ld->colname, prefix, pl);
        ld->colname[pl] = ':';
        memcpy(ld->colname + pl + 1, local, ll + 1);
        ld->colname_len = pl + 1 + ll;
      }
    } else {
      size_t ll = strlen(local);
      if (ll + 1 <= sizeof ld->colname) {
        memcpy(ld->colname, local, ll + 1);
        ld->colname_len = ll;
      }
    }
    if (!ld->colname_len) {
      pmmlL_fail(ld, PMML_E_LIMIT, "InlineTable column name too long");
      return;
    }
    if (uri_end && !strcmp(local, "Extension") && ld->has_ns &&
        (size_t)(uri_end - name) == strlen(ld->ns_uri) &&
        !memcmp(name, ld->ns_uri, (size_t)(uri_end - name)))
      el = pmmlL_lookup(pmmlL_skip_elems, "Extension");
  } else {
    int pmml_ns = ld->has_ns
                      ? uri_end && (size_t)(uri_end - name) ==
                                       strlen(ld->ns_uri) &&
                            !memcmp(name, ld->ns_uri,
                                    (size_t)(uri_end - name))
                      : !uri_end;
    if (!pmml_ns) {
      /* Not PMML: another vocabulary's element carries no PMML meaning. */
      ld->skip_depth = 1;
      return;
    }
    el = pmmlL_lookup(f->el->children, local);
    if (!el || !strcmp(el->name, "*"))
      el = pmmlL_lookup(pmmlL_skip_elems, local);
  }
  if (!el) {
    if (pmmlL_known_element(local))
      pmmlL_fail(ld, PMML_E_UNSUPPORTED,
                 "<%.60s> inside <%s> is not supported", local,
                 f->el->name);
    else
      pmmlL_fail(ld, PMML_E_INVALID, "unknown element <%.60s> inside <%s>",
                 local, f->el->name);
    return;
  }
  if ((el->flags & PM_EL_VERIFY) && ld->model && ld->model->parent < 0 &&
      !ld->doc->verify_line) {
    /* The top-level model's ModelVerification: note where it is, and read
    ** it only when asked (a segment's is never read). */
    ld->doc->verify_line = (uint32_t)XML_GetCurrentLineNumber(ld->xml);
    if (!(ld->opt->flags & PMML_LOAD_VERIFICATION)) {
      ld->skip_depth = 1;
      return;
    }
  } else if (el->flags & PM_EL_VERIFY) {
    ld->skip_depth = 1;
    return;
  }
  if ((el->flags & PM_EL_SKIP) ||
      ((el->flags & PM_EL_MODEL(0)) && ld->depth == 1 && ld->model_done)) {
    /* Skipped, or a second top-level model: the first one is scored. */
    ld->skip_depth = 1;
    return;
  }
  push_frame(ld, el);
  if (ld->failed)
    return;
  if (el->flags & PM_EL_TEXT)
    ld->text_len = 0;
  if (el->start)
    el->start(ld, atts);
}

static void XMLCALL
on_end(void *ud, const char *name)
{
  pm_loader *ld = ud;
  pm_frame *f;
  (void)name;
  if (ld->failed)
    return;
  if (ld->skip_depth) {
    ld->skip_depth--;
    return;
  }
  if (ld->depth == 0)
    return;
  f = &ld->frames[ld->depth - 1];
  if (f->el->flags & PM_EL_TEXT) {
    if (pmmlM_vec_reserve(ld->a, &ld->textv, 1, ld->text_len + 1)) {
      pmmlL_nomem(ld);
      return;
    }
    ld->text = ld->textv.data;
    ld->text[ld->text_len] = '\0';
  }
  if (f->el->end)
    f->el->end(ld);
  ld->depth--;
}

static void XMLCALL
on_text(void *ud, const char *s, int len)
{
  pm_loader *ld = ud;
  pm_frame *f;
  if (ld->failed || ld->skip_depth || ld->depth == 0)
    return;
  f = &ld->frames[ld->depth - 1];
  if (!(f->el->flags & PM_EL_TEXT))
    return;
  if (ld->text_len + (size_t)len > ld->opt->max_text) {
    pmmlL_fail(ld, PMML_E_LIMIT, "<%s>: text longer than %zu bytes",
               f->el->name, ld->opt->max_text);
    return;
  }
  if (pmmlM_vec_reserve(ld->a, &ld->textv, 1, ld->text_len + (size_t)len + 1)) {
    pmmlL_nomem(ld);
    return;
  }
  ld->text = ld->textv.data;
  memcpy(ld->text + ld->text_len, s, (size_t)len);
  ld->text_len += (size_t)len;
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
           const XML_Char *pubid, int has_internal)
{
  pm_loader *ld = ud;
  (void)name, (void)sysid, (void)pubid, (void)has_internal;
  pmmlL_fail(ld, PMML_E_XML,
             "a DOCTYPE is not allowed in PMML (no DTD or entity is ever "
             "loaded)");
}

static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int is_param,
               const XML_Char *value, int value_len, const XML_Char *base,
               const XML_Char *sysid, const XML_Char *pubid,
               const XML_Char *notation)
{
  pm_loader *ld = ud;
  (void)name, (void)is_param, (void)value, (void)value_len, (void)base;
  (void)sysid, (void)pubid, (void)notation;
  pmmlL_fail(ld, PMML_E_XML, "entity declarations are not allowed");
}

/* ------------------------------------------------------------------------ */
/* Feeding Expat                                                            */

/* Bound every tag and text run: Expat holds a whole start tag (attributes
** included) in memory, so a run of bytes without '<' longer than max_text
** (plus slack for the tag itself) is refused before Expat buffers it. */
static int
check_runs(pm_loader *ld, const char *p, size_t n)
{
  const char *end = p + n, *lt;
  size_t limit = ld->opt->max_text + 4096;
  while (p < end) {
    lt = memchr(p, '<', (size_t)(end - p));
    if (!lt) {
      ld->run += (size_t)(end - p);
      break;
    }
    ld->run += (size_t)(lt - p);
    if (ld->run > limit)
      break;
    ld->run = 0;
    p = lt + 1;
  }
  if (ld->run > limit) {
    pmmlL_fail(ld, PMML_E_LIMIT,
               "an attribute value or text is longer than %zu bytes",
               ld->opt->max_text);
    return -1;
  }
  return 0;
}

/* Give n bytes to Expat. */
static int
xml_parse(pm_loader *ld, const char *p, size_t n, int final)
{
  while (n || final) {
    int part = n > (size_t)1 << 30 ? 1 << 30 : (int)n;
    int last = final && (size_t)part == n;
    if (XML_Parse(ld->xml, p, part, last) == XML_STATUS_ERROR) {
      if (!ld->failed) {
        ld->failed = 1;
        ld->code = PMML_E_XML;
        if (XML_GetErrorCode(ld->xml) == XML_ERROR_NO_MEMORY)
          ld->code = xml_cur->over ? PMML_E_LIMIT : PMML_E_NOMEM;
        if (ld->err) {
          enum XML_Error code = XML_GetErrorCode(ld->xml);
          ld->err->code = PMML_E_XML;
          ld->err->line = XML_GetCurrentLineNumber(ld->xml);
          ld->err->column = XML_GetCurrentColumnNumber(ld->xml) + 1;
          if (code == XML_ERROR_NO_MEMORY) {
            ld->code = ld->err->code =
                xml_cur->over ? PMML_E_LIMIT : PMML_E_NOMEM;
            if (xml_cur->over)
              snprintf(ld->err->message, sizeof ld->err->message,
                       "the XML parser needs more than %zu bytes",
                       ld->opt->max_memory);
            else
              snprintf(ld->err->message, sizeof ld->err->message,
                       "out of memory");
          } else if (code == XML_ERROR_NO_ELEMENTS ||
                     code == XML_ERROR_UNCLOSED_TOKEN)
            snprintf(ld->err->message, sizeof ld->err->message,
                     "%s (is the document truncated?)",
                     XML_ErrorString(code));
          else
            snprintf(ld->err->message, sizeof ld->err->message,
                     "malformed XML: %s", XML_ErrorString(code));
        }
      }
      return -1;
    }
    p += part;
    n -= (size_t)part;
    if (last)
      break;
  }
  return ld->failed ? -1 : 0;
}


/* Give n bytes to Expat, the first four in one piece: Expat guesses the
** encoding from the bytes of its first call (a byte order mark, "<?xm" in
** UTF-16...), and the guess, and so the message about bad bytes, must not
** depend on where the input happens to be cut (fuzz_gzip: "'\0\0"). */
static int
parse(pm_loader *ld, const char *p, size_t n, int final)
{
  if (!ld->xml_fed) {
    size_t k;
    if (ld->head_len + n < sizeof ld->head && !final) {
      memcpy(ld->head + ld->head_len, p, n);
      ld->head_len += n;
      return 0;
    }
    ld->xml_fed = 1;
    if (ld->head_len) {
      char first[sizeof ld->head];
      k = sizeof ld->head - ld->head_len < n ? sizeof ld->head - ld->head_len
                                             : n;
      memcpy(first, ld->head, ld->head_len);
      memcpy(first + ld->head_len, p, k);
      if (xml_parse(ld, first, ld->head_len + k, final && k == n))
        return -1;
      if (final && k == n)
        return 0;
      p += k;
      n -= k;
    }
  }
  return xml_parse(ld, p, n, final);
}

/*
** Where markup ends. Expat 2.5 keeps an unfinished token (a start tag with
** its attributes, a comment, a processing instruction) and scans it again
** from its start whenever more bytes come, so a tag of L bytes fed in
** chunks of C costs L*L/C: a 64 MiB attribute took minutes. The scanner
** below follows just enough of XML's lexical structure to tell where a tag,
** a comment or a processing instruction ends; an unfinished one is held
** back and given to Expat whole, or refused when it grows beyond
** max_text. For a document without a DTD (a DOCTYPE is refused anyway) the
** scanner sees markup exactly as Expat does; Expat still parses
** everything.
*/
enum {
  LX_TEXT, LX_LT, LX_BANG, LX_BANG_DASH, LX_TAG, LX_QUOT, LX_APOS,
  LX_COMMENT, LX_COMMENT_1, LX_COMMENT_2, LX_PI, LX_PI_Q, LX_CDATA,
  LX_CDATA_1, LX_CDATA_2
};

/* Run the scanner over p[0..n) from state *st. Returns the offset of the
** '<' that starts markup still open at the end, n when the markup open at
** the end began before p, or (size_t)-1 when none is open. */
static size_t
scan_markup(int *st, const char *p, size_t n)
{
  size_t i, open = *st == LX_TEXT || *st == LX_CDATA ? (size_t)-1 : n;
  int s = *st;
  for (i = 0; i < n; i++) {
    char ch = p[i];
    switch (s) {
    case LX_TEXT:
    case LX_CDATA:
      if (s == LX_CDATA && ch == ']') {
        s = LX_CDATA_1;
      } else if (s == LX_TEXT) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt)
          i = n;
        else {
          i = (size_t)(lt - p);
          open = i;
          s = LX_LT;
        }
      }
      break;
    case LX_CDATA_1:
      s = ch == ']' ? LX_CDATA_2 : LX_CDATA;
      break;
    case LX_CDATA_2:
      s = ch == '>' ? LX_TEXT : ch == ']' ? LX_CDATA_2 : LX_CDATA;
      break;
    case LX_LT:
      s = ch == '!' ? LX_BANG : ch == '?' ? LX_PI : ch == '>' ? LX_TEXT
                                                             : LX_TAG;
      if (s == LX_TAG && (ch == '"' || ch == '\''))
        s = ch == '"' ? LX_QUOT : LX_APOS;
      break;
    case LX_BANG:
      if (ch == '-') {
        s = LX_BANG_DASH;
      } else if (ch == '[') {
        s = LX_CDATA; /* Expat reports section data as it comes */
        open = (size_t)-1;
      } else {
        s = ch == '>' ? LX_TEXT : LX_TAG; /* a declaration */
      }
      break;
    case LX_BANG_DASH:
      s = ch == '-' ? LX_COMMENT : ch == '>' ? LX_TEXT : LX_TAG;
      break;
    case LX_TAG:
      if (ch == '>')
        s = LX_TEXT;
      else if (ch == '"')
        s = LX_QUOT;
      else if (ch == '\'')
        s = LX_APOS;
      break;
    case LX_QUOT:
    case LX_APOS: {
      const char *q = memchr(p + i, s == LX_QUOT ? '"' : '\'', n - i);
      if (!q)
        i = n;
      else {
        i = (size_t)(q - p);
        s = LX_TAG;
      }
      break;
    }
    case LX_COMMENT:
      if (ch == '-')
        s = LX_COMMENT_1;
      break;
    case LX_COMMENT_1:
      s = ch == '-' ? LX_COMMENT_2 : LX_COMMENT;
      break;
    case LX_COMMENT_2:
      s = ch == '>' ? LX_TEXT : ch == '-' ? LX_COMMENT_2 : LX_COMMENT;
      break;
    case LX_PI:
      if (ch == '?')
        s = LX_PI_Q;
      break;
    case LX_PI_Q:
      s = ch == '>' ? LX_TEXT : ch == '?' ? LX_PI_Q : LX_PI;
      break;
    }
    if (s == LX_TEXT || s == LX_CDATA)
      open = (size_t)-1;
  }
  *st = s;
  return open;
}

/* Give Expat what it can use of p[0..n): everything but markup that is
** still open at the end, which waits in ld->hold for the rest. */
static int
feed(pm_loader *ld, const char *p, size_t n, int final)
{
  size_t open;
  if (ld->failed)
    return -1;
  ld->doc_bytes += n;
  if (ld->doc_bytes > ld->opt->max_document) {
    pmmlL_fail(ld, PMML_E_LIMIT, "document larger than %zu bytes",
               ld->opt->max_document);
    return -1;
  }
  if (check_runs(ld, p, n))
    return -1;
  open = scan_markup(&ld->lex, p, n);
  if (final || open == (size_t)-1) {
    /* Nothing to hold. */
    if (ld->hold.len && parse(ld, ld->hold.data, ld->hold.len, 0))
      return -1;
    ld->hold.len = 0;
    return parse(ld, p, n, final);
  }
  if (open < n) {
    /* Markup opens in p: what comes before it can go. */
    if (ld->hold.len && parse(ld, ld->hold.data, ld->hold.len, 0))
      return -1;
    ld->hold.len = 0;
    if (parse(ld, p, open, 0))
      return -1;
    p += open;
    n -= open;
  }
  if (ld->hold.len + n > ld->opt->max_text + 4096) {
    /* (A run without '<' was refused above: this one holds some.) */
    pmmlL_fail(ld, PMML_E_LIMIT,
               "a tag, comment or processing instruction is longer than %zu "
               "bytes", ld->opt->max_text);
    return -1;
  }
  if (pmmlM_vec_reserve(ld->a, &ld->hold, 1, ld->hold.len + n)) {
    pmmlL_nomem(ld);
    return -1;
  }
  memcpy((char *)ld->hold.data + ld->hold.len, p, n);
  ld->hold.len += n;
  return 0;
}

/* A source of document bytes: memory or a stream. */
typedef struct pm_source {
  const unsigned char *mem;
  size_t mem_len, mem_pos;
  FILE *fp;
} pm_source;

/* Up to n bytes into buf; 0 at the end; -1 on a read error. */
static long
source_read(pm_source *s, unsigned char *buf, size_t n)
{
  if (s->fp) {
    size_t got = fread(buf, 1, n, s->fp);
    if (got == 0 && ferror(s->fp))
      return -1;
    return (long)got;
  }
  if (n > s->mem_len - s->mem_pos)
    n = s->mem_len - s->mem_pos;
  memcpy(buf, s->mem + s->mem_pos, n);
  s->mem_pos += n;
  return (long)n;
}

static void *
z_alloc(void *ud, unsigned items, unsigned size)
{
  pm_arena *a = ud;
  size_t n = (size_t)items * size;
  size_t *p = a->alloc(a->ud, NULL, 0, n + sizeof(size_t) * 2);
  if (!p)
    return NULL;
  p[0] = n;
  return p + 2;
}

static void
z_free(void *ud, void *ptr)
{
  pm_arena *a = ud;
  size_t *p = (size_t *)ptr - 2;
  a->alloc(a->ud, p, p[0] + sizeof(size_t) * 2, 0);
}

/* Inflate a gzip stream (members may follow one another) into Expat. */
static int
parse_gzip(pm_loader *ld, pm_source *src, unsigned char *in, size_t have,
           unsigned char *out)
{
  z_stream z;
  int rc = Z_OK, ret = -1;
  memset(&z, 0, sizeof z);
  z.zalloc = z_alloc;
  z.zfree = z_free;
  z.opaque = ld->a;
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
    pmmlL_nomem(ld);
    return -1;
  }
  z.next_in = in;
  z.avail_in = (unsigned)have;
  for (;;) {
    if (z.avail_in == 0) {
      long got = source_read(src, in, CHUNK);
      if (got < 0) {
        pmmlL_fail(ld, PMML_E_IO, "read error: %s", strerror(errno));
        goto done;
      }
      if (got == 0) {
        if (rc != Z_STREAM_END) {
          pmmlL_fail(ld, PMML_E_GZIP,
                     "gzip data ends early (the file is truncated)");
          goto done;
        }
        break;
      }
      z.next_in = in;
      z.avail_in = (unsigned)got;
    }
    if (rc == Z_STREAM_END) {
      /* Another member follows (gzip allows concatenation). */
      if (inflateReset(&z) != Z_OK) {
        pmmlL_fail(ld, PMML_E_GZIP, "corrupt gzip data");
        goto done;
      }
    }
    z.next_out = out;
    z.avail_out = CHUNK;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_MEM_ERROR) {
      pmmlL_nomem(ld);
      goto done;
    }
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      pmmlL_fail(ld, PMML_E_GZIP, "corrupt gzip data: %s",
                 z.msg ? z.msg : "inflate failed");
      goto done;
    }
    if (feed(ld, (const char *)out, CHUNK - z.avail_out, 0))
      goto done;
  }
  ret = feed(ld, "", 0, 1);
done:
  inflateEnd(&z);
  return ret;
}

static int
parse_source(pm_loader *ld, pm_source *src)
{
  unsigned char *in, *out;
  long got;
  int ret = -1;
  in = ld->a->alloc(ld->a->ud, NULL, 0, CHUNK);
  out = ld->a->alloc(ld->a->ud, NULL, 0, CHUNK);
  if (!in || !out) {
    pmmlL_nomem(ld);
    goto done;
  }
  got = source_read(src, in, CHUNK);
  if (got < 0) {
    pmmlL_fail(ld, PMML_E_IO, "read error: %s", strerror(errno));
    goto done;
  }
  if (got >= 2 && in[0] == 0x1f && in[1] == 0x8b) {
    ret = parse_gzip(ld, src, in, (size_t)got, out);
    goto done;
  }
  if (got == 0) {
    pmmlL_fail(ld, PMML_E_XML, "the document is empty");
    goto done;
  }
  for (;;) {
    if (feed(ld, (const char *)in, (size_t)got, 0))
      goto done;
    got = source_read(src, in, CHUNK);
    if (got < 0) {
      pmmlL_fail(ld, PMML_E_IO, "read error: %s", strerror(errno));
      goto done;
    }
    if (got == 0)
      break;
  }
  ret = feed(ld, "", 0, 1);
done:
  if (in)
    ld->a->alloc(ld->a->ud, in, CHUNK, 0);
  if (out)
    ld->a->alloc(ld->a->ud, out, CHUNK, 0);
  return ret;
}

/* ------------------------------------------------------------------------ */
/* Loading a document                                                       */

void
pmml_load_options_init(pmml_load_options *opt)
{
  memset(opt, 0, sizeof *opt);
  opt->max_depth = 4096;
  opt->max_text = (size_t)64 << 20;
  opt->max_memory = (size_t)512 << 20;
  opt->max_document = (size_t)4 << 30;
}

static void
loader_free(pm_loader *ld)
{
  pm_arena *a = ld->a;
  size_t i;
  for (i = 0; i < ld->tracked.len; i++) {
    pm_tracked *t = (pm_tracked *)ld->tracked.data + i;
    pmmlM_vec_free(a, t->v, t->size);
  }
  pmmlM_vec_free(a, &ld->tracked, sizeof(pm_tracked));
  if (ld->xml)
    XML_ParserFree(ld->xml);
  if (ld->frames)
    a->alloc(a->ud, ld->frames, ld->frames_cap * sizeof *ld->frames, 0);
  pmmlM_vec_free(a, &ld->textv, 1);
  pmmlM_vec_free(a, &ld->istack, sizeof(int32_t));
  pmmlM_vec_free(a, &ld->exprs, sizeof(pm_expr));
  pmmlM_vec_free(a, &ld->args, sizeof(int32_t));
  pmmlM_vec_free(a, &ld->models, sizeof(pm_model *));
  pmmlM_vec_free(a, &ld->raw, 1);
  pmmlM_vec_free(a, &ld->df, sizeof(pm_datafield));
  pmmlM_vec_free(a, &ld->gd, sizeof(pm_derived));
  pmmlM_vec_free(a, &ld->fns, sizeof(pm_function));
  pmmlM_vec_free(a, &ld->preds, sizeof(pm_pred));
  pmmlM_vec_free(a, &ld->vals, sizeof(pm_fvalue));
  pmmlM_vec_free(a, &ld->ivals, sizeof(pm_interval));
  pmmlM_vec_free(a, &ld->params, sizeof(int32_t));
  pmmlM_vec_free(a, &ld->param_dt, 1);
  pmmlM_vec_free(a, &ld->mfs, sizeof(pm_mfield));
  pmmlM_vec_free(a, &ld->ofs, sizeof(pm_ofield));
  pmmlM_vec_free(a, &ld->tgts, sizeof(pm_target));
  pmmlM_vec_free(a, &ld->tvals, sizeof(pm_tvalue));
  pmmlM_vec_free(a, &ld->locals, sizeof(pm_derived));
  pmmlM_vec_free(a, &ld->cells, sizeof(pm_cell));
  pmmlM_vec_free(a, &ld->cols, sizeof(int32_t));
  pmmlM_vec_free(a, &ld->norms, sizeof(pm_linearnorm));
  pmmlM_vec_free(a, &ld->bins, sizeof(pm_bin));
  pmmlM_vec_free(a, &ld->fcps, sizeof(int32_t));
  pmmlM_vec_free(a, &ld->tinorms, sizeof(pm_textnorm));
  pmmlM_vec_free(a, &ld->hold, 1);
}

static pmml_status
load(pm_source *src, const pmml_load_options *opt, const char *source,
     pmml_model **out, pmml_error *err)
{
  static const XML_Memory_Handling_Suite xml_suite = {
    xml_malloc, xml_realloc, xml_free};
  pmml_load_options defaults;
  pm_arena arena;
  pm_loader ld;
  pmml_model *doc;
  pmml_status st;
  xml_mem xm, *xml_prev;

  if (out)
    *out = NULL;
  if (err)
    memset(err, 0, sizeof *err);
  if (!out) {
    if (err) {
      err->code = PMML_E_ARGUMENT;
      snprintf(err->message, sizeof err->message, "no place for the model");
    }
    return PMML_E_ARGUMENT;
  }
  if (!opt) {
    pmml_load_options_init(&defaults);
    opt = &defaults;
  }
  pmmlM_arena_init(&arena, opt->alloc, opt->alloc_ud);
  doc = pmmlM_alloc(&arena, sizeof *doc);
  if (!doc || pmmlS_init(&arena, &doc->strs)) {
    pmmlM_arena_free(&arena);
    if (err) {
      err->code = PMML_E_NOMEM;
      snprintf(err->message, sizeof err->message, "out of memory");
    }
    return PMML_E_NOMEM;
  }
  /* From now on the arena lives in the document it holds: pointers to it
  ** (PCRE2's memory functions keep one) stay valid after the load. */
  doc->arena = arena;
  memset(&ld, 0, sizeof ld);
  ld.doc = doc;
  ld.a = &doc->arena;
  ld.opt = opt;
  ld.err = err;
  if (source)
    doc->source = pmmlM_dup(ld.a, source, strlen(source) + 1);
  memset(&xm, 0, sizeof xm);
  xm.a = ld.a;
  xm.max = opt->max_memory;
  xml_prev = xml_cur;
  xml_cur = &xm;
  ld.xml = XML_ParserCreate_MM(NULL, &xml_suite, &(XML_Char){NS_SEP});
  if (!ld.xml) {
    if (xm.over)
      pmmlL_fail(&ld, PMML_E_LIMIT, "the XML parser needs more than %zu bytes",
                 opt->max_memory);
    else
      pmmlL_nomem(&ld);
    goto fail;
  }
  XML_SetReturnNSTriplet(ld.xml, XML_TRUE);
  XML_SetUserData(ld.xml, &ld);
  XML_SetElementHandler(ld.xml, on_start, on_end);
  XML_SetCharacterDataHandler(ld.xml, on_text);
  XML_SetStartDoctypeDeclHandler(ld.xml, on_doctype);
  XML_SetEntityDeclHandler(ld.xml, on_entity_decl);
  XML_SetParamEntityParsing(ld.xml, XML_PARAM_ENTITY_PARSING_NEVER);
  if (parse_source(&ld, src))
    goto fail;
  XML_ParserFree(ld.xml);
  ld.xml = NULL;
  if (pmmlL_finish(&ld) || pmmlR_document(&ld))
    goto fail;
  loader_free(&ld);
  xml_cur = xml_prev;
  *out = doc;
  return PMML_OK;
fail:
  st = ld.failed && ld.code ? ld.code : PMML_E_INVALID;
  loader_free(&ld);
  xml_cur = xml_prev;
  arena = doc->arena;
  pmmlM_arena_free(&arena);
  return st;
}

pmml_status
pmml_model_load_memory(const void *data, size_t size,
                       const pmml_load_options *opt, pmml_model **out,
                       pmml_error *err)
{
  pm_source src;
  memset(&src, 0, sizeof src);
  src.mem = data;
  src.mem_len = data ? size : 0;
  return load(&src, opt, NULL, out, err);
}

pmml_status
pmml_model_load_fp(FILE *fp, const pmml_load_options *opt, pmml_model **out,
                   pmml_error *err)
{
  pm_source src;
  memset(&src, 0, sizeof src);
  if (!fp) {
    if (out)
      *out = NULL;
    if (err) {
      memset(err, 0, sizeof *err);
      err->code = PMML_E_ARGUMENT;
      snprintf(err->message, sizeof err->message, "no stream");
    }
    return PMML_E_ARGUMENT;
  }
  src.fp = fp;
  return load(&src, opt, NULL, out, err);
}

pmml_status
pmml_model_load_file(const char *path, const pmml_load_options *opt,
                     pmml_model **out, pmml_error *err)
{
  pm_source src;
  pmml_status st;
  FILE *fp;
  if (out)
    *out = NULL;
  if (err)
    memset(err, 0, sizeof *err);
  fp = path ? fopen(path, "rb") : NULL;
  if (!fp) {
    if (err) {
      err->code = path ? PMML_E_IO : PMML_E_ARGUMENT;
      snprintf(err->message, sizeof err->message, "%s",
               path ? strerror(errno) : "no path");
    }
    return path ? PMML_E_IO : PMML_E_ARGUMENT;
  }
  memset(&src, 0, sizeof src);
  src.fp = fp;
  st = load(&src, opt, path, out, err);
  fclose(fp);
  return st;
}
