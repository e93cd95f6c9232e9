#include "connectors/sources/sql_lexer.hpp"

#include "connectors/sources/utf8.hpp"

#include <array>
#include <cstring>

namespace ardoq::connectors {

namespace {

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool needs_quotes(const std::string& part) {
    if (part.empty() || (part[0] >= '0' && part[0] <= '9'))
        return true;
    for (char c : part)
        if (!is_word_byte(c))
            return true;
    return false;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

std::string SqlName::display() const {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out.push_back('.');
        bool upper = false;
        for (char c : parts[i])
            upper = upper || (c >= 'A' && c <= 'Z');
        // Quoted where the dump had to quote it, or where quotes keep its case (PostgreSQL).
        if (needs_quotes(parts[i]) || (i < quoted.size() && quoted[i] && upper))
            out += "\"" + parts[i] + "\"";
        else
            out += parts[i];
    }
    return out;
}

SqlLexer::SqlLexer(const model::SourceSpec& spec) : m_in(spec) {
    m_in.skip_bom();
}

int SqlLexer::peek() {
    for (;;) {
        if (!m_in.more())
            return -1;
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f')) {
            if (*p == '\n')
                m_in.newline_at(p);
            ++p;
        }
        m_in.set_pos(p);
        if (p == end)
            continue;
        if (*p != '-' && *p != '/')
            return static_cast<unsigned char>(*p);
        if (!m_in.ensure(2))
            return static_cast<unsigned char>(*m_in.pos());
        p = m_in.pos();
        if (p[0] == '-' && p[1] == '-') {
            skip_line();
        } else if (p[0] == '/' && p[1] == '*') {
            skip_block_comment();
        } else {
            return static_cast<unsigned char>(*p);
        }
    }
}

void SqlLexer::skip_line() {
    for (;;) {
        if (!m_in.more())
            return;
        const char* p = m_in.pos();
        const auto* nl = static_cast<const char*>(
            std::memchr(p, '\n', static_cast<std::size_t>(m_in.end() - p)));
        if (nl) {
            m_in.newline_at(nl);
            m_in.set_pos(nl + 1);
            return;
        }
        m_in.set_pos(m_in.end());
    }
}

void SqlLexer::read_line(std::string& out) {
    out.clear();
    for (;;) {
        if (!m_in.more())
            return;
        const char* p = m_in.pos();
        const auto* nl = static_cast<const char*>(
            std::memchr(p, '\n', static_cast<std::size_t>(m_in.end() - p)));
        const char* stop = nl ? nl : m_in.end();
        out.append(p, static_cast<std::size_t>(stop - p));
        if (nl) {
            m_in.newline_at(nl);
            m_in.set_pos(nl + 1);
            if (!out.empty() && out.back() == '\r')
                out.pop_back();
            return;
        }
        m_in.set_pos(stop);
    }
}

void SqlLexer::skip_block_comment() {
    TextPosition opened = m_in.position();
    m_in.ensure(4);
    const char* p = m_in.pos();
    if (m_in.end() - p >= 3 && (p[2] == '!' || (p[2] == 'M' && m_in.end() - p >= 4 && p[3] == '!')))
        m_mysql = true; // /*!40101 ... */ and /*M!...*/ are MySQL/MariaDB's
    m_in.advance(2);
    for (;;) {
        if (!m_in.ensure(2)) {
            if (m_in.more())
                m_in.advance(1);
            m_in.fail(opened, "unterminated comment",
                      "the dump ends inside this /* comment; is the file truncated?");
        }
        p = m_in.pos();
        const char* const end = m_in.end();
        while (p + 1 < end && !(p[0] == '*' && p[1] == '/')) {
            if (*p == '\n')
                m_in.newline_at(p);
            ++p;
        }
        m_in.set_pos(p);
        if (p + 1 < end) {
            m_in.advance(2);
            return;
        }
    }
}

bool SqlLexer::accept(std::string_view keyword) {
    if (peek() < 0 || !m_in.ensure(keyword.size()))
        return false;
    const char* p = m_in.pos();
    for (std::size_t i = 0; i < keyword.size(); ++i)
        if (lower(p[i]) != lower(keyword[i]))
            return false;
    if (m_in.ensure(keyword.size() + 1) && is_word_byte(m_in.pos()[keyword.size()]))
        return false;
    m_in.advance(keyword.size());
    return true;
}

bool SqlLexer::read_word(std::string& out) {
    out.clear();
    if (peek() < 0 || !is_word_byte(*m_in.pos()))
        return false;
    for (;;) {
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        const char* start = p;
        while (p < end && is_word_byte(*p))
            ++p;
        out.append(start, static_cast<std::size_t>(p - start));
        m_in.set_pos(p);
        if (p < end || !m_in.more())
            return true;
    }
}

bool SqlLexer::read_identifier(std::string& out, bool& was_quoted) {
    int c = peek();
    was_quoted = c == '"' || c == '`' || c == '[';
    if (!was_quoted)
        return read_word(out);
    if (c == '`')
        m_mysql = true;
    TextPosition opened = m_in.position();
    const char close = c == '[' ? ']' : static_cast<char>(c);
    m_in.advance();
    out.clear();
    for (;;) {
        if (!m_in.more())
            m_in.fail(opened, "unterminated quoted name",
                      "the dump ends inside this name; is the file truncated?");
        char b = *m_in.pos();
        m_in.advance();
        if (b == close) {
            // A doubled quote stands for itself (not for ']').
            if (close != ']' && m_in.peek() == close) {
                m_in.advance();
                out.push_back(close);
                continue;
            }
            return true;
        }
        if (b == '\n')
            m_in.newline_at(m_in.pos() - 1);
        out.push_back(b);
    }
}

SqlName SqlLexer::read_name(const char* what) {
    SqlName name;
    std::string part;
    bool quoted = false;
    for (;;) {
        if (!read_identifier(part, quoted)) {
            int c = peek();
            fail_here(std::string("expected ") + what + ", found " + describe_byte(c));
        }
        name.parts.push_back(part);
        name.quoted.push_back(quoted);
        if (m_in.peek() != '.')
            return name;
        m_in.advance();
    }
}

bool SqlLexer::accept_delimiter() {
    if (peek() < 0 || !m_in.ensure(m_delimiter.size()))
        return false;
    if (std::memcmp(m_in.pos(), m_delimiter.data(), m_delimiter.size()) != 0)
        return false;
    m_in.advance(m_delimiter.size());
    return true;
}

namespace {

// Bytes that end a plain run inside a quoted string.
constexpr std::array<bool, 256> string_stops(bool backslash) {
    std::array<bool, 256> t{};
    t['\''] = true;
    t['\n'] = true;
    if (backslash)
        t['\\'] = true;
    for (int c = 0x80; c < 0x100; ++c)
        t[static_cast<std::size_t>(c)] = true;
    return t;
}
constexpr auto k_plain_stops = string_stops(false);
constexpr auto k_backslash_stops = string_stops(true);

} // namespace

void SqlLexer::read_string(std::string& out, SqlEscapes escapes, bool utf8) {
    TextPosition opened = m_in.position();
    m_in.advance(); // the opening quote
    out.clear();
    const auto& stops = escapes == SqlEscapes::none ? k_plain_stops : k_backslash_stops;
    for (;;) {
        if (!m_in.more())
            m_in.fail(opened, "unterminated string",
                      "the dump ends inside this string; is the file truncated?");
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        const char* run = p;
        while (p < end && !stops[static_cast<unsigned char>(*p)])
            ++p;
        out.append(run, static_cast<std::size_t>(p - run));
        m_in.set_pos(p);
        if (p == end)
            continue;
        char c = *p;
        if (c == '\'') {
            if (p + 1 == end && m_in.ensure(2))
                continue; // look again with the next byte in memory
            if (m_in.pos() + 1 < m_in.end() && m_in.pos()[1] == '\'') {
                out.push_back('\'');
                m_in.advance(2);
                continue;
            }
            m_in.advance();
            return;
        }
        if (c == '\n') {
            m_in.newline_at(p);
            out.push_back('\n');
            m_in.advance();
            continue;
        }
        if (c == '\\') {
            read_escape(out, escapes);
            continue;
        }
        // Non-ASCII: one whole UTF-8 sequence, checked unless the column holds bytes.
        int len = utf8_sequence(p, end);
        if (len < 0) {
            if (m_in.ensure(4))
                continue;
            p = m_in.pos();
            len = std::max(utf8_sequence(p, m_in.end()), 0);
        }
        if (len == 0) {
            if (utf8)
                m_in.fail_here("invalid UTF-8 byte " + byte_hex(static_cast<unsigned char>(*p)),
                               "the dump is not UTF-8; dump with UTF-8 client encoding "
                               "(pg_dump -E UTF8, mysqldump --default-character-set=utf8mb4)");
            len = 1;
        }
        out.append(p, static_cast<std::size_t>(len));
        m_in.advance(static_cast<std::size_t>(len));
    }
}

void SqlLexer::read_escape(std::string& out, SqlEscapes escapes) {
    TextPosition at = m_in.position();
    m_in.ensure(10);
    const char* p = m_in.pos();
    const char* end = m_in.end();
    if (end - p < 2)
        m_in.fail(at, "unterminated string", "the dump ends inside an escape sequence");
    char e = p[1];
    std::size_t used = 2;
    switch (e) {
    case 'n':
        out.push_back('\n');
        break;
    case 't':
        out.push_back('\t');
        break;
    case 'r':
        out.push_back('\r');
        break;
    case 'b':
        out.push_back('\b');
        break;
    case 'f':
        out.push_back('\f');
        break;
    case 'Z':
        out.push_back(escapes == SqlEscapes::mysql ? '\x1a' : 'Z');
        break;
    case '0':
        if (escapes == SqlEscapes::mysql) {
            out.push_back('\0');
            break;
        }
        [[fallthrough]];
    default:
        if (escapes == SqlEscapes::mysql) {
            if (e == '%' || e == '_')
                out.push_back('\\'); // MySQL keeps the backslash of \% and \_
            if (e == '\n')
                m_in.newline_at(p + 1);
            out.push_back(e);
            break;
        }
        if (e >= '0' && e <= '7') { // PostgreSQL octal \o, \oo, \ooo
            int v = 0;
            std::size_t n = 1;
            while (n <= 3 && p + n < end && p[n] >= '0' && p[n] <= '7')
                v = v * 8 + (p[n++] - '0');
            out.push_back(static_cast<char>(v & 0xff));
            used = n;
        } else if (e == 'x' && p + 2 < end && hex_digit(p[2]) >= 0) {
            int v = hex_digit(p[2]);
            used = 3;
            if (p + 3 < end && hex_digit(p[3]) >= 0) {
                v = v * 16 + hex_digit(p[3]);
                used = 4;
            }
            out.push_back(static_cast<char>(v));
        } else if (e == 'u' || e == 'U') {
            std::size_t digits = e == 'u' ? 4 : 8;
            char32_t cp = 0;
            for (std::size_t i = 0; i < digits; ++i) {
                int h = p + 2 + i < end ? hex_digit(p[2 + i]) : -1;
                if (h < 0)
                    m_in.fail(at, "invalid Unicode escape in a string",
                              "write \\u followed by 4 or \\U by 8 hex digits");
                cp = cp * 16 + static_cast<char32_t>(h);
            }
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                m_in.fail(at, "invalid Unicode escape in a string", "not a Unicode scalar value");
            append_utf8(out, cp);
            used = 2 + digits;
        } else {
            if (e == '\n')
                m_in.newline_at(p + 1);
            out.push_back(e);
        }
    }
    m_in.advance(used);
}

void SqlLexer::skip_quoted(char quote, bool backslash) {
    TextPosition opened = m_in.position();
    m_in.advance();
    for (;;) {
        if (!m_in.more())
            m_in.fail(opened, quote == '\'' ? "unterminated string" : "unterminated quoted name",
                      quote == '\'' ? "the dump ends inside this string; is the file truncated?"
                                    : "the dump ends inside this name; is the file truncated?");
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        while (p < end && *p != quote && *p != '\n' && !(backslash && *p == '\\'))
            ++p;
        m_in.set_pos(p);
        if (p == end)
            continue;
        if (*p == '\n') {
            m_in.newline_at(p);
            m_in.advance();
        } else if (*p == '\\') {
            if (!m_in.ensure(2)) {
                m_in.set_pos(m_in.end()); // a backslash as the dump's last byte
                continue;
            }
            if (m_in.pos()[1] == '\n')
                m_in.newline_at(m_in.pos() + 1);
            m_in.advance(2);
        } else {
            // A doubled quote continues the string; "''" followed by more is the same rule.
            m_in.advance();
            if (m_in.peek() != quote)
                return;
            m_in.advance();
        }
    }
}

// At '$': skips a PostgreSQL dollar-quoted string ($$...$$ or $tag$...$tag$). Returns false
// (consuming only the '$') when the '$' does not open one.
bool SqlLexer::skip_dollar_quote() {
    TextPosition opened = m_in.position();
    m_in.ensure(66);
    const char* p = m_in.pos() + 1;
    const char* end = m_in.end();
    while (p < end && p - m_in.pos() < 65 && *p != '$' &&
           ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '_'))
        ++p;
    if (p >= end || *p != '$' ||
        (p > m_in.pos() + 1 && m_in.pos()[1] >= '0' && m_in.pos()[1] <= '9')) {
        m_in.advance();
        return false;
    }
    std::string tag(m_in.pos(), static_cast<std::size_t>(p - m_in.pos() + 1));
    m_in.set_pos(p + 1);
    for (;;) {
        if (!m_in.ensure(tag.size())) {
            m_in.set_pos(m_in.end());
            m_in.fail(opened, "unterminated dollar-quoted string " + tag,
                      "the dump ends inside it; is the file truncated?");
        }
        const char* q = m_in.pos();
        const char* const e = m_in.end();
        const char* last = e - static_cast<std::ptrdiff_t>(tag.size()) + 1;
        while (q < last && !(*q == '$' && std::memcmp(q, tag.data(), tag.size()) == 0)) {
            if (*q == '\n')
                m_in.newline_at(q);
            ++q;
        }
        m_in.set_pos(q);
        if (q < last) {
            m_in.advance(tag.size());
            return true;
        }
    }
}

