/*
** test_csv.c: CUnit suite for pmmlc/csv.c. Each case feeds bytes through
** a tmpfile() to the reader and compares a transcript of every call
** (record number, line, fields or error) with the expected one, for
** several buffer sizes and the interactive mode, so that records crossing
** buffer boundaries are covered. Also: error recovery that neither loses
** nor shifts records, the limits, read errors, and writer round trips.
*/
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../pmmlc/csv.h"

/* A growing text buffer for transcripts. */
typedef struct tbuf {
  char *s;                    /* NUL-terminated text */
  size_t n, cap;              /* length and capacity */
} tbuf;

/* Append s[0..n) to t. */
static void
tb_add(tbuf *t, const char *s, size_t n)
{
  if (t->n + n + 1 > t->cap) {
    t->cap = (t->n + n + 1) * 2;
    t->s = realloc(t->s, t->cap);
  }
  memcpy(t->s + t->n, s, n);
  t->n += n;
  t->s[t->n] = '\0';
}

/* Append a NUL-terminated string to t. */
static void
tb_str(tbuf *t, const char *s)
{
  tb_add(t, s, strlen(s));
}

/* A temporary file holding data[0..n), positioned at its start. */
static FILE *
file_of(const char *data, size_t n)
{
  FILE *fp = tmpfile();
  if (!fp)
    return NULL;
  if (n)
    fwrite(data, 1, n, fp);
  rewind(fp);
  return fp;
}

/*
** Transcript of reading fp to the end: one line per call,
** "r<rec>:<line>:f1|f2|..." for a row (quoted fields marked with a
** leading '*', CR and LF shown as \r and \n, fields longer than 20 bytes
** as <len>), "e<rec>:<line>" for a record error, "F" for a fatal error.
*/
static char *
transcript(FILE *fp, const pmcsv_options *opt)
{
  tbuf t = { NULL, 0, 0 };
  pmcsv_reader *r = pmcsv_reader_new(fp, opt);
  const pmcsv_field *f;
  size_t n, i, j;
  int rc, guard = 0;
  char num[64];

  tb_str(&t, "");
  if (!r)
    return t.s;
  while ((rc = pmcsv_read(r, &f, &n)) != PMCSV_EOF && guard++ < 100000) {
    if (rc == PMCSV_FATAL) {
      tb_str(&t, "F\n");
      break;
    }
    sprintf(num, "%c%lu:%lu", rc == PMCSV_ROW ? 'r' : 'e',
            pmcsv_record_number(r), pmcsv_line_number(r));
    tb_str(&t, num);
    if (rc == PMCSV_ROW) {
      tb_str(&t, ":");
      for (i = 0; i < n; i++) {
        if (i)
          tb_str(&t, "|");
        if (f[i].quoted)
          tb_str(&t, "*");
        if (f[i].len > 20) {
          sprintf(num, "<%lu>", (unsigned long)f[i].len);
          tb_str(&t, num);
          continue;
        }
        for (j = 0; j < f[i].len; j++) {
          if (f[i].s[j] == '\n')
            tb_str(&t, "\\n");
          else if (f[i].s[j] == '\r')
            tb_str(&t, "\\r");
          else
            tb_add(&t, f[i].s + j, 1);
        }
      }
    } else {
      CU_ASSERT(f == NULL);
      CU_ASSERT(pmcsv_error(r)[0] != '\0');
    }
    tb_str(&t, "\n");
  }
  /* EOF (and FATAL) are sticky */
  if (rc == PMCSV_EOF)
    CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_EOF);
  pmcsv_reader_free(r);
  return t.s;
}

/*
** Check that reading data[0..n) gives the transcript 'want' with 'opt'
** (NULL: defaults) under buffer sizes 64, 67, 200 and the default, and
** in interactive mode. Prints the first difference.
*/
static void
expect_n(const char *data, size_t n, const pmcsv_options *opt,
         const char *want)
{
  static const size_t sizes[] = { 1, 67, 200, 0 };
  pmcsv_options o;
  size_t i;
  int inter;
  for (inter = 0; inter < 2; inter++) {
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
      FILE *fp = file_of(data, n);
      char *got;
      if (opt)
        o = *opt;
      else
        pmcsv_options_init(&o);
      if (sizes[i])
        o.buffer_size = sizes[i];
      o.interactive = inter;
      got = transcript(fp, &o);
      if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  buffer %lu%s:\n  want:\n%s  got:\n%s",
                (unsigned long)o.buffer_size, inter ? " interactive" : "",
                want, got);
      CU_ASSERT_STRING_EQUAL(got, want);
      free(got);
      fclose(fp);
    }
  }
}

