/*
** test_association.c: AssociationModel through the public API, on small
** documents whose results are worked out by hand in the comments:
** transactions built with pmml_ctx_add_item, every algorithm, rank,
** rankBasis, rankOrder and isMultiValued, every rule feature, the row
** style (items as tests of fields), and the documents it refuses.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD                                                                 \
  "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header/>\n"

#define OF(name, attrs) "<OutputField name=\"" name "\" " attrs "/>"

/*
** Items a b c d; five rules (support s, confidence cf, lift l, leverage
** lv, affinity af):
**
**   R1  {a}   -> {b}    s 0.3   cf 0.6  l 1.2  lv 0.05  af 0.4
**   (2) {a,b} -> {c}    s 0.2   cf 0.8  l 2    lv 0.1   af 0.5  (no id)
**   R3  {b}   -> {a}    s 0.3   cf 0.5  l 1.2  lv 0.05  af 0.4
**   R4  {c}   -> {d}    s 0.1   cf 0.9  l 3    lv 0.02  af 0.3
**   R5  {a}   -> {c,d}  s 0.05  cf 0.7  l 1.5  lv 0.01  af 0.2
*/
#define BASKET_DOC(outputs)                                                  \
  HEAD                                                                       \
  "<DataDictionary>"                                                         \
  "<DataField name=\"t\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"item\" optype=\"categorical\" dataType=\"string\"/>"    \
  "</DataDictionary>"                                                        \
  "<AssociationModel functionName=\"associationRules\" "                     \
  "numberOfTransactions=\"10\" minimumSupport=\"0.01\" "                     \
  "minimumConfidence=\"0.1\" numberOfItems=\"4\" numberOfItemsets=\"6\" "    \
  "numberOfRules=\"5\">"                                                     \
  "<MiningSchema><MiningField name=\"t\" usageType=\"group\"/>"              \
  "<MiningField name=\"item\"/></MiningSchema>"                              \
  "<Output>" outputs "</Output>"                                             \
  "<Item id=\"1\" value=\"a\"/><Item id=\"2\" value=\"b\"/>"                 \
  "<Item id=\"3\" value=\"c\"/><Item id=\"4\" value=\"d\"/>"                 \
  "<Itemset id=\"A\"><ItemRef itemRef=\"1\"/></Itemset>"                     \
  "<Itemset id=\"B\"><ItemRef itemRef=\"2\"/></Itemset>"                     \
  "<Itemset id=\"AB\"><ItemRef itemRef=\"1\"/><ItemRef itemRef=\"2\"/>"      \
  "</Itemset>"                                                               \
  "<Itemset id=\"C\"><ItemRef itemRef=\"3\"/></Itemset>"                     \
  "<Itemset id=\"D\"><ItemRef itemRef=\"4\"/></Itemset>"                     \
  "<Itemset id=\"CD\"><ItemRef itemRef=\"3\"/><ItemRef itemRef=\"4\"/>"      \
  "</Itemset>"                                                               \
  "<AssociationRule id=\"R1\" antecedent=\"A\" consequent=\"B\" "            \
  "support=\"0.3\" confidence=\"0.6\" lift=\"1.2\" leverage=\"0.05\" "       \
  "affinity=\"0.4\"/>"                                                       \
  "<AssociationRule antecedent=\"AB\" consequent=\"C\" "                     \
  "support=\"0.2\" confidence=\"0.8\" lift=\"2\" leverage=\"0.1\" "          \
  "affinity=\"0.5\"/>"                                                       \
  "<AssociationRule id=\"R3\" antecedent=\"B\" consequent=\"A\" "            \
  "support=\"0.3\" confidence=\"0.5\" lift=\"1.2\" leverage=\"0.05\" "       \
  "affinity=\"0.4\"/>"                                                       \
  "<AssociationRule id=\"R4\" antecedent=\"C\" consequent=\"D\" "            \
  "support=\"0.1\" confidence=\"0.9\" lift=\"3\" leverage=\"0.02\" "         \
  "affinity=\"0.3\"/>"                                                       \
  "<AssociationRule id=\"R5\" antecedent=\"A\" consequent=\"CD\" "           \
  "support=\"0.05\" confidence=\"0.7\" lift=\"1.5\" leverage=\"0.01\" "      \
  "affinity=\"0.2\"/>"                                                       \
  "</AssociationModel></PMML>"

