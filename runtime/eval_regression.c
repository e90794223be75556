/*
** eval_regression.c: scoring a RegressionModel (PMML 4.4 Regression). Each
** RegressionTable gives a linear value; regression normalizes the one
** value, classification turns the values of the tables into probabilities
** as normalizationMethod says, binomial, multinomial or ordinal.
*/
#include <math.h>

#include "pmml_int.h"

#if defined(__GNUC__)
#define PM_NOINLINE __attribute__((noinline))
#define PM_INLINE inline __attribute__((always_inline))
#else
#define PM_NOINLINE
#define PM_INLINE inline
#endif

/* The inverse link functions of normalizationMethod. */
static double
inverse_link(int norm, double y)
{
  switch (norm) {
  case PM_NORM_SOFTMAX:
  case PM_NORM_LOGIT:
    return 1.0 / (1.0 + exp(-y));
  case PM_NORM_PROBIT:
    return 0.5 * erfc(-y / sqrt(2.0));
  case PM_NORM_CLOGLOG:
    return 1.0 - exp(-exp(y));
  case PM_NORM_LOGLOG:
    return exp(-exp(-y));
  case PM_NORM_CAUCHIT:
    return 0.5 + atan(y) / 3.14159265358979323846;
  case PM_NORM_EXP:
    return exp(y);
  default:
    return y;
  }
}

/*
** x-mathContext="float" (a JPMML extension that XGBoost exports carry):
** single precision as the framework computes it. A +, -, *, / of floats is
** the double operation rounded to float (F); exp is the C library's expf,
** which XGBoost calls. JPMML's FloatValue emulates it with
** pow(2.7182817, x), up to 9 float ulps from XGBoost's values in the
** corpus; expf gives them exactly.
*/
#define F(x) ((double)(float)(x))

static double
exp_f(double x)
{
  return (double)expf((float)x);
}

static double
inverse_link_f(int norm, double y)
{
  switch (norm) {
  case PM_NORM_SOFTMAX:
  case PM_NORM_LOGIT:
    return F(1.0 / F(1.0 + exp_f(-y)));
  case PM_NORM_PROBIT:
    return F(0.5 * erfc(-y / sqrt(2.0))); /* JPMML has none in float */
  case PM_NORM_CLOGLOG:
    return F(1.0 - exp_f(-exp_f(y)));
  case PM_NORM_LOGLOG:
    return exp_f(-exp_f(-y));
  case PM_NORM_CAUCHIT:
    return F(0.5 + F(F(1.0 / F(3.1415927)) * F(atan(y))));
  case PM_NORM_EXP:
    return exp_f(y);
  default:
    return y;
  }
}

/* The value of one table, or NaN when an input it needs is missing
** (PMML: "if the input value is missing, the result is missing"). The
** order of the sums follows the document: numeric predictors, categorical
** predictors, terms, then the intercept. */
static double table_value_any(pmml_ctx *c, const pm_model *m,
                              const pm_regtable *t, int *missing);

/* y + the products of a plain table, one after the other in the
** document's order; X(k) is the number of its k-th predictor. The general
** path (plain_sum) and the fast path (fast_sum) expand the same text, so
** that both give the same bits. One product at a time: paired, the
** compiler loads two numbers at once, which cannot be forwarded from the
** two stores that just wrote them (a stall of the batch API). */
#define PLAIN_TERMS(y, n, coef, X)                                          \
  do {                                                                      \
    int32_t k_;                                                             \
    for (k_ = 0; k_ < (n); k_++)                                            \
      (y) += (coef)[k_] * (X(k_));                                          \
  } while (0)

/* The sum of a plain table, every predictor a number read straight from an
** input's cell: 0, or 1 when one is not a valid number (the general path
** then decides). */
static int
plain_sum(const pm_val *vals, const pm_regtable *t, double *out)
{
  const char *base = (const char *)vals;
  const size_t *off = t->offs;
  double y = 0.0;
  int32_t k;
#define CELL(k) ((const pm_val *)(base + off[k]))
  for (k = 0; k < t->n_nums; k++)
    if (PM_UNLIKELY((CELL(k)->t ^ PM_T_NUM) | CELL(k)->invalid))
      return 1;
#define NUM(k) (CELL(k)->u.num)
  PLAIN_TERMS(y, t->n_nums, t->coefs, NUM);
#undef NUM
#undef CELL
  *out = y + t->intercept;
  return 0;
}

