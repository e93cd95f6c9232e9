#pragma once
// A read position in a streamed text file with line and column tracking, for the readers
// that tokenize (JSON, SQL dumps). Bytes are consumed from a FileBuffer window; the reader
// copies what it keeps into values, so the window only ever holds the current token.

#include "connectors/sources/file_buffer.hpp"

#include <cstdint>
#include <string>

namespace ardoq::connectors {

// A 1-based line and byte column.
struct TextPosition {
    std::uint64_t line = 1;
    std::uint64_t column = 1;
};

class TextCursor {
public:
    // Opens spec.path (throws InputError when it cannot be opened).
    explicit TextCursor(const model::SourceSpec& spec);

    const model::SourceSpec& spec() const noexcept { return m_spec; }

    // The unread bytes in memory are [pos(), end()); *end() is a '\0' sentinel.
    const char* pos() const noexcept { return m_pos; }
    const char* end() const noexcept { return m_buf.end(); }
    void set_pos(const char* p) noexcept { m_pos = p; }
    void advance(std::size_t n = 1) noexcept { m_pos += n; }
    bool at_eof() const noexcept { return m_pos == m_buf.end() && m_buf.at_eof(); }
    // At the start of the file: skips a UTF-8 byte order mark (columns then count from after it).
    void skip_bom();

    // Makes at least one byte available at pos(); false at the end of the file.
    bool more() { return m_pos < m_buf.end() || refill(); }
    // Makes at least n bytes available at pos(); false when the file ends first.
    bool ensure(std::size_t n);
    // The byte at pos() without consuming it, or -1 at the end of the file.
    int peek() { return more() ? static_cast<unsigned char>(*m_pos) : -1; }
    // Drops the consumed bytes and reads more; false when nothing new could be read.
    bool refill();

    // Line tracking: a reader reports every '\n' it consumes.
    void newline_at(const char* nl) noexcept {
        ++m_line;
        m_line_start = m_buf.offset_of(nl) + 1;
    }
    // Reports the '\n's in [from, to).
    void count_newlines(const char* from, const char* to) noexcept;

    TextPosition position() const noexcept { return position_of(m_pos); }
    // Position of p, a pointer at or after the start of the current line.
    TextPosition position_of(const char* p) const noexcept {
        return {m_line, m_buf.offset_of(p) - m_line_start + 1};
    }
    std::uint64_t offset() const noexcept { return m_buf.offset_of(m_pos); }

    // Caps the bytes of one record: from here until end_record(), a record longer than
    // `max_bytes` is an error at its start (checked as the window slides, so memory stays
    // bounded, and again at the end, so the cap does not depend on the window size).
    void begin_record(std::size_t max_bytes) noexcept;
    void end_record();

    [[noreturn]] void fail(TextPosition at, std::string message, std::string hint = {}) const;
    [[noreturn]] void fail_here(std::string message, std::string hint = {}) const {
        fail(position(), std::move(message), std::move(hint));
    }

private:
    const model::SourceSpec& m_spec;
    FileBuffer m_buf;
    const char* m_pos;
    std::uint64_t m_line = 1;
    std::uint64_t m_line_start = 0; // file offset of the current line's first byte
    std::size_t m_record_limit = 0; // 0: no record in progress
    std::uint64_t m_record_offset = 0;
    TextPosition m_record_start;

    [[noreturn]] void record_too_large() const;
};

// "'x'" for a printable ASCII byte, "0xff" otherwise, "end of file" for -1.
std::string describe_byte(int byte);

} // namespace ardoq::connectors
