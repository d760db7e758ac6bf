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
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv"}), UsageError); // no -o
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "x.csv", "--match", "street"}), UsageError);
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "-o", "x.csv", "--delimiter", ";;"}), UsageError);
    CHECK_THROWS_AS(parse_classify_options({"--offer", "o.csv", "-o", "x.csv"}), UsageError); // no guessing
}

TEST_CASE("classify: --match address and today's date by default")
{
    const auto p = parse_classify_options({"--offers", "o.csv", "--match", "address", "-o", "-"});
    REQUIRE(p);
    CHECK(p->options.offer_read.match == MatchMode::address);
    CHECK(p->options.as_of.size() == 10); // YYYY-MM-DD
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
    CHECK_THROWS_AS(parse_aggregate_options({"--areas", "d.gpkg", "-o", "c.csv", "r.csv"}), UsageError); // no --area-id
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "-o", "c.csv", "-", "-"}), UsageError);
    // --grid-crs: EPSG:3035 (default) or utm; with --grid or --clusters only.
    CHECK(parse_aggregate_options({"--grid", "1km", "--grid-crs", "utm", "-o", "c.csv", "r.csv"})->options.grid_crs ==
          "utm");
    CHECK(parse_aggregate_options({"--clusters", "500", "--grid-crs", "utm", "-o", "c.csv", "r.csv"}));
    CHECK_THROWS_AS(parse_aggregate_options({"--grid", "1km", "--grid-crs", "h3", "-o", "c.csv", "r.csv"}), UsageError);
    CHECK_THROWS_AS(
        parse_aggregate_options({"--areas", "d.gpkg", "--area-id", "n", "--grid-crs", "utm", "-o", "c.csv", "r.csv"}),
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
    CHECK_THROWS_AS(parse_diff_options({"--all", "a.csv", "b.csv"}), UsageError); // --all needs --by
}

TEST_CASE("plan: defaults, repeatable layers, --list-costs, usage errors")
{
    auto p = parse_plan_options(
        {"r.csv", "--streets", "a.gpkg", "--streets", "b.gpkg", "--routes", "f.geojson", "-o", "n.gpkg"});
    REQUIRE(p);
    CHECK(p->options.results == std::vector<std::string>{"r.csv"});
    CHECK(p->options.streets == std::vector<std::string>{"a.gpkg", "b.gpkg"});
    CHECK(p->options.select == PlanSelect::eligible);
    CHECK(p->options.costs == "de-2024");
    CHECK(p->options.max_drop_m == 150);
    CHECK(p->options.detour == doctest::Approx(1.3));
    CHECK_FALSE(p->options.budget);
    p = parse_plan_options({"r.csv", "--select", "not-served", "--budget", "1e6", "--summary", "s.json"});
    REQUIRE(p);
    CHECK(p->options.select == PlanSelect::not_served);
    CHECK(*p->options.budget == 1e6);
    p = parse_plan_options({"--list-costs"});
    REQUIRE(p);
    CHECK(p->list_costs);
    CHECK_THROWS_AS(parse_plan_options({"r.csv"}), UsageError);                                         // no output
    CHECK_THROWS_AS(parse_plan_options({"r.csv", "--select", "grey", "-o", "n.gpkg"}), UsageError);     // bad --select
    CHECK_THROWS_AS(parse_plan_options({"r.csv", "--areas-out", "a.csv", "-o", "n.gpkg"}), UsageError); // no areas
    CHECK_THROWS_AS(parse_plan_options({"-o", "n.gpkg"}), UsageError);                                  // no RESULTS
}

TEST_CASE("report: options, pairs that go together, --stamp")
{
    const auto p = parse_report_options({"a.csv", "b.csv", "--areas", "d.geojson", "--area-id", "district", "--locale",
                                         "de", "--max-points", "1000", "--classify-summary", "s.json", "-o", "r.html"});
    REQUIRE(p);
    CHECK(p->options.results == std::vector<std::string>{"a.csv", "b.csv"});
    CHECK(p->options.area_id_field == "district");
    CHECK(p->options.locale == "de");
    CHECK(p->options.max_points == 1000);
    CHECK(p->options.stamp.empty()); // byte-stable unless asked
    CHECK_FALSE(p->options.tool_version.empty());
    const auto stamped = parse_report_options({"a.csv", "--stamp", "-o", "r.html"});
    REQUIRE(stamped);
    CHECK(stamped->options.stamp.size() == std::string("2026-06-30 12:00 UTC").size());
    CHECK_THROWS_AS(parse_report_options({"a.csv"}), UsageError);                                      // no -o
    CHECK_THROWS_AS(parse_report_options({"-o", "r.html"}), UsageError);                               // no results
    CHECK_THROWS_AS(parse_report_options({"a.csv", "--areas", "d.gpkg", "-o", "r.html"}), UsageError); // no --area-id
    CHECK_THROWS_AS(parse_report_options({"a.csv", "--areas", "d.gpkg", "--area-id", "x", "--by", "y", "-o", "r.html"}),
                    UsageError);
    CHECK_THROWS_AS(parse_report_options({"a.csv", "--plan-summary", "p.json", "-o", "r.html"}), UsageError);
    CHECK_THROWS_AS(parse_report_options({"a.csv", "--max-points", "0", "-o", "r.html"}), UsageError);
    CHECK_THROWS_AS(parse_report_options({"-", "-", "-o", "r.html"}), UsageError);
}

