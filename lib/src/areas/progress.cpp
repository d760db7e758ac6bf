// coverage progress, the counting: per area and year the addresses and units with gigabit
// at the end of the year (served today, or a credible plan due by 31 Dec), the gap, and the
// shares observed in each survey with their trend.
#include "coverage/progress.hpp"

#include "areas/assign.hpp"
#include "areas/trend.hpp"
#include "classify/offer.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "read/id_index.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
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

/// Units and gigabit units observed in one survey, per area.
struct Observed {
    double units = 0, gigabit_units = 0;
};

} // namespace

struct ProgressBuilder::State {
    const ResultTable& current;
    ProgressOptions o;
    Day as_of = no_date;
    int first = 0;
    ProgressTable t;
    std::vector<RowStatus> now;
    // Areas by name as they are met (numbered in that order; finish() sorts them).
    std::vector<std::string> names;
    absl::flat_hash_map<std::string, std::uint32_t> name_index;
    absl::flat_hash_map<std::string, std::string> geometry; // the current survey's areas
    std::vector<std::int32_t> here;                         // area number per current row, -1: none
    IdIndex ids;                                            // the current survey's rows by id
    std::vector<std::uint16_t> in_earlier;                  // per current row: earlier surveys holding it
    absl::flat_hash_set<std::string> only_earlier;          // ids of earlier surveys not in the current one
    struct Earlier {
        Day as_of;
        Observed all;
        std::vector<Observed> area; // by area number (shorter when later areas were met after)
        /// One address of `units` units, with gigabit or not, in area number `number` (-1: none).
        void add(double units, bool served, std::int32_t number, std::size_t areas)
        {
            const double g = served ? units : 0.0;
            all.units += units;
            all.gigabit_units += g;
            if (number < 0) return;
            if (static_cast<std::size_t>(number) >= area.size()) area.resize(areas);
            Observed& ob = area[static_cast<std::size_t>(number)];
            ob.units += units;
            ob.gigabit_units += g;
        }
    };
    std::vector<Earlier> earlier;

    State(const ResultTable& r, const ProgressOptions& options) : current(r), o(options), ids(id_index(r.id)) {}

    std::int32_t area_number(const std::string& name)
    {
        auto [it, fresh] = name_index.try_emplace(name, static_cast<std::uint32_t>(names.size()));
        if (fresh) names.push_back(name);
        return static_cast<std::int32_t>(it->second);
    }

    /// The area of every row of `r` by its own assignment (index into a.area_id, -1: none).
    [[nodiscard]] std::vector<std::int64_t> assign(const ResultTable& r, AreaTable& a) const
    {
        if (o.areas == ProgressAreas::none) return std::vector<std::int64_t>(r.size(), -1);
        return o.areas == ProgressAreas::field ? assign_by_field(r, o.by_field, a) : assign_rows(r, o.area_options, a);
    }
};

ProgressBuilder::ProgressBuilder(const ResultTable& current, const std::string& as_of_text, const ProgressOptions& o)
    : s_(std::make_unique<State>(current, o))
{
    State& s = *s_;
    s.as_of = parse_as_of(as_of_text, "--as-of");
    s.first = year_of(s.as_of);
    if (o.target_year < s.first)
        throw UsageError(fmt::format("--target {} is before the survey's year {}", o.target_year, s.first));
    if (o.target_year > 2100) throw UsageError(fmt::format("--target {}: a year up to 2100", o.target_year));
    s.t.target_year = o.target_year;
    s.t.as_of = format_day(s.as_of);
    s.t.read = current.size();
    s.now = statuses(current, true);
    AreaTable areas;
    const std::vector<std::int64_t> idx = s.assign(current, areas);
    std::vector<std::int32_t> number(areas.area_id.size());
    for (std::size_t k = 0; k < number.size(); ++k) number[k] = s.area_number(areas.area_id[k]);
    for (std::size_t k = 0; k < number.size(); ++k)
        if (!areas.geometry_wkb[k].empty()) s.geometry.emplace(areas.area_id[k], std::move(areas.geometry_wkb[k]));
    s.t.crs = areas.crs;
    s.here.resize(current.size());
    for (std::size_t i = 0; i < current.size(); ++i)
        s.here[i] = idx[i] < 0 ? -1 : number[static_cast<std::size_t>(idx[i])];
    s.ids.reserve(current.size());
    for (std::size_t i = 0; i < current.size(); ++i) s.ids.insert(static_cast<std::uint32_t>(i));
}

ProgressBuilder::~ProgressBuilder() = default;

