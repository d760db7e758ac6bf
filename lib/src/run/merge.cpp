#include "coverage/merge.hpp"

#include "base/source_name.hpp"
#include "base/text.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "coverage/results.hpp"
#include "coverage/shard.hpp"
#include "coverage/technology.hpp"
#include "coverage/version.hpp"
#include "read/result_rows.hpp"
#include "read/table_reader.hpp"
#include "write/result_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cpl_error.h>
#include <cpl_json.h>
#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <optional>
#include <queue>

namespace coverage {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One shard as its summary describes it.
struct ShardSummary {
    std::string path; // the summary file, as given
    Shard shard;
    ClassifyReport report;
    std::string result, rejects; // resolved against the summary's folder; rejects may be empty
};

std::uint64_t count(const CPLJSONObject& o, const char* key) { return static_cast<std::uint64_t>(o.GetLong(key)); }

Count counts(const CPLJSONObject& o) { return {count(o, "addresses"), count(o, "units")}; }

ShardSummary read_shard_summary(const std::string& path)
{
    CPLJSONDocument doc;
    CPLErrorReset();
    if (!doc.Load(path))
        throw InputError(fmt::format("{}: cannot read the shard summary ({}); give the --summary files of "
                                     "classify --shard",
                                     path, CPLGetLastErrorMsg()));
    const CPLJSONObject root = doc.GetRoot();
    ShardSummary s;
    s.path = path;
    const std::string label = root.GetString("shard");
    if (label.empty())
        throw InputError(fmt::format("{}: not the summary of a shard (no \"shard\"); merge takes the --summary "
                                     "files of classify --shard I/N",
                                     path));
    s.shard = parse_shard(label, path + ": \"shard\"");
    ClassifyReport& r = s.report;
    r.shard = s.shard;
    r.profile_name = root.GetString("profile/name");
    r.profile_version = root.GetString("profile/version");
    r.as_of = root.GetString("as_of");
    r.horizon_end = root.GetString("horizon_end");
    r.working_crs = root.GetString("working_crs");
    r.total = {count(root, "addresses"), count(root, "units")};
    r.eligible = counts(root.GetObj("eligible"));
    for (const auto& [key, list] : {std::pair{"class", &r.classes}, std::pair{"tier", &r.tiers}}) {
        const CPLJSONArray a = root.GetArray(std::string(key) + (std::string_view(key) == "class" ? "es" : "s"));
        for (int i = 0; i < a.Size(); ++i) list->push_back({a[i].GetString(key), counts(a[i])});
    }
    const CPLJSONArray inputs = root.GetArray("inputs");
    for (int i = 0; i < inputs.Size(); ++i) {
        const CPLJSONObject in = inputs[i];
        InputAccount a;
        a.role = in.GetString("role");
        a.file = in.GetString("file");
        a.sha256 = in.GetString("sha256");
        a.read = count(in, "read");
        a.used = count(in, "used");
        a.rejected = count(in, "rejected");
        a.repaired = count(in, "repaired");
        a.skipped = count(in, "skipped");
        r.inputs.push_back(a);
    }
    r.rejected = count(root, "rejected");
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(path).parent_path();
    const std::string result = root.GetString("shard_outputs/result");
    const std::string rejects = root.GetString("shard_outputs/rejects");
    if (result.empty())
        throw InputError(fmt::format("{}: names no result file (\"shard_outputs\"); was it written by classify "
                                     "--shard?",
                                     path));
    s.result = (dir / result).string();
    if (!rejects.empty()) s.rejects = (dir / rejects).string();
    return s;
}

// Every input is read whole by every shard: the same files with the same bytes, and for the
// evidence read whole (footprints, routes) the same counts.
void check_same_run(const ShardSummary& a, const ShardSummary& b)
{
    auto differ = [&](const char* what, const std::string& x, const std::string& y) {
        if (x != y)
            throw InputError(fmt::format("{} and {}: different {} ('{}' and '{}'); these shards are not of one run",
                                         a.path, b.path, what, x, y));
    };
    differ("shard counts", fmt::format("{}", a.shard.count), fmt::format("{}", b.shard.count));
    differ("profiles", a.report.profile_name + " " + a.report.profile_version,
           b.report.profile_name + " " + b.report.profile_version);
    differ("--as-of dates", a.report.as_of, b.report.as_of);
    differ("horizons", a.report.horizon_end, b.report.horizon_end);
    differ("working CRS", a.report.working_crs, b.report.working_crs);
    differ("numbers of inputs", fmt::format("{}", a.report.inputs.size()), fmt::format("{}", b.report.inputs.size()));
    for (std::size_t i = 0; i < a.report.inputs.size(); ++i) {
        const InputAccount &x = a.report.inputs[i], &y = b.report.inputs[i];
        differ("inputs", x.role + " " + x.file, y.role + " " + y.file);
        differ(fmt::format("checksums of {}", x.file).c_str(), x.sha256, y.sha256);
        differ(fmt::format("row counts of {}", x.file).c_str(), fmt::format("{}", x.read), fmt::format("{}", y.read));
        if (x.role != "addresses" && x.role != "offers")
            differ(fmt::format("accounts of {}", x.file).c_str(),
                   fmt::format("used {} rejected {} repaired {}", x.used, x.rejected, x.repaired),
                   fmt::format("used {} rejected {} repaired {}", y.used, y.rejected, y.repaired));
    }
}

bool sharded_role(const std::string& role) { return role == "addresses" || role == "offers"; }

// What one unsharded run would have reported: counts summed, evidence read whole taken once.
ClassifyReport merged_report(const std::vector<ShardSummary>& shards)
{
    ClassifyReport r = shards.front().report;
    r.shard = {};
    r.total = r.eligible = {};
    r.classes.clear();
    r.tiers.clear();
    for (auto& in : r.inputs) {
        in.skipped = 0;
        if (sharded_role(in.role)) in.used = in.rejected = 0;
    }
    for (const auto& s : shards) {
        const ClassifyReport& x = s.report;
        add_counts(r, x);
        for (std::size_t i = 0; i < r.inputs.size(); ++i)
            if (sharded_role(r.inputs[i].role)) {
                r.inputs[i].used += x.inputs[i].used;
                r.inputs[i].rejected += x.inputs[i].rejected;
            }
    }
    r.rejected = 0;
    for (const auto& in : r.inputs) {
        r.rejected += in.rejected;
        // Every row of a sharded input is used or rejected in exactly one shard.
        if (sharded_role(in.role) && in.used + in.rejected != in.read)
            throw InputError(fmt::format("{}: the shards account for {} of its {} rows (used {} + rejected {}); a "
                                         "shard ran with other options or a shard file is from another run",
                                         in.file, in.used + in.rejected, in.read, in.used, in.rejected));
    }
    return r;
}

double number_or_nan(std::string_view text, const ResultRows& in, std::string_view column)
{
    text = trim(text);
    if (text.empty()) return nan;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw InputError(fmt::format("{}: {} is not a number ('{}')", in.where(), column, text));
    return v;
}

bool flag(std::string_view text) { return text == "true" || text == "1"; }

// One shard's result file, read in step with the others.
struct ShardRows {
    const ShardSummary* shard = nullptr;
    std::unique_ptr<ResultRows> rows;
    ResultRecord row;
    std::uint64_t key = 0;   // input_order of the current row
    std::uint64_t count = 0; // rows read
    int order = -1;
    std::vector<int> computed, keep; // extra index of each computed / kept column
};

int extra_index(const ResultRows& rows, std::string_view name)
{
    const auto& names = rows.extra_names();
    for (std::size_t k = 0; k < names.size(); ++k)
        if (ascii_lower(names[k]) == ascii_lower(name)) return static_cast<int>(k);
    return -1;
}

// The result columns a shard holds as text (ResultRows' extras), in the order used below.
constexpr std::string_view computed_columns[] = {result_column::best_down_mbps,   result_column::best_up_mbps,
                                                 result_column::best_technology,  result_column::networks,
                                                 result_column::gigabit_networks, result_column::planned_gigabit,
                                                 result_column::nearest_route_m,  result_column::gigabit_planned_date};

bool advance(ShardRows& s)
{
    const std::uint64_t before = s.key;
    if (!s.rows->next(s.row)) return false;
    const std::string_view text = trim(s.rows->extra(static_cast<std::size_t>(s.order)));
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), s.key);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw InputError(fmt::format("{}: {} '{}' is not a whole number; it is written by classify --shard and must "
                                     "not be edited",
                                     s.rows->where(), input_order_column, text));
    if (s.count++ > 0 && s.key <= before)
        throw InputError(fmt::format("{}: rows are not in the order classify --shard wrote them ({} {} after {}); "
                                     "merge the files as the shards wrote them",
                                     s.rows->where(), input_order_column, s.key, before));
    if (shard_of(s.row.id, s.shard->shard.count) != s.shard->shard.index)
        throw InputError(fmt::format("{}: address '{}' belongs to shard {}/{}, not to {} (the shard of {}); the "
                                     "file is from another run",
                                     s.rows->where(), s.row.id, shard_of(s.row.id, s.shard->shard.count),
                                     s.shard->shard.count, s.shard->shard.label(), s.shard->path));
    return true;
}

