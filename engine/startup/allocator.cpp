#include "startup/allocator.hpp"

#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace ardoq::startup {

#if defined(__linux__) && defined(__GLIBC__)
namespace {
// hugetlb=1: malloc marks the memory it takes from the kernel for transparent huge pages.
// glibc does so for the main heap (grown with sbrk, 2 MB at a time) and for blocks it maps
// one by one, but not for the 64 MB heaps of the per-thread arenas, nor can a block of
// 1 MB mapped on its own ever be a huge page. So: one arena for all threads (arena_max=1),
// and blocks up to 32 MB (the most glibc allows) from that heap (mmap_threshold).
constexpr const char* k_tunables =
    "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432";
} // namespace
#endif

void tune_allocator(char** argv) noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr || std::getenv("ARDOQ_SYNC_NO_REEXEC") != nullptr)
        return;
    // Marks the re-executed process too (the variable is then set), so this runs once.
    if (::setenv("GLIBC_TUNABLES", k_tunables, 1) != 0)
        return;
    ::execv("/proc/self/exe", argv);
    // /proc not mounted, or the binary gone: carry on without huge pages, and do not hand
    // the variable to processes this one starts.
    ::unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

} // namespace ardoq::startup
