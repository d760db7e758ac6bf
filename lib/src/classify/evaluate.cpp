#include "classify/evaluate.hpp"

#include "coverage/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/compile.h>
#include <fmt/format.h>

namespace coverage {

void ProviderRoles::add(std::uint32_t provider, std::uint32_t roles)
{
    for (std::uint8_t i = 0; i < count_; ++i)
        if (inline_[i] >> 4 == provider) {
            inline_[i] |= roles;
            return;
        }
    if (count_ < inline_.size()) {
        inline_[count_++] = provider << 4 | roles;
        return;
    }
    if (!more_) more_ = std::make_unique<std::vector<std::uint32_t>>();
    for (auto& e : *more_)
        if (e >> 4 == provider) {
            e |= roles;
            return;
        }
    more_->push_back(provider << 4 | roles);
}

std::vector<std::uint32_t> ProviderRoles::sorted(std::uint32_t roles) const
{
    std::vector<std::uint32_t> out;
    for (std::uint8_t i = 0; i < count_; ++i)
        if (inline_[i] & roles) out.push_back(inline_[i] >> 4);
    if (more_)
        for (auto e : *more_)
            if (e & roles) out.push_back(e >> 4);
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t ProviderRoles::count(std::uint32_t roles) const
{
    std::size_t n = 0;
    for (std::uint8_t i = 0; i < count_; ++i) n += (inline_[i] & roles) != 0;
    if (more_)
        for (auto e : *more_) n += (e & roles) != 0;
    return n;
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

std::uint64_t bits(double v)
{
    std::uint64_t b = 0;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

double or_minus(double v) { return std::isnan(v) ? -1.0 : v; }

bool faster(const Offer& o, const OfferBrief& b)
{
    const double od = or_minus(o.down_mbps), bd = or_minus(b.down_mbps);
    return od > bd || (od == bd && or_minus(o.up_mbps) > or_minus(b.up_mbps));
}

void put_speed(std::string& out, double v)
{
    if (std::isnan(v)) out += '?';
    else fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), v);
}

// "Provider tech down/up[ by YYYY-MM-DD]", appended.
void describe(std::string& out, const OfferBrief& b, const ProviderTable& providers)
{
    out += providers.name(b.provider);
    out += ' ';
    out += technology_name(b.technology);
    out += ' ';
    put_speed(out, b.down_mbps);
    out += '/';
    put_speed(out, b.up_mbps);
    if (b.planned != no_date) {
        out += " by ";
        out += format_day(b.planned);
    }
}

bool contains(const std::vector<std::string>& v, std::string_view s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

Evaluator::Evaluator(const Profile& profile, Day as_of)
    : profile_(profile), horizon_end_(add_years(as_of, profile.horizon_years))
{
    if (profile.tiers.size() > 100) throw UsageError(fmt::format("profile {}: more than 100 tiers", profile.name));
}

std::uint32_t Evaluator::intern(const Offer& o)
{
    const auto key = std::make_tuple(o.provider, static_cast<std::uint8_t>(o.technology), bits(o.down_mbps),
                                     bits(o.up_mbps), o.planned);
    auto [it, added] = brief_index_.try_emplace(key, static_cast<std::uint32_t>(briefs_.size() + 1));
    if (added) briefs_.push_back({o.provider, o.technology, o.down_mbps, o.up_mbps, o.planned});
    return it->second;
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

void Evaluator::add(Accumulator& acc, const Offer& o)
{
    if (o.provider > ProviderRoles::max_provider)
        throw InputError("more than 268 million distinct providers; this is not a provider column");
    ++acc.offers_seen;
    if (!profile_.counts(o.technology)) return;
    const int tier = tier_of(o);
    const std::uint32_t counted = ProviderRoles::counted;
    switch (o.status) {
    case Status::existing: {
        ++acc.offers_counted;
        std::uint32_t roles = counted;
        if (!acc.has_best() || faster(o, brief(acc.best))) acc.best = intern(o);
        if (tier > acc.best_tier || (tier >= 0 && tier == acc.best_tier && faster(o, brief(acc.tier_offer)))) {
            acc.best_tier = static_cast<std::int8_t>(tier);
            acc.tier_offer = intern(o);
        }
        if (tier >= profile_.qualifying_tier) roles |= ProviderRoles::qualifying_existing;
        if (tier >= profile_.target_tier) roles |= ProviderRoles::target_existing;
        acc.providers.add(o.provider, roles);
        break;
    }
    case Status::planned:
        // A plan is credible when it names a date; an undated plan is not. The earliest credible
        // target-tier date is kept whatever the year (gigabit_planned_date, for progress); only
        // plans inside the horizon count for the class.
        if (o.planned == no_date) break;
        if (tier >= profile_.target_tier &&
            (acc.target_planned_date == no_date || o.planned < acc.target_planned_date))
            acc.target_planned_date = o.planned;
        if (o.planned > horizon_end_) break;
        ++acc.offers_counted;
        acc.providers.add(o.provider, tier >= profile_.qualifying_tier ? counted | ProviderRoles::qualifying_planned
                                                                       : counted);
        if (tier >= profile_.target_tier && (!acc.planned_target || o.planned < brief(acc.planned_offer).planned)) {
            acc.planned_target = true;
            acc.planned_offer = intern(o);
        }
        break;
    case Status::under_review:
        if (tier >= profile_.qualifying_tier && !acc.under_review_qualifying) {
            acc.under_review_qualifying = true;
            acc.review_offer = intern(o);
        }
        break;
    }
}

Classification Evaluator::classify(const Accumulator& acc, std::string_view category,
                                   const ProviderTable& providers) const
{
    const Profile& p = profile_;
    Classification c;
    c.tier = acc.best_tier >= 0 ? p.tiers[static_cast<std::size_t>(acc.best_tier)].name : p.base_tier;
    if (acc.has_best()) {
        const OfferBrief& b = brief(acc.best);
        c.has_best = true;
        c.best_down_mbps = b.down_mbps;
        c.best_up_mbps = b.up_mbps;
        c.best_technology = b.technology;
    }

    const std::vector<std::uint32_t> nets = acc.providers.sorted(
        p.plans_count_for_networks ? ProviderRoles::qualifying_existing | ProviderRoles::qualifying_planned
                                   : ProviderRoles::qualifying_existing);
    c.networks = static_cast<int>(nets.size());
    c.target_networks = static_cast<int>(acc.providers.count(ProviderRoles::target_existing));
    c.planned_target = acc.planned_target;
    c.target_planned_date = acc.target_planned_date;

    std::string why;
    auto with_offer = [&](std::string_view code, std::string_view tier, std::uint32_t brief_id) {
        why += code;
        why += tier;
        why += '(';
        describe(why, brief(brief_id), providers);
        why += ')';
    };
    if (p.class_by == ClassBy::tier) {
        if (acc.best_tier >= 0) {
            c.class_name = p.tiers[static_cast<std::size_t>(acc.best_tier)].class_name;
            with_offer("tier_", c.tier, acc.tier_offer);
        } else {
            c.class_name = p.base_class;
            if (acc.has_best()) with_offer("below_", p.tiers.front().name, acc.best);
            else why = acc.offers_seen == 0 ? "no_offer" : "no_counted_existing_offer";
        }
    } else {
        const std::size_t n = std::min(nets.size(), p.network_classes.size() - 1);
        c.class_name = p.network_classes[n];
        if (nets.empty() && p.under_review_class && acc.under_review_qualifying) {
            c.class_name = *p.under_review_class;
            with_offer("under_review", "", acc.review_offer);
        } else {
            std::vector<std::string_view> names;
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
    if (acc.planned_target) with_offer(";plan_", p.tiers[static_cast<std::size_t>(p.target_tier)].name, acc.planned_offer);
    if (by_site) {
        why += ";socio_economic(";
        why += category;
        why += ')';
    }
    c.reason = std::move(why);

    std::array<std::string_view, 8> few;
    std::vector<std::string_view> many;
    std::size_t n_names = 0;
    for (auto id : acc.providers.sorted(ProviderRoles::counted)) {
        if (n_names < few.size()) few[n_names] = providers.name(id);
        else {
            if (many.empty()) many.assign(few.begin(), few.end());
            many.push_back(providers.name(id));
        }
        ++n_names;
    }
    std::string_view* first = many.empty() ? few.data() : many.data();
    std::sort(first, first + n_names);
    for (std::size_t k = 0; k < n_names; ++k) {
        if (k) c.providers += ';';
        c.providers += first[k];
    }
    return c;
}

} // namespace coverage
