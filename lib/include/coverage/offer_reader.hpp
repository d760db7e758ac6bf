#pragma once
// Availability reports (offers joined by address id), streamed row by row into a callback
// so memory does not grow with the number of offers.
#include "coverage/address_table.hpp"
#include "coverage/offer.hpp"
#include "coverage/rejects.hpp"
#include "coverage/table_reader.hpp"

#include <functional>
#include <string>

namespace coverage {

/// Column names of an offer file. Empty strings mean "detect": the canonical name first,
/// then common aliases. FCC BDC files are recognised by their own header.
struct OfferFields {
    std::string address_id;
    std::string provider;
    std::string technology;
    std::string down;
    std::string up;
    std::string latency;
    std::string low_latency;
    std::string status;
    std::string planned;
    std::string use;
};

struct OfferReadOptions {
    OfferFields fields;
    ReadOptions read;
    /// Without an address layer the addresses are the distinct ids of the offers.
    bool create_addresses = false;
};

/// Reads one offer file. For every usable row calls `sink(address_row, offer)`; every other
/// row becomes a reject. Throws InputError for file-level problems (missing columns).
void read_offers(const std::string& path, const OfferReadOptions& options, AddressTable& addresses,
                 ProviderTable& providers, RejectLog& rejects, InputAccount& account,
                 const std::function<void(std::uint32_t, const Offer&)>& sink);

} // namespace coverage
