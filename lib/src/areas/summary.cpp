#include "coverage/summary.hpp"
#include "base/csv_text.hpp"
#include "coverage/version.hpp"

#include "base/json_writer.hpp"
#include "base/text_table.hpp"
#include "coverage/accounting.hpp"
#include "coverage/error.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <fmt/format.h>

namespace coverage {
namespace {

std::string fraction(std::int64_t part, std::int64_t total)
{
    return total == 0 ? "0.000000" : fmt::format("{:.6f}", static_cast<double>(part) / static_cast<double>(total));
}

std::string shown(const std::string& v) { return v.empty() ? "(none)" : v; }

} // namespace

std::string percent(std::int64_t part, std::int64_t total)
{
    if (total == 0) return {};
    return fmt::format("{:.2f}", 100.0 * static_cast<double>(part) / static_cast<double>(total));
}

SummaryFormat summary_format(const std::string& name)
{
    if (name == "text") return SummaryFormat::text;
    if (name == "markdown" || name == "md") return SummaryFormat::markdown;
    if (name == "json") return SummaryFormat::json;
    if (name == "csv") return SummaryFormat::csv;
    throw UsageError(fmt::format("unknown --format '{}'; use text, markdown, json or csv", name));
}

SummaryReport summarise(const ResultTable& r, const SummaryOptions& o)
{
    SummaryReport s;
    s.inputs = r.inputs;
    s.by = o.by;
    std::vector<std::size_t> group(r.size(), 0);
    if (!o.by.empty()) {
        const TextColumn& col = r.text_column(o.by);
        s.groups = col.distinct();
        group = col.per_row<std::size_t>([&](std::string_view v) {
            return static_cast<std::size_t>(std::lower_bound(s.groups.begin(), s.groups.end(), v) - s.groups.begin());
        });
    } else {
        s.groups = {""};
    }
    const auto groups = static_cast<Eigen::Index>(s.groups.size());
    s.addresses = CountVector::Zero(groups);
    s.units = CountVector::Zero(groups);

    std::vector<std::string> classes = o.classes.empty() ? ordered_classes(r.class_name.distinct()) : o.classes;
    if (!o.classes.empty())
        for (const auto& w : r.class_name.distinct())
            if (std::find(classes.begin(), classes.end(), w) == classes.end())
                throw UsageError(fmt::format("class '{}' occurs in the input but not in --classes ({}); add it", w,
                                             fmt::join(classes, ",")));
    struct Dim {
        const char* name;
        const TextColumn* column; // nullptr: eligible
        std::vector<std::string> values;
    };
    std::vector<Dim> dims{{"class", &r.class_name, classes},
                          {"tier", &r.tier, ordered_tiers(r.tier.distinct())},
                          {"eligible", nullptr, {"true", "false"}},
                          {"category", &r.category, r.category.distinct()}};
    for (auto& d : dims) {
        Breakdown b;
        b.name = d.name;
        b.values = d.values;
        const auto n = static_cast<Eigen::Index>(b.values.size());
        b.addresses = CountMatrix::Zero(groups, n);
        b.units = CountMatrix::Zero(groups, n);
        // Each row's value index; -1 for a value not listed (an empty tier: no tier column in the input).
        std::vector<Eigen::Index> value_of;
        if (d.column) {
            value_of = d.column->per_row<Eigen::Index>([&](std::string_view v) {
                const auto k = std::find(b.values.begin(), b.values.end(), v) - b.values.begin();
                return k < n ? static_cast<Eigen::Index>(k) : Eigen::Index{-1};
            });
        } else {
            value_of.reserve(r.size());
            for (std::size_t i = 0; i < r.size(); ++i) value_of.push_back(r.eligible[i] ? 0 : 1);
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (value_of[i] < 0) continue;
            const auto g = static_cast<Eigen::Index>(group[i]);
            b.addresses(g, value_of[i]) += 1;
            b.units(g, value_of[i]) += r.units[i];
        }
        s.breakdowns.push_back(std::move(b));
    }
    for (std::size_t i = 0; i < r.size(); ++i) {
        const auto g = static_cast<Eigen::Index>(group[i]);
        s.addresses(g) += 1;
        s.units(g) += r.units[i];
    }
    return s;
}

std::string format_summary(const SummaryReport& s, SummaryFormat format)
{
    const std::int64_t total_a = s.addresses.sum(), total_u = s.units.sum();
    std::string out;
    if (format == SummaryFormat::json) {
        using L = JsonWriter::Layout;
        JsonWriter j;
        auto dims = [&](Eigen::Index g, bool overall) {
            const std::int64_t ga = overall ? total_a : s.addresses(g), gu = overall ? total_u : s.units(g);
            for (const Breakdown& b : s.breakdowns) {
                const CountVector a = overall ? CountVector(b.addresses.colwise().sum().transpose())
                                              : CountVector(b.addresses.row(g).transpose());
                const CountVector u = overall ? CountVector(b.units.colwise().sum().transpose())
                                              : CountVector(b.units.row(g).transpose());
                // The classify summary's schema: "classes": [{"class": ...}], "tiers", an
                // "eligible" object; and "categories" likewise.
                if (b.name == "eligible") {
                    j.key("eligible").begin_object(L::inline_).key("addresses").number(std::int64_t{a(0)});
                    j.key("units").number(std::int64_t{u(0)});
                    j.key("share_addresses").raw(fraction(a(0), ga)).key("share_units").raw(fraction(u(0), gu));
                    j.end_object();
                    continue;
                }
                j.key(b.name == "class" ? "classes" : b.name == "category" ? "categories" : b.name + "s").begin_array();
                for (std::size_t k = 0; k < b.values.size(); ++k) {
                    const auto kk = static_cast<Eigen::Index>(k);
                    j.begin_object(L::inline_).key(b.name).string(b.values[k]);
                    j.key("addresses").number(std::int64_t{a(kk)}).key("units").number(std::int64_t{u(kk)});
                    j.key("share_addresses").raw(fraction(a(kk), ga)).key("share_units").raw(fraction(u(kk), gu));
                    j.end_object();
                }
                j.end_array();
            }
        };
        j.begin_object();
        j.key("tool").begin_object(L::inline_).key("name").string("coverage");
        j.key("version").string(tool_version()).end_object();
        j.key("addresses").number(total_a).key("units").number(total_u);
        dims(0, true);
        j.key("inputs").begin_array();
        for (const auto& in : s.inputs)
            j.begin_object(L::inline_).key("role").string("results").key("file").string(in).end_object();
        j.end_array();
        if (!s.by.empty()) {
            j.key("by").begin_object().key("field").string(s.by).key("groups").begin_array();
            for (std::size_t g = 0; g < s.groups.size(); ++g) {
                const auto gg = static_cast<Eigen::Index>(g);
                j.begin_object().key("value").string(s.groups[g]);
                j.key("addresses").number(std::int64_t{s.addresses(gg)}).key("units").number(std::int64_t{s.units(gg)});
                dims(gg, false);
                j.end_object();
            }
            j.end_array().end_object();
        }
        j.end_object();
        return j.str();
    }
    if (format == SummaryFormat::csv) {
        out = "by_field,by_value,group,value,addresses,units,share_addresses,share_units\n";
        auto rows = [&](const std::string& field, const std::string& value, Eigen::Index g, bool overall) {
            const std::int64_t ga = overall ? total_a : s.addresses(g), gu = overall ? total_u : s.units(g);
            out += fmt::format("{},{},total,,{},{},{},{}\n", csv_field(field), csv_field(value), ga, gu,
                               fraction(ga, ga), fraction(gu, gu));
            for (const Breakdown& b : s.breakdowns)
                for (std::size_t k = 0; k < b.values.size(); ++k) {
                    const auto kk = static_cast<Eigen::Index>(k);
                    const std::int64_t a = overall ? b.addresses.col(kk).sum() : b.addresses(g, kk);
                    const std::int64_t u = overall ? b.units.col(kk).sum() : b.units(g, kk);
                    out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(field), csv_field(value), b.name,
                                       csv_field(b.values[k]), a, u, fraction(a, ga), fraction(u, gu));
                }
        };
        rows("", "", 0, true);
        if (!s.by.empty())
            for (std::size_t g = 0; g < s.groups.size(); ++g)
                rows(s.by, s.groups[g], static_cast<Eigen::Index>(g), false);
        return out;
    }
    // Text and Markdown: one table per dimension, then the --by table.
    const bool md = format == SummaryFormat::markdown;
    auto table = [&](const std::vector<std::string>& h, const std::vector<std::vector<std::string>>& rows) {
        return md ? markdown_table(h, rows) : text_table(h, rows);
    };
    out += md ? fmt::format("**{} addresses, {} units** from {}\n\n", total_a, total_u, fmt::join(s.inputs, ", "))
              : fmt::format("{} addresses, {} units from {}\n\n", total_a, total_u, fmt::join(s.inputs, ", "));
    for (const Breakdown& b : s.breakdowns) {
        std::vector<std::vector<std::string>> rows;
        for (std::size_t k = 0; k < b.values.size(); ++k) {
            const auto kk = static_cast<Eigen::Index>(k);
            const std::int64_t a = b.addresses.col(kk).sum(), u = b.units.col(kk).sum();
            rows.push_back({shown(b.values[k]), fmt::format("{}", a), percent(a, total_a), fmt::format("{}", u),
                            percent(u, total_u)});
        }
        out += table({b.name, "addresses", "%", "units", "%"}, rows) + "\n";
    }
    if (!s.by.empty()) {
        const Breakdown& cls = s.breakdowns[0];
        const Breakdown& elig = s.breakdowns[2];
        std::vector<std::string> h{s.by, "addresses", "units"};
        for (const auto& c : cls.values) h.push_back(c);
        for (const auto& x : {"eligible", "eligible_units", "eligible_%"}) h.emplace_back(x);
        std::vector<std::vector<std::string>> rows;
        auto row = [&](const std::string& label, std::int64_t a, std::int64_t u, const CountVector& ca, std::int64_t ea,
                       std::int64_t eu) {
            std::vector<std::string> r{label, fmt::format("{}", a), fmt::format("{}", u)};
            for (Eigen::Index k = 0; k < ca.size(); ++k) r.push_back(fmt::format("{}", ca(k)));
            r.push_back(fmt::format("{}", ea));
            r.push_back(fmt::format("{}", eu));
            r.push_back(percent(ea, a));
            rows.push_back(std::move(r));
        };
        for (std::size_t g = 0; g < s.groups.size(); ++g) {
            const auto gg = static_cast<Eigen::Index>(g);
            row(shown(s.groups[g]), s.addresses(gg), s.units(gg), cls.addresses.row(gg).transpose(),
                elig.addresses(gg, 0), elig.units(gg, 0));
        }
        row("(all)", total_a, total_u, cls.addresses.colwise().sum().transpose(), elig.addresses.col(0).sum(),
            elig.units.col(0).sum());
        out += (md ? "Addresses per class by " : "addresses per class by ") + s.by + "\n\n" + table(h, rows);
    }
    return out;
}

} // namespace coverage
