#include "read/column_names.hpp"

#include "base/text.hpp"
#include "coverage/error.hpp"
#include "coverage/options.hpp"

#include <array>
#include <fmt/format.h>
#include <vector>

namespace coverage {
namespace {

using N = std::string_view;
// clang-format off
constexpr N address_id[] = {"address_id", "location_id", "uprn", "adress_id"};
constexpr N provider[] = {"provider", "operator", "network_operator", "netzbetreiber", "betreiber", "anbieter",
                          "carrier", "isp"};
constexpr N technology[] = {"technology", "technologie", "tech", "technik", "access_technology",
                            "zugangstechnologie", "anschlussart"};
constexpr N down[] = {"down_mbps", "download_mbps", "down", "download", "downstream", "max_download",
                      "download_speed", "downloadgeschwindigkeit", "bandbreite_download", "bandbreite_down"};
constexpr N up[] = {"up_mbps", "upload_mbps", "up", "upload", "upstream", "max_upload", "upload_speed",
                    "uploadgeschwindigkeit", "bandbreite_upload", "bandbreite_up"};
constexpr N latency[] = {"latency_ms", "latency", "latenz", "ping"};
constexpr N low_latency[] = {"low_latency", "niedrige_latenz"};
constexpr N verified[] = {"verified", "verifiziert"};
constexpr N upgradable[] = {"upgradable"};
constexpr N status[] = {"status", "ausbaustatus", "state"};
constexpr N planned[] = {"planned_year", "planned_date", "planned", "verfügbar_ab", "ausbau_bis",
                         "fertigstellung", "geplante_fertigstellung", "inbetriebnahme", "available_from",
                         "availability_date", "rollout_date", "ausbaujahr"};
constexpr N street[] = {"street", "strasse", "straße", "strname", "street_name", "strassenname"};
constexpr N housenumber[] = {"housenumber", "hausnummer", "hnr", "hsnr", "house_number"};
constexpr N suffix[] = {"housenumber_suffix", "hausnummerzusatz", "hsnrzu", "hnrzusatz", "hausnummer_zusatz"};
constexpr N postcode[] = {"postcode", "plz", "postleitzahl", "zip", "zipcode", "postal_code"};
// clang-format on

const std::array<ColumnSpec, 15> specs{{
    {ColumnRole::address_id, "address id", "--offer-id-field", "", address_id},
    {ColumnRole::provider, "provider", "--provider-field", "", provider},
    {ColumnRole::technology, "technology", "--technology-field", "", technology},
    {ColumnRole::down, "download speed", "--down-field", "Mbit/s", down},
    {ColumnRole::up, "upload speed", "--up-field", "Mbit/s", up},
    {ColumnRole::latency, "latency", "--latency-field", "ms", latency},
    {ColumnRole::low_latency, "low latency", "--low-latency-field", "", low_latency},
    {ColumnRole::verified, "verified", "--verified-field", "", verified},
    {ColumnRole::upgradable, "upgradable", "--upgradable-field", "", upgradable},
    {ColumnRole::status, "status", "--status-field", "", status},
    {ColumnRole::planned, "planned date", "--planned-field", "", planned},
    {ColumnRole::street, "street", "--street-field", "", street},
    {ColumnRole::housenumber, "house number", "--housenumber-field", "", housenumber},
    {ColumnRole::housenumber_suffix, "house number suffix", "--housenumber-suffix-field", "", suffix},
    {ColumnRole::postcode, "postcode", "--postcode-field", "", postcode},
}};

// The bracketed tail of a header ("Download (Mbit/s)" -> "Mbit/s"), empty if none.
std::string_view bracket_unit(std::string_view header)
{
    while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) header.remove_suffix(1);
    if (header.empty() || (header.back() != ')' && header.back() != ']')) return {};
    const char open = header.back() == ')' ? '(' : '[';
    const auto at = header.rfind(open);
    if (at == std::string_view::npos) return {};
    return header.substr(at + 1, header.size() - at - 2);
}

std::string squeeze_unit(std::string_view unit)
{
    std::string out;
    for (char c : unit)
        if (c != ' ' && c != '/' && c != '-' && c != '_' && c != '.') out.push_back(ascii_lower(c));
    return out;
}

bool unit_matches(std::string_view role_unit, std::string_view header_unit)
{
    const std::string u = squeeze_unit(header_unit);
    if (role_unit == "Mbit/s") return u == "mbits" || u == "mbps" || u == "mbit" || u == "mbs" || u == "mbsec";
    if (role_unit == "ms") return u == "ms" || u == "msec" || u == "millisekunden" || u == "milliseconds";
    return true;
}

} // namespace

const ColumnSpec& column_spec(ColumnRole role) { return specs[static_cast<std::size_t>(role)]; }

