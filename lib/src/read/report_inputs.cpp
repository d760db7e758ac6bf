#include "read/report_inputs.hpp"

#include "base/json_text.hpp"
#include "base/text.hpp"
#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <cpl_json.h>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <ogrsf_frmts.h>
#include <tuple>

namespace coverage::report {
namespace {

CPLJSONObject load_json(const std::string& path, const char* what)
{
    gdal::ensure_registered();
    CPLJSONDocument doc;
    if (!doc.Load(path))
        throw InputError(fmt::format("{}: cannot read it as JSON ({}): {}", path, what, gdal::last_error()));
    CPLJSONObject root = doc.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Object)
        throw InputError(fmt::format("{}: is not a JSON object ({})", path, what));
    return root;
}

/// A required member; throws naming the file and the key.
CPLJSONObject member(const CPLJSONObject& o, const std::string& key, const std::string& path)
{
    CPLJSONObject m = o.GetObj(key);
    if (!m.IsValid() || m.GetType() == CPLJSONObject::Type::Null)
        throw InputError(fmt::format("{}: missing \"{}\"", path, key));
    return m;
}

std::int64_t integer(const CPLJSONObject& o, const std::string& key, const std::string& path)
{
    const CPLJSONObject m = member(o, key, path);
    if (m.GetType() != CPLJSONObject::Type::Integer && m.GetType() != CPLJSONObject::Type::Long)
        throw InputError(fmt::format("{}: \"{}\" is not a whole number", path, key));
    return m.ToLong();
}

double real(const CPLJSONObject& o, const std::string& key, const std::string& path)
{
    const CPLJSONObject m = member(o, key, path);
    const auto t = m.GetType();
    if (t != CPLJSONObject::Type::Integer && t != CPLJSONObject::Type::Long && t != CPLJSONObject::Type::Double)
        throw InputError(fmt::format("{}: \"{}\" is not a number", path, key));
    return m.ToDouble();
}

std::optional<double> optional_real(const CPLJSONObject& o, const std::string& key)
{
    const CPLJSONObject m = o.GetObj(key);
    if (!m.IsValid()) return std::nullopt;
    const auto t = m.GetType();
    if (t != CPLJSONObject::Type::Integer && t != CPLJSONObject::Type::Long && t != CPLJSONObject::Type::Double)
        return std::nullopt;
    return m.ToDouble();
}

/// Rows of a CSV file as name -> text, through GDAL's CSV driver (quoting, BOM, CRLF).
struct CsvRows {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> rows;
    [[nodiscard]] int column(std::string_view name) const
    {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (ascii_lower(names[i]) == name) return static_cast<int>(i);
        return -1;
    }
};

CsvRows read_csv(const std::string& path)
{
    const char* options[] = {"AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES",
                             "X_POSSIBLE_NAMES=", "Y_POSSIBLE_NAMES=", nullptr};
    GDALDatasetUniquePtr ds = gdal::open_vector(path, const_cast<char**>(options));
    if (ds->GetLayerCount() < 1) throw InputError(fmt::format("{}: holds no table", path));
    OGRLayer* layer = ds->GetLayer(0);
    CsvRows out;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        std::vector<std::string> row;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        out.rows.push_back(std::move(row));
    }
    return out;
}

std::optional<double> csv_number(const std::string& text, const std::string& path, std::size_t row, const char* field)
{
    const ParsedNumber n = parse_number(text, NumberKind::coordinate);
    if (!n.error.empty())
        throw InputError(fmt::format("{}:line {}: {} '{}' is not a number", path, row + 2, field, text));
    return n.value;
}

} // namespace

ClassifySummary read_classify_summary(const std::string& path)
{
    const CPLJSONObject root = load_json(path, "the JSON of coverage classify --summary");
    ClassifySummary s;
    const CPLJSONObject profile = member(root, "profile", path);
    s.profile_name = profile.GetString("name");
    s.profile_version = profile.GetString("version");
    s.as_of = root.GetString("as_of");
    s.horizon_end = root.GetString("horizon_end");
    s.addresses = integer(root, "addresses", path);
    s.units = integer(root, "units", path);
    const CPLJSONObject eligible = member(root, "eligible", path);
    s.eligible_addresses = integer(eligible, "addresses", path);
    s.eligible_units = integer(eligible, "units", path);
    s.rejected = integer(root, "rejected", path);
    auto counts = [&](const char* key, const char* word) {
        std::vector<ClassifySummary::Count> out;
        for (const CPLJSONObject& c : member(root, key, path).ToArray())
            out.push_back({c.GetString(word), integer(c, "addresses", path), integer(c, "units", path)});
        return out;
    };
    s.classes = counts("classes", "class");
    s.tiers = counts("tiers", "tier");
    for (const CPLJSONObject& in : member(root, "inputs", path).ToArray())
        s.inputs.push_back({in.GetString("role"), in.GetString("file"), in.GetString("sha256"),
                            integer(in, "read", path), integer(in, "used", path), integer(in, "rejected", path)});
    return s;
}

