/*
** csvcmp.c: compare an actual CSV (pmmlc's output) with an expected CSV
** under the project's conformance rules, for our own test suite (a fresh
** clone has no external checker). Uses the project's CSV reader and
** number parser; owns only the comparison rules:
**
** - Expected columns must exist in the actual output, by name; extra
**   actual columns and the column order are ignored. --columns restricts
**   them: items joined with '|', `*` = every expected column, `NAME`
**   keeps a column, `!NAME` drops one, `EXP=>OUT` compares expected EXP
**   with actual OUT. Without a positive item every column is compared.
** - Row counts must match; rows compare in order.
** - Empty, `NA` and `N/A` mean missing, on both sides.
** - Two cells that both parse as numbers (NaN, Infinity, inf too) compare
**   numerically: equal if |e| <= Z and |a| <= Z, else
**   e*(1-P) <= a <= e*(1+P) for e >= 0, mirrored for e < 0 (default
**   P = Z = 1e-13; --rel alone sets both). With --ulps32 N both are cast
**   to float and must be within N float32 ulps of the expected value.
** - `true`/`false` compare case-insensitively, other strings exactly.
** Exit: 0 equal, 1 different (each mismatch reported, then a count),
** 2 usage error or unreadable file.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../pmmlc/csv.h"
#include "../runtime/numconv.h"

#define MAX_REPORT 20         /* mismatches printed in full */
#define MAX_COLS 4096         /* columns compared */

/* The comparison settings. */
typedef struct cmp_opts {
  double rel;                 /* P */
  double zero;                /* Z */
  long ulps;                  /* N, or -1 for the rel/zero rule */
} cmp_opts;

/* One compared column. */
typedef struct col {
  char *name;                 /* expected column name (for messages) */
  size_t ei;                  /* its index in the expected file */
  size_t ai;                  /* index of the matching actual column */
} col;

/* A header row copied out of the reader's buffer. */
typedef struct header {
  char **names;               /* NUL-terminated names */
  size_t n;                   /* how many */
} header;

static const char *prog = "csvcmp";

/* Print the usage text to fp. */
static void
usage(FILE *fp)
{
  fprintf(fp,
          "usage: %s [--rel P] [--zero Z] [--ulps32 N] [--columns 'A|B|!C']"
          " EXPECTED ACTUAL\n"
          "Compare CSV files cell by cell (numbers with tolerance).\n"
          "  --rel P       relative tolerance (default 1e-13; also sets Z\n"
          "                unless --zero is given)\n"
          "  --zero Z      values with |x| <= Z on both sides are equal\n"
          "  --ulps32 N    compare as float32, within N ulps of expected\n"
          "  --columns L   '|'-separated: NAME, !NAME, EXP=>OUT or *\n"
          "EXPECTED or ACTUAL may be '-' for standard input.\n"
          "Exit status: 0 equal, 1 different, 2 usage error.\n",
          prog);
}

/* Copy s[0..n) into a new NUL-terminated string (exits on no memory). */
static char *
dup_n(const char *s, size_t n)
{
  char *p = malloc(n + 1);
  if (!p) {
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(2);
  }
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Whether s[0..n) is a missing value: empty, NA or N/A. */
static int
is_missing(const char *s, size_t n)
{
  return n == 0 || (n == 2 && memcmp(s, "NA", 2) == 0)
         || (n == 3 && memcmp(s, "N/A", 3) == 0);
}

/* Whether s[0..n) equals the lower-case word w, ignoring ASCII case. */
static int
eq_nocase(const char *s, size_t n, const char *w)
{
  size_t i;
  if (strlen(w) != n)
    return 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != w[i])
      return 0;
  }
  return 1;
}

/* 1 for true, 0 for false (any case), -1 for anything else. */
static int
boolean(const char *s, size_t n)
{
  if (eq_nocase(s, n, "true"))
    return 1;
  if (eq_nocase(s, n, "false"))
    return 0;
  return -1;
}

