#include "coverage/atomic_file.hpp"

#include "coverage/error.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coverage {
namespace {

// A fixed table, so the signal handler needs no allocation and no locks: each slot holds a
// private temporary folder and the file inside it.
constexpr int max_slots = 32;
constexpr std::size_t max_path = 4096;
char slot_dir[max_slots][max_path];
char slot_file[max_slots][max_path];
std::atomic<bool> slot_used[max_slots];

int register_temp(const std::string& dir, const std::string& file)
{
    if (dir.size() >= max_path || file.size() + 16 >= max_path) return -1;
    for (int i = 0; i < max_slots; ++i) {
        bool expected = false;
        if (slot_used[i].compare_exchange_strong(expected, true)) {
            std::memcpy(slot_dir[i], dir.c_str(), dir.size() + 1);
            std::memcpy(slot_file[i], file.c_str(), file.size() + 1);
            return i;
        }
    }
    return -1;
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

std::string errno_text(int err) { return std::strerror(err); }

const char* kind_of(mode_t mode)
{
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISDIR(mode)) return "a folder";
    return "not a regular file";
}

// The canonical spelling of a name that may not exist yet: its folder resolved, plus the name.
std::string canonical_name(const std::string& path)
{
    std::string base;
    const std::string dir = split_dir(path, base);
    char buf[PATH_MAX];
    if (!::realpath(dir.c_str(), buf)) return {};
    return std::string(buf) + "/" + base;
}

// Removes everything in the private folder, then the folder (not async-signal-safe).
void remove_tree(const std::string& dir)
{
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d)) {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
            ::unlinkat(::dirfd(d), e->d_name, 0);
        }
        ::closedir(d);
    }
    ::rmdir(dir.c_str());
}

bool stdout_writable()
{
    const int flags = ::fcntl(STDOUT_FILENO, F_GETFL);
    return flags != -1 && (flags & O_ACCMODE) != O_RDONLY;
}

} // namespace

void remove_temporary_outputs() noexcept
{
    static const char* const suffixes[] = {"", "-journal", "-wal", "-shm"};
    for (int i = 0; i < max_slots; ++i) {
        if (!slot_used[i].load()) continue;
        char name[max_path + 16];
        const std::size_t n = std::strlen(slot_file[i]);
        for (const char* s : suffixes) {
            std::memcpy(name, slot_file[i], n);
            std::memcpy(name + n, s, std::strlen(s) + 1);
            ::unlink(name);
        }
        ::rmdir(slot_dir[i]);
    }
}

AtomicPath::AtomicPath(std::string target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite)
{
    if (is_stdout()) {
        if (!stdout_writable()) throw OutputError("-: standard output is closed; give a file name instead of -");
        return;
    }
    std::string base;
    const std::string dir = split_dir(target_, base);
    if (base.empty() || base == "." || base == "..")
        throw OutputError(fmt::format("{}: names a folder; give a file name", target_));
    if (base.size() > NAME_MAX)
        throw OutputError(fmt::format("{}: the file name is {} bytes long; the file system allows {}", target_,
                                      base.size(), NAME_MAX));
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw OutputError(fmt::format("{}: folder '{}' does not exist; create it first", target_, dir));
    if (::access(dir.c_str(), W_OK) != 0)
        throw OutputError(fmt::format("{}: folder '{}' is not writable", target_, dir));
    if (::lstat(target_.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw OutputError(fmt::format("{}: is a folder; give a file name", target_));
        if (S_ISLNK(st.st_mode)) {
            char buf[PATH_MAX];
            const char* real = ::realpath(target_.c_str(), buf);
            throw OutputError(fmt::format("{}: is a symbolic link{}; outputs replace only regular files, so name the "
                                          "file itself",
                                          target_, real ? fmt::format(" to {}", real) : std::string(" (dangling)")));
        }
        if (!S_ISREG(st.st_mode))
            throw OutputError(fmt::format("{}: is {}, not a regular file; outputs replace only regular files (write "
                                          "to standard output with - instead)",
                                          target_, kind_of(st.st_mode)));
        if (!overwrite) throw OutputError(fmt::format("{}: exists; pass --overwrite to replace it", target_));
    } else if (errno != ENOENT) {
        throw OutputError(fmt::format("{}: cannot check ({})", target_, errno_text(errno)));
    }
    // Spreadsheets are zip archives that GDAL writes through /vsizip/, which takes the first
    // ".xlsx" (".ods") in a path for the archive: the folder's name must not hold the extension.
    const auto dot = base.rfind('.');
    const std::string ext = dot == std::string::npos || base.size() - dot > 32 ? "" : base.substr(dot);
    std::string stem = base;
    if (::strcasecmp(ext.c_str(), ".xlsx") == 0 || ::strcasecmp(ext.c_str(), ".ods") == 0) stem[dot] = '_';
    // The private folder's name fits NAME_MAX whatever the target's length.
    std::string pattern = fmt::format("{}/.{}.tmpXXXXXX", dir, stem.substr(0, NAME_MAX - 12));
    if (!::mkdtemp(pattern.data()))
        throw OutputError(
            fmt::format("{}: cannot create a temporary file in '{}' ({})", target_, dir, errno_text(errno)));
    dir_ = pattern;
    temp_ = dir_ + "/out" + ext;
    slot_ = register_temp(dir_, temp_);
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        const int err = errno;
        cleanup();
        throw OutputError(fmt::format("{}: cannot create a temporary file ({})", target_, errno_text(err)));
    }
}

