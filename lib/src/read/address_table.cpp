#include "read/address_table.hpp"

#include <algorithm>
#include <cstring>

namespace coverage {
namespace {

// A fast 64-bit hash for short keys (ids are typically 8-32 bytes): 8-byte words mixed with
// odd multipliers and xor-shifts (after splitmix64 and wyhash). Not for untrusted adversaries.
std::uint64_t hash_key(std::string_view s)
{
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (s.size() * 0xC2B2AE3D27D4EB4FULL);
    const char* p = s.data();
    std::size_t n = s.size();
    while (n >= 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    if (n) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        h = (h ^ w) * 0x94D049BB133111EBULL;
        h ^= h >> 29;
    }
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
}

constexpr std::uint64_t tag_of(std::uint64_t h) { return h & 0xFFFFFFFF00000000ULL; }

} // namespace

void StringColumn::push_back(std::string_view s)
{
    if (s.empty() && ends_.empty()) {
        ++size_;
        return;
    }
    if (ends_.empty() && size_ > 0) {
        // The first non-empty value: earlier rows become explicit empty strings.
        text_.assign(size_, '\0');
        ends_.resize(size_);
        for (std::size_t i = 0; i < size_; ++i) ends_[i] = i + 1;
    }
    text_.append(s);
    text_.push_back('\0');
    ends_.push_back(text_.size());
    ++size_;
}

void StringColumn::reserve(std::size_t rows, std::size_t bytes)
{
    ends_.reserve(rows);
    text_.reserve(bytes + rows);
}

void CodeColumn::push_back(std::string_view s)
{
    // Almost every row repeats the previous row's value or one of a handful.
    if (!codes_.empty() && names_[codes_.back()] == s) {
        codes_.push_back(codes_.back());
        return;
    }
    auto [it, added] =
        index_.try_emplace(absl::string_view(s.data(), s.size()), static_cast<std::uint32_t>(names_.size()));
    if (added) names_.emplace_back(s);
    codes_.push_back(it->second);
}

std::int64_t IdIndex::find(std::string_view key, const StringColumn& ids) const
{
    if (slots_.empty()) return -1;
    const std::uint64_t h = hash_key(key);
    const std::uint64_t tag = tag_of(h);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) return -1;
        if (tag_of(slot) == tag) {
            const std::uint32_t row = static_cast<std::uint32_t>(slot) - 1;
            if (ids[row] == key) return row;
        }
    }
}

void IdIndex::find_many(const std::string_view* keys, std::size_t n, std::int64_t* rows, const StringColumn& ids) const
{
    if (slots_.empty()) {
        for (std::size_t i = 0; i < n; ++i) rows[i] = -1;
        return;
    }
    const std::size_t mask = slots_.size() - 1;
    constexpr std::size_t batch = 16;
    std::uint64_t hash[batch];
    std::int64_t candidate[batch];
    for (std::size_t base = 0; base < n; base += batch) {
        const std::size_t m = std::min(batch, n - base);
        // 1. hash every key and start loading its home slot
        for (std::size_t k = 0; k < m; ++k) {
            hash[k] = hash_key(keys[base + k]);
            __builtin_prefetch(&slots_[hash[k] & mask]);
        }
        // 2. the first slot whose tag matches: its row's offsets next
        for (std::size_t k = 0; k < m; ++k) {
            candidate[k] = -1;
            const std::uint64_t tag = tag_of(hash[k]);
            for (std::size_t i = hash[k] & mask;; i = (i + 1) & mask) {
                const std::uint64_t slot = slots_[i];
                if (slot == 0) break;
                if (tag_of(slot) == tag) {
                    candidate[k] = static_cast<std::uint32_t>(slot) - 1;
                    ids.prefetch_row(static_cast<std::size_t>(candidate[k]));
                    break;
                }
            }
        }
        // 3. its text
        for (std::size_t k = 0; k < m; ++k)
            if (candidate[k] >= 0) ids.prefetch_text(static_cast<std::size_t>(candidate[k]));
        // 4. compare; a tag collision (rare) falls back to the full probe
        for (std::size_t k = 0; k < m; ++k) {
            const std::string_view key = keys[base + k];
            if (candidate[k] < 0) rows[base + k] = -1;
            else if (ids[static_cast<std::size_t>(candidate[k])] == key) rows[base + k] = candidate[k];
            else rows[base + k] = find(key, ids);
        }
    }
}

std::uint64_t IdIndex::hash(std::string_view key) { return hash_key(key); }

std::int64_t IdIndex::insert(std::string_view key, std::uint32_t row, const StringColumn& ids)
{
    return insert(key, hash_key(key), row, ids);
}

std::int64_t IdIndex::insert(std::string_view key, std::uint64_t h, std::uint32_t row, const StringColumn& ids)
{
    if ((used_ + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 1024 : slots_.size() * 2, ids);
    const std::uint64_t tag = tag_of(h);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) {
            slots_[i] = tag | (static_cast<std::uint64_t>(row) + 1);
            ++used_;
            return -1;
        }
        if (tag_of(slot) == tag) {
            const std::uint32_t other = static_cast<std::uint32_t>(slot) - 1;
            if (ids[other] == key) return other;
        }
    }
}

void IdIndex::reserve(std::size_t n, const StringColumn& ids)
{
    std::size_t cap = 1024;
    while (cap * 3 < n * 4) cap *= 2;
    if (cap > slots_.size()) rehash(cap, ids);
}

void IdIndex::rehash(std::size_t capacity, const StringColumn& ids)
{
    std::vector<std::uint64_t> old(capacity, 0);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const std::uint64_t slot : old) {
        if (slot == 0) continue;
        const std::uint32_t row = static_cast<std::uint32_t>(slot) - 1;
        std::size_t i = hash_key(ids[row]) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

std::uint32_t AddressTable::add_id_only(std::string_view key, std::uint64_t line)
{
    const auto row = static_cast<std::uint32_t>(id.size());
    index_.insert(key, row, id);
    id.push_back(key);
    units.push_back(1);
    source_row.push_back(line);
    category.push_back({});
    street.push_back({});
    housenumber.push_back({});
    postcode.push_back({});
    return row;
}

void AddressTable::reserve(std::size_t rows)
{
    id.reserve(rows, rows * 16);
    x.reserve(rows);
    y.reserve(rows);
    lon.reserve(rows);
    lat.reserve(rows);
    units.reserve(rows);
    source_row.reserve(rows);
    category.reserve(rows);
    index_.reserve(rows, id);
}

bool AddressTable::add_index(std::string_view key, std::uint32_t row) { return index_.insert(key, row, id) < 0; }

} // namespace coverage
