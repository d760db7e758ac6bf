#!/usr/bin/env bash
# coverage progress on the Jena sample and its earlier surveys (sample_data/jena/history):
#   * the per-year totals, per district and in all, recomputed independently in Python from
#     the classify results (gigabit_networks > 0, or gigabit_planned_date <= 31 Dec of the
#     year), and the observed share of units of every survey;
#   * results in two shards give the same bytes as one file;
#   * classify --threads 1 and 2 give the same progress bytes;
#   * the mid-2021 survey is within one percentage point of the Breitbandatlas figure for
#     Jena (18.22 % of households with >= 1000 Mbit/s, mid-2021);
#   * every output format writes (CSV, JSON, GeoJSON, GeoPackage, FlatGeobuf with --areas
#     and --grid).
#   usage: progress_jena.sh COVERAGE_BINARY        (run from the repository root)
set -eu
bin=$1
j=sample_data/jena
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }

classify() {  # DATE DIR THREADS OUT
  local date=$1 dir=$2 threads=$3 out=$4
  local offers=(--offers "$dir/offers_saalenetz.csv" --offers "$dir/offers_thueringer_kabel.csv")
  for f in kupfer_co funkwerk_mitte luftlinie_mobil orbitnet; do offers+=(--offers "$j/offers_$f.csv"); done
  "$bin" classify --addresses $j/addresses.csv --crs EPSG:25832 "${offers[@]}" \
    --footprints $j/footprints_cable.geojson --footprints "$dir/footprints_wfp.geojson" \
    --routes "$dir/routes_fibre.geojson" --routes $j/routes_ducts.geojson --route-distance 50 \
    --keep district --as-of "$date" --threads "$threads" -o "$out" -q
}
for d in 2021-06-30 2023-06-30 2025-06-30; do classify $d $j/history/$d 2 "$tmp/r_$d.csv"; done
classify 2026-06-30 $j 2 "$tmp/r_2026-06-30.csv"
classify 2026-06-30 $j 1 "$tmp/r1_2026-06-30.csv"
cmp "$tmp/r_2026-06-30.csv" "$tmp/r1_2026-06-30.csv"

history=()
for d in 2021-06-30 2023-06-30 2025-06-30; do history+=(--history "$tmp/r_$d.csv#as_of=$d"); done
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --by district "${history[@]}" -o "$tmp/p.csv" -q
"$bin" progress "$tmp/r1_2026-06-30.csv" --as-of 2026-06-30 --by district "${history[@]}" -o "$tmp/p1.csv" -q
cmp "$tmp/p.csv" "$tmp/p1.csv" || { echo "FAIL: progress differs with classify --threads 1"; exit 1; }

# The dates the results record (classify's as_of column) serve as well as explicit ones.
"$bin" progress "$tmp/r_2026-06-30.csv" --by district --history "$tmp/r_2021-06-30.csv" \
  --history "$tmp/r_2023-06-30.csv" --history "$tmp/r_2025-06-30.csv" -o "$tmp/pd.csv" -q
cmp "$tmp/p.csv" "$tmp/pd.csv" || { echo "FAIL: recorded dates differ from explicit ones"; exit 1; }

# Shards: the 2026 results split in two (odd and even rows), each with the header.
awk -v t="$tmp" 'NR == 1 {print > t "/s1.csv"; print > t "/s2.csv"; next} {print > (t "/s" (NR % 2 + 1) ".csv")}' \
  "$tmp/r_2026-06-30.csv"
"$bin" progress "$tmp/s1.csv" "$tmp/s2.csv" --as-of 2026-06-30 --by district "${history[@]}" -o "$tmp/ps.csv" -q
cmp "$tmp/p.csv" "$tmp/ps.csv" || { echo "FAIL: two shards differ from one file"; exit 1; }

python3 - "$tmp" <<'PY'
import csv, sys
from collections import defaultdict
tmp = sys.argv[1]
def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))
now = rows(f"{tmp}/r_2026-06-30.csv")
want = defaultdict(lambda: [0, 0, 0, 0])  # (area, year) -> addresses, units, gigabit addresses, gigabit units
for r in now:
    u = int(r['units'])
    for year in range(2026, 2031):
        ok = int(r['gigabit_networks']) > 0 or (r['gigabit_planned_date'] != '' and r['gigabit_planned_date'] <= f"{year}-12-31")
        for area in ('(all)', r['district']):
            w = want[(area, year)]
            w[0] += 1; w[1] += u; w[2] += ok; w[3] += u * ok
