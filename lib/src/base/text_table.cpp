#include "base/text_table.hpp"

#include <algorithm>

namespace coverage {
namespace {

std::size_t width(const std::string& s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

} // namespace

std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> w(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size() && c < w.size(); ++c) w[c] = std::max(w[c], width(r[c]));
    std::string out;
    auto line = [&](const std::vector<std::string>& r) {
        std::string l;
        for (std::size_t c = 0; c < w.size(); ++c) {
            const std::string cell = c < r.size() ? r[c] : "";
            const std::string pad(w[c] - width(cell), ' ');
            if (c) l += "  ";
            l += c == 0 ? cell + pad : pad + cell;
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += l + '\n';
    };
    line(header);
    for (const auto& r : rows) line(r);
    return out;
}

std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows)
{
    auto esc = [](const std::string& s) {
        std::string r;
        for (char c : s) {
            if (c == '|') r += '\\';
            r += c;
        }
        return r;
    };
    std::string out = "|";
    for (const auto& h : header) out += " " + esc(h) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < header.size(); ++c) out += c == 0 ? "---|" : "--:|";
    out += '\n';
    for (const auto& r : rows) {
        out += "|";
        for (std::size_t c = 0; c < header.size(); ++c) out += " " + esc(c < r.size() ? r[c] : "") + " |";
        out += '\n';
    }
    return out;
}

} // namespace coverage
