#include "connectors/sources/sql_schema.hpp"

#include "connectors/sources/source_error.hpp"

namespace ardoq::connectors {

namespace {

// Skips to the ',' or ')' that ends the current item of a parenthesized list, over nested
// parentheses, strings and quoted names. Returns that byte, consumed.
int skip_item(SqlLexer& lex) {
    auto& in = lex.cursor();
    int depth = 0;
    std::string scratch;
    for (;;) {
        int c = lex.peek();
        if (c < 0)
            lex.fail_here("unexpected end of file inside a column list",
                          "the dump is truncated or its CREATE TABLE is malformed");
        if (c == '\'') {
            lex.read_string(scratch, lex.backslash_strings() ? SqlEscapes::mysql : SqlEscapes::none,
                            false);
            continue;
        }
        if (c == '"' || c == '`' || c == '[') {
            bool quoted = false;
            lex.read_identifier(scratch, quoted);
            continue;
        }
        if (c == '(') {
            ++depth;
        } else if (c == ')' || c == ',') {
            if (depth == 0) {
                in.advance();
                return c;
            }
            if (c == ')')
                --depth;
        }
        if (!lex.read_word(scratch))
            in.advance();
    }
}

bool is_constraint(SqlLexer& lex, const std::string& word) {
    auto is = [&](std::string_view k) { return iequals(word, k); };
    if (is("CONSTRAINT"))
        return true;
    if (is("PRIMARY") || is("FOREIGN"))
        return lex.accept("KEY");
    if (is("CHECK") || is("EXCLUDE"))
        return lex.peek() == '(';
    if (is("UNIQUE"))
        return lex.mysql() || lex.peek() == '(' || lex.accept("KEY") || lex.accept("INDEX");
    if (is("KEY") || is("INDEX") || is("FULLTEXT") || is("SPATIAL"))
        return lex.mysql(); // MySQL quotes every column name; elsewhere `key` can be a column
    return false;
}

} // namespace

ColumnKind column_kind(std::string_view type) {
    std::string t;
    for (char c : type) {
        if (c == '(' || c == ' ')
            break;
        t.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
    for (std::string_view k : {"int", "integer", "bigint", "smallint", "tinyint", "mediumint",
                               "int2", "int4", "int8", "serial", "bigserial", "smallserial"})
        if (t == k)
            return ColumnKind::integer;
    for (std::string_view k :
         {"real", "double", "float", "float4", "float8", "numeric", "decimal", "dec", "fixed"})
        if (t == k)
            return ColumnKind::real;
    if (t == "bool" || t == "boolean")
        return ColumnKind::boolean;
    for (std::string_view k :
         {"bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary"})
        if (t == k)
            return ColumnKind::binary;
    return ColumnKind::text;
}

std::vector<TableColumn> read_table_columns(SqlLexer& lex, std::size_t max_columns) {
    auto& in = lex.cursor();
    in.advance(); // '('
    std::vector<TableColumn> columns;
    std::string word;
    for (;;) {
        int c = lex.peek();
        if (c == ')') {
            in.advance();
            return columns;
        }
        bool quoted = false;
        TextPosition at = in.position();
        if (!lex.read_identifier(word, quoted)) {
            if (skip_item(lex) == ')')
                return columns;
            continue;
        }
        if (!quoted && is_constraint(lex, word)) {
            if (skip_item(lex) == ')')
                return columns;
            continue;
        }
        if (columns.size() >= max_columns)
            in.fail(at, "table has more than " + std::to_string(max_columns) + " columns");
        TableColumn col{word, ColumnKind::text};
        std::string type;
        if (lex.read_word(type))
            col.kind = column_kind(type);
        columns.push_back(std::move(col));
        if (skip_item(lex) == ')')
            return columns;
    }
}

std::vector<std::string> read_column_list(SqlLexer& lex, std::size_t max_columns) {
    auto& in = lex.cursor();
    in.advance(); // '('
    std::vector<std::string> names;
    std::string name;
    bool quoted = false;
    for (;;) {
        if (!lex.read_identifier(name, quoted))
            lex.fail_here("expected a column name, found " + describe_byte(lex.peek()));
        if (names.size() >= max_columns)
            lex.fail_here("column list longer than " + std::to_string(max_columns) + " names");
        names.push_back(name);
        int c = lex.peek();
        in.advance();
        if (c == ')')
            return names;
        if (c != ',')
            lex.fail_here("expected ',' or ')' in a column list, found " + describe_byte(c));
    }
}

SqlName parse_table_option(const model::SourceSpec& spec) {
    SqlName name;
    const std::string& t = spec.table;
    std::size_t i = 0;
    auto bad = [&] {
        throw_spec_error(spec, "table: " + quote_name(t) + " is not a table name",
                         "write the table as the dump names it, e.g. table: apps or table: "
                         "public.apps (quote names with spaces: \"Team Members\")");
    };
    if (t.empty())
        throw_spec_error(spec, "SQL dump source \"" + spec.name + "\" has no table",
                         "add table: <name of the table to read>");
    for (;;) {
        std::string part;
        bool quoted = false;
        if (i < t.size() && (t[i] == '"' || t[i] == '`' || t[i] == '[')) {
            char close = t[i] == '[' ? ']' : t[i];
            quoted = true;
            for (++i;; ++i) {
                if (i >= t.size())
                    bad();
                if (t[i] == close) {
                    if (close != ']' && i + 1 < t.size() && t[i + 1] == close) {
                        part.push_back(close);
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                part.push_back(t[i]);
            }
        } else {
            while (i < t.size() && t[i] != '.')
                part.push_back(t[i++]);
            while (!part.empty() && part.back() == ' ')
                part.pop_back();
            while (!part.empty() && part.front() == ' ')
                part.erase(part.begin());
        }
        if (part.empty())
            bad();
        name.parts.push_back(std::move(part));
        name.quoted.push_back(quoted);
        if (i == t.size())
            return name;
        if (t[i] != '.')
            bad();
        ++i;
    }
}

bool table_matches(const SqlName& wanted, const SqlName& found) {
    if (wanted.parts.size() > found.parts.size())
        return false;
    std::size_t offset = found.parts.size() - wanted.parts.size();
    for (std::size_t i = 0; i < wanted.parts.size(); ++i) {
        const auto& w = wanted.parts[i];
        const auto& f = found.parts[offset + i];
        bool exact = wanted.quoted[i] && found.quoted[offset + i];
        if (exact ? w != f : !iequals(w, f))
            return false;
    }
    return true;
}

} // namespace ardoq::connectors
