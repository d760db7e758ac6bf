#include "coverage/atomic_file.hpp"

#include "coverage/error.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coverage {
namespace {

// A fixed table, so the signal handler needs no allocation and no locks.
constexpr int max_slots = 32;
char slot_path[max_slots][4096];
std::atomic<bool> slot_used[max_slots];

int register_temp(const std::string& path)
{
    if (path.size() >= sizeof slot_path[0]) return -1;
    for (int i = 0; i < max_slots; ++i) {
        bool expected = false;
        if (slot_used[i].compare_exchange_strong(expected, true)) {
            std::memcpy(slot_path[i], path.c_str(), path.size() + 1);
            return i;
        }
    }
    return -1;
}

void unregister_temp(const std::string& path)
{
    for (int i = 0; i < max_slots; ++i)
        if (slot_used[i].load() && path == slot_path[i]) slot_used[i].store(false);
}

std::string split_dir(const std::string& path, std::string& base)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) {
        base = path;
        return ".";
    }
    base = path.substr(slash + 1);
    return slash == 0 ? "/" : path.substr(0, slash);
}

} // namespace

void remove_temporary_outputs() noexcept
{
    for (int i = 0; i < max_slots; ++i)
        if (slot_used[i].load()) ::unlink(slot_path[i]);
}

void write_text_file(const std::string& path, const std::string& text, bool overwrite)
{
    if (path == "-") {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
            throw OutputError(fmt::format("<stdout>: write failed ({})", std::strerror(errno)));
        return;
    }
    AtomicPath out(path, overwrite);
    std::FILE* f = std::fopen(out.temp().c_str(), "wb");
    if (!f) throw OutputError(fmt::format("{}: cannot create ({})", path, std::strerror(errno)));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) throw OutputError(fmt::format("{}: write failed ({})", path, std::strerror(errno)));
    out.commit();
}

AtomicPath::AtomicPath(std::string target, bool overwrite) : target_(std::move(target))
{
    std::string base;
    const std::string dir = split_dir(target_, base);
    struct stat st {};
    if (base.empty()) throw OutputError(fmt::format("{}: names a folder; give a file name", target_));
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw OutputError(fmt::format("{}: folder '{}' does not exist; create it first", target_, dir));
    if (access(dir.c_str(), W_OK) != 0)
        throw OutputError(fmt::format("{}: folder '{}' is not writable", target_, dir));
    if (stat(target_.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw OutputError(fmt::format("{}: is a folder; give a file name", target_));
        if (!overwrite)
            throw OutputError(fmt::format("{}: exists; pass --overwrite to replace it", target_));
    }
    const auto dot = base.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : base.substr(dot);
    // Spreadsheets are zip archives that GDAL writes through /vsizip/, which takes the first
    // ".xlsx" in a path for the archive: the temporary name must hold the extension only once.
    std::string stem = base;
    if (ext == ".xlsx" || ext == ".ods") stem[dot] = '_';
    temp_ = fmt::format("{}/.{}.tmp{}{}", dir, stem, ::getpid(), ext);
    ::unlink(temp_.c_str());
    register_temp(temp_);
}

AtomicPath::~AtomicPath()
{
    if (!committed_) ::unlink(temp_.c_str());
    unregister_temp(temp_);
}

void AtomicPath::commit()
{
    if (::rename(temp_.c_str(), target_.c_str()) != 0)
        throw OutputError(fmt::format("{}: cannot rename the finished output into place ({})", target_,
                                      std::strerror(errno)));
    committed_ = true;
}

} // namespace coverage
