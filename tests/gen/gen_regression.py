#!/usr/bin/python3
"""testdata/corpus/regression/*: linear and logistic regressions as RegressionModel.

sklearn cases: expected = predict / predict_proba. R cases (gen_regression.R):
expected = R's predict(). The PMML is written here from the fitted coefficients.
"""

import os
import re
import tempfile

import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.preprocessing import StandardScaler

from common import run_r, read_rcsv, fnum
from pmmlw import E, num, data_field, mining_schema, pmml, prob_outputs, write_case


def numeric(name, coef, exponent=None):
    a = {"name": name, "coefficient": num(coef)}
    if exponent is not None:
        a["exponent"] = str(exponent)
    return E("NumericPredictor", a)


def categorical(name, value, coef):
    return E("CategoricalPredictor", {"name": name, "value": value, "coefficient": num(coef)})


REGIONS = ["alpine", "coast", "lake side", "city"]


def linear_data(rng, n):
    area = np.round(rng.uniform(30, 250, n), 1)
    rooms = rng.randint(1, 8, n)
    age = np.round(rng.uniform(0, 80, n), 1)
    region = rng.choice(REGIONS, n)
    bonus = np.array([{"alpine": 40.0, "coast": 90.0, "lake side": 60.0, "city": 120.0}[r] for r in region])
    price = 50 + 2.1 * area + 8.0 * rooms - 0.9 * age + bonus + rng.normal(0, 15, n)
    return area, rooms.astype(float), age, region, price


def linear_matrix(area, rooms, age, region):
    return np.column_stack([area, rooms, age] + [(region == r).astype(float) for r in REGIONS])


def sklearn_linear():
    rng = np.random.RandomState(21)
    area, rooms, age, region, price = linear_data(rng, 300)
    X = linear_matrix(area, rooms, age, region)
    imp = SimpleImputer(strategy="mean").fit(X[:, :3])
    reg = LinearRegression().fit(X, price)
    trng = np.random.RandomState(22)
    ta, tr, tg, tregion, _ = linear_data(trng, 100)
    tg = tg.copy()
    ta = ta.copy()
    tg[trng.rand(100) < 0.1] = np.nan
    ta[trng.rand(100) < 0.05] = np.nan
    Xt = linear_matrix(ta, tr, tg, tregion)
    Xt[:, :3] = imp.transform(Xt[:, :3])
    pred = reg.predict(Xt)
    nums = ["area", "rooms", "age"]
    table = E("RegressionTable", {"intercept": num(reg.intercept_)},
              [numeric(f, reg.coef_[j]) for j, f in enumerate(nums)],
              [categorical("region", r, reg.coef_[3 + k]) for k, r in enumerate(REGIONS)])
    fields = [data_field("area", "continuous", "double"), data_field("rooms", "continuous", "integer"),
              data_field("age", "continuous", "double"),
              data_field("region", "categorical", "string", REGIONS),
              data_field("price", "continuous", "double")]
    extra = {f: {"missingValueTreatment": "asMean", "missingValueReplacement": imp.statistics_[j]}
             for j, f in enumerate(nums)}
    model = E("RegressionModel", {"modelName": "house_price", "functionName": "regression",
                                  "algorithmName": "sklearn.linear_model.LinearRegression"},
              mining_schema("price", nums + ["region"], extra), table)
    doc = pmml("sklearn SimpleImputer + LinearRegression, one-hot region", fields, model)
    rows = [[None if np.isnan(ta[i]) else float(ta[i]), int(tr[i]),
             None if np.isnan(tg[i]) else float(tg[i]), tregion[i]] for i in range(100)]
    write_case("regression", "sklearn_linear", doc, ["area", "rooms", "age", "region"], rows,
               ["price"], [[p] for p in pred], """
sklearn LinearRegression on three numeric fields (one integer) and a one-hot encoded string field
(every category a CategoricalPredictor, "lake side" has a space). Missing area/age (empty cells) are
replaced by the training mean (MiningField missingValueReplacement, as SimpleImputer does).
Made by tests/gen/gen_regression.py, sklearn_linear(); expected = LinearRegression.predict.
""")


CANCER_FEATS = ["mean radius", "mean texture", "mean smoothness", "worst concavity", "worst symmetry"]


