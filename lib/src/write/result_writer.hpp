#pragma once
// Per-address results (docs/architecture.md, "write"): CSV by our own writer (fast, byte-stable), GeoJSON,
// GeoPackage and FlatGeobuf through GDAL. Rows in input order.
#include "read/address_table.hpp"
#include "classify/evaluate.hpp"
#include "write/result_schema.hpp"

#include <memory>
#include <string>
#include <vector>

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
    /// The profile's classes in regime order, for a QGIS style categorised by class
    /// (write/qgis_style.hpp): stored inside a GeoPackage; with `qml_beside`, written as a .qml
    /// file beside a GeoJSON or FlatGeobuf output. Call before finish(). CSV, PostgreSQL: nothing.
    virtual void set_classes(const std::vector<std::string>& /*classes*/, bool /*qml_beside*/) {}
    /// Flushes, closes and renames into place. Throws OutputError.
    virtual void finish() = 0;
};

/// How the per-address results are written, beyond the format.
struct ResultFormat {
    std::string layer;                 // layer / table name (GeoPackage, FlatGeobuf, PG:); a CSV has none
    std::vector<std::string> columns;  // these columns in this order (fixed and --keep columns); empty: all
    std::string crs;                   // CRS of GeoPackage/FlatGeobuf geometry (default WGS84; GeoJSON is always WGS84)
    char csv_delimiter = ',';          // CSV field separator
    bool decimal_comma = false;        // CSV numbers with a decimal comma (needs a delimiter other than ',')
};

/// Chooses the format from the extension (.csv, .geojson/.json, .gpkg, .fgb, .xlsx, .ods),
/// "-" (CSV on stdout) or a PostgreSQL connection string "PG:dbname=... " (a PostGIS table
/// named by `format.layer`, written in one transaction; see PgResultWriter in
/// result_writer.cpp). `format.layer` also names the layer of a GeoPackage / FlatGeobuf
/// (default "addresses") and the sheet of a spreadsheet. Geometry formats need addresses with
/// coordinates; spreadsheets have the lon/lat columns only. `format.columns` selects and
/// orders the output columns (a GDAL output keeps its point geometry). Throws
/// UsageError/OutputError.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const ResultFormat& format = {});
/// The same with only a layer name (GeoPackage / FlatGeobuf layer, PG: table).
inline std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, const AddressTable& table,
                                                        const ProviderTable& providers, bool overwrite,
                                                        const std::string& layer)
{
    ResultFormat format;
    format.layer = layer;
    return make_result_writer(path, table, providers, overwrite, format);
}

/// Several outputs of one run (`-o a.csv -o a.gpkg`): every row goes to each, in input order;
/// with no path, a writer that writes nothing (`--summary` alone). The layer applies to the
/// outputs that have layers (a CSV among several ignores it), the CRS to those that can take
/// one. Outputs are put in place one after the other by finish().
std::unique_ptr<ResultWriter> make_result_writers(const std::vector<std::string>& paths, const AddressTable& table,
                                                  const ProviderTable& providers, bool overwrite,
                                                  const ResultFormat& format = {});

/// True for "PG:..." (case-insensitive prefix).
bool is_postgres_output(std::string_view path);

/// Formats a speed or distance: shortest round-trip text, empty for NaN.
std::string format_number(double v);

} // namespace coverage
