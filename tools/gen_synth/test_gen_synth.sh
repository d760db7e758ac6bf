#!/usr/bin/env bash
# gen_synth is deterministic, and a small generated region classifies as an independent
# implementation of the gigabit profile (awk, below) says, with exactly the deliberate
# unknown-id offers rejected.
#   usage: test_gen_synth.sh GEN_SYNTH COVERAGE          (run from the repository root)
set -euo pipefail
gen=$1; cov=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$gen" --addresses 2000 --seed 6 --out "$tmp/a" 2>/dev/null
"$gen" --addresses 2000 --seed 6 --out "$tmp/b" 2>/dev/null
for f in addresses.csv offers.csv footprints.geojson manifest.txt; do
  cmp "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between two runs with the same seed"
done
"$gen" --addresses 2000 --seed 7 --out "$tmp/c" 2>/dev/null
cmp -s "$tmp/a/offers.csv" "$tmp/c/offers.csv" && fail "seeds 6 and 7 gave the same offers"

m() { sed -n "s/^$1=//p" "$tmp/a/manifest.txt"; }
[ "$(m addresses)" = 2000 ] || fail "manifest addresses=$(m addresses)"
[ "$(($(wc -l <"$tmp/a/addresses.csv") - 1))" = 2000 ] || fail "addresses.csv rows"
[ "$(($(wc -l <"$tmp/a/offers.csv") - 1))" = "$(m offers)" ] || fail "offers.csv rows vs manifest offers=$(m offers)"
unknown=$(m offers_unknown_id)
[ "$unknown" -gt 0 ] || fail "the generator wrote no offers for unknown ids"
[ "$(m footprints)" = 10 ] || fail "footprints=$(m footprints), expected N/200 = 10"
[ "$(grep -c '"type":"Feature"' "$tmp/a/footprints.geojson")" = 10 ] || fail "footprints.geojson features"

"$cov" classify --addresses "$tmp/a/addresses.csv" --crs EPSG:25832 --offers "$tmp/a/offers.csv" \
  --as-of 2025-12-31 -o "$tmp/out.csv" --rejects "$tmp/rejects.csv" --summary "$tmp/summary.json" \
  >/dev/null 2>&1
# Every reject is one of the deliberate unknown ids, and there are exactly as many as generated.
[ "$(($(wc -l <"$tmp/rejects.csv") - 1))" = "$unknown" ] || fail "rejects: $(($(wc -l <"$tmp/rejects.csv") - 1)), expected $unknown"
[ "$(tail -n +2 "$tmp/rejects.csv" | grep -vc ',address_id,.*,unknown address id (not in the address layer)$' || true)" = 0 ] ||
  fail "a reject other than an unknown address id"

# The gigabit profile as awk: counted technologies; tier gigabit = down >= 1000 or ftth/fttb/
# docsis31, nga = down >= 30; only existing offers decide; a planned gigabit offer dated by
# 2028 (as of 2025-12-31 + 3 years) blocks eligibility; networks = distinct providers of
# existing gigabit offers.
awk -F, '
  NR == FNR { if (FNR > 1) { known[$1] = 1; order[++n] = $1 } ; next }
  FNR == 1 { next }
  !($1 in known) { next }
  $3 !~ /^(ftth|fttb|docsis31|docsis30|vdsl|adsl|fwa_licensed|fwa_unlicensed|other)$/ { next }
  {
    gig = ($4 != "" && $4 + 0 >= 1000) || $3 == "ftth" || $3 == "fttb" || $3 == "docsis31"
    t = gig ? 2 : ($4 != "" && $4 + 0 >= 30) ? 1 : 0
    if ($7 == "existing") {
      if (!($1 in tier) || t > tier[$1]) tier[$1] = t
      if (gig && !(($1 SUBSEP $2) in net)) { net[$1, $2] = 1; nets[$1]++ }
    } else if ($7 == "planned" && $8 != "" && $8 + 0 <= 2028 && gig) plan[$1] = 1
  }
  END {
    for (i = 1; i <= n; i++) {
      id = order[i]; t = (id in tier) ? tier[id] : -1
      cls = t == 2 ? "served" : t == 1 ? "grey" : "white"
      tn = t == 2 ? "gigabit" : t == 1 ? "nga" : "none"
      p = (id in plan) ? "true" : "false"
      el = (cls != "served" && p == "false") ? "true" : "false"
      print id "," cls "," tn "," el "," (nets[id] + 0) "," p
    }
  }' "$tmp/a/addresses.csv" "$tmp/a/offers.csv" >"$tmp/expected.csv"
awk -F, 'NR > 1 { print $1 "," $6 "," $7 "," $8 "," $12 "," $14 }' "$tmp/out.csv" >"$tmp/got.csv"
diff "$tmp/expected.csv" "$tmp/got.csv" >"$tmp/diff" || { head -20 "$tmp/diff" >&2; fail "coverage and the awk profile differ"; }
# The region is not degenerate: all three classes occur, and some plans block eligibility.
for c in white grey served; do
  grep -q ",$c," "$tmp/expected.csv" || fail "no $c address in the test region"
done
grep -q ',true$' "$tmp/expected.csv" || fail "no planned gigabit address in the test region"
echo "ok: deterministic; $unknown unknown-id rejects; $(wc -l <"$tmp/expected.csv") addresses agree with awk"
