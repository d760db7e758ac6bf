// offers.cpp — street network pictures, per-operator offer rows, under_review plans and the deliberate dirty rows.

#include "offers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gen_jena {

const std::vector<Copper> kCopper = {
    {"adsl", 6, 1}, {"adsl", 16, 1}, {"vdsl", 25, 5}, {"vdsl", 50, 10}, {"vdsl", 100, 40}, {"vdsl", 250, 40},
};

namespace {

int plan_year(Rng& r)
{
    double u = r.uniform();
    if (u < 0.15) return 2026;
    if (u < 0.40) return 2027;
    if (u < 0.65) return 2028;
    if (u < 0.85) return 2029;
    return 2030;
}

int copper_class(Rng& r, Kind k, bool remote)
{
    double u = r.uniform();
    if (remote) return u < 0.15 ? 1 : (u < 0.40 ? 2 : 3);
    switch (k) {
    case Kind::Centre:
    case Kind::City:
    case Kind::Estate: return u < 0.55 ? 5 : (u < 0.85 ? 4 : 3);
    case Kind::Suburb: return u < 0.30 ? 5 : (u < 0.70 ? 4 : 3);
    case Kind::Village: return u < 0.35 ? 4 : (u < 0.92 ? 3 : 2);
    }
    return 3;
}

Offer make_offer(const std::string& id, const char* tech, int down, int up, const char* latency = "",
                 const char* status = "existing", int year = 0)
{
    return {id, tech, std::to_string(down), std::to_string(up), latency, status, year};
}

} // namespace

void plan_streets(Model& m, Rng& r)
{
    for (Street& st : m.streets) {
        const District& d = m.districts[st.district];
        const bool city = d.kind == Kind::Centre || d.kind == Kind::City || d.kind == Kind::Estate;
        if (st.outlier) {
            st.copper = r.chance(0.55) ? 0 : 1;
            st.fwa = d.p_fwa > 0 && r.chance(0.5);
            if (r.chance(0.45)) st.plan_year = plan_year(r);
            continue;
        }
        if (d.p_cable > 0 && r.chance(d.p_cable)) st.cable = d.cable31 ? 31 : 30;
        st.copper = copper_class(r, d.kind, d.remote);
        st.fibre = r.chance(d.p_fibre);
        // The white-spot programme 2017–2025 built fibre where copper stayed below 30 Mbit/s.
        if (!st.fibre && kCopper[st.copper].down < 30 && st.cable == 0) st.fibre = r.chance(0.70);
        st.fwa = d.p_fwa > 0 && r.chance(d.p_fwa);
        if (d.remote && d.p_fwa == 0 && (d.name == "Vierzehnheiligen" || d.name == "Krippendorf"))
            st.fwa_unlicensed = r.chance(0.5);
        const bool gigabit = st.fibre || st.cable == 31;
        if (!gigabit && r.chance(d.p_plan)) st.plan_year = plan_year(r);
        if (gigabit && !st.fibre && r.chance(0.08)) st.plan_year = plan_year(r); // overbuild of cable
        if (city && !st.fibre && r.chance(0.08)) st.kupfer_plan_year = r.range(2027, 2029);
        if (st.cable == 30 && r.chance(0.35)) st.kabel_plan_year = r.range(2027, 2028);
    }
}

