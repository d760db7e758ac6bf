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
    "usage: coverage diff [--fail-on class|eligible|any|none] [--format text|json] [-o CHANGES]\n"
    "                     [--by FIELD [--all]] [--matrix FILE] [--strict] OLD NEW\n"
    "       coverage diff [options] --old FILE... --new FILE...   (shards of classify --shard)\n\n"
    "Compares two runs of coverage classify, matching addresses by id: added, removed and\n"
    "changed addresses (class, tier, eligibility, reason or providers), the class transition\n"
    "matrix and, with --by, change counts per area (areas with changes; --all lists every area).\n"
    "The report goes to stdout (to stderr when -o or --matrix is -).\n\n"
    "Exit status, as diff(1) and cmp(1), for CI gates:\n"
    "  0  no change of the kind --fail-on counts\n"
    "  1  such a change (--fail-on any, the default: anything; class: an address added, removed\n"
    "     or with another class; eligible: the set of eligible addresses changed; none: never)\n"
    "  2  trouble: a missing or unreadable file, not a result file, a bad option, a failed\n"
    "     write, or with --strict runs that are not comparable\n"
    "Results record the profile, its version, the as-of date and the coverage version; diff\n"
    "warns on stderr when they differ between OLD and NEW (--strict: exit 2 instead).\n\n"
    "example:\n"
    "  coverage diff --fail-on eligible --by district -o changes.csv last.csv now.csv";

} // namespace

std::optional<DiffCli> parse_diff_options(const Args& args)
{
    DiffCli p;
    std::vector<std::string> inputs;
    std::string fail_on = "any", format = "text";
    bool fail_on_change = false;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("fail-on", po::value(&fail_on), "what counts as a change for exit status 1: class, eligible, any (default) or none")
        ("fail-on-change", po::bool_switch(&fail_on_change), "deprecated: the same as --fail-on any (the default)")
        ("format", po::value(&format), "report format: text (default) or json")
        ("output,o", po::value(&p.changes), "CSV of every added / removed / changed address (- = stdout)")
        ("by", po::value(&p.options.by), "change counts per value of this column (e.g. district)")
        ("all", po::bool_switch(&p.options.all_areas), "with --by: list every area, also those without changes")
        ("matrix", po::value(&p.matrix), "write the class transition matrix as CSV")
        ("strict", po::bool_switch(&p.strict), "exit 2 when the runs' profile, as-of date or version differ")
        ("overwrite", po::bool_switch(&p.overwrite), "replace existing output files")
        ("quiet,q", po::bool_switch(&p.quiet), "no report (warnings still go to stderr)")
        ("old", po::value(&p.old_shards)->multitoken()->composing(), "OLD as several files (shards), instead of OLD NEW")
        ("new", po::value(&p.new_shards)->multitoken()->composing(), "NEW as several files (shards)")
        ("input", po::value(&inputs)->composing(), "OLD and NEW result files of coverage classify");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    if (!p.old_shards.empty() || !p.new_shards.empty()) {
        if (p.old_shards.empty() || p.new_shards.empty() || !inputs.empty())
            throw UsageError("give --old FILE... and --new FILE..., or OLD NEW, not a mix");
        inputs = {p.old_shards.front(), p.new_shards.front()};
        p.old_shards.erase(p.old_shards.begin());
        p.new_shards.erase(p.new_shards.begin());
    }
    if (inputs.size() != 2)
        throw UsageError(fmt::format("give exactly two inputs, OLD and NEW (got {})", inputs.size()));
    if (inputs[0] == "-" && inputs[1] == "-") throw UsageError("stdin (-) can be read only once");
    p.old_path = inputs[0];
    p.new_path = inputs[1];
    if (p.changes == "-" && p.matrix == "-") throw UsageError("-o and --matrix cannot both go to stdout");
    p.fail_on = parse_fail_on(fail_on);
    if (fail_on_change && vm.count("fail-on") && p.fail_on != FailOn::any)
        throw UsageError(fmt::format("--fail-on-change means --fail-on any; it contradicts --fail-on {}", fail_on));
    if (format != "text" && format != "json") throw UsageError(fmt::format("--format {}: choose text or json", format));
    p.json = format == "json";
    if (p.options.all_areas && p.options.by.empty()) throw UsageError("--all lists the areas of --by; give --by FIELD");
    return p;
}

// Exit status: 0 no counted change, 1 a counted change; trouble (any exception) is 2 for
// diff, mapped in main() by the command table's error status.
int diff_main(const Args& args)
{
    auto p = parse_diff_options(args);
    if (!p) return 0;
    std::cout.flush();
    const DiffOutcome d = run_diff({p->options, p->old_path, p->new_path, p->changes, p->matrix, p->overwrite,
                                    p->fail_on, p->json, p->strict, p->old_shards, p->new_shards});
    for (const auto& w : d.report.warnings) std::cerr << "coverage diff: warning: " << w << "\n";
    if (!p->quiet) {
        if (p->changes == "-" || p->matrix == "-") std::cerr << d.text;
        else std::cout << d.text;
    }
    std::cout.flush();
    return d.changed ? 1 : 0;
}

} // namespace coverage::cli
