#include "connectors/sources/sql_value.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/utf8.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace ardoq::connectors {

namespace {

constexpr std::size_t k_max_call_depth = 16;
constexpr std::size_t k_max_number_length = 1024;

std::string& string_slot(model::Value& v) {
    if (!v.is_string())
        v = model::Value(std::string());
    auto& s = v.as_string();
    s.clear();
    return s;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool all_hex(std::string_view s) {
    for (char c : s)
        if (hex_digit(c) < 0)
            return false;
    return true;
}

void lower_ascii(std::string& s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'F')
            c = static_cast<char>(c - 'A' + 'a');
}

// Reads a number's text; true when it is one (int64, or a double otherwise).
bool parse_number(std::string_view text, model::Value& out) {
    if (!text.empty() && text[0] == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const char* b = text.data();
    const char* e = b + text.size();
    std::int64_t i = 0;
    auto ri = std::from_chars(b, e, i);
    if (ri.ptr == e && ri.ec == std::errc()) {
        out = model::Value(i);
        return true;
    }
    double d = 0;
    auto rd = std::from_chars(b, e, d);
    if (rd.ptr != e)
        return false;
    if (rd.ec == std::errc::result_out_of_range) {
        // 1e999 (how SQLite writes infinity) overflows; 1e-999 underflows to zero.
        auto epos = text.find_first_of("eE");
        bool tiny =
            epos != std::string_view::npos && epos + 1 < text.size() && text[epos + 1] == '-';
        bool negative = text[0] == '-';
        d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        if (negative)
            d = -d;
    } else if (rd.ec != std::errc()) {
        return false;
    }
    out = model::Value(d);
    return true;
}

// Decodes a bytea/BLOB column's text: PostgreSQL's "\x0102" hex form, or raw bytes.
void binary_text(std::string& s, bool mysql) {
    if (!mysql && s.size() >= 2 && s[0] == '\\' && s[1] == 'x' &&
        all_hex(std::string_view(s).substr(2))) {
        s.erase(0, 2);
        lower_ascii(s);
        return;
    }
    to_hex(s);
}

void skip_cast(SqlLexer& lex) {
    auto& in = lex.cursor();
    // PostgreSQL's value::type (type names may be several words, with (n) and []).
    while (in.peek() == ':' && in.ensure(2) && in.pos()[1] == ':') {
        in.advance(2);
        std::string word;
        while (lex.read_word(word)) {
            int c = lex.peek();
            while (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                while (in.more() && *in.pos() != close)
                    in.advance();
                in.advance();
                c = lex.peek();
            }
            if (c < 0 || !is_word_byte(static_cast<char>(c)))
                break;
        }
    }
}

void read_value(SqlLexer& lex, model::Value& out, ColumnKind kind, std::size_t depth);

void call_function(SqlLexer& lex, const std::string& name, TextPosition at, model::Value& out,
                   std::size_t depth) {
    auto& in = lex.cursor();
    if (depth > k_max_call_depth)
        in.fail(at, "function calls nested deeper than " + std::to_string(k_max_call_depth) +
                        " levels in a value");
    in.advance(); // '('
    model::List args;
    if (lex.peek() == ')') {
        in.advance();
    } else {
        for (;;) {
            args.emplace_back();
            read_value(lex, args.back(), ColumnKind::text, depth + 1);
            int c = lex.peek();
            in.advance();
            if (c == ')')
                break;
            if (c != ',')
                lex.fail_here("expected ',' or ')' in the arguments of " + name + "(), found " +
                              describe_byte(c));
        }
    }
    auto text_arg = [&](std::size_t i) -> std::string { return args[i].to_text(); };
    for (const auto& a : args)
        if (a.is_null()) {
            out = model::Value();
            return;
        }
    if (iequals(name, "replace") && args.size() == 3) {
        std::string s = text_arg(0);
        std::string from = text_arg(1);
        std::string to = text_arg(2);
        if (!from.empty()) {
            std::string r;
            std::size_t pos = 0;
            for (std::size_t hit; (hit = s.find(from, pos)) != std::string::npos;
                 pos = hit + from.size())
                r.append(s, pos, hit - pos).append(to);
            r.append(s, pos);
            s = std::move(r);
        }
        out = model::Value(std::move(s));
        return;
    }
    if (iequals(name, "char")) {
        std::string s;
        for (const auto& a : args) {
            std::int64_t cp = a.is_int() ? a.as_int() : -1;
            if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                in.fail(at, "char() needs Unicode code points, got " + a.to_text());
            append_utf8(s, static_cast<char32_t>(cp));
        }
        out = model::Value(std::move(s));
        return;
    }
    if (iequals(name, "unistr") && args.size() == 1) {
        // SQLite's unistr(): \XXXX, \uXXXX, \+XXXXXX, \UXXXXXXXX and \\.
        std::string s = text_arg(0);
        std::string r;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '\\') {
                r.push_back(s[i]);
                continue;
            }
            if (i + 1 < s.size() && s[i + 1] == '\\') {
                r.push_back('\\');
                ++i;
                continue;
            }
            std::size_t start = i + 1;
            std::size_t digits = 4;
            if (start < s.size() && s[start] == 'u')
                ++start;
            else if (start < s.size() && s[start] == '+')
                ++start, digits = 6;
            else if (start < s.size() && s[start] == 'U')
                ++start, digits = 8;
            char32_t cp = 0;
            if (start + digits > s.size() || !all_hex(std::string_view(s).substr(start, digits)))
                in.fail(at, "invalid escape in unistr()");
            for (std::size_t k = 0; k < digits; ++k)
                cp = cp * 16 + static_cast<char32_t>(hex_digit(s[start + k]));
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                in.fail(at, "invalid code point in unistr()");
            append_utf8(r, cp);
            i = start + digits - 1;
        }
        out = model::Value(std::move(r));
        return;
    }
    in.fail(at, "cannot read the value: unsupported function " + name + "()",
            "dump rows should hold plain values; the functions read here are replace(), char() "
            "and unistr()");
}

