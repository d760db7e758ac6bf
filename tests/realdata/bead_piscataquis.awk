#!/usr/bin/awk -f
# bead_piscataquis.awk - independent reference classification (NTIA BEAD) of every
# distinct location_id in an FCC BDC availability CSV (first-release header:
# provider_id,frn,brand_name,location_id,block_fips,h3index_hex8,technology_code,
# max_advertised_download_speed,max_advertised_upload_speed,low_latency,
# business_residential_code).
#
# Written independently of the coverage library, to produce the expected counts in
# tests/realdata/bead_piscataquis.expected for
# sample_data/maine-piscataquis/bdc_23_piscataquis_23021_063022_4tech.csv.
#
# Rules (NTIA BEAD NOFO, 2022):
#   - counted technology codes: 10 copper, 40 cable, 50 fibre, 71 licensed FW,
#     72 licensed-by-rule FW. Not counted: 60/61 satellite, 70 unlicensed FW, 0 other.
#   - per counted row: missing down/up speed, or low_latency != 1  -> unserved;
#     down < 25 or up < 3                                          -> unserved;
#     down < 100 or up < 20                                        -> underserved;
#     otherwise                                                     -> served.
#   - a location's level is the best of its counted rows; a location that appears
#     only with non-counted technologies is unserved (it is still a location).
#   - business_residential_code is NOT filtered on (R, B and X all count).
#
# The file is plain comma-separated (no quoted fields in this extract; the script
# refuses quoted input rather than mis-split it) with CRLF line endings, which are
# stripped. Columns are found by header name, not position.
#
# Usage: awk -f tests/realdata/bead_piscataquis.awk FILE.csv
# Output: served=N / underserved=N / unserved=N / locations=N (one per line).
BEGIN { FS = "," }
{ sub(/\r$/, "") }
NR == 1 {
    for (i = 1; i <= NF; i++) col[$i] = i
    if (!("location_id" in col) || !("technology_code" in col) ||
        !("max_advertised_download_speed" in col) ||
        !("max_advertised_upload_speed" in col) || !("low_latency" in col)) {
        print "bead_piscataquis.awk: unexpected header in " FILENAME > "/dev/stderr"
        bad = 1; exit 1
    }
    next
}
$0 == "" { next }
{
    if (index($0, "\"") > 0) {
        print "bead_piscataquis.awk: quoted field at line " NR ", not supported" > "/dev/stderr"
        bad = 1; exit 1
    }
    loc  = $col["location_id"]
    tech = $col["technology_code"]
    down = $col["max_advertised_download_speed"]
    up   = $col["max_advertised_upload_speed"]
    ll   = $col["low_latency"]
    # level: 0 unserved, 1 underserved, 2 served
    if (!(loc in level)) level[loc] = 0
    if (tech != "10" && tech != "40" && tech != "50" && tech != "71" && tech != "72") next
    if (down == "" || up == "" || ll != "1") lv = 0
    else if (down + 0 < 25 || up + 0 < 3) lv = 0
    else if (down + 0 < 100 || up + 0 < 20) lv = 1
    else lv = 2
    if (lv > level[loc]) level[loc] = lv
}
END {
    if (bad) exit 1
    for (l in level) { n[level[l]]++; total++ }
    printf "served=%d\nunderserved=%d\nunserved=%d\nlocations=%d\n", n[2], n[1], n[0], total
}
