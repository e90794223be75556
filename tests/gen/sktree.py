"""Our writer of fitted scikit-learn trees (tree_ arrays) as PMML Node trees.

sklearn sends a record left when X[feature] <= threshold (after casting X to
float32), right otherwise. Features are described by 'feats', one entry per
column of the matrix the tree was fitted on:
  ("num", field)          a numeric field, split with lessOrEqual / greaterThan
  ("cat", field, value)   a one-hot column of a string field: column > 0.5
                          means field == value (split with notEqual / equal,
                          or with SimpleSetPredicate, see 'setpred')
"""

import numpy as np

from pmmlw import E, Array, count, num, label


def _numeric_pair(field, thr):
    return (E("SimplePredicate", {"field": field, "operator": "lessOrEqual", "value": num(thr)}),
            E("SimplePredicate", {"field": field, "operator": "greaterThan", "value": num(thr)}))


def _cat_pair(field, value, remaining, setpred):
    right = E("SimplePredicate", {"field": field, "operator": "equal", "value": value})
    rest = [v for v in remaining if v != value]
    if not setpred:
        left = E("SimplePredicate", {"field": field, "operator": "notEqual", "value": value})
    elif len(rest) == 1:
        left = E("SimplePredicate", {"field": field, "operator": "equal", "value": rest[0]})
    elif setpred == "isNotIn":
        left = E("SimpleSetPredicate", {"field": field, "booleanOperator": "isNotIn"},
                 Array([value], "string"))
    else:
        left = E("SimpleSetPredicate", {"field": field, "booleanOperator": "isIn"},
                 Array(rest, "string"))
    return left, right, rest


def tree_nodes(tree, feats, labels=None, categories=None, setpred=None, leaf_scale=1.0,
               leaf_fn=None, distributions="leaves"):
    """Root Node element of a fitted sklearn tree_.

    labels: class labels (classification) -> ScoreDistribution per class with
            recordCount = the weighted count in tree_.value and probability =
            count / node total (what predict_proba returns), score = argmax.
    else regression: score = tree_.value[n][0][0] * leaf_scale (or leaf_fn(n)).
    categories: field -> list of all category values (for SimpleSetPredicate).
    """
    t = tree
    categories = categories or {}

    def node(n, pred, remaining):
        attrs = {"id": str(n)}
        kids = []
        dist = []
        is_leaf = t.children_left[n] == -1
        if labels is not None:
            v = np.array(t.value[n][0], dtype=np.float64)
            tot = v.sum()
            p = v / (tot if tot != 0 else 1.0)
            attrs["score"] = label(labels[int(np.argmax(v))])
            attrs["recordCount"] = count(tot)
            if is_leaf or distributions == "all":
                for k, l in enumerate(labels):
                    dist.append(E("ScoreDistribution", {"value": label(l), "recordCount": count(v[k]),
                                                        "probability": num(p[k])}))
        else:
            if leaf_fn is not None:
                s = leaf_fn(n)
            else:
                s = float(t.value[n][0][0]) * leaf_scale
            attrs["score"] = num(s)
            attrs["recordCount"] = count(t.weighted_n_node_samples[n])
        if not is_leaf:
            f = feats[t.feature[n]]
            if f[0] == "num":
                lp, rp = _numeric_pair(f[1], float(t.threshold[n]))
                lrem = rrem = remaining
            else:
                rem = remaining.get(f[1], categories.get(f[1], []))
                lp, rp, rest = _cat_pair(f[1], f[2], rem, setpred)
                lrem = dict(remaining)
                lrem[f[1]] = rest
                rrem = dict(remaining)
                rrem[f[1]] = [f[2]]
            kids.append(node(t.children_left[n], lp, lrem))
            kids.append(node(t.children_right[n], rp, rrem))
        return E("Node", attrs, pred, dist, kids)

    return node(0, E("True"), {})


def used_fields(tree, feats):
    out = []
    for n in range(tree.node_count):
        if tree.children_left[n] != -1:
            fld = feats[tree.feature[n]][1]
            if fld not in out:
                out.append(fld)
    return out


def tree_model(tree, feats, target, labels=None, name=None, fn=None, **kw):
    """A TreeModel element (for a Segment) around tree_nodes(); 'fn' overrides
    the function name, kw goes to tree_nodes()."""
    from pmmlw import mining_schema
    fn = fn or ("classification" if labels is not None else "regression")
    return E("TreeModel", {"modelName": name, "functionName": fn,
                           "missingValueStrategy": "nullPrediction",
                           "splitCharacteristic": "binarySplit"},
             mining_schema(target, used_fields(tree, feats) or [feats[0][1]]),
             tree_nodes(tree, feats, labels=labels, **kw))
