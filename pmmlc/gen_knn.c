/*
** gen_knn.c: NearestNeighborModel as generated C. The TrainingInstances
** become static const tables (the KNNInput values of each instance, its
** target: a class index or a number, its id), the measure and KNNInputs
** those of gen_clustering.c; m<M>_eval reads the KNNInputs in order and
** hands them to pm_knn_eval of the run-time support (genrt.inc: knn), the
** port of runtime/eval_knn.c: a bounded heap of the nearest instances on
** the stack, then the vote or the average.
*/
#include "gen.h"

static const char *const cont_names[] = {"average", "median",
                                         "weightedAverage"};
static const char *const cat_names[] = {"majorityVote",
                                        "weightedMajorityVote"};

/* <NearestNeighborModel>: tables, then m<M>_eval (pmmlE_knn). */
static int
knn_model(gen *g, const pm_model *m)
{
  const pm_knn *knn = m->body;
  gbuf *d, *b;
  int32_t i, j, n = knn->n_inputs, mi = m->index, ni = knn->n_inst, off;
  int32_t tmp;
  gen_need(g, "knn");
  if (gen_cfields(g, m, knn->inputs, n))
    return -1;
  d = gen_out(g, GS_DATA);
  gb_printf(d, "/* <TrainingInstances>: the KNNInputs of each instance "
               "(strings as pm_str\n** indices, table fields as rows), then "
               "the targets and the ids */\n"
               "static const pm_real m%d_x[%d] = {\n",
            (int)mi, ni > 0 && n > 0 ? (int)(ni * n) : 1);
  for (i = 0; i < ni; i++) {
    gb_printf(d, "  /* %d */", (int)i);
    for (j = 0; j < n; j++) {
      gb_puts(d, j % 4 ? " " : "\n  ");
      gb_real(d, gen_cfield_ref(g, &knn->inputs[j],
                                knn->x[(size_t)i * n + j]));
      gb_puts(d, ",");
    }
    gb_puts(d, "\n");
  }
  if (ni == 0 || n == 0)
    gb_puts(d, "  0\n");
  gb_puts(d, "};\n");
  if (knn->klass) {
    gb_printf(d, "/* The class of each instance */\n"
                 "static const int32_t m%d_klass[%d] = {",
              (int)mi, ni ? (int)ni : 1);
    for (i = 0; i < ni; i++)
      gb_printf(d, "%s%d", i % 16 ? ", " : i ? ",\n  " : "\n  ",
                (int)knn->klass[i]);
    gb_puts(d, ni ? "\n};\n" : "0};\n");
    gb_printf(d, "/* Instances per class */\n"
                 "static const pm_real m%d_count[%d] = {",
              (int)mi, m->n_classes ? (int)m->n_classes : 1);
    for (i = 0; i < m->n_classes; i++) {
      gb_puts(d, i ? " " : "");
      gb_real(d, knn->class_count[i]);
      gb_puts(d, ",");
    }
    gb_puts(d, m->n_classes ? "};\n" : "0};\n");
  }
  if (knn->y) {
    gb_printf(d, "/* The target of each instance */\n"
                 "static const pm_real m%d_y[%d] = {",
              (int)mi, ni ? (int)ni : 1);
    for (i = 0; i < ni; i++) {
      gb_puts(d, i % 4 ? " " : "\n  ");
      gb_real(d, knn->y[i]);
      gb_puts(d, ",");
    }
    gb_puts(d, ni ? "\n};\n" : "0};\n");
  }
  gb_printf(d, "/* The id of each instance (pm_str) */\n"
               "static const int32_t m%d_ids[%d] = {",
            (int)mi, ni ? (int)ni : 1);
  for (i = 0; i < ni; i++)
    gb_printf(d, "%s%d", i % 16 ? ", " : i ? ",\n  " : "\n  ",
              (int)gen_str(g, knn->ids[i]));
  gb_puts(d, ni ? "\n};\n" : "0};\n");
  off = gen_dbl(g, n + 2 * knn->keep > 0 ? n + 2 * knn->keep : 1);
  gb_printf(d, "/* NearestNeighborModel (line %u): numberOfNeighbors=%d, "
               "%s, %s */\nstatic const pm_knnd m%d_knn = {\n",
            (unsigned)m->line, (int)knn->k, cont_names[knn->cont % 3],
            cat_names[knn->cat % 2], (int)mi);
  gen_measure(g, d, &knn->meas);
  gb_printf(d, "  m%d_fields, %d, %d, %d, %d, %d, ", (int)mi, (int)n,
            (int)knn->k, (int)knn->keep, (int)knn->cont, (int)knn->cat);
  gb_real(d, knn->threshold);
  gb_printf(d, ",\n  %d, m%d_x, ", (int)ni, (int)mi);
  if (knn->klass)
    gb_printf(d, "m%d_klass, ", (int)mi);
  else
    gb_puts(d, "0, ");
  if (knn->y)
    gb_printf(d, "m%d_y, ", (int)mi);
  else
    gb_puts(d, "0, ");
  gb_printf(d, "m%d_ids, ", (int)mi);
  if (knn->klass)
    gb_printf(d, "m%d_count, ", (int)mi);
  else
    gb_puts(d, "0, ");
  gb_printf(d, "%d\n};\n", (int)off);
  /* m<M>_eval */
  tmp = knn->k > m->n_classes ? knn->k : m->n_classes;
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* NearestNeighborModel (line %u): the KNNInputs, then "
               "the nearest instances. */\nstatic int\nm%d_eval(pm_ctx *c, "
               "pm_res *res)\n{\n  double x[%d], h[%d], tmp[%d];\n"
               "  int rc[%d];\n  int32_t i, present = 0;\n  pm_v v;\n"
               "  (void)v;\n",
            (unsigned)m->line, (int)mi, n ? (int)n : 1,
            knn->keep ? (int)(2 * knn->keep) : 1, tmp ? (int)tmp : 1,
            n ? (int)n : 1);
  gen_cfield_values(g, b, m, knn->inputs, n);
  gb_printf(b, "  for (i = 0; i < %d; i++)\n    present += rc[i] == 0;\n"
               "  return pm_knn_eval(c, &pm_models[%d], &m%d_knn, x, present, "
               "h, tmp, res);\n}\n",
            (int)n, (int)mi, (int)mi);
  return 0;
}

/* PMML 4.4 Output for k-NN (pmmlE_knn_feature). */
static int
knn_feature(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b)
{
  const pm_knn *knn = m->body;
  const char *what;
  int32_t id = -1, i;
  switch (of->feature) {
  case PM_FEAT_ENTITY_ID:
    what = "PM_CO_ENTITY_ID";
    break;
  case PM_FEAT_AFFINITY:
    what = "PM_CO_AFFINITY";
    break;
  case PM_FEAT_ENTITY_AFFINITY:
    what = "PM_CO_ENTITY_AFFINITY";
    break;
  default:
    return 1;
  }
  if (of->value.t != PM_T_MISSING) {
    id = -2;
    for (i = 0; i < knn->n_inst && of->value.sym >= 0; i++)
      if (knn->ids[i] == of->value.sym) {
        id = gen_str(g, of->value.sym);
        break;
      }
  }
  gb_printf(b, "  {\n    double xd[%d];\n"
               "    pm_knn_feature(c, &m%d_knn, res, %s, %d, %d, xd, out);"
               "\n  }\n",
            knn->n_inputs ? (int)knn->n_inputs : 1, (int)m->index, what,
            (int)of->rank, (int)id);
  return 0;
}

const gen_family gen_knn_family = {"NearestNeighborModel", knn_model,
                                   knn_feature, NULL};
