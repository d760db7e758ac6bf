#pragma once
// Small helpers over GDAL's C++ API: one-time registration, opening with captured errors,
// and spatial references with x = easting/longitude whatever the authority says.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <string>

namespace coverage::gdal {

/// Registers drivers once and routes CPL messages into a per-thread buffer instead of stderr
/// (the library prints nothing).
void ensure_registered();

/// The last CPL error message captured on this thread (may be empty).
std::string last_error();

/// Opens a vector dataset read-only. Throws InputError naming the path and GDAL's reason.
GDALDatasetUniquePtr open_vector(const std::string& path, char** open_options = nullptr);

/// "EPSG:25832", "25832", a WKT or PROJ string -> spatial reference with traditional GIS
/// axis order. Throws UsageError with a hint for unknown codes.
OGRSpatialReference make_srs(const std::string& text);

/// "EPSG:25832" when the CRS has an authority code, else its name.
std::string srs_label(const OGRSpatialReference& srs);
/// The CRS as WKT2 (round-trips through OGRSpatialReference::importFromWkt).
std::string srs_wkt(const OGRSpatialReference& srs);

/// EPSG:4326 with lon/lat axis order.
const OGRSpatialReference& wgs84();

} // namespace coverage::gdal
