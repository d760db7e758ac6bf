#!/usr/bin/env bash
# classify --shard and coverage merge on the Jena sample (docs/scale-out.md):
#  1. accounting: in every shard, for every input, read = used + rejected + skipped; every
#     shard reads every input whole; the sums of used and rejected over the shards equal one
#     run's; footprints and routes are read whole by each shard; "shard": "I/N" in each summary;
#  2. merge gives one run's bytes in every format (CSV, GeoJSON, GeoPackage, FlatGeobuf) from
#     shards written in mixed formats, and one run's summary and rejects;
#  3. summary, aggregate and diff over the set of shards equal the same over the merged file;
#  4. merge refuses incomplete or mixed sets: a missing or doubled shard, two shard counts,
#     another profile or as-of date, an input whose bytes changed between shards;
#  5. --shard refuses what cannot be sharded (usage errors, exit 2);
#  6. ids from the offers (FCC files, no address layer) and empty shards (more shards than
#     addresses) merge to one run's bytes;
#  7. the Kubernetes manifests (docs/scale-out/k8s-*.yaml) parse, have the keys an Indexed Job
#     and its merge Job need, and their container commands, run here with the index set as
#     Kubernetes sets it, give one run's bytes.
set -euo pipefail
source tests/scripts/lib/summaries.sh
bin=$(realpath "$1")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
J=sample_data/jena
args=(--addresses $J/addresses.csv --crs EPSG:25832)
for f in $J/offers_*.csv; do args+=(--offers "$f"); done
args+=(--footprints $J/footprints_cable.geojson --footprints $J/footprints_wfp.geojson --routes $J/routes_fibre.geojson
  --routes $J/routes_ducts.geojson --route-distance 50 --working-crs EPSG:25832 --keep district --as-of 2026-06-30)

"$bin" classify "${args[@]}" -q -o "$tmp/one.csv" --summary "$tmp/one.json" --rejects "$tmp/one.rejects.csv"
exts=(csv gpkg fgb geojson)
for i in 0 1 2 3; do
  "$bin" classify "${args[@]}" --shard $i/4 -q -o "$tmp/s$i.${exts[$i]}" --summary "$tmp/s$i.json" --rejects "$tmp/s$i.rejects.csv"
done

# 1. accounting (an independent reading of the JSON files)
python3 - "$tmp" <<'PY' || fail "shard accounting"
import json, sys
d = sys.argv[1]
one = json.load(open(f"{d}/one.json"))
shards = [json.load(open(f"{d}/s{i}.json")) for i in range(4)]
for i, s in enumerate(shards):
    assert s["shard"] == f"{i}/4", s["shard"]
    assert "shard" not in one
    for a, b in zip(s["inputs"], one["inputs"]):
        assert a["read"] == a["used"] + a["rejected"] + a["skipped"], a
        assert a["read"] == b["read"] and a["sha256"] == b["sha256"], (a, b)
        if a["role"] in ("footprints", "routes"):  # read whole by every shard
            assert (a["used"], a["rejected"], a["skipped"]) == (b["used"], b["rejected"], 0), (a, b)
for k, b in enumerate(one["inputs"]):
    if b["role"] in ("addresses", "offers"):
        assert sum(s["inputs"][k]["used"] for s in shards) == b["used"], b
        assert sum(s["inputs"][k]["rejected"] for s in shards) == b["rejected"], b
        assert all(s["inputs"][k]["skipped"] > 0 for s in shards), b
assert sum(s["addresses"] for s in shards) == one["addresses"]
PY

# 2. merge: one run's bytes in every format, from shards in four different formats
shards=("$tmp"/s{0,1,2,3}.json)
for ext in csv geojson gpkg fgb; do
  "$bin" merge -q -o "$tmp/merged.$ext" --summary "$tmp/merged.$ext.json" --rejects "$tmp/merged.$ext.rejects.csv" "${shards[@]}"
  [ $ext = csv ] || "$bin" classify "${args[@]}" -q -o "$tmp/one.$ext"
  cmp "$tmp/merged.$ext" "$tmp/one.$ext" || fail "merged .$ext differs from one run"
  same_run_summary "$tmp/merged.$ext.json" "$tmp/one.json" || fail "merged summary differs from one run"
  cmp "$tmp/merged.$ext.rejects.csv" "$tmp/one.rejects.csv" || fail "merged rejects differ from one run"
