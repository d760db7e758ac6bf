// addresses.cpp — streets as random polylines inside each district, addresses along both sides, outlying farms,
// socio-economic sites and ids.

#include "model.hpp"
#include "street_names.hpp"

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

const char* category_name(Category c)
{
    switch (c) {
    case Category::Residential: return "residential";
    case Category::Business: return "business";
    case Category::School: return "school";
    case Category::Hospital: return "hospital";
    case Category::Public: return "public";
    }
    return "residential";
}

namespace {

// Collision grid: no two address points closer than a minimum distance.
class PointGrid {
public:
    explicit PointGrid(double cell) : cell_(cell) {}
    bool free(Pt p, double min_d) const
    {
        long cx = cell_of(p.x), cy = cell_of(p.y);
        long reach = static_cast<long>(min_d / cell_) + 1;
        for (long i = cx - reach; i <= cx + reach; ++i)
            for (long j = cy - reach; j <= cy + reach; ++j) {
                auto it = cells_.find(key(i, j));
                if (it == cells_.end()) continue;
                for (const Pt& q : it->second)
                    if (dist2(p, q) < min_d * min_d) return false;
            }
        return true;
    }
    void add(Pt p) { cells_[key(cell_of(p.x), cell_of(p.y))].push_back(p); }

private:
    long cell_of(double v) const { return static_cast<long>(std::floor(v / cell_)); }
    static std::int64_t key(long i, long j)
    {
        return (static_cast<std::int64_t>(i) << 32) ^ static_cast<std::uint32_t>(j);
    }
    double cell_;
    std::unordered_map<std::int64_t, std::vector<Pt>> cells_;
};

struct KindShape {
    double spacing_min, spacing_max; // along the street, per side
    double offset_min, offset_max;   // from the street axis
    double min_dist;                 // between address points
    double len_min, len_max;         // street length
    double p_side;                   // chance that a slot on one side holds a building
    double p_suffix;                 // chance of an extra "a" building (rear house)
};

KindShape shape_of(Kind k)
{
    switch (k) {
    case Kind::Centre: return {14, 22, 7, 11, 7, 250, 700, 0.95, 0.05};
    case Kind::City: return {15, 25, 8, 13, 8, 300, 1000, 0.92, 0.04};
    case Kind::Estate: return {16, 30, 9, 18, 8, 250, 800, 0.90, 0.02};
    case Kind::Suburb: return {18, 30, 9, 15, 9, 200, 800, 0.85, 0.03};
    case Kind::Village: return {20, 42, 9, 18, 11, 150, 700, 0.80, 0.04};
    }
    return {};
}

int residential_units(Rng& r, Kind k)
{
    double u = r.uniform();
    switch (k) {
    case Kind::Centre: // old town and Gründerzeit blocks
        if (u < 0.20) return r.range(1, 5);
        if (u < 0.80) return r.range(6, 10);
        if (u < 0.97) return r.range(10, 18);
        return r.range(20, 40);
    case Kind::Estate: // Plattenbau entrances, high-rises, some terraced houses
        if (u < 0.40) return r.range(1, 4);
        if (u < 0.92) return r.range(6, 15);
        return r.range(20, 60);
    case Kind::City:
        if (u < 0.55) return r.range(1, 2);
        if (u < 0.88) return r.range(3, 6);
        return r.range(6, 10);
    case Kind::Suburb:
        if (u < 0.65) return 1;
        if (u < 0.87) return 2;
        return r.range(3, 8);
    case Kind::Village:
        if (u < 0.72) return 1;
        if (u < 0.94) return 2;
        return 3;
    }
    return 1;
}

// Places addresses along a new street; returns how many were placed (0: street discarded).
// Points are checked against the committed grid and against this street's own points; the
// caller adds them to the grid only if the street is kept.
int build_street(Model& m, const PointGrid& grid, Rng& r, int di, int wanted, std::vector<Address>& out,
                 std::vector<Pt>& line_out)
{
    const District& d = m.districts[di];
    const KindShape sh = shape_of(d.kind);
    // Start inside the district.
    Pt p;
    for (int tries = 0;; ++tries) {
        p = random_in_disk(r, d.centre, d.radius * 0.9);
        if (nearest_district(m.districts, p) == di && in_extent(p)) break;
        if (tries > 200) return 0;
    }
    Pt dir = random_dir(r);
    const double length = r.uniform(sh.len_min, sh.len_max);
    // Polyline with gentle bends, stopped at the district edge.
    std::vector<Pt> line{p};
    double walked = 0;
    while (walked < length) {
        double seg = r.uniform(40, 100);
        if (walked + seg > length) seg = length - walked;
        Pt q = p + dir * seg;
        if (nearest_district(m.districts, q) != di || dist2(q, d.centre) > d.radius * d.radius * 1.1 || !in_extent(q))
            break;
        line.push_back(q);
        walked += seg;
        p = q;
        dir = turn(r, dir, d.kind == Kind::Village ? 0.45 : 0.25);
    }
    if (line.size() < 2) return 0;

    // Walk the polyline; odd numbers on the left, even on the right.
    int placed = 0;
    int next_odd = 1, next_even = 2;
    std::vector<Pt> mine;
    auto free_here = [&](Pt q) {
        if (!grid.free(q, sh.min_dist)) return false;
        for (const Pt& w : mine)
            if (dist2(q, w) < sh.min_dist * sh.min_dist) return false;
        return true;
    };
    double t = r.uniform(4, 12);
    std::size_t seg_i = 0;
    double seg_start = 0;
    auto seg_len = [&](std::size_t i) { return norm(line[i + 1] - line[i]); };
    while (placed < wanted && seg_i + 1 < line.size()) {
        double sl = seg_len(seg_i);
        if (t > seg_start + sl) {
            seg_start += sl;
            ++seg_i;
            continue;
        }
        Pt a = line[seg_i], b = line[seg_i + 1];
        Pt u = (b - a) * (1.0 / sl);
        Pt nrm{-u.y, u.x};
        Pt base = a + u * (t - seg_start);
        for (int side = 0; side < 2 && placed < wanted; ++side) {
            int& num = side == 0 ? next_odd : next_even;
            int this_num = num;
            num += 2;
            if (r.chance(0.03)) num += 2; // a number skipped (demolished, merged plots)
            if (!r.chance(sh.p_side)) continue;
            double off = r.uniform(sh.offset_min, sh.offset_max) * (side == 0 ? 1.0 : -1.0);
            Pt pos = base + nrm * off + Pt{r.gauss() * 1.5, r.gauss() * 1.5};
            if (nearest_district(m.districts, pos) != di || !in_extent(pos) || !free_here(pos)) continue;
            mine.push_back(pos);
            Address ad;
            ad.xcm = to_cm(pos.x);
            ad.ycm = to_cm(pos.y);
            ad.housenumber = std::to_string(this_num);
            ad.district = di;
            ad.units = residential_units(r, d.kind);
            out.push_back(ad);
            ++placed;
            // Occasional rear building "12a" behind the front one.
            if (placed < wanted && r.chance(sh.p_suffix)) {
                // (two draws: separate statements, since operand evaluation order is unspecified)
                const double back = r.uniform(12, 22);
                const double along = r.uniform(-4, 4);
                Pt rear = pos + nrm * (side == 0 ? back : -back) + u * along;
                if (nearest_district(m.districts, rear) == di && in_extent(rear) && free_here(rear)) {
                    mine.push_back(rear);
                    Address ra = ad;
                    ra.xcm = to_cm(rear.x);
                    ra.ycm = to_cm(rear.y);
                    ra.housenumber = std::to_string(this_num) + (r.chance(0.85) ? "a" : "b");
                    ra.units = residential_units(r, d.kind == Kind::Centre ? Kind::City : d.kind);
                    out.push_back(ra);
                    ++placed;
                }
            }
        }
        t += r.uniform(sh.spacing_min, sh.spacing_max);
    }
    line_out = std::move(line);
    return placed;
}

// Outlying farm / mill: 1–3 buildings, well outside the village core.
int build_outlier(Model& m, PointGrid& grid, Rng& r, int di, std::vector<Address>& out, std::vector<Pt>& line_out)
{
    const District& d = m.districts[di];
    for (int tries = 0; tries < 300; ++tries) {
        Pt dir = random_dir(r);
        Pt c = d.centre + dir * (d.radius * r.uniform(1.15, 2.2));
        if (nearest_district(m.districts, c) != di || !in_extent(c) || !grid.free(c, 60)) continue;
        int n = r.range(1, 3);
        int placed = 0;
        for (int k = 0; k < n; ++k) {
            Pt pos = c + Pt{r.uniform(-35, 35), r.uniform(-35, 35)};
            // (the first building is not checked against the district: keep_inside_cells() moves it if needed)
            if (k > 0 && (!grid.free(pos, 12) || nearest_district(m.districts, pos) != di || !in_extent(pos))) continue;
            grid.add(pos);
            Address ad;
            ad.xcm = to_cm(pos.x);
            ad.ycm = to_cm(pos.y);
            ad.housenumber = std::to_string(k + 1);
            ad.district = di;
            ad.units = r.chance(0.8) ? 1 : 2;
            ad.outlier = true;
            out.push_back(ad);
            ++placed;
        }
        line_out = {c, c + dir * 30.0};
        return placed;
    }
    return 0;
}

} // namespace

