#include "read/offer_reader.hpp"
#include "base/checksum.hpp"
#include "base/csv_text.hpp"
#include "base/source_name.hpp"
#include "read/column_names.hpp"
#include "read/shard.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "read/parallel_blocks.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <stdexcept>
#include <thread>
#include <tuple>

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
    if (s == "1" || s == "true" || s == "TRUE" || s == "True" || s == "yes" || s == "y" || s == "ja")
        return std::int8_t{1};
    if (s == "0" || s == "false" || s == "FALSE" || s == "False" || s == "no" || s == "n" || s == "nein")
        return std::int8_t{0};
    return std::nullopt;
}

constexpr std::string_view constant_keys[] = {"provider",   "technology",   "down_mbps", "up_mbps",
                                              "latency_ms", "low_latency",  "verified",  "upgradable",
                                              "status",     "planned_year", "encoding"};

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
        if (eq == std::string::npos ||
            std::find(std::begin(constant_keys), std::end(constant_keys), key) == std::end(constant_keys))
            throw UsageError(fmt::format("'{}': after '#' give key=value pairs with keys {}", display_source(spec),
                                         fmt::join(constant_keys, ", ")));
        constants.emplace_back(key, std::string(trim(item.substr(eq + 1))));
        start = comma + 1;
    }
    return {spec.substr(0, hash), constants};
}

std::string take_encoding(OfferConstants& constants)
{
    std::string encoding;
    for (auto it = constants.begin(); it != constants.end();) {
        if (it->first == "encoding") {
            encoding = it->second;
            it = constants.erase(it);
        } else {
            ++it;
        }
    }
    return encoding;
}

OfferSource split_offer_source(const std::string& spec)
{
    OfferSource s{spec, {}, {}};
    // A file whose name holds '#' is a file; otherwise '#' starts the key=value list.
    std::error_code ec;
    if (spec.find('#') == std::string::npos || std::filesystem::exists(spec, ec)) return s;
    auto [path, constants] = split_source_spec(spec);
    s.path = std::move(path);
    s.encoding = take_encoding(constants);
    s.constants = std::move(constants);
    return s;
}

OfferParser::OfferParser(const TableReader& in, const OfferFields& f, const OfferConstants& constants,
                         OfferKey keyed_by)
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
        technology_ =
            pick(in, f.technology, "--technology-field", {"technology_code", "technology"}, true, "technology");
        down_ = pick(in, f.down, "--down-field", {"max_advertised_download_speed"}, true, "download speed");
        up_ = pick(in, f.up, "--up-field", {"max_advertised_upload_speed"}, true, "upload speed");
        low_latency_ = pick(in, f.low_latency, "--low-latency-field", {"low_latency"}, false, "low latency");
        // Not an FCC column: a state adds it to mark the unlicensed fixed wireless rows whose
        // evidence it accepted (us-bead-2025).
        verified_ = pick(in, f.verified, "--verified-field", {"verified"}, false, "verified");
        return;
    }
    if (need_id) id_ = find_column(in, ColumnRole::address_id, f.address_id, true);
    provider_ = find_column(in, ColumnRole::provider, f.provider, !has("provider"));
    technology_ = find_column(in, ColumnRole::technology, f.technology, !has("technology"));
    down_ = find_column(in, ColumnRole::down, f.down, report && !has("down_mbps"));
    up_ = find_column(in, ColumnRole::up, f.up, false);
    latency_ = find_column(in, ColumnRole::latency, f.latency, false);
    low_latency_ = find_column(in, ColumnRole::low_latency, f.low_latency, false);
    verified_ = find_column(in, ColumnRole::verified, f.verified, false);
    upgradable_ = find_column(in, ColumnRole::upgradable, f.upgradable, false);
    status_ = find_column(in, ColumnRole::status, f.status, false);
    planned_ = find_column(in, ColumnRole::planned, f.planned, false);
    // A column in the file wins over a constant of the same name.
    if (provider_ < 0) c_provider_ = constant("provider");
    if (technology_ < 0) c_technology_ = constant("technology");
    if (down_ < 0) c_down_ = constant("down_mbps");
    if (up_ < 0) c_up_ = constant("up_mbps");
    if (latency_ < 0) c_latency_ = constant("latency_ms");
    if (low_latency_ < 0) c_low_latency_ = constant("low_latency");
    if (verified_ < 0) c_verified_ = constant("verified");
    if (upgradable_ < 0) c_upgradable_ = constant("upgradable");
    if (status_ < 0) c_status_ = constant("status");
    if (planned_ < 0) c_planned_ = constant("planned_year");
}

