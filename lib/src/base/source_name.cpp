#include "base/source_name.hpp"

#include "base/text.hpp"

namespace coverage {

namespace {
std::string fold(std::string_view s) { return ascii_lower(s); }
} // namespace

std::string display_source(std::string_view path)
{
    std::string out(path);
    if (out.size() < 3 || fold(out.substr(0, 3)) != "pg:") return out;
    // libpq keywords are "password=value" or "password='quoted value'".
    std::size_t pos = 0;
    while ((pos = fold(out).find("password", pos)) != std::string::npos) {
        std::size_t eq = pos + 8;
        while (eq < out.size() && out[eq] == ' ') ++eq;
        if (eq >= out.size() || out[eq] != '=') {
            pos = eq;
            continue;
        }
        std::size_t v = eq + 1;
        while (v < out.size() && out[v] == ' ') ++v;
        std::size_t end = v;
        if (end < out.size() && out[end] == '\'') {
            ++end;
            while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, out.size());
        } else {
            while (end < out.size() && out[end] != ' ') ++end;
        }
        out.replace(v, end - v, "***");
        pos = v + 3;
    }
    return out;
}

} // namespace coverage
