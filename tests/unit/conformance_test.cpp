// The hand-reasoned conformance cases of ../shared/conformance (copied to
// tests/data/conformance): every built-in profile they name must give exactly the expected
// class and eligibility for every address, and the offer for the unknown id zz99 must be a
// reject and nothing else.
#include "coverage/classify.hpp"
#include "coverage/results.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

namespace {
// Index of the reason column in the classify CSV (checked against coverage::result_columns()).
constexpr std::size_t reason_col = 16;

std::vector<std::vector<std::string>> read_csv(const std::string& path)
{
    std::ifstream in(path);
    REQUIRE(in.good());
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::string field;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) fields.push_back(std::exchange(field, {}));
            else field += c;
        }
        fields.push_back(field);
        rows.push_back(fields);
    }
    return rows;
}

} // namespace

TEST_CASE("conformance: every built-in profile named in expected.csv gives the expected outcome")
{
    const std::string dir = COVERAGE_SOURCE_DIR "/tests/data/conformance/";
    const auto expected = read_csv(dir + "expected.csv");
    std::set<std::string> profiles;
    for (std::size_t i = 1; i < expected.size(); ++i) profiles.insert(expected[i][0]);
    CHECK(profiles.size() == 6);

    const auto tmp = std::filesystem::temp_directory_path() / "coverage-conformance";
    std::filesystem::create_directories(tmp);
    std::size_t checked = 0;
    for (const auto& profile : profiles) {
        coverage::ClassifyOptions o;
        o.addresses = dir + "addresses.csv";
        o.address_read.crs = "EPSG:25832";
        o.offers = {dir + "offers.csv"};
        o.as_of = "2025-12-31";
        o.profile = profile;
        o.output = (tmp / (profile + ".csv")).string();
        o.rejects = (tmp / (profile + "-rejects.csv")).string();
        o.overwrite = true;
        const auto report = coverage::run_classify(o);
        CHECK(report.rejected == 1);
        REQUIRE(report.inputs.size() == 2);
        CHECK(report.inputs[1].read == 28);
        CHECK(report.inputs[1].used == 27);
        CHECK(report.inputs[1].rejected == 1);

        const auto rejects = read_csv(o.rejects);
        REQUIRE(rejects.size() == 2);
        CHECK(rejects[1][3] == "zz99");

        std::map<std::string, std::vector<std::string>> by_id;
        const auto out = read_csv(o.output);
        for (std::size_t i = 1; i < out.size(); ++i) by_id[out[i][0]] = out[i];
        CHECK(by_id.size() == 23);
        CHECK(by_id.count("zz99") == 0);
        for (std::size_t i = 1; i < expected.size(); ++i) {
            const auto& e = expected[i];
            if (e[0] != profile) continue;
            INFO("profile ", profile, " address ", e[1], " reason ", by_id[e[1]][reason_col]);
            REQUIRE(by_id.count(e[1]) == 1);
            if (!e[2].empty()) CHECK(by_id[e[1]][5] == e[2]);
            if (e.size() > 3 && !e[3].empty()) CHECK(by_id[e[1]][7] == e[3]);
            ++checked;
        }
    }
    CHECK(checked == 127);
}

// The project's own conformance cases, one folder per regime under tests/conformance/: each
// expected row names the profile, the address, the class, the eligibility, a piece of text
// the reason must contain, the rule it exercises and its source (tests/conformance/README.md).
// The inputs go through the real readers, so the verified and upgradable columns are tested
// end to end.
TEST_CASE("conformance per regime: tests/conformance/<regime>/expected.csv")
{
    REQUIRE(coverage::result_columns()[reason_col] == "reason");
    const std::filesystem::path root = COVERAGE_SOURCE_DIR "/tests/conformance";
    const auto tmp = std::filesystem::temp_directory_path() / "coverage-conformance-regimes";
    std::filesystem::create_directories(tmp);
    std::map<std::string, std::size_t> checked;
    for (const std::string regime : {"us-bead", "eu", "de", "uk", "berec"}) {
        const auto dir = root / regime;
        const auto expected = read_csv((dir / "expected.csv").string());
        REQUIRE(expected.size() > 1);
        REQUIRE(expected[0] ==
                std::vector<std::string>{"profile", "id", "class", "eligible", "reason_has", "rule", "source"});
        std::set<std::string> profiles;
        for (std::size_t i = 1; i < expected.size(); ++i) profiles.insert(expected[i][0]);
        for (const auto& profile : profiles) {
            coverage::ClassifyOptions o;
            o.addresses = (dir / "addresses.csv").string();
            o.address_read.crs = "EPSG:25832";
            o.offers = {(dir / "offers.csv").string()};
            o.as_of = "2025-12-31";
            o.profile = profile;
            o.output = (tmp / (regime + "-" + profile + ".csv")).string();
            o.overwrite = true;
            const auto report = coverage::run_classify(o);
            CHECK(report.rejected == 0);
            std::map<std::string, std::vector<std::string>> by_id;
            const auto out = read_csv(o.output);
            for (std::size_t i = 1; i < out.size(); ++i) by_id[out[i][0]] = out[i];
            for (std::size_t i = 1; i < expected.size(); ++i) {
                const auto& e = expected[i];
                if (e[0] != profile) continue;
                REQUIRE(e.size() == 7);
                REQUIRE(by_id.count(e[1]) == 1);
                const auto& got = by_id[e[1]];
                INFO(regime, " ", profile, " ", e[1], " (", e[5], "; ", e[6], ") reason ", got[reason_col]);
                CHECK(got[5] == e[2]);
                CHECK(got[7] == e[3]);
                CHECK(got[reason_col].find(e[4]) != std::string::npos);
                ++checked[regime];
            }
        }
    }
    CHECK(checked["us-bead"] == 23);
    CHECK(checked["eu"] == 17);
    CHECK(checked["de"] == 21);
    CHECK(checked["uk"] == 14);
    CHECK(checked["berec"] == 7);
}
