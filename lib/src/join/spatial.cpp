#include "join/spatial.hpp"

#include "coverage/error.hpp"
#include "gdal/dataset.hpp"
#include "join/evidence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace coverage {

SpatialResult join_spatial_evidence(const SpatialOptions& o, const AddressTable& t, ProviderTable& providers,
                                    RejectLog& rejects, const std::function<void(std::uint32_t, const Offer&)>& sink)
{
    SpatialResult result;
    if (o.footprints.empty() && o.routes.empty()) return result;
    gdal::ensure_registered();
    if (!t.has_geometry)
        throw UsageError("--footprints and --routes need an address layer with coordinates (--addresses)");
    if (!(o.route_distance_m >= 0)) throw UsageError("--route-distance must be a distance in metres, 0 or more");
    const WorkingCrs wc = choose_working_crs(o, t);
    const OGRSpatialReference working = from_wkt(wc.wkt);
    Points transformed;
    const PointsView pts = to_working(t, working, transformed);
    result.working_crs = wc;

    // Evidence in a fixed order: footprint files, then route files, each in feature order.
    std::vector<Layer> footprint_layers;
    for (const auto& spec : o.footprints) {
        InputAccount acc;
        footprint_layers.push_back(read_layer(spec, Kind::footprints, o, working, providers, rejects, acc));
        result.inputs.push_back(acc);
    }
    std::vector<Layer> route_layers;
    for (const auto& spec : o.routes) {
        InputAccount acc;
        route_layers.push_back(read_layer(spec, Kind::routes, o, working, providers, rejects, acc));
        result.inputs.push_back(acc);
    }

    std::vector<const Feature*> features;
    for (const auto& l : footprint_layers)
        for (const auto& f : l.features) features.push_back(&f);
    const std::vector<Hit> hits = match_footprints(features, pts, o.threads);

    std::vector<std::vector<Nearest>> nearest;
    for (const auto& l : route_layers) nearest.push_back(nearest_route(l, pts, o.threads));
    if (!route_layers.empty()) {
        result.nearest_route_m.assign(t.size(), std::numeric_limits<double>::quiet_NaN());
        for (std::size_t i = 0; i < t.size(); ++i) {
            double best = std::numeric_limits<double>::infinity();
            for (const auto& n : nearest) best = std::min(best, n[i].distance);
            if (std::isfinite(best)) result.nearest_route_m[i] = std::round(best * 10) / 10;
        }
    }

    // Apply in address order; within an address footprints (by file and feature), then routes.
    std::size_t h = 0;
    for (std::uint32_t i = 0; i < t.size(); ++i) {
        for (; h < hits.size() && hits[h].address == i; ++h) sink(i, features[hits[h].feature]->offer);
        for (std::size_t r = 0; r < route_layers.size(); ++r) {
            const Nearest& n = nearest[r][i];
            if (!std::isfinite(n.distance) || n.distance > o.route_distance_m) continue;
            const Feature& f = route_layers[r].features[n.feature];
            if (f.has_offer) sink(i, f.offer);
        }
    }
    return result;
}

} // namespace coverage