observed = defaultdict(dict)  # area -> year -> share
for d in ('2021-06-30', '2023-06-30', '2025-06-30', '2026-06-30'):
    ids = {r['id']: r['district'] for r in now}
    tot = defaultdict(lambda: [0, 0])
    for r in rows(f"{tmp}/r_{d}.csv"):
        u = int(r['units']); g = u if int(r['gigabit_networks']) > 0 else 0
        for area in ('(all)', ids.get(r['id'], r['district'])):
            tot[area][0] += u; tot[area][1] += g
    for area, (u, g) in tot.items():
        observed[area][int(d[:4])] = g / u
got = rows(f"{tmp}/p.csv")
bad = 0
for r in got:
    area, year = r['area_id'], int(r['year'])
    if year >= 2026:
        w = want[(area, year)]
        g = [int(r['addresses']), int(r['units']), int(r['gigabit_addresses']), int(r['gigabit_units'])]
        if g != w or int(r['gap_units']) != w[1] - w[3] or r['share_units'] != f"{w[3] / w[1]:.4f}":
            print("FAIL", area, year, "got", g, r['gap_units'], r['share_units'], "want", w); bad += 1
    else:
        if r['addresses'] != '':
            print("FAIL", area, year, "has counts before the survey year"); bad += 1
    o = observed[area].get(year)
    if (o is None) != (r['observed_share_units'] == '') or (o is not None and r['observed_share_units'] != f"{o:.4f}"):
        print("FAIL observed", area, year, r['observed_share_units'], o); bad += 1
areas = sorted({r['district'] for r in now})
if [r['area_id'] for r in got][::10] != ['(all)'] + areas:
    print("FAIL: row order", [r['area_id'] for r in got][::10][:5]); bad += 1
on_track = {r['area_id']: r['on_track'] for r in got}
for area in ['(all)'] + areas:
    w = want[(area, 2030)]
    if on_track[area] != ('true' if w[3] == w[1] and w[2] == w[0] else 'false'):
        print("FAIL on_track", area); bad += 1
share21 = observed['(all)'][2021]
if abs(share21 - 0.1822) > 0.01:
    print(f"FAIL: mid-2021 share {share21:.4f} is not within 1 point of 18.22 %"); bad += 1
print(f"checked {len(got)} rows; mid-2021 share of units {share21:.4f}")
sys.exit(1 if bad else 0)
PY

# Every format writes; the same row count in each.
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --areas $j/districts.geojson --area-id district \
  "${history[@]}" -o "$tmp/p.gpkg" -q
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --grid 1km -o "$tmp/p.fgb" -q
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --areas $j/districts.geojson --area-id district \
  -o "$tmp/p.geojson" -q
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --by district "${history[@]}" -o "$tmp/p.json" -q
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['areas'][0]['area_id']=='(all)' and len(d['areas'])==36 and len(d['areas'][0]['years'])==10, d['areas'][0]" "$tmp/p.json"
if command -v ogrinfo >/dev/null; then
  n=$(ogrinfo -ro -al -so "$tmp/p.gpkg" | sed -n 's/^Feature Count: //p')
  [ "$n" = $((36 * 10)) ] || { echo "FAIL: gpkg has $n features, expected 360"; exit 1; }
  n=$(ogrinfo -ro -al -so "$tmp/p.geojson" | sed -n 's/^Feature Count: //p')
  [ "$n" = $((36 * 5)) ] || { echo "FAIL: geojson has $n features, expected 180"; exit 1; }
  n=$(ogrinfo -ro -al -so "$tmp/p.fgb" | sed -n 's/^Feature Count: //p')
  [ "$n" -gt 5 ] || { echo "FAIL: fgb has $n features"; exit 1; }
fi
# --areas with the district polygons gives the same counts as --by district.
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --areas $j/districts.geojson --area-id district -o "$tmp/pa.csv" -q
"$bin" progress "$tmp/r_2026-06-30.csv" --as-of 2026-06-30 --by district -o "$tmp/pb.csv" -q
cmp "$tmp/pa.csv" "$tmp/pb.csv" || { echo "FAIL: --areas districts differs from --by district"; diff "$tmp/pa.csv" "$tmp/pb.csv" | head; exit 1; }
echo "progress_jena: ok"
