#pragma once
// Row-by-row access to a tabular input, whatever its format: a dedicated reader for CSV
// (the common case, and the one that needs care: delimiters, quoting, BOM, CRLF, encodings,
// exact line numbers) and GDAL for every other vector source (GeoPackage, GeoJSON,
// Shapefile, FlatGeobuf, XLSX, PG:...). Every field is handed out as text; callers parse.
#include "base/source_name.hpp"
#include "coverage/options.hpp"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class OGRSpatialReference;
class OGRGeometry;

namespace coverage {

/// A point geometry read with a row (GDAL sources with a geometry column).
struct RowPoint {
    double x = 0;
    double y = 0;
};

class TableReader {
public:
    virtual ~TableReader() = default;
    TableReader(const TableReader&) = delete;
    TableReader& operator=(const TableReader&) = delete;

    /// Opens `path` (a file or a GDAL connection string). Throws InputError.
    /// `path()` is then the name for messages (see display_source()).
    static std::unique_ptr<TableReader> open(const std::string& path, const ReadOptions& options);
    /// A CSV table held in memory, read by the same rules as a CSV file (encoding, BOM, line
    /// ends, quoting, delimiter); `name` stands for the file in messages. Throws InputError.
    static std::unique_ptr<TableReader> from_text(const std::string& name, std::string text,
                                                  const ReadOptions& options);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
    /// Index of a column by name, case-insensitive and ignoring surrounding spaces; -1 if absent.
    [[nodiscard]] int column(std::string_view name) const;
    /// First present column among `names` (in the order given); -1 if none.
    [[nodiscard]] int first_column(std::initializer_list<std::string_view> names) const;

    /// Advances to the next row; false at the end. Throws InputError on unreadable input.
    virtual bool next() = 0;
    /// Field text of the current row; empty for a missing (ragged) field.
    [[nodiscard]] virtual std::string_view field(int column) const = 0;
    /// Number of fields the current row really has (CSV ragged rows differ from columns()).
    [[nodiscard]] virtual std::size_t field_count() const = 0;
    /// "file:N" (line) for CSV, "file:row N" (sheet row) for XLSX/ODS, "file:feature N" otherwise.
    [[nodiscard]] virtual std::string where() const = 0;
    /// Row/line/feature number of the current row, as used in `where()`.
    [[nodiscard]] virtual std::uint64_t row_number() const = 0;
    /// A problem with the current row the reader found itself (embedded NUL, bad quoting).
    [[nodiscard]] virtual std::optional<std::string> row_problem() const { return std::nullopt; }

    /// CRS of the source's geometry column, or nullptr (CSV, tables without geometry).
    [[nodiscard]] virtual const OGRSpatialReference* spatial_reference() const { return nullptr; }
    [[nodiscard]] virtual bool has_geometry() const { return false; }
    /// Point of the current row; empty when null. Throws nothing: non-point rows give
    /// `geometry_problem()`.
    [[nodiscard]] virtual std::optional<RowPoint> point() const { return std::nullopt; }
    [[nodiscard]] virtual std::optional<std::string> geometry_problem() const { return std::nullopt; }
    /// The current row's geometry (GDAL sources), or nullptr.
    [[nodiscard]] virtual const OGRGeometry* geometry() const { return nullptr; }

    /// True for the dedicated CSV path, where numbers may use a decimal comma.
    [[nodiscard]] virtual bool is_csv() const { return false; }
    [[nodiscard]] virtual char delimiter() const { return 0; }

    /// Parallel parsing (dedicated CSV path only). True when the rows not yet read can be cut
    /// into blocks at line ends: the input holds no quote character, so no field hides a newline.
    [[nodiscard]] virtual bool splittable() const { return false; }
    /// A guess of the rows still to come (from the first lines), for reserving memory; 0: unknown.
    [[nodiscard]] virtual std::size_t estimated_rows() const { return 0; }
    /// The next block of about `bytes` of whole rows (same columns, exact line numbers), to be
    /// read on another thread; nullptr at the end. Advances this reader past the block. Not
    /// thread-safe: one caller at a time. The block's text stays valid while this reader lives.
    virtual std::unique_ptr<TableReader> next_block(std::size_t /*bytes*/) { return nullptr; }

protected:
    explicit TableReader(const std::string& path) : path_(display_source(path)) {}
    void set_columns(std::vector<std::string> columns);

private:
    std::string path_;
    std::vector<std::string> columns_;
    std::vector<std::string> folded_; // lower-cased, trimmed
};

/// Longest field accepted: no address or offer attribute comes near it, and a longer one is
/// almost always a quote left open that swallowed the following lines.
inline constexpr std::size_t max_field_bytes = 65536;

/// What is wrong with the shape of the current row, or empty: the reader's own finding
/// (NUL byte, open quote), a CSV row with more or fewer fields than the header, or a field
/// longer than max_field_bytes. Readers reject such rows whole.
std::optional<std::string> row_shape_problem(const TableReader& in);

/// "; the header is one column holding ';': pass --delimiter ;" when the header looks split
/// on the wrong delimiter, else empty. Appended to "no such column" errors.
std::string header_hint(const TableReader& in);

/// True when `path` names a file the dedicated CSV reader takes (.csv, .tsv, .txt, or stdin "-").
bool is_csv_path(std::string_view path);

/// The GDAL virtual path of a CSV read through GDAL's file systems: "/vsizip/a.zip/x.csv",
/// "/vsigzip/x.csv.gz" as given, "x.csv.gz" as "/vsigzip/x.csv.gz"; empty for anything else.
/// Such files are read whole into memory by the CSV reader.
std::optional<std::string> vsi_csv_path(std::string_view path);

} // namespace coverage
