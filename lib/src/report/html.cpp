#include "report/html.hpp"

#include "base/json_text.hpp"
#include "base/text.hpp"

namespace coverage::html {

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string embed_json(std::string_view json)
{
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
                 (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            // U+2028 / U+2029 end a line in older JavaScript parsers.
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else out += c;
    }
    return out;
}

std::string script_json(std::string_view text) { return embed_json(json_quote(text)); }

std::string script_code(std::string_view code)
{
    auto starts = [&](std::size_t i, std::string_view word) {
        if (code.size() - i < word.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k)
            if (ascii_lower(code[i + k]) != word[k]) return false;
        return true;
    };
    std::string out;
    out.reserve(code.size());
    for (std::size_t i = 0; i < code.size(); ++i) {
        out += code[i];
        // "<\/script" and "<\!--" mean the same inside JavaScript strings and regexes.
        if (code[i] == '<' && (starts(i, "</script") || starts(i, "<!--"))) out += '\\';
    }
    return out;
}

namespace {
std::string open_tag(std::string_view tag, const Attributes& attributes)
{
    std::string out = "<";
    out += tag;
    for (const auto& [name, value] : attributes) {
        out += ' ';
        out += name;
        out += "=\"";
        out += escape(value);
        out += '"';
    }
    out += '>';
    return out;
}
} // namespace

std::string element(std::string_view tag, const Attributes& attributes, std::string_view inner_html)
{
    std::string out = open_tag(tag, attributes);
    out += inner_html;
    out += "</";
    out += tag;
    out += '>';
    return out;
}

std::string text_element(std::string_view tag, const Attributes& attributes, std::string_view text)
{
    return element(tag, attributes, escape(text));
}

} // namespace coverage::html
