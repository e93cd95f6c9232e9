#include "connectors/sources/json_parser.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_set>

namespace ardoq::connectors {

namespace {

// Bytes that end the plain run of a string: quote, backslash, control and non-ASCII bytes.
constexpr std::array<bool, 256> k_string_stop = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[static_cast<std::size_t>(c)] = true;
    for (int c = 0x80; c < 0x100; ++c)
        t[static_cast<std::size_t>(c)] = true;
    t['"'] = true;
    t['\\'] = true;
    return t;
}();

bool is_number_byte(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool valid_number(std::string_view s, bool& integer) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < s.size() && s[i] == '-')
        ++i;
    if (i < s.size() && s[i] == '0')
        ++i;
    else if (!digits())
        return false;
    integer = true;
    if (i < s.size() && s[i] == '.') {
        ++i;
        integer = false;
        if (!digits())
            return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        integer = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == s.size();
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr std::size_t k_max_number_length = 1024;

} // namespace

JsonParser::JsonParser(const model::SourceSpec& spec, bool single_line)
    : m_in(spec), m_single_line(single_line) {
    m_in.skip_bom(); // not JSON, but some Windows tools write one
}

int JsonParser::peek() {
    for (;;) {
        if (!m_in.more())
            return -1;
        const char* p = m_in.pos();
        const char* end = m_in.end();
        while (p < end) {
            char c = *p;
            if (c == ' ' || c == '\t' || c == '\r') {
                ++p;
            } else if (c == '\n') {
                if (m_single_line && m_in_record) {
                    m_in.set_pos(p);
                    m_in.fail_here("the line ends inside the record",
                                   "each line of a JSON Lines file holds one complete JSON object");
                }
                m_in.newline_at(p);
                ++p;
            } else {
                m_in.set_pos(p);
                return static_cast<unsigned char>(c);
            }
        }
        m_in.set_pos(p);
    }
}

int JsonParser::peek_in_line() {
    for (;;) {
        int c = m_in.peek();
        if (c != ' ' && c != '\t' && c != '\r')
            return c;
        m_in.advance();
    }
}

void JsonParser::expect(char c, const char* what) {
    if (peek() != static_cast<unsigned char>(c))
        unexpected(what);
    m_in.advance();
}

void JsonParser::unexpected(const std::string& what) {
    int c = peek();
    if (c < 0)
        m_in.fail_here("unexpected end of file, expected " + what,
                       "the file is truncated or a closing bracket is missing");
    m_in.fail_here("expected " + what + ", found " + describe_byte(c));
}

void JsonParser::unexpected_end(TextPosition opened, const char* what) {
    m_in.fail_here("unexpected end of file inside the " + std::string(what) + " opened at line " +
                       std::to_string(opened.line) + ", column " + std::to_string(opened.column),
                   "the file is truncated or a closing bracket is missing");
}

const char* JsonParser::kind_of(int c) {
    switch (c) {
    case '{':
        return "an object";
    case '[':
        return "an array";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "a boolean";
    case 'n':
        return "null";
    default:
        return (c == '-' || (c >= '0' && c <= '9')) ? "a number" : "not JSON";
    }
}

void JsonParser::check_depth(std::size_t depth) {
    std::size_t max = m_in.spec().limits.max_depth;
    if (depth > max)
        m_in.fail_here("JSON nesting is deeper than " + std::to_string(max) + " levels",
                       "flatten the data; values nested this deep cannot be mapped");
}

void JsonParser::parse_value(model::Value& out, std::size_t depth) {
    int c = peek();
    switch (c) {
    case '{':
        parse_object(out, depth);
        return;
    case '[':
        parse_array(out, depth);
        return;
    case '"': {
        if (!out.is_string())
            out = model::Value(std::string());
        scan_string(&out.as_string());
        return;
    }
    case 't':
    case 'f':
    case 'n':
        scan_literal(&out);
        return;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            scan_number(&out);
            return;
        }
        unexpected("a value");
    }
}

