// Profile parsing and the classifier at every threshold edge, with values worked out by
// hand from RULES.md.
#include "classify/evaluate.hpp"
#include "coverage/error.hpp"
#include "coverage/profile.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace coverage;

namespace {

constexpr Day as_of = 20453; // 2025-12-31

struct Case {
    const Profile profile;
    ProviderTable providers;
    explicit Case(const std::string& name) : profile(load_profile(name)) {}

    Offer offer(const char* provider, Technology t, double down, double up, Status s = Status::existing,
                Day planned = no_date, double latency = NAN, std::int8_t low_latency = -1)
    {
        Offer o;
        o.provider = providers.intern(provider);
        o.technology = t;
        o.down_mbps = down;
        o.up_mbps = up;
        o.status = s;
        o.planned = planned;
        o.latency_ms = latency;
        o.low_latency = low_latency;
        return o;
    }
    Classification run(const std::vector<Offer>& offers, std::string_view category = "residential")
    {
        Evaluator ev(profile, as_of);
        Accumulator acc;
        for (const auto& o : offers) ev.add(acc, o);
        return ev.classify(acc, category, providers);
    }
};

Day end_of(int year) { return days_from_civil(year, 12, 31); }

} // namespace

TEST_CASE("dates: year-only plans mean the end of that year, horizons are calendar years")
{
    CHECK(format_day(as_of) == "2025-12-31");
    CHECK(parse_planned_date("2028") == end_of(2028));
    CHECK(parse_planned_date("2027-06") == days_from_civil(2027, 6, 30));
    CHECK(parse_planned_date("30.06.2027") == days_from_civil(2027, 6, 30));
    CHECK(parse_planned_date("2027-06-30T00:00:00") == days_from_civil(2027, 6, 30));
    CHECK_FALSE(parse_planned_date("2027-02-30"));
    CHECK_FALSE(parse_planned_date("27"));
    CHECK_FALSE(parse_planned_date("soon"));
    Case c("gigabit");
    CHECK(format_day(Evaluator(c.profile, as_of).horizon_end()) == "2028-12-31");
    CHECK(format_day(Evaluator(c.profile, days_from_civil(2024, 2, 29)).horizon_end()) == "2027-02-28");
}

TEST_CASE("gigabit: the 30 and 1000 Mbit/s edges count with >=")
{
    Case c("gigabit");
    CHECK(c.run({c.offer("A", Technology::vdsl, 30, 5)}).class_name == "grey");
    CHECK(c.run({c.offer("A", Technology::vdsl, 29.99, 5)}).class_name == "white");
    CHECK(c.run({c.offer("A", Technology::docsis30, 1000, 50)}).class_name == "served");
    CHECK(c.run({c.offer("A", Technology::docsis30, 999.9, 50)}).class_name == "grey");
    // Gigabit-capable by technology whatever the sold speed.
    CHECK(c.run({c.offer("A", Technology::ftth, 100, 50)}).class_name == "served");
    CHECK(c.run({c.offer("A", Technology::fttb, std::nan(""), std::nan(""))}).class_name == "served");
    // An unreported download meets no speed tier.
    CHECK(c.run({c.offer("A", Technology::vdsl, std::nan(""), 10)}).class_name == "white");
    // Satellite and mobile do not count, whatever their speed.
    const auto sat = c.run({c.offer("S", Technology::satellite_leo, 250, 20)});
    CHECK(sat.class_name == "white");
    CHECK(sat.eligible);
    // The reason names the criterion: the technology is not counted (issue 10.6).
    CHECK(sat.reason == "not_counted(S satellite_leo 250/20)");
    CHECK(c.run({c.offer("M", Technology::g5, 1000, 100)}).class_name == "white");
}

TEST_CASE("gigabit: plans inside the horizon block eligibility, outside or undated do not")
{
    Case c("gigabit");
    const auto vdsl = c.offer("A", Technology::vdsl, 50, 10);
    auto inside = c.run({vdsl, c.offer("C", Technology::ftth, 1000, 500, Status::planned, end_of(2028))});
    CHECK(inside.class_name == "grey");
    CHECK_FALSE(inside.eligible);
    CHECK(inside.planned_target);
    CHECK(inside.reason == "tier_nga(A vdsl 50/10);plan_gigabit(C ftth 1000/500 by 2028-12-31)");
    auto outside =
        c.run({vdsl, c.offer("C", Technology::ftth, 1000, 500, Status::planned, days_from_civil(2029, 1, 1))});
    CHECK(outside.eligible);
    auto undated = c.run({vdsl, c.offer("C", Technology::ftth, 1000, 500, Status::planned)});
    CHECK(undated.eligible);
    auto review = c.run({c.offer("D", Technology::ftth, 1000, 500, Status::under_review, end_of(2027))});
    CHECK(review.class_name == "white");
    CHECK(review.eligible);
    // A planned non-gigabit upgrade does not block.
    auto slow_plan = c.run({vdsl, c.offer("A", Technology::vdsl, 250, 40, Status::planned, end_of(2026))});
    CHECK(slow_plan.eligible);
}

