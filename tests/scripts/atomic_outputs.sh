#!/usr/bin/env bash
# A failed run leaves every previous output as it was and no temporary file: an existing
# output without --overwrite, a bad input after the outputs were opened, a bad --summary path.
set -u
bin=$(realpath "$1")
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME WANT_RC WANT_STDERR RC
  [ "$4" = "$2" ] || { echo "$1: exit $4, expected $2"; fail=1; }
  [ "$(cat "$tmp/err")" = "$3" ] || { echo "$1: stderr: $(cat "$tmp/err")"; echo "   expected: $3"; fail=1; }
  for f in out.csv out.geojson rejects.csv summary.json; do
    [ "$(cat "$tmp/$f")" = "old $f" ] || { echo "$1: $f was changed"; fail=1; }
  done
  left=$(find "$tmp" -name '.*.tmp*')
  [ -z "$left" ] || { echo "$1: temporary files left: $left"; fail=1; }
}
for f in out.csv out.geojson rejects.csv summary.json; do echo "old $f" > "$tmp/$f"; done
a="$root/tests/data/bad/addresses.csv"

(cd "$tmp" && "$bin" classify --addresses "$a" --crs EPSG:25832 --as-of 2025-12-31 -q -o out.csv 2>err); rc=$?
check no_overwrite 1 "coverage classify: out.csv: exists; pass --overwrite to replace it" $rc

(cd "$tmp" && "$bin" classify --addresses "$a" --crs EPSG:25832 --as-of 2025-12-31 -q -o new.csv --rejects rejects.csv 2>err); rc=$?
check no_overwrite_rejects 1 "coverage classify: rejects.csv: exists; pass --overwrite to replace it" $rc
[ ! -e "$tmp/new.csv" ] || { echo "no_overwrite_rejects: new.csv written"; fail=1; rm -f "$tmp/new.csv"; }

# The offers file fails after the output was opened (it is opened before the offers are read).
for ext in csv geojson; do
  (cd "$tmp" && "$bin" classify --addresses "$a" --crs EPSG:25832 --offers "$root/tests/data/bad/no_provider_column.csv" \
     --as-of 2025-12-31 -q --overwrite -o out.$ext --rejects rejects.csv --summary summary.json 2>err); rc=$?
  check "bad_offers_$ext" 1 "coverage classify: $root/tests/data/bad/no_provider_column.csv: no provider column (accepted names: provider, operator, network_operator, netzbetreiber, betreiber, anbieter, carrier, isp; case, spaces and a unit in brackets are ignored); name it with --provider-field (columns are: address_id, technology, down_mbps)" $rc
done

(cd "$tmp" && "$bin" classify --addresses "$a" --crs EPSG:25832 --as-of 2025-12-31 -q --overwrite -o out.csv \
   --rejects rejects.csv --summary nowhere/summary.json 2>err); rc=$?
check bad_summary_path 1 "coverage classify: nowhere/summary.json: folder 'nowhere' does not exist; create it first" $rc

# --strict with rejects: a failed run writes nothing, rejects included (all outputs or none),
# so the rerun needs no --overwrite; the rejects are listed on stderr instead.
(cd "$tmp" && "$bin" classify --addresses "$root/tests/data/bad/ids.csv" --crs EPSG:25832 --as-of 2025-12-31 -q \
   --overwrite --strict -o out.csv --summary summary.json --rejects new_rejects.csv 2>err); rc=$?
check strict 1 "file,row,field,value,reason
$root/tests/data/bad/ids.csv,3,id,b1,duplicate address id (first at line 2); ids must be unique
$root/tests/data/bad/ids.csv,4,id,,empty address id
$root/tests/data/bad/ids.csv,5,id,,empty address id
coverage classify: --strict: input rows rejected: 3 (listed above); no output written, --rejects included; run without --strict to write them" $rc
[ ! -e "$tmp/new_rejects.csv" ] || { echo "strict: new_rejects.csv written by a failed run"; fail=1; }
# The rerun without --strict and without --overwrite writes the rejects (3 rows and a header).
(cd "$tmp" && "$bin" classify --addresses "$root/tests/data/bad/ids.csv" --crs EPSG:25832 --as-of 2025-12-31 -q \
   -o rerun.csv --rejects new_rejects.csv 2>err); rc=$?
[ "$rc" = 0 ] || { echo "strict rerun: exit $rc: $(cat "$tmp/err")"; fail=1; }
[ "$(wc -l < "$tmp/new_rejects.csv")" = 4 ] || { echo "strict rerun: new_rejects.csv should hold a header and 3 rows"; fail=1; }
exit $fail
