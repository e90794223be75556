/*
** gen_expr.c: expressions, DefineFunctions and predicates as generated C.
** Every expression of the document that scoring can reach becomes a small
** function x<E>(c, p, out) (E its index in the IR, p the arguments of the
** enclosing DefineFunction), which does what runtime/eval_expr.c does for
** that element; every DefineFunction a function f<I>(c, a, out).
** Predicates become rows of the table pm_preds that the run-time support
** (genrt.inc: preds) evaluates as runtime/eval_pred.c does.
*/
#include <stdlib.h>
#include <string.h>

#include "gen.h"

void
gen_note_cast(gen *g, uint8_t from, uint8_t to)
{
  if (to == PMML_DT_STRING && from != PMML_DT_STRING)
    g->makes_strings = 1;
}

static const char *const out_names[] = {"asIs", "asMissingValues",
                                        "asExtremeValues"};

/* The builtin group function that applies id, or NULL when the generator
** cannot compile it yet. */
static const char *
builtin_group(int id)
{
  switch (id) {
  case PM_BI_MIN: case PM_BI_MAX: case PM_BI_SUM: case PM_BI_AVG:
  case PM_BI_MEDIAN: case PM_BI_PRODUCT:
    return "pm_bi_aggregate";
  case PM_BI_ISMISSING: case PM_BI_ISNOTMISSING: case PM_BI_ISVALID:
  case PM_BI_ISNOTVALID: case PM_BI_ISIN: case PM_BI_ISNOTIN:
    return "pm_bi_test";
  case PM_BI_EQUAL: case PM_BI_NOTEQUAL: case PM_BI_LESSTHAN:
  case PM_BI_LESSOREQUAL: case PM_BI_GREATERTHAN: case PM_BI_GREATEROREQUAL:
    return "pm_bi_compare";
  case PM_BI_AND: case PM_BI_OR: case PM_BI_NOT:
    return "pm_bi_logic";
  case PM_BI_UPPERCASE: case PM_BI_LOWERCASE: case PM_BI_STRINGLENGTH:
  case PM_BI_SUBSTRING: case PM_BI_TRIMBLANKS: case PM_BI_CONCAT:
    return "pm_bi_string";
  case PM_BI_FORMATNUMBER: case PM_BI_FORMATDATETIME:
    return "pm_bi_format";
  case PM_BI_DATEDAYSSINCEYEAR: case PM_BI_DATESECONDSSINCEYEAR:
  case PM_BI_DATESECONDSSINCEMIDNIGHT:
    return "pm_bi_date";
  case PM_BI_MATCHES: case PM_BI_REPLACE:
    return NULL;
  default:
    return "pm_bi_math";
  }
}

/* The literal mapMissingTo / defaultValue of e, or -1 when absent. */
static int32_t
opt_lit(gen *g, const pm_lit *l)
{
  return l->t == PM_T_MISSING ? -1 : gen_plit(g, l);
}

static int gen_function(gen *g, int32_t f);

/* The comment line above x<E>: the element and its line. */
static void
expr_comment(gen *g, gbuf *b, const pm_expr *e)
{
  const pmml_model *doc = g->doc;
  gb_puts(b, "\n/* ");
  switch (e->op) {
  case PM_X_CONST:
    gb_puts(b, "<Constant> ");
    gen_lit_comment(g, b, &e->lit);
    break;
  case PM_X_FIELD:
    gb_puts(b, "<FieldRef field=");
    gen_name(g, b, e->name);
    gb_puts(b, ">");
    break;
  case PM_X_PARAM:
    gb_puts(b, "<FieldRef field=");
    gen_name(g, b, e->name);
    gb_printf(b, ">: parameter %d", (int)e->fn + 1);
    break;
  case PM_X_NORMCONT:
    gb_puts(b, "<NormContinuous>");
    break;
  case PM_X_NORMDISC:
    gb_puts(b, "<NormDiscrete value=");
    gen_lit_comment(g, b, &e->lit);
    gb_puts(b, ">");
    break;
  case PM_X_DISCRETIZE:
    gb_puts(b, "<Discretize>");
    break;
  case PM_X_MAPVALUES:
    gb_puts(b, "<MapValues>");
    break;
  case PM_X_APPLY:
    gb_puts(b, "<Apply function=\"");
    gb_ctext(b, pmmlE_builtins[e->fn].name,
             strlen(pmmlE_builtins[e->fn].name), 40);
    gb_puts(b, "\">");
    break;
  case PM_X_CALL:
    gb_puts(b, "<Apply function=");
    gen_name(g, b, doc->fns[e->fn].name);
    gb_puts(b, ">: DefineFunction");
    break;
  case PM_X_IF:
    gb_puts(b, "<Apply function=\"if\">");
    break;
  default:
    gb_puts(b, "expression");
    break;
  }
  gb_printf(b, " (line %u) */\n", (unsigned)e->line);
}

