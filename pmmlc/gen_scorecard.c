/*
** gen_scorecard.c: Scorecard as generated C. The Characteristics and their
** Attributes become tables (each Attribute's predicate a row of pm_preds)
** that the run-time support walks as runtime/eval_scorecard.c does
** (genrt.inc: scorecard); a ComplexPartialScore is an expression function
** that m<M>_cps calls by the Attribute's number. Reason codes are ranked
** into the context's doubles, where feature="reasonCode" reads them.
*/
#include "gen.h"

/* <Scorecard>: its tables, m<M>_cps when an Attribute has a
** ComplexPartialScore, and m<M>_eval (eval_scorecard.c: pmmlE_scorecard). */
static int
scorecard_model(gen *g, const pm_model *m)
{
  const pm_scorecard *sc = m->body;
  gbuf *d, *b;
  int32_t i, j, mi = m->index, n_cps = 0, nc = sc->n_codes, rank;
  gen_need(g, "scorecard");
  /* The predicates and expressions first (their tables and functions). */
  for (j = 0; j < sc->n_attrs; j++) {
    if (gen_pred(g, sc->attrs[j].pred) < 0)
      return -1;
    if (sc->attrs[j].expr >= 0) {
      if (gen_expr(g, sc->attrs[j].expr))
        return -1;
      n_cps++;
    }
  }
  rank = gen_dbl(g, nc + 1);
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* Scorecard (line %u): <Characteristic>s { name, "
               "baselineScore, first\n** Attribute, their count, line } */\n"
               "static const pm_scchar m%d_chars[%d] = {\n",
            (unsigned)m->line, (int)mi,
            sc->n_chars ? (int)sc->n_chars : 1);
  for (i = 0; i < sc->n_chars; i++) {
    const pm_scchar *ch = &sc->chars[i];
    gb_puts(d, "  /* Characteristic ");
    gen_name(g, d, ch->name);
    gb_printf(d, " */\n  {%d, ", (int)gen_str(g, ch->name));
    gb_real(d, ch->baseline);
    gb_printf(d, ", %d, %d, %u},\n", (int)ch->first, (int)ch->n,
              (unsigned)ch->line);
  }
  if (!sc->n_chars)
    gb_puts(d, "  {-1, 0, 0, 0, 0}\n");
  gb_printf(d, "};\n\n/* Its <Attribute>s { predicate, ComplexPartialScore, "
               "partialScore, reason\n** code, line } */\n"
               "static const pm_scattr m%d_attrs[%d] = {\n",
            (int)mi, sc->n_attrs ? (int)sc->n_attrs : 1);
  for (j = 0, n_cps = 0; j < sc->n_attrs; j++) {
    const pm_scattr *at = &sc->attrs[j];
    gb_printf(d, "  /* %d (line %u): ", (int)j, (unsigned)at->line);
    gen_pred_text(g, d, at->pred, 0);
    gb_printf(d, " */\n  {%d, %d, ", (int)gen_pred(g, at->pred),
              at->expr >= 0 ? (int)n_cps++ : -1);
    gb_real(d, at->expr >= 0 ? 0.0 : at->partial);
    gb_printf(d, ", %d, %u},\n", sc->want_rc ? (int)at->rc : -1,
              (unsigned)at->line);
  }
  if (!sc->n_attrs)
    gb_puts(d, "  {0, -1, 0, -1, 0}\n");
  gb_puts(d, "};\n");
  gb_printf(d, "\n/* The reason codes, in the order they first appear. */\n"
               "static const int32_t m%d_codes[%d] = {",
            (int)mi, nc ? (int)nc : 1);
  for (i = 0; i < nc; i++)
    gb_printf(d, "%s%d", i ? ", " : "", (int)gen_str(g, sc->codes[i]));
  gb_puts(d, nc ? "};\n" : "0};\n");
  gb_printf(d, "\nstatic const pm_scorecard m%d_sc = {\n  m%d_chars, %d, "
               "m%d_attrs, ",
            (int)mi, (int)mi, (int)sc->n_chars, (int)mi);
  gb_real(d, sc->initial);
  gb_printf(d, ", %d, %d, m%d_codes, %d, %d\n};\n",
            sc->algorithm == PM_RC_POINTS_BELOW, (int)sc->want_rc, (int)mi,
            (int)nc, (int)rank);
  /* The ComplexPartialScores, by their number. */
  b = gen_out(g, GS_CODE);
  gb_printf(gen_out(g, GS_PROTO),
            "static int m%d_cps(pm_ctx *c, int32_t k, pm_v *out);\n"
            "static int m%d_eval(pm_ctx *c, pm_res *res);\n",
            (int)mi, (int)mi);
  gb_printf(b, "\n/* The <ComplexPartialScore>s of Scorecard %d. */\n"
               "static int\nm%d_cps(pm_ctx *c, int32_t k, pm_v *out)\n{\n"
               "  switch (k) {\n",
            (int)mi, (int)mi);
  for (j = 0, n_cps = 0; j < sc->n_attrs; j++)
    if (sc->attrs[j].expr >= 0)
      gb_printf(b, "  case %d: /* Attribute line %u */\n"
                   "    return x%d(c, 0, out);\n",
                (int)n_cps++, (unsigned)sc->attrs[j].line,
                (int)sc->attrs[j].expr);
  gb_puts(b, "  default:\n    (void)c;\n    *out = pm_missing();\n"
             "    return 0;\n  }\n}\n");
  gb_printf(b, "\n/* Scorecard (line %u), reasonCodeAlgorithm=\"%s\" */\n"
               "static int\nm%d_eval(pm_ctx *c, pm_res *res)\n{\n"
               "  double points[%d], first[%d];\n"
               "  return pm_scorecard_eval(c, &pm_models[%d], &m%d_sc, "
               "m%d_cps, points,\n                           first, res);\n"
               "}\n",
            (unsigned)m->line,
            sc->algorithm == PM_RC_POINTS_BELOW ? "pointsBelow"
                                                : "pointsAbove",
            (int)mi, nc ? (int)nc : 1, nc ? (int)nc : 1, (int)mi, (int)mi,
            (int)mi);
  return 0;
}

/* feature="reasonCode" rank= (eval_scorecard.c: pmmlE_scorecard_feature);
** every other feature is the common one. */
static int
scorecard_feature(gen *g, const pm_model *m, const pm_ofield *of, gbuf *b)
{
  (void)g;
  if (of->feature != PM_FEAT_REASON_CODE)
    return 1;
  gb_printf(b, "  pm_scorecard_reason(c, &m%d_sc, res, %d, out);\n",
            (int)m->index, (int)of->rank);
  return 0;
}

const gen_family gen_scorecard_family = {"Scorecard", scorecard_model,
                                         scorecard_feature, NULL};
