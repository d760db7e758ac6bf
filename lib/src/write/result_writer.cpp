#include "write/result_writer.hpp"
#include "base/csv_text.hpp"
#include "base/path_util.hpp"
#include "base/source_name.hpp"
#include "base/text.hpp"
#include "coverage/results.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/edit_distance.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/checked_vsi.hpp"
#include "gdal/dataset.hpp"
#include "gdal/vector_writer.hpp"
#include "read/table_reader.hpp"
#include "write/qgis_style.hpp"
#include "write/result_schema.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

// One selected output column (--columns): a fixed result column or a --keep column.
struct ColumnRef {
    int schema = -1; // index into result_schema(), or -1
    int keep = -1;   // index into AddressTable::keep, or -1
};

// The --columns names resolved in the order given; empty: every column. Throws UsageError
// naming the nearest column for a typo.
std::vector<ColumnRef> select_columns(const std::vector<std::string>& names, const AddressTable& table)
{
    std::vector<ColumnRef> out;
    for (const auto& name : names) {
        ColumnRef ref;
        for (std::size_t k = 0; k < result_schema().size(); ++k)
            if (result_schema()[k].name == name) ref.schema = static_cast<int>(k);
        for (std::size_t k = 0; ref.schema < 0 && k < table.keep_names.size(); ++k)
            if (table.keep_names[k] == name) ref.keep = static_cast<int>(k);
        if (ref.schema < 0 && ref.keep < 0) {
            std::vector<std::string_view> known;
            for (const auto& c : result_schema()) known.push_back(c.name);
            for (const auto& k : table.keep_names) known.emplace_back(k);
            const std::string near = nearest_name(name, known, 3);
            throw UsageError(fmt::format("--columns: '{}' is not an output column{}; the columns are {}{}", name,
                                         near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                         fmt::join(result_columns(), ","),
                                         table.keep_names.empty() ? "" : " and the --keep columns"));
        }
        out.push_back(ref);
    }
    return out;
}

std::string column_name(const ColumnRef& c, const AddressTable& table)
{
    return c.schema >= 0 ? std::string(result_schema()[static_cast<std::size_t>(c.schema)].name)
                         : table.keep_names[static_cast<std::size_t>(c.keep)];
}

