#include "base/checksum.hpp"

#include <cpl_vsi.h>
#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <utility>
#include <vector>

namespace coverage {
namespace {

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }
    void update(const void* data, std::size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
    std::string hex()
    {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx_.get(), md, &len);
        std::string out;
        for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

// Adds the bytes of `path` (through GDAL's virtual file system, so /vsizip/ reads the
// decompressed member); false if it cannot be opened.
bool add_file(Sha256& sha, const std::string& path)
{
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return false;
    std::vector<char> buf(1 << 20);
    // A short read ends the stream (GDAL 3.6 has no VSIFErrorL, and archive handles do not
    // all set the end-of-file flag).
    while (true) {
        const std::size_t got = VSIFReadL(buf.data(), 1, buf.size(), f);
        if (got > 0) sha.update(buf.data(), got);
        if (got < buf.size()) break;
    }
    VSIFCloseL(f);
    return true;
}

bool is_regular(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

} // namespace

std::string source_sha256(const std::string& path)
{
    if (path.empty() || path == "-") return {};
    if (path.rfind("/vsi", 0) == 0) {
        VSIStatBufL st;
        if (VSIStatL(path.c_str(), &st) != 0 || !VSI_ISREG(st.st_mode)) return {};
        Sha256 sha;
        return add_file(sha, path) ? sha.hex() : std::string();
    }
    if (!is_regular(path)) return {};
    Sha256 sha;
    if (!add_file(sha, path)) return {};
    const auto dot = path.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot);
    if (ext == ".shp" || ext == ".SHP") {
        const bool upper = ext == ".SHP";
        for (const char* side : {".shx", ".dbf", ".prj", ".cpg"}) {
            std::string name = path.substr(0, dot) + side;
            if (upper)
                for (std::size_t i = dot + 1; i < name.size(); ++i) name[i] = static_cast<char>(name[i] - 'a' + 'A');
            if (is_regular(name) && !add_file(sha, name)) return {};
        }
    }
    return sha.hex();
}

std::string substitute_sha256(std::string_view source, std::string_view layer, std::uint64_t rows)
{
    const std::string text = fmt::format("{}\n{}\n{}", source, layer, rows);
    Sha256 sha;
    sha.update(text.data(), text.size());
    return sha.hex();
}

ChecksumTask::ChecksumTask(const std::string& path, int threads, std::string& out)
{
    if (threads > 1)
        thread_ = std::thread([this, &out, path] {
            try {
                out = source_sha256(path);
            } catch (...) {
                error_ = std::current_exception();
            }
        });
    else out = source_sha256(path);
}

void ChecksumTask::wait()
{
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

ChecksumTask::~ChecksumTask()
{
    if (thread_.joinable()) thread_.join();
}

} // namespace coverage
