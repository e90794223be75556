/*
** pmml_int.h: libpmmlrt's internals. The model representation (IR) that
** the loader builds, resolve.c completes and the interpreter (eval*.c) and
** the C emitter (pmmlc/gen*.c) read; then every cross-file prototype, under
** a banner per file. Read it as the table of contents of runtime/.
**
** Conventions. Everything of a model lives in one arena (mem.c) and is
** immutable after pmml_model_load_*() returns. Links are int32_t indices into
** the arrays of the document (pmml_model), not pointers; -1 means none.
** Strings that scoring needs are interned in the model's string table
** (strtab.c) and referred to by id. Cross-file functions are named
** pmml<Letter>_ (L load, R resolve, E eval, M mem, S strtab, V value,
** N numconv) so that -export-symbols-regex '^pmml_' hides them.
*/
#ifndef PMML_INT_H
#define PMML_INT_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "pmml.h"

#if defined(__GNUC__)
#define PM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PM_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define PM_PRINTF(a, b)
#define PM_UNLIKELY(x) (x)
#define PM_LIKELY(x) (x)
#endif

#define PM_NONE (-1)

/* Hard limits of the representation (documented in README). */
#define PM_MAX_EXPR_DEPTH 256   /* nesting of expressions and predicates */
#define PM_MAX_CALL_DEPTH 64    /* DefineFunction calls inside calls */
#define PM_MAX_ITEMS 100000000  /* elements of any one array */

/* ------------------------------------------------------------------------ */
/* Memory: mem.c                                                            */

/* An arena: blocks from the allocator hook, all freed at once. */
typedef struct pm_block pm_block;
typedef struct pm_arena {
  pmml_alloc_fn alloc; /* the hook, never NULL once initialised */
  void *ud;            /* its user data */
  pm_block *blocks;    /* newest first */
  struct pm_defer *defers; /* cleanups to run at free, newest first */
  char *cur, *end;     /* free space in the newest block */
  size_t total;        /* bytes obtained from the hook */
} pm_arena;

void pmmlM_arena_init(pm_arena *a, pmml_alloc_fn alloc, void *ud);
/* n zeroed bytes aligned for any type, or NULL when the hook fails. */
void *pmmlM_alloc(pm_arena *a, size_t n);
/* A copy of p[0..n) in the arena (NULL when n == 0 or on failure). */
void *pmmlM_dup(pm_arena *a, const void *p, size_t n);
void pmmlM_arena_free(pm_arena *a);
/* Call fn(p) when the arena is freed (objects of other libraries). 0 on
** success; on failure fn(p) is called at once and -1 returned. */
int pmmlM_defer(pm_arena *a, void (*fn)(void *), void *p);
/* The default hook: malloc/realloc/free. */
void *pmmlM_default_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* A growable array outside any arena, for building things of unknown
** size (freed or copied into the arena when done). */
typedef struct pm_vec {
  void *data;
  size_t len, cap; /* in elements */
} pm_vec;

/* Room for one more element of 'size' bytes; returns it zeroed, or NULL. */
void *pmmlM_vec_push(pm_arena *a, pm_vec *v, size_t size);
/* Make room for 'need' elements in all. 0 on success. */
int pmmlM_vec_reserve(pm_arena *a, pm_vec *v, size_t size, size_t need);
void pmmlM_vec_free(pm_arena *a, pm_vec *v, size_t size);
/* Move the contents into the arena (exact size) and free the vector. NULL
** with *ok = 0 on failure; NULL with *ok = 1 when empty. */
void *pmmlM_vec_finish(pm_arena *a, pm_vec *v, size_t size, int *ok);

/* ------------------------------------------------------------------------ */
/* Interned strings: strtab.c                                               */

/* Interned strings: an id per distinct byte string. Read-only lookups are
** thread-safe once loading is over. */
typedef struct pm_strtab {
  const char **str;   /* [n] NUL-terminated copies in the arena */
  uint32_t *len;      /* [n] */
  uint32_t *hash;     /* [n] */
  int32_t *slots;     /* open addressing table of ids, -1 empty */
  uint32_t n, cap;    /* strings and capacity of str/len/hash */
  uint32_t mask;      /* slots has mask + 1 entries */
} pm_strtab;

int pmmlS_init(pm_arena *a, pm_strtab *t);
/* The id of s[0..len), adding it when new; -1 when out of memory. */
int32_t pmmlS_intern(pm_arena *a, pm_strtab *t, const char *s, size_t len);
/* The id of s[0..len), or -1 when it was never interned. */
int32_t pmmlS_lookup(const pm_strtab *t, const char *s, size_t len);
#define pmmlS_str(t, id) ((t)->str[id])
#define pmmlS_len(t, id) ((t)->len[id])

/* ------------------------------------------------------------------------ */
/* Values                                                                   */

enum {
  PM_T_MISSING = 0, /* no value */
  PM_T_NUM,         /* u.num; integers, floats, dates and times too */
  PM_T_STR,         /* u.str, len bytes; sym when interned */
  PM_T_BOOL         /* u.num is 0 or 1 */
};

/*
** A value during scoring. Strings are views: into the model's strtab, the
** caller's input, or the context's string scratch. Numbers of data type
** float are kept rounded to float. Dates are numbers: 'date' is days since
** 1970-01-01, 'time' seconds since midnight, 'dateTime' seconds since
** 1970-01-01T00:00:00; the dateDaysSince[Y] family counts from Y-01-01.
*/
typedef struct pm_val {
  uint8_t t;        /* PM_T_* */
  uint8_t dt;       /* pmml_dtype of the value */
  uint8_t invalid;  /* an input outside its DataField's valid values */
  uint8_t pad_;
  int32_t sym;      /* PM_T_STR: id in the model's strtab, or -1 */
  uint32_t len;     /* PM_T_STR: bytes */
  union {
    double num;
    const char *str;
  } u;
} pm_val;

/* A literal written in the document (a Value, a threshold, a constant),
** decided at resolve time by the type of the field it is compared with. */
typedef struct pm_lit {
  uint8_t t;        /* PM_T_*: MISSING when the attribute was absent */
  uint8_t dt;       /* pmml_dtype after resolve */
  int32_t sym;      /* strtab id of the text (STR, and kept for categories) */
  int32_t raw;      /* index of the raw text in the loader's text store,
                       -1 after resolve or when absent */
  double num;       /* NUM/BOOL value */
} pm_lit;

/* ------------------------------------------------------------------------ */
/* The document-level IR                                                    */

typedef struct pm_pred pm_pred;         /* load_pred.c, below */
typedef struct pm_resolver pm_resolver; /* resolve.c */

/* Value@property */
enum { PM_PROP_VALID = 0, PM_PROP_INVALID, PM_PROP_MISSING };

/* <Value value= displayValue= property=/> */
typedef struct pm_fvalue {
  pm_lit v;
  int32_t display; /* strtab id or -1 */
  uint8_t property;/* PM_PROP_* */
} pm_fvalue;

/* Interval@closure */
enum { PM_CL_OPEN_OPEN = 0, PM_CL_OPEN_CLOSED, PM_CL_CLOSED_OPEN,
       PM_CL_CLOSED_CLOSED };

/* <Interval closure= leftMargin= rightMargin=/>; margins +-inf when absent */
typedef struct pm_interval {
  double left, right;
  uint8_t closure;
} pm_interval;

/* A field's declared domain: DataField or DerivedField Values/Intervals. */
typedef struct pm_domain {
  pm_fvalue *values;
  int32_t n_values;
  int32_t n_valid;        /* values with property valid */
  pm_interval *intervals;
  int32_t n_intervals;
} pm_domain;

/* <DataField name= optype= dataType= isCyclic=> */
typedef struct pm_datafield {
  int32_t name;     /* strtab id */
  uint8_t dtype;    /* pmml_dtype */
  uint8_t optype;   /* pmml_optype */
  uint8_t cyclic;
  uint32_t line;
  pm_domain dom;
  int32_t slot;     /* the raw input's slot, -1 until something reads it */
  int32_t input;    /* index among the model's inputs, -1 if not one */
} pm_datafield;

/* ---- Expressions ------------------------------------------------------ */

enum {
  PM_X_CONST = 0,   /* <Constant>: lit */
  PM_X_FIELD,       /* <FieldRef field=>: slot; lit = mapMissingTo */
  PM_X_NORMCONT,    /* <NormContinuous>: ext = pm_normcont */
  PM_X_NORMDISC,    /* <NormDiscrete field= value=>: lit = value */
  PM_X_DISCRETIZE,  /* <Discretize>: ext = pm_discretize */
  PM_X_MAPVALUES,   /* <MapValues>: ext = pm_mapvalues */
  PM_X_TEXTINDEX,   /* <TextIndex>: ext = pm_textindex */
  PM_X_APPLY,       /* <Apply function=> of a built-in: fn = builtin id */
  PM_X_CALL,        /* <Apply> of a DefineFunction: fn = its index */
  PM_X_PARAM,       /* a DefineFunction parameter inside its body: param */
  PM_X_IF,          /* <Apply function="if">: lazy */
  PM_X_AGGREGATE,   /* <Aggregate> (unsupported at resolve) */
  PM_X_LAG          /* <Lag> (unsupported at resolve) */
};

/* Apply@invalidValueTreatment, MiningField@invalidValueTreatment */
enum { PM_INV_RETURN_INVALID = 0, PM_INV_AS_IS, PM_INV_AS_MISSING,
       PM_INV_AS_VALUE };

typedef struct pm_expr {
  uint8_t op;        /* PM_X_* */
  uint8_t dt;        /* result data type (pmml_dtype) when declared, else
                        PM_DT_ANY */
  uint8_t inv;       /* Apply: PM_INV_* */
  uint8_t flags;
  uint32_t line;     /* where it starts in the document */
  int32_t name;      /* FieldRef field / Apply function / NormDiscrete
                        field: strtab id (diagnostics, code generation) */
  int32_t slot;      /* FIELD/NORM*: the slot read, after resolve */
  int32_t fn;        /* APPLY: builtin id; CALL: function; PARAM: index */
  int32_t first, n;  /* arguments: doc->args[first .. first+n) */
  pm_lit lit;        /* CONST: the value; NORMDISC: value= */
  pm_lit missing;    /* mapMissingTo */
  pm_lit deflt;      /* defaultValue */
  void *ext;         /* op-specific data below */
} pm_expr;

#define PM_DT_ANY 255

/* pm_expr.flags */
#define PM_XF_MISSING 1u    /* Constant missing="true" */
#define PM_XF_SAS_PARAM 2u  /* a <Constant> read as a parameter (SAS) */

/* NormContinuous@outliers, MiningField@outliers */
enum { PM_OUT_AS_IS = 0, PM_OUT_AS_MISSING, PM_OUT_AS_EXTREME };

/* <NormContinuous mapMissingTo= outliers=><LinearNorm orig= norm=/>... */
typedef struct pm_normcont {
  double *orig, *norm;
  int32_t n;
  uint8_t outliers;
} pm_normcont;

/* <Discretize field= mapMissingTo= defaultValue= dataType=>
**   <DiscretizeBin binValue=><Interval/></DiscretizeBin>... */
typedef struct pm_discretize {
  pm_interval *bins;
  pm_lit *values;     /* binValue of each bin */
  int32_t n;
} pm_discretize;

/* <InlineTable> or <TableLocator>: rows x columns of literals, by column
** name. Cells are interned strings until resolve types them. */
typedef struct pm_table {
  int32_t *cols;      /* column names (strtab ids) */
  int32_t n_cols;
  int32_t n_rows;
  pm_lit *cells;      /* [row * n_cols + col], MISSING when absent */
} pm_table;

/* <MapValues outputColumn= mapMissingTo= defaultValue= dataType=>
**   <FieldColumnPair field= column=/>... <InlineTable/> */
typedef struct pm_mapvalues {
  pm_table *table;
  int32_t *in_cols;   /* table column of each FieldColumnPair (args) */
  int32_t out_col;
  uint8_t typed;      /* resolve has typed the table (clones share it) */
} pm_mapvalues;

/* <TextIndex textField= localTermWeights= isCaseSensitive= ... >: its
** arguments are the text (a FieldRef made from textField) and the term.
**   maxLevenshteinDistance= countHits= wordSeparatorCharacterRE=
**   tokenize= x-wordRE=> <TextIndexNormalization/>... expression */
typedef struct pm_textindex {
  uint8_t local_weights; /* PM_TW_* */
  uint8_t case_sensitive;
  uint8_t count_hits;    /* 0 allHits, 1 bestHits */
  uint8_t tokenize;
  int32_t max_lev;
  int32_t word_sep;      /* strtab id of wordSeparatorCharacterRE, or -1 */
  int32_t word_re;       /* strtab id of x-wordRE, or -1 */
  int32_t text_slot;     /* the text field's slot, after resolve */
  int32_t text_name;
  struct pm_textnorm *norms;
  int32_t n_norms;
  uint8_t norms_resolved; /* resolve has turned column names to indices */
  void *compiled;        /* pm_regex objects after resolve */
} pm_textindex;

enum { PM_TW_TERM_FREQUENCY = 0, PM_TW_BINARY, PM_TW_LOGARITHMIC,
       PM_TW_AUGMENTED_NORMALIZED };

/* <TextIndexNormalization inField= outField= regexField= recursive=
**   isCaseSensitive= maxLevenshteinDistance=><InlineTable/> */
typedef struct pm_textnorm {
  pm_table *table;
  int32_t in_col, out_col, regex_col;
  uint8_t recursive;
  int8_t case_sensitive;   /* -1 inherit */
  int32_t max_lev;         /* -1 inherit */
  void *compiled;
} pm_textnorm;

/* <DerivedField name= optype= dataType=> expression </DerivedField>, also
** the body of an OutputField with an expression. */
typedef struct pm_derived {
  int32_t name;
  uint8_t dtype;   /* PM_DT_ANY when not declared */
  uint8_t optype;
  uint32_t line;
  int32_t expr;    /* index into model->exprs */
  pm_domain dom;   /* Values it declares (categorical derived fields) */
} pm_derived;

/* <DefineFunction name= optype= dataType=><ParameterField/>... expr */
typedef struct pm_function {
  int32_t name;
  uint8_t dtype;
  uint8_t optype;
  uint32_t line;
  int32_t *params;    /* parameter names */
  uint8_t *param_dt;  /* their data types (PM_DT_ANY when undeclared) */
  int32_t n_params;
  int32_t expr;
} pm_function;

/* ---- Model-level pieces ------------------------------------------------ */

enum { PM_USE_ACTIVE = 0, PM_USE_TARGET, PM_USE_SUPPLEMENTARY, PM_USE_GROUP,
       PM_USE_ORDER, PM_USE_FREQUENCY, PM_USE_ANALYSIS_WEIGHT };

/* MiningField@missingValueTreatment (how the replacement came to be, and
** 4.4's returnInvalid) */
enum { PM_MISS_AS_IS = 0, PM_MISS_AS_MEAN, PM_MISS_AS_MODE, PM_MISS_AS_MEDIAN,
       PM_MISS_AS_VALUE, PM_MISS_RETURN_INVALID };

