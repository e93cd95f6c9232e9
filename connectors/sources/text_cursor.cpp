#include "connectors/sources/text_cursor.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/utf8.hpp"

#include <cstring>

namespace ardoq::connectors {

TextCursor::TextCursor(const model::SourceSpec& spec) : m_spec(spec), m_buf(spec) {
    m_pos = m_buf.begin();
}

void TextCursor::skip_bom() {
    if (ensure(3) && std::memcmp(m_pos, "\xEF\xBB\xBF", 3) == 0) {
        m_pos += 3;
        m_line_start = 3;
    }
}

bool TextCursor::refill() {
    if (m_record_limit > 0 && m_buf.offset_of(m_buf.end()) - m_record_offset > m_record_limit)
        record_too_large();
    bool got = m_buf.refill(m_pos);
    m_pos = m_buf.begin();
    return got;
}

bool TextCursor::ensure(std::size_t n) {
    while (static_cast<std::size_t>(m_buf.end() - m_pos) < n)
        if (!refill())
            return false;
    return true;
}

void TextCursor::count_newlines(const char* from, const char* to) noexcept {
    while (from < to) {
        const auto* nl =
            static_cast<const char*>(std::memchr(from, '\n', static_cast<std::size_t>(to - from)));
        if (!nl)
            return;
        newline_at(nl);
        from = nl + 1;
    }
}

void TextCursor::begin_record(std::size_t max_bytes) noexcept {
    m_record_limit = max_bytes;
    m_record_offset = offset();
    m_record_start = position();
}

void TextCursor::end_record() {
    if (m_record_limit > 0 && offset() - m_record_offset > m_record_limit)
        record_too_large();
    m_record_limit = 0;
}

void TextCursor::record_too_large() const {
    fail(m_record_start, "record is larger than " + size_text(m_record_limit),
         "split the record, or check that the file is not truncated or malformed here");
}

void TextCursor::fail(TextPosition at, std::string message, std::string hint) const {
    throw_source_error(m_spec, at.line, at.column, std::move(message), std::move(hint));
}

std::string describe_byte(int byte) {
    if (byte < 0)
        return "end of file";
    if (byte >= 0x20 && byte < 0x7f)
        return std::string("'") + static_cast<char>(byte) + "'";
    if (byte == '\n')
        return "end of line";
    return "byte " + byte_hex(static_cast<unsigned char>(byte));
}

} // namespace ardoq::connectors
