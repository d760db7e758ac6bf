// Address matching (--match address) with real German spellings: the street names and house
// numbers of tests/data/essen/essen_addresses_4326.csv (official Essen house coordinates) and a
// hand-made layer with postcodes for the cases Essen's data has none of (postcodes,
// duplicates, one street name in two towns). Expected values are by hand.
#include "read/address_match.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace coverage;
using Status = MatchResult::Status;

namespace {

AddressTable essen()
{
    AddressReadOptions o;
    o.fields.id = "objectid"; // strname, hsnr, hsnrzu are detected
    RejectLog rejects;
    InputAccount account;
    AddressTable t =
        read_addresses(COVERAGE_SOURCE_DIR "/tests/data/essen/essen_addresses_4326.csv", o, rejects, account);
    REQUIRE(t.size() == 102981);
    REQUIRE(rejects.size() == 0);
    return t;
}

std::vector<std::string> ids(const AddressTable& t, const MatchResult& m)
{
    std::vector<std::string> out;
    for (auto r : m.rows) out.emplace_back(t.id[r]);
    return out;
}

// id, street, house number, postcode
AddressTable handmade(const std::vector<std::vector<std::string>>& rows)
{
    AddressTable t;
    for (const auto& r : rows) {
        // The columns are append-only arenas: add the row whole.
        t.add_index(r[0], static_cast<std::uint32_t>(t.size()));
        t.id.push_back(r[0]);
        t.units.push_back(1);
        t.source_row.push_back(0);
        t.category.push_back("");
        t.street.push_back(r[1]);
        t.housenumber.push_back(r[2]);
        t.postcode.push_back(r[3]);
    }
    return t;
}

} // namespace

TEST_CASE("normalise_street: German spellings of one street give one key")
{
    CHECK(normalise_street("Karl-Liebknecht-Straße") == "karlliebknechtstr");
    CHECK(normalise_street("Karl Liebknecht Str.") == "karlliebknechtstr");
    CHECK(normalise_street("karl-liebknechtstr") == "karlliebknechtstr");
    CHECK(normalise_street("KARL-LIEBKNECHT-STRASSE") == "karlliebknechtstr");
    // Essen spells "Str."; offers spell it out, with or without ß.
    CHECK(normalise_street("Benno-Strauß-Str.") == "bennostraussstr");
    CHECK(normalise_street("Benno Strauss Straße") == "bennostraussstr");
    CHECK(normalise_street("benno-strauss-strasse") == "bennostraussstr");
    CHECK(normalise_street("Heißener Str.") == "heissenerstr");
    CHECK(normalise_street("Heissener Strasse") == "heissenerstr");
    CHECK(normalise_street("Heißener Weg") == "heissenerweg"); // "weg" is kept
    // Umlauts, upper and lower case, written out, and decomposed (o + U+0308, as macOS writes).
    CHECK(normalise_street("Auf'm Bögel") == "aufmboegel");
    CHECK(normalise_street("AUF'M BÖGEL") == "aufmboegel");
    CHECK(normalise_street("Aufm Boegel") == "aufmboegel");
    CHECK(normalise_street("Auf\xE2\x80\x99m Bo\xCC\x88gel") == "aufmboegel"); // ’ and o + ¨
    CHECK(normalise_street("Äbtissinsteig") == "aebtissinsteig");
    CHECK(normalise_street("ÄBTISSINSTEIG") == "aebtissinsteig");
    CHECK(normalise_street("Kißmanns Berg") == "kissmannsberg");
    // platz / Pl.
    CHECK(normalise_street("Gußmannplatz") == "gussmannpl");
    CHECK(normalise_street("Gussmann-Platz") == "gussmannpl");
    CHECK(normalise_street("Gußmannpl.") == "gussmannpl");
    // Roman numerals and hyphens stay distinct where they distinguish streets.
    CHECK(normalise_street("I. Fließstr.") == "ifliessstr");
    CHECK(normalise_street("II. Fließstr.") == "iifliessstr");
    CHECK(normalise_street("Am U-Bogen") == "amubogen");
    // "strasse" only at the end of a word.
    CHECK(normalise_street("Straßenbahnweg") == "strassenbahnweg");
    CHECK(normalise_street("Straße des 17. Juni") == "strdes17juni");
    CHECK(normalise_street("Str. des 17. Juni") == "strdes17juni");
    CHECK(normalise_street("Rue de l'Église") == "ruedeleglise");
    CHECK(normalise_street("Hauptstraße") == normalise_street("Hauptstr"));
    CHECK(normalise_street(" - . ").empty());
}

