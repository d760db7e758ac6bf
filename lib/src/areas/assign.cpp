#include "areas/assign.hpp"

#include "base/text.hpp"
#include "base/threads.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"
#include "geos/io.hpp"
#include "geos/strtree.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

OGRSpatialReference from_epsg(int code)
{
    OGRSpatialReference s;
    s.importFromEPSG(code);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

// The metric CRS of grid cells and cluster distances (--grid-crs): EPSG:3035 (ETRS89-LAEA,
// the INSPIRE grid) or the WGS 84 UTM zone (EPSG:326xx / 327xx) of the addresses' centre.
// "Outside" is defined by the area of use PROJ records for the CRS (EPSG:3035: lon -35.58 to
// 44.83, lat 24.6 to 84.73; a UTM zone: its 6-degree strip in one hemisphere): beyond it a
// 3035 "1 km cell" is neither the INSPIRE grid nor a 1 km square on the ground (Maine: 1.13
// km one way, 0.89 km the other, by PROJ's proj_factors), and a UTM zone's scale error grows
// past 0.1 %. Any located address outside is an error naming the fix, never a silently
// distorted count.
struct MetricCrs {
    OGRSpatialReference srs;
    int epsg = 3035;
};

MetricCrs metric_crs(const ResultTable& r, const std::string& choice, const char* purpose)
{
    MetricCrs m;
    if (choice == "utm") {
        double lon_min = 180, lon_max = -180, lat_min = 90, lat_max = -90;
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (std::isnan(r.lon[i])) continue;
            lon_min = std::min(lon_min, r.lon[i]), lon_max = std::max(lon_max, r.lon[i]);
            lat_min = std::min(lat_min, r.lat[i]), lat_max = std::max(lat_max, r.lat[i]);
        }
        const double lon_c = (lon_min + lon_max) / 2, lat_c = (lat_min + lat_max) / 2;
        const int zone = std::clamp(static_cast<int>(std::floor((lon_c + 180) / 6)) + 1, 1, 60);
        m.epsg = (lat_c >= 0 ? 32600 : 32700) + zone;
    } else if (!choice.empty() && choice != "EPSG:3035") {
        throw UsageError(fmt::format("--grid-crs '{}': use EPSG:3035 (the INSPIRE grid, default) or utm (the "
                                     "UTM zone of the addresses)",
                                     choice));
    }
    m.srs = from_epsg(m.epsg);
    double west = -180, south = -90, east = 180, north = 90;
    const char* name = nullptr;
    if (!m.srs.GetAreaOfUse(&west, &south, &east, &north, &name)) return m; // none recorded: no limit
    auto inside = [&](double lon, double lat) {
        const bool in_lon = west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
        return in_lon && lat >= south && lat <= north;
    };
    std::size_t outside = 0, first = 0, located = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        ++located;
        if (inside(r.lon[i], r.lat[i])) continue;
        if (outside++ == 0) first = i;
    }
    if (outside == 0) return m;
    const std::string area = fmt::format("the area of use of EPSG:{} ({}: lon {} to {}, lat {} to {})", m.epsg,
                                         m.srs.GetName() ? m.srs.GetName() : "", west, east, south, north);
    const std::string fix = m.epsg == 3035 ? "use --grid-crs utm to work in the addresses' UTM zone (grid cell ids "
                                             "CRS326<zone>RES...), or --areas with your own polygons"
                                           : "the addresses span more than one UTM zone: aggregate each zone's results "
                                             "separately, or use --areas with your own polygons";
    throw InputError(fmt::format("{} of {} addresses lie outside {}, where {} in its metres would be distorted; the "
                                 "first is {} at lon/lat ({}, {}); {}",
                                 outside, located, area, purpose, r.where(first), r.lon[first], r.lat[first], fix));
}

/// Projects the located rows from WGS84 to `target` in one batch; x/y NaN for unlocated rows.
void project(const ResultTable& r, const OGRSpatialReference& target, std::vector<double>& x, std::vector<double>& y)
{
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&gdal::wgs84(), &target));
    if (!ct)
        throw InputError(fmt::format("cannot transform WGS84 to the areas' coordinate system: {}", gdal::last_error()));
    x = r.lon;
    y = r.lat;
    std::vector<int> ok(x.size(), 0);
    if (!x.empty() && !ct->Transform(x.size(), x.data(), y.data(), nullptr, ok.data())) {
        // Some points failed; the per-point flags say which.
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        if (!ok[i] || !std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw InputError(fmt::format("{}: lon/lat ({}, {}) cannot be transformed to the target coordinate system",
                                         r.where(i), r.lon[i], r.lat[i]));
    }
}