AtomicPath::~AtomicPath()
{
    if (stream_ && !is_stdout()) std::fclose(stream_);
    else if (fd_ >= 0) ::close(fd_);
    cleanup();
}

void AtomicPath::cleanup() noexcept
{
    if (!dir_.empty()) {
        if (!committed_) ::unlink(temp_.c_str());
        remove_tree(dir_);
    }
    if (slot_ >= 0) slot_used[slot_].store(false);
    slot_ = -1;
}

std::FILE* AtomicPath::stream()
{
    if (is_stdout()) return stdout;
    if (!stream_) {
        if (fd_ < 0) throw OutputError(fmt::format("{}: already closed", target_));
        stream_ = ::fdopen(fd_, "wb");
        if (!stream_) throw OutputError(fmt::format("{}: cannot write ({})", target_, errno_text(errno)));
    }
    return stream_;
}

void AtomicPath::write(std::string_view text)
{
    std::FILE* f = stream();
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size())
        throw OutputError(fmt::format("{}: write failed ({})", target_, errno_text(errno)));
}

void AtomicPath::close()
{
    if (is_stdout()) {
        if (std::fflush(stdout) != 0 || std::ferror(stdout))
            throw OutputError(fmt::format("-: write failed ({})", errno_text(errno)));
        return;
    }
    if (stream_) {
        const bool flushed = std::fflush(stream_) == 0 && !std::ferror(stream_);
        const int err = errno;
        const bool closed = std::fclose(stream_) == 0;
        stream_ = nullptr;
        fd_ = -1;
        if (!flushed || !closed)
            throw OutputError(fmt::format("{}: write failed ({})", target_, errno_text(flushed ? errno : err)));
    } else if (fd_ >= 0) {
        const int rc = ::close(fd_);
        fd_ = -1;
        if (rc != 0) throw OutputError(fmt::format("{}: write failed ({})", target_, errno_text(errno)));
    }
}

std::string AtomicPath::gdal_path()
{
    if (is_stdout()) throw UsageError("-: this format cannot be written to standard output; give a file name");
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
        ::unlink(temp_.c_str()); // the driver creates it (inside our private folder)
    }
    return temp_;
}

void AtomicPath::commit()
{
    if (is_stdout()) {
        close();
        committed_ = true;
        return;
    }
    if (committed_) return;
    close();
    struct stat st {};
    if (::lstat(target_.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            throw OutputError(fmt::format("{}: became {} while this run was writing; nothing was replaced", target_,
                                          kind_of(st.st_mode)));
        if (!overwrite_)
            throw OutputError(fmt::format("{}: appeared while this run was writing (another run?); nothing was "
                                          "replaced; pass --overwrite to replace it",
                                          target_));
        // Keep the replaced file's owner (where allowed) and mode; chown first, as it clears set-id bits.
        [[maybe_unused]] const int owned = ::chown(temp_.c_str(), st.st_uid, st.st_gid);
        ::chmod(temp_.c_str(), st.st_mode & 07777);
        backup_ = dir_ + "/replaced";
        if (::link(target_.c_str(), backup_.c_str()) != 0) backup_.clear();
        if (::rename(temp_.c_str(), target_.c_str()) != 0)
            throw OutputError(
                fmt::format("{}: cannot rename the finished output into place ({})", target_, errno_text(errno)));
        replaced_ = true;
    } else {
        int rc = ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)) {
            // File systems without RENAME_NOREPLACE: link() fails on an existing name too.
            rc = ::link(temp_.c_str(), target_.c_str());
            if (rc == 0) ::unlink(temp_.c_str());
        }
        if (rc != 0) {
            if (errno == EEXIST)
                throw OutputError(fmt::format("{}: appeared while this run was writing (another run?); nothing was "
                                              "replaced; pass --overwrite to replace it",
                                              target_));
            throw OutputError(
                fmt::format("{}: cannot rename the finished output into place ({})", target_, errno_text(errno)));
        }
    }
    committed_ = true;
}

