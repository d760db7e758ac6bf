#include "coverage/offer_reader.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <charconv>
#include <fmt/format.h>

namespace coverage {
namespace {

struct Columns {
    bool fcc = false;
    int id = -1, provider = -1, technology = -1, down = -1, up = -1, latency = -1, low_latency = -1, status = -1,
        planned = -1;
};

int pick(const TableReader& in, const std::string& given, const char* option,
         std::initializer_list<std::string_view> detect, bool required, std::string_view what)
{
    if (!given.empty()) {
        const int c = in.column(given);
        if (c < 0)
            throw InputError(fmt::format("{}: no column '{}' ({}); columns are: {}", in.path(), given, option,
                                         fmt::join(in.columns(), ", ")));
        return c;
    }
    const int c = in.first_column(detect);
    if (c < 0 && required)
        throw InputError(fmt::format("{}: no {} column (looked for {}); name it with {} (columns are: {})", in.path(),
                                     what, fmt::join(detect, ", "), option, fmt::join(in.columns(), ", ")));
    return c;
}

Columns resolve(const TableReader& in, const OfferFields& f)
{
    Columns c;
    // FCC Broadband Data Collection availability files, both header generations.
    if (in.column("max_advertised_download_speed") >= 0 && in.column("location_id") >= 0) {
        c.fcc = true;
        c.id = pick(in, f.address_id, "--offer-id-field", {"location_id"}, true, "location id");
        c.provider = pick(in, f.provider, "--provider-field", {"provider_id"}, true, "provider");
        c.technology = pick(in, f.technology, "--technology-field", {"technology_code", "technology"}, true,
                            "technology");
        c.down = pick(in, f.down, "--down-field", {"max_advertised_download_speed"}, true, "download speed");
        c.up = pick(in, f.up, "--up-field", {"max_advertised_upload_speed"}, true, "upload speed");
        c.low_latency = pick(in, f.low_latency, "--low-latency-field", {"low_latency"}, false, "low latency");
        return c;
    }
    c.id = pick(in, f.address_id, "--offer-id-field", {"address_id", "location_id", "uprn", "adress_id"}, true,
                "address id");
    c.provider = pick(in, f.provider, "--provider-field", {"provider", "operator", "netzbetreiber", "anbieter"}, true,
                      "provider");
    c.technology = pick(in, f.technology, "--technology-field", {"technology", "technologie", "tech"}, true,
                        "technology");
    c.down = pick(in, f.down, "--down-field", {"down_mbps", "download_mbps", "down", "download"}, true,
                  "download speed");
    c.up = pick(in, f.up, "--up-field", {"up_mbps", "upload_mbps", "up", "upload"}, false, "upload speed");
    c.latency = pick(in, f.latency, "--latency-field", {"latency_ms", "latency"}, false, "latency");
    c.low_latency = pick(in, f.low_latency, "--low-latency-field", {"low_latency"}, false, "low latency");
    c.status = pick(in, f.status, "--status-field", {"status"}, false, "status");
    c.planned = pick(in, f.planned, "--planned-field", {"planned_year", "planned_date", "planned"}, false,
                     "planned date");
    return c;
}

std::optional<std::int8_t> parse_flag(std::string_view s)
{
    s = trim(s);
    if (s.empty()) return std::int8_t{-1};
    if (s == "1" || s == "true" || s == "TRUE" || s == "True" || s == "yes" || s == "y" || s == "ja") return std::int8_t{1};
    if (s == "0" || s == "false" || s == "FALSE" || s == "False" || s == "no" || s == "n" || s == "nein") return std::int8_t{0};
    return std::nullopt;
}

} // namespace

void read_offers(const std::string& path, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink)
{
    auto in = TableReader::open(path, options.read);
    account.role = "offers";
    account.file = path;
    account.sha256 = file_sha256(path);
    const Columns c = resolve(*in, options.fields);
    const std::size_t ncols = in->columns().size();
    const auto& cols = in->columns();
    auto name = [&](int col) { return cols[static_cast<std::size_t>(col)]; };

    auto reject = [&](int col, std::string reason) {
        rejects.add({path, in->row_number(), col >= 0 ? name(col) : std::string(),
                     std::string(in->field(col).substr(0, 200)), std::move(reason)});
        ++account.rejected;
    };

    while (in->next()) {
        ++account.read;
        if (auto problem = in->row_problem()) {
            reject(-1, *problem);
            continue;
        }
        if (in->is_csv() && in->field_count() != ncols) {
            reject(-1, fmt::format("row has {} fields, the header has {}; check quoting and the delimiter",
                                   in->field_count(), ncols));
            continue;
        }
        Offer o;
        const std::string_view id = trim(in->field(c.id));
        if (id.empty()) {
            reject(c.id, "empty address id");
            continue;
        }
        const std::string_view provider = trim(in->field(c.provider));
        if (provider.empty()) {
            reject(c.provider, "empty provider");
            continue;
        }
        const std::string_view tech = trim(in->field(c.technology));
        if (c.fcc) {
            int code = -1;
            auto [p, ec] = std::from_chars(tech.data(), tech.data() + tech.size(), code);
            auto t = ec == std::errc() && p == tech.data() + tech.size() ? technology_from_fcc_code(code) : std::nullopt;
            if (!t) {
                reject(c.technology, "unknown FCC technology code; expected 0, 10, 40, 50, 60, 61, 70, 71 or 72");
                continue;
            }
            o.technology = *t;
        } else {
            auto t = parse_technology(tech);
            if (!t) {
                reject(c.technology, "unknown technology; use one of ftth, fttb, docsis31, docsis30, vdsl, adsl, "
                                     "fwa_licensed, fwa_unlicensed, 5g, lte, satellite_geo, satellite_leo, other");
                continue;
            }
            o.technology = *t;
        }
        bool bad = false;
        for (auto [col, target] : {std::pair{c.down, &o.down_mbps}, std::pair{c.up, &o.up_mbps},
                                   std::pair{c.latency, &o.latency_ms}}) {
            if (col < 0) continue;
            const ParsedNumber n = parse_number(in->field(col), NumberKind::quantity);
            if (!n.error.empty()) {
                reject(col, n.error);
                bad = true;
                break;
            }
            if (n.value) *target = *n.value;
        }
        if (bad) continue;
        if (c.low_latency >= 0) {
            auto flag = parse_flag(in->field(c.low_latency));
            if (!flag) {
                reject(c.low_latency, "low_latency must be 1/0, true/false or empty");
                continue;
            }
            o.low_latency = *flag;
        }
        if (c.status >= 0) {
            auto s = parse_status(in->field(c.status));
            if (!s) {
                reject(c.status, "unknown status; use existing, planned or under_review");
                continue;
            }
            o.status = *s;
        }
        if (c.planned >= 0 && o.status != Status::existing) {
            const std::string_view text = trim(in->field(c.planned));
            if (!text.empty()) {
                auto d = parse_planned_date(text);
                if (!d) {
                    reject(c.planned, "not a planned date; use a year (2027) or a date (2027-06-30)");
                    continue;
                }
                o.planned = *d;
            }
        }
        std::optional<std::uint32_t> row = addresses.find(id);
        if (!row) {
            if (!options.create_addresses) {
                reject(c.id, "unknown address id (not in the address layer)");
                continue;
            }
            row = addresses.add_id_only(id);
        }
        o.provider = providers.intern(provider);
        ++account.used;
        sink(*row, o);
    }
}

} // namespace coverage
