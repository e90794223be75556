/*
** load_svm.c: <SupportVectorMachineModel>. The kernel element, the
** VectorDictionary (VectorFields: FieldRefs or 4.3's CategoricalPredictors;
** VectorInstances as a dense Array or a REAL-SparseArray, stored dense in
** one flat array), and the SupportVectorMachines with their SupportVectors
** (vector ids become indices when the model ends) and Coefficients.
** Resolving binds the fields and the categories; eval_svm.c scores.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* VectorFields entries: a CategoricalPredictor is pushed on the index
** stack as -2 - its index, between the expressions of the FieldRefs. */
#define CATPRED(i) (-2 - (i))

typedef struct svm_loader {
  pm_svm *svm;
  int has_method;       /* classificationMethod was given */
  int has_kernel;
  pm_vec cats;          /* pm_vfield: CategoricalPredictors as read */
  pm_vec vectors;       /* double: the VectorInstances, n_fields each */
  pm_vec vec_ids;       /* int32_t */
  pm_vec sv_ids;        /* int32_t: SupportVector@vectorId (strtab) */
  pm_vec coef;          /* double */
  pm_vec machines;      /* pm_svmachine */
  /* The open VectorInstance */
  int32_t n_given;      /* REAL-SparseArray@n or Array@n, -1 */
  double sparse_dflt;   /* REAL-SparseArray@defaultValue */
  pm_vec idx;           /* double: its Indices */
  pm_vec ent;           /* double: its REAL-Entries */
  int got_array;
  int32_t sv_mark, coef_mark; /* the open machine's first sv / coefficient */
  int got_coefs;
} svm_loader;

static const char *const method_names[] = {"OneAgainstAll", "OneAgainstOne",
                                           NULL};
static const char *const repr_names[] = {"SupportVectors", "Coefficients",
                                         NULL};

static svm_loader *
sl(pm_loader *ld)
{
  return ld->model->body;
}

/* <SupportVectorMachineModel threshold= svmRepresentation=
**   classificationMethod= maxWins= alternateBinaryTargetCategory=> */
static void
svm_start(pm_loader *ld, pm_model *m, const char **atts)
{
  svm_loader *s = pmmlL_alloc(ld, sizeof *s);
  pm_svm *svm;
  if (!s)
    return;
  s->svm = svm = pmmlL_alloc(ld, sizeof *s->svm);
  if (!svm)
    return;
  pmmlL_track(ld, &s->cats, sizeof(pm_vfield));
  pmmlL_track(ld, &s->vectors, sizeof(double));
  pmmlL_track(ld, &s->vec_ids, sizeof(int32_t));
  pmmlL_track(ld, &s->sv_ids, sizeof(int32_t));
  pmmlL_track(ld, &s->coef, sizeof(double));
  pmmlL_track(ld, &s->machines, sizeof(pm_svmachine));
  pmmlL_track(ld, &s->idx, sizeof(double));
  pmmlL_track(ld, &s->ent, sizeof(double));
  m->body = s;
  svm->threshold = pmmlL_num(ld, atts, "threshold", 0.0);
  svm->repr = (uint8_t)pmmlL_enum(ld, atts, "svmRepresentation", repr_names,
                                  PM_SVM_SUPPORT_VECTORS);
  s->has_method = pmmlL_attr(atts, "classificationMethod") != NULL;
  svm->method = (uint8_t)pmmlL_enum(ld, atts, "classificationMethod",
                                    method_names, PM_SVM_ONE_AGAINST_ALL);
  svm->max_wins = (uint8_t)pmmlL_bool(ld, atts, "maxWins", 0);
  svm->alt_binary = pmmlL_lit(ld, atts, "alternateBinaryTargetCategory");
  svm->k_alt_binary = -1;
  svm->n_fields = -1;
}