done
[ "$(wc -l <"$tmp/one.rejects.csv")" -gt 1 ] || fail "the sample should have rejects to merge"

# 3. summary, aggregate, diff over the set == over the merged file
set_files=("$tmp"/s0.csv "$tmp"/s1.gpkg "$tmp"/s2.fgb "$tmp"/s3.geojson)
# (the "inputs" list, one line per file, names the files and is left out of the comparison)
no_inputs() { sed '/^  "inputs": \[/,/^  \],\{0,1\}$/d'; }
"$bin" summary --by district --format json "${set_files[@]}" | no_inputs >"$tmp/sum_set.json"
"$bin" summary --by district --format json "$tmp/merged.csv" | no_inputs >"$tmp/sum_merged.json"
grep -q '"inputs"\|"file"' "$tmp/sum_set.json" && fail "the inputs list was not left out"
cmp "$tmp/sum_set.json" "$tmp/sum_merged.json" || fail "summary over the shards differs"
for mode in "--grid 100m" "--clusters 50" "--areas $J/districts.geojson --area-id district_id"; do
  # shellcheck disable=SC2086
  "$bin" aggregate $mode -q -o "$tmp/a_set.csv" --overwrite "${set_files[@]}"
  # shellcheck disable=SC2086
  "$bin" aggregate $mode -q -o "$tmp/a_merged.csv" --overwrite "$tmp/merged.csv"
  cmp "$tmp/a_set.csv" "$tmp/a_merged.csv" || fail "aggregate $mode over the shards differs"
done
old=(--addresses $J/addresses.csv --crs EPSG:25832 --offers $J/offers_kupfer_co.csv --offers $J/offers_saalenetz.csv
  --working-crs EPSG:25832 --keep district --as-of 2026-06-30)
"$bin" classify "${old[@]}" -q -o "$tmp/old.csv"
for i in 0 1 2; do "$bin" classify "${old[@]}" --shard $i/3 -q -o "$tmp/old$i.csv" --summary "$tmp/old$i.json"; done
"$bin" diff --fail-on none --by district -o "$tmp/d_one.csv" "$tmp/old.csv" "$tmp/merged.csv" >"$tmp/d_one.txt"
"$bin" diff --fail-on none --by district -o "$tmp/d_set.csv" --old "$tmp"/old{0,1,2}.csv --new "${set_files[@]}" >"$tmp/d_set.txt"
cmp "$tmp/d_one.csv" "$tmp/d_set.csv" || fail "diff over shard sets: changes differ"
[ "$(wc -l <"$tmp/d_one.csv")" -gt 100 ] || fail "the diff should find changes"
sed 1,2d "$tmp/d_one.txt" >"$tmp/d_one.body"; sed 1,2d "$tmp/d_set.txt" >"$tmp/d_set.body"  # minus the file names
cmp "$tmp/d_one.body" "$tmp/d_set.body" || fail "diff over shard sets: report differs"

# 4. refusals
refuse() {  # refuse "expected message" merge-args...
  local want=$1; shift
  local rc=0
  "$bin" merge -q -o "$tmp/x.csv" --overwrite "$@" 2>"$tmp/err" || rc=$?
  [ $rc -eq 1 ] || fail "merge $* exited $rc, expected 1"
  grep -qF -- "$want" "$tmp/err" || fail "merge $*: expected '$want', got: $(cat "$tmp/err")"
  [ ! -e "$tmp/x.csv" ] || fail "a refused merge wrote its output"
}
refuse "shard 2/4 missing" "$tmp"/s{0,1,3}.json
refuse "both are shard 1/4" "$tmp"/s{0,1,1,2,3}.json
"$bin" classify "${args[@]}" --shard 1/2 -q -o "$tmp/h1.csv" --summary "$tmp/h1.json"
refuse "different shard counts" "$tmp"/s{0,1,2,3}.json "$tmp/h1.json"
"$bin" classify "${args[@]/2026-06-30/2026-07-01}" --shard 3/4 -q -o "$tmp/d3.csv" --summary "$tmp/d3.json"
refuse "different --as-of dates" "$tmp"/s{0,1,2}.json "$tmp/d3.json"
"$bin" classify "${args[@]}" --profile de-gf-2021 --shard 3/4 -q -o "$tmp/p3.csv" --summary "$tmp/p3.json"
refuse "different profiles" "$tmp"/s{0,1,2}.json "$tmp/p3.json"
# the same path, other bytes: an operator's corrected file arrived between two shards
cp -r $J "$tmp/jena"
targs=("${args[@]//$J/$tmp/jena}")
for i in 0 1 2; do "$bin" classify "${targs[@]}" --shard $i/4 -q -o "$tmp/c$i.csv" --summary "$tmp/c$i.json"; done
sed -i '$ s/existing/planned/' "$tmp/jena/offers_saalenetz.csv"
"$bin" classify "${targs[@]}" --shard 3/4 -q -o "$tmp/c3.csv" --summary "$tmp/c3.json"
refuse "different checksums of $tmp/jena/offers_saalenetz.csv" "$tmp"/c{0,1,2,3}.json
refuse "not the summary of a shard" "$tmp/one.json"
refuse "the shard wrote no --rejects file" --rejects "$tmp/x.rejects.csv" "$tmp"/old{0,1,2}.json

