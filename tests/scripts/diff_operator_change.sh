#!/usr/bin/env bash
# coverage diff on two runs of the Jena sample where one operator file (Saalenetz) changed.
# The changes and their expected effect, worked out by hand from each address's offers
# (gigabit profile, --as-of 2026-06-30, plans credible until 2029-06-30):
#  - 16053-000745 (Zentrum): Saalenetz ftth 1000/500 removed; Kupfer vdsl 250/40 remains
#    -> served to grey, becomes eligible, provider Saalenetz GmbH gone.
#  - 16053-001745 (Nord): Saalenetz ftth 1000/1000 existing added to Kupfer vdsl 250/40
#    -> grey to served, no longer eligible, provider Saalenetz GmbH added.
#  - 16053-021298 (Münchenroda): Saalenetz ftth planned 2028 added to Kupfer adsl 16/1
#    -> stays white, but a credible gigabit plan blocks funding: no longer eligible
#    (a detail change: reason and providers change, the class does not).
# Everything else is unchanged: 19,867 addresses, so the transition matrix is the class
# counts of the sample (white 231, grey 10,161, served 9,478) with these moves.
set -euo pipefail
bin=$1
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
J=sample_data/jena
mkdir -p "$out/new"
cp $J/offers_*.csv "$out/new/"
grep -v '^16053-000745,Saalenetz GmbH,' $J/offers_saalenetz.csv > "$out/new/offers_saalenetz.csv"
printf '16053-001745,Saalenetz GmbH,ftth,1000,1000,,existing,\n16053-021298,Saalenetz GmbH,ftth,1000,1000,,planned,2028\n' \
  >> "$out/new/offers_saalenetz.csv"
run() {
  local dir=$1 o=$2; local offers=(); for f in "$dir"/offers_*.csv; do offers+=(--offers "$f"); done
  "$bin" classify --addresses $J/addresses.csv --crs EPSG:25832 "${offers[@]}" --as-of 2026-06-30 --keep district -q -o "$o"
}
run $J "$out/old.csv"
run "$out/new" "$out/new.csv"

set +e
"$bin" diff --fail-on-change --by district -o "$out/changes.csv" --matrix "$out/matrix.csv" "$out/old.csv" "$out/new.csv" > "$out/report.txt"
rc=$?
set -e
[ "$rc" = 1 ] || { echo "diff --fail-on-change exited $rc, want 1"; exit 1; }

cut -d, -f1-10,13 "$out/changes.csv" > "$out/got.csv"
cat > "$out/want.csv" <<'W'
id,change,old_class,new_class,old_tier,new_tier,old_eligible,new_eligible,providers_added,providers_removed,district
16053-000745,class_changed,served,grey,gigabit,nga,false,true,,Saalenetz GmbH,Zentrum
16053-001745,class_changed,grey,served,nga,gigabit,true,false,Saalenetz GmbH,,Nord
16053-021298,detail_changed,white,white,none,none,true,false,Saalenetz GmbH,,Münchenroda
W
cmp "$out/want.csv" "$out/got.csv" || { echo "changes differ:"; diff "$out/want.csv" "$out/got.csv"; exit 1; }
cat > "$out/want_matrix.csv" <<'W'
old_class,white,grey,served,(absent)
white,231,0,0,0
grey,0,10160,1,0
served,0,1,9477,0
(absent),0,0,0,0
W
cmp "$out/want_matrix.csv" "$out/matrix.csv" || { echo "matrix differs:"; diff "$out/want_matrix.csv" "$out/matrix.csv"; exit 1; }
grep -qx 'unchanged 19867, added 0, removed 0, class changed 2, detail changed 1' "$out/report.txt" || { cat "$out/report.txt"; exit 1; }
grep -qx 'became eligible 1, no longer eligible 2' "$out/report.txt" || { cat "$out/report.txt"; exit 1; }
# Per district: Zentrum 1 class change (+1 eligible), Nord 1 class change (-1), Münchenroda 1 detail (-1).
grep -Eq '^Zentrum +0 +0 +1 +0 +1 +0$' "$out/report.txt" || { echo "Zentrum row wrong"; cat "$out/report.txt"; exit 1; }
grep -Eq '^Nord +0 +0 +1 +0 +0 +1$' "$out/report.txt" || { echo "Nord row wrong"; exit 1; }
grep -Eq '^Münchenroda +0 +0 +0 +1 +0 +1$' "$out/report.txt" || { echo "Münchenroda row wrong"; exit 1; }
# The same run twice: no change, exit 0 even with --fail-on-change.
"$bin" diff --fail-on-change -q "$out/old.csv" "$out/old.csv"
echo "diff: 3 changes as worked out by hand; transition matrix and per-district counts match"
