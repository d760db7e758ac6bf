#include "geos/strtree.hpp"

#include <algorithm>
#include <cstdarg>
#include <stdexcept>

namespace coverage::geos {

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
