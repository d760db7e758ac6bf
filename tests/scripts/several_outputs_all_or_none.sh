#!/usr/bin/env bash
# Several -o outputs and their QGIS style files (--qml) are members of one OutputSet: a run
# that fails writes none of them, a style file that would be overwritten is refused before
# anything is read, and a successful run writes every one (issue 17 on top of main's OutputSet).
set -u
export LC_ALL=C  # ls order
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
ins=(--addresses tests/data/bad/ids.csv --crs EPSG:25832 --offers tests/data/bad/offers.csv --as-of 2025-12-31)
outs() { echo -o "$1/a.csv" -o "$1/a.geojson" -o "$1/a.gpkg" -o "$1/b.fgb" --qml --summary "$1/s.json" --rejects "$1/r.csv"; }
empty() { [ -z "$(ls -A "$1")" ] || { echo "$2: left $(ls -A "$1" | tr '\n' ' ')"; fail=1; }; }

# 1. --strict with rejected rows: exit 1, no result, no style, no summary, no rejects, no temporary folder.
mkdir "$tmp/strict"
"$bin" classify "${ins[@]}" --strict -q $(outs "$tmp/strict") 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || { echo "strict: exit $rc, want 1: $(cat "$tmp/err")"; fail=1; }
empty "$tmp/strict" strict

# 2. The same run without --strict writes every output and a style beside each map file
#    except the GeoPackage, which holds its own.
mkdir "$tmp/ok"
"$bin" classify "${ins[@]}" -q $(outs "$tmp/ok") 2>"$tmp/err" || { echo "ok run failed: $(cat "$tmp/err")"; fail=1; }
[ "$(ls "$tmp/ok" | tr '\n' ' ')" = "a.csv a.geojson a.gpkg a.qml b.fgb b.qml r.csv s.json " ] ||
  { echo "ok: wrote $(ls -A "$tmp/ok" | tr '\n' ' ')"; fail=1; }
for q in a b; do
  grep -q 'renderer-v2 type="categorizedSymbol" attr="class"' "$tmp/ok/$q.qml" 2>/dev/null || { echo "$q.qml: no style"; fail=1; }
done

# 3. An existing style file without --overwrite: refused before reading (exit 1, an output error; its name in
#    the message), the old file untouched, nothing else written.
mkdir "$tmp/qml"
echo keep >"$tmp/qml/b.qml"
"$bin" classify "${ins[@]}" -q $(outs "$tmp/qml") 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || { echo "existing qml: exit $rc, want 1 (an output error)"; fail=1; }
grep -q "b.qml: exists; pass --overwrite to replace it" "$tmp/err" || { echo "existing qml: $(cat "$tmp/err")"; fail=1; }
[ "$(cat "$tmp/qml/b.qml")" = keep ] || { echo "existing qml was changed"; fail=1; }
rm "$tmp/qml/b.qml"; empty "$tmp/qml" existing_qml

# 4. The second of several -o in a folder that does not exist: nothing written.
mkdir "$tmp/second"
"$bin" classify "${ins[@]}" -q -o "$tmp/second/a.csv" -o "$tmp/second/no/a.geojson" --qml 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] || { echo "second output in a missing folder: exit 0"; fail=1; }
grep -q "does not exist; create it first" "$tmp/err" || { echo "second output: $(cat "$tmp/err")"; fail=1; }
empty "$tmp/second" second_output

# 5. Two map outputs whose styles would share a name: refused, nothing written.
mkdir "$tmp/twice"
"$bin" classify "${ins[@]}" -q -o "$tmp/twice/a.geojson" -o "$tmp/twice/a.fgb" --qml 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] || { echo "shared style name: exit $rc, want 2: $(cat "$tmp/err")"; fail=1; }
grep -q "a.qml: .*named for two outputs" "$tmp/err" || { echo "shared style name: $(cat "$tmp/err")"; fail=1; }
empty "$tmp/twice" shared_style
exit $fail
