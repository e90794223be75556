#!/usr/bin/python3
"""Cross-check of the generated corpus: NOT part of pmmlc, only a test of the generators.

A small, slow, independent PMML evaluator written straight from the PMML 4.4
specification. For every case under testdata/corpus it parses model.pmml (the
text the generators wrote, not their in-memory models), scores input.csv, and
compares the result with expected.csv (which the training framework made) under
the case's compare options. A case whose PMML does not describe the
framework's model fails here.

It covers only the constructs our generators emit.

usage: pmmlcheck.py [CASE_DIR ...]     (default: every case in testdata/corpus)
"""

import csv
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "testdata", "corpus"))


MODEL_TAGS = {"TreeModel", "RegressionModel", "MiningModel", "GeneralRegressionModel", "NeuralNetwork",
              "SupportVectorMachineModel", "NaiveBayesModel", "ClusteringModel", "NearestNeighborModel",
              "Scorecard", "RuleSetModel", "AnomalyDetectionModel"}


def is_model(e):
    return tag(e) in MODEL_TAGS


def tag(e):
    return e.tag.split("}", 1)[1] if "}" in e.tag else e.tag


def kids(e, name=None):
    return [c for c in e if name is None or tag(c) == name]


def kid(e, name):
    for c in e:
        if tag(c) == name:
            return c
    return None


def parse_array(a):
    kind = a.get("type")
    text = a.text or ""
    if kind == "string":
        out, i = [], 0
        while i < len(text):
            if text[i].isspace():
                i += 1
                continue
            if text[i] == '"':
                i += 1
                s = ""
                while text[i] != '"':
                    if text[i] == "\\":
                        i += 1
                    s += text[i]
                    i += 1
                i += 1
                out.append(s)
            else:
                j = i
                while j < len(text) and not text[j].isspace():
                    j += 1
                out.append(text[i:j])
                i = j
        return out
    if kind == "int":
        return [int(x) for x in text.split()]
    return [float(x) for x in text.split()]


class F32:
    """Arithmetic context: plain doubles, or float32 (x-mathContext="float")."""

    def __init__(self, on):
        self.on = on

    def r(self, x):
        return float(np.float32(x)) if self.on else x


# ---------------------------------------------------------------- fields


class Doc:
    def __init__(self, path):
        self.root = ET.parse(path).getroot()
        self.fields = {}
        for df in kids(kid(self.root, "DataDictionary"), "DataField"):
            self.fields[df.get("name")] = df
        self.derived = {}
        td = kid(self.root, "TransformationDictionary")
        if td is not None:
            for d in kids(td, "DerivedField"):
                self.derived[d.get("name")] = d
        self.model = [c for c in self.root if is_model(c)][0]

    def convert(self, name, text):
        df = self.fields[name]
        if text is None or text in ("", "NA", "N/A"):
            return None
        dt = df.get("dataType")
        if dt in ("double",):
            return float(text)
        if dt == "float":
            return float(np.float32(float(text)))
        if dt == "integer":
            v = float(text)
            assert v == int(v), text
            return int(v)
        if dt == "boolean":
            return text.lower() == "true"
        return text


def typed(value, dtype):
    if value is None:
        return None
    if dtype in ("double", "float"):
        return float(value)
    if dtype == "integer":
        return int(float(value))
    return str(value)


class Record:
    """Field values seen by one model: a chain of scopes."""

    def __init__(self, values, doc, parent=None, local=None):
        self.values = values
        self.doc = doc
        self.parent = parent
        self.local = local or {}
        self.cache = {}

    def get(self, name):
        if name in self.values:
            return self.values[name]
        if name in self.cache:
            return self.cache[name]
        if name in self.local:
            v = expr(self.local[name][0], self)
            v = cast(v, self.local[name][1])
            self.cache[name] = v
            return v
        if self.parent is not None:
            return self.parent.get(name)
        if name in self.doc.derived:
            d = self.doc.derived[name]
            v = cast(expr(d[0], self), d.get("dataType"))
            self.cache[name] = v
            return v
        raise KeyError(name)


def cast(v, dt):
    if v is None:
        return None
    if dt == "float":
        return float(np.float32(v))
    if dt == "double":
        return float(v)
    if dt == "integer":
        return int(v)
    return v


