// The CSV reader: the common case, and the one that needs care (delimiters, quoting, BOM,
// CRLF, encodings, exact line numbers, files mapped rather than copied).
#include "read/readers.hpp"

#include "base/text.hpp"
#include "coverage/error.hpp"
#include "read/encoding.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coverage {
namespace {

// A line of text for a message: without a trailing CR.
std::string_view trim_line(std::string_view s)
{
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// First offset of invalid UTF-8, or npos. Eight ASCII bytes at a time; `nul` is set when a
// NUL byte occurs (valid UTF-8, but a sign of a binary or corrupt file, reported per row),
// `quote` when a '"' does (then rows cannot be cut at line ends without parsing).
std::size_t invalid_utf8(std::string_view s, bool& nul, bool& quote)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    constexpr std::uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + i, 8);
            if ((w & high) == 0) {
                if ((w - ones) & ~w & high) nul = true; // some byte is zero
                const std::uint64_t q = w ^ (ones * '"');
                if ((q - ones) & ~q & high) quote = true; // some byte is '"'
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0) nul = true;
            if (c == '"') quote = true;
            ++i;
            continue;
        }
        std::size_t len = 0;
        if ((c & 0xE0) == 0xC0 && c >= 0xC2) len = 2;
        else if ((c & 0xF0) == 0xE0) len = 3;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4) len = 4;
        else return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Mapped inputs, for the CLI's SIGBUS handler: a fixed table (no allocation, no locks in
// the handler) of the address ranges and names of the files mapped right now.
constexpr int max_mapped = 64;
struct MappedInput {
    std::atomic<const char*> begin{nullptr};
    std::size_t size = 0;
    char name[1024] = {};
};
MappedInput mapped_inputs[max_mapped];

// The bytes of a CSV input: a read-only mapping of a file, or an owned buffer (stdin, a pipe,
// recoded text). Mapping keeps a national-scale file out of the heap. A mapped file that is
// truncated while it is read raises SIGBUS (the CLI reports mapped_input_at() and exits 1);
// one rewritten in place is caught by check_unchanged() (size and modification time).
class Bytes {
public:
    Bytes() = default;
    Bytes(const Bytes&) = delete;
    Bytes& operator=(const Bytes&) = delete;
    ~Bytes()
    {
        if (slot_ >= 0) mapped_inputs[slot_].begin.store(nullptr);
        if (map_) munmap(map_, map_size_);
        if (fd_ >= 0) ::close(fd_);
    }

    void load(const std::string& path)
    {
        if (path == "-") {
            owned_.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            if (std::cin.bad()) throw InputError("-: cannot read standard input");
            view_ = owned_;
            return;
        }
        // Opened once: a FIFO or process substitution (<(unzip -p ...)) cannot be reopened.
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw InputError(fmt::format("{}: cannot open ({}); check the path", path, std::strerror(errno)));
        if (fstat(fd_, &stat_) != 0 || !S_ISREG(stat_.st_mode)) {
            if (S_ISDIR(stat_.st_mode))
                throw InputError(fmt::format("{}: is a directory, not a file; name the CSV file inside it", path));
            // A pipe or device: read it as a stream, from the descriptor already open.
            char buf[65536];
            ssize_t got = 0;
            while ((got = ::read(fd_, buf, sizeof buf)) != 0) {
                if (got < 0) {
                    if (errno == EINTR) continue;
                    throw InputError(fmt::format("{}: cannot read ({})", path, std::strerror(errno)));
                }
                owned_.append(buf, static_cast<std::size_t>(got));
            }
            ::close(fd_);
            fd_ = -1;
            view_ = owned_;
            return;
        }
        if (stat_.st_size > 0) {
            map_size_ = static_cast<std::size_t>(stat_.st_size);
            void* m = mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE, fd_, 0);
            if (m == MAP_FAILED) throw InputError(fmt::format("{}: cannot read ({})", path, std::strerror(errno)));
            madvise(m, map_size_, MADV_SEQUENTIAL);
            map_ = m;
            view_ = std::string_view(static_cast<const char*>(m), map_size_);
            for (int i = 0; i < max_mapped; ++i) {
                const char* expected = nullptr;
                MappedInput& slot = mapped_inputs[i];
                if (slot.begin.load() != nullptr) continue;
                slot.size = map_size_;
                std::snprintf(slot.name, sizeof slot.name, "%s", path.c_str());
                if (slot.begin.compare_exchange_strong(expected, static_cast<const char*>(m))) {
                    slot_ = i;
                    break;
                }
            }
        }
    }

    /// Throws InputError when the file was changed in place since it was opened (its bytes
    /// may then mix old and new rows). No-op for pipes and stdin.
    void check_unchanged(const std::string& name) const
    {
        if (fd_ < 0) return;
        struct stat now {};
        if (fstat(fd_, &now) != 0 || now.st_size != stat_.st_size || now.st_mtim.tv_sec != stat_.st_mtim.tv_sec ||
            now.st_mtim.tv_nsec != stat_.st_mtim.tv_nsec)
            throw InputError(fmt::format("{}: the file changed while it was read (written to by another program?); "
                                         "rerun on a copy that does not change",
                                         name));
    }

    void replace(std::string text)
    {
        owned_ = std::move(text);
        view_ = owned_;
    }
    [[nodiscard]] std::string_view view() const { return view_; }

    /// Drops the pages wholly inside [begin, end) of a mapped file from this process's memory
    /// (they stay in the page cache and fault back in if read again), so a national file does
    /// not count against the process while it streams. No-op for owned bytes.
    void release(const char* begin, const char* end) const
    {
        if (!map_ || end <= begin) return;
        static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
        const auto b = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) & ~(page - 1);
        const auto e = reinterpret_cast<std::uintptr_t>(end) & ~(page - 1);
        if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_DONTNEED);
    }

