// coverage: the command-line front end. Dispatches to a subcommand and maps errors to exit
// codes in one place: 0 success, 1 data/processing error, 2 usage error. diff follows diff(1)
// instead (0 same, 1 changed, 2 any trouble): its table entry sets error_exit = 2.
#include "commands.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"

#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <new>
#include <unistd.h>

namespace {

extern "C" void on_signal(int sig)
{
    // Leave no half-written output behind, then die by the same signal.
    coverage::remove_temporary_outputs();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void print_usage(std::ostream& out)
{
    out << "usage: coverage <command> [options]\n\n"
           "Classifies addresses as white / grey / served against broadband funding rules.\n\n"
           "commands:\n";
    for (const auto& c : coverage::cli::commands()) out << fmt::format("  {:<10} {}\n", c.name, c.summary);
    out << "\n'coverage <command> --help' describes a command; 'coverage --version' prints the version.\n";
}

} // namespace

namespace coverage::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> table{
        {"classify", "classify every address against a rule profile", classify_main},
        {"profiles", "list the built-in rule profiles, or show one as TOML", profiles_main},
        {"aggregate", "count results per grid cell, district or cluster of eligible addresses", aggregate_main},
        {"summary", "counts and shares of results by class, tier, eligibility (and --by a field)", summary_main},
        {"diff", "what changed between two runs: added, removed, changed, transition matrix", diff_main, 2},
        {"plan", "the target network to connect the selected addresses, and its cost per address", plan_main},
        {"progress", "the road to full gigabit coverage: share per year to a target, gap, trend", progress_main},
        {"report", "one self-contained HTML page: map, tables, progress and plan, offline", report_main},
        {"merge", "put the shards of a classify --shard run together: one run's outputs, byte for byte", merge_main},
    };
    return table;
}

} // namespace coverage::cli

int main(int argc, char** argv)
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGHUP, on_signal);
    std::signal(SIGPIPE, on_signal);
    std::ios::sync_with_stdio(false);

    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(std::cerr);
        return 2;
    }
    const std::string& name = args[0];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(std::cout);
        return 0;
    }
    if (name == "--version" || name == "version") {
        std::cout << "coverage " << COVERAGE_VERSION << "\n";
        return 0;
    }
    for (const auto& cmd : coverage::cli::commands()) {
        if (name != cmd.name) continue;
        try {
            return cmd.main(std::vector<std::string>(args.begin() + 1, args.end()));
        } catch (const coverage::UsageError& e) {
            std::cerr << "coverage " << name << ": " << e.what() << "\n";
            return 2;
        } catch (const std::bad_alloc&) {
            std::cerr << "coverage " << name << ": out of memory; split the input into shards (see README)\n";
            return cmd.error_exit;
        } catch (const std::exception& e) {
            std::cerr << "coverage " << name << ": " << e.what() << "\n";
            return cmd.error_exit;
        }
    }
    std::cerr << fmt::format("coverage: unknown command '{}'; 'coverage --help' lists the commands\n", name);
    return 2;
}