void build_offers(Model& m, Rng& r, Offers& o)
{
    for (const Address& a : m.addresses) {
        const Street& st = m.streets[a.street];
        const District& d = m.districts[a.district];
        const bool city = d.kind == Kind::Centre || d.kind == Kind::City || d.kind == Kind::Estate;
        const bool rural = d.kind == Kind::Village || a.outlier;
        const std::string& id = a.id;

        // Saalenetz: fibre (ftth; fttb in big estate blocks), plans, or nothing.
        bool fibre = st.fibre && r.chance(0.95);
        // Socio-economic sites: hospitals have dedicated fibre; most schools were connected
        // by the school connection programme, some are planned, a few still wait.
        int site_plan = 0;
        if (!fibre && a.category == Category::Hospital) fibre = true;
        if (!fibre && a.category == Category::School) {
            double u = r.uniform();
            if (u < 0.55) fibre = true;
            else if (u < 0.80) site_plan = r.range(2026, 2027);
        }
        if (fibre) {
            if (d.kind == Kind::Estate && a.units >= 8) {
                o.saalenetz.rows.push_back(make_offer(id, "fttb", r.chance(0.7) ? 500 : 1000, 100));
            } else {
                double u = r.uniform();
                if (u < 0.70) o.saalenetz.rows.push_back(make_offer(id, "ftth", 1000, 500));
                else if (u < 0.90) o.saalenetz.rows.push_back(make_offer(id, "ftth", 500, 250));
                else o.saalenetz.rows.push_back(make_offer(id, "ftth", 300, 150));
            }
        } else if (site_plan != 0) {
            o.saalenetz.rows.push_back(make_offer(id, "ftth", 1000, 500, "", "planned", site_plan));
        } else if (st.plan_year != 0 && r.chance(0.97)) {
            o.saalenetz.rows.push_back(make_offer(id, "ftth", 1000, 500, "", "planned", st.plan_year));
        }

        // Thüringer Kabel: cable where the street has it.
        if (st.cable != 0 && r.chance(0.92)) {
            if (st.cable == 31) {
                o.kabel.rows.push_back(make_offer(id, "docsis31", 1000, 50));
            } else {
                const bool fast = r.chance(0.7);
                o.kabel.rows.push_back(make_offer(id, "docsis30", fast ? 500 : 250, fast ? 50 : 25));
                if (st.kabel_plan_year != 0)
                    o.kabel.rows.push_back(make_offer(id, "docsis31", 1000, 50, "", "planned", st.kabel_plan_year));
            }
        }

        // Kupfer & Co: copper almost everywhere (not in some new-build fibre streets).
        bool copper = !(fibre && r.chance(0.12)) && !(a.outlier && r.chance(0.15));
        if (copper) {
            int cls = st.copper;
            if (cls > 0 && r.chance(rural ? 0.06 : 0.03)) --cls; // long loop
            const Copper& c = kCopper[cls];
            o.kupfer.rows.push_back(make_offer(id, c.tech, c.down, c.up));
        }
        if (st.kupfer_plan_year != 0 && r.chance(0.9))
            o.kupfer.rows.push_back(make_offer(id, "ftth", 1000, 200, "", "planned", st.kupfer_plan_year));

        // Funkwerk Mitte: licensed FWA in some villages, unlicensed in two.
        if (st.fwa && r.chance(0.9)) o.funk.rows.push_back(make_offer(id, "fwa_licensed", 50, 10, "30"));
        if (st.fwa_unlicensed && r.chance(0.9)) o.funk.rows.push_back(make_offer(id, "fwa_unlicensed", 30, 6, "25"));

        // Luftlinie Mobil: mobile (not counted by fixed-network profiles).
        if (city) {
            if (r.chance(0.35)) o.mobil.rows.push_back(make_offer(id, "5g", 300, 50));
        } else if (r.chance(rural ? 0.45 : 0.35)) {
            o.mobil.rows.push_back(make_offer(id, "lte", rural ? 50 : 100, rural ? 10 : 20));
        }

        // OrbitNet: geostationary satellite everywhere rural.
        if (rural) o.orbit.rows.push_back(make_offer(id, "satellite_geo", 100, 10, "600"));
    }
}

// A handful of under_review plans: outlying addresses without a Saalenetz row.
void add_under_review(Model& m, Rng& r, Offers& o, int wanted, std::vector<std::string>& log)
{
    std::set<std::string> has_saalenetz;
    for (const Offer& f : o.saalenetz.rows) has_saalenetz.insert(f.address_id);
    std::vector<int> cand;
    for (int i = 0; i < static_cast<int>(m.addresses.size()); ++i)
        if (m.addresses[i].outlier && !has_saalenetz.count(m.addresses[i].id)) cand.push_back(i);
    std::vector<Offer> extra;
    for (int k = 0; k < wanted && !cand.empty(); ++k) {
        std::size_t j = r.below(cand.size());
        const Address& a = m.addresses[cand[j]];
        cand.erase(cand.begin() + static_cast<std::ptrdiff_t>(j));
        extra.push_back(make_offer(a.id, "ftth", 1000, 500, "", "under_review", r.range(2027, 2029)));
        log.push_back(a.id);
    }
    // Keep the report in address order.
    std::vector<Offer> merged;
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < m.addresses.size(); ++i) order[m.addresses[i].id] = i;
    merged = o.saalenetz.rows;
    merged.insert(merged.end(), extra.begin(), extra.end());
    std::stable_sort(merged.begin(), merged.end(),
                     [&](const Offer& x, const Offer& y) { return order.at(x.address_id) < order.at(y.address_id); });
    o.saalenetz.rows = std::move(merged);
}