// Streams the shards' rows in one run's order (the smallest input_order first) through the
// result writer, a block of rows at a time: memory stays a block per shard.
void write_results(const std::vector<ShardSummary>& shards, const MergeOptions& o, AtomicPath& out,
                   const std::vector<std::string>& class_words)
{
    std::vector<ShardRows> in(shards.size());
    std::vector<std::string> keep_names;
    for (std::size_t k = 0; k < shards.size(); ++k) {
        ShardRows& s = in[k];
        s.shard = &shards[k];
        s.rows = std::make_unique<ResultRows>(shards[k].result, ReadOptions{});
        s.order = extra_index(*s.rows, input_order_column);
        if (s.order < 0)
            throw InputError(fmt::format("{}: no {} column; merge takes the outputs of classify --shard",
                                         s.rows->shown(), input_order_column));
        for (const auto name : computed_columns) {
            s.computed.push_back(extra_index(*s.rows, name));
            if (s.computed.back() < 0)
                throw InputError(
                    fmt::format("{}: no '{}' column; this is not a complete classify output", s.rows->shown(), name));
        }
        if (k == 0) {
            const auto& fixed = result_columns();
            for (const auto& name : s.rows->extra_names())
                if (std::find(fixed.begin(), fixed.end(), ascii_lower(name)) == fixed.end() &&
                    ascii_lower(name) != input_order_column)
                    keep_names.push_back(name);
        }
        for (const auto& name : keep_names) {
            s.keep.push_back(extra_index(*s.rows, name));
            if (s.keep.back() < 0)
                throw InputError(fmt::format("{}: no '{}' column, which {} has; the shards ran with different --keep",
                                             s.rows->shown(), name, in[0].rows->shown()));
        }
    }
    using Head = std::pair<std::uint64_t, std::size_t>; // (input_order, shard)
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (std::size_t k = 0; k < in.size(); ++k)
        if (advance(in[k])) heads.push({in[k].key, k});

    // The run stamp is the same on every row of one run; GDAL reads an ISO date back from
    // GeoJSON as YYYY/MM/DD.
    std::optional<RunStamp> stamp;
    auto row_stamp = [](const ResultRecord& r) {
        RunStamp s{std::string(r.stamp[0]), std::string(r.stamp[1]), std::string(r.stamp[2]), std::string(r.stamp[3])};
        std::string& d = s.as_of;
        if (d.size() == 10 && d[4] == '/' && d[7] == '/') d[4] = d[7] = '-';
        return s;
    };
    std::unique_ptr<ResultWriter> writer;
    ProviderTable providers;
    constexpr std::size_t block_rows = 65536;
    AddressTable block;
    std::vector<Classification> classes;
    std::vector<double> nearest;
    auto fresh_block = [&] {
        block = AddressTable{};
        block.keep_names = keep_names;
        block.keep.resize(keep_names.size());
        classes.clear();
        nearest.clear();
    };
    auto flush = [&](bool geometry) {
        block.has_geometry = geometry;
        if (!writer) {
            ResultFormat format;
            format.layer = o.output_layer;
            writer = make_result_writer(o.output, &out, block, providers, o.overwrite, format);
            writer->set_classes(class_words); // a GeoPackage holds the QGIS style, as classify's does
        }
        for (std::size_t i = 0; i < block.size(); ++i) {
            ResultRow r{&classes[i], nullptr};
            r.nearest_route_m = nearest[i];
            if (stamp && stamp->recorded()) r.stamp = &*stamp;
            writer->write(block, i, r);
        }
        fresh_block();
    };
    fresh_block();
    bool geometry = true, first = true, previous = false;
    std::uint64_t last = 0;
    while (!heads.empty()) {
        const std::size_t k = heads.top().second;
        heads.pop();
        ShardRows& s = in[k];
        if (previous && s.key == last)
            throw InputError(fmt::format("{}: {} {} appears in two shards; the files are from different runs",
                                         s.rows->where(), input_order_column, s.key));
        previous = true;
        last = s.key;
        const ResultRecord& r = s.row;
        if (!stamp) stamp = row_stamp(r);
        else if (row_stamp(r) != *stamp)
            throw InputError(fmt::format("{}: profile, as-of date or coverage version differ from the other shards' "
                                         "rows; the files are from different runs",
                                         s.rows->where()));
        const bool has_point = !std::isnan(r.lon);
        if (first) geometry = has_point;
        else if (has_point != geometry)
            throw InputError(fmt::format(
                "{}: some rows have coordinates and some not; the shards are of different runs", s.rows->where()));
        first = false;
        block.id.push_back(r.id);
        block.lon.push_back(r.lon);
        block.lat.push_back(r.lat);
        block.units.push_back(r.units);
        block.category.push_back(r.category);
        for (std::size_t j = 0; j < s.keep.size(); ++j)
            block.keep[j].push_back(s.rows->extra(static_cast<std::size_t>(s.keep[j])));
        auto text = [&](std::size_t j) { return trim(s.rows->extra(static_cast<std::size_t>(s.computed[j]))); };
        Classification& c = classes.emplace_back();
        c.class_name = r.class_name;
        c.tier = r.tier;
        c.eligible = r.eligible != 0;
        c.best_down_mbps = number_or_nan(text(0), *s.rows, computed_columns[0]);
        c.best_up_mbps = number_or_nan(text(1), *s.rows, computed_columns[1]);
        c.has_best = !text(2).empty();
        if (c.has_best) {
            const auto tech = parse_technology(text(2));
            if (!tech) throw InputError(fmt::format("{}: unknown best_technology '{}'", s.rows->where(), text(2)));
            c.best_technology = *tech;
        }
        c.networks = static_cast<int>(number_or_nan(text(3), *s.rows, computed_columns[3]));
        c.target_networks = static_cast<int>(number_or_nan(text(4), *s.rows, computed_columns[4]));
        c.planned_target = flag(text(5));
        if (!text(7).empty()) {
            const auto day = parse_iso_date(text(7));
            if (!day)
                throw InputError(
                    fmt::format("{}: gigabit_planned_date '{}' is not a YYYY-MM-DD date", s.rows->where(), text(7)));
            c.target_planned_date = *day;
        }
        c.reason = r.reason;
        c.providers = r.providers;
        nearest.push_back(number_or_nan(text(6), *s.rows, computed_columns[6]));
        // The row's views die with the next read: everything is copied above.
        if (advance(s)) heads.push({s.key, k});
        if (block.size() >= block_rows) flush(geometry);
    }
    flush(geometry);
    for (const auto& s : in)
        if (s.count != s.shard->report.total.addresses)
            throw InputError(fmt::format("{}: holds {} addresses, its summary {} counts {}; the files are from "
                                         "different runs",
                                         s.rows->shown(), s.count, s.shard->path, s.shard->report.total.addresses));
    writer->finish();
}

