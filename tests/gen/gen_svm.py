#!/usr/bin/python3
"""testdata/corpus/svm/*: sklearn SVC / SVR as SupportVectorMachineModel.

libsvm (inside sklearn) decides the pair (i, j), i < j, for class i when
dec = sum(_dual_coef_ * K) + _intercept_ > 0, else for class j. PMML
(maxWins="false", threshold 0) gives targetCategory when f(x) < 0, else
alternateTargetCategory. We write f = -dec (coefficients and absoluteValue
negated) with targetCategory = class i, alternateTargetCategory = class j, so
the two agree even at dec == 0. For a binary SVC, f is then exactly sklearn's
decision_function.
"""

import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris, make_friedman1
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, SVR

from pmmlw import E, Array, num, data_field, mining_schema, pmml, write_case

IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def kernel_el(svm):
    k = svm.kernel
    g = float(svm._gamma)
    if k == "rbf":
        return E("RadialBasisKernelType", {"gamma": num(g)})
    if k == "poly":
        return E("PolynomialKernelType", {"gamma": num(g), "coef0": num(svm.coef0), "degree": num(float(svm.degree))})
    if k == "sigmoid":
        return E("SigmoidKernelType", {"gamma": num(g), "coef0": num(svm.coef0)})
    return E("LinearKernelType")


def vector_dictionary(fields, SV, sparse=False):
    insts = []
    for i, v in enumerate(SV):
        if sparse:
            idx = [j + 1 for j in range(len(v)) if v[j] != 0.0]
            content = E("REAL-SparseArray", {"n": len(v)},
                        E("Indices", None, text=" ".join(str(j) for j in idx)),
                        E("REAL-Entries", None, text=" ".join(num(v[j - 1]) for j in idx)))
        else:
            content = Array(list(v), "real")
        insts.append(E("VectorInstance", {"id": str(i)}, content))
    return E("VectorDictionary", {"numberOfVectors": len(SV)},
             E("VectorFields", {"numberOfFields": len(fields)}, [E("FieldRef", {"field": f}) for f in fields]),
             insts)


def machine(ids, coefs, b, target=None, alternate=None):
    a = {}
    if target is not None:
        a = {"targetCategory": target, "alternateTargetCategory": alternate}
    return E("SupportVectorMachine", a,
             E("SupportVectors", {"numberOfAttributes": None, "numberOfSupportVectors": len(ids)},
               [E("SupportVector", {"vectorId": str(i)}) for i in ids]),
             E("Coefficients", {"numberOfCoefficients": len(ids), "absoluteValue": num(b)},
               [E("Coefficient", {"value": num(c)}) for c in coefs]))


def ovo_machines(svc):
    """One SupportVectorMachine per pair (i, j), in libsvm's order."""
    labels = [str(c) for c in svc.classes_]
    k = len(labels)
    start = np.concatenate([[0], np.cumsum(svc.n_support_)])
    dc, ic = svc._dual_coef_, svc._intercept_
    out, p = [], 0
    for i in range(k):
        for j in range(i + 1, k):
            si = list(range(start[i], start[i + 1]))
            sj = list(range(start[j], start[j + 1]))
            coefs = [dc[j - 1][s] for s in si] + [dc[i][s] for s in sj]
            out.append(machine(si + sj, [-c for c in coefs], -ic[p], labels[i], labels[j]))
            p += 1
    return out


def votes_clear(svc, X):
    """Rows whose ovo votes have a single winner and no decision value near 0."""
    labels = list(svc.classes_)
    k = len(labels)
    if k == 2:
        d = svc.decision_function(X)[:, None]
    else:
        shape = svc.decision_function_shape
        svc.decision_function_shape = "ovo"
        d = svc.decision_function(X)      # (n, k(k-1)/2): libsvm's dec per pair
        svc.decision_function_shape = shape
    keep = []
    for r in range(len(X)):
        v = [0] * k
        p = 0
        for i in range(k):
            for j in range(i + 1, k):
                dec = -d[r, p] if k == 2 else d[r, p]
                v[i if dec > 0 else j] += 1
                p += 1
        ok = sorted(v)[-1] != sorted(v)[-2] and np.min(np.abs(d[r])) > 1e-9
        keep.append(ok)
    return np.array(keep)


def svc_case(case, X, Xt, y, fields, target, svc, desc, readme, sparse=False):
    svc.fit(X, y)
    labels = [str(c) for c in svc.classes_]
    keep = votes_clear(svc, Xt)
    Xt = Xt[keep]
    pred = svc.predict(Xt)
    df = [data_field(f, "continuous", "double") for f in fields]
    df.append(data_field(target, "categorical", "string", labels))
    model = E("SupportVectorMachineModel", {"modelName": case, "functionName": "classification",
                                            "algorithmName": "sklearn.svm.SVC",
                                            "classificationMethod": "OneAgainstOne"},
              mining_schema(target, fields), kernel_el(svc),
              vector_dictionary(fields, svc.support_vectors_, sparse), ovo_machines(svc))
    doc = pmml(desc, df, model)
    write_case("svm", case, doc, fields, [list(r) for r in Xt], [target], [[p] for p in pred], readme)


def iris_data():
    d = load_iris()
    X = d.data
    y = np.array(["setosa", "versicolor", "virginica"])[d.target]
    Xt = np.round(X + np.random.RandomState(80).normal(0, 0.25, X.shape), 2)
    return X, Xt, y


