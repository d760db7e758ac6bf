#include "coverage/diff.hpp"

#include "coverage/atomic_file.hpp"

#include <cstdio>

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
    DiffOutcome out{diff_results(old_results, new_results, run.options), {}};
    if (changes) changes->write(changes_csv(out.report, old_results, new_results));
    if (matrix) matrix->write(transitions_csv(out.report));
    outputs.commit();
    out.text = diff_text(out.report, old_results, new_results);
    return out;
}

} // namespace coverage
