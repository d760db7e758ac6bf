#!/usr/bin/env bash
# A full disk: every output format fails with "write failed (No space left on device)",
# exit 1, and leaves no file at all in the full folder (no truncated map, no temp file).
# Needs a small tmpfs: root can mount one (CI runs as root); otherwise the test is skipped.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d); trap 'umount "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/full"
if ! mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
  echo "SKIP: cannot mount a 64 KiB tmpfs (needs root) to simulate a full disk"; exit 77
fi
# 5,000 addresses: ~360 KB of CSV output, far more than 64 KiB in every format.
awk 'BEGIN { print "id,x,y"; for (i = 0; i < 5000; i++) printf "a%d,%d,%d\n", i, 681000 + i % 100 * 10, 5644000 + int(i / 100) * 10 }' \
  > "$tmp/addresses.csv"
fail=0
run() {  # run NAME EXPECTED_STDERR ARGS...
  local name=$1 want=$2; shift 2
  (cd "$tmp" && "$bin" classify --addresses addresses.csv --crs EPSG:25832 --as-of 2025-12-31 -q "$@" 2>err); local rc=$?
  [ "$rc" = 1 ] || { echo "$name: exit $rc, expected 1"; fail=1; }
  [ "$(cat "$tmp/err")" = "$want" ] || { echo "$name: stderr: $(cat "$tmp/err")"; echo "  expected: $want"; fail=1; }
  [ -z "$(ls -A "$tmp/full")" ] || { echo "$name: left behind: $(ls -A "$tmp/full")"; fail=1; }
  rm -f "$tmp"/out.* "$tmp"/rejects.csv
}
for ext in csv geojson gpkg fgb; do
  run "$ext" "coverage classify: full/out.$ext: write failed (No space left on device)" -o "full/out.$ext"
done
# Main output fits elsewhere, the rejects do not: the main output must not appear either.
printf 'id,x,y\n' > "$tmp/bad.csv"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "r%d,,5644000\n", i; print "ok,681000,5644000" }' >> "$tmp/bad.csv"
(cd "$tmp" && "$bin" classify --addresses bad.csv --crs EPSG:25832 --as-of 2025-12-31 -q -o out.csv \
   --rejects full/rejects.csv 2>err); rc=$?
[ "$rc" = 1 ] || { echo "rejects: exit $rc, expected 1"; fail=1; }
[ "$(cat "$tmp/err")" = "coverage classify: full/rejects.csv: write failed (No space left on device)" ] ||
  { echo "rejects: stderr: $(cat "$tmp/err")"; fail=1; }
[ ! -e "$tmp/out.csv" ] || { echo "rejects: out.csv was written although the run failed"; fail=1; }
[ -z "$(ls -A "$tmp/full")" ] || { echo "rejects: left behind: $(ls -A "$tmp/full")"; fail=1; }
# Standard output on a full device.
(cd "$tmp" && "$bin" classify --addresses addresses.csv --crs EPSG:25832 --as-of 2025-12-31 -q -o - >/dev/full 2>err); rc=$?
[ "$rc" = 1 ] || { echo "stdout: exit $rc, expected 1"; fail=1; }
[ "$(cat "$tmp/err")" = "coverage classify: -: write failed (No space left on device)" ] ||
  { echo "stdout: stderr: $(cat "$tmp/err")"; fail=1; }
exit $fail
