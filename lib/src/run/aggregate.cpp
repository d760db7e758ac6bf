#include "coverage/aggregate.hpp"
#include "base/path_util.hpp"

#include "coverage/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace coverage {

namespace {

const char* area_word(AreaMode m)
{
    switch (m) {
    case AreaMode::grid: return "cells";
    case AreaMode::areas: return "areas";
    case AreaMode::clusters: return "clusters";
    }
    return "";
}

} // namespace

AreaTable run_aggregate(const AggregateRun& run)
{
    if (run.options.mode == AreaMode::clusters && !(std::isfinite(run.options.cluster_m) && run.options.cluster_m > 0))
        throw UsageError("--clusters needs a finite distance in metres greater than 0");
    check_area_output(run.output, run.output_layer);
    OutputSet outputs(run.overwrite);
    for (const auto& in : run.inputs) outputs.add_input(in);
    outputs.add_input(run.options.areas);
    AtomicPath& out = outputs.add(run.output);
    AtomicPath* unassigned = outputs.add_optional(run.unassigned);
    const ResultTable results = read_results(run.inputs);
    AggregateOptions options = run.options;
    options.outlines = !(run.output == "-" || lower_ext(run.output) == "csv"); // a CSV has no geometry
    AreaTable t = aggregate(results, options);
    write_areas(t, out, run.output_layer);
    if (unassigned) write_unassigned(t, results, *unassigned);
    outputs.commit();
    return t;
}

std::string aggregate_report(const AggregateRun& run, const AreaTable& t)
{
    std::string out =
        fmt::format("aggregate: {} addresses read from {} input{}; {} placed in {} {}\n", t.read, run.inputs.size(),
                    run.inputs.size() == 1 ? "" : "s", t.placed, t.size(), area_word(run.options.mode));
    if (t.unlocated) out += fmt::format("  {} without coordinates (not placed)\n", t.unlocated);
    if (t.not_clustered) out += fmt::format("  {} not eligible (not clustered)\n", t.not_clustered);
    if (run.options.mode == AreaMode::areas) {
        out += fmt::format("  {} in no area{}\n", t.unassigned,
                           t.unassigned == 0        ? ""
                           : run.unassigned.empty() ? " (list them with --unassigned FILE)"
                                                    : " (see " + run.unassigned + ")");
        if (t.dissolved)
            out += fmt::format("  {} features dissolved into areas with the same id (--dissolve)\n", t.dissolved);
        if (t.overlaps)
            out +=
                fmt::format("  {} covered by more than one area (counted in the first by layer order)\n", t.overlaps);
    }
    if (run.output != "-") out += fmt::format("  wrote {}\n", run.output);
    return out;
}

} // namespace coverage
