// The JSON Schema of the mapping format and the loader must agree: every valid mapping
// (the samples, the test corpus, the examples of docs/mapping.md) passes both, and every
// mapping of the invalid corpus is rejected by both. The schema cannot express every rule
// (a `from:` naming a declared source, expression syntax): the invalid corpus holds the
// structural mistakes it can.

#include "tests/mappings/json_schema_check.hpp"
#include "tests/mappings/mapping_test_support.hpp"

#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace ardoq;
using namespace ardoq::test;
namespace fs = std::filesystem;

namespace {

const DraftSchemaValidator& schema() {
    static const DraftSchemaValidator v(
        json::parse(read_file(source_dir() + "/mappings/schema/mapping.schema.json")));
    return v;
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir))
        return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".yaml")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> schema_errors(const std::string& yaml) {
    return schema().validate(yaml_to_json(YAML::Load(yaml)));
}

// A file's text; the first line of an invalid mapping is "# expect: <first diagnostic>".
std::string expected_first_error(const std::string& text) {
    const std::string tag = "# expect: ";
    if (text.rfind(tag, 0) != 0)
        return {};
    return text.substr(tag.size(), text.find('\n') - tag.size());
}

} // namespace

TEST_CASE("mapping: the schema validator checks what the schema says") {
    DraftSchemaValidator v(json::parse(R"({
        "type": "object", "required": ["a"], "additionalProperties": false,
        "properties": {
            "a": {"type": "integer", "minimum": 1, "maximum": 3},
            "b": {"oneOf": [{"type": "string", "pattern": "^x"}, {"enum": [1, 2]}]},
            "c": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/s"}},
            "d": {"if": {"const": true}, "then": {"type": "boolean"}, "else": {"not": {"type": "null"}}},
            "e": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}, "minProperties": 1}
        },
        "$defs": {"s": {"type": "string", "minLength": 2}}
    })"));
    CHECK(v.validate(json::parse(R"({"a": 2, "b": "xy", "c": ["ab"], "d": 1, "e": {"k": 1}})"))
              .empty());
    CHECK(v.validate(json::parse(R"({"a": 2.0})")).empty());
    CHECK(v.validate(json::parse(R"({"a": 2.5})")) == std::vector<std::string>{"$.a: wrong type"});
    CHECK(v.validate(json::parse(R"({"a": 4})")) ==
          std::vector<std::string>{"$.a: above the maximum"});
    CHECK(v.validate(json::parse(R"({})")) == std::vector<std::string>{"$: missing a"});
    CHECK(v.validate(json::parse(R"({"a": 1, "z": 1})")) ==
          std::vector<std::string>{"$.z: not allowed"});
    CHECK(v.validate(json::parse(R"({"a": 1, "b": "yx"})")) ==
          std::vector<std::string>{"$.b: oneOf matched 0"});
    CHECK(v.validate(json::parse(R"({"a": 1, "c": []})")) ==
          std::vector<std::string>{"$.c: too few items"});
    CHECK(v.validate(json::parse(R"({"a": 1, "c": ["a"]})")) ==
          std::vector<std::string>{"$.c[0]: too short"});
    CHECK(v.validate(json::parse(R"({"a": 1, "d": null})")) ==
          std::vector<std::string>{"$.d: matches a schema it must not"});
    CHECK(v.validate(json::parse(R"({"a": 1, "e": {"K": 1}})")) ==
          std::vector<std::string>{"$.e.K(name): does not match ^[a-z]+$"});
    CHECK(v.validate(json::parse(R"({"a": 1, "e": {}})")) ==
          std::vector<std::string>{"$.e: too few members"});
    CHECK_THROWS_AS(
        DraftSchemaValidator(json::parse(R"({"uniqueItems": true})")).validate(json::value(1)),
        std::logic_error);
}

TEST_CASE("mapping: YAML becomes JSON with the loader's scalar rules") {
    auto v =
        yaml_to_json(YAML::Load("a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: [x, null]\ng: yes\n"));
    CHECK(json::serialize(v) ==
          R"({"a":1,"b":"1","c":true,"d":null,"e":1.5E0,"f":["x",null],"g":"yes"})");
}

TEST_CASE("mapping: every valid mapping passes the schema and the loader") {
    std::vector<fs::path> files = yaml_files(source_dir() + "/tests/mappings/data/valid");
    REQUIRE(files.size() >= 4);
    if (fs::exists(source_dir() + "/samples"))
        for (const auto& dir : fs::directory_iterator(source_dir() + "/samples"))
            if (fs::exists(dir.path() / "mapping.yaml"))
                files.push_back(dir.path() / "mapping.yaml");
    for (const auto& file : files) {
        const std::string text = read_file(file.string());
        INFO(file.string());
        CHECK(schema_errors(text) == std::vector<std::string>{});
        CHECK(load_errors(text, {{"DATA", "data"}, {"ARDOQ_WORKSPACE", "W"}}) == "");
    }
}

TEST_CASE("mapping: the loader and the schema both reject every invalid mapping") {
    const auto files = yaml_files(source_dir() + "/tests/mappings/data/invalid");
    REQUIRE(files.size() >= 30);
    for (const auto& file : files) {
        const std::string text = read_file(file.string());
        INFO(file.string());
        const std::string errors = load_errors(text);
        const std::string first = errors.substr(0, errors.find('\n'));
        CHECK(first == expected_first_error(text));
        CHECK_FALSE(schema_errors(text).empty());
    }
}
