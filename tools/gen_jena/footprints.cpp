// footprints.cpp — cable service areas and the white-spot programme's build areas.

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

// --- cable service areas ----------------------------------------------------------------

// Thüringer Kabel AG reported per-address rows for the city; for the outer districts below
// (local cable networks it took over) it delivered service-area polygons only.
std::vector<GeoFeature> cable_footprints(const Model& m, Rng& r)
{
    struct Area {
        std::vector<std::string> districts;
        const char* tech;
        int down, up;
        int holes; // in the first part
        const char* note;
    };
    const std::vector<Area> areas = {
        {{"Kunitz"}, "docsis31", 1000, 50, 1, "former Antennengemeinschaft Kunitz; hole: new-build area without cable"},
        {{"Ziegenhain"}, "docsis31", 1000, 50, 0, "former local cable network Ziegenhain"},
        {{"Cospeda", "Lützeroda"}, "docsis30", 500, 50, 0, "one headend for Cospeda and Lützeroda"},
        {{"Maua", "Leutra"}, "docsis30", 250, 25, 1, "one headend for Maua and Leutra; hole: industrial estate"},
        {{"Isserstedt"}, "docsis30", 500, 50, 1, "former Antennengemeinschaft Isserstedt; hole: not cabled"},
        {{"Laasan"}, "docsis30", 250, 25, 0, "former Antennengemeinschaft Laasan"},
    };
    std::vector<GeoFeature> out;
    int n = 0;
    for (const Area& a : areas) {
        GeoFeature f;
        std::string names;
        for (std::size_t k = 0; k < a.districts.size(); ++k) {
            const District& d = m.districts[static_cast<std::size_t>(district_index(m, a.districts[k]))];
            names += (k ? " + " : "") + d.name;
            Polygon p;
            p.outer = make_ring(blob(r, d.centre, 0.55 * d.radius, 1.0 * d.radius, 28), true);
            if (k == 0)
                for (int h = 0; h < a.holes; ++h) {
                    const Pt hc = d.centre + random_dir(r) * (0.25 * d.radius);
                    p.holes.push_back(make_ring(blob(r, hc, 0.10 * d.radius, 0.20 * d.radius, 16), false));
                }
            f.polygons.push_back(std::move(p));
        }
        f.multi = a.districts.size() > 1;
        char id[16];
        std::snprintf(id, sizeof id, "TK-%02d", ++n);
        f.props = Props()
                      .str("area_id", id)
                      .str("name", names)
                      .str("provider", kKabel)
                      .str("technology", a.tech)
                      .num("down_mbps", a.down)
                      .num("up_mbps", a.up)
                      .str("status", "existing")
                      .null("planned_year")
                      .str("note", a.note)
                      .text;
        out.push_back(std::move(f));
    }
    return out;
}

// --- white-spot programme: build areas and routes ----------------------------------------

namespace {

void bbox_of(BuildArea& a)
{
    a.lo = a.hi = a.ring[0];
    for (const P64& p : a.ring) {
        a.lo = {std::min(a.lo.x, p.x), std::min(a.lo.y, p.y)};
        a.hi = {std::max(a.hi.x, p.x), std::max(a.hi.y, p.y)};
    }
}

double min_dist_to_addresses(const Model& m, Pt p)
{
    double best = std::numeric_limits<double>::infinity();
    for (const Address& a : m.addresses) best = std::min(best, dist2(p, address_pt(a)));
    return std::sqrt(best);
}

} // namespace

