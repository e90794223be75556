#!/bin/sh
# bench_codegen.sh: generated code next to the interpreter (a measurement,
# not a test). For each MODEL DATA pair: the size of the generated C, the
# time and peak memory of `gcc -O2 -c` on it (and clang when present),
# scoring speed with inputs already parsed (bench/bench_score.c, built
# both ways, CPU time of the thread beside the wall clock; and the
# interpreter through bench/bench_api, the benchmark's own measure, in the
# same run), <prefix>_predict row by row against <prefix>_predict_rows (the
# batch) through bench/bench_gen.c (which checks that they give the same
# bits), and end to end on the CSV (`pmmlc score` against the program
# --main makes). Run from the top of a built tree:
#   bench/bench_codegen.sh                     the shared benchmark models
#   bench/bench_codegen.sh MODEL DATA ...      others
# BENCH_NO_CALLGRIND=1 skips the instruction counts, BENCH_NO_E2E=1 the
# end-to-end runs. Needs /usr/bin/time (GNU) for peak memory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
pmmlc="$top/pmmlc/pmmlc"
shared="$top/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_codegen.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
CC=${CC:-gcc}

if [ $# -eq 0 ]; then
  set -- "$shared/bench/dt_iris.pmml" "$shared/bench/iris.csv" \
    "$shared/bench/lr_synth.pmml" "$shared/bench/synth.csv" \
    "$shared/bench/rf_synth.pmml.gz" "$shared/bench/synth.csv" \
    "$shared/bench/xgb_synth.pmml" "$shared/bench/synth.csv"
fi
api="$top/bench/bench_api"
[ -x "$api" ] || make -C "$top" bench/bench_api >/dev/null 2>&1 || api=
$CC -O2 -I"$top/runtime" "$top/bench/bench_score.c" \
  "$top/runtime/.libs/libpmmlcore.a" -lexpat -lz -lpcre2-8 -lm \
  -o "$work/interp"

while [ $# -ge 2 ]; do
  model=$1 data=$2
  shift 2
  name=$(basename "$model" | sed 's/\.pmml.*//')
  echo "== $name ($(basename "$data"))"
  rm -rf "$work/g" "$work/mn"
  mkdir -p "$work/g" "$work/mn"
  start=$(date +%s.%N)
  "$pmmlc" compile "$model" -o "$work/g/m.c"
  end=$(date +%s.%N)
  bytes=$(cat "$work"/g/m*.c "$work/g/m.h" | wc -c)
  files=$(ls "$work"/g/m*.c | wc -l)
  echo "generated: $bytes bytes in $files .c file(s) + header;" \
    "pmmlc compile $(echo "$end - $start" | bc) s"
  for cc in gcc clang; do
    command -v $cc >/dev/null 2>&1 || continue
    for f in "$work"/g/m*.c; do
      /usr/bin/time -v $cc -std=c99 -O2 -c "$f" -o "${f%.c}.o" \
        2>"$work/time.txt"
      echo "$cc -O2 $(basename "$f") ($(wc -c <"$f") bytes):" \
        "$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2}
          /Elapsed \(wall/ {w = $2} /Maximum resident/ {m = $2}
          END {printf "%.2f s CPU (wall %s), %.0f MB peak", u + s, w,
            m / 1024}' "$work/time.txt")"
    done
  done
  $CC -O2 -DGEN=m -DGENU=M -I"$work/g" "$top/bench/bench_score.c" \
    "$work"/g/m*.c -lm -o "$work/gen"
  echo "scoring, inputs parsed: generated $("$work/gen" "$data")"
  echo "scoring, inputs parsed: pmmlc     $("$work/interp" "$model" "$data")"
  if [ -n "$api" ]; then
    "$api" "$model" "$data" --runs 5 --load-runs 1 --min-time 0.2 \
      >"$work/api.txt" 2>/dev/null
    echo "scoring, bench_api (interpreter, C API):" \
      "$(awk -F= '/^score_ns_row=/ {c = $2} /^score_wall_ns_row=/ {w = $2}
        END {printf "%.1f ns/row CPU (wall %.1f)", c, w}' "$work/api.txt")"
    # _predict and _predict_rows, inputs in the interpreter's order.
    rm -rf "$work/b"
    mkdir -p "$work/b"
    sed -n 's/^input_name=//p' "$work/api.txt" >"$work/b/inputs.txt"
    sed -n 's/^output_name=//p' "$work/api.txt" >"$work/b/outputs.txt"
    if "$pmmlc" compile "$model" -o "$work/b/m.c" --prefix bench_m &&
      $CC -std=c99 -O2 -DBENCH_ROWS -DGEN_HEADER='"m.h"' -I"$work/b" \
        -I"$top/pmmlc" -I"$top/runtime" "$top/bench/bench_gen.c" \
        "$work"/b/m*.c "$top/pmmlc/csv.c" "$top/runtime/numconv.c" -lm \
        -o "$work/b/bench_gen" &&
      "$work/b/bench_gen" --inputs "$work/b/inputs.txt" \
        --outputs "$work/b/outputs.txt" --runs 5 --min-time 0.2 "$data" \
        >"$work/b/gen.txt"; then
      echo "scoring, inputs parsed: _predict" \
        "$(awk -F= '/^gen_ns_row=/ {c = $2} /^gen_wall_ns_row=/ {w = $2}
          END {printf "%.1f ns/row CPU (wall %.1f)", c, w}' \
          "$work/b/gen.txt"), _predict_rows" \
        "$(awk -F= '/^rows_ns_row=/ {c = $2} /^rows_wall_ns_row=/ {w = $2}
          /^rows_check=/ {k = $2}
          END {printf "%.1f ns/row CPU (wall %.1f; same bits: %s)", c, w, k}' \
          "$work/b/gen.txt")"
    fi
  fi
  # Instructions per row (repeatable on a busy machine): 11 passes minus 1.
  if [ -z "${BENCH_NO_CALLGRIND:-}" ] && command -v valgrind >/dev/null 2>&1
  then
    rows1=$(($(wc -l <"$data") - 1))
    for what in gen interp; do
      n=
      for p in 1 11; do
        if [ $what = gen ]; then set -- "$work/gen" "$data" "$@"
        else set -- "$work/interp" "$model" "$data" "$@"; fi
        BENCH_PASSES=$p valgrind --tool=callgrind \
          --callgrind-out-file=/dev/null "$1" "$2" ${3:+"$3"} \
          >/dev/null 2>"$work/vg.txt" || true
        [ $what = gen ] && shift 2 || shift 3
        n="$n $(sed -n 's/.*refs: *//p' "$work/vg.txt" | tr -d ,)"
      done
      echo "instructions a row, $what: $(echo "$n" |
        awk -v r=$rows1 '{printf "%.0f", ($2 - $1) / (10 * r)}')"
    done
  fi
  [ -n "${BENCH_NO_E2E:-}" ] && continue
  "$pmmlc" compile "$model" -o "$work/mn/main.c" --main
  $CC -O2 "$work"/mn/main*.c -o "$work/main" -lm
  # End to end on at least 100,000 rows (the data repeated).
  head -n1 "$data" >"$work/big.csv"
  rows=0
  while [ $rows -lt 100000 ]; do
    tail -n +2 "$data" >>"$work/big.csv"
    rows=$((rows + $(wc -l <"$data") - 1))
  done
  data="$work/big.csv"
  t0=$(date +%s.%N)
  "$work/main" <"$data" >"$work/g.csv"
  t1=$(date +%s.%N)
  "$pmmlc" score "$model" "$data" -o "$work/i.csv"
  t2=$(date +%s.%N)
  cmp -s "$work/g.csv" "$work/i.csv" || echo "(outputs differ!)"
  echo "end to end, $rows rows: generated --main" \
    "$(echo "$t1 - $t0" | bc) s, pmmlc score $(echo "$t2 - $t1" | bc) s"
done
