/*
** test_numconv.c: CUnit suite for runtime/numconv.c. Known hard cases for
** the parser (halfway points, subnormals, overflow, 800-digit mantissas),
** the grammar (malformed text), the output layout, randomized agreement
** with the C library (strtod/strtof and %.Ng in the "C" locale), and
** independence from a comma-decimal locale. PMMLN_RANDOM_N in the
** environment sets the number of random cases (default 1000000).
*/
#include <CUnit/CUnit.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/numconv.h"

/* Failures printed in detail before the rest are only counted. */
#define MAX_REPORT 10

/* Deterministic xorshift64* generator for the random tests. */
static uint64_t
rnd(uint64_t *st)
{
  *st ^= *st >> 12;
  *st ^= *st << 25;
  *st ^= *st >> 27;
  return *st * UINT64_C(2685821657736338717);
}

/* Number of random cases to run. */
static long
random_n(void)
{
  const char *s = getenv("PMMLN_RANDOM_N");
  return s ? atol(s) : 1000000L;
}

/* Bits of a double. */
static uint64_t
dbits(double v)
{
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

/* Double with the given bits. */
static double
bitsd(uint64_t b)
{
  double v;
  memcpy(&v, &b, sizeof v);
  return v;
}

/* Bits of a float. */
static uint32_t
fbits(float v)
{
  uint32_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

/* Parse s with pmmlN_parse_double and with strtod; 1 when both accept it
   and agree bit for bit (NaN: both NaN with the same sign). */
static int
agrees(const char *s)
{
  double a = 0, b;
  char *end;
  if (pmmlN_parse_double(s, strlen(s), &a) != 0)
    return 0;
  b = strtod(s, &end);
  if (*end != '\0')
    return 0;
  if (isnan(a) || isnan(b))
    return isnan(a) && isnan(b) && !signbit(a) == !signbit(b);
  return dbits(a) == dbits(b);
}

/* The same for floats against strtof. */
static int
agrees_f(const char *s)
{
  float a = 0, b;
  char *end;
  if (pmmlN_parse_float(s, strlen(s), &a) != 0)
    return 0;
  b = strtof(s, &end);
  if (*end != '\0')
    return 0;
  if (isnan(a) || isnan(b))
    return isnan(a) && isnan(b) && !signbit(a) == !signbit(b);
  return fbits(a) == fbits(b);
}

/* Hard and ordinary cases, each compared with strtod and strtof. */
static void
test_parse_known(void)
{
  static const char *const cases[] = {
    "0", "-0", "+0", "0.0", "-0.0", "00000", "0e999999999", "-0e-5",
    "1", "-1", "+1", "1.", ".5", "-.5", "1.5", "0.1", "0.2", "0.3",
    "123.456", "1e23", "8.98846567431158e307", "9007199254740993",
    "9007199254740992", "9007199254740994", "9007199254740995",
    "18014398509481985", "1e22", "1e-22", "123456789012345678901234567890",
    "2.2250738585072011e-308", "2.2250738585072012e-308",
    "2.2250738585072014e-308",
    ("2.225073858507201136057409796709131975934" "8191e-308"),
    "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "2.47032822920623272e-324", "1e-324",
    "3e-324", "7.4109846876186982e-324", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623158079e308",
    "1.797693134862315807937289714053e308", "1.7976931348623159e308",
    "1e308", "1e309", "1e400", "-1e400", "1e-400", "-1e-400",
    "1E+2", "1e-2", "1E0", "1e+0", "1e-0", "0.000001", "1e-7",
    "3.4028234663852886e38", "3.4028235677973366e38", "3.40282357e38",
    "1.17549435e-38", "1.4e-45", "7.006492321624085e-46",
    "7.0064923216240862e-46", "1.00000005960464477539062499",
    "1.000000059604644775390625", "1.00000005960464477539062501",
    "0.1234567890123456789", "0.12345678901234567890123456789",
    "1234567890123456789e-20", "12345678901234567890e-21",
    "9999999999999999999", "99999999999999999999", "18446744073709551615",
    "18446744073709551616", "4503599627370496.5", "4503599627370497.5",
    "2.0000000000000004", "2.0000000000000002", "2.00000000000000022",
    "1e-5", "1e-10", "1e-15", "1e-20", "1e-300", "1e300",
    "5708990770823839524233143877797980545530986496", "0.30000000000000004",
    "inf", "-inf", "INF", "Infinity", "-Infinity", "infinity", "iNfInItY",
    "nan", "NaN", "-nan", "+NAN",
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (!agrees(cases[i]))
      fprintf(stderr, "\n  double disagrees: %s\n", cases[i]);
    CU_ASSERT(agrees(cases[i]));
    if (!agrees_f(cases[i]))
      fprintf(stderr, "\n  float disagrees: %s\n", cases[i]);
    CU_ASSERT(agrees_f(cases[i]));
  }
}

/* Exact answers that do not depend on the C library being right. */
static void
test_parse_exact(void)
{
  double d = 1;
  CU_ASSERT(pmmlN_parse_double("-0", 2, &d) == 0 && d == 0 && signbit(d));
  CU_ASSERT(pmmlN_parse_double("1e23", 4, &d) == 0
            && dbits(d) == UINT64_C(0x44b52d02c7e14af6));
  CU_ASSERT(pmmlN_parse_double("9007199254740993", 16, &d) == 0
            && d == 9007199254740992.0);
  CU_ASSERT(pmmlN_parse_double("4.9406564584124654e-324", 23, &d) == 0
            && dbits(d) == 1);
  CU_ASSERT(pmmlN_parse_double("1.7976931348623157e308", 22, &d) == 0
            && d == DBL_MAX);
  CU_ASSERT(pmmlN_parse_double("1e400", 5, &d) == 0 && isinf(d) && d > 0);
  CU_ASSERT(pmmlN_parse_double("-1e-400", 7, &d) == 0 && d == 0
            && signbit(d));
  CU_ASSERT(pmmlN_parse_double("-Infinity", 9, &d) == 0 && isinf(d)
            && d < 0);
  /* only s[0..n) is read */
  CU_ASSERT(pmmlN_parse_double("12345", 2, &d) == 0 && d == 12);
  CU_ASSERT(pmmlN_parse_double("1.5x", 3, &d) == 0 && d == 1.5);
}

/* Malformed text is rejected and leaves *out alone. */
static void
test_parse_malformed(void)
{
  static const char *const bad[] = {
    "", "+", "-", ".", "+.", "-.", "e5", ".e5", "1e", "1e+", "1e-",
    "1.2.3", "0x10", "0X1p3", "1,5", " 1", "1 ", "\t1", "1\n", "nan(123)",
    "nan()", "infx", "in", "infinit", "infinityy", "--1", "+-1", "1e5.5",
    "1e5e5", "1.5e", "1_000", "١", "1e+-5", "NA", "N/A", "true", "0b1",
    "1d5", "1f", "1.0f", "++1", "e", "E", "0..1", "1..", "- 1",
  };
  size_t i;
  double d = 42.0;
  float f = 42.0f;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int rc = pmmlN_parse_double(bad[i], strlen(bad[i]), &d);
    if (rc != -1)
      fprintf(stderr, "\n  accepted: '%s'\n", bad[i]);
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT_EQUAL(pmmlN_parse_float(bad[i], strlen(bad[i]), &f), -1);
  }
  CU_ASSERT_EQUAL(pmmlN_parse_double("1\0", 2, &d), -1);
  CU_ASSERT_EQUAL(pmmlN_parse_double(NULL, 0, &d), -1);
  CU_ASSERT(d == 42.0 && f == 42.0f);
}

/*
** Exact decimal text of x * 2^-n (n >= 0) into buf: the digits of
** x * 5^n with the point n places from the right. buf must be large.
*/
static void
exact_decimal(uint64_t x, int n, char *buf)
{
  static unsigned char dig[2000];  /* little-endian decimal digits */
  int nd = 0, i, j;
  char *p = buf;
  while (x) {
    dig[nd++] = (unsigned char)(x % 10);
    x /= 10;
  }
  for (i = 0; i < n; i++) {
    int carry = 0;
    for (j = 0; j < nd; j++) {
      int v = dig[j] * 5 + carry;
      dig[j] = (unsigned char)(v % 10);
      carry = v / 10;
    }
    while (carry) {
      dig[nd++] = (unsigned char)(carry % 10);
      carry /= 10;
    }
  }
  while (nd <= n)
    dig[nd++] = 0;
  for (i = nd - 1; i >= 0; i--) {
    *p++ = (char)('0' + dig[i]);
    if (i == n && n > 0)
      *p++ = '.';
  }
  *p = '\0';
}

/* Halfway points with hundreds of digits, exactly and nudged either way:
   ties go to even, one more nonzero digit 700+ places down goes up. */
static void
test_parse_long(void)
{
  static char buf[4000], nudged[4100];
  static const struct { uint64_t m; int n; } mids[] = {
    { 1, 1075 },                               /* half the least subnormal */
    { 3, 1075 },                               /* between 1 and 2 ulps */
    { (UINT64_C(1) << 53) + 1, 1075 },         /* just above 2^-1022 */
    { (UINT64_C(1) << 54) - 1, 1075 + 52 },    /* below the least normal */
    { (UINT64_C(1) << 53) + 1, 53 },           /* 1 + 2^-53 */
    { (UINT64_C(1) << 54) - 3, 54 + 10 },
    { (UINT64_C(1) << 54) + 1, 54 + 500 },
  };
  size_t i;
  for (i = 0; i < sizeof mids / sizeof mids[0]; i++) {
    size_t len;
    exact_decimal(mids[i].m, mids[i].n, buf);
    len = strlen(buf);
    CU_ASSERT(len > 50);
    CU_ASSERT(agrees(buf));
    strcpy(nudged, buf);
    strcat(nudged, "0000000000000000000000000001");
    CU_ASSERT(agrees(nudged));
    /* the nonzero digit beyond the 800 the parser keeps */
    strcpy(nudged, buf);
    memset(nudged + len, '0', 150);
    strcpy(nudged + len + 150, "1e0");
    CU_ASSERT(agrees(nudged));
    CU_ASSERT(agrees_f(nudged));
    /* one less in the last place: ...d-1 followed by many 9s */
    strcpy(nudged, buf);
    {
      char *p = nudged + strlen(nudged) - 1;
      while (*p == '0' || *p == '.') {
        if (*p == '0')
          *p = '9';
        p--;
      }
      (*p)--;
      p = nudged + strlen(nudged);
      memset(p, '9', 150);
      p[150] = '\0';
    }
    CU_ASSERT(agrees(nudged));
  }
  /* 800+ digit mantissas that are not halfway cases, and long zeros */
  {
    uint64_t st = 12345;
    int k;
    for (k = 0; k < 200; k++) {
      int nd = 1 + (int)(rnd(&st) % 1200), j;
      char *p = buf;
      if (k & 1)
        *p++ = '-';
      for (j = 0; j < nd; j++) {
        *p++ = (char)('0' + rnd(&st) % 10);
        if (j == (int)(rnd(&st) % (unsigned)nd))
          *p++ = '.';
      }
      sprintf(p, "e%d", (int)(rnd(&st) % 800) - 700);
      if (strchr(buf, '.') && strchr(strchr(buf, '.') + 1, '.'))
        continue;
      if (!agrees(buf))
        fprintf(stderr, "\n  long: %s\n", buf);
      CU_ASSERT(agrees(buf));
      CU_ASSERT(agrees_f(buf));
    }
  }
  memset(buf, '0', 3000);
  strcpy(buf + 3000, "1e3000");
  CU_ASSERT(agrees(buf));
  buf[0] = '.';
  CU_ASSERT(agrees(buf));
}

/* Random decimal strings of 1..25 digits over the whole exponent range
   (and the float range), against strtod/strtof. */
static void
test_parse_random(void)
{
  uint64_t st = 0x9e3779b97f4a7c15u;
  long i, n = random_n(), bad = 0, badf = 0;
  char buf[64];
  for (i = 0; i < n; i++) {
    int nd = 1 + (int)(rnd(&st) % 25), j, e;
    char *p = buf;
    uint64_t r = rnd(&st);
    if (r & 1)
      *p++ = '-';
    for (j = 0; j < nd; j++)
      *p++ = (char)('0' + rnd(&st) % 10);
    switch ((r >> 1) % 4) {
    case 0: e = (int)(rnd(&st) % 700) - 350 - nd; break;
    case 1: e = (int)(rnd(&st) % 60) - 30 - nd; break;
    case 2: e = (int)(rnd(&st) % 40) - 340 - nd; break;
    default: e = (int)(rnd(&st) % 20) - 10; break;
    }
    sprintf(p, "e%d", e);
    if (!agrees(buf) && bad++ < MAX_REPORT)
      fprintf(stderr, "\n  random: %s\n", buf);
    if ((r >> 3) % 8 == 0 && !agrees_f(buf) && badf++ < MAX_REPORT)
      fprintf(stderr, "\n  random float: %s\n", buf);
  }
  CU_ASSERT_EQUAL(bad, 0);
  CU_ASSERT_EQUAL(badf, 0);
}

/* Significant digits in the mantissa of a formatted number. */
static int
sig_digits(const char *s)
{
  int n = 0, seen = 0, zeros = 0;
  for (; *s && *s != 'e'; s++) {
    if (*s < '0' || *s > '9')
      continue;
    if (*s == '0' && !seen)
      continue;
    seen = 1;
    if (*s == '0')
      zeros++;
    else {
      n += zeros + 1;
      zeros = 0;
    }
  }
  return n;
}

/* Check one double: pmmlN_format_double reads back exactly (through our
   parser and strtod), has no more digits than the shortest %.Ng that
   round-trips, and equals the correctly rounded %.Ne at its length. */
static int
check_format(double v)
{
  char buf[PMMLN_DBL_BUFSZ], ref[400], mine[400];
  double back = 0;
  size_t len = pmmlN_format_double(v, buf);
  int nd, ok = 1;
  if (len != strlen(buf) || len >= PMMLN_DBL_BUFSZ)
    return 0;
  if (pmmlN_parse_double(buf, len, &back) != 0 || dbits(back) != dbits(v))
    ok = 0;
  if (dbits(strtod(buf, NULL)) != dbits(v))
    ok = 0;
  if (!ok || v == 0 || isinf(v))
    return ok;
  nd = sig_digits(buf);
  if (nd > 1) {
    snprintf(ref, sizeof ref, "%.*g", nd - 1, v);
    if (strtod(ref, NULL) == v)
      return 0;               /* a shorter text exists */
  }
  snprintf(ref, sizeof ref, "%.*e", nd - 1, v);
  if (strtod(ref, NULL) == v) {
    /* the closest nd-digit number: compare mantissa digits */
    char *e1 = strchr(ref, 'e');
    int i = 0;
    const char *s;
    for (s = buf; *s && *s != 'e'; s++)
      if (*s >= '0' && *s <= '9' && (i || *s != '0'))
        mine[i++] = *s;
    while (i < nd)
      mine[i++] = '0';
    mine[i] = '\0';
    for (i = 0, s = ref; s < e1; s++)
      if (*s >= '0' && *s <= '9')
        ref[i++] = *s;
    ref[i] = '\0';
    if (strncmp(mine, ref, (size_t)nd) != 0)
      return 0;
  }
  return 1;
}

/* Layout of the output, ECMAScript style plus "-0". */
static void
test_format_known(void)
{
  static const struct { double v; const char *s; } cases[] = {
    { 0.0, "0" }, { 1.0, "1" }, { -1.0, "-1" }, { 0.1, "0.1" },
    { 123.456, "123.456" }, { 1e21, "1e+21" }, { 1e20, "100000000000000000000" },
    { 123e18, "123000000000000000000" }, { 1.5e-8, "1.5e-8" },
    { 1e-7, "1e-7" }, { 1e-6, "0.000001" }, { 1.25e-6, "0.00000125" },
    { 5e-324, "5e-324" }, { DBL_MAX, "1.7976931348623157e+308" },
    { DBL_MIN, "2.2250738585072014e-308" }, { 1e23, "1e+23" },
    { 0.30000000000000004, "0.30000000000000004" }, { 100.0, "100" },
    { 9007199254740992.0, "9007199254740992" }, { 2.5, "2.5" },
    { 1.7976931348623157e308 / 3, "5.992310449541053e+307" },
    { -1.5e300, "-1.5e+300" }, { 1e100, "1e+100" }, { 1234.5e-10,
                                                       "1.2345e-7" },
    { 0.000123, "0.000123" }, { 4.35, "4.35" }, { 2.0 / 3, "0.6666666666666666" },
  };
  char buf[PMMLN_DBL_BUFSZ];
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    pmmlN_format_double(cases[i].v, buf);
    if (strcmp(buf, cases[i].s) != 0)
      fprintf(stderr, "\n  format: got %s, want %s\n", buf, cases[i].s);
    CU_ASSERT_STRING_EQUAL(buf, cases[i].s);
  }
  CU_ASSERT_EQUAL(pmmlN_format_double(-0.0, buf), 2);
  CU_ASSERT_STRING_EQUAL(buf, "-0");
  pmmlN_format_double(HUGE_VAL, buf);
  CU_ASSERT_STRING_EQUAL(buf, "Infinity");
  pmmlN_format_double(-HUGE_VAL, buf);
  CU_ASSERT_STRING_EQUAL(buf, "-Infinity");
  pmmlN_format_double(bitsd(UINT64_C(0xfff8000000000001)), buf);
  CU_ASSERT_STRING_EQUAL(buf, "NaN");
  pmmlN_format_float(0.1f, buf);
  CU_ASSERT_STRING_EQUAL(buf, "0.1");
  pmmlN_format_float(16777216.0f, buf);
  CU_ASSERT_STRING_EQUAL(buf, "16777216");
  pmmlN_format_float(FLT_MAX, buf);
  CU_ASSERT_STRING_EQUAL(buf, "3.4028235e+38");
  pmmlN_format_float(1.4e-45f, buf);
  CU_ASSERT_STRING_EQUAL(buf, "1e-45");
  pmmlN_format_float(-0.0f, buf);
  CU_ASSERT_STRING_EQUAL(buf, "-0");
  pmmlN_format_float(1.0f / 3, buf);
  CU_ASSERT_STRING_EQUAL(buf, "0.33333334");
}

