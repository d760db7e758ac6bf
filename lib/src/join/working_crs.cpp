#include "join/evidence.hpp"

#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <ogrsf_frmts.h>
#include <proj.h>

namespace coverage {

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

std::optional<OGRSpatialReference> layer_srs(const std::string& path, const ReadOptions& read)
{
    auto ds = gdal::open_vector(path);
    OGRLayer* layer = read.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(read.layer.c_str());
    if (!layer || !layer->GetSpatialRef()) return std::nullopt;
    OGRSpatialReference srs = *layer->GetSpatialRef();
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

double max_scale_error(const std::string& wkt, const LonLatBox& box)
{
    // A PROJ context of our own: GDAL's is not exposed, and a context is not thread-safe.
    std::unique_ptr<PJ_CONTEXT, decltype(&proj_context_destroy)> ctx(proj_context_create(), proj_context_destroy);
    const auto destroy = [](PJ* p) { proj_destroy(p); };
    std::unique_ptr<PJ, decltype(destroy)> crs(proj_create(ctx.get(), wkt.c_str()), destroy);
    if (!crs) return std::numeric_limits<double>::infinity();
    // proj_factors wants longitude, latitude in radians: the CRS normalised to lon/lat, x/y order.
    std::unique_ptr<PJ, decltype(destroy)> pj(proj_normalize_for_visualization(ctx.get(), crs.get()), destroy);
    if (!pj) return std::numeric_limits<double>::infinity();
    constexpr double rad = 3.14159265358979323846 / 180;
    double worst = 0;
    for (int i = 0; i <= 2; ++i)
        for (int j = 0; j <= 2; ++j) {
            const double lon = box.lon_min + (box.lon_max - box.lon_min) * i / 2;
            const double lat = box.lat_min + (box.lat_max - box.lat_min) * j / 2;
            const PJ_FACTORS f = proj_factors(pj.get(), proj_coord(lon * rad, lat * rad, 0, 0));
            if (proj_context_errno(ctx.get()) != 0 || !(f.tissot_semimajor > 0) || !(f.tissot_semiminor > 0))
                return std::numeric_limits<double>::infinity();
            worst = std::max({worst, std::fabs(f.tissot_semimajor - 1), std::fabs(1 - f.tissot_semiminor)});
        }
    return worst;
}

namespace {

// The lon/lat box of the points (NaN entries skipped); lon_min > lon_max when none has coordinates.
LonLatBox extent(const std::vector<double>& lon, const std::vector<double>& lat)
{
    LonLatBox b{INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (std::size_t i = 0; i < lon.size(); ++i) {
        if (std::isnan(lon[i]) || std::isnan(lat[i])) continue;
        b.lon_min = std::min(b.lon_min, lon[i]), b.lon_max = std::max(b.lon_max, lon[i]);
        b.lat_min = std::min(b.lat_min, lat[i]), b.lat_max = std::max(b.lat_max, lat[i]);
    }
    return b;
}

LonLatBox extent(const AddressTable& t) { return extent(t.lon, t.lat); }

// "scale 1.5877 (58.77 % off)" for messages.
std::string scale_words(double error)
{
    if (!std::isfinite(error)) return "scale factors not computable there";
    return fmt::format("up to {:.2f} % off true metres", error * 100);
}

} // namespace

PointsView to_working(const AddressTable& t, const OGRSpatialReference& working, Points& p)
{
    const OGRSpatialReference source = from_wkt(t.source_crs_wkt);
    if (source.IsSame(&working)) return PointsView{t.x, t.y};
    p.x = t.x;
    p.y = t.y;
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
    return PointsView{p.x, p.y};
}

WorkingCrs choose_working_crs(const SpatialOptions& o, const AddressTable& t)
{
    gdal::ensure_registered();
    if (!o.working_crs.empty()) return working_crs_for_lonlat(o.working_crs, t.lon, t.lat);
    const OGRSpatialReference source = from_wkt(t.source_crs_wkt);
    // The addresses' own CRS only when its metres are true metres where the addresses are:
    // Web Mercator (EPSG:3857) is projected in "metres" that are 1/cos(latitude) too long.
    std::string not_true_metres;
    if (metric_projected(source) && t.size() > 0) {
        const double err = max_scale_error(t.source_crs_wkt, extent(t));
        if (!(err <= max_working_scale_error))
            not_true_metres = fmt::format("; {} is not true metres here, {}", t.source_crs, scale_words(err));
    }
    if (metric_projected(source) && not_true_metres.empty()) {
        bool all_same = true;
        for (const auto* list : {&o.footprints, &o.routes})
            for (const auto& spec : *list) {
                const auto srs = layer_srs(split_source_spec(spec).first, o.read);
                if (srs && !srs->IsSame(&source)) all_same = false;
            }
        if (all_same) return {t.source_crs, t.source_crs_wkt, "the addresses' CRS, shared by all spatial inputs"};
    }
    // Chosen from the addresses' extent: a shard holds only some of them and could choose
    // differently from its neighbours (and from one whole run).
    if (o.sharded)
        throw UsageError("with --shard the working CRS cannot be chosen from the addresses' extent (each shard "
                         "sees only its own addresses); name it with --working-crs, e.g. --working-crs EPSG:25832");
    if (t.size() == 0) return {t.source_crs, t.source_crs_wkt, "no addresses"};
    WorkingCrs chosen = working_crs_for_lonlat({}, t.lon, t.lat);
    chosen.why += not_true_metres;
    return chosen;
}

WorkingCrs working_crs_for_lonlat(const std::string& forced, const std::vector<double>& lon,
                                  const std::vector<double>& lat)
{
    gdal::ensure_registered();
    const LonLatBox box = extent(lon, lat);
    if (!forced.empty()) {
        OGRSpatialReference srs = gdal::make_srs(forced);
        if (!metric_projected(srs))
            throw UsageError(fmt::format("--working-crs {} is not a projected CRS in metres; use e.g. EPSG:25832 or "
                                         "EPSG:3035",
                                         forced));
        if (box.lon_min <= box.lon_max) {
            const double err = max_scale_error(gdal::srs_wkt(srs), box);
            if (!(err <= max_working_scale_error))
                throw UsageError(fmt::format("--working-crs {} is not true metres at the addresses ({}; at most {} % "
                                             "is allowed); use a UTM zone or the national grid of the area, or leave "
                                             "out --working-crs to choose one",
                                             forced, scale_words(err), max_working_scale_error * 100));
        }
        return {gdal::srs_label(srs), gdal::srs_wkt(srs), "--working-crs"};
    }
    if (!(box.lon_min <= box.lon_max))
        throw UsageError("no point has coordinates; cannot choose a working CRS (give --working-crs)");
    const double lon_c = (box.lon_min + box.lon_max) / 2, lat_c = (box.lat_min + box.lat_max) / 2;
    const bool europe = box.lat_min > 27 && box.lat_max < 72 && box.lon_min > -32 && box.lon_max < 45;
    int code = 0;
    std::string why;
    if (box.lon_max - box.lon_min <= 6) {
        const int zone = std::clamp(static_cast<int>(std::floor((lon_c + 180) / 6)) + 1, 1, 60);
        if (europe && zone >= 28 && zone <= 38) code = 25800 + zone; // ETRS89 / UTM
        else code = (lat_c >= 0 ? 32600 : 32700) + zone;             // WGS 84 / UTM
        why = fmt::format("UTM zone {} of the addresses", zone);
    } else if (europe) {
        code = 3035;
        why = "ETRS89-LAEA for addresses spanning several UTM zones in Europe";
    } else {
        throw UsageError(fmt::format("the addresses span {:.1f} degrees of longitude; choose a metric CRS for the "
                                     "spatial join with --working-crs",
                                     box.lon_max - box.lon_min));
    }
    OGRSpatialReference srs = gdal::make_srs(fmt::format("EPSG:{}", code));
    return {gdal::srs_label(srs), gdal::srs_wkt(srs), why};
}

} // namespace coverage
