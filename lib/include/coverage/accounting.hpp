#pragma once
// Input accounting: every row read is either used or rejected with a reason, per input.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

struct Reject {
    std::string file;
    std::uint64_t row = 0; // line number for CSV (header = 1), sheet row for XLSX/ODS, feature number otherwise
    std::string field;
    std::string value;
    std::string reason;
};

struct InputAccount {
    std::string role; // "addresses", "offers", "footprints", ...
    std::string file;
    std::string sha256; // of the file's bytes; empty for non-files (PG:, stdin)
    std::uint64_t read = 0;
    std::uint64_t used = 0;
    std::uint64_t rejected = 0;
    std::uint64_t repaired = 0; // used after repair (invalid polygons made valid)
    std::uint64_t skipped = 0;  // rows of other shards (classify --shard): read = used + rejected + skipped
};

class RejectLog {
public:
    void add(Reject r) { rejects_.push_back(std::move(r)); }
    [[nodiscard]] const std::vector<Reject>& rejects() const { return rejects_; }
    [[nodiscard]] std::size_t size() const { return rejects_.size(); }

private:
    std::vector<Reject> rejects_;
};

} // namespace coverage
