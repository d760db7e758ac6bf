#!/usr/bin/env bash
# The conformance addresses converted by GDAL's ogr2ogr to GeoPackage, GeoJSON, Shapefile,
# FlatGeobuf (point geometry in EPSG:25832) and XLSX (x/y columns, no CRS -> --crs) must
# classify exactly as the CSV does, and ids must stay text ("007" survives everywhere).
# Also every output format: .csv, .geojson, .gpkg, .fgb hold the same rows and values.
set -euo pipefail
bin=$1
src=tests/data/conformance
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
# An id that looks like a number with a leading zero must survive every format.
{ cat $src/addresses.csv; echo "007,681300,5644000,2,school"; } > "$out/addresses.csv"
common=(--offers $src/offers.csv --as-of 2025-12-31 -q)
"$bin" classify --addresses "$out/addresses.csv" --crs EPSG:25832 "${common[@]}" -o "$out/ref.csv"
grep -q '^007,' "$out/ref.csv"
oo=(-oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:25832)
ogr2ogr -f GPKG "$out/a.gpkg" "$out/addresses.csv" "${oo[@]}"
ogr2ogr -f GeoJSON "$out/a.geojson" "$out/addresses.csv" "${oo[@]}" -lco RFC7946=NO
ogr2ogr -f "ESRI Shapefile" "$out/a.shp" "$out/addresses.csv" "${oo[@]}"
# Without a spatial index FlatGeobuf keeps the input order (with one it is Hilbert-sorted).
ogr2ogr -f FlatGeobuf "$out/a.fgb" "$out/addresses.csv" "${oo[@]}" -lco SPATIAL_INDEX=NO
ogr2ogr -f XLSX "$out/a.xlsx" "$out/addresses.csv"
for f in a.gpkg a.geojson a.shp a.fgb; do
  "$bin" classify --addresses "$out/$f" "${common[@]}" -o "$out/$f.csv"
  cmp "$out/ref.csv" "$out/$f.csv" || { echo "$f differs from the CSV run"; diff "$out/ref.csv" "$out/$f.csv" | head; exit 1; }
done
"$bin" classify --addresses "$out/a.xlsx" --crs EPSG:25832 "${common[@]}" -o "$out/xlsx.csv"
cmp "$out/ref.csv" "$out/xlsx.csv" || { echo "XLSX differs"; diff "$out/ref.csv" "$out/xlsx.csv" | head; exit 1; }
# Outputs: the same 24 rows in every format, read back with GDAL.
for ext in geojson gpkg fgb; do
  "$bin" classify --addresses "$out/addresses.csv" --crs EPSG:25832 "${common[@]}" -o "$out/r.$ext"
  ogr2ogr -f CSV "$out/back_$ext.csv" "$out/r.$ext" -lco STRING_QUOTING=IF_NEEDED
  n=$(($(wc -l < "$out/back_$ext.csv") - 1))
  [ "$n" = 24 ] || { echo "$ext has $n rows"; exit 1; }
  grep -q '^007,' "$out/back_$ext.csv" || { echo "$ext lost the id 007"; exit 1; }
  # class and eligible of every id equal the CSV output's
  diff <(awk -F, 'NR>1 {print $1, $6, $8}' "$out/ref.csv" | sort) \
       <(awk -F, 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i; next} {e=$c["eligible"]; if (e=="1") e="true"; if (e=="0") e="false"; print $c["id"], $c["class"], e}' "$out/back_$ext.csv" | sort)
done
# GeoJSON is RFC 7946: WGS84 lon/lat with 6 decimals, no crs member.
grep -q '"coordinates": \[ 11.575173, 50.919217 \]' "$out/r.geojson"
! grep -q '"crs"' "$out/r.geojson"
echo "address formats: gpkg geojson shp fgb xlsx agree with csv; outputs geojson gpkg fgb agree"
