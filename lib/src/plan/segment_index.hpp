#pragma once
// Nearest line segment to a point, over a uniform grid of the segments' bounding boxes. The
// search walks rings of cells outwards and stops once no unvisited cell can hold anything
// nearer, so it is exact; ties go to the lowest segment index (deterministic). When every
// segment is a point, a k-d tree answers instead, with the same distances and tie-break.
#include <cstdint>
#include <limits>
#include <vector>

namespace coverage::plan {

struct Segment {
    double ax = 0, ay = 0, bx = 0, by = 0;
};

struct Projection {
    double t = 0;        // 0 at a, 1 at b
    double x = 0, y = 0; // the nearest point
    double distance = 0;
};
/// Nearest point of segment s to (px, py).
Projection project(const Segment& s, double px, double py);

struct NearestSegment {
    std::uint32_t segment = UINT32_MAX; // UINT32_MAX: none within the limit
    Projection at;
    [[nodiscard]] bool found() const { return segment != UINT32_MAX; }
};

class SegmentIndex {
public:
    /// `cell_hint`: the grid cell size in metres (enlarged for huge extents); `spread_cells`
    /// (0): 1.5 times the spacing the segments would have if spread evenly over their extent,
    /// about two a cell, which suits far searches among clustered points (desk mode's
    /// network of fibre-served addresses: 2.4 times faster at 1 M than 100 m cells).
    static constexpr double spread_cells = 0;
    SegmentIndex(std::vector<Segment> segments, double cell_hint);
    /// The nearest segment at most `max_distance` away (infinity: any). `hint`: a segment
    /// likely near (the previous query's answer for the next point along): the answer is the
    /// same, found sooner (used by the k-d tree only).
    [[nodiscard]] NearestSegment nearest(double px, double py,
                                         double max_distance = std::numeric_limits<double>::infinity(),
                                         std::uint32_t hint = UINT32_MAX) const;
    [[nodiscard]] const std::vector<Segment>& segments() const { return segments_; }

private:
    void build_points();
    /// Segment s as a candidate for `best`: within max_distance, nearer, or as near with a lower id.
    void consider(std::uint32_t s, double px, double py, double max_distance, NearestSegment& best) const;
    void search_points(std::size_t lo, std::size_t hi, bool by_x, double px, double py, double ox, double oy,
                       double max_distance, NearestSegment& best) const;
    std::vector<Segment> segments_;
    // Every segment a point (desk mode's network without routes): a k-d tree instead of the
    // grid, whose rings of empty cells cost most when the network is far (ids, x, y in tree
    // order: the median of [lo, hi) at (lo + hi) / 2, split by x and y in turn).
    bool points_ = false;
    std::vector<std::uint32_t> kd_id_;
    std::vector<double> kd_x_, kd_y_;
    double x0_ = 0, y0_ = 0, cell_ = 1;
    std::int64_t nx_ = 0, ny_ = 0;
    std::vector<std::uint32_t> start_; // CSR over cells: start_[c]..start_[c+1] in items_
    std::vector<std::uint32_t> items_;
};

} // namespace coverage::plan
