#!/usr/bin/python3
"""gen_codegen_glmnn.py: the GeneralRegressionModel and NeuralNetwork
documents of testdata/codegen (glm_*, nn_*).

Hand-made PMML for what the corpus misses: every linkFunction (with
offsets and trials), cumulative links of ordinal models, multinomial and
binary classification, contrast matrices, Cox regression with and without
strata; every activation function (radialBasis too), softmax and
simplemax, sparse connections, NeuralInputs with derived fields, outputs
by NormContinuous or FieldRef. No expected outputs: tests/codegen.sh
demands that the generated program prints what `pmmlc score` prints.

Usage: tests/gen/gen_codegen_glmnn.py [OUTDIR]   (default: testdata/codegen)
Deterministic: no randomness, no dates.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_codegen import HEAD, write  # noqa: E402

# ---------------------------------------------------------------------------
# GeneralRegressionModel

GDD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="z" optype="continuous" dataType="double"/>
    <DataField name="n" optype="continuous" dataType="double"/>
    <DataField name="off" optype="continuous" dataType="double"/>
    <DataField name="t" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
    </DataField>
    <DataField name="s" optype="categorical" dataType="string"/>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="k" optype="ordinal" dataType="string">
      <Value value="lo"/><Value value="mid"/><Value value="hi"/>
    </DataField>
    <DataField name="b" optype="categorical" dataType="string">
      <Value value="no"/><Value value="yes"/>
    </DataField>
  </DataDictionary>
"""

GIN = ["x,z,n,off,t,c,s\n"
       "1,2,3,0.5,4,a,A\n"
       "0,0,1,0,0,b,B\n"
       "-1.5,0.25,10,-0.5,9,c,A\n"
       "2,-3,2,1,12,a,B\n"
       ",1,1,0,1,a,A\n"
       "1,,1,0,1,b,A\n"
       "1,1,,,1,c,C\n"
       "0.5,0.5,4,0.1,2,,A\n"
       "1e3,-1e3,1,0,5,b,\n",
       "x,z,n,off,t,c,s\n"
       "0.1,0.2,1,0,1,a,A\n"
       "0.7,-0.2,2,0.3,2.5,b,B\n"
       "-0.3,1.2,3,-0.2,8,c,A\n",
       # Records that fail: the batch stops there.
       "x,z,n,off,t,c,s\n"
       "0.1,0.2,1,0,1,a,A\n"
       "abc,1,1,0,5,a,A\n",
       "x,z,n,off,t,c,s\n"
       "3,4,5,6,7,z,A\n",
       # Cox: before the first event time nothing is read, but the invalid
       # c still fails the record (returnInvalid, as JPMML does).
       "x,z,n,off,t,c,s\n"
       "1,1,1,0,1,zz,A\n"]


def ms(target, fields):
    s = '    <MiningSchema>\n'
    if target:
        s += '      <MiningField name="%s" usageType="target"/>\n' % target
    for f in fields:
        s += '      <MiningField name="%s"/>\n' % f
    return s + '    </MiningSchema>\n'


def params(n, refs=None):
    s = '    <ParameterList>\n'
    for i in range(n):
        r = ' referencePoint="%s"' % refs[i] if refs else ''
        s += '      <Parameter name="p%d" label="p%d"%s/>\n' % (i, i, r)
    return s + '    </ParameterList>\n'


def ppmatrix(cells):
    """cells: (value, predictor, parameter[, targetCategory])"""
    s = '    <PPMatrix>\n'
    for c in cells:
        tc = ' targetCategory="%s"' % c[3] if len(c) > 3 else ''
        s += ('      <PPCell value="%s" predictorName="%s" '
              'parameterName="%s"%s/>\n' % (c[0], c[1], c[2], tc))
    return s + '    </PPMatrix>\n'


def parammatrix(cells):
    """cells: (parameter, beta[, targetCategory])"""
    s = '    <ParamMatrix>\n'
    for c in cells:
        tc = ' targetCategory="%s"' % c[2] if len(c) > 2 else ''
        s += '      <PCell parameterName="%s" beta="%s"%s/>\n' % (c[0], c[1],
                                                                   tc)
    return s + '    </ParamMatrix>\n'