/* expect_n for a NUL-terminated input. */
static void
expect(const char *data, const pmcsv_options *opt, const char *want)
{
  expect_n(data, strlen(data), opt, want);
}

/* Plain records, with and without a final line end; empty input. */
static void
test_basic(void)
{
  expect("a,b,c\n1,2,3\n4,5,6\n", NULL,
         "r0:1:a|b|c\nr1:2:1|2|3\nr2:3:4|5|6\n");
  expect("a,b\n1,2", NULL, "r0:1:a|b\nr1:2:1|2\n");
  expect("", NULL, "");
  expect("\n\n\r\n", NULL, "");
  expect("x", NULL, "r0:1:x\n");
  expect(",,\n,\n", NULL, "r0:1:||\nr1:2:|\n");
  expect("a,b,", NULL, "r0:1:a|b|\n");
  expect(" a , b \n", NULL, "r0:1: a | b \n");
}

/* LF, CRLF, lone CR, and blank lines that are skipped but counted. */
static void
test_line_ends(void)
{
  expect("a,b\r\n1,2\r\n", NULL, "r0:1:a|b\nr1:2:1|2\n");
  expect("a,b\r1,2\r", NULL, "r0:1:a|b\nr1:2:1|2\n");
  expect("a\r\n\r\n1\n\n\n2\r3", NULL,
         "r0:1:a\nr1:3:1\nr2:6:2\nr3:7:3\n");
  expect("a\r\r\n\n\rb\n", NULL, "r0:1:a\nr1:5:b\n");
}

/* A UTF-8 BOM is skipped at the start only. */
static void
test_bom(void)
{
  expect("\xEF\xBB\xBFx,y\n1,2\n", NULL, "r0:1:x|y\nr1:2:1|2\n");
  expect("\xEF\xBB\xBF", NULL, "");
  expect("\xEF\xBB", NULL, "r0:1:\xEF\xBB\n");
  expect("\xEF\xBB\xBF\xEF\xBB\xBFx\n", NULL, "r0:1:\xEF\xBB\xBFx\n");
  expect("a\n\xEF\xBB\xBF" "b\n", NULL, "r0:1:a\nr1:2:\xEF\xBB\xBF" "b\n");
}

/* Quoted fields: separators, doubled quotes, line ends; mid-field quotes. */
static void
test_quotes(void)
{
  expect("\"a,b\",\"c\"\"d\",\"e\nf\"\nx,y,z\n", NULL,
         "r0:1:*a,b|*c\"d|*e\\nf\nr1:3:x|y|z\n");
  expect("\"e\r\nf\",\"\"\r\n1,2\r\n", NULL,
         "r0:1:*e\\r\\nf|*\nr1:3:1|2\n");
  expect("don\"t,x\"y\"\n", NULL, "r0:1:don\"t|x\"y\"\n");
  expect("\"ab\"c,d\n", NULL, "r0:1:*abc|d\n");
  expect("\"ab\"c\"d,e\n", NULL, "r0:1:*abc\"d|e\n");
  expect("\"\"\n", NULL, "r0:1:*\n");
  expect("\"\"\"\"\n", NULL, "r0:1:*\"\n");
  expect("\"a\"", NULL, "r0:1:*a\n");
  expect(" \"a\"\n", NULL, "r0:1: \"a\"\n");
  expect("\"\n\n\"\n", NULL, "r0:1:*\\n\\n\n");
  expect("\"a\r\"\n", NULL, "r0:1:*a\\r\n");
}

/* Other separators. */
static void
test_separators(void)
{
  pmcsv_options o;
  pmcsv_options_init(&o);
  o.sep = ';';
  expect("a;b\n1,5;\"2;3\"\n", &o, "r0:1:a|b\nr1:2:1,5|*2;3\n");
  o.sep = '\t';
  expect("a\tb\n1 2\t\"x\ty\"\n", &o, "r0:1:a|b\nr1:2:1 2|*x\ty\n");
  o.sep = '"';
  CU_ASSERT(pmcsv_reader_new(stdin, &o) == NULL);
  o.sep = '\n';
  CU_ASSERT(pmcsv_reader_new(stdin, &o) == NULL);
  pmcsv_options_init(&o);
  o.max_fields = 0;
  CU_ASSERT(pmcsv_reader_new(stdin, &o) == NULL);
}

