#pragma once
// SQL dump source (`sql_dump: file.sql, table: name`): the rows of one table from a dump
// written by pg_dump (COPY ... FROM stdin blocks, or --inserts / --column-inserts),
// mysqldump / mariadb-dump (multi-row INSERTs, backticks, backslash escapes, /*!...*/) or
// sqlite3 .dump. Column names come from the table's CREATE TABLE or from the INSERT/COPY
// column list. The dump is read once, as a stream: statements of other tables are skipped
// without being parsed into values, and only one row is held in memory. A table the dump
// does not hold is an error listing the tables it does.

#include "connectors/sources/sql_lexer.hpp"
#include "connectors/sources/sql_schema.hpp"
#include "model/record_source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace ardoq::connectors {

class SqlDumpSource final : public model::RecordSource {
public:
    // Opens the dump; throws InputError when the file or the `table:` option is unusable.
    // `spec` must outlive this source and the records it returns.
    explicit SqlDumpSource(const model::SourceSpec& spec);

    bool next(model::Record& out) override;
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

    // The tables named so far by CREATE TABLE, INSERT and COPY, in order of appearance.
    const std::vector<std::string>& tables() const noexcept { return m_tables; }

private:
    enum class State : std::uint8_t { statements, rows, copy, done };

    bool find_rows();
    void create_statement();
    void insert_statement();
    void copy_statement();
    void set_statement();
    bool is_wanted(const SqlName& name);
    void bind(const std::vector<std::string>* listed, TextPosition at);
    void publish_schema();
    bool read_row(model::Record& out);
    bool read_copy_row(model::Record& out);
    void skip_copy_data();
    void finish_record(model::Record& out, std::uint64_t line);
    std::string table_text() const;
    [[noreturn]] void table_not_found() const;

    const model::SourceSpec& m_spec;
    SqlLexer m_lex;
    SqlName m_wanted;
    std::optional<SqlName> m_found; // the dump's name for the wanted table
    std::vector<std::string> m_tables;
    std::unordered_set<std::string> m_table_set;
    std::vector<TableColumn> m_columns; // of the wanted table
    bool m_defined = false;             // its CREATE TABLE has been read
    std::shared_ptr<const model::Schema> m_schema;
    std::vector<std::size_t> m_slots;    // the i-th value of a row is column m_slots[i]
    std::vector<std::size_t> m_unlisted; // columns the current statement leaves out
    State m_state = State::statements;
    bool m_first_row = false;
    TextPosition m_statement_at;
    std::uint64_t m_rows = 0;
    std::string m_word;
};

} // namespace ardoq::connectors
