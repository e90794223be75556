/*
** gen_svm.c: SupportVectorMachineModel as generated C. The VectorInstances,
** the support vectors and coefficients of every SupportVectorMachine become
** static const tables; m<M>_x turns the record into the vector x over the
** VectorFields (one statement per field, in order), and m<M>_eval hands x
** to pm_svm_eval of the run-time support (genrt.inc: svm), the port of
** runtime/eval_svm.c: kernels, one-against-one votes, one-against-all.
*/
#include "gen.h"

static const char *const kernel_names[] = {
  "LinearKernelType", "PolynomialKernelType", "RadialBasisKernelType",
  "SigmoidKernelType"};

/* m<M>_x(c, x): the record as a vector (eval_svm.c: input_vector). */
static int
gen_vector(gen *g, const pm_model *m, const pm_svm *svm)
{
  gbuf *b;
  int32_t i, mi = m->index;
  for (i = 0; i < svm->n_fields; i++)
    if (svm->fields[i].expr >= 0 && gen_expr(g, svm->fields[i].expr))
      return -1;
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_x(pm_ctx *c, double *x);\n", (int)mi);
  gb_printf(b, "\n/* <VectorFields> of model %d: the record as a vector; 0, "
               "1 when a\n** coordinate is missing (no prediction), -1 when "
               "the record failed. */\nstatic int\nm%d_x(pm_ctx *c, double "
               "*x)\n{\n  pm_v v;\n  const pm_v *p;\n  int rc;\n"
               "  (void)p;\n  (void)v;\n",
            (int)mi, (int)mi);
  for (i = 0; i < svm->n_fields; i++) {
    const pm_vfield *f = &svm->fields[i];
    if (f->expr < 0) {
      gb_puts(b, "  /* <CategoricalPredictor name=");
      gen_name(g, b, f->name);
      gb_puts(b, " value=");
      gen_lit_comment(g, b, &f->value);
      gb_puts(b, " coefficient=");
      gb_real(b, f->coef);
      gb_puts(b, "> */\n  p = ");
      gen_slot_ref(g, b, f->slot);
      gb_printf(b, ";\n  if (c->failed_)\n    return -1;\n"
                   "  if (p->t == PM_T_MISSING)\n    return 1;\n"
                   "  x[%d] = pm_equal(p, &pm_lit[%d]) == 1 ? ",
                (int)i, (int)gen_plit(g, &f->value));
      gb_real(b, f->coef);
      gb_puts(b, " : 0.0;\n");
      continue;
    }
    gb_printf(b, "  /* VectorField %d (line %u) */\n"
                 "  if (x%d(c, 0, &v))\n    return -1;\n"
                 "  if ((rc = pm_svm_x(c, &v, %d, &x[%d])) != 0)\n"
                 "    return rc;\n",
              (int)i + 1, (unsigned)f->line, (int)f->expr, (int)i, (int)i);
  }
  gb_puts(b, "  return 0;\n}\n");
  return 0;
}

