#!/usr/bin/python3
"""gen_codegen.py: the documents of testdata/codegen.

Hand-made PMML that touches every construct the interpreter scores (each
built-in function, every MiningField treatment, every output feature, every
TreeModel strategy, every RegressionModel normalization), with inputs that
go through the corners (missing, invalid, out of domain, NaN, infinities,
blanks, non-ASCII text). There are no expected outputs: tests/codegen.sh
compiles each model with `pmmlc compile --main` and demands that the
program prints exactly what `pmmlc score` prints for every input*.csv.

Usage: tests/gen/gen_codegen.py [OUTDIR]   (default: testdata/codegen)
Deterministic: no randomness, no dates.
"""
import os
import sys

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">\n'
        '  <Header description="pmmlc code generator test">'
        '<Application name="tests/gen/gen_codegen.py" version="1"/></Header>\n')


def write(outdir, name, model, inputs):
    d = os.path.join(outdir, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.pmml"), "w", encoding="utf-8") as f:
        f.write(model)
    for i, text in enumerate(inputs):
        fn = "input.csv" if i == 0 else "input%d.csv" % (i + 1)
        with open(os.path.join(d, fn), "w", encoding="utf-8") as f:
            f.write(text)


def apply(fn, *args, extra=' invalidValueTreatment="asIs"'):
    return '<Apply function="%s"%s>%s</Apply>' % (fn, extra, "".join(args))


def ref(f, extra=""):
    return '<FieldRef field="%s"%s/>' % (f, extra)


def const(v, dt=None):
    return '<Constant%s>%s</Constant>' % (
        ' dataType="%s"' % dt if dt else "", v)


# ---------------------------------------------------------------------------
# dataside: every expression and built-in function, as transformedValue
# outputs of a regression.

DD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double">
      <Interval closure="closedClosed" leftMargin="-100" rightMargin="100"/>
      <Value value="-999" property="missing"/>
    </DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="n" optype="continuous" dataType="integer"/>
    <DataField name="f" optype="continuous" dataType="float"/>
    <DataField name="s" optype="categorical" dataType="string">
      <Value value="red" displayValue="Red"/>
      <Value value="blue"/>
      <Value value="Gr\u00fcn"/>
      <Value value="bad" property="invalid"/>
      <Value value="?" property="missing"/>
    </DataField>
    <DataField name="t" optype="categorical" dataType="string"/>
    <DataField name="b" optype="categorical" dataType="boolean"/>
    <DataField name="d" optype="continuous" dataType="date"/>
    <DataField name="tm" optype="continuous" dataType="time"/>
    <DataField name="dtm" optype="continuous" dataType="dateTime"/>
    <DataField name="d60" optype="continuous" dataType="dateDaysSince[1960]"/>
    <DataField name="target" optype="continuous" dataType="double"/>
  </DataDictionary>
"""

TD = """  <TransformationDictionary>
    <DefineFunction name="lin" optype="continuous" dataType="double">
      <ParameterField name="a" dataType="double"/>
      <ParameterField name="k"/>
      <Apply function="+" invalidValueTreatment="asIs"><Apply function="*" invalidValueTreatment="asIs"><FieldRef field="a"/><FieldRef field="k"/></Apply><Constant>1</Constant></Apply>
    </DefineFunction>
    <DefineFunction name="label" optype="categorical" dataType="string">
      <ParameterField name="v" dataType="integer"/>
      <Apply function="concat"><Constant>#</Constant><FieldRef field="v"/></Apply>
    </DefineFunction>
    <DefineFunction name="twice" optype="continuous" dataType="integer">
      <ParameterField name="z"/>
      <Apply function="lin" invalidValueTreatment="asIs"><FieldRef field="z"/><Constant>2</Constant></Apply>
    </DefineFunction>
    <DerivedField name="xn" optype="continuous" dataType="double">
      <NormContinuous field="x" outliers="asExtremeValues">
        <LinearNorm orig="-10" norm="0"/><LinearNorm orig="0" norm="0.5"/>
        <LinearNorm orig="10" norm="1"/>
      </NormContinuous>
    </DerivedField>
    <DerivedField name="xn_miss" optype="continuous" dataType="double">
      <NormContinuous field="x" outliers="asMissingValues" mapMissingTo="-1">
        <LinearNorm orig="-10" norm="0"/><LinearNorm orig="10" norm="1"/>
      </NormContinuous>
    </DerivedField>
    <DerivedField name="xn_asis" optype="continuous" dataType="double">
      <NormContinuous field="x">
        <LinearNorm orig="-10" norm="0"/><LinearNorm orig="10" norm="1"/>
      </NormContinuous>
    </DerivedField>
    <DerivedField name="s_red" optype="continuous" dataType="double">
      <NormDiscrete field="s" value="red" mapMissingTo="0.5"/>
    </DerivedField>
    <DerivedField name="x_bin" optype="categorical" dataType="string">
      <Discretize field="x" mapMissingTo="none" defaultValue="other">
        <DiscretizeBin binValue="low"><Interval closure="openClosed" rightMargin="0"/></DiscretizeBin>
        <DiscretizeBin binValue="mid"><Interval closure="openOpen" leftMargin="0" rightMargin="5"/></DiscretizeBin>
        <DiscretizeBin binValue="high"><Interval closure="closedOpen" leftMargin="5" rightMargin="50"/></DiscretizeBin>
      </Discretize>
    </DerivedField>
    <DerivedField name="x_bin_n" optype="continuous" dataType="integer">
      <Discretize field="x" defaultValue="-1">
        <DiscretizeBin binValue="1"><Interval closure="closedClosed" leftMargin="-100" rightMargin="0"/></DiscretizeBin>
        <DiscretizeBin binValue="2"><Interval closure="openClosed" leftMargin="0" rightMargin="100"/></DiscretizeBin>
      </Discretize>
    </DerivedField>
    <DerivedField name="s_code" optype="continuous" dataType="integer">
      <MapValues outputColumn="code" mapMissingTo="-2" defaultValue="0">
        <FieldColumnPair field="s" column="color"/>
        <InlineTable>
          <row><color>red</color><code>1</code></row>
          <row><color>blue</color><code>2</code></row>
          <row><color>Gr\u00fcn</color><code>3</code></row>
        </InlineTable>
      </MapValues>
    </DerivedField>
    <DerivedField name="pair" optype="categorical" dataType="string">
      <MapValues outputColumn="out">
        <FieldColumnPair field="s" column="a"/>
        <FieldColumnPair field="n" column="b"/>
        <InlineTable>
          <row><a>red</a><b>1</b><out>red one</out></row>
          <row><a>red</a><b>2</b><out>red two</out></row>
          <row><a>blue</a><b>1</b><out>blue one</out></row>
        </InlineTable>
      </MapValues>
    </DerivedField>
  </TransformationDictionary>
"""

X, Y, N, F, S, T, B = (ref(v) for v in "xynfstb")
FNS = [
    # name, expression, dataType (None: undeclared)
    ("plus", apply("+", X, Y), "double"),
    ("minus", apply("-", X, N), None),
    ("times", apply("*", N, N), None),
    ("times_f", apply("*", F, const("3")), None),
    ("div", apply("/", X, Y), "double"),
    ("div_inv", apply("/", X, Y, extra=' invalidValueTreatment="asIs"'), None),
    ("div_miss", apply("/", X, Y, extra=' invalidValueTreatment="asMissing"'
                       ' defaultValue="42"'), None),
    ("min", apply("min", X, Y, N), None),
    ("max", apply("max", X, Y, N), None),
    ("sum", apply("sum", X, Y, N, F), None),
    ("avg", apply("avg", X, Y, N), None),
    ("median", apply("median", X, Y, N, F), None),
    ("median2", apply("median", X, Y), None),
    ("product", apply("product", X, Y, N), None),
    ("log10", apply("log10", X, extra=' invalidValueTreatment="asMissing"'),
     None),
    ("ln", apply("ln", Y, extra=' invalidValueTreatment="asIs"'), None),
    ("sqrt", apply("sqrt", X, extra=' invalidValueTreatment="asMissing"'),
     None),
    ("abs", apply("abs", N), None),
    ("exp", apply("exp", F), None),
    ("pow", apply("pow", X, const("3")), None),
    ("threshold", apply("threshold", X, Y), None),
    ("floor", apply("floor", X), None),
    ("ceil", apply("ceil", X), None),
    ("round", apply("round", X), None),
    ("modulo", apply("modulo", X, Y, extra=' invalidValueTreatment="asIs"'),
     None),
    ("expm1", apply("expm1", Y), None),
    ("hypot", apply("hypot", X, Y), None),
    ("ln1p", apply("ln1p", Y, extra=' invalidValueTreatment="asMissing"'),
     None),
    ("rint", apply("rint", X), None),
    ("sin", apply("sin", X), None),
    ("asin", apply("asin", Y, extra=' invalidValueTreatment="asIs"'), None),
    ("sinh", apply("sinh", Y), None),
    ("cos", apply("cos", X), None),
    ("acos", apply("acos", Y, extra=' invalidValueTreatment="asIs"'), None),
    ("cosh", apply("cosh", Y), None),
    ("tan", apply("tan", X), None),
    ("atan", apply("atan", X), None),
    ("tanh", apply("tanh", X), None),
    ("atan2", apply("x-atan2", X, Y), None),
    ("x_modulo", apply("x-modulo", N, const("3")), None),
    ("ncdf", apply("normalCDF", X, const("1"), const("2")), None),
    ("npdf", apply("normalPDF", X, const("1"), const("2")), None),
    ("sncdf", apply("stdNormalCDF", Y), None),
    ("snpdf", apply("stdNormalPDF", Y), None),
    ("erf", apply("erf", Y), None),
    ("nidf", apply("normalIDF", apply("/", apply("abs", Y), const("10")),
                   const("1"), const("2"),
                   extra=' invalidValueTreatment="asIs"'), None),
    ("snidf", apply("stdNormalIDF", apply("/", apply("abs", Y),
                                          const("10")),
                    extra=' invalidValueTreatment="asIs"'), None),
    ("ismissing", apply("isMissing", X), None),
    ("isnotmissing", apply("isNotMissing", S), None),
    ("isvalid", apply("isValid", ref("s")), None),
    ("isnotvalid", apply("isNotValid", ref("t")), None),
    ("equal", apply("equal", X, Y), None),
    ("notequal", apply("notEqual", S, const("red")), None),
    ("lt", apply("lessThan", X, Y), None),
    ("le", apply("lessOrEqual", N, const("2")), None),
    ("gt", apply("greaterThan", T, const("m")), None),
    ("ge", apply("greaterOrEqual", X, N), None),
    ("and", apply("and", B, apply("greaterThan", X, const("0"))), None),
    ("or", apply("or", B, apply("lessThan", Y, const("0")),
                 apply("isMissing", N)), None),
    ("not", apply("not", B), None),
    ("isin", apply("isIn", S, const("red"), const("blue")), None),
    ("isnotin", apply("isNotIn", N, const("1"), const("2"), const("3")),
     None),
    ("upper", apply("uppercase", T), None),
    ("lower", apply("lowercase", S), None),
    ("strlen", apply("stringLength", T), None),
    ("substr", apply("substring", T, const("2"), const("3")), None),
    ("trim", apply("trimBlanks", T), None),
    ("concat", apply("concat", S, const("-"), N, const("-"), X, B), None),
    ("fmt_f", apply("formatNumber", X, const("%8.3f")), None),
    ("fmt_e", apply("formatNumber", Y, const("%+.4e")), None),
    ("fmt_g", apply("formatNumber", X, const("[%-10.5g]")), None),
    ("fmt_d", apply("formatNumber", N, const("%05d items, 100%%")), None),
    ("fmt_x", apply("formatNumber", N, const("%#x")), None),
    ("fmt_s", apply("formatNumber", F, const("%s")), None),
    ("fmt_dt", apply("formatDatetime", ref("dtm"),
                     const("%Y-%m-%d %H:%M:%S %A %B %j %p")), None),
    ("fmt_d2", apply("formatDatetime", ref("d"), const("%d/%m/%y %a %b")),
     None),
    ("fmt_tm", apply("formatDatetime", ref("tm"), const("%I:%M %p")), None),
    ("days", apply("dateDaysSinceYear", ref("d"), const("1960")), None),
    ("secs", apply("dateSecondsSinceYear", ref("dtm"), const("2000")), None),
    ("midnight", apply("dateSecondsSinceMidnight", ref("dtm")), None),
    ("midnight2", apply("dateSecondsSinceMidnight", ref("tm")), None),
    ("d60_days", apply("dateDaysSinceYear", ref("d60"), const("1970")),
     None),
    ("if2", apply("if", apply("greaterThan", X, const("0")),
                  const("pos")), None),
    ("if3", apply("if", B, X, Y, extra=' mapMissingTo="nob"'), None),
    ("if_dflt", apply("if", apply("lessThan", X, const("0")), const("neg"),
                      ref("t"), extra=' defaultValue="dflt"'), None),
    ("lin", apply("lin", X, Y), None),
    ("label", apply("label", N), None),
    ("twice", apply("twice", F), None),
    ("mapmiss", apply("+", X, Y, extra=' mapMissingTo="-7"'), None),
    ("fr_miss", ref("y", ' mapMissingTo="99"'), None),
    ("xn", ref("xn"), None),
    ("xn_miss", ref("xn_miss"), None),
    ("xn_asis", ref("xn_asis"), None),
    ("s_red", ref("s_red"), None),
    ("x_bin", ref("x_bin"), None),
    ("x_bin_n", ref("x_bin_n"), None),
    ("s_code", ref("s_code"), None),
    ("pair", ref("pair"), None),
    ("x_str", ref("x"), "string"),
    ("n_float", ref("n"), "float"),
    ("y_int", ref("y"), "integer"),
    ("f_double", ref("f"), "double"),
    ("b_str", ref("b"), "string"),
    ("d_str", ref("d"), "string"),
    ("tm_str", ref("tm"), "string"),
    ("dtm_str", ref("dtm"), "string"),
    ("d60_str", ref("d60"), "string"),
    ("d_as_d60", ref("d"), "dateDaysSince[1960]"),
    ("dtm_as_date", ref("dtm"), "date"),
    ("const_d", const("2020-02-29", "date"), None),
    ("const_b", const("true", "boolean"), None),
    ("const_miss", '<Constant missing="true"/>', None),
    ("nested", apply("round", apply("*", apply("avg", X, Y, F),
                                    const("100"))), "integer"),
]


def dataside(outdir):
    outs = []
    for name, expr, dt in FNS:
        outs.append('      <OutputField name="o_%s" feature="transformedValue"%s>'
                    '%s</OutputField>' % (
                        name, ' dataType="%s"' % dt if dt else "", expr))
    model = (HEAD + DD + TD +
             '  <RegressionModel modelName="data side" '
             'functionName="regression">\n'
             '    <MiningSchema>\n'
             '      <MiningField name="target" usageType="target"/>\n'
             '      <MiningField name="x" missingValueReplacement="1.5" '
             'invalidValueTreatment="asMissing"/>\n'
             '      <MiningField name="y" outliers="asExtremeValues" '
             'lowValue="-5" highValue="5" invalidValueTreatment="asIs"/>\n'
             '      <MiningField name="n" invalidValueTreatment="asValue" '
             'invalidValueReplacement="7"/>\n'
             '      <MiningField name="f" invalidValueTreatment="asIs"/>\n'
             '      <MiningField name="s" invalidValueTreatment="asIs"/>\n'
             '      <MiningField name="t" invalidValueTreatment="asIs"/>\n'
             '      <MiningField name="b" invalidValueTreatment="asMissing"/>\n'
             '      <MiningField name="d" invalidValueTreatment="asMissing"/>\n'
             '      <MiningField name="tm" invalidValueTreatment="asMissing"/>\n'
             '      <MiningField name="dtm" invalidValueTreatment="asMissing"/>\n'
             '      <MiningField name="d60" invalidValueTreatment="asMissing"/>\n'
             '    </MiningSchema>\n'
             '    <Output>\n' + "\n".join(outs) + '\n    </Output>\n'
             '    <RegressionTable intercept="0.5">\n'
             '      <NumericPredictor name="x" coefficient="2"/>\n'
             '    </RegressionTable>\n'
             '  </RegressionModel>\n</PMML>\n')
    head = "x,y,n,f,s,t,b,d,tm,dtm,d60,target\n"
    rows = [
        "1.5,2.25,3,0.1,red,hello,true,2020-02-29,13:45:30,2021-03-04T05:06:07,0,",
        "-2,-0.5,-4,1e10,blue,  padded  ,false,1969-12-31,00:00:00,1970-01-01T00:00:00,-1,",
        "0,0,0,0,Gr\u00fcn,,1,1900-03-01,23:59:59.5,1999-12-31T23:59:59,365,",
        ",,,,,,,,,,,",
        "NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,",
        "-999,7,2,-0.0,?,M,0,0001-01-01,12:00,2000-02-29T12:00:00,2020-01-01,",
        "150,-7,10,NaN,purple,ZEBRA,TRUE,-0044-03-15,06:07,1600-01-01T00:00:00,-100000,",
        "1e-300,1e300,2147483647,3.4028235e38,red,\"a,b\",False,9999-12-31,10:11:12.25,2038-01-19T03:14:07,12.5,",
        " 3 ,inf,-5,-Infinity,blue,x\"y,1.0,2000-01-01,00:00:01,1970-01-01,1e5,",
        "9.5,-inf,100,1.17549435e-38,red,\u0391\u0392\u0393\u03b1,0.0,2004-02-29,18:30,2004-02-29T18:30:00,-0,",
        "0.1,0.2,-1,0.3,Gr\u00fcn,Stra\u00dfe,true,1970-01-01,00:00:00.125,1969-12-31T23:59:59.999,3,",
        "-0.5,4.99,4,2.5,red,a,true,2019-01-01,07:00,2019-01-01T07:00:00,1,",
        "5,5,5,5,blue,zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz,false,2012-12-12,12:12:12,2012-12-12T12:12:12,12,",
    ]
    bad = ("abc,1,1.5,1,bad,\u00e9t\u00e9,maybe,2021-02-30,25:00,notadate,x,\n"
           "1,xyz,1,1,red,a,true,2020-01-01,00:00,2020-01-01,1,\n")
    write(outdir, "dataside", model, [head + "\n".join(rows) + "\n",
                                      head + bad])


# ---------------------------------------------------------------------------
# trees: one document per missingValueStrategy (and both noTrueChild
# strategies), over every kind of predicate.

TREE_DD = """  <DataDictionary>
    <DataField name="a" optype="continuous" dataType="double"/>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="u" displayValue="You"/><Value value="v"/><Value value="w"/>
    </DataField>
    <DataField name="k" optype="continuous" dataType="integer"/>
    <DataField name="flag" optype="categorical" dataType="boolean"/>
    <DataField name="cls" optype="categorical" dataType="string">
      <Value value="yes" displayValue="Yes!"/><Value value="no"/><Value value="maybe"/>
    </DataField>
  </DataDictionary>
"""


def dist(y, n, m, conf=False):
    tot = y + n + m
    r = []
    for v, c in (("yes", y), ("no", n), ("maybe", m)):
        extra = ' confidence="%g"' % (c / tot * 0.9) if conf else ""
        r.append('<ScoreDistribution value="%s" recordCount="%d"%s/>'
                 % (v, c, extra))
    return "".join(r)


def tree_body(regression):
    def score(s, num):
        return num if regression else s

    def sd(y, n, m, conf=False):
        return "" if regression else dist(y, n, m, conf)
    return f"""    <Node id="root" score="{score('no', '10')}" recordCount="100" defaultChild="n2">
      <True/>{sd(30, 50, 20)}
      <Node id="n1" score="{score('yes', '20')}" recordCount="40" defaultChild="n11">
        <SimplePredicate field="a" operator="lessThan" value="5"/>{sd(25, 10, 5)}
        <Node id="n11" score="{score('yes', '21')}" recordCount="25">
          <SimpleSetPredicate field="c" booleanOperator="isIn"><Array n="2" type="string">u "v"</Array></SimpleSetPredicate>{sd(20, 3, 2, True)}
        </Node>
        <Node id="n12" score="{score('maybe', '22')}" recordCount="15">
          <SimpleSetPredicate field="c" booleanOperator="isNotIn"><Array n="2" type="string">u v</Array></SimpleSetPredicate>{sd(5, 4, 6)}
        </Node>
      </Node>
      <Node id="n2" score="{score('no', '30')}" recordCount="35" defaultChild="n22">
        <CompoundPredicate booleanOperator="surrogate">
          <SimplePredicate field="k" operator="greaterOrEqual" value="3"/>
          <SimplePredicate field="a" operator="greaterThan" value="7.5"/>
          <False/>
        </CompoundPredicate>{sd(2, 30, 3)}
        <Node id="n21" score="{score('no', '31')}" recordCount="20">
          <CompoundPredicate booleanOperator="and">
            <SimplePredicate field="flag" operator="equal" value="true"/>
            <SimplePredicate field="c" operator="notEqual" value="w"/>
          </CompoundPredicate>{sd(1, 18, 1)}
        </Node>
        <Node id="n22" score="{score('maybe', '32')}" recordCount="15">
          <CompoundPredicate booleanOperator="xor">
            <SimplePredicate field="flag" operator="isMissing"/>
            <SimplePredicate field="k" operator="lessOrEqual" value="10"/>
          </CompoundPredicate>{sd(1, 4, 10)}
        </Node>
      </Node>
      <Node id="n3" score="{score('maybe', '40')}" recordCount="25" defaultChild="n31">
        <CompoundPredicate booleanOperator="or">
          <SimplePredicate field="c" operator="equal" value="w"/>
          <SimplePredicate field="a" operator="isNotMissing"/>
        </CompoundPredicate>{sd(3, 7, 15)}
        <Node id="n31" recordCount="25">
          <SimplePredicate field="a" operator="greaterThan" value="100"/>{sd(0, 5, 20)}
        </Node>
      </Node>
    </Node>
"""


def trees(outdir):
    head = "a,c,k,flag,cls\n"
    rows = [
        "1,u,1,true,", "1,w,1,true,", "1,,1,true,", "6,u,3,true,",
        "6,w,3,true,", "6,u,5,false,", "8,u,1,,", "6,u,,,", ",u,,,",
        ",,,,", "200,w,20,false,", "150,v,,true,", "abc,u,2,true,",
        "6,v,1.5,yes,", "NaN,u,1,true,", "5,U,3,TRUE,", "-inf,v,0,0,",
        "7.5,w,2,1,",
    ]
    inp = head + "\n".join(rows) + "\n"
    strategies = ["lastPrediction", "nullPrediction", "defaultChild",
                  "weightedConfidence", "aggregateNodes", "none"]
    for st in strategies:
        for reg in (False, True):
            for ntc in ("returnNullPrediction", "returnLastPrediction"):
                if ntc == "returnLastPrediction" and st not in (
                        "none", "lastPrediction", "weightedConfidence"):
                    continue
                name = "tree_%s_%s%s" % (
                    st, "reg" if reg else "cls",
                    "_last" if ntc == "returnLastPrediction" else "")
                outputs = ['      <OutputField name="node" feature="entityId"/>',
                           '      <OutputField name="pred" '
                           'feature="predictedValue"/>']
                if not reg:
                    outputs += [
                        '      <OutputField name="disp" '
                        'feature="predictedDisplayValue"/>',
                        '      <OutputField name="p_yes" feature="probability"'
                        ' value="yes"/>',
                        '      <OutputField name="p_no" feature="probability"'
                        ' value="no" dataType="float"/>',
                        '      <OutputField name="p_pred" '
                        'feature="probability"/>',
                        '      <OutputField name="c_yes" feature="confidence"'
                        ' value="yes"/>',
                        '      <OutputField name="c_pred" '
                        'feature="confidence"/>',
                        '      <OutputField name="dec" feature="decision">'
                        '<Apply function="if"><Apply function="equal">'
                        '<FieldRef field="pred"/><Constant>yes</Constant>'
                        '</Apply><Constant>buy</Constant>'
                        '<Constant>wait</Constant></Apply></OutputField>']
                    targets = ('    <Targets><Target field="cls">'
                               '<TargetValue value="yes" priorProbability="0.2"/>'
                               '<TargetValue value="no" priorProbability="0.5" '
                               'displayValue="Nope"/>'
                               '<TargetValue value="maybe" priorProbability="0.3"/>'
                               '</Target></Targets>\n')
                else:
                    outputs += ['      <OutputField name="twice" '
                                'feature="transformedValue">'
                                '<Apply function="*"><FieldRef field="pred"/>'
                                '<Constant>2</Constant></Apply></OutputField>',
                                '      <OutputField name="disp" '
                                'feature="predictedDisplayValue"/>']
                    targets = ('    <Targets><Target field="cls" '
                               'rescaleFactor="0.5" rescaleConstant="1" '
                               'min="4" max="30" castInteger="round">'
                               '<TargetValue defaultValue="-1"/>'
                               '</Target></Targets>\n')
                dd = TREE_DD
                if reg:
                    dd = dd.replace(
                        '<DataField name="cls" optype="categorical" '
                        'dataType="string">\n      <Value value="yes" '
                        'displayValue="Yes!"/><Value value="no"/>'
                        '<Value value="maybe"/>\n    </DataField>',
                        '<DataField name="cls" optype="continuous" '
                        'dataType="double"/>')
                model = (HEAD + dd +
                         '  <TreeModel modelName="%s" functionName="%s" '
                         'missingValueStrategy="%s" noTrueChildStrategy="%s"'
                         ' missingValuePenalty="0.8">\n'
                         % (name, "regression" if reg else "classification",
                            st, ntc) +
                         '    <MiningSchema>\n'
                         '      <MiningField name="cls" usageType="target"/>\n'
                         '      <MiningField name="a" invalidValueTreatment='
                         '"asIs"/>\n'
                         '      <MiningField name="c" invalidValueTreatment='
                         '"asIs"/>\n'
                         '      <MiningField name="k" invalidValueTreatment='
                         '"asMissing"/>\n'
                         '      <MiningField name="flag" '
                         'invalidValueTreatment="asMissing"/>\n'
                         '    </MiningSchema>\n'
                         '    <Output>\n' + "\n".join(outputs) +
                         '\n    </Output>\n' + targets +
                         tree_body(reg) + '  </TreeModel>\n</PMML>\n')
                write(outdir, name, model, [inp])


# ---------------------------------------------------------------------------
# regressions: every normalizationMethod, binary, multinomial, ordinal.

REG_DD = """  <DataDictionary>
    <DataField name="x1" optype="continuous" dataType="double"/>
    <DataField name="x2" optype="continuous" dataType="double"/>
    <DataField name="g" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
    </DataField>
    <DataField name="y" optype="%s" dataType="string">
%s    </DataField>
  </DataDictionary>
"""


def table(cat, i0, c1, c2, ca, cb, term):
    return ('    <RegressionTable intercept="%s" targetCategory="%s">\n'
            '      <NumericPredictor name="x1" coefficient="%s"/>\n'
            '      <NumericPredictor name="x2" exponent="2" coefficient="%s"/>\n'
            '      <CategoricalPredictor name="g" value="a" coefficient="%s"/>\n'
            '      <CategoricalPredictor name="g" value="b" coefficient="%s"/>\n'
            '      <PredictorTerm coefficient="%s"><FieldRef field="x1"/>'
            '<FieldRef field="x2"/></PredictorTerm>\n'
            '    </RegressionTable>\n' % (i0, cat, c1, c2, ca, cb, term))


def regressions(outdir):
    head = "x1,x2,g,y\n"
    rows = ["0,0,a,", "1,0.5,b,", "-1,2,c,", "0.3,-0.7,a,", ",1,a,",
            "1,,b,", "1,1,,", "2.5,0.1,d,", "100,0,a,", "-100,0,b,",
            "1e-3,1e-3,c,", "0.1,0.2,b,"]
    inp = head + "\n".join(rows) + "\n"
    vals = "".join('      <Value value="%s"/>\n' % v for v in "LMH")
    outs = ('    <Output>\n'
            '      <OutputField name="pL" feature="probability" value="L"/>\n'
            '      <OutputField name="pM" feature="probability" value="M"/>\n'
            '      <OutputField name="pH" feature="probability" value="H"/>\n'
            '      <OutputField name="conf" feature="confidence"/>\n'
            '      <OutputField name="disp" feature="predictedDisplayValue"/>\n'
            '    </Output>\n')
    cases = []
    for norm in ("softmax", "simplemax", "none"):
        cases.append(("reg_multi_" + norm, norm, "categorical", 3))
    for norm in ("softmax", "logit", "probit", "cloglog", "loglog",
                 "cauchit", "none"):
        cases.append(("reg_binary_" + norm, norm, "categorical", 2))
    for norm in ("logit", "probit", "cloglog", "loglog", "cauchit", "none"):
        cases.append(("reg_ordinal_" + norm, norm, "ordinal", 3))
    for name, norm, op, ncat in list(cases):
        cases.append((name + "_float", norm, op, ncat))
    for name, norm, op, ncat in cases:
        flt = name.endswith("_float")
        cats = "LMH"[:ncat] if ncat == 3 else "LH"
        vs = "".join('      <Value value="%s"/>\n' % v for v in cats)
        tabs = [table("L", "0.2", "0.5", "-0.25", "0.1", "-0.3", "0.05"),
                table("M" if ncat == 3 else "H", "-0.1", "-0.4", "0.1",
                      "0", "0.2", "-0.02")]
        if ncat == 3:
            tabs.append('    <RegressionTable intercept="0" '
                        'targetCategory="H"/>\n')
        elif norm == "softmax":
            tabs[1] = ('    <RegressionTable intercept="0" '
                       'targetCategory="H"/>\n')
        model = (HEAD + REG_DD % (op, vs) +
                 '  <RegressionModel functionName="classification" '
                 'normalizationMethod="%s"%s>\n'
                 % (norm, ' x-mathContext="float"' if flt else "") +
                 '    <MiningSchema><MiningField name="y" usageType="target"/>'
                 '<MiningField name="x1"/><MiningField name="x2"/>'
                 '<MiningField name="g" invalidValueTreatment="asIs"/>'
                 '</MiningSchema>\n' + outs.replace(
                     '      <OutputField name="pM" feature="probability" '
                     'value="M"/>\n', "" if ncat == 2 else
                     '      <OutputField name="pM" feature="probability" '
                     'value="M"/>\n') +
                 "".join(tabs) + '  </RegressionModel>\n</PMML>\n')
        write(outdir, name, model, [inp])
    # regression normalizations and float math
    for norm in ("none", "exp", "logit", "softmax", "probit", "cloglog",
                 "loglog", "cauchit"):
        for flt in (False, True):

            name = "reg_value_%s%s" % (norm, "_float" if flt else "")
            model = (HEAD + (REG_DD % ("continuous", "")).replace(
                         'dataType="string">\n    </DataField>',
                         'dataType="double"/>') +
                     '  <RegressionModel functionName="regression" '
                     'normalizationMethod="%s"%s>\n'
                     % (norm, ' x-mathContext="float"' if flt else "") +
                     '    <MiningSchema><MiningField name="y" '
                     'usageType="target"/><MiningField name="x1"/>'
                     '<MiningField name="x2"/><MiningField name="g" '
                     'invalidValueTreatment="asIs"/></MiningSchema>\n'
                     '    <Output><OutputField name="p" '
                     'feature="predictedValue"/><OutputField name="txt" '
                     'feature="predictedDisplayValue"/></Output>\n'
                     '    <Targets><Target field="y" rescaleFactor="2" '
                     'rescaleConstant="0.5"/></Targets>\n' +
                     table("", "0.2", "0.5", "-0.25", "0.1", "-0.3", "0.05")
                     .replace(' targetCategory=""', '') +
                     '  </RegressionModel>\n</PMML>\n')
            write(outdir, name, model, [inp])


# ---------------------------------------------------------------------------
# errors: treatments that refuse records; each input stops at its own row.

def errors(outdir):
    model = (HEAD + """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double">
      <Interval closure="closedClosed" leftMargin="0" rightMargin="10"/>
    </DataField>
    <DataField name="c" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/>
    </DataField>
    <DataField name="z" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <TransformationDictionary>
    <DerivedField name="half" optype="continuous" dataType="double">
      <Apply function="/"><FieldRef field="z"/><Constant>2</Constant></Apply>
    </DerivedField>
    <DerivedField name="zlog" optype="continuous" dataType="double">
      <Apply function="ln"><FieldRef field="z"/></Apply>
    </DerivedField>
  </TransformationDictionary>
  <RegressionModel functionName="regression">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="x"/>
      <MiningField name="c"/>
      <MiningField name="z" missingValueTreatment="returnInvalid" outliers="asMissingValues" lowValue="-100" highValue="100"/>
    </MiningSchema>
    <Output>
        <OutputField name="o_zlog" feature="transformedValue"><FieldRef field="zlog"/></OutputField>
    </Output>
    <RegressionTable intercept="1">
      <NumericPredictor name="x" coefficient="2"/>
      <NumericPredictor name="half" coefficient="1"/>
    </RegressionTable>
  </RegressionModel>
</PMML>
""")
    head = "x,c,z,y\n"
    ok = "1,a,1,\n2,b,3,\n"
    write(outdir, "errors", model, [
        head + ok + "11,a,1,\n",             # outside the Interval
        head + ok + "abc,a,1,\n",            # not a number
        head + ok + "1,zz,1,\n",             # not a declared category
        head + ok + "1,a,,\n",               # z missing: returnInvalid
        head + ok + "1,a,200,\n",            # outlier asMissing -> invalid
        head + ok + "1,a,-3,\n",             # ln(-3): no valid result
        head + ok + "1,a,1,,extra\n",        # too many fields
        head + ok + "1,a,1\n",               # too few fields
        "x,c\n1,a\n",                        # no column z
        "",                                  # empty input
        head + ok + "1,\"a\nb\",1,\n",       # quoted newline: invalid value
    ])

    def when(word, expr, other):
        return apply("if", apply("equal", ref("c"), const(word)), expr,
                     other)
    outs = [
        ("o_cast", when("cast", ref("cnum"), const("0")), None),
        ("o_norm", when("norm", '<NormContinuous field="c"><LinearNorm '
                   'orig="0" norm="0"/><LinearNorm orig="1" norm="1"/>'
                   '</NormContinuous>', const("0")), None),
        ("o_disc", when("disc", '<Discretize field="c"><DiscretizeBin '
                   'binValue="x"><Interval closure="openOpen"/>'
                   '</DiscretizeBin></Discretize>', const("")), None),
        ("o_int", when("int", ref("c"), const("1")), "integer"),
        ("o_cmp", when("cmp", apply("lessThan", ref("c"), const("1")),
                       const("false")), None),
        ("o_sub", when("sub", apply("substring", ref("c"), const("0"),
                                    const("1")), const("")), None),
        ("o_fmt", when("fmt", apply("formatNumber", const("1"),
                                    const("%q")), const("")), None),
        ("o_fdt", when("fdt", apply("formatDatetime", ref("c"),
                                    const("%Y")), const("")), None),
        ("o_fdt2", when("fdt2", apply("formatDatetime",
                                      const("2020-01-01", "date"),
                                      const("%Q")), const("")), None),
        ("o_if", apply("if", apply("if", apply("equal", ref("c"),
                                               const("if")),
                                   ref("c"), const("true", "boolean")),
                       const("1"), const("2")), None),
        ("o_fn", when("fn", apply("dbl", ref("c")), const("0")), None),
        ("o_num", when("num", apply("+", ref("c"), const("1")),
                       const("0")), None),
        ("o_and", when("and", apply("and", ref("c"), const("true")),
                       const("0")), None),
        ("o_date", when("date", apply("dateDaysSinceYear", ref("c"),
                                      const("1970")), const("0")), None),
        ("o_year", when("year", apply("dateDaysSinceYear",
                                      const("2020-01-01", "date"),
                                      const("1e12")), const("0")), None),
        ("o_div", when("div", apply("/", const("1"), const("0"),
                                    extra=""), const("0")), None),
    ]
    model = (HEAD + """  <DataDictionary>
    <DataField name="c" optype="categorical" dataType="string"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <TransformationDictionary>
    <DefineFunction name="dbl" optype="continuous" dataType="double">
      <ParameterField name="v" dataType="double"/>
      <Apply function="*"><FieldRef field="v"/><Constant>2</Constant></Apply>
    </DefineFunction>
    <DerivedField name="cnum" optype="continuous" dataType="double">
      <FieldRef field="c"/>
    </DerivedField>
  </TransformationDictionary>
  <RegressionModel functionName="regression">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="c"/>
    </MiningSchema>
    <Output>
""" + "".join('      <OutputField name="%s" feature="transformedValue"%s>%s'
              '</OutputField>\n' % (n, ' dataType="%s"' % d if d else "", e)
              for n, e, d in outs) + """    </Output>
    <RegressionTable intercept="1"/>
  </RegressionModel>
</PMML>
""")
    inputs = ["c,y\nok,\n" + w + ",\n" for w in (
        "cast", "norm", "disc", "int", "cmp", "sub", "fmt", "fdt", "fdt2",
        "if", "fn", "num", "and", "date", "year", "div")]
    write(outdir, "errors_expr", model, inputs)


# ---------------------------------------------------------------------------
# names: field names and values that try to break out of C strings and
# comments (every generated name must be escaped).

def names(outdir):
    evil = ['x */ abort(); /*', 'q"uote', 'back\\slash', 'new\nline',
            'tri??/graph', '\u00e9l\u00e8ve \u2603', '// comment', '*/']
    fields = "".join(
        '    <DataField name="%s" optype="continuous" dataType="double"/>\n'
        % v.replace("&", "&amp;").replace('"', "&quot;").replace("\n", "&#10;")
        for v in evil)
    cats = ['a */ b', 'c"d', 'e\\f', 'g\nh', '??=', '\u00fc\u00f1\u00ee',
            '', ' ']
    cvals = "".join('      <Value value="%s"/>\n' % c.replace(
        "&", "&amp;").replace('"', "&quot;").replace("\n", "&#10;")
        for c in cats if c)
    mf = "".join('<MiningField name="%s"/>' % v.replace('"', "&quot;")
                 .replace("\n", "&#10;") for v in evil)
    nodes = []
    for i, c in enumerate(cats[:6]):
        cv = c.replace("&", "&amp;").replace('"', "&quot;").replace(
            "\n", "&#10;")
        nodes.append('      <Node id="%s" score="%s"><SimplePredicate '
                     'field="cat */ x" operator="equal" value="%s"/>'
                     '</Node>\n' % (cv, cv, cv))
    model = (HEAD + '  <DataDictionary>\n' + fields +
             '    <DataField name="cat */ x" optype="categorical" '
             'dataType="string">\n' + cvals + '    </DataField>\n'
             '    <DataField name="out &quot;*/" optype="categorical" '
             'dataType="string">\n' + cvals + '    </DataField>\n'
             '  </DataDictionary>\n'
             '  <TreeModel modelName="*/ evil /*" '
             'functionName="classification">\n'
             '    <MiningSchema><MiningField name="out &quot;*/" '
             'usageType="target"/><MiningField name="cat */ x" '
             'invalidValueTreatment="asIs"/>' + mf + '</MiningSchema>\n'
             '    <Output><OutputField name="id */" feature="entityId"/>'
             '<OutputField name="sum ??/" feature="transformedValue">'
             '<Apply function="sum">' +
             "".join('<FieldRef field="%s"/>' % v.replace('"', "&quot;")
                     .replace("\n", "&#10;") for v in evil) +
             '</Apply></OutputField>'
             '<OutputField name="len \\" feature="transformedValue">'
             '<Apply function="stringLength"><FieldRef field="cat */ x"/>'
             '</Apply></OutputField></Output>\n'
             '    <Node score="a */ b"><True/>\n' + "".join(nodes) +
             '    </Node>\n  </TreeModel>\n</PMML>\n')

    def q(s):
        return '"' + s.replace('"', '""') + '"'
    head = ",".join(q(v) for v in evil) + "," + q("cat */ x") + "\n"
    rows = []
    for i, c in enumerate(cats):
        rows.append(",".join(str(i + k) for k in range(len(evil))) + "," +
                    q(c))
    rows.append(",".join("" for _ in evil) + ",zzz")
    write(outdir, "names", model, [head + "\n".join(rows) + "\n"])


# ---------------------------------------------------------------------------
# functions: DefineFunctions calling each other 60 deep (fine) and 70 deep
# (beyond the limit of 64 nested calls: the record fails).

def functions(outdir):
    fns = []
    for k in range(70):
        body = ('<Apply function="f%d"><Apply function="+">'
                '<FieldRef field="v"/><Constant>1</Constant></Apply></Apply>'
                % (k + 1)) if k < 69 else '<FieldRef field="v"/>'
        fns.append('    <DefineFunction name="f%d" optype="continuous" '
                   'dataType="double"><ParameterField name="v"/>%s'
                   '</DefineFunction>\n' % (k, body))
    model = (HEAD + """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <TransformationDictionary>
""" + "".join(fns) + """  </TransformationDictionary>
  <RegressionModel functionName="regression">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="x"/>
    </MiningSchema>
    <Output>
      <OutputField name="deep60" feature="transformedValue"><Apply function="f10"><FieldRef field="x"/></Apply></OutputField>
      <OutputField name="deep70" feature="transformedValue"><Apply function="if"><Apply function="greaterThan"><FieldRef field="x"/><Constant>100</Constant></Apply><Apply function="f0"><FieldRef field="x"/></Apply><Constant>0</Constant></Apply></OutputField>
    </Output>
    <RegressionTable intercept="1"/>
  </RegressionModel>
</PMML>
""")
    write(outdir, "functions", model, ["x,y\n1,\n2.5,\n,\n",
                                       "x,y\n1,\n200,\n"])

# ---------------------------------------------------------------------------
# mining: every multipleModelMethod and missingPredictionTreatment, segment
# predicates that hold, fail and are unknown, ensembles of plain trees (the
# flat forest) and of mixed models, selectFirst, selectAll, modelChain with
# segment outputs and LocalTransformations, nested segmentations, float.

MDD = """  <DataDictionary>
    <DataField name="x1" optype="continuous" dataType="double"/>
    <DataField name="x2" optype="continuous" dataType="double"/>
    <DataField name="g" optype="categorical" dataType="string">
      <Value value="a"/><Value value="b"/><Value value="c"/>
    </DataField>
%s  </DataDictionary>
"""
MY_REG = '    <DataField name="y" optype="continuous" dataType="double"/>\n'
MY_CLS = ('    <DataField name="y" optype="categorical" dataType="string">\n'
          '      <Value value="L"/><Value value="M"/><Value value="H"/>\n'
          '    </DataField>\n')
MS = ('<MiningSchema><MiningField name="y" usageType="target"/>'
      '<MiningField name="x1"/><MiningField name="x2"/>'
      '<MiningField name="g"/></MiningSchema>')


def mtree(fn, k, strategy="none", extra="", out=""):
    """A small tree, different for each k; classification nodes carry
    ScoreDistributions. Missing x1 or x2 makes a prediction missing."""
    t1, t2 = 1.5 + k * 0.75, -0.5 + k * 0.5
    if fn == "regression":
        sc = ["%g" % (k + 0.25 * j - 1) for j in range(5)]
        dist = ["" for _ in range(5)]
    else:
        cats = ["L", "M", "H"]
        sc = [cats[(k + j) % 3] for j in range(5)]
        dist = []
        for j in range(5):
            n = [1 + (k + j) % 4, 2 + (k * j) % 3, 1 + j % 2]
            n[(k + j) % 3] += 4
            dist.append("".join(
                '<ScoreDistribution value="%s" recordCount="%d"/>'
                % (c, v) for c, v in zip(cats, n)))
    dflt = ' defaultChild="n1"' if strategy == "defaultChild" else ""
    dflt2 = ' defaultChild="n4"' if strategy == "defaultChild" and k % 2 \
        else ""
    g = ('<SimpleSetPredicate field="g" booleanOperator="isIn">'
         '<Array type="string">a c</Array></SimpleSetPredicate>')
    return ('      <TreeModel functionName="%s" missingValueStrategy="%s"%s>\n'
            '        %s\n%s'
            '        <Node id="n0" score="%s"%s><True/>%s\n'
            '          <Node id="n1" score="%s"%s><SimplePredicate field="x1" '
            'operator="lessOrEqual" value="%g"/>%s\n'
            '            <Node id="n3" score="%s"><SimplePredicate field="x2" '
            'operator="lessThan" value="%g"/>%s</Node>\n'
            '            <Node id="n4" score="%s"><SimplePredicate field="x2" '
            'operator="greaterOrEqual" value="%g"/>%s</Node>\n'
            '          </Node>\n'
            '          <Node id="n2" score="%s"><SimplePredicate field="x1" '
            'operator="greaterThan" value="%g"/>%s\n'
            '            <Node id="n5" score="%s">%s%s</Node>\n'
            '          </Node>\n'
            '        </Node>\n      </TreeModel>\n'
            % (fn, strategy, extra, MS, out, sc[0], dflt, dist[0], sc[1],
               dflt2, t1, dist[1], sc[3], t2, dist[3], sc[4], t2, dist[4],
               sc[2], t1, dist[2], sc[0], g, dist[0]))


def mreg(fn, k, out=""):
    """A RegressionModel (classification: logit of two classes)."""
    if fn == "regression":
        return ('      <RegressionModel functionName="regression">\n'
                '        %s\n%s'
                '        <RegressionTable intercept="%g">'
                '<NumericPredictor name="x1" coefficient="%g"/>'
                '<NumericPredictor name="x2" coefficient="0.5"/>'
                '</RegressionTable>\n      </RegressionModel>\n'
                % (MS, out, k - 0.5, 0.25 * k + 0.1))
    return ('      <RegressionModel functionName="classification" '
            'normalizationMethod="softmax">\n        %s\n%s'
            '        <RegressionTable intercept="%g" targetCategory="L">'
            '<NumericPredictor name="x1" coefficient="%g"/>'
            '</RegressionTable>\n'
            '        <RegressionTable intercept="0.5" targetCategory="M">'
            '<NumericPredictor name="x2" coefficient="-0.75"/>'
            '</RegressionTable>\n'
            '        <RegressionTable intercept="0" targetCategory="H"/>\n'
            '      </RegressionModel>\n' % (MS, out, k * 0.3, 0.5 - k * 0.2))


SEG_PREDS = ['<True/>',
             '<SimplePredicate field="x2" operator="greaterThan" '
             'value="-2"/>',
             '<SimpleSetPredicate field="g" booleanOperator="isNotIn">'
             '<Array type="string">b</Array></SimpleSetPredicate>',
             '<True/>',
             '<CompoundPredicate booleanOperator="or"><SimplePredicate '
             'field="x1" operator="lessThan" value="0"/><SimplePredicate '
             'field="g" operator="equal" value="c"/></CompoundPredicate>']

MIN = ("x1,x2,g,y\n1,0.5,a,\n3,2,b,\n-1,-3,c,\n,1,a,\n2.5,,b,\n,,,\n"
       "0,0,c,\n4,-1,,\n1.5,1,a,\n6,3,c,\n-2,0.25,b,\n2,NA,a,\n")


def segments(models, preds=None, weights=None):
    out = []
    for i, m in enumerate(models):
        pred = (preds or SEG_PREDS)[i % len(preds or SEG_PREDS)]
        w = ' weight="%g"' % weights[i] if weights else ""
        out.append('    <Segment id="s%d"%s>%s\n%s    </Segment>\n'
                   % (i + 1, w, pred, m))
    return "".join(out)


def mining(outdir):
    weights = [1, 2, 0.5, 1.5, 0.25, 3]
    treatments = ("continue", "skipSegment", "returnMissing")
    # regression: the forest (trees only) and mixed segments
    # each method once, the kinds and treatments in turn (every pair of
    # them comes up); float on a sum of trees (XGBoost's way)
    for i, method in enumerate(("average", "weightedAverage", "median",
                                "weightedMedian", "sum", "weightedSum")):
        for kind in (("forest", "mixed")[i % 2],):
            for mpt in (treatments[i % 3],):
                for flt in ((False, True) if method == "sum" else
                            (False,)):
                    models = [mtree("regression", k,
                                    "nullPrediction" if k == 2 else
                                    "defaultChild" if k == 4 else "none")
                              if kind == "forest" or k % 2 == 0 else
                              mreg("regression", k) for k in range(6)]
                    name = "mining_reg_%s_%s_%s%s" % (
                        method, kind, mpt, "_float" if flt else "")
                    th = ' missingThreshold="0.4"' if mpt == "skipSegment" \
                        else ""
                    tgt = ('    <Targets><Target field="y" '
                           'rescaleConstant="0.125"%s/></Targets>\n'
                           % ("" if method.endswith("um") else
                              ' rescaleFactor="2" min="-3" max="40"'))
                    model = (HEAD + MDD % MY_REG +
                             '  <MiningModel functionName="regression"%s>\n'
                             '    %s\n    <Output><OutputField name="p" '
                             'feature="predictedValue"/></Output>\n%s'
                             '    <Segmentation multipleModelMethod="%s" '
                             'missingPredictionTreatment="%s"%s>\n'
                             % (' x-mathContext="float"' if flt else "",
                                MS, tgt, method, mpt, th) +
                             segments(models, weights=weights) +
                             '    </Segmentation>\n  </MiningModel>\n'
                             '</PMML>\n')
                    write(outdir, name, model, [MIN])
    # classification
    for i, method in enumerate(("majorityVote", "weightedMajorityVote",
                                "average", "weightedAverage", "median",
                                "max")):
        for kind in (("forest", "mixed")[i % 2],):
            for mpt in (treatments[i % 3],):
                flts = (False, True) if method == "average" else (False,)
                for flt in flts:
                    models = [mtree("classification", k,
                                    "lastPrediction" if k == 3 else
                                    "defaultChild" if k == 4 else "none")
                              if kind == "forest" or k % 2 == 0 else
                              mreg("classification", k) for k in range(6)]
                    name = "mining_cls_%s_%s_%s%s" % (
                        method, kind, mpt, "_float" if flt else "")
                    outs = "".join(
                        '<OutputField name="p%s" feature="probability" '
                        'value="%s"/>' % (c, c) for c in "LMH")
                    model = (HEAD + MDD % MY_CLS +
                             '  <MiningModel functionName="classification"'
                             '%s>\n    %s\n    <Output><OutputField '
                             'name="yhat" feature="predictedValue"/>'
                             '<OutputField name="disp" feature='
                             '"predictedDisplayValue"/>%s</Output>\n'
                             '    <Segmentation multipleModelMethod="%s" '
                             'missingPredictionTreatment="%s"%s>\n'
                             % (' x-mathContext="float"' if flt else "",
                                MS, outs, method, mpt,
                                ' missingThreshold="0.3"'
                                if mpt == "continue" else "") +
                             segments(models, weights=weights) +
                             '    </Segmentation>\n  </MiningModel>\n'
                             '</PMML>\n')
                    write(outdir, name, model, [MIN])
    # selectFirst and selectAll: outputs of the segments, passed on or
    # named by segmentId
    for method, mpt in (("selectFirst", "skipSegment"),
                        ("selectFirst", "returnMissing"),
                        ("selectAll", "continue")):
        if True:
            out = ('        <Output><OutputField name="node" '
                   'feature="entityId"/><OutputField name="pv" '
                   'feature="predictedValue"/></Output>\n')
            models = [mtree("classification", 0, out=out),
                      mreg("classification", 1,
                           out='        <Output><OutputField name="pv" '
                           'feature="predictedValue"/><OutputField '
                           'name="pH" feature="probability" value="H"/>'
                           '</Output>\n'),
                      mtree("classification", 2, "lastPrediction", out=out)]
            preds = ['<SimplePredicate field="g" operator="equal" '
                     'value="a"/>',
                     '<SimplePredicate field="x2" operator="lessThan" '
                     'value="1"/>', '<True/>']
            segout = "".join(
                '<OutputField name="%s" segmentId="s%d" feature="%s"%s/>'
                % (n, s, f, v) for n, s, f, v in (
                    ("s1_pred", 1, "predictedValue", ""),
                    ("s2_pM", 2, "probability", ' value="M"'),
                    ("s3_node", 3, "entityId", ""),
                    ("s3_disp", 3, "predictedDisplayValue", "")))
            own = ('<OutputField name="yhat" feature="predictedValue"/>'
                   '<OutputField name="pL" feature="probability" '
                   'value="L"/>' if method == "selectFirst" else "")
            model = (HEAD + MDD % MY_CLS +
                     '  <MiningModel functionName="classification">\n'
                     '    %s\n    <Output>%s%s</Output>\n'
                     '    <Segmentation multipleModelMethod="%s" '
                     'missingPredictionTreatment="%s">\n'
                     % (MS, own, segout, method, mpt) +
                     segments(models, preds) +
                     '    </Segmentation>\n  </MiningModel>\n</PMML>\n')
            write(outdir, "mining_%s_%s" % (method, mpt), model, [MIN])
    # modelChain: a regression whose output feeds a nested segmentation
    # (itself holding a segmentation) through a segment predicate and
    # LocalTransformations, then a classification over both outputs.
    for mpt, flt in (("returnMissing", False), ("continue", True)):
        if True:
            inner = (
                '      <MiningModel functionName="regression">\n'
                '        <MiningSchema><MiningField name="s1"/>'
                '<MiningField name="x2"/><MiningField name="g"/>'
                '</MiningSchema>\n'
                '        <Output><OutputField name="s2" dataType="double" '
                'feature="predictedValue"/></Output>\n'
                '        <LocalTransformations><DerivedField name="s1sq" '
                'optype="continuous" dataType="double"><Apply function="*">'
                '<FieldRef field="s1"/><FieldRef field="s1"/></Apply>'
                '</DerivedField></LocalTransformations>\n'
                '        <Segmentation multipleModelMethod="sum">\n'
                '          <Segment id="i1"><True/>\n'
                '      <TreeModel functionName="regression">\n'
                '        <MiningSchema><MiningField name="s1sq"/>'
                '</MiningSchema>\n'
                '        <Node score="0"><True/><Node score="1.5">'
                '<SimplePredicate field="s1sq" operator="lessThan" '
                'value="2"/></Node><Node score="-0.5"><True/></Node>'
                '</Node>\n      </TreeModel>\n          </Segment>\n'
                '          <Segment id="i2"><SimplePredicate field="g" '
                'operator="notEqual" value="b"/>\n'
                '      <MiningModel functionName="regression">\n'
                '        <MiningSchema><MiningField name="s1"/>'
                '<MiningField name="x2"/></MiningSchema>\n'
                '        <Segmentation multipleModelMethod="average">\n'
                + "".join(
                    '          <Segment id="j%d"><True/>\n'
                    '      <TreeModel functionName="regression">\n'
                    '        <MiningSchema><MiningField name="s1"/>'
                    '<MiningField name="x2"/></MiningSchema>\n'
                    '        <Node score="%g"><True/><Node score="%g">'
                    '<SimplePredicate field="s1" operator="lessOrEqual" '
                    'value="%g"/></Node><Node score="%g"><SimplePredicate '
                    'field="x2" operator="greaterThan" value="0"/></Node>'
                    '</Node>\n      </TreeModel>\n          </Segment>\n'
                    % (j, j, j * 0.5, j - 1, -j) for j in (1, 2)) +
                '        </Segmentation>\n      </MiningModel>\n'
                '          </Segment>\n'
                '        </Segmentation>\n      </MiningModel>\n')
            last = ('      <RegressionModel functionName="classification" '
                    'normalizationMethod="softmax"%s>\n'
                    '        <MiningSchema><MiningField name="y" '
                    'usageType="target"/><MiningField name="s1"/>'
                    '<MiningField name="s2"/></MiningSchema>\n'
                    '        <Output><OutputField name="final" '
                    'feature="predictedValue"/><OutputField name="fH" '
                    'feature="probability" value="H"/></Output>\n'
                    '        <RegressionTable intercept="0.25" '
                    'targetCategory="L"><NumericPredictor name="s1" '
                    'coefficient="0.5"/></RegressionTable>\n'
                    '        <RegressionTable intercept="0" '
                    'targetCategory="M"><NumericPredictor name="s2" '
                    'coefficient="-1"/></RegressionTable>\n'
                    '        <RegressionTable intercept="0" '
                    'targetCategory="H"/>\n      </RegressionModel>\n'
                    % (' x-mathContext="float"' if flt else ""))
            first = mreg("regression", 1, out='        <Output><OutputField '
                         'name="s1" dataType="double" '
                         'feature="predictedValue"/></Output>\n')
            preds = ['<True/>', '<SimplePredicate field="s1" operator='
                     '"greaterThan" value="-3"/>', '<True/>']
            model = (HEAD + MDD % MY_CLS +
                     '  <MiningModel functionName="classification"%s>\n'
                     '    %s\n    <Output><OutputField name="yhat" '
                     'feature="predictedValue"/><OutputField name="pL" '
                     'feature="probability" value="L"/><OutputField '
                     'name="mid" segmentId="2" feature="predictedValue"/>'
                     '</Output>\n'
                     '    <Segmentation multipleModelMethod="modelChain" '
                     'missingPredictionTreatment="%s">\n'
                     % (' x-mathContext="float"' if flt else "", MS, mpt) +
                     "".join('    <Segment id="%d">%s\n%s    </Segment>\n'
                             % (i + 1, p, m) for i, (p, m) in enumerate(
                                 zip(preds, (first, inner, last)))) +
                     '    </Segmentation>\n  </MiningModel>\n</PMML>\n')
            write(outdir, "mining_chain_%s%s" % (mpt, "_float" if flt
                                                 else ""), model, [MIN])
    # a forest whose tree has no defaultChild where a value is missing
    model = (HEAD + MDD % MY_REG +
             '  <MiningModel functionName="regression">\n    %s\n'
             '    <Segmentation multipleModelMethod="sum">\n' % MS +
             segments([mtree("regression", k, "defaultChild")
                       for k in range(3)]) +
             '    </Segmentation>\n  </MiningModel>\n</PMML>\n')
    write(outdir, "mining_nodefault", model,
          ["x1,x2,g,y\n1,0.5,a,\n3,2,b,\n2,,a,\n1,1,a,\n",
           "x1,x2,g,y\n,1,a,\n"])


# ---------------------------------------------------------------------------
# fast: trees and regressions on doubles alone, which _predict scores by its
# fast path; NaN and missing inputs where a test sends the record back and
# where it does not (True children, notEqual, several inputs at a node).

FAST_DD = """  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="y" optype="continuous" dataType="double"/>
    <DataField name="z" optype="continuous" dataType="double"/>
    <DataField name="w" optype="continuous" dataType="double"/>
%s  </DataDictionary>
"""

FAST_ROWS = ["1,1,1,1", "1,3,1,1", "6,1,3,1", "6,1,4,1", "9,1,4,9",
             ",1,1,1", "1,,1,1", "6,1,,1", "1,1,1,", ",,,", "NaN,3,3,3",
             "inf,1,3,0", "-inf,5,5,5", "6,NaN,4,1", "9,2,2,",
             # signed zeros, values at and next to thresholds, extremes
             "-0,-0,-0,-0", "5,2,4,-0", "5.000000000000001,1.9999999999999998,"
             "3.0000000000000004,8", "1e308,-1e308,4,1e-320",
             "-0,NaN,4,inf"]


def fast_trees(outdir):
    def node(nid, pred, score, kids=""):
        sd = ""
        if not reg:  # (the loop's)
            n = sum(map(ord, nid)) % 7
            sd = ('<ScoreDistribution value="yes" recordCount="%d"/>'
                  '<ScoreDistribution value="no" recordCount="%d"/>'
                  % (n + 1, 7 - n))
        return '<Node id="%s" score="%s">%s%s%s</Node>' % (
            nid, score, pred, sd, kids)

    def sp(f, op, v):
        return '<SimplePredicate field="%s" operator="%s" value="%s"/>' % (
            f, op, v)
    for reg in (False, True):
        yes, no = ("3.5", "-1.25") if reg else ("yes", "no")
        body = node("r", "<True/>", no, "".join([
            node("a", sp("x", "lessOrEqual", "5"), yes, "".join([
                node("a1", sp("y", "lessThan", "2"), yes),
                node("a2", sp("y", "greaterOrEqual", "2"), no)])),
            node("b", sp("x", "greaterThan", "5"), no, "".join([
                node("b1", sp("z", "notEqual", "3"), yes, "".join([
                    node("b11", sp("z", "lessThan", "4"), no),
                    node("b12", sp("x", "greaterThan", "8"), yes)])),
                node("b2", "<True/>", no)]))]))
        for st in ("none", "lastPrediction", "nullPrediction",
                   "defaultChild"):
            name = "fast_tree_%s_%s" % (st, "reg" if reg else "cls")
            if reg:
                tdd = ('    <DataField name="t" optype="continuous" '
                       'dataType="double"/>\n')
                outs = ""
            else:
                tdd = ('    <DataField name="t" optype="categorical" '
                       'dataType="string"><Value value="yes"/>'
                       '<Value value="no"/></DataField>\n')
                outs = ('    <Output><OutputField name="p_yes" '
                        'feature="probability" value="yes"/>'
                        '<OutputField name="p" feature="probability"/>'
                        '</Output>\n')
            b = body
            if st == "defaultChild":
                b = b.replace('<Node id="r" ', '<Node id="r" defaultChild="b" '
                              ).replace('<Node id="a" ',
                                        '<Node id="a" defaultChild="a2" '
                                        ).replace('<Node id="b" ',
                                                  '<Node id="b" '
                                                  'defaultChild="b2" '
                                                  ).replace(
                    '<Node id="b1" ', '<Node id="b1" defaultChild="b11" ')
            model = (HEAD + FAST_DD % tdd +
                     '  <TreeModel functionName="%s" missingValueStrategy='
                     '"%s">\n    <MiningSchema><MiningField name="t" '
                     'usageType="target"/><MiningField name="x"/>'
                     '<MiningField name="y"/><MiningField name="z"/>'
                     '<MiningField name="w"/></MiningSchema>\n%s    %s\n'
                     '  </TreeModel>\n</PMML>\n'
                     % ("regression" if reg else "classification", st, outs,
                        b))
            write(outdir, name, model,
                  ["x,y,z,w\n" + "\n".join(FAST_ROWS) + "\n"])


def fast_regressions(outdir):
    def np_(f, c, e=None):
        return '<NumericPredictor name="%s" coefficient="%s"%s/>' % (
            f, c, ' exponent="%s"' % e if e is not None else "")
    for kind, flt in (("value", 0), ("logit", 0), ("softmax", 0),
                      ("binary", 0), ("value", 1), ("logit", 1),
                      ("softmax", 1), ("binary", 1)):
        name = "fast_reg_%s%s" % (kind, "_mathfloat" if flt else "")
        t1 = (np_("x", "0.5") + np_("y", "-1.25", 2) + np_("z", "3", 0))
        t2 = np_("w", "0.75") + np_("x", "-0.5")
        if kind == "value":
            tdd = ('    <DataField name="t" optype="continuous" '
                   'dataType="double"/>\n')
            tables = ('<RegressionTable intercept="0.25">%s</RegressionTable>'
                      % t1)
            func, norm, outs = "regression", "none", ""
        else:
            tdd = ('    <DataField name="t" optype="categorical" '
                   'dataType="string"><Value value="yes"/><Value value="no"/>'
                   '%s</DataField>\n'
                   % ('' if kind == "binary" else '<Value value="maybe"/>'))
            tables = ('<RegressionTable intercept="0.25" targetCategory="yes">'
                      '%s</RegressionTable>' % t1)
            if kind == "softmax":
                tables += ('<RegressionTable intercept="-0.5" '
                           'targetCategory="maybe">%s</RegressionTable>' % t2)
            tables += ('<RegressionTable intercept="0" targetCategory="no"/>')
            func, norm = "classification", kind.replace("binary",
                                                         "softmax")
            outs = ('    <Output><OutputField name="p_yes" '
                    'feature="probability" value="yes"/>'
                    '<OutputField name="p" feature="probability"/>'
                    '</Output>\n')
        model = (HEAD + FAST_DD % tdd +
                 '  <RegressionModel functionName="%s" '
                 'normalizationMethod="%s"%s>\n    <MiningSchema>'
                 '<MiningField name="t" usageType="target"/>'
                 '<MiningField name="x"/><MiningField name="y"/>'
                 '<MiningField name="z"/><MiningField name="w"/>'
                 '</MiningSchema>\n%s    %s\n  </RegressionModel>\n'
                 '</PMML>\n' % (func, norm,
                                 ' x-mathContext="float"' if flt else "",
                                 outs, tables))
        write(outdir, name, model,
              ["x,y,z,w\n" + "\n".join(FAST_ROWS) + "\n"])


def forests(outdir):
    """Forests whose every split is a pair of number tests on an input, so
    that generated code walks them with its numeric walk (and
    _predict_rows a block of rows at a time): every first-child operator
    alike (< or <=) or mixed, leaves missing on the way (the trees'
    missingValueStrategy), a sum in float, a modelChain as XGBoost's."""
    neg = {"lessThan": "greaterOrEqual", "lessOrEqual": "greaterThan",
           "greaterThan": "lessOrEqual", "greaterOrEqual": "lessThan"}
    cls_ = [False]

    def sd(nid):
        if not cls_[0]:
            return ""
        n = sum(map(ord, nid)) % 7
        return ('<ScoreDistribution value="yes" recordCount="%d"/>'
                '<ScoreDistribution value="no" recordCount="%d"/>'
                % (n + 1, 7 - n))

    def score(nid, k):
        if cls_[0]:
            return "yes" if (sum(map(ord, nid)) + k) % 2 else "no"
        return "%g" % ((sum(map(ord, nid)) * (k + 3)) % 17 / 8.0 - 1)

    def tree(k, spec, nid="r", pred="<True/>", deflt=False):
        # spec: a score (leaf) or (field, first operator, value, a, b)
        if not isinstance(spec, tuple):
            return '<Node id="%s" score="%s">%s%s</Node>' % (
                nid, score(nid, k), pred, sd(nid))
        f, op, v, a, b = spec
        kids = (tree(k, a, nid + "a", '<SimplePredicate field="%s" '
                     'operator="%s" value="%s"/>' % (f, op, v), deflt) +
                tree(k, b, nid + "b", '<SimplePredicate field="%s" '
                     'operator="%s" value="%s"/>' % (f, neg[op], v), deflt))
        return '<Node id="%s" score="%s"%s>%s%s%s</Node>' % (
            nid, score(nid, k), ' defaultChild="%sb"' % nid if deflt else "",
            pred, sd(nid), kids)

    def shapes(ops):
        o = lambda i: ops[i % len(ops)]
        return [
            ("x", o(0), "5", ("y", o(1), "2", 0, 0),
             ("z", o(2), "3", 0, ("x", o(3), "8", 0, 0))),
            ("y", o(1), "1", 0, ("w", o(0), "0", ("z", o(2), "4", 0, 0), 0)),
            ("z", o(2), "4", ("x", o(3), "1", 0, 0), ("y", o(0), "3", 0, 0)),
            ("w", o(3), "1e-320", 0, ("x", o(1), "6", 0,
                                      ("y", o(2), "-0", 0, 0)))]
    strategies = ["none", "defaultChild", "lastPrediction", "nullPrediction"]
    schema = ('<MiningSchema><MiningField name="t" usageType="target"/>'
              '<MiningField name="x"/><MiningField name="y"/>'
              '<MiningField name="z"/><MiningField name="w"/></MiningSchema>')

    def segs(fn, ops, trees_=None, weights=None):
        out = []
        for k, spec in enumerate(trees_ or shapes(ops)):
            st = strategies[k % len(strategies)]
            w = ' weight="%s"' % weights[k] if weights else ""
            out.append('    <Segment id="%d"%s><True/>\n      <TreeModel '
                       'functionName="%s" missingValueStrategy="%s" '
                       'splitCharacteristic="binarySplit">\n        %s\n'
                       '        %s\n      </TreeModel>\n    </Segment>\n'
                       % (k + 1, w, fn, st, schema,
                          tree(k, spec, deflt=st == "defaultChild")))
        return "".join(out)
    treg = ('    <DataField name="t" optype="continuous" '
            'dataType="double"/>\n')
    tcls = ('    <DataField name="t" optype="categorical" dataType="string">'
            '<Value value="yes"/><Value value="no"/></DataField>\n')
    rows = ["x,y,z,w\n" + "\n".join(FAST_ROWS) + "\n"]
    weights = ["0.5", "2", "1", "0.1"]
    for name, ops, flt, method, ws in (
            ("forest_reg_sum_mixed", ["lessOrEqual", "lessThan",
                                      "greaterThan", "greaterOrEqual"], "",
             "sum", None),
            ("forest_reg_sum_lt_mathfloat", ["lessThan"],
             ' x-mathContext="float"', "sum", None),
            ("forest_reg_average_le", ["lessOrEqual"], "", "average", None),
            ("forest_reg_weightedAverage_le", ["lessOrEqual"], "",
             "weightedAverage", weights),
            ("forest_reg_weightedSum_lt_mathfloat", ["lessThan"],
             ' x-mathContext="float"', "weightedSum", weights)):
        cls_[0] = False
        model = (HEAD + FAST_DD % treg +
                 '  <MiningModel functionName="regression"%s>\n    %s\n'
                 '    <Segmentation multipleModelMethod="%s">\n%s'
                 '    </Segmentation>\n  </MiningModel>\n</PMML>\n'
                 % (flt, schema, method, segs("regression", ops,
                                              weights=ws)))
        write(outdir, name, model, rows)
    cls_[0] = True
    for name, method, ws in (("forest_cls_average_le", "average", None),
                             ("forest_cls_weightedAverage_le",
                              "weightedAverage", weights)):
        model = (HEAD + FAST_DD % tcls +
                 '  <MiningModel functionName="classification">\n    %s\n'
                 '    <Output><OutputField name="p_yes" feature="probability" '
                 'value="yes"/><OutputField name="p_no" feature="probability" '
                 'value="no"/></Output>\n'
                 '    <Segmentation multipleModelMethod="%s">\n%s'
                 '    </Segmentation>\n  </MiningModel>\n</PMML>\n'
                 % (schema, method, segs("classification", ["lessOrEqual"],
                                         weights=ws)))
        write(outdir, name, model, rows)
    # XGBoost's layout: the sum of the trees, then a logit regression.
    cls_[0] = False
    inner = ('<MiningModel functionName="regression">\n    '
             '<MiningSchema><MiningField name="x"/><MiningField name="y"/>'
             '<MiningField name="z"/><MiningField name="w"/></MiningSchema>\n'
             '    <Output><OutputField name="v" optype="continuous" '
             'dataType="double" isFinalResult="false"/></Output>\n'
             '    <Targets><Target rescaleConstant="0.5" rescaleFactor="1.0"/>'
             '</Targets>\n    <Segmentation multipleModelMethod="sum">\n%s'
             '    </Segmentation>\n    </MiningModel>'
             % segs("regression", ["lessThan"]).replace("<MiningField "
                                                        "name=\"t\" usageType"
                                                        "=\"target\"/>", ""))
    model = (HEAD + FAST_DD % tcls +
             '  <MiningModel functionName="classification">\n    %s\n'
             '    <Output><OutputField name="p_yes" feature="probability" '
             'value="yes"/><OutputField name="p_no" feature="probability" '
             'value="no"/></Output>\n'
             '    <Segmentation multipleModelMethod="modelChain">\n'
             '    <Segment id="1"><True/>\n    %s\n    </Segment>\n'
             '    <Segment id="2"><True/>\n    <RegressionModel '
             'functionName="classification" normalizationMethod="logit">\n'
             '    <MiningSchema><MiningField name="t" usageType="target"/>'
             '<MiningField name="v"/></MiningSchema>\n'
             '    <RegressionTable intercept="0.0" targetCategory="yes">'
             '<NumericPredictor name="v" coefficient="1.0"/>'
             '</RegressionTable>\n    <RegressionTable intercept="0.0" '
             'targetCategory="no"/>\n    </RegressionModel>\n    </Segment>'
             '\n    </Segmentation>\n  </MiningModel>\n</PMML>\n'
             % (schema, inner))
    write(outdir, "forest_chain_lt", model, rows)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata",
        "codegen")
    dataside(outdir)
    trees(outdir)
    regressions(outdir)
    errors(outdir)
    names(outdir)
    functions(outdir)
    mining(outdir)
    fast_trees(outdir)
    fast_regressions(outdir)
    forests(outdir)


if __name__ == "__main__":
    main()
