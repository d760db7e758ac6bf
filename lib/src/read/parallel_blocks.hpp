#pragma once
// Parallel parsing of one splittable input in blocks, results consumed in input order.
#include "base/ordered_parallel.hpp"
#include "read/table_reader.hpp"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

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
                std::unique_ptr<Slot> s;
                try { // the allocation too: no exception may leave a worker (std::terminate)
                    rows = in.next_block(block_bytes);
                    if (rows) s = std::make_unique<Slot>();
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
            slot.reset(); // gives the block's pages back
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
