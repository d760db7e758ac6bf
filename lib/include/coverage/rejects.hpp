#pragma once
// Input accounting: every row read is either used or rejected with a reason, per input.
#include <cstdint>
#include <string>
#include <thread>
#include <string_view>
#include <vector>

namespace coverage {

struct Reject {
    std::string file;
    std::uint64_t row = 0;  // line number for CSV (header = 1), sheet row for XLSX/ODS, feature number otherwise
    std::string field;
    std::string value;
    std::string reason;
};

struct InputAccount {
    std::string role;  // "addresses", "offers", "footprints", ...
    std::string file;
    std::string sha256;  // of the file's bytes; empty for non-files (PG:, stdin)
    std::uint64_t read = 0;
    std::uint64_t used = 0;
    std::uint64_t rejected = 0;
    std::uint64_t repaired = 0;  // used after repair (invalid polygons made valid)
};

class RejectLog {
public:
    void add(Reject r) { rejects_.push_back(std::move(r)); }
    [[nodiscard]] const std::vector<Reject>& rejects() const { return rejects_; }
    [[nodiscard]] std::size_t size() const { return rejects_.size(); }

private:
    std::vector<Reject> rejects_;
};

/// At most `limit` bytes of a rejected value for the rejects file, cut before a UTF-8
/// continuation byte so the file stays valid UTF-8.
inline std::string clip_value(std::string_view value, std::size_t limit = 200)
{
    if (value.size() <= limit) return std::string(value);
    while (limit > 0 && (static_cast<unsigned char>(value[limit]) & 0xC0) == 0x80) --limit;
    return std::string(value.substr(0, limit));
}

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

/// Quotes a CSV field when it needs it (RFC 4180).
std::string csv_field(std::string_view s);

} // namespace coverage
