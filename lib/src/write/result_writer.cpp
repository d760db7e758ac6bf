#include "coverage/results.hpp"
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
#include "gdal/vector_writer.hpp"
#include "write/result_schema.hpp"

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

class CsvResultWriter final : public ResultWriter {
public:
    CsvResultWriter(AtomicPath& out, const AddressTable& table, const ProviderTable& providers)
        : providers_(providers), out_(out)
    {
        buffer_.reserve(1 << 20);
        buffer_ += fmt::format("{}", fmt::join(result_columns(), ","));
        for (const auto& k : table.keep_names) {
            buffer_ += ',';
            buffer_ += csv_field(k);
        }
        buffer_ += '\n';
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
        bool first = true;
        for (const ResultColumn& c : result_schema()) {
            if (!first) b += ',';
            first = false;
            c.csv(b, t, i, r);
        }
        for (const auto& col : t.keep) {
            b += ',';
            append_csv_field(b, col[i]);
        }
        b += '\n';
    }

    void finish() override
    {
        flush();
        out_.close();
    }

private:
    void flush()
    {
        out_.write(buffer_);
        buffer_.clear();
    }

    [[maybe_unused]] const ProviderTable& providers_;
    AtomicPath& out_;
    std::string buffer_;
};

// The result schema and rows for every GDAL output (files and PostgreSQL).
std::vector<gdal::FieldSpec> result_fields(const AddressTable& table)
{
    std::vector<gdal::FieldSpec> fields;
    for (const ResultColumn& c : result_schema()) fields.push_back({std::string(c.name), c.type, c.subtype});
    for (const auto& k : table.keep_names) fields.push_back({k, OFTString, OFSTNone});
    return fields;
}

void set_result_fields(OGRFeature& f, const AddressTable& t, std::size_t i, const ResultRow& r)
{
    int k = 0;
    for (const ResultColumn& c : result_schema()) c.gdal(f, k++, t, i, r);
    for (const auto& col : t.keep) f.SetField(k++, col.c_str(i));
    OGRPoint pt(rounded_degrees(t.lon[i]), rounded_degrees(t.lat[i]));
    f.SetGeometry(&pt);
}

class GdalResultWriter final : public ResultWriter {
public:
    GdalResultWriter(AtomicPath& out, const AddressTable& table, const std::string& layer)
        : out_(out, layer.empty() ? "addresses" : layer, gdal::wgs84(), wkbPoint)
    {
        gdal::create_fields(out_.layer(), result_fields(table), out.target());
        out_.start();
    }

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        OGRFeatureUniquePtr f = out_.new_feature();
        set_result_fields(*f, t, i, r);
        out_.write(*f);
    }

    void finish() override { out_.finish(); }

private:
    gdal::VectorFileWriter out_;
};

// A table in PostgreSQL/PostGIS. A database table cannot be written beside the target and
// renamed like a file, so the whole write is one transaction: drop the old table (with
// --overwrite), create the new one, insert every row, commit in finish(). Other sessions see
// the old table or the complete new one, never a half-written one; a failure or an
// interruption before the commit rolls everything back (the server also rolls back when the
// connection drops). Without --overwrite an existing table is refused before anything is written.
class PgResultWriter final : public ResultWriter {
public:
    PgResultWriter(const std::string& connection, const AddressTable& table, const std::string& layer,
                   bool overwrite)
        : where_(display_source(connection) + " table " + layer)
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
        // Keep the table and column names exactly as given (quoted identifiers): laundering
        // would turn My-Table into my_table while we report My-Table, and the next run would
        // neither find nor be able to replace it.
        lco.AddString("LAUNDER=NO");
        OGRSpatialReference srs = gdal::wgs84();
        layer_ = ds_->CreateLayer(layer.c_str(), &srs, wkbPoint, lco.List());
        if (!layer_) throw OutputError(fmt::format("{}: cannot create the table: {}", where_, gdal::last_error()));
        if (layer.find('.') == std::string::npos && layer != layer_->GetName())
            throw OutputError(fmt::format("{}: the database named the table '{}'; nothing was written", where_,
                                          layer_->GetName()));
        gdal::create_fields(layer_, result_fields(table), where_);
    }
    ~PgResultWriter() override
    {
        if (ds_ && in_transaction_) ds_->RollbackTransaction();
    }
    PgResultWriter(const PgResultWriter&) = delete;
    PgResultWriter& operator=(const PgResultWriter&) = delete;

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
        set_result_fields(*f, t, i, r);
        if (layer_->CreateFeature(f.get()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: write failed: {}", where_, gdal::last_error()));
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
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
};

// A stand-alone result output (no OutputSet): owns its AtomicPath and renames in finish().
class OwnedResultWriter final : public ResultWriter {
public:
    OwnedResultWriter(std::unique_ptr<AtomicPath> out, std::unique_ptr<ResultWriter> inner)
        : out_(std::move(out)), inner_(std::move(inner))
    {
    }
    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override { inner_->write(t, i, r); }
    [[nodiscard]] bool formats_text() const override { return inner_->formats_text(); }
    void format(const AddressTable& t, std::size_t i, const ResultRow& r, std::string& b) const override
    {
        inner_->format(t, i, r, b);
    }
    void write_text(std::string_view text) override { inner_->write_text(text); }
    void finish() override
    {
        inner_->finish();
        if (out_) out_->commit();
    }

private:
    std::unique_ptr<AtomicPath> out_;  // declared first: destroyed after the writer
    std::unique_ptr<ResultWriter> inner_;
};

} // namespace

