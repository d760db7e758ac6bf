#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "coverage/plan.hpp"

#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

// clang-format off
constexpr const char* usage =
    "usage: coverage plan RESULTS... [--select eligible|white|not-served] [--streets FILE]... [--routes FILE]...\n"
    "                     [--ducts FILE]... [--costs NAME|FILE.toml] [--max-drop M] [--detour F]\n"
    "                     [--by FIELD | --areas FILE --area-id FIELD] [--budget AMOUNT] [--threshold AMOUNT]\n"
    "                     -o NETWORK [--addresses-out FILE.csv] [--areas-out FILE] [--summary FILE.json] [--overwrite]\n"
    "       coverage plan --list-costs | --show-costs NAME\n\n"
    "The target network that connects the selected addresses of a classify run to the existing\n"
    "fibre network (--routes, and addresses already served by ftth / fttb), and what it costs.\n"
    "With --streets: new trenches run along the streets (a Steiner tree over the street graph,\n"
    "Mehlhorn's 2-approximation); empty --ducts cost the duct rate instead of digging; each\n"
    "address connects by a drop to the nearest street within --max-drop. Without --streets: a\n"
    "desk estimate, the exact minimum spanning tree over the addresses and the network, straight\n"
    "lines times --detour. Each address pays its drop, its house connection and an equal share of\n"
    "every trench and duct on its path among all addresses that edge serves (to the cent).\n"
    "RESULTS: any classify output (.csv .geojson .gpkg .fgb), several shards, - is CSV on stdin.\n"
    "NETWORK: .gpkg .geojson .fgb (lines: kind, length_m, cost, addresses, area_id).\n\n"
    "example:\n"
    "  coverage plan results.csv --streets streets.gpkg --routes fibre.geojson --ducts ducts.geojson \\\n"
    "    -o network.gpkg --addresses-out costs.csv --summary plan.json";
// clang-format on

} // namespace

// Opens no files.
std::optional<PlanCli> parse_plan_options(const Args& args)
{
    PlanCli p;
    PlanOptions& o = p.options;
    std::string select = "eligible";
    double budget = 0, threshold = 0;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("select", po::value(&select), "addresses to connect: eligible (default), white, not-served (all not on fibre)")
        ("streets", po::value(&o.streets)->composing(), "street centrelines (any GDAL line layer); repeatable")
        ("routes", po::value(&o.routes)->composing(), "existing fibre routes: feed at no cost; repeatable")
        ("ducts", po::value(&o.ducts)->composing(), "empty ducts: the duct rate instead of the trench rate; repeatable")
        ("costs", po::value(&o.costs)->default_value("de-2024"), "cost model: a built-in name or a .toml file")
        ("list-costs", po::bool_switch(&p.list_costs), "list the built-in cost models")
        ("show-costs", po::value(&p.show_costs), "print a built-in cost model as TOML")
        ("max-drop", po::value(&o.max_drop_m)->default_value(150), "longest drop from an address to a street, metres")
        ("detour", po::value(&o.detour)->default_value(1.3), "desk mode: factor on straight-line lengths")
        ("working-crs", po::value(&o.working_crs), "metric CRS to plan in (default: the UTM zone of the addresses)")
        ("by", po::value(&o.by), "areas: a column of the results (e.g. district)")
        ("areas", po::value(&o.areas), "areas: a polygon layer (any GDAL source)")
        ("area-id", po::value(&o.area_id), "field of --areas that names each area")
        ("budget", po::value(&budget), "how many addresses this amount connects, cheapest first")
        ("threshold", po::value(&threshold), "count the addresses costing more than this amount")
        ("output,o", po::value(&o.network), "the network: .gpkg .geojson .fgb")
        ("addresses-out", po::value(&o.addresses_out), "per address: connected, reason, drop, path, shares, cost (CSV)")
        ("areas-out", po::value(&o.areas_out), "per area totals (.csv; needs --by or --areas)")
        ("summary", po::value(&o.summary), "totals, cost curve, budget, threshold as JSON (- for stdout)")
        ("overwrite", po::bool_switch(&o.overwrite), "replace existing output files")
        ("quiet,q", po::bool_switch(&p.quiet), "no report on stderr")
        ("input", po::value(&o.results)->composing(), "result files of coverage classify (- = CSV on stdin)");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    if (p.list_costs || !p.show_costs.empty()) return p;
    if (select == "eligible") o.select = PlanSelect::eligible;
    else if (select == "white") o.select = PlanSelect::white;
    else if (select == "not-served") o.select = PlanSelect::not_served;
    else throw UsageError(fmt::format("--select '{}': use eligible, white or not-served", select));
    if (vm.count("budget")) {
        if (!(budget >= 0)) throw UsageError("--budget must be an amount of 0 or more");
        o.budget = budget;
    }
    if (vm.count("threshold")) {
        if (!(threshold >= 0)) throw UsageError("--threshold must be an amount of 0 or more");
        o.threshold = threshold;
    }
    if (o.network.empty() && o.addresses_out.empty() && o.summary.empty() && o.areas_out.empty())
        throw UsageError("missing -o/--output NETWORK (.gpkg .geojson .fgb), or at least one of --addresses-out, "
                         "--areas-out, --summary");
    if (o.results.empty())
        throw UsageError("no RESULTS: give result files of coverage classify, or - for CSV on stdin");
    if (std::count(o.results.begin(), o.results.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
    if (!o.areas_out.empty() && o.by.empty() && o.areas.empty())
        throw UsageError("--areas-out needs --by FIELD or --areas FILE --area-id FIELD");
    if (o.summary == "-") p.quiet = true;
    o.tool_version = COVERAGE_VERSION;
    return p;
}

int plan_main(const Args& args)
{
    auto p = parse_plan_options(args);
    if (!p) return 0;
    if (p->list_costs) {
        for (const auto& b : builtin_cost_models()) {
            const CostModel m = parse_cost_model(b.toml, fmt::format("built-in cost model {}", b.name));
            std::cout << fmt::format("{:<10} {:<5} {:<6} {}\n", m.name, m.currency, m.version, m.title);
        }
        return 0;
    }
    if (!p->show_costs.empty()) {
        const auto text = builtin_cost_model_text(p->show_costs);
        if (!text) {
            load_cost_model(p->show_costs); // throws the did-you-mean error
            throw UsageError(fmt::format("'{}' is not a built-in cost model", p->show_costs));
        }
        std::cout << *text;
        return 0;
    }
    const PlanReport report = run_plan(p->options);
    if (!p->quiet) std::cerr << plan_summary_text(report);
    return 0;
}

} // namespace coverage::cli
