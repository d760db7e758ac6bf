// coverage progress: the planned gigabit date the evaluator records, the per-year counts,
// the gap, history matching, and the trend fit. Expected values are worked out by hand
// (the counts) or come from the curve the data was made from (the trend).
#include "areas/trend.hpp"
#include "classify/evaluate.hpp"
#include "coverage/error.hpp"
#include "coverage/profile.hpp"
#include "coverage/progress.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace coverage;

namespace {

Day end_of(int year) { return days_from_civil(year, 12, 31); }

struct Row {
    std::string id;
    std::uint32_t units;
    int gigabit_networks;
    std::string planned; // gigabit_planned_date
    std::string district;
};

ResultTable table_of(const std::vector<Row>& rows)
{
    ResultTable t;
    t.inputs = {"test.csv"};
    t.extra_names = {"gigabit_networks", "gigabit_planned_date", "district"};
    t.extra.resize(3);
    for (const Row& r : rows) {
        t.id.push_back(r.id);
        t.lon.push_back(NAN);
        t.lat.push_back(NAN);
        t.units.push_back(r.units);
        t.category.push_back("residential");
        t.class_name.push_back(r.gigabit_networks > 0 ? "served" : "grey");
        t.tier.push_back({});
        t.eligible.push_back(0);
        t.reason.push_back({});
        t.providers.push_back({});
        t.extra[0].push_back(std::to_string(r.gigabit_networks));
        t.extra[1].push_back(r.planned);
        t.extra[2].push_back(r.district);
        t.input.push_back(0);
        t.source_row.push_back(t.id.size() + 1);
    }
    return t;
}

// As of 2026-06-30, target 2030:
//   a  served today                     2 units  X
//   b  plan 2027-12-31 (31 Dec)         1 unit   X
//   c  plan "2028" (year only = 31 Dec) 3 units  Y
//   d  plan 2031-03-31 (after target)   4 units  Y
//   e  under review only (no date)      5 units  Y
ResultTable sample()
{
    return table_of({{"a", 2, 1, "", "X"},
                     {"b", 1, 0, "2027-12-31", "X"},
                     {"c", 3, 0, format_day(*parse_planned_date("2028")), "Y"},
                     {"d", 4, 0, "2031-03-31", "Y"},
                     {"e", 5, 0, "", "Y"}});
}

// progress --by district
ProgressOptions by_district()
{
    ProgressOptions o;
    o.areas = ProgressAreas::field;
    o.by_field = "district";
    return o;
}

const ProgressYear& year(const ProgressArea& a, int y)
{
    for (const auto& py : a.years)
        if (py.year == y) return py;
    FAIL("no year " << y);
    return a.years.front();
}

} // namespace

TEST_CASE("evaluator: gigabit_planned_date is the earliest credible gigabit plan, not cut at the horizon")
{
    const Profile profile = load_profile("gigabit");
    const Day as_of = days_from_civil(2026, 6, 30); // horizon to 2029-06-30
    ProviderTable providers;
    auto offer = [&](const char* who, Technology t, double down, Status s, Day planned) {
        Offer o;
        o.provider = providers.intern(who);
        o.technology = t;
        o.down_mbps = down;
        o.up_mbps = down / 2;
        o.status = s;
        o.planned = planned;
        return o;
    };
    auto run = [&](const std::vector<Offer>& offers) {
        Evaluator ev(profile, as_of);
        Accumulator acc;
        for (const auto& o : offers) ev.add(acc, o);
        return ev.classify(acc, "residential", providers);
    };
    // Beyond the horizon: no planned_gigabit, but the date is recorded.
    const auto late = run({offer("A", Technology::ftth, 1000, Status::planned, end_of(2031))});
    CHECK_FALSE(late.planned_target);
    CHECK(format_day(late.target_planned_date) == "2031-12-31");
    // The earliest of several, whatever their order.
    const auto two = run({offer("A", Technology::ftth, 1000, Status::planned, end_of(2030)),
                          offer("B", Technology::docsis31, 1000, Status::planned, days_from_civil(2027, 3, 31))});
    CHECK(two.planned_target);
    CHECK(format_day(two.target_planned_date) == "2027-03-31");
    // Undated plans, plans under review and slower plans give no date.
    CHECK(run({offer("A", Technology::ftth, 1000, Status::planned, no_date)}).target_planned_date == no_date);
    CHECK(run({offer("A", Technology::ftth, 1000, Status::under_review, end_of(2027))}).target_planned_date == no_date);
    CHECK(run({offer("A", Technology::vdsl, 250, Status::planned, end_of(2027))}).target_planned_date == no_date);
}

