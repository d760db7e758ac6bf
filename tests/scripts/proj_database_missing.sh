#!/usr/bin/env bash
# A valid EPSG code that PROJ cannot look up because its database is missing (or, under a
# memory limit, cannot be opened) is the machine's problem, not the user's: one line naming
# PROJ's database and the fix, exit 1 — never "unknown coordinate system" (exit 2), which
# would send the user to change a correct --crs. An unknown code stays a usage error.
set -u
bin=$(realpath "$1")
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
A=(--addresses "$root/tests/data/conformance/addresses.csv" --offers "$root/tests/data/conformance/offers.csv" --as-of 2025-12-31 -q)
(cd "$tmp" && PROJ_DATA=$tmp/none PROJ_LIB=$tmp/none exec "$bin" classify "${A[@]}" --crs EPSG:25832 -o out.csv 2>err); rc=$?
want="coverage classify: cannot look up the coordinate system 'EPSG:25832' in PROJ's database (PROJ: proj_create_from_database: Cannot find proj.db); check the PROJ installation (package proj-data, PROJ_DATA) or, if memory is limited, raise the limit (ulimit -v)"
[ "$rc" = 1 ] || { echo "missing proj.db: exit $rc, expected 1"; fail=1; }
[ "$(cat "$tmp/err")" = "$want" ] || { echo "missing proj.db: stderr: $(cat "$tmp/err")"; fail=1; }
[ ! -e "$tmp/out.csv" ] || { echo "missing proj.db: out.csv written"; fail=1; }
(cd "$tmp" && exec "$bin" classify "${A[@]}" --crs EPSG:999999 -o out.csv 2>err); rc=$?
[ "$rc" = 2 ] || { echo "unknown code: exit $rc, expected 2"; fail=1; }
[ "$(cat "$tmp/err")" = "coverage classify: unknown coordinate system 'EPSG:999999'; give an EPSG code such as EPSG:25832 or EPSG:4326" ] ||
  { echo "unknown code: stderr: $(cat "$tmp/err")"; fail=1; }
exit $fail