TEST_CASE("parse_housenumber: suffix forms")
{
    CHECK(parse_housenumber("12") == HouseNumber{12, ""});
    for (const char* s : {"12a", "12 a", "12 A", "12-a", "12A", " 12  a "}) {
        CAPTURE(s);
        CHECK(parse_housenumber(s) == HouseNumber{12, "a"});
    }
    CHECK(parse_housenumber("12/1") == HouseNumber{12, "/1"});
    CHECK(parse_housenumber("12 / 1") == HouseNumber{12, "/1"});
    CHECK(parse_housenumber("012") == HouseNumber{12, ""});
    CHECK(parse_housenumber("4B") == HouseNumber{4, "b"});
    CHECK_FALSE(parse_housenumber(""));
    CHECK_FALSE(parse_housenumber("a12"));
    CHECK_FALSE(parse_housenumber("12-14")); // a range, see below
    CHECK_FALSE(parse_housenumber("12 1/2"));
    CHECK_FALSE(parse_housenumber("12abcd"));
}

TEST_CASE("parse_housenumber_range")
{
    // clang-format off
    for (const char* s : {"12-14", "12 - 14", "12\xE2\x80\x93" "14", "12 bis 14"}) {
        // clang-format on
        CAPTURE(s);
        auto r = parse_housenumber_range(s);
        REQUIRE(r);
        CHECK(r->first == 12);
        CHECK(r->last == 14);
    }
    CHECK_FALSE(parse_housenumber_range("14-12"));
    CHECK_FALSE(parse_housenumber_range("12-12"));
    CHECK_FALSE(parse_housenumber_range("12a-12c"));
    CHECK_FALSE(parse_housenumber_range("12-"));
}

TEST_CASE("normalise_postcode: spreadsheets drop the leading zero")
{
    CHECK(normalise_postcode("07743") == "7743");
    CHECK(normalise_postcode("7743") == "7743");
    CHECK(normalise_postcode(" 45127 ") == "45127");
    CHECK(normalise_postcode("sw1a 1aa") == "SW1A1AA");
}

TEST_CASE("AddressMatcher on the Essen addresses (no postcodes: offers' postcodes are ignored)")
{
    const AddressTable t = essen();
    const AddressMatcher m(t);
    CHECK(m.unindexed() == 3397); // the rows without a house number (tests/data/essen/SOURCE.md)

    // Essen's "Heißener Str." 58 and 58 + hsnrzu A, spelled as an operator would.
    auto r = m.match("45139", "Heissener Strasse", "58 a");
    CHECK(r.status == Status::matched);
    CHECK(ids(t, r) == std::vector<std::string>{"40074"});
    r = m.match("", "Heißener Str.", "58");
    CHECK(ids(t, r) == std::vector<std::string>{"40073"});
    r = m.match("", "Gussmann-Platz", "11 A");
    CHECK(ids(t, r) == std::vector<std::string>{"35322"});
    r = m.match("", "AUF'M BÖGEL", "2");
    CHECK(ids(t, r) == std::vector<std::string>{"9261"});

    // Suffixes must be equal: 58b does not exist; 58 and 58A are both 0 away, 58 (no suffix) first.
    r = m.match("", "Heißener Str.", "58b");
    CHECK(r.status == Status::unmatched);
    CHECK(m.reason(r) == "unmatched address (closest: Heißener Str. 58)");
    // Äbtissinsteig has only 38A and 38B.
    r = m.match("", "Äbtissinsteig", "38");
    CHECK(m.reason(r) == "unmatched address (closest: Äbtissinsteig 38 A)");
    r = m.match("", "Gußmannplatz", "26");
    CHECK(m.reason(r) == "unmatched address (closest: Gußmannplatz 25)");
    // Unknown street: the nearest street key of the city by edit distance (heissenerweg, 1 edit away).
    r = m.match("", "Heissener Wg", "9");
    CHECK(m.reason(r) == "unmatched address (closest: Heißener Weg 9)");

    // Ranges. Same parity: 2-8 is 2, 4, 6, 8; 4 exists only as 4A..4F (a range covers no
    // suffixes) and 6 does not exist: 2 and 8.
    r = m.match("", "Aufm Boegel", "2-8");
    CHECK(r.status == Status::matched);
    CHECK(ids(t, r) == std::vector<std::string>{"9261", "9271"});
    r = m.match("", "Auf'm Bögel", "3-9");
    CHECK(ids(t, r) == std::vector<std::string>{"9262", "9269", "9270", "9272"});
    // Mixed parity: every number between: 35, 36, 37, 38.
    r = m.match("", "Auf'm Bögel", "35-38");
    CHECK(ids(t, r) == std::vector<std::string>{"9286", "9287", "9288", "9289"});
    // 44-47 on Kißmanns Berg: 44, 45, 47 (46 does not exist).
    r = m.match("", "Kissmanns Berg", "44 bis 47");
    CHECK(ids(t, r) == std::vector<std::string>{"54713", "54714", "54715"});
    // 46-48 same parity: 46 and 48 do not exist.
    r = m.match("", "Kißmanns Berg", "46-48");
    CHECK(r.status == Status::unmatched);
    CHECK(m.reason(r) == "unmatched address (closest: Kißmanns Berg 45)");

    // Invalid offers.
    r = m.match("", "Äbtissinsteig", "");
    CHECK(r.status == Status::invalid);
    CHECK(m.reason(r) == "empty house number");
    r = m.match("", "", "3");
    CHECK(m.reason(r) == "empty street");
    r = m.match("", "Äbtissinsteig", "vierzig");
    CHECK(r.status == Status::invalid);
}

