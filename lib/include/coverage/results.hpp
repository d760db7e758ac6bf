#pragma once
// Per-address results of `coverage classify`, read back for aggregate / summary / diff.
// Any of classify's output formats: CSV (our own reader, "-" = stdin) or GeoJSON, GeoPackage,
// FlatGeobuf (GDAL). Several files are read as one table in the order given (shards); an id
// that appears twice is an error, because summing overlapping shards would count twice.
#include "coverage/options.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coverage {

/// Names of the fixed columns of every classify output (the results contract), in the
/// order they are written; any --keep columns follow. The writers' schema table
/// (lib/src/write/result_schema.cpp) and the results reader both use these names.
namespace result_column {
inline constexpr std::string_view id = "id", lon = "lon", lat = "lat", units = "units", category = "category",
                                  class_name = "class", tier = "tier", eligible = "eligible",
                                  best_down_mbps = "best_down_mbps", best_up_mbps = "best_up_mbps",
                                  best_technology = "best_technology", networks = "networks",
                                  gigabit_networks = "gigabit_networks", planned_gigabit = "planned_gigabit",
                                  gigabit_planned_date = "gigabit_planned_date", nearest_route_m = "nearest_route_m",
                                  reason = "reason", providers = "providers", profile = "profile",
                                  profile_version = "profile_version", as_of = "as_of",
                                  coverage_version = "coverage_version"; // the last four: RunStamp
} // namespace result_column

/// The fixed result column names in output order.
const std::vector<std::string>& result_columns();

/// What produced a result: the profile, its version, the as-of date and the tool version.
/// Every output format of classify carries it in the columns profile, profile_version, as_of
/// and coverage_version (the same on every row of one run), so diff can tell when two runs
/// are not comparable. Empty fields: not recorded (results written before coverage recorded runs).
struct RunStamp {
    std::string profile, profile_version, as_of, coverage_version;
    bool operator==(const RunStamp&) const = default;
    [[nodiscard]] bool recorded() const { return !profile.empty() || !as_of.empty() || !coverage_version.empty(); }
};
/// This build's version (PROJECT_VERSION, e.g. "0.1.0").
const char* coverage_version();

/// A column of text values held compactly. Interned (the default): one copy of each distinct
/// value and a 16-bit code per row, which suits the few-valued columns of a result (class,
/// tier, reason, providers, numbers with a few values); when a column turns out
/// to have more than max_interned distinct values it becomes an arena. Arena: the values end to
/// end in one buffer and a 64-bit end offset per row (ids). Values read back as string_views, valid
/// until the column is changed.
class TextColumn {
public:
    enum class Storage : std::uint8_t { interned, arena };
    static constexpr std::size_t max_interned = std::size_t{1} << 16;

    explicit TextColumn(Storage storage = Storage::interned);
    /// `n` empty values.
    explicit TextColumn(std::size_t n, Storage storage = Storage::interned);
    TextColumn(std::initializer_list<std::string_view> values, Storage storage = Storage::interned);
    TextColumn(const TextColumn& other);
    TextColumn(TextColumn&&) noexcept;
    TextColumn& operator=(const TextColumn& other);
    TextColumn& operator=(TextColumn&&) noexcept;
    ~TextColumn();

    [[nodiscard]] std::size_t size() const { return interned() ? codes_.size() : ends_.size(); }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] bool interned() const { return storage_ == Storage::interned; }
    [[nodiscard]] std::string_view operator[](std::size_t row) const
    {
        if (interned()) return values_[codes_[row]];
        const std::uint64_t begin = row == 0 ? 0 : ends_[row - 1];
        return {chars_.data() + begin, static_cast<std::size_t>(ends_[row] - begin)};
    }
    void push_back(std::string_view value);
    void reserve(std::size_t rows);
    /// Gives back the room kept for growth (after the last row).
    void shrink_to_fit();
    /// Rows reordered: row k of the result is row order[k] of this column.
    void permute(const std::vector<std::size_t>& order);
    /// The distinct values, sorted (byte order), each once.
    [[nodiscard]] std::vector<std::string> distinct() const;
    /// f(value) of every row, f called once per distinct value of an interned column.
    template <class T, class F>
    [[nodiscard]] std::vector<T> per_row(F&& f) const
    {
        std::vector<T> out;
        out.reserve(size());
        if (interned()) {
            std::vector<T> of_value;
            of_value.reserve(values_.size());
            for (const auto& v : values_) of_value.push_back(f(std::string_view(v)));
            for (const std::uint16_t c : codes_) out.push_back(of_value[c]);
        } else {
            for (std::size_t i = 0; i < size(); ++i) out.push_back(f((*this)[i]));
        }
        return out;
    }
    /// Interned columns: the distinct values in order of first appearance, and each row's
    /// index into them (both empty for an arena column).
    [[nodiscard]] const std::vector<std::string>& values() const { return values_; }
    [[nodiscard]] const std::vector<std::uint16_t>& codes() const { return codes_; }

