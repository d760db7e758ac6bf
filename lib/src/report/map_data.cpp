#include "report/map_data.hpp"

#include "base/json_text.hpp"
#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <ogr_geometry.h>

namespace coverage::report {

const std::vector<ShareBin>& share_bins()
{
    static const std::vector<ShareBin> bins{
        {0, 10, "#F2F0F7"}, {10, 25, "#CBC9E2"}, {25, 50, "#9E9AC8"}, {50, 80, "#756BB1"}, {80, 100, "#54278F"}};
    return bins;
}

int share_bin(double percent)
{
    if (std::isnan(percent)) return -1;
    int bin = 0;
    for (std::size_t k = 0; k < share_bins().size(); ++k)
        if (percent >= share_bins()[k].from) bin = static_cast<int>(k);
    return bin;
}

std::string points_json(const ResultTable& r, const std::vector<std::string>& classes,
                        std::vector<std::string>& strings, std::uint64_t& count)
{
    absl::flat_hash_map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < strings.size(); ++k) index.emplace(strings[k], k);
    auto intern = [&](std::string s) {
        auto [it, fresh] = index.try_emplace(s, strings.size());
        if (fresh) strings.push_back(std::move(s));
        return it->second;
    };
    absl::flat_hash_map<std::string, std::size_t> class_index;
    for (std::size_t k = 0; k < classes.size(); ++k) class_index.emplace(classes[k], k);
    auto extra = [&](std::string_view name) -> const TextColumn* {
        const int k = r.extra_column(name);
        return k < 0 ? nullptr : &r.extra[static_cast<std::size_t>(k)];
    };
    const auto* tech = extra("best_technology");
    const auto* down = extra("best_down_mbps");
    const auto* up = extra("best_up_mbps");
    // Sorted by id, so shards given in any order make the same page.
    std::vector<std::size_t> order;
    order.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i)
        if (!std::isnan(r.lon[i]) && !std::isnan(r.lat[i])) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.id[a] < r.id[b]; });
    std::string s = "[";
    count = 0;
    for (const std::size_t i : order) {
        std::string offer;
        if (tech && !(*tech)[i].empty()) offer = (*tech)[i];
        if (down && !(*down)[i].empty())
            offer += fmt::format("{}{}/{} Mbit/s", offer.empty() ? "" : " ", (*down)[i],
                                 up ? (*up)[i] : std::string_view("?"));
        const auto c = class_index.find(std::string(r.class_name[i]));
        // Interned one after the other: the order of a call's arguments is unspecified (GCC and
        // clang differ), and the string table's order is part of the page's bytes.
        const std::size_t offer_k = intern(offer);
        const std::size_t reason_k = intern(std::string(r.reason[i]));
        const std::size_t providers_k = intern(std::string(r.providers[i]));
        s += fmt::format("{}[{:.6f},{:.6f},{},{},{},{},{}]", count ? "," : "", r.lon[i], r.lat[i],
                         c == class_index.end() ? -1 : static_cast<long>(c->second), json_quote(r.id[i]), offer_k,
                         reason_k, providers_k);
        ++count;
    }
    return s + "]";
}

struct ToWgs84::Impl {
    OGRSpatialReference source;
    std::unique_ptr<OGRCoordinateTransformation> ct;
};

ToWgs84::ToWgs84(const std::string& crs) : impl_(std::make_unique<Impl>())
{
    impl_->source = gdal::make_srs(crs);
    impl_->source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    impl_->ct.reset(OGRCreateCoordinateTransformation(&impl_->source, &gdal::wgs84()));
    if (!impl_->ct) throw InputError(fmt::format("cannot transform the areas to WGS84: {}", gdal::last_error()));
}

ToWgs84::~ToWgs84() = default;

std::string ToWgs84::json(const std::string& wkb) const
{
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(reinterpret_cast<const unsigned char*>(wkb.data()), nullptr, &raw,
                                          wkb.size()) != OGRERR_NONE ||
        !raw)
        throw InputError("an area geometry cannot be read back (WKB)");
    std::unique_ptr<OGRGeometry> g(raw);
    if (g->transform(impl_->ct.get()) != OGRERR_NONE)
        throw InputError(fmt::format("an area geometry cannot be transformed to WGS84: {}", gdal::last_error()));
    const char* options[] = {"COORDINATE_PRECISION=6", nullptr};
    char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(g.get()), const_cast<char**>(options));
    std::string out = json ? json : "null";
    CPLFree(json);
    return out;
}

std::string cells_json(const AreaTable& t)
{
    const ToWgs84 to_wgs84(t.crs);
    std::string s = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        Eigen::Index best = 0;
        std::string counts;
        for (Eigen::Index c = 0; c < t.class_addresses.cols(); ++c) {
            if (t.class_addresses(row, c) > t.class_addresses(row, best)) best = c;
            counts += fmt::format("{}{}", c ? "," : "", t.class_addresses(row, c));
        }
        s += fmt::format(R"({}{{"type":"Feature","properties":{{"id":{},"n":{},"c":{},"counts":[{}]}},"geometry":{}}})",
                         i ? "," : "", json_quote(t.area_id[i]), t.addresses(row), best, counts,
                         to_wgs84.json(t.geometry_wkb[i]));
    }
    return s + "]}";
}

std::string areas_json(const AreaTable& t)
{
    const ToWgs84 to_wgs84(t.crs);
    std::string s = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        const std::int64_t n = t.addresses(row);
        // The bin follows the share as shown (1 decimal), so the legend agrees with the popup.
        const double share =
            n ? std::round(1000.0 * static_cast<double>(t.eligible_addresses(row)) / static_cast<double>(n)) / 10
              : std::numeric_limits<double>::quiet_NaN();
        s += fmt::format(
            R"({}{{"type":"Feature","properties":{{"id":{},"addresses":{},"eligible":{},"share":{},"bin":{}}},"geometry":{}}})",
            i ? "," : "", json_quote(t.area_id[i]), n, t.eligible_addresses(row),
            n ? fmt::format("{:.1f}", share) : std::string("null"), share_bin(share), to_wgs84.json(t.geometry_wkb[i]));
    }
    return s + "]}";
}

} // namespace coverage::report
