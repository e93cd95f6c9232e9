#include "connectors/sources/jsonl_source.hpp"

namespace ardoq::connectors {

JsonlSource::JsonlSource(const model::SourceSpec& spec)
    : m_spec(spec), m_parser(spec, true), m_fields(spec.limits.max_columns) {}

bool JsonlSource::next(model::Record& out) {
    auto& in = m_parser.cursor();
    int c = m_parser.peek();
    if (c < 0)
        return false;
    if (c != '{')
        in.fail_here(std::string("expected a JSON object, found ") + JsonParser::kind_of(c),
                     "each line of a JSON Lines file holds one JSON object: {\"id\": 1, ...}");
    TextPosition at = in.position();
    in.begin_record(m_spec.limits.max_record_bytes);
    m_parser.parse_record(out, m_fields, 1);
    in.end_record();
    c = m_parser.peek_in_line();
    if (c >= 0 && c != '\n')
        in.fail_here("unexpected " + describe_byte(c) + " after the record",
                     "each line of a JSON Lines file holds exactly one JSON object");
    ++m_rows;
    out.origin = model::Origin{m_spec.name, m_spec.file, at.line, m_rows};
    return true;
}

} // namespace ardoq::connectors
