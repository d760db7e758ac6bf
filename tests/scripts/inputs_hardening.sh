#!/usr/bin/env bash
# Issue 11, items 12, 13, 16, 17: inputs that change or are pipes, provenance hashes, CSV
# formula injection, huge headers. Expected hashes come from sha256sum over the same bytes.
set -u
bin=$(realpath "$1")
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
addr=$root/tests/data/conformance/addresses.csv
A=(--crs EPSG:25832 --as-of 2025-12-31 -q)
expect() {  # expect NAME WANT_RC WANT_STDERR RC
  [ "$4" = "$2" ] || { echo "$1: exit $4, expected $2"; fail=1; }
  [ "$(cat "$tmp/err")" = "$3" ] || { echo "$1: stderr: $(head -c 2000 "$tmp/err")"; echo "   expected: $3"; fail=1; }
}
sha_of() { sed -n "s/.*\"file\": \"$(printf '%s' "$2" | sed 's/[\/&.]/\\&/g')\", \"sha256\": \"\([0-9a-f]*\)\".*/\1/p" "$1"; }

# 13. A process substitution and a named FIFO whose writer has finished: read once, no hang.
(cd "$tmp" && timeout 60 "$bin" classify --addresses <(cat "$addr") "${A[@]}" -o sub.csv 2>err); rc=$?
expect process_substitution 0 "" $rc
[ "$(wc -l < "$tmp/sub.csv")" = 24 ] || { echo "process_substitution: expected 23 rows and a header"; fail=1; }
mkfifo "$tmp/fifo.csv"
(cat "$addr" > "$tmp/fifo.csv" &)
sleep 0.2  # the writer is blocked in open() until the reader comes; then it writes and ends
(cd "$tmp" && timeout 60 "$bin" classify --addresses fifo.csv "${A[@]}" -o fifo_out.csv --summary fifo.json 2>err); rc=$?
expect fifo 0 "" $rc
cmp -s "$tmp/sub.csv" "$tmp/fifo_out.csv" || { echo "fifo: output differs from the process substitution's"; fail=1; }
[ "$(sha_of "$tmp/fifo.json" fifo.csv)" = "" ] || { echo "fifo: a pipe cannot be read twice, its sha256 must be empty"; fail=1; }

# 12. A mapped input changed while it is read: the run is stopped as soon as the file is
#     mapped, the file is changed, the run continues. Truncated: SIGBUS, reported by name;
#     rewritten in place (same size): caught by size + modification time at the end.
awk 'BEGIN { print "id,x,y,units"; for (i = 0; i < 1000000; i++) printf "a%07d,%d,%d,1\n", i, 600000 + i % 1000 * 10, 5600000 + int(i / 1000) * 10 }' > "$tmp/big.csv"
cp "$tmp/big.csv" "$tmp/big.orig"
changed() {  # changed NAME HOW  (HOW: truncate | rewrite)
  cp "$tmp/big.orig" "$tmp/big.csv"
  (cd "$tmp" && exec "$bin" classify --addresses big.csv "${A[@]}" --threads 2 -o big_out.csv 2>err) &
  pid=$!
  for _ in $(seq 3000); do grep -q "big.csv" "/proc/$pid/maps" 2>/dev/null && break; sleep 0.005; done
  kill -STOP "$pid"
  if [ "$2" = truncate ]; then truncate -s 100 "$tmp/big.csv"
  else printf 'b' | dd of="$tmp/big.csv" bs=1 seek=30000000 conv=notrunc status=none; touch -d '+1 sec' "$tmp/big.csv"; fi
  kill -CONT "$pid"
  wait "$pid"; rc=$?
}
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "truncated: skipped under the sanitizer build (ASan owns SIGBUS)"
else
  changed truncated truncate
  [ "$rc" = 1 ] || { echo "truncated: exit $rc, expected 1"; fail=1; }
  case "$(cat "$tmp/err")" in
    "coverage classify: big.csv: the file was truncated while it was read (written to by another program?); rerun on a copy that does not change" | \
    "coverage classify: big.csv: the file changed while it was read (written to by another program?); rerun on a copy that does not change") ;;
    *) echo "truncated: stderr: $(head -c 500 "$tmp/err")"; fail=1 ;;
  esac
fi
changed rewritten rewrite
expect rewritten 1 "coverage classify: big.csv: the file changed while it was read (written to by another program?); rerun on a copy that does not change" $rc
[ ! -e "$tmp/big_out.csv" ] || { echo "changed input: big_out.csv written"; fail=1; }
left=$(find "$tmp" -name '.*.tmp*'); [ -z "$left" ] || { echo "changed input: temporary files left: $left"; fail=1; }
rm -f "$tmp/big.csv" "$tmp/big.orig"

