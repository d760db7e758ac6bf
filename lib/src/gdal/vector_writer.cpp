#include "gdal/vector_writer.hpp"

#include "base/path_util.hpp"
#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <cpl_string.h>
#include <fmt/format.h>

namespace coverage::gdal {

const char* vector_driver_for(std::string_view path)
{
    const std::string ext = lower_ext(path);
    if (ext == "geojson" || ext == "json") return "GeoJSON";
    if (ext == "gpkg") return "GPKG";
    if (ext == "fgb") return "FlatGeobuf";
    return nullptr;
}

void create_fields(OGRLayer* layer, const std::vector<FieldSpec>& fields, const std::string& where)
{
    for (const FieldSpec& f : fields) {
        OGRFieldDefn fd(f.name.c_str(), f.type);
        fd.SetSubType(f.subtype);
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: cannot create field {}: {}", where, f.name, last_error()));
    }
}

VectorFileWriter::VectorFileWriter(const std::string& path, const std::string& layer_name,
                                   const OGRSpatialReference& srs, OGRwkbGeometryType geometry_type, bool overwrite)
    : VectorFileWriter(std::make_unique<AtomicPath>(path, overwrite), layer_name, srs, geometry_type)
{
}

VectorFileWriter::VectorFileWriter(std::unique_ptr<AtomicPath> owned, const std::string& layer_name,
                                   const OGRSpatialReference& srs, OGRwkbGeometryType geometry_type)
    : VectorFileWriter(*owned, layer_name, srs, geometry_type)
{
    owned_ = std::move(owned);
}

VectorFileWriter::VectorFileWriter(AtomicPath& out, const std::string& layer_name, const OGRSpatialReference& srs,
                                   OGRwkbGeometryType geometry_type)
    : path_(out.target())
{
    const std::string& path = path_;
    ensure_registered();
    const char* driver_name = vector_driver_for(path);
    if (!driver_name) throw UsageError(fmt::format("{}: not a vector file format (.geojson, .gpkg, .fgb)", path));
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver) throw OutputError(fmt::format("{}: GDAL has no {} driver", path, driver_name));
    const std::string_view name(driver_name);
    geojson_ = name == "GeoJSON";
    // GeoPackage stamps the creation time into gpkg_contents; a fixed stamp keeps the output
    // byte-identical across runs (GDAL's own tests use the same option).
    if (name == "GPKG" && !CPLGetConfigOption("OGR_CURRENT_DATE", nullptr))
        CPLSetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
    ds_.reset(driver->Create(checked_path(out.gdal_path()).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds_) {
        if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path, *why));
        throw OutputError(fmt::format("{}: cannot create: {}", path, last_error()));
    }
    CPLStringList lco;
    if (geojson_) {
        lco.AddString("RFC7946=YES");
        lco.AddString("COORDINATE_PRECISION=6");
        lco.AddString("WRITE_NAME=NO");
    }
    if (name == "FlatGeobuf") lco.AddString("SPATIAL_INDEX=NO");
    OGRSpatialReference layer_srs = geojson_ ? wgs84() : srs;
    layer_ = ds_->CreateLayer(layer_name.c_str(), &layer_srs, geometry_type, lco.List());
    if (!layer_) {
        if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path, *why));
        throw OutputError(fmt::format("{}: cannot create layer: {}", path, last_error()));
    }
}

void VectorFileWriter::fail() const
{
    // A failed write underneath (full disk, ulimit -f) explains GDAL's own message best.
    if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
    throw OutputError(fmt::format("{}: write failed: {}", path_, last_error()));
}

void VectorFileWriter::add_field(const FieldSpec& field) { create_fields(layer_, {field}, path_); }

OGRFeatureUniquePtr VectorFileWriter::new_feature() const
{
    return OGRFeatureUniquePtr(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
}

void VectorFileWriter::start()
{
    if (started_) return;
    started_ = true;
    in_transaction_ = layer_->StartTransaction() == OGRERR_NONE;
}

void VectorFileWriter::write(OGRFeature& feature)
{
    start();
    if (layer_->CreateFeature(&feature) != OGRERR_NONE)
        fail();
    if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
    if (in_transaction_ && ++pending_ >= 100000) {
        if (layer_->CommitTransaction() != OGRERR_NONE || layer_->StartTransaction() != OGRERR_NONE)
            fail();
        pending_ = 0;
    }
}

void VectorFileWriter::finish()
{
    start();
    if (in_transaction_ && layer_->CommitTransaction() != OGRERR_NONE)
        fail();
    in_transaction_ = false;
    // GDAL 3.6 has no GDALDataset::Close(); closing flushes, and failures surface as CPL errors.
    CPLErrorReset();
    GDALClose(GDALDataset::ToHandle(ds_.release()));
    if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
    if (CPLGetLastErrorType() >= CE_Failure)
        fail();
    if (owned_) owned_->commit();
}

} // namespace coverage::gdal