/* A bad record in the middle neither loses nor shifts the others. */
static void
test_record_errors(void)
{
  static const char nul[] = "a,b\n1,\0x\n3,4\n\"5\0\",6\n7,8";
  expect_n(nul, sizeof nul - 1, NULL,
           "r0:1:a|b\ne1:2\nr2:3:3|4\ne3:4\nr4:5:7|8\n");
  /* an unterminated quote swallows the rest of the input */
  expect("a,b\n1,\"xx\n2,3\n", NULL, "r0:1:a|b\ne1:2\n");
  expect("\"", NULL, "e0:1\n");
  /* quotes closed further down keep the line count right */
  {
    static const char q[] = "h\n\"a\n\nb\n\0\"\nz\n";
    expect_n(q, sizeof q - 1, NULL, "r0:1:h\ne1:2\nr2:6:z\n");
  }
}

/* Error messages say what is wrong. */
static void
test_messages(void)
{
  static const char nul[] = "a\0";
  FILE *fp = file_of(nul, 2);
  pmcsv_reader *r = pmcsv_reader_new(fp, NULL);
  const pmcsv_field *f;
  size_t n;
  CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_ERROR);
  CU_ASSERT(strstr(pmcsv_error(r), "NUL") != NULL);
  CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_EOF);
  CU_ASSERT_STRING_EQUAL(pmcsv_error(r), "");
  pmcsv_reader_free(r);
  fclose(fp);
  fp = file_of("\"abc", 4);
  r = pmcsv_reader_new(fp, NULL);
  CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_ERROR);
  CU_ASSERT(strstr(pmcsv_error(r), "not closed") != NULL);
  pmcsv_reader_free(r);
  fclose(fp);
  pmcsv_reader_free(NULL);
}

/* Fields over 1 MiB (plain, quoted with line ends) are rejected, and
   the reader resumes after them. */
static void
test_long_fields(void)
{
  size_t big = ((size_t)1 << 20) + 100, i;
  char *data = malloc(big + 100);
  char *p = data;
  memcpy(p, "a,b\n1,", 6);
  p += 6;
  memset(p, 'x', big);
  p += big;
  memcpy(p, "\n2,3\n", 5);
  p += 5;
  expect_n(data, (size_t)(p - data), NULL, "r0:1:a|b\ne1:2\nr2:3:2|3\n");
  /* quoted, with line ends inside */
  p = data;
  memcpy(p, "a,b\n1,\"", 7);
  p += 7;
  for (i = 0; i < big; i++)
    *p++ = i % 1000 == 999 ? '\n' : 'y';
  memcpy(p, "\",q\n2,3\n", 8);
  p += 8;
  {
    char want[64];
    sprintf(want, "r0:1:a|b\ne1:2\nr2:%lu:2|3\n",
            (unsigned long)(3 + big / 1000));
    expect_n(data, (size_t)(p - data), NULL, want);
  }
  free(data);
  /* 3 MiB: caught while the buffer fills, which then stops growing */
  big = (size_t)3 << 20;
  data = malloc(big + 100);
  p = data;
  memcpy(p, "a\n\"", 3);
  p += 3;
  memset(p, 'w', big);
  p += big;
  memcpy(p, "\"\n\"b\"\n", 6);
  p += 6;
  expect_n(data, (size_t)(p - data), NULL, "r0:1:a\ne1:2\nr2:3:*b\n");
  /* exactly at the limit is fine */
  p = data;
  memset(p, 'z', (size_t)1 << 20);
  p += (size_t)1 << 20;
  memcpy(p, "\n1\n", 3);
  p += 3;
  expect_n(data, (size_t)(p - data), NULL, "r0:1:<1048576>\nr1:2:1\n");
  free(data);
}

/* max_fields and max_record_len. */
static void
test_limits(void)
{
  pmcsv_options o;
  pmcsv_options_init(&o);
  o.max_fields = 3;
  expect("a,b,c\n1,2,3,4,5\n6,7,8\n", &o,
         "r0:1:a|b|c\ne1:2\nr2:3:6|7|8\n");
  pmcsv_options_init(&o);
  o.max_record_len = 100;
  {
    char data[1000];
    memset(data, 'v', 300);
    memcpy(data, "h\n", 2);
    strcpy(data + 300, "\nok\n");
    expect(data, &o, "r0:1:h\ne1:2\nr2:3:ok\n");
  }
  pmcsv_options_init(&o);
  o.max_field_len = 4;
  expect("abcd,e\nabcde,f\n\"ab\"\"\"\"\"\n", &o,
         "r0:1:abcd|e\ne1:2\nr2:3:*ab\"\"\n");
  /* many fields: the field array grows */
  {
    tbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
    int i;
    char num[16];
    tb_str(&want, "r0:1:");
    for (i = 0; i < 1000; i++) {
      sprintf(num, "%s%d", i ? "," : "", i);
      tb_str(&in, num);
      sprintf(num, "%s%d", i ? "|" : "", i);
      tb_str(&want, num);
    }
    tb_str(&in, "\n");
    tb_str(&want, "\n");
    expect(in.s, NULL, want.s);
    free(in.s);
    free(want.s);
  }
}

