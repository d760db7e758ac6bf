#!/usr/bin/env python3
"""Synthetic street grids for scripts/bench-plan, and networkx's Steiner tree on the same graph.

  grid.py make DIR ROWS COLS ADDRESSES SEED
      DIR/streets.geojson   one LineString per block edge (EPSG:25832), intersections 100 m
                            apart (+-10 m jitter), a vertex every 20 m, 10 % of block edges left out
      DIR/route.geojson     the existing network: a short line ending on the south-west corner
      DIR/results.csv       ADDRESSES premises, each exactly on a street vertex (drop 0 m), so
                            coverage's graph and networkx's graph are the same graph
      DIR/graph.txt         the graph for networkx: "x y x y" per edge, then terminals
  grid.py nx DIR [mehlhorn|kou]
      networkx.algorithms.approximation.steiner_tree on DIR/graph.txt; prints length and seconds
"""
import json, math, random, subprocess, sys, time

X0, Y0 = 600000.0, 5500000.0

def make(d, rows, cols, n, seed):
    rnd = random.Random(seed)
    inter = {(i, j): (j * 100 + rnd.uniform(-10, 10), i * 100 + rnd.uniform(-10, 10))
             for i in range(rows) for j in range(cols)}
    inner = []  # vertices between intersections (candidate premises)
    with open(f"{d}/streets.geojson", "w") as f, open(f"{d}/graph.txt", "w") as g:
        f.write('{"type": "FeatureCollection", "crs": {"type": "name", "properties": '
                '{"name": "urn:ogc:def:crs:EPSG::25832"}}, "features": [\n')
        first = True
        for (i, j), p in inter.items():
            for q in ((i + 1, j), (i, j + 1)):
                if q not in inter or rnd.random() < 0.10:
                    continue
                a, b = p, inter[q]
                pts = [(round(a[0] + (b[0] - a[0]) * k / 5, 2), round(a[1] + (b[1] - a[1]) * k / 5, 2)) for k in range(6)]
                inner.extend(pts[1:5])
                coords = ",".join(f"[{X0 + x:.2f},{Y0 + y:.2f}]" for x, y in pts)
                f.write(("" if first else ",\n") + '{"type": "Feature", "properties": {}, "geometry": '
                        f'{{"type": "LineString", "coordinates": [{coords}]}}}}')
                first = False
                for k in range(5):
                    g.write(f"{pts[k][0]} {pts[k][1]} {pts[k + 1][0]} {pts[k + 1][1]}\n")
        f.write("\n]}\n")
        premises = rnd.sample(inner, n)
        src = tuple(round(v, 2) for v in inter[(0, 0)])
        g.write("terminals\n")
        g.write(f"{src[0]} {src[1]}\n")
        for x, y in premises:
            g.write(f"{x} {y}\n")
    with open(f"{d}/route.geojson", "w") as f:
        f.write('{"type": "FeatureCollection", "crs": {"type": "name", "properties": '
                '{"name": "urn:ogc:def:crs:EPSG::25832"}}, "features": [{"type": "Feature", "properties": {}, '
                f'"geometry": {{"type": "LineString", "coordinates": [[{X0 + src[0] - 200:.2f},{Y0 + src[1] - 200:.2f}],'
                f'[{X0 + src[0]:.2f},{Y0 + src[1]:.2f}]]}}}}]}}\n')
    text = "".join(f"{X0 + x:.2f} {Y0 + y:.2f}\n" for x, y in premises)
    out = subprocess.run(["gdaltransform", "-s_srs", "EPSG:25832", "-t_srs", "EPSG:4326", "-output_xy"],
                         input=text, capture_output=True, text=True, check=True).stdout.split()
    with open(f"{d}/results.csv", "w") as f:
        f.write("id,lon,lat,units,class,eligible,best_technology\n")
        for k in range(n):
            f.write(f"p{k},{out[2 * k]},{out[2 * k + 1]},1,white,true,\n")

def run_nx(d, method):
    import networkx as nx
    from networkx.algorithms.approximation import steiner_tree
    G = nx.Graph()
    terminals = []
    t0 = time.time()
    with open(f"{d}/graph.txt") as f:
        for line in f:
            if line.startswith("terminals"):
                break
            ax, ay, bx, by = map(float, line.split())
            G.add_edge((ax, ay), (bx, by), weight=math.hypot(bx - ax, by - ay))
        for line in f:
            x, y = map(float, line.split())
            terminals.append((x, y))
    comp = nx.node_connected_component(G, terminals[0])
    terminals = [t for t in set(terminals) if t in comp]
    H = G.subgraph(comp)
    load = time.time() - t0
    t0 = time.time()
    c0 = time.process_time()
    kwargs = {"method": method} if nx.__version__.split(".")[0] >= "3" else {}
    T = steiner_tree(H, terminals, weight="weight", **kwargs)
    secs = time.time() - t0
    cpu = time.process_time() - c0
    print(json.dumps({"networkx": nx.__version__, "method": method, "terminals": len(terminals),
                      "length_m": round(T.size(weight="weight"), 2), "seconds": round(secs, 2), "cpu_seconds": round(cpu, 2),
                      "load_seconds": round(load, 2)}))

if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], *map(int, sys.argv[3:7]))
    else:
        run_nx(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "mehlhorn")
