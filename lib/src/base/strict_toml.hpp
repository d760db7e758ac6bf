#pragma once
// Strict reading of TOML configuration (rule profiles, cost models): every key is checked
// against the known set, so a typo is an error naming the nearest known key, and every error
// carries file:line:column.
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace coverage {

/// The known word nearest to `key`: nearest_name (coverage/edit_distance.hpp): a word typed
/// in part first, then edit distance (first of equals).
std::string nearest_word(std::string_view key, const std::vector<std::string_view>& known);

/// Parses TOML text; a syntax error becomes InputError "origin:line:column: TOML syntax error: ...".
toml::table parse_toml_text(std::string_view text, const std::string& origin);

/// Reads a configuration file the user named. Throws InputError: cannot open (check the
/// path), a directory, or empty (`empty_hint` says where to start).
std::string read_config_file(const std::string& path, std::string_view what, std::string_view empty_hint);

/// The TOML text of a built-in configuration (by name) or of a file, and its origin for
/// messages ("built-in cost model de-2024" or the path). A name that is neither a built-in
/// nor an existing file (and has no '/' or '.') is a UsageError naming the nearest built-in:
/// "unknown cost model 'de-2042'; did you mean 'de-2024'? (LIST_HINT, or pass a .toml file)".
struct TomlSource {
    std::string text;
    std::string origin;
};
struct BuiltinToml {
    std::string_view name;
    std::string_view toml;
};
TomlSource resolve_toml_source(const std::string& name_or_path, const std::vector<BuiltinToml>& builtins,
                               std::string_view what, std::string_view list_hint, std::string_view empty_hint);

/// One table whose keys are all known. `where` (" in tiers[2]") is appended to messages.
class StrictTable {
public:
    StrictTable(const toml::table& t, std::string origin, std::string where, std::vector<std::string_view> known);

    [[noreturn]] void fail(const toml::node& node, const std::string& msg) const;
    [[noreturn]] void fail_here(const std::string& msg) const { fail(table_, msg); }

    [[nodiscard]] const toml::node* get(std::string_view key) const { return table_.get(key); }
    [[nodiscard]] const std::string& where() const { return where_; }

    std::optional<std::string> str(std::string_view key, bool required = false) const;
    /// A number in [0, max]; integers are accepted as numbers.
    std::optional<double> number(std::string_view key, double max = 1e7) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::vector<std::string> strings(std::string_view key) const;

private:
    const toml::table& table_;
    std::string origin_;
    std::string where_;
    std::vector<std::string_view> known_;
};

} // namespace coverage