class CsvResultWriter final : public ResultWriter {
public:
    CsvResultWriter(AtomicPath& out, const AddressTable& table, const ProviderTable& providers,
                    std::vector<ColumnRef> columns, char delimiter, bool decimal_comma)
        : providers_(providers),
          columns_(std::move(columns)),
          delimiter_(delimiter),
          decimal_comma_(decimal_comma),
          out_(out)
    {
        plain_ = delimiter_ == ',' && !decimal_comma_;
        if (!plain_ && columns_.empty()) { // the spreadsheet path walks an explicit column list
            for (std::size_t k = 0; k < result_schema().size(); ++k) columns_.push_back({static_cast<int>(k), -1});
            for (std::size_t k = 0; k < table.keep_names.size(); ++k) columns_.push_back({-1, static_cast<int>(k)});
        }
        buffer_.reserve(1 << 20);
        if (columns_.empty()) {
            buffer_ += fmt::format("{}", fmt::join(result_columns(), ","));
            for (const auto& k : table.keep_names) {
                buffer_ += ',';
                buffer_ += csv_field(k);
            }
        } else {
            for (std::size_t c = 0; c < columns_.size(); ++c) {
                if (c) buffer_ += delimiter_;
                localise(buffer_, csv_field(column_name(columns_[c], table)), false);
            }
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
        if (!columns_.empty()) {
            std::string field;
            for (std::size_t c = 0; c < columns_.size(); ++c) {
                if (c) b += delimiter_;
                const bool schema = columns_[c].schema >= 0;
                const ResultColumn* rc =
                    schema ? &result_schema()[static_cast<std::size_t>(columns_[c].schema)] : nullptr;
                if (plain_) {
                    if (rc) rc->csv(b, t, i, r);
                    else append_csv_field(b, t.keep[static_cast<std::size_t>(columns_[c].keep)][i]);
                    continue;
                }
                field.clear();
                if (rc) rc->csv(field, t, i, r);
                else append_csv_field(field, t.keep[static_cast<std::size_t>(columns_[c].keep)][i]);
                localise(b, field, rc && rc->type == OFTReal);
            }
            b += '\n';
            return;
        }
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

    // A field as the plain writer formats it, for a spreadsheet locale: a decimal comma in
    // numbers, and quotes around an unquoted field that holds the delimiter (reason lists use ';').
    void localise(std::string& out, std::string_view field, bool number) const
    {
        if (!field.empty() && field.front() == '"') { // quoted already (it held , " or a newline)
            out += field;
            return;
        }
        const bool quote = field.find(delimiter_) != std::string_view::npos;
        if (quote) out += '"';
        for (char ch : field) out += number && decimal_comma_ && ch == '.' ? ',' : ch;
        if (quote) out += '"';
    }

    [[maybe_unused]] const ProviderTable& providers_;
    std::vector<ColumnRef> columns_; // empty: every column (plain CSV only)
    char delimiter_ = ',';
    bool decimal_comma_ = false;
    bool plain_ = true;
    AtomicPath& out_;
    std::string buffer_;
};

// The result schema and rows for every GDAL output (files and PostgreSQL).
std::vector<gdal::FieldSpec> result_fields(const AddressTable& table, const std::vector<ColumnRef>& columns)
{
    std::vector<gdal::FieldSpec> fields;
    if (!columns.empty()) {
        for (const auto& c : columns) {
            if (c.schema >= 0) {
                const ResultColumn& rc = result_schema()[static_cast<std::size_t>(c.schema)];
                fields.push_back({std::string(rc.name), rc.type, rc.subtype});
            } else {
                fields.push_back({table.keep_names[static_cast<std::size_t>(c.keep)], OFTString, OFSTNone});
            }
        }
        return fields;
    }
    for (const ResultColumn& c : result_schema()) fields.push_back({std::string(c.name), c.type, c.subtype});
    for (const auto& k : table.keep_names) fields.push_back({k, OFTString, OFSTNone});
    return fields;
}

// `to_crs`: WGS84 lon/lat -> the output CRS (nullptr: WGS84, rounded to 6 decimals).
void set_result_fields(OGRFeature& f, const AddressTable& t, std::size_t i, const ResultRow& r,
                       const std::vector<ColumnRef>& columns, OGRCoordinateTransformation* to_crs = nullptr)
{
    int k = 0;
    if (!columns.empty()) {
        for (const auto& c : columns) {
            if (c.schema >= 0) result_schema()[static_cast<std::size_t>(c.schema)].gdal(f, k++, t, i, r);
            else f.SetField(k++, t.keep[static_cast<std::size_t>(c.keep)].c_str(i));
        }
    } else {
        for (const ResultColumn& c : result_schema()) c.gdal(f, k++, t, i, r);
        for (const auto& col : t.keep) f.SetField(k++, col.c_str(i));
    }
    if (to_crs) {
        double x = t.lon[i], y = t.lat[i];
        if (!to_crs->Transform(1, &x, &y)) return; // outside the CRS's domain: no geometry
        OGRPoint pt(x, y);
        f.SetGeometry(&pt);
        return;
    }
    OGRPoint pt(rounded_degrees(t.lon[i]), rounded_degrees(t.lat[i]));
    f.SetGeometry(&pt);
}

class GdalResultWriter final : public ResultWriter {
public:
    GdalResultWriter(AtomicPath& out, AtomicPath* style, const AddressTable& table, const std::string& layer,
                     std::vector<ColumnRef> columns, const OGRSpatialReference& srs)
        : out_(out, layer.empty() ? "addresses" : layer, srs, wkbPoint), style_(style), columns_(std::move(columns))
    {
        if (!srs.IsSame(&gdal::wgs84())) {
            to_crs_.reset(OGRCreateCoordinateTransformation(&gdal::wgs84(), &srs));
            if (!to_crs_)
                throw UsageError(fmt::format("{}: cannot transform WGS84 to {}", out.target(), gdal::srs_label(srs)));
        }
        gdal::create_fields(out_.layer(), result_fields(table, columns_), out.target());
        out_.start();
    }

    void set_classes(const std::vector<std::string>& classes) override
    {
        const std::string ext = lower_ext(out_.path());
        if (ext == "xlsx" || ext == "ods") return; // no geometry, nothing for QGIS to colour
        if (style_ || ext == "gpkg") out_.set_qgis_style(class_style_qml(classes), style_);
    }

    void write(const AddressTable& t, std::size_t i, const ResultRow& r) override
    {
        OGRFeatureUniquePtr f = out_.new_feature();
        set_result_fields(*f, t, i, r, columns_, to_crs_.get());
        out_.write(*f);
    }

    void finish() override { out_.finish(); }

private:
    gdal::VectorFileWriter out_;
    AtomicPath* style_ = nullptr; // the .qml beside (a member of the run's OutputSet), or nullptr
    std::vector<ColumnRef> columns_;
    std::unique_ptr<OGRCoordinateTransformation> to_crs_;
};

// A table in PostgreSQL/PostGIS. A database table cannot be written beside the target and
// renamed like a file, so the whole write is one transaction: drop the old table (with
// --overwrite), create the new one, insert every row, commit in finish(). Other sessions see
// the old table or the complete new one, never a half-written one; a failure or an
// interruption before the commit rolls everything back (the server also rolls back when the
// connection drops). Without --overwrite an existing table is refused before anything is written.
class PgResultWriter final : public ResultWriter {
public:
    PgResultWriter(const std::string& connection, const AddressTable& table, const std::string& layer, bool overwrite,
                   std::vector<ColumnRef> columns)
        : where_(display_source(connection) + " table " + layer), columns_(std::move(columns))
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
            throw OutputError(
                fmt::format("{}: the database named the table '{}'; nothing was written", where_, layer_->GetName()));
        gdal::create_fields(layer_, result_fields(table, columns_), where_);
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
        set_result_fields(*f, t, i, r, columns_);
        if (layer_->CreateFeature(f.get()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: write failed: {}", where_, gdal::last_error()));
    }

    void finish() override
    {
        CPLErrorReset();
        const OGRErr err = ds_->CommitTransaction();
        in_transaction_ = false;
        if (err != OGRERR_NONE) throw OutputError(fmt::format("{}: commit failed: {}", where_, gdal::last_error()));
        GDALClose(GDALDataset::ToHandle(ds_.release()));
        if (CPLGetLastErrorType() >= CE_Failure)
            throw OutputError(fmt::format("{}: write failed: {}", where_, gdal::last_error()));
    }

private:
    std::string where_;
    std::vector<ColumnRef> columns_;
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
    void set_classes(const std::vector<std::string>& classes) override { inner_->set_classes(classes); }
    void finish() override
    {
        inner_->finish();
        if (out_) out_->commit();
    }

private:
    std::unique_ptr<AtomicPath> out_; // declared first: destroyed after the writer
    std::unique_ptr<ResultWriter> inner_;
};

// Every row to each writer. Text writers still format on one thread here: the rows are
// handed over one by one through write().
class FanOutWriter final : public ResultWriter {
public:
    explicit FanOutWriter(std::vector<std::unique_ptr<ResultWriter>> writers) : writers_(std::move(writers)) {}
    void write(const AddressTable& table, std::size_t row, const ResultRow& result) override
    {
        for (auto& w : writers_) w->write(table, row, result);
    }
    void set_classes(const std::vector<std::string>& classes) override
    {
        for (auto& w : writers_) w->set_classes(classes);
    }
    void finish() override
    {
        for (auto& w : writers_) w->finish();
    }

private:
    std::vector<std::unique_ptr<ResultWriter>> writers_;
};

class NoWriter final : public ResultWriter {
public:
    void write(const AddressTable&, std::size_t, const ResultRow&) override {}
    void finish() override {}
};

std::string output_ext(const std::string& path) { return path == "-" ? "csv" : lower_ext(path); }

// The format one of several outputs gets: the layer goes to the outputs that have layers, the
// CRS to those that can take one.
ResultFormat format_among_several(const std::string& path, const ResultFormat& format)
{
    const std::string ext = output_ext(path);
    const bool pg = is_postgres_output(path);
    ResultFormat one = format;
    if (!pg && ext == "csv") one.layer.clear();
    if (pg || (ext != "gpkg" && ext != "fgb")) one.crs.clear();
    return one;
}

} // namespace

std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const ResultFormat& format)
{
    check_result_output(path, format);
    std::unique_ptr<AtomicPath> out;
    if (!is_postgres_output(path)) out = std::make_unique<AtomicPath>(path, overwrite);
    auto inner = make_result_writer(path, out.get(), table, providers, overwrite, format);
    return std::make_unique<OwnedResultWriter>(std::move(out), std::move(inner));
}

std::string format_number(double v)
{
    if (std::isnan(v)) return {};
    return fmt::format("{}", v);
}

bool is_postgres_output(std::string_view path)
{
    return path.size() >= 3 && (path[0] == 'P' || path[0] == 'p') && (path[1] == 'G' || path[1] == 'g') &&
           path[2] == ':';
}

void check_result_output(const std::string& path, const ResultFormat& format)
{
    const std::string& layer = format.layer;
    const std::string ext = output_ext(path);
    if (!format.crs.empty() && (is_postgres_output(path) || ext == "csv" || ext == "geojson" || ext == "json" ||
                                ext == "xlsx" || ext == "ods"))
        throw UsageError(fmt::format("{}: --output-crs is for .gpkg and .fgb outputs; {} is WGS84 lon/lat{}",
                                     display_source(path),
                                     ext == "geojson" || ext == "json" ? "GeoJSON" : "this output",
                                     ext == "geojson" || ext == "json" ? " (RFC 7946)" : ""));
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
    if (ext == "csv") {
        if (!layer.empty())
            throw UsageError(fmt::format("{}: --output-layer names a layer of a GeoPackage, FlatGeobuf or "
                                         "PostgreSQL output; a CSV has none",
                                         path));
        if (format.decimal_comma && format.csv_delimiter == ',')
            throw UsageError("--decimal-comma needs another delimiter: --csv-delimiter ';' (or --locale de)");
        return;
    }
    if (!gdal::vector_driver_for(path))
        throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb, .xlsx, .ods, "
                                     "- (CSV on stdout) or PG:dbname=... with --output-layer{}",
                                     path, ext,
                                     ext == "shp" ? " (Shapefile is not written: it cuts column names to 10 "
                                                    "characters; .gpkg opens wherever a shapefile does)"
                                                  : ""));
}

