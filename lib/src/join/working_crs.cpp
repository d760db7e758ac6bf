#include "join/evidence.hpp"

#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ogrsf_frmts.h>

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

WorkingCrs choose_working_crs(const SpatialOptions& o, const AddressTable& t)
{
    gdal::ensure_registered();
    if (!o.working_crs.empty()) {
        OGRSpatialReference srs = gdal::make_srs(o.working_crs);
        if (!metric_projected(srs))
            throw UsageError(fmt::format("--working-crs {} is not a projected CRS in metres; use e.g. EPSG:25832 or "
                                         "EPSG:3035",
                                         o.working_crs));
        return {gdal::srs_label(srs), gdal::srs_wkt(srs), "--working-crs"};
    }
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
    // Chosen from the addresses' extent: a shard holds only some of them and could choose
    // differently from its neighbours (and from one whole run).
    if (o.sharded)
        throw UsageError("with --shard the working CRS cannot be chosen from the addresses' extent (each shard "
                         "sees only its own addresses); name it with --working-crs, e.g. --working-crs EPSG:25832");
    if (t.size() == 0) return {t.source_crs, t.source_crs_wkt, "no addresses"};
    const auto [lon_min, lon_max] = std::minmax_element(t.lon.begin(), t.lon.end());
    const auto [lat_min, lat_max] = std::minmax_element(t.lat.begin(), t.lat.end());
    const double lon_c = (*lon_min + *lon_max) / 2, lat_c = (*lat_min + *lat_max) / 2;
    const bool europe = *lat_min > 27 && *lat_max < 72 && *lon_min > -32 && *lon_max < 45;
    int code = 0;
    std::string why;
    if (*lon_max - *lon_min <= 6) {
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
                                     *lon_max - *lon_min));
    }
    OGRSpatialReference srs = gdal::make_srs(fmt::format("EPSG:{}", code));
    return {gdal::srs_label(srs), gdal::srs_wkt(srs), why};
}

} // namespace coverage
