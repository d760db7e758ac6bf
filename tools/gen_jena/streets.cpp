// streets.geojson for gen_jena: the sample's streets as centrelines, joined into one street
// network. It draws no random numbers, so no other file moves.
//
// Features, in this order:
//   * every street of the model (Street::line, the polyline the addresses were placed along,
//     in centimetres like routes_*.geojson, so routes and ducts share its vertices exactly):
//     kind "street", name, district;
//   * link roads that join the streets into one connected network, as a country would: Prim's
//     algorithm over the streets, each step adding the shortest straight link between a
//     vertex of a joined street and a vertex of a street not yet joined (exact integer
//     distances; ties to the lower street, then vertex index): kind "link".
// A link ends on street vertices, so a planner joining streets at shared vertices sees one
// network; streets that merely cross (no shared vertex) stay unjoined there, like bridges.

#include "streets.hpp"

#include "geometry.hpp"
#include "model.hpp"
#include "output.hpp"

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <limits>
#include <vector>

namespace gen_jena {
namespace {

std::vector<GeoFeature> street_features(const Model& m, double& street_m, double& link_m)
{
    const std::size_t n = m.streets.size();
    std::vector<std::vector<P64>> lines(n);
    std::vector<GeoFeature> out;
    street_m = link_m = 0;
    for (std::size_t s = 0; s < n; ++s) {
        for (const Pt& p : m.streets[s].line) {
            const P64 q = to_p64(p);
            if (lines[s].empty() || !(lines[s].back() == q)) lines[s].push_back(q);
        }
        GeoFeature f;
        f.line = lines[s];
        f.props = Props()
                      .str("kind", "street")
                      .str("name", m.streets[s].name)
                      .str("district", m.districts[static_cast<std::size_t>(m.streets[s].district)].name)
                      .text;
        street_m += line_length(f.line);
        out.push_back(std::move(f));
    }
    if (n < 2) return out;
    struct Best {
        std::int64_t d2 = std::numeric_limits<std::int64_t>::max();
        std::size_t from_street = 0;
        P64 a, b;
    };
    std::vector<Best> best(n);
    std::vector<bool> joined(n, false);
    auto relax = [&](std::size_t s) {
        for (std::size_t t = 0; t < n; ++t) {
            if (joined[t]) continue;
            for (const P64& a : lines[s])
                for (const P64& b : lines[t]) {
                    const std::int64_t dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
                    if (d2 < best[t].d2) best[t] = {d2, s, a, b};
                }
        }
    };
    joined[0] = true;
    relax(0);
    for (std::size_t step = 1; step < n; ++step) {
        std::size_t next = n;
        for (std::size_t t = 0; t < n; ++t)
            if (!joined[t] && (next == n || best[t].d2 < best[next].d2)) next = t;
        joined[next] = true;
        const Best& b = best[next];
        if (b.d2 > 0) {
            GeoFeature f;
            f.line = {b.a, b.b};
            f.props = Props()
                          .str("kind", "link")
                          .str("name", "Verbindungsweg")
                          .str("district", m.districts[static_cast<std::size_t>(m.streets[next].district)].name)
                          .text;
            link_m += line_length(f.line);
            out.push_back(std::move(f));
        }
        relax(next);
    }
    return out;
}

} // namespace

void write_streets(const std::filesystem::path& outdir, const Model& m)
{
    double street_m = 0, link_m = 0;
    const std::vector<GeoFeature> fs = street_features(m, street_m, link_m);
    write_geojson(outdir, "streets.geojson", fs);
    std::cout << "streets.geojson: " << m.streets.size() << " streets (" << fixed2(to_cm(street_m / 1000)) << " km), "
              << fs.size() - m.streets.size() << " link roads (" << fixed2(to_cm(link_m / 1000)) << " km)\n";
}

} // namespace gen_jena
