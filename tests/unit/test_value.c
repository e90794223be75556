/*
** test_value.c: CUnit suite for value.c: text to value for every data type
** (blanks, integers written as "3.0", booleans as 1/0, dates across epochs
** including year 0 and leap years), casts, comparison and formatting.
** Expected values are worked out by hand (day counts checked against
** Python's datetime).
*/
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "pmml_int.h"
#include "support.h"

static pm_val
parse(uint8_t dt, const char *s, int *ok)
{
  pm_val v = pmmlV_missing();
  *ok = pmmlV_from_text(NULL, dt, s, strlen(s), &v) == 0;
  return v;
}

/* The number text s parses to as data type dt; NaN when rejected. */
static double
num_of(uint8_t dt, const char *s)
{
  int ok;
  pm_val v = parse(dt, s, &ok);
  return ok ? v.u.num : NAN;
}

static int
rejects(uint8_t dt, const char *s)
{
  int ok;
  parse(dt, s, &ok);
  return !ok;
}

static const char *
fmt(pm_val v)
{
  static char buf[128];
  pmmlV_format(&v, buf, sizeof buf);
  return buf;
}

static void
test_names(void)
{
  CU_ASSERT_EQUAL(pmmlV_dtype("string"), PMML_DT_STRING);
  CU_ASSERT_EQUAL(pmmlV_dtype("dateTime"), PMML_DT_DATETIME);
  CU_ASSERT_EQUAL(pmmlV_dtype("dateDaysSince[1960]"),
                  PMML_DT_DATE_DAYS_SINCE_1960);
  CU_ASSERT_EQUAL(pmmlV_dtype("dateTimeSecondsSince[1980]"),
                  PMML_DT_DATETIME_SECONDS_SINCE_1980);
  CU_ASSERT_EQUAL(pmmlV_dtype("timeSeconds"), PMML_DT_TIME_SECONDS);
  CU_ASSERT_EQUAL(pmmlV_dtype("Double"), -1);
  CU_ASSERT_EQUAL(pmmlV_dtype("real"), -1);
  CU_ASSERT_EQUAL(pmmlV_optype("continuous"), PMML_OP_CONTINUOUS);
  CU_ASSERT_EQUAL(pmmlV_optype("ordinal"), PMML_OP_ORDINAL);
  CU_ASSERT_EQUAL(pmmlV_optype("nominal"), -1);
  CU_ASSERT_TRUE(pmmlV_numeric_dt(PMML_DT_DATE));
  CU_ASSERT_FALSE(pmmlV_numeric_dt(PMML_DT_STRING));
  CU_ASSERT_FALSE(pmmlV_numeric_dt(PMML_DT_BOOLEAN));
  CU_ASSERT_EQUAL(pmmlV_epoch_year(PMML_DT_DATE_DAYS_SINCE_0), 0);
  CU_ASSERT_EQUAL(pmmlV_epoch_year(PMML_DT_DATETIME_SECONDS_SINCE_1960),
                  1960);
  CU_ASSERT_EQUAL(pmmlV_epoch_year(PMML_DT_DATE), -1);
}

static void
test_integer_text(void)
{
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, "3"), 3.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, "+3"), 3.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, "-3"), -3.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, "3.0"), 3.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, "1e2"), 100.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_INTEGER, " 7\t"), 7.0);
  CU_ASSERT_FALSE(signbit(num_of(PMML_DT_INTEGER, "-0")));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "3.5"));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "abc"));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, ""));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "  "));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "NaN"));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "Infinity"));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "3 4"));
  CU_ASSERT_TRUE(rejects(PMML_DT_INTEGER, "0x10"));
}

