#!/usr/bin/python3
"""testdata/corpus/glm/*: R glm and nnet::multinom as GeneralRegressionModel.

gen_glm.R fits the models and dumps coef() and R's predict(); here each R
coefficient name ("(Intercept)", "temp", "siteB", "temp:siteB", "I(dose^2)")
becomes a Parameter with its PPMatrix cells (factor level or covariate
exponent), and the betas go into the ParamMatrix.
"""

import os
import re
import tempfile

from common import run_r, read_rcsv, fnum
from pmmlw import E, num, data_field, mining_schema, output_field, pmml, prob_outputs, write_case


def cells(term, factors):
    """PPCells (predictor, value) of an R coefficient name."""
    if term == "(Intercept)":
        return []
    out = []
    for part in term.split(":"):
        m = re.fullmatch(r"I\((\w+)\^(\d+)\)", part)
        if m:
            out.append((m.group(1), m.group(2)))
            continue
        for f in factors:
            if part.startswith(f) and part[len(f):]:
                out.append((f, part[len(f):]))
                break
        else:
            out.append((part, "1"))
    return out


def grm(coefs, factors, covariates, attrs, schema, output=None, lt=None, ref=None):
    terms = list(dict.fromkeys(r["term"] for r in coefs))
    pname = {t: "p%d" % i for i, t in enumerate(terms)}
    plist = E("ParameterList", None, [E("Parameter", {"name": pname[t], "label": t}) for t in terms])
    flist = E("FactorList", None, [E("Predictor", {"name": f}) for f in factors])
    clist = E("CovariateList", None, [E("Predictor", {"name": c}) for c in covariates])
    pp = []
    for t in terms:
        for pred, val in cells(t, factors):
            assert pred in factors or pred in covariates, (t, pred)
            pp.append(E("PPCell", {"value": val, "predictorName": pred, "parameterName": pname[t]}))
    pm = []
    for r in coefs:
        a = {}
        if r["category"]:
            a["targetCategory"] = r["category"]
        a.update({"parameterName": pname[r["term"]], "beta": num(float(r["coef"])), "df": "1"})
        pm.append(E("PCell", a))
    if ref is not None:
        attrs["targetReferenceCategory"] = ref
    return E("GeneralRegressionModel", attrs, schema, output, lt, plist,
             flist if factors else None, clist if covariates else None,
             E("PPMatrix", None, pp), E("ParamMatrix", None, pm))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        run_r("gen_glm.R", tmp)
        d = {k: (read_rcsv(os.path.join(tmp, k + "_coef.csv")), read_rcsv(os.path.join(tmp, k + "_pred.csv")))
             for k in ("gauss", "binom", "pois", "mnom")}

    coefs, pred = d["gauss"]
    fields = [data_field("temp", "continuous", "double"), data_field("wind", "continuous", "double"),
              data_field("site", "categorical", "string", ["A", "B", "C"]),
              data_field("load", "continuous", "double")]
    model = grm(coefs, ["site"], ["temp", "wind"],
                {"modelName": "glm_gaussian", "modelType": "generalizedLinear", "functionName": "regression",
                 "algorithmName": "R glm", "distribution": "normal", "linkFunction": "identity"},
                mining_schema("load", ["temp", "wind", "site"]))
    doc = pmml("R glm(load ~ temp + wind + site + temp:site, gaussian)", fields, model)
    write_case("glm", "r_glm_gaussian", doc, ["temp", "wind", "site"],
               [[fnum(r["temp"]), fnum(r["wind"]), r["site"]] for r in pred], ["load"],
               [[fnum(r[".pred"])] for r in pred], """
R glm(load ~ temp + wind + site + temp:site, family = gaussian) as GeneralRegressionModel
generalizedLinear, identity link: factor levels and a covariate-by-factor interaction (a parameter
with two PPCells). Made by tests/gen/gen_glm.R + gen_glm.py; expected = R predict(type="response").
""")

    coefs, pred = d["binom"]
    fields = [data_field("dose", "continuous", "double"), data_field("weight", "continuous", "double"),
              data_field("sex", "categorical", "string", ["female", "male"]),
              data_field("response", "categorical", "integer", ["0", "1"])]
    model = grm(coefs, ["sex"], ["dose", "weight"],
                {"modelName": "glm_binomial", "modelType": "generalizedLinear", "functionName": "classification",
                 "algorithmName": "R glm", "distribution": "binomial", "linkFunction": "logit"},
                mining_schema("response", ["dose", "weight", "sex"]),
                output=E("Output", None, *prob_outputs(["0", "1"])), ref="0")
    for pc in model.iter("PCell"):
        pc.attrib = dict([("targetCategory", "1")] + list(pc.attrib.items()))
    doc = pmml("R glm(response ~ dose + weight + sex + I(dose^2), binomial)", fields, model)
    out = []
    for r in pred:
        p = fnum(r[".pred"])
        out.append(["1" if p > 0.5 else "0", 1.0 - p, p])
    write_case("glm", "r_glm_binomial", doc, ["dose", "weight", "sex"],
               [[fnum(r["dose"]), fnum(r["weight"]), r["sex"]] for r in pred],
               ["response", "probability(0)", "probability(1)"], out, """
R glm(response ~ dose + weight + sex + I(dose^2), family = binomial) as GeneralRegressionModel
generalizedLinear classification, logit link, targetReferenceCategory="0" (PCells for "1");
I(dose^2) is a PPCell with value (exponent) 2. Made by tests/gen/gen_glm.R + gen_glm.py; expected
probability(1) = R predict(type="response"), probability(0) = 1 - that, class = 1 when p > 0.5.
""")

    coefs, pred = d["pois"]
    fields = [data_field("age", "continuous", "double"), data_field("exposure", "continuous", "double"),
              data_field("region", "categorical", "string", ["rural", "suburb", "urban"]),
              data_field("claims", "continuous", "double")]
    lt = E("LocalTransformations", None,
           E("DerivedField", {"name": "log_exposure", "optype": "continuous", "dataType": "double"},
             E("Apply", {"function": "ln"}, E("FieldRef", {"field": "exposure"}))))
    model = grm(coefs, ["region"], ["age"],
                {"modelName": "glm_poisson", "modelType": "generalizedLinear", "functionName": "regression",
                 "algorithmName": "R glm", "distribution": "poisson", "linkFunction": "log",
                 "offsetVariable": "log_exposure"},
                mining_schema("claims", ["age", "exposure", "region"]), lt=lt)
    doc = pmml("R glm(claims ~ age + region + offset(log(exposure)), poisson)", fields, model)
    write_case("glm", "r_glm_poisson", doc, ["age", "exposure", "region"],
               [[fnum(r["age"]), fnum(r["exposure"]), r["region"]] for r in pred], ["claims"],
               [[fnum(r[".pred"])] for r in pred], """
R glm(claims ~ age + region + offset(log(exposure)), family = poisson) as GeneralRegressionModel
generalizedLinear, log link, offsetVariable = a LocalTransformations DerivedField ln(exposure).
Made by tests/gen/gen_glm.R + gen_glm.py; expected = R predict(type="response") (offset included).
""")

    coefs, pred = d["mnom"]
    labels = ["bus", "car", "train"]
    fields = [data_field("x1", "continuous", "double"), data_field("x2", "continuous", "double"),
              data_field("kind", "categorical", "string", ["k1", "k2"]),
              data_field("mode", "categorical", "string", labels)]
    model = grm(coefs, ["kind"], ["x1", "x2"],
                {"modelName": "multinom", "modelType": "multinomialLogistic", "functionName": "classification",
                 "algorithmName": "R nnet::multinom"},
                mining_schema("mode", ["x1", "x2", "kind"]),
                output=E("Output", None, *prob_outputs(labels)), ref="bus")
    doc = pmml("R nnet::multinom(mode ~ x1 + x2 + kind)", fields, model)
    out = []
    for r in pred:
        ps = [fnum(r[".p_" + l]) for l in labels]
        out.append([labels[max(range(3), key=lambda k: ps[k])]] + ps)
    write_case("glm", "r_multinom", doc, ["x1", "x2", "kind"],
               [[fnum(r["x1"]), fnum(r["x2"]), r["kind"]] for r in pred],
               ["mode"] + ["probability(%s)" % l for l in labels], out, """
R nnet::multinom(mode ~ x1 + x2 + kind) (3 classes) as GeneralRegressionModel multinomialLogistic,
targetReferenceCategory="bus", PCells per non-reference class. Made by tests/gen/gen_glm.R +
gen_glm.py; expected = R predict(type="probs"), class = the most probable.
""")


if __name__ == "__main__":
    main()
