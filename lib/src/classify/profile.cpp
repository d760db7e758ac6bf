#include "coverage/profile.hpp"

#include "base/strict_toml.hpp"
#include "coverage/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace coverage {
namespace {

// Technology words of a profile key, each checked against the known technologies.
std::bitset<technology_count> technologies(const StrictTable& r, std::string_view key)
{
    std::bitset<technology_count> bits;
    const toml::node* n = r.get(key);
    for (const auto& word : r.strings(key)) {
        auto t = parse_technology(word);
        if (!t || technology_name(*t) != word)
            r.fail(*n, fmt::format("unknown technology '{}' in '{}'{}; use one of ftth, fttb, docsis31, "
                                   "docsis30, vdsl, adsl, fwa_licensed, fwa_unlicensed, 5g, lte, "
                                   "satellite_geo, satellite_leo, other",
                                   word, key, r.where()));
        bits.set(static_cast<std::size_t>(*t));
    }
    return bits;
}

Tier read_tier(const toml::table& t, const std::string& origin, std::size_t index)
{
    StrictTable r(t, origin, fmt::format(" in tiers[{}]", index),
                  {"name", "class", "min_down_mbps", "min_up_mbps", "also", "max_latency_ms", "technologies"});
    Tier tier;
    tier.name = *r.str("name", true);
    tier.class_name = r.str("class").value_or(tier.name);
    const auto down = r.number("min_down_mbps");
    const auto up = r.number("min_up_mbps");
    if (down || up) tier.speeds.push_back({down.value_or(0), up.value_or(0)});
    if (const toml::node* also = r.get("also")) {
        const toml::array* arr = also->as_array();
        if (!arr) r.fail(*also, fmt::format("'also' in tiers[{}] must be an array of tables", index));
        for (const auto& item : *arr) {
            const toml::table* at = item.as_table();
            if (!at) r.fail(item, fmt::format("'also' in tiers[{}] must hold tables", index));
            StrictTable ar(*at, origin, fmt::format(" in tiers[{}].also", index), {"min_down_mbps", "min_up_mbps"});
            tier.speeds.push_back({ar.number("min_down_mbps").value_or(0), ar.number("min_up_mbps").value_or(0)});
        }
    }
    tier.max_latency_ms = r.number("max_latency_ms");
    tier.technologies = technologies(r, "technologies");
    if (tier.speeds.empty() && tier.technologies.none())
        r.fail_here(fmt::format("tier '{}' has neither min_down_mbps/min_up_mbps nor technologies; give "
                                "at least one",
                                tier.name));
    return tier;
}

int tier_index(const Profile& p, const StrictTable& r, std::string_view key)
{
    const auto name = r.str(key, true);
    for (std::size_t i = 0; i < p.tiers.size(); ++i)
        if (p.tiers[i].name == *name) return static_cast<int>(i);
    r.fail(*r.get(key), fmt::format("'{}' names tier '{}', which is not among the tiers", key, *name));
}

void check_consistency(const Profile& p, const StrictTable& r, const toml::array& tiers)
{
    std::set<std::string> names;
    for (std::size_t i = 0; i < p.tiers.size(); ++i) {
        const Tier& t = p.tiers[i];
        if (!names.insert(t.name).second) r.fail(tiers[i], fmt::format("tier '{}' is defined twice", t.name));
        if (i == 0 || t.speeds.empty() || p.tiers[i - 1].speeds.empty()) continue;
        const SpeedCriterion& lo = p.tiers[i - 1].speeds.front();
        const SpeedCriterion& hi = t.speeds.front();
        if (hi.min_down_mbps < lo.min_down_mbps)
            r.fail(tiers[i], fmt::format("tier '{}' ({}/{} Mbit/s) is listed above tier '{}' ({}/{} Mbit/s) but "
                                    "asks less download; list tiers from lowest to highest",
                                    t.name, hi.min_down_mbps, hi.min_up_mbps, p.tiers[i - 1].name,
                                    lo.min_down_mbps, lo.min_up_mbps));
    }
    const auto cls = p.classes();
    for (const auto& c : p.eligible_classes)
        if (std::find(cls.begin(), cls.end(), c) == cls.end())
            r.fail(*r.get("eligible_classes"), fmt::format("eligible_classes names '{}', which no rule produces; classes are: {}", c,
                                    fmt::join(cls, ", ")));
    for (const auto& c : p.socio_economic_eligible_classes)
        if (std::find(cls.begin(), cls.end(), c) == cls.end())
            r.fail(*r.get("socio_economic"), fmt::format("socio_economic.eligible_classes names '{}', which no rule produces; "
                                    "classes are: {}",
                                    c, fmt::join(cls, ", ")));
}

} // namespace

