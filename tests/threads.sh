#!/bin/sh
# threads.sh: models shared by 16 threads give the results of one thread
# (tests/threads.c), on a tree, a regression with transformations, and a
# TextIndex model (regular expressions keep per-context state).
set -u
. "$(dirname "$0")/lib.sh"

THREADS=${THREADS_BIN:-$top_builddir/tests/threads}
c="$top_srcdir/testdata/corpus"
for case in tree/rpart_surrogate regression/sklearn_logistic_multinomial \
            tree/sklearn_categorical_classifier; do
  if "$THREADS" "$c/$case/model.pmml" "$c/$case/input.csv" 16 \
      >"$tmp/out" 2>&1; then
    pass
  else
    fail "$case: $(head -n 3 "$tmp/out")"
  fi
done
s="$SHARED/conformance/jpmml-transpiler"
if [ -f "$s/pmml/LogisticRegressionSentiment.pmml" ]; then
  if "$THREADS" "$s/pmml/LogisticRegressionSentiment.pmml" \
      "$s/csv/Sentiment.csv" 8 >"$tmp/out" 2>&1; then
    pass
  else
    fail "LogisticRegressionSentiment: $(head -n 3 "$tmp/out")"
  fi
fi
finish
