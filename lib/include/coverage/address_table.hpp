#pragma once
// The address layer as columns: one entry per used address row, in input order.
#include "coverage/rejects.hpp"
#include "coverage/table_reader.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coverage {

struct AddressFields {
    std::string id = "id";
    std::string x;  // empty: detect (x/y, lon/lat, longitude/latitude, rechtswert/hochwert, easting/northing)
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
    std::vector<std::string> keep;  // extra columns copied to the output (e.g. district)
};

struct AddressTable {
    std::vector<std::string> id;
    std::vector<double> x, y;      // source coordinates (NaN when the table has no geometry)
    std::vector<double> lon, lat;  // WGS84, for output
    std::vector<std::uint32_t> units;
    std::vector<std::uint64_t> source_row;  // line/feature number in the input (0: id-only)
    std::vector<std::string> category, street, housenumber, postcode;
    std::vector<std::string> keep_names;
    std::vector<std::vector<std::string>> keep;  // keep[k][row]
    bool has_geometry = false;
    std::string source_crs;  // e.g. "EPSG:25832"
    std::string source_crs_wkt;  // the full definition, for transformations

    [[nodiscard]] std::size_t size() const { return id.size(); }
    /// Row of an id, or empty.
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const
    {
        // Debian's Abseil is built with its own string_view type.
        auto it = index_.find(absl::string_view(key.data(), key.size()));
        if (it == index_.end()) return std::nullopt;
        return it->second;
    }
    /// Adds an id-only address (offers without an address layer). Returns its row.
    std::uint32_t add_id_only(std::string_view key);
    bool add_index(std::string_view key, std::uint32_t row) { return index_.try_emplace(std::string(key), row).second; }
    /// Remembers the line/feature of an address row that was rejected, so an offer for it can
    /// say why it does not join (first rejection of an id wins).
    void note_rejected(std::string_view key, std::uint64_t line)
    {
        if (!key.empty()) rejected_.try_emplace(std::string(key), line);
    }
    /// Line/feature of the rejected address row with this id, or empty.
    [[nodiscard]] std::optional<std::uint64_t> rejected_row(std::string_view key) const
    {
        auto it = rejected_.find(absl::string_view(key.data(), key.size()));
        if (it == rejected_.end()) return std::nullopt;
        return it->second;
    }

private:
    absl::flat_hash_map<std::string, std::uint32_t> index_;
    absl::flat_hash_map<std::string, std::uint64_t> rejected_;
};

struct AddressReadOptions {
    AddressFields fields;
    ReadOptions read;
    std::string crs;  // --crs: the CRS of x/y columns, or of a geometry that carries none
};

/// Reads an address layer; bad rows go to `rejects`, counts to `account`. Throws InputError
/// for problems with the file as a whole (missing id column, no coordinates, no CRS).
AddressTable read_addresses(const std::string& path, const AddressReadOptions& options, RejectLog& rejects,
                            InputAccount& account);

} // namespace coverage
