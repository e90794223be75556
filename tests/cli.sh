#!/bin/sh
# cli.sh: end-to-end tests of the pmmlc command line. Help and usage
# errors, scoring from files, pipes and gzip, the CSV options, rows that
# cannot be scored (reported with their row, never dropped or shifted),
# and every document of testdata/errors refused with its exact message.
set -u
. "$(dirname "$0")/lib.sh"

ex="$top_srcdir/examples"
iris="$top_srcdir/testdata/corpus/tree/sklearn_iris_classifier"

# expect STATUS DESCRIPTION -- COMMAND...: run it, check the exit status.
expect() {
  want=$1
  what=$2
  shift 3
  "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  got=$?
  if [ "$got" -eq "$want" ]; then
    pass
  else
    fail "$what: exit $got, expected $want: $(head -n1 "$tmp/stderr")"
  fi
}

# has FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string).
has() {
  if grep -qF -- "$2" "$1"; then pass; else fail "$3: no '$2' in $(head -c 300 "$1")"; fi
}

# ---- help, version, usage errors ----------------------------------------
expect 0 "--help" -- "$PMMLC" --help
has "$tmp/stdout" "Usage: pmmlc" "--help"
expect 0 "--version" -- "$PMMLC" --version
has "$tmp/stdout" "pmmlc 0." "--version"
expect 0 "score --help" -- "$PMMLC" score --help
has "$tmp/stdout" "--on-error" "score --help"
expect 0 "info --help" -- "$PMMLC" info --help
expect 2 "no verb" -- "$PMMLC"
expect 2 "unknown verb" -- "$PMMLC" frobnicate
has "$tmp/stderr" "unknown verb 'frobnicate'" "unknown verb"
expect 2 "score without a model" -- "$PMMLC" score
expect 2 "bad option" -- "$PMMLC" score --bogus "$ex/iris.pmml"
expect 2 "bad --on-error" -- "$PMMLC" score --on-error=maybe "$ex/iris.pmml"
expect 1 "missing model file" -- "$PMMLC" score "$tmp/nonexistent.pmml"
has "$tmp/stderr" "nonexistent.pmml: error: No such file" "missing model file"

# ---- compile: usage, files, refusals -------------------------------------
expect 0 "compile --help" -- "$PMMLC" compile --help
has "$tmp/stdout" "--main" "compile --help"
expect 2 "compile without a model" -- "$PMMLC" compile
expect 2 "compile to a name without .c" -- "$PMMLC" compile "$iris/model.pmml" -o "$tmp/x.cc"
expect 2 "compile with a bad prefix" -- "$PMMLC" compile "$iris/model.pmml" -o "$tmp/x.c" --prefix "9x"
expect 1 "compile a missing file" -- "$PMMLC" compile "$tmp/nonexistent.pmml" -o "$tmp/x.c"
mkdir -p "$tmp/gen"
expect 0 "pmmlc MODEL -o FILE.c" -- "$PMMLC" "$iris/model.pmml" -o "$tmp/gen/iris.c"
if [ -s "$tmp/gen/iris.c" ] && [ -s "$tmp/gen/iris.h" ]; then pass; else fail "no iris.c/iris.h"; fi
has "$tmp/gen/iris.h" "int iris_score(iris_ctx *c);" "prefix from the file name"
expect 0 "--prefix and --header" -- "$PMMLC" compile "$iris/model.pmml" -o "$tmp/gen/a.c" --prefix flower --header "$tmp/gen/b.h"
has "$tmp/gen/a.c" '#include "b.h"' "--header"
has "$tmp/gen/b.h" "int flower_score(flower_ctx *c);" "--prefix"
# A construct the generator does not compile: refused, naming it and its line.
sed 's|<Output>|<Output><OutputField name="m" feature="transformedValue"><Apply function="replace"><FieldRef field="petal_width"/><Constant>0</Constant><Constant>1</Constant></Apply></OutputField>|' \
  "$iris/model.pmml" > "$tmp/regex.pmml"
