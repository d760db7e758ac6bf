#!/usr/bin/env bash
# Real data: `coverage plan` on the whole of Liechtenstein from OpenStreetMap (2013 snapshot,
# /work/shared/data/osm-liechtenstein-2013; data (c) OpenStreetMap contributors, ODbL 1.0).
# Premises are the centroids of the 3,723 building polygons (SOURCE.txt), streets the
# highways open to vehicles (SOURCE.txt: 394.6 km), the existing network the street Städtle
# in Vaduz (a stand-in for a point of presence: OSM has no fibre). Derived in a temp dir with
# ogr2ogr, nothing committed. Checks, each independent of the library:
#   * all 3,723 buildings are selected, each connected or unreachable with a reason;
#   * the buildings farther than --max-drop (150 m) from every street segment, computed here
#     with NumPy (point-segment distances in the same UTM zone), are exactly those reported
#     as no_street_within_max_drop;
#   * the trench network is no longer than the street network it runs along;
#   * per-address costs add up to the total to the cent.
set -euo pipefail
bin=$1
pbf=${LIECHTENSTEIN_PBF:-/work/shared/data/osm-liechtenstein-2013/liechtenstein-2013-08-03.osm.pbf}
[ -f "$pbf" ] || { echo "skip: $pbf not found"; exit 77; }
/usr/bin/python3 -c "import numpy" 2>/dev/null || { echo "skip: needs python3-numpy"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
drivable="highway IS NOT NULL AND highway NOT IN ('footway','path','cycleway','steps','bridleway','track')"
ogr2ogr -q -f GPKG "$t/streets.gpkg" "$pbf" lines -where "$drivable" -t_srs EPSG:25832 -nln streets
ogr2ogr -q -f GPKG "$t/route.gpkg" "$t/streets.gpkg" -where "name = 'Städtle'" -nln route
ogr2ogr -q -f CSV "$t/b.csv" "$pbf" -dialect sqlite -sql "SELECT COALESCE(osm_id, 'w' || osm_way_id) AS id, \
  ST_X(ST_Centroid(geometry)) AS lon, ST_Y(ST_Centroid(geometry)) AS lat, 1 AS units, 'white' AS class, \
  'true' AS eligible, '' AS best_technology FROM multipolygons WHERE building IS NOT NULL"
ogr2ogr -q -f CSV "$t/segs.csv" "$t/streets.gpkg" -lco GEOMETRY=AS_WKT
"$bin" plan "$t/b.csv" --streets "$t/streets.gpkg" --routes "$t/route.gpkg" --working-crs EPSG:25832 \
  -o "$t/net.gpkg" --addresses-out "$t/a.csv" --summary "$t/s.json" -q
tail -n +2 "$t/b.csv" | awk -F, '{print $2, $3}' | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:25832 -output_xy > "$t/xy.txt"
/usr/bin/python3 - "$t" <<'PY'
import csv, json, re, sys
from decimal import Decimal
import numpy as np
t = sys.argv[1]
s = json.load(open(f"{t}/s.json"))
assert s["selected"]["addresses"] == 3723, s["selected"]
assert s["connected"]["addresses"] + s["unreachable"]["addresses"] == 3723
rows = list(csv.DictReader(open(f"{t}/a.csv")))
assert len(rows) == 3723
# Street segments in EPSG:25832 from the WKT.
segs = []
street_m = 0.0
for r in csv.DictReader(open(f"{t}/segs.csv")):
    for part in re.findall(r"\(([^()]+)\)", r["WKT"]):
        pts = np.array([[float(v) for v in p.split()[:2]] for p in part.split(",")])
        segs.append(np.hstack([pts[:-1], pts[1:]]))
        street_m += np.hypot(*(pts[1:] - pts[:-1]).T).sum()
S = np.vstack(segs)
a, b = S[:, :2], S[:, 2:]
d = b - a
len2 = (d * d).sum(1)
len2[len2 == 0] = 1e-12
xy = np.loadtxt(f"{t}/xy.txt")
far = set()
for (r, p) in zip(rows, xy):
    tt = np.clip(((p - a) * d).sum(1) / len2, 0, 1)
    dist = np.hypot(*(a + tt[:, None] * d - p).T).min()
    if dist > 150:
        far.add(r["id"])
reported = {r["id"] for r in rows if r["reason"] == "no_street_within_max_drop"}
assert far == reported, f"beyond 150 m by NumPy: {len(far)}, reported: {len(reported)}, differ: {sorted(far ^ reported)[:5]}"
assert s["length_m"]["trench"] <= street_m, (s["length_m"]["trench"], street_m)
total = Decimal(f"{s['cost']['total']:.2f}")
assert sum(Decimal(r["cost"]) for r in rows if r["connected"] == "true") == total
print(f"liechtenstein: {s['connected']['addresses']} connected, {len(far)} beyond 150 m of any street, "
      f"{s['unreachable']['by_reason']['no_path_to_network']} on street islands; trench "
      f"{s['length_m']['trench'] / 1000:.1f} km of {street_m / 1000:.1f} km of streets; total {total} {s['currency']}")
PY
