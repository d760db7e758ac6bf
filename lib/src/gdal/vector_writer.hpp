#pragma once
// The one way a vector file is written (classify results, aggregate areas, and every later
// command's layers): chosen by extension, created beside the target under a temporary name
// through the checking file system (a full disk is an error even where a GDAL 3.6 driver
// ignores it), with the project's fixed creation options (GeoJSON RFC 7946 with 6 decimals,
// a fixed GeoPackage timestamp so the bytes repeat, no FlatGeobuf index), written in
// transactions, closed with its errors checked, and renamed into place only on success (by the run's OutputSet).
#include "coverage/atomic_file.hpp"
#include "gdal/checked_vsi.hpp"
#include "gdal/gpkg_rtree.hpp"

#include <gdal_priv.h>
#include <memory>
#include <ogrsf_frmts.h>
#include <string>
#include <string_view>

namespace coverage::gdal {

/// The GDAL driver for an output file name: "GeoJSON" (.geojson/.json), "GPKG" (.gpkg),
/// "FlatGeobuf" (.fgb), "XLSX" (.xlsx), "ODS" (.ods); nullptr for anything else.
const char* vector_driver_for(std::string_view path);

struct FieldSpec {
    std::string name;
    OGRFieldType type = OFTString;
    OGRFieldSubType subtype = OFSTNone;
};

class VectorFileWriter {
public:
    /// Creates the file in `out`'s temporary folder and one layer in `srs` (GeoJSON: always
    /// WGS84; features must then be given in WGS84). Throws OutputError / UsageError.
    VectorFileWriter(AtomicPath& out, const std::string& layer_name, const OGRSpatialReference& srs,
                     OGRwkbGeometryType geometry_type);
    /// A stand-alone output (prefer an OutputSet): finish() also renames it into place.
    VectorFileWriter(const std::string& path, const std::string& layer_name, const OGRSpatialReference& srs,
                     OGRwkbGeometryType geometry_type, bool overwrite);
    VectorFileWriter(const VectorFileWriter&) = delete;
    VectorFileWriter& operator=(const VectorFileWriter&) = delete;

    void add_field(const FieldSpec& field);
    /// Starts the first transaction (after the fields are added; write() calls it too).
    void start();
    [[nodiscard]] OGRFeatureUniquePtr new_feature() const;
    /// Writes a feature; commits the transaction every 100,000 features. Throws OutputError.
    void write(OGRFeature& feature);
    /// Commits, closes and checks every error; the owner's OutputSet renames it into place.
    /// Throws OutputError.
    void finish();

    /// A QGIS style (QML text) for the layer, so the file opens styled: in a GeoPackage a row
    /// of its `layer_styles` table (QGIS's default style for the layer); for other formats
    /// written by finish() into `sidecar`, the NAME.qml beside the output that the run added to
    /// its OutputSet (QGIS loads a same-named .qml), so it appears with the output or not at all.
    void set_qgis_style(std::string qml, AtomicPath* sidecar);

    [[nodiscard]] bool geojson() const { return geojson_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] OGRLayer* layer() const { return layer_; }

private:
    VectorFileWriter(std::unique_ptr<AtomicPath> owned, const std::string& layer_name, const OGRSpatialReference& srs,
                     OGRwkbGeometryType geometry_type);
    [[noreturn]] void fail() const;
    void write_layer_style();

    std::unique_ptr<AtomicPath> owned_; // stand-alone outputs only; destroyed last (after ds_)
    WriteWatch watch_;
    std::string style_qml_;
    AtomicPath* style_file_ = nullptr; // the .qml beside a non-GeoPackage output (in the run's OutputSet)
    std::string path_;
    bool geojson_ = false;
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
    bool started_ = false;
    std::size_t pending_ = 0;
    // GeoPackage with geometry: the spatial index is bulk loaded after closing (gdal/gpkg_rtree.hpp).
    bool bulk_index_ = false;
    std::string temp_file_, layer_name_, geometry_column_;
    std::vector<RtreeBox> boxes_;
};

/// Creates the fields of `fields` on `layer`. Throws OutputError naming `where`.
void create_fields(OGRLayer* layer, const std::vector<FieldSpec>& fields, const std::string& where);

} // namespace coverage::gdal
