#include "coverage/technology.hpp"
#include "base/text.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace coverage {
namespace {

// clang-format off
constexpr std::array<std::string_view, technology_count> names{
    "ftth", "fttb", "docsis31", "docsis30", "vdsl", "adsl", "fwa_licensed", "fwa_unlicensed",
    "5g", "lte", "satellite_geo", "satellite_leo", "other"};

// Aliases seen in operator deliveries, compared after lower-casing and dropping ' ', '-',
// '.', '_' and '/'. Deliberately conservative: a word we do not know is a reject, not a guess.
constexpr std::array<std::pair<std::string_view, Technology>, 47> aliases{{
    {"ftth", Technology::ftth},           {"fttp", Technology::ftth},
    {"fttx", Technology::ftth},           {"fibre", Technology::ftth},
    {"fiber", Technology::ftth},          {"glasfaser", Technology::ftth},
    {"fttbh", Technology::fttb},          {"fttb", Technology::fttb},
    {"docsis31", Technology::docsis31},   {"docsis30", Technology::docsis30},
    {"cable", Technology::docsis30},      {"hfc", Technology::docsis30},
    {"vdsl", Technology::vdsl},           {"vdsl2", Technology::vdsl},
    {"vectoring", Technology::vdsl},      {"supervectoring", Technology::vdsl},
    {"gfast", Technology::vdsl},          {"fttc", Technology::vdsl},
    {"adsl", Technology::adsl},           {"adsl2", Technology::adsl},
    {"adsl2+", Technology::adsl},         {"dsl", Technology::adsl},
    {"fwalicensed", Technology::fwa_licensed},
    {"fwaunlicensed", Technology::fwa_unlicensed},
    {"5g", Technology::g5},               {"lte", Technology::lte},
    {"4g", Technology::lte},              {"satellitegeo", Technology::satellite_geo},
    {"satelliteleo", Technology::satellite_leo},
    {"other", Technology::other},         {"sonstige", Technology::other},
    {"copper", Technology::vdsl},
    // German words of operator lists and the Breitbandatlas. Cable without its DOCSIS version
    // counts as 3.0 (not gigabit-capable): the conservative reading.
    {"kabel", Technology::docsis30},      {"koax", Technology::docsis30},
    {"koaxial", Technology::docsis30},    {"kabeldocsis30", Technology::docsis30},
    {"kabeldocsis31", Technology::docsis31},
    {"glasfaserftth", Technology::ftth},  {"glasfaserfttb", Technology::fttb},
    {"richtfunk", Technology::fwa_licensed},
    {"satellit", Technology::satellite_geo},
    {"kupfer", Technology::vdsl},         {"vdslvectoring", Technology::vdsl},
    {"fibretothehome", Technology::ftth}, {"fibertothehome", Technology::ftth},
    {"fibretothebuilding", Technology::fttb}, {"fibertothebuilding", Technology::fttb},
}};
// clang-format on

std::string squeeze(std::string_view word)
{
    std::string out;
    out.reserve(word.size());
    for (char c : word) {
        if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '/' || c == '(' || c == ')') continue;
        out.push_back(ascii_lower(c));
    }
    return out;
}

} // namespace

std::string_view technology_name(Technology t) { return names[static_cast<std::size_t>(t)]; }

std::optional<Technology> parse_technology(std::string_view word)
{
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == word) return static_cast<Technology>(i);
    const std::string key = squeeze(word);
    for (const auto& [alias, tech] : aliases)
        if (alias == key) return tech;
    return std::nullopt;
}

std::optional<Technology> technology_from_fcc_code(int code)
{
    switch (code) {
    case 0: return Technology::other;
    case 10: return Technology::vdsl;
    case 40: return Technology::docsis30;
    case 50: return Technology::ftth;
    case 60: return Technology::satellite_geo;
    case 61: return Technology::satellite_leo;
    case 70: return Technology::fwa_unlicensed;
    case 71:
    case 72: return Technology::fwa_licensed;
    default: return std::nullopt;
    }
}

std::string_view status_name(Status s)
{
    switch (s) {
    case Status::existing: return "existing";
    case Status::planned: return "planned";
    case Status::under_review: return "under_review";
    }
    return "existing";
}

std::optional<Status> parse_status(std::string_view word)
{
    const std::string key = squeeze(word);
    if (key.empty() || key == "existing" || key == "served" || key == "live" || key == "ist" || key == "vorhanden" ||
        key == "bestand" || key == "verfügbar" || key == "verfuegbar" || key == "inbetrieb" || key == "aktiv" ||
        key == "available")
        return Status::existing;
    if (key == "planned" || key == "plan" || key == "geplant" || key == "planung" || key == "inplanung" ||
        key == "imbau" || key == "inbau" || key == "underconstruction")
        return Status::planned;
    if (key == "underreview" || key == "review" || key == "unverified" || key == "inprüfung" || key == "inpruefung" ||
        key == "prüfung" || key == "pruefung")
        return Status::under_review;
    return std::nullopt;
}

} // namespace coverage
