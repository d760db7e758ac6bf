#include "read/address_match.hpp"
#include "base/text.hpp"

#include "base/edit_distance.hpp"

#include "coverage/numbers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>
#include <tuple>

namespace coverage {
namespace {

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes come back as themselves
// with `valid` false, so they are kept rather than lost.
char32_t decode(std::string_view s, std::size_t& i, bool& valid)
{
    const auto c = static_cast<unsigned char>(s[i]);
    valid = true;
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    if (len == 0 || i + len > s.size()) {
        valid = false;
        ++i;
        return c;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            valid = false;
            ++i;
            return c;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += len;
    return cp;
}

// Latin-1 lower-case letters U+00DF..U+00FF as ASCII (German transliteration for the
// umlauts and ß, the bare letter for other accents). nullptr: not a letter (U+00F7 ÷).
const char* latin1_ascii(char32_t cp)
{
    // clang-format off
    static const char* const table[] = {
        "ss",                                      // DF ß
        "a",  "a",  "a",  "a",  "ae", "a",  "ae",  // E0 à á â ã ä å æ
        "c",                                       // E7 ç
        "e",  "e",  "e",  "e",                     // E8 è é ê ë
        "i",  "i",  "i",  "i",                     // EC ì í î ï
        "d",  "n",                                 // F0 ð ñ
        "o",  "o",  "o",  "o",  "oe",              // F2 ò ó ô õ ö
        nullptr,                                   // F7 ÷
        "oe",                                      // F8 ø
        "u",  "u",  "u",  "ue",                    // F9 ù ú û ü
        "y",  "th", "y"                            // FD ý þ ÿ
    };
    // clang-format on
    if (cp < 0xDF || cp > 0xFF) return nullptr;
    return table[cp - 0xDF];
}

// Steps 1 and 2: lower case, transliterated; punctuation and spaces become one space.
std::string fold_letters(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        bool valid = true;
        char32_t cp = decode(s, i, valid);
        if (!valid) {
            out += s[start];
            continue;
        }
        if (cp < 0x80) {
            const char c = ascii_lower(static_cast<char>(cp));
            out += ascii_alpha(c) || ascii_digit(c) ? c : ' ';
            continue;
        }
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20; // Latin-1 capitals
        if (cp == 0x1E9E) cp = 0xDF;                            // ẞ
        if (const char* ascii = latin1_ascii(cp)) {
            out += ascii;
            continue;
        }
        if (cp == 0x0308) {
            // Combining diaeresis (decomposed text, as macOS writes it): a+¨ is ä -> "ae".
            if (!out.empty() && (out.back() == 'a' || out.back() == 'o' || out.back() == 'u')) out += 'e';
            continue;
        }
        if (cp >= 0x0300 && cp <= 0x036F) continue; // other combining accents
        if (cp < 0xC0 || cp == 0xD7 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000) {
            out += ' '; // Latin-1 punctuation, no-break space, dashes, quotes
            continue;
        }
        out.append(s.substr(start, i - start)); // another letter: kept as written
    }
    return out;
}

// Step 3: replaces `word` by `with` where it ends a word.
void shorten_word_end(std::string& s, std::string_view word, std::string_view with)
{
    std::size_t pos = 0;
    while ((pos = s.find(word, pos)) != std::string::npos) {
        const std::size_t end = pos + word.size();
        const bool at_end = end == s.size() || !(ascii_alpha(s[end]) || static_cast<unsigned char>(s[end]) >= 0x80);
        if (at_end) {
            s.replace(pos, word.size(), with);
            pos += with.size();
        } else {
            pos = end;
        }
    }
}

constexpr char sep = '\x1f';

std::string key2(std::string_view a, std::string_view b)
{
    std::string k(a);
    k += sep;
    k += b;
    return k;
}

template <class Map>
const std::vector<std::uint32_t>* lookup(const Map& m, const std::string& key)
{
    auto it = m.find(absl::string_view(key.data(), key.size()));
    return it == m.end() ? nullptr : &it->second;
}

} // namespace

std::string normalise_street(std::string_view name)
{
    std::string s = fold_letters(name);
    shorten_word_end(s, "strasse", "str");
    shorten_word_end(s, "platz", "pl");
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (ascii_alpha(c) || ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80) out += c;
    return out;
}

std::string normalise_postcode(std::string_view postcode)
{
    std::string out;
    for (char c : postcode) {
        if (c == ' ' || c == '\t') continue;
        out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (!out.empty() && std::all_of(out.begin(), out.end(), ascii_digit)) {
        const auto nz = out.find_first_not_of('0');
        out = nz == std::string::npos ? "0" : out.substr(nz);
    }
    return out;
}

namespace {

// Leading digits of s as a number (at most 6 digits); advances s.
std::optional<int> take_number(std::string_view& s)
{
    std::size_t n = 0;
    while (n < s.size() && ascii_digit(s[n])) ++n;
    if (n == 0 || n > 6) return std::nullopt;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s[k] - '0');
    s.remove_prefix(n);
    return v;
}

void skip_spaces(std::string_view& s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

} // namespace

std::optional<HouseNumber> parse_housenumber(std::string_view text)
{
    std::string_view s = trim(text);
    HouseNumber hn;
    auto n = take_number(s);
    if (!n) return std::nullopt;
    hn.number = *n;
    skip_spaces(s);
    if (s.empty()) return hn;
    if (s.front() == '/') {
        s.remove_prefix(1);
        skip_spaces(s);
        if (s.empty() || s.size() > 4) return std::nullopt;
        hn.suffix = "/";
        for (char c : s) {
            if (!ascii_alpha(c) && !ascii_digit(c)) return std::nullopt;
            hn.suffix += ascii_lower(c);
        }
        return hn;
    }
    if (s.front() == '-') {
        s.remove_prefix(1);
        skip_spaces(s);
    }
    if (s.empty() || s.size() > 3) return std::nullopt;
    for (char c : s) {
        if (!ascii_alpha(c)) return std::nullopt;
        hn.suffix += ascii_lower(c);
    }
    return hn;
}

std::optional<HouseNumberRange> parse_housenumber_range(std::string_view text)
{
    std::string_view s = trim(text);
    HouseNumberRange r;
    auto a = take_number(s);
    if (!a) return std::nullopt;
    skip_spaces(s);
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    else if (s.substr(0, 3) == "\xE2\x80\x93") s.remove_prefix(3); // en dash
    else if (s.size() > 3 && (s.substr(0, 3) == "bis" || s.substr(0, 3) == "Bis")) s.remove_prefix(3);
    else return std::nullopt;
    skip_spaces(s);
    auto b = take_number(s);
    if (!b || !s.empty() || *a >= *b) return std::nullopt;
    r.first = *a;
    r.last = *b;
    return r;
}

AddressMatcher::AddressMatcher(const AddressTable& table) : table_(table)
{
    const std::size_t n = table.size();
    number_.assign(n, -1);
    suffix_.resize(n);
    postcode_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        if (i < table.postcode.size() && !trim(table.postcode[i]).empty()) use_postcodes_ = true;
    absl::flat_hash_map<std::string, std::vector<std::string>> streets_in_pc;
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = static_cast<std::uint32_t>(i);
        const std::string street = normalise_street(table.street[i]);
        const auto hn = parse_housenumber(table.housenumber[i]);
        if (street.empty() || !hn) {
            ++unindexed_;
            continue;
        }
        number_[i] = hn->number;
        suffix_[i] = hn->suffix;
        postcode_[i] = use_postcodes_ ? normalise_postcode(table.postcode[i]) : std::string();
        auto& on_street = by_postcode_street_[key2(postcode_[i], street)];
        if (on_street.empty()) streets_in_postcode_[postcode_[i]].push_back(street);
        on_street.push_back(row);
        auto& anywhere = by_street_[street];
        if (anywhere.empty()) streets_.push_back(street);
        anywhere.push_back(row);
    }
    for (auto& [pc, streets] : streets_in_postcode_) std::sort(streets.begin(), streets.end());
    std::sort(streets_.begin(), streets_.end());
}

std::vector<std::uint32_t> AddressMatcher::rows_with(const std::vector<std::uint32_t>& rows,
                                                     const HouseNumber& hn) const
{
    std::vector<std::uint32_t> hits;
    for (auto r : rows)
        if (number_[r] == hn.number && suffix_[r] == hn.suffix) hits.push_back(r);
    return hits;
}

std::optional<std::uint32_t> AddressMatcher::closest_number(const std::vector<std::uint32_t>& rows,
                                                            const HouseNumber& hn) const
{
    std::optional<std::uint32_t> best;
    auto rank = [&](std::uint32_t r) {
        const int d = number_[r] > hn.number ? number_[r] - hn.number : hn.number - number_[r];
        return std::tuple(d, suffix_[r] != hn.suffix, number_[r], suffix_[r], r);
    };
    for (auto r : rows)
        if (!best || rank(r) < rank(*best)) best = r;
    return best;
}

std::string AddressMatcher::closest(const std::string& pc, const std::string& street, const HouseNumber& hn) const
{
    auto on = [&](const std::vector<std::uint32_t>* rows) -> std::string {
        if (!rows) return {};
        auto r = closest_number(*rows, hn);
        return r ? describe(*r) : std::string();
    };
    if (!pc.empty())
        if (auto* rows = lookup(by_postcode_street_, key2(pc, street))) return on(rows);
    if (auto* rows = lookup(by_street_, street)) return on(rows);
    // The most similar street key (first in sorted order among equals). Unmatched offers
    // repeat their street, so results are cached per (postcode, street).
    auto nearest = [&](const std::string& scope, const std::vector<std::string>& streets) -> const std::string* {
        const std::string cache_key = key2(scope, street);
        if (auto it = nearest_cache_.find(absl::string_view(cache_key.data(), cache_key.size()));
            it != nearest_cache_.end())
            return it->second;
        const std::string* best = nullptr;
        std::size_t best_d = std::numeric_limits<std::size_t>::max();
        for (const auto& s : streets) {
            const std::size_t gap = s.size() > street.size() ? s.size() - street.size() : street.size() - s.size();
            if (gap >= best_d) continue; // the distance is at least the length difference
            const std::size_t d = bounded_distance(s, street, best_d - 1, prev_, cur_);
            if (d < best_d) best_d = d, best = &s;
        }
        nearest_cache_.emplace(cache_key, best);
        return best;
    };
    if (!pc.empty()) {
        auto it = streets_in_postcode_.find(absl::string_view(pc.data(), pc.size()));
        if (it != streets_in_postcode_.end())
            if (const std::string* s = nearest(pc, it->second)) return on(lookup(by_postcode_street_, key2(pc, *s)));
    }
    if (const std::string* s = nearest("\x1e", streets_)) return on(lookup(by_street_, *s));
    return {};
}

MatchResult AddressMatcher::match_range(const std::vector<std::uint32_t>& rows, const HouseNumberRange& range) const
{
    MatchResult m;
    const bool same_parity = (range.first - range.last) % 2 == 0;
    std::vector<std::uint32_t> hits;
    for (auto r : rows) {
        const int n = number_[r];
        if (!suffix_[r].empty() || n < range.first || n > range.last) continue;
        if (same_parity && (n - range.first) % 2 != 0) continue;
        hits.push_back(r);
    }
    if (hits.empty()) return m; // unmatched; the caller fills `closest`
    std::vector<std::uint32_t> by_number = hits;
    std::stable_sort(by_number.begin(), by_number.end(), [&](auto a, auto b) { return number_[a] < number_[b]; });
    std::vector<std::uint32_t> duplicates;
    for (std::size_t k = 0; k < by_number.size(); ++k) {
        const bool dup = (k > 0 && number_[by_number[k - 1]] == number_[by_number[k]]) ||
                         (k + 1 < by_number.size() && number_[by_number[k + 1]] == number_[by_number[k]]);
        if (dup) duplicates.push_back(by_number[k]);
    }
    const bool several_postcodes =
        std::any_of(hits.begin(), hits.end(), [&](auto r) { return postcode_[r] != postcode_[hits.front()]; });
    if (!duplicates.empty() || several_postcodes) {
        m.status = MatchResult::Status::ambiguous;
        m.rows = duplicates.empty() ? hits : duplicates;
        return m;
    }
    m.status = MatchResult::Status::matched;
    m.rows = std::move(hits);
    return m;
}

MatchResult AddressMatcher::match(std::string_view postcode, std::string_view street,
                                  std::string_view housenumber) const
{
    MatchResult m;
    const std::string sk = normalise_street(street);
    if (sk.empty()) {
        m.status = MatchResult::Status::invalid;
        m.problem = "empty street";
        return m;
    }
    const auto hn = parse_housenumber(housenumber);
    const auto range = hn ? std::nullopt : parse_housenumber_range(housenumber);
    if (!hn && !range) {
        m.status = MatchResult::Status::invalid;
        m.problem = trim(housenumber).empty()
                        ? "empty house number"
                        : "not a house number; use a number with an optional suffix (12, 12a, 12 a, 12/1) or an "
                          "ascending range (12-14)";
        return m;
    }
    const std::string pc = use_postcodes_ ? normalise_postcode(postcode) : std::string();
    static const std::vector<std::uint32_t> none;
    const std::vector<std::uint32_t>* rows =
        pc.empty() ? lookup(by_street_, sk) : lookup(by_postcode_street_, key2(pc, sk));
    if (!rows) rows = &none;
    if (hn) {
        auto hits = rows_with(*rows, *hn);
        if (hits.size() == 1) m.status = MatchResult::Status::matched;
        else if (hits.size() > 1) m.status = MatchResult::Status::ambiguous;
        m.rows = std::move(hits);
    } else {
        m = match_range(*rows, *range);
    }
    if (m.status == MatchResult::Status::unmatched)
        m.closest = closest(pc, sk, hn ? *hn : HouseNumber{range->first, ""});
    return m;
}

std::string AddressMatcher::describe(std::uint32_t row) const
{
    std::string s = fmt::format("{} {}", trim(table_.street[row]), trim(table_.housenumber[row]));
    if (!trim(table_.postcode[row]).empty()) s += fmt::format(", {}", trim(table_.postcode[row]));
    return s;
}

std::string AddressMatcher::reason(const MatchResult& m) const
{
    switch (m.status) {
    case MatchResult::Status::matched: return {};
    case MatchResult::Status::invalid: return m.problem;
    case MatchResult::Status::unmatched:
        return m.closest.empty() ? "unmatched address (the address layer has no street to compare)"
                                 : fmt::format("unmatched address (closest: {})", m.closest);
    case MatchResult::Status::ambiguous: {
        constexpr std::size_t shown = 5;
        std::string list;
        for (std::size_t k = 0; k < m.rows.size() && k < shown; ++k)
            list += fmt::format("{}id {}: {}", k ? "; " : "", table_.id[m.rows[k]], describe(m.rows[k]));
        if (m.rows.size() > shown) list += "; ...";
        return fmt::format("ambiguous address: {} candidates ({})", m.rows.size(), list);
    }
    }
    return {};
}

} // namespace coverage