FACTORS = ('    <FactorList><Predictor name="c"/></FactorList>\n'
           '    <CovariateList><Predictor name="x"/><Predictor name="z"/>'
           '</CovariateList>\n')
# p0 intercept, p1 [c == a], p2 [c == b] * x, p3 x^2, p4 x * z
CELLS = [("a", "c", "p1"), ("b", "c", "p2"), ("1", "x", "p2"),
         ("2", "x", "p3"), ("1", "x", "p4"), ("1", "z", "p4")]


def glm_outputs(cls=None):
    s = '    <Output>\n'
    s += '      <OutputField name="pred" feature="predictedValue"/>\n'
    for k in cls or []:
        s += ('      <OutputField name="p_%s" feature="probability" '
              'value="%s"/>\n' % (k, k))
    s += ('      <OutputField name="twice" feature="transformedValue">'
          '<Apply function="*"><FieldRef field="pred"/>'
          '<Constant>2</Constant></Apply></OutputField>\n') if not cls else ''
    return s + '    </Output>\n'


def glm_links(outdir):
    links = [("identity", ''), ("log", ' offsetVariable="off"'),
             ("logit", ' distribution="binomial" trialsVariable="n"'),
             ("probit", ' offsetValue="0.25"'),
             ("cloglog", ' trialsValue="3" distribution="binomial"'),
             ("loglog", ''), ("logc", ''), ("cauchit", ''),
             ("negbin", ' distribution="negbin" distParameter="0.5"'),
             ("oddspower", ' linkParameter="0.5"'),
             ("oddspower", ' linkParameter="0"'),
             ("power", ' linkParameter="0.5"'),
             ("power", ' linkParameter="-1"'),
             ("power", ' linkParameter="0"')]
    for i, (link, extra) in enumerate(links):
        body = ('  <GeneralRegressionModel modelName="glm %s" '
                'modelType="generalizedLinear" functionName="regression" '
                'linkFunction="%s"%s>\n' % (link, link, extra))
        body += ms("y", ["x", "z", "c", "n", "off"])
        body += glm_outputs()
        body += params(5) + FACTORS + ppmatrix(CELLS)
        body += parammatrix([("p0", "0.1"), ("p1", "0.2"), ("p2", "-0.3"),
                             ("p3", "0.05"), ("p4", "0.125")])
        body += '  </GeneralRegressionModel>\n'
        write(outdir, "glm_link_%02d_%s" % (i, link),
              HEAD + GDD + body + '</PMML>\n', GIN)


def glm_linear(outdir):
    # regression / generalLinear with a contrast matrix on c (rows a, b, c)
    # and Targets rescaling.
    for mt in ["regression", "generalLinear"]:
        body = ('  <GeneralRegressionModel modelType="%s" '
                'functionName="regression">\n' % mt)
        body += ms("y", ["x", "z", "c"])
        body += glm_outputs()
        body += ('    <Targets><Target field="y" rescaleFactor="2" '
                 'rescaleConstant="1"/></Targets>\n')
        body += params(4)
        body += ('    <FactorList><Predictor name="c" '
                 'contrastMatrixType="helmert"><Categories>'
                 '<Category value="a"/><Category value="b"/>'
                 '<Category value="c"/></Categories>'
                 '<Matrix nbRows="3" nbCols="3">'
                 '<Array n="3" type="real">-1 -1 0</Array>'
                 '<Array n="3" type="real">1 -1 0.5</Array>'
                 '<Array n="3" type="real">0 2 -0.25</Array>'
                 '</Matrix></Predictor></FactorList>\n'
                 '    <CovariateList><Predictor name="x"/>'
                 '<Predictor name="z"/></CovariateList>\n')
        body += ppmatrix([("a", "c", "p1"), ("b", "c", "p2"),
                          ("b", "c", "p3"), ("1", "x", "p3"),
                          ("0.5", "z", "p3")])
        body += parammatrix([("p0", "1.5"), ("p1", "0.75"), ("p2", "-2"),
                             ("p3", "0.3")])
        body += '  </GeneralRegressionModel>\n'
        write(outdir, "glm_contrast_%s" % mt, HEAD + GDD + body + '</PMML>\n',
              [GIN[0].replace("2,-3,2,1,12,a,B", "2,3,2,1,12,a,B")] + GIN[1:])


