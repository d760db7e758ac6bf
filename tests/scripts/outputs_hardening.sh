#!/usr/bin/env bash
# Issue 11, items 1-9: inputs and outputs never destroy each other, temporary files cannot be
# redirected, only regular files are replaced, --overwrite keeps the mode. Each case asserts
# the exit code, the exact message, and that no file was changed or left behind.
set -u
bin=$(realpath "$1")
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
A=(--addresses "$root/tests/data/conformance/addresses.csv" --crs EPSG:25832 --as-of 2025-12-31 -q)
R=$root/tests/data/aggregate/results.csv
expect() {  # expect NAME WANT_RC WANT_STDERR RC
  [ "$4" = "$2" ] || { echo "$1: exit $4, expected $2"; fail=1; }
  [ "$(cat "$tmp/err")" = "$3" ] || { echo "$1: stderr: $(cat "$tmp/err")"; echo "   expected: $3"; fail=1; }
}
no_temp() {
  left=$(find "$tmp" -name '.*.tmp*')
  [ -z "$left" ] || { echo "$1: temporary files left: $left"; fail=1; }
}
run() { (cd "$tmp" && "$bin" "$@" 2>err); }

# 1. An output that is also an input (the README's old aggregate example), also via a link.
cp "$root/tests/data/aggregate/areas.geojson" "$tmp/districts.geojson"
before=$(sha256sum < "$tmp/districts.geojson")
run aggregate --areas districts.geojson --area-id name -o districts.geojson --overwrite "$R"; rc=$?
expect output_is_input 2 "coverage aggregate: districts.geojson: is also an input (districts.geojson); writing it would destroy the input, so name another output file" $rc
ln -s districts.geojson "$tmp/link.geojson"
run aggregate --areas districts.geojson --area-id name -o link.geojson --overwrite "$R"; rc=$?
expect output_is_input_via_link 2 "coverage aggregate: link.geojson: is also an input (districts.geojson); writing it would destroy the input, so name another output file" $rc
[ "$(sha256sum < "$tmp/districts.geojson")" = "$before" ] || { echo "output_is_input: the input was changed"; fail=1; }
cp "$R" "$tmp/old.csv"; cp "$R" "$tmp/new.csv"
run diff -o old.csv old.csv new.csv --overwrite; rc=$?
expect diff_output_is_old 2 "coverage diff: old.csv: is also an input (old.csv); writing it would destroy the input, so name another output file" $rc
cmp -s "$R" "$tmp/old.csv" || { echo "diff_output_is_old: old.csv was changed"; fail=1; }
rm "$tmp/link.geojson"
no_temp inputs

# 2. -o onto a symbolic link (refused, the link and its target kept) and onto a FIFO.
echo "target" > "$tmp/real.csv"; ln -s real.csv "$tmp/out.csv"
run classify "${A[@]}" -o out.csv --overwrite; rc=$?
expect symlink 1 "coverage classify: out.csv: is a symbolic link to $(realpath "$tmp/real.csv"); outputs replace only regular files, so name the file itself" $rc
[ -L "$tmp/out.csv" ] && [ "$(cat "$tmp/real.csv")" = target ] || { echo "symlink: link or target changed"; fail=1; }
rm "$tmp/out.csv" "$tmp/real.csv"
mkfifo "$tmp/fifo.csv"
run classify "${A[@]}" -o fifo.csv --overwrite; rc=$?
expect fifo 1 "coverage classify: fifo.csv: is a FIFO (named pipe), not a regular file; outputs replace only regular files (write to standard output with - instead)" $rc
[ -p "$tmp/fifo.csv" ] || { echo "fifo: replaced"; fail=1; }
rm "$tmp/fifo.csv"

