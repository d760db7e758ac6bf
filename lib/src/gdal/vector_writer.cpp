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
    if (ext == "xlsx") return "XLSX";
    if (ext == "ods") return "ODS";
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
    // The spreadsheet drivers write a zip through /vsizip/, which cannot stack on the checking
    // file system: they write the temporary file directly (a failed write is still a CPL error).
    const bool spreadsheet = name == "XLSX" || name == "ODS";
    const std::string temp = out.gdal_path();
    ds_.reset(driver->Create((spreadsheet ? temp : checked_path(temp)).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
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
    // GeoPackage: the index is added in one pass after closing (GDAL 3.6 inserts it feature by
    // feature, slower than writing the features).
    bulk_index_ = name == "GPKG" && geometry_type != wkbNone;
    if (bulk_index_) lco.AddString("SPATIAL_INDEX=NO");
    OGRSpatialReference layer_srs = geojson_ ? wgs84() : srs;
    layer_ = ds_->CreateLayer(layer_name.c_str(), &layer_srs, geometry_type, lco.List());
    if (!layer_) {
        if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path, *why));
        throw OutputError(fmt::format("{}: cannot create layer: {}", path, last_error()));
    }
    if (bulk_index_) {
        temp_file_ = temp;
        layer_name_ = layer_->GetName();
        geometry_column_ = layer_->GetGeometryColumn();
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
    if (layer_->CreateFeature(&feature) != OGRERR_NONE) fail();
    if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
    if (bulk_index_) {
        const OGRGeometry* g = feature.GetGeometryRef();
        if (g && !g->IsEmpty()) {
            OGREnvelope e;
            g->getEnvelope(&e);
            boxes_.push_back(rtree_box(feature.GetFID(), e.MinX, e.MaxX, e.MinY, e.MaxY));
        }
    }
    if (in_transaction_ && ++pending_ >= 100000) {
        if (layer_->CommitTransaction() != OGRERR_NONE || layer_->StartTransaction() != OGRERR_NONE) fail();
        pending_ = 0;
    }
}

void VectorFileWriter::finish()
{
    start();
    if (in_transaction_ && layer_->CommitTransaction() != OGRERR_NONE) fail();
    in_transaction_ = false;
    if (!style_qml_.empty() && !style_file_) write_layer_style();
    // GDAL 3.6 has no GDALDataset::Close(); closing flushes, and failures surface as CPL errors.
    CPLErrorReset();
    GDALClose(GDALDataset::ToHandle(ds_.release()));
    if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
    if (CPLGetLastErrorType() >= CE_Failure) fail();
    if (bulk_index_) add_gpkg_rtree(temp_file_, path_, layer_name_, geometry_column_, std::move(boxes_));
    if (style_file_) style_file_->write(style_qml_);
    if (owned_) owned_->commit();
}

void VectorFileWriter::set_qgis_style(std::string qml, AtomicPath* sidecar)
{
    style_qml_ = std::move(qml);
    style_file_ = lower_ext(path_) == "gpkg" ? nullptr : sidecar;
}

// The table QGIS reads its default layer styles from (the same columns QGIS creates).
void VectorFileWriter::write_layer_style()
{
    OGRLayer* styles = ds_->CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (!styles) throw OutputError(fmt::format("{}: cannot create layer_styles: {}", path_, last_error()));
    const std::vector<FieldSpec> fields{{"f_table_catalog", OFTString, OFSTNone},
                                        {"f_table_schema", OFTString, OFSTNone},
                                        {"f_table_name", OFTString, OFSTNone},
                                        {"f_geometry_column", OFTString, OFSTNone},
                                        {"styleName", OFTString, OFSTNone},
                                        {"styleQML", OFTString, OFSTNone},
                                        {"styleSLD", OFTString, OFSTNone},
                                        {"useAsDefault", OFTInteger, OFSTBoolean},
                                        {"description", OFTString, OFSTNone},
                                        {"owner", OFTString, OFSTNone},
                                        {"ui", OFTString, OFSTNone},
                                        {"update_time", OFTDateTime, OFSTNone}};
    create_fields(styles, fields, path_);
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
    f->SetField("f_table_catalog", "");
    f->SetField("f_table_schema", "");
    f->SetField("f_table_name", layer_->GetName());
    f->SetField("f_geometry_column", layer_->GetGeometryColumn());
    f->SetField("styleName", layer_->GetName());
    f->SetField("styleQML", style_qml_.c_str());
    f->SetField("styleSLD", "");
    f->SetField("useAsDefault", 1);
    f->SetField("description", "classes in the coverage palette (Okabe-Ito)");
    f->SetField("owner", "");
    if (styles->CreateFeature(f.get()) != OGRERR_NONE)
        throw OutputError(fmt::format("{}: cannot write the layer style: {}", path_, last_error()));
}

} // namespace coverage::gdal
