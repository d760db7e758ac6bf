#include "coverage/address_table.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"
#include "gdal_util.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>

namespace coverage {

std::uint32_t AddressTable::add_id_only(std::string_view key)
{
    const auto row = static_cast<std::uint32_t>(id.size());
    id.emplace_back(key);
    units.push_back(1);
    source_row.push_back(0);
    category.emplace_back();
    street.emplace_back();
    housenumber.emplace_back();
    postcode.emplace_back();
    index_.try_emplace(std::string(key), row);
    return row;
}

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct CoordColumns {
    int x = -1;
    int y = -1;
    bool geographic_names = false;  // lon/lat-style names: WGS84 unless --crs says otherwise
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
    static const std::pair<std::string_view, std::string_view> pairs[] = {
        {"x", "y"}, {"lon", "lat"}, {"longitude", "latitude"}, {"lng", "lat"}, {"long", "lat"},
        {"rechtswert", "hochwert"}, {"easting", "northing"}, {"east", "north"}, {"x_coord", "y_coord"}};
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

struct Projector {
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
    bool geographic = false;
    double west = -180, south = -90, east = 180, north = 90;  // area of use, degrees
};

Projector make_projector(const OGRSpatialReference& srs)
{
    Projector p;
    p.geographic = srs.IsGeographic() != 0;
    p.to_wgs84.reset(OGRCreateCoordinateTransformation(&srs, &gdal::wgs84()));
    if (!p.to_wgs84) throw InputError("cannot transform the addresses' coordinate system to WGS84");
    double w = 0, s = 0, e = 0, n = 0;
    const char* name = nullptr;
    if (srs.GetAreaOfUse(&w, &s, &e, &n, &name) && w > -1000) {
        // A projected CRS is routinely used a few degrees beyond its nominal zone (all of
        // Germany in UTM 32N); only points far outside are a sign of a wrong code.
        const double margin = p.geographic ? 0 : 5;
        p.west = w - margin, p.south = s - margin, p.east = e + margin, p.north = n + margin;
        if (w > e) p.west = -180, p.east = 180;  // crosses the antimeridian
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
    account.sha256 = file_sha256(path);

    const int id_col = in->column(f.id);
    if (id_col < 0)
        throw InputError(fmt::format("{}: no id column '{}'; name it with --id-field (columns are: {}){}", in->path(),
                                     f.id, fmt::join(in->columns(), ", "), header_hint(*in)));
    const int units_col = in->column(f.units);
    const int cat_col = in->column(f.category);
    auto optional_column = [&](const std::string& given, const char* option,
                               std::initializer_list<std::string_view> detect) {
        if (given.empty()) return in->first_column(detect);
        const int c = in->column(given);
        if (c < 0)
            throw InputError(fmt::format("{}: no column '{}' ({}); columns are: {}", in->path(), given, option,
                                         fmt::join(in->columns(), ", ")));
        return c;
    };
    const int street_col = optional_column(f.street, "--street-field", {"street", "strasse", "straße", "strname"});
    const int hn_col =
        optional_column(f.housenumber, "--housenumber-field", {"housenumber", "hausnummer", "hnr", "hsnr"});
    const int suffix_col = optional_column(f.housenumber_suffix, "--housenumber-suffix-field",
                                           {"housenumber_suffix", "hausnummerzusatz", "hsnrzu", "hnrzusatz"});
    const int pc_col = optional_column(f.postcode, "--postcode-field", {"postcode", "plz", "postleitzahl", "zip"});
    std::vector<int> keep_cols;
    for (const auto& k : f.keep) {
        const int c = in->column(k);
        if (c < 0)
            throw InputError(fmt::format("{}: no column '{}' to keep (--keep); columns are: {}", in->path(), k,
                                         fmt::join(in->columns(), ", ")));
        keep_cols.push_back(c);
    }

    const CoordColumns cc = find_coordinate_columns(*in, f);
    const bool geometry_source = in->has_geometry() && cc.x < 0;
    AddressTable t;
    t.has_geometry = geometry_source || cc.x >= 0;
    t.keep_names = f.keep;
    t.keep.resize(f.keep.size());
    if (!t.has_geometry)
        throw InputError(fmt::format("{}: no coordinates: no geometry and no x/y, lon/lat, rechtswert/hochwert or "
                                     "easting/northing columns; name them with --x-field/--y-field",
                                     in->path()));

    OGRSpatialReference srs;
    if (!options.crs.empty()) srs = gdal::make_srs(options.crs);
    else if (geometry_source && in->spatial_reference()) {
        srs = *in->spatial_reference();
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (cc.geographic_names)
        srs = gdal::wgs84();
    else
        throw InputError(fmt::format("{}: the coordinates carry no coordinate system; pass --crs with the EPSG "
                                     "code (e.g. --crs EPSG:25832)",
                                     in->path()));
    t.source_crs = gdal::srs_label(srs);
    t.source_crs_wkt = gdal::srs_wkt(srs);
    Projector proj = make_projector(srs);

    auto reject = [&](std::string field, std::string_view value, std::string reason) {
        rejects.add({in->path(), in->row_number(), std::move(field), clip_value(value), std::move(reason)});
        ++account.rejected;
        t.note_rejected(trim(in->field(id_col)), in->row_number());
    };

    const std::string xy_field =
        geometry_source ? std::string("geometry")
                        : fmt::format("{}/{}", in->columns()[static_cast<std::size_t>(cc.x)],
                                      in->columns()[static_cast<std::size_t>(cc.y)]);
    while (in->next()) {
        ++account.read;
        if (auto problem = row_shape_problem(*in)) {
            reject("", "", *problem);
            continue;
        }
        const std::string_view id = trim(in->field(id_col));
        if (id.empty()) {
            reject(f.id, id, "empty address id");
            continue;
        }
        double x = nan, y = nan;
        if (geometry_source) {
            if (auto gp = in->geometry_problem()) {
                reject("geometry", "", *gp);
                continue;
            }
            auto pt = in->point();
            if (!pt) {
                reject("geometry", "", "no geometry (null or empty point)");
                continue;
            }
            x = pt->x, y = pt->y;
        } else {
            const ParsedNumber px = parse_number(in->field(cc.x), NumberKind::coordinate);
            const ParsedNumber py = parse_number(in->field(cc.y), NumberKind::coordinate);
            if (!px.error.empty() || !px.value) {
                reject(in->columns()[static_cast<std::size_t>(cc.x)], in->field(cc.x),
                       px.error.empty() ? "empty coordinate" : px.error);
                continue;
            }
            if (!py.error.empty() || !py.value) {
                reject(in->columns()[static_cast<std::size_t>(cc.y)], in->field(cc.y),
                       py.error.empty() ? "empty coordinate" : py.error);
                continue;
            }
            x = *px.value, y = *py.value;
        }
        double lon = x, lat = y;
        if (proj.geographic && std::fabs(x) <= 90 && std::fabs(y) > 90 && std::fabs(y) <= 180) {
            reject(xy_field, fmt::format("{} {}", x, y),
                   fmt::format("latitude {} is not within -90..90 while longitude {} is; are longitude and "
                               "latitude swapped?",
                               y, x));
            continue;
        }
        if (proj.geographic && (std::fabs(x) > 180 || std::fabs(y) > 90)) {
            reject(xy_field, fmt::format("{} {}", x, y),
                   fmt::format("not a longitude/latitude in {}; projected coordinates need --crs with their EPSG code",
                               t.source_crs));
            continue;
        }
        if (!proj.to_wgs84->Transform(1, &lon, &lat) || !std::isfinite(lon) || !std::isfinite(lat) ||
            lon < proj.west || lon > proj.east || lat < proj.south || lat > proj.north) {
            reject(xy_field, fmt::format("{} {}", x, y),
                   fmt::format("outside the area of {}; wrong --crs, or x and y swapped?", t.source_crs));
            continue;
        }
        std::uint32_t units = 1;
        if (units_col >= 0) {
            const ParsedNumber pu = parse_number(in->field(units_col), NumberKind::quantity);
            if (!pu.error.empty() || (pu.value && (*pu.value != std::floor(*pu.value) || *pu.value > 1e6))) {
                reject(f.units, in->field(units_col),
                       pu.error.empty() ? "units must be a whole number from 0 to 1000000" : pu.error);
                continue;
            }
            if (pu.value) units = static_cast<std::uint32_t>(*pu.value);
        }
        const auto row = static_cast<std::uint32_t>(t.id.size());
        if (!t.add_index(id, row)) {
            reject(f.id, id, fmt::format("duplicate address id (first at {} {}); ids must be unique", in->is_csv() ? "line" : "feature",
                                         t.source_row[*t.find(id)]));
            continue;
        }
        ++account.used;
        t.id.emplace_back(id);
        t.x.push_back(x);
        t.y.push_back(y);
        t.lon.push_back(lon);
        t.lat.push_back(lat);
        t.units.push_back(units);
        t.source_row.push_back(in->row_number());
        std::string cat(trim(in->field(cat_col)));
        for (char& c : cat)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        t.category.push_back(std::move(cat));
        t.street.emplace_back(trim(in->field(street_col)));
        std::string hn(trim(in->field(hn_col)));
        if (const std::string_view suffix = trim(in->field(suffix_col)); !suffix.empty()) {
            hn += ' ';
            hn += suffix;
        }
        t.housenumber.push_back(std::move(hn));
        t.postcode.emplace_back(trim(in->field(pc_col)));
        for (std::size_t k = 0; k < keep_cols.size(); ++k) t.keep[k].emplace_back(in->field(keep_cols[k]));
    }
    // An offers file may legitimately be empty (an operator with nothing to report); an
    // address layer without addresses is almost always the wrong file or a failed export.
    if (account.read == 0)
        throw InputError(fmt::format("{}: no data rows, only the header; an address layer needs at least one "
                                     "address (wrong file, or a failed export?)",
                                     path));
    return t;
}

} // namespace coverage
