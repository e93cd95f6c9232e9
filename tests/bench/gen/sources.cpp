#include "gen/sources.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace ardoq::bench {

namespace {

// One cell of a row, in a form every format can render.
struct Cell {
    enum Kind { null, integer, number, boolean, text } kind = null;
    std::string value; // digits for integer/number, "1"/"0" for boolean
};

const char* const k_component_columns[] = {"id",    "level",  "name",     "parent",  "lifecycle",
                                           "cost",  "users",  "critical", "go_live", "labels",
                                           "owner", "vendor", "notes",    "region"};
const char* const k_component_sql_types[] = {"INTEGER", "INTEGER", "TEXT", "INTEGER", "TEXT",
                                             "REAL",    "INTEGER", "TEXT", "TEXT",    "TEXT",
                                             "TEXT",    "TEXT",    "TEXT", "TEXT"};
const char* const k_reference_columns[] = {"source_id", "target_id", "kind"};
const char* const k_reference_sql_types[] = {"INTEGER", "INTEGER", "TEXT"};

Cell integer(std::uint64_t v) {
    return {Cell::integer, std::to_string(v)};
}
Cell integer(std::int64_t v) {
    return {Cell::integer, std::to_string(v)};
}
Cell text(std::string s) {
    return {Cell::text, std::move(s)};
}
Cell text(const std::optional<std::string>& s) {
    return s ? text(*s) : Cell{};
}

void component_cells(const ComponentRow& r, std::vector<Cell>& out) {
    out.clear();
    out.push_back(integer(r.id));
    out.push_back(integer(static_cast<std::int64_t>(r.level)));
    out.push_back(text(r.name));
    out.push_back(r.parent ? integer(*r.parent) : Cell{});
    out.push_back(text(r.lifecycle));
    out.push_back({Cell::number, r.cost});
    out.push_back(integer(r.users));
    // Checkbox values as a spreadsheet holds them: yes / no (JSON Lines: true / false).
    out.push_back({Cell::boolean, r.critical ? "1" : "0"});
    out.push_back(text(r.go_live));
    out.push_back(text(r.labels));
    out.push_back(text(r.owner));
    out.push_back(text(r.vendor));
    out.push_back(text(r.notes));
    out.push_back(text(r.region));
}

void reference_cells(const ReferenceRow& r, std::vector<Cell>& out) {
    out.clear();
    out.push_back(integer(r.from));
    out.push_back(integer(r.to));
    out.push_back(text(r.kind));
}

// A file written through a 1 MiB buffer; throws std::runtime_error on failure.
class OutFile {
public:
    explicit OutFile(const fs::path& path) : m_path(path), m_file(std::fopen(path.c_str(), "wb")) {
        if (m_file == nullptr)
            throw std::runtime_error("cannot write " + path.string());
        buffer.reserve(1 << 20);
    }
    ~OutFile() {
        if (m_file != nullptr)
            std::fclose(m_file);
    }
    OutFile(const OutFile&) = delete;
    OutFile& operator=(const OutFile&) = delete;

    void maybe_flush() {
        if (buffer.size() >= (1 << 20))
            flush();
    }
    void close() {
        flush();
        if (std::fclose(m_file) != 0)
            throw std::runtime_error("cannot write " + m_path.string());
        m_file = nullptr;
    }
    std::string buffer;

private:
    void flush() {
        if (std::fwrite(buffer.data(), 1, buffer.size(), m_file) != buffer.size())
            throw std::runtime_error("cannot write " + m_path.string());
        buffer.clear();
    }
    fs::path m_path;
    std::FILE* m_file;
};

template <class EachRow>
void write_rows(const fs::path& path, std::uint64_t count, EachRow&& each_row,
                const std::string& header, const std::string& footer) {
    OutFile out(path);
    out.buffer += header;
    for (std::uint64_t i = 0; i < count; ++i) {
        each_row(i, out.buffer);
        out.maybe_flush();
    }
    out.buffer += footer;
    out.close();
}

// --- CSV -------------------------------------------------------------------------------

void csv_cell(std::string& out, const Cell& c) {
    if (c.kind == Cell::boolean) {
        out += c.value == "1" ? "yes" : "no";
        return;
    }
    if (c.value.find_first_of(",\"\n\r") == std::string::npos) {
        out += c.value; // null: an empty cell
        return;
    }
    out += '"';
    for (char ch : c.value) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    out += '"';
}

template <std::size_t N> std::string csv_header(const char* const (&columns)[N]) {
    std::string h;
    for (std::size_t i = 0; i < N; ++i)
        h += (i ? "," : "") + std::string(columns[i]);
    return h + "\n";
}

void csv_row(const std::vector<Cell>& cells, std::string& out) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        csv_cell(out, cells[i]);
    }
    out += '\n';
}

