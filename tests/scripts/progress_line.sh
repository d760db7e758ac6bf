#!/usr/bin/env bash
# The progress line: on a terminal (a pty from `script`) a run shows "coverage classify:
# <phase>[, N rows] (T s)" redrawn with \r once it has taken longer than the delay (1 s; here
# COVERAGE_PROGRESS_DELAY_MS=0 so a short run shows it), cleared before the summary; a run
# shorter than the default second shows none; --quiet shows none; without a terminal (every
# other test) stderr has no progress at all.
set -u
bin=$1
command -v script >/dev/null || { echo "skip: no script(1) (util-linux) for a pty"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
f=sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv
run="$bin classify --offers $f --profile us-bead-2022 --as-of 2022-06-30 --overwrite -o $tmp/out.csv"
fail=0
COVERAGE_PROGRESS_DELAY_MS=0 script -qec "$run" /dev/null >"$tmp/tty.txt" 2>&1 ||
  { echo "run failed: $(tail -3 "$tmp/tty.txt")"; exit 1; }
grep -aqE $'\r\033\\[Kcoverage classify: [a-z]+.* \\([0-9]+ s\\)' "$tmp/tty.txt" ||
  { echo "no progress line on the terminal:"; od -c "$tmp/tty.txt" | head -20; fail=1; }
grep -aq $'\r\033\[Kprofile us-bead-2022' "$tmp/tty.txt" || { echo "line not cleared before the summary"; fail=1; }
# A run well under a second: the summary only.
script -qec "$run" /dev/null >"$tmp/short.txt" 2>&1
if grep -aq 'coverage classify: ' "$tmp/short.txt"; then echo "progress on a short run"; od -c "$tmp/short.txt" | head; fail=1; fi
COVERAGE_PROGRESS_DELAY_MS=0 script -qec "$run -q" /dev/null >"$tmp/quiet.txt" 2>&1
[ ! -s "$tmp/quiet.txt" ] || { echo "--quiet printed:"; od -c "$tmp/quiet.txt" | head; fail=1; }
COVERAGE_PROGRESS_DELAY_MS=0 $run 2>"$tmp/err"
if grep -q $'\r' "$tmp/err"; then echo "progress written to a non-terminal"; fail=1; fi
exit $fail
