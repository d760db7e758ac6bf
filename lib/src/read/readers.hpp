#pragma once
// The two implementations behind TableReader::open (internal to the read stage).
#include "read/table_reader.hpp"

#include <memory>
#include <string>

namespace coverage {

/// CSV/TSV/TXT files and "-" (standard input).
std::unique_ptr<TableReader> open_csv_table(const std::string& path, const ReadOptions& options);
/// All bytes of a file in GDAL's virtual file systems (/vsigzip/, /vsizip/, ...); `name` for
/// messages. Throws InputError.
std::string read_vsi_file(const std::string& vsi_path, const std::string& name);
/// Any other vector source GDAL opens.
std::unique_ptr<TableReader> open_gdal_table(const std::string& path, const ReadOptions& options);

} // namespace coverage
