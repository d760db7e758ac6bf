#!/usr/bin/env bash
# Real-run test on the bundled Jena sample: coverage's class and eligibility counts must equal
# the independent computation of tools/gen_jena/check_shares.py (Python, csv module, written
# from DESIGN.md §3 without the library; figures recorded in sample_data/jena/README.md):
# white 231 / grey 10,161 / served 9,478 addresses, 6,752 eligible, 77,194 units, and the
# 10 deliberately dirty offer rows rejected (5 unknown ids, 3 bad speeds, 2 unknown technologies).
set -euo pipefail
bin=$1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
offers=(); for f in sample_data/jena/offers_*.csv; do offers+=(--offers "$f"); done
"$bin" classify --addresses sample_data/jena/addresses.csv --crs EPSG:25832 "${offers[@]}" \
  --as-of 2026-06-30 -o "$out/r.csv" --rejects "$out/rej.csv" --summary "$out/s.json" -q
got=$(awk -F, 'NR>1 {c[$6]++; if ($8=="true") e++; u+=$4} END {printf "white=%d grey=%d served=%d eligible=%d units=%d", c["white"], c["grey"], c["served"], e, u}' "$out/r.csv")
want="white=231 grey=10161 served=9478 eligible=6752 units=77194"
[ "$got" = "$want" ] || { echo "got  $got"; echo "want $want"; exit 1; }
rej=$(awk -F, 'NR>1 {n++; if ($5 ~ /unknown address id/) i++; else if ($5 ~ /not a number/) s++; else if ($5 ~ /unknown technology/) t++} END {printf "%d %d %d %d", n, i, s, t}' "$out/rej.csv")
[ "$rej" = "10 5 3 2" ] || { echo "rejects (total ids speeds techs): $rej, want 10 5 3 2"; exit 1; }
# Accounting: read = used + rejected for every input, and 46,605 offer rows read in all.
grep -q '"read": 19870, "used": 19870, "rejected": 0' "$out/s.json" || { echo "address accounting wrong"; exit 1; }
offers_read=$(grep -o '"role": "offers"[^}]*' "$out/s.json" | sed -E 's/.*"read": ([0-9]+), "used": ([0-9]+), "rejected": ([0-9]+).*/\1 \2 \3/' |
  awk '{r+=$1; u+=$2; j+=$3; if ($1 != $2 + $3) bad=1} END {printf "%d %d %d %d", r, u, j, bad}')
[ "$offers_read" = "46605 46595 10 0" ] || { echo "offer accounting: $offers_read"; exit 1; }
# Determinism: a second run gives the same bytes.
"$bin" classify --addresses sample_data/jena/addresses.csv --crs EPSG:25832 "${offers[@]}" \
  --as-of 2026-06-30 -o "$out/r2.csv" -q
cmp "$out/r.csv" "$out/r2.csv"
echo "jena sample: $got; rejects $rej"
