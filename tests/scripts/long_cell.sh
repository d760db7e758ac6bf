#!/usr/bin/env bash
# A 1 MB cell (here in the street column, as an unclosed quote would make it) rejects its
# row with the field's name and length; the other rows are used.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{ echo "id,x,y,street"
  printf 'b1,681000,5644000,'; head -c 1048576 /dev/zero | tr '\0' 'S'; echo
  echo "b2,681010,5644000,Am Anger"; } > "$tmp/long.csv"
"$bin" classify --addresses "$tmp/long.csv" --crs EPSG:25832 --as-of 2025-12-31 -q -o "$tmp/out.csv" \
  --rejects "$tmp/rejects.csv" || { echo "exit $?, expected 0"; exit 1; }
want="file,row,field,value,reason
$tmp/long.csv,2,,,field 'street' is 1048576 bytes long (the limit is 65536); a quote is probably not closed"
[ "$(cat "$tmp/rejects.csv")" = "$want" ] || { echo "rejects differ:"; cat "$tmp/rejects.csv"; exit 1; }
[ "$(cut -d, -f1 "$tmp/out.csv" | tr '\n' ' ')" = "id b2 " ] || { echo "output ids differ:"; cut -d, -f1 "$tmp/out.csv"; exit 1; }
