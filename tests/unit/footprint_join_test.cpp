// The footprint join's point grid with absurd footprint extents (issue 10 item 15): the
// expected hits follow from the geometry alone (a square that contains every point covers
// every point), so a footprint of 1e20 m or 1e300 m must cover the same addresses as one of
// 1 km. Before the fix the cell index overflowed an int64 (undefined behaviour, reported by
// UBSan in the sanitizer build) and such a footprint covered nothing.
#include "geos/io.hpp"
#include "join/evidence.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <limits>

using namespace coverage;

namespace {

Feature feature(const std::string& wkt)
{
    geos::Context ctx;
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    GEOSGeometry* raw = GEOSWKTReader_read_r(ctx, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(ctx, reader);
    const geos::Geom g = geos::checked(ctx, raw, "WKT");
    const std::string wkb = geos::to_wkb(ctx, g.get());
    Feature f;
    f.wkb.assign(wkb.begin(), wkb.end());
    return f;
}

Feature square(double half)
{
    return feature(fmt::format("POLYGON(({0} {0},{1} {0},{1} {1},{0} {1},{0} {0}))", -half, half));
}

Points grid_points()
{
    Points p;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j) {
            p.x.push_back(100.0 * i - 450);
            p.y.push_back(100.0 * j - 450);
        }
    return p;
}

} // namespace

TEST_CASE("footprint join: a footprint of any size covers the points inside it (no int64 overflow)")
{
    const Points pts = grid_points(); // 100 points in [-450, 450]^2
    for (const double half : {1e3, 1e19, 1e20, 1e100, 1e300}) {
        CAPTURE(half);
        const Feature f = square(half);
        const std::vector<Hit> hits = match_footprints({&f}, pts, 2);
        REQUIRE(hits.size() == 100);
        for (std::uint32_t i = 0; i < 100; ++i) CHECK(hits[i].address == i);
    }
}

TEST_CASE("footprint join: a huge footprint far away, and a tiny one between points, cover nothing")
{
    const Points pts = grid_points();
    for (const char* wkt : {"POLYGON((1e20 1e20,2e20 1e20,2e20 2e20,1e20 2e20,1e20 1e20))",
                            "POLYGON((-2e300 -2e300,-1e300 -2e300,-1e300 -1e300,-2e300 -1e300,-2e300 -2e300))",
                            "POLYGON((-440 -440,-410 -440,-410 -410,-440 -410,-440 -440))"}) {
        CAPTURE(wkt);
        const Feature f = feature(wkt);
        CHECK(match_footprints({&f}, pts, 1).empty());
    }
}

TEST_CASE("footprint join: points spread absurdly wide still index and match")
{
    // A long thin spread (1e300 m wide, 1 m high) used to give ~1e150 columns.
    Points p;
    p.x = {0, 1e300, 5};
    p.y = {0, 0, 0};
    const Feature f = feature("POLYGON((-1 -1,10 -1,10 1,-1 1,-1 -1))");
    const std::vector<Hit> hits = match_footprints({&f}, p, 1);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].address == 0);
    CHECK(hits[1].address == 2);
}
