/*
** gen.h: the C code generator of `pmmlc compile`, shared by its files:
** emit.c (text buffers, C literals, escaping), gen.c (the document: data
** side, outputs, API, main), gen_expr.c (expressions, predicates,
** functions), gen_<family>.c (one per model family), sha256.c.
**
** The generator reads the same IR as the interpreter (runtime/pmml_int.h)
** after loading and resolving, and writes C that does what the interpreter
** does, step for step; the run-time support of generated code is the text
** of pmmlc/genrt.inc, runtime/builtins.inc and runtime/numconv.c, embedded
** into pmmlc at build time (tools/embed.sh, embedded.c).
**
** It runs in two passes over the model with the same code: the first
** collects the strings and literals that the second refers to by their
** final indices (strings are sorted so generated code can look them up).
*/
#ifndef PMMLC_GEN_H
#define PMMLC_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "pmml_int.h"

/* ---- emit.c: text buffers ------------------------------------------- */

typedef struct gbuf {
  char *p;
  size_t len, cap;
  int failed;          /* out of memory (sticky) */
} gbuf;

void gb_put(gbuf *b, const char *s, size_t n);
void gb_puts(gbuf *b, const char *s);
/* printf into b; %s %d %u %ld %zu %x only (never %f: see gb_real). */
void gb_printf(gbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void gb_free(gbuf *b);
/* s[0..n) as a C string literal: printable ASCII as is, '"' '\\' '?'
** escaped, everything else in octal, so no byte of the document can end
** the literal, start a comment or form a trigraph. */
void gb_cstr(gbuf *b, const char *s, size_t n);
/* s[0..n) inside a comment: printable ASCII but '\\' and '?', with every
** "*" "/" pair broken, at most 'max' bytes (then "..."). Other bytes are
** shown as '.'. */
void gb_ctext(gbuf *b, const char *s, size_t n, size_t max);
/* A double as a C constant that reads back exactly (shortest digits; NAN,
** INFINITY for the special values). */
void gb_real(gbuf *b, double x);
/* text (already comment-safe, see gb_ctext) as a comment wrapped at 78
** columns, indented, followed by a newline. */
void gb_comment(gbuf *b, const char *text, int indent);
/* A C identifier made of s (letters, digits, '_'), upper or lower case. */
void gb_ident(gbuf *b, const char *s, size_t n, int upper);

/* ---- The embedded texts (embedded.c, made by tools/embed.sh) --------- */

typedef struct gen_text {
  const char *name;          /* "genrt.inc", "numconv.c", ... */
  const char *const *lines;  /* NULL-terminated */
} gen_text;

extern const gen_text gen_texts[];

/* ---- sha256.c --------------------------------------------------------- */

typedef struct sha256_ctx {
  uint32_t h[8];
  uint64_t n;                /* bytes hashed */
  unsigned char buf[64];
  size_t fill;
} sha256_ctx;

void sha256_init(sha256_ctx *s);
void sha256_update(sha256_ctx *s, const void *data, size_t n);
void sha256_final(sha256_ctx *s, unsigned char out[32]);

/* ---- The generator ---------------------------------------------------- */

typedef struct gen_options {
  const char *prefix;        /* lower-case C identifier: prefix_score... */
  const char *source;        /* the document's file name (comments) */
  const char *header;        /* the header's file name, as #included */
  const char *stem;          /* base name of the .c files (split parts) */
  unsigned char sha[32];     /* sha256 of the document's bytes */
  int use_float;             /* --float: compute in single precision */
  int with_main;             /* --main: add main() reading CSV */
  size_t split_bytes;        /* split tables into files beyond this */
  int32_t pack_nodes;        /* pack tree tables beyond this many nodes */
} gen_options;

/* One output file. */
typedef struct gen_file {
  char *name;                /* "model.c", "model.h", "model_1.c" */
  gbuf text;
} gen_file;

typedef struct gen gen;

/* Generate the C for 'doc'. 0 and files[0..*n) (the caller frees them with
** gen_files_free), or -1 with a message "LINE:ELEMENT: ..." in err. */
int gen_document(const pmml_model *doc, const gen_options *o,
                 gen_file **files, int *n, char *err, size_t errsz);
void gen_files_free(gen_file *files, int n);

/* compile.c: all of file 'path' ("-": standard input), NULL with errno. */
unsigned char *read_all(const char *path, size_t *n);
/* Generate the C of model m, loaded from the n_bytes at 'bytes' (read from
** 'model', named in messages), with options o (its sha is set here):
** the .c files into folder 'dir' ("" or ending in '/'), the header at
** 'hpath'. 0, or -1 after printing why. */
int compile_write(const pmml_model *m, const char *model,
                  const unsigned char *bytes, size_t n_bytes, gen_options *o,
                  const char *dir, const char *hpath);

/* ---- For the files of the generator ----------------------------------- */

/* Output sections of the model's .c file, in the order they appear. */
enum {
  GS_SLOTS = 0,     /* tables of slots, models and outputs */
  GS_DATA,          /* tables of expressions and families (static const) */
  GS_PROTO,         /* prototypes of the functions below */
  GS_CODE,          /* functions of fields, expressions and models */
  GS_SLOTCODE,      /* pm_slot_compute */
  GS_COUNT
};

struct gen {
  const pmml_model *doc;
  const gen_options *o;
  int pass;                  /* 1: collect, 2: emit */
  gbuf out[GS_COUNT];
  gbuf scratch;              /* what pass 1 writes (thrown away) */
  /* Strings: the document's string ids that generated code uses. */
  int32_t *str_map;          /* [doc strtab size]: generated index, -1 */
  uint8_t *str_used;         /* [doc strtab size] */
  int32_t n_strs;
  /* Literals (pm_lit of generated code), in order of first use. */
  pm_val *lits;              /* with the document's string ids */
  int32_t n_lits, cap_lits;
  int32_t *lit_tab;          /* open addressing over lits, -1 empty */
  uint32_t lit_mask;
  /* Slots: generated index of each document slot (inputs first). */
  int32_t *slot_map;
  int32_t n_slots;
  /* Tables that grow as the model is walked (indices into them). */
  int32_t n_preds, n_pargs, n_minings, n_fields, n_dvals, n_intervals;
  int32_t n_targets, n_tvals;
  gbuf t_preds, t_pargs, t_minings, t_fields, t_dvals, t_intervals;
  gbuf t_targets, t_tvals;
  int32_t *pred_map;         /* [doc->n_preds]: generated index, -1 */
  uint8_t *expr_done;        /* [doc->n_exprs]: function emitted */
  uint8_t *fn_done;          /* [doc->n_fns] */
  int32_t n_dbl;             /* doubles of c->d_ in use */
  int32_t *model_prob;       /* [n_models]: offset of prob in d_, -1 */
  int makes_strings;         /* the record may compute strings */
  int need_ids;              /* some output reports entity ids */
  int32_t tree_nodes;        /* nodes of every TreeModel of the document */
  int text_inputs;           /* some input is a string type */
  uint8_t *fast_nan;         /* [n_inputs]: the fast path gives 0 when the
                             ** input is NaN (its family's fast hook says) */
  /* The MiningModels whose forest takes the numeric walk (gen_mining.c):
  ** their pm_models indices, the segments of them all, the most fields
  ** one of them reads; the most sums of one of them (pm_forest.kacc), the
  ** sums of them all. _predict_rows walks them a block of rows at a
  ** time. */
  int32_t kf[64], n_kf, k_segs, k_vars, k_acc, k_accs;
  /* Tables written to files of their own (--split): model_1.c... */
  gbuf parts[256];
  int n_parts;
  /* Run-time sections needed (names), and the error. */
  const char *need[64];
  int n_need;
  int failed;
  char *err;
  size_t errsz;
};

/* The buffer of section s (pass 2), or the scratch buffer (pass 1). */
gbuf *gen_out(gen *g, int s);
/* Table buffer t in pass 2, the scratch buffer in pass 1. */
gbuf *gen_tbuf(gen *g, gbuf *t);
/* A table of bytes, 'name' (model.c refers to it by that name): static in
** model.c, or in a file of its own when the model is split (--split).
** 'what' says what it holds. */
void gen_bytes(gen *g, const char *what, const char *name,
               const unsigned char *p, size_t n);
/* Reserve n doubles of the context's d_ array; their offset. */
int32_t gen_dbl(gen *g, int32_t n);
/* Fail generation with "LINE:ELEMENT: message" (first failure wins). */
int gen_fail(gen *g, uint32_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Ask for run-time section 'name' of genrt.inc. */
void gen_need(gen *g, const char *name);
/* The generated index of document string id (registers it in pass 1). */
int32_t gen_str(gen *g, int32_t id);
/* The text of a document string. */
const char *gen_strtext(const gen *g, int32_t id, size_t *len);
/* The generated literal index of a value / literal of the document. */
int32_t gen_lit(gen *g, const pm_val *v);
int32_t gen_plit(gen *g, const pm_lit *l);
/* Write "/ * pm_lit[k]: TEXT * /"-like readable text of a literal. */
void gen_lit_comment(gen *g, gbuf *b, const pm_lit *l);
/* The generated index of document slot k. */
int32_t gen_slot(const gen *g, int32_t k);
/* The input whose value slot k is when that input holds a valid number
** (an input slot, or a MiningField of one that leaves numbers alone), or
** -1: generated code reads it with pm_fast(c, input, slot). */
int32_t gen_fast(const gen *g, int32_t k);
/* For the fast walk of trees: the input whose valid number slot k holds,
** rounded to float first when *to_float is set (DerivedFields that are a
** FieldRef with dataType float or double, as SkLearn2PMML writes
** double(float(x))), or -1. */
int32_t gen_walk(const gen *g, int32_t k, int *to_float);
/* C code for a pointer to the value of slot k: "&c->in_[2]",
** "pm_fast(c, 2, 7)" or "pm_slot(c, 7)". */
void gen_slot_ref(const gen *g, gbuf *b, int32_t k);
/* A name of the document for a comment: "name" (escaped, shortened). */
void gen_name(gen *g, gbuf *b, int32_t id);
/* The enum name of builtin id in generated code: "PM_BI_ADD". */
const char *gen_bi_id(int id);
/* A data type for generated code: "PM_DT_DOUBLE". */
const char *gen_dt(uint8_t dt);

/* gen_expr.c */
/* Make sure expression e has its function x<e>(c, p, out); returns 0/-1. */
int gen_expr(gen *g, int32_t e);
/* The generated index of predicate p (its table entry, and those of its
** children); -1 on failure. */
int32_t gen_pred(gen *g, int32_t p);
/* A predicate as readable text for a comment ("x <= 2.45"). */
void gen_pred_text(gen *g, gbuf *b, int32_t p, int depth);
/* The data type dt of DerivedField/OutputField casts: strings made? */
void gen_note_cast(gen *g, uint8_t from, uint8_t to);

/* gen_regex.c: compile regular expression pat[0..len) (flags PM_RX_* of
** pmml_int.h) into the static tables of `pm_rx NAME` (genrt.inc: regex).
** 0, or -1 after gen_fail naming 'what' and its line. */
int gen_regex(gen *g, const char *name, const char *pat, size_t len,
              unsigned flags, uint32_t line, const char *what);
/* gen_text.c: the body of x<E> for <TextIndex> expression ei. 0 or -1. */
int gen_textindex(gen *g, int32_t ei, gbuf *b);

/*
** One family of models: gen_<family>.c. To add a family once the
** interpreter scores it: port its eval_<family>.c into a section of
** genrt.inc (types in "t_<family>", functions in "<family>"), write
** gen_<family>.c whose model() emits the model's tables into GS_DATA and
** `static int m<INDEX>_eval(pm_ctx *c, pm_res *res)` into GS_CODE (with
** its prototype in GS_PROTO) and asks for its sections with gen_need(),
** add its row to families[] in gen.c and its file to Makefile.am (pmmlc
** and the unit runner), and its corpus family to GENERATED in
** tests/codegen.sh. Until then its element is refused with its line.
*/
typedef struct gen_family {
  const char *element;
  /* Emit the tables and `static int m<INDEX>_eval(pm_ctx *c, pm_res *res)`
  ** of model m (PMML: the family's eval). 0, or -1 after gen_fail. */
  int (*model)(gen *g, const pm_model *m);
  /* Optional: emit statements that set 'out' for output feature of->feature
  ** of model m and return 0; 1 when the family does not provide it (the
  ** generic features follow); -1 on failure. */
  int (*feature)(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b);
  /* Optional: the fast path of <prefix>_predict for a document whose only
  ** model is m and whose inputs are plain doubles: emit
  ** `static int m<INDEX>_fast(const double *in, double *val, pm_real *prob,
  ** pm_real *conf)` that gives 1 and the predicted value (a class index
  ** for classification) with the probabilities and confidences when every
  ** step is decided by numbers, else 0 (the general path then decides).
  ** Returns 1 when it emitted it, 0 when the model does not fit. It sets
  ** g->fast_nan[i] for each input i that gives 0 whenever in[i] is NaN
  ** (the others _predict tests before). */
  int (*fast)(gen *g, const pm_model *m, gbuf *b);
} gen_family;

extern const gen_family gen_tree_family;
extern const gen_family gen_regression_family;
extern const gen_family gen_svm_family;
extern const gen_family gen_naivebayes_family;
extern const gen_family gen_clustering_family;
extern const gen_family gen_knn_family;

/* gen_clustering.c, shared with gen_knn.c (PMML 4.4 ComparisonMeasure). */
/* The initializer of pm_measd ms, as a line of a struct initializer. */
void gen_measure(gen *g, gbuf *d, const pm_measure *ms);
/* The table m<M>_fields of compared fields f[0..n) (and their matrices). */
int gen_cfields(gen *g, const pm_model *m, const pm_cfield *f, int32_t n);
/* Statements reading field i into x[i] and rc[i] (pm_cf_value). */
void gen_cfield_values(gen *g, gbuf *b, const pm_model *m,
                       const pm_cfield *f, int32_t n);
/* A reference value of field f as generated code encodes it. */
double gen_cfield_ref(gen *g, const pm_cfield *f, double y);
extern const gen_family gen_scorecard_family;
extern const gen_family gen_ruleset_family;
extern const gen_family gen_anomaly_family;
extern const gen_family gen_association_family;
extern const gen_family gen_mining_family;
/* Is TreeModel m a segment its MiningModel walks as a flat forest (then
** nothing scores m itself)? gen_mining.c. */
int gen_in_forest(const gen *g, const pm_model *m);
/* The generating family of model m, or NULL (gen.c). */
const gen_family *gen_family_of(const pm_model *m);
extern const gen_family gen_genreg_family;
extern const gen_family gen_neural_family;

#endif /* PMMLC_GEN_H */
