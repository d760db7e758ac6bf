#pragma once
// The page's language and number format (--locale): "en" writes 1,234.5 and 30 June 2026,
// "de" writes 1.234,5 and 30.06.2026. Formatting never depends on the process locale.
#include <cstdint>
#include <string>
#include <string_view>

namespace coverage::report {

enum class Language { en, de };

class Locale {
public:
    /// "en" or "de" (case-insensitive; "en-GB", "de_DE" accepted). Throws UsageError.
    static Locale named(std::string_view name);

    [[nodiscard]] Language language() const { return language_; }
    /// The html lang attribute: "en" or "de".
    [[nodiscard]] std::string_view code() const;
    /// Fixed decimals with digit grouping: en 1,234,567.89; de 1.234.567,89. NaN and
    /// infinities give an empty string (an empty table cell).
    [[nodiscard]] std::string number(double value, int decimals) const;
    [[nodiscard]] std::string integer(std::int64_t value) const;
    /// A fraction (0.4809) as a percentage: en "48.1 %", de "48,1 %".
    [[nodiscard]] std::string percent(double fraction, int decimals = 1) const;
    /// An ISO date (YYYY-MM-DD) as en "30 June 2026", de "30.06.2026"; anything else as given.
    [[nodiscard]] std::string date(std::string_view iso) const;
    /// The page text for `key` in this language; the key itself when there is none.
    [[nodiscard]] std::string_view text(std::string_view key) const;

private:
    explicit Locale(Language l) : language_(l) {}
    Language language_;
};

/// True when every page text has both languages (a unit test checks the table).
bool texts_complete();

} // namespace coverage::report
