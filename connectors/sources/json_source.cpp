#include "connectors/sources/json_source.hpp"

#include "connectors/sources/source_error.hpp"

namespace ardoq::connectors {

std::vector<std::string> parse_json_pointer(const model::SourceSpec& spec,
                                            const std::string& pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty())
        return tokens;
    if (pointer[0] != '/')
        throw_spec_error(spec, "records: " + quote_name(pointer) + " is not a JSON Pointer",
                         "a JSON Pointer starts with '/', e.g. records: /" + pointer);
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == 1 || pointer[i - 1] == '/')
            tokens.emplace_back();
        if (i == pointer.size())
            break;
        char c = pointer[i];
        if (c == '/')
            continue;
        if (c == '~') {
            char e = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
            if (e != '0' && e != '1')
                throw_spec_error(spec,
                                 "records: " + quote_name(pointer) + " has an invalid escape '~'",
                                 "in a JSON Pointer write '~' as ~0 and '/' as ~1");
            tokens.back().push_back(e == '0' ? '~' : '/');
            ++i;
            continue;
        }
        tokens.back().push_back(c);
    }
    return tokens;
}

JsonSource::JsonSource(const model::SourceSpec& spec)
    : m_spec(spec), m_parser(spec, false), m_fields(spec.limits.max_columns) {
    descend(parse_json_pointer(spec, spec.records_pointer));
}

void JsonSource::descend(const std::vector<std::string>& tokens) {
    std::string so_far;
    for (const auto& token : tokens) {
        int c = m_parser.peek();
        TextPosition at = m_parser.cursor().position();
        if (c == '{') {
            enter_member(token, so_far);
        } else if (c == '[') {
            enter_element(token, so_far);
        } else {
            if (c < 0)
                m_parser.unexpected("a JSON value");
            m_parser.cursor().fail(at,
                                   "JSON Pointer " + m_spec.records_pointer + ": " +
                                       (so_far.empty() ? std::string("the document") : so_far) +
                                       " is " + JsonParser::kind_of(c) +
                                       ", not an object or an array",
                                   "point records: at an array of objects");
        }
        so_far += "/" + token;
        ++m_depth;
    }
    int c = m_parser.peek();
    if (c != '[') {
        if (c < 0)
            m_parser.unexpected("a JSON array");
        std::string what = std::string(JsonParser::kind_of(c));
        if (tokens.empty())
            m_parser.cursor().fail_here(
                "expected a JSON array of records at the top level, found " + what,
                c == '{' ? "point records: at the array inside the object, e.g. records: /items"
                         : "the file should hold an array of objects: [{...}, {...}]");
        m_parser.cursor().fail_here("JSON Pointer " + m_spec.records_pointer + " points to " +
                                        what + ", not an array",
                                    "point records: at an array of objects");
    }
    m_parser.cursor().advance();
}

void JsonSource::enter_member(const std::string& name, const std::string& so_far) {
    auto& in = m_parser.cursor();
    TextPosition opened = in.position();
    in.advance();
    m_enclosing.push_back('{');
    std::vector<std::string> seen;
    std::string key;
    bool first = true;
    for (;;) {
        int c = m_parser.peek();
        if (c == '}' || c < 0) {
            std::string hint;
            if (!seen.empty()) {
                hint = "its members are: ";
                for (std::size_t i = 0; i < seen.size() && i < 10; ++i)
                    hint += (i ? ", " : "") + quote_name(seen[i]);
                if (seen.size() > 10)
                    hint += ", ...";
            } else {
                hint = "the object is empty";
            }
            if (c < 0)
                m_parser.unexpected("'}'");
            in.fail(opened,
                    "JSON Pointer " + m_spec.records_pointer + ": " +
                        (so_far.empty() ? std::string("the top-level object") : so_far) +
                        " has no member " + quote_name(name),
                    hint);
        }
        if (!first) {
            if (c != ',')
                m_parser.unexpected("',' or '}' after an object member");
            in.advance();
            c = m_parser.peek();
        }
        first = false;
        if (c != '"')
            m_parser.unexpected("a member name in double quotes");
        in.begin_record(m_spec.limits.max_record_bytes);
        m_parser.parse_string(key);
        in.end_record();
        m_parser.expect(':', "':' after the member name");
        if (key == name)
            return;
        if (seen.size() <= 10)
            seen.push_back(key);
        m_parser.skip_value(m_depth + 1);
    }
}