def expr(e, rec):
    t = tag(e)
    if t == "FieldRef":
        return rec.get(e.get("field"))
    if t == "Constant":
        return float(e.text) if e.get("dataType") in ("double", "float", None) else e.text
    if t == "NormContinuous":
        x = rec.get(e.get("field"))
        if x is None:
            return None
        pts = [(float(p.get("orig")), float(p.get("norm"))) for p in kids(e, "LinearNorm")]
        for (a, an), (b, bn) in zip(pts, pts[1:]):
            if x <= b or (a, an) == pts[-2]:
                return an + (x - a) / (b - a) * (bn - an)
    if t == "NormDiscrete":
        x = rec.get(e.get("field"))
        if x is None:
            return None
        return 1.0 if str(x) == e.get("value") else 0.0
    if t == "Apply":
        args = [expr(c, rec) for c in e if tag(c) != "Extension"]
        fn = e.get("function")
        if any(a is None for a in args):
            return None
        if fn == "*":
            return args[0] * args[1]
        if fn == "+":
            return args[0] + args[1]
        if fn == "-":
            return args[0] - args[1]
        if fn == "/":
            return args[0] / args[1]
        if fn == "pow":
            return args[0] ** args[1]
        if fn == "exp":
            return math.exp(args[0])
        if fn == "ln":
            return math.log(args[0])
        if fn == "lessThan":
            return args[0] < args[1]
        raise NotImplementedError(fn)
    raise NotImplementedError(t)


# ---------------------------------------------------------------- predicates

def compare_values(x, op, text):
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        v = float(text)
        x = float(x)
    else:
        v = text
        x = str(x)
    return {"equal": x == v, "notEqual": x != v, "lessThan": x < v, "lessOrEqual": x <= v,
            "greaterThan": x > v, "greaterOrEqual": x >= v}[op]


def predicate(p, rec, f32=None):
    """True, False or None (UNKNOWN)."""
    t = tag(p)
    if t == "True":
        return True
    if t == "False":
        return False
    if t == "SimplePredicate":
        x = rec.get(p.get("field"))
        op = p.get("operator")
        if op == "isMissing":
            return x is None
        if op == "isNotMissing":
            return x is not None
        if x is None:
            return None
        val = p.get("value")
        if f32 is not None and f32.on and isinstance(x, float):
            return compare_values(float(np.float32(x)), op, repr(float(np.float32(float(val)))))
        return compare_values(x, op, val)
    if t == "SimpleSetPredicate":
        x = rec.get(p.get("field"))
        if x is None:
            return None
        arr = parse_array(kid(p, "Array"))
        if isinstance(x, (int, float)):
            inside = float(x) in [float(a) for a in arr]
        else:
            inside = str(x) in [str(a) for a in arr]
        return inside if p.get("booleanOperator") == "isIn" else not inside
    if t == "CompoundPredicate":
        op = p.get("booleanOperator")
        rs = [predicate(c, rec, f32) for c in p if tag(c) != "Extension"]
        if op == "surrogate":
            for r in rs:
                if r is not None:
                    return r
            return None
        if op == "and":
            if False in rs:
                return False
            return None if None in rs else True
        if op == "or":
            if True in rs:
                return True
            return None if None in rs else False
        if op == "xor":
            if None in rs:
                return None
            return sum(rs) % 2 == 1
    raise NotImplementedError(t)


# ---------------------------------------------------------------- results


class Result:
    def __init__(self, value=None, probs=None):
        self.value = value            # predicted value (None = missing)
        self.probs = probs            # label -> probability (classification)
        self.node = None
        self.entity = None
        self.affinity = None          # for clustering / knn
        self.reasons = None
        self.extra = {}


def target_of(model):
    for mf in kids(kid(model, "MiningSchema"), "MiningField"):
        if mf.get("usageType") in ("target", "predicted"):
            return mf.get("name")
    return None


def enter_model(model, doc, rec):
    """Apply the MiningSchema (missing value replacement) and LocalTransformations."""
    vals = {}
    for mf in kids(kid(model, "MiningSchema"), "MiningField"):
        name = mf.get("name")
        if mf.get("usageType") in ("target", "predicted"):
            continue
        rep = mf.get("missingValueReplacement")
        if rep is not None:
            try:
                v = rec.get(name)
            except KeyError:
                v = None
            if v is None:
                dt = doc.fields[name].get("dataType") if name in doc.fields else "double"
                vals[name] = doc.convert(name, rep) if name in doc.fields else float(rep)
    local = {}
    lt = kid(model, "LocalTransformations")
    if lt is not None:
        for d in kids(lt, "DerivedField"):
            local[d.get("name")] = ([c for c in d if tag(c) != "Extension"][0], d.get("dataType"))
    return Record(vals, doc, rec, local)


def apply_targets(model, value, f32):
    tg = kid(model, "Targets")
    if tg is None or value is None:
        return value
    t = kid(tg, "Target")
    fac = float(t.get("rescaleFactor", "1"))
    con = float(t.get("rescaleConstant", "0"))
    if f32.on:
        return f32.r(f32.r(value * f32.r(fac)) + f32.r(con))
    v = value * fac + con
    if t.get("castInteger") == "round":
        v = float(math.floor(v + 0.5))
    return v


