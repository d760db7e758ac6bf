#include "base/source_name.hpp"
#include "read/table_reader.hpp"
#include "base/text.hpp"
#include "coverage/results.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <optional>

namespace coverage {
namespace {

namespace col = result_column;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string fold(std::string_view s) { return ascii_lower(trim(s)); }

std::vector<std::string> ordered(const std::vector<std::string>& words, std::initializer_list<std::string_view> known)
{
    std::vector<std::string> out, rest;
    for (const auto k : known)
        if (std::find(words.begin(), words.end(), k) != words.end()) out.emplace_back(k);
    for (const auto& w : words) {
        if (w.empty() || std::find(known.begin(), known.end(), w) != known.end()) continue;
        if (std::find(rest.begin(), rest.end(), w) == rest.end()) rest.push_back(w);
    }
    std::sort(rest.begin(), rest.end());
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace

std::vector<std::string> ordered_classes(const std::vector<std::string>& words)
{
    return ordered(words, {"white", "grey", "served", "black", "under_review", "unserved", "underserved", "dark_grey",
                           "below_uso", "decent", "superfast", "ultrafast", "gigabit"});
}

std::vector<std::string> ordered_tiers(const std::vector<std::string>& words)
{
    return ordered(words, {"none", "unserved", "below_uso", "basic", "decent", "nga", "superfast", "underserved",
                           "ngaplus", "served", "ultrafast", "vhcn", "gigabit_rl2", "gigabit"});
}

const char* coverage_version() { return COVERAGE_VERSION; }

int ResultTable::extra_column(std::string_view name) const
{
    const std::string f = fold(name);
    for (std::size_t i = 0; i < extra_names.size(); ++i)
        if (fold(extra_names[i]) == f) return static_cast<int>(i);
    return -1;
}

const std::vector<std::string>& ResultTable::text_column(std::string_view name) const
{
    const std::string f = fold(name);
    if (f == col::id) return id;
    if (f == col::category) return category;
    if (f == col::class_name) return class_name;
    if (f == col::tier) return tier;
    if (f == col::reason) return reason;
    if (f == col::providers) return providers;
    const int k = extra_column(name);
    if (k < 0) {
        std::vector<std::string> names{std::string(col::id), std::string(col::category), std::string(col::class_name),
                                       std::string(col::tier), std::string(col::reason), std::string(col::providers)};
        names.insert(names.end(), extra_names.begin(), extra_names.end());
        throw InputError(fmt::format("{}: no column '{}'; columns are: {} (classify --keep {} copies an address "
                                     "column into the results)",
                                     fmt::join(inputs, ", "), name, fmt::join(names, ", "), name));
    }
    return extra[static_cast<std::size_t>(k)];
}

std::string ResultTable::where(std::size_t row) const
{
    const std::string& path = inputs[input[row]];
    return fmt::format("{}:{}{}", path == "-" ? "<stdin>" : path, is_csv_path(path) ? "" : "feature ",
                       source_row[row]);
}

ResultTable read_results(const std::vector<std::string>& paths, const ReadOptions& options)
{
    if (paths.empty()) throw UsageError("no input: give one or more result files of coverage classify, or - for stdin");
    ResultTable t;
    for (const auto& path : paths) t.inputs.push_back(display_source(path));  // names for messages
    absl::flat_hash_map<std::string, std::uint32_t> seen;
    std::optional<RunStamp> last_run;  // the previous row's stamp as read
    for (std::uint32_t p = 0; p < paths.size(); ++p) {
        const std::string& path = paths[p];
        const std::string shown = path == "-" ? "<stdin>" : display_source(path);
        auto in = TableReader::open(path, options);
        const int c_id = in->column(col::id), c_class = in->column(col::class_name);
        if (c_id < 0 || c_class < 0)
            throw InputError(fmt::format("{}: no '{}' column; this does not look like the output of coverage classify "
                                         "(columns are: {})",
                                         shown, c_id < 0 ? col::id : col::class_name, fmt::join(in->columns(), ", ")));
        const int c_stamp[4] = {in->column(col::profile), in->column(col::profile_version), in->column(col::as_of),
                                in->column(col::coverage_version)};
        const int c_lon = in->column(col::lon), c_lat = in->column(col::lat), c_units = in->column(col::units),
                  c_cat = in->column(col::category), c_tier = in->column(col::tier), c_elig = in->column(col::eligible),
                  c_reason = in->column(col::reason), c_prov = in->column(col::providers);
        if (c_elig < 0)
            throw InputError(fmt::format("{}: no 'eligible' column; this does not look like the output of coverage "
                                         "classify",
                                         shown));
        // Extra columns: everything not read into a typed column, matched by name across shards.
        std::vector<std::pair<int, std::size_t>> extras;  // (input column, extra index)
        const std::vector<int> fixed{c_id,   c_class,  c_lon,      c_lat,      c_units,    c_cat,     c_tier,
                                     c_elig, c_reason, c_prov,     c_stamp[0], c_stamp[1], c_stamp[2], c_stamp[3]};
        for (int c = 0; c < static_cast<int>(in->columns().size()); ++c) {
            if (std::find(fixed.begin(), fixed.end(), c) != fixed.end()) continue;
            const std::string& name = in->columns()[static_cast<std::size_t>(c)];
            int k = t.extra_column(name);
            if (k < 0) {
                k = static_cast<int>(t.extra_names.size());
                t.extra_names.push_back(name);
                t.extra.emplace_back(t.size());
            }
            extras.emplace_back(c, static_cast<std::size_t>(k));
        }
        // Without lon/lat columns, a point geometry in any CRS gives the coordinates.
        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        const bool use_geometry = (c_lon < 0 || c_lat < 0) && in->has_geometry();
        if (use_geometry && in->spatial_reference()) {
            OGRSpatialReference srs(*in->spatial_reference());
            srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_wgs84.reset(OGRCreateCoordinateTransformation(&srs, &gdal::wgs84()));
        }
        auto number = [&](int col, NumberKind kind, const char* field) -> double {
            if (col < 0) return nan;
            const std::string_view text = in->field(col);
            const ParsedNumber n = parse_number(text, kind);
            if (!n.error.empty())
                throw InputError(fmt::format("{}: {} is not a number ('{}'): {}", in->where(), field, text, n.error));
            return n.value ? *n.value : nan;
        };
        while (in->next()) {
            if (auto problem = in->row_problem()) throw InputError(fmt::format("{}: {}", in->where(), *problem));
            const std::string_view id = trim(in->field(c_id));
            if (id.empty()) throw InputError(fmt::format("{}: empty id; every result row needs its address id", in->where()));
            const auto row = static_cast<std::uint32_t>(t.size());
            auto [it, fresh] = seen.try_emplace(std::string(id), row);
            if (!fresh)
                throw InputError(fmt::format("{}: id '{}' already read at {}; shards must not overlap (split the "
                                             "addresses, not the offers)",
                                             in->where(), id, t.where(it->second)));
            double lon = number(c_lon, NumberKind::coordinate, "lon");
            double lat = number(c_lat, NumberKind::coordinate, "lat");
            if (use_geometry) {
                if (auto pt = in->point()) {
                    double x = pt->x, y = pt->y;
                    if (to_wgs84 && !to_wgs84->Transform(1, &x, &y))
                        throw InputError(fmt::format("{}: cannot transform the point to WGS84", in->where()));
                    lon = x;
                    lat = y;
                }
            }
            if (std::isnan(lon) != std::isnan(lat))
                throw InputError(fmt::format("{}: lon and lat must both be given or both be empty", in->where()));
            if (!std::isnan(lon) && (lon < -180 || lon > 180 || lat < -90 || lat > 90))
                throw InputError(fmt::format("{}: lon/lat ({}, {}) outside WGS84 range", in->where(), lon, lat));
            const double units = number(c_units, NumberKind::quantity, "units");
            if (!std::isnan(units) && (units != std::floor(units) || units > 4294967295.0))
                throw InputError(fmt::format("{}: units is not a whole number ('{}')", in->where(), in->field(c_units)));
            const std::string elig = fold(in->field(c_elig));
            std::uint8_t e = 0;
            if (elig == "true" || elig == "1") e = 1;
            else if (elig == "false" || elig == "0") e = 0;
            else
                throw InputError(fmt::format("{}: eligible must be true or false, not '{}'", in->where(),
                                             in->field(c_elig)));
            const std::string_view cls = trim(in->field(c_class));
            if (cls.empty()) throw InputError(fmt::format("{}: empty class", in->where()));

            t.id.emplace_back(id);
            t.lon.push_back(lon);
            t.lat.push_back(lat);
            t.units.push_back(std::isnan(units) ? 1U : static_cast<std::uint32_t>(units));
            t.category.emplace_back(trim(in->field(c_cat)));
            t.class_name.emplace_back(cls);
            t.tier.emplace_back(trim(in->field(c_tier)));
            t.eligible.push_back(e);
            t.reason.emplace_back(in->field(c_reason));
            t.providers.emplace_back(in->field(c_prov));
            for (auto& col : t.extra) col.emplace_back();
            for (const auto& [c, k] : extras) t.extra[k].back() = std::string(in->field(c));
            // The run stamp: one per run, so compare with the previous row's before copying.
            auto stamp_field = [&](int k) { return c_stamp[k] < 0 ? std::string_view() : trim(in->field(c_stamp[k])); };
            if (!last_run || last_run->profile != stamp_field(0) || last_run->profile_version != stamp_field(1) ||
                last_run->as_of != stamp_field(2) || last_run->coverage_version != stamp_field(3)) {
                last_run = RunStamp{std::string(stamp_field(0)), std::string(stamp_field(1)),
                                    std::string(stamp_field(2)), std::string(stamp_field(3))};
                RunStamp stamp = *last_run;
                // GDAL reads an ISO date back from GeoJSON as a date field, YYYY/MM/DD.
                std::string& d = stamp.as_of;
                if (d.size() == 10 && d[4] == '/' && d[7] == '/') d[4] = d[7] = '-';
                if (std::find(t.runs.begin(), t.runs.end(), stamp) == t.runs.end()) t.runs.push_back(stamp);
            }
            t.input.push_back(p);
            t.source_row.push_back(in->row_number());
        }
    }
    return t;
}

} // namespace coverage
