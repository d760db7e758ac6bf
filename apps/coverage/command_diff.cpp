#include "commands.hpp"

#include "coverage/diff.hpp"
#include "coverage/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <optional>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage diff [--fail-on-change] [-o CHANGES] [--by FIELD] [--matrix FILE] OLD NEW\n\n"
    "Compares two runs of coverage classify, matching addresses by id: added, removed and\n"
    "changed addresses (class, tier, eligibility, reason or providers), the class transition\n"
    "matrix and, with --by, change counts per area. The report goes to stdout (to stderr when\n"
    "-o is -). Exit 1 with --fail-on-change when anything changed (for CI gates).\n\n"
    "example:\n"
    "  coverage diff --fail-on-change --by district -o changes.csv last.csv now.csv";


} // namespace

std::optional<DiffCli> parse_diff_options(const Args& args)
{
    DiffCli p;
    std::vector<std::string> inputs;
    po::options_description opts("options");
    opts.add_options()
        ("fail-on-change", po::bool_switch(&p.fail_on_change), "exit 1 when any address was added, removed or changed")
        ("output,o", po::value(&p.changes), "CSV of every added / removed / changed address (- = stdout)")
        ("by", po::value(&p.options.by), "change counts per value of this column (e.g. district)")
        ("matrix", po::value(&p.matrix), "write the class transition matrix as CSV")
        ("overwrite", po::bool_switch(&p.overwrite), "replace existing output files")
        ("quiet,q", po::bool_switch(&p.quiet), "no report")
        ("input", po::value(&inputs)->composing(), "OLD and NEW result files of coverage classify");
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    if (inputs.size() != 2) throw UsageError(fmt::format("give exactly two inputs, OLD and NEW (got {})", inputs.size()));
    if (inputs[0] == "-" && inputs[1] == "-") throw UsageError("stdin (-) can be read only once");
    p.old_path = inputs[0];
    p.new_path = inputs[1];
    if (p.changes == "-" && p.matrix == "-") throw UsageError("-o and --matrix cannot both go to stdout");
    return p;
}


int diff_main(const Args& args)
{
    auto p = parse_diff_options(args);
    if (!p) return 0;
    std::cout.flush();
    const DiffOutcome d = run_diff({p->options, p->old_path, p->new_path, p->changes, p->matrix, p->overwrite});
    if (!p->quiet) {
        if (p->changes == "-" || p->matrix == "-") std::cerr << d.text;
        else std::cout << d.text;
    }
    std::cout.flush();
    return p->fail_on_change && d.report.any() ? 1 : 0;
}

} // namespace coverage::cli
