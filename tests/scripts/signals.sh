#!/usr/bin/env bash
# SIGTERM and SIGINT in the middle of writing a large output: the process dies by that
# signal (shell status 128 + signal), leaves no temporary folder (.NAME.tmp*/), and a previous
# output of the same name (replaced only on success, --overwrite) is untouched.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rows=${COVERAGE_SIGNAL_ROWS:-1000000}
awk -v n="$rows" 'BEGIN { print "id,x,y,units"; for (i = 0; i < n; i++) printf "a%07d,%d,%d,1\n", i, 600000 + i % 1000 * 10, 5600000 + int(i / 1000) * 10 }' \
  > "$tmp/addresses.csv"
fail=0
for case in "TERM csv" "INT csv" "TERM geojson"; do
  set -- $case; sig=$1; ext=$2
  echo "previous output" > "$tmp/out.$ext"
  before=$(sha256sum < "$tmp/out.$ext")
  # setsid: a shell starts background jobs with SIGINT ignored; a fresh session does not.
  (cd "$tmp" && exec setsid "$bin" classify --addresses addresses.csv --crs EPSG:25832 --as-of 2025-12-31 -q \
     --overwrite -o "out.$ext" 2>"$tmp/err") &
  pid=$!
  # Wait until the temporary output has data: the signal then lands in the middle of writing.
  start=$SECONDS
  while [ $((SECONDS - start)) -lt 300 ]; do  # generous: sanitizer builds on a busy machine
    t=$(find "$tmp" -path "*/.out.$ext.tmp*" -type f -size +0 | head -1)
    [ -n "$t" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$t" ]; then echo "$sig $ext: the temporary output never appeared (finished too early?)"; fail=1; wait "$pid"; continue; fi
  kill -s "$sig" "$pid"
  wait "$pid"; rc=$?
  want=$((128 + $(kill -l "$sig")))
  [ "$rc" = "$want" ] || { echo "$sig $ext: status $rc, expected $want (killed by SIG$sig)"; fail=1; }
  left=$(find "$tmp" -maxdepth 1 -name ".out.$ext*")
  [ -z "$left" ] || { echo "$sig $ext: temporary files left: $left"; fail=1; }
  [ "$(sha256sum < "$tmp/out.$ext")" = "$before" ] || { echo "$sig $ext: the previous out.$ext was changed"; fail=1; }
  [ -s "$tmp/err" ] && { echo "$sig $ext: unexpected stderr: $(head -3 "$tmp/err")"; fail=1; }
done
exit $fail
