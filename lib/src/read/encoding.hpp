#pragma once
// Text encodings of CSV inputs: names checked before anything is read, whole buffers recoded
// to UTF-8 (NUL bytes included: they stay, so the row that holds one is rejected), and text
// that already is UTF-8 never decoded a second time.
#include <string>
#include <string_view>

namespace coverage {

/// True for an empty name and the spellings of UTF-8 ("UTF-8", "utf8", "UTF_8").
bool is_utf8_name(std::string_view name);

/// Throws UsageError when `name` is not an encoding this machine can decode: a name with a
/// space or a '/' ("utf 8", "CP1252//IGNORE"), or one iconv does not know. `what` names the
/// option for the message (e.g. "--offers-encoding").
void check_encoding_name(std::string_view name, std::string_view what);

/// Converts `text` from `encoding` to UTF-8, all of it. Throws InputError naming `path`, the
/// line and the byte that is not a character of the encoding.
std::string recode_to_utf8(std::string_view text, const std::string& encoding, const std::string& path);

} // namespace coverage
