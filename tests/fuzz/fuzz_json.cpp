// libFuzzer target: run_json of fuzz/harness.hpp (what it reads and how is said there).

#include "fuzz/harness.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)ardoq::fuzz::run_json(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
