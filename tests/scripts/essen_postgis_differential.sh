#!/usr/bin/env bash
# Differential test of the footprint join: the 102,981 real Essen address points (WGS84)
# against 400 synthetic overlapping footprints (EPSG:25832, each its own provider), once by
# coverage and once by PostGIS ST_Covers in a real PostgreSQL 15 server. Every address must
# get exactly the same set of covering footprints from both.
set -euo pipefail
bin=$1
here=$(pwd)
data=tests/data/essen
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
source tests/scripts/lib/postgres.sh
pg_start
trap 'pg_stop; rm -rf "$out"' EXIT

"$bin" classify --addresses $data/essen_addresses_4326.csv --id-field objectid \
  --footprints $data/footprints_essen_25832.geojson --as-of 2025-12-31 \
  -o "$out/coverage.csv" --summary "$out/summary.json" -q
grep -q '"working_crs": "EPSG:25832"' "$out/summary.json"
# id and the sorted provider set (= covering footprints); empty when none.
awk -F, 'NR>1 {print $1","$18}' "$out/coverage.csv" | sort > "$out/coverage.txt"

psql_q "create table addr (objectid text, strschl text, strname text, hsnr text, hsnrzu text, lon float8, lat float8, e text, n text)"
psql -qAt -v ON_ERROR_STOP=1 -c "\\copy addr from '$here/$data/essen_addresses_4326.csv' csv header"
ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER" \
  $data/footprints_essen_25832.geojson -nln fp -lco GEOMETRY_NAME=geom
# The footprints are valid (so GEOS repair plays no part in the comparison).
[ "$(psql_q "select count(*) from fp where not ST_IsValid(geom)")" = 0 ]
psql_q "alter table addr add column geom geometry(Point, 25832);
        update addr set geom = ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 25832);
        create index on addr using gist (geom); analyze addr; analyze fp;"
psql -qAt -v ON_ERROR_STOP=1 -F, -c "
  select a.objectid, coalesce(string_agg(f.provider, ';' order by f.provider collate \"C\"), '')
  from addr a left join fp f on ST_Covers(f.geom, a.geom)
  group by a.objectid" | sort > "$out/postgis.txt"

n=$(wc -l < "$out/coverage.txt")
[ "$n" = 102981 ] || { echo "coverage wrote $n rows, want 102981"; exit 1; }
if ! diff -q "$out/coverage.txt" "$out/postgis.txt" >/dev/null; then
  echo "coverage and PostGIS disagree on $(diff "$out/coverage.txt" "$out/postgis.txt" | grep -c '^<') addresses:"
  diff "$out/coverage.txt" "$out/postgis.txt" | head -20
  exit 1
fi
covered=$(awk -F, '$2 != ""' "$out/coverage.txt" | wc -l)
pairs=$(awk -F, '$2 != "" {n += split($2, a, ";")} END {print n+0}' "$out/coverage.txt")
echo "essen: $n addresses agree with PostGIS ST_Covers; $covered covered, $pairs address-footprint pairs"
