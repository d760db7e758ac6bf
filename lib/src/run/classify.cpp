#include "coverage/classify.hpp"
#include "base/checksum.hpp"
#include "base/csv_text.hpp"
#include "base/source_name.hpp"
#include "base/text.hpp"
#include "coverage/profile.hpp"
#include "coverage/results.hpp"
#include "join/spatial.hpp"
#include "read/address_table.hpp"
#include "read/offer_reader.hpp"

#include "base/json_writer.hpp"
#include "base/ordered_parallel.hpp"
#include "classify/evaluate.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/version.hpp"
#include "read/address_match.hpp"
#include "read/encoding.hpp"
#include "read/table_reader.hpp"
#include "write/result_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <thread>

namespace coverage {
namespace {

double share(std::uint64_t part, std::uint64_t whole)
{
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

void bump(std::vector<std::pair<std::string, Count>>& v, const std::string& key, std::uint32_t units)
{
    for (auto& [k, c] : v)
        if (k == key) {
            ++c.addresses;
            c.units += units;
            return;
        }
    v.push_back({key, Count{1, units}});
}

// --keep columns are copied beside the result columns: a name equal to one of those (or to
// the geometry / feature id column of a GeoPackage or PostGIS table), or to another --keep
// name, ignoring case, would write a table that every later command refuses.
void check_keep_names(const std::vector<std::string>& keep)
{
    std::vector<std::string> taken;
    for (const auto& c : result_columns()) taken.push_back(ascii_lower(c));
    for (const char* c : {"fid", "geom", "geometry"}) taken.emplace_back(c);
    const std::size_t fixed = taken.size();
    for (const auto& k : keep) {
        const std::string lower = ascii_lower(k);
        const auto at = std::find(taken.begin(), taken.end(), lower);
        if (at != taken.end()) {
            if (static_cast<std::size_t>(at - taken.begin()) < fixed)
                throw UsageError(fmt::format("--keep {}: the results already have a column '{}'; rename the address "
                                             "column",
                                             k, *at));
            throw UsageError(fmt::format("--keep {}: named twice (column names are compared ignoring case)", k));
        }
        taken.push_back(lower);
    }
}

// `path` relative to the directory of `base` (both as given, relative to the working directory).
std::string relative_to_dir_of(const std::string& path, const std::string& base)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::absolute(fs::path(base)).lexically_normal().parent_path();
    return fs::absolute(fs::path(path)).lexically_normal().lexically_relative(dir).generic_string();
}

// A sharded run's extra output column: input_order (coverage/shard.hpp), the number that sorts
// every shard's rows into one run's order. With an address layer it is the address's line or
// feature number; without one (ids from the offers) the offers file's index times 2^40 plus
// the line where the id first appears.
void add_input_order(AddressTable& table)
{
    StringColumn order;
    for (std::size_t i = 0; i < table.size(); ++i) order.push_back(fmt::format("{}", table.source_row[i]));
    table.keep_names.emplace_back(input_order_column);
    table.keep.push_back(std::move(order));
}

void check_shard_options(const ClassifyOptions& o)
{
    if (o.shard.whole()) return;
    const std::string s = o.shard.label();
    if (o.offer_read.match == MatchMode::address)
        throw UsageError(fmt::format("--shard {} with --match address: an offer keyed by postal address can match "
                                     "an address of any shard; shard by id (--match id) or run whole",
                                     s));
    if (o.summary.empty() || o.summary == "-")
        throw UsageError(fmt::format("--shard {} needs --summary FILE: coverage merge reads the shard's summary", s));
    if (o.output == "-" || is_postgres_output(o.output))
        throw UsageError(fmt::format("--shard {}: write the shard to a file (.csv, .geojson, .gpkg, .fgb) that "
                                     "coverage merge can read",
                                     s));
    if (o.rejects == "-") throw UsageError(fmt::format("--shard {}: write --rejects to a file", s));
    for (const auto& k : o.address_read.fields.keep)
        if (ascii_fold(k) == input_order_column)
            throw UsageError(fmt::format("--keep {}: a sharded output writes its own {} column; rename the "
                                         "address column",
                                         k, input_order_column));
}

} // namespace

std::string rejects_csv(const RejectLog& log)
{
    std::string text = "file,row,field,value,reason\n";
    for (const auto& r : log.rejects())
        text += fmt::format("{},{},{},{},{}\n", csv_field(r.file), r.row, csv_field(r.field), csv_field(r.value),
                            csv_field(r.reason));
    return text;
}

void add_count(std::vector<std::pair<std::string, Count>>& v, const std::string& key, const Count& c)
{
    for (auto& [k, have] : v)
        if (k == key) {
            have.addresses += c.addresses;
            have.units += c.units;
            return;
        }
    v.push_back({key, c});
}

void write_rejects(const std::string& path, const RejectLog& log, bool overwrite)
{
    write_text_file(path, rejects_csv(log), overwrite);
}

ClassifyReport run_classify(const ClassifyOptions& o)
{
    if (!o.addresses && o.offers.empty()) throw UsageError("nothing to classify: give --addresses and/or --offers");
    if (!o.addresses && o.offer_read.match == MatchMode::address)
        throw UsageError("--match address needs --addresses: the layer the offers' addresses are matched to");
    std::vector<std::string> output_paths;
    if (!o.output.empty()) output_paths.push_back(o.output);
    for (const auto& path : o.extra_outputs)
        if (!path.empty()) output_paths.push_back(path);
    if (output_paths.empty() && o.summary.empty())
        throw UsageError("missing -o/--output (a file, or - for CSV on stdout), or --summary for counts only");
    if (std::count(output_paths.begin(), output_paths.end(), "-") > 1) throw UsageError("-o - can be given only once");
    const bool output_to_stdout = std::find(output_paths.begin(), output_paths.end(), "-") != output_paths.end();
    if (output_to_stdout && o.summary == "-")
        throw UsageError("-o - and --summary - would both write to stdout; send one of them to a file");
    if (o.threads < 0 || o.threads > max_threads)
        throw UsageError(fmt::format("--threads {}: use 1 to {} (0: every core)", o.threads, max_threads));
    // Encodings are checked before anything is read: a misspelt name must not decode a file
    // into something else (glibc reads "utf 8" as UTF8, "CP1252//IGNORE" drops bytes).
    check_encoding_name(o.address_read.read.encoding, "--encoding/--addresses-encoding");
    check_encoding_name(o.offer_read.read.encoding, "--encoding/--offers-encoding");
    for (const auto& spec : o.offers) check_encoding_name(split_offer_source(spec).encoding, spec);
    // The same forms as a planned date, so a date copied from an offer file works here too.
    const auto as_of = parse_planned_date(o.as_of);
    if (!as_of)
        throw UsageError(
            fmt::format("--as-of '{}' is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, DD.MM.YYYY)", o.as_of));
    check_shard_options(o);
    const Profile profile = load_profile(o.profile);
    // Provider names break ties between equally good offers, so the table outlives the evaluator.
    ProviderTable providers;
    Evaluator evaluator(profile, *as_of, &providers);

    // Every input and output joins one set before anything is read: an output that is an
    // input or another output, a bad folder, a closed stdout, a name too long, all fail here
    // in a second, not after an hour of reading; the outputs appear together at the end.
    if (o.rejects == "-" && (output_to_stdout || o.summary == "-"))
        throw UsageError("only one of -o, --rejects and --summary can be - (stdout)");
    ResultFormat format;
    format.layer = o.output_layer;
    format.columns = o.columns;
    format.crs = o.output_crs;
    format.csv_delimiter = o.csv_delimiter;
    format.decimal_comma = o.decimal_comma;
    check_result_outputs(output_paths, format);
    check_keep_names(o.address_read.fields.keep);
    OutputSet outputs(o.overwrite);
    if (o.addresses) outputs.add_input(*o.addresses);
    for (const auto& path : o.offers) outputs.add_input(split_source_spec(path).first);
    for (const auto* specs : {&o.spatial.footprints, &o.spatial.routes})
        for (const auto& spec : *specs) outputs.add_input(split_source_spec(spec).first);
    outputs.add_input(o.profile);
    // Each -o, and with --qml the style beside each map output, is a member of the set.
    std::vector<ResultOutput> result_outputs;
    for (const auto& path : output_paths) {
        ResultOutput r{path};
        if (!is_postgres_output(path)) r.file = &outputs.add(path);
        if (o.qml) r.style = outputs.add_optional(qgis_style_sidecar(path));
        result_outputs.push_back(std::move(r));
    }
    AtomicPath* rejects_out = outputs.add_optional(o.rejects);
    AtomicPath* summary_out = outputs.add_optional(o.summary);

    ClassifyReport report;
    report.profile_name = profile.name;
    report.profile_version = profile.version;
    report.as_of = format_day(*as_of);
    report.tool_version = tool_version();
    for (const auto& arg : o.command_line) report.command_line.push_back(display_source(arg));
    report.horizon_end = format_day(evaluator.horizon_end());
    report.shard = o.shard;
    if (!o.shard.whole()) {
        report.shard_result = relative_to_dir_of(o.output, o.summary);
        if (!o.rejects.empty()) report.shard_rejects = relative_to_dir_of(o.rejects, o.summary);
    }
    const RunStamp stamp{profile.name, profile.version, report.as_of, coverage_version()};

    RejectLog rejects;
    AddressTable table;
    if (o.addresses) {
        InputAccount acc;
        if (o.progress) o.progress("reading addresses " + display_source(*o.addresses), 0);
        AddressReadOptions address_read = o.address_read;
        address_read.shard = o.shard;
        address_read.read.threads =
            o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        table = read_addresses(*o.addresses, address_read, rejects, acc);
        report.inputs.push_back(acc);
        if (!o.shard.whole()) add_input_order(table);
        // A shard may hold no address at all (more shards than addresses): an empty result.
        if (table.size() == 0 && (o.shard.whole() || acc.used + acc.rejected == acc.read)) {
            // Every row rejected is a wrong option (CRS, delimiter, id field), not a result. A
            // failed run writes no output (the rerun needs no --overwrite); the first reject
            // is in the message.
            if (acc.read == 0) throw InputError(fmt::format("{}: has a header but no data rows", acc.file));
            const Reject& first = rejects.rejects().front();
            throw InputError(fmt::format("{}: none of the {} address rows could be used; the first ({}:{}) says: {}",
                                         acc.file, acc.read, first.file, first.row, first.reason));
        }
    } else {
        // Refuse geometry outputs before reading anything.
        for (const auto& path : output_paths) {
            if (path == "-") continue;
            const auto dot = path.rfind('.');
            const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
            if ((ext != "csv" && ext != "CSV") || is_postgres_output(path))
                throw UsageError(fmt::format(
                    "{}: without --addresses there are no coordinates; write .csv or - instead", display_source(path)));
        }
    }

    // Open the output before the long part, so a wrong path fails in a second, not after the read.
    std::unique_ptr<ResultWriter> writer;
    if (o.addresses) {
        writer = make_result_writers(result_outputs, table, providers, o.overwrite, format);
        writer->set_classes(profile.classes()); // map outputs: a QGIS style
    }
    std::vector<Accumulator> acc(table.size());
    OfferReadOptions offer_read = o.offer_read;
    offer_read.create_addresses = !o.addresses;
    offer_read.shard = o.shard;
    if (!o.addresses) {
        // --keep without an address layer: copied from the offers (see OfferReadOptions::keep).
        offer_read.keep = o.address_read.fields.keep;
        table.keep_names = offer_read.keep;
        table.keep.resize(offer_read.keep.size());
    }
    std::optional<AddressMatcher> matcher;
    if (offer_read.match == MatchMode::address && !o.offers.empty()) {
        matcher.emplace(table);
        if (table.size() > 0 && matcher->unindexed() == table.size())
            throw InputError(fmt::format("{}: no address has a street and a house number to match offers against "
                                         "(--match address); name the columns with --street-field and "
                                         "--housenumber-field",
                                         report.inputs.front().file));
        offer_read.matcher = &*matcher;
    }
    offer_read.read.threads =
        o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    for (std::size_t file = 0; file < o.offers.size(); ++file) {
        const std::string& path = o.offers[file];
        const std::size_t before = table.size();
        InputAccount account;
        const std::string phase = "reading offers " + display_source(path);
        std::uint64_t offer_rows = 0;
        if (o.progress) o.progress(phase, 0);
        read_offers(
            path, offer_read, table, providers, rejects, account,
            [&](std::uint32_t row, const Offer& offer) {
                if (row >= acc.size()) acc.resize(row + 1);
                evaluator.add(acc[row], offer);
                if (o.progress && (++offer_rows & 0xFFFF) == 0) o.progress(phase, offer_rows);
            },
            [&](std::uint32_t row) {
                if (row < acc.size()) __builtin_prefetch(&acc[row]);
            });
        report.inputs.push_back(account);
        // Ids first seen in this file: their order key is (file, line) (see add_input_order).
        for (std::size_t i = before; i < table.size(); ++i) table.source_row[i] += std::uint64_t{file} << 40;
    }
    acc.resize(table.size());
    if (!o.addresses && !o.shard.whole()) add_input_order(table);

    if (o.progress && (!o.spatial.footprints.empty() || !o.spatial.routes.empty()))
        o.progress("joining footprints and routes", table.size());
    SpatialOptions spatial = o.spatial;
    spatial.sharded = !o.shard.whole();
    spatial.threads = o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const SpatialResult sr =
        join_spatial_evidence(spatial, table, providers, rejects,
                              [&](std::uint32_t row, const Offer& offer) { evaluator.add(acc[row], offer); });
    report.inputs.insert(report.inputs.end(), sr.inputs.begin(), sr.inputs.end());
    // A database cannot be hashed: its documented stand-in (base/checksum.hpp).
    for (InputAccount& in : report.inputs)
        if (in.sha256.empty() && is_postgres_output(in.file))
            in.sha256 =
                substitute_sha256(in.file, in.role == "addresses" ? o.address_read.read.layer : std::string(), in.read);
    report.working_crs = sr.working_crs.label;
    report.working_crs_why = sr.working_crs.why;
    report.rejected = rejects.size();

    if (o.strict && rejects.size() > 0) {
        // A failed run writes nothing, rejects included (all outputs or none, and the rerun
        // needs no --overwrite); the first rejects come back for stderr instead.
        report.strict_failed = true;
        RejectLog first;
        for (const Reject& r : rejects.rejects()) {
            if (first.size() == strict_rejects_shown) break;
            first.add(r);
        }
        report.strict_rejects = rejects_csv(first);
        return report;
    }

    for (const auto& c : profile.classes()) report.classes.push_back({c, {}});
    for (const auto& t : profile.tier_names()) report.tiers.push_back({t, {}});

    if (!writer) {
        writer = make_result_writers(result_outputs, table, providers, o.overwrite, format);
        writer->set_classes(profile.classes());
    }
    // Classifying and formatting run on all cores, in blocks of addresses that are written and
    // tallied in input order: the output and the summary are the same bytes whatever the
    // thread count. Formats written through GDAL take one row at a time on this thread.
    struct Block {
        std::string text;
        Count total, eligible;
        std::vector<std::pair<std::string, Count>> classes, tiers;
    };
    const bool text = writer->formats_text();
    const int threads =
        text ? (o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) : 1;
    constexpr std::size_t block_rows = 16384;
    if (o.progress) o.progress(fmt::format("classifying and writing {} addresses", table.size()), table.size());
    ordered_parallel<Block>((table.size() + block_rows - 1) / block_rows, threads,
                            4 * static_cast<std::size_t>(threads),
                            [&](std::size_t k, Block& b) {
                                const std::size_t end = std::min(table.size(), (k + 1) * block_rows);
                                if (text) b.text.reserve(256 * block_rows);
                                for (std::size_t i = k * block_rows; i < end; ++i) {
                                    const Classification c = evaluator.classify(acc[i], table.category[i], providers);
                                    ResultRow row{&c, &acc[i]};
                                    if (!sr.nearest_route_m.empty()) row.nearest_route_m = sr.nearest_route_m[i];
                                    row.stamp = &stamp;
                                    if (text) writer->format(table, i, row, b.text);
                                    else writer->write(table, i, row);
                                    const std::uint32_t u = table.units[i];
                                    ++b.total.addresses;
                                    b.total.units += u;
                                    bump(b.classes, c.class_name, u);
                                    bump(b.tiers, c.tier, u);
                                    if (c.eligible) {
                                        ++b.eligible.addresses;
                                        b.eligible.units += u;
                                    }
                                }
                            },
                            [&](Block& b) {
                                if (text) writer->write_text(b.text);
                                add_counts(report, b);
                            });
    if (rejects_out) rejects_out->write(rejects_csv(rejects));
    if (summary_out) summary_out->write(summary_json(report));
    // Every output is complete in its temporary file; now put them in place together (a
    // PostgreSQL table commits its transaction first: if that fails, no file appears).
    writer->finish();
    outputs.commit();
    for (const auto& path : output_paths)
        if (path != "-")
            report.written.push_back(
                is_postgres_output(path) ? fmt::format("{} table {}", display_source(path), o.output_layer) : path);
    if (!o.rejects.empty() && o.rejects != "-") report.written.push_back(o.rejects);
    if (!o.summary.empty() && o.summary != "-") report.written.push_back(o.summary);
    return report;
}

std::string summary_json(const ClassifyReport& r)
{
    using L = JsonWriter::Layout;
    JsonWriter j;
    auto counts = [&](const std::vector<std::pair<std::string, Count>>& v, const char* key) {
        j.begin_array();
        for (const auto& [name, c] : v) {
            j.begin_object(L::inline_).key(key).string(name);
            j.key("addresses").number(c.addresses).key("units").number(c.units);
            j.key("share_addresses").fixed(share(c.addresses, r.total.addresses), 6);
            j.key("share_units").fixed(share(c.units, r.total.units), 6).end_object();
        }
        j.end_array();
    };
    j.begin_object();
    j.key("tool").begin_object(L::inline_).key("name").string("coverage");
    j.key("version").string(r.tool_version).end_object();
    if (!r.command_line.empty()) {
        j.key("command_line").begin_array(L::inline_);
        for (const auto& arg : r.command_line) j.string(arg);
        j.end_array();
    }
    j.key("profile").begin_object(L::inline_).key("name").string(r.profile_name);
    j.key("version").string(r.profile_version).end_object();
    j.key("as_of").string(r.as_of).key("horizon_end").string(r.horizon_end);
    if (!r.shard.whole()) {
        j.key("shard").string(r.shard.label());
        j.key("shard_outputs").begin_object(L::inline_).key("result").string(r.shard_result).key("rejects");
        if (r.shard_rejects.empty()) j.null();
        else j.string(r.shard_rejects);
        j.end_object();
    }
    if (!r.working_crs.empty()) j.key("working_crs").string(r.working_crs);
    j.key("addresses").number(r.total.addresses).key("units").number(r.total.units);
    j.key("eligible").begin_object(L::inline_).key("addresses").number(r.eligible.addresses);
    j.key("units").number(r.eligible.units);
    j.key("share_addresses").fixed(share(r.eligible.addresses, r.total.addresses), 6);
    j.key("share_units").fixed(share(r.eligible.units, r.total.units), 6).end_object();
    j.key("classes");
    counts(r.classes, "class");
    j.key("tiers");
    counts(r.tiers, "tier");
    j.key("inputs").begin_array();
    for (const auto& in : r.inputs) {
        j.begin_object(L::inline_).key("role").string(in.role).key("file").string(in.file);
        j.key("sha256").string(in.sha256).key("read").number(in.read).key("used").number(in.used);
        j.key("rejected").number(in.rejected);
        if (in.role == "footprints") j.key("repaired").number(in.repaired);
        if (!r.shard.whole()) j.key("skipped").number(in.skipped);
        j.end_object();
    }
    j.end_array();
    j.key("rejected").number(r.rejected);
    j.end_object();
    return j.str();
}

std::string summary_text(const ClassifyReport& r)
{
    std::string s =
        fmt::format("profile {} {} as of {} (plans until {}){}\n", r.profile_name, r.profile_version, r.as_of,
                    r.horizon_end, r.shard.whole() ? "" : fmt::format(", shard {}", r.shard.label()));
    for (const auto& in : r.inputs)
        s += fmt::format("  {:<10} {}: read {}, used {}, rejected {}{}{}\n", in.role, in.file, in.read, in.used,
                         in.rejected, in.repaired ? fmt::format(" ({} repaired)", in.repaired) : "",
                         in.skipped ? fmt::format(", skipped {} (other shards)", in.skipped) : "");
    if (!r.working_crs.empty()) s += fmt::format("  working CRS {} ({})\n", r.working_crs, r.working_crs_why);
    if (r.strict_failed) return s; // nothing was classified
    s += fmt::format("  {} addresses, {} units\n", r.total.addresses, r.total.units);
    for (const auto& [name, c] : r.classes)
        s += fmt::format("  {:<14} {:>9} addresses {:>6.2f} %  {:>9} units {:>6.2f} %\n", name, c.addresses,
                         100 * share(c.addresses, r.total.addresses), c.units, 100 * share(c.units, r.total.units));
    s += fmt::format("  {:<14} {:>9} addresses {:>6.2f} %  {:>9} units {:>6.2f} %\n", "eligible", r.eligible.addresses,
                     100 * share(r.eligible.addresses, r.total.addresses), r.eligible.units,
                     100 * share(r.eligible.units, r.total.units));
    return s;
}

} // namespace coverage
