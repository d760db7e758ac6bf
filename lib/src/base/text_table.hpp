#pragma once
// Plain-text and Markdown tables for reports meant for people (summary, diff).
#include <string>
#include <vector>

namespace coverage {

/// Columns padded to their widest cell, two spaces apart; the first column left-aligned,
/// the others right-aligned (numbers). Width counts UTF-8 code points.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
/// A GitHub-flavoured Markdown table with the same alignment; '|' in cells escaped.
std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

} // namespace coverage
