#include "server/app.hpp"

#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace {

// A batch of 500 writes makes a few megabytes of new entities, index nodes and answer text:
// on a VM every fresh 4 KiB page of it is a page fault, about 40% of the emulator's time in
// a 10,000 + 10,000 apply. glibc can back its heap with transparent huge pages
// (`glibc.malloc.hugetlb=1`), but it reads its tunables only when a process starts, so the
// emulator starts itself once more with them set (same pid, arguments and environment).
// Skipped when GLIBC_TUNABLES is set already (that setting is kept) or when
// ARDOQ_EMULATOR_NO_REEXEC is set (e.g. under a debugger); see docs/emulator.md.
void start_with_huge_pages(char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr ||
        std::getenv("ARDOQ_EMULATOR_NO_REEXEC") != nullptr)
        return;
    if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0)
        return;
    ::execv("/proc/self/exe", argv);
    ::unsetenv("GLIBC_TUNABLES"); // not re-executed: go on as is, and pass nothing on
#else
    (void)argv;
#endif
}

} // namespace

int main(int argc, char** argv) {
    start_with_huge_pages(argv);
    return ardoq::emulator::run_app(argc, argv);
}
