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
        std::FILE* f = std::fopen(atomic_->temp().c_str(), "wb");
        if (!f) throw OutputError(fmt::format("{}: cannot create ({})", path_, std::strerror(errno)));
        const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
        const int err = errno;
        const bool closed = std::fclose(f) == 0;
        if (!ok || !closed)
            throw OutputError(fmt::format("{}: write failed ({})", path_, std::strerror(ok ? errno : err)));
    }

    /// Renames the file into place, or prints the text on stdout.
    void commit()
    {
        if (atomic_) {
            atomic_->commit();
            return;
        }
        if (std::fwrite(text_.data(), 1, text_.size(), stdout) != text_.size() || std::fflush(stdout) != 0)
            throw OutputError(fmt::format("stdout: write failed ({})", std::strerror(errno)));
    }

private:
    std::string path_;
    std::unique_ptr<AtomicPath> atomic_;
    std::string text_;
};

} // namespace coverage
