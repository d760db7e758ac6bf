#pragma once
// coverage progress: the road to full gigabit coverage by a target year. From one survey's
// per-address results (classify outputs, possibly several shards) and the surveys before
// it: per area and year, the addresses and units with gigabit at the end of the year if
// every credible dated plan is built on time, the gap to full coverage, whether the area is
// on track, the shares observed in each survey and a trend fitted over them.
#include "coverage/aggregate.hpp"
#include "coverage/results.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coverage {

enum class ProgressAreas { none, field, areas, grid };

struct ProgressOptions {
    int target_year = 2030; // --target
    ProgressAreas areas = ProgressAreas::none;
    std::string by_field;          // --by FIELD (a results column, e.g. district)
    AggregateOptions area_options; // --areas/--area-id/--grid: grid or areas mode
};

/// One survey: its reference date (YYYY-MM-DD, classify's --as-of) and its result files.
struct Survey {
    std::string as_of;
    std::vector<std::string> inputs;
};

/// One row of the output: an area in a year. Counts of years before the current survey's
/// year are empty (projected == false): there only the observed and trend shares exist.
struct ProgressYear {
    int year = 0;
    bool projected = true;
    std::int64_t addresses = 0, units = 0, gigabit_addresses = 0, gigabit_units = 0;
    std::optional<double> observed_share_units; // --history: the latest survey in that year
    std::optional<double> trend_share_units;    // --history: the trend at 31 Dec
};

struct ProgressArea {
    std::string area_id; // "(all)" for the whole input
    std::vector<ProgressYear> years;
    bool on_track = false;                 // no gap at the target year
    std::optional<int> trend_reaches_full; // --history: first year the trend reaches 99 %
    std::string trend_model;               // "logistic", "line" or "" (fewer than 2 surveys)
    std::string geometry_wkb;              // --areas / --grid: the polygon (in the table's crs)
};

struct ProgressTable {
    int target_year = 2030;
    std::string as_of;                // the current survey
    bool history = false;             // --history given: the observed/trend columns exist
    std::vector<std::string> surveys; // reference dates, ascending (the current one last)
    std::vector<ProgressArea> areas;  // "(all)" first, then areas sorted by id
    std::string crs;                  // of the areas' geometry ("" without --areas / --grid)
    // Accounting of the current survey: read = placed + unplaced.
    std::uint64_t read = 0, placed = 0, unplaced = 0;
    /// Addresses (by id) that are not in every survey: each is counted in the surveys it is in.
    std::uint64_t in_some_surveys = 0;
};

/// The area name of "(all)" rows.
inline constexpr const char* all_areas = "(all)";

/// Computes the table from the current survey's results and the earlier surveys' (each with
/// its as-of date). Throws UsageError / InputError (a bad gigabit_planned_date names file,
/// row and value; results without gigabit_networks are refused, and so is a current survey
/// without gigabit_planned_date; earlier surveys do not need it).
ProgressTable progress(const ResultTable& current, const std::string& as_of,
                       const std::vector<std::pair<std::string, ResultTable>>& history, const ProgressOptions& options);

/// The same computation one survey at a time, so that an earlier survey's table can be
/// dropped as soon as it is counted (run_progress holds the current survey and one earlier
/// one, not all of them). `current` must outlive the builder. progress() is this builder.
class ProgressBuilder {
public:
    /// Checks the dates and the target year and reads what is needed of the current survey.
    ProgressBuilder(const ResultTable& current, const std::string& as_of, const ProgressOptions& options);
    ProgressBuilder(const ProgressBuilder&) = delete;
    ProgressBuilder& operator=(const ProgressBuilder&) = delete;
    ~ProgressBuilder();
    /// Counts an earlier survey (any order; it must be earlier than the current one, and no
    /// two on the same date). The table is not kept.
    void add_earlier(const std::string& as_of, const ResultTable& table);
    /// The table; the builder is spent.
    ProgressTable finish();

private:
    struct State;
    std::unique_ptr<State> s_;
};

/// Writes the table: .csv (long form, one row per area and year), .json (nested), or
/// .geojson/.gpkg/.fgb (one feature per row, with the area's polygon where it has one).
/// Into `out`, a member of the run's OutputSet (which renames it into place). Throws
/// UsageError / OutputError.
void write_progress(const ProgressTable& table, AtomicPath& out);
/// Refuses an output name write_progress cannot write (before anything is read). Throws UsageError.
void check_progress_output(const std::string& path);
/// The CSV text write_progress writes (for tests and stdout).
std::string progress_csv(const ProgressTable& table);
/// The JSON text write_progress writes.
std::string progress_json(const ProgressTable& table);

/// The progress command as one call.
struct ProgressRun {
    ProgressOptions options;
    Survey current;
    std::vector<Survey> history; // --history FILE#as_of=DATE, grouped by date
    std::string output;
    bool overwrite = false;
};
ProgressTable run_progress(const ProgressRun& run);
/// What run_progress found, for people: the total share per year, the gap, the trend and the
/// areas furthest behind (for stderr).
std::string progress_report(const ProgressRun& run, const ProgressTable& table);

} // namespace coverage
