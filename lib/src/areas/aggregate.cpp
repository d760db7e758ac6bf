#include "coverage/aggregate.hpp"
#include "areas/assign.hpp"
#include "base/text.hpp"

#include "coverage/error.hpp"
#include "gdal/dataset.hpp"
#include "geos/io.hpp"
#include "geos/strtree.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

std::string fold(std::string_view s) { return ascii_lower(s); }

} // namespace

const std::vector<std::string>& socio_economic_columns()
{
    static const std::vector<std::string> cols{"schools", "hospitals", "businesses", "public"};
    return cols;
}

GridCell grid_cell(double x, double y, int size_m)
{
    const auto s = static_cast<double>(size_m);
    return GridCell{static_cast<std::int64_t>(std::floor(x / s)) * size_m,
                    static_cast<std::int64_t>(std::floor(y / s)) * size_m};
}

std::string grid_cell_id(const GridCell& cell, int size_m, int epsg)
{
    return fmt::format("CRS{}RES{}mN{}E{}", epsg, size_m, cell.northing, cell.easting);
}

std::vector<std::uint32_t> cluster_points(const std::vector<double>& x, const std::vector<double>& y, double distance)
{
    const std::size_t n = x.size();
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&](std::size_t i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    };
    auto unite = [&](std::size_t i, std::size_t j) {
        i = find(i);
        j = find(j);
        if (i == j) return;
        if (j < i) std::swap(i, j);
        parent[j] = i; // the root is always the earliest point: numbering follows it
    };
    // Neighbour search over a hash grid of cell size `distance`: a partner within the distance
    // lies in the same or one of the 8 neighbouring cells.
    const double d2 = distance * distance;
    absl::flat_hash_map<std::pair<std::int64_t, std::int64_t>, std::vector<std::size_t>> grid;
    auto key = [&](std::size_t i) {
        return std::make_pair(static_cast<std::int64_t>(std::floor(x[i] / distance)),
                              static_cast<std::int64_t>(std::floor(y[i] / distance)));
    };
    for (std::size_t i = 0; i < n; ++i) grid[key(i)].push_back(i);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [gx, gy] = key(i);
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                auto it = grid.find(std::make_pair(gx + dx, gy + dy));
                if (it == grid.end()) continue;
                for (const std::size_t j : it->second) {
                    if (j <= i) continue;
                    const double ex = x[i] - x[j], ey = y[i] - y[j];
                    if (ex * ex + ey * ey <= d2) unite(i, j);
                }
            }
    }
    std::vector<std::uint32_t> number(n, 0), out(n, 0);
    std::uint32_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t root = find(i);
        if (number[root] == 0) number[root] = ++next;
        out[i] = number[root];
    }
    return out;
}

Eigen::MatrixXd AreaTable::class_shares() const
{
    Eigen::MatrixXd s = class_addresses.cast<double>();
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        if (addresses(i) == 0) s.row(i).setConstant(std::numeric_limits<double>::quiet_NaN());
        else s.row(i) /= static_cast<double>(addresses(i));
    }
    return s;
}

