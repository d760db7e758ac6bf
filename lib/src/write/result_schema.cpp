#include "write/result_schema.hpp"

#include "base/csv_text.hpp"
#include "coverage/results.hpp"

#include <charconv>
#include <cmath>
#include <fmt/compile.h>
#include <fmt/format.h>

namespace coverage {
namespace {

namespace col = result_column;

const char* tf(bool b) { return b ? "true" : "false"; }

void put_uint(std::string& out, std::uint64_t v)
{
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    out.append(tmp, r.ptr);
}

// Shortest round-trip text, empty for NaN.
void put_number(std::string& out, double v)
{
    if (!std::isnan(v)) fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), v);
}

void set_number(OGRFeature& f, int k, double v)
{
    if (!std::isnan(v)) f.SetField(k, v);
}

const Classification& cls(const ResultRow& r) { return *r.classification; }

void append_stamp(std::string& out, const ResultRow& r, std::string RunStamp::*field)
{
    if (r.stamp) append_csv_field(out, r.stamp->*field);
}

void set_stamp(OGRFeature& f, int k, const ResultRow& r, std::string RunStamp::*field)
{
    if (r.stamp) f.SetField(k, (r.stamp->*field).c_str());
}

} // namespace

double rounded_degrees(double v) { return std::round(v * 1e6) / 1e6; }

const std::vector<ResultColumn>& result_schema()
{
    using T = const AddressTable&;
    using R = const ResultRow&;
    using S = std::size_t;
    static const std::vector<ResultColumn> schema{
        {col::id, OFTString, OFSTNone, [](std::string& o, T t, S i, R) { append_csv_field(o, t.id[i]); },
         [](OGRFeature& f, int k, T t, S i, R) { f.SetField(k, t.id.c_str(i)); }},
        {col::lon, OFTReal, OFSTNone,
         [](std::string& o, T t, S i, R) {
             if (t.has_geometry) fmt::format_to(std::back_inserter(o), FMT_COMPILE("{:.6f}"), t.lon[i]);
         },
         [](OGRFeature& f, int k, T t, S i, R) { f.SetField(k, rounded_degrees(t.lon[i])); }},
        {col::lat, OFTReal, OFSTNone,
         [](std::string& o, T t, S i, R) {
             if (t.has_geometry) fmt::format_to(std::back_inserter(o), FMT_COMPILE("{:.6f}"), t.lat[i]);
         },
         [](OGRFeature& f, int k, T t, S i, R) { f.SetField(k, rounded_degrees(t.lat[i])); }},
        {col::units, OFTInteger, OFSTNone, [](std::string& o, T t, S i, R) { put_uint(o, t.units[i]); },
         [](OGRFeature& f, int k, T t, S i, R) { f.SetField(k, static_cast<int>(t.units[i])); }},
        {col::category, OFTString, OFSTNone, [](std::string& o, T t, S i, R) { append_csv_field(o, t.category[i]); },
         [](OGRFeature& f, int k, T t, S i, R) { f.SetField(k, t.category.c_str(i)); }},
        {col::class_name, OFTString, OFSTNone,
         [](std::string& o, T, S, R r) { append_csv_field(o, cls(r).class_name); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).class_name.c_str()); }},
        {col::tier, OFTString, OFSTNone, [](std::string& o, T, S, R r) { append_csv_field(o, cls(r).tier); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).tier.c_str()); }},
        {col::eligible, OFTInteger, OFSTBoolean, [](std::string& o, T, S, R r) { o += tf(cls(r).eligible); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).eligible ? 1 : 0); }},
        {col::best_down_mbps, OFTReal, OFSTNone,
         [](std::string& o, T, S, R r) {
             if (cls(r).has_best) put_number(o, cls(r).best_down_mbps);
         },
         [](OGRFeature& f, int k, T, S, R r) {
             if (cls(r).has_best) set_number(f, k, cls(r).best_down_mbps);
         }},
        {col::best_up_mbps, OFTReal, OFSTNone,
         [](std::string& o, T, S, R r) {
             if (cls(r).has_best) put_number(o, cls(r).best_up_mbps);
         },
         [](OGRFeature& f, int k, T, S, R r) {
             if (cls(r).has_best) set_number(f, k, cls(r).best_up_mbps);
         }},
        {col::best_technology, OFTString, OFSTNone,
         [](std::string& o, T, S, R r) {
             if (cls(r).has_best) o += technology_name(cls(r).best_technology);
         },
         [](OGRFeature& f, int k, T, S, R r) {
             if (cls(r).has_best) f.SetField(k, std::string(technology_name(cls(r).best_technology)).c_str());
         }},
        {col::networks, OFTInteger, OFSTNone,
         [](std::string& o, T, S, R r) { put_uint(o, static_cast<unsigned>(cls(r).networks)); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).networks); }},
        {col::gigabit_networks, OFTInteger, OFSTNone,
         [](std::string& o, T, S, R r) { put_uint(o, static_cast<unsigned>(cls(r).target_networks)); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).target_networks); }},
        {col::planned_gigabit, OFTInteger, OFSTBoolean,
         [](std::string& o, T, S, R r) { o += tf(cls(r).planned_target); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).planned_target ? 1 : 0); }},
        {col::gigabit_planned_date, OFTString, OFSTNone,
         [](std::string& o, T, S, R r) {
             if (cls(r).target_planned_date != no_date) o += format_day(cls(r).target_planned_date);
         },
         [](OGRFeature& f, int k, T, S, R r) {
             if (cls(r).target_planned_date != no_date) f.SetField(k, format_day(cls(r).target_planned_date).c_str());
         }},
        {col::nearest_route_m, OFTReal, OFSTNone, [](std::string& o, T, S, R r) { put_number(o, r.nearest_route_m); },
         [](OGRFeature& f, int k, T, S, R r) { set_number(f, k, r.nearest_route_m); }},
        {col::reason, OFTString, OFSTNone, [](std::string& o, T, S, R r) { append_csv_field(o, cls(r).reason); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).reason.c_str()); }},
        {col::providers, OFTString, OFSTNone, [](std::string& o, T, S, R r) { append_csv_field(o, cls(r).providers); },
         [](OGRFeature& f, int k, T, S, R r) { f.SetField(k, cls(r).providers.c_str()); }},
        // The run stamp (RunStamp): what produced the row, so diff can tell comparable runs.
        {col::profile, OFTString, OFSTNone, [](std::string& o, T, S, R r) { append_stamp(o, r, &RunStamp::profile); },
         [](OGRFeature& f, int k, T, S, R r) { set_stamp(f, k, r, &RunStamp::profile); }},
        {col::profile_version, OFTString, OFSTNone,
         [](std::string& o, T, S, R r) { append_stamp(o, r, &RunStamp::profile_version); },
         [](OGRFeature& f, int k, T, S, R r) { set_stamp(f, k, r, &RunStamp::profile_version); }},
        {col::as_of, OFTString, OFSTNone, [](std::string& o, T, S, R r) { append_stamp(o, r, &RunStamp::as_of); },
         [](OGRFeature& f, int k, T, S, R r) { set_stamp(f, k, r, &RunStamp::as_of); }},
        {col::coverage_version, OFTString, OFSTNone,
         [](std::string& o, T, S, R r) { append_stamp(o, r, &RunStamp::coverage_version); },
         [](OGRFeature& f, int k, T, S, R r) { set_stamp(f, k, r, &RunStamp::coverage_version); }},
    };
    return schema;
}

const std::vector<std::string>& result_columns()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const ResultColumn& c : result_schema()) n.emplace_back(c.name);
        return n;
    }();
    return names;
}

} // namespace coverage
