#!/usr/bin/env bash
# plan, merge, progress and report gather every output in one OutputSet before reading (as
# classify does): an output that cannot be written — here the last one, in a folder that does
# not exist — fails the run before any work and leaves no output at all, not even the ones
# named before it; an output that is one of the inputs is refused.
set -u
export LC_ALL=C  # ls order
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
empty() { [ -z "$(ls -A "$1")" ] || { echo "$2: left $(ls -A "$1" | tr '\n' ' ')"; fail=1; }; }
expect_fail() {  # NAME WANT_TEXT command...
  local name=$1 want=$2; shift 2
  "$@" 2>"$tmp/err" >/dev/null; local rc=$?
  [ $rc -ne 0 ] || { echo "$name: exit 0"; fail=1; }
  grep -qF -- "$want" "$tmp/err" || { echo "$name: $(cat "$tmp/err")"; fail=1; }
}
P=tests/data/plan
plan=(plan $P/one_street_results.csv --streets $P/one_street_streets.geojson --routes $P/route_west.geojson
      --costs $P/simple.toml --working-crs EPSG:25832 -q)

# plan: network, address costs, and a summary in a missing folder.
mkdir "$tmp/plan"
expect_fail plan_missing_folder "does not exist; create it first" \
  "$bin" "${plan[@]}" -o "$tmp/plan/net.gpkg" --addresses-out "$tmp/plan/costs.csv" --summary "$tmp/plan/no/s.json"
empty "$tmp/plan" plan_missing_folder
# ... and the same run with every output writable writes them all.
"$bin" "${plan[@]}" -o "$tmp/plan/net.gpkg" --addresses-out "$tmp/plan/costs.csv" --summary "$tmp/plan/s.json" ||
  { echo "plan: the writable run failed"; fail=1; }
[ "$(ls "$tmp/plan" | tr '\n' ' ')" = "costs.csv net.gpkg s.json " ] || { echo "plan: wrote $(ls "$tmp/plan")"; fail=1; }
# plan: the cost model file named as the summary is refused (an input), and left as it was.
cp $P/simple.toml "$tmp/costs.toml"; before=$(sha256sum <"$tmp/costs.toml")
expect_fail plan_output_is_input "is also an input" \
  "$bin" plan $P/one_street_results.csv --costs "$tmp/costs.toml" -q --summary "$tmp/costs.toml" --overwrite
[ "$(sha256sum <"$tmp/costs.toml")" = "$before" ] || { echo "plan: the cost model was changed"; fail=1; }
# merge: three shards of a small run.
C=tests/data/conformance
mkdir "$tmp/shards" "$tmp/merge"
for i in 0 1 2; do
  "$bin" classify --addresses $C/addresses.csv --crs EPSG:25832 --offers $C/offers.csv --as-of 2025-12-31 -q \
    --shard $i/3 -o "$tmp/shards/s$i.csv" --summary "$tmp/shards/s$i.json" --rejects "$tmp/shards/r$i.csv" ||
    { echo "merge: shard $i failed"; fail=1; }
done
expect_fail merge_missing_folder "does not exist; create it first" \
  "$bin" merge -q -o "$tmp/merge/m.gpkg" --rejects "$tmp/merge/r.csv" --summary "$tmp/merge/no/s.json" "$tmp"/shards/s?.json
empty "$tmp/merge" merge_missing_folder
# merge: a shard's result file as the output is refused (it is read), even with --overwrite.
before=$(sha256sum <"$tmp/shards/s1.csv")
expect_fail merge_output_is_input "is also an input" \
  "$bin" merge -q --overwrite -o "$tmp/shards/s1.csv" "$tmp"/shards/s?.json
[ "$(sha256sum <"$tmp/shards/s1.csv")" = "$before" ] || { echo "merge: shard 1's result was changed"; fail=1; }
"$bin" merge -q -o "$tmp/merge/m.gpkg" --rejects "$tmp/merge/r.csv" --summary "$tmp/merge/s.json" "$tmp"/shards/s?.json ||
  { echo "merge: the writable run failed"; fail=1; }
[ "$(ls "$tmp/merge" | tr '\n' ' ')" = "m.gpkg r.csv s.json " ] || { echo "merge: wrote $(ls "$tmp/merge")"; fail=1; }
# progress and report: one output each; naming one of the files they read is refused, even
# with --overwrite, and the file stays as it was.
mkdir "$tmp/one"
"$bin" classify --addresses $C/addresses.csv --crs EPSG:25832 --offers $C/offers.csv --as-of 2025-12-31 -q \
  -o "$tmp/one/r.csv" --summary "$tmp/one/s.json" || { echo "classify for progress/report failed"; fail=1; }
before=$(sha256sum <"$tmp/one/r.csv")
expect_fail progress_output_is_input "is also an input" \
  "$bin" progress "$tmp/one/r.csv" --as-of 2025-12-31 -q --overwrite -o "$tmp/one/r.csv"
expect_fail report_output_is_input "is also an input" \
  "$bin" report "$tmp/one/r.csv" --classify-summary "$tmp/one/s.json" --overwrite -o "$tmp/one/s.json"
[ "$(sha256sum <"$tmp/one/r.csv")" = "$before" ] || { echo "progress: the results it read were changed"; fail=1; }
grep -q '"as_of": "2025-12-31"' "$tmp/one/s.json" || { echo "report: the classify summary it read was changed"; fail=1; }
expect_fail progress_missing_folder "does not exist; create it first" \
  "$bin" progress "$tmp/one/r.csv" --as-of 2025-12-31 -q -o "$tmp/one/no/p.gpkg"
"$bin" progress "$tmp/one/r.csv" --as-of 2025-12-31 -q -o "$tmp/one/p.gpkg" || { echo "progress: the run failed"; fail=1; }
"$bin" report "$tmp/one/r.csv" --classify-summary "$tmp/one/s.json" -o "$tmp/one/page.html" >/dev/null 2>&1 ||
  { echo "report: the run failed"; fail=1; }
[ "$(ls "$tmp/one" | tr '\n' ' ')" = "p.gpkg page.html r.csv s.json " ] || { echo "progress/report: wrote $(ls "$tmp/one")"; fail=1; }
exit $fail
