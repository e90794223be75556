/*
** test_load.c: the reader. Documents from memory, plain and gzip; the
** positions and codes of errors; limits; and allocation failure at every
** step of a load and of pmml_ctx_new, on several documents and on every
** error document (each run returns PMML_E_NOMEM or the document's own
** error and leaks nothing: the allocator counts live bytes).
*/
#include <dirent.h>
#include <stdio.h>
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
  /* What Expat holds goes through the hook and stays within max_memory. */
  pmml_load_options_init(&o);
  o.max_memory = 2000;
  CU_ASSERT_EQUAL(pmml_model_load_memory(tree_doc, strlen(tree_doc), &o, &m,
                                         &e), PMML_E_LIMIT);
  CU_ASSERT_STRING_EQUAL(e.message,
                         "the XML parser needs more than 2000 bytes");
  CU_ASSERT_PTR_NULL(m);
}

/* A tree that reads a TextIndex (regular expressions: per-context state)
** and a DefineFunction, with Targets and Output. */
static const char text_tree_doc[] =
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
  " <DataDictionary>\n"
  "  <DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>\n"
  "  <DataField name=\"text\" optype=\"categorical\" dataType=\"string\"/>\n"
  "  <DataField name=\"y\" optype=\"categorical\" dataType=\"string\">\n"
  "   <Value value=\"no\"/><Value value=\"yes\"/></DataField>\n"
  " </DataDictionary>\n"
  " <TransformationDictionary>\n"
  "  <DefineFunction name=\"twice\" optype=\"continuous\""
  " dataType=\"double\">\n"
  "   <ParameterField name=\"p\"/>\n"
  "   <Apply function=\"*\"><FieldRef field=\"p\"/><Constant>2</Constant>"
  "</Apply>\n"
  "  </DefineFunction>\n"
  "  <DerivedField name=\"x2\" optype=\"continuous\" dataType=\"double\">\n"
  "   <Apply function=\"twice\"><FieldRef field=\"x\"/></Apply>\n"
  "  </DerivedField>\n"
  "  <DerivedField name=\"runs\" optype=\"continuous\""
  " dataType=\"integer\">\n"
  "   <TextIndex textField=\"text\" isCaseSensitive=\"false\""
  " maxLevenshteinDistance=\"1\" wordSeparatorCharacterRE=\"[\\s,]+\">\n"
  "    <TextIndexNormalization><InlineTable>\n"
  "     <row><string>ran</string><stem>run</stem></row>\n"
  "    </InlineTable></TextIndexNormalization>\n"
  "    <Constant>run</Constant>\n"
  "   </TextIndex>\n"
  "  </DerivedField>\n"
  " </TransformationDictionary>\n"
  " <TreeModel functionName=\"classification\">\n"
  "  <MiningSchema><MiningField name=\"x\"/><MiningField name=\"text\"/>\n"
  "   <MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
  "  <Output><OutputField name=\"p_yes\" feature=\"probability\""
  " value=\"yes\"/></Output>\n"
  "  <Node score=\"no\"><True/>\n"
  "   <Node score=\"yes\"><SimplePredicate field=\"runs\""
  " operator=\"greaterThan\" value=\"1\"/>\n"
  "    <ScoreDistribution value=\"yes\" recordCount=\"3\"/>\n"
  "    <ScoreDistribution value=\"no\" recordCount=\"1\"/></Node>\n"
  "   <Node score=\"yes\"><SimplePredicate field=\"x2\""
  " operator=\"greaterThan\" value=\"3\"/></Node>\n"
  "  </Node>\n"
  " </TreeModel>\n"
  "</PMML>\n";

