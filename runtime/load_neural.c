/*
** load_neural.c: <NeuralNetwork>. NeuralInputs (a DerivedField each, any
** expression), NeuralLayers of Neurons with their Con elements, and
** NeuralOutputs (a DerivedField naming what an output neuron predicts).
** When the model ends, neuron ids become node indices, connections become
** two flat arrays (from, weight), and a layer whose neurons all read the
** whole previous layer in order is marked dense, so that scoring runs over
** a weight matrix. Resolving types the inputs' expressions and the classes
** the outputs name; eval_neural.c scores.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/* A layer, a neuron, a connection as read. */
typedef struct raw_layer {
  int act;              /* PM_ACT_*, -1: the network's */
  int norm;             /* PM_NNORM_*, -1: the network's */
  double threshold, width, altitude; /* NaN: the network's */
  int32_t first;        /* its first neuron (raw index) */
  uint32_t line;
} raw_layer;

typedef struct raw_neuron {
  int32_t id;           /* strtab */
  double bias, width, altitude;
  int32_t con;          /* first Con (raw index) */
  uint32_t line;
} raw_neuron;

typedef struct raw_con {
  int32_t from;         /* strtab id of Con@from */
  double weight;
} raw_con;

typedef struct nn_loader {
  pm_neural *nn;
  int act, norm;        /* the network's */
  double threshold, width, altitude;
  pm_vec in_ids;        /* int32_t: NeuralInput@id */
  pm_vec in_fields;     /* pm_derived: their DerivedFields */
  pm_vec layers;        /* raw_layer */
  pm_vec neurons;       /* raw_neuron */
  pm_vec cons;          /* raw_con */
  pm_vec outs;          /* pm_noutput */
  pm_vec out_fields;    /* pm_derived of NeuralOutputs */
} nn_loader;

static const char *const act_names[] = {
  "threshold", "logistic", "tanh", "identity", "exponential", "reciprocal",
  "square", "Gauss", "sine", "cosine", "Elliott", "arctan", "rectifier",
  "radialBasis", NULL};
static const char *const norm_names[] = {"none", "simplemax", "softmax",
                                         NULL};

static nn_loader *
nl(pm_loader *ld)
{
  return ld->model->body;
}

/* <NeuralNetwork activationFunction= normalizationMethod= threshold= width=
**   altitude=> */
static void
neural_start(pm_loader *ld, pm_model *m, const char **atts)
{
  nn_loader *n = pmmlL_alloc(ld, sizeof *n);
  if (!n)
    return;
  n->nn = pmmlL_alloc(ld, sizeof *n->nn);
  if (!n->nn)
    return;
  pmmlL_track(ld, &n->in_ids, sizeof(int32_t));
  pmmlL_track(ld, &n->in_fields, sizeof(pm_derived));
  pmmlL_track(ld, &n->layers, sizeof(raw_layer));
  pmmlL_track(ld, &n->neurons, sizeof(raw_neuron));
  pmmlL_track(ld, &n->cons, sizeof(raw_con));
  pmmlL_track(ld, &n->outs, sizeof(pm_noutput));
  pmmlL_track(ld, &n->out_fields, sizeof(pm_derived));
  m->body = n;
  if (!pmmlL_need(ld, atts, "activationFunction"))
    return;
  n->act = pmmlL_enum(ld, atts, "activationFunction", act_names, 0);
  n->norm = pmmlL_enum(ld, atts, "normalizationMethod", norm_names,
                       PM_NNORM_NONE);
  n->threshold = pmmlL_num(ld, atts, "threshold", 0.0);
  n->width = pmmlL_num(ld, atts, "width", NAN);
  n->altitude = pmmlL_num(ld, atts, "altitude", 1.0);
}

/* <NeuralInput id=><DerivedField/></NeuralInput> */
static void
input_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  const char *id = pmmlL_need(ld, atts, "id");
  int32_t *p;
  if (!id)
    return;
  p = pmmlL_push(ld, &n->in_ids, sizeof *p);
  if (p)
    *p = pmmlL_intern(ld, id, strlen(id));
}

static void
input_end(pm_loader *ld)
{
  nn_loader *n = nl(ld);
  if (!ld->failed && n->in_fields.len != n->in_ids.len)
    pmmlL_fail(ld, PMML_E_INVALID,
               "NeuralInput: expected one DerivedField");
}

