#pragma once
// `coverage merge`: the shards of one `classify --shard I/N` run put back together into exactly
// the outputs of one unsharded run (the same bytes: result in any format, summary, rejects).
#include "coverage/classify.hpp"

#include <string>
#include <vector>

namespace coverage {

struct MergeOptions {
    /// The shards' summary JSON files (classify --shard ... --summary FILE). Each names its
    /// shard ("shard": "I/N") and its result and rejects files relative to its own folder.
    std::vector<std::string> shards;
    std::string output;       // .csv .geojson .gpkg .fgb or - (CSV on stdout)
    std::string output_layer; // layer of a .gpkg / .fgb
    std::string summary;      // merged summary JSON ("-": stdout); empty: none
    std::string rejects;      // merged rejects CSV; empty: none
    bool overwrite = false;
    /// The command as typed ("coverage", "merge", ...), recorded in the merged summary
    /// (passwords masked).
    std::vector<std::string> command_line;
};

/// Checks that the shards form one complete run (every shard 0..N-1 once, one N, the same
/// profile, as-of date, working CRS and input files with the same checksums, counts that add
/// up) and writes the merged outputs. Throws UsageError / InputError (naming the shard files
/// and what differs) / OutputError. The report is what one unsharded run would have reported.
ClassifyReport run_merge(const MergeOptions& options);

} // namespace coverage