// Build areas: every outlying farm cluster and every village street that still had white
// addresses (no counted existing offer >= 30 Mbit/s) in the reports: about half were built
// 2017–2025 (existing), about a third are planned for 2026/2027, the rest remain white.
Programme white_spot_programme(const Model& m, const std::vector<AddressState>& st, Rng& r)
{
    Programme pg;
    bool bowtie_done = false;
    for (std::size_t si = 0; si < m.streets.size(); ++si) {
        const Street& s = m.streets[si];
        const District& d = m.districts[static_cast<std::size_t>(s.district)];
        if (!s.outlier && d.kind != Kind::Village) continue;
        int white = 0;
        for (int ai : s.addresses)
            if (st[static_cast<std::size_t>(ai)].best_down < 30) ++white;
        if (white == 0) continue;
        const double u = r.uniform();
        if (u >= 0.82) continue; // not (yet) in the programme
        BuildArea a;
        a.district = s.district;
        a.street = static_cast<int>(si);
        a.outlier = s.outlier;
        a.existing = u < 0.50;
        a.year = a.existing ? r.range(2017, 2025) : r.range(2026, 2027);
        Pt c{0, 0};
        for (int ai : s.addresses) c = c + address_pt(m.addresses[static_cast<std::size_t>(ai)]);
        c = c * (1.0 / static_cast<double>(s.addresses.size()));
        double reach = 0;
        for (int ai : s.addresses)
            reach = std::max(reach, norm(address_pt(m.addresses[static_cast<std::size_t>(ai)]) - c));
        if (s.outlier && a.existing && !bowtie_done) {
            // The deliberate bow-tie: a quadrilateral digitised in the wrong vertex order.
            // Its edges cross at X, east (or west) of the farm; the farm lies deep inside the
            // first lobe. GEOS MakeValid turns it into its two triangles.
            const double sz = reach + 30;
            for (double side : {1.0, -1.0}) {
                const Pt x = c + Pt{3.5 * sz * side, 0};
                if (min_dist_to_addresses(m, x) < 25) continue;
                const double aa = 6 * sz, bb = 3 * sz;
                a.ring = make_ring(
                    {x + Pt{-aa * side, -bb}, x + Pt{aa * side, bb}, x + Pt{aa * side, -bb}, x + Pt{-aa * side, bb}},
                    true, true);
                a.bowtie = true;
                bowtie_done = true;
                break;
            }
        }
        if (!a.bowtie) {
            if (s.outlier) {
                const double rmin = (reach + 30) / 0.95;
                a.ring = make_ring(blob(r, c, rmin, rmin * 1.5, 16), true);
            } else {
                double w = 0;
                for (int ai : s.addresses) {
                    Pt q;
                    w = std::max(w, std::sqrt(nearest_on_line(
                                        s.line, address_pt(m.addresses[static_cast<std::size_t>(ai)]), q)));
                }
                w = std::max(w + 12.0, 30.0);
                a.ring = make_ring(corridor(s.line, w), true);
                if (a.ring.size() < 3 || !simple_ring(a.ring)) {
                    const double rmin = (reach + 25) / 0.95;
                    a.ring = make_ring(blob(r, c, rmin, rmin * 1.2, 24), true);
                }
            }
        }
        bbox_of(a);
        pg.areas.push_back(std::move(a));
    }
    return pg;
}

// Groups build areas into features: one per district, status and year; parts whose
// bounding boxes do not touch share a MultiPolygon feature (a "Los"), others get their own.
std::vector<GeoFeature> wfp_footprints(const Model& m, const Programme& pg)
{
    struct Group {
        int district, existing, year;
        bool bowtie;
        std::vector<const BuildArea*> parts;
    };
    std::vector<Group> groups;
    auto apart = [](const BuildArea* x, const BuildArea* y) {
        return x->hi.x + 100 < y->lo.x || y->hi.x + 100 < x->lo.x || x->hi.y + 100 < y->lo.y || y->hi.y + 100 < x->lo.y;
    };
    for (const BuildArea& a : pg.areas) {
        Group* target = nullptr;
        if (!a.bowtie)
            for (Group& g : groups) {
                if (g.bowtie || g.district != a.district || g.existing != a.existing || g.year != a.year) continue;
                if (std::all_of(g.parts.begin(), g.parts.end(), [&](const BuildArea* p) { return apart(p, &a); })) {
                    target = &g;
                    break;
                }
            }
        if (!target) {
            groups.push_back({a.district, a.existing, a.year, a.bowtie, {}});
            target = &groups.back();
        }
        target->parts.push_back(&a);
    }
    std::vector<GeoFeature> out;
    int n = 0;
    for (const Group& g : groups) {
        GeoFeature f;
        for (const BuildArea* p : g.parts) f.polygons.push_back({p->ring, {}});
        f.multi = f.polygons.size() > 1;
        const District& d = m.districts[static_cast<std::size_t>(g.district)];
        char id[16];
        std::snprintf(id, sizeof id, "WFP-%03d", ++n);
        std::string streets;
        for (std::size_t k = 0; k < g.parts.size(); ++k)
            streets += (k ? ", " : "") + m.streets[static_cast<std::size_t>(g.parts[k]->street)].name;
        Props pr;
        pr.str("area_id", id)
            .str("name", d.name + ": " + streets)
            .str("provider", kSaalenetz)
            .str("technology", "ftth");
        pr.num("down_mbps", 1000).num("up_mbps", 1000);
        if (g.existing) pr.str("status", "existing").null("planned_year").num("built_year", g.year);
        else pr.str("status", "planned").num("planned_year", g.year).null("built_year");
        pr.str("programme", "Weiße-Flecken-Programm Jena");
        if (g.bowtie) pr.str("note", "deliberately invalid: bow-tie (self-intersecting ring); coverage repairs it");
        f.props = pr.text;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace gen_jena
