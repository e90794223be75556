#!/usr/bin/python3
"""testdata/corpus/naivebayes/*: NaiveBayesModel from sklearn GaussianNB and
CategoricalNB, and from R e1071::naiveBayes (mixed inputs, missing values).

The PMML threshold replaces a zero count; some evaluators also apply it to a
Gaussian density below it. Every case keeps its densities above its threshold
so both readings give the same numbers.
"""

import math
import os
import tempfile

import numpy as np
from sklearn.datasets import load_iris
from sklearn.naive_bayes import CategoricalNB, GaussianNB

from common import run_r, read_rcsv, fnum
from pmmlw import E, num, count, data_field, mining_schema, pmml, prob_outputs, write_case

IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def tv_counts(pairs):
    return E("TargetValueCounts", None,
             [E("TargetValueCount", {"value": v, "count": count(c)}) for v, c in pairs])


def gauss_input(field, stats):
    """stats: [(class, mean, variance)]"""
    return E("BayesInput", {"fieldName": field},
             E("TargetValueStats", None,
               [E("TargetValueStat", {"value": c},
                  E("GaussianDistribution", {"mean": num(m), "variance": num(v)})) for c, m, v in stats]))


def discrete_input(field, values, counts):
    """counts: value -> [(class, count)]"""
    return E("BayesInput", {"fieldName": field},
             [E("PairCounts", {"value": v}, tv_counts(counts[v])) for v in values])


def log_density(x, m, v):
    return -0.5 * math.log(2 * math.pi * v) - (x - m) ** 2 / (2 * v)


