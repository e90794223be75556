/*
** test_mem.c: the compact storage of trees and forests (issue 7). A flat
** forest replaces its trees' own nodes and the predicates it compiled;
** tree nodes share rows of class probabilities; ScoreDistributions and
** nodes stay outside the arena until resolve has used them. Each document
** is scored twice, as loaded for scoring and with PMML_LOAD_RESOLVE_ALL
** (which keeps every tree whole): every output of every record is the
** same text. Expected values are worked out by hand in the comments.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "support.h"

#define HEAD "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
#define SCHEMA_XSY                                                           \
  "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"s\"/>"         \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
#define SCHEMA_XY                                                            \
  "<MiningSchema><MiningField name=\"x\"/>"                                  \
  "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>\n"
#define DIST(a, b)                                                           \
  "<ScoreDistribution value=\"a\" recordCount=\"" a "\"/>"                   \
  "<ScoreDistribution value=\"b\" recordCount=\"" b "\"/>"

/*
** A random forest of three classification trees, averaged. Tree 2 tests a
** string (not compiled: its predicate stays), tree 3 a CompoundPredicate
** (the same, with its two children).
**   x=1 s=red:  T1 x<2 (3,1) .75/.25; T2 s=red (3,1); T3 not (1<x<3),
**               True (3,1): a .75, b .25 -> a
**   x=2.5 s=blue: T1 (1,1) .5/.5; T2 True (0,4) 0/1; T3 1<x<3 (2,2)
**               .5/.5: a 1/3, b 2/3 -> b
**   x=? s=red:  T1 none of its children is true (unknown, strategy
**               none): no prediction, and so none for the average
**               (compared both ways only)
*/
static const char forest[] =
    HEAD
    "<DataDictionary>"
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
    "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"
    "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\">"
    "<Value value=\"a\"/><Value value=\"b\"/></DataField>"
    "</DataDictionary>\n"
    "<MiningModel functionName=\"classification\">" SCHEMA_XSY
    "<Output><OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"
    "<OutputField name=\"pb\" feature=\"probability\" value=\"b\"/>"
    "</Output>\n"
    "<Segmentation multipleModelMethod=\"average\">\n"
    "<Segment id=\"1\"><True/>"
    "<TreeModel functionName=\"classification\">" SCHEMA_XSY
    "<Node><True/>\n"
    "<Node score=\"a\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
    "value=\"2\"/>" DIST("3", "1") "</Node>\n"
    "<Node score=\"a\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"2\"/>" DIST("1", "1") "</Node>\n"
    "</Node></TreeModel></Segment>\n"
    "<Segment id=\"2\"><True/>"
    "<TreeModel functionName=\"classification\">" SCHEMA_XSY
    "<Node><True/>\n"
    "<Node score=\"a\"><SimplePredicate field=\"s\" operator=\"equal\" "
    "value=\"red\"/>" DIST("3", "1") "</Node>\n"
    "<Node score=\"b\"><True/>" DIST("0", "4") "</Node>\n"
    "</Node></TreeModel></Segment>\n"
    "<Segment id=\"3\"><True/>"
    "<TreeModel functionName=\"classification\">" SCHEMA_XSY
    "<Node><True/>\n"
    "<Node score=\"a\"><CompoundPredicate booleanOperator=\"and\">"
    "<SimplePredicate field=\"x\" operator=\"greaterThan\" value=\"1\"/>"
    "<SimplePredicate field=\"x\" operator=\"lessThan\" value=\"3\"/>"
    "</CompoundPredicate>" DIST("2", "2") "</Node>\n"
    "<Node score=\"a\"><True/>" DIST("3", "1") "</Node>\n"
    "</Node></TreeModel></Segment>\n"
    "</Segmentation></MiningModel></PMML>\n";

