#!/bin/sh
# corpus.sh: the shared conformance corpus (../shared/conformance, beside
# the project), through `pmmlc score`. Fails on any case listed in
# tests/corpus_cases.txt (those pmmlc must pass); skips, saying so, where
# ../shared does not exist (a fresh clone elsewhere).
set -u
. "$(dirname "$0")/lib.sh"

checker="$SHARED/tools/conformance"
if [ ! -x "$checker" ]; then
  echo "corpus.sh: SKIP: no conformance corpus at $SHARED (it exists only" \
    "beside the project's own checkout)"
  exit 77
fi
# The case ids as one anchored regular expression.
ids=$(grep -v '^#' "$top_srcdir/tests/corpus_cases.txt" | grep . |
  sed 's/[.[\*^$+?(){}|]/\\&/g' | paste -sd'|' -)
"$checker" --only "^($ids)\$" --timeout 120 \
  --cmd "'$PMMLC' score {model} {input} -o {output}" > "$tmp/report.txt" 2>&1
status=$?
grep -v '^PASS' "$tmp/report.txt"
tail -n 1 "$tmp/report.txt"
exit $status
