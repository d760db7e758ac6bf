// geometry.hpp — plane geometry in doubles (+ - * / sqrt only) and exact centimetre rings.
#pragma once

#include "rng.hpp"

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

// ---------------------------------------------------------------------------------------
// Geometry helpers (plain arithmetic + sqrt only).

struct Pt {
    double x = 0, y = 0;
};

inline Pt operator+(Pt a, Pt b) { return {a.x + b.x, a.y + b.y}; }
inline Pt operator-(Pt a, Pt b) { return {a.x - b.x, a.y - b.y}; }
inline Pt operator*(Pt a, double k) { return {a.x * k, a.y * k}; }
inline double dist2(Pt a, Pt b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }
inline double norm(Pt a) { return std::sqrt(a.x * a.x + a.y * a.y); }

inline std::int64_t to_cm(double v) { return static_cast<std::int64_t>(std::llround(v * 100.0)); }

// Random unit vector by rejection sampling in the unit disk.
Pt random_dir(Rng& r);
// Uniform point in the disk of radius rad around c.
Pt random_in_disk(Rng& r, Pt c, double rad);
// Rotate unit vector d by a small random turn whose sine is uniform in [-maxs, maxs].
Pt turn(Rng& r, Pt d, double maxs);

// ---------------------------------------------------------------------------------------
// Spatial layers (GeoJSON, EPSG:25832, 2 decimals): district polygons, footprints (cable
// service areas, build areas of the white-spot programme) and routes (fibre routes, empty
// ducts). Geometry is built in doubles (+ - * / sqrt only) and rounded to whole centimetres
// (int64) for output; tests on the rounded geometry use exact integer arithmetic.

struct P64 {
    std::int64_t x = 0, y = 0;
    bool operator==(const P64&) const = default;
};
inline P64 to_p64(Pt p) { return {to_cm(p.x), to_cm(p.y)}; }
inline Pt from_p64(P64 p) { return {static_cast<double>(p.x) / 100.0, static_cast<double>(p.y) / 100.0}; }
inline double dot(Pt a, Pt b) { return a.x * b.x + a.y * b.y; }
inline Pt unit(Pt a) { return a * (1.0 / norm(a)); }

using Ring = std::vector<P64>; // open: the first vertex is not repeated

// Twice the signed area in cm² (positive = counter-clockwise).
std::int64_t area2(const Ring& r);
// Rounds to centimetres, drops repeated vertices, orients (exterior counter-clockwise,
// holes clockwise, as RFC 7946 asks) unless keep_order (the deliberate bow-tie).
Ring make_ring(const std::vector<Pt>& pts, bool ccw, bool keep_order = false);
std::int64_t cross3(P64 o, P64 a, P64 b);
// Closed segments ab and cd share a point (exact).
bool segments_meet(P64 a, P64 b, P64 c, P64 d);
// A simple ring: no two edges meet except neighbours at their shared vertex.
bool simple_ring(const Ring& r);

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

double line_length(const std::vector<P64>& l);
// Sutherland–Hodgman against one half-plane {p : a·p <= b} (convex polygon stays convex).
std::vector<Pt> clip_halfplane(const std::vector<Pt>& poly, Pt a, double b);
// Strictly inside a counter-clockwise convex ring (exact).
bool inside_convex(const Ring& r, P64 p);
// n unit vectors in counter-clockwise order.
std::vector<Pt> unit_dirs(int n);
// Irregular star-shaped blob around c: vertex radii in [rmin, rmax], smoothed.
std::vector<Pt> blob(Rng& r, Pt c, double rmin, double rmax, int n);
// A corridor of half-width w around a street polyline (mitred joins, square caps).
std::vector<Pt> corridor(const std::vector<Pt>& line, double w);
// A path from a to b with a gentle sideways wander, vertices about every `step` metres.
std::vector<Pt> wander(Rng& r, Pt a, Pt b, double step, double amp);
// Nearest point to p on a polyline; returns squared distance.
double nearest_on_line(const std::vector<Pt>& l, Pt p, Pt& best);

} // namespace gen_jena