def sklearn_logistic_binary():
    d = load_breast_cancer()
    cols = [list(d.feature_names).index(f) for f in CANCER_FEATS]
    X = d.data[:, cols]
    y = np.array(["malignant", "benign"])[d.target]
    clf = LogisticRegression(C=10.0, max_iter=20000).fit(X, y)
    labels = list(clf.classes_)       # ['benign', 'malignant']
    rng = np.random.RandomState(31)
    idx = rng.choice(len(X), 150, replace=False)
    Xt = X[idx]
    proba = clf.predict_proba(Xt)
    pred = clf.predict(Xt)
    names = [f.replace(" ", "_") for f in CANCER_FEATS]
    fields = [data_field(f, "continuous", "double") for f in names]
    fields.append(data_field("diagnosis", "categorical", "string", labels))
    model = E("RegressionModel", {"modelName": "cancer_logit", "functionName": "classification",
                                  "algorithmName": "sklearn.linear_model.LogisticRegression",
                                  "normalizationMethod": "logit"},
              mining_schema("diagnosis", names),
              E("Output", None, *prob_outputs(labels)),
              E("RegressionTable", {"intercept": num(clf.intercept_[0]), "targetCategory": labels[1]},
                [numeric(f, clf.coef_[0][j]) for j, f in enumerate(names)]),
              E("RegressionTable", {"intercept": "0.0", "targetCategory": labels[0]}))
    doc = pmml("sklearn LogisticRegression, binary, breast cancer data", fields, model)
    out_cols = ["diagnosis"] + ["probability(%s)" % l for l in labels]
    write_case("regression", "sklearn_logistic_binary", doc, names, [list(r) for r in Xt],
               out_cols, [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn LogisticRegression (binary) on five breast-cancer features: RegressionModel classification
with normalizationMethod="logit", one table for "malignant" and an empty one for "benign"
(p(benign) = 1 - p(malignant)). Made by tests/gen/gen_regression.py, sklearn_logistic_binary();
expected = predict / predict_proba.
""")


WINE_FEATS = ["alcohol", "malic_acid", "flavanoids", "color_intensity", "proline"]


def scaled(name, mean, scale):
    """DerivedField for StandardScaler: (x - mean) / scale, as sklearn computes it."""
    return E("DerivedField", {"name": "scaled_" + name, "optype": "continuous", "dataType": "double"},
             E("Apply", {"function": "/"},
               E("Apply", {"function": "-"}, E("FieldRef", {"field": name}),
                 E("Constant", {"dataType": "double"}, text=num(mean))),
               E("Constant", {"dataType": "double"}, text=num(scale))))


def sklearn_logistic_multinomial():
    d = load_wine()
    cols = [list(d.feature_names).index(f) for f in WINE_FEATS]
    X = d.data[:, cols]
    y = np.array(["barolo", "grignolino", "barbera"])[d.target]
    sc = StandardScaler().fit(X)
    clf = LogisticRegression(C=0.5, max_iter=20000).fit(sc.transform(X), y)
    labels = list(clf.classes_)
    assert len(labels) == 3
    rng = np.random.RandomState(41)
    idx = rng.choice(len(X), 120, replace=False)
    Xt = X[idx]
    proba = clf.predict_proba(sc.transform(Xt))
    pred = clf.predict(sc.transform(Xt))
    fields = [data_field(f, "continuous", "double") for f in WINE_FEATS]
    fields.append(data_field("cultivar", "categorical", "string", labels))
    lt = E("LocalTransformations", None,
           [scaled(f, sc.mean_[j], sc.scale_[j]) for j, f in enumerate(WINE_FEATS)])
    tables = [E("RegressionTable", {"intercept": num(clf.intercept_[k]), "targetCategory": l},
                [numeric("scaled_" + f, clf.coef_[k][j]) for j, f in enumerate(WINE_FEATS)])
              for k, l in enumerate(labels)]
    model = E("RegressionModel", {"modelName": "wine_softmax", "functionName": "classification",
                                  "algorithmName": "sklearn.linear_model.LogisticRegression",
                                  "normalizationMethod": "softmax"},
              mining_schema("cultivar", WINE_FEATS),
              E("Output", None, *prob_outputs(labels)), lt, tables)
    doc = pmml("sklearn StandardScaler + LogisticRegression (multinomial), wine data", fields, model)
    out_cols = ["cultivar"] + ["probability(%s)" % l for l in labels]
    write_case("regression", "sklearn_logistic_multinomial", doc, WINE_FEATS, [list(r) for r in Xt],
               out_cols, [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn StandardScaler + multinomial LogisticRegression (3 classes) on five wine features. The
scaler is LocalTransformations DerivedFields Apply("/", Apply("-", x, mean), scale); one
RegressionTable per class, normalizationMethod="softmax". Made by tests/gen/gen_regression.py,
sklearn_logistic_multinomial(); expected = predict / predict_proba of the scaled rows.
""")


def r_term(term, factors):
    """PMML predictor element(s) for an R coefficient name, or None for the intercept."""
    if term == "(Intercept)":
        return None
    m = re.fullmatch(r"I\((\w+)\^(\d+)\)", term)
    if m:
        return ("num", m.group(1), int(m.group(2)))
    if ":" in term:
        return ("term", term.split(":"))
    for f in factors:
        if term.startswith(f) and term[len(f):]:
            return ("cat", f, term[len(f):])
    return ("num", term, None)


def r_table(coefs, factors, target_category=None, with_zero_levels=None):
    intercept = 0.0
    preds = []
    for row in coefs:
        t = r_term(row["term"], factors)
        c = float(row["coef"])
        if t is None:
            intercept = c
        elif t[0] == "num":
            preds.append(numeric(t[1], c, t[2]))
        elif t[0] == "cat":
            preds.append(categorical(t[1], t[2], c))
        else:
            preds.append(E("PredictorTerm", {"coefficient": num(c)},
                           [E("FieldRef", {"field": f}) for f in t[1]]))
    for f, lvl in (with_zero_levels or []):
        preds.append(categorical(f, lvl, 0.0))
    a = {"intercept": num(intercept)}
    if target_category is not None:
        a["targetCategory"] = target_category
    order = {"NumericPredictor": 0, "CategoricalPredictor": 1, "PredictorTerm": 2}
    preds.sort(key=lambda e: order[e.tag])     # the schema's order
    return E("RegressionTable", a, preds)


def r_cases():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_regression.R", tmp)
        lm_coef = read_rcsv(os.path.join(tmp, "lm_coef.csv"))
        lm_pred = read_rcsv(os.path.join(tmp, "lm_pred.csv"))
        glm_coef = read_rcsv(os.path.join(tmp, "glm_coef.csv"))
        glm_pred = read_rcsv(os.path.join(tmp, "glm_pred.csv"))

    shops = ["east", "north", "south", "west"]
    fields = [data_field("x1", "continuous", "double"), data_field("x2", "continuous", "double"),
              data_field("shop", "categorical", "string", shops), data_field("y", "continuous", "double")]
    model = E("RegressionModel", {"modelName": "lm_interaction", "functionName": "regression",
                                  "algorithmName": "R lm"},
              mining_schema("y", ["x1", "x2", "shop"]),
              r_table(lm_coef, ["shop"], with_zero_levels=[("shop", "east")]))
    doc = pmml("R lm(y ~ x1 + x2 + x1:x2 + I(x1^2) + shop)", fields, model)
    rows = [[fnum(r["x1"]), fnum(r["x2"]), r["shop"]] for r in lm_pred]
    write_case("regression", "r_lm_interaction", doc, ["x1", "x2", "shop"], rows, ["y"],
               [[fnum(r[".pred"])] for r in lm_pred], """
R lm(y ~ x1 + x2 + x1:x2 + I(x1^2) + shop): the interaction is a PredictorTerm of two FieldRefs,
I(x1^2) a NumericPredictor with exponent="2", the factor shop CategoricalPredictors (the base level
"east" with coefficient 0). Made by tests/gen/gen_regression.R + gen_regression.py, r_cases();
expected = R predict.lm.
""")

    plans = ["basic", "plus", "premium"]
    fields = [data_field("age", "continuous", "double"), data_field("income", "continuous", "double"),
              data_field("plan", "categorical", "string", plans),
              data_field("churn", "categorical", "integer", ["0", "1"])]
    model = E("RegressionModel", {"modelName": "glm_logit", "functionName": "classification",
                                  "algorithmName": "R glm binomial", "normalizationMethod": "logit"},
              mining_schema("churn", ["age", "income", "plan"]),
              E("Output", None, *prob_outputs(["0", "1"])),
              r_table(glm_coef, ["plan"], target_category="1"),
              E("RegressionTable", {"intercept": "0.0", "targetCategory": "0"}))
    doc = pmml("R glm(churn ~ age + income + plan, binomial)", fields, model)
    rows = [[fnum(r["age"]), fnum(r["income"]), r["plan"]] for r in glm_pred]
    out = []
    for r in glm_pred:
        p = fnum(r[".pred"])
        out.append(["1" if p > 0.5 else "0", 1.0 - p, p])
    write_case("regression", "r_glm_logit", doc, ["age", "income", "plan"], rows,
               ["churn", "probability(0)", "probability(1)"], out, """
R glm(churn ~ age + income + plan, family = binomial) as a RegressionModel with
normalizationMethod="logit" (table for "1", empty table for "0"); integer target labels 0/1.
Made by tests/gen/gen_regression.R + gen_regression.py, r_cases(); expected probability(1) = R
predict(type="response"), probability(0) = 1 - that, class = 1 when p > 0.5.
""")


if __name__ == "__main__":
    sklearn_linear()
    sklearn_logistic_binary()
    sklearn_logistic_multinomial()
    r_cases()
