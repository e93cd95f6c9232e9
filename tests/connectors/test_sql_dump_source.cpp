#include "connectors/sources/sql_dump_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace ardoq;
using model::SourceFormat;
using test::input_error;
using test::read_all;

namespace {

model::SourceSpec dump_spec(const std::string& file, const std::string& table) {
    auto spec = test::data_spec(SourceFormat::sql_dump, file);
    spec.table = table;
    return spec;
}

std::vector<std::string> read_dump(const model::SourceSpec& spec) {
    connectors::SqlDumpSource source(spec);
    return read_all(source);
}

std::vector<std::string> read_dump(const std::string& file, const std::string& table) {
    return read_dump(dump_spec(file, table));
}

std::string dump_error(const std::string& file, const std::string& table) {
    return input_error([&] { read_dump(file, table); });
}

// The rows of the fixture table `apps`, as every real dump holds them; `lines` are where
// each row starts in that dump, `yes`/`no` how its database writes booleans.
std::vector<std::string> apps_rows(std::vector<int> lines, const char* yes, const char* no,
                                   bool min_first) {
    std::vector<std::string> rows = {
        std::string(R"({"id":1,"name":"Billing","note":"plain","score":1.5,"active":)") + yes +
            R"(,"icon":"01ff"})",
        std::string(
            R"j({"id":2,"name":"O'Brien \"quoted\"","note":"back\\slash \\\\ two; semi, comma (paren)","score":-0.25,"active":)j") +
            no + R"(,"icon":null})",
        R"({"id":3,"name":"Zürich ☃ 日本 😀","note":"line1\nline2\ttab\r\nend","score":1e+300,"active":null,"icon":""})",
        R"({"id":4,"name":null,"note":null,"score":null,"active":null,"icon":null})",
        std::string(R"({"id":-9223372036854775808,"name":"min","note":"","score":0,"active":)") +
            yes + R"(,"icon":"00"})",
        std::string(
            R"({"id":9223372036854775807,"name":"max","note":"--not a comment /* nor this */","score":3.141592653589793,"active":)") +
            no + R"(,"icon":null})",
    };
    if (min_first) // MariaDB and SQLite dump in primary key order
        std::rotate(rows.begin(), rows.begin() + 4, rows.begin() + 5);
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = "L" + std::to_string(lines[i]) + " R" + std::to_string(i + 1) + " " + rows[i];
    return rows;
}

const std::vector<std::string> k_real_dumps = {
    "dumps/pg_copy.sql", "dumps/pg_inserts.sql",       "dumps/pg_column_inserts.sql",
    "dumps/mariadb.sql", "dumps/mariadb_complete.sql", "dumps/sqlite.sql"};

} // namespace

TEST_CASE(
    "connectors: sql_dump reads pg_dump COPY blocks: escapes, NULL marks, typed columns, bytea") {
    CHECK(read_dump("dumps/pg_copy.sql", "apps") ==
          apps_rows({85, 86, 87, 88, 89, 90}, "true", "false", false));
    CHECK(read_dump("dumps/pg_copy.sql", "public.\"Team Members\"") ==
          std::vector<std::string>{R"(L75 R1 {"Full Name":"Ann Lee","role":"owner"})",
                                   R"(L76 R2 {"Full Name":"Bo \"B\" Ek","role":null})"});
    auto spec = dump_spec("dumps/pg_copy.sql", "apps");
    connectors::SqlDumpSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    CHECK(r.get("id")->is_int());
    CHECK(r.get("score")->is_double());
    CHECK(r.get("active")->is_bool());
    for (int i = 0; i < 4; ++i)
        REQUIRE(source.next(r));
    CHECK(r.get("score")->is_double()); // 0 in a double precision column
    CHECK(source.tables() ==
          std::vector<std::string>{"public.\"Team Members\"", "public.apps", "public.owners"});
}

TEST_CASE("connectors: sql_dump reads pg_dump --inserts and --column-inserts") {
    CHECK(read_dump("dumps/pg_inserts.sql", "apps") ==
          apps_rows({82, 83, 84, 87, 88, 89}, "true", "false", false));
    CHECK(read_dump("dumps/pg_column_inserts.sql", "public.apps") ==
          apps_rows({84, 85, 86, 89, 91, 92}, "true", "false", false));
    CHECK(read_dump("dumps/pg_inserts.sql", "owners") ==
          std::vector<std::string>{R"(L96 R1 {"id":10,"email":"ann@example.com","app_id":1})",
                                   R"(L97 R2 {"id":11,"email":"bob@example.com","app_id":2})"});
}

TEST_CASE("connectors: sql_dump reads mariadb-dump multi-row INSERTs, backslash escapes, blobs") {
    CHECK(read_dump("dumps/mariadb.sql", "apps") ==
          apps_rows({69, 70, 71, 72, 73, 74}, "1", "0", true));
    CHECK(read_dump("dumps/mariadb_complete.sql", "apps") ==
          apps_rows({67, 68, 69, 70, 71, 72}, "1", "0", true));
    CHECK(read_dump("dumps/mariadb.sql", "Team Members") ==
          std::vector<std::string>{R"(L39 R1 {"Full Name":"Ann Lee","role":"owner"})",
                                   R"(L40 R2 {"Full Name":"Bo \"B\" Ek","role":null})"});
}

TEST_CASE("connectors: sql_dump reads sqlite3 .dump: doubled quotes, X blobs, replace and char") {
    CHECK(read_dump("dumps/sqlite.sql", "apps") == apps_rows({4, 5, 6, 7, 8, 9}, "1", "0", true));
    CHECK(read_dump("dumps/sqlite.sql", "\"Team Members\"") ==
          std::vector<std::string>{R"(L14 R1 {"Full Name":"Ann Lee","role":"owner"})",
                                   R"(L15 R2 {"Full Name":"Bo \"B\" Ek","role":null})"});
}

TEST_CASE("connectors: sql_dump a table not in the dump is an error listing the tables that are") {
    for (const auto& file : k_real_dumps) {
        CAPTURE(file);
        std::string tables = file.find("pg_") != std::string::npos
                                 ? "public.\"Team Members\", public.apps, public.owners"
                             : file.find("mariadb") != std::string::npos
                                 ? "\"Team Members\", apps, owners"
                                 : "apps, owners, \"Team Members\"";
        CHECK(dump_error(file, "ownerz") == "mapping.yaml:3:5: error: table \"ownerz\" is not in " +
                                                file + "\n  hint: tables in the dump: " + tables);
    }
    CHECK(dump_error("sql/no_tables.sql", "t") ==
          "mapping.yaml:3:5: error: table \"t\" is not in sql/no_tables.sql\n"
          "  hint: the dump holds no CREATE TABLE, INSERT or COPY statement");
}

TEST_CASE("connectors: sql_dump comments, dollar quotes, spanning statements, column lists") {
    CHECK(read_dump("sql/mixed.sql", "inventory.apps") ==
          std::vector<std::string>{
              R"(L20 R1 {"id":1,"display name":"First","score":1000,"live":true})",
              R"(L21 R2 {"id":2,"display name":"tab\there\nnext é \\","score":-0.5,"live":false})",
              R"(L22 R3 {"id":3,"display name":null,"score":null,"live":null})",
              R"(L23 R4 {"id":4,"display name":"cast","score":0.5,"live":null})",
              R"(L24 R5 {"id":5,"display name":"multi\nline","score":7,"live":true})",
          });
    CHECK(read_dump("sql/mixed.sql", "audit.apps") ==
          std::vector<std::string>{R"j(L10 R1 {"id":1,"note":"skipped; 'really' (not these)"})j"});
}

TEST_CASE("connectors: sql_dump MySQL escapes, DELIMITER, bit, _binary and 0x literals") {
    CHECK(
        read_dump("sql/mysql_escapes.sql", "flags") ==
        std::vector<std::string>{
            R"(L17 R1 {"id":1,"key":"a'b","bits":5,"raw":"410042","text":"nul\u0000 ctrl\u001a tab\t quote\" pct\\% und\\_ bs\\"})",
            R"(L17 R2 {"id":2,"key":null,"bits":0,"raw":"00ff","text":""})",
        });
}

TEST_CASE("connectors: sql_dump SQLite functions, bracket-quoted names and infinity") {
    auto spec = dump_spec("sql/sqlite_functions.sql", "odd table");
    CHECK(read_dump(spec) == std::vector<std::string>{
                                 R"(L4 R1 {"a":1,"b c":"x\r\ny","d":"cafe"})",
                                 R"(L5 R2 {"a":2,"b c":"tab\tend é","d":null})",
                                 R"(L6 R3 {"a":3,"b c":"Hi","d":""})",
                                 R"(L7 R4 {"a":4,"b c":"inf","d":null})",
                             });
    connectors::SqlDumpSource source(spec);
    model::Record r;
    for (int i = 0; i < 4; ++i)
        REQUIRE(source.next(r));
    CHECK(std::isinf(r.values[2].as_double())); // SQLite writes infinity as 1e999
}

TEST_CASE("connectors: sql_dump errors name the line and column") {
    CHECK(dump_error("sql/unterminated_string.sql", "t") ==
          "sql/unterminated_string.sql:3:39: error: unterminated string\n"
          "  hint: the dump ends inside this string; is the file truncated?");
    // The same string in a table that is only skipped is found as well.
    CHECK(dump_error("sql/unterminated_string.sql", "u") ==
          "sql/unterminated_string.sql:3:39: error: unterminated string\n"
          "  hint: the dump ends inside this string; is the file truncated?");
    CHECK(dump_error("sql/truncated_insert.sql", "t") ==
          "sql/truncated_insert.sql:3:7: error: unexpected end of file inside the row that "
          "starts at line 3\n  hint: the dump is truncated; dump it again");
    CHECK(dump_error("sql/truncated_copy.sql", "t") ==
          "sql/truncated_copy.sql:1:1: error: the COPY data of public.t ends without a \\. line\n"
          "  hint: the dump is truncated; dump it again");
    CHECK(dump_error("sql/value_count.sql", "t") ==
          "sql/value_count.sql:2:30: error: row has 2 values, but table t has 3 columns\n"
          "  hint: the dump does not match its table definition");
    CHECK(dump_error("sql/value_count.sql", "u") ==
          "sql/value_count.sql:4:25: error: row has more than 1 value, but table u has 1 column\n"
          "  hint: the dump does not match its table definition");
    CHECK(dump_error("sql/copy_fields.sql", "t") ==
          "sql/copy_fields.sql:3:2: error: row has 1 field, but the COPY statement at line 1 "
          "lists 2 columns\n  hint: the dump does not match its COPY column list");
    CHECK(dump_error("sql/copy_fields.sql", "u") ==
          "sql/copy_fields.sql:6:3: error: row has more than 1 field, but the COPY statement at "
          "line 5 lists 1 column\n  hint: the dump does not match its COPY column list");
    CHECK(dump_error("sql/copy_fields.sql", "v") ==
          "sql/copy_fields.sql:9:4: error: invalid UTF-8 byte 0xe9\n"
          "  hint: the dump is not UTF-8; dump with UTF-8 client encoding (pg_dump -E UTF8)");
    CHECK(dump_error("sql/bad_utf8.sql", "t") ==
          "sql/bad_utf8.sql:2:27: error: invalid UTF-8 byte 0xe9\n"
          "  hint: the dump is not UTF-8; dump with UTF-8 client encoding (pg_dump -E UTF8, "
          "mysqldump --default-character-set=utf8mb4)");
    CHECK(dump_error("sql/no_columns.sql", "t") ==
          "sql/no_columns.sql:2:1: error: the rows of t name no columns, and the dump has no "
          "CREATE TABLE for it\n  hint: dump with the table definitions, or with column names in "
          "the rows (pg_dump --column-inserts, mysqldump --complete-insert)");
    CHECK(dump_error("sql/bad_value.sql", "t") ==
          "sql/bad_value.sql:2:26: error: cannot read the value: unsupported function now()\n"
          "  hint: dump rows should hold plain values; the functions read here are replace(), "
          "char() and unistr()");
    CHECK(dump_error("sql/bad_value.sql", "u") ==
          "sql/bad_value.sql:4:26: error: expected a value, found \"foo\"\n"
          "  hint: values are numbers, 'strings', NULL, TRUE or FALSE");
    CHECK(dump_error("sql/bad_value.sql", "v") ==
          "sql/bad_value.sql:6:26: error: expected ',' or ';' after a row, found '('");
}

TEST_CASE("connectors: sql_dump table option: qualified, quoted, ambiguous, malformed") {
    CHECK(dump_error("sql/ambiguous.sql", "apps") ==
          "mapping.yaml:3:5: error: table \"apps\" is ambiguous in sql/ambiguous.sql: it matches "
          "public.apps and audit.apps\n  hint: qualify it, e.g. table: public.apps");
    CHECK(read_dump("sql/ambiguous.sql", "audit.apps") ==
          std::vector<std::string>{R"(L4 R1 {"id":2})"});
    CHECK(dump_error("sql/ambiguous.sql", "") ==
          "mapping.yaml:3:5: error: SQL dump source \"src\" has no table\n"
          "  hint: add table: <name of the table to read>");
    CHECK(dump_error("sql/ambiguous.sql", "a..b") ==
          "mapping.yaml:3:5: error: table: \"a..b\" is not a table name\n"
          "  hint: write the table as the dump names it, e.g. table: apps or table: public.apps "
          "(quote names with spaces: \"Team Members\")");
}

TEST_CASE("connectors: sql_dump records do not depend on where the read buffer ends") {
    std::vector<std::pair<std::string, std::string>> cases = {
        {"sql/mixed.sql", "inventory.apps"},
        {"sql/mysql_escapes.sql", "flags"},
        {"sql/sqlite_functions.sql", "odd table"}};
    for (const auto& file : k_real_dumps)
        cases.emplace_back(file, "apps");
    for (const auto& [file, table] : cases) {
        CAPTURE(file);
        auto spec = dump_spec(file, table);
        auto expected = read_dump(spec);
        for (std::size_t chunk : {1, 2, 3, 5, 7, 13}) {
            CAPTURE(chunk);
            spec.limits.read_chunk_bytes = chunk;
            CHECK(read_dump(spec) == expected);
        }
    }
}

TEST_CASE("connectors: sql_dump limits on row size and column count") {
    auto spec = dump_spec("dumps/mariadb.sql", "apps");
    spec.limits.max_record_bytes = 40;
    CHECK(input_error([&] { read_dump(spec); }) ==
          "dumps/mariadb.sql:71:1: error: record is larger than 40 bytes\n"
          "  hint: split the record, or check that the file is not truncated or malformed here");
    spec = dump_spec("dumps/pg_copy.sql", "apps");
    spec.limits.max_columns = 5;
    CHECK(input_error([&] { read_dump(spec); }) ==
          "dumps/pg_copy.sql:55:5: error: table has more than 5 columns");
}
