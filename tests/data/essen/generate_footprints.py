#!/usr/bin/env python3
"""Writes footprints_essen_25832.geojson: 400 irregular star-shaped polygons over Essen
(EPSG:25832), some with holes, many overlapping, each with its own provider fp0001..fp0400.
Deterministic (random.Random(20221005)). Run once; the output is committed."""
import json, math, random

rng = random.Random(20221005)
# Essen's extent in EPSG:25832 (from the address points), a little inside.
X0, X1, Y0, Y1 = 346500, 366500, 5692000, 5712500
feats = []
for k in range(400):
    cx, cy = rng.uniform(X0, X1), rng.uniform(Y0, Y1)
    r = rng.uniform(150, 1400)
    n = rng.randint(5, 16)
    # Evenly spaced angles with jitter: every gap stays below pi, so the star contains its
    # centre and stays simple, and the hole below lies inside the shell (valid polygons).
    angles = [(i + rng.uniform(-0.3, 0.3)) * 2 * math.pi / n for i in range(n)]
    radii = [r * rng.uniform(0.45, 1.0) for _ in angles]
    ring = [[round(cx + q * math.cos(a), 2), round(cy + q * math.sin(a), 2)] for q, a in zip(radii, angles)]
    ring.append(ring[0])
    rings = [ring]
    if k % 7 == 0:  # a hole well inside the star's inner radius
        hr = r * 0.2
        hole = [[round(cx + hr * math.cos(a), 2), round(cy + hr * math.sin(a), 2)]
                for a in (i * 2 * math.pi / 6 for i in range(6))]
        hole.append(hole[0])
        rings.append(hole[::-1])
    feats.append({"type": "Feature",
                  "properties": {"provider": f"fp{k + 1:04d}", "technology": "ftth",
                                 "down_mbps": 1000, "up_mbps": 1000, "status": "existing"},
                  "geometry": {"type": "Polygon", "coordinates": rings}})
with open("footprints_essen_25832.geojson", "w") as fh:
    fh.write('{"type": "FeatureCollection",\n"crs": {"type": "name", "properties": '
             '{"name": "urn:ogc:def:crs:EPSG::25832"}},\n"features": [\n')
    fh.write(",\n".join(json.dumps(f, separators=(",", ":")) for f in feats))
    fh.write("\n]}\n")
