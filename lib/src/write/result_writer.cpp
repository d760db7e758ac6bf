#include "base/source_name.hpp"
#include "base/csv_text.hpp"
#include "write/result_writer.hpp"
#include "base/path_util.hpp"
#include "base/text.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "read/table_reader.hpp"
#include "gdal/checked_vsi.hpp"
#include "gdal/dataset.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <charconv>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

const char* tf(bool b) { return b ? "true" : "false"; }

// Appends a CSV field, quoted only when it must be (as csv_field), without a temporary.
void put_field(std::string& out, std::string_view s)
{
    for (const char ch : s)
        if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
            out += csv_field(s);
            return;
        }
    out += s;
}

void put_uint(std::string& out, std::uint64_t v)
{
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    out.append(tmp, r.ptr);
}

// Shortest round-trip text, empty for NaN (as format_number).
void put_number(std::string& out, double v)
{
    if (!std::isnan(v)) fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), v);
}

class CsvResultWriter final : public ResultWriter {
public:
    CsvResultWriter(const std::string& path, const AddressTable& table, const ProviderTable& providers,
                    const RunStamp& stamp, bool overwrite)
        : providers_(providers)
    {
        for (const std::string* f : {&stamp.profile, &stamp.profile_version, &stamp.as_of, &stamp.coverage_version}) {
            stamp_ += ',';
            put_field(stamp_, *f);
        }
        if (path == "-") {
            file_ = stdout;
        } else {
            atomic_ = std::make_unique<AtomicPath>(path, overwrite);
            file_ = std::fopen(atomic_->temp().c_str(), "wb");
            if (!file_)
                throw OutputError(fmt::format("{}: cannot create ({})", path, std::strerror(errno)));
            owned_ = true;
        }
        path_ = path;
        buffer_.reserve(1 << 20);
        buffer_ += fmt::format("{}", fmt::join(result_columns(), ","));
        for (const auto& k : table.keep_names) {
            buffer_ += ',';
            buffer_ += csv_field(k);
        }
        buffer_ += '\n';
    }
    ~CsvResultWriter() override
    {
        if (owned_ && file_) std::fclose(file_);
    }

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        format(t, i, r, buffer_);
        if (buffer_.size() > (1 << 20)) flush();
    }
    [[nodiscard]] bool formats_text() const override { return true; }
    void write_text(std::string_view text) override
    {
        buffer_ += text;
        if (buffer_.size() > (1 << 20)) flush();
    }

    void format(const AddressTable& t, std::size_t i, const ResultRow& r, std::string& b) const override
    {
        const Classification& c = *r.classification;
        put_field(b, t.id[i]);
        if (t.has_geometry) fmt::format_to(std::back_inserter(b), FMT_COMPILE(",{:.6f},{:.6f},"), t.lon[i], t.lat[i]);
        else b += ",,,";
        put_uint(b, t.units[i]);
        b += ',';
        put_field(b, t.category[i]);
        b += ',';
        put_field(b, c.class_name);
        b += ',';
        put_field(b, c.tier);
        b += ',';
        b += tf(c.eligible);
        b += ',';
        if (c.has_best) put_number(b, c.best_down_mbps);
        b += ',';
        if (c.has_best) put_number(b, c.best_up_mbps);
        b += ',';
        if (c.has_best) b += technology_name(c.best_technology);
        b += ',';
        put_uint(b, static_cast<unsigned>(c.networks));
        b += ',';
        put_uint(b, static_cast<unsigned>(c.target_networks));
        b += ',';
        b += tf(c.planned_target);
        b += ',';
        put_number(b, r.nearest_route_m);
        b += ',';
        put_field(b, c.reason);
        b += ',';
        put_field(b, c.providers);
        b += stamp_;
        for (const auto& col : t.keep) {
            b += ',';
            put_field(b, col[i]);
        }
        b += '\n';
    }

    void finish() override
    {
        flush();
        if (std::fflush(file_) != 0 || std::ferror(file_))
            throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(errno)));
        if (owned_) {
            const int rc = std::fclose(file_);
            file_ = nullptr;
            if (rc != 0) throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(errno)));
            atomic_->commit();
        }
    }

