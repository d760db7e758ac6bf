#include "plan/lines.hpp"

#include "coverage/error.hpp"
#include "coverage/options.hpp"
#include "join/spatial.hpp"
#include "read/table_reader.hpp"

#include <fmt/format.h>
#include <memory>
#include <ogr_geometry.h>

namespace coverage::plan {
namespace {

void add_line(const OGRLineString& l, std::vector<Polyline>& out)
{
    if (l.getNumPoints() < 2) return;
    Polyline p;
    p.reserve(static_cast<std::size_t>(l.getNumPoints()) * 2);
    for (int k = 0; k < l.getNumPoints(); ++k) {
        p.push_back(l.getX(k));
        p.push_back(l.getY(k));
    }
    out.push_back(std::move(p));
}

} // namespace

LineLayer read_lines(const std::string& path, const std::string& role, const OGRSpatialReference& working)
{
    ReadOptions read;
    read.force_gdal = true;
    auto in = TableReader::open(path, read);
    const LayerTransform lt = layer_transform(*in, path, role, "lines", working);
    const std::unique_ptr<OGRCoordinateTransformation>& ct = lt.ct;
    LineLayer out;
    while (in->next()) {
        ++out.features;
        const OGRGeometry* g = in->geometry();
        if (!g || g->IsEmpty()) {
            ++out.skipped;
            continue;
        }
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbLineString && type != wkbMultiLineString && type != wkbCompoundCurve && type != wkbMultiCurve &&
            type != wkbCircularString) {
            ++out.skipped;
            continue;
        }
        std::unique_ptr<OGRGeometry> copy(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
        copy->flattenTo2D();
        if (ct && copy->transform(ct.get()) != OGRERR_NONE)
            throw InputError(fmt::format("{}: feature {}: cannot transform the geometry to the working CRS", path,
                                         in->row_number()));
        if (const auto* ls = dynamic_cast<const OGRLineString*>(copy.get())) {
            add_line(*ls, out.lines);
        } else if (const auto* ml = dynamic_cast<const OGRMultiLineString*>(copy.get())) {
            for (const OGRLineString* part : *ml) add_line(*part, out.lines);
        } else {
            ++out.skipped;
        }
    }
    return out;
}

} // namespace coverage::plan
