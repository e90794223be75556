/*
** gen_naivebayes.c: NaiveBayesModel as generated C. The class counts of
** BayesOutput and, for every BayesInput, the counts of its PairCounts per
** value and class (or the distribution of each class of its
** TargetValueStats) become static const tables; m<M>_eval reads each input
** in document order and adds its log-likelihoods with pm_nb_input of the
** run-time support (genrt.inc: naivebayes), the port of
** runtime/eval_naivebayes.c.
*/
#include <math.h>

#include "gen.h"

static const char *const dist_names[] = {"none", "GaussianDistribution",
                                         "PoissonDistribution",
                                         "UniformDistribution"};

/* A row of n reals. */
static void
put_reals(gbuf *d, const double *v, int32_t n)
{
  int32_t k;
  for (k = 0; k < n; k++) {
    gb_puts(d, k ? " " : "");
    gb_real(d, v[k]);
    gb_puts(d, ",");
  }
}

/* The tables of <BayesInput> i: values, counts, sums, stats. */
static void
gen_input(gen *g, const pm_model *m, const pm_nbinput *in, int32_t i)
{
  gbuf *d = gen_out(g, GS_DATA);
  int32_t k, nc = m->n_classes, mi = m->index;
  gb_puts(d, "/* <BayesInput fieldName=");
  gen_name(g, d, in->name);
  gb_printf(d, "> (line %u) */\n", (unsigned)in->line);
  if (in->continuous) {
    gb_printf(d, "/* <TargetValueStats>: { distribution, mean or lower, "
                 "variance or upper }\n** per class */\n"
                 "static const pm_nbstat m%d_i%d_stats[%d] = {\n",
              (int)mi, (int)i, nc ? (int)nc : 1);
    for (k = 0; k < nc; k++) {
      const pm_nbcount *s = &in->stats[k];
      gb_printf(d, "  {%d, ", (int)s->dist);
      gb_real(d, s->dist ? s->a : 0.0);
      gb_puts(d, ", ");
      gb_real(d, s->dist ? s->b : 0.0);
      gb_printf(d, "}, /* %s of ", dist_names[s->dist % 4]);
      gen_lit_comment(g, d, &m->classes[k]);
      gb_puts(d, " */\n");
    }
    if (!nc)
      gb_puts(d, "  {0, 0, 0}\n");
    gb_puts(d, "};\n");
    return;
  }
  gb_printf(d, "/* <PairCounts value=>: the values (pm_lit), then the "
               "counts of each\n** value per class (NaN: none), then each "
               "class's counts over the values */\n"
               "static const int32_t m%d_i%d_values[%d] = {",
            (int)mi, (int)i, in->n_values ? (int)in->n_values : 1);
  for (k = 0; k < in->n_values; k++)
    gb_printf(d, "%s%d", k % 16 ? ", " : k ? ",\n  " : "\n  ",
              (int)gen_plit(g, &in->values[k]));
  gb_puts(d, in->n_values ? "\n};\n" : "0};\n");
  gb_printf(d, "static const pm_real m%d_i%d_counts[%d] = {\n", (int)mi,
            (int)i, in->n_values > 0 && nc > 0 ? (int)(in->n_values * nc) : 1);
  for (k = 0; k < in->n_values; k++) {
    gb_puts(d, "  /* ");
    gen_lit_comment(g, d, &in->values[k]);
    gb_puts(d, " */ ");
    put_reals(d, in->counts + (size_t)k * nc, nc);
    gb_puts(d, "\n");
  }
  if (in->n_values == 0 || nc == 0)
    gb_puts(d, "  0\n");
  gb_printf(d, "};\nstatic const pm_real m%d_i%d_sums[%d] = {", (int)mi,
            (int)i, nc ? (int)nc : 1);
  put_reals(d, in->sums, nc);
  gb_puts(d, nc ? "};\n" : "0};\n");
}

