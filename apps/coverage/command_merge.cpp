#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/merge.hpp"

#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage merge -o OUT [--summary FILE] [--rejects FILE] [--overwrite] SHARD_SUMMARY...\n\n"
    "Puts the shards of one 'classify --shard I/N' run back together: the same result (any\n"
    "format by the extension of OUT; - is CSV on stdout), summary and rejects, byte for byte,\n"
    "as one unsharded run. SHARD_SUMMARY: the --summary file of every shard; each names its\n"
    "result and rejects files (relative to its own folder). Refuses an incomplete or mixed\n"
    "set: a missing or doubled shard, two shard counts, other profiles, dates or input files.\n\n"
    "example:\n"
    "  coverage merge -o jena.gpkg --summary summary.json --rejects rejects.csv shards/*.json";

} // namespace

// Opens no files.
std::optional<MergeCli> parse_merge_options(const Args& args)
{
    MergeCli p;
    MergeOptions& o = p.options;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("output,o", po::value(&o.output), "merged result: .csv .geojson .gpkg .fgb, or - for CSV on stdout")
        ("output-layer", po::value(&o.output_layer), "layer of a .gpkg/.fgb output (default addresses)")
        ("summary", po::value(&o.summary), "merged JSON summary (- for stdout)")
        ("rejects", po::value(&o.rejects), "merged rejects CSV (every shard must have written --rejects)")
        ("overwrite", po::bool_switch(&o.overwrite), "replace existing output files")
        ("quiet,q", po::bool_switch(&p.quiet), "no summary on stderr")
        ("shard", po::value(&o.shards)->composing(), "the --summary files of the shards");
    // clang-format on
    po::positional_options_description pos;
    pos.add("shard", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    o.command_line = {"coverage", "merge"};
    o.command_line.insert(o.command_line.end(), args.begin(), args.end());
    if (o.output.empty()) throw UsageError("missing -o/--output (a file, or - for CSV on stdout)");
    if (o.shards.empty()) throw UsageError("no SHARD_SUMMARY: give the --summary file of every classify --shard run");
    return p;
}

int merge_main(const Args& args)
{
    auto p = parse_merge_options(args);
    if (!p) return 0;
    const ClassifyReport report = run_merge(p->options);
    if (!p->quiet) {
        std::cerr << fmt::format("merged {} shards\n", p->options.shards.size()) << summary_text(report);
        if (!report.written.empty()) std::cerr << fmt::format("  wrote {}\n", fmt::join(report.written, ", "));
    }
    return 0;
}

} // namespace coverage::cli
