#pragma once
// Desk mode: the exact Euclidean minimum spanning tree over the address points plus the
// existing network as one extra node (index n; its distance to point i is network_m[i]).
//   * n <= prim_limit: Prim's algorithm on the complete graph, O(n^2), exact by definition.
//   * larger n: Borůvka's algorithm over a k-d tree of the points, each component taking its
//     least edge to another component (a point, or the network) in a strict order (length,
//     then the lower index, then the higher). With a strict order the minimum spanning tree
//     is unique, so this is exactly the tree Kruskal finds on the complete graph with the
//     extra node (unit test against that), ties, duplicates and collinear points included.
//     Memory: the tree (a node per ~4 points) and a few arrays of n; no triangulation.
//     Its edges come in that order, each with a < b.
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
