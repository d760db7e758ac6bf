#include "coverage/summary.hpp"

#include "coverage/atomic_file.hpp"

namespace coverage {

void run_summary(const SummaryRun& run)
{
    OutputSet outputs(run.overwrite);
    for (const auto& in : run.inputs) outputs.add_input(in);
    AtomicPath& out = outputs.add(run.output);
    ResultSelection keep; // counts by class, tier, eligibility and category, per --by value
    keep.coordinates = keep.all_extras = false;
    keep.extras = {run.options.by};
    const ResultTable results = read_results(run.inputs, {}, keep);
    out.write(format_summary(summarise(results, run.options), run.format));
    outputs.commit();
}

} // namespace coverage
