/*
** load_ruleset.c: <RuleSetModel>. The RuleSet's SimpleRules and
** CompoundRules are kept in document order in one array, each CompoundRule
** knowing where the rules inside it end, so scoring walks the array
** without recursion. Also here: resolving the rules (predicates, classes,
** the ScoreDistributions as probabilities) and checking which outputs a
** rule set can give. Scoring is in eval_ruleset.c.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pmml_int.h"

typedef struct ruleset_loader {
  pm_ruleset *rs;
  pm_vec rules;        /* pm_rule */
  pm_vec dists;        /* pm_scoredist, grouped by rule */
  int32_t n_simple;    /* SimpleRules so far (implicit ids) */
  int n_methods;       /* RuleSelectionMethods so far */
  int n_sets;          /* RuleSet elements */
} ruleset_loader;

static const char *const criterion_names[] = {"weightedSum", "weightedMax",
                                              "firstHit", NULL};

static ruleset_loader *
rsl(pm_loader *ld)
{
  return ld->model ? ld->model->body : NULL;
}

static void
ruleset_model_start(pm_loader *ld, pm_model *m, const char **atts)
{
  ruleset_loader *l = pmmlL_alloc(ld, sizeof *l);
  (void)atts;
  if (!l)
    return;
  l->rs = pmmlL_alloc(ld, sizeof *l->rs);
  if (!l->rs)
    return;
  pmmlL_track(ld, &l->rules, sizeof(pm_rule));
  pmmlL_track(ld, &l->dists, sizeof(pm_scoredist));
  l->rs->deflt_conf = NAN;
  l->rs->deflt_class = -1;
  m->body = l;
}

/* <RuleSet recordCount= nbCorrect= defaultScore= defaultConfidence=> */
static void
ruleset_start(pm_loader *ld, const char **atts)
{
  ruleset_loader *l = rsl(ld);
  if (!l)
    return;
  if (l->n_sets++) {
    pmmlL_fail(ld, PMML_E_INVALID, "RuleSetModel: more than one RuleSet");
    return;
  }
  l->rs->deflt = pmmlL_lit(ld, atts, "defaultScore");
  l->rs->deflt_conf = pmmlL_num(ld, atts, "defaultConfidence", NAN);
}

/* <RuleSelectionMethod criterion=/>: the first one is the one used. */
static void
method_start(pm_loader *ld, const char **atts)
{
  ruleset_loader *l = rsl(ld);
  int crit;
  if (!l || !pmmlL_need(ld, atts, "criterion"))
    return;
  crit = pmmlL_enum(ld, atts, "criterion", criterion_names, 0);
  if (l->n_methods++ == 0)
    l->rs->criterion = (uint8_t)crit;
}

/* A rule begins: its place in document order is its index. */
static pm_rule *
rule_begin(pm_loader *ld, int compound)
{
  ruleset_loader *l = rsl(ld);
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_rule *r;
  if (!l)
    return NULL;
  if (l->rules.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many rules");
    return NULL;
  }
  r = pmmlL_push(ld, &l->rules, sizeof *r);
  if (!r)
    return NULL;
  r->compound = (uint8_t)compound;
  r->pred = -1;
  r->id = -1;
  r->klass = -1;
  r->score.t = PM_T_MISSING;
  r->score.raw = r->score.sym = -1;
  r->count = r->correct = NAN;
  r->confidence = r->weight = 1.0;
  r->dist = (int32_t)l->dists.len;
  r->line = f->line;
  f->aux = (int32_t)(l->rules.len - 1);
  f->obj = l;
  return r;
}

/* <SimpleRule id= score= recordCount= nbCorrect= confidence= weight=> */
static void
simple_start(pm_loader *ld, const char **atts)
{
  ruleset_loader *l = rsl(ld);
  pm_rule *r;
  int32_t id;
  if (!l || !pmmlL_need(ld, atts, "score"))
    return;
  id = pmmlL_sym(ld, atts, "id");
  r = rule_begin(ld, 0);
  if (!r)
    return;
  l->n_simple++;
  if (id < 0) {
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%ld", (long)l->n_simple);
    id = pmmlL_intern(ld, buf, (size_t)n);
  }
  r->id = id;
  r->score = pmmlL_lit(ld, atts, "score");
  r->count = pmmlL_num(ld, atts, "recordCount", NAN);
  r->correct = pmmlL_num(ld, atts, "nbCorrect", NAN);
  r->confidence = pmmlL_num(ld, atts, "confidence", 1.0);
  r->weight = pmmlL_num(ld, atts, "weight", 1.0);
}

/* <CompoundRule> predicate, rules </CompoundRule> */
static void
compound_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  rule_begin(ld, 1);
}