std::string polygon_wkb(double x0, double y0, double x1, double y1)
{
    OGRLinearRing ring;
    ring.addPoint(x0, y0);
    ring.addPoint(x1, y0);
    ring.addPoint(x1, y1);
    ring.addPoint(x0, y1);
    ring.addPoint(x0, y0);
    OGRPolygon poly;
    poly.addRing(&ring);
    std::string wkb(static_cast<std::size_t>(poly.WkbSize()), '\0');
    poly.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
    return wkb;
}

struct Assignment {
    std::vector<std::int64_t> area; // per result row; -1: not placed
};

void assign_grid(const ResultTable& r, const AggregateOptions& o, AreaTable& t, Assignment& a)
{
    const MetricCrs crs = metric_crs(r, o.grid_crs, "grid cells");
    std::vector<double> x, y;
    project(r, crs.srs, x, y);
    absl::flat_hash_map<std::pair<std::int64_t, std::int64_t>, std::int64_t> index; // (n, e) -> provisional
    std::vector<GridCell> cells;
    std::vector<std::int64_t> provisional(r.size(), -1);
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        const GridCell c = grid_cell(x[i], y[i], o.grid_m);
        auto [it, fresh] =
            index.try_emplace(std::make_pair(c.northing, c.easting), static_cast<std::int64_t>(cells.size()));
        if (fresh) cells.push_back(c);
        provisional[i] = it->second;
    }
    // Rows in the id's order: northing, then easting.
    std::vector<std::size_t> order(cells.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t l, std::size_t rr) {
        return std::tie(cells[l].northing, cells[l].easting) < std::tie(cells[rr].northing, cells[rr].easting);
    });
    std::vector<std::int64_t> rank(cells.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const GridCell& c = cells[order[k]];
        rank[order[k]] = static_cast<std::int64_t>(k);
        t.area_id.push_back(grid_cell_id(c, o.grid_m, crs.epsg));
        const auto e = static_cast<double>(c.easting), n = static_cast<double>(c.northing);
        t.geometry_wkb.push_back(polygon_wkb(e, n, e + o.grid_m, n + o.grid_m));
    }
    for (std::size_t i = 0; i < r.size(); ++i)
        a.area[i] = provisional[i] < 0 ? -1 : rank[static_cast<std::size_t>(provisional[i])];
    t.crs = fmt::format("EPSG:{}", crs.epsg);
}

