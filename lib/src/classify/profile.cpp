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

void read_down(const StrictTable& r, SpeedCriterion& c, bool& any)
{
    const auto at_least = r.number("min_down_mbps");
    const auto above = r.number("down_above_mbps");
    if (at_least && above)
        r.fail(*r.get("down_above_mbps"), "give min_down_mbps (at least) or down_above_mbps (more than), not both");
    if (at_least || above) any = true;
    c.min_down_mbps = at_least ? *at_least : above.value_or(0);
    c.down_strict = above.has_value();
}

Tier read_tier(const toml::table& t, const std::string& origin, std::size_t index)
{
    StrictTable r(t, origin, fmt::format(" in tiers[{}]", index),
                  {"name", "class", "min_down_mbps", "down_above_mbps", "min_up_mbps", "also", "max_latency_ms",
                   "technologies", "only_technologies"});
    Tier tier;
    tier.name = *r.str("name", true);
    tier.class_name = r.str("class").value_or(tier.name);
    SpeedCriterion first;
    bool any = false;
    read_down(r, first, any);
    if (const auto up = r.number("min_up_mbps")) first.min_up_mbps = *up, any = true;
    first.only = technologies(r, "only_technologies");
    if (any) tier.speeds.push_back(first);
    else if (first.only.any())
        r.fail(*r.get("only_technologies"), fmt::format("only_technologies in tiers[{}] restricts a speed; give "
                                                        "min_down_mbps or min_up_mbps too",
                                                        index));
    if (const toml::node* also = r.get("also")) {
        const toml::array* arr = also->as_array();
        if (!arr) r.fail(*also, fmt::format("'also' in tiers[{}] must be an array of tables", index));
        for (const auto& item : *arr) {
            const toml::table* at = item.as_table();
            if (!at) r.fail(item, fmt::format("'also' in tiers[{}] must hold tables", index));
            StrictTable ar(*at, origin, fmt::format(" in tiers[{}].also", index),
                           {"min_down_mbps", "down_above_mbps", "min_up_mbps", "max_latency_ms", "only_technologies"});
            SpeedCriterion c;
            bool any_also = false;
            read_down(ar, c, any_also);
            c.min_up_mbps = ar.number("min_up_mbps").value_or(0);
            c.max_latency_ms = ar.number("max_latency_ms");
            c.only = technologies(ar, "only_technologies");
            tier.speeds.push_back(c);
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
            r.fail(*r.get("eligible_classes"),
                   fmt::format("eligible_classes names '{}', which no rule produces; classes are: {}", c,
                               fmt::join(cls, ", ")));
    for (const auto& c : p.socio_economic_eligible_classes)
        if (std::find(cls.begin(), cls.end(), c) == cls.end())
            r.fail(*r.get("socio_economic"),
                   fmt::format("socio_economic.eligible_classes names '{}', which no rule produces; "
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
    // clang-format off
    StrictTable r(root, origin, "",
                  {"name", "version", "title", "source", "notes", "technologies", "class_by", "base_class",
                   "base_tier", "horizon_years", "qualifying_tier", "target_tier", "plans_count_for_networks",
                   "plans_block_eligibility", "eligible_classes", "tiers", "networks", "socio_economic",
                   "latency_required", "verification_required", "doubtful_plans", "hfc_gigabit_capable",
                   "conditional_classes", "step_change_factor", "target_blocks_eligibility", "network_limit"});
    // clang-format on
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
    for (std::size_t i = 0; i < p.tiers.size(); ++i)
        if (p.tiers[i].name == p.base_tier)
            r.fail((*arr)[i], fmt::format("tier '{}' has the name of the base tier (no tier met: base_tier = \"{}\"); "
                                          "name it differently",
                                          p.base_tier, p.base_tier));

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
    p.latency_required = r.boolean("latency_required").value_or(false);
    p.verification_required = technologies(r, "verification_required");
    if ((p.verification_required & ~p.counted).any())
        r.fail(*r.get("verification_required"), "verification_required names a technology that 'technologies' does "
                                                "not count; add it there too (it is counted once verified)");
    const std::string doubtful = r.str("doubtful_plans").value_or("ignore");
    if (doubtful == "ignore") p.doubtful_plans = DoubtfulPlans::ignore;
    else if (doubtful == "under_review") p.doubtful_plans = DoubtfulPlans::under_review;
    else
        r.fail(*r.get("doubtful_plans"),
               fmt::format("doubtful_plans is '{}'; use \"ignore\" or \"under_review\"", doubtful));
    if (p.doubtful_plans == DoubtfulPlans::under_review && !p.under_review_class)
        r.fail(*r.get("doubtful_plans"), "doubtful_plans = \"under_review\" needs [networks] under_review_class");
    p.hfc_gigabit_capable = r.boolean("hfc_gigabit_capable").value_or(false);
    if (p.hfc_gigabit_capable) {
        // Cable counts wherever fibre counts by capability, whatever the sold speed.
        bool any = false;
        for (auto& t : p.tiers)
            if (t.technologies.test(static_cast<std::size_t>(Technology::ftth))) {
                t.technologies.set(static_cast<std::size_t>(Technology::docsis30));
                t.technologies.set(static_cast<std::size_t>(Technology::docsis31));
                any = true;
            }
        if (!any)
            r.fail(*r.get("hfc_gigabit_capable"), "hfc_gigabit_capable = true needs a tier that lists ftth in "
                                                  "'technologies' (cable is then counted as fibre is)");
    }
    p.conditional_classes = r.strings("conditional_classes");
    p.step_change_factor = r.number("step_change_factor").value_or(0);
    p.target_blocks_eligibility = r.boolean("target_blocks_eligibility").value_or(false);
    if (const toml::node* n = r.get("network_limit")) {
        const toml::table* t = n->as_table();
        if (!t) r.fail(*n, "'network_limit' must be a table ([network_limit])");
        StrictTable lr(
            *t, origin, " in [network_limit]",
            {"max_networks", "max_down_mbps", "max_up_mbps", "upgradable_blocks", "upgradable_technologies"});
        NetworkLimit& l = p.network_limit;
        l.active = true;
        if (const auto m = lr.number("max_networks")) {
            if (*m != static_cast<int>(*m) || *m > 100)
                lr.fail(*lr.get("max_networks"), "max_networks must be a whole number from 0 to 100");
            l.max_networks = static_cast<int>(*m);
        }
        l.max_down_mbps = lr.number("max_down_mbps");
        l.max_up_mbps = lr.number("max_up_mbps");
        l.upgradable_blocks = lr.boolean("upgradable_blocks").value_or(false);
        l.upgradable_technologies = technologies(lr, "upgradable_technologies");
    }
    check_consistency(p, r, *arr);
    const auto cls = p.classes();
    for (const auto& c : p.conditional_classes)
        if (std::find(cls.begin(), cls.end(), c) == cls.end())
            r.fail(*r.get("conditional_classes"),
                   fmt::format("conditional_classes names '{}', which no rule produces; classes are: {}", c,
                               fmt::join(cls, ", ")));
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
