/*
** schema.c: the XML Schema side of `pmmlc check`, with libxml2. Parsing for
** validation (no network, no DTD, no entity: a DOCTYPE stops the parse, as
** it stops the reader), where each start tag is in the text (libxml2 gives
** a node the line where its start tag *ends* and no column; the reader
** reports where it begins), mapping the document's PMML namespace onto the
** schema's, loading a schema, and turning validation errors into findings
** in the compiler convention. libxml2 stays out of libpmmlrt: only the
** pmmlc program links it.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "check.h"
#include "pmmlc.h"

#define XSD_NS "http://www.w3.org/2001/XMLSchema"

/* ------------------------------------------------------------------------ */
/* Start tags in the text                                                   */

/* The scanner's position: byte, line and column as Expat counts them
** (CR, LF and CRLF end a line; a column is a character, not a byte). */
typedef struct scan {
  const char *s;
  size_t i, len;
  unsigned long line, col;
} scan;

static void
adv(scan *p)
{
  unsigned char c = (unsigned char)p->s[p->i++];
  if (c == '\n') {
    p->line++;
    p->col = 1;
  } else if (c == '\r') {
    p->line++;
    p->col = 1;
    if (p->i < p->len && p->s[p->i] == '\n')
      p->i++;
  } else if ((c & 0xC0) != 0x80) {
    p->col++;
  }
}

static int
at(const scan *p, const char *lit)
{
  size_t n = strlen(lit);
  return p->len - p->i >= n && memcmp(p->s + p->i, lit, n) == 0;
}

/* Advance past the next occurrence of 'end'. */
static void
skip_past(scan *p, const char *end)
{
  size_t n = strlen(end);
  while (p->i < p->len && !at(p, end))
    adv(p);
  while (n-- && p->i < p->len)
    adv(p);
}

/* Advance past the '>' closing a tag (quoted values may hold '>'); '['
** ... ']' of a DOCTYPE's internal subset nest. */
static void
skip_tag(scan *p)
{
  char q = 0;
  int depth = 0;
  while (p->i < p->len) {
    char c = p->s[p->i];
    if (q) {
      if (c == q)
        q = 0;
    } else if (c == '"' || c == '\'') {
      q = c;
    } else if (c == '[') {
      depth++;
    } else if (c == ']') {
      depth--;
    } else if (c == '>' && depth <= 0) {
      adv(p);
      return;
    }
    adv(p);
  }
}

void
tags_scan(tag_index *t, const char *text, size_t len)
{
  scan p;
  size_t cap = 0;
  memset(t, 0, sizeof *t);
  p.s = text;
  p.len = len;
  p.i = 0;
  p.line = 1;
  p.col = 1;
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
    p.i = 3;
  while (p.i < p.len) {
    if (p.s[p.i] != '<') {
      adv(&p);
      continue;
    }
    if (at(&p, "<!--")) {
      skip_past(&p, "-->");
    } else if (at(&p, "<![CDATA[")) {
      skip_past(&p, "]]>");
    } else if (at(&p, "<?")) {
      skip_past(&p, "?>");
    } else if (at(&p, "<!") || at(&p, "</")) {
      skip_tag(&p);
    } else {
      tag_pos *tp;
      size_t b = p.i + 1, e = b;
      while (e < p.len && !strchr(" \t\r\n/>", p.s[e]))
        e++;
      if (t->n == cap) {
        size_t ncap = cap ? cap * 2 : 1024;
        tag_pos *nv = realloc(t->v, ncap * sizeof *nv);
        if (!nv) {
          t->n = 0; /* unusable: positions fall back to libxml2's */
          return;
        }
        t->v = nv;
        cap = ncap;
      }
      tp = &t->v[t->n++];
      tp->line = p.line;
      tp->col = p.col;
      tp->name = p.s + b;
      tp->len = e - b;
      skip_tag(&p);
    }
  }
}

void
tags_free(tag_index *t)
{
  free(t->v);
  memset(t, 0, sizeof *t);
}

