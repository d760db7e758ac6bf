#include "coverage/diff.hpp"
#include "base/csv_text.hpp"

#include "base/json_writer.hpp"
#include "base/text_table.hpp"
#include "coverage/accounting.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "read/id_index.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

namespace coverage {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);
const char* const absent = "(absent)";

std::vector<std::string> split_providers(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto semi = s.find(';', start);
        std::string part(s.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
        if (!part.empty()) out.push_back(std::move(part));
        if (semi == std::string::npos) break;
        start = semi + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string minus(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::string> d;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(d));
    return fmt::format("{}", fmt::join(d, ";"));
}

const char* tf(std::uint8_t b) { return b ? "true" : "false"; }

std::string describe(const RunStamp& r)
{
    if (!r.recorded()) return "not recorded";
    return fmt::format("profile {} version {}, as of {}, coverage {}", r.profile.empty() ? "?" : r.profile,
                       r.profile_version.empty() ? "?" : r.profile_version, r.as_of.empty() ? "?" : r.as_of,
                       r.coverage_version.empty() ? "?" : r.coverage_version);
}

} // namespace

FailOn parse_fail_on(const std::string& word)
{
    if (word == "any") return FailOn::any;
    if (word == "class") return FailOn::class_change;
    if (word == "eligible") return FailOn::eligible;
    if (word == "none") return FailOn::none;
    throw UsageError(fmt::format("--fail-on {}: choose class (an address added, removed or with another class), "
                                 "eligible (the set of eligible addresses changed), any (anything changed) or none",
                                 word));
}

const char* fail_on_name(FailOn f)
{
    switch (f) {
    case FailOn::none: return "none";
    case FailOn::class_change: return "class";
    case FailOn::eligible: return "eligible";
    case FailOn::any: return "any";
    }
    return "";
}

bool DiffReport::changed(FailOn f) const
{
    switch (f) {
    case FailOn::none: return false;
    case FailOn::class_change: return added + removed + class_changed > 0;
    case FailOn::eligible: return became_eligible + lost_eligibility + added_eligible + removed_eligible > 0;
    case FailOn::any: return any();
    }
    return false;
}

std::vector<std::string> comparability_warnings(const ResultTable& o, const ResultTable& n)
{
    std::vector<std::string> w;
    const std::pair<const ResultTable*, const char*> sides[] = {{&o, "OLD"}, {&n, "NEW"}};
    for (const auto& [t, side] : sides) {
        if (t->runs.size() > 1) {
            std::vector<std::string> each;
            for (const auto& r : t->runs) each.push_back(describe(r));
            w.push_back(fmt::format("{} mixes {} runs ({}); its rows may not be comparable", side, t->runs.size(),
                                    fmt::join(each, "; ")));
        }
        for (const auto& r : t->runs)
            if (!r.recorded()) {
                w.push_back(fmt::format("{} does not record its profile, as-of date and coverage version (no "
                                        "profile/as_of columns: results of an older coverage); comparability "
                                        "cannot be checked",
                                        side));
                break;
            }
    }
    if (o.runs.size() == 1 && n.runs.size() == 1 && o.runs[0].recorded() && n.runs[0].recorded()) {
        const RunStamp &a = o.runs[0], &b = n.runs[0];
        if (a.profile != b.profile || a.profile_version != b.profile_version)
            w.push_back(fmt::format("the runs used different profiles: OLD {} version {}, NEW {} version {}; a class "
                                    "change may be a rule change, not a market change",
                                    a.profile, a.profile_version, b.profile, b.profile_version));
        if (a.as_of != b.as_of)
            w.push_back(fmt::format("the runs have different as-of dates: OLD {}, NEW {}; plans may have entered or "
                                    "left the horizon",
                                    a.as_of, b.as_of));
        if (a.coverage_version != b.coverage_version)
            w.push_back(fmt::format("the runs come from different coverage versions: OLD {}, NEW {}",
                                    a.coverage_version, b.coverage_version));
    }
    return w;
}

const char* change_name(ChangeKind k)
{
    switch (k) {
    case ChangeKind::added: return "added";
    case ChangeKind::removed: return "removed";
    case ChangeKind::class_changed: return "class_changed";
    case ChangeKind::detail_changed: return "detail_changed";
    }
    return "";
}

