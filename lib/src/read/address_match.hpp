#pragma once
// Matching offers that carry a postal address (postcode, street, house number) instead of an
// address id to the rows of the address layer (`coverage classify --match address`).
//
// Street names: normalise_street() turns a spelling into a key; two spellings match when
// their keys are equal. The rules, applied in this order:
//   1. Lower case: ASCII A-Z and the Latin-1 capitals À-Þ (UTF-8), e.g. Ä Ö Ü É; the capital
//      sharp s ẞ (U+1E9E) becomes ß.
//   2. German transliteration: ä -> ae, ö -> oe, ü -> ue, ß -> ss (so "Straße" and "Strasse",
//      "Müllerstr." and "Muellerstr." agree). Other Latin-1 accented letters lose the accent
//      (é è ê ë -> e, à á â ã å -> a, ç -> c, ñ -> n, ...; æ -> ae, ø -> oe).
//   3. Street-type words: "strasse" at the end of a word (followed by a non-letter or the
//      end) becomes "str", so "Straße", "Strasse", "Str.", "Str" and "-straße" all give "str".
//      "platz" at the end of a word becomes "pl" (so "Markt-Platz" = "Marktpl."). "weg",
//      "allee", "gasse", "ring", "damm" are kept as written; "strassen..." inside a word
//      (Straßenbahnweg) is left alone.
//   4. Everything that is not an ASCII letter or digit is removed: whitespace, - . ' ’ / ( ) ,
//      and so on. Remaining non-ASCII letters (ł, ő, ...) are kept byte for byte.
//   Examples: "Karl-Liebknecht-Straße", "Karl Liebknecht Str.", "karl-liebknechtstr" ->
//   "karlliebknechtstr"; "Auf'm Bögel" -> "aufmboegel"; "Benno-Strauß-Str." -> "bennostraussstr".
//   Abbreviations other than Str./Pl. ("St." for Sankt, "Prof.", "Dr.") are not expanded.
//
// Postcodes: whitespace removed, letters upper-cased, and leading zeros of an all-digit
// postcode dropped ("07743" = "7743": spreadsheets turn 07743 into the number 7743). An
// address layer without any postcode ignores the offers' postcodes.
//
// House numbers: see parse_housenumber() and parse_housenumber_range().
//
// Matching (AddressMatcher::match):
//   - single number: the address rows with the same postcode, street key, number and suffix
//     (suffixes must be equal: "12a" does not match 12, nor 12 match "12a"). One row: matched;
//     several rows (duplicates in the address layer): ambiguous, candidates listed.
//   - without a postcode in the offer: the same, over the whole layer; street + number found
//     under several postcodes is ambiguous.
//   - range "12-14": when both ends have the same parity, the numbers of that parity between
//     them (12, 14: German streets number one side even, the other odd, so 13 is across the
//     street and NOT matched); otherwise every number between them ("11-14": 11, 12, 13, 14).
//     Only addresses without a suffix are covered by a range. Every existing address in the
//     range is matched (missing numbers are fine; none at all is unmatched). A number in the
//     range with duplicate addresses, or a range that spans several postcodes (no postcode
//     given), makes the offer ambiguous.
//   - unmatched: `closest` names the nearest candidate, looked for in this order: the same
//     postcode and street (nearest number, same suffix first); the same street under another
//     postcode; the street of the same postcode with the smallest edit distance; the street of
//     the whole layer with the smallest edit distance.
#include "base/edit_distance.hpp"
#include "read/address_table.hpp"

#include <absl/container/flat_hash_map.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// The key of a street name (rules above). Empty for a name without letters or digits.
std::string normalise_street(std::string_view name);

/// The key of a postcode (rules above).
std::string normalise_postcode(std::string_view postcode);

/// A house number: the number and a normalised suffix.
///   "12" -> {12, ""}; "12a", "12 a", "12 A", "12-a", "12A" -> {12, "a"} (one to three letters,
///   optionally after one space or hyphen; lower-cased); "12/1", "12 / 1" -> {12, "/1"} (a
///   slash suffix is kept with its slash, so "12/1" and "12 1" differ); leading zeros ignored.
///   Anything else (no leading digits, "12 1/2", "12-14") gives nothing.
struct HouseNumber {
    int number = 0;
    std::string suffix;
    friend bool operator==(const HouseNumber&, const HouseNumber&) = default;
};
std::optional<HouseNumber> parse_housenumber(std::string_view text);

/// A range of plain numbers: "12-14", "12 - 14", "12–14" (en dash), "12 bis 14". The first
/// must be smaller than the last. Gives nothing for anything else (including "12a-12c").
struct HouseNumberRange {
    int first = 0;
    int last = 0;
};
std::optional<HouseNumberRange> parse_housenumber_range(std::string_view text);

struct MatchResult {
    enum class Status { matched, ambiguous, unmatched, invalid };
    Status status = Status::unmatched;
    std::vector<std::uint32_t> rows; // matched: the address rows (a range: several); ambiguous: the candidates
    std::string closest;             // unmatched: "Hauptstr. 12, 07743" (empty when there is none)
    std::string problem;             // invalid: what is wrong with the offer's address
};

/// Index over the street, house number and postcode of an AddressTable. The table must
/// outlive the matcher and not change while it is used. Not thread-safe (match() caches).
class AddressMatcher {
public:
    explicit AddressMatcher(const AddressTable& table);

    /// Matches one offer address. `postcode` may be empty.
    [[nodiscard]] MatchResult match(std::string_view postcode, std::string_view street,
                                    std::string_view housenumber) const;

    /// "Hauptstr. 12, 07743" for an address row (as spelled in the address layer).
    [[nodiscard]] std::string describe(std::uint32_t row) const;
    /// The reject reason for a result that is not `matched`.
    [[nodiscard]] std::string reason(const MatchResult& result) const;

    /// Address rows that cannot be matched (no street or no parseable house number).
    [[nodiscard]] std::size_t unindexed() const { return unindexed_; }

private:
    std::vector<std::uint32_t> rows_with(const std::vector<std::uint32_t>& rows, const HouseNumber& hn) const;
    std::optional<std::uint32_t> closest_number(const std::vector<std::uint32_t>& rows, const HouseNumber& hn) const;
    std::string closest(const std::string& pc, const std::string& street, const HouseNumber& hn) const;
    MatchResult match_range(const std::vector<std::uint32_t>& rows, const HouseNumberRange& range) const;

    const AddressTable& table_;
    bool use_postcodes_ = false;
    std::vector<int> number_;           // per row; -1: not indexed
    std::vector<std::string> suffix_;   // per row
    std::vector<std::string> postcode_; // per row, normalised
    // "postcode\x1fstreet" -> rows, and "street" -> rows, in input order.
    absl::flat_hash_map<std::string, std::vector<std::uint32_t>> by_postcode_street_;
    absl::flat_hash_map<std::string, std::vector<std::uint32_t>> by_street_;
    // postcode -> distinct street keys (sorted), and all distinct street keys (sorted).
    absl::flat_hash_map<std::string, std::vector<std::string>> streets_in_postcode_;
    std::vector<std::string> streets_;
    std::size_t unindexed_ = 0;
    // Closest-street search state (a matcher is used from one thread).
    mutable absl::flat_hash_map<std::string, const std::string*> nearest_cache_;
    mutable std::vector<std::size_t> prev_, cur_;
};

} // namespace coverage
