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
# with a message saying what is not generated yet.
set -u
. "$(dirname "$0")/lib.sh"
script=$0

# Families of testdata/corpus the generator compiles (grows with them).
GENERATED="tree regression"
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
  if ! "$PMMLC" compile "$model" -o "$dir/m.c" --main 2>"$dir/gen.err"; then
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
while read -r status rest; do
  if [ "$status" = PASS ]; then pass; else fail "$rest"; fi
done <"$results"
finish
