#include "coverage/numbers.hpp"

#include <cmath>
#include <fast_float/fast_float.h>
#include <fmt/format.h>

namespace coverage {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

namespace {

// "1.000", "12.500.000", "1,000": one to three digits, then groups of exactly three.
bool looks_grouped(std::string_view s, char sep)
{
    const auto first = s.find(sep);
    if (first == std::string_view::npos || first == 0 || first > 3) return false;
    std::size_t i = first;
    while (i < s.size()) {
        if (s[i] != sep || i + 4 > s.size()) return false;
        for (std::size_t k = 1; k <= 3; ++k)
            if (s[i + k] < '0' || s[i + k] > '9') return false;
        i += 4;
    }
    for (std::size_t k = 0; k < first; ++k)
        if (s[k] < '0' || s[k] > '9') return false;
    return true;
}

} // namespace

ParsedNumber parse_number(std::string_view text, NumberKind kind)
{
    ParsedNumber out;
    std::string_view s = trim(text);
    if (s.empty()) return out;
    if (kind == NumberKind::quantity && (looks_grouped(s, '.') || looks_grouped(s, ','))) {
        out.error = fmt::format("'{}' is ambiguous (a thousands separator or a decimal mark?); write the "
                                "number without digit grouping, e.g. 1000 or 1.5",
                                s);
        return out;
    }
    std::string buf(s);
    const auto comma = buf.find(',');
    if (comma != std::string::npos) {
        if (buf.find('.') != std::string::npos || buf.find(',', comma + 1) != std::string::npos) {
            out.error = fmt::format("'{}' is not a number (mixes '.' and ','); use one decimal mark", s);
            return out;
        }
        buf[comma] = '.';
    }
    const char* first = buf.data();
    const char* last = buf.data() + buf.size();
    if (*first == '+') ++first;
    double v = 0;
    const auto res = fast_float::from_chars(first, last, v);
    if (res.ec != std::errc() || res.ptr != last) {
        out.error = fmt::format("'{}' is not a number", s);
        return out;
    }
    if (!std::isfinite(v)) {
        out.error = fmt::format("'{}' is not a finite number", s);
        return out;
    }
    if (kind == NumberKind::quantity && v < 0) {
        out.error = fmt::format("'{}' is negative", s);
        return out;
    }
    out.value = v;
    return out;
}

} // namespace coverage