# 5. what --shard refuses (usage, exit 2)
usage() {
  local want=$1; shift
  local rc=0
  "$bin" classify "$@" -q 2>"$tmp/err" || rc=$?
  [ $rc -eq 2 ] || fail "classify $* exited $rc, expected 2"
  grep -qF -- "$want" "$tmp/err" || fail "classify $*: expected '$want', got: $(cat "$tmp/err")"
}
usage "give I/N with 0 <= I < N" "${args[@]}" --shard 4/4 -o "$tmp/u.csv" --summary "$tmp/u.json"
usage "needs --summary FILE" "${args[@]}" --shard 0/4 -o "$tmp/u.csv"
usage "write the shard to a file" "${args[@]}" --shard 0/4 -o - --summary "$tmp/u.json"
usage "with --match address" --addresses tests/data/address_match/addresses.csv --crs EPSG:25832 \
  --offers tests/data/address_match/offers.csv --match address --shard 0/2 -o "$tmp/u.csv" --summary "$tmp/u.json"
# footprints in another CRS than the addresses: the working CRS would come from the extent
ogr2ogr -t_srs EPSG:4326 "$tmp/fp4326.geojson" $J/footprints_cable.geojson
usage "name it with --working-crs" --addresses $J/addresses.csv --crs EPSG:25832 --footprints "$tmp/fp4326.geojson" \
  --shard 0/2 -o "$tmp/u.csv" --summary "$tmp/u.json"

# 6. ids from the offers (FCC, two files, both header generations); more shards than addresses
fcc=(--offers sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv --offers tests/data/fcc/bdc_2023_header.csv
  --profile us-bead-2022 --as-of 2022-06-30)
