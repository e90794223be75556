#!/bin/sh
# check.sh: `pmmlc check` and `pmmlc verify` end to end.
#
#   - every document of testdata/ (but the bad ones) and of the shared corpus
#     is accepted: exit 0, or exit 1 where every error is a construct pmmlc
#     cannot score yet (the summary line says how many);
#   - every testdata/errors/X.pmml is refused, its first line being X.check;
#     every testdata/errors/check/X.pmml (loaded by the reader, flagged by
#     check) gives X.check as first line, with the options in X.opts, and
#     exits 1 exactly when that line is an error; every schema-bad document
#     is refused;
#   - --schema with DMG's schema, gzip, standard input, documents without
#     namespace or with a prefix;
#   - verify passes on documents with correct records and fails, naming
#     record and field, on altered ones (testdata/verify/*_altered.pmml and
#     their .verify; altered copies of the shared corpus's records);
#   - the error corpora under valgrind (skipped without it).
set -u
. "$(dirname "$0")/lib.sh"

td="$top_srcdir/testdata"
corpus="$SHARED/conformance"
dmg44="$SHARED/reference/schemas/pmml-4-4.xsd"

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

# accepted FILE...: each FILE is valid, or refused only for constructs that
# pmmlc cannot score yet ("N errors (N: not supported by pmmlc yet)").
accepted() {
  "$PMMLC" check "$@" >/dev/null 2>"$tmp/acc"
  for f in "$@"; do
    s=$(grep -F -- "$f: " "$tmp/acc" | tail -n 1)
    s=${s#"$f: "}
    case $s in
    ok | "ok, "*) pass ;;
    *" not supported by pmmlc yet), "*)
      n=${s%% *}
      u=${s#*(}
      u=${u%%:*}
      if [ "$n" = "$u" ]; then
        unsupported=$((unsupported + 1))
        pass
      else
        fail "check $f: $s: $(grep -F -- "$f:" "$tmp/acc" | grep 'error:' | grep -v 'not supported' | head -n 2)"
      fi
      ;;
    *) fail "check $f: ${s:-no summary}: $(grep -F -- "$f:" "$tmp/acc" | head -n 2)" ;;
    esac
  done
}

# ---- usage -------------------------------------------------------------
expect 0 "check --help" -- "$PMMLC" check --help
has "$tmp/stdout" "--schema" "check --help"
expect 0 "verify --help" -- "$PMMLC" verify --help
expect 2 "check without a model" -- "$PMMLC" check
expect 2 "check --strict --lax" -- "$PMMLC" check --strict --lax "$td/verify/tree_iris.pmml"
expect 2 "check with a missing schema" -- "$PMMLC" check --schema "$tmp/none.xsd" "$td/verify/tree_iris.pmml"
expect 2 "check with a schema that is not one" -- "$PMMLC" check --schema "$td/verify/tree_iris.pmml" "$td/verify/tree_iris.pmml"
expect 1 "check of a missing file" -- "$PMMLC" check "$tmp/none.pmml"
has "$tmp/stderr" "none.pmml: error: No such file" "check of a missing file"
expect 2 "verify --compiled of standard input" -- sh -c "'$PMMLC' verify --compiled - <'$td/verify/tree_iris.pmml'"
has "$tmp/stderr" "needs a MODEL file" "verify --compiled of standard input"
expect 1 "verify without records" -- "$PMMLC" verify "$top_srcdir/examples/iris.pmml"
has "$tmp/stderr" "no ModelVerification records" "verify without records"

# ---- documents that must be accepted -----------------------------------
unsupported=0
find "$td" -type f \( -name '*.pmml' -o -name '*.pmml.gz' \) \
  ! -path "$td/errors/*" ! -path "$td/schema-bad/*" | LC_ALL=C sort >"$tmp/list"
# shellcheck disable=SC2046
accepted $(cat "$tmp/list")
echo "check.sh: testdata: $(wc -l <"$tmp/list") documents, $unsupported with constructs pmmlc cannot score yet"
if [ -f "$corpus/MANIFEST.tsv" ]; then
  unsupported=0
  tail -n +2 "$corpus/MANIFEST.tsv" | cut -f 2 | sed "s#^#$corpus/#" >"$tmp/list"
  # shellcheck disable=SC2046
  accepted $(cat "$tmp/list")
  echo "check.sh: $corpus: $(wc -l <"$tmp/list") documents, $unsupported with constructs pmmlc cannot score yet"
else
  echo "check.sh: SKIP: no conformance corpus at $corpus"
fi

