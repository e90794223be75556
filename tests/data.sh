#!/bin/sh
# data.sh: hostile data for `pmmlc score`. Ragged rows, quotes left open,
# NUL bytes, fields of 1 MB and more, numbers like 1e400, nan, 0x10 and a
# decimal comma, line ends of every kind: every input record gives exactly
# one output row, in its place, either scored like the same values on a
# clean row or with the reason in pmmlc_error (--on-error=report); in the
# default mode the first bad row stops the run with its row and line. One
# thread or three, the output is the same.
set -u
. "$(dirname "$0")/lib.sh"

model="$top_srcdir/testdata/corpus/tree/sklearn_iris_classifier/model.pmml"
hdr='sepal_length,sepal_width,petal_length,petal_width'
ok_row='5.1,3.5,1.4,0.2'
ok_out='setosa,1,0,0,'

# report NAME: score $tmp/NAME.csv in report mode into $tmp/NAME.out; on
# three threads (-j 3) the output must be the same, byte for byte.
report() {
  "$PMMLC" score --on-error=report -q "$model" "$tmp/$1.csv" \
    -o "$tmp/$1.out" 2>"$tmp/$1.err"
  if [ $? -eq 0 ]; then pass; else fail "$1: exit status $?: $(head -n 1 "$tmp/$1.err")"; fi
  "$PMMLC" score -j 3 --on-error=report -q "$model" "$tmp/$1.csv" \
    -o "$tmp/$1.outj" 2>"$tmp/$1.errj"
  if cmp -s "$tmp/$1.out" "$tmp/$1.outj"; then pass; else fail "$1: -j 3 differs"; fi
}

# rows NAME N: the output has a header and N rows.
rows() {
  got=$(($(wc -l < "$tmp/$1.out") - 1))
  if [ "$got" -eq "$2" ]; then pass; else fail "$1: $got rows, expected $2"; fi
}

# row NAME K TEXT: output row K (1-based, after the header) is TEXT, or
# starts with it when TEXT ends with '*'.
row() {
  got=$(sed -n "$(($2 + 1))p" "$tmp/$1.out")
  case $3 in
    *'*') case $got in "${3%'*'}"*) pass ;; *) fail "$1 row $2: '$got', expected '$3'" ;; esac ;;
    *) if [ "$got" = "$3" ]; then pass; else fail "$1 row $2: '$got', expected '$3'"; fi ;;
  esac
}

# ---- ragged rows ----------------------------------------------------------
printf '%s\n%s\n1,2,3\n%s\n1,2,3,4,5\n%s\n' "$hdr" "$ok_row" "$ok_row" "$ok_row" \
  > "$tmp/ragged.csv"
report ragged
rows ragged 5
row ragged 1 "$ok_out"
row ragged 2 ',,,,"row 2 (line 3): 3 fields, but the header has 4"'
row ragged 3 "$ok_out"
row ragged 4 ',,,,"row 4 (line 5): 5 fields, but the header has 4"'
row ragged 5 "$ok_out"

# ---- quotes ---------------------------------------------------------------
# A quote inside an unquoted field is a character: the value is invalid.
printf '%s\n%s\n5"1,3.5,1.4,0.2\n%s\n' "$hdr" "$ok_row" "$ok_row" > "$tmp/quote_mid.csv"
report quote_mid
rows quote_mid 3
row quote_mid 2 ',,,,"row 2 (line 3): field '\''sepal_length'\'': invalid value '\''5""1'\''"'
row quote_mid 3 "$ok_out"
# A quoted field may hold line ends (RFC 4180), so a quote left open takes
# the rest of the input into one record: one row, which names the lines.
printf '%s\n%s\n5.1,"3.5,1.4,0.2\n%s\n%s\n' "$hdr" "$ok_row" "$ok_row" "$ok_row" \
  > "$tmp/quote_open.csv"
report quote_open
rows quote_open 2
row quote_open 1 "$ok_out"
row quote_open 2 ',,,,row 2 (line 3): quoted field 2 is not closed at the end of the input (lines 3 to 5 are this one record)'
# Quoted values and doubled quotes are data.
printf '%s\n"5.1","3.5","1.4","0.2"\n"5.1",3.5,"1""4",0.2\n' "$hdr" > "$tmp/quoted.csv"
report quoted
rows quoted 2
row quoted 1 "$ok_out"
row quoted 2 ',,,,"row 2 (line 3): field '\''petal_length'\'': invalid value '\''1""4'\''"'

# ---- NUL bytes ------------------------------------------------------------
{ printf '%s\n%s\n5.1,3.5,1.4,0' "$hdr" "$ok_row"; printf '\000'; printf '.2\n%s\n"5.1",3.5,"1\0004",0.2\n%s\n' "$ok_row" "$ok_row"; } \
  > "$tmp/nul.csv"
report nul
rows nul 5
row nul 2 ',,,,row 2 (line 3): NUL byte in field 4'
row nul 3 "$ok_out"
row nul 4 ',,,,row 4 (line 5): NUL byte in field 3'
row nul 5 "$ok_out"

