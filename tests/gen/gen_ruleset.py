#!/usr/bin/python3
"""testdata/corpus/ruleset/*: a small sklearn decision tree turned into rules
(RuleSetModel, firstHit). Expected = the tree's predict.
"""

import numpy as np
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier

from pmmlw import E, num, count, data_field, mining_schema, pmml, write_case, f32_safe, tree_thresholds, label

IRIS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def fit():
    d = load_iris()
    y = np.array(["setosa", "versicolor", "virginica"])[d.target]
    clf = DecisionTreeClassifier(max_depth=3, random_state=130).fit(d.data, y)
    rng = np.random.RandomState(131)
    Xt = np.round(d.data + rng.normal(0, 0.3, d.data.shape), 2)
    thr = tree_thresholds(clf.tree_, IRIS)
    Xt = Xt[[i for i in range(len(Xt)) if f32_safe(list(Xt[i]), thr, IRIS)]]
    return clf, Xt


def cond(t, n, left):
    f, v = IRIS[t.feature[n]], num(float(t.threshold[n]))
    return E("SimplePredicate", {"field": f, "operator": "lessOrEqual" if left else "greaterThan", "value": v})


def leaf_info(clf, n):
    v = clf.tree_.value[n][0]
    k = int(np.argmax(v))
    return label(clf.classes_[k]), v.sum(), v[k]


def dists(clf, n):
    v = clf.tree_.value[n][0]
    return [E("ScoreDistribution", {"value": label(c), "recordCount": count(v[k])}) for k, c in enumerate(clf.classes_)]


def simple_rule(clf, n, pred, rid):
    score, tot, hit = leaf_info(clf, n)
    return E("SimpleRule", {"id": rid, "score": score, "recordCount": count(tot), "nbCorrect": count(hit),
                            "confidence": num(hit / tot), "weight": "1.0"}, pred, dists(clf, n))


def model_doc(clf, rules, default, desc, name):
    labels = [label(c) for c in clf.classes_]
    fields = [data_field(f, "continuous", "double") for f in IRIS]
    fields.append(data_field("species", "categorical", "string", labels))
    model = E("RuleSetModel", {"modelName": name, "functionName": "classification",
                               "algorithmName": "sklearn DecisionTreeClassifier as rules"},
              mining_schema("species", IRIS),
              E("RuleSet", {"defaultScore": default, "defaultConfidence": "0.0"},
                E("RuleSelectionMethod", {"criterion": "firstHit"}), rules))
    return pmml(desc, fields, model)


def flat():
    clf, Xt = fit()
    t = clf.tree_
    leaves = []

    def walk(n, path):
        if t.children_left[n] == -1:
            leaves.append((n, path))
            return
        walk(t.children_left[n], path + [cond(t, n, True)])
        walk(t.children_right[n], path + [cond(t, n, False)])

    walk(0, [])
    # the most frequent class of the leaves becomes the defaultScore: its rules are left out
    scores = [leaf_info(clf, n)[0] for n, _ in leaves]
    default = max(set(scores), key=lambda s: (scores.count(s), s))
    rules = []
    for n, path in leaves:
        if leaf_info(clf, n)[0] == default:
            continue
        pred = path[0] if len(path) == 1 else E("CompoundPredicate", {"booleanOperator": "and"}, path)
        rules.append(simple_rule(clf, n, pred, "leaf%d" % n))
    doc = model_doc(clf, rules, default, "sklearn tree (depth 3) as flat firstHit rules", "iris_rules_flat")
    pred = clf.predict(Xt)
    write_case("ruleset", "sklearn_tree_rules_flat", doc, IRIS, [list(r) for r in Xt], ["species"],
               [[p] for p in pred], """
A sklearn DecisionTreeClassifier(max_depth=3) on iris as a RuleSetModel (firstHit): one SimpleRule
per leaf, its predicate the AND (CompoundPredicate) of the path's conditions; the leaves of the
most frequent leaf class are left out and that class is RuleSet@defaultScore, so rows that no rule
matches take the default. Made by tests/gen/gen_ruleset.py, flat(); expected = the tree's predict.
""")


def nested():
    clf, Xt = fit()
    t = clf.tree_

    def rules(n):
        out = []
        for child, left in ((t.children_left[n], True), (t.children_right[n], False)):
            p = cond(t, n, left)
            if t.children_left[child] == -1:
                out.append(simple_rule(clf, child, p, "leaf%d" % child))
            else:
                out.append(E("CompoundRule", None, p, rules(child)))
        return out

    default = leaf_info(clf, 0)[0]
    doc = model_doc(clf, rules(0), default, "sklearn tree (depth 3) as nested CompoundRules", "iris_rules_nested")
    pred = clf.predict(Xt)
    write_case("ruleset", "sklearn_tree_rules_nested", doc, IRIS, [list(r) for r in Xt], ["species"],
               [[p] for p in pred], """
The same sklearn DecisionTreeClassifier(max_depth=3) on iris as nested rules: each split is a
CompoundRule (predicate = the branch condition) holding the rules below it, leaves are SimpleRules;
firstHit. Made by tests/gen/gen_ruleset.py, nested(); expected = the tree's predict.
""")


if __name__ == "__main__":
    flat()
    nested()
