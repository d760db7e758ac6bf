#!/usr/bin/env bash
# The GNU parallel recipes of docs/scale-out.md, run here: a region classified in 4 shards by
# `parallel` (on this machine, and through parallel's --sshlogin path with a stand-in for ssh
# that runs the remote command locally), merged with `coverage merge`, must be byte-identical
# to one unsharded run (result, summary, rejects), and aggregate / summary over the shards
# must equal the same over the one run. Two regions: the Jena sample (footprints, routes,
# rejects) and a synthetic region from tools/gen_synth of SHARDS_SYNTH_N addresses (default
# 100000 in CI; SHARDS_SYNTH_N=1000000 for the full-size check, which
# docs/benchmarks.md records).
set -euo pipefail
source tests/scripts/lib/summaries.sh
bin=$(realpath "$1")
gen=$(dirname "$bin")/tools/gen_synth
command -v parallel >/dev/null || { echo "skip: GNU parallel not installed (scripts/setup installs it)"; exit 77; }
[ -x "$gen" ] || { echo "FAIL: $gen not built (the tools are built with the project)"; exit 1; }
n=${SHARDS_SYNTH_N:-100000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# ssh stand-in: drops ssh's options and the host name and runs the command as a remote login
# shell would. sshd always sets SHELL (parallel's remote worker runs the command with $SHELL,
# and does nothing, with exit 0, when it is unset, as it is in a CI job started with a bare
# environment), so the stand-in sets it too.
cat >"$tmp/ssh" <<'SSH'
#!/bin/bash
while [ $# -gt 0 ]; do case "$1" in -o|-l|-p|-i) shift 2 ;; -*) shift ;; *) break ;; esac; done
shift
[ "${1:-}" = -- ] && shift
export SHELL=/bin/bash
exec bash -c "$*"
SSH
chmod +x "$tmp/ssh"

# check NAME DIR ARGS...: one run and 4 shards (locally and "over ssh"), merged, compared.
check() {
  local name=$1 dir=$2; shift 2
  mkdir -p "$dir/local" "$dir/ssh"
  "$bin" classify "$@" -q -o "$dir/one.csv" --summary "$dir/one.json" --rejects "$dir/one.rejects.csv"
  # The recipe, on this machine: two shards at a time (2 cores), each with one thread.
  parallel --will-cite --halt now,fail=1 -j 2 "$bin" classify "$@" --shard {}/4 --threads 1 -q \
    -o "$dir/local/shard-{}.csv" --summary "$dir/local/shard-{}.json" --rejects "$dir/local/shard-{}.rejects.csv" \
    ::: 0 1 2 3
  # The same through parallel's remote path (two "hosts", a shared folder as --workdir).
  parallel --will-cite --halt now,fail=1 --ssh "$tmp/ssh" --sshlogin 1/hostA,1/hostB --workdir "$PWD" \
    "$bin" classify "$@" --shard {}/4 --threads 1 -q \
    -o "$dir/ssh/shard-{}.csv" --summary "$dir/ssh/shard-{}.json" --rejects "$dir/ssh/shard-{}.rejects.csv" \
    ::: 0 1 2 3
  for via in local ssh; do
    for i in 0 1 2 3; do
      [ -s "$dir/$via/shard-$i.json" ] || fail "$name ($via): parallel exited 0 but shard $i wrote no summary"
    done
    "$bin" merge -q -o "$dir/$via/merged.csv" --summary "$dir/$via/merged.json" --rejects "$dir/$via/merged.rejects.csv" \
      "$dir/$via"/shard-*.json
    cmp "$dir/$via/merged.csv" "$dir/one.csv" || fail "$name ($via): merged result differs from one run"
    same_run_summary "$dir/$via/merged.json" "$dir/one.json" || fail "$name ($via): merged summary differs from one run"
    cmp "$dir/$via/merged.rejects.csv" "$dir/one.rejects.csv" || fail "$name ($via): merged rejects differ"
  done
  cmp "$dir/local/shard-2.csv" "$dir/ssh/shard-2.csv" || fail "$name: a shard differs between local and ssh runs"
  # Area statistics over the set of shards equal those over the one run.
  for mode in "--grid 1km" "--clusters 100"; do
    # shellcheck disable=SC2086
    "$bin" aggregate $mode -q -o "$dir/agg_one.csv" --overwrite "$dir/one.csv"
    # shellcheck disable=SC2086
    "$bin" aggregate $mode -q -o "$dir/agg_shards.csv" --overwrite "$dir"/local/shard-?.csv
    cmp "$dir/agg_one.csv" "$dir/agg_shards.csv" || fail "$name: aggregate $mode over the shards differs"
  done
  "$bin" summary --format csv "$dir/one.csv" >"$dir/sum_one.csv"
  "$bin" summary --format csv "$dir"/local/shard-?.csv >"$dir/sum_shards.csv"
  cmp "$dir/sum_one.csv" "$dir/sum_shards.csv" || fail "$name: summary over the shards differs"
  echo "ok: $name: 4 shards via GNU parallel (local and --sshlogin) merged == one run; aggregate and summary agree"
}

J=sample_data/jena
jena=(--addresses $J/addresses.csv --crs EPSG:25832)
for f in $J/offers_*.csv; do jena+=(--offers "$f"); done
jena+=(--footprints $J/footprints_cable.geojson --footprints $J/footprints_wfp.geojson --routes $J/routes_fibre.geojson
  --routes $J/routes_ducts.geojson --route-distance 50 --working-crs EPSG:25832 --keep district --as-of 2026-06-30)
check jena "$tmp/jena" "${jena[@]}"

"$gen" --addresses "$n" --out "$tmp/synth-data" >/dev/null 2>&1
S=$tmp/synth-data
check "synthetic $n" "$tmp/synth" --addresses "$S/addresses.csv" --crs EPSG:25832 --offers "$S/offers.csv" \
  --footprints "$S/footprints.geojson" --as-of 2025-12-31
