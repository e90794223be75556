/*
** load_scorecard.c: <Scorecard> (PMML 4.4 Scorecard): Characteristics,
** their Attributes with a predicate and a partialScore or a
** ComplexPartialScore expression; and its resolve pass, which settles each
** characteristic's baseline and numbers the reason codes. Scoring:
** eval_scorecard.c.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

typedef struct sc_loader {
  pm_scorecard *sc;
  pm_vec chars;        /* pm_scchar */
  pm_vec attrs;        /* pm_scattr */
} sc_loader;

static const char *const algorithm_names[] = {"pointsAbove", "pointsBelow",
                                              NULL};
static const char *const method_names[] = {"max", "min", "mean", "neutral",
                                           "other", NULL};

static sc_loader *
scl(pm_loader *ld)
{
  return ld->model && ld->model->family == PM_FAM_SCORECARD ? ld->model->body
                                                             : NULL;
}

/* <Scorecard initialScore= useReasonCodes= reasonCodeAlgorithm=
**   baselineScore= baselineMethod=> */
static void
scorecard_start(pm_loader *ld, pm_model *m, const char **atts)
{
  sc_loader *s = pmmlL_alloc(ld, sizeof *s);
  pm_scorecard *sc;
  if (!s)
    return;
  sc = s->sc = pmmlL_alloc(ld, sizeof *s->sc);
  if (!sc)
    return;
  pmmlL_track(ld, &s->chars, sizeof(pm_scchar));
  pmmlL_track(ld, &s->attrs, sizeof(pm_scattr));
  m->body = s;
  sc->initial = pmmlL_num(ld, atts, "initialScore", 0.0);
  sc->use_rc = (uint8_t)pmmlL_bool(ld, atts, "useReasonCodes", 1);
  sc->algorithm = (uint8_t)pmmlL_enum(ld, atts, "reasonCodeAlgorithm",
                                      algorithm_names, PM_RC_POINTS_BELOW);
  sc->baseline = pmmlL_num(ld, atts, "baselineScore", NAN);
  sc->method = (uint8_t)pmmlL_enum(ld, atts, "baselineMethod", method_names,
                                   PM_BL_OTHER);
}

/* <Characteristic name= reasonCode= baselineScore=> */
static void
char_start(pm_loader *ld, const char **atts)
{
  sc_loader *s = scl(ld);
  pm_scchar *ch;
  if (!s)
    return;
  ch = pmmlL_push(ld, &s->chars, sizeof *ch);
  if (!ch)
    return;
  ch->name = pmmlL_sym(ld, atts, "name");
  ch->reason = pmmlL_sym(ld, atts, "reasonCode");
  ch->baseline = pmmlL_num(ld, atts, "baselineScore", NAN);
  ch->first = (int32_t)s->attrs.len;
  ch->line = pmmlL_frame(ld, 0)->line;
}

static void
char_end(pm_loader *ld)
{
  sc_loader *s = scl(ld);
  pm_scchar *ch;
  if (!s || !s->chars.len)
    return;
  ch = (pm_scchar *)s->chars.data + s->chars.len - 1;
  ch->n = (int32_t)s->attrs.len - ch->first;
  if (ch->n == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "Characteristic: no Attribute");
}

/* <Attribute partialScore= reasonCode=> predicate ComplexPartialScore? */
static void
attr_start(pm_loader *ld, const char **atts)
{
  sc_loader *s = scl(ld);
  pm_frame *f = pmmlL_frame(ld, 0);
  pm_scattr *at;
  if (!s)
    return;
  at = pmmlL_push(ld, &s->attrs, sizeof *at);
  if (!at)
    return;
  at->pred = at->expr = at->rc = -1;
  at->partial = pmmlL_num(ld, atts, "partialScore", NAN);
  at->reason = pmmlL_sym(ld, atts, "reasonCode");
  at->line = f->line;
  f->obj = s;
  f->aux = (int32_t)s->attrs.len - 1;
}

static void
attr_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0);
  sc_loader *s = f->obj;
  int32_t n, *kids;
  pm_scattr *at;
  if (!s)
    return;
  kids = pmmlL_pop_indices(ld, f->mark, &n);
  at = (pm_scattr *)s->attrs.data + f->aux;
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "Attribute: expected one predicate, found %d", (int)n);
    return;
  }
  at->pred = kids[0];
  if (at->expr < 0 && isnan(at->partial))
    pmmlL_fail(ld, PMML_E_INVALID,
               "Attribute: no partialScore and no ComplexPartialScore");
}

/* <ComplexPartialScore> expression </ComplexPartialScore> (PMML 4.4) */
static void
complex_end(pm_loader *ld)
{
  pm_frame *f = pmmlL_frame(ld, 0), *pf = pmmlL_frame(ld, 1);
  sc_loader *s = pf->obj;
  int32_t n, *kids = pmmlL_pop_indices(ld, f->mark, &n);
  if (!s)
    return;
  if (n != 1) {
    pmmlL_fail(ld, PMML_E_INVALID,
               "ComplexPartialScore: expected one expression, found %d",
               (int)n);
    return;
  }
  ((pm_scattr *)s->attrs.data)[pf->aux].expr = kids[0];
}

static const pm_elem complex_children[] = {
  {NULL, NULL, NULL, pmmlL_expr_elems, 0},
};

static const pm_elem attr_children[] = {
  {"ComplexPartialScore", NULL, complex_end, complex_children, 0},
  {NULL, NULL, NULL, pmmlL_pred_elems, 0},
};

