#include "commands.hpp"

#include "coverage/error.hpp"
#include "coverage/profile.hpp"

#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage = "usage: coverage profiles [list]\n"
                              "       coverage profiles show NAME\n"
                              "       coverage profiles check FILE.toml\n\n"
                              "Lists the built-in rule profiles, prints one as TOML (copy, edit, pass back with\n"
                              "--profile FILE.toml), or checks a profile file and prints its classes and tiers.";

} // namespace

int profiles_main(const Args& args)
{
    std::vector<std::string> words;
    po::options_description none("options");
    po::positional_options_description pos;
    pos.add("words", -1);
    po::options_description hidden;
    hidden.add_options()("words", po::value(&words));
    po::options_description both;
    both.add(none).add(hidden);
    po::variables_map vm;
    // --help prints only the visible (empty) option set plus the usage text.
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << usage << "\n";
            return 0;
        }
    if (!parse_args(args, usage, both, &pos, vm)) return 0;

    if (words.empty() || words[0] == "list") {
        if (words.size() > 1) throw UsageError("'profiles list' takes no arguments");
        for (const auto& b : builtin_profiles()) {
            const Profile p = parse_profile(b.toml, fmt::format("built-in profile {}", b.name));
            std::cout << fmt::format("{:<17} {:<9} {}\n", p.name, p.version, p.title);
        }
        return 0;
    }
    if (words[0] == "show") {
        if (words.size() != 2) throw UsageError("usage: coverage profiles show NAME");
        auto text = builtin_profile_text(words[1]);
        if (!text) {
            load_profile(words[1]); // throws the did-you-mean error
            throw UsageError(fmt::format("'{}' is not a built-in profile", words[1]));
        }
        std::cout << *text;
        return 0;
    }
    if (words[0] == "check") {
        if (words.size() != 2) throw UsageError("usage: coverage profiles check FILE.toml");
        const Profile p = load_profile(words[1]);
        std::cout << fmt::format("{} {}: classes {}; tiers {}\n", p.name, p.version, fmt::join(p.classes(), ", "),
                                 fmt::join(p.tier_names(), ", "));
        return 0;
    }
    throw UsageError(fmt::format("unknown profiles action '{}'; use list, show NAME or check FILE", words[0]));
}

} // namespace coverage::cli
