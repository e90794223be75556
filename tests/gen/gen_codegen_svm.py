#!/usr/bin/python3
"""gen_codegen_svm.py: the documents of testdata/codegen for the families
SupportVectorMachineModel (svm_*), NaiveBayesModel (nb_*), ClusteringModel
(clu_*) and NearestNeighborModel (knn_*).

Hand-made PMML touching every construct of those families that the
interpreter scores: every kernel, dense and sparse vectors, the
Coefficients representation, CategoricalPredictor coordinates,
one-against-one (thresholds, maxWins, ties) and one-against-all,
alternateBinaryTargetCategory; discrete and continuous (Gaussian, Poisson,
uniform) Naive Bayes inputs with DerivedFields; every comparison measure and
compare function, MissingValueWeights, CenterFields and every entity output
of clustering; every k-NN measure and scoring method with its outputs.
There are no expected outputs: tests/codegen.sh compiles each model with
`pmmlc compile --main` and demands that the program prints exactly what
`pmmlc score` prints for every input*.csv.

Usage: tests/gen/gen_codegen_svm.py [OUTDIR]   (default: testdata/codegen)
Deterministic: no randomness, no dates.
"""
import os
import sys

from gen_codegen import HEAD, write

# ---------------------------------------------------------------------------
# SupportVectorMachineModel

SVM_DD = """  <DataDictionary>
    <DataField name="x1" optype="continuous" dataType="double"/>
    <DataField name="x2" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="red"/><Value value="blue"/>
    </DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="k" optype="categorical" dataType="string">
      <Value value="a" displayValue="Alpha"/><Value value="b"/><Value value="c"/>
    </DataField>
  </DataDictionary>
"""

SVM_IN = ("x1,x2,c\n3,4,red\n2,4,blue\n1,1,\n0,0,red\n-2.5,0.5,blue\n"
          "1e3,-1e3,red\n,1,red\n1,,blue\nabc,1,red\n0.5,0.25,green\n"
          "2.5,1,red\n1.5,-0.5,blue\n")

SVM_DICT2 = """    <VectorDictionary numberOfVectors="3">
      <VectorFields numberOfFields="2"><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields>
      <VectorInstance id="v1"><Array n="2" type="real">1 0</Array></VectorInstance>
      <VectorInstance id="v2"><REAL-SparseArray n="2"><Indices>2</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray></VectorInstance>
      <VectorInstance id="v3"><REAL-SparseArray n="2"/></VectorInstance>
      <VectorInstance id="unused"><Array n="2" type="real">7 7</Array></VectorInstance>
    </VectorDictionary>
"""

SVM_MS_REG = """    <MiningSchema>
      <MiningField name="x1"/><MiningField name="x2"/><MiningField name="c"/>
      <MiningField name="y" usageType="target"/>
    </MiningSchema>
"""

SVM_MS_CLS = """    <MiningSchema>
      <MiningField name="x1" invalidValueTreatment="asMissing"/>
      <MiningField name="x2"/>
      <MiningField name="k" usageType="target"/>
    </MiningSchema>
    <Output>
      <OutputField name="pv" feature="predictedValue"/>
      <OutputField name="disp" feature="predictedDisplayValue"/>
      <OutputField name="pa" feature="probability" value="a"/>
      <OutputField name="pb" feature="probability" value="b"/>
      <OutputField name="pc" feature="probability" value="c"/>
      <OutputField name="pz" feature="probability" value="z"/>
      <OutputField name="p" feature="probability"/>
      <OutputField name="cf" feature="confidence"/>
    </Output>
"""

KERNELS = {
    "linear": '<LinearKernelType/>',
    "poly": '<PolynomialKernelType gamma="0.5" coef0="1" degree="2"/>',
    "poly_default": '<PolynomialKernelType/>',
    "rbf": '<RadialBasisKernelType gamma="0.5"/>',
    "sigmoid": '<SigmoidKernelType gamma="0.25" coef0="-0.5"/>',
}


def machine(attrs, svs, coefs, b):
    s = '    <SupportVectorMachine %s>\n' % attrs
    if svs is not None:
        s += '      <SupportVectors>%s</SupportVectors>\n' % "".join(
            '<SupportVector vectorId="%s"/>' % v for v in svs)
    s += '      <Coefficients absoluteValue="%s">%s</Coefficients>\n' % (
        b, "".join('<Coefficient value="%s"/>' % c for c in coefs))
    return s + '    </SupportVectorMachine>\n'


