#pragma once
// Levenshtein distance and "did you mean" suggestions: the one implementation used for
// profile keys and names, option names on the command line, and street names when matching
// postal addresses.
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// Levenshtein distance over bytes (insert, delete, substitute: 1 each).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// As edit_distance, but may stop early with any value > `limit` once the distance must
/// exceed it. `prev`/`cur` are scratch buffers the caller reuses across calls.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit,
                                  std::vector<std::size_t>& prev, std::vector<std::size_t>& cur);

/// The candidate nearest to `key`: the first that contains `key` (3 characters or more) as a
/// part ("bead" -> "us-bead-2022"), else the nearest by edit_distance (the first on a tie).
/// Empty when there are no candidates, or when even the nearest by edit_distance differs in
/// more than `max_distance` edits.
std::string nearest_name(std::string_view key, const std::vector<std::string_view>& candidates,
                         std::size_t max_distance = std::numeric_limits<std::size_t>::max());

} // namespace coverage