/* Evaluate the n arguments of e into a[0..n), each failure returning -1;
** any_missing set when 'track'. */
static void
eval_args(gen *g, gbuf *b, const pm_expr *e, int track)
{
  int32_t i;
  for (i = 0; i < e->n; i++) {
    gb_printf(b, "  if (x%d(c, p, &a[%d]))\n    return -1;\n",
              (int)g->doc->args[e->first + i], (int)i);
    if (track)
      gb_printf(b, "  any_missing |= a[%d].t == PM_T_MISSING;\n", (int)i);
  }
}

int
gen_expr(gen *g, int32_t ei)
{
  const pmml_model *doc = g->doc;
  const pm_expr *e = &doc->exprs[ei];
  gbuf *b, *d;
  int32_t i;
  if (g->expr_done[ei])
    return g->failed ? -1 : 0;
  g->expr_done[ei] = 1;
  for (i = 0; i < e->n; i++)
    if (gen_expr(g, doc->args[e->first + i]))
      return -1;
  if (e->op == PM_X_CALL && gen_function(g, e->fn))
    return -1;
  b = gen_out(g, GS_CODE);
  d = gen_out(g, GS_DATA);
  gb_printf(gen_out(g, GS_PROTO),
            "static int x%d(pm_ctx *c, const pm_v *p, pm_v *out);\n",
            (int)ei);
  expr_comment(g, b, e);
  gb_printf(b, "static int\nx%d(pm_ctx *c, const pm_v *p, pm_v *out)\n{\n",
            (int)ei);
  switch (e->op) {
  case PM_X_CONST:
    gb_printf(b, "  (void)p;\n  if (c->failed_)\n    return -1;\n"
                 "  *out = pm_lit[%d];\n  return 0;\n}\n",
              (int)gen_plit(g, &e->lit));
    return 0;
  case PM_X_FIELD:
  case PM_X_PARAM: {
    int32_t m = opt_lit(g, &e->missing);
    if (e->op == PM_X_FIELD)
      gb_printf(b, "  (void)p;\n  if (c->failed_)\n    return -1;\n"
                   "  *out = *pm_slot(c, %d);\n",
                (int)gen_slot(g, e->slot));
    else
      gb_printf(b, "  if (c->failed_)\n    return -1;\n  *out = p[%d];\n",
                (int)e->fn);
    if (m >= 0)
      gb_printf(b, "  if (out->t == PM_T_MISSING)\n    *out = pm_lit[%d];\n",
                (int)m);
    gb_puts(b, e->op == PM_X_FIELD ? "  return c->failed_ ? -1 : 0;\n}\n"
                                   : "  return 0;\n}\n");
    return 0;
  }
  case PM_X_NORMCONT:
  case PM_X_NORMDISC:
  case PM_X_DISCRETIZE: {
    gen_need(g, "exprs");
    gb_printf(b, "  pm_v x;\n  *out = pm_missing();\n"
                 "  if (c->failed_)\n    return -1;\n"
                 "  if (x%d(c, p, &x))\n    return -1;\n"
                 "  if (x.t == PM_T_MISSING) {\n    *out = pm_lit[%d];\n"
                 "    return 0;\n  }\n",
              (int)doc->args[e->first], (int)gen_plit(g, &e->missing));
    if (e->op == PM_X_NORMDISC) {
      gb_printf(b, "  *out = pm_num(pm_equal(&x, &pm_lit[%d]) == 1 ? 1.0 : "
                   "0.0, PM_DT_DOUBLE);\n  return 0;\n}\n",
                (int)gen_plit(g, &e->lit));
      return 0;
    }
    if (e->op == PM_X_NORMCONT) {
      const pm_normcont *nc = e->ext;
      gb_printf(d, "\n/* <NormContinuous outliers=\"%s\"> (line %u): "
                   "<LinearNorm orig=, norm=> */\n"
                   "static const pm_real x%d_orig[%d] = {",
                out_names[nc->outliers % 3], (unsigned)e->line, (int)ei,
                nc->n ? (int)nc->n : 1);
      for (i = 0; i < nc->n; i++) {
        gb_puts(d, i ? ", " : "");
        gb_real(d, nc->orig[i]);
      }
      gb_printf(d, "%s};\nstatic const pm_real x%d_norm[%d] = {",
                nc->n ? "" : "0", (int)ei, nc->n ? (int)nc->n : 1);
      for (i = 0; i < nc->n; i++) {
        gb_puts(d, i ? ", " : "");
        gb_real(d, nc->norm[i]);
      }
      gb_puts(d, nc->n ? "};\n" : "0};\n");
      gb_printf(b, "  return pm_normcont(c, &x, x%d_orig, x%d_norm, %d, %d, "
                   "out);\n}\n",
                (int)ei, (int)ei, (int)nc->n, (int)nc->outliers);
      return 0;
    }
    {
      const pm_discretize *dz = e->ext;
      gb_printf(d, "\n/* <Discretize> (line %u): <DiscretizeBin "
                   "binValue=><Interval/> */\n"
                   "static const pm_interval x%d_bins[%d] = {\n",
                (unsigned)e->line, (int)ei, dz->n ? (int)dz->n : 1);
      for (i = 0; i < dz->n; i++) {
        gb_puts(d, "  {");
        gb_real(d, dz->bins[i].left);
        gb_puts(d, ", ");
        gb_real(d, dz->bins[i].right);
        gb_printf(d, ", %d},\n", (int)dz->bins[i].closure);
      }
      if (!dz->n)
        gb_puts(d, "  {0, 0, 0}\n");
      gb_printf(d, "};\nstatic const int32_t x%d_values[%d] = {",
                (int)ei, dz->n ? (int)dz->n : 1);
      for (i = 0; i < dz->n; i++)
        gb_printf(d, "%s%d", i ? ", " : "", (int)gen_plit(g, &dz->values[i]));
      gb_puts(d, dz->n ? "};\n" : "0};\n");
      gb_printf(b, "  return pm_discretize(c, &x, x%d_bins, x%d_values, %d, "
                   "%d, out);\n}\n",
                (int)ei, (int)ei, (int)dz->n, (int)gen_plit(g, &e->deflt));
      return 0;
    }
  }
  case PM_X_MAPVALUES: {
    const pm_mapvalues *mv = e->ext;
    const pm_table *t = mv->table;
    int32_t r, k;
    gen_need(g, "exprs");
    gb_printf(d, "\n/* <MapValues> (line %u): <InlineTable>, %d rows of "
                 "literals */\nstatic const int32_t x%d_cells[%d] = {\n",
              (unsigned)e->line, (int)t->n_rows, (int)ei,
              t->n_rows * t->n_cols > 0 ? (int)(t->n_rows * t->n_cols) : 1);
    for (r = 0; r < t->n_rows; r++) {
      gb_puts(d, " ");
      for (k = 0; k < t->n_cols; k++)
        gb_printf(d, " %d,",
                  (int)gen_plit(g, &t->cells[(size_t)r * t->n_cols + k]));
      gb_puts(d, "\n");
    }
    if (!t->n_rows || !t->n_cols)
      gb_puts(d, "  0\n");
    gb_printf(d, "};\nstatic const int32_t x%d_in[%d] = {", (int)ei,
              e->n ? (int)e->n : 1);
    for (i = 0; i < e->n; i++)
      gb_printf(d, "%s%d", i ? ", " : "", (int)mv->in_cols[i]);
    gb_puts(d, e->n ? "};\n" : "0};\n");
    gb_printf(b, "  pm_v a[%d];\n  int any_missing = 0;\n"
                 "  *out = pm_missing();\n  if (c->failed_)\n    return -1;\n",
              e->n ? (int)e->n : 1);
    eval_args(g, b, e, 1);
    gb_printf(b, "  if (any_missing) {\n    *out = pm_lit[%d];\n"
                 "    return 0;\n  }\n"
                 "  return pm_mapvalues(a, %d, x%d_cells, %d, %d, x%d_in, %d, "
                 "%d, out);\n}\n",
              (int)gen_plit(g, &e->missing), (int)e->n, (int)ei,
              (int)t->n_rows, (int)t->n_cols, (int)ei, (int)mv->out_col,
              (int)gen_plit(g, &e->deflt));
    return 0;
  }
  case PM_X_APPLY:
  case PM_X_CALL: {
    int32_t m = opt_lit(g, &e->missing);
    const char *grp = NULL;
    gen_need(g, "exprs");
    if (e->op == PM_X_APPLY) {
      grp = builtin_group(e->fn);
      if (!grp)
        return gen_fail(g, e->line, "Apply: function '%s' (regular "
                        "expressions) is not supported by the code "
                        "generator yet",
                        pmmlE_builtins[e->fn].name);
      gen_need(g, "bi");
      if (!strcmp(grp, "pm_bi_string") || !strcmp(grp, "pm_bi_format"))
        g->makes_strings = 1;
      if (e->fn == PM_BI_MEDIAN && e->n > 64)
        g->makes_strings = 1;
      if (!strcmp(grp, "pm_bi_string") || !strcmp(grp, "pm_bi_format") ||
          !strcmp(grp, "pm_bi_date"))
        gen_need(g, grp + 3);
    }
    gb_printf(b, "  pm_v a[%d];\n", e->n ? (int)e->n : 1);
    if (m >= 0)
      gb_puts(b, "  int any_missing = 0;\n");
    if (!e->n)
      gb_puts(b, "  (void)a;\n");
    gb_puts(b, "  *out = pm_missing();\n  if (c->failed_)\n    return -1;\n");
    eval_args(g, b, e, m >= 0);
    if (m >= 0)
      gb_printf(b, "  if (any_missing) {\n    *out = pm_lit[%d];\n"
                   "    return 0;\n  }\n",
                (int)m);
    if (e->op == PM_X_CALL)
      gb_printf(b, "  if (f%d(c, a, out))\n    return -1;\n", (int)e->fn);
    else if (!strcmp(grp, "pm_bi_test"))
      gb_printf(b, "  pm_bi_test(%s, a, %d, out);\n", gen_bi_id(e->fn),
                (int)e->n);
    else if (!strcmp(grp, "pm_bi_compare"))
      gb_printf(b, "  if (pm_bi_compare(c, %s, a, out))\n    return -1;\n",
                gen_bi_id(e->fn));
    else
      gb_printf(b, "  if (%s(c, %s, a, %d, out))\n    return -1;\n", grp,
                gen_bi_id(e->fn), (int)e->n);
    gb_printf(b, "  return pm_apply_result(c, %d, %d, %d, out);\n}\n",
              (int)e->inv, (int)opt_lit(g, &e->deflt),
              (int)gen_str(g, e->op == PM_X_CALL ? doc->fns[e->fn].name
                                                 : e->name));
    return 0;
  }
  case PM_X_IF: {
    int32_t m = gen_plit(g, &e->missing), dflt = gen_plit(g, &e->deflt);
    gb_printf(b, "  pm_v x;\n  *out = pm_missing();\n"
                 "  if (c->failed_)\n    return -1;\n"
                 "  if (x%d(c, p, &x))\n    return -1;\n"
                 "  if (x.t == PM_T_MISSING) {\n    *out = pm_lit[%d];\n"
                 "    if (out->t == PM_T_MISSING)\n"
                 "      *out = pm_lit[%d];\n    return 0;\n  }\n"
                 "  if (x.t != PM_T_BOOL && x.t != PM_T_NUM)\n"
                 "    return pm_fail(c, PM_E_EVAL,\n"
                 "                   \"function 'if': the condition is not a "
                 "boolean\");\n"
                 "  if (x.num != 0) {\n    if (x%d(c, p, out))\n"
                 "      return -1;\n  } else {\n",
              (int)doc->args[e->first], (int)m, (int)dflt,
              (int)doc->args[e->first + 1]);
    if (e->n > 2)
      gb_printf(b, "    if (x%d(c, p, out))\n      return -1;\n",
                (int)doc->args[e->first + 2]);
    else
      gb_puts(b, "    *out = pm_missing();\n");
    gb_printf(b, "  }\n  if (out->t == PM_T_MISSING)\n    *out = pm_lit[%d];\n"
                 "  return 0;\n}\n",
              (int)dflt);
    return 0;
  }
  case PM_X_TEXTINDEX:
    return gen_textindex(g, ei, b);
  default:
    return gen_fail(g, e->line, "this expression is not supported by the "
                    "code generator");
  }
}

