#pragma once
// A GeoPackage layer's spatial index (the gpkg_rtree_index extension), bulk loaded.
//
// GDAL 3.6 fills a new layer's R*-tree feature by feature through SQLite's rtree module, about
// 13 µs a feature on the bench machine: more than writing the features themselves (plan's
// 384,000-line network: 5 of its 6.4 s). GDAL 3.7 bulk-loads it instead; this does the same for
// 3.6. The layer is written without an index (SPATIAL_INDEX=NO), each feature's box is kept
// as it is written, and after GDAL has closed the file the index is added in one pass:
//   * the schema (the rtree virtual table, its six triggers on the layer, the gpkg_extensions
//     row) is the one GDAL itself creates: read from a layer of the same name and geometry
//     column that GDAL indexes in memory, so it follows the installed GDAL;
//   * the tree is packed by Sort-Tile-Recursive (Leutenegger et al. 1997) into SQLite's own
//     node format, written straight into the shadow tables (_node, _rowid, _parent);
//   * every box holds what SQLite's rtree stores for the envelope: 32-bit floats rounded
//     outwards exactly as its rtreeValueDown / rtreeValueUp round, so the index's rows
//     (SELECT * FROM rtree_<layer>_<geom>) are the same as GDAL's, only the tree's shape differs.
#include <cstdint>
#include <string>
#include <vector>

namespace coverage::gdal {

struct RtreeBox {
    std::int64_t id = 0; // the feature's fid
    float minx = 0, maxx = 0, miny = 0, maxy = 0;
};

/// The box SQLite's rtree stores for an envelope (min rounded down, max up, to float).
RtreeBox rtree_box(std::int64_t id, double minx, double maxx, double miny, double maxy);

/// The node layout: entries per node, and the tree as (node number, node blob) pairs plus
/// (id, leaf node) and (node, parent) pairs; node 1 is the root. Exposed for the tests.
struct PackedRtree {
    std::vector<std::pair<std::int64_t, std::vector<unsigned char>>> nodes;
    std::vector<std::pair<std::int64_t, std::int64_t>> rowid;  // feature id -> leaf node
    std::vector<std::pair<std::int64_t, std::int64_t>> parent; // node -> parent node
    int depth = 0;
};
/// Packs `boxes` into nodes of `node_size` bytes (SQLite: 4 + 24 bytes per 2-D cell).
PackedRtree pack_rtree(std::vector<RtreeBox> boxes, std::size_t node_size);

/// Adds the spatial index of `table`'s geometry column `geometry_column` with `boxes` to the
/// closed GeoPackage `file` (a path SQLite can open). Throws OutputError naming `where`.
void add_gpkg_rtree(const std::string& file, const std::string& where, const std::string& table,
                    const std::string& geometry_column, std::vector<RtreeBox> boxes);

} // namespace coverage::gdal
