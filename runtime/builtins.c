/*
** builtins.c: PMML's built-in functions (PMML 4.4 BuiltinFunctions.html)
** applied to evaluated arguments: the table of names (builtins.def plus the
** x- spellings of real exporters), result data types, and one evaluator
** per function. The numeric kernels live in builtins.inc, shared with the
** generated C. Regular expressions go through regex.c.
**
** What this file leaves to eval_expr.c: evaluating the arguments (and "if",
** lazily), mapMissingTo (when an argument is missing, before calling here),
** defaultValue (when the result is missing), invalidValueTreatment (when
** the result is a NaN number), and the cast to Apply@dataType.
**
** Conventions. A function whose mathematical result is undefined (sqrt(-1),
** ln(0), x/0, asin(2)) returns a NaN number: the caller applies
** Apply@invalidValueTreatment. Wrong argument types or values (a string
** where a number is needed, substring from position 0, a bad formatNumber
** pattern) fail the record with pmmlE_fail(c, PMML_E_EVAL, ...) naming the
** function. Missing arguments make the result missing, except for
** isMissing, isNotMissing, isValid, isNotValid (which look at them) and
** the aggregations min, max, sum, avg, median, product and concat (which
** skip them; all missing gives missing, "" for concat).
**
** Result data types: + - * min max sum product abs modulo rint keep the
** common type of their arguments (integer < float < double); / avg median
** give double (float for float arguments); the other mathematical and
** statistical functions double (float for float arguments); floor, ceil,
** round, threshold, stringLength and the date functions integer;
** comparisons and logic boolean; string functions string.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "builtins.inc"
#include "pmml_int.h"

const pm_builtin_info pmmlE_builtins[PM_BI_COUNT] = {
#define PM_BUILTIN(id, name, lo, hi) {name, lo, hi},
#include "builtins.def"
#undef PM_BUILTIN
};

/* Other names exporters write for the same functions: the x- names of
** PMML 4.3-era JPMML converters (jpmml-model PMMLFunctions before 4.4
** standardised them) and "atan2". */
static const struct {
  const char *name;
  int id;
} aliases[] = {
  {"x-acos", PM_BI_ACOS},     {"x-asin", PM_BI_ASIN},
  {"x-atan", PM_BI_ATAN},     {"x-cos", PM_BI_COS},
  {"x-cosh", PM_BI_COSH},     {"x-expm1", PM_BI_EXPM1},
  {"x-hypot", PM_BI_HYPOT},   {"x-ln1p", PM_BI_LN1P},
  {"x-modulo", PM_BI_MODULO}, {"x-rint", PM_BI_RINT},
  {"x-sin", PM_BI_SIN},       {"x-sinh", PM_BI_SINH},
  {"x-tan", PM_BI_TAN},       {"x-tanh", PM_BI_TANH},
  {"atan2", PM_BI_ATAN2},
};

/* The builtin called name[0..len) exactly (also the x- names), or -1.
** PMML 4.4 Built-in functions. */
int
pmmlE_builtin_find(const char *name, size_t len)
{
  size_t i;
  for (i = 0; i < PM_BI_COUNT; i++)
    if (strlen(pmmlE_builtins[i].name) == len
        && memcmp(pmmlE_builtins[i].name, name, len) == 0)
      return (int)i;
  for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strlen(aliases[i].name) == len
        && memcmp(aliases[i].name, name, len) == 0)
      return aliases[i].id;
  return -1;
}

/* ---- Result data types ------------------------------------------------ */

/* The common numeric type: integer (and boolean) < float < double; any
** other type (dates, strings, undeclared) counts as double. */
static uint8_t
common_num(const uint8_t *dts, int n)
{
  int i, fl = 0, dbl = n == 0;
  for (i = 0; i < n; i++) {
    if (dts[i] == PMML_DT_INTEGER || dts[i] == PMML_DT_BOOLEAN)
      continue;
    if (dts[i] == PMML_DT_FLOAT)
      fl = 1;
    else
      dbl = 1;
  }
  return dbl ? PMML_DT_DOUBLE : fl ? PMML_DT_FLOAT : PMML_DT_INTEGER;
}

/*
** The data type of builtin id applied to arguments of data types dts[0..n)
** (the rules in the comment at the top of this file). The resolver and the
** code generator use it to type Apply without evaluating it.
*/
uint8_t
pmmlE_builtin_dtype(int id, const uint8_t *dts, int n)
{
  uint8_t t = common_num(dts, n);
  switch (id) {
  case PM_BI_ADD: case PM_BI_SUB: case PM_BI_MUL: case PM_BI_MIN:
  case PM_BI_MAX: case PM_BI_SUM: case PM_BI_PRODUCT: case PM_BI_ABS:
  case PM_BI_MODULO: case PM_BI_RINT:
    return t;
  case PM_BI_FLOOR: case PM_BI_CEIL: case PM_BI_ROUND: case PM_BI_THRESHOLD:
  case PM_BI_STRINGLENGTH: case PM_BI_DATEDAYSSINCEYEAR:
  case PM_BI_DATESECONDSSINCEYEAR: case PM_BI_DATESECONDSSINCEMIDNIGHT:
    return PMML_DT_INTEGER;
  case PM_BI_ISMISSING: case PM_BI_ISNOTMISSING: case PM_BI_ISVALID:
  case PM_BI_ISNOTVALID: case PM_BI_EQUAL: case PM_BI_NOTEQUAL:
  case PM_BI_LESSTHAN: case PM_BI_LESSOREQUAL: case PM_BI_GREATERTHAN:
  case PM_BI_GREATEROREQUAL: case PM_BI_AND: case PM_BI_OR: case PM_BI_NOT:
  case PM_BI_ISIN: case PM_BI_ISNOTIN: case PM_BI_MATCHES:
    return PMML_DT_BOOLEAN;
  case PM_BI_UPPERCASE: case PM_BI_LOWERCASE: case PM_BI_SUBSTRING:
  case PM_BI_TRIMBLANKS: case PM_BI_CONCAT: case PM_BI_REPLACE:
  case PM_BI_FORMATNUMBER: case PM_BI_FORMATDATETIME:
    return PMML_DT_STRING;
  default: /* / avg median, mathematics, statistics */
    return t == PMML_DT_FLOAT ? PMML_DT_FLOAT : PMML_DT_DOUBLE;
  }
}

/* ---- Arguments -------------------------------------------------------- */

static const char *
fname(int id)
{
  return pmmlE_builtins[id].name;
}

/* The number argument i stands for; fails the record when it is none. */
static int
arg_num(pmml_ctx *c, int id, const pm_val *a, int i, double *x)
{
  pm_val v;
  if (a[i].t == PM_T_NUM || a[i].t == PM_T_BOOL) {
    *x = a[i].u.num;
    return 0;
  }
  if (a[i].t == PM_T_STR
      && pmmlV_from_text(NULL, PMML_DT_DOUBLE, a[i].u.str, a[i].len, &v)
             == 0) {
    *x = v.u.num;
    return 0;
  }
  return pmmlE_fail(c, PMML_E_EVAL, "%s: argument %d is not a number",
                    fname(id), i + 1);
}