/* Numbers e (expected) and a (actual) are equal under the settings. */
static int
num_equal(double e, double a, const cmp_opts *o)
{
  if (o->ulps >= 0) {
    float fe = (float)e, fa = (float)a, ulp;
    if (isnan(fe) || isnan(fa))
      return isnan(fe) && isnan(fa);
    if (isinf(fe) || isinf(fa))
      return fe == fa;
    ulp = fabsf(fe) == FLT_MAX ? FLT_MAX - nextafterf(FLT_MAX, 0)
                               : nextafterf(fabsf(fe), HUGE_VALF) - fabsf(fe);
    return fabs((double)fa - (double)fe) <= (double)o->ulps * (double)ulp;
  }
  if (isnan(e) || isnan(a))
    return isnan(e) && isnan(a);
  if (isinf(e) || isinf(a))
    return e == a;
  if (fabs(e) <= o->zero && fabs(a) <= o->zero)
    return 1;
  if (e >= 0)
    return e * (1 - o->rel) <= a && a <= e * (1 + o->rel);
  return e * (1 + o->rel) <= a && a <= e * (1 - o->rel);
}

/* The cells e (expected) and a (actual) are equal under the rules. */
static int
cell_equal(const pmcsv_field *e, const pmcsv_field *a, const cmp_opts *o)
{
  double x, y;
  int be, ba;
  int me = is_missing(e->s, e->len), ma = is_missing(a->s, a->len);
  if (me || ma)
    return me && ma;
  if (pmmlN_parse_double(e->s, e->len, &x) == 0
      && pmmlN_parse_double(a->s, a->len, &y) == 0)
    return num_equal(x, y, o);
  be = boolean(e->s, e->len);
  ba = boolean(a->s, a->len);
  if (be >= 0 && ba >= 0)
    return be == ba;
  return e->len == a->len && memcmp(e->s, a->s, e->len) == 0;
}

/* Open path for reading ("-" is stdin); exits 2 when it cannot. */
static FILE *
open_in(const char *path)
{
  FILE *fp;
  if (strcmp(path, "-") == 0)
    return stdin;
  fp = fopen(path, "rb");
  if (!fp) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
    exit(2);
  }
  return fp;
}

/*
** Read the next record of r (file 'path') into *f and *n. Returns 1 for a
** row, 0 at the end; a bad record is reported and ends the comparison
** with status 1.
*/
static int
next_row(pmcsv_reader *r, const char *path, const pmcsv_field **f, size_t *n)
{
  int rc = pmcsv_read(r, f, n);
  if (rc == PMCSV_ROW)
    return 1;
  if (rc == PMCSV_EOF)
    return 0;
  fprintf(stderr, "%s: %s:%lu: %s\n", prog, path, pmcsv_line_number(r),
          pmcsv_error(r));
  exit(1);
}

/* Read the header of r into h (exits 1 when the file has none). */
static void
read_header(pmcsv_reader *r, const char *path, header *h)
{
  const pmcsv_field *f;
  size_t n, i;
  if (!next_row(r, path, &f, &n)) {
    fprintf(stderr, "%s: %s: no header row\n", prog, path);
    exit(1);
  }
  h->names = malloc(n * sizeof *h->names);
  if (!h->names) {
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(2);
  }
  for (i = 0; i < n; i++)
    h->names[i] = dup_n(f[i].s, f[i].len);
  h->n = n;
}

/* Index of the column called name[0..len) in h, or -1. */
static long
find_col(const header *h, const char *name, size_t len)
{
  size_t i;
  for (i = 0; i < h->n; i++)
    if (strlen(h->names[i]) == len && memcmp(h->names[i], name, len) == 0)
      return (long)i;
  return -1;
}

