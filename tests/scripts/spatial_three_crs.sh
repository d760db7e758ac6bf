#!/usr/bin/env bash
# The same addresses, footprints and routes in EPSG:25832, EPSG:4326 and EPSG:3035
# (converted here with GDAL's ogr2ogr) must give identical classes, eligibility and network
# counts. Points lying exactly on a footprint boundary (a_edge, a_vertex, a_hole_edge) are
# left out of the comparison on purpose: a reprojection moves them by ~1e-9 m to either side
# of the edge, which is why coverage never reprojects inputs that already share a projected CRS
# (tests/cli/classify/spatial-footprints-routes pins them in their native CRS).
set -euo pipefail
bin=$1
src=tests/data/spatial
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for epsg in 4326 3035; do
  ogr2ogr -f CSV "$out/addresses_$epsg.csv" "$src/addresses_25832.csv" -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y \
    -oo KEEP_GEOM_COLUMNS=NO -s_srs EPSG:25832 -t_srs EPSG:$epsg -lco GEOMETRY=AS_XY -lco STRING_QUOTING=IF_NEEDED
  for layer in footprints routes; do
    ogr2ogr -f GPKG "$out/${layer}_$epsg.gpkg" "$src/${layer}_25832.geojson" -t_srs EPSG:$epsg -nlt PROMOTE_TO_MULTI
  done
done
cp "$src"/*_25832.* "$out/"
run() {  # EPSG -> classified CSV with id,class,eligible,networks,gigabit_networks,planned_gigabit
  local e=$1 fp rt
  if [ "$e" = 25832 ]; then fp=$out/footprints_25832.geojson; rt=$out/routes_25832.geojson
  else fp=$out/footprints_$e.gpkg; rt=$out/routes_$e.gpkg; fi
  "$bin" classify --addresses "$out/addresses_$e.csv" --crs EPSG:$e --footprints "$fp" --routes "$rt" \
    --route-distance 25 --as-of 2025-12-31 -o "$out/r_$e.csv" --summary "$out/s_$e.json" -q
  awk -F, 'NR>1 && $1 != "a_edge" && $1 != "a_vertex" && $1 != "a_hole_edge" {print $1","$6","$8","$12","$13","$14}' \
    "$out/r_$e.csv" > "$out/c_$e.txt"
}
for e in 25832 4326 3035; do run $e; done
[ "$(wc -l < "$out/c_25832.txt")" = 12 ]
diff "$out/c_25832.txt" "$out/c_4326.txt"
diff "$out/c_25832.txt" "$out/c_3035.txt"
# The working CRS each run chose: the shared projected CRS, or the UTM zone for lon/lat input.
grep -q '"working_crs": "EPSG:25832"' "$out/s_25832.json"
grep -q '"working_crs": "EPSG:25832"' "$out/s_4326.json"
grep -q '"working_crs": "EPSG:3035"' "$out/s_3035.json"
# Hand-derived classes of the interior points (see tests/data/spatial/addresses_25832.csv notes).
want='a_hole,white,true,0,0,false
a_same,served,false,1,1,false
a_two,served,false,2,2,false
a_multi,grey,true,0,0,false
a_bowtie,served,false,1,1,false
a_bowtie_mid,white,true,0,0,false
a_planned,white,false,0,0,true
a_out,white,true,0,0,false
r_near,served,false,1,1,false
r_far,white,true,0,0,false
r_end,white,true,0,0,false
r_duct,white,true,0,0,false'
diff <(echo "$want") "$out/c_25832.txt"
echo "three CRSs agree on 12 interior addresses"