std::optional<OfferParser::Problem> OfferParser::parse(const TableReader& in, ProviderTable& providers, Offer& o) const
{
    std::string_view provider;
    auto problem = parse(in, o, provider);
    if (!problem) o.provider = providers.intern(provider);
    return problem;
}

std::optional<OfferParser::Problem> OfferParser::parse(const TableReader& in, Offer& o,
                                                       std::string_view& provider_name) const
{
    auto text = [&](int col, const std::string& constant) {
        return col >= 0 ? trim(in.field(col)) : std::string_view(constant);
    };
    o = Offer{};
    const std::string_view provider = text(provider_, c_provider_);
    if (provider.empty()) return Problem{provider_, "empty provider", provider_ < 0 ? "provider" : nullptr};
    provider_name = provider;
    const std::string_view tech = text(technology_, c_technology_);
    if (fcc_) {
        int code = -1;
        auto [p, ec] = std::from_chars(tech.data(), tech.data() + tech.size(), code);
        auto t = ec == std::errc() && p == tech.data() + tech.size() ? technology_from_fcc_code(code) : std::nullopt;
        if (!t)
            return Problem{technology_, "unknown FCC technology code; expected 0, 10, 40, 50, 60, 61, 70, 71 or 72",
                           technology_ < 0 ? "technology" : nullptr};
        o.technology = *t;
    } else {
        auto t = parse_technology(tech);
        if (!t)
            return Problem{technology_,
                           "unknown technology; use one of ftth, fttb, docsis31, docsis30, vdsl, adsl, "
                           "fwa_licensed, fwa_unlicensed, 5g, lte, satellite_geo, satellite_leo, other "
                           "(or fibre, Glasfaser, FTTP, Kabel, cable, HFC, VDSL2, vectoring, DSL, "
                           "Richtfunk, 4G, Satellit)",
                           technology_ < 0 ? "technology" : nullptr};
        o.technology = *t;
    }
    for (auto [col, constant, target, max, unit, key] :
         {std::tuple{down_, &c_down_, &o.down_mbps, max_speed_mbps, "Mbit/s", "down_mbps"},
          std::tuple{up_, &c_up_, &o.up_mbps, max_speed_mbps, "Mbit/s", "up_mbps"},
          std::tuple{latency_, &c_latency_, &o.latency_ms, max_latency_ms, "ms", "latency_ms"}}) {
        const ParsedNumber n = parse_number(text(col, *constant), NumberKind::quantity);
        if (!n.error.empty()) return Problem{col, n.error, col < 0 ? key : nullptr};
        if (n.value && *n.value > max)
            return Problem{col,
                           fmt::format("{} {} is beyond the plausible range 0..{} {}; check the unit (kbit/s?)",
                                       trim(text(col, *constant)), unit, max, unit),
                           col < 0 ? key : nullptr};
        if (n.value) *target = *n.value;
    }
    auto flag = parse_flag(text(low_latency_, c_low_latency_));
    if (!flag)
        return Problem{low_latency_, "low_latency must be 1/0, true/false or empty",
                       low_latency_ < 0 ? "low_latency" : nullptr};
    o.low_latency = *flag;
    for (auto [col, constant, target, what] : {std::tuple{verified_, &c_verified_, &o.verified, "verified"},
                                               std::tuple{upgradable_, &c_upgradable_, &o.upgradable, "upgradable"}}) {
        auto f = parse_flag(text(col, *constant));
        if (!f) return Problem{col, fmt::format("{} must be 1/0, true/false, yes/no or empty", what)};
        *target = *f;
    }
    auto status = parse_status(text(status_, c_status_));
    if (!status)
        return Problem{status_,
                       "unknown status; use existing (vorhanden, in Betrieb), planned (geplant, in Planung, im Bau) "
                       "or under_review (in Prüfung)",
                       status_ < 0 ? "status" : nullptr};
    o.status = *status;
    if (o.status != Status::existing) {
        // A file with planned rows but no date column at all has almost always a date column
        // whose header was not recognised ("Verfügbar ab"): an error, never plans silently
        // undated. An empty date cell is the profile's to judge (an undated plan is not
        // credible, or under review: docs/profiles.md), with the reason naming it.
        if (o.status == Status::planned && planned_ < 0 && c_planned_.empty())
            throw InputError(fmt::format(
                "{}: row is planned, but the file has no planned date column (accepted names: {}); name it with "
                "--planned-field{}",
                in.where(), fmt::join(column_spec(ColumnRole::planned).names, ", "),
                fcc_ || id_ >= 0 ? "" : ", or give FILE#planned_year=YYYY"));
        const std::string_view when = text(planned_, c_planned_);
        if (!when.empty()) {
            auto d = parse_planned_date(when);
            if (!d)
                return Problem{planned_,
                               "not a planned date; use a year (2027), a month (2027-06) or a date "
                               "(2027-06-30, 30.06.2027), years 1990..2100",
                               planned_ < 0 ? "planned_year" : nullptr};
            o.planned = *d;
        }
    }
    return std::nullopt;
}

