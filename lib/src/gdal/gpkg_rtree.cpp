#include "gdal/gpkg_rtree.hpp"

#include "coverage/error.hpp"
#include "gdal/dataset.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cpl_string.h>
#include <cstring>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <memory>
#include <numeric>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

namespace coverage::gdal {
namespace {

// SQLite's rtree.c: RNDTOWARDS and RNDAWAY.
constexpr double towards = 1.0 - 1.0 / 8388608.0;
constexpr double away = 1.0 + 1.0 / 8388608.0;

float value_down(double d)
{
    float f = static_cast<float>(d);
    if (f > d) f = static_cast<float>(d * (d < 0 ? away : towards));
    return f;
}

float value_up(double d)
{
    float f = static_cast<float>(d);
    if (f < d) f = static_cast<float>(d * (d < 0 ? towards : away));
    return f;
}

void put16(unsigned char* p, unsigned v)
{
    p[0] = static_cast<unsigned char>(v >> 8);
    p[1] = static_cast<unsigned char>(v);
}

void put32(unsigned char* p, std::uint32_t v)
{
    for (int k = 0; k < 4; ++k) p[k] = static_cast<unsigned char>(v >> (24 - 8 * k));
}

void put64(unsigned char* p, std::uint64_t v)
{
    for (int k = 0; k < 8; ++k) p[k] = static_cast<unsigned char>(v >> (56 - 8 * k));
}

void put_float(unsigned char* p, float f)
{
    std::uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    put32(p, bits);
}

constexpr std::size_t cell_bytes = 8 + 4 * 4; // id and four coordinates

// One node being packed: its box and its cells (boxes of features or of child nodes).
struct Node {
    RtreeBox box; // id: the node's number once numbered
    std::vector<std::size_t> cells;
};

RtreeBox union_of(const std::vector<RtreeBox>& items, const std::vector<std::size_t>& cells)
{
    RtreeBox u = items[cells.front()];
    for (const std::size_t c : cells) {
        const RtreeBox& b = items[c];
        u.minx = std::min(u.minx, b.minx);
        u.maxx = std::max(u.maxx, b.maxx);
        u.miny = std::min(u.miny, b.miny);
        u.maxy = std::max(u.maxy, b.maxy);
    }
    return u;
}

// Sort-Tile-Recursive: the items in vertical slices by centre x, each slice by centre y, cut
// into groups of at most `fanout`. Ties by position in `items` (deterministic).
std::vector<Node> tile(const std::vector<RtreeBox>& items, std::size_t fanout)
{
    const std::size_t n = items.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto cx = [&](std::size_t i) { return static_cast<double>(items[i].minx) + items[i].maxx; };
    auto cy = [&](std::size_t i) { return static_cast<double>(items[i].miny) + items[i].maxy; };
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return cx(a) != cx(b) ? cx(a) < cx(b) : a < b; });
    const std::size_t groups = (n + fanout - 1) / fanout;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(groups))));
    const std::size_t per_slice = slices * fanout;
    std::vector<Node> out;
    out.reserve(groups + slices);
    for (std::size_t s = 0; s < n; s += per_slice) {
        const auto end = order.begin() + static_cast<std::ptrdiff_t>(std::min(n, s + per_slice));
        const auto begin = order.begin() + static_cast<std::ptrdiff_t>(s);
        std::sort(begin, end, [&](std::size_t a, std::size_t b) { return cy(a) != cy(b) ? cy(a) < cy(b) : a < b; });
        for (auto g = begin; g < end; g += std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(fanout), end - g)) {
            Node node;
            node.cells.assign(g, g + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(fanout), end - g));
            node.box = union_of(items, node.cells);
            out.push_back(std::move(node));
        }
    }
    return out;
}