// --- JSON Lines -----------------------------------------------------------------------

void json_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char ch : s) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += static_cast<char>(ch);
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", ch);
            out += buf;
        } else {
            out += static_cast<char>(ch);
        }
    }
    out += '"';
}

template <std::size_t N>
void jsonl_row(const char* const (&columns)[N], const std::vector<Cell>& cells, std::string& out) {
    out += '{';
    for (std::size_t i = 0; i < N; ++i) {
        if (i)
            out += ',';
        out += '"';
        out += columns[i];
        out += "\":";
        const Cell& c = cells[i];
        switch (c.kind) {
        case Cell::null:
            out += "null";
            break;
        case Cell::boolean:
            out += c.value == "1" ? "true" : "false";
            break;
        case Cell::text:
            json_string(out, c.value);
            break;
        default:
            out += c.value;
        }
    }
    out += "}\n";
}

// --- SQL ------------------------------------------------------------------------------

void sql_literal(std::string& out, const Cell& c) {
    switch (c.kind) {
    case Cell::null:
        out += "NULL";
        return;
    case Cell::boolean:
        out += c.value == "1" ? "'yes'" : "'no'";
        return;
    case Cell::text:
        out += '\'';
        for (char ch : c.value) {
            if (ch == '\'')
                out += '\'';
            out += ch;
        }
        out += '\'';
        return;
    default:
        out += c.value;
    }
}

void copy_field(std::string& out, const Cell& c) {
    if (c.kind == Cell::null) {
        out += "\\N";
        return;
    }
    if (c.kind == Cell::boolean) {
        out += c.value == "1" ? "yes" : "no";
        return;
    }
    for (char ch : c.value) {
        if (ch == '\\')
            out += "\\\\";
        else if (ch == '\n')
            out += "\\n";
        else if (ch == '\t')
            out += "\\t";
        else if (ch == '\r')
            out += "\\r";
        else
            out += ch;
    }
}

template <std::size_t N>
std::string create_table(const std::string& table, const char* const (&columns)[N],
                         const char* const (&types)[N]) {
    std::string s = "CREATE TABLE " + table + " (\n";
    for (std::size_t i = 0; i < N; ++i)
        s += std::string("    ") + columns[i] + " " + types[i] + (i + 1 < N ? ",\n" : "\n");
    return s + ");\n";
}

template <std::size_t N> std::string column_list(const char* const (&columns)[N]) {
    std::string s;
    for (std::size_t i = 0; i < N; ++i)
        s += (i ? ", " : "") + std::string(columns[i]);
    return s;
}

// --- SQLite ----------------------------------------------------------------------------

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string("sqlite: ") + what + ": " + sqlite3_errmsg(db));
}

template <std::size_t N, class Cells>
void sqlite_table(sqlite3* db, const std::string& table, const char* const (&columns)[N],
                  const char* const (&types)[N], std::uint64_t count, Cells&& cells_of) {
    check(db,
          sqlite3_exec(db, create_table(table, columns, types).c_str(), nullptr, nullptr, nullptr),
          "create table");
    std::string insert = "INSERT INTO " + table + " VALUES (";
    for (std::size_t i = 0; i < N; ++i)
        insert += i ? ", ?" : "?";
    insert += ")";
    sqlite3_stmt* stmt = nullptr;
    check(db, sqlite3_prepare_v2(db, insert.c_str(), -1, &stmt, nullptr), "prepare");
    std::vector<Cell> cells;
    for (std::uint64_t i = 0; i < count; ++i) {
        cells_of(i, cells);
        for (std::size_t c = 0; c < N; ++c) {
            const int col = static_cast<int>(c + 1);
            const Cell& cell = cells[c];
            switch (cell.kind) {
            case Cell::null:
                sqlite3_bind_null(stmt, col);
                break;
            case Cell::integer:
                sqlite3_bind_int64(stmt, col, std::stoll(cell.value));
                break;
            case Cell::number:
                sqlite3_bind_double(stmt, col, std::stod(cell.value));
                break;
            case Cell::boolean:
                sqlite3_bind_text(stmt, col, cell.value == "1" ? "yes" : "no", -1, SQLITE_STATIC);
                break;
            case Cell::text:
                sqlite3_bind_text(stmt, col, cell.value.data(), static_cast<int>(cell.value.size()),
                                  SQLITE_TRANSIENT);
            }
        }
        check(db, sqlite3_step(stmt), "insert");
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
}

} // namespace