namespace {

// The parallel path (a splittable CSV keyed by address id): rows parsed on worker threads,
// folded in input order on the calling thread.
struct ParsedOffer {
    std::uint32_t row = 0;
    std::string_view provider; // into the file's text, interned in input order
    Offer offer;
};

struct ParsedReject {
    std::uint64_t line = 0;
    int column = -1;
    std::string value;
    std::string reason;
    std::size_t before = 0; // number of offers of the block before this reject
};

struct OfferBlock {
    std::vector<ParsedOffer> offers;
    std::vector<ParsedReject> rejects;
    std::uint64_t read = 0;
};

// A row after the rules that need no look-up: an early reject (row shape, empty id), or an
// id with either an offer or the offer's own problem.
struct PendingOffer {
    std::uint64_t line = 0;
    bool early = false;  // rejected before the id look-up
    bool failed = false; // the offer's own problem (applies only if the id is known)
    std::string_view id, raw_id;
    ParsedOffer parsed;
    ParsedReject reject;
};

// The one-thread loop's rules up to the id look-up, which the caller does for many rows at once.
void stage_one(const TableReader& in, const OfferParser& parser, int id_col, PendingOffer& p)
{
    p.line = in.row_number();
    auto no = [&](int col, std::string reason) {
        p.reject.line = p.line;
        p.reject.column = col;
        p.reject.value = clip_value(in.field(col));
        p.reject.reason = std::move(reason);
    };
    if (auto problem = row_shape_problem(in)) {
        no(-1, *problem);
        p.early = true;
        return;
    }
    p.raw_id = in.field(id_col);
    p.id = trim(p.raw_id);
    if (p.id.empty()) {
        no(id_col, "empty address id");
        p.early = true;
        return;
    }
    if (auto problem = parser.parse(in, p.parsed.offer, p.parsed.provider)) {
        no(problem->column, std::move(problem->reason));
        p.failed = true;
    }
}

// The rule that needs the id look-up (`found`: the address row, or -1), in the order every
// path applies them: row shape, empty id, unknown id, the offer's own problem. True when the
// row is an offer for an address; otherwise `p.reject` says why. With `create`, an unknown id
// is not a reject (the caller adds the address).
bool resolve(PendingOffer& p, std::int64_t found, const AddressTable& addresses, int id_col, bool create)
{
    if (p.early) return false;
    if (found < 0 && !create) {
        std::string why = "unknown address id (not in the address layer)";
        if (const auto at = addresses.rejected_row(p.id))
            why = fmt::format("the address with this id was rejected (address layer row {}; see its reject)", *at);
        p.reject = {p.line, id_col, clip_value(p.raw_id), std::move(why), 0};
        return false;
    }
    return !p.failed;
}

// Interns provider names, remembering the last one: offer files come in runs of one provider.
class ProviderCache {
public:
    explicit ProviderCache(ProviderTable& providers) : providers_(providers) {}
    std::uint32_t intern(std::string_view name)
    {
        if (valid_ && name == last_) return id_;
        id_ = providers_.intern(name);
        last_.assign(name);
        valid_ = true;
        return id_;
    }

private:
    ProviderTable& providers_;
    std::string last_;
    std::uint32_t id_ = 0;
    bool valid_ = false;
};

} // namespace

