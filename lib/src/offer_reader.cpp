#include "coverage/offer_reader.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "ordered_parallel.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
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

OfferParser::OfferParser(const TableReader& in, const OfferFields& f, const OfferConstants& constants, bool need_id)
{
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
                 need_id && !has("down_mbps"), "download speed");
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
    if (provider.empty()) return Problem{provider_, "empty provider"};
    provider_name = provider;
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
    return std::nullopt;
}

namespace {

// One row of an offer file, parsed: a usable offer for an address row, or a reject.
struct ParsedOffer {
    std::uint32_t row = 0;
    std::string_view provider;  // into the file's text, interned in input order
    Offer offer;
};

struct ParsedReject {
    std::uint64_t line = 0;
    int column = -1;
    std::string value;
    std::string reason;
    std::size_t before = 0;  // number of offers of the block before this reject
};

// What one block of rows gave; consumed in input order.
struct OfferBlock {
    std::vector<ParsedOffer> offers;
    std::vector<ParsedReject> rejects;
    std::uint64_t read = 0;
};

// A row after the rules that need no look-up (parallel path): an early reject (row problem,
// empty id), or an id with either an offer or the offer's own problem.
struct PendingOffer {
    std::uint64_t line = 0;
    bool early = false;   // rejected before the id look-up
    bool failed = false;  // the offer's own problem (applies only if the id is known)
    std::string_view id, raw_id;
    ParsedOffer parsed;
    ParsedReject reject;
};

// The rules for one row, shared by the one-thread and the parallel path. Returns the address
// row (or empty with `unknown` set when the id is not in the table), or a problem.
struct RowRules {
    const OfferParser& parser;
    const AddressTable& addresses;
    int id_col;
    std::size_t ncols;

    // Fills `reject` and returns false for a rejected row.
    bool apply(const TableReader& in, ParsedOffer& out, ParsedReject& reject, bool create_addresses,
               std::string_view& new_id) const
    {
        auto no = [&](int col, std::string reason) {
            reject.line = in.row_number();
            reject.column = col;
            reject.value = std::string(in.field(col).substr(0, 200));
            reject.reason = std::move(reason);
            return false;
        };
        if (auto problem = in.row_problem()) return no(-1, *problem);
        if (in.is_csv() && in.field_count() != ncols)
            return no(-1, fmt::format("row has {} fields, the header has {}; check quoting and the delimiter",
                                      in.field_count(), ncols));
        const std::string_view id = trim(in.field(id_col));
        if (id.empty()) return no(id_col, "empty address id");
        const std::optional<std::uint32_t> row = addresses.find(id);
        if (!row && !create_addresses) return no(id_col, "unknown address id (not in the address layer)");
        if (auto problem = parser.parse(in, out.offer, out.provider)) return no(problem->column, std::move(problem->reason));
        new_id = row ? std::string_view() : id;
        out.row = row ? *row : 0;
        return true;
    }

    // apply() up to the id look-up, which the caller does for many rows at once.
    void stage_one(const TableReader& in, PendingOffer& p) const
    {
        p.line = in.row_number();
        auto no = [&](int col, std::string reason) {
            p.reject.line = p.line;
            p.reject.column = col;
            p.reject.value = std::string(in.field(col).substr(0, 200));
            p.reject.reason = std::move(reason);
        };
        if (auto problem = in.row_problem()) {
            no(-1, *problem);
            p.early = true;
            return;
        }
        if (in.is_csv() && in.field_count() != ncols) {
            no(-1, fmt::format("row has {} fields, the header has {}; check quoting and the delimiter",
                               in.field_count(), ncols));
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
};

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

void read_offers(const std::string& path, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink,
                 const std::function<void(std::uint32_t)>& prefetch)
{
    auto in = TableReader::open(path, options.read);
    account.role = "offers";
    account.file = path;
    // The checksum reads the whole file: do it beside the parsing when there is a core to spare.
    std::thread checksum;
    if (options.read.threads > 1) checksum = std::thread([&] { account.sha256 = file_sha256(path); });
    else account.sha256 = file_sha256(path);
    struct Join {
        std::thread& t;
        ~Join()
        {
            if (t.joinable()) t.join();
        }
    } join{checksum};

    const OfferParser parser(*in, options.fields, {}, true);
    const RowRules rules{parser, addresses, parser.id_column(), in->columns().size()};
    const auto& cols = in->columns();
    ProviderCache names(providers);
    auto add_reject = [&](const ParsedReject& r) {
        rejects.add({path, r.line, r.column >= 0 ? cols[static_cast<std::size_t>(r.column)] : std::string(), r.value,
                     r.reason});
        ++account.rejected;
    };

    // Parallel: blocks of rows parsed on worker threads (row rules, numbers, id look-up), then
    // folded here in input order, so the result is the same bytes whatever the thread count.
    // Ids are only looked up, never added, so the table is read-only meanwhile.
    const int threads = options.create_addresses || !in->splittable() ? 1 : options.read.threads;
    if (threads > 1) {
        parallel_blocks<OfferBlock>(
            *in, threads, std::size_t{1} << 20,
            [&](TableReader& rows, OfferBlock& block, int) {
                // Two passes: the row rules without the id look-up, then all ids of the block
                // looked up together (find_many overlaps their cache misses), then the results
                // in row order with the same precedence as RowRules::apply: row problems, empty
                // id, unknown id, then the offer's own problems.
                std::vector<PendingOffer> pending;
                pending.reserve(std::size_t{1} << 14);
                while (rows.next()) {
                    ++block.read;
                    rules.stage_one(rows, pending.emplace_back());
                }
                std::vector<std::string_view> ids(pending.size());
                for (std::size_t k = 0; k < pending.size(); ++k) ids[k] = pending[k].id;
                std::vector<std::int64_t> found(pending.size());
                addresses.find_many(ids.data(), ids.size(), found.data());
                block.offers.reserve(pending.size());
                for (std::size_t k = 0; k < pending.size(); ++k) {
                    PendingOffer& p = pending[k];
                    if (!p.early && found[k] < 0) {
                        p.reject = {p.line, rules.id_col, std::string(p.raw_id.substr(0, 200)),
                                    "unknown address id (not in the address layer)", 0};
                        p.early = true;
                    }
                    if (p.early || p.failed) {
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
                    for (std::size_t k = 0; k < std::min(ahead, block.offers.size()); ++k) prefetch(block.offers[k].row);
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
        return;
    }

    ParsedOffer parsed;
    ParsedReject reject;
    std::string_view new_id;
    while (in->next()) {
        ++account.read;
        if (!rules.apply(*in, parsed, reject, options.create_addresses, new_id)) {
            add_reject(reject);
            continue;
        }
        if (!new_id.empty()) parsed.row = addresses.add_id_only(new_id);
        parsed.offer.provider = names.intern(parsed.provider);
        ++account.used;
        sink(parsed.row, parsed.offer);
    }
}

} // namespace coverage
