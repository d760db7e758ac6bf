#include "base/csv_text.hpp"

namespace coverage {

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace coverage