void read_offers(const std::string& spec, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink,
                 const std::function<void(std::uint32_t)>& prefetch)
{
    if (options.match == MatchMode::address && !options.matcher)
        throw UsageError("--match address needs an address layer to match against (--addresses)");
    const OfferSource source = split_offer_source(spec);
    const std::string& path = source.path;
    ReadOptions read = options.read;
    if (!source.encoding.empty()) read.encoding = source.encoding;
    auto in = TableReader::open(path, read);
    account.role = "offers";
    account.file = in->path();
    ChecksumTask checksum(path, options.read.threads, account.sha256);
    const bool by_address = options.match == MatchMode::address;
    const OfferParser parser(*in, options.fields, source.constants,
                             by_address ? OfferKey::postal_address : OfferKey::address_id);
    const int id_col = parser.id_column();
    const ShardFilter shard(in, id_col, options.shard, account);
    const auto& cols = in->columns();
    auto name = [&](int col) { return cols[static_cast<std::size_t>(col)]; };

    auto reject = [&](int col, std::string reason) {
        rejects.add({in->path(), in->row_number(), col >= 0 ? name(col) : std::string(), clip_value(in->field(col)),
                     std::move(reason)});
        ++account.rejected;
    };

    // --match address: the postal address columns, and the reject field naming them.
    int pc_col = -1, street_col = -1, hn_col = -1, suffix_col = -1;
    std::string address_field;
    if (by_address) {
        const OfferFields& f = options.fields;
        pc_col = find_column(*in, ColumnRole::postcode, f.postcode, false, "--offer-postcode-field");
        street_col = find_column(*in, ColumnRole::street, f.street, true, "--offer-street-field");
        hn_col = find_column(*in, ColumnRole::housenumber, f.housenumber, true, "--offer-housenumber-field");
        suffix_col = find_column(*in, ColumnRole::housenumber_suffix, f.housenumber_suffix, false,
                                 "--offer-housenumber-suffix-field");
        address_field = name(street_col) + "+" + name(hn_col);
        if (suffix_col >= 0) address_field += "+" + name(suffix_col);
        if (pc_col >= 0) address_field = name(pc_col) + "+" + address_field;
    }

    // Parallel: blocks of rows parsed on worker threads (the same rules as the loop below,
    // numbers, id look-up), then folded here in input order, so the result is the same bytes
    // whatever the thread count. Ids are only looked up, never added: the table is read-only
    // meanwhile. Address matching and id-only runs stay on the loop below.
    // --keep without an address layer: the columns come from the offers file.
    std::vector<int> keep_cols;
    if (options.create_addresses)
        for (const auto& k : options.keep) {
            const int c = in->column(k);
            if (c < 0)
                throw InputError(fmt::format("{}: no column '{}' to keep (--keep); without --addresses the kept "
                                             "columns come from every offers file; columns are: {}",
                                             in->path(), k, fmt::join(cols, ", ")));
            keep_cols.push_back(c);
        }
    if (options.create_addresses && keep_cols.size() != addresses.keep.size())
        throw std::logic_error("read_offers: OfferReadOptions::keep and the table's keep columns differ");

    ProviderCache names(providers);
    const std::string& where = in->path();
    auto add_reject = [&](const ParsedReject& r) {
        rejects.add({where, r.line, r.column >= 0 ? name(r.column) : std::string(), r.value, r.reason});
        ++account.rejected;
    };
    if (!by_address && !options.create_addresses && options.read.threads > 1 && in->splittable()) {
        parallel_blocks<OfferBlock>(
            *in, options.read.threads, std::size_t{1} << 20,
            [&](TableReader& rows, OfferBlock& block, int) {
                // Two passes: the rules without the id look-up, then all ids of the block looked
                // up together (find_many overlaps their cache misses), then the results in row
                // order with the loop's precedence: row shape, empty id, unknown id, the offer.
                std::vector<PendingOffer> pending;
                pending.reserve(std::size_t{1} << 14);
                while (rows.next()) {
                    ++block.read;
                    stage_one(rows, parser, id_col, pending.emplace_back());
                }
                std::vector<std::string_view> ids(pending.size());
                for (std::size_t k = 0; k < pending.size(); ++k) ids[k] = pending[k].id;
                std::vector<std::int64_t> found(pending.size());
                addresses.find_many(ids.data(), ids.size(), found.data());
                block.offers.reserve(pending.size());
                for (std::size_t k = 0; k < pending.size(); ++k) {
                    PendingOffer& p = pending[k];
                    if (!resolve(p, found[k], addresses, id_col, false)) {
                        p.reject.before = block.offers.size();
                        block.rejects.push_back(std::move(p.reject));
                        continue;
                    }
                    p.parsed.row = static_cast<std::uint32_t>(found[k]);
                    block.offers.push_back(p.parsed);
                }
            },
            [&](OfferBlock& block) {
                account.read += block.read;
                std::size_t r = 0;
                constexpr std::size_t ahead = 8;
                if (prefetch)
                    for (std::size_t k = 0; k < std::min(ahead, block.offers.size()); ++k)
                        prefetch(block.offers[k].row);
                for (std::size_t k = 0; k < block.offers.size(); ++k) {
                    if (prefetch && k + ahead < block.offers.size()) prefetch(block.offers[k + ahead].row);
                    for (; r < block.rejects.size() && block.rejects[r].before == k; ++r) add_reject(block.rejects[r]);
                    ParsedOffer& p = block.offers[k];
                    p.offer.provider = names.intern(p.provider);
                    ++account.used;
                    sink(p.row, p.offer);
                }
                for (; r < block.rejects.size(); ++r) add_reject(block.rejects[r]);
            });
        checksum.wait();
        return;
    }

    Offer o;
    while (in->next()) {
        ++account.read;
        if (by_address) {
            // Row shape, then the postal address, then the offer itself.
            if (auto problem = row_shape_problem(*in)) {
                reject(-1, *problem);
                continue;
            }
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
                rejects.add(
                    {in->path(), in->row_number(), address_field, clip_value(value), options.matcher->reason(m)});
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
        // The same rules as the parallel path, one row at a time.
        PendingOffer p;
        stage_one(*in, parser, id_col, p);
        std::int64_t found = -1;
        if (!p.early)
            if (const auto row = addresses.find(p.id)) found = *row;
        if (!resolve(p, found, addresses, id_col, options.create_addresses)) {
            add_reject(p.reject);
            continue;
        }
        p.parsed.offer.provider = names.intern(p.parsed.provider);
        const std::uint32_t row =
            found >= 0 ? static_cast<std::uint32_t>(found) : addresses.add_id_only(p.id, in->row_number());
        for (std::size_t k = 0; k < keep_cols.size(); ++k) {
            const std::string_view value = trim(in->field(keep_cols[k]));
            if (found < 0) {
                addresses.keep[k].push_back(value);
            } else if (addresses.keep[k][row] != value) {
                throw InputError(fmt::format("{}: --keep {}: id '{}' has '{}' here but '{}' in an earlier row; without "
                                             "--addresses a kept column must hold one value per id (e.g. block_fips, "
                                             "county)",
                                             in->where(), cols[static_cast<std::size_t>(keep_cols[k])], p.id, value,
                                             addresses.keep[k][row]));
            }
        }
        ++account.used;
        sink(row, p.parsed.offer);
    }
    checksum.wait();
}

} // namespace coverage
