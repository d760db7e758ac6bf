#pragma once
// One piece of evidence that a provider serves (or will serve) an address, whatever its
// source (availability report row, footprint polygon, route). Speeds in Mbit/s; NaN means
// "not reported", which meets no speed criterion (BEAD: missing speeds are unserved).
#include "coverage/technology.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// Days since 1970-01-01 (proleptic Gregorian). `no_date` when a plan names none.
using Day = std::int32_t;
inline constexpr Day no_date = std::numeric_limits<Day>::min();

Day days_from_civil(int year, unsigned month, unsigned day);
std::string format_day(Day d); // YYYY-MM-DD

/// Parses "2027" (end of that year: 2027-12-31), "2027-06", "2027-06-30", "2027/06/30" (XLSX
/// date cells), "30.06.2027", a date followed by a valid time ("2027-06-30T12:00:00Z"). Years
/// 1990..2100. Empty optional when unparseable, impossible (2027-02-30, T99:99:99) or followed
/// by anything else.
std::optional<Day> parse_planned_date(std::string_view text);
/// Parses an ISO date YYYY-MM-DD exactly.
std::optional<Day> parse_iso_date(std::string_view text);

struct Offer {
    std::uint32_t provider = 0; // interned, see ProviderTable
    Technology technology = Technology::other;
    Status status = Status::existing;
    std::int8_t low_latency = -1; // -1 not reported, 0 no, 1 yes
    std::int8_t verified = -1;    // `verified` column: -1 not said, 0 no, 1 evidence accepted
    std::int8_t upgradable = -1;  // `upgradable` column: -1 not said, 0 no, 1 yes
    double down_mbps = std::numeric_limits<double>::quiet_NaN();
    double up_mbps = std::numeric_limits<double>::quiet_NaN();
    double latency_ms = std::numeric_limits<double>::quiet_NaN();
    Day planned = no_date;
};

/// Interns provider names so offers carry a 32-bit id and networks compare by integer.
class ProviderTable {
public:
    std::uint32_t intern(std::string_view name);
    [[nodiscard]] const std::string& name(std::uint32_t id) const { return names_[id]; }
    [[nodiscard]] std::size_t size() const { return names_.size(); }

private:
    std::vector<std::string> names_;
    std::vector<std::uint32_t> slots_; // open addressing over names_, power-of-two size
};

} // namespace coverage
