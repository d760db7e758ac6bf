#include "join/point_in_area.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace coverage {
namespace {

// The sign of the orientation of q against the segment p1 -> p2 (1 left, -1 right), or 0 when
// double precision cannot prove it (Shewchuk's orient2d filter, "Adaptive Precision
// Floating-Point Arithmetic and Fast Robust Geometric Predicates", 1997: |det| above
// (3 + 16 eps) eps * (|detleft| + |detright|) has the exact sign). A true zero is also 0:
// a point on a segment is always left to GEOS. The 1e-300 guards against underflow; NaN and
// infinities fail the comparison and are 0 too.
int proven_orientation(double p1x, double p1y, double p2x, double p2y, double qx, double qy)
{
    constexpr double eps = std::numeric_limits<double>::epsilon() / 2; // 2^-53
    constexpr double bound_a = (3.0 + 16.0 * eps) * eps;
    const double detleft = (p1x - qx) * (p2y - qy);
    const double detright = (p1y - qy) * (p2x - qx);
    const double det = detleft - detright;
    const double errbound = bound_a * (std::abs(detleft) + std::abs(detright)) + 1e-300;
    if (det > errbound) return 1;
    if (-det > errbound) return -1;
    return 0;
}

void add_ring(GEOSContextHandle_t ctx, const GEOSGeometry* ring, std::vector<double>& xs, std::vector<double>& ys,
              std::vector<std::uint32_t>& starts)
{
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned int n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx, seq, &n) == 0) return;
    const std::size_t at = xs.size();
    xs.resize(at + n);
    ys.resize(at + n);
    if (n > 0 && GEOSCoordSeq_copyToArrays_r(ctx, seq, xs.data() + at, ys.data() + at, nullptr, nullptr) == 0) {
        xs.resize(at);
        ys.resize(at);
        return;
    }
    starts.push_back(static_cast<std::uint32_t>(at));
}

bool add_polygon(GEOSContextHandle_t ctx, const GEOSGeometry* poly, std::vector<double>& xs, std::vector<double>& ys,
                 std::vector<std::uint32_t>& starts)
{
    if (GEOSGeomTypeId_r(ctx, poly) != GEOS_POLYGON) return false;
    if (GEOSisEmpty_r(ctx, poly) == 1) return true;
    const GEOSGeometry* shell = GEOSGetExteriorRing_r(ctx, poly);
    if (shell == nullptr) return false;
    add_ring(ctx, shell, xs, ys, starts);
    const int holes = GEOSGetNumInteriorRings_r(ctx, poly);
    if (holes < 0) return false;
    for (int i = 0; i < holes; ++i) {
        const GEOSGeometry* hole = GEOSGetInteriorRingN_r(ctx, poly, i);
        if (hole == nullptr) return false;
        add_ring(ctx, hole, xs, ys, starts);
    }
    return true;
}

} // namespace

