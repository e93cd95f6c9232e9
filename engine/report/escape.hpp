#pragma once
// Escaping text for the report formats.

#include <ostream>
#include <string>
#include <string_view>

namespace ardoq::report {

// Writes `s` as a JSON string literal (quoted, escaped).
void write_json_string(std::ostream& out, std::string_view s);
// `&`, `<`, `>`, `"`, `'` as HTML entities.
std::string html_escape(std::string_view s);
// A Markdown table cell: `|` and `\` escaped, newlines as <br>, HTML special characters
// escaped (Markdown renderers pass HTML through).
std::string markdown_cell(std::string_view s);

} // namespace ardoq::report