def outputs(model, res, rec, doc):
    """name -> value for every OutputField of 'model' (isFinalResult ignored here)."""
    out = {}
    o = kid(model, "Output")
    if o is None:
        return out
    for of in kids(o, "OutputField"):
        feat = of.get("feature", "predictedValue")
        name = of.get("name")
        if feat == "predictedValue":
            v = res.value
        elif feat == "probability":
            if res.value is None or res.probs is None:
                v = None
            elif of.get("value") is None:
                v = res.probs.get(str(res.value))
            else:
                v = res.probs.get(of.get("value"), 0.0)
        elif feat in ("entityId", "clusterId"):
            v = res.entity
        elif feat == "affinity":
            v = res.affinity(of.get("value")) if callable(res.affinity) else res.affinity
        elif feat == "reasonCode":
            rank = int(of.get("rank", "1"))
            v = res.reasons[rank - 1] if res.reasons and len(res.reasons) >= rank else None
        elif feat == "transformedValue":
            r2 = Record(dict(out), doc, rec)
            v = expr([c for c in of if tag(c) != "Extension"][0], r2)
        elif feat in res.extra:
            v = res.extra[feat]
        else:
            raise NotImplementedError("OutputField feature " + feat)
        out[name] = v
    return out


def target_type(model, doc):
    t = target_of(model)
    if t is None or t not in doc.fields:
        return None
    return doc.fields[t].get("dataType")


def labels_of(model, doc):
    t = target_of(model)
    return [v.get("value") for v in kids(doc.fields[t], "Value")]


# ---------------------------------------------------------------- models


def eval_model(model, doc, rec):
    f32 = F32(model.get("x-mathContext") == "float")
    r = enter_model(model, doc, rec)
    t = tag(model)
    fn = {"TreeModel": eval_tree, "RegressionModel": eval_regression, "MiningModel": eval_mining}.get(t)
    if fn is None:
        fn = EXTRA_MODELS[t]
    res = fn(model, doc, r, f32)
    return res, r


def eval_tree(model, doc, rec, f32):
    strategy = model.get("missingValueStrategy", "none")
    notrue = model.get("noTrueChildStrategy", "returnNullPrediction")
    root = kid(model, "Node")
    pred_of = lambda n: [c for c in n if tag(c) not in ("Extension", "Node", "ScoreDistribution", "Partition")][0]
    if predicate(pred_of(root), rec, f32) is not True:
        return Result()
    node = root
    while True:
        children = kids(node, "Node")
        if not children:
            break
        chosen = None
        stop = False
        for c in children:
            r = predicate(pred_of(c), rec, f32)
            if r is None:
                if strategy == "none":
                    continue
                if strategy == "nullPrediction":
                    return Result()
                if strategy == "lastPrediction":
                    stop = True
                    break
                if strategy == "defaultChild":
                    dc = node.get("defaultChild")
                    chosen = [k for k in children if k.get("id") == dc][0]
                    break
                raise NotImplementedError(strategy)
            if r:
                chosen = c
                break
        if stop:
            break
        if chosen is None:
            if notrue == "returnLastPrediction":
                break
            return Result()
        node = chosen
    tt = target_type(model, doc)
    score = node.get("score")
    res = Result()
    if model.get("functionName") == "classification":
        res.value = score
        sds = kids(node, "ScoreDistribution")
        tot = sum(float(s.get("recordCount")) for s in sds)
        res.probs = {}
        for s in sds:
            p = s.get("probability")
            res.probs[s.get("value")] = float(p) if p is not None else float(s.get("recordCount")) / tot
    else:
        res.value = apply_targets(model, f32.r(float(score)), f32) if score is not None else None
    res.node = node
    res.entity = node.get("id")
    return res


def norm_probs(ys, method, f32):
    """Classification normalization of the RegressionModel (PMML 4.4 Regression)."""
    labels = list(ys)
    v = [ys[l] for l in labels]
    if method == "softmax":
        m = [math.exp(x) for x in v]
        s = sum(m)
        return {l: m[i] / s for i, l in enumerate(labels)}
    if method == "logit":
        if len(labels) == 2:
            p = 1.0 / (1.0 + math.exp(-v[0]))
            if f32.on:
                p = f32.r(1.0 / f32.r(1.0 + f32.r(np.exp(np.float32(-v[0])))))
            return {labels[0]: p, labels[1]: (f32.r(1.0 - p))}
        return {l: 1.0 / (1.0 + math.exp(-v[i])) for i, l in enumerate(labels)}
    if method == "simplemax":
        s = sum(v)
        return {l: v[i] / s for i, l in enumerate(labels)}
    if method == "none":
        if len(labels) == 2:
            return {labels[0]: v[0], labels[1]: 1.0 - v[0]}
        return dict(zip(labels, v))
    raise NotImplementedError(method)


