#!/usr/bin/env bash
# Nothing silently dropped, checked independently of the reader: for messy inputs, the
# summary's read count equals the data lines counted by awk (non-blank lines after the
# header), read = used + rejected, and rejected equals that file's rows in the rejects file.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
d=tests/data/bad
fail=0
check_run() {  # check_run ADDRESSES CRS_ARGS... -- OFFERS...
  local addresses=$1; shift
  local crs=(); while [ "$1" != "--" ]; do crs+=("$1"); shift; done; shift
  local offers=(); for o in "$@"; do offers+=(--offers "$o"); done
  "$bin" classify --addresses "$addresses" "${crs[@]}" "${offers[@]}" --as-of 2025-12-31 -q --overwrite \
    -o "$tmp/out.csv" --summary "$tmp/summary.json" --rejects "$tmp/rejects.csv" ||
    { echo "$addresses: exit $?"; fail=1; return; }
  for f in "$addresses" "$@"; do
    local line read used rejected lines in_rejects
    line=$(grep -F "\"file\": \"$f\"" "$tmp/summary.json")
    read=$(sed -E 's/.*"read": ([0-9]+).*/\1/' <<<"$line")
    used=$(sed -E 's/.*"used": ([0-9]+).*/\1/' <<<"$line")
    rejected=$(sed -E 's/.*"rejected": ([0-9]+).*/\1/' <<<"$line")
    lines=$(awk 'NR > 1 && $0 !~ /^\r?$/ { n++ } END { print n + 0 }' "$f")
    in_rejects=$(grep -c "^$f," "$tmp/rejects.csv")
    [ "$read" = "$lines" ] || { echo "$f: read $read, but the file has $lines data lines"; fail=1; }
    [ "$read" = "$((used + rejected))" ] || { echo "$f: read $read != used $used + rejected $rejected"; fail=1; }
    [ "$rejected" = "$in_rejects" ] || { echo "$f: rejected $rejected, but $in_rejects rows in the rejects file"; fail=1; }
    echo "$f: read $read = used $used + rejected $rejected"
  done
}
check_run $d/messy_addresses.csv --crs EPSG:25832 -- $d/messy_offers.csv $d/offer_speeds.csv $d/header_only_offers.csv
check_run $d/addresses.csv --crs EPSG:25832 -- $d/offer_speeds.csv $d/offer_words.csv $d/offer_dates.csv
check_run $d/ids.csv --crs EPSG:25832 -- $d/ids_offers.csv
check_run $d/coords_projected.csv --crs EPSG:25832 --
check_run $d/coords_lonlat.csv --
check_run $d/nul_byte.csv --crs EPSG:25832 --
check_run $d/semicolon_decimal_comma.csv --crs EPSG:25832 --
exit $fail
