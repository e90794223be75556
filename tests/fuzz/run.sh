#!/bin/sh
# run.sh: build the libFuzzer targets of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) in their own directory, and run
# each for a given time. `make fuzz` calls it; by hand, from a configured
# build directory:
#   tests/fuzz/run.sh [-s SECONDS] [-j JOBS] [-b] [TARGET...]
# -s: seconds per target (default 60); -j: targets run at once (default
# 2); -b: build only. TARGET is load, gzip, csv or score (default: all).
#
# Everything lives in $top_builddir/build/fuzz: the objects, the targets,
# one growing corpus per target (<target>/corpus), the models fuzz_score
# scores (score-models.txt), the logs, and findings/ (inputs that crashed,
# leaked, hung or broke a check). Seeds are copied at each run into a
# temporary directory: documents and CSV files of testdata/, and of the
# shared conformance corpus when ../shared exists (never copied into the
# project). The summary gives per target the seconds, executions,
# coverage and findings; the exit status is 1 when anything was found.
#
# Reproduce a finding: build/fuzz/fuzz_TARGET FILE (fuzz_score needs
# PMML_FUZZ_MODELS=build/fuzz/score-models.txt).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
FUZZ_CC=${FUZZ_CC:-clang}
SHARED=${SHARED:-$(cd "$top_srcdir/.." && pwd)/shared}
seconds=60
jobs=2
build_only=
while getopts s:j:b opt; do
  case $opt in
    s) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    b) build_only=yes ;;
    *) echo "usage: $0 [-s SECONDS] [-j JOBS] [-b] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=${*:-load gzip csv score}

out="$top_builddir/build/fuzz"
mkdir -p "$out/obj" "$out/findings" || exit 2

