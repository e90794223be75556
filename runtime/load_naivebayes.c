/*
** load_naivebayes.c: <NaiveBayesModel>. BayesInputs (each field with its
** PairCounts, optionally through a DerivedField, or its TargetValueStats of
** continuous distributions) and the BayesOutput's class counts. Counts are
** kept as read; resolving types the values, makes the categories classes
** and lays the counts out as tables per class. eval_naivebayes.c scores.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

typedef struct nb_loader {
  pm_naivebayes *nb;
  pm_vec inputs;        /* pm_nbinput */
  pm_vec values;        /* pm_lit: PairCounts@value of the open input */
  pm_vec items;         /* pm_nbcount of the open input */
  pm_vec priors;        /* pm_nbcount of BayesOutput */
  pm_vec derived;       /* pm_derived: DerivedFields of BayesInputs */
  int got_output;
  int32_t pair;         /* the open PairCounts */
  int stat_dists;       /* distributions in the open TargetValueStat */
} nb_loader;

static nb_loader *
nbl(pm_loader *ld)
{
  return ld->model->body;
}

static pm_nbinput *
cur_input(nb_loader *n)
{
  return (pm_nbinput *)n->inputs.data + n->inputs.len - 1;
}

/* <NaiveBayesModel threshold=> */
static void
nb_start(pm_loader *ld, pm_model *m, const char **atts)
{
  nb_loader *n = pmmlL_alloc(ld, sizeof *n);
  if (!n)
    return;
  n->nb = pmmlL_alloc(ld, sizeof *n->nb);
  if (!n->nb)
    return;
  pmmlL_track(ld, &n->inputs, sizeof(pm_nbinput));
  pmmlL_track(ld, &n->values, sizeof(pm_lit));
  pmmlL_track(ld, &n->items, sizeof(pm_nbcount));
  pmmlL_track(ld, &n->priors, sizeof(pm_nbcount));
  pmmlL_track(ld, &n->derived, sizeof(pm_derived));
  m->body = n;
  if (!pmmlL_need(ld, atts, "threshold"))
    return;
  n->nb->threshold = pmmlL_num(ld, atts, "threshold", 0.0);
  if (!(n->nb->threshold >= 0 && n->nb->threshold <= 1))
    pmmlL_fail(ld, PMML_E_INVALID,
               "NaiveBayesModel: threshold outside [0, 1]");
}

/* <BayesInput fieldName=> */
static void
input_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  const char *name = pmmlL_need(ld, atts, "fieldName");
  pm_nbinput *in;
  if (!name)
    return;
  in = pmmlL_push(ld, &n->inputs, sizeof *in);
  if (!in)
    return;
  in->name = pmmlL_intern(ld, name, strlen(name));
  in->slot = in->expr = -1;
  in->dtype = PM_DT_ANY;
  in->line = pmmlL_frame(ld, 0)->line;
  pmmlL_frame(ld, 0)->aux = (int32_t)n->derived.len;
  pmmlL_frame(ld, 0)->obj = n;
  n->values.len = n->items.len = 0;
}

static void
input_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  nb_loader *n = f->obj;
  pm_nbinput *in;
  if (!n || ld->failed)
    return;
  in = cur_input(n);
  if ((int32_t)n->derived.len > f->aux) {
    const pm_derived *d = (pm_derived *)n->derived.data + f->aux;
    if (in->continuous) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "BayesInput '%s': a DerivedField goes with PairCounts",
                 pmmlS_str(&ld->doc->strs, in->name));
      return;
    }
    in->expr = d->expr;
    in->dtype = d->dtype;
  }
  if (!in->continuous && n->values.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BayesInput '%s': no PairCounts or TargetValueStats",
               pmmlS_str(&ld->doc->strs, in->name));
    return;
  }
  in->values = pmmlL_finish_vec(ld, &n->values, sizeof(pm_lit),
                                &in->n_values);
  in->items = pmmlL_finish_vec(ld, &n->items, sizeof(pm_nbcount),
                               &in->n_items);
}

