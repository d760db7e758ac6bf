#include "report/locale.hpp"

#include "base/text.hpp"
#include "coverage/error.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace coverage::report {
namespace {

struct Text {
    std::string_view key, en, de;
};

// Every word the page shows that does not come from the data.
constexpr std::array texts{
    Text{"addresses", "addresses", "Adressen"},
    Text{"units", "units", "Einheiten"},
    Text{"eligible", "eligible", "förderfähig"},
    Text{"eligible_share", "eligible share", "Anteil förderfähig"},
    Text{"area", "area", "Gebiet"},
    Text{"total", "Total", "Summe"},
    Text{"headline", "At a glance", "Überblick"},
    Text{"as_of", "as of", "Stand"},
    Text{"profile", "profile", "Profil"},
    Text{"class", "class", "Klasse"},
    Text{"tier", "tier", "Stufe"},
    Text{"share", "share", "Anteil"},
    Text{"map", "Map", "Karte"},
    Text{"areas_table", "Areas", "Gebiete"},
    Text{"rejects", "Rejected input rows", "Verworfene Eingabezeilen"},
    Text{"rejects_by_reason", "Rejected rows by reason", "Verworfene Zeilen nach Grund"},
    Text{"inputs", "Inputs", "Eingaben"},
    Text{"file", "file", "Datei"},
    Text{"role", "role", "Rolle"},
    Text{"read", "read", "gelesen"},
    Text{"used", "used", "verwendet"},
    Text{"rejected", "rejected", "verworfen"},
    Text{"field", "field", "Feld"},
    Text{"reason", "reason", "Grund"},
    Text{"rows", "rows", "Zeilen"},
    Text{"thresholds", "Profile thresholds", "Schwellen des Profils"},
    Text{"down", "down Mbit/s", "Download Mbit/s"},
    Text{"up", "up Mbit/s", "Upload Mbit/s"},
    Text{"latency", "max. latency ms", "max. Latenz ms"},
    Text{"technologies", "technologies that meet it", "Technologien, die sie erfüllen"},
    Text{"eligible_classes", "eligible classes", "förderfähige Klassen"},
    Text{"horizon", "plan horizon (years)", "Planungshorizont (Jahre)"},
    Text{"progress", "The road to the target year", "Der Weg zum Zieljahr"},
    Text{"target", "target", "Ziel"},
    Text{"year", "year", "Jahr"},
    Text{"gigabit_share", "gigabit share of units", "Gigabit-Anteil der Einheiten"},
    Text{"observed", "observed", "beobachtet"},
    Text{"trend", "trend", "Trend"},
    Text{"with_plans", "with results and plans", "mit Ergebnissen und Plänen"},
    Text{"behind", "Areas furthest behind", "Gebiete mit dem größten Rückstand"},
    Text{"gap_units", "units still missing", "fehlende Einheiten"},
    Text{"on_track", "on track", "im Plan"},
    Text{"yes", "yes", "ja"},
    Text{"no", "no", "nein"},
    Text{"trend_reaches", "trend reaches 100 % in", "Trend erreicht 100 % im Jahr"},
    Text{"trend_never", "the trend does not reach 100 %", "der Trend erreicht 100 % nicht"},
    Text{"plan", "The plan", "Der Ausbauplan"},
    Text{"trench", "trench", "Tiefbau"},
    Text{"duct", "reused duct", "vorhandene Leerrohre"},
    Text{"drop", "drop", "Hausanschluss"},
    Text{"fibre", "fibre", "Glasfaser"},
    Text{"km", "km", "km"},
    Text{"cost_total", "total cost", "Gesamtkosten"},
    Text{"cost_per_address", "cost per address", "Kosten je Adresse"},
    Text{"cost_per_unit", "cost per unit", "Kosten je Einheit"},
    Text{"cost_p50", "median cost per address", "Median der Kosten je Adresse"},
    Text{"cost_p90", "90th percentile", "90. Perzentil"},
    Text{"connected", "connected", "angeschlossen"},
    Text{"selected", "selected", "ausgewählt"},
    Text{"unreachable", "unreachable", "nicht erreichbar"},
    Text{"cost_curve", "Cost curve: cumulative cost by share connected",
         "Kostenkurve: kumulierte Kosten nach angeschlossenem Anteil"},
    Text{"share_connected", "share of selected addresses connected", "Anteil angeschlossener Adressen"},
    Text{"cost", "cost", "Kosten"},
    Text{"network", "planned network", "geplantes Netz"},
    Text{"legend_classes", "Addresses by class", "Adressen nach Klasse"},
    Text{"legend_areas", "Areas: share of eligible addresses", "Gebiete: Anteil förderfähiger Adressen"},
    Text{"no_address", "no address", "keine Adresse"},
    Text{"not_in_area", "(in no area)", "(in keinem Gebiet)"},
    Text{"empty_value", "(no value)", "(ohne Wert)"},
    Text{"grid_note",
         "More addresses than --max-points ({max}): the map shows {addresses} addresses as {cells} cells of 100 m "
         "(INSPIRE grid), coloured by their most frequent class.",
         "Mehr Adressen als --max-points ({max}): die Karte zeigt {addresses} Adressen als {cells} Zellen zu 100 m "
         "(INSPIRE-Gitter), gefärbt nach ihrer häufigsten Klasse."},
    Text{"points_note", "Each circle is one address ({n} with coordinates); click one for its details.",
         "Jeder Kreis ist eine Adresse ({n} mit Koordinaten); ein Klick zeigt die Einzelheiten."},
    Text{"no_basemap", "No background map: the page works offline; areas and the planned network give the context.",
         "Keine Hintergrundkarte: die Seite funktioniert offline; Gebiete und geplantes Netz geben die Orientierung."},
    Text{"missing_summary",
         "Not known without --classify-summary (the JSON of coverage classify --summary): the as-of date, the profile, "
         "the inputs with their SHA-256 and the rejected input rows.",
         "Ohne --classify-summary (das JSON von coverage classify --summary) unbekannt: Stichtag, Profil, Eingaben mit "
         "SHA-256 und verworfene Eingabezeilen."},
    Text{"missing_rejects",
         "Give --classify-rejects (the CSV of coverage classify --rejects) for the rejected rows by reason.",
         "Mit --classify-rejects (die CSV von coverage classify --rejects) erscheinen die verworfenen Zeilen nach "
         "Grund."},
    Text{"missing_progress", "No progress file given (--progress, the output of coverage progress).",
         "Keine Fortschrittsdatei angegeben (--progress, die Ausgabe von coverage progress)."},
    Text{"missing_plan", "No plan given (--plan-summary and --plan-network, the outputs of coverage plan).",
         "Kein Ausbauplan angegeben (--plan-summary und --plan-network, die Ausgaben von coverage plan)."},
    Text{"missing_areas", "No areas given (--areas FILE --area-id FIELD, or --by FIELD).",
         "Keine Gebiete angegeben (--areas DATEI --area-id FELD oder --by FELD)."},
    Text{"profile_not_builtin", "The profile is not a built-in one; its thresholds are in its TOML file.",
         "Das Profil ist nicht eingebaut; seine Schwellen stehen in seiner TOML-Datei."},
    Text{"profile_other_version",
         "The results were classified under {name} {version}; this coverage has {name} {builtin}, so the thresholds of "
         "{version} are not shown (coverage profiles show {name} prints the current ones).",
         "Die Ergebnisse wurden mit {name} {version} klassifiziert; dieses coverage enthält {name} {builtin}, daher "
         "fehlen die Schwellen von {version} (coverage profiles show {name} zeigt die aktuellen)."},
    Text{"sort_hint", "Click a column heading to sort.", "Ein Klick auf eine Spaltenüberschrift sortiert."},
    Text{"headline_text", "{addresses} addresses with {units} units", "{addresses} Adressen mit {units} Einheiten"},
    Text{"headline_eligible", "{n} addresses ({share}) are eligible for funding, with {units} units.",
         "{n} Adressen ({share}) sind förderfähig, mit {units} Einheiten."},
    Text{"headline_rejected", "{n} input rows were rejected (see the table below).",
         "{n} Eingabezeilen wurden verworfen (siehe Tabelle unten)."},
    Text{"headline_none_rejected", "No input row was rejected.", "Keine Eingabezeile wurde verworfen."},
    Text{"best_offer", "best offer", "bestes Angebot"},
    Text{"providers", "providers", "Anbieter"},
    Text{"id", "id", "Kennung"},
    Text{"generated", "generated", "erstellt"},
    Text{"made_with", "Made with coverage", "Erstellt mit coverage"},
    Text{"leaflet_notice", "Map: Leaflet", "Karte: Leaflet"},
    Text{"summary_mismatch",
         "The results hold {results} addresses, the classify summary {summary}: they come from different runs or "
         "shards.",
         "Die Ergebnisse enthalten {results} Adressen, die classify-Zusammenfassung {summary}: sie stammen aus "
         "verschiedenen Läufen oder Teilen."},
};

std::string group_digits(std::string_view digits, char separator)
{
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

constexpr std::array<std::string_view, 12> months_en{"January",   "February", "March",    "April",
                                                     "May",       "June",     "July",     "August",
                                                     "September", "October",  "November", "December"};

} // namespace

Locale Locale::named(std::string_view name)
{
    const std::string folded = ascii_fold(name);
    const std::string_view lang = std::string_view(folded).substr(0, folded.find_first_of("-_"));
    if (lang == "en") return Locale(Language::en);
    if (lang == "de") return Locale(Language::de);
    throw UsageError(fmt::format("--locale '{}': use en or de", name));
}

std::string_view Locale::code() const { return language_ == Language::de ? "de" : "en"; }

std::string Locale::number(double value, int decimals) const
{
    if (!std::isfinite(value)) return "";
    std::string fixed = fmt::format("{:.{}f}", std::fabs(value), decimals);
    // -0.0 and values that round to zero print without a sign.
    const bool negative = value < 0 && fixed.find_first_not_of("0.") != std::string::npos;
    const auto dot = fixed.find('.');
    const std::string_view whole = std::string_view(fixed).substr(0, dot);
    const std::string_view fraction =
        dot == std::string::npos ? std::string_view{} : std::string_view(fixed).substr(dot + 1);
    const bool de = language_ == Language::de;
    std::string out = negative ? "\u2212" : ""; // a real minus sign
    out += group_digits(whole, de ? '.' : ',');
    if (!fraction.empty()) {
        out += de ? ',' : '.';
        out += fraction;
    }
    return out;
}

std::string Locale::integer(std::int64_t value) const { return number(static_cast<double>(value), 0); }

std::string Locale::percent(double fraction, int decimals) const
{
    const std::string n = number(fraction * 100.0, decimals);
    return n.empty() ? n : n + "\u00a0%";
}

std::string Locale::date(std::string_view iso) const
{
    auto digits = [&](std::size_t from, std::size_t len) {
        for (std::size_t i = from; i < from + len; ++i)
            if (iso[i] < '0' || iso[i] > '9') return false;
        return true;
    };
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
        return std::string(iso);
    const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
    if (month < 1 || month > 12) return std::string(iso);
    if (language_ == Language::de) return fmt::format("{}.{}.{}", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
    const std::string_view day = iso[8] == '0' ? iso.substr(9, 1) : iso.substr(8, 2);
    return fmt::format("{} {} {}", day, months_en[static_cast<std::size_t>(month - 1)], iso.substr(0, 4));
}

std::string_view Locale::text(std::string_view key) const
{
    for (const Text& t : texts)
        if (t.key == key) return language_ == Language::de ? t.de : t.en;
    return key;
}

bool texts_complete()
{
    for (const Text& t : texts)
        if (t.key.empty() || t.en.empty() || t.de.empty()) return false;
    for (std::size_t i = 0; i < texts.size(); ++i)
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            if (texts[i].key == texts[j].key) return false;
    return true;
}

} // namespace coverage::report
