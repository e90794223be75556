#!/bin/sh
# all.sh: the whole test suite, as CI runs it. First `make check` in this
# build; then `make check` again in a second build made with
# AddressSanitizer and UndefinedBehaviorSanitizer (configure
# --enable-sanitizers) in build/sanitizers/, from a copy of the sources
# that `make distdir` writes there (so this build is left as it is, and the
# list of distributed files is checked too). Run it from a configured build
# directory (after ./quickstart.sh: the top of the source tree). Exits
# non-zero when anything fails.
#
# The sanitizers watch pmmlc and libpmmlrt, not the C that pmmlc
# generates: tests/codegen.sh compiles that with the system's compilers,
# uninstrumented, and the first pass has already built it with gcc and
# clang. So the second pass compiles it with one compiler (the first of gcc
# and clang found; CODEGEN_CC overrides), which still runs every model
# through the sanitized `pmmlc compile` and `pmmlc score`.
set -eu
if [ ! -f Makefile ]; then
  cd "$(dirname "$0")/.."
fi
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

echo "all.sh: make check"
make -j"$jobs" check

echo "all.sh: make check with AddressSanitizer and UBSan (build/sanitizers)"
san="$top/build/sanitizers"
rm -rf "$san"
mkdir -p "$san"
make distdir distdir="$san/src" >/dev/null
# The shared conformance corpus sits beside the source tree, not the copy.
srcdir=$(sed -n 's/^abs_top_srcdir = //p' Makefile)
if [ -z "${SHARED:-}" ] && [ -d "$srcdir/../shared" ]; then
  SHARED=$(cd "$srcdir/../shared" && pwd)
  export SHARED
fi
cd "$san/src"
./configure --enable-sanitizers --enable-werror >"$san/configure.log" 2>&1 || {
  tail -n 20 "$san/configure.log"
  exit 1
}
make -j"$jobs" >"$san/build.log" 2>&1 || {
  tail -n 40 "$san/build.log"
  exit 1
}
if [ -z "${CODEGEN_CC:-}" ]; then
  for cc in gcc clang; do
    if command -v "$cc" >/dev/null 2>&1; then
      CODEGEN_CC=$cc
      break
    fi
  done
fi
CODEGEN_CC=${CODEGEN_CC:-gcc} make -j"$jobs" check
echo "all.sh: both builds pass"
