#include "base/source_name.hpp"

#include "base/text.hpp"

namespace coverage {

namespace {

// postgresql://user:secret@host/db (also postgres://): the password between ':' and '@' of
// the authority part.
void mask_uri_password(std::string& out, std::size_t from)
{
    for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
        const std::size_t at_scheme = ascii_lower(out).find(scheme, from);
        if (at_scheme == std::string::npos) continue;
        const std::size_t auth = at_scheme + scheme.size();
        const std::size_t end = out.find_first_of("/?#", auth);
        const std::size_t at = out.rfind('@', end == std::string::npos ? std::string::npos : end);
        if (at == std::string::npos || at < auth) return;
        const std::size_t colon = out.find(':', auth);
        if (colon == std::string::npos || colon > at) return;
        out.replace(colon + 1, at - colon - 1, "***");
        return;
    }
}

// libpq keywords "password=value" / "password='quoted value'", and the URI query parameter
// "?password=value&..." (also sslpassword).
void mask_keyword_passwords(std::string& out)
{
    std::size_t pos = 0;
    while ((pos = ascii_lower(out).find("password", pos)) != std::string::npos) {
        std::size_t eq = pos + 8;
        while (eq < out.size() && out[eq] == ' ') ++eq;
        if (eq >= out.size() || out[eq] != '=') {
            pos = eq;
            continue;
        }
        std::size_t v = eq + 1;
        while (v < out.size() && out[v] == ' ') ++v;
        std::size_t end = v;
        if (end < out.size() && out[end] == '\'') {
            ++end;
            while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, out.size());
        } else {
            while (end < out.size() && out[end] != ' ' && out[end] != '&') ++end;
        }
        out.replace(v, end - v, "***");
        pos = v + 3;
    }
}

} // namespace

std::string display_source(std::string_view path)
{
    std::string out(path);
    if (out.size() < 3 || ascii_lower(out.substr(0, 3)) != "pg:") return out;
    mask_uri_password(out, 3);
    mask_keyword_passwords(out);
    return out;
}

} // namespace coverage