/* Special double values and every binade boundary (asymmetric gaps). */
static void
test_format_edges(void)
{
  int e, bad = 0;
  for (e = 0; e < 2047; e++) {
    uint64_t b = (uint64_t)e << 52;
    if (!check_format(bitsd(b)) || !check_format(bitsd(b + 1))
        || !check_format(bitsd(b - (e > 0))) || !check_format(bitsd(b | 1))
        || !check_format(bitsd(b + UINT64_C(0xfffffffffffff))))
      bad++;
  }
  for (e = 1; e < 200; e++)
    if (!check_format(bitsd((uint64_t)e)) || !check_format(pow(10, e))
        || !check_format(pow(10, -e)) || !check_format(pow(10, e - 300))
        || !check_format((double)e * 1e20) || !check_format(e * 0.1))
      bad++;
  CU_ASSERT_EQUAL(bad, 0);
}

/* Random bit patterns (all exponents equally likely), and random small
   decimals as they occur in data. */
static void
test_format_random(void)
{
  uint64_t st = 0x2545f4914f6cdd1du;
  long i, n = random_n(), bad = 0;
  for (i = 0; i < n; i++) {
    double v = bitsd(rnd(&st));
    if (isnan(v))
      continue;
    if (!check_format(v) && bad++ < MAX_REPORT)
      fprintf(stderr, "\n  format: %a (%.17g)\n", v, v);
  }
  for (i = 0; i < n / 10; i++) {
    double v = (double)(int64_t)(rnd(&st) % 2000000 - 1000000)
               / (double)(1 + rnd(&st) % 100000);
    if (!check_format(v) && bad++ < MAX_REPORT)
      fprintf(stderr, "\n  format: %a (%.17g)\n", v, v);
  }
  CU_ASSERT_EQUAL(bad, 0);
}