void write_csv(const Dataset& data, const fs::path& dir) {
    std::vector<Cell> cells;
    write_rows(
        dir / "components.csv", data.spec().components,
        [&](std::uint64_t i, std::string& out) {
            component_cells(data.component(i + 1), cells);
            csv_row(cells, out);
        },
        csv_header(k_component_columns), "");
    write_rows(
        dir / "dependencies.csv", data.spec().references,
        [&](std::uint64_t i, std::string& out) {
            reference_cells(data.reference(i), cells);
            csv_row(cells, out);
        },
        csv_header(k_reference_columns), "");
}

void write_jsonl(const Dataset& data, const fs::path& dir) {
    std::vector<Cell> cells;
    write_rows(
        dir / "components.jsonl", data.spec().components,
        [&](std::uint64_t i, std::string& out) {
            component_cells(data.component(i + 1), cells);
            jsonl_row(k_component_columns, cells, out);
        },
        "", "");
    write_rows(
        dir / "dependencies.jsonl", data.spec().references,
        [&](std::uint64_t i, std::string& out) {
            reference_cells(data.reference(i), cells);
            jsonl_row(k_reference_columns, cells, out);
        },
        "", "");
}

void write_sqlite(const Dataset& data, const fs::path& dir) {
    const fs::path path = dir / "bench.db";
    fs::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot create " + path.string() + ": " + message);
    }
    try {
        check(db,
              sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", nullptr,
                           nullptr, nullptr),
              "begin");
        sqlite_table(db, "component", k_component_columns, k_component_sql_types,
                     data.spec().components, [&](std::uint64_t i, std::vector<Cell>& cells) {
                         component_cells(data.component(i + 1), cells);
                     });
        sqlite_table(db, "dependency", k_reference_columns, k_reference_sql_types,
                     data.spec().references, [&](std::uint64_t i, std::vector<Cell>& cells) {
                         reference_cells(data.reference(i), cells);
                     });
        check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
    sqlite3_close(db);
}

void write_sql_insert(const Dataset& data, const fs::path& dir) {
    OutFile out(dir / "bench.sql");
    out.buffer += "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n";
    out.buffer += create_table("component", k_component_columns, k_component_sql_types);
    std::vector<Cell> cells;
    for (std::uint64_t i = 0; i < data.spec().components; ++i) {
        component_cells(data.component(i + 1), cells);
        out.buffer += "INSERT INTO component VALUES(";
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c)
                out.buffer += ',';
            sql_literal(out.buffer, cells[c]);
        }
        out.buffer += ");\n";
        out.maybe_flush();
    }
    out.buffer += create_table("dependency", k_reference_columns, k_reference_sql_types);
    for (std::uint64_t i = 0; i < data.spec().references; ++i) {
        reference_cells(data.reference(i), cells);
        out.buffer += "INSERT INTO dependency VALUES(";
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c)
                out.buffer += ',';
            sql_literal(out.buffer, cells[c]);
        }
        out.buffer += ");\n";
        out.maybe_flush();
    }
    out.buffer += "COMMIT;\n";
    out.close();
}

void write_sql_copy(const Dataset& data, const fs::path& dir) {
    OutFile out(dir / "bench-copy.sql");
    out.buffer += "--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\n\n";
    out.buffer += create_table("public.component", k_component_columns, k_component_sql_types);
    out.buffer +=
        "\nCOPY public.component (" + column_list(k_component_columns) + ") FROM stdin;\n";
    std::vector<Cell> cells;
    for (std::uint64_t i = 0; i < data.spec().components; ++i) {
        component_cells(data.component(i + 1), cells);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c)
                out.buffer += '\t';
            copy_field(out.buffer, cells[c]);
        }
        out.buffer += '\n';
        out.maybe_flush();
    }
    out.buffer += "\\.\n\n";
    out.buffer += create_table("public.dependency", k_reference_columns, k_reference_sql_types);
    out.buffer +=
        "\nCOPY public.dependency (" + column_list(k_reference_columns) + ") FROM stdin;\n";
    for (std::uint64_t i = 0; i < data.spec().references; ++i) {
        reference_cells(data.reference(i), cells);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c)
                out.buffer += '\t';
            copy_field(out.buffer, cells[c]);
        }
        out.buffer += '\n';
        out.maybe_flush();
    }
    out.buffer += "\\.\n\n--\n-- PostgreSQL database dump complete\n--\n";
    out.close();
}

} // namespace ardoq::bench
