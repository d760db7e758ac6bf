#pragma once
// HTML text for the report page: escaping (element text, attribute values, JSON inside a
// <script> element) and a tiny element builder. Every value from the data (ids, reasons,
// provider names, file names) goes through one of these, so a hostile id such as
// `</script><img onerror=...>` stays text.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coverage::html {

/// Escapes & < > " ' for element text and double- or single-quoted attribute values.
std::string escape(std::string_view text);

/// A JSON string literal that is safe inside <script type="application/json"> and inline
/// scripts: json_quote plus <, >, & and U+2028/U+2029 as \u escapes, so no "</script" or
/// "<!--" can end or change the script element.
std::string script_json(std::string_view text);

/// Makes text inert inside a <script> element that holds trusted code (Leaflet): "</script"
/// and "<!--" are broken up. Only for code we ship, never for data.
std::string script_code(std::string_view code);

using Attributes = std::vector<std::pair<std::string, std::string>>;

/// <tag a="v" ...>inner</tag>; attribute values are escaped, `inner_html` is taken as HTML.
std::string element(std::string_view tag, const Attributes& attributes, std::string_view inner_html);
/// <tag a="v" ...>text</tag> with `text` escaped.
std::string text_element(std::string_view tag, const Attributes& attributes, std::string_view text);

} // namespace coverage::html

namespace coverage::html {
/// A whole JSON document made safe to sit inside <script type="application/json">: < > &
/// and U+2028/U+2029 become \u escapes (in JSON they can only occur inside strings, where
/// the escape means the same character).
std::string embed_json(std::string_view json);
} // namespace coverage::html
