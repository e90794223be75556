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
** Where and why something failed. Loading fills line/column (1-based, 0 when
** unknown) and the element at fault; scoring fills the message only. The
** message never ends with a newline.
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
} pmml_load_options;

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
** the call. NaN (the number, or text such as "NaN") is no value a model can
** use: it is invalid too, unless the field declares NaN a missing value;
** give a missing value with pmml_ctx_set_missing(). Text is copied only as
** a view: 's' must stay valid until the record has been scored. Returns
** PMML_E_ARGUMENT when i is out of range.
*/
PMML_API pmml_status pmml_ctx_set_number(pmml_ctx *c, size_t i, double v);
PMML_API pmml_status pmml_ctx_set_text(pmml_ctx *c, size_t i, const char *s,
                                       size_t len);
PMML_API pmml_status pmml_ctx_set_missing(pmml_ctx *c, size_t i);

/*
** Score the record whose inputs are set. Returns PMML_OK, or the reason the
** record has no result (PMML_E_INVALID_VALUE, PMML_E_EVAL) with a message in
** 'err' (may be NULL). Inputs stay as they are; results stay readable until
** the next pmml_score() or pmml_ctx_clear().
*/
PMML_API pmml_status pmml_score(pmml_ctx *c, pmml_error *err);

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

#ifdef __cplusplus
}
#endif

#endif /* PMML_H */