std::vector<RejectGroup> read_rejects(const std::string& path)
{
    const CsvRows csv = read_csv(path);
    const int file = csv.column("file"), field = csv.column("field"), reason = csv.column("reason");
    if (file < 0 || reason < 0)
        throw InputError(
            fmt::format("{}: not a rejects file of coverage classify (needs columns file, field, reason)", path));
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> groups;
    for (const auto& row : csv.rows) {
        std::string r = row[static_cast<std::size_t>(reason)];
        // 'value' is not a number -> '…' is not a number: one line per kind of fault.
        const auto open = r.find('\'');
        const auto close = open == std::string::npos ? std::string::npos : r.find('\'', open + 1);
        if (close != std::string::npos) r = r.substr(0, open) + "'\u2026'" + r.substr(close + 1);
        ++groups[{row[static_cast<std::size_t>(file)], field < 0 ? "" : row[static_cast<std::size_t>(field)], r}];
    }
    std::vector<RejectGroup> out;
    for (const auto& [key, n] : groups) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
    std::stable_sort(out.begin(), out.end(), [](const RejectGroup& a, const RejectGroup& b) {
        if (a.file != b.file) return a.file < b.file;
        return a.rows > b.rows;
    });
    return out;
}

Progress read_progress(const std::string& path)
{
    Progress p;
    const std::string ext =
        ascii_lower(path.substr(path.find_last_of('.') == std::string::npos ? path.size() : path.find_last_of('.')));
    if (ext == ".json") {
        const CPLJSONObject root = load_json(path, "the JSON of coverage progress");
        if (const auto t = optional_real(root, "target")) p.target = static_cast<int>(*t);
        p.as_of = root.GetString("as_of");
        for (const CPLJSONObject& a : member(root, "areas", path).ToArray()) {
            ProgressArea area;
            area.area_id = a.GetString("area_id");
            if (const auto t = optional_real(a, "trend_reaches_full")) area.trend_reaches_full = static_cast<int>(*t);
            for (const CPLJSONObject& y : member(a, "years", path).ToArray()) {
                ProgressYear py;
                py.year = static_cast<int>(integer(y, "year", path));
                py.addresses = integer(y, "addresses", path);
                py.units = integer(y, "units", path);
                py.gigabit_units = integer(y, "gigabit_units", path);
                py.gap_units = integer(y, "gap_units", path);
                py.share_addresses = optional_real(y, "share_addresses");
                py.share_units = optional_real(y, "share_units");
                py.observed_share_units = optional_real(y, "observed_share_units");
                py.trend_share_units = optional_real(y, "trend_share_units");
                py.on_track = y.GetBool("on_track", false);
                area.years.push_back(py);
            }
            p.areas.push_back(std::move(area));
        }
    } else {
        const CsvRows csv = read_csv(path);
        const int area = csv.column("area_id"), year = csv.column("year"), share = csv.column("share_units");
        if (area < 0 || year < 0 || share < 0)
            throw InputError(fmt::format(
                "{}: not a progress file of coverage progress (needs area_id, year, share_units, ...)", path));
        auto col = [&](const char* name) { return csv.column(name); };
        const int addresses = col("addresses"), units = col("units"), gigabit_units = col("gigabit_units"),
                  gap_units = col("gap_units"), share_addresses = col("share_addresses"),
                  observed = col("observed_share_units"), trend = col("trend_share_units"), on_track = col("on_track");
        for (std::size_t r = 0; r < csv.rows.size(); ++r) {
            const auto& row = csv.rows[r];
            auto text = [&](int c) { return c < 0 ? std::string() : row[static_cast<std::size_t>(c)]; };
            auto value = [&](int c, const char* name) { return csv_number(text(c), path, r, name); };
            auto whole = [&](int c, const char* name) { return static_cast<std::int64_t>(value(c, name).value_or(0)); };
            if (p.areas.empty() || p.areas.back().area_id != text(area))
                p.areas.push_back({text(area), std::nullopt, {}});
            ProgressYear py;
            const auto y = value(year, "year");
            if (!y) throw InputError(fmt::format("{}:line {}: empty year", path, r + 2));
            py.year = static_cast<int>(*y);
            py.addresses = whole(addresses, "addresses");
            py.units = whole(units, "units");
            py.gigabit_units = whole(gigabit_units, "gigabit_units");
            py.gap_units = whole(gap_units, "gap_units");
            py.share_addresses = value(share_addresses, "share_addresses");
            py.share_units = value(share, "share_units");
            py.observed_share_units = value(observed, "observed_share_units");
            py.trend_share_units = value(trend, "trend_share_units");
            py.on_track = ascii_fold(text(on_track)) == "true";
            p.areas.back().years.push_back(py);
        }
        for (const auto& a : p.areas)
            for (const auto& y : a.years) p.target = std::max(p.target.value_or(y.year), y.year);
    }
    for (auto& a : p.areas)
        std::stable_sort(a.years.begin(), a.years.end(),
                         [](const ProgressYear& l, const ProgressYear& r) { return l.year < r.year; });
    return p;
}

