/*
** test_load.c: the reader. Documents from memory, plain and gzip; the
** positions and codes of errors; limits; and allocation failure at every
** step of a load (each run returns PMML_E_NOMEM and leaks nothing).
*/
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <zlib.h>

#include "support.h"

static const char tree_doc[] =
  "<?xml version=\"1.0\"?>\n"
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
  " <Header><Application name=\"test\" version=\"1\"/></Header>\n"
  " <DataDictionary>\n"
  "  <DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>\n"
  "  <DataField name=\"c\" optype=\"categorical\" dataType=\"string\">\n"
  "   <Value value=\"a\"/><Value value=\"b\"/></DataField>\n"
  "  <DataField name=\"y\" optype=\"categorical\" dataType=\"string\">\n"
  "   <Value value=\"no\"/><Value value=\"yes\"/></DataField>\n"
  " </DataDictionary>\n"
  " <TreeModel functionName=\"classification\" modelName=\"t\">\n"
  "  <MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>\n"
  "   <MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
  "  <Node score=\"no\"><True/>\n"
  "   <Node score=\"yes\"><SimplePredicate field=\"x\" operator=\"greaterThan\""
  " value=\"1\"/></Node>\n"
  "  </Node>\n"
  " </TreeModel>\n"
  "</PMML>\n";

static pmml_status
load_str(const char *doc, pmml_model **m, pmml_error *e)
{
  return pmml_model_load_memory(doc, strlen(doc), NULL, m, e);
}

static void
test_load_basic(void)
{
  pmml_model *m = NULL;
  pmml_error e;
  CU_ASSERT_EQUAL_FATAL(load_str(tree_doc, &m, &e), PMML_OK);
  CU_ASSERT_STRING_EQUAL(pmml_model_kind(m), "TreeModel");
  CU_ASSERT_STRING_EQUAL(pmml_model_function(m), "classification");
  CU_ASSERT_STRING_EQUAL(pmml_model_name(m), "t");
  CU_ASSERT_STRING_EQUAL(pmml_model_pmml_version(m), "4.4");
  CU_ASSERT_STRING_EQUAL(pmml_model_application(m), "test 1");
  /* Only x is read: c is in the MiningSchema but nothing uses it. */
  CU_ASSERT_EQUAL(pmml_model_input_count(m), 1);
  CU_ASSERT_STRING_EQUAL(pmml_model_input_name(m, 0), "x");
  CU_ASSERT_EQUAL(pmml_model_input_index(m, "x"), 0);
  CU_ASSERT_EQUAL(pmml_model_input_index(m, "nope"), -1);
  CU_ASSERT_EQUAL(pmml_model_output_count(m), 1);
  CU_ASSERT_STRING_EQUAL(pmml_model_output_name(m, 0), "y");
  CU_ASSERT(pmml_model_memory(m) > 0);
  pmml_model_free(m);
  pmml_model_free(NULL);
}

static void
test_load_gzip(void)
{
  unsigned char buf[4096];
  uLongf n = sizeof buf;
  z_stream z;
  pmml_model *m = NULL;
  pmml_error e;
  memset(&z, 0, sizeof z);
  CU_ASSERT_EQUAL_FATAL(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                     Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = (unsigned char *)tree_doc;
  z.avail_in = (uInt)strlen(tree_doc);
  z.next_out = buf;
  z.avail_out = sizeof buf;
  CU_ASSERT_EQUAL(deflate(&z, Z_FINISH), Z_STREAM_END);
  n = sizeof buf - z.avail_out;
  deflateEnd(&z);
  CU_ASSERT_EQUAL_FATAL(pmml_model_load_memory(buf, n, NULL, &m, &e), PMML_OK);
  CU_ASSERT_STRING_EQUAL(pmml_model_kind(m), "TreeModel");
  pmml_model_free(m);
  /* Cut short: an error, no model. */
  CU_ASSERT_EQUAL(pmml_model_load_memory(buf, n / 2, NULL, &m, &e),
                  PMML_E_GZIP);
  CU_ASSERT_PTR_NULL(m);
  /* Corrupt. */
  buf[n / 2] ^= 0x55;
  buf[n / 2 + 1] ^= 0x55;
  CU_ASSERT_NOT_EQUAL(pmml_model_load_memory(buf, n, NULL, &m, &e), PMML_OK);
}

/* The code, line and column of a failing document. */
static void
check_error(const char *doc, pmml_status code, unsigned long line,
            const char *text)
{
  pmml_model *m = (pmml_model *)1;
  pmml_error e;
  pmml_status st = load_str(doc, &m, &e);
  CU_ASSERT_EQUAL(st, code);
  CU_ASSERT_EQUAL(e.code, code);
  CU_ASSERT_PTR_NULL(m);
  CU_ASSERT_EQUAL(e.line, line);
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, text));
  if (st != code || !strstr(e.message, text))
    fprintf(stderr, "\n  got %d at %lu: %s\n", (int)st, e.line, e.message);
}

