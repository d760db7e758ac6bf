// gen_jena — deterministic generator of the synthetic Jena demo region (sample_data/jena/).
//
// Build:  g++ -std=c++20 -O2 -o build-tools/gen_jena tools/gen_jena/gen_jena.cpp
// Run:    build-tools/gen_jena OUTDIR [--seed N]      (scripts/gen-sample does both)
//
// Writes OUTDIR/addresses.csv, one OUTDIR/offers_<operator>.csv per (fictional) operator, and
// the spatial layers as GeoJSON (EPSG:25832): districts.geojson, footprints_cable.geojson,
// footprints_wfp.geojson, routes_fibre.geojson, routes_ducts.geojson, streets.geojson. Standard library only. The output is the same bytes on every run and every conforming
// platform:
//   * own PRNG (xoshiro256** seeded by splitmix64), never std::*_distribution;
//   * floating point limited to + - * / and sqrt (IEEE 754 correctly rounded; no libm
//     transcendental functions whose last bit differs between libm versions);
//   * coordinates rounded to whole centimetres (int64) and printed with integer formatting;
//   * containers iterated only in insertion order (hash sets are used for look-ups only).
//
// Model (see sample_data/jena/README.md): Jena's real Ortsteile, each a centre point in
// EPSG:25832 (UTM 32N) and a radius; an address belongs to the district whose centre is
// nearest (so district polygons can later be derived as clipped Voronoi cells). Streets are
// random polylines inside the district; addresses are placed along both sides with odd/even
// house numbers. Network availability is decided per street (a street is built or not) with
// per-address exceptions, then written as per-operator availability reports.
//
// Spatial layers (see "Spatial layers" below) are derived from the same model: district
// polygons are the Voronoi cells of the district centres clipped to the extent; cable
// service areas and white-spot build areas are irregular polygons around villages, farms and
// streets; fibre routes and empty ducts follow the streets' polylines (Street::line) and
// country roads between the villages. They draw from their own random streams, forked
// after the others, so adding them did not change a byte of the offer files.

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
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

constexpr std::uint64_t kDefaultSeed = 20260630;  // the reference date of the demo
constexpr const char* kAgs = "16053";               // Jena's municipality key (AGS 16053000)

// Jena's real extent, roughly (EPSG:25832). Every address lies inside.
constexpr double kMinX = 671000, kMaxX = 687000, kMinY = 5636000, kMaxY = 5652000;

// ---------------------------------------------------------------------------------------
// PRNG: xoshiro256** (Blackman & Vigna), seeded with splitmix64.

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& w : s_) w = splitmix64(seed);
    }
    std::uint64_t next() {
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
    // Uniform in [0, 1), 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    // Uniform integer in [0, n), n > 0 (unbiased: rejects the 2^64 mod n lowest values).
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t x = next();
            if (x >= threshold) return x % n;
        }
    }
    // Uniform integer in [a, b].
    int range(int a, int b) { return a + static_cast<int>(below(static_cast<std::uint64_t>(b - a + 1))); }
    bool chance(double p) { return uniform() < p; }
    // Approximately normal(0, 1): Irwin–Hall sum of 12 uniforms minus 6 (no libm needed).
    double gauss() {
        double s = 0;
        for (int i = 0; i < 12; ++i) s += uniform();
        return s - 6.0;
    }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
    // Independent child stream (so adding draws in one part does not shift another part).
    Rng fork() { return Rng(next()); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_{};
};

// ---------------------------------------------------------------------------------------
// Geometry helpers (plain arithmetic + sqrt only).

struct Pt {
    double x = 0, y = 0;
};

Pt operator+(Pt a, Pt b) { return {a.x + b.x, a.y + b.y}; }
Pt operator-(Pt a, Pt b) { return {a.x - b.x, a.y - b.y}; }
Pt operator*(Pt a, double k) { return {a.x * k, a.y * k}; }
double dist2(Pt a, Pt b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }
double norm(Pt a) { return std::sqrt(a.x * a.x + a.y * a.y); }

