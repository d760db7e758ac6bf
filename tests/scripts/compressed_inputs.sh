#!/usr/bin/env bash
# Compressed inputs are read directly: a .zip holding one CSV, a .csv.gz, and an explicit
# /vsizip/ path give the same bytes as the unpacked CSV; a /vsizip/ path with a typo names
# what is in the archive; and a real FCC BDC state file (.zip as published) reads every row
# (counted independently with unzip | wc).
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
f=sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv
name=$(basename "$f")
python3 - "$f" "$tmp" <<'PY'
import gzip, shutil, sys, zipfile
src, tmp = sys.argv[1], sys.argv[2]
name = src.rsplit('/', 1)[1]
with zipfile.ZipFile(f"{tmp}/bdc.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(src, name)
with zipfile.ZipFile(f"{tmp}/two.zip", "w") as z:
    z.write(src, "a.csv"); z.write(src, "b.csv")
with open(src, "rb") as i, gzip.open(f"{tmp}/{name}.gz", "wb") as o:
    shutil.copyfileobj(i, o)
PY
fail=0
run() {  # run OUT INPUT
  "$bin" classify --offers "$2" --profile us-bead-2022 --as-of 2022-06-30 -q -o "$tmp/$1.csv" 2>"$tmp/$1.err" ||
    { echo "$2: exit $?: $(cat "$tmp/$1.err")"; fail=1; }
}
run plain "$f"
run zip "$tmp/bdc.zip"
run gz "$tmp/$name.gz"
run vsizip "/vsizip/$tmp/bdc.zip/$name"
for k in zip gz vsizip; do
  cmp -s "$tmp/plain.csv" "$tmp/$k.csv" || { echo "$k: output differs from the plain CSV's"; fail=1; }
done
[ "$(wc -l <"$tmp/plain.csv")" = 8012 ] || { echo "plain: expected 8011 locations + header"; fail=1; }

# A typo inside the archive names what is there.
"$bin" classify --offers "/vsizip/$tmp/bdc.zip/bdc_typo.csv" --as-of 2022-06-30 -q -o "$tmp/typo.csv" 2>"$tmp/typo.err"
rc=$?
want="coverage classify: /vsizip/$tmp/bdc.zip/bdc_typo.csv: 'bdc_typo.csv' is not in the archive; it holds: $name"
[ $rc = 1 ] && [ "$(cat "$tmp/typo.err")" = "$want" ] || { echo "typo: exit $rc: $(cat "$tmp/typo.err")"; fail=1; }
# Two CSVs in one archive: name one.
"$bin" classify --offers "$tmp/two.zip" --as-of 2022-06-30 -q -o "$tmp/two.csv" 2>"$tmp/two.err"
rc=$?
grep -qF "the archive holds 2 CSV files (a.csv, b.csv); name one as /vsizip/$tmp/two.zip/a.csv" "$tmp/two.err" && [ $rc = 1 ] ||
  { echo "two: exit $rc: $(cat "$tmp/two.err")"; fail=1; }

# A real state-wide FCC file as published (shared data; skipped where absent).
real=/work/shared/data/maine-bdc-2022/bdc_23_Fiber-to-the-Premises_fixed_broadband_063022.zip
if [ -f "$real" ] && command -v unzip >/dev/null; then
  rows=$(( $(unzip -p "$real" | wc -l) - 1 ))
  "$bin" classify --offers "$real" --profile us-bead-2022 --as-of 2022-06-30 -o "$tmp/real.csv" 2>"$tmp/real.err" ||
    { echo "real: exit $?: $(cat "$tmp/real.err")"; fail=1; }
  grep -qE "offers +/vsizip/$real/[^:]+: read $rows, used $rows, rejected 0" "$tmp/real.err" ||
    { echo "real: expected $rows rows read and used:"; cat "$tmp/real.err"; fail=1; }
fi
exit $fail
