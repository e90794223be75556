/*
** pmml.h: the public interface of libpmmlrt, the pmmlc run-time library.
**
** libpmmlrt loads a PMML document (plain XML or gzip, PMML 3.0 to 4.4) into
** an immutable model and scores records with it. The shape:
**
**   pmml_model *m;  pmml_ctx *c;  pmml_error e;
**   pmml_model_load_file("iris.pmml", NULL, &m, &e);    load once
**   pmml_ctx_new(m, &c);                                one per thread
**   pmml_ctx_set_number(c, i, 5.1); ...                 inputs of a record
**   pmml_score(c, &e);                                  score it
**   pmml_ctx_output(c, j, &v);                          read the results
**   pmml_ctx_free(c);  pmml_model_free(m);
**
** A loaded model is never modified: any number of threads may share it, each
** with its own pmml_ctx. Scoring allocates nothing. The library keeps no
** global state and never depends on the process locale.
*/
#ifndef PMML_H
#define PMML_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(PMML_BUILDING_DLL)
#define PMML_API __declspec(dllexport)
#elif defined(__GNUC__)
#define PMML_API __attribute__((visibility("default")))
#else
#define PMML_API
#endif

#define PMML_VERSION_MAJOR 0
#define PMML_VERSION_MINOR 1
#define PMML_VERSION_PATCH 0

/* The library's version as "MAJOR.MINOR.PATCH". */
PMML_API const char *pmml_version(void);

/*
** Status codes. Public enums only grow at the end: never renumber.
*/
typedef enum pmml_status {
  PMML_OK = 0,
  PMML_E_NOMEM,       /* an allocation failed */
  PMML_E_IO,          /* the file could not be opened or read */
  PMML_E_GZIP,        /* corrupt or truncated gzip data */
  PMML_E_XML,         /* not well-formed XML, or a DTD/entity (refused) */
  PMML_E_LIMIT,       /* a size, depth or count limit was exceeded */
  PMML_E_NOT_PMML,    /* not a PMML document, or an unknown version/namespace */
  PMML_E_INVALID,     /* a PMML element or attribute is wrong */
  PMML_E_UNSUPPORTED, /* valid PMML that libpmmlrt cannot score (yet) */
  PMML_E_REFERENCE,   /* a reference to an unknown field, function, node... */
  PMML_E_ARGUMENT,    /* an API call got a bad argument */
  PMML_E_INVALID_VALUE, /* a record holds a value the model refuses
                           (invalidValueTreatment="returnInvalid" and the like) */
  PMML_E_EVAL,        /* the record cannot be scored (e.g. division by zero in
                         a transformation without a default) */
  PMML_E_VERIFY       /* ModelVerification: results differ from the records */
} pmml_status;

/* A static English description of 'status' ("out of memory"...). */
PMML_API const char *pmml_status_string(pmml_status status);

/*
** Where and why something failed. Loading fills the line (1-based, 0 when
** unknown), the column where the reader was (0 for what is found after
** reading, when names are resolved: the line is then that of the element's
** start tag) and the element at fault: the one the message names first
** ("SimplePredicate: unknown field 'x'"), else the element being read.
** Scoring fills the message only. The message never ends with a newline.
*/
typedef struct pmml_error {
  pmml_status code;
  unsigned long line;    /* line in the document, 0 if none */
  unsigned long column;  /* column in the document, 0 if none */
  char element[64];      /* the PMML element at fault, "" if none */
  char message[512];     /* human-readable, without file name or position */
} pmml_error;

/*
** The allocator hook, shaped like Lua's: 'ptr' is NULL or a block of 'osize'
** bytes earlier returned by the hook. nsize == 0 frees 'ptr' and returns
** NULL; otherwise returns a block of 'nsize' bytes (keeping the first
** min(osize, nsize) bytes of 'ptr') or NULL on failure, leaving 'ptr' intact.
*/
typedef void *(*pmml_alloc_fn)(void *ud, void *ptr, size_t osize,
                               size_t nsize);