void read_value(SqlLexer& lex, model::Value& out, ColumnKind kind, std::size_t depth) {
    auto& in = lex.cursor();
    int c = lex.peek();
    TextPosition at = in.position();
    const bool mysql = lex.backslash_strings();
    if (c == '\'' || (c == '"' && lex.mysql())) {
        std::string& s = string_slot(out);
        if (c == '"') {
            // MySQL without ANSI_QUOTES reads "..." as a string; the lexer reads '...' only.
            bool quoted = false;
            lex.read_identifier(s, quoted);
        } else {
            lex.read_string(s, mysql ? SqlEscapes::mysql : SqlEscapes::none,
                            kind != ColumnKind::binary);
        }
        if (kind == ColumnKind::binary)
            binary_text(s, lex.mysql());
        skip_cast(lex);
        return;
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        std::string text;
        for (;;) {
            if (!in.more())
                break;
            char b = *in.pos();
            bool sign_after_e = (b == '+' || b == '-') && !text.empty() &&
                                (text.back() == 'e' || text.back() == 'E') &&
                                !(text.size() > 1 && (text[1] == 'x' || text[1] == 'X'));
            if (!(is_word_byte(b) || b == '.' || sign_after_e ||
                  (text.empty() && (b == '-' || b == '+'))))
                break;
            text.push_back(b);
            in.advance();
            if (text.size() > k_max_number_length)
                in.fail(at, "number longer than " + std::to_string(k_max_number_length) +
                                " characters");
        }
        if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
            all_hex(std::string_view(text).substr(2))) {
            std::string& s = string_slot(out);
            s.assign(text, 2);
            lower_ascii(s);
            return;
        }
        if (!parse_number(text, out))
            in.fail(at, "cannot read " + quote_name(text) + " as a number");
        if (kind == ColumnKind::real && out.is_int()) // 0 in a float column is 0.0
            out = model::Value(out.as_double());
        skip_cast(lex);
        return;
    }
    std::string word;
    if (!lex.read_word(word))
        lex.fail_here("expected a value, found " + describe_byte(c));
    int next = in.peek();
    if (next == '\'' && word.size() == 1) {
        char w = word[0];
        if (w == 'X' || w == 'x') { // X'0102' blob literal
            std::string& s = string_slot(out);
            lex.read_string(s, SqlEscapes::none, false);
            if (s.size() % 2 != 0 || !all_hex(s))
                in.fail(at, "invalid blob literal X'" + s + "'",
                        "a blob literal holds an even number of hex digits");
            lower_ascii(s);
            return;
        }
        if (w == 'B' || w == 'b') { // b'0101' bit literal (MySQL BIT columns)
            std::string bits;
            lex.read_string(bits, SqlEscapes::none, false);
            if (bits.empty() || bits.size() > 63 ||
                bits.find_first_not_of("01") != std::string::npos)
                in.fail(at, "invalid bit literal b'" + bits + "'");
            out = model::Value(static_cast<std::int64_t>(std::stoll(bits, nullptr, 2)));
            return;
        }
        if (w == 'E' || w == 'e' || w == 'N' || w == 'n') { // E'..' escapes, N'..' national
            std::string& s = string_slot(out);
            SqlEscapes escapes = (w == 'E' || w == 'e') ? SqlEscapes::postgres
                                 : mysql                ? SqlEscapes::mysql
                                                        : SqlEscapes::none;
            lex.read_string(s, escapes, kind != ColumnKind::binary);
            if (kind == ColumnKind::binary)
                binary_text(s, lex.mysql());
            skip_cast(lex);
            return;
        }
    }
    if (word[0] == '_' && lex.peek() == '\'') { // MySQL charset introducer: _binary '...'
        std::string& s = string_slot(out);
        bool bytes = iequals(word, "_binary") || kind == ColumnKind::binary;
        lex.read_string(s, mysql ? SqlEscapes::mysql : SqlEscapes::none, !bytes);
        if (bytes)
            to_hex(s);
        return;
    }
    if (iequals(word, "NULL")) {
        out = model::Value();
        skip_cast(lex);
        return;
    }
    if (iequals(word, "TRUE") || iequals(word, "FALSE")) {
        out = model::Value(iequals(word, "TRUE"));
        skip_cast(lex);
        return;
    }
    if (lex.peek() == '(') {
        call_function(lex, word, at, out, depth);
        if (kind == ColumnKind::binary && out.is_string())
            binary_text(out.as_string(), lex.mysql());
        skip_cast(lex);
        return;
    }
    in.fail(at, "expected a value, found " + quote_name(word),
            "values are numbers, 'strings', NULL, TRUE or FALSE");
}

} // namespace

