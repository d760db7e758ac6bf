#!/usr/bin/env bash
# diff as a CI gate (issue 10 item 8): exit status as diff(1)/cmp(1) -- 0 same, 1 changed,
# 2 trouble -- for every --fail-on, on the hand-made fixture tests/data/diff (its README has
# the table of expected values, worked out from what each file changes).
set -uo pipefail
bin=$1
d=tests/data/diff
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fail=0
expect() {  # WANT_EXIT ARGS...
  local want=$1; shift
  "$bin" diff -q "$@" > "$out/stdout" 2> "$out/stderr"; local rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL: coverage diff $*: exit $rc, want $want"; cat "$out/stderr"; fail=1; fi
}
#                       file               any class eligible
while read -r file any class eligible; do
  expect "$any" "$d/old.csv" "$d/$file"
  expect "$any" --fail-on any "$d/old.csv" "$d/$file"
  expect "$any" --fail-on-change "$d/old.csv" "$d/$file"
  expect "$class" --fail-on class "$d/old.csv" "$d/$file"
  expect "$eligible" --fail-on eligible "$d/old.csv" "$d/$file"
  expect 0 --fail-on none "$d/old.csv" "$d/$file"
  # The other way round: removed instead of added, the same verdicts.
  expect "$class" --fail-on class "$d/$file" "$d/old.csv"
  expect "$eligible" --fail-on eligible "$d/$file" "$d/old.csv"
done <<'TABLE'
old.csv            0 0 0
upload.csv         1 0 0
served_added.csv   1 1 0
white_added.csv    1 1 1
TABLE
# Trouble is 2, never 1 (which would read as "changed"): a missing file, a file that is not
# a result, an unwritable output, a bad option value, a missing --by column.
expect 2 "$d/old.csv" "$out/missing.csv"
expect 2 "$d/old.csv" "$d/README.md"
expect 2 -o /nonexistent/dir/changes.csv "$d/old.csv" "$d/upload.csv"
expect 2 --fail-on upload "$d/old.csv" "$d/upload.csv"
expect 2 --by district "$d/old.csv" "$d/upload.csv"
expect 2 --fail-on-change --fail-on class "$d/old.csv" "$d/upload.csv"
# Not comparable: a warning per difference (exit by the rows: 0 here), exit 2 with --strict.
expect 0 "$d/old.csv" "$d/other_profile.csv"
[ "$(grep -c 'warning' "$out/stderr")" = 2 ] || { echo "FAIL: want 2 warnings (profile, as-of)"; cat "$out/stderr"; fail=1; }
grep -q "different profiles: OLD gigabit version 2026.1, NEW de-gigabit-2023 version 2023.1" "$out/stderr" || { echo "FAIL: profile warning"; fail=1; }
grep -q "different as-of dates: OLD 2026-06-30, NEW 2026-12-31" "$out/stderr" || { echo "FAIL: as-of warning"; fail=1; }
expect 2 --strict "$d/old.csv" "$d/other_profile.csv"
grep -q "are not comparable" "$out/stderr" || { echo "FAIL: --strict message"; cat "$out/stderr"; fail=1; }
expect 0 "$d/old.csv" "$d/legacy.csv"
grep -q "NEW does not record its profile" "$out/stderr" || { echo "FAIL: legacy warning"; cat "$out/stderr"; fail=1; }
expect 2 --strict "$d/old.csv" "$d/legacy.csv"
expect 0 --strict "$d/old.csv" "$d/old.csv"
# The run stamp round-trips through classify's outputs: CSV, GeoJSON, GeoPackage and
# FlatGeobuf results of one run are comparable with each other (no warning) and equal.
for ext in csv geojson gpkg fgb; do
  "$bin" classify --addresses tests/data/conformance/addresses.csv --crs EPSG:25832 \
    --offers tests/data/conformance/offers.csv --profile de-gigabit-2023 --as-of 2026-03-31 -o "$out/r.$ext" -q ||
    { echo "FAIL: classify -o r.$ext"; fail=1; }
done
ver=$("$bin" profiles | awk '$1 == "de-gigabit-2023" {print $2}')
for ext in geojson gpkg fgb; do
  expect 0 --strict "$out/r.csv" "$out/r.$ext"
  [ -s "$out/stderr" ] && { echo "FAIL: r.csv vs r.$ext warns"; cat "$out/stderr"; fail=1; }
  "$bin" diff --format json "$out/r.csv" "$out/r.$ext" > "$out/j.json" 2>&1
  grep -q '"runs": \[{"profile": "de-gigabit-2023", "profile_version": "'"$ver"'", "as_of": "2026-03-31", "coverage_version": "' "$out/j.json" ||
    { echo "FAIL: r.$ext run stamp"; cat "$out/j.json"; fail=1; }
done
exit $fail
