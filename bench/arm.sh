#!/bin/sh
# arm.sh: the generated code on ARM (a measurement, run on demand; not part
# of `make check`, whose tests/codegen.sh only builds a few models for the
# same targets). Run from the top of a built tree:
#
#   bench/arm.sh              sizes and qemu runs of the models below
#   bench/arm.sh --sizes      only (a); bench/arm.sh --qemu: only (b)
#
# (a) Cortex-M4F: each model is generated (double, then --float) and
#     compiled with arm-none-eabi-gcc -std=c99 -Wall -Wextra -pedantic
#     -Werror -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
#     -Os; arm-none-eabi-size gives text, data and bss of the object, and of
#     a program that calls only <prefix>_predict, linked with newlib-nano
#     and --gc-sections (what the model costs in flash and RAM, libm
#     included; the context of _predict's general path is on the stack and
#     counted by neither). Models: dt_iris (TreeModel), lr_synth (logistic
#     RegressionModel), a 100-tree forest (the first 100 trees of rf_synth,
#     a MiningModel: "not generated yet" until the generator compiles it).
# (b) armhf Linux: the --main program, built by arm-linux-gnueabihf-gcc
#     -O2 -static, runs under qemu-arm on the inputs of the tree and
#     regression models of testdata/ and of ../shared/bench, and must print
#     what `pmmlc score` prints on x86-64 (same stdout, stderr and exit
#     status; where the bytes differ, the numbers are compared with a
#     relative tolerance of 1e-15 and the difference reported).
#
# Prints one line per measurement; exits 1 if a build or a comparison
# failed, 77 if no cross compiler is installed (Debian: gcc-arm-none-eabi,
# libnewlib-arm-none-eabi, gcc-arm-linux-gnueabihf, qemu-user).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PMMLC=${PMMLC:-$top/pmmlc/pmmlc}
CSVCMP=${CSVCMP:-$top/tests/csvcmp}
shared=${SHARED:-$(cd "$top/.." && pwd)/shared}/bench
work=$(mktemp -d "${TMPDIR:-/tmp}/arm.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
M4FLAGS="-std=c99 -Wall -Wextra -pedantic -Werror -mcpu=cortex-m4 -mthumb
  -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os"
status=0
do_sizes=1 do_qemu=1
case ${1:-} in
  --sizes) do_qemu=0 ;;
  --qemu) do_sizes=0 ;;
  "") ;;
  *) sed -n '2,/^set -u/p' "$0" | sed '$d;s/^# \{0,1\}//'; exit 2 ;;
esac
have() { command -v "$1" >/dev/null 2>&1; }
if ! have arm-none-eabi-gcc && ! have arm-linux-gnueabihf-gcc; then
  echo "arm.sh: SKIP: no ARM cross compiler (arm-none-eabi-gcc," \
    "arm-linux-gnueabihf-gcc)"
  exit 77
fi

# ---- (a) Cortex-M4F sizes ------------------------------------------------

# A 100-tree forest: rf_synth cut after its 100th <Segment>.
forest100() {
  gzip -dc "$shared/rf_synth.pmml.gz" | awk '
    /<Segment[ >]/ { n++ }
    n > 100 && !done && /<Segment[ >]/ { skip = 1 }
    skip && /<\/Segmentation>/ { skip = 0; done = 1 }
    !skip { print }' >"$1"
}

# "text data bss" of an object or program.
size3() {
  arm-none-eabi-size "$1" | awk 'NR == 2 { print $1, $2, $3 }'
}

