#include "connectors/sources/json_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using model::SourceFormat;
using test::data_spec;
using test::input_error;
using test::read_all;

namespace {

std::vector<std::string> read_json(const model::SourceSpec& spec) {
    connectors::JsonSource source(spec);
    return read_all(source);
}

std::string json_error(const model::SourceSpec& spec) {
    return input_error([&] { read_json(spec); });
}

model::SourceSpec pointer_spec(const std::string& file, const std::string& pointer) {
    auto spec = data_spec(SourceFormat::json, file);
    spec.records_pointer = pointer;
    return spec;
}

} // namespace

TEST_CASE("connectors: json top-level array keeps nesting, number kinds and escapes") {
    CHECK(
        read_json(data_spec(SourceFormat::json, "json/array.json")) ==
        std::vector<std::string>{
            R"(L2 R1 {"id":1,"name":"Billing","owner":{"email":"ann@example.com","teams":["a","b"]},"tags":["x","y"],"cost":12.5,"live":true,"note":null})",
            R"(L4 R2 {"id":-9223372036854775808,"name":"Zürich ☃ 😀 café","owner":null,"tags":null,"cost":1e+300,"live":null,"note":null,"extra":{"deep":[[1,2],{"k":false}]}})",
            R"(L6 R3 {"id":9223372036854775807,"name":"esc \"q\" \\ / \b\f\n\r\t","owner":null,"tags":null,"cost":null,"live":null,"note":null,"extra":null,"big":18446744073709551616,"tiny":-5e-04})",
            R"(L7 R4 {"id":null,"name":null,"owner":null,"tags":null,"cost":null,"live":null,"note":null,"extra":null,"big":null,"tiny":null})",
        });
}

TEST_CASE("connectors: json values are typed and a new field makes a new schema") {
    auto spec = data_spec(SourceFormat::json, "json/array.json"); // outlives the source
    connectors::JsonSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    auto first = r.schema;
    CHECK(first->size() == 7);
    CHECK(r.get("id")->is_int());
    CHECK(r.get("cost")->is_double());
    CHECK(r.get("live")->as_bool());
    REQUIRE(r.get("owner")->is_object());
    CHECK(r.get("owner")->find("email")->as_string() == "ann@example.com");
    CHECK(r.get("tags")->as_list().at(1).as_string() == "y");
    REQUIRE(source.next(r));
    CHECK(r.schema != first);
    CHECK(first->size() == 7); // records already read keep their schema
    CHECK(r.schema->names().back() == "extra");
    CHECK(r.get("id")->as_int() == INT64_MIN);
    REQUIRE(source.next(r));
    CHECK(r.get("id")->as_int() == INT64_MAX);
    CHECK(r.get("big")->is_double());
    auto third = r.schema;
    REQUIRE(source.next(r));
    CHECK(r.schema == third); // no new names, same schema
}

TEST_CASE("connectors: json records at a JSON Pointer, the rest of the document skipped") {
    CHECK(read_json(pointer_spec("json/pointer.json", "/data/items")) ==
          std::vector<std::string>{R"(L3 R1 {"id":"a1","name":"One"})",
                                   R"(L4 R2 {"id":"a2","name":"Two"})"});
    CHECK(read_json(pointer_spec("json/pointer_index.json", "/pages/1/items")) ==
          std::vector<std::string>{R"(L1 R1 {"id":2})", R"(L1 R2 {"id":3})"});
    CHECK(read_json(pointer_spec("json/pointer_index.json", "/a~1b/c~0d")) ==
          std::vector<std::string>{R"(L1 R1 {"id":9})"});
    CHECK(read_json(data_spec(SourceFormat::json, "json/empty_array.json")).empty());
}

TEST_CASE("connectors: json pointer that leads nowhere") {
    CHECK(json_error(pointer_spec("json/pointer.json", "/data/nope")) ==
          "json/pointer.json:2:10: error: JSON Pointer /data/nope: /data has no member \"nope\"\n"
          "  hint: its members are: \"total\", \"items\", \"after\"");
    CHECK(json_error(pointer_spec("json/pointer.json", "/nope")) ==
          "json/pointer.json:1:1: error: JSON Pointer /nope: the top-level object has no member "
          "\"nope\"\n  hint: its members are: \"meta\", \"data\", \"tail\"");
    CHECK(json_error(pointer_spec("json/pointer_index.json", "/pages/5/items")) ==
          "json/pointer_index.json:1:11: error: JSON Pointer /pages/5/items: /pages has only 2 "
          "elements\n  hint: array indexes start at 0");
    CHECK(json_error(pointer_spec("json/pointer_index.json", "/pages/x")) ==
          "json/pointer_index.json:1:11: error: JSON Pointer /pages/x: /pages is an array, and "
          "\"x\" is not an index\n  hint: address array elements by number, e.g. /pages/0");
    CHECK(json_error(pointer_spec("json/pointer.json", "/meta/count")) ==
          "json/pointer.json:1:54: error: JSON Pointer /meta/count points to a number, not an "
          "array\n  hint: point records: at an array of objects");
    CHECK(json_error(pointer_spec("json/pointer.json", "/data/total/x")) ==
          "json/pointer.json:2:20: error: JSON Pointer /data/total/x: /data/total is a number, not "
          "an object or an array\n  hint: point records: at an array of objects");
    CHECK(json_error(pointer_spec("json/pointer.json", "data")) ==
          "mapping.yaml:3:5: error: records: \"data\" is not a JSON Pointer\n"
          "  hint: a JSON Pointer starts with '/', e.g. records: /data");
    CHECK(json_error(pointer_spec("json/pointer.json", "/a~2")) ==
          "mapping.yaml:3:5: error: records: \"/a~2\" has an invalid escape '~'\n"
          "  hint: in a JSON Pointer write '~' as ~0 and '/' as ~1");
}

