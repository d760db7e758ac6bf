#!/usr/bin/env bash
# aggregate --grid / --clusters only where the grid's CRS is valid (issue 10 item 7).
# "Outside" = outside the CRS's area of use as PROJ records it (EPSG:3035: lon -35.58..44.83,
# lat 24.6..84.73). Expected cells: tests/data/maine/README.md (Maine, UTM 19N) and the
# UTM 32N coordinates of tests/data/aggregate's Jena points, both from an independent
# Krüger-series implementation.
set -uo pipefail
bin=$1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fail=0
bdc=sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv
# 1. The FCC rows as they are have no coordinates: refused (was: an empty table, exit 0).
"$bin" classify --offers "$bdc" --profile us-bead-2022 --as-of 2026-06-30 -o "$out/fcc.csv" -q || exit 1
for mode in "--grid 1km" "--clusters 500" "--grid 1km --grid-crs utm"; do
  # shellcheck disable=SC2086
  "$bin" aggregate $mode -o "$out/a.csv" "$out/fcc.csv" 2> "$out/err"; rc=$?
  [ "$rc" = 1 ] || { echo "FAIL: aggregate $mode on FCC rows: exit $rc, want 1"; fail=1; }
  grep -q "none of the 8011 results has coordinates" "$out/err" || { echo "FAIL: $mode message"; cat "$out/err"; fail=1; }
  [ -e "$out/a.csv" ] && { echo "FAIL: $mode wrote an output"; fail=1; }
done
# 2. Maine addresses with coordinates: outside EPSG:3035's area, refused naming the fix.
"$bin" classify --addresses tests/data/maine/addresses.csv --crs EPSG:4326 --offers "$bdc" --profile us-bead-2022 \
  --as-of 2026-06-30 -o "$out/me.csv" -q || exit 1
for mode in "--grid 1km" "--clusters 30000"; do
  # shellcheck disable=SC2086
  "$bin" aggregate $mode -o "$out/a.csv" "$out/me.csv" 2> "$out/err"; rc=$?
  [ "$rc" = 1 ] || { echo "FAIL: aggregate $mode in Maine: exit $rc, want 1"; fail=1; }
  grep -q "6 of 6 addresses lie outside the area of use of EPSG:3035 .*lon -35.58 to 44.83, lat 24.6 to 84.73).*use --grid-crs utm" "$out/err" ||
    { echo "FAIL: $mode message"; cat "$out/err"; fail=1; }
done
# 3. --grid-crs utm: zone 19N cells, ids and counts as computed independently.
"$bin" aggregate --grid 1km --grid-crs utm -o "$out/utm.csv" -q "$out/me.csv" || { echo "FAIL: --grid-crs utm"; fail=1; }
got=$(awk -F, 'NR>1 {print $1, $2, $19}' "$out/utm.csv")
want='CRS32619RES1000mN5001000E469000 1 1
CRS32619RES1000mN5003000E481000 1 0
CRS32619RES1000mN5003000E482000 1 0
CRS32619RES1000mN5009000E501000 1 1
CRS32619RES1000mN5014000E460000 1 1
CRS32619RES1000mN5034000E453000 1 1'
[ "$got" = "$want" ] || { echo "FAIL: Maine UTM cells"; diff <(echo "$want") <(echo "$got"); fail=1; }
"$bin" aggregate --clusters 30000 --grid-crs utm -o "$out/cl.csv" -q "$out/me.csv" || { echo "FAIL: clusters utm"; fail=1; }
[ "$(awk -F, 'NR>1 {printf "%s:%s ", $1, $2}' "$out/cl.csv")" = "1:1 2:3 " ] || { echo "FAIL: Maine clusters"; cat "$out/cl.csv"; fail=1; }
# 4. Jena: inside EPSG:3035, the INSPIRE grid as before; with --grid-crs utm, zone 32N cells.
"$bin" aggregate --grid 1km --grid-crs utm -o "$out/j.csv" -q tests/data/aggregate/results.csv || { echo "FAIL: Jena utm"; fail=1; }
got=$(awk -F, 'NR>1 {print $1, $2}' "$out/j.csv")
want='CRS32632RES1000mN5642000E689000 1
CRS32632RES1000mN5645000E681000 3
CRS32632RES1000mN5645000E682000 1
CRS32632RES1000mN5646000E681000 1
CRS32632RES1000mN5646000E682000 1'
[ "$got" = "$want" ] || { echo "FAIL: Jena UTM cells"; diff <(echo "$want") <(echo "$got"); fail=1; }
j=sample_data/jena
offers=(); for f in $j/offers_*.csv; do offers+=(--offers "$f"); done
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" --as-of 2026-06-30 -o "$out/jena.csv" -q || exit 1
"$bin" aggregate --grid 1km -o "$out/jc.csv" "$out/jena.csv" 2> "$out/err" || { echo "FAIL: Jena grid"; cat "$out/err"; fail=1; }
# Every Jena address placed (231 + 10,161 + 9,478 = 19,870, the sample's documented classes).
[ "$(awk -F, 'NR>1 {s+=$2} END {print s}' "$out/jc.csv")" = 19870 ] || { echo "FAIL: Jena addresses placed"; fail=1; }
[ "$(awk -F, 'NR>1 && $1 !~ /^CRS3035RES1000mN[0-9]+E[0-9]+$/' "$out/jc.csv" | wc -l)" = 0 ] || { echo "FAIL: Jena ids"; fail=1; }
exit $fail
