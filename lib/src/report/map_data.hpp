#pragma once
// The map's data as JSON for the page's script: address points (or 100 m grid cells above
// --max-points), area polygons shaded by their eligible share, and the planned network. All
// coordinates WGS84 with 6 decimals; every text is a JSON string (the page embeds the whole
// document with html::embed_json and builds popups with textContent, so data stays text).
#include "base/palette.hpp"
#include "coverage/aggregate.hpp"
#include "coverage/results.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coverage::report {

// The class colours are base/palette's class_colour (one palette for the report, the QGIS
// style of classify outputs and every other map).
using coverage::class_colour;

/// Bins of the areas' eligible share (percent lower bounds) and their colours: a sequential
/// purple scale (ColorBrewer Purples), readable in greyscale and apart from the class colours
/// (orange, vermillion, blue) of the points drawn over it.
struct ShareBin {
    double from = 0, to = 0;
    std::string colour;
};
const std::vector<ShareBin>& share_bins();
/// Index into share_bins() for a percentage; -1 for NaN (an area with no address).
int share_bin(double percent);

/// [[lon,lat,class,id,offer,reason,providers],...] with offer/reason/providers as indexes
/// into `strings` (filled, first-seen order, deduplicated), sorted by id (ids are unique
/// across shards). Rows without coordinates are left out; `count` receives the number of points.
std::string points_json(const ResultTable& results, const std::vector<std::string>& classes,
                        std::vector<std::string>& strings, std::uint64_t& count);

/// Grid cells (aggregate --grid 100m) as a GeoJSON FeatureCollection; properties: id, n
/// (addresses), c (index of the most frequent class, the first in class order on a tie),
/// counts (addresses per class).
std::string cells_json(const AreaTable& cells);

/// Area polygons as a GeoJSON FeatureCollection; properties: id, addresses, eligible,
/// share (percent, 1 decimal, null without addresses), bin (index into share_bins or -1).
std::string areas_json(const AreaTable& areas);

/// WKB in one CRS (EPSG code or WKT) -> GeoJSON geometry text in WGS84, 6 decimals. One
/// transformation for many geometries.
class ToWgs84 {
public:
    explicit ToWgs84(const std::string& crs);
    ~ToWgs84();
    ToWgs84(const ToWgs84&) = delete;
    ToWgs84& operator=(const ToWgs84&) = delete;
    [[nodiscard]] std::string json(const std::string& wkb) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace coverage::report
