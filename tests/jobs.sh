#!/bin/sh
# jobs.sh: `pmmlc score -j N` gives what -j 1 gives, byte for byte: the
# output, the messages and the exit status, on every case of
# testdata/corpus and every shared corpus case pmmlc passes, with rows
# that cannot be scored (stop mode stops at the first in input order,
# report mode goes on), kept columns, cells big enough to end blocks by
# their size, grouped rows (scored on one thread), and the -j option.
set -u
. "$(dirname "$0")/lib.sh"

JOBS=${JOBS:-"2 3 4"}

# same_at_j DESCRIPTION -- SCORE-ARGUMENTS...: `pmmlc score` at -j 1, then
# at each of $JOBS; stdout, stderr and the exit status must all agree.
same_at_j() {
  what=$1
  shift 2
  "$PMMLC" score -j 1 "$@" >"$tmp/j1.out" 2>"$tmp/j1.err"
  st1=$?
  for j in $JOBS; do
    "$PMMLC" score -j "$j" "$@" >"$tmp/jn.out" 2>"$tmp/jn.err"
    stn=$?
    if [ "$stn" -ne "$st1" ]; then
      fail "$what: -j $j exits $stn, -j 1 $st1: $(head -n 2 "$tmp/jn.err")"
    elif ! cmp -s "$tmp/j1.out" "$tmp/jn.out"; then
      fail "$what: -j $j writes other bytes: $(cmp "$tmp/j1.out" "$tmp/jn.out" 2>&1 | head -n 1)"
    elif ! cmp -s "$tmp/j1.err" "$tmp/jn.err"; then
      fail "$what: -j $j says '$(head -n 1 "$tmp/jn.err")', -j 1 '$(head -n 1 "$tmp/j1.err")'"
    else
      pass
    fi
  done
}

# ---- the option -------------------------------------------------------
iris="$top_srcdir/testdata/corpus/tree/sklearn_iris_classifier"
"$PMMLC" score "$iris/model.pmml" "$iris/input.csv" >"$tmp/ref.csv" 2>/dev/null
for opt in "-j 0" "-j2" "--jobs=3" "--jobs 1" "-j 64"; do
  # shellcheck disable=SC2086
  if "$PMMLC" score $opt "$iris/model.pmml" "$iris/input.csv" >"$tmp/o.csv" 2>"$tmp/e" &&
     cmp -s "$tmp/ref.csv" "$tmp/o.csv"; then pass
  else fail "option $opt: $(head -n 1 "$tmp/e")"; fi
done
for bad in -1 x 2x 257 ""; do
  "$PMMLC" score -j "$bad" "$iris/model.pmml" "$iris/input.csv" >/dev/null 2>"$tmp/e"
  st=$?
  if [ $st -eq 2 ] && grep -q -- "-j takes a number of threads" "$tmp/e"; then pass
  else fail "-j '$bad': exit $st, $(head -n 1 "$tmp/e")"; fi
done
if "$PMMLC" score --help | grep -q -- "--jobs=N"; then pass; else fail "--help has no --jobs"; fi

# A header and no row; nothing at all; a header that is not one.
head -n 1 "$iris/input.csv" > "$tmp/hdr.csv"
same_at_j "header only" -- "$iris/model.pmml" "$tmp/hdr.csv"
: > "$tmp/empty.csv"
same_at_j "empty input" -- "$iris/model.pmml" "$tmp/empty.csv"
printf 'a,b\n1,2\n' > "$tmp/nocols.csv"
same_at_j "no such columns" -- "$iris/model.pmml" "$tmp/nocols.csv"

