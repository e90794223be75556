#!/bin/sh
# bench/run.sh: pmmlc's benchmark (issue 7). Run by `make bench` (or
# `make bench-quick`), never by `make check`. For each model it measures
# loading, the interpreter through the C API (bench_api), `pmmlc score` end
# to end on CSV and the CSV floor under it (csv_floor), the generated code
# when `pmmlc compile` exists (bench_gen.c), instructions per row
# (callgrind) and the hottest functions (callgrind, perf), and prints them
# beside the reference figures of ../shared/bench/README.md and the targets
# of issue 7. Everything it writes goes to bench/out/ in the build folder
# (report.txt, raw key=value files, callgrind and perf data for a closer
# look). Exits 1 if a model scored a wrong answer. See bench/README.md.
set -u
LC_ALL=C
export LC_ALL

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--quick] [--only NAMES] [--no-callgrind] [--no-perf]
                    [--models DIR] [--out DIR]
  --quick         fewer and shorter runs (about a minute)
  --only NAMES    only these models: a comma-separated list, or an ERE
                  (e.g. --only=dt_iris,lr_synth or --only=synth)
  --no-callgrind  skip valgrind --tool=callgrind
  --no-perf       skip perf record / perf stat
  --models DIR    the benchmark models (default ../shared/bench beside the
                  source tree; without it, stand-ins from testdata/corpus)
  --out DIR       where to write (default bench/out in the build folder)