static void
test_real_text(void)
{
  int ok;
  pm_val v = parse(PMML_DT_FLOAT, "0.1", &ok);
  CU_ASSERT_TRUE(ok);
  CU_ASSERT_EQUAL(v.u.num, (double)0.1f);
  CU_ASSERT_EQUAL(v.dt, PMML_DT_FLOAT);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DOUBLE, "0.1"), 0.1);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DOUBLE, " -1.5e3 "), -1500.0);
  CU_ASSERT_TRUE(isnan(num_of(PMML_DT_DOUBLE, "NaN")) && !rejects(
                     PMML_DT_DOUBLE, "NaN"));
  CU_ASSERT_EQUAL(num_of(PMML_DT_DOUBLE, "-Infinity"), -INFINITY);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DOUBLE, "INF"), INFINITY);
  CU_ASSERT_TRUE(rejects(PMML_DT_DOUBLE, "1,5"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DOUBLE, "1.5x"));
  CU_ASSERT_TRUE(rejects(PMML_DT_FLOAT, "one"));
}

static void
test_boolean_text(void)
{
  int ok;
  pm_val v = parse(PMML_DT_BOOLEAN, "TRUE", &ok);
  CU_ASSERT_TRUE(ok && v.t == PM_T_BOOL && v.u.num == 1.0);
  v = parse(PMML_DT_BOOLEAN, "false", &ok);
  CU_ASSERT_TRUE(ok && v.t == PM_T_BOOL && v.u.num == 0.0);
  v = parse(PMML_DT_BOOLEAN, "1", &ok);
  CU_ASSERT_TRUE(ok && v.u.num == 1.0);
  v = parse(PMML_DT_BOOLEAN, "0.0", &ok);
  CU_ASSERT_TRUE(ok && v.u.num == 0.0);
  CU_ASSERT_TRUE(rejects(PMML_DT_BOOLEAN, "2"));
  CU_ASSERT_TRUE(rejects(PMML_DT_BOOLEAN, "yes"));
  CU_ASSERT_TRUE(rejects(PMML_DT_BOOLEAN, "truex"));
  CU_ASSERT_TRUE(rejects(PMML_DT_BOOLEAN, "tru"));
}

static void
test_string_text(void)
{
  int ok;
  pm_val v = parse(PMML_DT_STRING, " a b ", &ok);
  CU_ASSERT_TRUE(ok && v.t == PM_T_STR && v.len == 5 && v.sym == -1);
  CU_ASSERT_EQUAL(memcmp(v.u.str, " a b ", 5), 0);
}

static void
test_date_text(void)
{
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "1970-01-01"), 0.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "2003-04-01"), 12143.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "1969-12-31"), -1.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "0000-01-01"), -719528.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "0001-01-01"), -719528.0 + 366.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, "2000-02-29"),
                  num_of(PMML_DT_DATE, "2000-03-01") - 1.0);
  CU_ASSERT_FALSE(rejects(PMML_DT_DATE, "2004-02-29"));
  CU_ASSERT_FALSE(rejects(PMML_DT_DATE, "0000-02-29")); /* year 0 leaps */
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "1900-02-29"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "2001-02-29"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "2003-13-01"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "2003-04-31"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "2003-4-1"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "03-04-01"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "2003-04-01T00:00:00"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATE, "12143"));
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE, " 2003-04-01 "), 12143.0);
}

static void
test_epoch_text(void)
{
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1960, "1960-01-01"), 0.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1960, "1970-01-01"),
                  3653.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1970, "2003-04-01"),
                  12143.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1980, "1979-12-31"), -1.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1980, "1980-03-01"), 60.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_0, "0000-01-01"), 0.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_0, "0001-01-01"), 366.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_0, "1970-01-01"),
                  719528.0);
  /* a plain count is taken as it is */
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATE_DAYS_SINCE_1960, "15"), 15.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME_SECONDS_SINCE_1970,
                         "1970-01-02T00:00:01"),
                  86401.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME_SECONDS_SINCE_1960,
                         "1960-01-01T00:01:00"),
                  60.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME_SECONDS_SINCE_1980, "1980-01-01"),
                  0.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME_SECONDS_SINCE_0,
                         "0000-01-02T00:00:00"),
                  86400.0);
}

