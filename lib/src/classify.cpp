#include "coverage/classify.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace coverage {

void ProviderSet::insert(std::uint32_t id)
{
    for (std::uint8_t i = 0; i < count_; ++i)
        if (inline_[i] == id) return;
    if (count_ < inline_.size()) {
        inline_[count_++] = id;
        return;
    }
    if (!more_) more_ = std::make_unique<std::vector<std::uint32_t>>();
    if (std::find(more_->begin(), more_->end(), id) == more_->end()) more_->push_back(id);
}

std::vector<std::uint32_t> ProviderSet::sorted() const
{
    std::vector<std::uint32_t> out(inline_.begin(), inline_.begin() + count_);
    if (more_) out.insert(out.end(), more_->begin(), more_->end());
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

Day add_years(Day d, int years)
{
    // Calendar years: 2025-12-31 + 3 = 2028-12-31; Feb 29 falls back to Feb 28.
    const std::string s = format_day(d);
    const int y = std::stoi(s.substr(0, 4)) + years;
    const auto m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
    auto day = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
    if (m == 2 && day == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) day = 28;
    return days_from_civil(y, m, day);
}

OfferBrief brief(const Offer& o)
{
    return {o.provider, o.technology, o.down_mbps, o.up_mbps, o.planned};
}

double or_minus(double v) { return std::isnan(v) ? -1.0 : v; }

bool faster(const Offer& o, const OfferBrief& b)
{
    const double od = or_minus(o.down_mbps), bd = or_minus(b.down_mbps);
    return od > bd || (od == bd && or_minus(o.up_mbps) > or_minus(b.up_mbps));
}

std::string speed(double v) { return std::isnan(v) ? std::string("?") : fmt::format("{}", v); }

std::string describe(const OfferBrief& b, const ProviderTable& providers)
{
    std::string s = fmt::format("{} {} {}/{}", providers.name(b.provider), technology_name(b.technology),
                                speed(b.down_mbps), speed(b.up_mbps));
    if (b.planned != no_date) s += fmt::format(" by {}", format_day(b.planned));
    return s;
}

bool contains(const std::vector<std::string>& v, std::string_view s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

Evaluator::Evaluator(const Profile& profile, Day as_of)
    : profile_(profile), horizon_end_(add_years(as_of, profile.horizon_years))
{
}

bool Evaluator::meets(const Tier& tier, const Offer& o) const
{
    if (tier.technologies.test(static_cast<std::size_t>(o.technology))) return true;
    if (tier.max_latency_ms) {
        if (o.low_latency == 0) return false;
        if (!std::isnan(o.latency_ms) && o.latency_ms > *tier.max_latency_ms) return false;
    }
    // NaN speeds compare false: an unreported speed meets no criterion that asks for one.
    return std::any_of(tier.speeds.begin(), tier.speeds.end(), [&](const SpeedCriterion& c) {
        return o.down_mbps >= c.min_down_mbps && (c.min_up_mbps == 0 || o.up_mbps >= c.min_up_mbps);
    });
}

int Evaluator::tier_of(const Offer& o) const
{
    for (int i = static_cast<int>(profile_.tiers.size()) - 1; i >= 0; --i)
        if (meets(profile_.tiers[static_cast<std::size_t>(i)], o)) return i;
    return -1;
}

void Evaluator::add(Accumulator& acc, const Offer& o) const
{
    ++acc.offers_seen;
    if (!profile_.counts(o.technology)) return;
    const int tier = tier_of(o);
    switch (o.status) {
    case Status::existing:
        ++acc.offers_counted;
        acc.counted_providers.insert(o.provider);
        if (!acc.has_best || faster(o, acc.best)) acc.best = brief(o);
        acc.has_best = true;
        if (tier > acc.best_tier || (tier >= 0 && tier == acc.best_tier && faster(o, acc.tier_offer))) {
            acc.best_tier = tier;
            acc.tier_offer = brief(o);
        }
        if (tier >= profile_.qualifying_tier) acc.qualifying_existing.insert(o.provider);
        if (tier >= profile_.target_tier) acc.target_existing.insert(o.provider);
        break;
    case Status::planned:
        // A plan is credible when it names a date inside the horizon; an undated plan is not.
        if (o.planned == no_date || o.planned > horizon_end_) break;
        ++acc.offers_counted;
        acc.counted_providers.insert(o.provider);
        if (tier >= profile_.qualifying_tier) acc.qualifying_planned.insert(o.provider);
        if (tier >= profile_.target_tier &&
            (!acc.planned_target || o.planned < acc.planned_offer.planned)) {
            acc.planned_target = true;
            acc.planned_offer = brief(o);
        }
        break;
    case Status::under_review:
        if (tier >= profile_.qualifying_tier && !acc.under_review_qualifying) {
            acc.under_review_qualifying = true;
            acc.review_offer = brief(o);
        }
        break;
    }
}

Classification classify(const Profile& p, const Accumulator& acc, std::string_view category,
                        const ProviderTable& providers)
{
    Classification c;
    c.tier = acc.best_tier >= 0 ? p.tiers[static_cast<std::size_t>(acc.best_tier)].name : p.base_tier;

    std::vector<std::uint32_t> nets = acc.qualifying_existing.sorted();
    if (p.plans_count_for_networks) {
        const auto planned = acc.qualifying_planned.sorted();
        std::vector<std::uint32_t> merged;
        std::set_union(nets.begin(), nets.end(), planned.begin(), planned.end(), std::back_inserter(merged));
        nets = std::move(merged);
    }
    c.networks = static_cast<int>(nets.size());
    c.target_networks = static_cast<int>(acc.target_existing.size());
    c.planned_target = acc.planned_target;

    std::string why;
    if (p.class_by == ClassBy::tier) {
        if (acc.best_tier >= 0) {
            c.class_name = p.tiers[static_cast<std::size_t>(acc.best_tier)].class_name;
            why = fmt::format("tier_{}({})", c.tier, describe(acc.tier_offer, providers));
        } else {
            c.class_name = p.base_class;
            if (acc.has_best)
                why = fmt::format("below_{}({})", p.tiers.front().name, describe(acc.best, providers));
            else
                why = acc.offers_seen == 0 ? "no_offer" : "no_counted_existing_offer";
        }
    } else {
        const std::size_t n = std::min(nets.size(), p.network_classes.size() - 1);
        c.class_name = p.network_classes[n];
        if (nets.empty() && p.under_review_class && acc.under_review_qualifying) {
            c.class_name = *p.under_review_class;
            why = fmt::format("under_review({})", describe(acc.review_offer, providers));
        } else {
            std::vector<std::string> names;
            for (auto id : nets) names.push_back(providers.name(id));
            std::sort(names.begin(), names.end());
            why = nets.empty() ? fmt::format("networks_0")
                               : fmt::format("networks_{}({})", nets.size(), fmt::join(names, ","));
        }
    }

    const bool blocked = p.plans_block_eligibility && acc.planned_target;
    const bool by_class = contains(p.eligible_classes, c.class_name);
    const bool by_site = !by_class && contains(p.socio_economic_categories, category) &&
                         contains(p.socio_economic_eligible_classes, c.class_name);
    c.eligible = (by_class || by_site) && !blocked;
    if (acc.planned_target)
        why += fmt::format(";plan_{}({})", p.tiers[static_cast<std::size_t>(p.target_tier)].name,
                           describe(acc.planned_offer, providers));
    if (by_site) why += fmt::format(";socio_economic({})", category);
    c.reason = std::move(why);

    std::vector<std::string> names;
    for (auto id : acc.counted_providers.sorted()) names.push_back(providers.name(id));
    std::sort(names.begin(), names.end());
    c.providers = fmt::format("{}", fmt::join(names, ";"));
    return c;
}

} // namespace coverage
