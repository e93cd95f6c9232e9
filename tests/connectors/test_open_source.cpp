#include "connectors/sources/open_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using model::SourceFormat;

TEST_CASE("connectors: open_source opens each format and is a SourceOpener") {
    model::SourceOpener opener = connectors::open_source;
    struct Case {
        SourceFormat format;
        std::string file;
        std::string first;
    };
    std::vector<Case> cases = {
        {SourceFormat::csv, "csv/pipe.csv", R"(L2 R1 {"id|name":"1|Billing"})"},
        {SourceFormat::json, "json/pointer_index.json", ""},
        {SourceFormat::jsonl, "jsonl/records.jsonl",
         R"(L1 R1 {"id":1,"name":"Billing","owner":{"email":"ann@example.com"}})"},
        {SourceFormat::sql_dump, "dumps/sqlite.sql",
         R"(L11 R1 {"id":10,"email":"ann@example.com","app_id":1})"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.file);
        auto spec = test::data_spec(c.format, c.file);
        spec.records_pointer = "/a~1b/c~0d";
        spec.table = "owners";
        auto source = opener(spec);
        REQUIRE(source);
        CHECK(&source->spec() == &spec);
        model::Record r;
        REQUIRE(source->next(r));
        CHECK(test::render(r) == (c.first.empty() ? R"(L1 R1 {"id":9})" : c.first));
    }
    auto spec = test::data_spec(SourceFormat::sqlite, "csv/apps.csv");
    spec.query = "SELECT 1";
    CHECK(test::input_error([&] { connectors::open_source(spec); }) ==
          "mapping.yaml:3:5: error: \"csv/apps.csv\" is not an SQLite database (file is not a "
          "database)\n  hint: check the path; for a SQL text dump use sql_dump:");
}
