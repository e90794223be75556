#!/bin/sh
# codegen.sh: the differential test of the code generator. Every model of
# testdata/codegen (hand-made documents touching every construct), of the
# families of testdata/corpus that generate, and (where ../shared exists)
# of the conformance cases listed in tests/corpus_cases.txt is compiled with
# `pmmlc compile --main` by each C compiler found (CODEGEN_CC, default
# "gcc clang") with -std=c99 -Wall -Wextra -pedantic -Werror, run on each
# of its inputs, and must print byte for byte what `pmmlc score` prints,
# on standard output and standard error, with the same exit status.
# Conformance cases listed in tests/codegen_pending.txt must be refused
# with a message saying what is not generated yet; cases of model families
# that have no gen_<family>.c yet are counted as pending.
set -u
. "$(dirname "$0")/lib.sh"
script=$0

# Families of testdata/corpus the generator compiles (grows with them).
GENERATED="tree regression mining svm naivebayes clustering knn scorecard ruleset anomaly glm neural"
CFLAGS_TEST=${CODEGEN_CFLAGS:--O1}
compilers=
for cc in ${CODEGEN_CC:-gcc clang}; do
  command -v "$cc" >/dev/null 2>&1 && compilers="$compilers $cc"
done
if [ -z "$compilers" ]; then
  echo "codegen.sh: SKIP: no C compiler (gcc or clang) found"
  exit 77
fi

