#!/usr/bin/env bash
# Issue 11, item 14: resource limits end in one line and exit 1, with no temporary file and
# no SQLite -journal left: ulimit -f (file size), ulimit -n (open files), ulimit -v (memory).
# The ulimit -v case is skipped under the sanitizer build (ASan reserves terabytes of
# address space, so any limit that lets it start changes what fails): ASAN_OPTIONS is set.
set -u
bin=$(realpath "$1")
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
A=(--addresses "$root/tests/data/conformance/addresses.csv" --crs EPSG:25832 --offers "$root/tests/data/conformance/offers.csv" --as-of 2025-12-31 -q)
clean() {
  left=$(find "$tmp" -name '.*.tmp*' -o -name '*-journal' -o -name '*-wal')
  [ -z "$left" ] || { echo "$1: left behind: $left"; fail=1; }
}
expect() {  # expect NAME WANT_RC WANT_STDERR RC
  [ "$4" = "$2" ] || { echo "$1: exit $4, expected $2"; fail=1; }
  [ "$(cat "$tmp/err")" = "$3" ] || { echo "$1: stderr: $(head -c 500 "$tmp/err")"; echo "   expected: $3"; fail=1; }
}

# ulimit -f 1 (1 KiB): every output of the 23 conformance addresses is larger.
for ext in csv geojson gpkg fgb; do
  (cd "$tmp" && ulimit -f 1 && exec "$bin" classify "${A[@]}" -o "out.$ext" 2>err); rc=$?
  expect "ulimit_f_$ext" 1 "coverage classify: out.$ext: write failed (File too large)" $rc
  [ ! -e "$tmp/out.$ext" ] || { echo "ulimit_f_$ext: out.$ext written"; fail=1; }
  clean "ulimit_f_$ext"
done
(cd "$tmp" && ulimit -f 1 && exec "$bin" classify "${A[@]}" -o small.csv --rejects rejects.csv --summary s.json --overwrite 2>err); rc=$?
expect ulimit_f_summary 1 "coverage classify: small.csv: write failed (File too large)" $rc
clean ulimit_f_summary

# ulimit -n 4: PROJ, GDAL and SQLite need more; said so instead of "unknown coordinate system".
# Descriptors inherited from the test runner are closed first: the limit caps fd numbers, and
# the dynamic loader needs one free to start the program at all.
# Not under the sanitizer build: its runtime needs descriptors of its own (symbolizer socket
# pairs, /proc/self/maps for UBSan's vptr check) and reports its own failures at 4.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "ulimit_n: skipped under the sanitizer build"
else
(cd "$tmp" && exec 2>err && for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done
 ulimit -n 4 && exec "$bin" classify "${A[@]}" -o n.csv); rc=$?
expect ulimit_n 1 "coverage classify: the open-file limit is 4 (ulimit -n); coverage needs at least 32" $rc
[ ! -e "$tmp/n.csv" ] || { echo "ulimit_n: n.csv written"; fail=1; }
fi

# ulimit -v: from a limit too small to start up to one that is enough, every run ends with
# exit 0 or exit 1 and one line naming memory, never a crash or an abort message of its own.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "ulimit_v: skipped under the sanitizer build"
else
  awk 'BEGIN { print "id,x,y,units"; for (i = 0; i < 200000; i++) printf "a%07d,%d,%d,1\n", i, 600000 + i % 1000 * 10, 5600000 + int(i / 1000) * 10 }' > "$tmp/big.csv"
  for kb in 250000 350000 450000 600000 800000; do
    (cd "$tmp" && ulimit -v $kb && exec "$bin" classify --addresses big.csv --crs EPSG:25832 --as-of 2025-12-31 -q \
       --threads 1024 -o "v$kb.gpkg" 2>err); rc=$?
    last=$(tail -n 1 "$tmp/err")
    if [ "$rc" = 0 ]; then
      [ -s "$tmp/v$kb.gpkg" ] || { echo "ulimit_v $kb: exit 0 without output"; fail=1; }
    elif [ "$rc" = 1 ]; then
      case "$last" in
        "coverage classify: out of memory; lower --threads, raise the memory limit (ulimit -v) or split the input into shards (see README)" | \
        "coverage classify: aborted inside a library (most likely out of memory); lower --threads or raise the memory limit (ulimit -v)" | \
        "coverage classify: out of memory inside GDAL; lower --threads, raise the memory limit (ulimit -v) or split the input" | \
        "coverage classify: cannot start a worker thread ("*"); lower --threads or raise the limits (ulimit -u, ulimit -v)" | \
        "coverage classify: cannot transform the addresses' coordinate system to WGS84 ("*")" | \
        "coverage classify: cannot look up the coordinate system 'EPSG:25832' in PROJ's database ("*"); check the PROJ installation (package proj-data, PROJ_DATA) or, if memory is limited, raise the limit (ulimit -v)" | \
        "coverage classify: crashed (segmentation fault), most likely out of memory inside a library; lower --threads or raise the memory limit (ulimit -v); if memory was not limited, please report it") ;;
        *) echo "ulimit_v $kb: last line: $last"; fail=1 ;;
      esac
      grep -q "terminate called" "$tmp/err" && { echo "ulimit_v $kb: std::terminate"; fail=1; }
      # Before ours, only a library's own last words, printed before it aborts and out of our
      # reach: GDAL's "FATAL: ..." and glibc's "Fatal glibc error: ..." (e.g. "failed to
      # register TLS destructor: out of memory" when a thread starts at the limit).
      [ -z "$(head -n -1 "$tmp/err" | grep -v -e '^FATAL: ' -e '^Fatal glibc error: ')" ] || { echo "ulimit_v $kb: stderr: $(head -c 500 "$tmp/err")"; fail=1; }
      [ ! -e "$tmp/v$kb.gpkg" ] || { echo "ulimit_v $kb: output written by a failed run"; fail=1; }
    else
      echo "ulimit_v $kb: exit $rc (a crash?): $(head -c 300 "$tmp/err")"; fail=1
    fi
    clean "ulimit_v $kb"
  done
fi
exit $fail