DiffReport diff_results(const ResultTable& o, const ResultTable& n, const DiffOptions& opt)
{
    DiffReport d;
    d.old_count = o.size();
    d.new_count = n.size();
    IdIndex old_index = id_index(o.id);
    old_index.reserve(o.size());
    for (std::size_t i = 0; i < o.size(); ++i) old_index.insert(static_cast<std::uint32_t>(i));
    std::vector<std::uint8_t> matched(o.size(), 0);

    std::vector<std::string> words = o.class_name.distinct();
    for (auto& w : n.class_name.distinct()) words.push_back(std::move(w));
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    d.labels = ordered_classes(words);
    d.labels.emplace_back(absent);
    auto label_of = [&](std::string_view w) {
        return static_cast<Eigen::Index>(std::find(d.labels.begin(), d.labels.end(), w) - d.labels.begin());
    };
    const std::vector<Eigen::Index> old_label = o.class_name.per_row<Eigen::Index>(label_of),
                                    new_label = n.class_name.per_row<Eigen::Index>(label_of);
    const Eigen::Index nl = static_cast<Eigen::Index>(d.labels.size()), ab = nl - 1;
    d.transitions = CountMatrix::Zero(nl, nl);

    // gigabit_planned_date: compared when both sides have it (results of older versions lack it).
    const int old_date = o.extra_column(result_column::gigabit_planned_date),
              new_date = n.extra_column(result_column::gigabit_planned_date);
    auto date_changed = [&](std::size_t i, std::size_t j) {
        return old_date >= 0 && new_date >= 0 &&
               o.extra[static_cast<std::size_t>(old_date)][i] != n.extra[static_cast<std::size_t>(new_date)][j];
    };
    for (std::size_t j = 0; j < n.size(); ++j) {
        const auto it = old_index.find(n.id[j]);
        if (it == old_index.end()) {
            d.changes.push_back({ChangeKind::added, none, j});
            ++d.added;
            d.added_eligible += n.eligible[j];
            d.transitions(ab, new_label[j]) += 1;
            continue;
        }
        const std::size_t i = *it;
        matched[i] = 1;
        d.transitions(old_label[i], new_label[j]) += 1;
        if (o.eligible[i] != n.eligible[j]) (n.eligible[j] ? d.became_eligible : d.lost_eligibility) += 1;
        if (o.class_name[i] != n.class_name[j]) {
            d.changes.push_back({ChangeKind::class_changed, i, j});
            ++d.class_changed;
        } else if (o.tier[i] != n.tier[j] || o.eligible[i] != n.eligible[j] || o.reason[i] != n.reason[j] ||
                   (o.providers[i] != n.providers[j] &&
                    split_providers(o.providers[i]) != split_providers(n.providers[j])) ||
                   date_changed(i, j)) {
            d.changes.push_back({ChangeKind::detail_changed, i, j});
            ++d.detail_changed;
        } else {
            ++d.unchanged;
        }
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
        if (matched[i]) continue;
        d.changes.push_back({ChangeKind::removed, i, none});
        ++d.removed;
        d.removed_eligible += o.eligible[i];
        d.transitions(old_label[i], ab) += 1;
    }

    if (!opt.by.empty()) {
        d.by = opt.by;
        const TextColumn& ocol = o.text_column(opt.by);
        const TextColumn& ncol = n.text_column(opt.by);
        std::vector<std::string> values;
        for (const Change& c : d.changes) values.emplace_back(c.new_row != none ? ncol[c.new_row] : ocol[c.old_row]);
        std::vector<std::string> all = ocol.distinct();
        for (auto& v : ncol.distinct()) all.push_back(std::move(v));
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        d.areas = all;
        absl::flat_hash_map<std::string, Eigen::Index> area;
        for (std::size_t k = 0; k < all.size(); ++k) area[all[k]] = static_cast<Eigen::Index>(k);
        d.area_counts = CountMatrix::Zero(static_cast<Eigen::Index>(all.size()), 6);
        for (std::size_t k = 0; k < d.changes.size(); ++k) {
            const Change& c = d.changes[k];
            const Eigen::Index a = area.at(values[k]);
            d.area_counts(a, static_cast<Eigen::Index>(c.kind)) += 1;
            if (c.old_row != none && c.new_row != none && o.eligible[c.old_row] != n.eligible[c.new_row])
                d.area_counts(a, n.eligible[c.new_row] ? 4 : 5) += 1;
        }
        if (!opt.all_areas) {
            // Only areas with a change: every change is counted in one of the first four columns.
            std::vector<Eigen::Index> keep;
            for (Eigen::Index a = 0; a < d.area_counts.rows(); ++a)
                if (d.area_counts.row(a).head(4).sum() > 0) keep.push_back(a);
            CountMatrix kept(static_cast<Eigen::Index>(keep.size()), d.area_counts.cols());
            std::vector<std::string> names;
            for (std::size_t k = 0; k < keep.size(); ++k) {
                kept.row(static_cast<Eigen::Index>(k)) = d.area_counts.row(keep[k]);
                names.push_back(d.areas[static_cast<std::size_t>(keep[k])]);
            }
            d.area_counts = std::move(kept);
            d.areas = std::move(names);
        }
    }
    d.warnings = comparability_warnings(o, n);
    return d;
}

