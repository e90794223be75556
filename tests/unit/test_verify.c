/*
** test_verify.c: ModelVerification (PMML_LOAD_VERIFICATION and
** pmml_model_verify()), PMML_LOAD_RESOLVE_ALL, the element and "did you
** mean" of load errors, and the edit distance behind the suggestions.
** Expected values are worked out by hand in the comments.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

/* y = 1 + 2 x; z is in the DataDictionary, the model does not read it. */
#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"         \
  "<Header/>\n"                                                              \
  "<DataDictionary>\n"                                                       \
  "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>\n"    \
  "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>\n"    \
  "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>\n"    \
  "</DataDictionary>\n"
#define MODEL(out, verification)                                             \
  "<RegressionModel functionName=\"regression\">\n"                         \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"z\"/>"        \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"         \
  out                                                                        \
  "<RegressionTable intercept=\"1\">"                                        \
  "<NumericPredictor name=\"x\" coefficient=\"2\"/></RegressionTable>\n"    \
  verification                                                               \
  "</RegressionModel>\n"                                                     \
  "</PMML>\n"

/*
** Target only: x = 1 -> 3; x = 2.5 -> 6; x = -1 -> -1; x = 100 -> 201,
** expected 201.0001 (relative 5e-7, within the default 1E-6); an absent
** expected cell is not compared (x absent: no prediction either); z is a
** DataField the model does not read: ignored.
*/
static const char ok_doc[] = HEAD MODEL(
  "",
  "<ModelVerification recordCount=\"5\" fieldCount=\"3\">\n"
  "<VerificationFields><VerificationField field=\"x\"/>"
  "<VerificationField field=\"z\"/>"
  "<VerificationField field=\"y\" column=\"expected\"/></VerificationFields>\n"
  "<InlineTable>\n"
  "<row><x>1</x><z>7</z><expected>3</expected></row>\n"
  "<row><x>2.5</x><expected>6</expected></row>\n"
  "<row><x>-1</x><expected>-1</expected></row>\n"
  "<row><x>100</x><expected>201.0001</expected></row>\n"
  "<row><z>1</z></row>\n"
  "</InlineTable></ModelVerification>\n");

static pmml_model *
load(const char *doc, unsigned flags, pmml_error *e)
{
  pmml_load_options o;
  pmml_model *m = NULL;
  pmml_load_options_init(&o);
  o.flags = flags;
  if (pmml_model_load_memory(doc, strlen(doc), &o, &m, e) != PMML_OK)
    fprintf(stderr, "\n  load: %lu: %s\n", e->line, e->message);
  return m;
}

typedef struct seen {
  int items, bad;
  size_t last_record;
  char field[64];
  double difference;
} seen;

static int
collect(void *ud, const pmml_verify_item *it)
{
  seen *s = ud;
  s->items++;
  if (!it->ok) {
    s->bad++;
    s->last_record = it->record;
    snprintf(s->field, sizeof s->field, "%s", it->field ? it->field : "");
    s->difference = it->difference;
  }
  return 0;
}

