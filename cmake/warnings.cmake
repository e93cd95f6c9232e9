# Warnings as an INTERFACE target, linked only by our own targets (never by dependencies).
option(ARDOQ_SYNC_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)

add_library(ardoq_warnings INTERFACE)
target_compile_options(ardoq_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2)
if(ARDOQ_SYNC_WARNINGS_AS_ERRORS)
  target_compile_options(ardoq_warnings INTERFACE -Werror)
endif()
