// coverage: the command-line front end. Dispatches to a subcommand and maps errors to exit
// codes in one place: 0 success, 1 data/processing error, 2 usage error. diff follows diff(1)
// instead (0 same, 1 changed, 2 any trouble): its table entry sets error_exit = 2.
#include "commands.hpp"
#include "help.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/edit_distance.hpp"
#include "coverage/error.hpp"
#include "coverage/version.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <fmt/format.h>
#include <iostream>
#include <new>
#include <sys/resource.h>
#include <unistd.h>

namespace {

extern "C" void on_signal(int sig)
{
    // Leave no half-written output behind, then die by the same signal.
    coverage::remove_temporary_outputs();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

const char* command_name = "coverage";
int error_exit_code = 1; // the command's exit code for trouble (diff: 2)

// One line on stderr, no temporary output left, exit 1: for the failures that cannot become
// an exception (a GDAL fatal error, std::terminate). Only async-signal-safe calls after the
// message is formatted.
// One wording for running out of memory, wherever the allocation failed (the main thread's
// catch, or a worker thread's through std::terminate).
constexpr const char* out_of_memory =
    "out of memory; lower --threads, raise the memory limit (ulimit -v) or split the input into shards (see README)";

[[noreturn]] void die(const char* what)
{
    char line[512];
    const int n = std::snprintf(line, sizeof line, "coverage %s: %s\n", command_name, what);
    if (n > 0) [[maybe_unused]]
        auto w = ::write(STDERR_FILENO, line, std::min<std::size_t>(sizeof line - 1, static_cast<std::size_t>(n)));
    coverage::remove_temporary_outputs();
    ::_exit(error_exit_code);
}

// GDAL's emergency path (CPLEmergencyError when even its error context cannot be allocated)
// prints "FATAL: ..." and aborts without calling our handler: end that abort the same way.
extern "C" void on_abort(int)
{
    die("aborted inside a library (most likely out of memory); lower --threads or raise the memory limit "
        "(ulimit -v)");
}

// A mapped input cut short by another program faults on the missing pages.
extern "C" void on_bus_error(int, siginfo_t* info, void*)
{
    char what[1200];
    if (const char* name = coverage::mapped_input_at(info->si_addr))
        std::snprintf(what, sizeof what,
                      "%s: the file was truncated while it was read (written to by another program?); rerun on a "
                      "copy that does not change",
                      name);
    else std::snprintf(what, sizeof what, "bus error (an input or output file changed underneath?)");
    die(what);
}

// A library that does not check an allocation (seen under ulimit -v) faults: end the run
// like any other failure instead of leaving temporary outputs behind. Not in sanitizer
// builds, whose own SIGSEGV report is the point.
extern "C" void on_segv(int)
{
    die("crashed (segmentation fault), most likely out of memory inside a library; lower --threads or raise "
        "the memory limit (ulimit -v); if memory was not limited, please report it");
}

void on_gdal_fatal(const char* message)
{
    if (std::strstr(message, "memory") || std::strstr(message, "alloc"))
        die("out of memory inside GDAL; lower --threads, raise the memory limit (ulimit -v) or split the input");
    die(message);
}

void on_terminate()
{
    try {
        if (auto e = std::current_exception()) std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
        die(out_of_memory);
    } catch (const std::exception& e) {
        die(e.what());
    } catch (...) {
    }
    die("internal error (std::terminate); please report it");
}

// Closed standard streams would be reused by the next open(): an output file could end up
// as fd 1 and receive what is meant for stdout. Park /dev/null read-only there instead, so a
// write to a closed stdout fails (and "-" as an output is refused up front).
void reserve_standard_fds()
{
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) == -1) {
            const int got = ::open("/dev/null", O_RDONLY);
            if (got >= 0 && got != fd) {
                ::dup2(got, fd);
                ::close(got);
            }
        }
}

// PROJ, GDAL drivers and SQLite each hold a few files open; with a tiny open-file limit they
// fail with misleading messages ("unknown coordinate system"). Say what is wrong instead.
constexpr rlim_t min_open_files = 32;
bool enough_open_files()
{
    rlimit lim{};
    return ::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= min_open_files;
}

