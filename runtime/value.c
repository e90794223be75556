/*
** value.c: values of PMML data types. Text to value for every data type,
** the casts between types, comparison, formatting, data type and optype
** names, and proleptic Gregorian date arithmetic.
**
** Numbers are parsed and printed only through numconv.h (exact and
** locale-independent). Strings made here live in the context's string
** scratch (pmmlE_strbuf, eval.c). Dates are numbers (see pm_val): 'date' is
** days since 1970-01-01, 'time' seconds since midnight, 'dateTime' seconds
** since 1970-01-01T00:00:00, the dateDaysSince[Y] family counts days from
** Y-01-01 and dateTimeSecondsSince[Y] seconds from Y-01-01T00:00:00.
**
** Decisions where the specification is silent (JPMML's behaviour noted):
** - Leading and trailing ASCII blanks (space, \t, \n, \v, \f, \r) around
**   the text of every non-string type are ignored (JPMML: Java's
**   Double.parseDouble trims them too). Strings are kept as they are.
** - integer accepts any number whose value is integral: "3", "+3", "-3",
**   "3.0", "1e2" (JPMML: Long.parseLong, then Double.parseDouble when the
**   result is a mathematical integer). "3.5", "NaN" and infinities are not
**   integers.
** - float and double accept "NaN", "Infinity"/"inf" (any case), like Java.
**   float is parsed to double and then rounded to float.
** - boolean accepts "true"/"false" in any case and any number equal to 1
**   or 0 ("1", "0", "1.0"), as JPMML does.
** - date is [-]YYYY-MM-DD (at least four year digits); time is
**   HH:MM[:SS[.fraction]]; dateTime is a date, optionally followed by 'T'
**   and a time (no zone). timeSeconds is H:MM:SS (hours unbounded) or a
**   plain number of seconds. The dateDaysSince[Y] and
**   dateTimeSecondsSince[Y] types read a date / dateTime text, or a plain
**   number taken as the count itself.
** - Casting a non-integral number to integer truncates towards zero.
** - Number to string: integers print without ".0", floats as the shortest
**   float32 text, doubles as the shortest round-trip text (JavaScript
**   style; JPMML would print Java's "1.0" for a double 1).
*/
#include <math.h>
#include <string.h>

#include "builtins.inc"
#include "numconv.h"
#include "pmml_int.h"

/* ---- Names ------------------------------------------------------------ */

static const char *const dtype_names[] = {
  "string", "integer", "float", "double", "boolean", "date", "time",
  "dateTime", "dateDaysSince[0]", "dateDaysSince[1960]",
  "dateDaysSince[1970]", "dateDaysSince[1980]", "timeSeconds",
  "dateTimeSecondsSince[0]", "dateTimeSecondsSince[1960]",
  "dateTimeSecondsSince[1970]", "dateTimeSecondsSince[1980]", NULL};

static const char *const optype_names[] = {"categorical", "ordinal",
                                           "continuous", NULL};

/* The pmml_dtype called 's' (DataField@dataType), or -1. */
int
pmmlV_dtype(const char *s)
{
  int i;
  for (i = 0; dtype_names[i]; i++)
    if (strcmp(s, dtype_names[i]) == 0)
      return i;
  return -1;
}

/* The pmml_optype called 's' (DataField@optype), or -1. */
int
pmmlV_optype(const char *s)
{
  int i;
  for (i = 0; optype_names[i]; i++)
    if (strcmp(s, optype_names[i]) == 0)
      return i;
  return -1;
}

/* Numbers, dates and times: everything kept in u.num but booleans. */
int
pmmlV_numeric_dt(uint8_t dt)
{
  return dt != PMML_DT_STRING && dt != PMML_DT_BOOLEAN && dt != PM_DT_ANY;
}

/* ---- Civil dates ------------------------------------------------------ */

/*
** Days from 1970-01-01 to y-m-d, proleptic Gregorian (year 0 = 1 BC): the
** kernel in builtins.inc, shared with generated code. PMML 4.4
** DataDictionary: date types.
*/
int64_t
pmmlV_days_from_civil(int64_t y, int m, int d)
{
  return pm_fn_days_from_civil_i(y, m, d);
}

/* The inverse: the civil date z days after 1970-01-01. */
void
pmmlV_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
  pm_fn_civil_from_days(z, y, m, d);
}