/* A regression over a MapValues and a NormContinuous. */
static const char mapvalues_doc[] =
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_3\" version=\"4.3\">\n"
  " <DataDictionary>\n"
  "  <DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>\n"
  "  <DataField name=\"c\" optype=\"categorical\" dataType=\"string\">\n"
  "   <Value value=\"red\"/><Value value=\"blue\"/></DataField>\n"
  "  <DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>\n"
  " </DataDictionary>\n"
  " <RegressionModel functionName=\"regression\">\n"
  "  <MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>\n"
  "   <MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
  "  <LocalTransformations>\n"
  "   <DerivedField name=\"cv\" optype=\"continuous\" dataType=\"double\">\n"
  "    <MapValues outputColumn=\"out\" defaultValue=\"0\">\n"
  "     <FieldColumnPair field=\"c\" column=\"in\"/>\n"
  "     <InlineTable><row><in>red</in><out>1.5</out></row>\n"
  "      <row><in>blue</in><out>2.5</out></row></InlineTable>\n"
  "    </MapValues>\n"
  "   </DerivedField>\n"
  "   <DerivedField name=\"xn\" optype=\"continuous\" dataType=\"double\">\n"
  "    <NormContinuous field=\"x\"><LinearNorm orig=\"0\" norm=\"0\"/>\n"
  "     <LinearNorm orig=\"10\" norm=\"1\"/></NormContinuous>\n"
  "   </DerivedField>\n"
  "  </LocalTransformations>\n"
  "  <RegressionTable intercept=\"0.5\">\n"
  "   <NumericPredictor name=\"cv\" coefficient=\"2\"/>\n"
  "   <NumericPredictor name=\"xn\" coefficient=\"-1\"/>\n"
  "  </RegressionTable>\n"
  " </RegressionModel>\n"
  "</PMML>\n";

/* gzip of s. The caller frees. */
static unsigned char *
gzip_of(const char *s, size_t *n)
{
  z_stream z;
  size_t cap = strlen(s) + 256;
  unsigned char *buf = malloc(cap);
  if (!buf)
    return NULL;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    free(buf);
    return NULL;
  }
  z.next_in = (unsigned char *)s;
  z.avail_in = (uInt)strlen(s);
  z.next_out = buf;
  z.avail_out = (uInt)cap;
  deflate(&z, Z_FINISH);
  *n = cap - z.avail_out;
  deflateEnd(&z);
  return buf;
}

static void
test_load_nomem(void)
{
  unsigned char *gz;
  size_t n = 0;
  check_nomem_bytes("tree", tree_doc, strlen(tree_doc));
  check_nomem_bytes("TextIndex tree", text_tree_doc, strlen(text_tree_doc));
  check_nomem_bytes("MapValues regression", mapvalues_doc,
                    strlen(mapvalues_doc));
  gz = gzip_of(text_tree_doc, &n);
  CU_ASSERT_PTR_NOT_NULL_FATAL(gz);
  check_nomem_bytes("gzip TextIndex tree", gz, n);
  free(gz);
}

/* gzip of data[0..n) (deflate level 1). The caller frees. */
static unsigned char *
gzip_bytes(const void *data, size_t n, size_t *out)
{
  z_stream z;
  size_t cap = n + 256;
  unsigned char *buf = malloc(cap);
  if (!buf)
    return NULL;
  memset(&z, 0, sizeof z);
  deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = (unsigned char *)data;
  z.avail_in = (uInt)n;
  z.next_out = buf;
  z.avail_out = (uInt)cap;
  deflate(&z, Z_FINISH);
  *out = cap - z.avail_out;
  deflateEnd(&z);
  return buf;
}

/* Expat guesses the encoding from its first bytes: however the input is
** cut (here two gzip members, "'" and "\0\0"), the result is the same
** (fuzz_gzip found "unclosed token" plain and "invalid token" gzip). */
static void
test_load_first_bytes(void)
{
  static const char doc[3] = {'\'', 0, 0};
  static const char *const docs[] = {"<", "<P", "<PM", "\xff\xfe<",
                                     "\xef\xbb\xbf<"};
  size_t i;
  for (i = 0; i < sizeof docs / sizeof docs[0] + 1; i++) {
    const char *d = i ? docs[i - 1] : doc;
    size_t n = i ? strlen(d) : sizeof doc, k;
    for (k = 1; k < n; k++) {
      unsigned char *a, *b, *both;
      size_t na = 0, nb = 0;
      pmml_model *m = NULL;
      pmml_error e1, e2;
      pmml_status s1, s2;
      a = gzip_bytes(d, k, &na);
      b = gzip_bytes(d + k, n - k, &nb);
      both = malloc(na + nb);
      CU_ASSERT_PTR_NOT_NULL_FATAL(both);
      memcpy(both, a, na);
      memcpy(both + na, b, nb);
      s1 = pmml_model_load_memory(d, n, NULL, &m, &e1);
      s2 = pmml_model_load_memory(both, na + nb, NULL, &m, &e2);
      CU_ASSERT_EQUAL(s1, s2);
      CU_ASSERT_STRING_EQUAL(e1.message, e2.message);
      CU_ASSERT_EQUAL(e1.line, e2.line);
      CU_ASSERT_EQUAL(e1.column, e2.column);
      free(a);
      free(b);
      free(both);
    }
  }
}

