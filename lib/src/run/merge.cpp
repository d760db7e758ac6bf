#include "coverage/merge.hpp"

#include "base/text.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "coverage/results.hpp"
#include "coverage/shard.hpp"
#include "coverage/technology.hpp"
#include "read/table_reader.hpp"
#include "write/result_writer.hpp"
#include "write/text_output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cpl_error.h>
#include <cpl_json.h>
#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <map>

namespace coverage {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One shard as its summary describes it.
struct ShardSummary {
    std::string path;  // the summary file, as given
    Shard shard;
    ClassifyReport report;
    std::string result, rejects;  // resolved against the summary's folder; rejects may be empty
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

void add_counts(std::vector<std::pair<std::string, Count>>& v, const std::string& key, const Count& c)
{
    for (auto& [k, have] : v)
        if (k == key) {
            have.addresses += c.addresses;
            have.units += c.units;
            return;
        }
    v.push_back({key, c});
}

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
        r.total.addresses += x.total.addresses;
        r.total.units += x.total.units;
        r.eligible.addresses += x.eligible.addresses;
        r.eligible.units += x.eligible.units;
        for (const auto& [k, c] : x.classes) add_counts(r.classes, k, c);
        for (const auto& [k, c] : x.tiers) add_counts(r.tiers, k, c);
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

double number_or_nan(std::string_view text, const ResultTable& t, std::size_t row, const char* column)
{
    text = trim(text);
    if (text.empty()) return nan;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw InputError(fmt::format("{}: {} is not a number ('{}')", t.where(row), column, text));
    return v;
}

bool flag(std::string_view text) { return text == "true" || text == "1"; }

// The merged rows through the result writer, as one run writes them.
void write_results(const ResultTable& t, const MergeOptions& o, std::unique_ptr<ResultWriter>& writer,
                   AddressTable& table)
{
    namespace rc = result_column;
    // The result columns ResultTable keeps as text, in this order below.
    std::vector<const std::vector<std::string>*> col;
    for (const auto name : {rc::best_down_mbps, rc::best_up_mbps, rc::best_technology, rc::networks,
                            rc::gigabit_networks, rc::planned_gigabit, rc::nearest_route_m})
        col.push_back(&t.text_column(name));
    const auto& fixed = result_columns();
    std::vector<std::size_t> keep;  // extra columns that are address columns (--keep)
    for (std::size_t k = 0; k < t.extra_names.size(); ++k)
        if (std::find(fixed.begin(), fixed.end(), ascii_lower(t.extra_names[k])) == fixed.end()) {
            keep.push_back(k);
            table.keep_names.push_back(t.extra_names[k]);
        }
    table.keep.resize(keep.size());
    table.has_geometry = t.size() > 0 && std::none_of(t.lon.begin(), t.lon.end(), [](double v) { return std::isnan(v); });
    for (std::size_t i = 0; i < t.size(); ++i) {
        table.id.push_back(t.id[i]);
        table.lon.push_back(t.lon[i]);
        table.lat.push_back(t.lat[i]);
        table.units.push_back(t.units[i]);
        table.category.push_back(t.category[i]);
        for (std::size_t k = 0; k < keep.size(); ++k) table.keep[k].push_back(t.extra[keep[k]][i]);
    }
    ProviderTable providers;
    writer = make_result_writer(o.output, table, providers, o.overwrite, o.output_layer);
    for (std::size_t i = 0; i < t.size(); ++i) {
        Classification c;
        c.class_name = t.class_name[i];
        c.tier = t.tier[i];
        c.eligible = t.eligible[i] != 0;
        c.best_down_mbps = number_or_nan((*col[0])[i], t, i, "best_down_mbps");
        c.best_up_mbps = number_or_nan((*col[1])[i], t, i, "best_up_mbps");
        const std::string_view tech = trim((*col[2])[i]);
        c.has_best = !tech.empty();
        if (c.has_best) {
            const auto parsed = parse_technology(tech);
            if (!parsed) throw InputError(fmt::format("{}: unknown best_technology '{}'", t.where(i), tech));
            c.best_technology = *parsed;
        }
        c.networks = static_cast<int>(number_or_nan((*col[3])[i], t, i, "networks"));
        c.target_networks = static_cast<int>(number_or_nan((*col[4])[i], t, i, "gigabit_networks"));
        c.planned_target = flag(trim((*col[5])[i]));
        c.reason = t.reason[i];
        c.providers = t.providers[i];
        ResultRow row{&c, nullptr};
        row.nearest_route_m = number_or_nan((*col[6])[i], t, i, "nearest_route_m");
        writer->write(table, i, row);
    }
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
                if (s.shard.index != 0) continue;  // the same in every shard
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
    {
        std::vector<std::string> paths;
        for (const std::string* p : {&o.output, &o.rejects, &o.summary})
            if (!p->empty() && *p != "-") {
                if (std::find(paths.begin(), paths.end(), *p) != paths.end())
                    throw UsageError(fmt::format("{}: named for two outputs; give each output its own file", *p));
                paths.push_back(*p);
            }
        if ((o.output == "-") + (o.rejects == "-") + (o.summary == "-") > 1)
            throw UsageError("only one of -o, --rejects and --summary can be - (stdout)");
    }
    if (is_postgres_output(o.output))
        throw UsageError("merge writes files (.csv .geojson .gpkg .fgb); load the merged file into PostgreSQL with "
                         "ogr2ogr or classify whole");
    if (o.output != "-") {
        const AtomicPath probe(o.output, o.overwrite);
    }
    TextOutput rejects_out, summary_out;
    if (!o.rejects.empty()) rejects_out = TextOutput(o.rejects, o.overwrite);
    if (!o.summary.empty()) summary_out = TextOutput(o.summary, o.overwrite);

    // The set: one N, every shard once, all of one run.
    std::vector<ShardSummary> shards;
    for (const auto& p : o.shards) shards.push_back(read_shard_summary(p));
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
                                     missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
                                     n - missing.size(), n));
    std::vector<ShardSummary> ordered;
    for (const auto* s : by_index) ordered.push_back(*s);
    ClassifyReport report = merged_report(ordered);
    RejectLog rejects;
    if (rejects_out.active()) rejects = merged_rejects(ordered, report);

    std::vector<std::string> results;
    for (const auto& s : ordered) results.push_back(s.result);
    const ResultTable t = read_results(results);  // in one run's order (input_order)
    if (t.extra_column(input_order_column) >= 0)
        throw InputError(fmt::format("some shard results lack the {} column; they were not all written by classify "
                                     "--shard",
                                     input_order_column));
    if (t.size() != report.total.addresses)
        throw InputError(fmt::format("the shard results hold {} addresses, their summaries count {}; a result file "
                                     "is from another run",
                                     t.size(), report.total.addresses));
    std::unique_ptr<ResultWriter> writer;
    AddressTable table;
    write_results(t, o, writer, table);

    if (rejects_out.active()) rejects_out.write(rejects_csv(rejects));
    if (summary_out.active()) summary_out.write(summary_json(report));
    writer->finish();
    if (o.output != "-") report.written.push_back(o.output);
    for (auto* out : {&rejects_out, &summary_out})
        if (out->active()) out->commit();
    if (!o.rejects.empty() && o.rejects != "-") report.written.push_back(o.rejects);
    if (!o.summary.empty() && o.summary != "-") report.written.push_back(o.summary);
    return report;
}

} // namespace coverage
