#pragma once
// FCC BDC files and city address lists come as .zip as published. A .zip that holds one CSV
// is read as that CSV (through /vsizip/ by the CSV reader, see vsi_csv_path in
// table_reader.hpp), and a /vsizip/ path naming a member the archive does not hold is an
// error that lists what it holds.
#include <string>

namespace coverage {

/// The path to open for an input that may be a zip archive:
///   "x.zip" holding one CSV       -> "/vsizip/x.zip/x.csv"
///   "x.zip" holding several CSVs  -> InputError listing them: name one as /vsizip/x.zip/NAME
///   "x.zip" with no CSV           -> "/vsizip/x.zip" (GDAL opens what is inside: a shapefile, ...)
///   "/vsizip/x.zip/NAME"          -> unchanged when NAME is in the archive, else InputError
///                                    naming what it holds (and the nearest name)
/// Anything else (x.csv.gz included: vsi_csv_path handles it) is returned unchanged.
std::string resolve_archive_path(const std::string& path);

} // namespace coverage
