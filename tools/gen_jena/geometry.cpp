// geometry.cpp — plane geometry helpers and the shapes (blobs, corridors, wandering roads).

#include "geometry.hpp"

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

// Random unit vector by rejection sampling in the unit disk.
Pt random_dir(Rng& r)
{
    for (;;) {
        double x = r.uniform(-1, 1), y = r.uniform(-1, 1);
        double n2 = x * x + y * y;
        if (n2 > 0.01 && n2 <= 1.0) {
            double n = std::sqrt(n2);
            return {x / n, y / n};
        }
    }
}

// Uniform point in the disk of radius rad around c.
Pt random_in_disk(Rng& r, Pt c, double rad)
{
    for (;;) {
        double x = r.uniform(-1, 1), y = r.uniform(-1, 1);
        if (x * x + y * y <= 1.0) return {c.x + x * rad, c.y + y * rad};
    }
}

// Rotate unit vector d by a small random turn whose sine is uniform in [-maxs, maxs].
Pt turn(Rng& r, Pt d, double maxs)
{
    double s = r.uniform(-maxs, maxs);
    double c = std::sqrt(1.0 - s * s);
    return {d.x * c - d.y * s, d.x * s + d.y * c};
}

// Twice the signed area in cm² (positive = counter-clockwise).
std::int64_t area2(const Ring& r)
{
    std::int64_t s = 0;
    for (std::size_t i = 1; i + 1 < r.size(); ++i) {
        const std::int64_t ax = r[i].x - r[0].x, ay = r[i].y - r[0].y;
        const std::int64_t bx = r[i + 1].x - r[0].x, by = r[i + 1].y - r[0].y;
        s += ax * by - ay * bx;
    }
    return s;
}

// Rounds to centimetres, drops repeated vertices, orients (exterior counter-clockwise,
// holes clockwise, as RFC 7946 asks) unless keep_order (the deliberate bow-tie).
Ring make_ring(const std::vector<Pt>& pts, bool ccw, bool keep_order)
{
    Ring r;
    for (const Pt& p : pts) {
        const P64 q = to_p64(p);
        if (r.empty() || !(r.back() == q)) r.push_back(q);
    }
    while (r.size() > 1 && r.back() == r.front()) r.pop_back();
    if (!keep_order && (area2(r) > 0) != ccw) std::reverse(r.begin(), r.end());
    return r;
}

std::int64_t cross3(P64 o, P64 a, P64 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Closed segments ab and cd share a point (exact).
bool segments_meet(P64 a, P64 b, P64 c, P64 d)
{
    auto sgn = [](std::int64_t v) { return (v > 0) - (v < 0); };
    const int d1 = sgn(cross3(a, b, c)), d2 = sgn(cross3(a, b, d)), d3 = sgn(cross3(c, d, a)),
              d4 = sgn(cross3(c, d, b));
    if (d1 * d2 < 0 && d3 * d4 < 0) return true;
    auto on = [](P64 p, P64 q, P64 r) { // r on segment pq, given collinear
        return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y &&
               r.y <= std::max(p.y, q.y);
    };
    return (d1 == 0 && on(a, b, c)) || (d2 == 0 && on(a, b, d)) || (d3 == 0 && on(c, d, a)) || (d4 == 0 && on(c, d, b));
}

// A simple ring: no two edges meet except neighbours at their shared vertex.
bool simple_ring(const Ring& r)
{
    const std::size_t n = r.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
            const P64 a = r[i], b = r[(i + 1) % n], c = r[j], d = r[(j + 1) % n];
            if (adjacent) {
                // neighbours may only share their common vertex: no overlap (collinear backtrack)
                const P64 shared = j == i + 1 ? b : a;
                const P64 p = j == i + 1 ? a : b, q = j == i + 1 ? d : c;
                if (cross3(shared, p, q) == 0 &&
                    (p.x - shared.x) * (q.x - shared.x) + (p.y - shared.y) * (q.y - shared.y) > 0)
                    return false;
                continue;
            }
            if (segments_meet(a, b, c, d)) return false;
        }
    return true;
}

double line_length(const std::vector<P64>& l)
{
    double s = 0;
    for (std::size_t i = 1; i < l.size(); ++i) s += norm(from_p64(l[i]) - from_p64(l[i - 1]));
    return s;
}

// --- districts: Voronoi cells of the district centres, clipped to the extent ------------

// Sutherland–Hodgman against one half-plane {p : a·p <= b} (convex polygon stays convex).
std::vector<Pt> clip_halfplane(const std::vector<Pt>& poly, Pt a, double b)
{
    std::vector<Pt> out;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const Pt p = poly[i], q = poly[(i + 1) % poly.size()];
        const double dp = dot(a, p) - b, dq = dot(a, q) - b;
        if (dp <= 0) out.push_back(p);
        if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) out.push_back(p + (q - p) * (dp / (dp - dq)));
    }
    return out;
}