/* The rule ends: its predicate (the one index its children reported; the
** rules inside report none) and, for a CompoundRule, where it ends. */
static void
rule_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  ruleset_loader *l = f->obj;
  pm_rule *r;
  int32_t n, *kids;
  if (!l)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  r = (pm_rule *)l->rules.data + f->aux;
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID, "%s: expected one predicate, found %d",
               r->compound ? "CompoundRule" : "SimpleRule", (int)n);
    return;
  }
  r->pred = kids[0];
  r->end = (int32_t)l->rules.len;
  if (r->compound && r->end == f->aux + 1)
    pmmlL_fail(ld, PMML_E_INVALID, "CompoundRule: no rule inside");
}

/* <ScoreDistribution value= recordCount= confidence= probability=/> of the
** SimpleRule being read. */
static void
dist_start(pm_loader *ld, const char **atts)
{
  pm_frame *pf = pmmlL_frame(ld, 1);
  ruleset_loader *l = pf->obj;
  pm_scoredist *d;
  if (!l || !pmmlL_need(ld, atts, "value"))
    return;
  d = pmmlL_push(ld, &l->dists, sizeof *d);
  if (!d)
    return;
  ((pm_rule *)l->rules.data + pf->aux)->n_dist++;
  d->value = pmmlL_lit(ld, atts, "value");
  d->count = pmmlL_num(ld, atts, "recordCount", NAN);
  d->confidence = pmmlL_num(ld, atts, "confidence", NAN);
  d->probability = pmmlL_num(ld, atts, "probability", NAN);
  if (d->probability < 0 || d->probability > 1)
    pmmlL_fail(ld, PMML_E_INVALID,
               "ScoreDistribution: probability outside [0, 1]");
}

static void
ruleset_end(pm_loader *ld)
{
  ruleset_loader *l = rsl(ld);
  if (l && !l->n_methods)
    pmmlL_fail(ld, PMML_E_INVALID,
               "RuleSet: no RuleSelectionMethod (firstHit, weightedSum or "
               "weightedMax)");
}

static const pm_elem simple_children[] = {
  {"ScoreDistribution", dist_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_pred_elems, 0},
};

static const pm_elem compound_children[] = {
  {"SimpleRule", simple_start, rule_end, simple_children, 0},
  {"CompoundRule", compound_start, rule_end, compound_children, 0},
  {NULL, NULL, NULL, pmmlL_pred_elems, 0},
};

