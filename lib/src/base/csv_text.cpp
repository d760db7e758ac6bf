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

void append_csv_field(std::string& out, std::string_view s)
{
    for (const char ch : s)
        if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
            out += csv_field(s);
            return;
        }
    out += s;
}

} // namespace coverage
