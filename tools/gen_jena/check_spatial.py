#!/usr/bin/env python3
"""Independent check of the Jena demo data WITH its spatial evidence (standard library only).

Usage: python3 tools/gen_jena/check_spatial.py [sample_data/jena] [--route-distance 50]
                                              [--per-address FILE.csv]

Recomputes, without the coverage library, what `coverage classify` should give for

    --addresses addresses.csv --offers offers_*.csv
    --footprints footprints_cable.geojson --footprints footprints_wfp.geojson
    --routes routes_fibre.geojson --routes routes_ducts.geojson --route-distance 50
    --as-of 2026-06-30   (default gigabit profile)

and checks the district polygons. Rules: those of check_shares.py (DESIGN.md §3), plus

- footprints: an address covered by a footprint polygon (boundary included) gets the
  footprint's offer. Point in polygon is decided exactly: coordinates are read as whole
  centimetres (the files have 2 decimals), and the even-odd ray cast and the on-segment test
  use integer arithmetic. Holes: inside a hole (not on its ring) is outside the polygon.
  The deliberate bow-tie of footprints_wfp.geojson (a self-intersecting ring) is taken as the
  union of its two lobes, which is what the even-odd ray cast of the raw ring gives and what
  GEOS MakeValid makes of it (two triangles); only the crossing point itself is ambiguous,
  and the check reports how far the nearest address is from it.
- routes: for every route file, the nearest route (point–segment distance, computed with the
  same floating-point formula as the library) of every address; nearest_route_m is the
  minimum over all route files, rounded half away from zero to 0.1 m. An address within the
  route distance of the nearest route of a file gets that route's offer, unless the file has
  no `provider` (a duct layer: distance only). Ties between equally near routes with
  different offers would be ambiguous; the check counts them (expected 0).

Prints the share tables without and with the spatial evidence, the per-layer accounting and
the figures pinned by tests/scripts/jena_spatial.sh. --per-address writes
id,class,eligible,nearest_route_m for a diff against coverage's output.
"""
import csv
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_shares as cs  # noqa: E402

EXTENT_CM = (67100000, 563600000, 68700000, 565200000)  # x 671000–687000, y 5636000–5652000 m


def cm(text):
    """'684906.75' -> 68490675 (exact; the files use at most 2 decimals)."""
    s = str(text)
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    if len(frac) > 2:
        raise ValueError(f"more than 2 decimals: {text}")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def cm_pt(xy):
    # json.load gives floats; repr of a float read from "684906.75" is "684906.75" again
    return (cm(repr(xy[0])), cm(repr(xy[1])))


# --- exact polygon predicates --------------------------------------------------------------

def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_segment(p, a, b):
    if cross(a, b, p) != 0:
        return False
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def ring_position(ring, p):
    """'on' (on the ring), True (inside, even-odd rule) or False."""
    inside = False
    n = len(ring)
    px, py = p
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        if on_segment(p, a, b):
            return "on"
        if (a[1] > py) != (b[1] > py):
            dy = b[1] - a[1]
            num = (a[0] - px) * dy + (py - a[1]) * (b[0] - a[0])
            if (num > 0) == (dy > 0):  # the edge crosses the ray to the right of p
                inside = not inside
    return inside


def polygon_covers(poly, p):
    """poly = [outer, hole, ...]; boundary (outer or hole ring) counts as covered.
    Returns (covered, on_boundary)."""
    pos = ring_position(poly[0], p)
    if pos == "on":
        return True, True
    if not pos:
        return False, False
    for hole in poly[1:]:
        hp = ring_position(hole, p)
        if hp == "on":
            return True, True
        if hp:
            return False, False
    return True, False


def segments_meet(a, b, c, d):
    def sgn(v):
        return (v > 0) - (v < 0)
    d1, d2, d3, d4 = sgn(cross(a, b, c)), sgn(cross(a, b, d)), sgn(cross(c, d, a)), sgn(cross(c, d, b))
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return ((d1 == 0 and on_segment(c, a, b)) or (d2 == 0 and on_segment(d, a, b)) or
            (d3 == 0 and on_segment(a, c, d)) or (d4 == 0 and on_segment(b, c, d)))


