#include "read/encoding.hpp"

#include "base/text.hpp"
#include "coverage/error.hpp"

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <iconv.h>

namespace coverage {
namespace {

constexpr std::string_view examples = "UTF-8, CP1252 (Excel on Windows), ISO-8859-1, ISO-8859-15, UTF-16";

class Iconv {
public:
    explicit Iconv(const std::string& from) : h_(iconv_open("UTF-8", from.c_str())) {}
    ~Iconv()
    {
        if (ok()) iconv_close(h_);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    [[nodiscard]] bool ok() const { return h_ != reinterpret_cast<iconv_t>(-1); }
    [[nodiscard]] iconv_t get() const { return h_; }

private:
    iconv_t h_;
};

} // namespace

bool is_utf8_name(std::string_view name)
{
    std::string key;
    for (char c : name)
        if (c != '-' && c != '_') key.push_back(ascii_lower(c));
    return key.empty() || key == "utf8";
}

void check_encoding_name(std::string_view name, std::string_view what)
{
    if (is_utf8_name(name)) return;
    // glibc drops spaces and reads "//" as flags ("utf 8" would silently be "UTF8", and
    // "//IGNORE" would delete bytes): a name is letters, digits and . _ - : only.
    const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == ':';
    });
    if (!plain || !Iconv(std::string(name)).ok())
        throw UsageError(fmt::format("{} '{}': not a known text encoding; use e.g. {}", what, name, examples));
}

std::string recode_to_utf8(std::string_view text, const std::string& encoding, const std::string& path)
{
    Iconv cd(encoding);
    if (!cd.ok())
        throw UsageError(fmt::format("{}: encoding '{}' is not known; use e.g. {}", path, encoding, examples));
    std::string out;
    out.resize(text.size() + text.size() / 2 + 16);
    char* in = const_cast<char*>(text.data()); // iconv's signature; the input is not written
    std::size_t in_left = text.size();
    std::size_t done = 0;
    while (in_left > 0) {
        char* o = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t r = iconv(cd.get(), &in, &in_left, &o, &out_left);
        done = static_cast<std::size_t>(o - out.data());
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t at = text.size() - in_left;
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        if (errno == EINVAL)
            throw InputError(fmt::format("{}:{}: the file ends inside a character of {}; is the encoding right?", path,
                                         line, encoding));
        throw InputError(fmt::format("{}:{}: byte 0x{:02X} is not a character of {}; is the encoding right? (e.g. {})",
                                     path, line, static_cast<unsigned char>(text[at]), encoding, examples));
    }
    out.resize(done);
    return out;
}

} // namespace coverage
