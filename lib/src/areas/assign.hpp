#pragma once
// Which area a result row is in: the step aggregate and progress share. Grid cells
// (EPSG:3035, INSPIRE ids), the polygons of a layer (--areas/--area-id), clusters of
// eligible addresses, or the value of a text column (--by FIELD).
#include "coverage/aggregate.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace coverage {

/// Assigns every row of `r` to an area of `o.mode`: returns the area index per row (-1: not
/// placed) and fills t.area_id, t.geometry_wkb, t.crs and the accounting t.unassigned,
/// t.overlaps, t.unassigned_rows and t.not_clustered. Grid cells come sorted by id (northing,
/// then easting); layer polygons in layer order; clusters by their first address. Throws
/// UsageError / InputError.
std::vector<std::int64_t> assign_rows(const ResultTable& r, const AggregateOptions& o, AreaTable& t);

/// Assigns every row to the area named by its value of column `field` (trimmed; an empty
/// value: not placed, counted in t.unassigned). Areas sorted by id; no geometry. Throws
/// InputError when the column does not exist.
std::vector<std::int64_t> assign_by_field(const ResultTable& r, const std::string& field, AreaTable& t);

} // namespace coverage
