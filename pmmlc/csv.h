/*
** csv.h: streaming RFC 4180 CSV reader and writer for `pmmlc score`, the
** test tools, and (embedded as text with csv.c) the main() that
** `pmmlc compile --main` emits. Standard C99 only; to embed with internal
** linkage define PM_CSV_API as `static` (gcc/clang: `static
** __attribute__((unused))`) before including csv.h and csv.c. Names:
** public pmcsv_* / PMCSV_*, file-local csv_*, CC_*, ST_*.
**
** Reading, in short:
**   pmcsv_options o;  pmcsv_options_init(&o);  o.sep = ';';
**   pmcsv_reader *r = pmcsv_reader_new(stdin, &o);
**   while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF) {
**     if (rc == PMCSV_FATAL) { report pmcsv_error(r); break; }
**     if (rc == PMCSV_ERROR) { report pmcsv_error(r) at
**                              pmcsv_line_number(r); continue; }
**     use f[0..n) (record pmcsv_record_number(r); the header is 0)
**   }
**   pmcsv_reader_free(r);
**
** The grammar accepted (and the decisions where RFC 4180 is silent):
** - The first record is the header; records are numbered from 0 (the
**   header) so that record k is the k-th data row. Set
**   pmcsv_options.header = 0 to number the first record 1.
** - A UTF-8 byte order mark at the very start of the input is skipped.
** - Records end at LF, CRLF or a lone CR (old Mac files), outside quotes.
**   Line numbers count each of these as one line end, inside quotes too.
** - A blank line (nothing between two line ends) is skipped: it is no
**   record and takes no record number. A record of one empty field is
**   therefore written as `""` by this writer, and reads back as such.
** - A field that starts with '"' is quoted: separators, CR and LF inside
**   are data, and "" is one quote. After the closing quote, characters up
**   to the next separator or line end are appended as they are (lenient
**   `"ab"c` = `abc`). A quote anywhere else is an ordinary character
**   (`don"t` unquoted is the text don"t). Spaces are always data.
** - The file may end with or without a line end.
** - Errors that spoil one record only (PMCSV_ERROR, the reader resumes at
**   the next record, which keeps its number): a NUL byte, a field longer
**   than max_field_len, more than max_fields fields, a record longer than
**   max_record_len bytes (its line end included), and a quoted field
**   still open at the end of input. The rest of a bad record is read
**   (following quotes) and dropped without being stored.
** - Errors that end the input (PMCSV_FATAL, returned again by every later
**   call): a read error of the stream, running out of memory.
** Memory is O(max_record_len + max_fields) whatever the input.
*/
#ifndef PM_CSV_H
#define PM_CSV_H

#include <stddef.h>
#include <stdio.h>

#ifndef PM_CSV_API
#define PM_CSV_API /* the library: extern, hidden by -fvisibility */
#endif

/* Results of pmcsv_read. */
#define PMCSV_ROW 1           /* a record: fields are set */
#define PMCSV_EOF 0           /* no more records */
#define PMCSV_ERROR (-1)      /* this record is bad; read on for the next */
#define PMCSV_FATAL (-2)      /* read error or no memory; stop reading */

/* Reader settings; fill with pmcsv_options_init() first, then change. */
typedef struct pmcsv_options {
  char sep;                   /* field separator; default ',' */
  int header;                 /* 1 (default): the first record is number 0 */
  int interactive;            /* 1: return each record as soon as its line
                                 is read (slower, for pipes that wait for
                                 answers); 0 (default): read in blocks */
  size_t max_field_len;       /* bytes in one field; default 1 MiB */
  size_t max_fields;          /* fields in one record; default 65536 */
  size_t max_record_len;      /* bytes in one record; default 16 MiB */
  size_t buffer_size;         /* initial buffer; default 256 KiB */
} pmcsv_options;

/* A field of the last record read: s[0..len) (not NUL-terminated, may
   contain any byte but NUL), valid until the next pmcsv_read or free. */
typedef struct pmcsv_field {
  const char *s;              /* the unescaped text */
  size_t len;                 /* its length in bytes */
  int quoted;                 /* the field was written in quotes */
} pmcsv_field;

/* An open reader (opaque). */
typedef struct pmcsv_reader pmcsv_reader;

/* Set *opt to the defaults above. */
PM_CSV_API void
pmcsv_options_init(pmcsv_options *opt);

/*
** A reader of 'fp' (which the caller keeps owning and closes after
** pmcsv_reader_free). 'opt' may be NULL for the defaults; it is copied.
** Returns NULL when memory is short or an option is invalid (a separator
** that is '"', CR, LF or NUL, or a zero limit).
*/
PM_CSV_API pmcsv_reader *
pmcsv_reader_new(FILE *fp, const pmcsv_options *opt);

/*
** Read the next record. PMCSV_ROW: *fields points to *n_fields fields
** (at least 1), owned by the reader and valid until the next call.
** PMCSV_ERROR: the record was bad (message in pmcsv_error(), position in
** pmcsv_record_number()/pmcsv_line_number()); *fields is NULL and
** *n_fields the fields seen up to the error; call again for the next.
** PMCSV_EOF: no more input. PMCSV_FATAL: see the header comment.
*/
PM_CSV_API int
pmcsv_read(pmcsv_reader *r, const pmcsv_field **fields, size_t *n_fields);

/* Number of the record last returned (0 for the header; see header). */
PM_CSV_API unsigned long
pmcsv_record_number(const pmcsv_reader *r);

/* Physical line (1-based) on which the record last returned started. */
PM_CSV_API unsigned long
pmcsv_line_number(const pmcsv_reader *r);

/* Message for the last PMCSV_ERROR or PMCSV_FATAL ("" if none); no
   position in it. Owned by the reader, valid until the next call. */
PM_CSV_API const char *
pmcsv_error(const pmcsv_reader *r);

/* Free the reader (NULL is fine); the FILE stays open. */
PM_CSV_API void
pmcsv_reader_free(pmcsv_reader *r);

/*
** Writing. Output always uses LF line ends. A field is quoted only when it
** must be or might be misread: it contains the separator, '"', CR or LF,
** starts or ends with a space or a tab, or starts with a UTF-8 byte order
** mark (which a reader drops at the start of a file); quotes inside are
** doubled.
*/

/* Write one field of s[0..len) to out, quoted if needed; no separator.
   Returns 0, or -1 after a write error. */
PM_CSV_API int
pmcsv_write_field(FILE *out, const char *s, size_t len, char sep);

/* Row-at-a-time writing state; the fields are public but private use. */
typedef struct pmcsv_writer {
  FILE *fp;                   /* destination */
  char sep;                   /* separator */
  size_t n;                   /* fields put in the current row */
  int first_empty;            /* the row's first field was empty */
  int failed;                 /* a write failed */
} pmcsv_writer;

/* Start writing rows of 'sep'-separated fields to out. */
PM_CSV_API void
pmcsv_writer_init(pmcsv_writer *w, FILE *out, char sep);

/* Append a field to the current row (separator added as needed). Returns
   0, or -1 when a write has failed (sticky). */
PM_CSV_API int
pmcsv_put(pmcsv_writer *w, const char *s, size_t len);

/* End the current row with LF. A row of one empty field is written `""`
   so that it is not read back as a blank line. Returns 0 or -1. */
PM_CSV_API int
pmcsv_end_row(pmcsv_writer *w);

/* Write n fields and LF with a fresh writer; returns 0 or -1. */
PM_CSV_API int
pmcsv_write_row(FILE *out, const pmcsv_field *f, size_t n, char sep);

#endif /* PM_CSV_H */
