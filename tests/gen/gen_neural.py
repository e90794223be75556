#!/usr/bin/python3
"""testdata/corpus/neural/*: sklearn MLPs and an R nnet as NeuralNetwork.

Expected = MLPClassifier.predict / predict_proba, TransformedTargetRegressor
(MLPRegressor) .predict, and R's predict.nnet.
"""

import os
import tempfile

import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_breast_cancer, load_iris, make_friedman1
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from common import run_r, read_rcsv, fnum
from pmmlw import E, num, data_field, mining_schema, pmml, prob_outputs, write_case

ACT = {"relu": "rectifier", "tanh": "tanh", "logistic": "logistic", "identity": "identity"}


def apply_scaled(field, mean, scale):
    return E("Apply", {"function": "/"},
             E("Apply", {"function": "-"}, E("FieldRef", {"field": field}),
               E("Constant", {"dataType": "double"}, text=num(mean))),
             E("Constant", {"dataType": "double"}, text=num(scale)))


def neural_inputs(fields, exprs):
    return E("NeuralInputs", {"numberOfInputs": len(fields)},
             [E("NeuralInput", {"id": "in/%d" % (j + 1)},
                E("DerivedField", {"optype": "continuous", "dataType": "double"}, exprs[j]))
              for j in range(len(fields))])