/* The same from the context's input numbers (NaN for a value that is not
** a valid number) of table i of the fast plan f: a NaN sum says that an
** input was not, or that the numbers made one (inf - inf), and the general
** path decides. */
static PM_INLINE int
fast_sum(const double *in, const pm_fast *f, const pm_regtable *t, int32_t i,
         double *out)
{
  double y = 0.0;
  if (f->tab_first[i] >= 0) {
    /* Its inputs one after the other: no index to read. */
    const double *xs = in + f->tab_first[i];
#define NUM(k) (xs[k])
    PLAIN_TERMS(y, t->n_nums, t->coefs, NUM);
#undef NUM
  } else {
    const int32_t *idx = f->tab_in[i];
#define NUM(k) (in[idx[k]])
    PLAIN_TERMS(y, t->n_nums, t->coefs, NUM);
#undef NUM
  }
  y += t->intercept;
  *out = y;
  return y != y;
}

/* The value of a table: plain_sum() when it can, else the general path,
** which takes over at the first other value. */
static double
table_value(pmml_ctx *c, const pm_model *m, const pm_regtable *t, int *missing)
{
  double y;
  if (t->plain && plain_sum(c->vals, t, &y) == 0)
    return y;
  return table_value_any(c, m, t, missing);
}

static double
table_value_any(pmml_ctx *c, const pm_model *m, const pm_regtable *t,
                int *missing)
{
  double y = 0.0;
  float yf = 0.0f;
  int fl = m->math_float;
  int32_t k, matched = -1;
  for (k = 0; k < t->n_nums; k++) {
    const pm_numpred *np = &t->nums[k];
    const pm_val *v = pmmlE_direct(c, np->slot, np->direct);
    double x;
    if (v->t == PM_T_MISSING) {
      *missing = 1;
      return NAN;
    }
    if (v->t != PM_T_NUM && v->t != PM_T_BOOL) {
      pmmlE_fail(c, PMML_E_EVAL,
                 "NumericPredictor '%s': the value is not a number",
                 pmmlS_str(&c->m->strs, np->name));
      return NAN;
    }
    x = v->u.num;
    if (np->exponent != 1.0)
      x = pow(x, np->exponent);
    if (fl)
      yf += (float)np->coef * (float)x;
    else
      y += np->coef * x;
  }
  /* A field's CategoricalPredictors: the first that matches counts; a
  ** missing value makes the field count for nothing. */
  for (k = 0; k < t->n_cats; k++) {
    const pm_catpred *cp = &t->cats[k];
    const pm_val *v;
    pm_val lv;
    if (matched >= 0) {
      if (t->cats[matched].slot == cp->slot)
        continue;
      matched = -1;
    }
    v = pmmlE_slot(c, cp->slot);
    if (v->t == PM_T_MISSING) {
      matched = k;
      continue;
    }
    lv = pmmlV_lit(c->m, &cp->value);
    if (pmmlV_equal(v, &lv) == 1) {
      matched = k;
      if (fl)
        yf += (float)cp->coef;
      else
        y += cp->coef;
    }
  }
  for (k = 0; k < t->n_terms; k++) {
    const pm_term *tm = &t->terms[k];
    double prod = tm->coef;
    int32_t f;
    for (f = 0; f < tm->n; f++) {
      pm_val v;
      if (pmmlE_expr(c, c->m->args[tm->first + f], &v))
        return NAN;
      if (v.t == PM_T_MISSING) {
        *missing = 1;
        return NAN;
      }
      if (v.t != PM_T_NUM && v.t != PM_T_BOOL) {
        pmmlE_fail(c, PMML_E_EVAL, "PredictorTerm: a factor is not a number");
        return NAN;
      }
      prod *= v.u.num;
    }
    if (fl)
      yf += (float)prod;
    else
      y += prod;
  }
  if (fl)
    return (double)(yf + (float)t->intercept);
  return y + t->intercept;
}

/* Is the table empty with intercept 0 (the reference category)? */
static int
is_default_table(const pm_regtable *t)
{
  return t->n_nums == 0 && t->n_cats == 0 && t->n_terms == 0 &&
         t->intercept == 0.0;
}