private:
    void flush()
    {
        if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
            throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(errno)));
        buffer_.clear();
    }

    [[maybe_unused]] const ProviderTable& providers_;
    std::unique_ptr<AtomicPath> atomic_;
    std::FILE* file_ = nullptr;
    bool owned_ = false;
    std::string path_;
    std::string buffer_;
    std::string stamp_;  // ",profile,profile_version,as_of,coverage_version", the same on every row
};

// The result schema and rows for every GDAL output (files and PostgreSQL).
void create_result_fields(OGRLayer* layer, const AddressTable& table, const std::string& where)
{
    auto add = [&](const char* name, OGRFieldType type, OGRFieldSubType sub = OFSTNone) {
        OGRFieldDefn fd(name, type);
        fd.SetSubType(sub);
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: cannot create field {}: {}", where, name, gdal::last_error()));
    };
    add("id", OFTString);
    add("lon", OFTReal);
    add("lat", OFTReal);
    add("units", OFTInteger);
    add("category", OFTString);
    add("class", OFTString);
    add("tier", OFTString);
    add("eligible", OFTInteger, OFSTBoolean);
    add("best_down_mbps", OFTReal);
    add("best_up_mbps", OFTReal);
    add("best_technology", OFTString);
    add("networks", OFTInteger);
    add("gigabit_networks", OFTInteger);
    add("planned_gigabit", OFTInteger, OFSTBoolean);
    add("nearest_route_m", OFTReal);
    add("reason", OFTString);
    add("providers", OFTString);
    for (const auto& name : run_stamp_columns()) add(name.c_str(), OFTString);
    for (const auto& k : table.keep_names) add(k.c_str(), OFTString);
}

void write_result_feature(OGRLayer* layer, const AddressTable& t, std::size_t i, const ResultRow& r,
                          const RunStamp& stamp, const std::string& where)
{
    const Classification& c = *r.classification;
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    int k = 0;
    f->SetField(k++, t.id.c_str(i));
    const double lon = std::round(t.lon[i] * 1e6) / 1e6, lat = std::round(t.lat[i] * 1e6) / 1e6;
    f->SetField(k++, lon);
    f->SetField(k++, lat);
    f->SetField(k++, static_cast<int>(t.units[i]));
    f->SetField(k++, t.category.c_str(i));
    f->SetField(k++, c.class_name.c_str());
    f->SetField(k++, c.tier.c_str());
    f->SetField(k++, c.eligible ? 1 : 0);
    if (c.has_best && !std::isnan(c.best_down_mbps)) f->SetField(k, c.best_down_mbps);
    ++k;
    if (c.has_best && !std::isnan(c.best_up_mbps)) f->SetField(k, c.best_up_mbps);
    ++k;
    if (c.has_best) f->SetField(k, std::string(technology_name(c.best_technology)).c_str());
    ++k;
    f->SetField(k++, c.networks);
    f->SetField(k++, c.target_networks);
    f->SetField(k++, c.planned_target ? 1 : 0);
    if (!std::isnan(r.nearest_route_m)) f->SetField(k, r.nearest_route_m);
    ++k;
    f->SetField(k++, c.reason.c_str());
    f->SetField(k++, c.providers.c_str());
    for (const std::string* s : {&stamp.profile, &stamp.profile_version, &stamp.as_of, &stamp.coverage_version})
        f->SetField(k++, s->c_str());
    for (const auto& col : t.keep) f->SetField(k++, col.c_str(i));
    OGRPoint pt(lon, lat);
    f->SetGeometry(&pt);
    if (layer->CreateFeature(f.get()) != OGRERR_NONE)
        throw OutputError(fmt::format("{}: write failed: {}", where, gdal::last_error()));
}

