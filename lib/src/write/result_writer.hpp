#pragma once
// Per-address results (docs/architecture.md, "write"): CSV by our own writer (fast, byte-stable), GeoJSON,
// GeoPackage and FlatGeobuf through GDAL. Rows in input order.
#include "read/address_table.hpp"
#include "classify/evaluate.hpp"
#include "write/result_schema.hpp"

#include "coverage/atomic_file.hpp"

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
    /// Flushes and closes (files: the run's OutputSet renames them into place; PostgreSQL:
    /// commits the transaction). Throws OutputError.
    virtual void finish() = 0;
};

/// Chooses the format from the extension (.csv, .geojson/.json, .gpkg, .fgb), "-" (CSV on
/// stdout) or a PostgreSQL connection string "PG:dbname=... " (a PostGIS table named by
/// `layer`, written in one transaction; see PgResultWriter in result_writer.cpp). `layer`
/// also names the layer of a GeoPackage / FlatGeobuf (default "addresses"); a CSV has none.
/// Geometry formats need addresses with coordinates. `out` is the file's place in the run's
/// OutputSet (nullptr for PostgreSQL). Throws UsageError/OutputError.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, AtomicPath* out, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const std::string& layer = {});

/// The same as a stand-alone output (prefer an OutputSet): finish() also renames the file.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const std::string& layer = {});

/// Refuses, before anything is read, what make_result_writer would refuse later: an unknown
/// extension, --output-layer for a CSV, a PostgreSQL output without a table name, and a layer
/// name that would not survive as given (see check_layer_name). Throws UsageError.
void check_result_output(const std::string& path, const std::string& layer);

/// True for "PG:..." (case-insensitive prefix).
bool is_postgres_output(std::string_view path);

/// Formats a speed or distance: shortest round-trip text, empty for NaN.
std::string format_number(double v);

} // namespace coverage
