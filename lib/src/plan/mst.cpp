#include "plan/mst.hpp"

#include "plan/steiner.hpp"

#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>
#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace coverage::plan {
namespace {

std::vector<TreeEdge> prim(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& net)
{
    const std::size_t n = x.size();
    std::vector<double> key(net);
    std::vector<std::uint32_t> parent(n, static_cast<std::uint32_t>(n));
    std::vector<std::uint8_t> done(n, 0);
    std::vector<TreeEdge> out;
    out.reserve(n);
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t best = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!done[i] && (best == n || key[i] < key[best])) best = i;
        done[best] = 1;
        out.push_back({static_cast<std::uint32_t>(best), parent[best], key[best]});
        for (std::size_t i = 0; i < n; ++i) {
            if (done[i]) continue;
            const double d = std::hypot(x[i] - x[best], y[i] - y[best]);
            if (d < key[i]) key[i] = d, parent[i] = static_cast<std::uint32_t>(best);
        }
    }
    return out;
}

struct Candidate {
    double length;
    std::uint32_t a, b;
    bool operator<(const Candidate& o) const
    {
        return length != o.length ? length < o.length : a != o.a ? a < o.a : b < o.b;
    }
};

// Delaunay edges of the distinct points, as index pairs; plus duplicates' zero edges. CGAL's
// triangulation with exact predicates: a true Delaunay triangulation however close points come
// to a common circle, so it holds every edge of the minimum spanning tree (each has a diametral
// disk empty of other points, and such an edge is in every Delaunay triangulation), and Kruskal
// finds the same tree from it as from any other. About 150 bytes a point (GEOS's triangulation
// with its edges as line geometries: 1.1 kB). False when the points are all on one line.
bool delaunay_candidates(const std::vector<double>& x, const std::vector<double>& y, std::vector<Candidate>& out)
{
    using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;
    using Vertex = CGAL::Triangulation_vertex_base_with_info_2<std::uint32_t, Kernel>;
    using Tds = CGAL::Triangulation_data_structure_2<Vertex>;
    using Delaunay = CGAL::Delaunay_triangulation_2<Kernel, Tds>;
    const std::size_t n = x.size();
    std::vector<std::pair<Kernel::Point_2, std::uint32_t>> points;
    {
        absl::flat_hash_map<std::pair<double, double>, std::uint32_t> first;
        first.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            auto [it, fresh] = first.try_emplace(std::make_pair(x[i], y[i]), i);
            if (fresh) points.emplace_back(Kernel::Point_2(x[i], y[i]), i);
            else out.push_back({0.0, it->second, i});
        }
    }
    if (points.size() < 3) return false;
    const std::size_t unique_points = points.size();
    const Delaunay dt(points.begin(), points.end()); // spatially sorted insertion
    points = {};
    if (dt.dimension() < 2) return false;
    out.reserve(out.size() + dt.number_of_vertices() * 3 + n);
    DisjointSets sets(n);
    std::size_t joined = 0;
    for (auto e = dt.finite_edges_begin(); e != dt.finite_edges_end(); ++e) {
        const auto& face = e->first;
        std::uint32_t a = face->vertex(Delaunay::cw(e->second))->info();
        std::uint32_t b = face->vertex(Delaunay::ccw(e->second))->info();
        if (a > b) std::swap(a, b);
        out.push_back({std::hypot(x[a] - x[b], y[a] - y[b]), a, b});
        if (sets.unite(a, b)) ++joined;
    }
    return joined + 1 == unique_points;
}

} // namespace

std::vector<TreeEdge> network_mst(const std::vector<double>& x, const std::vector<double>& y,
                                  const std::vector<double>& network_m, std::size_t prim_up_to)
{
    const std::size_t n = x.size();
    if (n <= prim_up_to) return prim(x, y, network_m);
    std::vector<Candidate> cand;
    if (!delaunay_candidates(x, y, cand)) return prim(x, y, network_m);
    const auto net = static_cast<std::uint32_t>(n);
    for (std::uint32_t i = 0; i < n; ++i) cand.push_back({network_m[i], i, net});
    std::sort(cand.begin(), cand.end());
    DisjointSets sets(n + 1);
    std::vector<TreeEdge> out;
    out.reserve(n);
    for (const Candidate& c : cand)
        if (sets.unite(c.a, c.b)) out.push_back({c.a, c.b, c.length});
    return out;
}

} // namespace coverage::plan
