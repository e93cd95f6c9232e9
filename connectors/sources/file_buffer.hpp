#pragma once
// A window onto a file that slides forward in fixed-size reads: the readers scan bytes in
// memory and ask for more when they reach the end, so memory stays bounded by the chunk size
// (or by the largest record a reader must hold whole) however large the file is.

#include "model/source_spec.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ardoq::connectors {

class FileBuffer {
public:
    // Opens spec.path and reads the first spec.limits.read_chunk_bytes; throws InputError at
    // spec.where when it cannot be opened.
    explicit FileBuffer(const model::SourceSpec& spec);
    ~FileBuffer();
    FileBuffer(const FileBuffer&) = delete;
    FileBuffer& operator=(const FileBuffer&) = delete;

    // The bytes in memory: [begin(), end()). *end() is always '\0' (a sentinel, not data).
    const char* begin() const noexcept { return m_data.get() + m_begin; }
    const char* end() const noexcept { return m_data.get() + m_end; }
    // True once the file has nothing beyond end().
    bool at_eof() const noexcept { return m_eof; }

    // Drops the bytes before `keep` (a pointer into [begin(), end()]) and reads more after
    // end(). Afterwards begin() points at the byte `keep` pointed at, so a caller rebases
    // its pointers as begin() + (old - keep). When everything from `keep` on fills the
    // buffer, it doubles. Returns false when nothing new could be read (end of file).
    // Throws RunError when reading fails.
    bool refill(const char* keep);

    // File offset of a pointer into the window.
    std::uint64_t offset_of(const char* p) const noexcept {
        return m_file_offset + static_cast<std::uint64_t>(p - begin());
    }
    // Bytes held in memory (the current buffer capacity).
    std::size_t capacity() const noexcept { return m_capacity; }

private:
    const model::SourceSpec& m_spec;
    int m_fd = -1;
    std::unique_ptr<char[]> m_data;
    std::size_t m_capacity = 0; // usable bytes; one more is allocated for the sentinel
    std::size_t m_chunk;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::uint64_t m_file_offset = 0; // file offset of begin()
    bool m_eof = false;
};

} // namespace ardoq::connectors