static const char basket[] = BASKET_DOC(
    /* Defaults: exclusiveRecommendation, rank 1, by confidence, down. */
    OF("cons", "feature=\"ruleValue\" ruleFeature=\"consequent\"")
    OF("id", "feature=\"ruleValue\" ruleFeature=\"ruleId\"")
    OF("rec1", "feature=\"ruleValue\" ruleFeature=\"rule\" "
               "algorithm=\"recommendation\"")
    OF("rec2", "feature=\"ruleValue\" ruleFeature=\"rule\" "
               "algorithm=\"recommendation\" rank=\"2\"")
    OF("rec3", "feature=\"ruleId\" algorithm=\"recommendation\" rank=\"3\"")
    OF("rec4", "feature=\"ruleId\" algorithm=\"recommendation\" rank=\"4\"")
    OF("rec5", "feature=\"ruleId\" algorithm=\"recommendation\" rank=\"5\"")
    OF("ra1", "feature=\"entityId\" algorithm=\"ruleAssociation\"")
    OF("ra2", "feature=\"ruleValue\" ruleFeature=\"ruleId\" "
              "algorithm=\"ruleAssociation\" rank=\"2\"")
    OF("sup2", "feature=\"ruleId\" algorithm=\"recommendation\" "
               "rankBasis=\"support\" rank=\"2\"")
    OF("supasc1", "feature=\"ruleId\" algorithm=\"recommendation\" "
                  "rankBasis=\"support\" rankOrder=\"ascending\"")
    OF("supasc3", "feature=\"ruleId\" algorithm=\"recommendation\" "
                  "rankBasis=\"support\" rankOrder=\"ascending\" rank=\"3\"")
    OF("lift1", "feature=\"ruleId\" rankBasis=\"lift\" rank=\"2\"")
    OF("ante", "feature=\"antecedent\"")
    OF("conf", "feature=\"confidence\"")
    OF("supp", "feature=\"support\"")
    OF("lift", "feature=\"lift\"")
    OF("lev", "feature=\"leverage\"")
    OF("aff", "feature=\"ruleValue\" ruleFeature=\"affinity\" "
              "rankBasis=\"affinity\"")
    OF("all", "feature=\"ruleValue\" ruleFeature=\"ruleId\" "
              "algorithm=\"recommendation\" isMultiValued=\"true\" "
              "rank=\"0\"")
    OF("top2", "feature=\"ruleValue\" ruleFeature=\"rule\" "
               "algorithm=\"recommendation\" isMultiValued=\"true\" "
               "rank=\"2\"")
    OF("confs", "feature=\"confidence\" algorithm=\"recommendation\" "
                "isMultiValued=\"true\" rank=\"3\"")
    OF("pred", "feature=\"predictedValue\""));

static void
test_algorithms(void)
{
  /* {a, b}: the antecedents of R1, (2), R3 and R5 lie in it; the
  ** consequents of R1 and R3 too. recommendation: R1 (2) R3 R5;
  ** exclusiveRecommendation: (2) R5; ruleAssociation: R1 R3. */
  const char *ab = "item+a,item+b";
  /* Exclusive, by confidence: (2) 0.8 before R5 0.7. */
  CHECK(basket, ab, "cons", "{c}");
  CHECK(basket, ab, "id", "2");
  CHECK(basket, ab, "ante", "{a,b}");
  CHECK(basket, ab, "conf", "0.8");
  CHECK(basket, ab, "supp", "0.2");
  CHECK(basket, ab, "lift", "2");
  CHECK(basket, ab, "lev", "0.1");
  /* Recommendation by confidence: (2) 0.8, R5 0.7, R1 0.6, R3 0.5. */
  CHECK(basket, ab, "rec1", "{a,b}->{c}");
  CHECK(basket, ab, "rec2", "{a}->{c,d}");
  CHECK(basket, ab, "rec3", "R1");
  CHECK(basket, ab, "rec4", "R3");
  CHECK(basket, ab, "rec5", "<missing>");
  /* Rule association: R1 0.6, R3 0.5. */
  CHECK(basket, ab, "ra1", "R1");
  CHECK(basket, ab, "ra2", "R3");
  /* By support, descending: R1 0.3 and R3 0.3 (a tie: document order),
  ** (2) 0.2, R5 0.05. Ascending: R5, (2), R1, R3. */
  CHECK(basket, ab, "sup2", "R3");
  CHECK(basket, ab, "supasc1", "R5");
  CHECK(basket, ab, "supasc3", "R1");
  /* Exclusive by lift: (2) 2, R5 1.5. */
  CHECK(basket, ab, "lift1", "R5");
  /* Exclusive by affinity: (2) 0.5. */
  CHECK(basket, ab, "aff", "0.5");
  /* Multi-valued: all recommendations, the first two rules, the first
  ** three confidences. */
  CHECK(basket, ab, "all", "2;R5;R1;R3");
  CHECK(basket, ab, "top2", "{a,b}->{c};{a}->{c,d}");
  CHECK(basket, ab, "confs", "0.8;0.7;0.6");
  /* An association model predicts nothing. */
  CHECK(basket, ab, "pred", "<missing>");
}