/* Does the qualified name q[0..n) have the local name 'local'? */
static int
local_is(const char *q, size_t n, const char *local)
{
  const char *colon = memchr(q, ':', n);
  size_t ll = strlen(local);
  if (colon) {
    n -= (size_t)(colon + 1 - q);
    q = colon + 1;
  }
  return n == ll && memcmp(q, local, n) == 0;
}

unsigned long
tags_column(const tag_index *t, unsigned long line, const char *elem)
{
  size_t lo = 0, hi = t->n, i, count = 0;
  unsigned long only = 0;
  /* The first tag on the line (tags are in text order). */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t->v[mid].line < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i < t->n && t->v[i].line == line; i++) {
    if (elem && *elem && local_is(t->v[i].name, t->v[i].len, elem))
      return t->v[i].col;
    count++;
    only = t->v[i].col;
  }
  return (!elem || !*elem) && count == 1 ? only : 0;
}

unsigned long
tags_nth_after(const tag_index *t, unsigned long from, const char *elem,
               size_t nth, unsigned long *col)
{
  size_t lo = 0, hi = t->n, i;
  *col = 0;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t->v[mid].line < from)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i < t->n; i++)
    if (local_is(t->v[i].name, t->v[i].len, elem) && nth-- == 0) {
      *col = t->v[i].col;
      return t->v[i].line;
    }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */

/* A DOCTYPE: stop at once, before any entity is declared. */
static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
                   const xmlChar *sys)
{
  (void)name, (void)ext, (void)sys;
  xmlStopParser((xmlParserCtxtPtr)ctx);
}

/* Count the elements from n on in document order; with 'set', number
** them too (node->_private = k + 1). Depth is bounded by libxml2's. */
static size_t
number(xmlNodePtr n, size_t k, int set)
{
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (set)
      n->_private = (void *)(uintptr_t)(k + 1);
    k = number(n->children, k + 1, set);
  }
  return k;
}

/* Tie nodes to start tags when the scan found one per element. */
static void
number_nodes(checked *c)
{
  xmlNodePtr root = xmlDocGetRootElement(c->doc);
  if (!root || number(root, 0, 0) != c->tags.n)
    return;
  number(root, 0, 1);
  c->tags.usable = 1;
}

/* "http(s)://www.dmg.org/PMML-3_0" ... "PMML-4_4": the version * 10. */
static int
pmml_uri_version(const xmlChar *uri)
{
  const char *s = (const char *)uri;
  if (!s)
    return 0;
  if (!strncmp(s, "http://", 7))
    s += 7;
  else if (!strncmp(s, "https://", 8))
    s += 8;
  else
    return 0;
  if (strncmp(s, "www.dmg.org/PMML-", 17))
    return 0;
  s += 17;
  if (s[0] >= '3' && s[0] <= '4' && s[1] == '_' && s[2] >= '0' &&
      s[2] <= '9' && s[3] == '\0')
    return (s[0] - '0') * 10 + (s[2] - '0');
  return 0;
}

