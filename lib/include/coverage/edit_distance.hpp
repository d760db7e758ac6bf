#pragma once
// "Did you mean": the one rule behind every suggestion (option and command names on the
// command line, profile and cost-model names, TOML keys), on the one Levenshtein distance
// (lib/src/base/edit_distance.hpp, also used for street names).
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// The candidate nearest to `key`: the first that contains `key` (3 characters or more) as a
/// part ("bead" -> "us-bead-2022"), else the nearest by edit distance (the first on a tie).
/// Empty when there are no candidates, or when even the nearest by edit distance differs in
/// more than `max_distance` edits.
std::string nearest_name(std::string_view key, const std::vector<std::string_view>& candidates,
                         std::size_t max_distance = std::numeric_limits<std::size_t>::max());

} // namespace coverage
