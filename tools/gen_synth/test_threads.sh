#!/usr/bin/env bash
# The output is the same bytes whatever the thread count: a generated region of 60 000
# addresses (7 MB of offers: several parallel blocks, 300 footprints) classified with
# --threads 1, 2 and 3 gives identical results, rejects and summaries; and the one-thread
# path that quoted CSV forces (a quote may hide a newline, so no blocks) agrees with the
# parallel path on the same rows.
#   usage: test_threads.sh GEN_SYNTH COVERAGE          (run from the repository root)
set -euo pipefail
gen=$1; cov=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"$gen" --addresses 60000 --seed 3 --out "$tmp/d" 2>/dev/null
# Address rejects spread over several blocks: a duplicate of line 5's id far away, a bad
# coordinate, an empty id, a ragged row. They must come out the same, in the same order.
awk -F, -v OFS=, 'NR == 5 { dup = $1 } NR == 40000 { $1 = dup } NR == 20000 { $2 = "12.5.3" } NR == 30000 { $1 = "" }
  NR == 50000 { $0 = $0 ",extra" } { print }' "$tmp/d/addresses.csv" >"$tmp/a.csv" && mv "$tmp/a.csv" "$tmp/d/addresses.csv"
run() {  # run NAME OFFERS THREADS
  "$cov" classify --addresses "$tmp/d/addresses.csv" --crs EPSG:25832 --offers "$2" \
    --footprints "$tmp/d/footprints.geojson" --as-of 2025-12-31 --threads "$3" -q \
    -o "$tmp/$1.csv" --rejects "$tmp/$1.rejects.csv" --summary "$tmp/$1.json"
}
run t1 "$tmp/d/offers.csv" 1
run t2 "$tmp/d/offers.csv" 2
run t3 "$tmp/d/offers.csv" 3
for t in t2 t3; do
  for f in .csv .rejects.csv; do cmp "$tmp/t1$f" "$tmp/$t$f" || fail "$t$f differs from --threads 1"; done
  # The summary records the command line, which names the thread count and output names.
  cmp <(grep -v '^  "command_line": ' "$tmp/t1.json") <(grep -v '^  "command_line": ' "$tmp/$t.json") ||
    fail "$t.json differs from --threads 1"
done
# The same offers with the provider names quoted: the reader cannot cut blocks, so it takes
# the one-thread path whatever --threads says; results must not change.
sed -E '2,$ s/^([^,]*),([^,]*),/\1,"\2",/' "$tmp/d/offers.csv" >"$tmp/quoted.csv"
run q2 "$tmp/quoted.csv" 2
cmp "$tmp/t1.csv" "$tmp/q2.csv" || fail "quoted offers (one-thread path) differ from the parallel path"
# Rejects name the file; apart from that they are the same rows with the same line numbers.
diff <(cut -d, -f2- "$tmp/t1.rejects.csv") <(cut -d, -f2- "$tmp/q2.rejects.csv") >/dev/null ||
  fail "rejects differ between the quoted and the plain offers"
[ "$(grep -c '^[^,]*addresses.csv,' "$tmp/t1.rejects.csv")" = 4 ] || fail "expected 4 address rejects"
n=$(grep -c '^[^,]*offers.csv,' "$tmp/t1.rejects.csv")
# The four rejected addresses lose their offers too (unknown ids), except the duplicate's
# id, which stays known from line 5.
[ "$n" -ge "$(sed -n 's/^offers_unknown_id=//p' "$tmp/d/manifest.txt")" ] || fail "$n offer rejects, fewer than the manifest's unknown ids"
echo "ok: --threads 1, 2, 3 and the quoted one-thread path give identical bytes ($n rejects)"
