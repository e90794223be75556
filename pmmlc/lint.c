/*
** lint.c: the checks of `pmmlc check` beyond the schema and the reader.
** From the tree: every construct pmmlc cannot score yet, found with the
** reader's own element tables (so the list is what loading would refuse,
** all of it, not only the first), and the quirks of known exporters. From
** the loaded model (the IR, resolved with PMML_LOAD_RESOLVE_ALL): names
** defined twice or hidden, types that cannot work, probabilities, counts
** and weights that are not sane, references the resolver does not follow.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pmmlc.h"

/* ------------------------------------------------------------------------ */
/* The tree                                                                 */

typedef struct walker {
  checked *c;
  diag_list *d;
  int model_seen;      /* a top-level model has been met */
} walker;

static const char *
attr(xmlNodePtr n, const char *name, char *buf, size_t size)
{
  xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
  if (!v)
    return NULL;
  snprintf(buf, size, "%s", (const char *)v);
  xmlFree(v);
  return buf;
}

static void
tree_diag(walker *w, xmlNodePtr n, int kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void
tree_diag(walker *w, xmlNodePtr n, int kind, const char *fmt, ...)
{
  unsigned long line, col;
  char msg[1024];
  va_list ap;
  node_pos(w->c, n, &line, &col);
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  diag_add(w->d, kind, line, col, (const char *)n->name, "%s", msg);
}

/* The elements of a model's head (PMML 4.4 puts Output among them). */
static int
head_element(const char *name)
{
  static const char *const head[] = {
    "Extension", "MiningSchema", "Output", "ModelStats", "ModelExplanation",
    "Targets", "LocalTransformations", "ModelVerification", NULL};
  int i;
  for (i = 0; head[i]; i++)
    if (!strcmp(name, head[i]))
      return 1;
  return 0;
}

/* A model element: quirks of its layout. */
static void
model_quirks(walker *w, xmlNodePtr model)
{
  xmlNodePtr k;
  int body = 0;
  for (k = model->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE || !is_pmml(w->c, k))
      continue;
    if (!head_element((const char *)k->name))
      body = 1;
    else if (body && !strcmp((const char *)k->name, "Output"))
      tree_diag(w, k, D_QUIRK,
                "Output: after the body of the %s (the R pmml package "
                "writes it there; PMML puts it before)",
                (const char *)model->name);
  }
}

/* An OutputField: a feature this family cannot produce, a missing
** dataType. */
static void
outputfield(walker *w, xmlNodePtr n, int family, int function)
{
  char feat[64], name[256], dt[8];
  int f;
  if (!attr(n, "feature", feat, sizeof feat))
    snprintf(feat, sizeof feat, "predictedValue");
  if (!attr(n, "name", name, sizeof name))
    name[0] = '\0';
  for (f = 0; f < PM_FEAT_COUNT; f++)
    if (!strcmp(feat, pmmlR_feature_names[f]))
      break;
  if (f < PM_FEAT_COUNT && family >= 0 &&
      !pmmlR_feature_supported(family, function, f))
    tree_diag(w, n, D_UNSUPP,
              "OutputField: feature=\"%s\" of '%s' is not supported for %s "
              "%s",
              feat, name,
              function == PM_FN_CLASSIFICATION ? "a classification" : "a",
              pmmlL_families[family]->element);
  if (!attr(n, "dataType", dt, sizeof dt) && w->c->version >= 43)
    tree_diag(w, n, D_QUIRK,
              "OutputField '%s': no dataType (required since PMML 4.3; "
              "pmmlc infers it from feature=\"%s\")",
              name, feat);
}

