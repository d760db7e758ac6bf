#include "plan/mst.hpp"

#include "coverage/error.hpp"
#include "geos/context.hpp"
#include "plan/steiner.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
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

// Delaunay edges of the distinct points (GEOS), as index pairs; plus duplicates' zero edges.
bool delaunay_candidates(const std::vector<double>& x, const std::vector<double>& y, std::vector<Candidate>& out)
{
    const std::size_t n = x.size();
    absl::flat_hash_map<std::pair<double, double>, std::uint32_t> first;
    first.reserve(n);
    std::vector<std::uint32_t> unique_points;
    for (std::uint32_t i = 0; i < n; ++i) {
        auto [it, fresh] = first.try_emplace(std::make_pair(x[i], y[i]), i);
        if (fresh) unique_points.push_back(i);
        else out.push_back({0.0, it->second, i});
    }
    if (unique_points.size() < 3) return false;
    geos::Context ctx;
    std::vector<GEOSGeometry*> pts;
    pts.reserve(unique_points.size());
    for (const std::uint32_t i : unique_points) pts.push_back(GEOSGeom_createPointFromXY_r(ctx, x[i], y[i]));
    geos::Geom multi = geos::own(
        ctx, GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, pts.data(), static_cast<unsigned>(pts.size())));
    if (!multi) throw InputError(fmt::format("desk mode: cannot build the point set ({})", ctx.last_error()));
    geos::Geom edges = geos::own(ctx, GEOSDelaunayTriangulation_r(ctx, multi.get(), 0.0, 1));
    if (!edges) throw InputError(fmt::format("desk mode: Delaunay triangulation failed ({})", ctx.last_error()));
    const int count = GEOSGetNumGeometries_r(ctx, edges.get());
    DisjointSets sets(n);
    std::size_t joined = 0;
    for (int k = 0; k < count; ++k) {
        const GEOSGeometry* line = GEOSGetGeometryN_r(ctx, edges.get(), k);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, line);
        double ax = 0, ay = 0, bx = 0, by = 0;
        GEOSCoordSeq_getXY_r(ctx, seq, 0, &ax, &ay);
        GEOSCoordSeq_getXY_r(ctx, seq, 1, &bx, &by);
        const auto ia = first.find(std::make_pair(ax, ay));
        const auto ib = first.find(std::make_pair(bx, by));
        if (ia == first.end() || ib == first.end()) return false; // moved coordinates: do not trust
        std::uint32_t a = ia->second, b = ib->second;
        if (a > b) std::swap(a, b);
        out.push_back({std::hypot(x[a] - x[b], y[a] - y[b]), a, b});
        if (sets.unite(a, b)) ++joined;
    }
    return joined + 1 == unique_points.size();
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