TEST_CASE("progress: --history shards grouped by date, oldest first, one area mode")
{
    const auto p = parse_progress_options({"now.csv", "--as-of", "2026-06-30", "--by", "district", "--history",
                                           "b.csv#as_of=2023-06-30", "--history", "a1.csv#as_of=2021-06-30",
                                           "--history", "a2.csv#as_of=2021-06-30", "-o", "p.csv"});
    REQUIRE(p);
    CHECK(p->run.current.inputs == std::vector<std::string>{"now.csv"});
    CHECK(p->run.options.areas == ProgressAreas::field);
    CHECK(p->run.options.target_year == 2030);
    REQUIRE(p->run.history.size() == 2);
    CHECK(p->run.history[0].as_of == "2021-06-30");
    CHECK(p->run.history[0].inputs == std::vector<std::string>{"a1.csv", "a2.csv"});
    CHECK(p->run.history[1].inputs == std::vector<std::string>{"b.csv"});
    const auto g =
        parse_progress_options({"now.csv", "--as-of", "2026-06-30", "--grid", "1km", "--target", "2035", "-o", "-"});
    REQUIRE(g);
    CHECK(g->run.options.area_options.grid_m == 1000);
    CHECK(g->run.options.target_year == 2035);
    // Without dates: the as_of the results record (read later); an undated file is a survey of its own.
    const auto u = parse_progress_options({"now.csv", "--history", "x.csv", "--history", "y.csv", "-o", "p.csv"});
    REQUIRE(u);
    CHECK(u->run.current.as_of.empty());
    REQUIRE(u->run.history.size() == 2);
    CHECK(u->run.history[0].inputs == std::vector<std::string>{"x.csv"});
    CHECK_THROWS_AS(parse_progress_options({"now.csv", "--history", "old.csv#asof=2021", "-o", "p.csv"}), UsageError);
    CHECK_THROWS_AS(
        parse_progress_options({"now.csv", "--as-of", "2026-06-30", "--by", "d", "--grid", "1km", "-o", "p"}),
        UsageError);
    CHECK_THROWS_AS(parse_progress_options({"now.csv", "--as-of", "2026-06-30", "--areas", "a.gpkg", "-o", "p"}),
                    UsageError); // no --area-id
}

TEST_CASE("classify --shard, merge, and diff over shard sets")
{
    const auto c =
        parse_classify_options({"--offers", "o.csv", "--shard", "3/8", "-o", "s3.csv", "--summary", "s3.json"});
    REQUIRE(c);
    CHECK(c->options.shard.index == 3);
    CHECK(c->options.shard.count == 8);
    CHECK(parse_classify_options({"--offers", "o.csv", "-o", "x.csv"})->options.shard.whole());
    CHECK_THROWS_AS(parse_classify_options({"--offers", "o.csv", "--shard", "8/8", "-o", "x.csv"}), UsageError);

    const auto m = parse_merge_options({"-o", "all.gpkg", "--summary", "all.json", "s0.json", "s1.json"});
    REQUIRE(m);
    CHECK(m->options.shards == std::vector<std::string>{"s0.json", "s1.json"});
    CHECK(m->options.output == "all.gpkg");
    CHECK(m->options.summary == "all.json");
    CHECK_THROWS_AS(parse_merge_options({"s0.json"}), UsageError);     // no -o
    CHECK_THROWS_AS(parse_merge_options({"-o", "x.csv"}), UsageError); // no shards

    const auto d = parse_diff_options({"--old", "a0.csv", "a1.csv", "--new", "b0.csv", "b1.csv", "b2.csv"});
    REQUIRE(d);
    CHECK(d->old_path == "a0.csv");
    CHECK(d->old_shards == std::vector<std::string>{"a1.csv"});
    CHECK(d->new_path == "b0.csv");
    CHECK(d->new_shards == std::vector<std::string>{"b1.csv", "b2.csv"});
    CHECK_THROWS_AS(parse_diff_options({"--old", "a.csv", "b.csv"}), UsageError); // no --new
    CHECK_THROWS_AS(parse_diff_options({"a.csv", "--new", "b.csv"}), UsageError); // a mix
}
