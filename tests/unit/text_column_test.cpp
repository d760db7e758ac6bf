// TextColumn: the compact text column of ResultTable (interned, or an arena past
// max_interned distinct values); every access must give back exactly the text pushed.
#include "coverage/error.hpp"
#include "coverage/results.hpp"
#include "temp_dir.hpp"

#include <cstdio>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using coverage::TextColumn;

TEST_CASE("text column: interned values read back, distinct sorted, per_row once per value")
{
    TextColumn c;
    for (const char* v : {"white", "grey", "white", "", "served", "grey"}) c.push_back(v);
    REQUIRE(c.size() == 6);
    CHECK(c.interned());
    CHECK(c[0] == "white");
    CHECK(c[1] == "grey");
    CHECK(c[2] == "white");
    CHECK(c[3].empty());
    CHECK(c[4] == "served");
    CHECK(c[5] == "grey");
    CHECK(c.values().size() == 4); // white, grey, "", served
    CHECK(c.distinct() == std::vector<std::string>{"", "grey", "served", "white"});
    int calls = 0;
    const auto len = c.per_row<std::size_t>([&](std::string_view v) {
        ++calls;
        return v.size();
    });
    CHECK(calls == 4);
    CHECK(len == std::vector<std::size_t>{5, 4, 5, 0, 6, 4});
}

TEST_CASE("text column: permute, copy and empty rows")
{
    TextColumn c{"a", "b", "c"};
    TextColumn copy = c;
    c.permute({2, 0, 1});
    CHECK(c[0] == "c");
    CHECK(c[1] == "a");
    CHECK(c[2] == "b");
    CHECK(copy[0] == "a"); // the copy is independent
    copy.push_back("b");   // and still interns (its own index)
    CHECK(copy.values().size() == 3);
    const TextColumn empty(3);
    CHECK(empty.size() == 3);
    CHECK(empty[2].empty());
}

TEST_CASE("text column: an arena column, and an interned one past max_interned values")
{
    TextColumn ids(TextColumn::Storage::arena);
    ids.push_back("DE1");
    ids.push_back("");
    ids.push_back("DE22");
    CHECK_FALSE(ids.interned());
    CHECK(ids[0] == "DE1");
    CHECK(ids[1].empty());
    CHECK(ids[2] == "DE22");
    ids.permute({2, 1, 0});
    CHECK(ids[0] == "DE22");
    CHECK(ids[2] == "DE1");
    CHECK(ids.distinct() == std::vector<std::string>{"", "DE1", "DE22"});

    // Most values distinct: the column turns into an arena at max_interned + 1 values and
    // keeps every value, before and after the switch.
    TextColumn many;
    const std::size_t n = 2 * TextColumn::max_interned; // 6/7 of them distinct
    for (std::size_t i = 0; i < n; ++i) many.push_back(i % 7 == 0 ? std::string("x") : std::to_string(i));
    CHECK_FALSE(many.interned());
    REQUIRE(many.size() == n);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i) wrong += many[i] != (i % 7 == 0 ? std::string("x") : std::to_string(i));
    CHECK(wrong == 0);
}

TEST_CASE("read_results with a selection keeps only the columns asked for")
{
    const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                             "/coverage-text-column-test-" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream f(path);
        f << "id,lon,lat,units,class,eligible,district,networks\n"
             "a,11.5,50.5,2,white,true,D1,0\n"
             "b,11.6,50.6,3,grey,false,D2,1\n";
    }
    coverage::ResultSelection keep;
    keep.coordinates = keep.units = keep.all_extras = false;
    keep.extras = {"DISTRICT"}; // matched case-insensitively
    const coverage::ResultTable t = coverage::read_results({path}, {}, keep);
    std::remove(path.c_str());
    REQUIRE(t.size() == 2);
    CHECK(t.id[1] == "b");
    CHECK(t.class_name[1] == "grey");
    CHECK(t.eligible == std::vector<std::uint8_t>{1, 0});
    CHECK(t.lon.empty());
    CHECK(t.units.empty());
    CHECK(t.extra_names == std::vector<std::string>{"district"});
    CHECK(t.all_extra_names == std::vector<std::string>{"district", "networks"});
    CHECK(t.extra[0][1] == "D2");
    // A column that is not there is named among every column of the file, kept or not.
    CHECK_THROWS_WITH_AS(static_cast<void>(t.text_column("area")), doctest::Contains("district, networks"),
                         coverage::InputError);
}

TEST_CASE("read_results: a file whose first rows are long (an estimate far too low) reads whole")
{
    // 20 rows of 4 kB, then 10 000 short ones: the size-based estimate is a few hundred rows.
    // Reserving for the rest once 4 096 rows are read computed (estimate - rows read) in
    // unsigned arithmetic and asked for exabytes ("basic_string::_M_create").
    const coverage::test::TempDir dir;
    const std::string path = dir / "long-first-rows.csv";
    {
        std::ofstream f(path);
        f << "id,class,eligible,note\n";
        for (int i = 0; i < 20; ++i) f << "L" << i << ",white,true," << std::string(4000, 'x') << "\n";
        for (int i = 0; i < 10000; ++i) f << "S" << i << ",grey,false,\n";
    }
    const coverage::ResultTable t = coverage::read_results({path});
    REQUIRE(t.size() == 10020);
    CHECK(t.id[0] == "L0");
    CHECK(t.id[10019] == "S9999");
    CHECK(t.class_name[10019] == "grey");
    CHECK(t.extra[0][19].size() == 4000);
}
