#pragma once
// SHA-256 of input files, for the provenance block of a run's summary.
#include <string>
#include <thread>

namespace coverage {

/// SHA-256 of a file's bytes as lower-case hex; empty if `path` is not a regular file.
std::string file_sha256(const std::string& path);

/// Computes a file's SHA-256 into `out`: on its own thread when `threads` > 1 (beside the
/// parsing, which reads the same file), else at once. Joins when destroyed.
class ChecksumTask {
public:
    ChecksumTask(const std::string& path, int threads, std::string& out);
    ~ChecksumTask();
    ChecksumTask(const ChecksumTask&) = delete;
    ChecksumTask& operator=(const ChecksumTask&) = delete;

private:
    std::thread thread_;
};

} // namespace coverage
