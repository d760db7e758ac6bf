#include "coverage/diff.hpp"

#include "base/source_name.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace coverage {

DiffOutcome run_diff(const DiffRun& run)
{
    OutputSet outputs(run.overwrite);
    outputs.add_input(run.old_path);
    outputs.add_input(run.new_path);
    AtomicPath* changes = outputs.add_optional(run.changes);
    AtomicPath* matrix = outputs.add_optional(run.matrix);
    const ResultTable old_results = read_results({run.old_path});
    const ResultTable new_results = read_results({run.new_path});
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
