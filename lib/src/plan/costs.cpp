// Cost models: TOML read as strictly as rule profiles (base/strict_toml.hpp).
#include "base/strict_toml.hpp"
#include "coverage/error.hpp"
#include "coverage/plan.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace coverage {

CostModel parse_cost_model(std::string_view toml_text, const std::string& origin)
{
    const toml::table root = parse_toml_text(toml_text, origin);
    const StrictTable r(root, origin, "",
                        {"name", "version", "title", "currency", "source", "notes", "trench_per_m", "duct_per_m",
                         "fibre_per_m", "drop_per_m", "per_address", "per_unit"});
    CostModel m;
    m.name = *r.str("name", true);
    m.version = r.str("version").value_or("");
    m.title = r.str("title").value_or("");
    m.currency = *r.str("currency", true);
    if (m.currency.size() != 3 ||
        !std::all_of(m.currency.begin(), m.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        r.fail(*r.get("currency"),
               fmt::format("currency '{}' is not an ISO 4217 code such as \"EUR\" or \"USD\"", m.currency));
    m.source = *r.str("source", true);
    m.notes = r.strings("notes");
    auto rate = [&](std::string_view key, bool required) {
        const auto v = r.number(key, 1e6);
        if (!v && required) r.fail_here(fmt::format("missing key '{}' (a rate per metre, 0 if free)", key));
        return v.value_or(0);
    };
    m.trench_per_m = rate("trench_per_m", true);
    m.duct_per_m = rate("duct_per_m", true);
    m.fibre_per_m = rate("fibre_per_m", true);
    m.drop_per_m = rate("drop_per_m", true);
    m.per_address = rate("per_address", true);
    m.per_unit = rate("per_unit", false);
    return m;
}

std::optional<std::string_view> builtin_cost_model_text(std::string_view name)
{
    for (const auto& b : builtin_cost_models())
        if (b.name == name) return b.toml;
    return std::nullopt;
}

CostModel load_cost_model(const std::string& name_or_path)
{
    std::vector<BuiltinToml> builtins;
    for (const auto& b : builtin_cost_models()) builtins.push_back({b.name, b.toml});
    const TomlSource src =
        resolve_toml_source(name_or_path, builtins, "cost model", "'coverage plan --list-costs' lists them",
                            "start from 'coverage plan --show-costs de-2024'");
    return parse_cost_model(src.text, src.origin);
}

} // namespace coverage
