#pragma once
// Line layers of `coverage plan` (streets, routes, ducts): any GDAL source, read into
// polylines in the metric working CRS. Multi-lines give one polyline per part; curves are
// linearised; other geometries are counted and skipped.
#include "plan/graph.hpp"

#include <ogr_spatialref.h>
#include <string>

namespace coverage::plan {

struct LineLayer {
    std::vector<Polyline> lines;
    std::uint64_t features = 0;
    std::uint64_t skipped = 0; // no geometry, or not a line
};

LineLayer read_lines(const std::string& path, const std::string& role, const OGRSpatialReference& working);

} // namespace coverage::plan
