#pragma once
// The canonical technology vocabulary (README "Offers"; docs/architecture.md, classify) and the mappings importers
// need.
#include <cstdint>
#include <optional>
#include <string_view>

namespace coverage {

enum class Technology : std::uint8_t {
    ftth,
    fttb,
    docsis31,
    docsis30,
    vdsl,
    adsl,
    fwa_licensed,
    fwa_unlicensed,
    g5, // "5g": an identifier cannot start with a digit
    lte,
    satellite_geo,
    satellite_leo,
    other,
};
inline constexpr int technology_count = 13;

/// Canonical lower-case word ("ftth", "5g", ...).
std::string_view technology_name(Technology t);

/// Parses a canonical word or a common alias (case-insensitive: "FTTH", "fibre", "VDSL2",
/// "supervectoring", "cable", "DOCSIS 3.1", "FWA", ...). Empty optional when unknown.
std::optional<Technology> parse_technology(std::string_view word);

/// FCC Broadband Data Collection technology codes: 0 other, 10 copper, 40 cable,
/// 50 fibre, 60 GSO satellite, 61 NGSO satellite, 70 unlicensed FW, 71 licensed FW,
/// 72 licensed-by-rule FW. Copper maps to vdsl and cable to docsis30: the BDC code does not
/// tell the generation, the advertised speed decides the tier.
std::optional<Technology> technology_from_fcc_code(int code);

enum class Status : std::uint8_t { existing, planned, under_review };
std::string_view status_name(Status s);
std::optional<Status> parse_status(std::string_view word);

} // namespace coverage