namespace {

std::string served_by_cable_id(const Offers& o, const Model& m, std::size_t nth)
{
    // The nth address (in address order) that has an existing docsis31 row.
    std::set<std::string> ids;
    for (const Offer& f : o.kabel.rows)
        if (f.tech == "docsis31" && f.status == "existing") ids.insert(f.address_id);
    std::size_t k = 0;
    for (const Address& a : m.addresses)
        if (ids.count(a.id) && k++ == nth) return a.id;
    return m.addresses.front().id;
}

void insert_at(std::vector<Offer>& rows, std::size_t pos, Offer f)
{
    if (pos > rows.size()) pos = rows.size();
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(pos), std::move(f));
}

} // namespace

std::vector<Dirty> add_dirty_rows(const Model& m, Offers& o)
{
    std::vector<Dirty> log;
    auto unknown = [&](Operator& op, std::size_t pos, const std::string& bad_id, const char* tech, int down, int up,
                       const std::string& why) {
        insert_at(op.rows, pos, make_offer(bad_id, tech, down, up));
        log.push_back({"offers_" + op.slug + ".csv", bad_id, "unknown address id (" + why + ")"});
    };
    // 5 unknown address ids.
    unknown(o.kupfer, 1200, "16053-120001", "vdsl", 100, 40, "address retired from the official list");
    unknown(o.kupfer, 5400, "16053-120002", "vdsl", 250, 40, "address retired from the official list");
    unknown(o.kupfer, 9800, "16035-000417", "vdsl", 50, 10, "municipality key digits transposed");
    unknown(o.saalenetz, 800, "16053-00417", "ftth", 1000, 500, "running number lost a digit");
    unknown(o.kabel, 2500, "16053 001234", "docsis31", 1000, 50, "space instead of hyphen");

    // 3 unparseable speeds, each on an address already served by cable (class unaffected).
    {
        std::string id = served_by_cable_id(o, m, 100);
        Offer f = make_offer(id, "vdsl", 0, 0);
        f.down = "n/a";
        f.up = "40";
        // put it next to the address's other Kupfer rows
        auto it = std::find_if(o.kupfer.rows.begin(), o.kupfer.rows.end(),
                               [&](const Offer& x) { return x.address_id == id; });
        o.kupfer.rows.insert(it, f);
        log.push_back({"offers_kupfer_co.csv", id, "down_mbps = n/a"});
    }
    {
        std::string id = served_by_cable_id(o, m, 2000);
        Offer f = make_offer(id, "docsis31", 1000, 0);
        f.up = "n/a";
        auto it =
            std::find_if(o.kabel.rows.begin(), o.kabel.rows.end(), [&](const Offer& x) { return x.address_id == id; });
        o.kabel.rows.insert(it, f); // a second, broken docsis31 row for the same address
        log.push_back({"offers_thueringer_kabel.csv", id, "up_mbps = n/a (duplicate of a valid row)"});
    }
    {
        std::string id = served_by_cable_id(o, m, 3500);
        Offer f = make_offer(id, "vdsl", 0, 0);
        f.down = "k.A.";
        f.up = "k.A.";
        auto it = std::find_if(o.kupfer.rows.begin(), o.kupfer.rows.end(),
                               [&](const Offer& x) { return x.address_id == id; });
        o.kupfer.rows.insert(it, f);
        log.push_back({"offers_kupfer_co.csv", id, "down_mbps and up_mbps = k.A. (German 'keine Angabe')"});
    }
    // 2 unknown technology words, on addresses already served by cable.
    for (std::size_t nth : {500u, 2600u}) {
        std::string id = served_by_cable_id(o, m, nth);
        Offer f = make_offer(id, "powerline", 1000, 500, "", "planned", 2027);
        auto it = std::find_if(o.saalenetz.rows.begin(), o.saalenetz.rows.end(),
                               [&](const Offer& x) { return x.address_id >= id; });
        o.saalenetz.rows.insert(it, f);
        log.push_back({"offers_saalenetz.csv", id, "technology = powerline (planned)"});
    }
    return log;
}

std::vector<AddressState> address_states(const Model& m, Offers& o)
{
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < m.addresses.size(); ++i) index[m.addresses[i].id] = i;
    static const std::set<std::string> counted = {"ftth", "fttb", "docsis31",     "docsis30",
                                                  "vdsl", "adsl", "fwa_licensed", "fwa_unlicensed"};
    std::vector<AddressState> st(m.addresses.size());
    for (Operator* op : o.all())
        for (const Offer& f : op->rows) {
            auto it = index.find(f.address_id);
            if (it == index.end() || !counted.count(f.tech) || f.status != "existing") continue;
            AddressState& s = st[it->second];
            const int down = std::stoi(f.down);
            s.best_down = std::max(s.best_down, down);
            if (down >= 1000 || f.tech == "ftth" || f.tech == "fttb" || f.tech == "docsis31") s.gigabit = true;
        }
    return st;
}

} // namespace gen_jena
