/*
** gen_clustering.c: ClusteringModel (center-based) as generated C, and the
** comparison measures and compared fields it shares with
** NearestNeighborModel (gen_knn.c). The measure, the center fields and the
** cluster centers become static const tables; m<M>_eval reads the center
** fields in order and hands their values to pm_clu_eval of the run-time
** support (genrt.inc: clustering), the port of runtime/eval_clustering.c.
*/
#include <math.h>
#include <string.h>

#include "gen.h"

static const char *const metric_names[] = {
  "euclidean", "squaredEuclidean", "chebychev", "cityBlock", "minkowski",
  "simpleMatching", "jaccard", "tanimoto", "binarySimilarity", "none"};
static const char *const cmp_names[] = {"absDiff", "gaussSim", "delta",
                                        "equal", "table", "?"};

void
gen_measure(gen *g, gbuf *d, const pm_measure *ms)
{
  int i;
  (void)g;
  gb_printf(d, "  /* <ComparisonMeasure kind=\"%s\"><%s> */\n  {%d, %d, %d, ",
            ms->similarity ? "similarity" : "distance",
            metric_names[ms->metric % 10], (int)ms->similarity,
            (int)ms->metric, (int)ms->absdiff);
  gb_real(d, ms->metric == PM_MS_MINKOWSKI ? ms->p : 0.0);
  gb_puts(d, ", {");
  for (i = 0; i < 4; i++) {
    gb_puts(d, i ? ", " : "");
    gb_real(d, ms->metric == PM_MS_BINARY ? ms->c[i] : 0.0);
  }
  gb_puts(d, "}, {");
  for (i = 0; i < 4; i++) {
    gb_puts(d, i ? ", " : "");
    gb_real(d, ms->metric == PM_MS_BINARY ? ms->d[i] : 0.0);
  }
  gb_puts(d, "}},\n");
}

double
gen_cfield_ref(gen *g, const pm_cfield *f, double y)
{
  if (f->sym && !(f->cmp == PM_CF_TABLE && f->dom) && !isnan(y))
    return (double)gen_str(g, (int32_t)y);
  return y;
}

int
gen_cfields(gen *g, const pm_model *m, const pm_cfield *f, int32_t n)
{
  gbuf *d = gen_out(g, GS_DATA);
  int32_t i, k, mi = m->index;
  for (i = 0; i < n; i++) {
    const pm_domain *dom = f[i].dom;
    if (f[i].expr >= 0 && gen_expr(g, f[i].expr))
      return -1;
    if (f[i].cmp != PM_CF_TABLE)
      continue;
    gb_printf(d, "/* <Comparisons> of compared field %d */\n"
                 "static const pm_real m%d_f%d_table[%d] = {",
              (int)i, (int)mi, (int)i,
              f[i].n_table ? (int)(f[i].n_table * f[i].n_table) : 1);
    for (k = 0; k < f[i].n_table * f[i].n_table; k++) {
      gb_puts(d, k % f[i].n_table ? " " : "\n  ");
      gb_real(d, f[i].table[k]);
      gb_puts(d, ",");
    }
    gb_puts(d, f[i].n_table ? "\n};\n" : "0};\n");
    if (!dom)
      continue;
    gb_printf(d, "/* The rows of the matrix: the field's valid Values, "
                 "else its Intervals */\n"
                 "static const int32_t m%d_f%d_rows[%d] = {",
              (int)mi, (int)i, dom->n_valid ? (int)dom->n_valid : 1);
    for (k = 0; k < dom->n_values && dom->n_valid > 0; k++)
      if (dom->values[k].property == PM_PROP_VALID)
        gb_printf(d, "%d, ", (int)gen_plit(g, &dom->values[k].v));
    gb_puts(d, dom->n_valid ? "};\n" : "0};\n");
    gb_printf(d, "static const pm_interval m%d_f%d_ivs[%d] = {\n", (int)mi,
              (int)i, dom->n_intervals ? (int)dom->n_intervals : 1);
    for (k = 0; k < dom->n_intervals; k++) {
      gb_puts(d, "  {");
      gb_real(d, dom->intervals[k].left);
      gb_puts(d, ", ");
      gb_real(d, dom->intervals[k].right);
      gb_printf(d, ", %d},\n", (int)dom->intervals[k].closure);
    }
    if (!dom->n_intervals)
      gb_puts(d, "  {0, 0, 0}\n");
    gb_puts(d, "};\n");
  }
  gb_printf(d, "/* Compared fields: { name, element, compareFunction, "
               "strings, fieldWeight,\n** similarityScale, table, its size, "
               "domain rows, Values, Intervals } */\n"
               "static const pm_cfd m%d_fields[%d] = {\n",
            (int)mi, n ? (int)n : 1);
  for (i = 0; i < n; i++) {
    const pm_domain *dom = f[i].cmp == PM_CF_TABLE ? f[i].dom : NULL;
    gb_puts(d, "  /* ");
    gb_puts(d, f[i].element);
    gb_puts(d, " ");
    gen_name(g, d, f[i].name);
    gb_printf(d, " (line %u), %s */\n  {%d, ", (unsigned)f[i].line,
              cmp_names[f[i].cmp % 6], (int)gen_str(g, f[i].name));
    gb_cstr(d, f[i].element, strlen(f[i].element));
    gb_printf(d, ", %d, %d, ", (int)f[i].cmp, (int)f[i].sym);
    gb_real(d, f[i].weight);
    gb_puts(d, ", ");
    gb_real(d, f[i].cmp == PM_CF_GAUSSSIM ? f[i].scale : 0.0);
    if (f[i].cmp == PM_CF_TABLE)
      gb_printf(d, ", m%d_f%d_table, %d, ", (int)mi, (int)i,
                (int)f[i].n_table);
    else
      gb_puts(d, ", 0, 0, ");
    if (dom)
      gb_printf(d, "1, m%d_f%d_rows, %d, m%d_f%d_ivs, %d},\n", (int)mi,
                (int)i, (int)dom->n_valid, (int)mi, (int)i,
                dom->n_valid ? 0 : (int)dom->n_intervals);
    else
      gb_puts(d, "0, 0, 0, 0, 0},\n");
    if (f[i].sym)
      gen_note_cast(g, f[i].expr >= 0 ? g->doc->exprs[f[i].expr].dt
                                      : g->doc->slots[f[i].slot].dtype,
                    PMML_DT_STRING);
  }
  if (!n)
    gb_puts(d, "  {-1, \"\", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}\n");
  gb_puts(d, "};\n");
  return 0;
}

