#include "coverage/diff.hpp"

#include "base/source_name.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace coverage {

DiffOutcome run_diff(const DiffRun& run)
{
    auto paths = [](const std::string& first, const std::vector<std::string>& more) {
        std::vector<std::string> all{first};
        all.insert(all.end(), more.begin(), more.end());
        return all;
    };
    OutputSet outputs(run.overwrite);
    for (const auto& in : paths(run.old_path, run.old_shards)) outputs.add_input(in);
    for (const auto& in : paths(run.new_path, run.new_shards)) outputs.add_input(in);
    AtomicPath* changes = outputs.add_optional(run.changes);
    AtomicPath* matrix = outputs.add_optional(run.matrix);
    // diff compares the classification, not the place or the units: only its columns are kept.
    ResultSelection keep;
    keep.coordinates = keep.units = keep.all_extras = false;
    keep.extras = {std::string(result_column::gigabit_planned_date), run.options.by};
    const ResultTable old_results = read_results(paths(run.old_path, run.old_shards), {}, keep);
    const ResultTable new_results = read_results(paths(run.new_path, run.new_shards), {}, keep);
    DiffOutcome out{diff_results(old_results, new_results, run.options), {}, false};
    if (run.strict && !out.report.warnings.empty())
        throw InputError(fmt::format("{} and {} are not comparable: {}; compare runs of one profile, as-of date and "
                                     "coverage version, or leave out --strict",
                                     display_source(run.old_path), display_source(run.new_path),
                                     fmt::join(out.report.warnings, "; ")));
    if (changes) changes->write(changes_csv(out.report, old_results, new_results));
    if (matrix) matrix->write(transitions_csv(out.report));
    outputs.commit();
    out.text = run.json ? diff_json(out.report, old_results, new_results, run.fail_on)
                        : diff_text(out.report, old_results, new_results);
    out.changed = out.report.changed(run.fail_on);
    return out;
}

} // namespace coverage