expect 1 "compile refuses replace" -- "$PMMLC" compile "$tmp/regex.pmml" -o "$tmp/gen/r.c"
has "$tmp/stderr" "regex.pmml:25: error: Apply: function 'replace' (regular expressions) is not supported by the code generator yet" "refusal message"
if [ ! -e "$tmp/gen/r.c" ]; then pass; else fail "a refused model left r.c"; fi
# A regular expression of a TextIndex beyond what the generated matcher
# does (a backreference): refused, naming it and its line.
sed 's/x-wordRE="\\w+"/x-wordRE="(\\w)\\1"/' \
  "$top_srcdir/testdata/codegen/textindex/model.pmml" > "$tmp/backref.pmml"
expect 1 "compile refuses a backreference" -- "$PMMLC" compile "$tmp/backref.pmml" -o "$tmp/gen/b.c"
has "$tmp/stderr" "backref.pmml:40: error: TextIndex x-wordRE: the regular expression '(\\w)\\1' is not supported by the code generator" "regex refusal message"

# ---- scoring ------------------------------------------------------------
expect 0 "score files" -- "$PMMLC" score "$iris/model.pmml" "$iris/input.csv" -o "$tmp/out.csv"
expect 0 "score matches sklearn" -- "$CSVCMP" "$iris/expected.csv" "$tmp/out.csv"
cat "$iris/input.csv" | "$PMMLC" score "$iris/model.pmml" > "$tmp/pipe.csv" 2>"$tmp/stderr"
if cmp -s "$tmp/out.csv" "$tmp/pipe.csv"; then pass; else fail "stdin/stdout differs from files"; fi
gzip -c "$iris/model.pmml" > "$tmp/model.pmml.gz"
expect 0 "gzip model" -- "$PMMLC" score "$tmp/model.pmml.gz" "$iris/input.csv" -o "$tmp/gz.csv"
if cmp -s "$tmp/out.csv" "$tmp/gz.csv"; then pass; else fail "gzip model scores differently"; fi
cat "$iris/model.pmml" | "$PMMLC" score - "$iris/input.csv" > "$tmp/m.csv" 2>"$tmp/stderr"
if cmp -s "$tmp/out.csv" "$tmp/m.csv"; then pass; else fail "model from stdin"; fi
expect 2 "model and input both stdin" -- "$PMMLC" score - -
# A gzip stream cut short.
head -c 600 "$tmp/model.pmml.gz" > "$tmp/cut.pmml.gz"
expect 1 "truncated gzip" -- "$PMMLC" info "$tmp/cut.pmml.gz"
has "$tmp/stderr" "gzip data ends early" "truncated gzip"
# Separator, missing-value strings, kept columns.
tr ',' ';' < "$iris/input.csv" > "$tmp/semi.csv"
expect 0 "separator ;" -- "$PMMLC" score -s ';' "$iris/model.pmml" "$tmp/semi.csv" -o "$tmp/semi_out.csv"
tr ';' ',' < "$tmp/semi_out.csv" > "$tmp/semi_back.csv"
if cmp -s "$tmp/out.csv" "$tmp/semi_back.csv"; then pass; else fail "separator ; output differs"; fi
expect 0 "keep-input" -- "$PMMLC" score -k "$iris/model.pmml" "$iris/input.csv" -o "$tmp/keep.csv"
has "$tmp/keep.csv" "sepal_length,sepal_width,petal_length,petal_width,Species" "keep-input header"
expect 0 "--keep" -- "$PMMLC" score --keep petal_width "$iris/model.pmml" "$iris/input.csv" -o "$tmp/keep1.csv"
has "$tmp/keep1.csv" "petal_width,Species" "--keep header"
expect 1 "--keep of an unknown column" -- "$PMMLC" score --keep nope "$iris/model.pmml" "$iris/input.csv"

