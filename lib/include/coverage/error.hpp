#pragma once
// Typed errors thrown by the library. The CLI maps them to exit codes in one place (main):
// UsageError -> 2, everything else -> 1. Each carries enough context (file, row, field)
// for a one-line, actionable message.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace coverage {

/// The caller asked for something that cannot work (bad option value, missing argument).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An input could not be used as a whole: unreadable file, missing column, bad profile.
/// `what()` is the complete one-line message, already naming file/row/field and a fix.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Writing an output failed (disk full, permission, existing file without --overwrite).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Installs `hook` to be called with the message of a fatal GDAL error (CE_Fatal, e.g. out
/// of memory inside GDAL), just before GDAL aborts the process; the hook should report it and
/// end the process itself (the CLI prints one line, removes temporary outputs, exits 1).
void set_fatal_error_hook(void (*hook)(const char* message));

/// The name of the input file mapped at `address`, or nullptr: for a SIGBUS handler (a mapped
/// input truncated while it is read). Async-signal-safe.
const char* mapped_input_at(const void* address) noexcept;

} // namespace coverage
