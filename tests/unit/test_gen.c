/*
** test_gen.c: the code generator's building blocks: SHA-256 against the
** FIPS 180-4 examples, the escaping of document text into C string
** literals and comments (nothing a document holds may end a literal,
** start or end a comment, or form a trigraph), doubles written so they
** read back exactly, identifiers, and gen_document's refusals, each naming
** the construct and its line. The generated code itself is tested by
** tests/codegen.sh (compiled and compared with the interpreter) and
** tests/golden.sh.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "gen.h"
#include "numconv.h"

static void
hex(const unsigned char *h, char *out)
{
  int i;
  for (i = 0; i < 32; i++)
    sprintf(out + 2 * i, "%02x", h[i]);
}

/* FIPS 180-4 / NIST examples: "", "abc", the 448-bit message, a million
** times 'a' (fed in uneven pieces). */
static void
test_sha256(void)
{
  sha256_ctx s;
  unsigned char h[32];
  char x[65];
  static const char two[] =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  char a[1000];
  int i;
  sha256_init(&s);
  sha256_final(&s, h);
  hex(h, x);
  CU_ASSERT_STRING_EQUAL(x, "e3b0c44298fc1c149afbf4c8996fb924"
                            "27ae41e4649b934ca495991b7852b855");
  sha256_init(&s);
  sha256_update(&s, "abc", 3);
  sha256_final(&s, h);
  hex(h, x);
  CU_ASSERT_STRING_EQUAL(x, "ba7816bf8f01cfea414140de5dae2223"
                            "b00361a396177a9cb410ff61f20015ad");
  sha256_init(&s);
  sha256_update(&s, two, strlen(two));
  sha256_final(&s, h);
  hex(h, x);
  CU_ASSERT_STRING_EQUAL(x, "248d6a61d20638b8e5c026930c3e6039"
                            "a33ce45964ff2167f6ecedd419db06c1");
  memset(a, 'a', sizeof a);
  sha256_init(&s);
  for (i = 0; i < 1000; i++) { /* 999 + 1001 bytes at a time */
    sha256_update(&s, a, i % 2 ? 1000 : 999);
    if (i % 2 == 0)
      sha256_update(&s, a, 1);
  }
  sha256_final(&s, h);
  hex(h, x);
  CU_ASSERT_STRING_EQUAL(x, "cdc76e5c9914fb9281a1c7e284d73e67"
                            "f1809a48a497200e046d39ccc7112cd0");
}

/* Appending an empty buffer's text (NULL, 0) appends nothing and copies
** nothing: fuzz_codegen found memcpy(p, NULL, 0), undefined behaviour,
** on a document without Intervals (clang's UBSan stops on it). */
static void
test_put_nothing(void)
{
  gbuf b = {0}, empty = {0};
  gb_put(&b, empty.p, empty.len);
  CU_ASSERT_EQUAL(b.len, 0);
  CU_ASSERT_FALSE(b.failed);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b.p);
  CU_ASSERT_STRING_EQUAL(b.p, "");
  gb_puts(&b, "x");
  gb_put(&b, NULL, 0);
  CU_ASSERT_STRING_EQUAL(b.p, "x");
  gb_free(&b);
}

/* A C string literal holds only printable ASCII with " \ ? escaped and
** the rest as three-digit octal. */
static void
test_cstr(void)
{
  gbuf b = {0};
  gb_cstr(&b, "a\"b\\c?\n\001\377x */ /* ?\?/", 20);
  CU_ASSERT_STRING_EQUAL(b.p, "\"a\\\"b\\\\c\\?\\012\\001\\377x */ /* "
                              "\\?\\?/\"");
  gb_free(&b);
  gb_cstr(&b, "\0001", 2); /* an octal escape cannot swallow a digit */
  CU_ASSERT_STRING_EQUAL(b.p, "\"\\0001\"");
  gb_free(&b);
}

/* Comment text: no "*" "/" pair either way, no backslash, no '?',
** shortened with "...". */
static void
test_ctext(void)
{
  gbuf b = {0};
  gb_ctext(&b, "x */ abort(); /* y", 18, 80);
  CU_ASSERT_PTR_NULL(strstr(b.p, "*/"));
  CU_ASSERT_PTR_NULL(strstr(b.p, "/*"));
  CU_ASSERT_STRING_EQUAL(b.p, "x * / abort(); / * y");
  gb_free(&b);
  gb_ctext(&b, "a**/b//*c\\d?\?/e\n\303\251", 17, 80);
  CU_ASSERT_PTR_NULL(strstr(b.p, "*/"));
  CU_ASSERT_PTR_NULL(strstr(b.p, "/*"));
  CU_ASSERT_PTR_NULL(strchr(b.p, '\\'));
  CU_ASSERT_PTR_NULL(strchr(b.p, '?'));
  CU_ASSERT_PTR_NULL(strchr(b.p, '\n'));
  gb_free(&b);
  gb_ctext(&b, "abcdefgh", 8, 3);
  CU_ASSERT_STRING_EQUAL(b.p, "abc...");
  gb_free(&b);
}

