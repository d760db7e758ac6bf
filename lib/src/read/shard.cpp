#include "read/shard.hpp"

#include "coverage/error.hpp"
#include "coverage/numbers.hpp"

#include <charconv>
#include <fmt/format.h>

namespace coverage {

std::string Shard::label() const { return fmt::format("{}/{}", index, count); }

std::uint64_t fnv1a64(std::string_view bytes)
{
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::uint32_t shard_of(std::string_view id, std::uint32_t count)
{
    id = trim(id);
    if (count <= 1 || id.empty()) return 0;
    return static_cast<std::uint32_t>(fnv1a64(id) % count);
}

Shard parse_shard(std::string_view text, std::string_view option)
{
    auto number = [](std::string_view s, std::uint32_t& v) {
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return !s.empty() && ec == std::errc() && p == s.data() + s.size();
    };
    const auto slash = text.find('/');
    Shard s;
    if (slash == std::string_view::npos || !number(text.substr(0, slash), s.index) ||
        !number(text.substr(slash + 1), s.count) || s.count == 0 || s.index >= s.count)
        throw UsageError(fmt::format("{} '{}': give I/N with 0 <= I < N, e.g. {} 0/4 (in a Slurm array: "
                                     "{} $SLURM_ARRAY_TASK_ID/4)",
                                     option, text, option, option));
    return s;
}

// Yields the rows of one shard; every other call is the wrapped reader's.
class ShardReader final : public TableReader {
public:
    ShardReader(std::unique_ptr<TableReader> inner, int id_column, const Shard& shard,
                std::shared_ptr<std::atomic<std::uint64_t>> skipped)
        : TableReader(inner->path()),
          inner_(std::move(inner)),
          id_(id_column),
          shard_(shard),
          skipped_(std::move(skipped))
    {
        set_columns(inner_->columns());
    }
    ~ShardReader() override
    {
        if (!root_) skipped_->fetch_add(local_, std::memory_order_relaxed);
    }
    ShardReader(const ShardReader&) = delete;
    ShardReader& operator=(const ShardReader&) = delete;

    void make_root() { root_ = true; }
    [[nodiscard]] std::uint64_t local() const { return local_; }

    bool next() override
    {
        while (inner_->next()) {
            if (shard_of(inner_->field(id_), shard_.count) == shard_.index) return true;
            ++local_;
        }
        return false;
    }
    [[nodiscard]] std::string_view field(int column) const override { return inner_->field(column); }
    [[nodiscard]] std::size_t field_count() const override { return inner_->field_count(); }
    [[nodiscard]] std::string where() const override { return inner_->where(); }
    [[nodiscard]] std::uint64_t row_number() const override { return inner_->row_number(); }
    [[nodiscard]] std::optional<std::string> row_problem() const override { return inner_->row_problem(); }
    [[nodiscard]] const OGRSpatialReference* spatial_reference() const override { return inner_->spatial_reference(); }
    [[nodiscard]] bool has_geometry() const override { return inner_->has_geometry(); }
    [[nodiscard]] std::optional<RowPoint> point() const override { return inner_->point(); }
    [[nodiscard]] std::optional<std::string> geometry_problem() const override { return inner_->geometry_problem(); }
    [[nodiscard]] const OGRGeometry* geometry() const override { return inner_->geometry(); }
    [[nodiscard]] bool is_csv() const override { return inner_->is_csv(); }
    [[nodiscard]] char delimiter() const override { return inner_->delimiter(); }
    [[nodiscard]] bool splittable() const override { return inner_->splittable(); }
    // Only this shard's rows are kept: reserve for them, not for the whole file.
    [[nodiscard]] std::size_t estimated_rows() const override
    {
        const std::size_t all = inner_->estimated_rows();
        return all == 0 ? 0 : all / shard_.count + 1;
    }
    std::unique_ptr<TableReader> next_block(std::size_t bytes) override
    {
        auto block = inner_->next_block(bytes);
        if (!block) return nullptr;
        return std::make_unique<ShardReader>(std::move(block), id_, shard_, skipped_);
    }

private:
    std::unique_ptr<TableReader> inner_;
    int id_;
    Shard shard_;
    std::shared_ptr<std::atomic<std::uint64_t>> skipped_; // blocks add their count when done
    std::uint64_t local_ = 0;
    bool root_ = false;
};

ShardFilter::ShardFilter(std::unique_ptr<TableReader>& in, int id_column, const Shard& shard, InputAccount& account)
    : account_(account)
{
    if (shard.whole() || id_column < 0) return;
    skipped_ = std::make_shared<std::atomic<std::uint64_t>>(0);
    auto reader = std::make_unique<ShardReader>(std::move(in), id_column, shard, skipped_);
    reader->make_root();
    root_ = reader.get();
    in = std::move(reader);
}

ShardFilter::~ShardFilter() { settle(); }

void ShardFilter::settle()
{
    if (!root_) return;
    const std::uint64_t total = skipped_->load(std::memory_order_relaxed) + root_->local();
    account_.read += total - settled_;
    account_.skipped += total - settled_;
    settled_ = total;
}

} // namespace coverage
