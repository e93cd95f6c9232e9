#include "connectors/sources/sqlite_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

using namespace ardoq;
using test::input_error;
using test::read_all;

namespace {

// A small database made with SQLite itself, in a temporary folder.
struct Database {
    test::TempDir dir;
    model::SourceSpec spec;

    Database() {
        spec.name = "cmdb";
        spec.format = model::SourceFormat::sqlite;
        spec.file = "cmdb.db";
        spec.path = dir.path() / "cmdb.db";
        spec.where = model::Location{"mapping.yaml", 3, 5};
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(spec.path.c_str(), &db) == SQLITE_OK);
        const char* sql =
            "CREATE TABLE apps (id INTEGER, name TEXT, score REAL, note TEXT, logo BLOB);"
            "INSERT INTO apps VALUES (1, 'Billing', 1.5, NULL, x'0102');"
            "INSERT INTO apps VALUES (-9223372036854775808, 'Zürich ☃', -0.25, 'it''s', NULL);"
            "INSERT INTO apps VALUES (9223372036854775807, '', 1e300, 'two\nlines', NULL);"
            "CREATE TABLE bad (t TEXT); INSERT INTO bad VALUES (CAST(x'61ff' AS TEXT));";
        char* err = nullptr;
        int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
        if (err) {
            MESSAGE(err);
            sqlite3_free(err);
        }
        REQUIRE(rc == SQLITE_OK);
        sqlite3_close(db);
    }

    std::vector<std::string> read(const std::string& query) {
        spec.query = query;
        connectors::SqliteSource source(spec);
        return read_all(source);
    }
    std::string error(const std::string& query) {
        return input_error([&] { read(query); });
    }
};

} // namespace

TEST_CASE("connectors: sqlite typed columns, one record per row, row-based origins") {
    Database db;
    CHECK(db.read("SELECT id, name, score, note FROM apps ORDER BY rowid") ==
          std::vector<std::string>{
              R"(L0 R1 {"id":1,"name":"Billing","score":1.5,"note":null})",
              R"(L0 R2 {"id":-9223372036854775808,"name":"Zürich ☃","score":-0.25,"note":"it's"})",
              R"(L0 R3 {"id":9223372036854775807,"name":"","score":1e+300,"note":"two\nlines"})",
          });
    db.spec.query = "SELECT id, score, hex(logo) AS logo FROM apps WHERE id = 1";
    connectors::SqliteSource source(db.spec);
    CHECK(source.schema()->names() == std::vector<std::string>{"id", "score", "logo"});
    model::Record r;
    REQUIRE(source.next(r));
    CHECK(r.values[0].is_int());
    CHECK(r.values[1].is_double());
    CHECK(r.values[2].as_string() == "0102");
    CHECK(r.origin.to_string() == "cmdb.db row 1");
    CHECK_FALSE(source.next(r));
}

TEST_CASE("connectors: sqlite a BLOB is an error naming the row and column, unless cast") {
    Database db;
    CHECK(db.error("SELECT id, logo FROM apps ORDER BY rowid") ==
          "mapping.yaml:3:5: error: row 1, column \"logo\": BLOB values cannot be read\n"
          "  hint: cast it in the query, e.g. CAST(logo AS TEXT) or hex(logo)");
    CHECK(db.read("SELECT CAST(logo AS TEXT) AS logo FROM apps WHERE id = 9223372036854775807") ==
          std::vector<std::string>{R"(L0 R1 {"logo":null})"});
}

TEST_CASE("connectors: sqlite a bad query quotes the SQLite message at the mapping line") {
    Database db;
    CHECK(db.error("SELECT * FROM appz") ==
          "mapping.yaml:3:5: error: SQLite rejected the query: no such table: appz\n"
          "  hint: tables in cmdb.db: apps, bad");
    CHECK(db.error("SELEKT 1") ==
          "mapping.yaml:3:5: error: SQLite rejected the query: near \"SELEKT\": syntax error\n"
          "  hint: tables in cmdb.db: apps, bad");
    CHECK(db.error("SELECT 1; SELECT 2") ==
          "mapping.yaml:3:5: error: the query holds more than one SQL statement\n"
          "  hint: give one SELECT statement (the rest starts with \" SELECT 2\")");
    CHECK(db.read("SELECT 1 AS one; -- a trailing comment") ==
          std::vector<std::string>{R"(L0 R1 {"one":1})"});
    CHECK(db.error("DELETE FROM apps") ==
          "mapping.yaml:3:5: error: the query would modify the database\n"
          "  hint: give one SELECT statement");
    CHECK(db.error("SELECT id, name AS id FROM apps") ==
          "mapping.yaml:3:5: error: the query returns two columns named \"id\"\n"
          "  hint: give them distinct names with AS, e.g. SELECT a.id AS app_id, ...");
    CHECK(db.error("") == "mapping.yaml:3:5: error: SQLite source \"cmdb\" has no query\n"
                          "  hint: add query: \"SELECT ... FROM ...\"");
    CHECK(db.error("SELECT t FROM bad") ==
          "mapping.yaml:3:5: error: row 1, column \"t\": invalid UTF-8 byte 0xff at byte 2\n"
          "  hint: the database holds text that is not UTF-8; fix the data or select hex(t)");
}

TEST_CASE("connectors: sqlite opens read-only and reports files it cannot use") {
    Database db;
    // Read-only: even a statement SQLite would run is refused before it runs.
    CHECK(db.error("INSERT INTO apps (id) VALUES (5)") ==
          "mapping.yaml:3:5: error: the query would modify the database\n"
          "  hint: give one SELECT statement");
    CHECK(db.read("SELECT count(*) AS n FROM apps") ==
          std::vector<std::string>{R"(L0 R1 {"n":3})"});

    auto spec = test::data_spec(model::SourceFormat::sqlite, "csv/apps.csv");
    spec.query = "SELECT 1";
    CHECK(input_error([&] { connectors::SqliteSource s(spec); }) ==
          "mapping.yaml:3:5: error: \"csv/apps.csv\" is not an SQLite database (file is not a "
          "database)\n  hint: check the path; for a SQL text dump use sql_dump:");
    spec = test::data_spec(model::SourceFormat::sqlite, "nope.db");
    spec.query = "SELECT 1";
    CHECK(input_error([&] { connectors::SqliteSource s(spec); }) ==
          "mapping.yaml:3:5: error: cannot open \"nope.db\": No such file or directory\n"
          "  hint: the path is resolved against the mapping file's folder: " +
              spec.path.string());
    CHECK_FALSE(std::filesystem::exists(spec.path)); // nothing was created
}
