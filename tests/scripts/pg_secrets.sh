#!/usr/bin/env bash
# Issue 11, items 10, 11, 16 (PG): passwords in PG: connection strings, in the keyword form
# and the URI form, for every input role (addresses, offers, footprints, routes) and the
# PostGIS output, appear in no output of any command: not on stderr, not in the results, the
# rejects or the summary. --output-layer My-Table creates exactly "My-Table" and a rerun with
# --overwrite replaces it. A database input's sha256 is the documented substitute.
# Needs the private PostgreSQL 15 + PostGIS cluster of tests/scripts/lib/postgres.sh (fails,
# never skips, when it cannot start). The server trusts loopback, so any password is accepted.
set -u
bin=$(realpath "$1")
die() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source tests/scripts/lib/postgres.sh
pg_start || die "cannot start PostgreSQL 15 + PostGIS"
trap 'pg_stop; rm -rf "$tmp"' EXIT
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAIL $1: got '$2', expected '$3'"; fail=1; fi; }
kw="PG:host=127.0.0.1 port=$PGPORT user=$PGUSER dbname=$PGDATABASE password=Sekr1t-kw"
kw_shown="PG:host=127.0.0.1 port=$PGPORT user=$PGUSER dbname=$PGDATABASE password=***"
uri="PG:postgresql://$PGUSER:Sekr1t-uri@127.0.0.1:$PGPORT/$PGDATABASE"
uri_shown="PG:postgresql://$PGUSER:***@127.0.0.1:$PGPORT/$PGDATABASE"

ogr2ogr -f PostgreSQL "${kw#PG:}" tests/data/spatial/addresses_25832.csv -nln addresses -a_srs EPSG:25832 \
  -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo KEEP_GEOM_COLUMNS=NO -lco GEOMETRY_NAME=geom 2>/dev/null ||
  ogr2ogr -f PostgreSQL "$kw" tests/data/spatial/addresses_25832.csv -nln addresses -a_srs EPSG:25832 \
    -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo KEEP_GEOM_COLUMNS=NO -lco GEOMETRY_NAME=geom || die "load addresses"
ogr2ogr -f PostgreSQL "$kw" tests/data/spatial/footprints_25832.geojson -nln footprints -lco GEOMETRY_NAME=geom || die "load footprints"
ogr2ogr -f PostgreSQL "$kw" tests/data/spatial/routes_25832.geojson -nln routes -lco GEOMETRY_NAME=geom || die "load routes"
printf 'address_id,provider,technology,down_mbps\na_edge,netZ,vdsl,100\nnope,netZ,vdsl,100\n' > "$tmp/offers.csv"
# The offers alone in a database of their own, so the URI form needs no table name.
createdb offersdb || die "createdb"
offers_uri="PG:postgresql://$PGUSER:Sekr1t-uri@127.0.0.1:$PGPORT/offersdb"
offers_shown="PG:postgresql://$PGUSER:***@127.0.0.1:$PGPORT/offersdb"
ogr2ogr -f PostgreSQL "$offers_uri" "$tmp/offers.csv" -nln offers || die "load offers"

# Every input from the database, half in each password form; every file output and stderr.
"$bin" classify --addresses "$kw" --layer addresses --offers "$offers_uri" \
  --footprints "$kw tables=footprints" --routes "${kw%password=*}password='Sekr1t q' tables=routes" \
  --as-of 2025-12-31 -o "$tmp/r.csv" --rejects "$tmp/rejects.csv" --summary "$tmp/s.json" 2>"$tmp/err" ||
  { cat "$tmp/err"; die "classify from PostGIS"; }
"$bin" classify --addresses "$kw" --layer addresses --as-of 2025-12-31 -o "$uri" --output-layer My-Table \
  2>>"$tmp/err" || die "classify to PostGIS"
"$bin" classify --addresses "$kw" --layer addresses --as-of 2025-12-31 -o "$uri" --output-layer My-Table 2>>"$tmp/err"
check "no overwrite" "$(tail -n 1 "$tmp/err")" "coverage classify: $uri_shown table My-Table: the table exists; pass --overwrite to replace it"
"$bin" classify --addresses "$kw" --layer addresses --as-of 2025-12-31 -o "$uri" --output-layer My-Table \
  --overwrite 2>>"$tmp/err" || die "rerun with --overwrite"
check "table My-Table, exact name" "$(sql 'SELECT count(*) FROM "My-Table"')" "$(($(wc -l < tests/data/spatial/addresses_25832.csv) - 1))"
check "no laundered twin" "$(sql "SELECT count(*) FROM pg_tables WHERE tablename = 'my_table'")" 0
grep -qF "wrote $uri_shown table My-Table" "$tmp/err" || { echo "FAIL the real table name is not reported"; fail=1; }
# The other commands read result files; a missing PG source in their messages is masked too.
"$bin" summary "$kw tables=nothing" 2>>"$tmp/err"
"$bin" aggregate --grid 1km -o "$tmp/a.csv" "$uri" 2>>"$tmp/err"
"$bin" diff "$kw" "$tmp/r.csv" 2>>"$tmp/err"

for f in err r.csv rejects.csv s.json; do
  grep -l "Sekr1t" "$tmp/$f" && { echo "FAIL a password leaked into $f:"; grep "Sekr1t" "$tmp/$f" | head -3; fail=1; }
done
grep -qF "\"file\": \"$kw_shown\"" "$tmp/s.json" || { echo "FAIL summary: addresses not named '$kw_shown'"; fail=1; }
grep -qF "\"file\": \"$kw_shown tables=routes\"" "$tmp/s.json" ||
  { echo "FAIL summary: routes not masked as expected"; grep routes "$tmp/s.json"; fail=1; }
grep -qF "$offers_shown,2,address_id,nope," "$tmp/rejects.csv" || { echo "FAIL rejects: offers source"; cat "$tmp/rejects.csv"; fail=1; }
# The substitute hash: SHA-256 of "<masked source>\n<layer>\n<rows read>".
rows=$(($(wc -l < tests/data/spatial/addresses_25832.csv) - 1))
want=$(printf '%s\n%s\n%s' "$kw_shown" addresses "$rows" | sha256sum | cut -d' ' -f1)
grep -qF "\"role\": \"addresses\", \"file\": \"$kw_shown\", \"sha256\": \"$want\"" "$tmp/s.json" ||
  { echo "FAIL addresses sha256 is not the documented substitute $want"; grep addresses "$tmp/s.json"; fail=1; }
[ $fail = 0 ] && echo "ok   no password in stderr, results, rejects or summary; My-Table kept; substitute hash"
exit $fail