def regression_table(t, rec, f32):
    y = float(t.get("intercept", "0"))
    for p in t:
        k = tag(p)
        if k == "NumericPredictor":
            x = rec.get(p.get("name"))
            if x is None:
                return None
            y += float(p.get("coefficient")) * (float(x) ** int(p.get("exponent", "1")))
        elif k == "CategoricalPredictor":
            x = rec.get(p.get("name"))
            if x is None:
                return None
            if str(x) == p.get("value"):
                y += float(p.get("coefficient"))
        elif k == "PredictorTerm":
            prod = float(p.get("coefficient"))
            for fr in kids(p, "FieldRef"):
                x = rec.get(fr.get("field"))
                if x is None:
                    return None
                prod *= float(x)
            y += prod
    return f32.r(y)


def eval_regression(model, doc, rec, f32):
    tables = kids(model, "RegressionTable")
    method = model.get("normalizationMethod", "none")
    if model.get("functionName") == "regression":
        y = regression_table(tables[0], rec, f32)
        if y is None:
            return Result()
        if method == "exp":
            y = math.exp(y)
        elif method == "logit":
            y = 1.0 / (1.0 + math.exp(-y))
        return Result(apply_targets(model, y, f32))
    ys = {}
    for t in tables:
        y = regression_table(t, rec, f32)
        if y is None:
            return Result()
        ys[t.get("targetCategory")] = y
    probs = norm_probs(ys, method, f32)
    best = max(probs, key=lambda l: probs[l])
    return Result(best, probs)


def eval_mining(model, doc, rec, f32):
    seg = kid(model, "Segmentation")
    method = seg.get("multipleModelMethod")
    func = model.get("functionName")
    results = []
    chain_rec = rec
    last = None
    for s in kids(seg, "Segment"):
        pr = [c for c in s if tag(c) not in ("Extension",) and not is_model(c)][0]
        if predicate(pr, chain_rec) is not True:
            continue
        m = [c for c in s if is_model(c)][0]
        res, mrec = eval_model(m, doc, chain_rec)
        w = float(s.get("weight", "1"))
        if method == "modelChain":
            outs = outputs(m, res, mrec, doc)
            tname = target_of(m)
            vals = dict(outs)
            chain_rec = Record(vals, doc, chain_rec)
            last = (m, res, mrec)
            continue
        if method == "selectFirst":
            return res
        results.append((res, w))
    if method == "modelChain":
        res = last[1]
        res.chain_model = last[0]
        res.chain_rec = last[2]
        return res
    if any(r.value is None for r, _ in results):
        return Result()
    if func == "regression":
        vals = [r.value for r, _ in results]
        if method == "sum":
            tot = 0.0
            for v in vals:
                tot = f32.r(tot + v)
            return Result(apply_targets(model, tot, f32))
        if method == "average":
            return Result(apply_targets(model, sum(vals) / len(vals), f32))
        if method == "weightedAverage":
            ws = [w for _, w in results]
            return Result(apply_targets(model, sum(v * w for v, w in zip(vals, ws)) / sum(ws), f32))
        if method == "median":
            return Result(float(np.median(vals)))
        raise NotImplementedError(method)
    labels = labels_of(model, doc)
    if method in ("average", "weightedAverage"):
        tw = sum(w for _, w in results)
        probs = {l: 0.0 for l in labels}
        for r, w in results:
            for l in labels:
                probs[l] += (r.probs.get(l, 0.0) * (w if method == "weightedAverage" else 1.0))
        for l in labels:
            probs[l] /= (tw if method == "weightedAverage" else len(results))
    elif method in ("majorityVote", "weightedMajorityVote"):
        probs = {l: 0.0 for l in labels}
        for r, w in results:
            probs[r.value] += (w if method == "weightedMajorityVote" else 1.0)
        tot = sum(probs.values())
        probs = {l: probs[l] / tot for l in labels}
    else:
        raise NotImplementedError(method)
    best = max(labels, key=lambda l: probs[l])
    return Result(best, probs)


EXTRA_MODELS = {}


def grm_eta(model, rec, category):
    """Linear predictor of a GeneralRegressionModel for one target category."""
    params = [p.get("name") for p in kids(kid(model, "ParameterList"), "Parameter")]
    factors = set(p.get("name") for p in kids(kid(model, "FactorList"), "Predictor")) \
        if kid(model, "FactorList") is not None else set()
    cells = {}
    for c in kids(kid(model, "PPMatrix"), "PPCell"):
        cells.setdefault(c.get("parameterName"), []).append(c)
    betas = {}
    for c in kids(kid(model, "ParamMatrix"), "PCell"):
        if category is None or c.get("targetCategory") in (None, category):
            betas[c.get("parameterName")] = float(c.get("beta"))
    eta = 0.0
    for p in params:
        if p not in betas:
            continue
        x = 1.0
        for c in cells.get(p, []):
            v = rec.get(c.get("predictorName"))
            if v is None:
                return None
            if c.get("predictorName") in factors:
                x *= 1.0 if str(v) == c.get("value") else 0.0
            else:
                x *= float(v) ** float(c.get("value"))
        eta += betas[p] * x
    off = model.get("offsetVariable")
    if off is not None:
        v = rec.get(off)
        if v is None:
            return None
        eta += v
    if model.get("offsetValue") is not None:
        eta += float(model.get("offsetValue"))
    return eta