void AtomicPath::take_back() noexcept
{
    if (!committed_ || is_stdout()) return;
    if (replaced_) {
        if (!backup_.empty()) ::rename(backup_.c_str(), target_.c_str());
    } else {
        ::unlink(target_.c_str());
    }
    committed_ = false;
}

// ---------------------------------------------------------------------------------------

struct OutputSet::Identity {
    std::string name;      // as given
    std::string canonical; // folder resolved + name (outputs)
    bool has_inode = false;
    dev_t dev = 0;
    ino_t ino = 0;
    bool output = false;
};

OutputSet::OutputSet(bool overwrite) : overwrite_(overwrite) {}
OutputSet::~OutputSet() = default;

void OutputSet::check_conflicts(const std::string& path, const Identity& id, bool is_output)
{
    for (const auto& other : identities_) {
        if (!other->output && !is_output) continue; // two inputs may be one file
        const bool same = (id.has_inode && other->has_inode && id.dev == other->dev && id.ino == other->ino) ||
                          (!id.canonical.empty() && id.canonical == other->canonical);
        if (!same) continue;
        if (other->output && is_output) {
            if (other->name == path)
                throw UsageError(fmt::format("{}: named for two outputs; give each output its own file", path));
            throw UsageError(fmt::format("{}: is the same file as {}, named for two outputs; give each output its own "
                                         "file",
                                         path, other->name));
        }
        const std::string& input = other->output ? path : other->name;
        const std::string& output = other->output ? other->name : path;
        throw UsageError(fmt::format("{}: is also an input ({}); writing it would destroy the input, so name another "
                                     "output file",
                                     output, input));
    }
}

void OutputSet::add_input(const std::string& path)
{
    if (path.empty() || path == "-" ||
        (path.size() >= 3 && (path[0] == 'P' || path[0] == 'p') && (path[1] == 'G' || path[1] == 'g') &&
         path[2] == ':'))
        return;
    std::vector<std::string> files;
    if (path.rfind("/vsi", 0) == 0) {
        // /vsizip/archive.zip/inner.csv, /vsigzip/a.csv.gz: the archive is the file on disk.
        std::string rest = path;
        while (rest.rfind("/vsi", 0) == 0) {
            const auto slash = rest.find('/', 1);
            if (slash == std::string::npos) return;
            rest = rest.substr(slash);
            if (rest.size() > 1 && rest[1] == '/') rest = rest.substr(1);
        }
        for (std::string p = rest; !p.empty(); p = p.substr(0, p.rfind('/'))) {
            struct stat st {};
            if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
                files.push_back(p);
                break;
            }
            if (p.rfind('/') == std::string::npos || p.rfind('/') == 0) break;
        }
    } else {
        files.push_back(path);
        const auto dot = path.rfind('.');
        if (dot != std::string::npos && path.size() - dot == 4 &&
            (path.compare(dot, 4, ".shp") == 0 || path.compare(dot, 4, ".SHP") == 0))
            for (const char* ext : {".dbf", ".shx", ".prj", ".cpg", ".DBF", ".SHX", ".PRJ", ".CPG"})
                files.push_back(path.substr(0, dot) + ext);
    }
    for (const std::string& f : files) {
        struct stat st {};
        if (::stat(f.c_str(), &st) != 0) continue; // the reader reports a missing input
        auto id = std::make_unique<Identity>();
        id->name = path;
        id->has_inode = true;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        check_conflicts(path, *id, false);
        identities_.push_back(std::move(id));
    }
}

AtomicPath& OutputSet::add(const std::string& path)
{
    if (path == "-") {
        if (has_stdout_) throw UsageError("only one output can be - (standard output); send the others to files");
        has_stdout_ = true;
    } else {
        auto id = std::make_unique<Identity>();
        id->name = path;
        id->output = true;
        id->canonical = canonical_name(path);
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            id->has_inode = true;
            id->dev = st.st_dev;
            id->ino = st.st_ino;
        }
        check_conflicts(path, *id, true);
        identities_.push_back(std::move(id));
    }
    outputs_.push_back(std::make_unique<AtomicPath>(path, overwrite_));
    return *outputs_.back();
}

AtomicPath* OutputSet::add_optional(const std::string& path) { return path.empty() ? nullptr : &add(path); }

void OutputSet::commit()
{
    for (const auto& out : outputs_)
        if (out->is_stdout()) out->commit();
    for (const auto& out : outputs_) out->close();
    std::size_t done = 0;
    try {
        for (; done < outputs_.size(); ++done) outputs_[done]->commit();
    } catch (...) {
        for (std::size_t i = 0; i < done; ++i) outputs_[i]->take_back();
        throw;
    }
    for (const auto& out : outputs_) out->cleanup();
}

void write_text_file(const std::string& path, const std::string& text, bool overwrite)
{
    OutputSet set(overwrite);
    set.add(path).write(text);
    set.commit();
}

} // namespace coverage