/*
** A regression forest (sum) whose trees go to their defaultChild on a
** missing value; the second tree's root has none (line 10).
**   x=1: T1 x<2 -> 1, T2 x<5 -> 100: 101
**   x=7: 10 + 1000 = 1010
**   x=?: T1 takes defaultChild "L" (1); T2 fails the record
*/
static const char sum_default[] =
    HEAD
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
    "dataType=\"double\"/><DataField name=\"y\" optype=\"continuous\" "
    "dataType=\"double\"/></DataDictionary>\n"
    "<MiningModel functionName=\"regression\">" SCHEMA_XY
    "<Segmentation multipleModelMethod=\"sum\">\n"
    "<Segment><True/><TreeModel functionName=\"regression\" "
    "missingValueStrategy=\"defaultChild\">" SCHEMA_XY
    "<Node defaultChild=\"L\"><True/>\n"
    "<Node id=\"L\" score=\"1\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"2\"/></Node>\n"
    "<Node id=\"R\" score=\"10\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"2\"/></Node></Node></TreeModel>"
    "</Segment>\n"
    "<Segment><True/><TreeModel functionName=\"regression\" "
    "missingValueStrategy=\"defaultChild\">" SCHEMA_XY
    "<Node><True/>\n"
    "<Node score=\"100\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"5\"/></Node>\n"
    "<Node score=\"1000\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"5\"/></Node></Node></TreeModel>"
    "</Segment>\n"
    "</Segmentation></MiningModel></PMML>\n";

/*
** selectFirst over a regression forest (x >= 0) and a lone tree (True),
** whose predicates come after the forest's in the document: they are
** renumbered when the forest's go.
**   x=1: 1 + 100 = 101;  x=3: 10 + 100 = 110
**   x=-10: the lone tree, x < -5: -1;  x=-1: -2
*/
static const char select_first[] =
    HEAD
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
    "dataType=\"double\"/><DataField name=\"y\" optype=\"continuous\" "
    "dataType=\"double\"/></DataDictionary>\n"
    "<MiningModel functionName=\"regression\">" SCHEMA_XY
    "<Segmentation multipleModelMethod=\"selectFirst\">\n"
    "<Segment id=\"f\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"0\"/>"
    "<MiningModel functionName=\"regression\">" SCHEMA_XY
    "<Segmentation multipleModelMethod=\"sum\">\n"
    "<Segment><True/><TreeModel functionName=\"regression\">" SCHEMA_XY
    "<Node><True/><Node score=\"1\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"2\"/></Node>"
    "<Node score=\"10\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"2\"/></Node></Node></TreeModel>"
    "</Segment>\n"
    "<Segment><True/><TreeModel functionName=\"regression\">" SCHEMA_XY
    "<Node><True/><Node score=\"100\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"5\"/></Node>"
    "<Node score=\"1000\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"5\"/></Node></Node></TreeModel>"
    "</Segment>\n"
    "</Segmentation></MiningModel></Segment>\n"
    "<Segment id=\"t\"><True/><TreeModel functionName=\"regression\">"
    SCHEMA_XY
    "<Node><True/><Node score=\"-1\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"-5\"/></Node>"
    "<Node score=\"-2\"><SimplePredicate field=\"x\" "
    "operator=\"greaterOrEqual\" value=\"-5\"/></Node></Node></TreeModel>"
    "</Segment>\n"
    "</Segmentation></MiningModel></PMML>\n";