/*
** Walk the tree as the reader would: each element is looked up in its
** parent's table; one that PMML knows but the tables do not hold, or whose
** row refuses it (PM_EL_UNSUPP), is a construct pmmlc cannot score yet.
** The inside of such a construct is not looked at.
*/
static void
walk(walker *w, xmlNodePtr node, const pm_elem *el, int depth, int family,
     int function)
{
  xmlNodePtr k;
  for (k = node->children; k; k = k->next) {
    const char *local = (const char *)k->name;
    const pm_elem *ce;
    int fam = family, fn = function;
    char buf[64];
    if (k->type != XML_ELEMENT_NODE)
      continue;
    if (el->flags & PM_EL_ANYNS) {
      if (is_pmml(w->c, k) && !strcmp(local, "Extension"))
        continue;
      ce = pmmlL_lookup(el->children, "*");
    } else {
      if (!is_pmml(w->c, k))
        continue;
      ce = pmmlL_lookup(el->children, local);
      if (!ce || !strcmp(ce->name, "*"))
        ce = pmmlL_lookup(pmmlL_skip_elems, local);
    }
    if (!ce) {
      /* Unknown names are the schema's to report. */
      if (pmmlL_known_element(local))
        tree_diag(w, k, D_UNSUPP, "<%s> inside <%s> is not supported",
                  local, el->name);
      continue;
    }
    if (ce->flags & PM_EL_SKIP)
      continue;
    if (ce->flags & PM_EL_UNSUPP) {
      if (!strcmp(local, "TableLocator"))
        tree_diag(w, k, D_UNSUPP,
                  "TableLocator (a table outside the document) is not "
                  "supported");
      else if (!strcmp(el->name, "Node"))
        tree_diag(w, k, D_UNSUPP,
                  "a model embedded in a Node (<%s>) is not supported",
                  local);
      else
        tree_diag(w, k, D_UNSUPP, "%s is not supported", local);
      continue;
    }
    if (ce->flags & PM_EL_MODEL(0)) {
      if (depth == 1 && w->model_seen) {
        tree_diag(w, k, D_WARN,
                  "%s: a second model in the document; only the first is "
                  "scored",
                  local);
        continue;
      }
      if (depth == 1)
        w->model_seen = 1;
      fam = PM_EL_FAMILY(ce->flags);
      fn = attr(k, "functionName", buf, sizeof buf) &&
                   !strcmp(buf, "classification")
               ? PM_FN_CLASSIFICATION
               : PM_FN_REGRESSION;
      model_quirks(w, k);
    }
    if (!strcmp(local, "OutputField"))
      outputfield(w, k, family, function);
    if (!strcmp(local, "NormDiscrete") &&
        attr(k, "method", buf, sizeof buf) && strcmp(buf, "indicator"))
      tree_diag(w, k, D_UNSUPP,
                "NormDiscrete: method=\"%s\" is not supported", buf);
    walk(w, k, ce, depth + 1, fam, fn);
  }
}

void
lint_tree(checked *c, diag_list *d)
{
  xmlNodePtr root = xmlDocGetRootElement(c->doc);
  walker w;
  if (!root || !is_pmml(c, root) || strcmp((const char *)root->name, "PMML"))
    return;
  memset(&w, 0, sizeof w);
  w.c = c;
  w.d = d;
  if (c->ns_version && c->version && c->ns_version != c->version)
    tree_diag(&w, root, D_QUIRK,
              "PMML: version=\"%d.%d\" in the namespace of PMML %d.%d",
              c->version / 10, c->version % 10, c->ns_version / 10,
              c->ns_version % 10);
  walk(&w, root, &pmmlL_root_elem, 1, -1, 0);
}

/* ------------------------------------------------------------------------ */
/* The loaded model                                                         */

typedef struct linter {
  checked *c;
  diag_list *d;
  const pmml_model *m;
} linter;

