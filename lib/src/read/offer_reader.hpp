#pragma once
// Availability reports (offers joined by address id), streamed row by row into a callback
// so memory does not grow with the number of offers.
#include "classify/offer.hpp"
#include "coverage/accounting.hpp"
#include "coverage/options.hpp"
#include "read/address_match.hpp"
#include "read/address_table.hpp"
#include "read/table_reader.hpp"

#include <functional>
#include <string>

namespace coverage {

/// Plausible ranges: a speed above 100 Gbit/s or a latency above 10 s is a unit mix-up (kbit/s,
/// µs) or a broken cell (1e308), never a real offer. Such a row is a reject.
inline constexpr double max_speed_mbps = 100000;
inline constexpr double max_latency_ms = 10000;

/// What the rows of an evidence file are keyed by.
enum class OfferKey {
    address_id,     // availability reports joined by id
    postal_address, // availability reports matched by postcode + street + house number
    none,           // footprints and routes (geometry)
};

/// Constant offer attributes for files that carry none (footprints, routes): keys are the
/// canonical names provider, technology, down_mbps, up_mbps, latency_ms, low_latency,
/// verified, upgradable, status, planned_year. A constant is used where the file has no such column.
using OfferConstants = std::vector<std::pair<std::string, std::string>>;

/// Turns the current row of a TableReader into an Offer, or a reject reason. Shared by
/// availability reports, footprints and routes, so all evidence obeys the same rules.
class OfferParser {
public:
    /// Reports (address_id, postal_address) need a download speed column; footprints and
    /// routes may take it from the constants.
    OfferParser(const TableReader& in, const OfferFields& fields, const OfferConstants& constants, OfferKey key);
    /// `need_id`: the rows name an address id (reports); footprints and routes do not.
    OfferParser(const TableReader& in, const OfferFields& fields, const OfferConstants& constants, bool need_id)
        : OfferParser(in, fields, constants, need_id ? OfferKey::address_id : OfferKey::none)
    {
    }

    struct Problem {
        int column = -1; // -1: the row as a whole, or a constant (then `constant` names it)
        std::string reason;
        const char* constant = nullptr; // "status" for a bad FILE#status=... constant
    };
    /// Parses the current row into `offer` (provider interned). Empty optional on success.
    std::optional<Problem> parse(const TableReader& in, ProviderTable& providers, Offer& offer) const;
    /// The same without interning: `provider` is the (trimmed) name to intern. Thread-safe.
    std::optional<Problem> parse(const TableReader& in, Offer& offer, std::string_view& provider) const;
    [[nodiscard]] int id_column() const { return id_; }

private:
    bool fcc_ = false;
    int id_ = -1, provider_ = -1, technology_ = -1, down_ = -1, up_ = -1, latency_ = -1, low_latency_ = -1,
        verified_ = -1, upgradable_ = -1, status_ = -1, planned_ = -1;
    std::string c_provider_, c_technology_, c_down_, c_up_, c_latency_, c_low_latency_, c_verified_, c_upgradable_,
        c_status_, c_planned_;
};

/// Parses "FILE#key=value,key=value" into the path and constants. A spec without '#' is a
/// plain path. Throws UsageError for unknown keys.
std::pair<std::string, OfferConstants> split_source_spec(const std::string& spec);

/// Removes the "encoding" key from `constants` and returns its value (empty if absent).
std::string take_encoding(OfferConstants& constants);

/// An --offers argument: "FILE" or "FILE#encoding=CP1252,provider=X,..." (the keys of
/// split_source_spec). A path that exists as given is a file even if it holds '#'.
struct OfferSource {
    std::string path;
    OfferConstants constants;
    std::string encoding; // empty: the option's (--offers-encoding, else --encoding)
};
OfferSource split_offer_source(const std::string& spec);

/// Reads one offer file (`spec`: see split_offer_source). For every usable row calls `sink(address_row, offer)` (once
/// per matched address: a house number range matches several; the row counts once as used); every other row becomes a
/// reject, unmatched and ambiguous addresses with the closest candidate or the candidates in the reason.
/// `prefetch(address_row)`, if given, is called a few offers ahead of the sink (so the sink's data for that row can be
/// loaded meanwhile). Throws InputError for file-level problems (missing columns).
void read_offers(const std::string& spec, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink,
                 const std::function<void(std::uint32_t)>& prefetch = nullptr);

} // namespace coverage