Environment: top_srcdir, top_builddir (set by make), CC (for generated code).
EOF
}

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${top_builddir:-$srcdir}
models_dir=$srcdir/../shared/bench
out=$builddir/bench/out
quick=0
only=
do_cg=1
do_perf=1
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --only) [ $# -ge 2 ] || { usage >&2; exit 2; }; only=$2; shift ;;
  --only=*) only=${1#--only=} ;;
  --no-callgrind) do_cg=0 ;;
  --no-perf) do_perf=0 ;;
  --models) [ $# -ge 2 ] || { usage >&2; exit 2; }; models_dir=$2; shift ;;
  --models=*) models_dir=${1#--models=} ;;
  --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out=$2; shift ;;
  --out=*) out=${1#--out=} ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
  esac
  shift
done

PMMLC=${PMMLC:-$builddir/pmmlc/pmmlc}
API=$builddir/bench/bench_api
FLOOR=$builddir/bench/csv_floor
CC=${CC:-cc}
for p in "$PMMLC" "$API" "$FLOOR"; do
  [ -x "$p" ] || { echo "run.sh: $p is not built (run 'make bench')" >&2; exit 2; }
done

# Sizes of the runs. The default run keeps to about 5 minutes on 2 cores
# once every model scores; --quick to about one.
if [ $quick = 1 ]; then
  RUNS=3 LOAD_RUNS=3 MIN_TIME=0.05 MAX_PASS=0.3 E2E_RUNS=3 E2E_ROWS=20000
  E2E_MAX_S=0.5 CG_NS=20000000 PERF_RUNS=2 FLOOR_RUNS=3
else
  RUNS=7 LOAD_RUNS=5 MIN_TIME=0.2 MAX_PASS=1.0 E2E_RUNS=5 E2E_ROWS=100000
  E2E_MAX_S=2 CG_NS=100000000 PERF_RUNS=5 FLOOR_RUNS=7
fi

mkdir -p "$out/data" "$out/raw" "$out/callgrind" "$out/perf" "$out/gen" ||
  exit 2
report=$out/report.txt
summary=$out/raw/summary.txt
: >"$report"
: >"$summary"
start_s=$(date +%s)
wrong=0

say() { printf '%s\n' "$*" | tee -a "$report"; }
row() { printf '  %-24s %-40s %-36s %-14s %s\n' "$1" "$2" "$3" "$4" "$5" |
  sed 's/ *$//' | tee -a "$report"; }
# The value of key $2 in key=value file $1 ("" if absent).
kv() { sed -n "s/^$2=//p" "$1" 2>/dev/null | head -n 1; }
ns_now() { date +%s%N; }
# awk arithmetic and formats.
calc() { awk "BEGIN { printf \"%s\", $1 }" </dev/null; }
fmt_ns() {
  awk -v x="$1" 'BEGIN {
    if (x == "") { printf "?"; exit }
    if (x < 1000) printf "%.1f ns", x
    else if (x < 1e6) printf "%.2f us", x / 1e3
    else if (x < 1e9) printf "%.2f ms", x / 1e6
    else printf "%.2f s", x / 1e9 }'
}
fmt_rate() {
  awk -v x="$1" 'BEGIN {
    if (x >= 1e6) printf "%.2f M rows/s", x / 1e6
    else if (x >= 1e3) printf "%.1f k rows/s", x / 1e3
    else printf "%.0f rows/s", x }'
}
fmt_bytes() {
  awk -v x="$1" 'BEGIN {
    if (x >= 1048576) printf "%.1f MiB", x / 1048576
    else if (x >= 1024) printf "%.1f KiB", x / 1024
    else printf "%d B", x }'
}
# verdict OURS TARGET le|ge: "met" or the distance to the target.
verdict() {
  awk -v o="$1" -v t="$2" -v d="$3" 'BEGIN {
    if (o == "" || t == "") { printf "-"; exit }
    if (d == "le") {
      if (o + 0 <= t + 0) printf "met"
      else printf "MISS: %.1fx over", o / t
    } else {
      if (o + 0 >= t + 0) printf "met"
      else printf "MISS: %.1fx short", t / o
    } }'
}
# target WHAT TARGET-TEXT OURS-TEXT VERDICT: a line of the closing table.
target() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >>"$summary"; }
median() { sort -n | awk '{ v[NR] = $1 } END {
  if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
  else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Top 3 functions by self cost in a callgrind file: "f 35%, g 12%, h 9%".
cg_top() {
  callgrind_annotate --inclusive=no --auto=no "$1" 2>/dev/null | awk '
    /^-+$/ { next }
    /file:function/ { on = 1; next }
    on && NF == 0 { exit }
    on && /^ *[0-9,]+ *\(/ {
      ir = $1; gsub(/,/, "", ir)
      f = $0; sub(/^ *[0-9,]+ *\( *[0-9.]+%\) +/, "", f)
      sub(/ +\[.*$/, "", f); n = split(f, p, ":"); f = p[n]
      sub(/'\''[0-9]+$/, "", f)
      c[f] += ir; tot += ir }
    END { for (f in c) printf "%s %d\n", f, c[f] }' |
    sort -k2,2nr | head -n 3 | awk -v tot="$2" '
    { printf "%s%s %.0f%%", (NR > 1 ? ", " : ""), $1, 100 * $2 / tot }'
}
# Top 3 symbols of a perf.data by samples.
perf_top() {
  perf report -i "$1" --stdio --no-children --sort symbol 2>/dev/null |
    awk '/^#/ || NF < 3 { next }
      { pct = $1; sym = $3; for (i = 4; i <= NF && $i != "-"; i++)
          sym = sym " " $i
        printf "%s%s %s", n++ ? ", " : "", sym, pct; if (n == 3) exit }'
}
# time_runs N OUT IN CMD...: run CMD N times through `bench_api --run`
# (stdin from IN, stdout to OUT, stderr to OUT.err); sets run_cpu and
# run_wall (median seconds) and run_rss (peak KiB), or run_cpu=fail.
time_runs() {
  _n=$1 _o=$2 _i=$3
  shift 3
  if "$API" --run "$_n" --stdin "$_i" --stdout "$_o" -- "$@" >"$_o.time"; then
    run_cpu=$(kv "$_o.time" cpu_s)
    run_wall=$(kv "$_o.time" wall_s)
    run_rss=$(kv "$_o.time" maxrss_kb)
  else
    run_cpu=fail run_wall=fail run_rss=
  fi
}
# Input file $1 repeated to $2 copies of its rows (one header).
replicate() {
  _dst=$out/data/$(basename "$1" .csv)_$(printf %s "$1" | cksum |
    cut -d' ' -f1)_x$2.csv
  if [ ! -s "$_dst" ]; then
    awk -v k="$2" 'NR == 1 { print; next } { a[n++] = $0 }
      END { for (i = 0; i < k; i++) for (j = 0; j < n; j++) print a[j] }' \
      "$1" >"$_dst" || exit 2
  fi
  echo "$_dst"
}

# ---- what the machine offers ----------------------------------------------
have_cg=0
if [ $do_cg = 1 ] && command -v valgrind >/dev/null 2>&1 &&
  command -v callgrind_annotate >/dev/null 2>&1; then
  have_cg=1
fi
have_perf=0 have_hw=0
if [ $do_perf = 1 ] && command -v perf >/dev/null 2>&1 &&
  perf record -q -e cpu-clock -o "$out/perf/probe.data" true >/dev/null 2>&1; then
  have_perf=1
  perf stat -e instructions true >"$out/perf/probe.txt" 2>&1 &&
    ! grep -q 'not supported\|not counted' "$out/perf/probe.txt" && have_hw=1
fi
have_gen=0
"$PMMLC" compile --help >/dev/null 2>&1 && have_gen=1
have_j=0
"$PMMLC" score --help 2>&1 | grep -q -- '-j' && have_j=1

# ---- the models -----------------------------------------------------------
# name|model|input|expected|tolerance|stand-in from testdata/corpus
models='dt_iris|dt_iris.pmml|iris.csv|dt_iris.expected.csv|1e-9|tree/sklearn_iris_classifier
rf_synth|rf_synth.pmml.gz|synth.csv|rf_synth.expected.csv|1e-9|mining/sklearn_rf_classifier
xgb_synth|xgb_synth.pmml|synth.csv|xgb_synth.expected.csv|1e-6|mining/xgboost_binary
lr_synth|lr_synth.pmml|synth.csv|lr_synth.expected.csv|1e-9|regression/sklearn_logistic_binary
mlp_synth|mlp_synth.pmml|synth.csv|mlp_synth.expected.csv|1e-9|neural/sklearn_mlp_binary'

shared=1
if [ ! -f "$models_dir/synth.csv" ]; then
  shared=0
fi

say "pmmlc benchmark ($( [ $quick = 1 ] && echo quick || echo full ) run), $(date -u '+%Y-%m-%d %H:%M UTC')"
say "machine: $(nproc 2>/dev/null || echo '?') cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
say "pmmlc: $("$PMMLC" --version 2>/dev/null | head -n 1), git $(git -C "$srcdir" describe --always --dirty 2>/dev/null || echo '?')"
if [ $shared = 1 ]; then
  say "models: $(cd "$models_dir" && pwd) (reference figures from its README)"
else
  say "models: stand-ins from testdata/corpus ($models_dir not found); the"
  say "  reference figures and targets are for ../shared/bench and do not apply"
fi
say "times: medians of $RUNS runs (loads $LOAD_RUNS, pmmlc score $E2E_RUNS) of CPU time (thread, or process"
say "  and children): on a busy machine the wall clock also counts waits for a core, so it is"
say "  only given beside; ratios come from this run"
[ $have_cg = 1 ] || say "callgrind: not run (valgrind missing or --no-callgrind)"
[ $have_perf = 1 ] || say "perf: not run (perf missing, not permitted, or --no-perf)"
[ $have_perf = 1 ] && [ $have_hw = 0 ] &&
  say "perf stat: no hardware counters here ('perf stat -e instructions true' says <not supported>): no cycles or IPC"

# ---- reference figures and targets, ns/row (../shared/bench/README.md) ----
ref_api() {
  case $1 in
  dt_iris) echo "cPMML 575 ns; m2cgen 18; emlearn 5.1" ;;
  rf_synth) echo "cPMML 970 us; m2cgen 22.6 us" ;;
  xgb_synth) echo "cPMML 619 us; m2cgen 8.8 us" ;;
  lr_synth) echo "cPMML 6 us; m2cgen 11.7 ns" ;;
  mlp_synth) echo "emlearn 1.24 us" ;;
  esac
}
ref_gen() {
  case $1 in
  dt_iris) echo "m2cgen 18 ns; emlearn 5.1 ns" ;;
  rf_synth) echo "m2cgen 22.6 us; hand 10.4/6.0 us" ;;
  xgb_synth) echo "m2cgen 8.8 us" ;;
  lr_synth) echo "m2cgen 11.7 ns" ;;
  mlp_synth) echo "emlearn 1.24 us" ;;
  esac
}
tgt_api() {
  case $1 in
  dt_iris) echo 20 ;; rf_synth) echo 20000 ;; xgb_synth) echo 10000 ;;
  lr_synth) echo 50 ;; esac
}
tgt_gen() {
  case $1 in
  dt_iris) echo 5 ;; rf_synth) echo 10000 ;; xgb_synth) echo 6000 ;;
  lr_synth) echo 12 ;; esac
}