def cancer_data():
    d = load_breast_cancer()
    feats = ["mean radius", "mean texture", "mean smoothness", "worst concavity"]
    cols = [list(d.feature_names).index(f) for f in feats]
    sc = StandardScaler().fit(d.data[:, cols])
    X = np.round(sc.transform(d.data[:, cols]), 4)     # the case's inputs are these z-scores
    y = np.array(["malignant", "benign"])[d.target]
    rng = np.random.RandomState(81)
    idx = rng.choice(len(X), 150, replace=False)
    Xt = np.round(X[idx] + rng.normal(0, 0.1, (150, len(feats))), 4)
    return X, Xt, y, ["z_radius", "z_texture", "z_smoothness", "z_concavity"]


def main():
    X, Xt, y = iris_data()
    svc_case("sklearn_svc_rbf", X, Xt, y, IRIS, "species", SVC(kernel="rbf", C=1.0, gamma="scale"),
             "sklearn SVC rbf, 3 classes one-against-one", """
sklearn SVC(kernel="rbf", gamma="scale") on iris (inputs with noise), 3 classes: 3 one-against-one
SupportVectorMachines over a shared VectorDictionary (dense Arrays). Coefficients and absoluteValue
are libsvm's negated, so f < 0 gives targetCategory (the lower class) like libsvm's dec > 0. Rows
with tied votes or a decision value within 1e-9 of 0 are left out. Made by tests/gen/gen_svm.py;
expected = SVC.predict.
""")
    svc_case("sklearn_svc_poly", X, Xt, y, IRIS, "species",
             SVC(kernel="poly", degree=3, gamma=0.3, coef0=1.0, C=0.5),
             "sklearn SVC polynomial kernel, 3 classes", """
sklearn SVC(kernel="poly", degree=3, gamma=0.3, coef0=1) on iris, 3 classes one-against-one
(PolynomialKernelType). Same sign convention as sklearn_svc_rbf. Made by tests/gen/gen_svm.py;
expected = SVC.predict.
""")
    X, Xt, y, names = cancer_data()
    svc_case("sklearn_svc_linear", X, Xt, y, names, "diagnosis", SVC(kernel="linear", C=0.3),
             "sklearn SVC linear kernel, binary", """
sklearn SVC(kernel="linear") binary on four standardized breast-cancer features (the inputs are the
z-scores): LinearKernelType, one SupportVectorMachine, support vectors as REAL-SparseArray (zeros
left out). Made by tests/gen/gen_svm.py; expected = SVC.predict.
""", sparse=True)
    svc_case("sklearn_svc_sigmoid", X, Xt, y, names, "diagnosis",
             SVC(kernel="sigmoid", gamma=0.05, coef0=-0.5, C=2.0),
             "sklearn SVC sigmoid kernel, binary", """
sklearn SVC(kernel="sigmoid", gamma=0.05, coef0=-0.5) binary on standardized breast-cancer
features: SigmoidKernelType tanh(gamma <x,y> + coef0). Made by tests/gen/gen_svm.py; expected =
SVC.predict.
""")

    # the decision function of a binary SVC, as a regression-function SVM
    svc = SVC(kernel="rbf", gamma=0.2, C=1.0).fit(X, y)
    dec = svc.decision_function(Xt)
    df = [data_field(f, "continuous", "double") for f in names] + [data_field("decision", "continuous", "double")]
    model = E("SupportVectorMachineModel", {"modelName": "svc_decision", "functionName": "regression",
                                            "algorithmName": "sklearn.svm.SVC decision_function"},
              mining_schema("decision", names), kernel_el(svc),
              vector_dictionary(names, svc.support_vectors_),
              machine(range(len(svc.support_vectors_)), svc.dual_coef_[0], svc.intercept_[0]))
    doc = pmml("decision_function of a binary sklearn SVC (rbf) as a regression SVM", df, model)
    write_case("svm", "sklearn_svc_decision", doc, names, [list(r) for r in Xt], ["decision"],
               [[v] for v in dec], """
The decision_function of a binary sklearn SVC (rbf, gamma 0.2) written as a regression
SupportVectorMachineModel: f(x) = sum(dual_coef_ * K(x, sv)) + intercept_ (sklearn's public,
already sign-flipped attributes; f > 0 means "malignant", classes_[1]). Tests the kernel sums
number for number. Made by tests/gen/gen_svm.py; expected = SVC.decision_function.
""")

    Xr, yr = make_friedman1(n_samples=300, n_features=5, noise=0.3, random_state=82)
    Xr = np.round(Xr, 4)
    svr = SVR(kernel="rbf", C=10.0, epsilon=0.2, gamma="scale").fit(Xr, yr)
    Xrt, _ = make_friedman1(n_samples=120, n_features=5, noise=0.3, random_state=83)
    Xrt = np.round(Xrt, 4)
    pred = svr.predict(Xrt)
    feats = ["x1", "x2", "x3", "x4", "x5"]
    df = [data_field(f, "continuous", "double") for f in feats] + [data_field("y", "continuous", "double")]
    model = E("SupportVectorMachineModel", {"modelName": "svr", "functionName": "regression",
                                            "algorithmName": "sklearn.svm.SVR"},
              mining_schema("y", feats), kernel_el(svr), vector_dictionary(feats, svr.support_vectors_),
              machine(range(len(svr.support_vectors_)), svr.dual_coef_[0], svr.intercept_[0]))
    doc = pmml("sklearn SVR rbf on Friedman #1 data", df, model)
    write_case("svm", "sklearn_svr", doc, feats, [list(r) for r in Xrt], ["y"], [[p] for p in pred], """
sklearn SVR(kernel="rbf", C=10, epsilon=0.2, gamma="scale") on make_friedman1 data:
SupportVectorMachineModel regression, f(x) = sum(dual_coef_ * K) + intercept_. Made by
tests/gen/gen_svm.py; expected = SVR.predict.
""")


if __name__ == "__main__":
    main()
