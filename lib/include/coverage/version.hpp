#pragma once
// What this build is: the tool's version and git commit (both fixed when CMake configured
// the build) and the versions of the geospatial libraries it runs against (read at run
// time, so a .deb on another system reports what it really loaded).
#include <string>

namespace coverage {

/// "0.1.0"
std::string tool_version();
/// Short git commit of the source tree at configure time, with "-dirty" for uncommitted
/// changes; "unknown" when built outside git (e.g. from a source tarball).
std::string tool_commit();
/// "GDAL 3.6.2, GEOS 3.11.1, PROJ 9.1.1"
std::string library_versions();

} // namespace coverage