/*
** Options for loading. Always start from pmml_load_options_init() so that
** fields added later get their defaults.
*/
typedef struct pmml_load_options {
  pmml_alloc_fn alloc;   /* NULL: malloc/realloc/free */
  void *alloc_ud;        /* passed to 'alloc' */
  size_t max_depth;      /* XML element nesting (default 4096) */
  size_t max_text;       /* bytes of one attribute value or text node
                            (default 64 MiB) */
  size_t max_memory;     /* bytes the XML parser may hold at once
                            (default 512 MiB) */
  size_t max_document;   /* bytes of (uncompressed) document (default 4 GiB) */
  unsigned flags;        /* PMML_LOAD_* bits (default 0) */
} pmml_load_options;

/*
** pmml_load_options.flags.
**
** PMML_LOAD_RESOLVE_ALL: also resolve what scoring never reads: every
** DerivedField (TransformationDictionary and LocalTransformations), every
** DefineFunction and every MiningField, so that an unknown field, a cycle or
** a bad value in one of them fails the load as it would if it were used
** (`pmmlc check` loads so). The model scores exactly as without the flag and
** asks for the same inputs: a DataField only an unused transformation reads
** does not become an input. It also keeps what only checks read (trees
** whole even where a flat forest scores them, their ScoreDistributions),
** so the model takes more memory.
**
** PMML_LOAD_VERIFICATION: read the top-level model's ModelVerification
** records for pmml_model_verify(); a wrong VerificationField or table fails
** the load. Without the flag they are skipped while reading, at no cost.
*/
#define PMML_LOAD_RESOLVE_ALL 0x1u
#define PMML_LOAD_VERIFICATION 0x2u

/* Fill 'opt' with the defaults. */
PMML_API void pmml_load_options_init(pmml_load_options *opt);

typedef struct pmml_model pmml_model;
typedef struct pmml_ctx pmml_ctx;

/*
** Load a PMML document (plain or gzip, told apart by its first bytes) from
** 'path' ("-" is not special). On success returns PMML_OK and stores a new
** model in *out; the caller frees it with pmml_model_free(). On failure *out
** is NULL and, if 'err' is not NULL, it holds the code, position and message.
** 'opt' may be NULL for the defaults.
*/
PMML_API pmml_status pmml_model_load_file(const char *path,
                                          const pmml_load_options *opt,
                                          pmml_model **out, pmml_error *err);

/* The same from the 'size' bytes at 'data' (plain or gzip). */
PMML_API pmml_status pmml_model_load_memory(const void *data, size_t size,
                                            const pmml_load_options *opt,
                                            pmml_model **out,
                                            pmml_error *err);

/* The same from an open stream, read to its end; 'fp' stays open. */
PMML_API pmml_status pmml_model_load_fp(FILE *fp,
                                        const pmml_load_options *opt,
                                        pmml_model **out, pmml_error *err);

/* Free a model and everything it owns. NULL is allowed. Every pmml_ctx made
** from it must have been freed before. */
PMML_API void pmml_model_free(pmml_model *m);

/*
** Data types and operational types, as PMML names them.
*/
typedef enum pmml_dtype {
  PMML_DT_STRING = 0,
  PMML_DT_INTEGER,
  PMML_DT_FLOAT,
  PMML_DT_DOUBLE,
  PMML_DT_BOOLEAN,
  PMML_DT_DATE,
  PMML_DT_TIME,
  PMML_DT_DATETIME,
  PMML_DT_DATE_DAYS_SINCE_0,
  PMML_DT_DATE_DAYS_SINCE_1960,
  PMML_DT_DATE_DAYS_SINCE_1970,
  PMML_DT_DATE_DAYS_SINCE_1980,
  PMML_DT_TIME_SECONDS,
  PMML_DT_DATETIME_SECONDS_SINCE_0,
  PMML_DT_DATETIME_SECONDS_SINCE_1960,
  PMML_DT_DATETIME_SECONDS_SINCE_1970,
  PMML_DT_DATETIME_SECONDS_SINCE_1980
} pmml_dtype;

typedef enum pmml_optype {
  PMML_OP_CATEGORICAL = 0,
  PMML_OP_ORDINAL,
  PMML_OP_CONTINUOUS
} pmml_optype;

/* The PMML name of a data type ("double") or optype ("continuous"). */
PMML_API const char *pmml_dtype_name(pmml_dtype t);
PMML_API const char *pmml_optype_name(pmml_optype t);

