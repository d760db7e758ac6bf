// routes.cpp — fibre routes of the programme and empty ducts along the streets.

#include "spatial.hpp"

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

namespace {

constexpr double kRoadStep = 120, kRoadWander = 90; // country roads: a vertex every 120 m, wandering +-90 m

} // namespace

// Fibre routes of the programme, about target_m metres in all: trunk links connecting every
// village (a spanning tree grown from the city's district edges), routes along the village
// streets that have fibre or are build areas, spurs from farm build areas to the nearest
// existing route, then ring links and the remaining village streets until the total is
// reached. Routes that join another route stop 3 m short of it (no shared vertex), so no
// address is exactly as near to two routes with different status.
void programme_routes(const Model& m, Programme& pg, Rng& r, double target_m)
{
    std::vector<RouteFeature>& routes = pg.routes;
    auto add = [&](const std::string& kind, const std::string& name, bool existing, int year,
                   const std::vector<Pt>& l) {
        RouteFeature f{kind, name, existing, year, {}};
        for (const Pt& p : l) {
            const P64 q = to_p64(p);
            if (f.line.empty() || !(f.line.back() == q)) f.line.push_back(q);
        }
        if (f.line.size() >= 2) routes.push_back(std::move(f));
    };
    // Trunks (Prim): the city districts' edges are connected from the start.
    struct Node {
        int district;
        bool city;
    };
    std::vector<Node> connected;
    std::vector<int> waiting;
    for (std::size_t i = 0; i < m.districts.size(); ++i) {
        if (m.districts[i].kind == Kind::Village) waiting.push_back(static_cast<int>(i));
        else connected.push_back({static_cast<int>(i), true});
    }
    auto attach = [&](const Node& n, Pt towards) {
        const District& d = m.districts[static_cast<std::size_t>(n.district)];
        return n.city ? d.centre + unit(towards - d.centre) * d.radius : d.centre;
    };
    while (!waiting.empty()) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t bw = 0, bn = 0;
        for (std::size_t w = 0; w < waiting.size(); ++w)
            for (std::size_t k = 0; k < connected.size(); ++k) {
                const Pt v = m.districts[static_cast<std::size_t>(waiting[w])].centre;
                const double dd = dist2(v, attach(connected[k], v));
                if (dd < best) {
                    best = dd;
                    bw = w;
                    bn = k;
                }
            }
        const District& v = m.districts[static_cast<std::size_t>(waiting[bw])];
        const Node from = connected[bn];
        const Pt a = attach(from, v.centre);
        const int built = r.range(2017, 2023); // (separate statements: argument order is unspecified)
        add("trunk", m.districts[static_cast<std::size_t>(from.district)].name + " – " + v.name, true, built,
            wander(r, a, v.centre, kRoadStep, kRoadWander));
        connected.push_back({waiting[bw], false});
        waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(bw));
    }
    // Village streets with fibre (built in the programme) and street build areas.
    std::map<int, const BuildArea*> area_of_street;
    for (const BuildArea& a : pg.areas) area_of_street[a.street] = &a;
    for (std::size_t si = 0; si < m.streets.size(); ++si) {
        const Street& s = m.streets[si];
        if (s.outlier || m.districts[static_cast<std::size_t>(s.district)].kind != Kind::Village) continue;
        auto it = area_of_street.find(static_cast<int>(si));
        const std::string name = s.name + " (" + m.districts[static_cast<std::size_t>(s.district)].name + ")";
        if (it != area_of_street.end()) add("street", name, it->second->existing, it->second->year, s.line);
        else if (s.fibre) add("street", name, true, r.range(2017, 2025), s.line);
    }
    // Spurs from farm build areas to the nearest existing route (or the district's streets).
    std::vector<std::vector<Pt>> existing_lines;
    for (const RouteFeature& f : routes)
        if (f.existing) {
            std::vector<Pt> l;
            for (const P64& p : f.line) l.push_back(from_p64(p));
            existing_lines.push_back(std::move(l));
        }
    for (const BuildArea& a : pg.areas) {
        if (!a.outlier) continue;
        const Street& s = m.streets[static_cast<std::size_t>(a.street)];
        Pt c{0, 0};
        for (int ai : s.addresses) c = c + address_pt(m.addresses[static_cast<std::size_t>(ai)]);
        c = c * (1.0 / static_cast<double>(s.addresses.size()));
        double best = std::numeric_limits<double>::infinity();
        Pt target = c;
        auto consider = [&](const std::vector<Pt>& l) {
            Pt q;
            const double dd = nearest_on_line(l, c, q);
            if (dd < best) {
                best = dd;
                target = q;
            }
        };
        for (const auto& l : existing_lines) consider(l);
        for (const Street& t : m.streets)
            if (t.district == s.district && !t.outlier) consider(t.line);
        const double len = std::sqrt(best);
        if (len < 20) continue;
        // Stop 3 m short of the route it joins (a splice closure), so that no point is
        // exactly as near to two routes with different attributes.
        const Pt end = c + (target - c) * ((len - 3.0) / len);
        add("spur", s.name + " (" + m.districts[static_cast<std::size_t>(s.district)].name + ")", a.existing, a.year,
            wander(r, c, end, 120, 20));
    }
    // Up to the programme's total: second links (ring closures, so every village is reached
    // from two sides), then the remaining village streets (planned for the second call,
    // 2026/2027), each in district / street order, until the total reaches target_m.
    double total = 0;
    for (const RouteFeature& f : routes) total += line_length(f.line);
    std::set<std::pair<int, int>> linked;
    for (const RouteFeature& f : routes)
        if (f.kind == "trunk") {
            const std::size_t dash = f.name.find(" – ");
            const int a = district_index(m, f.name.substr(0, dash)), b = district_index(m, f.name.substr(dash + 5));
            linked.insert({std::min(a, b), std::max(a, b)});
        }
    for (std::size_t pass = 0; pass < 2 * m.districts.size() && total < target_m; ++pass) {
        // pass < n: second link to the nearest node; then a link to the nearest city edge
        const std::size_t vi = pass % m.districts.size();
        const bool city_only = pass >= m.districts.size();
        const District& v = m.districts[vi];
        if (v.kind != Kind::Village) continue;
        double best = std::numeric_limits<double>::infinity();
        int bj = -1;
        for (std::size_t j = 0; j < m.districts.size(); ++j) {
            if (j == vi || linked.count({std::min<int>(static_cast<int>(vi), static_cast<int>(j)),
                                         std::max<int>(static_cast<int>(vi), static_cast<int>(j))}))
                continue;
            if (city_only && m.districts[j].kind == Kind::Village) continue;
            const Node n{static_cast<int>(j), m.districts[j].kind != Kind::Village};
            const double dd = dist2(v.centre, attach(n, v.centre));
            if (dd < best) {
                best = dd;
                bj = static_cast<int>(j);
            }
        }
        if (bj < 0) continue;
        const Node n{bj, m.districts[static_cast<std::size_t>(bj)].kind != Kind::Village};
        linked.insert({std::min<int>(static_cast<int>(vi), bj), std::max<int>(static_cast<int>(vi), bj)});
        // A village-to-village ring link ends 3 m before the other village's hub, where
        // routes of other status may meet (see the spurs).
        Pt a = attach(n, v.centre);
        if (!n.city) a = a + unit(v.centre - a) * 3.0;
        const std::size_t before = routes.size();
        const int built = r.range(2019, 2025);
        add("ring", m.districts[static_cast<std::size_t>(bj)].name + " – " + v.name, true, built,
            wander(r, a, v.centre + unit(a - v.centre) * 3.0, kRoadStep, kRoadWander));
        if (routes.size() > before) total += line_length(routes.back().line);
    }
    for (std::size_t si = 0; si < m.streets.size() && total < target_m; ++si) {
        const Street& s = m.streets[si];
        if (s.outlier || s.fibre || area_of_street.count(static_cast<int>(si)) ||
            m.districts[static_cast<std::size_t>(s.district)].kind != Kind::Village)
            continue;
        const std::size_t before = routes.size();
        add("street", s.name + " (" + m.districts[static_cast<std::size_t>(s.district)].name + ")", false,
            r.range(2026, 2027), s.line);
        if (routes.size() > before) total += line_length(routes.back().line);
    }
}

