#include "plan/steiner.hpp"

#include "plan/graph.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <queue>

namespace coverage::plan {

Adjacency make_adjacency(std::size_t nodes, const std::vector<std::uint32_t>& from,
                         const std::vector<std::uint32_t>& to, const std::vector<std::uint8_t>* use)
{
    Adjacency a;
    a.start.assign(nodes + 1, 0);
    for (std::size_t e = 0; e < from.size(); ++e) {
        if (use && !(*use)[e]) continue;
        ++a.start[from[e] + 1];
        ++a.start[to[e] + 1];
    }
    for (std::size_t n = 1; n <= nodes; ++n) a.start[n] += a.start[n - 1];
    a.edge.resize(a.start[nodes]);
    std::vector<std::uint32_t> fill(a.start.begin(), a.start.end() - 1);
    for (std::uint32_t e = 0; e < from.size(); ++e) {
        if (use && !(*use)[e]) continue;
        a.edge[fill[from[e]]++] = e;
        a.edge[fill[to[e]]++] = e;
    }
    return a;
}

DisjointSets::DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

std::uint32_t DisjointSets::find(std::uint32_t a)
{
    while (parent_[a] != a) a = parent_[a] = parent_[parent_[a]];
    return a;
}

bool DisjointSets::unite(std::uint32_t a, std::uint32_t b)
{
    a = find(a), b = find(b);
    if (a == b) return false;
    if (a < b) parent_[b] = a;
    else parent_[a] = b;
    return true;
}

SteinerResult steiner_mehlhorn(const SteinerInput& in)
{
    const std::vector<std::uint32_t>& from = *in.from;
    const std::vector<std::uint32_t>& to = *in.to;
    const std::size_t n = in.nodes;
    const Adjacency adj = make_adjacency(n, from, to);

    // Labels: 0 = the existing network, 1.. = terminal nodes in node order.
    std::vector<std::uint32_t> label(n, none);
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<std::uint32_t> pred_edge(n, none);
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    for (std::uint32_t v = 0; v < n; ++v)
        if ((*in.source)[v]) {
            label[v] = 0;
            dist[v] = 0;
            heap.push({0.0, v});
        }
    std::vector<std::uint32_t> terminals = in.terminals;
    std::sort(terminals.begin(), terminals.end());
    terminals.erase(std::unique(terminals.begin(), terminals.end()), terminals.end());
    std::uint32_t labels = 1;
    for (const std::uint32_t t : terminals) {
        if (label[t] == 0) continue; // already on the network
        label[t] = labels++;
        dist[t] = 0;
        heap.push({0.0, t});
    }
    while (!heap.empty()) {
        const auto [d, u] = heap.top();
        heap.pop();
        if (d > dist[u]) continue;
        for (std::uint32_t k = adj.start[u]; k < adj.start[u + 1]; ++k) {
            const std::uint32_t e = adj.edge[k];
            const std::uint32_t v = from[e] == u ? to[e] : from[e];
            const double nd = d + in.weight[e];
            if (nd < dist[v]) {
                dist[v] = nd;
                label[v] = label[u];
                pred_edge[v] = e;
                heap.push({nd, v});
            }
        }
    }

    // Links between regions, shortest first; Kruskal over the region labels.
    struct Link {
        double length;
        std::uint32_t edge;
    };
    std::vector<Link> links;
    for (std::uint32_t e = 0; e < from.size(); ++e) {
        const std::uint32_t a = label[from[e]], b = label[to[e]];
        if (a == none || b == none || a == b) continue;
        links.push_back({dist[from[e]] + in.weight[e] + dist[to[e]], e});
    }
    std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
        return x.length != y.length ? x.length < y.length : x.edge < y.edge;
    });
    DisjointSets sets(labels);
    SteinerResult r;
    r.edge_in_tree.assign(from.size(), 0);
    r.connected.assign(n, 0);
    std::vector<std::uint8_t> on_path(n, 0);
    auto expand = [&](std::uint32_t v) {
        while (!on_path[v]) {
            on_path[v] = 1;
            const std::uint32_t e = pred_edge[v];
            if (e == none) break; // a terminal or a source node
            r.edge_in_tree[e] = 1;
            v = from[e] == v ? to[e] : from[e];
        }
    };
    for (const Link& l : links) {
        if (!sets.unite(label[from[l.edge]], label[to[l.edge]])) continue;
        r.edge_in_tree[l.edge] = 1;
        expand(from[l.edge]);
        expand(to[l.edge]);
    }
    for (const std::uint32_t t : terminals)
        if (label[t] != none && sets.find(label[t]) == sets.find(0)) r.connected[t] = 1;
    // Links inside components that never reach the network are not part of the plan.
    for (std::uint32_t e = 0; e < from.size(); ++e)
        if (r.edge_in_tree[e] && sets.find(label[from[e]]) != sets.find(0)) r.edge_in_tree[e] = 0;
    return r;
}

} // namespace coverage::plan
