# Warnings and sanitizers live in INTERFACE targets so every project target opts in the same way.
add_library(coverage_warnings INTERFACE)
target_compile_options(coverage_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  # GCC 12 at -O3 reports impossible memcpy overlaps inside std::string operator+ (GCC bug
  # 105651); the warning is noise there, so it stays off for GCC.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${COVERAGE_WERROR}>:-Werror>)

add_library(coverage_sanitizers INTERFACE)
if(COVERAGE_FUZZ)
  # Everything instrumented for libFuzzer's coverage feedback; the fuzz targets add the
  # libFuzzer main (-fsanitize=fuzzer) themselves.
  target_compile_options(coverage_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(coverage_sanitizers INTERFACE -fsanitize=address,undefined)
elseif(COVERAGE_SANITIZE)
  target_compile_options(coverage_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(coverage_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
