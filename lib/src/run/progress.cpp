// The progress command's pipeline: read the current survey and the earlier ones, count,
// write; and the report for people.
#include "coverage/progress.hpp"

#include "base/text_table.hpp"
#include "coverage/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace coverage {

namespace {

// The survey's date: as given, else the as_of the results record (classify's run stamp).
std::string survey_date(const Survey& s, const ResultTable& r, const char* option)
{
    if (!s.as_of.empty()) return s.as_of;
    std::string date;
    for (const RunStamp& stamp : r.runs) {
        if (stamp.as_of.empty() || (!date.empty() && stamp.as_of != date))
            throw UsageError(fmt::format("{}: the results do not record one as_of date; give {}",
                                         fmt::join(s.inputs, ", "), option));
        date = stamp.as_of;
    }
    if (date.empty())
        throw UsageError(
            fmt::format("{}: no results to take the as_of date from; give {}", fmt::join(s.inputs, ", "), option));
    return date;
}

} // namespace

ProgressTable run_progress(const ProgressRun& run)
{
    // The output and every file it is made from join one set before anything is read.
    check_progress_output(run.output);
    OutputSet outputs(run.overwrite);
    for (const auto& path : run.current.inputs) outputs.add_input(path);
    for (const Survey& s : run.history)
        for (const auto& path : s.inputs) outputs.add_input(path);
    outputs.add_input(run.options.area_options.areas);
    AtomicPath& out = outputs.add(run.output);
    // Only what progress counts: ids, units, the two gigabit columns, and what places a row.
    ResultSelection keep;
    keep.coordinates = run.options.areas == ProgressAreas::areas || run.options.areas == ProgressAreas::grid;
    keep.all_extras = false;
    keep.extras = {std::string(result_column::gigabit_networks), std::string(result_column::gigabit_planned_date)};
    if (run.options.areas == ProgressAreas::field) keep.extras.push_back(run.options.by_field);
    const ResultTable current = read_results(run.current.inputs, {}, keep);
    const std::string as_of = survey_date(run.current, current, "--as-of DATE (the date they were classified with)");
    // Each earlier survey is counted as it is read and dropped before the next is read.
    ProgressBuilder builder(current, as_of, run.options);
    for (const Survey& s : run.history) {
        const ResultTable r = read_results(s.inputs, {}, keep);
        builder.add_earlier(survey_date(s, r, "--history FILE#as_of=YYYY-MM-DD"), r);
    }
    ProgressTable t = builder.finish();
    write_progress(t, out);
    outputs.commit();
    return t;
}

std::string progress_report(const ProgressRun& run, const ProgressTable& t)
{
    auto pct = [](std::int64_t part, std::int64_t whole) {
        return whole > 0 ? fmt::format("{:.1f} %", 100.0 * static_cast<double>(part) / static_cast<double>(whole))
                         : std::string("-");
    };
    auto opt_pct = [](const std::optional<double>& v) {
        return v ? fmt::format("{:.1f} %", 100.0 * *v) : std::string();
    };
    std::string out = fmt::format("progress: {} addresses as of {}, target {}", t.read, t.as_of, t.target_year);
    if (t.history)
        out += fmt::format("; {} surveys ({}), {} address{} only in some of them", t.surveys.size(),
                           fmt::join(t.surveys, ", "), t.in_some_surveys, t.in_some_surveys == 1 ? "" : "es");
    out += '\n';
    if (t.unplaced) out += fmt::format("  {} addresses in no area (counted in (all) only)\n", t.unplaced);

    const ProgressArea& all = t.areas.front();
    std::vector<std::string> header{"year", "gigabit units", "share units", "gap units"};
    if (t.history) {
        header.emplace_back("observed");
        header.emplace_back("trend");
    }
    std::vector<std::vector<std::string>> rows;
    for (const ProgressYear& y : all.years) {
        std::vector<std::string> r{fmt::format("{}", y.year)};
        if (y.projected) {
            r.push_back(fmt::format("{}", y.gigabit_units));
            r.push_back(pct(y.gigabit_units, y.units));
            r.push_back(fmt::format("{}", y.units - y.gigabit_units));
        } else {
            r.insert(r.end(), 3, std::string());
        }
        if (t.history) {
            r.push_back(opt_pct(y.observed_share_units));
            r.push_back(opt_pct(y.trend_share_units));
        }
        rows.push_back(std::move(r));
    }
    out += text_table(header, rows);
    const ProgressYear& last = all.years.back();
    out += fmt::format("gap at {}: {} addresses, {} units with neither gigabit nor a plan by then ({})\n",
                       t.target_year, last.addresses - last.gigabit_addresses, last.units - last.gigabit_units,
                       all.on_track ? "on track" : "not on track");
    if (t.history && !all.trend_model.empty())
        out += fmt::format("trend ({}): {}\n", all.trend_model,
                           all.trend_reaches_full ? fmt::format("reaches 99 % of units in {}", *all.trend_reaches_full)
                                                  : std::string("not at 99 % of units before 2050"));

    // The areas furthest behind: the largest gap in units at the target year.
    std::vector<const ProgressArea*> behind;
    for (std::size_t k = 1; k < t.areas.size(); ++k)
        if (!t.areas[k].on_track) behind.push_back(&t.areas[k]);
    std::stable_sort(behind.begin(), behind.end(), [](const ProgressArea* a, const ProgressArea* b) {
        const auto gap = [](const ProgressArea* x) { return x->years.back().units - x->years.back().gigabit_units; };
        return gap(a) > gap(b);
    });
    if (t.areas.size() > 1) {
        out += fmt::format("{} of {} areas on track", t.areas.size() - 1 - behind.size(), t.areas.size() - 1);
        if (!behind.empty()) {
            out += "; furthest behind:\n";
            std::vector<std::vector<std::string>> b;
            for (std::size_t k = 0; k < std::min<std::size_t>(5, behind.size()); ++k) {
                const ProgressArea& a = *behind[k];
                const ProgressYear& y = a.years.back();
                std::vector<std::string> r{a.area_id, fmt::format("{}", y.units - y.gigabit_units),
                                           pct(y.gigabit_units, y.units)};
                if (t.history)
                    r.push_back(a.trend_reaches_full ? fmt::format("{}", *a.trend_reaches_full)
                                                     : std::string(a.trend_model.empty() ? "" : "after 2050"));
                b.push_back(std::move(r));
            }
            std::vector<std::string> h{"area", fmt::format("gap units {}", t.target_year),
                                       fmt::format("share {}", t.target_year)};
            if (t.history) h.emplace_back("trend full");
            out += text_table(h, b);
        } else {
            out += '\n';
        }
    }
    if (run.output != "-") out += fmt::format("  wrote {}\n", run.output);
    return out;
}

} // namespace coverage