# ---- bad data -----------------------------------------------------------
printf 'sepal_length,sepal_width\n1,2\n' > "$tmp/nocol.csv"
expect 1 "missing input column" -- "$PMMLC" score "$iris/model.pmml" "$tmp/nocol.csv"
has "$tmp/stderr" "no column 'petal_length'" "missing input column"
printf '' > "$tmp/empty.csv"
expect 1 "empty input" -- "$PMMLC" score "$iris/model.pmml" "$tmp/empty.csv"
has "$tmp/stderr" "no header row" "empty input"
# Row 3 is ragged: stop names it; report keeps every row in place.
{
  head -n 3 "$iris/input.csv"
  echo "1,2,3"
  sed -n '4,6p' "$iris/input.csv"
} > "$tmp/ragged.csv"
expect 1 "ragged row stops" -- "$PMMLC" score "$iris/model.pmml" "$tmp/ragged.csv" -o "$tmp/r.csv"
has "$tmp/stderr" "ragged.csv:4: error: row 3: 3 fields, but the header has 4" "ragged row message"
expect 0 "ragged row reported" -- "$PMMLC" score --on-error=report "$iris/model.pmml" "$tmp/ragged.csv" -o "$tmp/r.csv"
if [ "$(wc -l < "$tmp/r.csv")" -eq 7 ]; then pass; else fail "report mode: $(wc -l < "$tmp/r.csv") lines, expected 7"; fi
if sed -n 4p "$tmp/r.csv" | grep -q '^,,,,"row 3 (line 4): 3 fields'; then pass; else fail "report mode: row 3 is $(sed -n 4p "$tmp/r.csv")"; fi
if sed -n 5p "$tmp/r.csv" | grep -q '^setosa,1,0,0,$'; then pass; else fail "report mode: row 4 shifted: $(sed -n 5p "$tmp/r.csv")"; fi
has "$tmp/stderr" "1 of 6 rows could not be scored" "report summary"
# A value that is not a number makes the row invalid (returnInvalid).
{
  head -n 2 "$iris/input.csv"
  echo "5.1,3.5,1.4,abc"
  sed -n '3p' "$iris/input.csv"
} > "$tmp/badnum.csv"
expect 0 "invalid value reported" -- "$PMMLC" score --on-error=report "$iris/model.pmml" "$tmp/badnum.csv" -o "$tmp/b.csv"
has "$tmp/b.csv" "invalid value 'abc'" "invalid value message"
# An unterminated quote at the end loses no earlier row.
{ cat "$iris/input.csv" | head -n 3; printf '"5.1,3.5,1.4,0.2\n'; } > "$tmp/quote.csv"
expect 0 "unbalanced quote reported" -- "$PMMLC" score --on-error=report "$iris/model.pmml" "$tmp/quote.csv" -o "$tmp/q.csv"
if [ "$(wc -l < "$tmp/q.csv")" -eq 4 ]; then pass; else fail "unbalanced quote: $(wc -l < "$tmp/q.csv") lines"; fi

# ---- groups of rows (an AssociationModel with a group field) -------------
# Items a b c; rules {a}->{b} (confidence 0.6) and {a,b}->{c} (0.8).
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
  <OutputField name="n" feature="ruleId" algorithm="recommendation"
    isMultiValued="true" rank="0" dataType="string"/>
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
# Four groups: {a,b}, {a} (NA is no item), {zzz} (unknown), {c}.
printf 't,item,note\n1,a,x\n1,b,y\n2,a,z\n2,NA,w\n3,zzz,v\n4,c,u\n' > "$tmp/basket.csv"
expect 0 "groups: score" -- "$PMMLC" score "$tmp/basket.pmml" "$tmp/basket.csv" -o "$tmp/g.csv"
printf 'rule,n\n"{a,b}->{c}",2;1\n{a}->{b},1\n,\n,\n' > "$tmp/g_want.csv"
if cmp -s "$tmp/g.csv" "$tmp/g_want.csv"; then pass; else fail "groups: got $(cat "$tmp/g.csv")"; fi
"$PMMLC" score --keep t,note "$tmp/basket.pmml" < "$tmp/basket.csv" > "$tmp/gk.csv" 2>"$tmp/stderr"
if [ "$(sed -n 1p "$tmp/gk.csv")" = "t,note,rule,n" ] &&
   [ "$(sed -n 3p "$tmp/gk.csv")" = "2,z,{a}->{b},1" ]; then pass