/* An integral number argument (positions, lengths, years). */
static int
arg_int(pmml_ctx *c, int id, const pm_val *a, int i, double *x)
{
  if (arg_num(c, id, a, i, x) < 0)
    return -1;
  if (!isfinite(*x) || floor(*x) != *x || fabs(*x) > 1e15)
    return pmmlE_fail(c, PMML_E_EVAL, "%s: argument %d is not an integer",
                      fname(id), i + 1);
  return 0;
}

/* The truth value of argument i: booleans, 0/1, "true"/"false". */
static int
arg_bool(pmml_ctx *c, int id, const pm_val *a, int i, int *b)
{
  pm_val v;
  if (a[i].t == PM_T_BOOL) {
    *b = a[i].u.num != 0.0;
    return 0;
  }
  if (pmmlV_cast(NULL, &a[i], PMML_DT_BOOLEAN, &v) == 0
      && v.t == PM_T_BOOL) {
    *b = v.u.num != 0.0;
    return 0;
  }
  return pmmlE_fail(c, PMML_E_EVAL, "%s: argument %d is not a boolean",
                    fname(id), i + 1);
}

/* The text of argument i (numbers and booleans formatted, into string
** scratch). */
static int
arg_str(pmml_ctx *c, int id, const pm_val *a, int i, const char **s,
        size_t *n)
{
  pm_val v;
  if (a[i].t == PM_T_STR) {
    *s = a[i].u.str;
    *n = a[i].len;
    return 0;
  }
  if (a[i].t != PM_T_MISSING
      && pmmlV_cast(c, &a[i], PMML_DT_STRING, &v) == 0) {
    *s = v.u.str;
    *n = v.len;
    return 0;
  }
  if (c->failed)
    return -1;
  return pmmlE_fail(c, PMML_E_EVAL, "%s: argument %d is not a string",
                    fname(id), i + 1);
}

/* A numeric result of data type dt (floats rounded). */
static pm_val
num(double x, uint8_t dt)
{
  if (dt == PMML_DT_FLOAT)
    x = (double)(float)x;
  return pmmlV_num(x, dt);
}

/* The result type of id for the data types of its non-missing arguments
** (strings count as double: they are parsed as numbers). */
static uint8_t
args_dtype(int id, const pm_val *a, int n)
{
  uint8_t t = PMML_DT_INTEGER;
  int i, k = 0;
  for (i = 0; i < n; i++) {
    uint8_t dt;
    if (a[i].t == PM_T_MISSING)
      continue;
    k++;
    dt = a[i].t == PM_T_BOOL ? PMML_DT_INTEGER
         : a[i].t == PM_T_STR ? PMML_DT_DOUBLE
                              : a[i].dt;
    if (dt == PMML_DT_FLOAT && t == PMML_DT_INTEGER)
      t = PMML_DT_FLOAT;
    else if (dt != PMML_DT_INTEGER && dt != PMML_DT_BOOLEAN
             && dt != PMML_DT_FLOAT)
      t = PMML_DT_DOUBLE;
  }
  return pmmlE_builtin_dtype(id, &t, k ? 1 : 0);
}

/* ---- Unicode case mapping (UTF-8, length-preserving subset) ----------- */

/*
** The simple lowercase of code point u for ASCII, Latin-1, Latin
** Extended-A, Greek, Cyrillic and Armenian; others map to themselves.
** Mappings that would change the UTF-8 length (U+0130, U+0131, U+017F,
** U+00DF to "SS") are left out, so case mapping never resizes a string.
*/
uint32_t
pmmlE_lower_cp(uint32_t u)
{
  if (u < 0x80)
    return u >= 'A' && u <= 'Z' ? u + 32 : u;
  if (u >= 0xC0 && u <= 0xDE && u != 0xD7)
    return u + 32;
  if ((u >= 0x100 && u <= 0x12F) || (u >= 0x132 && u <= 0x137)
      || (u >= 0x14A && u <= 0x177))
    return u % 2 ? u : u + 1;
  if ((u >= 0x139 && u <= 0x148) || (u >= 0x179 && u <= 0x17E))
    return u % 2 ? u + 1 : u;
  if (u == 0x178)
    return 0xFF;
  if (u == 0x386)
    return 0x3AC;
  if (u >= 0x388 && u <= 0x38A)
    return u + 37;
  if (u == 0x38C)
    return 0x3CC;
  if (u == 0x38E || u == 0x38F)
    return u + 63;
  if ((u >= 0x391 && u <= 0x3A1) || (u >= 0x3A3 && u <= 0x3AB))
    return u + 32;
  if (u >= 0x400 && u <= 0x40F)
    return u + 80;
  if (u >= 0x410 && u <= 0x42F)
    return u + 32;
  if ((u >= 0x460 && u <= 0x481) || (u >= 0x48A && u <= 0x4BF)
      || (u >= 0x4D0 && u <= 0x4FF))
    return u % 2 ? u : u + 1;
  if (u >= 0x4C1 && u <= 0x4CE)
    return u % 2 ? u + 1 : u;
  if (u >= 0x531 && u <= 0x556)
    return u + 48;
  return u;
}

/* The simple uppercase of u (the inverse of pmmlE_lower_cp, with final
** sigma and micro sign). */
uint32_t
pmmlE_upper_cp(uint32_t u)
{
  if (u < 0x80)
    return u >= 'a' && u <= 'z' ? u - 32 : u;
  if (u >= 0xE0 && u <= 0xFE && u != 0xF7)
    return u - 32;
  if (u == 0xFF)
    return 0x178;
  if (u == 0xB5)
    return 0x39C;
  if ((u >= 0x100 && u <= 0x12F) || (u >= 0x132 && u <= 0x137)
      || (u >= 0x14A && u <= 0x177))
    return u % 2 ? u - 1 : u;
  if ((u >= 0x139 && u <= 0x148) || (u >= 0x179 && u <= 0x17E))
    return u % 2 ? u : u - 1;
  if (u == 0x3AC)
    return 0x386;
  if (u >= 0x3AD && u <= 0x3AF)
    return u - 37;
  if (u == 0x3CC)
    return 0x38C;
  if (u == 0x3CD || u == 0x3CE)
    return u - 63;
  if (u == 0x3C2)
    return 0x3A3;
  if ((u >= 0x3B1 && u <= 0x3C1) || (u >= 0x3C3 && u <= 0x3CB))
    return u - 32;
  if (u >= 0x450 && u <= 0x45F)
    return u - 80;
  if (u >= 0x430 && u <= 0x44F)
    return u - 32;
  if ((u >= 0x460 && u <= 0x481) || (u >= 0x48A && u <= 0x4BF)
      || (u >= 0x4D0 && u <= 0x4FF))
    return u % 2 ? u - 1 : u;
  if (u >= 0x4C1 && u <= 0x4CE)
    return u % 2 ? u : u - 1;
  if (u >= 0x561 && u <= 0x586)
    return u - 48;
  return u;
}