static void
test_verify_pass(void)
{
  pmml_error e;
  pmml_verify_report rep;
  seen s;
  pmml_model *m = load(ok_doc, PMML_LOAD_VERIFICATION, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(pmml_model_verify_records(m), 5);
  CU_ASSERT_EQUAL(pmml_model_verify_line(m), 11);
  /* z does not become an input for being in the records. */
  CU_ASSERT_EQUAL(pmml_model_input_count(m), 1);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(pmml_model_verify(m, collect, &s, &rep, &e), PMML_OK);
  CU_ASSERT_EQUAL(rep.records, 5);
  CU_ASSERT_EQUAL(rep.values, 4);
  CU_ASSERT_EQUAL(rep.values_failed, 0);
  CU_ASSERT_EQUAL(rep.records_failed, 0);
  CU_ASSERT_EQUAL(s.items, 4); /* the last record expects nothing */
  CU_ASSERT(fabs(rep.max_relative - 0.0001 / 201.0001) < 1e-12);
  /* NULL callback and report are fine. */
  CU_ASSERT_EQUAL(pmml_model_verify(m, NULL, NULL, NULL, NULL), PMML_OK);
  pmml_model_free(m);
}

/* Loaded without the flag: the records are skipped but the API says so. */
static void
test_verify_not_loaded(void)
{
  pmml_error e;
  pmml_model *m = load(ok_doc, 0, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(pmml_model_verify_records(m), 0);
  CU_ASSERT_EQUAL(pmml_model_verify_line(m), 11);
  CU_ASSERT_EQUAL(pmml_model_verify(m, NULL, NULL, NULL, &e),
                  PMML_E_ARGUMENT);
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "PMML_LOAD_VERIFICATION"));
  CU_ASSERT_EQUAL(e.line, 11);
  pmml_model_free(m);
  CU_ASSERT_EQUAL(pmml_model_verify(NULL, NULL, NULL, NULL, &e),
                  PMML_E_ARGUMENT);
  /* A document without records verifies trivially. */
  {
    static const char doc[] = HEAD MODEL("", "");
    pmml_verify_report rep;
    m = load(doc, PMML_LOAD_VERIFICATION, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(pmml_model_verify_line(m), 0);
    CU_ASSERT_EQUAL(pmml_model_verify(m, NULL, NULL, &rep, &e), PMML_OK);
    CU_ASSERT_EQUAL(rep.records, 0);
    pmml_model_free(m);
  }
}

/*
** Differences (default precision 1E-6, zeroThreshold 1E-16): record 2
** expects 5 for x = 2.5 (got 6); record 3 expects 201.001 for x = 100 (got
** 201: relative 0.001 / 201.001 = 5e-6); x = -0.5 gives 0 exactly, and an
** expected 1e-20 is zero too (record 4 matches) but 1e-10 is not (record
** 5, difference 1e-10).
*/
static const char bad_doc[] = HEAD MODEL(
  "",
  "<ModelVerification>\n"
  "<VerificationFields><VerificationField field=\"x\"/>"
  "<VerificationField field=\"y\"/></VerificationFields>\n"
  "<InlineTable>\n"
  "<row><x>1</x><y>3</y></row>\n"
  "<row><x>2.5</x><y>5</y></row>\n"
  "<row><x>100</x><y>201.001</y></row>\n"
  "<row><x>-0.5</x><y>1e-20</y></row>\n"
  "<row><x>-0.5</x><y>1e-10</y></row>\n"
  "</InlineTable></ModelVerification>\n");

static void
test_verify_fail(void)
{
  pmml_error e;
  pmml_verify_report rep;
  seen s;
  pmml_model *m = load(bad_doc, PMML_LOAD_VERIFICATION, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(pmml_model_verify(m, collect, &s, &rep, &e),
                  PMML_E_VERIFY);
  CU_ASSERT_EQUAL(rep.records, 5);
  CU_ASSERT_EQUAL(rep.records_failed, 3); /* 2, 3 and 5 */
  CU_ASSERT_EQUAL(rep.values_failed, 3);
  CU_ASSERT_EQUAL(s.bad, 3);
  CU_ASSERT_EQUAL(s.last_record, 5);
  CU_ASSERT_STRING_EQUAL(s.field, "y");
  CU_ASSERT(fabs(s.difference - 1e-10) < 1e-24);
  /* The first difference, with the line of its row. */
  CU_ASSERT_EQUAL(e.code, PMML_E_VERIFY);
  CU_ASSERT_EQUAL(e.line, 15);
  CU_ASSERT_STRING_EQUAL(e.element, "ModelVerification");
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "record 2, field 'y': expected 5, "
                                           "got 6"));
  pmml_model_free(m);
}

