#pragma once
// JSON source: records are the objects of the document's top-level array, or of the array
// a JSON Pointer addresses (`records: /data/items`, RFC 6901; array indexes allowed). The
// array is streamed element by element: only one record's values are in memory, and what
// lies outside the array is checked for syntax and skipped without being built.

#include "connectors/sources/field_index.hpp"
#include "connectors/sources/json_parser.hpp"
#include "model/record_source.hpp"

#include <string>
#include <vector>

namespace ardoq::connectors {

// The reference tokens of a JSON Pointer ("/a~1b/0" -> {"a/b", "0"}); throws InputError at
// spec.where when `pointer` is not one.
std::vector<std::string> parse_json_pointer(const model::SourceSpec& spec,
                                            const std::string& pointer);

class JsonSource final : public model::RecordSource {
public:
    // Opens the file and walks to the records array; throws InputError when the pointer
    // does not lead to an array. `spec` must outlive this source and its records.
    explicit JsonSource(const model::SourceSpec& spec);

    bool next(model::Record& out) override;
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

private:
    void descend(const std::vector<std::string>& tokens);
    void enter_member(const std::string& name, const std::string& pointer_so_far);
    void enter_element(const std::string& token, const std::string& pointer_so_far);
    void finish_document();

    const model::SourceSpec& m_spec;
    JsonParser m_parser;
    FieldIndex m_fields;
    std::vector<char> m_enclosing; // '{' or '[' for each container around the records array
    std::size_t m_depth = 1;       // nesting level of a record
    std::uint64_t m_rows = 0;
    bool m_done = false;
};

} // namespace ardoq::connectors
