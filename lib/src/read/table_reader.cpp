#include "read/table_reader.hpp"
#include "coverage/error.hpp"

#include "base/path_util.hpp"

#include "base/csv_text.hpp"
#include "base/text.hpp"
#include "read/archive_path.hpp"
#include "read/readers.hpp"
#include <sys/stat.h>

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>

namespace coverage {

namespace {
std::string fold(std::string_view s) { return ascii_fold(s); }
} // namespace

void TableReader::set_columns(std::vector<std::string> columns)
{
    folded_.clear();
    for (const auto& c : columns) folded_.push_back(fold(c));
    // A hash set, not pairs: a 100,000-column header is checked in milliseconds.
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(folded_.size());
    for (std::size_t i = 0; i < folded_.size(); ++i) {
        if (folded_[i].empty()) continue;
        const auto [at, fresh] = first.emplace(folded_[i], i);
        if (!fresh)
            throw InputError(fmt::format("{}: column '{}' appears twice (columns {} and {}); rename one", path_,
                                         clip_value(columns[i], 100), at->second + 1, i + 1));
    }
    columns_ = std::move(columns);
}

int TableReader::column(std::string_view name) const
{
    const std::string key = fold(name);
    for (std::size_t i = 0; i < folded_.size(); ++i)
        if (folded_[i] == key) return static_cast<int>(i);
    return -1;
}

int TableReader::first_column(std::initializer_list<std::string_view> names) const
{
    for (auto n : names)
        if (int c = column(n); c >= 0) return c;
    return -1;
}

std::string header_hint(const TableReader& in)
{
    if (in.columns().size() != 1) return {};
    const std::string& only = in.columns()[0];
    for (char c : {',', ';', '\t', '|'})
        if (only.find(c) != std::string::npos)
            return fmt::format("; the header is one column holding '{}': pass --delimiter {}",
                               c == '\t' ? "\\t" : std::string(1, c), c == '\t' ? "tab" : std::string(1, c));
    return {};
}

std::optional<std::string> row_shape_problem(const TableReader& in)
{
    if (auto problem = in.row_problem()) return problem;
    const std::size_t ncols = in.columns().size();
    if (in.is_csv() && in.field_count() != ncols)
        return fmt::format("row has {} fields, the header has {}; check quoting and the delimiter", in.field_count(),
                           ncols);
    for (std::size_t i = 0; i < in.field_count(); ++i)
        if (const std::size_t n = in.field(static_cast<int>(i)).size(); n > max_field_bytes)
            return fmt::format("field '{}' is {} bytes long (the limit is {}); a quote is probably not closed",
                               i < ncols ? in.columns()[i] : std::to_string(i + 1), n, max_field_bytes);
    return std::nullopt;
}

bool is_csv_path(std::string_view path)
{
    if (path == "-") return true;
    if (path.rfind("/vsi", 0) == 0) return false; // inside an archive: GDAL reads it
    const std::string ext = lower_ext(path);
    if (ext == "csv" || ext == "tsv" || ext == "txt") return true;
    // A pipe or process substitution (/dev/fd/63) has no extension and GDAL cannot read a
    // stream: read it as CSV, once. stat() does not open it.
    struct stat st {};
    return ::stat(std::string(path).c_str(), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode));
}

std::optional<std::string> vsi_csv_path(std::string_view path)
{
    const auto csv_ext = [](std::string_view p) {
        const std::string ext = lower_ext(p);
        return ext == "csv" || ext == "tsv" || ext == "txt";
    };
    const bool vsi = path.substr(0, 4) == "/vsi";
    const bool gz = lower_ext(path) == "gz";
    const std::string_view inner = gz ? path.substr(0, path.size() - 3) : path;
    if (!csv_ext(inner)) return std::nullopt;
    if (vsi) return std::string(path);
    if (gz) return "/vsigzip/" + std::string(path);
    return std::nullopt;
}

std::unique_ptr<TableReader> TableReader::open(const std::string& given, const ReadOptions& options)
{
    // x.zip holding one CSV is that CSV; a /vsizip/ member that is not there names what is.
    const std::string path = resolve_archive_path(given);
    if (!options.force_gdal) {
        // A CSV inside a compressed or remote file is read by the CSV reader too (GDAL would
        // hand out ragged rows padded, and none of the encoding or line-end rules): every
        // source gets the same row rules.
        if (const auto vsi = vsi_csv_path(path)) return from_text(path, read_vsi_file(*vsi, path), options);
        if (is_csv_path(path)) return open_csv_table(path, options);
    }
    return open_gdal_table(path, options);
}

} // namespace coverage
