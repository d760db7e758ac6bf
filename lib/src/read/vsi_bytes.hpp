#pragma once
// Compressed inputs: FCC BDC files and city address lists come as .zip, large CSVs as .gz.
// They are read through GDAL's virtual file systems (/vsizip/, /vsigzip/), for the dedicated
// CSV reader too, without unpacking to disk.
#include <string>
#include <string_view>

namespace coverage {

/// True for a GDAL virtual path ("/vsizip/...", "/vsigzip/...", any "/vsi.../").
bool is_vsi_path(std::string_view path);

/// The path to open for an input that may be compressed:
///   "x.csv.gz"                  -> "/vsigzip/x.csv.gz"
///   "x.zip" holding one CSV     -> "/vsizip/x.zip/x.csv" (read by the CSV reader)
///   "x.zip" holding several     -> InputError listing them: name one as /vsizip/x.zip/NAME
///     CSVs
///   "x.zip" with no CSV         -> "/vsizip/x.zip" (GDAL opens what is inside: a shapefile, ...)
///   "/vsizip/x.zip/NAME"        -> unchanged when NAME is in the archive, else InputError
///                                  naming what is (and the nearest name)
/// Anything else is returned unchanged.
std::string resolve_compressed(const std::string& path);

/// The whole content of a GDAL virtual file (decompressed). Throws InputError; a missing
/// member of an archive is named with the archive's contents.
std::string read_vsi_file(const std::string& path);

} // namespace coverage
