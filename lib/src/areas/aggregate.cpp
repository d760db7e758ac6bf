#include "base/text.hpp"
#include "coverage/aggregate.hpp"

#include "coverage/error.hpp"
#include "geos/io.hpp"
#include "geos/strtree.hpp"
#include "gdal/dataset.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

std::string fold(std::string_view s) { return ascii_lower(s); }

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
    if (!m.srs.GetAreaOfUse(&west, &south, &east, &north, &name)) return m;  // none recorded: no limit
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
    const std::string fix = m.epsg == 3035
                                ? "use --grid-crs utm to work in the addresses' UTM zone (grid cell ids "
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
    if (!ct) throw InputError(fmt::format("cannot transform WGS84 to the areas' coordinate system: {}", gdal::last_error()));
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
    std::vector<std::int64_t> area;  // per result row; -1: not placed
};

void assign_grid(const ResultTable& r, const AggregateOptions& o, AreaTable& t, Assignment& a)
{
    const MetricCrs crs = metric_crs(r, o.grid_crs, "grid cells");
    std::vector<double> x, y;
    project(r, crs.srs, x, y);
    absl::flat_hash_map<std::pair<std::int64_t, std::int64_t>, std::int64_t> index;  // (n, e) -> provisional
    std::vector<GridCell> cells;
    std::vector<std::int64_t> provisional(r.size(), -1);
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (std::isnan(r.lon[i])) continue;
        const GridCell c = grid_cell(x[i], y[i], o.grid_m);
        auto [it, fresh] = index.try_emplace(std::make_pair(c.northing, c.easting), static_cast<std::int64_t>(cells.size()));
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
        if (!layer) throw InputError(fmt::format("{}: has no layer '{}'; ogrinfo lists its layers", o.areas, o.areas_layer));
    } else {
        if (ds->GetLayerCount() < 1) throw InputError(fmt::format("{}: holds no vector layer", o.areas));
        layer = ds->GetLayer(0);
    }
    const int id_field = layer->GetLayerDefn()->GetFieldIndex(o.area_id_field.c_str());
    if (id_field < 0) {
        std::vector<std::string> names;
        for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
            names.emplace_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
        throw InputError(fmt::format("{}: no field '{}' (--area-id); fields are: {}", o.areas, o.area_id_field,
                                     fmt::join(names, ", ")));
    }
    OGRSpatialReference srs;
    if (!o.areas_crs.empty()) srs = gdal::make_srs(o.areas_crs);
    else if (const OGRSpatialReference* s = layer->GetSpatialRef()) srs = *s;
    else throw InputError(fmt::format("{}: the areas have no coordinate system; give --areas-crs (e.g. EPSG:25832)", o.areas));
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
        if (id.empty()) throw InputError(fmt::format("{}: empty area id ({}); every area needs one", where, o.area_id_field));
        auto [it, fresh] = ids.try_emplace(id, feature_no);
        if (!fresh)
            throw InputError(fmt::format("{}: area id '{}' already used by feature {}; dissolve the parts first or "
                                         "choose a unique --area-id field",
                                         where, id, it->second));
        OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) throw InputError(fmt::format("{}: area '{}' has no geometry", where, id));
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            throw InputError(fmt::format("{}: area '{}' is a {}, not a polygon", where, id, OGRGeometryTypeToName(type)));
        g->flattenTo2D();
        std::string wkb(static_cast<std::size_t>(g->WkbSize()), '\0');
        g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
        geoms.push_back(geos::from_wkb(ctx, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
        t.area_id.push_back(id);
        t.geometry_wkb.push_back(std::move(wkb));
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
            if (covers == 2) throw InputError(fmt::format("{}: area '{}': {}", o.areas, t.area_id[k], ctx.last_error()));
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
    geos::Context ctx;
    for (std::uint32_t c = 0; c < n; ++c) {
        std::vector<GEOSGeometry*> parts;
        for (const std::size_t k : members[c]) {
            geos::Geom pt = geos::point(ctx, cx[k], cy[k]);
            parts.push_back(geos::checked(ctx, GEOSBuffer_r(ctx.get(), pt.get(), o.cluster_m / 2, 8), "buffer").release());
        }
        geos::Geom coll = geos::checked(
            ctx, GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())),
            "collection");
        geos::Geom hull = geos::checked(ctx, GEOSUnaryUnion_r(ctx.get(), coll.get()), "union");
        GEOSNormalize_r(ctx.get(), hull.get());
        t.area_id.push_back(fmt::format("{}", c + 1));
        t.geometry_wkb.push_back(geos::to_wkb(ctx, hull.get()));
    }
    t.crs = fmt::format("EPSG:{}", crs.epsg);
}

} // namespace