# The Cortex-M4F sizes of one model: $1 name, $2 document.
m4_sizes() {
  name=$1 doc=$2
  for fl in "" --float; do
    d="$work/m4/$name$fl"
    mkdir -p "$d"
    if ! "$PMMLC" compile "$doc" -o "$d/m.c" --prefix m $fl 2>"$d/gen.err"
    then
      if grep -q "does not support this model yet" "$d/gen.err"; then
        echo "M4F $name${fl:+ $fl}: not generated yet:" \
          "$(sed 's/.*error: //;q' "$d/gen.err")"
      else
        echo "M4F $name${fl:+ $fl}: FAIL: pmmlc compile:" \
          "$(head -n 1 "$d/gen.err")"
        status=1
      fi
      return
    fi
    # shellcheck disable=SC2086
    if ! arm-none-eabi-gcc $M4FLAGS -ffunction-sections -fdata-sections \
        -c "$d/m.c" -o "$d/m.o" 2>"$d/cc.err"; then
      echo "M4F $name${fl:+ $fl}: FAIL: $(grep -m1 -E 'error|warning' \
        "$d/cc.err")"
      status=1
      continue
    fi
    # A program that scores one record through _predict and nothing else.
    cat >"$d/app.c" <<'EOC'
#include "m.h"
volatile double sink;
int
main(void)
{
  double in[M_N_INPUTS + 1] = {0}, out[M_N_OUTPUTS + 1];
  m_predict(in, 0, out, M_N_OUTPUTS);
  sink = out[0];
  return 0;
}
EOC
    # shellcheck disable=SC2086
    if ! arm-none-eabi-gcc $M4FLAGS -ffunction-sections -fdata-sections \
        -I"$d" "$d/app.c" "$d/m.o" -o "$d/app.elf" -specs=nano.specs \
        -specs=nosys.specs -Wl,--gc-sections -lm 2>"$d/ld.err"; then
      echo "M4F $name${fl:+ $fl}: FAIL: link: $(grep -m1 -E 'error|undefined' \
        "$d/ld.err")"
      status=1
      continue
    fi
    printf 'M4F %-18s object text/data/bss %s; program calling only' \
      "$name${fl:+ $fl}" "$(size3 "$d/m.o" | tr ' ' /)"
    printf ' m_predict %s (C source %s bytes)\n' \
      "$(size3 "$d/app.elf" | tr ' ' /)" "$(cat "$d"/m*.c | wc -c)"
  done
}

if [ $do_sizes = 1 ]; then
  if ! have arm-none-eabi-gcc; then
    echo "arm.sh: no arm-none-eabi-gcc: Cortex-M4F sizes skipped"
  else
    echo "== (a) Cortex-M4F: arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion)" \
      "$(echo $M4FLAGS)"
    # An empty program: what newlib-nano's start-up costs by itself.
    mkdir -p "$work/m4"
    echo 'int main(void) { return 0; }' >"$work/m4/empty.c"
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $M4FLAGS "$work/m4/empty.c" -o "$work/m4/empty.elf" \
      -specs=nano.specs -specs=nosys.specs -Wl,--gc-sections &&
      echo "M4F (empty program)      text/data/bss" \
        "$(size3 "$work/m4/empty.elf" | tr ' ' /)"
    if [ -f "$shared/dt_iris.pmml" ]; then
      m4_sizes dt_iris "$shared/dt_iris.pmml"
      m4_sizes lr_synth "$shared/lr_synth.pmml"
      forest100 "$work/forest100.pmml"
      m4_sizes forest100 "$work/forest100.pmml"
    else
      echo "arm.sh: no $shared: sizes of our corpus models instead"
      m4_sizes iris_tree "$top/testdata/corpus/tree/sklearn_iris_classifier/model.pmml"
      m4_sizes logreg "$top/testdata/corpus/regression/sklearn_logistic_binary/model.pmml"
      m4_sizes rf "$top/testdata/corpus/mining/sklearn_rf_classifier/model.pmml"
    fi
  fi
fi

# ---- (b) armhf under qemu ------------------------------------------------