// The shards' rejects in one run's order: input by input as the summary lists them; the rows
// of a sharded input (addresses, offers) in row order over all shards; the evidence read whole
// (footprints, routes) once, from shard 0, in its order.
RejectLog merged_rejects(const std::vector<ShardSummary>& shards, const ClassifyReport& report)
{
    struct Entry {
        std::size_t input = 0;
        std::uint64_t key = 0;
        Reject reject;
    };
    std::vector<Entry> all;
    for (const auto& s : shards) {
        if (s.rejects.empty())
            throw InputError(fmt::format("{}: the shard wrote no --rejects file; run every shard with --rejects to "
                                         "merge them",
                                         s.path));
        ReadOptions read;
        read.delimiter = ',';
        auto in = TableReader::open(s.rejects, read);
        const int c_file = in->column("file"), c_row = in->column("row"), c_field = in->column("field"),
                  c_value = in->column("value"), c_reason = in->column("reason");
        if (c_file < 0 || c_row < 0 || c_field < 0 || c_value < 0 || c_reason < 0)
            throw InputError(fmt::format("{}: not a rejects file of coverage classify (columns file,row,field,value,"
                                         "reason)",
                                         s.rejects));
        while (in->next()) {
            Entry e;
            e.reject = {std::string(in->field(c_file)), 0, std::string(in->field(c_field)),
                        std::string(in->field(c_value)), std::string(in->field(c_reason))};
            const std::string_view row = in->field(c_row);
            auto [end, ec] = std::from_chars(row.data(), row.data() + row.size(), e.reject.row);
            if (ec != std::errc() || end != row.data() + row.size())
                throw InputError(fmt::format("{}: row '{}' is not a number", in->where(), row));
            const auto at = std::find_if(report.inputs.begin(), report.inputs.end(),
                                         [&](const InputAccount& a) { return a.file == e.reject.file; });
            if (at == report.inputs.end())
                throw InputError(fmt::format("{}: a reject of '{}', which is not an input of the shard", in->where(),
                                             e.reject.file));
            e.input = static_cast<std::size_t>(at - report.inputs.begin());
            if (!sharded_role(at->role)) {
                if (s.shard.index != 0) continue; // the same in every shard
            } else {
                e.key = e.reject.row;
            }
            all.push_back(std::move(e));
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
        return a.input != b.input ? a.input < b.input : a.key < b.key;
    });
    RejectLog log;
    for (auto& e : all) log.add(std::move(e.reject));
    if (log.size() != report.rejected)
        throw InputError(fmt::format("the shards' rejects files hold {} rejects, their summaries count {}; a rejects "
                                     "file is from another run",
                                     log.size(), report.rejected));
    return log;
}

} // namespace

