#include "base/strict_toml.hpp"

#include "coverage/edit_distance.hpp"
#include "coverage/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace coverage {

std::string nearest_word(std::string_view key, const std::vector<std::string_view>& known)
{
    return nearest_name(key, known); // the one "did you mean" rule (coverage/edit_distance.hpp)
}

toml::table parse_toml_text(std::string_view text, const std::string& origin)
{
    try {
        return toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        throw InputError(fmt::format("{}:{}:{}: TOML syntax error: {}", origin, e.source().begin.line,
                                     e.source().begin.column, e.description()));
    }
}

std::string read_config_file(const std::string& path, std::string_view what, std::string_view empty_hint)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot open {} file; check the path", path, what));
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        throw InputError(fmt::format("{}: is a directory; name the {}'s .toml file", path, what));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(fmt::format("{}: cannot read {} file", path, what));
    if (text.str().find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(fmt::format("{}: {} file is empty; {}", path, what, empty_hint));
    return text.str();
}

TomlSource resolve_toml_source(const std::string& name_or_path, const std::vector<BuiltinToml>& builtins,
                               std::string_view what, std::string_view list_hint, std::string_view empty_hint)
{
    for (const auto& b : builtins)
        if (b.name == name_or_path) return {std::string(b.toml), fmt::format("built-in {} {}", what, name_or_path)};
    const bool looks_like_file =
        name_or_path.find('/') != std::string::npos || name_or_path.find('.') != std::string::npos;
    if (!looks_like_file && ::access(name_or_path.c_str(), F_OK) != 0) {
        std::vector<std::string_view> names;
        for (const auto& b : builtins) names.push_back(b.name);
        throw UsageError(fmt::format("unknown {} '{}'; did you mean '{}'? ({}, or pass a .toml file)", what,
                                     name_or_path, nearest_word(name_or_path, names), list_hint));
    }
    return {read_config_file(name_or_path, what, empty_hint), name_or_path};
}

StrictTable::StrictTable(const toml::table& t, std::string origin, std::string where,
                         std::vector<std::string_view> known)
    : table_(t), origin_(std::move(origin)), where_(std::move(where)), known_(std::move(known))
{
    for (const auto& [k, node] : table_) {
        const std::string_view key = k.str();
        if (std::find(known_.begin(), known_.end(), key) == known_.end())
            fail(node, fmt::format("unknown key '{}'{}; did you mean '{}'?", key, where_, nearest_word(key, known_)));
    }
}

void StrictTable::fail(const toml::node& node, const std::string& msg) const
{
    const auto& src = node.source();
    if (src.begin.line > 0)
        throw InputError(fmt::format("{}:{}:{}: {}", origin_, src.begin.line, src.begin.column, msg));
    throw InputError(fmt::format("{}: {}", origin_, msg));
}

std::optional<std::string> StrictTable::str(std::string_view key, bool required) const
{
    const toml::node* n = get(key);
    if (!n) {
        if (required) fail_here(fmt::format("missing key '{}'{}", key, where_));
        return std::nullopt;
    }
    if (auto v = n->value<std::string>()) return *v;
    fail(*n, fmt::format("'{}'{} must be a string", key, where_));
}

std::optional<double> StrictTable::number(std::string_view key, double max) const
{
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<double>()) {
        if (!(*v >= 0) || *v > max)
            fail(*n, fmt::format("'{}'{} must be a number between 0 and {:.0f}", key, where_, max));
        return *v;
    }
    fail(*n, fmt::format("'{}'{} must be a number", key, where_));
}

std::optional<bool> StrictTable::boolean(std::string_view key) const
{
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>()) return *v;
    fail(*n, fmt::format("'{}'{} must be true or false", key, where_));
}

std::vector<std::string> StrictTable::strings(std::string_view key) const
{
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) fail(*n, fmt::format("'{}'{} must be an array of strings", key, where_));
    for (const auto& item : *arr) {
        auto v = item.value<std::string>();
        if (!v) fail(item, fmt::format("'{}'{} must hold only strings", key, where_));
        out.push_back(*v);
    }
    return out;
}

} // namespace coverage
