#include "geos/io.hpp"

#include <algorithm>
#include <cstdarg>
#include <stdexcept>

namespace coverage::geos {

Geom checked(const Context& ctx, GEOSGeometry* g, const char* what)
{
    if (!g) throw std::runtime_error(std::string("GEOS: ") + what + " failed: " + ctx.last_error());
    return Geom(g, GeomDeleter{ctx.get()});
}

Geom point(const Context& ctx, double x, double y)
{
    return checked(ctx, GEOSGeom_createPointFromXY_r(ctx.get(), x, y), "point");
}

Geom from_wkb(const Context& ctx, const unsigned char* wkb, std::size_t size)
{
    GEOSWKBReader* r = GEOSWKBReader_create_r(ctx.get());
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx.get(), r, wkb, size);
    GEOSWKBReader_destroy_r(ctx.get(), r);
    return checked(ctx, g, "reading WKB");
}

std::string to_wkb(const Context& ctx, const GEOSGeometry* g)
{
    GEOSWKBWriter* w = GEOSWKBWriter_create_r(ctx.get());
    GEOSWKBWriter_setOutputDimension_r(ctx.get(), w, 2);
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx.get(), w, g, &size);
    GEOSWKBWriter_destroy_r(ctx.get(), w);
    if (!buf) throw std::runtime_error("GEOS: writing WKB failed: " + ctx.last_error());
    std::string out(reinterpret_cast<const char*>(buf), size);
    GEOSFree_r(ctx.get(), buf);
    return out;
}

} // namespace coverage::geos
