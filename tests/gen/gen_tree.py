#!/usr/bin/python3
"""testdata/corpus/tree/*: scikit-learn decision trees written as TreeModel.

Expected values come from sklearn's own predict / predict_proba.
Run by tests/gen/regen.sh (Debian's /usr/bin/python3 with sklearn 1.2).
"""

import os
import tempfile

import numpy as np
from sklearn.datasets import load_iris, load_diabetes
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from pmmlw import (E, num, data_field, mining_schema, pmml, prob_outputs, write_case,
                   f32_safe, tree_thresholds, label)
from sktree import tree_nodes
from common import run_r, read_rcsv

IRIS_FEATS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
IRIS_LABELS = ["setosa", "versicolor", "virginica"]


def iris():
    d = load_iris()
    return d.data.astype(np.float64), np.array(IRIS_LABELS)[d.target]


def iris_classifier():
    X, y = iris()
    clf = DecisionTreeClassifier(random_state=1, min_samples_leaf=2).fit(X, y)
    labels = list(clf.classes_)
    thr = tree_thresholds(clf.tree_, IRIS_FEATS)
    rows = [list(r) for r in X]
    assert all(f32_safe(r, thr, IRIS_FEATS) for r in rows)
    proba = clf.predict_proba(X)
    pred = clf.predict(X)
    fields = [data_field(f, "continuous", "double") for f in IRIS_FEATS]
    fields.append(data_field("Species", "categorical", "string", labels))
    model = E("TreeModel", {"modelName": "iris_tree", "functionName": "classification",
                            "algorithmName": "sklearn.tree.DecisionTreeClassifier",
                            "missingValueStrategy": "nullPrediction",
                            "splitCharacteristic": "binarySplit"},
              mining_schema("Species", IRIS_FEATS),
              E("Output", None, *prob_outputs(labels)),
              tree_nodes(clf.tree_, [("num", f) for f in IRIS_FEATS], labels=labels))
    doc = pmml("sklearn DecisionTreeClassifier on iris", fields, model)
    out_cols = ["Species"] + ["probability(%s)" % l for l in labels]
    out_rows = [[pred[i]] + list(proba[i]) for i in range(len(X))]
    write_case("tree", "sklearn_iris_classifier", doc, IRIS_FEATS, rows, out_cols, out_rows, """
DecisionTreeClassifier(min_samples_leaf=2) on the 150 iris rows: binary lessOrEqual/greaterThan
splits, ScoreDistribution with recordCount and probability, probability(<class>) outputs.
Made by tests/gen/gen_tree.py, iris_classifier(); expected = sklearn predict / predict_proba.
""")


def diabetes_regressor():
    d = load_diabetes()
    feats = list(d.feature_names)
    X, y = d.data, d.target
    pipe = make_pipeline(SimpleImputer(strategy="mean"),
                         DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, random_state=2))
    pipe.fit(X, y)
    imp, reg = pipe.steps[0][1], pipe.steps[1][1]
    rng = np.random.RandomState(3)
    idx = rng.choice(len(X), 120, replace=False)
    Xi = X[idx].copy()
    mask = rng.rand(*Xi.shape) < 0.08
    Xi[mask] = np.nan
    thr = tree_thresholds(reg.tree_, feats)
    Ximp = imp.transform(Xi)
    keep = [i for i in range(len(Xi)) if f32_safe(list(Ximp[i]), thr, feats)]
    Xi = Xi[keep]
    pred = pipe.predict(Xi)
    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("disease_progression", "continuous", "double"))
    extra = {f: {"missingValueTreatment": "asMean", "missingValueReplacement": imp.statistics_[j]}
             for j, f in enumerate(feats)}
    model = E("TreeModel", {"modelName": "diabetes_tree", "functionName": "regression",
                            "algorithmName": "sklearn.tree.DecisionTreeRegressor",
                            "missingValueStrategy": "nullPrediction",
                            "splitCharacteristic": "binarySplit"},
              mining_schema("disease_progression", feats, extra),
              tree_nodes(reg.tree_, [("num", f) for f in feats]))
    doc = pmml("sklearn SimpleImputer(mean) + DecisionTreeRegressor on diabetes", fields, model)
    rows = [[None if np.isnan(v) else float(v) for v in r] for r in Xi]
    write_case("tree", "sklearn_diabetes_regressor", doc, feats, rows,
               ["disease_progression"], [[p] for p in pred], """
DecisionTreeRegressor(max_depth=6) on sklearn's diabetes data behind SimpleImputer(mean): missing
inputs (empty cells, about 8%) are replaced through MiningField missingValueReplacement (asMean).
Made by tests/gen/gen_tree.py, diabetes_regressor(); expected = the pipeline's predict.
""")


