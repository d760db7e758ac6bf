#!/usr/bin/env bash
# Real-data test: the FCC BDC rows of Piscataquis County, Maine (public domain), classified
# with us-bead-2022 from the offers alone (no address layer: the locations are the distinct
# location_ids). Expected counts come from tests/realdata/bead_piscataquis.awk, an
# independent awk implementation of NTIA's reference algorithm, run here on the same file.
set -euo pipefail
bin=$1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
bdc=sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv
awk -f tests/realdata/bead_piscataquis.awk "$bdc" > "$out/awk.txt"
# The recorded figures and a fresh awk run must agree (guards the expectations file too).
diff tests/realdata/bead_piscataquis.expected "$out/awk.txt"
"$bin" classify --offers "$bdc" --profile us-bead-2022 --as-of 2022-06-30 -o "$out/r.csv" \
  --summary "$out/s.json" --rejects "$out/rej.csv" -q
awk -F, 'NR>1 {c[$6]++; n++} END {printf "served=%d\nunderserved=%d\nunserved=%d\nlocations=%d\n", c["served"], c["underserved"], c["unserved"], n}' \
  "$out/r.csv" > "$out/coverage.txt"
diff "$out/awk.txt" "$out/coverage.txt"
# All 11,129 rows used, none rejected.
grep -q '"read": 11129, "used": 11129, "rejected": 0' "$out/s.json"
[ "$(wc -l < "$out/rej.csv")" = 1 ]
echo "piscataquis: $(tr '\n' ' ' < "$out/coverage.txt")"
