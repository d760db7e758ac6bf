#pragma once
// Runs work items on several threads and hands their results back in item order, so the
// output of a parallel loop is the same bytes whatever the thread count.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace coverage {

/// Calls produce(k, result) for k = 0 .. n-1 on up to `threads` threads and consume(result)
/// on the calling thread in order k = 0, 1, ..., with at most `window` results waiting (memory
/// stays bounded). The first exception of either side stops the rest and is rethrown here.
/// Starts `threads` workers calling work(t) (or work() when it takes no argument). A thread
/// that cannot be started (ulimit -u / -v) ends the start: with at least one worker running
/// the run goes on with those; with none, a std::runtime_error says why. The caller joins
/// `pool` (it is inside the caller's try, so no std::thread is destroyed while joinable).
template <class Work>
void start_workers(std::vector<std::thread>& pool, int threads, Work& work)
{
    try {
        pool.reserve(static_cast<std::size_t>(threads));
        for (int t = 0; t < threads; ++t) {
            if constexpr (std::is_invocable_v<Work&, int>) pool.emplace_back(work, t);
            else pool.emplace_back(work);
        }
    } catch (const std::exception& e) {
        if (pool.empty())
            throw std::runtime_error(std::string("cannot start a worker thread (") + e.what() +
                                     "); lower --threads or raise the limits (ulimit -u, ulimit -v)");
    }
}

template <class Result, class Produce, class Consume>
void ordered_parallel(std::size_t n, int threads, std::size_t window, Produce&& produce, Consume&& consume)
{
    if (threads <= 1 || n <= 1) {
        for (std::size_t k = 0; k < n; ++k) {
            Result r{};
            produce(k, r);
            consume(r);
        }
        return;
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::unique_ptr<Result>> ring(window);
    std::size_t next_claim = 0, next_consume = 0;
    bool stop = false;
    std::exception_ptr error;

    auto work = [&] {
        while (true) {
            std::size_t k = 0;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || next_claim >= n || next_claim < next_consume + window; });
                if (stop || next_claim >= n) return;
                k = next_claim++;
            }
            // The allocation too is inside the try: an exception must not leave a worker
            // (std::terminate), out of memory included.
            std::unique_ptr<Result> r;
            try {
                r = std::make_unique<Result>();
                produce(k, *r);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                stop = true;
                changed.notify_all();
                return;
            }
            {
                std::lock_guard lock(mutex);
                ring[k % window] = std::move(r);
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    auto finish = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        for (auto& t : pool) t.join();
    };
    try {
        start_workers(pool, threads, work);
        for (; next_consume < n;) {
            std::unique_ptr<Result> r;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return error || ring[next_consume % window]; });
                if (error) std::rethrow_exception(error);
                r = std::move(ring[next_consume % window]);
            }
            consume(*r);
            {
                std::lock_guard lock(mutex);
                ++next_consume;
            }
            changed.notify_all();
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
}

} // namespace coverage