else fail "groups: --keep from stdin: $(cat "$tmp/gk.csv")"; fi
expect 0 "groups: info" -- "$PMMLC" info "$tmp/basket.pmml"
has "$tmp/stdout" "(groups rows)" "groups: info marks the group input"
printf 'item\na\n' > "$tmp/nogroup.csv"
expect 1 "groups: no group column" -- "$PMMLC" score "$tmp/basket.pmml" "$tmp/nogroup.csv"
has "$tmp/stderr" "no column 't'" "groups: no group column"
# Keys that come back: each run is a group, with a warning.
printf 't,item\n1,a\n2,c\n1,b\n' > "$tmp/interleaved.csv"
expect 0 "groups: interleaved keys" -- "$PMMLC" score "$tmp/basket.pmml" "$tmp/interleaved.csv" -o "$tmp/gi.csv"
if [ "$(wc -l < "$tmp/gi.csv")" -eq 4 ]; then pass; else fail "groups: interleaved: $(cat "$tmp/gi.csv")"; fi
has "$tmp/stderr" "warning: group '1' comes back at row 3" "groups: interleaved warning"
# A ragged row: stop names it; report fails its group only.
printf 't,item,note\n1,a,x\n2,a,y\n2,b\n3,a,z\n' > "$tmp/gragged.csv"
expect 1 "groups: ragged row stops" -- "$PMMLC" score "$tmp/basket.pmml" "$tmp/gragged.csv"
has "$tmp/stderr" "gragged.csv:4: error: row 3: 2 fields, but the header has 3" "groups: ragged row message"
expect 0 "groups: ragged row reported" -- "$PMMLC" score --on-error=report "$tmp/basket.pmml" "$tmp/gragged.csv" -o "$tmp/gr.csv"
if [ "$(wc -l < "$tmp/gr.csv")" -eq 4 ] &&
   sed -n 3p "$tmp/gr.csv" | grep -q '^,,"row 3 (line 4): 2 fields' &&
   [ "$(sed -n 4p "$tmp/gr.csv")" = "{a}->{b},1," ]; then pass
else fail "groups: report mode: $(cat "$tmp/gr.csv")"; fi
has "$tmp/stderr" "1 of 3 groups could not be scored" "groups: report summary"

