#!/bin/sh
# run.sh: build the libFuzzer targets of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) in their own directory, and run
# each for a given time. `make fuzz` calls it; by hand, from a configured
# build directory:
#   tests/fuzz/run.sh [-s SECONDS] [-c CPU_SECONDS] [-j JOBS] [-n SAMPLE]
#                     [-b] [-k] [TARGET...]
# -s: seconds per target (default 60); -c: stop each target once it has
# used this much CPU time instead (user + system, read from /proc: on a
# loaded machine wall time says little of how much fuzzing was done);
# -j: targets run at once (default 2); -b: build only. TARGET is load,
# gzip, csv, score or codegen (default: all).
#
# After fuzzing codegen, the generated C of SAMPLE inputs of its corpus
# (default 100, spread evenly over it; 0: none) is compiled by each of
# gcc and clang found (FUZZ_COMPILE_CC) with -std=c99 -Wall -Wextra
# -pedantic -Werror, and linked when it holds a main(): every file that
# does not compile is a finding (codegen-cc-*, the input). -k: only that
# check, on the corpus as it is, without fuzzing.
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
cpu_limit=
jobs=2
build_only=
sample=100
compile_only=
while getopts s:c:j:n:bk opt; do
  case $opt in
    s) seconds=$OPTARG ;;
    c) cpu_limit=$OPTARG ;;
    j) jobs=$OPTARG ;;
    b) build_only=yes ;;
    n) sample=$OPTARG ;;
    k) compile_only=yes ;;
    *) echo "usage: $0 [-s SECONDS] [-c CPU_SECONDS] [-j JOBS] [-n SAMPLE]" \
         "[-b] [-k] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=${*:-load gzip csv score codegen}

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
# The code generator: its files of pmmlc/ (make passes pmmlc's sources in
# FUZZ_PMMLC_SOURCES) and the embedded texts, which make writes into the
# build directory.
if [ -z "${FUZZ_PMMLC_SOURCES:-}" ]; then
  FUZZ_PMMLC_SOURCES=$(cd "$top_srcdir" && ls pmmlc/*.c)
fi
gen_sources=
for src in $FUZZ_PMMLC_SOURCES; do
  case $src in
    pmmlc/gen*.c | pmmlc/emit.c | pmmlc/sha256.c) gen_sources="$gen_sources $src" ;;
  esac
done
# compile_obj SRC DIR: the object of SRC (a path under DIR), rebuilt when
# it or a header is newer; prints its path.
compile_obj() {
  obj="$out/obj/$(echo "$1" | tr / _ | sed 's/\.c$/.o/')"
  if [ ! -f "$obj" ] || [ -n "$(find "$2/$1" "$top_srcdir/runtime" \
      "$top_srcdir/pmmlc" -name '*.h' -newer "$obj" -o -name '*.inc' \
      -newer "$obj" -o -name "$(basename "$1")" -newer "$obj" \
      2>/dev/null | head -n 1)" ]; then
    echo "  CC (fuzz) $1" >&2
    # shellcheck disable=SC2086
    $FUZZ_CC $FLAGS -fsanitize=fuzzer-no-link $CPPFLAGS -c "$2/$1" \
      -o "$obj" || return 1
  fi
  echo "$obj"
}
objs=
for src in $FUZZ_SOURCES pmmlc/csv.c; do
  case $src in *.c) ;; *) continue ;; esac
  obj=$(compile_obj "$src" "$top_srcdir") || exit 2
  objs="$objs $obj"
done
gen_objs=
case " $targets " in
  *" codegen "*)
    if [ ! -f "$top_builddir/pmmlc/embedded.c" ]; then
      echo "run.sh: no pmmlc/embedded.c in $top_builddir (run make first)" >&2
      exit 2
    fi
    for src in $gen_sources; do
      obj=$(compile_obj "$src" "$top_srcdir") || exit 2
      gen_objs="$gen_objs $obj"
    done
    obj=$(compile_obj pmmlc/embedded.c "$top_builddir") || exit 2
    gen_objs="$gen_objs $obj" ;;
esac
for t in $targets; do
  echo "  CCLD (fuzz) fuzz_$t"
  extra=
  [ "$t" = codegen ] && extra=$gen_objs
  # shellcheck disable=SC2086
  $FUZZ_CC $FLAGS -fsanitize=fuzzer $CPPFLAGS \
    "$top_srcdir/tests/fuzz/fuzz_$t.c" $objs $extra $LIBS -o "$out/fuzz_$t" \
    || exit 2
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

# ---- compiling generated code -----------------------------------------
# compile_sample: compile the generated C of a sample of the codegen
# corpus; prints a summary line; returns 1 when a file did not compile.
compile_sample() {
  [ "$sample" -gt 0 ] || return 0
  ccs=
  for cc in ${FUZZ_COMPILE_CC:-gcc clang}; do
    command -v "$cc" >/dev/null 2>&1 && ccs="$ccs $cc"
  done
  [ -n "$ccs" ] || { echo "codegen-cc: no C compiler found"; return 0; }
  gen="$out/codegen/generated"
  rm -rf "$gen" "$out/codegen/empty"
  mkdir -p "$gen" "$out/codegen/empty"
  # Run the corpus once, writing the files of every input that generates.
  PMML_FUZZ_CODEGEN_OUT="$gen" ASAN_OPTIONS=detect_leaks=0 \
    "$out/fuzz_codegen" -runs=0 "$out/codegen/empty" "$out/codegen/corpus" \
    "$seeds/codegen" > "$out/codegen-cc.log" 2>&1
  total=$(ls "$gen" | wc -l)
  step=$(( (total + sample - 1) / sample ))
  [ "$step" -ge 1 ] || step=1
  n_ok=0 n_bad=0 k=0
  for d in $(ls "$gen"); do
    k=$((k + 1))
    [ $(( (k - 1) % step )) -eq 0 ] || continue
    ok=1
    for cc in $ccs; do
      flags="-std=c99 -Wall -Wextra -pedantic -Werror -O0"
      # shellcheck disable=SC2086
      if [ -f "$gen/$d/main" ]; then
        (cd "$gen/$d" && $cc $flags ./*.c -o prog -lm) \
          > "$gen/$d/cc.err" 2>&1
      else
        (cd "$gen/$d" && for c in ./*.c; do $cc $flags -c "$c" || exit 1
          done) > "$gen/$d/cc.err" 2>&1
      fi
      if [ $? -ne 0 ]; then
        ok=0
        n_bad=$((n_bad + 1))
        cp "$gen/$d/input" "$out/findings/codegen-cc-$d"
        echo "codegen-cc: $cc: $(grep -m1 -E 'error|warning' \
          "$gen/$d/cc.err") (findings/codegen-cc-$d)" >&2
        break
      fi
    done
    [ $ok -eq 1 ] && n_ok=$((n_ok + 1))
  done
  echo "codegen-cc: $((n_ok + n_bad)) of $total generating inputs" \
    "compiled with$ccs: $n_bad failed"
  [ "$n_bad" -eq 0 ] && rm -rf "$gen"
  [ "$n_bad" -eq 0 ]
}


# ---- seeds ----------------------------------------------------------------
seeds=$(mktemp -d "${TMPDIR:-/tmp}/pmmlc-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$seeds"' EXIT INT TERM
mkdir "$seeds/load" "$seeds/gzip" "$seeds/csv" "$seeds/score" \
  "$seeds/codegen"
i=0
for f in "$top_srcdir"/testdata/*/*.pmml "$top_srcdir"/testdata/corpus/*/*/*.pmml \
    "$top_srcdir"/testdata/codegen/*/*.pmml \
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
  # The code generator's mode byte: every option in turn.
  { printf "\\$(printf '%03o' $((i % 16)))"; cat "$f"; } > "$seeds/codegen/$i"
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
case " $targets " in
  *" score "*)
    PMML_FUZZ_MODELS="$out/score-models.txt" PMML_FUZZ_SEEDS="$seeds/score" \
      "$out/fuzz_score" -runs=0 "$seeds/score" >/dev/null 2>&1 ;;
esac

if [ -n "$compile_only" ]; then
  compile_sample
  exit $?
fi

# ---- run ------------------------------------------------------------------
# CPU seconds (user + system) used so far by process $1, from /proc;
# nothing once it has exited (a zombie waiting for 'wait').
cpu_of() {
  awk -v hz="$(getconf CLK_TCK)" '{
    sub(/^.*\) /, ""); if ($1 != "Z") printf "%d\n", ($12 + $13) / hz }' \
    "/proc/$1/stat" 2>/dev/null
}

run_one() {
  t=$1
  case $t in
    csv) max_len=16384 ;;
    score) max_len=4096 ;;
    *) max_len=131072 ;;
  esac
  mkdir -p "$out/$t/corpus"
  start=$(date +%s)
  wall=$seconds
  [ -n "$cpu_limit" ] && wall=0 # no wall limit: the watchdog stops it
  PMML_FUZZ_MODELS="$out/score-models.txt" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    "$out/fuzz_$t" -max_total_time="$wall" -max_len="$max_len" -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$out/findings/$t-" \
      "$out/$t/corpus" "$seeds/$t" > "$out/$t.log" 2>&1 &
  pid=$!
  if [ -n "$cpu_limit" ]; then
    # libFuzzer stops on SIGINT and still prints its final statistics.
    while used=$(cpu_of "$pid") && [ -n "$used" ]; do
      if [ "$used" -ge "$cpu_limit" ]; then
        kill -INT "$pid"
        break
      fi
      sleep 5
    done
  fi
  wait "$pid"
  echo $(($(date +%s) - start)) > "$out/$t.wall"
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
  if [ -n "$cpu_limit" ]; then
    echo "  FUZZ $t: ${cpu_limit} CPU seconds"
  else
    echo "  FUZZ $t: ${seconds}s"
  fi
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
printf '%-8s %6s %6s %12s %6s %6s %12s %s\n' target wall cpu executions \
  cov ft corpus findings
for t in $targets; do
  log="$out/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  secs=$(cat "$out/$t.wall" 2>/dev/null)
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
  printf '%-8s %6s %6s %12s %6s %6s %12s %s\n' "$t" "${secs:-?}" "${cpu:-?}" \
    "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found"
done
case " $targets " in
  *" codegen "*) compile_sample || status=1 ;;
esac
[ "$status" -eq 0 ] || echo "run.sh: findings in $out/findings" >&2
exit $status