/*
** Work out the columns to compare from the two headers and the
** --columns list (NULL: all). Returns how many, or exits: 2 for a list
** naming an unknown expected column, 1 for a column missing in ACTUAL.
*/
static size_t
plan_columns(const header *eh, const header *ah, const char *list, col *cols)
{
  unsigned char keep[MAX_COLS] = { 0 };
  const char *alias[MAX_COLS] = { 0 };
  size_t alias_len[MAX_COLS] = { 0 };
  size_t i, n = 0;
  int positive = 0, missing = 0;

  if (eh->n > MAX_COLS) {
    fprintf(stderr, "%s: more than %d columns\n", prog, MAX_COLS);
    exit(2);
  }
  for (i = 0; i < eh->n; i++)
    keep[i] = 1;
  while (list && *list) {
    const char *end = strchr(list, '|'), *arrow;
    size_t len = end ? (size_t)(end - list) : strlen(list);
    int drop = *list == '!';
    const char *name = list + drop;
    size_t nlen = len - (size_t)drop, elen = nlen;
    long k;
    arrow = NULL;
    for (i = 0; i + 1 < nlen; i++)
      if (name[i] == '=' && name[i + 1] == '>') {
        arrow = name + i;
        elen = i;
        break;
      }
    if (!drop && elen == 1 && name[0] == '*' && !arrow) {
      list = end ? end + 1 : list + len;
      continue;
    }
    k = find_col(eh, name, elen);
    if (k < 0) {
      fprintf(stderr, "%s: --columns: no column '%.*s' in EXPECTED\n", prog,
              (int)elen, name);
      exit(2);
    }
    if (drop) {
      keep[k] = 0;
    } else {
      if (!positive)
        memset(keep, 0, sizeof keep);
      positive = 1;
      keep[k] = 1;
      if (arrow) {
        alias[k] = arrow + 2;
        alias_len[k] = nlen - elen - 2;
      }
    }
    list = end ? end + 1 : list + len;
  }
  for (i = 0; i < eh->n; i++) {
    const char *an = alias[i] ? alias[i] : eh->names[i];
    size_t al = alias[i] ? alias_len[i] : strlen(eh->names[i]);
    long k;
    if (!keep[i])
      continue;
    k = find_col(ah, an, al);
    if (k < 0) {
      fprintf(stderr, "%s: column '%.*s' is missing in ACTUAL\n", prog,
              (int)al, an);
      missing++;
      continue;
    }
    cols[n].name = eh->names[i];
    cols[n].ei = i;
    cols[n].ai = (size_t)k;
    n++;
  }
  if (missing)
    exit(1);
  return n;
}

/* Parse a nonnegative number option value; exits 2 when it is not one. */
static double
num_arg(const char *opt, const char *v)
{
  double d;
  if (!v || pmmlN_parse_double(v, strlen(v), &d) != 0 || !(d >= 0)) {
    fprintf(stderr, "%s: %s needs a nonnegative number\n", prog, opt);
    usage(stderr);
    exit(2);
  }
  return d;
}

