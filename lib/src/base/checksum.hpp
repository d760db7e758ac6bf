#pragma once
// SHA-256 of inputs, for the provenance block of a run's summary: what was read, as far as
// it can be read twice.
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <thread>

namespace coverage {

/// SHA-256 (lower-case hex) of what a run reads from `path`:
///   a regular file: its bytes; a Shapefile (.shp): the .shp, then each of its .shx, .dbf,
///     .prj and .cpg that exists, in that order, as one stream (a changed .dbf changes it);
///   a GDAL virtual path (/vsizip/a.zip/b.csv, /vsigzip/b.csv.gz, ...): the decompressed
///     bytes GDAL reads, not the archive;
///   empty for what cannot be read twice or is not a file: "-" (stdin), a pipe, PG: (see
///     substitute_sha256) and a path that does not exist.
std::string source_sha256(const std::string& path);

/// The documented stand-in for a database source: SHA-256 of the text
/// "<source with password masked>\n<layer>\n<rows read>" (the database's bytes cannot be
/// hashed; this changes when the source, the layer or the row count does).
std::string substitute_sha256(std::string_view source, std::string_view layer, std::uint64_t rows);

/// Computes source_sha256(path) into `out`: on its own thread when `threads` > 1 (beside the
/// parsing, which reads the same file), else at once. wait() joins and rethrows what the
/// thread threw (no exception leaves the thread); the destructor only joins.
class ChecksumTask {
public:
    ChecksumTask(const std::string& path, int threads, std::string& out);
    ~ChecksumTask();
    void wait();
    ChecksumTask(const ChecksumTask&) = delete;
    ChecksumTask& operator=(const ChecksumTask&) = delete;

private:
    std::thread thread_;
    std::exception_ptr error_;
};

} // namespace coverage
