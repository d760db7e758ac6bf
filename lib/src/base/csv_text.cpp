#include "base/csv_text.hpp"

#include <charconv>

namespace coverage {

namespace {

bool is_number(std::string_view s)
{
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (s.empty() || s[0] == '+') return false;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size();
}

} // namespace

bool formula_like(std::string_view s)
{
    if (s.empty()) return false;
    switch (s[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r': return true;
    case '+':
    case '-': return !is_number(s);
    default: return false;
    }
}

std::string csv_field(std::string_view s)
{
    if (formula_like(s)) {
        std::string guarded = "'";
        guarded += s;
        return csv_field_verbatim(guarded);
    }
    return csv_field_verbatim(s);
}

std::string csv_field_verbatim(std::string_view s)
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
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') &&
        formula_like(s)) {
        out += csv_field(s);
        return;
    }
    for (const char ch : s)
        if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
            out += csv_field_verbatim(s);
            return;
        }
    out += s;
}

} // namespace coverage