# ---- documents that must be refused -------------------------------------
for doc in "$top_srcdir"/testdata/errors/*.pmml; do
  name=$(basename "$doc" .pmml)
  want=$(cat "${doc%.pmml}.err")
  "$PMMLC" info "$doc" >/dev/null 2>"$tmp/stderr"
  got=$?
  line=$(head -n 1 "$tmp/stderr")
  if [ "$got" -eq 1 ] && [ "${line#"$doc":}" = "$want" ]; then
    pass
  else
    fail "errors/$name: exit $got, '$line', expected '$want'"
  fi
done
# Generated hostile documents, refused in bounded time and memory: a
# million nested elements, a 100 MB attribute, comments of 50 and 80 MB
# (this one with '<' in it, which no run-length check sees). Each run
# gets 60 s (they take well under a second) and, where the build allows
# it (not under AddressSanitizer, which reserves terabytes of address
# space), 400 MB of address space.
bounded() {
  if [ -n "$vlimit" ]; then
    (ulimit -v 400000; timeout 60 "$@")
  else
    timeout 60 "$@"
  fi
}
vlimit=
if (ulimit -v 400000 && "$PMMLC" --version) >/dev/null 2>&1; then
  vlimit=yes
else
  echo "cli.sh: this build cannot run in 400 MB of address space; memory bound not checked"
fi
{
  echo '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header>'
  i=0
  while [ $i -lt 1000 ]; do printf '%s' '<Extension>'; i=$((i + 1)); done
} > "$tmp/deep_head"
{
  cat "$tmp/deep_head"
  j=0
  while [ $j -lt 1000 ]; do cat "$tmp/deep_head"; j=$((j + 1)); done
} > "$tmp/deep.pmml" 2>/dev/null
expect 1 "a million nested elements" -- bounded "$PMMLC" info "$tmp/deep.pmml"
has "$tmp/stderr" "elements nested deeper than 4096" "deep nesting"
{
  printf '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header description="'
  head -c 100000000 /dev/zero | tr '\0' 'a'
  printf '"/></PMML>'
} > "$tmp/bigattr.pmml"
expect 1 "a 100 MB attribute" -- bounded "$PMMLC" info "$tmp/bigattr.pmml"
has "$tmp/stderr" "longer than 67108864 bytes" "big attribute"
gzip -1 -c "$tmp/bigattr.pmml" > "$tmp/bigattr.pmml.gz"
rm -f "$tmp/bigattr.pmml"
expect 1 "a 100 MB attribute, gzip" -- bounded "$PMMLC" info "$tmp/bigattr.pmml.gz"
has "$tmp/stderr" "longer than 67108864 bytes" "big attribute, gzip"
{
  printf '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><!--'
  head -c 50000000 /dev/zero | tr '\0' 'c'
  printf '  --><Header/></PMML>'
} > "$tmp/bigcomment.pmml"
expect 1 "a 50 MB comment" -- bounded "$PMMLC" info "$tmp/bigcomment.pmml"
has "$tmp/stderr" "holds no model" "big comment"
rm -f "$tmp/bigcomment.pmml"
{
  printf '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><!--'
  yes 'a comment line < with a bracket' | head -c 80000000
  printf '  --><Header/></PMML>'
} > "$tmp/bigcomment.pmml"
expect 1 "an 80 MB comment holding '<'" -- bounded "$PMMLC" info "$tmp/bigcomment.pmml"
has "$tmp/stderr" "comment or processing instruction is longer than 67108864 bytes" "big comment with '<'"
rm -f "$tmp/bigcomment.pmml"
# A model as wide as a text classifier: 200 000 inputs. Loading used to
# scan every list at every name (minutes); now it takes a second.
awk 'BEGIN {
  n = 200000
  print "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><DataDictionary>"
  for (i = 0; i < n; i++)
    printf "<DataField name=\"f%d\" optype=\"continuous\" dataType=\"double\"/>\n", i
  print "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
  print "<RegressionModel functionName=\"regression\"><MiningSchema>"
  for (i = 0; i < n; i++) printf "<MiningField name=\"f%d\"/>\n", i
  print "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
  print "<RegressionTable intercept=\"1\">"
  for (i = 0; i < n; i++)
    printf "<NumericPredictor name=\"f%d\" coefficient=\"1\"/>\n", i
  print "</RegressionTable></RegressionModel></PMML>"
}' > "$tmp/wide.pmml"
expect 0 "a model with 200 000 inputs" -- bounded "$PMMLC" info "$tmp/wide.pmml"
has "$tmp/stdout" "inputs:      200000" "200 000 inputs"
rm -f "$tmp/wide.pmml"
# valgrind, where it can read this build (valgrind 3.19 cannot read the
# DWARF 5 that clang 14 writes: then the checks are skipped, saying so).
vg=
if command -v valgrind >/dev/null 2>&1 && [ -z "${PMMLC_NO_VALGRIND:-}" ]; then
  if valgrind -q --error-exitcode=99 "$PMMLC" --version >/dev/null 2>&1; then
    vg=yes
  else
    echo "cli.sh: valgrind cannot run this build; valgrind checks skipped"
  fi
fi
if [ -n "$vg" ]; then
  for doc in billion_laughs quadratic_blowup external_entity truncated not_xml \
      unknown_field nan_threshold duplicate_datafield tree_default_ancestor; do
    valgrind -q --error-exitcode=99 --leak-check=full \
      "$PMMLC" info "$top_srcdir/testdata/errors/$doc.pmml" >/dev/null 2>"$tmp/vg"
    if [ $? -eq 1 ]; then pass; else fail "valgrind on errors/$doc: $(grep '==' "$tmp/vg" | head -n 3)"; fi
  done
  valgrind -q --error-exitcode=99 --leak-check=full \
    "$PMMLC" info "$tmp/cut.pmml.gz" >/dev/null 2>"$tmp/vg"
  if [ $? -eq 1 ]; then pass; else fail "valgrind on truncated gzip"; fi
  valgrind -q --error-exitcode=99 --leak-check=full "$PMMLC" score \
    --on-error=report "$iris/model.pmml" "$tmp/ragged.csv" >/dev/null 2>"$tmp/vg"
  if [ $? -eq 0 ]; then pass; else fail "valgrind on scoring: $(grep '==' "$tmp/vg" | head -n 3)"; fi
fi
finish