def svm_doc(attrs, ms, kernel, dictionary, machines):
    return (HEAD + SVM_DD +
            '  <SupportVectorMachineModel %s>\n' % attrs + ms +
            '    %s\n' % kernel + dictionary + machines +
            '  </SupportVectorMachineModel>\n</PMML>\n')


def svms(outdir):
    for name, k in sorted(KERNELS.items()):
        write(outdir, "svm_reg_" + name,
              svm_doc('functionName="regression"', SVM_MS_REG, k, SVM_DICT2,
                      machine("", ["v1", "v2", "v3"], ["2", "-1", "0.25"],
                              "0.5")),
              [SVM_IN])
    # svmRepresentation="Coefficients", and CategoricalPredictor
    # coordinates (PMML 4.3) next to FieldRefs.
    catdict = """    <VectorDictionary>
      <VectorFields>
        <CategoricalPredictor name="c" value="red" coefficient="1.5"/>
        <FieldRef field="x1"/>
        <FieldRef field="x2"/>
      </VectorFields>
      <VectorInstance id="w1"><Array n="3" type="real">1 0 0</Array></VectorInstance>
      <VectorInstance id="w2"><Array n="3" type="real">0 1 0.5</Array></VectorInstance>
    </VectorDictionary>
"""
    write(outdir, "svm_coefficients",
          svm_doc('functionName="regression" svmRepresentation="Coefficients"',
                  SVM_MS_REG, KERNELS["linear"], catdict,
                  machine("", None, ["3", "-2", "0.125"], "1")),
          [SVM_IN])
    write(outdir, "svm_catpred",
          svm_doc('functionName="regression"', SVM_MS_REG, KERNELS["rbf"],
                  catdict,
                  machine("", ["w1", "w2"], ["3", "1"], "0.5")),
          [SVM_IN])
    # Classification over one vector u = (1, 0): f = a x1 + b.
    dict1 = """    <VectorDictionary>
      <VectorFields><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields>
      <VectorInstance id="u"><Array n="2" type="real">1 0</Array></VectorInstance>
    </VectorDictionary>
"""
    oao = (machine('targetCategory="a" alternateTargetCategory="b"', ["u"],
                   ["1"], "-1") +
           machine('targetCategory="a" alternateTargetCategory="c" '
                   'threshold="0.25"', ["u"], ["1"], "-2") +
           machine('targetCategory="b" alternateTargetCategory="c"', ["u"],
                   ["1"], "-3"))
    for name, attrs in [
            ("svm_ovo", 'classificationMethod="OneAgainstOne"'),
            ("svm_ovo_maxwins",
             'classificationMethod="OneAgainstOne" maxWins="true"'),
            ("svm_ovo_threshold",
             'classificationMethod="OneAgainstOne" threshold="1"'),
            ("svm_ovo_implicit", '')]:
        write(outdir, name,
              svm_doc('functionName="classification" ' + attrs, SVM_MS_CLS,
                      KERNELS["linear"], dict1, oao),
              [SVM_IN])
    # A tie of one vote each: the first class voted for wins.
    tie = (machine('targetCategory="b" alternateTargetCategory="c"', ["u"],
                   ["-1"], "1") +
           machine('targetCategory="a" alternateTargetCategory="b"', ["u"],
                   ["1"], "0") +
           machine('targetCategory="a" alternateTargetCategory="c"', ["u"],
                   ["1"], "-2"))
    write(outdir, "svm_ovo_tie",
          svm_doc('functionName="classification"', SVM_MS_CLS,
                  KERNELS["linear"], dict1, tie), [SVM_IN])
    ova = (machine('targetCategory="a"', ["u"], ["1"], "-1") +
           machine('targetCategory="b"', ["u"], ["-1"], "2") +
           machine('targetCategory="c"', ["u"], ["0"], "0.5"))
    for name, attrs in [
            ("svm_ova", 'classificationMethod="OneAgainstAll"'),
            ("svm_ova_maxwins",
             'classificationMethod="OneAgainstAll" maxWins="true"')]:
        write(outdir, name,
              svm_doc('functionName="classification" ' + attrs, SVM_MS_CLS,
                      KERNELS["poly"], dict1, ova),
              [SVM_IN])
    # alternateBinaryTargetCategory: f rounds to 1 (a) or 0 (b); other
    # values fail the record (the second input stops there).
    binary = machine('targetCategory="a"', ["u"], ["0.5"], "0")
    write(outdir, "svm_binary_alt",
          svm_doc('functionName="classification" '
                  'alternateBinaryTargetCategory="b"', SVM_MS_CLS,
                  KERNELS["linear"], dict1, binary),
          ["x1,x2\n2,0\n0,0\n1.2,0\n-0.4,1\n", "x1,x2\n2,0\n7,0\n0,0\n"])
    # A binary model with a threshold.
    write(outdir, "svm_binary",
          svm_doc('functionName="classification" threshold="0.5"',
                  SVM_MS_CLS, KERNELS["sigmoid"], dict1,
                  machine('targetCategory="c" alternateTargetCategory="a"',
                          ["u"], ["2"], "0.25")),
          [SVM_IN])