# One model: compile, then compare every input. $1 id, $2 model, $3...
# inputs. Runs in its own folder; prints "PASS id" or "FAIL id: why".
# (`codegen.sh --one ID MODEL INPUT...` runs one: the jobs run in parallel.)
check_model() {
  id=$1 model=$2
  shift 2
  dir="$tmp/$(echo "$id" | tr '/' '_')"
  mkdir -p "$dir"
  flags=
  case $id in packed/*) flags=--pack-nodes=0 ;; esac
  if ! "$PMMLC" compile "$model" -o "$dir/m.c" --main $flags 2>"$dir/gen.err"
  then
    # A model family the generator has no gen_<family>.c for yet.
    case $id in
      conformance/*)
        if grep -q "the code generator does not support this model yet" \
          "$dir/gen.err"; then
          echo "PENDING $id: $(sed 's/.*error: //;q' "$dir/gen.err")"
          return
        fi ;;
    esac
    echo "FAIL $id: pmmlc compile: $(head -n1 "$dir/gen.err")"
    return
  fi
  for cc in $compilers; do
    if ! $cc -std=c99 -Wall -Wextra -pedantic -Werror $CFLAGS_TEST \
        "$dir/m.c" -o "$dir/m_$cc" -lm 2>"$dir/cc.err"; then
      echo "FAIL $id: $cc: $(grep -m1 -E 'error|warning' "$dir/cc.err")"
      return
    fi
  done
  for input in "$@"; do
    "$PMMLC" score "$model" - <"$input" >"$dir/int.csv" 2>"$dir/int.err"
    want=$?
    for cc in $compilers; do
      "$dir/m_$cc" <"$input" >"$dir/gen.csv" 2>"$dir/gen.err"
      got=$?
      if [ "$got" != "$want" ]; then
        echo "FAIL $id: $cc: $(basename "$input"): exit $got, pmmlc score" \
          "exits $want: $(head -n1 "$dir/gen.err")"
        return
      fi
      if ! cmp -s "$dir/gen.csv" "$dir/int.csv"; then
        echo "FAIL $id: $cc: $(basename "$input"): output differs:" \
          "$(diff "$dir/int.csv" "$dir/gen.csv" | sed -n 2p)"
        return
      fi
      if ! cmp -s "$dir/gen.err" "$dir/int.err"; then
        echo "FAIL $id: $cc: $(basename "$input"): messages differ:" \
          "$(diff "$dir/int.err" "$dir/gen.err" | sed -n 2p)"
        return
      fi
    done
  done
  rm -rf "$dir"
  echo "PASS $id"
}

if [ "${1:-}" = --one ]; then
  shift
  check_model "$@"
  exit 0
fi

# The list of jobs: "id<TAB>model<TAB>input..." one per line.
jobs="$tmp/jobs.txt"
: >"$jobs"
for dir in "$top_srcdir"/testdata/codegen/*/; do
  dir=${dir%/}
  printf 'codegen/%s\t%s' "$(basename "$dir")" "$dir/model.pmml" >>"$jobs"
  for input in "$dir"/input*.csv; do printf '\t%s' "$input" >>"$jobs"; done
  echo >>"$jobs"
done
# Trees again with their tables packed into bytes (what big models get).
for dir in "$top_srcdir"/testdata/codegen/tree_*/ \
  "$top_srcdir"/testdata/corpus/tree/*/; do
  dir=${dir%/}
  printf 'packed/%s\t%s' "$(basename "$dir")" "$dir/model.pmml" >>"$jobs"
  for input in "$dir"/input*.csv; do printf '\t%s' "$input" >>"$jobs"; done
  echo >>"$jobs"
done
for dir in "$top_srcdir"/testdata/corpus/*/*/; do
  dir=${dir%/}
  case=${dir#"$top_srcdir"/testdata/corpus/}
  family=${case%%/*}
  for f in $GENERATED; do
    [ "$f" = "$family" ] &&
      printf 'corpus/%s\t%s\t%s\n' "$case" "$dir/model.pmml" \
        "$dir/input.csv" >>"$jobs"
  done
done
manifest="$SHARED/conformance/MANIFEST.tsv"
pending="$top_srcdir/tests/codegen_pending.txt"
if [ -f "$manifest" ]; then
  for id in $(grep -v '^#' "$top_srcdir/tests/corpus_cases.txt"); do
    line=$(awk -F'\t' -v id="$id" '$1 == id' "$manifest")
    model="$SHARED/conformance/$(echo "$line" | cut -f2)"
    input="$SHARED/conformance/$(echo "$line" | cut -f3)"
    if grep -qx "$id" "$pending"; then
      # Not generated yet: must be refused, naming what.
      if "$PMMLC" compile "$model" -o "$tmp/pending.c" 2>"$tmp/pending.err"
      then
        fail "$id generates now: remove it from tests/codegen_pending.txt"
      elif grep -q "not supported by the code generator" "$tmp/pending.err"
      then
        pass
      else
        fail "$id: $(head -n1 "$tmp/pending.err")"
      fi
      continue
    fi
    printf 'conformance/%s\t%s\t%s\n' "$id" "$model" "$input" >>"$jobs"
  done
else
  echo "codegen.sh: no conformance corpus at $SHARED: its cases are skipped"
fi

# Run the jobs in parallel, each by a child `codegen.sh --one`.
n=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
results="$tmp/results.txt"
export PMMLC CODEGEN_CFLAGS="$CFLAGS_TEST" CODEGEN_CC="$compilers"
tr '\t' '\n' <"$jobs" >/dev/null
while IFS= read -r line; do
  printf '%s\0' "$line"
done <"$jobs" |
  xargs -0 -P "$n" -n 1 sh -c 'IFS=$(printf "\t"); set -f; exec sh "$0" --one $1' "$script" >"$results"
[ -s "$results" ] || fail "no result at all"

# The API by numbers (set_number, as a program embedding the model sets its
# inputs): generated code and libpmmlrt give the same outputs on every row
# of the inputs read as numbers (bench/bench_score.c, BENCH_DUMP). In a
# sanitizer build the library's objects need the sanitizers' run time
# (SAN_FLAGS); the harness itself is not what is checked for leaks.
if gcc -O1 ${SAN_FLAGS:-} -I"$top_srcdir/runtime" \
    "$top_srcdir/bench/bench_score.c" \
    "$top_builddir/runtime/.libs/libpmmlcore.a" $(pkg-config --libs expat \
    zlib libpcre2-8 2>/dev/null || echo -lexpat -lz -lpcre2-8) -lm \
    -o "$tmp/interp_num" 2>"$tmp/cc.err"; then
  for dir in "$top_srcdir"/testdata/codegen/*/ \
    "$top_srcdir"/testdata/corpus/tree/*/ \
    "$top_srcdir"/testdata/corpus/regression/*/ \
    "$top_srcdir"/testdata/corpus/mining/*/ \
    "$top_srcdir"/testdata/corpus/knn/*/ \
    "$top_srcdir"/testdata/corpus/neural/*/; do
    dir=${dir%/}
    mkdir -p "$tmp/num"
    if ! "$PMMLC" compile "$dir/model.pmml" -o "$tmp/num/m.c" 2>/dev/null ||
      ! gcc -O1 -DGEN=m -DGENU=M -DPM_PREDICT_CHECK -I"$tmp/num" \
        "$top_srcdir/bench/bench_score.c" "$tmp/num/m.c" -lm \
        -o "$tmp/gen_num" 2>"$tmp/cc.err"; then
      fail "set_number ${dir#"$top_srcdir"/}: cannot build"
      continue
    fi
    for input in "$dir"/input*.csv; do
      head -n1 "$input" | grep -q . || continue
      # _predict's fast path gives bit for bit what its general path
      # gives, which gives what the context API gives; the fast_* models
      # must take the fast path on some rows. _predict_rows gives bit for
      # bit what _predict gives (the forests among these models walk their
      # trees a block of rows at a time; rows with missing values too).
      if BENCH_PREDICT_CHECK=1 "$tmp/gen_num" "$input" >"$tmp/pc.txt" 2>&1
      then
        case $(basename "$dir") in
          fast_*)
            if grep -q "^predict_check=ok .* fast=0$" "$tmp/pc.txt"; then
              fail "_predict ${dir#"$top_srcdir"/}: no fast path"
            else
              pass
            fi ;;
          *) pass ;;
        esac
      elif grep -q "^no column" "$tmp/pc.txt"; then
        pass # (bench_score.c reads simple CSV headers only)
      else
        fail "_predict ${dir#"$top_srcdir"/} $(basename "$input"):" \
          "$(head -n1 "$tmp/pc.txt")"
      fi
      BENCH_DUMP="$tmp/g.txt" "$tmp/gen_num" "$input" >/dev/null 2>&1
      ASAN_OPTIONS=detect_leaks=0 BENCH_DUMP="$tmp/i.txt" \
        "$tmp/interp_num" "$dir/model.pmml" "$input" \
        >/dev/null 2>&1
      if cmp -s "$tmp/g.txt" "$tmp/i.txt"; then
        pass
      else
        fail "set_number ${dir#"$top_srcdir"/} $(basename "$input"):" \
          "$(diff "$tmp/i.txt" "$tmp/g.txt" | sed -n 2p)"
      fi
    done
  done
else
  fail "bench/bench_score.c does not build: $(head -n1 "$tmp/cc.err")"
fi

# --float: every model compiles warning-free in single precision, and the
# corpus models still give their framework's predictions (float tolerance).
for dir in "$top_srcdir"/testdata/corpus/*/*/ "$top_srcdir"/testdata/codegen/*/; do
  dir=${dir%/}
  case=${dir#"$top_srcdir"/testdata/}
  family=${case#corpus/}
  family=${family%%/*}
  case $case in
    corpus/*)
      generated=0
      for f in $GENERATED; do [ "$f" = "$family" ] && generated=1; done
      [ $generated -eq 1 ] || continue ;;
  esac
  if ! "$PMMLC" compile "$dir/model.pmml" -o "$tmp/f.c" --main --float \
      2>"$tmp/f.err"; then
    fail "--float $case: $(head -n1 "$tmp/f.err")"
    continue
  fi
  for cc in $compilers; do
    if ! $cc -std=c99 -Wall -Wextra -pedantic -Werror -O1 "$tmp/f.c" \
        -o "$tmp/f" -lm 2>"$tmp/cc.err"; then
      fail "--float $case: $cc: $(grep -m1 -E 'error|warning' "$tmp/cc.err")"
      continue 2
    fi
  done
  case $case in
    corpus/mining/r_randomforest)
      # Its input holds 3.4000000000000004 where trees split at 3.4, one
      # double ulp apart: in float they are equal and a vote moves.
      pass ;;
    corpus/*)
      "$tmp/f" <"$dir/input.csv" >"$tmp/f.csv" 2>/dev/null
      if "$CSVCMP" --rel 1e-5 --zero 1e-5 "$dir/expected.csv" "$tmp/f.csv" \
        >"$tmp/cmp.txt" 2>&1; then
        pass
      else
        fail "--float $case: $(head -n1 "$tmp/cmp.txt")"
      fi ;;
    *) pass ;;
  esac
done

# Cross-compilation, where Debian's cross compilers are installed: models
# build warning-free for a Cortex-M4F (arm-none-eabi, single and double
# precision), and the corpus models run under qemu-arm (armhf Linux) with
# the interpreter's results (libm may differ in the last bit).
if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
  for dir in "$top_srcdir"/testdata/codegen/dataside/ \
    "$top_srcdir"/testdata/codegen/names/ \
    "$top_srcdir"/testdata/codegen/errors_expr/ \
    "$top_srcdir"/testdata/codegen/tree_defaultChild_cls/ \
    "$top_srcdir"/testdata/corpus/tree/*/ \
    "$top_srcdir"/testdata/corpus/regression/*/; do
    for fl in "" --float; do
      if "$PMMLC" compile "${dir%/}/model.pmml" -o "$tmp/m4.c" $fl \
          2>/dev/null &&
        arm-none-eabi-gcc -std=c99 -Wall -Wextra -pedantic -Werror -Os \
          -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 \
          -c "$tmp/m4.c" -o "$tmp/m4.o" 2>"$tmp/cc.err"; then
        pass
      else
        fail "Cortex-M4F $fl ${dir%/}: $(grep -m1 -E 'error|warning' "$tmp/cc.err")"
      fi
    done
  done
else
  echo "codegen.sh: no arm-none-eabi-gcc: Cortex-M4F builds skipped"
fi
if command -v arm-linux-gnueabihf-gcc >/dev/null 2>&1 &&
  command -v qemu-arm >/dev/null 2>&1; then
  for dir in "$top_srcdir"/testdata/corpus/tree/*/ \
    "$top_srcdir"/testdata/corpus/regression/*/; do
    dir=${dir%/}
    if ! "$PMMLC" compile "$dir/model.pmml" -o "$tmp/arm.c" --main ||
      ! arm-linux-gnueabihf-gcc -std=c99 -Wall -Wextra -pedantic -Werror -O2 \
        -static "$tmp/arm.c" -o "$tmp/arm" -lm 2>"$tmp/cc.err"; then
      fail "armhf $dir: $(grep -m1 -E 'error|warning' "$tmp/cc.err")"
      continue
    fi
    qemu-arm "$tmp/arm" <"$dir/input.csv" >"$tmp/arm.csv" 2>/dev/null
    "$PMMLC" score "$dir/model.pmml" "$dir/input.csv" -o "$tmp/int.csv"
    if "$CSVCMP" --rel 1e-15 --zero 1e-300 "$tmp/int.csv" "$tmp/arm.csv" \
      >"$tmp/cmp.txt" 2>&1; then
      pass
    else
      fail "armhf under qemu $dir: $(head -n1 "$tmp/cmp.txt")"
    fi
  done
else
  echo "codegen.sh: no arm-linux-gnueabihf-gcc or qemu-arm: armhf runs skipped"
fi

# Two models in one program: their objects export nothing but their
# prefixed API, and each scores as `pmmlc score` does.
link="$tmp/link"
mkdir -p "$link"
iris="$top_srcdir/testdata/corpus/tree/sklearn_iris_classifier/model.pmml"
logreg="$top_srcdir/testdata/corpus/regression/sklearn_logistic_binary/model.pmml"
cat >"$link/main.c" <<'EOC'
#include <stdio.h>
#include <string.h>
#include "one.h"
#include "two.h"
/* Every input "1", then the outputs as pmmlc score prints them. */
#define RUN(P, U)                                                            \
  do {                                                                       \
    static P##_ctx c;                                                        \
    size_t i;                                                                \
    P##_init(&c);                                                            \
    for (i = 0; i < U##_N_INPUTS; i++)                                       \
      P##_set_text(&c, i, "1", 1);                                           \
    if (P##_score(&c) != 0)                                                  \
      return 1;                                                              \
    for (i = 0; i < U##_N_OUTPUTS; i++) {                                    \
      P##_value v;                                                           \
      char buf[64];                                                          \
      P##_output(&c, i, &v);                                                 \
      if (v.kind == U##_STRING)                                              \
        printf("%s%.*s", i ? "," : "", (int)v.length, v.string);             \
      else {                                                                 \
        P##_format(&v, buf, sizeof buf);                                     \
        printf("%s%s", i ? "," : "", buf);                                   \
      }                                                                      \
    }                                                                        \
    printf("\n");                                                            \
  } while (0)
int
main(void)
{
  RUN(one, ONE);
  RUN(two, TWO);
  return 0;
}
EOC
ok=1
for cc in $compilers; do
  if ! (cd "$link" && "$PMMLC" compile "$iris" -o one.c &&
      "$PMMLC" compile "$logreg" -o two.c &&
      $cc -std=c99 -Wall -Wextra -pedantic -Werror -O1 -c one.c &&
      $cc -std=c99 -Wall -Wextra -pedantic -Werror -O1 -c two.c &&
      $cc -std=c99 -Wall -Wextra -pedantic -Werror -O1 -c main.c &&
      $cc one.o two.o main.o -o both -lm) >"$link/err" 2>&1; then
    fail "two models in one program ($cc): $(grep -m1 error "$link/err")"
    ok=0
    continue
  fi
  for p in one two; do
    extra=$(nm -g --defined-only "$link/$p.o" | awk '{print $3}' |
      grep -v "^${p}_" || true)
    if [ -n "$extra" ]; then
      fail "$p.o exports more than its API: $extra"
      ok=0
    fi
    # No mutable global: .data and .bss are empty (constant tables with
    # pointers may sit in .data.rel.ro, which is read-only once loaded).
    writable=$(size -A "$link/$p.o" |
      awk '($1 == ".data" || $1 == ".bss") && $2 > 0 {print $1 " " $2}')
    if [ -n "$writable" ]; then
      fail "$p.o has mutable globals: $writable"
      ok=0
    fi
  done
  "$link/both" >"$link/got.txt" || { fail "two models: exit $?"; ok=0; }
  : >"$link/want.txt"
  for doc in "$iris" "$logreg"; do
    n=$("$PMMLC" info "$doc" | awk '/^inputs:/{print $2}')
    "$PMMLC" info "$doc" | sed -n "/^inputs:/,/^outputs:/p" |
      sed '1d;$d' | awk '{print $1}' | paste -sd, - >"$link/in.csv"
    awk -v n="$n" 'BEGIN{for(i=1;i<=n;i++) printf "%s1", (i > 1 ? "," : ""); print ""}' \
      >>"$link/in.csv"
    "$PMMLC" score "$doc" "$link/in.csv" | sed -n 2p >>"$link/want.txt"
  done
  if ! cmp -s "$link/got.txt" "$link/want.txt"; then
    fail "two models in one program ($cc): $(cat "$link/got.txt") vs" \
      "$(cat "$link/want.txt")"
    ok=0
  fi
done
[ $ok -eq 1 ] && pass
while read -r status rest; do
  case $status in
    PASS) pass ;;
    PENDING) pass ;;
    *) fail "$rest" ;;
  esac
done <"$results"
pending=$(grep -c '^PENDING' "$results")
[ "$pending" -gt 0 ] && echo "codegen.sh: $pending conformance cases of" \
  "families the generator does not compile yet, e.g." \
  "$(grep -m1 '^PENDING' "$results" | cut -d' ' -f2-)"
finish
