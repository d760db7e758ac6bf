#!/usr/bin/env bash
# `coverage plan` on the Jena sample (the demo's run): the accounting and money invariants
# that hold whatever the network looks like, each checked against the outputs independently:
#   * every selected (eligible) address is connected or unreachable, none dropped: the
#     addresses CSV has one row per eligible row of the results, in results order;
#   * the per-address costs add up to the total to the cent, and so do the per-district costs;
#   * per-district trench / duct lengths add up to the totals (shares of whole edges);
#   * the network's trench + duct features add up to the summary lengths, drops likewise;
#   * the same inputs give the same bytes (run twice, and GeoPackage vs GeoJSON feature count).
set -euo pipefail
bin=$1
j=sample_data/jena
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
offers=(); for f in $j/offers_*.csv; do offers+=(--offers "$f"); done
"$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" \
  --footprints $j/footprints_cable.geojson --footprints $j/footprints_wfp.geojson \
  --routes $j/routes_fibre.geojson --routes $j/routes_ducts.geojson --route-distance 50 \
  --keep district --as-of 2026-06-30 -o "$out/r.csv" -q
plan=(--streets $j/streets.geojson --routes $j/routes_fibre.geojson --ducts $j/routes_ducts.geojson --by district -q)
"$bin" plan "$out/r.csv" "${plan[@]}" -o "$out/net.csv" --addresses-out "$out/a.csv" --areas-out "$out/d.csv" \
  --summary "$out/s.json"
"$bin" plan "$out/r.csv" "${plan[@]}" -o "$out/net2.geojson" --addresses-out "$out/a2.csv" --summary "$out/s2.json"
cmp "$out/a.csv" "$out/a2.csv"; cmp "$out/s.json" "$out/s2.json"
/usr/bin/python3 - "$out" <<'PY'
import csv, json, sys
from decimal import Decimal
d = sys.argv[1]
s = json.load(open(f"{d}/s.json"))
res = list(csv.DictReader(open(f"{d}/r.csv")))
eligible = [r["id"] for r in res if r["eligible"] == "true"]
rows = list(csv.DictReader(open(f"{d}/a.csv")))
assert [r["id"] for r in rows] == eligible, "addresses-out is not the eligible rows in results order"
conn = [r for r in rows if r["connected"] == "true"]
unr = [r for r in rows if r["connected"] == "false"]
assert all(r["reason"] in ("no_street_within_max_drop", "no_path_to_network") for r in unr)
assert len(conn) == s["connected"]["addresses"] and len(unr) == s["unreachable"]["addresses"]
assert s["selected"]["addresses"] == len(eligible) == len(conn) + len(unr)
total = Decimal(f"{s['cost']['total']:.2f}")
assert sum(Decimal(r["cost"]) for r in conn) == total, "per-address costs do not add up to the total"
areas = list(csv.DictReader(open(f"{d}/d.csv")))
assert sum(Decimal(a["cost"]) for a in areas) == total, "per-district costs do not add up to the total"
assert sum(int(a["addresses"]) for a in areas) == len(eligible)
for key, col in (("trench", "trench_m"), ("duct", "duct_m"), ("drop", "drop_m")):
    got = sum(float(a[col]) for a in areas)
    assert abs(got - s["length_m"][key]) < 0.01 * len(areas), (key, got, s["length_m"][key])
net = list(csv.DictReader(open(f"{d}/net.csv")))
for kind in ("trench", "duct", "drop"):
    got = sum(float(f["length_m"]) for f in net if f["kind"] == kind)
    assert abs(got - s["length_m"][kind]) < 0.005 * len(net) + 0.01, (kind, got, s["length_m"][kind])
# de-2024: house connection 800 EUR per address + 150 EUR per unit; the rest is the network.
units = {r["id"]: int(r["units"]) for r in res}
house = sum(Decimal(800) + Decimal(150) * units[r["id"]] for r in conn)
assert sum(Decimal(f["cost"]) for f in net) + house == total, "network features + house connections != total"
feats = json.load(open(f"{d}/net2.geojson"))["features"]
assert len(feats) == len(net), (len(feats), len(net))
print(f"jena plan: {len(conn)} connected, {len(unr)} unreachable, total {total} EUR; invariants hold")
PY