void assign_areas(const ResultTable& r, const AggregateOptions& o, AreaTable& t, Assignment& a)
{
    CPLStringList open_options;
    GDALDatasetUniquePtr ds = gdal::open_vector(o.areas, open_options.List());
    OGRLayer* layer = nullptr;
    if (!o.areas_layer.empty()) {
        layer = ds->GetLayerByName(o.areas_layer.c_str());
        if (!layer)
            throw InputError(fmt::format("{}: has no layer '{}'; ogrinfo lists its layers", o.areas, o.areas_layer));
    } else {
        if (ds->GetLayerCount() < 1) throw InputError(fmt::format("{}: holds no vector layer", o.areas));
        layer = ds->GetLayer(0);
    }
    std::vector<std::string> field_names;
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
        field_names.emplace_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    const int id_field = layer->GetLayerDefn()->GetFieldIndex(o.area_id_field.c_str());
    if (id_field < 0)
        throw InputError(fmt::format("{}: no field '{}' (--area-id); fields are: {}", o.areas, o.area_id_field,
                                     fmt::join(field_names, ", ")));
    std::vector<int> keep_fields;
    for (const auto& k : o.keep) {
        const int f = layer->GetLayerDefn()->GetFieldIndex(k.c_str());
        if (f < 0)
            throw InputError(
                fmt::format("{}: no field '{}' (--keep); fields are: {}", o.areas, k, fmt::join(field_names, ", ")));
        if (k == "area_id" || k == o.area_id_field)
            throw UsageError(fmt::format("--keep {}: the area id is written as area_id already", k));
        keep_fields.push_back(f);
        t.keep_names.push_back(k);
    }
    OGRSpatialReference srs;
    if (!o.areas_crs.empty()) srs = gdal::make_srs(o.areas_crs);
    else if (const OGRSpatialReference* s = layer->GetSpatialRef()) srs = *s;
    else
        throw InputError(
            fmt::format("{}: the areas have no coordinate system; give --areas-crs (e.g. EPSG:25832)", o.areas));
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    t.crs = wkt ? wkt : "";
    CPLFree(wkt);

    geos::Context ctx;
    std::vector<geos::Geom> geoms;
    absl::flat_hash_map<std::string, std::uint64_t> ids;
    layer->ResetReading();
    std::uint64_t feature_no = 0;
    for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        ++feature_no;
        const std::string where = fmt::format("{}:feature {}", o.areas, feature_no);
        const std::string id = f->IsFieldSetAndNotNull(id_field) ? f->GetFieldAsString(id_field) : "";
        if (id.empty())
            throw InputError(fmt::format("{}: empty area id ({}); every area needs one", where, o.area_id_field));
        auto [it, fresh] = ids.try_emplace(id, t.area_id.size());
        if (!fresh && !o.dissolve)
            throw InputError(fmt::format("{}: area id '{}' is used by an earlier feature too; pass --dissolve to count "
                                         "the parts as one area, or choose a unique --area-id field",
                                         where, id));
        OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) throw InputError(fmt::format("{}: area '{}' has no geometry", where, id));
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            throw InputError(
                fmt::format("{}: area '{}' is a {}, not a polygon", where, id, OGRGeometryTypeToName(type)));
        g->flattenTo2D();
        std::string wkb(static_cast<std::size_t>(g->WkbSize()), '\0');
        g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
        geos::Geom geom = geos::from_wkb(ctx, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
        if (!fresh) {
            // --dissolve: the area is the union of its parts; its attributes are the first part's.
            const auto k = static_cast<std::size_t>(it->second);
            GEOSGeometry* merged = GEOSUnion_r(ctx.get(), geoms[k].get(), geom.get());
            if (!merged)
                throw InputError(fmt::format("{}: cannot dissolve area '{}': {}", where, id, ctx.last_error()));
            geoms[k] = geos::own(ctx, merged);
            t.geometry_wkb[k] = geos::to_wkb(ctx, geoms[k].get());
            ++t.dissolved;
            continue;
        }
        geoms.push_back(std::move(geom));
        t.area_id.push_back(id);
        t.geometry_wkb.push_back(std::move(wkb));
        std::vector<std::string> values;
        for (const int kf : keep_fields)
            values.emplace_back(f->IsFieldSetAndNotNull(kf) ? f->GetFieldAsString(kf) : "");
        t.keep_values.push_back(std::move(values));
    }
    geos::StrTree tree(ctx);
    std::vector<geos::Prepared> prepared;
    for (std::size_t k = 0; k < geoms.size(); ++k) {
        tree.insert(geoms[k].get(), k);
        const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.get(), geoms[k].get());
        if (!p) throw InputError(fmt::format("{}: area '{}': {}", o.areas, t.area_id[k], ctx.last_error()));
        prepared.emplace_back(p, geos::PreparedDeleter{ctx.get()});
    }
    std::vector<double> x, y;
    project(r, srs, x, y);
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        const geos::Geom pt = geos::point(ctx, x[i], y[i]);
        std::int64_t found = -1;
        for (const std::size_t k : tree.query(pt.get())) {
            const char covers = GEOSPreparedCovers_r(ctx.get(), prepared[k].get(), pt.get());
            if (covers == 2)
                throw InputError(fmt::format("{}: area '{}': {}", o.areas, t.area_id[k], ctx.last_error()));
            if (!covers) continue;
            if (found < 0) found = static_cast<std::int64_t>(k);
            else {
                ++t.overlaps;
                break;
            }
        }
        a.area[i] = found;
        if (found < 0) {
            ++t.unassigned;
            t.unassigned_rows.push_back(i);
        }
    }
}