static void
test_transactions(void)
{
  /* {c}: R4 alone, recommended and exclusive; no rule association. */
  CHECK(basket, "item+c", "id", "R4");
  CHECK(basket, "item+c", "rec1", "{c}->{d}");
  CHECK(basket, "item+c", "ra1", "<missing>");
  CHECK(basket, "item+c", "all", "R4");
  /* Every item: every consequent lies in it, nothing is exclusive. */
  CHECK(basket, "item+a,item+b,item+c,item+d", "id", "<missing>");
  CHECK(basket, "item+a,item+b,item+c,item+d", "ra1", "R4");
  CHECK(basket, "item+a,item+b,item+c,item+d", "all", "R4;2;R5;R1;R3");
  /* Nothing: nothing selected, multi-valued outputs are missing too. */
  CHECK(basket, "", "id", "<missing>");
  CHECK(basket, "", "all", "<missing>");
  /* Items the model does not name are dropped; a repeated item counts
  ** once: {a}: exclusive R5 0.7 before R1 0.6. */
  CHECK(basket, "item+zzz,item+a,item+a", "id", "R5");
  CHECK(basket, "item+zzz,item+a,item+a", "all", "R5;R1");
  /* A value set directly is one more item: {a} + {b}. */
  CHECK(basket, "item=a,item+b", "id", "2");
  CHECK(basket, "item=b", "all", "R3");
  /* pmml_ctx_clear starts a new, empty transaction: only {c} counts. */
  CHECK(basket, "item+a,item+b,/,item+c", "id", "R4");
  /* The group key is not read. */
  CHECK(basket, "t=42,item+c", "id", "R4");
}

/* Inputs and their roles; add_item on an input that holds no items. */
static void
test_roles(void)
{
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  long t, item;
  CU_ASSERT_EQUAL_FATAL(pmml_model_load_memory(basket, strlen(basket), NULL,
                                               &m, NULL),
                        PMML_OK);
  t = pmml_model_input_index(m, "t");
  item = pmml_model_input_index(m, "item");
  CU_ASSERT(t >= 0 && item >= 0);
  CU_ASSERT_EQUAL(pmml_model_input_role(m, (size_t)t), PMML_ROLE_GROUP);
  CU_ASSERT_EQUAL(pmml_model_input_role(m, (size_t)item), PMML_ROLE_ITEMS);
  CU_ASSERT_EQUAL(pmml_model_input_role(m, 99), PMML_ROLE_VALUE);
  CU_ASSERT_EQUAL(pmml_model_input_role(NULL, 0), PMML_ROLE_VALUE);
  CU_ASSERT_EQUAL_FATAL(pmml_ctx_new(m, &c), PMML_OK);
  CU_ASSERT_EQUAL(pmml_ctx_add_item(c, (size_t)t, "x", 1), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_add_item(c, 99, "x", 1), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_add_item(NULL, 0, "x", 1), PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_add_item(c, (size_t)item, NULL, 1),
                  PMML_E_ARGUMENT);
  CU_ASSERT_EQUAL(pmml_ctx_add_item(c, (size_t)item, NULL, 0), PMML_OK);
  pmml_ctx_free(c);
  pmml_model_free(m);
}

