// Every non-CSV tabular source through GDAL (GeoPackage, GeoJSON, Shapefile, FlatGeobuf,
// XLSX/ODS, PG:...), handed out row by row as text like the CSV reader.
#include "read/readers.hpp"

#include "base/path_util.hpp"
#include "base/text.hpp"
#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <fmt/format.h>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

class GdalReader final : public TableReader {
public:
    GdalReader(const std::string& path, const ReadOptions& options) : TableReader(path)
    {
        const std::string ext = lower_ext(path);
        spreadsheet_ = ext == "xlsx" || ext == "xlsm" || ext == "ods";
        if (spreadsheet_) {
            // Ids and postcodes stay text, and the first row always names the columns (with
            // every cell typed as text GDAL could not tell the header from the data). GDAL 3.6
            // honours these as configuration options, read when the sheet is first loaded,
            // so they stay set (on this thread) while this reader lives.
            const std::string kind = ext == "ods" ? "ODS" : "XLSX";
            config_ = {"OGR_" + kind + "_HEADERS", "OGR_" + kind + "_FIELD_TYPES"};
            CPLSetThreadLocalConfigOption(config_[0].c_str(), "FORCE");
            CPLSetThreadLocalConfigOption(config_[1].c_str(), "STRING");
        }
        try {
            dataset_ = gdal::open_vector(path);
        } catch (...) {
            for (const auto& key : config_) CPLSetThreadLocalConfigOption(key.c_str(), nullptr);
            throw;
        }
        if (!options.layer.empty()) {
            layer_ = dataset_->GetLayerByName(options.layer.c_str());
            if (!layer_)
                throw InputError(
                    fmt::format("{}: has no layer '{}'; ogrinfo lists its layers", this->path(), options.layer));
        } else {
            if (dataset_->GetLayerCount() < 1)
                throw InputError(fmt::format("{}: holds no vector layer; name a table with --layer", this->path()));
            layer_ = dataset_->GetLayer(0);
        }
        OGRFeatureDefn* defn = layer_->GetLayerDefn();
        std::vector<std::string> cols;
        for (int i = 0; i < defn->GetFieldCount(); ++i) cols.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        set_columns(std::move(cols));
        has_geometry_ = defn->GetGeomFieldCount() > 0;
        values_.resize(columns().size());
        layer_->ResetReading();
    }

    ~GdalReader() override
    {
        layer_ = nullptr;
        dataset_.reset();
        for (const auto& key : config_) CPLSetThreadLocalConfigOption(key.c_str(), nullptr);
    }

    bool next() override
    {
        CPLErrorReset();
        feature_.reset(layer_->GetNextFeature());
        if (!feature_) {
            if (CPLGetLastErrorType() >= CE_Failure && CPLGetLastErrorNo() != 0)
                throw InputError(
                    fmt::format("{}: read error after feature {}: {}", path(), index_, CPLGetLastErrorMsg()));
            return false;
        }
        ++index_;
        // GDAL numbers spreadsheet features by their sheet row (the header is row 1): the
        // row number the operator sees in Excel.
        row_ = spreadsheet_ && feature_->GetFID() > 0 ? static_cast<std::uint64_t>(feature_->GetFID()) : index_;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            const int f = static_cast<int>(i);
            if (!feature_->IsFieldSetAndNotNull(f)) {
                values_[i].clear();
            } else if (feature_->GetFieldDefnRef(f)->GetType() == OFTDate) {
                // GDAL writes dates as YYYY/MM/DD; the readers (and results' gigabit_planned_date,
                // which the GeoJSON driver detects as a date) expect ISO YYYY-MM-DD.
                int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
                float ss = 0;
                feature_->GetFieldAsDateTime(f, &y, &m, &d, &hh, &mm, &ss, &tz);
                values_[i] = fmt::format("{:04}-{:02}-{:02}", y, m, d);
            } else {
                values_[i] = feature_->GetFieldAsString(f);
            }
        }
        return true;
    }
    [[nodiscard]] std::string_view field(int column) const override
    {
        return column >= 0 && static_cast<std::size_t>(column) < values_.size()
                   ? std::string_view(values_[static_cast<std::size_t>(column)])
                   : std::string_view{};
    }
    [[nodiscard]] std::size_t field_count() const override { return values_.size(); }
    [[nodiscard]] std::string where() const override
    {
        return fmt::format("{}:{} {}", path(), spreadsheet_ ? "row" : "feature", row_);
    }
    [[nodiscard]] std::uint64_t row_number() const override { return row_; }
    [[nodiscard]] const OGRSpatialReference* spatial_reference() const override { return layer_->GetSpatialRef(); }
    [[nodiscard]] bool has_geometry() const override { return has_geometry_; }
    [[nodiscard]] std::optional<RowPoint> point() const override
    {
        const OGRGeometry* g = feature_ ? feature_->GetGeometryRef() : nullptr;
        if (!g || g->IsEmpty()) return std::nullopt;
        if (wkbFlatten(g->getGeometryType()) != wkbPoint) return std::nullopt;
        const auto* p = g->toPoint();
        return RowPoint{p->getX(), p->getY()};
    }
    [[nodiscard]] const OGRGeometry* geometry() const override
    {
        return feature_ ? feature_->GetGeometryRef() : nullptr;
    }
    [[nodiscard]] std::optional<std::string> geometry_problem() const override
    {
        const OGRGeometry* g = feature_ ? feature_->GetGeometryRef() : nullptr;
        if (!g || wkbFlatten(g->getGeometryType()) == wkbPoint) return std::nullopt;
        return fmt::format("geometry is a {}, expected a point; give one point per address (e.g. the building's "
                           "centroid)",
                           OGRGeometryTypeToName(g->getGeometryType()));
    }

private:
    GDALDatasetUniquePtr dataset_;
    OGRLayer* layer_ = nullptr;
    OGRFeatureUniquePtr feature_;
    std::vector<std::string> values_;
    std::uint64_t index_ = 0;
    std::uint64_t row_ = 0;
    bool spreadsheet_ = false;
    bool has_geometry_ = false;
    std::vector<std::string> config_; // thread-local GDAL config options to clear on close
};

} // namespace

std::string read_vsi_file(const std::string& vsi_path, const std::string& name)
{
    VSIStatBufL st{};
    if (VSIStatL(vsi_path.c_str(), &st) != 0)
        throw InputError(
            fmt::format("{}: cannot open (no such file, or not inside the archive); check the path", name));
    if (VSI_ISDIR(st.st_mode))
        throw InputError(fmt::format("{}: is a directory, not a file; name the CSV file inside it", name));
    VSILFILE* f = VSIFOpenL(vsi_path.c_str(), "rb");
    if (!f) throw InputError(fmt::format("{}: cannot open; check the path", name));
    std::string text;
    char buf[1 << 16];
    std::size_t got = 0;
    while ((got = VSIFReadL(buf, 1, sizeof buf, f)) > 0) text.append(buf, got);
    // GDAL 3.6 has no VSIFErrorL: a read that stopped before the end is the error.
    const bool failed = VSIFEofL(f) == 0;
    VSIFCloseL(f);
    if (failed) throw InputError(fmt::format("{}: read error (a damaged archive?)", name));
    return text;
}

std::unique_ptr<TableReader> open_gdal_table(const std::string& path, const ReadOptions& options)
{
    return std::make_unique<GdalReader>(path, options);
}

} // namespace coverage
