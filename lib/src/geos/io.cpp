#include "geos/io.hpp"
#include "geos/strtree.hpp"

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

StrTree::StrTree(const Context& ctx, std::size_t node_capacity) : ctx_(ctx)
{
    tree_ = GEOSSTRtree_create_r(ctx.get(), node_capacity);
    if (!tree_) throw std::runtime_error("GEOS: cannot create an STRtree: " + ctx.last_error());
}

StrTree::~StrTree() { GEOSSTRtree_destroy_r(ctx_.get(), tree_); }

void StrTree::insert(const GEOSGeometry* g, std::size_t index)
{
    // The item is the index itself (+1, so index 0 is not a null pointer). The envelopes are
    // kept alive for the tree's lifetime: GEOS documents that inserted geometries must be.
    envelopes_.push_back(checked(ctx_, GEOSEnvelope_r(ctx_.get(), g), "envelope"));
    GEOSSTRtree_insert_r(ctx_.get(), tree_, envelopes_.back().get(), reinterpret_cast<void*>(index + 1));
}

namespace {
extern "C" void collect(void* item, void* userdata)
{
    static_cast<std::vector<std::size_t>*>(userdata)->push_back(reinterpret_cast<std::size_t>(item) - 1);
}
} // namespace

std::vector<std::size_t> StrTree::query(const GEOSGeometry* g) const
{
    std::vector<std::size_t> out;
    GEOSSTRtree_query_r(ctx_.get(), tree_, g, collect, &out);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace coverage::geos
