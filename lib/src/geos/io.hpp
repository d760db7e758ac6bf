#pragma once
// Checked construction of GEOS geometries (points, WKB in and out) on a Context.
#include "geos/context.hpp"

#include <cstddef>
#include <string>

namespace coverage::geos {

/// Takes ownership of a geometry returned by a GEOS call; throws std::runtime_error with
/// GEOS's message when `g` is null (the call failed).
Geom checked(const Context& ctx, GEOSGeometry* g, const char* what);

/// Point geometry at (x, y).
Geom point(const Context& ctx, double x, double y);

/// Geometry from WKB bytes (e.g. GDAL's export); throws std::runtime_error on bad input.
Geom from_wkb(const Context& ctx, const unsigned char* wkb, std::size_t size);

/// 2D WKB bytes of a geometry.
std::string to_wkb(const Context& ctx, const GEOSGeometry* g);

} // namespace coverage::geos