/* A DerivedField inside NeuralInput or NeuralOutput: one each. */
static void
input_field_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  if (n->in_fields.len >= n->in_ids.len) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "NeuralInput: expected one DerivedField");
    return;
  }
  pmmlL_derived_start(ld, atts, &n->in_fields);
}

static void
output_field_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  if (n->out_fields.len >= n->outs.len) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "NeuralOutput: expected one DerivedField");
    return;
  }
  pmmlL_derived_start(ld, atts, &n->out_fields);
}

/* <NeuralLayer activationFunction= threshold= width= altitude=
**   normalizationMethod=> */
static void
layer_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  raw_layer *l = pmmlL_push(ld, &n->layers, sizeof *l);
  if (!l)
    return;
  l->act = pmmlL_enum(ld, atts, "activationFunction", act_names, -1);
  l->norm = pmmlL_enum(ld, atts, "normalizationMethod", norm_names, -1);
  l->threshold = pmmlL_num(ld, atts, "threshold", NAN);
  l->width = pmmlL_num(ld, atts, "width", NAN);
  l->altitude = pmmlL_num(ld, atts, "altitude", NAN);
  l->first = (int32_t)n->neurons.len;
  l->line = pmmlL_frame(ld, 0)->line;
}

static void
layer_end(pm_loader *ld)
{
  nn_loader *n = nl(ld);
  raw_layer *l;
  if (ld->failed)
    return;
  l = (raw_layer *)n->layers.data + n->layers.len - 1;
  if ((int32_t)n->neurons.len == l->first)
    pmmlL_fail(ld, PMML_E_INVALID, "NeuralLayer: no Neuron");
}

/* <Neuron id= bias= width= altitude=> */
static void
neuron_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  const char *id = pmmlL_need(ld, atts, "id");
  raw_neuron *p;
  if (!id)
    return;
  if (n->neurons.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many neurons");
    return;
  }
  p = pmmlL_push(ld, &n->neurons, sizeof *p);
  if (!p)
    return;
  p->id = pmmlL_intern(ld, id, strlen(id));
  p->bias = pmmlL_num(ld, atts, "bias", 0.0);
  p->width = pmmlL_num(ld, atts, "width", NAN);
  p->altitude = pmmlL_num(ld, atts, "altitude", NAN);
  p->con = (int32_t)n->cons.len;
  p->line = pmmlL_frame(ld, 0)->line;
}

/* <Con from= weight=/> */
static void
con_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  const char *from = pmmlL_need(ld, atts, "from");
  raw_con *c;
  if (!from || !pmmlL_need(ld, atts, "weight"))
    return;
  if (n->cons.len >= 0x7ffffff0u) {
    pmmlL_fail(ld, PMML_E_LIMIT, "too many connections");
    return;
  }
  c = pmmlL_push(ld, &n->cons, sizeof *c);
  if (!c)
    return;
  c->from = pmmlL_intern(ld, from, strlen(from));
  c->weight = pmmlL_num(ld, atts, "weight", 0.0);
}

/* <NeuralOutput outputNeuron=><DerivedField/></NeuralOutput> */
static void
output_start(pm_loader *ld, const char **atts)
{
  nn_loader *n = nl(ld);
  const char *id = pmmlL_need(ld, atts, "outputNeuron");
  pm_noutput *o;
  if (!id)
    return;
  o = pmmlL_push(ld, &n->outs, sizeof *o);
  if (!o)
    return;
  o->node = pmmlL_intern(ld, id, strlen(id)); /* a node index at the end */
  o->field = -1;
  o->klass = -1;
  o->value.t = PM_T_MISSING;
  o->value.raw = o->value.sym = -1;
  o->line = pmmlL_frame(ld, 0)->line;
}

/* The DerivedField of the model or of the TransformationDictionary called
** 'name', or NULL. */
static const pm_derived *
find_derived(pm_loader *ld, int32_t name)
{
  const pm_model *m = ld->model;
  const pm_derived *gd = ld->gd.data;
  int32_t i;
  for (i = 0; i < m->n_local; i++)
    if (m->local[i].name == name)
      return &m->local[i];
  for (i = 0; i < (int32_t)ld->gd.len; i++)
    if (gd[i].name == name)
      return &gd[i];
  return NULL;
}