def link_inverse(link, eta):
    if link == "identity":
        return eta
    if link == "log":
        return math.exp(eta)
    if link == "logit":
        return 1.0 / (1.0 + math.exp(-eta))
    raise NotImplementedError(link)


def eval_grm(model, doc, rec, f32):
    mtype = model.get("modelType")
    if model.get("functionName") == "regression":
        eta = grm_eta(model, rec, None)
        if eta is None:
            return Result()
        link = model.get("linkFunction", "identity") if mtype == "generalizedLinear" else "identity"
        return Result(apply_targets(model, link_inverse(link, eta), f32))
    labels = labels_of(model, doc)
    ref = model.get("targetReferenceCategory")
    others = [l for l in labels if l != ref]
    if mtype == "multinomialLogistic":
        etas = {}
        for l in others:
            e = grm_eta(model, rec, l)
            if e is None:
                return Result()
            etas[l] = e
        den = 1.0 + sum(math.exp(e) for e in etas.values())
        probs = {l: math.exp(etas[l]) / den for l in others}
        probs[ref] = 1.0 / den
    elif mtype == "generalizedLinear":
        assert len(others) == 1
        eta = grm_eta(model, rec, others[0])
        if eta is None:
            return Result()
        p = link_inverse(model.get("linkFunction"), eta)
        probs = {others[0]: p, ref: 1.0 - p}
    else:
        raise NotImplementedError(mtype)
    best = max(labels, key=lambda l: probs[l])
    return Result(best, probs)


EXTRA_MODELS["GeneralRegressionModel"] = eval_grm


def activation(fn, z, model):
    if fn == "identity":
        return z
    if fn == "logistic":
        return 1.0 / (1.0 + math.exp(-z))
    if fn == "tanh":
        return math.tanh(z)
    if fn == "rectifier":
        return max(0.0, z)
    if fn == "exponential":
        return math.exp(z)
    raise NotImplementedError(fn)


def eval_nn(model, doc, rec, f32):
    vals = {}
    for ni in kids(kid(model, "NeuralInputs"), "NeuralInput"):
        df = kid(ni, "DerivedField")
        v = expr([c for c in df if tag(c) != "Extension"][0], rec)
        if v is None:
            return Result()
        vals[ni.get("id")] = float(v)
    for layer in kids(model, "NeuralLayer"):
        act = layer.get("activationFunction", model.get("activationFunction"))
        norm = layer.get("normalizationMethod", "none")
        out = {}
        for n in kids(layer, "Neuron"):
            z = float(n.get("bias", "0"))
            for c in kids(n, "Con"):
                z += float(c.get("weight")) * vals[c.get("from")]
            out[n.get("id")] = activation(act, z, model)
        if norm == "softmax":
            m = {k: math.exp(v) for k, v in out.items()}
            t = sum(m.values())
            out = {k: v / t for k, v in m.items()}
        elif norm != "none":
            raise NotImplementedError(norm)
        vals.update(out)
    outs = kids(kid(model, "NeuralOutputs"), "NeuralOutput")
    if model.get("functionName") == "classification":
        probs = {}
        for o in outs:
            nd = kid(kid(o, "DerivedField"), "NormDiscrete")
            probs[nd.get("value")] = vals[o.get("outputNeuron")]
        labels = labels_of(model, doc)
        best = max(labels, key=lambda l: probs[l])
        return Result(best, probs)
    o = outs[0]
    v = vals[o.get("outputNeuron")]
    e = [c for c in kid(o, "DerivedField") if tag(c) != "Extension"][0]
    if tag(e) == "NormContinuous":
        pts = [(float(p.get("orig")), float(p.get("norm"))) for p in kids(e, "LinearNorm")]
        (a, an), (b, bn) = pts[0], pts[-1]
        v = a + (v - an) * (b - a) / (bn - an)
    return Result(apply_targets(model, v, f32))


EXTRA_MODELS["NeuralNetwork"] = eval_nn


