# Warnings as an INTERFACE target, linked only by our own targets (never by dependencies).
option(ARDOQ_SYNC_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)

add_library(ardoq_warnings INTERFACE)
target_compile_options(ardoq_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2
  # Aggregates with default member initializers are meant to be brace-initialised in part.
  -Wno-missing-field-initializers)
# GCC 12 reports false positives for std::variant members copied at -O2 (GCC bug 105562 and
# its relatives); -Wuninitialized still catches real uses of uninitialised variables.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(ardoq_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(ARDOQ_SYNC_WARNINGS_AS_ERRORS)
  target_compile_options(ardoq_warnings INTERFACE -Werror)
endif()
