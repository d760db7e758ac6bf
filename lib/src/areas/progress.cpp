// coverage progress, the counting: per area and year the addresses and units with gigabit
// at the end of the year (served today, or a credible plan due by 31 Dec), the gap, and the
// shares observed in each survey with their trend.
#include "coverage/progress.hpp"

#include "areas/assign.hpp"
#include "areas/trend.hpp"
#include "classify/offer.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <fmt/format.h>
#include <limits>
#include <map>

namespace coverage {
namespace {

namespace col = result_column;

int year_of(Day d) { return std::stoi(format_day(d).substr(0, 4)); }

Day parse_as_of(const std::string& text, const char* what)
{
    const auto d = parse_iso_date(text);
    if (!d) throw UsageError(fmt::format("{} '{}' is not a date; use YYYY-MM-DD", what, text));
    return *d;
}

/// What progress needs of one result row.
struct RowStatus {
    bool served = false;   // gigabit today: gigabit_networks > 0
    Day planned = no_date; // gigabit_planned_date
};

const TextColumn& needed_column(const ResultTable& r, std::string_view name)
{
    const int k = r.extra_column(name);
    if (k < 0)
        throw InputError(fmt::format("{}: no '{}' column; progress needs the results of coverage classify as this "
                                     "version writes them (rerun classify)",
                                     fmt::join(r.inputs, ", "), name));
    return r.extra[static_cast<std::size_t>(k)];
}

/// An earlier survey needs only gigabit_networks (results of older classify versions lack the
/// planned date; only the current survey's plans are projected).
std::vector<RowStatus> statuses(const ResultTable& r, bool current)
{
    const auto& networks = needed_column(r, col::gigabit_networks);
    static const TextColumn none;
    const TextColumn& dates =
        current || r.extra_column(col::gigabit_planned_date) >= 0 ? needed_column(r, col::gigabit_planned_date) : none;
    std::vector<RowStatus> out(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        const ParsedNumber n = parse_number(networks[i], NumberKind::quantity);
        if (!n.error.empty())
            throw InputError(
                fmt::format("{}: gigabit_networks is not a number ('{}'): {}", r.where(i), networks[i], n.error));
        out[i].served = n.value && *n.value > 0;
        if (!dates.empty() && !trim(dates[i]).empty()) {
            const auto d = parse_iso_date(dates[i]);
            if (!d)
                throw InputError(
                    fmt::format("{}: gigabit_planned_date '{}' is not a date (YYYY-MM-DD)", r.where(i), dates[i]));
            out[i].planned = *d;
        }
    }
    return out;
}

/// The area name of every row ("" = not placed), and the areas' geometry by name.
struct Placement {
    std::vector<std::string> area;
    std::vector<std::string> all_ids; // every area the assignment knows (--areas: every polygon)
    absl::flat_hash_map<std::string, std::string> geometry;
    std::string crs;
};

Placement place(const ResultTable& r, const ProgressOptions& o)
{
    Placement p;
    p.area.assign(r.size(), std::string());
    if (o.areas == ProgressAreas::none) return p;
    AreaTable t;
    const std::vector<std::int64_t> idx =
        o.areas == ProgressAreas::field ? assign_by_field(r, o.by_field, t) : assign_rows(r, o.area_options, t);
    for (std::size_t i = 0; i < r.size(); ++i)
        if (idx[i] >= 0) p.area[i] = t.area_id[static_cast<std::size_t>(idx[i])];
    p.all_ids = t.area_id;
    for (std::size_t k = 0; k < t.area_id.size(); ++k)
        if (!t.geometry_wkb[k].empty()) p.geometry.emplace(t.area_id[k], t.geometry_wkb[k]);
    p.crs = t.crs;
    return p;
}

/// Units and gigabit units observed in one survey, per area name ("(all)" included).
struct Observed {
    double units = 0, gigabit_units = 0;
};

} // namespace

ProgressTable progress(const ResultTable& current, const std::string& as_of_text,
                       const std::vector<std::pair<std::string, ResultTable>>& history, const ProgressOptions& o)
{
    const Day as_of = parse_as_of(as_of_text, "--as-of");
    const int first = year_of(as_of);
    if (o.target_year < first)
        throw UsageError(fmt::format("--target {} is before the survey's year {}", o.target_year, first));
    if (o.target_year > 2100) throw UsageError(fmt::format("--target {}: a year up to 2100", o.target_year));

    ProgressTable t;
    t.target_year = o.target_year;
    t.as_of = format_day(as_of);
    t.history = !history.empty();

    // The current survey: status and area of every row.
    const std::vector<RowStatus> now = statuses(current, true);
    Placement here = place(current, o);
    t.crs = here.crs;
    t.read = current.size();
    absl::flat_hash_map<std::string_view, std::size_t> row_of_id;
    for (std::size_t i = 0; i < current.size(); ++i) row_of_id.emplace(current.id[i], i);

    // Earlier surveys, oldest first; an address keeps the area it has in the current survey.
    struct Earlier {
        Day as_of;
        const ResultTable* table;
        std::vector<RowStatus> status;
        std::vector<std::string> area;
    };
    std::vector<Earlier> earlier;
    for (const auto& [date, table] : history) {
        const Day d = parse_as_of(date, "--history as_of");
        if (d >= as_of)
            throw UsageError(fmt::format("--history survey of {} is not earlier than the current survey ({}); pass "
                                         "the latest survey as RESULTS",
                                         format_day(d), t.as_of));
        Earlier e{d, &table, statuses(table, false), place(table, o).area};
        for (std::size_t i = 0; i < table.size(); ++i)
            if (auto it = row_of_id.find(table.id[i]); it != row_of_id.end()) e.area[i] = here.area[it->second];
        earlier.push_back(std::move(e));
    }
    std::sort(earlier.begin(), earlier.end(), [](const Earlier& a, const Earlier& b) { return a.as_of < b.as_of; });
    for (std::size_t k = 1; k < earlier.size(); ++k)
        if (earlier[k].as_of == earlier[k - 1].as_of)
            throw UsageError(fmt::format("two --history surveys as of {}; give the shards of one survey the same "
                                         "as_of and they are read as one",
                                         format_day(earlier[k].as_of)));
    for (const Earlier& e : earlier) t.surveys.push_back(format_day(e.as_of));
    t.surveys.push_back(t.as_of);
    if (!earlier.empty()) {
        absl::flat_hash_map<std::string_view, std::uint32_t> seen;
        for (std::size_t i = 0; i < current.id.size(); ++i) ++seen[current.id[i]];
        for (const Earlier& e : earlier)
            for (std::size_t i = 0; i < e.table->id.size(); ++i) ++seen[e.table->id[i]];
        const auto surveys = static_cast<std::uint32_t>(earlier.size() + 1);
        for (const auto& [id, n] : seen) t.in_some_surveys += n < surveys ? 1 : 0;
    }

    // Areas: "(all)" first, then sorted by id.
    std::vector<std::string> names = here.all_ids;
    for (const auto& a : here.area)
        if (!a.empty()) names.push_back(a);
    for (const Earlier& e : earlier)
        for (const auto& a : e.area)
            if (!a.empty()) names.push_back(a);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (std::binary_search(names.begin(), names.end(), std::string(all_areas)))
        throw InputError(
            fmt::format("an area is named '{}', the name of the rows for the whole input; rename it", all_areas));
    names.insert(names.begin(), all_areas);
    absl::flat_hash_map<std::string, std::size_t> area_index;
    for (std::size_t k = 0; k < names.size(); ++k) area_index.emplace(names[k], k);

    const int first_year = earlier.empty() ? first : year_of(earlier.front().as_of);
    const auto n_years = static_cast<std::size_t>(o.target_year - first_year + 1);
    const auto offset = static_cast<std::size_t>(first - first_year); // index of the current survey's year
    t.areas.resize(names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
        ProgressArea& a = t.areas[k];
        a.area_id = names[k];
        if (auto g = here.geometry.find(names[k]); g != here.geometry.end()) a.geometry_wkb = g->second;
        a.years.resize(n_years);
        for (std::size_t y = 0; y < n_years; ++y) {
            a.years[y].year = first_year + static_cast<int>(y);
            a.years[y].projected = y >= offset;
        }
    }

    // Projection: each address counts from the year it has gigabit (today: the survey's year;
    // a plan: the year of its date, 31 Dec included) to the target; never without either.
    const int never = std::numeric_limits<int>::max();
    for (std::size_t i = 0; i < current.size(); ++i) {
        const bool placed = o.areas == ProgressAreas::none || !here.area[i].empty();
        t.placed += placed ? 1 : 0;
        const int from = now[i].served               ? first
                         : now[i].planned != no_date ? std::max(first, year_of(now[i].planned))
                                                     : never;
        const auto units = static_cast<std::int64_t>(current.units[i]);
        auto add = [&](ProgressArea& area) {
            for (std::size_t y = offset; y < n_years; ++y) {
                ProgressYear& py = area.years[y];
                py.addresses += 1;
                py.units += units;
                if (py.year >= from) {
                    py.gigabit_addresses += 1;
                    py.gigabit_units += units;
                }
            }
        };
        add(t.areas[0]);
        if (o.areas != ProgressAreas::none && placed) add(t.areas[area_index.at(here.area[i])]);
    }
    t.unplaced = t.read - t.placed;
    for (ProgressArea& a : t.areas) {
        const ProgressYear& last = a.years.back();
        a.on_track = last.addresses == last.gigabit_addresses;
    }

    // Observed shares per survey and their trend.
    if (!earlier.empty()) {
        // survey index -> area -> observed
        std::vector<std::vector<Observed>> seen(earlier.size() + 1, std::vector<Observed>(names.size()));
        std::vector<Day> days;
        auto observe = [&](std::size_t s, const ResultTable& r, const std::vector<RowStatus>& st,
                           const std::vector<std::string>& area) {
            for (std::size_t i = 0; i < r.size(); ++i) {
                const double u = r.units[i];
                const double g = st[i].served ? u : 0.0;
                seen[s][0].units += u;
                seen[s][0].gigabit_units += g;
                if (o.areas != ProgressAreas::none && !area[i].empty()) {
                    Observed& ob = seen[s][area_index.at(area[i])];
                    ob.units += u;
                    ob.gigabit_units += g;
                }
            }
        };
        for (std::size_t s = 0; s < earlier.size(); ++s) {
            observe(s, *earlier[s].table, earlier[s].status, earlier[s].area);
            days.push_back(earlier[s].as_of);
        }
        observe(earlier.size(), current, now, here.area);
        days.push_back(as_of);
        for (std::size_t k = 0; k < names.size(); ++k) {
            ProgressArea& a = t.areas[k];
            std::vector<double> when, share;
            for (std::size_t s = 0; s < days.size(); ++s) {
                const Observed& ob = seen[s][k];
                if (ob.units <= 0) continue;
                const double v = ob.gigabit_units / ob.units;
                when.push_back(year_fraction(days[s]));
                share.push_back(v);
                // The latest survey of a year is that year's observation (surveys are in date order).
                a.years[static_cast<std::size_t>(year_of(days[s]) - first_year)].observed_share_units = v;
            }
            const Trend tr = fit_trend(when, share);
            a.trend_model = tr.kind == Trend::Kind::logistic ? "logistic" : tr.kind == Trend::Kind::line ? "line" : "";
            if (tr.kind == Trend::Kind::none) continue;
            a.trend_reaches_full = tr.reaches_full(first_year);
            for (ProgressYear& y : a.years) y.trend_share_units = tr.at(static_cast<double>(y.year) + 1.0);
        }
    }
    return t;
}

} // namespace coverage
