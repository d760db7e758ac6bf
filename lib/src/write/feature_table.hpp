#pragma once
// One writer for tables of features (areas of `aggregate`, the network and per-area tables
// of `plan`): CSV by our own code (byte-stable; "-" = stdout) or GeoJSON (WGS84, RFC 7946),
// GeoPackage and FlatGeobuf (geometry in the table's CRS) through GDAL. Columns are the same
// in every format. Atomic; never overwrites without `overwrite`. GDAL formats go through the
// one vector file writer (gdal/vector_writer.hpp).
#include "coverage/atomic_file.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coverage {

enum class ColumnKind { integer, real, text };

struct FeatureColumn {
    std::string name;
    ColumnKind kind = ColumnKind::text;
    int decimals = 2; // real: digits after the point in CSV (GDAL gets the value rounded to them)
    std::function<std::optional<double>(std::size_t)> number; // integer / real; nullopt: empty
    std::function<std::string(std::size_t)> text;             // text
};

enum class FeatureGeometry { none, multipolygon, linestring };

struct FeatureTable {
    std::string layer; // layer name in GeoPackage / FlatGeobuf
    std::size_t rows = 0;
    std::vector<FeatureColumn> columns;
    FeatureGeometry geometry = FeatureGeometry::none;
    std::function<std::string(std::size_t)> wkb; // ISO WKB of row i in `crs`
    std::string crs;                             // "EPSG:..." or WKT; needed with geometry
};

/// Writes by extension: .csv or "-" (CSV, no geometry), .geojson/.json, .gpkg, .fgb. Throws
/// UsageError (unknown extension) or OutputError.
void write_feature_table(const FeatureTable& table, const std::string& path, bool overwrite);
/// The same into an output of the run's OutputSet (coverage/atomic_file.hpp); the set commits.
void write_feature_table(const FeatureTable& table, AtomicPath& out);
/// Refuses a name write_feature_table cannot write, before anything is read. Throws UsageError.
void check_feature_output(const std::string& path);

} // namespace coverage