static void
derived_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  if ((int32_t)n->derived.len > pmmlL_frame(ld, 1)->aux) {
    pmmlL_fail(ld, PMML_E_INVALID, "BayesInput: more than one DerivedField");
    return;
  }
  pmmlL_derived_start(ld, atts, &n->derived);
}

/* <PairCounts value=><TargetValueCounts/></PairCounts> */
static void
pair_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  pm_lit *v;
  if (cur_input(n)->continuous) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BayesInput: PairCounts and TargetValueStats together");
    return;
  }
  if (!pmmlL_need(ld, atts, "value"))
    return;
  v = pmmlL_push(ld, &n->values, sizeof *v);
  if (!v)
    return;
  *v = pmmlL_lit(ld, atts, "value");
  n->pair = (int32_t)n->values.len - 1;
}

/* <TargetValueCount value= count=/> inside PairCounts (into the input's
** items) or inside BayesOutput (into the priors). */
static void
count(pm_loader *ld, const char **atts, pm_vec *into, int32_t pair)
{
  pm_nbcount *c;
  if (!pmmlL_need(ld, atts, "value") || !pmmlL_need(ld, atts, "count"))
    return;
  c = pmmlL_push(ld, into, sizeof *c);
  if (!c)
    return;
  c->value = pmmlL_lit(ld, atts, "value");
  c->pair = pair;
  c->count = pmmlL_num(ld, atts, "count", 0.0);
  if (!(c->count >= 0))
    pmmlL_fail(ld, PMML_E_INVALID, "TargetValueCount: negative count");
}

static void
pair_count_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  count(ld, atts, &n->items, n->pair);
}

static void
prior_count_start(pm_loader *ld, const char **atts)
{
  count(ld, atts, &nbl(ld)->priors, -1);
}

/* <TargetValueStats><TargetValueStat value=> distribution */
static void
stats_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  pm_nbinput *in = cur_input(n);
  (void)atts;
  if (in->continuous || n->values.len) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BayesInput '%s': one TargetValueStats, without PairCounts",
               pmmlS_str(&ld->doc->strs, in->name));
    return;
  }
  in->continuous = 1;
}

static void
stat_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  pm_nbcount *c;
  if (!pmmlL_need(ld, atts, "value"))
    return;
  c = pmmlL_push(ld, &n->items, sizeof *c);
  if (!c)
    return;
  c->value = pmmlL_lit(ld, atts, "value");
  c->pair = -1;
  n->stat_dists = 0;
}

static void
stat_end(pm_loader *ld)
{
  nb_loader *n = nbl(ld);
  if (!ld->failed && n->stat_dists != 1)
    pmmlL_fail(ld, PMML_E_INVALID,
               "TargetValueStat: expected one distribution, found %d",
               n->stat_dists);
}

/* The open TargetValueStat takes a distribution. */
static pm_nbcount *
dist(pm_loader *ld, uint8_t kind)
{
  nb_loader *n = nbl(ld);
  pm_nbcount *c;
  if (ld->failed)
    return NULL;
  n->stat_dists++;
  c = (pm_nbcount *)n->items.data + n->items.len - 1;
  c->dist = kind;
  return c;
}

/* <GaussianDistribution mean= variance=/> */
static void
gauss_start(pm_loader *ld, const char **atts)
{
  pm_nbcount *c;
  if (!pmmlL_need(ld, atts, "mean") || !pmmlL_need(ld, atts, "variance"))
    return;
  c = dist(ld, PM_DIST_GAUSSIAN);
  if (!c)
    return;
  c->a = pmmlL_num(ld, atts, "mean", 0.0);
  c->b = pmmlL_num(ld, atts, "variance", 1.0);
  if (!(c->b > 0))
    pmmlL_fail(ld, PMML_E_INVALID,
               "GaussianDistribution: variance must be positive");
}

/* <PoissonDistribution mean=/> */
static void
poisson_start(pm_loader *ld, const char **atts)
{
  pm_nbcount *c;
  if (!pmmlL_need(ld, atts, "mean"))
    return;
  c = dist(ld, PM_DIST_POISSON);
  if (!c)
    return;
  c->a = pmmlL_num(ld, atts, "mean", 0.0);
  if (!(c->a > 0))
    pmmlL_fail(ld, PMML_E_INVALID,
               "PoissonDistribution: mean must be positive");
}

