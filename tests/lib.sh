# lib.sh: what the shell tests share. Sourced, not run.
# Paths come from the make check environment; fall back to the source tree.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
PMMLC=${PMMLC:-$top_builddir/pmmlc/pmmlc}
CSVCMP=${CSVCMP:-$top_builddir/tests/csvcmp}
# ../shared sits beside the project root (never inside it).
SHARED=${SHARED:-$(cd "$top_srcdir/.." && pwd)/shared}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmmlc-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
checks=0

pass() { checks=$((checks + 1)); }
fail() {
  checks=$((checks + 1))
  failures=$((failures + 1))
  echo "FAIL: $*" >&2
}

# finish: the summary line and the exit status automake reads.
finish() {
  echo "$(basename "$0"): $((checks - failures)) of $checks checks passed"
  [ "$failures" -eq 0 ]
}
