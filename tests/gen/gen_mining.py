#!/usr/bin/python3
"""testdata/corpus/mining/*: ensembles as MiningModel (sklearn, XGBoost, R).

Expected values are the frameworks' own predict / predict_proba
(XGBoost: predict_proba in float32; R: predict.randomForest, predict.gbm).
"""

import json
import os
import tempfile

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_wine, make_friedman1
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor, VotingClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from common import run_r, read_rcsv, fnum
from pmmlw import (E, num, num32, data_field, mining_schema, output_field, pmml, prob_outputs,
                   write_case, f32_safe, tree_thresholds, label)
from sktree import tree_model

WINE_FEATS = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
              "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
              "od280_od315", "proline"]
WINE_LABELS = ["barolo", "grignolino", "barbera"]


def wine():
    d = load_wine()
    return d.data, np.array(WINE_LABELS)[d.target]


def segment(i, model, weight=None):
    a = {"id": str(i)}
    if weight is not None:
        a["weight"] = num(weight)
    return E("Segment", a, E("True"), model)


def safe_rows(X, estimators, feats):
    thr = {}
    for est in estimators:
        tree_thresholds(est.tree_, feats, thr)
    return [i for i in range(len(X)) if f32_safe(list(X[i]), thr, feats)]


def no_tie(proba, eps=1e-9):
    s = np.sort(proba, axis=1)
    return s[:, -1] - s[:, -2] > eps