private:
    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    int fd_ = -1;
    struct stat stat_ {};
    int slot_ = -1;
    std::string owned_;
    std::string_view view_;
};

class CsvReader final : public TableReader {
public:
    /// Reads `path` (`text` empty), or `text` under the name `path` (an in-memory table, or a
    /// file read through GDAL's virtual file systems).
    CsvReader(const std::string& path, const ReadOptions& options, std::optional<std::string> text) : TableReader(path)
    {
        if (text) bytes_.replace(std::move(*text));
        else bytes_.load(path);
        std::string_view all = bytes_.view();
        if (all.size() >= 3 && all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);
        bool has_quote = true; // until checked
        if (!is_utf8_name(options.encoding)) {
            // Text that is valid UTF-8 and not plain ASCII is UTF-8 (a Windows-1252 or Latin-1
            // text with umlauts almost never is): decoding it again would turn "Rüttenscheider"
            // into "RÃ¼ttenscheider" without a word, so the file is refused with the fix.
            bool nul = false, quote = false;
            if (invalid_utf8(all, nul, quote) == std::string_view::npos) {
                const auto high = std::find_if(all.begin(), all.end(), [](char c) { return (c & 0x80) != 0; });
                if (high != all.end()) {
                    const auto at = static_cast<std::size_t>(high - all.begin());
                    const std::size_t begin =
                        all.rfind('\n', at) == std::string_view::npos ? 0 : all.rfind('\n', at) + 1;
                    const std::string_view line_text =
                        all.substr(begin, std::min<std::size_t>(60, all.find('\n', at) - begin));
                    const auto line = 1 + std::count(all.begin(), high, '\n');
                    throw InputError(fmt::format(
                        "{}:{}: the file is already UTF-8 ('{}'), but its encoding is given as {}; decoding it again "
                        "would garble every umlaut: give this file encoding UTF-8 (--addresses-encoding / "
                        "--offers-encoding UTF-8, or FILE#encoding=UTF-8)",
                        this->path(), line, trim_line(line_text), options.encoding));
                }
            }
            bytes_.replace(recode_to_utf8(all, options.encoding, this->path()));
            all = bytes_.view();
            if (all.size() >= 3 && all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);
            has_nul_ = all.find('\0') != std::string_view::npos;
        } else {
            // In chunks that end on a line, releasing each once checked: the validation reads the
            // whole file, and must not make all of it resident at once.
            has_quote = false;
            constexpr std::size_t chunk = std::size_t{32} << 20;
            for (std::size_t at = 0; at < all.size();) {
                std::size_t end = std::min(all.size(), at + chunk);
                if (end < all.size()) {
                    const auto nl = all.find('\n', end);
                    end = nl == std::string_view::npos ? all.size() : nl + 1;
                }
                const std::size_t bad = invalid_utf8(all.substr(at, end - at), has_nul_, has_quote);
                if (bad != std::string_view::npos) {
                    const std::size_t where = at + bad;
                    const auto line =
                        1 + std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(where), '\n');
                    throw InputError(fmt::format("{}:{}: text is not valid UTF-8 (byte 0x{:02X}); if the file is "
                                                 "Windows-1252 (Excel's 'CSV' on Windows), pass --encoding CP1252 "
                                                 "(or --addresses-encoding / --offers-encoding / FILE#encoding=CP1252 "
                                                 "for this file alone)",
                                                 this->path(), line, static_cast<unsigned char>(all[where])));
                }
                bytes_.release(all.data() + at, all.data() + end);
                at = end;
            }
        }
        // Excel's "CSV (Macintosh)" ends lines with CR alone: without this the whole file would
        // be one header line and 0 rows. A file with no LF at all but some CR is read as such
        // (quoted line breaks are then CRs too, and become LFs like the row ends).
        if (all.find('\n') == std::string_view::npos && all.find('\r') != std::string_view::npos) {
            std::string lf(all);
            std::replace(lf.begin(), lf.end(), '\r', '\n');
            bytes_.replace(std::move(lf));
            all = bytes_.view();
        }
        data_ = all;
        if (data_.empty()) throw InputError(fmt::format("{}: file is empty; expected a header line", path));
        delimiter_ = options.delimiter ? options.delimiter : detect_delimiter();
        if (!parse_record()) throw InputError(fmt::format("{}: file is empty; expected a header line", path));
        std::vector<std::string> cols;
        for (auto f : fields_) cols.emplace_back(f);
        if (cols.size() == 1 && cols[0].empty())
            throw InputError(fmt::format("{}:1: header line is empty; the first line must name the columns", path));
        set_columns(std::move(cols));
        // Quotes anywhere (the header included) make the file unsplittable: the check above saw
        // every byte without keeping them resident; searching again would page the file in.
        splittable_ = !has_quote;
        owner_ = &bytes_;
        released_ = pos_;
    }

    // A block of whole rows of `parent`, read on its own (see next_block).
    CsvReader(const CsvReader& parent, std::string_view rows, std::uint64_t first_line)
        : TableReader(parent.path()),
          data_(rows),
          delimiter_(parent.delimiter_),
          line_(first_line),
          record_line_(first_line),
          has_nul_(parent.has_nul_),
          owner_(parent.owner_)
    {
        set_columns(parent.columns());
    }

    ~CsvReader() override
    {
        // A finished block gives its pages back (the parent releases as it streams).
        if (owner_ != &bytes_) owner_->release(data_.data(), data_.data() + data_.size());
    }

    [[nodiscard]] bool splittable() const override { return splittable_; }

    [[nodiscard]] std::size_t estimated_rows() const override
    {
        const std::string_view sample = data_.substr(pos_, std::size_t{1} << 16);
        const auto lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n'));
        if (lines < 16) return 0;
        return static_cast<std::size_t>(static_cast<double>(data_.size() - pos_) / static_cast<double>(sample.size()) *
                                        static_cast<double>(lines));
    }

    std::unique_ptr<TableReader> next_block(std::size_t bytes) override
    {
        if (pos_ >= data_.size()) {
            owner_->check_unchanged(path());
            return nullptr;
        }
        std::size_t end = std::min(data_.size(), pos_ + std::max<std::size_t>(bytes, 1));
        if (end < data_.size()) {
            const auto nl = data_.find('\n', end - 1);
            end = nl == std::string_view::npos ? data_.size() : nl + 1;
        }
        const std::string_view rows = data_.substr(pos_, end - pos_);
        auto block = std::make_unique<CsvReader>(*this, rows, line_);
        line_ += static_cast<std::uint64_t>(std::count(rows.begin(), rows.end(), '\n'));
        pos_ = released_ = end;
        return block;
    }

    bool next() override
    {
        if (pos_ - released_ >= (std::size_t{16} << 20)) {
            owner_->release(data_.data() + released_, data_.data() + pos_);
            released_ = pos_;
        }
        while (true) {
            if (!parse_record()) {
                owner_->check_unchanged(path());
                return false;
            }
            // Blank lines carry no row; skip them rather than report an empty record.
            if (fields_.size() == 1 && fields_[0].empty() && !problem_) continue;
            ++row_;
            return true;
        }
    }
    [[nodiscard]] std::string_view field(int column) const override
    {
        return column >= 0 && static_cast<std::size_t>(column) < fields_.size()
                   ? fields_[static_cast<std::size_t>(column)]
                   : std::string_view{};
    }
    [[nodiscard]] std::size_t field_count() const override { return fields_.size(); }
    [[nodiscard]] std::string where() const override { return fmt::format("{}:{}", path(), record_line_); }
    [[nodiscard]] std::uint64_t row_number() const override { return record_line_; }
    [[nodiscard]] std::optional<std::string> row_problem() const override { return problem_; }
    [[nodiscard]] bool is_csv() const override { return true; }
    [[nodiscard]] char delimiter() const override { return delimiter_; }

