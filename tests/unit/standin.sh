#!/bin/sh
# standin.sh: build and run the value/builtins/text suites with the
# stand-ins, under ASan+UBSan with gcc and clang, then under valgrind.
# Usage: tests/unit/standin.sh [NUMCONV_INCLUDE_DIR]   (from the top folder)
# The include dir must hold numconv.h (runtime/ once numconv is merged).
set -e
inc=${1:-runtime}
src="runtime/value.c runtime/builtins.c runtime/regex.c runtime/eval_text.c
 tests/unit/stubs_standin.c tests/unit/numconv_standin.c
 tests/unit/test_value.c tests/unit/test_builtins.c tests/unit/test_text.c
 tests/unit/runner_standin.c"
flags="-std=c99 -Wall -Wextra -pedantic -g -Iruntime -I$inc -Itests/unit"
libs="-lcunit -lpcre2-8 -lm"
out=${TMPDIR:-/tmp}/pmml-standin
mkdir -p "$out"
for cc in gcc clang; do
  $cc $flags -fsanitize=address,undefined -fno-sanitize-recover=all \
    $src -o "$out/run-$cc" $libs
  "$out/run-$cc"
done
gcc $flags -O1 -DPMML_NO_JIT $src -o "$out/run-vg" $libs
valgrind -q --error-exitcode=9 --leak-check=full "$out/run-vg" > /dev/null
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
  "$out/run-vg" de_DE.UTF-8 > /dev/null
fi
echo "standin suites: all passed"
