#pragma once
// The subcommand table: each command is parse (argv -> options struct, opens no files) and
// run (options -> exit code). main() dispatches and maps exceptions to exit codes.
#include "coverage/aggregate.hpp"
#include "coverage/classify.hpp"
#include "coverage/diff.hpp"
#include "coverage/merge.hpp"
#include "coverage/plan.hpp"
#include "coverage/progress.hpp"
#include "coverage/report.hpp"
#include "coverage/summary.hpp"

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coverage::cli {

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    std::function<int(const Args&)> main; // parse + run; throws on error
    /// The exit status for an error other than a usage error (which is always 2): 1 for most
    /// commands; 2 for diff, whose 1 means "changed" (diff(1)/cmp(1): 0 same, 1 changed, 2 trouble).
    int error_exit = 1;
};

const std::vector<Command>& commands();

// Each command's options as parsed from argv. parse_<name>_options opens no files and throws
// UsageError for bad options; std::nullopt means --help was printed. Unit-tested in
// tests/unit/cli_options_test.cpp.
struct AggregateCli {
    AggregateOptions options;
    std::vector<std::string> inputs;
    std::string output;
    std::string unassigned;
    std::string output_layer;
    bool overwrite = false;
    bool quiet = false;
};

struct ClassifyCli {
    ClassifyOptions options;
    bool quiet = false;
};

struct DiffCli {
    DiffOptions options;
    std::string old_path, new_path, changes, matrix;
    std::vector<std::string> old_shards, new_shards; // --old/--new: more files of OLD / NEW
    FailOn fail_on = FailOn::any;                    // --fail-on (--fail-on-change: any)
    bool json = false;                               // --format json
    bool strict = false;
    bool overwrite = false;
    bool quiet = false;
};

struct MergeCli {
    MergeOptions options;
    bool quiet = false;
};

struct SummaryCli {
    SummaryOptions options;
    SummaryFormat format = SummaryFormat::text;
    std::vector<std::string> inputs;
    std::string output = "-";
    bool overwrite = false;
};

struct PlanCli {
    PlanOptions options;
    bool list_costs = false; // --list-costs: print the built-ins, plan nothing
    std::string show_costs;  // --show-costs NAME: print that built-in, plan nothing
    bool quiet = false;
};
struct ReportCli {
    ReportOptions options;
    bool quiet = false;
};
struct ProgressCli {
    ProgressRun run; // --history FILE#as_of=DATE grouped by date, oldest first
    bool quiet = false;
};

std::optional<ClassifyCli> parse_classify_options(const Args& args);
std::optional<PlanCli> parse_plan_options(const Args& args);
std::optional<AggregateCli> parse_aggregate_options(const Args& args);
std::optional<SummaryCli> parse_summary_options(const Args& args);
std::optional<DiffCli> parse_diff_options(const Args& args);
std::optional<ReportCli> parse_report_options(const Args& args);
std::optional<ProgressCli> parse_progress_options(const Args& args);
std::optional<MergeCli> parse_merge_options(const Args& args);

int aggregate_main(const Args& args);
int classify_main(const Args& args);
int diff_main(const Args& args);
int plan_main(const Args& args);
int merge_main(const Args& args);
int profiles_main(const Args& args);
int report_main(const Args& args);
int progress_main(const Args& args);
int summary_main(const Args& args);

/// Parses `args` against `visible` (+ positional), handling --help: returns false when help
/// was printed (the command should return 0); `epilog` follows the options in the help.
/// Throws UsageError on bad options.
bool parse_args(const Args& args, const char* usage, const boost::program_options::options_description& visible,
                const boost::program_options::positional_options_description* positional,
                boost::program_options::variables_map& vm, const std::string& epilog = {});

/// --grid 100m|1km|10km (also 1000m, 10000m) in metres. Throws UsageError.
int grid_metres(const std::string& text);

/// Comma-separated values of list options (--keep a,b --keep c = a, b, c), trimmed, empty
/// parts left out.
std::vector<std::string> split_list(const std::string& value);
std::vector<std::string> split_list(const std::vector<std::string>& values);

/// True when stderr is a terminal (progress output only then).
bool stderr_is_tty();

} // namespace coverage::cli
