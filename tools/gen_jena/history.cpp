// history.cpp — earlier surveys: every gigabit network that exists today went live at a dated
// point, so an earlier survey shows it as a plan (up to five years ahead) or not at all.
//   * Saalenetz fibre in village streets and on farms: the white-spot programme, 2017–2025;
//     its build areas and routes carry their own year (footprints_wfp, routes_fibre).
//   * Saalenetz fibre in the city: the grey-spot builds, mostly since 2022.
//   * Thüringer Kabel docsis31: the upgrade of a docsis30 street (500/50 before), 2019–2025.
//   * schools 2019–2024 (the school connection programme); hospitals before 2017.
//   * plans (status planned) appear in a survey when they are at most five years ahead.
// Only the two operators whose gigabit networks grew are written per survey; the copper,
// wireless, mobile and satellite reports (and Kupfer & Co's few ftth plans) are today's.
// The go-live dates are drawn per street (and per school) from this file's own stream, in
// street order. The weights of the city years are calibrated so that the mid-2021 survey
// gives Jena's Breitbandatlas figure for households with >= 1000 Mbit/s (18.22 %, end of
// 2021; see sample_data/jena/README.md for how close it is).

#include "history.hpp"

#include <iostream>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gen_jena {

namespace {

struct Survey {
    const char* date;
    int year;
};
constexpr Survey kSurveys[] = {{"2021-06-30", 2021}, {"2023-06-30", 2023}, {"2025-06-30", 2025}};
constexpr int kPlanAhead = 5; // plans are reported at most this many years ahead

// A month as year * 12 + (month - 1).
int month_of(int year, int month) { return year * 12 + month - 1; }
// Live on the survey date (30 June): went live in June or before.
bool live_at(int golive, const Survey& s) { return golive <= month_of(s.year, 6); }

struct YearWeight {
    int year;
    double weight;
};

// A go-live month: the year by weight, the month uniform (2026: January to June, so that it
// is live on today's date).
int draw_month(Rng& r, const std::vector<YearWeight>& w)
{
    double total = 0;
    for (const auto& x : w) total += x.weight;
    double u = r.uniform() * total;
    int year = w.back().year;
    for (const auto& x : w) {
        if (u < x.weight) {
            year = x.year;
            break;
        }
        u -= x.weight;
    }
    return month_of(year, r.range(1, year == 2026 ? 6 : 12));
}

const std::vector<YearWeight> kCityFibre = {{2018, 0.5}, {2019, 0.5}, {2020, 0.5}, {2021, 1}, {2022, 8},
                                            {2023, 12},  {2024, 14},  {2025, 14},  {2026, 6}};
const std::vector<YearWeight> kCable31 = {{2019, 4}, {2020, 8}, {2021, 12}, {2022, 12},
                                          {2023, 7}, {2024, 4}, {2025, 2}};
const std::vector<YearWeight> kProgramme = {{2017, 1}, {2018, 1}, {2019, 1}, {2020, 1}, {2021, 1},
                                            {2022, 1}, {2023, 1}, {2024, 1}, {2025, 1}};
const std::vector<YearWeight> kSchools = {{2019, 1}, {2020, 1}, {2021, 1}, {2022, 1}, {2023, 1}, {2024, 1}};

bool gigabit_fibre(const Offer& f) { return f.status == "existing" && (f.tech == "ftth" || f.tech == "fttb"); }

// One operator's rows as they stood in survey s.
std::vector<Offer> rows_at(const std::vector<Offer>& rows, const Survey& s,
                           const std::unordered_map<std::string, std::size_t>& index,
                           const std::vector<int>& fibre_live, const std::vector<int>& cable_live)
{
    std::vector<Offer> out;
    for (const Offer& f : rows) {
        const auto it = index.find(f.address_id);
        Offer g = f;
        if (f.status == "planned" || f.status == "under_review") {
            if (f.year - s.year > kPlanAhead) continue;
        } else if (it != index.end() && gigabit_fibre(f)) {
            const int golive = fibre_live[it->second];
            if (!live_at(golive, s)) {
                if (golive / 12 - s.year > kPlanAhead) continue;
                g.status = "planned";
                g.year = golive / 12;
            }
        } else if (it != index.end() && f.status == "existing" && f.tech == "docsis31") {
            if (!live_at(cable_live[it->second], s)) {
                g.tech = "docsis30";
                g.down = "500";
                if (g.up != "n/a") g.up = "50";
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

void write_offers(const std::filesystem::path& dir, const Operator& op, const std::vector<Offer>& rows)
{
    CsvFile f(dir, "offers_" + op.slug + ".csv");
    f.row({"address_id", "provider", "technology", "down_mbps", "up_mbps", "latency_ms", "status", "planned_year"});
    for (const Offer& x : rows)
        f.row({x.address_id, op.provider, x.tech, x.down, x.up, x.latency, x.status,
               x.year ? std::to_string(x.year) : std::string()});
    f.close();
}

} // namespace

void write_history(const std::filesystem::path& outdir, const Model& m, const Offers& o, const Programme& pg, Rng& r)
{
    // Go-live months per street, drawn in street order for every street (used or not).
    std::vector<int> street_fibre(m.streets.size()), street_cable(m.streets.size());
    for (std::size_t si = 0; si < m.streets.size(); ++si) {
        const Street& st = m.streets[si];
        const Kind kind = m.districts[static_cast<std::size_t>(st.district)].kind;
        const bool programme = st.outlier || kind == Kind::Village;
        street_fibre[si] = draw_month(r, programme ? kProgramme : kCityFibre);
        street_cable[si] = draw_month(r, kCable31);
    }
    std::unordered_map<std::string, std::size_t> index;
    std::vector<int> fibre_live(m.addresses.size()), cable_live(m.addresses.size());
    for (std::size_t i = 0; i < m.addresses.size(); ++i) {
        const Address& a = m.addresses[i];
        index[a.id] = i;
        const Street& st = m.streets[static_cast<std::size_t>(a.street)];
        fibre_live[i] = street_fibre[static_cast<std::size_t>(a.street)];
        if (a.category == Category::Hospital) fibre_live[i] = month_of(2016, 1);
        if (a.category == Category::School && !st.fibre) fibre_live[i] = draw_month(r, kSchools);
        cable_live[i] = street_cable[static_cast<std::size_t>(a.street)];
    }

    for (const Survey& s : kSurveys) {
        const std::filesystem::path dir = outdir / "history" / s.date;
        std::filesystem::create_directories(dir);
        std::size_t rows = 0;
        for (const Operator* op : {&o.saalenetz, &o.kabel}) {
            const std::vector<Offer> at = rows_at(op->rows, s, index, fibre_live, cable_live);
            write_offers(dir, *op, at);
            rows += at.size();
        }
        // The programme: built areas and routes of a later year were plans (or not yet known).
        Programme then;
        for (const BuildArea& a : pg.areas) {
            if (a.year - s.year > kPlanAhead) continue;
            BuildArea b = a;
            b.existing = a.existing && a.year < s.year;
            then.areas.push_back(b);
        }
        for (const RouteFeature& rf : pg.routes) {
            if (rf.year - s.year > kPlanAhead) continue;
            RouteFeature g = rf;
            g.existing = rf.existing && rf.year < s.year;
            then.routes.push_back(g);
        }
        write_geojson(dir, "footprints_wfp.geojson", wfp_footprints(m, then));
        write_geojson(dir, "routes_fibre.geojson", route_features(then.routes));
        int built = 0;
        for (const BuildArea& a : then.areas) built += a.existing;
        std::cout << "history/" << s.date << ": " << rows << " offer rows (2 operators), " << then.areas.size()
                  << " build areas (" << built << " built), " << then.routes.size() << " fibre routes\n";
    }
}

} // namespace gen_jena