/* DefineFunction f: f<F>(c, a, out), the arguments cast in place
** (eval_expr.c: call). */
static int
gen_function(gen *g, int32_t f)
{
  const pm_function *fn = &g->doc->fns[f];
  gbuf *b;
  int32_t i, name;
  if (g->fn_done[f])
    return g->failed ? -1 : 0;
  g->fn_done[f] = 1;
  if (gen_expr(g, fn->expr))
    return -1;
  gen_need(g, "exprs");
  name = gen_str(g, fn->name);
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int f%d(pm_ctx *c, pm_v *a, pm_v *out);\n", (int)f);
  gb_puts(b, "\n/* <DefineFunction name=");
  gen_name(g, b, fn->name);
  gb_printf(b, "> (line %u) */\nstatic int\nf%d(pm_ctx *c, pm_v *a, "
               "pm_v *out)\n{\n  int rc;\n"
               "  if (c->depth_ >= 64)\n"
               "    return pm_fail(c, PM_E_LIMIT, \"functions nested deeper "
               "than %%d\", 64);\n",
            (unsigned)fn->line, (int)f);
  for (i = 0; i < fn->n_params; i++)
    if (fn->param_dt[i] != PM_DT_ANY) {
      gen_note_cast(g, PM_DT_ANY, fn->param_dt[i]);
      gb_printf(b, "  if (pm_call_cast(c, &a[%d], %s, %d, %d))\n"
                   "    return -1;\n",
                (int)i, gen_dt(fn->param_dt[i]), (int)name, (int)i + 1);
    }
  if (!fn->n_params)
    gb_puts(b, "  (void)a;\n");
  gen_note_cast(g, g->doc->exprs[fn->expr].dt, fn->dtype);
  gb_printf(b, "  c->depth_++;\n  rc = x%d(c, a, out);\n  c->depth_--;\n"
               "  if (rc)\n    return -1;\n"
               "  return pm_call_cast(c, out, %s, %d, 0);\n}\n",
            (int)fn->expr, gen_dt(fn->dtype), (int)name);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Predicates                                                               */

static const char *const op_text[] = {"==", "!=", "<", "<=", ">", ">=",
                                      "is missing", "is not missing"};
static const char *const bool_text[] = {"and", "or", "xor", "surrogate"};

void
gen_pred_text(gen *g, gbuf *b, int32_t pi, int depth)
{
  const pm_pred *p = &g->doc->preds[pi];
  int32_t i;
  switch (p->kind) {
  case PM_P_TRUE:
    gb_puts(b, "True");
    return;
  case PM_P_FALSE:
    gb_puts(b, "False");
    return;
  case PM_P_SIMPLE:
    gen_name(g, b, p->name);
    gb_printf(b, " %s", op_text[p->op & 7]);
    if (p->op != PM_OP_MISSING && p->op != PM_OP_NOT_MISSING) {
      gb_puts(b, " ");
      gen_lit_comment(g, b, &p->v);
    }
    return;
  case PM_P_SET:
    gen_name(g, b, p->name);
    gb_puts(b, p->op == PM_SET_IN ? " in {" : " not in {");
    for (i = 0; i < p->n && i < 4; i++) {
      gb_puts(b, i ? ", " : "");
      gen_lit_comment(g, b, &p->set[i]);
    }
    gb_puts(b, i < p->n ? ", ...}" : "}");
    return;
  default:
    if (depth > 1) {
      gb_printf(b, "(%s ...)", bool_text[p->op & 3]);
      return;
    }
    gb_puts(b, "(");
    for (i = 0; i < p->n && i < 3; i++) {
      if (i)
        gb_printf(b, " %s ", bool_text[p->op & 3]);
      gen_pred_text(g, b, g->doc->args[p->first + i], depth + 1);
    }
    gb_puts(b, i < p->n ? " ...)" : ")");
    return;
  }
}

static const char *const kind_names[] = {"PM_P_TRUE", "PM_P_FALSE",
                                         "PM_P_SIMPLE", "PM_P_SET",
                                         "PM_P_COMPOUND"};

/* The operator of p as generated code names it. */
static const char *
pred_op_name(const pm_pred *p)
{
  static const char *const simple[] = {
    "PM_PO_EQ", "PM_PO_NE", "PM_PO_LT", "PM_PO_LE", "PM_PO_GT", "PM_PO_GE",
    "PM_PO_MISSING", "PM_PO_NOT_MISSING"};
  static const char *const compound[] = {"PM_BO_AND", "PM_BO_OR",
                                         "PM_BO_XOR", "PM_BO_SURROGATE"};
  switch (p->kind) {
  case PM_P_SIMPLE:
    return simple[p->op & 7];
  case PM_P_SET:
    return p->op == PM_SET_IN ? "PM_SO_IN" : "PM_SO_NOT_IN";
  case PM_P_COMPOUND:
    return compound[p->op & 3];
  default:
    return "0";
  }
}

int32_t
gen_pred(gen *g, int32_t pi)
{
  const pm_pred *p = &g->doc->preds[pi];
  gbuf *b;
  int32_t i, first = 0, n = 0, lit = -1, *kids = NULL, idx;
  if (g->pred_map[pi] >= 0)
    return g->pred_map[pi];
  gen_need(g, "preds");
  if (p->kind == PM_P_COMPOUND) {
    kids = malloc(((size_t)p->n + 1) * sizeof *kids);
    if (!kids) {
      gen_fail(g, p->line, "out of memory");
      return -1;
    }
    for (i = 0; i < p->n; i++) {
      kids[i] = gen_pred(g, g->doc->args[p->first + i]);
      if (kids[i] < 0) {
        free(kids);
        return -1;
      }
    }
  }
  b = gen_tbuf(g, &g->t_pargs);
  if (p->kind == PM_P_COMPOUND) {
    first = g->n_pargs;
    n = p->n;
    for (i = 0; i < n; i++)
      gb_printf(b, "  %d,\n", (int)kids[i]);
    g->n_pargs += n;
    free(kids);
  } else if (p->kind == PM_P_SET) {
    first = g->n_pargs;
    n = p->n;
    for (i = 0; i < n; i++)
      gb_printf(b, "  %d,\n", (int)gen_plit(g, &p->set[i]));
    g->n_pargs += n;
  } else if (p->kind == PM_P_SIMPLE && p->op != PM_OP_MISSING &&
             p->op != PM_OP_NOT_MISSING) {
    lit = gen_plit(g, &p->v);
  }
  b = gen_tbuf(g, &g->t_preds);
  idx = g->n_preds++;
  gb_printf(b, "  /* %d, line %u: ", (int)idx, (unsigned)p->line);
  gen_pred_text(g, b, pi, 0);
  gb_printf(b, " */\n  {%s, %s, %d, %d, %d, %d, %d, %d, ", kind_names[p->kind],
            pred_op_name(p), p->kind == PM_P_SIMPLE && p->v.t == PM_T_NUM,
            p->kind == PM_P_SIMPLE || p->kind == PM_P_SET
                ? (int)gen_slot(g, p->slot)
                : -1,
            p->kind == PM_P_SIMPLE ? (int)gen_fast(g, p->slot) : -1,
            (int)lit, (int)first, (int)n);
  gb_real(b, p->kind == PM_P_SIMPLE && p->v.t == PM_T_NUM ? p->v.num : 0.0);
  gb_puts(b, "},\n");
  g->pred_map[pi] = idx;
  return idx;
}