def rf_classifier():
    X, y = wine()
    rf = RandomForestClassifier(n_estimators=15, max_depth=5, random_state=5).fit(X, y)
    labels = list(rf.classes_)
    rng = np.random.RandomState(6)
    Xt = X[rng.choice(len(X), 140, replace=False)]
    Xt = Xt[safe_rows(Xt, rf.estimators_, WINE_FEATS)]
    proba = rf.predict_proba(Xt)
    Xt, proba = Xt[no_tie(proba)], proba[no_tie(proba)]
    pred = rf.predict(Xt)
    feats = [("num", f) for f in WINE_FEATS]
    segs = [segment(i + 1, tree_model(e.tree_, feats, "cultivar", labels=labels))
            for i, e in enumerate(rf.estimators_)]
    fields = [data_field(f, "continuous", "double") for f in WINE_FEATS]
    fields.append(data_field("cultivar", "categorical", "string", labels))
    model = E("MiningModel", {"modelName": "wine_forest", "functionName": "classification",
                              "algorithmName": "sklearn.ensemble.RandomForestClassifier"},
              mining_schema("cultivar", WINE_FEATS),
              E("Output", None, *prob_outputs(labels)),
              E("Segmentation", {"multipleModelMethod": "average"}, segs))
    doc = pmml("sklearn RandomForestClassifier (15 trees) on wine", fields, model)
    out_cols = ["cultivar"] + ["probability(%s)" % l for l in labels]
    write_case("mining", "sklearn_rf_classifier", doc, WINE_FEATS, [list(r) for r in Xt], out_cols,
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn RandomForestClassifier(15 trees, max_depth=5) on wine: MiningModel average of TreeModels
whose leaves hold ScoreDistribution probabilities (bootstrap-weighted counts); the ensemble
probability is the mean of the trees' (predict_proba). Rows with tied top classes are left out.
Made by tests/gen/gen_mining.py, rf_classifier(); expected = predict / predict_proba.
""")


FRIEDMAN = ["x1", "x2", "x3", "x4", "x5", "x6"]


def friedman(n, seed):
    X, y = make_friedman1(n_samples=n, n_features=6, noise=0.5, random_state=seed)
    return np.round(X, 4), y


def rf_regressor():
    X, y = friedman(400, 7)
    rf = RandomForestRegressor(n_estimators=12, max_depth=6, random_state=8).fit(X, y)
    Xt, _ = friedman(120, 9)
    Xt = Xt[safe_rows(Xt, rf.estimators_, FRIEDMAN)]
    pred = rf.predict(Xt)
    feats = [("num", f) for f in FRIEDMAN]
    segs = [segment(i + 1, tree_model(e.tree_, feats, "y")) for i, e in enumerate(rf.estimators_)]
    fields = [data_field(f, "continuous", "double") for f in FRIEDMAN] + [data_field("y", "continuous", "double")]
    model = E("MiningModel", {"modelName": "friedman_forest", "functionName": "regression",
                              "algorithmName": "sklearn.ensemble.RandomForestRegressor"},
              mining_schema("y", FRIEDMAN),
              E("Segmentation", {"multipleModelMethod": "average"}, segs))
    doc = pmml("sklearn RandomForestRegressor (12 trees) on Friedman #1 data", fields, model)
    write_case("mining", "sklearn_rf_regressor", doc, FRIEDMAN, [list(r) for r in Xt], ["y"],
               [[p] for p in pred], """
sklearn RandomForestRegressor(12 trees, max_depth=6) on make_friedman1 data: MiningModel average of
regression TreeModels. Made by tests/gen/gen_mining.py, rf_regressor(); expected = predict.
""")


def gb_classifier():
    X, y = wine()
    yb = np.where(y == "barolo", "yes", "no")
    gb = GradientBoostingClassifier(n_estimators=25, max_depth=3, learning_rate=0.2,
                                    random_state=10).fit(X, yb)
    labels = list(gb.classes_)               # ['no', 'yes']
    init = float(gb._raw_predict_init(X[:1])[0, 0])
    rng = np.random.RandomState(11)
    Xt = X[rng.choice(len(X), 150, replace=False)]
    ests = [e for e in gb.estimators_[:, 0]]
    Xt = Xt[safe_rows(Xt, ests, WINE_FEATS)]
    proba = gb.predict_proba(Xt)
    pred = gb.predict(Xt)
    feats = [("num", f) for f in WINE_FEATS]
    segs = [segment(i + 1, tree_model(e.tree_, feats, None)) for i, e in enumerate(ests)]
    inner = E("MiningModel", {"functionName": "regression"},
              mining_schema(None, WINE_FEATS),
              E("Output", None, output_field("decisionFunction(yes)", "predictedValue",
                                             isFinalResult="false")),
              E("Targets", None, E("Target", {"rescaleFactor": num(gb.learning_rate),
                                              "rescaleConstant": num(init)})),
              E("Segmentation", {"multipleModelMethod": "sum"}, segs))
    outer_lr = E("RegressionModel", {"functionName": "classification", "normalizationMethod": "logit"},
                 mining_schema("barolo", ["decisionFunction(yes)"]),
                 E("Output", None, *prob_outputs(labels)),
                 E("RegressionTable", {"intercept": "0.0", "targetCategory": "yes"},
                   E("NumericPredictor", {"name": "decisionFunction(yes)", "coefficient": "1.0"})),
                 E("RegressionTable", {"intercept": "0.0", "targetCategory": "no"}))
    fields = [data_field(f, "continuous", "double") for f in WINE_FEATS]
    fields.append(data_field("barolo", "categorical", "string", labels))
    model = E("MiningModel", {"modelName": "barolo_gbm", "functionName": "classification",
                              "algorithmName": "sklearn.ensemble.GradientBoostingClassifier"},
              mining_schema("barolo", WINE_FEATS),
              E("Segmentation", {"multipleModelMethod": "modelChain"},
                segment(1, inner), segment(2, outer_lr)))
    doc = pmml("sklearn GradientBoostingClassifier (binary, 25 trees) on wine", fields, model)
    out_cols = ["barolo"] + ["probability(%s)" % l for l in labels]
    write_case("mining", "sklearn_gb_classifier", doc, WINE_FEATS, [list(r) for r in Xt], out_cols,
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn GradientBoostingClassifier (binary, 25 trees, learning_rate 0.2) on wine (barolo or not):
MiningModel modelChain; segment 1 = MiningModel sum of regression trees with Target
rescaleFactor = learning rate, rescaleConstant = the prior log-odds, its OutputField
decisionFunction(yes) (isFinalResult="false") feeds segment 2 = RegressionModel logit. Made by
tests/gen/gen_mining.py, gb_classifier(); expected = predict / predict_proba.
""")