def glm_classes(outdir):
    # multinomialLogistic with a PPMatrix per category for one of them.
    body = ('  <GeneralRegressionModel modelType="multinomialLogistic" '
            'functionName="classification" '
            'targetReferenceCategory="hi">\n')
    body += ms("k", ["x", "z", "c"])
    body += glm_outputs(["lo", "mid", "hi"])
    body += params(5) + FACTORS
    body += ppmatrix(CELLS + [("1", "z", "p3", "mid")])
    body += parammatrix([("p0", "0.1", "lo"), ("p1", "0.2", "lo"),
                         ("p2", "-0.3", "lo"), ("p3", "0.05", "lo"),
                         ("p4", "0.125", "lo"), ("p0", "-0.4", "mid"),
                         ("p3", "0.7", "mid")])
    body += '  </GeneralRegressionModel>\n'
    write(outdir, "glm_multinomial", HEAD + GDD + body + '</PMML>\n', GIN)
    # ordinalMultinomial, every cumulative link, with an offset.
    for link in ["logit", "probit", "cloglog", "loglog", "cauchit"]:
        body = ('  <GeneralRegressionModel modelType="ordinalMultinomial" '
                'functionName="classification" cumulativeLink="%s" '
                'offsetVariable="off">\n' % link)
        body += ms("k", ["x", "z", "c", "off"])
        body += glm_outputs(["lo", "mid", "hi"])
        body += params(5) + FACTORS + ppmatrix(CELLS)
        body += parammatrix([("p0", "-0.5", "lo"), ("p0", "0.75", "mid"),
                             ("p1", "0.2"), ("p2", "-0.3"), ("p3", "0.05"),
                             ("p4", "0.125")])
        body += '  </GeneralRegressionModel>\n'
        write(outdir, "glm_ordinal_%s" % link,
              HEAD + GDD + body + '</PMML>\n', GIN)
    # generalizedLinear binary classification
    body = ('  <GeneralRegressionModel modelType="generalizedLinear" '
            'functionName="classification" linkFunction="logit" '
            'distribution="binomial" offsetValue="-0.25">\n')
    body += ms("b", ["x", "z", "c"])
    body += glm_outputs(["no", "yes"])
    body += params(5) + FACTORS + ppmatrix(CELLS)
    body += parammatrix([("p0", "0.1", "yes"), ("p1", "0.2", "yes"),
                         ("p2", "-0.3", "yes"), ("p3", "0.05", "yes"),
                         ("p4", "0.125", "yes")])
    body += '  </GeneralRegressionModel>\n'
    write(outdir, "glm_binary", HEAD + GDD + body + '</PMML>\n', GIN)


def glm_cox(outdir):
    tables = {
        "strata": ('    <BaseCumHazardTables>\n'
                   '      <BaselineStratum value="A" maxTime="10">'
                   '<BaselineCell time="2" cumHazard="0.1"/>'
                   '<BaselineCell time="5" cumHazard="0.3"/>'
                   '<BaselineCell time="8" cumHazard="0.6"/>'
                   '</BaselineStratum>\n'
                   '      <BaselineStratum value="B" maxTime="5">'
                   '<BaselineCell time="1" cumHazard="0.2"/>'
                   '</BaselineStratum>\n'
                   '    </BaseCumHazardTables>\n'),
        "plain": ('    <BaseCumHazardTables maxTime="9">'
                  '<BaselineCell time="1" cumHazard="0.05"/>'
                  '<BaselineCell time="3" cumHazard="0.25"/>'
                  '<BaselineCell time="6" cumHazard="0.5"/>'
                  '</BaseCumHazardTables>\n')}
    for name, tab in sorted(tables.items()):
        strata = ' baselineStrataVariable="s"' if name == "strata" else ''
        body = ('  <GeneralRegressionModel modelType="CoxRegression" '
                'functionName="regression" endTimeVariable="t"%s>\n' % strata)
        body += ms("y", ["x", "z", "c", "t"] + (["s"] if strata else []))
        body += ('    <Output><OutputField name="hazard" '
                 'feature="predictedValue"/>'
                 '<OutputField name="survival" feature="transformedValue">'
                 '<Apply function="exp"><Apply function="*">'
                 '<Constant>-1</Constant><FieldRef field="hazard"/></Apply>'
                 '</Apply></OutputField></Output>\n')
        body += params(5, ["0", "0", "0.5", "1", "-1"]) + FACTORS
        body += ppmatrix(CELLS)
        body += parammatrix([("p1", "0.2"), ("p2", "-0.3"), ("p3", "0.05"),
                             ("p4", "0.125")])
        body += tab + '  </GeneralRegressionModel>\n'
        write(outdir, "glm_cox_%s" % name, HEAD + GDD + body + '</PMML>\n',
              GIN)


