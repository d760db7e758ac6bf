#!/usr/bin/env bash
# Independent checks of `coverage plan` with Debian's SciPy and networkx (tests/scripts/plan/
# independent_check.py, which shares no code with the library):
#   * desk mode equals the exact minimum spanning tree computed by SciPy on the complete graph
#     (1,500 points: coverage uses Prim; 2,500 points: Delaunay + Kruskal);
#   * street mode is never longer than networkx's steiner_tree on the same random street grid
#     and never shorter than half of it;
#   * in every run the per-address costs add up to the total to the cent.
set -euo pipefail
bin=$1
py=/usr/bin/python3
if ! $py -c "import numpy, scipy, networkx" 2>/dev/null; then
  echo "skip: needs python3-scipy and python3-networkx (scripts/setup installs them)"; exit 77
fi
command -v gdaltransform >/dev/null || { echo "skip: needs gdaltransform (gdal-bin)"; exit 77; }
check=tests/scripts/plan/independent_check.py
$py $check "$bin" desk 1500 1
$py $check "$bin" desk 2500 2
$py $check "$bin" street 20 20 60 3
$py $check "$bin" street 20 20 60 4
