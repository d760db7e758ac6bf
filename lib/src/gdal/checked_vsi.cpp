// A pass-through GDAL virtual file system that remembers failed writes.
//
// GDAL 3.6 drivers do not all check the result of their writes: the GeoJSON and FlatGeobuf
// writers ignore a full disk and close "successfully" with a truncated file. Routing our
// outputs through this handler lets the writer see every short write, failed flush and
// failed close, and refuse to commit the file.
#include "gdal/checked_vsi.hpp"

#include <atomic>
#include <cerrno>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace coverage::gdal {
namespace {

constexpr const char* prefix = "/vsicoverage_checked/";

std::atomic<std::uint64_t> failures{0};
std::mutex message_mutex;
std::string last_message;

void record_failure(int err)
{
    {
        std::lock_guard<std::mutex> lock(message_mutex);
        last_message = std::strerror(err ? err : EIO);
    }
    failures.fetch_add(1);
}

const char* strip(const char* name)
{
    const std::size_t n = std::strlen(prefix);
    return std::strncmp(name, prefix, n) == 0 ? name + n : name;
}

struct Handle {
    std::FILE* f = nullptr;
};

int on_stat(void*, const char* name, VSIStatBufL* out, int)
{
    struct stat st {};
    if (::stat(strip(name), &st) != 0) return -1;
    std::memset(out, 0, sizeof *out);
    out->st_mode = st.st_mode;
    out->st_size = st.st_size;
    out->st_mtime = st.st_mtime;
    return 0;
}
int on_unlink(void*, const char* name) { return ::unlink(strip(name)); }
int on_rename(void*, const char* from, const char* to) { return std::rename(strip(from), strip(to)); }
int on_mkdir(void*, const char* name, long mode) { return ::mkdir(strip(name), static_cast<mode_t>(mode)); }
int on_rmdir(void*, const char* name) { return ::rmdir(strip(name)); }
char** on_read_dir(void*, const char* name, int max_files) { return VSIReadDirEx(strip(name), max_files); }

void* on_open(void*, const char* name, const char* access)
{
    std::string mode(access);
    if (mode.find('b') == std::string::npos) mode += 'b';
    std::FILE* f = std::fopen(strip(name), mode.c_str());
    if (!f) return nullptr;
    return new Handle{f};
}
vsi_l_offset on_tell(void* h) { return static_cast<vsi_l_offset>(ftello(static_cast<Handle*>(h)->f)); }
int on_seek(void* h, vsi_l_offset offset, int whence)
{
    return fseeko(static_cast<Handle*>(h)->f, static_cast<off_t>(offset), whence);
}
size_t on_read(void* h, void* buf, size_t size, size_t count)
{
    return std::fread(buf, size, count, static_cast<Handle*>(h)->f);
}
int on_eof(void* h) { return std::feof(static_cast<Handle*>(h)->f); }
size_t on_write(void* h, const void* buf, size_t size, size_t count)
{
    const size_t done = std::fwrite(buf, size, count, static_cast<Handle*>(h)->f);
    if (done != count) record_failure(errno);
    return done;
}
int on_flush(void* h)
{
    const int rc = std::fflush(static_cast<Handle*>(h)->f);
    if (rc != 0) record_failure(errno);
    return rc;
}
int on_truncate(void* h, vsi_l_offset size)
{
    auto* handle = static_cast<Handle*>(h);
    if (std::fflush(handle->f) != 0 || ::ftruncate(fileno(handle->f), static_cast<off_t>(size)) != 0) {
        record_failure(errno);
        return -1;
    }
    return 0;
}
int on_close(void* h)
{
    auto* handle = static_cast<Handle*>(h);
    const int rc = std::fclose(handle->f);
    if (rc != 0) record_failure(errno);
    delete handle;
    return rc;
}

void install()
{
    VSIFilesystemPluginCallbacksStruct* cb = VSIAllocFilesystemPluginCallbacksStruct();
    cb->stat = on_stat;
    cb->unlink = on_unlink;
    cb->rename = on_rename;
    cb->mkdir = on_mkdir;
    cb->rmdir = on_rmdir;
    cb->read_dir = on_read_dir;
    cb->open = on_open;
    cb->tell = on_tell;
    cb->seek = on_seek;
    cb->read = on_read;
    cb->eof = on_eof;
    cb->write = on_write;
    cb->flush = on_flush;
    cb->truncate = on_truncate;
    cb->close = on_close;
    VSIInstallPluginHandler(prefix, cb);
    VSIFreeFilesystemPluginCallbacksStruct(cb);
}

} // namespace

std::string checked_path(const std::string& path)
{
    static std::once_flag once;
    std::call_once(once, install);
    return prefix + path;
}

WriteWatch::WriteWatch() : start_(failures.load()) {}

std::optional<std::string> WriteWatch::failure() const
{
    if (failures.load() == start_) return std::nullopt;
    std::lock_guard<std::mutex> lock(message_mutex);
    return last_message.empty() ? std::string("input/output error") : last_message;
}

} // namespace coverage::gdal
