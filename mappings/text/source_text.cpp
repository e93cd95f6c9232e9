#include "mappings/text/source_text.hpp"

#include <algorithm>

namespace ardoq::mapping {

SourceText::SourceText(std::string name, std::string text)
    : m_name(std::move(name)), m_text(std::move(text)) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < m_text.size(); ++i)
        if (m_text[i] == '\n')
            m_line_starts.push_back(i + 1);
}

model::Location SourceText::at_offset(std::size_t pos) const {
    pos = std::min(pos, m_text.size());
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), pos);
    const auto line = static_cast<std::size_t>(it - m_line_starts.begin()); // 1-based
    const std::size_t column = pos - m_line_starts[line - 1] + 1;
    return {m_name, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

model::Location SourceText::at_mark(int line, int column) const {
    if (line < 0 || column < 0)
        return {m_name, 1, 1};
    return {m_name, static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(column + 1)};
}

namespace {

std::size_t hex_digits_value(std::string_view s) {
    std::size_t v = 0;
    for (char c : s) {
        v *= 16;
        if (c >= '0' && c <= '9')
            v += static_cast<std::size_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            v += static_cast<std::size_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v += static_cast<std::size_t>(c - 'A' + 10);
    }
    return v;
}

std::size_t utf8_length(std::size_t code_point) {
    return code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
}

// One step of a quoted scalar: how many raw bytes make how many decoded bytes.
struct Step {
    std::size_t raw = 1;
    std::size_t decoded = 1;
};

Step quoted_step(std::string_view raw, std::size_t j, char quote) {
    if (quote == '\'' && raw.substr(j, 2) == "''")
        return {2, 1};
    if (quote == '"' && raw[j] == '\\' && j + 1 < raw.size()) {
        switch (raw[j + 1]) {
        case 'x':
            return {4, utf8_length(hex_digits_value(raw.substr(j + 2, 2)))};
        case 'u':
            return {6, utf8_length(hex_digits_value(raw.substr(j + 2, 4)))};
        case 'U':
            return {10, utf8_length(hex_digits_value(raw.substr(j + 2, 8)))};
        case '\n': { // an escaped line break joins the lines
            std::size_t k = j + 2;
            while (k < raw.size() && (raw[k] == ' ' || raw[k] == '\t'))
                ++k;
            return {k - j, 0};
        }
        default:
            return {2, 1};
        }
    }
    if (raw[j] == '\n') { // a folded line break is one space; the indentation goes
        std::size_t k = j + 1;
        while (k < raw.size() && (raw[k] == ' ' || raw[k] == '\t'))
            ++k;
        return {k - j, 1};
    }
    return {1, 1};
}

} // namespace

model::Location SourceText::in_scalar(std::size_t scalar_pos, std::string_view value,
                                      std::size_t offset) const {
    if (scalar_pos >= m_text.size())
        return at_offset(scalar_pos);
    offset = std::min(offset, value.size());
    const char first = m_text[scalar_pos];
    if (first == '"' || first == '\'') {
        // Quoted: walk the escapes so that each decoded byte maps to its raw position.
        std::size_t j = scalar_pos + 1;
        std::size_t i = 0;
        while (j < m_text.size()) {
            if (m_text[j] == first && !(first == '\'' && m_text.substr(j, 2) == "''"))
                break; // the closing quote
            const Step step = quoted_step(m_text, j, first);
            if (i + step.decoded > offset)
                return at_offset(j);
            i += step.decoded;
            j += step.raw;
        }
        return at_offset(j);
    }
    std::size_t j = scalar_pos;
    if (first == '|' || first == '>') {
        // Block scalar: the content starts on the next line.
        while (j < m_text.size() && m_text[j] != '\n')
            ++j;
    }
    // Plain and block scalars: each decoded byte is matched with the next equal raw byte;
    // raw bytes in between (indentation, folded line breaks) are skipped. The window is
    // bounded so that a value the raw text does not contain gives up early.
    const std::size_t end = std::min(m_text.size(), j + value.size() * 4 + 256);
    for (std::size_t i = 0; i <= offset; ++i) {
        if (i == value.size())
            return at_offset(j);
        while (j < end && m_text[j] != value[i])
            ++j;
        if (j >= end)
            return at_offset(scalar_pos);
        if (i == offset)
            return at_offset(j);
        ++j;
    }
    return at_offset(scalar_pos);
}

} // namespace ardoq::mapping
