#include "plan/segment_index.hpp"

#include <algorithm>
#include <cmath>

namespace coverage::plan {
namespace {
constexpr std::size_t leaf = 8; // k-d tree ranges this small are scanned
} // namespace

Projection project(const Segment& s, double px, double py)
{
    const double dx = s.bx - s.ax, dy = s.by - s.ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - s.ax) * dx + (py - s.ay) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    Projection p;
    p.t = t;
    p.x = t == 1.0 ? s.bx : s.ax + t * dx;
    p.y = t == 1.0 ? s.by : s.ay + t * dy;
    // sqrt of the sum of squares, not hypot: several times faster and exact enough at metre
    // scale (no overflow or underflow in a metric CRS).
    const double ex = px - p.x, ey = py - p.y;
    p.distance = std::sqrt(ex * ex + ey * ey);
    return p;
}

void SegmentIndex::build_points()
{
    const std::size_t n = segments_.size();
    kd_id_.resize(n);
    for (std::uint32_t k = 0; k < n; ++k) kd_id_[k] = k;
    // Medians by x and y in turn; ties by id, so the tree is the same for the same input.
    struct Range {
        std::size_t lo, hi;
        bool by_x;
    };
    std::vector<Range> todo{{0, n, true}};
    while (!todo.empty()) {
        const Range r = todo.back();
        todo.pop_back();
        if (r.hi - r.lo <= leaf) continue;
        const std::size_t m = (r.lo + r.hi) / 2;
        auto key = [&](std::uint32_t k) { return r.by_x ? segments_[k].ax : segments_[k].ay; };
        std::nth_element(kd_id_.begin() + static_cast<std::ptrdiff_t>(r.lo),
                         kd_id_.begin() + static_cast<std::ptrdiff_t>(m),
                         kd_id_.begin() + static_cast<std::ptrdiff_t>(r.hi),
                         [&](std::uint32_t a, std::uint32_t b) { return key(a) != key(b) ? key(a) < key(b) : a < b; });
        todo.push_back({r.lo, m, !r.by_x});
        todo.push_back({m + 1, r.hi, !r.by_x});
    }
    kd_x_.resize(n);
    kd_y_.resize(n);
    for (std::size_t k = 0; k < n; ++k) kd_x_[k] = segments_[kd_id_[k]].ax, kd_y_[k] = segments_[kd_id_[k]].ay;
}

void SegmentIndex::consider(std::uint32_t s, double px, double py, double max_distance, NearestSegment& best) const
{
    const Projection p = project(segments_[s], px, py);
    if (p.distance > max_distance) return;
    if (p.distance < best.at.distance || (p.distance == best.at.distance && s < best.segment)) {
        best.segment = s;
        best.at = p;
    }
}

void SegmentIndex::search_points(std::size_t lo, std::size_t hi, bool by_x, double px, double py, double ox, double oy,
                                 double max_distance, NearestSegment& best) const
{
    // (ox, oy): how far every point of [lo, hi) is at least from (px, py) along x and y, by
    // the splits above. Rounding is monotonic, so the distance computed as project() computes
    // it is at least this bound for every point here: none can be nearer, and an equal one is
    // still visited (the lower id wins a tie).
    const double bound = std::sqrt(ox * ox + oy * oy);
    if (bound > best.at.distance || bound > max_distance) return;
    auto visit = [&](std::size_t k) { consider(kd_id_[k], px, py, max_distance, best); };
    if (hi - lo <= leaf) {
        for (std::size_t k = lo; k < hi; ++k) visit(k);
        return;
    }
    const std::size_t m = (lo + hi) / 2;
    visit(m);
    const double diff = by_x ? px - kd_x_[m] : py - kd_y_[m];
    const double far_ox = by_x ? std::max(ox, std::abs(diff)) : ox;
    const double far_oy = by_x ? oy : std::max(oy, std::abs(diff));
    if (diff < 0) {
        search_points(lo, m, !by_x, px, py, ox, oy, max_distance, best);
        search_points(m + 1, hi, !by_x, px, py, far_ox, far_oy, max_distance, best);
    } else {
        search_points(m + 1, hi, !by_x, px, py, ox, oy, max_distance, best);
        search_points(lo, m, !by_x, px, py, far_ox, far_oy, max_distance, best);
    }
}