/* <MiningField name= usageType= optype= outliers= lowValue= highValue=
**   missingValueReplacement= missingValueTreatment=
**   invalidValueTreatment= invalidValueReplacement=/> */
typedef struct pm_mfield {
  int32_t name;
  uint8_t usage;      /* PM_USE_* */
  uint8_t optype;     /* override, or PM_DT_ANY */
  uint8_t outliers;   /* PM_OUT_* */
  uint8_t miss;       /* PM_MISS_* */
  uint8_t inv;        /* PM_INV_* */
  uint32_t line;
  double low, high;   /* outlier bounds */
  pm_lit miss_repl;   /* missingValueReplacement */
  pm_lit inv_repl;    /* invalidValueReplacement */
  int32_t slot;       /* this model's view of the field (after resolve) */
  int32_t src;        /* the slot it is taken from */
} pm_mfield;

/* OutputField@feature */
enum {
  PM_FEAT_PREDICTED = 0, PM_FEAT_DISPLAY, PM_FEAT_PROBABILITY,
  PM_FEAT_TRANSFORMED, PM_FEAT_DECISION, PM_FEAT_CONFIDENCE,
  PM_FEAT_RESIDUAL, PM_FEAT_STD_ERROR, PM_FEAT_STD_DEVIATION,
  PM_FEAT_ENTITY_ID, PM_FEAT_CLUSTER_ID, PM_FEAT_AFFINITY,
  PM_FEAT_ENTITY_AFFINITY, PM_FEAT_CLUSTER_AFFINITY, PM_FEAT_WARNING,
  PM_FEAT_RULE_VALUE, PM_FEAT_REASON_CODE, PM_FEAT_ANTECEDENT,
  PM_FEAT_CONSEQUENT, PM_FEAT_RULE, PM_FEAT_RULE_ID,
  PM_FEAT_SUPPORT, PM_FEAT_LIFT, PM_FEAT_LEVERAGE, PM_FEAT_CI_LOWER,
  PM_FEAT_CI_UPPER,
  PM_FEAT_COUNT
};

/* <OutputField name= optype= dataType= targetField= feature= value=
**   ruleFeature= algorithm= rank= rankBasis= rankOrder= isMultiValued=
**   segmentId= isFinalResult=> [expression] [Decisions] */
typedef struct pm_ofield {
  int32_t name;
  uint8_t dtype;        /* PM_DT_ANY when absent (old exporters) */
  uint8_t optype;
  uint8_t feature;      /* PM_FEAT_* */
  uint8_t final;        /* isFinalResult */
  uint8_t rule_feature; /* ruleFeature= for feature="ruleValue" */
  uint8_t algorithm;    /* association: recommendation, exclusive..., */
  uint8_t rank_basis, rank_order;
  uint8_t multi;        /* isMultiValued */
  uint32_t line;
  int32_t target;       /* targetField name, or -1 */
  pm_lit value;         /* value= (a category, a cluster...) */
  int32_t klass;        /* the class index 'value' names, after resolve */
  int32_t rank;         /* 1-based */
  int32_t segment;      /* segmentId strtab id, or -1 */
  int32_t expr;         /* transformedValue / decision expression, or -1 */
  int32_t slot;         /* where the result lands */
  int32_t seg_model;    /* segmentId: index of that segment's model */
} pm_ofield;

/* <Targets><Target field= optype= castInteger= min= max= rescaleConstant=
**   rescaleFactor=><TargetValue value= displayValue= priorProbability=
**   defaultValue=/>... */
enum { PM_CAST_NONE = 0, PM_CAST_ROUND, PM_CAST_CEILING, PM_CAST_FLOOR };

typedef struct pm_tvalue {
  pm_lit v;               /* value= */
  int32_t display;        /* displayValue (strtab id), -1 */
  double prior;           /* priorProbability, NaN when absent */
  pm_lit deflt;           /* defaultValue */
} pm_tvalue;

typedef struct pm_target {
  int32_t field;          /* field= (strtab), -1 for the model's target */
  uint8_t optype;         /* optype=, PM_DT_ANY when absent */
  uint8_t cast;           /* PM_CAST_* */
  uint8_t has_min, has_max;
  double min, max;
  double rescale_const, rescale_factor;
  pm_tvalue *values;      /* TargetValue */
  int32_t n_values;
} pm_target;

/* MiningModel@functionName */
enum { PM_FN_REGRESSION = 0, PM_FN_CLASSIFICATION, PM_FN_CLUSTERING,
       PM_FN_ASSOCIATION, PM_FN_SEQUENCES, PM_FN_TIMESERIES, PM_FN_MIXED };

/* A model element: the top-level model, a segment's model, an embedded
** model. The family's own data hangs off 'body'. */
typedef struct pm_model pm_model;
struct pm_model {
  uint8_t family;      /* PM_FAM_*: index into pmmlL_families */
  uint8_t function;    /* PM_FN_* */
  uint8_t math_float;  /* x-mathContext="float": compute in float */
  uint8_t is_scorable; /* isScorable (false: always no prediction) */
  uint32_t line;
  int32_t name;        /* modelName, or -1 */
  int32_t index;       /* in pmml_model.models (result storage) */
  int32_t parent;      /* enclosing model's index, or -1 */

  pm_mfield *mf;       /* MiningSchema */
  int32_t n_mf;
  int32_t target_mf;   /* the (first) target MiningField, or -1 */
  int32_t target_name; /* its name (strtab), or -1 */
  uint8_t target_dt;   /* data type of the predicted value */
  uint8_t target_op;   /* its optype */

  pm_ofield *of;       /* Output */
  int32_t n_of;

  pm_target *targets;  /* Targets */
  int32_t n_targets;

  pm_derived *local;   /* LocalTransformations */
  int32_t n_local;

  /* Categories of a classification target, in the order of the target's
  ** Values (or of their first appearance in the model). Probabilities of
  ** a result are indexed by these. */
  pm_lit *classes;
  int32_t n_classes;
  size_t res_off;      /* scratch offset of the result's prob and conf
                          arrays (2 * n_classes doubles) */

  void *body;          /* the family's representation */
  pm_val *class_vals;  /* [n_classes] each class as a predicted value
                          (pmmlE_class_value), made once at the end of
                          resolve (resolve.c, plan()); NULL until then */
};

/* What scoring a model leaves behind, one per model in the context. */
typedef struct pm_result {
  pm_val value;        /* predicted value (after Targets), MISSING if none */
  double *prob;        /* [n_classes] probabilities, or NULL */
  double *conf;        /* [n_classes] confidences, or NULL */
  int32_t entity;      /* winning node, cluster, rule, neighbour...; -1 */
  int32_t entity_id;   /* its id (strtab), or -1 */
  int32_t segment;     /* selectFirst/selectAll: the segment used; -1 */
  double affinity;     /* entity/cluster affinity, NaN if none */
  double raw;          /* the value before Targets (regression), NaN */
  void *extra;         /* family-specific (rule lists, reason codes) */
} pm_result;

/* ---- Slots ------------------------------------------------------------- */

/*
** A slot is one value cell of a record in the context. Each field visible
** somewhere gets one: the raw inputs (DataFields), a model's view of a
** mining field (treatments applied), derived fields (evaluated on demand,
** once per record), output fields, function parameters.
*/
enum {
  PM_SLOT_INPUT = 0, /* arg: input index; the value is set by the
                        pmml_ctx_set_* calls, never computed */
  PM_SLOT_MINING,    /* arg: model index, aux: mining field index;
                        src: the slot the value comes from */
  PM_SLOT_DERIVED,   /* arg: expression; ref: pm_derived (domain, types) */
  PM_SLOT_OUTPUT,    /* arg: model index, aux: output field index */
  PM_SLOT_PARAM      /* arg: parameter index (function frames) */
};

typedef struct pm_slot {
  uint8_t kind;     /* PM_SLOT_* */
  uint8_t dtype;    /* declared data type, PM_DT_ANY if not */
  uint8_t optype;
  uint8_t maybe_invalid; /* may hold a value flagged invalid */
  int32_t name;     /* strtab id */
  int32_t arg, aux, src;
  uint8_t plain;    /* PM_SLOT_MINING: a valid value passes unchanged (no
                       outlier treatment): only missing or invalid values
                       need the treatments */
  const pm_derived *derived; /* PM_SLOT_DERIVED: the definition */
} pm_slot;

/* pmml_model.input_plain: numeric inputs without a declared domain take a
** number as it is (rounded to float, or checked integral). */
enum { PM_PLAIN_NO = 0, PM_PLAIN_DOUBLE, PM_PLAIN_FLOAT, PM_PLAIN_INTEGER };

/* One column of the public outputs. */
typedef struct pm_out {
  int32_t name;
  int32_t slot;     /* where the value is; -1: the predicted value of
                       'model' */
  int32_t model;
  uint8_t dtype, optype;
  int32_t prob_class; /* >= 0: the output is probability(value=) of class
                         prob_class of model prob_model, which the common
                         code computes (resolve.c, plan()): score_record()
                         copies it from the result; -1 otherwise */
  int32_t prob_model;
} pm_out;

/* A MiningField of the top-level model with returnInvalid (missing or
** invalid): score_record() reads its slot for every record, unless its
** input (direct, see pm_pred.direct) holds a valid value, which would pass
** the MiningFields unchanged and so cannot make the record invalid. */
typedef struct pm_check {
  int32_t slot;
  int32_t direct;
} pm_check;

/* The document: what pmml_model_load_*() returns. */
struct pmml_model {
  pm_arena arena;
  pm_strtab strs;
  const char *version;      /* PMML@version */
  const char *application;  /* Header/Application name + version */
  const char *source;       /* the file name given at load, for messages */

  pm_datafield *df;
  int32_t n_df;
  pm_derived *gd;           /* TransformationDictionary DerivedFields */
  int32_t n_gd;
  pm_function *fns;         /* DefineFunctions */
  int32_t n_fns;

  pm_expr *exprs;           /* every expression of the document */
  int32_t n_exprs;
  int32_t *args;            /* argument lists of expressions, children
                               of compound predicates */
  int32_t n_args;
  pm_pred *preds;           /* every predicate of the document */
  int32_t n_preds;

  pm_model *top;            /* the top-level model */
  pm_model **models;        /* every model, by pm_model.index */
  int32_t n_models;

  pm_slot *slots;
  int32_t n_slots;
  int32_t *inputs;          /* DataField index of each input */
  int32_t n_inputs;
  int32_t *input_slot;      /* [n_inputs] the slot holding input i */
  uint8_t *input_plain;     /* [n_inputs] PM_PLAIN_*: how a number is
                               stored without the general path */
  pm_out *outs;             /* the public outputs */
  int32_t n_outs;

  /* Sizes that pmml_ctx_new() uses to allocate scratch up front. */
  size_t n_scratch;         /* doubles of per-record scratch (all models) */
  size_t str_scratch;       /* bytes of string scratch */
  size_t max_frame;         /* parameter slots of the deepest call */
  int uses_regex;           /* some expression uses a regular expression */
  size_t n_item_words;      /* uint64 words of the transactions that
                               pmml_ctx_add_item() fills (AssociationModel);
                               pmml_ctx_clear() empties them */

  /* ModelVerification (load_verify.c). */
  struct pm_verify *verify; /* the top-level model's records, read with
                               PMML_LOAD_VERIFICATION; NULL otherwise */
  uint32_t verify_line;     /* its line, 0 if none (read or skipped) */

  /* The per-record plan (resolve.c, plan()): what score_record() checks
  ** before the model, decided once at load. */
  pm_check *checks;         /* the top model's returnInvalid fields */
  int32_t n_checks;

  /* A specialised way to score a lone TreeModel or RegressionModel over
  ** plain numbers (fastpath.c), decided at the end of the load; NULL when
  ** every record takes the general path. */
  const struct pm_fast *fast;
};

/* ------------------------------------------------------------------------ */
/* Loading: load.c and load_*.c                                             */

typedef struct pm_loader pm_loader;

/*
** An element the loader understands: a table entry. 'children' lists the
** elements allowed inside (NULL: none, text only or empty). A row whose
** name is NULL ends a table; if its 'children' is set, the lookup goes on
** in that table (tables are shared this way, e.g. all expressions).
*/
typedef struct pm_elem pm_elem;
struct pm_elem {
  const char *name;
  void (*start)(pm_loader *ld, const char **atts);
  void (*end)(pm_loader *ld);
  const pm_elem *children;
  unsigned flags;     /* PM_EL_* */
};

#define PM_EL_TEXT 1u   /* collect the element's character data */
#define PM_EL_SKIP 2u   /* ignore the element and everything inside */
#define PM_EL_ANYNS 4u  /* children in any namespace go to the "*" row
                           (InlineTable rows: columns are any element) */
#define PM_EL_MODEL(fam) (8u | ((unsigned)(fam) << 8)) /* a model element */
#define PM_EL_VERIFY 16u /* ModelVerification: read only with
                            PMML_LOAD_VERIFICATION, for the top-level model */
#define PM_EL_UNSUPP 32u /* a construct libpmmlrt cannot score yet: its start
                            handler refuses it (`pmmlc check` lists them) */
#define PM_EL_FAMILY(flags) ((int)((flags) >> 8))

/* One family of models: its element and how to load, resolve and score it. */
typedef struct pm_family {
  const char *element;          /* "TreeModel" */
  void (*start)(pm_loader *ld, pm_model *m, const char **atts);
  void (*end)(pm_loader *ld, pm_model *m);
  const pm_elem *children;      /* elements of the model body */
  int (*resolve)(pm_resolver *r, pm_model *m);
  /* Score the model into 'res'. 0 on success; on failure the context's
  ** error is set (pmmlE_fail). A model without prediction sets
  ** res->value.t = PM_T_MISSING and returns 0. */
  int (*eval)(pmml_ctx *c, const pm_model *m, pm_result *res);
  /* An output feature the generic code does not know (optional). 0: done,
  ** 1: not handled, -1: error. */
  int (*feature)(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                 const pm_result *res, pm_val *out);
  /* Doubles of scratch the family needs per record (optional). */
  size_t (*scratch)(const pm_model *m);
  /* Output features the family provides beyond the common ones
  ** (predictedValue, predictedDisplayValue, transformedValue, decision,
  ** warning; probability and confidence for classification): a bit per
  ** PM_FEAT_* value. */
  uint32_t features;
} pm_family;

#define PM_FEAT_BIT(f) (1u << (f))

/* Every family has its number now; pmmlL_families[f] is NULL until the
** family is implemented (load_model.c then refuses its element). */
enum {
  PM_FAM_TREE = 0, PM_FAM_REGRESSION, PM_FAM_MINING, PM_FAM_GENREG,
  PM_FAM_NEURAL, PM_FAM_SVM, PM_FAM_NAIVEBAYES, PM_FAM_CLUSTERING,
  PM_FAM_KNN, PM_FAM_SCORECARD, PM_FAM_RULESET, PM_FAM_ANOMALY,
  PM_FAM_ASSOCIATION,
  PM_FAM_COUNT
};

