#include "write/feature_table.hpp"

#include "base/csv_text.hpp"
#include "base/path_util.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

std::string cell_text(const FeatureColumn& c, std::size_t i)
{
    if (c.kind == ColumnKind::text) return csv_field(c.text(i));
    const auto v = c.number(i);
    if (!v) return {};
    if (c.kind == ColumnKind::real) return fmt::format("{:.{}f}", *v, c.decimals);
    return fmt::format("{}", static_cast<std::int64_t>(*v));
}

void write_csv(const FeatureTable& t, const std::string& path, bool overwrite)
{
    std::string out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_field(t.columns[c].name);
    out += '\n';
    for (std::size_t i = 0; i < t.rows; ++i) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (c) out += ',';
            out += cell_text(t.columns[c], i);
        }
        out += '\n';
    }
    write_text_file(path, out, overwrite);
}

void write_gdal(const FeatureTable& t, const std::string& path, const char* driver_name, bool overwrite)
{
    AtomicPath atomic(path, overwrite);
    gdal::ensure_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver) throw OutputError(fmt::format("{}: GDAL has no {} driver", path, driver_name));
    GDALDatasetUniquePtr ds(driver->Create(atomic.temp().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw OutputError(fmt::format("{}: cannot create: {}", path, gdal::last_error()));
    const bool geojson = std::string_view(driver_name) == "GeoJSON";
    CPLStringList lco;
    if (geojson) {
        lco.AddString("RFC7946=YES");
        lco.AddString("COORDINATE_PRECISION=6");
        lco.AddString("WRITE_NAME=NO");
    }
    if (std::string_view(driver_name) == "FlatGeobuf") lco.AddString("SPATIAL_INDEX=NO");
    const bool has_geometry = t.geometry != FeatureGeometry::none;
    OGRSpatialReference source;
    if (has_geometry) {
        if (source.SetFromUserInput(t.crs.c_str()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: unusable coordinate system of the {}", path, t.layer));
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    // GeoJSON is WGS84 by RFC 7946; the binary formats keep the table's own (exact) CRS.
    const OGRSpatialReference* target = !has_geometry ? nullptr : geojson ? &gdal::wgs84() : &source;
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (geojson && has_geometry) ct.reset(OGRCreateCoordinateTransformation(&source, &gdal::wgs84()));
    const OGRwkbGeometryType type = t.geometry == FeatureGeometry::multipolygon ? wkbMultiPolygon
                                    : t.geometry == FeatureGeometry::linestring ? wkbLineString
                                                                                : wkbNone;
    OGRLayer* layer = ds->CreateLayer(t.layer.c_str(), const_cast<OGRSpatialReference*>(target), type, lco.List());
    if (!layer) throw OutputError(fmt::format("{}: cannot create layer: {}", path, gdal::last_error()));
    for (const FeatureColumn& c : t.columns) {
        OGRFieldDefn fd(c.name.c_str(), c.kind == ColumnKind::text   ? OFTString
                                        : c.kind == ColumnKind::real ? OFTReal
                                                                     : OFTInteger64);
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: cannot create field {}", path, c.name));
    }
    const bool tx = layer->StartTransaction() == OGRERR_NONE;
    for (std::size_t i = 0; i < t.rows; ++i) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const FeatureColumn& col = t.columns[c];
            const int k = static_cast<int>(c);
            if (col.kind == ColumnKind::text) {
                f->SetField(k, col.text(i).c_str());
            } else if (const auto v = col.number(i)) {
                if (col.kind == ColumnKind::real) f->SetField(k, std::round(*v * std::pow(10.0, col.decimals)) /
                                                                     std::pow(10.0, col.decimals));
                else f->SetField(k, static_cast<GIntBig>(*v));
            } else {
                f->SetFieldNull(k);
            }
        }
        if (has_geometry) {
            const std::string wkb = t.wkb(i);
            OGRGeometry* g = nullptr;
            if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
                throw OutputError(fmt::format("{}: {} feature {}: bad geometry", path, t.layer, i + 1));
            std::unique_ptr<OGRGeometry> geom(t.geometry == FeatureGeometry::multipolygon
                                                  ? OGRGeometryFactory::forceToMultiPolygon(g)
                                                  : g);
            if (ct && geom->transform(ct.get()) != OGRERR_NONE)
                throw OutputError(fmt::format("{}: {} feature {}: cannot transform to WGS84", path, t.layer, i + 1));
            f->SetGeometryDirectly(geom.release());
        }
        if (layer->CreateFeature(f.get()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: write failed: {}", path, gdal::last_error()));
    }
    if (tx && layer->CommitTransaction() != OGRERR_NONE)
        throw OutputError(fmt::format("{}: write failed: {}", path, gdal::last_error()));
    CPLErrorReset();
    GDALClose(GDALDataset::ToHandle(ds.release()));
    if (CPLGetLastErrorType() >= CE_Failure) throw OutputError(fmt::format("{}: write failed: {}", path, gdal::last_error()));
    atomic.commit();
}

} // namespace

void write_feature_table(const FeatureTable& t, const std::string& path, bool overwrite)
{
    const std::string ext = lower_ext(path);
    if (path == "-" || ext == "csv") return write_csv(t, path, overwrite);
    const char* driver = ext == "geojson" || ext == "json" ? "GeoJSON"
                         : ext == "gpkg"                  ? "GPKG"
                         : ext == "fgb"                   ? "FlatGeobuf"
                                                          : nullptr;
    if (!driver)
        throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb or - (CSV on stdout)",
                                     path, ext));
    write_gdal(t, path, driver, overwrite);
}

} // namespace coverage