# ---------------------------------------------------------------------------
# NaiveBayesModel

NB_DD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="n" optype="continuous" dataType="integer"/>
    <DataField name="u" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="red"/><Value value="blue"/><Value value="green"/>
    </DataField>
    <DataField name="i" optype="categorical" dataType="integer"/>
    <DataField name="k" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
    </DataField>
  </DataDictionary>
"""


def tvc(counts):
    return ("<TargetValueCounts>" + "".join(
        '<TargetValueCount value="%s" count="%s"/>' % kv for kv in counts) +
            "</TargetValueCounts>")


def nb_doc(threshold, inputs, priors, extra_attrs=""):
    return (HEAD + NB_DD +
            '  <NaiveBayesModel functionName="classification" threshold="%s"'
            '%s>\n' % (threshold, extra_attrs) +
            """    <MiningSchema>
      <MiningField name="x"/><MiningField name="n"/><MiningField name="u"/>
      <MiningField name="c" invalidValueTreatment="asIs"/><MiningField name="i"/>
      <MiningField name="k" usageType="target"/>
    </MiningSchema>
    <Output>
      <OutputField name="pv" feature="predictedValue"/>
      <OutputField name="pa" feature="probability" value="a"/>
      <OutputField name="pb" feature="probability" value="b"/>
      <OutputField name="pc" feature="probability" value="c"/>
      <OutputField name="cf" feature="confidence"/>
    </Output>
    <BayesInputs>
""" + inputs + "    </BayesInputs>\n"
            '    <BayesOutput fieldName="k">%s</BayesOutput>\n' % tvc(priors) +
            "  </NaiveBayesModel>\n</PMML>\n")


NB_IN = ("x,n,u,c,i\n0,1,0.5,red,1\n2,3,1.5,blue,2\n-1,0,2.5,green,3\n"
         ",,,,\n1.5,7,0.1,purple,1\n100,2,0.9,red,\n0.25,-1,1,blue,2\n"
         "abc,1,0.5,red,1\n3,1,3,,9\n")


def nbs(outdir):
    stats = """      <BayesInput fieldName="x"><TargetValueStats>
        <TargetValueStat value="a"><GaussianDistribution mean="0" variance="1"/></TargetValueStat>
        <TargetValueStat value="b"><GaussianDistribution mean="2" variance="4"/></TargetValueStat>
        <TargetValueStat value="c"><GaussianDistribution mean="-1" variance="0.25"/></TargetValueStat>
      </TargetValueStats></BayesInput>
      <BayesInput fieldName="n"><TargetValueStats>
        <TargetValueStat value="a"><PoissonDistribution mean="1.5"/></TargetValueStat>
        <TargetValueStat value="b"><PoissonDistribution mean="3"/></TargetValueStat>
      </TargetValueStats></BayesInput>
      <BayesInput fieldName="u"><TargetValueStats>
        <TargetValueStat value="a"><UniformDistribution lower="0" upper="1"/></TargetValueStat>
        <TargetValueStat value="b"><UniformDistribution lower="0" upper="2"/></TargetValueStat>
        <TargetValueStat value="c"><UniformDistribution lower="1" upper="4"/></TargetValueStat>
      </TargetValueStats></BayesInput>
"""
    pairs = """      <BayesInput fieldName="c">
        <PairCounts value="red">%s</PairCounts>
        <PairCounts value="blue">%s</PairCounts>
        <PairCounts value="green">%s</PairCounts>
      </BayesInput>
