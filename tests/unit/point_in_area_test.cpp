// The footprint join's direct point-in-polygon test (join/point_in_area) against an
// independent implementation, GEOS's prepared covers (the answer PostGIS's ST_Covers gives):
// every `inside` / `outside` must be GEOS's answer, for random points, for points exactly on
// vertices and edges (axis-parallel edges, where on-the-boundary is exact in doubles) and for
// points interpolated onto slanted edges (within rounding of the boundary). Boundary points
// may be `unsure` (the join then asks GEOS); the others must nearly all be answered directly.
#include "geos/io.hpp"
#include "join/evidence.hpp"
#include "join/point_in_area.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

using namespace coverage;

namespace {

geos::Geom read_wkt(const geos::Context& ctx, const std::string& wkt)
{
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    GEOSGeometry* raw = GEOSWKTReader_read_r(ctx, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(ctx, reader);
    return geos::checked(ctx, raw, "WKT");
}

// A star-shaped ring of n vertices around (cx, cy), radii in [r/2, r], as WKT coordinates.
std::string star(std::mt19937_64& rng, double cx, double cy, double r, int n, std::vector<double>& vx,
                 std::vector<double>& vy)
{
    std::uniform_real_distribution<double> radius(r / 2, r);
    std::string s = "(";
    double x0 = 0, y0 = 0;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n;
        const double rr = radius(rng);
        const double x = cx + rr * std::cos(a), y = cy + rr * std::sin(a);
        if (i == 0) x0 = x, y0 = y;
        vx.push_back(x);
        vy.push_back(y);
        s += fmt::format("{} {},", x, y);
    }
    s += fmt::format("{} {})", x0, y0);
    return s;
}

struct Tally {
    int direct = 0, unsure = 0;
};

// Checks every point against GEOS; returns how many were answered directly.
Tally check_points(const geos::Context& ctx, const GEOSGeometry* g, const std::vector<double>& xs,
                   const std::vector<double>& ys)
{
    const PointInArea area(ctx, g);
    REQUIRE(area.usable());
    const geos::Prepared prep = geos::prepare(ctx, g);
    Tally t;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const PointInArea::Answer a = area.covers(xs[i], ys[i]);
        if (a == PointInArea::Answer::unsure) {
            ++t.unsure;
            continue;
        }
        ++t.direct;
        const geos::Geom pt = geos::own(ctx, GEOSGeom_createPointFromXY_r(ctx, xs[i], ys[i]));
        const bool geos_covers = GEOSPreparedCovers_r(ctx, prep.get(), pt.get()) == 1;
        CAPTURE(i);
        CAPTURE(xs[i]);
        CAPTURE(ys[i]);
        CHECK((a == PointInArea::Answer::inside) == geos_covers);
    }
    return t;
}

} // namespace

TEST_CASE("point in area: a square with a hole, points inside, outside, on edges, vertices and the hole's edge")
{
    geos::Context ctx;
    const geos::Geom g = read_wkt(ctx, "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))");
    const PointInArea area(ctx, g.get());
    REQUIRE(area.usable());
    using A = PointInArea::Answer;
    CHECK(area.covers(1, 1) == A::inside);
    CHECK(area.covers(5, 5) == A::outside); // in the hole
    CHECK(area.covers(11, 5) == A::outside);
    CHECK(area.covers(-1, 5) == A::outside);
    CHECK(area.covers(5, 10.5) == A::outside);
    CHECK(area.covers(3.9, 5) == A::inside);
    // On the boundary: not decided here (GEOS decides, and says covered).
    for (const auto& [x, y] :
         std::vector<std::pair<double, double>>{{0, 0}, {10, 5}, {5, 0}, {5, 10}, {4, 5}, {6, 6}, {5, 4}})
        CHECK(area.covers(x, y) == A::unsure);
}

