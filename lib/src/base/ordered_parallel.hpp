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

#include "read/table_reader.hpp"

namespace coverage {

/// Parallel parsing of a splittable input (TableReader::splittable): cuts the remaining rows
/// into blocks of about `block_bytes`, calls parse(rows, result, worker) on up to `threads`
/// threads (worker = 0 .. threads-1, for per-thread state) and consume(result) on the calling
/// thread in input order. `rows` lives until its result is consumed, so views into its text
/// stay valid meanwhile. At most 4 blocks per thread wait, so memory stays bounded.
template <class Result, class Parse, class Consume>
void parallel_blocks(TableReader& in, int threads, std::size_t block_bytes, Parse&& parse, Consume&& consume)
{
    struct Slot {
        std::unique_ptr<TableReader> rows;
        Result result{};
        bool ready = false;
    };
    const std::size_t window = 4 * static_cast<std::size_t>(threads);
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::unique_ptr<Slot>> ring(window);
    std::size_t next_claim = 0, next_consume = 0;
    bool done = false, stop = false;
    std::exception_ptr error;

    auto work = [&](int worker) {
        while (true) {
            Slot* slot = nullptr;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || done || next_claim < next_consume + window; });
                if (stop || done) return;
                std::unique_ptr<TableReader> rows;
                try {
                    rows = in.next_block(block_bytes);
                } catch (...) {
                    if (!error) error = std::current_exception();
                    stop = true;
                    changed.notify_all();
                    return;
                }
                if (!rows) {
                    done = true;
                    changed.notify_all();
                    return;
                }
                auto s = std::make_unique<Slot>();
                s->rows = std::move(rows);
                slot = s.get();
                ring[next_claim++ % window] = std::move(s);
            }
            try {
                parse(*slot->rows, slot->result, worker);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                stop = true;
                changed.notify_all();
                return;
            }
            {
                std::lock_guard lock(mutex);
                slot->ready = true;
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
        while (true) {
            std::unique_ptr<Slot> slot;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] {
                    return error || (next_consume < next_claim && ring[next_consume % window]->ready) ||
                           (done && next_consume == next_claim);
                });
                if (error) std::rethrow_exception(error);
                if (next_consume == next_claim) break;
                slot = std::move(ring[next_consume % window]);
            }
            consume(slot->result);
            slot.reset();  // gives the block's pages back
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