extern const pm_family *const pmmlL_families[PM_FAM_COUNT];

/* The frame of an open element. */
typedef struct pm_frame {
  const pm_elem *el;   /* NULL: skipped subtree */
  void *obj;           /* what the element builds */
  void *save;          /* model elements: the enclosing model's state */
  int32_t mark;        /* height of the loader's index stack at start */
  int32_t aux;         /* element-specific */
  uint32_t line;
} pm_frame;

/* The loader's state, shared by the load*.c files. */
struct pm_loader {
  pmml_model *doc;
  pm_arena *a;           /* doc->arena */
  struct XML_ParserStruct *xml;
  const pmml_load_options *opt;
  pmml_error *err;
  int failed;
  pmml_status code;      /* the first error's code */
  int version;           /* PMML version * 10, e.g. 43 */

  pm_frame *frames;      /* open elements */
  size_t depth, frames_cap;
  size_t skip_depth;     /* > 0 inside a skipped subtree */

  char *text;            /* character data of the current PM_EL_TEXT */
  size_t text_len;
  pm_vec textv;          /* char: storage behind 'text' */
  size_t run;            /* bytes since the last '<' (bounds tags/texts) */
  size_t doc_bytes;      /* bytes of document read so far */
  char ns_uri[64];       /* the document's PMML namespace */
  int has_ns;            /* 0: an old document without namespace */
  char colname[256];     /* the current InlineTable column, as written */
  size_t colname_len;
  int model_done;        /* the (first) top-level model has been read */

  pm_vec istack;         /* int32_t: children collected by open frames */
  pm_vec exprs;          /* pm_expr */
  pm_vec args;           /* int32_t */
  pm_vec models;         /* pm_model * */
  pm_vec raw;            /* char: raw literal texts, NUL-separated */
  pm_vec df, gd, fns;    /* pm_datafield, pm_derived, pm_function */
  pm_vec preds;          /* pm_pred */
  pm_vec vals;           /* pm_fvalue: Values of the open field */
  pm_vec ivals;          /* pm_interval: its Intervals */
  pm_vec params;         /* int32_t: ParameterField names */
  pm_vec param_dt;       /* uint8_t: their data types */
  pm_vec mfs;            /* pm_mfield of the open MiningSchema */
  pm_vec ofs;            /* pm_ofield of the open Output */
  pm_vec tgts;           /* pm_target of the open Targets */
  pm_vec tvals;          /* pm_tvalue of the open Target */
  pm_vec locals;         /* pm_derived of the open LocalTransformations */
  pm_vec cells;          /* pm_cell of the open InlineTable */
  pm_vec cols;           /* int32_t: its column names */
  int32_t table_rows;
  pm_table *last_table;  /* the InlineTable just read, for its parent */
  pm_vec norms;          /* pm_linearnorm of the open NormContinuous */
  pm_vec bins;           /* pm_bin of the open Discretize */
  pm_vec fcps;           /* int32_t: FieldColumnPair columns of MapValues */
  pm_vec tinorms;        /* pm_textnorm of the open TextIndex */

  pm_model *model;       /* the innermost model being built */
  pm_vec tracked;        /* pm_tracked: family vectors to free on failure */

  /* load.c: an unfinished tag, comment or processing instruction held
  ** back from Expat until it is whole (Expat 2.5 scans an unfinished token
  ** again at every chunk: a long tag would cost quadratic time). */
  pm_vec hold;           /* its bytes */
  int lex;               /* the scanner's state at the end of the input */
  char head[4];          /* the first bytes, until Expat can have four */
  size_t head_len;
  int xml_fed;           /* Expat has had its first bytes */
};

typedef struct pm_cell {
  int32_t row, col;
  pm_lit v;
} pm_cell;

typedef struct pm_linearnorm {
  double orig, norm;
} pm_linearnorm;

typedef struct pm_bin {
  pm_interval iv;
  pm_lit value;
  int has_iv;
} pm_bin;

typedef struct pm_tracked {
  pm_vec *v;
  size_t size;
} pm_tracked;

/* Stop loading with an error at the current position (sticky: the first
** one wins). */
void pmmlL_fail(pm_loader *ld, pmml_status code, const char *fmt, ...)
    PM_PRINTF(3, 4);
void pmmlL_nomem(pm_loader *ld);
/* The current frame and its ancestors (0 = current). */
pm_frame *pmmlL_frame(pm_loader *ld, size_t up);
/* Attribute value or NULL. */
const char *pmmlL_attr(const char **atts, const char *name);
/* Required attribute: fails (and returns NULL) when absent. */
const char *pmmlL_need(pm_loader *ld, const char **atts, const char *name);
/* Numeric attribute; 'dflt' when absent; fails on a malformed number and
** on NaN and the infinities. */
double pmmlL_num(pm_loader *ld, const char **atts, const char *name,
                 double dflt);
/* The same for a bound that may be open: -INF and INF are accepted. */
double pmmlL_bound(pm_loader *ld, const char **atts, const char *name,
                   double dflt);
/* Integer attribute in [lo, hi]. */
long pmmlL_int(pm_loader *ld, const char **atts, const char *name, long dflt,
               long lo, long hi);
/* boolean attribute ("true"/"false", also "1"/"0") */
int pmmlL_bool(pm_loader *ld, const char **atts, const char *name, int dflt);
/* Enumerated attribute: the index of its value in 'names' (NULL-ended),
** 'dflt' when absent; fails on another value. */
int pmmlL_enum(pm_loader *ld, const char **atts, const char *name,
               const char *const *names, int dflt);
/* Interned attribute value, -1 when absent. */
int32_t pmmlL_sym(pm_loader *ld, const char **atts, const char *name);
int32_t pmmlL_intern(pm_loader *ld, const char *s, size_t len);
/* A literal: keeps the raw text for resolve to type; MISSING if absent. */
pm_lit pmmlL_lit(pm_loader *ld, const char **atts, const char *name);
pm_lit pmmlL_lit_text(pm_loader *ld, const char *s, size_t len);
/* The raw text of a literal (valid until the end of resolve). */
const char *pmmlL_raw(const pm_loader *ld, int32_t raw);
/* Current element text (PM_EL_TEXT elements), NUL-terminated. */
const char *pmmlL_text(pm_loader *ld, size_t *len);
/* Have the loader free vector v (elements of 'size' bytes) if loading
** fails before the family moves it into the arena. */
void pmmlL_track(pm_loader *ld, pm_vec *v, size_t size);
/* Push onto a vector, failing the load on out-of-memory (NULL then). */
void *pmmlL_push(pm_loader *ld, pm_vec *v, size_t size);
/* Move a vector into the arena; *n gets its length. */
void *pmmlL_finish_vec(pm_loader *ld, pm_vec *v, size_t size, int32_t *n);
/* Arena allocation that fails the load on out-of-memory. */
void *pmmlL_alloc(pm_loader *ld, size_t n);
/* Index stack: children report themselves to their parent frame. */
void pmmlL_push_index(pm_loader *ld, int32_t i);
/* Pop everything above 'mark' into a new arena array; *n gets the count. */
int32_t *pmmlL_pop_indices(pm_loader *ld, int32_t mark, int32_t *n);
/* Parse whitespace-separated numbers (Array text and the like). */
double *pmmlL_numbers(pm_loader *ld, const char *s, size_t len, int32_t *n);
/* The same appended to the doubles of v (quoted: "1.5" allowed; 'what'
** prefixes the message): the count appended, or -1 when the load failed. */
int32_t pmmlL_push_numbers(pm_loader *ld, pm_vec *v, const char *s,
                           size_t len, int quoted, const char *what);

/* The document element and the PMML element names we know (load_doc.c). */
extern const pm_elem pmmlL_root_elem;
int pmmlL_known_element(const char *name);
/* The row for element 'name' in table 'tab', following chained tables; a
** "*" row matches any name (load.c). */
const pm_elem *pmmlL_lookup(const pm_elem *tab, const char *name);
/* The element an error message is about, into buf: the PMML element its
** first word names ("Node: ...", "DataField 'x': ..."), or X of a message
** about "<X>". 0 when found, -1 otherwise (load.c; resolve.c uses it too). */
int pmmlL_message_element(const char *msg, char *buf, size_t size);

/* The shared element tables (load_doc.c, load_expr.c, load_pred.c). */
extern const pm_elem pmmlL_expr_elems[];   /* every expression element */
extern const pm_elem pmmlL_model_elems[];  /* every model element */
extern const pm_elem pmmlL_model_common[]; /* MiningSchema, Output, ... */
/* The same, then any model element: a model that holds another model. */
extern const pm_elem pmmlL_model_common_nested[];
extern const pm_elem pmmlL_skip_elems[];   /* Extension and friends */

/* load_doc.c: pieces shared with the model and expression loaders. */
void pmmlL_interval(pm_loader *ld, const char **atts, pm_interval *iv);
/* dataType= (PM_DT_ANY when absent), optype= ('dflt' when absent). */
uint8_t pmmlL_dtype_attr(pm_loader *ld, const char **atts);
uint8_t pmmlL_optype_attr(pm_loader *ld, const char **atts, int dflt);
/* <DerivedField> into 'into' (a vector of pm_derived). */
void pmmlL_derived_start(pm_loader *ld, const char **atts, pm_vec *into);
void pmmlL_derived_end(pm_loader *ld);
extern const pm_elem pmmlL_derived_children[];

/* load_expr.c: the expression just finished inside the current frame. */
int32_t pmmlL_new_expr(pm_loader *ld, uint8_t op);
pm_expr *pmmlL_expr(pm_loader *ld, int32_t i);
/* The InlineTable read last (and forget it), or NULL. */
pm_table *pmmlL_take_table(pm_loader *ld);
extern const pm_elem pmmlL_table_elem[]; /* InlineTable, TableLocator */
/* <Array type= n=> contents as literals; *n gets the count. */
pm_lit *pmmlL_array_lits(pm_loader *ld, const char *s, size_t len,
                         int32_t *n);
/* An Array's n= (start handler: kept in its frame), and at its end the
** check that it holds n values: 0, or -1 when the load failed. */
void pmmlL_array_n_start(pm_loader *ld, const char **atts);
int pmmlL_array_n_check(pm_loader *ld, int32_t n);
/* The model element tables of each family (load_<family>.c). */
extern const pm_elem pmmlL_tree_elems[];
extern const pm_elem pmmlL_regression_elems[];

/* load.c: the model element handlers shared by every family. */
void pmmlL_model_start(pm_loader *ld, const char **atts, int family);
void pmmlL_model_end(pm_loader *ld);

/* After the last element (load_doc.c): move what the loader collected into
** the document. 0 or -1 (failed). */
int pmmlL_finish(pm_loader *ld);

/* ------------------------------------------------------------------------ */
/* Predicates (trees, rules, segments): load_pred.c, eval_pred.c            */

enum { PM_P_TRUE = 0, PM_P_FALSE, PM_P_SIMPLE, PM_P_SET, PM_P_COMPOUND };
/* SimplePredicate@operator */
enum { PM_OP_EQ = 0, PM_OP_NE, PM_OP_LT, PM_OP_LE, PM_OP_GT, PM_OP_GE,
       PM_OP_MISSING, PM_OP_NOT_MISSING };
/* CompoundPredicate@booleanOperator */
enum { PM_BOOL_AND = 0, PM_BOOL_OR, PM_BOOL_XOR, PM_BOOL_SURROGATE };
/* SimpleSetPredicate@booleanOperator */
enum { PM_SET_IN = 0, PM_SET_NOT_IN };

struct pm_pred {
  uint8_t kind;     /* PM_P_* */
  uint8_t op;       /* PM_OP_* / PM_BOOL_* / PM_SET_* */
  uint8_t pad_[2];
  int32_t name;     /* field name (strtab) */
  int32_t slot;     /* field slot, after resolve */
  int32_t first, n; /* COMPOUND: children in doc->args; SET: n values */
  pm_lit v;         /* SIMPLE: value */
  pm_lit *set;      /* SET: the Array's values */
  uint32_t line;
  int32_t direct;   /* the input slot a valid value of 'slot' comes from
                       unchanged, or -1 (pmmlR_direct) */
};

/* pm_pred.kind of a predicate that nothing reads any more (a flat forest
** compiled it): pmmlR_finish_preds leaves it out of doc->preds. */
#define PM_P_DROP 0xffu

/* Move the document's predicates into the arena at the end of resolve,
** without those marked PM_P_DROP, and renumber every reference to the
** others. 0, or -1 with the resolver failed. A family whose IR keeps
** doc->preds indices must be renumbered there too (load_pred.c,
** renumber_model: trees, segments and forests, rules, scorecard
** attributes, compound children). */
int pmmlR_finish_preds(pm_resolver *r, pm_loader *ld);

/* Three-valued logic. */
enum { PM_FALSE = 0, PM_TRUE = 1, PM_UNKNOWN = 2 };

extern const pm_elem pmmlL_pred_elems[];
/* A predicate or a model element (the content of a Segment). */
extern const pm_elem pmmlL_segment_elems[];

/* ------------------------------------------------------------------------ */
/* TreeModel: load_tree.c, eval_tree.c                                      */

/* TreeModel@missingValueStrategy */
enum { PM_TMV_LAST_PREDICTION = 0, PM_TMV_NULL_PREDICTION,
       PM_TMV_DEFAULT_CHILD, PM_TMV_WEIGHTED_CONFIDENCE,
       PM_TMV_AGGREGATE_NODES, PM_TMV_NONE };
/* TreeModel@noTrueChildStrategy */
enum { PM_TNT_NULL = 0, PM_TNT_LAST };

/* <ScoreDistribution value= recordCount= confidence= probability=/> */
typedef struct pm_scoredist {
  pm_lit value;
  double count;        /* recordCount, NaN if absent */
  double confidence;   /* NaN if absent */
  double probability;  /* NaN if absent */
} pm_scoredist;

/* <Node id= score= recordCount= defaultChild=>, flattened breadth-first so
** that the children of a node are contiguous. */
typedef struct pm_tnode {
  int32_t pred;        /* its predicate (doc->preds) */
  int32_t first;       /* first child (nodes[first .. first+n_kids)) */
  int32_t n_kids;
  int32_t deflt;       /* defaultChild's node index, -1 */
  int32_t id;          /* Node@id (strtab), -1 */
  uint32_t line;
  double count;        /* recordCount, NaN if absent */
  pm_lit score;        /* score= */
} pm_tnode;

/*
** A node as eval_tree.c's walk() takes it: a leaf; a pair, whose two
** children test one field against one number, the second the first's
** negation (x < v / x >= v, x <= v / x > v), so that one comparison picks;
** or any other node (its children's predicates, in order). Decided by
** resolve, with what a pair's comparison needs in one place.
*/
enum { PM_TS_OTHER = 0, PM_TS_LEAF, PM_TS_PAIR };

