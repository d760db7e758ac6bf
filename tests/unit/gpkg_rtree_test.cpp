// The bulk-loaded GeoPackage spatial index (gdal/gpkg_rtree.hpp) against SQLite's own rtree
// module and GDAL's own index: the same stored boxes as SQLite rounds them, a tree SQLite's
// rtreecheck() accepts, the same schema as GDAL creates, and window queries that find exactly
// the features a full scan finds.
#include "gdal/dataset.hpp"
#include "gdal/gpkg_rtree.hpp"
#include "gdal/vector_writer.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <random>
#include <sqlite3.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace coverage;
using namespace coverage::gdal;

namespace {

using coverage::test::TempDir;

struct Sqlite {
    sqlite3* db = nullptr;
    explicit Sqlite(const std::string& file) { REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK); }
    ~Sqlite() { sqlite3_close(db); }
    // Every row of a query, fields joined by '|', rows by '\n'.
    std::string rows(const std::string& sql) const
    {
        sqlite3_stmt* s = nullptr;
        REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
        std::string out;
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int k = 0; k < sqlite3_column_count(s); ++k) {
                const auto* t = sqlite3_column_text(s, k);
                out += (k ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "");
            }
            out += '\n';
        }
        sqlite3_finalize(s);
        return out;
    }
};

struct Box {
    double minx, maxx, miny, maxy;
};

// Lines from (minx, miny) to (maxx, maxy), written through the project's writer (bulk index)
// and through plain GDAL (its own index, inserted feature by feature).
void write_lines(const std::vector<Box>& boxes, const std::string& ours, const std::string& gdals)
{
    const OGRSpatialReference srs = make_srs("EPSG:25832");
    VectorFileWriter w(ours, "network", srs, wkbLineString, false);
    for (const Box& b : boxes) {
        OGRFeatureUniquePtr f = w.new_feature();
        auto* l = new OGRLineString;
        l->addPoint(b.minx, b.miny);
        l->addPoint(b.maxx, b.maxy);
        f->SetGeometryDirectly(l);
        w.write(*f);
    }
    {
        OGRFeatureUniquePtr f = w.new_feature(); // no geometry: not indexed (GDAL's trigger skips it too)
        w.write(*f);
    }
    w.finish();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(driver->Create(gdals.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = ds->CreateLayer("network", const_cast<OGRSpatialReference*>(&srs), wkbLineString, nullptr);
    REQUIRE(layer->StartTransaction() == OGRERR_NONE);
    for (const Box& b : boxes) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        auto* l = new OGRLineString;
        l->addPoint(b.minx, b.miny);
        l->addPoint(b.maxx, b.maxy);
        f->SetGeometryDirectly(l);
        REQUIRE(layer->CreateFeature(f.get()) == OGRERR_NONE);
    }
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    REQUIRE(layer->CreateFeature(f.get()) == OGRERR_NONE);
    REQUIRE(layer->CommitTransaction() == OGRERR_NONE);
}

} // namespace

TEST_CASE("rtree boxes: rounded to float exactly as SQLite's rtree module rounds them")
{
    Sqlite mem(":memory:");
    REQUIRE(mem.rows("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)").empty());
    const std::vector<double> values{0.1, -0.1, 1e5, 123456.789, -5534321.123456789, 5534321.5, 1.0 / 3, 0, 16777217};
    std::int64_t id = 0;
    std::string expected;
    for (const double v : values) {
        ++id;
        char* sql = sqlite3_mprintf("INSERT INTO r VALUES (%lld, %!.17g, %!.17g, %!.17g, %!.17g)",
                                    static_cast<long long>(id), v, v, v, v);
        REQUIRE(mem.rows(sql).empty());
        sqlite3_free(sql);
        const RtreeBox b = rtree_box(id, v, v, v, v);
        CHECK(b.minx <= v);
        CHECK(b.maxx >= v);
        expected += fmt::format("{}|{}|{}|{}|{}\n", id, b.minx, b.maxx, b.miny, b.maxy);
    }
    // SQLite prints its stored floats with %!.15g; read them back as floats to compare.
    const std::string stored = mem.rows("SELECT id, minx, maxx, miny, maxy FROM r ORDER BY id");
    std::string got;
    std::size_t at = 0;
    while (at < stored.size()) {
        const std::size_t end = stored.find('\n', at);
        std::string row = stored.substr(at, end - at);
        at = end + 1;
        std::vector<std::string> f;
        std::size_t p = 0;
        for (std::size_t q; (q = row.find('|', p)) != std::string::npos; p = q + 1) f.push_back(row.substr(p, q - p));
        f.push_back(row.substr(p));
        got +=
            fmt::format("{}|{}|{}|{}|{}\n", f[0], std::stof(f[1]), std::stof(f[2]), std::stof(f[3]), std::stof(f[4]));
    }
    CHECK(got == expected);
}

