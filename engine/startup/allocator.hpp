#pragma once
// Allocator settings for large runs, applied before anything else in main().
//
// Planning a million records allocates a few GB of small blocks; on a VM each fresh 4 KB
// page costs a page fault, which made up a third of a 1M + 1M plan. glibc's
// `glibc.malloc.hugetlb=1` tunable lets malloc ask for transparent huge pages (2 MB, one
// fault each), but glibc reads tunables only when the process starts. So, on Linux with
// glibc, when GLIBC_TUNABLES is not set, the process re-executes itself once with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (plus a 32 MB mmap threshold, so that the heap
// holds all but the largest blocks, and one malloc arena per core; allocator.cpp) and the
// same arguments and environment.
// ARDOQ_SYNC_NO_REEXEC=1 turns this off (as does setting GLIBC_TUNABLES to anything).

namespace ardoq::startup {

// Re-executes the process with the huge-page tunable when that applies (see above);
// returns when it does not, or when the re-execution failed (the run goes on without).
// `argv` is main's argument vector, passed on unchanged.
void tune_allocator(char** argv) noexcept;

// For a loop that frees and allocates the same large buffers over and over (an apply's
// requests and answers): freed memory at the top of the heap is kept for the next
// allocation (trim threshold 256 MB) instead of being handed back and faulted in again,
// ~10% of a 10,000 + 10,000 apply. Not set at start-up: it raised the peak RSS of a
// 1M + 1M plan by up to ~18 MB. No effect other than with glibc.
void keep_freed_memory() noexcept;

} // namespace ardoq::startup
