#!/usr/bin/env bash
# coverage report in a real browser: Debian's headless Chromium, networking disabled, opens
# the file:// page and the test reads the RENDERED DOM (tests/scripts/lib/browser.py over the
# DevTools pipe): address features on the map, the legend, table totals equal to the classify
# summary JSON, the charts, hostile ids inert after every popup was opened, no console error,
# no request but the page itself, and a screenshot that is not blank.
#   1. the hand-made fixture (tests/data/report: figures by hand in its README), with progress
#      and plan, then the same above --max-points (100 m grid cells);
#   2. the Jena sample classified for real, districts from sample_data/jena/districts.geojson:
#      the page's totals must equal classify's own --summary JSON.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "SKIP: chromium is not installed (scripts/setup installs Debian's chromium)"; exit 77
fi
if [ ! -f "${COVERAGE_LEAFLET_DIR:-/usr/share/javascript/leaflet}/leaflet.js" ]; then
  echo "FAIL: Leaflet missing (Debian's libjs-leaflet); the report cannot be built"; exit 1
fi
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
d=tests/data/report
probe=$(cat "$here/lib/report_probe.js")
browse() { python3 "$here/lib/browser.py" "$1" --probe "$probe" --screenshot "$2" --size 1400x1000; }

"$bin" report $d/results.csv --areas $d/areas.geojson --area-id name --classify-summary $d/summary.json \
  --classify-rejects $d/rejects.csv --progress $d/progress.csv --plan-summary $d/plan_summary.json \
  --plan-network $d/plan_network.geojson --title 'Fixture <script>window.__pwned=9</script>' -o "$out/fixture.html" -q
browse "$out/fixture.html" "$out/fixture.png" > "$out/fixture.json"
"$bin" report $d/results.csv --areas $d/areas.geojson --area-id name --classify-summary $d/summary.json \
  --max-points 3 --locale de -o "$out/grid.html" -q
browse "$out/grid.html" "$out/grid.png" > "$out/grid.json"

offers=(); for f in sample_data/jena/offers_*.csv; do offers+=(--offers "$f"); done
"$bin" classify --addresses sample_data/jena/addresses.csv --crs EPSG:25832 "${offers[@]}" --keep district \
  --as-of 2026-06-30 -o "$out/jena.csv" --summary "$out/jena-summary.json" --rejects "$out/jena-rejects.csv" -q
"$bin" report "$out/jena.csv" --areas sample_data/jena/districts.geojson --area-id district \
  --classify-summary "$out/jena-summary.json" --classify-rejects "$out/jena-rejects.csv" -o "$out/jena.html" -q
browse "$out/jena.html" "$out/jena.png" > "$out/jena.json"

python3 - "$out" "$d/summary.json" <<'PY'
import json, sys
out, fixture_summary = sys.argv[1], sys.argv[2]
failures = []
def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")

def common(name, r, summary):
    p = r["probe"]
    check(f"{name}: console errors", r["errors"], [])
    check(f"{name}: requests other than the page", [u for u in r["requests"] if u != r["page_url"]], [])
    check(f"{name}: ready", p["ready"], "true")
    check(f"{name}: hostile text ran", p["pwned"], None)
    check(f"{name}: img elements", p["images"], 0)
    if r["screenshot"]["colours"] < 50:
        failures.append(f"{name}: screenshot has only {r['screenshot']['colours']} colours (blank?)")
    # The legend and the table totals against the classify summary JSON.
    want_legend = [c["class"] for c in summary["classes"]]
    check(f"{name}: legend classes", [t.split(" ")[0] for t in p["legend_classes"]], want_legend)
    for c, text in zip(summary["classes"], p["legend_classes"]):
        digits = "".join(ch for ch in text if ch.isdigit())
        check(f"{name}: legend count of {c['class']}", int(digits), c["addresses"])
    t = p["areas_total"]
    check(f"{name}: total addresses", t.get("addresses"), summary["addresses"])
    check(f"{name}: total units", t.get("units"), summary["units"])
    check(f"{name}: total eligible", t.get("eligible"), summary["eligible"]["addresses"])
    check(f"{name}: total eligible units", t.get("eligible_units"), summary["eligible"]["units"])
    for c in summary["classes"]:
        check(f"{name}: total {c['class']}", t.get("class:" + c["class"]), c["addresses"])
    check(f"{name}: inputs rejected total", p["inputs_total"].get("rejected"), summary["rejected"])
    check(f"{name}: class bar parts", p["class_bar"], sum(1 for c in summary["classes"] if c["addresses"] > 0))

fixture = json.load(open(f"{out}/fixture.json"))
summary = json.load(open(fixture_summary))
common("fixture", fixture, summary)
p = fixture["probe"]
check("fixture: address features (7 of 8 rows have coordinates)", p["address_features"], 7)
check("fixture: area polygons", p["area_features"], 2)
check("fixture: network lines", p["network_features"], 3)
check("fixture: canvas for the points", p["map_canvas"] >= 1, True)
check("fixture: area legend bins + 'no address'", p["legend_areas"], 6)
check("fixture: network legend", p["legend_network"], 3)
check("fixture: rejects by reason total", p["rejects_total"].get("rows"), 3)
check("fixture: charts", sorted(p["charts"]), ["cost-curve:1", "progress-chart:3"])
check("fixture: area names as text", p["area_names"], ["Nord", "<b>Süd</b>"])
check("fixture: hostile markup became bold text", p["bold"], 0)
check("fixture: nothing missing", p["missing"], 0)
hostile = '</script><img src=x onerror="window.__pwned=1">'
if not any(hostile in t for t in p["popups"]):
    failures.append("fixture: no popup shows the hostile id as text")
if not any('<b onmouseover="window.__pwned=3">Evil & Co</b>' in t for t in p["popups"]):
    failures.append("fixture: no popup shows the hostile provider as text")
check("fixture: popups opened (7 points + 2 areas + 3 lines)", len(p["popups"]), 12)

grid = json.load(open(f"{out}/grid.json"))
common("grid", grid, summary)
g = grid["probe"]
check("grid: lang", g["lang"], "de")
check("grid: no points above --max-points", g["address_features"], 0)
check("grid: 100 m cells (7 addresses, each in its own cell)", g["grid_cells"], 7)
if "7 Adressen als 7 Zellen zu 100 m" not in g["grid_note"]:
    failures.append(f"grid: note on the page says {g['grid_note']!r}")

jena = json.load(open(f"{out}/jena.json"))
jena_summary = json.load(open(f"{out}/jena-summary.json"))
common("jena", jena, jena_summary)
check("jena: one point per address (all have coordinates)", jena["probe"]["address_features"], jena_summary["addresses"])
check("jena: district polygons", jena["probe"]["area_features"], 35)
check("jena: rejects by reason total", jena["probe"]["rejects_total"].get("rows"), jena_summary["rejected"])

for name in ("fixture", "grid", "jena"):
    r = json.load(open(f"{out}/{name}.json"))
    print(f"{name}: ready in {r['ready_s']} s, {r['screenshot']['colours']} colours, {len(r['requests'])} request(s)")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("report in chromium: all checks passed")
PY
