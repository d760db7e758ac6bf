// gen_synth — deterministic synthetic region for the benchmark (scripts/bench) and tests.
//
//   gen_synth --addresses N --out DIR [--seed S] [--footprints K]
//
// Writes, in EPSG:25832 (UTM 32N, metres):
//   DIR/addresses.csv        id,x,y,units,category
//   DIR/offers.csv           address_id,provider,technology,down_mbps,up_mbps,latency_ms,status,planned_year
//                            (about 2.5 rows per address from 8 operators, one report after the
//                            other, plus a few rows for ids that are not in addresses.csv)
//   DIR/footprints.geojson   K = N/200 coverage polygons (DSL cabinet areas, cable areas, fibre
//                            build areas; overlapping, irregular) with the offer attributes
//   DIR/manifest.txt         key=value counts (addresses, offers, offers_unknown_id, footprints, ...)
//
// Same seed, same bytes, on any platform: own PRNG (splitmix64 / xoshiro256**), never
// std::*_distribution; only + - * / and sqrt on doubles (correctly rounded), own sine and cosine
// from a Taylor series; coordinates are whole centimetres printed from integers.
//
// The model: a square region whose side grows with sqrt(N) at about 60 addresses per km²
// (Germany: 22 M addresses on 357 000 km²). 92 % of the addresses live in N/400 settlements
// whose sizes follow a Pareto law (villages of a few dozen to cities of ~100 000 addresses),
// denser towards the centre; 8 % are farms and hamlets of 1–3 addresses scattered over the
// region. Operators decide per settlement (a cable network, a fibre builder, a municipal
// utility ...) and then per address, so availability is spatially correlated as in real data.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64 to derive independent streams, xoshiro256** within a stream.