static const pm_elem ruleset_children[] = {
  {"RuleSelectionMethod", method_start, NULL, NULL, 0},
  /* The distribution of the training records: no part of scoring. */
  {"ScoreDistribution", NULL, NULL, NULL, PM_EL_SKIP},
  {"SimpleRule", simple_start, rule_end, simple_children, 0},
  {"CompoundRule", compound_start, rule_end, compound_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_ruleset_elems[] = {
  {"RuleSet", ruleset_start, ruleset_end, ruleset_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
ruleset_model_end(pm_loader *ld, pm_model *m)
{
  ruleset_loader *l = m->body;
  pm_ruleset *rs = l->rs;
  if (!l->n_sets) {
    pmmlL_fail(ld, PMML_E_INVALID, "RuleSetModel: no RuleSet");
    return;
  }
  rs->rules = pmmlL_finish_vec(ld, &l->rules, sizeof(pm_rule), &rs->n_rules);
  rs->dists =
      pmmlL_finish_vec(ld, &l->dists, sizeof(pm_scoredist), &rs->n_dists);
  m->body = rs;
}

const pm_family pmmlL_ruleset_family = {
  "RuleSetModel", ruleset_model_start, ruleset_model_end, pmmlL_ruleset_elems,
  pmmlR_ruleset, pmmlE_ruleset, pmmlE_ruleset_feature, NULL,
  PM_FEAT_BIT(PM_FEAT_ENTITY_ID) | PM_FEAT_BIT(PM_FEAT_RULE_ID) |
      PM_FEAT_BIT(PM_FEAT_RULE_VALUE),
};

/* ------------------------------------------------------------------------ */
/* Resolving                                                                */

/* Can a rule set give output 'of'? Only the selected rule is known: no
** rank beyond 1, and of its rule features only its id and confidence. */
static int
check_output(pm_resolver *r, const pm_model *m, const pm_ofield *of)
{
  const char *name = pmmlS_str(&pmmlR_doc(r)->strs, of->name);
  switch (of->feature) {
  case PM_FEAT_RULE_VALUE:
    if (of->rule_feature != PM_FEAT_RULE_ID &&
        of->rule_feature != PM_FEAT_ENTITY_ID &&
        of->rule_feature != PM_FEAT_CONFIDENCE) {
      pmmlR_fail(r, PMML_E_UNSUPPORTED, of->line,
                 "OutputField: '%s': a RuleSetModel gives the ruleId and "
                 "confidence of a rule, not this ruleFeature",
                 name);
      return -1;
    }
    /* fall through */
  case PM_FEAT_ENTITY_ID:
  case PM_FEAT_RULE_ID:
  case PM_FEAT_CONFIDENCE:
  case PM_FEAT_PROBABILITY:
    if (of->rank > 1 || of->multi) {
      pmmlR_fail(r, PMML_E_UNSUPPORTED, of->line,
                 "OutputField: '%s': a RuleSetModel gives only the rule it "
                 "selects (rank=\"1\", not multi-valued)",
                 name);
      return -1;
    }
    break;
  default:
    break;
  }
  (void)m;
  return 0;
}

/* Probabilities of a ScoreDistribution list: given, else record counts
** over their sum (as for TreeModel nodes). */
static void
dist_probs(const pm_model *m, const pm_scoredist *d, int32_t n, double *p)
{
  double total = 0;
  int32_t k;
  int given = 1;
  for (k = 0; k < n; k++) {
    if (isnan(d[k].probability))
      given = 0;
    if (!isnan(d[k].count))
      total += d[k].count;
  }
  for (k = 0; k < n; k++) {
    int32_t cl = pmmlR_class(m, &d[k].value);
    if (cl >= 0)
      p[cl] = given ? d[k].probability
              : total > 0 && !isnan(d[k].count) ? d[k].count / total
                                                : 0.0;
  }
}

int
pmmlR_ruleset(pm_resolver *r, pm_model *m)
{
  pm_ruleset *rs = m->body;
  int classification = m->function == PM_FN_CLASSIFICATION;
  int32_t i, k, nc;
  if (!classification && m->function != PM_FN_REGRESSION) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "RuleSetModel: functionName must be classification or "
               "regression");
    return -1;
  }
  if (!classification && rs->criterion == PM_RS_WEIGHTED_SUM) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "RuleSelectionMethod: criterion=\"weightedSum\" sums the "
               "weights of classes; a regression has none");
    return -1;
  }
  for (i = 0; i < rs->n_rules; i++) {
    pm_rule *ru = &rs->rules[i];
    if (pmmlR_pred(r, m, ru->pred))
      return -1;
    if (ru->compound)
      continue;
    if (pmmlR_lit(r, &ru->score, m->target_dt, ru->line))
      return -1;
    if (classification) {
      ru->klass = pmmlR_add_class(r, m, &ru->score);
      if (ru->klass < 0)
        return -1;
    } else if (ru->score.t != PM_T_NUM) {
      pmmlR_fail(r, PMML_E_INVALID, ru->line,
                 "SimpleRule: score '%s' of a regression is not a number",
                 pmmlS_str(&pmmlR_doc(r)->strs, ru->score.sym));
      return -1;
    }
    for (k = 0; k < ru->n_dist; k++) {
      pm_scoredist *d = &rs->dists[ru->dist + k];
      if (pmmlR_lit(r, &d->value, m->target_dt, ru->line))
        return -1;
      if (classification && pmmlR_add_class(r, m, &d->value) < 0)
        return -1;
    }
  }
  if (pmmlR_lit(r, &rs->deflt, m->target_dt, m->line))
    return -1;
  if (rs->deflt.t != PM_T_MISSING && classification) {
    rs->deflt_class = pmmlR_add_class(r, m, &rs->deflt);
    if (rs->deflt_class < 0)
      return -1;
  }
  for (i = 0; i < m->n_of; i++) {
    if (check_output(r, m, &m->of[i]))
      return -1;
    if (m->of[i].feature == PM_FEAT_CONFIDENCE && m->of[i].klass >= 0)
      rs->walk_all = 1;
  }
  /* Classes are complete now: the distributions as probabilities. */
  nc = m->n_classes;
  if (classification && nc > 0 && rs->n_dists > 0) {
    rs->prob = pmmlM_alloc(pmmlR_arena(r),
                           (size_t)rs->n_rules * (size_t)nc * sizeof(double));
    if (!rs->prob) {
      pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
      return -1;
    }
    for (i = 0; i < rs->n_rules; i++)
      if (rs->rules[i].n_dist > 0)
        dist_probs(m, rs->dists + rs->rules[i].dist, rs->rules[i].n_dist,
                   rs->prob + (size_t)i * nc);
  }
  rs->scratch = pmmlR_scratch(r, 2 * (size_t)(nc > 0 ? nc : 1));
  return 0;
}
