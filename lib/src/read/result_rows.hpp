#pragma once
// One result file of coverage classify, row by row (the streaming half of read_results): the
// typed columns parsed and checked, every other column as text. read_results() collects the
// rows of several files into a ResultTable; `coverage merge` streams the shards through it,
// so merging holds a block of rows per shard, not the whole country.
#include "coverage/options.hpp"
#include "read/table_reader.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

class OGRCoordinateTransformation;

namespace coverage {

/// The current row's typed columns; views valid until the next call of next().
struct ResultRecord {
    std::string_view id, category, class_name, tier, reason, providers;
    double lon = 0, lat = 0; // NaN when the row has no coordinates
    std::uint32_t units = 1;
    std::uint8_t eligible = 0;
    /// The run stamp columns (profile, profile_version, as_of, coverage_version), trimmed;
    /// empty when the file has none.
    std::string_view stamp[4];
};

class ResultRows {
public:
    /// Opens a result file and finds its columns. Throws InputError when it does not look
    /// like a classify output (no id, class or eligible column).
    ResultRows(const std::string& path, const ReadOptions& options);
    ~ResultRows();
    ResultRows(const ResultRows&) = delete;
    ResultRows& operator=(const ResultRows&) = delete;

    /// Reads and checks the next row (InputError naming file, row, field and value); false at the end.
    bool next(ResultRecord& row);
    /// The columns not read into ResultRecord, in file order, and their text in the current row.
    [[nodiscard]] const std::vector<std::string>& extra_names() const { return extra_names_; }
    [[nodiscard]] std::string_view extra(std::size_t k) const { return in_->field(extra_cols_[k]); }
    [[nodiscard]] std::string where() const { return in_->where(); }
    [[nodiscard]] std::uint64_t row_number() const { return in_->row_number(); }
    [[nodiscard]] const std::string& shown() const { return shown_; }
    /// The rows left to read, estimated from the file's size (0: unknown).
    [[nodiscard]] std::size_t estimated_rows() const { return in_->estimated_rows(); }

private:
    double number(int col, int kind, const char* field) const;
    std::unique_ptr<TableReader> in_;
    std::string shown_;
    int c_id_ = -1, c_class_ = -1, c_lon_ = -1, c_lat_ = -1, c_units_ = -1, c_cat_ = -1, c_tier_ = -1, c_elig_ = -1,
        c_reason_ = -1, c_prov_ = -1;
    int c_stamp_[4] = {-1, -1, -1, -1};
    std::vector<std::string> extra_names_;
    std::vector<int> extra_cols_;
    bool use_geometry_ = false;
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84_;
};

} // namespace coverage
