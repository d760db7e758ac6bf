#!/usr/bin/env bash
# Identical input gives identical bytes: every output format, the summary and the rejects,
# across two runs (one second apart, so a timestamp would show) and, when the binary has a
# --threads option, across 1 and 2 threads. The summary's command_line line names each run's
# folder and thread count, so it alone is left out of the summaries' comparison.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
threads_opt=()
if "$bin" classify --help | grep -q -- '--threads'; then threads_opt=(--threads); fi
run() {  # run DIR [THREADS]
  mkdir -p "$tmp/$1"
  local t=(); [ -n "${2:-}" ] && [ ${#threads_opt[@]} -gt 0 ] && t=(--threads "$2")
  for ext in csv geojson gpkg fgb; do
    "$bin" classify --addresses sample_data/jena/addresses.csv --crs EPSG:25832 --keep district \
      --offers sample_data/jena/offers_saalenetz.csv --offers sample_data/jena/offers_kupfer_co.csv \
      --offers tests/data/bad/messy_offers.csv --as-of 2026-06-30 -q "${t[@]}" \
      -o "$tmp/$1/out.$ext" --summary "$tmp/$1/summary_$ext.json" --rejects "$tmp/$1/rejects_$ext.csv" ||
      { echo "run $1 $ext failed"; exit 1; }
  done
  # Footprints and routes: the spatial join is the multi-threaded part.
  "$bin" classify --addresses tests/data/spatial/addresses_25832.csv --crs EPSG:25832 \
    --footprints tests/data/spatial/footprints_25832.geojson --footprints tests/data/bad/footprints_bad.geojson \
    --routes tests/data/spatial/routes_25832.geojson --routes tests/data/spatial/ducts_25832.geojson \
    --route-distance 25 --as-of 2025-12-31 -q "${t[@]}" \
    -o "$tmp/$1/spatial.csv" --summary "$tmp/$1/spatial.json" --rejects "$tmp/$1/spatial_rejects.csv" ||
    { echo "run $1 spatial failed"; exit 1; }
}
run a 1; sleep 1.1; run b 2
fail=0
for f in "$tmp"/a/*; do
  g="$tmp/b/$(basename "$f")"
  if [[ $f == *.json ]]; then
    # The summary records the command line, which names the run's own folder and thread count.
    cmp -s <(grep -v '^  "command_line": ' "$f") <(grep -v '^  "command_line": ' "$g") ||
      { echo "$(basename "$f") differs between runs"; fail=1; }
  else
    cmp -s "$f" "$g" || { echo "$(basename "$f") differs between runs"; fail=1; }
  fi
done
[ "$(ls "$tmp/a" | wc -l)" = 15 ] || { echo "expected 15 outputs, got $(ls "$tmp/a" | wc -l)"; fail=1; }
# The messy offers' 10 rows all end in the rejects (their ids are not Jena's), in input order.
[ "$(grep -c '^tests/data/bad/messy_offers.csv,' "$tmp/a/rejects_csv.csv")" = 10 ] || { echo "expected 10 messy rejects"; fail=1; }
[ ${#threads_opt[@]} -gt 0 ] && echo "compared 1 and 2 threads" || echo "no --threads option: compared two runs"
exit $fail
