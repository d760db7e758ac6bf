#pragma once
// The per-address accumulator and the classifier. Offers are folded into a compact
// accumulator as they stream in (memory grows with addresses, not offers); the classifier
// then turns an accumulator into class, tier, eligibility and reason under a profile.
#include "coverage/offer.hpp"
#include "coverage/profile.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace coverage {

/// A small set of provider ids: four inline, the rare rest on the heap.
class ProviderSet {
public:
    void insert(std::uint32_t id);
    [[nodiscard]] std::size_t size() const { return count_ + (more_ ? more_->size() : 0); }
    [[nodiscard]] std::vector<std::uint32_t> sorted() const;

private:
    std::array<std::uint32_t, 4> inline_{};
    std::uint8_t count_ = 0;
    std::unique_ptr<std::vector<std::uint32_t>> more_;
};

/// An offer as the profile sees it, remembered to explain a decision.
struct OfferBrief {
    std::uint32_t provider = 0;
    Technology technology = Technology::other;
    double down_mbps = 0;
    double up_mbps = 0;
    Day planned = no_date;
};

/// Everything the classifier needs about one address, folded from its offers.
struct Accumulator {
    std::uint32_t offers_seen = 0;     // every offer joined to this address
    std::uint32_t offers_counted = 0;  // technology counted and status relevant
    int best_tier = -1;                // highest tier met by a counted existing offer
    bool has_best = false;             // some counted existing offer (best_* valid)
    OfferBrief best;                   // best existing by down, then up
    OfferBrief tier_offer;             // the offer that met best_tier (fastest such)
    ProviderSet qualifying_existing;   // providers meeting the qualifying tier today
    ProviderSet qualifying_planned;    // ... by a credible plan within the horizon
    ProviderSet target_existing;       // providers meeting the target tier today
    ProviderSet counted_providers;     // providers of counted existing or credible offers
    bool planned_target = false;       // a credible plan meets the target within the horizon
    OfferBrief planned_offer;          // the earliest such plan
    bool under_review_qualifying = false;  // an unverified plan/report meets the qualifying tier
    OfferBrief review_offer;
};

/// Folds offers into accumulators for one profile and reference date.
class Evaluator {
public:
    Evaluator(const Profile& profile, Day as_of);
    /// Index of the highest tier the offer meets, -1 for none (ignores status).
    [[nodiscard]] int tier_of(const Offer& offer) const;
    void add(Accumulator& acc, const Offer& offer) const;
    [[nodiscard]] Day horizon_end() const { return horizon_end_; }

private:
    [[nodiscard]] bool meets(const Tier& tier, const Offer& offer) const;
    const Profile& profile_;
    Day horizon_end_;
};

struct Classification {
    std::string class_name;
    std::string tier;
    bool eligible = false;
    int networks = 0;
    int target_networks = 0;
    bool planned_target = false;
    std::string reason;     // machine-readable codes, ';'-separated, with deciding offers
    std::string providers;  // ';'-separated sorted names of counted providers
};

Classification classify(const Profile& profile, const Accumulator& acc, std::string_view category,
                        const ProviderTable& providers);

} // namespace coverage
