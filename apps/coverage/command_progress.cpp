#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/progress.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <map>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage progress RESULTS... [--as-of DATE] [--target YEAR] [--history FILE[#as_of=DATE]]...\n"
    "                         [--by FIELD | --areas FILE --area-id FIELD | --grid 100m|1km|10km]\n"
    "                         -o OUT [--overwrite]\n\n"
    "The road to full gigabit coverage. RESULTS are one survey's classify outputs (shards are\n"
    "read as one; dated by the as_of they record, or --as-of). For every year from the survey's\n"
    "to the target (default 2030), per area and in total: addresses and units with gigabit at the\n"
    "end of the year if every credible dated plan is built on time (served today, or\n"
    "gigabit_planned_date by 31 Dec), the share, the gap (without either), and on_track (no gap at\n"
    "the target year). --history adds an earlier survey (classify outputs; #as_of= or the date they\n"
    "record; shards of one survey share a date): the share of units observed in each and a trend\n"
    "fitted over them (a logistic curve by least squares, a straight line through two surveys), with\n"
    "the year it reaches 99 %. Surveys are matched by address id. OUT: .csv (one row per area and\n"
    "year, (all) first), .json (nested), .geojson .gpkg .fgb, or - for CSV on stdout.\n\n"
    "example:\n"
    "  coverage progress jena_2026.csv --by district --history jena_2021.csv --history jena_2023.csv \\\n"
    "      -o progress.csv";

/// "FILE#as_of=YYYY-MM-DD" -> (date, file); "FILE" -> ("", file): the date the results record.
std::pair<std::string, std::string> history_spec(const std::string& spec)
{
    const auto hash = spec.rfind('#');
    const std::string key = "as_of=";
    if (hash == std::string::npos) return {std::string(), spec};
    if (spec.compare(hash + 1, key.size(), key) != 0)
        throw UsageError(fmt::format("--history '{}': give the survey's date as FILE#as_of=YYYY-MM-DD", spec));
    return {spec.substr(hash + 1 + key.size()), spec.substr(0, hash)};
}

} // namespace

// Opens no files.
std::optional<ProgressCli> parse_progress_options(const Args& args)
{
    ProgressCli p;
    ProgressOptions& o = p.run.options;
    std::string grid;
    std::vector<std::string> history;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("as-of", po::value(&p.run.current.as_of), "reference date of RESULTS (default: the as_of they record)")
        ("target", po::value(&o.target_year)->default_value(2030), "target year of full coverage")
        ("history", po::value(&history)->composing(), "an earlier survey: FILE[#as_of=YYYY-MM-DD] (repeat; shards share a date)")
        ("by", po::value(&o.by_field), "areas by the value of a results column (e.g. district; classify --keep)")
        ("areas", po::value(&o.area_options.areas), "polygon layer (any GDAL source): areas by polygon")
        ("area-id", po::value(&o.area_options.area_id_field), "field of --areas that names each area (unique)")
        ("areas-layer", po::value(&o.area_options.areas_layer), "layer of a multi-layer --areas source")
        ("areas-crs", po::value(&o.area_options.areas_crs), "CRS of --areas when the file has none (e.g. EPSG:25832)")
        ("grid", po::value(&grid), "INSPIRE grid cells in EPSG:3035: 100m, 1km or 10km")
        ("output,o", po::value(&p.run.output), "progress table: .csv .json .geojson .gpkg .fgb, or - for CSV on stdout")
        ("overwrite", po::bool_switch(&p.run.overwrite), "replace an existing output file")
        ("quiet,q", po::bool_switch(&p.quiet), "no report on stderr")
        ("input", po::value(&p.run.current.inputs)->composing(), "result files of coverage classify (- = CSV on stdin)");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;

    const int modes = (o.by_field.empty() ? 0 : 1) + (o.area_options.areas.empty() ? 0 : 1) + (grid.empty() ? 0 : 1);
    if (modes > 1) throw UsageError("give at most one of --by, --areas or --grid");
    if (!o.by_field.empty()) {
        o.areas = ProgressAreas::field;
    } else if (!o.area_options.areas.empty()) {
        o.areas = ProgressAreas::areas;
        o.area_options.mode = AreaMode::areas;
        if (o.area_options.area_id_field.empty())
            throw UsageError("--areas needs --area-id FIELD (the field that names each area)");
    } else if (!grid.empty()) {
        o.areas = ProgressAreas::grid;
        o.area_options.mode = AreaMode::grid;
        o.area_options.grid_m = grid_metres(grid);
    }
    if (o.areas != ProgressAreas::areas && (!o.area_options.area_id_field.empty() ||
                                            !o.area_options.areas_layer.empty() || !o.area_options.areas_crs.empty()))
        throw UsageError("--area-id, --areas-layer and --areas-crs go with --areas");
    // Shards of one earlier survey share its date: grouped, in date order. A file without
    // #as_of= is a survey of its own, dated by the as_of its results record.
    std::map<std::string, std::vector<std::string>> by_date;
    for (const auto& h : history) {
        auto [date, file] = history_spec(h);
        if (file == "-") throw UsageError("--history cannot read stdin; give a file");
        if (date.empty()) p.run.history.push_back({std::string(), {file}});
        else by_date[date].push_back(file);
    }
    for (auto& [date, files] : by_date) p.run.history.push_back({date, std::move(files)});
    if (p.run.output.empty()) throw UsageError("missing -o/--output (a file, or - for CSV on stdout)");
    if (p.run.current.inputs.empty())
        throw UsageError("no RESULTS: give result files of coverage classify, or - for CSV on stdin");
    if (std::count(p.run.current.inputs.begin(), p.run.current.inputs.end(), "-") > 1)
        throw UsageError("stdin (-) can be read only once");
    return p;
}

int progress_main(const Args& args)
{
    auto p = parse_progress_options(args);
    if (!p) return 0;
    const ProgressTable t = run_progress(p->run);
    if (!p->quiet) std::cerr << progress_report(p->run, t);
    return 0;
}

} // namespace coverage::cli
