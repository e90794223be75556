#!/bin/sh
# golden.sh: the code generator's output for a few small models, byte for
# byte (testdata/golden/NAME.{c,h}, listed in testdata/golden/SOURCES), and
# its determinism: the same bytes from another directory, under another
# locale and time zone. With --regen, rewrite the golden files instead
# (`make regen-golden`).
set -u
. "$(dirname "$0")/lib.sh"

golden="$top_srcdir/testdata/golden"
regen=0
[ "${1:-}" = --regen ] && regen=1
grep -v '^#' "$golden/SOURCES" | while read -r name doc; do
  [ -n "$name" ] || continue
  if [ $regen -eq 1 ]; then
    (cd "$golden" &&
      "$PMMLC" compile "$top_srcdir/$doc" -o "$name.c" --prefix "$name") ||
      exit 1
    echo "golden.sh: wrote testdata/golden/$name.c and $name.h" >&2
    continue
  fi
  mkdir -p "$tmp/a" "$tmp/b"
  (cd "$tmp/a" && "$PMMLC" compile "$top_srcdir/$doc" -o "$name.c" \
    --prefix "$name") 2>"$tmp/err"
  for ext in c h; do
    if cmp -s "$tmp/a/$name.$ext" "$golden/$name.$ext"; then
      echo PASS
    else
      echo "FAIL $name.$ext differs from testdata/golden (make regen-golden" \
        "and review the diff): $(head -n1 "$tmp/err")"
    fi
  done
  # Same bytes elsewhere, in another locale and time zone.
  mkdir -p "$tmp/b/sub"
  (cd "$tmp/b" && LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 TZ=Asia/Kolkata \
    "$PMMLC" compile "$top_srcdir/$doc" -o "sub/../$name.c" \
    --prefix "$name")
  if cmp -s "$tmp/a/$name.c" "$tmp/b/$name.c" &&
    cmp -s "$tmp/a/$name.h" "$tmp/b/$name.h"; then
    echo PASS
  else
    echo "FAIL $name: not deterministic (another directory, locale, TZ)"
  fi
  rm -rf "$tmp/a" "$tmp/b"
done >"$tmp/results" || exit 1
[ $regen -eq 1 ] && exit 0
while read -r status rest; do
  if [ "$status" = PASS ]; then pass; else fail "$rest"; fi
done <"$tmp/results"
finish