/* The kernel elements: <LinearKernelType/>, <PolynomialKernelType gamma=
** coef0= degree=/>, <RadialBasisKernelType gamma=/>, <SigmoidKernelType
** gamma= coef0=/>. */
static void
kernel(pm_loader *ld, const char **atts, int k)
{
  svm_loader *s = sl(ld);
  if (s->has_kernel) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachineModel: more than one kernel");
    return;
  }
  s->has_kernel = 1;
  s->svm->kernel = (uint8_t)k;
  s->svm->gamma = pmmlL_num(ld, atts, "gamma", 1.0);
  s->svm->coef0 = pmmlL_num(ld, atts, "coef0", 1.0);
  s->svm->degree = pmmlL_num(ld, atts, "degree", 1.0);
}

static void
linear_start(pm_loader *ld, const char **atts)
{
  kernel(ld, atts, PM_KERNEL_LINEAR);
}

static void
poly_start(pm_loader *ld, const char **atts)
{
  kernel(ld, atts, PM_KERNEL_POLYNOMIAL);
}

static void
rbf_start(pm_loader *ld, const char **atts)
{
  kernel(ld, atts, PM_KERNEL_RBF);
}

static void
sigmoid_start(pm_loader *ld, const char **atts)
{
  kernel(ld, atts, PM_KERNEL_SIGMOID);
}

/* <VectorFields> FieldRef | CategoricalPredictor ... </VectorFields> */
static void
vfields_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  (void)atts;
  if (s->svm->n_fields >= 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "VectorDictionary: more than one "
               "VectorFields");
    return;
  }
  pmmlL_frame(ld, 0)->obj = s;
}

/* <CategoricalPredictor name= value= coefficient=/> */
static void
catpred_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  const char *name = pmmlL_need(ld, atts, "name");
  pm_vfield *f;
  if (!name || !pmmlL_need(ld, atts, "value"))
    return;
  f = pmmlL_push(ld, &s->cats, sizeof *f);
  if (!f)
    return;
  f->expr = -1;
  f->name = pmmlL_intern(ld, name, strlen(name));
  f->slot = -1;
  f->value = pmmlL_lit(ld, atts, "value");
  f->coef = pmmlL_num(ld, atts, "coefficient", 1.0);
  f->line = pmmlL_frame(ld, 0)->line;
  pmmlL_push_index(ld, CATPRED((int32_t)s->cats.len - 1));
}

static void
vfields_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  svm_loader *s = f->obj;
  pm_svm *svm;
  int32_t n, *kids, i;
  if (!s)
    return;
  svm = s->svm;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (ld->failed)
    return;
  if (n == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "VectorFields: no field");
    return;
  }
  svm->fields = pmmlL_alloc(ld, (size_t)n * sizeof(pm_vfield));
  if (!svm->fields)
    return;
  svm->n_fields = n;
  for (i = 0; i < n; i++) {
    pm_vfield *vf = &svm->fields[i];
    if (kids[i] >= 0) {
      vf->expr = kids[i];
      vf->name = -1;
      vf->slot = -1;
      vf->value.t = PM_T_MISSING;
      vf->value.raw = vf->value.sym = -1;
      vf->line = f->line;
    } else {
      *vf = ((pm_vfield *)s->cats.data)[-2 - kids[i]];
    }
  }
}

/* <VectorInstance id=> REAL-SparseArray | Array </VectorInstance> */
static void
instance_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  const char *id = pmmlL_need(ld, atts, "id");
  int32_t *p;
  if (!id)
    return;
  if (s->svm->n_fields < 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "VectorInstance: VectorFields must come first");
    return;
  }
  if (s->vec_ids.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many VectorInstances");
    return;
  }
  p = pmmlL_push(ld, &s->vec_ids, sizeof *p);
  if (!p)
    return;
  *p = pmmlL_intern(ld, id, strlen(id));
  s->got_array = 0;
}

/* A vector's coordinates: room for n_fields more doubles, zeroed. */
static double *
new_vector(pm_loader *ld, svm_loader *s, double fill)
{
  size_t nf = (size_t)s->svm->n_fields, i;
  double *v;
  if (s->got_array) {
    pmmlL_fail(ld, PMML_E_INVALID, "VectorInstance: more than one array");
    return NULL;
  }
  s->got_array = 1;
  if (pmmlM_vec_reserve(ld->a, &s->vectors, sizeof(double),
                        s->vectors.len + nf)) {
    pmmlL_nomem(ld);
    return NULL;
  }
  v = (double *)s->vectors.data + s->vectors.len;
  s->vectors.len += nf;
  for (i = 0; i < nf; i++)
    v[i] = fill;
  return v;
}

