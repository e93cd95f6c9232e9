#pragma once
// The text of the mapping file as read, with the positions of its lines, so that a
// problem found inside a YAML scalar (an expression) can be reported at its own
// line:column, not just at the start of the scalar.

#include "model/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping {

class SourceText {
public:
    // `name`: the file as the user wrote it ("mapping.yaml"); `text`: its content.
    SourceText(std::string name, std::string text);

    const std::string& name() const noexcept { return m_name; }
    const std::string& text() const noexcept { return m_text; }

    // Location of a byte offset into the text (1-based line and column).
    model::Location at_offset(std::size_t pos) const;
    // Location of a yaml-cpp mark (0-based line/column, byte offset `pos`); line 1, column 1
    // when the mark is unknown (negative).
    model::Location at_mark(int line, int column) const;

    // Location of byte `offset` of a scalar's decoded value, given the byte offset where the
    // scalar starts in the text (its opening quote, block indicator or first character).
    // Escapes, quotes and folded lines are skipped by aligning the decoded value with the
    // raw text; when that fails the scalar's own start is returned.
    model::Location in_scalar(std::size_t scalar_pos, std::string_view value,
                              std::size_t offset) const;

private:
    std::string m_name;
    std::string m_text;
    std::vector<std::size_t> m_line_starts;
};

} // namespace ardoq::mapping
