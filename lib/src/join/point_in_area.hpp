#pragma once
// A direct point-in-polygon test on a footprint's rings, answering exactly what GEOS's
// prepared `covers` answers for a point (GEOS 3.11 has no GEOSPreparedContainsXY, and a GEOS
// point object per candidate was most of the footprint join's time).
//
// It replays GEOS's IndexedPointInAreaLocator: a ray-crossing count over every segment of
// every ring (RayCrossingCounter::countSegment, the same per-segment rules), boundary
// included. The only arithmetic is the orientation of the point against a segment; it is
// decided in double precision only when Shewchuk's error bound proves the sign, otherwise the
// answer is `unsure` and the caller asks GEOS. So every `inside` / `outside` is the exact
// answer, and boundary and near-boundary points keep GEOS's (and PostGIS's) answer.
#include "geos/context.hpp"

#include <cstdint>
#include <vector>

namespace coverage {

class PointInArea {
public:
    enum class Answer : std::uint8_t { outside, inside, unsure };

    /// The rings of a Polygon or MultiPolygon; any other geometry leaves `usable()` false
    /// (the caller then asks GEOS for every point).
    PointInArea(const geos::Context& ctx, const GEOSGeometry* area);

    [[nodiscard]] bool usable() const { return usable_; }
    /// Whether the area covers (x, y): inside or on the boundary, or `unsure`.
    [[nodiscard]] Answer covers(double x, double y) const;

private:
    struct Segment {
        double x1, y1, x2, y2;
    };
    [[nodiscard]] std::int64_t band(double y) const;

    bool usable_ = false;
    std::vector<Segment> segments_;
    // Segments by y band (only for large areas): band b's segments are
    // band_segments_[band_start_[b] .. band_start_[b + 1]).
    double y0_ = 0, band_h_ = 1;
    std::int64_t bands_ = 0;
    std::vector<std::uint32_t> band_start_, band_segments_;
};

} // namespace coverage