def gaussian_nb():
    d = load_iris()
    X = d.data
    y = np.array(["setosa", "versicolor", "virginica"])[d.target]
    nb = GaussianNB().fit(X, y)
    labels = list(nb.classes_)
    rng = np.random.RandomState(92)
    Xt = np.round(X + rng.normal(0, 0.3, X.shape), 2)
    thr = 1e-300
    ok = [all(log_density(Xt[i, j], nb.theta_[k, j], nb.var_[k, j]) > math.log(thr) + 50
              for j in range(4) for k in range(3)) for i in range(len(Xt))]
    Xt = Xt[np.array(ok)]
    proba = nb.predict_proba(Xt)
    pred = nb.predict(Xt)
    inputs = [gauss_input(f, [(labels[k], nb.theta_[k, j], nb.var_[k, j]) for k in range(3)])
              for j, f in enumerate(IRIS)]
    fields = [data_field(f, "continuous", "double") for f in IRIS]
    fields.append(data_field("species", "categorical", "string", labels))
    model = E("NaiveBayesModel", {"modelName": "iris_gnb", "functionName": "classification",
                                  "algorithmName": "sklearn.naive_bayes.GaussianNB", "threshold": num(thr)},
              mining_schema("species", IRIS), E("Output", None, *prob_outputs(labels)),
              E("BayesInputs", None, inputs),
              E("BayesOutput", {"fieldName": "species"},
                tv_counts([(labels[k], nb.class_count_[k]) for k in range(3)])))
    doc = pmml("sklearn GaussianNB on iris", fields, model)
    write_case("naivebayes", "sklearn_gaussian", doc, IRIS, [list(r) for r in Xt],
               ["species"] + ["probability(%s)" % l for l in labels],
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn GaussianNB on iris (inputs with noise): BayesInput TargetValueStats with
GaussianDistribution (mean = theta_, variance = var_, which includes sklearn's epsilon), class
counts in BayesOutput (priors). threshold 1e-300 never applies (every density is far above it).
Made by tests/gen/gen_naivebayes.py, gaussian_nb(); expected = predict / predict_proba.
""")


COLORS = ["red", "green", "blue"]
SIZES = ["S", "M", "L", "XL"]
SHOPS = ["online", "store"]


def categorical_nb():
    rng = np.random.RandomState(93)
    n = 500
    y = rng.choice(["keep", "return"], n, p=[0.7, 0.3])
    color = np.where(y == "keep", rng.choice(COLORS, n, p=[0.5, 0.3, 0.2]), rng.choice(COLORS, n, p=[0.2, 0.3, 0.5]))
    size = np.where(y == "keep", rng.choice(SIZES, n, p=[0.2, 0.4, 0.3, 0.1]), rng.choice(SIZES, n, p=[0.1, 0.2, 0.3, 0.4]))
    shop = np.where(y == "keep", rng.choice(SHOPS, n, p=[0.4, 0.6]), rng.choice(SHOPS, n, p=[0.8, 0.2]))
    cats = [COLORS, SIZES, SHOPS]
    enc = lambda cols: np.column_stack([[cats[j].index(v) for v in c] for j, c in enumerate(cols)])
    X = enc([color, size, shop])
    nb = CategoricalNB(alpha=1.0).fit(X, y)
    labels = list(nb.classes_)
    names = ["color", "size", "shop"]
    inputs = []
    for j, f in enumerate(names):
        # smoothed pseudo-counts: (count + alpha); PMML divides by their sum per class,
        # which is class_count + alpha * n_categories, as sklearn does
        counts = {v: [(labels[k], nb.category_count_[j][k, i] + nb.alpha) for k in range(len(labels))]
                  for i, v in enumerate(cats[j])}
        inputs.append(discrete_input(f, cats[j], counts))
    rng2 = np.random.RandomState(94)
    tc = [rng2.choice(c, 120) for c in cats]
    Xt = enc(tc)
    proba = nb.predict_proba(Xt)
    pred = nb.predict(Xt)
    fields = [data_field(f, "categorical", "string", cats[j]) for j, f in enumerate(names)]
    fields.append(data_field("outcome", "categorical", "string", labels))
    model = E("NaiveBayesModel", {"modelName": "returns_cnb", "functionName": "classification",
                                  "algorithmName": "sklearn.naive_bayes.CategoricalNB", "threshold": "0.001"},
              mining_schema("outcome", names), E("Output", None, *prob_outputs(labels)),
              E("BayesInputs", None, inputs),
              E("BayesOutput", {"fieldName": "outcome"},
                tv_counts([(labels[k], nb.class_count_[k]) for k in range(len(labels))])))
    doc = pmml("sklearn CategoricalNB(alpha=1) on three string inputs", fields, model)
    write_case("naivebayes", "sklearn_categorical", doc, names,
               [[tc[0][i], tc[1][i], tc[2][i]] for i in range(120)],
               ["outcome"] + ["probability(%s)" % l for l in labels],
               [[pred[i]] + list(proba[i]) for i in range(120)], """
sklearn CategoricalNB(alpha=1) on three string fields: PairCounts hold count + alpha (Laplace
pseudo-counts), so count / sum over the field's values = sklearn's smoothed probability; priors are
the class counts. No zero count, the threshold never applies. Made by tests/gen/gen_naivebayes.py,
categorical_nb(); expected = predict / predict_proba.
""")


def r_e1071():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_naivebayes.R", tmp)
        prior = read_rcsv(os.path.join(tmp, "nb_prior.csv"))
        gauss = read_rcsv(os.path.join(tmp, "nb_gauss.csv"))
        counts = read_rcsv(os.path.join(tmp, "nb_counts.csv"))
        pred = read_rcsv(os.path.join(tmp, "nb_pred.csv"))
    labels = [r["class"] for r in prior]
    senders = ["friend", "shop", "unknown", "work"]
    thr = 1e-6
    stats = {}
    for r in gauss:
        sd = float(r["sd"])
        stats.setdefault(r["field"], []).append((r["class"], float(r["mean"]), sd * sd, sd))
    # keep rows whose Gaussian densities stay above the threshold (see the module doc)
    def dens_ok(r):
        for f in ("links", "length"):
            x = fnum(r[f])
            if x is None:
                continue
            for c, m, v, sd in stats[f]:
                if log_density(x, m, v) < math.log(thr) + 1:
                    return False
        return True
    n0 = len(pred)
    pred = [r for r in pred if dens_ok(r)]
    print("r_e1071: %d of %d rows kept" % (len(pred), n0))
    cmap = {v: [(r["class"], float(r["count"])) for r in counts if r["value"] == v] for v in senders}
    inputs = [gauss_input(f, [(c, m, v) for c, m, v, sd in stats[f]]) for f in ("links", "length")]
    inputs.append(discrete_input("sender", senders, cmap))
    fields = [data_field("links", "continuous", "double"), data_field("length", "continuous", "double"),
              data_field("sender", "categorical", "string", senders),
              data_field("class", "categorical", "string", labels)]
    model = E("NaiveBayesModel", {"modelName": "mail_nb", "functionName": "classification",
                                  "algorithmName": "R e1071::naiveBayes", "threshold": num(thr)},
              mining_schema("class", ["links", "length", "sender"]), E("Output", None, *prob_outputs(labels)),
              E("BayesInputs", None, inputs),
              E("BayesOutput", {"fieldName": "class"}, tv_counts([(r["class"], float(r["count"])) for r in prior])))
    doc = pmml("R e1071::naiveBayes with numeric and factor inputs", fields, model)
    rows = [[fnum(r["links"]), fnum(r["length"]), r["sender"] or None] for r in pred]
    out = [[r[".class"]] + [fnum(r[".p_" + l]) for l in labels] for r in pred]
    write_case("naivebayes", "r_e1071_mixed", doc, ["links", "length", "sender"], rows,
               ["class"] + ["probability(%s)" % l for l in labels], out, """
R e1071::naiveBayes on two numeric fields (GaussianDistribution, variance = sd^2) and a factor
(PairCounts = the training counts without missing values, some zero): missing inputs (NA, about
10% per field) are skipped, zero counts use threshold 1e-6 (R predict(threshold = 1e-6)); rows where
a density would come near the threshold are left out (R applies it only to zero probabilities). Made by tests/gen/gen_naivebayes.R +
gen_naivebayes.py, r_e1071(); expected = predict(type="raw") and predict(type="class").
""", missing="NA")


if __name__ == "__main__":
    gaussian_nb()
    categorical_nb()
    r_e1071()
