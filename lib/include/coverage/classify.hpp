#pragma once
// The classify job as a library call: read addresses and evidence, fold, classify, write.
// The CLI parses options into ClassifyOptions and prints the report; nothing here prints.
#include "coverage/accounting.hpp"
#include "coverage/options.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coverage {

struct ClassifyOptions {
    std::optional<std::string> addresses;
    std::vector<std::string> offers;
    std::string profile = "gigabit";
    std::string
        as_of; // YYYY-MM-DD, or as a planned date (YYYY-MM, YYYY, DD.MM.YYYY); required (the CLI defaults it to today)
    std::string output;                     // empty: no per-address output (then --summary is required)
    std::vector<std::string> extra_outputs; // further outputs of the same rows (-o a.csv -o a.gpkg)
    bool qml = false; // a QGIS style (.qml) beside GeoJSON / FlatGeobuf outputs (GeoPackage: always inside)
    std::vector<std::string> columns; // output columns in this order (--columns id,class); empty: all
    std::string output_crs;           // CRS of .gpkg/.fgb geometry (default WGS84; GeoJSON always WGS84)
    char csv_delimiter = ',';         // CSV output field separator (';' for German spreadsheets)
    bool decimal_comma = false;       // CSV output numbers as 16,5 (with a delimiter other than ',')
    std::string output_layer;         // layer / table name (GeoPackage, FlatGeobuf, PG:)
    std::string summary;              // JSON file, or "-" for stdout; empty: none
    std::string rejects;              // CSV file; empty: none
    bool strict = false;
    bool overwrite = false;
    AddressReadOptions address_read;
    OfferReadOptions offer_read;
    SpatialOptions spatial; // footprints, routes, working CRS
    int threads = 0;        // 0: all cores
    // The command line that asked for this run ("coverage", "classify", ...), recorded in the
    // summary with connection-string passwords masked; empty for library callers.
    std::vector<std::string> command_line;
    // Called on this thread as the run moves on: the phase ("reading offers x.csv") and the
    // rows it has handled so far (every 65,536 offer rows while reading). For a progress line;
    // empty: nothing is called.
    std::function<void(const std::string& phase, std::uint64_t rows)> progress;
    /// --shard I/N: classify only the addresses of shard I (coverage/shard.hpp); the output
    /// gains the input_order column and the summary names the shard and its outputs, so
    /// `coverage merge` can put the shards back together (run_merge in coverage/merge.hpp).
    Shard shard;
};

/// The largest --threads accepted (0 means every core).
constexpr int max_threads = 1024;

/// How many rejects a --strict failure returns for stderr (it writes no file).
constexpr std::size_t strict_rejects_shown = 20;

struct Count {
    std::uint64_t addresses = 0;
    std::uint64_t units = 0;
};

struct ClassifyReport {
    std::string tool_version;
    std::vector<std::string> command_line; // as ClassifyOptions, passwords masked
    std::string profile_name;
    std::string profile_version;
    std::string as_of;
    std::string horizon_end;
    Count total;
    Count eligible;
    std::vector<std::pair<std::string, Count>> classes; // profile order
    std::vector<std::pair<std::string, Count>> tiers;   // base tier first
    std::vector<InputAccount> inputs;
    std::string working_crs; // empty when no spatial evidence was joined
    std::string working_crs_why;
    std::uint64_t rejected = 0;
    bool strict_failed = false;       // --strict with rejects: no output written, rejects included
    std::string strict_rejects;       // then: the first strict_rejects_shown rejects as CSV (for stderr)
    std::vector<std::string> written; // output paths written
    Shard shard;                      // whole unless --shard
    /// A shard's result and rejects files, relative to the directory of its summary (so the
    /// set can be moved together); empty: none.
    std::string shard_result, shard_rejects;
};

/// Adds `c` to the entry `key` of a count list, appending it the first time (so the order is
/// first appearance).
void add_count(std::vector<std::pair<std::string, Count>>& v, const std::string& key, const Count& c);

/// Adds the counts of `from` (total, eligible, per class, per tier) to `into`: one block of a
/// run into the run's report, or one shard's report into the merged one. Both types have the
/// members `total`, `eligible`, `classes` and `tiers` of ClassifyReport.
template <class Into, class From>
void add_counts(Into& into, const From& from)
{
    into.total.addresses += from.total.addresses;
    into.total.units += from.total.units;
    into.eligible.addresses += from.eligible.addresses;
    into.eligible.units += from.eligible.units;
    for (const auto& [name, c] : from.classes) add_count(into.classes, name, c);
    for (const auto& [name, c] : from.tiers) add_count(into.tiers, name, c);
}

/// Runs the job. Throws UsageError / InputError / OutputError for whole-run failures.
ClassifyReport run_classify(const ClassifyOptions& options);

/// The report as JSON (stable key order, no timestamps).
std::string summary_json(const ClassifyReport& report);
/// The report as a short human-readable text (for stderr).
std::string summary_text(const ClassifyReport& report);

/// The rejects CSV text: header file,row,field,value,reason, one line per reject.
std::string rejects_csv(const RejectLog& log);
/// Writes the rejects CSV (file,row,field,value,reason) atomically.
void write_rejects(const std::string& path, const RejectLog& log, bool overwrite);

} // namespace coverage
