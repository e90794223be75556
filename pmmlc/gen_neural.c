/*
** gen_neural.c: NeuralNetwork as generated C. The network that
** runtime/load_neural.c flattens (nodes: the NeuralInputs, then the
** neurons layer after layer) becomes static const tables: the layers, the
** neurons with their biases, the Con weights neuron by neuron (and their
** 'from' nodes unless every layer is dense), the NeuralOutputs; each
** NeuralInput's expression is an x<E> function of gen_expr.c. Scoring is
** pm_neural_eval of the run-time support (genrt.inc: neural), which does
** what runtime/eval_neural.c does: every activation function,
** radialBasis, softmax and simplemax normalization, NormDiscrete classes
** and NormContinuous regression outputs. The activations live in the
** context's d_ array (nothing on the stack grows with the network).
*/
#include <stdlib.h>

#include "gen.h"

static const char *const act_names[] = {
  "threshold", "logistic", "tanh", "identity", "exponential", "reciprocal",
  "square", "Gauss", "sine", "cosine", "Elliott", "arctan", "rectifier",
  "radialBasis"};
static const char *const norm_names[] = {"none", "simplemax", "softmax"};

/* Does every neuron of layer l read every node of the previous layer
** (nodes prev .. prev + np), in order? */
static int
is_dense(const pm_neural *nn, const pm_nlayer *l, int32_t prev, int32_t np)
{
  int32_t j, k;
  for (j = 0; j < l->n; j++) {
    const pm_neuron *u = &nn->neurons[l->first - nn->n_in + j];
    if (u->n_con != np)
      return 0;
    for (k = 0; k < np; k++)
      if (nn->from[u->con + k] != prev + k)
        return 0;
  }
  return 1;
}

/* The node's id for a comment. */
static void
node_name(gen *g, gbuf *b, const pm_neural *nn, int32_t node)
{
  gen_name(g, b, nn->ids[node]);
}