// A message quoting input (a 50 MB header line, a column list) is cut to a readable line:
// the start (what is wrong) and the end (the fix), cut on UTF-8 character boundaries.
std::string one_line(std::string msg)
{
    constexpr std::size_t head = 600, tail = 300;
    if (msg.size() <= head + tail + 100) return msg;
    std::size_t h = head, t = msg.size() - tail;
    while (h > 0 && (static_cast<unsigned char>(msg[h]) & 0xC0) == 0x80) --h;
    while (t < msg.size() && (static_cast<unsigned char>(msg[t]) & 0xC0) == 0x80) ++t;
    return msg.substr(0, h) + fmt::format(" [... {} bytes cut ...] ", t - h) + msg.substr(t);
}

void print_usage(std::ostream& out)
{
    out << "usage: coverage <command> [options]\n\n"
           "Classifies addresses as white / grey / served against broadband funding rules.\n\n"
           "commands:\n";
    for (const auto& c : coverage::cli::commands()) out << fmt::format("  {:<10} {}\n", c.name, c.summary);
    out << "\n'coverage help <command>' (or 'coverage <command> --help') describes a command;\n"
           "'coverage --version' prints the version and the GDAL, GEOS and PROJ versions.\n";
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
    reserve_standard_fds();
    // Under ulimit -f a write past the limit raises SIGXFSZ, which kills silently; ignored,
    // the write fails with EFBIG and the run ends with "write failed (File too large)".
    std::signal(SIGXFSZ, SIG_IGN);
    std::set_terminate(on_terminate);
    std::signal(SIGABRT, on_abort);
    struct sigaction bus {};
    bus.sa_sigaction = on_bus_error;
    bus.sa_flags = SA_SIGINFO;
    sigemptyset(&bus.sa_mask);
    sigaction(SIGBUS, &bus, nullptr);
#if !defined(__SANITIZE_ADDRESS__) && !(defined(__has_feature) && __has_feature(address_sanitizer))
    std::signal(SIGSEGV, on_segv);
#endif
    coverage::set_fatal_error_hook(on_gdal_fatal);
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
    std::string name = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (name == "--help" || name == "-h" || (name == "help" && rest.empty())) {
        print_usage(std::cout);
        return 0;
    }
    if (name == "--version" || name == "version") {
        std::cout << fmt::format("coverage {} (git {})\n{}\n", coverage::tool_version(), coverage::tool_commit(),
                                 coverage::library_versions());
        return 0;
    }
    if (name == "help") { // coverage help classify = coverage classify --help
        name = rest[0];
        rest = {"--help"};
    }
    if (name == "--generate") { // hidden: man pages and completion for the build (apps/CMakeLists.txt)
        try {
            return coverage::cli::generate_main(coverage::cli::commands(), rest);
        } catch (const std::exception& e) {
            std::cerr << "coverage --generate: " << e.what() << "\n";
            return 2;
        }
    }
    for (const auto& cmd : coverage::cli::commands()) {
        if (name != cmd.name) continue;
        command_name = cmd.name;
        error_exit_code = cmd.error_exit;
        if (!enough_open_files()) {
            rlimit lim{};
            ::getrlimit(RLIMIT_NOFILE, &lim);
            std::cerr << fmt::format("coverage {}: the open-file limit is {} (ulimit -n); coverage needs at least {}\n",
                                     name, lim.rlim_cur, min_open_files);
            return 1;
        }
        try {
            return cmd.main(rest);
        } catch (const coverage::UsageError& e) {
            std::cerr << "coverage " << name << ": " << one_line(e.what()) << "\n";
            return 2;
        } catch (const std::bad_alloc&) {
            std::cerr << "coverage " << name << ": " << out_of_memory << "\n";
            return cmd.error_exit;
        } catch (const std::exception& e) {
            std::cerr << "coverage " << name << ": " << one_line(e.what()) << "\n";
            return cmd.error_exit;
        }
    }
    std::vector<std::string_view> names;
    for (const auto& cmd : coverage::cli::commands()) names.emplace_back(cmd.name);
    const std::string near = coverage::nearest_name(name, names, 3);
    std::cerr << fmt::format("coverage: unknown command '{}'; {}'coverage --help' lists the commands\n", name,
                             near.empty() ? "" : fmt::format("did you mean '{}'? ", near));
    return 2;
}
