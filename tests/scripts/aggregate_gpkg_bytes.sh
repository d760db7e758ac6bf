#!/usr/bin/env bash
# aggregate writes through the same GDAL vector writer as classify: a GeoPackage of areas has
# the same bytes run after run (fixed gpkg_contents timestamp), like classify's.
set -euo pipefail
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
j=sample_data/jena
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 --offers $j/offers_saalenetz.csv \
    --as-of 2026-06-30 --keep district -o "$tmp/r.csv" 2>/dev/null
"$bin" aggregate --areas $j/districts.geojson --area-id district -o "$tmp/a1.gpkg" -q "$tmp/r.csv"
sleep 1.1  # a wall-clock stamp would differ now
"$bin" aggregate --areas $j/districts.geojson --area-id district -o "$tmp/a2.gpkg" -q "$tmp/r.csv"
cmp "$tmp/a1.gpkg" "$tmp/a2.gpkg"
echo "aggregate_gpkg_bytes: identical GeoPackages"
