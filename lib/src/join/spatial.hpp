#pragma once
// Spatial evidence: coverage footprints (polygons) and fibre / duct routes (lines), joined
// to the addresses in one metric working CRS.
#include "classify/offer.hpp"
#include "coverage/accounting.hpp"
#include "coverage/options.hpp"
#include "read/address_table.hpp"
#include "read/offer_reader.hpp"
#include "read/table_reader.hpp"

#include <functional>
#include <memory>
#include <ogr_spatialref.h>
#include <string>
#include <vector>

namespace coverage {

struct WorkingCrs {
    std::string label; // "EPSG:25832"
    std::string wkt;
    std::string why; // "shared by all inputs", "UTM zone of the addresses", "--working-crs"
};

/// The metric CRS the spatial join runs in: --working-crs if given; else the addresses'
/// CRS when it is projected in metres and every spatial input uses the same one (a needless
/// reprojection would move points lying exactly on a footprint edge); else a UTM zone
/// (ETRS89 in Europe) for addresses within 6 degrees of longitude; else EPSG:3035 for
/// European extents. Throws UsageError when none fits.
WorkingCrs choose_working_crs(const SpatialOptions& options, const AddressTable& addresses);

/// The same choice for points known only as lon/lat (WGS84; NaN entries are skipped):
/// `forced` (--working-crs) if given, else the UTM zone / EPSG:3035 rule above.
WorkingCrs working_crs_for_lonlat(const std::string& forced, const std::vector<double>& lon,
                                  const std::vector<double>& lat);

/// A geometry layer's CRS and the transformation into the working CRS (null when it is the
/// same). Throws InputError when the layer has no geometry column (`role` must be `what`),
/// no CRS, or cannot be transformed.
struct LayerTransform {
    OGRSpatialReference source;
    std::unique_ptr<OGRCoordinateTransformation> ct;
};
LayerTransform layer_transform(const TableReader& in, const std::string& path, const std::string& role,
                               const char* what, const OGRSpatialReference& working);

struct SpatialResult {
    std::vector<double> nearest_route_m; // per address; empty when no routes were given
    std::vector<InputAccount> inputs;
    WorkingCrs working_crs;
};

/// Reads every footprint and route file, matches them to the addresses and calls
/// `sink(address_row, offer)` in a deterministic order (by address, then by evidence
/// file and feature), whatever the thread count. Bad features become rejects.
SpatialResult join_spatial_evidence(const SpatialOptions& options, const AddressTable& addresses,
                                    ProviderTable& providers, RejectLog& rejects,
                                    const std::function<void(std::uint32_t, const Offer&)>& sink);

} // namespace coverage
