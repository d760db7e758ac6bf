// Ties between equally good offers break by the offers' content (speeds, latency, technology,
// provider name, planned date, status), never by their position: the same rows in any order,
// split over --offers files in any order, give the same bytes (issue 10.13).
#include "coverage/classify.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const std::filesystem::path& p, const std::string& header, const std::vector<std::string>& rows)
{
    std::ofstream out(p, std::ios::binary);
    out << header;
    for (const auto& r : rows) out << r << '\n';
}

const std::string offer_header =
    "address_id,provider,technology,down_mbps,up_mbps,latency_ms,low_latency,status,planned_year\n";

// Each address holds offers that tie on what used to decide (speeds, or the plan date).
// clang-format off
const std::vector<std::string> offer_rows = {
    "t01,netB,vdsl,100,40,,1,existing,",  "t01,netA,vdsl,100,40,,1,existing,",
    "t02,netB,vdsl,500,50,,1,existing,",  "t02,netA,docsis30,500,50,,1,existing,",
    "t03,netA,vdsl,50,10,,1,existing,",   "t03,netD,ftth,1000,500,,,planned,2027",
    "t03,netC,ftth,1000,500,,,planned,2027",
    "t04,netY,ftth,1000,500,,,under_review,2027", "t04,netX,ftth,1000,500,,,under_review,2027",
    "t05,netB,vdsl,100,20,,,existing,",   "t05,netA,vdsl,100,20,,1,existing,",
    "t06,netZ,satellite_leo,200,20,40,,existing,", "t06,netL,lte,200,20,40,,existing,",
    "t07,netD,ftth,1000,500,,,planned,2020", "t07,netC,ftth,1000,500,,,planned,2020",
};
// clang-format on

std::string classify(const std::filesystem::path& dir, const std::string& profile,
                     const std::vector<std::string>& files)
{
    coverage::ClassifyOptions o;
    o.addresses = (dir / "addresses.csv").string();
    o.address_read.crs = "EPSG:25832";
    o.offers = files;
    o.as_of = "2025-12-31";
    o.profile = profile;
    o.output = (dir / "out.csv").string();
    o.overwrite = true;
    coverage::run_classify(o);
    return slurp(dir / "out.csv");
}

// Index of the reason column in the classify CSV (coverage::result_columns()).
constexpr std::size_t reason_col = 16;

std::vector<std::string> column(const std::string& csv, std::size_t row, std::size_t col)
{
    std::istringstream in(csv);
    std::string line;
    for (std::size_t i = 0; i <= row; ++i) std::getline(in, line);
    std::vector<std::string> fields;
    std::string f;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) fields.push_back(std::exchange(f, {}));
        else f += c;
    }
    fields.push_back(f);
    return {fields[col]};
}

} // namespace

TEST_CASE("ties: shuffled rows and swapped --offers files give identical bytes")
{
    const auto dir = std::filesystem::temp_directory_path() / "coverage-ties";
    std::filesystem::create_directories(dir);
    std::vector<std::string> addresses;
    for (int i = 1; i <= 7; ++i)
        addresses.push_back("t0" + std::to_string(i) + "," + std::to_string(681000 + 10 * i) +
                            ",5644000,1,residential");
    write(dir / "addresses.csv", "id,x,y,units,category\n", addresses);

    for (const std::string profile : {"gigabit", "uk-bduk-gigabit", "us-bead-2022", "eu2023-gigabit"}) {
        INFO(profile);
        std::string first;
        std::mt19937 rng(20261130);
        for (int round = 0; round < 8; ++round) {
            std::vector<std::string> rows = offer_rows;
            if (round > 0) std::shuffle(rows.begin(), rows.end(), rng);
            const auto half = rows.begin() + static_cast<std::ptrdiff_t>(rows.size() / 2);
            write(dir / "a.csv", offer_header, {rows.begin(), half});
            write(dir / "b.csv", offer_header, {half, rows.end()});
            const std::vector<std::string> files =
                round % 2 == 0 ? std::vector<std::string>{(dir / "a.csv").string(), (dir / "b.csv").string()}
                               : std::vector<std::string>{(dir / "b.csv").string(), (dir / "a.csv").string()};
            const std::string out = classify(dir, profile, files);
            if (round == 0) first = out;
            else CHECK(out == first);
        }
        // The rule, worked by hand: equal speeds -> the better latency evidence, then the
        // technology in vocabulary order (ftth, fttb, docsis31, docsis30, vdsl, ...), then the
        // provider name; equal plan dates -> the same order.
        if (profile == "gigabit") {
            CHECK(column(first, 1, reason_col)[0] == "tier_nga(netA vdsl 100/40)");
            CHECK(column(first, 2, 10)[0] == "docsis30");
            CHECK(column(first, 2, reason_col)[0] == "tier_nga(netA docsis30 500/50)");
            CHECK(column(first, 3, reason_col)[0] ==
                  "tier_nga(netA vdsl 50/10);plan_gigabit(netC ftth 1000/500 by 2027-12-31)");
            CHECK(column(first, 6, reason_col)[0] == "not_counted(netL lte 200/20)");
            CHECK(column(first, 7, reason_col)[0] ==
                  "no_counted_existing_offer;plan_overdue(netC ftth 1000/500 by 2020-12-31)");
        }
        if (profile == "uk-bduk-gigabit")
            CHECK(column(first, 4, reason_col)[0] == "under_review(netX ftth 1000/500 by 2027-12-31)");
        if (profile == "us-bead-2022") // low_latency = 1 beats no evidence at the same speed
            CHECK(column(first, 5, reason_col)[0] == "tier_served(netA vdsl 100/20)");
    }
}
