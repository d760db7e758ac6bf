#!/usr/bin/env bash
# Offers from Excel (.xlsx) and from Windows-1252 CSV give the same per-address result as
# the UTF-8 CSV they were made from (tests/data/formats/README.md says how), ids such as
# "00123" stay text, and a CP1252 file read without --encoding fails with the one-line hint.
#   usage: formats_xlsx_cp1252.sh COVERAGE_BINARY        (run from the repository root)
set -u
bin=$1
d=tests/data/formats
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAIL $1: got '$2', expected '$3'"; fail=1; fi; }
run() { "$bin" classify --addresses $d/addresses.csv --crs EPSG:25832 --as-of 2025-12-31 -q "$@"; }

run --offers $d/offers.csv -o "$tmp/csv.csv" --rejects "$tmp/csv_rejects.csv" || { echo "FAIL: CSV run"; exit 1; }
# Expected by hand (profile gigabit): id -> class, eligible, providers (column 18).
got=$(awk -F, 'NR > 1 { print $1 "|" $6 "|" $8 "|" $18 }' "$tmp/csv.csv")
want='00123|served|false|Thüringer Netkom
00124|grey|true|Müller & Söhne Funk;Saale–Straßennetz
0125|white|true|Thüringer Netkom
125|white|false|Saale–Straßennetz
A-7|served|false|Müller & Söhne Funk'
check "CSV classes" "$got" "$want"
check "CSV rejects" "$(cat "$tmp/csv_rejects.csv")" "file,row,field,value,reason"

# XLSX: ids are text cells ("00123" and "0125" are not 123 and 125), speeds numeric cells.
run --offers $d/offers.xlsx -o "$tmp/xlsx.csv" --rejects "$tmp/xlsx_rejects.csv" || { echo "FAIL: XLSX run"; fail=1; }
cmp -s "$tmp/csv.csv" "$tmp/xlsx.csv" || { echo "FAIL: XLSX result differs from CSV"; diff "$tmp/csv.csv" "$tmp/xlsx.csv" | head; fail=1; }
check "XLSX rejects" "$(cat "$tmp/xlsx_rejects.csv")" "file,row,field,value,reason"

# Windows-1252 with --encoding: identical bytes (ü, ö, ß and the en dash 0x96 decoded).
run --offers $d/offers_cp1252.csv --encoding CP1252 -o "$tmp/cp.csv" || { echo "FAIL: CP1252 run"; fail=1; }
cmp -s "$tmp/csv.csv" "$tmp/cp.csv" || { echo "FAIL: CP1252 result differs from UTF-8"; diff "$tmp/csv.csv" "$tmp/cp.csv" | head; fail=1; }

# Without --encoding: exit 1, one line naming the file, line and byte, and the fix.
run --offers $d/offers_cp1252.csv -o "$tmp/bad.csv" 2>"$tmp/err"; rc=$?
check "CP1252 without --encoding: exit" "$rc" 1
check "CP1252 without --encoding: message" "$(cat "$tmp/err")" \
  "coverage classify: $d/offers_cp1252.csv:2: text is not valid UTF-8 (byte 0xFC); if the file is Windows-1252 (Excel's 'CSV' on Windows), pass --encoding CP1252 (or --addresses-encoding / --offers-encoding / FILE#encoding=CP1252 for this file alone)"
[ -e "$tmp/bad.csv" ] && { echo "FAIL: output written despite the error"; fail=1; }

# Offers keyed by address from Excel, where the postcodes became numbers (07743 -> 7743):
# the same result and the same rejects (sheet rows = CSV lines) as the golden CSV case.
g=tests/cli/classify/match_address/files
"$bin" classify --addresses tests/data/address_match/addresses.csv --crs EPSG:25832 --as-of 2025-12-31 -q \
  --offers $d/offers_by_address.xlsx --match address -o "$tmp/m.csv" --rejects "$tmp/m_rejects.csv" \
  || { echo "FAIL: XLSX --match address run"; fail=1; }
cmp -s "$g/result.csv" "$tmp/m.csv" || { echo "FAIL: XLSX --match address result differs"; diff "$g/result.csv" "$tmp/m.csv" | head; fail=1; }
got=$(cut -d, -f2,3 "$tmp/m_rejects.csv"); want=$(cut -d, -f2,3 "$g/rejects.csv")
check "XLSX --match address reject rows" "$got" "$want"
check "XLSX postcode shown as Excel has it" "$(grep -c ', 7743' "$tmp/m_rejects.csv")" 4

[ $fail -eq 0 ] && echo "ok: XLSX and CP1252 offers give the CSV result"
exit $fail