static void
test_time_text(void)
{
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME, "00:00:00"), 0.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME, "10:20:30"), 37230.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME, "10:20"), 37200.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME, "23:59:59.5"), 86399.5);
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "24:00:00"));
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "10:60:00"));
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "10:20:61"));
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "10:20:30."));
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "10:20:30.1e3"));
  CU_ASSERT_TRUE(rejects(PMML_DT_TIME, "1020"));
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME_SECONDS, "25:00:00"), 90000.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_TIME_SECONDS, "90"), 90.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME, "2003-04-01T10:20:30"),
                  1049192430.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME, "2003-04-01"),
                  12143.0 * 86400.0);
  CU_ASSERT_EQUAL(num_of(PMML_DT_DATETIME, "1969-12-31T23:59:59"), -1.0);
  CU_ASSERT_TRUE(rejects(PMML_DT_DATETIME, "2003-04-01 10:20:30"));
  CU_ASSERT_TRUE(rejects(PMML_DT_DATETIME, "2003-04-01T10:20:30Z"));
}

static void
test_civil(void)
{
  int64_t z, y;
  int m, d;
  CU_ASSERT_EQUAL(pmmlV_days_from_civil(1970, 1, 1), 0);
  CU_ASSERT_EQUAL(pmmlV_days_from_civil(0, 3, 1), -719528 + 60);
  CU_ASSERT_EQUAL(pmmlV_days_from_civil(-1, 12, 31), -719529);
  for (z = -1000000; z <= 1000000; z += 7) {
    pmmlV_civil_from_days(z, &y, &m, &d);
    if (pmmlV_days_from_civil(y, m, d) != z) {
      CU_FAIL("civil date round trip");
      break;
    }
  }
  pmmlV_civil_from_days(-719528, &y, &m, &d);
  CU_ASSERT_TRUE(y == 0 && m == 1 && d == 1);
  pmmlV_civil_from_days(11016, &y, &m, &d);
  CU_ASSERT_TRUE(y == 2000 && m == 2 && d == 29);
}

static void
test_format(void)
{
  char buf[8];
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(3, PMML_DT_INTEGER)), "3");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-0.0, PMML_DT_INTEGER)), "0");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(0.1, PMML_DT_DOUBLE)), "0.1");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(1.0, PMML_DT_DOUBLE)), "1");
  /* A date or time too far out for a calendar is written as its number
     (fuzz_load: converting 1e308 days to int64 was undefined). */
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(1e308, PMML_DT_DATE)), "1e+308");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-2e15, PMML_DT_DATETIME)),
                         "-2000000000000000");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(1e16, PMML_DT_TIME)),
                         "10000000000000000");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num((double)0.1f, PMML_DT_FLOAT)), "0.1");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num((double)0.1f, PMML_DT_DOUBLE)),
                         "0.10000000149011612");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(NAN, PMML_DT_DOUBLE)), "NaN");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_bool(1)), "true");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_bool(0)), "false");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_missing()), "");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_str("ab", 2, -1)), "ab");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(12143, PMML_DT_DATE)), "2003-04-01");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-1, PMML_DT_DATE)), "1969-12-31");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-719528, PMML_DT_DATE)),
                         "0000-01-01");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-719529, PMML_DT_DATE)),
                         "-0001-12-31");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(37230, PMML_DT_TIME)), "10:20:30");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(86399.5, PMML_DT_TIME)),
                         "23:59:59.5");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(1049192430, PMML_DT_DATETIME)),
                         "2003-04-01T10:20:30");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(-1, PMML_DT_DATETIME)),
                         "1969-12-31T23:59:59");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(3653, PMML_DT_DATE_DAYS_SINCE_1960)),
                         "3653");
  CU_ASSERT_STRING_EQUAL(fmt(pmmlV_num(90000, PMML_DT_TIME_SECONDS)),
                         "90000");
  /* truncation: the needed length comes back, the buffer ends in NUL */
  CU_ASSERT_EQUAL(pmmlV_format(&(pm_val){PM_T_STR, PMML_DT_STRING, 0, 0, -1,
                                         10, {.str = "0123456789"}},
                               buf, sizeof buf),
                  10);
  CU_ASSERT_STRING_EQUAL(buf, "0123456");
  CU_ASSERT_EQUAL(pmmlV_format(&(pm_val){PM_T_BOOL, PMML_DT_BOOLEAN, 0, 0,
                                         -1, 0, {.num = 1}},
                               NULL, 0),
                  4);
}

