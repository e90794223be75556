#!/bin/sh
# bench_codegen.sh: generated code next to the interpreter (a measurement,
# not a test). For each MODEL DATA pair: the size of the generated C, the
# time and peak memory of `gcc -O2 -c` on it (and clang when present),
# scoring speed with inputs already parsed (bench/bench_score.c, built
# both ways), and end to end on the CSV (`pmmlc score` against the
# program --main makes). Run from the top of a built tree:
#   bench/bench_codegen.sh                     the shared benchmark models
#   bench/bench_codegen.sh MODEL DATA ...      others
# Needs /usr/bin/time (GNU) for peak memory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
pmmlc="$top/pmmlc/pmmlc"
shared="$top/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_codegen.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
CC=${CC:-gcc}

if [ $# -eq 0 ]; then
  set -- "$shared/bench/dt_iris.pmml" "$shared/bench/iris.csv" \
    "$shared/bench/lr_synth.pmml" "$shared/bench/synth.csv"
fi
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
      /usr/bin/time -f "%e %M" $cc -std=c99 -O2 -c "$f" -o "${f%.c}.o" \
        2>"$work/time.txt"
      echo "$cc -O2 $(basename "$f"): $(tail -n1 "$work/time.txt" |
        awk '{printf "%.2f s, %.0f MB peak", $1, $2 / 1024}')"
    done
  done
  $CC -O2 -DGEN=m -DGENU=M -I"$work/g" "$top/bench/bench_score.c" \
    "$work"/g/m*.c -lm -o "$work/gen"
  echo "scoring, inputs parsed: generated $("$work/gen" "$data")"
  echo "scoring, inputs parsed: pmmlc     $("$work/interp" "$model" "$data")"
  # Instructions per row (repeatable on a busy machine): 11 passes minus 1.
  if command -v valgrind >/dev/null 2>&1; then
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