std::string column_key(std::string_view header)
{
    const std::string_view unit = bracket_unit(header);
    if (!unit.empty() || (!header.empty() && (header.back() == ')' || header.back() == ']'))) {
        const auto at = header.rfind(header.back() == ')' ? '(' : '[');
        if (at != std::string_view::npos) header = header.substr(0, at);
    }
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const char c = header[i];
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '\t') continue;
        // UTF-8 umlauts and sharp s as their German transliteration.
        if (c == '\xC3' && i + 1 < header.size()) {
            const char n = header[i + 1];
            const char* t = n == '\xA4' || n == '\x84'   ? "ae"
                            : n == '\xB6' || n == '\x96' ? "oe"
                            : n == '\xBC' || n == '\x9C' ? "ue"
                            : n == '\x9F'                ? "ss"
                                                         : nullptr;
            if (t) {
                out += t;
                ++i;
                continue;
            }
        }
        out.push_back(ascii_lower(c));
    }
    return out;
}

int find_column(const TableReader& in, ColumnRole role, const std::string& given, bool required,
                std::string_view option)
{
    const ColumnSpec& spec = column_spec(role);
    if (option.empty()) option = spec.option;
    const auto& cols = in.columns();
    int found = -1;
    if (!given.empty()) {
        found = in.column(given);
        if (found < 0)
            throw InputError(fmt::format("{}: no column '{}' ({}); columns are: {}{}", in.path(), given, option,
                                         fmt::join(cols, ", "), header_hint(in)));
    } else {
        for (const auto name : spec.names) {
            const std::string key = column_key(name);
            for (std::size_t i = 0; i < cols.size() && found < 0; ++i)
                if (column_key(cols[i]) == key) found = static_cast<int>(i);
            if (found >= 0) break;
        }
    }
    if (found < 0) {
        if (required)
            throw InputError(fmt::format("{}: no {} column (accepted names: {}; case, spaces and a unit in brackets "
                                         "are ignored); name it with {} (columns are: {}){}",
                                         in.path(), spec.what, fmt::join(spec.names, ", "), option,
                                         fmt::join(cols, ", "), header_hint(in)));
        return -1;
    }
    const std::string_view unit = bracket_unit(cols[static_cast<std::size_t>(found)]);
    if (!spec.unit.empty() && !unit.empty() && !unit_matches(spec.unit, unit))
        throw InputError(fmt::format("{}: column '{}' is in {}, but the {} is read in {}; convert the column to {} "
                                     "(values are never rescaled silently)",
                                     in.path(), cols[static_cast<std::size_t>(found)], unit, spec.what, spec.unit,
                                     spec.unit));
    return found;
}

std::string offer_column_names_help()
{
    std::string out = "accepted offer column names (case, spaces, '_', '-', '.', a unit in brackets such as\n"
                      "\"Download (Mbit/s)\" and ä/ae, ö/oe, ü/ue, ß/ss are ignored; the first present is used):\n";
    auto wrapped = [&](std::string_view label, const std::vector<std::string_view>& words) {
        std::string line = fmt::format("  {:<21}", label);
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string word = std::string(words[i]) + (i + 1 < words.size() ? "," : "");
            if (line.size() + 1 + word.size() > 100 && line.size() > 23) {
                out += line + "\n";
                line = std::string(23, ' ');
            } else if (line.size() > 23) {
                line += ' ';
            }
            line += word;
        }
        out += line + "\n";
    };
    for (const auto& s : specs) wrapped(s.what, {s.names.begin(), s.names.end()});
    out += "accepted values (also in German; a word not listed is a reject, never a guess):\n";
    wrapped("technology",
            {"ftth (fibre, fiber, FTTP, Glasfaser)", "fttb (Glasfaser FTTB)", "docsis31 (Kabel DOCSIS 3.1)",
             "docsis30 (Kabel, cable, HFC, Koax)", "vdsl (VDSL2, vectoring, FTTC, Kupfer)", "adsl (DSL)",
             "fwa_licensed (Richtfunk)", "fwa_unlicensed", "5g", "lte (4G)", "satellite_geo (Satellit)",
             "satellite_leo", "other (sonstige)"});
    wrapped("status", {"existing (vorhanden, in Betrieb, verfügbar)", "planned (geplant, in Planung, im Bau)",
                       "under_review (in Prüfung)"});
    wrapped("planned date", {"2027 (end of year)", "2027-06 (end of month)", "2027-06-30", "2027/06/30", "30.06.2027",
                             "years 1990..2100; a planned row needs one"});
    wrapped("speeds", {"Mbit/s, 0..100000", "latency ms, 0..10000"});
    return out;
}

} // namespace coverage
