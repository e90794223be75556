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

/* ---- Unicode case mapping (the kernels are in builtins.inc) ----------- */

/* The simple lowercase / uppercase of code point u (builtins.inc). */
uint32_t
pmmlE_lower_cp(uint32_t u)
{
  return pm_fn_lower_cp(u);
}

uint32_t
pmmlE_upper_cp(uint32_t u)
{
  return pm_fn_upper_cp(u);
}

/* Decode the UTF-8 character at s[i] (builtins.inc). */
size_t
pmmlE_utf8_next(const char *s, size_t len, size_t i, uint32_t *u)
{
  return pm_fn_utf8_next(s, len, i, u);
}

/* ---- formatNumber (the engine is in builtins.inc) --------------------- */

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
  char stext[128], *p;
  size_t slen = pmmlV_format(arg, stext, sizeof stext);
  long total = pm_fn_format_number(arg->u.num, stext, slen, pat, pn, NULL);
  if (total == -1)
    return pmmlE_fail(c, PMML_E_EVAL,
                      "formatNumber: unsupported pattern '%.*s'",
                      (int)(pn > 80 ? 80 : pn), pat);
  if (total == -2) {
    *out = pmmlV_num(NAN, PMML_DT_DOUBLE); /* invalid result */
    return 0;
  }
  if (!(p = pmmlE_strbuf(c, total ? (size_t)total : 1)))
    return -1;
  pm_fn_format_number(arg->u.num, stext, slen, pat, pn, p);
  *out = pmmlV_str(p, (size_t)total, -1);
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
  double secs;
  long total;
  char *p;

  if (a[0].t == PM_T_NUM && is_time_dt(a[0].dt))
    secs = a[0].u.num;
  else if (arg_instant(c, id, a, 0, &secs) < 0)
    return -1;
  if (!isfinite(secs) || fabs(secs) > 1e15) {
    *out = pmmlV_num(NAN, PMML_DT_DOUBLE);
    return 0;
  }
  total = pm_fn_format_datetime(secs, pat, pn, NULL);
  if (total < 0)
    return pmmlE_fail(c, PMML_E_EVAL,
                      "formatDatetime: unsupported pattern '%.*s'",
                      (int)(pn > 80 ? 80 : pn), pat);
  if (!(p = pmmlE_strbuf(c, total ? (size_t)total : 1)))
    return -1;
  pm_fn_format_datetime(secs, pat, pn, p);
  *out = pmmlV_str(p, (size_t)total, -1);
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
    pm_fn_map_case(s, len, p, id == PM_BI_UPPERCASE);
    *out = pmmlV_str(p, len, -1);
    return 0;
  case PM_BI_STRINGLENGTH:
    *out = pmmlV_num((double)pm_fn_char_count(s, len), PMML_DT_INTEGER);
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
    b = pm_fn_char_offset(s, len, start - 1);
    e = b + pm_fn_char_offset(s + b, len - b, cnt);
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
  pat = pmmlR_expr_at(r, pmmlR_arg(r, e->first + 1));
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