def gb_regressor():
    X, y = friedman(400, 12)
    gb = GradientBoostingRegressor(n_estimators=30, max_depth=3, learning_rate=0.1,
                                   random_state=13).fit(X, y)
    init = float(gb._raw_predict_init(X[:1])[0, 0])
    Xt, _ = friedman(120, 14)
    ests = list(gb.estimators_[:, 0])
    Xt = Xt[safe_rows(Xt, ests, FRIEDMAN)]
    pred = gb.predict(Xt)
    feats = [("num", f) for f in FRIEDMAN]
    segs = [segment(i + 1, tree_model(e.tree_, feats, None)) for i, e in enumerate(ests)]
    fields = [data_field(f, "continuous", "double") for f in FRIEDMAN] + [data_field("y", "continuous", "double")]
    model = E("MiningModel", {"modelName": "friedman_gbm", "functionName": "regression",
                              "algorithmName": "sklearn.ensemble.GradientBoostingRegressor"},
              mining_schema("y", FRIEDMAN),
              E("Targets", None, E("Target", {"field": "y", "rescaleFactor": num(gb.learning_rate),
                                              "rescaleConstant": num(init)})),
              E("Segmentation", {"multipleModelMethod": "sum"}, segs))
    doc = pmml("sklearn GradientBoostingRegressor (30 trees) on Friedman #1 data", fields, model)
    write_case("mining", "sklearn_gb_regressor", doc, FRIEDMAN, [list(r) for r in Xt], ["y"],
               [[p] for p in pred], """
sklearn GradientBoostingRegressor(30 trees, learning_rate 0.1) on make_friedman1 data: MiningModel
sum of regression TreeModels, Targets/Target rescaleFactor = learning rate and rescaleConstant =
the training mean (init). Made by tests/gen/gen_mining.py, gb_regressor(); expected = predict.
""")


