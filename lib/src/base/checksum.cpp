#include "base/checksum.hpp"

#include <fmt/format.h>
#include <fstream>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <vector>

namespace coverage {

std::string file_sha256(const std::string& path)
{
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) EVP_DigestUpdate(ctx, buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    std::string hex;
    for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}

ChecksumTask::ChecksumTask(const std::string& path, int threads, std::string& out)
{
    if (threads > 1) thread_ = std::thread([&out, path] { out = file_sha256(path); });
    else out = file_sha256(path);
}

ChecksumTask::~ChecksumTask()
{
    if (thread_.joinable()) thread_.join();
}


} // namespace coverage