typedef struct pm_tstep {
  double v;            /* pair: the number */
  int32_t first;       /* pair: the first child (the second is first + 1) */
  int32_t slot;        /* pair: the field's slot */
  int32_t direct;      /* pair: its input read straight (pm_pred.direct) */
  uint8_t kind;        /* PM_TS_* */
  uint8_t strict;      /* pair: "below" is x < v (else x <= v) */
  uint8_t low_first;   /* pair: the first child takes the values below */
} pm_tstep;

typedef struct pm_tree {
  pm_tnode *nodes;     /* nodes[0] is the root; NULL in a tree its
                          MiningModel's flat forest replaces (compact) */
  int32_t n_nodes;
  pm_scoredist *dists; /* node i's are dists[dist_at[i] .. dist_at[i+1]) */
  int32_t *dist_at;    /* [n_nodes + 1], NULL when there are none */
  int32_t n_dists;
  uint8_t missing;     /* PM_TMV_* */
  uint8_t no_true;     /* PM_TNT_* */
  uint8_t multi_split; /* splitCharacteristic="multiSplit" */
  double penalty;      /* missingValuePenalty */
  /* Decided by resolve: per node, the class of its score and the class
  ** probabilities / confidences of its ScoreDistributions. Nodes share
  ** rows of probabilities: many leaves have the same ones, and a node
  ** without ScoreDistribution has row 0, all zeros. Read them with
  ** pm_tree_prob() and pm_tree_conf(); the numeric score with
  ** pm_tree_num(). */
  int32_t *klass;      /* [n_nodes], -1 */
  int32_t *row;        /* [n_nodes] its row of prob and conf, or NULL */
  double *prob;        /* [n_rows * n_classes] or NULL */
  double *conf;        /* [n_rows * n_classes], == prob when every
                          confidence is its probability; or NULL */
  int32_t n_rows;
  pm_tstep *step;      /* [n_nodes] how walk() leaves each node; NULL
                          when in_forest */
  uint8_t in_forest;   /* a segment that its MiningModel's flat forest
                          scores (pm_forest): never walked by itself */
  void *nodes_temp;    /* non-NULL: 'nodes' live outside the arena until
                          resolve decides: pmmlR_tree_nodes */
  void *dists_temp;    /* non-NULL: 'dists' and 'dist_at' live outside the
                          arena (in load_tree.c's loader) until resolve has
                          used them; then they are NULL (they are kept only
                          with PMML_LOAD_RESOLVE_ALL, for lint) */
} pm_tree;

int pmmlR_tree(pm_resolver *r, pm_model *m);
int pmmlE_tree(pmml_ctx *c, const pm_model *m, pm_result *res);
/* Keep tree t's nodes (into the arena), or drop them (a flat forest holds
** all that its scoring and code generation read). 0, or -1 with the
** resolver failed. */
int pmmlR_tree_nodes(pm_resolver *r, pm_tree *t, int keep);
/* A tree taken for a flat forest (in_forest) that is walked by itself
** after all: its steps, and its nodes kept. 0, or -1. */
int pmmlR_tree_alone(pm_resolver *r, pm_tree *t);

/* Node i's ScoreDistributions: the first, *n gets their count (NULL and 0
** when it has none, or once resolve dropped them). */
static inline const pm_scoredist *
pm_tree_dists(const pm_tree *t, int32_t i, int32_t *n)
{
  *n = t->dist_at ? t->dist_at[i + 1] - t->dist_at[i] : 0;
  return *n ? t->dists + t->dist_at[i] : NULL;
}

/* The probabilities and the confidences of node i's classes (nc of them:
** its model's n_classes), when t->prob is not NULL. */
static inline const double *
pm_tree_prob(const pm_tree *t, int32_t i, int32_t nc)
{
  return t->prob + (size_t)t->row[i] * (size_t)nc;
}

static inline const double *
pm_tree_conf(const pm_tree *t, int32_t i, int32_t nc)
{
  return t->conf + (size_t)t->row[i] * (size_t)nc;
}

/* Node i's score as a number (after resolve), NaN when it has none or its
** score is not a number. */
static inline double
pm_tree_num(const pm_tree *t, int32_t i)
{
  const pm_lit *l = &t->nodes[i].score;
  return l->t == PM_T_NUM ? l->num : (double)NAN;
}

/* ------------------------------------------------------------------------ */
/* RegressionModel: load_regression.c, eval_regression.c                    */

/* RegressionModel@normalizationMethod */
enum { PM_NORM_NONE = 0, PM_NORM_SIMPLEMAX, PM_NORM_SOFTMAX, PM_NORM_LOGIT,
       PM_NORM_PROBIT, PM_NORM_CLOGLOG, PM_NORM_EXP, PM_NORM_LOGLOG,
       PM_NORM_CAUCHIT };

/* <NumericPredictor name= exponent= coefficient=/> */
typedef struct pm_numpred {
  int32_t name;
  int32_t slot;
  int32_t direct;   /* see pm_pred.direct */
  double exponent;
  double coef;
  uint32_t line;
} pm_numpred;

/* <CategoricalPredictor name= value= coefficient=/> */
typedef struct pm_catpred {
  int32_t name;
  int32_t slot;
  pm_lit value;
  double coef;
  uint32_t line;
} pm_catpred;

/* <PredictorTerm coefficient=><FieldRef/>...</PredictorTerm>: the factors
** are FieldRef expressions, doc->args[first .. first+n). */
typedef struct pm_term {
  double coef;
  int32_t first, n;
} pm_term;

/* <RegressionTable intercept= targetCategory=> */
typedef struct pm_regtable {
  double intercept;
  pm_lit category;     /* targetCategory */
  int32_t klass;       /* its class index, after resolve */
  pm_numpred *nums;
  int32_t n_nums;
  pm_catpred *cats;
  int32_t n_cats;
  pm_term *terms;
  int32_t n_terms;
  uint8_t plain;       /* only NumericPredictors of exponent 1 whose fields
                          are inputs read past plain MiningFields (direct):
                          eval_regression.c sums them in a tight loop */
  size_t *offs;        /* plain: [n_nums] the byte offset of the cell of
                          nums[k].direct in the context's values, and */
  double *coefs;       /* [n_nums] nums[k].coef, side by side for it */
} pm_regtable;

typedef struct pm_regression {
  uint8_t norm;        /* PM_NORM_* */
  pm_regtable *tables;
  int32_t n_tables;
} pm_regression;

int pmmlR_regression(pm_resolver *r, pm_model *m);
int pmmlE_regression(pmml_ctx *c, const pm_model *m, pm_result *res);

/* ------------------------------------------------------------------------ */
/* MiningModel: load_mining.c, eval_mining.c                               */

/* Segmentation@multipleModelMethod; the loader also takes JPMML's names of
** before 4.4 (x-weightedMedian, x-weightedSum) and its x-multiModelChain. */
enum {
  PM_MM_MAJORITY_VOTE = 0, PM_MM_WEIGHTED_MAJORITY_VOTE, PM_MM_AVERAGE,
  PM_MM_WEIGHTED_AVERAGE, PM_MM_MEDIAN, PM_MM_WEIGHTED_MEDIAN, PM_MM_MAX,
  PM_MM_SUM, PM_MM_WEIGHTED_SUM, PM_MM_SELECT_FIRST, PM_MM_SELECT_ALL,
  PM_MM_MODEL_CHAIN, PM_MM_MULTI_MODEL_CHAIN
};

/* Segmentation@missingPredictionTreatment (also x-missingPredictionTreatment
** of JPMML before 4.4) */
enum { PM_MPT_CONTINUE = 0, PM_MPT_SKIP_SEGMENT, PM_MPT_RETURN_MISSING };

/* <Segment id= weight=> PREDICATE MODEL </Segment>; also a 3.x embedded
** model (Regression, DecisionTree) of a MiningModel without Segmentation,
** as a segment that is always taken. */
typedef struct pm_segment {
  int32_t pred;        /* its predicate (doc->preds), -1: always true */
  int32_t model;       /* its model (doc->models index) */
  int32_t id;          /* id= (strtab); when absent its 1-based position */
  uint8_t always;      /* the predicate is <True/> (or there is none) */
  double weight;       /* weight= */
  int32_t *cmap;       /* classification: the MiningModel's class of each
                          of the segment model's classes (after resolve) */
} pm_segment;

/*
** The trees of an ensemble as one flat array, for scoring without going
** through each tree's model (resolve builds it when every segment is a
** TreeModel whose result nothing else reads). A node is 16 bytes: its own
** predicate, compiled to a comparison of a field with a number where it is
** one, and where its children are; what a walk rarely needs (the
** predicate itself, defaultChild) sits in arrays beside. Node k of segment
** s's tree is nodes[roots[s] + k] (the tree's own arrays give its results).
*/
enum { PM_FOP_LT = 0, PM_FOP_LE, PM_FOP_GT, PM_FOP_GE, PM_FOP_EQ, PM_FOP_NE,
       PM_FOP_MISSING, PM_FOP_NOT_MISSING, PM_FOP_TRUE, PM_FOP_FALSE,
       PM_FOP_OTHER /* any other predicate: pmmlE_pred() */ };

typedef struct pm_fnode {
  double v;            /* the number compared with */
  int32_t first;       /* first child (forest index), -1 */
  uint16_t var;        /* the field: slots[var] */
  uint8_t op;          /* PM_FOP_* */
  uint8_t n_kids;      /* at most 127 (else no flat forest), with
                          PM_FPAIR when the two children test one field
                          against one number, one the other's negation */
} pm_fnode;

#define PM_FPAIR 0x80u

typedef struct pm_forest {
  pm_fnode *nodes;
  int32_t *pred;       /* [n_nodes] each node's predicate (doc->preds); -1
                          where the node's op is not PM_FOP_OTHER and the
                          trees' own nodes were dropped (pm_tree.nodes) */
  int32_t *deflt;      /* [n_nodes] its defaultChild (forest index), -1;
                          NULL unless a tree's missingValueStrategy is
                          defaultChild */
  uint32_t *line;      /* [n_nodes] its line (messages) */
  uint8_t *dt;         /* [n_nodes] op <= PM_FOP_NE: the data type of the
                          number (its literal's), else 0 */
  double *num;         /* [n_nodes] its numeric score (pm_tree_num), NULL
                          when every tree is a classification */
  int32_t n_nodes;
  int32_t *slots;      /* [n_vars] the fields the comparisons read */
  int32_t n_vars;
  int32_t *roots;      /* [n_segs] */
  double *zeros;       /* probabilities of a tree without distributions */
} pm_forest;

typedef struct pm_mining {
  uint8_t method;      /* PM_MM_* */
  uint8_t missing;     /* PM_MPT_* */
  double threshold;    /* missingThreshold */
  uint32_t line;       /* the Segmentation's (messages) */
  pm_segment *segs;
  int32_t n_segs;
  int32_t *embedded;   /* 3.x embedded models scored before the segments
                          (their outputs feed them): doc->models indices */
  int32_t n_embedded;
  /* m->of[0 .. n_delegates) were added by the loader: the outputs of the
  ** segment the result comes from (selectFirst: the selected one;
  ** modelChain: the last one), as JPMML lists them before the model's own.
  ** delegate_of[d * n_segs + s] is that field's index in segment s's model
  ** (-1: it has none). */
  int32_t n_delegates;
  int32_t *delegate_of;
  pm_ofield *seg_of;   /* [m->n_of]: an OutputField@segmentId as that
                          segment's model sees it (its class of value=) */
  size_t scratch;      /* offset of the per-record scratch (doubles) */
  pm_forest *forest;   /* the segments as one flat forest, or NULL */
  size_t leaves;       /* scratch offset: each tree's scoring node */
} pm_mining;

int pmmlR_mining(pm_resolver *r, pm_model *m);
int pmmlE_mining(pmml_ctx *c, const pm_model *m, pm_result *res);
/* The output features of a MiningModel that come from its segments. */
int pmmlE_mining_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                         const pm_result *res, pm_val *out);
extern const pm_elem pmmlL_mining_elems[];
extern const pm_family pmmlL_mining_family;

/* ------------------------------------------------------------------------ */
/* GeneralRegressionModel: load_genreg.c, eval_genreg.c                    */

/* GeneralRegressionModel@modelType */
enum { PM_GR_REGRESSION = 0, PM_GR_GENERAL_LINEAR, PM_GR_MULTINOMIAL,
       PM_GR_ORDINAL, PM_GR_GENERALIZED, PM_GR_COX };
/* linkFunction and cumulativeLink (cauchit: cumulativeLink in the schema,
** also accepted as a linkFunction) */
enum { PM_GL_NONE = 0, PM_GL_CLOGLOG, PM_GL_IDENTITY, PM_GL_LOG, PM_GL_LOGC,
       PM_GL_LOGIT, PM_GL_LOGLOG, PM_GL_NEGBIN, PM_GL_ODDSPOWER,
       PM_GL_POWER, PM_GL_PROBIT, PM_GL_CAUCHIT };

/* distribution (it changes no prediction; trials need binomial) */
enum { PM_GD_NONE = 0, PM_GD_BINOMIAL, PM_GD_GAMMA, PM_GD_IGAUSS,
       PM_GD_NEGBIN, PM_GD_NORMAL, PM_GD_POISSON, PM_GD_TWEEDIE };

/* <Parameter name= label= referencePoint=/> */
typedef struct pm_grparam {
  int32_t name;        /* strtab id */
  double ref;          /* referencePoint (Cox) */
  uint32_t line;
} pm_grparam;

/* <Predictor name= contrastMatrixType=><Categories/><Matrix/></Predictor>
** of the FactorList or the CovariateList. */
typedef struct pm_grpred {
  int32_t name;
  uint8_t factor;      /* in FactorList (else CovariateList) */
  uint32_t line;
  int32_t slot;        /* after resolve, -1 while unused */
  pm_lit *cats;        /* Categories: the rows of the contrast matrix */
  int32_t n_cats;
  double *matrix;      /* contrast Matrix [rows * cols], or NULL */
  int32_t rows, cols;
} pm_grpred;

/* <PPCell value= predictorName= parameterName= targetCategory=/> */
typedef struct pm_grppcell {
  pm_lit value;        /* factor: a category; covariate: the exponent */
  pm_lit category;     /* targetCategory */
  int32_t pred_name, param_name;
  uint32_t line;
  int32_t klass;       /* after resolve: targetCategory's class, -1 */
} pm_grppcell;

/* <PCell targetCategory= parameterName= beta= df=/> */
typedef struct pm_grpcell {
  pm_lit category;
  int32_t param_name;
  double beta;
  uint32_t line;
  int32_t klass;       /* after resolve */
} pm_grpcell;

/* <BaselineStratum value= maxTime=> (or the BaseCumHazardTables itself
** when there are no strata): its BaselineCells, baseline->cells[first..). */
typedef struct pm_grstratum {
  pm_lit value;        /* MISSING for the table without strata */
  double max_time;
  int32_t first, n;
  uint32_t line;
} pm_grstratum;

