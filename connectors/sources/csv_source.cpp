#include "connectors/sources/csv_source.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/utf8.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ardoq::connectors {

namespace {

std::string delimiter_text(char d) {
    if (d == '\t')
        return "tab";
    return std::string("'") + d + "'";
}

std::string& string_slot(model::Value& v) {
    if (!v.is_string())
        v = model::Value(std::string());
    auto& s = v.as_string();
    s.clear();
    return s;
}

} // namespace

CsvSource::CsvSource(const model::SourceSpec& spec) : m_spec(spec), m_buf(spec) {
    char d = spec.csv.delimiter;
    if (d == '"' || d == '\n' || d == '\r' || d == '\0')
        throw_spec_error(spec,
                         "CSV delimiter " + byte_hex(static_cast<unsigned char>(d)) +
                             " cannot separate fields",
                         "use one of ',' ';' '|' or a tab");
    m_special[static_cast<unsigned char>(d)] = true;
    m_special['\n'] = true;
    m_special['\r'] = true;
    m_pos = m_buf.begin();
    for (bool more = true; more && m_buf.end() - m_pos < 3; m_pos = m_buf.begin())
        more = m_buf.refill(m_pos); // moves the window even when it read nothing more
    if (m_buf.end() - m_pos >= 3 && std::memcmp(m_pos, "\xEF\xBB\xBF", 3) == 0)
        m_pos += 3; // UTF-8 byte order mark
    read_header();
}

void CsvSource::read_header() {
    std::vector<std::string> names;
    if (!m_spec.csv.header) {
        if (m_spec.csv.columns.empty())
            throw_spec_error(m_spec,
                             "CSV source \"" + m_spec.name + "\" has header: false but no columns",
                             "list the column names: columns: [id, name, ...]");
        names = m_spec.csv.columns;
        for (std::size_t i = 0; i < names.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (names[i] == names[j])
                    throw_spec_error(
                        m_spec, "duplicate column name " + quote_name(names[i]) + " in columns",
                        "column names must be unique");
        m_schema = std::make_shared<const model::Schema>(std::move(names));
        return;
    }
    if (!read_row())
        throw_source_error(
            m_spec, 1, 1, "the file is empty, but a header row was expected",
            "add a header row naming the columns, or set header: false with columns:");
    std::unordered_map<std::string, std::size_t> seen;
    names.reserve(m_fields.size());
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        std::string name = text_of(m_fields[i]);
        if (name.empty())
            fail_at(m_row, m_row_line, m_fields[i].raw,
                    "column " + std::to_string(i + 1) + " of the header has no name",
                    "name every column in the header row (or remove a trailing delimiter)");
        auto [it, fresh] = seen.emplace(name, i);
        if (!fresh)
            fail_at(m_row, m_row_line, m_fields[i].raw,
                    "duplicate column name " + quote_name(name) + " (also column " +
                        std::to_string(it->second + 1) + ")",
                    "column names must be unique; rename one of them");
        names.push_back(std::move(name));
    }
    m_schema = std::make_shared<const model::Schema>(std::move(names));
}

bool CsvSource::next(model::Record& out) {
    if (!read_row())
        return false;
    const std::size_t columns = m_schema->size();
    const bool from_header = m_spec.csv.header;
    if (m_fields.size() > columns) {
        fail_at(m_row, m_row_line, m_fields[columns].raw,
                "row has " + std::to_string(m_fields.size()) + " fields, but " +
                    (from_header ? "the header has " : "columns: names ") +
                    std::to_string(columns) + (columns == 1 ? " column" : " columns"),
                "a field that contains the delimiter " + delimiter_text(m_spec.csv.delimiter) +
                    " must be quoted (\"a" + m_spec.csv.delimiter + "b\")");
    }
    if (m_fields.size() < columns && m_spec.csv.ragged == model::Ragged::error) {
        const Span& last = m_fields.back();
        const char* after = last.begin + last.size + (last.quoted ? 1 : 0);
        fail_at(m_row, m_row_line, after,
                "row has " + std::to_string(m_fields.size()) +
                    (m_fields.size() == 1 ? " field" : " fields") + ", but " +
                    (from_header ? "the header has " : "columns: names ") +
                    std::to_string(columns) + " columns",
                "add the missing fields, or set ragged: pad to read them as null");
    }
    ++m_rows;
    if (out.schema != m_schema)
        out.schema = m_schema;
    out.values.resize(columns);
    std::size_t i = 0;
    for (; i < m_fields.size(); ++i)
        assign(out.values[i], m_fields[i]);
    for (; i < columns; ++i)
        out.values[i] = model::Value();
    out.origin = model::Origin{m_spec.name, m_spec.file, m_row_line, m_rows};
    return true;
}