std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const std::string& layer)
{
    check_result_output(path, layer);
    std::unique_ptr<AtomicPath> out;
    if (!is_postgres_output(path)) out = std::make_unique<AtomicPath>(path, overwrite);
    auto inner = make_result_writer(path, out.get(), table, providers, overwrite, layer);
    return std::make_unique<OwnedResultWriter>(std::move(out), std::move(inner));
}

std::string format_number(double v)
{
    if (std::isnan(v)) return {};
    return fmt::format("{}", v);
}

void check_result_output(const std::string& path, const std::string& layer)
{
    if (is_postgres_output(path)) {
        if (layer.empty())
            throw UsageError(fmt::format("{}: a PostgreSQL output needs the table name: --output-layer NAME "
                                         "(or SCHEMA.NAME)",
                                         display_source(path)));
        // PostgreSQL cuts identifiers at 63 bytes without a word; a NUL cannot be stored at all.
        std::size_t start = 0;
        while (start <= layer.size()) {
            const auto dot = layer.find('.', start);
            const std::string part = layer.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (part.empty() || part.size() > 63 || part.find('"') != std::string::npos)
                throw UsageError(fmt::format("--output-layer '{}': PostgreSQL would not keep the name '{}' as given "
                                             "(1 to 63 bytes, no double quote); choose another",
                                             layer, part));
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        return;
    }
    const std::string ext = path == "-" ? "csv" : lower_ext(path);
    if (ext == "csv") {
        if (!layer.empty())
            throw UsageError(fmt::format("{}: --output-layer names a layer of a GeoPackage, FlatGeobuf or "
                                         "PostgreSQL output; a CSV has none",
                                         path));
        return;
    }
    if (!gdal::vector_driver_for(path))
        throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb, - (CSV on "
                                     "stdout) or PG:dbname=... with --output-layer",
                                     path, ext));
}

bool is_postgres_output(std::string_view path)
{
    return path.size() >= 3 && (path[0] == 'P' || path[0] == 'p') && (path[1] == 'G' || path[1] == 'g') &&
           path[2] == ':';
}

std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, AtomicPath* out, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const std::string& layer)
{
    check_result_output(path, layer);
    // A kept address column must not repeat a result column (a second 'class' or 'as_of'
    // would be read back as the wrong one).
    for (const auto& k : table.keep_names)
        for (const auto& c : result_columns())
            if (ascii_lower(trim(k)) == c)
                throw UsageError(fmt::format("--keep {}: the results already have a column '{}'; rename the address "
                                             "column",
                                             k, c));
    if (is_postgres_output(path)) {
        if (!table.has_geometry)
            throw UsageError(fmt::format("{}: a PostgreSQL output needs address coordinates, but no --addresses "
                                         "layer was given; write .csv instead",
                                         display_source(path)));
        return std::make_unique<PgResultWriter>(path, table, layer, overwrite);
    }
    if (path == "-" || lower_ext(path) == "csv") return std::make_unique<CsvResultWriter>(*out, table, providers);
    if (!table.has_geometry)
        throw UsageError(fmt::format("{}: a {} output needs address coordinates, but no --addresses layer was "
                                     "given; write .csv instead",
                                     path, gdal::vector_driver_for(path)));
    return std::make_unique<GdalResultWriter>(*out, table, layer);
}

} // namespace coverage
