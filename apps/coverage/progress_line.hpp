#pragma once
// A progress line on stderr for long runs: only when stderr is a terminal, never with
// --quiet, and only once the run has taken more than a second (a quick run prints nothing
// extra). Redrawn in place twice a second from a background thread; cleared at the end, so
// the summary that follows starts on a clean line. Any command can use it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace coverage::cli {

class ProgressLine {
public:
    /// Inactive (update() does nothing) unless `enabled` and stderr is a terminal.
    ProgressLine(std::string command, bool enabled);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// The current phase and the rows it has handled; thread-safe.
    void update(const std::string& phase, std::uint64_t rows);
    /// Clears the line and stops the thread (also done by the destructor).
    void stop();
    [[nodiscard]] bool active() const { return active_; }

private:
    void run();

    std::string command_;
    bool active_ = false;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string phase_;
    std::uint64_t rows_ = 0;
    bool stopping_ = false;
    bool drawn_ = false;
    std::thread thread_;
};

} // namespace coverage::cli
