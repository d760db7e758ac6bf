#include "base/csv_text.hpp"
#include "coverage/diff.hpp"

#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/accounting.hpp"
#include "base/text_table.hpp"

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

std::vector<std::string> split_providers(const std::string& s)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto semi = s.find(';', start);
        std::string part = s.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
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

} // namespace

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
    absl::flat_hash_map<std::string_view, std::size_t> old_index;
    for (std::size_t i = 0; i < o.size(); ++i) old_index.emplace(o.id[i], i);
    std::vector<std::uint8_t> matched(o.size(), 0);

    std::vector<std::string> words(o.class_name.begin(), o.class_name.end());
    words.insert(words.end(), n.class_name.begin(), n.class_name.end());
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    d.labels = ordered_classes(words);
    d.labels.emplace_back(absent);
    absl::flat_hash_map<std::string, Eigen::Index> label;
    for (std::size_t k = 0; k < d.labels.size(); ++k) label[d.labels[k]] = static_cast<Eigen::Index>(k);
    const Eigen::Index nl = static_cast<Eigen::Index>(d.labels.size()), ab = nl - 1;
    d.transitions = CountMatrix::Zero(nl, nl);

    for (std::size_t j = 0; j < n.size(); ++j) {
        const auto it = old_index.find(std::string_view(n.id[j]));
        if (it == old_index.end()) {
            d.changes.push_back({ChangeKind::added, none, j});
            ++d.added;
            d.transitions(ab, label.at(n.class_name[j])) += 1;
            continue;
        }
        const std::size_t i = it->second;
        matched[i] = 1;
        d.transitions(label.at(o.class_name[i]), label.at(n.class_name[j])) += 1;
        if (o.eligible[i] != n.eligible[j]) (n.eligible[j] ? d.became_eligible : d.lost_eligibility) += 1;
        if (o.class_name[i] != n.class_name[j]) {
            d.changes.push_back({ChangeKind::class_changed, i, j});
            ++d.class_changed;
        } else if (o.tier[i] != n.tier[j] || o.eligible[i] != n.eligible[j] || o.reason[i] != n.reason[j] ||
                   split_providers(o.providers[i]) != split_providers(n.providers[j])) {
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
        d.transitions(label.at(o.class_name[i]), ab) += 1;
    }

    if (!opt.by.empty()) {
        d.by = opt.by;
        const std::vector<std::string>& ocol = o.text_column(opt.by);
        const std::vector<std::string>& ncol = n.text_column(opt.by);
        std::vector<std::string> values;
        for (const Change& c : d.changes) values.push_back(c.new_row != none ? ncol[c.new_row] : ocol[c.old_row]);
        std::vector<std::string> all(ocol.begin(), ocol.end());
        all.insert(all.end(), ncol.begin(), ncol.end());
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
    }
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
    out += fmt::format("unchanged {}, added {}, removed {}, class changed {}, detail changed {}\n", d.unchanged, d.added,
                       d.removed, d.class_changed, d.detail_changed);
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
        out += text_table({d.by, "added", "removed", "class_changed", "detail_changed", "became_eligible",
                           "lost_eligibility"},
                          arows);
    }
    return out;
}

std::string changes_csv(const DiffReport& d, const ResultTable& o, const ResultTable& n)
{
    const std::vector<std::string>* ocol = d.by.empty() ? nullptr : &o.text_column(d.by);
    const std::vector<std::string>* ncol = d.by.empty() ? nullptr : &n.text_column(d.by);
    std::string out = "id,change,old_class,new_class,old_tier,new_tier,old_eligible,new_eligible,providers_added,"
                      "providers_removed,old_reason,new_reason";
    if (!d.by.empty()) out += "," + csv_field(d.by);
    out += '\n';
    for (const Change& c : d.changes) {
        const bool has_old = c.old_row != none, has_new = c.new_row != none;
        const std::string& id = has_new ? n.id[c.new_row] : o.id[c.old_row];
        const auto op = has_old ? split_providers(o.providers[c.old_row]) : std::vector<std::string>{};
        const auto np = has_new ? split_providers(n.providers[c.new_row]) : std::vector<std::string>{};
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", csv_field(id), change_name(c.kind),
                           has_old ? csv_field(o.class_name[c.old_row]) : "", has_new ? csv_field(n.class_name[c.new_row]) : "",
                           has_old ? csv_field(o.tier[c.old_row]) : "", has_new ? csv_field(n.tier[c.new_row]) : "",
                           has_old ? tf(o.eligible[c.old_row]) : "", has_new ? tf(n.eligible[c.new_row]) : "",
                           csv_field(minus(np, op)), csv_field(minus(op, np)),
                           has_old ? csv_field(o.reason[c.old_row]) : "", has_new ? csv_field(n.reason[c.new_row]) : "");
        if (!d.by.empty()) out += "," + csv_field(has_new ? (*ncol)[c.new_row] : (*ocol)[c.old_row]);
        out += '\n';
    }
    return out;
}

} // namespace coverage
