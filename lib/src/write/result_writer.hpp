#pragma once
// Per-address results (docs/architecture.md, "write"): CSV by our own writer (fast, byte-stable), GeoJSON,
// GeoPackage and FlatGeobuf through GDAL. Rows in input order.
#include "read/address_table.hpp"
#include "classify/evaluate.hpp"
#include "write/result_schema.hpp"

#include <memory>
#include <string>

namespace coverage {

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

/// Chooses the format from the extension (.csv, .geojson/.json, .gpkg, .fgb), "-" (CSV on
/// stdout) or a PostgreSQL connection string "PG:dbname=... " (a PostGIS table named by
/// `layer`, written in one transaction; see PgResultWriter in result_writer.cpp). `layer`
/// also names the layer of a GeoPackage / FlatGeobuf (default "addresses"); a CSV has none.
/// Geometry formats need addresses with coordinates. Throws UsageError/OutputError.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const std::string& layer = {});

/// True for "PG:..." (case-insensitive prefix).
bool is_postgres_output(std::string_view path);

/// Formats a speed or distance: shortest round-trip text, empty for NaN.
std::string format_number(double v);

} // namespace coverage
