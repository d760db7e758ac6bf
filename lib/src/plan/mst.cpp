#include "plan/mst.hpp"

#include "coverage/error.hpp"
#include "plan/steiner.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <numeric>
#include <stdexcept>

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

// An edge in the order that makes the minimum spanning tree unique: length, then the lower
// index, then the higher (the network node is n, the highest). Lengths are
// std::hypot(x[a] - x[b], y[a] - y[b]) with a < b, the same number however the pair is met.
struct Edge {
    double length = std::numeric_limits<double>::infinity();
    std::uint32_t a = std::numeric_limits<std::uint32_t>::max(), b = std::numeric_limits<std::uint32_t>::max();
    bool operator<(const Edge& o) const
    {
        return length != o.length ? length < o.length : a != o.a ? a < o.a : b < o.b;
    }
};

// A k-d tree over the points (boxes split at the median of their wider side, leaves of up to
// 8 points), with each node's component when all its points share one: a query for the
// nearest point of another component skips whole subtrees of its own.
class KdTree {
public:
    struct Node {
        double minx, miny, maxx, maxy;
        std::uint32_t begin, end;  // points order_[begin, end)
        std::uint32_t left, right; // children (0: leaf; node 0 is the root, never a child)
        std::uint32_t component;   // all points in one component, or `mixed`
    };
    static constexpr std::uint32_t mixed = std::numeric_limits<std::uint32_t>::max();

    KdTree(const std::vector<double>& x, const std::vector<double>& y) : x_(x), y_(y)
    {
        order_.resize(x.size());
        std::iota(order_.begin(), order_.end(), 0U);
        nodes_.reserve(x.size() / 4 + 1);
        build(0, static_cast<std::uint32_t>(x.size()));
    }

    /// Marks each node with its points' component, if they share one.
    void label(const std::vector<std::uint32_t>& component)
    {
        for (std::size_t k = nodes_.size(); k-- > 0;) {
            Node& n = nodes_[k];
            if (n.left == 0) {
                n.component = component[order_[n.begin]];
                for (std::uint32_t i = n.begin + 1; i < n.end && n.component != mixed; ++i)
                    if (component[order_[i]] != n.component) n.component = mixed;
            } else {
                const std::uint32_t l = nodes_[n.left].component, r = nodes_[n.right].component;
                n.component = l == r ? l : mixed;
            }
        }
    }

    /// Lowers `best` (an edge from point p) to the least edge from p to a point of another
    /// component than `own`, if one is less.
    void nearest_other(std::uint32_t p, std::uint32_t own, const std::vector<std::uint32_t>& component,
                       Edge& best) const
    {
        const double px = x_[p], py = y_[p];
        // Pruned on squared lengths, without hypot: skip a box or a point only when its squared
        // distance exceeds the best length squared by a relative 1e-9, far more than the
        // rounding of either, so a point at a tied length is always measured exactly.
        auto reach = [&] { return best.length * best.length * (1 + 1e-9); };
        double limit = reach();
        std::uint32_t stack[128];
        std::size_t top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Node& n = nodes_[stack[--top]];
            if (n.component == own || gap2(n, px, py) > limit) continue;
            if (n.left == 0) {
                for (std::uint32_t k = n.begin; k < n.end; ++k) {
                    const std::uint32_t q = order_[k];
                    const double dx = x_[q] - px, dy = y_[q] - py;
                    if (dx * dx + dy * dy > limit || component[q] == own) continue;
                    const std::uint32_t a = std::min(p, q), b = std::max(p, q);
                    const Edge e{std::hypot(x_[a] - x_[b], y_[a] - y_[b]), a, b};
                    if (e < best) {
                        best = e;
                        limit = reach();
                    }
                }
                continue;
            }
            // The nearer child last, so it is searched first.
            const double dl = gap2(nodes_[n.left], px, py), dr = gap2(nodes_[n.right], px, py);
            if (top + 2 > std::size(stack)) throw std::logic_error("k-d tree deeper than its stack");
            if (dl <= dr) {
                stack[top++] = n.right;
                stack[top++] = n.left;
            } else {
                stack[top++] = n.left;
                stack[top++] = n.right;
            }
        }
    }

    [[nodiscard]] const std::vector<std::uint32_t>& order() const { return order_; }

