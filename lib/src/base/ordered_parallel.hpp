#pragma once
// Runs work items on several threads and hands their results back in item order, so the
// output of a parallel loop is the same bytes whatever the thread count.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace coverage {

/// Calls produce(k, result) for k = 0 .. n-1 on up to `threads` threads and consume(result)
/// on the calling thread in order k = 0, 1, ..., with at most `window` results waiting (memory
/// stays bounded). The first exception of either side stops the rest and is rethrown here.
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
            auto r = std::make_unique<Result>();
            try {
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
    pool.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    auto finish = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        for (auto& t : pool) t.join();
    };
    try {
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