/* The epoch year of dateDaysSince[Y] / dateTimeSecondsSince[Y], or -1. */
int
pmmlV_epoch_year(uint8_t dt)
{
  switch (dt) {
  case PMML_DT_DATE_DAYS_SINCE_0:
  case PMML_DT_DATETIME_SECONDS_SINCE_0:
    return 0;
  case PMML_DT_DATE_DAYS_SINCE_1960:
  case PMML_DT_DATETIME_SECONDS_SINCE_1960:
    return 1960;
  case PMML_DT_DATE_DAYS_SINCE_1970:
  case PMML_DT_DATETIME_SECONDS_SINCE_1970:
    return 1970;
  case PMML_DT_DATE_DAYS_SINCE_1980:
  case PMML_DT_DATETIME_SECONDS_SINCE_1980:
    return 1980;
  default:
    return -1;
  }
}

/* What a date-like data type counts. */
enum { DK_NONE = 0, DK_DAYS, DK_SECONDS, DK_TIME };

static int
date_kind(uint8_t dt)
{
  switch (dt) {
  case PMML_DT_DATE:
  case PMML_DT_DATE_DAYS_SINCE_0:
  case PMML_DT_DATE_DAYS_SINCE_1960:
  case PMML_DT_DATE_DAYS_SINCE_1970:
  case PMML_DT_DATE_DAYS_SINCE_1980:
    return DK_DAYS;
  case PMML_DT_DATETIME:
  case PMML_DT_DATETIME_SECONDS_SINCE_0:
  case PMML_DT_DATETIME_SECONDS_SINCE_1960:
  case PMML_DT_DATETIME_SECONDS_SINCE_1970:
  case PMML_DT_DATETIME_SECONDS_SINCE_1980:
    return DK_SECONDS;
  case PMML_DT_TIME:
  case PMML_DT_TIME_SECONDS:
    return DK_TIME;
  default:
    return DK_NONE;
  }
}

/* Days from 1970-01-01 to the epoch of dt (0 for date and dateTime). */
static double
epoch_days(uint8_t dt)
{
  int y = pmmlV_epoch_year(dt);
  return y < 0 ? 0.0 : (double)pmmlV_days_from_civil(y, 1, 1);
}

static int
month_days(int64_t y, int m)
{
  return pm_fn_month_days(y, m);
}

/* ---- Text to value ---------------------------------------------------- */

static int
is_blank(char ch)
{
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v'
         || ch == '\f';
}

static void
trim(const char **s, size_t *len)
{
  while (*len > 0 && is_blank((*s)[0])) {
    (*s)++;
    (*len)--;
  }
  while (*len > 0 && is_blank((*s)[*len - 1]))
    (*len)--;
}