/* <Array n= type="real">...</Array> */
static void
array_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  const char *type = pmmlL_attr(atts, "type");
  if (type && strcmp(type, "real") && strcmp(type, "int")) {
    pmmlL_fail(ld, PMML_E_INVALID, "VectorInstance: Array of type \"%.20s\""
               " (real or int)", type);
    return;
  }
  s->n_given = (int32_t)pmmlL_int(ld, atts, "n", -1, 0, 0x7fffffff);
}

static void
array_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  double *v;
  if (ld->failed)
    return;
  s->ent.len = 0;
  if (pmmlL_push_numbers(ld, &s->ent, text, len, 0, "Array") < 0)
    return;
  if ((int32_t)s->ent.len != s->svm->n_fields ||
      (s->n_given >= 0 && s->n_given != (int32_t)s->ent.len)) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "VectorInstance: %d values for %d VectorFields",
               (int)s->ent.len, (int)s->svm->n_fields);
    return;
  }
  v = new_vector(ld, s, 0.0);
  if (v)
    memcpy(v, s->ent.data, s->ent.len * sizeof(double));
}

/* <REAL-SparseArray n= defaultValue=><Indices/><REAL-Entries/> */
static void
sparse_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  s->n_given = (int32_t)pmmlL_int(ld, atts, "n", -1, 0, 0x7fffffff);
  s->sparse_dflt = pmmlL_num(ld, atts, "defaultValue", 0.0);
  s->idx.len = s->ent.len = 0;
}

static void
indices_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  if (!ld->failed)
    pmmlL_push_numbers(ld, &s->idx, text, len, 0, "Indices");
}

static void
entries_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  size_t len;
  const char *text = pmmlL_text(ld, &len);
  if (!ld->failed)
    pmmlL_push_numbers(ld, &s->ent, text, len, 0, "REAL-Entries");
}

static void
sparse_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  const double *idx = s->idx.data, *ent = s->ent.data;
  int32_t nf = s->svm->n_fields;
  size_t i;
  double *v;
  if (ld->failed)
    return;
  if (s->idx.len != s->ent.len) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "REAL-SparseArray: %d Indices but %d REAL-Entries",
               (int)s->idx.len, (int)s->ent.len);
    return;
  }
  if (s->n_given >= 0 && s->n_given != nf) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "REAL-SparseArray: n=\"%d\" for %d VectorFields",
               (int)s->n_given, (int)nf);
    return;
  }
  v = new_vector(ld, s, s->sparse_dflt);
  if (!v)
    return;
  for (i = 0; i < s->idx.len; i++) {
    double k = idx[i];
    if (!(k >= 1 && k <= nf) || k != floor(k)) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "REAL-SparseArray: index %g outside 1..%d", k, (int)nf);
      return;
    }
    v[(int32_t)k - 1] = ent[i];
  }
}

static void
instance_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  if (!ld->failed && !s->got_array)
    pmmlL_fail(ld, PMML_E_INVALID,
               "VectorInstance: no Array or REAL-SparseArray");
}

/* <SupportVectorMachine targetCategory= alternateTargetCategory=
**   threshold=> */
static void
machine_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  pm_svmachine *mc = pmmlL_push(ld, &s->machines, sizeof *mc);
  if (!mc)
    return;
  mc->target = pmmlL_lit(ld, atts, "targetCategory");
  mc->alt = pmmlL_lit(ld, atts, "alternateTargetCategory");
  mc->k_target = mc->k_alt = -1;
  mc->threshold = pmmlL_num(ld, atts, "threshold", NAN);
  mc->line = pmmlL_frame(ld, 0)->line;
  s->sv_mark = (int32_t)s->sv_ids.len;
  s->coef_mark = (int32_t)s->coef.len;
  s->got_coefs = 0;
}

