/*
** test_builtins.c: CUnit suite for builtins.c, builtins.inc and regex.c:
** every built-in function with hand-checked results, its result data type,
** missing arguments, invalid (NaN) results and failures on wrong argument
** types; formatNumber patterns (expected strings are what C's printf prints
** in the "C" locale); regular expressions with groups.
*/
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "builtins.inc"
#include "pmml_int.h"
#include "support.h"

static pmml_model doc;
static pmml_ctx ctx;

static int
setup(void)
{
  memset(&doc, 0, sizeof doc);
  pmmlM_arena_init(&doc.arena, NULL, NULL);
  pmmlS_init(&doc.arena, &doc.strs);
  stub_ctx_init(&ctx, &doc);
  ctx.regex = pmmlE_regex_state_new(&doc);
  return ctx.regex ? 0 : 1;
}

static int
teardown(void)
{
  pmmlE_regex_state_free(ctx.regex);
  pmmlM_arena_free(&doc.arena);
  return 0;
}

/* Argument constructors. */
static pm_val
D(double x)
{
  return pmmlV_num(x, PMML_DT_DOUBLE);
}
static pm_val
I(double x)
{
  return pmmlV_num(x, PMML_DT_INTEGER);
}
static pm_val
F(float x)
{
  return pmmlV_num((double)x, PMML_DT_FLOAT);
}
static pm_val
S(const char *s)
{
  return pmmlV_str(s, strlen(s), -1);
}
static pm_val
B(int b)
{
  return pmmlV_bool(b);
}
static pm_val
M(void)
{
  return pmmlV_missing();
}

/* Call the function named 'name' with n arguments; failures leave
** ctx.failed set (and return a value of kind 99). */
static pm_val
call(const char *name, int n, ...)
{
  pm_val a[16], out;
  va_list ap;
  int i, id = pmmlE_builtin_find(name, strlen(name));
  stub_ctx_reset(&ctx);
  CU_ASSERT_FATAL(id >= 0);
  va_start(ap, n);
  for (i = 0; i < n; i++)
    a[i] = va_arg(ap, pm_val);
  va_end(ap);
  memset(&out, 0, sizeof out);
  out.t = 99;
  if (pmmlE_builtin(&ctx, id, a, n, &out) < 0) {
    CU_ASSERT_TRUE(ctx.failed);
    out.t = 99;
  }
  return out;
}

static int
is_num(pm_val v, double x, uint8_t dt)
{
  return v.t == PM_T_NUM && v.dt == dt
         && (v.u.num == x || (isnan(x) && isnan(v.u.num)));
}

static int
near(pm_val v, double x, double tol)
{
  return v.t == PM_T_NUM && fabs(v.u.num - x) <= tol * fabs(x) + 1e-300;
}

static int
is_bool(pm_val v, int b)
{
  return v.t == PM_T_BOOL && v.u.num == (b ? 1.0 : 0.0);
}

static int
is_str(pm_val v, const char *s)
{
  return v.t == PM_T_STR && v.len == strlen(s)
         && memcmp(v.u.str, s, v.len) == 0;
}

static int
failed(pm_val v, const char *needle)
{
  return v.t == 99 && ctx.failed && ctx.status == PMML_E_EVAL
         && strstr(ctx.msg, needle) != NULL;
}

static void
test_find(void)
{
  int i;
  CU_ASSERT_EQUAL(pmmlE_builtin_find("+", 1), PM_BI_ADD);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("isIn", 4), PM_BI_ISIN);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("x-modulo", 8), PM_BI_MODULO);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("modulo", 6), PM_BI_MODULO);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("x-expm1", 7), PM_BI_EXPM1);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("x-atan2", 7), PM_BI_ATAN2);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("atan2", 5), PM_BI_ATAN2);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("x-tanh", 6), PM_BI_TANH);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("if", 2), -1);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("is", 2), -1);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("isInx", 5), -1);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("Sqrt", 4), -1);
  CU_ASSERT_EQUAL(pmmlE_builtin_find("sqrt\0", 5), -1);
  for (i = 0; i < PM_BI_COUNT; i++) { /* every name finds its own id */
    const char *n = pmmlE_builtins[i].name;
    CU_ASSERT_EQUAL(pmmlE_builtin_find(n, strlen(n)), i);
    CU_ASSERT_TRUE(pmmlE_builtins[i].lo >= 1);
  }
  CU_ASSERT_EQUAL(PM_BI_COUNT, 70);
}

static void
test_arity(void)
{
  CU_ASSERT_TRUE(failed(call("+", 3, D(1), D(2), D(3)), "+: 3 arguments"));
  CU_ASSERT_TRUE(failed(call("sqrt", 0), "sqrt"));
  CU_ASSERT_TRUE(failed(call("and", 1, B(1)), "and"));
  CU_ASSERT_TRUE(is_num(call("sum", 1, I(4)), 4, PMML_DT_INTEGER));
}

