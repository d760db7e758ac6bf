// Classes in the regime's order in every table (aggregate columns, summary rows, diff matrix):
// a result file carries no profile, so the order comes from the built-in profile whose
// classes include every class word of the data (BEAD: unserved, underserved, served).
#include "coverage/profile.hpp"
#include "coverage/results.hpp"
#include "read/class_words.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace coverage {
namespace {

// Each built-in profile's classes, lowest first, parsed once.
const std::vector<std::vector<std::string>>& regime_orders()
{
    static const std::vector<std::vector<std::string>> orders = [] {
        std::vector<std::vector<std::string>> out;
        for (const auto& b : builtin_profiles())
            out.push_back(parse_profile(b.toml, fmt::format("built-in profile {}", b.name)).classes());
        return out;
    }();
    return orders;
}

} // namespace

std::vector<std::string> ordered_classes(const std::vector<std::string>& words)
{
    std::vector<std::string> present;
    for (const auto& w : words)
        if (!w.empty() && std::find(present.begin(), present.end(), w) == present.end()) present.push_back(w);
    for (const auto& order : regime_orders()) {
        const bool all = std::all_of(present.begin(), present.end(), [&](const std::string& w) {
            return std::find(order.begin(), order.end(), w) != order.end();
        });
        if (!all || present.empty()) continue;
        std::vector<std::string> out;
        for (const auto& c : order)
            if (std::find(present.begin(), present.end(), c) != present.end()) out.push_back(c);
        return out;
    }
    return documented_class_order(present);
}

} // namespace coverage
