#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "coverage/summary.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage summary [--by FIELD] [--format text|markdown|json|csv] [-o FILE] INPUT...\n\n"
    "Counts and shares of per-address results by class, tier, eligibility and category,\n"
    "weighted by addresses and by units; with --by, also per value of a column kept by\n"
    "classify --keep (e.g. district). INPUT: classify outputs (shards are summed), - = stdin.\n\n"
    "example:\n"
    "  coverage summary --by district --format markdown jena.csv";

} // namespace

std::optional<SummaryCli> parse_summary_options(const Args& args)
{
    SummaryCli p;
    std::string format = "text", classes;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("by", po::value(&p.options.by), "also count per value of this column (e.g. district)")
        ("format", po::value(&format)->default_value("text"), "text, markdown, json or csv")
        ("classes", po::value(&classes), "class order, e.g. white,grey,served")
        ("output,o", po::value(&p.output)->default_value("-"), "write to this file instead of stdout")
        ("overwrite", po::bool_switch(&p.overwrite), "replace an existing output file")
        ("input", po::value(&p.inputs)->composing(), "result files of coverage classify (- = CSV on stdin)");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    p.format = summary_format(format);
    p.options.classes = split_list(classes);
    if (p.inputs.empty()) throw UsageError("no INPUT: give result files of coverage classify, or - for CSV on stdin");
    if (std::count(p.inputs.begin(), p.inputs.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
    return p;
}

int summary_main(const Args& args)
{
    auto p = parse_summary_options(args);
    if (!p) return 0;
    run_summary({p->options, p->format, p->inputs, p->output, p->overwrite});
    return 0;
}

} // namespace coverage::cli
