#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/report.hpp"

#include <chrono>
#include <cstdlib>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <iostream>
#include <optional>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage report RESULTS... [--areas FILE --area-id FIELD | --by FIELD]\n"
    "                       [--classify-summary FILE] [--classify-rejects FILE] [--progress FILE]\n"
    "                       [--plan-network FILE --plan-summary FILE] [--title TEXT] [--locale en|de]\n"
    "                       [--max-points N] -o report.html [--overwrite]\n\n"
    "Writes one self-contained HTML page (no server, no internet): a headline with the as-of\n"
    "date, profile and rejected rows, a map of the addresses by class (Leaflet, inlined), areas\n"
    "shaded by their eligible share, sortable tables, the road to the target year (coverage\n"
    "progress) and the plan's lengths, costs and cost curve (coverage plan). RESULTS is any\n"
    "classify output (.csv .geojson .gpkg .fgb), several shards are read as one, - is CSV on stdin.\n"
    "The same inputs give the same bytes.\n\n"
    "example:\n"
    "  coverage report jena.csv --areas districts.geojson --area-id district \\\n"
    "      --classify-summary summary.json --classify-rejects rejects.csv -o jena-report.html";

} // namespace

// Opens no files; the Leaflet folder comes from COVERAGE_LEAFLET_DIR when set.
std::optional<ReportCli> parse_report_options(const Args& args)
{
    ReportCli p;
    ReportOptions& o = p.options;
    if (const char* dir = std::getenv("COVERAGE_LEAFLET_DIR"); dir && *dir) o.leaflet_dir = dir;
    bool stamp = false;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("areas", po::value(&o.areas), "polygon layer (any GDAL source): a table row and a shaded polygon per area")
        ("area-id", po::value(&o.area_id_field), "field of --areas that names each area (unique)")
        ("areas-layer", po::value(&o.areas_layer), "layer of a multi-layer --areas source")
        ("areas-crs", po::value(&o.areas_crs), "CRS of --areas when the file has none (e.g. EPSG:25832)")
        ("by", po::value(&o.by), "instead of --areas: a table row per value of this results column (e.g. district)")
        ("classify-summary", po::value(&o.classify_summary), "the JSON of classify --summary: as-of, profile, inputs, rejects")
        ("classify-rejects", po::value(&o.classify_rejects), "the CSV of classify --rejects: rejected rows by reason")
        ("progress", po::value(&o.progress), "output of coverage progress (.csv or .json): the road to the target year")
        ("plan-summary", po::value(&o.plan_summary), "coverage plan --summary JSON: lengths, costs, cost curve")
        ("plan-network", po::value(&o.plan_network), "coverage plan -o layer: the planned network as lines on the map")
        ("title", po::value(&o.title)->default_value(o.title), "the page title")
        ("locale", po::value(&o.locale)->default_value(o.locale), "page language and number format: en (1,234.5) or de (1.234,5)")
        ("max-points", po::value(&o.max_points)->default_value(o.max_points),
         "above this many addresses the map shows 100 m grid cells instead of points")
        ("leaflet-dir", po::value(&o.leaflet_dir)->default_value(o.leaflet_dir),
         "folder with leaflet.js and leaflet.css (env COVERAGE_LEAFLET_DIR)")
        ("stamp", po::bool_switch(&stamp), "write the time of the run (UTC) in the footer; without it the page is byte-stable")
        ("output,o", po::value(&o.output), "the page to write (.html)")
        ("overwrite", po::bool_switch(&o.overwrite), "replace an existing page")
        ("quiet,q", po::bool_switch(&p.quiet), "no summary on stderr")
        ("input", po::value(&o.results)->composing(), "result files of coverage classify (- = CSV on stdin)");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;
    if (o.output.empty()) throw UsageError("missing -o/--output (the .html file to write)");
    if (o.results.empty())
        throw UsageError("no RESULTS: give result files of coverage classify, or - for CSV on stdin");
    if (std::count(o.results.begin(), o.results.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
    if (!o.areas.empty() && !o.by.empty()) throw UsageError("give --areas or --by, not both");
    if (!o.areas.empty() && o.area_id_field.empty())
        throw UsageError("--areas needs --area-id FIELD (the field that names each area)");
    if (o.areas.empty() && (!o.area_id_field.empty() || !o.areas_layer.empty() || !o.areas_crs.empty()))
        throw UsageError("--area-id, --areas-layer and --areas-crs go with --areas");
    if (o.plan_network.empty() != o.plan_summary.empty())
        throw UsageError("--plan-network and --plan-summary go together (the two outputs of coverage plan)");
    if (o.max_points == 0) throw UsageError("--max-points must be at least 1");
    o.tool_version = COVERAGE_VERSION;
    if (stamp)
        o.stamp = fmt::format("{:%Y-%m-%d %H:%M} UTC",
                              fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
    return p;
}

int report_main(const Args& args)
{
    auto p = parse_report_options(args);
    if (!p) return 0;
    const ReportSummary r = run_report(p->options);
    if (!p->quiet) {
        std::cerr << fmt::format("report: {} addresses; the map shows {} {}\n", r.addresses, r.map_features,
                                 r.grid ? "cells of 100 m (more addresses than --max-points)" : "points");
        if (r.areas) std::cerr << fmt::format("  {} rows in the area table\n", r.areas);
        if (!r.missing.empty())
            std::cerr << fmt::format("  not on the page (not given): {}\n", fmt::join(r.missing, ", "));
        if (p->options.output != "-") std::cerr << fmt::format("  wrote {} ({} bytes)\n", p->options.output, r.bytes);
    }
    return 0;
}

} // namespace coverage::cli