std::vector<std::string> Profile::classes() const
{
    std::vector<std::string> out;
    auto add = [&](const std::string& c) {
        if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    if (class_by == ClassBy::tier) {
        add(base_class);
        for (const auto& t : tiers) add(t.class_name);
    } else {
        for (const auto& c : network_classes) add(c);
        if (under_review_class) add(*under_review_class);
    }
    return out;
}

std::vector<std::string> Profile::tier_names() const
{
    std::vector<std::string> out{base_tier};
    for (const auto& t : tiers) out.push_back(t.name);
    return out;
}

Profile parse_profile(std::string_view toml_text, const std::string& origin)
{
    const toml::table root = parse_toml_text(toml_text, origin);
    StrictTable r(root, origin, "",
                  {"name", "version", "title", "source", "notes", "technologies", "class_by", "base_class",
                   "base_tier", "horizon_years", "qualifying_tier", "target_tier", "plans_count_for_networks",
                   "plans_block_eligibility", "eligible_classes", "tiers", "networks", "socio_economic"});
    Profile p;
    p.name = *r.str("name", true);
    p.version = *r.str("version", true);
    p.title = r.str("title").value_or("");
    p.source = *r.str("source", true);
    p.notes = r.strings("notes");
    p.counted = technologies(r, "technologies");
    if (p.counted.none()) r.fail_here("'technologies' must name at least one counted technology");

    const toml::node* tiers = r.get("tiers");
    const toml::array* arr = tiers ? tiers->as_array() : nullptr;
    if (!arr || arr->empty()) r.fail_here("missing [[tiers]]: a profile needs at least one tier");
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::table* t = (*arr)[i].as_table();
        if (!t) r.fail((*arr)[i], "each entry of 'tiers' must be a table ([[tiers]])");
        p.tiers.push_back(read_tier(*t, origin, i));
    }
    p.base_tier = r.str("base_tier").value_or("none");

    const std::string by = r.str("class_by").value_or("tier");
    if (by == "tier") p.class_by = ClassBy::tier;
    else if (by == "networks") p.class_by = ClassBy::networks;
    else r.fail(*r.get("class_by"), fmt::format("class_by is '{}'; use \"tier\" or \"networks\"", by));

    p.base_class = r.str("base_class").value_or("");
    if (p.class_by == ClassBy::tier && p.base_class.empty())
        r.fail_here("class_by = \"tier\" needs base_class (the class when no tier is met, e.g. \"white\")");

    if (const auto h = r.number("horizon_years")) {
        if (*h != static_cast<int>(*h) || *h > 20)
            r.fail(*r.get("horizon_years"), "horizon_years must be a whole number of years from 0 to 20");
        p.horizon_years = static_cast<int>(*h);
    }
    p.qualifying_tier = tier_index(p, r, "qualifying_tier");
    p.target_tier = r.get("target_tier") ? tier_index(p, r, "target_tier") : p.qualifying_tier;
    p.plans_count_for_networks = r.boolean("plans_count_for_networks").value_or(false);
    p.plans_block_eligibility = r.boolean("plans_block_eligibility").value_or(true);

    if (const toml::node* n = r.get("networks")) {
        const toml::table* t = n->as_table();
        if (!t) r.fail(*n, "'networks' must be a table ([networks])");
        StrictTable nr(*t, origin, " in [networks]", {"classes", "under_review_class"});
        p.network_classes = nr.strings("classes");
        p.under_review_class = nr.str("under_review_class");
    }
    if (p.class_by == ClassBy::networks && p.network_classes.size() < 2)
        r.fail_here("class_by = \"networks\" needs [networks] classes = [...] with at least two words "
                    "(for 0, 1, ... networks)");

    p.eligible_classes = r.strings("eligible_classes");
    if (const toml::node* n = r.get("socio_economic")) {
        const toml::table* t = n->as_table();
        if (!t) r.fail(*n, "'socio_economic' must be a table ([socio_economic])");
        StrictTable sr(*t, origin, " in [socio_economic]", {"categories", "eligible_classes"});
        p.socio_economic_categories = sr.strings("categories");
        p.socio_economic_eligible_classes = sr.strings("eligible_classes");
    }
    check_consistency(p, r, *arr);
    return p;
}

std::optional<std::string_view> builtin_profile_text(std::string_view name)
{
    for (const auto& b : builtin_profiles())
        if (b.name == name) return b.toml;
    return std::nullopt;
}

Profile load_profile(const std::string& name_or_path)
{
    std::vector<BuiltinToml> builtins;
    for (const auto& b : builtin_profiles()) builtins.push_back({b.name, b.toml});
    const TomlSource src = resolve_toml_source(name_or_path, builtins, "profile", "'coverage profiles' lists them",
                                               "start from 'coverage profiles show gigabit'");
    return parse_profile(src.text, src.origin);
}

} // namespace coverage
