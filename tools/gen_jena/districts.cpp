// districts.cpp — Jena's Ortsteile, their Voronoi polygons, and keeping every address inside its own.

#include "model.hpp"

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

// Centres: approximate lat/lon of each Ortsteil converted to EPSG:25832 (cs2cs), rounded.
std::vector<District> make_districts()
{
    using K = Kind;
    // name, postcode, centre, radius, addresses, kind, schools, hospitals, publics, business,
    // p_cable, cable31, p_fibre, p_plan, remote, p_fwa, outliers
    // clang-format off
    return {
        {"Zentrum", "07743", {681870, 5645010}, 750, 1600, K::Centre, 4, 1, 10, 0.20, 0.60, true, 0.22, 0.45, false, 0, 0},
        {"Nord", "07743", {681740, 5646560}, 950, 2400, K::City, 5, 1, 4, 0.08, 0.48, true, 0.12, 0.45, false, 0, 0},
        {"West", "07743", {680610, 5644850}, 900, 1800, K::City, 4, 0, 4, 0.05, 0.45, true, 0.14, 0.45, false, 0, 0},
        {"Ost", "07749", {683280, 5644720}, 900, 1500, K::City, 3, 0, 3, 0.05, 0.42, true, 0.12, 0.45, false, 0, 0},
        {"Süd", "07745", {681560, 5643660}, 850, 1300, K::City, 3, 0, 3, 0.05, 0.45, true, 0.15, 0.45, false, 0, 0},
        {"Wenigenjena", "07749", {683030, 5646050}, 900, 1400, K::City, 3, 0, 3, 0.05, 0.42, true, 0.12, 0.45, false, 0, 0},
        {"Kernberge", "07749", {682910, 5643380}, 700, 500, K::Suburb, 1, 0, 1, 0.03, 0.30, false, 0.30, 0.55, false, 0, 1},
        {"Lobeda-Altstadt", "07747", {683450, 5640060}, 600, 500, K::Suburb, 1, 0, 2, 0.04, 0.30, false, 0.30, 0.55, false, 0, 1},
        {"Lobeda-West", "07747", {682730, 5640590}, 700, 900, K::Estate, 3, 0, 3, 0.04, 0.80, true, 0.30, 0.40, false, 0, 0},
        {"Lobeda-Ost", "07747", {684280, 5640530}, 750, 800, K::Estate, 3, 1, 3, 0.06, 0.80, true, 0.30, 0.40, false, 0, 0},
        {"Winzerla", "07745", {680500, 5641730}, 900, 1200, K::Estate, 3, 0, 3, 0.04, 0.70, true, 0.22, 0.40, false, 0, 1},
        {"Göschwitz", "07745", {681820, 5640220}, 650, 400, K::Suburb, 1, 0, 1, 0.20, 0.30, true, 0.30, 0.50, false, 0, 1},
        {"Burgau", "07745", {681980, 5641670}, 650, 500, K::Suburb, 1, 0, 1, 0.04, 0.30, true, 0.30, 0.55, false, 0, 1},
        {"Ammerbach", "07745", {679410, 5642920}, 700, 600, K::Suburb, 1, 0, 2, 0.03, 0.30, false, 0.30, 0.55, false, 0, 2},
        {"Lichtenhain", "07745", {679790, 5644050}, 650, 500, K::Suburb, 1, 0, 1, 0.03, 0.30, false, 0.30, 0.55, false, 0, 2},
        {"Zwätzen", "07743", {682580, 5648710}, 750, 700, K::Suburb, 1, 0, 2, 0.05, 0.30, false, 0.30, 0.55, false, 0, 2},
        {"Löbstedt", "07743", {682340, 5647590}, 650, 500, K::Suburb, 1, 0, 1, 0.08, 0.30, true, 0.30, 0.55, false, 0, 1},
        {"Wöllnitz", "07749", {683640, 5642620}, 600, 400, K::Suburb, 0, 0, 1, 0.03, 0.30, false, 0.30, 0.55, false, 0, 2},
        {"Ziegenhain", "07749", {684990, 5644340}, 550, 250, K::Suburb, 0, 0, 1, 0.03, 0.20, false, 0.30, 0.55, false, 0, 2},
        {"Drackendorf", "07747", {685010, 5639670}, 550, 250, K::Suburb, 0, 0, 1, 0.03, 0.20, false, 0.30, 0.55, false, 0, 2},
        {"Kunitz", "07751", {684260, 5648880}, 550, 350, K::Village, 1, 0, 1, 0.04, 0, false, 0.45, 0.55, false, 0, 3},
        {"Laasan", "07751", {685220, 5649580}, 400, 120, K::Village, 0, 0, 1, 0.03, 0, false, 0.40, 0.55, true, 0.6, 3},
        {"Jenaprießnitz", "07751", {686200, 5645400}, 420, 120, K::Village, 0, 0, 1, 0.03, 0, false, 0.50, 0.55, true, 0, 2},
        {"Wogau", "07751", {686500, 5646250}, 380, 100, K::Village, 0, 0, 1, 0.03, 0, false, 0.40, 0.55, true, 0.6, 2},
        {"Ilmnitz", "07751", {685960, 5638700}, 400, 90, K::Village, 0, 0, 1, 0.03, 0, false, 0.45, 0.55, true, 0.7, 2},
        {"Maua", "07751", {681920, 5637450}, 450, 150, K::Village, 0, 0, 1, 0.05, 0, false, 0.50, 0.55, true, 0.7, 3},
        {"Leutra", "07751", {680340, 5638500}, 420, 90, K::Village, 0, 0, 1, 0.03, 0, false, 0.45, 0.55, true, 0.7, 2},
        {"Isserstedt", "07751", {675720, 5648020}, 550, 300, K::Village, 1, 0, 2, 0.04, 0, false, 0.50, 0.55, false, 0, 4},
        {"Cospeda", "07751", {678700, 5647010}, 420, 150, K::Village, 0, 0, 1, 0.03, 0, false, 0.45, 0.55, false, 0, 2},
        {"Closewitz", "07751", {679660, 5647940}, 380, 80, K::Village, 0, 0, 1, 0.03, 0, false, 0.40, 0.55, true, 0, 2},
        {"Lützeroda", "07751", {677520, 5646530}, 380, 60, K::Village, 0, 0, 1, 0.03, 0, false, 0.40, 0.50, true, 0, 2},
        {"Krippendorf", "07751", {678080, 5648880}, 400, 70, K::Village, 0, 0, 1, 0.03, 0, false, 0.40, 0.50, true, 0, 2},
        {"Vierzehnheiligen", "07751", {677070, 5649520}, 400, 60, K::Village, 0, 0, 1, 0.03, 0, false, 0.35, 0.50, true, 0, 2},
        {"Münchenroda", "07751", {676780, 5643610}, 420, 80, K::Village, 0, 0, 1, 0.03, 0, false, 0.45, 0.55, true, 0.6, 3},
        {"Remderoda", "07751", {675750, 5644910}, 380, 50, K::Village, 0, 0, 1, 0.03, 0, false, 0.35, 0.50, true, 0, 2},
    };
    // clang-format on
}

