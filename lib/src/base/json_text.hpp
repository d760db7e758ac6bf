#pragma once
// JSON string quoting for the hand-written, byte-stable JSON reports.
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace coverage {

inline std::string json_quote(std::string_view s)
{
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
    return out + "\"";
}

} // namespace coverage