/* Floats: shortest text that strtof (and pmmlN_parse_float) reads back. */
static void
test_format_float_random(void)
{
  uint64_t st = 0x853c49e6748fea9bu;
  long i, n = random_n(), bad = 0;
  for (i = 0; i < n; i++) {
    uint32_t b = (uint32_t)rnd(&st);
    float v, back = 0;
    char buf[PMMLN_DBL_BUFSZ], ref[400];
    size_t len;
    int nd, ok = 1;
    if (i < 0x1000)
      b = (uint32_t)i << 20 | (uint32_t)(i & 3);  /* every binade */
    memcpy(&v, &b, sizeof v);
    if (isnan(v))
      continue;
    len = pmmlN_format_float(v, buf);
    if (pmmlN_parse_float(buf, len, &back) != 0 || fbits(back) != b)
      ok = 0;
    if (fbits(strtof(buf, NULL)) != b)
      ok = 0;
    nd = sig_digits(buf);
    if (ok && v != 0 && !isinf(v) && nd > 1) {
      snprintf(ref, sizeof ref, "%.*g", nd - 1, (double)v);
      if (strtof(ref, NULL) == v)
        ok = 0;
    }
    if (!ok && bad++ < MAX_REPORT)
      fprintf(stderr, "\n  float format: %a -> %s\n", (double)v, buf);
  }
  CU_ASSERT_EQUAL(bad, 0);
}

