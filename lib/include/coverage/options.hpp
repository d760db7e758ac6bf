#pragma once
// How inputs are read: the options a program fills in (column names, encodings, layers,
// evidence files) before it calls an entry point such as run_classify. Plain data; see
// docs/architecture.md for the stage each one steers.
#include "coverage/shard.hpp"

#include <string>
#include <vector>

namespace coverage {

class AddressMatcher;

struct ReadOptions {
    std::string encoding;    // empty or "UTF-8": as is; otherwise recoded to UTF-8 (e.g. "CP1252")
    char delimiter = 0;      // 0: detect from the header (',', ';', tab, '|')
    std::string layer;       // GDAL sources with several layers
    bool force_gdal = false; // geometry layers (footprints, routes): GDAL even for .csv (WKT columns)
    int threads = 1;         // readers that can parse in parallel (CSV offers) use up to this many
};

struct AddressFields {
    std::string id = "id";
    std::string x; // empty: detect (x/y, lon/lat, longitude/latitude, rechtswert/hochwert, easting/northing)
    std::string y;
    std::string units = "units";
    std::string category = "category";
    // Empty: detect. street: street, strasse, straße, strname; housenumber: housenumber,
    // hausnummer, hnr, hsnr; postcode: postcode, plz, postleitzahl, zip; suffix (appended to
    // the house number with a space, e.g. Essen's hsnr 38 + hsnrzu A -> "38 A"):
    // housenumber_suffix, hausnummerzusatz, hsnrzu, hnrzusatz.
    std::string street;
    std::string housenumber;
    std::string postcode;
    std::string housenumber_suffix;
    std::vector<std::string> keep; // extra columns copied to the output (e.g. district)
};

/// Where address coordinates come from.
enum class CoordinateSource {
    automatic, // a spatial source's geometry, unless --x-field/--y-field name columns; else detected columns
    columns,   // x/y columns (named or detected), even when the source has a geometry
    geometry,  // the source's point geometry
};

struct AddressReadOptions {
    AddressFields fields;
    ReadOptions read;
    std::string crs; // --crs: the CRS of x/y columns, or of a geometry that carries none
    Shard shard;     // --shard: keep only the addresses of this shard
    CoordinateSource coordinates = CoordinateSource::automatic;
};

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
    std::string verified;   // 1/0: the provider's evidence was accepted (BEAD unlicensed FW, plans)
    std::string upgradable; // 1/0: the network can be upgraded to the target by marginal investment
    std::string status;
    std::string planned;
    std::string use;
    // --match address: postcode (optional column), street, house number, suffix (optional).
    std::string postcode;
    std::string street;
    std::string housenumber;
    std::string housenumber_suffix;
};

/// How an offer row finds its address.
enum class MatchMode {
    id,      // by the address id column (exact text)
    address, // by postcode + street + house number through an AddressMatcher
};

struct OfferReadOptions {
    OfferFields fields;
    ReadOptions read;
    /// Without an address layer the addresses are the distinct ids of the offers.
    bool create_addresses = false;
    /// With create_addresses: columns of the offers file copied to each address (--keep with
    /// FCC files as they are: block_fips, county). A column must hold one value per id: the
    /// first used row's; a used row with another value (empty included) for the same id is an
    /// error for the file. The table's keep_names must already name them.
    std::vector<std::string> keep;
    MatchMode match = MatchMode::id;
    /// Required for MatchMode::address; built over the same AddressTable.
    const AddressMatcher* matcher = nullptr;
    /// --shard: rows of other shards are read, counted as skipped and passed over.
    Shard shard;
};

/// The accepted names of every offer column (German and English), one line each: for --help.
std::string offer_column_names_help();

struct SpatialOptions {
    std::vector<std::string> footprints; // "FILE" or "FILE#key=value,..." (constants)
    std::vector<std::string> routes;     // same form
    double route_distance_m = 0;         // an address this close to a route gets its offer
    std::string working_crs;             // empty: chosen (see choose_working_crs)
    OfferFields fields;                  // attribute columns (same names as offers)
    /// A shard sees only its addresses, so their extent cannot choose the working CRS.
    bool sharded = false;
    ReadOptions read;
    int threads = 1;
};

} // namespace coverage
