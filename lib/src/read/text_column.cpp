#include "coverage/results.hpp"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <functional>
#include <limits>
#include <string_view>

namespace coverage {

namespace {
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
struct ViewEq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};
} // namespace

struct TextColumn::Index {
    absl::flat_hash_map<std::string, std::uint16_t, ViewHash, ViewEq> code;
    std::size_t last = std::numeric_limits<std::size_t>::max(); // the previous row's code
};

TextColumn::TextColumn(Storage storage) : storage_(storage) {}

TextColumn::TextColumn(std::size_t n, Storage storage) : storage_(storage)
{
    for (std::size_t i = 0; i < n; ++i) push_back({});
}

TextColumn::TextColumn(std::initializer_list<std::string_view> values, Storage storage) : storage_(storage)
{
    for (const std::string_view v : values) push_back(v);
}

TextColumn::TextColumn(const TextColumn& o)
    : storage_(o.storage_),
      values_(o.values_),
      codes_(o.codes_),
      index_(o.index_ ? std::make_unique<Index>(*o.index_) : nullptr),
      chars_(o.chars_),
      ends_(o.ends_)
{
}

TextColumn::TextColumn(TextColumn&&) noexcept = default;
TextColumn& TextColumn::operator=(TextColumn&&) noexcept = default;
TextColumn::~TextColumn() = default;

TextColumn& TextColumn::operator=(const TextColumn& o)
{
    if (this != &o) *this = TextColumn(o);
    return *this;
}

void TextColumn::push_back(std::string_view v)
{
    if (!interned()) {
        chars_.append(v);
        ends_.push_back(chars_.size());
        return;
    }
    if (!index_) index_ = std::make_unique<Index>();
    Index& x = *index_;
    // Neighbouring rows often share a value: compare with the previous row's first.
    if (x.last < values_.size() && values_[x.last] == v) {
        codes_.push_back(static_cast<std::uint16_t>(x.last));
        return;
    }
    auto it = x.code.find(v);
    if (it == x.code.end()) {
        if (values_.size() == max_interned) {
            to_arena();
            push_back(v);
            return;
        }
        it = x.code.emplace(std::string(v), static_cast<std::uint16_t>(values_.size())).first;
        values_.emplace_back(v);
    }
    x.last = it->second;
    codes_.push_back(it->second);
}

void TextColumn::to_arena()
{
    std::size_t bytes = 0;
    for (const std::uint16_t c : codes_) bytes += values_[c].size();
    chars_.reserve(bytes);
    ends_.reserve(codes_.capacity());
    for (const std::uint16_t c : codes_) {
        chars_.append(values_[c]);
        ends_.push_back(chars_.size());
    }
    storage_ = Storage::arena;
    codes_ = {};
    values_ = {};
    index_.reset();
}

void TextColumn::reserve(std::size_t rows)
{
    if (interned()) codes_.reserve(rows);
    else ends_.reserve(rows);
}

void TextColumn::shrink_to_fit()
{
    codes_.shrink_to_fit();
    ends_.shrink_to_fit();
    chars_.shrink_to_fit();
}

void TextColumn::permute(const std::vector<std::size_t>& order)
{
    if (interned()) {
        std::vector<std::uint16_t> codes;
        codes.reserve(order.size());
        for (const std::size_t i : order) codes.push_back(codes_[i]);
        codes_ = std::move(codes);
        return;
    }
    TextColumn out(Storage::arena);
    out.chars_.reserve(chars_.size());
    out.ends_.reserve(order.size());
    for (const std::size_t i : order) out.push_back((*this)[i]);
    *this = std::move(out);
}

std::vector<std::string> TextColumn::distinct() const
{
    std::vector<std::string> out;
    if (interned()) {
        std::vector<std::uint8_t> used(values_.size(), 0);
        for (const std::uint16_t c : codes_) used[c] = 1;
        for (std::size_t k = 0; k < values_.size(); ++k)
            if (used[k]) out.push_back(values_[k]);
    } else {
        std::vector<std::string_view> all;
        all.reserve(size());
        for (std::size_t i = 0; i < size(); ++i) all.push_back((*this)[i]);
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        out.assign(all.begin(), all.end());
        return out;
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace coverage