void read_sql_value(SqlLexer& lex, model::Value& out, ColumnKind kind) {
    read_value(lex, out, kind, 0);
}

void to_hex(std::string& bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::size_t n = bytes.size();
    bytes.resize(n * 2);
    for (std::size_t i = n; i-- > 0;) {
        auto b = static_cast<unsigned char>(bytes[i]);
        bytes[2 * i] = k_digits[b >> 4];
        bytes[2 * i + 1] = k_digits[b & 0xf];
    }
}

std::size_t decode_copy_field(std::string_view raw, ColumnKind kind, model::Value& out) {
    if (raw.size() == 2 && raw[0] == '\\' && raw[1] == 'N') {
        out = model::Value();
        return std::string_view::npos;
    }
    if (kind != ColumnKind::binary) {
        std::size_t ok = valid_utf8_prefix(raw);
        if (ok != raw.size())
            return ok;
    }
    const void* backslash = std::memchr(raw.data(), '\\', raw.size());
    if (!backslash) {
        switch (kind) {
        case ColumnKind::integer:
        case ColumnKind::real:
            if (parse_number(raw, out)) {
                if (kind == ColumnKind::real && out.is_int())
                    out = model::Value(out.as_double());
                return std::string_view::npos;
            }
            if (kind == ColumnKind::real &&
                (raw == "NaN" || raw == "Infinity" || raw == "-Infinity")) {
                double inf = std::numeric_limits<double>::infinity();
                out = model::Value(raw == "NaN" ? std::numeric_limits<double>::quiet_NaN()
                                                : (raw[0] == '-' ? -inf : inf));
                return std::string_view::npos;
            }
            break;
        case ColumnKind::boolean:
            if (raw == "t" || raw == "f") {
                out = model::Value(raw == "t");
                return std::string_view::npos;
            }
            break;
        default:
            break;
        }
        if (kind == ColumnKind::binary) {
            std::string& s = string_slot(out);
            s.assign(raw);
            binary_text(s, false);
            return std::string_view::npos;
        }
        out.assign_string(raw);
        return std::string_view::npos;
    }
    std::string& s = string_slot(out);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\' || i + 1 == raw.size()) {
            s.push_back(c);
            continue;
        }
        char e = raw[++i];
        switch (e) {
        case 'b':
            s.push_back('\b');
            break;
        case 'f':
            s.push_back('\f');
            break;
        case 'n':
            s.push_back('\n');
            break;
        case 'r':
            s.push_back('\r');
            break;
        case 't':
            s.push_back('\t');
            break;
        case 'v':
            s.push_back('\v');
            break;
        case 'x':
            if (i + 1 < raw.size() && hex_digit(raw[i + 1]) >= 0) {
                int v = hex_digit(raw[++i]);
                if (i + 1 < raw.size() && hex_digit(raw[i + 1]) >= 0)
                    v = v * 16 + hex_digit(raw[++i]);
                s.push_back(static_cast<char>(v));
            } else {
                s.push_back('x');
            }
            break;
        default:
            if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0;
                     k < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7'; ++k)
                    v = v * 8 + (raw[++i] - '0');
                s.push_back(static_cast<char>(v & 0xff));
            } else {
                s.push_back(e);
            }
        }
    }
    if (kind == ColumnKind::binary)
        binary_text(s, false);
    else if (valid_utf8_prefix(s) != s.size())
        return 0; // an escape (\xff, \377) made bytes that are not UTF-8: blame the field
    return std::string_view::npos;
}

} // namespace ardoq::connectors
