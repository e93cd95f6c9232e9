#include "connectors/sources/file_buffer.hpp"

#include "connectors/sources/source_error.hpp"
#include "model/errors.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ardoq::connectors {

FileBuffer::FileBuffer(const model::SourceSpec& spec)
    : m_spec(spec), m_chunk(std::max<std::size_t>(spec.limits.read_chunk_bytes, 1)) {
    m_fd = ::open(spec.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        int err = errno;
        throw_spec_error(spec, "cannot open \"" + spec.file + "\": " + std::strerror(err),
                         "the path is resolved against the mapping file's folder: " +
                             spec.path.string());
    }
    m_capacity = m_chunk;
    m_data = std::make_unique_for_overwrite<char[]>(m_capacity + 1);
    m_data[0] = '\0';
    refill(begin());
}

FileBuffer::~FileBuffer() {
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FileBuffer::refill(const char* keep) {
    auto keep_at = static_cast<std::size_t>(keep - m_data.get());
    m_file_offset += keep_at - m_begin;
    std::size_t kept = m_end - keep_at;
    if (m_eof) {
        m_begin = keep_at;
        return false;
    }
    if (kept >= m_capacity) {
        // The caller holds a whole buffer's worth: grow (callers cap this by their limits).
        std::size_t grown = m_capacity * 2;
        auto bigger = std::make_unique_for_overwrite<char[]>(grown + 1);
        std::memcpy(bigger.get(), m_data.get() + keep_at, kept);
        m_data = std::move(bigger);
        m_capacity = grown;
    } else if (keep_at > 0 && kept > 0) {
        std::memmove(m_data.get(), m_data.get() + keep_at, kept);
    }
    m_begin = 0;
    m_end = kept;
    bool got = false;
    while (m_end < m_capacity) {
        ssize_t n = ::read(m_fd, m_data.get() + m_end, m_capacity - m_end);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            m_data[m_end] = '\0';
            if (err == EISDIR)
                throw_spec_error(m_spec, "cannot read \"" + m_spec.file + "\": it is a folder",
                                 "name a file of the source's format");
            throw model::RunError("reading \"" + m_spec.file + "\": " + std::strerror(err));
        }
        if (n == 0) {
            m_eof = true;
            break;
        }
        m_end += static_cast<std::size_t>(n);
        got = true;
        // One chunk per call keeps the window small for streaming readers.
        if (m_end - kept >= m_chunk)
            break;
    }
    m_data[m_end] = '\0';
    return got;
}

} // namespace ardoq::connectors