SegmentIndex::SegmentIndex(std::vector<Segment> segments, double cell_hint) : segments_(std::move(segments))
{
    if (segments_.empty()) return;
    points_ =
        std::all_of(segments_.begin(), segments_.end(), [](const Segment& s) { return s.ax == s.bx && s.ay == s.by; });
    if (points_) {
        build_points();
        return;
    }
    double x1 = -INFINITY, y1 = -INFINITY;
    x0_ = INFINITY, y0_ = INFINITY;
    for (const Segment& s : segments_) {
        x0_ = std::min({x0_, s.ax, s.bx});
        y0_ = std::min({y0_, s.ay, s.by});
        x1 = std::max({x1, s.ax, s.bx});
        y1 = std::max({y1, s.ay, s.by});
    }
    const double w = std::max(x1 - x0_, 1.0), h = std::max(y1 - y0_, 1.0);
    if (cell_hint <= spread_cells) cell_hint = 1.5 * std::sqrt(w * h / static_cast<double>(segments_.size()));
    // At most about four million cells, and not much smaller than the mean segment spacing.
    cell_ = std::max({cell_hint, std::sqrt(w * h / 4e6), 1.0});
    nx_ = static_cast<std::int64_t>(w / cell_) + 1;
    ny_ = static_cast<std::int64_t>(h / cell_) + 1;
    auto cell_range = [&](const Segment& s, std::int64_t& i0, std::int64_t& i1, std::int64_t& j0, std::int64_t& j1) {
        i0 = static_cast<std::int64_t>((std::min(s.ax, s.bx) - x0_) / cell_);
        i1 = static_cast<std::int64_t>((std::max(s.ax, s.bx) - x0_) / cell_);
        j0 = static_cast<std::int64_t>((std::min(s.ay, s.by) - y0_) / cell_);
        j1 = static_cast<std::int64_t>((std::max(s.ay, s.by) - y0_) / cell_);
    };
    start_.assign(static_cast<std::size_t>(nx_ * ny_ + 1), 0);
    for (const Segment& s : segments_) {
        std::int64_t i0, i1, j0, j1;
        cell_range(s, i0, i1, j0, j1);
        for (std::int64_t j = j0; j <= j1; ++j)
            for (std::int64_t i = i0; i <= i1; ++i) ++start_[static_cast<std::size_t>(j * nx_ + i + 1)];
    }
    for (std::size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
    items_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (std::uint32_t k = 0; k < segments_.size(); ++k) {
        std::int64_t i0, i1, j0, j1;
        cell_range(segments_[k], i0, i1, j0, j1);
        for (std::int64_t j = j0; j <= j1; ++j)
            for (std::int64_t i = i0; i <= i1; ++i) items_[fill[static_cast<std::size_t>(j * nx_ + i)]++] = k;
    }
}

NearestSegment SegmentIndex::nearest(double px, double py, double max_distance, std::uint32_t hint) const
{
    NearestSegment best;
    best.at.distance = INFINITY;
    if (segments_.empty()) return best;
    if (points_) {
        // The hint: a candidate to beat; the search still finds the least (distance, index).
        // (The grid's search stops at the first ring as far as its best: it takes no hint, so
        // that a tie across that ring goes as it always went.)
        if (hint < segments_.size()) consider(hint, px, py, max_distance, best);
        search_points(0, segments_.size(), true, px, py, 0, 0, max_distance, best);
        return best;
    }
    const auto ci = std::clamp(static_cast<std::int64_t>(std::floor((px - x0_) / cell_)), std::int64_t{0}, nx_ - 1);
    const auto cj = std::clamp(static_cast<std::int64_t>(std::floor((py - y0_) / cell_)), std::int64_t{0}, ny_ - 1);
    const std::int64_t max_ring = std::max(nx_, ny_);
    auto visit = [&](std::int64_t i, std::int64_t j) {
        if (i < 0 || j < 0 || i >= nx_ || j >= ny_) return;
        const auto c = static_cast<std::size_t>(j * nx_ + i);
        for (std::uint32_t k = start_[c]; k < start_[c + 1]; ++k) consider(items_[k], px, py, max_distance, best);
    };
    for (std::int64_t r = 0; r <= max_ring; ++r) {
        if (r == 0) {
            visit(ci, cj);
        } else {
            for (std::int64_t i = ci - r; i <= ci + r; ++i) {
                visit(i, cj - r);
                visit(i, cj + r);
            }
            for (std::int64_t j = cj - r + 1; j <= cj + r - 1; ++j) {
                visit(ci - r, j);
                visit(ci + r, j);
            }
        }
        // Every cell of ring r+1 is at least r cells away from the point's own cell.
        const double reach = static_cast<double>(r) * cell_;
        if (best.found() && best.at.distance <= reach) break;
        if (reach > max_distance) break;
    }
    return best;
}

} // namespace coverage::plan