void CsvSource::assign(model::Value& value, const Span& f) const {
    if (!f.quoted && f.size == 0) {
        if (m_spec.csv.empty == model::EmptyField::null)
            value = model::Value();
        else
            string_slot(value);
        return;
    }
    const bool latin1 = m_spec.csv.encoding == model::Encoding::latin1;
    if (!f.escapes && !latin1) {
        value.assign_string(std::string_view(f.begin, f.size));
        return;
    }
    std::string& s = string_slot(value);
    auto append = [&](const char* b, std::size_t n) {
        if (latin1)
            append_latin1(s, std::string_view(b, n));
        else
            s.append(b, n);
    };
    if (!f.escapes) {
        append(f.begin, f.size);
        return;
    }
    // Collapse each "" pair of a quoted field to one quote.
    const char* p = f.begin;
    const char* end = f.begin + f.size;
    while (p < end) {
        const auto* q =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (!q) {
            append(p, static_cast<std::size_t>(end - p));
            break;
        }
        append(p, static_cast<std::size_t>(q - p) + 1);
        p = q + 2;
    }
}

std::string CsvSource::text_of(const Span& f) const {
    model::Value v{std::string()};
    if (f.size > 0 || f.quoted)
        assign(v, f);
    return v.as_string();
}

bool CsvSource::read_row() {
    for (;;) {
        Scan s = scan();
        if (s == Scan::need_more) {
            if (static_cast<std::size_t>(m_buf.end() - m_pos) >= m_spec.limits.max_record_bytes)
                throw_source_error(m_spec, m_line, 1,
                                   "row is larger than " +
                                       size_text(m_spec.limits.max_record_bytes),
                                   "a quote (\") that is never closed turns the rest of the file "
                                   "into one field; check the quotes from this line on");
            m_buf.refill(m_pos);
            m_pos = m_buf.begin();
            continue;
        }
        if (s == Scan::end)
            return false;
        if (static_cast<std::size_t>(m_row_end - m_pos) > m_spec.limits.max_record_bytes)
            throw_source_error(m_spec, m_line, 1,
                               "row is larger than " + size_text(m_spec.limits.max_record_bytes),
                               "a quote (\") that is never closed turns the rest of the file "
                               "into one field; check the quotes from this line on");
        m_row = m_pos;
        m_row_line = m_line;
        m_line += m_row_newlines;
        m_pos = m_row_end;
        if (s == Scan::blank)
            continue;
        if (m_spec.csv.encoding == model::Encoding::utf8)
            check_utf8();
        return true;
    }
}