/* Exactly n decimal digits at s into *out. */
static int
digits(const char *s, size_t n, int64_t *out)
{
  size_t i;
  int64_t v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

/* [-]YYYY-MM-DD at s[0..len) (year of 4 to 9 digits): days since 1970,
** the number of bytes used in *used. */
static int
parse_date(const char *s, size_t len, double *days, size_t *used)
{
  size_t i = 0, ny;
  int neg = 0;
  int64_t y, m, d;
  if (i < len && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    i++;
  }
  for (ny = 0; i + ny < len && s[i + ny] >= '0' && s[i + ny] <= '9'; ny++)
    ;
  if (ny < 4 || ny > 9 || digits(s + i, ny, &y) < 0)
    return -1;
  i += ny;
  if (i + 6 > len || s[i] != '-' || s[i + 3] != '-')
    return -1;
  if (digits(s + i + 1, 2, &m) < 0 || digits(s + i + 4, 2, &d) < 0)
    return -1;
  if (neg)
    y = -y;
  if (m < 1 || m > 12 || d < 1 || d > month_days(y, (int)m))
    return -1;
  *days = (double)pmmlV_days_from_civil(y, (int)m, (int)d);
  *used = i + 6;
  return 0;
}

/* HH:MM[:SS[.fraction]] in all of s[0..len): seconds since midnight.
** 'maxh' bounds the hours (23 for time, unbounded for timeSeconds). */
static int
parse_time(const char *s, size_t len, int64_t maxh, double *secs)
{
  size_t nh, i;
  int64_t h, m, sec = 0;
  double frac = 0.0;
  for (nh = 0; nh < len && s[nh] >= '0' && s[nh] <= '9'; nh++)
    ;
  if (nh < 1 || nh > 9 || digits(s, nh, &h) < 0 || h > maxh)
    return -1;
  i = nh;
  if (i + 3 > len || s[i] != ':' || digits(s + i + 1, 2, &m) < 0 || m > 59)
    return -1;
  i += 3;
  if (i < len) {
    if (i + 3 > len || s[i] != ':' || digits(s + i + 1, 2, &sec) < 0
        || sec > 59)
      return -1;
    i += 3;
    if (i < len) {
      /* ".123": a dot and digits only, then read exactly */
      size_t k;
      if (s[i] != '.' || i + 1 >= len)
        return -1;
      for (k = i + 1; k < len; k++)
        if (s[k] < '0' || s[k] > '9')
          return -1;
      if (pmmlN_parse_double(s + i, len - i, &frac) < 0)
        return -1;
    }
  }
  *secs = (double)(h * 3600 + m * 60 + sec) + frac;
  return 0;
}

/* A plain number in s[0..len). */
static int
parse_num(const char *s, size_t len, double *x)
{
  return pmmlN_parse_double(s, len, x);
}

/* Does s[0..len) equal the ASCII word w, ignoring case? */
static int
word_eq(const char *s, size_t len, const char *w)
{
  size_t i;
  for (i = 0; i < len && w[i]; i++) {
    char a = s[i], b = w[i];
    if (a >= 'A' && a <= 'Z')
      a = (char)(a - 'A' + 'a');
    if (a != b)
      return 0;
  }
  return i == len && w[i] == '\0';
}

/* Text of a date-like type: the number it stands for. */
static int
date_from_text(uint8_t dt, const char *s, size_t len, double *x)
{
  double days, secs;
  size_t used;
  int kind = date_kind(dt);

  if (kind == DK_TIME) {
    if (parse_time(s, len, dt == PMML_DT_TIME ? 23 : 999999999, x) == 0)
      return 0;
    return dt == PMML_DT_TIME_SECONDS ? parse_num(s, len, x) : -1;
  }
  if (dt != PMML_DT_DATE && dt != PMML_DT_DATETIME) {
    /* dateDaysSince[Y] / dateTimeSecondsSince[Y]: a count is accepted */
    if (parse_num(s, len, x) == 0)
      return isnan(*x) ? -1 : 0;
  }
  if (parse_date(s, len, &days, &used) < 0)
    return -1;
  secs = 0.0;
  if (used < len) {
    if (kind != DK_SECONDS || s[used] != 'T'
        || parse_time(s + used + 1, len - used - 1, 23, &secs) < 0)
      return -1;
  }
  days -= epoch_days(dt);
  *x = kind == DK_DAYS ? days : days * 86400.0 + secs;
  return 0;
}

/*
** Convert text to a value of data type dt: 0 and *v, or -1 when the text is
** not a value of that type. PMML 4.4 DataDictionary: dataType; the
** decisions are in the comment at the top of this file.
*/
int
pmmlV_from_text(const pm_strtab *t, uint8_t dt, const char *s, size_t len,
                pm_val *v)
{
  double x;

  if (dt == PMML_DT_STRING || dt == PM_DT_ANY) {
    *v = pmmlV_str(s, len, t ? pmmlS_lookup(t, s, len) : -1);
    return 0;
  }
  trim(&s, &len);
  switch (dt) {
  case PMML_DT_INTEGER:
    if (parse_num(s, len, &x) < 0 || !isfinite(x) || floor(x) != x)
      return -1;
    *v = pmmlV_num(x == 0.0 ? 0.0 : x, dt);
    return 0;
  case PMML_DT_FLOAT:
    if (parse_num(s, len, &x) < 0)
      return -1;
    *v = pmmlV_num((double)(float)x, dt);
    return 0;
  case PMML_DT_DOUBLE:
    if (parse_num(s, len, &x) < 0)
      return -1;
    *v = pmmlV_num(x, dt);
    return 0;
  case PMML_DT_BOOLEAN:
    if (word_eq(s, len, "true")) {
      *v = pmmlV_bool(1);
      return 0;
    }
    if (word_eq(s, len, "false")) {
      *v = pmmlV_bool(0);
      return 0;
    }
    if (parse_num(s, len, &x) < 0 || (x != 0.0 && x != 1.0))
      return -1;
    *v = pmmlV_bool(x == 1.0);
    return 0;
  default:
    if (date_kind(dt) == DK_NONE || date_from_text(dt, s, len, &x) < 0)
      return -1;
    *v = pmmlV_num(x, dt);
    return 0;
  }
}

/* ---- Formatting ------------------------------------------------------- */

/* Append s[0..n) to buf (truncating) at *pos, counting all of it. */
static void
put(char *buf, size_t size, size_t *pos, const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++, (*pos)++)
    if (*pos + 1 < size)
      buf[*pos] = s[i];
}