/* <BaselineCell time= cumHazard=/> */
typedef struct pm_grbaseline {
  double time, cumhazard;
} pm_grbaseline;

/* After resolve: one factor of a design value x_j (a PPCell). */
enum { PM_GRF_LEVEL = 0, PM_GRF_CONTRAST, PM_GRF_POWER };
typedef struct pm_grfactor {
  uint8_t kind;        /* PM_GRF_* */
  int32_t slot;        /* the predictor's value */
  int32_t pred;        /* its pm_grpred (names, contrast matrix) */
  pm_lit level;        /* LEVEL: the category that gives 1 */
  int32_t column;      /* CONTRAST: the matrix column */
  double exponent;     /* POWER */
} pm_grfactor;

/* After resolve: beta_j * x_j, x_j the product of factors[first..first+n)
** (1 when n == 0); the first n_level are factor tests, then covariates. */
typedef struct pm_grterm {
  double beta;
  int32_t first, n, n_level;
} pm_grterm;

/* After resolve: a linear predictor, the sum of terms[first..first+n). */
typedef struct pm_greq {
  int32_t klass;       /* the class it scores, -1 for regression */
  int32_t first, n;
} pm_greq;

typedef struct pm_genreg {
  uint8_t type;        /* PM_GR_* */
  uint8_t link;        /* linkFunction, PM_GL_* */
  uint8_t cumlink;     /* cumulativeLink, PM_GL_* */
  uint8_t dist;        /* distribution: 0 absent, PM_GD_BINOMIAL, ... */
  double link_param;   /* linkParameter, NaN if absent */
  double dist_param;   /* distParameter, NaN if absent */
  double offset_value; /* offsetValue, NaN if absent */
  double trials_value; /* trialsValue, NaN if absent */
  int32_t offset_name, trials_name;          /* field names, -1 */
  int32_t end_name, start_name, strata_name; /* Cox, -1 */
  pm_lit ref_category; /* targetReferenceCategory */
  uint32_t line;

  pm_grparam *params;
  int32_t n_params;
  pm_grpred *preds;
  int32_t n_preds;
  pm_grppcell *ppcells;
  int32_t n_ppcells;
  pm_grpcell *pcells;
  int32_t n_pcells;
  pm_grstratum *strata; /* BaseCumHazardTables; NULL when absent */
  int32_t n_strata;
  uint8_t has_strata;  /* BaselineStratum elements (else table cells) */
  pm_grbaseline *cells;
  int32_t n_cells;

  /* Decided by resolve. */
  int32_t offset_slot, trials_slot, end_slot, strata_slot;
  pm_grfactor *factors;
  int32_t n_factors;
  pm_grterm *terms;
  int32_t n_terms;
  pm_greq *eqs;        /* classification: in 'order', the last class has
                          none (multinomial reference, last ordinal) */
  int32_t n_eqs;
  int32_t *order;      /* classification: class indices as scored */
  int32_t n_order;
  double cox_ref;      /* Cox: sum of beta_j * referencePoint_j */
} pm_genreg;

extern const pm_family pmmlL_genreg_family;
extern const pm_elem pmmlL_genreg_elems[];
int pmmlR_genreg(pm_resolver *r, pm_model *m);
int pmmlE_genreg(pmml_ctx *c, const pm_model *m, pm_result *res);
/* The inverse of link function 'link' (PM_GL_*) at eta; 'p' is the
** linkParameter (power, oddspower) or distParameter (negbin). */
double pmmlE_genreg_link(int link, double p, double eta);

/* ------------------------------------------------------------------------ */
/* NeuralNetwork: load_neural.c, eval_neural.c                             */

/* NeuralNetwork@activationFunction (also NeuralLayer's) */
enum { PM_ACT_THRESHOLD = 0, PM_ACT_LOGISTIC, PM_ACT_TANH, PM_ACT_IDENTITY,
       PM_ACT_EXPONENTIAL, PM_ACT_RECIPROCAL, PM_ACT_SQUARE, PM_ACT_GAUSS,
       PM_ACT_SINE, PM_ACT_COSINE, PM_ACT_ELLIOTT, PM_ACT_ARCTAN,
       PM_ACT_RECTIFIER, PM_ACT_RADIAL_BASIS };
/* NeuralNetwork@normalizationMethod (also NeuralLayer's) */
enum { PM_NNORM_NONE = 0, PM_NNORM_SIMPLEMAX, PM_NNORM_SOFTMAX };

#define PM_NN_BLOCK 8   /* neurons of a dense layer computed together */

/* <NeuralLayer activationFunction= threshold= width= altitude=
**   normalizationMethod=>, with the network's values where it has none.
** Its neurons are the nodes [first, first + n). */
typedef struct pm_nlayer {
  int32_t first, n;
  uint8_t act;          /* PM_ACT_* */
  uint8_t norm;         /* PM_NNORM_* */
  uint8_t dense;        /* every neuron reads every node of the previous
                           layer, in order: weights form a matrix */
  double *wt;           /* dense: the matrix by blocks of PM_NN_BLOCK
                           neurons, wt[(b * np + k) * PM_NN_BLOCK + i] the
                           weight from node k to neuron b * PM_NN_BLOCK + i
                           (0 past the last neuron) */
  double threshold;     /* threshold activation */
  double width;         /* radialBasis, NaN when neither layer nor network
                           gives one */
  double altitude;      /* radialBasis */
} pm_nlayer;

/* <Neuron id= bias= width= altitude=><Con from= weight=/>... Its
** connections are nn->from/weight[con .. con + n_con). */
typedef struct pm_neuron {
  int32_t con, n_con;
  double bias;
  double width, altitude; /* radialBasis: the neuron's, else its layer's */
} pm_neuron;

/* <NeuralOutput outputNeuron=><DerivedField> NormDiscrete (a class) |
** NormContinuous (a regression target, inverted) | FieldRef (as is). */
typedef struct pm_noutput {
  int32_t node;         /* the output neuron */
  uint8_t op;           /* PM_X_NORMDISC, PM_X_NORMCONT or PM_X_FIELD */
  int32_t field;        /* the field it predicts (strtab) */
  pm_lit value;         /* NormDiscrete@value */
  int32_t klass;        /* its class, after resolve */
  const pm_normcont *nc;/* NormContinuous to invert */
  uint32_t line;
} pm_noutput;

/*
** A network as flat arrays. Nodes are numbered inputs first (NeuralInputs
** order), then the neurons layer after layer; act[node] holds a record's
** activations in scratch. Every connection reads a node of an earlier
** layer, so one pass over the layers computes the network.
*/
typedef struct pm_neural {
  int32_t n_in;         /* input nodes 0 .. n_in-1 */
  int32_t *in_expr;     /* [n_in] NeuralInput/DerivedField expression */
  uint8_t *in_dt;       /* [n_in] its declared data type */
  int32_t n_nodes;
  int32_t *ids;         /* [n_nodes] NeuralInput@id / Neuron@id (strtab) */
  pm_neuron *neurons;   /* [n_nodes - n_in] */
  pm_nlayer *layers;
  int32_t n_layers;
  int32_t *from;        /* [n_cons] Con@from as a node index */
  double *weight;       /* [n_cons] Con@weight */
  int32_t n_cons;
  pm_noutput *outs;
  int32_t n_outs;
  int32_t reg_out;      /* regression: the output of the target, -1 */
  size_t act_off;       /* scratch offset of act[n_nodes] */
} pm_neural;

extern const pm_elem pmmlL_neural_elems[];
extern const pm_family pmmlL_neural_family;
int pmmlR_neural(pm_resolver *r, pm_model *m);
int pmmlE_neural(pmml_ctx *c, const pm_model *m, pm_result *res);
/* The activation function f applied to z (PMML 4.4 NeuralNetwork), for
** every function but radialBasis. */
double pmmlE_activation(int f, double z, double threshold);

/* ------------------------------------------------------------------------ */
/* SupportVectorMachineModel: load_svm.c, eval_svm.c                       */

/* The kernel element */
enum { PM_KERNEL_LINEAR = 0, PM_KERNEL_POLYNOMIAL, PM_KERNEL_RBF,
       PM_KERNEL_SIGMOID };
/* SupportVectorMachineModel@classificationMethod */
enum { PM_SVM_ONE_AGAINST_ALL = 0, PM_SVM_ONE_AGAINST_ONE };
/* SupportVectorMachineModel@svmRepresentation */
enum { PM_SVM_SUPPORT_VECTORS = 0, PM_SVM_COEFFICIENTS };

/* One coordinate of the vectors: a <FieldRef> (any expression, its value a
** number) or 4.3's <CategoricalPredictor name= value= coefficient=>,
** coefficient when the field equals value, else 0. */
typedef struct pm_vfield {
  int32_t expr;         /* the expression, or -1 for a CategoricalPredictor */
  int32_t name;         /* CategoricalPredictor@name (strtab) */
  int32_t slot;         /* its field, after resolve */
  pm_lit value;
  double coef;
  uint32_t line;
} pm_vfield;

/* <SupportVectorMachine targetCategory= alternateTargetCategory=
**   threshold=><SupportVectors/><Coefficients absoluteValue=/>. Its support
** vectors are svm->sv[first .. first + n) with the coefficients
** svm->coef[first ..]; with svmRepresentation="Coefficients" it has no
** support vectors and n = n_fields coefficients, one per coordinate. */
typedef struct pm_svmachine {
  pm_lit target, alt;   /* MISSING when absent */
  int32_t k_target, k_alt; /* class indices, after resolve; -1 */
  double threshold;     /* NaN: the model's */
  double b;             /* Coefficients@absoluteValue */
  int32_t first, n;
  uint32_t line;
} pm_svmachine;

typedef struct pm_svm {
  uint8_t kernel;       /* PM_KERNEL_* */
  uint8_t method;       /* PM_SVM_ONE_AGAINST_*, explicit or inferred */
  uint8_t repr;         /* PM_SVM_SUPPORT_VECTORS or PM_SVM_COEFFICIENTS */
  uint8_t max_wins;     /* maxWins */
  double gamma, coef0, degree;
  double threshold;     /* SupportVectorMachineModel@threshold */
  pm_lit alt_binary;    /* alternateBinaryTargetCategory, MISSING if none */
  int32_t k_alt_binary;
  pm_vfield *fields;    /* VectorFields */
  int32_t n_fields;
  double *vectors;      /* [n_vectors * n_fields] VectorInstances, dense */
  int32_t *vec_ids;     /* [n_vectors] VectorInstance@id (strtab) */
  int32_t n_vectors;
  int32_t *used;        /* the vectors some machine reads, ascending */
  int32_t n_used;
  int32_t *sv;          /* support vectors of every machine (vector index) */
  double *coef;         /* their coefficients */
  pm_svmachine *machines;
  int32_t n_machines;
  size_t x_off;         /* scratch: x[n_fields], k[n_vectors], votes and
                           first-vote order [2 * n_classes] */
} pm_svm;

extern const pm_elem pmmlL_svm_elems[];
extern const pm_family pmmlL_svm_family;
int pmmlR_svm(pm_resolver *r, pm_model *m);
int pmmlE_svm(pmml_ctx *c, const pm_model *m, pm_result *res);
/* Output features: probabilities of one-against-all are missing. */
int pmmlE_svm_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                      const pm_result *res, pm_val *out);

/* ------------------------------------------------------------------------ */
/* NaiveBayesModel: load_naivebayes.c, eval_naivebayes.c                   */

/* TargetValueStat's distribution */
enum { PM_DIST_NONE = 0, PM_DIST_GAUSSIAN, PM_DIST_POISSON,
       PM_DIST_UNIFORM };

/* <TargetValueCount value= count=/> of PairCounts (pair >= 0) or of
** BayesOutput (pair -1), or <TargetValueStat value=> with its
** distribution (a = mean or lower, b = variance or upper). */
typedef struct pm_nbcount {
  pm_lit value;         /* the target category */
  int32_t pair;         /* PairCounts index in the input */
  uint8_t dist;         /* PM_DIST_*: a TargetValueStat */
  double count;         /* or a, b */
  double a, b;
} pm_nbcount;

/* <BayesInput fieldName=> [DerivedField] PairCounts* | TargetValueStats.
** Resolve turns the lists into per-class tables. */
typedef struct pm_nbinput {
  int32_t name;         /* fieldName (strtab) */
  int32_t slot;         /* after resolve */
  int32_t expr;         /* DerivedField expression, or -1 */
  uint8_t dtype;        /* DerivedField@dataType, PM_DT_ANY */
  uint8_t continuous;   /* TargetValueStats */
  uint32_t line;
  pm_lit *values;       /* PairCounts@value */
  int32_t n_values;
  pm_nbcount *items;    /* TargetValueCounts / TargetValueStats as read */
  int32_t n_items;
  double *counts;       /* [n_values * n_classes], NaN where none is given */
  double *sums;         /* [n_classes] the class's counts over the values */
  pm_nbcount *stats;    /* [n_classes] distribution per class (dist NONE) */
} pm_nbinput;

typedef struct pm_naivebayes {
  double threshold;     /* NaiveBayesModel@threshold */
  int32_t output;       /* BayesOutput@fieldName (strtab) */
  uint32_t out_line;
  pm_nbinput *inputs;
  int32_t n_inputs;
  pm_nbcount *priors;   /* BayesOutput TargetValueCounts as read */
  int32_t n_priors;
  double *prior;        /* [n_classes] counts, NaN for a class without one */
  size_t scratch_off;   /* scratch: log-likelihoods [n_classes] */
} pm_naivebayes;

extern const pm_elem pmmlL_naivebayes_elems[];
extern const pm_family pmmlL_naivebayes_family;
int pmmlR_naivebayes(pm_resolver *r, pm_model *m);
int pmmlE_naivebayes(pmml_ctx *c, const pm_model *m, pm_result *res);

/* ------------------------------------------------------------------------ */
/* ClusteringModel: load_clustering.c, eval_clustering.c                   */

/* The comparison measure and compared fields are shared with
** NearestNeighborModel (PMML 4.4 ClusteringModel: ComparisonMeasure). */

/* The metric element inside ComparisonMeasure. */
enum { PM_MS_EUCLIDEAN = 0, PM_MS_SQEUCLIDEAN, PM_MS_CHEBYCHEV,
       PM_MS_CITYBLOCK, PM_MS_MINKOWSKI, PM_MS_SIMPLEMATCHING, PM_MS_JACCARD,
       PM_MS_TANIMOTO, PM_MS_BINARY, PM_MS_NONE };
/* compareFunction (PM_CF_INHERIT: the field does not say) */
enum { PM_CF_ABSDIFF = 0, PM_CF_GAUSSSIM, PM_CF_DELTA, PM_CF_EQUAL,
       PM_CF_TABLE, PM_CF_INHERIT };