private:
    struct Index; // value -> code, while interning
    void to_arena();
    Storage storage_;
    std::vector<std::string> values_;
    std::vector<std::uint16_t> codes_;
    std::unique_ptr<Index> index_;
    std::string chars_;
    std::vector<std::uint64_t> ends_;
};

struct ResultTable {
    TextColumn id{TextColumn::Storage::arena};
    std::vector<double> lon, lat; // WGS84; NaN when the row has no coordinates
    std::vector<std::uint32_t> units;
    TextColumn category, class_name, tier, reason, providers;
    std::vector<std::uint8_t> eligible; // 1 / 0
    /// Every other column (best_down_mbps, networks, ..., and --keep columns such as
    /// district), as text, in the order first met across the inputs; only those asked for
    /// when read with a ResultSelection (all_extra_names lists every one read past).
    std::vector<std::string> extra_names, all_extra_names;
    std::vector<TextColumn> extra; // extra[k][row]; "" when a shard lacks it
    /// Where each row came from: input index and row number (line or feature).
    std::vector<std::uint32_t> input;
    std::vector<std::uint64_t> source_row;
    std::vector<std::string> inputs; // paths, as given (connection strings with the password masked)
    /// The distinct run stamps of the rows, in the order first met (one for one run).
    std::vector<RunStamp> runs;

    [[nodiscard]] std::size_t size() const { return id.size(); }
    /// Index of an extra column by name (case-insensitive), or -1.
    [[nodiscard]] int extra_column(std::string_view name) const;
    /// Text of column `name` (a fixed result column or an extra) at `row`; throws
    /// InputError naming the inputs when the column does not exist.
    [[nodiscard]] const TextColumn& text_column(std::string_view name) const;
    /// "file:line N" of a row, for messages.
    [[nodiscard]] std::string where(std::size_t row) const;
    /// Gives back every column's room kept for growth (a table read by push_back holds up to
    /// twice its rows until then).
    void shrink_to_fit();
};

/// What a command needs of the results; the rest is checked as it is read but not kept.
struct ResultSelection {
    bool coordinates = true; // lon, lat (left empty when false)
    bool units = true;       // units (left empty when false)
    bool all_extras = true;  // every extra column; when false, only those named in extras
    std::vector<std::string> extras;
};

/// Reads and concatenates result files. When every file carries the input_order column (the
/// shards of one `classify --shard` run), the rows are put in the order of one unsharded run
/// and that column is dropped, so a set of shards reads exactly as their merged file. Throws InputError (missing
/// id/class column, a bad value naming file, row, field and value, a duplicate id naming both places).
ResultTable read_results(const std::vector<std::string>& paths, const ReadOptions& options = {},
                         const ResultSelection& keep = {});

/// Class words in their regime's order: the order of the first built-in profile (by name)
/// whose classes include every word (BEAD: unserved, underserved, served; gigabit: white,
/// grey, served). Otherwise the documented order: white, grey, served, black, under_review,
/// unserved, underserved, dark_grey, below_uso, decent, superfast, ultrafast, gigabit, then
/// any other word alphabetically. Empty words are left out.
std::vector<std::string> ordered_classes(const std::vector<std::string>& words);
/// Tier words, from slowest to fastest as the built-in profiles name them (none, unserved,
/// below_uso, basic, decent, nga, superfast, underserved, ngaplus, served, ultrafast, vhcn,
/// gigabit_rl2, gigabit), then any other word alphabetically.
std::vector<std::string> ordered_tiers(const std::vector<std::string>& words);

} // namespace coverage
