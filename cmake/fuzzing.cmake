# Fuzzing, switched on by ARDOQ_SYNC_BUILD_FUZZERS (tests/fuzz/run.sh, `make fuzz`): clang's
# libFuzzer coverage plus ASan + UBSan on every target, so that a finding in a library shows
# as a crash of the fuzz target. The targets themselves are in tests/fuzz/.
if(ARDOQ_SYNC_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ARDOQ_SYNC_BUILD_FUZZERS needs clang (libFuzzer): "
                        "configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
