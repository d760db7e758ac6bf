#!/usr/bin/env bash
# Essen's official GeoJSON (extract): the point geometry (CRS84) wins over the x/y attributes
# (zone-prefixed UTM 32N), so the output lon/lat are the geometry's, as Python's json module
# reads them; read as columns with their true CRS (EPSG:4647) they give the same points.
#   usage: essen_geometry_wins.sh COVERAGE_BINARY        (run from the repository root)
set -u
bin=$1
src=tests/data/readers/essen_hauskoordinaten_extract.geojson
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
fail=0
python3 - "$src" >"$tmp/want.csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for f in d["features"]:
    lon, lat = f["geometry"]["coordinates"]
    print("%s,%.6f,%.6f" % (f["properties"]["objectid"], lon, lat))
PY
"$bin" classify --addresses "$src" --id-field objectid --as-of 2026-06-30 -q -o "$tmp/geom.csv" || fail=1
tail -n +2 "$tmp/geom.csv" | cut -d, -f1-3 >"$tmp/got.csv"
cmp -s "$tmp/want.csv" "$tmp/got.csv" || { echo "FAIL: lon/lat differ from the geometry"; diff "$tmp/want.csv" "$tmp/got.csv" | head; fail=1; }
"$bin" classify --addresses "$src" --id-field objectid --coordinates columns --crs EPSG:4647 --as-of 2026-06-30 -q \
  -o "$tmp/cols.csv" || fail=1
# The x/y attributes are rounded to mm (some to whole metres): within 1e-5 degrees (< 1 m).
python3 - "$tmp/want.csv" "$tmp/cols.csv" <<'PY' || fail=1
import csv, sys
want = {r[0]: (float(r[1]), float(r[2])) for r in csv.reader(open(sys.argv[1]))}
got = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(open(sys.argv[2]))}
assert want.keys() == got.keys(), "ids differ"
bad = [k for k in want if abs(want[k][0] - got[k][0]) > 1e-5 or abs(want[k][1] - got[k][1]) > 1e-5]
if bad:
    print("FAIL: x/y in EPSG:4647 are not the geometry's points:", bad[:3])
    sys.exit(1)
PY
[ $fail -eq 0 ] && echo "ok: geometry wins; x/y as EPSG:4647 agree"
exit $fail