TEST_CASE("point in area: random stars, multipolygons with holes, and boundary points agree with GEOS covers")
{
    geos::Context ctx;
    std::mt19937_64 rng(20261130);
    std::uniform_real_distribution<double> unit(0, 1);
    int direct = 0, unsure = 0, random_unsure = 0, random_total = 0;
    for (int round = 0; round < 40; ++round) {
        // A multipolygon of 1-3 stars, the first with a star-shaped hole; 8-300 vertices each,
        // so both the plain and the banded path (> 64 segments) are exercised.
        const int parts = 1 + round % 3;
        const int n = round < 20 ? 8 + round : 100 + 10 * round;
        std::vector<double> vx, vy;
        std::string wkt = "MULTIPOLYGON(";
        for (int p = 0; p < parts; ++p) {
            const double cx = 500000 + 3000.0 * p, cy = 5600000 + 1000.0 * p;
            wkt += (p ? ",(" : "(") + star(rng, cx, cy, 1000, n, vx, vy);
            if (p == 0) wkt += "," + star(rng, cx, cy, 300, n / 2 + 3, vx, vy);
            wkt += ")";
        }
        wkt += ")";
        const geos::Geom g = read_wkt(ctx, wkt);
        CAPTURE(round);
        char* why = GEOSisValidReason_r(ctx, g.get());
        const std::string reason = why;
        GEOSFree_r(ctx, why);
        CAPTURE(reason);
        REQUIRE(GEOSisValid_r(ctx, g.get()) == 1);

        std::vector<double> xs, ys;
        for (int i = 0; i < 2000; ++i) { // random points over the parts' extent
            xs.push_back(498900 + 8200 * unit(rng));
            ys.push_back(5598900 + 4200 * unit(rng));
        }
        const Tally r = check_points(ctx, g.get(), xs, ys);
        random_unsure += r.unsure;
        random_total += r.direct + r.unsure;
        xs.clear();
        ys.clear();
        for (std::size_t i = 0; i < vx.size(); ++i) { // every vertex, and points on and near each edge
            const std::size_t j = (i + 1 < vx.size()) ? i + 1 : i;
            xs.push_back(vx[i]);
            ys.push_back(vy[i]);
            for (const double t : {0.5, 0.25, 1.0 / 3}) {
                const double x = vx[i] + t * (vx[j] - vx[i]), y = vy[i] + t * (vy[j] - vy[i]);
                xs.push_back(x);
                ys.push_back(y);
                xs.push_back(std::nextafter(x, 0.0));
                ys.push_back(y);
                xs.push_back(x);
                ys.push_back(std::nextafter(y, 1e9));
            }
        }
        const Tally b = check_points(ctx, g.get(), xs, ys);
        direct += r.direct + b.direct;
        unsure += r.unsure + b.unsure;
    }
    MESSAGE("answered directly ", direct, ", left to GEOS ", unsure);
    CHECK(direct > 0);
    // Random points are almost never within rounding of an edge: nearly all answered here.
    CHECK(random_unsure * 1000 < random_total);
}

