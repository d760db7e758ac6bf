// The command-line parsers on their own: argv in, options struct out, no file opened.
#include "commands.hpp"

#include "coverage/error.hpp"

#include <doctest/doctest.h>

using namespace coverage;
using namespace coverage::cli;

TEST_CASE("classify: repeated and comma-separated options accumulate")
{
    const auto p = parse_classify_options({"--addresses", "a.csv", "--offers", "o1.csv", "--offers", "o2.csv", "--keep",
                                           "district,postcode", "--keep", "ags", "--delimiter", "tab", "--as-of",
                                           "2026-06-30", "-o", "out.csv"});
    REQUIRE(p);
    CHECK(*p->options.addresses == "a.csv");
    CHECK(p->options.offers == std::vector<std::string>{"o1.csv", "o2.csv"});
    CHECK(p->options.address_read.fields.keep == std::vector<std::string>{"district", "postcode", "ags"});
    CHECK(p->options.address_read.read.delimiter == '\t');
    // The offers and the spatial layers inherit the address file's read options (one delimiter flag).
    CHECK(p->options.offer_read.read.delimiter == '\t');
    CHECK(p->options.spatial.read.delimiter == '\t');
    CHECK(p->options.as_of == "2026-06-30");
    CHECK(p->options.offer_read.match == MatchMode::id);
}

TEST_CASE("classify: usage errors")
{
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv"}), UsageError);  // no -o
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "x.csv", "--match", "street"}), UsageError);
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "x.csv", "--delimiter", ";;"}), UsageError);
    CHECK_THROWS_AS(parse_classify_options({"--offer", "o.csv", "-o", "x.csv"}), UsageError);  // no guessing
}

TEST_CASE("classify: --match address and today's date by default")
{
    const auto p = parse_classify_options({"--offers", "o.csv", "--match", "address", "-o", "-"});
    REQUIRE(p);
    CHECK(p->options.offer_read.match == MatchMode::address);
    CHECK(p->options.as_of.size() == 10);  // YYYY-MM-DD
}

TEST_CASE("aggregate: modes, grid sizes, bands")
{
    auto p = parse_aggregate_options({"--grid", "1km", "-o", "cells.csv", "r.csv"});
    REQUIRE(p);
    CHECK(p->options.mode == AreaMode::grid);
    CHECK(p->options.grid_m == 1000);
    CHECK(p->inputs == std::vector<std::string>{"r.csv"});
    p = parse_aggregate_options({"--grid", "100m", "--bands", "0,10,50", "-o", "c.csv", "a.csv", "b.csv"});
    REQUIRE(p);
    CHECK(p->options.grid_m == 100);
    CHECK(p->options.bands == std::vector<double>{0, 10, 50});
    CHECK(p->inputs.size() == 2);
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "5km", "-o", "c.csv", "r.csv"}), UsageError);
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "--bands", "0,50,10", "-o", "c.csv", "r.csv"}),
                    UsageError);
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "--clusters", "100", "-o", "c.csv", "r.csv"}),
                    UsageError);
    CHECK_THROWS_AS(parse_aggregate_options({"--areas", "d.gpkg", "-o", "c.csv", "r.csv"}), UsageError);  // no --area-id
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "-o", "c.csv", "-", "-"}), UsageError);
    // --grid-crs: EPSG:3035 (default) or utm; with --grid or --clusters only.
    CHECK(parse_aggregate_options({"--grid", "1km", "--grid-crs", "utm", "-o", "c.csv", "r.csv"})->options.grid_crs == "utm");
    CHECK(parse_aggregate_options({"--clusters", "500", "--grid-crs", "utm", "-o", "c.csv", "r.csv"}));
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "--grid-crs", "h3", "-o", "c.csv", "r.csv"}), UsageError);
    CHECK_THROWS_AS(parse_aggregate_options({"--areas", "d.gpkg", "--area-id", "n", "--grid-crs", "utm", "-o", "c.csv",
                                             "r.csv"}),
                    UsageError);
}

TEST_CASE("summary and diff")
{
    const auto s = parse_summary_options({"--format", "json", "--by", "district", "r.csv"});
    REQUIRE(s);
    CHECK(s->output == "-");
    CHECK(s->format == SummaryFormat::json);
    CHECK(s->options.by == "district");
    CHECK_THROWS_AS(parse_summary_options({"--format", "yaml", "r.csv"}), UsageError);
    const auto d = parse_diff_options({"old.csv", "new.csv", "--by", "district"});
    REQUIRE(d);
    CHECK(d->old_path == "old.csv");
    CHECK(d->new_path == "new.csv");
    CHECK_THROWS_AS(parse_diff_options({"only.csv"}), UsageError);
    CHECK_THROWS_AS(parse_diff_options({"-", "-"}), UsageError);
    // diff as a CI gate: --fail-on any by default; --fail-on-change is its alias.
    CHECK(d->fail_on == FailOn::any);
    CHECK(parse_diff_options({"--fail-on", "class", "a.csv", "b.csv"})->fail_on == FailOn::class_change);
    CHECK(parse_diff_options({"--fail-on", "eligible", "a.csv", "b.csv"})->fail_on == FailOn::eligible);
    CHECK(parse_diff_options({"--fail-on", "none", "a.csv", "b.csv"})->fail_on == FailOn::none);
    CHECK(parse_diff_options({"--fail-on-change", "a.csv", "b.csv"})->fail_on == FailOn::any);
    CHECK(parse_diff_options({"--format", "json", "a.csv", "b.csv"})->json);
    CHECK_THROWS_AS(parse_diff_options({"--fail-on", "speed", "a.csv", "b.csv"}), UsageError);
    CHECK_THROWS_AS(parse_diff_options({"--fail-on-change", "--fail-on", "class", "a.csv", "b.csv"}), UsageError);
    CHECK_THROWS_AS(parse_diff_options({"--format", "yaml", "a.csv", "b.csv"}), UsageError);
    CHECK_THROWS_AS(parse_diff_options({"--all", "a.csv", "b.csv"}), UsageError);  // --all needs --by
}
