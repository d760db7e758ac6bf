#pragma once
// One description of every command's options, read from the same Boost option tables the
// commands parse with, and everything made from it: --help text, "did you mean" for a
// mistyped option, man pages, bash and zsh completion (`coverage --generate man|bash|zsh`).
// Generic over the command table: a command that calls parse_args gets all of it.
#include "commands.hpp"

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace coverage::cli {

struct OptionDoc {
    std::string long_name;     // "offers" (without dashes)
    std::string short_name;    // "o" or empty
    std::string value_name;    // "FILE"; empty for a switch
    std::string default_value; // as Boost shows it ("gigabit"); empty when none
    std::string description;
    std::string group; // caption of the option group ("inputs and outputs")
    bool repeatable = false;
};

struct CommandDoc {
    std::string name;
    std::string summary;
    std::string usage;              // the command's usage text: synopsis, description, example
    std::vector<OptionDoc> options; // visible options in table order, then --help
    std::string epilog;             // text after the options (exit codes, ...); may be empty
};

/// Reads the options from a command's tables (positional-only options are left out: the
/// usage text names them).
CommandDoc document_options(const std::string& usage, const boost::program_options::options_description& visible,
                            const boost::program_options::positional_options_description* positional);

/// The --help text: usage, then the options by group, wrapped at `width` columns at spaces.
std::string format_help(const CommandDoc& doc, std::size_t width = 80);

/// Runs `command` with no arguments in a mode where parse_args records its tables and
/// returns before parsing; the command prints nothing and opens nothing.
CommandDoc describe_command(const Command& command);

/// `coverage --generate man DIR | bash [FILE] | zsh [FILE]`: man pages coverage.1 and
/// coverage-<cmd>.1 written into DIR, or a completion script to FILE (default stdout).
/// `table` is the command table (main.cpp's commands()).
int generate_main(const std::vector<Command>& table, const Args& args);

/// Called by parse_args: when describe_command is running, records `doc` and returns true
/// (parse_args then returns false without parsing).
bool capture_if_describing(const CommandDoc& doc);

/// "unknown option '--offer'; did you mean '--offers'?" (nothing after ';' when no known
/// option is near).
std::string unknown_option_message(const std::string& option, const boost::program_options::options_description& all);

} // namespace coverage::cli
