#pragma once
// A small text output of a run (rejects, summary) that is renamed into place together with
// the run's other outputs (see TextOutput).
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <string>

namespace coverage {

// A small text output (rejects, summary): its path is checked when the run starts, its text
// goes to a temporary file, and it is renamed into place only with the other outputs, so a
// run that fails late leaves neither a half-written file nor a mix of old and new files.
// Prefer an OutputSet (coverage/atomic_file.hpp), which also compares the run's outputs with
// each other and with its inputs; classify uses one, merge still uses this.
class TextOutput {
public:
    TextOutput() = default;
    TextOutput(const std::string& path, bool overwrite) : path_(path)
    {
        if (path != "-") atomic_ = std::make_unique<AtomicPath>(path, overwrite);
    }
    [[nodiscard]] bool active() const { return !path_.empty(); }

    /// Writes the text to the temporary file (a file target) or keeps it for stdout.
    void write(const std::string& text)
    {
        if (!atomic_) {
            text_ = text;
            return;
        }
        atomic_->write(text);
        atomic_->close();
    }

    /// Renames the file into place, or prints the text on stdout.
    void commit()
    {
        if (atomic_) {
            atomic_->commit();
            return;
        }
        if (std::fwrite(text_.data(), 1, text_.size(), stdout) != text_.size() || std::fflush(stdout) != 0)
            throw OutputError(fmt::format("-: write failed ({})", std::strerror(errno)));
    }

private:
    std::string path_;
    std::unique_ptr<AtomicPath> atomic_;
    std::string text_;
};

} // namespace coverage
