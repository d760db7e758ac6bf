#pragma once
// Output files written by GDAL drivers go through a pass-through virtual file system that
// records failed writes (full disk, I/O errors), because some GDAL 3.6 drivers ignore them.
#include <cstdint>
#include <optional>
#include <string>

namespace coverage::gdal {

/// The GDAL file name that writes `path` through the checking handler.
std::string checked_path(const std::string& path);

/// Notes whether any write through checked paths failed since construction.
class WriteWatch {
public:
    WriteWatch();
    /// The reason of a failed write since construction (e.g. "No space left on device"), or empty.
    [[nodiscard]] std::optional<std::string> failure() const;

private:
    std::uint64_t start_;
};

} // namespace coverage::gdal
