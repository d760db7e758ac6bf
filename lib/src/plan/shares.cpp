#include "plan/shares.hpp"

#include "plan/steiner.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace coverage::plan {

std::vector<std::int64_t> largest_remainder(const std::vector<double>& exact, std::int64_t total_cents)
{
    const std::size_t n = exact.size();
    std::vector<std::int64_t> out(n);
    std::vector<double> frac(n);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // A hair above an integer (float noise) counts as that integer.
        const double f = std::floor(exact[i] + 1e-7);
        out[i] = static_cast<std::int64_t>(f);
        frac[i] = exact[i] - f;
        sum += out[i];
    }
    std::int64_t left = total_cents - sum;
    if (left == 0 || n == 0) return out;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (left > 0) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return frac[a] > frac[b]; });
        for (std::size_t k = 0; left > 0; k = (k + 1) % n, --left) ++out[order[k]];
    } else {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return frac[a] < frac[b]; });
        for (std::size_t k = 0; left < 0; k = (k + 1) % n, ++left) --out[order[k]];
    }
    return out;
}

ShareResult compute_shares(std::size_t nodes, const PlanEdges& edges, const std::vector<std::uint8_t>& roots,
                           const std::vector<std::uint32_t>& attach, const std::vector<std::int64_t>& area)
{
    const std::size_t m = edges.from.size();
    const Adjacency adj = make_adjacency(nodes, edges.from, edges.to);
    // Orient the forest from its roots (breadth first, roots in node order).
    std::vector<std::uint32_t> parent_edge(nodes, none);
    std::vector<std::uint8_t> seen(nodes, 0);
    std::vector<std::uint32_t> order;
    for (std::uint32_t r = 0; r < nodes; ++r) {
        if (!roots[r] || seen[r]) continue;
        seen[r] = 1;
        const std::size_t begin = order.size();
        order.push_back(r);
        for (std::size_t k = begin; k < order.size(); ++k) {
            const std::uint32_t u = order[k];
            for (std::uint32_t j = adj.start[u]; j < adj.start[u + 1]; ++j) {
                const std::uint32_t e = adj.edge[j];
                const std::uint32_t v = edges.from[e] == u ? edges.to[e] : edges.from[e];
                if (seen[v]) continue;
                seen[v] = 1;
                parent_edge[v] = e;
                order.push_back(v);
            }
        }
    }
    ShareResult r;
    r.served.assign(m, 0);
    r.child.assign(m, none);
    r.area.assign(m, -1);
    std::vector<std::uint32_t> count(nodes, 0);
    std::vector<std::int64_t> node_area(nodes, -1);
    const std::size_t n_addr = attach.size();
    for (std::size_t a = 0; a < n_addr; ++a) {
        const std::uint32_t v = attach[a];
        if (v == none) continue;
        ++count[v];
        const std::int64_t ar = area.empty() ? -1 : area[a];
        node_area[v] = node_area[v] == -1 || node_area[v] == ar ? ar : -2;
        if (ar == -1) node_area[v] = -2;
    }
    // Bottom-up: downstream counts and areas.
    for (std::size_t k = order.size(); k-- > 0;) {
        const std::uint32_t v = order[k];
        const std::uint32_t e = parent_edge[v];
        if (e == none) continue;
        r.served[e] = count[v];
        r.child[e] = v;
        r.area[e] = node_area[v] == -2 && count[v] == 0 ? -1 : node_area[v];
        const std::uint32_t p = edges.from[e] == v ? edges.to[e] : edges.from[e];
        count[p] += count[v];
        if (count[v] > 0) {
            const std::int64_t& a = node_area[v];
            node_area[p] = node_area[p] == -1 ? a : node_area[p] == a ? a : -2;
        }
    }
    // Top-down: shares along the path.
    std::vector<double> cost(nodes, 0), trench(nodes, 0), duct(nodes, 0), path(nodes, 0);
    for (const std::uint32_t v : order) {
        const std::uint32_t e = parent_edge[v];
        if (e == none) continue;
        const std::uint32_t p = edges.from[e] == v ? edges.to[e] : edges.from[e];
        const double k = count[v] > 0 ? static_cast<double>(count[v]) : 1.0;
        cost[v] = cost[p] + static_cast<double>(edges.cost_cents[e]) / k;
        trench[v] = trench[p] + (edges.kind[e] == EdgeKind::trench ? edges.length_m[e] / k : 0);
        duct[v] = duct[p] + (edges.kind[e] == EdgeKind::duct ? edges.length_m[e] / k : 0);
        path[v] = path[p] + edges.length_m[e];
    }
    std::vector<double> exact(n_addr, 0);
    r.trench_m.assign(n_addr, 0);
    r.duct_m.assign(n_addr, 0);
    r.path_m.assign(n_addr, 0);
    std::int64_t served_cents = 0;
    for (std::size_t e = 0; e < m; ++e)
        if (r.served[e] > 0) served_cents += edges.cost_cents[e];
    for (std::size_t a = 0; a < n_addr; ++a) {
        const std::uint32_t v = attach[a];
        if (v == none) continue;
        exact[a] = cost[v];
        r.trench_m[a] = trench[v];
        r.duct_m[a] = duct[v];
        r.path_m[a] = path[v];
    }
    r.share_cents = largest_remainder(exact, served_cents);
    return r;
}

} // namespace coverage::plan
