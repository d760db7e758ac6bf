#pragma once
// Fixed-size fan-out: run `work(t)` for t = 0 .. n-1, each on its own thread (t = 0 on the
// caller's). Every thread is joined before this returns or throws, whatever happens: an
// exception in a worker, or a thread that cannot be started (ulimit), is rethrown here
// after the others finished, so no std::thread is ever destroyed while joinable.
#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace coverage {

/// The thread count a run uses: `requested` if positive, else every core (at least 1).
inline int resolve_threads(int requested)
{
    return requested > 0 ? requested : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

template <class Work>
void run_on_threads(int n, Work&& work)
{
    std::exception_ptr error;
    std::mutex mutex;
    auto guarded = [&](int t) {
        try {
            work(t);
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!error) error = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    try {
        pool.reserve(static_cast<std::size_t>(std::max(0, n - 1)));
        for (int t = 1; t < n; ++t) pool.emplace_back(guarded, t);
    } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
    }
    if (!error) guarded(0);
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
}

} // namespace coverage