TEST_CASE("AddressMatcher with postcodes, duplicates and one street name in two towns")
{
    const AddressTable t = handmade({
        {"a1", "Hauptstraße", "12", "07743"},
        {"a2", "Hauptstraße", "14", "07743"},
        {"a3", "Hauptstraße", "12", "07745"},
        {"a4", "Lindenweg", "1", "07743"},
        {"a5", "Lindenweg", "3", "07743"},
        {"a6", "Lindenweg", "3", "07743"}, // duplicate of a5
        {"a7", "Lindenweg", "5", "07743"},
    });
    const AddressMatcher m(t);

    auto r = m.match("07743", "Hauptstr.", "12");
    CHECK(r.status == Status::matched);
    CHECK(ids(t, r) == std::vector<std::string>{"a1"});
    r = m.match("7743", "HAUPTSTRASSE", "12"); // leading zero lost in a spreadsheet
    CHECK(ids(t, r) == std::vector<std::string>{"a1"});
    r = m.match("07745", "Hauptstr", "12");
    CHECK(ids(t, r) == std::vector<std::string>{"a3"});

    // No postcode: Hauptstraße 12 exists in two postcodes.
    r = m.match("", "Hauptstraße", "12");
    CHECK(r.status == Status::ambiguous);
    CHECK(m.reason(r) ==
          "ambiguous address: 2 candidates (id a1: Hauptstraße 12, 07743; id a3: Hauptstraße 12, 07745)");
    // No postcode but unique in the whole layer.
    r = m.match("", "Hauptstraße", "14");
    CHECK(ids(t, r) == std::vector<std::string>{"a2"});
    // Duplicates in the address layer.
    r = m.match("07743", "Lindenweg", "3");
    CHECK(r.status == Status::ambiguous);
    CHECK(m.reason(r) == "ambiguous address: 2 candidates (id a5: Lindenweg 3, 07743; id a6: Lindenweg 3, 07743)");
    // A range over a duplicated number is ambiguous, naming the duplicates.
    r = m.match("07743", "Lindenweg", "1-5");
    CHECK(r.status == Status::ambiguous);
    CHECK(ids(t, r) == std::vector<std::string>{"a5", "a6"});
    // A range without a postcode spanning two postcodes is ambiguous.
    r = m.match("", "Hauptstraße", "12-14");
    CHECK(r.status == Status::ambiguous);
    r = m.match("07743", "Hauptstraße", "12-14");
    CHECK(ids(t, r) == std::vector<std::string>{"a1", "a2"});
    // Wrong postcode: the same street under another postcode is the closest candidate.
    r = m.match("07749", "Hauptstraße", "12");
    CHECK(r.status == Status::unmatched);
    CHECK(m.reason(r) == "unmatched address (closest: Hauptstraße 12, 07743)");
    // Misspelt street in a known postcode: nearest street of that postcode.
    r = m.match("07743", "Lindenstr.", "7");
    CHECK(m.reason(r) == "unmatched address (closest: Lindenweg 5, 07743)");
}
