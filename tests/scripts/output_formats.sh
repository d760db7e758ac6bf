#!/usr/bin/env bash
# The spreadsheet and GIS outputs of one classify run hold the same rows as its plain CSV,
# checked with independent readers: --locale de CSV parsed by Python's csv module (';',
# decimal comma), the .xlsx converted back by ogr2ogr, the GeoPackage's EPSG:25832 points
# against PROJ's own cs2cs/gdaltransform, and the QGIS style (layer_styles in the GeoPackage,
# NAME.qml beside GeoJSON with --qml) categorised by class in the Okabe-Ito colours.
set -u
bin=$1
command -v ogr2ogr >/dev/null && command -v ogrinfo >/dev/null || { echo "skip: needs gdal-bin"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
s=sample_data/jena
"$bin" classify --addresses $s/addresses.csv --crs EPSG:25832 --offers $s/offers_saalenetz.csv \
  --offers $s/offers_kupfer_co.csv --as-of 2026-06-30 -q -o "$tmp/plain.csv" || exit 1
"$bin" classify --addresses $s/addresses.csv --crs EPSG:25832 --offers $s/offers_saalenetz.csv \
  --offers $s/offers_kupfer_co.csv --as-of 2026-06-30 -q --locale de \
  -o "$tmp/de.csv" -o "$tmp/r.xlsx" -o "$tmp/utm.gpkg" -o "$tmp/w.geojson" --qml --output-crs EPSG:25832 || exit 1
fail=0
python3 - "$tmp" <<'PY' || fail=1
import csv, sys
tmp = sys.argv[1]
plain = list(csv.reader(open(f"{tmp}/plain.csv", newline="", encoding="utf-8")))
de = list(csv.reader(open(f"{tmp}/de.csv", newline="", encoding="utf-8"), delimiter=";"))
assert len(plain) == len(de) == 19871, (len(plain), len(de))
assert de[0] == plain[0], de[0]
numeric = {plain[0].index(c) for c in ("lon", "lat", "best_down_mbps", "best_up_mbps", "nearest_route_m")}
commas = 0
for p, d in zip(plain[1:], de[1:]):
    back = [v.replace(",", ".") if k in numeric else v for k, v in enumerate(d)]
    assert back == p, (p, d)
    commas += "," in d[1]
assert commas == 19870, commas  # every longitude has its decimal comma
print("de.csv: same 19870 rows as the plain CSV")
PY
# XLSX back to CSV with GDAL: the same ids and classes in the same order.
ogr2ogr -f CSV "$tmp/from_xlsx.csv" "$tmp/r.xlsx" 2>/dev/null || { echo "cannot read r.xlsx"; fail=1; }
cmp -s <(cut -d, -f1,6,7 "$tmp/plain.csv") <(cut -d, -f1,6,7 "$tmp/from_xlsx.csv") ||
  { echo "xlsx rows differ from the CSV"; diff <(cut -d, -f1,6,7 "$tmp/plain.csv") <(cut -d, -f1,6,7 "$tmp/from_xlsx.csv") | head -5; fail=1; }
# The first address in EPSG:25832: the GeoPackage's point is the input's own x/y (EPSG:25832 ->
# WGS84 -> EPSG:25832 loses nothing at 1 mm), and PROJ's cs2cs agrees to the 6 decimals of the
# CSV's lon/lat (0.1 m).
want=$(awk -F, 'NR == 2 {printf "%.4f %.4f", $2, $3}' $s/addresses.csv)
got=$(ogrinfo -ro -q "$tmp/utm.gpkg" -sql "SELECT ST_X(geom), ST_Y(geom) FROM addresses LIMIT 1" |
      awk -F'= ' '/ST_X/ {x = $2} /ST_Y/ {y = $2} END {printf "%.4f %.4f", x, y}')
close() { python3 -c "import sys; a=list(map(float,'$1'.split())); b=list(map(float,'$2'.split())); sys.exit(0 if abs(a[0]-b[0]) <= $3 and abs(a[1]-b[1]) <= $3 else 1)"; }
close "$want" "$got" 0.001 || { echo "EPSG:25832 point $got, the input says $want"; fail=1; }
if command -v cs2cs >/dev/null; then
  proj=$(awk -F, 'NR == 2 {print $2, $3}' "$tmp/plain.csv" | cs2cs -f %.4f EPSG:4326 EPSG:25832 | awk '{print $1, $2}')
  close "$proj" "$got" 0.1 || { echo "EPSG:25832 point $got, cs2cs says $proj"; fail=1; }
fi
ogrinfo -ro -so "$tmp/utm.gpkg" addresses | grep -q 'ID\["EPSG",25832\]\]$' || { echo "utm.gpkg is not in EPSG:25832"; fail=1; }
# The QGIS style: stored in the GeoPackage as the default, and beside the GeoJSON; classes in
# the regime's order, white in vermillion (#D55E00 = 213,94,0).
ogrinfo -ro -q "$tmp/utm.gpkg" -sql "SELECT styleQML FROM layer_styles WHERE f_table_name = 'addresses' AND useAsDefault" \
  >"$tmp/style.txt" 2>&1
for f in "$tmp/style.txt" "$tmp/w.qml"; do
  grep -q 'renderer-v2 type="categorizedSymbol" attr="class"' "$f" || { echo "$f: no categorised style"; fail=1; }
  [ "$(grep -o 'category symbol="[0-9]*" value="[a-z_]*"' "$f" | sed 's/.*value=//' | tr -d '"' | tr '\n' ' ')" = "white grey served " ] ||
    { echo "$f: categories not white grey served"; fail=1; }
  grep -q 'name="color" type="QString" value="213,94,0,255"' "$f" || { echo "$f: white is not vermillion"; fail=1; }
done
[ ! -e "$tmp/r.qml" ] || { echo "a style beside the spreadsheet"; fail=1; }
[ ! -e "$tmp/de.qml" ] || { echo "a style beside the CSV"; fail=1; }
# Shapefile output is refused with the reason (README: Spreadsheets, GIS and hand-offs).
"$bin" classify --addresses $s/addresses.csv --crs EPSG:25832 --offers $s/offers_saalenetz.csv --as-of 2026-06-30 \
  -q -o "$tmp/x.shp" 2>"$tmp/shp.err"
grep -q "Shapefile is not written" "$tmp/shp.err" || { echo "shp: $(cat "$tmp/shp.err")"; fail=1; }
exit $fail
