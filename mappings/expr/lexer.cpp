#include "mappings/expr/lexer.hpp"

#include <charconv>

namespace ardoq::mapping::expr {

namespace {
bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool ident_start(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80; // UTF-8 letters
}
bool ident_char(char c) noexcept {
    return ident_start(c) || is_digit(c);
}

Token make(Tok kind, std::size_t pos, std::size_t len) {
    Token t;
    t.kind = kind;
    t.pos = pos;
    t.len = len;
    return t;
}
Token error(std::size_t pos, std::size_t len, std::string message) {
    Token t = make(Tok::error, pos, len);
    t.text = std::move(message);
    return t;
}
} // namespace

Token Lexer::next() {
    while (m_pos < m_src.size() && (m_src[m_pos] == ' ' || m_src[m_pos] == '\t' ||
                                    m_src[m_pos] == '\n' || m_src[m_pos] == '\r'))
        ++m_pos;
    const std::size_t start = m_pos;
    if (m_pos >= m_src.size())
        return make(Tok::end, start, 0);
    const char c = m_src[m_pos];
    const char n = m_pos + 1 < m_src.size() ? m_src[m_pos + 1] : '\0';
    auto two = [&](Tok kind) {
        m_pos += 2;
        return make(kind, start, 2);
    };
    auto one = [&](Tok kind) {
        m_pos += 1;
        return make(kind, start, 1);
    };
    if (c == '}' && n == '}')
        return two(Tok::close);
    if (c == '=' && n == '=')
        return two(Tok::eq);
    if (c == '!' && n == '=')
        return two(Tok::ne);
    if (c == '<' && n == '=')
        return two(Tok::le);
    if (c == '>' && n == '=')
        return two(Tok::ge);
    switch (c) {
    case '<':
        return one(Tok::lt);
    case '>':
        return one(Tok::gt);
    case '|':
        return one(Tok::pipe);
    case '(':
        return one(Tok::lparen);
    case ')':
        return one(Tok::rparen);
    case '[':
        return one(Tok::lbrack);
    case ']':
        return one(Tok::rbrack);
    case ',':
        return one(Tok::comma);
    case ':':
        return one(Tok::colon);
    case '.':
        return one(Tok::dot);
    case '\'':
    case '"':
        return string_literal(start, c);
    case '=':
        ++m_pos;
        return error(start, 1, "unexpected \"=\"");
    default:
        break;
    }
    if (is_digit(c) || (c == '-' && is_digit(n)))
        return number(start);
    if (c == '`') {
        const std::size_t close = m_src.find('`', start + 1);
        if (close == std::string_view::npos) {
            m_pos = m_src.size();
            return error(start, 1, "the quoted field name is not closed");
        }
        Token t = make(Tok::ident, start, close + 1 - start);
        t.text = std::string(m_src.substr(start + 1, close - start - 1));
        t.quoted = true;
        m_pos = close + 1;
        if (t.text.empty())
            return error(start, 2, "the quoted field name is empty");
        return t;
    }
    if (ident_start(c)) {
        while (m_pos < m_src.size() && ident_char(m_src[m_pos]))
            ++m_pos;
        Token t = make(Tok::ident, start, m_pos - start);
        t.text = std::string(m_src.substr(start, m_pos - start));
        return t;
    }
    // One UTF-8 sequence or byte, for the message.
    std::size_t len = 1;
    while (start + len < m_src.size() &&
           (static_cast<unsigned char>(m_src[start + len]) & 0xC0) == 0x80)
        ++len;
    m_pos = start + len;
    return error(start, len, "unexpected \"" + std::string(m_src.substr(start, len)) + "\"");
}

Token Lexer::number(std::size_t start) {
    std::size_t p = start;
    if (m_src[p] == '-')
        ++p;
    bool real = false;
    while (p < m_src.size() && is_digit(m_src[p]))
        ++p;
    if (p + 1 < m_src.size() && m_src[p] == '.' && is_digit(m_src[p + 1])) {
        real = true;
        ++p;
        while (p < m_src.size() && is_digit(m_src[p]))
            ++p;
    }
    if (p < m_src.size() && (m_src[p] == 'e' || m_src[p] == 'E')) {
        std::size_t q = p + 1;
        if (q < m_src.size() && (m_src[q] == '+' || m_src[q] == '-'))
            ++q;
        if (q < m_src.size() && is_digit(m_src[q])) {
            real = true;
            p = q;
            while (p < m_src.size() && is_digit(m_src[p]))
                ++p;
        }
    }
    m_pos = p;
    const char* first = m_src.data() + start;
    const char* last = m_src.data() + p;
    Token t = make(real ? Tok::real : Tok::integer, start, p - start);
    if (!real) {
        auto r = std::from_chars(first, last, t.integer);
        if (r.ec == std::errc())
            return t;
        t.kind = Tok::real; // too large for an integer
    }
    std::from_chars(first, last, t.real);
    return t;
}

Token Lexer::string_literal(std::size_t start, char quote) {
    std::string out;
    std::size_t p = start + 1;
    while (p < m_src.size() && m_src[p] != quote) {
        char c = m_src[p];
        if (c == '\\' && p + 1 < m_src.size()) {
            const char e = m_src[p + 1];
            // Only these are escapes; any other backslash stays (regex patterns: '\d+').
            if (e == '\\' || e == '\'' || e == '"') {
                out.push_back(e);
                p += 2;
                continue;
            }
            if (e == 'n' || e == 't') {
                out.push_back(e == 'n' ? '\n' : '\t');
                p += 2;
                continue;
            }
        }
        out.push_back(c);
        ++p;
    }
    if (p >= m_src.size()) {
        m_pos = m_src.size();
        return error(start, 1, "the string is not closed");
    }
    m_pos = p + 1;
    Token t = make(Tok::string, start, m_pos - start);
    t.text = std::move(out);
    return t;
}

std::string describe(const Token& t, std::string_view src) {
    if (t.kind == Tok::end)
        return "the end of the expression";
    return "\"" + std::string(src.substr(t.pos, t.len)) + "\"";
}

} // namespace ardoq::mapping::expr