std::string quoted(const std::string& name)
{
    std::string out = "\"";
    for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// GDAL's own spatial index schema for a layer `table` with geometry column `geom`: the SQL
// of the rtree virtual table and of its triggers (creation order), and the gpkg_extensions row.
struct RtreeSchema {
    std::string extensions_table; // CREATE TABLE gpkg_extensions, for a file that has none yet
    std::vector<std::string> sql;
    std::vector<std::string> extension; // table_name, column_name, extension_name, definition, scope
};

RtreeSchema gdal_rtree_schema(const std::string& table, const std::string& geom, const std::string& where)
{
    ensure_registered();
    static std::atomic<unsigned> counter{0};
    const std::string mem = fmt::format("/vsimem/coverage_rtree_schema_{}.gpkg", counter++);
    auto fail = [&](const char* what) {
        return OutputError(fmt::format("{}: cannot {} the spatial index schema: {}", where, what, last_error()));
    };
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw fail("find the GeoPackage driver for");
    RtreeSchema schema;
    {
        GDALDatasetUniquePtr ds(driver->Create(mem.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw fail("create");
        CPLStringList lco;
        lco.SetNameValue("GEOMETRY_NAME", geom.c_str());
        OGRLayer* layer = ds->CreateLayer(table.c_str(), nullptr, wkbPoint, lco.List());
        if (!layer) throw fail("create");
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        f->SetGeometryDirectly(new OGRPoint(0, 0));
        if (layer->CreateFeature(f.get()) != OGRERR_NONE) throw fail("create");
    }
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(mem.c_str(), GDAL_OF_VECTOR));
        if (!ds) throw fail("read");
        const std::string rtree = "rtree_" + table + "_" + geom;
        char* q = sqlite3_mprintf("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (name = '%q' OR (type = "
                                  "'trigger' AND tbl_name = '%q' AND name LIKE '%q\\_%%' ESCAPE '\\')) ORDER BY rowid",
                                  rtree.c_str(), table.c_str(), rtree.c_str());
        OGRLayer* rows = ds->ExecuteSQL(q, nullptr, nullptr);
        sqlite3_free(q);
        if (!rows) throw fail("read");
        for (auto& row : *rows) schema.sql.emplace_back(row->GetFieldAsString(0));
        ds->ReleaseResultSet(rows);
        rows = ds->ExecuteSQL("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_extensions'",
                              nullptr, nullptr);
        if (!rows) throw fail("read");
        for (auto& row : *rows) schema.extensions_table = row->GetFieldAsString(0);
        ds->ReleaseResultSet(rows);
        rows = ds->ExecuteSQL("SELECT table_name, column_name, extension_name, definition, scope FROM gpkg_extensions "
                              "WHERE extension_name = 'gpkg_rtree_index'",
                              nullptr, nullptr);
        if (!rows) throw fail("read");
        for (auto& row : *rows)
            for (int k = 0; k < 5; ++k) schema.extension.emplace_back(row->GetFieldAsString(k));
        ds->ReleaseResultSet(rows);
    }
    VSIUnlink(mem.c_str());
    if (schema.sql.size() < 2 || schema.sql.front().rfind("CREATE VIRTUAL TABLE", 0) != 0 ||
        schema.extension.size() != 5 || schema.extensions_table.empty())
        throw OutputError(fmt::format("{}: GDAL created no spatial index to copy the schema of", where));
    return schema;
}

class Db {
public:
    Db(const std::string& file, std::string where) : where_(std::move(where))
    {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail();
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    void exec(const std::string& sql)
    {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail();
    }
    sqlite3_stmt* prepare(const std::string& sql)
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail();
        return s;
    }
    void step(sqlite3_stmt* s, int want = SQLITE_DONE)
    {
        if (sqlite3_step(s) != want) fail();
        if (want == SQLITE_DONE) sqlite3_reset(s);
    }
    [[noreturn]] void fail() const
    {
        throw OutputError(fmt::format("{}: write failed (spatial index: {})", where_, sqlite3_errmsg(db_)));
    }

private:
    sqlite3* db_ = nullptr;
    std::string where_;
};

struct Statement {
    sqlite3_stmt* s;
    ~Statement() { sqlite3_finalize(s); }
};

} // namespace

RtreeBox rtree_box(std::int64_t id, double minx, double maxx, double miny, double maxy)
{
    return {id, value_down(minx), value_up(maxx), value_down(miny), value_up(maxy)};
}

