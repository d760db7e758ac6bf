// gen_jena — deterministic generator of the synthetic Jena demo region (sample_data/jena/).
//
// Build:  cmake --build build --target gen_jena       (tools/CMakeLists.txt)
// Run:    build/tools/gen_jena OUTDIR [--seed N]      (scripts/gen-sample does both)
//
// Files: rng.hpp (PRNG), geometry (plane geometry, shapes), districts (Ortsteile, Voronoi
// cells), street_names, addresses (streets and addresses), offers (per-operator reports,
// under_review plans, dirty rows), output (CSV, GeoJSON), footprints (cable areas, white-spot
// build areas), routes (fibre routes, ducts), spatial (writes the layers), history (the earlier
// surveys: sample_data/jena/history/), this file (main).
//
// Writes OUTDIR/addresses.csv, one OUTDIR/offers_<operator>.csv per (fictional) operator, and
// the spatial layers as GeoJSON (EPSG:25832): districts.geojson, footprints_cable.geojson,
// footprints_wfp.geojson, routes_fibre.geojson, routes_ducts.geojson; and the earlier surveys
// in OUTDIR/history/<date>/ (history.cpp). Standard library only. The output is the same bytes
// on every run and every conforming
// platform:
//   * own PRNG (xoshiro256** seeded by splitmix64), never std::*_distribution;
//   * floating point limited to + - * / and sqrt (IEEE 754 correctly rounded; no libm
//     transcendental functions whose last bit differs between libm versions);
//   * coordinates rounded to whole centimetres (int64) and printed with integer formatting;
//   * containers iterated only in insertion order (hash sets are used for look-ups only).
//
// Model (see sample_data/jena/README.md): Jena's real Ortsteile, each a centre point in
// EPSG:25832 (UTM 32N) and a radius; an address belongs to the district whose centre is
// nearest (so district polygons can later be derived as clipped Voronoi cells). Streets are
// random polylines inside the district; addresses are placed along both sides with odd/even
// house numbers. Network availability is decided per street (a street is built or not) with
// per-address exceptions, then written as per-operator availability reports.
//
// Spatial layers (see "Spatial layers" below) are derived from the same model: district
// polygons are the Voronoi cells of the district centres clipped to the extent; cable
// service areas and white-spot build areas are irregular polygons around villages, farms and
// streets; fibre routes and empty ducts follow the streets' polylines (Street::line) and
// country roads between the villages. They draw from their own random streams, forked
// after the others, so adding them did not change a byte of the offer files.

#include "history.hpp"
#include "offers.hpp"
#include "output.hpp"
#include "spatial.hpp"
#include "streets.hpp"

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

using namespace gen_jena;

int main(int argc, char** argv)
{
    std::uint64_t seed = kDefaultSeed;
    std::filesystem::path outdir;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (a == "-h" || a == "--help") {
            std::cout << "usage: gen_jena OUTDIR [--seed N]\n"
                         "Writes the synthetic Jena demo region (addresses.csv, offers_*.csv) to OUTDIR.\n";
            return 0;
        } else if (outdir.empty() && !a.starts_with("-")) {
            outdir = std::string(a);
        } else {
            std::cerr << "gen_jena: unexpected argument '" << a << "' (usage: gen_jena OUTDIR [--seed N])\n";
            return 2;
        }
    }
    if (outdir.empty()) {
        std::cerr << "gen_jena: missing OUTDIR (usage: gen_jena OUTDIR [--seed N])\n";
        return 2;
    }
    try {
        std::filesystem::create_directories(outdir);
        Rng master(seed);
        Model m;
        m.districts = make_districts();
        Rng addr_rng = master.fork();
        Rng street_rng = master.fork();
        Rng offer_rng = master.fork();
        Rng review_rng = master.fork();
        build_addresses(m, addr_rng);
        const auto [nudged, nudge_m] = keep_inside_cells(m);
        plan_streets(m, street_rng);
        Offers o;
        build_offers(m, offer_rng, o);
        std::vector<std::string> review_log;
        add_under_review(m, review_rng, o, 10, review_log);
        // Spatial layers: their own streams, forked after the others, so the CSVs do not move.
        Rng spatial_rng = master.fork();
        Rng cable_rng = spatial_rng.fork();
        Rng wfp_rng = spatial_rng.fork();
        Rng route_rng = spatial_rng.fork();
        Rng duct_rng = spatial_rng.fork();
        const std::vector<AddressState> states = address_states(m, o); // clean rows only
        std::vector<Dirty> dirty = add_dirty_rows(m, o);

        CsvFile af(outdir, "addresses.csv");
        af.row({"id", "x", "y", "units", "category", "street", "housenumber", "postcode", "district"});
        for (const Address& a : m.addresses) {
            const District& d = m.districts[a.district];
            af.row({a.id, fixed2(a.xcm), fixed2(a.ycm), std::to_string(a.units), category_name(a.category),
                    m.streets[a.street].name, a.housenumber, d.postcode, d.name});
        }
        std::size_t n_addr = af.close();
        std::cout << "addresses.csv: " << n_addr << " rows (" << m.streets.size() << " streets; " << nudged
                  << " moved into their district polygon, by at most " << fixed2(to_cm(nudge_m)) << " m)\n";
        std::size_t n_off = 0;
        for (Operator* op : o.all()) {
            CsvFile f(outdir, "offers_" + op->slug + ".csv");
            f.row({"address_id", "provider", "technology", "down_mbps", "up_mbps", "latency_ms", "status",
                   "planned_year"});
            for (const Offer& x : op->rows)
                f.row({x.address_id, op->provider, x.tech, x.down, x.up, x.latency, x.status,
                       x.year ? std::to_string(x.year) : std::string()});
            std::size_t n = f.close();
            n_off += n;
            std::cout << "offers_" << op->slug << ".csv: " << n << " rows\n";
        }
        std::cout << "offers total: " << n_off << " rows\n";
        const Programme pg = write_spatial(outdir, m, states, cable_rng, wfp_rng, route_rng, duct_rng);
        write_streets(outdir, m);
        // Earlier surveys: their own stream, forked after every other, so no existing file moves.
        Rng history_rng = master.fork();
        write_history(outdir, m, o, pg, history_rng);
        for (const std::string& id : review_log) std::cout << "under_review: " << id << "\n";
        for (const Dirty& d : dirty) std::cout << "dirty: " << d.file << " " << d.address_id << " " << d.what << "\n";
    } catch (const std::exception& e) {
        std::cerr << "gen_jena: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