int nearest_district(const std::vector<District>& ds, Pt p)
{
    int best = 0;
    double bd = dist2(p, ds[0].centre);
    for (int i = 1; i < static_cast<int>(ds.size()); ++i) {
        double d = dist2(p, ds[i].centre);
        if (d < bd) {
            bd = d;
            best = i;
        }
    }
    return best;
}

bool in_extent(Pt p) { return p.x > kMinX && p.x < kMaxX && p.y > kMinY && p.y < kMaxY; }

int district_index(const Model& m, const std::string& name)
{
    for (std::size_t i = 0; i < m.districts.size(); ++i)
        if (m.districts[i].name == name) return static_cast<int>(i);
    throw std::runtime_error("unknown district " + name);
}

// One convex ring per district. Shared Voronoi vertices are computed once per cell; after
// rounding to centimetres, vertices within 3 cm of an earlier one are snapped to it, so two
// neighbouring cells share exactly the same edge (no gaps, no overlaps).
std::vector<Ring> district_cells(const Model& m)
{
    const Pt o{kMinX, kMinY};
    const double w = kMaxX - kMinX, h = kMaxY - kMinY;
    std::vector<P64> canon;
    std::vector<Ring> rings;
    for (std::size_t i = 0; i < m.districts.size(); ++i) {
        std::vector<Pt> poly{{0, 0}, {w, 0}, {w, h}, {0, h}};
        const Pt ci = m.districts[i].centre - o;
        for (std::size_t j = 0; j < m.districts.size(); ++j) {
            if (j == i) continue;
            const Pt cj = m.districts[j].centre - o;
            poly = clip_halfplane(poly, cj - ci, (dot(cj, cj) - dot(ci, ci)) / 2);
        }
        Ring r;
        for (const Pt& p : poly) {
            P64 q = to_p64(p + o);
            for (const P64& c : canon)
                if (std::abs(c.x - q.x) <= 3 && std::abs(c.y - q.y) <= 3) {
                    q = c;
                    break;
                }
            if (std::find(canon.begin(), canon.end(), q) == canon.end()) canon.push_back(q);
            if (r.empty() || !(r.back() == q)) r.push_back(q);
        }
        while (r.size() > 1 && r.back() == r.front()) r.pop_back();
        rings.push_back(r);
    }
    return rings;
}

// Every address must lie strictly inside its own district's polygon (the written,
// centimetre-rounded Voronoi cell). Street addresses were placed nearer to their own centre
// than to any other, but the first building of an outlying farm (build_outlier) was only
// checked at the farm's centre, so it can lie a few metres over the edge; and rounding can
// put a point within a centimetre of an edge on the wrong side. Such points are moved
// towards their district centre, a centimetre at a time, until they are strictly inside
// their cell, then one metre further. (Moving keeps every other byte of the data set; a
// redraw would shift the random streams.) Returns how many moved and the largest move.
std::pair<int, double> keep_inside_cells(Model& m)
{
    const std::vector<Ring> cells = district_cells(m);
    int moved = 0;
    double largest = 0;
    for (Address& a : m.addresses) {
        const Ring& cell = cells[static_cast<std::size_t>(a.district)];
        if (inside_convex(cell, {a.xcm, a.ycm})) continue;
        const Pt p = address_pt(a), c = m.districts[static_cast<std::size_t>(a.district)].centre;
        const Pt u = unit(c - p);
        int k = 0;
        P64 q{a.xcm, a.ycm};
        while (!inside_convex(cell, q)) {
            if (++k > 100000) throw std::runtime_error("address " + a.id + " cannot be moved inside its district");
            q = to_p64(p + u * (0.01 * k));
        }
        k += 100;
        q = to_p64(p + u * (0.01 * k));
        a.xcm = q.x;
        a.ycm = q.y;
        ++moved;
        largest = std::max(largest, 0.01 * k);
    }
    return {moved, largest};
}

} // namespace gen_jena