/*
** One classification tree with node ids and confidences: the leaves n1
** and n3 have the same distribution (they share a row), n2 gives
** confidences of its own.
**   x=1: n1, a 3/4 (confidence = probability), entityId n1
**   x=5: n2, probability a .25 b .75, confidence b .5
**   x=9: n3, like n1
*/
static const char lone_tree[] =
    HEAD
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
    "dataType=\"double\"/><DataField name=\"y\" optype=\"categorical\" "
    "dataType=\"string\"><Value value=\"a\"/><Value value=\"b\"/>"
    "</DataField></DataDictionary>\n"
    "<TreeModel functionName=\"classification\">" SCHEMA_XY
    "<Output><OutputField name=\"id\" feature=\"entityId\"/>"
    "<OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"
    "<OutputField name=\"cb\" feature=\"confidence\" value=\"b\"/>"
    "</Output>\n"
    "<Node id=\"r\"><True/>\n"
    "<Node id=\"n1\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
    "value=\"2\"/>" DIST("3", "1") "</Node>\n"
    "<Node id=\"n2\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
    "value=\"8\"/>"
    "<ScoreDistribution value=\"a\" recordCount=\"1\" confidence=\"0.25\"/>"
    "<ScoreDistribution value=\"b\" recordCount=\"3\" confidence=\"0.5\"/>"
    "</Node>\n"
    "<Node id=\"n3\"><True/>" DIST("6", "2") "</Node>\n"
    "</Node></TreeModel></PMML>\n";

/*
** A regression forest whose tree scores a string: taken for the flat forest
** before resolve (the scores' types unknown), walked by itself after all.
**   x=5: the True leaf, 3;  x=1: "abc" is no number for the average
*/
static const char not_numeric[] =
    HEAD
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
    "dataType=\"double\"/><DataField name=\"y\" optype=\"categorical\" "
    "dataType=\"string\"/></DataDictionary>\n"
    "<MiningModel functionName=\"regression\">" SCHEMA_XY
    "<Segmentation multipleModelMethod=\"average\">\n"
    "<Segment><True/><TreeModel functionName=\"regression\">" SCHEMA_XY
    "<Node><True/><Node score=\"abc\"><SimplePredicate field=\"x\" "
    "operator=\"lessThan\" value=\"2\"/></Node>"
    "<Node score=\"3\"><True/></Node></Node></TreeModel></Segment>\n"
    "</Segmentation></MiningModel></PMML>\n";

/* Every output of the records in 'inputs' (as score() takes them, a record
** per ';'), loaded with 'flags', as one text. */
static char *
outputs(const char *doc, unsigned flags, const char *const *inputs, int n)
{
  pmml_load_options opt;
  pmml_model *m = NULL;
  pmml_ctx *c = NULL;
  pmml_error e;
  size_t cap = 8192, len = 0, i;
  char *out = malloc(cap);
  int r;
  CU_ASSERT_PTR_NOT_NULL_FATAL(out);
  out[0] = '\0';
  pmml_load_options_init(&opt);
  opt.flags = flags;
  if (pmml_model_load_memory(doc, strlen(doc), &opt, &m, &e) != PMML_OK) {
    snprintf(out, cap, "ERR:%s", e.message);
    return out;
  }
  CU_ASSERT_FATAL(pmml_ctx_new(m, &c) == PMML_OK);
  for (r = 0; r < n; r++) {
    char buf[256], *p, *save = NULL;
    pmml_ctx_clear(c);
    snprintf(buf, sizeof buf, "%s", inputs[r]);
    for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
      char *eq = strchr(p, '=');
      long idx;
      if (!eq)
        continue;
      *eq = '\0';
      idx = pmml_model_input_index(m, p);
      if (idx < 0)
        continue;
      if (!strcmp(eq + 1, "?"))
        pmml_ctx_set_missing(c, (size_t)idx);
      else
        pmml_ctx_set_text(c, (size_t)idx, eq + 1, strlen(eq + 1));
    }
    if (pmml_score(c, &e) != PMML_OK) {
      len += (size_t)snprintf(out + len, cap - len, "ERR:%s;", e.message);
      continue;
    }
    for (i = 0; i < pmml_model_output_count(m); i++) {
      pmml_value v;
      char val[128];
      pmml_ctx_output(c, i, &v);
      if (v.kind == PMML_MISSING)
        snprintf(val, sizeof val, "<missing>");
      else
        pmml_value_format(&v, val, sizeof val);
      len += (size_t)snprintf(out + len, cap - len, "%s=%s,",
                              pmml_model_output_name(m, i), val);
    }
    len += (size_t)snprintf(out + len, cap - len, ";");
    CU_ASSERT_FATAL(len < cap);
  }
  pmml_ctx_free(c);
  pmml_model_free(m);
  return out;
}