def svm_vectors(model):
    vd = kid(model, "VectorDictionary")
    fields = [f.get("field") for f in kids(kid(vd, "VectorFields"), "FieldRef")]
    vecs = {}
    for vi in kids(vd, "VectorInstance"):
        arr = kid(vi, "Array")
        if arr is not None:
            v = parse_array(arr)
        else:
            sp = kid(vi, "REAL-SparseArray")
            v = [0.0] * int(sp.get("n"))
            idx = [int(t) for t in (kid(sp, "Indices").text or "").split()]
            ent = [float(t) for t in (kid(sp, "REAL-Entries").text or "").split()]
            for i, e in zip(idx, ent):
                v[i - 1] = e
        vecs[vi.get("id")] = v
    return fields, vecs


def svm_kernel(model):
    for k in model:
        t = tag(k)
        if t == "LinearKernelType":
            return lambda x, y: sum(a * b for a, b in zip(x, y))
        if t == "PolynomialKernelType":
            g, c, d = float(k.get("gamma", "1")), float(k.get("coef0", "1")), float(k.get("degree", "1"))
            return lambda x, y: (g * sum(a * b for a, b in zip(x, y)) + c) ** d
        if t == "RadialBasisKernelType":
            g = float(k.get("gamma", "1"))
            return lambda x, y: math.exp(-g * sum((a - b) ** 2 for a, b in zip(x, y)))
        if t == "SigmoidKernelType":
            g, c = float(k.get("gamma", "1")), float(k.get("coef0", "1"))
            return lambda x, y: math.tanh(g * sum(a * b for a, b in zip(x, y)) + c)
    raise NotImplementedError("kernel")


def eval_svm(model, doc, rec, f32):
    fields, vecs = svm_vectors(model)
    x = [rec.get(f) for f in fields]
    if any(v is None for v in x):
        return Result()
    x = [float(v) for v in x]
    K = svm_kernel(model)
    thr = float(model.get("threshold", "0"))
    maxwins = model.get("maxWins", "false") == "true"
    machines = kids(model, "SupportVectorMachine")

    def f(m):
        ids = [s.get("vectorId") for s in kids(kid(m, "SupportVectors"), "SupportVector")]
        co = kid(m, "Coefficients")
        cs = [float(c.get("value")) for c in kids(co, "Coefficient")]
        return sum(c * K(x, vecs[i]) for c, i in zip(cs, ids)) + float(co.get("absoluteValue", "0"))

    if model.get("functionName") == "regression":
        return Result(apply_targets(model, f(machines[0]), f32))
    labels = labels_of(model, doc)
    votes = {l: 0 for l in labels}
    for m in machines:
        v = f(m)
        t = float(m.get("threshold", thr))
        first = (v > t) if maxwins else (v < t)
        votes[m.get("targetCategory") if first else m.get("alternateTargetCategory")] += 1
    best = max(labels, key=lambda l: votes[l])
    return Result(best, None)


EXTRA_MODELS["SupportVectorMachineModel"] = eval_svm


def eval_nb(model, doc, rec, f32):
    thr = float(model.get("threshold"))
    out = kid(model, "BayesOutput")
    prior = {t.get("value"): float(t.get("count")) for t in kids(kid(out, "TargetValueCounts"), "TargetValueCount")}
    L = dict(prior)
    for bi in kids(kid(model, "BayesInputs"), "BayesInput"):
        x = rec.get(bi.get("fieldName"))
        if x is None:
            continue                       # a missing input is skipped
        tvs = kid(bi, "TargetValueStats")
        if tvs is not None:
            for st in kids(tvs, "TargetValueStat"):
                g = kid(st, "GaussianDistribution")
                m, v = float(g.get("mean")), float(g.get("variance"))
                p = math.exp(-(float(x) - m) ** 2 / (2 * v)) / math.sqrt(2 * math.pi * v)
                L[st.get("value")] *= max(p, thr)
            continue
        tot = {c: 0.0 for c in prior}
        hit = None
        for pc in kids(bi, "PairCounts"):
            for t in kids(kid(pc, "TargetValueCounts"), "TargetValueCount"):
                tot[t.get("value")] += float(t.get("count"))
            if pc.get("value") == str(x):
                hit = {t.get("value"): float(t.get("count")) for t in kids(kid(pc, "TargetValueCounts"), "TargetValueCount")}
        if hit is None:
            continue
        for c in prior:
            n = hit.get(c, 0.0)
            L[c] *= (n / tot[c]) if n > 0 else thr
    s = sum(L.values())
    probs = {c: L[c] / s for c in L}
    labels = labels_of(model, doc)
    best = max(labels, key=lambda l: probs[l])
    return Result(best, probs)


EXTRA_MODELS["NaiveBayesModel"] = eval_nb


def measure(cm):
    m = [c for c in cm if tag(c) != "Extension"][0]
    t = tag(m)
    if t == "squaredEuclidean":
        return lambda x, c: sum((a - b) ** 2 for a, b in zip(x, c))
    if t == "euclidean":
        return lambda x, c: math.sqrt(sum((a - b) ** 2 for a, b in zip(x, c)))
    raise NotImplementedError(t)