""" % (tvc([("a", "2"), ("b", "0"), ("c", "1")]),
       tvc([("a", "1"), ("b", "1")]), tvc([("a", "0"), ("c", "4")]))
    # A BayesInput through a DerivedField (binned x), with a dataType.
    derived = """      <BayesInput fieldName="i">
        <DerivedField name="ibin" optype="categorical" dataType="string">
          <Discretize field="i">
            <DiscretizeBin binValue="low"><Interval closure="openClosed" rightMargin="1"/></DiscretizeBin>
            <DiscretizeBin binValue="high"><Interval closure="openOpen" leftMargin="1"/></DiscretizeBin>
          </Discretize>
        </DerivedField>
        <PairCounts value="low">%s</PairCounts>
        <PairCounts value="high">%s</PairCounts>
      </BayesInput>
      <BayesInput fieldName="x">
        <DerivedField name="xi" optype="categorical" dataType="integer">
          <Apply function="round"><FieldRef field="x"/></Apply>
        </DerivedField>
        <PairCounts value="0">%s</PairCounts>
        <PairCounts value="2">%s</PairCounts>
      </BayesInput>
""" % (tvc([("a", "3"), ("b", "1"), ("c", "2")]),
       tvc([("a", "1"), ("b", "5"), ("c", "2")]),
       tvc([("a", "4"), ("b", "1")]), tvc([("b", "2"), ("c", "3")]))
    priors = [("a", "10"), ("b", "6"), ("c", "4")]
    write(outdir, "nb_continuous", nb_doc("0.001", stats, priors), [NB_IN])
    write(outdir, "nb_discrete", nb_doc("0.01", pairs + derived, priors),
          [NB_IN])
    write(outdir, "nb_mixed",
          nb_doc("0", stats + pairs + derived, [("a", "10"), ("b", "6")]),
          [NB_IN])


# ---------------------------------------------------------------------------
# ClusteringModel

CLU_DD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
      <Value value="zz" property="invalid"/>
    </DataField>
    <DataField name="r" optype="continuous" dataType="double">
      <Interval closure="closedOpen" leftMargin="0" rightMargin="1"/>
      <Interval closure="closedOpen" leftMargin="1" rightMargin="5"/>
      <Interval closure="closedClosed" leftMargin="5" rightMargin="10"/>
    </DataField>
    <DataField name="b1" optype="categorical" dataType="integer"/>
    <DataField name="b2" optype="categorical" dataType="integer"/>
    <DataField name="b3" optype="categorical" dataType="integer"/>
    <DataField name="b4" optype="categorical" dataType="integer"/>
  </DataDictionary>
"""

CLU_OUT = """    <Output>
      <OutputField name="pv" feature="predictedValue"/>
      <OutputField name="disp" feature="predictedDisplayValue"/>
      <OutputField name="cid" feature="clusterId"/>
      <OutputField name="eid" feature="entityId"/>
      <OutputField name="aff" feature="affinity"/>
      <OutputField name="a2" feature="clusterAffinity" value="2"/>
      <OutputField name="ahigh" feature="affinity" value="high"/>
      <OutputField name="anone" feature="entityAffinity" value="nosuch"/>
      <OutputField name="ea" feature="entityAffinity"/>
      <OutputField name="second" feature="entityId" rank="2"/>
      <OutputField name="aff2" feature="affinity" rank="2"/>
      <OutputField name="third" feature="entityId" rank="3"/>
      <OutputField name="aff4" feature="affinity" rank="4"/>
    </Output>
"""

CLU_IN = ("x,y,c,r\n1,2,a,0.5\n3,3,b,2\n0,0,c,7\n,4,a,1\n2,,b,\n,,,\n"
          "-1.5,2.25,c,10\n1e5,-3,a,3\n4,1,b,5\n")