static void
classify(const pm_model *m, const pm_regression *reg, const double *y,
         double *p)
{
  int32_t n = reg->n_tables, i;
  int norm = reg->norm;
  double sum = 0;
  int ordinal = m->target_op == PMML_OP_ORDINAL;
#define P(i) p[reg->tables[i].klass]
  if (!ordinal && (norm == PM_NORM_SOFTMAX || norm == PM_NORM_SIMPLEMAX)) {
    if (n == 2 && norm == PM_NORM_SOFTMAX &&
        is_default_table(&reg->tables[1])) {
      P(0) = inverse_link(PM_NORM_LOGIT, y[0]);
      P(1) = 1.0 - P(0);
      return;
    }
    for (i = 0; i < n; i++) {
      P(i) = norm == PM_NORM_SOFTMAX ? exp(y[i]) : y[i];
      sum += P(i);
    }
    for (i = 0; i < n; i++)
      P(i) /= sum;
    return;
  }
  if (!ordinal && n == 2) {
    /* Binomial: the first table's probability, the second the rest. */
    double p0 = norm == PM_NORM_NONE ? fmin(fmax(y[0], 0.0), 1.0)
                                     : inverse_link(norm, y[0]);
    P(0) = p0;
    P(1) = 1.0 - p0;
    return;
  }
  if (!ordinal) {
    /* Multinomial with none: the last category takes the rest. */
    for (i = 0; i < n - 1; i++) {
      P(i) = y[i];
      sum += y[i];
    }
    P(n - 1) = 1.0 - sum;
    return;
  }
  /* Ordinal: cumulative probabilities, differenced. */
  for (i = 0; i < n - 1; i++) {
    double cum = norm == PM_NORM_NONE ? fmin(fmax(y[i], 0.0), 1.0)
                                      : inverse_link(norm, y[i]);
    P(i) = cum - sum;
    sum = cum;
  }
  P(n - 1) = 1.0 - sum;
#undef P
}

/* classify() in float. Softmax as XGBoost's (common::Softmax): the
** exponentials of the differences to the largest value, their sum in
** double rounded once, each divided by it; the other forms in JPMML's
** order (RegressionModelUtil): the second of two categories and the last
** of several take 1 minus the others, ordinal differences the cumulative
** probabilities. */
static void
classify_float(const pm_model *m, const pm_regression *reg, const double *y,
               double *p)
{
  int32_t n = reg->n_tables, i;
  int norm = reg->norm;
  double sum = 0, mx = y[0];
  int ordinal = m->target_op == PMML_OP_ORDINAL;
#define P(i) p[reg->tables[i].klass]
  if (!ordinal && (norm == PM_NORM_SOFTMAX || norm == PM_NORM_SIMPLEMAX)) {
    if (n == 2 && norm == PM_NORM_SOFTMAX &&
        is_default_table(&reg->tables[1])) {
      P(0) = inverse_link_f(PM_NORM_LOGIT, y[0]);
      P(1) = F(1.0 - P(0));
      return;
    }
    for (i = 1; i < n; i++)
      if (y[i] > mx)
        mx = y[i];
    for (i = 0; i < n; i++) {
      P(i) = norm == PM_NORM_SOFTMAX ? exp_f(F(y[i] - mx)) : F(y[i]);
      sum += P(i); /* in double */
    }
    sum = F(sum);
    for (i = 0; i < n; i++)
      P(i) = F(P(i) / sum);
    return;
  }
  if (!ordinal && n == 2) {
    double p0 = norm == PM_NORM_NONE ? fmin(fmax(F(y[0]), 0.0), 1.0)
                                     : inverse_link_f(norm, y[0]);
    P(0) = p0;
    P(1) = F(1.0 - p0);
    return;
  }
  if (!ordinal) {
    for (i = 0; i < n - 1; i++) {
      P(i) = F(y[i]);
      sum = i ? F(sum + P(i)) : P(i);
    }
    P(n - 1) = F(1.0 - sum);
    return;
  }
  for (i = 0; i < n - 1; i++) {
    double cum = norm == PM_NORM_NONE ? fmin(fmax(F(y[i]), 0.0), 1.0)
                                      : inverse_link_f(norm, y[i]);
    P(i) = i ? F(cum - sum) : cum;
    sum = i ? F(sum + P(i)) : P(i);
  }
  P(n - 1) = F(1.0 - sum);
#undef P
}