TEST_CASE("progress: per-year counts, 31 Dec in that year, year-only plans at its end, nothing after the target")
{
    ProgressOptions o;
    const ProgressTable t = progress(sample(), "2026-06-30", {}, o);
    REQUIRE(t.areas.size() == 1);
    const ProgressArea& all = t.areas[0];
    CHECK(all.area_id == "(all)");
    REQUIRE(all.years.size() == 5); // 2026 .. 2030
    CHECK(year(all, 2026).gigabit_addresses == 1);
    CHECK(year(all, 2026).gigabit_units == 2);
    CHECK(year(all, 2027).gigabit_addresses == 2); // b's plan is due on 31 Dec 2027
    CHECK(year(all, 2027).gigabit_units == 3);
    CHECK(year(all, 2028).gigabit_addresses == 3); // c: "2028" = 2028-12-31
    CHECK(year(all, 2028).gigabit_units == 6);
    CHECK(year(all, 2030).gigabit_addresses == 3); // d (2031) and e (under review) never
    CHECK(year(all, 2030).gigabit_units == 6);
    CHECK(year(all, 2030).units == 15);
    CHECK_FALSE(all.on_track);
    CHECK(progress_csv(t) ==
          "area_id,year,addresses,units,gigabit_addresses,gigabit_units,share_addresses,share_units,gap_addresses,"
          "gap_units,on_track\n"
          "(all),2026,5,15,1,2,0.2000,0.1333,4,13,false\n"
          "(all),2027,5,15,2,3,0.4000,0.2000,3,12,false\n"
          "(all),2028,5,15,3,6,0.6000,0.4000,2,9,false\n"
          "(all),2029,5,15,3,6,0.6000,0.4000,2,9,false\n"
          "(all),2030,5,15,3,6,0.6000,0.4000,2,9,false\n");
    // A later target counts d from 2031.
    o.target_year = 2031;
    CHECK(year(progress(sample(), "2026-06-30", {}, o).areas[0], 2031).gigabit_units == 10);
    o.target_year = 2025;
    CHECK_THROWS_AS((void)progress(sample(), "2026-06-30", {}, o), UsageError);
}

TEST_CASE("progress: the gap and on_track per area, (all) first, areas by id")
{
    const ProgressOptions o = by_district();
    const ProgressTable t = progress(sample(), "2026-06-30", {}, o);
    REQUIRE(t.areas.size() == 3);
    CHECK(t.areas[0].area_id == "(all)");
    CHECK(t.areas[1].area_id == "X");
    CHECK(t.areas[2].area_id == "Y");
    CHECK(t.areas[1].on_track); // a served, b planned for 2027: no gap in 2030
    CHECK(year(t.areas[1], 2026).units - year(t.areas[1], 2026).gigabit_units == 1);
    CHECK(year(t.areas[1], 2030).units - year(t.areas[1], 2030).gigabit_units == 0);
    CHECK_FALSE(t.areas[2].on_track);
    CHECK(year(t.areas[2], 2030).addresses - year(t.areas[2], 2030).gigabit_addresses == 2); // d, e
    CHECK(year(t.areas[2], 2030).units - year(t.areas[2], 2030).gigabit_units == 9);
}

