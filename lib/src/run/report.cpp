// run_report: results (+ areas, classify summary, progress, plan) -> one HTML page.
#include "coverage/report.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/profile.hpp"
#include "coverage/summary.hpp"
#include "read/report_inputs.hpp"
#include "report/map_data.hpp"
#include "report/page.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sstream>

namespace coverage {
namespace {

std::string read_asset(const std::string& dir, const char* name)
{
    const std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(
            fmt::format("{}: cannot read Leaflet's {} (install Debian's libjs-leaflet, or give --leaflet-dir / "
                        "COVERAGE_LEAFLET_DIR with leaflet.js and leaflet.css)",
                        path, name));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Leaflet's CSS without its image references: the page loads nothing but itself (the
/// marker and layer-switcher images are never shown here).
std::string inline_css(const std::string& css)
{
    static const std::regex image_url(R"(url\(\s*['"]?images/[^)]*\))");
    return std::regex_replace(css, image_url, "none");
}

/// Counts of one breakdown ("class", "eligible") of a summary report.
const Breakdown& breakdown(const SummaryReport& s, std::string_view name)
{
    for (const Breakdown& b : s.breakdowns)
        if (b.name == name) return b;
    throw std::logic_error(fmt::format("summary has no '{}' breakdown", name));
}

report::Headline headline_of(const SummaryReport& s)
{
    report::Headline h;
    h.addresses = s.addresses.sum();
    h.units = s.units.sum();
    const Breakdown& c = breakdown(s, "class");
    h.classes = c.values;
    for (Eigen::Index k = 0; k < c.addresses.cols(); ++k) {
        h.class_addresses.push_back(c.addresses.col(k).sum());
        h.class_units.push_back(c.units.col(k).sum());
    }
    const Breakdown& e = breakdown(s, "eligible");
    for (std::size_t k = 0; k < e.values.size(); ++k)
        if (e.values[k] == "true") {
            h.eligible_addresses = e.addresses.col(static_cast<Eigen::Index>(k)).sum();
            h.eligible_units = e.units.col(static_cast<Eigen::Index>(k)).sum();
        }
    return h;
}

report::AreaRows rows_of(const AreaTable& t, const std::string& heading)
{
    return {heading,         t.area_id, t.classes, t.class_addresses, t.addresses, t.units, t.eligible_addresses,
            t.eligible_units};
}

report::AreaRows rows_of(const SummaryReport& s)
{
    report::AreaRows a;
    a.heading = s.by;
    a.id = s.groups;
    const Breakdown& c = breakdown(s, "class");
    a.classes = c.values;
    a.class_addresses = c.addresses;
    a.addresses = s.addresses;
    a.units = s.units;
    const Breakdown& e = breakdown(s, "eligible");
    a.eligible_addresses = CountVector::Zero(static_cast<Eigen::Index>(s.groups.size()));
    a.eligible_units = a.eligible_addresses;
    for (std::size_t k = 0; k < e.values.size(); ++k)
        if (e.values[k] == "true") {
            a.eligible_addresses = e.addresses.col(static_cast<Eigen::Index>(k));
            a.eligible_units = e.units.col(static_cast<Eigen::Index>(k));
        }
    return a;
}

} // namespace

ReportSummary run_report(const ReportOptions& o)
{
    const report::Locale locale = report::Locale::named(o.locale);
    if (o.output.empty()) throw UsageError("missing -o/--output (the .html file to write)");
    if (o.results.empty())
        throw UsageError("no RESULTS: give result files of coverage classify, or - for CSV on stdin");
    if (!o.areas.empty() && !o.by.empty()) throw UsageError("give --areas or --by, not both");
    if (!o.areas.empty() && o.area_id_field.empty())
        throw UsageError("--areas needs --area-id FIELD (the field that names each area)");
    if (o.plan_network.empty() != o.plan_summary.empty())
        throw UsageError("--plan-network and --plan-summary go together (the two outputs of coverage plan)");
    if (o.max_points == 0) throw UsageError("--max-points must be at least 1");
    // The page and every file it is made from join one set before anything is read: an
    // output that cannot be written, or that is one of the inputs, fails before the work.
    OutputSet outputs(o.overwrite);
    for (const auto& path : o.results) outputs.add_input(path);
    for (const std::string* path :
         {&o.areas, &o.classify_summary, &o.classify_rejects, &o.progress, &o.plan_summary, &o.plan_network})
        outputs.add_input(*path);
    AtomicPath& page_out = outputs.add(o.output);

    report::PageInput in;
    in.title = o.title;
    in.tool_version = o.tool_version;
    in.stamp = o.stamp;
    in.leaflet_js = read_asset(o.leaflet_dir, "leaflet.js");
    in.leaflet_css = inline_css(read_asset(o.leaflet_dir, "leaflet.css"));

    const ResultTable results = read_results(o.results, o.read);
    const SummaryReport totals = summarise(results, {});
    in.headline = headline_of(totals);
    ReportSummary out;
    out.addresses = results.size();

    if (!o.areas.empty()) {
        AggregateOptions a;
        a.mode = AreaMode::areas;
        a.areas = o.areas;
        a.area_id_field = o.area_id_field;
        a.areas_layer = o.areas_layer;
        a.areas_crs = o.areas_crs;
        const AreaTable t = aggregate(results, a);
        in.areas = rows_of(t, o.area_id_field);
        in.map.areas = report::areas_json(t);
    } else if (!o.by.empty()) {
        SummaryOptions s;
        s.by = o.by;
        in.areas = rows_of(summarise(results, s));
    } else {
        out.missing.emplace_back("--areas/--by");
    }
    if (in.areas) out.areas = in.areas->id.size();

    std::uint64_t located = 0;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (!std::isnan(results.lon[i])) ++located;
    in.map.located = located;
    in.map.max_points = o.max_points;
    if (located <= o.max_points) {
        in.map.points = report::points_json(results, in.headline.classes, in.map.strings, in.map.features);
    } else {
        AggregateOptions g;
        g.mode = AreaMode::grid;
        g.grid_m = 100;
        const AreaTable cells = aggregate(results, g);
        in.map.cells = report::cells_json(cells);
        in.map.features = cells.size();
        out.grid = true;
    }
    out.map_features = in.map.features;

    if (!o.classify_summary.empty()) {
        in.summary = report::read_classify_summary(o.classify_summary);
        if (builtin_profile_text(in.summary->profile_name)) {
            Profile p = load_profile(in.summary->profile_name);
            in.builtin_version = p.version;
            if (p.version == in.summary->profile_version) in.profile = std::move(p);
        }
    } else {
        out.missing.emplace_back("--classify-summary");
    }
    if (!o.classify_rejects.empty()) in.rejects = report::read_rejects(o.classify_rejects);
    else if (in.summary && in.summary->rejected > 0) out.missing.emplace_back("--classify-rejects");
    if (!o.progress.empty()) in.progress = report::read_progress(o.progress);
    else out.missing.emplace_back("--progress");
    if (!o.plan_summary.empty()) {
        in.plan = report::read_plan_summary(o.plan_summary);
        in.map.network = report::read_plan_network(o.plan_network);
    } else {
        out.missing.emplace_back("--plan-summary/--plan-network");
    }

    const std::string page = report::render_page(in, locale);
    page_out.write(page);
    outputs.commit();
    out.bytes = page.size();
    return out;
}

} // namespace coverage
