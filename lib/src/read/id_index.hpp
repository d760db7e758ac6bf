#pragma once
// A hash set of a result table's rows keyed by their id, without a second copy of the ids:
// rows are stored as numbers, hashed and compared through the id column, and looked up by an
// id's text. Used by read_results (duplicate ids) and diff (matching OLD and NEW).
#include "coverage/results.hpp"

#include <absl/container/flat_hash_set.h>
#include <cstdint>
#include <functional>
#include <string_view>

namespace coverage {

struct IdHash {
    using is_transparent = void;
    const TextColumn* ids;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    std::size_t operator()(std::uint32_t row) const { return (*this)((*ids)[row]); }
};

struct IdEq {
    using is_transparent = void;
    const TextColumn* ids;
    [[nodiscard]] std::string_view view(std::string_view s) const { return s; }
    [[nodiscard]] std::string_view view(std::uint32_t row) const { return (*ids)[row]; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const
    {
        return view(a) == view(b);
    }
};

using IdIndex = absl::flat_hash_set<std::uint32_t, IdHash, IdEq>;

/// An empty index over `ids` (which must outlive it); insert row numbers as rows are added.
inline IdIndex id_index(const TextColumn& ids) { return IdIndex(0, IdHash{&ids}, IdEq{&ids}); }

} // namespace coverage
