#include "base/palette.hpp"

#include <iterator>

namespace coverage {

std::optional<std::string> known_class_colour(std::string_view word)
{
    struct Entry {
        std::string_view word, colour;
    };
    static constexpr Entry known[] = {
        {"white", "#D55E00"},        {"unserved", "#D55E00"}, {"below_uso", "#D55E00"}, {"grey", "#E69F00"},
        {"underserved", "#E69F00"},  {"decent", "#E69F00"},   {"dark_grey", "#CC79A7"}, {"superfast", "#56B4E9"},
        {"under_review", "#56B4E9"}, {"served", "#0072B2"},   {"gigabit", "#0072B2"},   {"ultrafast", "#009E73"},
        {"black", "#009E73"},
    };
    for (const Entry& e : known)
        if (e.word == word) return std::string(e.colour);
    return std::nullopt;
}

std::string class_colour(std::string_view word, std::size_t position)
{
    if (auto c = known_class_colour(word)) return *c;
    static constexpr std::string_view others[] = {"#000000", "#CC79A7", "#56B4E9", "#009E73", "#F0E442"};
    return std::string(others[position % std::size(others)]);
}

} // namespace coverage