/*
** Decode the UTF-8 character at s[i] (i < len) into *u and return the
** index after it. A byte that does not start a valid sequence decodes to
** 0x80000000 | byte and advances by one.
*/
size_t
pmmlE_utf8_next(const char *s, size_t len, size_t i, uint32_t *u)
{
  const unsigned char *p = (const unsigned char *)s + i;
  size_t left = len - i, n, k;
  uint32_t v;
  if (p[0] < 0x80) {
    *u = p[0];
    return i + 1;
  }
  if (p[0] >= 0xC2 && p[0] <= 0xDF) {
    n = 2;
    v = p[0] & 0x1F;
  } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
    n = 3;
    v = p[0] & 0x0F;
  } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
    n = 4;
    v = p[0] & 0x07;
  } else {
    goto bad;
  }
  if (left < n)
    goto bad;
  for (k = 1; k < n; k++) {
    if ((p[k] & 0xC0) != 0x80)
      goto bad;
    v = (v << 6) | (p[k] & 0x3F);
  }
  if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)))
      || (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
    goto bad;
  *u = v;
  return i + n;
bad:
  *u = 0x80000000u | p[0];
  return i + 1;
}

/* Map the case of s[0..n) into out[0..n). */
static void
map_case(const char *s, size_t n, char *out, int upper)
{
  size_t i = 0, j;
  uint32_t u, m;
  while (i < n) {
    j = pmmlE_utf8_next(s, n, i, &u);
    m = u & 0x80000000u ? u : upper ? pmmlE_upper_cp(u) : pmmlE_lower_cp(u);
    if (m == u) {
      memcpy(out + i, s + i, j - i);
    } else if (m < 0x80) {
      out[i] = (char)m;
    } else { /* two-byte forms on both sides */
      out[i] = (char)(0xC0 | (m >> 6));
      out[i + 1] = (char)(0x80 | (m & 0x3F));
    }
    i = j;
  }
}

/* The number of characters (code points) of s[0..n). */
static size_t
char_count(const char *s, size_t n)
{
  size_t i = 0, k = 0;
  uint32_t u;
  while (i < n) {
    i = pmmlE_utf8_next(s, n, i, &u);
    k++;
  }
  return k;
}

/* The byte offset of character number 'ch' (0-based) in s[0..n). */
static size_t
char_offset(const char *s, size_t n, double ch)
{
  size_t i = 0;
  uint32_t u;
  while (i < n && ch > 0) {
    i = pmmlE_utf8_next(s, n, i, &u);
    ch -= 1;
  }
  return i;
}

/* ---- formatNumber: printf-like, exact, locale-independent ------------- */

#define PM_FMT_MAX_WIDTH 512
#define PM_FMT_MAX_PREC 340
#define PM_FMT_DIGITS 800 /* the longest exact expansion is 767 digits */

/*
** The exact decimal expansion of a finite, nonzero |v|: digits dig[0..*nd)
** without leading or trailing zeros, with |v| = 0.dig * 10^*e10. A small
** bignum in base 1e9 (the exact value of a double has at most 767
** significant digits).
*/
static void
exact_digits(double v, char *dig, int *nd, int *e10)
{
  uint32_t limb[96];
  int nl = 0, e2, i, k = 0, n;
  uint64_t m;
  double f = frexp(fabs(v), &e2);

  m = (uint64_t)ldexp(f, 53);
  e2 -= 53;
  while (!(m & 1)) {
    m >>= 1;
    e2++;
  }
  while (m) {
    limb[nl++] = (uint32_t)(m % 1000000000u);
    m /= 1000000000u;
  }
  if (e2 < 0)
    k = -e2;
  while (e2 != 0) { /* times 2^e2 (e2 > 0) or 5^k (e2 < 0) */
    uint64_t mul, carry = 0;
    if (e2 > 0) {
      int s = e2 > 29 ? 29 : e2;
      mul = (uint64_t)1 << s;
      e2 -= s;
    } else {
      int s = -e2 > 13 ? 13 : -e2, j;
      for (mul = 1, j = 0; j < s; j++)
        mul *= 5;
      e2 += s;
    }
    for (i = 0; i < nl; i++) {
      uint64_t t = (uint64_t)limb[i] * mul + carry;
      limb[i] = (uint32_t)(t % 1000000000u);
      carry = t / 1000000000u;
    }
    while (carry) {
      limb[nl++] = (uint32_t)(carry % 1000000000u);
      carry /= 1000000000u;
    }
  }
  n = 0;
  for (i = nl - 1; i >= 0; i--) {
    char tmp[9];
    int j, w = 9;
    uint32_t x = limb[i];
    for (j = 8; j >= 0; j--) {
      tmp[j] = (char)('0' + x % 10);
      x /= 10;
    }
    j = 0;
    if (i == nl - 1) /* no leading zeros */
      while (j < 8 && tmp[j] == '0')
        j++;
    for (; j < w; j++)
      dig[n++] = tmp[j];
  }
  *e10 = n - k;
  while (n > 0 && dig[n - 1] == '0')
    n--;
  *nd = n;
}

/* Round the digits to 'keep' significant ones, halves to even. */
static void
round_digits(char *dig, int *nd, int *e10, int keep)
{
  int up, i;
  if (keep >= *nd)
    return;
  if (keep < 0) {
    *nd = 0;
    return;
  }
  if (dig[keep] > '5')
    up = 1;
  else if (dig[keep] < '5')
    up = 0;
  else if (keep + 1 < *nd) /* trailing zeros are stripped: more follows */
    up = 1;
  else
    up = keep > 0 && (dig[keep - 1] - '0') % 2;
  *nd = keep;
  if (up) {
    for (i = keep - 1; i >= 0 && dig[i] == '9'; i--)
      ;
    if (i < 0) {
      dig[0] = '1';
      *nd = 1;
      (*e10)++;
    } else {
      dig[i]++;
      *nd = i + 1;
    }
  }
  while (*nd > 0 && dig[*nd - 1] == '0')
    (*nd)--;
}

/* A conversion specification. */
typedef struct spec {
  int minus, plus, space, zero, alt;
  int width, prec; /* prec -1: none */
  char conv;
} spec;

static char
digit_at(const char *dig, int nd, int p)
{
  return p >= 0 && p < nd ? dig[p] : '0';
}

/* Body of %f (fixed) / %e (exp) from digits; returns its length. */
static size_t
fmt_fixed(char *o, const char *dig, int nd, int e10, int prec, int alt)
{
  size_t k = 0;
  int p;
  if (e10 <= 0)
    o[k++] = '0';
  for (p = 0; p < e10; p++)
    o[k++] = digit_at(dig, nd, p);
  if (prec > 0 || alt)
    o[k++] = '.';
  for (p = 0; p < prec; p++)
    o[k++] = digit_at(dig, nd, e10 + p);
  return k;
}

static size_t
fmt_exp(char *o, const char *dig, int nd, int x, int prec, int alt,
        char e)
{
  size_t k = 0;
  int p, ax = x < 0 ? -x : x;
  o[k++] = digit_at(dig, nd, 0);
  if (prec > 0 || alt)
    o[k++] = '.';
  for (p = 1; p <= prec; p++)
    o[k++] = digit_at(dig, nd, p);
  o[k++] = e;
  o[k++] = x < 0 ? '-' : '+';
  if (ax >= 100)
    o[k++] = (char)('0' + ax / 100);
  o[k++] = (char)('0' + ax / 10 % 10);
  o[k++] = (char)('0' + ax % 10);
  return k;
}

