#include "commands.hpp"

#include "coverage/error.hpp"

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace coverage::cli {

bool parse_args(const Args& args, const char* usage, const po::options_description& visible,
                const po::positional_options_description* positional, po::variables_map& vm,
                const std::string& epilog)
{
    po::options_description all;
    all.add(visible);
    all.add_options()("help,h", "show this help");
    try {
        po::command_line_parser parser(args);
        parser.options(all).style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing);
        if (positional) parser.positional(*positional);
        po::store(parser.run(), vm);
        if (vm.count("help")) {
            std::cout << usage << "\n\n" << visible << "  -h [ --help ]              show this help\n";
            if (!epilog.empty()) std::cout << "\n" << epilog;
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{}; see --help", e.what()));
    }
    return true;
}

int grid_metres(const std::string& text)
{
    if (text == "100m") return 100;
    if (text == "1km" || text == "1000m") return 1000;
    if (text == "10km" || text == "10000m") return 10000;
    throw UsageError(fmt::format("--grid '{}': use 100m, 1km or 10km", text));
}

bool stderr_is_tty() { return ::isatty(2) == 1; }

} // namespace coverage::cli