static void
test_cast(void)
{
  pmml_ctx c;
  pmml_model doc;
  pm_val in, out;
  memset(&doc, 0, sizeof doc);
  stub_ctx_init(&c, &doc);

  in = pmmlV_num(3.7, PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_INTEGER, &out), 0);
  CU_ASSERT_TRUE(out.u.num == 3.0 && out.dt == PMML_DT_INTEGER);
  in = pmmlV_num(-3.7, PMML_DT_DOUBLE);
  pmmlV_cast(&c, &in, PMML_DT_INTEGER, &out);
  CU_ASSERT_EQUAL(out.u.num, -3.0);
  in = pmmlV_num(NAN, PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_INTEGER, &out), -1);
  CU_ASSERT_EQUAL(out.t, PM_T_MISSING);
  in = pmmlV_num(0.1, PMML_DT_DOUBLE);
  pmmlV_cast(&c, &in, PMML_DT_FLOAT, &out);
  CU_ASSERT_EQUAL(out.u.num, (double)0.1f);
  /* to string */
  in = pmmlV_num(3, PMML_DT_INTEGER);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_STRING, &out), 0);
  CU_ASSERT_TRUE(out.t == PM_T_STR && out.len == 1 && out.u.str[0] == '3');
  in = pmmlV_num(0.25, PMML_DT_DOUBLE);
  pmmlV_cast(&c, &in, PMML_DT_STRING, &out);
  CU_ASSERT_TRUE(out.len == 4 && memcmp(out.u.str, "0.25", 4) == 0);
  in = pmmlV_bool(1);
  pmmlV_cast(&c, &in, PMML_DT_STRING, &out);
  CU_ASSERT_TRUE(out.len == 4 && memcmp(out.u.str, "true", 4) == 0);
  CU_ASSERT_EQUAL(pmmlV_cast(NULL, &in, PMML_DT_STRING, &out), -1);
  /* from string */
  in = pmmlV_str("12", 2, -1);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_INTEGER, &out), 0);
  CU_ASSERT_TRUE(out.t == PM_T_NUM && out.u.num == 12.0);
  in = pmmlV_str("x", 1, -1);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_DOUBLE, &out), -1);
  in = pmmlV_str("x", 1, 7);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_STRING, &out), 0);
  CU_ASSERT_EQUAL(out.sym, 7);
  /* booleans */
  in = pmmlV_num(1, PMML_DT_INTEGER);
  pmmlV_cast(&c, &in, PMML_DT_BOOLEAN, &out);
  CU_ASSERT_TRUE(out.t == PM_T_BOOL && out.u.num == 1.0);
  in = pmmlV_num(2, PMML_DT_INTEGER);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_BOOLEAN, &out), -1);
  in = pmmlV_bool(1);
  pmmlV_cast(&c, &in, PMML_DT_DOUBLE, &out);
  CU_ASSERT_TRUE(out.t == PM_T_NUM && out.u.num == 1.0);
  /* dates between epochs */
  in = pmmlV_num(0, PMML_DT_DATE);
  pmmlV_cast(&c, &in, PMML_DT_DATE_DAYS_SINCE_1960, &out);
  CU_ASSERT_EQUAL(out.u.num, 3653.0);
  pmmlV_cast(&c, &in, PMML_DT_DATE_DAYS_SINCE_0, &out);
  CU_ASSERT_EQUAL(out.u.num, 719528.0);
  in = pmmlV_num(3652, PMML_DT_DATE_DAYS_SINCE_1970);
  pmmlV_cast(&c, &in, PMML_DT_DATETIME_SECONDS_SINCE_1980, &out);
  CU_ASSERT_EQUAL(out.u.num, 0.0);
  in = pmmlV_num(1049192430, PMML_DT_DATETIME);
  pmmlV_cast(&c, &in, PMML_DT_DATE, &out);
  CU_ASSERT_EQUAL(out.u.num, 12143.0);
  pmmlV_cast(&c, &in, PMML_DT_TIME, &out);
  CU_ASSERT_EQUAL(out.u.num, 37230.0);
  in = pmmlV_num(-1, PMML_DT_DATETIME);
  pmmlV_cast(&c, &in, PMML_DT_TIME, &out);
  CU_ASSERT_EQUAL(out.u.num, 86399.0);
  pmmlV_cast(&c, &in, PMML_DT_DATE, &out);
  CU_ASSERT_EQUAL(out.u.num, -1.0);
  in = pmmlV_num(37230, PMML_DT_TIME);
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_DATE, &out), -1);
  in = pmmlV_num(12143, PMML_DT_DATE);
  pmmlV_cast(&c, &in, PMML_DT_STRING, &out);
  CU_ASSERT_TRUE(out.len == 10 && memcmp(out.u.str, "2003-04-01", 10) == 0);
  in = pmmlV_str("2003-04-01", 10, -1);
  pmmlV_cast(&c, &in, PMML_DT_DATE_DAYS_SINCE_1960, &out);
  CU_ASSERT_EQUAL(out.u.num, 12143.0 + 3653.0);
  /* missing stays missing; the invalid flag survives */
  in = pmmlV_missing();
  CU_ASSERT_EQUAL(pmmlV_cast(&c, &in, PMML_DT_DOUBLE, &out), 0);
  CU_ASSERT_EQUAL(out.t, PM_T_MISSING);
  in = pmmlV_num(2.5, PMML_DT_DOUBLE);
  in.invalid = 1;
  pmmlV_cast(&c, &in, PMML_DT_INTEGER, &out);
  CU_ASSERT_TRUE(out.invalid);
}