/* Format a floating conversion (f F e E g G) of v into o; its length. */
static size_t
fmt_float(char *o, const spec *sp, double v)
{
  char dig[PM_FMT_DIGITS];
  int nd = 0, e10 = 1, prec = sp->prec < 0 ? 6 : sp->prec;
  int upper = sp->conv == 'F' || sp->conv == 'E' || sp->conv == 'G';
  char c = (char)(sp->conv | 0x20);
  size_t k;

  if (isnan(v) || isinf(v)) {
    const char *t = isnan(v) ? (upper ? "NAN" : "nan")
                             : (upper ? "INF" : "inf");
    memcpy(o, t, 3);
    return 3;
  }
  if (v != 0.0)
    exact_digits(v, dig, &nd, &e10);
  if (c == 'f') {
    round_digits(dig, &nd, &e10, e10 + prec);
    return fmt_fixed(o, dig, nd, e10, prec, sp->alt);
  }
  if (c == 'e') {
    round_digits(dig, &nd, &e10, prec + 1);
    return fmt_exp(o, dig, nd, nd ? e10 - 1 : 0, prec, sp->alt,
                   upper ? 'E' : 'e');
  }
  /* %g: P significant digits, then %e or %f and no trailing zeros */
  if (prec == 0)
    prec = 1;
  round_digits(dig, &nd, &e10, prec);
  {
    int x = nd ? e10 - 1 : 0;
    if (x < -4 || x >= prec)
      k = fmt_exp(o, dig, nd, x, prec - 1, sp->alt, upper ? 'E' : 'e');
    else
      k = fmt_fixed(o, dig, nd, e10, prec - 1 - x, sp->alt);
    if (!sp->alt && memchr(o, '.', k)) {
      size_t ep = 0, end, j;
      while (ep < k && o[ep] != 'e' && o[ep] != 'E')
        ep++;
      end = ep;
      while (end > 0 && o[end - 1] == '0')
        end--;
      if (end > 0 && o[end - 1] == '.')
        end--;
      for (j = ep; j < k; j++) /* move the exponent down */
        o[end++] = o[j];
      k = end;
    }
  }
  return k;
}

/* Parse one conversion at p[0..] (after '%'): *used bytes. -1 if bad. */
static int
parse_spec(const char *p, size_t n, spec *sp, size_t *used)
{
  size_t i = 0;
  int d;
  memset(sp, 0, sizeof *sp);
  sp->prec = -1;
  for (; i < n; i++) {
    if (p[i] == '-')
      sp->minus = 1;
    else if (p[i] == '+')
      sp->plus = 1;
    else if (p[i] == ' ')
      sp->space = 1;
    else if (p[i] == '0')
      sp->zero = 1;
    else if (p[i] == '#')
      sp->alt = 1;
    else
      break;
  }
  for (d = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++, d++) {
    sp->width = sp->width * 10 + (p[i] - '0');
    if (d >= 3 || sp->width > PM_FMT_MAX_WIDTH)
      return -1;
  }
  if (i < n && p[i] == '.') {
    sp->prec = 0;
    for (i++, d = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++, d++) {
      sp->prec = sp->prec * 10 + (p[i] - '0');
      if (d >= 3 || sp->prec > PM_FMT_MAX_PREC)
        return -1;
    }
  }
  /* length modifiers mean nothing here: every value is a double */
  while (i < n && strchr("hlLqjzt", p[i]) && p[i])
    i++;
  if (i >= n || !p[i] || !strchr("diouxXfFeEgGs", p[i]))
    return -1;
  sp->conv = p[i++];
  *used = i;
  return 0;
}

/* Integer conversions: d i u o x X of the value truncated towards 0. */
static int
fmt_integer(char *o, size_t *len, char *pre, size_t *npre, const spec *sp,
            double v)
{
  char tmp[32];
  size_t k = 0, n = 0;
  int64_t iv;
  uint64_t u;
  unsigned base = 10;
  const char *dg = "0123456789abcdef";

  if (!isfinite(v) || fabs(v) >= 9223372036854775808.0)
    return -1;
  iv = (int64_t)v;
  if (sp->conv == 'd' || sp->conv == 'i') {
    u = iv < 0 ? (uint64_t)0 - (uint64_t)iv : (uint64_t)iv;
    if (iv < 0)
      pre[n++] = '-';
    else if (sp->plus)
      pre[n++] = '+';
    else if (sp->space)
      pre[n++] = ' ';
  } else {
    u = (uint64_t)iv;
    if (sp->conv == 'o')
      base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X')
      base = 16;
    if (sp->conv == 'X')
      dg = "0123456789ABCDEF";
    if (sp->alt && base == 16 && u) {
      pre[n++] = '0';
      pre[n++] = sp->conv;
    }
  }
  while (u) {
    tmp[k++] = dg[u % base];
    u /= base;
  }
  if (sp->alt && base == 8 && (k == 0 || tmp[k - 1] != '0'))
    tmp[k++] = '0';
  {
    int minimum = sp->prec < 0 ? 1 : sp->prec;
    size_t j = 0;
    while ((int)k < minimum)
      tmp[k++] = '0';
    if (k > 20 + (size_t)PM_FMT_MAX_PREC)
      return -1;
    while (k)
      o[j++] = tmp[--k];
    *len = j;
  }
  *npre = n;
  return 0;
}

/* Pad and join sign/prefix and body into out; returns the length. */
static size_t
pad(char *out, const spec *sp, const char *pre, size_t npre,
    const char *body, size_t nbody, int zero_ok)
{
  size_t k = 0, total = npre + nbody, fill = 0, i;
  if ((size_t)sp->width > total)
    fill = (size_t)sp->width - total;
  if (!sp->minus && !(sp->zero && zero_ok))
    for (i = 0; i < fill; i++)
      out[k++] = ' ';
  memcpy(out + k, pre, npre);
  k += npre;
  if (!sp->minus && sp->zero && zero_ok)
    for (i = 0; i < fill; i++)
      out[k++] = '0';
  memcpy(out + k, body, nbody);
  k += nbody;
  if (sp->minus)
    for (i = 0; i < fill; i++)
      out[k++] = ' ';
  return k;
}