/* Numbering without a header row. */
static void
test_no_header(void)
{
  pmcsv_options o;
  pmcsv_options_init(&o);
  o.header = 0;
  expect("1\n2\n", &o, "r1:1:1\nr2:2:2\n");
}

/* A stream that cannot be read gives PMCSV_FATAL, and again after. */
static void
test_read_error(void)
{
  FILE *fp = fopen("/dev/null", "w");
  pmcsv_reader *r;
  const pmcsv_field *f;
  size_t n;
  if (!fp)
    return;
  r = pmcsv_reader_new(fp, NULL);
  CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_FATAL);
  CU_ASSERT(strstr(pmcsv_error(r), "read error") != NULL);
  CU_ASSERT_EQUAL(pmcsv_read(r, &f, &n), PMCSV_FATAL);
  pmcsv_reader_free(r);
  fclose(fp);
}

/* Writer: quoting only where needed, LF line ends, the lone empty field. */
static void
test_writer(void)
{
  FILE *fp = tmpfile();
  pmcsv_writer w;
  char buf[256];
  size_t n;
  pmcsv_writer_init(&w, fp, ',');
  pmcsv_put(&w, "plain", 5);
  pmcsv_put(&w, "a,b", 3);
  pmcsv_put(&w, "say \"hi\"", 8);
  pmcsv_put(&w, "l1\nl2", 5);
  pmcsv_put(&w, "cr\r", 3);
  pmcsv_put(&w, " lead", 5);
  pmcsv_put(&w, "", 0);
  pmcsv_put(&w, "don't;", 6);
  CU_ASSERT_EQUAL(pmcsv_end_row(&w), 0);
  pmcsv_put(&w, "", 0);
  pmcsv_end_row(&w);
  pmcsv_put(&w, "", 0);
  pmcsv_put(&w, "", 0);
  pmcsv_end_row(&w);
  pmcsv_end_row(&w);
  rewind(fp);
  n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  CU_ASSERT_STRING_EQUAL(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\","
                              "\"cr\r\",\" lead\",,don't;\n\"\"\n,\n\n");
  fclose(fp);
  fp = tmpfile();
  {
    pmcsv_field f[3] = { { "1", 1, 0 }, { "a\"", 2, 0 }, { "", 0, 0 } };
    CU_ASSERT_EQUAL(pmcsv_write_row(fp, f, 3, ','), 0);
    CU_ASSERT_EQUAL(pmcsv_write_row(fp, f + 2, 1, ','), 0);
  }
  rewind(fp);
  n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  CU_ASSERT_STRING_EQUAL(buf, "1,\"a\"\"\",\n\"\"\n");
  fclose(fp);
  fp = tmpfile();
  CU_ASSERT_EQUAL(pmcsv_write_field(fp, "x;y", 3, ';'), 0);
  CU_ASSERT_EQUAL(pmcsv_write_field(fp, "x,y", 3, ';'), 0);
  rewind(fp);
  n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  CU_ASSERT_STRING_EQUAL(buf, "\"x;y\"x,y");
  fclose(fp);
  /* A field that starts with a byte order mark is quoted: written first in
     a file, it would otherwise be dropped as the file's BOM (fuzz_csv). */
  fp = tmpfile();
  {
    pmcsv_field f[2] = { { "\xEF\xBB\xBFx", 4, 0 }, { "y", 1, 0 } };
    pmcsv_reader *r;
    const pmcsv_field *g;
    CU_ASSERT_EQUAL(pmcsv_write_row(fp, f, 2, ','), 0);
    rewind(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, "\"\xEF\xBB\xBFx\",y\n");
    rewind(fp);
    r = pmcsv_reader_new(fp, NULL);
    CU_ASSERT_EQUAL(pmcsv_read(r, &g, &n), PMCSV_ROW);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT(g[0].len == 4 && !memcmp(g[0].s, "\xEF\xBB\xBFx", 4));
    pmcsv_reader_free(r);
  }
  fclose(fp);
}

