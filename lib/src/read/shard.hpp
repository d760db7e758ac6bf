#pragma once
// Reading one shard: a TableReader that passes over the rows of other shards (coverage/shard.hpp
// says which rows belong where), so the address table and the per-address accumulators hold
// only this shard's addresses (memory ~1/N) and every offer row is accounted in one shard.
#include "coverage/accounting.hpp"
#include "coverage/shard.hpp"
#include "read/table_reader.hpp"

#include <atomic>
#include <memory>

namespace coverage {

class ShardReader;

/// Installed at the top of a reading function, once the id column is known:
///     const ShardFilter shard(in, id_col, options.shard, account);
/// replaces `in` by a reader that yields only this shard's rows (nothing changes for a whole
/// run). The rows passed over are added to account.read and account.skipped by settle() or,
/// at the latest, when the filter goes out of scope (before `in` does), so for every input
/// read = used + rejected + skipped.
class ShardFilter {
public:
    ShardFilter(std::unique_ptr<TableReader>& in, int id_column, const Shard& shard, InputAccount& account);
    ~ShardFilter();
    ShardFilter(const ShardFilter&) = delete;
    ShardFilter& operator=(const ShardFilter&) = delete;
    /// Moves the count of rows passed over so far into the account (idempotent for those rows).
    void settle();

private:
    ShardReader* root_ = nullptr;
    std::shared_ptr<std::atomic<std::uint64_t>> skipped_;
    InputAccount& account_;
    std::uint64_t settled_ = 0;
};

} // namespace coverage
