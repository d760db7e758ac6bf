#pragma once
// ASCII case folding, the one rule for comparing column names, keywords, extensions and
// vocabularies: only A-Z fold, so UTF-8 bytes (Straße, Glasfaser-Ausbau) pass unchanged and
// the result never depends on the process locale.
#include <string>
#include <string_view>

namespace coverage {

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool ascii_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

/// `s` with A-Z lower-cased.
inline std::string ascii_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

/// `s` without leading and trailing blanks and tabs, A-Z lower-cased.
inline std::string ascii_fold(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return ascii_lower(s);
}

} // namespace coverage
