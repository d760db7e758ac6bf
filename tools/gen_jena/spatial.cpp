// spatial.cpp — writes the spatial layers (districts, footprints, routes) as GeoJSON.

#include "spatial.hpp"

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

namespace {

constexpr double kFibreTarget = 147000; // metres of new fibre routes (the programme's figure)
constexpr double kDuctTarget = 84000;   // metres of new empty ducts

} // namespace

Programme write_spatial(const std::filesystem::path& outdir, const Model& m, const std::vector<AddressState>& states,
                        Rng& cable_rng, Rng& wfp_rng, Rng& route_rng, Rng& duct_rng)
{
    // Districts.
    const std::vector<Ring> cells = district_cells(m);
    std::vector<GeoFeature> dist;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        GeoFeature f;
        f.polygons.push_back({cells[i], {}});
        char id[16];
        std::snprintf(id, sizeof id, "%s000%02d", kAgs, static_cast<int>(i + 1));
        f.props = Props()
                      .str("district_id", id)
                      .str("district", m.districts[i].name)
                      .str("postcode", m.districts[i].postcode)
                      .text;
        dist.push_back(std::move(f));
    }
    int outside = 0;
    for (const Address& a : m.addresses)
        if (!inside_convex(cells[static_cast<std::size_t>(a.district)], {a.xcm, a.ycm})) ++outside;
    if (outside)
        throw std::runtime_error(std::to_string(outside) + " addresses are not strictly inside their district polygon");
    write_geojson(outdir, "districts.geojson", dist);
    std::cout << "districts.geojson: " << dist.size() << " polygons\n";

    const std::vector<GeoFeature> cable = cable_footprints(m, cable_rng);
    write_geojson(outdir, "footprints_cable.geojson", cable);
    std::cout << "footprints_cable.geojson: " << cable.size() << " features\n";

    Programme pg = white_spot_programme(m, states, wfp_rng);
    const std::vector<GeoFeature> wfp = wfp_footprints(m, pg);
    write_geojson(outdir, "footprints_wfp.geojson", wfp);
    int ex = 0;
    for (const BuildArea& a : pg.areas) ex += a.existing;
    std::cout << "footprints_wfp.geojson: " << wfp.size() << " features (" << pg.areas.size() << " build areas, " << ex
              << " existing)\n";

    programme_routes(m, pg, route_rng, kFibreTarget);
    const std::vector<GeoFeature> fr = route_features(pg.routes);
    write_geojson(outdir, "routes_fibre.geojson", fr);
    double fibre_m = 0, fibre_existing = 0;
    for (const RouteFeature& r : pg.routes) {
        fibre_m += line_length(r.line);
        if (r.existing) fibre_existing += line_length(r.line);
    }
    std::cout << "routes_fibre.geojson: " << fr.size() << " lines, " << fixed2(to_cm(fibre_m / 1000)) << " km ("
              << fixed2(to_cm(fibre_existing / 1000)) << " km existing)\n";

    double duct_m = 0;
    const std::vector<GeoFeature> ducts = duct_features(m, duct_rng, kDuctTarget, duct_m);
    write_geojson(outdir, "routes_ducts.geojson", ducts);
    std::cout << "routes_ducts.geojson: " << ducts.size() << " lines, " << fixed2(to_cm(duct_m / 1000)) << " km\n";
    return pg;
}

} // namespace gen_jena
