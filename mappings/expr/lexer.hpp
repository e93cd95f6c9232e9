#pragma once
// Tokens of the expression language, read from a scalar of the mapping file. Inside a
// template the lexer stops at "}}"; positions are byte offsets into the scalar.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ardoq::mapping::expr {

enum class Tok : std::uint8_t {
    end,    // end of the scalar
    close,  // "}}" (ends an expression inside a template)
    ident,  // name, keyword, or `quoted name`
    string, // 'text' or "text" (decoded)
    integer,
    real,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    pipe,
    lparen,
    rparen,
    lbrack,
    rbrack,
    comma,
    colon,
    dot,
    error, // `text` holds the message
};

struct Token {
    Tok kind = Tok::end;
    std::size_t pos = 0; // offset of the first byte
    std::size_t len = 0;
    std::string text;    // ident name, decoded string, or error message
    bool quoted = false; // ident written as `name` (never a keyword)
    std::int64_t integer = 0;
    double real = 0;
};

class Lexer {
public:
    Lexer(std::string_view src, std::size_t pos) : m_src(src), m_pos(pos) {}
    Token next();
    std::size_t pos() const noexcept { return m_pos; }

private:
    Token number(std::size_t start);
    Token string_literal(std::size_t start, char quote);
    std::string_view m_src;
    std::size_t m_pos;
};

// How a token reads in a message: `"foo"`, `end of expression`.
std::string describe(const Token& t, std::string_view src);

} // namespace ardoq::mapping::expr