std::string transitions_csv(const DiffReport& d)
{
    std::string out = "old_class";
    for (const auto& l : d.labels) out += "," + csv_field(l);
    out += '\n';
    for (std::size_t r = 0; r < d.labels.size(); ++r) {
        out += csv_field(d.labels[r]);
        for (std::size_t c = 0; c < d.labels.size(); ++c)
            out += fmt::format(",{}", d.transitions(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)));
        out += '\n';
    }
    return out;
}

std::string diff_text(const DiffReport& d, const ResultTable& o, const ResultTable& n)
{
    std::string out = fmt::format("old: {} ({} addresses)\nnew: {} ({} addresses)\n", fmt::join(o.inputs, ", "),
                                  d.old_count, fmt::join(n.inputs, ", "), d.new_count);
    out += fmt::format("unchanged {}, added {}, removed {}, class changed {}, detail changed {}\n", d.unchanged,
                       d.added, d.removed, d.class_changed, d.detail_changed);
    out += fmt::format("became eligible {}, no longer eligible {}\n\n", d.became_eligible, d.lost_eligibility);
    out += "transitions (rows: old class, columns: new class)\n";
    std::vector<std::string> h{"old \\ new"};
    h.insert(h.end(), d.labels.begin(), d.labels.end());
    std::vector<std::vector<std::string>> rows;
    for (std::size_t r = 0; r < d.labels.size(); ++r) {
        std::vector<std::string> row{d.labels[r]};
        for (std::size_t c = 0; c < d.labels.size(); ++c)
            row.push_back(fmt::format("{}", d.transitions(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c))));
        rows.push_back(std::move(row));
    }
    out += text_table(h, rows);
    if (!d.by.empty()) {
        out += fmt::format("\nchanges by {}\n", d.by);
        std::vector<std::vector<std::string>> arows;
        for (std::size_t a = 0; a < d.areas.size(); ++a) {
            const auto aa = static_cast<Eigen::Index>(a);
            std::vector<std::string> row{d.areas[a].empty() ? "(none)" : d.areas[a]};
            for (Eigen::Index c = 0; c < 6; ++c) row.push_back(fmt::format("{}", d.area_counts(aa, c)));
            arows.push_back(std::move(row));
        }
        out += text_table(
            {d.by, "added", "removed", "class_changed", "detail_changed", "became_eligible", "lost_eligibility"},
            arows);
    }
    return out;
}

