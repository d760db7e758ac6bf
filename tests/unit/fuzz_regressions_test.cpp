// Replays the fuzz targets on their committed seed corpus and on every input a fuzzer ever
// flagged (tests/fuzz/regressions/<target>/), so past findings stay fixed in the ordinary
// and the sanitizer build, without needing clang's libFuzzer.
#include "../fuzz/targets.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

std::vector<std::filesystem::path> inputs(const std::string& target)
{
    std::vector<std::filesystem::path> out;
    for (const char* dir : {"corpus", "regressions"}) {
        const std::filesystem::path d = std::filesystem::path(COVERAGE_SOURCE_DIR) / "tests/fuzz" / dir / target;
        if (!std::filesystem::is_directory(d)) continue;
        for (const auto& e : std::filesystem::directory_iterator(d))
            if (e.is_regular_file()) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::uint8_t> bytes_of(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("fuzz replay: CSV/offer/address readers on the seeds and past findings")
{
    const auto files = inputs("csv");
    CHECK(files.size() >= 20);
    for (const auto& f : files) {
        INFO(f.string());
        const auto b = bytes_of(f);
        CHECK(fuzz_csv_one(b.data(), b.size()) == 0);
    }
    std::filesystem::remove(fuzz_detail::scratch_path());
}

TEST_CASE("fuzz replay: profile parser on the seeds and past findings")
{
    const auto files = inputs("profile");
    CHECK(files.size() >= 11);
    for (const auto& f : files) {
        INFO(f.string());
        const auto b = bytes_of(f);
        CHECK(fuzz_profile_one(b.data(), b.size()) == 0);
    }
}

TEST_CASE("fuzz replay: address normaliser on the seeds and past findings")
{
    const auto files = inputs("address");
    CHECK(files.size() >= 30);
    for (const auto& f : files) {
        INFO(f.string());
        const auto b = bytes_of(f);
        CHECK(fuzz_address_one(b.data(), b.size()) == 0);
    }
}
