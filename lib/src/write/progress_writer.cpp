// Writers of the progress table: CSV (long form, byte-stable), JSON (nested, same keys) and
// GeoJSON / GeoPackage / FlatGeobuf through the one vector writer (a feature per area and
// year, with the area's polygon where it has one). Columns are the same in every format.
#include "base/csv_text.hpp"
#include "base/json_text.hpp"
#include "base/path_util.hpp"
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "coverage/progress.hpp"
#include "gdal/dataset.hpp"
#include "gdal/vector_writer.hpp"

#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ogrsf_frmts.h>
#include <optional>

namespace coverage {
namespace {

enum class Kind { count, share, flag };

/// One value column after area_id and year: its name, kind and value (nullopt: empty).
struct Column {
    const char* name;
    Kind kind;
    std::optional<double> (*value)(const ProgressArea& a, const ProgressYear& y);
};

std::optional<double> share(std::int64_t part, std::int64_t whole)
{
    if (whole <= 0) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> count(const ProgressYear& y, std::int64_t v)
{
    if (!y.projected) return std::nullopt;
    return static_cast<double>(v);
}

std::vector<Column> columns(const ProgressTable& t)
{
    using A = const ProgressArea&;
    using Y = const ProgressYear&;
    std::vector<Column> cols{
        {"addresses", Kind::count, [](A, Y y) { return count(y, y.addresses); }},
        {"units", Kind::count, [](A, Y y) { return count(y, y.units); }},
        {"gigabit_addresses", Kind::count, [](A, Y y) { return count(y, y.gigabit_addresses); }},
        {"gigabit_units", Kind::count, [](A, Y y) { return count(y, y.gigabit_units); }},
        {"share_addresses", Kind::share,
         [](A, Y y) { return y.projected ? share(y.gigabit_addresses, y.addresses) : std::nullopt; }},
        {"share_units", Kind::share,
         [](A, Y y) { return y.projected ? share(y.gigabit_units, y.units) : std::nullopt; }},
        {"gap_addresses", Kind::count, [](A, Y y) { return count(y, y.addresses - y.gigabit_addresses); }},
        {"gap_units", Kind::count, [](A, Y y) { return count(y, y.units - y.gigabit_units); }},
        {"on_track", Kind::flag, [](A a, Y) -> std::optional<double> { return a.on_track ? 1.0 : 0.0; }},
    };
    if (t.history) {
        cols.push_back({"observed_share_units", Kind::share, [](A, Y y) { return y.observed_share_units; }});
        cols.push_back({"trend_share_units", Kind::share, [](A, Y y) { return y.trend_share_units; }});
    }
    return cols;
}

std::string text(const Column& c, const std::optional<double>& v, const char* empty)
{
    if (!v) return empty;
    switch (c.kind) {
    case Kind::count: return fmt::format("{}", static_cast<std::int64_t>(*v));
    case Kind::share: return fmt::format("{:.4f}", *v);
    case Kind::flag: return *v != 0 ? "true" : "false";
    }
    return empty;
}

void write_gdal(const ProgressTable& t, AtomicPath& file)
{
    const std::string& path = file.target();
    OGRSpatialReference source = gdal::wgs84();
    if (!t.crs.empty() && source.SetFromUserInput(t.crs.c_str()) != OGRERR_NONE)
        throw OutputError(fmt::format("{}: unusable coordinate system of the areas", path));
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    gdal::VectorFileWriter out(file, "progress", source, wkbMultiPolygon);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (out.geojson() && !t.crs.empty()) ct.reset(OGRCreateCoordinateTransformation(&source, &gdal::wgs84()));
    const std::vector<Column> cols = columns(t);
    out.add_field({"area_id", OFTString, OFSTNone});
    out.add_field({"year", OFTInteger, OFSTNone});
    for (const Column& c : cols)
        out.add_field({c.name,
                       c.kind == Kind::share  ? OFTReal
                       : c.kind == Kind::flag ? OFTInteger
                                              : OFTInteger64,
                       c.kind == Kind::flag ? OFSTBoolean : OFSTNone});
    out.start();
    for (const ProgressArea& a : t.areas) {
        std::unique_ptr<OGRGeometry> geom;
        if (!a.geometry_wkb.empty()) {
            OGRGeometry* g = nullptr;
            if (OGRGeometryFactory::createFromWkb(a.geometry_wkb.data(), nullptr, &g, a.geometry_wkb.size()) !=
                    OGRERR_NONE ||
                !g)
                throw OutputError(fmt::format("{}: area {}: bad geometry", path, a.area_id));
            geom.reset(OGRGeometryFactory::forceToMultiPolygon(g));
            if (ct && geom->transform(ct.get()) != OGRERR_NONE)
                throw OutputError(fmt::format("{}: area {}: cannot transform to WGS84", path, a.area_id));
        }
        for (const ProgressYear& y : a.years) {
            OGRFeatureUniquePtr f = out.new_feature();
            f->SetField(0, a.area_id.c_str());
            f->SetField(1, y.year);
            for (std::size_t c = 0; c < cols.size(); ++c) {
                const int k = static_cast<int>(c) + 2;
                const auto v = cols[c].value(a, y);
                if (!v) f->SetFieldNull(k);
                else if (cols[c].kind == Kind::share) f->SetField(k, std::round(*v * 1e4) / 1e4);
                else if (cols[c].kind == Kind::flag) f->SetField(k, *v != 0 ? 1 : 0);
                else f->SetField(k, static_cast<GIntBig>(*v));
            }
            if (geom) f->SetGeometry(geom.get());
            out.write(*f);
        }
    }
    out.finish();
}

} // namespace

std::string progress_csv(const ProgressTable& t)
{
    const std::vector<Column> cols = columns(t);
    std::string out = "area_id,year";
    for (const Column& c : cols) out += fmt::format(",{}", c.name);
    out += '\n';
    for (const ProgressArea& a : t.areas)
        for (const ProgressYear& y : a.years) {
            out += csv_field(a.area_id);
            out += fmt::format(",{}", y.year);
            for (const Column& c : cols) {
                out += ',';
                out += text(c, c.value(a, y), "");
            }
            out += '\n';
        }
    return out;
}

std::string progress_json(const ProgressTable& t)
{
    const std::vector<Column> cols = columns(t);
    std::string out = fmt::format("{{\n  \"command\": \"progress\",\n  \"target\": {},\n  \"as_of\": {},\n",
                                  t.target_year, json_quote(t.as_of));
    out += "  \"surveys\": [";
    for (std::size_t s = 0; s < t.surveys.size(); ++s) out += (s ? ", " : "") + json_quote(t.surveys[s]);
    out += fmt::format("],\n  \"addresses_in_some_surveys\": {},\n  \"areas\": [", t.in_some_surveys);
    for (std::size_t k = 0; k < t.areas.size(); ++k) {
        const ProgressArea& a = t.areas[k];
        out += fmt::format(
            "{}\n    {{\"area_id\": {}, \"on_track\": {}, \"trend_model\": {}, \"trend_reaches_full\": {},\n"
            "     \"years\": [",
            k ? "," : "", json_quote(a.area_id), a.on_track ? "true" : "false",
            a.trend_model.empty() ? "null" : json_quote(a.trend_model),
            a.trend_reaches_full ? fmt::format("{}", *a.trend_reaches_full) : "null");
        for (std::size_t y = 0; y < a.years.size(); ++y) {
            out += fmt::format("{}\n      {{\"year\": {}", y ? "," : "", a.years[y].year);
            for (const Column& c : cols)
                out += fmt::format(", \"{}\": {}", c.name, text(c, c.value(a, a.years[y]), "null"));
            out += '}';
        }
        out += "]}";
    }
    out += "\n  ]\n}\n";
    return out;
}

void check_progress_output(const std::string& path)
{
    const std::string ext = lower_ext(path);
    if (path == "-" || ext == "csv" || ext == "json" || gdal::vector_driver_for(path)) return;
    throw UsageError(fmt::format("{}: unknown output format '.{}'; use .csv, .json, .geojson, .gpkg, .fgb or - (CSV "
                                 "on stdout)",
                                 path, ext));
}

void write_progress(const ProgressTable& t, AtomicPath& out)
{
    const std::string& path = out.target();
    check_progress_output(path);
    const std::string ext = lower_ext(path);
    if (out.is_stdout() || ext == "csv") return out.write(progress_csv(t));
    if (ext == "json") return out.write(progress_json(t));
    write_gdal(t, out);
}

} // namespace coverage