class GdalResultWriter final : public ResultWriter {
public:
    GdalResultWriter(const std::string& path, const char* driver_name, const AddressTable& table,
                     const RunStamp& stamp, const std::string& layer, bool overwrite)
        : atomic_(path, overwrite), path_(path), stamp_(stamp)
    {
        gdal::ensure_registered();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
        if (!driver) throw OutputError(fmt::format("{}: GDAL has no {} driver", path, driver_name));
        // Through the checking file system: GDAL 3.6's GeoJSON and FlatGeobuf writers ignore
        // a full disk, which would otherwise commit a truncated map.
        // GeoPackage stamps the creation time into gpkg_contents; a fixed stamp keeps the
        // output byte-identical across runs (GDAL's own tests use the same option).
        if (std::string_view(driver_name) == "GPKG" && !CPLGetConfigOption("OGR_CURRENT_DATE", nullptr))
            CPLSetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
        ds_.reset(driver->Create(gdal::checked_path(atomic_.temp()).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds_) throw OutputError(fmt::format("{}: cannot create: {}", path, gdal::last_error()));
        CPLStringList lco;
        if (std::string_view(driver_name) == "GeoJSON") {
            lco.AddString("RFC7946=YES");
            lco.AddString("COORDINATE_PRECISION=6");
            lco.AddString("WRITE_NAME=NO");
        }
        if (std::string_view(driver_name) == "FlatGeobuf") lco.AddString("SPATIAL_INDEX=NO");
        OGRSpatialReference srs = gdal::wgs84();
        layer_ = ds_->CreateLayer(layer.empty() ? "addresses" : layer.c_str(), &srs, wkbPoint, lco.List());
        if (!layer_) throw OutputError(fmt::format("{}: cannot create layer: {}", path, gdal::last_error()));
        create_result_fields(layer_, table, path);
        if (layer_->StartTransaction() == OGRERR_NONE) in_transaction_ = true;
    }

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        write_result_feature(layer_, t, i, r, stamp_, path_);
        if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
        if (in_transaction_ && ++pending_ >= 100000) {
            if (layer_->CommitTransaction() != OGRERR_NONE || layer_->StartTransaction() != OGRERR_NONE)
                throw OutputError(fmt::format("{}: write failed: {}", path_, gdal::last_error()));
            pending_ = 0;
        }
    }

    void finish() override
    {
        if (in_transaction_ && layer_->CommitTransaction() != OGRERR_NONE)
            throw OutputError(fmt::format("{}: write failed: {}", path_, gdal::last_error()));
        // GDAL 3.6 has no GDALDataset::Close(); closing flushes, and failures surface as CPL errors.
        CPLErrorReset();
        GDALClose(GDALDataset::ToHandle(ds_.release()));
        if (auto why = watch_.failure()) throw OutputError(fmt::format("{}: write failed ({})", path_, *why));
        if (CPLGetLastErrorType() >= CE_Failure)
            throw OutputError(fmt::format("{}: write failed: {}", path_, gdal::last_error()));
        atomic_.commit();
    }

private:
    gdal::WriteWatch watch_;
    AtomicPath atomic_;
    std::string path_;
    RunStamp stamp_;
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
    std::size_t pending_ = 0;
};

// A table in PostgreSQL/PostGIS. A database table cannot be written beside the target and
// renamed like a file, so the whole write is one transaction: drop the old table (with
// --overwrite), create the new one, insert every row, commit in finish(). Other sessions see
// the old table or the complete new one, never a half-written one; a failure or an
// interruption before the commit rolls everything back (the server also rolls back when the
// connection drops). Without --overwrite an existing table is refused before anything is written.
class PgResultWriter final : public ResultWriter {
public:
    PgResultWriter(const std::string& connection, const AddressTable& table, const RunStamp& stamp,
                   const std::string& layer, bool overwrite)
        : where_(display_source(connection) + " table " + layer), stamp_(stamp)
    {
        gdal::ensure_registered();
        CPLErrorReset();
        ds_.reset(GDALDataset::Open(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR,
                                    nullptr, nullptr, nullptr));
        if (!ds_)
            throw OutputError(fmt::format("{}: cannot connect: {}; check the connection string",
                                          display_source(connection), gdal::last_error()));
        if (ds_->StartTransaction(FALSE) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: cannot start a transaction: {}", where_, gdal::last_error()));
        in_transaction_ = true;
        if (OGRLayer* old = ds_->GetLayerByName(layer.c_str())) {
            if (!overwrite)
                throw OutputError(fmt::format("{}: the table exists; pass --overwrite to replace it", where_));
            int index = -1;
            for (int i = 0; i < ds_->GetLayerCount(); ++i)
                if (ds_->GetLayer(i) == old) index = i;
            if (index < 0 || ds_->DeleteLayer(index) != OGRERR_NONE)
                throw OutputError(fmt::format("{}: cannot drop the old table: {}", where_, gdal::last_error()));
        }
        CPLStringList lco;
        lco.AddString("GEOMETRY_NAME=geom");
        lco.AddString("FID=fid");
        lco.AddString("SPATIAL_INDEX=GIST");
        OGRSpatialReference srs = gdal::wgs84();
        layer_ = ds_->CreateLayer(layer.c_str(), &srs, wkbPoint, lco.List());
        if (!layer_) throw OutputError(fmt::format("{}: cannot create the table: {}", where_, gdal::last_error()));
        create_result_fields(layer_, table, where_);
    }
    ~PgResultWriter() override
    {
        if (ds_ && in_transaction_) ds_->RollbackTransaction();
    }
    PgResultWriter(const PgResultWriter&) = delete;
    PgResultWriter& operator=(const PgResultWriter&) = delete;

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        write_result_feature(layer_, t, i, r, stamp_, where_);
    }