COLORS = ["red", "green", "light blue", "yellow", "black"]
SHAPES = ["round", "square", "star"]


def categorical_data(rng, n):
    color = rng.choice(COLORS, n)
    shape = rng.choice(SHAPES, n)
    size = np.round(rng.uniform(0, 10, n), 2)
    legs = rng.randint(0, 9, n)
    score = (np.isin(color, ["red", "yellow"]) * 2.0 + (shape == "star") * 1.5 + size * 0.3
             - legs * 0.25 + rng.normal(0, 0.8, n))
    y = np.where(score > 3.0, "buy", np.where(score > 1.0, "wait", "skip"))
    return color, shape, size, legs, y


def encode(color, shape, size, legs):
    cols = [(color == c).astype(float) for c in COLORS] + [(shape == s).astype(float) for s in SHAPES]
    return np.column_stack(cols + [size, legs.astype(float)])


def categorical_classifier():
    rng = np.random.RandomState(7)
    color, shape, size, legs, y = categorical_data(rng, 400)
    X = encode(color, shape, size, legs)
    feats = ([("cat", "color", c) for c in COLORS] + [("cat", "shape", s) for s in SHAPES]
             + [("num", "size"), ("num", "legs")])
    clf = DecisionTreeClassifier(max_depth=7, min_samples_leaf=3, random_state=4).fit(X, y)
    labels = list(clf.classes_)
    tc, ts, tsz, tl, _ = categorical_data(np.random.RandomState(8), 150)
    Xt = encode(tc, ts, tsz, tl)
    thr = tree_thresholds(clf.tree_, ["c%d" % i for i in range(X.shape[1])])
    keep = [i for i in range(len(Xt)) if f32_safe(list(Xt[i]), thr, ["c%d" % i for i in range(X.shape[1])])]
    Xt = Xt[keep]
    tc, ts, tsz, tl = tc[keep], ts[keep], tsz[keep], tl[keep]
    proba = clf.predict_proba(Xt)
    pred = clf.predict(Xt)
    fields = [data_field("color", "categorical", "string", COLORS),
              data_field("shape", "categorical", "string", SHAPES),
              data_field("size", "continuous", "double"),
              data_field("legs", "continuous", "integer"),
              data_field("decision", "categorical", "string", labels)]
    ins = ["color", "shape", "size", "legs"]
    model = E("TreeModel", {"modelName": "shop_tree", "functionName": "classification",
                            "algorithmName": "sklearn.tree.DecisionTreeClassifier",
                            "missingValueStrategy": "nullPrediction",
                            "noTrueChildStrategy": "returnNullPrediction",
                            "splitCharacteristic": "binarySplit"},
              mining_schema("decision", ins),
              E("Output", None, *prob_outputs(labels)),
              tree_nodes(clf.tree_, feats, labels=labels,
                         categories={"color": COLORS, "shape": SHAPES}, setpred="isIn"))
    doc = pmml("sklearn OneHotEncoder + DecisionTreeClassifier, string inputs", fields, model)
    rows = [[tc[i], ts[i], float(tsz[i]), int(tl[i])] for i in range(len(Xt))]
    out_cols = ["decision"] + ["probability(%s)" % l for l in labels]
    out_rows = [[pred[i]] + list(proba[i]) for i in range(len(Xt))]
    write_case("tree", "sklearn_categorical_classifier", doc, ins, rows, out_cols, out_rows, """
DecisionTreeClassifier on one-hot encoded string fields (color incl. "light blue", shape) plus a
double and an integer field. A one-hot split becomes SimplePredicate equal (right child) and, on the
left, SimpleSetPredicate isIn of the categories still possible on that path (SimplePredicate equal
when one is left); the PMML input stays the raw string. Made by tests/gen/gen_tree.py,
categorical_classifier(); expected = sklearn predict / predict_proba on the encoded rows.
""")