TEST_CASE("connectors: json document errors carry line and column") {
    CHECK(json_error(data_spec(SourceFormat::json, "json/truncated.json")) ==
          "json/truncated.json:4:1: error: unexpected end of file inside the object opened at "
          "line 3, column 3\n  hint: the file is truncated or a closing bracket is missing");
    CHECK(json_error(data_spec(SourceFormat::json, "json/not_array.json")) ==
          "json/not_array.json:1:1: error: expected a JSON array of records at the top level, "
          "found an object\n  hint: point records: at the array inside the object, e.g. "
          "records: /items");
    CHECK(json_error(data_spec(SourceFormat::json, "json/bad_record.json")) ==
          "json/bad_record.json:1:13: error: record 2 is a number, not an object\n"
          "  hint: records must be JSON objects: [{\"id\": 1, ...}, ...]");
    CHECK(json_error(data_spec(SourceFormat::json, "json/bad_utf8.json")) ==
          "json/bad_utf8.json:2:15: error: invalid UTF-8 byte 0xe9\n"
          "  hint: save the file as UTF-8");
    CHECK(json_error(data_spec(SourceFormat::json, "json/trailing_comma.json")) ==
          "json/trailing_comma.json:2:1: error: unexpected ']' after ','\n"
          "  hint: remove the trailing comma");
    CHECK(json_error(data_spec(SourceFormat::json, "json/duplicate_key.json")) ==
          "json/duplicate_key.json:1:25: error: duplicate member name \"id\"\n"
          "  hint: each name may appear once in a record");
    CHECK(json_error(data_spec(SourceFormat::json, "json/trailing_garbage.json")) ==
          "json/trailing_garbage.json:2:1: error: unexpected '[' after the end of the JSON "
          "document\n  hint: a JSON file holds one document; for one object per line use jsonl:");
    CHECK(json_error(data_spec(SourceFormat::json, "json/missing_colon.json")) ==
          "json/missing_colon.json:1:8: error: expected ':' after the member name, found '1'");
    CHECK(json_error(data_spec(SourceFormat::json, "json/bad_number.json")) ==
          "json/bad_number.json:1:9: error: invalid number \"012\"\n  hint: JSON numbers look "
          "like 12, -3.5 or 1e6 (no leading zeros, '+' or trailing '.')");
    CHECK(json_error(data_spec(SourceFormat::json, "json/unterminated_string.json")) ==
          "json/unterminated_string.json:1:15: error: the line ends inside a string\n"
          "  hint: close the string with '\"'; write a line break inside it as \\n");
}

TEST_CASE("connectors: json a UTF-8 byte order mark is skipped") {
    auto spec = data_spec(SourceFormat::json, "json/bom.json");
    connectors::JsonSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    CHECK(test::render(r) == R"(L1 R1 {"id":1})");
    CHECK(input_error([&] { source.next(r); }) ==
          "json/bom.json:2:9: error: expected a value, found 'x'");
}

TEST_CASE("connectors: json nesting deeper than the limit is an error, not a crash") {
    CHECK(json_error(data_spec(SourceFormat::json, "json/deep.json")) ==
          "json/deep.json:1:262: error: JSON nesting is deeper than 256 levels\n"
          "  hint: flatten the data; values nested this deep cannot be mapped");
    auto spec = data_spec(SourceFormat::json, "json/array.json");
    spec.limits.max_depth = 3;
    CHECK(json_error(spec) == "json/array.json:2:79: error: JSON nesting is deeper than 3 levels\n"
                              "  hint: flatten the data; values nested this deep cannot be mapped");
}

TEST_CASE("connectors: json limits on record size and field count") {
    auto spec = data_spec(SourceFormat::json, "json/array.json");
    spec.limits.max_record_bytes = 100;
    spec.limits.read_chunk_bytes = 8;
    CHECK(json_error(spec) == "json/array.json:2:3: error: record is larger than 100 bytes\n"
                              "  hint: split the record, or check that the file is not truncated "
                              "or malformed here");
    spec = data_spec(SourceFormat::json, "json/array.json");
    spec.limits.max_columns = 8;
    CHECK(json_error(spec) ==
          "json/array.json:6:69: error: more than 8 distinct member names in the records\n"
          "  hint: records of one source should share their field names");
}

TEST_CASE("connectors: json records do not depend on where the read buffer ends") {
    std::vector<std::pair<std::string, std::string>> files = {
        {"json/array.json", ""},
        {"json/pointer.json", "/data/items"},
        {"json/pointer_index.json", "/pages/1/items"}};
    for (const auto& [file, pointer] : files) {
        CAPTURE(file);
        auto spec = pointer_spec(file, pointer);
        auto expected = read_json(spec);
        for (std::size_t chunk : {1, 2, 3, 5, 7, 13}) {
            CAPTURE(chunk);
            spec.limits.read_chunk_bytes = chunk;
            CHECK(read_json(spec) == expected);
        }
    }
    auto spec = data_spec(SourceFormat::json, "json/bad_utf8.json");
    spec.limits.read_chunk_bytes = 1;
    CHECK(json_error(spec) == "json/bad_utf8.json:2:15: error: invalid UTF-8 byte 0xe9\n"
                              "  hint: save the file as UTF-8");
}