/*
** formatNumber(x, pattern): the pattern's text with its one printf
** conversion (flags - + space 0 #, width up to 512, precision up to 340,
** conversions d i o u x X f F e E g G s; length modifiers ignored; "%%"
** is '%') replaced by x. A pattern without a conversion is returned as it
** is. Digits are exact (correctly rounded, halves to even) and never
** depend on the locale. d i o u x X take x truncated towards zero (NaN
** when it does not fit 64 bits); s takes the shortest text of x.
** PMML 4.4 Built-in functions: formatNumber.
*/
static int
format_number(pmml_ctx *c, const pm_val *arg, const char *pat, size_t pn,
              pm_val *out)
{
  char body[PM_FMT_DIGITS + 40], conv[PM_FMT_DIGITS + PM_FMT_MAX_WIDTH + 40];
  char pre[4];
  size_t i, nconv = 0, npre = 0, nbody = 0, total = 0, used = 0, k;
  size_t at = (size_t)-1, skip = 0;
  spec sp;
  double v = arg->u.num;
  char *p;
  int zero_ok = 1;

  for (i = 0; i < pn; i++) { /* find the conversion, check the rest */
    if (pat[i] != '%')
      continue;
    if (i + 1 < pn && pat[i + 1] == '%') {
      i++;
      continue;
    }
    if (at != (size_t)-1 || parse_spec(pat + i + 1, pn - i - 1, &sp, &used)
                                < 0)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "formatNumber: unsupported pattern '%.*s'",
                        (int)(pn > 80 ? 80 : pn), pat);
    at = i;
    skip = used + 1;
    i += used;
  }
  if (at != (size_t)-1) {
    if (strchr("fFeEgG", sp.conv)) {
      nbody = fmt_float(body, &sp, v);
      if (signbit(v) && !isnan(v))
        pre[npre++] = '-';
      else if (sp.plus)
        pre[npre++] = '+';
      else if (sp.space)
        pre[npre++] = ' ';
      zero_ok = isfinite(v);
    } else if (sp.conv == 's') {
      nbody = pmmlV_format(arg, body, sizeof body);
      if (sp.prec >= 0 && (size_t)sp.prec < nbody)
        nbody = (size_t)sp.prec;
      zero_ok = 0;
    } else {
      if (fmt_integer(body, &nbody, pre, &npre, &sp, v) < 0) {
        *out = pmmlV_num(NAN, PMML_DT_DOUBLE); /* invalid result */
        return 0;
      }
      zero_ok = sp.prec < 0;
    }
    nconv = pad(conv, &sp, pre, npre, body, nbody, zero_ok);
  }
  for (i = 0; i < pn; i++) { /* measure */
    if (i == at) {
      total += nconv;
      i += skip - 1;
    } else {
      total++;
      if (pat[i] == '%' && i + 1 < pn && pat[i + 1] == '%')
        i++;
    }
  }
  if (!(p = pmmlE_strbuf(c, total ? total : 1)))
    return -1;
  for (i = 0, k = 0; i < pn; i++) {
    if (i == at) {
      memcpy(p + k, conv, nconv);
      k += nconv;
      i += skip - 1;
    } else {
      p[k++] = pat[i];
      if (pat[i] == '%' && i + 1 < pn && pat[i + 1] == '%')
        i++;
    }
  }
  *out = pmmlV_str(p, total, -1);
  return 0;
}

/* ---- Dates ------------------------------------------------------------ */

static int
is_time_dt(uint8_t dt)
{
  return dt == PMML_DT_TIME || dt == PMML_DT_TIME_SECONDS;
}

/* Seconds since 1970-01-01T00:00:00 of a date or dateTime argument (date
** types of any epoch, or their text); fails the record otherwise. */
static int
arg_instant(pmml_ctx *c, int id, const pm_val *a, int i, double *secs)
{
  pm_val v;
  if (a[i].t == PM_T_NUM && !is_time_dt(a[i].dt)
      && (pmmlV_epoch_year(a[i].dt) >= 0 || a[i].dt == PMML_DT_DATE
          || a[i].dt == PMML_DT_DATETIME)
      && pmmlV_cast(c, &a[i], PMML_DT_DATETIME, &v) == 0) {
    *secs = v.u.num;
    return 0;
  }
  if (a[i].t == PM_T_STR
      && pmmlV_from_text(NULL, PMML_DT_DATETIME, a[i].u.str, a[i].len, &v)
             == 0) {
    *secs = v.u.num;
    return 0;
  }
  return pmmlE_fail(c, PMML_E_EVAL, "%s: argument %d is not a date",
                    fname(id), i + 1);
}

/* Seconds since midnight of a time, a dateTime, or their text. */
static int
arg_daytime(pmml_ctx *c, int id, const pm_val *a, int i, double *secs)
{
  pm_val v;
  if ((a[i].t == PM_T_NUM && is_time_dt(a[i].dt))
      || (a[i].t == PM_T_STR
          && pmmlV_from_text(NULL, PMML_DT_TIME, a[i].u.str, a[i].len, &v)
                 == 0)) {
    *secs = a[i].t == PM_T_NUM ? a[i].u.num : v.u.num;
    return 0;
  }
  if (arg_instant(c, id, a, i, secs) < 0)
    return -1;
  *secs -= 86400.0 * floor(*secs / 86400.0);
  return 0;
}

static const char *const month_names[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"};
static const char *const day_names[7] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
  "Saturday"};

/* The broken-down time of an instant. */
typedef struct civil {
  int64_t y;
  int mo, d, h, mi, s, wday, yday;
} civil;