static void
test_arithmetic(void)
{
  CU_ASSERT_TRUE(is_num(call("-", 2, D(2.5), D(4)), -1.5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("+", 2, I(2), I(3)), 5, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("*", 2, I(2), D(1.5)), 3, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("/", 2, I(7), I(2)), 3.5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("/", 2, D(1), D(0)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("/", 2, D(0), D(0)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("+", 2, F(0.1f), F(0.2f)),
                        (double)(float)((double)0.1f + (double)0.2f),
                        PMML_DT_FLOAT));
  CU_ASSERT_TRUE(is_num(call("+", 2, F(0.5f), I(1)), 1.5, PMML_DT_FLOAT));
  CU_ASSERT_TRUE(is_num(call("+", 2, F(0.5f), D(1)), 1.5, PMML_DT_DOUBLE));
  CU_ASSERT_EQUAL(call("+", 2, M(), D(1)).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("/", 2, D(1), M()).t, PM_T_MISSING);
  CU_ASSERT_TRUE(is_num(call("+", 2, S("3"), I(1)), 4, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(failed(call("+", 2, S("abc"), I(1)),
                        "+: argument 1 is not a number"));
  CU_ASSERT_TRUE(is_num(call("+", 2, B(1), I(1)), 2, PMML_DT_INTEGER));
}

static void
test_aggregates(void)
{
  CU_ASSERT_TRUE(is_num(call("min", 3, D(2.5), D(4), D(1.5)), 1.5,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("max", 3, I(2), M(), I(7)), 7,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("sum", 3, I(2), M(), I(7)), 9,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("sum", 2, I(2), D(0.5)), 2.5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("avg", 2, I(1), I(2)), 1.5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("avg", 3, D(1), M(), D(2)), 1.5,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("median", 3, I(3), I(1), I(2)), 2,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("median", 4, D(4), D(1), D(3), D(2)), 2.5,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("product", 3, I(2), I(3), I(4)), 24,
                        PMML_DT_INTEGER));
  CU_ASSERT_EQUAL(call("min", 2, M(), M()).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("product", 1, M()).t, PM_T_MISSING);
  CU_ASSERT_TRUE(failed(call("max", 2, D(1), S("x")), "max"));
}

static void
test_aggregate_many(void)
{
  pm_val a[100], out;
  int i;
  for (i = 0; i < 100; i++)
    a[i] = D(100 - i);
  stub_ctx_reset(&ctx);
  CU_ASSERT_EQUAL(pmmlE_builtin(&ctx, PM_BI_MEDIAN, a, 100, &out), 0);
  CU_ASSERT_TRUE(is_num(out, 50.5, PMML_DT_DOUBLE));
  CU_ASSERT_EQUAL(pmmlE_builtin(&ctx, PM_BI_SUM, a, 100, &out), 0);
  CU_ASSERT_TRUE(is_num(out, 5050, PMML_DT_DOUBLE));
}

static void
test_math(void)
{
  CU_ASSERT_TRUE(is_num(call("log10", 1, D(1000)), 3, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("ln", 1, D(0)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("ln", 1, D(-1)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("log10", 1, I(0)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("ln", 1, I(1)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("sqrt", 1, D(-1)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("sqrt", 1, I(16)), 4, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("sqrt", 1, F(2.25f)), 1.5, PMML_DT_FLOAT));
  CU_ASSERT_TRUE(is_num(call("abs", 1, I(-3)), 3, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("abs", 1, D(-0.5)), 0.5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("exp", 1, I(0)), 1, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("pow", 2, I(2), I(10)), 1024, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("pow", 2, D(-8), D(1.0 / 3)), NAN,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("threshold", 2, D(3), D(2)), 1,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("threshold", 2, D(2), D(2)), 0,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("floor", 1, D(-2.5)), -3, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("ceil", 1, D(-2.5)), -2, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("round", 1, D(2.5)), 3, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("round", 1, D(-2.5)), -2, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("round", 1, D(-2.6)), -3, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("round", 1, D(0.49999999999999994)), 0,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("round", 1, D(NAN)), NAN, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("modulo", 2, I(7), I(3)), 1, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("modulo", 2, I(-7), I(3)), 2,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("modulo", 2, I(7), I(-3)), -2,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("x-modulo", 2, D(7.5), D(2)), 1.5,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("modulo", 2, D(1), D(0)), NAN,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("expm1", 1, D(1e-10)), 1.00000000005e-10,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("hypot", 2, D(3), D(4)), 5, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("ln1p", 1, D(-1)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("ln1p", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("rint", 1, D(2.5)), 2, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("rint", 1, D(3.5)), 4, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("rint", 1, D(-2.5)), -2, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("rint", 1, I(7)), 7, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("sin", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("cos", 1, D(0)), 1, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("tan", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("asin", 1, D(2)), NAN, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("acos", 1, D(1)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("atan", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("sinh", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("cosh", 1, D(0)), 1, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("tanh", 1, D(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("x-atan2", 2, D(1), D(1)), 0.7853981633974483,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("x-sin", 1, I(0)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_EQUAL(call("exp", 1, M()).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("pow", 2, D(1), M()).t, PM_T_MISSING);
}

static void
test_statistics(void)
{
  CU_ASSERT_TRUE(is_num(call("stdNormalCDF", 1, D(0)), 0.5,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(near(call("stdNormalCDF", 1, D(1.959963984540054)), 0.975,
                      1e-15));
  CU_ASSERT_TRUE(near(call("normalCDF", 3, D(1), D(0), D(2)),
                      0.6914624612740131, 1e-15));
  CU_ASSERT_TRUE(near(call("stdNormalPDF", 1, D(0)), 0.3989422804014327,
                      1e-15));
  CU_ASSERT_TRUE(near(call("normalPDF", 3, D(1), D(1), D(2)),
                      0.19947114020071635, 1e-15));
  CU_ASSERT_TRUE(near(call("erf", 1, D(0.5)), 0.5204998778130465, 1e-15));
  CU_ASSERT_TRUE(near(call("stdNormalIDF", 1, D(0.975)), 1.959963984540054,
                      1e-14));
  CU_ASSERT_TRUE(near(call("stdNormalIDF", 1, D(0.3)), -0.5244005127080407,
                      1e-14));
  CU_ASSERT_TRUE(near(call("stdNormalIDF", 1, D(1e-10)), -6.361340902404056,
                      1e-13));
  CU_ASSERT_TRUE(is_num(call("stdNormalIDF", 1, D(0.5)), 0, PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(near(call("normalIDF", 3, D(0.975), D(10), D(2)),
                      13.919927969080106, 1e-14));
  CU_ASSERT_TRUE(is_num(call("stdNormalIDF", 1, D(0)), -INFINITY,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("stdNormalIDF", 1, D(1)), INFINITY,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("stdNormalIDF", 1, D(1.5)), NAN,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("normalCDF", 3, D(1), D(0), D(0)), NAN,
                        PMML_DT_DOUBLE));
  CU_ASSERT_TRUE(is_num(call("normalPDF", 3, D(1), D(0), D(-1)), NAN,
                        PMML_DT_DOUBLE));
  CU_ASSERT_EQUAL(call("normalIDF", 3, D(0.5), M(), D(1)).t, PM_T_MISSING);
}

static void
test_idf_roundtrip(void)
{
  double p;
  for (p = 1e-300; p < 0.5; p *= 3.7) {
    double x = pm_fn_std_normal_idf(p);
    double back = pm_fn_normal_cdf(x, 0, 1);
    if (fabs(back - p) > 5e-16 * (1.0 + x * x) * p) {
      CU_FAIL("stdNormalIDF does not invert stdNormalCDF");
      break;
    }
  }
}

static void
test_missing_valid(void)
{
  pm_val inv = D(5);
  inv.invalid = 1;
  CU_ASSERT_TRUE(is_bool(call("isMissing", 1, M()), 1));
  CU_ASSERT_TRUE(is_bool(call("isMissing", 1, D(0)), 0));
  CU_ASSERT_TRUE(is_bool(call("isNotMissing", 1, M()), 0));
  CU_ASSERT_TRUE(is_bool(call("isNotMissing", 1, S("")), 1));
  CU_ASSERT_TRUE(is_bool(call("isValid", 1, D(1)), 1));
  CU_ASSERT_TRUE(is_bool(call("isValid", 1, inv), 0));
  CU_ASSERT_TRUE(is_bool(call("isValid", 1, M()), 0));
  CU_ASSERT_TRUE(is_bool(call("isNotValid", 1, inv), 1));
  CU_ASSERT_TRUE(is_bool(call("isNotValid", 1, D(1)), 0));
  CU_ASSERT_TRUE(is_bool(call("isNotValid", 1, M()), 0));
}

static void
test_compare(void)
{
  CU_ASSERT_TRUE(is_bool(call("equal", 2, I(1), D(1.0)), 1));
  CU_ASSERT_TRUE(is_bool(call("notEqual", 2, S("a"), S("b")), 1));
  CU_ASSERT_TRUE(is_bool(call("equal", 2, S("a"), S("a")), 1));
  CU_ASSERT_TRUE(is_bool(call("equal", 2, S("a"), I(1)), 0));
  CU_ASSERT_TRUE(is_bool(call("lessThan", 2, I(1), D(2)), 1));
  CU_ASSERT_TRUE(is_bool(call("lessOrEqual", 2, D(2), D(2)), 1));
  CU_ASSERT_TRUE(is_bool(call("greaterThan", 2, D(2), D(2)), 0));
  CU_ASSERT_TRUE(is_bool(call("greaterOrEqual", 2, D(2), D(2)), 1));
  CU_ASSERT_TRUE(is_bool(call("lessThan", 2, S("a"), S("b")), 1));
  CU_ASSERT_TRUE(is_bool(call("lessThan", 2, S("10"), I(9)), 0));
  CU_ASSERT_EQUAL(call("equal", 2, M(), I(1)).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("lessThan", 2, I(1), M()).t, PM_T_MISSING);
  CU_ASSERT_TRUE(failed(call("lessThan", 2, S("abc"), I(1)), "lessThan"));
}

static void
test_logic(void)
{
  CU_ASSERT_TRUE(is_bool(call("and", 2, B(1), B(0)), 0));
  CU_ASSERT_TRUE(is_bool(call("and", 3, B(1), B(1), B(1)), 1));
  CU_ASSERT_TRUE(is_bool(call("or", 2, B(0), B(1)), 1));
  CU_ASSERT_TRUE(is_bool(call("or", 3, B(0), B(0), B(0)), 0));
  CU_ASSERT_TRUE(is_bool(call("and", 2, I(1), D(0)), 0));
  CU_ASSERT_TRUE(is_bool(call("or", 2, S("false"), S("true")), 1));
  CU_ASSERT_TRUE(is_bool(call("not", 1, B(1)), 0));
  CU_ASSERT_EQUAL(call("and", 2, M(), B(1)).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("not", 1, M()).t, PM_T_MISSING);
  CU_ASSERT_TRUE(failed(call("and", 2, S("x"), B(1)),
                        "and: argument 1 is not a boolean"));
  CU_ASSERT_TRUE(failed(call("or", 2, B(0), D(2)), "or: argument 2"));
  CU_ASSERT_TRUE(is_bool(call("isIn", 3, S("b"), S("a"), S("b")), 1));
  CU_ASSERT_TRUE(is_bool(call("isIn", 3, S("c"), S("a"), S("b")), 0));
  CU_ASSERT_TRUE(is_bool(call("isNotIn", 3, I(2), I(1), I(3)), 1));
  CU_ASSERT_TRUE(is_bool(call("isIn", 2, I(2), D(2.0)), 1));
  CU_ASSERT_TRUE(is_bool(call("isIn", 3, I(2), M(), I(2)), 1));
  CU_ASSERT_EQUAL(call("isIn", 2, M(), I(1)).t, PM_T_MISSING);
}

static void
test_strings(void)
{
  CU_ASSERT_TRUE(is_str(call("uppercase", 1, S("abc\xc3\xa4\xc3\xbf")),
                        "ABC\xc3\x84\xc5\xb8"));
  CU_ASSERT_TRUE(is_str(call("lowercase", 1,
                             S("\xc3\x80\xc3\x89 \xce\xa3\xce\x91 "
                               "\xd0\x9f\xd1\x80\xd0\xb8")),
                        "\xc3\xa0\xc3\xa9 \xcf\x83\xce\xb1 "
                        "\xd0\xbf\xd1\x80\xd0\xb8"));
  CU_ASSERT_TRUE(is_str(call("lowercase", 1, S("MiXeD 42!")), "mixed 42!"));
  CU_ASSERT_TRUE(is_str(call("uppercase", 1, S("\xff\xfe")), "\xff\xfe"));
  CU_ASSERT_TRUE(is_num(call("stringLength", 1, S("h\xc3\xa9llo")), 5,
                        PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("stringLength", 1, S("")), 0, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_str(call("substring", 3, S("hello"), I(2), I(3)),
                        "ell"));
  CU_ASSERT_TRUE(is_str(call("substring", 3, S("hello"), I(4), I(10)),
                        "lo"));
  CU_ASSERT_TRUE(is_str(call("substring", 3, S("hello"), I(10), I(2)), ""));
  CU_ASSERT_TRUE(is_str(call("substring", 3, S("h\xc3\xa9llo"), I(2), I(2)),
                        "\xc3\xa9l"));
  CU_ASSERT_TRUE(is_str(call("substring", 3, S("hello"), D(1), D(12)),
                        "hello"));
  CU_ASSERT_TRUE(failed(call("substring", 3, S("hello"), I(0), I(1)),
                        "substring"));
  CU_ASSERT_TRUE(failed(call("substring", 3, S("hello"), I(1), I(-1)),
                        "substring"));
  CU_ASSERT_TRUE(failed(call("substring", 3, S("hello"), I(1), S("W")),
                        "substring: argument 3"));
  CU_ASSERT_TRUE(is_str(call("trimBlanks", 1, S("  a b \t\n")), "a b"));
  CU_ASSERT_TRUE(is_str(call("trimBlanks", 1, S("   ")), ""));
  CU_ASSERT_TRUE(is_str(call("concat", 4, S("a"), I(1), M(), D(2.5)),
                        "a12.5"));
  CU_ASSERT_TRUE(is_str(call("concat", 2, M(), M()), ""));
  CU_ASSERT_TRUE(is_str(call("concat", 2, B(1), F(0.1f)), "true0.1"));
  CU_ASSERT_EQUAL(call("uppercase", 1, M()).t, PM_T_MISSING);
  CU_ASSERT_EQUAL(call("substring", 3, S("a"), M(), I(1)).t, PM_T_MISSING);
  CU_ASSERT_TRUE(is_str(call("uppercase", 1, I(12)), "12"));
}

static void
test_regex(void)
{
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("BBBB"), S("B+"), S("c")),
                        "c"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("abc"), S("(a)(b)"),
                             S("$2$1")),
                        "bac"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("a.b"), S("\\."), S("\\$")),
                        "a$b"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("a.b"), S("\\."), S("$$")),
                        "a$b"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("aaa"), S("a*"), S("-")),
                        "--"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("abc"), S("x*"), S("-")),
                        "-a-b-c-"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("h\xc3\xa9"), S("x*"), S("-")),
                        "-h-\xc3\xa9-"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("x"), S("(a)?x"), S("[$1]")),
                        "[]"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("ab"), S("(a)"), S("${1}0")),
                        "a0b"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("ab"), S("(a)"), S("$10")),
                        "a0b"));
  CU_ASSERT_TRUE(is_str(call("replace", 3, S("2024-01-31"),
                             S("(\\d+)-(\\d+)-(\\d+)"), S("$3/$2/$1")),
                        "31/01/2024"));
  CU_ASSERT_TRUE(failed(call("replace", 3, S("ab"), S("(a)"), S("$2")),
                        "no group 2"));
  CU_ASSERT_TRUE(failed(call("replace", 3, S("ab"), S("(a"), S("x")),
                        "regular expression"));
  CU_ASSERT_TRUE(is_bool(call("matches", 2, S("abc"), S("b")), 1));
  CU_ASSERT_TRUE(is_bool(call("matches", 2, S("abc"), S("^b")), 0));
  CU_ASSERT_TRUE(is_bool(call("matches", 2, S("h\xc3\xa9llo"),
                              S("^h.llo$")),
                         1));
  CU_ASSERT_TRUE(is_bool(call("matches", 2, S("\xff"), S("x")), 0));
  CU_ASSERT_TRUE(is_bool(call("matches", 2, I(123), S("^\\d+$")), 1));
  CU_ASSERT_EQUAL(call("matches", 2, M(), S("x")).t, PM_T_MISSING);
  CU_ASSERT_TRUE(failed(call("matches", 2, S("aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                             "aaaaaaaab"),
                             S("^(a|a?)+$")),
                        "regular expression"));
}

/* formatNumber(x, pattern) as a C string ("FAIL" when the record failed,
** "NAN" for an invalid result). */
static const char *
fnum(double x, const char *pat)
{
  static char buf[1200];
  pm_val v = call("formatNumber", 2, D(x), S(pat));
  if (v.t == 99)
    return "FAIL";
  if (v.t == PM_T_NUM && isnan(v.u.num))
    return "NAN";
  if (v.t != PM_T_STR || v.len >= sizeof buf)
    return "?";
  memcpy(buf, v.u.str, v.len);
  buf[v.len] = '\0';
  return buf;
}

static void
test_format_number(void)
{
  CU_ASSERT_STRING_EQUAL(fnum(3.14159, "%.2f"), "3.14");
  CU_ASSERT_STRING_EQUAL(fnum(2.5, "%.0f"), "2");
  CU_ASSERT_STRING_EQUAL(fnum(3.5, "%.0f"), "4");
  CU_ASSERT_STRING_EQUAL(fnum(0.5, "%.0f"), "0");
  CU_ASSERT_STRING_EQUAL(fnum(0.125, "%.2f"), "0.12");
  CU_ASSERT_STRING_EQUAL(fnum(0.375, "%.2f"), "0.38");
  CU_ASSERT_STRING_EQUAL(fnum(0.05, "%.1f"), "0.1");
  CU_ASSERT_STRING_EQUAL(fnum(9.995, "%.2f"), "9.99");
  CU_ASSERT_STRING_EQUAL(fnum(1e21, "%.0f"), "1000000000000000000000");
  CU_ASSERT_STRING_EQUAL(fnum(0.1, "%.20f"), "0.10000000000000000555");
  CU_ASSERT_STRING_EQUAL(fnum(123.456, "%e"), "1.234560e+02");
  CU_ASSERT_STRING_EQUAL(fnum(0.0, "%e"), "0.000000e+00");
  CU_ASSERT_STRING_EQUAL(fnum(1e-300, "%.3e"), "1.000e-300");
  CU_ASSERT_STRING_EQUAL(fnum(0.0001, "%g"), "0.0001");
  CU_ASSERT_STRING_EQUAL(fnum(0.00001, "%g"), "1e-05");
  CU_ASSERT_STRING_EQUAL(fnum(123456789, "%g"), "1.23457e+08");
  CU_ASSERT_STRING_EQUAL(fnum(100, "%g"), "100");
  CU_ASSERT_STRING_EQUAL(fnum(0.1, "%.17g"), "0.10000000000000001");
  CU_ASSERT_STRING_EQUAL(fnum(1e100, "%g"), "1e+100");
  CU_ASSERT_STRING_EQUAL(fnum(1e-10, "%G"), "1E-10");
  CU_ASSERT_STRING_EQUAL(fnum(0.00012345, "%.3g"), "0.000123");
  CU_ASSERT_STRING_EQUAL(fnum(1.0, "%#.3g"), "1.00");
  CU_ASSERT_STRING_EQUAL(fnum(1e-5, "%#g"), "1.00000e-05");
  CU_ASSERT_STRING_EQUAL(fnum(0.5, "%.0e"), "5e-01");
  CU_ASSERT_STRING_EQUAL(fnum(9.5, "%.0e"), "1e+01");
  CU_ASSERT_STRING_EQUAL(fnum(8.5, "%.0e"), "8e+00");
  CU_ASSERT_STRING_EQUAL(fnum(12345.678, "%+.3e"), "+1.235e+04");
  CU_ASSERT_STRING_EQUAL(fnum(1.0, "% f"), " 1.000000");
  CU_ASSERT_STRING_EQUAL(fnum(-3.14159, "%010.2f"), "-000003.14");
  CU_ASSERT_STRING_EQUAL(fnum(2.5, "%-8.2f|"), "2.50    |");
  CU_ASSERT_STRING_EQUAL(fnum(-0.0, "%.1f"), "-0.0");
  CU_ASSERT_STRING_EQUAL(fnum(1.5, "%5.1f"), "  1.5");
  CU_ASSERT_STRING_EQUAL(fnum(2.0, "%#.0f"), "2.");
  CU_ASSERT_STRING_EQUAL(fnum(1.5, "Value: %08.3f units"),
                         "Value: 0001.500 units");
  CU_ASSERT_STRING_EQUAL(fnum(NAN, "%f"), "nan");
  CU_ASSERT_STRING_EQUAL(fnum(-INFINITY, "%5f"), " -inf");
  CU_ASSERT_STRING_EQUAL(fnum(INFINITY, "%F"), "INF");
  CU_ASSERT_STRING_EQUAL(fnum(42, "%5d"), "   42");
  CU_ASSERT_STRING_EQUAL(fnum(42, "%-5d|"), "42   |");
  CU_ASSERT_STRING_EQUAL(fnum(42, "%05d"), "00042");
  CU_ASSERT_STRING_EQUAL(fnum(-42, "%+d"), "-42");
  CU_ASSERT_STRING_EQUAL(fnum(42, "%+i"), "+42");
  CU_ASSERT_STRING_EQUAL(fnum(7, "%.3d"), "007");
  CU_ASSERT_STRING_EQUAL(fnum(255, "%x"), "ff");
  CU_ASSERT_STRING_EQUAL(fnum(255, "%#X"), "0XFF");
  CU_ASSERT_STRING_EQUAL(fnum(0, "%#x"), "0");
  CU_ASSERT_STRING_EQUAL(fnum(8, "%o"), "10");
  CU_ASSERT_STRING_EQUAL(fnum(0, "%#o"), "0");
  CU_ASSERT_STRING_EQUAL(fnum(3.9, "%d"), "3");
  CU_ASSERT_STRING_EQUAL(fnum(-3.9, "%ld"), "-3");
  CU_ASSERT_STRING_EQUAL(fnum(5, "100%% %d"), "100% 5");
  CU_ASSERT_STRING_EQUAL(fnum(0.5, "%s"), "0.5");
  CU_ASSERT_STRING_EQUAL(fnum(0.125, "[%.3s]"), "[0.1]");
  CU_ASSERT_STRING_EQUAL(fnum(12, "FMTWIDTH"), "FMTWIDTH");
  CU_ASSERT_STRING_EQUAL(fnum(12, ""), "");
  CU_ASSERT_STRING_EQUAL(fnum(1e300, "%d"), "NAN");
  CU_ASSERT_STRING_EQUAL(fnum(NAN, "%d"), "NAN");
  CU_ASSERT_EQUAL(strlen(fnum(1.7976931348623157e308, "%.340f")),
                  309 + 1 + 340);
  CU_ASSERT_STRING_EQUAL(fnum(5e-324, "%.3e"), "4.941e-324");
  /* hostile or unsupported patterns fail the record */
  CU_ASSERT_STRING_EQUAL(fnum(1, "%n"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%d %d"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%*d"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%1$d"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%1000d"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%.500f"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%5"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%c"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%p"), "FAIL");
  CU_ASSERT_STRING_EQUAL(fnum(1, "%a"), "FAIL");
  CU_ASSERT_TRUE(failed(call("formatNumber", 2, S("x"), S("%d")),
                        "formatNumber: argument 1"));
  CU_ASSERT_TRUE(is_str(call("formatNumber", 2, S("2.5"), S("%.1f")),
                        "2.5"));
  CU_ASSERT_EQUAL(call("formatNumber", 2, M(), S("%d")).t, PM_T_MISSING);
}

static void
test_format_datetime(void)
{
  pm_val d = pmmlV_num(12143, PMML_DT_DATE);
  pm_val dt = pmmlV_num(1049192430, PMML_DT_DATETIME);
  pm_val t = pmmlV_num(37230, PMML_DT_TIME);
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2, d, S("%m/%d/%y")),
                        "04/01/03"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2, dt,
                             S("%Y-%m-%dT%H:%M:%S")),
                        "2003-04-01T10:20:30"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2, dt,
                             S("%A %a %B %b %e %j %I%p %F %T %D %R %u %w "
                               "%C %%")),
                        "Tuesday Tue April Apr  1 091 10AM 2003-04-01 "
                        "10:20:30 04/01/03 10:20 2 2 20 %"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2, t, S("%H:%M")), "10:20"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2, S("2003-04-01"),
                             S("%d.%m.%Y")),
                        "01.04.2003"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2,
                             pmmlV_num(0, PMML_DT_DATE_DAYS_SINCE_0),
                             S("%Y-%m-%d %A")),
                        "0000-01-01 Saturday"));
  CU_ASSERT_TRUE(is_str(call("formatDatetime", 2,
                             pmmlV_num(43200 + 60, PMML_DT_DATETIME),
                             S("%I:%M %p")),
                        "12:01 PM"));
  CU_ASSERT_TRUE(failed(call("formatDatetime", 2, d, S("%Q")),
                        "formatDatetime: unsupported pattern"));
  CU_ASSERT_TRUE(failed(call("formatDatetime", 2, d, S("%")),
                        "formatDatetime"));
  CU_ASSERT_TRUE(failed(call("formatDatetime", 2, D(3), S("%Y")),
                        "not a date"));
  CU_ASSERT_EQUAL(call("formatDatetime", 2, M(), S("%Y")).t, PM_T_MISSING);
}

static void
test_dates(void)
{
  CU_ASSERT_TRUE(is_num(call("dateDaysSinceYear", 2,
                             pmmlV_num(12143, PMML_DT_DATE), I(1960)),
                        15796, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateDaysSinceYear", 2, S("2003-04-01"),
                             I(1960)),
                        15796, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateDaysSinceYear", 2, S("0001-01-01"), I(0)),
                        366, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateDaysSinceYear", 2,
                             pmmlV_num(0, PMML_DT_DATE_DAYS_SINCE_1960),
                             I(1970)),
                        -3653, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateDaysSinceYear", 2,
                             pmmlV_num(-1, PMML_DT_DATETIME), I(1970)),
                        -1, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceYear", 2,
                             S("1960-01-01T00:00:03"), I(1960)),
                        3, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceYear", 2,
                             pmmlV_num(1, PMML_DT_DATE), I(1970)),
                        86400, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceMidnight", 1,
                             pmmlV_num(37230, PMML_DT_TIME)),
                        37230, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceMidnight", 1,
                             pmmlV_num(1049192430,
                                       PMML_DT_DATETIME_SECONDS_SINCE_1970)),
                        37230, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceMidnight", 1, S("10:20:30")),
                        37230, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(is_num(call("dateSecondsSinceMidnight", 1,
                             S("2003-04-01T00:01:02")),
                        62, PMML_DT_INTEGER));
  CU_ASSERT_TRUE(failed(call("dateDaysSinceYear", 2, S("April"), I(1960)),
                        "not a date"));
  CU_ASSERT_TRUE(failed(call("dateDaysSinceYear", 2, S("2003-04-01"),
                             D(1960.5)),
                        "not an integer"));
  CU_ASSERT_EQUAL(call("dateDaysSinceYear", 2, M(), I(1960)).t,
                  PM_T_MISSING);
}

static void
test_dtypes(void)
{
  uint8_t ii[2] = {PMML_DT_INTEGER, PMML_DT_INTEGER};
  uint8_t fi[2] = {PMML_DT_FLOAT, PMML_DT_INTEGER};
  uint8_t fd[2] = {PMML_DT_FLOAT, PMML_DT_DOUBLE};
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_ADD, ii, 2), PMML_DT_INTEGER);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_ADD, fi, 2), PMML_DT_FLOAT);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_ADD, fd, 2), PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_DIV, ii, 2), PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_DIV, fi, 2), PMML_DT_FLOAT);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_AVG, ii, 2), PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_ROUND, fd, 1), PMML_DT_INTEGER);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_EXP, ii, 1), PMML_DT_DOUBLE);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_ISIN, ii, 2), PMML_DT_BOOLEAN);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_CONCAT, ii, 2), PMML_DT_STRING);
  CU_ASSERT_EQUAL(pmmlE_builtin_dtype(PM_BI_STRINGLENGTH, ii, 1),
                  PMML_DT_INTEGER);
}