/* <ComparisonMeasure kind= compareFunction=> metric </ComparisonMeasure> */
typedef struct pm_measure {
  uint8_t similarity;  /* kind="similarity": larger is closer */
  uint8_t metric;      /* PM_MS_* */
  uint8_t cmp;         /* compareFunction= (PM_CF_*) */
  uint8_t absdiff;     /* every field compares by absDiff (resolve) */
  double p;            /* minkowski p-parameter */
  double c[4], d[4];   /* binarySimilarity c00 c01 c10 c11, d00 ... d11 */
  uint32_t line;
} pm_measure;

/* A compared field: <ClusteringField>, <KNNInput>, or a DerivedField of
** the CenterFields of old documents (then 'expr' is set, 'slot' is not). */
typedef struct pm_cfield {
  int32_t name;        /* field= (strtab), -1 for a nameless DerivedField */
  int32_t slot;        /* the field's slot, after resolve; -1 */
  int32_t expr;        /* CenterFields: the DerivedField's expression; -1 */
  uint8_t cmp;         /* PM_CF_*, the measure's once resolved */
  uint8_t center;      /* isCenterField */
  uint8_t sym;         /* values are strings, kept as strtab ids */
  double weight;       /* fieldWeight */
  double scale;        /* similarityScale, NaN when absent */
  double *table;       /* Comparisons: [n_table * n_table], row-major */
  int32_t n_table;
  const pm_domain *dom;/* table: the field's Values/Intervals, which index
                          the rows and columns of the matrix */
  const char *element; /* "ClusteringField", "KNNInput", "DerivedField" */
  uint32_t line;
} pm_cfield;

/* <Cluster id= name=><Array/></Cluster> */
typedef struct pm_cluster {
  int32_t id;          /* id=, else the implicit 1-based index (strtab) */
  int32_t name;        /* name= (strtab), -1 */
  pm_lit *center;      /* the Array as written, typed by resolve */
  int32_t n_center;
  uint32_t line;
} pm_cluster;

typedef struct pm_clustering {
  pm_measure meas;
  pm_cfield *fields;   /* ClusteringField, or CenterFields; after resolve
                          only the center fields, in center order */
  int32_t n_fields;
  double *mvw;         /* MissingValueWeights [n_fields], or NULL */
  int32_t n_mvw;
  pm_cluster *clusters;
  int32_t n_clusters;
  uint8_t distribution;/* modelClass="distributionBased" */
  double *centers;     /* [n_clusters * n_fields]: numbers, strtab ids of
                          string values, or table row indices */
  size_t scratch;      /* per record: the affinity of every cluster */
} pm_clustering;

extern const pm_family pmmlL_clustering_family;
extern const pm_elem pmmlL_clustering_elems[];
int pmmlR_clustering(pm_resolver *r, pm_model *m);
int pmmlE_clustering(pmml_ctx *c, const pm_model *m, pm_result *res);

/* Shared with load_knn.c/eval_knn.c. */
extern const pm_elem pmmlL_metric_elems[];  /* euclidean ... binarySimilarity */
/* <ComparisonMeasure> attributes into *ms; the frame keeps ms for the
** metric element inside. */
void pmmlL_measure_start(pm_loader *ld, const char **atts, pm_measure *ms);
/* The measure must name a metric (at the end of ComparisonMeasure). */
void pmmlL_measure_end(pm_loader *ld);
/* compareFunction= of a field: PM_CF_*, PM_CF_INHERIT when absent. */
uint8_t pmmlL_compare_fn(pm_loader *ld, const char **atts);
/* Resolve a compared field f of model m under measure ms: its slot (unless
** it is an expression), its compare function, the matrix's categories. */
int pmmlR_cfield(pm_resolver *r, pm_model *m, const pm_measure *ms,
                 pm_cfield *f);
/* A reference value (a center coordinate, a training value) of field f as
** it is stored: the number, the strtab id of a string, or the table row.
** 0, or -1 with the resolver failed. */
int pmmlR_cfield_ref(pm_resolver *r, const pm_cfield *f, pm_lit *l,
                     uint32_t line, double *out);
/* An input value of field f in the same encoding: 0, 1 when missing, or
** -1 after failing the record. */
int pmmlE_cfield_value(pmml_ctx *c, const pm_cfield *f, double *x);
/* Distance or similarity of the input x[0..n) to reference y[0..n), in
** the encoding above; a missing input is NaN and counts for nothing.
** 'adjust' is the missing-value adjustment (the sum of all the weights
** over the sum of those of the fields present). */
double pmmlE_measure(const pm_measure *ms, const pm_cfield *f, int32_t n,
                     const double *x, const double *y, double adjust);
/* Is affinity a closer than b under ms (NaN is never closer)? Larger is
** closer for kind="similarity" and for the binary similarity measures. */
static inline int
pmmlE_closer(const pm_measure *ms, double a, double b)
{
  if (a != a) /* NaN */
    return 0;
  if (b != b)
    return 1;
  if (ms->similarity || ms->metric >= PM_MS_SIMPLEMATCHING)
    return a > b;
  return a < b;
}
/* The row of a Comparisons matrix that value v stands for: its rank among
** the valid Values of domain d, else the Interval that holds it; -1. */
int32_t pmmlE_table_row(const pmml_model *doc, const pm_domain *d,
                        const pm_val *v);
/* Output features of a ClusteringModel: clusterId, entityId and affinity
** with rank=, clusterAffinity/entityAffinity with value=, the cluster's
** name as predictedDisplayValue (pm_family.feature). */
int pmmlE_clustering_feature(pmml_ctx *c, const pm_model *m,
                             const pm_ofield *of, const pm_result *res,
                             pm_val *out);

/* ------------------------------------------------------------------------ */
/* NearestNeighborModel: load_knn.c, eval_knn.c                            */

/* NearestNeighborModel@continuousScoringMethod, @categoricalScoringMethod */
enum { PM_KNN_AVERAGE = 0, PM_KNN_MEDIAN, PM_KNN_WEIGHTED_AVERAGE };
enum { PM_KNN_MAJORITY = 0, PM_KNN_WEIGHTED_MAJORITY };

/* <InstanceField field= column=/> */
typedef struct pm_ifield {
  int32_t field;       /* strtab */
  int32_t column;      /* strtab; the field's name when absent */
  uint32_t line;
} pm_ifield;

typedef struct pm_knn {
  pm_measure meas;
  pm_cfield *inputs;   /* KNNInputs */
  int32_t n_inputs;
  int32_t k;           /* numberOfNeighbors */
  uint8_t cont;        /* PM_KNN_AVERAGE ... */
  uint8_t cat;         /* PM_KNN_MAJORITY ... */
  double threshold;    /* weights are 1 / (distance + threshold) */
  int32_t id_var;      /* instanceIdVariable (strtab), -1 */
  pm_ifield *ifields;  /* InstanceFields */
  int32_t n_ifields;
  pm_table *table;     /* TrainingInstances' InlineTable */
  /* Decided by resolve: the training instances as flat arrays. */
  int32_t n_inst;
  double *x;           /* [n_inst * n_inputs], pmmlR_cfield_ref encoding */
  int32_t *klass;      /* classification: class of each instance */
  double *y;           /* regression: target of each instance */
  int32_t *ids;        /* entity id of each instance (strtab) */
  double *class_count; /* [n_classes] instances per class (vote ties) */
  int32_t keep;        /* neighbours kept per record: max(k, ranks asked) */
  size_t scratch;      /* per record: input values, the heap of the
                          nearest (affinity, index) pairs, medians */
} pm_knn;

extern const pm_family pmmlL_knn_family;
extern const pm_elem pmmlL_knn_elems[];
int pmmlR_knn(pm_resolver *r, pm_model *m);
int pmmlE_knn(pmml_ctx *c, const pm_model *m, pm_result *res);
/* Output features: entityId and affinity with rank= (the k-th nearest
** instance), affinity and entityAffinity with value= (an instance id). */
int pmmlE_knn_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                      const pm_result *res, pm_val *out);

/* ------------------------------------------------------------------------ */
/* Scorecard: load_scorecard.c, eval_scorecard.c                           */

/* Scorecard@reasonCodeAlgorithm, @baselineMethod */
enum { PM_RC_POINTS_ABOVE = 0, PM_RC_POINTS_BELOW };
enum { PM_BL_MAX = 0, PM_BL_MIN, PM_BL_MEAN, PM_BL_NEUTRAL, PM_BL_OTHER };

/* <Attribute partialScore= reasonCode=> predicate ComplexPartialScore? */
typedef struct pm_scattr {
  int32_t pred;        /* doc->preds */
  int32_t expr;        /* ComplexPartialScore's expression, -1 */
  double partial;      /* partialScore, NaN when absent */
  int32_t reason;      /* reasonCode= (strtab), -1: the characteristic's */
  int32_t rc;          /* index of the reason code in pm_scorecard.codes,
                          after resolve; -1 */
  uint32_t line;
} pm_scattr;

/* <Characteristic name= reasonCode= baselineScore=> Attribute+ */
typedef struct pm_scchar {
  int32_t name;        /* strtab, -1 */
  int32_t reason;      /* strtab, -1 */
  double baseline;     /* baselineScore (or the model's), NaN */
  int32_t first, n;    /* its attributes: attrs[first .. first+n) */
  uint32_t line;
} pm_scchar;

typedef struct pm_scorecard {
  pm_scchar *chars;
  int32_t n_chars;
  pm_scattr *attrs;
  int32_t n_attrs;
  double initial;      /* initialScore */
  double baseline;     /* baselineScore of the model, NaN */
  uint8_t use_rc;      /* useReasonCodes */
  uint8_t algorithm;   /* PM_RC_* */
  uint8_t method;      /* PM_BL_* */
  uint8_t want_rc;     /* an output asks for reason codes (resolve) */
  int32_t *codes;      /* distinct reason codes (strtab), resolve */
  int32_t n_codes;
  size_t scratch;      /* per record: points, first use, ranking */
} pm_scorecard;

extern const pm_family pmmlL_scorecard_family;
extern const pm_elem pmmlL_scorecard_elems[];
int pmmlR_scorecard(pm_resolver *r, pm_model *m);
int pmmlE_scorecard(pmml_ctx *c, const pm_model *m, pm_result *res);
/* Output feature reasonCode with rank= (pm_family.feature). */
int pmmlE_scorecard_feature(pmml_ctx *c, const pm_model *m,
                            const pm_ofield *of, const pm_result *res,
                            pm_val *out);

/* ------------------------------------------------------------------------ */
/* RuleSetModel: load_ruleset.c, eval_ruleset.c                            */

/* RuleSelectionMethod@criterion */
enum { PM_RS_WEIGHTED_SUM = 0, PM_RS_WEIGHTED_MAX, PM_RS_FIRST_HIT };

/* <SimpleRule id= score= recordCount= nbCorrect= confidence= weight=> or
** <CompoundRule>, in document order (pre-order): the rules inside the
** CompoundRule at index i are rules[i+1 .. end), so a rule whose predicate
** fails is skipped with i = end, without recursion. */
typedef struct pm_rule {
  int32_t pred;        /* its predicate (doc->preds) */
  int32_t end;         /* index past the rule and all the rules inside it */
  uint8_t compound;    /* a CompoundRule (it has no score) */
  int32_t id;          /* SimpleRule@id, else its 1-based position among
                          the SimpleRules, as text (strtab) */
  int32_t klass;       /* the class of its score (classification), -1 */
  pm_lit score;
  double confidence;   /* default 1 */
  double weight;       /* default 1 */
  double count;        /* recordCount, NaN if absent */
  double correct;      /* nbCorrect, NaN if absent */
  int32_t dist, n_dist; /* ScoreDistributions: ruleset->dists[dist ..) */
  uint32_t line;
} pm_rule;

/* <RuleSet recordCount= nbCorrect= defaultScore= defaultConfidence=> */
typedef struct pm_ruleset {
  pm_rule *rules;
  int32_t n_rules;
  pm_scoredist *dists;
  int32_t n_dists;
  uint8_t criterion;   /* PM_RS_*: the first RuleSelectionMethod */
  uint8_t walk_all;    /* firstHit: go on after the first hit (an output
                          asks for the confidence of another class) */
  pm_lit deflt;        /* defaultScore, MISSING if absent */
  double deflt_conf;   /* defaultConfidence, NaN if absent */
  int32_t deflt_class; /* the class of defaultScore, -1 */
  double *prob;        /* [n_rules * n_classes]: each SimpleRule's
                          ScoreDistribution as probabilities (resolve) */
  size_t scratch;      /* per-record scratch: 2 * n_classes doubles */
} pm_ruleset;

extern const pm_family pmmlL_ruleset_family;
extern const pm_elem pmmlL_ruleset_elems[];
int pmmlR_ruleset(pm_resolver *r, pm_model *m);
int pmmlE_ruleset(pmml_ctx *c, const pm_model *m, pm_result *res);
int pmmlE_ruleset_feature(pmml_ctx *c, const pm_model *m,
                          const pm_ofield *of, const pm_result *res,
                          pm_val *out);

/* ------------------------------------------------------------------------ */
/* AnomalyDetectionModel: load_anomaly.c, eval_anomaly.c                   */

/* AnomalyDetectionModel@algorithmType */
enum { PM_AD_IFOREST = 0, PM_AD_OCSVM, PM_AD_CLUSTER_MEAN_DIST, PM_AD_OTHER };

/* <AnomalyDetectionModel algorithmType= sampleDataSize=> ... a model ...
**   <MeanClusterDistances><Array/></MeanClusterDistances> */
typedef struct pm_anomaly {
  uint8_t algorithm;   /* PM_AD_* */
  double sample_size;  /* sampleDataSize, NaN if absent */
  double cn;           /* iforest: c(sampleDataSize), the average path
                          length of an unsuccessful search */
  int32_t inner;       /* the model inside (doc->models index) */
  double *mean_dist;   /* MeanClusterDistances, one per cluster */
  int32_t n_mean_dist;
} pm_anomaly;

extern const pm_family pmmlL_anomaly_family;
extern const pm_elem pmmlL_anomaly_elems[];
int pmmlR_anomaly(pm_resolver *r, pm_model *m);
int pmmlE_anomaly(pmml_ctx *c, const pm_model *m, pm_result *res);
/* c(n): the average path length of an unsuccessful search in a binary
** search tree of n points (Liu et al. 2008), 0 for n < 2. */
double pmmlE_iforest_c(double n);

/* ------------------------------------------------------------------------ */
/* AssociationModel: load_association.c, eval_association.c                */

/* <Item id= value= field= category=/> */
typedef struct pm_item {
  int32_t id;          /* strtab */
  int32_t text;        /* value= as written (strtab): what outputs show */
  pm_lit key;          /* what an input must equal: category=, else value=
                          (typed as the item field, after resolve) */
  int32_t field;       /* field= (strtab), -1 */
  int32_t split_field; /* value="f=v" without field=: f (strtab), -1 */
  pm_lit split_key;    /* ... and v */
  int32_t slot;        /* row style: the field tested, after resolve */
  uint8_t boolean;     /* row style: present when the field is true */
  uint32_t line;
} pm_item;

