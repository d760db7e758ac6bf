#include "write/feature_table.hpp"

#include "base/csv_text.hpp"
#include "base/path_util.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "gdal/dataset.hpp"
#include "gdal/vector_writer.hpp"

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

void write_csv(const FeatureTable& t, AtomicPath& file)
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
    file.write(out);
    file.close();
}

void write_gdal(const FeatureTable& t, AtomicPath& file)
{
    const std::string& path = file.target();
    const bool has_geometry = t.geometry != FeatureGeometry::none;
    OGRSpatialReference source;
    if (has_geometry) {
        if (source.SetFromUserInput(t.crs.c_str()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: unusable coordinate system of the {}", path, t.layer));
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const OGRwkbGeometryType type = t.geometry == FeatureGeometry::multipolygon ? wkbMultiPolygon
                                    : t.geometry == FeatureGeometry::linestring ? wkbLineString
                                                                                : wkbNone;
    // GeoJSON is WGS84 by RFC 7946; the binary formats keep the table's own (exact) CRS.
    gdal::VectorFileWriter out(file, t.layer, has_geometry ? source : gdal::wgs84(), type);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (out.geojson() && has_geometry) ct.reset(OGRCreateCoordinateTransformation(&source, &gdal::wgs84()));
    for (const FeatureColumn& c : t.columns)
        out.add_field({c.name,
                       c.kind == ColumnKind::text   ? OFTString
                       : c.kind == ColumnKind::real ? OFTReal
                                                    : OFTInteger64,
                       OFSTNone});
    out.start();
    for (std::size_t i = 0; i < t.rows; ++i) {
        OGRFeatureUniquePtr f = out.new_feature();
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const FeatureColumn& col = t.columns[c];
            const int k = static_cast<int>(c);
            if (col.kind == ColumnKind::text) {
                f->SetField(k, col.text(i).c_str());
            } else if (const auto v = col.number(i)) {
                const double scale = std::pow(10.0, col.decimals);
                if (col.kind == ColumnKind::real) f->SetField(k, std::round(*v * scale) / scale);
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
            std::unique_ptr<OGRGeometry> geom(
                t.geometry == FeatureGeometry::multipolygon ? OGRGeometryFactory::forceToMultiPolygon(g) : g);
            if (ct && geom->transform(ct.get()) != OGRERR_NONE)
                throw OutputError(fmt::format("{}: {} feature {}: cannot transform to WGS84", path, t.layer, i + 1));
            f->SetGeometryDirectly(geom.release());
        }
        out.write(*f);
    }
    out.finish();
}

} // namespace

void check_feature_output(const std::string& path)
{
    if (path == "-" || lower_ext(path) == "csv" || gdal::vector_driver_for(path)) return;
    throw UsageError(
        fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb or - (CSV on stdout)", path,
                    lower_ext(path)));
}

void write_feature_table(const FeatureTable& t, AtomicPath& out)
{
    check_feature_output(out.target());
    if (out.is_stdout() || lower_ext(out.target()) == "csv") return write_csv(t, out);
    write_gdal(t, out);
}

void write_feature_table(const FeatureTable& t, const std::string& path, bool overwrite)
{
    check_feature_output(path);
    OutputSet set(overwrite);
    write_feature_table(t, set.add(path));
    set.commit();
}

} // namespace coverage