def clusters(outdir):
    four = """    <Cluster name="low" size="3"><Array n="%(n)d" type="%(t)s">%(c1)s</Array></Cluster>
    <Cluster id="2" name="high"><Array n="%(n)d" type="%(t)s">%(c2)s</Array></Cluster>
    <Cluster id="K3"><Array n="%(n)d" type="%(t)s">%(c3)s</Array></Cluster>
    <Cluster id="K4"><Array n="%(n)d" type="%(t)s">%(c4)s</Array></Cluster>
"""

    def doc(kind, metric, fields, cl, extra="", ms=None, fn=""):
        ms = ms or """    <MiningSchema>
      <MiningField name="x"/><MiningField name="y"/>
      <MiningField name="c" invalidValueTreatment="asIs"/>
      <MiningField name="r" invalidValueTreatment="asIs"/>
    </MiningSchema>
"""
        return (HEAD + CLU_DD +
                '  <ClusteringModel functionName="clustering" '
                'modelClass="centerBased" numberOfClusters="4"%s>\n' % fn +
                ms + CLU_OUT +
                '    <ComparisonMeasure kind="%s">%s</ComparisonMeasure>\n' %
                (kind, metric) + fields + extra + cl +
                '  </ClusteringModel>\n</PMML>\n')
    xy = ('    <ClusteringField field="x" fieldWeight="2"/>\n'
          '    <ClusteringField field="y"/>\n')
    cxy = four % dict(n=2, t="real", c1="0 0", c2="3 4", c3="-1 2",
                      c4="1 2")
    for name, metric in [("euclidean", "<euclidean/>"),
                         ("sqeuclidean", "<squaredEuclidean/>"),
                         ("cityblock", "<cityBlock/>"),
                         ("chebychev", "<chebychev/>"),
                         ("minkowski", '<minkowski p-parameter="3"/>')]:
        write(outdir, "clu_" + name, doc("distance", metric, xy, cxy),
              [CLU_IN])
    write(outdir, "clu_mvw",
          doc("distance", "<euclidean/>", xy, cxy,
              '    <MissingValueWeights><Array n="2" type="real">1 3</Array>'
              '</MissingValueWeights>\n'), [CLU_IN])
    # Every compare function; a similarity kind.
    mixed = ('    <ClusteringField field="x" compareFunction="gaussSim" '
             'similarityScale="2"/>\n'
             '    <ClusteringField field="y" fieldWeight="0.5"/>\n'
             '    <ClusteringField field="c" compareFunction="delta"/>\n'
             '    <ClusteringField field="x" isCenterField="false"/>\n')
    cmix = four % dict(n=3, t="string", c1="0 0 a", c2="3 4 b",
                       c3="-1 2 c", c4='1 2 "a"')
    write(outdir, "clu_compare", doc("distance", "<euclidean/>", mixed,
                                     cmix), [CLU_IN])
    write(outdir, "clu_compare_equal",
          doc("similarity", '<minkowski p-parameter="1.5"/>',
              mixed.replace('"delta"', '"equal"'), cmix), [CLU_IN])
    # Comparisons matrices: c by its Values, r by its Intervals.
    table = ('    <ClusteringField field="c" compareFunction="table">'
             '<Comparisons><Matrix nbRows="3" nbCols="3"><Array type="real">'
             '0 1 5</Array><Array type="real">1 0 2</Array>'
             '<Array type="real">5 2 0</Array></Matrix></Comparisons>'
             '</ClusteringField>\n'
             '    <ClusteringField field="r" compareFunction="table">'
             '<Comparisons><Matrix kind="symmetric"><Array type="real">0'
             '</Array><Array type="real">0.5 0</Array><Array type="real">'
             '3 1.5 0</Array></Matrix></Comparisons></ClusteringField>\n')
    ctab = four % dict(n=2, t="string", c1="a 0.5", c2="c 3",
                       c3="b 7", c4="a 5")
    write(outdir, "clu_table",
          doc("distance", "<cityBlock/>", table, ctab),
          [CLU_IN, "x,y,c,r\n0,0,a,1\n0,0,zz,1\n0,0,b,2\n",
           "x,y,c,r\n0,0,a,11\n"])
    # Binary similarities.
    bms = """    <MiningSchema>
      <MiningField name="b1"/><MiningField name="b2"/>
      <MiningField name="b3"/><MiningField name="b4"/>
    </MiningSchema>
"""
    bf = "".join('    <ClusteringField field="b%d"/>\n' % i
                 for i in range(1, 5))
    bcl = four % dict(n=4, t="int", c1="1 0 0 0", c2="1 1 1 1",
                      c3="0 0 0 0", c4="0 1 0 1")
    bin_in = ("b1,b2,b3,b4\n1,0,0,0\n1,1,0,0\n0,0,0,0\n1,1,1,1\n0,1,,1\n"
              "1,0,1,0\n", "b1,b2,b3,b4\n1,0,0,0\n2,0,0,0\n")
    for name, metric in [
            ("simplematching", "<simpleMatching/>"), ("jaccard", "<jaccard/>"),
            ("tanimoto", "<tanimoto/>"),
            ("binary", '<binarySimilarity c00-parameter="0" '
             'c01-parameter="0" c10-parameter="0" c11-parameter="1" '
             'd00-parameter="1" d01-parameter="1" d10-parameter="1" '
             'd11-parameter="1"/>')]:
        write(outdir, "clu_bin_" + name,
              doc("similarity", metric, bf, bcl, ms=bms), list(bin_in))
    # PMML 3.2: CenterFields are DerivedFields; the ClusteringFields give
    # their weights.
    d = doc("distance", "<squaredEuclidean/>",
            '    <ClusteringField field="x"/>\n'
            '    <ClusteringField field="y" fieldWeight="3"/>\n'
            '    <CenterFields><DerivedField name="cx" optype="continuous" '
            'dataType="double"><FieldRef field="x"/></DerivedField>'
            '<DerivedField name="cy" optype="continuous" dataType="double">'
            '<Apply function="*">'
            '<FieldRef field="y"/><Constant>2</Constant></Apply>'
            '</DerivedField></CenterFields>\n', cxy)
    d = d.replace('xmlns="http://www.dmg.org/PMML-4_4" version="4.4"',
                  'xmlns="http://www.dmg.org/PMML-3_2" version="3.2"')
    write(outdir, "clu_centerfields", d, [CLU_IN])
    # An integer target: the cluster ids as numbers.
    d = doc("distance", "<euclidean/>", xy,
            cxy.replace('id="K3"', 'id="3"').replace('id="K4"', 'id="4"'))
    d = d.replace('<DataField name="b4" optype="categorical" '
                  'dataType="integer"/>',
                  '<DataField name="b4" optype="categorical" '
                  'dataType="integer"/>\n    <DataField name="cl" '
                  'optype="categorical" dataType="integer"/>')
    d = d.replace('<MiningField name="r" invalidValueTreatment="asIs"/>',
                  '<MiningField name="r" invalidValueTreatment="asIs"/>'
                  '<MiningField name="cl" usageType="predicted"/>')
    write(outdir, "clu_int_target", d, [CLU_IN])


