#include "model/record.hpp"

#include <doctest/doctest.h>

using namespace ardoq::model;

TEST_CASE("record: fields by name through the shared schema") {
    auto schema = std::make_shared<const Schema>(std::vector<std::string>{"id", "name"});
    Record r{schema, {Value(7), Value("Billing")}, Origin{"apps", "apps.csv", 3, 2}};
    REQUIRE(r.get("name") != nullptr);
    CHECK(r.get("name")->as_string() == "Billing");
    CHECK(r.get("id")->as_int() == 7);
    CHECK(r.get("other") == nullptr);
    CHECK(schema->index_of("name") == 1);
    CHECK_FALSE(schema->index_of("nope").has_value());
}

TEST_CASE("record: a value missing at the end of a short row reads as absent") {
    auto schema = std::make_shared<const Schema>(std::vector<std::string>{"a", "b"});
    Record r{schema, {Value(1)}, {}};
    CHECK(r.get("b") == nullptr);
}

TEST_CASE("record: origin text") {
    CHECK(Origin{"apps", "apps.csv", 42, 41}.to_string() == "apps.csv:42");
    CHECK(Origin{"servers", "cmdb.db", 0, 7}.to_string() == "cmdb.db row 7");
    CHECK(Origin{"mem", "", 0, 3}.to_string() == "mem row 3");
}