def voting_soft():
    X, y = wine()
    cols = [WINE_FEATS.index(f) for f in ["alcohol", "flavanoids", "color_intensity", "proline", "hue"]]
    names = [WINE_FEATS[c] for c in cols]
    X = X[:, cols]
    lr = LogisticRegression(C=0.05, max_iter=50000)
    dt = DecisionTreeClassifier(max_depth=3, random_state=15)
    rf = RandomForestClassifier(n_estimators=5, max_depth=3, random_state=16)
    vc = VotingClassifier([("lr", lr), ("dt", dt), ("rf", rf)], voting="soft",
                          weights=[2.0, 1.0, 1.5]).fit(X, y)
    labels = list(vc.classes_)
    lr, dt, rf = vc.estimators_
    # VotingClassifier fits its estimators on label-encoded targets 0..k-1
    assert list(lr.classes_) == [0, 1, 2]
    rng = np.random.RandomState(17)
    Xt = X[rng.choice(len(X), 150, replace=False)]
    Xt = Xt[safe_rows(Xt, [dt] + list(rf.estimators_), names)]
    proba = vc.predict_proba(Xt)
    Xt, proba = Xt[no_tie(proba)], proba[no_tie(proba)]
    pred = vc.predict(Xt)
    feats = [("num", f) for f in names]
    lr_model = E("RegressionModel", {"functionName": "classification", "normalizationMethod": "softmax"},
                 mining_schema("cultivar", names),
                 [E("RegressionTable", {"intercept": num(lr.intercept_[k]), "targetCategory": l},
                    [E("NumericPredictor", {"name": f, "coefficient": num(lr.coef_[k][j])})
                     for j, f in enumerate(names)]) for k, l in enumerate(labels)])
    dt_model = tree_model(dt.tree_, feats, "cultivar", labels=labels)
    rf_model = E("MiningModel", {"functionName": "classification"},
                 mining_schema("cultivar", names),
                 E("Segmentation", {"multipleModelMethod": "average"},
                   [segment(i + 1, tree_model(e.tree_, feats, "cultivar", labels=labels))
                    for i, e in enumerate(rf.estimators_)]))
    fields = [data_field(f, "continuous", "double") for f in names]
    fields.append(data_field("cultivar", "categorical", "string", labels))
    model = E("MiningModel", {"modelName": "wine_vote", "functionName": "classification",
                              "algorithmName": "sklearn.ensemble.VotingClassifier"},
              mining_schema("cultivar", names),
              E("Output", None, *prob_outputs(labels)),
              E("Segmentation", {"multipleModelMethod": "weightedAverage"},
                segment(1, lr_model, 2.0), segment(2, dt_model, 1.0), segment(3, rf_model, 1.5)))
    doc = pmml("sklearn VotingClassifier(soft, weights 2/1/1.5): LR + tree + forest", fields, model)
    out_cols = ["cultivar"] + ["probability(%s)" % l for l in labels]
    write_case("mining", "sklearn_voting_soft", doc, names, [list(r) for r in Xt], out_cols,
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn VotingClassifier(voting="soft", weights=[2, 1, 1.5]) of a multinomial LogisticRegression
(RegressionModel softmax), a DecisionTreeClassifier (TreeModel) and a 5-tree RandomForest (nested
MiningModel average): MiningModel weightedAverage with Segment weights. Made by
tests/gen/gen_mining.py, voting_soft(); expected = predict / predict_proba.
""")


XGB_FEATS = ["f_a", "f_b", "f_c", "f_d", "f_e"]


def xgb_data(rng, n):
    X = np.round(rng.normal(0, 1, (n, 5)) * [1.0, 2.0, 0.5, 3.0, 1.0] + [0, 1, 0, 5, 0], 3)
    logit = 1.2 * X[:, 0] - 0.6 * X[:, 1] + 2.0 * X[:, 2] * X[:, 0] + 0.3 * X[:, 3] - 1.5
    y = (rng.rand(n) < 1 / (1 + np.exp(-logit))).astype(int)
    X[rng.rand(n, 5) < 0.08] = np.nan
    return X, y


def xgb_trees(booster):
    j = json.loads(booster.save_raw("json"))
    trees = j["learner"]["gradient_booster"]["model"]["trees"]
    base = float(j["learner"]["learner_model_param"]["base_score"])
    return trees, base


def xgb_tree_model(t):
    L, R = t["left_children"], t["right_children"]
    idx, cond, dl = t["split_indices"], t["split_conditions"], t["default_left"]
    used = []

    def node(n, pred):
        a = {"id": str(n + 1)}
        if L[n] == -1:
            a["score"] = num32(cond[n])
            return E("Node", a, pred)
        f = XGB_FEATS[idx[n]]
        if f not in used:
            used.append(f)
        thr = num32(cond[n])
        a["defaultChild"] = str((L[n] if dl[n] else R[n]) + 1)
        return E("Node", a, pred,
                 node(L[n], E("SimplePredicate", {"field": f, "operator": "lessThan", "value": thr})),
                 node(R[n], E("SimplePredicate", {"field": f, "operator": "greaterOrEqual", "value": thr})))

    root = node(0, E("True"))
    return E("TreeModel", {"functionName": "regression", "missingValueStrategy": "defaultChild",
                           "noTrueChildStrategy": "returnLastPrediction",
                           "splitCharacteristic": "binarySplit", "x-mathContext": "float"},
             mining_schema(None, used or XGB_FEATS[:1]), root)


def xgboost_binary():
    rng = np.random.RandomState(18)
    X, y = xgb_data(rng, 600)
    clf = xgb.XGBClassifier(n_estimators=20, max_depth=3, learning_rate=0.3, base_score=0.3,
                            n_jobs=1, random_state=19, tree_method="exact").fit(X, y)
    booster = clf.get_booster()
    trees, base = xgb_trees(booster)
    # margin of base_score, as XGBoost computes it in float32
    base_margin = np.float32(-np.log(np.float32(1.0) / np.float32(base) - np.float32(1.0)))
    Xt, _ = xgb_data(np.random.RandomState(20), 160)
    proba = clf.predict_proba(Xt)
    margin = clf.predict(Xt, output_margin=True)
    # independent re-walk in float32 to be sure the dump is read right
    for i in range(len(Xt)):
        s = np.float32(0)
        for t in trees:
            n = 0
            while t["left_children"][n] != -1:
                v = Xt[i, t["split_indices"][n]]
                if np.isnan(v):
                    n = t["left_children"][n] if t["default_left"][n] else t["right_children"][n]
                elif np.float32(v) < np.float32(t["split_conditions"][n]):
                    n = t["left_children"][n]
                else:
                    n = t["right_children"][n]
            s = np.float32(s + np.float32(t["split_conditions"][n]))
        assert abs(float(s + base_margin) - float(margin[i])) < 1e-5, (i, s + base_margin, margin[i])
    keep = np.abs(proba[:, 1] - 0.5) > 1e-4
    Xt, proba = Xt[keep], proba[keep]
    pred = clf.predict(Xt)
    inner = E("MiningModel", {"functionName": "regression", "x-mathContext": "float"},
              mining_schema(None, XGB_FEATS),
              E("Output", None, output_field("xgbValue", "predictedValue", dtype="float",
                                             isFinalResult="false")),
              E("Targets", None, E("Target", {"rescaleConstant": num(float(base_margin))})),
              E("Segmentation", {"multipleModelMethod": "sum"},
                [segment(i + 1, xgb_tree_model(t)) for i, t in enumerate(trees)]))
    lr = E("RegressionModel", {"functionName": "classification", "normalizationMethod": "logit",
                               "x-mathContext": "float"},
           mining_schema("y", ["xgbValue"]),
           E("Output", None, output_field("probability(0)", "probability", dtype="float", value="0"),
             output_field("probability(1)", "probability", dtype="float", value="1")),
           E("RegressionTable", {"intercept": "0.0", "targetCategory": "1"},
             E("NumericPredictor", {"name": "xgbValue", "coefficient": "1.0"})),
           E("RegressionTable", {"intercept": "0.0", "targetCategory": "0"}))
    fields = [data_field(f, "continuous", "float") for f in XGB_FEATS]
    fields.append(data_field("y", "categorical", "integer", ["0", "1"]))
    model = E("MiningModel", {"modelName": "xgb_binary", "functionName": "classification",
                              "algorithmName": "XGBoost (binary:logistic)", "x-mathContext": "float"},
              mining_schema("y", XGB_FEATS),
              E("Segmentation", {"multipleModelMethod": "modelChain"},
                segment(1, inner), segment(2, lr)))
    doc = pmml("XGBoost 1.7 XGBClassifier binary:logistic, 20 trees, missing values", fields, model)
    rows = [[None if np.isnan(v) else float(v) for v in r] for r in Xt]
    out = [[label(pred[i]), float(proba[i, 0]), float(proba[i, 1])] for i in range(len(Xt))]
    write_case("mining", "xgboost_binary", doc, XGB_FEATS, rows, ["y", "probability(0)", "probability(1)"],
               out, """
XGBoost XGBClassifier (binary:logistic, 20 trees, base_score 0.3) with about 8% missing inputs
(empty cells): float DataFields, float32 thresholds (lessThan / greaterOrEqual), missing values go
to Node@defaultChild (XGBoost's default direction), leaf sums plus the base margin, then logit.
All models carry the JPMML vendor attribute x-mathContext="float" (arithmetic in float32), so the
document validates against the PMML 4.4 schema only with x- attributes removed. Compare: float32,
10 ulps (XGBoost adds the trees to the base margin one by one in float32, the PMML sums the trees
and then adds the base margin: up to 8 ulps apart measured); probability(0) = 1 - p is not
compared (it loses precision in float32). Made by
tests/gen/gen_mining.py, xgboost_binary(); expected = XGBClassifier.predict / predict_proba.
""", compare="--ulps32 10 --columns '*|!probability(0)'")


def r_cases():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_mining.R", tmp)
        rf_nodes = read_rcsv(os.path.join(tmp, "rf_trees.csv"))
        rf_pred = read_rcsv(os.path.join(tmp, "rf_pred.csv"))
        gbm_nodes = read_rcsv(os.path.join(tmp, "gbm_trees.csv"))
        gbm_pred = read_rcsv(os.path.join(tmp, "gbm_pred.csv"))
        gbm_init = read_rcsv(os.path.join(tmp, "gbm_init.csv"))[0]

    # randomForest: getTree() rows; numeric splits: x <= split point goes left
    feats = [k for k in rf_pred[0] if not k.startswith(".") and k != "species" and not k.startswith("probability(")]
    labels = [k[len("probability("):-1] for k in rf_pred[0] if k.startswith("probability(")]
    trees = {}
    for r in rf_nodes:
        trees.setdefault(int(r["tree"]), {})[int(r["node"])] = r

    def rf_node(t, n, pred):
        r = t[n]
        if int(r["status"]) == -1:
            return E("Node", {"id": str(n), "score": r["prediction"]}, pred)
        f, s = r["var"], num(float(r["split"]))
        return E("Node", {"id": str(n)}, pred,
                 rf_node(t, int(r["left"]), E("SimplePredicate", {"field": f, "operator": "lessOrEqual", "value": s})),
                 rf_node(t, int(r["right"]), E("SimplePredicate", {"field": f, "operator": "greaterThan", "value": s})))

    segs = []
    for k in sorted(trees):
        t = trees[k]
        used = []
        for r in t.values():
            if int(r["status"]) != -1 and r["var"] not in used:
                used.append(r["var"])
        segs.append(segment(k, E("TreeModel", {"functionName": "classification",
                                               "missingValueStrategy": "nullPrediction",
                                               "splitCharacteristic": "binarySplit"},
                                 mining_schema("species", used), rf_node(t, 1, E("True")))))
    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("species", "categorical", "string", labels))
    model = E("MiningModel", {"modelName": "r_forest", "functionName": "classification",
                              "algorithmName": "R randomForest"},
              mining_schema("species", feats),
              E("Output", None, *prob_outputs(labels)),
              E("Segmentation", {"multipleModelMethod": "majorityVote"}, segs))
    doc = pmml("R randomForest classification (majority vote)", fields, model)
    rows = [[fnum(r[f]) for f in feats] for r in rf_pred]
    out = [[r["species"]] + [fnum(r["probability(%s)" % l]) for l in labels] for r in rf_pred]
    write_case("mining", "r_randomforest", doc, feats, rows, ["species"] + ["probability(%s)" % l for l in labels],
               out, """
R randomForest classification (25 trees, maxnodes 12) on iris: MiningModel majorityVote of
TreeModels (getTree: x <= split point goes left); probability(<class>) = share of the votes. Rows
where two classes tie in votes (R breaks ties at random) are left out. Made by
tests/gen/gen_mining.R + gen_mining.py, r_cases(); expected = predict(type="response") and
predict(type="vote", norm.votes=TRUE).
""")

    # gbm: pretty.gbm.tree() rows; x < split goes left, missing to MissingNode
    gfeats = [k for k in gbm_pred[0] if not k.startswith(".")]
    gtrees = {}
    for r in gbm_nodes:
        gtrees.setdefault(int(r["tree"]), {})[int(r["node"])] = r

    def g_node(t, n, pred):
        r = t[n]
        if int(r["SplitVar"]) == -1:
            return E("Node", {"id": str(n), "score": num(float(r["SplitCodePred"]))}, pred)
        f = gfeats[int(r["SplitVar"])]
        s = num(float(r["SplitCodePred"]))
        return E("Node", {"id": str(n)}, pred,
                 g_node(t, int(r["LeftNode"]), E("SimplePredicate", {"field": f, "operator": "lessThan", "value": s})),
                 g_node(t, int(r["RightNode"]), E("SimplePredicate", {"field": f, "operator": "greaterOrEqual", "value": s})),
                 g_node(t, int(r["MissingNode"]), E("SimplePredicate", {"field": f, "operator": "isMissing"})))

    segs = []
    for k in sorted(gtrees):
        t = gtrees[k]
        used = [gfeats[int(r["SplitVar"])] for r in t.values() if int(r["SplitVar"]) != -1]
        used = list(dict.fromkeys(used))
        segs.append(segment(k, E("TreeModel", {"functionName": "regression", "missingValueStrategy": "none",
                                               "noTrueChildStrategy": "returnNullPrediction"},
                                 mining_schema(None, used or gfeats[:1]), g_node(t, 0, E("True")))))
    fields = [data_field(f, "continuous", "double") for f in gfeats] + [data_field("mpg", "continuous", "double")]
    model = E("MiningModel", {"modelName": "r_gbm", "functionName": "regression", "algorithmName": "R gbm"},
              mining_schema("mpg", gfeats),
              E("Targets", None, E("Target", {"field": "mpg", "rescaleConstant": num(float(gbm_init["initF"]))})),
              E("Segmentation", {"multipleModelMethod": "sum"}, segs))
    doc = pmml("R gbm gaussian regression with missing values", fields, model)
    rows = [[fnum(r[f]) for f in gfeats] for r in gbm_pred]
    write_case("mining", "r_gbm_regression", doc, gfeats, rows, ["mpg"],
               [[fnum(r[".pred"])] for r in gbm_pred], """
R gbm (gaussian, 40 trees, interaction.depth 3) on synthetic car data with missing values (NA):
MiningModel sum of TreeModels with three children per split (lessThan, greaterOrEqual, isMissing:
gbm's MissingNode) under missingValueStrategy="none", plus Target rescaleConstant = initF. Made by
tests/gen/gen_mining.R + gen_mining.py, r_cases(); expected = predict.gbm(n.trees = 40).
""", missing="NA")


if __name__ == "__main__":
    rf_classifier()
    rf_regressor()
    gb_classifier()
    gb_regressor()
    voting_soft()
    xgboost_binary()
    r_cases()
