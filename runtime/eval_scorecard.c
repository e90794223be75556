/*
** eval_scorecard.c: scoring a Scorecard (PMML 4.4 Scorecard). The score is
** the initialScore plus, for each Characteristic, the partial score of its
** first Attribute whose predicate is true. Reason codes rank the points
** each code lost (pointsBelow) or gained (pointsAbove) against the
** characteristics' baselines.
*/
#include <math.h>
#include <string.h>

#include "pmml_int.h"

/*
** PMML 4.4 Scorecard. A predicate that is UNKNOWN (a missing value) does
** not select its Attribute; a Characteristic without a true Attribute makes
** the record fail, as the specification says the scorecard then returns an
** invalid value. A ComplexPartialScore that evaluates to missing leaves the
** model without a prediction. The reason codes of a record: for each
** Characteristic, the difference between its baseline and the partial
** score (baselineScore - partialScore for pointsBelow, the opposite for
** pointsAbove) is added to the reason code of the selected Attribute (or of
** the Characteristic); the codes are ranked by their sums, largest first,
** those with a negative sum left out; equal sums keep the order in which
** the codes first counted in the record (as JPMML does).
*/
int
pmmlE_scorecard(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_scorecard *sc = m->body;
  int32_t nc = sc->n_codes, i, j, k, order = 0, count = 0;
  double *points = c->scratch + sc->scratch, *first = points + nc;
  double *rank = first + nc;
  double score = sc->initial;
  float scoref = (float)sc->initial;
  if (sc->want_rc)
    for (k = 0; k < nc; k++) {
      points[k] = 0.0;
      first[k] = -1.0;
    }
  for (i = 0; i < sc->n_chars; i++) {
    const pm_scchar *ch = &sc->chars[i];
    const pm_scattr *at = NULL;
    double partial;
    for (j = ch->first; j < ch->first + ch->n; j++) {
      int st = pmmlE_pred(c, sc->attrs[j].pred);
      if (c->failed)
        return -1;
      if (st == PM_TRUE) {
        at = &sc->attrs[j];
        break;
      }
    }
    if (!at)
      return pmmlE_fail(c, PMML_E_EVAL,
                        "Scorecard: no Attribute of the Characteristic '%s' "
                        "(line %u) is true",
                        ch->name >= 0 ? pmmlS_str(&c->m->strs, ch->name) : "",
                        (unsigned)ch->line);
    if (at->expr >= 0) {
      pm_val v;
      if (pmmlE_expr(c, at->expr, &v))
        return -1;
      if (v.t == PM_T_MISSING)
        return 0;
      if (v.t != PM_T_NUM && v.t != PM_T_BOOL)
        return pmmlE_fail(c, PMML_E_EVAL,
                          "ComplexPartialScore (line %u): the value is not "
                          "a number",
                          (unsigned)at->line);
      partial = v.u.num;
    } else {
      partial = at->partial;
    }
    if (m->math_float)
      scoref += (float)partial;
    else
      score += partial;
    if (sc->want_rc) {
      k = at->rc;
      if (first[k] < 0)
        first[k] = (double)order++;
      points[k] += sc->algorithm == PM_RC_POINTS_BELOW
                       ? ch->baseline - partial
                       : partial - ch->baseline;
    }
  }
  if (m->math_float)
    score = (double)scoref;
  if (sc->want_rc) {
    /* Rank by points, then by first use: an insertion sort of indices. */
    for (k = 0; k < nc; k++) {
      if (first[k] < 0 || !(points[k] >= 0))
        continue;
      for (j = count; j > 0; j--) {
        int32_t p = (int32_t)rank[j - 1];
        if (points[p] > points[k] ||
            (points[p] == points[k] && first[p] < first[k]))
          break;
        rank[j] = rank[j - 1];
      }
      rank[j] = (double)k;
      count++;
    }
    rank[nc] = (double)count;
    res->extra = rank;
  }
  res->raw = score;
  res->value = pmmlV_num(pmmlE_target_value(m, score), m->target_dt);
  return 0;
}

/* PMML 4.4 Output, feature="reasonCode": the code at rank= (1 first). */
int
pmmlE_scorecard_feature(pmml_ctx *c, const pm_model *m, const pm_ofield *of,
                        const pm_result *res, pm_val *out)
{
  const pm_scorecard *sc = m->body;
  const double *rank = res->extra;
  int32_t id;
  if (of->feature != PM_FEAT_REASON_CODE)
    return 1;
  *out = pmmlV_missing();
  if (!rank || res->value.t == PM_T_MISSING ||
      of->rank > (int32_t)rank[sc->n_codes])
    return 0;
  id = sc->codes[(int32_t)rank[of->rank - 1]];
  *out = pmmlV_str(pmmlS_str(&c->m->strs, id), pmmlS_len(&c->m->strs, id), id);
  return 0;
}