TEST_CASE("progress: history matched by id, observed shares, addresses only in some surveys")
{
    // 2021: a served (2 units), b not (1 unit), z (gone by 2026, 7 units) served. Share 9/10.
    // 2023: a, b served; c not. Share 3/6.
    const ResultTable h21 = table_of({{"a", 2, 1, "", ""}, {"b", 1, 0, "", ""}, {"z", 7, 1, "", "Z"}});
    const ResultTable h23 = table_of({{"a", 2, 1, "", ""}, {"b", 1, 1, "", ""}, {"c", 3, 0, "", ""}});
    const ProgressOptions o = by_district();
    const ProgressTable t = progress(sample(), "2026-06-30", {{"2023-06-30", h23}, {"2021-06-30", h21}}, o);
    CHECK(t.surveys == std::vector<std::string>{"2021-06-30", "2023-06-30", "2026-06-30"});
    // c (2023 and 2026), d, e (2026), z (2021): not in every survey. a and b are.
    CHECK(t.in_some_surveys == 4);
    const ProgressArea& all = t.areas[0];
    REQUIRE(all.years.size() == 10); // 2021 .. 2030
    CHECK_FALSE(year(all, 2021).projected);
    CHECK(year(all, 2021).observed_share_units.value() == doctest::Approx(0.9));
    CHECK_FALSE(year(all, 2022).observed_share_units);
    CHECK(year(all, 2023).observed_share_units.value() == doctest::Approx(0.5));
    CHECK(year(all, 2026).observed_share_units.value() == doctest::Approx(2.0 / 15));
    CHECK(all.trend_model == "logistic");
    // The history rows take the area the address has today (a, b: X), z keeps its own.
    const auto x = std::find_if(t.areas.begin(), t.areas.end(), [](const ProgressArea& a) { return a.area_id == "X"; });
    REQUIRE(x != t.areas.end());
    CHECK(year(*x, 2021).observed_share_units.value() == doctest::Approx(2.0 / 3));
    CHECK(year(*x, 2023).observed_share_units.value() == doctest::Approx(1.0));
    const auto z = std::find_if(t.areas.begin(), t.areas.end(), [](const ProgressArea& a) { return a.area_id == "Z"; });
    REQUIRE(z != t.areas.end());
    CHECK(year(*z, 2026).addresses == 0);
    CHECK_THROWS_AS((void)progress(sample(), "2026-06-30", {{"2026-06-30", h23}}, o), UsageError);
    // An earlier survey from a classify without gigabit_planned_date is enough; the current one is not.
    ResultTable old = h23;
    old.extra_names.erase(old.extra_names.begin() + 1);
    old.extra.erase(old.extra.begin() + 1);
    CHECK(
        year(progress(sample(), "2026-06-30", {{"2023-06-30", old}}, o).areas[0], 2023).observed_share_units.value() ==
        doctest::Approx(0.5));
    CHECK_THROWS_AS((void)progress(old, "2026-06-30", {}, o), InputError);
}

