#pragma once
// Values of SQL dumps: the literals of INSERT rows (numbers, strings in the dialect's
// escaping, NULL, TRUE/FALSE, X'..' and 0x.. blobs, MySQL's _binary '...', and the few
// functions dump tools write: replace(), char(), unistr()) and the fields of PostgreSQL's
// COPY text format (\N, backslash escapes; typed by the column's declared kind).
//
// Typing: integer literals -> int (beyond int64 -> double), other numbers -> double, quoted
// text -> string, NULL -> null, TRUE/FALSE -> bool. Bytes (blob literals, values of bytea /
// BLOB / VARBINARY columns) -> a string of lowercase hex digits.

#include "connectors/sources/sql_lexer.hpp"
#include "connectors/sources/sql_schema.hpp"
#include "model/value.hpp"

#include <string>
#include <string_view>

namespace ardoq::connectors {

// Reads the value at the cursor (after peek()) into `out`, reusing its string buffer.
void read_sql_value(SqlLexer& lex, model::Value& out, ColumnKind kind);

// Decodes one field of a COPY text-format line (`raw`, without its tab) into `out`.
// Returns the index in `raw` of a byte that is not valid UTF-8, or npos.
std::size_t decode_copy_field(std::string_view raw, ColumnKind kind, model::Value& out);

// Replaces bytes by their lowercase hex digits.
void to_hex(std::string& bytes);

} // namespace ardoq::connectors
