#!/usr/bin/env python3
"""Writes the hand-made plan fixtures (tests/data/plan/*). Coordinates are chosen in
EPSG:25832 (metres, offsets from 680000 / 5640000 near Jena) so the expected lengths and
costs can be worked out by hand; the results carry lon/lat converted with gdaltransform."""
import json, subprocess, os

X0, Y0 = 680000.0, 5640000.0
here = os.path.dirname(os.path.abspath(__file__))

def lonlat(points):
    text = "".join(f"{X0 + x} {Y0 + y}\n" for x, y in points)
    out = subprocess.run(["gdaltransform", "-s_srs", "EPSG:25832", "-t_srs", "EPSG:4326", "-output_xy"],
                         input=text, capture_output=True, text=True, check=True).stdout.split("\n")
    return [tuple(line.split()) for line in out if line.strip()]

def lines(name, features):
    fc = {"type": "FeatureCollection",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
          "features": [{"type": "Feature", "properties": {"name": n},
                        "geometry": {"type": "LineString", "coordinates": [[X0 + x, Y0 + y] for x, y in coords]}}
                       for n, coords in features]}
    with open(os.path.join(here, name), "w") as f:
        json.dump(fc, f, indent=0)
        f.write("\n")

def results(name, rows):
    # rows: (id, (x, y), units, class, eligible, best_technology)
    ll = lonlat([r[1] for r in rows])
    with open(os.path.join(here, name), "w") as f:
        f.write("id,lon,lat,units,class,eligible,best_technology\n")
        for r, (lon, lat) in zip(rows, ll):
            f.write(f"{r[0]},{lon},{lat},{r[2]},{r[3]},{r[4]},{r[5]}\n")

# 1. One street with three houses; a fibre route ends at the street's west end.
lines("one_street_streets.geojson", [("Hauptstrasse", [(0, 0), (100, 0), (200, 0), (300, 0)])])
lines("route_west.geojson", [("route", [(-100, 0), (0, 0)])])
results("one_street_results.csv", [("h1", (100, 10), 1, "white", 1, "vdsl"),
                                   ("h2", (200, 10), 2, "white", 1, "vdsl"),
                                   ("h3", (300, 10), 1, "white", 1, ""),
                                   ("served", (-50, 10), 4, "served", 0, "ftth")])
# 2. An empty duct around the street is cheaper than digging along the street.
lines("duct_streets.geojson", [("Feldweg", [(0, 0), (200, 0)])])
lines("duct_ducts.geojson", [("duct", [(0, 0), (0, 20), (200, 20), (200, 0)])])
results("duct_results.csv", [("d1", (200, -10), 1, "white", 1, "adsl")])
# 3. Unreachable: one house beyond --max-drop, one on a street island.
lines("unreachable_streets.geojson", [("Hauptstrasse", [(0, 0), (100, 0)]),
                                       ("Insel", [(1000, 1000), (1100, 1000)])])
results("unreachable_results.csv", [("near", (100, 10), 1, "white", 1, "adsl"),
                                    ("far", (50, 200), 1, "white", 1, "adsl"),
                                    ("island", (1050, 1010), 1, "white", 1, "adsl")])
# 4. Two houses share a trench: the route at A, a street A-J, a cross street P-J-Q.
lines("shared_streets.geojson", [("Zufahrt", [(0, 0), (100, 0)]),
                                  ("Querweg", [(100, 50), (100, 0), (100, -50)])])
results("shared_results.csv", [("p", (110, 50), 1, "white", 1, "adsl"),
                               ("q", (110, -50), 1, "white", 1, "adsl")])
# 5. Desk mode: a north-south route at x = 0 and three houses east of it on one line.
lines("route_north_south.geojson", [("route", [(0, -100), (0, 100)])])
results("desk_results.csv", [("a", (30, 0), 1, "white", 1, "adsl"),
                             ("b", (60, 0), 1, "white", 1, "adsl"),
                             ("c", (100, 0), 1, "white", 1, "adsl")])