std::vector<GeoFeature> route_features(const std::vector<RouteFeature>& routes)
{
    std::vector<GeoFeature> out;
    int n = 0;
    for (const RouteFeature& rf : routes) {
        GeoFeature f;
        f.line = rf.line;
        char id[16];
        std::snprintf(id, sizeof id, "FR-%03d", ++n);
        Props pr;
        pr.str("route_id", id).str("kind", rf.kind).str("name", rf.name).str("provider", kSaalenetz);
        pr.str("technology", "ftth").num("down_mbps", 1000).num("up_mbps", 1000);
        if (rf.existing) pr.str("status", "existing").null("planned_year").num("built_year", rf.year);
        else pr.str("status", "planned").num("planned_year", rf.year).null("built_year");
        pr.metres("length_m", line_length(rf.line));
        f.props = pr.text;
        out.push_back(std::move(f));
    }
    return out;
}

// Empty ducts laid with road works in the city (no cable, no provider): city and suburb
// streets without fibre, in random order, until about target_m metres.
std::vector<GeoFeature> duct_features(const Model& m, Rng& r, double target_m, double& total)
{
    std::vector<int> cand;
    for (std::size_t si = 0; si < m.streets.size(); ++si) {
        const Street& s = m.streets[si];
        if (!s.outlier && !s.fibre && m.districts[static_cast<std::size_t>(s.district)].kind != Kind::Village)
            cand.push_back(static_cast<int>(si));
    }
    for (std::size_t i = cand.size(); i > 1; --i) std::swap(cand[i - 1], cand[r.below(i)]);
    std::vector<GeoFeature> out;
    total = 0;
    int n = 0;
    for (int si : cand) {
        if (total >= target_m) break;
        const Street& s = m.streets[static_cast<std::size_t>(si)];
        GeoFeature f;
        for (const Pt& p : s.line) {
            const P64 q = to_p64(p);
            if (f.line.empty() || !(f.line.back() == q)) f.line.push_back(q);
        }
        if (f.line.size() < 2) continue;
        const double len = line_length(f.line);
        if (total + len > target_m + 250) continue; // keep the total near the target
        total += len;
        char id[16];
        std::snprintf(id, sizeof id, "LR-%03d", ++n);
        f.props = Props()
                      .str("duct_id", id)
                      .str("name", s.name + " (" + m.districts[static_cast<std::size_t>(s.district)].name + ")")
                      .num("laid_year", r.range(2018, 2025))
                      .metres("length_m", len)
                      .text;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace gen_jena
