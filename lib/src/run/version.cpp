#include "coverage/version.hpp"

#include <fmt/format.h>
#include <gdal.h>
#include <geos_c.h>
#include <ogr_srs_api.h>

#ifndef COVERAGE_VERSION
#error "COVERAGE_VERSION is set by lib/CMakeLists.txt"
#endif
#include "git_commit.hpp" // generated at build time: COVERAGE_GIT_COMMIT

namespace coverage {

std::string tool_version() { return COVERAGE_VERSION; }

std::string tool_commit() { return COVERAGE_GIT_COMMIT; }

std::string library_versions()
{
    int proj_major = 0, proj_minor = 0, proj_patch = 0;
    OSRGetPROJVersion(&proj_major, &proj_minor, &proj_patch);
    return fmt::format("GDAL {}, GEOS {}, PROJ {}.{}.{}", GDALVersionInfo("RELEASE_NAME"), GEOSversion(), proj_major,
                       proj_minor, proj_patch);
}

} // namespace coverage