/* libxml2 reports some errors (a failed conversion from the declared
** encoding) on standard error by itself: the parser's own error says it
** all, so they are dropped. */
static void
quiet(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

int
schema_parse(checked *c)
{
  xmlParserCtxtPtr p = xmlNewParserCtxt();
  xmlNodePtr root;
  xmlChar *ver;
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                   XML_PARSE_BIG_LINES | XML_PARSE_HUGE;
  if (!p) {
    snprintf(c->err_msg, sizeof c->err_msg, "out of memory");
    return -1;
  }
  p->sax->internalSubset = on_internal_subset;
  xmlSetGenericErrorFunc(NULL, quiet);
  c->doc = xmlCtxtReadMemory(p, c->text, (int)c->len, c->path, NULL, opts);
  if (!c->doc || !p->wellFormed) {
    xmlErrorPtr e = xmlCtxtGetLastError(p);
    if (e && e->code == XML_ERR_USER_STOP)
      c->doctype = 1;
    if (e) {
      size_t n;
      c->err_line = (unsigned long)(e->line > 0 ? e->line : 0);
      c->err_col = (unsigned long)(e->int2 > 0 ? e->int2 : 0);
      snprintf(c->err_msg, sizeof c->err_msg, "%s",
               e->message ? e->message : "malformed XML");
      n = strlen(c->err_msg);
      while (n && (c->err_msg[n - 1] == '\n' || c->err_msg[n - 1] == '.'))
        c->err_msg[--n] = '\0';
    }
    if (c->doc)
      xmlFreeDoc(c->doc);
    c->doc = NULL;
    xmlFreeParserCtxt(p);
    return -1;
  }
  xmlFreeParserCtxt(p);
  tags_scan(&c->tags, c->text, c->len);
  number_nodes(c);
  root = xmlDocGetRootElement(c->doc);
  c->ns_version = root && root->ns ? pmml_uri_version(root->ns->href) : 0;
  ver = root ? xmlGetNoNsProp(root, BAD_CAST "version") : NULL;
  if (ver) {
    int major, minor;
    if (sscanf((const char *)ver, "%d.%d", &major, &minor) == 2)
      c->version = major * 10 + minor;
    xmlFree(ver);
  }
  return 0;
}

void
node_pos(const checked *c, xmlNodePtr n, unsigned long *line,
         unsigned long *col)
{
  *line = 0;
  *col = 0;
  if (!n)
    return;
  if (n->type == XML_ATTRIBUTE_NODE)
    n = n->parent;
  if (c->tags.usable && n->_private) {
    const tag_pos *t = &c->tags.v[(uintptr_t)n->_private - 1];
    *line = t->line;
    *col = t->col;
    return;
  }
  *line = (unsigned long)xmlGetLineNo(n);
}

int
is_pmml(const checked *c, xmlNodePtr n)
{
  if (!c->pmml_ns)
    return n->ns == NULL;
  return n->ns && n->ns->href &&
         !strcmp((const char *)n->ns->href, c->pmml_ns);
}

/* ------------------------------------------------------------------------ */
/* Schemas                                                                  */

struct schema {
  char *path;
  xmlDocPtr doc;          /* the schema document (the compiled schema
                             refers to it) */
  xmlSchemaPtr xs;
  char *tns;              /* targetNamespace, NULL when none */
  int ours;               /* pmmlc's schema, vendor wildcard taken out */
  char **attrs;           /* every attribute name it declares */
  size_t n_attrs, cap_attrs;
};

const char *
schema_path(const schema *s)
{
  return s->path;
}

static int
is_xsd(xmlNodePtr n, const char *local)
{
  return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         !strcmp((const char *)n->ns->href, XSD_NS) &&
         !strcmp((const char *)n->name, local);
}

/* Take the wildcard out of attributeGroup "vendor-attributes" (the schema
** says that this is how to make it strict); 1 when done. Collect the
** names of declared attributes on the way. */
static int
prepare(schema *s, xmlNodePtr n, int strip)
{
  int done = 0;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (is_xsd(n, "attribute")) {
      xmlChar *name = xmlGetNoNsProp(n, BAD_CAST "name");
      size_t i;
      for (i = 0; name && i < s->n_attrs; i++)
        if (!strcmp(s->attrs[i], (const char *)name))
          break;
      if (name && i == s->n_attrs) {
        if (s->n_attrs == s->cap_attrs) {
          size_t cap = s->cap_attrs ? s->cap_attrs * 2 : 64;
          char **na = realloc(s->attrs, cap * sizeof *na);
          if (na) {
            s->attrs = na;
            s->cap_attrs = cap;
          }
        }
        if (s->n_attrs < s->cap_attrs &&
            (s->attrs[s->n_attrs] = strdup((const char *)name)) != NULL)
          s->n_attrs++;
      }
      xmlFree(name);
    }
    if (strip && is_xsd(n, "attributeGroup")) {
      xmlChar *name = xmlGetNoNsProp(n, BAD_CAST "name");
      if (name && !strcmp((const char *)name, "vendor-attributes")) {
        xmlNodePtr k = n->children;
        while (k) {
          xmlNodePtr next = k->next;
          if (is_xsd(k, "anyAttribute")) {
            xmlUnlinkNode(k);
            xmlFreeNode(k);
            done = 1;
          }
          k = next;
        }
      }
      xmlFree(name);
    }
    done |= prepare(s, n->children, strip);
  }
  return done;
}

