#pragma once
// Shards: one run split into N independent runs that any batch scheduler can start (GNU
// parallel, Slurm job arrays, Kubernetes Indexed Jobs), merged back by `coverage merge`.
//
// A row belongs to the shard of its address id: FNV-1a 64 of the id's UTF-8 bytes (surrounding
// spaces trimmed, as the readers trim ids) modulo N. A row with an empty id belongs to shard 0.
// The hash is defined on bytes, so every machine and every build agrees.
#include <cstdint>
#include <string>
#include <string_view>

namespace coverage {

struct Shard {
    std::uint32_t index = 0;
    std::uint32_t count = 1; // 1: the whole run (no sharding)
    [[nodiscard]] bool whole() const { return count <= 1; }
    [[nodiscard]] std::string label() const; // "I/N"
};

/// FNV-1a 64: offset basis 14695981039346656037, prime 1099511628211, over the bytes.
std::uint64_t fnv1a64(std::string_view bytes);
/// The shard (0 .. count-1) of an address id: fnv1a64(trimmed id) % count; 0 for an empty id.
std::uint32_t shard_of(std::string_view id, std::uint32_t count);
/// Parses "I/N" (0 <= I < N, N >= 1). Throws UsageError naming `option`.
Shard parse_shard(std::string_view text, std::string_view option = "--shard");

/// The column sharded classify outputs add (last): a number that sorts rows into the order of
/// one unsharded run. read_results() and `coverage merge` use it and drop it.
inline constexpr std::string_view input_order_column = "input_order";

} // namespace coverage