bool SqlLexer::skip_statement() {
    const char d0 = m_delimiter[0];
    char prev = 0; // the byte before a quote: E'...' strings take backslash escapes
    for (;;) {
        if (!m_in.more())
            return false;
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        while (p < end) {
            char c = *p;
            if (c == d0 || c == '\'' || c == '"' || c == '`' || c == '-' || c == '/' || c == '$' ||
                c == '\n')
                break;
            prev = c;
            ++p;
        }
        m_in.set_pos(p);
        if (p == end)
            continue;
        const char c = *p;
        const char before = prev;
        prev = c;
        if (c == '\n') {
            m_in.newline_at(p);
            m_in.advance();
        } else if (c == d0) {
            if (accept_delimiter())
                return true;
            m_in.advance();
        } else if (c == '\'') {
            skip_quoted('\'', backslash_strings() || before == 'E' || before == 'e');
        } else if (c == '"') {
            skip_quoted('"', m_mysql);
        } else if (c == '`') {
            m_mysql = true;
            skip_quoted('`', false);
        } else if (c == '$') {
            if (m_mysql || is_word_byte(before))
                m_in.advance();
            else
                skip_dollar_quote();
        } else if (m_in.ensure(2) && ((m_in.pos()[0] == '-' && m_in.pos()[1] == '-') ||
                                      (m_in.pos()[0] == '/' && m_in.pos()[1] == '*'))) {
            peek(); // a comment
        } else {
            m_in.advance();
        }
    }
}

} // namespace ardoq::connectors
