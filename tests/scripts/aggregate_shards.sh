#!/usr/bin/env bash
# Sharding and format independence of coverage aggregate / summary on the Jena sample:
#  1. classify the sample region in two halves (the address file split by rows) and aggregate
#     both shards together: grid (100 m, 1 km), areas, clusters and the summary must equal the
#     one-run output byte for byte;
#  2. the same results read back from GeoPackage, GeoJSON and through a pipe (CSV on stdin)
#     give the same cells;
#  3. the 1 km cells and their address counts equal an independent computation (gdaltransform
#     + awk: floor(x/1000)*1000 of the EPSG:3035 coordinates).
set -euo pipefail
bin=$1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
J=sample_data/jena
offers=(); for f in $J/offers_*.csv; do offers+=(--offers "$f"); done
classify() { "$bin" classify --addresses "$1" --crs EPSG:25832 "${offers[@]}" --as-of 2026-06-30 --keep district -q -o "$2"; }

n=$(($(wc -l < $J/addresses.csv) - 1)); half=$((n / 2))
head -n $((half + 1)) $J/addresses.csv > "$out/a1.csv"
{ head -n 1 $J/addresses.csv; tail -n +$((half + 2)) $J/addresses.csv; } > "$out/a2.csv"
classify $J/addresses.csv "$out/all.csv"
classify "$out/a1.csv" "$out/s1.csv"
classify "$out/a2.csv" "$out/s2.csv"
[ $(($(wc -l < "$out/s1.csv") + $(wc -l < "$out/s2.csv") - 2)) -eq "$n" ] || { echo "shards do not cover the addresses"; exit 1; }

"$bin" aggregate --grid 10km -q -o "$out/cells10k.gpkg" "$out/all.csv"
for mode in "--grid 100m" "--grid 1km" "--clusters 50" "--areas $out/cells10k.gpkg --area-id area_id"; do
  # shellcheck disable=SC2086
  "$bin" aggregate $mode --bands 0,10,25,50,80 -q -o "$out/one.csv" --overwrite "$out/all.csv"
  # shellcheck disable=SC2086
  "$bin" aggregate $mode --bands 0,10,25,50,80 -q -o "$out/two.csv" --overwrite "$out/s1.csv" "$out/s2.csv"
  cmp "$out/one.csv" "$out/two.csv" || { echo "aggregate $mode: shards differ from one run"; exit 1; }
  [ "$(wc -l < "$out/one.csv")" -gt 2 ] || { echo "aggregate $mode: too few rows"; exit 1; }
done
"$bin" summary --by district --format csv "$out/all.csv" > "$out/sum1.csv"
"$bin" summary --by district --format csv "$out/s1.csv" "$out/s2.csv" > "$out/sum2.csv"
cmp "$out/sum1.csv" "$out/sum2.csv" || { echo "summary: shards differ from one run"; exit 1; }

# Formats and the pipe.
"$bin" aggregate --grid 1km -q -o "$out/ref.csv" "$out/all.csv"
classify $J/addresses.csv "$out/all.gpkg"
classify $J/addresses.csv "$out/all.geojson"
for f in all.gpkg all.geojson; do
  "$bin" aggregate --grid 1km -q -o "$out/fmt.csv" --overwrite "$out/$f"
  cmp "$out/ref.csv" "$out/fmt.csv" || { echo "aggregate from $f differs from CSV"; exit 1; }
done
"$bin" classify --addresses $J/addresses.csv --crs EPSG:25832 "${offers[@]}" --as-of 2026-06-30 -q -o - |
  "$bin" aggregate --grid 1km -q -o "$out/pipe.csv" -
cmp "$out/ref.csv" "$out/pipe.csv" || { echo "aggregate from a pipe differs"; exit 1; }

# Independent cell counts: gdaltransform (lon lat -> E N) and awk.
awk -F, 'NR>1 {print $2, $3}' "$out/all.csv" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3035 -output_xy |
  awk '{e = int($1 / 1000) * 1000; n = int($2 / 1000) * 1000; c["CRS3035RES1000mN" n "E" e]++}
       END {for (k in c) print k "," c[k]}' | sort > "$out/indep.txt"
awk -F, 'NR>1 {print $1 "," $2}' "$out/ref.csv" | sort > "$out/ours.txt"
cmp "$out/indep.txt" "$out/ours.txt" || { echo "1 km cells differ from gdaltransform+awk"; diff "$out/indep.txt" "$out/ours.txt" | head; exit 1; }
echo "aggregate shards: $n addresses in 2 shards; $(($(wc -l < "$out/ref.csv") - 1)) 1 km cells equal to one run, GPKG, GeoJSON, pipe and gdaltransform+awk"
