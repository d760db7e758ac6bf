#pragma once
// The one table of the column names the readers recognise (German and English, as operators
// and registers deliver them), and how a header is compared with them: case, spaces, '_',
// '-', '.', '/' and a unit in brackets ("Download (Mbit/s)") are ignored, and ä ö ü ß match
// ae oe ue ss ("Verfügbar ab" = "verfuegbar_ab").
#include "read/table_reader.hpp"

#include <span>
#include <string>
#include <string_view>

namespace coverage {

enum class ColumnRole {
    address_id,
    provider,
    technology,
    down,
    up,
    latency,
    low_latency,
    verified,
    upgradable,
    status,
    planned,
    street,
    housenumber,
    housenumber_suffix,
    postcode,
};

struct ColumnSpec {
    ColumnRole role;
    std::string_view what;                   // "download speed", for messages
    std::string_view option;                 // "--down-field"
    std::string_view unit;                   // the unit the values are read in ("Mbit/s"), empty: none
    std::span<const std::string_view> names; // canonical name first
};

/// The entry of `role`.
const ColumnSpec& column_spec(ColumnRole role);

/// `header` reduced for comparison (see above), without its bracketed unit.
std::string column_key(std::string_view header);

/// The column of `role` in `in`: `given` if not empty (exact name, else InputError naming the
/// option), else the first of the role's names present. -1 when absent and not `required`;
/// InputError listing the accepted names when absent and `required`. A header whose unit
/// differs from the role's ("Download (kbit/s)") is an InputError: values are never rescaled.
/// `option` names the option in messages when it is not the role's (the offers' own
/// --offer-street-field).
int find_column(const TableReader& in, ColumnRole role, const std::string& given, bool required,
                std::string_view option = {});

/// The accepted names of every offer column, one line each, for --help.
std::string offer_column_names_help();

} // namespace coverage