def ring_is_simple(r):
    n = len(r)
    if n < 3:
        return False
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            if segments_meet(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n]):
                return False
    return True


def area2(r):
    s = 0
    for i in range(len(r)):
        a, b = r[i], r[(i + 1) % len(r)]
        s += a[0] * b[1] - a[1] * b[0]
    return s


def open_ring(coords):
    r = [cm_pt(c) for c in coords]
    if r and r[0] == r[-1]:
        r.pop()
    return r


def polygons_of(geom):
    if geom["type"] == "Polygon":
        return [[open_ring(r) for r in geom["coordinates"]]]
    if geom["type"] == "MultiPolygon":
        return [[open_ring(r) for r in p] for p in geom["coordinates"]]
    raise ValueError(f"not a polygon: {geom['type']}")


def bbox(poly):
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    return min(xs), min(ys), max(xs), max(ys)


def load_geojson(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    crs = data.get("crs", {}).get("properties", {}).get("name", "")
    if crs != "urn:ogc:def:crs:EPSG::25832":
        raise SystemExit(f"{path}: CRS is {crs!r}, expected urn:ogc:def:crs:EPSG::25832")
    return data["features"]


# --- districts -----------------------------------------------------------------------------

def check_districts(d, addrs, order):
    feats = load_geojson(os.path.join(d, "districts.geojson"))
    names = [f["properties"]["district"] for f in feats]
    problems = []
    if sorted(names) != sorted({addrs[a]["district"] for a in order}):
        problems.append("district names differ from the address file's")
    cells = {}
    total = 0
    edges = {}
    for f in feats:
        polys = polygons_of(f["geometry"])
        if len(polys) != 1 or len(polys[0]) != 1:
            problems.append(f"{f['properties']['district']}: not a single ring")
        ring = polys[0][0]
        if not ring_is_simple(ring):
            problems.append(f"{f['properties']['district']}: ring not simple")
        if area2(ring) <= 0:
            problems.append(f"{f['properties']['district']}: ring not counter-clockwise")
        for p in ring:
            if not (EXTENT_CM[0] <= p[0] <= EXTENT_CM[2] and EXTENT_CM[1] <= p[1] <= EXTENT_CM[3]):
                problems.append(f"{f['properties']['district']}: vertex outside the extent")
        total += area2(ring)
        name = f["properties"]["district"]
        cells[name] = (ring, bbox([ring]))
        for i in range(len(ring)):
            edges[(ring[i], ring[(i + 1) % len(ring)])] = name
    want = 2 * (EXTENT_CM[2] - EXTENT_CM[0]) * (EXTENT_CM[3] - EXTENT_CM[1])
    if total != want:
        problems.append(f"areas sum to {total / 2e10:.6f} km², extent is {want / 2e10:.6f} km²")
    # Every edge is shared (reversed) with exactly one other cell, or lies on the extent's border.
    for (a, b), name in edges.items():
        border = (a[0] == b[0] and a[0] in (EXTENT_CM[0], EXTENT_CM[2])) or \
                 (a[1] == b[1] and a[1] in (EXTENT_CM[1], EXTENT_CM[3]))
        if not border and edges.get((b, a)) in (None, name):
            problems.append(f"{name}: edge {a}-{b} has no neighbour")
    # Every address strictly inside its own district, in no other.
    wrong = on_edge = multi = 0
    for a in order:
        p = addrs[a]["_cm"]
        hits = []
        for name, (ring, (x0, y0, x1, y1)) in cells.items():
            if x0 <= p[0] <= x1 and y0 <= p[1] <= y1:
                pos = ring_position(ring, p)
                if pos == "on":
                    on_edge += 1
                if pos:
                    hits.append(name)
        if hits != [addrs[a]["district"]]:
            if len(hits) > 1:
                multi += 1
            else:
                wrong += 1
    if wrong or on_edge or multi:
        problems.append(f"addresses outside their district: {wrong}, on a district edge: {on_edge}, "
                        f"in several: {multi}")
    return len(feats), total / 2e10, problems


# --- footprints ----------------------------------------------------------------------------

def footprint_offers(path):
    """[(props, polygons, bbox, simple)] for every feature."""
    out = []
    for f in load_geojson(path):
        polys = polygons_of(f["geometry"])
        simple = all(ring_is_simple(r) for poly in polys for r in poly)
        boxes = [bbox(p) for p in polys]
        out.append((f["properties"], polys, boxes, simple))
    return out


def bowtie_crossing(ring):
    """The crossing point of a 4-vertex bow-tie ring (edges 0-1 and 2-3), in metres."""
    (ax, ay), (bx, by), (c_x, c_y), (dx, dy) = [(x / 100.0, y / 100.0) for x, y in ring]
    den = (bx - ax) * (dy - c_y) - (by - ay) * (dx - c_x)
    t = ((c_x - ax) * (dy - c_y) - (c_y - ay) * (dx - c_x)) / den
    return ax + t * (bx - ax), ay + t * (by - ay)


# --- routes --------------------------------------------------------------------------------

def point_segment_distance(px, py, x0, y0, x1, y1):
    # the library's formula, operation for operation (IEEE doubles give the same bits)
    dx = x1 - x0
    dy = y1 - y0
    len2 = dx * dx + dy * dy
    t = ((px - x0) * dx + (py - y0) * dy) / len2 if len2 > 0 else 0.0
    t = min(max(t, 0.0), 1.0)
    cx = x0 + t * dx - px
    cy = y0 + t * dy - py
    return math.sqrt(cx * cx + cy * cy)


class RouteIndex:
    CELL = 200.0

    def __init__(self, features):
        self.segs = []
        self.grid = {}
        for k, f in enumerate(features):
            coords = f["geometry"]["coordinates"]
            for i in range(1, len(coords)):
                x0, y0 = float(coords[i - 1][0]), float(coords[i - 1][1])
                x1, y1 = float(coords[i][0]), float(coords[i][1])
                s = len(self.segs)
                self.segs.append((x0, y0, x1, y1, k))
                for gx in range(self.cell(min(x0, x1)), self.cell(max(x0, x1)) + 1):
                    for gy in range(self.cell(min(y0, y1)), self.cell(max(y0, y1)) + 1):
                        self.grid.setdefault((gx, gy), []).append(s)
        xs = [c for key in self.grid for c in key[:1]]
        ys = [c for key in self.grid for c in key[1:]]
        self.lo = (min(xs), min(ys))
        self.hi = (max(xs), max(ys))

    def cell(self, v):
        return int(math.floor(v / self.CELL))

    def nearest(self, px, py):
        """(distance, [feature indices at exactly that distance])"""
        cx, cy = self.cell(px), self.cell(py)
        best = math.inf
        at = set()
        seen = set()
        k = 0
        reach = max(abs(cx - self.lo[0]), abs(cx - self.hi[0]), abs(cy - self.lo[1]), abs(cy - self.hi[1])) + 1
        while k <= reach:
            for gx in range(cx - k, cx + k + 1):
                for gy in range(cy - k, cy + k + 1):
                    if max(abs(gx - cx), abs(gy - cy)) != k:
                        continue
                    for s in self.grid.get((gx, gy), ()):
                        if s in seen:
                            continue
                        seen.add(s)
                        x0, y0, x1, y1, f = self.segs[s]
                        dd = point_segment_distance(px, py, x0, y0, x1, y1)
                        if dd < best:
                            best, at = dd, {f}
                        elif dd == best:
                            at.add(f)
            if best <= k * self.CELL:
                break
            k += 1
        return best, at


def cpp_round_tenth(v):
    # std::round(v * 10) / 10: half away from zero (v >= 0 here)
    t = v * 10
    r = math.floor(t)
    if t - r >= 0.5:
        r += 1
    return r / 10


def line_length_m(coords):
    s = 0.0
    for i in range(1, len(coords)):
        dx = float(coords[i][0]) - float(coords[i - 1][0])
        dy = float(coords[i][1]) - float(coords[i - 1][1])
        s += math.sqrt(dx * dx + dy * dy)
    return s


def offer_key(p):
    return (p.get("provider"), p.get("technology"), p.get("down_mbps"), p.get("up_mbps"), p.get("status"),
            p.get("planned_year"))


# --- main ----------------------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    d = "sample_data/jena"
    route_distance = 50.0
    per_address = None
    i = 0
    while i < len(args):
        if args[i] == "--route-distance":
            route_distance = float(args[i + 1])
            i += 2
        elif args[i] == "--per-address":
            per_address = args[i + 1]
            i += 2
        else:
            d = args[i]
            i += 1

    addrs, order = cs.load_addresses(d)
    for a in order:
        r = addrs[a]
        r["_cm"] = (cm(r["x"]), cm(r["y"]))
        r["_xy"] = (float(r["x"]), float(r["y"]))
    units = {a: int(addrs[a]["units"]) for a in order}

    print("## Districts")
    n_d, km2, problems = check_districts(d, addrs, order)
    print(f"- districts.geojson: {n_d} polygons, {km2:.6f} km² in all; "
          + ("tiling and address districts OK" if not problems else "PROBLEMS: " + "; ".join(problems)))
    print()

    base = cs.Evidence()
    read, used, rejects = cs.read_offers(d, addrs, base)
    cls0 = cs.classify(order, base)
    ev = base.copy()

    print("## Footprints")
    fp_stats = {}
    bowtie_note = None
    boundary_hits = 0
    for name in ("footprints_cable.geojson", "footprints_wfp.geojson"):
        feats = footprint_offers(os.path.join(d, name))
        got = set()
        invalid = []
        n_parts = n_holes = n_multi = 0
        for props, polys, boxes, simple in feats:
            n_parts += len(polys)
            n_holes += sum(len(p) - 1 for p in polys)
            n_multi += len(polys) > 1
            if not simple:
                invalid.append(props.get("area_id"))
                if len(polys) == 1 and len(polys[0]) == 1 and len(polys[0][0]) == 4:
                    x, y = bowtie_crossing(polys[0][0])
                    near = min(math.hypot(addrs[a]["_xy"][0] - x, addrs[a]["_xy"][1] - y) for a in order)
                    bowtie_note = (props.get("area_id"), x, y, near)
            for a in order:
                p = addrs[a]["_cm"]
                for poly, (x0, y0, x1, y1) in zip(polys, boxes):
                    if x0 <= p[0] <= x1 and y0 <= p[1] <= y1:
                        covered, on_boundary = polygon_covers(poly, p)
                        boundary_hits += on_boundary
                        if covered:
                            ev.add(a, props["technology"], float(props["down_mbps"]), props["status"],
                                   props.get("planned_year"))
                            got.add(a)
                            break
        fp_stats[name] = (len(feats), len(got))
        print(f"- {name}: {len(feats)} features ({n_multi} multipolygons, {n_parts} polygons, {n_holes} holes), "
              f"invalid (not simple): {len(invalid)} {invalid}; {len(got):,} addresses covered")
    if bowtie_note:
        print(f"- bow-tie {bowtie_note[0]}: its edges cross at ({bowtie_note[1]:.2f}, {bowtie_note[2]:.2f}); "
              f"nearest address {bowtie_note[3]:.1f} m away (taken as the union of its two lobes)")
    print(f"- addresses exactly on a footprint boundary: {boundary_hits}")
    print()

    print(f"## Routes (route distance {route_distance:g} m)")
    nearest_all = {a: math.inf for a in order}
    ties = 0
    within_fibre = 0
    route_lengths = {}
    for name in ("routes_fibre.geojson", "routes_ducts.geojson"):
        feats = load_geojson(os.path.join(d, name))
        has_provider = any("provider" in f["properties"] for f in feats)
        total = sum(line_length_m(f["geometry"]["coordinates"]) for f in feats)
        route_lengths[name] = total
        idx = RouteIndex(feats)
        got = 0
        for a in order:
            x, y = addrs[a]["_xy"]
            dist, at = idx.nearest(x, y)
            nearest_all[a] = min(nearest_all[a], dist)
            if len({offer_key(feats[k]["properties"]) for k in at}) > 1:
                ties += 1
            if has_provider and dist <= route_distance:
                p = feats[min(at)]["properties"]
                ev.add(a, p["technology"], float(p["down_mbps"]), p["status"], p.get("planned_year"))
                got += 1
        if has_provider:
            within_fibre = got
        kinds = {}
        for f in feats:
            k = (f["properties"].get("kind", "duct"), f["properties"].get("status", "-"))
            kinds[k] = kinds.get(k, 0.0) + line_length_m(f["geometry"]["coordinates"])
        detail = ", ".join(f"{k[0]} {k[1]} {v / 1000:.2f} km" for k, v in sorted(kinds.items()))
        print(f"- {name}: {len(feats)} lines, {total / 1000:.2f} km ({detail}); "
              + (f"{got:,} addresses within {route_distance:g} m get the nearest route's offer" if has_provider
                 else "no provider: distance only"))
    print(f"- ties between equally near routes with different offers: {ties}")
    rounded = {a: cpp_round_tenth(nearest_all[a]) for a in order}
    s = 0.0
    for a in order:
        s += rounded[a]
    within_any = sum(1 for a in order if rounded[a] <= route_distance)
    print(f"- nearest_route_m: sum {s:.1f} m over {len(order):,} addresses, min {min(rounded.values())}, "
          f"max {max(rounded.values())}; addresses with nearest_route_m <= {route_distance:g}: {within_any:,}")
    print()

    cls = cs.classify(order, ev)
    print("## Without spatial evidence (offers only)")
    print()
    e0 = cs.print_tables(addrs, order, cls0, base)
    print()
    print("## With footprints and routes")
    print()
    e1 = cs.print_tables(addrs, order, cls, ev)
    print()
    moves = {}
    for a in order:
        if cls0[a] != cls[a] or cs.eligible(a, cls0, base) != cs.eligible(a, cls, ev):
            k = (cls0[a], cls[a], cs.eligible(a, cls0, base), cs.eligible(a, cls, ev))
            moves[k] = moves.get(k, 0) + 1
    print("Changes (class, eligible) offers only -> with spatial evidence:")
    for k, v in sorted(moves.items()):
        print(f"- {k[0]}/{'eligible' if k[2] else 'not eligible'} -> {k[1]}/{'eligible' if k[3] else 'not eligible'}: {v:,}")
    print()
    print("Per district with the spatial evidence (white / grey / served / eligible addresses):")
    per = {}
    for a in order:
        k = addrs[a]["district"]
        row = per.setdefault(k, [0, 0, 0, 0])
        row[("white", "grey", "served").index(cls[a])] += 1
        row[3] += cs.eligible(a, cls, ev)
    print("; ".join(f"{k} {w}/{g}/{sv}/{e}" for k, (w, g, sv, e) in per.items()))
    print()
    counts = {c: sum(1 for a in order if cls[a] == c) for c in ("white", "grey", "served")}
    print("## Figures for tests/scripts/jena_spatial.sh")
    print(f"white={counts['white']} grey={counts['grey']} served={counts['served']} eligible={e1} "
          f"units={sum(units.values())}")
    print(f"offers-only eligible={e0}; offer rows read {read}, used {used}, rejected {len(rejects)}")
    for name, (nf, ncov) in fp_stats.items():
        print(f"{name}: read {nf}")
    print(f"nearest_route_m sum {s:.1f}; within {route_distance:g} m of any route {within_any}; "
          f"within {route_distance:g} m of a fibre route {within_fibre}")
    for name, total in route_lengths.items():
        print(f"{name}: {total / 1000:.2f} km")

    if per_address:
        with open(per_address, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "class", "eligible", "nearest_route_m"])
            for a in order:
                v = rounded[a]  # as fmt's "{}" prints a double: shortest form, no ".0"
                w.writerow([a, cls[a], "true" if cs.eligible(a, cls, ev) else "false",
                            str(int(v)) if v == int(v) else repr(v)])
    if problems or ties or boundary_hits:
        sys.exit(1)


if __name__ == "__main__":
    main()
