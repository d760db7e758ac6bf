#pragma once
// Spatial evidence: coverage footprints (polygons) and fibre / duct routes (lines), joined
// to the addresses in one metric working CRS.
#include "coverage/address_table.hpp"
#include "coverage/offer.hpp"
#include "coverage/offer_reader.hpp"
#include "coverage/rejects.hpp"

#include <functional>
#include <string>
#include <vector>

namespace coverage {

struct SpatialOptions {
    std::vector<std::string> footprints;  // "FILE" or "FILE#key=value,..." (constants)
    std::vector<std::string> routes;      // same form
    double route_distance_m = 0;          // an address this close to a route gets its offer
    std::string working_crs;              // empty: chosen (see choose_working_crs)
    OfferFields fields;                   // attribute columns (same names as offers)
    ReadOptions read;
    int threads = 1;
};

struct WorkingCrs {
    std::string label;  // "EPSG:25832"
    std::string wkt;
    std::string why;    // "shared by all inputs", "UTM zone of the addresses", "--working-crs"
};

/// The metric CRS the spatial join runs in: --working-crs if given; else the addresses'
/// CRS when it is projected in metres and every spatial input uses the same one (a needless
/// reprojection would move points lying exactly on a footprint edge); else a UTM zone
/// (ETRS89 in Europe) for addresses within 6 degrees of longitude; else EPSG:3035 for
/// European extents. Throws UsageError when none fits.
WorkingCrs choose_working_crs(const SpatialOptions& options, const AddressTable& addresses);

struct SpatialResult {
    std::vector<double> nearest_route_m;  // per address; empty when no routes were given
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
