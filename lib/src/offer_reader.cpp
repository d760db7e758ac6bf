#include "coverage/offer_reader.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <fmt/format.h>

namespace coverage {
namespace {

int pick(const TableReader& in, const std::string& given, const char* option,
         std::initializer_list<std::string_view> detect, bool required, std::string_view what)
{
    if (!given.empty()) {
        const int c = in.column(given);
        if (c < 0)
            throw InputError(fmt::format("{}: no column '{}' ({}); columns are: {}{}", in.path(), given, option,
                                         fmt::join(in.columns(), ", "), header_hint(in)));
        return c;
    }
    const int c = in.first_column(detect);
    if (c < 0 && required)
        throw InputError(fmt::format("{}: no {} column (looked for {}); name it with {} (columns are: {}){}", in.path(),
                                     what, fmt::join(detect, ", "), option, fmt::join(in.columns(), ", "),
                                     header_hint(in)));
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

constexpr std::string_view constant_keys[] = {"provider", "technology", "down_mbps", "up_mbps", "latency_ms",
                                              "low_latency", "status", "planned_year"};

} // namespace

std::pair<std::string, OfferConstants> split_source_spec(const std::string& spec)
{
    const auto hash = spec.rfind('#');
    if (hash == std::string::npos) return {spec, {}};
    OfferConstants constants;
    std::string rest = spec.substr(hash + 1);
    std::size_t start = 0;
    while (start < rest.size()) {
        auto comma = rest.find(',', start);
        if (comma == std::string::npos) comma = rest.size();
        const std::string item = rest.substr(start, comma - start);
        const auto eq = item.find('=');
        const std::string key = std::string(trim(item.substr(0, eq)));
        if (eq == std::string::npos || std::find(std::begin(constant_keys), std::end(constant_keys), key) ==
                                           std::end(constant_keys))
            throw UsageError(fmt::format("'{}': after '#' give key=value pairs with keys {}", spec,
                                         fmt::join(constant_keys, ", ")));
        constants.emplace_back(key, std::string(trim(item.substr(eq + 1))));
        start = comma + 1;
    }
    return {spec.substr(0, hash), constants};
}

OfferParser::OfferParser(const TableReader& in, const OfferFields& f, const OfferConstants& constants, OfferKey keyed_by)
{
    const bool need_id = keyed_by == OfferKey::address_id;
    const bool report = keyed_by != OfferKey::none;
    auto constant = [&](std::string_view key) {
        for (const auto& [k, v] : constants)
            if (k == key) return v;
        return std::string();
    };
    auto has = [&](std::string_view key) {
        for (const auto& kv : constants)
            if (kv.first == key) return true;
        return false;
    };
    // FCC Broadband Data Collection availability files, both header generations.
    if (in.column("max_advertised_download_speed") >= 0 && in.column("location_id") >= 0) {
        if (keyed_by == OfferKey::postal_address)
            throw UsageError(fmt::format("{}: an FCC BDC file is keyed by location_id; use --match id", in.path()));
        fcc_ = true;
        id_ = pick(in, f.address_id, "--offer-id-field", {"location_id"}, true, "location id");
        provider_ = pick(in, f.provider, "--provider-field", {"provider_id"}, true, "provider");
        technology_ = pick(in, f.technology, "--technology-field", {"technology_code", "technology"}, true,
                           "technology");
        down_ = pick(in, f.down, "--down-field", {"max_advertised_download_speed"}, true, "download speed");
        up_ = pick(in, f.up, "--up-field", {"max_advertised_upload_speed"}, true, "upload speed");
        low_latency_ = pick(in, f.low_latency, "--low-latency-field", {"low_latency"}, false, "low latency");
        return;
    }
    if (need_id)
        id_ = pick(in, f.address_id, "--offer-id-field", {"address_id", "location_id", "uprn", "adress_id"}, true,
                   "address id");
    provider_ = pick(in, f.provider, "--provider-field", {"provider", "operator", "netzbetreiber", "anbieter"},
                     !has("provider"), "provider");
    technology_ = pick(in, f.technology, "--technology-field", {"technology", "technologie", "tech"},
                       !has("technology"), "technology");
    down_ = pick(in, f.down, "--down-field", {"down_mbps", "download_mbps", "down", "download"},
                 report && !has("down_mbps"), "download speed");
    up_ = pick(in, f.up, "--up-field", {"up_mbps", "upload_mbps", "up", "upload"}, false, "upload speed");
    latency_ = pick(in, f.latency, "--latency-field", {"latency_ms", "latency"}, false, "latency");
    low_latency_ = pick(in, f.low_latency, "--low-latency-field", {"low_latency"}, false, "low latency");
    status_ = pick(in, f.status, "--status-field", {"status"}, false, "status");
    planned_ = pick(in, f.planned, "--planned-field", {"planned_year", "planned_date", "planned"}, false,
                    "planned date");
    // A column in the file wins over a constant of the same name.
    if (provider_ < 0) c_provider_ = constant("provider");
    if (technology_ < 0) c_technology_ = constant("technology");
    if (down_ < 0) c_down_ = constant("down_mbps");
    if (up_ < 0) c_up_ = constant("up_mbps");
    if (latency_ < 0) c_latency_ = constant("latency_ms");
    if (low_latency_ < 0) c_low_latency_ = constant("low_latency");
    if (status_ < 0) c_status_ = constant("status");
    if (planned_ < 0) c_planned_ = constant("planned_year");
}

std::optional<OfferParser::Problem> OfferParser::parse(const TableReader& in, ProviderTable& providers,
                                                        Offer& o) const
{
    auto text = [&](int col, const std::string& constant) {
        return col >= 0 ? trim(in.field(col)) : std::string_view(constant);
    };
    o = Offer{};
    const std::string_view provider = text(provider_, c_provider_);
    if (provider.empty()) return Problem{provider_, "empty provider"};
    const std::string_view tech = text(technology_, c_technology_);
    if (fcc_) {
        int code = -1;
        auto [p, ec] = std::from_chars(tech.data(), tech.data() + tech.size(), code);
        auto t = ec == std::errc() && p == tech.data() + tech.size() ? technology_from_fcc_code(code) : std::nullopt;
        if (!t) return Problem{technology_, "unknown FCC technology code; expected 0, 10, 40, 50, 60, 61, 70, 71 or 72"};
        o.technology = *t;
    } else {
        auto t = parse_technology(tech);
        if (!t)
            return Problem{technology_, "unknown technology; use one of ftth, fttb, docsis31, docsis30, vdsl, adsl, "
                                        "fwa_licensed, fwa_unlicensed, 5g, lte, satellite_geo, satellite_leo, other"};
        o.technology = *t;
    }
    for (auto [col, constant, target] : {std::tuple{down_, &c_down_, &o.down_mbps}, std::tuple{up_, &c_up_, &o.up_mbps},
                                         std::tuple{latency_, &c_latency_, &o.latency_ms}}) {
        const ParsedNumber n = parse_number(text(col, *constant), NumberKind::quantity);
        if (!n.error.empty()) return Problem{col, n.error};
        if (n.value) *target = *n.value;
    }
    auto flag = parse_flag(text(low_latency_, c_low_latency_));
    if (!flag) return Problem{low_latency_, "low_latency must be 1/0, true/false or empty"};
    o.low_latency = *flag;
    auto status = parse_status(text(status_, c_status_));
    if (!status) return Problem{status_, "unknown status; use existing, planned or under_review"};
    o.status = *status;
    if (o.status != Status::existing) {
        const std::string_view when = text(planned_, c_planned_);
        if (!when.empty()) {
            auto d = parse_planned_date(when);
            if (!d) return Problem{planned_, "not a planned date; use a year (2027) or a date (2027-06-30)"};
            o.planned = *d;
        }
    }
    o.provider = providers.intern(provider);
    return std::nullopt;
}

void read_offers(const std::string& path, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink)
{
    if (options.match == MatchMode::address && !options.matcher)
        throw UsageError("--match address needs an address layer to match against (--addresses)");
    auto in = TableReader::open(path, options.read);
    account.role = "offers";
    account.file = in->path();
    account.sha256 = file_sha256(path);
    const bool by_address = options.match == MatchMode::address;
    const OfferParser parser(*in, options.fields, {}, by_address ? OfferKey::postal_address : OfferKey::address_id);
    const int id_col = parser.id_column();
    const auto& cols = in->columns();
    auto name = [&](int col) { return cols[static_cast<std::size_t>(col)]; };

    auto reject = [&](int col, std::string reason) {
        rejects.add({in->path(), in->row_number(), col >= 0 ? name(col) : std::string(),
                     clip_value(in->field(col)), std::move(reason)});
        ++account.rejected;
    };

    // --match address: the postal address columns, and the reject field naming them.
    int pc_col = -1, street_col = -1, hn_col = -1, suffix_col = -1;
    std::string address_field;
    if (by_address) {
        const OfferFields& f = options.fields;
        pc_col = pick(*in, f.postcode, "--offer-postcode-field", {"postcode", "plz", "postleitzahl", "zip"}, false,
                      "postcode");
        street_col = pick(*in, f.street, "--offer-street-field", {"street", "strasse", "straße", "strname"}, true,
                          "street");
        hn_col = pick(*in, f.housenumber, "--offer-housenumber-field", {"housenumber", "hausnummer", "hnr", "hsnr"},
                      true, "house number");
        suffix_col = pick(*in, f.housenumber_suffix, "--offer-housenumber-suffix-field",
                          {"housenumber_suffix", "hausnummerzusatz", "hsnrzu", "hnrzusatz"}, false,
                          "house number suffix");
        address_field = name(street_col) + "+" + name(hn_col);
        if (suffix_col >= 0) address_field += "+" + name(suffix_col);
        if (pc_col >= 0) address_field = name(pc_col) + "+" + address_field;
    }

    Offer o;
    while (in->next()) {
        ++account.read;
        if (auto problem = row_shape_problem(*in)) {
            reject(-1, *problem);
            continue;
        }
        if (by_address) {
            std::string hn(trim(in->field(hn_col)));
            if (const std::string_view suffix = trim(in->field(suffix_col)); !suffix.empty()) {
                hn += ' ';
                hn += suffix;
            }
            const std::string_view street = trim(in->field(street_col));
            const std::string_view postcode = trim(in->field(pc_col));
            const MatchResult m = options.matcher->match(postcode, street, hn);
            if (m.status != MatchResult::Status::matched) {
                const std::string value = fmt::format("{} {}{}{}", street, hn, postcode.empty() ? "" : ", ", postcode);
                rejects.add({in->path(), in->row_number(), address_field, clip_value(value),
                             options.matcher->reason(m)});
                ++account.rejected;
                continue;
            }
            if (auto problem = parser.parse(*in, providers, o)) {
                reject(problem->column, std::move(problem->reason));
                continue;
            }
            ++account.used;
            for (const std::uint32_t row : m.rows) sink(row, o);
            continue;
        }
        const std::string_view id = trim(in->field(id_col));
        if (id.empty()) {
            reject(id_col, "empty address id");
            continue;
        }
        std::optional<std::uint32_t> row = addresses.find(id);
        if (!row && !options.create_addresses) {
            if (const auto at = addresses.rejected_row(id))
                reject(id_col, fmt::format("the address with this id was rejected (address layer row {}; see its "
                                           "reject)",
                                           *at));
            else
                reject(id_col, "unknown address id (not in the address layer)");
            continue;
        }
        if (auto problem = parser.parse(*in, providers, o)) {
            reject(problem->column, std::move(problem->reason));
            continue;
        }
        if (!row) row = addresses.add_id_only(id);
        ++account.used;
        sink(*row, o);
    }
}

} // namespace coverage