# 4. One file named twice for outputs, spelled differently: before anything is read or written.
run classify "${A[@]}" -o out.csv --summary ./out.csv; rc=$?
expect two_spellings 2 "coverage classify: ./out.csv: is the same file as out.csv, named for two outputs; give each output its own file" $rc
run classify "${A[@]}" -o out.csv --rejects "$tmp/out.csv"; rc=$?
expect absolute_relative 2 "coverage classify: $tmp/out.csv: is the same file as out.csv, named for two outputs; give each output its own file" $rc
echo "old" > "$tmp/out.csv"; ln -s out.csv "$tmp/alias.csv"
run classify "${A[@]}" -o out.csv --summary alias.csv --overwrite; rc=$?
expect through_link 2 "coverage classify: alias.csv: is the same file as out.csv, named for two outputs; give each output its own file" $rc
[ "$(cat "$tmp/out.csv")" = old ] || { echo "through_link: out.csv changed"; fail=1; }
rm "$tmp/alias.csv" "$tmp/out.csv"
run diff -o x.csv --matrix x.csv "$R" "$R"; rc=$?
expect diff_matrix_same 2 "coverage diff: x.csv: named for two outputs; give each output its own file" $rc
no_temp twice
[ -z "$(ls "$tmp" | grep -v -e '^err$' -e '^districts.geojson$' -e '^old.csv$' -e '^new.csv$')" ] ||
  { echo "refused runs left files: $(ls "$tmp")"; fail=1; }

# 5. A legal 250-byte name works; a 256-byte one fails before the (missing) input is read;
#    --summary - with stdout closed fails before the main output is written.
long=$(printf 'n%.0s' $(seq 246)).csv
run classify "${A[@]}" -o "$long"; rc=$?
expect name_250 0 "" $rc
[ -s "$tmp/$long" ] || { echo "name_250: not written"; fail=1; }
rm -f "$tmp/$long"
toolong=$(printf 'n%.0s' $(seq 252)).csv
run classify --addresses missing.csv --crs EPSG:25832 --as-of 2025-12-31 -q -o "$toolong"; rc=$?
expect name_256 1 "coverage classify: $toolong: the file name is 256 bytes long; the file system allows 255" $rc
(cd "$tmp" && "$bin" classify "${A[@]}" -o out.csv --summary - 2>err >&-); rc=$?
expect stdout_closed 1 "coverage classify: -: standard output is closed; give a file name instead of -" $rc
[ ! -e "$tmp/out.csv" ] || { echo "stdout_closed: out.csv written"; fail=1; rm -f "$tmp/out.csv"; }

# 6. A symlink planted at the old predictable temporary name (.NAME.tmpPID.ext) of the
#    summary redirects nothing: exec keeps the shell's PID, so the name is the one the old
#    code would have used.
echo "victim" > "$tmp/victim"
(cd "$tmp" && sh -c 'ln -s victim .summary.json.tmp$$.json; exec "$0" "$@"' "$bin" classify "${A[@]}" -o o6.csv --summary summary.json 2>err); rc=$?
expect planted_link 0 "" $rc
[ "$(cat "$tmp/victim")" = victim ] || { echo "planted_link: the victim file was written"; fail=1; }
grep -q '"addresses": 23' "$tmp/summary.json" || { echo "planted_link: summary.json not written"; fail=1; }
rm -f "$tmp"/.summary.json.tmp* "$tmp/victim" "$tmp/o6.csv" "$tmp/summary.json"

# 7. A device node is never replaced, even with --overwrite (root only: mknod).
mkdir "$tmp/fakedev"
if mknod "$tmp/fakedev/null" c 1 3 2>/dev/null; then
  run classify "${A[@]}" -o o7.csv --summary fakedev/null --overwrite; rc=$?
  expect device 1 "coverage classify: fakedev/null: is a device, not a regular file; outputs replace only regular files (write to standard output with - instead)" $rc
  [ -c "$tmp/fakedev/null" ] || { echo "device: replaced"; fail=1; }
  [ ! -e "$tmp/o7.csv" ] || { echo "device: o7.csv written"; fail=1; }
else
  echo "device: skipped (mknod needs root)"
fi
mkdir "$tmp/adir.csv"
run classify "${A[@]}" -o adir.csv --overwrite; rc=$?
expect directory 1 "coverage classify: adir.csv: is a folder; give a file name" $rc

# 8. --overwrite keeps the mode of the file it replaces.
echo old > "$tmp/o8.csv"; chmod 600 "$tmp/o8.csv"
run classify "${A[@]}" -o o8.csv --overwrite; rc=$?
expect keep_mode 0 "" $rc
[ "$(stat -c %a "$tmp/o8.csv")" = 600 ] || { echo "keep_mode: mode is $(stat -c %a "$tmp/o8.csv"), expected 600"; fail=1; }
[ "$(head -c 3 "$tmp/o8.csv")" = "id," ] || { echo "keep_mode: not replaced"; fail=1; }
no_temp end
exit $fail
