// libFuzzer entry for fuzz_address_one (see targets.hpp); built once coverage/address_match.hpp exists.
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return fuzz_address_one(data, size);
}