PlanSummary read_plan_summary(const std::string& path)
{
    const CPLJSONObject root = load_json(path, "the JSON of coverage plan --summary");
    PlanSummary s;
    s.currency = root.GetString("currency", "EUR");
    s.cost_model = root.GetString("cost_model");
    s.mode = root.GetString("mode");
    const CPLJSONObject selected = member(root, "selected", path), connected = member(root, "connected", path),
                        unreachable = member(root, "unreachable", path), length = member(root, "length_m", path),
                        cost = member(root, "cost", path);
    s.selected_addresses = integer(selected, "addresses", path);
    s.selected_units = integer(selected, "units", path);
    s.connected_addresses = integer(connected, "addresses", path);
    s.connected_units = integer(connected, "units", path);
    s.unreachable_addresses = integer(unreachable, "addresses", path);
    s.unreachable_units = integer(unreachable, "units", path);
    if (const CPLJSONObject by = unreachable.GetObj("by_reason"); by.IsValid())
        for (const CPLJSONObject& r : by.GetChildren()) s.unreachable_by_reason.emplace_back(r.GetName(), r.ToLong());
    s.trench_m = real(length, "trench", path);
    s.duct_m = real(length, "duct", path);
    s.drop_m = real(length, "drop", path);
    s.fibre_m = real(length, "fibre", path);
    s.cost_total = real(cost, "total", path);
    s.cost_per_address = real(cost, "per_address", path);
    s.cost_per_unit = real(cost, "per_unit", path);
    s.cost_p50 = real(cost, "p50", path);
    s.cost_p90 = real(cost, "p90", path);
    for (const CPLJSONObject& c : member(root, "cost_curve", path).ToArray())
        s.cost_curve.push_back(
            {real(c, "share", path), integer(c, "addresses", path), integer(c, "units", path), real(c, "cost", path)});
    return s;
}

std::vector<std::string> read_plan_network(const std::string& path)
{
    GDALDatasetUniquePtr ds = gdal::open_vector(path);
    if (ds->GetLayerCount() < 1) throw InputError(fmt::format("{}: holds no vector layer", path));
    OGRLayer* layer = ds->GetLayer(0);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (srs) {
        OGRSpatialReference source(*srs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        ct.reset(OGRCreateCoordinateTransformation(&source, &gdal::wgs84()));
        if (!ct) throw InputError(fmt::format("{}: cannot transform to WGS84: {}", path, gdal::last_error()));
    }
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int kind = defn->GetFieldIndex("kind"), length = defn->GetFieldIndex("length_m"),
              cost = defn->GetFieldIndex("cost"), addresses = defn->GetFieldIndex("addresses");
    if (kind < 0)
        throw InputError(fmt::format("{}: no field 'kind' (trench|duct|drop): not a network of coverage plan", path));
    std::vector<std::string> out;
    const char* json_options[] = {"COORDINATE_PRECISION=6", nullptr};
    std::uint64_t n = 0;
    for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        ++n;
        OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) continue;
        g->flattenTo2D();
        if (ct && g->transform(ct.get()) != OGRERR_NONE)
            throw InputError(fmt::format("{}:feature {}: cannot transform to WGS84", path, n));
        char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(g), const_cast<char**>(json_options));
        const std::string geometry = json ? json : "null";
        CPLFree(json);
        auto number = [&](int i) { return i < 0 || !f->IsFieldSetAndNotNull(i) ? 0.0 : f->GetFieldAsDouble(i); };
        out.push_back(fmt::format(
            R"({{"type":"Feature","properties":{{"kind":{},"length_m":{:.1f},"cost":{:.0f},"addresses":{:.0f}}},"geometry":{}}})",
            json_quote(f->GetFieldAsString(kind)), number(length), number(cost), number(addresses), geometry));
    }
    return out;
}

} // namespace coverage::report
