#!/usr/bin/python3
"""testdata/corpus/clustering/*: sklearn KMeans as ClusteringModel.

Expected cluster = KMeans.predict. The affinity columns are ours: the
squared Euclidean distance to each center, sum((x - c)^2) in the field order
(sklearn's transform() uses a dot-product formula that is not exact).
"""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris, load_wine

from pmmlw import E, Array, num, data_field, mining_schema, output_field, pmml, write_case


def kmeans_case(case, X, Xt, feats, k, seed, desc, readme):
    km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(X)
    C = km.cluster_centers_
    D = np.array([[sum((x[j] - c[j]) ** 2 for j in range(len(feats))) for c in C] for x in Xt])
    lab = km.predict(Xt)
    srt = np.sort(D, axis=1)
    keep = (srt[:, 1] - srt[:, 0]) > 1e-9 * srt[:, 1]
    assert (np.argmin(D, axis=1)[keep] == lab[keep]).all()
    Xt, D, lab = Xt[keep], D[keep], lab[keep]
    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("cluster", "categorical", "string", [str(i) for i in range(k)]))
    outs = [output_field("affinity(%d)" % i, "affinity", value=str(i)) for i in range(k)]
    model = E("ClusteringModel", {"modelName": case, "functionName": "clustering",
                                  "algorithmName": "sklearn.cluster.KMeans", "modelClass": "centerBased",
                                  "numberOfClusters": k},
              mining_schema("cluster", feats), E("Output", None, *outs),
              E("ComparisonMeasure", {"kind": "distance"}, E("squaredEuclidean")),
              [E("ClusteringField", {"field": f, "compareFunction": "absDiff"}) for f in feats],
              [E("Cluster", {"id": str(i), "name": "cluster_%d" % i, "size": int((km.labels_ == i).sum())},
                 Array(list(C[i]), "real")) for i in range(k)])
    doc = pmml(desc, fields, model)
    write_case("clustering", case, doc, feats, [list(r) for r in Xt],
               ["cluster"] + ["affinity(%d)" % i for i in range(k)],
               [[str(lab[i])] + list(D[i]) for i in range(len(Xt))], readme)


def main():
    d = load_iris()
    feats = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    Xt = np.round(d.data + np.random.RandomState(100).normal(0, 0.2, d.data.shape), 2)
    kmeans_case("sklearn_kmeans_iris", d.data, Xt, feats, 3, 101, "sklearn KMeans(3) on iris", """
sklearn KMeans(n_clusters=3) on iris: ClusteringModel centerBased, ComparisonMeasure distance
squaredEuclidean, Cluster ids "0".."2" (= sklearn labels). Expected cluster = KMeans.predict;
affinity(i) = sum over fields of (x - center_i)^2, computed by the script (not by sklearn, whose
transform() is not exact). Rows nearly equidistant to two centers are left out. Made by
tests/gen/gen_clustering.py.
""")
    w = load_wine()
    cols = [list(w.feature_names).index(f) for f in ["alcohol", "malic_acid", "color_intensity", "hue", "proline"]]
    X = w.data[:, cols]
    X = X / X.std(axis=0)
    X = np.round(X, 4)
    Xt = np.round(X + np.random.RandomState(102).normal(0, 0.3, X.shape), 4)
    kmeans_case("sklearn_kmeans_wine5", X, Xt, ["alcohol", "malic_acid", "color_intensity", "hue", "proline"],
                5, 103, "sklearn KMeans(5) on scaled wine features", """
sklearn KMeans(n_clusters=5) on five wine features divided by their standard deviation (the inputs
are those scaled values): ClusteringModel with 5 centers, squaredEuclidean. Expected cluster =
KMeans.predict, affinity(i) = sum((x - center_i)^2) computed by the script. Made by
tests/gen/gen_clustering.py.
""")


if __name__ == "__main__":
    main()