void check_result_outputs(const std::vector<std::string>& paths, const ResultFormat& format)
{
    for (const auto& p : paths) check_result_output(p, paths.size() == 1 ? format : format_among_several(p, format));
}

std::string qgis_style_sidecar(const std::string& path)
{
    if (is_postgres_output(path) || path == "-") return {};
    const std::string ext = lower_ext(path);
    if (ext != "geojson" && ext != "json" && ext != "fgb") return {};
    return path.substr(0, path.rfind('.')) + ".qml";
}

std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, AtomicPath* out, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const ResultFormat& format, AtomicPath* style)
{
    check_result_output(path, format);
    // A kept address column must not repeat a result column (a second 'class' or 'as_of'
    // would be read back as the wrong one).
    for (const auto& k : table.keep_names)
        for (const auto& c : result_columns())
            if (ascii_lower(trim(k)) == c)
                throw UsageError(fmt::format("--keep {}: the results already have a column '{}'; rename the address "
                                             "column",
                                             k, c));
    std::vector<ColumnRef> selected = select_columns(format.columns, table);
    if (is_postgres_output(path)) {
        if (!table.has_geometry)
            throw UsageError(fmt::format("{}: a PostgreSQL output needs address coordinates, but no --addresses "
                                         "layer was given; write .csv instead",
                                         display_source(path)));
        return std::make_unique<PgResultWriter>(path, table, format.layer, overwrite, std::move(selected));
    }
    if (output_ext(path) == "csv")
        return std::make_unique<CsvResultWriter>(*out, table, providers, std::move(selected), format.csv_delimiter,
                                                 format.decimal_comma);
    if (!table.has_geometry)
        throw UsageError(fmt::format("{}: a {} output needs address coordinates, but no --addresses layer was "
                                     "given; write .csv instead",
                                     path, gdal::vector_driver_for(path)));
    const OGRSpatialReference srs = format.crs.empty() ? gdal::wgs84() : gdal::make_srs(format.crs);
    return std::make_unique<GdalResultWriter>(*out, style, table, format.layer, std::move(selected), srs);
}

std::unique_ptr<ResultWriter> make_result_writers(const std::vector<ResultOutput>& outputs, const AddressTable& table,
                                                  const ProviderTable& providers, bool overwrite,
                                                  const ResultFormat& format)
{
    if (outputs.empty()) return std::make_unique<NoWriter>();
    if (outputs.size() == 1)
        return make_result_writer(outputs[0].path, outputs[0].file, table, providers, overwrite, format,
                                  outputs[0].style);
    std::vector<std::unique_ptr<ResultWriter>> writers;
    for (const auto& o : outputs)
        writers.push_back(make_result_writer(o.path, o.file, table, providers, overwrite,
                                             format_among_several(o.path, format), o.style));
    return std::make_unique<FanOutWriter>(std::move(writers));
}

} // namespace coverage
