#pragma once
// Tokens of a SQL dump, read from a TextCursor: whitespace and comments (`--`, `/* */`, and
// MySQL's `/*!...*/`, which hold only session settings in dumps), keywords, identifiers in
// any quoting ("x", `x`, [x]), quoted strings in the dialect's escaping, and the end of a
// statement (";" or a DELIMITER set by a MySQL dump). Also skips whole statements cheaply,
// dollar-quoted PostgreSQL function bodies included.

#include "connectors/sources/text_cursor.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ardoq::connectors {

// How a '...' string treats backslashes.
enum class SqlEscapes : std::uint8_t {
    none,     // standard SQL: only '' (PostgreSQL, SQLite)
    mysql,    // \' \\ \n \0 \Z ... (MySQL, MariaDB)
    postgres, // E'...': \n \t \ooo \xhh \uXXXX ...
};

// A possibly schema-qualified name; parts are unquoted, `quoted` says which were quoted.
struct SqlName {
    std::vector<std::string> parts;
    std::vector<bool> quoted;

    // public."Team Members": parts joined by '.', quoted where they need it.
    std::string display() const;
};

class SqlLexer {
public:
    explicit SqlLexer(const model::SourceSpec& spec);

    TextCursor& cursor() noexcept { return m_in; }
    [[noreturn]] void fail_here(std::string message, std::string hint = {}) const {
        m_in.fail_here(std::move(message), std::move(hint));
    }

    // True once the dump shows itself as MySQL/MariaDB (`/*!` comments, backticks): its
    // strings use backslash escapes. PostgreSQL's standard_conforming_strings = off does too.
    bool backslash_strings() const noexcept { return m_mysql || m_backslash_setting; }
    void set_backslash_setting(bool on) noexcept { m_backslash_setting = on; }
    bool mysql() const noexcept { return m_mysql; }

    // Skips whitespace and comments; the next byte without consuming it, or -1 at the end.
    int peek();
    // True (and consumed) when the next word is `keyword` (ASCII, case-insensitive).
    bool accept(std::string_view keyword);
    // Reads a bare word (letters, digits, '_', '$', non-ASCII) into out; false when none.
    bool read_word(std::string& out);
    // Reads an identifier: a bare word or a quoted one. Returns false when there is none.
    bool read_identifier(std::string& out, bool& was_quoted);
    // Reads a dotted name (at least one part); fails with "expected <what>".
    SqlName read_name(const char* what);
    // Reads the '...' string at the cursor into out. `utf8`: the text must be valid UTF-8.
    void read_string(std::string& out, SqlEscapes escapes, bool utf8);

    // The statement terminator (";" unless a DELIMITER command changed it).
    const std::string& delimiter() const noexcept { return m_delimiter; }
    void set_delimiter(std::string d) { m_delimiter = std::move(d); }
    // True (and consumed) when the statement terminator is next (after peek()).
    bool accept_delimiter();

    // Skips to just after the end of the current statement, over strings, quoted names,
    // comments and dollar quotes. Returns false when the file ends first.
    bool skip_statement();
    // Skips the rest of the current line, its '\n' included.
    void skip_line();
    // Reads the rest of the line (without the '\n', which is consumed) into out.
    void read_line(std::string& out);

private:
    void skip_block_comment();
    void skip_quoted(char quote, bool backslash);
    bool skip_dollar_quote();
    void read_escape(std::string& out, SqlEscapes escapes);

    TextCursor m_in;
    std::string m_delimiter = ";";
    bool m_mysql = false;
    bool m_backslash_setting = false;
};

// ASCII letters, digits, '_', '$' and non-ASCII bytes make up bare words.
inline bool is_word_byte(char c) noexcept {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '$' || u >= 0x80;
}

// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b) noexcept;

} // namespace ardoq::connectors
