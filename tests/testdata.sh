#!/bin/sh
# testdata.sh: score every case of testdata/corpus (our own models, with
# expected outputs from the framework that trained them) and compare with
# csvcmp. Families pmmlc scores must match; the others must be refused
# with exit status 1 and a message that says they are not supported.
set -u
. "$(dirname "$0")/lib.sh"

# The families whose cases must pass (grows as families are implemented).
SUPPORTED="tree regression glm clustering knn scorecard neural svm naivebayes ruleset mining anomaly"

for dir in "$top_srcdir"/testdata/corpus/*/*/; do
  dir=${dir%/}
  case=${dir#"$top_srcdir"/testdata/corpus/}
  family=${case%%/*}
  out="$tmp/out.csv"
  err="$tmp/err.txt"
  "$PMMLC" score "$dir/model.pmml" "$dir/input.csv" -o "$out" 2>"$err"
  status=$?
  supported=0
  for f in $SUPPORTED; do [ "$f" = "$family" ] && supported=1; done
  if [ $supported -eq 0 ]; then
    if [ $status -eq 1 ] && grep -q "is not supported" "$err"; then
      pass
    else
      fail "$case: expected 'not supported' (exit 1), got exit $status: $(head -n1 "$err")"
    fi
    continue
  fi
  if [ $status -ne 0 ]; then
    fail "$case: exit $status: $(head -n1 "$err")"
    continue
  fi
  opts=
  [ -f "$dir/compare" ] && opts=$(cat "$dir/compare")
  if eval "\"\$CSVCMP\" $opts \"\$dir/expected.csv\" \"\$out\"" >"$err" 2>&1; then
    pass
  else
    fail "$case: $(head -n1 "$err")"
  fi
done
finish
