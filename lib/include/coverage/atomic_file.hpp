#pragma once
// Outputs are written to a temporary name beside the target and renamed on success, so a
// failed or interrupted run never leaves a half-written file and never clobbers an old one.
#include <string>

namespace coverage {

class AtomicPath {
public:
    /// Checks the target up front (exists without overwrite, folder missing or read-only)
    /// and reserves a temporary path with the same extension. Throws OutputError.
    AtomicPath(std::string target, bool overwrite);
    ~AtomicPath();
    AtomicPath(const AtomicPath&) = delete;
    AtomicPath& operator=(const AtomicPath&) = delete;

    [[nodiscard]] const std::string& temp() const { return temp_; }
    [[nodiscard]] const std::string& target() const { return target_; }
    /// Renames the temporary file onto the target. Throws OutputError.
    void commit();

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

/// Writes `text` to `path` atomically ("-": standard output). Throws OutputError.
void write_text_file(const std::string& path, const std::string& text, bool overwrite);

/// Removes every temporary output still registered; async-signal-safe (for SIGINT/SIGTERM
/// handlers in the CLI).
void remove_temporary_outputs() noexcept;

} // namespace coverage
