#!/bin/sh
# Regenerate testdata/corpus: fit the models (scikit-learn, XGBoost, R), write
# our PMML, input and expected CSVs, validate every document against the
# PMML 4.4 schema when it is available, and cross-check every case with the
# independent evaluator pmmlcheck.py.
#
# usage: tests/gen/regen.sh [FAMILY ...]      (default: every family)
#        tests/gen/regen.sh --check           (only validate and cross-check)
#
# Needs Debian's Python and R (see tests/gen/README):
#   apt-get install python3-sklearn python3-xgboost r-base-core r-cran-rpart \
#     r-cran-nnet r-cran-randomforest r-cran-gbm r-cran-e1071 libxml2-utils
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
XSD=${PMML_XSD:-$top/../shared/reference/schemas/pmml-4-4.xsd}
export PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

"$PY" -c 'import sklearn, numpy' 2>/dev/null || {
  echo "regen.sh: $PY lacks scikit-learn/numpy (apt-get install python3-sklearn)" >&2; exit 1; }
command -v Rscript >/dev/null || {
  echo "regen.sh: Rscript not found (apt-get install r-base-core r-cran-rpart ...)" >&2; exit 1; }

families="tree regression mining glm neural svm naivebayes clustering knn scorecard ruleset anomaly"
check_only=no
if [ $# -gt 0 ]; then
  if [ "$1" = --check ]; then check_only=yes; else families="$*"; fi
fi

cd "$here"
if [ $check_only = no ]; then
  for f in $families; do
    if [ -f "gen_$f.py" ]; then
      echo "== $f"
      "$PY" "gen_$f.py"
    fi
  done
fi

if command -v xmllint >/dev/null && [ -f "$XSD" ]; then
  echo "== schema ($XSD)"
  bad=0
  for m in "$top"/testdata/corpus/*/*/model.pmml; do
    case=$(basename "$(dirname "$m")")
    # cases whose README says they carry vendor (x-) attributes are checked
    # with those attributes removed
    if grep -q 'x-mathContext' "$m"; then
      sed 's/ x-[A-Za-z]*="[^"]*"//g' "$m" | xmllint --noout --schema "$XSD" - 2>/dev/null || { echo "invalid: $m"; bad=1; }
    else
      xmllint --noout --schema "$XSD" "$m" 2>/dev/null || { echo "invalid: $m"; bad=1; }
    fi
  done
  [ $bad = 0 ] && echo "all documents valid"
else
  echo "== schema: skipped (no xmllint or no $XSD)"
  bad=0
fi

echo "== cross-check (tests/gen/pmmlcheck.py)"
"$PY" pmmlcheck.py
exit $bad
