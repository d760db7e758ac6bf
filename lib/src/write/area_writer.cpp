// Writers for the area table: its columns and polygons as a feature table
// (write/feature_table.hpp: CSV, GeoJSON, GeoPackage, FlatGeobuf).
#include "base/csv_text.hpp"
#include "coverage/aggregate.hpp"
#include "coverage/atomic_file.hpp"
#include "write/feature_table.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <optional>
#include <ogrsf_frmts.h>

namespace coverage {
namespace {

FeatureTable area_features(const AreaTable& t)
{
    FeatureTable ft;
    ft.layer = "areas";
    ft.rows = t.size();
    ft.geometry = FeatureGeometry::multipolygon;
    ft.crs = t.crs;
    ft.wkb = [&t](std::size_t i) { return t.geometry_wkb[i]; };
    std::vector<FeatureColumn>& cols = ft.columns;
    const auto shares = std::make_shared<const Eigen::MatrixXd>(t.class_shares());
    auto has = [&t](std::size_t i) { return t.addresses(static_cast<Eigen::Index>(i)) > 0; };
    auto count = [&](std::string name, std::function<std::int64_t(Eigen::Index)> f, bool always = false) {
        cols.push_back({std::move(name), ColumnKind::integer, 0,
                        [f, has, always](std::size_t i) -> std::optional<double> {
                            if (!always && !has(i)) return std::nullopt;
                            return static_cast<double>(f(static_cast<Eigen::Index>(i)));
                        },
                        {}});
    };
    auto share = [&](std::string name, std::function<double(Eigen::Index)> f) {
        cols.push_back({std::move(name), ColumnKind::real, 2,
                        [f, has](std::size_t i) -> std::optional<double> {
                            if (!has(i)) return std::nullopt;
                            return std::round(f(static_cast<Eigen::Index>(i)) * 100) / 100;
                        },
                        {}});
    };
    cols.push_back({"area_id", ColumnKind::text, 0, {}, [&t](std::size_t i) { return t.area_id[i]; }});
    count("addresses", [&t](Eigen::Index i) { return t.addresses(i); }, true);
    count("units", [&t](Eigen::Index i) { return t.units(i); }, true);
    for (std::size_t c = 0; c < t.classes.size(); ++c) {
        const auto k = static_cast<Eigen::Index>(c);
        count("addresses_" + t.classes[c], [&t, k](Eigen::Index i) { return t.class_addresses(i, k); });
        count("units_" + t.classes[c], [&t, k](Eigen::Index i) { return t.class_units(i, k); });
        share("share_" + t.classes[c], [shares, k](Eigen::Index i) { return (*shares)(i, k); });
    }
    for (std::size_t c = 0; c < t.tiers.size(); ++c) {
        const auto k = static_cast<Eigen::Index>(c);
        count("addresses_tier_" + t.tiers[c], [&t, k](Eigen::Index i) { return t.tier_addresses(i, k); });
        count("units_tier_" + t.tiers[c], [&t, k](Eigen::Index i) { return t.tier_units(i, k); });
    }
    count("eligible_addresses", [&t](Eigen::Index i) { return t.eligible_addresses(i); });
    count("eligible_units", [&t](Eigen::Index i) { return t.eligible_units(i); });
    share("share_eligible", [&t](Eigen::Index i) {
        return 100.0 * static_cast<double>(t.eligible_addresses(i)) / static_cast<double>(t.addresses(i));
    });
    for (std::size_t c = 0; c < socio_economic_columns().size(); ++c) {
        const auto k = static_cast<Eigen::Index>(c);
        count(socio_economic_columns()[c], [&t, k](Eigen::Index i) { return t.socio(i, k); });
    }
    if (!t.band.empty())
        cols.push_back({"band", ColumnKind::text, 0, {}, [&t](std::size_t i) { return t.band[i]; }});
    return ft;
}

} // namespace

void write_areas(const AreaTable& t, const std::string& path, bool overwrite)
{
    write_feature_table(area_features(t), path, overwrite);
}

void write_areas(const AreaTable& t, AtomicPath& out) { write_feature_table(area_features(t), out); }

void check_area_output(const std::string& path) { check_feature_output(path); }

void write_unassigned(const AreaTable& t, const ResultTable& r, const std::string& path, bool overwrite)
{
    std::string out = "id,lon,lat\n";
    for (const std::size_t i : t.unassigned_rows) out += fmt::format("{},{:.6f},{:.6f}\n", csv_field(r.id[i]), r.lon[i], r.lat[i]);
    write_text_file(path, out, overwrite);
}

void write_unassigned(const AreaTable& t, const ResultTable& r, AtomicPath& file)
{
    std::string out = "id,lon,lat\n";
    for (const std::size_t i : t.unassigned_rows) out += fmt::format("{},{:.6f},{:.6f}\n", csv_field(r.id[i]), r.lon[i], r.lat[i]);
    file.write(out);
    file.close();
}

} // namespace coverage