def mlp_layers(mlp, out_act, out_norm=None):
    """NeuralLayers of a fitted sklearn MLP: coefs_[i] is (n_in, n_out)."""
    layers = []
    prev = ["in/%d" % (j + 1) for j in range(mlp.coefs_[0].shape[0])]
    for i, (W, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        last = i == len(mlp.coefs_) - 1
        ids = ["%d/%d" % (i + 1, k + 1) for k in range(W.shape[1])]
        attrs = {"numberOfNeurons": len(ids), "activationFunction": out_act if last else ACT[mlp.activation]}
        if last and out_norm:
            attrs["normalizationMethod"] = out_norm
        neurons = [E("Neuron", {"id": ids[k], "bias": num(b[k])},
                     [E("Con", {"from": prev[j], "weight": num(W[j, k])}) for j in range(W.shape[0])])
                   for k in range(W.shape[1])]
        layers.append(E("NeuralLayer", attrs, neurons))
        prev = ids
    return layers, prev


def discrete_outputs(target, labels, neurons):
    return E("NeuralOutputs", {"numberOfOutputs": len(labels)},
             [E("NeuralOutput", {"outputNeuron": n},
                E("DerivedField", {"optype": "categorical", "dataType": "string"},
                  E("NormDiscrete", {"field": target, "value": l})))
              for n, l in zip(neurons, labels)])


IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def mlp_multiclass():
    d = load_iris()
    X = d.data
    y = np.array(["setosa", "versicolor", "virginica"])[d.target]
    sc = StandardScaler().fit(X)
    mlp = MLPClassifier(hidden_layer_sizes=(8, 6), activation="relu", max_iter=3000,
                        random_state=60).fit(sc.transform(X), y)
    labels = list(mlp.classes_)
    rng = np.random.RandomState(61)
    Xt = np.round(X + rng.normal(0, 0.2, X.shape), 2)
    proba = mlp.predict_proba(sc.transform(Xt))
    pred = mlp.predict(sc.transform(Xt))
    layers, outs = mlp_layers(mlp, "identity", "softmax")
    fields = [data_field(f, "continuous", "double") for f in IRIS]
    fields.append(data_field("species", "categorical", "string", labels))
    model = E("NeuralNetwork", {"modelName": "iris_mlp", "functionName": "classification",
                                "algorithmName": "sklearn.neural_network.MLPClassifier",
                                "activationFunction": "rectifier"},
              mining_schema("species", IRIS), E("Output", None, *prob_outputs(labels)),
              neural_inputs(IRIS, [apply_scaled(f, sc.mean_[j], sc.scale_[j]) for j, f in enumerate(IRIS)]),
              layers, discrete_outputs("species", labels, outs))
    doc = pmml("sklearn StandardScaler + MLPClassifier(8, 6 relu), softmax output", fields, model)
    write_case("neural", "sklearn_mlp_multiclass", doc, IRIS, [list(r) for r in Xt],
               ["species"] + ["probability(%s)" % l for l in labels],
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn MLPClassifier(hidden 8 and 6, relu) on standardized iris (plus noise): NeuralInputs are
DerivedFields Apply((x - mean) / scale); hidden layers activationFunction="rectifier", output layer
identity + normalizationMethod="softmax"; NeuralOutputs NormDiscrete per class. Made by
tests/gen/gen_neural.py, mlp_multiclass(); expected = predict / predict_proba.
""")


CANCER = ["mean radius", "mean texture", "mean concavity", "worst smoothness", "worst symmetry", "mean area"]


def mlp_binary():
    d = load_breast_cancer()
    cols = [list(d.feature_names).index(f) for f in CANCER]
    X = d.data[:, cols]
    y = np.array(["malignant", "benign"])[d.target]
    sc = StandardScaler().fit(X)
    mlp = MLPClassifier(hidden_layer_sizes=(5,), activation="tanh", max_iter=3000,
                        random_state=62).fit(sc.transform(X), y)
    labels = list(mlp.classes_)
    rng = np.random.RandomState(63)
    Xt = X[rng.choice(len(X), 150, replace=False)]
    proba = mlp.predict_proba(sc.transform(Xt))
    pred = mlp.predict(sc.transform(Xt))
    layers, outs = mlp_layers(mlp, "logistic")
    # one more layer: p(first class) = 1 - p, p(second class) = p, as predict_proba does
    layers.append(E("NeuralLayer", {"numberOfNeurons": 2, "activationFunction": "identity"},
                    E("Neuron", {"id": "out/1", "bias": "1.0"}, E("Con", {"from": outs[0], "weight": "-1.0"})),
                    E("Neuron", {"id": "out/2", "bias": "0.0"}, E("Con", {"from": outs[0], "weight": "1.0"}))))
    names = [f.replace(" ", "_") for f in CANCER]
    fields = [data_field(f, "continuous", "double") for f in names]
    fields.append(data_field("diagnosis", "categorical", "string", labels))
    model = E("NeuralNetwork", {"modelName": "cancer_mlp", "functionName": "classification",
                                "algorithmName": "sklearn.neural_network.MLPClassifier",
                                "activationFunction": "tanh"},
              mining_schema("diagnosis", names), E("Output", None, *prob_outputs(labels)),
              neural_inputs(names, [apply_scaled(f, sc.mean_[j], sc.scale_[j]) for j, f in enumerate(names)]),
              layers, discrete_outputs("diagnosis", labels, ["out/1", "out/2"]))
    doc = pmml("sklearn StandardScaler + MLPClassifier(5 tanh), binary logistic output", fields, model)
    write_case("neural", "sklearn_mlp_binary", doc, names, [list(r) for r in Xt],
               ["diagnosis"] + ["probability(%s)" % l for l in labels],
               [[pred[i]] + list(proba[i]) for i in range(len(Xt))], """
sklearn MLPClassifier(hidden 5, tanh) binary on six breast-cancer features: one logistic output
neuron p, then an identity layer giving 1 - p (bias 1, weight -1) and p, mapped to the two classes
with NormDiscrete. Made by tests/gen/gen_neural.py, mlp_binary(); expected = predict /
predict_proba.
""")


FRIEDMAN = ["x1", "x2", "x3", "x4", "x5"]


def mlp_regressor():
    X, y = make_friedman1(n_samples=400, n_features=5, noise=0.3, random_state=64)
    X = np.round(X, 4)
    y = y * 10 + 100
    mm = MinMaxScaler().fit(X)
    ttr = TransformedTargetRegressor(
        regressor=MLPRegressor(hidden_layer_sizes=(10,), activation="tanh", max_iter=5000, random_state=65),
        transformer=StandardScaler()).fit(mm.transform(X), y)
    mlp, ysc = ttr.regressor_, ttr.transformer_
    Xt, _ = make_friedman1(n_samples=120, n_features=5, noise=0.3, random_state=66)
    Xt = np.round(Xt, 4)
    pred = ttr.predict(mm.transform(Xt))
    layers, outs = mlp_layers(mlp, "identity")
    lo, hi = mm.data_min_, mm.data_max_
    inputs = [E("NormContinuous", {"field": f},
                E("LinearNorm", {"orig": num(lo[j]), "norm": "0.0"}),
                E("LinearNorm", {"orig": num(hi[j]), "norm": "1.0"})) for j, f in enumerate(FRIEDMAN)]
    m, s = float(ysc.mean_[0]), float(ysc.scale_[0])
    outputs = E("NeuralOutputs", {"numberOfOutputs": 1},
                E("NeuralOutput", {"outputNeuron": outs[0]},
                  E("DerivedField", {"optype": "continuous", "dataType": "double"},
                    E("NormContinuous", {"field": "y"},
                      E("LinearNorm", {"orig": num(m), "norm": "0.0"}),
                      E("LinearNorm", {"orig": num(m + s), "norm": "1.0"})))))
    fields = [data_field(f, "continuous", "double") for f in FRIEDMAN] + [data_field("y", "continuous", "double")]
    model = E("NeuralNetwork", {"modelName": "friedman_mlp", "functionName": "regression",
                                "algorithmName": "sklearn.neural_network.MLPRegressor",
                                "activationFunction": "tanh"},
              mining_schema("y", FRIEDMAN), neural_inputs(FRIEDMAN, inputs), layers, outputs)
    doc = pmml("sklearn MinMaxScaler + MLPRegressor(10 tanh) with a standardized target", fields, model)
    write_case("neural", "sklearn_mlp_regressor", doc, FRIEDMAN, [list(r) for r in Xt], ["y"],
               [[p] for p in pred], """
sklearn MLPRegressor(hidden 10, tanh) in a TransformedTargetRegressor (StandardScaler on y), inputs
MinMax-scaled: NeuralInputs NormContinuous (min -> 0, max -> 1), NeuralOutput NormContinuous on the
target (mean -> 0, mean + sd -> 1), which the network output is mapped back through. Made by
tests/gen/gen_neural.py, mlp_regressor(); expected = TransformedTargetRegressor.predict.
""")


def r_nnet():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_neural.R", tmp)
        wts = read_rcsv(os.path.join(tmp, "nnet_wts.csv"))
        pred = read_rcsv(os.path.join(tmp, "nnet_pred.csv"))
        info = read_rcsv(os.path.join(tmp, "nnet_info.csv"))[0]
    n_in, n_hid, n_out = int(info["n_in"]), int(info["n_hid"]), int(info["n_out"])
    feats = info["inputs"].split(";")
    labels = info["labels"].split(";")
    # units: 0 bias, 1..n_in inputs, then hidden, then outputs (nnet's numbering)
    uid = {}
    for j in range(n_in):
        uid[1 + j] = "in/%d" % (j + 1)
    for k in range(n_hid):
        uid[1 + n_in + k] = "h/%d" % (k + 1)
    for k in range(n_out):
        uid[1 + n_in + n_hid + k] = "o/%d" % (k + 1)
    incoming = {}
    for w in wts:
        incoming.setdefault(int(w["to"]), []).append((int(w["from"]), float(w["weight"])))

    def neuron(u):
        bias = sum(wt for f, wt in incoming[u] if f == 0)
        return E("Neuron", {"id": uid[u], "bias": num(bias)},
                 [E("Con", {"from": uid[f], "weight": num(wt)}) for f, wt in incoming[u] if f != 0])

    hidden = E("NeuralLayer", {"numberOfNeurons": n_hid, "activationFunction": "logistic"},
               [neuron(1 + n_in + k) for k in range(n_hid)])
    output = E("NeuralLayer", {"numberOfNeurons": n_out, "activationFunction": "identity",
                               "normalizationMethod": "softmax"},
               [neuron(1 + n_in + n_hid + k) for k in range(n_out)])
    fields = [data_field(f, "continuous", "double") for f in feats]
    fields.append(data_field("type", "categorical", "string", labels))
    model = E("NeuralNetwork", {"modelName": "r_nnet", "functionName": "classification",
                                "algorithmName": "R nnet", "activationFunction": "logistic"},
              mining_schema("type", feats), E("Output", None, *prob_outputs(labels)),
              neural_inputs(feats, [E("FieldRef", {"field": f}) for f in feats]),
              hidden, output,
              discrete_outputs("type", labels, ["o/%d" % (k + 1) for k in range(n_out)]))
    doc = pmml("R nnet(size = 4) classification, softmax output", fields, model)
    # nnet's C sigmoid returns exactly 0 or 1 beyond |sum| > 15, which PMML's
    # logistic does not: keep only rows where no hidden unit gets there
    def hidden_ok(r):
        x = {1 + j: fnum(r[f]) for j, f in enumerate(feats)}
        x[0] = 1.0
        for k in range(n_hid):
            u = 1 + n_in + k
            z = sum(wt * x[f] for f, wt in incoming[u])
            if abs(z) > 15:
                return False
        return True
    n0 = len(pred)
    pred = [r for r in pred if hidden_ok(r)]
    print("r_nnet: %d of %d rows kept" % (len(pred), n0))
    rows = [[fnum(r[f]) for f in feats] for r in pred]
    out = []
    for r in pred:
        ps = [fnum(r[".p_" + l]) for l in labels]
        out.append([r[".class"]] + ps)
    write_case("neural", "r_nnet", doc, feats, rows, ["type"] + ["probability(%s)" % l for l in labels],
               out, """
R nnet(type ~ ., size = 4) on synthetic 3-class data: logistic hidden layer, softmax output (nnet
uses softmax for a factor with more than two levels); weights read from fit$wts through fit$conn /
fit$nconn. Rows where a hidden unit's sum leaves [-15, 15] would be dropped (nnet's sigmoid is
exactly 0 or 1 there, PMML's logistic is not). Made by tests/gen/gen_neural.R + gen_neural.py, r_nnet(); expected = predict(type="raw")
and predict(type="class").
""")


if __name__ == "__main__":
    mlp_multiclass()
    mlp_binary()
    mlp_regressor()
    r_nnet()
