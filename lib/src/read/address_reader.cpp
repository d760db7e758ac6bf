#include "base/checksum.hpp"
#include "base/csv_text.hpp"
#include "base/text.hpp"
#include "read/address_table.hpp"
#include "read/column_names.hpp"
#include "read/shard.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal/dataset.hpp"
#include "read/parallel_blocks.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <thread>

namespace coverage {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct CoordColumns {
    int x = -1;
    int y = -1;
    bool geographic_names = false; // lon/lat-style names: WGS84 unless --crs says otherwise
};

CoordColumns find_coordinate_columns(const TableReader& in, const AddressFields& f)
{
    CoordColumns c;
    if (!f.x.empty() || !f.y.empty()) {
        if (f.x.empty() || f.y.empty())
            throw UsageError("give both --x-field and --y-field, or neither (to detect them)");
        c.x = in.column(f.x);
        c.y = in.column(f.y);
        if (c.x < 0 || c.y < 0)
            throw InputError(fmt::format("{}: no column '{}' (--{}-field); columns are: {}", in.path(),
                                         c.x < 0 ? f.x : f.y, c.x < 0 ? "x" : "y", fmt::join(in.columns(), ", ")));
        return c;
    }
    // clang-format off
    static const std::pair<std::string_view, std::string_view> pairs[] = {
        {"x", "y"}, {"lon", "lat"}, {"longitude", "latitude"}, {"lng", "lat"}, {"long", "lat"},
        {"rechtswert", "hochwert"}, {"easting", "northing"}, {"east", "north"}, {"x_coord", "y_coord"}};
    // clang-format on
    for (const auto& [xn, yn] : pairs) {
        const int xi = in.column(xn), yi = in.column(yn);
        if (xi >= 0 && yi >= 0) {
            c.x = xi;
            c.y = yi;
            c.geographic_names = xn == "lon" || xn == "longitude" || xn == "lng" || xn == "long";
            return c;
        }
    }
    return c;
}

// One address row after the row rules: usable (ok) or a reject with its reason.
struct ParsedAddress {
    std::uint64_t line = 0;
    bool ok = false;
    std::string field, value, reason; // a reject
    std::string_view id, category, street, postcode;
    std::string housenumber;    // with its suffix, if any
    std::string category_lower; // when the category needed lower-casing
    double x = 0, y = 0, lon = 0, lat = 0;
    std::uint32_t units = 1;
    std::size_t keep_at = 0; // first of the row's kept fields in the block's list
    std::uint64_t hash = 0;  // IdIndex::hash(id), computed with the parsing
};

struct Projector {
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
    bool geographic = false;
    double west = -180, south = -90, east = 180, north = 90; // area of use, degrees
};

Projector make_projector(const OGRSpatialReference& srs)
{
    Projector p;
    p.geographic = srs.IsGeographic() != 0;
    p.to_wgs84.reset(OGRCreateCoordinateTransformation(&srs, &gdal::wgs84()));
    if (!p.to_wgs84)
        throw InputError(
            fmt::format("cannot transform the addresses' coordinate system to WGS84 ({})", gdal::last_error()));
    double w = 0, s = 0, e = 0, n = 0;
    const char* name = nullptr;
    if (srs.GetAreaOfUse(&w, &s, &e, &n, &name) && w > -1000) {
        // A projected CRS is routinely used a few degrees beyond its nominal zone (all of
        // Germany in UTM 32N); only points far outside are a sign of a wrong code.
        const double margin = p.geographic ? 0 : 5;
        p.west = w - margin, p.south = s - margin, p.east = e + margin, p.north = n + margin;
        if (w > e) p.west = -180, p.east = 180; // crosses the antimeridian
    }
    return p;
}

} // namespace

