#pragma once
// The documented fallback order of class words (results_reader.cpp), for ordered_classes()
// (areas/class_order.cpp) when no built-in profile has every class word of the data.
#include <string>
#include <vector>

namespace coverage {

/// white, grey, served, black, under_review, unserved, underserved, dark_grey, below_uso,
/// decent, superfast, ultrafast, gigabit, then any other word alphabetically; empty words
/// left out.
std::vector<std::string> documented_class_order(const std::vector<std::string>& words);

} // namespace coverage