/* Errors in the schema itself (a --schema that does not compile). */
static void
on_schema_error(void *ud, xmlErrorPtr e)
{
  const char *path = ud;
  size_t n = e->message ? strlen(e->message) : 0;
  fprintf(stderr, "%s:%d: %s: %.*s\n", e->file ? e->file : path, e->line,
          e->level == XML_ERR_WARNING ? "warning" : "error",
          (int)(n && e->message[n - 1] == '\n' ? n - 1 : n),
          e->message ? e->message : "");
}

schema *
schema_load(const char *path, int ours)
{
  schema *s = calloc(1, sizeof *s);
  xmlSchemaParserCtxtPtr pc;
  xmlNodePtr root;
  if (!s)
    return NULL;
  s->path = strdup(path);
  s->doc = xmlReadFile(path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING);
  if (!s->doc) {
    xmlErrorPtr e = xmlGetLastError();
    fprintf(stderr, "%s: error: cannot read the schema: %s", path,
            e && e->message ? e->message : "unreadable\n");
    schema_free(s);
    return NULL;
  }
  root = xmlDocGetRootElement(s->doc);
  if (!root || !is_xsd(root, "schema")) {
    fprintf(stderr, "%s: error: not an XML Schema\n", path);
    schema_free(s);
    return NULL;
  }
  {
    xmlChar *tns = xmlGetNoNsProp(root, BAD_CAST "targetNamespace");
    if (tns) {
      s->tns = strdup((const char *)tns);
      xmlFree(tns);
    }
  }
  s->ours = ours && prepare(s, root, 1);
  if (!ours)
    prepare(s, root, 0);
  pc = xmlSchemaNewDocParserCtxt(s->doc);
  if (!pc) {
    schema_free(s);
    return NULL;
  }
  xmlSchemaSetParserStructuredErrors(pc, on_schema_error, (void *)path);
  s->xs = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  if (!s->xs) {
    fprintf(stderr, "%s: error: the schema does not compile\n", path);
    schema_free(s);
    return NULL;
  }
  return s;
}

void
schema_free(schema *s)
{
  size_t i;
  if (!s)
    return;
  if (s->xs)
    xmlSchemaFree(s->xs);
  if (s->doc)
    xmlFreeDoc(s->doc);
  for (i = 0; i < s->n_attrs; i++)
    free(s->attrs[i]);
  free(s->attrs);
  free(s->tns);
  free(s->path);
  free(s);
}

/* ------------------------------------------------------------------------ */
/* The namespace                                                            */

/* Set every PMML namespace declaration of the tree to 'uri'. */
static void
retarget(xmlNodePtr n, const char *uri)
{
  for (; n; n = n->next) {
    xmlNsPtr ns;
    if (n->type != XML_ELEMENT_NODE)
      continue;
    for (ns = n->nsDef; ns; ns = ns->next)
      if (pmml_uri_version(ns->href)) {
        xmlFree((xmlChar *)ns->href);
        ns->href = xmlStrdup(BAD_CAST uri);
      }
    retarget(n->children, uri);
  }
}

/* Elements without a namespace go into 'ns' (documents without one). */
static void
adopt(xmlNodePtr n, xmlNsPtr ns)
{
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (!n->ns)
      n->ns = ns;
    adopt(n->children, ns);
  }
}

/* Elements in a PMML namespace lose it (a schema without one). */
static void
drop(xmlNodePtr n)
{
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (n->ns && pmml_uri_version(n->ns->href))
      n->ns = NULL;
    drop(n->children);
  }
}