/* <NaiveBayesModel>: tables, then m<M>_eval (pmmlE_naivebayes). */
static int
naivebayes_model(gen *g, const pm_model *m)
{
  const pm_naivebayes *nb = m->body;
  gbuf *d, *b;
  int32_t i, nc = m->n_classes, mi = m->index;
  gen_need(g, "naivebayes");
  for (i = 0; i < nb->n_inputs; i++)
    if (nb->inputs[i].expr >= 0 && gen_expr(g, nb->inputs[i].expr))
      return -1;
  if (nc < 1)
    return gen_fail(g, m->line, "NaiveBayesModel: no class to predict");
  for (i = 0; i < nb->n_inputs; i++)
    gen_input(g, m, &nb->inputs[i], i);
  d = gen_out(g, GS_DATA);
  gb_printf(d, "/* <BayesInputs> of model %d */\n"
               "static const pm_nbin m%d_inputs[%d] = {\n",
            (int)mi, (int)mi, nb->n_inputs ? (int)nb->n_inputs : 1);
  for (i = 0; i < nb->n_inputs; i++) {
    const pm_nbinput *in = &nb->inputs[i];
    if (in->continuous)
      gb_printf(d, "  {%d, 1, 0, 0, 0, 0, m%d_i%d_stats},\n",
                (int)gen_str(g, in->name), (int)mi, (int)i);
    else
      gb_printf(d, "  {%d, 0, m%d_i%d_values, %d, m%d_i%d_counts, "
                   "m%d_i%d_sums, 0},\n",
                (int)gen_str(g, in->name), (int)mi, (int)i,
                (int)in->n_values, (int)mi, (int)i, (int)mi, (int)i);
  }
  if (!nb->n_inputs)
    gb_puts(d, "  {0, 0, 0, 0, 0, 0, 0}\n");
  gb_printf(d, "};\n/* <BayesOutput>: the count of each class (NaN: none) */"
               "\nstatic const pm_real m%d_prior[%d] = {",
            (int)mi, (int)nc);
  put_reals(d, nb->prior, nc);
  gb_puts(d, "};\n");
  /* m<M>_eval */
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* NaiveBayesModel (line %u), threshold=", (unsigned)m->line);
  gb_real(b, nb->threshold);
  gb_printf(b, " */\nstatic int\nm%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  const pm_modeld *m = &pm_models[%d];\n"
               "  double L[%d], lthr = ",
            (int)mi, (int)mi, (int)(2 * nc));
  if (nb->threshold > 0) {
    gb_puts(b, "log(");
    gb_real(b, nb->threshold);
    gb_puts(b, ")");
  } else {
    gb_puts(b, "-INFINITY");
  }
  gb_printf(b, ";\n  pm_v v;\n  (void)v;\n  (void)lthr;\n"
               "  pm_nb_start(m, m%d_prior, L, res);\n",
            (int)mi);
  for (i = 0; i < nb->n_inputs; i++) {
    const pm_nbinput *in = &nb->inputs[i];
    gb_puts(b, "  /* <BayesInput fieldName=");
    gen_name(g, b, in->name);
    gb_puts(b, "> */\n");
    if (in->expr < 0) {
      gb_puts(b, "  v = *");
      gen_slot_ref(g, b, in->slot);
      gb_puts(b, ";\n  if (c->failed_)\n    return -1;\n");
    } else {
      gb_printf(b, "  if (x%d(c, 0, &v))\n    return -1;\n", (int)in->expr);
      if (in->dtype != PM_DT_ANY) {
        gen_note_cast(g, g->doc->exprs[in->expr].dt, in->dtype);
        gb_printf(b, "  if (pm_nb_cast(c, %d, %s, &v))\n    return -1;\n",
                  (int)gen_str(g, in->name), gen_dt(in->dtype));
      }
    }
    gb_printf(b, "  if (pm_nb_input(c, m, &m%d_inputs[%d], lthr, &v, L))\n"
                 "    return -1;\n",
              (int)mi, (int)i);
  }
  gb_printf(b, "  return pm_nb_end(m, L, L + %d, res);\n}\n", (int)nc);
  return 0;
}

const gen_family gen_naivebayes_family = {"NaiveBayesModel", naivebayes_model,
                                          NULL, NULL};