static void
test_compare(void)
{
  pm_val a, b;
  a = pmmlV_num(1, PMML_DT_INTEGER);
  b = pmmlV_num(1.0, PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), 0);
  CU_ASSERT_TRUE(pmmlV_equal(&a, &b));
  b = pmmlV_num(2, PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -1);
  CU_ASSERT_EQUAL(pmmlV_compare(&b, &a), 1);
  b = pmmlV_num(NAN, PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -1);
  CU_ASSERT_EQUAL(pmmlV_compare(&b, &b), 0);
  a = pmmlV_str("abc", 3, -1);
  b = pmmlV_str("abd", 3, -1);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -1);
  b = pmmlV_str("ab", 2, -1);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), 1);
  CU_ASSERT_FALSE(pmmlV_equal(&a, &b));
  b = pmmlV_str("abc", 3, -1);
  CU_ASSERT_TRUE(pmmlV_equal(&a, &b));
  a.sym = 1;
  b.sym = 2; /* interned: different ids are different strings */
  CU_ASSERT_FALSE(pmmlV_equal(&a, &b));
  a = pmmlV_str("10", 2, -1);
  b = pmmlV_num(9, PMML_DT_INTEGER);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), 1);
  a = pmmlV_str("ten", 3, -1);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -2);
  CU_ASSERT_FALSE(pmmlV_equal(&a, &b));
  a = pmmlV_missing();
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -2);
  /* the same day in two epochs */
  a = pmmlV_num(0, PMML_DT_DATE);
  b = pmmlV_num(3653, PMML_DT_DATE_DAYS_SINCE_1960);
  CU_ASSERT_TRUE(pmmlV_equal(&a, &b));
  b = pmmlV_num(0, PMML_DT_DATE_DAYS_SINCE_1980);
  CU_ASSERT_EQUAL(pmmlV_compare(&a, &b), -1);
  b = pmmlV_bool(1);
  a = pmmlV_num(1, PMML_DT_INTEGER);
  CU_ASSERT_TRUE(pmmlV_equal(&a, &b));
}

