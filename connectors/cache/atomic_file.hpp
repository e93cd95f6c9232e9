#pragma once
// Writing a file so that readers see the old content or the new, never half of it: the
// text goes to a temporary file in the same directory, is flushed to disk, then renamed
// over the target (POSIX rename is atomic). Missing parent directories are created.

#include <cstdio>
#include <filesystem>
#include <functional>

namespace ardoq::connectors {

// Calls `write(file)` with a temporary file opened for writing, then moves it into
// place. Throws RunError naming the path when any step fails (the temporary is removed).
void write_file_atomically(
    const std::filesystem::path& path, const std::function<void(std::FILE*)>& write,
    std::filesystem::perms permissions = std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);

// fwrite that throws RunError (naming `path`) when the disk refuses.
void write_all(std::FILE* f, const void* data, std::size_t size, const std::filesystem::path& path);

} // namespace ardoq::connectors
