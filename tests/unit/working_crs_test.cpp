// The working CRS's scale check (issue 10 item 9). Expected values by hand from the
// projections' definitions, not from PROJ:
// - Transverse Mercator on its central meridian has scale k0 exactly (UTM: 0.9996), so
//   EPSG:25832 (central meridian 9 E) along 9 E is 0.04 % off.
// - Web Mercator (EPSG:3857) applies the spherical formulas (x = a lon, y = a ln tan(pi/4 +
//   lat/2)) to WGS84 latitudes. Against the ellipsoid's true lengths (radii N, M of WGS84,
//   e^2 = 0.00669438) its scale is sqrt(1 - e^2 sin^2 lat) / cos lat along the parallel and
//   (1 - e^2 sin^2 lat)^1.5 / ((1 - e^2) cos lat) along the meridian: at 60 N, 1.994973 and
//   1.998334, so the largest error is 99.83 %.
#include "gdal/dataset.hpp"
#include "join/evidence.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace coverage;

namespace {

std::string wkt_of(const char* code)
{
    gdal::ensure_registered();
    return gdal::srs_wkt(gdal::make_srs(code));
}

} // namespace

TEST_CASE("max_scale_error: UTM on its central meridian is off by 1 - k0 = 0.04 %")
{
    const double err = max_scale_error(wkt_of("EPSG:25832"), {9.0, 48.0, 9.0, 54.0});
    CHECK(err == doctest::Approx(0.0004).epsilon(1e-6));
    CHECK(err <= max_working_scale_error);
}

TEST_CASE("max_scale_error: Web Mercator at 60 N is 1.9983 (99.83 % off), refused as a working CRS")
{
    const double e2 = 0.00669437999014, s2 = 0.75, c = 0.5;
    const double meridian = std::pow(1 - e2 * s2, 1.5) / ((1 - e2) * c);
    const double parallel = std::sqrt(1 - e2 * s2) / c;
    REQUIRE(meridian == doctest::Approx(1.998334).epsilon(1e-6));
    REQUIRE(parallel == doctest::Approx(1.994973).epsilon(1e-6));
    const double err = max_scale_error(wkt_of("EPSG:3857"), {10.0, 60.0, 10.0, 60.0});
    CHECK(err == doctest::Approx(meridian - 1).epsilon(1e-5));
    CHECK(err > max_working_scale_error);
}

TEST_CASE("max_scale_error: the worst of the extent's corners counts")
{
    // Jena alone: 3857 is 1/cos(50.9) ~ 1.59; EPSG:25832 is a few ppm off there.
    CHECK(max_scale_error(wkt_of("EPSG:3857"), {11.5, 50.85, 11.7, 51.0}) > 0.58);
    CHECK(max_scale_error(wkt_of("EPSG:25832"), {11.5, 50.85, 11.7, 51.0}) < 1e-4);
    // A box from 9 E to 21 E at 0 N: 12 degrees east of zone 32's meridian, where UTM's
    // scale k0 (1 + dlon^2 / 2) = 0.9996 (1 + 0.2094^2 / 2) ~ 1.0215 is far beyond 0.5 %.
    CHECK(max_scale_error(wkt_of("EPSG:25832"), {9.0, 0.0, 21.0, 0.0}) > 0.02);
}