static void
test_lit(void)
{
  pmml_model doc;
  pm_lit l;
  pm_val v;
  memset(&doc, 0, sizeof doc);
  pmmlM_arena_init(&doc.arena, NULL, NULL);
  pmmlS_init(&doc.arena, &doc.strs);
  pmmlS_intern(&doc.arena, &doc.strs, "red", 3);
  memset(&l, 0, sizeof l);
  l.t = PM_T_STR;
  l.dt = PMML_DT_STRING;
  l.sym = 0;
  v = pmmlV_lit(&doc, &l);
  CU_ASSERT_TRUE(v.t == PM_T_STR && v.len == 3 && v.sym == 0);
  l.t = PM_T_NUM;
  l.dt = PMML_DT_INTEGER;
  l.num = 4;
  v = pmmlV_lit(&doc, &l);
  CU_ASSERT_TRUE(v.t == PM_T_NUM && v.u.num == 4.0 && v.dt == l.dt);
  l.t = PM_T_MISSING;
  v = pmmlV_lit(&doc, &l);
  CU_ASSERT_EQUAL(v.t, PM_T_MISSING);
  pmmlM_arena_free(&doc.arena);
}

/* Messages are one printable line: control bytes are escaped, in place,
** truncated to the buffer, whatever the message's length. */
static void
test_clean_message(void)
{
  char buf[4096];
  size_t i;
  strcpy(buf, "plain text stays");
  pmmlV_clean_message(buf, sizeof buf);
  CU_ASSERT_STRING_EQUAL(buf, "plain text stays");
  strcpy(buf, "a\nb\tc\rd\x1b[0m\x7f");
  pmmlV_clean_message(buf, sizeof buf);
  CU_ASSERT_STRING_EQUAL(buf, "a\\nb\\tc\\rd\\x1b[0m\\x7f");
  /* Truncated whole: no half escape at the end. */
  strcpy(buf, "ab\ncd");
  pmmlV_clean_message(buf, 4);
  CU_ASSERT_STRING_EQUAL(buf, "ab");
  strcpy(buf, "ab\ncd");
  pmmlV_clean_message(buf, 5);
  CU_ASSERT_STRING_EQUAL(buf, "ab\\n");
  /* Long messages too. */
  for (i = 0; i < 3000; i++)
    buf[i] = i % 100 == 99 ? '\n' : 'x';
  buf[3000] = '\0';
  pmmlV_clean_message(buf, sizeof buf);
  CU_ASSERT_EQUAL(strlen(buf), 3030);
  CU_ASSERT_PTR_NULL(strchr(buf, '\n'));
  CU_ASSERT(memcmp(buf + 99, "\\nxx", 4) == 0);
}

void add_value_suite(void);

void
add_value_suite(void)
{
  CU_pSuite s = CU_add_suite("value", NULL, NULL);
  CU_add_test(s, "dtype and optype names", test_names);
  CU_add_test(s, "integer text", test_integer_text);
  CU_add_test(s, "float and double text", test_real_text);
  CU_add_test(s, "boolean text", test_boolean_text);
  CU_add_test(s, "string text", test_string_text);
  CU_add_test(s, "date text", test_date_text);
  CU_add_test(s, "dateDaysSince and dateTimeSecondsSince", test_epoch_text);
  CU_add_test(s, "time and dateTime text", test_time_text);
  CU_add_test(s, "civil dates", test_civil);
  CU_add_test(s, "format", test_format);
  CU_add_test(s, "cast", test_cast);
  CU_add_test(s, "compare and equal", test_compare);
  CU_add_test(s, "literals", test_lit);
  CU_add_test(s, "messages are one line", test_clean_message);
}