/*
** pmmlc's schema is PMML 4.4's namespace: documents of 3.0 - 4.3 (and
** without namespace) are validated as if written in it; the schema takes
** the older constructs too. Another schema gets the document in its target
** namespace when that is a PMML one, without namespace when it has none,
** as written otherwise. Only namespace URIs change: lines stay.
*/
void
schema_map_namespace(checked *c, const schema *s)
{
  xmlNodePtr root = xmlDocGetRootElement(c->doc);
  const char *to = s->ours ? "http://www.dmg.org/PMML-4_4" : s->tns;
  if (!root)
    return;
  if (to && (s->ours || pmml_uri_version(BAD_CAST to))) {
    retarget(root, to);
    if (!root->ns) {
      xmlNsPtr ns = xmlNewNs(root, BAD_CAST to, NULL);
      if (ns)
        adopt(root, ns);
    }
    c->pmml_ns = to;
  } else if (!to) {
    drop(root);
    c->pmml_ns = NULL;
  } else {
    c->pmml_ns = root->ns ? (const char *)root->ns->href : NULL;
  }
}

/* ------------------------------------------------------------------------ */
/* Validation                                                               */

typedef struct vstate {
  checked *c;
  const schema *s;
  diag_list *d;
} vstate;

/* Copy 'in' to 'out' without "{namespace}" prefixes of names, without
** libxml2's "[facet 'x'] ", and with "Expected is one of ( a, b )."
** worded as "expected one of: a, b". */
static void
tidy(const char *in, char *out, size_t size)
{
  size_t o = 0;
  while (*in && o + 1 < size) {
    if (*in == '{') {
      const char *e = strchr(in, '}');
      if (e && !memchr(in, ' ', (size_t)(e - in)) &&
          !memchr(in, '\'', (size_t)(e - in))) {
        in = e + 1;
        continue;
      }
    }
    if (!strncmp(in, "[facet '", 8)) {
      const char *e = strstr(in, "'] ");
      if (e) {
        in = e + 3;
        continue;
      }
    }
    if (!strncmp(in, ". Expected is one of ( ", 23)) {
      in += 23;
      o += (size_t)snprintf(out + o, size - o, "; expected one of: ");
      continue;
    }
    if (!strncmp(in, ". Expected is ( ", 16)) {
      in += 16;
      o += (size_t)snprintf(out + o, size - o, "; expected: ");
      continue;
    }
    if (!strncmp(in, "Expected is one of ( ", 21)) {
      in += 21;
      o += (size_t)snprintf(out + o, size - o, "expected one of: ");
      continue;
    }
    if (!strncmp(in, "Expected is ( ", 14)) {
      in += 14;
      o += (size_t)snprintf(out + o, size - o, "expected: ");
      continue;
    }
    if (!strncmp(in, " ).", 3) || (!strncmp(in, " )", 2) && !in[2])) {
      in += in[2] ? 3 : 2;
      continue;
    }
    out[o++] = *in++;
  }
  if (o >= size)
    o = size - 1;
  out[o] = '\0';
  while (o && (out[o - 1] == '\n' || out[o - 1] == '.' ||
               out[o - 1] == ' '))
    out[--o] = '\0';
}

/* A "did you mean" for the quoted 'bad' among the quoted names of list
** ("{'a', 'b'}" or "a, b"). */
static const char *
hint_in_list(const char *bad, size_t blen, const char *list, char *buf,
             size_t size)
{
  pm_suggest sg;
  const char *p = list;
  pmmlS_suggest_init(&sg, bad, blen);
  while (*p) {
    size_t n;
    while (*p == ' ' || *p == ',' || *p == '{' || *p == '}' || *p == '\'')
      p++;
    n = strcspn(p, ",'}");
    if (n)
      pmmlS_suggest_add(&sg, p, n);
    p += n;
  }
  return pmmlS_suggest_text(&sg, buf, size);
}

/* Missing required attributes that real exporters leave out and that the
** reader infers: a quirk, not a refusal. */
static const struct {
  const char *elem, *attr, *why;
} quirks[] = {
  {"DataField", "dataType", "the reader infers it from optype"},
  {"DataField", "optype", "the reader infers it from dataType"},
};