/* Items of an integer field compare as numbers: "01" is item 1. */
static void
test_numeric_items(void)
{
  const char *d =
      HEAD
      "<DataDictionary>"
      "<DataField name=\"t\" optype=\"categorical\" dataType=\"integer\"/>"
      "<DataField name=\"sku\" optype=\"categorical\" dataType=\"integer\"/>"
      "</DataDictionary>"
      "<AssociationModel functionName=\"associationRules\" "
      "numberOfTransactions=\"1\" minimumSupport=\"0\" "
      "minimumConfidence=\"0\" numberOfItems=\"2\" numberOfItemsets=\"2\" "
      "numberOfRules=\"1\">"
      "<MiningSchema><MiningField name=\"t\" usageType=\"group\"/>"
      "<MiningField name=\"sku\"/></MiningSchema>"
      "<Output>" OF("r", "feature=\"rule\"") "</Output>"
      "<Item id=\"i1\" value=\"1\"/><Item id=\"i2\" value=\"20\"/>"
      "<Itemset id=\"s1\"><ItemRef itemRef=\"i1\"/></Itemset>"
      "<Itemset id=\"s2\"><ItemRef itemRef=\"i2\"/></Itemset>"
      "<AssociationRule antecedent=\"s1\" consequent=\"s2\" support=\"1\" "
      "confidence=\"1\"/>"
      "</AssociationModel></PMML>";
  CHECK(d, "sku+01", "r", "{1}->{20}");
  CHECK(d, "sku+1.0", "r", "{1}->{20}");
  CHECK(d, "sku+2", "r", "<missing>");
  CHECK(d, "sku+one", "r", "<missing>");
  CHECK(d, "sku+1,sku+20", "r", "<missing>");
}

/*
** The row style: no group field. Item "beer" names a boolean field,
** "color=red" a field and a category, and the third one says field= and
** category= (and shows its value=). Rules: {beer} -> {color=red},
** {Blue!} -> {beer}.
*/
static const char rows_doc[] =
    HEAD
    "<DataDictionary>"
    "<DataField name=\"beer\" optype=\"categorical\" dataType=\"string\"/>"
    "<DataField name=\"color\" optype=\"categorical\" dataType=\"string\"/>"
    "</DataDictionary>"
    "<AssociationModel functionName=\"associationRules\" "
    "numberOfTransactions=\"1\" minimumSupport=\"0\" minimumConfidence=\"0\" "
    "numberOfItems=\"3\" numberOfItemsets=\"3\" numberOfRules=\"2\">"
    "<MiningSchema><MiningField name=\"beer\"/><MiningField name=\"color\"/>"
    "</MiningSchema>"
    "<Output>" OF("r", "feature=\"rule\" algorithm=\"recommendation\"")
    OF("n", "feature=\"ruleId\" algorithm=\"recommendation\" "
            "isMultiValued=\"true\" rank=\"0\"") "</Output>"
    "<Item id=\"1\" value=\"beer\"/><Item id=\"2\" value=\"color=red\"/>"
    "<Item id=\"3\" value=\"Blue!\" field=\"color\" category=\"blue\"/>"
    "<Itemset id=\"1\"><ItemRef itemRef=\"1\"/></Itemset>"
    "<Itemset id=\"2\"><ItemRef itemRef=\"2\"/></Itemset>"
    "<Itemset id=\"3\"><ItemRef itemRef=\"3\"/></Itemset>"
    "<AssociationRule antecedent=\"1\" consequent=\"2\" support=\"0.5\" "
    "confidence=\"0.5\"/>"
    "<AssociationRule antecedent=\"3\" consequent=\"1\" support=\"0.5\" "
    "confidence=\"0.4\"/>"
    "</AssociationModel></PMML>";

static void
test_row_style(void)
{
  /* beer=true: rule 1 (its antecedent {beer}). color=blue: rule 2. */
  CHECK(rows_doc, "beer=true,color=green", "r", "{beer}->{color=red}");
  CHECK(rows_doc, "beer=false,color=blue", "r", "{Blue!}->{beer}");
  CHECK(rows_doc, "beer=true,color=blue", "n", "1;2");
  CHECK(rows_doc, "beer=false,color=red", "n", "<missing>");
  CHECK(rows_doc, "color=blue", "n", "2");
  CHECK(rows_doc, "beer=maybe", "r",
        "ERR:Item 'beer': field 'beer' is 'maybe', not true or false");
}