/* The same outputs loaded for scoring (compact) and for checking (whole). */
static void
same_both_ways(const char *doc, const char *const *inputs, int n)
{
  char *a = outputs(doc, 0, inputs, n);
  char *b = outputs(doc, PMML_LOAD_RESOLVE_ALL, inputs, n);
  if (strcmp(a, b) != 0)
    fprintf(stderr, "\n  compact: %s\n  whole:   %s\n", a, b);
  CU_ASSERT_STRING_EQUAL(a, b);
  CU_ASSERT(strncmp(a, "ERR:", 4) != 0);
  free(a);
  free(b);
}

static pmml_model *
load(const char *doc, unsigned flags)
{
  pmml_load_options opt;
  pmml_model *m = NULL;
  pmml_error e;
  pmml_load_options_init(&opt);
  opt.flags = flags;
  if (pmml_model_load_memory(doc, strlen(doc), &opt, &m, &e) != PMML_OK)
    fprintf(stderr, "\n  load: %s\n", e.message);
  return m;
}

static void
test_forest_scores(void)
{
  static const char *const in[] = {"x=1,s=red", "x=2.5,s=blue", "x=?,s=red",
                                   "x=7,s=?"};
  CHECKN(forest, "x=1,s=red", "pa", 0.75);
  CHECKN(forest, "x=1,s=red", "pb", 0.25);
  CHECK(forest, "x=1,s=red", "y", "a");
  CHECKN(forest, "x=2.5,s=blue", "pa", 1.0 / 3);
  CHECKN(forest, "x=2.5,s=blue", "pb", 2.0 / 3);
  CHECK(forest, "x=2.5,s=blue", "y", "b");
  same_both_ways(forest, in, 4);
  check_nomem(forest);
}

/* What stays of a forest's trees: no nodes, only the predicates it could
** not compile (and the segments'), renumbered. */
static void
test_forest_storage(void)
{
  pmml_model *m = load(forest, 0), *w = load(forest, PMML_LOAD_RESOLVE_ALL);
  const pm_mining *mn;
  const pm_forest *f;
  int32_t s, i, n_other = 0;
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  mn = m->top->body;
  f = mn->forest;
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  CU_ASSERT_EQUAL(f->n_nodes, 9);
  for (s = 0; s < mn->n_segs; s++) {
    const pm_tree *t = m->models[mn->segs[s].model]->body;
    const pm_tree *tw = w->models[mn->segs[s].model]->body;
    CU_ASSERT_PTR_NULL(t->nodes);
    CU_ASSERT_PTR_NULL(t->step);
    CU_ASSERT_PTR_NULL(t->dists);
    CU_ASSERT_PTR_NOT_NULL(tw->nodes);
    CU_ASSERT_PTR_NOT_NULL(tw->dists);
    CU_ASSERT_EQUAL(t->n_nodes, 3);
  }
  /* Whole: 3 segments' True, and per tree root + children (3, 3, 5). */
  CU_ASSERT_EQUAL(w->n_preds, 14);
  /* Compact: the segments', tree 2's string test, tree 3's compound and
  ** its two children. */
  CU_ASSERT_EQUAL(m->n_preds, 7);
  for (i = 0; i < f->n_nodes; i++) {
    const pm_pred *p;
    if (f->nodes[i].op != PM_FOP_OTHER) {
      CU_ASSERT_EQUAL(f->pred[i], -1);
      continue;
    }
    n_other++;
    CU_ASSERT_FATAL(f->pred[i] >= 0 && f->pred[i] < m->n_preds);
    p = &m->preds[f->pred[i]];
    if (p->kind == PM_P_SIMPLE) {
      CU_ASSERT_STRING_EQUAL(pmmlS_str(&m->strs, p->name), "s");
    } else {
      int32_t k;
      CU_ASSERT_EQUAL(p->kind, PM_P_COMPOUND);
      CU_ASSERT_EQUAL(p->n, 2);
      for (k = 0; k < p->n; k++) {
        const pm_pred *kid = &m->preds[m->args[p->first + k]];
        CU_ASSERT_EQUAL(kid->kind, PM_P_SIMPLE);
        CU_ASSERT_STRING_EQUAL(pmmlS_str(&m->strs, kid->name), "x");
        CU_ASSERT_EQUAL(kid->op, k == 0 ? PM_OP_GT : PM_OP_LT);
      }
    }
  }
  CU_ASSERT_EQUAL(n_other, 2);
  for (s = 0; s < mn->n_segs; s++)
    CU_ASSERT_EQUAL(m->preds[mn->segs[s].pred].kind, PM_P_TRUE);
  /* Tree 1's rows: the zero row, (.75, .25) and (.5, .5); confidences
  ** are the probabilities. */
  {
    const pm_tree *t = m->models[mn->segs[0].model]->body;
    CU_ASSERT_EQUAL(t->n_rows, 3);
    CU_ASSERT_PTR_EQUAL(t->conf, t->prob);
    CU_ASSERT_EQUAL(t->row[0], 0);
    CU_ASSERT_EQUAL(pm_tree_prob(t, 1, 2)[0], 0.75);
    CU_ASSERT_EQUAL(pm_tree_prob(t, 2, 2)[1], 0.5);
  }
  CU_ASSERT(pmml_model_memory(m) <= pmml_model_memory(w));
  pmml_model_free(m);
  pmml_model_free(w);
}