"$bin" classify "${fcc[@]}" -q -o "$tmp/fcc.csv" --summary "$tmp/fcc.json"
for i in 0 1 2; do "$bin" classify "${fcc[@]}" --shard $i/3 -q -o "$tmp/f$i.csv" --summary "$tmp/f$i.json"; done
"$bin" merge -q -o "$tmp/fm.csv" --summary "$tmp/fm.json" "$tmp"/f{0,1,2}.json
cmp "$tmp/fm.csv" "$tmp/fcc.csv" || fail "FCC: merged result differs from one run"
same_run_summary "$tmp/fm.json" "$tmp/fcc.json" || fail "FCC: merged summary differs from one run"
small=(--addresses tests/data/conformance/addresses.csv --crs EPSG:25832 --offers tests/data/conformance/offers.csv --as-of 2025-12-31)
"$bin" classify "${small[@]}" -q -o "$tmp/small.csv" --summary "$tmp/small.json"
mkdir "$tmp/many"
for i in $(seq 0 39); do "$bin" classify "${small[@]}" --shard $i/40 -q -o "$tmp/many/$i.csv" --summary "$tmp/many/$i.json"; done
empty=0
for i in $(seq 0 39); do [ "$(wc -l <"$tmp/many/$i.csv")" -eq 1 ] && empty=$((empty + 1)); done
[ "$empty" -gt 0 ] || fail "40 shards of 23 addresses should leave some empty"
"$bin" merge -q -o "$tmp/many.csv" --summary "$tmp/many.json" "$tmp"/many/*.json
cmp "$tmp/many.csv" "$tmp/small.csv" || fail "40 shards ($empty empty): merged result differs"
same_run_summary "$tmp/many.json" "$tmp/small.json" || fail "40 shards ($empty empty): merged summary differs"

# 7. the Kubernetes manifests: keys, and their commands run as the pods would run them
python3 - docs/scale-out/k8s-shards.yaml docs/scale-out/k8s-merge.yaml >"$tmp/k8s.sh" <<'PY' || fail "Kubernetes manifests"
import re, shlex, sys, yaml
shards = list(yaml.safe_load_all(open(sys.argv[1])))
merge = list(yaml.safe_load_all(open(sys.argv[2])))
kinds = {d["kind"]: d for d in shards}
assert set(kinds) == {"PersistentVolumeClaim", "Job"}, kinds.keys()
pvc, job = kinds["PersistentVolumeClaim"], kinds["Job"]
assert pvc["apiVersion"] == "v1" and "ReadWriteMany" in pvc["spec"]["accessModes"]
assert job["apiVersion"] == "batch/v1"
spec = job["spec"]
assert spec["completionMode"] == "Indexed", "an Indexed Job sets JOB_COMPLETION_INDEX"
n = spec["completions"]
assert isinstance(n, int) and n >= 1 and spec["parallelism"] >= 1
pod = spec["template"]["spec"]
assert pod["restartPolicy"] in ("Never", "OnFailure")
c = pod["containers"][0]
env = {e["name"]: e["value"] for e in c["env"]}
assert int(env["SHARDS"]) == n, "SHARDS must equal completions"
cmd = c["args"][0]
assert c["command"] == ["sh", "-c"] and "--shard \"$JOB_COMPLETION_INDEX/$SHARDS\"" in cmd
claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
assert claims == {pvc["metadata"]["name"]}
assert {m["name"] for m in c["volumeMounts"]} == {v["name"] for v in pod["volumes"]}
(m,) = merge
assert m["apiVersion"] == "batch/v1" and m["kind"] == "Job" and m["metadata"]["name"] != job["metadata"]["name"]
mc = m["spec"]["template"]["spec"]["containers"][0]
assert m["spec"]["template"]["spec"]["restartPolicy"] in ("Never", "OnFailure")
assert {v["persistentVolumeClaim"]["claimName"] for v in m["spec"]["template"]["spec"]["volumes"]} == claims
assert mc["command"] == ["sh", "-c"] and "coverage merge" in mc["args"][0]
menv = {e["name"]: e["value"] for e in mc["env"]}
print(f"SHARDS={n}")
print(f"AS_OF={shlex.quote(env['AS_OF'])}")
print(f"SHARD_CMD={shlex.quote(cmd)}")
print(f"MERGE_CMD={shlex.quote(mc['args'][0])}")
PY
# shellcheck disable=SC1091
. "$tmp/k8s.sh"
data=$tmp/k8s-data
mkdir -p "$data/in/offers" "$tmp/k8s-bin"
cp $J/addresses.csv "$data/in/"
cp $J/offers_*.csv "$data/in/offers/"
ln -s "$bin" "$tmp/k8s-bin/coverage"
for i in $(seq 0 $((SHARDS - 1))); do
  env PATH="$tmp/k8s-bin:$PATH" DATA="$data" SHARDS="$SHARDS" AS_OF="$AS_OF" JOB_COMPLETION_INDEX=$i sh -c "$SHARD_CMD" ||
    fail "the Indexed Job's command failed for index $i"
done
env PATH="$tmp/k8s-bin:$PATH" DATA="$data" sh -c "$MERGE_CMD" || fail "the merge Job's command failed"
k8s_one=(--addresses "$data/in/addresses.csv" --crs EPSG:25832)
for f in "$data"/in/offers/*.csv; do k8s_one+=(--offers "$f"); done
"$bin" classify "${k8s_one[@]}" --as-of "$AS_OF" -q -o "$tmp/k8s_one.gpkg" --summary "$tmp/k8s_one.json" --rejects "$tmp/k8s_one.rejects.csv"
cmp "$data/out/result.gpkg" "$tmp/k8s_one.gpkg" || fail "Kubernetes recipe: merged result differs from one run"
same_run_summary "$data/out/result.summary.json" "$tmp/k8s_one.json" || fail "Kubernetes recipe: merged summary differs"
cmp "$data/out/result.rejects.csv" "$tmp/k8s_one.rejects.csv" || fail "Kubernetes recipe: merged rejects differ"
echo "ok: shard accounting, merge in 4 formats, summary/aggregate/diff over shards, refusals, FCC, empty shards, Kubernetes manifests"
