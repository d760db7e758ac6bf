#include "gdal/dataset.hpp"
#include "base/source_name.hpp"

#include "coverage/error.hpp"

#include <atomic>
#include <cpl_error.h>
#include <fmt/format.h>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>

namespace coverage::gdal {
namespace {

thread_local std::string captured;
std::atomic<void (*)(const char*)> fatal_hook{nullptr};

void CPL_STDCALL capture(CPLErr level, CPLErrorNum, const char* msg)
{
    // GDAL aborts the process after a fatal error's handler returns (CPLMalloc out of
    // memory): the hook gets the message first, to say so in one line and clean up.
    if (level == CE_Fatal)
        if (auto hook = fatal_hook.load()) hook(msg ? msg : "fatal GDAL error");
    if (level >= CE_Warning && msg) captured = msg;
}

} // namespace

} // namespace coverage::gdal

namespace coverage {

void set_fatal_error_hook(void (*hook)(const char* message))
{
    gdal::fatal_hook.store(hook);
    CPLSetErrorHandler(gdal::capture);
}

} // namespace coverage

namespace coverage::gdal {

void ensure_registered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(capture);
    });
}

std::string last_error()
{
    std::string msg = captured;
    if (msg.empty() && CPLGetLastErrorMsg()) msg = CPLGetLastErrorMsg();
    // One line, without our internal file-system prefix, and short: GDAL sometimes quotes a
    // whole SQL script before the reason ("sqlite3_exec(CREATE ...) failed: disk is full").
    for (char& c : msg)
        if (c == '\n' || c == '\r') c = ' ';
    for (std::string_view internal : {"/vsicoverage_checked/"})
        for (auto at = msg.find(internal); at != std::string::npos; at = msg.find(internal, at))
            msg.erase(at, internal.size());
    while (!msg.empty() && (msg.back() == '.' || msg.back() == ' ')) msg.pop_back();
    constexpr std::size_t limit = 200;
    if (msg.size() > limit) {
        std::size_t from = msg.size() - limit;
        if (const auto space = msg.find(' ', from); space != std::string::npos) from = space + 1;
        msg = "... " + msg.substr(from);
    }
    return msg;
}

GDALDatasetUniquePtr open_vector(const std::string& path, char** open_options)
{
    ensure_registered();
    captured.clear();
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                              nullptr, open_options, nullptr));
    if (!ds) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            throw InputError(
                fmt::format("{}: is a directory GDAL cannot read as a dataset; name the file inside it", path));
        std::string why = last_error();
        if (why.empty()) why = "not a readable vector data source";
        throw InputError(fmt::format("{}: cannot open: {}; check the path and format", display_source(path), why));
    }
    return ds;
}

OGRSpatialReference make_srs(const std::string& text)
{
    ensure_registered();
    OGRSpatialReference srs;
    std::string def = text;
    if (!def.empty() && def.find_first_not_of("0123456789") == std::string::npos) def = "EPSG:" + def;
    captured.clear();
    CPLErrorReset();
    if (srs.SetFromUserInput(def.c_str()) != OGRERR_NONE) {
        // PROJ says "crs not found" for a code it does not know, and nothing for text it
        // cannot parse: the user's mistake. Anything else (proj.db missing or unreadable,
        // SQLite out of memory under a memory limit) is the machine's, and calling a valid
        // EPSG:25832 "unknown" would send the user the wrong way.
        const std::string why = last_error();
        if (why.empty() || why.find("not found") != std::string::npos || why.find("nrecognized") != std::string::npos)
            throw UsageError(
                fmt::format("unknown coordinate system '{}'; give an EPSG code such as EPSG:25832 or EPSG:4326", text));
        throw std::runtime_error(fmt::format(
            "cannot look up the coordinate system '{}' in PROJ's database ({}); check the PROJ installation "
            "(package proj-data, PROJ_DATA) or, if memory is limited, raise the limit (ulimit -v)",
            text, why));
    }
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::string srs_label(const OGRSpatialReference& srs)
{
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return fmt::format("{}:{}", auth, code);
    const char* name = srs.GetName();
    return name ? name : "unknown";
}

std::string srs_wkt(const OGRSpatialReference& srs)
{
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, opts);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

const OGRSpatialReference& wgs84()
{
    static const OGRSpatialReference srs = [] {
        ensure_registered();
        OGRSpatialReference s;
        s.importFromEPSG(4326);
        s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        return s;
    }();
    return srs;
}

} // namespace coverage::gdal
