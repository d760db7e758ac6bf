#!/usr/bin/env bash
# Every ```sh block of README.md runs as written, in order, in one scratch folder that looks
# like a fresh clone after scripts/demo (sample_data/, tests/data/, and build/coverage = the
# binary under test). A block preceded by a line `<!-- not run: REASON -->` is skipped (keep
# these few, each with its reason). Each block runs with `bash -e`: any failing command
# fails the test, and the block's output is shown.
set -u
bin=$(realpath "$1")
repo=$(pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/build"
ln -s "$bin" "$tmp/build/coverage"
for d in sample_data tests lib docs; do ln -s "$repo/$d" "$tmp/$d"; done
# What scripts/demo writes (demo-output/), with the binary under test.
COVERAGE_BIN="$bin" "$repo/scripts/demo" "$tmp/demo-output" >"$tmp/demo.log" 2>&1 ||
  { echo "scripts/demo failed:"; tail -20 "$tmp/demo.log"; exit 1; }
mkdir -p "$tmp/blocks"
# Extract the blocks: blocks/NN.sh, or blocks/NN.skip holding the reason.
awk -v dir="$tmp/blocks" '
  /^<!-- not run:/ { reason = $0; next }
  /^```sh[ \t]*$/ { n++; f = sprintf("%s/%02d.%s", dir, n, reason ? "skip" : "sh");
                    if (reason) print reason > f; inblock = 1; reason = ""; next }
  /^```/ && inblock { inblock = 0; close(f); next }
  inblock && f ~ /\.sh$/ { print > f; next }
  inblock { next }
  NF { reason = "" }
' "$repo/README.md"
ran=0; skipped=0; fail=0
for f in "$tmp"/blocks/*; do
  n=$(basename "$f")
  if [[ $f == *.skip ]]; then
    skipped=$((skipped + 1)); echo "block ${n%.skip}: skipped ($(sed 's/^<!-- not run: *//; s/ *-->$//' "$f"))"
    continue
  fi
  ran=$((ran + 1))
  if ! (cd "$tmp" && bash -e "$f") >"$tmp/log" 2>&1; then
    echo "README block ${n%.sh} failed:"; sed 's/^/    /' "$f"; echo "  output:"; tail -20 "$tmp/log" | sed 's/^/    /'
    fail=1
  fi
done
echo "README: ran $ran blocks, skipped $skipped"
[ $ran -gt 0 ] || { echo "no sh blocks found in README.md"; exit 1; }
exit $fail
