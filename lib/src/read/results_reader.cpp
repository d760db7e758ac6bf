#include "base/shrink.hpp"
#include "base/source_name.hpp"
#include "base/text.hpp"
#include "coverage/results.hpp"
#include "coverage/shard.hpp"
#include "read/class_words.hpp"
#include "read/id_index.hpp"
#include "read/result_rows.hpp"
#include "read/table_reader.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <numeric>
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

template <class T>
void permute(std::vector<T>& v, const std::vector<std::size_t>& order)
{
    std::vector<T> out;
    out.reserve(v.size());
    for (const std::size_t i : order) out.push_back(std::move(v[i]));
    v = std::move(out);
}

// Shards of one sharded classify run (coverage/shard.hpp) each carry input_order: rows are put
// in one unsharded run's order and the column, a merge key rather than data, is dropped.
void restore_input_order(ResultTable& t)
{
    const int k = t.extra_column(input_order_column);
    if (k < 0) return;
    const auto& col = t.extra[static_cast<std::size_t>(k)];
    std::vector<std::uint64_t> key(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string_view text = col[i];
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key[i]);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size())
            throw InputError(fmt::format("{}: {} '{}' is not a whole number; it is written by classify --shard "
                                         "and must not be edited",
                                         t.where(i), input_order_column, text));
    }
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    t.extra.erase(t.extra.begin() + k);
    t.extra_names.erase(t.extra_names.begin() + k);
    std::erase_if(t.all_extra_names, [](const std::string& n) { return fold(n) == input_order_column; });
    t.id.permute(order);
    if (!t.lon.empty()) {
        permute(t.lon, order);
        permute(t.lat, order);
    }
    if (!t.units.empty()) permute(t.units, order);
    t.category.permute(order);
    t.class_name.permute(order);
    t.tier.permute(order);
    t.reason.permute(order);
    t.providers.permute(order);
    permute(t.eligible, order);
    for (auto& e : t.extra) e.permute(order);
    permute(t.input, order);
    permute(t.source_row, order);
}

} // namespace

std::vector<std::string> documented_class_order(const std::vector<std::string>& words)
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

const TextColumn& ResultTable::text_column(std::string_view name) const
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
        std::vector<std::string> names{std::string(col::id),   std::string(col::category), std::string(col::class_name),
                                       std::string(col::tier), std::string(col::reason),   std::string(col::providers)};
        names.insert(names.end(), all_extra_names.begin(), all_extra_names.end());
        throw InputError(fmt::format("{}: no column '{}'; columns are: {} (classify --keep {} copies an address "
                                     "column into the results)",
                                     fmt::join(inputs, ", "), name, fmt::join(names, ", "), name));
    }
    return extra[static_cast<std::size_t>(k)];
}

std::string ResultTable::where(std::size_t row) const
{
    const std::string& path = inputs[input[row]];
    return fmt::format("{}:{}{}", path == "-" ? "<stdin>" : path, is_csv_path(path) ? "" : "feature ", source_row[row]);
}

void ResultTable::reserve(std::size_t rows, const ResultSelection& keep)
{
    for (TextColumn* c : {&id, &category, &class_name, &tier, &reason, &providers}) c->reserve(rows);
    for (TextColumn& c : extra) c.reserve(rows);
    if (keep.coordinates) {
        lon.reserve(rows);
        lat.reserve(rows);
    }
    if (keep.units) units.reserve(rows);
    eligible.reserve(rows);
    input.reserve(rows);
    source_row.reserve(rows);
}

void ResultTable::shrink_to_fit()
{
    for (TextColumn* c : {&id, &category, &class_name, &tier, &reason, &providers}) c->shrink_to_fit();
    for (TextColumn& c : extra) c.shrink_to_fit();
    for (auto* v : {&lon, &lat}) shrink_if_loose(*v);
    shrink_if_loose(units);
    shrink_if_loose(eligible);
    shrink_if_loose(input);
    shrink_if_loose(source_row);
}

