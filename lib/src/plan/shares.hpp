#pragma once
// Who pays for which edge. The plan is a forest whose roots are on the existing network.
// Each connected address pays an equal share of every edge on its path to the root, among
// all connected addresses downstream of (served by) that edge. Shares are computed exactly
// in floating point top-down and then rounded to whole cents by the largest-remainder method
// (ties: the earlier address), so the per-address shares add up exactly to the sum of the
// edges' costs in cents.
#include "plan/graph.hpp"

#include <cstdint>
#include <vector>

namespace coverage::plan {

struct PlanEdges {
    std::vector<std::uint32_t> from, to;
    std::vector<double> length_m;
    std::vector<EdgeKind> kind; // trench or duct
    std::vector<std::int64_t> cost_cents;
};

struct ShareResult {
    // Per edge: the addresses it serves and the end away from the network (the child).
    std::vector<std::uint32_t> served;
    std::vector<std::uint32_t> child;
    std::vector<std::int64_t> area; // per edge: the one area of the addresses it serves, -1 none, -2 several
    // Per address (in the order given; zeros for unattached ones).
    std::vector<std::int64_t> share_cents;
    std::vector<double> trench_m, duct_m, path_m;
};

/// `roots`: per node, 1 on the existing network. `attach`: per address its node (none: not
/// connected). `area`: per address an area index or -1. Every edge must be in the forest.
ShareResult compute_shares(std::size_t nodes, const PlanEdges& edges, const std::vector<std::uint8_t>& roots,
                           const std::vector<std::uint32_t>& attach, const std::vector<std::int64_t>& area);

/// Splits `total_cents` over items in proportion to `exact` (which sums to total_cents up to
/// rounding) by the largest-remainder method; ties go to the lower index.
std::vector<std::int64_t> largest_remainder(const std::vector<double>& exact, std::int64_t total_cents);

} // namespace coverage::plan
