#include "join/evidence.hpp"

#include "base/threads.hpp"
#include "coverage/error.hpp"
#include "geos/context.hpp"
#include "join/point_in_area.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace coverage {
namespace {

// A uniform grid over the address points: row-major cells, addresses sorted by cell, so an
// envelope query is a handful of binary searches. Built once, read by every thread.
class PointGrid {
public:
    PointGrid(const Points& p) : p_(p)
    {
        const std::size_t n = p.x.size();
        if (n == 0) return;
        auto [xmin, xmax] = std::minmax_element(p.x.begin(), p.x.end());
        auto [ymin, ymax] = std::minmax_element(p.y.begin(), p.y.end());
        x0_ = *xmin, y0_ = *ymin;
        const double w = std::max(*xmax - x0_, 1.0), h = std::max(*ymax - y0_, 1.0);
        // About eight points per cell on average.
        cell_ = std::max(std::sqrt(w * h / (static_cast<double>(n) / 8.0 + 1.0)), 1.0);
        // At most 2^20 cells along an axis, so cols_ * rows_ and every key fit an int64 even
        // for a long thin or absurdly wide spread of points.
        constexpr double max_cells = 1 << 20;
        cell_ = std::max({cell_, w / max_cells, h / max_cells});
        if (std::isfinite(cell_)) {
            cols_ = static_cast<std::int64_t>(w / cell_) + 1;
            rows_ = static_cast<std::int64_t>(h / cell_) + 1;
        } // else one cell holds every point
        order_.resize(n);
        keys_.resize(n);
        std::vector<std::int64_t> key(n);
        for (std::size_t i = 0; i < n; ++i) key[i] = cell_of(p.x[i], p.y[i]);
        for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(order_.begin(), order_.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
        for (std::size_t i = 0; i < n; ++i) keys_[i] = key[order_[i]];
    }

    // Any envelope works, however large (a footprint of 1e300 m, an infinite bound): the cell
    // range is clamped to the grid in floating point before it becomes an integer, so no
    // conversion overflows (that was undefined behaviour and the footprint covered nothing).
    // A NaN bound (an empty geometry) matches nothing.
    template <typename F>
    void query(double minx, double miny, double maxx, double maxy, F&& visit) const
    {
        if (order_.empty()) return;
        if (!(minx <= maxx) || !(miny <= maxy)) return; // also false for NaN
        const std::int64_t c0 = index(minx, x0_, cols_), c1 = index(maxx, x0_, cols_);
        const std::int64_t r0 = index(miny, y0_, rows_), r1 = index(maxy, y0_, rows_);
        for (std::int64_t r = r0; r <= r1; ++r) {
            const auto lo = std::lower_bound(keys_.begin(), keys_.end(), r * cols_ + c0);
            const auto hi = std::upper_bound(lo, keys_.end(), r * cols_ + c1);
            for (auto it = lo; it != hi; ++it) {
                const std::uint32_t i = order_[static_cast<std::size_t>(it - keys_.begin())];
                if (p_.x[i] >= minx && p_.x[i] <= maxx && p_.y[i] >= miny && p_.y[i] <= maxy) visit(i);
            }
        }
    }

private:
    // The cell of coordinate v along an axis of n cells from origin v0, clamped to [0, n-1].
    std::int64_t index(double v, double v0, std::int64_t n) const
    {
        const double c = std::floor((v - v0) / cell_);
        if (!(c > 0)) return 0; // negative, or NaN
        if (c >= static_cast<double>(n - 1)) return n - 1;
        return static_cast<std::int64_t>(c);
    }
    std::int64_t cell_of(double x, double y) const { return index(y, y0_, rows_) * cols_ + index(x, x0_, cols_); }

    const Points& p_;
    double x0_ = 0, y0_ = 0, cell_ = 1;
    std::int64_t cols_ = 1, rows_ = 1;
    std::vector<std::uint32_t> order_;
    std::vector<std::int64_t> keys_;
};

} // namespace

// Polygon-major join: every footprint is prepared once and tested against the address points
// inside its envelope (from the point grid). Threads take footprints round-robin; the hits
// are sorted afterwards, so the result does not depend on the thread count.
std::vector<Hit> match_footprints(const std::vector<const Feature*>& features, const Points& pts, int threads)
{
    if (features.empty()) return {};
    const PointGrid grid(pts);
    const int n_threads = std::max(1, std::min<int>(threads, static_cast<int>(features.size())));
    std::vector<std::vector<Hit>> hits(static_cast<std::size_t>(n_threads));
    std::vector<std::string> errors(static_cast<std::size_t>(n_threads));
    auto work = [&](int t) {
        geos::Context ctx;
        auto& out = hits[static_cast<std::size_t>(t)];
        for (std::size_t k = static_cast<std::size_t>(t); k < features.size();
             k += static_cast<std::size_t>(n_threads)) {
            const Feature& f = *features[k];
            geos::Geom poly = geos::own(ctx, GEOSGeomFromWKB_buf_r(ctx, f.wkb.data(), f.wkb.size()));
            if (!poly) {
                errors[static_cast<std::size_t>(t)] = ctx.last_error();
                return;
            }
            double minx = 0, miny = 0, maxx = 0, maxy = 0;
            GEOSGeom_getXMin_r(ctx, poly.get(), &minx);
            GEOSGeom_getYMin_r(ctx, poly.get(), &miny);
            GEOSGeom_getXMax_r(ctx, poly.get(), &maxx);
            GEOSGeom_getYMax_r(ctx, poly.get(), &maxy);
            // The rings answer directly; GEOS's prepared covers only for points on (or too near
            // to prove against) the boundary, and for geometries that are not polygons.
            const PointInArea area(ctx, poly.get());
            geos::Prepared prep;
            grid.query(minx, miny, maxx, maxy, [&](std::uint32_t i) {
                PointInArea::Answer a = area.covers(pts.x[i], pts.y[i]);
                if (a == PointInArea::Answer::unsure) {
                    if (!prep) prep = geos::prepare(ctx, poly.get());
                    geos::Geom pt = geos::own(ctx, GEOSGeom_createPointFromXY_r(ctx, pts.x[i], pts.y[i]));
                    // covers, not contains: a point on the boundary is inside.
                    a = GEOSPreparedCovers_r(ctx, prep.get(), pt.get()) == 1 ? PointInArea::Answer::inside
                                                                             : PointInArea::Answer::outside;
                }
                if (a == PointInArea::Answer::inside) out.push_back({i, static_cast<std::uint32_t>(k)});
            });
        }
    };
    run_on_threads(n_threads, work);
    for (const auto& e : errors)
        if (!e.empty()) throw InputError(fmt::format("GEOS failed on a footprint: {}", e));
    std::vector<Hit> all;
    for (auto& h : hits) all.insert(all.end(), h.begin(), h.end());
    std::sort(all.begin(), all.end());
    return all;
}

} // namespace coverage