void JsonParser::skip_value(std::size_t depth) {
    int c = peek();
    switch (c) {
    case '{':
    case '[': {
        check_depth(depth);
        const bool object = c == '{';
        const char close = object ? '}' : ']';
        TextPosition opened = m_in.position();
        m_in.advance();
        if (peek() == close) {
            m_in.advance();
            return;
        }
        for (;;) {
            if (object) {
                if (peek() != '"')
                    unexpected("a member name in double quotes");
                scan_string(nullptr);
                expect(':', "':' after the member name");
            }
            skip_value(depth + 1);
            int next = peek();
            if (next == ',') {
                m_in.advance();
                continue;
            }
            if (next == close) {
                m_in.advance();
                return;
            }
            if (next < 0)
                unexpected_end(opened, object ? "object" : "array");
            unexpected(object ? "',' or '}' after an object member"
                              : "',' or ']' after an array element");
        }
    }
    case '"':
        scan_string(nullptr);
        return;
    case 't':
    case 'f':
    case 'n':
        scan_literal(nullptr);
        return;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            scan_number(nullptr);
            return;
        }
        unexpected("a value");
    }
}

void JsonParser::parse_object(model::Value& out, std::size_t depth) {
    check_depth(depth);
    TextPosition opened = m_in.position();
    m_in.advance();
    model::Object members;
    std::unordered_set<std::string> large; // names, once the object is too big for a linear check
    if (peek() == '}') {
        m_in.advance();
        out = model::Value(std::move(members));
        return;
    }
    for (;;) {
        if (peek() != '"') {
            if (peek() < 0)
                unexpected_end(opened, "object");
            unexpected("a member name in double quotes");
        }
        TextPosition at = m_in.position();
        scan_string(&m_key);
        bool duplicate = false;
        if (members.size() < 16) {
            for (const auto& f : members)
                duplicate = duplicate || f.key == m_key;
        } else {
            if (large.empty())
                for (const auto& f : members)
                    large.insert(f.key);
            duplicate = !large.insert(m_key).second;
        }
        if (duplicate)
            m_in.fail(at, "duplicate member name " + quote_name(m_key),
                      "each name may appear once in an object");
        expect(':', "':' after the member name");
        members.push_back(model::Field{m_key, model::Value()});
        parse_value(members.back().value, depth + 1);
        int next = peek();
        if (next == ',') {
            m_in.advance();
            continue;
        }
        if (next == '}') {
            m_in.advance();
            break;
        }
        if (next < 0)
            unexpected_end(opened, "object");
        unexpected("',' or '}' after an object member");
    }
    out = model::Value(std::move(members));
}

void JsonParser::parse_array(model::Value& out, std::size_t depth) {
    check_depth(depth);
    TextPosition opened = m_in.position();
    m_in.advance();
    model::List items;
    if (peek() == ']') {
        m_in.advance();
        out = model::Value(std::move(items));
        return;
    }
    for (;;) {
        items.emplace_back();
        parse_value(items.back(), depth + 1);
        int next = peek();
        if (next == ',') {
            m_in.advance();
            continue;
        }
        if (next == ']') {
            m_in.advance();
            break;
        }
        if (next < 0)
            unexpected_end(opened, "array");
        unexpected("',' or ']' after an array element");
    }
    out = model::Value(std::move(items));
}

