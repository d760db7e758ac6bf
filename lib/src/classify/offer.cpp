#include "classify/offer.hpp"

#include <charconv>
#include <fmt/format.h>

namespace coverage {

// Howard Hinnant's days_from_civil algorithm (public domain description of the
// proleptic Gregorian calendar), written out here for our Day type.
Day days_from_civil(int year, unsigned month, unsigned day)
{
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

namespace {

struct Civil {
    int year;
    unsigned month;
    unsigned day;
};

Civil civil_from_days(Day z0)
{
    const int z = z0 + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2 ? 1 : 0), m, d};
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m)
{
    static constexpr unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : len[m - 1];
}

bool parse_uint(std::string_view s, unsigned& out)
{
    if (s.empty() || s.size() > 4) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::optional<Day> make_day(unsigned y, unsigned m, unsigned d)
{
    // Plans and reference dates are about this century's networks; a year like 27 or 20270
    // is a typing error, not a date.
    if (y < 1990 || y > 2100 || m < 1 || m > 12) return std::nullopt;
    const int year = static_cast<int>(y);
    if (d < 1 || d > days_in_month(year, m)) return std::nullopt;
    return days_from_civil(year, m, d);
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool two_digits(std::string_view s, unsigned max, unsigned& out)
{
    return s.size() == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && parse_uint(s, out) &&
           out <= max;
}

// "HH:MM", "HH:MM:SS", "HH:MM:SS.fff", each optionally with "Z" or "+HH:MM" / "-HH:MM".
bool valid_time(std::string_view t)
{
    unsigned v = 0;
    if (!t.empty() && t.back() == 'Z') t.remove_suffix(1);
    else if (t.size() > 6 && (t[t.size() - 6] == '+' || t[t.size() - 6] == '-')) {
        const std::string_view zone = t.substr(t.size() - 5);
        if (zone[2] != ':' || !two_digits(zone.substr(0, 2), 14, v) || !two_digits(zone.substr(3, 2), 59, v))
            return false;
        t.remove_suffix(6);
    }
    if (t.size() < 5 || t[2] != ':' || !two_digits(t.substr(0, 2), 23, v) || !two_digits(t.substr(3, 2), 59, v))
        return false;
    if (t.size() == 5) return true;
    if (t.size() < 8 || t[5] != ':' || !two_digits(t.substr(6, 2), 60, v)) return false;
    if (t.size() == 8) return true;
    if (t[8] != '.' || t.size() == 9) return false;
    for (char c : t.substr(9))
        if (c < '0' || c > '9') return false;
    return true;
}

} // namespace

std::string format_day(Day d)
{
    const Civil c = civil_from_days(d);
    return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<Day> parse_iso_date(std::string_view text)
{
    text = trim(text);
    unsigned y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!parse_uint(text.substr(0, 4), y) || !parse_uint(text.substr(5, 2), m) || !parse_uint(text.substr(8, 2), d))
        return std::nullopt;
    return make_day(y, m, d);
}

std::optional<Day> parse_planned_date(std::string_view text)
{
    text = trim(text);
    unsigned y = 0, m = 0, d = 0;
    if (text.size() == 4 && parse_uint(text, y)) return make_day(y, 12, 31);
    // "2027.0" from spreadsheets that stored the year as a number.
    if (text.size() == 6 && text.substr(4) == ".0" && parse_uint(text.substr(0, 4), y)) return make_day(y, 12, 31);
    if (text.size() == 7 && text[4] == '-' && parse_uint(text.substr(0, 4), y) && parse_uint(text.substr(5, 2), m)) {
        if (m < 1 || m > 12) return std::nullopt;
        return make_day(y, m, days_in_month(static_cast<int>(y), m));
    }
    if (text.size() == 10 && text[2] == '.' && text[5] == '.' && parse_uint(text.substr(0, 2), d) &&
        parse_uint(text.substr(3, 2), m) && parse_uint(text.substr(6, 4), y))
        return make_day(y, m, d);
    // ISO date, or a spreadsheet's 2027/06/30 (GDAL's text of an XLSX date cell), optionally
    // followed by a valid time of day ("2027-06-30T00:00:00", "2027/06/30 00:00:00"); anything
    // else after the date ("2027-06-30 this is not a date", "T99:99:99") is not a date.
    if (text.size() < 10 || text[4] != text[7] || (text[4] != '-' && text[4] != '/')) return std::nullopt;
    if (text.size() > 10 && ((text[10] != 'T' && text[10] != ' ') || !valid_time(text.substr(11)))) return std::nullopt;
    if (!parse_uint(text.substr(0, 4), y) || !parse_uint(text.substr(5, 2), m) || !parse_uint(text.substr(8, 2), d))
        return std::nullopt;
    return make_day(y, m, d);
}

std::uint32_t ProviderTable::intern(std::string_view name)
{
    if (slots_.empty() || names_.size() * 2 >= slots_.size()) {
        std::vector<std::uint32_t> grown(slots_.empty() ? 64 : slots_.size() * 2, UINT32_MAX);
        const std::size_t mask = grown.size() - 1;
        for (std::uint32_t id = 0; id < names_.size(); ++id) {
            std::size_t h = std::hash<std::string_view>{}(names_[id]) & mask;
            while (grown[h] != UINT32_MAX) h = (h + 1) & mask;
            grown[h] = id;
        }
        slots_ = std::move(grown);
    }
    const std::size_t mask = slots_.size() - 1;
    std::size_t h = std::hash<std::string_view>{}(name)&mask;
    while (slots_[h] != UINT32_MAX) {
        if (names_[slots_[h]] == name) return slots_[h];
        h = (h + 1) & mask;
    }
    const auto id = static_cast<std::uint32_t>(names_.size());
    names_.emplace_back(name);
    slots_[h] = id;
    return id;
}

} // namespace coverage
