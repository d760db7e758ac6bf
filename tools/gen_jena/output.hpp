// output.hpp — CSV and GeoJSON files, written atomically (temporary file, then rename).
#pragma once

#include "geometry.hpp"

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

// ---------------------------------------------------------------------------------------
// CSV output (RFC 4180 quoting only when needed; LF line endings; UTF-8, no BOM).
std::string csv_field(const std::string& s);
// Centimetres as metres with 2 decimals.
std::string fixed2(std::int64_t cm);

class CsvFile {
public:
    CsvFile(const std::filesystem::path& dir, const std::string& name)
        : final_(dir / name), tmp_(dir / (name + ".tmp")), out_(tmp_, std::ios::binary)
    {
        if (!out_) throw std::runtime_error("cannot write " + tmp_.string());
    }
    void row(const std::vector<std::string>& fields)
    {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out_ << ',';
            out_ << csv_field(fields[i]);
        }
        out_ << '\n';
        ++rows_;
    }
    std::size_t close()
    {
        out_.close();
        if (!out_) throw std::runtime_error("write failed: " + tmp_.string());
        std::filesystem::rename(tmp_, final_);
        return rows_ - 1; // data rows
    }

private:
    std::filesystem::path final_, tmp_;
    std::ofstream out_;
    std::size_t rows_ = 0;
};

std::string json_string(const std::string& s);

class Props {
public:
    Props& str(const char* k, const std::string& v) { return add(k, json_string(v)); }
    Props& num(const char* k, long long v) { return add(k, std::to_string(v)); }
    Props& null(const char* k) { return add(k, "null"); }
    Props& year(const char* k, int y) { return y ? num(k, y) : null(k); }
    Props& metres(const char* k, double m) { return add(k, fixed2(to_cm(m))); }
    std::string text;

private:
    Props& add(const char* k, const std::string& v)
    {
        if (!text.empty()) text += ", ";
        text += json_string(k) + ": " + v;
        return *this;
    }
};

struct GeoFeature {
    std::string props;
    std::vector<Polygon> polygons; // Polygon if one and !multi, else MultiPolygon
    bool multi = false;
    std::vector<P64> line; // LineString when there are no polygons
};

void write_geojson(const std::filesystem::path& dir, const std::string& name, const std::vector<GeoFeature>& fs);

} // namespace gen_jena