def eval_clustering(model, doc, rec, f32):
    fields = [f.get("field") for f in kids(model, "ClusteringField")]
    x = [rec.get(f) for f in fields]
    if any(v is None for v in x):
        return Result()
    dist = measure(kid(model, "ComparisonMeasure"))
    ds = {}
    order = []
    for i, c in enumerate(kids(model, "Cluster")):
        cid = c.get("id", str(i + 1))
        ds[cid] = dist([float(v) for v in x], parse_array(kid(c, "Array")))
        order.append(cid)
    best = min(order, key=lambda c: ds[c])
    r = Result(best)
    r.entity = best
    r.affinity = lambda v: ds[v]
    return r


EXTRA_MODELS["ClusteringModel"] = eval_clustering


def eval_knn(model, doc, rec, f32):
    ti = kid(model, "TrainingInstances")
    colmap = {f.get("field"): f.get("column") for f in kids(kid(ti, "InstanceFields"), "InstanceField")}
    rows = [{tag(c): c.text for c in r} for r in kids(kid(ti, "InlineTable"), "row")]
    inputs = [i.get("field") for i in kids(kid(model, "KNNInputs"), "KNNInput")]
    x = [rec.get(f) for f in inputs]
    if any(v is None for v in x):
        return Result()
    dist = measure(kid(model, "ComparisonMeasure"))
    d = [(dist([float(v) for v in x], [float(r[colmap[f]]) for f in inputs]), i) for i, r in enumerate(rows)]
    d.sort()
    k = int(model.get("numberOfNeighbors"))
    near = [rows[i] for _, i in d[:k]]
    tcol = colmap[target_of(model)]
    if model.get("functionName") == "regression":
        assert model.get("continuousScoringMethod", "average") == "average"
        return Result(sum(float(r[tcol]) for r in near) / k)
    votes = {}
    for r in near:
        votes[r[tcol]] = votes.get(r[tcol], 0) + 1
    best = max(votes, key=lambda l: votes[l])
    return Result(best)


EXTRA_MODELS["NearestNeighborModel"] = eval_knn


def eval_scorecard(model, doc, rec, f32):
    score = float(model.get("initialScore", "0"))
    below = model.get("reasonCodeAlgorithm", "pointsBelow") == "pointsBelow"
    pts = {}
    order = []
    for ch in kids(kid(model, "Characteristics"), "Characteristic"):
        hit = None
        for a in kids(ch, "Attribute"):
            p = [c for c in a if tag(c) not in ("Extension", "ComplexPartialScore")][0]
            if predicate(p, rec) is True:
                hit = a
                break
        if hit is None:
            return Result()
        ps = float(hit.get("partialScore"))
        score += ps
        base = float(ch.get("baselineScore", model.get("baselineScore", "0")))
        code = hit.get("reasonCode", ch.get("reasonCode"))
        d = (base - ps) if below else (ps - base)
        if code not in pts:
            pts[code] = 0.0
            order.append(code)
        pts[code] += d
    ranked = sorted([c for c in order if pts[c] > 0], key=lambda c: -pts[c])
    r = Result(apply_targets(model, score, f32))
    r.reasons = ranked
    return r


EXTRA_MODELS["Scorecard"] = eval_scorecard


def rules_first_hit(container, rec):
    for r in container:
        t = tag(r)
        if t not in ("SimpleRule", "CompoundRule"):
            continue
        p = [c for c in r if tag(c) not in ("Extension", "SimpleRule", "CompoundRule", "ScoreDistribution")][0]
        if predicate(p, rec) is not True:
            continue
        if t == "SimpleRule":
            return r
        hit = rules_first_hit(r, rec)
        if hit is not None:
            return hit
    return None


def eval_ruleset(model, doc, rec, f32):
    rs = kid(model, "RuleSet")
    assert kid(rs, "RuleSelectionMethod").get("criterion") == "firstHit"
    hit = rules_first_hit(rs, rec)
    if hit is None:
        return Result(rs.get("defaultScore"))
    return Result(hit.get("score"))


EXTRA_MODELS["RuleSetModel"] = eval_ruleset


def eval_anomaly(model, doc, rec, f32):
    assert model.get("algorithmType") == "iforest"
    inner = [c for c in model if is_model(c)][0]
    res, _ = eval_model(inner, doc, rec)
    if res.value is None:
        return Result()
    n = float(model.get("sampleDataSize"))
    c = 2.0 * (math.log(n - 1.0) + 0.5772156649015329) - 2.0 * (n - 1.0) / n
    return Result(2.0 ** (-res.value / c))