TEST_CASE("networks are distinct providers, not products or brands")
{
    Case c("uk-bduk-gigabit");
    auto one =
        c.run({c.offer("Openreach", Technology::ftth, 1000, 220), c.offer("Openreach", Technology::fttb, 1000, 1000)});
    CHECK(one.networks == 1);
    CHECK(one.class_name == "grey");
    auto two = c.run(
        {c.offer("Openreach", Technology::ftth, 1000, 220), c.offer("Virgin Media", Technology::docsis31, 1130, 104)});
    CHECK(two.networks == 2);
    CHECK(two.class_name == "black");
    CHECK(two.reason == "networks_2(Openreach,Virgin Media)");
    auto three = c.run({c.offer("A", Technology::ftth, 1000, 1000), c.offer("B", Technology::ftth, 1000, 1000),
                        c.offer("C", Technology::ftth, 1000, 1000)});
    CHECK(three.networks == 3);
    CHECK(three.class_name == "black");
    // Under review only when no gigabit network is counted at all.
    auto review = c.run({c.offer("X", Technology::ftth, 1000, 500, Status::under_review, end_of(2027))});
    CHECK(review.class_name == "under_review");
    CHECK_FALSE(review.eligible);
    auto grey_and_review = c.run({c.offer("A", Technology::ftth, 1000, 1000),
                                  c.offer("X", Technology::ftth, 1000, 500, Status::under_review, end_of(2027))});
    CHECK(grey_and_review.class_name == "grey");
}

TEST_CASE("us-bead-2022: the 25/3 and 100/20 edges, latency and technology list")
{
    Case c("us-bead-2022");
    // FCC rows always say low_latency; these edges are about speed, so the rows say 1.
    auto fcc = [&](const char* provider, Technology t, double down, double up) {
        return c.offer(provider, t, down, up, Status::existing, no_date, NAN, 1);
    };
    CHECK(c.run({fcc("A", Technology::vdsl, 25, 3)}).class_name == "underserved");
    CHECK(c.run({fcc("A", Technology::vdsl, 25, 2.99)}).class_name == "unserved");
    CHECK(c.run({fcc("A", Technology::vdsl, 24.9, 3)}).class_name == "unserved");
    CHECK(c.run({fcc("A", Technology::docsis30, 100, 20)}).class_name == "served");
    CHECK(c.run({fcc("A", Technology::docsis30, 100, 19.9)}).class_name == "underserved");
    CHECK(c.run({fcc("A", Technology::docsis30, 99.9, 20)}).class_name == "underserved");
    // low_latency = 0 makes any row unserved; latency above 100 ms too; exactly 100 ms is fine.
    const auto no_low_latency = c.run({c.offer("A", Technology::ftth, 1000, 1000, Status::existing, no_date, NAN, 0)});
    CHECK(no_low_latency.class_name == "unserved");
    // The reason names the criterion that decided: latency, not speed (issue 10.6).
    CHECK(no_low_latency.reason == "latency(A ftth 1000/1000 low_latency=0)");
    CHECK(c.run({c.offer("A", Technology::vdsl, 100, 20, Status::existing, no_date, 100.0)}).class_name == "served");
    CHECK(c.run({c.offer("A", Technology::vdsl, 100, 20, Status::existing, no_date, 100.5)}).class_name == "unserved");
    // No latency evidence at all (neither latency_ms nor low_latency): unserved, as NTIA's
    // reference treats a NULL low-latency value (issue 18.3).
    const auto no_latency = c.run({c.offer("L", Technology::fwa_licensed, 100, 20)});
    CHECK(no_latency.class_name == "unserved");
    CHECK(no_latency.reason == "latency(L fwa_licensed 100/20 latency unreported)");
    // Missing upload: unserved.
    CHECK(c.run({fcc("A", Technology::docsis31, 1000, std::nan(""))}).class_name == "unserved");
    // Satellite and unlicensed fixed wireless do not count in 2022; licensed does.
    CHECK(c.run({fcc("S", Technology::satellite_leo, 220, 25)}).class_name == "unserved");
    CHECK(c.run({fcc("U", Technology::fwa_unlicensed, 100, 20)}).class_name == "unserved");
    CHECK(c.run({fcc("L", Technology::fwa_licensed, 100, 20)}).class_name == "served");
    // The best row decides.
    const auto best = c.run({fcc("A", Technology::vdsl, 10, 1), fcc("B", Technology::docsis30, 300, 20)});
    CHECK(best.class_name == "served");
    CHECK_FALSE(best.eligible);
    // Plans never change a BEAD class or eligibility.
    const auto plan = c.run({c.offer("C", Technology::ftth, 1000, 1000, Status::planned, end_of(2026))});
    CHECK(plan.class_name == "unserved");
    CHECK(plan.eligible);
    Case c25("us-bead-2025");
    // LEO is fundable after June 2025 but never lifts a location out of unserved (issue 18.1).
    CHECK(c25.run({c25.offer("S", Technology::satellite_leo, 220, 25)}).class_name == "unserved");
    CHECK(c25.run({c25.offer("G", Technology::satellite_geo, 220, 25)}).class_name == "unserved");
}