// Strictly inside a counter-clockwise convex ring (exact).
bool inside_convex(const Ring& r, P64 p)
{
    for (std::size_t i = 0; i < r.size(); ++i)
        if (cross3(r[i], r[(i + 1) % r.size()], p) <= 0) return false;
    return true;
}

// --- shapes ------------------------------------------------------------------------------

// n unit vectors in counter-clockwise order (points of a square's perimeter, normalised:
// no trigonometry needed).
std::vector<Pt> unit_dirs(int n)
{
    std::vector<Pt> out;
    for (int k = 0; k < n; ++k) {
        const double s = 8.0 * k / n;
        Pt q = s < 2 ? Pt{1, -1 + s} : s < 4 ? Pt{1 - (s - 2), 1} : s < 6 ? Pt{-1, 1 - (s - 4)} : Pt{-1 + (s - 6), -1};
        out.push_back(unit(q));
    }
    return out;
}

// Irregular star-shaped blob around c: vertex radii in [rmin, rmax], smoothed. Simple by
// construction (one vertex per direction, directions in order); contains the disk of
// radius 0.95 * rmin around c (n >= 16).
std::vector<Pt> blob(Rng& r, Pt c, double rmin, double rmax, int n)
{
    std::vector<double> raw(static_cast<std::size_t>(n));
    for (double& v : raw) v = r.uniform();
    const std::vector<Pt> dirs = unit_dirs(n);
    std::vector<Pt> out;
    for (int k = 0; k < n; ++k) {
        const auto at = [&](int i) { return raw[static_cast<std::size_t>((i + n) % n)]; };
        const double sm = (at(k - 1) + 2 * at(k) + at(k + 1)) / 4;
        out.push_back(c + dirs[static_cast<std::size_t>(k)] * (rmin + (rmax - rmin) * sm));
    }
    return out;
}

// A corridor of half-width w around a street polyline (mitred joins, square caps).
// Vertices closer than 40 m are merged first. May self-intersect on a tight street; the
// caller checks simple_ring() and falls back to a blob.
std::vector<Pt> corridor(const std::vector<Pt>& line, double w)
{
    std::vector<Pt> l{line.front()};
    for (std::size_t i = 1; i < line.size(); ++i)
        if (norm(line[i] - l.back()) >= 40) l.push_back(line[i]);
    if (!(l.back().x == line.back().x && l.back().y == line.back().y)) {
        if (l.size() > 1 && norm(line.back() - l.back()) < 40) l.back() = line.back();
        else l.push_back(line.back());
    }
    if (l.size() < 2) return {};
    std::vector<Pt> u, nl;
    for (std::size_t i = 0; i + 1 < l.size(); ++i) {
        u.push_back(unit(l[i + 1] - l[i]));
        nl.push_back({-u.back().y, u.back().x});
    }
    std::vector<Pt> left, right;
    left.push_back(l[0] - u[0] * w + nl[0] * w);
    right.push_back(l[0] - u[0] * w - nl[0] * w);
    for (std::size_t i = 1; i + 1 < l.size(); ++i) {
        const Pt mdir = unit(nl[i - 1] + nl[i]);
        const double f = w / dot(mdir, nl[i]);
        left.push_back(l[i] + mdir * f);
        right.push_back(l[i] - mdir * f);
    }
    const std::size_t e = u.size() - 1;
    left.push_back(l.back() + u[e] * w + nl[e] * w);
    right.push_back(l.back() + u[e] * w - nl[e] * w);
    std::vector<Pt> ring = left;
    ring.insert(ring.end(), right.rbegin(), right.rend());
    return ring;
}

// A path from a to b with a gentle sideways wander (a road or field path), vertices about
// every `step` metres, ends exact.
std::vector<Pt> wander(Rng& r, Pt a, Pt b, double step, double amp)
{
    const double len = norm(b - a);
    const int k = std::max(1, static_cast<int>(len / step + 0.5));
    const Pt u = unit(b - a), n{-u.y, u.x};
    std::vector<Pt> out{a};
    double off = 0;
    for (int i = 1; i < k; ++i) {
        off += r.uniform(-0.45, 0.45) * amp;
        off = std::max(-amp, std::min(amp, off));
        const double taper = std::min(1.0, std::min(static_cast<double>(i), static_cast<double>(k - i)) / 2.0);
        out.push_back(a + u * (len * i / k) + n * (off * taper));
    }
    out.push_back(b);
    return out;
}

// Nearest point to p on a polyline; returns squared distance.
double nearest_on_line(const std::vector<Pt>& l, Pt p, Pt& best)
{
    double bd = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < l.size(); ++i) {
        const Pt a = l[i], d = l[i + 1] - l[i];
        const double len2 = dot(d, d);
        double t = len2 > 0 ? dot(p - a, d) / len2 : 0;
        t = std::max(0.0, std::min(1.0, t));
        const Pt q = a + d * t;
        const double dd = dist2(p, q);
        if (dd < bd) {
            bd = dd;
            best = q;
        }
    }
    return bd;
}

// --- per-address picture from the offers (before the spatial evidence) -------------------

} // namespace gen_jena