static void
machine_end(pm_loader *ld)
{
  svm_loader *s = sl(ld);
  pm_svmachine *mc;
  int32_t nsv, nc;
  if (ld->failed)
    return;
  mc = (pm_svmachine *)s->machines.data + s->machines.len - 1;
  nsv = (int32_t)s->sv_ids.len - s->sv_mark;
  nc = (int32_t)s->coef.len - s->coef_mark;
  if (!s->got_coefs) {
    pmmlL_fail(ld, PMML_E_INVALID, "SupportVectorMachine: no Coefficients");
    return;
  }
  if (s->svm->repr == PM_SVM_COEFFICIENTS) {
    if (nsv != 0 || nc != s->svm->n_fields) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "SupportVectorMachine: svmRepresentation=\"Coefficients\" "
                 "takes one Coefficient per VectorField (%d), found %d",
                 (int)s->svm->n_fields, (int)nc);
      return;
    }
    /* No vectors: keep the sv list aligned with the coefficients. */
    while ((int32_t)s->sv_ids.len < s->sv_mark + nc) {
      int32_t *p = pmmlL_push(ld, &s->sv_ids, sizeof *p);
      if (!p)
        return;
      *p = -1;
    }
  } else if (nsv != nc) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachine: %d SupportVectors but %d "
               "Coefficients",
               (int)nsv, (int)nc);
    return;
  }
  mc->first = s->coef_mark;
  mc->n = nc;
}

/* <SupportVector vectorId=/> */
static void
sv_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  const char *id = pmmlL_need(ld, atts, "vectorId");
  int32_t *p;
  if (!id)
    return;
  p = pmmlL_push(ld, &s->sv_ids, sizeof *p);
  if (p)
    *p = pmmlL_intern(ld, id, strlen(id));
}

/* <Coefficients absoluteValue=><Coefficient value=/>... */
static void
coefs_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  if (s->got_coefs) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachine: more than one Coefficients");
    return;
  }
  s->got_coefs = 1;
  ((pm_svmachine *)s->machines.data)[s->machines.len - 1].b =
      pmmlL_num(ld, atts, "absoluteValue", 0.0);
}

static void
coef_start(pm_loader *ld, const char **atts)
{
  svm_loader *s = sl(ld);
  double *p = pmmlL_push(ld, &s->coef, sizeof *p);
  if (p)
    *p = pmmlL_num(ld, atts, "value", 0.0);
}