/* 'v' in decimal with at least 'width' digits, padded with 'pad' ('0' for
** dates and times, ' ' for strftime's %e); returns its length, without a
** terminating NUL (out holds 24 bytes or more). The kernel is builtins.inc's,
** which formatDatetime and generated code use too. */
size_t
pmmlV_put_int(char *out, int64_t v, int width, char pad)
{
  return pm_fn_put_num(out, v, width, pad);
}

/* A day count as YYYY-MM-DD into out (>= 24 bytes); returns its length. */
static size_t
fmt_date(char *out, double days)
{
  int64_t y;
  int m, d;
  size_t k;
  pmmlV_civil_from_days((int64_t)floor(days), &y, &m, &d);
  k = pmmlV_put_int(out, y, 4, '0');
  out[k++] = '-';
  k += pmmlV_put_int(out + k, m, 2, '0');
  out[k++] = '-';
  k += pmmlV_put_int(out + k, d, 2, '0');
  return k;
}

/* Seconds since midnight as HH:MM:SS[.fraction] (>= 48 bytes). */
static size_t
fmt_time(char *out, double secs)
{
  double whole = floor(secs), frac = secs - whole;
  int64_t s = (int64_t)whole;
  size_t k = pmmlV_put_int(out, s / 3600, 2, '0');
  out[k++] = ':';
  k += pmmlV_put_int(out + k, (s / 60) % 60, 2, '0');
  out[k++] = ':';
  k += pmmlV_put_int(out + k, s % 60, 2, '0');
  if (frac > 0.0) {
    char tmp[PMMLN_DBL_BUFSZ];
    size_t n = pmmlN_format_double(frac, tmp);
    if (n > 1 && tmp[0] == '0' && tmp[1] == '.') { /* "0.25" -> ".25" */
      memcpy(out + k, tmp + 1, n - 1);
      k += n - 1;
    }
  }
  return k;
}

/*
** Write v as text into buf (NUL-terminated, truncated to size) and return
** the length it needs: numbers in the shortest round-trip form (integers
** without ".0", floats as float32), "true"/"false", date, time and dateTime
** in ISO 8601, the counting date types as numbers, missing as "".
*/
size_t
pmmlV_format(const pm_val *v, char *buf, size_t size)
{
  char tmp[96];
  size_t n = 0, pos = 0;
  const char *src = tmp;
  double x = v->u.num;

  switch (v->t) {
  case PM_T_MISSING:
    break;
  case PM_T_STR:
    src = v->u.str;
    n = v->len;
    break;
  case PM_T_BOOL:
    src = x != 0.0 ? "true" : "false";
    n = strlen(src);
    break;
  default:
    /* A date or time too far out for a calendar (beyond some 10^15
    ** days or seconds, infinity, NaN) is written as its number. */
    if (!(fabs(x) < 1e15) && date_kind(v->dt) != DK_NONE) {
      n = pmmlN_format_double(x, tmp);
      break;
    }
    switch (v->dt) {
    case PMML_DT_FLOAT:
      n = pmmlN_format_float((float)x, tmp);
      break;
    case PMML_DT_INTEGER:
      n = pmmlN_format_double(x == 0.0 ? 0.0 : x, tmp);
      break;
    case PMML_DT_DATE:
      n = fmt_date(tmp, x);
      break;
    case PMML_DT_TIME:
      n = fmt_time(tmp, x);
      break;
    case PMML_DT_DATETIME: {
      double days = floor(x / 86400.0);
      n = fmt_date(tmp, days);
      tmp[n++] = 'T';
      n += fmt_time(tmp + n, x - days * 86400.0);
      break;
    }
    default:
      n = pmmlN_format_double(x, tmp);
      break;
    }
  }
  put(buf, size, &pos, src, n);
  if (size > 0)
    buf[pos < size ? pos : size - 1] = '\0';
  return n;
}

/* ---- Casts ------------------------------------------------------------ */

/* The number a value stands for, converting text of type 'as'. */
static int
as_number(const pm_val *in, double *x)
{
  pm_val t;
  if (in->t == PM_T_NUM || in->t == PM_T_BOOL) {
    *x = in->u.num;
    return 0;
  }
  if (in->t == PM_T_STR
      && pmmlV_from_text(NULL, PMML_DT_DOUBLE, in->u.str, in->len, &t) == 0) {
    *x = t.u.num;
    return 0;
  }
  return -1;
}

