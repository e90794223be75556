/*
** test_hostile.c: documents written to break the reader, checked at the
** level of the IR. A tree cannot hold a cycle: random trees whose Nodes
** name any Node at all as their defaultChild (ancestors, themselves,
** cousins) either load with every link pointing forward, or are refused
** with the Node named. The documents of testdata/errors check the messages
** of the other refusals (DTDs, NaN, duplicated names...).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pmml_int.h"

/* A growing text buffer. */
typedef struct text {
  char *s;
  size_t len, cap;
} text;

static void
put(text *t, const char *fmt, ...) PM_PRINTF(2, 3);

static void
put(text *t, const char *fmt, ...)
{
  va_list ap;
  int n;
  for (;;) {
    va_start(ap, fmt);
    n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0,
                  fmt, ap);
    va_end(ap);
    if (n >= 0 && t->s && (size_t)n < t->cap - t->len)
      break;
    t->cap = t->cap * 2 + (size_t)n + 256;
    t->s = realloc(t->s, t->cap);
    if (!t->s)
      abort();
  }
  t->len += (size_t)n;
}

/* Deterministic xorshift. */
static uint32_t
rnd(uint32_t *st)
{
  *st ^= *st << 13;
  *st ^= *st >> 17;
  *st ^= *st << 5;
  return *st;
}

/* Write node k (of n; parents chosen at random among earlier nodes) and
** its subtree. parent[] says who hangs under whom. */
static void
write_node(text *t, const int *parent, const int *deflt, int n, int k)
{
  int c;
  put(t, "<Node id=\"n%d\" score=\"%d\"", k, k);
  if (deflt[k] >= 0)
    put(t, " defaultChild=\"n%d\"", deflt[k]);
  put(t, ">");
  if (k == 0)
    put(t, "<True/>");
  else
    put(t, "<SimplePredicate field=\"x\" operator=\"lessThan\" "
           "value=\"%d\"/>", k);
  for (c = k + 1; c < n; c++)
    if (parent[c] == k)
      write_node(t, parent, deflt, n, c);
  put(t, "</Node>\n");
}

/*
** Every link of the loaded tree points forward: a node's children follow
** it (breadth-first layout), and its defaultChild is one of them. A walk
** from the root therefore visits increasing indices and ends within
** n_nodes steps, whatever the document says.
*/
static int
links_forward(const pm_tree *t)
{
  int32_t i;
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    if (nd->n_kids == 0) {
      if (nd->deflt != -1)
        return 0;
      continue;
    }
    if (nd->first <= i || nd->first + nd->n_kids > t->n_nodes)
      return 0;
    if (nd->deflt != -1 &&
        (nd->deflt < nd->first || nd->deflt >= nd->first + nd->n_kids))
      return 0;
  }
  return 1;
}

static void
test_tree_no_cycle(void)
{
  uint32_t st = 12345;
  int round, loaded = 0, refused = 0;
  for (round = 0; round < 300; round++) {
    int n = 1 + (int)(rnd(&st) % 60), k;
    int *parent = malloc((size_t)n * sizeof *parent);
    int *deflt = malloc((size_t)n * sizeof *deflt);
    text t = {NULL, 0, 0};
    pmml_model *m = NULL;
    pmml_error e;
    pmml_status s;
    CU_ASSERT_PTR_NOT_NULL_FATAL(parent);
    CU_ASSERT_PTR_NOT_NULL_FATAL(deflt);
    for (k = 0; k < n; k++) {
      parent[k] = k ? (int)(rnd(&st) % (uint32_t)k) : -1;
      deflt[k] = -1;
    }
    /* Half the rounds name any node, half only real children (most of
    ** those load). */
    for (k = 0; k < n; k++) {
      if (rnd(&st) % 2)
        continue;
      if (round % 2) {
        deflt[k] = (int)(rnd(&st) % (uint32_t)n);
      } else {
        int c;
        for (c = k + 1; c < n; c++)
          if (parent[c] == k && rnd(&st) % 2) {
            deflt[k] = c;
            break;
          }
      }
    }
    put(&t, "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"
            "<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
            "dataType=\"double\"/><DataField name=\"y\" optype=\"continuous\""
            " dataType=\"double\"/></DataDictionary>\n"
            "<TreeModel functionName=\"regression\" "
            "missingValueStrategy=\"defaultChild\"><MiningSchema>"
            "<MiningField name=\"x\"/><MiningField name=\"y\" "
            "usageType=\"target\"/></MiningSchema>\n");
    write_node(&t, parent, deflt, n, 0);
    put(&t, "</TreeModel></PMML>\n");
    s = pmml_model_load_memory(t.s, t.len, NULL, &m, &e);
    if (s == PMML_OK) {
      pmml_ctx *c = NULL;
      loaded++;
      CU_ASSERT_EQUAL(m->top->family, PM_FAM_TREE);
      CU_ASSERT(links_forward(m->top->body));
      /* x missing: the walk follows defaultChild links, and ends. */
      CU_ASSERT_EQUAL_FATAL(pmml_ctx_new(m, &c), PMML_OK);
      (void)pmml_score(c, &e);
      pmml_ctx_set_number(c, 0, 0.5);
      CU_ASSERT_EQUAL(pmml_score(c, &e), PMML_OK);
      pmml_ctx_free(c);
      pmml_model_free(m);
    } else {
      refused++;
      CU_ASSERT_EQUAL(s, PMML_E_REFERENCE);
      CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "is not one of its children"));
    }
    free(t.s);
    free(parent);
    free(deflt);
  }
  CU_ASSERT(loaded > 50);
  CU_ASSERT(refused > 50);
}

void add_hostile_suite(void);

void
add_hostile_suite(void)
{
  CU_pSuite s = CU_add_suite("hostile", NULL, NULL);
  CU_add_test(s, "no tree holds a cycle", test_tree_no_cycle);
}