/* <Itemset id=><ItemRef itemRef=/>...</Itemset> */
typedef struct pm_itemset {
  int32_t id;          /* strtab */
  int32_t first, n;    /* its items: assoc->refs[first .. first+n) */
  int32_t text;        /* "{a,b}" (strtab): antecedent/consequent output */
  uint32_t line;
} pm_itemset;

/* <AssociationRule antecedent= consequent= support= confidence= lift=
**   leverage= affinity= id=/> */
typedef struct pm_arule {
  int32_t ante, cons;  /* itemset indices (ids until the model ends) */
  int32_t id;          /* id=, else its 1-based position, as text */
  int32_t text;        /* "{a,b}->{c}" (strtab): the rule output */
  double v[5];         /* PM_RB_*: confidence, support, lift, leverage,
                          affinity; NaN when absent */
  uint32_t line;
} pm_arule;

/* OutputField@rankBasis, in the order of pm_arule.v */
enum { PM_RB_CONFIDENCE = 0, PM_RB_SUPPORT, PM_RB_LIFT, PM_RB_LEVERAGE,
       PM_RB_AFFINITY };

typedef struct pm_association {
  pm_item *items;
  int32_t n_items;
  int32_t *refs;       /* item indices of every Itemset, one after another */
  int32_t n_refs;
  pm_itemset *sets;
  int32_t n_sets;
  pm_arule *rules;
  int32_t n_rules;
  /* Decided by resolve. */
  uint8_t grouped;     /* transactional: a usageType="group" field; the
                          items are values of the one active field */
  int32_t group_df;    /* DataField of the group field, -1 */
  int32_t item_df;     /* DataField of the item field (grouped), -1 */
  int32_t item_slot;   /* the item field's slot (grouped) */
  uint8_t item_dt;     /* its data type */
  uint8_t numeric;     /* items compare as numbers (else as strings) */
  int32_t *by_key;     /* item indices sorted by key: finding an input */
  size_t words;        /* uint64 words of a set of items */
  size_t items_off;    /* grouped: the transaction in ctx->items */
  size_t scratch;      /* doubles: the record's item set (words), then a
                          byte per itemset (is it in the record?) */
  int32_t *order[5][2]; /* rules sorted by [rankBasis][rankOrder] (those
                          outputs use), stable: document order in ties */
} pm_association;

extern const pm_family pmmlL_association_family;
extern const pm_elem pmmlL_association_elems[];
int pmmlR_association(pm_resolver *r, pm_model *m);
int pmmlE_association(pmml_ctx *c, const pm_model *m, pm_result *res);
int pmmlE_association_feature(pmml_ctx *c, const pm_model *m,
                              const pm_ofield *of, const pm_result *res,
                              pm_val *out);
/* The rule feature (PM_FEAT_*) output field 'of' asks for, ruleValue's
** ruleFeature= included, or -1 when it is none of a rule's. */
int pmmlE_assoc_rule_feature(const pm_ofield *of);

/* ------------------------------------------------------------------------ */
/* ModelVerification: load_verify.c, eval_verify.c                          */

/* What a VerificationField stands for, decided at resolve. */
enum { PM_VF_INPUT = 0, PM_VF_TARGET, PM_VF_OUTPUT, PM_VF_IGNORED };

/* <VerificationField field= column= precision= zeroThreshold=/> */
typedef struct pm_verifyfield {
  int32_t name;        /* field= (strtab) */
  int32_t column;      /* column= (strtab), the field's name when absent */
  double precision;    /* default 1E-6 */
  double zero;         /* zeroThreshold, default 1E-16 */
  uint32_t line;
  int32_t col;         /* its column in the table, after resolve */
  uint8_t role;        /* PM_VF_*, after resolve */
  int32_t index;       /* INPUT: input index; OUTPUT: index in top->of */
} pm_verifyfield;

/* <ModelVerification recordCount= fieldCount=> VerificationFields
** InlineTable: the cells kept as text, compactly (only checking reads
** them). */
typedef struct pm_verify {
  pm_verifyfield *fields;
  int32_t n_fields;
  int32_t *cols;       /* column names as written ("data:x"), strtab ids */
  int32_t n_cols;
  int32_t n_rows;
  uint32_t *row_line;  /* [n_rows] line of each <row> */
  uint32_t *cell;      /* [n_rows * n_cols] offset into text, or
                          PM_VCELL_NONE for an absent cell */
  char *text;          /* the cells' texts, NUL-terminated */
  uint32_t line;
} pm_verify;

#define PM_VCELL_NONE 0xffffffffu

extern const pm_elem pmmlL_verify_elem[]; /* the ModelVerification row */
/* Bind the VerificationFields to inputs and outputs (after the inputs and
** outputs are known). 0 or -1 (resolver failed). */
int pmmlR_verify(pm_resolver *r);

/* Who scores the records for pmmlE_verify: the interpreter
** (pmml_model_verify), or another scorer of the same document, such as its
** generated C (`pmmlc verify --compiled`). */
typedef struct pm_verify_scorer {
  /* Score record 'row' (0-based) from its input cells: PMML_OK, or the
  ** status with *msg saying why it has no result. */
  pmml_status (*record)(void *ud, int32_t row, const char **msg);
  /* The result that VerificationField vf (a target or an output) checks,
  ** of the record just scored, into *out (strings valid until the next
  ** call): PMML_OK, or the status with *msg when it has none. */
  pmml_status (*value)(void *ud, const pm_verifyfield *vf, pm_val *out,
                       const char **msg);
  void *ud;
} pm_verify_scorer;

/* pmml_model_verify() with the results of scorer 'sc' (eval_verify.c). */
pmml_status pmmlE_verify(const pmml_model *m, const pm_verify_scorer *sc,
                         pmml_verify_fn fn, void *ud,
                         pmml_verify_report *report, pmml_error *err);

/* ------------------------------------------------------------------------ */
/* Suggestions for misspelt names: suggest.c                                */

/* The closest of the candidates fed to it ("did you mean"). */
typedef struct pm_suggest {
  const char *name;    /* the unknown name */
  size_t len;
  const char *best;    /* the best candidate so far, or NULL */
  size_t best_len;
  int best_d;          /* its distance */
} pm_suggest;

/* Edit distance (insertions, deletions, substitutions and swaps of two
** neighbours; letters compared without case) of a and b, or max + 1 when
** it is larger than max. */
int pmmlS_distance(const char *a, size_t an, const char *b, size_t bn,
                   int max);
