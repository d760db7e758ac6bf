#!/usr/bin/env bash
# The real Maine BDC extract (Piscataquis County, first-release FCC header) loads as offers
# with no reject: 11,129 rows read and used, 8,011 distinct locations (SOURCE.md facts,
# recounted with awk).
set -u
bin=$1
f=sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" classify --offers "$f" --profile us-bead-2022 --as-of 2022-06-30 -o "$tmp/out.csv" \
  --summary "$tmp/summary.json" --rejects "$tmp/rejects.csv" 2>"$tmp/err" || { echo "exit $?: $(cat "$tmp/err")"; exit 1; }
fail=0
grep -qxF "  offers     $f: read 11129, used 11129, rejected 0" "$tmp/err" || { echo "summary:"; cat "$tmp/err"; fail=1; }
[ "$(cat "$tmp/rejects.csv")" = "file,row,field,value,reason" ] || { echo "rejects:"; head "$tmp/rejects.csv"; fail=1; }
rows=$(awk 'NR > 1' "$f" | wc -l)
locations=$(awk -F, 'NR > 1 { print $4 }' "$f" | sort -u | wc -l)
out=$(awk 'NR > 1' "$tmp/out.csv" | wc -l)
[ "$rows $locations $out" = "11129 8011 8011" ] || { echo "rows $rows, locations $locations, output rows $out"; fail=1; }
exit $fail