/* <UniformDistribution lower= upper=/> */
static void
uniform_start(pm_loader *ld, const char **atts)
{
  pm_nbcount *c;
  if (!pmmlL_need(ld, atts, "lower") || !pmmlL_need(ld, atts, "upper"))
    return;
  c = dist(ld, PM_DIST_UNIFORM);
  if (!c)
    return;
  c->a = pmmlL_num(ld, atts, "lower", 0.0);
  c->b = pmmlL_num(ld, atts, "upper", 0.0);
  if (!(c->b > c->a))
    pmmlL_fail(ld, PMML_E_INVALID,
               "UniformDistribution: upper must exceed lower");
}

static void
any_start(pm_loader *ld, const char **atts)
{
  (void)atts;
  pmmlL_fail(ld, PMML_E_UNSUPPORTED,
             "AnyDistribution: a Naive Bayes input needs a distribution with "
             "a density (Gaussian, Poisson or Uniform)");
}

/* <BayesOutput fieldName=><TargetValueCounts/></BayesOutput> */
static void
output_start(pm_loader *ld, const char **atts)
{
  nb_loader *n = nbl(ld);
  const char *name = pmmlL_need(ld, atts, "fieldName");
  if (!name)
    return;
  if (n->got_output) {
    pmmlL_fail(ld, PMML_E_INVALID, "NaiveBayesModel: more than one "
               "BayesOutput");
    return;
  }
  n->got_output = 1;
  n->nb->output = pmmlL_intern(ld, name, strlen(name));
  n->nb->out_line = pmmlL_frame(ld, 0)->line;
}