static void
test_load_errors(void)
{
  check_error("", PMML_E_XML, 1, "empty");
  check_error("<PMML", PMML_E_XML, 1, "truncated");
  check_error("<foo/>", PMML_E_NOT_PMML, 1, "not <PMML>");
  check_error("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\"/>", PMML_E_NOT_PMML,
              1, "version");
  check_error("<PMML xmlns=\"urn:x\" version=\"4.4\"/>", PMML_E_NOT_PMML, 1,
              "unknown namespace");
  check_error("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
              "<Header/></PMML>",
              PMML_E_INVALID, 2, "holds no model");
  check_error("<!DOCTYPE x [<!ENTITY a \"b\">]>\n<PMML/>", PMML_E_XML, 1,
              "DOCTYPE");
  check_error("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
              "<DataDictionary>\n<DataField name=\"x\" optype=\"weird\"/>\n"
              "</DataDictionary></PMML>",
              PMML_E_INVALID, 3, "unknown optype");
  check_error("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
              "<TimeSeriesModel functionName=\"timeSeries\"/></PMML>",
              PMML_E_UNSUPPORTED, 2, "TimeSeriesModel is not supported");
}

/* Old namespaces and none at all are PMML too. */
static void
test_load_versions(void)
{
  static const char *const heads[] = {
    "<PMML xmlns=\"http://www.dmg.org/PMML-3_2\" version=\"3.2\">",
    "<PMML xmlns=\"http://www.dmg.org/PMML-4_1\" version=\"4.1\">",
    "<PMML version=\"3.0\">",
  };
  size_t i;
  const char *body = strstr(tree_doc, " <Header>");
  for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
    char doc[4096];
    pmml_model *m = NULL;
    pmml_error e;
    snprintf(doc, sizeof doc, "%s\n%s", heads[i], body);
    CU_ASSERT_EQUAL(load_str(doc, &m, &e), PMML_OK);
    if (!m)
      fprintf(stderr, "\n  %s: %s\n", heads[i], e.message);
    pmml_model_free(m);
  }
}

static void
test_load_limits(void)
{
  pmml_load_options o;
  pmml_model *m = NULL;
  pmml_error e;
  pmml_load_options_init(&o);
  /* PMML, TreeModel, Node, Node, SimplePredicate: five levels. */
  o.max_depth = 5;
  CU_ASSERT_EQUAL(pmml_model_load_memory(tree_doc, strlen(tree_doc), &o, &m,
                                         &e), PMML_OK);
  pmml_model_free(m);
  o.max_depth = 4;
  CU_ASSERT_EQUAL(pmml_model_load_memory(tree_doc, strlen(tree_doc), &o, &m,
                                         &e), PMML_E_LIMIT);
  CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "nested deeper than 4"));
  /* An attribute longer than max_text (plus room for the tag). */
  {
    size_t n = 20000;
    char *doc = malloc(n + 200);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    strcpy(doc, "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"
                "<Header description=\"");
    memset(doc + strlen(doc), 'a', n);
    strcpy(doc + strlen(doc) - 0, "");
    doc[strlen("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"
               "<Header description=\"") + n] = '\0';
    strcat(doc, "\"/></PMML>");
    pmml_load_options_init(&o);
    o.max_text = 1000;
    CU_ASSERT_EQUAL(pmml_model_load_memory(doc, strlen(doc), &o, &m, &e),
                    PMML_E_LIMIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "longer than 1000 bytes"));
    free(doc);
  }
  pmml_load_options_init(&o);
  o.max_document = 100;
  CU_ASSERT_EQUAL(pmml_model_load_memory(tree_doc, strlen(tree_doc), &o, &m,
                                         &e), PMML_E_LIMIT);
}

static void
test_load_nomem(void)
{
  check_nomem(tree_doc);
}

static void
test_status_strings(void)
{
  int i;
  for (i = 0; i <= PMML_E_VERIFY; i++)
    CU_ASSERT_STRING_NOT_EQUAL(pmml_status_string((pmml_status)i),
                               "unknown status");
  CU_ASSERT_STRING_EQUAL(pmml_status_string((pmml_status)999),
                         "unknown status");
  CU_ASSERT_STRING_EQUAL(pmml_dtype_name(PMML_DT_DATE_DAYS_SINCE_1970),
                         "dateDaysSince[1970]");
  CU_ASSERT_STRING_EQUAL(pmml_optype_name(PMML_OP_ORDINAL), "ordinal");
}

void add_load_suite(void);

void
add_load_suite(void)
{
  CU_pSuite s = CU_add_suite("load", NULL, NULL);
  CU_add_test(s, "a tree from memory", test_load_basic);
  CU_add_test(s, "gzip, cut short, corrupt", test_load_gzip);
  CU_add_test(s, "error codes and positions", test_load_errors);
  CU_add_test(s, "PMML 3.x, 4.x and no namespace", test_load_versions);
  CU_add_test(s, "depth, text and size limits", test_load_limits);
  CU_add_test(s, "allocation failure at every step", test_load_nomem);
  CU_add_test(s, "status and type names", test_status_strings);
}
