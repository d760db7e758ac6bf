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

OfferBrief brief_of(const Offer& o)
{
    return {o.provider, o.technology, o.status, o.low_latency, o.down_mbps, o.up_mbps, o.latency_ms, o.planned};
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

// What the offer says about latency, for a reason that names it.
void describe_latency(std::string& out, const OfferBrief& b)
{
    if (b.low_latency == 0) out += " low_latency=0";
    else if (!std::isnan(b.latency_ms)) fmt::format_to(std::back_inserter(out), FMT_COMPILE(" {}ms"), b.latency_ms);
    else if (b.low_latency != 1) out += " latency unreported";
}

bool contains(const std::vector<std::string>& v, std::string_view s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

// Latency evidence against a limit: low_latency = 0 fails, a latency above the limit fails, and
// where the profile requires evidence, an offer that reports neither fails too.
bool latency_ok(const Profile& p, double limit, const OfferBrief& o)
{
    if (o.low_latency == 0) return false;
    if (!std::isnan(o.latency_ms)) return o.latency_ms <= limit;
    return o.low_latency == 1 || !p.latency_required;
}

bool meets(const Profile& p, const Tier& tier, const OfferBrief& o, bool check_latency)
{
    if (tier.technologies.test(static_cast<std::size_t>(o.technology))) return true;
    // NaN speeds compare false: an unreported speed meets no criterion that asks for one.
    return std::any_of(tier.speeds.begin(), tier.speeds.end(), [&](const SpeedCriterion& c) {
        if (c.only.any() && !c.only.test(static_cast<std::size_t>(o.technology))) return false;
        const std::optional<double> limit = c.max_latency_ms ? c.max_latency_ms : tier.max_latency_ms;
        if (check_latency && limit && !latency_ok(p, *limit, o)) return false;
        const bool down = c.down_strict ? o.down_mbps > c.min_down_mbps : o.down_mbps >= c.min_down_mbps;
        return down && (c.min_up_mbps == 0 || o.up_mbps >= c.min_up_mbps);
    });
}

int highest_tier(const Profile& p, const OfferBrief& o, bool check_latency)
{
    for (int i = static_cast<int>(p.tiers.size()) - 1; i >= 0; --i)
        if (meets(p, p.tiers[static_cast<std::size_t>(i)], o, check_latency)) return i;
    return -1;
}

// Latency evidence, best first: a measured latency (lower is better), then low_latency = 1,
// then nothing said, then low_latency = 0.
double latency_rank(const OfferBrief& o)
{
    if (o.low_latency == 0) return 3e9;
    if (!std::isnan(o.latency_ms)) return o.latency_ms;
    return o.low_latency == 1 ? 1e9 : 2e9;
}

} // namespace

Evaluator::Evaluator(const Profile& profile, Day as_of, const ProviderTable* names)
    : profile_(profile), as_of_(as_of), horizon_end_(add_years(as_of, profile.horizon_years)), names_(names)
{
    if (profile.tiers.size() > 100) throw UsageError(fmt::format("profile {}: more than 100 tiers", profile.name));
}

std::uint32_t Evaluator::intern(const OfferBrief& o)
{
    const auto key =
        std::make_tuple(o.provider, static_cast<std::uint8_t>(o.technology), static_cast<std::uint8_t>(o.status),
                        o.low_latency, bits(o.down_mbps), bits(o.up_mbps), bits(o.latency_ms), o.planned);
    auto [it, added] = brief_index_.try_emplace(key, static_cast<std::uint32_t>(briefs_.size() + 1));
    if (added) briefs_.push_back(o);
    return it->second;
}

bool Evaluator::better(const OfferBrief& a, const OfferBrief& b) const
{
    const double ad = or_minus(a.down_mbps), bd = or_minus(b.down_mbps);
    if (ad != bd) return ad > bd;
    const double au = or_minus(a.up_mbps), bu = or_minus(b.up_mbps);
    if (au != bu) return au > bu;
    const double al = latency_rank(a), bl = latency_rank(b);
    if (al != bl) return al < bl;
    if (a.technology != b.technology) return a.technology < b.technology;
    if (a.provider != b.provider) {
        if (!names_) return a.provider < b.provider;
        return names_->name(a.provider) < names_->name(b.provider);
    }
    if (a.planned != b.planned) return a.planned < b.planned;
    return a.status < b.status;
}

bool Evaluator::sooner(const OfferBrief& a, const OfferBrief& b) const
{
    if (a.planned != b.planned) return a.planned < b.planned;
    return better(a, b);
}

int Evaluator::tier_of(const Offer& o) const { return highest_tier(profile_, brief_of(o), true); }

int Evaluator::tier_ignoring_latency(const OfferBrief& o) const { return highest_tier(profile_, o, false); }

void Evaluator::note_review(Accumulator& acc, const OfferBrief& o)
{
    if (!acc.under_review_qualifying || sooner(o, brief(acc.review_offer))) {
        acc.under_review_qualifying = true;
        acc.review_offer = intern(o);
    }
}

void Evaluator::add(Accumulator& acc, const Offer& offer)
{
    if (offer.provider > ProviderRoles::max_provider)
        throw InputError("more than 268 million distinct providers; this is not a provider column");
    ++acc.offers_seen;
    const Profile& p = profile_;
    const OfferBrief o = brief_of(offer);
    const bool tech_counted = p.counts(offer.technology);
    if (!tech_counted ||
        (p.verification_required.test(static_cast<std::size_t>(offer.technology)) && offer.verified != 1)) {
        // Not counted: remembered only to name it in the reason while nothing counted exists.
        if (offer.status == Status::existing && (acc.best == 0 || acc.best_kind != BestKind::counted) &&
            (acc.best == 0 || better(o, brief(acc.best)))) {
            acc.best = intern(o);
            acc.best_kind = tech_counted ? BestKind::not_verified : BestKind::technology_not_counted;
        }
        return;
    }
    const int tier = highest_tier(p, o, true);
    const std::uint32_t counted = ProviderRoles::counted;
    switch (offer.status) {
    case Status::existing: {
        ++acc.offers_counted;
        std::uint32_t roles = counted;
        if (!acc.has_best() || better(o, brief(acc.best))) {
            acc.best = intern(o);
            acc.best_kind = BestKind::counted;
        }
        if (tier > acc.best_tier || (tier >= 0 && tier == acc.best_tier && better(o, brief(acc.tier_offer)))) {
            acc.best_tier = static_cast<std::int8_t>(tier);
            acc.tier_offer = intern(o);
        }
        if (tier >= p.qualifying_tier) {
            roles |= ProviderRoles::qualifying_existing;
            const NetworkLimit& l = p.network_limit;
            if (l.active) {
                if ((l.max_down_mbps && offer.down_mbps > *l.max_down_mbps) ||
                    (l.max_up_mbps && offer.up_mbps > *l.max_up_mbps))
                    acc.limit_exceeded = true;
                if (offer.upgradable == 1 ||
                    (offer.upgradable == -1 &&
                     l.upgradable_technologies.test(static_cast<std::size_t>(offer.technology))))
                    acc.limit_upgradable = true;
            }
        }
        if (tier >= p.target_tier) roles |= ProviderRoles::target_existing;
        acc.providers.add(offer.provider, roles);
        break;
    }
    case Status::planned: {
        // A plan is credible when it names a date from --as-of to the horizon's end and its
        // evidence is not flagged as missing; otherwise it is doubtful and never blocks funding.
        const PlanDoubt doubt = offer.planned == no_date ? PlanDoubt::undated
                                : offer.planned < as_of_ ? PlanDoubt::overdue
                                : offer.verified == 0    ? PlanDoubt::unevidenced
                                                         : PlanDoubt::none;
        if (doubt != PlanDoubt::none) {
            if (tier >= p.target_tier && !acc.planned_target &&
                (acc.plan_doubt == PlanDoubt::none || sooner(o, brief(acc.planned_offer)))) {
                acc.plan_doubt = doubt;
                acc.planned_offer = intern(o);
            }
            if (p.doubtful_plans == DoubtfulPlans::under_review && tier >= p.qualifying_tier) note_review(acc, o);
            break;
        }
        // Credible: its target-tier date is kept whatever the year (the earliest one is
        // gigabit_planned_date, for progress); only plans inside the horizon count for the class.
        if (tier >= p.target_tier && (acc.target_planned_date == no_date || offer.planned < acc.target_planned_date))
            acc.target_planned_date = offer.planned;
        if (offer.planned > horizon_end_) break;
        ++acc.offers_counted;
        acc.providers.add(offer.provider,
                          tier >= p.qualifying_tier ? counted | ProviderRoles::qualifying_planned : counted);
        if (tier >= p.target_tier && (!acc.planned_target || sooner(o, brief(acc.planned_offer)))) {
            acc.planned_target = true;
            acc.plan_doubt = PlanDoubt::none;
            acc.planned_offer = intern(o);
        }
        break;
    }
    case Status::under_review:
        if (tier >= p.qualifying_tier) note_review(acc, o);
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

    // Every part of the reason names the criterion that decided it: the tier met or missed on
    // speed (tier_, below_), latency, a technology not counted or not verified, networks, plans.
    std::string why;
    auto with_offer = [&](std::string_view code, std::string_view tier, std::uint32_t brief_id) {
        why += code;
        why += tier;
        why += '(';
        describe(why, brief(brief_id), providers);
        if (code == "latency" || code == ";latency") describe_latency(why, brief(brief_id));
        why += ')';
    };
    auto names_of = [&](const std::vector<std::uint32_t>& ids) {
        std::vector<std::string_view> names;
        for (auto id : ids) names.push_back(providers.name(id));
        std::sort(names.begin(), names.end());
        return fmt::format("{}", fmt::join(names, ","));
    };
    auto uncounted = [&](std::string_view sep) {
        if (acc.best == 0 || acc.best_kind == BestKind::counted) return false;
        why += sep;
        with_offer(acc.best_kind == BestKind::not_verified ? "not_verified" : "not_counted", "", acc.best);
        return true;
    };
    if (p.class_by == ClassBy::tier) {
        if (acc.best_tier >= 0) {
            c.class_name = p.tiers[static_cast<std::size_t>(acc.best_tier)].class_name;
            with_offer("tier_", c.tier, acc.tier_offer);
            // A faster offer that a higher tier refused only for its latency.
            if (tier_ignoring_latency(brief(acc.best)) > acc.best_tier) with_offer(";latency", "", acc.best);
        } else {
            c.class_name = p.base_class;
            if (acc.has_best()) {
                if (tier_ignoring_latency(brief(acc.best)) >= 0) with_offer("latency", "", acc.best);
                else with_offer("below_", p.tiers.front().name, acc.best);
            } else if (!uncounted("")) why = acc.offers_seen == 0 ? "no_offer" : "no_counted_existing_offer";
        }
    } else {
        const std::size_t n = std::min(nets.size(), p.network_classes.size() - 1);
        c.class_name = p.network_classes[n];
        if (nets.empty() && p.under_review_class && acc.under_review_qualifying) {
            c.class_name = *p.under_review_class;
            with_offer("under_review", "", acc.review_offer);
        } else {
            why =
                nets.empty() ? std::string("networks_0") : fmt::format("networks_{}({})", nets.size(), names_of(nets));
            if (nets.empty() && !acc.has_best()) uncounted(";");
        }
    }

    const bool target_present = p.target_blocks_eligibility && c.target_networks > 0;
    if (target_present)
        why += fmt::format(";target_{}({})", p.tiers[static_cast<std::size_t>(p.target_tier)].name,
                           names_of(acc.providers.sorted(ProviderRoles::target_existing)));
    const bool blocked = (p.plans_block_eligibility && acc.planned_target) || target_present;
    const bool by_class = contains(p.eligible_classes, c.class_name);
    const bool by_site = !by_class && contains(p.socio_economic_categories, category) &&
                         contains(p.socio_economic_eligible_classes, c.class_name);
    const std::string& target_name = p.tiers[static_cast<std::size_t>(p.target_tier)].name;
    if (acc.planned_target) with_offer(";plan_", target_name, acc.planned_offer);
    else if (acc.plan_doubt != PlanDoubt::none)
        with_offer(acc.plan_doubt == PlanDoubt::overdue   ? ";plan_overdue"
                   : acc.plan_doubt == PlanDoubt::undated ? ";plan_undated"
                                                          : ";plan_unevidenced",
                   "", acc.planned_offer);

    // [network_limit]: judged only where the class alone would make the address eligible.
    bool limited = false;
    if (p.network_limit.active && (by_class || by_site) && !blocked) {
        const NetworkLimit& l = p.network_limit;
        const auto today = acc.providers.sorted(ProviderRoles::qualifying_existing);
        if (static_cast<int>(today.size()) > l.max_networks) {
            why += fmt::format(";limit_networks_{}({})", today.size(), names_of(today));
            limited = true;
        } else if (!today.empty() && acc.limit_exceeded) {
            with_offer(";limit_speed", "", acc.tier_offer);
            limited = true;
        } else if (!today.empty() && l.upgradable_blocks && acc.limit_upgradable) {
            with_offer(";limit_upgradable", "", acc.tier_offer);
            limited = true;
        }
    }
    c.eligible = (by_class || by_site) && !blocked && !limited;
    if (!c.eligible && !blocked && contains(p.conditional_classes, c.class_name))
        why += ";conditional(in_depth_assessment)";
    if (c.eligible && p.step_change_factor > 0 && acc.has_best()) {
        const double need = p.step_change_factor * brief(acc.best).down_mbps;
        const auto& speeds = p.tiers[static_cast<std::size_t>(p.target_tier)].speeds;
        if (!speeds.empty() && need > speeds.front().min_down_mbps)
            fmt::format_to(std::back_inserter(why), ";step_change(down>={})", need);
    }
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
