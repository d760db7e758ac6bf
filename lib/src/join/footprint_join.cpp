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

// A uniform grid over the address points: row-major cells, the points of each cell together
// (in index order) and where each cell starts, so an envelope query reads a few runs of
// cells. Built once by a counting sort (4 bytes a point and a little more a cell), read by every
// thread.
class PointGrid {
public:
    explicit PointGrid(PointsView p) : p_(p)
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
        // for a long thin or absurdly wide spread of points; and the cells number at most
        // n / 8 + 1 + 2^21 + 1 (the +1 of each axis), so the cell table stays small.
        constexpr double max_cells = 1 << 20;
        cell_ = std::max({cell_, w / max_cells, h / max_cells});
        if (std::isfinite(cell_)) {
            cols_ = static_cast<std::int64_t>(w / cell_) + 1;
            rows_ = static_cast<std::int64_t>(h / cell_) + 1;
        } // else one cell holds every point
        start_.assign(static_cast<std::size_t>(cols_ * rows_) + 1, 0);
        for (std::size_t i = 0; i < n; ++i) ++start_[static_cast<std::size_t>(cell_of(p.x[i], p.y[i])) + 1];
        for (std::size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
        order_.resize(n);
        std::vector<std::uint32_t> next(start_.begin(), start_.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            order_[next[static_cast<std::size_t>(cell_of(p.x[i], p.y[i]))]++] = static_cast<std::uint32_t>(i);
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
            const std::uint32_t lo = start_[static_cast<std::size_t>(r * cols_ + c0)];
            const std::uint32_t hi = start_[static_cast<std::size_t>(r * cols_ + c1 + 1)];
            for (std::uint32_t k = lo; k < hi; ++k) {
                const std::uint32_t i = order_[k];
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

    PointsView p_;
    double x0_ = 0, y0_ = 0, cell_ = 1;
    std::int64_t cols_ = 1, rows_ = 1;
    std::vector<std::uint32_t> order_; // point indexes, cell by cell
    std::vector<std::uint32_t> start_; // start_[c]: first of cell c in order_; start_[cells] = n
};

} // namespace

// Polygon-major join: every footprint is prepared once and tested against the address points
// inside its envelope (from the point grid). Threads take footprints round-robin; the hits
// are sorted afterwards, so the result does not depend on the thread count.
std::vector<Hit> match_footprints(const std::vector<const Feature*>& features, PointsView pts, int threads)
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
    // Gathered with each thread's list freed as it is copied: the peak is one list more, not all.
    std::size_t total = 0;
    for (const auto& h : hits) total += h.size();
    std::vector<Hit> all;
    all.reserve(total);
    for (auto& h : hits) {
        all.insert(all.end(), h.begin(), h.end());
        std::vector<Hit>().swap(h);
    }
    std::sort(all.begin(), all.end());
    return all;
}

} // namespace coverage
