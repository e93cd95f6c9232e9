// --output json / table of the ardoqpy-style commands, without a server.
#include "cli/client_output.hpp"
#include "cli/client_tables.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

namespace json = boost::json;
using namespace ardoq::cli;

TEST_CASE("parity: JSON output is indented by two spaces and keeps the member order") {
    const auto v = json::parse(R"({"b":1,"a":[true,null,"x\"y"],"e":{},"f":[],"o":{"k":2.5}})");
    CHECK(pretty_json(v) == "{\n"
                            "  \"b\": 1,\n"
                            "  \"a\": [\n"
                            "    true,\n"
                            "    null,\n"
                            "    \"x\\\"y\"\n"
                            "  ],\n"
                            "  \"e\": {},\n"
                            "  \"f\": [],\n"
                            "  \"o\": {\n"
                            "    \"k\": 2.5\n"
                            "  }\n"
                            "}\n");
    CHECK(pretty_json(json::array{}) == "[]\n");
    CHECK(pretty_json("text") == "\"text\"\n");
    CHECK(pretty_json(json::array{1200.5, 12000.0, 0.1, -3}) ==
          "[\n  1200.5,\n  12000,\n  0.1,\n  -3\n]\n");
    CHECK(cell_text(1200.5) == "1200.5");
}

TEST_CASE("parity: table columns line up by code points, numbers to the right") {
    Table t({{"NAME"}, {"COUNT", Table::Align::right}, {"NOTE"}});
    t.add_row({"Søknad", "2", ""});
    t.add_row({"CRM", "12345", "first line\nsecond"});
    t.add_row({"only name"});
    CHECK(t.rows() == 3);
    CHECK(t.render() == "NAME       COUNT  NOTE\n"
                        "Søknad         2\n"
                        "CRM        12345  first line second\n"
                        "only name\n");
}

TEST_CASE("parity: an empty table says so under its header") {
    Table t({{"ID"}, {"NAME"}});
    CHECK(t.render() == "ID  NAME\n(none)\n");
}

TEST_CASE("parity: long cells are cut with an ellipsis at the cap, records are not") {
    Table t({{"NAME"}}, 8);
    t.add_row({"abcdefghij"});
    t.add_row({"ååååååååå"});
    t.add_row({"12345678"});
    CHECK(t.render() == "NAME\nabcdefg…\nååååååå…\n12345678\n");
    const std::string long_text(100, 'x');
    CHECK(render_record(json::object{{"description", long_text}}) ==
          "FIELD        VALUE\ndescription  " + long_text + "\n");
}

TEST_CASE("parity: cells show null as empty, lists joined, nested values as JSON") {
    CHECK(cell_text(nullptr) == "");
    CHECK(cell_text(true) == "true");
    CHECK(cell_text(12) == "12");
    CHECK(cell_text("a\tb") == "a b");
    CHECK(cell_text(json::array{"web", "batch"}) == "web, batch");
    CHECK(cell_text(json::array{json::array{1}}) == "[[1]]");
    CHECK(cell_text(json::object{{"k", 1}}) == R"({"k":1})");
    CHECK(text_width("Søknad") == 6);
}

TEST_CASE("parity: a record flattens nested objects into dotted field names") {
    const auto o = json::parse(R"({"_id":"c1","name":"CRM","parent":null,
        "customFields":{"lifecycle":"Live","labels":["web","batch"]},"_meta":{}})");
    CHECK(render_record(o.get_object()) == "FIELD                   VALUE\n"
                                           "_id                     c1\n"
                                           "name                    CRM\n"
                                           "parent\n"
                                           "customFields.lifecycle  Live\n"
                                           "customFields.labels     web, batch\n"
                                           "_meta\n");
}

TEST_CASE("parity: entity tables pick their columns, counts and nested members") {
    const auto components = json::parse(R"([
        {"_id":"cccccccccccccccccccccc10","name":"Billing","type":"Service","componentKey":"RUN-1","parent":null},
        {"_id":"cccccccccccccccccccccc11","name":"Billing API","type":"Endpoint","componentKey":"RUN-2",
         "parent":"cccccccccccccccccccccc10"},
        "not an object"])");
    CHECK(component_table(components.get_array()) ==
          "ID                        NAME         TYPE      KEY    PARENT\n"
          "cccccccccccccccccccccc10  Billing      Service   RUN-1\n"
          "cccccccccccccccccccccc11  Billing API  Endpoint  RUN-2  cccccccccccccccccccccc10\n");

    const auto folders = json::parse(R"([{"_id":"f1","name":"Archive","workspaces":["a","b"]},
                                         {"_id":"f2","name":"New","workspaces":[]}])");
    CHECK(folder_table(folders.get_array()) == "ID  NAME     WORKSPACES\n"
                                               "f1  Archive           2\n"
                                               "f2  New               0\n");

    const auto refs =
        json::parse(R"([{"_id":"r1","source":"s","target":"t","type":12,"displayText":"calls"}])");
    CHECK(reference_table(refs.get_array()) == "ID  SOURCE  TARGET  TYPE  DISPLAY TEXT\n"
                                               "r1  s       t         12  calls\n");

    CHECK(
        tag_table(json::parse(R"([{"_id":"t1","name":"core","components":["c"],"references":[]}])")
                      .get_array()) == "ID  NAME  COMPONENTS  REFERENCES\n"
                                       "t1  core           1           0\n");
    CHECK(model_table(
              json::parse(R"([{"_id":"m1","name":"Apps","useAsTemplate":true}])").get_array()) ==
          "ID  NAME  TEMPLATE\nm1  Apps  true\n");
}

TEST_CASE("parity: a model prints as a tree of component types with their ids") {
    const auto model = json::parse(R"({"_id":"m1","name":"Apps",
        "root":{"p2":{"id":"p2","name":"Application","index":1,"level":1,"children":{
                      "p3":{"id":"p3","name":"Module","index":2,"level":2,"children":{}}}},
                "p1":{"id":"p1","name":"Capability","index":0,"level":1,"children":{}}},
        "referenceTypes":{"2":{"id":2,"name":"Depends on"},"1":{"id":1,"name":"Implicit"}}})");
    CHECK(model_tree(model.get_object()) == "model m1 \"Apps\"\n"
                                            "\n"
                                            "COMPONENT TYPE  TYPE ID\n"
                                            "Capability      p1\n"
                                            "Application     p2\n"
                                            "  Module        p3\n"
                                            "\n"
                                            "REFERENCE TYPE  TYPE\n"
                                            "Depends on         2\n"
                                            "Implicit           1\n");
}

TEST_CASE(
    "parity: an aggregated workspace prints its members, then its components and references") {
    const auto ws = json::parse(R"({"_id":"w1","name":"Apps",
        "components":[{"_id":"c1","name":"CRM","type":"Application","parent":null}],
        "references":[]})");
    CHECK(aggregated_table(ws.get_object()) == "FIELD  VALUE\n"
                                               "_id    w1\n"
                                               "name   Apps\n"
                                               "\n"
                                               "1 component:\n"
                                               "ID  NAME  TYPE         PARENT\n"
                                               "c1  CRM   Application\n"
                                               "\n"
                                               "0 references:\n"
                                               "ID  SOURCE  TARGET  TYPE  DISPLAY TEXT\n"
                                               "(none)\n");
}
