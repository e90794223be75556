/*
** csv.c: the streaming CSV reader and the CSV writer declared in csv.h.
** Owns the byte-level grammar (quotes, line ends, BOM, blank lines), the
** per-record error recovery and the memory limits; leaves the meaning of
** fields (names, numbers, missing values) to its callers.
**
** The reader keeps one buffer. A record is parsed in place from `in` to
** `out` (out <= in: a quoted field shrinks as quotes are unescaped), and
** fields are recorded as offsets from the record's start, so the buffer
** may be compacted or grown in the middle of a record; when the record
** is complete the offsets become the pointers handed out. A record found
** bad is still scanned to its end, but nothing of it is kept, so memory
** stays within the limits whatever the input.
**
** Self-contained C99 (embedded as text into generated programs).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Byte classes for the scanner. */
enum { CC_ORD, CC_SEP, CC_QUOTE, CC_EOL, CC_NUL };

/* Scanner states inside a record. */
enum {
  ST_START,                   /* at the start of a field */
  ST_PLAIN,                   /* in an unquoted field (or after quotes) */
  ST_QUOTED,                  /* inside quotes */
  ST_QUOTE2                   /* just after a quote inside quotes */
};

/* Returned by csv_line_end when the loop must go on. */
#define CSV_AGAIN 2

struct pmcsv_reader {
  FILE *fp;                   /* input, owned by the caller */
  pmcsv_options opt;          /* copy of the options */
  unsigned char cls[256];     /* CC_* class of each byte */
  char *buf;                  /* input buffer; unread bytes at [pos, end) */
  size_t cap;                 /* size of buf */
  size_t pos;                 /* first byte not yet consumed */
  size_t end;                 /* end of the bytes read */
  int eof;                    /* fp is exhausted */
  int fatal;                  /* a read or memory error happened */
  int bom_done;               /* the start of the input was checked */
  int rec_err;                /* the record being read is bad */
  size_t *off;                /* per field: offset from the record start */
  pmcsv_field *fields;        /* views handed out for the last record */
  size_t fcap;                /* capacity of off and fields */
  unsigned long line;         /* physical line at pos (1-based) */
  unsigned long rec_line;     /* line where the last record started */
  unsigned long next_rec;     /* number the next record gets */
  unsigned long rec;          /* number of the last record */
  char err[160];              /* message of the last error */
};

/* Positions of the record being parsed (absolute offsets into buf). */
typedef struct csv_pos {
  size_t rs;                  /* record start */
  size_t in;                  /* next byte to read */
  size_t out;                 /* next byte to write (unescaped text) */
  size_t fs;                  /* start of the current field's text */
  size_t nf;                  /* fields completed so far */
} csv_pos;

/* See csv.h. */
PM_CSV_API void
pmcsv_options_init(pmcsv_options *opt)
{
  opt->sep = ',';
  opt->header = 1;
  opt->interactive = 0;
  opt->max_field_len = (size_t)1 << 20;
  opt->max_fields = 65536;
  opt->max_record_len = (size_t)16 << 20;
  opt->buffer_size = (size_t)256 << 10;
}

/* See csv.h. */
PM_CSV_API pmcsv_reader *
pmcsv_reader_new(FILE *fp, const pmcsv_options *opt)
{
  pmcsv_reader *r;
  pmcsv_options o;

  if (opt)
    o = *opt;
  else
    pmcsv_options_init(&o);
  if (o.sep == '"' || o.sep == '\r' || o.sep == '\n' || o.sep == '\0'
      || o.max_field_len == 0 || o.max_fields == 0 || o.max_record_len == 0)
    return NULL;
  if (o.buffer_size < 64)
    o.buffer_size = 64;
  r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->fp = fp;
  r->opt = o;
  r->cap = o.buffer_size;
  r->fcap = o.max_fields < 64 ? o.max_fields : 64;
  r->buf = malloc(r->cap);
  r->off = malloc(r->fcap * sizeof *r->off);
  r->fields = malloc(r->fcap * sizeof *r->fields);
  if (!r->buf || !r->off || !r->fields) {
    pmcsv_reader_free(r);
    return NULL;
  }
  r->cls[(unsigned char)o.sep] = CC_SEP;
  r->cls['"'] = CC_QUOTE;
  r->cls['\r'] = CC_EOL;
  r->cls['\n'] = CC_EOL;
  r->cls[0] = CC_NUL;
  r->line = 1;
  r->next_rec = o.header ? 0 : 1;
  return r;
}

/* See csv.h. */
PM_CSV_API void
pmcsv_reader_free(pmcsv_reader *r)
{
  if (!r)
    return;
  free(r->buf);
  free(r->off);
  free(r->fields);
  free(r);
}

