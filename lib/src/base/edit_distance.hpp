#pragma once
// Levenshtein distance over bytes: the closest street of an unmatched address, the nearest
// known key of a misspelt TOML key.
#include <cstddef>
#include <string_view>
#include <vector>

namespace coverage {

/// The distance, or some value above `limit` as soon as it must exceed it. `prev` and `cur`
/// are scratch rows (reused across calls to avoid allocations).
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit, std::vector<std::size_t>& prev,
                             std::vector<std::size_t>& cur);
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace coverage