floor_done=
floor_cg_input=
floor_cg_line=

# ---- one model ------------------------------------------------------------
bench_model() {
  name=$1 model=$2 input=$3 expected=$4 tol=$5
  raw=$out/raw/$name
  say ""
  say "== $name: $(basename "$model") on $(basename "$input")"
  [ $shared = 1 ] || say "   (stand-in: $model)"
  row "what" "ours" "reference (this machine)" "target" "verdict"

  # -- load and the interpreter through the C API
  "$API" --runs "$RUNS" --load-runs "$LOAD_RUNS" --min-time "$MIN_TIME" \
    --max-pass "$MAX_PASS" --expected "$expected" --tol "$tol" \
    "$model" "$input" >"$raw.api" 2>"$raw.api.err"
  status=$(kv "$raw.api" status)
  bytes=$(kv "$raw.api" pmml_bytes)
  nodes=$(kv "$raw.api" nodes)
  expat_ms=$(kv "$raw.api" expat_ms)
  mb=$(calc "$bytes / 1e6")
  expat_txt=
  [ -n "$expat_ms" ] && expat_txt="Expat alone $(calc "sprintf(\"%.3g\", $expat_ms)") ms, $(calc "sprintf(\"%.0f\", $mb / ($expat_ms / 1e3))") MB/s"
  [ "$nodes" = 0 ] && nodes=
  if [ "$status" != ok ]; then
    msg=$(kv "$raw.api" message)
    [ -n "$msg" ] || msg=$(head -n 1 "$raw.api.err")
    if [ "$status" = unsupported ]; then
      row "interpreter" "not supported yet ($msg)" "" "" ""
    else
      row "interpreter" "ERROR: $msg" "" "" ""
      wrong=1
    fi
    row "document" "$(fmt_bytes "$bytes")${nodes:+, $nodes nodes}" "" "" ""
    [ -n "$expat_txt" ] && row "load floor" "$expat_txt" "" "" ""
    [ $shared = 1 ] || return
    if [ -n "$(tgt_api "$name")" ]; then
      target "interpreter $name" "<= $(fmt_ns "$(tgt_api "$name")")/row" "not supported yet" "-"
    fi
    if [ -n "$(tgt_gen "$name")" ]; then
      target "generated code $name" "<= $(fmt_ns "$(tgt_gen "$name")")/row" "not supported yet" "-"
    fi
    if [ "$name" = rf_synth ]; then
      target "load rf_synth (MB/s)" ">= 100 MB/s" "not supported yet${expat_txt:+ ($expat_txt)}" "-"
      target "rf_synth model memory" "<= 64 B/node" "not supported yet" "-"
      target "compile rf_synth at -O2" "< 30 s, < 500 MB" "not supported yet" "-"
      target "pmmlc score -j 2 on rf_synth" ">= 1.8x -j 1" "not supported yet" "-"
    fi
    return
  fi

  load_ms=$(kv "$raw.api" load_ms)
  load_mem_ms=$(kv "$raw.api" load_mem_ms)
  mem=$(kv "$raw.api" model_memory)
  peak=$(kv "$raw.api" load_peak_heap)
  load_mbs=$(calc "$mb / ($load_ms / 1e3)")
  ref= tgt= v=
  if [ $shared = 1 ] && [ "$name" = rf_synth ]; then
    ref="cPMML 1.6 s, 9 MB/s"; tgt=">= 100 MB/s"; v=$(verdict "$load_mbs" 100 ge)
  fi
  row "load (file)" "$(calc "sprintf(\"%.3g\", $load_ms)") ms, $(calc "sprintf(\"%.1f\", $load_mbs)") MB/s of $(fmt_bytes "$bytes")" "$ref" "$tgt" "$v"
  row "load (plain, memory)" "$(calc "sprintf(\"%.3g\", $load_mem_ms)") ms, $(calc "sprintf(\"%.1f\", $mb / ($load_mem_ms / 1e3))") MB/s; $(calc "sprintf(\"%.1f\", $load_mem_ms / $expat_ms)")x Expat" "$expat_txt" "" ""
  ref= tgt= v= per_node=
  if [ -n "$nodes" ]; then
    per_node=$(calc "$mem / $nodes")
    [ $shared = 1 ] && [ "$name" = rf_synth ] && {
      ref="cPMML 128 MiB, 1.3 KB/node"; tgt="<= 64 B/node"; v=$(verdict "$per_node" 64 le); }
  fi
  row "model memory" "$(fmt_bytes "$mem")${nodes:+, $(calc "sprintf(\"%.0f\", $per_node)") B/node ($nodes)}; peak heap $(fmt_bytes "$peak")" "$ref" "$tgt" "$v"
  if [ $shared = 1 ] && [ "$name" = rf_synth ]; then
    target "load rf_synth (MB/s)" ">= 100 MB/s" "$(calc "sprintf(\"%.1f\", $load_mbs)") MB/s" "$(verdict "$load_mbs" 100 ge)"
    target "rf_synth model memory" "<= 64 B/node" "$(calc "sprintf(\"%.0f\", $per_node)") B/node" "$(verdict "$per_node" 64 le)"
  fi

  api_ns=$(kv "$raw.api" score_ns_row)
  check=$(kv "$raw.api" check)
  rows=$(kv "$raw.api" rows)
  fails=$(kv "$raw.api" score_failures)
  tgt= v=
  [ $shared = 1 ] && tgt=$(tgt_api "$name")
  [ -n "$tgt" ] && v=$(verdict "$api_ns" "$tgt" le)
  case $check in ok*) ;; *) v="WRONG" ;; esac
  api_wall=$(kv "$raw.api" score_wall_ns_row)
  row "interpreter (C API)" "$(fmt_ns "$api_ns")/row, $(fmt_rate "$(calc "1e9 / $api_ns")")" "$([ $shared = 1 ] && ref_api "$name")" "${tgt:+<= $(fmt_ns "$tgt")}" "$v"
  say "    (wall clock $(fmt_ns "$api_wall")/row)"
  case $check in
  ok*) row "  correct?" "$check vs $(basename "$expected")" "" "" "" ;;
  *) row "  correct?" "WRONG: $check" "" "" ""; wrong=1 ;;
  esac
  [ "${fails:-0}" = 0 ] || row "  scoring failures" "$fails" "" "" ""
  # The batch API beside the per-input API, outputs read as numbers.
  batch_ns=$(kv "$raw.api" batch_ns_row)
  if [ -n "$batch_ns" ]; then
    bcheck=$(kv "$raw.api" batch_check)
    case $bcheck in ok*) bv= ;; *) bv="WRONG"; wrong=1 ;; esac
    row "  batch API" "$(fmt_ns "$batch_ns")/row; per input $(fmt_ns "$(kv "$raw.api" api_out_ns_row)"), set_numbers $(fmt_ns "$(kv "$raw.api" set_numbers_ns_row)")" "" "" "$bv"
  fi
  [ $shared = 1 ] && [ -n "$tgt" ] &&
    target "interpreter $name" "<= $(fmt_ns "$tgt")/row" "$(fmt_ns "$api_ns")/row" "$v"

  # -- instructions per row (callgrind) and hot spots
  if [ $have_cg = 1 ]; then
    cg_rows=$(awk -v b="$CG_NS" -v ns="$api_ns" -v n="$rows" 'BEGIN {
      r = int(b / ns); if (r > n) r = n; if (r < 20) r = 20; print r }')
    cgf=$out/callgrind/$name.out
    valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
      --toggle-collect=bench_score_pass --callgrind-out-file="$cgf" \
      "$API" --callgrind --rows "$cg_rows" "$model" "$input" \
      >"$raw.cg" 2>"$raw.cg.err"
    ir=$(sed -n 's/^totals: *//p' "$cgf" 2>/dev/null | awk '{ print $1 }')
    if [ -n "$ir" ] && [ "$ir" -gt 0 ] 2>/dev/null; then
      row "instructions/row" "$(calc "sprintf(\"%.0f\", $ir / $cg_rows)") (callgrind, $cg_rows rows)" "" "" ""
      say "    callgrind hot spots (self): $(cg_top "$cgf" "$ir")"
    else
      row "instructions/row" "callgrind failed (see $raw.cg.err)" "" "" ""
    fi
  fi
  if [ $have_perf = 1 ]; then
    ctl=$out/perf/ctl.$$ ack=$out/perf/ack.$$
    rm -f "$ctl" "$ack"
    mkfifo "$ctl" "$ack"
    pd=$out/perf/$name.data
    perf record -q -e cpu-clock -D -1 --control "fifo:$ctl,$ack" -o "$pd" -- \
      "$API" --runs "$PERF_RUNS" --load-runs 0 --min-time "$MIN_TIME" \
      --max-pass "$MAX_PASS" --perf-ctl "$ctl,$ack" "$model" "$input" \
      >"$raw.perf" 2>"$raw.perf.err" &&
      say "    perf hot spots (time):      $(perf_top "$pd")"
    if [ $have_hw = 1 ]; then
      perf stat -x, -e cycles,instructions,branch-misses -D -1 \
        --control "fifo:$ctl,$ack" -o "$raw.stat" -- \
        "$API" --runs "$PERF_RUNS" --load-runs 0 --min-time "$MIN_TIME" \
        --max-pass "$MAX_PASS" --perf-ctl "$ctl,$ack" "$model" "$input" \
        >"$raw.stat.api" 2>/dev/null
      n_scored=$(awk -F= '/^rows=/ { r = $2 } /^passes=/ { p = $2 }
        END { print r * p }' "$raw.stat.api")
      n_scored=$((n_scored * PERF_RUNS))
      cyc=$(awk -F, '$3 ~ /^cycles/ { print $1 }' "$raw.stat")
      ins=$(awk -F, '$3 ~ /^instructions/ { print $1 }' "$raw.stat")
      bm=$(awk -F, '$3 ~ /^branch-misses/ { print $1 }' "$raw.stat")
      row "cycles/row (perf stat)" "$(calc "sprintf(\"%.0f\", $cyc / $n_scored)") cycles, IPC $(calc "sprintf(\"%.2f\", $ins / $cyc)"), $(calc "sprintf(\"%.1f\", $bm / $n_scored)") branch misses" "" "" ""
    fi
    rm -f "$ctl" "$ack"
  fi

  # -- end to end: pmmlc score on CSV, and the floor on the same file
  n_in=$(($(wc -l <"$input") - 1))
  k=$(awk -v want="$E2E_ROWS" -v n="$n_in" -v ns="$api_ns" -v s="$E2E_MAX_S" 'BEGIN {
    r = want; if (r * ns > s * 1e9) r = s * 1e9 / ns; k = int((r + n - 1) / n)
    if (k < 1) k = 1; print k }')
  e2e_in=$(replicate "$input" "$k")
  e2e_rows=$((n_in * k))
  time_runs "$E2E_RUNS" "$raw.e2e.csv" /dev/null "$PMMLC" score -q "$model" "$e2e_in"
  e2e_s=$run_cpu
  if [ "$e2e_s" = fail ]; then
    row "pmmlc score (CSV)" "FAILED: $(head -n 1 "$raw.e2e.csv.err")" "" "" ""
    wrong=1
  else
    "$API" --compare "$raw.e2e.csv" "$expected" --tol "$tol" >"$raw.e2e.check"
    e2e_check=$(kv "$raw.e2e.check" check)
    net=$(calc "$e2e_s - $load_ms / 1e3")
    e2e_ns=$(calc "$net * 1e9 / $e2e_rows")
    row "pmmlc score (CSV)" "$(fmt_ns "$e2e_ns")/row, $(fmt_rate "$(calc "$e2e_rows / $net")")" "" "" ""
    say "    ($e2e_rows rows; $(calc "sprintf(\"%.3f\", $e2e_s)") s CPU a run (wall $(calc "sprintf(\"%.3f\", $run_wall)") s), load subtracted; $(calc "sprintf(\"%.1f\", $e2e_ns / $api_ns)")x the C API; output $(echo "$e2e_check" | cut -d' ' -f1))"
    case $e2e_check in ok*) ;; *) wrong=1; say "    pmmlc score output WRONG: $e2e_check" ;; esac
    if [ $have_perf = 1 ] &&
      perf record -q -e cpu-clock -o "$out/perf/$name.score.data" -- \
        "$PMMLC" score -q "$model" "$e2e_in" -o /dev/null \
        >/dev/null 2>&1; then
      say "    perf hot spots (pmmlc score, load included): $(perf_top "$out/perf/$name.score.data")"
    fi
  fi
  "$FLOOR" --runs "$FLOOR_RUNS" "$e2e_in" >"$raw.floor"
  fl_field=$(kv "$raw.floor" floor_ns_field)
  rd_field=$(kv "$raw.floor" read_ns_field)
  fl_row=$(kv "$raw.floor" floor_ns_row)
  parse_field=$(calc "$fl_field - $rd_field")
  ref= tgt= v=
  if [ $shared = 1 ] && [ "$(basename "$input")" = synth.csv ] && [ -z "$floor_done" ]; then
    ref="strtod 126 ns/field; fast path 20"; tgt="<= 30 ns/field"
    v=$(verdict "$parse_field" 30 le)
    target "parsing synth.csv (number parse per field)" "<= 30 ns/field" "$(calc "sprintf(\"%.1f\", $parse_field)") ns/field (+ $(calc "sprintf(\"%.1f\", $rd_field)") reading)" "$v"
    floor_done=1
  fi
  row "CSV floor (read+parse)" "$(calc "sprintf(\"%.1f\", $fl_field)") ns/field = read $(calc "sprintf(\"%.1f\", $rd_field)") + parse $(calc "sprintf(\"%.1f\", $parse_field)")" "$ref" "$tgt" "$v"
  say "    (wall clock $(calc "sprintf(\"%.1f\", $(kv "$raw.floor" floor_wall_ns_field))") ns/field$([ "$e2e_s" != fail ] && echo "; the floor is $(calc "sprintf(\"%.0f\", 100 * $fl_row / $e2e_ns)")% of pmmlc score's time per row"))"
  if [ $have_cg = 1 ] && [ "$input" != "$floor_cg_input" ]; then
    floor_cg_input=$input floor_cg_line=
    for mode in read parse; do
      valgrind --tool=callgrind --toggle-collect=floor_pass \
        --callgrind-out-file="$out/callgrind/$name.floor_$mode.out" \
        "$FLOOR" --$mode-only "$input" >"$raw.floor_$mode" 2>/dev/null
    done
    fields=$(kv "$raw.floor_read" fields)
    ir_r=$(sed -n 's/^totals: *//p' "$out/callgrind/$name.floor_read.out" 2>/dev/null)
    ir_p=$(sed -n 's/^totals: *//p' "$out/callgrind/$name.floor_parse.out" 2>/dev/null)
    if [ -n "$ir_r" ] && [ -n "$ir_p" ] && [ "${fields:-0}" -gt 0 ]; then
      floor_cg_line="read $(calc "sprintf(\"%.0f\", $ir_r / $fields)") + parse $(calc "sprintf(\"%.0f\", ($ir_p - $ir_r) / $fields)") (callgrind)"
    fi
  fi
  [ $have_cg = 1 ] && [ -n "$floor_cg_line" ] &&
    row "  instructions/field" "$floor_cg_line" "" "" ""

  # -- pmmlc score -j
  if [ $have_j = 1 ]; then
    time_runs "$E2E_RUNS" "$raw.j1.csv" /dev/null "$PMMLC" score -q -j 1 "$model" "$e2e_in"
    j1=$run_wall
    time_runs "$E2E_RUNS" "$raw.j2.csv" /dev/null "$PMMLC" score -q -j 2 "$model" "$e2e_in"
    j2=$run_wall
    sp=$(calc "$j1 / $j2")
    tgt= v=
    [ $shared = 1 ] && [ "$name" = rf_synth ] && { tgt=">= 1.8x"; v=$(verdict "$sp" 1.8 ge)
      target "pmmlc score -j 2 on rf_synth" ">= 1.8x -j 1" "$(calc "sprintf(\"%.2f\", $sp)")x" "$v"; }
    row "pmmlc score -j 2" "$(calc "sprintf(\"%.2f\", $sp)")x -j 1 (wall clock, whole runs)" "" "$tgt" "$v"
  else
    row "pmmlc score -j 2" "n/a (no -j yet)" "" "" ""
    [ $shared = 1 ] && [ "$name" = rf_synth ] &&
      target "pmmlc score -j 2 on rf_synth" ">= 1.8x -j 1" "n/a (no -j yet)" "-"
  fi

  # -- generated code
  tgt=
  [ $shared = 1 ] && tgt=$(tgt_gen "$name")
  if [ $have_gen = 0 ]; then
    row "generated code" "n/a (no code generator yet)" "$([ $shared = 1 ] && ref_gen "$name")" "${tgt:+<= $(fmt_ns "$tgt")}" ""
    [ $shared = 1 ] && [ -n "$tgt" ] &&
      target "generated code $name" "<= $(fmt_ns "$tgt")/row" "n/a (no code generator yet)" "-"
    [ $shared = 1 ] && [ "$name" = rf_synth ] &&
      target "compile rf_synth at -O2" "< 30 s, < 500 MB" "n/a (no code generator yet)" "-"
    return
  fi
  bench_generated "$tgt"
}

# ---- generated code: `pmmlc compile`, cc -O2, the --main program on the
# same CSV, and bench_gen.c for scoring alone --------------------------------
bench_generated() {
  tgt=$1
  g=$out/gen/$name
  rm -rf "$g"
  mkdir -p "$g/main" "$g/lib"
  t0=$(ns_now)
  if ! "$PMMLC" compile "$model" -o "$g/main/m.c" --main >"$g/compile.log" 2>&1; then
    row "generated code" "pmmlc compile failed: $(head -n 1 "$g/compile.log")" "" "" ""
    [ $shared = 1 ] && [ -n "$tgt" ] &&
      target "generated code $name" "<= $(fmt_ns "$tgt")/row" "pmmlc compile failed" "-"
    return
  fi
  gen_ms=$(calc "($(ns_now) - $t0) / 1e6")
  src_bytes=$(cat "$g"/main/*.c "$g"/main/*.h 2>/dev/null | wc -c)
  time_runs 1 "$g/cc.log" /dev/null \
    "$CC" -std=c99 -O2 -o "$g/main/m" "$g"/main/*.c -lm
  rc=0
  [ "$run_cpu" = fail ] && rc=1
  cc_s=$run_cpu cc_wall=$run_wall
  cc_mb=$(calc "sprintf(\"%.0f\", ${run_rss:-0} / 1024)")
  if [ $rc != 0 ]; then
    row "generated code" "cc -O2 failed: $(head -n 1 "$g/cc.log.err")" "" "" ""
    wrong=1
    return
  fi
  ref= ctgt= v=
  if [ $shared = 1 ] && [ "$name" = rf_synth ]; then
    ref="m2cgen 144 s, 964 MiB"; ctgt="< 30 s, 500 MB"
    v=$(awk -v s="$cc_s" -v m="${cc_mb:-0}" 'BEGIN {
      if (s < 30 && m < 500) print "met"
      else printf "MISS: %.1fx time, %.1fx memory", s / 30, m / 500 }')
    target "compile rf_synth at -O2" "< 30 s, < 500 MB" "$(calc "sprintf(\"%.1f\", $cc_s)") s, ${cc_mb:-?} MB" "$v"
  fi
  row "generated: compile" "pmmlc $(calc "sprintf(\"%.0f\", $gen_ms)") ms, $(fmt_bytes "$src_bytes"); cc -O2 $(calc "sprintf(\"%.1f\", $cc_s)") s CPU (wall $(calc "sprintf(\"%.1f\", $cc_wall)")), ${cc_mb:-?} MB" "$ref" "$ctgt" "$v"

  # the --main program end to end on the same CSV as pmmlc score
  time_runs "$E2E_RUNS" "$raw.gen_e2e.csv" "$e2e_in" "$g/main/m"
  gm_s=$run_cpu
  if [ "$gm_s" = fail ]; then
    row "generated --main (CSV)" "FAILED: $(head -n 1 "$raw.gen_e2e.csv.err")" "" "" ""
    wrong=1
  else
    "$API" --compare "$raw.gen_e2e.csv" "$expected" --tol "$tol" >"$raw.gen_e2e.check"
    gchk=$(kv "$raw.gen_e2e.check" check)
    gm_ns=$(calc "$gm_s * 1e9 / $e2e_rows")
    row "generated --main (CSV)" "$(fmt_ns "$gm_ns")/row, $(fmt_rate "$(calc "$e2e_rows / $gm_s")")" "" "" ""
    say "    (output $(echo "$gchk" | cut -d' ' -f1); $(calc "sprintf(\"%.2f\", $e2e_ns / $gm_ns)")x faster than pmmlc score)"
    case $gchk in ok*) ;; *) wrong=1; say "    generated output WRONG: $gchk" ;; esac
  fi

  # scoring alone, through the API STYLE.md shows: _predict row by row,
  # and _predict_rows (the batch) where the header has it; the target's
  # verdict takes the faster of the two and says which
  rows_def=
  if "$PMMLC" compile "$model" -o "$g/lib/m.c" --prefix bench_m >"$g/lib.log" 2>&1 &&
    [ -f "$g/lib/m.h" ] && grep -q 'bench_m_predict' "$g/lib/m.h" &&
    { grep -q 'bench_m_predict_rows' "$g/lib/m.h" && rows_def=-DBENCH_ROWS || :; } &&
    "$CC" -std=c99 -O2 $rows_def -DGEN_HEADER='"m.h"' -I"$g/lib" -I"$srcdir/pmmlc" \
      -I"$srcdir/runtime" -o "$g/bench_gen" "$srcdir/bench/bench_gen.c" \
      "$g"/lib/*.c "$srcdir/pmmlc/csv.c" "$srcdir/runtime/numconv.c" -lm \
      >"$g/bench_gen.log" 2>&1; then
    sed -n 's/^input_name=//p' "$raw.api" >"$g/inputs.txt"
    sed -n 's/^output_name=//p' "$raw.api" >"$g/outputs.txt"
    "$g/bench_gen" --inputs "$g/inputs.txt" --outputs "$g/outputs.txt" \
      --out "$g/out.csv" --out-rows "$g/out_rows.csv" --runs "$RUNS" \
      --min-time "$MIN_TIME" "$input" >"$raw.gen" 2>"$raw.gen.err"
    gen_ns=$(kv "$raw.gen" gen_ns_row)
    rows_ns=$(kv "$raw.gen" rows_ns_row)
    if [ "$(kv "$raw.gen" status)" = ok ] && [ -n "$gen_ns" ]; then
      "$API" --compare "$g/out.csv" "$expected" --tol "$tol" --numeric >"$raw.gen.check"
      gchk=$(kv "$raw.gen.check" check | cut -d' ' -f1)
      case $gchk in ok*) ;; *) wrong=1 ;; esac
      best=$gen_ns how="_predict"
      if [ -n "$rows_ns" ]; then
        "$API" --compare "$g/out_rows.csv" "$expected" --tol "$tol" --numeric >"$raw.gen_rows.check"
        rchk=$(kv "$raw.gen_rows.check" check | cut -d' ' -f1)
        case $rchk in ok*) ;; *) wrong=1 ;; esac
        case $(kv "$raw.gen" rows_check) in ok) ;; *) wrong=1 ;; esac
        if awk -v a="$rows_ns" -v b="$gen_ns" 'BEGIN { exit !(a < b) }'; then
          best=$rows_ns how="_predict_rows"
        fi
      fi
      v=
      [ $shared = 1 ] && [ -n "$tgt" ] && {
        v=$(verdict "$best" "$tgt" le)
        target "generated code $name" "<= $(fmt_ns "$tgt")/row" "$(fmt_ns "$best")/row ($how)" "$v"; }
      vg=$v vr=
      [ -n "$rows_ns" ] && [ "$how" = _predict_rows ] && vg= vr=$v
      row "generated: _predict" "$(fmt_ns "$gen_ns")/row, $(fmt_rate "$(calc "1e9 / $gen_ns")")" "$([ $shared = 1 ] && ref_gen "$name")" "${tgt:+<= $(fmt_ns "$tgt")}" "$vg"
      say "    (numeric outputs $gchk; $(calc "sprintf(\"%.1f\", $api_ns / $gen_ns)")x faster than the interpreter)"
      if [ -n "$rows_ns" ]; then
        row "generated: _predict_rows" "$(fmt_ns "$rows_ns")/row, $(fmt_rate "$(calc "1e9 / $rows_ns")")" "" "${tgt:+<= $(fmt_ns "$tgt")}" "$vr"
        say "    (numeric outputs $rchk; the same bits as _predict: $(kv "$raw.gen" rows_check); $(calc "sprintf(\"%.2f\", $gen_ns / $rows_ns)")x _predict)"
      fi
    else
      row "generated (scoring)" "failed: $(kv "$raw.gen" message)$(head -n 1 "$raw.gen.err")" "" "" ""
    fi
  else
    row "generated (scoring)" "n/a (no bench_m_predict as in STYLE.md; see $g)" "$([ $shared = 1 ] && ref_gen "$name")" "${tgt:+<= $(fmt_ns "$tgt")}" ""
  fi
}

# ---- run ------------------------------------------------------------------
echo "$models" >"$out/raw/models.txt"
while IFS='|' read -r name file input expected tol standin <&3; do
  if [ -n "$only" ] &&
    ! echo "$name" | grep -Eq -- "$(echo "$only" | tr ',' '|')"; then
    continue
  fi
  if [ $shared = 1 ]; then
    bench_model "$name" "$models_dir/$file" "$models_dir/$input" \
      "$models_dir/$expected" "$tol"
  else
    d=$srcdir/testdata/corpus/$standin
    tol_c=$tol
    [ -f "$d/compare" ] && grep -q ulps32 "$d/compare" && tol_c=1e-6
    bench_model "$name" "$d/model.pmml" "$d/input.csv" "$d/expected.csv" "$tol_c"
  fi
done 3<"$out/raw/models.txt"

if [ -s "$summary" ]; then
  say ""
  say "== targets of issue 7"
  awk -F'|' '{ printf "  %-42s %-26s %-38s %s\n", $1, $2, $3, $4 }' "$summary" |
    sed 's/ *$//' | tee -a "$report"
fi
say ""
say "done in $(($(date +%s) - start_s)) s, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); report in $report"
[ $have_cg = 1 ] && say "callgrind data: $out/callgrind/*.out (callgrind_annotate --inclusive=yes FILE)"
[ $have_perf = 1 ] && say "perf data: $out/perf/*.data (perf report -i FILE)"
if [ "$wrong" != 0 ]; then
  say "SOME RESULTS ARE WRONG OR FAILED (see above)"
  exit 1
fi
exit 0