/* <NeuralNetwork>: its tables, then m<M>_eval (eval_neural.c:
** pmmlE_neural). */
static int
neural_model(gen *g, const pm_model *m)
{
  const pm_neural *nn = m->body;
  gbuf *d, *b;
  int32_t mi = m->index, i, k, act, all_dense = 1, con = 0;
  uint8_t *dense;
  const pm_noutput *ro = nn->reg_out >= 0 ? &nn->outs[nn->reg_out] : NULL;
  int denorm = ro && ro->op == PM_X_NORMCONT && ro->nc;
  gen_need(g, "neural");
  for (i = 0; i < nn->n_in; i++)
    if (gen_expr(g, nn->in_expr[i]))
      return -1;
  if (nn->n_in < 1 || nn->n_layers < 1)
    return gen_fail(g, m->line, "NeuralNetwork: a network without inputs "
                    "or layers");
  dense = calloc((size_t)nn->n_layers, 1);
  if (!dense)
    return gen_fail(g, 0, "out of memory");
  for (i = 0; i < nn->n_layers; i++) {
    int32_t prev = i == 0 ? 0 : nn->layers[i - 1].first;
    int32_t np = i == 0 ? nn->n_in : nn->layers[i - 1].n;
    dense[i] = (uint8_t)is_dense(nn, &nn->layers[i], prev, np);
    all_dense &= dense[i];
  }
  act = gen_dbl(g, nn->n_nodes);
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* NeuralNetwork (line %u) of model %d: %d inputs, %d "
               "layers, %d nodes */\n",
            (unsigned)m->line, (int)mi, (int)nn->n_in, (int)nn->n_layers,
            (int)nn->n_nodes);
  gb_printf(d, "/* <NeuralLayer>s: { first node, neurons, "
               "activationFunction, normalizationMethod, dense, threshold } "
               "*/\nstatic const pm_nlayer m%d_layers[%d] = {\n",
            (int)mi, (int)nn->n_layers);
  for (i = 0; i < nn->n_layers; i++) {
    const pm_nlayer *l = &nn->layers[i];
    gb_printf(d, "  {%d, %d, %d, %d, %d, ", (int)l->first, (int)l->n,
              (int)l->act, (int)l->norm, (int)dense[i]);
    gb_real(d, l->threshold);
    gb_printf(d, "}, /* %s, %s */\n", act_names[l->act % 14],
              norm_names[l->norm % 3]);
  }
  gb_puts(d, "};\n");
  gb_printf(d, "/* <Neuron>s: { first Con, Cons, bias, width, altitude } "
               "*/\nstatic const pm_neuron m%d_neurons[%d] = {\n",
            (int)mi, (int)(nn->n_nodes - nn->n_in));
  for (i = 0; i < nn->n_nodes - nn->n_in; i++) {
    const pm_neuron *u = &nn->neurons[i];
    gb_printf(d, "  {%d, %d, ", (int)u->con, (int)u->n_con);
    gb_real(d, u->bias);
    gb_puts(d, ", ");
    gb_real(d, u->width);
    gb_puts(d, ", ");
    gb_real(d, u->altitude);
    gb_puts(d, "}, /* ");
    node_name(g, d, nn, nn->n_in + i);
    gb_puts(d, " */\n");
  }
  gb_puts(d, "};\n");
  if (nn->n_cons) {
    gb_printf(d, "/* <Con weight=>s, neuron after neuron */\n"
                 "static const pm_real m%d_weights[%d] = {\n",
              (int)mi, (int)nn->n_cons);
    for (i = 0; i < nn->n_nodes - nn->n_in; i++) {
      const pm_neuron *u = &nn->neurons[i];
      if (u->n_con == 0)
        continue;
      if (u->con != con) {
        free(dense);
        return gen_fail(g, m->line, "NeuralNetwork: the connections are "
                        "not stored neuron after neuron");
      }
      con += u->n_con;
      gb_puts(d, "  /* ");
      node_name(g, d, nn, nn->n_in + i);
      gb_puts(d, " */\n ");
      for (k = 0; k < u->n_con; k++) {
        gb_puts(d, " ");
        gb_real(d, nn->weight[u->con + k]);
        gb_puts(d, ",");
        if (k % 4 == 3 && k + 1 < u->n_con)
          gb_puts(d, "\n ");
      }
      gb_puts(d, "\n");
    }
    gb_puts(d, "};\n");
    if (!all_dense) {
      gb_printf(d, "/* <Con from=>s as node indices */\n"
                   "static const int32_t m%d_from[%d] = {\n",
                (int)mi, (int)nn->n_cons);
      for (i = 0; i < nn->n_cons; i++)
        gb_printf(d, "%s%d", i == 0 ? "  " : i % 16 ? ", " : ",\n  ",
                  (int)nn->from[i]);
      gb_puts(d, "\n};\n");
    }
  }
  free(dense);
  if (nn->n_outs) {
    gb_printf(d, "/* <NeuralOutput>s: { outputNeuron, class, id } */\n"
                 "static const pm_noutput m%d_outs[%d] = {\n",
              (int)mi, (int)nn->n_outs);
    for (i = 0; i < nn->n_outs; i++) {
      const pm_noutput *o = &nn->outs[i];
      int classification = m->function == PM_FN_CLASSIFICATION;
      gb_printf(d, "  {%d, %d, %d}, /* ", (int)o->node,
                classification ? (int)o->klass : -1,
                classification && g->need_ids
                    ? (int)gen_str(g, nn->ids[o->node])
                    : -1);
      node_name(g, d, nn, o->node);
      if (classification) {
        gb_puts(d, ": NormDiscrete value=");
        gen_lit_comment(g, d, &o->value);
      } else {
        gb_puts(d, o->op == PM_X_NORMCONT ? ": NormContinuous"
                                          : ": FieldRef");
      }
      gb_puts(d, " */\n");
    }
    gb_puts(d, "};\n");
  }
  if (denorm) {
    const pm_normcont *nc = ro->nc;
    gb_printf(d, "/* The target's <NormContinuous>: <LinearNorm orig= "
                 "norm=/>s, inverted */\nstatic const double m%d_orig[%d] "
                 "= {",
              (int)mi, (int)nc->n);
    for (i = 0; i < nc->n; i++) {
      gb_puts(d, i ? ", " : "");
      gb_real(d, nc->orig[i]);
    }
    gb_printf(d, "};\nstatic const double m%d_norm[%d] = {", (int)mi,
              (int)nc->n);
    for (i = 0; i < nc->n; i++) {
      gb_puts(d, i ? ", " : "");
      gb_real(d, nc->norm[i]);
    }
    gb_puts(d, "};\n");
  }

  /* The inputs' functions are declared in GS_PROTO: their table and the
  ** network follow them, with m<M>_eval. */
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n", (int)mi);
  b = gen_out(g, GS_CODE);
  gb_printf(b, "\n/* <NeuralInputs> of model %d: their expressions */\n"
               "static const pm_nn_input m%d_in[%d] = {\n",
            (int)mi, (int)mi, (int)nn->n_in);
  for (i = 0; i < nn->n_in; i++) {
    gb_printf(b, "  x%d, /* <NeuralInput id=", (int)nn->in_expr[i]);
    node_name(g, b, nn, i);
    gb_puts(b, "> */\n");
  }
  gb_printf(b, "};\nstatic const int32_t m%d_in_ids[%d] = {", (int)mi,
            (int)nn->n_in);
  for (i = 0; i < nn->n_in; i++)
    gb_printf(b, "%s%d", i == 0 ? "" : i % 16 ? ", " : ",\n  ",
              (int)gen_str(g, nn->ids[i]));
  gb_printf(b, "};\nstatic const pm_neural m%d_nn = {\n"
               "  %d, m%d_in, m%d_in_ids, m%d_layers, %d, m%d_neurons,\n  ",
            (int)mi, (int)nn->n_in, (int)mi, (int)mi, (int)mi,
            (int)nn->n_layers, (int)mi);
  if (nn->n_cons && !all_dense)
    gb_printf(b, "m%d_from, ", (int)mi);
  else
    gb_puts(b, "0, ");
  if (nn->n_cons)
    gb_printf(b, "m%d_weights, ", (int)mi);
  else
    gb_puts(b, "0, ");
  if (nn->n_outs)
    gb_printf(b, "m%d_outs, ", (int)mi);
  else
    gb_puts(b, "0, ");
  gb_printf(b, "%d, %d,\n  ", (int)nn->n_outs, (int)nn->reg_out);
  if (denorm)
    gb_printf(b, "m%d_orig, m%d_norm, %d};\n", (int)mi, (int)mi,
              (int)ro->nc->n);
  else
    gb_puts(b, "0, 0, 0};\n");
  gb_printf(b, "\n/* NeuralNetwork (line %u): the tables m%d_*, the "
               "activations at c->d_[%d] */\n"
               "static int\nm%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  return pm_neural_eval(c, &pm_models[%d], &m%d_nn, "
               "c->d_ + %d, res);\n}\n",
            (unsigned)m->line, (int)mi, (int)act, (int)mi, (int)mi, (int)mi,
            (int)act);
  return 0;
}

const gen_family gen_neural_family = {"NeuralNetwork", neural_model, NULL,
                                      NULL};
