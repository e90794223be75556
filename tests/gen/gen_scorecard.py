#!/usr/bin/python3
"""testdata/corpus/scorecard/sklearn_logistic_points: a Scorecard built from a
sklearn LogisticRegression fitted on one-hot bins.

Scaling (points to double the odds of "good" = 20):
    B = 20 / ln 2,  A = 600
    score = A - B * decision_function(x)          (decision = log-odds of "bad")
    partialScore(bin) = -B * coef[bin]
    initialScore = A - B * intercept
Reason codes (pointsBelow, baselineMethod="max"): for each characteristic,
baseline = its largest partialScore, difference = baseline - partialScore; the
codes ranked by difference, largest first. The expected score is computed from
sklearn's decision_function, the reason codes by this script from the bins and
points, independently of the PMML.
"""

import math

import numpy as np
from sklearn.linear_model import LogisticRegression

from pmmlw import E, Array, num, data_field, mining_schema, output_field, pmml, write_case

B = 20.0 / math.log(2.0)
A = 600.0

# characteristic -> (field, reason code, bins); a bin is (label, predicate builder)
NUM_BINS = {
    "age": [None, 25.0, 35.0, 50.0],          # None = missing bin, then x < edge..., last bin x >= last edge
    "income": [None, 20000.0, 50000.0],
    "debt_ratio": [0.2, 0.5],
}
HOUSING = ["own", "rent", "other"]
CODES = {"age": "RC_AGE", "income": "RC_INCOME", "debt_ratio": "RC_DEBT", "housing": "RC_HOUSING"}


def bins_of(name):
    edges = NUM_BINS[name]
    out = []
    if edges[0] is None:
        out.append(("missing", lambda x: x is None))
        edges = edges[1:]
    lo = None
    for e in edges:
        out.append(("lt%s" % num(e), (lambda lo, e: lambda x: x is not None and x < e and (lo is None or x >= lo))(lo, e)))
        lo = e
    out.append(("ge%s" % num(lo), (lambda lo: lambda x: x is not None and x >= lo)(lo)))
    return out


def encode(rows):
    cols = []
    for name in ("age", "income", "debt_ratio"):
        for lab, f in bins_of(name):
            cols.append([1.0 if f(r[name]) else 0.0 for r in rows])
    for h in HOUSING:
        cols.append([1.0 if r["housing"] == h else 0.0 for r in rows])
    X = np.array(cols).T
    assert (X.sum(axis=1) == 4).all()
    return X


def make(rng, n):
    rows = []
    for _ in range(n):
        age = float(rng.randint(18, 75))
        income = float(np.round(rng.lognormal(10.5, 0.6), 0))
        debt = float(np.round(rng.beta(2, 4), 3))
        housing = rng.choice(HOUSING, p=[0.45, 0.4, 0.15])
        logit = -1.0 - 0.03 * (age - 40) - 0.00002 * (income - 40000) + 3.0 * (debt - 0.3) \
            + {"own": -0.5, "rent": 0.3, "other": 0.6}[housing]
        bad = int(rng.rand() < 1 / (1 + math.exp(-logit)))
        r = {"age": age, "income": income, "debt_ratio": debt, "housing": str(housing), "bad": bad}
        if rng.rand() < 0.08:
            r["age"] = None
        if rng.rand() < 0.1:
            r["income"] = None
        rows.append(r)
    return rows


def main():
    train = make(np.random.RandomState(120), 1500)
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(encode(train), [r["bad"] for r in train])
    assert list(lr.classes_) == [0, 1]
    coef = lr.coef_[0]
    test = make(np.random.RandomState(121), 200)
    dec = lr.decision_function(encode(test))

    # characteristics: (name, [(bin label, points, pmml predicate)])
    chars = []
    j = 0
    for name in ("age", "income", "debt_ratio"):
        attrs = []
        edges = NUM_BINS[name]
        bl = bins_of(name)
        real = [e for e in edges if e is not None]
        for k, (lab, _) in enumerate(bl):
            if lab == "missing":
                p = E("SimplePredicate", {"field": name, "operator": "isMissing"})
            elif lab.startswith("lt"):
                e = float(lab[2:])
                p = E("SimplePredicate", {"field": name, "operator": "lessThan", "value": num(e)})
            else:
                p = E("True")
            attrs.append((lab, -B * coef[j], p))
            j += 1
        chars.append((name, attrs))
    attrs = []
    for h in HOUSING:
        attrs.append((h, -B * coef[j], E("SimplePredicate", {"field": "housing", "operator": "equal", "value": h})))
        j += 1
    chars.append(("housing", attrs))
    initial = A - B * lr.intercept_[0]

    # expected reason codes, from the bins and points (not from the PMML)
    binfn = {name: bins_of(name) for name in NUM_BINS}
    out_rows, in_rows = [], []
    for i, r in enumerate(test):
        diffs = []
        for name, attrs in chars:
            base = max(a[1] for a in attrs)
            if name == "housing":
                k = HOUSING.index(r["housing"])
            else:
                k = [m for m, (lab, f) in enumerate(binfn[name]) if f(r[name])][0]
            diffs.append((base - attrs[k][1], CODES[name]))
        diffs.sort(key=lambda t: -t[0])
        d = [t[0] for t in diffs]
        if not (d[0] > d[1] > d[2] > 0 and d[2] > d[3]):
            continue            # ties or no third positive difference: ambiguous ranking
        in_rows.append([r["age"], r["income"], r["debt_ratio"], r["housing"]])
        out_rows.append([A - B * dec[i], diffs[0][1], diffs[1][1], diffs[2][1]])

    fields = [data_field("age", "continuous", "double"), data_field("income", "continuous", "double"),
              data_field("debt_ratio", "continuous", "double"),
              data_field("housing", "categorical", "string", HOUSING),
              data_field("score", "continuous", "double")]
    char_els = []
    for name, attrs in chars:
        base = max(a[1] for a in attrs)
        char_els.append(E("Characteristic", {"name": name + "_points", "reasonCode": CODES[name],
                                             "baselineScore": num(base)},
                          [E("Attribute", {"partialScore": num(pts)}, p) for lab, pts, p in attrs]))
    model = E("Scorecard", {"modelName": "credit_points", "functionName": "regression",
                            "algorithmName": "sklearn LogisticRegression scaled to points",
                            "initialScore": num(initial), "useReasonCodes": "true",
                            "reasonCodeAlgorithm": "pointsBelow", "baselineMethod": "max"},
              mining_schema("score", ["age", "income", "debt_ratio", "housing"]),
              E("Output", None, [output_field("reason_%d" % k, "reasonCode", dtype="string", optype="categorical",
                                              rank=str(k)) for k in (1, 2, 3)]),
              E("Characteristics", None, char_els))
    doc = pmml("Scorecard from a sklearn LogisticRegression on binned inputs", fields, model)
    write_case("scorecard", "sklearn_logistic_points", doc, ["age", "income", "debt_ratio", "housing"], in_rows,
               ["score", "reason_1", "reason_2", "reason_3"], out_rows, """
Scorecard from sklearn LogisticRegression on one-hot bins (age, income with a missing bin via
isMissing, debt_ratio, housing). B = 20/ln 2, A = 600: partialScore = -B * coef[bin],
initialScore = A - B * intercept, expected score = A - B * decision_function(x) (sklearn's).
Reason codes: pointsBelow, baselineMethod="max" (baselineScore = the characteristic's largest
partialScore), ranked by baseline - partialScore, computed by the script from the bins; rows with
tied or non-positive top-3 differences left out. Made by tests/gen/gen_scorecard.py.
""")


if __name__ == "__main__":
    main()
