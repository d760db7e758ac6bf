#pragma once
// A GEOS STRtree over items identified by their index. The tree gives candidates by
// envelope; callers decide with an exact (prepared) predicate.
#include "geos/io.hpp"

#include <cstddef>
#include <vector>

namespace coverage::geos {

class StrTree {
public:
    explicit StrTree(const Context& ctx, std::size_t node_capacity = 10);
    ~StrTree();
    StrTree(const StrTree&) = delete;
    StrTree& operator=(const StrTree&) = delete;

    /// Inserts item `index` with the envelope of `g` (the tree keeps no reference to g).
    void insert(const GEOSGeometry* g, std::size_t index);
    /// Indices whose envelope intersects `g`'s envelope, sorted ascending.
    [[nodiscard]] std::vector<std::size_t> query(const GEOSGeometry* g) const;

private:
    const Context& ctx_;
    GEOSSTRtree* tree_ = nullptr;
    std::vector<Geom> envelopes_;
};

} // namespace coverage::geos