void pmmlS_suggest_init(pm_suggest *s, const char *name, size_t len);
void pmmlS_suggest_add(pm_suggest *s, const char *cand, size_t len);
/* " (did you mean 'x'?)" in buf when a candidate is close enough, else
** ""; returns buf. */
const char *pmmlS_suggest_text(const pm_suggest *s, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Resolving names: resolve.c                                               */

/*
** A scope maps names to slots while resolving a model: its local derived
** fields, its mining fields, its output fields, then its parent's scope.
*/
typedef struct pm_scope pm_scope;

/* The slot of 'name' seen from the scope of model m, or -1 after failing
** with "unknown field" at 'line'. */
int32_t pmmlR_field(pm_resolver *r, const pm_model *m, int32_t name,
                    uint32_t line);
/* The same, or -1 without failing. */
int32_t pmmlR_field_try(pm_resolver *r, const pm_model *m, int32_t name);
/* Data type / optype of a slot. */
uint8_t pmmlR_slot_dtype(const pm_resolver *r, int32_t slot);
/* Resolve expression e in model m's scope (fields, functions, types). */
int pmmlR_expr(pm_resolver *r, const pm_model *m, int32_t e);
/* Type a literal for comparison with values of data type dt. */
int pmmlR_lit(pm_resolver *r, pm_lit *l, uint8_t dt, uint32_t line);
/* Resolve predicate p (doc->preds index) and those inside it. */
int pmmlR_pred(pm_resolver *r, const pm_model *m, int32_t p);
/* The class index of a literal among the model's classes, or -1. */
int32_t pmmlR_class(const pm_model *m, const pm_lit *l);
/* Add a class (first appearance order) unless present; returns index. */
int32_t pmmlR_add_class(pm_resolver *r, pm_model *m, const pm_lit *l);
void pmmlR_fail(pm_resolver *r, pmml_status code, uint32_t line,
                const char *fmt, ...) PM_PRINTF(4, 5);
pm_arena *pmmlR_arena(pm_resolver *r);
pmml_model *pmmlR_doc(pm_resolver *r);
int pmmlR_failed(const pm_resolver *r);
/* Reserve doubles of per-record scratch; returns the offset. */
size_t pmmlR_scratch(pm_resolver *r, size_t n);
/* The input slot whose valid values reach 'slot' unchanged (through
** MiningFields without outlier treatment), or -1. A reader may take such a
** value from the input directly and skip the slot, when it is a valid,
** non-missing value (pmmlE_direct). */
int32_t pmmlR_direct(const pm_resolver *r, int32_t slot);
/* Resolve a model (a segment: inside 'parent's scope). */
int pmmlR_model(pm_resolver *r, pm_model *m, pm_model *parent);
/* Make the Output fields of segment 'child' visible to 'parent' and to the
** segments resolved after it (modelChain). */
int pmmlR_expose_outputs(pm_resolver *r, const pm_model *parent,
                         const pm_model *child);
/* Element i of the argument lists (doc->args once loading is over). */
int32_t pmmlR_arg(const pm_resolver *r, int32_t i);
/* Expression e (doc->exprs once loading is over). */
const pm_expr *pmmlR_expr_at(const pm_resolver *r, int32_t e);
/* The data type of expression e after it was resolved. */
uint8_t pmmlR_expr_dtype(const pm_resolver *r, int32_t e);
/* Entry point after loading. */
int pmmlR_document(pm_loader *ld);
/* A resolver outside any load (for unit tests of resolve-time helpers),
** and the message of its failure. */
pm_resolver *pmmlR_detached(pmml_model *doc);
const char *pmmlR_message(const pm_resolver *r);
/* Can a model of this family (PM_FAM_*) and function (PM_FN_*) produce
** output feature f (PM_FEAT_*)? */
int pmmlR_feature_supported(int family, int function, int f);
/* The index of the DataField called 'name' in doc->df, or -1. */
int32_t pmmlR_datafield_index(const pmml_model *doc, int32_t name);
/* The PMML names of the PM_FEAT_* values, then NULL (the table that
** OutputField@feature and ResultField@feature are read with). */
extern const char *const pmmlR_feature_names[PM_FEAT_COUNT + 1];

/* ------------------------------------------------------------------------ */
/* Values: value.c                                                          */

/* Convert text to a value of data type dt. Returns 0 and fills *v, or -1
** when the text is not a value of that type. Strings are not interned:
** v->sym is looked up in 't' when t is not NULL. */
int pmmlV_from_text(const pm_strtab *t, uint8_t dt, const char *s,
                    size_t len, pm_val *v);
/* Convert a value to data type dt (the cast rules of PMML: numbers to
** strings, strings parsed, float rounding, integer truncation...). Returns
** 0, or -1 when it cannot be converted (the result is then MISSING). The
** context provides string scratch (NULL: strings must not be produced). */
int pmmlV_cast(pmml_ctx *c, const pm_val *in, uint8_t dt, pm_val *out);
/* Equality and order of two values (numbers numerically, strings by bytes).
** -2 when they are not comparable. */
int pmmlV_compare(const pm_val *a, const pm_val *b);
int pmmlV_equal(const pm_val *a, const pm_val *b);
/* Is the data type numeric (numbers, dates, times)? */
int pmmlV_numeric_dt(uint8_t dt);
/* Parse a data type / optype name; -1 if unknown. */
int pmmlV_dtype(const char *s);
int pmmlV_optype(const char *s);
/* Date arithmetic (proleptic Gregorian). */
int64_t pmmlV_days_from_civil(int64_t y, int m, int d);
void pmmlV_civil_from_days(int64_t z, int64_t *y, int *m, int *d);
/* The epoch year of dateDaysSince[Y]/dateTimeSecondsSince[Y] types, or
** -1 for other types. */
int pmmlV_epoch_year(uint8_t dt);
/* Format a value like pmml_value_format. */
size_t pmmlV_format(const pm_val *v, char *buf, size_t size);
/* Escape control bytes of a message in place (one printable line). */
void pmmlV_clean_message(char *msg, size_t size);
/* v in decimal, at least 'width' digits padded with 'pad', no NUL: the
** length (dates, times, formatDatetime). */
size_t pmmlV_put_int(char *out, int64_t v, int width, char pad);

static inline pm_val
pmmlV_missing(void)
{
  pm_val v = {PM_T_MISSING, PM_DT_ANY, 0, 0, -1, 0, {0}};
  return v;
}

static inline pm_val
pmmlV_num(double x, uint8_t dt)
{
  pm_val v = {PM_T_NUM, dt, 0, 0, -1, 0, {0}};
  v.u.num = x;
  return v;
}

static inline pm_val
pmmlV_bool(int b)
{
  pm_val v = {PM_T_BOOL, PMML_DT_BOOLEAN, 0, 0, -1, 0, {0}};
  v.u.num = b ? 1.0 : 0.0;
  return v;
}

static inline pm_val
pmmlV_str(const char *s, size_t len, int32_t sym)
{
  pm_val v = {PM_T_STR, PMML_DT_STRING, 0, 0, sym, (uint32_t)len, {0}};
  v.u.str = s;
  return v;
}

/* A literal as a value. */
pm_val pmmlV_lit(const pmml_model *doc, const pm_lit *l);

/* ------------------------------------------------------------------------ */
/* Scoring: eval.c, eval_expr.c, eval_pred.c, builtins.c, eval_<family>.c    */

struct pmml_ctx {
  const pmml_model *m;
  uint32_t gen;          /* record generation: slot i is fresh when
                            stamp[i] >= gen (== gen, or PM_FRESH for
                            inputs) */
  pm_val *vals;          /* [n_slots] */
  uint32_t *stamp;       /* [n_slots] */
  uint8_t *busy;         /* [n_slots] being computed (cycle guard) */
  pm_result *res;        /* [n_models] */
  uint32_t *res_gen;     /* [n_models]: res[i] is this record's when
                            res_gen[i] == gen */
  double *scratch;       /* [n_scratch] */
  pm_val *frame;         /* parameters of DefineFunction calls */
  size_t frame_top, frame_cap;
  size_t frame_base;     /* parameters of the innermost call */
  int call_depth;
  void *regex;           /* regex.c's match state, or NULL */
  char *sbuf;            /* string scratch, reset per record */
  size_t sused, scap;
  char *itext;           /* [n_inputs * 32]: numbers given to text inputs */
  size_t size;           /* bytes of the context's block */
  int scored;            /* the outputs hold a scored record */
  int failed;            /* sticky per record */
  pmml_status status;
  char msg[512];
  uint64_t *items;       /* [n_item_words]: items added to the record
                            (collection-valued inputs) */
  /* The fast path (fastpath.c). */
  const struct pm_fast *fast; /* doc->fast, or NULL: the general path only
                            (pmmlE_ctx_general) */
  int fast_scored;       /* the fast path scored the record: its outputs
                            are pmmlE_fast_output()'s */
  const pm_val *fast_row; /* a tree's: the leaf's prepared outputs */
  pm_val fast_value;     /* a regression's: the predicted value */
  /* Inputs: what pmml_ctx_set_number() reads, without going to the model. */
  size_t n_in;           /* doc->n_inputs */
  pm_val **in_cell;      /* [n_in] the cell of input i */
  uint8_t *in_kind;      /* [n_in] PM_IN_*: how pmml_ctx_set_number()
                            stores a double */
  int in_all_lazy;       /* every in_kind is PM_IN_LAZY */
  double in_num[];       /* [n_in + 1] input i when it holds a valid
                            number, else NaN (eval.c, note_input): the
                            fast path reads its numbers here; in_num[n_in]
                            is always 0. Last: the context's block goes on
                            with them (a fixed distance from the context
                            for pmml_ctx_set_number) */
};

/* pmml_ctx.in_kind: a double for input i is stored by the general code
** (other fields), into its cell at once (a double field without a domain,
** in a model without a fast plan: then nothing reads ctx->in_num), or only
** into ctx->in_num when the model has a fast plan (its cell is made before
** the general path reads it: eval.c, make_cells). */
enum { PM_IN_OTHER = 0, PM_IN_CELL, PM_IN_LAZY };

/* Fail the record: the first error wins. Returns -1. */
int pmmlE_fail(pmml_ctx *c, pmml_status code, const char *fmt, ...)
    PM_PRINTF(3, 4);
/* Bytes of string scratch valid for this record, or NULL after failing. */
char *pmmlE_strbuf(pmml_ctx *c, size_t n);
/* The value of a slot for this record (computing it on first use). */
const pm_val *pmmlE_slot_compute(pmml_ctx *c, int32_t slot);
/* The stamp of input slots: always fresh (their cells hold what the
** pmml_ctx_set_* calls stored); no generation reaches it. */
#define PM_FRESH UINT32_MAX
static inline const pm_val *
pmmlE_slot(pmml_ctx *c, int32_t slot)
{
  if (PM_LIKELY(c->stamp[slot] >= c->gen))
    return &c->vals[slot];
  return pmmlE_slot_compute(c, slot);
}
/* The value of 'slot' for this record, read from its input when 'direct'
** (pmmlR_direct) holds a valid non-missing value: the MiningFields between
** would pass it unchanged. Inputs are always fresh while scoring. */
static inline const pm_val *
pmmlE_direct(pmml_ctx *c, int32_t slot, int32_t direct)
{
  if (direct >= 0) {
    const pm_val *v = &c->vals[direct];
    if (PM_LIKELY(v->t != PM_T_MISSING && !v->invalid))
      return v;
  }
  return pmmlE_slot(c, slot);
}
/* Evaluate expression e. 0 or -1 (context failed). */
int pmmlE_expr(pmml_ctx *c, int32_t e, pm_val *out);
/* Evaluate predicate p: PM_TRUE, PM_FALSE or PM_UNKNOWN (or -1 when the
** record failed). */
int pmmlE_pred(pmml_ctx *c, int32_t p);
/* Comparison op (PM_OP_EQ..PM_OP_GE) of a non-missing value with a
** literal's value, the way SimplePredicate takes it when they are not two
** numbers: PM_TRUE, PM_FALSE, or PM_UNKNOWN when they do not compare. */
int pmmlE_compare_values(int op, const pm_val *v, const pm_val *lv);
/* Score model m (and its outputs) into the context's result for it. */
int pmmlE_model(pmml_ctx *c, const pm_model *m);
/* The value of output field 'of' computed from model m's result of this
** record (m scored already; 'of' need not be one of m's own fields). */
int pmmlE_output(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                 pm_val *out);
/* Apply the model's Targets to a regression value. */
double pmmlE_target_value(const pm_model *m, double v);
/* The Target element for the model's target field, or NULL. */
const pm_target *pmmlE_model_target(const pm_model *m);
/* The value of a class as the predicted value of model m. */
pm_val pmmlE_class_value(const pmml_model *doc, const pm_model *m,
                         int32_t k);
/* The index of the largest probability (first wins ties), -1 if none. */
int32_t pmmlE_argmax(const double *p, int32_t n);
/* Is x inside the Interval (its closure says which margins belong to it)?
** PMML 4.4 Interval: Discretize bins, DataField validity, the Comparisons
** rows of ClusteringModel. */
static inline int
pmmlE_in_interval(const pm_interval *iv, double x)
{
  int lo = iv->closure == PM_CL_CLOSED_OPEN ||
                   iv->closure == PM_CL_CLOSED_CLOSED
               ? x >= iv->left
               : x > iv->left;
  int hi = iv->closure == PM_CL_OPEN_CLOSED ||
                   iv->closure == PM_CL_CLOSED_CLOSED
               ? x <= iv->right
               : x < iv->right;
  return lo && hi;
}

/* ------------------------------------------------------------------------ */
/* Fast paths: fastpath.c                                                   */

/*
** A node of a fast tree walk, 16 bytes. A pair reads the number x at byte
** 'off' of the context's input numbers (ctx->in_num) and goes to node
** first/2 when x <= v, first/2 + 1 when x > v (the children are placed so).
** A leaf, or any other node, loops on itself: v is +infinity (no number is
** above it), 'first' twice its own index and 'off' the context's constant 0
** (ctx->in_num[n_in]): a walk ends where a step stays; the node's row
** (pm_fast.leaf_out) tells the rest.
*/
typedef struct pm_fastnode {
  double v;
  int32_t off;
  int32_t first;       /* 2 * the index of the first child: the address
                          of a node is one scaled index away */
} pm_fastnode;

enum { PM_FAST_TREE = 1, PM_FAST_REGRESSION };
/* pm_fast.out_kind: what a fast regression writes to each output. */
enum { PM_FO_VALUE = 0, PM_FO_PROB };

typedef struct pm_fast pm_fast;
struct pm_fast {
  uint8_t kind;        /* PM_FAST_* */
  /* Score the record of c: 0, or 1 when the general path must. */
  int (*score)(pmml_ctx *c, const pm_fast *f);
  const pm_model *m;   /* the top model */
  int32_t n_outs;
  int32_t *checks;     /* inputs that must hold valid numbers (the
                          returnInvalid checks the scoring does not read
                          anyway) */
  int32_t n_checks;
  /* PM_FAST_TREE */
  pm_fastnode *nodes;  /* [n_nodes], nodes[0] the root, in an order of
                          their own */
  const pm_val **leaf_out; /* [n_nodes] a leaf's row of outputs; NULL for
                          other nodes and leaves left to the general path */
  pm_val *rows;        /* [rows * n_outs] the outputs of each leaf */
  /* PM_FAST_REGRESSION */
  int32_t **tab_in;    /* [n_tables][n_nums] the input of each
                          NumericPredictor */
  int32_t *tab_first;  /* [n_tables] the first of them when they are
                          first, first + 1, ... in order, else -1 */
  uint8_t *out_kind;   /* [n_outs] PM_FO_* */
  int32_t *out_class;  /* [n_outs] PM_FO_PROB: the class */
  uint8_t logit2;      /* two classes, the first table's value through the
                          logistic function (pmmlE_regression_logit2) */
};

/* Decide doc->fast once the document is resolved (never fails: without
** memory there is no fast path). */
void pmmlE_fast_plan(pmml_model *doc);
/* Score the record of c the fast way (c->fast not NULL): 0 (then
** c->fast_scored is set), or 1 when the general path must (a value the plan
** does not take). */
static inline int
pmmlE_fast_score(pmml_ctx *c)
{
  return c->fast->score(c, c->fast);
}
/* The state of a record the fast path has just scored (row: a tree's
** prepared leaf outputs, else NULL). */
static inline void
pmmlE_fast_scored(pmml_ctx *c, const pm_val *row)
{
  c->fast_row = row;
  c->fast_scored = 1;
  c->scored = 1;
  c->failed = 0;
}
/* Output i of a record the fast path scored. */
const pm_val *pmmlE_fast_output(const pmml_ctx *c, size_t i, pm_val *tmp);
/* Output i of a record the fast path scored, as pmml_score_batch() gives
** it: the number, NaN for anything else. */
double pmmlE_fast_number(const pmml_ctx *c, size_t i);
/* Score every record of c through the general path (on != 0), or let the
** fast path take what it can (ModelVerification; tests). */
void pmmlE_ctx_general(pmml_ctx *c, int on);
/* eval_regression.c: the fast path of a RegressionModel whose tables are
** all plain: the predicted value, and the class probabilities in prob
** (classification), from the input numbers (ctx->in_num) of each table's
** inputs (f->tab_in); 1 when one is not a valid number. */
int pmmlE_regression_fast(const pmml_ctx *c, const pm_fast *f,
                          pm_val *value, double *prob);
/* Does classification model m give the first class of two the logistic
** function of the first table's value, the second the rest? */
int pmmlE_regression_logit2(const pm_model *m);
/* pm_fast.score of such a model when the plan has no checks of its own:
** pmmlE_regression_fast() and the record's state in one call. */
int pmmlE_regression_logit2_score(pmml_ctx *c, const pm_fast *f);

/* ------------------------------------------------------------------------ */
/* Builtin functions: builtins.c. The ids come from builtins.def. */
enum {
#define PM_BUILTIN(id, name, lo, hi) PM_BI_##id,
#include "builtins.def"
#undef PM_BUILTIN
  PM_BI_COUNT
};

typedef struct pm_builtin_info {
  const char *name;
  int8_t lo, hi;     /* argument count range; hi -1 = unbounded */
} pm_builtin_info;

extern const pm_builtin_info pmmlE_builtins[PM_BI_COUNT];
/* The builtin called 'name' (also the x- names of real exporters), -1. */
int pmmlE_builtin_find(const char *name, size_t len);
/* Apply builtin 'id' to n evaluated arguments. Missing arguments were not
** filtered: each function decides (most return missing). 0 or -1. */
int pmmlE_builtin(pmml_ctx *c, int id, const pm_val *args, int n,
                  pm_val *out);
/* The same for Apply expression e (fn = builtin id): matches and replace
** use the pattern pmmlR_builtin stored in e->ext. */
int pmmlE_apply_builtin(pmml_ctx *c, const pm_expr *e, const pm_val *args,
                        int n, pm_val *out);
/* Resolve-time preparation of a builtin Apply whose arguments are resolved:
** compiles a Constant pattern of matches/replace into e->ext and sets
** doc->uses_regex. 0, or -1 with the resolver failed. */
int pmmlR_builtin(pm_resolver *r, pm_expr *e);
/* The result data type of builtin id for arguments of types dts[0..n). */
uint8_t pmmlE_builtin_dtype(int id, const uint8_t *dts, int n);
/* Simple case mapping of a code point (ASCII, Latin-1, Latin Extended-A,
** Greek, Cyrillic, Armenian; UTF-8 length preserved). */
uint32_t pmmlE_lower_cp(uint32_t u);
uint32_t pmmlE_upper_cp(uint32_t u);
/* Decode the UTF-8 character at s[i] (i < len) into *u; the next index. A
** bad byte decodes to 0x80000000 | byte and advances by one. */
size_t pmmlE_utf8_next(const char *s, size_t len, size_t i, uint32_t *u);

/* ------------------------------------------------------------------------ */
/* Regular expressions (PCRE2): regex.c                                     */

/* A compiled pattern, owned by the model's arena (freed with it). */
typedef struct pm_regex pm_regex;
/* Compile 'pat' (PMML/Perl syntax; a leading "(?u)" of Python exports is
** accepted). NULL with a message in msg[0..msz) on a bad pattern. */
pm_regex *pmmlR_regex(pm_arena *a, const char *pat, size_t len, int caseless,
                      char *msg, size_t msz);
/* Per-context match state: made by pmml_ctx_new() when the model has
** regular expressions (doc->uses_regex), so matching never allocates. */
void *pmmlE_regex_state_new(const pmml_model *doc);
void pmmlE_regex_state_free(void *st);
/* Find the first match of 'rx' in s[off..len): 1 and [*mb, *me) when found,
** 0 when not, -1 on a matching error (context failed). */
int pmmlE_regex_find(pmml_ctx *c, const pm_regex *rx, const char *s,
                     size_t len, size_t off, size_t *mb, size_t *me);
/* Flags of pmmlR_regex_ex. */
#define PM_RX_CASELESS 1u /* ignore case (Unicode simple folding) */
#define PM_RX_LITERAL 2u  /* the pattern is plain text */
#define PM_RX_UNICODE 4u  /* \w \d \s \b and POSIX classes are Unicode */
pm_regex *pmmlR_regex_ex(pm_arena *a, const char *pat, size_t len,
                         unsigned flags, char *msg, size_t msz);
/* The message of pmmlR_regex(_ex) when memory ran out (not a bad pattern:
** PMML_E_NOMEM). */
#define PM_RX_NOMEM "out of memory"
/* The number of capturing groups of rx. */
int pmmlR_regex_groups(const pm_regex *rx);
/* After a successful pmmlE_regex_find: 1 and the span of group k, 0 when
** the group did not take part. */
int pmmlE_regex_group(const pmml_ctx *c, int k, size_t *b, size_t *e);
/* Replace every match of rx in s[0..len) by repl ($n, ${n}, $$, \x; as is
** with 'literal'), Java's replaceAll matching. Writes dst[0..cap) when dst
** is not NULL; *outlen gets the full length. 0 or -1 (record failed). */
int pmmlE_regex_replace(pmml_ctx *c, const pm_regex *rx, const char *s,
                        size_t len, const char *repl, size_t rlen,
                        int literal, char *dst, size_t cap, size_t *outlen);
/* Fallback for a pattern known only while scoring: compiles now
** (allocates through the model's hook). NULL after failing the record. */
pm_regex *pmmlE_regex_temp(pmml_ctx *c, const char *pat, size_t len,
                           unsigned flags);
void pmmlE_regex_temp_free(pmml_ctx *c, pm_regex *rx);
/* eval_text.c's per-context cache inside the match state, or NULL. */
void *pmmlE_regex_text_cache(pmml_ctx *c);

/* ------------------------------------------------------------------------ */
/* TextIndex: eval_text.c                                                   */

/* Prepare a TextIndex after its fields are resolved: compile its regular
** expressions and normalization tables. 0 or -1 (resolver failed). */
int pmmlR_textindex(pm_resolver *r, pm_textindex *ti, uint32_t line);
/* The term frequency of TextIndex expression e (term = its argument). */
int pmmlE_textindex(pmml_ctx *c, const pm_expr *e, pm_val *out);
/* Bytes of per-context cache the model's TextIndex expressions need (0
** without TextIndex); pmmlE_regex_state_new allocates it. */
size_t pmmlE_textindex_cache_size(const pmml_model *doc);

/* The families. */
extern const pm_family pmmlL_tree_family;
extern const pm_family pmmlL_regression_family;

#endif /* PMML_INT_H */