/* Doubles read back exactly and always look like double constants. */
static void
test_real(void)
{
  static const double xs[] = {0.0, -0.0, 1.0, -2.5, 0.1, 1e21, 1e-7,
                              5e-324, 1.7976931348623157e308, 123456789.0,
                              0.800000011920929};
  gbuf b = {0};
  size_t i;
  for (i = 0; i < sizeof xs / sizeof xs[0]; i++) {
    double y;
    b.len = 0;
    gb_real(&b, xs[i]);
    CU_ASSERT(strchr(b.p, '.') || strchr(b.p, 'e'));
    CU_ASSERT_EQUAL(pmmlN_parse_double(b.p, b.len, &y), 0);
    CU_ASSERT(y == xs[i] && signbit(y) == signbit(xs[i]));
  }
  b.len = 0;
  gb_real(&b, NAN);
  CU_ASSERT_STRING_EQUAL(b.p, "NAN");
  b.len = 0;
  gb_real(&b, -INFINITY);
  CU_ASSERT_STRING_EQUAL(b.p, "-INFINITY");
  gb_free(&b);
}

static void
test_ident(void)
{
  gbuf b = {0};
  gb_ident(&b, "petal length (cm)", 17, 1);
  CU_ASSERT_STRING_EQUAL(b.p, "PETAL_LENGTH_CM_");
  gb_free(&b);
  gb_ident(&b, "9lives", 6, 0);
  CU_ASSERT_STRING_EQUAL(b.p, "_9lives");
  gb_free(&b);
  gb_ident(&b, "*/", 2, 1);
  CU_ASSERT_STRING_EQUAL(b.p, "_");
  gb_free(&b);
}

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"  \
  "<DataDictionary><DataField name=\"t\" optype=\"categorical\" "            \
  "dataType=\"string\"/><DataField name=\"y\" optype=\"continuous\" "        \
  "dataType=\"double\"/></DataDictionary>\n"

/* Generate 'doc'; 0, or -1 with the message in err. */
static int
generate(const char *doc, gen_file **files, int *n, char *err, size_t sz)
{
  pmml_model *m = NULL;
  pmml_error e;
  gen_options o;
  int rc;
  if (pmml_model_load_memory(doc, strlen(doc), NULL, &m, &e) != PMML_OK) {
    snprintf(err, sz, "load: %s", e.message);
    return -1;
  }
  memset(&o, 0, sizeof o);
  o.prefix = "t";
  o.source = "t.pmml";
  o.header = "t.h";
  o.stem = "t";
  o.split_bytes = 8000000;
  o.pack_nodes = 4096;
  rc = gen_document(m, &o, files, n, err, sz);
  pmml_model_free(m);
  return rc;
}

