#!/usr/bin/env bash
# The Slurm recipe of docs/scale-out.md on a real single-node Slurm started here: a private
# munged (own key and socket) and slurmctld + slurmd (own slurm.conf, ports, spool and state in
# a temp dir; no accounting, no cgroups) run as root in the background; the Jena sample is
# classified as a job array of 4 shards (docs/scale-out/classify-shard.sbatch), merged by a job
# that depends on the array (merge.sbatch), and the merged result, summary and rejects must
# be byte-identical to one unsharded run; aggregate over the shards equals aggregate over the
# one run. Every daemon is stopped and the temp dir removed on exit (trap). Exit 77 (skip)
# only when Slurm cannot run here at all: not root, or the packages are missing.
set -euo pipefail
source tests/scripts/lib/summaries.sh
bin=$(realpath "$1")
repo=$(pwd)
[ "$(id -u)" -eq 0 ] || { echo "skip: starting munged and slurmd needs root (CI runs as root)"; exit 77; }
for b in munged slurmctld slurmd sbatch sinfo scancel; do
  command -v "$b" >/dev/null || { echo "skip: $b not installed (scripts/setup installs slurm-wlm and munge)"; exit 77; }
done

tmp=$(mktemp -d /tmp/coverage-slurm.XXXXXX)
chmod 700 "$tmp"
pids=()
cleanup() {
  set +e
  [ -f "$tmp/slurm.conf" ] && SLURM_CONF=$tmp/slurm.conf timeout 10 scancel --quiet --user=root >/dev/null 2>&1
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$tmp"/*.log "$tmp"/jobs/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }; done
  exit 1
}

# Ports: a free pair, so parallel test runs and other users of this machine do not collide.
port=$(python3 -c 'import socket
for p in range(20000, 30000, 2):
    ok = True
    for q in (p, p + 1):
        s = socket.socket()
        try: s.bind(("127.0.0.1", q))
        except OSError: ok = False
        finally: s.close()
    if ok: print(p); break')
host=$(hostname -s)
mkdir -p "$tmp"/{state,spool,jobs,shards,munge}
chmod 700 "$tmp/munge"

# munge: a fresh key, its own socket, run in the foreground (killed by the trap).
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
munged -F --force --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
  --log-file="$tmp/munged.log" >>"$tmp/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$tmp/munge/munge.socket" ] || fail "munged did not start"

cat >"$tmp/slurm.conf" <<CONF
ClusterName=coveragetest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
MinJobAge=600
NodeName=$host CPUs=2 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
printf 'CgroupPlugin=cgroup/v1\nIgnoreSystemd=yes\n' >"$tmp/cgroup.conf"
export SLURM_CONF=$tmp/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$tmp/slurmd.out.log" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1 || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the Slurm node did not come up (state '$state')"

J=$repo/sample_data/jena
classify_args=(--addresses "$J/addresses.csv" --crs EPSG:25832)
for f in "$J"/offers_*.csv; do classify_args+=(--offers "$f"); done
classify_args+=(--footprints "$J/footprints_cable.geojson" --footprints "$J/footprints_wfp.geojson"
  --routes "$J/routes_fibre.geojson" --route-distance 50 --working-crs EPSG:25832 --keep district --as-of 2026-06-30)

# The recipe: an array of 4 shards, then the merge job depending on it.
export COVERAGE=$bin SHARD_FORMAT=gpkg
cd "$tmp/jobs"
jid=$(timeout 60 sbatch --parsable --array=0-3 "$repo/docs/scale-out/classify-shard.sbatch" "$tmp/shards" "${classify_args[@]}") ||
  fail "sbatch of the array failed"
timeout 600 sbatch --wait --dependency=afterok:"$jid" --kill-on-invalid-dep=yes \
  "$repo/docs/scale-out/merge.sbatch" "$tmp/shards" "$tmp/merged.gpkg" >/dev/null || fail "the merge job failed"
cd "$repo"
ls "$tmp"/shards/shard-{0,1,2,3}.gpkg >/dev/null || fail "the array did not write 4 shards"

"$bin" classify "${classify_args[@]}" -q -o "$tmp/one.gpkg" --summary "$tmp/one.summary.json" --rejects "$tmp/one.rejects.csv"
cmp "$tmp/merged.gpkg" "$tmp/one.gpkg" || fail "merged GeoPackage differs from one run"
same_run_summary "$tmp/merged.summary.json" "$tmp/one.summary.json" || fail "merged summary differs from one run"
cmp "$tmp/merged.rejects.csv" "$tmp/one.rejects.csv" || fail "merged rejects differ from one run"
"$bin" aggregate --grid 1km -q -o "$tmp/cells_one.csv" "$tmp/one.gpkg"
"$bin" aggregate --grid 1km -q -o "$tmp/cells_shards.csv" "$tmp"/shards/shard-*.gpkg
cmp "$tmp/cells_one.csv" "$tmp/cells_shards.csv" || fail "aggregate over the shards differs from one run"
echo "ok: Slurm array of 4 shards + dependent merge job == one run (GeoPackage, summary, rejects, aggregate)"