/* Deterministic xorshift64* generator. */
static uint64_t
rnd(uint64_t *st)
{
  *st ^= *st >> 12;
  *st ^= *st << 25;
  *st ^= *st >> 27;
  return *st * UINT64_C(2685821657736338717);
}

/* Random tables of nasty fields survive write + read for any buffer size
   and separator. */
static void
test_roundtrip_random(void)
{
  static const char alphabet[] = "ab ,;\t\"\r\n1.-";
  uint64_t st = 7;
  int round;
  for (round = 0; round < 60; round++) {
    char sep = ",;\t"[round % 3];
    FILE *fp = tmpfile();
    pmcsv_writer w;
    tbuf want = { NULL, 0, 0 };
    int rows = 1 + (int)(rnd(&st) % 40), i, j;
    tb_str(&want, "");
    pmcsv_writer_init(&w, fp, sep);
    for (i = 0; i < rows; i++) {
      int nf = 1 + (int)(rnd(&st) % 6);
      char num[32];
      sprintf(num, "r%d:", i);
      tb_str(&want, num);
      for (j = 0; j < nf; j++) {
        char field[40];
        int len = (int)(rnd(&st) % (j == 0 ? 3 : 30)), k;
        for (k = 0; k < len; k++)
          field[k] = alphabet[rnd(&st) % (sizeof alphabet - 1)];
        pmcsv_put(&w, field, (size_t)len);
        if (j)
          tb_str(&want, "|");
        for (k = 0; k < len; k++)
          tb_str(&want, field[k] == '\n' ? "\\n"
                        : field[k] == '\r' ? "\\r" : (char[2]){ field[k], 0 });
      }
      pmcsv_end_row(&w);
      tb_str(&want, "\n");
    }
    {
      static const size_t sizes[] = { 64, 100, 4096 };
      size_t s;
      for (s = 0; s < 3; s++) {
        pmcsv_options o;
        pmcsv_reader *r;
        const pmcsv_field *f;
        size_t n, k, m;
        tbuf got = { NULL, 0, 0 };
        int rc;
        tb_str(&got, "");
        rewind(fp);
        pmcsv_options_init(&o);
        o.sep = sep;
        o.buffer_size = sizes[s];
        o.interactive = s == 1;
        r = pmcsv_reader_new(fp, &o);
        while ((rc = pmcsv_read(r, &f, &n)) == PMCSV_ROW) {
          char num[32];
          sprintf(num, "r%lu:", pmcsv_record_number(r));
          tb_str(&got, num);
          for (k = 0; k < n; k++) {
            if (k)
              tb_str(&got, "|");
            for (m = 0; m < f[k].len; m++)
              tb_str(&got, f[k].s[m] == '\n' ? "\\n"
                           : f[k].s[m] == '\r' ? "\\r"
                           : (char[2]){ f[k].s[m], 0 });
          }
          tb_str(&got, "\n");
        }
        CU_ASSERT_EQUAL(rc, PMCSV_EOF);
        if (strcmp(got.s, want.s) != 0)
          fprintf(stderr, "\n  round %d buffer %lu\n  want:\n%s  got:\n%s",
                  round, (unsigned long)sizes[s], want.s, got.s);
        CU_ASSERT_STRING_EQUAL(got.s, want.s);
        free(got.s);
        pmcsv_reader_free(r);
      }
    }
    free(want.s);
    fclose(fp);
  }
}

/* Register the csv suite with CUnit. */
void add_csv_suite(void);

void
add_csv_suite(void)
{
  CU_pSuite s = CU_add_suite("csv", NULL, NULL);
  CU_add_test(s, "basic records", test_basic);
  CU_add_test(s, "line ends and blank lines", test_line_ends);
  CU_add_test(s, "byte order mark", test_bom);
  CU_add_test(s, "quoted fields", test_quotes);
  CU_add_test(s, "separators and options", test_separators);
  CU_add_test(s, "record errors do not shift rows", test_record_errors);
  CU_add_test(s, "error messages", test_messages);
  CU_add_test(s, "fields over 1 MiB", test_long_fields);
  CU_add_test(s, "limits", test_limits);
  CU_add_test(s, "no header", test_no_header);
  CU_add_test(s, "read error", test_read_error);
  CU_add_test(s, "writer", test_writer);
  CU_add_test(s, "random write/read round trip", test_roundtrip_random);
}