static void
test_kernels(void)
{
  int64_t y;
  for (y = -2000; y <= 3000; y += 3)
    if (pm_fn_days_from_civil((double)y, 2, 29)
            != (double)pmmlV_days_from_civil(y, 2, 29)
        || pm_fn_days_from_civil((double)y, 12, 31)
               != (double)pmmlV_days_from_civil(y, 12, 31)) {
      CU_FAIL("builtins.inc and value.c disagree on civil dates");
      break;
    }
  CU_ASSERT_EQUAL(pm_fn_round(-0.5), 0.0);
  CU_ASSERT_EQUAL(pm_fn_round(1e300), 1e300);
  CU_ASSERT_EQUAL(pm_fn_rint(0.5), 0.0);
  CU_ASSERT_EQUAL(pm_fn_rint(1.5), 2.0);
  CU_ASSERT_EQUAL(pm_fn_modulo(-1, 3), 2.0);
  CU_ASSERT_TRUE(isnan(pm_fn_modulo(INFINITY, 3)));
}

/* The precompiled path: a Constant pattern compiled at resolve time. */
static void
test_precompiled(void)
{
  pmml_model d;
  pm_expr ex[3];
  int32_t args[2] = {1, 2};
  pm_val a[2], out;
  pm_resolver *r;

  memset(&d, 0, sizeof d);
  memset(ex, 0, sizeof ex);
  pmmlM_arena_init(&d.arena, NULL, NULL);
  pmmlS_init(&d.arena, &d.strs);
  pmmlS_intern(&d.arena, &d.strs, "(\\w+)@(\\w+)", 11);
  pmmlS_intern(&d.arena, &d.strs, "(", 1);
  d.exprs = ex;
  d.n_exprs = 3;
  d.args = args;
  d.n_args = 2;
  ex[0].op = PM_X_APPLY;
  ex[0].fn = PM_BI_MATCHES;
  ex[0].first = 0;
  ex[0].n = 2;
  ex[1].op = PM_X_FIELD;
  ex[2].op = PM_X_CONST;
  ex[2].lit.t = PM_T_STR;
  ex[2].lit.sym = 0;
  r = stub_resolver(&d);
  CU_ASSERT_EQUAL(pmmlR_builtin(r, &ex[0]), 0);
  CU_ASSERT_PTR_NOT_NULL(ex[0].ext);
  CU_ASSERT_TRUE(d.uses_regex);
  CU_ASSERT_EQUAL(pmmlR_regex_groups(ex[0].ext), 2);
  a[0] = S("mail bob@example now");
  a[1] = S("ignored: the compiled pattern wins");
  stub_ctx_reset(&ctx);
  CU_ASSERT_EQUAL(pmmlE_apply_builtin(&ctx, &ex[0], a, 2, &out), 0);
  CU_ASSERT_TRUE(is_bool(out, 1));
  ex[0].fn = PM_BI_REPLACE;
  ex[0].ext = NULL;
  ex[2].lit.sym = 1; /* "(": a bad pattern fails the resolver */
  CU_ASSERT_EQUAL(pmmlR_builtin(r, &ex[0]), -1);
  CU_ASSERT_TRUE(pmmlR_failed(r));
  CU_ASSERT_PTR_NOT_NULL(strstr(stub_resolver_msg(), "replace: bad pattern"));
  ex[1].op = PM_X_FIELD; /* a pattern that is not a constant: fallback */
  ex[2].op = PM_X_FIELD;
  ex[0].ext = NULL;
  r = stub_resolver(&d);
  CU_ASSERT_EQUAL(pmmlR_builtin(r, &ex[0]), 0);
  CU_ASSERT_PTR_NULL(ex[0].ext);
  pmmlM_arena_free(&d.arena);
  stub_strtab_free(&d.strs);
}

