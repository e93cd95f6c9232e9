#include "startup/allocator.hpp"

#include <cstdlib>
#include <string>
#include <thread>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
#endif

namespace ardoq::startup {

#if defined(__linux__) && defined(__GLIBC__)
namespace {
// hugetlb=1: malloc marks the memory it takes from the kernel for transparent huge pages.
// glibc does so for the main heap (grown with sbrk, 2 MB at a time) and for blocks it maps
// one by one, but not for the 64 MB heaps of the other arenas, nor can a block of 1 MB
// mapped on its own ever be a huge page. So: blocks up to 32 MB (the most glibc allows)
// come from the heaps (mmap_threshold), and there is one arena per core (arena_max): the
// threads that read sources and load the snapshot (one per core) allocate side by side
// instead of queueing for one arena's lock. Their memory is not handed from one arena to
// another (model::ChunkedVector::append reuses the chunks it takes over), so peak RSS is
// that of one arena.
std::string tunables() {
    const unsigned cores = std::thread::hardware_concurrency();
    return "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=" +
           std::to_string(cores < 2 ? 2 : cores) + ":glibc.malloc.mmap_threshold=33554432";
}
} // namespace
#endif

void tune_allocator(char** argv) noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr || std::getenv("ARDOQ_SYNC_NO_REEXEC") != nullptr)
        return;
    // Marks the re-executed process too (the variable is then set), so this runs once.
    try {
        if (::setenv("GLIBC_TUNABLES", tunables().c_str(), 1) != 0)
            return;
    } catch (...) { // NOLINT(bugprone-empty-catch): no memory for a string: carry on as is
        return;
    }
    ::execv("/proc/self/exe", argv);
    // /proc not mounted, or the binary gone: carry on without huge pages, and do not hand
    // the variable to processes this one starts.
    ::unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

void keep_freed_memory() noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    // A fixed mmap threshold turns off glibc's dynamic thresholds, which leaves the heap
    // trimmed whenever 128 KB at its top are free.
    constexpr int k_trim_threshold = 256 * 1024 * 1024;
    ::mallopt(M_TRIM_THRESHOLD, k_trim_threshold);
#endif
}

} // namespace ardoq::startup
