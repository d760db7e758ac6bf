#!/usr/bin/env bash
# Real-run test on the Jena sample WITH its spatial evidence: the offers plus the cable service
# areas and white-spot build areas (footprints) and the fibre routes and empty ducts (routes,
# 50 m). Every expected figure comes from the independent check tools/gen_jena/check_spatial.py
# (pure Python, written without the library: exact integer point-in-polygon with the boundary
# inside, the bow-tie as the union of its two lobes, point-segment distances to the nearest
# route of each file); it agreed with coverage on every address (class, eligible,
# nearest_route_m). Figures recorded in sample_data/jena/README.md. (CI machines may lack
# Python, so they are written down here.)
set -euo pipefail
bin=$1
j=sample_data/jena
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
offers=(); for f in $j/offers_*.csv; do offers+=(--offers "$f"); done
spatial=(--footprints $j/footprints_cable.geojson --footprints $j/footprints_wfp.geojson
         --routes $j/routes_fibre.geojson --routes $j/routes_ducts.geojson --route-distance 50)
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" "${spatial[@]}" --keep district \
  --as-of 2026-06-30 -o "$out/r.csv" --rejects "$out/rej.csv" --summary "$out/s.json" -q
# Classes and eligibility (without the spatial layers: white 231 / grey 10,161 / served 9,478, 6,752 eligible).
got=$(awk -F, 'NR>1 {c[$6]++; if ($8=="true") e++; u+=$4} END {printf "white=%d grey=%d served=%d eligible=%d units=%d", c["white"], c["grey"], c["served"], e, u}' "$out/r.csv")
want="white=126 grey=9556 served=10188 eligible=6105 units=77194"
[ "$got" = "$want" ] || { echo "got  $got"; echo "want $want"; exit 1; }
# nearest_route_m (fibre routes and ducts): set for every address; its sum, and how many lie within 50 m.
routes=$(awk -F, 'NR>1 {if ($16 == "") empty++; s+=$16; if ($16+0 <= 50) w++} END {printf "empty=%d sum=%.1f within50=%d", empty, s, w}' "$out/r.csv")
[ "$routes" = "empty=0 sum=1496733.4 within50=11591" ] || { echo "nearest_route_m: $routes, want empty=0 sum=1496733.4 within50=11591"; exit 1; }
# The district column is kept (last column). Münchenroda, the village with the most white
# addresses from the offers alone (37 white / 12 grey / 31 served, 20 eligible), now:
[ "$(head -1 "$out/r.csv" | awk -F, '{print $NF}')" = district ] || { echo "district column missing"; exit 1; }
mr=$(awk -F, 'NR>1 && $NF=="Münchenroda" {c[$6]++; if ($8=="true") e++} END {printf "%d/%d/%d/%d", c["white"], c["grey"], c["served"], e}' "$out/r.csv")
[ "$mr" = 16/12/52/2 ] || { echo "Münchenroda white/grey/served/eligible: $mr, want 16/12/52/2"; exit 1; }
# Accounting of the spatial inputs: every feature used; the deliberate bow-tie repaired.
acct() { grep -o "\"file\": \"$j/$1\"[^}]*" "$out/s.json" | sed -E 's/.*"read": ([0-9]+), "used": ([0-9]+), "rejected": ([0-9]+)(, "repaired": ([0-9]+))?.*/\1 \2 \3 \5/'; }
[ "$(acct footprints_cable.geojson)" = "6 6 0 0" ] || { echo "cable footprints: $(acct footprints_cable.geojson)"; exit 1; }
[ "$(acct footprints_wfp.geojson)" = "62 62 0 1" ] || { echo "wfp footprints: $(acct footprints_wfp.geojson)"; exit 1; }
[ "$(acct routes_fibre.geojson)" = "194 194 0 " ] || { echo "fibre routes: $(acct routes_fibre.geojson)"; exit 1; }
[ "$(acct routes_ducts.geojson)" = "189 189 0 " ] || { echo "ducts: $(acct routes_ducts.geojson)"; exit 1; }
# Only the 10 deliberately dirty offer rows are rejected.
[ "$(grep -o '"rejected": [0-9]*$' "$out/s.json")" = '"rejected": 10' ] || { echo "total rejects wrong"; exit 1; }
[ "$(($(wc -l < "$out/rej.csv") - 1))" = 10 ] || { echo "rejects file: $(wc -l < "$out/rej.csv") lines"; exit 1; }
# Fibre routes alone: 1,998 addresses within 50 m of a fibre route.
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 --routes $j/routes_fibre.geojson --route-distance 50 \
  --as-of 2026-06-30 -o "$out/f.csv" -q
fibre=$(awk -F, 'NR>1 && $16+0 <= 50 {n++} END {print n+0}' "$out/f.csv")
[ "$fibre" = 1998 ] || { echo "within 50 m of a fibre route: $fibre, want 1998"; exit 1; }
# The district polygons agree with the district column: coverage aggregate by districts.geojson
# (addresses placed from the output's lon/lat) gives every district the counts of its rows.
"$bin" aggregate --areas $j/districts.geojson --area-id district --unassigned "$out/unassigned.csv" \
  -o "$out/districts.csv" -q "$out/r.csv"
[ "$(wc -l < "$out/unassigned.csv")" = 1 ] || { echo "addresses in no district polygon"; exit 1; }
diff <(awk -F, 'NR>1 {print $1, $2"/"$4"/"$7"/"$10"/"$19}' "$out/districts.csv" | sort) \
     <(awk -F, 'NR>1 {k=$NF; n[k]++; w[k]+=($6=="white"); g[k]+=($6=="grey"); s[k]+=($6=="served"); e[k]+=($8=="true")}
                END {for (k in n) print k, n[k]"/"w[k]"/"g[k]"/"s[k]"/"e[k]}' "$out/r.csv" | sort) ||
  { echo "aggregate by district polygon differs from the district column"; exit 1; }
[ "$(($(wc -l < "$out/districts.csv") - 1))" = 35 ] || { echo "want 35 district rows"; exit 1; }
# Determinism: one thread and two threads give the same bytes.
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" "${spatial[@]}" --keep district \
  --as-of 2026-06-30 -o "$out/r1.csv" -q --threads 1
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" "${spatial[@]}" --keep district \
  --as-of 2026-06-30 -o "$out/r2.csv" -q --threads 2
cmp "$out/r.csv" "$out/r1.csv"
cmp "$out/r1.csv" "$out/r2.csv"
echo "jena spatial: $got; $routes; fibre within 50 m $fibre"