def rpart_surrogate():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_tree.R", tmp)
        nodes = read_rcsv(os.path.join(tmp, "rpart_nodes.csv"))
        splits = read_rcsv(os.path.join(tmp, "rpart_splits.csv"))
        scored = read_rcsv(os.path.join(tmp, "rpart_scored.csv"))
    feats = ["size", "weight", "age", "speed"]
    labels = [k[len("count_"):] for k in nodes[0] if k.startswith("count_")]
    by_id = {int(n["node"]): n for n in nodes}
    sp = {}
    for s in splits:
        sp.setdefault(int(s["node"]), []).append(s)

    def side(s, left):
        # rpart (pred_rpart): x < index goes to the ncat direction, -1 = left
        lt_goes_left = int(s["ncat"]) == -1
        op = "lessThan" if lt_goes_left == left else "greaterOrEqual"
        return E("SimplePredicate", {"field": s["var"], "operator": op, "value": num(float(s["index"]))})

    def pred(parent, left):
        ss = sp[parent]
        preds = [side(s, left) for s in ss]
        if len(preds) == 1:
            return preds[0]
        return E("CompoundPredicate", {"booleanOperator": "surrogate"}, *preds)

    def node(nid, p):
        n = by_id[nid]
        attrs = {"id": str(nid), "score": n["yval"], "recordCount": int(n["n"])}
        kids = []
        if n["var"] != "<leaf>":
            nl, nr = int(by_id[2 * nid]["n"]), int(by_id[2 * nid + 1]["n"])
            assert nl != nr
            attrs["defaultChild"] = str(2 * nid if nl > nr else 2 * nid + 1)
            kids = [node(2 * nid, pred(nid, True)), node(2 * nid + 1, pred(nid, False))]
        dist = [E("ScoreDistribution", {"value": l, "recordCount": num(float(n["count_" + l])),
                                        "probability": num(float(n["prob_" + l]))}) for l in labels]
        return E("Node", attrs, p, dist, kids)

    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("grade", "categorical", "string", labels))
    model = E("TreeModel", {"modelName": "rpart_grade", "functionName": "classification",
                            "algorithmName": "rpart", "missingValueStrategy": "defaultChild",
                            "noTrueChildStrategy": "returnLastPrediction",
                            "splitCharacteristic": "binarySplit"},
              mining_schema("grade", feats),
              E("Output", None, *prob_outputs(labels)),
              node(1, E("True")))
    doc = pmml("R rpart classification tree with surrogate splits", fields, model)
    rows = [[None if r[f] == "" else float(r[f]) for f in feats] for r in scored]
    out_cols = ["grade"] + ["probability(%s)" % l for l in labels]
    out_rows = [[r["grade"]] + [float(r["probability(%s)" % l]) for l in labels] for r in scored]
    write_case("tree", "rpart_surrogate", doc, feats, rows, out_cols, out_rows, """
R rpart classification tree (usesurrogate=2, maxsurrogate=3) on synthetic numeric data; 80 of the
120 input rows have 1-4 missing values (written NA). Each split is a CompoundPredicate surrogate
(primary, then rpart's surrogates); when all are missing the record follows Node@defaultChild, the
child with more training records, as rpart does (no node has a tie, checked) under
missingValueStrategy="defaultChild". Made by tests/gen/gen_tree.R + gen_tree.py, rpart_surrogate();
expected = R predict(type="class") and predict(type="prob").
""", missing="NA")


if __name__ == "__main__":
    rpart_surrogate()
    iris_classifier()
    diabetes_regressor()
    categorical_classifier()