void add_builtins_suite(void);

void
add_builtins_suite(void)
{
  CU_pSuite s = CU_add_suite("builtins", setup, teardown);
  CU_add_test(s, "names and aliases", test_find);
  CU_add_test(s, "argument counts", test_arity);
  CU_add_test(s, "arithmetic", test_arithmetic);
  CU_add_test(s, "aggregates", test_aggregates);
  CU_add_test(s, "aggregates of many", test_aggregate_many);
  CU_add_test(s, "mathematics", test_math);
  CU_add_test(s, "statistics", test_statistics);
  CU_add_test(s, "stdNormalIDF inverts stdNormalCDF", test_idf_roundtrip);
  CU_add_test(s, "missing and valid", test_missing_valid);
  CU_add_test(s, "comparison", test_compare);
  CU_add_test(s, "logic and sets", test_logic);
  CU_add_test(s, "strings", test_strings);
  CU_add_test(s, "regular expressions", test_regex);
  CU_add_test(s, "formatNumber", test_format_number);
  CU_add_test(s, "formatDatetime", test_format_datetime);
  CU_add_test(s, "date functions", test_dates);
  CU_add_test(s, "result data types", test_dtypes);
  CU_add_test(s, "builtins.inc kernels", test_kernels);
  CU_add_test(s, "precompiled patterns", test_precompiled);
}