void
gen_cfield_values(gen *g, gbuf *b, const pm_model *m, const pm_cfield *f,
                  int32_t n)
{
  int32_t i;
  for (i = 0; i < n; i++) {
    gb_puts(b, "  /* ");
    gb_puts(b, f[i].element);
    gb_puts(b, " ");
    gen_name(g, b, f[i].name);
    gb_puts(b, " */\n");
    if (f[i].expr >= 0) {
      gb_printf(b, "  if (x%d(c, 0, &v))\n    return -1;\n"
                   "  rc[%d] = pm_cf_value(c, &m%d_fields[%d], &v, &x[%d]);"
                   "\n",
                (int)f[i].expr, (int)i, (int)m->index, (int)i, (int)i);
    } else {
      gb_printf(b, "  rc[%d] = pm_cf_value(c, &m%d_fields[%d], ", (int)i,
                (int)m->index, (int)i);
      gen_slot_ref(g, b, f[i].slot);
      gb_printf(b, ", &x[%d]);\n", (int)i);
    }
    gb_printf(b, "  if (rc[%d] < 0)\n    return -1;\n", (int)i);
  }
}

/* <ClusteringModel>: measure, fields, centers, then m<M>_eval. */
static int
clustering_model(gen *g, const pm_model *m)
{
  const pm_clustering *clu = m->body;
  gbuf *d, *b;
  int32_t i, k, n = clu->n_fields, mi = m->index, aff;
  gen_need(g, "clustering");
  if (gen_cfields(g, m, clu->fields, n))
    return -1;
  d = gen_out(g, GS_DATA);
  if (clu->mvw) {
    gb_printf(d, "/* <MissingValueWeights> */\n"
                 "static const pm_real m%d_mvw[%d] = {",
              (int)mi, (int)n);
    for (i = 0; i < n; i++) {
      gb_puts(d, i ? " " : "");
      gb_real(d, clu->mvw[i]);
      gb_puts(d, ",");
    }
    gb_puts(d, "};\n");
  }
  gb_printf(d, "/* <Cluster>s: the centers (strings as pm_str indices, "
               "table fields as rows),\n** then each cluster's id and name "
               "(pm_str indices) */\n"
               "static const pm_real m%d_centers[%d] = {\n",
            (int)mi, clu->n_clusters > 0 && n > 0 ? (int)(clu->n_clusters * n) : 1);
  for (k = 0; k < clu->n_clusters; k++) {
    gb_puts(d, "  /* ");
    gen_name(g, d, clu->clusters[k].id);
    gb_printf(d, " (line %u) */", (unsigned)clu->clusters[k].line);
    for (i = 0; i < n; i++) {
      gb_puts(d, i % 4 ? " " : "\n  ");
      gb_real(d, gen_cfield_ref(g, &clu->fields[i],
                                clu->centers[(size_t)k * n + i]));
      gb_puts(d, ",");
    }
    gb_puts(d, "\n");
  }
  if (clu->n_clusters == 0 || n == 0)
    gb_puts(d, "  0\n");
  gb_printf(d, "};\nstatic const int32_t m%d_ids[%d] = {", (int)mi,
            clu->n_clusters ? (int)clu->n_clusters : 1);
  for (k = 0; k < clu->n_clusters; k++)
    gb_printf(d, "%s%d", k ? ", " : "", (int)gen_str(g, clu->clusters[k].id));
  gb_printf(d, "%s};\nstatic const int32_t m%d_names[%d] = {",
            clu->n_clusters ? "" : "0", (int)mi,
            clu->n_clusters ? (int)clu->n_clusters : 1);
  for (k = 0; k < clu->n_clusters; k++)
    gb_printf(d, "%s%d", k ? ", " : "",
              (int)gen_str(g, clu->clusters[k].name));
  gb_printf(d, "%s};\n", clu->n_clusters ? "" : "0");
  aff = gen_dbl(g, clu->n_clusters ? clu->n_clusters : 1);
  gb_printf(d, "/* ClusteringModel (line %u) */\n"
               "static const pm_clud m%d_clu = {\n",
            (unsigned)m->line, (int)mi);
  gen_measure(g, d, &clu->meas);
  gb_printf(d, "  m%d_fields, %d, ", (int)mi, (int)n);
  if (clu->mvw)
    gb_printf(d, "m%d_mvw, ", (int)mi);
  else
    gb_puts(d, "0, ");
  gb_printf(d, "m%d_centers, m%d_ids, m%d_names, %d, %d\n};\n", (int)mi,
            (int)mi, (int)mi, (int)clu->n_clusters, (int)aff);
  /* m<M>_eval */
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* ClusteringModel (line %u): the center fields, then the "
               "closest cluster. */\nstatic int\nm%d_eval(pm_ctx *c, pm_res "
               "*res)\n{\n  double x[%d];\n  int rc[%d];\n  pm_v v;\n"
               "  (void)v;\n",
            (unsigned)m->line, (int)mi, n ? (int)n : 1, n ? (int)n : 1);
  gen_cfield_values(g, b, m, clu->fields, n);
  gb_printf(b, "  return pm_clu_eval(c, &pm_models[%d], &m%d_clu, x, rc, "
               "res);\n}\n",
            (int)mi, (int)mi);
  return 0;
}