/* A model whose text the generator cannot compile yet is refused with the
** construct and its line; what compiles gives t.c and t.h. */
static void
test_refusals(void)
{
  char err[600];
  gen_file *files = NULL;
  int n = 0;
  static const char regex[] =
      HEAD "<RegressionModel functionName=\"regression\"><MiningSchema>"
      "<MiningField name=\"y\" usageType=\"target\"/>"
      "<MiningField name=\"t\"/></MiningSchema>\n<Output>"
      "<OutputField name=\"m\" feature=\"transformedValue\">\n"
      "<Apply function=\"matches\"><FieldRef field=\"t\"/>"
      "<Constant>a.*</Constant></Apply></OutputField></Output>"
      "<RegressionTable intercept=\"1\"/></RegressionModel></PMML>";
  static const char plain[] =
      HEAD "<RegressionModel functionName=\"regression\"><MiningSchema>"
      "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
      "<RegressionTable intercept=\"1\"/></RegressionModel></PMML>";
  CU_ASSERT_EQUAL(generate(regex, &files, &n, err, sizeof err), -1);
  CU_ASSERT_STRING_EQUAL(err, "5:Apply: function 'matches' (regular "
                              "expressions) is not supported by the code "
                              "generator yet");
  CU_ASSERT_EQUAL(generate(plain, &files, &n, err, sizeof err), 0);
  CU_ASSERT_EQUAL(n, 2);
  if (n == 2) {
    CU_ASSERT_STRING_EQUAL(files[0].name, "t.c");
    CU_ASSERT_STRING_EQUAL(files[1].name, "t.h");
    CU_ASSERT_PTR_NOT_NULL(strstr(files[0].text.p, "\nt_score(t_ctx *c)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(files[1].text.p, "int t_score(t_ctx *c);"));
  }
  gen_files_free(files, n);
}

/* The families of gen_svm.c, gen_naivebayes.c, gen_clustering.c and
** gen_knn.c write their model as static const tables with the numbers of
** the document, and allocate nothing. An SVM f = 2 K(x, v) + 0.5 over
** one vector v = (1.5) (VectorDictionary), a k-means model with centers 0
** and 3.25 (Cluster/Array). */
static void
test_family_tables(void)
{
  char err[600];
  gen_file *files = NULL;
  int n = 0;
  static const char svm[] =
      HEAD "<SupportVectorMachineModel functionName=\"regression\">"
      "<MiningSchema><MiningField name=\"y\" usageType=\"target\"/>"
      "<MiningField name=\"x\"/></MiningSchema><LinearKernelType/>"
      "<VectorDictionary><VectorFields><FieldRef field=\"x\"/>"
      "</VectorFields><VectorInstance id=\"v\"><Array n=\"1\" "
      "type=\"real\">1.5</Array></VectorInstance></VectorDictionary>"
      "<SupportVectorMachine><SupportVectors><SupportVector "
      "vectorId=\"v\"/></SupportVectors><Coefficients "
      "absoluteValue=\"0.5\"><Coefficient value=\"2\"/></Coefficients>"
      "</SupportVectorMachine></SupportVectorMachineModel></PMML>";
  static const char kmeans[] =
      HEAD "<ClusteringModel functionName=\"clustering\" "
      "modelClass=\"centerBased\" numberOfClusters=\"2\"><MiningSchema>"
      "<MiningField name=\"x\"/></MiningSchema><ComparisonMeasure "
      "kind=\"distance\"><squaredEuclidean/></ComparisonMeasure>"
      "<ClusteringField field=\"x\"/><Cluster><Array n=\"1\" "
      "type=\"real\">0</Array></Cluster><Cluster><Array n=\"1\" "
      "type=\"real\">3.25</Array></Cluster></ClusteringModel></PMML>";
  char svmdoc[sizeof svm + 128], kdoc[sizeof kmeans + 128];
  /* HEAD has t and y: add x. */
  snprintf(svmdoc, sizeof svmdoc, "%s", svm);
  snprintf(kdoc, sizeof kdoc, "%s", kmeans);
  {
    char *p = strstr(svmdoc, "</DataDictionary>"), *q;
    static const char x[] = "<DataField name=\"x\" optype=\"continuous\" "
                            "dataType=\"double\"/>";
    memmove(p + strlen(x), p, strlen(p) + 1);
    memcpy(p, x, strlen(x));
    q = strstr(kdoc, "</DataDictionary>");
    memmove(q + strlen(x), q, strlen(q) + 1);
    memcpy(q, x, strlen(x));
  }
  CU_ASSERT_EQUAL(generate(svmdoc, &files, &n, err, sizeof err), 0);
  if (n == 2) {
    const char *c = files[0].text.p;
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "static const pm_real m0_vectors[1]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "\n  1.5,\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "static const pm_real m0_coef[1] = {\n"
                                     "  2.0,\n};"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "pm_svm_eval(c, &pm_models[0], "));
    CU_ASSERT_PTR_NULL(strstr(c, "malloc"));
  }
  gen_files_free(files, n);
  files = NULL;
  n = 0;
  CU_ASSERT_EQUAL(generate(kdoc, &files, &n, err, sizeof err), 0);
  if (n == 2) {
    const char *c = files[0].text.p;
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "static const pm_real m0_centers[2]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "3.25,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c, "pm_clu_eval(c, &pm_models[0], "));
    CU_ASSERT_PTR_NULL(strstr(c, "malloc"));
  }
  gen_files_free(files, n);
}

void add_gen_suite(void);

void
add_gen_suite(void)
{
  CU_pSuite s = CU_add_suite("gen", NULL, NULL);
  CU_add_test(s, "sha256", test_sha256);
  CU_add_test(s, "appending nothing", test_put_nothing);
  CU_add_test(s, "C string literals", test_cstr);
  CU_add_test(s, "comment text", test_ctext);
  CU_add_test(s, "doubles", test_real);
  CU_add_test(s, "identifiers", test_ident);
  CU_add_test(s, "refusals and files", test_refusals);
  CU_add_test(s, "tables of SVM and clustering models", test_family_tables);
}