AddressTable read_addresses(const std::string& path, const AddressReadOptions& options, RejectLog& rejects,
                            InputAccount& account)
{
    const AddressFields& f = options.fields;
    auto in = TableReader::open(path, options.read);
    account.role = "addresses";
    account.file = in->path();
    ChecksumTask checksum(path, options.read.threads, account.sha256);

    const int id_col = in->column(f.id);
    if (id_col < 0)
        throw InputError(fmt::format("{}: no id column '{}'; name it with --id-field (columns are: {}){}", in->path(),
                                     f.id, fmt::join(in->columns(), ", "), header_hint(*in)));
    ShardFilter shard(in, id_col, options.shard, account);
    const int units_col = in->column(f.units);
    const int cat_col = in->column(f.category);
    const int street_col = find_column(*in, ColumnRole::street, f.street, false);
    const int hn_col = find_column(*in, ColumnRole::housenumber, f.housenumber, false);
    const int suffix_col = find_column(*in, ColumnRole::housenumber_suffix, f.housenumber_suffix, false);
    const int pc_col = find_column(*in, ColumnRole::postcode, f.postcode, false);
    std::vector<int> keep_cols;
    for (const auto& k : f.keep) {
        const int c = in->column(k);
        if (c < 0)
            throw InputError(fmt::format("{}: no column '{}' to keep (--keep); columns are: {}", in->path(), k,
                                         fmt::join(in->columns(), ", ")));
        keep_cols.push_back(c);
    }

    // Where the coordinates come from. A spatial source's geometry wins over attribute columns
    // that happen to be called x/y (Essen's official GeoJSON: CRS84 points, and x/y attributes
    // in zone-prefixed UTM); naming the columns (--x-field/--y-field) or --coordinates chooses.
    const bool named_columns = !f.x.empty() || !f.y.empty();
    if (options.coordinates == CoordinateSource::geometry && named_columns)
        throw UsageError("--coordinates geometry and --x-field/--y-field contradict each other; give one");
    if (options.coordinates == CoordinateSource::geometry && !in->has_geometry())
        throw InputError(fmt::format("{}: --coordinates geometry, but the source has no geometry column; use "
                                     "--coordinates columns (x/y, lon/lat ... or --x-field/--y-field)",
                                     in->path()));
    const bool geometry_source =
        options.coordinates == CoordinateSource::geometry ||
        (options.coordinates == CoordinateSource::automatic && !named_columns && in->has_geometry());
    const CoordColumns cc = geometry_source ? CoordColumns{} : find_coordinate_columns(*in, f);
    AddressTable t;
    t.has_geometry = geometry_source || cc.x >= 0;
    t.keep_names = f.keep;
    t.keep.resize(f.keep.size());
    if (!t.has_geometry)
        throw InputError(fmt::format("{}: no coordinates: {}no x/y, lon/lat, rechtswert/hochwert or "
                                     "easting/northing columns; name them with --x-field/--y-field",
                                     in->path(), in->has_geometry() ? "" : "no geometry and "));

    OGRSpatialReference srs;
    const OGRSpatialReference* own = geometry_source ? in->spatial_reference() : nullptr;
    if (own && !options.crs.empty()) {
        // --crs is for x/y columns and for geometries without a CRS; overriding a geometry's own
        // CRS would move every point (the old hint led users to exactly this).
        OGRSpatialReference given = gdal::make_srs(options.crs);
        OGRSpatialReference mine = *own;
        mine.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!given.IsSame(&mine))
            throw UsageError(fmt::format("{}: --crs {} contradicts the geometry's own coordinate system ({}); drop "
                                         "--crs (it is for x/y columns and geometries without one), or read x/y "
                                         "columns with --coordinates columns",
                                         in->path(), options.crs, gdal::srs_label(mine)));
    }
    if (own) {
        srs = *own;
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (!options.crs.empty()) srs = gdal::make_srs(options.crs);
    else if (cc.geographic_names) srs = gdal::wgs84();
    else if (geometry_source)
        throw InputError(fmt::format("{}: the geometry carries no coordinate system; pass --crs with its EPSG code "
                                     "(e.g. --crs EPSG:25832)",
                                     in->path()));
    else
        throw InputError(fmt::format(
            "{}: the x/y columns {}/{} carry no coordinate system; pass --crs with their "
            "EPSG code (e.g. --crs EPSG:25832; zone-prefixed eastings such as 32362105 "
            "are EPSG:4647){}",
            in->path(), in->columns()[static_cast<std::size_t>(cc.x)], in->columns()[static_cast<std::size_t>(cc.y)],
            in->has_geometry() ? ", or use the file's geometry with --coordinates geometry" : ""));
    t.source_crs = gdal::srs_label(srs);
    t.source_crs_wkt = gdal::srs_wkt(srs);
    Projector proj = make_projector(srs);

    const std::string xy_field = geometry_source ? std::string("geometry")
                                                 : fmt::format("{}/{}", in->columns()[static_cast<std::size_t>(cc.x)],
                                                               in->columns()[static_cast<std::size_t>(cc.y)]);
    const bool csv = in->is_csv();
    const std::string& where = in->path();

    // Row rules in two stages: parse_row (numbers, coordinate checks and the transform: the
    // costly part, on worker threads for a splittable CSV) and commit (duplicate ids,
    // appending: in input order on this thread). Same rules, same rejects, any thread count.
    auto parse_row = [&](const TableReader& r, Projector& pj, ParsedAddress& a, std::vector<std::string_view>& keep) {
        a = ParsedAddress{};
        a.line = r.row_number();
        a.id = trim(r.field(id_col));
        auto no = [&](std::string field, std::string_view value, std::string reason) {
            a.field = std::move(field);
            a.value = clip_value(value);
            a.reason = std::move(reason);
            return false;
        };
        if (auto problem = row_shape_problem(r)) return no("", "", *problem);
        if (a.id.empty()) return no(f.id, a.id, "empty address id");
        double x = nan, y = nan;
        if (geometry_source) {
            if (auto gp = r.geometry_problem()) return no("geometry", "", *gp);
            auto pt = r.point();
            if (!pt) return no("geometry", "", "no geometry (null or empty point)");
            x = pt->x, y = pt->y;
        } else {
            const ParsedNumber px = parse_number(r.field(cc.x), NumberKind::coordinate);
            const ParsedNumber py = parse_number(r.field(cc.y), NumberKind::coordinate);
            if (!px.error.empty() || !px.value)
                return no(r.columns()[static_cast<std::size_t>(cc.x)], r.field(cc.x),
                          px.error.empty() ? "empty coordinate" : px.error);
            if (!py.error.empty() || !py.value)
                return no(r.columns()[static_cast<std::size_t>(cc.y)], r.field(cc.y),
                          py.error.empty() ? "empty coordinate" : py.error);
            x = *px.value, y = *py.value;
        }
        double lon = x, lat = y;
        if (pj.geographic && std::fabs(x) <= 90 && std::fabs(y) > 90 && std::fabs(y) <= 180)
            return no(xy_field, fmt::format("{} {}", x, y),
                      fmt::format("latitude {} is not within -90..90 while longitude {} is; are longitude and "
                                  "latitude swapped?",
                                  y, x));
        if (pj.geographic && (std::fabs(x) > 180 || std::fabs(y) > 90))
            return no(
                xy_field, fmt::format("{} {}", x, y),
                fmt::format("not a longitude/latitude in {}; projected coordinates need --crs with their EPSG code",
                            t.source_crs));
        if (!pj.to_wgs84->Transform(1, &lon, &lat) || !std::isfinite(lon) || !std::isfinite(lat) || lon < pj.west ||
            lon > pj.east || lat < pj.south || lat > pj.north)
            return no(xy_field, fmt::format("{} {}", x, y),
                      fmt::format("outside the area of {}; wrong --crs, or x and y swapped?{}", t.source_crs,
                                  // 32362105: UTM zone 32 with the zone before the easting.
                                  !pj.geographic && x >= 1e7 && x < 1e8
                                      ? fmt::format(" (an easting of {:.0f} is zone-prefixed: zone {:.0f}; for "
                                                    "ETRS89 that is EPSG:4647 for zone 32, EPSG:5650 for zone 33)",
                                                    x, std::floor(x / 1e6))
                                      : std::string()));
        if (units_col >= 0) {
            const ParsedNumber pu = parse_number(r.field(units_col), NumberKind::quantity);
            if (!pu.error.empty() || (pu.value && (*pu.value != std::floor(*pu.value) || *pu.value > 1e6)))
                return no(f.units, r.field(units_col),
                          pu.error.empty() ? "units must be a whole number from 0 to 1000000" : pu.error);
            if (pu.value) a.units = static_cast<std::uint32_t>(*pu.value);
        }
        a.x = x, a.y = y, a.lon = lon, a.lat = lat;
        a.category = trim(r.field(cat_col));
        if (std::any_of(a.category.begin(), a.category.end(), [](char c) { return ascii_upper(c); })) {
            a.category_lower = ascii_lower(a.category);
            a.category = {};
        }
        a.street = trim(r.field(street_col));
        a.housenumber.assign(trim(r.field(hn_col)));
        if (const std::string_view suffix = trim(r.field(suffix_col)); !suffix.empty()) {
            a.housenumber += ' ';
            a.housenumber += suffix;
        }
        a.postcode = trim(r.field(pc_col));
        a.hash = IdIndex::hash(a.id);
        a.keep_at = keep.size();
        for (const int k : keep_cols) keep.push_back(r.field(k));
        a.ok = true;
        return true;
    };
    auto commit = [&](const ParsedAddress& a, const std::vector<std::string_view>& keep) {
        auto reject = [&](std::string field, std::string_view value, std::string reason) {
            rejects.add({where, a.line, std::move(field), clip_value(value), std::move(reason)});
            ++account.rejected;
            t.note_rejected(a.id, a.line);
        };
        ++account.read;
        if (!a.ok) {
            reject(a.field, a.value, a.reason);
            return;
        }
        const auto row = static_cast<std::uint32_t>(t.id.size());
        if (!t.add_index(a.id, a.hash, row)) {
            reject(f.id, a.id,
                   fmt::format("duplicate address id (first at {} {}); ids must be unique", csv ? "line" : "feature",
                               t.source_row[*t.find(a.id)]));
            return;
        }
        ++account.used;
        t.id.push_back(a.id);
        t.x.push_back(a.x);
        t.y.push_back(a.y);
        t.lon.push_back(a.lon);
        t.lat.push_back(a.lat);
        t.units.push_back(a.units);
        t.source_row.push_back(a.line);
        t.category.push_back(a.category_lower.empty() ? a.category : std::string_view(a.category_lower));
        t.street.push_back(a.street);
        t.housenumber.push_back(a.housenumber);
        t.postcode.push_back(a.postcode);
        for (std::size_t k = 0; k < keep_cols.size(); ++k) t.keep[k].push_back(keep[a.keep_at + k]);
    };

    if (const std::size_t rows = in->estimated_rows()) t.reserve(rows);
    const int threads = in->splittable() ? std::max(1, options.read.threads) : 1;
    if (threads > 1) {
        // Each worker its own transformation (PROJ objects are not shared between threads),
        // made from its own copy of the CRS.
        std::vector<OGRSpatialReference> srs_copies(static_cast<std::size_t>(threads), srs);
        std::vector<std::unique_ptr<Projector>> projectors(static_cast<std::size_t>(threads));
        struct Block {
            std::vector<ParsedAddress> rows;
            std::vector<std::string_view> keep;
        };
        parallel_blocks<Block>(
            *in, threads, std::size_t{1} << 20,
            [&](TableReader& r, Block& b, int worker) {
                auto& pj = projectors[static_cast<std::size_t>(worker)];
                if (!pj) pj = std::make_unique<Projector>(make_projector(srs_copies[static_cast<std::size_t>(worker)]));
                while (r.next()) parse_row(r, *pj, b.rows.emplace_back(), b.keep);
            },
            [&](Block& b) {
                constexpr std::size_t ahead = 8;
                for (std::size_t k = 0; k < b.rows.size(); ++k) {
                    if (k + ahead < b.rows.size() && b.rows[k + ahead].ok) t.prefetch_index(b.rows[k + ahead].hash);
                    commit(b.rows[k], b.keep);
                }
            });
    } else {
        ParsedAddress a;
        std::vector<std::string_view> keep;
        while (in->next()) {
            keep.clear();
            parse_row(*in, proj, a, keep);
            commit(a, keep);
        }
    }
    shard.settle();
    // An offers file may legitimately be empty (an operator with nothing to report); an
    // address layer without addresses is almost always the wrong file or a failed export.
    if (account.read == 0)
        throw InputError(fmt::format("{}: no data rows, only the header; an address layer needs at least one "
                                     "address (wrong file, or a failed export?)",
                                     in->path()));
    checksum.wait();
    return t;
}

} // namespace coverage
