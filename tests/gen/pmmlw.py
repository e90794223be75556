"""Small PMML writing helpers shared by the tests/gen/gen_*.py scripts.

Everything here is ours: it builds PMML 4.4 documents element by element with
xml.etree.ElementTree and writes one corpus case (model.pmml, input.csv,
expected.csv, compare, README) under testdata/corpus/<family>/<case>/.

Numbers are written with repr(), the shortest text that reads back to the same
double, so every coefficient, threshold and expected value is exact.
"""

import csv
import math
import os
import xml.etree.ElementTree as ET

import numpy as np

NS = "http://www.dmg.org/PMML-4_4"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CORPUS = os.path.join(ROOT, "testdata", "corpus")


def num(x):
    """Text of a number: integers as integers, doubles by repr (round-trip)."""
    if isinstance(x, (bool, np.bool_)):
        raise TypeError("boolean is not a number")
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("non-finite number %r" % x)
    if x == 0.0:
        return "0.0" if math.copysign(1.0, x) > 0 else "-0.0"
    return repr(x)


def num32(x):
    """Shortest text that reads back to the same float32 value."""
    v = np.float32(x)
    if not np.isfinite(v):
        raise ValueError("non-finite number %r" % x)
    return np.format_float_scientific(v, unique=True, trim="-") if (v != 0 and (abs(v) < 1e-4 or abs(v) >= 1e16)) \
        else np.format_float_positional(v, unique=True, trim="0")


def count(x):
    """A record count: integral values without a fraction, others by repr."""
    x = float(x)
    if x == int(x):
        return str(int(x))
    return repr(x)


def E(tag, attrs=None, *children, text=None):
    """An element with ordered attributes (values turned into text) and children."""
    e = ET.Element(tag)
    if attrs:
        for k, v in attrs.items():
            if v is None:
                continue
            if isinstance(v, str):
                e.set(k, v)
            elif isinstance(v, (bool, np.bool_)):
                e.set(k, "true" if v else "false")
            else:
                e.set(k, num(v))
    for c in children:
        if c is None:
            continue
        if isinstance(c, (list, tuple)):
            for cc in c:
                if cc is not None:
                    e.append(cc)
        else:
            e.append(c)
    if text is not None:
        e.text = text
    return e


def array_text(values, kind):
    """Content of a PMML Array: numbers separated by spaces, strings quoted when needed."""
    if kind == "string":
        out = []
        for v in values:
            s = str(v)
            if s == "" or any(ch.isspace() for ch in s) or '"' in s:
                s = '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out.append(s)
        return " ".join(out)
    if kind == "int":
        return " ".join(str(int(v)) for v in values)
    return " ".join(num(v) for v in values)


def Array(values, kind):
    return E("Array", {"n": len(values), "type": kind}, text=array_text(values, kind))


def header(description):
    return E("Header", {"description": description},
             E("Application", {"name": "pmmlc tests/gen", "version": "1"}))


def data_field(name, optype, dtype, values=None, interval=None):
    children = []
    if interval is not None:
        children.append(E("Interval", {"closure": "closedClosed", "leftMargin": interval[0],
                                       "rightMargin": interval[1]}))
    for v in values or []:
        children.append(E("Value", {"value": str(v)}))
    return E("DataField", {"name": name, "optype": optype, "dataType": dtype}, *children)


def data_dictionary(fields):
    return E("DataDictionary", {"numberOfFields": len(fields)}, *fields)


def mining_field(name, usage=None, **kw):
    a = {"name": name}
    if usage:
        a["usageType"] = usage
    for k in ("missingValueTreatment", "missingValueReplacement", "invalidValueTreatment"):
        if k in kw:
            v = kw[k]
            a[k] = v if isinstance(v, str) else num(v)
    return E("MiningField", a)


def mining_schema(target, inputs, extra=None):
    """MiningSchema: the target (if any) then the active fields; 'extra' maps a
    field to extra MiningField attributes (missing value replacement ...)."""
    extra = extra or {}
    fields = []
    if target is not None:
        fields.append(mining_field(target, "target"))
    for f in inputs:
        fields.append(mining_field(f, None, **extra.get(f, {})))
    return E("MiningSchema", None, *fields)


def output_field(name, feature, dtype="double", optype="continuous", value=None, **kw):
    a = {"name": name, "optype": optype, "dataType": dtype, "feature": feature}
    if value is not None:
        a["value"] = str(value)
    a.update(kw)
    return E("OutputField", a)


def prob_outputs(labels):
    return [output_field("probability(%s)" % l, "probability", value=l) for l in labels]


def pmml(description, fields, model, transformations=None, version="4.4"):
    ns = NS if version == "4.4" else "http://www.dmg.org/PMML-%s" % version.replace(".", "_")
    root = E("PMML", {"xmlns": ns, "version": version}, header(description),
             data_dictionary(fields), transformations, model)
    return root


def serialize(root):
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def cell(v, missing=""):
    if v is None:
        return missing
    if isinstance(v, float) and math.isnan(v):
        return missing
    if isinstance(v, (float, np.floating)):
        return num(v)
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v)


def write_csv(path, columns, rows, missing=""):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            if len(r) != len(columns):
                raise ValueError("%s: row has %d cells, header %d" % (path, len(r), len(columns)))
            w.writerow([cell(v, missing) for v in r])


def write_case(family, case, doc, in_cols, in_rows, out_cols, out_rows, readme,
               compare=None, missing=""):
    d = os.path.join(CORPUS, family, case)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.pmml"), "w") as f:
        f.write(serialize(doc) if not isinstance(doc, str) else doc)
    write_csv(os.path.join(d, "input.csv"), in_cols, in_rows, missing)
    write_csv(os.path.join(d, "expected.csv"), out_cols, out_rows)
    cpath = os.path.join(d, "compare")
    if compare:
        with open(cpath, "w") as f:
            f.write(compare.strip() + "\n")
    elif os.path.exists(cpath):
        os.remove(cpath)
    with open(os.path.join(d, "README"), "w") as f:
        f.write(readme.strip() + "\n")
    print("wrote %s/%s (%d rows)" % (family, case, len(in_rows)))


def f32_safe(x, thresholds_by_feature, feats):
    """True when every value of row x lies on the same side of every threshold
    of its feature whether it is read as a double or rounded to float32 (and
    the threshold too): such a row scores the same under any reading."""
    for j, f in enumerate(feats):
        v = x[j]
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        v32 = float(np.float32(v))
        for t in thresholds_by_feature.get(f, ()):
            t32 = float(np.float32(t))
            if (v <= t) != (v32 <= t) or (v <= t) != (v32 <= t32) or (v < t) != (v32 < t32):
                return False
    return True


def tree_thresholds(tree, feats, acc=None):
    """feature name -> set of thresholds used by a fitted sklearn tree_."""
    acc = acc if acc is not None else {}
    t = tree
    for n in range(t.node_count):
        if t.children_left[n] != -1:
            acc.setdefault(feats[t.feature[n]], set()).add(float(t.threshold[n]))
    return acc


def label(v):
    """Class label text as it appears in the PMML (ints without '.0')."""
    if isinstance(v, (np.integer, int)):
        return str(int(v))
    if isinstance(v, (float, np.floating)) and float(v) == int(v):
        return str(int(v))
    return str(v)