static const pm_elem char_children[] = {
  {"Attribute", attr_start, attr_end, attr_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

static const pm_elem chars_children[] = {
  {"Characteristic", char_start, char_end, char_children, 0},
  {NULL, NULL, NULL, NULL, 0},
};

const pm_elem pmmlL_scorecard_elems[] = {
  {"Characteristics", NULL, NULL, chars_children, 0},
  {NULL, NULL, NULL, pmmlL_model_common, 0},
};

static void
scorecard_end(pm_loader *ld, pm_model *m)
{
  sc_loader *s = m->body;
  pm_scorecard *sc = s->sc;
  sc->chars = pmmlL_finish_vec(ld, &s->chars, sizeof(pm_scchar),
                               &sc->n_chars);
  sc->attrs = pmmlL_finish_vec(ld, &s->attrs, sizeof(pm_scattr),
                               &sc->n_attrs);
  if (!ld->failed && sc->n_chars == 0)
    pmmlL_fail(ld, PMML_E_INVALID, "Scorecard: no Characteristic");
  m->body = sc;
}

const pm_family pmmlL_scorecard_family = {
  "Scorecard", scorecard_start, scorecard_end, pmmlL_scorecard_elems,
  pmmlR_scorecard, pmmlE_scorecard, pmmlE_scorecard_feature, NULL,
  PM_FEAT_BIT(PM_FEAT_REASON_CODE),
};

/* ------------------------------------------------------------------------ */
/* Resolving                                                                */

/* The baseline of characteristic ch: its baselineScore, else the model's;
** without either, baselineMethod max or min takes the largest or smallest
** partialScore of its attributes. NaN when none applies. */
static double
baseline(const pm_scorecard *sc, const pm_scchar *ch)
{
  double b = NAN;
  int32_t i;
  if (!isnan(ch->baseline))
    return ch->baseline;
  if (!isnan(sc->baseline))
    return sc->baseline;
  if (sc->method != PM_BL_MAX && sc->method != PM_BL_MIN)
    return NAN;
  for (i = ch->first; i < ch->first + ch->n; i++) {
    double p = sc->attrs[i].partial;
    if (sc->attrs[i].expr >= 0 || isnan(p))
      return NAN;
    if (isnan(b) || (sc->method == PM_BL_MAX ? p > b : p < b))
      b = p;
  }
  return b;
}

/* PMML 4.4 Scorecard: predicates and partial score expressions in the
** model's scope; with reason codes asked for, every characteristic needs a
** baseline and every attribute a reason code. */
int
pmmlR_scorecard(pm_resolver *r, pm_model *m)
{
  pm_scorecard *sc = m->body;
  pmml_model *doc = pmmlR_doc(r);
  int32_t i, j, k;
  if (m->function != PM_FN_REGRESSION) {
    pmmlR_fail(r, PMML_E_UNSUPPORTED, m->line,
               "Scorecard: only functionName=\"regression\" is supported");
    return -1;
  }
  for (i = 0; i < m->n_of; i++)
    if (m->of[i].feature == PM_FEAT_REASON_CODE) {
      if (!sc->use_rc) {
        pmmlR_fail(r, PMML_E_INVALID, m->of[i].line,
                   "OutputField '%s': feature=\"reasonCode\" needs "
                   "useReasonCodes=\"true\"",
                   pmmlS_str(&doc->strs, m->of[i].name));
        return -1;
      }
      sc->want_rc = 1;
    }
  for (i = 0; i < sc->n_attrs; i++) {
    pm_scattr *at = &sc->attrs[i];
    if (pmmlR_pred(r, m, at->pred))
      return -1;
    if (at->expr >= 0 && pmmlR_expr(r, m, at->expr))
      return -1;
  }
  if (!sc->want_rc)
    return 0;
  sc->codes = pmmlM_alloc(pmmlR_arena(r),
                          ((size_t)sc->n_attrs + 1) * sizeof(int32_t));
  if (!sc->codes) {
    pmmlR_fail(r, PMML_E_NOMEM, 0, "out of memory");
    return -1;
  }
  for (i = 0; i < sc->n_chars; i++) {
    pm_scchar *ch = &sc->chars[i];
    ch->baseline = baseline(sc, ch);
    if (isnan(ch->baseline)) {
      pmmlR_fail(r, PMML_E_INVALID, ch->line,
                 "Characteristic '%s': no baselineScore, which reason codes "
                 "need",
                 ch->name >= 0 ? pmmlS_str(&doc->strs, ch->name) : "");
      return -1;
    }
    for (j = ch->first; j < ch->first + ch->n; j++) {
      pm_scattr *at = &sc->attrs[j];
      int32_t code = at->reason >= 0 ? at->reason : ch->reason;
      if (code < 0) {
        pmmlR_fail(r, PMML_E_INVALID, at->line,
                   "Attribute: no reasonCode (nor one on its "
                   "Characteristic), which reason codes need");
        return -1;
      }
      for (k = 0; k < sc->n_codes && sc->codes[k] != code; k++)
        ;
      if (k == sc->n_codes)
        sc->codes[sc->n_codes++] = code;
      at->rc = k;
    }
  }
  /* Scratch: each code's points, the order in which codes first count in
  ** a record, and the ranking with its length. */
  sc->scratch = pmmlR_scratch(r, 3 * (size_t)sc->n_codes + 1);
  return 0;
}
