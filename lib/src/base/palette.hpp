#pragma once
// The class colours of every map this tool makes (the QGIS style of classify outputs, and the
// report): Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
// Vermillion for the worst class of every regime, orange for the middle, blue for served;
// the rest of the palette for the other regimes' words.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace coverage {

/// "#RRGGBB" of a class word the palette knows (white, grey, served, black, unserved, ...).
std::optional<std::string> known_class_colour(std::string_view word);

/// "#RRGGBB" of a class word; a word the palette does not know takes the remaining colours
/// in turn by `position` (count the unknown words from 0 for distinct colours).
std::string class_colour(std::string_view word, std::size_t position);

} // namespace coverage