/* Compare, report, exit with the status described at the top. */
int
main(int argc, char **argv)
{
  cmp_opts o = { 1e-13, 1e-13, -1 };
  const char *columns = NULL, *paths[2] = { NULL, NULL };
  int i, npaths = 0, zero_set = 0, shape = 0;
  FILE *fe, *fa;
  pmcsv_reader *re, *ra;
  header eh, ah;
  static col cols[MAX_COLS];
  size_t ncols, k;
  unsigned long rows = 0, bad = 0, bad_rows = 0;
  const pmcsv_field *ef, *af;
  size_t en, an;

  for (i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    size_t alen = eq ? (size_t)(eq - a) : strlen(a);
    if (eq)
      v = eq + 1;
#define IS(name) (alen == strlen(name) && strncmp(a, name, alen) == 0)
    if (IS("--help") || IS("-h")) {
      usage(stdout);
      return 0;
    }
    if (IS("--rel") || IS("--zero") || IS("--ulps32") || IS("--columns")) {
      if (!v) {
        if (i + 1 >= argc) {
          fprintf(stderr, "%s: %s needs a value\n", prog, a);
          usage(stderr);
          return 2;
        }
        v = argv[++i];
      }
      if (IS("--rel")) {
        o.rel = num_arg("--rel", v);
      } else if (IS("--zero")) {
        o.zero = num_arg("--zero", v);
        zero_set = 1;
      } else if (IS("--ulps32")) {
        double d = num_arg("--ulps32", v);
        if (d != floor(d) || d > 1e9) {
          fprintf(stderr, "%s: --ulps32 needs a whole number\n", prog);
          return 2;
        }
        o.ulps = (long)d;
      } else {
        columns = v;
      }
      if (IS("--rel") && !zero_set)
        o.zero = o.rel;
      continue;
    }
#undef IS
    if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "%s: unknown option '%s'\n", prog, a);
      usage(stderr);
      return 2;
    }
    if (npaths == 2) {
      fprintf(stderr, "%s: too many files\n", prog);
      usage(stderr);
      return 2;
    }
    paths[npaths++] = a;
  }
  if (npaths != 2) {
    usage(stderr);
    return 2;
  }
  fe = open_in(paths[0]);
  fa = open_in(paths[1]);
  re = pmcsv_reader_new(fe, NULL);
  ra = pmcsv_reader_new(fa, NULL);
  if (!re || !ra) {
    fprintf(stderr, "%s: out of memory\n", prog);
    return 2;
  }
  read_header(re, paths[0], &eh);
  read_header(ra, paths[1], &ah);
  ncols = plan_columns(&eh, &ah, columns, cols);
  for (;;) {
    int he = next_row(re, paths[0], &ef, &en);
    int ha = next_row(ra, paths[1], &af, &an);
    int row_bad = 0;
    if (!he || !ha) {
      unsigned long ne = rows + (unsigned long)he;
      unsigned long na = rows + (unsigned long)ha;
      if (he == ha)
        break;
      while (he && next_row(re, paths[0], &ef, &en))
        ne++;
      while (ha && next_row(ra, paths[1], &af, &an))
        na++;
      fprintf(stderr, "%s: expected %lu rows, got %lu\n", prog, ne, na);
      shape = 1;
      break;
    }
    rows++;
    if (en != eh.n || an != ah.n) {
      fprintf(stderr, "%s: row %lu: %lu fields in EXPECTED, %lu in ACTUAL"
              " (headers have %lu and %lu)\n", prog, rows,
              (unsigned long)en, (unsigned long)an, (unsigned long)eh.n,
              (unsigned long)ah.n);
      shape = 1;
      bad_rows++;
      continue;
    }
    for (k = 0; k < ncols; k++) {
      const pmcsv_field *e = &ef[cols[k].ei], *a = &af[cols[k].ai];
      if (cell_equal(e, a, &o))
        continue;
      if (bad < MAX_REPORT)
        fprintf(stderr, "row %lu, column '%s': expected '%.*s', got '%.*s'\n",
                rows, cols[k].name, (int)e->len, e->s, (int)a->len, a->s);
      bad++;
      row_bad = 1;
    }
    bad_rows += (unsigned long)row_bad;
  }
  if (bad)
    fprintf(stderr, "%s: %lu mismatching cells in %lu of %lu rows"
            " (%lu columns compared)\n", prog, bad, bad_rows, rows,
            (unsigned long)ncols);
  pmcsv_reader_free(re);
  pmcsv_reader_free(ra);
  for (k = 0; k < eh.n; k++)
    free(eh.names[k]);
  for (k = 0; k < ah.n; k++)
    free(ah.names[k]);
  free(eh.names);
  free(ah.names);
  if (fe != stdin)
    fclose(fe);
  if (fa != stdin)
    fclose(fa);
  return bad || shape ? 1 : 0;
}
