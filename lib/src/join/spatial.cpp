#include "base/csv_text.hpp"
#include "base/checksum.hpp"
#include "join/spatial.hpp"

#include "coverage/error.hpp"
#include "geos/context.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <ogrsf_frmts.h>
#include <thread>

namespace coverage {
namespace {

OGRSpatialReference from_wkt(const std::string& wkt)
{
    OGRSpatialReference srs;
    srs.importFromWkt(wkt.c_str());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

bool metric_projected(const OGRSpatialReference& srs)
{
    return srs.IsProjected() && std::fabs(srs.GetLinearUnits() - 1.0) < 1e-9;
}

// The CRS of a spatial input's first layer, without reading its features.
std::optional<OGRSpatialReference> layer_srs(const std::string& path, const ReadOptions& read)
{
    auto ds = gdal::open_vector(path);
    OGRLayer* layer = read.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(read.layer.c_str());
    if (!layer || !layer->GetSpatialRef()) return std::nullopt;
    OGRSpatialReference srs = *layer->GetSpatialRef();
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// Addresses in the working CRS (a copy; the source coordinates stay for the output).
struct Points {
    std::vector<double> x, y;
};

Points to_working(const AddressTable& t, const OGRSpatialReference& working)
{
    Points p{t.x, t.y};
    const OGRSpatialReference source = from_wkt(t.source_crs_wkt);
    if (source.IsSame(&working)) return p;
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&source, &working));
    if (!ct) throw InputError(fmt::format("cannot transform the addresses from {} to the working CRS", t.source_crs));
    std::vector<int> ok(p.x.size());
    if (!p.x.empty() && !ct->Transform(p.x.size(), p.x.data(), p.y.data(), nullptr, ok.data())) {
        for (std::size_t i = 0; i < ok.size(); ++i)
            if (!ok[i])
                throw InputError(fmt::format("address {} cannot be transformed from {} to the working CRS; choose "
                                             "another with --working-crs",
                                             t.id[i], t.source_crs));
    }
    return p;
}

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
        cols_ = static_cast<std::int64_t>(w / cell_) + 1;
        rows_ = static_cast<std::int64_t>(h / cell_) + 1;
        order_.resize(n);
        keys_.resize(n);
        std::vector<std::int64_t> key(n);
        for (std::size_t i = 0; i < n; ++i) key[i] = cell_of(p.x[i], p.y[i]);
        for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
        for (std::size_t i = 0; i < n; ++i) keys_[i] = key[order_[i]];
    }

