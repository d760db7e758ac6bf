#pragma once
// `coverage report`: one self-contained HTML page (map, tables, charts) from the results of
// classify, for people who do not open QGIS: a headline with provenance, a Leaflet map
// (inlined from Debian's libjs-leaflet: no network request), per-area tables, the road to the
// target year (coverage progress) and the plan (coverage plan). Same inputs, same bytes.
#include "coverage/aggregate.hpp"
#include "coverage/options.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace coverage {

struct ReportOptions {
    std::vector<std::string> results; // classify outputs (shards; "-" = CSV on stdin)
    ReadOptions read;
    // Areas for the table and the shaded polygons: --areas FILE --area-id FIELD (the code of
    // `aggregate --areas`), or --by FIELD (a column of the results, e.g. district: table only).
    std::string areas, area_id_field, areas_layer, areas_crs;
    std::string by;
    std::string classify_summary; // the JSON of classify --summary: as-of, profile, inputs, rejects
    std::string classify_rejects; // the CSV of classify --rejects: rejected rows by reason
    std::string progress;         // coverage progress output (.csv or .json)
    std::string plan_summary;     // coverage plan --summary (.json)
    std::string plan_network;     // coverage plan -o (.gpkg .geojson .fgb)
    std::string title = "Broadband coverage";
    std::string locale = "en";                                 // en | de
    std::uint64_t max_points = 200000;                         // above: the map shows 100 m grid cells
    std::string leaflet_dir = "/usr/share/javascript/leaflet"; // leaflet.js + leaflet.css
    std::string tool_version;                                  // shown in the footer (the CLI passes its version)
    std::string stamp; // text for the footer (e.g. a date); empty: none (deterministic)
    std::string output;
    bool overwrite = false;
};

struct ReportSummary {
    std::uint64_t addresses = 0;      // rows of the results
    std::uint64_t map_features = 0;   // points, or grid cells above max_points
    bool grid = false;                // the map shows 100 m cells
    std::uint64_t areas = 0;          // rows of the area table (without totals)
    std::uint64_t bytes = 0;          // size of the page
    std::vector<std::string> missing; // what the page says it lacks (option names)
};

/// Builds the page and writes it atomically to options.output. Throws UsageError (bad
/// options), InputError (an input file, naming it), OutputError.
ReportSummary run_report(const ReportOptions& options);

} // namespace coverage
