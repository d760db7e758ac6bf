#include "coverage/profile.hpp"

#include "coverage/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <toml++/toml.h>

namespace coverage {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string nearest(std::string_view key, const std::vector<std::string_view>& known)
{
    std::string_view best;
    std::size_t best_d = SIZE_MAX;
    for (auto k : known) {
        const std::size_t d = edit_distance(key, k);
        if (d < best_d) best_d = d, best = k;
    }
    return std::string(best);
}

// Reads one table, checking every key against the known set so a typo is an error that
// names the nearest known key, not a silently ignored rule.
class TableReader {
public:
    TableReader(const toml::table& t, std::string origin, std::string where,
                std::vector<std::string_view> known)
        : table_(t), origin_(std::move(origin)), where_(std::move(where)), known_(std::move(known))
    {
        for (const auto& [k, node] : table_) {
            const std::string_view key = k.str();
            if (std::find(known_.begin(), known_.end(), key) == known_.end())
                fail(node, fmt::format("unknown key '{}'{}; did you mean '{}'?", key, where_,
                                       nearest(key, known_)));
        }
    }

    [[noreturn]] void fail(const toml::node& node, const std::string& msg) const
    {
        const auto& src = node.source();
        if (src.begin.line > 0)
            throw InputError(fmt::format("{}:{}:{}: {}", origin_, src.begin.line, src.begin.column, msg));
        throw InputError(fmt::format("{}: {}", origin_, msg));
    }
    [[noreturn]] void fail_here(const std::string& msg) const { fail(table_, msg); }

    const toml::node* get(std::string_view key) const { return table_.get(key); }

    std::optional<std::string> str(std::string_view key, bool required = false) const
    {
        const toml::node* n = get(key);
        if (!n) {
            if (required) fail_here(fmt::format("missing key '{}'{}", key, where_));
            return std::nullopt;
        }
        if (auto v = n->value<std::string>()) return *v;
        fail(*n, fmt::format("'{}'{} must be a string", key, where_));
    }

    std::optional<double> number(std::string_view key) const
    {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (auto v = n->value<double>()) {
            if (!(*v >= 0) || *v > 1e7)
                fail(*n, fmt::format("'{}'{} must be a number between 0 and 10000000", key, where_));
            return *v;
        }
        fail(*n, fmt::format("'{}'{} must be a number", key, where_));
    }

    std::optional<bool> boolean(std::string_view key) const
    {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (auto v = n->value<bool>()) return *v;
        fail(*n, fmt::format("'{}'{} must be true or false", key, where_));
    }

    std::vector<std::string> strings(std::string_view key) const
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

    std::bitset<technology_count> technologies(std::string_view key) const
    {
        std::bitset<technology_count> bits;
        const toml::node* n = get(key);
        for (const auto& word : strings(key)) {
            auto t = parse_technology(word);
            if (!t || technology_name(*t) != word)
                fail(*n, fmt::format("unknown technology '{}' in '{}'{}; use one of ftth, fttb, docsis31, "
                                     "docsis30, vdsl, adsl, fwa_licensed, fwa_unlicensed, 5g, lte, "
                                     "satellite_geo, satellite_leo, other",
                                     word, key, where_));
            bits.set(static_cast<std::size_t>(*t));
        }
        return bits;
    }

private:
    const toml::table& table_;
    std::string origin_;
    std::string where_;
    std::vector<std::string_view> known_;
};

// The download bound of one speed pair: min_down_mbps (at least) or down_above_mbps (more than).
void read_down(const TableReader& r, SpeedCriterion& c, bool& any)
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
    TableReader r(t, origin, fmt::format(" in tiers[{}]", index),
                  {"name", "class", "min_down_mbps", "down_above_mbps", "min_up_mbps", "also", "max_latency_ms",
                   "technologies", "only_technologies"});
    Tier tier;
    tier.name = *r.str("name", true);
    tier.class_name = r.str("class").value_or(tier.name);
    SpeedCriterion first;
    bool any = false;
    read_down(r, first, any);
    if (const auto up = r.number("min_up_mbps")) first.min_up_mbps = *up, any = true;
    first.only = r.technologies("only_technologies");
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
            TableReader ar(*at, origin, fmt::format(" in tiers[{}].also", index),
                           {"min_down_mbps", "down_above_mbps", "min_up_mbps", "max_latency_ms", "only_technologies"});
            SpeedCriterion c;
            bool any_also = false;
            read_down(ar, c, any_also);
            c.min_up_mbps = ar.number("min_up_mbps").value_or(0);
            c.max_latency_ms = ar.number("max_latency_ms");
            c.only = ar.technologies("only_technologies");
            tier.speeds.push_back(c);
        }
    }
    tier.max_latency_ms = r.number("max_latency_ms");
    tier.technologies = r.technologies("technologies");
    if (tier.speeds.empty() && tier.technologies.none())
        r.fail_here(fmt::format("tier '{}' has neither min_down_mbps/min_up_mbps nor technologies; give "
                                "at least one",
                                tier.name));
    return tier;
}

