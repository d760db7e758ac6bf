#pragma once
// The per-address accumulator and the classifier. Offers are folded into a compact
// accumulator as they stream in (memory grows with addresses, not offers); the classifier
// then turns an accumulator into class, tier, eligibility and reason under a profile.
#include "classify/offer.hpp"
#include "coverage/profile.hpp"

#include <absl/container/flat_hash_map.h>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace coverage {

/// The providers of one address, each with the roles it plays (bit flags below): four inline,
/// the rare rest on the heap. 32 bytes.
class ProviderRoles {
public:
    static constexpr std::uint32_t counted = 1;             // counted existing or credible offer
    static constexpr std::uint32_t qualifying_existing = 2; // meets the qualifying tier today
    static constexpr std::uint32_t qualifying_planned = 4;  // ... by a credible plan within the horizon
    static constexpr std::uint32_t target_existing = 8;     // meets the target tier today
    static constexpr std::uint32_t max_provider = (1u << 28) - 1;

    void add(std::uint32_t provider, std::uint32_t roles);
    /// Providers with any of `roles`, ascending by id.
    [[nodiscard]] std::vector<std::uint32_t> sorted(std::uint32_t roles) const;
    [[nodiscard]] std::size_t count(std::uint32_t roles) const;

private:
    std::array<std::uint32_t, 4> inline_{}; // provider << 4 | roles
    std::uint8_t count_ = 0;
    std::unique_ptr<std::vector<std::uint32_t>> more_;
};

/// An offer as the profile sees it, remembered to explain a decision. Every field takes part
/// in the order `better` (content, never arrival), so ties break the same in any row order.
struct OfferBrief {
    std::uint32_t provider = 0;
    Technology technology = Technology::other;
    Status status = Status::existing;
    std::int8_t low_latency = -1;
    double down_mbps = 0;
    double up_mbps = 0;
    double latency_ms = 0;
    Day planned = no_date;
};

/// Why a plan meeting the target is not credible.
enum class PlanDoubt : std::uint8_t { none, overdue, undated, unevidenced };
/// Why `Accumulator::best` holds an offer the profile does not count.
enum class BestKind : std::uint8_t { counted, technology_not_counted, not_verified };

/// Everything the classifier needs about one address, folded from its offers: 64 bytes, so
/// memory grows with addresses, not offers. Deciding offers are kept as ids of briefs interned
/// by the Evaluator (brief id + 1; 0 = none).
struct Accumulator {
    std::uint32_t offers_seen = 0;    // every offer joined to this address
    std::uint32_t offers_counted = 0; // technology counted and status relevant
    std::uint32_t best = 0;           // best counted existing offer, by content (see better());
                                      // while none is counted: the best uncounted one (best_kind)
    std::uint32_t tier_offer = 0;     // the offer that met best_tier (best such)
    std::uint32_t planned_offer = 0;  // the earliest credible plan meeting the target tier, or
                                      // while there is none, the earliest doubtful one (plan_doubt)
    std::uint32_t review_offer = 0;   // the earliest unverified plan/report meeting the qualifying tier
    std::int8_t best_tier = -1;       // highest tier met by a counted existing offer
    BestKind best_kind = BestKind::counted;
    PlanDoubt plan_doubt = PlanDoubt::none;
    // One byte of flags (bit-fields keep the accumulator at 64 bytes with the date below).
    bool planned_target : 1 = false; // a credible plan meets the target within the horizon
    bool under_review_qualifying : 1 = false;
    bool limit_exceeded : 1 = false;   // [network_limit]: a qualifying offer is faster than the limit
    bool limit_upgradable : 1 = false; // [network_limit]: a qualifying offer can be upgraded
    Day target_planned_date = no_date; // earliest credible plan meeting the target tier, any year
    ProviderRoles providers;
    [[nodiscard]] bool has_best() const { return best != 0 && best_kind == BestKind::counted; }
};
static_assert(sizeof(Accumulator) == 64, "one accumulator per address: keep it at 64 bytes");

struct Classification {
    std::string class_name;
    std::string tier;
    bool eligible = false;
    int networks = 0;
    int target_networks = 0;
    bool planned_target = false;
    Day target_planned_date = no_date; // gigabit_planned_date: not cut at the horizon
    bool has_best = false;             // some counted existing offer; then best_* hold it
    double best_down_mbps = 0;
    double best_up_mbps = 0;
    Technology best_technology = Technology::other;
    std::string reason;    // machine-readable codes, ';'-separated, with deciding offers
    std::string providers; // ';'-separated sorted names of counted providers
};

/// Folds offers into accumulators for one profile and reference date, and classifies them.
/// Not thread-safe: add() interns the deciding offers.
class Evaluator {
public:
    /// `names` (the table the offers' provider ids come from) breaks ties between equally good
    /// offers by provider name; without it, by id (only for callers that intern in a fixed order).
    Evaluator(const Profile& profile, Day as_of, const ProviderTable* names = nullptr);
    /// Index of the highest tier the offer meets, -1 for none (ignores status).
    [[nodiscard]] int tier_of(const Offer& offer) const;
    /// The same, ignoring latency: what the offer would reach if its latency passed.
    [[nodiscard]] int tier_ignoring_latency(const OfferBrief& offer) const;
    /// True when `a` is the better offer: faster (down, then up), then passing latency, then by
    /// technology, provider name, planned date and status. A total order on content.
    [[nodiscard]] bool better(const OfferBrief& a, const OfferBrief& b) const;
    void add(Accumulator& acc, const Offer& offer);
    [[nodiscard]] Classification classify(const Accumulator& acc, std::string_view category,
                                          const ProviderTable& providers) const;
    [[nodiscard]] Day horizon_end() const { return horizon_end_; }
    [[nodiscard]] const OfferBrief& brief(std::uint32_t id) const { return briefs_[id - 1]; }
    [[nodiscard]] const Profile& profile() const { return profile_; }

private:
    std::uint32_t intern(const OfferBrief& offer);
    // `a` comes first among plans: the earlier date, then better().
    [[nodiscard]] bool sooner(const OfferBrief& a, const OfferBrief& b) const;
    void note_review(Accumulator& acc, const OfferBrief& o);
    const Profile& profile_;
    Day as_of_;
    Day horizon_end_;
    const ProviderTable* names_;
    std::vector<OfferBrief> briefs_;
    absl::flat_hash_map<std::tuple<std::uint32_t, std::uint8_t, std::uint8_t, std::int8_t, std::uint64_t, std::uint64_t,
                                   std::uint64_t, Day>,
                        std::uint32_t>
        brief_index_;
};

} // namespace coverage