TEST_CASE("point in area: a multipolygon of many small parts (rings by band and envelope) agrees with GEOS covers")
{
    // 20 x 20 stars of 12-40 vertices (small rings, indexed whole per band), every 4th with a
    // hole, and beside them one large star of 200 vertices with a hole of 150 (rings indexed
    // by segment): both band indexes at once. Points: random, every vertex, on and near edges.
    geos::Context ctx;
    std::mt19937_64 rng(16);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<double> vx, vy;
    std::string wkt = "MULTIPOLYGON((" + star(rng, 560000, 5610000, 20000, 200, vx, vy) + "," +
                      star(rng, 560000, 5610000, 9000, 150, vx, vy) + ")";
    for (int i = 0; i < 20; ++i)
        for (int j = 0; j < 20; ++j) {
            const double cx = 500500 + 1000.0 * i, cy = 5600500 + 1000.0 * j;
            const int n = 12 + (i * 20 + j) % 29;
            wkt += ",(" + star(rng, cx, cy, 450, n, vx, vy);
            if ((i + j) % 4 == 0) wkt += "," + star(rng, cx, cy, 150, 8, vx, vy);
            wkt += ")";
        }
    wkt += ")";
    const geos::Geom g = read_wkt(ctx, wkt);
    REQUIRE(GEOSisValid_r(ctx, g.get()) == 1);
    std::vector<double> xs, ys;
    for (int i = 0; i < 40000; ++i) {
        xs.push_back(495000 + 90000 * unit(rng));
        ys.push_back(5585000 + 50000 * unit(rng));
    }
    for (std::size_t i = 0; i < vx.size(); ++i) {
        const std::size_t j = (i + 1 < vx.size()) ? i + 1 : i;
        xs.push_back(vx[i]);
        ys.push_back(vy[i]);
        const double x = vx[i] + 0.5 * (vx[j] - vx[i]), y = vy[i] + 0.5 * (vy[j] - vy[i]);
        xs.push_back(x);
        ys.push_back(y);
        xs.push_back(std::nextafter(x, 0.0));
        ys.push_back(y);
    }
    const Tally t = check_points(ctx, g.get(), xs, ys);
    MESSAGE("many parts: answered directly ", t.direct, ", left to GEOS ", t.unsure);
    CHECK(t.direct > 40000);
}

TEST_CASE("point in area: axis-parallel edges and a horizontal edge at the point's height")
{
    geos::Context ctx;
    // A staircase: horizontal and vertical edges only, so points exactly on them are exact.
    const geos::Geom g = read_wkt(ctx, "POLYGON((0 0,4 0,4 1,3 1,3 2,2 2,2 3,1 3,1 4,0 4,0 0))");
    std::vector<double> xs, ys;
    for (int i = -2; i <= 18; ++i)
        for (int j = -2; j <= 18; ++j) {
            xs.push_back(i * 0.25);
            ys.push_back(j * 0.25);
        }
    const Tally t = check_points(ctx, g.get(), xs, ys);
    CHECK(t.direct > 300);
}

TEST_CASE("point in area: geometries other than polygons are left to GEOS")
{
    geos::Context ctx;
    const geos::Geom line = read_wkt(ctx, "LINESTRING(0 0,1 1)");
    const PointInArea area(ctx, line.get());
    CHECK_FALSE(area.usable());
    CHECK(area.covers(0.5, 0.5) == PointInArea::Answer::unsure);
}

TEST_CASE("footprint join: the same hits as GEOS covers for every candidate of a multipolygon")
{
    // match_footprints (direct test, GEOS for the unsure) against GEOS alone, on a grid of
    // points that includes the polygon's vertices and points on its axis-parallel edges.
    geos::Context ctx;
    const std::string wkt = "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(2 2,8 2,8 8,2 8,2 2)),((20 0,30 5,20 10,20 0)))";
    const geos::Geom g = read_wkt(ctx, wkt);
    const std::string wkb = geos::to_wkb(ctx, g.get());
    Feature f;
    f.wkb.assign(wkb.begin(), wkb.end());
    Points p;
    for (int i = -4; i <= 64; ++i)
        for (int j = -4; j <= 24; ++j) {
            p.x.push_back(i * 0.5);
            p.y.push_back(j * 0.5);
        }
    const std::vector<Hit> hits = match_footprints({&f}, p, 2);
    const geos::Prepared prep = geos::prepare(ctx, g.get());
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < p.x.size(); ++i) {
        const geos::Geom pt = geos::own(ctx, GEOSGeom_createPointFromXY_r(ctx, p.x[i], p.y[i]));
        if (GEOSPreparedCovers_r(ctx, prep.get(), pt.get()) == 1) expected.push_back(i);
    }
    REQUIRE(hits.size() == expected.size());
    for (std::size_t k = 0; k < hits.size(); ++k) CHECK(hits[k].address == expected[k]);
}
