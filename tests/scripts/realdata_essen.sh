#!/usr/bin/env bash
# The real Essen address list loads completely: 102,981 read, 102,981 used, 0 rejected,
# although 6,938 rows share a coordinate, 3,397 have no house number and 4 have an unknown
# street (facts from tests/data/essen/SOURCE.md, recounted here with awk from the input).
# The file is checked against the original's SHA-256 first.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp tests/data/essen/essen_addresses_4326.csv "$tmp/essen.csv"
echo "1068932d9f15b11cf4928bb94b3ff14530a73e99fd78720540623b734b27c753  $tmp/essen.csv" | sha256sum -c --quiet ||
  { echo "tests/data/essen/essen_addresses_4326.csv is not the original"; exit 1; }
"$bin" classify --addresses "$tmp/essen.csv" --id-field objectid --keep hsnr,strname --as-of 2025-12-31 \
  -o "$tmp/out.csv" --summary "$tmp/summary.json" --rejects "$tmp/rejects.csv" 2>"$tmp/err" ||
  { echo "exit $?: $(cat "$tmp/err")"; exit 1; }
fail=0
want="  addresses  $tmp/essen.csv: read 102981, used 102981, rejected 0"
grep -qxF "$want" "$tmp/err" || { echo "summary line differs:"; grep addresses "$tmp/err"; fail=1; }
[ "$(cat "$tmp/rejects.csv")" = "file,row,field,value,reason" ] || { echo "rejects:"; head "$tmp/rejects.csv"; fail=1; }
# Independent counts from the input (awk) and the same counts from the output.
in_rows=$(awk -F, 'NR > 1' "$tmp/essen.csv" | wc -l)
in_no_hsnr=$(awk -F, 'NR > 1 && $4 == ""' "$tmp/essen.csv" | wc -l)
in_shared=$(awk -F, 'NR > 1 { n[$6 "," $7]++ } END { for (k in n) if (n[k] > 1) s += n[k]; print s }' "$tmp/essen.csv")
[ "$in_rows $in_no_hsnr $in_shared" = "102981 3397 6938" ] || { echo "input facts: $in_rows $in_no_hsnr $in_shared"; fail=1; }
# Output: id is column 1, hsnr and strname the two --keep columns at the end (no commas or
# quotes in Essen's street names or house numbers).
out_rows=$(awk 'NR > 1' "$tmp/out.csv" | wc -l)
out_no_hsnr=$(awk -F, 'NR > 1 && $(NF-1) == ""' "$tmp/out.csv" | wc -l)
out_unknown=$(awk -F, 'NR > 1 && $NF ~ /^### /' "$tmp/out.csv" | wc -l)
out_ids=$(awk -F, 'NR > 1 { print $1 }' "$tmp/out.csv" | sort -u | wc -l)
[ "$out_rows $out_no_hsnr $out_unknown $out_ids" = "102981 3397 4 102981" ] ||
  { echo "output: rows $out_rows, no house number $out_no_hsnr, unknown street $out_unknown, distinct ids $out_ids"; fail=1; }
# Input order kept: ids in the output are the input's objectids, line by line.
cmp -s <(awk -F, 'NR > 1 { print $1 }' "$tmp/essen.csv") <(awk -F, 'NR > 1 { print $1 }' "$tmp/out.csv") ||
  { echo "output order differs from input order"; fail=1; }
exit $fail