void build_addresses(Model& m, Rng& master)
{
    StreetNamer namer;
    PointGrid grid(20.0);
    for (int di = 0; di < static_cast<int>(m.districts.size()); ++di) {
        const District& d = m.districts[di];
        Rng r = master.fork();
        std::vector<int> district_addrs;
        auto commit = [&](std::vector<Address>& batch, std::vector<Pt>& line, bool outlier) {
            Street st;
            st.district = di;
            st.outlier = outlier;
            st.name = outlier ? namer.outlier(r) : namer.make(r, d.kind);
            st.line = std::move(line);
            const int si = static_cast<int>(m.streets.size());
            for (Address& a : batch) {
                if (!outlier) grid.add(Pt{static_cast<double>(a.xcm) / 100.0, static_cast<double>(a.ycm) / 100.0});
                a.street = si;
                st.addresses.push_back(static_cast<int>(m.addresses.size()));
                if (!outlier) district_addrs.push_back(static_cast<int>(m.addresses.size()));
                m.addresses.push_back(std::move(a));
            }
            m.streets.push_back(std::move(st));
        };
        int count = 0;
        for (int o = 0; o < d.outliers; ++o) {
            std::vector<Address> batch;
            std::vector<Pt> line;
            int n = build_outlier(m, grid, r, di, batch, line);
            if (n > 0) {
                commit(batch, line, true);
                count += n;
            }
        }
        int fails = 0;
        while (count < d.addresses && fails < 3000) {
            std::vector<Address> batch;
            std::vector<Pt> line;
            int n = build_street(m, grid, r, di, d.addresses - count, batch, line);
            // Streets with a single house are rare; retry instead.
            if (n == 0 || (n < 2 && d.addresses - count >= 2)) {
                ++fails;
                continue;
            }
            commit(batch, line, false);
            count += n;
        }
        if (count < d.addresses)
            std::cerr << "gen_jena: warning: district " << d.name << " got " << count << " of " << d.addresses
                      << " addresses\n";

        // Socio-economic sites and businesses, chosen among the district's street addresses.
        std::vector<int> pool = district_addrs;
        auto take = [&](Category c) -> Address* {
            if (pool.empty()) return nullptr;
            std::size_t k = r.below(pool.size());
            int ai = pool[k];
            pool[k] = pool.back();
            pool.pop_back();
            Address& a = m.addresses[ai];
            a.category = c;
            return &a;
        };
        for (int i = 0; i < d.hospitals; ++i)
            if (Address* a = take(Category::Hospital)) a->units = r.range(1, 3);
        for (int i = 0; i < d.schools; ++i)
            if (Address* a = take(Category::School)) a->units = 1;
        for (int i = 0; i < d.publics; ++i)
            if (Address* a = take(Category::Public)) a->units = 1;
        int businesses = static_cast<int>(d.business_share * static_cast<double>(district_addrs.size()) + 0.5);
        for (int i = 0; i < businesses; ++i)
            if (Address* a = take(Category::Business)) {
                double u = r.uniform();
                a->units = u < 0.70 ? 1 : (u < 0.95 ? r.range(2, 5) : r.range(6, 12));
            }
    }
    // Ids: AGS prefix + running number with occasional gaps (retired addresses).
    Rng r = master.fork();
    int n = 0;
    char buf[32];
    for (Address& a : m.addresses) {
        n += 1 + (r.chance(0.04) ? r.range(1, 3) : 0);
        std::snprintf(buf, sizeof buf, "%s-%06d", kAgs, n);
        a.id = buf;
        a.outlier = m.streets[a.street].outlier || a.outlier;
    }
}

} // namespace gen_jena