int
pmmlE_regression(pmml_ctx *c, const pm_model *m, pm_result *res)
{
  const pm_regression *reg = m->body;
  int missing = 0;
  int32_t i;
  if (m->function != PM_FN_CLASSIFICATION) {
    double y = table_value(c, m, &reg->tables[0], &missing);
    if (c->failed)
      return -1;
    if (missing)
      return 0;
    y = m->math_float ? inverse_link_f(reg->norm, y)
                      : inverse_link(reg->norm, y);
    res->raw = y;
    res->value = pmmlV_num(pmmlE_target_value(m, y), m->target_dt);
    return 0;
  }
  {
    /* The table values go in the confidence array, free until now. */
    double *y = res->conf;
    for (i = 0; i < reg->n_tables; i++) {
      y[i] = table_value(c, m, &reg->tables[i], &missing);
      if (c->failed)
        return -1;
      if (missing)
        return 0; /* the Targets' priors, if any, decide */
    }
    /* The probabilities from the table values, then the confidences,
    ** which this model has none of (prob and conf do not overlap). */
    if (m->math_float)
      classify_float(m, reg, y, res->prob);
    else
      classify(m, reg, y, res->prob);
    for (i = 0; i < m->n_classes; i++)
      res->conf[i] = NAN;
    i = pmmlE_argmax(res->prob, m->n_classes);
    if (i >= 0)
      res->value = pmmlE_class_value(c->m, m, i);
  }
  return 0;
}

/* See pmml_int.h: the cases of classify() that come down to P(0) =
** inverse_link(PM_NORM_LOGIT, y[0]), P(1) = 1 - P(0). */
int
pmmlE_regression_logit2(const pm_model *m)
{
  const pm_regression *reg = m->body;
  if (m->function != PM_FN_CLASSIFICATION ||
      m->target_op == PMML_OP_ORDINAL || reg->n_tables != 2)
    return 0;
  return reg->norm == PM_NORM_LOGIT ||
         (reg->norm == PM_NORM_SOFTMAX && is_default_table(&reg->tables[1]));
}

/*
** The fast path (fastpath.c): a model whose tables are all plain
** (pm_regtable.plain) and not x-mathContext="float", scored as
** pmmlE_regression() scores it when every input it reads is a valid
** number: the predicted value in *value and, for classification, the
** probabilities in prob[n_classes] (every class has its table). 1 when an
** input is not a valid number, a sum is NaN or no class wins:
** pmmlE_regression() then decides. PMML 4.4 Regression.
*/
/* The two-class logit of pmmlE_regression_fast(): classify() without going
** through its cases, the same operations, in registers. */
static PM_INLINE int
fast_logit2(const double *in, const pm_fast *f, pm_val *value, double *prob)
{
  const pm_model *m = f->m;
  const pm_regression *reg = m->body;
  double y0, y1, q, p0, p1;
  int32_t i;
  if (fast_sum(in, f, &reg->tables[0], 0, &y0) ||
      fast_sum(in, f, &reg->tables[1], 1, &y1))
    return 1;
  q = 1.0 / (1.0 + exp(-y0));
  p0 = reg->tables[0].klass == 0 ? q : 1.0 - q;
  p1 = reg->tables[0].klass == 0 ? 1.0 - q : q;
  prob[0] = p0;
  prob[1] = p1;
  /* pmmlE_argmax() of two, without a branch on which class wins (a branch
  ** the processor cannot predict): the second only when it is larger, NaN
  ** never. */
  if (PM_UNLIKELY(p0 != p0))
    i = p1 == p1 ? 1 : -1;
  else
    i = p1 > p0;
  if (i < 0)
    return 1;
  *value = m->class_vals[i];
  return 0;
}

static PM_NOINLINE int
fast_any(const double *in, const pm_fast *f, pm_val *value, double *prob)
{
  const pm_model *m = f->m;
  const pm_regression *reg = m->body;
  double *y = prob + m->n_classes;
  int32_t i;
  if (m->function != PM_FN_CLASSIFICATION) {
    double v;
    if (fast_sum(in, f, &reg->tables[0], 0, &v))
      return 1;
    v = inverse_link(reg->norm, v);
    *value = pmmlV_num(pmmlE_target_value(m, v), m->target_dt);
    return 0;
  }
  for (i = 0; i < reg->n_tables; i++)
    if (fast_sum(in, f, &reg->tables[i], i, &y[i]))
      return 1;
  classify(m, reg, y, prob);
  i = pmmlE_argmax(prob, m->n_classes);
  if (i < 0)
    return 1;
  *value = m->class_vals[i];
  return 0;
}

/* See pmml_int.h: the whole record of a two-class logit in one call. */
int
pmmlE_regression_logit2_score(pmml_ctx *c, const pm_fast *f)
{
  if (fast_logit2(c->in_num, f, &c->fast_value, c->scratch + f->m->res_off))
    return 1;
  pmmlE_fast_scored(c, NULL);
  return 0;
}

int
pmmlE_regression_fast(const pmml_ctx *c, const pm_fast *f, pm_val *value,
                      double *prob)
{
  if (f->logit2)
    return fast_logit2(c->in_num, f, value, prob);
  return fast_any(c->in_num, f, value, prob);
}