/* The cluster whose id (else name) is value=; -2 when none is
** (eval_clustering.c: cluster_named). */
static int32_t
cluster_named(const pm_clustering *clu, const pm_ofield *of)
{
  int32_t k;
  if (of->value.sym < 0)
    return -2;
  for (k = 0; k < clu->n_clusters; k++)
    if (clu->clusters[k].id == of->value.sym)
      return k;
  for (k = 0; k < clu->n_clusters; k++)
    if (clu->clusters[k].name == of->value.sym)
      return k;
  return -2;
}

/* PMML 4.4 Output for clustering models (pmmlE_clustering_feature). */
static int
clustering_feature(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b)
{
  const pm_clustering *clu = m->body;
  const char *what;
  int32_t named = -1;
  (void)g;
  switch (of->feature) {
  case PM_FEAT_DISPLAY:
    what = "PM_CO_DISPLAY";
    break;
  case PM_FEAT_CLUSTER_ID:
    what = "PM_CO_CLUSTER_ID";
    break;
  case PM_FEAT_ENTITY_ID:
    what = "PM_CO_ENTITY_ID";
    break;
  case PM_FEAT_AFFINITY:
    what = "PM_CO_AFFINITY";
    break;
  case PM_FEAT_ENTITY_AFFINITY:
    what = "PM_CO_ENTITY_AFFINITY";
    break;
  case PM_FEAT_CLUSTER_AFFINITY:
    what = "PM_CO_CLUSTER_AFFINITY";
    break;
  default:
    return 1;
  }
  if (of->value.t != PM_T_MISSING)
    named = cluster_named(clu, of);
  gb_printf(b, "  pm_clu_feature(c, &m%d_clu, res, %s, %d, %d, out);\n",
            (int)m->index, what, (int)of->rank, (int)named);
  return 0;
}

const gen_family gen_clustering_family = {"ClusteringModel", clustering_model,
                                          clustering_feature, NULL};
