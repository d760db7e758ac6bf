#pragma once
// The street graph of `coverage plan`: streets and empty ducts as edges, the existing fibre
// network as source nodes, and every address's drop point split into its street segment.
//   * Vertices within 0.5 m of each other are one node (streets join where they share a
//     vertex, not where they merely cross: bridges, tunnels).
//   * Route and duct vertices within 0.5 m of a street segment are split into it.
//   * Each address drops to the nearest point of the nearest street segment within
//     max_drop_m (ties: lowest segment); that point becomes a node (or is the segment's end
//     when within 1 cm of it), several addresses may share it.
#include <cstdint>
#include <vector>

namespace coverage::plan {

using Polyline = std::vector<double>; // x0, y0, x1, y1, ... in the metric working CRS

constexpr std::uint32_t none = UINT32_MAX;
constexpr double snap_m = 0.5;

enum class EdgeKind : std::uint8_t { trench = 0, duct = 1, drop = 2 };

struct StreetGraph {
    std::vector<double> x, y;            // nodes
    std::vector<std::uint8_t> source;    // node feeds (on a route, or a fibre-served address's drop point)
    std::vector<std::uint32_t> from, to; // edges
    std::vector<double> length_m;
    std::vector<EdgeKind> kind; // trench (a street) or duct
    // Per point given to build_street_graph: its drop node (none: no street within reach)
    // and the drop length.
    std::vector<std::uint32_t> attach;
    std::vector<double> drop_m;
    std::vector<double> drop_x, drop_y; // the drop's street end
    [[nodiscard]] std::size_t nodes() const { return x.size(); }
    [[nodiscard]] std::size_t edges() const { return from.size(); }
};

struct GraphInput {
    std::vector<Polyline> streets, ducts, routes;
    std::vector<double> px, py;            // addresses to attach (selected first, then fibre-served)
    std::vector<std::uint8_t> point_feeds; // 1: the point is on fibre already (a source)
    double max_drop_m = 150;
};

StreetGraph build_street_graph(const GraphInput& input);

} // namespace coverage::plan