# ---------------------------------------------------------------------------
# NearestNeighborModel

KNN_DD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="z" optype="continuous" dataType="double"/>
    <DataField name="g" optype="categorical" dataType="string"/>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="cls" optype="categorical" dataType="string"/>
    <DataField name="b1" optype="categorical" dataType="integer"/>
    <DataField name="b2" optype="categorical" dataType="integer"/>
  </DataDictionary>
"""

KNN_ROWS = [("i1", "0", "0.5", "p", "10", "a", "1", "0"),
            ("i2", "1", "0", "q", "20", "b", "1", "1"),
            ("i3", "2", "1", "p", "30", "b", "0", "1"),
            ("i4", "4", "0", "q", "50", "a", "0", "0"),
            ("i5", "10", "-2", "p", "100", "c", "1", "1"),
            ("i6", "2", "1", "r", "35", "c", "0", "1"),
            ("i7", "-3", "2", "q", "5", "a", "1", "0")]

KNN_IN = ("x,z,g,b1,b2\n0,0,p,1,0\n1.5,0.5,q,1,1\n3,0,r,0,0\n,0,p,0,1\n"
          "2,,,1,1\n,,,,\n100,-100,s,0,0\n2,1,p,1,0\n-3,2,q,0,1\n")


def knn_doc(fn, attrs, target, inputs, measure, kind="distance", ms=None):
    rows = "".join(
        "<row><id>%s</id><cx>%s</cx><z>%s</z><g>%s</g><y>%s</y><cls>%s</cls>"
        "<b1>%s</b1><b2>%s</b2></row>" % r for r in KNN_ROWS)
    ms = ms or ('      <MiningField name="x"/><MiningField name="z"/>'
                '<MiningField name="g"/>\n')
    return (HEAD + KNN_DD +
            '  <NearestNeighborModel functionName="%s" %s>\n' % (fn, attrs) +
            '    <MiningSchema>\n' + ms +
            ('      <MiningField name="%s" usageType="target"/>\n' % target
             if target else '') +
            """    </MiningSchema>
    <Output>
      <OutputField name="pv" feature="predictedValue"/>
      <OutputField name="n1" feature="entityId"/>
      <OutputField name="n2" feature="entityId" rank="2"/>
      <OutputField name="n3" feature="entityId" rank="3"/>
      <OutputField name="n9" feature="entityId" rank="9"/>
      <OutputField name="aff1" feature="affinity"/>
      <OutputField name="aff3" feature="affinity" rank="3"/>
      <OutputField name="affi1" feature="affinity" value="i1"/>
      <OutputField name="affi5" feature="entityAffinity" value="i5"/>
      <OutputField name="affno" feature="entityAffinity" value="nosuch"/>
      <OutputField name="ea" feature="entityAffinity"/>
