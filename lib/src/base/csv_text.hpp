#pragma once
// Text of CSV outputs (results, rejects, tables): quoting and clipping of values.
#include <string>
#include <string_view>

namespace coverage {

/// At most `limit` bytes of a rejected value for the rejects file, cut before a UTF-8
/// continuation byte so the file stays valid UTF-8.
inline std::string clip_value(std::string_view value, std::size_t limit = 200)
{
    if (value.size() <= limit) return std::string(value);
    while (limit > 0 && (static_cast<unsigned char>(value[limit]) & 0xC0) == 0x80) --limit;
    return std::string(value.substr(0, limit));
}

/// True for text a spreadsheet would run as a formula (OWASP "CSV injection"): a cell
/// starting with '=', '@', TAB or CR, or with '+' / '-' unless the whole cell is a number
/// (-1.5, +49, -3e2 stay as they are).
bool formula_like(std::string_view s);

/// A CSV field for an output meant for people and spreadsheets: formula-like text gets a
/// leading single quote ('=SUM(A1) is shown, not run), then quoting when needed (RFC 4180).
std::string csv_field(std::string_view s);

/// Quotes a CSV field when it needs it (RFC 4180), without the formula guard.
std::string csv_field_verbatim(std::string_view s);

/// Appends `s` to `out` exactly as csv_field would write it, without a temporary (hot paths).
void append_csv_field(std::string& out, std::string_view s);

} // namespace coverage
