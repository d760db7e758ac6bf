// The one Levenshtein distance (lib/src/base/edit_distance.cpp) behind every "did you mean":
// profile keys and names, command-line options, street names. Expected values by hand.
#include "base/edit_distance.hpp"
#include "coverage/edit_distance.hpp"

#include <doctest/doctest.h>

using namespace coverage;

TEST_CASE("edit_distance")
{
    CHECK(edit_distance("heissenerwg", "heissenerweg") == 1); // one insertion
    CHECK(edit_distance("heissenerwg", "heissenerstr") == 3); // w->s, g->t, +r
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3); // the textbook example
    CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("bounded_distance stops above the limit but is exact within it")
{
    std::vector<std::size_t> prev, cur;
    CHECK(bounded_distance("kitten", "sitting", 5, prev, cur) == 3);
    CHECK(bounded_distance("abcdef", "uvwxyz", 2, prev, cur) > 2);
}

TEST_CASE("nearest_name: the closest candidate, first on a tie, none beyond max_distance")
{
    const std::vector<std::string_view> options{"offers", "addresses", "output", "overwrite"};
    CHECK(nearest_name("offer", options) == "offers");
    CHECK(nearest_name("adresses", options) == "addresses");
    CHECK(nearest_name("zzzzzzzzzzzz", options, 3).empty());
    CHECK(nearest_name("x", {}).empty());
    const std::vector<std::string_view> tie{"ab", "ba"};
    CHECK(nearest_name("aa", tie) == "ab"); // both at distance 1: the first wins
}

TEST_CASE("nearest_name: a name typed in part wins over edit distance")
{
    const std::vector<std::string_view> profiles{"berec-vhcn", "de-gf-2021", "gigabit", "us-bead-2022", "us-bead-2025"};
    // By edit distance alone "bead" is 6 from "gigabit" but 8 from "us-bead-2022".
    CHECK(edit_distance("bead", "gigabit") < edit_distance("bead", "us-bead-2022"));
    CHECK(nearest_name("bead", profiles) == "us-bead-2022");
    CHECK(nearest_name("gigabitt", profiles) == "gigabit"); // not a part of any: edit distance
}