/* A date-like number of type 'from' as a count of type 'to' (both date
** kinds; days/seconds/time conversions as the kinds say). */
static int
date_convert(uint8_t from, double x, uint8_t to, double *out)
{
  int fk = date_kind(from), tk = date_kind(to);
  double days, secs;

  if (fk == DK_NONE) { /* plain numbers are taken as counts of 'to' */
    *out = x;
    return 0;
  }
  if (tk == DK_TIME) {
    if (fk == DK_TIME) {
      *out = x;
      return 0;
    }
    if (fk != DK_SECONDS)
      return -1;
    *out = x - 86400.0 * floor(x / 86400.0);
    return 0;
  }
  if (fk == DK_TIME)
    return -1;
  /* absolute: days or seconds since 1970 */
  if (fk == DK_DAYS) {
    days = x + epoch_days(from);
    secs = days * 86400.0;
  } else {
    secs = x + epoch_days(from) * 86400.0;
    days = floor(secs / 86400.0);
  }
  if (tk == DK_DAYS)
    *out = days - epoch_days(to);
  else
    *out = secs - epoch_days(to) * 86400.0;
  return 0;
}

/*
** Convert 'in' to data type dt (PMML 4.4 DataDictionary and
** Transformations: the data type of derived fields and function results):
** numbers to strings in their shortest text, strings parsed, float
** rounding, integer truncation towards zero, booleans to and from 1/0,
** date types re-counted from their epochs. 0, or -1 (out MISSING) when
** the value has no such type. Strings go into c's string scratch; with c
** NULL, a cast that needs to make a string fails.
*/
int
pmmlV_cast(pmml_ctx *c, const pm_val *in, uint8_t dt, pm_val *out)
{
  pm_val v = *in;
  double x;

  if (in->t == PM_T_MISSING || dt == PM_DT_ANY || dt == in->dt) {
    *out = *in;
    if (in->t != PM_T_MISSING && dt != PM_DT_ANY)
      out->dt = dt;
    return 0;
  }
  if (in->t == PM_T_STR) {
    if (pmmlV_from_text(NULL, dt, in->u.str, in->len, &v) < 0)
      goto fail;
    if (dt == PMML_DT_STRING) { /* keep the symbol */
      v.sym = in->sym;
    }
    v.invalid = in->invalid;
    *out = v;
    return 0;
  }
  if (dt == PMML_DT_STRING) {
    char tmp[96], *p;
    size_t n = pmmlV_format(in, tmp, sizeof tmp);
    if (!c || n >= sizeof tmp || !(p = pmmlE_strbuf(c, n ? n : 1)))
      goto fail;
    memcpy(p, tmp, n);
    *out = pmmlV_str(p, n, -1);
    out->invalid = in->invalid;
    return 0;
  }
  x = in->u.num;
  switch (dt) {
  case PMML_DT_INTEGER:
    if (isnan(x))
      goto fail;
    v = pmmlV_num(isinf(x) ? x : trunc(x) + 0.0, dt);
    break;
  case PMML_DT_FLOAT:
    v = pmmlV_num((double)(float)x, dt);
    break;
  case PMML_DT_DOUBLE:
    v = pmmlV_num(x, dt);
    break;
  case PMML_DT_BOOLEAN:
    if (x != 0.0 && x != 1.0)
      goto fail;
    v = pmmlV_bool(x == 1.0);
    break;
  default:
    if (in->t == PM_T_BOOL || date_convert(in->dt, x, dt, &x) < 0)
      goto fail;
    v = pmmlV_num(x, dt);
    break;
  }
  v.invalid = in->invalid;
  *out = v;
  return 0;
fail:
  *out = pmmlV_missing();
  return -1;
}

/* ---- Comparison ------------------------------------------------------- */

/* The same instant for date-like numbers of different epochs. */
static double
absolute(const pm_val *v)
{
  double x = v->u.num;
  switch (date_kind(v->dt)) {
  case DK_DAYS:
    return x + epoch_days(v->dt);
  case DK_SECONDS:
    return x + epoch_days(v->dt) * 86400.0;
  default:
    return x;
  }
}