// Random unit vector by rejection sampling in the unit disk.
Pt random_dir(Rng& r) {
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
Pt random_in_disk(Rng& r, Pt c, double rad) {
    for (;;) {
        double x = r.uniform(-1, 1), y = r.uniform(-1, 1);
        if (x * x + y * y <= 1.0) return {c.x + x * rad, c.y + y * rad};
    }
}

// Rotate unit vector d by a small random turn whose sine is uniform in [-maxs, maxs].
Pt turn(Rng& r, Pt d, double maxs) {
    double s = r.uniform(-maxs, maxs);
    double c = std::sqrt(1.0 - s * s);
    return {d.x * c - d.y * s, d.x * s + d.y * c};
}

// ---------------------------------------------------------------------------------------
// Districts.

enum class Kind { Centre, City, Estate, Suburb, Village };

struct District {
    std::string name;
    std::string postcode;
    Pt centre;
    double radius;   // metres; the district is the part of this disk nearest to its centre
    int addresses;   // target number of address points (outliers included)
    Kind kind;
    int schools, hospitals, publics;
    double business_share;
    // Network picture (per street probabilities).
    double p_cable;       // street has cable TV network
    bool cable31;         // ... upgraded to DOCSIS 3.1 (else DOCSIS 3.0)
    double p_fibre;       // street has Saalenetz fibre (ftth; fttb for big estate blocks)
    double p_plan;        // street without gigabit gets a Saalenetz ftth plan
    bool remote;          // long copper loops: adsl / vdsl 25 common
    double p_fwa;         // street covered by Funkwerk Mitte licensed fixed wireless
    int outliers;         // outlying farms / mills / single houses
};

// Centres: approximate lat/lon of each Ortsteil converted to EPSG:25832 (cs2cs), rounded.
std::vector<District> make_districts() {
    using K = Kind;
    // name, postcode, centre, radius, addresses, kind, schools, hospitals, publics, business,
    // p_cable, cable31, p_fibre, p_plan, remote, p_fwa, outliers
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
}

// ---------------------------------------------------------------------------------------
// Street names: plausible German names, unique across the whole city (so street + house
// number + postcode identifies an address). A stem ("Linden", "Goethe") is used at most a
// few times ("Lindenweg", "Am Lindenberg"), never as both "…straße" and "…str.".

const std::vector<std::string> kPersons = {
    "Goethe", "Schiller", "Fichte", "Hegel", "Schelling", "Novalis", "Herder", "Wieland",
    "Lessing", "Fontane", "Humboldt", "Kant", "Leibniz", "Gauß", "Kepler", "Röntgen",
    "Planck", "Liebig", "Haeckel", "Frege", "Fröbel", "Dürer", "Cranach", "Händel",
    "Bach", "Telemann", "Reger", "Liszt", "Brahms", "Barlach", "Semper", "Schinkel",
    "Schlegel", "Hölderlin", "Eichendorff", "Mörike", "Uhland", "Körner", "Gutenberg",
    "Hufeland", "Döbereiner", "Knebel", "Luden", "Oken", "Griesbach", "Fraunhofer",
    "Bunsen", "Kirchhoff", "Hertz", "Ohm", "Euler", "Riemann", "Hilbert", "Brehm",
    "Mendel", "Virchow", "Pestalozzi", "Diesterweg", "Comenius", "Melanchthon", "Stoy",
    "Reinhold", "Thibaut", "Voigt", "Suckow", "Wagner", "Rückert", "Kästner", "Heine",
    "Büchner", "Grimm", "Raabe", "Storm", "Hauff", "Lortzing", "Spohr", "Klopstock",
    "Gellert", "Gleim", "Hebel", "Arndt", "Jahn", "Kleist", "Tieck", "Brentano", "Chamisso",
    "Lenau", "Platen", "Freiligrath", "Rilke", "Hesse", "Morgenstern", "Ringelnatz",
    "Tucholsky", "Seume", "Musäus", "Bechstein", "Loder", "Batsch", "Schleiden", "Snell",
    "Frommann", "Czapski", "Siedentopf", "Straubel", "Schumann", "Mendelssohn", "Schubert",
    "Haydn", "Gluck", "Bruckner", "Mahler", "Menzel", "Spitzweg", "Feininger", "Macke",
    "Nolde", "Hodler", "Bessel", "Olbers", "Lambert", "Helmholtz", "Wöhler", "Kekulé",
    "Nernst", "Ostwald", "Sommerfeld", "Herbart", "Petersen", "Ziller", "Dornheim",
    "Tümpling", "Lichtwer", "Stieler", "Paulsen", "Zimmermann", "Hartung", "Ebeling",
};
const std::vector<std::string> kFullNames = {
    "Thomas-Mann", "Bertolt-Brecht", "Käthe-Kollwitz", "Ricarda-Huch", "Anna-Siemsen",
    "Otto-Schott", "Carl-Zeiß", "Ernst-Abbe", "Ernst-Haeckel", "Max-Reger",
    "Lucas-Cranach", "Paul-Schneider", "Hermann-Löns", "Clara-Zetkin", "Dietrich-Bonhoeffer",
    "Emil-Wölk", "Johannes-R.-Becher", "Marie-Curie", "Lise-Meitner", "Emmy-Noether",
    "Karl-Marx", "Wilhelm-Busch", "Albert-Schweitzer", "Robert-Koch", "Rudolf-Breitscheid",
    "August-Bebel", "Fritz-Reuter", "Adolf-Reichwein", "Geschwister-Scholl", "Anne-Frank",
    "Bettina-von-Arnim", "Rosa-Luxemburg", "Walter-Gropius", "Henry-van-de-Velde",
    "Erich-Kuithan", "Hans-Berger", "Eduard-Rosenthal", "Ludwig-Feuerbach", "Friedrich-Engels",
    "Carl-Ludwig", "Gustav-Fischer", "Eugen-Diederichs", "Anna-Amalia", "Maria-Pawlowna",
    "Magnus-Poser", "Hugo-Schrade", "Otto-Devrient", "Caroline-Schlegel", "Sophie-Mereau",
};
const std::vector<std::string> kPlaces = {
    "Weimarer", "Erfurter", "Geraer", "Rudolstädter", "Kahlaer", "Dornburger", "Naumburger",
    "Camburger", "Stadtrodaer", "Apoldaer", "Hermsdorfer", "Eisenberger", "Bürgeler",
    "Leipziger", "Dresdner", "Magdeburger", "Gothaer", "Saalfelder", "Pößnecker",
    "Zeitzer", "Altenburger", "Arnstädter", "Ilmenauer", "Sonneberger", "Suhler",
    "Meininger", "Eisenacher", "Mühlhäuser", "Nordhäuser", "Sömmerdaer", "Greizer",
    "Schleizer", "Lobensteiner", "Neustädter", "Triptiser", "Orlamünder", "Blankenhainer",
    "Kranichfelder", "Rastenberger", "Buttstädter", "Kösener", "Schkölener", "Crossener",
    "Ronneburger", "Zeulenrodaer", "Uhlstädter", "Rothensteiner", "Löbstedter", "Lobedaer",
    "Ammerbacher", "Winzerlaer", "Drackendorfer", "Kunitzer", "Zwätzener", "Wöllnitzer",
    "Burgauer", "Isserstedter", "Closewitzer", "Cospedaer", "Remderodaer", "Leutraer",
    "Ilmnitzer", "Wogauer", "Göschwitzer", "Ziegenhainer", "Lichtenhainer", "Laasaner",
    "Golmsdorfer", "Bucher", "Großschwabhäuser", "Rothenstein", "Dorndorfer",
};
const std::vector<std::string> kNature = {
    "Linden", "Birken", "Eichen", "Kastanien", "Ahorn", "Buchen", "Eschen", "Holunder",
    "Rosen", "Tulpen", "Nelken", "Flieder", "Wiesen", "Feld", "Berg", "Tal", "Sonnen",
    "Quellen", "Mühlen", "Brunnen", "Garten", "Kirch", "Schul", "Wald", "Heide", "Hain",
    "Anger", "Teich", "Bach", "Stein", "Kalk", "Lehm", "Ginster", "Schlehen", "Kirschen",
    "Apfel", "Pflaumen", "Nuss", "Fasanen", "Lerchen", "Finken", "Drossel", "Amsel",
    "Falken", "Hasen", "Fuchs", "Dachs", "Kiefern", "Tannen", "Weiden", "Pappel",
    "Mohn", "Kornblumen", "Veilchen", "Schwalben", "Meisen", "Höhen", "Hügel", "Ufer",
    "Auen", "Wein", "Hopfen", "Obst", "Ulmen", "Erlen", "Akazien", "Wacholder", "Efeu",
    "Lavendel", "Malven", "Astern", "Dahlien", "Lilien", "Narzissen", "Primel", "Enzian",
    "Orchideen", "Quitten", "Birnen", "Mispel", "Walnuss", "Haselnuss", "Eiben", "Lärchen",
    "Fichten", "Distel", "Klee", "Hafer", "Gersten", "Roggen", "Flachs", "Spatzen",
    "Stieglitz", "Zeisig", "Kiebitz", "Reiher", "Storchen", "Kranich", "Eulen", "Raben",
    "Dohlen", "Bussard", "Sperber", "Habicht", "Hirsch", "Reh", "Biber", "Otter", "Sand",
    "Kies", "Mergel", "Muschelkalk", "Silber", "Rotdorn", "Schneeball", "Heckenrosen",
    "Brombeer", "Himbeer", "Johannisbeer", "Sanddorn", "Schlüsselblumen", "Margeriten",
    "Sonnenblumen", "Goldregen", "Jasmin", "Magnolien", "Platanen", "Robinien", "Espen",
};
const std::vector<std::string> kTrades = {
    "Schäfer", "Töpfer", "Gerber", "Weber", "Brauer", "Böttcher", "Zimmerer", "Glaser",
    "Müller", "Schmiede", "Bäcker", "Fleischer", "Schuster", "Schneider", "Färber", "Seiler",
    "Drechsler", "Tischler", "Maurer", "Winzer", "Gärtner", "Fischer", "Jäger", "Förster",
    "Köhler", "Flößer", "Steinmetz", "Ziegler", "Sattler", "Wagner", "Imker", "Kantor",
};
const std::vector<std::string> kAm = {
    "Am Anger", "Am Steinbruch", "Am Kirchberg", "Am Hang", "Am Rain", "Am Teich",
    "Am Mühlgraben", "Am Sportplatz", "Am Friedhof", "Am Gänseberg", "Am Hausberg",
    "Am Jenzig", "Am Kernberg", "Am Fuchsturm", "Am Landgrafen", "Am Windknollen", "Am Forst",
    "Am Wehr", "Am Bahnhof", "Am Rittergut", "Am Pfarrhof", "Am Born", "Am Steiger",
    "Am Plan", "Am Burgweg", "Am Gries", "Am Heiligenberg", "Am Mönchsberg", "Am Dorfteich",
    "Am Schafberg", "Am Hohlweg", "Am Graben", "Am Wäldchen", "Am Bach", "An der Saale",
    "An der Leutra", "An der Roda", "An der Mühle", "An der Kirche", "An der Trift",
    "An der Schule", "An der Lache", "An der Ziegelei", "An der Tongrube", "An der Pforte",
    "An der Feldflur", "An der Obstplantage", "An der Wiese", "Zum Wiesengrund",
    "Zum Hahnengrund", "Zum Gänsegarten", "Zur Mühle", "Zur Linde", "Zur Aue", "Im Tal",
    "Im Winkel", "Im Grund", "Im Gehege", "Im Bauerngarten", "Im Sack", "Im Stift",
    "Hinter der Kirche", "Hinter den Gärten", "Auf dem Forst", "Auf der Höhe", "Vor dem Tor",
    "Unterm Berg", "Beim Brunnen", "Alter Markt", "Neuer Markt", "Kleiner Anger", "Großer Anger",
};
const std::vector<std::string> kVillage = {
    "Dorfstraße", "Hauptstraße", "Alte Dorfstraße", "Unterdorf", "Oberdorf", "Kirchgasse",
    "Pfarrgasse", "Schulgasse", "Angerweg", "Gartenweg", "Mühlweg", "Feldweg", "Hohle Gasse",
    "Triftweg", "Dorfplatz", "Ringstraße", "Bergstraße", "Talstraße", "Hofgasse", "Neue Gasse",
    "Obere Gasse", "Untere Gasse", "Sackgasse", "Viehweg", "Kirchweg", "Gänseweide",
    "Kirschallee", "Obstweg", "Im Oberdorf", "Im Unterdorf", "Am Dorfanger", "Alte Schule",
    "Gemeindeberg", "Zum Sportplatz", "Am Sportfeld", "Zur Feldscheune", "Backhausgasse",
};
const std::vector<std::string> kOutlier = {
    "Papiermühle", "Walkmühle", "Ölmühle", "Lohmühle", "Sägemühle", "Obere Mühle",
    "Untere Mühle", "Lindenhof", "Sonnenhof", "Eichenhof", "Birkenhof", "Wiesenhof",
    "Talhof", "Vorwerk", "Schäferei", "Forsthaus", "Gut Rodigast", "Kalkofen", "Ziegelhütte",
    "Steinhaus", "Waldhaus", "Hohe Warte", "Fuchsgrund", "Am Gutshof", "Bergschänke",
    "Feldscheune", "Waldschlösschen", "Kohlhof", "Klosterhof", "Neuer Hof", "Heidehof",
    "Rosenhof", "Weinberghaus", "Trockenhof", "Hungerhof", "Saalehof", "Gehöft am Rain",
    "Brunnenhof", "Auhof", "Kirschhof", "Steinbruchweg", "Gartenhaus am Hang", "Pulvermühle",
    "Hammermühle", "Schneidemühle", "Spitzenhof", "Hegemühle", "Einsiedelei", "Waldeck",
    "Luisenhof", "Friedrichshof", "Augustenhof", "Margaretenhof", "Amalienruh",
    "Wilhelmshöhe", "Carlshöhe", "Schweizerhöhe", "Sophienhof", "Ottenhof", "Mönchshof",
    "Grafenhof", "Kastanienhof", "Pferdekoppel", "Am Windrad", "Hof Ehrenberg",
};

class StreetNamer {
public:
    // A fresh, city-wide unique name suitable for the district kind.
    std::string make(Rng& r, Kind kind) {
        for (int attempt = 0; attempt < 2000; ++attempt) {
            auto [stem, limit, name] = candidate(r, kind);
            if (try_take(stem, limit, name)) return name;
        }
        // Deterministic exhaustive fallback (not reached with the built-in pools).
        for (const auto& n : kNature)
            for (const char* s : {"weg", "gasse", "steig", "pfad", "ring", "straße"})
                if (try_take(n + s, 1, n + s)) return n + s;
        for (int i = 2;; ++i) {
            std::string n = "Neubaugebiet " + std::to_string(i);
            if (try_take(n, 1, n)) return n;
        }
    }
    std::string outlier(Rng& r) {
        for (int attempt = 0; attempt < 500; ++attempt) {
            const std::string& n = r.pick(kOutlier);
            if (try_take(n, 1, n)) return n;
        }
        return make(r, Kind::Village);
    }

private:
    struct Cand {
        std::string stem;
        int limit;
        std::string name;
    };
    static std::string normalise(std::string n) {
        if (n.size() > 4 && n.ends_with("str.")) n = n.substr(0, n.size() - 4) + "straße";
        return n;
    }
    bool try_take(const std::string& stem, int limit, const std::string& name) {
        const std::string key = normalise(name);
        if (names_.count(key)) return false;
        int& u = stem_uses_[stem];
        if (u >= limit) return false;
        ++u;
        names_.insert(key);
        return true;
    }
    Cand nature_form(Rng& r, bool city) {
        const std::string& n = r.pick(kNature);
        double v = r.uniform();
        if (v < 0.20) {
            static const std::vector<std::string> tails = {"berg", "hang", "grund", "feld", "rain", "garten", "hain", "born", "bühl"};
            return {n, 3, "Am " + n + r.pick(tails)};
        }
        if (city && v < 0.26) return {n, 3, n + "str."};
        static const std::vector<std::string> city_suffixes = {"straße", "straße", "weg", "weg", "gasse", "ring", "steig", "pfad", "platz", "allee"};
        static const std::vector<std::string> rural_suffixes = {"weg", "weg", "weg", "straße", "gasse", "steig", "pfad", "ring"};
        return {n, 3, n + r.pick(city ? city_suffixes : rural_suffixes)};
    }
    Cand candidate(Rng& r, Kind kind) {
        double u = r.uniform();
        if (kind == Kind::Village) {
            if (u < 0.35) { const auto& n = r.pick(kVillage); return {n, 1, n}; }
            if (u < 0.50) { const auto& n = r.pick(kAm); return {n, 1, n}; }
            if (u < 0.60) { const auto& t = r.pick(kTrades); return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "weg"})}; }
            return nature_form(r, false);
        }
        if (kind == Kind::Suburb) {
            if (u < 0.12) { const auto& n = r.pick(kAm); return {n, 1, n}; }
            if (u < 0.55) return nature_form(r, false);
            if (u < 0.75) { const auto& p = r.pick(kPersons); return {p, 2, p + r.pick(std::vector<std::string>{"straße", "weg", "weg"})}; }
            if (u < 0.85) { const auto& p = r.pick(kPlaces); return {p, 1, p + " Straße"}; }
            if (u < 0.92) { const auto& t = r.pick(kTrades); return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "weg", "straße"})}; }
            const auto& f = r.pick(kFullNames);
            return {f, 1, f + "-Straße"};
        }
        // Centre, City, Estate.
        if (u < 0.36) {
            const std::string& p = r.pick(kPersons);
            double v = r.uniform();
            if (v < 0.68) return {p, 2, p + "straße"};
            if (v < 0.78) return {p, 2, p + "str."};  // some official lists abbreviate
            if (v < 0.92) return {p, 2, p + "weg"};
            return {p, 2, p + "platz"};
        }
        if (u < 0.50) { const auto& f = r.pick(kFullNames); return {f, 1, f + (r.chance(0.85) ? "-Straße" : "-Platz")}; }
        if (u < 0.64) { const auto& p = r.pick(kPlaces); return {p, 1, p + (r.chance(0.9) ? " Straße" : " Platz")}; }
        if (u < 0.70) { const auto& t = r.pick(kTrades); return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "straße"})}; }
        if (u < 0.93) return nature_form(r, true);
        const auto& n = r.pick(kAm);
        return {n, 1, n};
    }
    std::unordered_set<std::string> names_;
    std::unordered_map<std::string, int> stem_uses_;
};

