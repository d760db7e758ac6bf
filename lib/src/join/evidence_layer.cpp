#include "join/evidence.hpp"
#include "read/column_names.hpp"

#include "base/checksum.hpp"
#include "base/csv_text.hpp"
#include "base/source_name.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"
#include "geos/context.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ogrsf_frmts.h>

namespace coverage {

LayerTransform layer_transform(const TableReader& in, const std::string& path, const std::string& role,
                               const char* what, const OGRSpatialReference& working)
{
    if (!in.has_geometry())
        throw InputError(fmt::format("{}: has no geometry column; {} must be {}", path, role, what));
    const OGRSpatialReference* src = in.spatial_reference();
    if (!src)
        throw InputError(
            fmt::format("{}: has no coordinate system; assign one (e.g. ogr2ogr -a_srs EPSG:25832 out.gpkg "
                        "{})",
                        path, path));
    LayerTransform lt;
    lt.source = *src;
    lt.source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!lt.source.IsSame(&working)) {
        lt.ct.reset(OGRCreateCoordinateTransformation(&lt.source, &working));
        if (!lt.ct)
            throw InputError(
                fmt::format("{}: cannot transform {} to the working CRS", path, gdal::srs_label(lt.source)));
    }
    return lt;
}

Layer read_layer(const std::string& spec, Kind kind, const SpatialOptions& o, const OGRSpatialReference& working,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account)
{
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture those in lambdas.
    auto source_spec = split_source_spec(spec);
    const std::string source_path = std::move(source_spec.first);
    // Every message, reject and summary line names the source with its password masked.
    const std::string path = display_source(source_path);
    auto constants = std::move(source_spec.second);
    if (!take_encoding(constants).empty())
        throw UsageError(fmt::format("'{}': encoding= is for CSV offer files; {} are read through GDAL, which uses the "
                                     "encoding the format declares (e.g. a Shapefile's .cpg)",
                                     display_source(spec), kind == Kind::footprints ? "footprints" : "routes"));
    ReadOptions read = o.read;
    read.force_gdal = true;
    auto in = TableReader::open(source_path, read);
    account.role = kind == Kind::footprints ? "footprints" : "routes";
    account.file = path;
    account.sha256 = source_sha256(source_path);
    LayerTransform lt =
        layer_transform(*in, path, account.role, kind == Kind::footprints ? "polygons" : "lines", working);
    const OGRSpatialReference& source = lt.source;
    const std::unique_ptr<OGRCoordinateTransformation>& ct = lt.ct;
    // Routes without any provider (a duct layer) only measure distance; they make no offers.
    const bool route_offers =
        kind == Kind::footprints || find_column(*in, ColumnRole::provider, "", false) >= 0 ||
        !o.fields.provider.empty() ||
        std::any_of(constants.begin(), constants.end(), [](const auto& kv) { return kv.first == "provider"; });
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
        const bool ok_type =
            kind == Kind::footprints
                ? (type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon || type == wkbMultiSurface)
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
                if (problem->column < 0 && problem->constant) {
                    // A bad FILE#key=value constant: blame the constant, not the geometry.
                    std::string value;
                    for (const auto& [k, v] : constants)
                        if (k == problem->constant) value = v;
                    rejects.add({path, in->row_number(), fmt::format("#{}", problem->constant), clip_value(value),
                                 std::move(problem->reason)});
                    ++account.rejected;
                } else {
                    reject(problem->column, std::move(problem->reason));
                }
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

} // namespace coverage