ClassifyReport run_merge(const MergeOptions& o)
{
    if (o.shards.empty()) throw UsageError("no shards: give the --summary files of every classify --shard I/N run");
    if (o.output.empty()) throw UsageError("missing -o/--output (a file, or - for CSV on stdout)");
    if ((o.output == "-") + (o.rejects == "-") + (o.summary == "-") > 1)
        throw UsageError("only one of -o, --rejects and --summary can be - (stdout)");
    if (is_postgres_output(o.output))
        throw UsageError("merge writes files (.csv .geojson .gpkg .fgb); load the merged file into PostgreSQL with "
                         "ogr2ogr or classify whole");
    ResultFormat format;
    format.layer = o.output_layer;
    check_result_output(o.output, format);
    // Every output joins one set before anything is read (the shards' files join it as inputs
    // once their summaries name them); the outputs appear together at the end, or none.
    OutputSet outputs(o.overwrite);
    for (const auto& p : o.shards) outputs.add_input(p);
    AtomicPath& result_out = outputs.add(o.output);
    AtomicPath* rejects_out = outputs.add_optional(o.rejects);
    AtomicPath* summary_out = outputs.add_optional(o.summary);

    // The set: one N, every shard once, all of one run.
    std::vector<ShardSummary> shards;
    for (const auto& p : o.shards) shards.push_back(read_shard_summary(p));
    for (const auto& s : shards) {
        outputs.add_input(s.result);
        outputs.add_input(s.rejects);
    }
    const std::uint32_t n = shards.front().shard.count;
    for (const auto& s : shards) check_same_run(shards.front(), s);
    std::vector<const ShardSummary*> by_index(n, nullptr);
    for (const auto& s : shards) {
        if (by_index[s.shard.index])
            throw InputError(fmt::format("{} and {}: both are shard {}; give each shard once",
                                         by_index[s.shard.index]->path, s.path, s.shard.label()));
        by_index[s.shard.index] = &s;
    }
    std::vector<std::string> missing;
    for (std::uint32_t i = 0; i < n; ++i)
        if (!by_index[i]) missing.push_back(fmt::format("{}/{}", i, n));
    if (!missing.empty())
        throw InputError(fmt::format("incomplete set: shard{} {} missing (got {} of {}); merge needs every shard",
                                     missing.size() > 1 ? "s" : "", fmt::join(missing, ", "), n - missing.size(), n));
    std::vector<ShardSummary> ordered;
    for (const auto* s : by_index) ordered.push_back(*s);
    ClassifyReport report = merged_report(ordered);
    // The merged summary records the tool that wrote it and the merge's own command line.
    report.tool_version = tool_version();
    report.command_line.clear();
    for (const auto& arg : o.command_line) report.command_line.push_back(display_source(arg));
    if (rejects_out) rejects_out->write(rejects_csv(merged_rejects(ordered, report)));
    if (summary_out) summary_out->write(summary_json(report));
    std::vector<std::string> classes;
    for (const auto& c : report.classes) classes.push_back(c.first);
    write_results(ordered, o, result_out, classes);
    outputs.commit();
    if (o.output != "-") report.written.push_back(o.output);
    if (!o.rejects.empty() && o.rejects != "-") report.written.push_back(o.rejects);
    if (!o.summary.empty() && o.summary != "-") report.written.push_back(o.summary);
    return report;
}

} // namespace coverage
