#!/usr/bin/python3
"""testdata/corpus/anomaly/sklearn_isolation_forest: sklearn IsolationForest as a
PMML 4.4 AnomalyDetectionModel (algorithmType="iforest").

Inner model: MiningModel average of TreeModels whose leaf score is the path
length sklearn uses, depth + c(n_leaf) with c(n) = 2 (ln(n - 1) + gamma) -
2 (n - 1) / n (c(2) = 1, c(n <= 1) = 0). The anomaly score is
2^(-average / c(sampleDataSize)) = -score_samples(x).
"""

import numpy as np
from sklearn.ensemble import IsolationForest

from pmmlw import E, num, data_field, mining_schema, output_field, pmml, write_case, f32_safe, tree_thresholds
from sktree import used_fields

FEATS = ["u", "v", "w"]


def apl(n):
    """sklearn's _average_path_length for one leaf size, same arithmetic."""
    n = float(n)
    if n <= 1.0:
        return 0.0
    if n <= 2.0:
        return 1.0
    return 2.0 * (np.log(n - 1.0) + np.euler_gamma) - 2.0 * (n - 1.0) / n


def iso_tree(t):
    def node(n, depth, pred):
        if t.children_left[n] == -1:
            # sklearn: (nodes on the path) + c(n_leaf) - 1.0
            s = float((depth + 1) + apl(t.n_node_samples[n]) - 1.0)
            return E("Node", {"id": str(n), "score": num(s)}, pred)
        f, v = FEATS[t.feature[n]], num(float(t.threshold[n]))
        return E("Node", {"id": str(n)}, pred,
                 node(t.children_left[n], depth + 1, E("SimplePredicate", {"field": f, "operator": "lessOrEqual", "value": v})),
                 node(t.children_right[n], depth + 1, E("SimplePredicate", {"field": f, "operator": "greaterThan", "value": v})))
    feats = [("num", f) for f in FEATS]
    return E("TreeModel", {"functionName": "regression", "missingValueStrategy": "nullPrediction",
                           "splitCharacteristic": "binarySplit"},
             mining_schema(None, used_fields(t, feats) or FEATS[:1]), node(0, 0, E("True")))


def main():
    rng = np.random.RandomState(140)
    X = np.round(np.vstack([rng.normal(0, 1, (400, 3)) * [1.0, 2.0, 0.5],
                            rng.uniform(-6, 6, (20, 3))]), 3)
    iso = IsolationForest(n_estimators=25, max_samples=128, random_state=141).fit(X)
    Xt = np.round(np.vstack([rng.normal(0, 1, (110, 3)) * [1.0, 2.0, 0.5], rng.uniform(-6, 6, (30, 3))]), 3)
    thr = {}
    for e in iso.estimators_:
        tree_thresholds(e.tree_, FEATS, thr)
    Xt = Xt[[i for i in range(len(Xt)) if f32_safe(list(Xt[i]), thr, FEATS)]]
    ss = iso.score_samples(Xt)
    dec = iso.decision_function(Xt)
    Xt, ss, dec = Xt[np.abs(dec) > 1e-9], ss[np.abs(dec) > 1e-9], dec[np.abs(dec) > 1e-9]
    outlier = iso.predict(Xt) == -1
    assert ((dec < 0) == outlier).all()
    inner = E("MiningModel", {"functionName": "regression"},
              mining_schema(None, FEATS),
              E("Segmentation", {"multipleModelMethod": "average"},
                [E("Segment", {"id": str(i + 1)}, E("True"), iso_tree(e.tree_)) for i, e in enumerate(iso.estimators_)]))
    outs = E("Output", None,
             output_field("anomalyScore", "predictedValue"),
             E("OutputField", {"name": "scoreSamples", "optype": "continuous", "dataType": "double",
                               "feature": "transformedValue"},
               E("Apply", {"function": "*"}, E("Constant", {"dataType": "double"}, text="-1.0"),
                 E("FieldRef", {"field": "anomalyScore"}))),
             E("OutputField", {"name": "decisionFunction", "optype": "continuous", "dataType": "double",
                               "feature": "transformedValue"},
               E("Apply", {"function": "-"}, E("FieldRef", {"field": "scoreSamples"}),
                 E("Constant", {"dataType": "double"}, text=num(iso.offset_)))),
             E("OutputField", {"name": "outlier", "optype": "categorical", "dataType": "boolean",
                               "feature": "transformedValue"},
               E("Apply", {"function": "lessThan"}, E("FieldRef", {"field": "decisionFunction"}),
                 E("Constant", {"dataType": "double"}, text="0.0"))))
    fields = [data_field(f, "continuous", "double") for f in FEATS]
    model = E("AnomalyDetectionModel", {"modelName": "iforest", "functionName": "regression",
                                        "algorithmName": "sklearn.ensemble.IsolationForest",
                                        "algorithmType": "iforest", "sampleDataSize": str(iso.max_samples_)},
              mining_schema(None, FEATS), outs, inner)
    doc = pmml("sklearn IsolationForest (25 trees, 128 samples) as AnomalyDetectionModel", fields, model)
    out = [[-ss[i], ss[i], dec[i], bool(outlier[i])] for i in range(len(Xt))]
    write_case("anomaly", "sklearn_isolation_forest", doc, FEATS, [list(r) for r in Xt],
               ["anomalyScore", "scoreSamples", "decisionFunction", "outlier"], out, """
sklearn IsolationForest(25 trees, max_samples=128) as AnomalyDetectionModel algorithmType="iforest",
sampleDataSize="128", around a MiningModel average of TreeModels whose leaf scores are sklearn's
path lengths (depth + c(leaf size)). anomalyScore = 2^(-mean path / c(128)) = -score_samples;
outputs scoreSamples = -anomalyScore, decisionFunction = scoreSamples - offset_, outlier =
decisionFunction < 0 (Apply, transformedValue). No target field: the expected columns are the
outputs. Tolerance 1e-12: c(n) uses Euler's constant, which an evaluator may carry with fewer
digits. Made by tests/gen/gen_anomaly.py; expected = score_samples, decision_function, predict.
""", compare="--rel 1e-12 --zero 1e-12")


if __name__ == "__main__":
    main()
