#pragma once
// What changed between two runs of coverage classify: addresses added, removed and changed
// (matched by id), a class transition matrix, and change counts per area (--by FIELD).
#include "coverage/aggregate.hpp"
#include "coverage/results.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace coverage {

struct DiffOptions {
    std::string by;         // a column of the results (e.g. district); empty: none
    bool all_areas = false; // --all: list every area of --by, also those without changes
};

/// What counts as a change for diff's exit status (--fail-on):
///   any:      any address added, removed or changed (class, tier, eligibility, reason, providers)
///   class:    the map id -> class differs: an address added, removed or with another class
///   eligible: the set of eligible ids differs: an address became or stopped being eligible,
///             or an eligible address was added or removed
///   none:     nothing (report only; exit 0 unless there is trouble)
enum class FailOn { none, class_change, eligible, any };
/// "any", "class", "eligible", "none" -> FailOn; throws UsageError naming the choices.
FailOn parse_fail_on(const std::string& word);
const char* fail_on_name(FailOn f);

enum class ChangeKind { added, removed, class_changed, detail_changed };
const char* change_name(ChangeKind k);

/// An address is "changed" when its class, tier, eligibility, reason or providers differ.
/// class_changed: the class differs; detail_changed: the class is the same, something else is not.
struct Change {
    ChangeKind kind;
    std::size_t old_row = static_cast<std::size_t>(-1);
    std::size_t new_row = static_cast<std::size_t>(-1);
};

struct DiffReport {
    /// Added and changed in the new file's order, then removed in the old file's order.
    std::vector<Change> changes;
    std::uint64_t old_count = 0, new_count = 0, unchanged = 0;
    std::uint64_t added = 0, removed = 0, class_changed = 0, detail_changed = 0;
    std::uint64_t became_eligible = 0, lost_eligibility = 0; // among addresses in both runs
    std::uint64_t added_eligible = 0, removed_eligible = 0;  // eligible among added / removed
    /// Classes of both runs (documented order) plus "(absent)" last; transitions(old, new)
    /// counts addresses; row "(absent)" = added, column "(absent)" = removed.
    std::vector<std::string> labels;
    CountMatrix transitions;
    /// --by: per area value (sorted; only areas with changes unless --all): added, removed,
    /// class_changed, detail_changed, became_eligible, lost_eligibility.
    std::string by;
    std::vector<std::string> areas;
    CountMatrix area_counts;

    /// Why the two runs may not be comparable (profile, its version, as-of date or tool
    /// version differ, a side mixes runs or does not record them); empty: comparable.
    std::vector<std::string> warnings;

    [[nodiscard]] bool any() const { return added + removed + class_changed + detail_changed > 0; }
    /// True when a change of the kind `f` counts happened.
    [[nodiscard]] bool changed(FailOn f) const;
};

/// The comparability warnings for two result tables (see DiffReport::warnings).
std::vector<std::string> comparability_warnings(const ResultTable& old_results, const ResultTable& new_results);

/// Compares two result tables. Throws InputError when --by names a missing column.
DiffReport diff_results(const ResultTable& old_results, const ResultTable& new_results, const DiffOptions& options);

/// A report for people: counts, the transition matrix, per-area counts.
std::string diff_text(const DiffReport& report, const ResultTable& old_results, const ResultTable& new_results);
/// The same report as one JSON object (counts, run stamps, warnings, transitions, areas),
/// with `fail_on` and whether it counted a change (`failed`).
std::string diff_json(const DiffReport& report, const ResultTable& old_results, const ResultTable& new_results,
                      FailOn fail_on);
/// The transition matrix as CSV: old_class,<new classes...>,(absent).
std::string transitions_csv(const DiffReport& report);
/// One CSV row per added / removed / changed address.
std::string changes_csv(const DiffReport& report, const ResultTable& old_results, const ResultTable& new_results);

/// The diff command as one call: read OLD and NEW, compare, write the changes and the matrix
/// files asked for. The report text is returned for the caller to print, the comparability
/// warnings in report.warnings. With `strict`, runs that are not comparable are an
/// InputError before anything is written.
struct DiffRun {
    DiffOptions options;
    std::string old_path, new_path;
    std::string changes; // CSV of changed addresses; "-" = stdout; empty: none
    std::string matrix;  // transition matrix CSV; "-" = stdout; empty: none
    bool overwrite = false;
    FailOn fail_on = FailOn::any;
    bool json = false;   // the report as JSON (diff_json) instead of text
    bool strict = false; // refuse (InputError) runs that are not comparable instead of warning
    /// More files of OLD / NEW, read as one table with old_path / new_path (the shards of a
    /// classify --shard run: put in one run's order, as read_results does).
    std::vector<std::string> old_shards, new_shards;
};
struct DiffOutcome {
    DiffReport report;
    std::string text;     // diff_text(...) or diff_json(...)
    bool changed = false; // report.changed(fail_on): diff's exit status 1
};
DiffOutcome run_diff(const DiffRun& run);

} // namespace coverage
