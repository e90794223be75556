#!/bin/sh
# tests/schema.sh: check schemas/pmml.xsd with xmllint (libxml2-utils).
#
# Run from anywhere as `sh tests/schema.sh`; it works in the project root.
#
#   (a) every *.pmml / *.pmml.gz under testdata/ must be accepted, except
#       testdata/schema-bad/ (part c) and testdata/errors/ (documents that
#       are meant to fail somewhere in pmmlc, not necessarily here);
#   (b) where ../shared/conformance exists, every document its MANIFEST.tsv
#       lists must be accepted (skipped with a message where it does not);
#   (c) every testdata/schema-bad/*.pmml must be rejected;
#   (d) where ../shared/reference/schemas/pmml-4-4.xsd exists: every document
#       of (a) and (b) that DMG's 4.4 schema accepts must be accepted by ours,
#       and testdata/schema-good/std-*.pmml (written to be standard PMML 4.4)
#       must be accepted by DMG's schema too, so that they test what they say;
#   (e) every testdata/schema-good/*.pmml must still be accepted with an
#       x- attribute added (by sed) to each of its elements.
#
# Documents of (a) and (b) are validated as `pmmlc check` does it: their
# PMML namespace URI (PMML-3_x ... PMML-4_4) is first rewritten to
# http://www.dmg.org/PMML-4_4, with sed, into a temporary file; the files
# themselves are never changed. Documents of (c) are validated as written.
#
# Prints every unexpected result and a summary; exits 0 when all went as
# expected, 1 otherwise, 77 (automake's "skipped") without xmllint.

set -eu

cd "$(dirname "$0")/.."

XSD=schemas/pmml.xsd
SHARED=${SHARED:-../shared}
CORPUS=$SHARED/conformance
DMG44=$SHARED/reference/schemas/pmml-4-4.xsd

if ! command -v xmllint >/dev/null 2>&1; then
  echo "schema.sh: xmllint not found (install libxml2-utils); skipped" >&2
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmmlc-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
skipped=0
dmg_ok=0        # documents of (a)/(b) that DMG's 4.4 schema accepts
dmg_ok_ours_no=0

ok() { passed=$((passed + 1)); }

bad() {
  # bad WHAT FILE [ERRFILE]: report an unexpected result.
  failed=$((failed + 1))
  echo "FAIL: $2: $1"
  if [ $# -ge 3 ] && [ -s "$3" ]; then
    grep -v 'fails to validate$' "$3" | head -n 3 | sed 's/^/    /'
  fi
}

# to44 SRC DST: SRC (plain or gzip) with its PMML namespace set to 4.4.
to44() {
  case $1 in
  *.gz) gzip -dc -- "$1" ;;
  *) cat -- "$1" ;;
  esac | sed 's#http://www\.dmg\.org/PMML-[34]_[0-9]#http://www.dmg.org/PMML-4_4#g' >"$2"
}

# valid SCHEMA FILE: does SCHEMA accept FILE? Messages go to $tmp/err.
valid() {
  xmllint --noout --nonet --schema "$1" "$2" >/dev/null 2>"$tmp/err"
}

# must_accept NAME FILE: FILE is NAME after the namespace rewrite.
must_accept() {
  if valid "$XSD" "$2"; then
    ok
    ours=1
  else
    # Name the document, not its temporary copy, in the messages.
    sed "s|$2|$1|g" "$tmp/err" >"$tmp/err1"
    bad "rejected" "$1" "$tmp/err1"
    ours=0
  fi
  if [ -f "$DMG44" ] && valid "$DMG44" "$2"; then
    dmg_ok=$((dmg_ok + 1))
    [ "$ours" = 1 ] || dmg_ok_ours_no=$((dmg_ok_ours_no + 1))
  fi
}

# The schema must compile before anything else means something.
printf '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"/>\n' \
  >"$tmp/probe.pmml"
xmllint --noout --schema "$XSD" "$tmp/probe.pmml" >/dev/null 2>"$tmp/err" || :
if grep -q 'failed to compile' "$tmp/err"; then
  sed 's/^/    /' "$tmp/err" | head -n 20
  echo "schema.sh: $XSD does not compile"
  echo "schema: 0 passed, 1 failed"
  exit 1
fi

# (a) testdata/
find testdata -type f \( -name '*.pmml' -o -name '*.pmml.gz' \) \
  ! -path 'testdata/schema-bad/*' ! -path 'testdata/errors/*' 2>/dev/null |
  LC_ALL=C sort >"$tmp/list-a" || :
n_a=0
while IFS= read -r f; do
  n_a=$((n_a + 1))
  to44 "$f" "$tmp/doc.pmml"
  must_accept "$f" "$tmp/doc.pmml"
done <"$tmp/list-a"
echo "schema.sh: (a) testdata: $n_a documents checked"

# (b) the shared conformance corpus
if [ -f "$CORPUS/MANIFEST.tsv" ]; then
  tail -n +2 "$CORPUS/MANIFEST.tsv" | cut -f 2 >"$tmp/list-b"
  n_b=0
  while IFS= read -r m; do
    [ -n "$m" ] || continue
    n_b=$((n_b + 1))
    if [ -f "$CORPUS/$m" ]; then
      to44 "$CORPUS/$m" "$tmp/doc.pmml"
      must_accept "$CORPUS/$m" "$tmp/doc.pmml"
    else
      bad "listed in MANIFEST.tsv but missing" "$CORPUS/$m"
    fi
  done <"$tmp/list-b"
  echo "schema.sh: (b) $CORPUS: $n_b documents checked" \
    "(namespace rewritten to PMML-4_4 in a temporary copy)"
else
  skipped=$((skipped + 1))
  echo "schema.sh: (b) skipped: no $CORPUS (a fresh clone has no ../shared)"
fi

# (c) documents that must be rejected
n_c=0
for f in testdata/schema-bad/*.pmml; do
  [ -f "$f" ] || continue
  n_c=$((n_c + 1))
  if valid "$XSD" "$f"; then
    bad "accepted, but must be rejected ($(sed -n 's/^<!-- \(.*\) -->$/\1/p' "$f" | head -n 1))" "$f"
  else
    ok
  fi
done
echo "schema.sh: (c) testdata/schema-bad: $n_c documents checked"

# (d) against DMG's own PMML 4.4 schema
if [ -f "$DMG44" ]; then
  for f in testdata/schema-good/std-*.pmml; do
    [ -f "$f" ] || continue
    if valid "$DMG44" "$f"; then
      ok
    else
      bad "not standard PMML 4.4 (DMG's schema rejects it)" "$f" "$tmp/err"
    fi
  done
  echo "schema.sh: (d) DMG's 4.4 schema accepts $dmg_ok of the documents" \
    "of (a) and (b); ours rejects $dmg_ok_ours_no of those"
else
  skipped=$((skipped + 1))
  echo "schema.sh: (d) skipped: no $DMG44"
fi

# (e) vendor attributes on every element
n_e=0
for f in testdata/schema-good/*.pmml; do
  [ -f "$f" ] || continue
  n_e=$((n_e + 1))
  to44 "$f" "$tmp/doc0.pmml"
  sed 's#<\([A-Za-z][A-Za-z0-9_-]*\)\([ />]\)#<\1 x-pmmlc-test="1"\2#g' \
    "$tmp/doc0.pmml" >"$tmp/doc.pmml"
  if valid "$XSD" "$tmp/doc.pmml"; then
    ok
  else
    bad "rejected with x- attributes added" "$f" "$tmp/err"
  fi
done
echo "schema.sh: (e) testdata/schema-good with x- attributes: $n_e documents checked"

echo "schema: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