const std::vector<std::string>& socio_economic_columns()
{
    static const std::vector<std::string> cols{"schools", "hospitals", "businesses", "public"};
    return cols;
}

GridCell grid_cell(double x, double y, int size_m)
{
    const auto s = static_cast<double>(size_m);
    return GridCell{static_cast<std::int64_t>(std::floor(x / s)) * size_m,
                    static_cast<std::int64_t>(std::floor(y / s)) * size_m};
}

std::string grid_cell_id(const GridCell& cell, int size_m, int epsg)
{
    return fmt::format("CRS{}RES{}mN{}E{}", epsg, size_m, cell.northing, cell.easting);
}

std::vector<std::uint32_t> cluster_points(const std::vector<double>& x, const std::vector<double>& y, double distance)
{
    const std::size_t n = x.size();
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    };
    auto unite = [&](std::size_t i, std::size_t j) {
        i = find(i);
        j = find(j);
        if (i == j) return;
        if (j < i) std::swap(i, j);
        parent[j] = i;  // the root is always the earliest point: numbering follows it
    };
    // Neighbour search over a hash grid of cell size `distance`: a partner within the distance
    // lies in the same or one of the 8 neighbouring cells.
    const double d2 = distance * distance;
    absl::flat_hash_map<std::pair<std::int64_t, std::int64_t>, std::vector<std::size_t>> grid;
    auto key = [&](std::size_t i) {
        return std::make_pair(static_cast<std::int64_t>(std::floor(x[i] / distance)),
                              static_cast<std::int64_t>(std::floor(y[i] / distance)));
    };
    for (std::size_t i = 0; i < n; ++i) grid[key(i)].push_back(i);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [gx, gy] = key(i);
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                auto it = grid.find(std::make_pair(gx + dx, gy + dy));
                if (it == grid.end()) continue;
                for (const std::size_t j : it->second) {
                    if (j <= i) continue;
                    const double ex = x[i] - x[j], ey = y[i] - y[j];
                    if (ex * ex + ey * ey <= d2) unite(i, j);
                }
            }
    }
    std::vector<std::uint32_t> number(n, 0), out(n, 0);
    std::uint32_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t root = find(i);
        if (number[root] == 0) number[root] = ++next;
        out[i] = number[root];
    }
    return out;
}

Eigen::MatrixXd AreaTable::class_shares() const
{
    Eigen::MatrixXd s = class_addresses.cast<double>();
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        if (addresses(i) == 0) s.row(i).setConstant(std::numeric_limits<double>::quiet_NaN());
        else s.row(i) *= 100.0 / static_cast<double>(addresses(i));
    }
    return s;
}

