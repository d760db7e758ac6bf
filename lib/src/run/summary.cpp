#include "coverage/summary.hpp"

#include "coverage/atomic_file.hpp"

namespace coverage {

void run_summary(const SummaryRun& run)
{
    const ResultTable results = read_results(run.inputs);
    write_text_file(run.output, format_summary(summarise(results, run.options), run.format), run.overwrite);
}

} // namespace coverage
