// street_names.cpp — plausible German street names, unique across the city.

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

// ---------------------------------------------------------------------------------------
// Street names: plausible German names, unique across the whole city (so street + house
// number + postcode identifies an address). A stem ("Linden", "Goethe") is used at most a
// few times ("Lindenweg", "Am Lindenberg"), never as both "…straße" and "…str.".

// clang-format off
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
// clang-format on

struct StreetNamer::Impl {
public:
    // A fresh, city-wide unique name suitable for the district kind.
    std::string make(Rng& r, Kind kind)
    {
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
    std::string outlier(Rng& r)
    {
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
    static std::string normalise(std::string n)
    {
        if (n.size() > 4 && n.ends_with("str.")) n = n.substr(0, n.size() - 4) + "straße";
        return n;
    }
    bool try_take(const std::string& stem, int limit, const std::string& name)
    {
        const std::string key = normalise(name);
        if (names_.count(key)) return false;
        int& u = stem_uses_[stem];
        if (u >= limit) return false;
        ++u;
        names_.insert(key);
        return true;
    }
    Cand nature_form(Rng& r, bool city)
    {
        const std::string& n = r.pick(kNature);
        double v = r.uniform();
        if (v < 0.20) {
            static const std::vector<std::string> tails = {"berg",   "hang", "grund", "feld", "rain",
                                                           "garten", "hain", "born",  "bühl"};
            return {n, 3, "Am " + n + r.pick(tails)};
        }
        if (city && v < 0.26) return {n, 3, n + "str."};
        static const std::vector<std::string> city_suffixes = {"straße", "straße", "weg",  "weg",   "gasse",
                                                               "ring",   "steig",  "pfad", "platz", "allee"};
        static const std::vector<std::string> rural_suffixes = {"weg",   "weg",   "weg",  "straße",
                                                                "gasse", "steig", "pfad", "ring"};
        return {n, 3, n + r.pick(city ? city_suffixes : rural_suffixes)};
    }
    Cand candidate(Rng& r, Kind kind)
    {
        double u = r.uniform();
        if (kind == Kind::Village) {
            if (u < 0.35) {
                const auto& n = r.pick(kVillage);
                return {n, 1, n};
            }
            if (u < 0.50) {
                const auto& n = r.pick(kAm);
                return {n, 1, n};
            }
            if (u < 0.60) {
                const auto& t = r.pick(kTrades);
                return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "weg"})};
            }
            return nature_form(r, false);
        }
        if (kind == Kind::Suburb) {
            if (u < 0.12) {
                const auto& n = r.pick(kAm);
                return {n, 1, n};
            }
            if (u < 0.55) return nature_form(r, false);
            if (u < 0.75) {
                const auto& p = r.pick(kPersons);
                return {p, 2, p + r.pick(std::vector<std::string>{"straße", "weg", "weg"})};
            }
            if (u < 0.85) {
                const auto& p = r.pick(kPlaces);
                return {p, 1, p + " Straße"};
            }
            if (u < 0.92) {
                const auto& t = r.pick(kTrades);
                return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "weg", "straße"})};
            }
            const auto& f = r.pick(kFullNames);
            return {f, 1, f + "-Straße"};
        }
        // Centre, City, Estate.
        if (u < 0.36) {
            const std::string& p = r.pick(kPersons);
            double v = r.uniform();
            if (v < 0.68) return {p, 2, p + "straße"};
            if (v < 0.78) return {p, 2, p + "str."}; // some official lists abbreviate
            if (v < 0.92) return {p, 2, p + "weg"};
            return {p, 2, p + "platz"};
        }
        if (u < 0.50) {
            const auto& f = r.pick(kFullNames);
            return {f, 1, f + (r.chance(0.85) ? "-Straße" : "-Platz")};
        }
        if (u < 0.64) {
            const auto& p = r.pick(kPlaces);
            return {p, 1, p + (r.chance(0.9) ? " Straße" : " Platz")};
        }
        if (u < 0.70) {
            const auto& t = r.pick(kTrades);
            return {t, 2, t + r.pick(std::vector<std::string>{"gasse", "straße"})};
        }
        if (u < 0.93) return nature_form(r, true);
        const auto& n = r.pick(kAm);
        return {n, 1, n};
    }
    std::unordered_set<std::string> names_;
    std::unordered_map<std::string, int> stem_uses_;
};

StreetNamer::StreetNamer() : impl_(std::make_unique<Impl>()) {}
StreetNamer::~StreetNamer() = default;
std::string StreetNamer::make(Rng& r, Kind kind) { return impl_->make(r, kind); }
std::string StreetNamer::outlier(Rng& r) { return impl_->outlier(r); }

} // namespace gen_jena