void assign_clusters(const ResultTable& r, const AggregateOptions& o, AreaTable& t, Assignment& a)
{
    const MetricCrs crs = metric_crs(r, o.grid_crs, "cluster distances");
    std::vector<double> x, y;
    project(r, crs.srs, x, y);
    std::vector<std::size_t> rows;
    std::vector<double> cx, cy;
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        if (!r.eligible[i]) {
            ++t.not_clustered;
            continue;
        }
        rows.push_back(i);
        cx.push_back(x[i]);
        cy.push_back(y[i]);
    }
    const std::vector<std::uint32_t> cid = cluster_points(cx, cy, o.cluster_m);
    const std::uint32_t n = cid.empty() ? 0 : *std::max_element(cid.begin(), cid.end());
    std::vector<std::vector<std::size_t>> members(n);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        a.area[rows[k]] = cid[k] - 1;
        members[cid[k] - 1].push_back(k);
    }
    t.geometry_wkb.assign(n, std::string());
    for (std::uint32_t c = 0; c < n; ++c) t.area_id.push_back(fmt::format("{}", c + 1));
    t.crs = fmt::format("EPSG:{}", crs.epsg);
    if (!o.outlines) return;
    // Each cluster's outline (the union of its members' buffers) is independent of the others:
    // built on every thread, each with its own GEOS context, clusters taken in turn and stored
    // by index, so the bytes do not depend on the thread count.
    std::atomic<std::uint32_t> next{0};
    const int threads = std::max(1, std::min(resolve_threads(o.threads), static_cast<int>(n)));
    run_on_threads(threads, [&](int) {
        geos::Context ctx;
        for (std::uint32_t c = next++; c < n; c = next++) {
            std::vector<GEOSGeometry*> parts;
            for (const std::size_t k : members[c]) {
                geos::Geom pt = geos::point(ctx, cx[k], cy[k]);
                parts.push_back(
                    geos::checked(ctx, GEOSBuffer_r(ctx.get(), pt.get(), o.cluster_m / 2, 8), "buffer").release());
            }
            geos::Geom coll =
                geos::checked(ctx,
                              GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                          static_cast<unsigned>(parts.size())),
                              "collection");
            geos::Geom hull = geos::checked(ctx, GEOSUnaryUnion_r(ctx.get(), coll.get()), "union");
            GEOSNormalize_r(ctx.get(), hull.get());
            t.geometry_wkb[c] = geos::to_wkb(ctx, hull.get());
        }
    });
}

} // namespace

std::vector<std::int64_t> assign_rows(const ResultTable& r, const AggregateOptions& o, AreaTable& t)
{
    Assignment a;
    a.area.assign(r.size(), -1);
    switch (o.mode) {
    case AreaMode::grid:
        if (o.grid_m != 100 && o.grid_m != 1000 && o.grid_m != 10000)
            throw UsageError("--grid must be 100m, 1km or 10km");
        assign_grid(r, o, t, a);
        break;
    case AreaMode::areas: assign_areas(r, o, t, a); break;
    case AreaMode::clusters:
        if (!(o.cluster_m > 0)) throw UsageError("--clusters needs a distance in metres greater than 0");
        assign_clusters(r, o, t, a);
        break;
    }
    return std::move(a.area);
}

std::vector<std::int64_t> assign_by_field(const ResultTable& r, const std::string& field, AreaTable& t)
{
    const TextColumn& values = r.text_column(field);
    std::vector<std::string> ids;
    for (const auto& v : values.distinct())
        if (!trim(v).empty()) ids.emplace_back(trim(v));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    absl::flat_hash_map<std::string, std::int64_t> index;
    for (std::size_t k = 0; k < ids.size(); ++k) index.emplace(ids[k], static_cast<std::int64_t>(k));
    std::vector<std::int64_t> area = values.per_row<std::int64_t>([&](std::string_view v) {
        v = trim(v);
        return v.empty() ? std::int64_t{-1} : index.at(std::string(v));
    });
    for (std::size_t i = 0; i < r.size(); ++i)
        if (area[i] < 0) {
            ++t.unassigned;
            t.unassigned_rows.push_back(i);
        }
    t.area_id = std::move(ids);
    t.geometry_wkb.assign(t.area_id.size(), std::string());
    return area;
}

} // namespace coverage
