/*
** check.h: what the parts of `pmmlc check` share. check.c runs the passes
** and prints; schema.c is everything libxml2 (parsing for validation, the
** namespace mapping, XML Schema validation, where each start tag is in the
** text); lint.c holds the checks of meaning (the constructs pmmlc cannot
** score yet, exporter quirks, checks on the loaded model).
*/
#ifndef PMMLC_CHECK_H
#define PMMLC_CHECK_H

#include <stddef.h>

#include <libxml/tree.h>

#include "pmml_int.h"

/*
** What a finding is; --strict and --lax decide how much it weighs.
**   D_FATAL   the document cannot be read as PMML (XML, DOCTYPE, root...)
**   D_SCHEMA  the schema refuses it: error, a warning with --lax
**   D_LOAD    the reader or the resolver refuses it (as scoring would)
**   D_UNSUPP  valid PMML that pmmlc cannot score yet
**   D_ERROR   a check of ours finds it wrong
**   D_WARN    suspicious (unknown attribute, doubtful numbers): a warning,
**             an error with --strict
**   D_QUIRK   a known quirk of an exporter that pmmlc copes with: a
**             warning, an error with --strict, not shown with --lax
*/
enum { D_FATAL, D_SCHEMA, D_LOAD, D_UNSUPP, D_ERROR, D_WARN, D_QUIRK };

typedef struct diag {
  unsigned long line, col; /* col 0: unknown */
  int kind;                /* D_* */
  int fatal;               /* an error whatever the switches (a schema
                              finding the reader refuses as well) */
  size_t seq;              /* order of finding, for a stable sort */
  char elem[64];           /* the element at fault, "" if none */
  char *msg;
} diag;

typedef struct diag_list {
  diag *v;
  size_t n, cap;
} diag_list;

/* Add a finding; the message is formatted (malloc'd). */
void diag_add(diag_list *d, int kind, unsigned long line, unsigned long col,
              const char *elem, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* The finding at this line about this element (elem NULL: any), or NULL. */
diag *diag_find(diag_list *d, unsigned long line, const char *elem);
void diag_free(diag_list *d);

/* Where each start tag is in the document text, in document order. */
typedef struct tag_pos {
  unsigned long line, col; /* of its '<', as Expat counts (col in chars) */
  const char *name;        /* the qualified name in the text (not NUL-
                              terminated) */
  size_t len;
} tag_pos;

typedef struct tag_index {
  tag_pos *v;
  size_t n;
  int usable;              /* one entry per element of the tree */
} tag_index;

/* Scan the text for start tags. */
void tags_scan(tag_index *t, const char *text, size_t len);
void tags_free(tag_index *t);
/* The column of element 'elem' (local name; NULL or "": the only tag of
** the line) starting on 'line', or 0. */
unsigned long tags_column(const tag_index *t, unsigned long line,
                          const char *elem);
/* The line of the nth (from 0) start tag of element 'elem' at or after
** line 'from', and its column in *col; 0 when there is none. */
unsigned long tags_nth_after(const tag_index *t, unsigned long from,
                             const char *elem, size_t nth,
                             unsigned long *col);

/* The schema in use. */
typedef struct schema schema;

/* Load and compile the schema at 'path'. With 'ours', the vendor
** attribute wildcard is taken out so that unknown attributes show (x-
** ones are then ignored). NULL after printing why. */
schema *schema_load(const char *path, int ours);
void schema_free(schema *s);
const char *schema_path(const schema *s);

/* A document being checked: its text, its tree, its start tags. */
typedef struct checked {
  const char *path;       /* for messages */
  const char *text;
  size_t len;
  xmlDocPtr doc;          /* NULL when not well-formed */
  int doctype;            /* it has a DOCTYPE (refused) */
  unsigned long err_line, err_col; /* libxml2's parse error, if any */
  char err_msg[256];
  tag_index tags;
  const char *pmml_ns;    /* the PMML namespace elements are in after
                             mapping (NULL: none) */
  int version;            /* PMML@version * 10, 0 if unknown */
  int ns_version;         /* the version the namespace names, 0 none */
} checked;

/* Parse for validation: no network, no DTD, no entity; a DOCTYPE stops
** the parse. 0, or -1 when not well-formed (err_* say why). */
int schema_parse(checked *c);
/* Position of a node: its start tag's line and column. */
void node_pos(const checked *c, xmlNodePtr n, unsigned long *line,
              unsigned long *col);
/* Is this element in the PMML namespace (after mapping)? */
int is_pmml(const checked *c, xmlNodePtr n);
/* Map the document's PMML namespace onto the schema's target namespace
** (pmmlc's schema: PMML 4.4). */
void schema_map_namespace(checked *c, const schema *s);
/* Validate; findings go to d. */
void schema_validate(checked *c, const schema *s, diag_list *d);

/* lint.c: constructs pmmlc cannot score yet, and exporter quirks, from the
** tree. */
void lint_tree(checked *c, diag_list *d);
/* lint.c: checks of the loaded model (the IR). */
void lint_model(checked *c, const pmml_model *m, diag_list *d);

#endif