static void XMLCDECL
on_valid_error(void *ud, xmlErrorPtr e)
{
  vstate *v = ud;
  xmlNodePtr n = e->node;
  unsigned long line = 0, col = 0;
  const char *elem = "";
  char msg[1024], hint[160];
  size_t i;
  if (n && n->type == XML_ATTRIBUTE_NODE)
    n = n->parent;
  if (n && n->type == XML_ELEMENT_NODE) {
    node_pos(v->c, n, &line, &col);
    elem = (const char *)n->name;
  } else {
    line = e->line > 0 ? (unsigned long)e->line : 0;
  }
  /* PMML: a document is valid once its x- attributes are removed. */
  if (e->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 && e->str1 &&
      !strncmp(e->str1, "x-", 2))
    return;
  if (e->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 && e->str1 &&
      v->s->ours) {
    pm_suggest sg;
    pmmlS_suggest_init(&sg, e->str1, strlen(e->str1));
    for (i = 0; i < v->s->n_attrs; i++)
      pmmlS_suggest_add(&sg, v->s->attrs[i], strlen(v->s->attrs[i]));
    pmmlS_suggest_text(&sg, hint, sizeof hint);
    diag_add(v->d, D_WARN, line, col, elem, "%s: unknown attribute '%s'%s",
             elem, e->str1,
             *hint ? hint : " (not PMML; a vendor's attribute starts with "
                            "x-)");
    return;
  }
  if (e->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 && e->str1) {
    diag_add(v->d, D_SCHEMA, line, col, elem,
             "%s: attribute '%s' is not allowed", elem, e->str1);
    return;
  }
  if (e->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_4 && e->str1)
    for (i = 0; i < sizeof quirks / sizeof quirks[0]; i++)
      if (!strcmp(elem, quirks[i].elem) && !strcmp(e->str1, quirks[i].attr)) {
        xmlChar *name = n ? xmlGetNoNsProp(n, BAD_CAST "name") : NULL;
        diag_add(v->d, D_QUIRK, line, col, elem,
                 "%s '%s': no %s (required; %s)", elem,
                 name ? (const char *)name : "", e->str1, quirks[i].why);
        xmlFree(name);
        return;
      }
  tidy(e->message ? e->message : "invalid", msg, sizeof msg);
  hint[0] = '\0';
  {
    /* A misspelt enumeration value or element: the closest allowed. */
    const char *set = strstr(msg, "is not an element of the set {");
    const char *val = strstr(msg, "The value '");
    if (set && val) {
      const char *ve = strchr(val + 11, '\'');
      if (ve)
        hint_in_list(val + 11, (size_t)(ve - val - 11), set + 29, hint,
                     sizeof hint);
    } else if ((set = strstr(msg, "expected one of: ")) != NULL &&
               strstr(msg, "not expected")) {
      hint_in_list(elem, strlen(elem), set + 17, hint, sizeof hint);
    }
  }
  /* "Element 'X', attribute 'a': rest" -> "X: attribute 'a': rest". */
  if (!strncmp(msg, "Element '", 9)) {
    char *q = strchr(msg + 9, '\'');
    if (q) {
      char rest[1024];
      const char *r = q + 1;
      char *m;
      if (*r == ',')
        r++;
      if (*r == ':')
        r++;
      while (*r == ' ')
        r++;
      snprintf(rest, sizeof rest, "%s", r);
      *q = '\0';
      m = rest;
      if (!strncmp(m, "attribute '", 11) && (m = strstr(m + 11, "': ")))
        m += 3;
      else
        m = rest;
      if (m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z')
        m[0] = (char)(m[0] - 'A' + 'a');
      m = rest;
      diag_add(v->d, D_SCHEMA, line, col, msg + 9, "%s: %s%s", msg + 9, m,
               hint);
      return;
    }
  }
  diag_add(v->d, D_SCHEMA, line, col, elem, "%s%s", msg, hint);
}

void
schema_validate(checked *c, const schema *s, diag_list *d)
{
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->xs);
  vstate v;
  if (!vc) {
    diag_add(d, D_FATAL, 0, 0, "", "out of memory");
    return;
  }
  v.c = c;
  v.s = s;
  v.d = d;
  xmlSchemaSetValidStructuredErrors(vc, on_valid_error, &v);
  xmlSchemaValidateDoc(vc, c->doc);
  xmlSchemaFreeValidCtxt(vc);
}
