#pragma once
// Rule profiles (docs/profiles.md): a named, versioned rule set in TOML. Built-ins are the same TOML
// embedded in the binary, so `profiles show` output can be edited and passed back as a file.
#include "coverage/technology.hpp"

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// One speed pair an offer may meet; a tier is met by any of its pairs.
struct SpeedCriterion {
    double min_down_mbps = 0;
    double min_up_mbps = 0;
    bool down_strict = false;             // down_above_mbps: more than, not at least
    std::optional<double> max_latency_ms; // this pair's own limit (replaces the tier's)
    std::bitset<technology_count> only;   // only_technologies: none set = any technology
};

struct Tier {
    std::string name;
    std::string class_name;                     // the class an address gets at this tier when class_by = tier
    std::vector<SpeedCriterion> speeds;         // any of; empty means only `technologies` meet it
    std::optional<double> max_latency_ms;       // also fails offers flagged low_latency = 0
    std::bitset<technology_count> technologies; // meet the tier whatever the sold speed
};

enum class ClassBy { tier, networks };

/// What a doubtful plan (undated, dated before --as-of, or flagged verified = 0) does: it is
/// never a credible plan; under `under_review` it also makes the address under review when
/// it meets the qualifying tier and no network is counted (BDUK).
enum class DoubtfulPlans { ignore, under_review };

/// [network_limit]: an address in an eligible class stays eligible only while at most
/// `max_networks` providers meet the qualifying tier today, that network is no faster than
/// max_down/max_up, and (upgradable_blocks) it cannot be upgraded (German scheme, 2024).
struct NetworkLimit {
    bool active = false;
    int max_networks = 1;
    std::optional<double> max_down_mbps;
    std::optional<double> max_up_mbps;
    bool upgradable_blocks = false;
    std::bitset<technology_count> upgradable_technologies; // upgradable when a row does not say
};

struct Profile {
    std::string name;
    std::string version;
    std::string title;
    std::string source;
    std::vector<std::string> notes;

    std::bitset<technology_count> counted; // technologies the regime counts at all
    std::vector<Tier> tiers;               // ascending: a later tier implies the earlier
    std::string base_tier = "none";        // tier word when no tier is met
    std::string base_class;                // class when no tier is met (class_by = tier)
    ClassBy class_by = ClassBy::tier;
    int qualifying_tier = 0; // index into tiers: what makes an offer count as a network
    int target_tier = 0;     // index into tiers: the programme's target (e.g. gigabit)
    int horizon_years = 3;
    bool plans_count_for_networks = false;    // class_by networks: credible plans add networks
    bool plans_block_eligibility = true;      // a credible plan meeting the target blocks funding
    std::vector<std::string> network_classes; // index = network count, last one saturates
    std::optional<std::string> under_review_class;
    std::vector<std::string> eligible_classes;
    std::vector<std::string> socio_economic_categories;
    std::vector<std::string> socio_economic_eligible_classes;

    bool latency_required = false;                       // an offer reporting no latency fails tiers that limit it
    std::bitset<technology_count> verification_required; // counted only on rows with verified = 1
    DoubtfulPlans doubtful_plans = DoubtfulPlans::ignore;
    bool hfc_gigabit_capable = false;             // docsis30/31 meet every tier that ftth meets by technology
    std::vector<std::string> conditional_classes; // eligible only after a further assessment
    double step_change_factor = 0;                // > 0: the aided network must reach this multiple of today's download
    bool target_blocks_eligibility = false;       // class_by networks: an existing target network blocks
    NetworkLimit network_limit;

    /// Every class word this profile can produce, in a stable order (worst first).
    [[nodiscard]] std::vector<std::string> classes() const;
    /// Every tier word, base tier first.
    [[nodiscard]] std::vector<std::string> tier_names() const;
    [[nodiscard]] bool counts(Technology t) const { return counted.test(static_cast<std::size_t>(t)); }
};

/// Parses a profile from TOML text. `origin` names the file (or "built-in NAME") in errors,
/// which carry line and column for syntax errors and the nearest key for unknown keys.
/// Throws InputError.
Profile parse_profile(std::string_view toml_text, const std::string& origin);

struct BuiltinProfile {
    std::string_view name;
    std::string_view toml;
};
const std::vector<BuiltinProfile>& builtin_profiles();

/// Resolves NAME (a built-in) or a path to a .toml file. Throws InputError/UsageError.
Profile load_profile(const std::string& name_or_path);

/// TOML text of a built-in, or empty optional.
std::optional<std::string_view> builtin_profile_text(std::string_view name);

} // namespace coverage
