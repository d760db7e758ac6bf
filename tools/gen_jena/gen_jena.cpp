// gen_jena — deterministic generator of the synthetic Jena demo region (sample_data/jena/).
//
// Build:  g++ -std=c++20 -O2 -o build-tools/gen_jena tools/gen_jena/gen_jena.cpp
// Run:    build-tools/gen_jena OUTDIR [--seed N]      (scripts/gen-sample does both)
//
// Writes OUTDIR/addresses.csv and one OUTDIR/offers_<operator>.csv per (fictional) operator.
// Standard library only. The output is the same bytes on every run and every conforming
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
// Room to grow: streets keep their polylines (Street::line), so coverage footprints (buffers
// around cable/fibre streets) and fibre routes can be emitted from the same model later.

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
        plan_streets(m, street_rng);
        Offers o;
        build_offers(m, offer_rng, o);
        std::vector<std::string> review_log;
        add_under_review(m, review_rng, o, 10, review_log);
        std::vector<Dirty> dirty = add_dirty_rows(m, o);

        CsvFile af(outdir, "addresses.csv");
        af.row({"id", "x", "y", "units", "category", "street", "housenumber", "postcode", "district"});
        for (const Address& a : m.addresses) {
            const District& d = m.districts[a.district];
            af.row({a.id, fixed2(a.xcm), fixed2(a.ycm), std::to_string(a.units), category_name(a.category),
                    m.streets[a.street].name, a.housenumber, d.postcode, d.name});
        }
        std::size_t n_addr = af.close();
        std::cout << "addresses.csv: " << n_addr << " rows (" << m.streets.size() << " streets)\n";
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
        for (const std::string& id : review_log) std::cout << "under_review: " << id << "\n";
        for (const Dirty& d : dirty) std::cout << "dirty: " << d.file << " " << d.address_id << " " << d.what << "\n";
    } catch (const std::exception& e) {
        std::cerr << "gen_jena: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