static const pm_elem pair_tvc_children[] = {
  {"TargetValueCount", pair_count_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem pair_children[] = {
  {"TargetValueCounts", NULL, NULL, pair_tvc_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem stat_children[] = {
  {"GaussianDistribution", gauss_start, NULL, NULL, 0},
  {"PoissonDistribution", poisson_start, NULL, NULL, 0},
  {"UniformDistribution", uniform_start, NULL, NULL, 0},
  {"AnyDistribution", any_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem stats_children[] = {
  {"TargetValueStat", stat_start, stat_end, stat_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem input_children[] = {
  {"DerivedField", derived_start, pmmlL_derived_end, pmmlL_derived_children,
   0},
  {"PairCounts", pair_start, NULL, pair_children, 0},
  {"TargetValueStats", stats_start, NULL, stats_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

/* Older R exports put continuous BayesInputs inside an Extension of
** BayesInputs; they are read as if they were not. */
static const pm_elem inputs_ext_children[] = {
  {"BayesInput", input_start, input_end, input_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem inputs_children[] = {
  {"BayesInput", input_start, input_end, input_children, 0},
  {"Extension", NULL, NULL, inputs_ext_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem prior_tvc_children[] = {
  {"TargetValueCount", prior_count_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem output_children[] = {
  {"TargetValueCounts", NULL, NULL, prior_tvc_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_naivebayes_elems[] = {
  {"BayesInputs", NULL, NULL, inputs_children, 0},
  {"BayesOutput", output_start, NULL, output_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
nb_end(pm_loader *ld, pm_model *m)
{
  nb_loader *n = m->body;
  pm_naivebayes *nb = n->nb;
  if (!n->got_output) {
    pmmlL_fail(ld, PMML_E_INVALID, "NaiveBayesModel: no BayesOutput");
    return;
  }
  if (n->priors.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "BayesOutput: no TargetValueCount");
    return;
  }
  nb->inputs = pmmlL_finish_vec(ld, &n->inputs, sizeof(pm_nbinput),
                                &nb->n_inputs);
  nb->priors = pmmlL_finish_vec(ld, &n->priors, sizeof(pm_nbcount),
                                &nb->n_priors);
  m->body = nb;
}

const pm_family pmmlL_naivebayes_family = {
  "NaiveBayesModel", nb_start, nb_end, pmmlL_naivebayes_elems,
  pmmlR_naivebayes, pmmlE_naivebayes, NULL, NULL, 0,
};

/* ------------------------------------------------------------------------ */
/* Resolving: classes, then the counts laid out per class.                  */

/* Type the category of item c and make it a class of m. */
static int32_t
klass(pm_resolver *r, pm_model *m, pm_nbcount *c, uint32_t line)
{
  if (pmmlR_lit(r, &c->value, m->target_dt, line))
    return -1;
  return pmmlR_add_class(r, m, &c->value);
}

static double *
nans(pm_resolver *r, size_t n)
{
  double *p = pmmlM_alloc(pmmlR_arena(r), (n + 1) * sizeof(double));
  size_t i;
  if (!p) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return NULL;
  }
  for (i = 0; i < n; i++)
    p[i] = NAN;
  return p;
}

int
pmmlR_naivebayes(pm_resolver *r, pm_model *m)
{
  pm_naivebayes *nb = m->body;
  int32_t i, k, nc;
  if (m->math_float) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "NaiveBayesModel: x-mathContext=\"float\" is not supported");
    return -1;
  }
  if (m->function != PM_FN_CLASSIFICATION) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "NaiveBayesModel: functionName must be classification");
    return -1;
  }
  if (m->target_name >= 0 && nb->output != m->target_name) {
    pmmlR_fail(r, PMML_E_INVALID, nb->out_line,
               "BayesOutput: fieldName '%s' is not the target '%s'",
               pmmlS_str(&pmmlR_doc(r)->strs, nb->output),
               pmmlS_str(&pmmlR_doc(r)->strs, m->target_name));
    return -1;
  }
  /* Classes: the target's values, then as the model names them. */
  for (i = 0; i < nb->n_priors; i++)
    if (klass(r, m, &nb->priors[i], nb->out_line) < 0)
      return -1;
  for (i = 0; i < nb->n_inputs; i++)
    for (k = 0; k < nb->inputs[i].n_items; k++)
      if (klass(r, m, &nb->inputs[i].items[k], nb->inputs[i].line) < 0)
        return -1;
  nc = m->n_classes;
  nb->prior = nans(r, (size_t)nc);
  if (!nb->prior)
    return -1;
  for (i = 0; i < nb->n_priors; i++)
    nb->prior[pmmlR_class(m, &nb->priors[i].value)] = nb->priors[i].count;
  for (i = 0; i < nb->n_inputs; i++) {
    pm_nbinput *in = &nb->inputs[i];
    uint8_t dt;
    in->slot = pmmlR_field(r, m, in->name, in->line);
    if (in->slot < 0)
      return -1;
    dt = pmmlR_slot_dtype(r, in->slot);
    if (in->expr >= 0) {
      if (pmmlR_expr(r, m, in->expr))
        return -1;
      dt = in->dtype != PM_DT_ANY ? in->dtype : pmmlR_expr_dtype(r, in->expr);
    }
    if (in->continuous) {
      in->stats = pmmlM_alloc(pmmlR_arena(r),
                              ((size_t)nc + 1) * sizeof(pm_nbcount));
      if (!in->stats) {
        pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
        return -1;
      }
      for (k = 0; k < in->n_items; k++)
        in->stats[pmmlR_class(m, &in->items[k].value)] = in->items[k];
      continue;
    }
    for (k = 0; k < in->n_values; k++)
      if (pmmlR_lit(r, &in->values[k], dt, in->line))
        return -1;
    in->counts = nans(r, (size_t)in->n_values * (size_t)nc);
    in->sums = nans(r, (size_t)nc);
    if (!in->counts || !in->sums)
      return -1;
    /* The denominator: the class's counts over every value of the field
    ** (PMML: the co-occurrences with any non-missing value). */
    for (k = 0; k < in->n_items; k++) {
      const pm_nbcount *c = &in->items[k];
      int32_t cl = pmmlR_class(m, &c->value);
      in->counts[(size_t)c->pair * nc + cl] = c->count;
      in->sums[cl] = isnan(in->sums[cl]) ? c->count : in->sums[cl] + c->count;
    }
  }
  nb->scratch_off = pmmlR_scratch(r, (size_t)nc);
  return 0;
}