static const pm_elem vfields_children[] = {
  {"CategoricalPredictor", catpred_start, NULL, NULL, 0},
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

static const pm_elem sparse_children[] = {
  {"Indices", NULL, indices_end, NULL, PM_EL_TEXT},
  {"REAL-Entries", NULL, entries_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem instance_children[] = {
  {"REAL-SparseArray", sparse_start, sparse_end, sparse_children, 0},
  {"Array", array_start, array_end, NULL, PM_EL_TEXT},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem dict_children[] = {
  {"VectorFields", vfields_start, vfields_end, vfields_children, 0},
  {"VectorInstance", instance_start, instance_end, instance_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem svs_children[] = {
  {"SupportVector", sv_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem coefs_children[] = {
  {"Coefficient", coef_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem machine_children[] = {
  {"SupportVectors", NULL, NULL, svs_children, 0},
  {"Coefficients", coefs_start, NULL, coefs_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_svm_elems[] = {
  {"LinearKernelType", linear_start, NULL, NULL, 0},
  {"PolynomialKernelType", poly_start, NULL, NULL, 0},
  {"RadialBasisKernelType", rbf_start, NULL, NULL, 0},
  {"SigmoidKernelType", sigmoid_start, NULL, NULL, 0},
  {"VectorDictionary", NULL, NULL, dict_children, 0},
  {"SupportVectorMachine", machine_start, machine_end, machine_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

/* Vector ids to indices; the classification method inferred when the
** model does not say (as the reference evaluator does: a machine with an
** alternateTargetCategory, or alternateBinaryTargetCategory, means
** one-against-one). */
static void
svm_end(pm_loader *ld, pm_model *m)
{
  svm_loader *s = m->body;
  pm_svm *svm = s->svm;
  int32_t *sv_ids = s->sv_ids.data, *node_of, i;
  size_t bytes;
  if (!s->has_kernel) {
    pmmlL_fail(ld, PMML_E_INVALID, "SupportVectorMachineModel: no kernel");
    return;
  }
  if (svm->n_fields < 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachineModel: no VectorDictionary");
    return;
  }
  if (s->machines.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachineModel: no SupportVectorMachine");
    return;
  }
  if (svm->repr == PM_SVM_COEFFICIENTS && svm->kernel != PM_KERNEL_LINEAR) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "SupportVectorMachineModel: svmRepresentation=\"Coefficients\""
               " needs LinearKernelType");
    return;
  }
  if (!s->has_method) {
    const pm_svmachine *mc = s->machines.data;
    svm->method = svm->alt_binary.t != PM_T_MISSING ||
                          mc[0].alt.t != PM_T_MISSING
                      ? PM_SVM_ONE_AGAINST_ONE
                      : PM_SVM_ONE_AGAINST_ALL;
  }
  svm->n_vectors = (int32_t)s->vec_ids.len;
  svm->vec_ids = pmmlL_finish_vec(ld, &s->vec_ids, sizeof(int32_t), NULL);
  svm->vectors = pmmlL_finish_vec(ld, &s->vectors, sizeof(double), NULL);
  svm->coef = pmmlL_finish_vec(ld, &s->coef, sizeof(double), NULL);
  svm->machines = pmmlL_finish_vec(ld, &s->machines, sizeof(pm_svmachine),
                                   &svm->n_machines);
  svm->sv = pmmlL_alloc(ld, (s->sv_ids.len + 1) * sizeof(int32_t));
  bytes = (size_t)ld->doc->strs.n * sizeof(int32_t);
  node_of = ld->a->alloc(ld->a->ud, NULL, 0, bytes);
  if (!node_of)
    pmmlL_nomem(ld);
  if (ld->failed)
    goto done;
  for (i = 0; i < (int32_t)ld->doc->strs.n; i++)
    node_of[i] = -1;
  for (i = 0; i < svm->n_vectors; i++) {
    if (node_of[svm->vec_ids[i]] >= 0) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "VectorDictionary: two VectorInstances have id '%s'",
                 pmmlS_str(&ld->doc->strs, svm->vec_ids[i]));
      goto done;
    }
    node_of[svm->vec_ids[i]] = i;
  }
  for (i = 0; i < svm->n_machines; i++) {
    const pm_svmachine *mc = &svm->machines[i];
    int32_t k;
    for (k = mc->first; k < mc->first + mc->n; k++) {
      if (sv_ids[k] < 0) {
        svm->sv[k] = -1;
        continue;
      }
      svm->sv[k] = node_of[sv_ids[k]];
      if (svm->sv[k] < 0) {
        pmmlL_fail(ld, PMML_E_REFERENCE,
                   "SupportVector (SupportVectorMachine line %u): "
                   "vectorId=\"%s\" is no VectorInstance",
                   (unsigned)mc->line, pmmlS_str(&ld->doc->strs, sv_ids[k]));
        goto done;
      }
    }
  }
done:
  if (node_of)
    ld->a->alloc(ld->a->ud, node_of, bytes, 0);
  m->body = svm;
}

const pm_family pmmlL_svm_family = {
  "SupportVectorMachineModel", svm_start, svm_end, pmmlL_svm_elems,
  pmmlR_svm, pmmlE_svm, pmmlE_svm_feature, NULL, 0,
};

/* ------------------------------------------------------------------------ */
/* Resolving: fields, categories, the vectors the machines read.            */

/* Type category l and make it a class of m (-1 on failure). */
static int32_t
category(pm_resolver *r, pm_model *m, pm_lit *l, uint32_t line)
{
  if (pmmlR_lit(r, l, m->target_dt, line))
    return -1;
  return pmmlR_add_class(r, m, l);
}

int
pmmlR_svm(pm_resolver *r, pm_model *m)
{
  pm_svm *svm = m->body;
  int classification = m->function == PM_FN_CLASSIFICATION;
  uint8_t *used;
  int32_t i, k;
  if (m->math_float) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "SupportVectorMachineModel: x-mathContext=\"float\" is not "
               "supported");
    return -1;
  }
  if (!classification && m->function != PM_FN_REGRESSION) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "SupportVectorMachineModel: only classification and "
               "regression are supported");
    return -1;
  }
  for (i = 0; i < svm->n_fields; i++) {
    pm_vfield *f = &svm->fields[i];
    if (f->expr >= 0) {
      if (pmmlR_expr(r, m, f->expr))
        return -1;
      continue;
    }
    f->slot = pmmlR_field(r, m, f->name, f->line);
    if (f->slot < 0 ||
        pmmlR_lit(r, &f->value, pmmlR_slot_dtype(r, f->slot), f->line))
      return -1;
  }
  if (!classification && svm->n_machines != 1) {
    pmmlR_fail(r, PMML_E_INVALID, m->line,
               "SupportVectorMachineModel: a regression has one "
               "SupportVectorMachine, not %d",
               (int)svm->n_machines);
    return -1;
  }
  if (classification && svm->alt_binary.t != PM_T_MISSING) {
    svm->k_alt_binary = category(r, m, &svm->alt_binary, m->line);
    if (svm->k_alt_binary < 0)
      return -1;
  }
  for (i = 0; classification && i < svm->n_machines; i++) {
    pm_svmachine *mc = &svm->machines[i];
    if (mc->target.t == PM_T_MISSING) {
      pmmlR_fail(r, PMML_E_INVALID, mc->line,
                 "SupportVectorMachine: missing attribute 'targetCategory'");
      return -1;
    }
    mc->k_target = category(r, m, &mc->target, mc->line);
    if (mc->k_target < 0)
      return -1;
    if (mc->alt.t != PM_T_MISSING) {
      mc->k_alt = category(r, m, &mc->alt, mc->line);
      if (mc->k_alt < 0)
        return -1;
    }
    /* One-against-one (and a binary model of one machine, whatever the
    ** method) compares with the threshold: both categories are needed. */
    if ((svm->method == PM_SVM_ONE_AGAINST_ONE || svm->n_machines == 1) &&
        mc->k_alt < 0 && svm->k_alt_binary < 0) {
      pmmlR_fail(r, PMML_E_INVALID, mc->line,
                 "SupportVectorMachine: missing attribute "
                 "'alternateTargetCategory'");
      return -1;
    }
    if (svm->method == PM_SVM_ONE_AGAINST_ALL && svm->n_machines > 1 &&
        mc->k_alt >= 0) {
      pmmlR_fail(r, PMML_E_INVALID, mc->line,
                 "SupportVectorMachine: alternateTargetCategory with "
                 "classificationMethod=\"OneAgainstAll\"");
      return -1;
    }
  }
  if (classification && svm->n_machines == 1)
    svm->method = PM_SVM_ONE_AGAINST_ONE;
  /* The vectors some machine reads, ascending: their kernel values are
  ** computed once per record and shared by the machines. */
  used = pmmlM_alloc(pmmlR_arena(r), (size_t)svm->n_vectors + 1);
  svm->used = pmmlM_alloc(pmmlR_arena(r),
                          ((size_t)svm->n_vectors + 1) * sizeof(int32_t));
  if (!used || !svm->used) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = 0; i < svm->n_machines; i++)
    for (k = 0; k < svm->machines[i].n; k++) {
      int32_t v = svm->sv[svm->machines[i].first + k];
      if (v >= 0)
        used[v] = 1;
    }
  for (i = 0, svm->n_used = 0; i < svm->n_vectors; i++)
    if (used[i])
      svm->used[svm->n_used++] = i;
  svm->x_off = pmmlR_scratch(r, (size_t)svm->n_fields +
                                    (size_t)svm->n_vectors +
                                    2 * (size_t)m->n_classes + 2);
  return 0;
}