/*
** What a model is. The strings live as long as the model.
*/
/* The top-level model element, e.g. "TreeModel", "MiningModel". */
PMML_API const char *pmml_model_kind(const pmml_model *m);
/* The model's functionName, e.g. "classification", "regression". */
PMML_API const char *pmml_model_function(const pmml_model *m);
/* modelName, or "" when the document gives none. */
PMML_API const char *pmml_model_name(const pmml_model *m);
/* The <PMML version=...> of the document, e.g. "4.3". */
PMML_API const char *pmml_model_pmml_version(const pmml_model *m);
/* Header/Application name and version, "" when absent. */
PMML_API const char *pmml_model_application(const pmml_model *m);
/* Bytes the loaded model occupies (its arena). */
PMML_API size_t pmml_model_memory(const pmml_model *m);

/*
** Inputs: the DataFields a record must supply (every field the model reads,
** in DataDictionary order; targets are not inputs). Index i runs from 0 to
** pmml_model_input_count() - 1.
*/
PMML_API size_t pmml_model_input_count(const pmml_model *m);
PMML_API const char *pmml_model_input_name(const pmml_model *m, size_t i);
PMML_API pmml_dtype pmml_model_input_dtype(const pmml_model *m, size_t i);
PMML_API pmml_optype pmml_model_input_optype(const pmml_model *m, size_t i);
/* The valid values a categorical/ordinal input declares (0 if open). */
PMML_API size_t pmml_model_input_value_count(const pmml_model *m, size_t i);
PMML_API const char *pmml_model_input_value(const pmml_model *m, size_t i,
                                            size_t k);
/* The index of the input called 'name', or -1. */
PMML_API long pmml_model_input_index(const pmml_model *m, const char *name);

/*
** Outputs: the results of a record, the columns `pmmlc score` writes. First
** the predicted value of each target field (named as the field), then every
** OutputField of the model that is a final result, in document order.
*/
PMML_API size_t pmml_model_output_count(const pmml_model *m);
PMML_API const char *pmml_model_output_name(const pmml_model *m, size_t i);
PMML_API pmml_dtype pmml_model_output_dtype(const pmml_model *m, size_t i);
PMML_API pmml_optype pmml_model_output_optype(const pmml_model *m, size_t i);

/*
** A value read from a scored record.
*/
typedef enum pmml_kind {
  PMML_MISSING = 0, /* no value */
  PMML_NUMBER,      /* 'number' */
  PMML_STRING,      /* 'string', 'length' bytes, not always NUL-terminated */
  PMML_BOOLEAN      /* 'number' is 0 or 1 */
} pmml_kind;

typedef struct pmml_value {
  pmml_kind kind;
  pmml_dtype dtype;     /* the declared data type of the output */
  double number;
  const char *string;
  size_t length;
} pmml_value;

/*
** A scoring context: the inputs, scratch space and results of one record at
** a time, for one thread. pmml_ctx_new() allocates everything scoring will
** need, so pmml_score() never allocates.
*/
PMML_API pmml_status pmml_ctx_new(const pmml_model *m, pmml_ctx **out);
/* Free a context. NULL is allowed. */
PMML_API void pmml_ctx_free(pmml_ctx *c);

/* Set every input to missing (a fresh context starts so). */
PMML_API void pmml_ctx_clear(pmml_ctx *c);

/*
** Set input i of the next record. A number given to a string field, or text
** given to a numeric field, is converted as the field's data type says; text
** that is not a valid value of the type makes the input "invalid" in PMML's
** sense (the model's invalidValueTreatment decides), it is not an error of
** the call. Text that reads as NaN ("NaN", "nan") is no value a model can
** use: invalid too (as in JPMML), unless the field declares NaN a missing
** value. The number NaN given to a numeric input means missing, as
** pmml_ctx_set_missing(). Text is copied only as a view: 's' must stay
** valid until the record has been scored. Returns PMML_E_ARGUMENT when i is
** out of range.
*/
PMML_API pmml_status pmml_ctx_set_number(pmml_ctx *c, size_t i, double v);
PMML_API pmml_status pmml_ctx_set_text(pmml_ctx *c, size_t i, const char *s,
                                       size_t len);