std::uint64_t mix(std::uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t key(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0, std::uint64_t d = 0)
{
    return mix(mix(mix(mix(a) ^ b) ^ c) ^ d);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed)
    {
        for (auto& w : s_) w = seed = mix(seed);
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }
    bool chance(double p) { return uniform() < p; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

// Stream tags, so every decision draws from its own reproducible stream.
enum Tag : std::uint64_t {
    t_places = 1,
    t_place_attr,
    t_points,
    t_address_attr,
    t_offer,
    t_unknown,
    t_footprint,
    t_shuffle,
};

constexpr double pi = 3.141592653589793;

// sin and cos from their Taylor series on [-pi, pi]: only + - * /, so the same bits everywhere.
void sincos_(double a, double& s, double& c)
{
    while (a > pi) a -= 2 * pi;
    while (a < -pi) a += 2 * pi;
    double term_s = a, term_c = 1, sum_s = 0, sum_c = 0;
    const double a2 = a * a;
    for (int k = 0; k < 14; ++k) {
        sum_s += term_s;
        sum_c += term_c;
        term_s = -term_s * a2 / static_cast<double>((2 * k + 2) * (2 * k + 3));
        term_c = -term_c * a2 / static_cast<double>((2 * k + 1) * (2 * k + 2));
    }
    s = sum_s;
    c = sum_c;
}

// ---------------------------------------------------------------------------------------
// Output: one big buffer per file, written with fwrite.

class Out {
public:
    explicit Out(const std::filesystem::path& path) : path_(path)
    {
        f_ = std::fopen(path.c_str(), "wb");
        if (!f_) throw std::runtime_error(fmt::format("{}: cannot create ({})", path.string(), std::strerror(errno)));
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;
    ~Out()
    {
        if (f_) std::fclose(f_);
    }
    fmt::memory_buffer& buf() { return buf_; }
    void maybe_flush()
    {
        if (buf_.size() >= (1u << 22)) flush();
    }
    void close()
    {
        flush();
        if (std::fclose(f_) != 0) throw std::runtime_error(fmt::format("{}: write failed", path_.string()));
        f_ = nullptr;
    }

private:
    void flush()
    {
        if (buf_.size() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
            throw std::runtime_error(fmt::format("{}: write failed ({})", path_.string(), std::strerror(errno)));
        buf_.clear();
    }
    std::filesystem::path path_;
    std::FILE* f_ = nullptr;
    fmt::memory_buffer buf_;
};

// Whole centimetres as "123456.78".
void put_cm(fmt::memory_buffer& b, std::int64_t cm)
{
    fmt::format_to(std::back_inserter(b), "{}.{:02}", cm / 100, cm % 100);
}

// Address ids look like German ALKIS-style keys: 16 characters, unique, not in input order.
// i * odd constant mod 2^48 is a bijection, so distinct i give distinct ids.
void put_id(fmt::memory_buffer& b, std::uint64_t i)
{
    const std::uint64_t v = (i * 0x9E3779B97F4BULL) & ((1ULL << 48) - 1);
    fmt::format_to(std::back_inserter(b), "DEGS{:012x}", v);
}

// ---------------------------------------------------------------------------------------
// The region.

enum class Size : std::uint8_t { farm, village, town, city };

struct Place {
    std::int64_t cx = 0, cy = 0; // centre, cm
    std::int64_t radius = 0;     // cm
    std::uint32_t count = 0;     // addresses
    Size size = Size::farm;
};

struct Region {
    std::int64_t x0 = 0, y0 = 0, side = 0; // cm
    std::vector<Place> places;             // in output order
    // Per address, in output order.
    std::vector<std::uint32_t> place;
    std::vector<std::int32_t> dx, dy; // cm from the region origin (fits: side < 21 000 km)
    std::vector<std::uint16_t> units;
};

Size size_of(std::uint32_t count)
{
    if (count >= 5000) return Size::city;
    if (count >= 800) return Size::town;
    if (count >= 4) return Size::village;
    return Size::farm;
}

Region make_region(std::uint64_t n, std::uint64_t seed)
{
    Region r;
    // ~60 addresses per km², at least 2 km across.
    double side_km = 2;
    while (side_km * side_km * 60 < static_cast<double>(n)) side_km += 0.5;
    r.side = static_cast<std::int64_t>(side_km * 100000);
    r.x0 = 50000000 - r.side / 2;  // centred on x = 500 km, the zone's central meridian
    r.y0 = 560000000 - r.side / 2; // y = 5600 km: about 50.5° N

    // Settlements: Pareto weights 1/u, u in [1/2000, 1).
    const std::uint64_t n_farm = n * 8 / 100;
    const std::uint64_t n_settled = n - n_farm;
    const std::uint64_t n_settlements = std::max<std::uint64_t>(1, n / 400);
    Rng rng(key(seed, t_places));
    std::vector<double> weight(n_settlements);
    double total = 0;
    for (auto& w : weight) {
        const double u = 0.0005 + 0.9995 * rng.uniform();
        w = 1 / u;
        total += w;
    }
    // Cumulative rounding: counts sum to exactly n_settled.
    std::vector<Place> places;
    double cum = 0;
    std::uint64_t given = 0;
    for (std::uint64_t s = 0; s < n_settlements; ++s) {
        cum += weight[s];
        const auto upto = s + 1 == n_settlements
                              ? n_settled
                              : static_cast<std::uint64_t>(cum / total * static_cast<double>(n_settled));
        Place p;
        p.count = static_cast<std::uint32_t>(upto - given);
        given = upto;
        if (p.count == 0) continue;
        p.size = size_of(p.count) == Size::farm ? Size::village : size_of(p.count);
        places.push_back(p);
    }
    // Farms and hamlets of 1–3 addresses.
    for (std::uint64_t left = n_farm; left > 0;) {
        Place p;
        p.count = static_cast<std::uint32_t>(std::min<std::uint64_t>(left, 1 + rng.below(3)));
        left -= p.count;
        places.push_back(p);
    }
    // Output order: shuffled (Fisher–Yates), as a file sorted by municipality key would be.
    Rng sh(key(seed, t_shuffle));
    for (std::size_t i = places.size(); i > 1; --i) std::swap(places[i - 1], places[sh.below(i)]);
    for (auto& p : places) {
        // Radius grows with sqrt(count): ~1000 addresses per km² in a settlement.
        p.radius = static_cast<std::int64_t>((100 + 18 * std::sqrt(static_cast<double>(p.count))) * 100);
        if (p.size == Size::farm) p.radius = 6000;
        const std::int64_t margin = std::min(p.radius, r.side / 4);
        p.cx = margin + static_cast<std::int64_t>(rng.uniform() * static_cast<double>(r.side - 2 * margin));
        p.cy = margin + static_cast<std::int64_t>(rng.uniform() * static_cast<double>(r.side - 2 * margin));
    }
    r.places = std::move(places);

    r.place.reserve(n);
    r.dx.reserve(n);
    r.dy.reserve(n);
    r.units.reserve(n);
    Rng pts(key(seed, t_points));
    for (std::uint32_t pi_ = 0; pi_ < r.places.size(); ++pi_) {
        const Place& p = r.places[pi_];
        for (std::uint32_t k = 0; k < p.count; ++k) {
            // Uniform in the unit disc, pulled towards the centre: denser cores.
            double u = 0, v = 0;
            do {
                u = 2 * pts.uniform() - 1;
                v = 2 * pts.uniform() - 1;
            } while (u * u + v * v > 1);
            const double pull = p.size == Size::farm ? 1.0 : 0.35 + 0.65 * pts.uniform();
            auto x = p.cx + static_cast<std::int64_t>(u * pull * static_cast<double>(p.radius));
            auto y = p.cy + static_cast<std::int64_t>(v * pull * static_cast<double>(p.radius));
            x = std::clamp<std::int64_t>(x, 0, r.side);
            y = std::clamp<std::int64_t>(y, 0, r.side);
            std::uint16_t units = 1;
            const double q = pts.uniform();
            if (p.size == Size::city)
                units = q < 0.45   ? 1
                        : q < 0.60 ? 2
                        : q < 0.92 ? static_cast<std::uint16_t>(3 + pts.below(10))
                                   : static_cast<std::uint16_t>(13 + pts.below(48));
            else if (p.size == Size::town)
                units = q < 0.65 ? 1 : q < 0.80 ? 2 : static_cast<std::uint16_t>(3 + pts.below(8));
            else if (p.size == Size::village) units = q < 0.85 ? 1 : 2;
            r.place.push_back(pi_);
            r.dx.push_back(static_cast<std::int32_t>(x));
            r.dy.push_back(static_cast<std::int32_t>(y));
            r.units.push_back(units);
        }
    }
    return r;
}

const char* category_of(std::uint64_t seed, std::uint64_t i, Size size)
{
    Rng rng(key(seed, t_address_attr, i));
    const double q = rng.uniform();
    if (q < 0.004) return "school";
    if (q < 0.005) return "hospital";
    if (q < 0.020) return "public";
    if (q < (size == Size::farm ? 0.30 : size == Size::city ? 0.14 : 0.08)) return "business";
    return "residential";
}

// ---------------------------------------------------------------------------------------
// Offers.

struct Product {
    const char* technology;
    const char* down;
    const char* up; // "" = not reported
    const char* latency;
};

struct Row {
    const Product* product = nullptr;
    const char* status = "existing";
    int planned_year = 0; // 0: none
};

// The products on sale (speeds as the operators report them).
// clang-format off
constexpr Product vdsl250{"vdsl", "250", "40", "12"}, vdsl100{"vdsl", "100", "40", "12"},
    vdsl50{"vdsl", "50", "10", "14"}, vdsl30{"vdsl", "30", "5", "15"}, vdsl16{"vdsl", "16", "2.4", "18"},
    adsl16{"adsl", "16", "1", "25"}, adsl6{"adsl", "6", "0.7", "30"},
    d31_1000{"docsis31", "1000", "50", "15"}, d30_1000{"docsis30", "1000", "50", "16"},
    d30_250{"docsis30", "250", "25", "16"}, d30_30{"docsis30", "30", "5", "18"},
    ftth1000{"ftth", "1000", "500", "6"}, ftth500{"ftth", "500", "200", "6"}, ftth300{"ftth", "300", "150", "6"},
    fttb1000{"fttb", "1000", "100", "8"}, fwa_u50{"fwa_unlicensed", "50", "10", "30"},
    fwa_u50x{"fwa_unlicensed", "50", "", "30"}, fwa_l100{"fwa_licensed", "100", "20", "25"},
    lte50{"lte", "50", "10", "40"}, g5_300{"5g", "300", "50", "25"}, sleo{"satellite_leo", "220", "25", "40"},
    sgeo{"satellite_geo", "50", "5", "600"}, other1000{"other", "1000", "1000", "5"};
// clang-format on

constexpr std::array<const char*, 8> operators{"Fernmelde AG", "KabelNord", "GlasNetz",  "Stadtwerke Netz",
                                               "RegioDSL",     "LuftLink",  "MobilFunk", "OrbitNet"};

// A settlement-level decision, the same for every address of the place.
double place_draw(std::uint64_t seed, std::uint32_t place, std::uint64_t op, std::uint64_t what = 0)
{
    return Rng(key(seed, t_place_attr, place, op * 16 + what)).uniform();
}

int plan_year(double q) { return 2026 + static_cast<int>(q * 6); } // 2026 .. 2031

// The rows operator `op` reports for address `i` (0, 1 or 2).
int offers_for(std::uint64_t seed, std::uint64_t op, std::uint64_t i, std::uint32_t place, Size size,
               std::uint16_t units, Row out[2])
{
    Rng rng(key(seed, t_offer, i, op));
    const double q = rng.uniform();
    auto pd = [&](std::uint64_t what) { return place_draw(seed, place, op, what); };
    switch (op) {
    case 0: { // incumbent, DSL nearly everywhere
        if (size == Size::farm) {
            if (q < 0.07) return 0;
            out[0].product = q < 0.45 ? &adsl16 : q < 0.75 ? &adsl6 : &vdsl16;
            return 1;
        }
        if (q < 0.02) return 0;
        const double p = pd(0);
        if (size == Size::village)
            out[0].product = p < 0.45 ? &vdsl50 : p < 0.65 ? &vdsl100 : p < 0.80 ? &vdsl30 : &vdsl16;
        else out[0].product = p < 0.5 ? &vdsl250 : &vdsl100;
        if (size == Size::city && pd(1) < 0.3 && rng.chance(0.25)) { // some own fibre in the cities
            out[1].product = &ftth1000;
            return 2;
        }
        return 1;
    }
    case 1: { // cable
        const double share = size == Size::city ? 0.9 : size == Size::town ? 0.6 : size == Size::village ? 0.08 : 0;
        if (pd(0) >= share || q > 0.78) return 0;
        const double p = pd(1);
        out[0].product = size == Size::city ? (p < 0.85 ? &d31_1000 : &d30_1000)
                         : p < 0.5          ? &d31_1000
                         : p < 0.8          ? &d30_250
                                            : &d30_30;
        return 1;
    }
    case 2: { // fibre builder in towns and villages: existing, planned or under review per place
        if (size == Size::farm || size == Size::city || pd(0) >= 0.3 || q > 0.7) return 0;
        const double p = pd(1);
        out[0].product = rng.chance(0.9) ? &ftth1000 : &ftth300;
        if (p < 0.45) return 1;
        if (p < 0.9) {
            out[0].status = "planned";
            out[0].planned_year = rng.chance(0.04) ? 0 : plan_year(pd(2)); // a few plans without a date
            return 1;
        }
        out[0].status = "under_review";
        out[0].planned_year = plan_year(pd(2));
        return 1;
    }
    case 3: { // municipal utility in some cities: fttb in blocks of flats, ftth elsewhere
        if (size != Size::city || pd(0) >= 0.4) return 0;
        if (units >= 3) {
            if (q > 0.8) return 0;
            out[0].product = &fttb1000;
            return 1;
        }
        if (q > 0.25) return 0;
        out[0].product = q < 0.2 ? &ftth500 : &other1000;
        return 1;
    }
    case 4: { // regional DSL competitor in some villages and towns
        if ((size != Size::village && size != Size::town) || pd(0) >= 0.15 || q > 0.9) return 0;
        out[0].product = &vdsl100;
        return 1;
    }
    case 5: { // fixed wireless for the countryside
        if (size == Size::city || size == Size::town) return 0;
        if (pd(0) >= (size == Size::farm ? 0.4 : 0.2) || q > 0.6) return 0;
        out[0].product = q < 0.01 ? &fwa_u50x : q < 0.45 ? &fwa_u50 : &fwa_l100;
        if (q > 0.55) {
            out[0].status = "planned";
            out[0].planned_year = plan_year(rng.uniform());
        }
        return 1;
    }
    case 6: { // mobile (not counted by the gigabit profile)
        if (q > (size == Size::city ? 0.85 : 0.65)) return 0;
        out[0].product = size == Size::city && q < 0.35 ? &g5_300 : &lte50;
        return 1;
    }
    default: { // satellite (not counted)
        if (q < (size == Size::farm ? 0.12 : 0.05)) {
            out[0].product = &sleo;
            return 1;
        }
        if (q < (size == Size::farm ? 0.16 : 0.06)) {
            out[0].product = &sgeo;
            return 1;
        }
        return 0;
    }
    }
}

void put_offer(fmt::memory_buffer& b, std::uint64_t id, const char* provider, const Row& r)
{
    put_id(b, id);
    const Product& p = *r.product;
    fmt::format_to(std::back_inserter(b), ",{},{},{},{},{},{},", provider, p.technology, p.down, p.up, p.latency,
                   r.status);
    if (r.planned_year) fmt::format_to(std::back_inserter(b), "{}", r.planned_year);
    b.push_back('\n');
}

// ---------------------------------------------------------------------------------------
// Footprints.

struct FootprintKind {
    const char* kind;
    const char* provider;
    const Product* product;
    double r_min, r_max; // metres
};

void write_footprints(const std::filesystem::path& path, const Region& r, std::uint64_t seed, std::uint64_t k,
                      std::uint64_t& vertices)
{
    Out out(path);
    auto& b = out.buf();
    auto it = std::back_inserter(b);
    fmt::format_to(it, "{{\"type\":\"FeatureCollection\",\"name\":\"footprints\","
                       "\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::25832\"}}}},"
                       "\"features\":[\n");
    const std::uint64_t n = r.place.size();
    for (std::uint64_t f = 0; f < k; ++f) {
        Rng rng(key(seed, t_footprint, f));
        const double q = rng.uniform();
        FootprintKind fk;
        const char* status = "existing";
        int year = 0;
        if (q < 0.55) {
            fk = rng.chance(0.6) ? FootprintKind{"dsl_cabinet", "Fernmelde AG", &vdsl250, 80, 260}
                                 : FootprintKind{"dsl_cabinet", "RegioDSL", &vdsl100, 80, 260};
        } else if (q < 0.80) {
            fk = rng.chance(0.7) ? FootprintKind{"cable_area", "KabelNord", &d31_1000, 200, 700}
                                 : FootprintKind{"cable_area", "KabelNord", &d30_250, 200, 700};
        } else {
            fk = FootprintKind{"fibre_build_area", "GlasNetz", &ftth1000, 150, 600};
            const double s = rng.uniform();
            if (s >= 0.4) {
                status = s < 0.9 ? "planned" : "under_review";
                year = plan_year(rng.uniform());
            }
        }
        // Centred on an address, so footprints fall where people live.
        const std::uint64_t a = rng.below(n);
        const double cx = static_cast<double>(r.x0 + r.dx[a]);
        const double cy = static_cast<double>(r.y0 + r.dy[a]);
        const double radius = (fk.r_min + (fk.r_max - fk.r_min) * rng.uniform()) * 100; // cm
        const int nv = 8 + static_cast<int>(rng.below(17));
        fmt::format_to(it,
                       "{}{{\"type\":\"Feature\",\"properties\":{{\"footprint_id\":\"F{}\",\"kind\":\"{}\","
                       "\"provider\":\"{}\",\"technology\":\"{}\",\"down_mbps\":{},\"up_mbps\":{},"
                       "\"latency_ms\":{},\"status\":\"{}\",\"planned_year\":",
                       f ? ",\n" : "", f + 1, fk.kind, fk.provider, fk.product->technology, fk.product->down,
                       fk.product->up, fk.product->latency, status);
        if (year) fmt::format_to(it, "{}", year);
        else fmt::format_to(it, "null");
        fmt::format_to(it, "}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[");
        // A star-shaped ring: increasing angles (counter-clockwise), jittered radii. Simple by
        // construction; vertices on whole centimetres.
        std::int64_t first_x = 0, first_y = 0;
        for (int v = 0; v < nv; ++v) {
            const double angle = 2 * pi * (v + 0.8 * rng.uniform()) / nv;
            const double rr = radius * (0.55 + 0.9 * rng.uniform());
            double s = 0, c = 0;
            sincos_(angle, s, c);
            const auto x = static_cast<std::int64_t>(cx + rr * c);
            const auto y = static_cast<std::int64_t>(cy + rr * s);
            if (v == 0) first_x = x, first_y = y;
            b.push_back('[');
            put_cm(b, x);
            b.push_back(',');
            put_cm(b, y);
            b.push_back(']');
            b.push_back(',');
        }
        b.push_back('[');
        put_cm(b, first_x);
        b.push_back(',');
        put_cm(b, first_y);
        fmt::format_to(it, "]]]}}}}");
        vertices += static_cast<std::uint64_t>(nv);
        out.maybe_flush();
    }
    fmt::format_to(it, "\n]}}\n");
    out.close();
}

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr,
                 "gen_synth: %s\nusage: gen_synth --addresses N --out DIR [--seed S] [--footprints K]\n"
                 "  writes DIR/addresses.csv, offers.csv, footprints.geojson and manifest.txt (EPSG:25832);\n"
                 "  K defaults to N/200; the same N, S and K always give the same bytes.\n",
                 why);
    std::exit(2);
}

std::uint64_t number(const char* option, const char* text)
{
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (errno || !*text || *end) usage(fmt::format("{} wants a whole number, not '{}'", option, text).c_str());
    return v;
}

// Bumped whenever the output for a given seed changes, so cached data is regenerated.
constexpr const char* version = "gen_synth 2";

} // namespace

int main(int argc, char** argv)
{
    if (argc == 2 && std::string_view(argv[1]) == "--version") {
        std::printf("%s\n", version);
        return 0;
    }
    std::uint64_t n = 0, seed = 1, k = 0;
    bool k_given = false;
    std::filesystem::path dir;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc) usage(fmt::format("{} needs a value", a).c_str());
        if (a == "--addresses") n = number("--addresses", argv[++i]);
        else if (a == "--seed") seed = number("--seed", argv[++i]);
        else if (a == "--footprints") k = number("--footprints", argv[++i]), k_given = true;
        else if (a == "--out") dir = argv[++i];
        else usage(fmt::format("unknown option {}", a).c_str());
    }
    if (n == 0 || n > 200'000'000) usage("--addresses must be 1 .. 200000000");
    if (dir.empty()) usage("--out is required");
    if (!k_given) k = std::max<std::uint64_t>(1, n / 200);
    try {
        std::filesystem::create_directories(dir);
        const Region r = make_region(n, seed);

        Out addr(dir / "addresses.csv");
        fmt::format_to(std::back_inserter(addr.buf()), "id,x,y,units,category\n");
        for (std::uint64_t i = 0; i < n; ++i) {
            auto& b = addr.buf();
            put_id(b, i);
            b.push_back(',');
            put_cm(b, r.x0 + r.dx[i]);
            b.push_back(',');
            put_cm(b, r.y0 + r.dy[i]);
            fmt::format_to(std::back_inserter(b), ",{},{}\n", r.units[i],
                           category_of(seed, i, r.places[r.place[i]].size));
            addr.maybe_flush();
        }
        addr.close();

        // Offers: one operator's report after the other, each in address order, with the odd
        // row for an address id that is not in the address file (a typing error, a demolished
        // building): ids n, n+1, ... which the bijection keeps distinct from every real id.
        Out off(dir / "offers.csv");
        fmt::format_to(std::back_inserter(off.buf()),
                       "address_id,provider,technology,down_mbps,up_mbps,latency_ms,status,planned_year\n");
        std::uint64_t rows = 0, unknown = 0;
        std::array<std::uint64_t, operators.size()> per_op{};
        Rng unk(key(seed, t_unknown));
        for (std::uint64_t op = 0; op < operators.size(); ++op) {
            for (std::uint64_t i = 0; i < n; ++i) {
                const std::uint32_t place = r.place[i];
                Row row[2];
                const int m = offers_for(seed, op, i, place, r.places[place].size, r.units[i], row);
                for (int j = 0; j < m; ++j) put_offer(off.buf(), i, operators[op], row[j]);
                per_op[op] += static_cast<std::uint64_t>(m);
                if (m > 0 && unk.chance(0.002)) {
                    put_offer(off.buf(), n + unknown, operators[op], row[0]);
                    ++unknown;
                    ++per_op[op];
                }
                rows += static_cast<std::uint64_t>(m);
                off.maybe_flush();
            }
        }
        off.close();

        std::uint64_t vertices = 0;
        write_footprints(dir / "footprints.geojson", r, seed, k, vertices);

        Out man(dir / "manifest.txt");
        auto it = std::back_inserter(man.buf());
        fmt::format_to(it, "generator={}\nseed={}\ncrs=EPSG:25832\naddresses={}\nplaces={}\n", version, seed, n,
                       r.places.size());
        fmt::format_to(it, "offers={}\noffers_known_id={}\noffers_unknown_id={}\n", rows + unknown, rows, unknown);
        for (std::size_t op = 0; op < operators.size(); ++op)
            fmt::format_to(it, "offers_operator_{}={}\n", op + 1, per_op[op]);
        fmt::format_to(it, "footprints={}\nfootprint_vertices={}\n", k, vertices);
        fmt::format_to(it, "region_x={}..{}\nregion_y={}..{}\n", r.x0 / 100, (r.x0 + r.side) / 100, r.y0 / 100,
                       (r.y0 + r.side) / 100);
        man.close();
        std::fprintf(stderr, "gen_synth: %llu addresses, %llu offers (%llu for unknown ids), %llu footprints in %s\n",
                     static_cast<unsigned long long>(n), static_cast<unsigned long long>(rows + unknown),
                     static_cast<unsigned long long>(unknown), static_cast<unsigned long long>(k), dir.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gen_synth: %s\n", e.what());
        return 1;
    }
    return 0;
}
