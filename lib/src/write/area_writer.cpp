// Writers for the area table: CSV (own code, byte-stable) and GeoJSON / GeoPackage /
// FlatGeobuf through GDAL. Columns are the same in every format.
#include "base/csv_text.hpp"
#include "coverage/aggregate.hpp"
#include "base/path_util.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/accounting.hpp"
#include "gdal/dataset.hpp"
#include "gdal/vector_writer.hpp"

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

enum class Kind { count, share, text };

/// One output column: its name, kind and how to get the value of area i (nullopt: empty).
struct Column {
    std::string name;
    Kind kind;
    std::function<std::optional<double>(Eigen::Index)> number;
    std::function<std::string(Eigen::Index)> text;
};

std::vector<Column> columns(const AreaTable& t)
{
    std::vector<Column> cols;
    const auto shares = std::make_shared<const Eigen::MatrixXd>(t.class_shares());
    auto has = [&t](Eigen::Index i) { return t.addresses(i) > 0; };
    auto count = [&](std::string name, std::function<std::int64_t(Eigen::Index)> f, bool always = false) {
        cols.push_back({std::move(name), Kind::count,
                        [f, has, always](Eigen::Index i) -> std::optional<double> {
                            if (!always && !has(i)) return std::nullopt;
                            return static_cast<double>(f(i));
                        },
                        {}});
    };
    auto share = [&](std::string name, std::function<double(Eigen::Index)> f) {
        cols.push_back({std::move(name), Kind::share,
                        [f, has](Eigen::Index i) -> std::optional<double> {
                            if (!has(i)) return std::nullopt;
                            return std::round(f(i) * 100) / 100;
                        },
                        {}});
    };
    cols.push_back({"area_id", Kind::text, {}, [&t](Eigen::Index i) { return t.area_id[static_cast<std::size_t>(i)]; }});
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
        cols.push_back({"band", Kind::text, {}, [&t](Eigen::Index i) { return t.band[static_cast<std::size_t>(i)]; }});
    return cols;
}

std::string cell_text(const Column& c, Eigen::Index i)
{
    if (c.kind == Kind::text) return csv_field(c.text(i));
    const auto v = c.number(i);
    if (!v) return {};
    if (c.kind == Kind::share) return fmt::format("{:.2f}", *v);
    return fmt::format("{}", static_cast<std::int64_t>(*v));
}

void write_csv(const AreaTable& t, AtomicPath& file)
{
    const std::vector<Column> cols = columns(t);
    std::string out;
    for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "," : "") + csv_field(cols[c].name);
    out += '\n';
    for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(t.size()); ++i) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
            if (c) out += ',';
            out += cell_text(cols[c], i);
        }
        out += '\n';
    }
    file.write(out);
    file.close();
}

void write_gdal(const AreaTable& t, AtomicPath& file)
{
    const std::string& path = file.target();
    OGRSpatialReference source;
    if (source.SetFromUserInput(t.crs.c_str()) != OGRERR_NONE)
        throw OutputError(fmt::format("{}: unusable coordinate system of the areas", path));
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // GeoJSON is WGS84 by RFC 7946; the binary formats keep the areas' own (exact) CRS.
    gdal::VectorFileWriter out(file, "areas", source, wkbMultiPolygon);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (out.geojson()) ct.reset(OGRCreateCoordinateTransformation(&source, &gdal::wgs84()));
    const std::vector<Column> cols = columns(t);
    for (const Column& c : cols)
        out.add_field({c.name, c.kind == Kind::text ? OFTString : c.kind == Kind::share ? OFTReal : OFTInteger64, OFSTNone});
    out.start();
    for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(t.size()); ++i) {
        OGRFeatureUniquePtr f = out.new_feature();
        for (std::size_t c = 0; c < cols.size(); ++c) {
            const int k = static_cast<int>(c);
            if (cols[c].kind == Kind::text) {
                f->SetField(k, cols[c].text(i).c_str());
            } else if (const auto v = cols[c].number(i)) {
                if (cols[c].kind == Kind::share) f->SetField(k, *v);
                else f->SetField(k, static_cast<GIntBig>(*v));
            } else {
                f->SetFieldNull(k);
            }
        }
        const std::string& wkb = t.geometry_wkb[static_cast<std::size_t>(i)];
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
            throw OutputError(fmt::format("{}: area {}: bad geometry", path, t.area_id[static_cast<std::size_t>(i)]));
        std::unique_ptr<OGRGeometry> geom(OGRGeometryFactory::forceToMultiPolygon(g));
        if (ct && geom->transform(ct.get()) != OGRERR_NONE)
            throw OutputError(fmt::format("{}: area {}: cannot transform to WGS84", path, t.area_id[static_cast<std::size_t>(i)]));
        f->SetGeometryDirectly(geom.release());
        out.write(*f);
    }
    out.finish();
}

} // namespace

void check_area_output(const std::string& path)
{
    if (path == "-" || lower_ext(path) == "csv" || gdal::vector_driver_for(path)) return;
    throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .geojson, .gpkg, .fgb or - (CSV on stdout)",
                                 path, lower_ext(path)));
}

void write_areas(const AreaTable& t, AtomicPath& out)
{
    check_area_output(out.target());
    if (out.is_stdout() || lower_ext(out.target()) == "csv") return write_csv(t, out);
    write_gdal(t, out);
}

void write_unassigned(const AreaTable& t, const ResultTable& r, AtomicPath& file)
{
    std::string out = "id,lon,lat\n";
    for (const std::size_t i : t.unassigned_rows) out += fmt::format("{},{:.6f},{:.6f}\n", csv_field(r.id[i]), r.lon[i], r.lat[i]);
    file.write(out);
    file.close();
}

} // namespace coverage