static void
to_civil(double secs, civil *t)
{
  double days = floor(secs / 86400.0);
  int64_t sod = (int64_t)(secs - days * 86400.0);
  int64_t z = (int64_t)days;
  pmmlV_civil_from_days(z, &t->y, &t->mo, &t->d);
  t->h = (int)(sod / 3600);
  t->mi = (int)(sod / 60 % 60);
  t->s = (int)(sod % 60);
  t->wday = (int)(((z % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
  t->yday = (int)(z - pmmlV_days_from_civil(t->y, 1, 1)) + 1;
}

/* One strftime conversion into o (>= 64 bytes); -1 when unsupported. */
static int
datetime_conv(char ch, const civil *t, char *o, size_t *len)
{
  size_t k = 0;
  switch (ch) {
  case 'Y': k = pmmlV_put_int(o, t->y, 4, '0'); break;
  case 'y': k = pmmlV_put_int(o, (t->y % 100 + 100) % 100, 2, '0'); break;
  case 'C': k = pmmlV_put_int(o, t->y / 100, 2, '0'); break;
  case 'm': k = pmmlV_put_int(o, t->mo, 2, '0'); break;
  case 'd': k = pmmlV_put_int(o, t->d, 2, '0'); break;
  case 'e': k = pmmlV_put_int(o, t->d, 2, ' '); break;
  case 'j': k = pmmlV_put_int(o, t->yday, 3, '0'); break;
  case 'H': k = pmmlV_put_int(o, t->h, 2, '0'); break;
  case 'I': k = pmmlV_put_int(o, t->h % 12 ? t->h % 12 : 12, 2, '0'); break;
  case 'M': k = pmmlV_put_int(o, t->mi, 2, '0'); break;
  case 'S': k = pmmlV_put_int(o, t->s, 2, '0'); break;
  case 'u': k = pmmlV_put_int(o, t->wday ? t->wday : 7, 1, '0'); break;
  case 'w': k = pmmlV_put_int(o, t->wday, 1, '0'); break;
  case 'p': memcpy(o, t->h < 12 ? "AM" : "PM", 2); k = 2; break;
  case 'B': k = strlen(month_names[t->mo - 1]);
    memcpy(o, month_names[t->mo - 1], k); break;
  case 'b': case 'h': memcpy(o, month_names[t->mo - 1], 3); k = 3; break;
  case 'A': k = strlen(day_names[t->wday]);
    memcpy(o, day_names[t->wday], k); break;
  case 'a': memcpy(o, day_names[t->wday], 3); k = 3; break;
  case 'F':
    k = pmmlV_put_int(o, t->y, 4, '0');
    o[k++] = '-';
    k += pmmlV_put_int(o + k, t->mo, 2, '0');
    o[k++] = '-';
    k += pmmlV_put_int(o + k, t->d, 2, '0');
    break;
  case 'D':
    k = pmmlV_put_int(o, t->mo, 2, '0');
    o[k++] = '/';
    k += pmmlV_put_int(o + k, t->d, 2, '0');
    o[k++] = '/';
    k += pmmlV_put_int(o + k, (t->y % 100 + 100) % 100, 2, '0');
    break;
  case 'T': case 'R':
    k = pmmlV_put_int(o, t->h, 2, '0');
    o[k++] = ':';
    k += pmmlV_put_int(o + k, t->mi, 2, '0');
    if (ch == 'T') {
      o[k++] = ':';
      k += pmmlV_put_int(o + k, t->s, 2, '0');
    }
    break;
  case '%': o[0] = '%'; k = 1; break;
  default:
    return -1;
  }
  *len = k;
  return 0;
}

/*
** formatDatetime(x, pattern): strftime's conversions Y y C m d e j H I M S
** u w p B b h A a F D T R and %% (English names, "C" locale), on dates,
** times and dateTimes of any epoch. Other conversions fail the record.
** PMML 4.4 Built-in functions: formatDatetime.
*/
static int
format_datetime(pmml_ctx *c, int id, const pm_val *a, const char *pat,
                size_t pn, pm_val *out)
{
  civil t;
  double secs;
  size_t i, k, total = 0, len;
  char tmp[64], *p;
  int pass;

  if (a[0].t == PM_T_NUM && is_time_dt(a[0].dt))
    secs = a[0].u.num;
  else if (arg_instant(c, id, a, 0, &secs) < 0)
    return -1;
  if (!isfinite(secs) || fabs(secs) > 1e15) {
    *out = pmmlV_num(NAN, PMML_DT_DOUBLE);
    return 0;
  }
  to_civil(secs, &t);
  for (pass = 0, p = NULL; pass < 2; pass++) {
    for (i = 0, k = 0; i < pn; i++) {
      if (pat[i] != '%') {
        if (p)
          p[k] = pat[i];
        k++;
        continue;
      }
      if (i + 1 >= pn || datetime_conv(pat[i + 1], &t, tmp, &len) < 0)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "formatDatetime: unsupported pattern '%.*s'",
                          (int)(pn > 80 ? 80 : pn), pat);
      if (p)
        memcpy(p + k, tmp, len);
      k += len;
      i++;
    }
    total = k;
    if (pass == 0 && !(p = pmmlE_strbuf(c, total ? total : 1)))
      return -1;
  }
  *out = pmmlV_str(p, total, -1);
  return 0;
}

/* ---- Strings ---------------------------------------------------------- */

/* replace / matches with the precompiled pattern rx, or one compiled now
** (the fallback for a pattern that is not a constant). */
static int
regex_fn(pmml_ctx *c, int id, const pm_val *a, const pm_regex *rx,
         pm_val *out)
{
  const char *s = NULL, *pat = NULL, *rep = NULL;
  size_t n = 0, pn = 0, rn = 0, mb, me, len;
  pm_regex *tmp = NULL;
  int r;
  char *p;

  if (arg_str(c, id, a, 0, &s, &n) < 0 || arg_str(c, id, a, 1, &pat, &pn) < 0
      || (id == PM_BI_REPLACE && arg_str(c, id, a, 2, &rep, &rn) < 0))
    return -1;
  if (!rx && !(rx = tmp = pmmlE_regex_temp(c, pat, pn, 0)))
    return -1;
  if (id == PM_BI_MATCHES) {
    r = pmmlE_regex_find(c, rx, s, n, 0, &mb, &me);
    if (r >= 0)
      *out = pmmlV_bool(r);
  } else {
    r = pmmlE_regex_replace(c, rx, s, n, rep, rn, 0, NULL, 0, &len);
    if (r == 0) {
      if (!(p = pmmlE_strbuf(c, len ? len : 1)))
        r = -1;
      else
        r = pmmlE_regex_replace(c, rx, s, n, rep, rn, 0, p, len, &len);
      if (r == 0)
        *out = pmmlV_str(p, len, -1);
    }
  }
  pmmlE_regex_temp_free(c, tmp);
  return r < 0 ? -1 : 0;
}

/* ---- The functions ---------------------------------------------------- */

/* Aggregations: min max sum avg median product over non-missing args. */
static int
aggregate(pmml_ctx *c, int id, const pm_val *a, int n, pm_val *out)
{
  double x = 0.0, acc = 0.0, local[64], *vals = local;
  int i, k = 0;
  uint8_t dt = args_dtype(id, a, n);

  if (id == PM_BI_MEDIAN && n > 64) {
    char *p = pmmlE_strbuf(c, (size_t)n * sizeof(double) + sizeof(double));
    if (!p)
      return -1;
    p += (sizeof(double) - (uintptr_t)p % sizeof(double)) % sizeof(double);
    vals = (double *)(void *)p;
  }
  for (i = 0; i < n; i++) {
    if (a[i].t == PM_T_MISSING)
      continue;
    if (arg_num(c, id, a, i, &x) < 0)
      return -1;
    if (k == 0)
      acc = id == PM_BI_SUM || id == PM_BI_AVG ? 0.0 : x;
    switch (id) {
    case PM_BI_MIN: acc = x < acc || isnan(x) ? x : acc; break;
    case PM_BI_MAX: acc = x > acc || isnan(x) ? x : acc; break;
    case PM_BI_SUM: case PM_BI_AVG: acc += x; break;
    case PM_BI_PRODUCT: if (k) acc *= x; break;
    default: vals[k] = x; break;
    }
    k++;
  }
  if (k == 0) {
    *out = pmmlV_missing();
    return 0;
  }
  if (id == PM_BI_AVG)
    acc /= k;
  else if (id == PM_BI_MEDIAN)
    acc = pm_fn_median(vals, k);
  *out = num(acc, dt);
  return 0;
}

/* Unary and binary numeric functions. */
static int
math_fn(pmml_ctx *c, int id, const pm_val *a, int n, pm_val *out)
{
  double x = 0.0, y = 0.0, z = 0.0, r;
  uint8_t dt = args_dtype(id, a, n);
  int i;

  for (i = 0; i < n; i++)
    if (a[i].t == PM_T_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
  if (arg_num(c, id, a, 0, &x) < 0 || (n > 1 && arg_num(c, id, a, 1, &y) < 0)
      || (n > 2 && arg_num(c, id, a, 2, &z) < 0))
    return -1;
  switch (id) {
  case PM_BI_ADD: r = x + y; break;
  case PM_BI_SUB: r = x - y; break;
  case PM_BI_MUL: r = x * y; break;
  case PM_BI_DIV: r = y == 0.0 ? NAN : x / y; break;
  case PM_BI_LOG10: r = x > 0.0 ? log10(x) : NAN; break;
  case PM_BI_LN: r = x > 0.0 ? log(x) : NAN; break;
  case PM_BI_SQRT: r = sqrt(x); break;
  case PM_BI_ABS: r = fabs(x); break;
  case PM_BI_EXP: r = exp(x); break;
  case PM_BI_POW: r = pow(x, y); break;
  case PM_BI_THRESHOLD: r = pm_fn_threshold(x, y); break;
  case PM_BI_FLOOR: r = floor(x); break;
  case PM_BI_CEIL: r = ceil(x); break;
  case PM_BI_ROUND: r = pm_fn_round(x); break;
  case PM_BI_MODULO: r = pm_fn_modulo(x, y); break;
  case PM_BI_EXPM1: r = expm1(x); break;
  case PM_BI_HYPOT: r = hypot(x, y); break;
  case PM_BI_LN1P: r = x > -1.0 ? log1p(x) : NAN; break;
  case PM_BI_RINT: r = pm_fn_rint(x); break;
  case PM_BI_SIN: r = sin(x); break;
  case PM_BI_ASIN: r = asin(x); break;
  case PM_BI_SINH: r = sinh(x); break;
  case PM_BI_COS: r = cos(x); break;
  case PM_BI_ACOS: r = acos(x); break;
  case PM_BI_COSH: r = cosh(x); break;
  case PM_BI_TAN: r = tan(x); break;
  case PM_BI_ATAN: r = atan(x); break;
  case PM_BI_TANH: r = tanh(x); break;
  case PM_BI_ATAN2: r = atan2(x, y); break;
  case PM_BI_NORMALCDF: r = pm_fn_normal_cdf(x, y, z); break;
  case PM_BI_NORMALPDF: r = pm_fn_normal_pdf(x, y, z); break;
  case PM_BI_STDNORMALCDF: r = pm_fn_normal_cdf(x, 0.0, 1.0); break;
  case PM_BI_STDNORMALPDF: r = pm_fn_normal_pdf(x, 0.0, 1.0); break;
  case PM_BI_ERF: r = erf(x); break;
  case PM_BI_NORMALIDF: r = pm_fn_normal_idf(x, y, z); break;
  default: r = pm_fn_std_normal_idf(x); break;
  }
  *out = num(r, dt);
  return 0;
}

/* equal notEqual lessThan lessOrEqual greaterThan greaterOrEqual. */
static int
compare_fn(pmml_ctx *c, int id, const pm_val *a, pm_val *out)
{
  int r;
  if (a[0].t == PM_T_MISSING || a[1].t == PM_T_MISSING) {
    *out = pmmlV_missing();
    return 0;
  }
  if (id == PM_BI_EQUAL || id == PM_BI_NOTEQUAL) {
    r = pmmlV_equal(&a[0], &a[1]);
    *out = pmmlV_bool(id == PM_BI_EQUAL ? r : !r);
    return 0;
  }
  r = pmmlV_compare(&a[0], &a[1]);
  if (r == -2)
    return pmmlE_fail(c, PMML_E_EVAL, "%s: cannot compare a string with a "
                      "number", fname(id));
  switch (id) {
  case PM_BI_LESSTHAN: r = r < 0; break;
  case PM_BI_LESSOREQUAL: r = r <= 0; break;
  case PM_BI_GREATERTHAN: r = r > 0; break;
  default: r = r >= 0; break;
  }
  *out = pmmlV_bool(r);
  return 0;
}

/* and, or, not: missing in, missing out. */
static int
logic_fn(pmml_ctx *c, int id, const pm_val *a, int n, pm_val *out)
{
  int i, b = 0, r = id == PM_BI_AND;
  for (i = 0; i < n; i++)
    if (a[i].t == PM_T_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
  for (i = 0; i < n; i++) {
    if (arg_bool(c, id, a, i, &b) < 0)
      return -1;
    if (id == PM_BI_AND)
      r = r && b;
    else if (id == PM_BI_OR)
      r = r || b;
    else
      r = !b;
  }
  *out = pmmlV_bool(r);
  return 0;
}

/* uppercase lowercase stringLength substring trimBlanks concat. */
static int
string_fn(pmml_ctx *c, int id, const pm_val *a, int n, pm_val *out)
{
  const char *s = NULL;
  size_t len = 0, b, e;
  double start, cnt;
  char *p;
  int i;

  if (id == PM_BI_CONCAT) {
    size_t total = 0, k = 0;
    const char *parts[64];
    size_t lens[64];
    int m = 0;
    for (i = 0; i < n; i++) { /* measure (texts of numbers are made now) */
      if (a[i].t == PM_T_MISSING)
        continue;
      if (arg_str(c, id, a, i, &s, &len) < 0)
        return -1;
      if (m < 64) {
        parts[m] = s;
        lens[m++] = len;
      }
      total += len;
    }
    if (!(p = pmmlE_strbuf(c, total ? total : 1)))
      return -1;
    for (i = 0, m = 0; i < n; i++) {
      if (a[i].t == PM_T_MISSING)
        continue;
      if (m < 64) {
        s = parts[m];
        len = lens[m++];
      } else if (arg_str(c, id, a, i, &s, &len) < 0) {
        return -1;
      }
      memcpy(p + k, s, len);
      k += len;
    }
    *out = pmmlV_str(p, total, -1);
    return 0;
  }
  for (i = 0; i < n; i++)
    if (a[i].t == PM_T_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
  if (arg_str(c, id, a, 0, &s, &len) < 0)
    return -1;
  switch (id) {
  case PM_BI_UPPERCASE:
  case PM_BI_LOWERCASE:
    if (!(p = pmmlE_strbuf(c, len ? len : 1)))
      return -1;
    map_case(s, len, p, id == PM_BI_UPPERCASE);
    *out = pmmlV_str(p, len, -1);
    return 0;
  case PM_BI_STRINGLENGTH:
    *out = pmmlV_num((double)char_count(s, len), PMML_DT_INTEGER);
    return 0;
  case PM_BI_TRIMBLANKS:
    b = 0;
    e = len;
    while (b < e && (unsigned char)s[b] <= ' ')
      b++;
    while (e > b && (unsigned char)s[e - 1] <= ' ')
      e--;
    *out = pmmlV_str(s + b, e - b, b == 0 && e == len ? a[0].sym : -1);
    return 0;
  default: /* substring(s, startPos >= 1, length >= 0), in characters */
    if (arg_int(c, id, a, 1, &start) < 0 || arg_int(c, id, a, 2, &cnt) < 0)
      return -1;
    if (start < 1 || cnt < 0)
      return pmmlE_fail(c, PMML_E_EVAL, "substring: position %.0f, length "
                        "%.0f out of range", start, cnt);
    b = char_offset(s, len, start - 1);
    e = b + char_offset(s + b, len - b, cnt);
    *out = pmmlV_str(s + b, e - b, -1);
    return 0;
  }
}

/* dateDaysSinceYear dateSecondsSinceYear dateSecondsSinceMidnight. */
static int
date_fn(pmml_ctx *c, int id, const pm_val *a, int n, pm_val *out)
{
  double secs, year = 0.0, epoch;
  int i;
  for (i = 0; i < n; i++)
    if (a[i].t == PM_T_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
  if (id == PM_BI_DATESECONDSSINCEMIDNIGHT) {
    if (arg_daytime(c, id, a, 0, &secs) < 0)
      return -1;
    *out = pmmlV_num(floor(secs), PMML_DT_INTEGER);
    return 0;
  }
  if (arg_instant(c, id, a, 0, &secs) < 0 || arg_int(c, id, a, 1, &year) < 0)
    return -1;
  if (fabs(year) > 1e9)
    return pmmlE_fail(c, PMML_E_EVAL, "%s: year out of range", fname(id));
  epoch = (double)pmmlV_days_from_civil((int64_t)year, 1, 1);
  if (id == PM_BI_DATEDAYSSINCEYEAR)
    *out = pmmlV_num(floor(secs / 86400.0) - epoch, PMML_DT_INTEGER);
  else
    *out = pmmlV_num(floor(secs) - epoch * 86400.0, PMML_DT_INTEGER);
  return 0;
}

/*
** Apply builtin 'id' to the n evaluated arguments args (missing ones
** included: each function decides) with the precompiled pattern rx for
** matches/replace (NULL: compiled now, the slow fallback). 0 and *out, or
** -1 when the record failed. PMML 4.4 Built-in functions.
*/
static int
apply(pmml_ctx *c, int id, const pm_val *a, int n, const pm_regex *rx,
      pm_val *out)
{
  int i, r;
  const char *s = NULL;
  size_t len = 0;

  if (id < 0 || id >= PM_BI_COUNT)
    return pmmlE_fail(c, PMML_E_EVAL, "unknown built-in function %d", id);
  if (n < pmmlE_builtins[id].lo
      || (pmmlE_builtins[id].hi >= 0 && n > pmmlE_builtins[id].hi))
    return pmmlE_fail(c, PMML_E_EVAL, "%s: %d arguments, expected %d%s",
                      fname(id), n, pmmlE_builtins[id].lo,
                      pmmlE_builtins[id].hi < 0 ? " or more" : "");
  switch (id) {
  case PM_BI_MIN: case PM_BI_MAX: case PM_BI_SUM: case PM_BI_AVG:
  case PM_BI_MEDIAN: case PM_BI_PRODUCT:
    return aggregate(c, id, a, n, out);
  case PM_BI_ISMISSING:
    *out = pmmlV_bool(a[0].t == PM_T_MISSING);
    return 0;
  case PM_BI_ISNOTMISSING:
    *out = pmmlV_bool(a[0].t != PM_T_MISSING);
    return 0;
  case PM_BI_ISVALID:
    *out = pmmlV_bool(a[0].t != PM_T_MISSING && !a[0].invalid);
    return 0;
  case PM_BI_ISNOTVALID:
    *out = pmmlV_bool(a[0].t != PM_T_MISSING && a[0].invalid);
    return 0;
  case PM_BI_EQUAL: case PM_BI_NOTEQUAL: case PM_BI_LESSTHAN:
  case PM_BI_LESSOREQUAL: case PM_BI_GREATERTHAN: case PM_BI_GREATEROREQUAL:
    return compare_fn(c, id, a, out);
  case PM_BI_AND: case PM_BI_OR: case PM_BI_NOT:
    return logic_fn(c, id, a, n, out);
  case PM_BI_ISIN: case PM_BI_ISNOTIN:
    if (a[0].t == PM_T_MISSING) {
      *out = pmmlV_missing();
      return 0;
    }
    for (r = 0, i = 1; i < n && !r; i++)
      r = a[i].t != PM_T_MISSING && pmmlV_equal(&a[0], &a[i]);
    *out = pmmlV_bool(id == PM_BI_ISIN ? r : !r);
    return 0;
  case PM_BI_UPPERCASE: case PM_BI_LOWERCASE: case PM_BI_STRINGLENGTH:
  case PM_BI_SUBSTRING: case PM_BI_TRIMBLANKS: case PM_BI_CONCAT:
    return string_fn(c, id, a, n, out);
  case PM_BI_REPLACE: case PM_BI_MATCHES:
  case PM_BI_FORMATNUMBER: case PM_BI_FORMATDATETIME:
    for (i = 0; i < n; i++)
      if (a[i].t == PM_T_MISSING) {
        *out = pmmlV_missing();
        return 0;
      }
    if (id == PM_BI_REPLACE || id == PM_BI_MATCHES)
      return regex_fn(c, id, a, rx, out);
    if (arg_str(c, id, a, 1, &s, &len) < 0)
      return -1;
    if (id == PM_BI_FORMATDATETIME)
      return format_datetime(c, id, a, s, len, out);
    {
      pm_val x = a[0];
      if (x.t != PM_T_NUM && arg_num(c, id, a, 0, &x.u.num) < 0)
        return -1;
      if (x.t != PM_T_NUM)
        x = pmmlV_num(x.u.num, PMML_DT_DOUBLE);
      return format_number(c, &x, s, len, out);
    }
  case PM_BI_DATEDAYSSINCEYEAR: case PM_BI_DATESECONDSSINCEYEAR:
  case PM_BI_DATESECONDSSINCEMIDNIGHT:
    return date_fn(c, id, a, n, out);
  default:
    return math_fn(c, id, a, n, out);
  }
}

/* Apply builtin 'id' to n evaluated arguments (missing ones included).
** 0 or -1. PMML 4.4 Built-in functions. */
int
pmmlE_builtin(pmml_ctx *c, int id, const pm_val *args, int n, pm_val *out)
{
  return apply(c, id, args, n, NULL, out);
}

/*
** The same for Apply expression e (a PM_X_APPLY): uses the pattern that
** pmmlR_builtin precompiled into e->ext for matches/replace.
*/
int
pmmlE_apply_builtin(pmml_ctx *c, const pm_expr *e, const pm_val *args,
                    int n, pm_val *out)
{
  const pm_regex *rx = NULL;
  if (e->fn == PM_BI_MATCHES || e->fn == PM_BI_REPLACE)
    rx = e->ext;
  return apply(c, e->fn, args, n, rx, out);
}

/*
** Prepare Apply expression e of a builtin once its arguments are resolved:
** when e calls matches or replace with a Constant pattern, compile it into
** e->ext (so scoring never compiles). Marks the document as using regular
** expressions. 0, or -1 with the resolver failed (bad pattern).
*/
int
pmmlR_builtin(pm_resolver *r, pm_expr *e)
{
  pmml_model *doc = pmmlR_doc(r);
  const pm_expr *pat;
  char msg[200];

  if (e->op != PM_X_APPLY
      || (e->fn != PM_BI_MATCHES && e->fn != PM_BI_REPLACE) || e->n < 2)
    return 0;
  doc->uses_regex = 1;
  pat = &doc->exprs[doc->args[e->first + 1]];
  if (pat->op != PM_X_CONST || pat->lit.t != PM_T_STR || pat->lit.sym < 0)
    return 0; /* compiled per call: the documented fallback */
  e->ext = pmmlR_regex_ex(pmmlR_arena(r), pmmlS_str(&doc->strs, pat->lit.sym),
                          pmmlS_len(&doc->strs, pat->lit.sym), 0, msg,
                          sizeof msg);
  if (!e->ext) {
    if (!strcmp(msg, PM_RX_NOMEM))
      pmmlR_fail(r, PMML_E_NOMEM, e->line, "out of memory");
    else
      pmmlR_fail(r, PMML_E_INVALID, e->line, "%s: bad pattern: %s",
                 fname(e->fn), msg);
    return -1;
  }
  return 0;
}
