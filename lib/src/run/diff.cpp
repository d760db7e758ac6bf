#include "coverage/diff.hpp"

#include "coverage/atomic_file.hpp"

#include <cstdio>

namespace coverage {

DiffOutcome run_diff(const DiffRun& run)
{
    const ResultTable old_results = read_results({run.old_path});
    const ResultTable new_results = read_results({run.new_path});
    DiffOutcome out{diff_results(old_results, new_results, run.options), {}};
    if (!run.changes.empty()) write_changes(run.changes, out.report, old_results, new_results, run.overwrite);
    if (!run.matrix.empty()) write_text_file(run.matrix, transitions_csv(out.report), run.overwrite);
    out.text = diff_text(out.report, old_results, new_results);
    return out;
}

} // namespace coverage
