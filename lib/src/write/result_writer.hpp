#pragma once
// Per-address results (docs/architecture.md, "write"): CSV by our own writer (fast, byte-stable), GeoJSON,
// GeoPackage and FlatGeobuf through GDAL. Rows in input order.
#include "classify/evaluate.hpp"
#include "read/address_table.hpp"
#include "write/result_schema.hpp"

#include "coverage/atomic_file.hpp"

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
    /// (write/qgis_style.hpp): stored inside a GeoPackage; written into the `style` output
    /// given to make_result_writer (a .qml beside a GeoJSON or FlatGeobuf output, see
    /// qgis_style_sidecar). Call before finish(). CSV, spreadsheets, PostgreSQL: nothing.
    virtual void set_classes(const std::vector<std::string>& /*classes*/) {}
    /// Flushes and closes (files: the run's OutputSet renames them into place; PostgreSQL:
    /// commits the transaction). Throws OutputError.
    virtual void finish() = 0;
};

/// How the per-address results are written, beyond the format.
struct ResultFormat {
    std::string layer;                // layer / table name (GeoPackage, FlatGeobuf, PG:); a CSV has none
    std::vector<std::string> columns; // these columns in this order (fixed and --keep columns); empty: all
    std::string crs;                  // CRS of GeoPackage/FlatGeobuf geometry (default WGS84; GeoJSON is always WGS84)
    char csv_delimiter = ',';         // CSV field separator
    bool decimal_comma = false;       // CSV numbers with a decimal comma (needs a delimiter other than ',')
};

/// Chooses the format from the extension (.csv, .geojson/.json, .gpkg, .fgb, .xlsx, .ods),
/// "-" (CSV on stdout) or a PostgreSQL connection string "PG:dbname=... " (a PostGIS table
/// named by `format.layer`, written in one transaction; see PgResultWriter in
/// result_writer.cpp). `format.layer` also names the layer of a GeoPackage / FlatGeobuf
/// (default "addresses") and the sheet of a spreadsheet. Geometry formats need addresses with
/// coordinates; spreadsheets have the lon/lat columns only. `format.columns` selects and
/// orders the output columns (a GDAL output keeps its point geometry). `out` is the file's
/// place in the run's OutputSet (nullptr for PostgreSQL); `style`, also a member of that set,
/// receives the QGIS style of set_classes() (nullptr: none beside the file). Throws
/// UsageError/OutputError.
std::unique_ptr<ResultWriter> make_result_writer(const std::string& path, AtomicPath* out, const AddressTable& table,
                                                 const ProviderTable& providers, bool overwrite,
                                                 const ResultFormat& format = {}, AtomicPath* style = nullptr);

/// The same as a stand-alone output (prefer an OutputSet): finish() also renames the file.
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

/// One result output of a run and its places in the run's OutputSet.
struct ResultOutput {
    std::string path;
    AtomicPath* file = nullptr;  // nullptr for PostgreSQL
    AtomicPath* style = nullptr; // the .qml beside it (--qml), or nullptr
};

/// Several outputs of one run (`-o a.csv -o a.gpkg`): every row goes to each, in input order;
/// with none, a writer that writes nothing (`--summary` alone). The layer applies to the
/// outputs that have layers (a CSV among several ignores it), the CRS to those that can take
/// one (see check_result_outputs). The run's OutputSet puts the files in place together.
std::unique_ptr<ResultWriter> make_result_writers(const std::vector<ResultOutput>& outputs, const AddressTable& table,
                                                  const ProviderTable& providers, bool overwrite,
                                                  const ResultFormat& format = {});

/// Refuses, before anything is read, what make_result_writer would refuse later: an unknown
/// extension (Shapefile with the reason), --output-layer for a CSV, a PostgreSQL output without
/// a table name or with a name that would not survive as given, --output-crs for a format that
/// is always WGS84, --decimal-comma with ',' as the delimiter. Throws UsageError.
void check_result_output(const std::string& path, const ResultFormat& format = {});
/// check_result_output for each of a run's outputs, with the format each one gets among several.
void check_result_outputs(const std::vector<std::string>& paths, const ResultFormat& format);

/// The QGIS style file beside a result output (--qml): NAME.qml for .geojson/.json/.fgb; empty
/// for the other formats (a GeoPackage holds its style inside; CSV, spreadsheets and PostgreSQL
/// have none).
std::string qgis_style_sidecar(const std::string& path);

/// True for "PG:..." (case-insensitive prefix).
bool is_postgres_output(std::string_view path);

/// Formats a speed or distance: shortest round-trip text, empty for NaN.
std::string format_number(double v);

} // namespace coverage