ResultRows::ResultRows(const std::string& path, const ReadOptions& options)
    : in_(TableReader::open(path, options)), shown_(path == "-" ? "<stdin>" : display_source(path))
{
    TableReader& in = *in_;
    c_id_ = in.column(col::id);
    c_class_ = in.column(col::class_name);
    if (c_id_ < 0 || c_class_ < 0)
        throw InputError(fmt::format("{}: no '{}' column; this does not look like the output of coverage classify "
                                     "(columns are: {})",
                                     shown_, c_id_ < 0 ? col::id : col::class_name, fmt::join(in.columns(), ", ")));
    c_lon_ = in.column(col::lon), c_lat_ = in.column(col::lat), c_units_ = in.column(col::units),
    c_cat_ = in.column(col::category), c_tier_ = in.column(col::tier), c_elig_ = in.column(col::eligible),
    c_reason_ = in.column(col::reason), c_prov_ = in.column(col::providers);
    c_stamp_[0] = in.column(col::profile), c_stamp_[1] = in.column(col::profile_version);
    c_stamp_[2] = in.column(col::as_of), c_stamp_[3] = in.column(col::coverage_version);
    if (c_elig_ < 0)
        throw InputError(fmt::format("{}: no 'eligible' column; this does not look like the output of coverage "
                                     "classify",
                                     shown_));
    // Extra columns: everything not read into a typed column.
    const std::vector<int> fixed{c_id_,   c_class_,  c_lon_,  c_lat_,      c_units_,    c_cat_,      c_tier_,
                                 c_elig_, c_reason_, c_prov_, c_stamp_[0], c_stamp_[1], c_stamp_[2], c_stamp_[3]};
    for (int c = 0; c < static_cast<int>(in.columns().size()); ++c) {
        if (std::find(fixed.begin(), fixed.end(), c) != fixed.end()) continue;
        extra_names_.push_back(in.columns()[static_cast<std::size_t>(c)]);
        extra_cols_.push_back(c);
    }
    // Without lon/lat columns, a point geometry in any CRS gives the coordinates.
    use_geometry_ = (c_lon_ < 0 || c_lat_ < 0) && in.has_geometry();
    if (use_geometry_ && in.spatial_reference()) {
        OGRSpatialReference srs(*in.spatial_reference());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        to_wgs84_.reset(OGRCreateCoordinateTransformation(&srs, &gdal::wgs84()));
    }
}

ResultRows::~ResultRows() = default;

double ResultRows::number(int column, int kind, const char* field) const
{
    if (column < 0) return nan;
    const std::string_view text = in_->field(column);
    const ParsedNumber n = parse_number(text, static_cast<NumberKind>(kind));
    if (!n.error.empty())
        throw InputError(fmt::format("{}: {} is not a number ('{}'): {}", in_->where(), field, text, n.error));
    return n.value ? *n.value : nan;
}

bool ResultRows::next(ResultRecord& r)
{
    TableReader& in = *in_;
    if (!in.next()) return false;
    if (auto problem = in.row_problem()) throw InputError(fmt::format("{}: {}", in.where(), *problem));
    r.id = trim(in.field(c_id_));
    if (r.id.empty()) throw InputError(fmt::format("{}: empty id; every result row needs its address id", in.where()));
    double lon = number(c_lon_, static_cast<int>(NumberKind::coordinate), "lon");
    double lat = number(c_lat_, static_cast<int>(NumberKind::coordinate), "lat");
    if (use_geometry_) {
        if (auto pt = in.point()) {
            double x = pt->x, y = pt->y;
            if (to_wgs84_ && !to_wgs84_->Transform(1, &x, &y))
                throw InputError(fmt::format("{}: cannot transform the point to WGS84", in.where()));
            lon = x;
            lat = y;
        }
    }
    if (std::isnan(lon) != std::isnan(lat))
        throw InputError(fmt::format("{}: lon and lat must both be given or both be empty", in.where()));
    if (!std::isnan(lon) && (lon < -180 || lon > 180 || lat < -90 || lat > 90))
        throw InputError(fmt::format("{}: lon/lat ({}, {}) outside WGS84 range", in.where(), lon, lat));
    const double units = number(c_units_, static_cast<int>(NumberKind::quantity), "units");
    if (!std::isnan(units) && (units != std::floor(units) || units > 4294967295.0))
        throw InputError(fmt::format("{}: units is not a whole number ('{}')", in.where(), in.field(c_units_)));
    const std::string elig = fold(in.field(c_elig_));
    if (elig == "true" || elig == "1") r.eligible = 1;
    else if (elig == "false" || elig == "0") r.eligible = 0;
    else throw InputError(fmt::format("{}: eligible must be true or false, not '{}'", in.where(), in.field(c_elig_)));
    r.class_name = trim(in.field(c_class_));
    if (r.class_name.empty()) throw InputError(fmt::format("{}: empty class", in.where()));
    r.lon = lon;
    r.lat = lat;
    r.units = std::isnan(units) ? 1U : static_cast<std::uint32_t>(units);
    r.category = trim(in.field(c_cat_));
    r.tier = trim(in.field(c_tier_));
    r.reason = in.field(c_reason_);
    r.providers = in.field(c_prov_);
    for (int k = 0; k < 4; ++k) r.stamp[k] = c_stamp_[k] < 0 ? std::string_view() : trim(in.field(c_stamp_[k]));
    return true;
}

