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

model::Location SourceText::in_scalar(std::size_t scalar_pos, std::string_view value,
                                      std::size_t offset) const {
    if (scalar_pos >= m_text.size())
        return at_offset(scalar_pos);
    std::size_t j = scalar_pos;
    const char first = m_text[j];
    if (first == '"' || first == '\'') {
        ++j;
    } else if (first == '|' || first == '>') {
        // Block scalar: the content starts on the next line.
        while (j < m_text.size() && m_text[j] != '\n')
            ++j;
    }
    // Greedy alignment: each decoded byte is matched with the next equal raw byte; raw
    // bytes in between (indentation, escape backslashes, doubled quotes) are skipped.
    // The window is bounded so that a value the raw text does not contain gives up early.
    const std::size_t end = std::min(m_text.size(), j + value.size() * 4 + 256);
    offset = std::min(offset, value.size());
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
