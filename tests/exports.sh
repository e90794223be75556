#!/bin/sh
# exports.sh: the shared libpmmlrt exports only pmml_* symbols, and every
# function of pmml.h is among them.
set -u
. "$(dirname "$0")/lib.sh"

so=$(ls "$top_builddir"/runtime/.libs/libpmmlrt.so.* 2>/dev/null | head -n 1)
if [ -z "$so" ] || ! command -v nm >/dev/null 2>&1; then
  echo "exports.sh: SKIP: no shared libpmmlrt built (or no nm)"
  exit 77
fi
nm -D --defined-only "$so" | awk '$2 ~ /[TDRB]/ { print $3 }' |
  sort > "$tmp/exported"
bad=$(grep -v '^pmml_' "$tmp/exported")
if [ -z "$bad" ]; then pass; else fail "exported beyond pmml_*: $(echo $bad | head -c 300)"; fi
# Every function declared in the public header is exported.
grep -o 'pmml_[a-z_]*(' "$top_srcdir/runtime/pmml.h" | tr -d '(' | sort -u |
  while read -r f; do
    grep -qx "$f" "$tmp/exported" || echo "$f"
  done > "$tmp/missing"
if [ ! -s "$tmp/missing" ]; then pass; else fail "declared but not exported: $(cat "$tmp/missing" | tr '\n' ' ')"; fi
finish
