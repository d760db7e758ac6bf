#pragma once
// Desk mode: the exact Euclidean minimum spanning tree over the address points plus the
// existing network as one extra node (index n; its distance to point i is network_m[i]).
//   * n <= prim_limit: Prim's algorithm on the complete graph, O(n^2), exact by definition.
//   * larger n: Kruskal on the Delaunay edges of the points plus the n network edges. Exact,
//     because (a) every edge of the MST of the complete graph with the extra node is either
//     a network edge or an edge of the points' own MST (cycle property: an edge that is the
//     heaviest on a cycle of points stays the heaviest on that cycle), and (b) some Euclidean
//     MST of a point set lies in its Delaunay triangulation (Shamos & Hoey 1975). Duplicate
//     points join their first copy by a zero-length edge. If the triangulation does not
//     connect the points (all collinear), Prim is used.
#include <cstdint>
#include <vector>

namespace coverage::plan {

struct TreeEdge {
    std::uint32_t a = 0, b = 0; // b == n: the edge to the existing network
    double length = 0;
};

constexpr std::size_t prim_limit = 2000;

std::vector<TreeEdge> network_mst(const std::vector<double>& x, const std::vector<double>& y,
                                  const std::vector<double>& network_m, std::size_t prim_up_to = prim_limit);

} // namespace coverage::plan