void JsonParser::parse_record(model::Record& out, FieldIndex& fields, std::size_t depth) {
    check_depth(depth);
    TextPosition opened = m_in.position();
    m_in.advance();
    m_in_record = true;
    fields.begin(out);
    if (peek() == '}') {
        m_in.advance();
    } else {
        for (;;) {
            if (peek() != '"') {
                if (peek() < 0)
                    unexpected_end(opened, "object");
                unexpected("a member name in double quotes");
            }
            TextPosition at = m_in.position();
            scan_string(&m_key);
            model::Value* slot = nullptr;
            switch (fields.slot(m_key, out, slot)) {
            case FieldIndex::Slot::ok:
                break;
            case FieldIndex::Slot::duplicate:
                m_in.fail(at, "duplicate member name " + quote_name(m_key),
                          "each name may appear once in a record");
            case FieldIndex::Slot::too_many:
                m_in.fail(at,
                          "more than " + std::to_string(m_in.spec().limits.max_columns) +
                              " distinct member names in the records",
                          "records of one source should share their field names");
            }
            expect(':', "':' after the member name");
            parse_value(*slot, depth + 1);
            int next = peek();
            if (next == ',') {
                m_in.advance();
                continue;
            }
            if (next == '}') {
                m_in.advance();
                break;
            }
            if (next < 0)
                unexpected_end(opened, "object");
            unexpected("',' or '}' after an object member");
        }
    }
    m_in_record = false;
    fields.finish(out);
}

void JsonParser::scan_string(std::string* out) {
    TextPosition opened = m_in.position();
    m_in.advance(); // opening quote
    if (out)
        out->clear();
    for (;;) {
        if (!m_in.more())
            m_in.fail(opened, "unterminated string",
                      "the file ends before the string's closing quote");
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        const char* run = p;
        while (p < end && !k_string_stop[static_cast<unsigned char>(*p)])
            ++p;
        if (out)
            out->append(run, static_cast<std::size_t>(p - run));
        m_in.set_pos(p);
        if (p == end)
            continue;
        auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            m_in.advance();
            return;
        }
        if (c == '\\') {
            scan_escape(out);
            continue;
        }
        if (c < 0x20) {
            if (c == '\n')
                m_in.fail_here("the line ends inside a string",
                               "close the string with '\"'; write a line break inside it as \\n");
            m_in.fail_here("control character " + byte_hex(c) + " inside a string",
                           "escape it, e.g. \\t for a tab or \\u00XX");
        }
        int len = utf8_sequence(p, end);
        if (len < 0) {
            if (m_in.ensure(4))
                continue; // scan again with the whole sequence in memory
            p = m_in.pos();
            len = std::max(utf8_sequence(p, m_in.end()), 0); // 0: cut off by the end of the file
        }
        if (len == 0)
            m_in.fail_here("invalid UTF-8 byte " + byte_hex(static_cast<unsigned char>(*p)),
                           "save the file as UTF-8");
        if (out)
            out->append(p, static_cast<std::size_t>(len));
        m_in.advance(static_cast<std::size_t>(len));
    }
}

