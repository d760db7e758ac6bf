#pragma once
// The pieces of the spatial join (lib/src/join/spatial.cpp runs them in order): the working
// CRS and the addresses in it, evidence layers read and repaired, the footprint join, and
// the nearest-route search. Internal to the join stage.
#include "classify/offer.hpp"
#include "coverage/accounting.hpp"
#include "join/spatial.hpp"

#include <cstdint>
#include <limits>
#include <ogr_spatialref.h>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace coverage {

// --- working_crs.cpp
OGRSpatialReference from_wkt(const std::string& wkt);
bool metric_projected(const OGRSpatialReference& srs);
/// The addresses' extent in WGS84 degrees.
struct LonLatBox {
    double lon_min = 0, lat_min = 0, lon_max = 0, lat_max = 0;
};
/// How far a projected CRS's metres are from true metres over a lon/lat box: the largest
/// |scale - 1| in any direction (Tissot's semi-axes from PROJ's proj_factors) at the box's
/// corners, edge midpoints and centre. Infinity when PROJ cannot compute it there.
double max_scale_error(const std::string& wkt, const LonLatBox& box);
/// The most a working CRS may be off: 0.5 %, 1 m on a 200 m route distance. National grids
/// and UTM zones inside their areas stay below it (measured with PROJ over the countries'
/// bounding boxes: UTM within its zone <= 0.1 %, EPSG:25832 over Germany 0.21 %, Lambert-93
/// over France 0.23 %, EPSG:3035 over Germany 0.12 %); Web Mercator exceeds it beyond 5.7
/// degrees of latitude (scale ~1/cos(latitude)).
inline constexpr double max_working_scale_error = 0.005;
/// The CRS of a spatial input's first layer, without reading its features.
std::optional<OGRSpatialReference> layer_srs(const std::string& path, const ReadOptions& read);

/// Coordinates of points, not owned.
struct PointsView {
    std::span<const double> x, y;
};
/// Coordinates of points, owned.
struct Points {
    std::vector<double> x, y;
    operator PointsView() const { return {x, y}; } // NOLINT(google-explicit-constructor)
};
/// The addresses in the working CRS: their own coordinates when that is their CRS (no copy:
/// 16 bytes an address), else transformed into `storage`.
PointsView to_working(const AddressTable& t, const OGRSpatialReference& working, Points& storage);

// --- evidence_layer.cpp
/// One evidence feature after reading: its offer (if it carries one) and its geometry as WKB
/// in the working CRS (WKB, so every thread can build its own GEOS objects).
struct Feature {
    Offer offer;
    bool has_offer = true;
    std::vector<unsigned char> wkb;
};

struct Layer {
    std::string path;
    std::vector<Feature> features;
};

enum class Kind { footprints, routes };

/// Reads one footprint or route source (FILE or FILE#key=value,...) into the working CRS;
/// repairs invalid polygons, rejects what cannot be used.
Layer read_layer(const std::string& spec, Kind kind, const SpatialOptions& o, const OGRSpatialReference& working,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account);

// --- footprint_join.cpp
struct Hit {
    std::uint32_t address;
    std::uint32_t feature; // global index across footprint layers
    bool operator<(const Hit& o) const { return address != o.address ? address < o.address : feature < o.feature; }
};
/// Every (address, footprint) pair where the footprint covers the address (boundary
/// included), sorted by address then footprint, whatever the thread count.
std::vector<Hit> match_footprints(const std::vector<const Feature*>& features, PointsView pts, int threads);

// --- route_distance.cpp
struct Nearest {
    double distance = std::numeric_limits<double>::infinity();
    std::uint32_t feature = 0;
};
/// For every address, the nearest segment of one route layer (lowest feature on ties).
std::vector<Nearest> nearest_route(const Layer& layer, PointsView pts, int threads);

} // namespace coverage