// ---------------------------------------------------------------------------------------
// Addresses and streets.

enum class Category { Residential, Business, School, Hospital, Public };

const char* category_name(Category c) {
    switch (c) {
        case Category::Residential: return "residential";
        case Category::Business: return "business";
        case Category::School: return "school";
        case Category::Hospital: return "hospital";
        case Category::Public: return "public";
    }
    return "residential";
}

struct Street {
    std::string name;
    int district = 0;
    bool outlier = false;
    std::vector<Pt> line;  // polyline (kept for later footprints / routes)
    std::vector<int> addresses;
    // Network picture of the street.
    int cable = 0;           // 0 none, 30 DOCSIS 3.0, 31 DOCSIS 3.1
    bool fibre = false;      // Saalenetz fibre built
    int copper = 0;          // copper class index into kCopper
    bool fwa = false;        // Funkwerk Mitte licensed FWA
    bool fwa_unlicensed = false;
    int plan_year = 0;       // Saalenetz ftth plan (0 none)
    int kupfer_plan_year = 0;  // incumbent ftth plan
    int kabel_plan_year = 0;   // cable DOCSIS 3.1 upgrade plan
};

struct Address {
    std::string id;
    std::int64_t xcm = 0, ycm = 0;  // centimetres, EPSG:25832
    int units = 1;
    Category category = Category::Residential;
    int street = 0;
    std::string housenumber;
    int district = 0;
    bool outlier = false;
};

