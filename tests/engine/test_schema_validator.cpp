#include "engine/schema_validator.hpp"

#include <doctest/doctest.h>

using ardoq::test::SchemaValidator;
namespace json = boost::json;

namespace {
SchemaValidator batch_schema() {
    return SchemaValidator::from_file(std::string(ARDOQ_SHARED_DIR) + "/ardoq/openapi.json", true);
}
std::string problems(const SchemaValidator& v, std::string_view text) {
    std::string out;
    for (const auto& e : v.validate(json::parse(text), "BatchRequest"))
        out += e + "\n";
    return out;
}
} // namespace

TEST_CASE("batch: the schema validator accepts a valid request") {
    auto v = batch_schema();
    CHECK(
        problems(v, R"({"components": {"upsert": [{"uniqueBy": ["customFields.k", "rootWorkspace"],
        "batchId": "c1", "body": {"rootWorkspace": "w", "typeId": "p1", "name": "A", "parent": null,
        "customFields": {"k": "a", "n": 1, "l": ["x"]}}}], "delete": [{"match": {"rootWorkspace": "w",
        "customFields": {"k": "b"}}}]}, "references": {"update": [{"id": "x", "ifVersionMatch": "latest",
        "body": {"displayText": "t"}}]}})") == "");
}

TEST_CASE("batch: the schema validator reports what is wrong, with the path") {
    auto v = batch_schema();
    CHECK(problems(v, R"({"components": {"create": [{"body": {"name": "A", "typeId": "p1"}}]}})") ==
          "$.components.create[0].body: missing required property \"rootWorkspace\"\n");
    CHECK(problems(
              v, R"({"components": {"update": [{"id": "x", "ifVersionMatch": 0, "body": {}}]}})") ==
          "$.components.update[0].ifVersionMatch: matches none of anyOf\n");
    CHECK(
        problems(
            v,
            R"({"components": {"update": [{"id": "x", "ifVersionMatch": "newest", "body": {}}]}})") ==
        "$.components.update[0].ifVersionMatch: matches none of anyOf\n");
    CHECK(
        problems(
            v,
            R"({"references": {"create": [{"body": {"source": "a", "target": "b", "type": "2"}}]}})") ==
        "$.references.create[0].body.type: expected integer, got string\n");
    CHECK(problems(v,
                   R"({"components": {"upsert": [{"uniqueBy": "name", "body": {"rootWorkspace": "w",
        "typeId": "p", "name": "n"}}]}})") ==
          "$.components.upsert[0].uniqueBy: expected array, got string\n");
    CHECK(problems(v, R"({"components": {"delete": [{"match": {"customFields": {"k": 1}}}]}})") ==
          "$.components.delete[0].match.customFields.k: expected string, got integer\n");
    CHECK(problems(v, R"({"components": {"upserts": []}})") ==
          "$.components.upserts: unknown property\n");
    CHECK(
        problems(
            v,
            R"({"references": {"create": [{"body": {"source": null, "target": "b", "type": 2}}]}})") ==
        "$.references.create[0].body.source: null is not allowed (type string)\n");
}

TEST_CASE("batch: the schema validator's lenient mode follows OpenAPI on unknown properties") {
    auto v =
        SchemaValidator::from_file(std::string(ARDOQ_SHARED_DIR) + "/ardoq/openapi.json", false);
    CHECK(v.validate(json::parse(R"({"components": {"upserts": []}})"), "BatchRequest").empty());
}
