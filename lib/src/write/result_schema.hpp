#pragma once
// The result schema: one row per fixed output column with its name, its GDAL field type,
// and how its value is written as CSV text and as a GDAL field. Every result writer (CSV,
// GDAL files, PostgreSQL) walks this one table, so the formats cannot drift apart.
#include "classify/evaluate.hpp"
#include "coverage/results.hpp"
#include "read/address_table.hpp"

#include <limits>
#include <ogrsf_frmts.h>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// One address's result as written: the classification plus the accumulated best service.
struct ResultRow {
    const Classification* classification = nullptr;
    const Accumulator* accumulator = nullptr;
    double nearest_route_m = std::numeric_limits<double>::quiet_NaN();
    const RunStamp* stamp = nullptr; // the run, the same for every row; null: empty stamp columns
};

struct ResultColumn {
    std::string_view name;
    OGRFieldType type;
    OGRFieldSubType subtype;
    /// Appends the CSV text of the value (quoted when needed; nothing for an empty value).
    void (*csv)(std::string& out, const AddressTable& t, std::size_t i, const ResultRow& r);
    /// Sets field k of a GDAL feature (leaves it unset for an empty value).
    void (*gdal)(OGRFeature& f, int k, const AddressTable& t, std::size_t i, const ResultRow& r);
};

/// The fixed columns in output order (names from coverage/results.hpp).
const std::vector<ResultColumn>& result_schema();

/// Longitude/latitude as written by the GDAL formats: rounded to 6 decimals (the CSV writes
/// the same digits with {:.6f}).
double rounded_degrees(double v);

} // namespace coverage