    template <typename F>
    void query(double minx, double miny, double maxx, double maxy, F&& visit) const
    {
        if (order_.empty()) return;
        const std::int64_t c0 = std::max<std::int64_t>(0, col(minx)), c1 = std::min(cols_ - 1, col(maxx));
        const std::int64_t r0 = std::max<std::int64_t>(0, row(miny)), r1 = std::min(rows_ - 1, row(maxy));
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
    std::int64_t col(double x) const { return static_cast<std::int64_t>(std::floor((x - x0_) / cell_)); }
    std::int64_t row(double y) const { return static_cast<std::int64_t>(std::floor((y - y0_) / cell_)); }
    std::int64_t cell_of(double x, double y) const { return row(y) * cols_ + col(x); }

    const Points& p_;
    double x0_ = 0, y0_ = 0, cell_ = 1;
    std::int64_t cols_ = 1, rows_ = 1;
    std::vector<std::uint32_t> order_;
    std::vector<std::int64_t> keys_;
};

// One evidence feature after reading: its offer (if it carries one) and its geometry as WKB
// in the working CRS (WKB, so every thread can build its own GEOS objects).
struct Feature {
    Offer offer;
    bool has_offer = true;
    std::vector<unsigned char> wkb;
};

struct Layer {
    std::string path;
    std::vector<Feature> features;
};

enum class Kind { footprints, routes };

Layer read_layer(const std::string& spec, Kind kind, const SpatialOptions& o, const OGRSpatialReference& working,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account)
{
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture those in lambdas.
    auto source_spec = split_source_spec(spec);
    const std::string path = std::move(source_spec.first);
    const auto constants = std::move(source_spec.second);
    ReadOptions read = o.read;
    read.force_gdal = true;
    auto in = TableReader::open(path, read);
    account.role = kind == Kind::footprints ? "footprints" : "routes";
    account.file = path;
    account.sha256 = file_sha256(path);
    LayerTransform lt = layer_transform(*in, path, account.role, kind == Kind::footprints ? "polygons" : "lines",
                                        working);
    const OGRSpatialReference& source = lt.source;
    const std::unique_ptr<OGRCoordinateTransformation>& ct = lt.ct;
    // Routes without any provider (a duct layer) only measure distance; they make no offers.
    const bool route_offers = kind == Kind::footprints || in->first_column({"provider", "operator", "netzbetreiber",
                                                                            "anbieter"}) >= 0 ||
                              !o.fields.provider.empty() ||
                              std::any_of(constants.begin(), constants.end(),
                                          [](const auto& kv) { return kv.first == "provider"; });
    std::unique_ptr<OfferParser> parser;
    if (route_offers) parser = std::make_unique<OfferParser>(*in, o.fields, constants, false);

    geos::Context ctx;
    Layer layer{path, {}};
    const auto& cols = in->columns();
    auto reject = [&](int col, std::string reason) {
        rejects.add({path, in->row_number(), col >= 0 ? cols[static_cast<std::size_t>(col)] : std::string("geometry"),
                     col >= 0 ? clip_value(in->field(col)) : std::string(), std::move(reason)});
        ++account.rejected;
    };
    while (in->next()) {
        ++account.read;
        const OGRGeometry* g = in->geometry();
        if (!g || g->IsEmpty()) {
            reject(-1, "no geometry (null or empty)");
            continue;
        }
        const auto type = wkbFlatten(g->getGeometryType());
        const bool ok_type = kind == Kind::footprints
                                 ? (type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon ||
                                    type == wkbMultiSurface)
                                 : (type == wkbLineString || type == wkbMultiLineString || type == wkbCompoundCurve ||
                                    type == wkbMultiCurve || type == wkbCircularString);
        if (!ok_type) {
            reject(-1, fmt::format("geometry is a {}, expected {}", OGRGeometryTypeToName(g->getGeometryType()),
                                   kind == Kind::footprints ? "a polygon or multipolygon" : "a line or multiline"));
            continue;
        }
        Feature f;
        if (parser) {
            if (auto problem = parser->parse(*in, providers, f.offer)) {
                reject(problem->column, std::move(problem->reason));
                continue;
            }
        } else {
            f.has_offer = false;
        }
        std::unique_ptr<OGRGeometry> copy(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
        copy->flattenTo2D();
        if (ct && copy->transform(ct.get()) != OGRERR_NONE) {
            reject(-1, fmt::format("cannot transform the geometry from {} to the working CRS; check the file's "
                                   "coordinate system",
                                   gdal::srs_label(source)));
            continue;
        }
        f.wkb.resize(static_cast<std::size_t>(copy->WkbSize()));
        copy->exportToWkb(wkbNDR, f.wkb.data(), wkbVariantIso);
        if (kind == Kind::footprints) {
            // Repair what GEOS can (bow-ties, unclosed or self-touching rings); reject the rest.
            geos::Geom geom = geos::own(ctx, GEOSGeomFromWKB_buf_r(ctx, f.wkb.data(), f.wkb.size()));
            if (!geom) {
                reject(-1, fmt::format("unreadable polygon ({})", ctx.last_error()));
                continue;
            }
            if (GEOSisValid_r(ctx, geom.get()) != 1) {
                geos::Geom fixed = geos::own(ctx, GEOSMakeValid_r(ctx, geom.get()));
                double area = 0;
                if (!fixed || GEOSArea_r(ctx, fixed.get(), &area) != 1 || !(area > 0)) {
                    reject(-1, "invalid polygon that cannot be repaired (no area left); fix it in a GIS");
                    continue;
                }
                std::size_t size = 0;
                unsigned char* buf = GEOSGeomToWKB_buf_r(ctx, fixed.get(), &size);
                f.wkb.assign(buf, buf + size);
                GEOSFree_r(ctx, buf);
                ++account.repaired;
            }
        }
        ++account.used;
        layer.features.push_back(std::move(f));
    }
    return layer;
}

struct Hit {
    std::uint32_t address;
    std::uint32_t feature;  // global index across footprint layers
    bool operator<(const Hit& o) const { return address != o.address ? address < o.address : feature < o.feature; }
};

// Polygon-major join: every footprint is prepared once and tested against the address points
// inside its envelope (from the point grid). Threads take footprints round-robin; the hits
// are sorted afterwards, so the result does not depend on the thread count.
std::vector<Hit> match_footprints(const std::vector<const Feature*>& features, const Points& pts, const PointGrid& grid,
                                  int threads)
{
    const int n_threads = std::max(1, std::min<int>(threads, static_cast<int>(features.size())));
    std::vector<std::vector<Hit>> hits(static_cast<std::size_t>(n_threads));
    std::vector<std::string> errors(static_cast<std::size_t>(n_threads));
    auto work = [&](int t) {
        geos::Context ctx;
        auto& out = hits[static_cast<std::size_t>(t)];
        for (std::size_t k = static_cast<std::size_t>(t); k < features.size(); k += static_cast<std::size_t>(n_threads)) {
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
            geos::Prepared prep = geos::prepare(ctx, poly.get());
            grid.query(minx, miny, maxx, maxy, [&](std::uint32_t i) {
                geos::Geom pt = geos::own(ctx, GEOSGeom_createPointFromXY_r(ctx, pts.x[i], pts.y[i]));
                // covers, not contains: a point on the boundary is inside.
                if (GEOSPreparedCovers_r(ctx, prep.get(), pt.get()) == 1)
                    out.push_back({i, static_cast<std::uint32_t>(k)});
            });
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < n_threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (const auto& e : errors)
        if (!e.empty()) throw InputError(fmt::format("GEOS failed on a footprint: {}", e));
    std::vector<Hit> all;
    for (auto& h : hits) all.insert(all.end(), h.begin(), h.end());
    std::sort(all.begin(), all.end());
    return all;
}

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

struct Nearest {
    double distance = std::numeric_limits<double>::infinity();
    std::uint32_t feature = 0;
};

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

// For every address, the nearest segment of one route layer. Each thread builds its own
// STRtree (GEOS trees are built lazily on first query and are not shared across threads).
std::vector<Nearest> nearest_route(const Layer& layer, const Points& pts, int threads)
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
    std::vector<std::thread> pool;
    for (int t = 1; t < n_threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    return out;
}

} // namespace

LayerTransform layer_transform(const TableReader& in, const std::string& path, const std::string& role,
                               const char* what, const OGRSpatialReference& working)
{
    if (!in.has_geometry())
        throw InputError(fmt::format("{}: has no geometry column; {} must be {}", path, role, what));
    const OGRSpatialReference* src = in.spatial_reference();
    if (!src)
        throw InputError(fmt::format("{}: has no coordinate system; assign one (e.g. ogr2ogr -a_srs EPSG:25832 out.gpkg "
                                     "{})",
                                     path, path));
    LayerTransform lt;
    lt.source = *src;
    lt.source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!lt.source.IsSame(&working)) {
        lt.ct.reset(OGRCreateCoordinateTransformation(&lt.source, &working));
        if (!lt.ct)
            throw InputError(fmt::format("{}: cannot transform {} to the working CRS", path, gdal::srs_label(lt.source)));
    }
    return lt;
}

WorkingCrs choose_working_crs(const SpatialOptions& o, const AddressTable& t)
{
    if (!o.working_crs.empty()) return working_crs_for_lonlat(o.working_crs, t.lon, t.lat);
    const OGRSpatialReference source = from_wkt(t.source_crs_wkt);
    if (metric_projected(source)) {
        bool all_same = true;
        for (const auto* list : {&o.footprints, &o.routes})
            for (const auto& spec : *list) {
                const auto srs = layer_srs(split_source_spec(spec).first, o.read);
                if (srs && !srs->IsSame(&source)) all_same = false;
            }
        if (all_same) return {t.source_crs, t.source_crs_wkt, "the addresses' CRS, shared by all spatial inputs"};
    }
    if (t.size() == 0) return {t.source_crs, t.source_crs_wkt, "no addresses"};
    return working_crs_for_lonlat({}, t.lon, t.lat);
}

WorkingCrs working_crs_for_lonlat(const std::string& forced, const std::vector<double>& lon,
                                  const std::vector<double>& lat)
{
    gdal::ensure_registered();
    if (!forced.empty()) {
        OGRSpatialReference srs = gdal::make_srs(forced);
        if (!metric_projected(srs))
            throw UsageError(fmt::format("--working-crs {} is not a projected CRS in metres; use e.g. EPSG:25832 or "
                                         "EPSG:3035",
                                         forced));
        return {gdal::srs_label(srs), gdal::srs_wkt(srs), "--working-crs"};
    }
    double lon_min = INFINITY, lon_max = -INFINITY, lat_min = INFINITY, lat_max = -INFINITY;
    for (std::size_t i = 0; i < lon.size(); ++i) {
        if (std::isnan(lon[i]) || std::isnan(lat[i])) continue;
        lon_min = std::min(lon_min, lon[i]), lon_max = std::max(lon_max, lon[i]);
        lat_min = std::min(lat_min, lat[i]), lat_max = std::max(lat_max, lat[i]);
    }
    if (!(lon_min <= lon_max)) throw UsageError("no point has coordinates; cannot choose a working CRS (give --working-crs)");
    const double lon_c = (lon_min + lon_max) / 2, lat_c = (lat_min + lat_max) / 2;
    const bool europe = lat_min > 27 && lat_max < 72 && lon_min > -32 && lon_max < 45;
    int code = 0;
    std::string why;
    if (lon_max - lon_min <= 6) {
        const int zone = std::clamp(static_cast<int>(std::floor((lon_c + 180) / 6)) + 1, 1, 60);
        if (europe && zone >= 28 && zone <= 38) code = 25800 + zone;  // ETRS89 / UTM
        else code = (lat_c >= 0 ? 32600 : 32700) + zone;              // WGS 84 / UTM
        why = fmt::format("UTM zone {} of the addresses", zone);
    } else if (europe) {
        code = 3035;
        why = "ETRS89-LAEA for addresses spanning several UTM zones in Europe";
    } else {
        throw UsageError(fmt::format("the addresses span {:.1f} degrees of longitude; choose a metric CRS for the "
                                     "spatial join with --working-crs",
                                     lon_max - lon_min));
    }
    OGRSpatialReference srs = gdal::make_srs(fmt::format("EPSG:{}", code));
    return {gdal::srs_label(srs), gdal::srs_wkt(srs), why};
}

SpatialResult join_spatial_evidence(const SpatialOptions& o, const AddressTable& t, ProviderTable& providers,
                                    RejectLog& rejects, const std::function<void(std::uint32_t, const Offer&)>& sink)
{
    SpatialResult result;
    if (o.footprints.empty() && o.routes.empty()) return result;
    gdal::ensure_registered();
    if (!t.has_geometry)
        throw UsageError("--footprints and --routes need an address layer with coordinates (--addresses)");
    if (!(o.route_distance_m >= 0)) throw UsageError("--route-distance must be a distance in metres, 0 or more");
    const WorkingCrs wc = choose_working_crs(o, t);
    const OGRSpatialReference working = from_wkt(wc.wkt);
    const Points pts = to_working(t, working);
    result.working_crs = wc;

    // Evidence in a fixed order: footprint files, then route files, each in feature order.
    std::vector<Layer> footprint_layers;
    for (const auto& spec : o.footprints) {
        InputAccount acc;
        footprint_layers.push_back(read_layer(spec, Kind::footprints, o, working, providers, rejects, acc));
        result.inputs.push_back(acc);
    }
    std::vector<Layer> route_layers;
    for (const auto& spec : o.routes) {
        InputAccount acc;
        route_layers.push_back(read_layer(spec, Kind::routes, o, working, providers, rejects, acc));
        result.inputs.push_back(acc);
    }

    std::vector<const Feature*> features;
    for (const auto& l : footprint_layers)
        for (const auto& f : l.features) features.push_back(&f);
    std::vector<Hit> hits;
    if (!features.empty()) {
        const PointGrid grid(pts);
        hits = match_footprints(features, pts, grid, o.threads);
    }

    std::vector<std::vector<Nearest>> nearest;
    for (const auto& l : route_layers) nearest.push_back(nearest_route(l, pts, o.threads));
    if (!route_layers.empty()) {
        result.nearest_route_m.assign(t.size(), std::numeric_limits<double>::quiet_NaN());
        for (std::size_t i = 0; i < t.size(); ++i) {
            double best = std::numeric_limits<double>::infinity();
            for (const auto& n : nearest) best = std::min(best, n[i].distance);
            if (std::isfinite(best)) result.nearest_route_m[i] = std::round(best * 10) / 10;
        }
    }

    // Apply in address order; within an address footprints (by file and feature), then routes.
    std::size_t h = 0;
    for (std::uint32_t i = 0; i < t.size(); ++i) {
        for (; h < hits.size() && hits[h].address == i; ++h) sink(i, features[hits[h].feature]->offer);
        for (std::size_t r = 0; r < route_layers.size(); ++r) {
            const Nearest& n = nearest[r][i];
            if (!std::isfinite(n.distance) || n.distance > o.route_distance_m) continue;
            const Feature& f = route_layers[r].features[n.feature];
            if (f.has_offer) sink(i, f.offer);
        }
    }
    return result;
}

} // namespace coverage