PMML_API pmml_status pmml_ctx_set_missing(pmml_ctx *c, size_t i);

/*
** Set the n consecutive inputs first, first+1, ..., first+n-1 from
** x[0..n) in one call: for each, what pmml_ctx_set_number() does, except
** that NaN always means missing (pmml_ctx_set_missing()), also for a
** string input, to which pmml_ctx_set_number() would give the text "NaN".
** Faster than n calls when the inputs are many. Returns PMML_E_ARGUMENT,
** setting nothing, when the range goes past the last input or x is NULL
** with n > 0.
*/
PMML_API pmml_status pmml_ctx_set_numbers(pmml_ctx *c, size_t first,
                                          const double *x, size_t n);

/*
** Inputs that group rows. An AssociationModel with a MiningField of
** usageType="group" scores transactions: a record is the set of values its
** item field takes over a group of rows (the rows that share a value of the
** group field). pmml_model_input_role() tells the inputs apart; the roles
** only grow at the end.
*/
typedef enum pmml_input_role {
  PMML_ROLE_VALUE = 0, /* one value per record: pmml_ctx_set_*() */
  PMML_ROLE_ITEMS,     /* a set of values per record, added one at a time
                          with pmml_ctx_add_item() */
  PMML_ROLE_GROUP      /* the key that groups rows into one record; scoring
                          does not read it (the caller groups) */
} pmml_input_role;

/* The role of input i (PMML_ROLE_VALUE when i is out of range or 'm' is
** NULL). */
PMML_API pmml_input_role pmml_model_input_role(const pmml_model *m,
                                               size_t i);

/*
** Add the value s[0..len) to the items of the record, for input i of role
** PMML_ROLE_ITEMS (PMML_E_ARGUMENT for another input). The items are a set:
** adding a value twice adds it once. Only the values the model names
** (its Items) are kept, as a bit each in space pmml_ctx_new() set aside, so
** a transaction may hold any number of items and adding never allocates;
** a value the model does not name, or one that is not a value of the
** field's data type, cannot change the result and is dropped. The items
** stay until pmml_ctx_clear(), which starts the next, empty, transaction
** (pmml_score() keeps them, as it keeps every input). A value given with
** pmml_ctx_set_text()/pmml_ctx_set_number() to the same input counts as
** one more item. 's' is not kept after the call.
*/
PMML_API pmml_status pmml_ctx_add_item(pmml_ctx *c, size_t i, const char *s,
                                       size_t len);

/*
** Score the record whose inputs are set. Returns PMML_OK, or the reason the
** record has no result (PMML_E_INVALID_VALUE, PMML_E_EVAL) with a message in
** 'err' (may be NULL). Inputs stay as they are; results stay readable until
** the next pmml_score() or pmml_ctx_clear().
*/
PMML_API pmml_status pmml_score(pmml_ctx *c, pmml_error *err);

/*
** Score n_rows records given as numbers, row after row. Row r's inputs are
** in[r * I .. r * I + I), with I = pmml_model_input_count(), in input
** order, NaN for missing; its results go to out[r * O .. r * O + O), with
** O = pmml_model_output_count(), in output order. Each row is scored
** exactly as pmml_ctx_set_numbers(c, 0, row, I) then pmml_score() would
** score it; an output that pmml_ctx_output() gives as a number is that
** number, a boolean is 0 or 1, and a missing or string output (a
** predicted label, say) is NaN: read such outputs with pmml_score() and
** pmml_ctx_output(). A row that cannot be scored gets NaN for every output
** and the next rows are scored all the same. 'row_status' (may be NULL)
** receives each row's status (PMML_OK or why it failed). Returns PMML_OK
** when every row scored, else the status of the first that failed, whose
** message 'err' (may be NULL) holds as "row K: message", K counting rows
** from 0; PMML_E_ARGUMENT when 'in' or 'out' is NULL but needed. Never
** allocates. Afterwards the context holds the last row, as after
** pmml_score(); as everywhere, one context per thread. A model with a
** PMML_ROLE_ITEMS input accumulates items across the rows (as the calls
** above would): score transactions one at a time instead.
*/
PMML_API pmml_status pmml_score_batch(pmml_ctx *c, const double *in,
                                      size_t n_rows, double *out,
                                      pmml_status *row_status,
                                      pmml_error *err);