/* Mark the record being read as bad with a message (the first one wins). */
#if defined(__GNUC__)
static void csv_bad(pmcsv_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#endif
static void
csv_bad(pmcsv_reader *r, const char *fmt, ...)
{
  va_list ap;
  if (r->rec_err)
    return;
  r->rec_err = 1;
  va_start(ap, fmt);
  vsnprintf(r->err, sizeof r->err, fmt, ap);
  va_end(ap);
}

/* Stop reading for good with a message; returns PMCSV_FATAL. */
static int
csv_fatal(pmcsv_reader *r, const char *msg)
{
  r->fatal = 1;
  snprintf(r->err, sizeof r->err, "%s", msg);
  return PMCSV_FATAL;
}

/*
** Read more input. The consumed part of the current record (all of it
** when the record is bad) is moved to the front of the buffer first, and
** the buffer grows only while the record is within the limits. Positions
** in *p follow the moves. Returns 0, or PMCSV_FATAL.
*/
static int
csv_fill(pmcsv_reader *r, csv_pos *p)
{
  size_t d, n;

  for (;;) {
    if (r->rec_err)
      p->rs = p->out = p->fs = p->in; /* nothing of a bad record is kept */
    d = p->rs;
    if (d > 0) {
      memmove(r->buf, r->buf + d, r->end - d);
      r->end -= d;
      p->rs = 0;
      p->in -= d;
      p->out -= d;
      p->fs -= d;
    }
    if (r->end < r->cap)
      break;
    /* the record so far fills the whole buffer */
    if (!r->rec_err && p->out - p->fs > r->opt.max_field_len)
      csv_bad(r, "field %lu is longer than %lu bytes",
              (unsigned long)p->nf + 1, (unsigned long)r->opt.max_field_len);
    else if (!r->rec_err && p->in - p->rs > r->opt.max_record_len)
      csv_bad(r, "record is longer than %lu bytes",
              (unsigned long)r->opt.max_record_len);
    if (r->rec_err)
      continue;
    {
      size_t ncap = r->cap * 2;
      char *nb = realloc(r->buf, ncap);
      if (!nb)
        return csv_fatal(r, "out of memory");
      r->buf = nb;
      r->cap = ncap;
    }
  }
  if (r->opt.interactive) {
    int c = 0;
    n = 0;
    while (r->end < r->cap && c != '\n' && (c = getc(r->fp)) != EOF) {
      r->buf[r->end++] = (char)c;
      n++;
    }
  } else {
    n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
    r->end += n;
  }
  if (n == 0) {
    if (ferror(r->fp))
      return csv_fatal(r, "read error");
    r->eof = 1;
  }
  return 0;
}

/* Skip a UTF-8 byte order mark at the start of the input. Returns 0 or
   PMCSV_FATAL. */
static int
csv_bom(pmcsv_reader *r)
{
  csv_pos p;
  while (r->end - r->pos < 3 && !r->eof) {
    p.rs = p.in = p.out = p.fs = r->pos;
    p.nf = 0;
    if (csv_fill(r, &p) != 0)
      return PMCSV_FATAL;
    r->pos = p.rs;
  }
  if (r->end - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
    r->pos += 3;
  r->bom_done = 1;
  return 0;
}

/* Complete the current field; returns 0 or PMCSV_FATAL. */
static int
csv_field_end(pmcsv_reader *r, csv_pos *p, int quoted)
{
  size_t len = p->out - p->fs;
  if (r->rec_err) {
    /* nothing is stored */
  } else if (len > r->opt.max_field_len) {
    csv_bad(r, "field %lu is longer than %lu bytes",
            (unsigned long)p->nf + 1, (unsigned long)r->opt.max_field_len);
  } else if (p->nf >= r->opt.max_fields) {
    csv_bad(r, "record has more than %lu fields",
            (unsigned long)r->opt.max_fields);
  } else {
    if (p->nf == r->fcap) {
      size_t ncap = r->fcap * 2 < r->opt.max_fields ? r->fcap * 2
                                                     : r->opt.max_fields;
      size_t *no = realloc(r->off, ncap * sizeof *no);
      pmcsv_field *nf;
      if (!no)
        return csv_fatal(r, "out of memory");
      r->off = no;
      nf = realloc(r->fields, ncap * sizeof *nf);
      if (!nf)
        return csv_fatal(r, "out of memory");
      r->fields = nf;
      r->fcap = ncap;
    }
    r->off[p->nf] = p->fs - p->rs;
    r->fields[p->nf].len = len;
    r->fields[p->nf].quoted = quoted;
  }
  p->nf++;
  p->fs = p->out;
  return 0;
}

/* Hand out the record that ends at p->in. */
static int
csv_finish(pmcsv_reader *r, csv_pos *p, const pmcsv_field **fields,
           size_t *n_fields)
{
  size_t i;
  if (!r->rec_err && p->in - p->rs > r->opt.max_record_len)
    csv_bad(r, "record is longer than %lu bytes",
            (unsigned long)r->opt.max_record_len);
  r->pos = p->in;
  r->rec = r->next_rec++;
  *n_fields = p->nf;
  if (r->rec_err)
    return PMCSV_ERROR;
  for (i = 0; i < p->nf; i++)
    r->fields[i].s = r->buf + p->rs + r->off[i];
  *fields = r->fields;
  return PMCSV_ROW;
}

/*
** Length of the line end (CR, LF or CRLF) at p->in, reading ahead when
** a CR is the last byte read so far. Returns 1 or 2, or PMCSV_FATAL.
*/
static int
csv_eol_len(pmcsv_reader *r, csv_pos *p)
{
  while (r->buf[p->in] == '\r' && p->in + 1 == r->end && !r->eof)
    if (csv_fill(r, p) != 0)
      return PMCSV_FATAL;
  if (r->buf[p->in] == '\r' && p->in + 1 < r->end
      && r->buf[p->in + 1] == '\n')
    return 2;
  return 1;
}

/* See csv.h. */
PM_CSV_API int
pmcsv_read(pmcsv_reader *r, const pmcsv_field **fields, size_t *n_fields)
{
  const unsigned char *cls = r->cls;
  csv_pos p;
  int st = ST_START, quoted = 0, started = 0, k, c;
  char *b;

  *fields = NULL;
  *n_fields = 0;
  if (r->fatal)
    return PMCSV_FATAL;
  if (!r->bom_done && csv_bom(r) != 0)
    return PMCSV_FATAL;
  r->rec_err = 0;
  r->err[0] = '\0';
  p.rs = p.in = p.out = p.fs = r->pos;
  p.nf = 0;
  for (;;) {
    if (p.in == r->end) {
      if (r->eof)
        break;
      if (csv_fill(r, &p) != 0)
        return PMCSV_FATAL;
      continue;
    }
    b = r->buf;
    switch (st) {
    case ST_START:
      if (!started) {
        if (cls[(unsigned char)b[p.in]] == CC_EOL) {
          /* a blank line: skipped, not a record */
          if ((k = csv_eol_len(r, &p)) < 0)
            return PMCSV_FATAL;
          p.in += (size_t)k;
          r->line++;
          p.rs = p.out = p.fs = p.in;
          continue;
        }
        started = 1;
        r->rec_line = r->line;
      }
      p.fs = p.out;
      if (b[p.in] == '"') {
        quoted = 1;
        p.in++;
        st = ST_QUOTED;
        continue;
      }
      quoted = 0;
      st = ST_PLAIN;
      /* fall through */
    case ST_PLAIN: {
      size_t in = p.in, out = p.out, end = r->end;
      if (in == out) {
        while (in < end && ((c = cls[(unsigned char)b[in]]) == CC_ORD
                            || c == CC_QUOTE))
          in++;
        out = in;
      } else {
        while (in < end && ((c = cls[(unsigned char)b[in]]) == CC_ORD
                            || c == CC_QUOTE))
          b[out++] = b[in++];
      }
      p.in = in;
      p.out = out;
      if (in == end)
        continue;
      c = cls[(unsigned char)b[in]];
      if (c == CC_SEP) {
        if (csv_field_end(r, &p, quoted) != 0)
          return PMCSV_FATAL;
        p.in++;
        st = ST_START;
      } else if (c == CC_NUL) {
        csv_bad(r, "NUL byte in field %lu", (unsigned long)p.nf + 1);
        p.in++;
      } else {
        goto line_end;
      }
      continue;
    }
    case ST_QUOTED: {
      size_t in = p.in, out = p.out, end = r->end;
      while (in < end && ((c = cls[(unsigned char)b[in]]) == CC_ORD
                          || c == CC_SEP))
        b[out++] = b[in++];
      p.in = in;
      p.out = out;
      if (in == end)
        continue;
      c = cls[(unsigned char)b[in]];
      if (c == CC_QUOTE) {
        p.in++;
        st = ST_QUOTE2;
      } else if (c == CC_NUL) {
        csv_bad(r, "NUL byte in field %lu", (unsigned long)p.nf + 1);
        p.in++;
      } else {
        /* a line end inside quotes is data */
        if ((k = csv_eol_len(r, &p)) < 0)
          return PMCSV_FATAL;
        b = r->buf;
        while (k-- > 0)
          b[p.out++] = b[p.in++];
        r->line++;
      }
      continue;
    }
    case ST_QUOTE2:
      c = cls[(unsigned char)b[p.in]];
      if (c == CC_QUOTE) {
        b[p.out++] = '"';
        p.in++;
        st = ST_QUOTED;
      } else if (c == CC_SEP) {
        if (csv_field_end(r, &p, quoted) != 0)
          return PMCSV_FATAL;
        p.in++;
        st = ST_START;
      } else if (c == CC_EOL) {
        goto line_end;
      } else {
        st = ST_PLAIN;        /* `"ab"c`: the rest is appended as is */
      }
      continue;
    }
  line_end:
    /* the record ends at the line end at p.in */
    if ((k = csv_eol_len(r, &p)) < 0 || csv_field_end(r, &p, quoted) != 0)
      return PMCSV_FATAL;
    p.in += (size_t)k;
    r->line++;
    return csv_finish(r, &p, fields, n_fields);
  }
  /* end of input */
  if (!started) {
    r->pos = p.in;
    return PMCSV_EOF;
  }
  if (st == ST_QUOTED) {
    /* Say which lines the open quote took: a stray quote makes the rest of
       the input one record, and the caller reports it as one row. */
    unsigned long last = r->line;
    if (p.in > p.rs && (r->buf[p.in - 1] == '\n' || r->buf[p.in - 1] == '\r'))
      last--;
    if (last > r->rec_line)
      csv_bad(r, "quoted field %lu is not closed at the end of the input "
              "(lines %lu to %lu are this one record)",
              (unsigned long)p.nf + 1, r->rec_line, last);
    else
      csv_bad(r, "quoted field %lu is not closed at the end of the input",
              (unsigned long)p.nf + 1);
  }
  else if (csv_field_end(r, &p, quoted) != 0)
    return PMCSV_FATAL;
  return csv_finish(r, &p, fields, n_fields);
}

/* See csv.h. */
PM_CSV_API unsigned long
pmcsv_record_number(const pmcsv_reader *r)
{
  return r->rec;
}

/* See csv.h. */
PM_CSV_API unsigned long
pmcsv_line_number(const pmcsv_reader *r)
{
  return r->rec_line;
}

/* See csv.h. */
PM_CSV_API const char *
pmcsv_error(const pmcsv_reader *r)
{
  return r->err;
}

/* Whether s[0..len) must be quoted to read back as itself. */
static int
csv_needs_quotes(const char *s, size_t len, char sep)
{
  size_t i;
  if (len == 0)
    return 0;
  if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
    return 1;
  /* A byte order mark would be dropped if it began the file. */
  if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
    return 1;
  for (i = 0; i < len; i++)
    if (s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
      return 1;
  return 0;
}

/* See csv.h. */
PM_CSV_API int
pmcsv_write_field(FILE *out, const char *s, size_t len, char sep)
{
  size_t i, run;
  if (!csv_needs_quotes(s, len, sep))
    return len == 0 || fwrite(s, 1, len, out) == len ? 0 : -1;
  putc('"', out);
  for (i = 0; i < len; i += run) {
    const char *q = memchr(s + i, '"', len - i);
    run = q ? (size_t)(q - (s + i)) + 1 : len - i;
    fwrite(s + i, 1, run, out);
    if (q)
      putc('"', out);         /* the quote just written, doubled */
  }
  putc('"', out);
  return ferror(out) ? -1 : 0;
}

/* See csv.h. */
PM_CSV_API void
pmcsv_writer_init(pmcsv_writer *w, FILE *out, char sep)
{
  w->fp = out;
  w->sep = sep;
  w->n = 0;
  w->first_empty = 0;
  w->failed = 0;
}

/* See csv.h. */
PM_CSV_API int
pmcsv_put(pmcsv_writer *w, const char *s, size_t len)
{
  if (w->n > 0 && putc(w->sep, w->fp) == EOF)
    w->failed = 1;
  if (w->n == 0)
    w->first_empty = len == 0;
  w->n++;
  if (pmcsv_write_field(w->fp, s, len, w->sep) != 0)
    w->failed = 1;
  return w->failed ? -1 : 0;
}

/* See csv.h. */
PM_CSV_API int
pmcsv_end_row(pmcsv_writer *w)
{
  if (w->n == 1 && w->first_empty && fputs("\"\"", w->fp) == EOF)
    w->failed = 1;
  if (putc('\n', w->fp) == EOF)
    w->failed = 1;
  w->n = 0;
  return w->failed ? -1 : 0;
}

/* See csv.h. */
PM_CSV_API int
pmcsv_write_row(FILE *out, const pmcsv_field *f, size_t n, char sep)
{
  pmcsv_writer w;
  size_t i;
  pmcsv_writer_init(&w, out, sep);
  for (i = 0; i < n; i++)
    pmcsv_put(&w, f[i].s, f[i].len);
  return pmcsv_end_row(&w);
}
