// Shards (coverage/shard.hpp, read/shard.cpp): the documented hash and the reader filter.
#include "coverage/error.hpp"
#include "coverage/shard.hpp"
#include "read/address_table.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace coverage;

TEST_CASE("fnv1a64 matches the published FNV-1a 64 test vectors")
{
    // The offset basis for no bytes; "a" and "foobar" from the FNV reference test suite
    // (Noll, "FNV Hash", test vectors for FNV-1a 64).
    CHECK(fnv1a64("") == 14695981039346656037ull);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("shard_of: FNV-1a 64 of the trimmed id bytes modulo N, empty ids in shard 0")
{
    // Expected values computed independently in Python (hash of the UTF-8 bytes, then % N).
    CHECK(shard_of("16053-000003", 4) == 0); // 0x8459bdc725b6a874
    CHECK(shard_of("16053-000003", 3) == 2);
    CHECK(shard_of("1052864074", 4) == 2); // 0x9cc030c2fecfc99a
    CHECK(shard_of("007", 8) == 6);        // 0x4e7eef181d60f22e: text, never a number
    CHECK(shard_of("7", 3) == 2);          // 0xaf63aa4c86019796; "007" is in shard 1 of 3
    CHECK(shard_of("007", 3) == 1);
    CHECK(shard_of("Straße 1", 4) == 3); // UTF-8 bytes: 0xf984442b2d27443b
    CHECK(shard_of("  007 ", 8) == 6);   // trimmed as the readers trim ids
    CHECK(shard_of("", 4) == 0);
    CHECK(shard_of("   ", 4) == 0);
    CHECK(shard_of("anything", 1) == 0);
}

TEST_CASE("parse_shard takes I/N with 0 <= I < N")
{
    const Shard s = parse_shard("3/8");
    CHECK(s.index == 3);
    CHECK(s.count == 8);
    CHECK(s.label() == "3/8");
    CHECK(parse_shard("0/1").whole());
    for (const char* bad : {"4/4", "1/0", "x/4", "1", "1/", "/4", "-1/4", "1/4 ", "1.0/4"})
        CHECK_THROWS_AS(parse_shard(bad), UsageError);
}

TEST_CASE("reading one shard of an address layer: its rows kept, the others counted as skipped")
{
    const std::string path = COVERAGE_SOURCE_DIR "/tests/data/conformance/addresses.csv";
    AddressReadOptions options;
    options.crs = "EPSG:25832";
    std::uint64_t used = 0;
    // 23 addresses; by the hash (computed in Python) 9 fall in shard 0/3 and 8 in shard 1/3.
    const std::uint64_t expected[] = {9, 8, 6};
    for (std::uint32_t i = 0; i < 3; ++i) {
        options.shard = {i, 3};
        RejectLog rejects;
        InputAccount account;
        const AddressTable t = read_addresses(path, options, rejects, account);
        CHECK(t.size() == expected[i]);
        CHECK(account.read == 23);
        CHECK(account.used + account.rejected + account.skipped == account.read);
        CHECK(account.skipped == 23 - expected[i]);
        for (std::size_t r = 0; r < t.size(); ++r) CHECK(shard_of(t.id[r], 3) == i);
        used += account.used;
    }
    CHECK(used == 23);
}