/* precision= and zeroThreshold= per field. */
static void
test_verify_tolerances(void)
{
  static const char doc[] = HEAD MODEL(
    "",
    "<ModelVerification>\n"
    "<VerificationFields><VerificationField field=\"x\"/>"
    "<VerificationField field=\"y\" precision=\"0.01\" "
    "zeroThreshold=\"1e-9\"/></VerificationFields>\n"
    "<InlineTable>\n"
    "<row><x>100</x><y>201.001</y></row>\n"  /* 0.001/201 < 0.01 */
    "<row><x>100</x><y>199</y></row>\n"      /* 2/199 > 0.01 */
    "<row><x>-0.5</x><y>1e-10</y></row>\n"   /* both zero */
    "</InlineTable></ModelVerification>\n");
  pmml_error e;
  pmml_verify_report rep;
  pmml_model *m = load(doc, PMML_LOAD_VERIFICATION, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(pmml_model_verify(m, NULL, NULL, &rep, &e), PMML_E_VERIFY);
  CU_ASSERT_EQUAL(rep.values_failed, 1);
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "record 2"));
  pmml_model_free(m);
}

/*
** OutputFields named: the target's column is the training data and is not
** compared (y = 99 is wrong but ignored); the output "twice" (the predicted
** value) is. A record whose input is invalid (returnInvalid) fails unless it
** expects nothing.
*/
static void
test_verify_outputs(void)
{
  static const char doc[] =
    "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
    "<Header/><DataDictionary>\n"
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\">"
    "<Interval closure=\"closedClosed\" leftMargin=\"0\" rightMargin=\"10\"/>"
    "</DataField>\n"
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>\n"
    "</DataDictionary>\n"
    "<RegressionModel functionName=\"regression\">\n"
    "<MiningSchema><MiningField name=\"x\"/>"
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
    "<Output><OutputField name=\"twice\" dataType=\"double\" "
    "feature=\"predictedValue\"/></Output>\n"
    "<RegressionTable intercept=\"1\">"
    "<NumericPredictor name=\"x\" coefficient=\"2\"/></RegressionTable>\n"
    "<ModelVerification>\n"
    "<VerificationFields><VerificationField field=\"x\"/>"
    "<VerificationField field=\"y\"/><VerificationField field=\"twice\"/>"
    "</VerificationFields>\n"
    "<InlineTable>\n"
    "<row><x>1</x><y>99</y><twice>3</twice></row>\n"
    "<row><x>20</x><y>41</y></row>\n"
    "<row><x>20</x><twice>41</twice></row>\n"
    "</InlineTable></ModelVerification>\n"
    "</RegressionModel></PMML>\n";
  pmml_error e;
  pmml_verify_report rep;
  seen s;
  pmml_model *m = load(doc, PMML_LOAD_VERIFICATION, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(pmml_model_verify(m, collect, &s, &rep, &e),
                  PMML_E_VERIFY);
  CU_ASSERT_EQUAL(rep.records, 2);        /* record 2 expects nothing */
  CU_ASSERT_EQUAL(rep.values, 1);         /* twice of record 1 */
  CU_ASSERT_EQUAL(rep.records_failed, 1); /* record 3: x = 20 is invalid */
  CU_ASSERT_EQUAL(s.last_record, 3);
  CU_ASSERT_STRING_EQUAL(s.field, "");
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "record 3: not scored"));
  pmml_model_free(m);
}

/* Wrong records fail the load when they are asked for, with a position. */
static void
check_load_error(const char *doc, unsigned flags, pmml_status code,
                 unsigned long line, const char *element, const char *text)
{
  pmml_model *m = NULL;
  pmml_load_options o;
  pmml_error e;
  pmml_status st;
  pmml_load_options_init(&o);
  o.flags = flags;
  st = pmml_model_load_memory(doc, strlen(doc), &o, &m, &e);
  CU_ASSERT_EQUAL(st, code);
  CU_ASSERT_PTR_NULL(m);
  CU_ASSERT_EQUAL(e.line, line);
  CU_ASSERT_STRING_EQUAL(e.element, element);
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, text));
  if (st != code || e.line != line || strcmp(e.element, element) ||
      !strstr(e.message, text))
    fprintf(stderr, "\n  got %d at %lu <%s>: %s\n", (int)st, e.line,
            e.element, e.message);
  pmml_model_free(m);
}

