// output.cpp — CSV quoting, fixed-point coordinates, GeoJSON geometry text.

#include "output.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gen_jena {

std::string csv_field(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

std::string fixed2(std::int64_t cm)
{
    std::string sign = cm < 0 ? "-" : "";
    std::int64_t a = cm < 0 ? -cm : cm;
    std::string frac = std::to_string(a % 100);
    if (frac.size() < 2) frac = "0" + frac;
    return sign + std::to_string(a / 100) + "." + frac;
}

std::string json_string(const std::string& s)
{
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            q += '\\';
            q += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            q += buf;
        } else {
            q += c;
        }
    }
    return q + "\"";
}

namespace {

std::string ring_json(const Ring& r)
{
    std::string s = "[";
    for (std::size_t i = 0; i <= r.size(); ++i) {
        const P64& p = r[i % r.size()];
        if (i) s += ", ";
        s += "[" + fixed2(p.x) + ", " + fixed2(p.y) + "]";
    }
    return s + "]";
}

std::string polygon_json(const Polygon& p)
{
    std::string s = "[" + ring_json(p.outer);
    for (const Ring& h : p.holes) s += ", " + ring_json(h);
    return s + "]";
}

std::string geometry_json(const GeoFeature& f)
{
    if (f.polygons.empty()) {
        std::string s = "{\"type\": \"LineString\", \"coordinates\": [";
        for (std::size_t i = 0; i < f.line.size(); ++i)
            s += (i ? ", [" : "[") + fixed2(f.line[i].x) + ", " + fixed2(f.line[i].y) + "]";
        return s + "]}";
    }
    if (f.polygons.size() == 1 && !f.multi)
        return "{\"type\": \"Polygon\", \"coordinates\": " + polygon_json(f.polygons[0]) + "}";
    std::string s = "{\"type\": \"MultiPolygon\", \"coordinates\": [";
    for (std::size_t i = 0; i < f.polygons.size(); ++i) s += (i ? ", " : "") + polygon_json(f.polygons[i]);
    return s + "]}";
}

} // namespace

void write_geojson(const std::filesystem::path& dir, const std::string& name, const std::vector<GeoFeature>& fs)
{
    const std::filesystem::path final_path = dir / name, tmp = dir / (name + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        out << "{\"type\": \"FeatureCollection\",\n\"name\": " << json_string(name.substr(0, name.find('.')))
            << ",\n\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::25832\"}},\n"
               "\"features\": [\n";
        for (std::size_t i = 0; i < fs.size(); ++i)
            out << "{\"type\": \"Feature\", \"properties\": {" << fs[i].props
                << "}, \"geometry\": " << geometry_json(fs[i]) << "}" << (i + 1 < fs.size() ? ",\n" : "\n");
        out << "]}\n";
        out.close();
        if (!out) throw std::runtime_error("write failed: " + tmp.string());
    }
    std::filesystem::rename(tmp, final_path);
}

} // namespace gen_jena
