// spatial.hpp — the spatial layers: district polygons, footprints, fibre routes and ducts.
#pragma once

#include "offers.hpp"
#include "output.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gen_jena {

constexpr const char* kKabel = "Thüringer Kabel AG";
constexpr const char* kSaalenetz = "Saalenetz GmbH";

struct BuildArea {
    int district = 0;
    int street = 0;
    bool outlier = false;
    bool existing = false;
    int year = 0; // built (existing) or planned year
    Ring ring;    // exterior, or the bow-tie
    bool bowtie = false;
    P64 lo, hi; // bounding box
};

struct RouteFeature {
    std::string kind, name;
    bool existing = true;
    int year = 0;
    std::vector<P64> line;
};

struct Programme {
    std::vector<BuildArea> areas;
    std::vector<RouteFeature> routes;
};

// Cable service areas of the outer districts (Thüringer Kabel AG delivered polygons only).
std::vector<GeoFeature> cable_footprints(const Model& m, Rng& r);
// Build areas of the white-spot programme (existing 2017–2025, planned 2026/2027).
Programme white_spot_programme(const Model& m, const std::vector<AddressState>& st, Rng& r);
// Build areas grouped into features (one per district, status and year).
std::vector<GeoFeature> wfp_footprints(const Model& m, const Programme& pg);
// Fibre routes of the programme, about target_m metres in all.
void programme_routes(const Model& m, Programme& pg, Rng& r, double target_m);
std::vector<GeoFeature> route_features(const std::vector<RouteFeature>& routes);
// Empty ducts laid with road works in the city, about target_m metres.
std::vector<GeoFeature> duct_features(const Model& m, Rng& r, double target_m, double& total);
// Writes districts, footprints and routes as GeoJSON; returns the white-spot programme (build
// areas and routes) for the earlier surveys.
Programme write_spatial(const std::filesystem::path& outdir, const Model& m, const std::vector<AddressState>& states,
                        Rng& cable_rng, Rng& wfp_rng, Rng& route_rng, Rng& duct_rng);

} // namespace gen_jena