# 16. Provenance: a Shapefile's hash covers its sidecars; /vsizip/ and /vsigzip/ hash the
#     decompressed bytes.
if command -v ogr2ogr >/dev/null; then
  ogr2ogr -f "ESRI Shapefile" -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:25832 "$tmp/a.shp" "$addr" 2>/dev/null
  (cd "$tmp" && "$bin" classify --addresses a.shp "${A[@]}" -o shp.csv --summary shp.json 2>err); rc=$?
  expect shapefile 0 "" $rc
  want=$(cd "$tmp" && cat a.shp a.shx a.dbf a.prj $( [ -e a.cpg ] && echo a.cpg) | sha256sum | cut -d' ' -f1)
  [ "$(sha_of "$tmp/shp.json" a.shp)" = "$want" ] || { echo "shapefile: sha256 $(sha_of "$tmp/shp.json" a.shp), expected $want (.shp .shx .dbf .prj .cpg)"; fail=1; }
else
  echo "shapefile: skipped (no ogr2ogr)"
fi
cp "$addr" "$tmp/addresses.csv"
(cd "$tmp" && zip -q a.zip addresses.csv && gzip -kn addresses.csv)
want=$(sha256sum < "$addr" | cut -d' ' -f1)
(cd "$tmp" && "$bin" classify --addresses /vsizip/a.zip/addresses.csv "${A[@]}" -o zip.csv --summary zip.json 2>err); rc=$?
expect vsizip 0 "" $rc
[ "$(sha_of "$tmp/zip.json" /vsizip/a.zip/addresses.csv)" = "$want" ] || { echo "vsizip: sha256 is not the decompressed file's"; fail=1; }
(cd "$tmp" && "$bin" classify --addresses /vsigzip/addresses.csv.gz "${A[@]}" -o gz.csv --summary gz.json 2>err); rc=$?
expect vsigzip 0 "" $rc
[ "$(sha_of "$tmp/gz.json" /vsigzip/addresses.csv.gz)" = "$want" ] || { echo "vsigzip: sha256 is not the decompressed file's"; fail=1; }

# 17. Formula injection: text cells starting with = + - @ get a leading ' in CSV outputs and
#     rejects; numbers such as -1.5 and +49 stay as they are.
printf 'id,x,y,units,note\n=HYPERLINK("http://x"),681000,5644000,1,-1.5\n@SUM(A1),681010,5644000,1,+49\n-cmd,681020,5644000,1,+cmd\nok,681030,5644000,zwei,=1+1\n' > "$tmp/inject.csv"
(cd "$tmp" && "$bin" classify --addresses inject.csv "${A[@]}" --keep note -o inject_out.csv --rejects inject_rejects.csv 2>err); rc=$?
expect formula 0 "" $rc
[ "$(cut -d, -f1 "$tmp/inject_out.csv" | tail -n +2 | tr '\n' ' ')" = "\"'=HYPERLINK(\"\"http://x\"\")\" '@SUM(A1) '-cmd " ] ||
  { echo "formula: ids: $(cut -d, -f1 "$tmp/inject_out.csv" | tail -n +2 | tr '\n' ' ')"; fail=1; }
[ "$(awk -F, 'NR > 1 { print $NF }' "$tmp/inject_out.csv" | tr '\n' ' ')" = "-1.5 +49 '+cmd " ] ||
  { echo "formula: kept notes: $(awk -F, 'NR > 1 { print $NF }' "$tmp/inject_out.csv" | tr '\n' ' ')"; fail=1; }
grep -q "^inject.csv,5,units,zwei," "$tmp/inject_rejects.csv" || { echo "formula: the reject row is missing"; fail=1; }

# 17. A 100,000-column header with one duplicate: named exactly (linear check); a header line
#     of 5 MB is not echoed whole: the message is cut to a readable line.
awk 'BEGIN { printf "id,x,y"; for (i = 4; i < 100000; i++) printf ",c%d", i; printf ",X\n1,681000,5644000"; for (i = 4; i <= 100000; i++) printf ",0"; printf "\n" }' > "$tmp/wide.csv"
(cd "$tmp" && "$bin" classify --addresses wide.csv "${A[@]}" -o wide_out.csv 2>err); rc=$?
expect wide_header 1 "coverage classify: wide.csv: column 'X' appears twice (columns 2 and 100000); rename one" $rc
awk 'BEGIN { printf "name"; for (i = 0; i < 5000000; i++) printf "h"; printf ",x,y\n" }' > "$tmp/huge.csv"
(cd "$tmp" && "$bin" classify --addresses huge.csv "${A[@]}" -o huge_out.csv 2>err); rc=$?
[ "$rc" = 1 ] || { echo "huge_header: exit $rc, expected 1"; fail=1; }
[ "$(wc -c < "$tmp/err")" -lt 1200 ] || { echo "huge_header: stderr is $(wc -c < "$tmp/err") bytes"; fail=1; }
grep -q "^coverage classify: huge.csv: no id column .* \[\.\.\. [0-9]* bytes cut \.\.\.\] " "$tmp/err" ||
  { echo "huge_header: stderr: $(head -c 300 "$tmp/err")"; fail=1; }
exit $fail
