#!/usr/bin/python3
"""add_verification.py: write a copy of a testdata/corpus case's model.pmml
with a <ModelVerification> built from the case's own input.csv and
expected.csv (the training framework's predictions), for testdata/verify/.

  add_verification.py CASE_DIR OUT.pmml [--rows N] [--prefix P]
      [--precision X] [--zero X] [--outputs COLS] [--alter ROW:COLUMN:VALUE]...

--rows      the first N records (default 10)
--prefix    write the table's columns as P:name in a namespace of their own
            (as JPMML does) instead of in PMML's
--outputs   only these expected.csv columns (comma-separated)
--alter     replace the expected (or input) value of 1-based record ROW in
            COLUMN (the CSV header's name) by VALUE: a document that must
            FAIL pmmlc verify
Output columns are all expected.csv columns; when some are OutputFields,
PMML says the target's column is not compared, so it is written anyway (as
real exporters do). Standard library only.
"""
import argparse
import csv
import re
import sys
from xml.sax.saxutils import escape, quoteattr


def column_name(field):
    """An XML name for a field name: letters, digits, '_', '-' and '.'."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", field)
    if not re.match(r"[A-Za-z_]", name):
        name = "_" + name
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=10)
    ap.add_argument("--prefix")
    ap.add_argument("--precision")
    ap.add_argument("--zero")
    ap.add_argument("--alter", action="append", default=[])
    ap.add_argument("--outputs", help="comma-separated expected.csv columns "
                    "to include (default: all)")
    a = ap.parse_args()

    with open(a.case + "/input.csv", newline="") as f:
        inputs = list(csv.reader(f))
    with open(a.case + "/expected.csv", newline="") as f:
        expected = list(csv.reader(f))
    in_hdr, out_hdr = inputs[0], expected[0]
    keep = a.outputs.split(",") if a.outputs else out_hdr
    rows = []
    for i in range(1, min(a.rows, len(inputs) - 1) + 1):
        rows.append(dict(zip(in_hdr, inputs[i])) | dict(zip(out_hdr, expected[i])))
    for alt in a.alter:
        row, col, value = alt.split(":", 2)
        rows[int(row) - 1][col] = value
    fields = in_hdr + [c for c in out_hdr if c not in in_hdr and c in keep]
    cols = {f: column_name(f) for f in fields}
    if len(set(cols.values())) != len(cols):
        sys.exit("add_verification.py: two fields map to one column name")
    qual = (a.prefix + ":") if a.prefix else ""

    ind = "    "
    out = [ind + '<ModelVerification recordCount="%d" fieldCount="%d">'
           % (len(rows), len(fields))]
    out.append(ind + "  <VerificationFields>")
    for f in fields:
        extra = ""
        if f in out_hdr and a.precision:
            extra += ' precision="%s"' % a.precision
        if f in out_hdr and a.zero:
            extra += ' zeroThreshold="%s"' % a.zero
        out.append(ind + "    <VerificationField field=%s column=%s%s/>"
                   % (quoteattr(f), quoteattr(qual + cols[f]), extra))
    out.append(ind + "  </VerificationFields>")
    out.append(ind + "  <InlineTable>")
    for r in rows:
        cells = "".join("<%s%s>%s</%s%s>" % (qual, cols[f], escape(r[f]),
                                             qual, cols[f])
                        for f in fields if r.get(f, "") != "")
        out.append(ind + "    <row>" + cells + "</row>")
    out.append(ind + "  </InlineTable>")
    out.append(ind + "</ModelVerification>")

    with open(a.case + "/model.pmml") as f:
        lines = f.read().split("\n")
    # The top-level model ends on the last closing tag before </PMML>.
    end = max(i for i, l in enumerate(lines) if l.strip() == "</PMML>")
    close = end - 1
    while not lines[close].strip().startswith("</"):
        close -= 1
    lines[close:close] = out
    if a.prefix:
        lines = [re.sub(r"<PMML ", '<PMML xmlns:%s="urn:pmmlc:test:verification" '
                        % a.prefix, l, count=1) for l in lines]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