std::string diff_json(const DiffReport& d, const ResultTable& o, const ResultTable& n, FailOn fail_on)
{
    using L = JsonWriter::Layout;
    JsonWriter j;
    auto strings = [&](const std::vector<std::string>& v) {
        j.begin_array(L::inline_);
        for (const auto& s : v) j.string(s);
        j.end_array();
    };
    auto side = [&](const char* name, const ResultTable& t, std::uint64_t count) {
        j.key(name).begin_object(L::inline_).key("inputs");
        strings(t.inputs);
        j.key("addresses").number(count).key("runs").begin_array(L::inline_);
        // clang-format off
        for (const auto& r : t.runs)
            j.begin_object(L::inline_)
                .key("profile").string(r.profile)
                .key("profile_version").string(r.profile_version)
                .key("as_of").string(r.as_of)
                .key("coverage_version").string(r.coverage_version)
                .end_object();
        // clang-format on
        j.end_array().end_object();
    };
    j.begin_object();
    side("old", o, d.old_count);
    side("new", n, d.new_count);
    j.key("comparable").boolean(d.warnings.empty()).key("warnings");
    strings(d.warnings);
    j.key("fail_on").string(fail_on_name(fail_on)).key("failed").boolean(d.changed(fail_on));
    // clang-format off
    j.key("counts").begin_object(L::inline_)
        .key("unchanged").number(d.unchanged).key("added").number(d.added).key("removed").number(d.removed)
        .key("class_changed").number(d.class_changed).key("detail_changed").number(d.detail_changed)
        .key("became_eligible").number(d.became_eligible).key("lost_eligibility").number(d.lost_eligibility)
        .key("added_eligible").number(d.added_eligible).key("removed_eligible").number(d.removed_eligible)
        .end_object();
    // clang-format on
    j.key("classes");
    strings(d.labels);
    j.key("transitions").begin_array();
    for (Eigen::Index r = 0; r < d.transitions.rows(); ++r) {
        j.begin_array(L::inline_);
        for (Eigen::Index c = 0; c < d.transitions.cols(); ++c) j.number(d.transitions(r, c));
        j.end_array();
    }
    j.end_array();
    if (!d.by.empty()) {
        j.key("by").string(d.by).key("areas").begin_array();
        const char* const columns[] = {"added",          "removed",         "class_changed",
                                       "detail_changed", "became_eligible", "lost_eligibility"};
        for (std::size_t a = 0; a < d.areas.size(); ++a) {
            j.begin_object(L::inline_).key("area").string(d.areas[a]);
            for (Eigen::Index c = 0; c < 6; ++c)
                j.key(columns[c]).number(d.area_counts(static_cast<Eigen::Index>(a), c));
            j.end_object();
        }
        j.end_array();
    }
    j.end_object();
    return j.str();
}

std::string changes_csv(const DiffReport& d, const ResultTable& o, const ResultTable& n)
{
    const TextColumn* ocol = d.by.empty() ? nullptr : &o.text_column(d.by);
    const TextColumn* ncol = d.by.empty() ? nullptr : &n.text_column(d.by);
    std::string out = "id,change,old_class,new_class,old_tier,new_tier,old_eligible,new_eligible,providers_added,"
                      "providers_removed,old_reason,new_reason";
    if (!d.by.empty()) out += "," + csv_field(d.by);
    out += '\n';
    for (const Change& c : d.changes) {
        const bool has_old = c.old_row != none, has_new = c.new_row != none;
        const std::string_view id = has_new ? n.id[c.new_row] : o.id[c.old_row];
        const auto op = has_old ? split_providers(o.providers[c.old_row]) : std::vector<std::string>{};
        const auto np = has_new ? split_providers(n.providers[c.new_row]) : std::vector<std::string>{};
        out +=
            fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", csv_field(id), change_name(c.kind),
                        has_old ? csv_field(o.class_name[c.old_row]) : "",
                        has_new ? csv_field(n.class_name[c.new_row]) : "", has_old ? csv_field(o.tier[c.old_row]) : "",
                        has_new ? csv_field(n.tier[c.new_row]) : "", has_old ? tf(o.eligible[c.old_row]) : "",
                        has_new ? tf(n.eligible[c.new_row]) : "", csv_field(minus(np, op)), csv_field(minus(op, np)),
                        has_old ? csv_field(o.reason[c.old_row]) : "", has_new ? csv_field(n.reason[c.new_row]) : "");
        if (!d.by.empty()) out += "," + csv_field(has_new ? (*ncol)[c.new_row] : (*ocol)[c.old_row]);
        out += '\n';
    }
    return out;
}

} // namespace coverage