# ---------------------------------------------------------------------------
# NeuralNetwork

NDD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="z" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
    </DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="k" optype="categorical" dataType="string">
      <Value value="lo"/><Value value="mid"/><Value value="hi"/>
    </DataField>
  </DataDictionary>
"""

NIN = ["x,z,c\n"
       "1,2,a\n"
       "0,0,b\n"
       "-1.5,0.25,c\n"
       "2,-3,a\n"
       "0.3,0.7,b\n"
       ",1,a\n"
       "1,,b\n"
       "1,1,\n"
       "1e3,-1e3,b\n",
       "x,z,c\n"
       "0.1,0.2,a\n"
       "0.7,-0.2,b\n"
       "-0.3,1.2,c\n",
       "x,z,c\n"
       "0.1,0.2,a\n"
       "abc,1,a\n",
       "x,z,c\n"
       "3,4,zz\n"]

# Inputs: x normalized, z as is, [c == a], [c == b] by NormDiscrete.
NINPUTS = """    <NeuralInputs numberOfInputs="4">
      <NeuralInput id="i0"><DerivedField optype="continuous" dataType="double"><NormContinuous field="x"><LinearNorm orig="-2" norm="-1"/><LinearNorm orig="0" norm="0"/><LinearNorm orig="4" norm="1"/></NormContinuous></DerivedField></NeuralInput>
      <NeuralInput id="i1"><DerivedField optype="continuous" dataType="double"><FieldRef field="z"/></DerivedField></NeuralInput>
      <NeuralInput id="i2"><DerivedField optype="continuous" dataType="double"><NormDiscrete field="c" value="a"/></DerivedField></NeuralInput>
      <NeuralInput id="i3"><DerivedField optype="continuous" dataType="double"><NormDiscrete field="c" value="b"/></DerivedField></NeuralInput>
    </NeuralInputs>