AreaTable aggregate(const ResultTable& r, const AggregateOptions& o)
{
    AreaTable t;
    // Words: the union across all inputs, in the documented order (or --classes).
    {
        const std::vector<std::string> words = r.class_name.distinct();
        if (!o.classes.empty()) {
            for (const auto& w : words)
                if (std::find(o.classes.begin(), o.classes.end(), w) == o.classes.end())
                    throw UsageError(fmt::format("class '{}' occurs in the input but not in --classes ({}); add it", w,
                                                 fmt::join(o.classes, ",")));
            t.classes = o.classes;
        } else {
            t.classes = ordered_classes(words);
        }
        t.tiers = ordered_tiers(r.tier.distinct());
    }
    if (!o.bands.empty()) {
        t.band_class = o.band_class;
        // A built-in class word may be absent from this run (no served address at all): its
        // share is 0. Any other word must occur in the input, to catch typos.
        const std::vector<std::string> builtin{"white",     "grey",        "served",    "black",     "under_review",
                                               "unserved",  "underserved", "dark_grey", "below_uso", "decent",
                                               "superfast", "ultrafast",   "gigabit"};
        if (std::find(t.classes.begin(), t.classes.end(), o.band_class) == t.classes.end() &&
            std::find(builtin.begin(), builtin.end(), o.band_class) == builtin.end())
            throw UsageError(fmt::format("--band-class '{}' is not a class of the input ({})", o.band_class,
                                         fmt::join(t.classes, ", ")));
    }

    t.read = r.size();
    for (std::size_t i = 0; i < r.size(); ++i)
        if (std::isnan(r.lon[i])) ++t.unlocated;
    if (r.size() > 0 && t.unlocated == r.size())
        throw InputError(fmt::format("{}: none of the {} results has coordinates (lon and lat are empty: classify ran "
                                     "without --addresses, e.g. on FCC rows as they are), so there is nothing to "
                                     "place; classify with --addresses (a layer with coordinates), or count by a "
                                     "column with coverage summary --by FIELD",
                                     fmt::join(r.inputs, ", "), r.size()));
    const std::vector<std::int64_t> area_of = assign_rows(r, o, t);

    t.row_area = area_of;
    // Counting: one pass over the rows into area x word matrices.
    const auto areas = static_cast<Eigen::Index>(t.size());
    auto zeros = [&](std::size_t cols) { return CountMatrix::Zero(areas, static_cast<Eigen::Index>(cols)); };
    t.class_addresses = zeros(t.classes.size());
    t.class_units = zeros(t.classes.size());
    t.tier_addresses = zeros(t.tiers.size());
    t.tier_units = zeros(t.tiers.size());
    t.socio = zeros(socio_economic_columns().size());
    t.addresses = CountVector::Zero(areas);
    t.units = CountVector::Zero(areas);
    t.eligible_addresses = CountVector::Zero(areas);
    t.eligible_units = CountVector::Zero(areas);
    auto index_of = [](const std::vector<std::string>& words, const std::string& w) {
        return static_cast<Eigen::Index>(std::find(words.begin(), words.end(), w) - words.begin());
    };
    // Each row's class, tier and socio-economic column (-1: none), looked up once per distinct value.
    const std::vector<Eigen::Index> class_of =
        r.class_name.per_row<Eigen::Index>([&](std::string_view w) { return index_of(t.classes, std::string(w)); });
    const std::vector<Eigen::Index> tier_of = r.tier.per_row<Eigen::Index>(
        [&](std::string_view w) { return w.empty() ? Eigen::Index{-1} : index_of(t.tiers, std::string(w)); });
    const std::vector<std::string> socio_words{"school", "hospital", "business", "public"};
    const std::vector<Eigen::Index> socio_of = r.category.per_row<Eigen::Index>([&](std::string_view w) {
        const Eigen::Index k = index_of(socio_words, fold(w));
        return k < static_cast<Eigen::Index>(socio_words.size()) ? k : Eigen::Index{-1};
    });
    for (std::size_t i = 0; i < r.size(); ++i) {
        const std::int64_t area = area_of[i];
        if (area < 0) continue;
        ++t.placed;
        const auto u = static_cast<std::int64_t>(r.units[i]);
        t.addresses(area) += 1;
        t.units(area) += u;
        const Eigen::Index c = class_of[i];
        t.class_addresses(area, c) += 1;
        t.class_units(area, c) += u;
        if (const Eigen::Index k = tier_of[i]; k >= 0) {
            t.tier_addresses(area, k) += 1;
            t.tier_units(area, k) += u;
        }
        if (r.eligible[i]) {
            t.eligible_addresses(area) += 1;
            t.eligible_units(area) += u;
        }
        if (socio_of[i] >= 0) t.socio(area, socio_of[i]) += 1;
    }

    if (!o.bands.empty()) {
        const Eigen::MatrixXd shares = t.class_shares();
        const auto bc = std::find(t.classes.begin(), t.classes.end(), o.band_class);
        const bool present = bc != t.classes.end();
        const Eigen::Index col = present ? static_cast<Eigen::Index>(bc - t.classes.begin()) : 0;
        auto label = [&](std::size_t k) {
            return k + 1 < o.bands.size() ? fmt::format("{}-{}", o.bands[k], o.bands[k + 1])
                                          : fmt::format("{}-100", o.bands[k]);
        };
        for (Eigen::Index i = 0; i < areas; ++i) {
            if (t.addresses(i) == 0) {
                t.band.emplace_back();
                continue;
            }
            // The band is chosen on the share as written (a fraction, 6 decimals), so the file
            // agrees with itself; compared in millionths, as the bounds are percentages.
            const double micro = present ? std::round(shares(i, col) * 1e6) : 0.0;
            std::string b = fmt::format("<{}", o.bands.front());
            for (std::size_t k = 0; k < o.bands.size(); ++k)
                if (micro >= std::round(o.bands[k] * 1e4)) b = label(k);
            t.band.push_back(b);
        }
    }
    return t;
}

} // namespace coverage