PointInArea::PointInArea(const geos::Context& ctx, const GEOSGeometry* area)
{
    std::vector<double> xs, ys;
    std::vector<std::uint32_t> starts; // first coordinate of each ring
    const int type = GEOSGeomTypeId_r(ctx, area);
    if (type == GEOS_POLYGON) {
        if (!add_polygon(ctx, area, xs, ys, starts)) return;
    } else if (type == GEOS_MULTIPOLYGON) {
        const int parts = GEOSGetNumGeometries_r(ctx, area);
        if (parts < 0) return;
        for (int i = 0; i < parts; ++i)
            if (!add_polygon(ctx, GEOSGetGeometryN_r(ctx, area, i), xs, ys, starts)) return;
    } else {
        return;
    }
    if (xs.size() >= std::numeric_limits<std::uint32_t>::max()) return;
    starts.push_back(static_cast<std::uint32_t>(xs.size()));
    for (std::size_t r = 0; r + 1 < starts.size(); ++r) {
        Ring ring{std::numeric_limits<double>::infinity(),      std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity(),     -std::numeric_limits<double>::infinity(),
                  static_cast<std::uint32_t>(segments_.size()), 0};
        for (std::uint32_t i = starts[r]; i < starts[r + 1]; ++i) {
            ring.xmin = std::min(ring.xmin, xs[i]), ring.xmax = std::max(ring.xmax, xs[i]);
            ring.ymin = std::min(ring.ymin, ys[i]), ring.ymax = std::max(ring.ymax, ys[i]);
        }
        for (std::uint32_t i = starts[r]; i + 1 < starts[r + 1]; ++i)
            segments_.push_back({xs[i], ys[i], xs[i + 1], ys[i + 1]});
        ring.end = static_cast<std::uint32_t>(segments_.size());
        rings_.push_back(ring);
    }
    usable_ = true;

    // Large areas (a cable operator's multipolygon of a million vertices): by y band, so a
    // point meets only its band's large-ring segments and small rings, as GEOS's interval
    // index meets only the segments around it.
    const std::size_t n = segments_.size();
    if (n <= 64) return;
    double ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
    for (const Segment& s : segments_) {
        ymin = std::min({ymin, s.y1, s.y2});
        ymax = std::max({ymax, s.y1, s.y2});
    }
    if (!std::isfinite(ymin) || !std::isfinite(ymax) || !(ymax > ymin)) return;
    for (const Ring& r : rings_)
        if (!std::isfinite(r.xmin) || !std::isfinite(r.xmax)) return; // NaN coordinates: the plain loop
    y0_ = ymin;
    std::int64_t bands = std::min<std::int64_t>(static_cast<std::int64_t>(n / 4), std::int64_t{1} << 22);
    for (;;) {
        bands_ = bands;
        band_h_ = (ymax - ymin) / static_cast<double>(bands);
        if (!(band_h_ > 0) || !std::isfinite(band_h_)) {
            bands_ = 0;
            return;
        }
        // Long segments are listed in every band they span; keep the copies bounded.
        std::uint64_t copies = 0;
        for (const Segment& s : segments_)
            copies += static_cast<std::uint64_t>(band(std::max(s.y1, s.y2)) - band(std::min(s.y1, s.y2)) + 1);
        if (copies <= 8 * static_cast<std::uint64_t>(n) || bands <= 4) break;
        bands /= 4;
    }
    // Small rings (up to 64 segments) are listed per band as a whole, large ones by segment.
    auto small = [](const Ring& r) { return r.end - r.begin <= 64; };
    auto fill_index = [&](std::vector<std::uint32_t>& start, std::vector<std::uint32_t>& items, auto&& each) {
        start.assign(static_cast<std::size_t>(bands_) + 1, 0);
        each([&](std::int64_t b, std::uint32_t) { ++start[static_cast<std::size_t>(b) + 1]; });
        for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
        items.resize(start.back());
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        each([&](std::int64_t b, std::uint32_t item) { items[fill[static_cast<std::size_t>(b)]++] = item; });
    };
    fill_index(band_start_, band_segments_, [&](auto&& put) {
        for (const Ring& r : rings_) {
            if (small(r)) continue;
            for (std::uint32_t i = r.begin; i < r.end; ++i) {
                const Segment& s = segments_[i];
                for (std::int64_t b = band(std::min(s.y1, s.y2)), e = band(std::max(s.y1, s.y2)); b <= e; ++b)
                    put(b, i);
            }
        }
    });
    fill_index(ring_start_, band_rings_, [&](auto&& put) {
        for (std::uint32_t k = 0; k < rings_.size(); ++k) {
            const Ring& r = rings_[k];
            if (!small(r)) continue;
            for (std::int64_t b = band(r.ymin), e = band(r.ymax); b <= e; ++b) put(b, k);
        }
    });
}

// Monotone in y (a subtraction, a division by a positive number, floor, clamp), so a segment
// whose y range holds y is listed in y's band.
std::int64_t PointInArea::band(double y) const
{
    const double b = std::floor((y - y0_) / band_h_);
    if (!(b > 0)) return 0;
    if (b >= static_cast<double>(bands_ - 1)) return bands_ - 1;
    return static_cast<std::int64_t>(b);
}

PointInArea::Answer PointInArea::covers(double x, double y) const
{
    if (!usable_ || !std::isfinite(x) || !std::isfinite(y)) return Answer::unsure;
    std::uint64_t crossings = 0;
    // GEOS's RayCrossingCounter::countSegment, rule for rule; an unproven orientation is unsure.
    auto count = [&](const Segment& s) -> bool {  // false: stop, the point is on the boundary or unsure
        if (s.x1 < x && s.x2 < x) return true;    // strictly left of the point
        if (x == s.x2 && y == s.y2) return false; // a vertex
        if (s.y1 == y && s.y2 == y) {             // horizontal, at the point's height
            return !(x >= std::min(s.x1, s.x2) && x <= std::max(s.x1, s.x2));
        }
        if ((s.y1 > y && s.y2 <= y) || (s.y2 > y && s.y1 <= y)) { // straddles the ray
            int orient = proven_orientation(s.x1, s.y1, s.x2, s.y2, x, y);
            if (orient == 0) return false; // on the segment, or not provable
            if (s.y2 < s.y1) orient = -orient;
            if (orient > 0) ++crossings;
        }
        return true;
    };
    // On the boundary (exactly, by the comparisons above) or unproven: GEOS decides. Points on
    // the boundary are rare; asking GEOS keeps its answer without a second rule here.
    if (bands_ > 0) {
        const auto b = static_cast<std::size_t>(band(y));
        for (std::uint32_t k = band_start_[b]; k < band_start_[b + 1]; ++k)
            if (!count(segments_[band_segments_[k]])) return Answer::unsure;
        for (std::uint32_t k = ring_start_[b]; k < ring_start_[b + 1]; ++k) {
            const Ring& r = rings_[band_rings_[k]];
            if (x < r.xmin || x > r.xmax || y < r.ymin || y > r.ymax) continue; // even crossings, not on it
            for (std::uint32_t i = r.begin; i < r.end; ++i)
                if (!count(segments_[i])) return Answer::unsure;
        }
    } else {
        for (const Segment& s : segments_)
            if (!count(s)) return Answer::unsure;
    }
    return crossings % 2 == 1 ? Answer::inside : Answer::outside;
}

} // namespace coverage
