#pragma once
// Small helpers on file paths shared by readers and writers.
#include "base/text.hpp"

#include <string>
#include <string_view>

namespace coverage {

/// Lower-cased extension without the dot ("GPKG" -> "gpkg"); empty when there is none.
inline std::string lower_ext(std::string_view path)
{
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
    return ascii_lower(path.substr(dot + 1));
}

} // namespace coverage
