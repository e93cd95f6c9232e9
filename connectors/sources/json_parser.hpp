#pragma once
// A streaming JSON parser for the JSON and JSON Lines sources: it reads one value at a time
// from a TextCursor and builds model::Values directly (objects keep member order, numbers
// keep int64 vs double), or skips a value without building it. Errors name the line and
// column of the offending byte. Nesting is capped (SourceLimits::max_depth).

#include "connectors/sources/field_index.hpp"
#include "connectors/sources/text_cursor.hpp"
#include "model/value.hpp"

#include <string>

namespace ardoq::connectors {

class JsonParser {
public:
    // `single_line`: a record may not span lines (JSON Lines).
    JsonParser(const model::SourceSpec& spec, bool single_line);

    TextCursor& cursor() noexcept { return m_in; }

    // Skips whitespace; the next byte without consuming it, or -1 at the end of the file.
    // (In single-line mode a line end is not skipped while a record is being parsed.)
    int peek();
    // Skips spaces, tabs and CRs only; the next byte (a '\n' included), or -1.
    int peek_in_line();

    // Parses the value at the cursor into `out`, reusing its string buffer when it has one.
    // `depth` is the nesting level of the value (1 = a record).
    void parse_value(model::Value& out, std::size_t depth);
    // Parses the object at the cursor as a record: member names index `fields`.
    void parse_record(model::Record& out, FieldIndex& fields, std::size_t depth);
    // Parses the string at the cursor (at its opening quote) into `out`.
    void parse_string(std::string& out) { scan_string(&out); }
    // Skips the value at the cursor, checking its syntax.
    void skip_value(std::size_t depth);
    // Consumes `c` (after whitespace) or fails with "expected <what>".
    void expect(char c, const char* what);

    // Fails at the cursor: "expected <what>, found <byte>".
    [[noreturn]] void unexpected(const std::string& what);
    // The kind of value starting with byte c, for messages ("an object", "a string", ...).
    static const char* kind_of(int c);

private:
    void scan_string(std::string* out);
    void scan_escape(std::string* out);
    void scan_number(model::Value* out);
    void scan_literal(model::Value* out);
    void parse_object(model::Value& out, std::size_t depth);
    void parse_array(model::Value& out, std::size_t depth);
    void check_depth(std::size_t depth);
    [[noreturn]] void unexpected_end(TextPosition opened, const char* what);

    TextCursor m_in;
    bool m_single_line;
    bool m_in_record = false;
    std::string m_key;    // member name scratch
    std::string m_number; // number text scratch
};

} // namespace ardoq::connectors