/* Every document of testdata/errors: out of memory or its own error. */
static void
test_load_nomem_errors(void)
{
  DIR *d = opendir(TESTDATA "/errors");
  struct dirent *de;
  int docs = 0;
  CU_ASSERT_PTR_NOT_NULL_FATAL(d);
  while ((de = readdir(d)) != NULL) {
    char path[4096];
    size_t len = strlen(de->d_name);
    FILE *fp;
    char *buf;
    long size;
    if (len < 6 || strcmp(de->d_name + len - 5, ".pmml") != 0)
      continue;
    snprintf(path, sizeof path, "%s/errors/%s", TESTDATA, de->d_name);
    fp = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    rewind(fp);
    buf = malloc((size_t)size + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_EQUAL(fread(buf, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    check_nomem_bytes(de->d_name, buf, (size_t)size);
    free(buf);
    docs++;
  }
  closedir(d);
  CU_ASSERT(docs > 20);
}

/* The models of the allocation test score what they should (so that the
** loop runs through their whole load and the TextIndex, the function and
** the MapValues are used). Hand-computed: "ran, runs RAN" holds "run"
** three times (ran normalised, runs at distance 1) > 1: yes with 3/4;
** x=1.5: twice 3 > 3 is false. MapValues: 0.5 + 2 * 2.5 - 0.3 = 5.2. */
static void
test_load_nomem_models(void)
{
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  pmml_error e;
  pmml_value v;
  CU_ASSERT_EQUAL_FATAL(load_str(text_tree_doc, &m, &e), PMML_OK);
  CU_ASSERT_EQUAL_FATAL(pmml_ctx_new(m, &c), PMML_OK);
  pmml_ctx_set_text(c, (size_t)pmml_model_input_index(m, "text"),
                    "ran, runs RAN", 13);
  pmml_ctx_set_number(c, (size_t)pmml_model_input_index(m, "x"), 1.5);
  CU_ASSERT_EQUAL(pmml_score(c, &e), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_EQUAL(v.kind, PMML_STRING);
  CU_ASSERT(v.length == 3 && !memcmp(v.string, "yes", 3));
  pmml_ctx_output(c, 1, &v);
  CU_ASSERT_DOUBLE_EQUAL(v.number, 0.75, 1e-15);
  pmml_ctx_free(c);
  pmml_model_free(m);
  CU_ASSERT_EQUAL_FATAL(load_str(mapvalues_doc, &m, &e), PMML_OK);
  CU_ASSERT_EQUAL_FATAL(pmml_ctx_new(m, &c), PMML_OK);
  pmml_ctx_set_text(c, (size_t)pmml_model_input_index(m, "c"), "blue", 4);
  pmml_ctx_set_number(c, (size_t)pmml_model_input_index(m, "x"), 3);
  CU_ASSERT_EQUAL(pmml_score(c, &e), PMML_OK);
  pmml_ctx_output(c, 0, &v);
  CU_ASSERT_DOUBLE_EQUAL(v.number, 5.2, 1e-12);
  pmml_ctx_free(c);
  pmml_model_free(m);
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
  CU_add_test(s, "the first bytes in one piece", test_load_first_bytes);
  CU_add_test(s, "error codes and positions", test_load_errors);
  CU_add_test(s, "PMML 3.x, 4.x and no namespace", test_load_versions);
  CU_add_test(s, "depth, text and size limits", test_load_limits);
  CU_add_test(s, "the models of the allocation tests", test_load_nomem_models);
  CU_add_test(s, "allocation failure at every step", test_load_nomem);
  CU_add_test(s, "allocation failure on every error document",
              test_load_nomem_errors);
  CU_add_test(s, "status and type names", test_status_strings);
}