void JsonParser::scan_escape(std::string* out) {
    TextPosition at = m_in.position();
    m_in.ensure(12); // the longest escape: a surrogate pair
    const char* p = m_in.pos();
    const char* end = m_in.end();
    if (end - p < 2)
        m_in.fail(at, "unterminated string", "the file ends inside an escape sequence");
    char e = p[1];
    char simple = 0;
    switch (e) {
    case '"':
        simple = '"';
        break;
    case '\\':
        simple = '\\';
        break;
    case '/':
        simple = '/';
        break;
    case 'b':
        simple = '\b';
        break;
    case 'f':
        simple = '\f';
        break;
    case 'n':
        simple = '\n';
        break;
    case 'r':
        simple = '\r';
        break;
    case 't':
        simple = '\t';
        break;
    case 'u':
        break;
    default:
        m_in.fail(at,
                  "invalid escape \\" +
                      (static_cast<unsigned char>(e) >= 0x20 && static_cast<unsigned char>(e) < 0x7f
                           ? std::string(1, e)
                           : byte_hex(static_cast<unsigned char>(e))),
                  "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
    }
    if (simple) {
        if (out)
            out->push_back(simple);
        m_in.advance(2);
        return;
    }
    auto hex4 = [&](const char* q) -> long {
        if (end - q < 4)
            return -1;
        long v = 0;
        for (int i = 0; i < 4; ++i) {
            int h = hex_value(q[i]);
            if (h < 0)
                return -1;
            v = v * 16 + h;
        }
        return v;
    };
    long cp = hex4(p + 2);
    if (cp < 0)
        m_in.fail(at, "invalid \\u escape", "write \\u followed by four hex digits");
    std::size_t used = 6;
    if (cp >= 0xd800 && cp <= 0xdbff) {
        long low = (end - p >= 12 && p[6] == '\\' && p[7] == 'u') ? hex4(p + 8) : -1;
        if (low < 0xdc00 || low > 0xdfff)
            m_in.fail(at, "unpaired surrogate \\u" + std::string(p + 2, 4) + " in a string",
                      "a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF escape");
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        used = 12;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
        m_in.fail(at, "unpaired surrogate \\u" + std::string(p + 2, 4) + " in a string",
                  "a \\uDC00-\\uDFFF escape must follow a \\uD800-\\uDBFF escape");
    }
    if (out)
        append_utf8(*out, static_cast<char32_t>(cp));
    m_in.advance(used);
}

void JsonParser::scan_number(model::Value* out) {
    TextPosition at = m_in.position();
    m_number.clear();
    for (;;) {
        if (!m_in.more())
            break;
        const char* p = m_in.pos();
        const char* const end = m_in.end();
        const char* run = p;
        while (p < end && is_number_byte(*p))
            ++p;
        m_number.append(run, static_cast<std::size_t>(p - run));
        m_in.set_pos(p);
        if (m_number.size() > k_max_number_length)
            m_in.fail(at,
                      "number longer than " + std::to_string(k_max_number_length) + " characters");
        if (p < end)
            break;
    }
    bool integer = false;
    if (!valid_number(m_number, integer))
        m_in.fail(at, "invalid number " + quote_name(m_number),
                  "JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, '+' or trailing '.')");
    if (!out)
        return;
    const char* b = m_number.data();
    const char* e = b + m_number.size();
    if (integer) {
        std::int64_t i = 0;
        auto r = std::from_chars(b, e, i);
        if (r.ec == std::errc()) {
            *out = model::Value(i);
            return;
        }
    }
    double d = 0;
    auto r = std::from_chars(b, e, d);
    if (r.ec == std::errc::result_out_of_range) {
        // Underflow reads as zero; overflow has no double to stand for it.
        bool tiny = false;
        auto epos = m_number.find_first_of("eE");
        tiny = epos != std::string::npos && m_number.find('-', epos) != std::string::npos;
        if (!tiny)
            m_in.fail(at, "number " + m_number + " is too large for a double",
                      "store such values as strings");
        d = 0.0;
    }
    *out = model::Value(d);
}

void JsonParser::scan_literal(model::Value* out) {
    TextPosition at = m_in.position();
    m_in.ensure(5);
    std::string_view rest(m_in.pos(), static_cast<std::size_t>(m_in.end() - m_in.pos()));
    auto ident_end = [&](std::size_t n) {
        return rest.size() == n ||
               !((rest[n] >= 'a' && rest[n] <= 'z') || (rest[n] >= 'A' && rest[n] <= 'Z') ||
                 (rest[n] >= '0' && rest[n] <= '9') || rest[n] == '_');
    };
    if (rest.starts_with("true") && ident_end(4)) {
        if (out)
            *out = model::Value(true);
        m_in.advance(4);
    } else if (rest.starts_with("false") && ident_end(5)) {
        if (out)
            *out = model::Value(false);
        m_in.advance(5);
    } else if (rest.starts_with("null") && ident_end(4)) {
        if (out)
            *out = model::Value();
        m_in.advance(4);
    } else {
        std::size_t n = 0;
        while (n < rest.size() && n < 20 && !ident_end(n))
            ++n;
        m_in.fail(at, "invalid literal " + quote_name(rest.substr(0, std::max<std::size_t>(n, 1))),
                  "JSON literals are true, false and null (lower case); quote strings");
    }
}

} // namespace ardoq::connectors