# ---- build ----------------------------------------------------------------
# The runtime sources: every .c that Makefile.am lists for libpmmlcore
# (make passes them in FUZZ_SOURCES), plus the CSV reader.
if [ -z "${FUZZ_SOURCES:-}" ]; then
  FUZZ_SOURCES=$(cd "$top_srcdir" && ls runtime/*.c)
fi
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
  -fno-sanitize-recover=undefined"
CPPFLAGS="-DHAVE_CONFIG_H -I$top_builddir -I$top_srcdir/runtime \
  -I$top_srcdir/pmmlc ${FUZZ_CPPFLAGS:-}"
LIBS="${FUZZ_LIBS:--lexpat -lz -lpcre2-8 -lm}"
if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
  echo "run.sh: $FUZZ_CC not found (libFuzzer needs clang)" >&2
  exit 2
fi
objs=
for src in $FUZZ_SOURCES pmmlc/csv.c; do
  case $src in *.c) ;; *) continue ;; esac
  obj="$out/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')"
  objs="$objs $obj"
  if [ ! -f "$obj" ] || [ -n "$(find "$top_srcdir/$src" "$top_srcdir/runtime" \
      -name '*.h' -newer "$obj" -o -name "$(basename "$src")" -newer "$obj" \
      2>/dev/null | head -n 1)" ]; then
    echo "  CC (fuzz) $src"
    # shellcheck disable=SC2086
    $FUZZ_CC $FLAGS -fsanitize=fuzzer-no-link $CPPFLAGS -c \
      "$top_srcdir/$src" -o "$obj" || exit 2
  fi
done
for t in $targets; do
  echo "  CCLD (fuzz) fuzz_$t"
  # shellcheck disable=SC2086
  $FUZZ_CC $FLAGS -fsanitize=fuzzer $CPPFLAGS \
    "$top_srcdir/tests/fuzz/fuzz_$t.c" $objs $LIBS -o "$out/fuzz_$t" || exit 2
done

# The models fuzz_score scores: testdata's, then the shared corpus'.
: > "$out/score-models.txt"
for d in "$top_srcdir"/testdata/corpus/*/*/; do
  [ -f "$d/model.pmml" ] && echo "${d}model.pmml ${d}input.csv" \
    >> "$out/score-models.txt"
done
if [ -f "$SHARED/conformance/MANIFEST.tsv" ]; then
  tail -n +2 "$SHARED/conformance/MANIFEST.tsv" | cut -f 2,3 |
    while IFS='	' read -r m i; do
      echo "$SHARED/conformance/$m $SHARED/conformance/$i"
    done >> "$out/score-models.txt"
fi
[ -n "$build_only" ] && exit 0

# ---- seeds ----------------------------------------------------------------
seeds=$(mktemp -d "${TMPDIR:-/tmp}/pmmlc-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$seeds"' EXIT INT TERM
mkdir "$seeds/load" "$seeds/gzip" "$seeds/csv" "$seeds/score"
i=0
for f in "$top_srcdir"/testdata/*/*.pmml "$top_srcdir"/testdata/corpus/*/*/*.pmml \
    "$top_srcdir"/examples/*.pmml \
    "$SHARED"/conformance/jpmml-*/*/pmml/*.pmml \
    "$SHARED"/conformance/jpmml-*/*/*/pmml/*.pmml \
    "$SHARED"/conformance/jpmml-transpiler/pmml/*.pmml; do
  [ -f "$f" ] || continue
  # Large documents slow every execution down: keep those below 256 KiB.
  [ "$(wc -c < "$f")" -le 262144 ] || continue
  i=$((i + 1))
  cp "$f" "$seeds/load/$i.pmml"
  { printf '\000'; cat "$f"; } > "$seeds/gzip/$i"
  [ $((i % 8)) -eq 0 ] && gzip -c "$f" > "$seeds/load/$i.pmml.gz"
done
i=0
for f in "$top_srcdir"/testdata/corpus/*/*/*.csv "$top_srcdir"/examples/*.csv \
    "$SHARED"/conformance/jpmml-*/*/csv/*.csv \
    "$SHARED"/conformance/jpmml-transpiler/csv/*.csv; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  { printf '\000'; head -c 16384 "$f"; } > "$seeds/csv/$i"
  { printf '\005'; head -c 4096 "$f"; } > "$seeds/csv/$i.small"
done
PMML_FUZZ_MODELS="$out/score-models.txt" PMML_FUZZ_SEEDS="$seeds/score" \
  "$out/fuzz_score" -runs=0 "$seeds/score" >/dev/null 2>&1

# ---- run ------------------------------------------------------------------
run_one() {
  t=$1
  case $t in
    csv) max_len=16384 ;;
    score) max_len=4096 ;;
    *) max_len=131072 ;;
  esac
  mkdir -p "$out/$t/corpus"
  PMML_FUZZ_MODELS="$out/score-models.txt" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    "$out/fuzz_$t" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$out/findings/$t-" \
      "$out/$t/corpus" "$seeds/$t" > "$out/$t.log" 2>&1
  # CPU seconds of the run (user + system), from the shell's 'times'.
  times > "$out/$t.times"
  tail -n 1 "$out/$t.times" | awk '{
    split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%.0f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' > "$out/$t.cpu"
}
stamp="$out/findings/.stamp"
: > "$stamp"
running=0
for t in $targets; do
  echo "  FUZZ $t: ${seconds}s"
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait
    running=0
  fi
done
wait

# ---- summary --------------------------------------------------------------
status=0
printf '%-6s %6s %6s %12s %6s %6s %12s %s\n' target wall cpu executions cov ft corpus findings
for t in $targets; do
  log="$out/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
  found=$(find "$out/findings" -name "$t-*" -newer "$stamp" | wc -l)
  if grep -qE '^==[0-9]+==ERROR|^SUMMARY: |runtime error:|deadly signal' "$log"; then
    found="$found (see $log)"
    status=1
  elif [ "$found" -ne 0 ]; then
    status=1
  fi
  cpu=$(cat "$out/$t.cpu" 2>/dev/null)
  printf '%-6s %6s %6s %12s %6s %6s %12s %s\n' "$t" "${secs:-?}" "${cpu:-?}" \
    "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found"
done
[ "$status" -eq 0 ] || echo "run.sh: findings in $out/findings" >&2
exit $status
