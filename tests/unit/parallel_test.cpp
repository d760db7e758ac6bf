// The parallel loops: results in input order whatever the thread count, and an exception in a
// worker, out of memory included, reaches the caller instead of ending the process
// (std::terminate, which is what happened when a worker's own allocation failed).
#include "base/ordered_parallel.hpp"
#include "base/threads.hpp"
#include "read/parallel_blocks.hpp"
#include "read/table_reader.hpp"
#include "temp_dir.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <fstream>
#include <new>
#include <numeric>

using namespace coverage;

namespace {

// A result whose construction fails the `fail_at`-th time (0: never), like an allocation
// failing under ulimit -v.
std::atomic<int> constructed{0};
int fail_at = 0;
struct Fragile {
    Fragile()
    {
        if (++constructed == fail_at) throw std::bad_alloc();
    }
    std::size_t value = 0;
};

} // namespace

TEST_CASE("ordered_parallel: input order on any thread count, a failing result allocation is rethrown")
{
    for (const int threads : {1, 2, 5}) {
        CAPTURE(threads);
        constructed = 0;
        fail_at = 0;
        std::vector<std::size_t> seen;
        ordered_parallel<Fragile>(
            100, threads, 8, [](std::size_t k, Fragile& r) { r.value = k * k; },
            [&](const Fragile& r) { seen.push_back(r.value); });
        REQUIRE(seen.size() == 100);
        for (std::size_t k = 0; k < 100; ++k) CHECK(seen[k] == k * k);
        constructed = 0;
        fail_at = 37;
        CHECK_THROWS_AS(ordered_parallel<Fragile>(
                            100, threads, 8, [](std::size_t, Fragile&) {}, [](const Fragile&) {}),
                        std::bad_alloc);
    }
    fail_at = 0;
}

TEST_CASE("parallel_blocks: a failing result allocation in a worker is rethrown")
{
    const coverage::test::TempDir dir;
    const std::string path = dir / "rows.csv";
    {
        std::ofstream out(path);
        out << "id,v\n";
        for (int i = 0; i < 20000; ++i) out << "a" << i << "," << i << "\n";
    }
    for (const int threads : {1, 3}) {
        CAPTURE(threads);
        auto in = TableReader::open(path, {});
        REQUIRE(in->splittable());
        constructed = 0;
        fail_at = 4;
        CHECK_THROWS_AS(parallel_blocks<Fragile>(
                            *in, threads, 4096, [](TableReader&, Fragile&, int) {}, [](Fragile&) {}),
                        std::bad_alloc);
    }
    fail_at = 0;
}
