#pragma once
// Number parsing for what people really send: decimal commas, stray spaces, and the
// thousands separators that make "1.000" mean one thing in Jena and another in Maine.
#include <optional>
#include <string>
#include <string_view>

namespace coverage {

enum class NumberKind {
    coordinate, // any finite value; '.' or ',' as the decimal mark
    quantity,   // >= 0 (speeds, latency, units); digit groups like "1.000" are refused as ambiguous
};

struct ParsedNumber {
    std::optional<double> value; // empty when the text is empty (not reported)
    std::string error;           // non-empty when the text is not a usable number
};

/// Parses `text`. Empty (after trimming) gives no value and no error.
ParsedNumber parse_number(std::string_view text, NumberKind kind);

std::string_view trim(std::string_view s);

} // namespace coverage
