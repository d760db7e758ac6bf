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
    std::string by;  // a column of the results (e.g. district); empty: none
};

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
    std::uint64_t became_eligible = 0, lost_eligibility = 0;  // among addresses in both runs
    /// Classes of both runs (documented order) plus "(absent)" last; transitions(old, new)
    /// counts addresses; row "(absent)" = added, column "(absent)" = removed.
    std::vector<std::string> labels;
    CountMatrix transitions;
    /// --by: per area value (sorted): added, removed, class_changed, detail_changed,
    /// became_eligible, lost_eligibility.
    std::string by;
    std::vector<std::string> areas;
    CountMatrix area_counts;

    [[nodiscard]] bool any() const { return added + removed + class_changed + detail_changed > 0; }
};

/// Compares two result tables. Throws InputError when --by names a missing column.
DiffReport diff_results(const ResultTable& old_results, const ResultTable& new_results, const DiffOptions& options);

/// A report for people: counts, the transition matrix, per-area counts.
std::string diff_text(const DiffReport& report, const ResultTable& old_results, const ResultTable& new_results);
/// The transition matrix as CSV: old_class,<new classes...>,(absent).
std::string transitions_csv(const DiffReport& report);
/// One CSV row per added / removed / changed address.
std::string changes_csv(const DiffReport& report, const ResultTable& old_results, const ResultTable& new_results);

/// The diff command as one call: read OLD and NEW, compare, write the changes and the matrix
/// files asked for. The report text is returned for the caller to print.
struct DiffRun {
    DiffOptions options;
    std::string old_path, new_path;
    std::string changes;  // CSV of changed addresses; "-" = stdout; empty: none
    std::string matrix;   // transition matrix CSV; "-" = stdout; empty: none
    bool overwrite = false;
};
struct DiffOutcome {
    DiffReport report;
    std::string text;  // diff_text(...)
};
DiffOutcome run_diff(const DiffRun& run);

} // namespace coverage
