#!/usr/bin/python3
"""testdata/corpus/knn/*: sklearn KNeighbors{Classifier,Regressor} as NearestNeighborModel.

The training instances go into an InlineTable. Test rows whose k-th and
(k+1)-th nearest training rows are (nearly) equally far, or whose vote is
tied, are left out: neither sklearn nor PMML order those the same way.
"""

import numpy as np
from sklearn.datasets import load_iris, make_friedman1
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from pmmlw import E, num, data_field, mining_schema, pmml, write_case


def training_instances(cols, rows):
    return E("TrainingInstances", {"recordCount": len(rows), "fieldCount": len(cols), "isTransformed": "false"},
             E("InstanceFields", None, [E("InstanceField", {"field": c, "column": c}) for c in cols]),
             E("InlineTable", None,
               [E("row", None, [E(c, None, text=(v if isinstance(v, str) else num(v))) for c, v in zip(cols, r)])
                for r in rows]))


def clear_neighbors(knn, X, k):
    dist, _ = knn.kneighbors(X, n_neighbors=k + 1)
    return (dist[:, k] - dist[:, k - 1]) > 1e-9 * (1 + dist[:, k])


def classifier():
    d = load_iris()
    feats = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    y = np.array(["setosa", "versicolor", "virginica"])[d.target]
    X = d.data
    k = 5
    knn = KNeighborsClassifier(n_neighbors=k).fit(X, y)
    rng = np.random.RandomState(110)
    Xt = np.round(X[rng.choice(150, 140, replace=False)] + rng.normal(0, 0.3, (140, 4)), 2)
    proba = knn.predict_proba(Xt)
    s = np.sort(proba, axis=1)
    keep = clear_neighbors(knn, Xt, k) & (s[:, -1] > s[:, -2])
    Xt = Xt[keep]
    pred = knn.predict(Xt)
    labels = list(knn.classes_)
    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("species", "categorical", "string", labels))
    model = E("NearestNeighborModel", {"modelName": "iris_knn", "functionName": "classification",
                                       "algorithmName": "sklearn.neighbors.KNeighborsClassifier",
                                       "numberOfNeighbors": k, "categoricalScoringMethod": "majorityVote"},
              mining_schema("species", feats),
              training_instances(feats + ["species"], [list(X[i]) + [y[i]] for i in range(len(X))]),
              E("ComparisonMeasure", {"kind": "distance"}, E("euclidean")),
              E("KNNInputs", None, [E("KNNInput", {"field": f}) for f in feats]))
    doc = pmml("sklearn KNeighborsClassifier(k=5) on iris", fields, model)
    write_case("knn", "sklearn_knn_classifier", doc, feats, [list(r) for r in Xt], ["species"],
               [[p] for p in pred], """
sklearn KNeighborsClassifier(n_neighbors=5, uniform weights) on iris: NearestNeighborModel with the
150 training rows in TrainingInstances/InlineTable, euclidean distance, majorityVote. Test rows
with a distance tie at the 5th neighbour or a tied vote are left out. Made by tests/gen/gen_knn.py,
classifier(); expected = predict.
""")


def regressor():
    X, y = make_friedman1(n_samples=200, n_features=5, noise=0.5, random_state=111)
    X, y = np.round(X, 4), np.round(y, 4)
    feats = ["x1", "x2", "x3", "x4", "x5"]
    k = 4
    knn = KNeighborsRegressor(n_neighbors=k).fit(X, y)
    Xt, _ = make_friedman1(n_samples=120, n_features=5, noise=0.5, random_state=112)
    Xt = np.round(Xt, 4)
    Xt = Xt[clear_neighbors(knn, Xt, k)]
    pred = knn.predict(Xt)
    fields = [data_field(f, "continuous", "double") for f in feats] + [data_field("y", "continuous", "double")]
    model = E("NearestNeighborModel", {"modelName": "friedman_knn", "functionName": "regression",
                                       "algorithmName": "sklearn.neighbors.KNeighborsRegressor",
                                       "numberOfNeighbors": k, "continuousScoringMethod": "average"},
              mining_schema("y", feats),
              training_instances(feats + ["y"], [list(X[i]) + [y[i]] for i in range(len(X))]),
              E("ComparisonMeasure", {"kind": "distance"}, E("euclidean")),
              E("KNNInputs", None, [E("KNNInput", {"field": f}) for f in feats]))
    doc = pmml("sklearn KNeighborsRegressor(k=4) on Friedman #1 data", fields, model)
    write_case("knn", "sklearn_knn_regressor", doc, feats, [list(r) for r in Xt], ["y"], [[p] for p in pred], """
sklearn KNeighborsRegressor(n_neighbors=4, uniform weights) on 200 make_friedman1 rows (5 features) (in the
InlineTable): euclidean distance, continuousScoringMethod="average". Test rows with a distance tie
at the 4th neighbour are left out. Made by tests/gen/gen_knn.py, regressor(); expected = predict.
""")


if __name__ == "__main__":
    classifier()
    regressor()
