#include "join/evidence.hpp"

#include "base/threads.hpp"
#include "geos/context.hpp"

#include <algorithm>
#include <cmath>

namespace coverage {
namespace {

// Route segments, for the nearest-route search.
struct Segment {
    double x0, y0, x1, y1;
    std::uint32_t feature;
};

double point_segment_distance(double px, double py, const Segment& s)
{
    const double dx = s.x1 - s.x0, dy = s.y1 - s.y0;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - s.x0) * dx + (py - s.y0) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double cx = s.x0 + t * dx - px, cy = s.y0 + t * dy - py;
    return std::sqrt(cx * cx + cy * cy);
}

void collect_segments(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::uint32_t feature, std::vector<Segment>& out)
{
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i)
            collect_segments(ctx, GEOSGetGeometryN_r(ctx, g, i), feature, out);
        return;
    }
    if (type != GEOS_LINESTRING && type != GEOS_LINEARRING) return;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
    unsigned int n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    double px = 0, py = 0;
    for (unsigned int i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(ctx, seq, i, &x, &y);
        if (i > 0) out.push_back({px, py, x, y, feature});
        px = x, py = y;
    }
}

struct Query {
    double x, y;
};

// GEOS calls this for (tree item, query) pairs; items are Segments, the query a Query.
int segment_distance(const void* item, const void* query, double* distance, void* /*userdata*/)
{
    const auto* s = static_cast<const Segment*>(item);
    const auto* q = static_cast<const Query*>(query);
    *distance = point_segment_distance(q->x, q->y, *s);
    return 1;
}

struct TieQuery {
    Query q;
    double distance;
    Nearest* best;
};

void lowest_equal_feature(void* item, void* userdata)
{
    const auto* s = static_cast<const Segment*>(item);
    auto* t = static_cast<TieQuery*>(userdata);
    if (s->feature < t->best->feature && point_segment_distance(t->q.x, t->q.y, *s) <= t->distance)
        t->best->feature = s->feature;
}

} // namespace

// For every address, the nearest segment of one route layer. Each thread builds its own
// STRtree (GEOS trees are built lazily on first query and are not shared across threads).
std::vector<Nearest> nearest_route(const Layer& layer, PointsView pts, int threads)
{
    std::vector<Segment> segments;
    {
        geos::Context ctx;
        for (std::uint32_t k = 0; k < layer.features.size(); ++k) {
            const Feature& f = layer.features[k];
            geos::Geom g = geos::own(ctx, GEOSGeomFromWKB_buf_r(ctx, f.wkb.data(), f.wkb.size()));
            if (g) collect_segments(ctx, g.get(), k, segments);
        }
    }
    const std::size_t n = pts.x.size();
    std::vector<Nearest> out(n);
    if (segments.empty() || n == 0) return out;
    const int n_threads = std::max(1, std::min<int>(threads, static_cast<int>(n)));
    auto work = [&](int t) {
        geos::Context ctx;
        GEOSSTRtree* tree = GEOSSTRtree_create_r(ctx, 10);
        std::vector<geos::Geom> envelopes;
        envelopes.reserve(segments.size());
        for (const Segment& s : segments) {
            GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, 2, 2);
            GEOSCoordSeq_setXY_r(ctx, seq, 0, s.x0, s.y0);
            GEOSCoordSeq_setXY_r(ctx, seq, 1, s.x1, s.y1);
            envelopes.push_back(geos::own(ctx, GEOSGeom_createLineString_r(ctx, seq)));
            GEOSSTRtree_insert_r(ctx, tree, envelopes.back().get(), const_cast<Segment*>(&s));
        }
        const std::size_t begin = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(n_threads);
        const std::size_t end = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(n_threads);
        for (std::size_t i = begin; i < end; ++i) {
            Query q{pts.x[i], pts.y[i]};
            geos::Geom pt = geos::own(ctx, GEOSGeom_createPointFromXY_r(ctx, q.x, q.y));
            const auto* s = static_cast<const Segment*>(
                GEOSSTRtree_nearest_generic_r(ctx, tree, &q, pt.get(), segment_distance, nullptr));
            if (!s) continue;
            Nearest best{point_segment_distance(q.x, q.y, *s), s->feature};
            // Routes often share end points: among equally near segments the lowest feature
            // index wins, so the offer does not depend on the tree's traversal order.
            TieQuery tie{q, best.distance, &best};
            geos::Geom box = geos::own(ctx, GEOSGeom_createRectangle_r(ctx, q.x - best.distance, q.y - best.distance,
                                                                       q.x + best.distance, q.y + best.distance));
            GEOSSTRtree_query_r(ctx, tree, box.get(), lowest_equal_feature, &tie);
            out[i] = best;
        }
        GEOSSTRtree_destroy_r(ctx, tree);
    };
    run_on_threads(n_threads, work);
    return out;
}

} // namespace coverage
