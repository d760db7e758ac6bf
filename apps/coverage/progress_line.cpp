#include "progress_line.hpp"

#include "commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

namespace coverage::cli {

ProgressLine::ProgressLine(std::string command, bool enabled)
    : command_(std::move(command)), active_(enabled && stderr_is_tty()), start_(std::chrono::steady_clock::now())
{
    // The line is a courtesy: if drawing it fails (out of memory), it stops; the run goes on.
    if (active_)
        thread_ = std::thread([this] {
            try {
                run();
            } catch (...) {
            }
        });
}

ProgressLine::~ProgressLine() { stop(); }

void ProgressLine::update(const std::string& phase, std::uint64_t rows)
{
    if (!active_) return;
    std::lock_guard lock(mutex_);
    phase_ = phase;
    rows_ = rows;
}

void ProgressLine::stop()
{
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    if (drawn_) {
        std::fputs("\r\033[K", stderr); // back to the start of the line, and clear it
        std::fflush(stderr);
    }
}

void ProgressLine::run()
{
    std::unique_lock lock(mutex_);
    // Nothing for the first second: most runs end before and print only their summary.
    // COVERAGE_PROGRESS_DELAY_MS changes the delay (tests/scripts/progress_line.sh uses 0).
    std::chrono::milliseconds delay(1000);
    if (const char* env = std::getenv("COVERAGE_PROGRESS_DELAY_MS")) delay = std::chrono::milliseconds(std::atoi(env));
    if (wake_.wait_for(lock, delay, [this] { return stopping_; })) return;
    while (!stopping_) {
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_).count();
        std::string line = fmt::format("coverage {}: {}", command_, phase_.empty() ? "starting" : phase_);
        if (rows_ > 0) line += fmt::format(", {} rows", rows_);
        line += fmt::format(" ({} s)", seconds);
        std::fputs(("\r\033[K" + line).c_str(), stderr);
        std::fflush(stderr);
        drawn_ = true;
        wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; });
    }
}

} // namespace coverage::cli