static void
test_forest_default_child(void)
{
  static const char *const in[] = {"x=1", "x=7", "x=?"};
  CHECK(sum_default, "x=1", "y", "101");
  CHECK(sum_default, "x=7", "y", "1010");
  CHECK(sum_default, "x=?", "y",
        "ERR:TreeModel: a value is missing at the Node of line 10, which has "
        "no defaultChild");
  same_both_ways(sum_default, in, 3);
  check_nomem(sum_default);
}

static void
test_renumbered(void)
{
  static const char *const in[] = {"x=1", "x=3", "x=-10", "x=-1", "x=?"};
  pmml_model *m;
  const pm_mining *mn;
  const pm_tree *t;
  CHECK(select_first, "x=1", "y", "101");
  CHECK(select_first, "x=3", "y", "110");
  CHECK(select_first, "x=-10", "y", "-1");
  CHECK(select_first, "x=-1", "y", "-2");
  same_both_ways(select_first, in, 5);
  check_nomem(select_first);
  /* The lone tree keeps its nodes, their predicates renumbered past the
  ** forest's (the segments' 4, the lone tree's 3). */
  m = load(select_first, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_EQUAL(m->n_preds, 7);
  mn = m->top->body;
  t = m->models[mn->segs[1].model]->body;
  CU_ASSERT_PTR_NOT_NULL_FATAL(t->nodes);
  CU_ASSERT_EQUAL(m->preds[t->nodes[0].pred].kind, PM_P_TRUE);
  CU_ASSERT_EQUAL(m->preds[t->nodes[1].pred].op, PM_OP_LT);
  CU_ASSERT_EQUAL(m->preds[t->nodes[1].pred].v.num, -5.0);
  CU_ASSERT_EQUAL(m->preds[t->nodes[2].pred].op, PM_OP_GE);
  CU_ASSERT_EQUAL(m->preds[mn->segs[0].pred].op, PM_OP_GE);
  CU_ASSERT_EQUAL(m->preds[mn->segs[0].pred].v.num, 0.0);
  pmml_model_free(m);
}

static void
test_lone_tree(void)
{
  static const char *const in[] = {"x=1", "x=5", "x=9", "x=?"};
  pmml_model *m;
  const pm_tree *t;
  CHECK(lone_tree, "x=1", "id", "n1");
  CHECKN(lone_tree, "x=1", "pa", 0.75);
  CHECKN(lone_tree, "x=1", "cb", 0.25);
  CHECK(lone_tree, "x=5", "id", "n2");
  CHECKN(lone_tree, "x=5", "pa", 0.25);
  CHECKN(lone_tree, "x=5", "cb", 0.5);
  CHECK(lone_tree, "x=5", "y", "b");
  CHECK(lone_tree, "x=9", "id", "n3");
  CHECKN(lone_tree, "x=9", "pa", 0.75);
  same_both_ways(lone_tree, in, 4);
  check_nomem(lone_tree);
  m = load(lone_tree, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  t = m->top->body;
  /* n1 and n3 share a row; n2's confidences differ from its
  ** probabilities, so conf is a table of its own. */
  CU_ASSERT_EQUAL(t->n_rows, 3);
  CU_ASSERT_EQUAL(t->row[1], t->row[3]);
  CU_ASSERT_PTR_NOT_EQUAL(t->conf, t->prob);
  CU_ASSERT_EQUAL(pm_tree_conf(t, 2, 2)[1], 0.5);
  CU_ASSERT_EQUAL(pm_tree_prob(t, 2, 2)[1], 0.75);
  CU_ASSERT_PTR_NULL(t->dists); /* dropped once resolved */
  CU_ASSERT_PTR_NOT_NULL(t->step);
  pmml_model_free(m);
}

static void
test_forest_fallback(void)
{
  static const char *const in[] = {"x=5", "x=1"};
  pmml_model *m;
  const pm_tree *t;
  CHECK(not_numeric, "x=5", "y", "3");
  CHECK(not_numeric, "x=1", "y",
        "ERR:MiningModel: the prediction of Segment '1' is not a number");
  same_both_ways(not_numeric, in, 1);
  check_nomem(not_numeric);
  m = load(not_numeric, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_PTR_NULL(((const pm_mining *)m->top->body)->forest);
  t = m->models[((const pm_mining *)m->top->body)->segs[0].model]->body;
  CU_ASSERT_EQUAL(t->in_forest, 0);
  CU_ASSERT_PTR_NOT_NULL(t->nodes);
  CU_ASSERT_PTR_NOT_NULL(t->step);
  pmml_model_free(m);
}

/* A big allocation that does not fit the current block gets a block of its
** own size (it used to get 16 KB, most of it never used), and the current
** block's room stays in use. */
static void
test_arena_big(void)
{
  pm_arena a;
  pmmlM_arena_init(&a, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL(pmmlM_alloc(&a, 100));
  CU_ASSERT_EQUAL(a.total, 16384);
  CU_ASSERT_PTR_NOT_NULL(pmmlM_alloc(&a, 16000)); /* 256 bytes left */
  CU_ASSERT_EQUAL(a.total, 16384);
  CU_ASSERT_PTR_NOT_NULL(pmmlM_alloc(&a, 5000));
  CU_ASSERT(a.total >= 16384 + 5008 && a.total <= 16384 + 5008 + 64);
  CU_ASSERT_PTR_NOT_NULL(pmmlM_alloc(&a, 200));
  CU_ASSERT(a.total <= 16384 + 5008 + 64);
  pmmlM_arena_free(&a);
  CU_ASSERT_EQUAL(a.total, 0);
}

void add_mem_suite(void);

void
add_mem_suite(void)
{
  CU_pSuite s = CU_add_suite("mem", NULL, NULL);
  CU_add_test(s, "forest scores", test_forest_scores);
  CU_add_test(s, "forest storage", test_forest_storage);
  CU_add_test(s, "forest defaultChild", test_forest_default_child);
  CU_add_test(s, "predicates renumbered", test_renumbered);
  CU_add_test(s, "lone tree rows and ids", test_lone_tree);
  CU_add_test(s, "forest after all not", test_forest_fallback);
  CU_add_test(s, "arena big blocks", test_arena_big);
}