/* What the output's expression says: a class (NormDiscrete), a target to
** denormalize (NormContinuous) or to take as is (FieldRef of a DataField).
** A FieldRef of a DerivedField stands for that field's expression. */
static void
output_end(pm_loader *ld)
{
  nn_loader *n = nl(ld);
  pm_noutput *o;
  const pm_expr *e;
  int hops;
  if (ld->failed)
    return;
  o = (pm_noutput *)n->outs.data + n->outs.len - 1;
  if (n->out_fields.len != n->outs.len) {
    pmmlL_fail(ld, PMML_E_INVALID, "NeuralOutput: expected one DerivedField");
    return;
  }
  e = pmmlL_expr(ld, ((pm_derived *)n->out_fields.data)[n->outs.len - 1]
                         .expr);
  for (hops = 0; e->op == PM_X_FIELD && hops < 16; hops++) {
    const pm_derived *d = find_derived(ld, e->name);
    if (!d)
      break;
    e = pmmlL_expr(ld, d->expr);
  }
  o->op = e->op;
  switch (e->op) {
  case PM_X_FIELD:
    o->field = e->name;
    break;
  case PM_X_NORMDISC:
  case PM_X_NORMCONT:
    o->field = pmmlL_expr(ld, ((int32_t *)ld->args.data)[e->first])->name;
    if (e->op == PM_X_NORMDISC)
      o->value = e->lit;
    else
      o->nc = e->ext;
    break;
  default:
    pmmlL_fail(ld, PMML_E_UNSUPPORTED,
               "NeuralOutput: only NormDiscrete, NormContinuous or FieldRef "
               "can say what a neuron predicts");
  }
}