TEST_CASE("progress: the builder counts surveys one at a time, a moved address's old area is not listed")
{
    // 2021: a in Q (it is in X today), z in Z twice-seen (2021 and 2023), y (gone, no district).
    // 2023: a in Q again, z in Z. Expected areas: (all), X, Y, Z: Q only ever held a, which
    // counts in X; "in some surveys": b (not in 2021), c, d, e (2026 only), z, y (earlier
    // only) = 6, z once though it is in two surveys.
    const ResultTable h21 = table_of({{"a", 2, 0, "", "Q"}, {"z", 4, 1, "", "Z"}, {"y", 6, 1, "", ""}});
    const ResultTable h23 = table_of({{"a", 2, 1, "", "Q"}, {"z", 4, 1, "", "Z"}, {"b", 1, 0, "", "X"}});
    const ProgressOptions o = by_district();
    const ResultTable now = sample();
    ProgressBuilder b(now, "2026-06-30", o);
    b.add_earlier("2023-06-30", h23);
    b.add_earlier("2021-06-30", h21);
    CHECK_THROWS_AS(b.add_earlier("2021-06-30", h21), UsageError); // the same date twice
    const ProgressTable t = b.finish();
    std::vector<std::string> ids;
    for (const auto& a : t.areas) ids.push_back(a.area_id);
    CHECK(ids == std::vector<std::string>{"(all)", "X", "Y", "Z"});
    CHECK(t.in_some_surveys == 6);
    // X in 2021: a (2 units, not served) only: 0 %; in 2023: a served, b not: 2 of 3 units.
    CHECK(year(t.areas[1], 2021).observed_share_units.value() == doctest::Approx(0.0));
    CHECK(year(t.areas[1], 2023).observed_share_units.value() == doctest::Approx(2.0 / 3));
    // (all) in 2021: z and y served (10 of 12 units); y is in no area.
    CHECK(year(t.areas[0], 2021).observed_share_units.value() == doctest::Approx(10.0 / 12));
    CHECK(year(t.areas[3], 2021).observed_share_units.value() == doctest::Approx(1.0));
    CHECK(year(t.areas[3], 2026).addresses == 0);
    // The same table as progress() with the surveys in the other order.
    const ProgressTable u = progress(now, "2026-06-30", {{"2021-06-30", h21}, {"2023-06-30", h23}}, o);
    CHECK(progress_csv(u) == progress_csv(t));
}

TEST_CASE("trend: data from a known logistic curve gives back its parameters and its year of 99 %")
{
    // s(t) = 1 / (1 + exp(-0.8 (t - 2024.5))): 99 % at t = 2024.5 + ln(99)/0.8 = 2030.244, so
    // the end of 2030 is the first year end at or above it (end of 2029: 98.79 %).
    const double k = 0.8, t0 = 2024.5;
    std::vector<double> t{2019.5, 2021.5, 2023.5, 2025.5}, s;
    for (const double x : t) s.push_back(1 / (1 + std::exp(-k * (x - t0))));
    const Trend tr = fit_trend(t, s);
    REQUIRE(tr.kind == Trend::Kind::logistic);
    CHECK(tr.k == doctest::Approx(k).epsilon(1e-6));   // tolerance: 1e-6 relative
    CHECK(tr.t0 == doctest::Approx(t0).epsilon(1e-9)); // 1e-9 relative = 2e-6 years
    CHECK(tr.reaches_full(2019) == 2030);
    // Noisy data (+-0.01 alternating) still lands within 0.05 of k and 0.1 years of t0.
    std::vector<double> noisy = s;
    for (std::size_t i = 0; i < noisy.size(); ++i) noisy[i] += i % 2 ? 0.01 : -0.01;
    const Trend tn = fit_trend(t, noisy);
    CHECK(std::abs(tn.k - k) < 0.05);
    CHECK(std::abs(tn.t0 - t0) < 0.1);
}

TEST_CASE("trend: a straight line under three surveys, none under two, never when flat")
{
    // (2021, 20 %) and (2025, 60 %): 10 points a year, 99 % at 2028.9: the end of 2028.
    const Trend line = fit_trend({2021.0, 2025.0}, {0.2, 0.6});
    REQUIRE(line.kind == Trend::Kind::line);
    CHECK(line.b == doctest::Approx(0.1));
    CHECK(line.at(2023.0) == doctest::Approx(0.4));
    CHECK(line.reaches_full(2021) == 2028);
    CHECK(fit_trend({2021.0}, {0.2}).kind == Trend::Kind::none);
    CHECK_FALSE(fit_trend({2021.0, 2025.0}, {0.4, 0.4}).reaches_full(2021));
    CHECK(year_fraction(days_from_civil(2021, 6, 30)) == doctest::Approx(2021 + 181.0 / 365));
    CHECK(year_fraction(days_from_civil(2028, 12, 31)) == doctest::Approx(2029.0));
}