void JsonSource::enter_element(const std::string& token, const std::string& so_far) {
    auto& in = m_parser.cursor();
    TextPosition opened = in.position();
    bool index_ok = !token.empty() && token.size() < 10 &&
                    token.find_first_not_of("0123456789") == std::string::npos &&
                    (token == "0" || token[0] != '0');
    std::string where = so_far.empty() ? std::string("the top-level array") : so_far;
    if (!index_ok)
        in.fail(opened,
                "JSON Pointer " + m_spec.records_pointer + ": " + where + " is an array, and " +
                    quote_name(token) + " is not an index",
                "address array elements by number, e.g. " + so_far + "/0");
    std::size_t index = std::stoul(token);
    in.advance();
    m_enclosing.push_back('[');
    for (std::size_t i = 0;; ++i) {
        int c = m_parser.peek();
        if (c == ']')
            in.fail(opened,
                    "JSON Pointer " + m_spec.records_pointer + ": " + where + " has only " +
                        std::to_string(i) + (i == 1 ? " element" : " elements"),
                    "array indexes start at 0");
        if (i > 0) {
            if (c != ',')
                m_parser.unexpected("',' or ']' after an array element");
            in.advance();
        }
        if (i == index)
            return;
        m_parser.skip_value(m_depth + 1);
    }
}

bool JsonSource::next(model::Record& out) {
    if (m_done)
        return false;
    auto& in = m_parser.cursor();
    int c = m_parser.peek();
    if (m_rows > 0) {
        if (c == ',') {
            in.advance();
            c = m_parser.peek();
            if (c == ']')
                in.fail_here("unexpected ']' after ','", "remove the trailing comma");
        } else if (c != ']') {
            m_parser.unexpected("',' or ']' after a record");
        }
    }
    if (c == ']') {
        in.advance();
        finish_document();
        m_done = true;
        return false;
    }
    if (c != '{') {
        if (c < 0)
            m_parser.unexpected("a record or ']'");
        in.fail_here("record " + std::to_string(m_rows + 1) + " is " + JsonParser::kind_of(c) +
                         ", not an object",
                     "records must be JSON objects: [{\"id\": 1, ...}, ...]");
    }
    TextPosition at = in.position();
    in.begin_record(m_spec.limits.max_record_bytes);
    m_parser.parse_record(out, m_fields, m_depth + 1);
    in.end_record();
    ++m_rows;
    out.origin = model::Origin{m_spec.name, m_spec.file, at.line, m_rows};
    return true;
}

// The records array has ended: checks and skips the rest of each enclosing container, then
// requires the end of the file, so a truncated or corrupt file is not taken as complete.
void JsonSource::finish_document() {
    auto& in = m_parser.cursor();
    std::size_t depth = m_depth;
    while (!m_enclosing.empty()) {
        const bool object = m_enclosing.back() == '{';
        const char close = object ? '}' : ']';
        --depth;
        for (;;) {
            int c = m_parser.peek();
            if (c == close) {
                in.advance();
                break;
            }
            if (c != ',')
                m_parser.unexpected(object ? "',' or '}' after an object member"
                                           : "',' or ']' after an array element");
            in.advance();
            if (object) {
                if (m_parser.peek() != '"')
                    m_parser.unexpected("a member name in double quotes");
                m_parser.skip_value(depth + 1); // the name, as a string
                m_parser.expect(':', "':' after the member name");
            }
            m_parser.skip_value(depth + 1);
        }
        m_enclosing.pop_back();
    }
    int c = m_parser.peek();
    if (c >= 0)
        in.fail_here("unexpected " + describe_byte(c) + " after the end of the JSON document",
                     "a JSON file holds one document; for one object per line use jsonl:");
}

} // namespace ardoq::connectors