// Collision grid: no two address points closer than a minimum distance.
class PointGrid {
public:
    explicit PointGrid(double cell) : cell_(cell) {}
    bool free(Pt p, double min_d) const {
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
    static std::int64_t key(long i, long j) { return (static_cast<std::int64_t>(i) << 32) ^ static_cast<std::uint32_t>(j); }
    double cell_;
    std::unordered_map<std::int64_t, std::vector<Pt>> cells_;
};

struct Model {
    std::vector<District> districts;
    std::vector<Street> streets;
    std::vector<Address> addresses;
};

int nearest_district(const std::vector<District>& ds, Pt p) {
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

struct KindShape {
    double spacing_min, spacing_max;  // along the street, per side
    double offset_min, offset_max;    // from the street axis
    double min_dist;                  // between address points
    double len_min, len_max;          // street length
    double p_side;                    // chance that a slot on one side holds a building
    double p_suffix;                  // chance of an extra "a" building (rear house)
};

KindShape shape_of(Kind k) {
    switch (k) {
        case Kind::Centre: return {14, 22, 7, 11, 7, 250, 700, 0.95, 0.05};
        case Kind::City: return {15, 25, 8, 13, 8, 300, 1000, 0.92, 0.04};
        case Kind::Estate: return {16, 30, 9, 18, 8, 250, 800, 0.90, 0.02};
        case Kind::Suburb: return {18, 30, 9, 15, 9, 200, 800, 0.85, 0.03};
        case Kind::Village: return {20, 42, 9, 18, 11, 150, 700, 0.80, 0.04};
    }
    return {};
}

int residential_units(Rng& r, Kind k) {
    double u = r.uniform();
    switch (k) {
        case Kind::Centre:  // old town and Gründerzeit blocks
            if (u < 0.20) return r.range(1, 5);
            if (u < 0.80) return r.range(6, 10);
            if (u < 0.97) return r.range(10, 18);
            return r.range(20, 40);
        case Kind::Estate:  // Plattenbau entrances, high-rises, some terraced houses
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

std::int64_t to_cm(double v) { return static_cast<std::int64_t>(std::llround(v * 100.0)); }

// Places addresses along a new street; returns how many were placed (0: street discarded).
// Points are checked against the committed grid and against this street's own points; the
// caller adds them to the grid only if the street is kept.
int build_street(Model& m, const PointGrid& grid, Rng& r, int di, int wanted, std::vector<Address>& out,
                 std::vector<Pt>& line_out) {
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
        if (nearest_district(m.districts, q) != di || dist2(q, d.centre) > d.radius * d.radius * 1.1 ||
            !in_extent(q))
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
            if (r.chance(0.03)) num += 2;  // a number skipped (demolished, merged plots)
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
int build_outlier(Model& m, PointGrid& grid, Rng& r, int di, std::vector<Address>& out, std::vector<Pt>& line_out) {
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

void build_addresses(Model& m, Rng& master) {
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

// ---------------------------------------------------------------------------------------
// Offers.

struct Copper {
    const char* tech;
    int down, up;
};
// Index order = quality order (a long loop degrades to the next lower class).
const std::vector<Copper> kCopper = {
    {"adsl", 6, 1}, {"adsl", 16, 1}, {"vdsl", 25, 5}, {"vdsl", 50, 10}, {"vdsl", 100, 40}, {"vdsl", 250, 40},
};

struct Offer {
    std::string address_id;
    std::string tech;
    std::string down, up;  // strings so that a deliberate "n/a" can be written
    std::string latency;
    std::string status;  // existing / planned / under_review
    int year = 0;
};

struct Operator {
    std::string slug;      // file name part
    std::string provider;  // provider column
    std::vector<Offer> rows;
};

int plan_year(Rng& r) {
    double u = r.uniform();
    if (u < 0.15) return 2026;
    if (u < 0.40) return 2027;
    if (u < 0.65) return 2028;
    if (u < 0.85) return 2029;
    return 2030;
}

int copper_class(Rng& r, Kind k, bool remote) {
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
                 const char* status = "existing", int year = 0) {
    return {id, tech, std::to_string(down), std::to_string(up), latency, status, year};
}

struct Offers {
    Operator saalenetz{"saalenetz", "Saalenetz GmbH", {}};
    Operator kabel{"thueringer_kabel", "Thüringer Kabel AG", {}};
    Operator kupfer{"kupfer_co", "Kupfer & Co Telekommunikation", {}};
    Operator funk{"funkwerk_mitte", "Funkwerk Mitte", {}};
    Operator mobil{"luftlinie_mobil", "Luftlinie Mobil", {}};
    Operator orbit{"orbitnet", "OrbitNet", {}};
    std::vector<Operator*> all() { return {&saalenetz, &kabel, &kupfer, &funk, &mobil, &orbit}; }
};

void plan_streets(Model& m, Rng& r) {
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
        if (gigabit && !st.fibre && r.chance(0.08)) st.plan_year = plan_year(r);  // overbuild of cable
        if (city && !st.fibre && r.chance(0.08)) st.kupfer_plan_year = r.range(2027, 2029);
        if (st.cable == 30 && r.chance(0.35)) st.kabel_plan_year = r.range(2027, 2028);
    }
}

void build_offers(Model& m, Rng& r, Offers& o) {
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
            if (cls > 0 && r.chance(rural ? 0.06 : 0.03)) --cls;  // long loop
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
void add_under_review(Model& m, Rng& r, Offers& o, int wanted, std::vector<std::string>& log) {
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
    std::stable_sort(merged.begin(), merged.end(), [&](const Offer& x, const Offer& y) {
        return order.at(x.address_id) < order.at(y.address_id);
    });
    o.saalenetz.rows = std::move(merged);
}

// Deliberate dirty rows (documented in README.md). Each is an EXTRA row, added for an address
// whose class does not depend on it, so the shares are the same whether or not a reader
// rejects it. Inserted at fixed positions after the clean rows are built.
struct Dirty {
    std::string file, address_id, what;
};

std::string served_by_cable_id(const Offers& o, const Model& m, std::size_t nth) {
    // The nth address (in address order) that has an existing docsis31 row.
    std::set<std::string> ids;
    for (const Offer& f : o.kabel.rows)
        if (f.tech == "docsis31" && f.status == "existing") ids.insert(f.address_id);
    std::size_t k = 0;
    for (const Address& a : m.addresses)
        if (ids.count(a.id) && k++ == nth) return a.id;
    return m.addresses.front().id;
}

void insert_at(std::vector<Offer>& rows, std::size_t pos, Offer f) {
    if (pos > rows.size()) pos = rows.size();
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(pos), std::move(f));
}

std::vector<Dirty> add_dirty_rows(const Model& m, Offers& o) {
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
        auto it = std::find_if(o.kabel.rows.begin(), o.kabel.rows.end(),
                               [&](const Offer& x) { return x.address_id == id; });
        o.kabel.rows.insert(it, f);  // a second, broken docsis31 row for the same address
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

// ---------------------------------------------------------------------------------------
// CSV output (RFC 4180 quoting only when needed; LF line endings; UTF-8, no BOM).

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

std::string fixed2(std::int64_t cm) {
    std::string sign = cm < 0 ? "-" : "";
    std::int64_t a = cm < 0 ? -cm : cm;
    std::string frac = std::to_string(a % 100);
    if (frac.size() < 2) frac = "0" + frac;
    return sign + std::to_string(a / 100) + "." + frac;
}

class CsvFile {
public:
    CsvFile(const std::filesystem::path& dir, const std::string& name)
        : final_(dir / name), tmp_(dir / (name + ".tmp")), out_(tmp_, std::ios::binary) {
        if (!out_) throw std::runtime_error("cannot write " + tmp_.string());
    }
    void row(const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out_ << ',';
            out_ << csv_field(fields[i]);
        }
        out_ << '\n';
        ++rows_;
    }
    std::size_t close() {
        out_.close();
        if (!out_) throw std::runtime_error("write failed: " + tmp_.string());
        std::filesystem::rename(tmp_, final_);
        return rows_ - 1;  // data rows
    }

private:
    std::filesystem::path final_, tmp_;
    std::ofstream out_;
    std::size_t rows_ = 0;
};

// ---------------------------------------------------------------------------------------
// Spatial layers (GeoJSON, EPSG:25832, 2 decimals): district polygons, footprints (cable
// service areas, build areas of the white-spot programme) and routes (fibre routes, empty
// ducts). Geometry is built in doubles (+ - * / sqrt only) and rounded to whole centimetres
// (int64) for output; tests on the rounded geometry use exact integer arithmetic.

struct P64 {
    std::int64_t x = 0, y = 0;
    bool operator==(const P64&) const = default;
};
P64 to_p64(Pt p) { return {to_cm(p.x), to_cm(p.y)}; }
Pt from_p64(P64 p) { return {static_cast<double>(p.x) / 100.0, static_cast<double>(p.y) / 100.0}; }
Pt address_pt(const Address& a) { return from_p64({a.xcm, a.ycm}); }
double dot(Pt a, Pt b) { return a.x * b.x + a.y * b.y; }
Pt unit(Pt a) { return a * (1.0 / norm(a)); }

using Ring = std::vector<P64>;  // open: the first vertex is not repeated

// Twice the signed area in cm² (positive = counter-clockwise).
std::int64_t area2(const Ring& r) {
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
Ring make_ring(const std::vector<Pt>& pts, bool ccw, bool keep_order = false) {
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
bool segments_meet(P64 a, P64 b, P64 c, P64 d) {
    auto sgn = [](std::int64_t v) { return (v > 0) - (v < 0); };
    const int d1 = sgn(cross3(a, b, c)), d2 = sgn(cross3(a, b, d)), d3 = sgn(cross3(c, d, a)), d4 = sgn(cross3(c, d, b));
    if (d1 * d2 < 0 && d3 * d4 < 0) return true;
    auto on = [](P64 p, P64 q, P64 r) {  // r on segment pq, given collinear
        return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y &&
               r.y <= std::max(p.y, q.y);
    };
    return (d1 == 0 && on(a, b, c)) || (d2 == 0 && on(a, b, d)) || (d3 == 0 && on(c, d, a)) || (d4 == 0 && on(c, d, b));
}

// A simple ring: no two edges meet except neighbours at their shared vertex.
bool simple_ring(const Ring& r) {
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

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

std::string json_string(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            q += '\\';
            q += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            q += buf;
        } else {
            q += c;
        }
    }
    return q + "\"";
}

class Props {
public:
    Props& str(const char* k, const std::string& v) { return add(k, json_string(v)); }
    Props& num(const char* k, long long v) { return add(k, std::to_string(v)); }
    Props& null(const char* k) { return add(k, "null"); }
    Props& year(const char* k, int y) { return y ? num(k, y) : null(k); }
    Props& metres(const char* k, double m) { return add(k, fixed2(to_cm(m))); }
    std::string text;

private:
    Props& add(const char* k, const std::string& v) {
        if (!text.empty()) text += ", ";
        text += json_string(k) + ": " + v;
        return *this;
    }
};

struct GeoFeature {
    std::string props;
    std::vector<Polygon> polygons;  // Polygon if one and !multi, else MultiPolygon
    bool multi = false;
    std::vector<P64> line;  // LineString when there are no polygons
};

std::string ring_json(const Ring& r) {
    std::string s = "[";
    for (std::size_t i = 0; i <= r.size(); ++i) {
        const P64& p = r[i % r.size()];
        if (i) s += ", ";
        s += "[" + fixed2(p.x) + ", " + fixed2(p.y) + "]";
    }
    return s + "]";
}

std::string polygon_json(const Polygon& p) {
    std::string s = "[" + ring_json(p.outer);
    for (const Ring& h : p.holes) s += ", " + ring_json(h);
    return s + "]";
}

std::string geometry_json(const GeoFeature& f) {
    if (f.polygons.empty()) {
        std::string s = "{\"type\": \"LineString\", \"coordinates\": [";
        for (std::size_t i = 0; i < f.line.size(); ++i)
            s += (i ? ", [" : "[") + fixed2(f.line[i].x) + ", " + fixed2(f.line[i].y) + "]";
        return s + "]}";
    }
    if (f.polygons.size() == 1 && !f.multi)
        return "{\"type\": \"Polygon\", \"coordinates\": " + polygon_json(f.polygons[0]) + "}";
    std::string s = "{\"type\": \"MultiPolygon\", \"coordinates\": [";
    for (std::size_t i = 0; i < f.polygons.size(); ++i) s += (i ? ", " : "") + polygon_json(f.polygons[i]);
    return s + "]}";
}

void write_geojson(const std::filesystem::path& dir, const std::string& name, const std::vector<GeoFeature>& fs) {
    const std::filesystem::path final_path = dir / name, tmp = dir / (name + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        out << "{\"type\": \"FeatureCollection\",\n\"name\": " << json_string(name.substr(0, name.find('.')))
            << ",\n\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::25832\"}},\n"
               "\"features\": [\n";
        for (std::size_t i = 0; i < fs.size(); ++i)
            out << "{\"type\": \"Feature\", \"properties\": {" << fs[i].props << "}, \"geometry\": " << geometry_json(fs[i])
                << "}" << (i + 1 < fs.size() ? ",\n" : "\n");
        out << "]}\n";
        out.close();
        if (!out) throw std::runtime_error("write failed: " + tmp.string());
    }
    std::filesystem::rename(tmp, final_path);
}

double line_length(const std::vector<P64>& l) {
    double s = 0;
    for (std::size_t i = 1; i < l.size(); ++i) s += norm(from_p64(l[i]) - from_p64(l[i - 1]));
    return s;
}

// --- districts: Voronoi cells of the district centres, clipped to the extent ------------

// Sutherland–Hodgman against one half-plane {p : a·p <= b} (convex polygon stays convex).
std::vector<Pt> clip_halfplane(const std::vector<Pt>& poly, Pt a, double b) {
    std::vector<Pt> out;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const Pt p = poly[i], q = poly[(i + 1) % poly.size()];
        const double dp = dot(a, p) - b, dq = dot(a, q) - b;
        if (dp <= 0) out.push_back(p);
        if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) out.push_back(p + (q - p) * (dp / (dp - dq)));
    }
    return out;
}

// One convex ring per district. Shared Voronoi vertices are computed once per cell; after
// rounding to centimetres, vertices within 3 cm of an earlier one are snapped to it, so two
// neighbouring cells share exactly the same edge (no gaps, no overlaps).
std::vector<Ring> district_cells(const Model& m) {
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

// Strictly inside a counter-clockwise convex ring (exact).
bool inside_convex(const Ring& r, P64 p) {
    for (std::size_t i = 0; i < r.size(); ++i)
        if (cross3(r[i], r[(i + 1) % r.size()], p) <= 0) return false;
    return true;
}

// --- shapes ------------------------------------------------------------------------------

// n unit vectors in counter-clockwise order (points of a square's perimeter, normalised:
// no trigonometry needed).
std::vector<Pt> unit_dirs(int n) {
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
std::vector<Pt> blob(Rng& r, Pt c, double rmin, double rmax, int n) {
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
std::vector<Pt> corridor(const std::vector<Pt>& line, double w) {
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
std::vector<Pt> wander(Rng& r, Pt a, Pt b, double step, double amp) {
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
double nearest_on_line(const std::vector<Pt>& l, Pt p, Pt& best) {
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

struct AddressState {
    int best_down = 0;  // counted existing
    bool gigabit = false;
};

std::vector<AddressState> address_states(const Model& m, Offers& o) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < m.addresses.size(); ++i) index[m.addresses[i].id] = i;
    static const std::set<std::string> counted = {"ftth", "fttb", "docsis31", "docsis30", "vdsl",
                                                  "adsl", "fwa_licensed", "fwa_unlicensed"};
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

int district_index(const Model& m, const std::string& name) {
    for (std::size_t i = 0; i < m.districts.size(); ++i)
        if (m.districts[i].name == name) return static_cast<int>(i);
    throw std::runtime_error("unknown district " + name);
}

constexpr const char* kKabel = "Thüringer Kabel AG";
constexpr const char* kSaalenetz = "Saalenetz GmbH";

// --- cable service areas ----------------------------------------------------------------

// Thüringer Kabel AG reported per-address rows for the city; for the outer districts below
// (local cable networks it took over) it delivered service-area polygons only.
std::vector<GeoFeature> cable_footprints(const Model& m, Rng& r) {
    struct Area {
        std::vector<std::string> districts;
        const char* tech;
        int down, up;
        int holes;  // in the first part
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

struct BuildArea {
    int district = 0;
    int street = 0;
    bool outlier = false;
    bool existing = false;
    int year = 0;  // built (existing) or planned year
    Ring ring;     // exterior, or the bow-tie
    bool bowtie = false;
    P64 lo, hi;    // bounding box
};

struct RouteFeature {
    std::string kind, name;
    bool existing = true;
    int year = 0;
    std::vector<P64> line;
};

struct Programme {
    std::vector<BuildArea> areas;
    std::vector<RouteFeature> routes;
};

void bbox_of(BuildArea& a) {
    a.lo = a.hi = a.ring[0];
    for (const P64& p : a.ring) {
        a.lo = {std::min(a.lo.x, p.x), std::min(a.lo.y, p.y)};
        a.hi = {std::max(a.hi.x, p.x), std::max(a.hi.y, p.y)};
    }
}

double min_dist_to_addresses(const Model& m, Pt p) {
    double best = std::numeric_limits<double>::infinity();
    for (const Address& a : m.addresses) best = std::min(best, dist2(p, address_pt(a)));
    return std::sqrt(best);
}

// Build areas: every outlying farm cluster and every village street that still had white
// addresses (no counted existing offer >= 30 Mbit/s) in the reports: about half were built
// 2017–2025 (existing), about a third are planned for 2026/2027, the rest remain white.
Programme white_spot_programme(const Model& m, const std::vector<AddressState>& st, Rng& r) {
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
        if (u >= 0.82) continue;  // not (yet) in the programme
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
        for (int ai : s.addresses) reach = std::max(reach, norm(address_pt(m.addresses[static_cast<std::size_t>(ai)]) - c));
        if (s.outlier && a.existing && !bowtie_done) {
            // The deliberate bow-tie: a quadrilateral digitised in the wrong vertex order.
            // Its edges cross at X, east (or west) of the farm; the farm lies deep inside the
            // first lobe. GEOS MakeValid turns it into its two triangles.
            const double sz = reach + 30;
            for (double side : {1.0, -1.0}) {
                const Pt x = c + Pt{3.5 * sz * side, 0};
                if (min_dist_to_addresses(m, x) < 25) continue;
                const double aa = 6 * sz, bb = 3 * sz;
                a.ring = make_ring({x + Pt{-aa * side, -bb}, x + Pt{aa * side, bb}, x + Pt{aa * side, -bb},
                                    x + Pt{-aa * side, bb}},
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
                    w = std::max(w, std::sqrt(nearest_on_line(s.line, address_pt(m.addresses[static_cast<std::size_t>(ai)]), q)));
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
std::vector<GeoFeature> wfp_footprints(const Model& m, const Programme& pg) {
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
        pr.str("area_id", id).str("name", d.name + ": " + streets).str("provider", kSaalenetz).str("technology", "ftth");
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

constexpr double kRoadStep = 120, kRoadWander = 90;  // country roads: a vertex every 120 m, wandering +-90 m

// Fibre routes of the programme, about target_m metres in all: trunk links connecting every
// village (a spanning tree grown from the city's district edges), routes along the village
// streets that have fibre or are build areas, spurs from farm build areas to the nearest
// existing route, then ring links and the remaining village streets until the total is
// reached. Routes that join another route stop 3 m short of it (no shared vertex), so no
// address is exactly as near to two routes with different status.
void programme_routes(const Model& m, Programme& pg, Rng& r, double target_m) {
    std::vector<RouteFeature>& routes = pg.routes;
    auto add = [&](const std::string& kind, const std::string& name, bool existing, int year, const std::vector<Pt>& l) {
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
        const int built = r.range(2017, 2023);  // (separate statements: argument order is unspecified)
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

std::vector<GeoFeature> route_features(const std::vector<RouteFeature>& routes) {
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
std::vector<GeoFeature> duct_features(const Model& m, Rng& r, double target_m, double& total) {
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
        if (total + len > target_m + 250) continue;  // keep the total near the target
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


// Every address must lie strictly inside its own district's polygon (the written,
// centimetre-rounded Voronoi cell). Street addresses were placed nearer to their own centre
// than to any other, but the first building of an outlying farm (build_outlier) was only
// checked at the farm's centre, so it can lie a few metres over the edge; and rounding can
// put a point within a centimetre of an edge on the wrong side. Such points are moved
// towards their district centre, a centimetre at a time, until they are strictly inside
// their cell, then one metre further. (Moving keeps every other byte of the data set; a
// redraw would shift the random streams.) Returns how many moved and the largest move.
std::pair<int, double> keep_inside_cells(Model& m) {
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

constexpr double kFibreTarget = 147000;  // metres of new fibre routes (the programme's figure)
constexpr double kDuctTarget = 84000;    // metres of new empty ducts

void write_spatial(const std::filesystem::path& outdir, const Model& m, const std::vector<AddressState>& states,
                   Rng& cable_rng, Rng& wfp_rng, Rng& route_rng, Rng& duct_rng) {
    // Districts.
    const std::vector<Ring> cells = district_cells(m);
    std::vector<GeoFeature> dist;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        GeoFeature f;
        f.polygons.push_back({cells[i], {}});
        char id[16];
        std::snprintf(id, sizeof id, "%s000%02d", kAgs, static_cast<int>(i + 1));
        f.props = Props().str("district_id", id).str("district", m.districts[i].name).str("postcode", m.districts[i].postcode).text;
        dist.push_back(std::move(f));
    }
    int outside = 0;
    for (const Address& a : m.addresses)
        if (!inside_convex(cells[static_cast<std::size_t>(a.district)], {a.xcm, a.ycm})) ++outside;
    if (outside) throw std::runtime_error(std::to_string(outside) + " addresses are not strictly inside their district polygon");
    write_geojson(outdir, "districts.geojson", dist);
    std::cout << "districts.geojson: " << dist.size() << " polygons\n";

    const std::vector<GeoFeature> cable = cable_footprints(m, cable_rng);
    write_geojson(outdir, "footprints_cable.geojson", cable);
    std::cout << "footprints_cable.geojson: " << cable.size() << " features\n";

    Programme pg = white_spot_programme(m, states, wfp_rng);
    const std::vector<GeoFeature> wfp = wfp_footprints(m, pg);
    write_geojson(outdir, "footprints_wfp.geojson", wfp);
    int ex = 0;
    for (const BuildArea& a : pg.areas) ex += a.existing;
    std::cout << "footprints_wfp.geojson: " << wfp.size() << " features (" << pg.areas.size() << " build areas, " << ex
              << " existing)\n";

    programme_routes(m, pg, route_rng, kFibreTarget);
    const std::vector<GeoFeature> fr = route_features(pg.routes);
    write_geojson(outdir, "routes_fibre.geojson", fr);
    double fibre_m = 0, fibre_existing = 0;
    for (const RouteFeature& r : pg.routes) {
        fibre_m += line_length(r.line);
        if (r.existing) fibre_existing += line_length(r.line);
    }
    std::cout << "routes_fibre.geojson: " << fr.size() << " lines, " << fixed2(to_cm(fibre_m / 1000)) << " km ("
              << fixed2(to_cm(fibre_existing / 1000)) << " km existing)\n";

    double duct_m = 0;
    const std::vector<GeoFeature> ducts = duct_features(m, duct_rng, kDuctTarget, duct_m);
    write_geojson(outdir, "routes_ducts.geojson", ducts);
    std::cout << "routes_ducts.geojson: " << ducts.size() << " lines, " << fixed2(to_cm(duct_m / 1000)) << " km\n";
}

// streets.geojson (its own file: no random numbers, so the other outputs do not move).
#include "streets.cpp"

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = kDefaultSeed;
    std::filesystem::path outdir;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (a == "-h" || a == "--help") {
            std::cout << "usage: gen_jena OUTDIR [--seed N]\n"
                         "Writes the synthetic Jena demo region (addresses.csv, offers_*.csv) to OUTDIR.\n";
            return 0;
        } else if (outdir.empty() && !a.starts_with("-")) {
            outdir = std::string(a);
        } else {
            std::cerr << "gen_jena: unexpected argument '" << a << "' (usage: gen_jena OUTDIR [--seed N])\n";
            return 2;
        }
    }
    if (outdir.empty()) {
        std::cerr << "gen_jena: missing OUTDIR (usage: gen_jena OUTDIR [--seed N])\n";
        return 2;
    }
    try {
        std::filesystem::create_directories(outdir);
        Rng master(seed);
        Model m;
        m.districts = make_districts();
        Rng addr_rng = master.fork();
        Rng street_rng = master.fork();
        Rng offer_rng = master.fork();
        Rng review_rng = master.fork();
        build_addresses(m, addr_rng);
        const auto [nudged, nudge_m] = keep_inside_cells(m);
        plan_streets(m, street_rng);
        Offers o;
        build_offers(m, offer_rng, o);
        std::vector<std::string> review_log;
        add_under_review(m, review_rng, o, 10, review_log);
        // Spatial layers: their own streams, forked after the others, so the CSVs do not move.
        Rng spatial_rng = master.fork();
        Rng cable_rng = spatial_rng.fork();
        Rng wfp_rng = spatial_rng.fork();
        Rng route_rng = spatial_rng.fork();
        Rng duct_rng = spatial_rng.fork();
        const std::vector<AddressState> states = address_states(m, o);  // clean rows only
        std::vector<Dirty> dirty = add_dirty_rows(m, o);

        CsvFile af(outdir, "addresses.csv");
        af.row({"id", "x", "y", "units", "category", "street", "housenumber", "postcode", "district"});
        for (const Address& a : m.addresses) {
            const District& d = m.districts[a.district];
            af.row({a.id, fixed2(a.xcm), fixed2(a.ycm), std::to_string(a.units), category_name(a.category),
                    m.streets[a.street].name, a.housenumber, d.postcode, d.name});
        }
        std::size_t n_addr = af.close();
        std::cout << "addresses.csv: " << n_addr << " rows (" << m.streets.size() << " streets; " << nudged
                  << " moved into their district polygon, by at most " << fixed2(to_cm(nudge_m)) << " m)\n";
        std::size_t n_off = 0;
        for (Operator* op : o.all()) {
            CsvFile f(outdir, "offers_" + op->slug + ".csv");
            f.row({"address_id", "provider", "technology", "down_mbps", "up_mbps", "latency_ms", "status",
                   "planned_year"});
            for (const Offer& x : op->rows)
                f.row({x.address_id, op->provider, x.tech, x.down, x.up, x.latency, x.status,
                       x.year ? std::to_string(x.year) : std::string()});
            std::size_t n = f.close();
            n_off += n;
            std::cout << "offers_" << op->slug << ".csv: " << n << " rows\n";
        }
        std::cout << "offers total: " << n_off << " rows\n";
        write_spatial(outdir, m, states, cable_rng, wfp_rng, route_rng, duct_rng);
        write_streets(outdir, m);
        for (const std::string& id : review_log) std::cout << "under_review: " << id << "\n";
        for (const Dirty& d : dirty) std::cout << "dirty: " << d.file << " " << d.address_id << " " << d.what << "\n";
    } catch (const std::exception& e) {
        std::cerr << "gen_jena: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
