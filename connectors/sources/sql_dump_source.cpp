#include "connectors/sources/sql_dump_source.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/sql_value.hpp"
#include "connectors/sources/utf8.hpp"

#include <cstring>

namespace ardoq::connectors {

namespace {

std::string count_of(std::size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

} // namespace

SqlDumpSource::SqlDumpSource(const model::SourceSpec& spec)
    : m_spec(spec), m_lex(spec), m_wanted(parse_table_option(spec)) {}

bool SqlDumpSource::next(model::Record& out) {
    for (;;) {
        switch (m_state) {
        case State::rows:
            if (read_row(out))
                return true;
            break;
        case State::copy:
            if (read_copy_row(out))
                return true;
            break;
        case State::statements:
            if (!find_rows()) {
                m_state = State::done;
                if (!m_found)
                    table_not_found();
                return false;
            }
            break;
        case State::done:
            return false;
        }
    }
}

// Reads statements until rows of the wanted table follow (true) or the dump ends (false).
bool SqlDumpSource::find_rows() {
    for (;;) {
        int c = m_lex.peek();
        if (c < 0)
            return false;
        m_statement_at = m_lex.cursor().position();
        if (c == '\\') { // a psql meta-command line (\connect, \restrict ...)
            m_lex.skip_line();
            continue;
        }
        if (m_lex.accept_delimiter())
            continue;
        if (!m_lex.read_word(m_word)) {
            m_lex.skip_statement();
            continue;
        }
        if (iequals(m_word, "CREATE")) {
            create_statement();
        } else if (iequals(m_word, "INSERT") || iequals(m_word, "REPLACE")) {
            insert_statement();
        } else if (iequals(m_word, "COPY")) {
            copy_statement();
        } else if (iequals(m_word, "SET")) {
            set_statement();
        } else if (iequals(m_word, "DELIMITER")) {
            std::string d;
            m_lex.read_line(d);
            auto b = d.find_first_not_of(" \t");
            auto e = d.find_last_not_of(" \t");
            if (b == std::string::npos)
                m_lex.cursor().fail(m_statement_at, "DELIMITER without a delimiter");
            m_lex.set_delimiter(d.substr(b, e - b + 1));
        } else {
            m_lex.skip_statement();
        }
        if (m_state != State::statements)
            return true;
    }
}

void SqlDumpSource::create_statement() {
    for (;;) {
        if (m_lex.accept("OR")) {
            m_lex.accept("REPLACE");
            continue;
        }
        if (m_lex.accept("TEMPORARY") || m_lex.accept("TEMP") || m_lex.accept("UNLOGGED") ||
            m_lex.accept("GLOBAL") || m_lex.accept("LOCAL"))
            continue;
        break;
    }
    if (!m_lex.accept("TABLE")) {
        m_lex.skip_statement();
        return;
    }
    if (m_lex.accept("IF")) {
        m_lex.accept("NOT");
        m_lex.accept("EXISTS");
    }
    SqlName name = m_lex.read_name("a table name");
    if (is_wanted(name) && !m_defined && m_lex.peek() == '(') {
        m_columns = read_table_columns(m_lex, m_spec.limits.max_columns);
        m_defined = true;
        publish_schema();
    }
    m_lex.skip_statement();
}

void SqlDumpSource::insert_statement() {
    while (m_lex.accept("LOW_PRIORITY") || m_lex.accept("DELAYED") ||
           m_lex.accept("HIGH_PRIORITY") || m_lex.accept("IGNORE"))
        ;
    m_lex.accept("INTO");
    SqlName name = m_lex.read_name("a table name");
    if (!is_wanted(name)) {
        m_lex.skip_statement();
        return;
    }
    std::vector<std::string> listed;
    bool has_list = m_lex.peek() == '(';
    if (has_list)
        listed = read_column_list(m_lex, m_spec.limits.max_columns);
    if (!m_lex.accept("VALUES") && !m_lex.accept("VALUE")) {
        m_lex.skip_statement(); // INSERT ... SELECT: no rows in the dump itself
        return;
    }
    bind(has_list ? &listed : nullptr, m_statement_at);
    m_state = State::rows;
    m_first_row = true;
}

void SqlDumpSource::copy_statement() {
    SqlName name = m_lex.read_name("a table name");
    bool wanted = is_wanted(name);
    std::vector<std::string> listed;
    bool has_list = m_lex.peek() == '(';
    if (has_list)
        listed = read_column_list(m_lex, m_spec.limits.max_columns);
    if (!m_lex.accept("FROM") || !m_lex.accept("STDIN")) {
        m_lex.skip_statement(); // COPY ... TO, or FROM a file: no rows in the dump
        return;
    }
    m_lex.skip_statement();
    m_lex.skip_line(); // the rows start on the next line
    if (!wanted) {
        skip_copy_data();
        return;
    }
    bind(has_list ? &listed : nullptr, m_statement_at);
    m_state = State::copy;
}

void SqlDumpSource::set_statement() {
    if (m_lex.accept("standard_conforming_strings")) {
        if (m_lex.peek() == '=')
            m_lex.cursor().advance();
        else
            m_lex.accept("TO");
        std::string value;
        if (m_lex.peek() == '\'')
            m_lex.read_string(value, SqlEscapes::none, true);
        else
            m_lex.read_word(value);
        m_lex.set_backslash_setting(iequals(value, "off"));
    }
    m_lex.skip_statement();
}

bool SqlDumpSource::is_wanted(const SqlName& name) {
    std::string shown = name.display();
    if (m_table_set.insert(shown).second)
        m_tables.push_back(shown);
    if (!table_matches(m_wanted, name))
        return false;
    if (!m_found) {
        m_found = name;
        return true;
    }
    std::string found = m_found->display();
    if (iequals(found, shown))
        return true;
    throw_spec_error(m_spec,
                     "table " + quote_name(m_spec.table) + " is ambiguous in " + m_spec.file +
                         ": it matches " + found + " and " + shown,
                     "qualify it, e.g. table: " + found);
}

void SqlDumpSource::bind(const std::vector<std::string>* listed, TextPosition at) {
    m_slots.clear();
    m_unlisted.clear();
    if (!listed) {
        if (m_columns.empty())
            m_lex.cursor().fail(at,
                                "the rows of " + m_found->display() +
                                    " name no columns, and the dump has no CREATE TABLE for it",
                                "dump with the table definitions, or with column names in the rows "
                                "(pg_dump --column-inserts, mysqldump --complete-insert)");
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            m_slots.push_back(i);
        return;
    }
    bool grew = false;
    std::vector<bool> named(m_columns.size(), false);
    for (const auto& name : *listed) {
        std::size_t i = 0;
        while (i < m_columns.size() && m_columns[i].name != name)
            ++i;
        if (i == m_columns.size()) {
            i = 0;
            while (i < m_columns.size() && !iequals(m_columns[i].name, name))
                ++i;
        }
        if (i == m_columns.size()) {
            if (m_columns.size() >= m_spec.limits.max_columns)
                m_lex.cursor().fail(at, "table has more than " +
                                            std::to_string(m_spec.limits.max_columns) + " columns");
            m_columns.push_back(TableColumn{name, ColumnKind::text});
            named.push_back(false);
            grew = true;
        }
        if (named[i])
            m_lex.cursor().fail(at, "column " + quote_name(name) + " is listed twice");
        named[i] = true;
        m_slots.push_back(i);
    }
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (!named[i])
            m_unlisted.push_back(i);
    if (grew || !m_schema)
        publish_schema();
}

void SqlDumpSource::publish_schema() {
    std::vector<std::string> names;
    names.reserve(m_columns.size());
    for (const auto& c : m_columns)
        names.push_back(c.name);
    m_schema = std::make_shared<const model::Schema>(std::move(names));
}

std::string SqlDumpSource::table_text() const {
    return m_found ? m_found->display() : m_spec.table;
}

bool SqlDumpSource::read_row(model::Record& out) {
    auto& in = m_lex.cursor();
    int c = m_lex.peek();
    if (!m_first_row) {
        if (c == ',') {
            in.advance();
            c = m_lex.peek();
        } else if (m_lex.accept_delimiter()) {
            m_state = State::statements;
            return false;
        } else if (c < 0) {
            in.fail_here("unexpected end of file: the INSERT INTO " + table_text() + " at line " +
                             std::to_string(m_statement_at.line) + " has no end",
                         "the dump is truncated; dump it again");
        } else if (m_lex.accept("ON") || m_lex.accept("RETURNING")) {
            m_lex.skip_statement(); // ON CONFLICT DO NOTHING, ON DUPLICATE KEY UPDATE ...
            m_state = State::statements;
            return false;
        } else {
            m_lex.fail_here("expected ',' or '" + m_lex.delimiter() + "' after a row, found " +
                            describe_byte(c));
        }
    }
    m_first_row = false;
    if (c != '(')
        m_lex.fail_here("expected '(' to start a row, found " + describe_byte(c));
    TextPosition at = in.position();
    in.begin_record(m_spec.limits.max_record_bytes);
    in.advance();
    out.values.resize(m_columns.size());
    std::size_t count = 0;
    if (m_lex.peek() == ')') {
        in.advance();
    } else {
        for (;;) {
            if (count == m_slots.size())
                m_lex.fail_here("row has more than " + count_of(m_slots.size(), "value") +
                                    ", but table " + table_text() + " has " +
                                    count_of(m_slots.size(), "column"),
                                "the dump does not match its table definition");
            std::size_t slot = m_slots[count++];
            read_sql_value(m_lex, out.values[slot], m_columns[slot].kind);
            c = m_lex.peek();
            if (c == ')') {
                in.advance();
                break;
            }
            if (c != ',') {
                if (c < 0)
                    in.fail_here("unexpected end of file inside the row that starts at line " +
                                     std::to_string(at.line),
                                 "the dump is truncated; dump it again");
                m_lex.fail_here("expected ',' or ')' after a value, found " + describe_byte(c));
            }
            in.advance();
        }
    }
    in.end_record();
    if (count < m_slots.size())
        in.fail(at,
                "row has " + count_of(count, "value") + ", but table " + table_text() + " has " +
                    count_of(m_slots.size(), "column"),
                "the dump does not match its table definition");
    finish_record(out, at.line);
    return true;
}

bool SqlDumpSource::read_copy_row(model::Record& out) {
    auto& in = m_lex.cursor();
    TextPosition at = in.position();
    in.begin_record(m_spec.limits.max_record_bytes);
    const char* nl = nullptr;
    for (std::size_t scanned = 0;;) {
        const char* p = in.pos();
        nl = static_cast<const char*>(
            std::memchr(p + scanned, '\n', static_cast<std::size_t>(in.end() - p) - scanned));
        if (nl)
            break;
        scanned = static_cast<std::size_t>(in.end() - p);
        if (!in.refill())
            break;
    }
    in.end_record();
    const char* line = in.pos();
    const char* end = nl ? nl : in.end();
    if (line == end && !nl)
        in.fail(m_statement_at, "the COPY data of " + table_text() + " ends without a \\. line",
                "the dump is truncated; dump it again");
    if (end > line && end[-1] == '\r')
        --end;
    std::string_view text(line, static_cast<std::size_t>(end - line));
    auto consume_line = [&] {
        if (nl) {
            in.newline_at(nl);
            in.set_pos(nl + 1);
        } else {
            in.set_pos(in.end());
        }
    };
    if (text == "\\.") {
        consume_line();
        m_state = State::statements;
        return false;
    }
    out.values.resize(m_columns.size());
    std::size_t count = 0;
    std::size_t from = 0;
    for (;;) {
        std::size_t tab = text.find('\t', from);
        std::string_view raw = text.substr(from, tab == std::string_view::npos ? tab : tab - from);
        if (count == m_slots.size())
            in.fail({at.line, at.column + from},
                    "row has more than " + count_of(m_slots.size(), "field") +
                        ", but the COPY statement at line " + std::to_string(m_statement_at.line) +
                        " lists " + count_of(m_slots.size(), "column"),
                    "the dump does not match its COPY column list");
        std::size_t slot = m_slots[count++];
        std::size_t bad = decode_copy_field(raw, m_columns[slot].kind, out.values[slot]);
        if (bad != std::string_view::npos)
            in.fail({at.line, at.column + from + bad},
                    "invalid UTF-8 byte " +
                        byte_hex(static_cast<unsigned char>(raw[std::min(bad, raw.size() - 1)])),
                    "the dump is not UTF-8; dump with UTF-8 client encoding (pg_dump -E UTF8)");
        if (tab == std::string_view::npos)
            break;
        from = tab + 1;
    }
    if (count < m_slots.size())
        in.fail({at.line, at.column + text.size()},
                "row has " + count_of(count, "field") + ", but the COPY statement at line " +
                    std::to_string(m_statement_at.line) + " lists " +
                    count_of(m_slots.size(), "column"),
                "the dump does not match its COPY column list");
    consume_line();
    finish_record(out, at.line);
    return true;
}

void SqlDumpSource::finish_record(model::Record& out, std::uint64_t line) {
    for (std::size_t i : m_unlisted)
        out.values[i] = model::Value();
    if (out.schema != m_schema)
        out.schema = m_schema;
    out.origin = model::Origin{m_spec.name, m_spec.file, line, ++m_rows};
}

// Skips the rows of a COPY block of another table: one memchr per line.
void SqlDumpSource::skip_copy_data() {
    auto& in = m_lex.cursor();
    for (;;) {
        if (!in.ensure(3) && !in.more())
            in.fail(m_statement_at, "the COPY data that starts here ends without a \\. line",
                    "the dump is truncated; dump it again");
        const char* p = in.pos();
        std::size_t avail = static_cast<std::size_t>(in.end() - p);
        bool end_mark = avail >= 2 && p[0] == '\\' && p[1] == '.' &&
                        (avail == 2 || p[2] == '\n' || p[2] == '\r');
        m_lex.skip_line();
        if (end_mark)
            return;
    }
}

void SqlDumpSource::table_not_found() const {
    std::string hint;
    if (m_tables.empty()) {
        hint = "the dump holds no CREATE TABLE, INSERT or COPY statement";
    } else {
        hint = "tables in the dump: ";
        for (std::size_t i = 0; i < m_tables.size() && i < 30; ++i)
            hint += (i ? ", " : "") + m_tables[i];
        if (m_tables.size() > 30)
            hint += ", ... (" + std::to_string(m_tables.size()) + " in all)";
    }
    throw_spec_error(m_spec, "table " + quote_name(m_spec.table) + " is not in " + m_spec.file,
                     hint);
}

} // namespace ardoq::connectors