AreaTable aggregate(const ResultTable& r, const AggregateOptions& o)
{
    AreaTable t;
    // Words: the union across all inputs, in the documented order (or --classes).
    {
        std::vector<std::string> words(r.class_name.begin(), r.class_name.end());
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        if (!o.classes.empty()) {
            for (const auto& w : words)
                if (std::find(o.classes.begin(), o.classes.end(), w) == o.classes.end())
                    throw UsageError(fmt::format("class '{}' occurs in the input but not in --classes ({}); add it",
                                                 w, fmt::join(o.classes, ",")));
            t.classes = o.classes;
        } else {
            t.classes = ordered_classes(words);
        }
        std::vector<std::string> tiers(r.tier.begin(), r.tier.end());
        std::sort(tiers.begin(), tiers.end());
        tiers.erase(std::unique(tiers.begin(), tiers.end()), tiers.end());
        t.tiers = ordered_tiers(tiers);
    }
    if (!o.bands.empty()) {
        t.band_class = o.band_class;
        // A built-in class word may be absent from this run (no served address at all): its
        // share is 0. Any other word must occur in the input, to catch typos.
        const std::vector<std::string> builtin{"white", "grey", "served", "black", "under_review", "unserved",
                                               "underserved", "dark_grey", "below_uso", "decent", "superfast",
                                               "ultrafast", "gigabit"};
        if (std::find(t.classes.begin(), t.classes.end(), o.band_class) == t.classes.end() &&
            std::find(builtin.begin(), builtin.end(), o.band_class) == builtin.end())
            throw UsageError(fmt::format("--band-class '{}' is not a class of the input ({})", o.band_class,
                                         fmt::join(t.classes, ", ")));
    }

    Assignment a;
    a.area.assign(r.size(), -1);
    t.read = r.size();
    for (std::size_t i = 0; i < r.size(); ++i)
        if (std::isnan(r.lon[i])) ++t.unlocated;
    if (r.size() > 0 && t.unlocated == r.size())
        throw InputError(fmt::format("{}: none of the {} results has coordinates (lon and lat are empty: classify ran "
                                     "without --addresses, e.g. on FCC rows as they are), so there is nothing to "
                                     "place; classify with --addresses (a layer with coordinates), or count by a "
                                     "column with coverage summary --by FIELD",
                                     fmt::join(r.inputs, ", "), r.size()));
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

    // Counting: one pass over the rows into area x word matrices.
    const auto areas = static_cast<Eigen::Index>(t.size());
    auto zeros = [&](std::size_t cols) { return CountMatrix::Zero(areas, static_cast<Eigen::Index>(cols)); };
    t.class_addresses = zeros(t.classes.size());
    t.class_units = zeros(t.classes.size());
    t.tier_addresses = zeros(t.tiers.size());
    t.tier_units = zeros(t.tiers.size());
    t.socio = zeros(socio_economic_columns().size());
    t.addresses = CountVector::Zero(areas);
    t.units = CountVector::Zero(areas);
    t.eligible_addresses = CountVector::Zero(areas);
    t.eligible_units = CountVector::Zero(areas);
    auto index_of = [](const std::vector<std::string>& words, const std::string& w) {
        return static_cast<Eigen::Index>(std::find(words.begin(), words.end(), w) - words.begin());
    };
    absl::flat_hash_map<std::string, Eigen::Index> class_index, tier_index;
    for (const auto& w : t.classes) class_index[w] = index_of(t.classes, w);
    for (const auto& w : t.tiers) tier_index[w] = index_of(t.tiers, w);
    const absl::flat_hash_map<std::string, Eigen::Index> socio{{"school", 0}, {"hospital", 1}, {"business", 2}, {"public", 3}};
    for (std::size_t i = 0; i < r.size(); ++i) {
        const std::int64_t area = a.area[i];
        if (area < 0) continue;
        ++t.placed;
        const auto u = static_cast<std::int64_t>(r.units[i]);
        t.addresses(area) += 1;
        t.units(area) += u;
        const Eigen::Index c = class_index.at(r.class_name[i]);
        t.class_addresses(area, c) += 1;
        t.class_units(area, c) += u;
        if (!r.tier[i].empty()) {
            const Eigen::Index k = tier_index.at(r.tier[i]);
            t.tier_addresses(area, k) += 1;
            t.tier_units(area, k) += u;
        }
        if (r.eligible[i]) {
            t.eligible_addresses(area) += 1;
            t.eligible_units(area) += u;
        }
        if (auto it = socio.find(fold(r.category[i])); it != socio.end()) t.socio(area, it->second) += 1;
    }

    if (!o.bands.empty()) {
        const Eigen::MatrixXd shares = t.class_shares();
        const auto bc = std::find(t.classes.begin(), t.classes.end(), o.band_class);
        const bool present = bc != t.classes.end();
        const Eigen::Index col = present ? static_cast<Eigen::Index>(bc - t.classes.begin()) : 0;
        auto label = [&](std::size_t k) {
            return k + 1 < o.bands.size() ? fmt::format("{}-{}", o.bands[k], o.bands[k + 1])
                                          : fmt::format("{}-100", o.bands[k]);
        };
        for (Eigen::Index i = 0; i < areas; ++i) {
            if (t.addresses(i) == 0) {
                t.band.emplace_back();
                continue;
            }
            // The band is chosen on the share as written (2 decimals), so the file agrees with itself.
            const double s = present ? std::round(shares(i, col) * 100) / 100 : 0.0;
            std::string b = fmt::format("<{}", o.bands.front());
            for (std::size_t k = 0; k < o.bands.size(); ++k)
                if (s >= o.bands[k]) b = label(k);
            t.band.push_back(b);
        }
    }
    return t;
}

} // namespace coverage