TEST_CASE("de-gf-2021: socio-economic sites are eligible above 100 Mbit/s, not when gigabit")
{
    Case c("de-gf-2021");
    const auto fast = c.offer("A", Technology::vdsl, 250, 40);
    CHECK(c.run({fast}, "residential").class_name == "dark_grey");
    CHECK_FALSE(c.run({fast}, "residential").eligible);
    const auto school = c.run({fast}, "school");
    CHECK(school.eligible);
    CHECK(school.reason == "tier_ngaplus(A vdsl 250/40);socio_economic(school)");
    CHECK_FALSE(c.run({c.offer("A", Technology::ftth, 1000, 1000)}, "school").eligible);
    CHECK(c.run({c.offer("A", Technology::vdsl, 99, 40)}, "residential").eligible);
}

TEST_CASE("de-gigabit-2023: 500 down or 200 symmetric")
{
    Case c("de-gigabit-2023");
    CHECK(c.run({c.offer("A", Technology::docsis30, 500, 50)}).class_name == "served");
    CHECK(c.run({c.offer("A", Technology::vdsl, 250, 40)}).eligible);
    CHECK(c.run({c.offer("A", Technology::fwa_licensed, 200, 200)}).class_name == "served");
    CHECK(c.run({c.offer("A", Technology::fwa_licensed, 200, 199)}).class_name == "grey");
}

TEST_CASE("profile files: syntax errors, unknown keys and contradictions are clear errors")
{
    auto error_of = [](const std::string& text) {
        try {
            parse_profile(text, "my.toml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string base(*builtin_profile_text("gigabit"));
    auto edit = [&](std::string_view from, std::string_view to) {
        std::string text = base;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    CHECK(error_of("name = \"x\"\nversion = [\n").rfind("my.toml:2:", 0) == 0);
    CHECK(error_of(edit("horizon_years =", "horizon_year ="))
              .find("unknown key 'horizon_year'; did you mean 'horizon_years'?") != std::string::npos);
    CHECK(error_of(edit("min_down_mbps = 30", "min_dwn_mbps = 30"))
              .find("unknown key 'min_dwn_mbps' in tiers[0]; did you mean 'min_down_mbps'?") != std::string::npos);
    CHECK(error_of(edit("min_down_mbps = 1000", "min_down_mbps = 10")).find("is listed above tier 'nga'") !=
          std::string::npos);
    CHECK(error_of(edit("eligible_classes = [\"white\", \"grey\"]", "eligible_classes = [\"white\", \"gray\"]"))
              .find("eligible_classes names 'gray'") != std::string::npos);
    CHECK(error_of(edit("\"docsis30\",", "\"docsis3\",")).find("unknown technology 'docsis3'") != std::string::npos);
    CHECK_THROWS_AS(load_profile("gigabitt"), UsageError);
}

TEST_CASE("every built-in profile parses and round-trips through its own TOML")
{
    CHECK(builtin_profiles().size() >= 6);
    for (const auto& b : builtin_profiles()) {
        INFO(b.name);
        const Profile p = parse_profile(b.toml, "test");
        CHECK(p.name == b.name);
        CHECK_FALSE(p.source.empty());
        CHECK_FALSE(p.notes.empty());
    }
}