/* One rule, without lift; %s: an ItemRef, the consequent. */
#define LIFTLESS                                                             \
  HEAD                                                                       \
  "<DataDictionary>"                                                         \
  "<DataField name=\"t\" optype=\"categorical\" dataType=\"string\"/>"       \
  "<DataField name=\"i\" optype=\"categorical\" dataType=\"string\"/>"       \
  "</DataDictionary>"                                                        \
  "<AssociationModel functionName=\"associationRules\" "                     \
  "numberOfTransactions=\"1\" minimumSupport=\"0\" "                         \
  "minimumConfidence=\"0\" numberOfItems=\"1\" "                             \
  "numberOfItemsets=\"1\" numberOfRules=\"1\">"                              \
  "<MiningSchema><MiningField name=\"t\" usageType=\"group\"/>"              \
  "<MiningField name=\"i\"/></MiningSchema>"                                 \
  "<Output>" OF("x", "feature=\"ruleId\" rankBasis=\"lift\"") "</Output>"    \
  "<Item id=\"1\" value=\"a\"/>"                                             \
  "<Itemset id=\"1\"><ItemRef itemRef=\"1\"/></Itemset>"                     \
  "<Itemset id=\"2\"><ItemRef itemRef=\"%s\"/></Itemset>"                    \
  "<AssociationRule antecedent=\"1\" consequent=\"%s\" support=\"1\" "       \
  "confidence=\"1\"/>"                                                       \
  "</AssociationModel></PMML>"

static void
test_refused(void)
{
  CHECK(BASKET_DOC(OF("x", "feature=\"ruleId\" rank=\"0\"")), "", "x",
        "ERR:OutputField: 'x': rank=\"0\" (every value) needs "
        "isMultiValued=\"true\"");
  CHECK(BASKET_DOC(OF("x", "feature=\"ruleValue\" "
                           "ruleFeature=\"predictedValue\"")),
        "", "x",
        "ERR:OutputField: 'x': this ruleFeature is not one of an "
        "association rule");
  {
    /* A rule without a lift cannot be ranked by lift. */
    char doc[4096];
    snprintf(doc, sizeof doc, LIFTLESS, "1", "2");
    CHECK(doc, "", "x",
          "ERR:AssociationRule: no lift, which OutputField 'x' ranks by "
          "(rankBasis)");
    snprintf(doc, sizeof doc, LIFTLESS, "1", "3");
    CHECK(doc, "", "x",
          "ERR:AssociationRule (line 2): consequent \"3\" is no Itemset");
    snprintf(doc, sizeof doc, LIFTLESS, "9", "2");
    CHECK(doc, "", "x",
          "ERR:ItemRef (Itemset of line 2): no Item has id \"9\"");
  }
  CHECK(HEAD
        "<DataDictionary>"
        "<DataField name=\"beer\" optype=\"categorical\" dataType=\"string\"/>"
        "</DataDictionary>"
        "<AssociationModel functionName=\"associationRules\" "
        "numberOfTransactions=\"1\" minimumSupport=\"0\" "
        "minimumConfidence=\"0\" numberOfItems=\"1\" numberOfItemsets=\"0\" "
        "numberOfRules=\"0\">"
        "<MiningSchema><MiningField name=\"beer\"/></MiningSchema>"
        "<Item id=\"1\" value=\"wine\"/>"
        "</AssociationModel></PMML>",
        "", "x",
        "ERR:Item: value \"wine\" names no field (nor \"field=category\"), "
        "and no field is a group field");
}

static void
test_nomem(void)
{
  check_nomem(basket);
  check_nomem(rows_doc);
}

void add_association_suite(void);

void
add_association_suite(void)
{
  CU_pSuite s = CU_add_suite("association", NULL, NULL);
  CU_add_test(s, "algorithms, ranks and features", test_algorithms);
  CU_add_test(s, "transactions", test_transactions);
  CU_add_test(s, "input roles", test_roles);
  CU_add_test(s, "numeric items", test_numeric_items);
  CU_add_test(s, "row style", test_row_style);
  CU_add_test(s, "refused documents", test_refused);
  CU_add_test(s, "allocation failure at every step", test_nomem);
}