# ---- every case of testdata/corpus, plain and with every option ---------
for dir in "$top_srcdir"/testdata/corpus/*/*/; do
  case=${dir%/}
  case=${case#"$top_srcdir"/testdata/corpus/}
  same_at_j "$case" -- "$dir/model.pmml" "$dir/input.csv"
  same_at_j "$case -k report" -- -k --on-error=report "$dir/model.pmml" "$dir/input.csv"
done

# ---- the shared corpus cases pmmlc passes ------------------------------
manifest="$SHARED/conformance/MANIFEST.tsv"
if [ -f "$manifest" ]; then
  grep -v '^#' "$top_srcdir/tests/corpus_cases.txt" | grep . | while read -r id; do
    awk -F'\t' -v id="$id" '$1 == id { print $2; print $3 }' "$manifest"
  done > "$tmp/shared.txt"
  while read -r model && read -r input; do
    same_at_j "$model" -- "$SHARED/conformance/$model" "$SHARED/conformance/$input"
  done < "$tmp/shared.txt"
else
  echo "jobs.sh: no shared corpus at $SHARED; its cases are skipped"
fi

# ---- many rows, and rows that cannot be scored -------------------------
# 20,000 rows of iris: blocks of every size, the rows of each in order.
{
  head -n 1 "$iris/input.csv"
  i=0
  while [ $i -lt 134 ]; do tail -n +2 "$iris/input.csv"; i=$((i + 1)); done
} > "$tmp/big.csv"
same_at_j "20,000 rows" -- "$iris/model.pmml" "$tmp/big.csv"
same_at_j "20,000 rows, -k" -- -k "$iris/model.pmml" "$tmp/big.csv"
# Bad rows far apart: ragged (row 3000), a value the model refuses (row
# 3001, 12000), a stray quote ending the file. Stop mode names row 3000
# and writes the 2,999 rows before it, whichever block a thread finishes
# first; report mode writes every row.
awk 'NR == 3001 { print "1,2,3"; next }
     NR == 3002 { sub(/[^,]*$/, "abc") }
     NR == 12001 { sub(/[^,]*$/, "xyz") }
     { print }
     END { printf "\"5.1,3.5,1.4,0.2\n" }' "$tmp/big.csv" > "$tmp/bad.csv"
same_at_j "bad rows, stop" -- "$iris/model.pmml" "$tmp/bad.csv"
if grep -q "bad.csv:3001: error: row 3000: 3 fields, but the header has 4" "$tmp/jn.err" &&
   [ "$(wc -l < "$tmp/jn.out")" -eq 3000 ]; then pass
else fail "bad rows, stop: $(head -n 1 "$tmp/jn.err"), $(wc -l < "$tmp/jn.out") lines"; fi
same_at_j "bad rows, report" -- --on-error=report "$iris/model.pmml" "$tmp/bad.csv"
if grep -q "4 of 20101 rows could not be scored" "$tmp/jn.err" &&
   [ "$(wc -l < "$tmp/jn.out")" -eq 20102 ]; then pass
else fail "bad rows, report: $(head -n 1 "$tmp/jn.err"), $(wc -l < "$tmp/jn.out") lines"; fi
same_at_j "bad rows, report, --keep" -- --on-error=report --keep=petal_length,sepal_width "$iris/model.pmml" "$tmp/bad.csv"
# The first bad row is the refused value: stop at row 3001.
awk 'NR != 3001' "$tmp/bad.csv" > "$tmp/bad2.csv"
same_at_j "refused value, stop" -- "$iris/model.pmml" "$tmp/bad2.csv"
has_err() { if grep -qF -- "$2" "$1"; then pass; else fail "$3: $(head -n 1 "$1")"; fi; }
has_err "$tmp/jn.err" "row 3000: " "refused value, stop"
# Only the very last row fails: every row before it is written.
awk 'NR != 3001 && NR != 3002 && NR != 12001' "$tmp/bad.csv" > "$tmp/bad3.csv"
same_at_j "last row bad, stop" -- "$iris/model.pmml" "$tmp/bad3.csv"
has_err "$tmp/jn.err" "row 20098: quoted field 1 is not closed" "last row bad, stop"
if [ "$(wc -l < "$tmp/jn.out")" -eq 20098 ]; then pass; else fail "last row bad: $(wc -l < "$tmp/jn.out") lines"; fi
# From standard input, to standard output.
"$PMMLC" score -j 1 "$iris/model.pmml" < "$tmp/big.csv" > "$tmp/p1.csv" 2>&1
"$PMMLC" score -j 3 "$iris/model.pmml" < "$tmp/big.csv" > "$tmp/p3.csv" 2>&1
if cmp -s "$tmp/p1.csv" "$tmp/p3.csv"; then pass; else fail "pipes: -j 3 differs"; fi

# Cells that end blocks by their size (64 KB each, kept): 300 rows.
awk -v OFS=, 'BEGIN { s = "x"; while (length(s) < 40000) s = s s }
     NR == 1 { print $0, "big"; next }
     NR <= 301 { print $0, NR s }' FS=, "$tmp/big.csv" > "$tmp/wide.csv"
same_at_j "64 KB cells, -k" -- -k "$iris/model.pmml" "$tmp/wide.csv"

# 2,000 more columns, kept: blocks of fewer rows (a bound on cells).
awk -F, -v OFS=, 'NR <= 1001 { s = ""; for (i = 1; i <= 2000; i++) s = s "," (NR == 1 ? "c" i : i * NR); print $0 s }' \
  "$tmp/big.csv" > "$tmp/many.csv"
same_at_j "2,000 more columns, -k" -- -k "$iris/model.pmml" "$tmp/many.csv"

# --progress: the same count of rows at the end.
"$PMMLC" score --progress -j 1 "$iris/model.pmml" "$tmp/big.csv" -o /dev/null 2>"$tmp/p1"
"$PMMLC" score --progress -j 2 "$iris/model.pmml" "$tmp/big.csv" -o /dev/null 2>"$tmp/p2"
a=$(tr '\r' '\n' < "$tmp/p1" | grep "rows in" | sed 's/ in .*//')
b=$(tr '\r' '\n' < "$tmp/p2" | grep "rows in" | sed 's/ in .*//')
if [ -n "$a" ] && [ "$a" = "$b" ]; then pass; else fail "--progress: '$a' and '$b'"; fi

# Output that cannot be written.
if [ -w /dev/full ]; then
  "$PMMLC" score -j 2 "$iris/model.pmml" "$tmp/big.csv" -o /dev/full 2>"$tmp/e"
  st=$?
  if [ $st -eq 1 ] && grep -q "cannot write: No space left" "$tmp/e"; then pass
  else fail "-j 2 to /dev/full: exit $st, $(head -n 1 "$tmp/e")"; fi
fi

# ---- grouped rows: one thread whatever -j ------------------------------
cat > "$tmp/basket.pmml" <<'END'
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/>
<DataDictionary>
 <DataField name="t" optype="categorical" dataType="string"/>
 <DataField name="item" optype="categorical" dataType="string"/>
</DataDictionary>
<AssociationModel functionName="associationRules" numberOfTransactions="9"
  minimumSupport="0" minimumConfidence="0" numberOfItems="3"
  numberOfItemsets="4" numberOfRules="2">
 <MiningSchema><MiningField name="t" usageType="group"/>
  <MiningField name="item"/></MiningSchema>
 <Output>
  <OutputField name="rule" feature="rule" dataType="string"/>
 </Output>
 <Item id="1" value="a"/><Item id="2" value="b"/><Item id="3" value="c"/>
 <Itemset id="A"><ItemRef itemRef="1"/></Itemset>
 <Itemset id="B"><ItemRef itemRef="2"/></Itemset>
 <Itemset id="AB"><ItemRef itemRef="1"/><ItemRef itemRef="2"/></Itemset>
 <Itemset id="C"><ItemRef itemRef="3"/></Itemset>
 <AssociationRule antecedent="A" consequent="B" support="0.5" confidence="0.6"/>
 <AssociationRule antecedent="AB" consequent="C" support="0.2" confidence="0.8"/>
</AssociationModel></PMML>
END
# 3,000 groups of 1 to 3 rows, a key coming back, a ragged row.
awk 'BEGIN { print "t,item,note"
       for (g = 1; g <= 3000; g++)
         for (k = 0; k <= g % 3; k++) print g "," substr("abc", k + 1, 1) ",n" g
       print "7,a,back"; print "3001,a" }' > "$tmp/groups.csv"
same_at_j "groups, stop" -- -k "$tmp/basket.pmml" "$tmp/groups.csv"
has_err "$tmp/jn.err" "row 6002: 2 fields" "groups, stop"
same_at_j "groups, report" -- -k --on-error=report "$tmp/basket.pmml" "$tmp/groups.csv"
has_err "$tmp/jn.err" "warning: group '7' comes back" "groups, report"
finish
