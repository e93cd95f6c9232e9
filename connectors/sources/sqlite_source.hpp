#pragma once
// SQLite source (`sqlite: file.db, query: "SELECT ..."`): the database is opened read-only
// and the query prepared once; each result row is a record with typed values (INTEGER ->
// int, REAL -> double, TEXT -> string, NULL -> null). A BLOB is an error naming the column
// (cast it in the query). Records are row-based: origin.line is 0, origin.row the row number.

#include "model/record_source.hpp"

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace ardoq::connectors {

class SqliteSource final : public model::RecordSource {
public:
    // Opens the database and prepares the query; throws InputError (at the source's place in
    // the mapping) quoting SQLite's message when either fails. `spec` must outlive this
    // source and its records.
    explicit SqliteSource(const model::SourceSpec& spec);
    ~SqliteSource() override;
    SqliteSource(const SqliteSource&) = delete;
    SqliteSource& operator=(const SqliteSource&) = delete;

    bool next(model::Record& out) override;
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

    const std::shared_ptr<const model::Schema>& schema() const noexcept { return m_schema; }

private:
    std::string table_list() const;

    // Owners of SQLite handles, so that a constructor that throws still closes them.
    struct CloseDb {
        void operator()(sqlite3* db) const noexcept;
    };
    struct Finalize {
        void operator()(sqlite3_stmt* stmt) const noexcept;
    };

    const model::SourceSpec& m_spec;
    std::unique_ptr<sqlite3, CloseDb> m_db; // declared first: closed last
    std::unique_ptr<sqlite3_stmt, Finalize> m_stmt;
    std::shared_ptr<const model::Schema> m_schema;
    std::uint64_t m_rows = 0;
    bool m_done = false;
};

} // namespace ardoq::connectors