void ProgressBuilder::add_earlier(const std::string& date, const ResultTable& table)
{
    State& s = *s_;
    const Day d = parse_as_of(date, "--history as_of");
    if (d >= s.as_of)
        throw UsageError(fmt::format("--history survey of {} is not earlier than the current survey ({}); pass "
                                     "the latest survey as RESULTS",
                                     format_day(d), s.t.as_of));
    for (const auto& e : s.earlier)
        if (e.as_of == d)
            throw UsageError(fmt::format("two --history surveys as of {}; give the shards of one survey the same "
                                         "as_of and they are read as one",
                                         format_day(d)));
    if (s.earlier.size() + 1 >= std::numeric_limits<std::uint16_t>::max())
        throw UsageError("more than 65 000 --history surveys");
    if (s.in_earlier.empty()) s.in_earlier.assign(s.current.size(), 0);
    const std::vector<RowStatus> status = statuses(table, false);
    // An address keeps the area it has in the current survey; one that is gone keeps its own
    // (whose name is taken only then: an area no row ends up in is not listed).
    AreaTable areas;
    const std::vector<std::int64_t> idx = s.assign(table, areas);
    std::vector<std::int32_t> number(areas.area_id.size(), -1);
    State::Earlier e{d, {}, {}};
    for (std::size_t i = 0; i < table.size(); ++i) {
        std::int32_t area = -1;
        if (auto it = s.ids.find(table.id[i]); it != s.ids.end()) {
            ++s.in_earlier[*it];
            area = s.here[*it];
        } else {
            s.only_earlier.emplace(table.id[i]);
            if (idx[i] >= 0) {
                const auto k = static_cast<std::size_t>(idx[i]);
                if (number[k] < 0) number[k] = s.area_number(areas.area_id[k]);
                area = number[k];
            }
        }
        e.add(table.units[i], status[i].served, area, s.names.size());
    }
    s.earlier.push_back(std::move(e));
}

ProgressTable ProgressBuilder::finish()
{
    State& s = *s_;
    ProgressTable& t = s.t;
    const ResultTable& current = s.current;
    const ProgressOptions& o = s.o;
    const int first = s.first;
    std::sort(s.earlier.begin(), s.earlier.end(),
              [](const State::Earlier& a, const State::Earlier& b) { return a.as_of < b.as_of; });
    t.history = !s.earlier.empty();
    for (const auto& e : s.earlier) t.surveys.push_back(format_day(e.as_of));
    t.surveys.push_back(t.as_of);
    if (!s.earlier.empty()) {
        const auto n = static_cast<std::uint16_t>(s.earlier.size());
        t.in_some_surveys = s.only_earlier.size();
        for (const std::uint16_t k : s.in_earlier) t.in_some_surveys += k < n ? 1 : 0;
    }

    // Areas: "(all)" first, then sorted by id; position[number] = index in t.areas.
    std::vector<std::uint32_t> order(s.names.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return s.names[a] < s.names[b]; });
    if (s.name_index.contains(all_areas))
        throw InputError(
            fmt::format("an area is named '{}', the name of the rows for the whole input; rename it", all_areas));
    std::vector<std::size_t> position(s.names.size());
    for (std::size_t k = 0; k < order.size(); ++k) position[order[k]] = k + 1;

    const int first_year = s.earlier.empty() ? first : year_of(s.earlier.front().as_of);
    const auto n_years = static_cast<std::size_t>(o.target_year - first_year + 1);
    const auto offset = static_cast<std::size_t>(first - first_year); // index of the current survey's year
    t.areas.resize(s.names.size() + 1);
    for (std::size_t k = 0; k < t.areas.size(); ++k) {
        ProgressArea& a = t.areas[k];
        a.area_id = k == 0 ? std::string(all_areas) : s.names[order[k - 1]];
        if (auto g = s.geometry.find(a.area_id); k > 0 && g != s.geometry.end()) a.geometry_wkb = std::move(g->second);
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
        const bool placed = o.areas == ProgressAreas::none || s.here[i] >= 0;
        t.placed += placed ? 1 : 0;
        const int from = s.now[i].served               ? first
                         : s.now[i].planned != no_date ? std::max(first, year_of(s.now[i].planned))
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
        if (s.here[i] >= 0) add(t.areas[position[static_cast<std::size_t>(s.here[i])]]);
    }
    t.unplaced = t.read - t.placed;
    for (ProgressArea& a : t.areas) {
        const ProgressYear& last = a.years.back();
        a.on_track = last.addresses == last.gigabit_addresses;
    }

    // Observed shares per survey and their trend.
    if (!s.earlier.empty()) {
        State::Earlier now{s.as_of, {}, {}};
        for (std::size_t i = 0; i < current.size(); ++i)
            now.add(current.units[i], s.now[i].served, s.here[i], s.names.size());
        s.earlier.push_back(std::move(now));
        for (std::size_t k = 0; k < t.areas.size(); ++k) {
            ProgressArea& a = t.areas[k];
            std::vector<double> when, share;
            for (const State::Earlier& e : s.earlier) {
                const std::size_t number = k == 0 ? 0 : order[k - 1];
                const Observed ob = k == 0 ? e.all : number < e.area.size() ? e.area[number] : Observed{};
                if (ob.units <= 0) continue;
                const double v = ob.gigabit_units / ob.units;
                when.push_back(year_fraction(e.as_of));
                share.push_back(v);
                // The latest survey of a year is that year's observation (surveys are in date order).
                a.years[static_cast<std::size_t>(year_of(e.as_of) - first_year)].observed_share_units = v;
            }
            const Trend tr = fit_trend(when, share);
            a.trend_model = tr.kind == Trend::Kind::logistic ? "logistic" : tr.kind == Trend::Kind::line ? "line" : "";
            if (tr.kind == Trend::Kind::none) continue;
            a.trend_reaches_full = tr.reaches_full(first_year);
            for (ProgressYear& y : a.years) y.trend_share_units = tr.at(static_cast<double>(y.year) + 1.0);
        }
    }
    return std::move(t);
}

ProgressTable progress(const ResultTable& current, const std::string& as_of_text,
                       const std::vector<std::pair<std::string, ResultTable>>& history, const ProgressOptions& o)
{
    ProgressBuilder b(current, as_of_text, o);
    for (const auto& [date, table] : history) b.add_earlier(date, table);
    return b.finish();
}

} // namespace coverage