/* <SupportVectorMachineModel>: tables, m<M>_x, m<M>_eval. */
static int
svm_model(gen *g, const pm_model *m)
{
  const pm_svm *svm = m->body;
  gbuf *d, *b;
  int32_t i, k, mi = m->index, nf = svm->n_fields, n_sv = 0;
  gen_need(g, "svm");
  if (gen_vector(g, m, svm))
    return -1;
  d = gen_out(g, GS_DATA);
  for (i = 0; i < svm->n_machines; i++)
    if (svm->machines[i].first + svm->machines[i].n > n_sv)
      n_sv = svm->machines[i].first + svm->machines[i].n;
  /* VectorInstances */
  gb_printf(d, "\n/* <VectorDictionary> of model %d: %d VectorInstances of "
               "%d coordinates */\nstatic const pm_real m%d_vectors[%d] = {\n",
            (int)mi, (int)svm->n_vectors, (int)nf, (int)mi,
            svm->n_vectors > 0 && nf > 0 ? (int)(svm->n_vectors * nf) : 1);
  for (i = 0; i < svm->n_vectors; i++) {
    gb_puts(d, "  /* ");
    gen_name(g, d, svm->vec_ids ? svm->vec_ids[i] : -1);
    gb_puts(d, " */");
    for (k = 0; k < nf; k++) {
      gb_puts(d, k % 4 == 0 ? "\n  " : " ");
      gb_real(d, svm->vectors[(size_t)i * nf + k]);
      gb_puts(d, ",");
    }
    gb_puts(d, "\n");
  }
  if (svm->n_vectors * nf == 0)
    gb_puts(d, "  0\n");
  gb_printf(d, "};\n/* The vectors some machine reads. */\n"
               "static const int32_t m%d_used[%d] = {",
            (int)mi, svm->n_used ? (int)svm->n_used : 1);
  for (i = 0; i < svm->n_used; i++)
    gb_printf(d, "%s%d", i % 16 ? ", " : i ? ",\n  " : "\n  ",
              (int)svm->used[i]);
  gb_puts(d, svm->n_used ? "\n};\n" : "0};\n");
  /* Support vectors and coefficients of every machine */
  gb_printf(d, "/* <SupportVectors> and <Coefficients> of every "
               "SupportVectorMachine: { vector, coefficient } */\n"
               "static const int32_t m%d_sv[%d] = {",
            (int)mi, n_sv ? (int)n_sv : 1);
  for (i = 0; i < n_sv; i++)
    gb_printf(d, "%s%d", i % 16 ? ", " : i ? ",\n  " : "\n  ",
              svm->repr == PM_SVM_SUPPORT_VECTORS ? (int)svm->sv[i] : 0);
  gb_puts(d, n_sv ? "\n};\n" : "0};\n");
  gb_printf(d, "static const pm_real m%d_coef[%d] = {", (int)mi,
            n_sv ? (int)n_sv : 1);
  for (i = 0; i < n_sv; i++) {
    gb_puts(d, i % 4 ? " " : "\n  ");
    gb_real(d, svm->coef[i]);
    gb_puts(d, ",");
  }
  gb_puts(d, n_sv ? "\n};\n" : "0};\n");
  gb_printf(d, "/* <SupportVectorMachine>s: { targetCategory, "
               "alternateTargetCategory (classes),\n** threshold, "
               "absoluteValue, first, count, line } */\n"
               "static const pm_svmach m%d_machines[%d] = {\n",
            (int)mi, svm->n_machines ? (int)svm->n_machines : 1);
  for (i = 0; i < svm->n_machines; i++) {
    const pm_svmachine *mc = &svm->machines[i];
    gb_printf(d, "  {%d, %d, ", (int)mc->k_target, (int)mc->k_alt);
    gb_real(d, mc->threshold);
    gb_puts(d, ", ");
    gb_real(d, mc->b);
    gb_printf(d, ", %d, %d, %u}, /* line %u", (int)mc->first, (int)mc->n,
              (unsigned)mc->line, (unsigned)mc->line);
    if (mc->target.t != PM_T_MISSING) {
      gb_puts(d, ": ");
      gen_lit_comment(g, d, &mc->target);
      if (mc->alt.t != PM_T_MISSING) {
        gb_puts(d, " vs ");
        gen_lit_comment(g, d, &mc->alt);
      }
    }
    gb_puts(d, " */\n");
  }
  if (!svm->n_machines)
    gb_puts(d, "  {-1, -1, 0, 0, 0, 0, 0}\n");
  gb_printf(d, "};\n/* <SupportVectorMachineModel> (line %u): %s, %s, "
               "%s */\nstatic const pm_svmd m%d_svm = {\n  %d, %d, %d, %d, ",
            (unsigned)m->line, kernel_names[svm->kernel % 4],
            svm->method == PM_SVM_ONE_AGAINST_ALL ? "OneAgainstAll"
                                                  : "OneAgainstOne",
            svm->repr == PM_SVM_COEFFICIENTS ? "Coefficients"
                                             : "SupportVectors",
            (int)mi, (int)svm->kernel, (int)svm->method, (int)svm->repr,
            (int)svm->max_wins);
  gb_real(d, svm->gamma);
  gb_puts(d, ", ");
  gb_real(d, svm->coef0);
  gb_puts(d, ", ");
  gb_real(d, svm->degree);
  gb_puts(d, ", ");
  gb_real(d, svm->threshold);
  gb_printf(d, ",\n  %d, %d, m%d_vectors, m%d_used, %d, m%d_sv, m%d_coef, "
               "m%d_machines, %d\n};\n",
            (int)svm->k_alt_binary, (int)nf, (int)mi, (int)mi,
            (int)svm->n_used, (int)mi, (int)mi, (int)mi,
            (int)svm->n_machines);
  /* m<M>_eval */
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  gb_printf(b, "\n/* SupportVectorMachineModel (line %u) */\nstatic int\n"
               "m%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  double x[%d], kv[%d]%s;\n"
               "  int rc = m%d_x(c, x);\n"
               "  if (rc)\n    return rc < 0 ? -1 : 0;\n"
               "  return pm_svm_eval(c, &pm_models[%d], &m%d_svm, x, kv, %d, "
               "res);\n}\n",
            (unsigned)m->line, (int)mi, nf ? (int)nf : 1,
            (int)(svm->n_vectors + 2 * m->n_classes) > 0
                ? (int)(svm->n_vectors + 2 * m->n_classes)
                : 1,
            svm->repr == PM_SVM_COEFFICIENTS ? " = {0}" : "", (int)mi,
            (int)mi, (int)mi, (int)svm->n_vectors);
  return 0;
}

/* One-against-all defines no probability: such outputs are missing
** (pmmlE_svm_feature). */
static int
svm_feature(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b)
{
  const pm_svm *svm = m->body;
  (void)g;
  if ((of->feature == PM_FEAT_PROBABILITY ||
       of->feature == PM_FEAT_CONFIDENCE) &&
      m->function == PM_FN_CLASSIFICATION &&
      svm->method == PM_SVM_ONE_AGAINST_ALL) {
    gb_puts(b, "  /* OneAgainstAll: no probabilities */\n");
    return 0;
  }
  return 1;
}

const gen_family gen_svm_family = {"SupportVectorMachineModel", svm_model,
                                   svm_feature, NULL};