// Splits the row at m_pos into m_fields. Returns need_more when the window ends before the
// row does (the caller refills and scans the row again from its start).
CsvSource::Scan CsvSource::scan() {
    const char* p = m_pos;
    const char* const end = m_buf.end();
    const bool eof = m_buf.at_eof();
    const char delim = m_spec.csv.delimiter;
    const std::size_t max_columns = m_spec.limits.max_columns;
    m_fields.clear();
    m_row_newlines = 0;
    if (p == end)
        return eof ? Scan::end : Scan::need_more;
    if (*p == '\n' || *p == '\r') {
        const char* q = *p == '\r' ? p + 1 : p;
        if (q == end && !eof)
            return Scan::need_more;
        if (q < end && *q == '\n') {
            m_row_end = q + 1;
            m_row_newlines = 1;
            return Scan::blank;
        }
    }
    for (;;) {
        if (m_fields.size() >= max_columns)
            fail_at(m_pos, m_line, p,
                    "row has more than " + std::to_string(max_columns) + " fields",
                    "check the delimiter; a row may have at most " + std::to_string(max_columns) +
                        " fields");
        if (p < end && *p == '"') {
            const char* open = p;
            const char* q = p + 1;
            bool escapes = false;
            const char* close = nullptr;
            for (;;) {
                const auto* quote = static_cast<const char*>(
                    std::memchr(q, '"', static_cast<std::size_t>(end - q)));
                if (!quote) {
                    if (!eof)
                        return Scan::need_more;
                    fail_at(m_pos, m_line, open, "unterminated quoted field",
                            "the quote opened here is never closed; close the field with \" and "
                            "double any quote inside it (\"\")");
                }
                if (quote + 1 == end && !eof)
                    return Scan::need_more;
                if (quote + 1 < end && quote[1] == '"') {
                    escapes = true;
                    q = quote + 2;
                    continue;
                }
                close = quote;
                break;
            }
            m_row_newlines += static_cast<std::uint64_t>(std::count(open + 1, close, '\n'));
            m_fields.push_back(
                Span{open, open + 1, static_cast<std::size_t>(close - open - 1), true, escapes});
            p = close + 1;
            if (p == end) {
                if (!eof)
                    return Scan::need_more;
                m_row_end = p;
                return Scan::record;
            }
            char c = *p;
            if (c == delim) {
                ++p;
                continue;
            }
            if (c == '\n') {
                m_row_end = p + 1;
                ++m_row_newlines;
                return Scan::record;
            }
            if (c == '\r') {
                if (p + 1 == end) {
                    if (!eof)
                        return Scan::need_more;
                    m_row_end = end;
                    return Scan::record;
                }
                if (p[1] == '\n') {
                    m_row_end = p + 2;
                    ++m_row_newlines;
                    return Scan::record;
                }
            }
            fail_at(
                m_pos, m_line, p,
                "unexpected " +
                    (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f
                         ? std::string("'") + c + "'"
                         : byte_hex(static_cast<unsigned char>(c))) +
                    " after the closing quote of a field",
                "a quoted field ends at its closing quote; write a quote inside a field as "
                "\"\" and put the delimiter right after the closing quote");
        }
        // Unquoted field: runs to the delimiter or the line end (a lone CR is data).
        const char* start = p;
        for (;;) {
            p = find_special(p, end);
            if (p == end) {
                if (!eof)
                    return Scan::need_more;
                m_fields.push_back(
                    Span{start, start, static_cast<std::size_t>(p - start), false, false});
                m_row_end = p;
                return Scan::record;
            }
            if (*p != '\r')
                break;
            if (p + 1 == end) {
                if (!eof)
                    return Scan::need_more;
                m_fields.push_back(
                    Span{start, start, static_cast<std::size_t>(p - start), false, false});
                m_row_end = end;
                return Scan::record;
            }
            if (p[1] == '\n')
                break;
            ++p;
        }
        m_fields.push_back(Span{start, start, static_cast<std::size_t>(p - start), false, false});
        if (*p == delim) {
            ++p;
            continue;
        }
        m_row_end = p + (*p == '\r' ? 2 : 1);
        ++m_row_newlines;
        return Scan::record;
    }
}

// The first delimiter, CR or LF in [p, end), or end: the hot loop of the reader.
const char* CsvSource::find_special(const char* p, const char* end) const noexcept {
#if defined(__SSE2__)
    const __m128i delim = _mm_set1_epi8(m_spec.csv.delimiter);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, delim), _mm_cmpeq_epi8(x, lf)),
                                   _mm_cmpeq_epi8(x, cr));
        if (int mask = _mm_movemask_epi8(hit))
            return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    while (p < end && !m_special[static_cast<unsigned char>(*p)])
        ++p;
    return p;
}

void CsvSource::check_utf8() const {
    std::string_view row(m_row, static_cast<std::size_t>(m_row_end - m_row));
    std::size_t ok = valid_utf8_prefix(row);
    if (ok == row.size())
        return;
    fail_at(m_row, m_row_line, m_row + ok,
            "invalid UTF-8 byte " + byte_hex(static_cast<unsigned char>(row[ok])),
            "save the file as UTF-8, or set encoding: latin1 if it is Latin-1 (ISO-8859-1)");
}

void CsvSource::fail_at(const char* record, std::uint64_t record_line, const char* at,
                        std::string message, std::string hint) const {
    std::uint64_t line = record_line;
    const char* line_start = record;
    for (const char* p = record; p < at; ++p)
        if (*p == '\n') {
            ++line;
            line_start = p + 1;
        }
    throw_source_error(m_spec, line, static_cast<std::uint64_t>(at - line_start) + 1,
                       std::move(message), std::move(hint));
}

} // namespace ardoq::connectors