PackedRtree pack_rtree(std::vector<RtreeBox> boxes, std::size_t node_size)
{
    PackedRtree out;
    if (boxes.empty()) return out;
    const std::size_t fanout = (node_size - 4) / cell_bytes;
    // Levels from the leaves up; each level's items are the boxes of the level below.
    std::vector<std::vector<Node>> levels;
    std::vector<RtreeBox> items = boxes;
    while (items.size() > fanout) {
        levels.push_back(tile(items, fanout));
        items.clear();
        for (const Node& n : levels.back()) items.push_back(n.box);
    }
    Node root;
    root.cells.resize(items.size());
    std::iota(root.cells.begin(), root.cells.end(), std::size_t{0});
    levels.push_back({std::move(root)});
    out.depth = static_cast<int>(levels.size()) - 1;
    // Numbers: the root 1, then each level from the top down.
    std::int64_t next = 1;
    for (std::size_t l = levels.size(); l-- > 0;)
        for (Node& n : levels[l]) n.box.id = next++;
    for (std::size_t l = levels.size(); l-- > 0;) {
        for (const Node& n : levels[l]) {
            std::vector<unsigned char> blob(node_size, 0);
            if (n.box.id == 1) put16(blob.data(), static_cast<unsigned>(out.depth));
            put16(blob.data() + 2, static_cast<unsigned>(n.cells.size()));
            unsigned char* p = blob.data() + 4;
            for (const std::size_t c : n.cells) {
                const RtreeBox& b = l == 0 ? boxes[c] : levels[l - 1][c].box;
                put64(p, static_cast<std::uint64_t>(b.id));
                put_float(p + 8, b.minx);
                put_float(p + 12, b.maxx);
                put_float(p + 16, b.miny);
                put_float(p + 20, b.maxy);
                p += cell_bytes;
                if (l == 0) out.rowid.emplace_back(b.id, n.box.id);
                else out.parent.emplace_back(b.id, n.box.id);
            }
            out.nodes.emplace_back(n.box.id, std::move(blob));
        }
    }
    std::sort(out.rowid.begin(), out.rowid.end());
    std::sort(out.parent.begin(), out.parent.end());
    return out;
}

void add_gpkg_rtree(const std::string& file, const std::string& where, const std::string& table,
                    const std::string& geometry_column, std::vector<RtreeBox> boxes)
{
    const RtreeSchema schema = gdal_rtree_schema(table, geometry_column, where);
    Db db(file, where);
    // A temporary file not yet renamed into place: no journal needed (a failure discards it).
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN");
    {
        Statement s{db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_extensions'")};
        db.step(s.s, SQLITE_ROW);
        if (sqlite3_column_int64(s.s, 0) == 0) db.exec(schema.extensions_table);
    }
    for (const std::string& sql : schema.sql) db.exec(sql);
    const std::string shadow = "rtree_" + table + "_" + geometry_column;
    std::size_t node_size = 0;
    {
        Statement s{db.prepare(fmt::format("SELECT length(data) FROM {} WHERE nodeno = 1", quoted(shadow + "_node")))};
        db.step(s.s, SQLITE_ROW);
        node_size = static_cast<std::size_t>(sqlite3_column_int64(s.s, 0));
    }
    if (node_size < 4 + 2 * cell_bytes) db.fail();
    const PackedRtree tree = pack_rtree(std::move(boxes), node_size);
    {
        Statement s{db.prepare(
            fmt::format("INSERT OR REPLACE INTO {} (nodeno, data) VALUES (?, ?)", quoted(shadow + "_node")))};
        for (const auto& [no, blob] : tree.nodes) {
            sqlite3_bind_int64(s.s, 1, no);
            sqlite3_bind_blob(s.s, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
            db.step(s.s);
        }
    }
    for (const auto& [rows, name, column] : {std::tuple{&tree.rowid, "_rowid", "rowid, nodeno"},
                                             std::tuple{&tree.parent, "_parent", "nodeno, parentnode"}}) {
        Statement s{db.prepare(fmt::format("INSERT INTO {} ({}) VALUES (?, ?)", quoted(shadow + name), column))};
        for (const auto& [a, b] : *rows) {
            sqlite3_bind_int64(s.s, 1, a);
            sqlite3_bind_int64(s.s, 2, b);
            db.step(s.s);
        }
    }
    {
        Statement s{db.prepare("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, "
                               "scope) VALUES (?, ?, ?, ?, ?)")};
        const std::vector<std::string> values{table, geometry_column, schema.extension[2], schema.extension[3],
                                              schema.extension[4]};
        for (int k = 0; k < 5; ++k)
            sqlite3_bind_text(s.s, k + 1, values[static_cast<std::size_t>(k)].c_str(), -1, SQLITE_STATIC);
        db.step(s.s);
    }
    db.exec("COMMIT");
}

} // namespace coverage::gdal
