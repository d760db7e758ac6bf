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
    struct Ring { // its envelope and its segments segments_[begin .. end)
        double xmin, ymin, xmax, ymax;
        std::uint32_t begin, end;
    };
    [[nodiscard]] std::int64_t band(double y) const;

    bool usable_ = false;
    std::vector<Segment> segments_;
    std::vector<Ring> rings_;
    // Only for large areas, by y band: the segments of large rings (band b's are
    // band_segments_[band_start_[b] .. band_start_[b + 1])), and the small rings whose y range
    // meets the band (band_rings_[ring_start_[b] .. ring_start_[b + 1])). A point outside a
    // ring's envelope is outside that ring and not on its boundary: the ring adds an even
    // number of crossings and can be skipped (an operator's multipolygon of tens of thousands
    // of parts: a point meets the one or two parts around it, not every part of its band).
    double y0_ = 0, band_h_ = 1;
    std::int64_t bands_ = 0;
    std::vector<std::uint32_t> band_start_, band_segments_, ring_start_, band_rings_;
};

} // namespace coverage