static void
test_verify_load_errors(void)
{
  static const char unknown_field[] = HEAD MODEL(
    "",
    "<ModelVerification>\n"
    "<VerificationFields><VerificationField field=\"xx\"/>"
    "</VerificationFields>\n"
    "<InlineTable><row><xx>1</xx></row></InlineTable>\n"
    "</ModelVerification>\n");
  static const char no_column[] = HEAD MODEL(
    "",
    "<ModelVerification>\n"
    "<VerificationFields><VerificationField field=\"x\" column=\"data:x\"/>"
    "</VerificationFields>\n"
    "<InlineTable><row><x>1</x></row></InlineTable>\n"
    "</ModelVerification>\n");
  static const char count[] = HEAD MODEL(
    "",
    "<ModelVerification recordCount=\"2\">\n"
    "<VerificationFields><VerificationField field=\"x\"/>"
    "</VerificationFields>\n"
    "<InlineTable><row><x>1</x></row></InlineTable>\n"
    "</ModelVerification>\n");
  static const char negative[] = HEAD MODEL(
    "",
    "<ModelVerification>\n"
    "<VerificationFields><VerificationField field=\"x\" precision=\"-1\"/>"
    "</VerificationFields>\n"
    "<InlineTable><row><x>1</x></row></InlineTable>\n"
    "</ModelVerification>\n");
  /* 'xx' is one letter from 'x', but two-letter names get no hint. */
  check_load_error(unknown_field, PMML_LOAD_VERIFICATION, PMML_E_REFERENCE,
                   12, "VerificationField",
                   "VerificationField: unknown field 'xx'");
  check_load_error(no_column, PMML_LOAD_VERIFICATION, PMML_E_REFERENCE, 12,
                   "VerificationField",
                   "VerificationField 'x': the InlineTable has no column "
                   "'data:x'");
  check_load_error(count, PMML_LOAD_VERIFICATION, PMML_E_INVALID, 14,
                   "ModelVerification", "recordCount=\"2\" but the "
                   "InlineTable holds 1 rows");
  check_load_error(negative, PMML_LOAD_VERIFICATION, PMML_E_INVALID, 12,
                   "VerificationField", "precision must not be negative");
  /* Without the flag none of this is read. */
  {
    pmml_error e;
    pmml_model *m = load(unknown_field, 0, &e);
    CU_ASSERT_PTR_NOT_NULL(m);
    pmml_model_free(m);
  }
}