    void finish() override
    {
        CPLErrorReset();
        const OGRErr err = ds_->CommitTransaction();
        in_transaction_ = false;
        if (err != OGRERR_NONE)
            throw OutputError(fmt::format("{}: commit failed: {}", where_, gdal::last_error()));
        GDALClose(GDALDataset::ToHandle(ds_.release()));
        if (CPLGetLastErrorType() >= CE_Failure)
            throw OutputError(fmt::format("{}: write failed: {}", where_, gdal::last_error()));
    }

private:
    std::string where_;
    RunStamp stamp_;
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
};

} // namespace

std::string format_number(double v)
{
    if (std::isnan(v)) return {};
    return fmt::format("{}", v);
}

const std::vector<std::string>& result_columns()
{
    static const std::vector<std::string> cols{
        "id", "lon", "lat", "units", "category", "class", "tier", "eligible", "best_down_mbps", "best_up_mbps",
        "best_technology", "networks", "gigabit_networks", "planned_gigabit", "nearest_route_m", "reason",
        "providers", "profile", "profile_version", "as_of", "coverage_version"};  // the last four: RunStamp
    return cols;
}

bool is_postgres_output(std::string_view path)
{
    return path.size() >= 3 && (path[0] == 'P' || path[0] == 'p') && (path[1] == 'G' || path[1] == 'g') &&
           path[2] == ':';
}

std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, const RunStamp& stamp,
                                                 bool overwrite, const std::string& layer)
{
    // A kept address column must not repeat a result column (a second 'class' or 'as_of'
    // would be read back as the wrong one).
    for (const auto& k : table.keep_names)
        for (const auto& c : result_columns())
            if (ascii_lower(trim(k)) == c)
                throw UsageError(fmt::format("--keep {}: the results already have a column '{}'; rename the address "
                                             "column",
                                             k, c));
    if (is_postgres_output(path)) {
        if (layer.empty())
            throw UsageError(fmt::format("{}: a PostgreSQL output needs the table name: --output-layer NAME "
                                         "(or SCHEMA.NAME)",
                                         display_source(path)));
        if (!table.has_geometry)
            throw UsageError(fmt::format("{}: a PostgreSQL output needs address coordinates, but no --addresses "
                                         "layer was given; write .csv instead",
                                         display_source(path)));
        return std::make_unique<PgResultWriter>(path, table, stamp, layer, overwrite);
    }
    const std::string ext = path == "-" ? "csv" : lower_ext(path);
    if (ext == "csv") {
        if (!layer.empty())
            throw UsageError(fmt::format("{}: --output-layer names a layer of a GeoPackage, FlatGeobuf or "
                                         "PostgreSQL output; a CSV has none",
                                         path));
        return std::make_unique<CsvResultWriter>(path, table, providers, stamp, overwrite);
    }
    const char* driver = ext == "geojson" || ext == "json" ? "GeoJSON"
                         : ext == "gpkg"                  ? "GPKG"
                         : ext == "fgb"                   ? "FlatGeobuf"
                                                          : nullptr;
    if (!driver)
        throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb, - (CSV on "
                                     "stdout) or PG:dbname=... with --output-layer",
                                     path, ext));
    if (!table.has_geometry)
        throw UsageError(fmt::format("{}: a {} output needs address coordinates, but no --addresses layer was "
                                     "given; write .csv instead",
                                     path, driver));
    return std::make_unique<GdalResultWriter>(path, driver, table, stamp, layer, overwrite);
}

} // namespace coverage
