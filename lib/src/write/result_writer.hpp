#pragma once
// Per-address results (DESIGN §4): CSV by our own writer (fast, byte-stable), GeoJSON,
// GeoPackage and FlatGeobuf through GDAL. Rows in input order.
#include "read/address_table.hpp"
#include "classify/evaluate.hpp"
#include "coverage/results.hpp"

#include <memory>
#include <string>

namespace coverage {

/// One address's result as written: the classification plus the accumulated best service.
struct ResultRow {
    const Classification* classification = nullptr;
    const Accumulator* accumulator = nullptr;
    double nearest_route_m = std::numeric_limits<double>::quiet_NaN();
};

class ResultWriter {
public:
    virtual ~ResultWriter() = default;
    virtual void write(const AddressTable& table, std::size_t row, const ResultRow& result) = 0;
    /// Text formats (CSV): true, and format() appends a row exactly as write() would write it,
    /// touching no writer state, so rows can be formatted on several threads and then written
    /// in order with write_text().
    [[nodiscard]] virtual bool formats_text() const { return false; }
    virtual void format(const AddressTable& /*table*/, std::size_t /*row*/, const ResultRow& /*result*/,
                        std::string& /*out*/) const
    {
    }
    virtual void write_text(std::string_view /*text*/) {}
    /// Flushes, closes and renames into place. Throws OutputError.
    virtual void finish() = 0;
};

/// The fixed result columns, in order, before any kept address columns.
const std::vector<std::string>& result_columns();

/// Chooses the format from the extension (.csv, .geojson/.json, .gpkg, .fgb), "-" (CSV on
/// stdout) or a PostgreSQL connection string "PG:dbname=... " (a PostGIS table named by
/// `layer`, written in one transaction; see PgResultWriter in result_writer.cpp). `layer`
/// also names the layer of a GeoPackage / FlatGeobuf (default "addresses"); a CSV has none.
/// Geometry formats need addresses with coordinates. Throws UsageError/OutputError.
/// `stamp` (profile, version, as-of, tool version) goes into every row.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, const RunStamp& stamp,
                                                 bool overwrite, const std::string& layer = {});

/// True for "PG:..." (case-insensitive prefix).
bool is_postgres_output(std::string_view path);

/// Formats a speed or distance: shortest round-trip text, empty for NaN.
std::string format_number(double v);

} // namespace coverage