private:
    // The squared distance from (px, py) to the box.
    static double gap2(const Node& n, double px, double py)
    {
        const double dx = px < n.minx ? n.minx - px : px > n.maxx ? px - n.maxx : 0.0;
        const double dy = py < n.miny ? n.miny - py : py > n.maxy ? py - n.maxy : 0.0;
        return dx * dx + dy * dy;
    }

    std::uint32_t build(std::uint32_t begin, std::uint32_t end)
    {
        const auto k = static_cast<std::uint32_t>(nodes_.size());
        Node n{std::numeric_limits<double>::infinity(),
               std::numeric_limits<double>::infinity(),
               -std::numeric_limits<double>::infinity(),
               -std::numeric_limits<double>::infinity(),
               begin,
               end,
               0,
               0,
               mixed};
        for (std::uint32_t i = begin; i < end; ++i) {
            const std::uint32_t q = order_[i];
            n.minx = std::min(n.minx, x_[q]), n.maxx = std::max(n.maxx, x_[q]);
            n.miny = std::min(n.miny, y_[q]), n.maxy = std::max(n.maxy, y_[q]);
        }
        nodes_.push_back(n);
        if (end - begin <= 8) return k;
        const bool by_x = n.maxx - n.minx >= n.maxy - n.miny;
        const std::uint32_t mid = begin + (end - begin) / 2;
        std::nth_element(order_.begin() + begin, order_.begin() + mid, order_.begin() + end,
                         [&](std::uint32_t a, std::uint32_t b) {
                             const double va = by_x ? x_[a] : y_[a], vb = by_x ? x_[b] : y_[b];
                             return va != vb ? va < vb : a < b;
                         });
        const std::uint32_t left = build(begin, mid);
        const std::uint32_t right = build(mid, end);
        nodes_[k].left = left;
        nodes_[k].right = right;
        return k;
    }

    const std::vector<double>& x_;
    const std::vector<double>& y_;
    std::vector<std::uint32_t> order_;
    std::vector<Node> nodes_;
};

// Borůvka's algorithm: every component takes its least outgoing edge (in Edge's strict order,
// so the tree is the one unique minimum spanning tree, the same Kruskal finds on the complete
// graph), until one component is left. Each round asks the k-d tree, point by point, for the
// nearest point of another component, bounded by the best edge its component has so far.
std::vector<TreeEdge> boruvka(const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<double>& net)
{
    const std::size_t n = x.size();
    const auto network = static_cast<std::uint32_t>(n);
    KdTree tree(x, y);
    DisjointSets sets(n + 1);
    std::vector<TreeEdge> out;
    out.reserve(n);
    std::vector<std::uint32_t> component(n + 1);
    std::vector<Edge> best(n + 1);
    while (out.size() < n) {
        for (std::uint32_t i = 0; i <= n; ++i) component[i] = sets.find(i);
        tree.label(component);
        std::fill(best.begin(), best.end(), Edge{});
        const std::uint32_t net_component = component[n];
        for (const std::uint32_t p : tree.order()) {
            const std::uint32_t c = component[p];
            if (c != net_component) {
                const Edge e{net[p], p, network};
                if (e < best[c]) best[c] = e;
                if (e < best[net_component]) best[net_component] = e;
            }
            tree.nearest_other(p, c, component, best[c]);
        }
        std::size_t added = 0;
        for (std::uint32_t c = 0; c <= n; ++c) {
            if (component[c] != c || best[c].a == std::numeric_limits<std::uint32_t>::max()) continue;
            if (sets.unite(best[c].a, best[c].b)) {
                out.push_back({best[c].a, best[c].b, best[c].length});
                ++added;
            }
        }
        if (added == 0) throw std::logic_error("Borůvka: a round joined nothing");
    }
    std::sort(out.begin(), out.end(), [](const TreeEdge& p, const TreeEdge& q) {
        return Edge{p.length, p.a, p.b} < Edge{q.length, q.a, q.b};
    });
    return out;
}

} // namespace

std::vector<TreeEdge> network_mst(const std::vector<double>& x, const std::vector<double>& y,
                                  const std::vector<double>& network_m, std::size_t prim_up_to)
{
    if (x.size() <= prim_up_to) return prim(x, y, network_m);
    return boruvka(x, y, network_m);
}

} // namespace coverage::plan