/* Read output i of the last scored record. Returns PMML_E_ARGUMENT when i
** is out of range. Strings stay valid until the next pmml_score(). */
PMML_API pmml_status pmml_ctx_output(const pmml_ctx *c, size_t i,
                                     pmml_value *v);

/*
** Write the value as `pmmlc score` prints it into buf (NUL-terminated,
** truncated to size), and return the length it needs (without the NUL).
** Numbers in the shortest form that reads back to the same value, "true"
** and "false", dates in ISO 8601; missing is "". Locale-independent.
*/
PMML_API size_t pmml_value_format(const pmml_value *v, char *buf,
                                  size_t size);

/*
** ModelVerification: the records a PMML document may carry to check that a
** consumer scores its model as the producer did (PMML 4.4 "Model
** Verification"). Each record holds inputs and the results expected for
** them; a VerificationField names the field of a column and how close a
** number must be: 'precision' is the accepted deviation in proportion of the
** expected value, boundaries included, and values within 'zeroThreshold' of
** zero are zero (the defaults are 1E-6 and 1E-16). When the fields name
** OutputFields, the target's column is the training data, not an expected
** result, and is not compared; otherwise the target's column is compared
** with the predicted value. An absent cell expects nothing.
*/

/* One comparison made by pmml_model_verify(), or a record that could not be
** scored at all (then 'field' is NULL and 'status' says why). The strings
** live until the callback returns. */
typedef struct pmml_verify_item {
  size_t record;          /* 1-based record, the row of the InlineTable */
  unsigned long line;     /* the row's line in the document */
  const char *field;      /* the VerificationField's field, or NULL */
  const char *expected;   /* the cell as written */
  const char *actual;     /* the result as pmml_value_format() writes it,
                             "" when missing */
  double difference;      /* numbers: |expected - actual|, else NaN */
  double relative;        /* numbers: difference / |expected|, NaN when
                             not numbers or expected is 0 */
  double precision;       /* the VerificationField's precision= */
  double zero_threshold;  /* and zeroThreshold= */
  int ok;                 /* 1: within tolerance (or equal) */
  pmml_status status;     /* PMML_OK, or why the record has no result */
  const char *message;    /* status != PMML_OK: the scoring message */
} pmml_verify_item;

/* Called for every comparison (ok or not) and every record that could not
** be scored. Return 0 to go on, anything else to stop verifying. */
typedef int (*pmml_verify_fn)(void *ud, const pmml_verify_item *item);

/* What pmml_model_verify() did, in numbers. */
typedef struct pmml_verify_report {
  size_t records;         /* records run (those that fail to score and
                             expect nothing are not counted) */
  size_t records_failed;  /* records with a difference or no result */
  size_t values;          /* values compared */
  size_t values_failed;   /* values that differ beyond tolerance */
  double max_relative;    /* the largest relative difference of a number
                             that was compared, 0 if none */
} pmml_verify_report;

/*
** Score every ModelVerification record of the model and compare the results
** with the expected ones. The model must have been loaded with
** PMML_LOAD_VERIFICATION. 'fn' (may be NULL) sees each comparison; 'report'
** and 'err' may be NULL. Returns PMML_OK when every record matches (also
** when the document has no records: report->records is then 0),
** PMML_E_VERIFY when some differ or cannot be scored ('err' describes the
** first, with the line of its row), PMML_E_ARGUMENT when the model was
** loaded without the flag but has records, PMML_E_NOMEM. Thread-safe: it
** uses a context of its own.
*/
PMML_API pmml_status pmml_model_verify(const pmml_model *m, pmml_verify_fn fn,
                                       void *ud, pmml_verify_report *report,
                                       pmml_error *err);

/* The number of ModelVerification records the model carries (0 when none,
** or when it was loaded without PMML_LOAD_VERIFICATION), and the line of
** the top-level model's ModelVerification element (0 when there is none,
** whether it was read or not). */
PMML_API size_t pmml_model_verify_records(const pmml_model *m);
PMML_API unsigned long pmml_model_verify_line(const pmml_model *m);

#ifdef __cplusplus
}
#endif

#endif /* PMML_H */