""" + ("""      <OutputField name="pa" feature="probability" value="a"/>
      <OutputField name="pb" feature="probability" value="b"/>
      <OutputField name="pc" feature="probability" value="c"/>
""" if target == "cls" else "") + """    </Output>
    <TrainingInstances><InstanceFields>
      <InstanceField field="id" column="id"/>
      <InstanceField field="x" column="cx"/>
      <InstanceField field="z"/><InstanceField field="g"/>
      <InstanceField field="y"/><InstanceField field="cls"/>
      <InstanceField field="b1"/><InstanceField field="b2"/>
    </InstanceFields><InlineTable>""" + rows + """</InlineTable>
    </TrainingInstances>
""" + '    <ComparisonMeasure kind="%s">%s</ComparisonMeasure>\n' % (
                kind, measure) +
            "    <KNNInputs>" + inputs + "</KNNInputs>\n"
            "  </NearestNeighborModel>\n</PMML>\n")


def knns(outdir):
    inputs = ('<KNNInput field="x" fieldWeight="2"/><KNNInput field="z"/>'
              '<KNNInput field="g" compareFunction="delta"/>')
    ident = 'instanceIdVariable="id"'
    for name, fn, attrs, target, metric in [
            ("knn_cls_majority", "classification",
             'numberOfNeighbors="3"', "cls", "<euclidean/>"),
            ("knn_cls_weighted", "classification",
             'numberOfNeighbors="4" categoricalScoringMethod='
             '"weightedMajorityVote" threshold="0.01"', "cls",
             "<cityBlock/>"),
            ("knn_cls_tie", "classification", 'numberOfNeighbors="2"', "cls",
             "<chebychev/>"),
            ("knn_reg_average", "regression", 'numberOfNeighbors="3"', "y",
             "<squaredEuclidean/>"),
            ("knn_reg_median", "regression",
             'numberOfNeighbors="4" continuousScoringMethod="median"', "y",
             '<minkowski p-parameter="1.5"/>'),
            ("knn_reg_median_odd", "regression",
             'numberOfNeighbors="3" continuousScoringMethod="median"', "y",
             "<euclidean/>"),
            ("knn_reg_weighted", "regression",
             'numberOfNeighbors="3" continuousScoringMethod='
             '"weightedAverage" threshold="0.5"', "y", "<euclidean/>"),
            ("knn_clustering", "clustering", 'numberOfNeighbors="2"', None,
             "<euclidean/>")]:
        write(outdir, name,
              knn_doc(fn, ident + " " + attrs, target, inputs, metric),
              [KNN_IN])
    # absDiff and equal with kind="similarity" (KNNInput has no
    # similarityScale: gaussSim is ClusteringField's).
    write(outdir, "knn_similarity",
          knn_doc("regression", ident + ' numberOfNeighbors="2"', "y",
                  '<KNNInput field="x" compareFunction="absDiff"/>'
                  '<KNNInput field="g" '
                  'compareFunction="equal"/>', "<cityBlock/>",
                  kind="similarity"), [KNN_IN])
    # Binary similarity over b1, b2 (no instanceIdVariable: ids 1, 2...).
    bms = '      <MiningField name="b1"/><MiningField name="b2"/>\n'
    for name, metric in [("jaccard", "<jaccard/>"),
                         ("tanimoto", "<tanimoto/>")]:
        write(outdir, "knn_bin_" + name,
              knn_doc("classification", 'numberOfNeighbors="3"', "cls",
                      '<KNNInput field="b1"/><KNNInput field="b2"/>', metric,
                      kind="similarity", ms=bms),
              [KNN_IN, "x,z,g,b1,b2\n0,0,p,1,0\n0,0,p,3,0\n"])


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata",
        "codegen")
    svms(outdir)
    nbs(outdir)
    clusters(outdir)
    knns(outdir)


if __name__ == "__main__":
    main()
