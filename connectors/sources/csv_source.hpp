#pragma once
// CSV reader (RFC 4180 and what real exports do): a header row or `columns:` from the
// mapping, a configurable delimiter, quoted fields with "" escapes and embedded newlines,
// CRLF or LF, an optional UTF-8 byte order mark, blank lines skipped. Values are strings;
// an unquoted empty field is null (or "" with `empty: empty_string`), a quoted one ("") is
// the empty string. Input must be UTF-8 unless `encoding: latin1` converts it.
//
// Streams: a row is parsed in place in a FileBuffer window and copied into the record's
// reused value buffers, so memory is the window plus the largest row.

#include "connectors/sources/file_buffer.hpp"
#include "model/record_source.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace ardoq::connectors {

class CsvSource final : public model::RecordSource {
public:
    // Opens the file and reads the header; throws InputError for a bad file or options.
    // `spec` must outlive this source and the records it returns (origins point into it).
    explicit CsvSource(const model::SourceSpec& spec);

    bool next(model::Record& out) override;
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

    // Field names, from the header or from `columns:`.
    const std::shared_ptr<const model::Schema>& schema() const noexcept { return m_schema; }

private:
    struct Span {
        const char* raw;   // first byte of the field in the file (the quote if quoted)
        const char* begin; // first byte of the content
        std::size_t size;
        bool quoted;
        bool escapes; // quoted content holds "" pairs
    };
    enum class Scan : std::uint8_t { record, blank, need_more, end };

    Scan scan();
    const char* find_special(const char* p, const char* end) const noexcept;
    bool read_row();
    void check_utf8() const;
    void read_header();
    void assign(model::Value& value, const Span& field) const;
    std::string text_of(const Span& field) const;
    [[noreturn]] void fail_at(const char* record, std::uint64_t record_line, const char* at,
                              std::string message, std::string hint) const;

    const model::SourceSpec& m_spec;
    FileBuffer m_buf;
    std::array<bool, 256> m_special{}; // bytes that end an unquoted field's run
    const char* m_pos = nullptr;       // start of the next row
    std::uint64_t m_line = 1;          // line of m_pos
    const char* m_row = nullptr;       // start of the row in m_fields
    std::uint64_t m_row_line = 0;
    const char* m_row_end = nullptr;  // one past the row's line end
    std::uint64_t m_row_newlines = 0; // line ends within and after the row
    std::uint64_t m_rows = 0;
    std::vector<Span> m_fields;
    std::shared_ptr<const model::Schema> m_schema;
};

} // namespace ardoq::connectors
