#pragma once
// Steiner tree in a graph by Mehlhorn's 2-approximation (K. Mehlhorn, "A faster
// approximation algorithm for the Steiner problem in graphs", IPL 27, 1988):
//   1. one Dijkstra from all terminals at once gives each node its nearest terminal
//      (its Voronoi region) and the distance to it;
//   2. every edge between two regions is a candidate link between their terminals, of
//      length d(u) + w(u, v) + d(v); Kruskal over the candidates gives a spanning tree of the
//      terminals (a minimum spanning tree of Mehlhorn's graph G1');
//   3. each chosen link expands into its edge plus the two shortest paths to the terminals.
// The existing network is ONE terminal: every source node starts at distance 0 with label 0,
// so the tree connects each reachable terminal to the nearest part of the network. The
// result is a tree (or forest rooted at source nodes) at most 2 (1 - 1/l) times the optimum,
// in O((V + E) log V). Deterministic: the heap orders by (distance, node), Kruskal by
// (length, edge).
#include <cstdint>
#include <vector>

namespace coverage::plan {

struct SteinerInput {
    std::size_t nodes = 0;
    const std::vector<std::uint32_t>* from = nullptr;
    const std::vector<std::uint32_t>* to = nullptr;
    std::vector<double> weight;                        // per edge, >= 0
    const std::vector<std::uint8_t>* source = nullptr; // per node: on the existing network
    std::vector<std::uint32_t> terminals;              // nodes to connect (repeats allowed)
};

struct SteinerResult {
    std::vector<std::uint8_t> edge_in_tree; // per edge
    std::vector<std::uint8_t> connected;    // per node: a terminal joined to the network
};

SteinerResult steiner_mehlhorn(const SteinerInput& input);

/// Adjacency in compressed rows: for node n, the edges adj_edge[start[n] .. start[n+1]).
struct Adjacency {
    std::vector<std::uint32_t> start, edge;
};
Adjacency make_adjacency(std::size_t nodes, const std::vector<std::uint32_t>& from,
                         const std::vector<std::uint32_t>& to, const std::vector<std::uint8_t>* use = nullptr);

/// Union-find with path halving and union by index (the lower root wins: deterministic).
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n);
    std::uint32_t find(std::uint32_t a);
    bool unite(std::uint32_t a, std::uint32_t b);

private:
    std::vector<std::uint32_t> parent_;
};

} // namespace coverage::plan
