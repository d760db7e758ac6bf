#pragma once
// The subcommand table: each command is parse (argv -> options struct, opens no files) and
// run (options -> exit code). main() dispatches and maps exceptions to exit codes.
#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <vector>

namespace coverage::cli {

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    std::function<int(const Args&)> main;  // parse + run; throws on error
};

const std::vector<Command>& commands();

int aggregate_main(const Args& args);
int classify_main(const Args& args);
int diff_main(const Args& args);
int profiles_main(const Args& args);
int summary_main(const Args& args);

/// Parses `args` against `visible` (+ positional), handling --help: returns false when help
/// was printed (the command should return 0); `epilog` follows the options in the help.
/// Throws UsageError on bad options.
bool parse_args(const Args& args, const char* usage, const boost::program_options::options_description& visible,
                const boost::program_options::positional_options_description* positional,
                boost::program_options::variables_map& vm, const std::string& epilog = {});

/// True when stderr is a terminal (progress output only then).
bool stderr_is_tty();

} // namespace coverage::cli