private:
    char detect_delimiter() const
    {
        const std::string_view header = data_.substr(0, data_.find('\n'));
        const char candidates[] = {',', ';', '\t', '|'};
        char best = ',';
        std::ptrdiff_t best_count = 0;
        for (char c : candidates) {
            const auto n = std::count(header.begin(), header.end(), c);
            if (n > best_count) best_count = n, best = c;
        }
        return best;
    }

    // Parses the record at pos_ into fields_; false at end of input. Quoted fields may hold
    // delimiters, doubled quotes and newlines (RFC 4180); a lone CR before LF is dropped.
    bool parse_record()
    {
        fields_.clear();
        scratch_.clear();
        problem_.reset();
        if (pos_ >= data_.size()) return false;
        record_line_ = line_;
        const std::size_t n = data_.size();
        while (true) {
            std::size_t i = pos_;
            if (i < n && data_[i] == '"') {
                // Quoted field.
                std::string& buf = scratch_.emplace_back();
                ++i;
                while (true) {
                    if (i >= n) {
                        problem_ = "a quoted field is not closed before the end of the file";
                        break;
                    }
                    const char c = data_[i];
                    if (c == '"') {
                        if (i + 1 < n && data_[i + 1] == '"') {
                            buf.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n') ++line_;
                    if (c == '\0') problem_ = "the row holds a NUL byte; the file is binary or corrupt";
                    buf.push_back(c);
                    ++i;
                }
                // Text between the closing quote and the delimiter is kept, as spreadsheets do.
                while (i < n && data_[i] != delimiter_ && data_[i] != '\n') {
                    if (data_[i] != '\r') buf.push_back(data_[i]);
                    ++i;
                }
                fields_.emplace_back(buf);
            } else {
                std::size_t j = i;
                while (j < n && data_[j] != delimiter_ && data_[j] != '\n') ++j;
                std::string_view f = data_.substr(i, j - i);
                if (!f.empty() && f.back() == '\r' && (j >= n || data_[j] == '\n')) f.remove_suffix(1);
                if (has_nul_ && f.find('\0') != std::string_view::npos)
                    problem_ = "the row holds a NUL byte; the file is binary or corrupt";
                fields_.push_back(f);
                i = j;
            }
            if (i >= n) {
                pos_ = n;
                return true;
            }
            if (data_[i] == '\n') {
                pos_ = i + 1;
                ++line_;
                return true;
            }
            pos_ = i + 1; // delimiter
        }
    }

    Bytes bytes_;
    std::string_view data_;
    char delimiter_ = ',';
    std::size_t pos_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t record_line_ = 1;
    std::uint64_t row_ = 0;
    std::vector<std::string_view> fields_;
    std::deque<std::string> scratch_;
    std::optional<std::string> problem_;
    bool has_nul_ = false;         // some NUL byte in the input: check fields for it
    bool splittable_ = false;      // no quote after the header: blocks may be cut at any line end
    const Bytes* owner_ = nullptr; // the mapping, to give back pages already read
    std::size_t released_ = 0;     // data_ before this offset has been given back
};

} // namespace

std::unique_ptr<TableReader> open_csv_table(const std::string& path, const ReadOptions& options)
{
    return std::make_unique<CsvReader>(path, options, std::nullopt);
}

std::unique_ptr<TableReader> TableReader::from_text(const std::string& name, std::string text,
                                                    const ReadOptions& options)
{
    return std::make_unique<CsvReader>(name, options, std::move(text));
}

const char* mapped_input_at(const void* address) noexcept
{
    const auto* a = static_cast<const char*>(address);
    for (const MappedInput& m : mapped_inputs) {
        const char* begin = m.begin.load();
        if (begin && a >= begin && a < begin + m.size) return m.name;
    }
    return nullptr;
}

} // namespace coverage
