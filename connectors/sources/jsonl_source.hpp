#pragma once
// JSON Lines source (`jsonl:`): one JSON object per line; blank lines are skipped. A line
// that is not one complete object is an error naming that line. Fields keep the order in
// which they first appear; a line with new names extends the schema for the records after it.

#include "connectors/sources/field_index.hpp"
#include "connectors/sources/json_parser.hpp"
#include "model/record_source.hpp"

namespace ardoq::connectors {

class JsonlSource final : public model::RecordSource {
public:
    // Opens the file. `spec` must outlive this source and the records it returns.
    explicit JsonlSource(const model::SourceSpec& spec);

    bool next(model::Record& out) override;
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

private:
    const model::SourceSpec& m_spec;
    JsonParser m_parser;
    FieldIndex m_fields;
    std::uint64_t m_rows = 0;
};

} // namespace ardoq::connectors
