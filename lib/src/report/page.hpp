#pragma once
// Assembles the report page from plain data: headline, map, tables, charts, and the inline
// Leaflet, CSS and script. Pure text in, text out: the same PageInput gives the same bytes.
#include "coverage/aggregate.hpp"
#include "coverage/profile.hpp"
#include "read/report_inputs.hpp"
#include "report/locale.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coverage::report {

/// One table row set: per area (aggregate --areas) or per value of a results column (--by).
struct AreaRows {
    std::string heading; // the first column's heading (the --area-id or --by field)
    std::vector<std::string> id;
    std::vector<std::string> classes;
    CountMatrix class_addresses; // area x class
    CountVector addresses, units, eligible_addresses, eligible_units;
};

/// The headline's counts (from the results themselves).
struct Headline {
    std::int64_t addresses = 0, units = 0, eligible_addresses = 0, eligible_units = 0;
    std::vector<std::string> classes;
    std::vector<std::int64_t> class_addresses, class_units;
};

struct MapData {
    std::string points; // points_json, or empty
    std::vector<std::string> strings;
    std::string cells;          // cells_json above --max-points, or empty
    std::uint64_t features = 0; // points or cells
    std::uint64_t located = 0;  // addresses with coordinates
    std::uint64_t max_points = 0;
    std::string areas;                // areas_json, or empty
    std::vector<std::string> network; // plan network features
};

struct PageInput {
    std::string title, tool_version, stamp;
    Headline headline;
    std::optional<ClassifySummary> summary;
    std::optional<std::vector<RejectGroup>> rejects;
    std::optional<Profile> profile; // the summary's profile when it is a built-in of that version
    std::string builtin_version;    // version of the built-in of that name, when there is one
    std::optional<AreaRows> areas;
    MapData map;
    std::optional<Progress> progress;
    std::optional<PlanSummary> plan;
    std::string leaflet_js, leaflet_css;
};

std::string render_page(const PageInput& input, const Locale& locale);

/// `text` with each {name} replaced by its value (the page's sentences).
std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values);

} // namespace coverage::report