TEST_CASE("rtree packing: every box in one leaf, parents cover their children, node 1 the root")
{
    std::vector<RtreeBox> boxes;
    for (int k = 0; k < 1000; ++k) boxes.push_back(rtree_box(k + 1, k % 37, k % 37 + 1, k / 37, k / 37 + 2));
    const PackedRtree t = pack_rtree(boxes, 4 + 24 * 51);
    // 1000 boxes in leaves of at most 51 (20 leaves at least), under one root: depth 1.
    CHECK(t.depth == 1);
    REQUIRE(t.rowid.size() == 1000);
    for (std::size_t k = 0; k < 1000; ++k) CHECK(t.rowid[k].first == static_cast<std::int64_t>(k + 1));
    CHECK(t.nodes.front().first == 1);
    CHECK(t.parent.size() == t.nodes.size() - 1);
    for (const auto& [node, parent] : t.parent) CHECK(parent == 1);
    // A small set: the root is the only node, a leaf at depth 0.
    const PackedRtree one = pack_rtree({boxes.begin(), boxes.begin() + 5}, 4 + 24 * 51);
    CHECK(one.depth == 0);
    CHECK(one.nodes.size() == 1);
    CHECK(one.parent.empty());
}

TEST_CASE("GeoPackage spatial index: SQLite accepts the tree, same rows and schema as GDAL's, exact windows")
{
    ensure_registered();
    TempDir dir;
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<Box> boxes;
    for (int k = 0; k < 20000; ++k) { // three levels: 20,000 > 51 x 51
        const double x = 400000 + u(rng) * 50000, y = 5500000 + u(rng) * 50000;
        boxes.push_back({x, x + u(rng) * 300, y, y + u(rng) * 300});
    }
    write_lines(boxes, dir / "ours.gpkg", dir / "gdal.gpkg");
    Sqlite ours(dir / "ours.gpkg"), gdals(dir / "gdal.gpkg");
    CHECK(ours.rows("SELECT rtreecheck('rtree_network_geom')") == "ok\n");
    CHECK(ours.rows("PRAGMA integrity_check") == "ok\n");
    const std::string all = "SELECT id, minx, maxx, miny, maxy FROM rtree_network_geom ORDER BY id";
    CHECK(ours.rows(all) == gdals.rows(all));
    CHECK(ours.rows("SELECT count(*) FROM rtree_network_geom") == "20000\n");
    const std::string schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
    CHECK(ours.rows(schema) == gdals.rows(schema));
    const std::string ext = "SELECT * FROM gpkg_extensions ORDER BY table_name, column_name, extension_name";
    CHECK(ours.rows(ext) == gdals.rows(ext));
    CHECK(ours.rows("SELECT depth FROM (SELECT rtreedepth(data) AS depth FROM rtree_network_geom_node WHERE "
                    "nodeno = 1)") == "2\n");
    // Window queries answered by the tree (the rtree module walks it from the root): the ids
    // whose stored box meets the window, as a scan of the boxes finds them.
    std::size_t found = 0;
    for (int w = 0; w < 20; ++w) {
        const double x = 400000 + u(rng) * 50000, y = 5500000 + u(rng) * 50000, s = 200 + u(rng) * 3000;
        std::string want;
        for (std::size_t k = 0; k < boxes.size(); ++k) {
            const RtreeBox b = rtree_box(0, boxes[k].minx, boxes[k].maxx, boxes[k].miny, boxes[k].maxy);
            if (b.minx <= x + s && b.maxx >= x && b.miny <= y + s && b.maxy >= y) want += fmt::format("{}\n", k + 1);
        }
        const std::string got =
            ours.rows(fmt::format("SELECT id FROM rtree_network_geom WHERE minx <= {:.17g} AND "
                                  "maxx >= {:.17g} AND miny <= {:.17g} AND maxy >= {:.17g} ORDER BY id",
                                  x + s, x, y + s, y));
        CHECK(got == want);
        found += static_cast<std::size_t>(std::count(want.begin(), want.end(), '\n'));
    }
    CHECK(found > 100);
}