/* Under a decimal-comma locale nothing changes. */
static void
test_locale(void)
{
  static const char *const names[] = {
    "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8", "de_DE", ""
  };
  char *saved = NULL, buf[PMMLN_DBL_BUFSZ];
  const char *got = NULL;
  double d = 0;
  float f = 0;
  size_t i;
  const char *cur = setlocale(LC_ALL, NULL);
  if (cur) {
    saved = malloc(strlen(cur) + 1);
    if (saved)
      strcpy(saved, cur);
  }
  for (i = 0; i < sizeof names / sizeof names[0] && !got; i++)
    got = setlocale(LC_ALL, names[i]);
  if (!got || strcmp(localeconv()->decimal_point, ",") != 0)
    fprintf(stderr, "\n  note: no decimal-comma locale installed; "
                    "testing in '%s'\n", got ? got : "C");
  CU_ASSERT(pmmlN_parse_double("1.5", 3, &d) == 0 && d == 1.5);
  CU_ASSERT(pmmlN_parse_double("1,5", 3, &d) == -1);
  CU_ASSERT(pmmlN_parse_double("0.1e-5", 6, &d) == 0 && d == 0.1e-5);
  CU_ASSERT(pmmlN_parse_double("12345678901234567890.5", 22, &d) == 0
            && d == 12345678901234567890.5);
  CU_ASSERT(pmmlN_parse_float("2.75", 4, &f) == 0 && f == 2.75f);
  pmmlN_format_double(1234.5678, buf);
  CU_ASSERT_STRING_EQUAL(buf, "1234.5678");
  pmmlN_format_double(1.5e-9, buf);
  CU_ASSERT_STRING_EQUAL(buf, "1.5e-9");
  pmmlN_format_float(0.25f, buf);
  CU_ASSERT_STRING_EQUAL(buf, "0.25");
  setlocale(LC_ALL, saved ? saved : "C");
  free(saved);
}

/* Register the numconv suite with CUnit. */
void add_numconv_suite(void);

void
add_numconv_suite(void)
{
  CU_pSuite s = CU_add_suite("numconv", NULL, NULL);
  CU_add_test(s, "parse: known cases vs strtod", test_parse_known);
  CU_add_test(s, "parse: exact answers", test_parse_exact);
  CU_add_test(s, "parse: malformed text", test_parse_malformed);
  CU_add_test(s, "parse: long mantissas, halfway", test_parse_long);
  CU_add_test(s, "parse: random vs strtod", test_parse_random);
  CU_add_test(s, "format: layout", test_format_known);
  CU_add_test(s, "format: binade edges", test_format_edges);
  CU_add_test(s, "format: random bits round-trip", test_format_random);
  CU_add_test(s, "format: float random", test_format_float_random);
  CU_add_test(s, "locale: decimal comma", test_locale);
}
