#include "startup/allocator.hpp"

#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace ardoq::startup {

void tune_allocator(char** argv) noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr || std::getenv("ARDOQ_SYNC_NO_REEXEC") != nullptr)
        return;
    // Marks the re-executed process too (the variable is then set), so this runs once.
    if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0)
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