ResultTable read_results(const std::vector<std::string>& paths, const ReadOptions& options, const ResultSelection& keep)
{
    if (paths.empty()) throw UsageError("no input: give one or more result files of coverage classify, or - for stdin");
    ResultTable t;
    for (const auto& path : paths) t.inputs.push_back(display_source(path)); // names for messages
    // The ids read so far, as row numbers hashed and compared by their id (no second copy).
    IdIndex seen = id_index(t.id);
    bool all_ordered = true;          // every input carries input_order (the shards of one sharded run)
    std::optional<RunStamp> last_run; // the previous row's stamp as read
    for (std::uint32_t p = 0; p < paths.size(); ++p) {
        ResultRows in(paths[p], options);
        // Extra columns matched by name across shards (input_order always kept: the shards' order).
        auto wanted = [&](const std::string& name) {
            return keep.all_extras || fold(name) == input_order_column ||
                   std::any_of(keep.extras.begin(), keep.extras.end(),
                               [&](const std::string& e) { return fold(e) == fold(name); });
        };
        for (const auto& name : in.extra_names()) {
            if (std::none_of(t.all_extra_names.begin(), t.all_extra_names.end(),
                             [&](const std::string& n) { return fold(n) == fold(name); }))
                t.all_extra_names.push_back(name);
            if (wanted(name) && t.extra_column(name) < 0) {
                t.extra_names.push_back(name);
                t.extra.emplace_back(t.size());
            }
        }
        // For each of the table's extra columns, the file's column, or -1 (empty values).
        std::vector<int> source(t.extra.size(), -1);
        for (std::size_t k = 0; k < in.extra_names().size(); ++k)
            if (const int e = t.extra_column(in.extra_names()[k]); e >= 0)
                source[static_cast<std::size_t>(e)] = static_cast<int>(k);
        if (std::none_of(in.extra_names().begin(), in.extra_names().end(),
                         [](const std::string& n) { return fold(n) == input_order_column; }))
            all_ordered = false;
        // Room for the file's rows (estimated from its size, with a little to spare), and after
        // the first rows for its ids' bytes: no doubling, no copy of a half-read table.
        const std::size_t first_row = t.size(), estimate = in.estimated_rows();
        const std::size_t expected = first_row + estimate + estimate / 32;
        if (estimate > 0) {
            t.reserve(expected, keep);
            seen.reserve(expected);
        }
        ResultRecord r;
        while (in.next(r)) {
            const auto row = static_cast<std::uint32_t>(t.size());
            if (estimate > 0 && row == first_row + 4096 && expected > row)
                t.id.reserve(expected, t.id.value_bytes() + (t.id.value_bytes() / (row + 1) + 1) * (expected - row));
            if (const auto it = seen.find(r.id); it != seen.end())
                throw InputError(fmt::format("{}: id '{}' already read at {}; shards must not overlap (split the "
                                             "addresses, not the offers)",
                                             in.where(), r.id, t.where(*it)));
            t.id.push_back(r.id);
            seen.insert(std::uint32_t{row});
            if (keep.coordinates) {
                t.lon.push_back(r.lon);
                t.lat.push_back(r.lat);
            }
            if (keep.units) t.units.push_back(r.units);
            t.category.push_back(r.category);
            t.class_name.push_back(r.class_name);
            t.tier.push_back(r.tier);
            t.eligible.push_back(r.eligible);
            t.reason.push_back(r.reason);
            t.providers.push_back(r.providers);
            for (std::size_t k = 0; k < t.extra.size(); ++k)
                t.extra[k].push_back(source[k] < 0 ? std::string_view()
                                                   : in.extra(static_cast<std::size_t>(source[k])));
            // The run stamp: one per run, so compare with the previous row's before copying.
            if (!last_run || last_run->profile != r.stamp[0] || last_run->profile_version != r.stamp[1] ||
                last_run->as_of != r.stamp[2] || last_run->coverage_version != r.stamp[3]) {
                last_run = RunStamp{std::string(r.stamp[0]), std::string(r.stamp[1]), std::string(r.stamp[2]),
                                    std::string(r.stamp[3])};
                RunStamp stamp = *last_run;
                // GDAL reads an ISO date back from GeoJSON as a date field, YYYY/MM/DD.
                std::string& d = stamp.as_of;
                if (d.size() == 10 && d[4] == '/' && d[7] == '/') d[4] = d[7] = '-';
                if (std::find(t.runs.begin(), t.runs.end(), stamp) == t.runs.end()) t.runs.push_back(stamp);
            }
            t.input.push_back(p);
            t.source_row.push_back(in.row_number());
        }
    }
    if (all_ordered) restore_input_order(t);
    t.shrink_to_fit();
    return t;
}

} // namespace coverage
