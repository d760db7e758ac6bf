#!/usr/bin/python3
"""Independent checks of `coverage plan` (no code shared with the library):
  desk  N SEED : desk mode == the exact MST (scipy.sparse.csgraph.minimum_spanning_tree on the
                 complete graph of N random points plus the network as one node), and the
                 per-address costs add up to the total to the cent.
  street ROWS COLS TERMINALS SEED : street mode on a random street grid <= networkx's
                 steiner_tree on the same graph, and >= half of it.
Usage: independent_check.py BINARY desk|street ARGS...   (exit 0 = pass)"""
import csv, json, math, os, random, subprocess, sys, tempfile, time
from decimal import Decimal

X0, Y0 = 680000.0, 5640000.0

def to_lonlat(points):
    text = "".join(f"{X0 + x!r} {Y0 + y!r}\n" for x, y in points)
    out = subprocess.run(["gdaltransform", "-s_srs", "EPSG:25832", "-t_srs", "EPSG:4326", "-output_xy"],
                         input=text, capture_output=True, text=True, check=True).stdout.split()
    return [(out[2 * i], out[2 * i + 1]) for i in range(len(points))]

def write_results(path, points):
    with open(path, "w") as f:
        f.write("id,lon,lat,units,class,eligible,best_technology\n")
        for i, (lon, lat) in enumerate(to_lonlat(points)):
            f.write(f"a{i},{lon},{lat},1,white,1,adsl\n")

def write_lines(path, lines):
    fc = {"type": "FeatureCollection",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
          "features": [{"type": "Feature", "properties": {},
                        "geometry": {"type": "LineString", "coordinates": [[X0 + x, Y0 + y] for x, y in l]}}
                       for l in lines]}
    with open(path, "w") as f:
        json.dump(fc, f)

def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)

def run(binary, args):
    subprocess.run([binary, "plan", *args, "--working-crs", "EPSG:25832", "--quiet", "--overwrite"], check=True)

def cents_check(addresses_csv, summary):
    total = Decimal(0)
    with open(addresses_csv) as f:
        for row in csv.DictReader(f):
            if row["connected"] == "true":
                total += Decimal(row["cost"])
    want = Decimal(f"{summary['cost']['total']:.2f}")
    if total != want:
        sys.exit(f"FAIL: per-address costs add up to {total}, the total is {want}")
    print(f"ok: per-address costs add up to the total {want} to the cent")

def desk(binary, n, seed):
    import numpy as np
    from scipy.sparse.csgraph import minimum_spanning_tree
    rnd = random.Random(seed)
    pts = [(rnd.uniform(0, 5000), rnd.uniform(0, 5000)) for _ in range(n)]
    route = [(-200.0, -200.0), (2500.0, -100.0), (5200.0, 800.0)]
    with tempfile.TemporaryDirectory() as d:
        write_results(f"{d}/r.csv", pts)
        write_lines(f"{d}/route.geojson", [route])
        run(binary, [f"{d}/r.csv", "--routes", f"{d}/route.geojson", "--detour", "1", "--summary", f"{d}/s.json",
                     "--addresses-out", f"{d}/a.csv"])
        s = json.load(open(f"{d}/s.json"))
        P = np.array(pts)
        D = np.sqrt(((P[:, None, :] - P[None, :, :]) ** 2).sum(-1))
        net = np.array([min(seg_dist(p, route[k], route[k + 1]) for k in range(len(route) - 1)) for p in pts])
        M = np.zeros((n + 1, n + 1))
        M[:n, :n] = D
        M[:n, n] = net
        M[n, :n] = net
        # csgraph treats 0 as "no edge": coincident points do not occur with random floats.
        want = minimum_spanning_tree(M).sum()
        got = s["length_m"]["trench"]
        print(f"desk n={n}: coverage {got:.2f} m, scipy MST {want:.2f} m")
        if abs(got - want) > 0.01 + 1e-9 * want:
            sys.exit("FAIL: desk mode is not the exact minimum spanning tree")
        cents_check(f"{d}/a.csv", s)

def street(binary, rows, cols, terms, seed):
    import networkx as nx
    from networkx.algorithms.approximation import steiner_tree
    rnd = random.Random(seed)
    node = {}
    for i in range(rows):
        for j in range(cols):
            node[(i, j)] = (j * 100 + rnd.uniform(-20, 20), i * 100 + rnd.uniform(-20, 20))
    G = nx.Graph()
    lines = []
    for (i, j), p in node.items():
        for q in ((i + 1, j), (i, j + 1)):
            if q in node and rnd.random() < 0.85:
                G.add_edge((i, j), q, weight=math.dist(p, node[q]))
                lines.append([p, node[q]])
    root = max(nx.connected_components(G), key=len)
    nodes = sorted(root)
    terminals = rnd.sample(nodes, terms)
    src = nodes[0]
    with tempfile.TemporaryDirectory() as d:
        write_results(f"{d}/r.csv", [node[t] for t in terminals])
        write_lines(f"{d}/streets.geojson", lines)
        sp = node[src]
        write_lines(f"{d}/route.geojson", [[sp, (sp[0] - 300, sp[1] - 300)]])
        t0 = time.time()
        run(binary, [f"{d}/r.csv", "--streets", f"{d}/streets.geojson", "--routes", f"{d}/route.geojson",
                     "--summary", f"{d}/s.json", "--addresses-out", f"{d}/a.csv"])
        ours_s = time.time() - t0
        s = json.load(open(f"{d}/s.json"))
        t0 = time.time()
        T = steiner_tree(G.subgraph(root), list(set(terminals) | {src}), weight="weight")
        nx_s = time.time() - t0
        theirs = T.size(weight="weight")
        ours = s["length_m"]["trench"]
        print(f"street {rows}x{cols}, {terms} terminals: coverage {ours:.2f} m in {ours_s:.2f} s, "
              f"networkx {theirs:.2f} m in {nx_s:.2f} s")
        if s["connected"]["addresses"] != terms:
            sys.exit(f"FAIL: {s['connected']['addresses']} of {terms} addresses connected")
        if ours > theirs + 0.01:
            sys.exit("FAIL: longer than networkx's steiner_tree")
        if ours < theirs / 2 - 0.01:
            sys.exit("FAIL: shorter than half of networkx's steiner_tree (impossible for a valid tree)")
        cents_check(f"{d}/a.csv", s)

if __name__ == "__main__":
    binary, what, *rest = sys.argv[1:]
    if what == "desk":
        desk(binary, int(rest[0]), int(rest[1]))
    else:
        street(binary, *map(int, rest))
