#include "connectors/sources/sqlite_source.hpp"

#include "connectors/sources/source_error.hpp"
#include "connectors/sources/utf8.hpp"
#include "model/errors.hpp"

#include <cerrno>
#include <cstring>
#include <sqlite3.h>
#include <unordered_map>
#include <vector>

namespace ardoq::connectors {

namespace {

bool only_space_or_comments(const char* p) {
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
            ++p;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                ++p;
        } else if (p[0] == '/' && p[1] == '*') {
            const char* e = std::strstr(p + 2, "*/");
            if (!e)
                return true;
            p = e + 2;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

SqliteSource::SqliteSource(const model::SourceSpec& spec) : m_spec(spec) {
    if (spec.query.empty())
        throw_spec_error(spec, "SQLite source \"" + spec.name + "\" has no query",
                         "add query: \"SELECT ... FROM ...\"");
    // SQLite's own message for a missing file ("unable to open database file") says less.
    if (FILE* f = std::fopen(spec.path.c_str(), "rb")) {
        std::fclose(f);
    } else {
        int err = errno;
        throw_spec_error(spec, "cannot open \"" + spec.file + "\": " + std::strerror(err),
                         "the path is resolved against the mapping file's folder: " +
                             spec.path.string());
    }
    // NOMUTEX: a source is read by one thread; SQLite's per-call locking costs ~15%.
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(spec.path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    m_db.reset(db);
    if (rc != SQLITE_OK)
        throw_spec_error(spec, "cannot open \"" + spec.file + "\" with SQLite: " +
                                   (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    // Memory-mapped reads (bounded) instead of a pread per page.
    sqlite3_exec(db, "PRAGMA mmap_size = 268435456", nullptr, nullptr, nullptr);
    // Reading the schema checks the file is a database, whatever the query needs.
    rc = sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_NOTADB)
        throw_spec_error(
            spec, quote_name(spec.file) + " is not an SQLite database (" + sqlite3_errmsg(db) + ")",
            "check the path; for a SQL text dump use sql_dump:");
    const char* tail = nullptr;
    sqlite3_stmt* stmt = nullptr;
    rc = sqlite3_prepare_v2(db, spec.query.c_str(), static_cast<int>(spec.query.size()), &stmt,
                            &tail);
    m_stmt.reset(stmt);
    if (rc != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(db);
        std::string tables = table_list();
        throw_spec_error(spec, "SQLite rejected the query: " + msg,
                         tables.empty() ? "check the query in the sqlite3 shell"
                                        : "tables in " + spec.file + ": " + tables);
    }
    if (!m_stmt)
        throw_spec_error(spec, "the query of SQLite source \"" + spec.name + "\" is empty",
                         "give one SELECT statement");
    if (tail && !only_space_or_comments(tail))
        throw_spec_error(spec, "the query holds more than one SQL statement",
                         "give one SELECT statement (the rest starts with \"" +
                             std::string(tail).substr(0, 20) + "\")");
    if (!sqlite3_stmt_readonly(stmt))
        throw_spec_error(spec, "the query would modify the database", "give one SELECT statement");
    int n = sqlite3_column_count(stmt);
    if (static_cast<std::size_t>(n) > spec.limits.max_columns)
        throw_spec_error(spec, "the query returns " + std::to_string(n) + " columns, more than " +
                                   std::to_string(spec.limits.max_columns));
    std::vector<std::string> names;
    std::unordered_map<std::string, int> seen;
    for (int i = 0; i < n; ++i) {
        const char* name = sqlite3_column_name(stmt, i);
        std::string s = name ? name : "";
        if (!seen.emplace(s, i).second)
            throw_spec_error(spec, "the query returns two columns named " + quote_name(s),
                             "give them distinct names with AS, e.g. SELECT a.id AS app_id, ...");
        names.push_back(std::move(s));
    }
    m_schema = std::make_shared<const model::Schema>(std::move(names));
}

SqliteSource::~SqliteSource() = default;

void SqliteSource::CloseDb::operator()(sqlite3* db) const noexcept {
    sqlite3_close(db);
}
void SqliteSource::Finalize::operator()(sqlite3_stmt* stmt) const noexcept {
    sqlite3_finalize(stmt);
}

std::string SqliteSource::table_list() const {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(m_db.get(),
                           "SELECT name FROM sqlite_master WHERE type IN ('table','view') "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           -1, &st, nullptr) != SQLITE_OK)
        return out;
    int count = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (++count > 20) {
            out += ", ...";
            break;
        }
        if (!out.empty())
            out += ", ";
        out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
}

bool SqliteSource::next(model::Record& out) {
    if (m_done)
        return false;
    sqlite3_stmt* st = m_stmt.get();
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        m_done = true;
        return false;
    }
    if (rc != SQLITE_ROW)
        throw_spec_error(m_spec, "SQLite failed at row " + std::to_string(m_rows + 1) +
                                     " of the query: " + sqlite3_errmsg(m_db.get()));
    ++m_rows;
    const std::size_t n = m_schema->size();
    if (out.schema != m_schema)
        out.schema = m_schema;
    out.values.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        int col = static_cast<int>(i);
        model::Value& v = out.values[i];
        switch (sqlite3_column_type(st, col)) {
        case SQLITE_INTEGER:
            v = model::Value(std::int64_t{sqlite3_column_int64(st, col)});
            break;
        case SQLITE_FLOAT:
            v = model::Value(sqlite3_column_double(st, col));
            break;
        case SQLITE_NULL:
            v = model::Value();
            break;
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
            std::string_view s(text, static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
            std::size_t ok = valid_utf8_prefix(s);
            if (ok != s.size())
                throw_spec_error(m_spec,
                                 "row " + std::to_string(m_rows) + ", column " +
                                     quote_name(m_schema->names()[i]) + ": invalid UTF-8 byte " +
                                     byte_hex(static_cast<unsigned char>(s[ok])) + " at byte " +
                                     std::to_string(ok + 1),
                                 "the database holds text that is not UTF-8; fix the data or "
                                 "select hex(" +
                                     m_schema->names()[i] + ")");
            v.assign_string(s);
            break;
        }
        default: {
            const std::string& name = m_schema->names()[i];
            throw_spec_error(m_spec,
                             "row " + std::to_string(m_rows) + ", column " + quote_name(name) +
                                 ": BLOB values cannot be read",
                             "cast it in the query, e.g. CAST(" + name + " AS TEXT) or hex(" +
                                 name + ")");
        }
        }
    }
    out.origin = model::Origin{m_spec.name, m_spec.file, 0, m_rows};
    return true;
}

} // namespace ardoq::connectors
