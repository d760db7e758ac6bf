// The report page's pieces: escaping (hostile ids stay text), locale formatting worked out by
// hand, chart geometry, the optional inputs read from the hand-made fixtures in
// tests/data/report (figures in its README), and run_report's byte stability.
#include "coverage/error.hpp"
#include "coverage/report.hpp"
#include "read/report_inputs.hpp"
#include "report/html.hpp"
#include "report/locale.hpp"
#include "report/map_data.hpp"
#include "report/page.hpp"
#include "report/svg_chart.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace coverage;
using namespace coverage::report;
namespace fs = std::filesystem;

namespace {

const std::string hostile = R"~(</script><img src=x onerror="alert(1)">)~";
const std::string fixtures = std::string(COVERAGE_SOURCE_DIR) + "/tests/data/report/";

std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t occurrences(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("html escaping keeps a hostile id as text")
{
    CHECK(html::escape(hostile) == "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    CHECK(html::escape("Fish & Chips 'n' more") == "Fish &amp; Chips &#39;n&#39; more");
    CHECK(html::escape("Straße") == "Straße");
    CHECK(html::text_element("td", {{"title", hostile}}, hostile) ==
          "<td title=\"&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\">"
          "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>");
}

TEST_CASE("JSON inside a script element cannot close it")
{
    CHECK(html::script_json(hostile) == R"("\u003c/script\u003e\u003cimg src=x onerror=\"alert(1)\"\u003e")");
    CHECK(html::embed_json(R"({"id":"<!-- & -->"})") == R"({"id":"\u003c!-- \u0026 --\u003e"})");
    // U+2028 (E2 80 A8) and U+2029 end lines in old JavaScript parsers.
    // clang-format off
    CHECK(html::embed_json("\"a\xE2\x80\xA8" "b\xE2\x80\xA9\"") == R"("a\u2028b\u2029")");
    // clang-format on
    CHECK(html::script_code("var s = '</SCRIPT>' + '<!--';") == R"(var s = '<\/SCRIPT>' + '<\!--';)");
    CHECK(html::script_code("a < b && c </ d") == "a < b && c </ d");
}

TEST_CASE("numbers, percentages and dates in en and de")
{
    const Locale en = Locale::named("en"), de = Locale::named("de_DE");
    CHECK(en.number(1234.5, 1) == "1,234.5");
    CHECK(de.number(1234.5, 1) == "1.234,5");
    CHECK(en.integer(1234567) == "1,234,567");
    CHECK(de.integer(1234567) == "1.234.567");
    CHECK(en.integer(999) == "999");
    CHECK(en.integer(0) == "0");
    CHECK(en.number(-1234.5, 1) == "\u22121,234.5");
    CHECK(en.number(-0.04, 1) == "0.0"); // rounds to zero: no sign
    CHECK(en.number(2.675, 0) == "3");
    CHECK(en.number(std::numeric_limits<double>::quiet_NaN(), 1).empty());
    CHECK(en.percent(0.480926) == "48.1\u00a0%");
    CHECK(de.percent(0.480926) == "48,1\u00a0%");
    CHECK(de.percent(1.0, 0) == "100\u00a0%");
    CHECK(en.date("2026-06-30") == "30 June 2026");
    CHECK(en.date("2026-01-05") == "5 January 2026");
    CHECK(de.date("2026-06-30") == "30.06.2026");
    CHECK(en.date("2026-13-01") == "2026-13-01");
    CHECK(en.date("soon") == "soon");
    CHECK(en.code() == "en");
    CHECK(de.code() == "de");
    CHECK(de.text("addresses") == "Adressen");
    CHECK(en.text("no-such-key") == "no-such-key");
    CHECK(texts_complete());
    CHECK_THROWS_AS(Locale::named("fr"), UsageError);
}

TEST_CASE("sentences fill their placeholders")
{
    CHECK(fill("{n} of {total} ({n})", {{"n", "3"}, {"total", "8"}}) == "3 of 8 (3)");
    CHECK(fill("{unknown} stays", {}) == "{unknown} stays");
}

TEST_CASE("chart ticks and geometry")
{
    const std::vector<double> t = nice_ticks(0, 1, 5);
    REQUIRE(t.size() == 6);
    CHECK(t.front() == 0);
    CHECK(t[1] == doctest::Approx(0.2));
    CHECK(t.back() == doctest::Approx(1.0));
    const std::vector<double> money = nice_ticks(0, 612500, 5);
    CHECK(money[1] == doctest::Approx(200000)); // step 2 x 10^5 for a raw step of 122,500... rounded up to 2.0e5
    LineChart c;
    c.id = "t";
    c.title = hostile;
    c.x = {2024, 2025, 2026};
    c.y_min = 0;
    c.y_max = 1;
    c.series.push_back({"a<b>", {0.0, std::nullopt, 1.0}, "#000000", "", true});
    const std::string svg = line_chart(c);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("<title id=\"t-title\">&lt;/script&gt;") != std::string::npos);
    // x 2024 -> left edge 64, 2026 -> 640 - 16 = 624; y 0 -> 320 - 84 = 236, y 1 -> 16. The
    // gap at 2025 breaks the line: two moves, no line-to.
    CHECK(svg.find(R"(d="M64.0 236.0 M624.0 16.0")") != std::string::npos);
    CHECK(occurrences(svg, "<circle") == 2);
}

TEST_CASE("share bins for the area shading")
{
    CHECK(share_bin(std::numeric_limits<double>::quiet_NaN()) == -1);
    CHECK(share_bin(0) == 0);
    CHECK(share_bin(9.9) == 0);
    CHECK(share_bin(10) == 1);
    CHECK(share_bin(79.9) == 3);
    CHECK(share_bin(80) == 4);
    CHECK(share_bin(100) == 4);
    CHECK(class_colour("white", 0) == "#D55E00");
    CHECK(class_colour("served", 2) == "#0072B2");
}

TEST_CASE("points: sorted by id, texts deduplicated, rows without coordinates left out")
{
    ResultTable r;
    r.id = {"b", "a", "c"};
    r.lon = {11.5, 11.25, std::numeric_limits<double>::quiet_NaN()};
    r.lat = {50.5, 50.75, std::numeric_limits<double>::quiet_NaN()};
    r.class_name = {"grey", "white", "white"};
    r.reason = {"no_offer", "no_offer", "x"};
    r.providers = {"", "", ""};
    std::vector<std::string> strings;
    std::uint64_t n = 0;
    const std::string json = points_json(r, {"white", "grey"}, strings, n);
    CHECK(n == 2);
    CHECK(json == R"([[11.250000,50.750000,0,"a",0,1,0],[11.500000,50.500000,1,"b",0,1,0]])");
    CHECK(strings == std::vector<std::string>{"", "no_offer"});
}

TEST_CASE("optional inputs: the hand-made fixtures")
{
    const ClassifySummary s = read_classify_summary(fixtures + "summary.json");
    CHECK(s.profile_name == "gigabit");
    CHECK(s.as_of == "2026-06-30");
    CHECK(s.addresses == 8);
    CHECK(s.eligible_units == 8);
    CHECK(s.rejected == 3);
    REQUIRE(s.inputs.size() == 2);
    CHECK(s.inputs[1].file == "offers<script>alert(1)</script>.csv");

    const std::vector<RejectGroup> g = read_rejects(fixtures + "rejects.csv");
    REQUIRE(g.size() == 2);
    CHECK(g[0].reason == "'\u2026' is not a number");
    CHECK(g[0].field == "down_mbps");
    CHECK(g[0].rows == 2);
    CHECK(g[1].rows == 1);

    const Progress p = read_progress(fixtures + "progress.csv");
    REQUIRE(p.areas.size() == 3);
    CHECK(p.areas[0].area_id == "(all)");
    REQUIRE(p.areas[0].years.size() == 7);
    CHECK(p.target == 2030);
    CHECK(p.areas[0].years[0].observed_share_units == doctest::Approx(0.4571));
    CHECK_FALSE(p.areas[0].years[3].observed_share_units.has_value());
    CHECK(p.areas[0].years[6].trend_share_units == doctest::Approx(1.0));
    CHECK(p.areas[2].area_id == "<b>Süd</b>");
    CHECK(p.areas[2].years[0].gap_units == 2);

    const PlanSummary plan = read_plan_summary(fixtures + "plan_summary.json");
    CHECK(plan.trench_m == 2350.0);
    CHECK(plan.cost_total == 612500.0);
    CHECK(plan.cost_curve.size() == 10);
    CHECK(plan.unreachable_by_reason.size() == 2);

    const std::vector<std::string> net = read_plan_network(fixtures + "plan_network.geojson");
    REQUIRE(net.size() == 3);
    CHECK(net[0].find(R"("kind":"trench","length_m":2350.0,"cost":470000,"addresses":3)") != std::string::npos);

    CHECK_THROWS_AS(read_classify_summary(fixtures + "rejects.csv"), InputError);
    CHECK_THROWS_AS(read_progress(fixtures + "rejects.csv"), InputError);
}

TEST_CASE("progress as JSON, the nested form of the contract")
{
    const fs::path dir = fs::temp_directory_path() / fs::path("coverage-report-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "p.json") << R"~({"target": 2030, "as_of": "2026-06-30", "areas": [
        {"area_id": "(all)", "trend_reaches_full": 2031, "years": [
          {"year": 2026, "addresses": 8, "units": 35, "gigabit_addresses": 3, "gigabit_units": 24, "share_addresses": 0.375,
           "share_units": 0.6857, "gap_addresses": 5, "gap_units": 11, "on_track": true, "observed_share_units": null}]}]})~";
    const Progress p = read_progress((dir / "p.json").string());
    fs::remove_all(dir);
    CHECK(p.target == 2030);
    CHECK(p.as_of == "2026-06-30");
    REQUIRE(p.areas.size() == 1);
    CHECK(p.areas[0].trend_reaches_full == 2031);
    REQUIRE(p.areas[0].years.size() == 1);
    CHECK(p.areas[0].years[0].on_track);
    CHECK(p.areas[0].years[0].share_units == doctest::Approx(0.6857));
    CHECK_FALSE(p.areas[0].years[0].observed_share_units.has_value());
}

TEST_CASE("run_report: same inputs, same bytes, hostile text escaped, Leaflet inlined without its images")
{
    const fs::path dir = fs::temp_directory_path() / fs::path("coverage-report-run-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "leaflet");
    // A stand-in Leaflet: the unit test must not depend on the Debian package.
    std::ofstream(dir / "leaflet" / "leaflet.js") << "/* leaflet stand-in */ var L;";
    std::ofstream(dir / "leaflet" / "leaflet.css")
        << ".leaflet-control-layers-toggle{background-image:url(images/layers.png)}";
    ReportOptions o;
    o.results = {fixtures + "results.csv"};
    o.areas = fixtures + "areas.geojson";
    o.area_id_field = "name";
    o.classify_summary = fixtures + "summary.json";
    o.leaflet_dir = (dir / "leaflet").string();
    o.output = (dir / "a.html").string();
    const ReportSummary r = run_report(o);
    CHECK(r.addresses == 8);
    CHECK(r.map_features == 7);
    CHECK_FALSE(r.grid);
    CHECK(r.areas == 2);
    o.output = (dir / "b.html").string();
    run_report(o);
    const std::string a = slurp(dir / "a.html");
    CHECK(a == slurp(dir / "b.html"));
    CHECK(r.bytes == a.size());
    CHECK(a.find("<img") == std::string::npos);
    CHECK(a.find("<b>Süd") == std::string::npos);
    CHECK(a.find("&lt;b&gt;Süd&lt;/b&gt;") != std::string::npos);
    CHECK(occurrences(a, "</script>") == 3); // data, Leaflet, page script: nothing from the data
    CHECK(a.find("url(images/") == std::string::npos);
    CHECK(a.find("/* leaflet stand-in */") != std::string::npos);
    CHECK(a.find("Vladimir Agafonkin") != std::string::npos); // the licence notice

    // Without overwrite the page is not replaced; above --max-points the map shows cells.
    CHECK_THROWS_AS(run_report(o), OutputError);
    o.overwrite = true;
    o.max_points = 3;
    const ReportSummary g = run_report(o);
    CHECK(g.grid);
    CHECK(g.map_features == 7); // 7 located addresses, each in its own 100 m cell
    o.leaflet_dir = (dir / "nowhere").string();
    CHECK_THROWS_AS(run_report(o), InputError);
    fs::remove_all(dir);
}