int tier_index(const Profile& p, const TableReader& r, std::string_view key)
{
    const auto name = r.str(key, true);
    for (std::size_t i = 0; i < p.tiers.size(); ++i)
        if (p.tiers[i].name == *name) return static_cast<int>(i);
    r.fail(*r.get(key), fmt::format("'{}' names tier '{}', which is not among the tiers", key, *name));
}

void check_consistency(const Profile& p, const TableReader& r, const toml::array& tiers)
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
    toml::table root;
    try {
        root = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& e) {
        throw InputError(fmt::format("{}:{}:{}: TOML syntax error: {}", origin, e.source().begin.line,
                                     e.source().begin.column, e.description()));
    }
    TableReader r(root, origin, "",
                  {"name", "version", "title", "source", "notes", "technologies", "class_by", "base_class",
                   "base_tier", "horizon_years", "qualifying_tier", "target_tier", "plans_count_for_networks",
                   "plans_block_eligibility", "eligible_classes", "tiers", "networks", "socio_economic",
                   "latency_required", "verification_required", "doubtful_plans", "hfc_gigabit_capable",
                   "conditional_classes", "step_change_factor", "target_blocks_eligibility", "network_limit"});
    Profile p;
    p.name = *r.str("name", true);
    p.version = *r.str("version", true);
    p.title = r.str("title").value_or("");
    p.source = *r.str("source", true);
    p.notes = r.strings("notes");
    p.counted = r.technologies("technologies");
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
        TableReader nr(*t, origin, " in [networks]", {"classes", "under_review_class"});
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
        TableReader sr(*t, origin, " in [socio_economic]", {"categories", "eligible_classes"});
        p.socio_economic_categories = sr.strings("categories");
        p.socio_economic_eligible_classes = sr.strings("eligible_classes");
    }
    p.latency_required = r.boolean("latency_required").value_or(false);
    p.verification_required = r.technologies("verification_required");
    if ((p.verification_required & ~p.counted).any())
        r.fail(*r.get("verification_required"), "verification_required names a technology that 'technologies' does "
                                                "not count; add it there too (it is counted once verified)");
    const std::string doubtful = r.str("doubtful_plans").value_or("ignore");
    if (doubtful == "ignore") p.doubtful_plans = DoubtfulPlans::ignore;
    else if (doubtful == "under_review") p.doubtful_plans = DoubtfulPlans::under_review;
    else r.fail(*r.get("doubtful_plans"), fmt::format("doubtful_plans is '{}'; use \"ignore\" or \"under_review\"", doubtful));
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
        TableReader lr(*t, origin, " in [network_limit]",
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
        l.upgradable_technologies = lr.technologies("upgradable_technologies");
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
    if (auto text = builtin_profile_text(name_or_path))
        return parse_profile(*text, fmt::format("built-in profile {}", name_or_path));
    const bool looks_like_file = name_or_path.find('/') != std::string::npos ||
                                 name_or_path.find('.') != std::string::npos;
    std::ifstream in(name_or_path, std::ios::binary);
    if (!in) {
        std::vector<std::string_view> names;
        for (const auto& b : builtin_profiles()) names.push_back(b.name);
        if (looks_like_file)
            throw InputError(fmt::format("{}: cannot open profile file; check the path", name_or_path));
        throw UsageError(fmt::format("unknown profile '{}'; did you mean '{}'? ('coverage profiles' lists them, "
                                     "or pass a .toml file)",
                                     name_or_path, nearest(name_or_path, names)));
    }
    struct stat st {};
    if (::stat(name_or_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        throw InputError(fmt::format("{}: is a directory; name the profile's .toml file", name_or_path));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(fmt::format("{}: cannot read profile file", name_or_path));
    if (text.str().find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(fmt::format("{}: profile file is empty; start from 'coverage profiles show gigabit'",
                                     name_or_path));
    return parse_profile(text.str(), name_or_path);
}

} // namespace coverage
