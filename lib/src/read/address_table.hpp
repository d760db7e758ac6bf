#pragma once
// The address layer as columns: one entry per used address row, in input order.
#include "coverage/accounting.hpp"
#include "coverage/options.hpp"
#include "read/table_reader.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coverage {

/// The strings of one column in one arena: 8 bytes per row plus the text (NUL-terminated, for
/// C APIs), and nothing at all while every value is empty, so an absent column costs no memory.
class StringColumn {
public:
    void push_back(std::string_view s);
    /// Read-only (const, so `column[i] = x` does not compile: the column is append-only).
    [[nodiscard]] const std::string_view operator[](std::size_t i) const
    {
        if (ends_.empty()) return {};
        const std::uint64_t begin = i ? ends_[i - 1] : 0;
        return {text_.data() + begin, static_cast<std::size_t>(ends_[i] - begin - 1)};
    }
    [[nodiscard]] const char* c_str(std::size_t i) const
    {
        return ends_.empty() ? "" : text_.data() + (i ? ends_[i - 1] : 0);
    }
    [[nodiscard]] std::size_t size() const { return size_; }
    void reserve(std::size_t rows, std::size_t bytes);
    /// Hints the cache to load the offsets of row i (first step of reading it).
    void prefetch_row(std::size_t i) const
    {
        if (!ends_.empty()) __builtin_prefetch(&ends_[i ? i - 1 : 0]);
    }
    /// Hints the cache to load the text of row i (needs its offsets).
    void prefetch_text(std::size_t i) const
    {
        if (!ends_.empty()) __builtin_prefetch(text_.data() + (i ? ends_[i - 1] : 0));
    }

private:
    std::string text_;                // values, each followed by a NUL
    std::vector<std::uint64_t> ends_; // end of each value (after its NUL); empty while all are empty
    std::size_t size_ = 0;
};

/// A column of few distinct values (category): 4 bytes per row and each text once.
class CodeColumn {
public:
    void push_back(std::string_view s);
    [[nodiscard]] const std::string_view operator[](std::size_t i) const { return names_[codes_[i]]; }
    [[nodiscard]] const char* c_str(std::size_t i) const { return names_[codes_[i]].c_str(); }
    [[nodiscard]] std::size_t size() const { return codes_.size(); }
    void reserve(std::size_t rows) { codes_.reserve(rows); }

private:
    std::vector<std::uint32_t> codes_;
    std::vector<std::string> names_;
    absl::flat_hash_map<std::string, std::uint32_t> index_;
};

/// Address id -> row: open addressing over 8-byte slots (32 bits of the hash, row + 1), the
/// ids themselves stay in the table's id column. Memory ~11-21 bytes per address.
class IdIndex {
public:
    /// Row of `key` among `ids`, or -1.
    [[nodiscard]] std::int64_t find(std::string_view key, const StringColumn& ids) const;
    /// find() for many keys at once, overlapping their memory accesses (prefetching each step
    /// a batch ahead): at national scale every look-up misses the cache several times.
    void find_many(const std::string_view* keys, std::size_t n, std::int64_t* rows, const StringColumn& ids) const;
    /// Inserts `key` as `row` unless present; returns the existing row, or -1 when inserted.
    std::int64_t insert(std::string_view key, std::uint32_t row, const StringColumn& ids);
    /// The same with the key's hash() computed beforehand (e.g. on another thread).
    std::int64_t insert(std::string_view key, std::uint64_t hash, std::uint32_t row, const StringColumn& ids);
    [[nodiscard]] static std::uint64_t hash(std::string_view key);
    /// Hints the cache to load the home slot of a key with this hash.
    void prefetch(std::uint64_t hash) const
    {
        if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
    }
    void reserve(std::size_t n, const StringColumn& ids);

private:
    void rehash(std::size_t capacity, const StringColumn& ids);
    std::vector<std::uint64_t> slots_;
    std::size_t used_ = 0;
};

struct AddressTable {
    StringColumn id;
    std::vector<double> x, y;     // source coordinates (NaN when the table has no geometry)
    std::vector<double> lon, lat; // WGS84, for output
    std::vector<std::uint32_t> units;
    std::vector<std::uint64_t> source_row; // line/feature number in the input (0: id-only)
    CodeColumn category;
    StringColumn street, housenumber, postcode;
    std::vector<std::string> keep_names;
    std::vector<StringColumn> keep; // keep[k][row]
    bool has_geometry = false;
    std::string source_crs;     // e.g. "EPSG:25832"
    std::string source_crs_wkt; // the full definition, for transformations

    [[nodiscard]] std::size_t size() const { return id.size(); }
    /// Row of an id, or empty.
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const
    {
        const std::int64_t row = index_.find(key, id);
        if (row < 0) return std::nullopt;
        return static_cast<std::uint32_t>(row);
    }
    /// Rows of many ids at once (-1: absent); faster than find() one by one.
    void find_many(const std::string_view* keys, std::size_t n, std::int64_t* rows) const
    {
        index_.find_many(keys, n, rows, id);
    }
    /// Adds an id-only address (offers without an address layer), first seen at `line` of
    /// an offers file (its source_row). Returns its row.
    std::uint32_t add_id_only(std::string_view key, std::uint64_t line = 0);
    /// Indexes `key` as `row` (the next row, about to be added); false if the id is already present.
    bool add_index(std::string_view key, std::uint32_t row);
    /// add_index with IdIndex::hash(key) computed beforehand; prefetch_index(hash) a few rows
    /// ahead hides the look-up's cache miss.
    bool add_index(std::string_view key, std::uint64_t hash, std::uint32_t row)
    {
        return index_.insert(key, hash, row, id) < 0;
    }
    void prefetch_index(std::uint64_t hash) const { index_.prefetch(hash); }
    /// Room for about `rows` addresses (a guess from the input's size: avoids regrowing).
    void reserve(std::size_t rows);

    /// Remembers the line/feature of an address row that was rejected, so an offer for it can
    /// say why it does not join (first rejection of an id wins).
    void note_rejected(std::string_view key, std::uint64_t line)
    {
        if (!key.empty()) rejected_.try_emplace(std::string(key), line);
    }
    /// Line/feature of the rejected address row with this id, or empty.
    [[nodiscard]] std::optional<std::uint64_t> rejected_row(std::string_view key) const
    {
        auto it = rejected_.find(absl::string_view(key.data(), key.size()));
        if (it == rejected_.end()) return std::nullopt;
        return it->second;
    }

private:
    IdIndex index_;
    absl::flat_hash_map<std::string, std::uint64_t> rejected_;
};

/// Reads an address layer; bad rows go to `rejects`, counts to `account`. Throws InputError
/// for problems with the file as a whole (missing id column, no coordinates, no CRS).
AddressTable read_addresses(const std::string& path, const AddressReadOptions& options, RejectLog& rejects,
                            InputAccount& account);

} // namespace coverage