# ---- long fields and records ----------------------------------------------
# A field of exactly 1 MiB is read (here in a column the model ignores); one
# byte more spoils its row only; so does a record over 16 MiB.
{
  printf '%s,note\n%s,' "$hdr" "$ok_row"
  head -c 1048576 /dev/zero | tr '\0' 'a'
  printf '\n%s,' "$ok_row"
  head -c 1048577 /dev/zero | tr '\0' 'b'
  printf '\n%s,short\n' "$ok_row"
  printf '%s,"' "$ok_row"
  i=0
  while [ $i -lt 17 ]; do head -c 1000000 /dev/zero | tr '\0' 'c'; printf '\n'; i=$((i + 1)); done
  printf '"\n%s,last\n' "$ok_row"
} > "$tmp/long.csv"
report long
rows long 5
row long 1 "$ok_out"
row long 2 ',,,,row 2 (line 3): field 5 is longer than 1048576 bytes'
row long 3 "$ok_out"
row long 4 ',,,,row 4 (line 5): field 5 is longer than 1048576 bytes'
row long 5 "$ok_out"
{
  printf '%s,note\n' "$hdr"
  i=0
  printf '%s,' "$ok_row"
  while [ $i -lt 17 ]; do head -c 1000000 /dev/zero | tr '\0' 'd'; printf ','; i=$((i + 1)); done
  printf '\n%s,last\n' "$ok_row"
} > "$tmp/longrec.csv"
report longrec
rows longrec 2
row longrec 1 ',,,,row 1 (line 2): record is longer than 16777216 bytes'
row longrec 2 "$ok_out"

# ---- numbers --------------------------------------------------------------
# Each value of petal_width on an otherwise clean row. 1e400 is beyond
# double: infinity (XML Schema and Java read it so), and inf compares like
# any number; NaN is no value a model can use: invalid; hexadecimal and a
# decimal comma are not numbers; blanks around a number are allowed.
{
  printf '%s\n' "$hdr"
  for v in 1e400 -1e400 1e-400 Infinity -inf nan NaN 0x10 '" 0.2 "' '"1,5"' \
      +.2e1 2. '.' '1e' '--1' '0.2.1'; do
    printf '5.1,3.5,1.4,%s\n' "$v"
  done
} > "$tmp/numbers.csv"
report numbers
rows numbers 16
virginica='virginica,0,0.3333333333333333,0.6666666666666666,'
row numbers 1 "$virginica"
row numbers 2 "$ok_out"
row numbers 3 "$ok_out"
row numbers 4 "$virginica"
row numbers 5 "$ok_out"
row numbers 6 ',,,,row 6 (line 7): field '\''petal_width'\'': invalid value '\''nan'\'''
row numbers 7 ',,,,row 7 (line 8): field '\''petal_width'\'': invalid value '\''NaN'\'''
row numbers 8 ',,,,row 8 (line 9): field '\''petal_width'\'': invalid value '\''0x10'\'''
row numbers 9 "$ok_out"
row numbers 10 ',,,,"row 10 (line 11): field '\''petal_width'\'': invalid value '\''1,5'\''"'
row numbers 11 "$virginica"
row numbers 12 "$virginica"
for k in 13 14 15 16; do
  row numbers $k ",,,,row $k (line $((k + 1))): field 'petal_width': invalid value *"
done
# A decimal comma in a comma-separated file makes one field more.
printf '%s\n5.1,3.5,1.4,1,5\n%s\n' "$hdr" "$ok_row" > "$tmp/comma.csv"
report comma
rows comma 2
row comma 1 ',,,,"row 1 (line 2): 5 fields, but the header has 4"'
row comma 2 "$ok_out"
# With another separator it is one field, and not a number.
printf 'sepal_length;sepal_width;petal_length;petal_width\n5,1;3,5;1,4;0,2\n5.1;3.5;1.4;0.2\n' \
  > "$tmp/semi.csv"
"$PMMLC" score -s ';' --on-error=report -q "$model" "$tmp/semi.csv" -o "$tmp/semi.out" 2>/dev/null
rows semi 2
row semi 1 ";;;;row 1 (line 2): field 'sepal_length': invalid value '5,1'"
row semi 2 'setosa;1;0;0;'

# ---- line ends, blank lines, byte order mark --------------------------------
printf '\357\273\277%s\r\n%s\r\n\r\n%s\r%s\n\n%s' "$hdr" "$ok_row" "$ok_row" "$ok_row" "$ok_row" \
  > "$tmp/ends.csv"
report ends
rows ends 4
for k in 1 2 3 4; do row ends $k "$ok_out"; done

# ---- the default mode stops at the first bad row -----------------------------
"$PMMLC" score -q "$model" "$tmp/ragged.csv" -o "$tmp/stop.out" 2>"$tmp/stop.err"
if [ $? -eq 1 ]; then pass; else fail "stop: exit status $?"; fi
if [ "$(cat "$tmp/stop.err")" = "$tmp/ragged.csv:3: error: row 2: 3 fields, but the header has 4" ]; then
  pass
else
  fail "stop: '$(cat "$tmp/stop.err")'"
fi
rows stop 1
row stop 1 'setosa,1,0,0'

finish