static const pm_elem input_children[] = {
  {"DerivedField", input_field_start, pmmlL_derived_end,
   pmmlL_derived_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem inputs_children[] = {
  {"NeuralInput", input_start, input_end, input_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem neuron_children[] = {
  {"Con", con_start, NULL, NULL, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem layer_children[] = {
  {"Neuron", neuron_start, NULL, neuron_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem output_children[] = {
  {"DerivedField", output_field_start, pmmlL_derived_end,
   pmmlL_derived_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem outputs_children[] = {
  {"NeuralOutput", output_start, output_end, output_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_neural_elems[] = {
  {"NeuralInputs", NULL, NULL, inputs_children, 0},
  {"NeuralLayer", layer_start, layer_end, layer_children, 0},
  {"NeuralOutputs", NULL, NULL, outputs_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

/* Do the neurons of layer l read exactly the nodes [prev, prev + np), in
** that order? Then their weights form a row-major matrix. */
static int
is_dense(const pm_neural *nn, const pm_nlayer *l, int32_t prev, int32_t np)
{
  int32_t j, k;
  for (j = 0; j < l->n; j++) {
    const pm_neuron *u = &nn->neurons[l->first - nn->n_in + j];
    if (u->n_con != np || u->con != nn->neurons[l->first - nn->n_in].con +
                                         j * np)
      return 0;
    for (k = 0; k < np; k++)
      if (nn->from[u->con + k] != prev + k)
        return 0;
  }
  return 1;
}

/* Node ids to indices, connections to flat arrays, layers settled with the
** network's defaults. */
static void
build(pm_loader *ld, nn_loader *n, int32_t *node_of)
{
  pm_neural *nn = n->nn;
  raw_layer *rl = n->layers.data;
  raw_neuron *ru = n->neurons.data;
  raw_con *rc = n->cons.data;
  int32_t *ids = n->in_ids.data;
  pm_derived *inf = n->in_fields.data;
  int32_t n_in = (int32_t)n->in_ids.len, n_neu = (int32_t)n->neurons.len;
  int32_t i, j, k;
  nn->n_in = n_in;
  nn->n_nodes = n_in + n_neu;
  nn->n_layers = (int32_t)n->layers.len;
  nn->n_cons = (int32_t)n->cons.len;
  nn->ids = pmmlL_alloc(ld, (size_t)nn->n_nodes * sizeof(int32_t));
  nn->in_expr = pmmlL_alloc(ld, (size_t)n_in * sizeof(int32_t));
  nn->in_dt = pmmlL_alloc(ld, (size_t)n_in);
  nn->neurons = pmmlL_alloc(ld, (size_t)n_neu * sizeof(pm_neuron));
  nn->layers = pmmlL_alloc(ld, (size_t)nn->n_layers * sizeof(pm_nlayer));
  nn->from = pmmlL_alloc(ld, ((size_t)nn->n_cons + 1) * sizeof(int32_t));
  nn->weight = pmmlL_alloc(ld, ((size_t)nn->n_cons + 1) * sizeof(double));
  if (ld->failed)
    return;
  for (i = 0; i < nn->n_nodes; i++) {
    int32_t id = i < n_in ? ids[i] : ru[i - n_in].id;
    nn->ids[i] = id;
    if (node_of[id] >= 0) {
      pmmlL_fail(ld, PMML_E_INVALID,
                 "NeuralNetwork: two NeuralInputs or Neurons have id '%s'",
                 pmmlS_str(&ld->doc->strs, id));
      return;
    }
    node_of[id] = i;
  }
  for (i = 0; i < n_in; i++) {
    nn->in_expr[i] = inf[i].expr;
    nn->in_dt[i] = inf[i].dtype;
  }
  for (i = 0; i < nn->n_layers; i++) {
    pm_nlayer *l = &nn->layers[i];
    int32_t end = i + 1 < nn->n_layers ? rl[i + 1].first : n_neu;
    l->first = n_in + rl[i].first;
    l->n = end - rl[i].first;
    l->act = (uint8_t)(rl[i].act >= 0 ? rl[i].act : n->act);
    l->norm = (uint8_t)(rl[i].norm >= 0 ? rl[i].norm : n->norm);
    l->threshold = isnan(rl[i].threshold) ? n->threshold : rl[i].threshold;
    l->width = isnan(rl[i].width) ? n->width : rl[i].width;
    l->altitude = isnan(rl[i].altitude) ? n->altitude : rl[i].altitude;
    for (j = 0; j < l->n; j++) {
      const raw_neuron *r = &ru[rl[i].first + j];
      pm_neuron *u = &nn->neurons[rl[i].first + j];
      int32_t cend = rl[i].first + j + 1 < n_neu ? r[1].con : nn->n_cons;
      u->con = r->con;
      u->n_con = cend - r->con;
      u->bias = r->bias;
      u->width = isnan(r->width) ? l->width : r->width;
      u->altitude = isnan(r->altitude) ? l->altitude : r->altitude;
      if (l->act == PM_ACT_RADIAL_BASIS && isnan(u->width)) {
        pmmlL_fail(ld, PMML_E_INVALID,
                   "Neuron (line %u): radialBasis needs a width (of the "
                   "Neuron, its NeuralLayer or the NeuralNetwork)",
                   (unsigned)r->line);
        return;
      }
      for (k = u->con; k < u->con + u->n_con; k++) {
        int32_t from = node_of[rc[k].from];
        if (from < 0) {
          pmmlL_fail(ld, PMML_E_REFERENCE,
                     "Con (Neuron line %u): from=\"%s\" is no NeuralInput "
                     "nor Neuron",
                     (unsigned)r->line, pmmlS_str(&ld->doc->strs, rc[k].from));
          return;
        }
        if (from >= l->first) {
          pmmlL_fail(ld, PMML_E_UNSUPPORTED,
                     "Con (Neuron line %u): from=\"%s\" is not in an earlier "
                     "layer (recurrent networks are not supported)",
                     (unsigned)r->line, pmmlS_str(&ld->doc->strs, rc[k].from));
          return;
        }
        nn->from[k] = from;
        nn->weight[k] = rc[k].weight;
      }
    }
  }
  for (i = 0; i < nn->n_layers; i++) {
    pm_nlayer *l = &nn->layers[i];
    int32_t prev = i == 0 ? 0 : nn->layers[i - 1].first;
    int32_t np = i == 0 ? n_in : nn->layers[i - 1].n;
    l->dense = (uint8_t)is_dense(nn, l, prev, np);
    if (l->dense && l->act != PM_ACT_RADIAL_BASIS) {
      /* The matrix again, by blocks of neurons: scoring then reads it in
      ** order and keeps a block's sums in registers. */
      int32_t nb = (l->n + PM_NN_BLOCK - 1) / PM_NN_BLOCK, b;
      const double *w = nn->weight + nn->neurons[l->first - n_in].con;
      l->wt = pmmlL_alloc(ld, (size_t)nb * (size_t)np * PM_NN_BLOCK *
                                  sizeof(double));
      if (!l->wt)
        return;
      for (b = 0; b < nb; b++)
        for (k = 0; k < np; k++)
          for (j = 0; j < PM_NN_BLOCK && b * PM_NN_BLOCK + j < l->n; j++)
            l->wt[((size_t)b * np + k) * PM_NN_BLOCK + j] =
                w[(size_t)(b * PM_NN_BLOCK + j) * np + k];
    }
  }
  for (i = 0; i < nn->n_outs; i++) {
    pm_noutput *o = &nn->outs[i];
    int32_t id = o->node;
    o->node = node_of[id];
    if (o->node < 0) {
      pmmlL_fail(ld, PMML_E_REFERENCE,
                 "NeuralOutput (line %u): outputNeuron=\"%s\" is no Neuron",
                 (unsigned)o->line, pmmlS_str(&ld->doc->strs, id));
      return;
    }
  }
}

static void
neural_end(pm_loader *ld, pm_model *m)
{
  nn_loader *n = m->body;
  pm_neural *nn = n->nn;
  size_t bytes;
  int32_t *node_of, i;
  if (n->in_ids.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "NeuralNetwork: no NeuralInput");
    return;
  }
  if (n->layers.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "NeuralNetwork: no NeuralLayer");
    return;
  }
  if (n->outs.len == 0) {
    pmmlL_fail(ld, PMML_E_INVALID, "NeuralNetwork: no NeuralOutput");
    return;
  }
  nn->outs = pmmlL_finish_vec(ld, &n->outs, sizeof(pm_noutput), &nn->n_outs);
  /* A map from interned strings to nodes, outside the arena. */
  bytes = (size_t)ld->doc->strs.n * sizeof(int32_t);
  node_of = ld->a->alloc(ld->a->ud, NULL, 0, bytes);
  if (!node_of) {
    pmmlL_nomem(ld);
    return;
  }
  for (i = 0; i < (int32_t)ld->doc->strs.n; i++)
    node_of[i] = -1;
  if (!ld->failed)
    build(ld, n, node_of);
  ld->a->alloc(ld->a->ud, node_of, bytes, 0);
  m->body = nn;
}

const pm_family pmmlL_neural_family = {
  "NeuralNetwork", neural_start, neural_end, pmmlL_neural_elems,
  pmmlR_neural, pmmlE_neural, NULL, NULL, PM_FEAT_BIT(PM_FEAT_ENTITY_ID),
};

/* ------------------------------------------------------------------------ */
/* Resolving: the inputs' expressions, what the outputs predict.            */

int
pmmlR_neural(pm_resolver *r, pm_model *m)
{
  pm_neural *nn = m->body;
  int32_t i, field = m->target_name;
  int classification = m->function == PM_FN_CLASSIFICATION;
  if (m->math_float) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "NeuralNetwork: x-mathContext=\"float\" is not supported");
    return -1;
  }
  if (!classification && m->function != PM_FN_REGRESSION) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "NeuralNetwork: only classification and regression are "
               "supported");
    return -1;
  }
  for (i = 0; i < nn->n_in; i++)
    if (pmmlR_expr(r, m, nn->in_expr[i]))
      return -1;
  nn->reg_out = -1;
  for (i = 0; i < nn->n_outs; i++) {
    pm_noutput *o = &nn->outs[i];
    /* Without a target MiningField, the outputs' field is the target. */
    if (field < 0)
      field = o->field;
    if (o->field != field) {
      pmmlR_fail(r, PMML_E_UNSUPPORTED, o->line,
                 "NeuralOutput: '%s' is not the target '%s' (one target "
                 "field only)",
                 pmmlS_str(&pmmlR_doc(r)->strs, o->field),
                 pmmlS_str(&pmmlR_doc(r)->strs, field));
      return -1;
    }
    if (classification) {
      if (o->op != PM_X_NORMDISC) {
        pmmlR_fail(r, PMML_E_INVALID, o->line,
                   "NeuralOutput: a classification maps its neurons to "
                   "classes with NormDiscrete");
        return -1;
      }
      if (pmmlR_lit(r, &o->value, m->target_dt, o->line))
        return -1;
      o->klass = pmmlR_add_class(r, m, &o->value);
      if (o->klass < 0)
        return -1;
    } else {
      if (o->op == PM_X_NORMDISC) {
        pmmlR_fail(r, PMML_E_INVALID, o->line,
                   "NeuralOutput: NormDiscrete in a regression");
        return -1;
      }
      if (nn->reg_out >= 0) {
        pmmlR_fail(r, PMML_E_INVALID, o->line,
                   "NeuralOutput: a regression target has one output "
                   "neuron");
        return -1;
      }
      nn->reg_out = i;
    }
  }
  nn->act_off = pmmlR_scratch(r, (size_t)nn->n_nodes);
  return 0;
}