"""


def weight(i, j, k):
    """A deterministic weight in [-1, 1)."""
    return ((i * 7 + j * 13 + k * 5) % 17 - 8) / 8.0


def layer(li, n, prev, attrs="", sparse=False, extra=None):
    s = '    <NeuralLayer numberOfNeurons="%d"%s>\n' % (n, attrs)
    for j in range(n):
        s += '      <Neuron id="l%dn%d" bias="%s"%s>' % (
            li, j, weight(li, j, 3) / 2, extra(j) if extra else "")
        srcs = list(prev)
        if sparse:
            # Every other source, the last one first.
            srcs = srcs[j % 2::2][::-1] or srcs[:1]
        for k, p in enumerate(srcs):
            s += '<Con from="%s" weight="%s"/>' % (p, weight(li, j, k))
        s += '</Neuron>\n'
    return s + '    </NeuralLayer>\n', ["l%dn%d" % (li, j) for j in range(n)]


def nn_regression(outdir, name, acts, out="normcont", net_attrs="",
                  sparse=False):
    ins = ["i0", "i1", "i2", "i3"]
    body = ('  <NeuralNetwork modelName="%s" functionName="regression" '
            'activationFunction="identity"%s>\n' % (name, net_attrs))
    body += ms("y", ["x", "z", "c"])
    body += ('    <Output><OutputField name="pred" feature="predictedValue"/>'
             '</Output>\n')
    if out == "fieldref":
        body += ('    <Targets><Target field="y" rescaleFactor="10" '
                 'castInteger="round"/></Targets>\n')
    body += NINPUTS
    prev = ins
    for li, a in enumerate(acts):
        attrs = ' activationFunction="%s"' % a[0] + a[1]
        text, prev = layer(li, 3, prev, attrs, sparse and li == 0,
                           a[2] if len(a) > 2 else None)
        body += text
    text, prev = layer(len(acts), 1, prev, ' activationFunction="identity"')
    body += text
    if out == "normcont":
        o = ('<NormContinuous field="y"><LinearNorm orig="0" norm="0"/>'
             '<LinearNorm orig="10" norm="0.5"/>'
             '<LinearNorm orig="100" norm="1"/></NormContinuous>')
    else:
        o = '<FieldRef field="y"/>'
    body += ('    <NeuralOutputs numberOfOutputs="1"><NeuralOutput '
             'outputNeuron="%s"><DerivedField optype="continuous" '
             'dataType="double">%s</DerivedField></NeuralOutput>'
             '</NeuralOutputs>\n' % (prev[0], o))
    body += '  </NeuralNetwork>\n'
    write(outdir, name, HEAD + NDD + body + '</PMML>\n', NIN)


def nn_all(outdir):
    nn_regression(outdir, "nn_acts_1",
                  [("threshold", ' threshold="0.1"'), ("logistic", ''),
                   ("tanh", ''), ("identity", ''), ("exponential", '')])
    nn_regression(outdir, "nn_acts_2",
                  [("reciprocal", ''), ("square", ''), ("Gauss", ''),
                   ("sine", ''), ("cosine", '')], sparse=True)
    nn_regression(outdir, "nn_acts_3",
                  [("Elliott", ''), ("arctan", ''), ("rectifier", ''),
                   ("logistic", ' normalizationMethod="simplemax"')],
                  out="fieldref")
    nn_regression(outdir, "nn_radial",
                  [("radialBasis", ' width="1.5" altitude="0.8"',
                    lambda j: ' width="0.75"' if j == 1 else
                    (' altitude="1.25"' if j == 2 else "")),
                   ("radialBasis", ' width="2"')],
                  net_attrs=' altitude="1"')
    # Classification: softmax output layer, sparse hidden layer.
    ins = ["i0", "i1", "i2", "i3"]
    for norm in ["softmax", "simplemax", "none"]:
        body = ('  <NeuralNetwork functionName="classification" '
                'activationFunction="logistic" normalizationMethod="%s">\n'
                % norm)
        body += ms("k", ["x", "z", "c"])
        body += ('    <Output><OutputField name="pred" '
                 'feature="predictedValue"/>'
                 '<OutputField name="neuron" feature="entityId"/>'
                 '<OutputField name="p_lo" feature="probability" '
                 'value="lo"/><OutputField name="p_mid" '
                 'feature="probability" value="mid"/>'
                 '<OutputField name="p_hi" feature="probability" '
                 'value="hi"/></Output>\n')
        body += NINPUTS
        text, prev = layer(0, 4, ins, ' activationFunction="tanh"',
                           sparse=True)
        body += text
        text, prev = layer(1, 3, prev, "")
        body += text
        body += '    <NeuralOutputs numberOfOutputs="3">\n'
        for j, k in enumerate(["lo", "mid", "hi"]):
            body += ('      <NeuralOutput outputNeuron="%s"><DerivedField '
                     'optype="categorical" dataType="string"><NormDiscrete '
                     'field="k" value="%s"/></DerivedField></NeuralOutput>\n'
                     % (prev[(j + 1) % 3], k))
        body += '    </NeuralOutputs>\n  </NeuralNetwork>\n'
        write(outdir, "nn_class_%s" % norm, HEAD + NDD + body + '</PMML>\n',
              NIN)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "testdata/codegen"
    glm_links(outdir)
    glm_linear(outdir)
    glm_classes(outdir)
    glm_cox(outdir)
    nn_all(outdir)


if __name__ == "__main__":
    main()