/* Numbers in a total order (NaN equal to itself and above everything, as
** Java's Double.compare). */
static int
cmp_num(double a, double b)
{
  if (a < b)
    return -1;
  if (a > b)
    return 1;
  if (a == b)
    return 0;
  return isnan(a) ? (isnan(b) ? 0 : 1) : -1;
}

/*
** Order of two values: -1, 0, 1; -2 when they are not comparable (missing,
** or a string that is not a number against a number). Numbers, booleans
** and dates compare numerically (dates of different epochs as instants),
** strings by bytes. PMML 4.4 Built-in functions: lessThan and friends.
*/
int
pmmlV_compare(const pm_val *a, const pm_val *b)
{
  double x, y;
  if (a->t == PM_T_MISSING || b->t == PM_T_MISSING)
    return -2;
  if (a->t == PM_T_STR && b->t == PM_T_STR) {
    size_t n = a->len < b->len ? a->len : b->len;
    int r = n ? memcmp(a->u.str, b->u.str, n) : 0;
    if (r == 0)
      return a->len < b->len ? -1 : a->len > b->len;
    return r < 0 ? -1 : 1;
  }
  if (a->t != PM_T_STR && b->t != PM_T_STR) {
    if (date_kind(a->dt) != DK_NONE && date_kind(b->dt) != DK_NONE
        && a->dt != b->dt)
      return cmp_num(absolute(a), absolute(b));
    return cmp_num(a->u.num, b->u.num);
  }
  if (as_number(a, &x) < 0 || as_number(b, &y) < 0)
    return -2;
  return cmp_num(x, y);
}

/* 1 when a equals b (strings: same symbol or bytes), else 0. */
int
pmmlV_equal(const pm_val *a, const pm_val *b)
{
  if (a->t == PM_T_STR && b->t == PM_T_STR) {
    if (a->sym >= 0 && b->sym >= 0)
      return a->sym == b->sym;
    return a->len == b->len
           && (a->len == 0 || memcmp(a->u.str, b->u.str, a->len) == 0);
  }
  return pmmlV_compare(a, b) == 0;
}

/* A literal of the document as a value. */
pm_val
pmmlV_lit(const pmml_model *doc, const pm_lit *l)
{
  pm_val v;
  switch (l->t) {
  case PM_T_NUM:
    v = pmmlV_num(l->num, l->dt);
    break;
  case PM_T_BOOL:
    v = pmmlV_bool(l->num != 0.0);
    break;
  case PM_T_STR:
    if (l->sym < 0)
      return pmmlV_missing();
    v = pmmlV_str(pmmlS_str(&doc->strs, l->sym),
                  pmmlS_len(&doc->strs, l->sym), l->sym);
    if (l->dt != PM_DT_ANY)
      v.dt = l->dt;
    break;
  default:
    v = pmmlV_missing();
    break;
  }
  return v;
}

/* The length of byte ch as pmmlV_clean_message writes it. */
static size_t
clean_len(unsigned char ch)
{
  if (ch >= 0x20 && ch != 0x7f)
    return 1;
  return ch == '\n' || ch == '\r' || ch == '\t' ? 2 : 4;
}

/*
** Make msg[0..size) one printable line: a control byte that a document or
** a record put into a message (a value quoted in it) is written as \n, \r,
** \t or \xHH, truncating at 'size'. Messages are printed one per line and
** written into CSV cells; a raw line end or escape sequence would forge
** another line or drive the terminal. Works in place, from the end.
*/
void
pmmlV_clean_message(char *msg, size_t size)
{
  size_t n = strlen(msg), i, k, len = 0;
  for (i = 0; i < n; i++)
    if (clean_len((unsigned char)msg[i]) != 1)
      break;
  if (i == n || size == 0)
    return;
  /* The longest prefix msg[0..k) whose escaped text fits. */
  for (k = 0; k < n && len + clean_len((unsigned char)msg[k]) < size; k++)
    len += clean_len((unsigned char)msg[k]);
  msg[len] = '\0';
  while (k-- > 0) {
    unsigned char ch = (unsigned char)msg[k];
    size_t w = clean_len(ch);
    len -= w;
    if (w == 1) {
      msg[len] = (char)ch;
    } else if (w == 2) {
      msg[len] = '\\';
      msg[len + 1] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
    } else {
      msg[len] = '\\';
      msg[len + 1] = 'x';
      msg[len + 2] = "0123456789abcdef"[ch >> 4];
      msg[len + 3] = "0123456789abcdef"[ch & 15];
    }
  }
}
