#pragma once
// The fuzz targets' bodies, shared by the libFuzzer binaries (tests/fuzz/fuzz_*.cpp) and the
// unit test that replays the seed corpus and every past finding (tests/fuzz/regressions/)
// in the ordinary and the sanitizer build.
//
// fuzz_csv_one: arbitrary bytes as a CSV file, read three ways — the raw TableReader
// (every field of every row), read_offers against a tiny address table (ids as in the
// seeds), and read_addresses with a projected CRS — plus the number and date parsers on the
// bytes themselves. Whole-file problems must be InputError/UsageError; anything else (a
// crash, a sanitizer report, another exception type, a broken accounting) is a finding.
//
// fuzz_profile_one: arbitrary bytes as a rule profile (TOML). A bad profile must be an
// InputError naming the file; a profile that parses must classify a few offers.
#include "classify/evaluate.hpp"
#include "classify/offer.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "coverage/profile.hpp"
#include "read/address_table.hpp"
#include "read/offer_reader.hpp"
#include "read/table_reader.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace fuzz_detail {

inline const std::string& scratch_path()
{
    static const std::string path = "/tmp/coverage_fuzz_csv_" + std::to_string(::getpid()) + ".csv";
    return path;
}

inline void write_file(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) __builtin_trap();
    if (size && std::fwrite(data, 1, size, f) != size) __builtin_trap();
    std::fclose(f);
}

template <class F>
void expect_only_input_errors(F&& f)
{
    try {
        f();
    } catch (const coverage::InputError&) {
    } catch (const coverage::UsageError&) {
    }
}

} // namespace fuzz_detail

inline int fuzz_csv_one(const std::uint8_t* data, std::size_t size)
{
    using namespace coverage;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)parse_number(text, NumberKind::quantity);
    (void)parse_number(text, NumberKind::coordinate);
    (void)parse_planned_date(text);
    (void)parse_iso_date(text);

    using namespace fuzz_detail;
    const std::string& path = scratch_path();
    write_file(path, data, size);

    expect_only_input_errors([&] {
        auto in = TableReader::open(path, ReadOptions{});
        std::size_t bytes = 0;
        while (in->next()) {
            (void)row_shape_problem(*in);
            for (std::size_t i = 0; i < in->field_count(); ++i) bytes += in->field(static_cast<int>(i)).size();
            (void)in->where();
        }
        (void)header_hint(*in);
        if (bytes > size * 2 + 16) __builtin_trap(); // fields are slices of the input
    });

    expect_only_input_errors([&] {
        AddressTable table;
        for (const char* id : {"a01", "b1", "007", "16053-000159", "1052864074"}) table.add_id_only(id);
        ProviderTable providers;
        RejectLog rejects;
        InputAccount account;
        OfferReadOptions options;
        std::uint64_t sunk = 0;
        read_offers(path, options, table, providers, rejects, account,
                    [&](std::uint32_t row, const Offer&) { sunk += row < table.size(); });
        if (account.read != account.used + account.rejected || account.used != sunk ||
            rejects.size() != account.rejected)
            __builtin_trap(); // the accounting invariant
    });

    expect_only_input_errors([&] {
        RejectLog rejects;
        InputAccount account;
        AddressReadOptions options;
        options.crs = "EPSG:25832";
        const AddressTable t = read_addresses(path, options, rejects, account);
        if (account.read != account.used + account.rejected || t.size() != account.used) __builtin_trap();
    });
    return 0;
}

inline int fuzz_profile_one(const std::uint8_t* data, std::size_t size)
{
    using namespace coverage;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Profile profile;
    try {
        profile = parse_profile(text, "fuzz.toml");
    } catch (const InputError& e) {
        if (std::string_view(e.what()).rfind("fuzz.toml", 0) != 0) __builtin_trap(); // names the file
        return 0;
    }
    Evaluator evaluator(profile, *parse_iso_date("2025-12-31"));
    ProviderTable providers;
    Accumulator acc;
    const Technology techs[] = {Technology::ftth, Technology::vdsl, Technology::lte, Technology::fwa_licensed};
    for (std::uint32_t i = 0; i < 4; ++i) {
        Offer o;
        o.provider = providers.intern(i % 2 ? "netA" : "netB");
        o.technology = techs[i];
        o.down_mbps = 30.0 * (i + 1) * (i + 1);
        o.up_mbps = 10.0 * i;
        o.latency_ms = 20;
        if (i == 3) {
            o.status = Status::planned;
            o.planned = *parse_iso_date("2027-06-30");
        }
        evaluator.add(acc, o);
    }
    for (const char* category : {"residential", "school", ""}) {
        const Classification c = evaluator.classify(acc, category, providers);
        if (c.class_name.empty()) __builtin_trap();
    }
    (void)evaluator.classify(Accumulator{}, "residential", providers);
    return 0;
}

#include "read/address_match.hpp"

// fuzz_address_one: the address normaliser. The bytes are "postcode<TAB>street<TAB>house
// number" (missing parts are empty); each part also goes through every normaliser on its
// own, and the triple is matched against a small address table of real Essen and Jena
// spellings. A range that parses must have first < last; a match must name rows that exist.
inline int fuzz_address_one(const std::uint8_t* data, std::size_t size)
{
    using namespace coverage;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string_view parts[3];
    std::string_view rest = text;
    for (int i = 0; i < 3; ++i) {
        const auto tab = rest.find('\t');
        parts[i] = i < 2 && tab != std::string_view::npos ? rest.substr(0, tab) : rest;
        rest = tab != std::string_view::npos && i < 2 ? rest.substr(tab + 1) : std::string_view{};
    }
    (void)normalise_street(text);
    (void)normalise_postcode(text);
    (void)parse_housenumber(text);
    if (auto r = parse_housenumber_range(text); r && !(r->first < r->last)) __builtin_trap();
    static const AddressTable table = [] {
        AddressTable t;
        const char* rows[][3] = {{"45141", "Altenessener Straße", "12"},     {"45141", "Altenessener Str.", "12a"},
                                 {"45127", "Kettwiger Straße", "1"},         {"45127", "Kettwiger Straße", "3"},
                                 {"07743", "Karl-Liebknecht-Straße", "7/1"}, {"07743", "Löbdergraben", "20"},
                                 {"", "### Straßenname unbekannt", ""},      {"45239", "Auf'm Bögel", "5"}};
        for (const auto& r : rows) {
            // The columns are append-only arenas: add the row whole.
            const std::string id = std::string("r") + std::to_string(t.size());
            t.add_index(id, static_cast<std::uint32_t>(t.size()));
            t.id.push_back(id);
            t.units.push_back(1);
            t.source_row.push_back(0);
            t.category.push_back("");
            t.postcode.push_back(r[0]);
            t.street.push_back(r[1]);
            t.housenumber.push_back(r[2]);
        }
        return t;
    }();
    static const AddressMatcher matcher(table);
    const MatchResult m = matcher.match(parts[0], parts[1], parts[2]);
    for (const std::uint32_t row : m.rows)
        if (row >= table.size()) __builtin_trap();
    if (m.status != MatchResult::Status::matched) (void)matcher.reason(m);
    return 0;
}