/* PMML_LOAD_RESOLVE_ALL: unused transformations are checked, and the
** DataFields only they read do not become inputs. */
static void
test_resolve_all(void)
{
  static const char unused_bad[] =
    HEAD
    "<TransformationDictionary>\n"
    "<DerivedField name=\"d\" optype=\"continuous\" dataType=\"double\">"
    "<Apply function=\"+\"><FieldRef field=\"z\"/><FieldRef field=\"zz\"/>"
    "</Apply></DerivedField>\n"
    "</TransformationDictionary>\n" MODEL("", "");
  static const char unused_good[] =
    HEAD
    "<TransformationDictionary>\n"
    "<DefineFunction name=\"f\" optype=\"continuous\" dataType=\"double\">"
    "<ParameterField name=\"p\"/><FieldRef field=\"p\"/></DefineFunction>\n"
    "<DerivedField name=\"d\" optype=\"continuous\" dataType=\"double\">"
    "<Apply function=\"f\"><FieldRef field=\"z\"/></Apply></DerivedField>\n"
    "</TransformationDictionary>\n" MODEL("", "");
  static const char unused_local[] =
    HEAD
    "<RegressionModel functionName=\"regression\">\n"
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"y\" "
    "usageType=\"target\"/><MiningField name=\"w\"/></MiningSchema>\n"
    "<LocalTransformations><DerivedField name=\"l\" optype=\"continuous\" "
    "dataType=\"double\"><FieldRef field=\"x\"/></DerivedField>"
    "</LocalTransformations>\n"
    "<RegressionTable intercept=\"1\">"
    "<NumericPredictor name=\"x\" coefficient=\"2\"/></RegressionTable>\n"
    "</RegressionModel></PMML>\n";
  pmml_error e;
  pmml_model *m;
  pmml_ctx *c;
  pmml_value v;
  /* Lazily, d is never resolved: the document loads. */
  m = load(unused_bad, 0, &e);
  CU_ASSERT_PTR_NOT_NULL(m);
  pmml_model_free(m);
  check_load_error(unused_bad, PMML_LOAD_RESOLVE_ALL, PMML_E_REFERENCE, 9,
                   "FieldRef",
                   "FieldRef: unknown field 'zz'");
  /* f and d resolve; z stays out of the inputs; scoring is unchanged. */
  m = load(unused_good, PMML_LOAD_RESOLVE_ALL, &e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(pmml_model_input_count(m), 1);
  CU_ASSERT_STRING_EQUAL(pmml_model_input_name(m, 0), "x");
  CU_ASSERT_EQUAL_FATAL(pmml_ctx_new(m, &c), PMML_OK);
  pmml_ctx_set_number(c, 0, 2.0);
  CU_ASSERT_EQUAL(pmml_score(c, &e), PMML_OK);
  CU_ASSERT_EQUAL(pmml_ctx_output(c, 0, &v), PMML_OK);
  CU_ASSERT_EQUAL(v.number, 5.0); /* 1 + 2 * 2 */
  pmml_ctx_free(c);
  pmml_model_free(m);
  /* An unused MiningField must name a field too. */
  m = load(unused_local, 0, &e);
  CU_ASSERT_PTR_NOT_NULL(m);
  pmml_model_free(m);
  check_load_error(unused_local, PMML_LOAD_RESOLVE_ALL, PMML_E_REFERENCE, 9,
                   "MiningField", "MiningField: 'w' is not a DataField");
}

/* The element of an error is the one its message names (else the one
** being read); resolve errors have the start tag's line and column 0. */
static void
test_error_elements(void)
{
  static const char unknown_elem[] =
    HEAD "<RegressionModel functionName=\"regression\">\n"
    "<Frobnicator/></RegressionModel></PMML>\n";
  static const char bad_const[] =
    HEAD
    "<TransformationDictionary>\n"
    "<DerivedField name=\"d\" optype=\"continuous\" dataType=\"double\">"
    "<Constant dataType=\"double\">1,5</Constant></DerivedField>\n"
    "</TransformationDictionary>\n"
    "<RegressionModel functionName=\"regression\">\n"
    "<MiningSchema><MiningField name=\"y\" usageType=\"target\"/>"
    "</MiningSchema>\n"
    "<RegressionTable intercept=\"1\">"
    "<NumericPredictor name=\"d\" coefficient=\"2\"/></RegressionTable>\n"
    "</RegressionModel></PMML>\n";
  static const char prefixed[] =
    "<p:PMML xmlns:p=\"http://www.dmg.org/PMML-4_3\" version=\"4.3\">\n"
    "<p:Header/><p:DataDictionary>\n"
    "<p:DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>\n"
    "<p:DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>\n"
    "</p:DataDictionary>\n"
    "<p:TreeModel functionName=\"regression\">\n"
    "<p:MiningSchema><p:MiningField name=\"x\"/></p:MiningSchema>\n"
    "<p:Node score=\"1\"><p:True/><p:Node score=\"2\">"
    "<p:SimplePredicate field=\"X\" operator=\"lessThan\" value=\"1\"/>"
    "</p:Node></p:Node></p:TreeModel></p:PMML>\n";
  pmml_error e;
  pmml_model *m = NULL;
  check_load_error(unknown_elem, 0, PMML_E_INVALID, 9, "Frobnicator",
                   "unknown element <Frobnicator> inside <RegressionModel>");
  check_load_error(bad_const, 0, PMML_E_INVALID, 9, "Constant",
                   "Constant: value '1,5' is not a valid double");
  /* Elements with a prefix are PMML's too; the case of a name counts, and
  ** the suggestion says so. */
  check_load_error(prefixed, 0, PMML_E_REFERENCE, 8, "SimplePredicate",
                   "unknown field 'X' (did you mean 'x'?)");
  CU_ASSERT_EQUAL(pmml_model_load_memory(bad_const, strlen(bad_const), NULL,
                                         &m, &e), PMML_E_INVALID);
  CU_ASSERT_EQUAL(e.column, 0);
}

static void
test_distance(void)
{
  pm_suggest s;
  char buf[64];
  CU_ASSERT_EQUAL(pmmlS_distance("lenght", 6, "length", 6, 3), 1);
  CU_ASSERT_EQUAL(pmmlS_distance("Petal", 5, "petal", 5, 3), 0);
  CU_ASSERT_EQUAL(pmmlS_distance("abc", 3, "abd", 3, 3), 1);
  CU_ASSERT_EQUAL(pmmlS_distance("kitten", 6, "sitting", 7, 5), 3);
  CU_ASSERT_EQUAL(pmmlS_distance("kitten", 6, "sitting", 7, 2), 3);
  CU_ASSERT_EQUAL(pmmlS_distance("", 0, "abc", 3, 5), 3);
  pmmlS_suggest_init(&s, "sepal_widht", 11);
  pmmlS_suggest_add(&s, "petal_width", 11); /* 3 edits */
  pmmlS_suggest_add(&s, "sepal_width", 11); /* 1 */
  pmmlS_suggest_add(&s, "sepal_widht", 11); /* itself: never */
  CU_ASSERT_STRING_EQUAL(pmmlS_suggest_text(&s, buf, sizeof buf),
                         " (did you mean 'sepal_width'?)");
  pmmlS_suggest_init(&s, "q", 1);
  pmmlS_suggest_add(&s, "p", 1);
  CU_ASSERT_STRING_EQUAL(pmmlS_suggest_text(&s, buf, sizeof buf), "");
}

/* Every allocation of a load with both flags, and of verifying, fails in
** turn: PMML_E_NOMEM, nothing leaked. */
static void
test_verify_nomem(void)
{
  long budget;
  int succeeded = 0;
  for (budget = 0; budget < 2000 && !succeeded; budget++) {
    failing f = {budget, 0, 0, 0, 0};
    pmml_load_options o;
    pmml_model *m = NULL;
    pmml_error e;
    pmml_status st;
    pmml_load_options_init(&o);
    o.alloc = failing_alloc;
    o.alloc_ud = &f;
    o.flags = PMML_LOAD_VERIFICATION | PMML_LOAD_RESOLVE_ALL;
    st = pmml_model_load_memory(ok_doc, strlen(ok_doc), &o, &m, &e);
    if (st == PMML_OK) {
      st = pmml_model_verify(m, NULL, NULL, NULL, &e);
      CU_ASSERT(st == PMML_OK || st == PMML_E_NOMEM);
      succeeded = st == PMML_OK;
      pmml_model_free(m);
    } else {
      CU_ASSERT_EQUAL(st, PMML_E_NOMEM);
      CU_ASSERT_PTR_NULL(m);
    }
    CU_ASSERT_EQUAL(f.live, 0);
  }
  CU_ASSERT(succeeded);
}

void add_verify_suite(void);

void
add_verify_suite(void)
{
  CU_pSuite s = CU_add_suite("verify", NULL, NULL);
  CU_add_test(s, "records that match", test_verify_pass);
  CU_add_test(s, "records not read", test_verify_not_loaded);
  CU_add_test(s, "records that differ", test_verify_fail);
  CU_add_test(s, "precision and zeroThreshold", test_verify_tolerances);
  CU_add_test(s, "outputs, target, unscorable records", test_verify_outputs);
  CU_add_test(s, "wrong records fail the load", test_verify_load_errors);
  CU_add_test(s, "PMML_LOAD_RESOLVE_ALL", test_resolve_all);
  CU_add_test(s, "the element of an error", test_error_elements);
  CU_add_test(s, "edit distance and suggestions", test_distance);
  CU_add_test(s, "allocation failure at every step", test_verify_nomem);
}
