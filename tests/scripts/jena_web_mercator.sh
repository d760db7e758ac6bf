#!/usr/bin/env bash
# Issue 10 item 9: the Jena sample with every spatial input reprojected to Web Mercator
# (EPSG:3857, with GDAL's ogr2ogr) must classify exactly like the original EPSG:25832 run.
# Web Mercator's "metres" are 1/cos(latitude) long (x1.59 at Jena, 50.9 N), so it must not
# become the working CRS: coverage measures the scale error at the addresses' extent (PROJ's
# proj_factors), finds ~59 % > 0.5 % and falls back to the UTM zone (ETRS89 / UTM 32N =
# EPSG:25832). The expected figures are those of tests/scripts/jena_spatial.sh, which come
# from the independent checker tools/gen_jena/check_spatial.py.
set -euo pipefail
bin=$1
command -v ogr2ogr > /dev/null || { echo "ogr2ogr not found"; exit 77; }
j=sample_data/jena
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
ogr2ogr -f CSV "$out/addresses.csv" $j/addresses.csv -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y \
  -oo KEEP_GEOM_COLUMNS=NO -s_srs EPSG:25832 -t_srs EPSG:3857 -lco GEOMETRY=AS_XY -lco STRING_QUOTING=IF_NEEDED
for f in footprints_cable footprints_wfp routes_fibre routes_ducts; do
  ogr2ogr -f GPKG "$out/$f.gpkg" $j/$f.geojson -t_srs EPSG:3857
done
offers=(); for f in $j/offers_*.csv; do offers+=(--offers "$f"); done
"$bin" classify --addresses "$out/addresses.csv" --crs EPSG:3857 "${offers[@]}" \
  --footprints "$out/footprints_cable.gpkg" --footprints "$out/footprints_wfp.gpkg" \
  --routes "$out/routes_fibre.gpkg" --routes "$out/routes_ducts.gpkg" --route-distance 50 \
  --as-of 2026-06-30 -o "$out/r.csv" --summary "$out/s.json" -q
grep -q '"working_crs": "EPSG:25832"' "$out/s.json" || { echo "working CRS: $(grep working_crs "$out/s.json")"; exit 1; }
# The column positions of id, class, eligible, networks (same header as the original run).
got=$(awk -F, 'NR>1 {c[$6]++; if ($8=="true") e++; u+=$4} END {printf "white=%d grey=%d served=%d eligible=%d units=%d", c["white"], c["grey"], c["served"], e, u}' "$out/r.csv")
want="white=126 grey=9556 served=10188 eligible=6105 units=77194"
[ "$got" = "$want" ] || { echo "got  $got"; echo "want $want (as in EPSG:25832)"; exit 1; }
# Distances in true metres: within 0.1 m (the output's precision) of the original's, whose
# sum the independent checker gives as 1,496,733.4 m with 11,591 addresses within 50 m.
routes=$(awk -F, 'NR>1 {s+=$16; if ($16+0 <= 50) w++} END {printf "sum=%.0f within50=%d", s, w}' "$out/r.csv")
[ "$routes" = "sum=1496733 within50=11591" ] || { echo "nearest_route_m: $routes, want sum=1496733 within50=11591"; exit 1; }
# Address by address: the same class and eligibility as the original run.
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" \
  --footprints $j/footprints_cable.geojson --footprints $j/footprints_wfp.geojson \
  --routes $j/routes_fibre.geojson --routes $j/routes_ducts.geojson --route-distance 50 \
  --as-of 2026-06-30 -o "$out/o.csv" -q
diff <(awk -F, 'NR>1 {print $1, $6, $8}' "$out/o.csv") <(awk -F, 'NR>1 {print $1, $6, $8}' "$out/r.csv") > /dev/null ||
  { echo "classes differ from the EPSG:25832 run"; exit 1; }
# An explicit --working-crs EPSG:3857 is refused (exit 2), naming the scale error.
if "$bin" classify --addresses "$out/addresses.csv" --crs EPSG:3857 --routes "$out/routes_fibre.gpkg" \
     --working-crs EPSG:3857 --as-of 2026-06-30 -o "$out/x.csv" -q 2> "$out/err.txt"; then
  echo "--working-crs EPSG:3857 accepted"; exit 1
else
  [ $? = 2 ] || { echo "want exit 2"; cat "$out/err.txt"; exit 1; }
fi
grep -q "not true metres at the addresses (up to 5[89]\.[0-9][0-9] % off" "$out/err.txt" || { cat "$out/err.txt"; exit 1; }
echo "jena in EPSG:3857: $got; $routes; working CRS EPSG:25832"
