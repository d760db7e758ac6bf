#pragma once
// Names of input and output sources as they appear in messages, summaries and rejects.
#include <string>
#include <string_view>

namespace coverage {

/// `path` as shown in messages and summaries: a connection string ("PG:dbname=x
/// password=secret") with its password replaced by "***"; anything else unchanged.
std::string display_source(std::string_view path);

} // namespace coverage