EXTRA_MODELS["AnomalyDetectionModel"] = eval_anomaly


# ---------------------------------------------------------------- top level


def score(doc, row):
    vals = {name: doc.convert(name, row.get(name)) for name in doc.fields if name in row}
    for name in doc.fields:
        vals.setdefault(name, None)
    rec = Record(vals, doc)
    model = doc.model
    res, mrec = eval_model(model, doc, rec)
    out_model, out_rec = model, mrec
    while getattr(res, "chain_model", None) is not None:
        out_model, out_rec = res.chain_model, res.chain_rec
        res.chain_model = None
    cols = {}
    t = target_of(out_model)
    if t is not None:
        cols[t] = res.value
    cols.update(outputs(out_model, res, out_rec, doc))
    # a model chain's top-level Output (if any)
    if out_model is not model:
        cols.update(outputs(model, res, mrec, doc))
    return cols


def read_csv(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        hdr = next(r)
        return hdr, [dict(zip(hdr, row)) for row in r]


def ulps32(a, b):
    a32, b32 = np.float32(a), np.float32(b)
    ia = np.frombuffer(a32.tobytes(), dtype=np.int32)[0]
    ib = np.frombuffer(b32.tobytes(), dtype=np.int32)[0]
    ia = ia if ia >= 0 else -2147483648 - ia
    ib = ib if ib >= 0 else -2147483648 - ib
    return abs(int(ia) - int(ib))


def parse_compare(d):
    opts = {"rel": 1e-13, "zero": 1e-13, "ulps32": None, "columns": None}
    p = os.path.join(d, "compare")
    if os.path.exists(p):
        toks = re.findall(r"'[^']*'|\S+", open(p).read())
        toks = [t.strip("'") for t in toks]
        i = 0
        while i < len(toks):
            k = toks[i].lstrip("-")
            if k == "columns":
                opts["columns"] = toks[i + 1]
            elif k == "ulps32":
                opts["ulps32"] = int(toks[i + 1])
            else:
                opts[k] = float(toks[i + 1])
            i += 2
    return opts


def same(exp, got, opts):
    if exp in ("", "NA", "N/A"):
        return got is None
    if got is None:
        return False
    if isinstance(got, bool):
        return exp.lower() == ("true" if got else "false")
    try:
        e = float(exp)
        g = float(got)
    except (TypeError, ValueError):
        return str(exp) == str(got)
    if isinstance(got, str):
        try:
            g = float(got)
        except ValueError:
            return False
    if opts["ulps32"] is not None:
        return ulps32(e, g) <= opts["ulps32"]
    z, rel = opts["zero"], opts["rel"]
    if abs(e) <= z and abs(g) <= z:
        return True
    lo, hi = sorted((e * (1 - rel), e * (1 + rel)))
    return lo <= g <= hi


def check_case(d):
    doc = Doc(os.path.join(d, "model.pmml"))
    _, rows = read_csv(os.path.join(d, "input.csv"))
    ehdr, erows = read_csv(os.path.join(d, "expected.csv"))
    opts = parse_compare(d)
    cols = ehdr
    if opts["columns"]:
        items = opts["columns"].split("|")
        drop = [c[1:] for c in items if c.startswith("!")]
        keep = [c for c in items if not c.startswith("!") and c != "*"]
        cols = [c for c in (keep or ehdr) if c not in drop]
    if len(rows) != len(erows):
        return ["row count %d vs %d" % (len(rows), len(erows))]
    bad = []
    for i, (row, exp) in enumerate(zip(rows, erows)):
        got = score(doc, row)
        for c in cols:
            if c not in got:
                bad.append("row %d: column %s not produced" % (i + 1, c))
                continue
            if not same(exp[c], got[c], opts):
                bad.append("row %d, %s: expected %s, PMML gives %r" % (i + 1, c, exp[c], got[c]))
    return bad


def main(argv):
    dirs = argv[1:]
    if not dirs:
        for fam in sorted(os.listdir(CORPUS)):
            if not os.path.isdir(os.path.join(CORPUS, fam)):
                continue
            for case in sorted(os.listdir(os.path.join(CORPUS, fam))):
                if os.path.isfile(os.path.join(CORPUS, fam, case, "model.pmml")):
                    dirs.append(os.path.join(CORPUS, fam, case))
    failed = 0
    for d in dirs:
        name = os.path.relpath(d, CORPUS)
        try:
            bad = check_case(d)
        except Exception as e:  # a crash of the checker is a failure too
            import traceback
            traceback.print_exc()
            bad = ["checker error: %r" % e]
        if bad:
            failed += 1
            print("FAIL %s: %s (%d cells)" % (name, bad[0], len(bad)))
        else:
            print("ok   %s" % name)
    print("%d passed, %d failed" % (len(dirs) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