# One model on one input: $1 label, $2 document, $3 input, $4 pmmlc flags.
qemu_run() {
  label=$1 doc=$2 input=$3 flags=${4:-}
  d="$work/qemu/$(echo "$label" | tr '/ ' '__')"
  mkdir -p "$d"
  # shellcheck disable=SC2086
  if ! "$PMMLC" compile "$doc" -o "$d/m.c" --main $flags 2>"$d/gen.err"; then
    echo "armhf $label: not generated: $(sed 's/.*error: //;q' "$d/gen.err")"
    return
  fi
  if ! arm-linux-gnueabihf-gcc -std=c99 -Wall -Wextra -pedantic -Werror -O2 \
      -static "$d"/m*.c -o "$d/m" -lm 2>"$d/cc.err"; then
    echo "armhf $label: FAIL: $(grep -m1 -E 'error|warning' "$d/cc.err")"
    status=1
    return
  fi
  "$PMMLC" score "$doc" - <"$input" >"$d/want.csv" 2>"$d/want.err"
  want=$?
  qemu-arm "$d/m" <"$input" >"$d/got.csv" 2>"$d/got.err"
  got=$?
  rows=$(($(wc -l <"$d/got.csv") - 1))
  if [ $got != $want ] || ! cmp -s "$d/got.err" "$d/want.err"; then
    echo "armhf $label: FAIL: exit $got (pmmlc score $want):" \
      "$(head -n 1 "$d/got.err")"
    status=1
  elif cmp -s "$d/got.csv" "$d/want.csv"; then
    echo "armhf $label: same output as pmmlc score ($rows rows${flags:+, $flags})"
  elif [ -z "$flags" ] && "$CSVCMP" --rel 1e-15 --zero 1e-300 \
      "$d/want.csv" "$d/got.csv" >"$d/cmp.txt" 2>&1; then
    echo "armhf $label: within 1e-15 of pmmlc score ($rows rows;" \
      "$(diff "$d/want.csv" "$d/got.csv" | grep -c '^>') rows differ in" \
      "the last bits, e.g. $(diff "$d/want.csv" "$d/got.csv" | sed -n 2p))"
  elif [ -n "$flags" ] && "$CSVCMP" --rel 1e-5 --zero 1e-5 \
      "$d/want.csv" "$d/got.csv" >"$d/cmp.txt" 2>&1; then
    echo "armhf $label: within 1e-5 of pmmlc score ($rows rows, $flags)"
  else
    echo "armhf $label: FAIL: $(head -n 1 "$d/cmp.txt")"
    status=1
  fi
}

if [ $do_qemu = 1 ]; then
  if ! have arm-linux-gnueabihf-gcc || ! have qemu-arm; then
    echo "arm.sh: no arm-linux-gnueabihf-gcc or qemu-arm: armhf runs skipped"
  else
    echo "== (b) armhf: arm-linux-gnueabihf-gcc" \
      "$(arm-linux-gnueabihf-gcc -dumpversion) -O2 -static, under" \
      "$(qemu-arm --version | head -n 1)"
    for dir in "$top"/testdata/corpus/tree/*/ \
      "$top"/testdata/corpus/regression/*/ "$top"/testdata/codegen/fast_*/ \
      "$top"/testdata/codegen/tree_*/ "$top"/testdata/codegen/reg_*/; do
      dir=${dir%/}
      for input in "$dir"/input*.csv; do
        qemu_run "${dir#"$top"/testdata/}/$(basename "$input")" \
          "$dir/model.pmml" "$input"
      done
    done
    if [ -f "$shared/dt_iris.pmml" ]; then
      qemu_run "bench/dt_iris" "$shared/dt_iris.pmml" "$shared/iris.csv"
      qemu_run "bench/lr_synth" "$shared/lr_synth.pmml" "$shared/synth.csv"
    fi
    # --float: the numbers of single precision, near the double ones.
    for dir in "$top"/testdata/corpus/tree/*/ \
      "$top"/testdata/corpus/regression/*/; do
      dir=${dir%/}
      qemu_run "${dir#"$top"/testdata/}" "$dir/model.pmml" "$dir/input.csv" \
        --float
    done
  fi
fi
exit $status
