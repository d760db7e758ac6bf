// Writers for the area table: its columns and polygons as a feature table
// (write/feature_table.hpp: CSV, GeoJSON, GeoPackage, FlatGeobuf).
#include "base/csv_text.hpp"
#include "coverage/aggregate.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "write/feature_table.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <ogrsf_frmts.h>
#include <optional>

namespace coverage {
namespace {

FeatureTable area_features(const AreaTable& t, const std::string& layer)
{
    FeatureTable ft;
    ft.layer = layer.empty() ? "areas" : layer;
    ft.rows = t.size();
    ft.geometry = FeatureGeometry::multipolygon;
    ft.crs = t.crs;
    ft.wkb = [&t](std::size_t i) { return t.geometry_wkb[i]; };
    std::vector<FeatureColumn>& cols = ft.columns;
    const auto shares = std::make_shared<const Eigen::MatrixXd>(t.class_shares());
    auto has = [&t](std::size_t i) { return t.addresses(static_cast<Eigen::Index>(i)) > 0; };
    auto count = [&](std::string name, std::function<std::int64_t(Eigen::Index)> f, bool always = false) {
        cols.push_back({std::move(name),
                        ColumnKind::integer,
                        0,
                        [f, has, always](std::size_t i) -> std::optional<double> {
                            if (!always && !has(i)) return std::nullopt;
                            return static_cast<double>(f(static_cast<Eigen::Index>(i)));
                        },
                        {}});
    };
    auto share = [&](std::string name, std::function<double(Eigen::Index)> f) {
        // A fraction 0..1 with 6 decimals, as every share of every command.
        cols.push_back({std::move(name),
                        ColumnKind::real,
                        6,
                        [f, has](std::size_t i) -> std::optional<double> {
                            if (!has(i)) return std::nullopt;
                            return std::round(f(static_cast<Eigen::Index>(i)) * 1e6) / 1e6;
                        },
                        {}});
    };
    cols.push_back({"area_id", ColumnKind::text, 0, {}, [&t](std::size_t i) { return t.area_id[i]; }});
    for (std::size_t k = 0; k < t.keep_names.size(); ++k)
        cols.push_back(
            {t.keep_names[k], ColumnKind::text, 0, {}, [&t, k](std::size_t i) { return t.keep_values[i][k]; }});
    // clang-format off
    count("addresses", [&t](Eigen::Index i) { return t.addresses(i); }, true);
    count("units", [&t](Eigen::Index i) { return t.units(i); }, true);
    // clang-format on
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
        return static_cast<double>(t.eligible_addresses(i)) / static_cast<double>(t.addresses(i));
    });
    for (std::size_t c = 0; c < socio_economic_columns().size(); ++c) {
        const auto k = static_cast<Eigen::Index>(c);
        count(socio_economic_columns()[c], [&t, k](Eigen::Index i) { return t.socio(i, k); });
    }
    if (!t.band.empty()) cols.push_back({"band", ColumnKind::text, 0, {}, [&t](std::size_t i) { return t.band[i]; }});
    return ft;
}

} // namespace

void check_area_output(const std::string& path, const std::string& layer)
{
    check_feature_output(path);
    const std::string ext = path.substr(path.rfind('.') == std::string::npos ? path.size() : path.rfind('.'));
    if (!layer.empty() && (path == "-" || ext == ".csv" || ext == ".geojson" || ext == ".json"))
        throw UsageError(
            fmt::format("{}: --output-layer names a layer of a .gpkg or .fgb output; this one has none", path));
}

void write_areas(const AreaTable& t, AtomicPath& out, const std::string& layer)
{
    check_area_output(out.target(), layer);
    write_feature_table(area_features(t, layer), out);
}

void write_areas(const AreaTable& t, const std::string& path, bool overwrite, const std::string& layer)
{
    check_area_output(path, layer);
    write_feature_table(area_features(t, layer), path, overwrite);
}

namespace {

std::string unassigned_csv(const AreaTable& t, const ResultTable& r)
{
    std::string out = "id,lon,lat\n";
    for (const std::size_t i : t.unassigned_rows)
        out += fmt::format("{},{:.6f},{:.6f}\n", csv_field(r.id[i]), r.lon[i], r.lat[i]);
    return out;
}

} // namespace

void write_unassigned(const AreaTable& t, const ResultTable& r, const std::string& path, bool overwrite)
{
    write_text_file(path, unassigned_csv(t, r), overwrite);
}

void write_unassigned(const AreaTable& t, const ResultTable& r, AtomicPath& file)
{
    file.write(unassigned_csv(t, r));
    file.close();
}

} // namespace coverage
