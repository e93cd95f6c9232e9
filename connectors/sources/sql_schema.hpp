#pragma once
// What a SQL dump reader needs from table definitions: the column names of CREATE TABLE and
// a rough kind per column (COPY data is untyped text; bytea/BLOB columns become hex), and
// matching the mapping's `table:` against the names the dump uses.

#include "connectors/sources/sql_lexer.hpp"

#include <string>
#include <vector>

namespace ardoq::connectors {

enum class ColumnKind : std::uint8_t { text, integer, real, boolean, binary };

struct TableColumn {
    std::string name;
    ColumnKind kind = ColumnKind::text;
};

// Kind of a declared column type ("bigint", "double precision", "varbinary(16)", "").
ColumnKind column_kind(std::string_view type);

// Reads the parenthesized body of CREATE TABLE at the cursor (at '(') and returns its
// columns, leaving constraints out. Throws InputError past `max_columns` columns.
std::vector<TableColumn> read_table_columns(SqlLexer& lex, std::size_t max_columns);

// Reads a parenthesized list of column names at the cursor (at '(').
std::vector<std::string> read_column_list(SqlLexer& lex, std::size_t max_columns);

// The mapping's `table:` as a name: `apps`, `public.apps`, `"Team Members"`, `db`.`t`.
// Throws InputError at spec.where when it is empty or malformed.
SqlName parse_table_option(const model::SourceSpec& spec);

// Whether the dump's `found` is the `wanted` table: the parts given match the last parts of
// `found` (so `apps` matches public.apps); unquoted parts compare case-insensitively.
bool table_matches(const SqlName& wanted, const SqlName& found);

} // namespace ardoq::connectors
