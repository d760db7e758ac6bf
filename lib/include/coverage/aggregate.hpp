#pragma once
// Per-address results -> areas: INSPIRE grid cells (EPSG:3035), the polygons of a user
// layer, or clusters of eligible addresses. Counts are Eigen matrices area x word, so shares
// are one array expression and shards simply add up.
#include "coverage/atomic_file.hpp"
#include "coverage/results.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace coverage {

enum class AreaMode { grid, areas, clusters };

struct AggregateOptions {
    AreaMode mode = AreaMode::grid;
    int grid_m = 1000; // 100, 1000 or 10000
    /// --grid-crs: the metric CRS of grid cells and cluster distances: "" or "EPSG:3035"
    /// (INSPIRE, default), or "utm" (the WGS 84 UTM zone of the addresses). Addresses outside
    /// the CRS's area of use (PROJ) are an InputError.
    std::string grid_crs;
    std::string areas;                 // --areas FILE (any GDAL polygon layer)
    std::string area_id_field;         // --area-id FIELD
    std::string areas_layer;           // --areas-layer NAME (multi-layer sources)
    std::string areas_crs;             // --areas-crs when the layer has none
    double cluster_m = 0;              // --clusters METRES
    std::vector<double> bands;         // --bands: ascending lower bounds in percent
    std::string band_class = "served"; // --band-class: the class whose address share is banded
    std::vector<std::string> classes;  // --classes: class column order (default: documented order)
    std::vector<std::string> keep;     // --keep: attributes of the --areas polygons copied to each area row
    bool dissolve = false;             // --dissolve: features sharing an area id are one area (their union)
    int threads = 0;                   // cluster outlines built on this many threads (0: every core); same bytes
    /// Build the clusters' outlines (geometry_wkb). run_aggregate turns it off for a CSV
    /// output, which has no geometry: the outlines are most of --clusters' time.
    bool outlines = true;
};

using CountMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;
using CountVector = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;

/// Socio-economic site categories counted per area (from the results' category column).
const std::vector<std::string>& socio_economic_columns(); // schools, hospitals, businesses, public

struct AreaTable {
    std::vector<std::string> area_id;
    std::vector<std::string> keep_names;               // --keep attribute names (--areas only)
    std::vector<std::vector<std::string>> keep_values; // area x keep_names: the first feature's values
    std::uint64_t dissolved = 0;                       // --dissolve: features merged into an earlier one
    std::vector<std::string> geometry_wkb;             // in `crs`
    std::string crs;                                   // "EPSG:3035" or the areas layer's CRS as WKT
    std::vector<std::string> classes, tiers;
    CountMatrix class_addresses, class_units; // area x class
    CountMatrix tier_addresses, tier_units;   // area x tier
    CountVector addresses, units, eligible_addresses, eligible_units;
    CountMatrix socio;             // area x socio_economic_columns()
    std::vector<std::string> band; // empty when no --bands
    std::string band_class;

    // Accounting: read = placed + unlocated + unassigned + not_clustered.
    std::uint64_t read = 0;
    std::uint64_t placed = 0;
    std::uint64_t unlocated = 0;              // rows without coordinates
    std::uint64_t unassigned = 0;             // --areas: in no area
    std::uint64_t overlaps = 0;               // --areas: covered by more than one area (counted in the first)
    std::uint64_t not_clustered = 0;          // --clusters: addresses that are not eligible
    std::vector<std::size_t> unassigned_rows; // rows of the results table, in input order
    std::vector<std::int64_t> row_area;       // per results row: index of its area, -1 none

    [[nodiscard]] std::size_t size() const { return area_id.size(); }
    /// Address share of each class as a fraction 0..1 (area x class), as every share of every
    /// command; NaN where an area has no address.
    [[nodiscard]] Eigen::MatrixXd class_shares() const;
};

/// Lower-left corner of the grid cell holding (x, y) in the grid's metres: floor(x/size)*size.
/// A point on an edge belongs to the cell whose lower-left corner or left/bottom edge it is on.
struct GridCell {
    std::int64_t easting = 0;
    std::int64_t northing = 0;
};
GridCell grid_cell(double x, double y, int size_m);
/// INSPIRE id, northing first: CRS3035RES1000mN3093000E4412000. Cells of a UTM grid
/// (--grid-crs utm) follow the same pattern with the zone's EPSG code: CRS32619RES1000m...
std::string grid_cell_id(const GridCell& cell, int size_m, int epsg = 3035);

/// Single-linkage clusters: points closer than or exactly `distance` apart (Euclidean, same
/// units as x/y) join one cluster. Returns a cluster number per point, 1-based, numbered by
/// the position of each cluster's first point.
std::vector<std::uint32_t> cluster_points(const std::vector<double>& x, const std::vector<double>& y, double distance);

/// Builds the area table. Throws UsageError / InputError.
AreaTable aggregate(const ResultTable& results, const AggregateOptions& options);

/// Writes the areas: .csv (no geometry) or "-" (CSV on stdout), .geojson/.json (WGS84,
/// RFC 7946), .gpkg / .fgb (geometry in the table's CRS). Atomic. Throws OutputError.
/// `layer` names the layer of a .gpkg/.fgb (default "areas").
void write_areas(const AreaTable& table, AtomicPath& out, const std::string& layer = {});
/// The same as a stand-alone output (prefer an OutputSet).
void write_areas(const AreaTable& table, const std::string& path, bool overwrite, const std::string& layer = {});
/// Refuses an output name write_areas cannot write, or a layer name for a format without
/// layers (before anything is read). Throws UsageError.
void check_area_output(const std::string& path, const std::string& layer = {});

/// Writes the ids of addresses in no area (id,lon,lat) as CSV. Atomic.
void write_unassigned(const AreaTable& table, const ResultTable& results, AtomicPath& out);
void write_unassigned(const AreaTable& table, const ResultTable& results, const std::string& path, bool overwrite);

/// The aggregate command as one call: read the results, count, write the areas (and the
/// unassigned list). Returns the table for the caller's report.
struct AggregateRun {
    AggregateOptions options;
    std::vector<std::string> inputs; // classify outputs; "-" = CSV on stdin
    std::string output;              // areas file, "-" = CSV on stdout
    std::string unassigned;          // --areas: CSV of addresses in no area; empty: none
    std::string output_layer;        // layer of a .gpkg/.fgb output (default "areas")
    bool overwrite = false;
};
AreaTable run_aggregate(const AggregateRun& run);
/// What run_aggregate did, for people (a few lines, for stderr).
std::string aggregate_report(const AggregateRun& run, const AreaTable& table);

} // namespace coverage
