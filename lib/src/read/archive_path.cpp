#include "read/archive_path.hpp"

#include "base/path_util.hpp"
#include "coverage/edit_distance.hpp"
#include "coverage/error.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <vector>

namespace coverage {
namespace {

bool is_csv_name(std::string_view name)
{
    const std::string ext = lower_ext(name);
    return ext == "csv" || ext == "tsv" || ext == "txt";
}

// The files in an archive (/vsizip/x.zip), directories left out, in archive order.
std::vector<std::string> archive_members(const std::string& archive_vsi)
{
    std::vector<std::string> out;
    char** list = VSIReadDirRecursive(archive_vsi.c_str());
    for (char** p = list; p && *p; ++p) {
        std::string name(*p);
        if (!name.empty() && name.back() != '/') {
            VSIStatBufL st;
            if (VSIStatL((archive_vsi + "/" + name).c_str(), &st) == 0 && VSI_ISDIR(st.st_mode)) continue;
            out.push_back(std::move(name));
        }
    }
    CSLDestroy(list);
    return out;
}

std::string listing(const std::vector<std::string>& names)
{
    std::string s;
    for (std::size_t i = 0; i < names.size() && i < 10; ++i) s += (i ? ", " : "") + names[i];
    if (names.size() > 10) s += fmt::format(", ... ({} files)", names.size());
    return s;
}

// "/vsizip/dir/x.zip/inner.csv" -> {"/vsizip/dir/x.zip", "inner.csv"}; empty archive when
// the path names no .zip.
std::pair<std::string, std::string> split_zip_path(const std::string& path)
{
    std::size_t at = 0;
    while ((at = path.find(".zip", at)) != std::string::npos) {
        const std::size_t end = at + 4;
        if (end == path.size()) return {path, ""};
        if (path[end] == '/') return {path.substr(0, end), path.substr(end + 1)};
        at = end;
    }
    return {"", ""};
}

[[noreturn]] void missing_member(const std::string& path, const std::string& archive, const std::string& member)
{
    VSIStatBufL st;
    const std::string file = archive.substr(archive.find('/', 1) + 1);
    if (VSIStatL(file.c_str(), &st) != 0)
        throw InputError(fmt::format("{}: cannot open the archive {}; check the path", path, file));
    const auto members = archive_members(archive);
    if (members.empty()) throw InputError(fmt::format("{}: {} is not a readable zip archive", path, file));
    std::vector<std::string_view> views(members.begin(), members.end());
    const std::string near = nearest_name(member, views, std::max<std::size_t>(3, member.size() / 2));
    throw InputError(fmt::format("{}: '{}' is not in the archive{}; it holds: {}", path, member,
                                 near.empty() ? "" : fmt::format(" (did you mean {}/{}?)", archive, near),
                                 listing(members)));
}

} // namespace

std::string resolve_archive_path(const std::string& path)
{
    if (path.starts_with("/vsizip/")) {
        const auto [archive, member] = split_zip_path(path);
        VSIStatBufL st;
        if (!archive.empty() && !member.empty() && VSIStatL(path.c_str(), &st) != 0)
            missing_member(path, archive, member);
        return path;
    }
    VSIStatBufL st;
    if (!path.starts_with("/vsi") && VSIStatL(path.c_str(), &st) != 0) {
        // "dir/x.zip/inner.csv" without GDAL's prefix: the path goes through a zip file, so
        // the user means the file inside it (as unzip -l lists it); read it as /vsizip/.
        const auto [archive, member] = split_zip_path(path);
        if (!archive.empty() && !member.empty() && VSIStatL(archive.c_str(), &st) == 0 && VSI_ISREG(st.st_mode))
            return resolve_archive_path("/vsizip/" + path);
    }
    if (lower_ext(path) != "zip") return path;
    if (VSIStatL(path.c_str(), &st) != 0) return path; // the reader names the missing file
    const std::string archive = "/vsizip/" + path;
    const auto members = archive_members(archive);
    std::vector<std::string> csvs;
    for (const auto& m : members)
        if (is_csv_name(m)) csvs.push_back(m);
    if (csvs.size() == 1) return archive + "/" + csvs[0];
    if (csvs.size() > 1)
        throw InputError(fmt::format("{}: the archive holds {} CSV files ({}); name one as {}/{}", path, csvs.size(),
                                     listing(csvs), archive, csvs[0]));
    if (members.empty()) throw InputError(fmt::format("{}: not a readable zip archive, or an empty one", path));
    return archive;
}

} // namespace coverage