# ---- documents that must be refused or flagged --------------------------
for doc in "$td"/errors/*.pmml; do
  want=$(cat "${doc%.pmml}.check")
  "$PMMLC" check "$doc" >/dev/null 2>"$tmp/stderr"
  got=$?
  line=$(head -n 1 "$tmp/stderr")
  if [ "$got" -eq 1 ] && [ "${line#"$doc":}" = "$want" ]; then
    pass
  else
    fail "errors/$(basename "$doc"): exit $got, '$line', expected '$want'"
  fi
done
for doc in "$td"/errors/check/*.pmml; do
  want=$(cat "${doc%.pmml}.check")
  opts=
  [ -f "${doc%.pmml}.opts" ] && opts=$(cat "${doc%.pmml}.opts")
  # The reader takes these: only check refuses or flags them.
  "$PMMLC" info "$doc" >/dev/null 2>&1 || fail "errors/check/$(basename "$doc"): the reader refuses it"
  # shellcheck disable=SC2086
  "$PMMLC" check $opts "$doc" >/dev/null 2>"$tmp/stderr"
  got=$?
  line=$(head -n 1 "$tmp/stderr")
  case $want in
  *" error: "*) status=1 ;;
  *) status=0 ;;
  esac
  if [ "$got" -eq "$status" ] && [ "${line#"$doc":}" = "$want" ]; then
    pass
  else
    fail "errors/check/$(basename "$doc") $opts: exit $got, '$line', expected '$want'"
  fi
done
for doc in "$td"/schema-bad/*.pmml; do
  # pmmlc maps the older namespaces onto 4.4 by design.
  [ "$(basename "$doc")" = old-namespace.pmml ] && continue
  expect 1 "schema-bad/$(basename "$doc")" -- "$PMMLC" check "$doc"
done
expect 0 "an old namespace is mapped" -- "$PMMLC" check "$td/schema-bad/old-namespace.pmml"

# ---- schemas, formats, positions ----------------------------------------
iris="$td/verify/tree_iris.pmml"
if [ -f "$dmg44" ]; then
  for doc in "$td"/schema-good/std-*.pmml; do
    accepted "$doc"
    "$PMMLC" check --schema "$dmg44" "$doc" >/dev/null 2>"$tmp/stderr"
    if grep -q 'is not expected\|is not allowed\|not a valid value\|is required' "$tmp/stderr"; then
      fail "DMG's schema on $(basename "$doc"): $(head -n 1 "$tmp/stderr")"
    else
      pass
    fi
  done
  expect 1 "DMG's schema on a bad document" -- "$PMMLC" check --schema "$dmg44" "$td/schema-bad/bad-operator.pmml"
  has "$tmp/stderr" "SimplePredicate: attribute 'operator': the value 'equals' is not an element of the set" "DMG's schema message"
  has "$tmp/stderr" "(did you mean 'equal'?)" "DMG's schema suggestion"
else
  echo "check.sh: SKIP: no $dmg44"
fi
gzip -c "$iris" >"$tmp/iris.pmml.gz"
expect 0 "check of gzip" -- "$PMMLC" check "$tmp/iris.pmml.gz"
expect 0 "check of standard input" -- sh -c "'$PMMLC' check - <'$iris'"
has "$tmp/stderr" "<stdin>: ok" "check of standard input"
head -c 700 "$tmp/iris.pmml.gz" >"$tmp/cut.pmml.gz"
expect 1 "check of truncated gzip" -- "$PMMLC" check "$tmp/cut.pmml.gz"
has "$tmp/stderr" "gzip data ends early" "check of truncated gzip"
# Without namespace, in PMML 4.2's with a prefix, with vendor elements: the
# same positions.
sed 's# xmlns="http://www.dmg.org/PMML-4_4"##' "$td/errors/misspelt_field.pmml" >"$tmp/nons.pmml"
expect 1 "no namespace" -- "$PMMLC" check "$tmp/nons.pmml"
has "$tmp/stderr" "nons.pmml:11:20: error: SimplePredicate: unknown field 'petal_lenght' (did you mean 'petal_length'?)" "no namespace"
sed 's#<\([A-Z]\)#<p:\1#g; s#</\([A-Z]\)#</p:\1#g; s#xmlns="http://www.dmg.org/PMML-4_4" version="4.4"#xmlns:p="http://www.dmg.org/PMML-4_2" version="4.2"#' \
  "$td/errors/misspelt_field.pmml" >"$tmp/prefix.pmml"
expect 1 "prefixed PMML 4.2" -- "$PMMLC" check "$tmp/prefix.pmml"
has "$tmp/stderr" "prefix.pmml:11:22: error: SimplePredicate: unknown field 'petal_lenght'" "prefixed PMML 4.2"
# A start tag over several lines: the position of its '<'.
sed 's#<SimplePredicate field#<SimplePredicate\n      field#' "$td/errors/misspelt_field.pmml" >"$tmp/lines.pmml"
expect 1 "tag over two lines" -- "$PMMLC" check "$tmp/lines.pmml"
has "$tmp/stderr" "lines.pmml:11:20: error: SimplePredicate: unknown field" "tag over two lines"
# --strict turns every warning into an error, --lax hides quirks.
expect 1 "--strict" -- "$PMMLC" check --strict "$td/errors/check/second_model.pmml"
expect 0 "--lax" -- "$PMMLC" check --lax "$td/errors/check/version_namespace.pmml"
has "$tmp/stderr" "version_namespace.pmml: ok" "--lax shows no quirk"
# Several documents at once: exit 1 if any fails.
expect 1 "several documents" -- "$PMMLC" check "$iris" "$td/errors/misspelt_field.pmml"
has "$tmp/stderr" "tree_iris.pmml: ok" "several documents"

# ---- verify -------------------------------------------------------------
for doc in "$td"/verify/*.pmml; do
  name=$(basename "$doc" .pmml)
  case $name in
  *_altered)
    want=$(cat "${doc%.pmml}.verify")
    "$PMMLC" verify "$doc" >/dev/null 2>"$tmp/stderr"
    got=$?
    line=$(head -n 1 "$tmp/stderr")
    if [ "$got" -eq 1 ] && [ "${line#"$doc":}" = "$want" ]; then
      pass
    else
      fail "verify/$name: exit $got, '$line', expected '$want'"
    fi
    ;;
  *) expect 0 "verify/$name" -- "$PMMLC" verify "$doc" ;;
  esac
done
# Through the generated C: the same report, word for word.
if command -v "${CC:-cc}" >/dev/null 2>&1; then
  for doc in "$td"/verify/*.pmml; do
    name=$(basename "$doc" .pmml)
    "$PMMLC" verify "$doc" >/dev/null 2>"$tmp/interp"
    want=$?
    "$PMMLC" verify --compiled "$doc" >/dev/null 2>"$tmp/compiled"
    got=$?
    if [ "$got" -eq "$want" ] && cmp -s "$tmp/interp" "$tmp/compiled"; then
      pass
    else
      fail "verify --compiled $name: exit $got (interpreter $want): $(diff "$tmp/interp" "$tmp/compiled" | head -n 3)"
    fi
  done
else
  echo "check.sh: SKIP: verify --compiled: no C compiler (${CC:-cc})"
fi
expect 0 "verify -v" -- "$PMMLC" verify -v "$iris"
has "$tmp/stderr" "note: record 12, field 'probability(virginica)': 0 matches 0.0" "verify -v"
expect 0 "verify of standard input" -- sh -c "'$PMMLC' verify - <'$iris'"
if [ -f "$corpus/MANIFEST.tsv" ]; then
  # The corpus documents with records, of the kinds pmmlc scores.
  for id in DecisionTreeAudit DecisionTreeIris DecisionTreeAuto \
    LogisticRegressionAudit LogisticRegressionIris LinearRegressionAuto \
    IsotonicRegressionAuto; do
    doc="$corpus/jpmml-transpiler/pmml/$id.pmml"
    expect 0 "verify transpiler/$id" -- "$PMMLC" verify "$doc"
    if command -v "${CC:-cc}" >/dev/null 2>&1; then
      expect 0 "verify --compiled transpiler/$id" -- "$PMMLC" verify --compiled "$doc"
    fi
  done
  # Altered: the second record's expected probability.
  sed '0,/<data:probability_1>/s#<data:probability_1>[^<]*#<data:probability_1>0.5#' \
    "$corpus/jpmml-transpiler/pmml/LogisticRegressionAudit.pmml" >"$tmp/alt.pmml"
  expect 1 "verify of an altered corpus document" -- "$PMMLC" verify "$tmp/alt.pmml"
  has "$tmp/stderr" "alt.pmml:207: error: record 1, field 'probability(1)': expected 0.5, got 0.37342384108428794" "verify names record and field"
else
  echo "check.sh: SKIP: no conformance corpus at $corpus"
fi

# ---- under valgrind ------------------------------------------------------
if command -v valgrind >/dev/null 2>&1 && [ -z "${PMMLC_NO_VALGRIND:-}" ]; then
  valgrind -q --error-exitcode=99 --leak-check=full "$PMMLC" check \
    "$td"/errors/*.pmml "$td"/errors/check/*.pmml "$td"/schema-bad/*.pmml \
    "$td"/schema-good/*.pmml "$tmp/cut.pmml.gz" "$tmp/lines.pmml" \
    >/dev/null 2>"$tmp/vg"
  if [ $? -eq 1 ]; then pass; else fail "valgrind on check: $(grep '==' "$tmp/vg" | head -n 3)"; fi
  for doc in "$td"/verify/tree_iris_altered.pmml "$td"/verify/regression_linear.pmml; do
    valgrind -q --error-exitcode=99 --leak-check=full "$PMMLC" verify \
      "$doc" >/dev/null 2>"$tmp/vg"
    if [ $? -ne 99 ]; then pass; else fail "valgrind on verify $(basename "$doc"): $(grep '==' "$tmp/vg" | head -n 3)"; fi
  done
  valgrind -q --error-exitcode=99 --leak-check=full "$PMMLC" check \
    --schema "$dmg44" "$td"/schema-good/std-models-scored.pmml >/dev/null 2>"$tmp/vg"
  if [ $? -ne 99 ]; then pass; else fail "valgrind on check --schema: $(grep '==' "$tmp/vg" | head -n 3)"; fi
fi
finish
