#include "plan/graph.hpp"

#include "plan/segment_index.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>

namespace coverage::plan {
namespace {

// Merges vertices within snap_m: a hash of 0.5 m cells, each vertex compared with the nodes
// of the 3 x 3 cells around it; the lowest node id within reach wins (input order).
class Snapper {
public:
    explicit Snapper(StreetGraph& g) : g_(g) {}

    std::uint32_t node(double x, double y)
    {
        const std::int64_t ci = cell(x), cj = cell(y);
        std::uint32_t found = none;
        for (std::int64_t j = cj - 1; j <= cj + 1; ++j)
            for (std::int64_t i = ci - 1; i <= ci + 1; ++i) {
                const auto it = head_.find(key(i, j));
                if (it == head_.end()) continue;
                for (std::uint32_t n = it->second; n != none; n = next_[n])
                    if (n < found && std::hypot(g_.x[n] - x, g_.y[n] - y) <= snap_m) found = n;
            }
        if (found != none) return found;
        return add(x, y);
    }

    std::uint32_t add(double x, double y)
    {
        const auto n = static_cast<std::uint32_t>(g_.x.size());
        g_.x.push_back(x);
        g_.y.push_back(y);
        g_.source.push_back(0);
        auto [it, fresh] = head_.try_emplace(key(cell(x), cell(y)), n);
        next_.push_back(fresh ? none : it->second);
        if (!fresh) it->second = n;
        return n;
    }

private:
    static std::int64_t cell(double v) { return static_cast<std::int64_t>(std::floor(v / snap_m)); }
    static std::uint64_t key(std::int64_t i, std::int64_t j)
    {
        return (static_cast<std::uint64_t>(i) << 32) ^ static_cast<std::uint32_t>(j);
    }
    StreetGraph& g_;
    absl::flat_hash_map<std::uint64_t, std::uint32_t> head_;
    std::vector<std::uint32_t> next_;
};

struct Split {
    std::uint32_t segment;
    double t;
    std::uint32_t node;
};

} // namespace

StreetGraph build_street_graph(const GraphInput& in)
{
    StreetGraph g;
    Snapper snap(g);
    std::vector<std::uint8_t> on_street;
    // Street segments as node pairs (zero-length ones dropped).
    std::vector<std::uint32_t> sa, sb;
    auto add_lines = [&](const std::vector<Polyline>& lines, std::vector<std::uint32_t>& a,
                         std::vector<std::uint32_t>& b) {
        for (const Polyline& l : lines) {
            std::uint32_t prev = none;
            for (std::size_t k = 0; k + 1 < l.size(); k += 2) {
                const std::uint32_t n = snap.node(l[k], l[k + 1]);
                if (prev != none && prev != n) {
                    a.push_back(prev);
                    b.push_back(n);
                }
                prev = n;
            }
        }
    };
    add_lines(in.streets, sa, sb);
    on_street.assign(g.nodes(), 1);
    std::vector<std::uint32_t> da, db;
    add_lines(in.ducts, da, db);
    std::vector<std::uint32_t> route_nodes;
    for (const Polyline& l : in.routes)
        for (std::size_t k = 0; k + 1 < l.size(); k += 2) route_nodes.push_back(snap.node(l[k], l[k + 1]));
    on_street.resize(g.nodes(), 0);
    for (const std::uint32_t n : route_nodes) g.source[n] = 1;

    std::vector<Segment> segs(sa.size());
    for (std::size_t k = 0; k < sa.size(); ++k) segs[k] = {g.x[sa[k]], g.y[sa[k]], g.x[sb[k]], g.y[sb[k]]};
    // Cells about a segment long: a drop query then usually stops after the 3 x 3 cells
    // around its point.
    double total_m = 0;
    for (const Segment& sg : segs) total_m += std::hypot(sg.bx - sg.ax, sg.by - sg.ay);
    const double mean_m = segs.empty() ? 25.0 : total_m / static_cast<double>(segs.size());
    const SegmentIndex index(segs, std::clamp(mean_m, 10.0, std::max(in.max_drop_m, 10.0)));

    std::vector<Split> splits;
    // Duct and route vertices that are not street vertices but lie on a street segment.
    for (std::uint32_t n = 0; n < g.nodes(); ++n) {
        if (on_street[n]) continue;
        const NearestSegment hit = index.nearest(g.x[n], g.y[n], snap_m);
        if (hit.found() && hit.at.t > 0 && hit.at.t < 1) splits.push_back({hit.segment, hit.at.t, n});
    }
    // Drops.
    const std::size_t points = in.px.size();
    g.attach.assign(points, none);
    g.drop_m.assign(points, 0);
    g.drop_x.assign(points, 0);
    g.drop_y.assign(points, 0);
    constexpr double same_point_m = 0.01;
    const auto first_drop_node = static_cast<std::uint32_t>(g.nodes());
    for (std::size_t p = 0; p < points; ++p) {
        const NearestSegment hit = index.nearest(in.px[p], in.py[p], in.max_drop_m);
        if (!hit.found()) continue;
        const Segment& s = segs[hit.segment];
        const double len = std::hypot(s.bx - s.ax, s.by - s.ay);
        g.drop_m[p] = hit.at.distance;
        std::uint32_t n;
        if (hit.at.t * len < same_point_m) {
            n = sa[hit.segment];
        } else if ((1 - hit.at.t) * len < same_point_m) {
            n = sb[hit.segment];
        } else {
            n = snap.add(hit.at.x, hit.at.y);
            splits.push_back({hit.segment, hit.at.t, n});
        }
        g.attach[p] = n;
    }
    // Cut each street segment at its splits, in order along it; splits within 1 cm of each
    // other become one node.
    std::sort(splits.begin(), splits.end(), [](const Split& a, const Split& b) {
        return a.segment != b.segment ? a.segment < b.segment : a.t != b.t ? a.t < b.t : a.node < b.node;
    });
    std::vector<std::uint32_t> alias(g.nodes(), none);
    std::vector<std::uint8_t> has_split(sa.size(), 0);
    for (const Split& s : splits) has_split[s.segment] = 1;
    auto add_edge = [&](std::uint32_t a, std::uint32_t b, EdgeKind kind) {
        if (a == b) return;
        g.from.push_back(a);
        g.to.push_back(b);
        g.length_m.push_back(std::hypot(g.x[b] - g.x[a], g.y[b] - g.y[a]));
        g.kind.push_back(kind);
    };
    std::size_t k = 0;
    for (std::uint32_t seg = 0; seg < sa.size(); ++seg) {
        if (!has_split[seg]) {
            add_edge(sa[seg], sb[seg], EdgeKind::trench);
            continue;
        }
        std::uint32_t prev = sa[seg];
        const double len = std::hypot(segs[seg].bx - segs[seg].ax, segs[seg].by - segs[seg].ay);
        double prev_t = 0;
        for (; k < splits.size() && splits[k].segment == seg; ++k) {
            const Split& s = splits[k];
            if (s.node >= first_drop_node && (s.t - prev_t) * len < same_point_m) {
                alias[s.node] = prev; // an address drop point next to the previous split
                continue;
            }
            add_edge(prev, s.node, EdgeKind::trench);
            prev = s.node;
            prev_t = s.t;
        }
        add_edge(prev, sb[seg], EdgeKind::trench);
    }
    for (std::size_t e = 0; e < da.size(); ++e) add_edge(da[e], db[e], EdgeKind::duct);
    for (auto& n : g.attach)
        if (n != none && alias[n] != none) n = alias[n];
    for (std::size_t p = 0; p < points; ++p) {
        if (g.attach[p] == none) continue;
        g.drop_x[p] = g.x[g.attach[p]];
        g.drop_y[p] = g.y[g.attach[p]];
        if (in.point_feeds[p]) g.source[g.attach[p]] = 1;
    }
    return g;
}

} // namespace coverage::plan