static void
ir_diag(linter *l, int kind, uint32_t line, const char *elem,
        const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void
ir_diag(linter *l, int kind, uint32_t line, const char *elem,
        const char *fmt, ...)
{
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  diag_add(l->d, kind, line, tags_column(&l->c->tags, line, elem), elem,
           "%s", msg);
}

/* The same at the nth 'elem' from line 'from' on (elements the IR keeps
** no line for: Target, RegressionTable, ScoreDistribution...); at 'from'
** when it cannot be found. */
static void
nth_diag(linter *l, int kind, uint32_t from, const char *elem, size_t nth,
         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void
nth_diag(linter *l, int kind, uint32_t from, const char *elem, size_t nth,
         const char *fmt, ...)
{
  char msg[1024];
  unsigned long line, col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  line = tags_nth_after(&l->c->tags, from, elem, nth, &col);
  if (!line) {
    line = from;
    col = 0;
  }
  diag_add(l->d, kind, line, col, elem, "%s", msg);
}

#define NAME(l, id) ((id) >= 0 ? pmmlS_str(&(l)->m->strs, (id)) : "")

/* A name and where it is defined, for finding duplicates. */
typedef struct named {
  int32_t name;
  uint32_t line;
  size_t order;
} named;

static int
by_name(const void *a, const void *b)
{
  const named *x = a, *y = b;
  if (x->name != y->name)
    return x->name < y->name ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Report names defined more than once among v[0..n) (sorted here). */
static void
duplicates(linter *l, named *v, size_t n, const char *elem, const char *what)
{
  size_t i;
  qsort(v, n, sizeof *v, by_name);
  for (i = 1; i < n; i++)
    if (v[i].name >= 0 && v[i].name == v[i - 1].name) {
      size_t first = i - 1;
      while (first > 0 && v[first - 1].name == v[i].name)
        first--;
      ir_diag(l, D_ERROR, v[i].line, elem,
              "%s '%s' is defined twice in %s (first at line %lu)", elem,
              NAME(l, v[i].name), what, (unsigned long)v[first].line);
    }
}

static named *
names_new(size_t n)
{
  return calloc(n ? n : 1, sizeof(named));
}

/* Names defined twice, and names that hide others. */
static void
lint_names(linter *l)
{
  const pmml_model *m = l->m;
  named *v;
  int32_t i, k, j;
  v = names_new((size_t)m->n_df);
  if (v) {
    for (i = 0; i < m->n_df; i++) {
      v[i].name = m->df[i].name;
      v[i].line = m->df[i].line;
      v[i].order = (size_t)i;
    }
    duplicates(l, v, (size_t)m->n_df, "DataField", "the DataDictionary");
    free(v);
  }
  v = names_new((size_t)m->n_gd);
  if (v) {
    for (i = 0; i < m->n_gd; i++) {
      v[i].name = m->gd[i].name;
      v[i].line = m->gd[i].line;
      v[i].order = (size_t)i;
    }
    duplicates(l, v, (size_t)m->n_gd, "DerivedField",
               "the TransformationDictionary");
    free(v);
  }
  for (i = 0; i < m->n_gd; i++)
    for (k = 0; k < m->n_df; k++)
      if (m->gd[i].name == m->df[k].name) {
        ir_diag(l, D_WARN, m->gd[i].line, "DerivedField",
                "DerivedField '%s': the DataField of this name (line %lu) "
                "hides it",
                NAME(l, m->gd[i].name), (unsigned long)m->df[k].line);
        break;
      }
  v = names_new((size_t)m->n_fns);
  if (v) {
    for (i = 0; i < m->n_fns; i++) {
      v[i].name = m->fns[i].name;
      v[i].line = m->fns[i].line;
      v[i].order = (size_t)i;
    }
    duplicates(l, v, (size_t)m->n_fns, "DefineFunction",
               "the TransformationDictionary");
    free(v);
  }
  for (i = 0; i < m->n_fns; i++) {
    const char *fname = NAME(l, m->fns[i].name);
    if (pmmlE_builtin_find(fname, strlen(fname)) >= 0)
      ir_diag(l, D_WARN, m->fns[i].line, "DefineFunction",
              "DefineFunction '%s': a built-in function has this name; "
              "Apply calls the built-in",
              fname);
  }
  for (j = 0; j < m->n_models; j++) {
    const pm_model *md = m->models[j];
    v = names_new((size_t)md->n_mf);
    if (v) {
      for (i = 0; i < md->n_mf; i++) {
        v[i].name = md->mf[i].name;
        v[i].line = md->mf[i].line;
        v[i].order = (size_t)i;
      }
      duplicates(l, v, (size_t)md->n_mf, "MiningField", "a MiningSchema");
      free(v);
    }
    v = names_new((size_t)md->n_local);
    if (v) {
      for (i = 0; i < md->n_local; i++) {
        v[i].name = md->local[i].name;
        v[i].line = md->local[i].line;
        v[i].order = (size_t)i;
      }
      duplicates(l, v, (size_t)md->n_local, "DerivedField",
                 "LocalTransformations");
      free(v);
    }
    v = names_new((size_t)md->n_of);
    if (v) {
      for (i = 0; i < md->n_of; i++) {
        v[i].name = md->of[i].name;
        v[i].line = md->of[i].line;
        v[i].order = (size_t)i;
      }
      duplicates(l, v, (size_t)md->n_of, "OutputField", "an Output");
      free(v);
    }
    for (i = 0; i < md->n_local; i++)
      for (k = 0; k < md->n_mf; k++)
        if (md->local[i].name == md->mf[k].name) {
          ir_diag(l, D_WARN, md->local[i].line, "DerivedField",
                  "DerivedField '%s': hides the MiningField of this name "
                  "(line %lu) in its model",
                  NAME(l, md->local[i].name), (unsigned long)md->mf[k].line);
          break;
        }
  }
}

/* A derived field declared numeric whose expression yields text. */
static void
lint_derived(linter *l, const pm_derived *d, int32_t n)
{
  int32_t i;
  for (i = 0; i < n; i++) {
    uint8_t et;
    if (d[i].expr < 0 || d[i].dtype == PM_DT_ANY)
      continue;
    et = l->m->exprs[d[i].expr].dt;
    if (et == PMML_DT_STRING && pmmlV_numeric_dt(d[i].dtype))
      ir_diag(l, D_WARN, d[i].line, "DerivedField",
              "DerivedField '%s': dataType=\"%s\", but its expression yields "
              "a string (scoring fails when it does not read as a number)",
              NAME(l, d[i].name), pmml_dtype_name((pmml_dtype)d[i].dtype));
  }
}

/* Domains: duplicate Values, Intervals that do not apply. */
static void
lint_datafields(linter *l)
{
  const pmml_model *m = l->m;
  int32_t i, a, b;
  for (i = 0; i < m->n_df; i++) {
    const pm_datafield *f = &m->df[i];
    for (a = 0; a < f->dom.n_values; a++)
      for (b = 0; b < a; b++) {
        const pm_lit *x = &f->dom.values[a].v, *y = &f->dom.values[b].v;
        if ((x->t == PM_T_NUM && y->t == PM_T_NUM && x->num == y->num) ||
            (x->t == PM_T_STR && y->t == PM_T_STR && x->sym == y->sym)) {
          ir_diag(l, D_WARN, f->line, "DataField",
                  "DataField '%s': Value '%s' is listed twice",
                  NAME(l, f->name), NAME(l, x->sym));
          a = f->dom.n_values;
          break;
        }
      }
    if (f->dom.n_intervals && f->optype != PMML_OP_CONTINUOUS)
      ir_diag(l, D_WARN, f->line, "DataField",
              "DataField '%s': Interval on a %s field (only continuous "
              "fields have intervals; they are ignored)",
              NAME(l, f->name), pmml_optype_name((pmml_optype)f->optype));
  }
}

/* SimplePredicate comparisons that cannot mean what they say. */
static void
lint_predicates(linter *l)
{
  const pmml_model *m = l->m;
  static const char *const ops[] = {"equal", "notEqual", "lessThan",
                                    "lessOrEqual", "greaterThan",
                                    "greaterOrEqual"};
  int32_t i;
  for (i = 0; i < m->n_preds; i++) {
    const pm_pred *p = &m->preds[i];
    if (p->kind != PM_P_SIMPLE || p->slot < 0)
      continue;
    if (p->op >= PM_OP_LT && p->op <= PM_OP_GE &&
        m->slots[p->slot].dtype == PMML_DT_STRING &&
        m->slots[p->slot].optype != PMML_OP_ORDINAL)
      ir_diag(l, D_WARN, p->line, "SimplePredicate",
              "SimplePredicate: operator=\"%s\" on '%s', a string field: "
              "the values compare as text",
              ops[p->op], NAME(l, p->name));
  }
}

/* Outputs: targetField and segmentId that lead nowhere. */
static void
lint_outputs(linter *l, const pm_model *md)
{
  int32_t i, k;
  for (i = 0; i < md->n_of; i++) {
    const pm_ofield *of = &md->of[i];
    if (of->target >= 0 && md->family != PM_FAM_MINING) {
      for (k = 0; k < md->n_mf; k++)
        if (md->mf[k].name == of->target)
          break;
      if (k == md->n_mf)
        ir_diag(l, D_ERROR, of->line, "OutputField",
                "OutputField '%s': targetField '%s' is not a field of the "
                "model",
                NAME(l, of->name), NAME(l, of->target));
      else if (md->mf[k].usage != PM_USE_TARGET)
        ir_diag(l, D_WARN, of->line, "OutputField",
                "OutputField '%s': targetField '%s' is not a target of the "
                "model",
                NAME(l, of->name), NAME(l, of->target));
    }
    if (of->segment >= 0 && md->family != PM_FAM_MINING)
      ir_diag(l, D_WARN, of->line, "OutputField",
              "OutputField '%s': segmentId=\"%s\" outside a MiningModel "
              "(ignored)",
              NAME(l, of->name), NAME(l, of->segment));
  }
}

/* Targets: prior probabilities, rescaling. */
static void
lint_targets(linter *l, const pm_model *md)
{
  int32_t i, k, tv0 = 0;
  for (i = 0; i < md->n_targets; i++) {
    const pm_target *t = &md->targets[i];
    double sum = 0;
    int all = t->n_values > 0;
    for (k = 0; k < t->n_values; k++) {
      double p = t->values[k].prior;
      if (isnan(p)) {
        all = 0;
        continue;
      }
      if (p < 0 || p > 1)
        nth_diag(l, D_ERROR, md->line, "TargetValue", (size_t)(tv0 + k),
                 "TargetValue '%s': priorProbability=\"%g\" is not in "
                 "[0, 1]",
                 NAME(l, t->values[k].v.sym), p);
      sum += p;
    }
    if (all && fabs(sum - 1) > 1e-3)
      nth_diag(l, D_WARN, md->line, "Target", (size_t)i,
               "Target: the priorProbability of its TargetValues sum to %g, "
               "not 1",
               sum);
    if (t->rescale_factor == 0)
      nth_diag(l, D_WARN, md->line, "Target", (size_t)i,
               "Target: rescaleFactor=\"0\" makes every prediction %g",
               t->rescale_const);
    tv0 += t->n_values;
  }
}

/* Classes beyond the values the target's DataField declares. */
static void
lint_classes(linter *l, const pm_model *md)
{
  const pmml_model *m = l->m;
  int32_t i, df = -1;
  if (md->function != PM_FN_CLASSIFICATION || md->target_name < 0)
    return;
  for (i = 0; i < m->n_df; i++)
    if (m->df[i].name == md->target_name)
      df = i;
  if (df < 0 || m->df[df].dom.n_valid == 0)
    return;
  for (i = m->df[df].dom.n_valid; i < md->n_classes; i++)
    ir_diag(l, D_WARN, md->line, pmmlL_families[md->family]->element,
            "%s: category '%s' is not one of the values the target field "
            "'%s' declares",
            pmmlL_families[md->family]->element,
            NAME(l, md->classes[i].sym), NAME(l, md->target_name));
}

/* "Node 'id'", or "Node" for a node without id. */
static const char *
node_label(linter *l, const pm_tnode *nd, char *buf, size_t size)
{
  if (nd->id < 0)
    return "Node";
  snprintf(buf, size, "Node '%s'", NAME(l, nd->id));
  return buf;
}

/* TreeModel: counts, probabilities and confidences of the nodes. */
static void
lint_tree_model(linter *l, const pm_model *md)
{
  const pm_tree *t = md->body;
  named *ids;
  int32_t i, k;
  for (i = 0; i < t->n_nodes; i++) {
    const pm_tnode *nd = &t->nodes[i];
    int32_t n_dist;
    const pm_scoredist *ds = pm_tree_dists(t, i, &n_dist);
    double sum = 0;
    int all = n_dist > 0;
    char labbuf[160];
    const char *lab = node_label(l, nd, labbuf, sizeof labbuf);
    if (nd->count < 0)
      ir_diag(l, D_ERROR, nd->line, "Node",
              "%s: recordCount=\"%g\" is negative", lab, nd->count);
    for (k = 0; k < n_dist; k++) {
      const pm_scoredist *sd = &ds[k];
      if (sd->count < 0)
        nth_diag(l, D_ERROR, nd->line, "ScoreDistribution", (size_t)k,
                 "ScoreDistribution '%s' of %s: recordCount=\"%g\" is "
                 "negative",
                 NAME(l, sd->value.sym), lab, sd->count);
      if (!isnan(sd->confidence) && (sd->confidence < 0 ||
                                     sd->confidence > 1 + 1e-9))
        nth_diag(l, D_WARN, nd->line, "ScoreDistribution", (size_t)k,
                 "ScoreDistribution '%s' of %s: confidence=\"%g\" is not "
                 "in [0, 1]",
                 NAME(l, sd->value.sym), lab, sd->confidence);
      if (isnan(sd->probability))
        all = 0;
      else
        sum += sd->probability;
    }
    if (all && fabs(sum - 1) > 1e-3)
      ir_diag(l, D_WARN, nd->line, "Node",
              "%s: the probabilities of its ScoreDistributions sum to %g, "
              "not 1",
              lab, sum);
    if (nd->n_kids == 0 && nd->score.t == PM_T_MISSING && n_dist == 0)
      ir_diag(l, D_WARN, nd->line, "Node",
              "%s: a leaf with neither score nor ScoreDistribution (records "
              "that end here get no prediction)",
              lab);
  }
  ids = names_new((size_t)t->n_nodes);
  if (!ids)
    return;
  for (i = 0, k = 0; i < t->n_nodes; i++)
    if (t->nodes[i].id >= 0) {
      ids[k].name = t->nodes[i].id;
      ids[k].line = t->nodes[i].line;
      ids[k].order = (size_t)t->nodes[i].line;
      k++;
    }
  qsort(ids, (size_t)k, sizeof *ids, by_name);
  for (i = 1; i < k; i++)
    if (ids[i].name == ids[i - 1].name)
      ir_diag(l, D_WARN, ids[i].line, "Node",
              "Node: id=\"%s\" is used twice (first at line %lu)",
              NAME(l, ids[i].name), (unsigned long)ids[i - 1].line);
  free(ids);
}

/* RegressionModel: numbers that make every prediction NaN, predictors that
** cannot read their field. */
static void
lint_regression_model(linter *l, const pm_model *md)
{
  const pm_regression *reg = md->body;
  int32_t i, k, pt0 = 0;
  for (i = 0; i < reg->n_tables; i++) {
    const pm_regtable *t = &reg->tables[i];
    if (!isfinite(t->intercept))
      nth_diag(l, D_ERROR, md->line, "RegressionTable", (size_t)i,
               "RegressionTable: intercept=\"%g\" is not a finite number",
               t->intercept);
    for (k = 0; k < t->n_nums; k++) {
      const pm_numpred *np = &t->nums[k];
      if (!isfinite(np->coef))
        ir_diag(l, D_ERROR, np->line, "NumericPredictor",
                "NumericPredictor '%s': coefficient=\"%g\" is not a finite "
                "number",
                NAME(l, np->name), np->coef);
      if (np->slot >= 0 && l->m->slots[np->slot].dtype == PMML_DT_STRING)
        ir_diag(l, D_ERROR, np->line, "NumericPredictor",
                "NumericPredictor '%s': the field is a string (a number is "
                "needed: scoring fails on every record)",
                NAME(l, np->name));
    }
    for (k = 0; k < t->n_cats; k++)
      if (!isfinite(t->cats[k].coef))
        ir_diag(l, D_ERROR, t->cats[k].line, "CategoricalPredictor",
                "CategoricalPredictor '%s': coefficient=\"%g\" is not a "
                "finite number",
                NAME(l, t->cats[k].name), t->cats[k].coef);
    for (k = 0; k < t->n_terms; k++)
      if (!isfinite(t->terms[k].coef))
        nth_diag(l, D_ERROR, md->line, "PredictorTerm", (size_t)(pt0 + k),
                 "PredictorTerm: coefficient=\"%g\" is not a finite number",
                 t->terms[k].coef);
    pt0 += t->n_terms;
  }
}

/* MiningFields: outlier bounds. */
static void
lint_mining(linter *l, const pm_model *md)
{
  int32_t i;
  for (i = 0; i < md->n_mf; i++) {
    const pm_mfield *mf = &md->mf[i];
    if (mf->outliers != PM_OUT_AS_IS && mf->low > mf->high)
      ir_diag(l, D_ERROR, mf->line, "MiningField",
              "MiningField '%s': lowValue=\"%g\" is above highValue=\"%g\"",
              NAME(l, mf->name), mf->low, mf->high);
  }
}

void
lint_model(checked *c, const pmml_model *m, diag_list *d)
{
  linter l;
  int32_t j;
  l.c = c;
  l.d = d;
  l.m = m;
  lint_names(&l);
  lint_datafields(&l);
  lint_derived(&l, m->gd, m->n_gd);
  lint_predicates(&l);
  for (j = 0; j < m->n_models; j++) {
    const pm_model *md = m->models[j];
    lint_derived(&l, md->local, md->n_local);
    lint_mining(&l, md);
    lint_outputs(&l, md);
    lint_targets(&l, md);
    lint_classes(&l, md);
    if (md->family == PM_FAM_TREE)
      lint_tree_model(&l, md);
    else if (md->family == PM_FAM_REGRESSION)
      lint_regression_model(&l, md);
  }
}
