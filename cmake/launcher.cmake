# Compiler launcher: use ccache when it is installed (speeds up rebuilds across presets).
find_program(ARDOQ_SYNC_CCACHE ccache)
if(ARDOQ_SYNC_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${ARDOQ_SYNC_CCACHE}")
endif()
