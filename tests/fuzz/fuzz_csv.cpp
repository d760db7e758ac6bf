// libFuzzer entry for fuzz_csv_one (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return fuzz_csv_one(data, size); }
