#include "commands.hpp"

#include "coverage/aggregate.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <cmath>
#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage aggregate (--grid 100m|1km|10km | --areas FILE --area-id FIELD | --clusters METRES)\n"
    "                          [--bands LIST] -o OUT [--overwrite] INPUT...\n\n"
    "Counts per-address results of coverage classify by area: INSPIRE grid cells (EPSG:3035),\n"
    "the polygons of a layer (districts), or clusters of eligible addresses. INPUT is any\n"
    "classify output (.csv .geojson .gpkg .fgb), several shards are summed, - is CSV on stdin.\n"
    "OUT: .csv .geojson .gpkg .fgb, or - for CSV on stdout.\n\n"
    "example:\n"
    "  coverage classify ... -o - | coverage aggregate --grid 1km -o cells.geojson -";

} // namespace

// Opens no files.
std::optional<AggregateCli> parse_aggregate_options(const Args& args)
{
    AggregateCli p;
    AggregateOptions& o = p.options;
    std::string grid, bands, classes;
    std::vector<std::string> keep;
    double clusters = 0;
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("grid", po::value(&grid), "INSPIRE grid cells in EPSG:3035: 100m, 1km or 10km")
        ("grid-crs", po::value(&o.grid_crs), "grid cells and cluster distances in EPSG:3035 (default; Europe only) "
                                             "or utm (the addresses' UTM zone, ids CRS326<zone>RES...)")
        ("areas", po::value(&o.areas), "polygon layer (any GDAL source): count addresses per polygon")
        ("area-id", po::value(&o.area_id_field), "field of --areas that names each area (unique)")
        ("areas-layer", po::value(&o.areas_layer), "layer of a multi-layer --areas source")
        ("areas-crs", po::value(&o.areas_crs), "CRS of --areas when the file has none (e.g. EPSG:25832)")
        ("unassigned", po::value(&p.unassigned), "--areas: write the addresses in no area to this CSV (id,lon,lat)")
        ("keep", po::value(&keep)->composing(),
         "--areas: polygon attribute to copy to each area row (repeatable, or comma-separated)")
        ("dissolve", po::bool_switch(&o.dissolve),
         "--areas: features sharing an area id are one area (their union; attributes of the first)")
        ("clusters", po::value(&clusters), "clusters of eligible addresses at most METRES apart (single linkage)")
        ("bands", po::value(&bands), "bands of the --band-class share: ascending lower bounds in percent, e.g. 0,10,25,50,80 (labels 0-10, ...)")
        ("band-class", po::value(&o.band_class)->default_value("served"), "class whose address share --bands bands")
        ("classes", po::value(&classes), "order of the per-class columns, e.g. white,grey,served")
        ("output,o", po::value(&p.output), "areas: .csv .geojson .gpkg .fgb, or - for CSV on stdout")
        ("output-layer", po::value(&p.output_layer), "layer name in a .gpkg/.fgb output (default areas)")
        ("overwrite", po::bool_switch(&p.overwrite), "replace existing output files")
        ("quiet,q", po::bool_switch(&p.quiet), "no summary on stderr")
        ("input", po::value(&p.inputs)->composing(), "result files of coverage classify (- = CSV on stdin)");
    // clang-format on
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    if (!parse_args(args, usage, opts, &pos, vm)) return std::nullopt;

    const int modes = (grid.empty() ? 0 : 1) + (o.areas.empty() ? 0 : 1) + (vm.count("clusters") ? 1 : 0);
    if (modes != 1) throw UsageError("give exactly one of --grid, --areas or --clusters");
    if (!grid.empty()) {
        o.mode = AreaMode::grid;
        o.grid_m = grid_metres(grid);
    } else if (!o.areas.empty()) {
        o.mode = AreaMode::areas;
        if (o.area_id_field.empty()) throw UsageError("--areas needs --area-id FIELD (the field that names each area)");
    } else {
        o.mode = AreaMode::clusters;
        if (!(clusters > 0) || !std::isfinite(clusters))
            throw UsageError("--clusters needs a finite distance in metres greater than 0");
        o.cluster_m = clusters;
    }
    if (o.mode == AreaMode::areas && !o.grid_crs.empty())
        throw UsageError("--grid-crs goes with --grid or --clusters; --areas counts in the layer's own CRS");
    if (!o.grid_crs.empty() && o.grid_crs != "utm" && o.grid_crs != "EPSG:3035")
        throw UsageError(fmt::format("--grid-crs '{}': use EPSG:3035 (the INSPIRE grid, default) or utm (the UTM "
                                     "zone of the addresses)",
                                     o.grid_crs));
    o.keep = split_list(keep);
    if (o.mode != AreaMode::areas &&
        (!o.area_id_field.empty() || !p.unassigned.empty() || !o.areas_layer.empty() || !o.keep.empty() || o.dissolve))
        throw UsageError("--area-id, --areas-layer, --unassigned, --keep and --dissolve go with --areas");
    for (const auto& b : split_list(bands)) {
        const ParsedNumber n = parse_number(b, NumberKind::quantity);
        if (!n.error.empty() || !n.value || *n.value > 100)
            throw UsageError(fmt::format("--bands: '{}' is not a percentage between 0 and 100", b));
        if (!o.bands.empty() && *n.value <= o.bands.back())
            throw UsageError(fmt::format("--bands must be ascending ('{}' follows {})", b, o.bands.back()));
        o.bands.push_back(*n.value);
    }
    o.classes = split_list(classes);
    if (p.output.empty()) throw UsageError("missing -o/--output (a file, or - for CSV on stdout)");
    if (p.inputs.empty()) throw UsageError("no INPUT: give result files of coverage classify, or - for CSV on stdin");
    if (std::count(p.inputs.begin(), p.inputs.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
    return p;
}

int aggregate_main(const Args& args)
{
    auto p = parse_aggregate_options(args);
    if (!p) return 0;
    const AggregateRun run{p->options, p->inputs, p->output, p->unassigned, p->output_layer, p->overwrite};
    const AreaTable t = run_aggregate(run);
    if (!p->quiet) std::cerr << aggregate_report(run, t);
    return 0;
}

} // namespace coverage::cli
